/*
 * cli_util — option parsing and help from one table, input loading, output
 * and error reporting shared by all subcommands.
 */
#include "cli.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *cli_directory;
size_t cli_max_size = CLI_MAX_SIZE_DEFAULT;

int cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("redline: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return CLI_TROUBLE;
}

int cli_lib_error(void)
{
	const char *m = rl_error_last();

	return cli_error("%s", *m ? m : "unknown error");
}

static const cli_opt common_opts[] = {
	{"max-size", OPT_MAX_SIZE, "SIZE", "refuse inputs over SIZE bytes (K, M, G; default 256M, "
	 "at most 4G)"},
	{"help", OPT_HELP, NULL, "show this help and exit"},
	{NULL, 0, NULL, NULL}
};

void cli_help(FILE *f, const char *cmd, const char *usage, const char *about, const cli_opt *opts)
{
	const cli_opt *tables[2] = {opts, common_opts};

	fprintf(f, "usage: redline %s %s\n\n%s\n\noptions:\n", cmd, usage, about);
	for (int t = 0; t < 2; t++) {
		for (const cli_opt *o = tables[t]; o && o->name; o++) {
			char left[64];
			int n;

			if (o->key < 256)
				n = snprintf(left, sizeof(left), "-%c, --%s%s%s", o->key, o->name,
				             o->arg ? "=" : "", o->arg ? o->arg : "");
			else
				n = snprintf(left, sizeof(left), "    --%s%s%s", o->name, o->arg ? "=" : "",
				             o->arg ? o->arg : "");
			if (n < 28)
				fprintf(f, "  %-28s %s\n", left, o->help);
			else
				fprintf(f, "  %s\n  %-28s %s\n", left, "", o->help);
		}
	}
	/* a command whose exit status differs says so in its `about` */
	if (!strcasestr(about, "exit status:"))
		fputs("\nexit status: 0 same, 1 different, 2 trouble.\n", f);
}

int cli_parse(int argc, char **argv, const char *cmd, const char *usage, const char *about,
              const cli_opt *opts, int (*on_opt)(int key, const char *arg, void *ctx), void *ctx)
{
	struct option lo[64];
	char shorts[128];
	size_t n = 0, s = 0;
	const cli_opt *tables[2] = {opts, common_opts};
	int c;

	/* no leading '+': options may follow operands, as in the documented
	 * synopses ("redline add FILE --date DATE"); "--" still ends them */
	shorts[s++] = ':';
	for (int t = 0; t < 2; t++)
		for (const cli_opt *o = tables[t]; o && o->name && n < 63; o++) {
			lo[n].name = o->name;
			lo[n].has_arg = o->arg ? required_argument : no_argument;
			lo[n].flag = NULL;
			lo[n].val = o->key;
			n++;
			if (o->key < 256 && s + 3 < sizeof(shorts)) {
				shorts[s++] = (char)o->key;
				if (o->arg)
					shorts[s++] = ':';
			}
		}
	memset(&lo[n], 0, sizeof(lo[n]));
	shorts[s] = '\0';
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		if (c == OPT_HELP) {
			cli_help(stdout, cmd, usage, about, opts);
			return -1;
		}
		if (c == OPT_MAX_SIZE) {
			if (cli_parse_size(optarg, &cli_max_size) < 0) {
				cli_error("%s: --max-size needs a size from 1 to 4G, such as 512M", cmd);
				return -2;
			}
			continue;
		}
		if (c == '?') {
			if (optopt && optopt < 256)
				cli_error("%s: unknown option -%c (see 'redline %s --help')", cmd, optopt, cmd);
			else
				cli_error("%s: unknown option %s (see 'redline %s --help')", cmd,
				          argv[optind - 1], cmd);
			return -2;
		}
		if (c == ':') {
			cli_error("%s: option %s needs a value", cmd, argv[optind - 1]);
			return -2;
		}
		if (on_opt(c, optarg, ctx) != 0)
			return -2;
	}
	return optind;
}

int cli_write_stdout(const char *data, size_t len, void *payload)
{
	(void)payload;
	return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

int cli_color_option(const char *arg, int *when)
{
	if (!strcmp(arg, "auto"))
		*when = 0;
	else if (!strcmp(arg, "always"))
		*when = 1;
	else if (!strcmp(arg, "never"))
		*when = 2;
	else
		return -1;
	return 0;
}

int cli_use_color(int when)
{
	const char *nc;

	if (when == 1)
		return 1;
	if (when == 2)
		return 0;
	nc = getenv("NO_COLOR");
	if (nc && *nc)
		return 0;
	return isatty(STDOUT_FILENO);
}

int cli_mode_option(const char *arg, rl_mode *mode)
{
	static const char *const names[] = {"auto", "versions", "related"};

	for (int i = 0; i < 3; i++)
		if (!strcmp(arg, names[i])) {
			*mode = (rl_mode)i;
			return 0;
		}
	return -1;
}

int cli_format_option(const char *arg, rl_format *format)
{
	static const struct { const char *name; rl_format f; } names[] = {
		{"text", RL_FORMAT_TEXT}, {"json", RL_FORMAT_JSON}, {"html", RL_FORMAT_HTML},
		{"markdown", RL_FORMAT_MARKDOWN}, {"md", RL_FORMAT_MARKDOWN}
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(arg, names[i].name)) {
			*format = names[i].f;
			return 0;
		}
	return -1;
}

int cli_parse_double(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int cli_parse_size(const char *s, size_t *out)
{
	unsigned long long v = 0;
	int shift = 0;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (unsigned)(*s - '0');
		if (v > RL_DOC_MAX_SIZE)
			return -1;
	}
	if (*s == 'K' || *s == 'k')
		shift = 10;
	else if (*s == 'M' || *s == 'm')
		shift = 20;
	else if (*s == 'G' || *s == 'g')
		shift = 30;
	if (shift)
		s++;
	if (*s || v == 0)
		return -1;
	/* 4G stands for the largest input redline addresses, 2 bytes less */
	if (v << shift > (unsigned long long)1 << 32)
		return -1;
	*out = v << shift > RL_DOC_MAX_SIZE ? RL_DOC_MAX_SIZE : (size_t)(v << shift);
	return 0;
}

int cli_limit_hint(int err)
{
	char msg[512];

	if (err != RL_ELIMIT)
		return err;
	snprintf(msg, sizeof(msg), "%s", rl_error_last());
	if (cli_max_size >= RL_DOC_MAX_SIZE)
		return rl_error_set(err, "%s (redline reads at most 4G)", msg);
	return rl_error_set(err, "%s; --max-size=SIZE raises the limit (at most 4G)", msg);
}

int cli_load(rl_doc **out, const char *arg)
{
	struct stat st;

	if (strcmp(arg, "-") == 0)
		return cli_limit_hint(rl_doc_load_file_max(out, "-", "(standard input)", cli_max_size));
	/* corpus hook: REV:NAME and :NAME when no such file exists (cmd_corpus.c) */
	if (stat(arg, &st) != 0 && strchr(arg, ':'))
		return cli_limit_hint(cli_corpus_load(out, arg));
	return cli_limit_hint(rl_doc_load_file_max(out, arg, NULL, cli_max_size));
}

typedef struct load_job {
	rl_doc *doc;
	const char *arg;
	int err;
	char msg[512];
} load_job;

static void *load_run(void *arg)
{
	load_job *j = arg;

	if ((j->err = cli_load(&j->doc, j->arg)) < 0)
		snprintf(j->msg, sizeof(j->msg), "%s", rl_error_last());
	return NULL;
}

int cli_load_two(rl_doc **a, const char *arg_a, rl_doc **b, const char *arg_b)
{
	load_job j = {NULL, arg_b, 0, ""};
	struct stat st;
	pthread_t tid;
	int started = strcmp(arg_b, "-") != 0 && stat(arg_b, &st) == 0 && S_ISREG(st.st_mode) &&
	              pthread_create(&tid, NULL, load_run, &j) == 0;
	int err = cli_load(a, arg_a);

	if (started)
		pthread_join(tid, NULL);
	else if (err == 0)
		load_run(&j);
	if (err == 0 && j.err < 0)
		err = rl_error_set(j.err, "%s", j.msg);
	if (err < 0) {
		rl_doc_free(*a);
		rl_doc_free(j.doc);
		*a = j.doc = NULL;
	}
	*b = j.doc;
	return err;
}
