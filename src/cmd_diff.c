/*
 * cmd_diff — `redline diff OLD NEW` and `redline paragraphs FILE`.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum {
	OPT_FORMAT = 'f', OPT_MODE = 'm', OPT_ALL = 'a',
	OPT_COLOR = 256, OPT_MIN_SIM, OPT_LANG, OPT_NO_SENTENCES, OPT_CHANGES, OPT_TITLE
};

typedef cli_diff_args diff_args;

static const cli_opt diff_opts[] = {
	{"format", OPT_FORMAT, "FORMAT", "output format: text (default), json, html or markdown"},
	{"mode", OPT_MODE, "MODE", "auto (default), versions or related"},
	{"all", OPT_ALL, NULL, "text and markdown output: show equal paragraphs too"},
	{"title", OPT_TITLE, "TITLE", "html and markdown output: the report's title"},
	{"color", OPT_COLOR, "WHEN", "colour: auto (default: on a terminal, unless NO_COLOR), always, never"},
	{"min-similarity", OPT_MIN_SIM, "X", "related mode: keep links scoring at least X (0..1)"},
	{"lang", OPT_LANG, "LANG", "language of the texts (nl, en, ...; default: detect)"},
	{"changes", OPT_CHANGES, "TYPES", "semantic changes to report, comma-separated: number, date, "
	 "negation, modality, entity, term (or entity_added, ...), all (default) or none"},
	{NULL, 0, NULL, NULL}
};

const cli_opt *const cli_diff_opts = diff_opts;

/* "number,negation,entity" -> a bit set of change types; "entity" and
 * "term" stand for both directions.  Returns 0 or -1 for an unknown name. */
static int parse_changes(const char *arg, unsigned *out)
{
	const char *p = arg;

	*out = 0;
	while (*p) {
		size_t len = strcspn(p, ",");
		char name[32];
		int t;

		if (len >= sizeof(name))
			return -1;
		memcpy(name, p, len);
		name[len] = '\0';
		if (!strcmp(name, "all"))
			*out |= RL_CHANGES_ALL;
		else if (!strcmp(name, "entity"))
			*out |= 1u << RL_CHANGE_ENTITY_ADDED | 1u << RL_CHANGE_ENTITY_REMOVED;
		else if (!strcmp(name, "term"))
			*out |= 1u << RL_CHANGE_TERM_ADDED | 1u << RL_CHANGE_TERM_REMOVED;
		else if ((t = rl_change_type_from_name(name)) >= 0)
			*out |= 1u << t;
		else if (strcmp(name, "none"))
			return -1;
		p += len + (p[len] == ',');
	}
	return 0;
}

int cli_diff_opt(int key, const char *arg, void *ctx)
{
	diff_args *a = ctx;

	switch (key) {
	case OPT_FORMAT:
		if (cli_format_option(arg, &a->render.format) < 0)
			return cli_error("diff: unknown format '%s' (text, json, html, markdown)", arg);
		return 0;
	case OPT_MODE:
		if (cli_mode_option(arg, &a->opts.mode) < 0)
			return cli_error("diff: unknown mode '%s' (auto, versions, related)", arg);
		return 0;
	case OPT_ALL:
		a->render.show_equal = 1;
		return 0;
	case OPT_COLOR:
		if (cli_color_option(arg, &a->color_when) < 0)
			return cli_error("diff: --color must be auto, always or never");
		return 0;
	case OPT_MIN_SIM:
		if (cli_parse_double(arg, 0, 1, &a->opts.min_similarity) < 0)
			return cli_error("diff: --min-similarity needs a number from 0 to 1");
		return 0;
	case OPT_LANG:
		a->opts.lang = arg;
		return 0;
	case OPT_CHANGES:
		if (parse_changes(arg, &a->opts.changes) < 0)
			return cli_error("diff: unknown change type in '%s' (number, date, negation, "
			                 "modality, entity, term, all, none)", arg);
		return 0;
	case OPT_TITLE:
		a->render.title = arg;
		return 0;
	}
	return 1;
}

int cmd_diff(int argc, char **argv)
{
	diff_args a;
	rl_doc *old_doc = NULL, *new_doc = NULL;
	rl_comparison *cmp = NULL;
	int first, status = CLI_TROUBLE;

	memset(&a, 0, sizeof(a));
	rl_options_init(&a.opts);
	rl_render_options_init(&a.render);
	first = cli_parse(argc, argv, "diff", "[OPTIONS] OLD NEW | REV1 REV2 [NAME...]",
	                  "Align the paragraphs of OLD and NEW and show the word-level differences\n"
	                  "inside every aligned pair.  OLD and NEW are files, - for standard input,\n"
	                  "or REV:NAME from the corpus.  Given two revisions of the corpus, compare\n"
	                  "every document changed between them (or the NAMEs), one block each (in\n"
	                  "HTML and Markdown one report with a section each).",
	                  diff_opts, cli_diff_opt, &a);
	if (first < 0)
		return first == -1 ? CLI_SAME : CLI_TROUBLE;
	a.render.color = a.render.format == RL_FORMAT_TEXT && cli_use_color(a.color_when);
	a.opts.heatmap = a.render.format == RL_FORMAT_HTML;
	/* corpus hook: REV1 REV2 [NAME...] (cmd_corpus.c) */
	if (cli_diff_is_revisions(argc - first, argv + first))
		return cli_diff_revisions(argc - first, argv + first, &a.opts, &a.render);
	if (argc - first != 2)
		return cli_error("diff: expected two inputs, OLD and NEW (see 'redline diff --help')");
	if (!strcmp(argv[first], "-") && !strcmp(argv[first + 1], "-"))
		return cli_error("diff: only one input can be standard input");
	if (cli_load_two(&old_doc, argv[first], &new_doc, argv[first + 1]) < 0 ||
	    rl_compare(&cmp, old_doc, new_doc, &a.opts) < 0 ||
	    rl_render(cmp, &a.render, cli_write_stdout, NULL) < 0) {
		cli_lib_error();
		goto done;
	}
	if (fflush(stdout) != 0) {
		cli_error("diff: cannot write the output");
		goto done;
	}
	status = rl_comparison_is_equal(cmp) ? CLI_SAME : CLI_DIFFERENT;
done:
	rl_comparison_free(cmp);
	rl_doc_free(old_doc);
	rl_doc_free(new_doc);
	return status;
}

/* ---- paragraphs ---------------------------------------------------------- */

typedef struct para_args {
	int json;
	int sentences;
} para_args;

static const cli_opt para_opts[] = {
	{"format", OPT_FORMAT, "FORMAT", "output format: text (default) or json"},
	{"no-sentences", OPT_NO_SENTENCES, NULL, "do not show sentences"},
	{NULL, 0, NULL, NULL}
};

static int para_opt(int key, const char *arg, void *ctx)
{
	para_args *a = ctx;

	if (key == OPT_FORMAT) {
		if (strcmp(arg, "text") && strcmp(arg, "json"))
			return cli_error("paragraphs: unknown format '%s' (text, json)", arg);
		a->json = !strcmp(arg, "json");
		return 0;
	}
	if (key == OPT_NO_SENTENCES) {
		a->sentences = 0;
		return 0;
	}
	return 1;
}

static void json_str(const char *s, size_t len)
{
	putchar('"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c < 0x20 || c == 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

int cmd_paragraphs(int argc, char **argv)
{
	para_args a = {0, 1};
	rl_doc *doc = NULL;
	rl_paragraph *sent = NULL;
	size_t len, ms, me, n;
	const char *data;
	int first;

	first = cli_parse(argc, argv, "paragraphs", "[OPTIONS] FILE",
	                  "Show the paragraphs and sentences redline finds in FILE, with their byte\n"
	                  "spans [start, end).  Headings and a leading metadata line are marked.",
	                  para_opts, para_opt, &a);
	if (first < 0)
		return first == -1 ? CLI_SAME : CLI_TROUBLE;
	if (argc - first != 1)
		return cli_error("paragraphs: expected one input (see 'redline paragraphs --help')");
	if (cli_load(&doc, argv[first]) < 0)
		return cli_lib_error();
	data = rl_doc_data(doc, &len);
	n = rl_doc_paragraph_count(doc);
	if (a.json) {
		fputs("{\"format\": \"redline-paragraphs/1\", \"name\": ", stdout);
		json_str(rl_doc_name(doc), strlen(rl_doc_name(doc)));
		if (rl_doc_metadata(doc, &ms, &me)) {
			printf(", \"metadata\": {\"start\": %zu, \"end\": %zu, \"text\": ", ms, me);
			json_str(data + ms, me - ms);
			putchar('}');
		}
		fputs(", \"paragraphs\": [", stdout);
	} else if (rl_doc_metadata(doc, &ms, &me)) {
		printf("metadata [%zu, %zu): %.*s\n\n", ms, me, (int)(me - ms), data + ms);
	}
	for (size_t i = 0; i < n; i++) {
		rl_paragraph p = rl_doc_paragraph(doc, i);
		long ns = a.sentences ? rl_doc_sentences(doc, i, NULL, 0) : 0;

		if (ns < 0)
			goto fail;
		free(sent);
		sent = calloc((size_t)ns + 1, sizeof(*sent));
		if (!sent || rl_doc_sentences(doc, i, sent, (size_t)ns) < 0)
			goto fail;
		if (a.json) {
			printf("%s\n  {\"start\": %zu, \"end\": %zu, \"heading\": %s, \"text\": ", i ? "," : "",
			       p.start, p.end, p.flags & RL_PARA_HEADING ? "true" : "false");
			json_str(data + p.start, p.end - p.start);
			if (a.sentences) {
				fputs(", \"sentences\": [", stdout);
				for (long k = 0; k < ns; k++)
					printf("%s{\"start\": %zu, \"end\": %zu}", k ? ", " : "", sent[k].start,
					       sent[k].end);
				putchar(']');
			}
			putchar('}');
			continue;
		}
		printf("¶%zu [%zu, %zu)%s\n", i + 1, p.start, p.end,
		       p.flags & RL_PARA_HEADING ? " heading" : "");
		if (a.sentences && ns > 1)
			for (long k = 0; k < ns; k++)
				printf("  %ld. %.*s\n", k + 1, (int)(sent[k].end - sent[k].start),
				       data + sent[k].start);
		else
			printf("  %.*s\n", (int)(p.end - p.start), data + p.start);
	}
	if (a.json)
		fputs("\n]}\n", stdout);
	else
		printf("\n%zu paragraphs\n", n);
	free(sent);
	rl_doc_free(doc);
	return fflush(stdout) == 0 ? CLI_SAME : cli_error("paragraphs: cannot write the output");
fail:
	free(sent);
	rl_doc_free(doc);
	return cli_lib_error();
}
