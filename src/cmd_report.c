/*
 * cmd_report — `redline report OLD NEW...`: OLD compared with each NEW in
 * turn, all rendered as one report (HTML by default, Markdown or text), so
 * that one page shows how a text was taken up by several later ones.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum {
	OPT_FORMAT = 'f', OPT_MODE = 'm', OPT_ALL = 'a',
	OPT_MIN_SIM = 256, OPT_LANG, OPT_TITLE
};

typedef struct report_args {
	rl_options opts;
	rl_render_options render;
} report_args;

static const cli_opt report_opts[] = {
	{"format", OPT_FORMAT, "FORMAT", "output format: html (default), markdown or text"},
	{"mode", OPT_MODE, "MODE", "auto (default), versions or related"},
	{"all", OPT_ALL, NULL, "text and markdown output: show equal paragraphs too"},
	{"title", OPT_TITLE, "TITLE", "the report's title (default: from the names)"},
	{"min-similarity", OPT_MIN_SIM, "X", "related mode: keep links scoring at least X (0..1)"},
	{"lang", OPT_LANG, "LANG", "language of the texts (nl, en, ...; default: detect)"},
	{NULL, 0, NULL, NULL}
};

static int report_opt(int key, const char *arg, void *ctx)
{
	report_args *a = ctx;

	switch (key) {
	case OPT_FORMAT:
		if (cli_format_option(arg, &a->render.format) < 0 || a->render.format == RL_FORMAT_JSON)
			return cli_error("report: unknown format '%s' (html, markdown, text)", arg);
		return 0;
	case OPT_MODE:
		if (cli_mode_option(arg, &a->opts.mode) < 0)
			return cli_error("report: unknown mode '%s' (auto, versions, related)", arg);
		return 0;
	case OPT_ALL:
		a->render.show_equal = 1;
		return 0;
	case OPT_TITLE:
		a->render.title = arg;
		return 0;
	case OPT_MIN_SIM:
		if (cli_parse_double(arg, 0, 1, &a->opts.min_similarity) < 0)
			return cli_error("report: --min-similarity needs a number from 0 to 1");
		return 0;
	case OPT_LANG:
		a->opts.lang = arg;
		return 0;
	}
	return 1;
}

int cmd_report(int argc, char **argv)
{
	report_args a;
	rl_doc **docs = NULL;
	rl_comparison **cmps = NULL;
	size_t n = 0;
	int first, stdin_used = 0, status = CLI_TROUBLE, equal = 1;

	memset(&a, 0, sizeof(a));
	rl_options_init(&a.opts);
	rl_render_options_init(&a.render);
	a.render.format = RL_FORMAT_HTML;
	first = cli_parse(argc, argv, "report", "[OPTIONS] OLD NEW...",
	                  "Compare OLD with each NEW in turn and write one report of all the\n"
	                  "comparisons to standard output: an HTML page (self-contained, with a\n"
	                  "summary, a similarity heatmap and the texts side by side for each),\n"
	                  "Markdown or text.  Inputs are files or - for standard input (once).",
	                  report_opts, report_opt, &a);
	if (first < 0)
		return first == -1 ? CLI_SAME : CLI_TROUBLE;
	if (argc - first < 2)
		return cli_error("report: expected OLD and at least one NEW (see 'redline report --help')");
	for (int i = first; i < argc; i++)
		if (!strcmp(argv[i], "-") && stdin_used++)
			return cli_error("report: only one input can be standard input");
	a.opts.heatmap = a.render.format == RL_FORMAT_HTML;
	n = (size_t)(argc - first - 1);
	docs = calloc(n + 1, sizeof(*docs));
	cmps = calloc(n, sizeof(*cmps));
	if (!docs || !cmps) {
		cli_error("report: out of memory");
		goto done;
	}
	if (cli_load(&docs[0], argv[first]) < 0) {
		cli_lib_error();
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		if (cli_load(&docs[i + 1], argv[first + 1 + (int)i]) < 0 ||
		    rl_compare(&cmps[i], docs[0], docs[i + 1], &a.opts) < 0) {
			cli_lib_error();
			goto done;
		}
		equal &= rl_comparison_is_equal(cmps[i]);
	}
	if (rl_render_report((const rl_comparison *const *)cmps, n, &a.render, cli_write_stdout,
	                     NULL) < 0) {
		cli_lib_error();
		goto done;
	}
	if (fflush(stdout) != 0) {
		cli_error("report: cannot write the output");
		goto done;
	}
	status = equal ? CLI_SAME : CLI_DIFFERENT;
done:
	for (size_t i = 0; cmps && i < n; i++)
		rl_comparison_free(cmps[i]);
	for (size_t i = 0; docs && i <= n; i++)
		rl_doc_free(docs[i]);
	free(cmps);
	free(docs);
	return status;
}
