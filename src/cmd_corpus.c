/*
 * cmd_corpus — the corpus subcommands: init, add, log, show (trace and
 * check follow), and the hooks that let other commands read REV:NAME and
 * compare two revisions.  Library calls do the work; this file parses
 * options, prints and maps results to exit codes.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "corpus.h"
#include "util.h"

enum {
	OPT_MESSAGE = 'm', OPT_FMT = 'f', OPT_REV = 'r',
	OPT_AS = 300, OPT_DATE
};

static int open_corpus(rl_corpus **c)
{
	char *cwd = getcwd(NULL, 0);
	int err = rl_corpus_open(c, cwd ? cwd : ".");

	free(cwd);
	return err < 0 ? cli_lib_error() : 0;
}

/* stderr shows progress only on a terminal. */
static int progress(size_t done, size_t total, void *payload)
{
	const char *what = payload;

	if (done == total)
		fprintf(stderr, "\r\033[K");
	else if (done % 16 == 0)
		fprintf(stderr, "\r%s: %zu/%zu", what, done, total);
	return 0;
}

static rl_progress_fn progress_fn(size_t total)
{
	return total >= 64 && isatty(STDERR_FILENO) ? progress : NULL;
}

/* ---- init -------------------------------------------------------------- */

static const cli_opt no_opts[] = {{NULL, 0, NULL, NULL}};

static int no_opt(int key, const char *arg, void *ctx)
{
	return 1;
}

int cmd_init(int argc, char **argv)
{
	rl_corpus *c = NULL;
	const char *dir;
	int first, created;

	first = cli_parse(argc, argv, "init", "[DIR]",
	                  "Create a corpus in DIR (default: the current directory): an ordinary git\n"
	                  "repository with a work tree and the branch main.  Running it again on an\n"
	                  "existing repository changes nothing.",
	                  no_opts, no_opt, NULL);
	if (first < 0)
		return first == -1 ? CLI_SAME : CLI_TROUBLE;
	if (argc - first > 1)
		return cli_error("init: expected at most one directory");
	dir = argc > first ? argv[first] : ".";
	if (rl_corpus_init(&c, dir, &created) < 0)
		return cli_lib_error();
	printf("%s corpus in %s\n", created ? "Created a" : "Already a", rl_corpus_workdir(c) ?
	       rl_corpus_workdir(c) : dir);
	rl_corpus_free(c);
	return CLI_SAME;
}

/* ---- add --------------------------------------------------------------- */

typedef struct add_args {
	const char *as;
	const char *message;
	int has_date;
	rl_date date;
} add_args;

static const cli_opt add_opts[] = {
	{"as", OPT_AS, "NAME", "store the file as document NAME (one FILE only)"},
	{"date", OPT_DATE, "DATE", "document date (2021-08-31, 2022-03, 31 August 2021, ...)"},
	{"message", OPT_MESSAGE, "MESSAGE", "commit message (default: Add NAME / Update NAME)"},
	{NULL, 0, NULL, NULL}
};

static int add_opt(int key, const char *arg, void *ctx)
{
	add_args *a = ctx;

	switch (key) {
	case OPT_AS:
		a->as = arg;
		return 0;
	case OPT_DATE:
		if (rl_date_parse(&a->date, arg) < 0)
			return cli_error("add: --date: %s", rl_error_last());
		a->has_date = 1;
		return 0;
	case OPT_MESSAGE:
		a->message = arg;
		return 0;
	}
	return 1;
}

/* The default name of FILE: its path inside the corpus work tree when it
 * is there, else its base name. */
static int default_name(char **out, rl_corpus *c, const char *file)
{
	const char *wd = rl_corpus_workdir(c), *base = strrchr(file, '/');
	char *real = realpath(file, NULL), *wreal = wd ? realpath(wd, NULL) : NULL;
	size_t wl = wreal ? strlen(wreal) : 0;

	if (real && wreal && !strncmp(real, wreal, wl) && real[wl] == '/')
		*out = strdup(real + wl + 1);
	else
		*out = strdup(base ? base + 1 : file);
	free(real);
	free(wreal);
	return *out ? 0 : rl_error_set(RL_ENOMEM, "out of memory");
}

/* "Now", or GIT_COMMITTER_DATE as git reads it (tests fix it). */
static int now_date(rl_date *now, int *fixed)
{
	const char *env = getenv("GIT_COMMITTER_DATE");

	*fixed = env && *env;
	if (*fixed)
		return rl_date_parse(now, env) < 0 ? cli_error("GIT_COMMITTER_DATE: %s", rl_error_last()) : 0;
	now->time = (int64_t)time(NULL);
	now->offset = 0;
	return 0;
}

/* Read FILE, check it is text and find its date. */
static int load_file(rl_corpus_file *f, char **data, rl_doc **doc, const char *path,
                     const add_args *a, rl_date now)
{
	size_t len;

	if (cli_limit_hint(rl_read_file(data, &len, path, cli_max_size)) < 0 ||
	    rl_doc_load_buffer(doc, f->name, *data, len) < 0)
		return cli_lib_error();
	f->data = *data;
	f->len = len;
	if (a->has_date)
		f->date = a->date;
	else if (!rl_date_find(&f->date, *doc))
		f->date = now;
	return 0;
}

static void add_report(const rl_corpus_file *files, rl_doc **docs, size_t n, const char *commit)
{
	char buf[40];

	if (*commit)
		printf("committed %.12s\n", commit);
	for (size_t i = 0; i < n; i++)
		if (files[i].status == RL_CORPUS_UNCHANGED)
			printf("  unchanged %s (identical to the stored version)\n", files[i].name);
		else
			printf("  %-9s %s  %s  %zu paragraphs\n", rl_corpus_status_name(files[i].status),
			       files[i].name, rl_date_format(buf, sizeof(buf), files[i].date, 0),
			       rl_doc_paragraph_count(docs[i]));
	if (!*commit)
		printf("nothing to commit: %s\n", n == 1 ? "the document is unchanged" :
		       "every document is unchanged");
}

static int add_run(rl_corpus *c, char **paths, size_t n, const add_args *a)
{
	rl_corpus_file *files = calloc(n, sizeof(*files));
	char **data = calloc(n, sizeof(*data)), **names = calloc(n, sizeof(*names)), commit[41];
	rl_doc **docs = calloc(n, sizeof(*docs));
	rl_corpus_add_options o;
	rl_date now;
	int fixed, status = CLI_TROUBLE;

	if (!files || !data || !names || !docs) {
		cli_error("out of memory");
		goto done;
	}
	if (now_date(&now, &fixed) != 0)
		goto done;
	for (size_t i = 0; i < n; i++) {
		if (!a->as && !strcmp(paths[i], "-")) {
			cli_error("add: standard input needs --as NAME");
			goto done;
		}
		if (a->as ? !(names[i] = strdup(a->as)) : default_name(&names[i], c, paths[i]) < 0) {
			cli_error("out of memory");
			goto done;
		}
		files[i].name = names[i];
		if (load_file(&files[i], &data[i], &docs[i], paths[i], a, now) != 0)
			goto done;
	}
	rl_corpus_add_options_init(&o);
	o.message = a->message;
	o.author_name = getenv("GIT_AUTHOR_NAME");
	o.author_email = getenv("GIT_AUTHOR_EMAIL");
	o.committer_date = fixed ? &now : NULL;
	o.progress = progress_fn(n);
	o.payload = "add";
	if (rl_corpus_add(commit, c, files, n, &o) < 0) {
		cli_lib_error();
		goto done;
	}
	add_report(files, docs, n, commit);
	status = CLI_SAME;
done:
	for (size_t i = 0; i < n; i++) {
		if (data)
			free(data[i]);
		if (names)
			free(names[i]);
		if (docs)
			rl_doc_free(docs[i]);
	}
	free(files);
	free(data);
	free(names);
	free(docs);
	return status;
}

int cmd_add(int argc, char **argv)
{
	add_args a;
	rl_corpus *c = NULL;
	int first, status;

	memset(&a, 0, sizeof(a));
	first = cli_parse(argc, argv, "add", "[OPTIONS] FILE...",
	                  "Store each FILE as a new version of a document, all in one commit, and\n"
	                  "update the work tree.  The document is named after the file (its path when\n"
	                  "the file is inside the corpus).  The commit's author date is the document's\n"
	                  "date: --date, else a date the text states (a leading ' date 2022-03' line,\n"
	                  "a line such as 'Datum 2 maart 2026' or 'Den Haag, 31 augustus 2021'), else\n"
	                  "now.  A file identical to the stored version is left alone.",
	                  add_opts, add_opt, &a);
	if (first < 0)
		return first == -1 ? CLI_SAME : CLI_TROUBLE;
	if (argc == first)
		return cli_error("add: expected at least one FILE (see 'redline add --help')");
	if (a.as && argc - first > 1)
		return cli_error("add: --as takes one FILE only");
	if (open_corpus(&c) != 0)
		return CLI_TROUBLE;
	status = add_run(c, argv + first, (size_t)(argc - first), &a);
	rl_corpus_free(c);
	return status;
}

/* ---- show -------------------------------------------------------------- */

int cmd_show(int argc, char **argv)
{
	rl_corpus *c = NULL;
	rl_buf spec = RL_BUF_INIT;
	char *data = NULL;
	size_t len;
	int first, err;

	first = cli_parse(argc, argv, "show", "REV:NAME",
	                  "Print a stored version of a document byte for byte.  REV is a branch, a\n"
	                  "tag, a commit id or prefix, HEAD~1 and the like; :NAME is the work tree and\n"
	                  "NAME alone means HEAD:NAME.",
	                  no_opts, no_opt, NULL);
	if (first < 0)
		return first == -1 ? CLI_SAME : CLI_TROUBLE;
	if (argc - first != 1)
		return cli_error("show: expected one REV:NAME (see 'redline show --help')");
	if (open_corpus(&c) != 0)
		return CLI_TROUBLE;
	err = strchr(argv[first], ':') ? rl_buf_puts(&spec, argv[first]) :
	      rl_buf_printf(&spec, "HEAD:%s", argv[first]);
	if (err == 0)
		err = rl_corpus_read(&data, &len, c, spec.data);
	rl_buf_free(&spec);
	rl_corpus_free(c);
	if (err < 0)
		return cli_lib_error();
	err = fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0;
	free(data);
	return err ? cli_error("show: cannot write the output") : CLI_SAME;
}

/* ---- log --------------------------------------------------------------- */

typedef struct log_args {
	const char *rev;
	int json;
} log_args;

static const cli_opt log_opts[] = {
	{"rev", OPT_REV, "REV", "start from REV instead of HEAD"},
	{"format", OPT_FMT, "FORMAT", "output format: text (default) or json"},
	{NULL, 0, NULL, NULL}
};

static int log_opt(int key, const char *arg, void *ctx)
{
	log_args *a = ctx;

	if (key == OPT_REV) {
		a->rev = arg;
		return 0;
	}
	if (key == OPT_FMT) {
		if (strcmp(arg, "text") && strcmp(arg, "json"))
			return cli_error("log: unknown format '%s' (text, json)", arg);
		a->json = !strcmp(arg, "json");
		return 0;
	}
	return 1;
}

/* Paragraph links per kind between a version and the one before it. */
static int version_counts(size_t counts[RL_LINK_KIND_COUNT], size_t *n_paras, rl_corpus *c,
                          const rl_corpus_entry *e)
{
	rl_corpus_pair pair;
	rl_options o;
	int err;

	memset(counts, 0, RL_LINK_KIND_COUNT * sizeof(size_t));
	rl_options_init(&o);
	o.mode = RL_MODE_VERSIONS;
	o.changes = 0; /* counts only */
	if ((err = rl_corpus__compare(&pair, c, e, NULL, NULL, &o)) < 0)
		return err;
	*n_paras = rl_doc_paragraph_count(e->status == RL_CORPUS_DELETED ? pair.a : pair.b);
	for (size_t i = 0; i < rl_comparison_link_count(pair.cmp); i++)
		counts[rl_comparison_link(pair.cmp, i)->kind]++;
	rl_corpus__pair_free(&pair);
	return 0;
}

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch < 0x20)
			printf("\\u%04x", ch);
		else
			putchar(ch);
	}
	putchar('"');
}

static const rl_link_kind log_kinds[] = {
	RL_LINK_EQUAL, RL_LINK_EDITED, RL_LINK_MOVED, RL_LINK_INSERTED, RL_LINK_DELETED,
	RL_LINK_SPLIT, RL_LINK_MERGED
};

static void log_text(const rl_corpus_entry *e, const size_t *counts, size_t n_paras, int with_name)
{
	char buf[40];

	printf("%.12s  %s  ", e->commit, rl_date_format(buf, sizeof(buf), e->date, 0));
	if (!e->name) {
		printf("(no document changed)  %s\n", e->subject);
		return;
	}
	if (with_name)
		printf("%s: ", e->name);
	if (e->status == RL_CORPUS_ADDED) {
		printf("new, %zu paragraphs", n_paras);
	} else if (e->status == RL_CORPUS_DELETED) {
		printf("removed (%zu paragraphs)", n_paras);
	} else {
		for (size_t k = 0; k < sizeof(log_kinds) / sizeof(log_kinds[0]); k++)
			if (k < 5 || counts[log_kinds[k]])
				printf("%s%zu %s", k ? ", " : "", counts[log_kinds[k]],
				       rl_link_kind_name(log_kinds[k]));
	}
	printf("  %s\n", e->subject);
}

static void log_json(const rl_corpus_entry *e, const size_t *counts, size_t n_paras, int first)
{
	char buf[40];

	printf("%s\n  {\"commit\": \"%s\", \"date\": \"%s\", \"name\": ", first ? "" : ",", e->commit,
	       rl_date_format(buf, sizeof(buf), e->date, 1));
	if (e->name)
		json_string(e->name);
	else
		fputs("null", stdout);
	printf(", \"status\": \"%s\", \"message\": ", rl_corpus_status_name(e->status));
	json_string(e->subject);
	printf(", \"paragraphs\": %zu, \"links\": {", n_paras);
	for (int k = 0; k < RL_LINK_KIND_COUNT; k++)
		printf("%s\"%s\": %zu", k ? ", " : "", rl_link_kind_name((rl_link_kind)k), counts[k]);
	fputs("}}", stdout);
}

int cmd_log(int argc, char **argv)
{
	log_args a = {NULL, 0};
	rl_corpus *c = NULL;
	rl_corpus_entries log = {NULL, 0};
	const char *name;
	int first, status = CLI_TROUBLE;

	first = cli_parse(argc, argv, "log", "[OPTIONS] [NAME]",
	                  "Show the history, newest first: one line per version of NAME (or of every\n"
	                  "document) with the commit, the document date, the paragraphs equal,\n"
	                  "edited, moved, inserted and deleted against the version before, and the\n"
	                  "commit message.",
	                  log_opts, log_opt, &a);
	if (first < 0)
		return first == -1 ? CLI_SAME : CLI_TROUBLE;
	if (argc - first > 1)
		return cli_error("log: expected at most one NAME");
	name = argc > first ? argv[first] : NULL;
	if (open_corpus(&c) != 0)
		return CLI_TROUBLE;
	if ((name && rl_corpus_check_name(name) < 0) || rl_corpus_log(&log, c, a.rev, name) < 0) {
		cli_lib_error();
		goto done;
	}
	if (name && log.n == 0) {
		cli_error("log: no document '%s' in the history", name);
		goto done;
	}
	if (a.json)
		fputs("{\"format\": \"redline-log/1\", \"versions\": [", stdout);
	for (size_t i = 0; i < log.n; i++) {
		size_t counts[RL_LINK_KIND_COUNT] = {0}, n_paras = 0;

		if (log.v[i].name && version_counts(counts, &n_paras, c, &log.v[i]) < 0) {
			cli_lib_error();
			goto done;
		}
		if (a.json)
			log_json(&log.v[i], counts, n_paras, i == 0);
		else
			log_text(&log.v[i], counts, n_paras, name == NULL);
	}
	if (a.json)
		fputs("\n]}\n", stdout);
	status = fflush(stdout) == 0 ? CLI_SAME : cli_error("log: cannot write the output");
done:
	rl_corpus_entries_free(&log);
	rl_corpus_free(c);
	return status;
}

/* ---- hooks: REV:NAME anywhere, diff REV1 REV2 -------------------------- */

int cli_corpus_load(rl_doc **out, const char *spec)
{
	rl_corpus *c = NULL;
	size_t len;
	int err;

	*out = NULL;
	if (rl_corpus_open(&c, ".") < 0)
		return rl_error_set(RL_ENOTFOUND, "%s: no such file, and not in a corpus for REV:NAME",
		                    spec);
	err = rl_corpus_load(out, c, spec, spec);
	rl_corpus_free(c);
	/* a stored document is read whole by libgit2; the limit applies after */
	if (err == 0 && (rl_doc_data(*out, &len), len > cli_max_size)) {
		err = rl_error_set(RL_ELIMIT, "%s: document of %zu bytes is over the limit of %zu bytes",
		                   spec, len, cli_max_size);
		rl_doc_free(*out);
		*out = NULL;
	}
	return err;
}

int cli_diff_is_revisions(int argc, char **argv)
{
	rl_corpus *c = NULL;
	struct stat sb;
	char id[41];
	int yes;

	if (argc < 2)
		return 0;
	for (int i = 0; i < 2; i++)
		if (!strcmp(argv[i], "-") || strchr(argv[i], ':') || stat(argv[i], &sb) == 0)
			return 0;
	if (rl_corpus_open(&c, ".") < 0) {
		rl_error_clear();
		return 0;
	}
	/* one operand naming a revision is enough to mean revisions (the other
	 * may be mistyped); neither one: they were meant as files */
	yes = rl_corpus_resolve(id, c, argv[0]) == 0 || rl_corpus_resolve(id, c, argv[1]) == 0;
	rl_error_clear();
	rl_corpus_free(c);
	return yes;
}

/* Keep the changes to the documents named in `names` (all when none);
 * a name neither revision holds is an error. */
static int filter_names(rl_corpus_entries *ch, rl_corpus *c, char **names, int n,
                        const char *rev1, const char *rev2)
{
	size_t kept = 0;

	for (int k = 0; k < n; k++) {
		int found = 0;
		rl_buf spec = RL_BUF_INIT;
		char *data = NULL;
		size_t len;

		for (size_t i = 0; i < ch->n && !found; i++)
			found = !strcmp(ch->v[i].name, names[k]);
		for (int r = 0; r < 2 && !found; r++) {
			if (rl_buf_printf(&spec, "%s:%s", r ? rev2 : rev1, names[k]) < 0)
				return RL_ENOMEM;
			found = rl_corpus_read(&data, &len, c, spec.data) == 0;
			free(data);
			data = NULL;
			rl_buf_clear(&spec);
		}
		rl_buf_free(&spec);
		if (!found)
			return rl_error_set(RL_ENOTFOUND, "no document '%s' at %s or %s", names[k], rev1,
			                    rev2);
	}
	for (size_t i = 0; i < ch->n; i++) {
		int keep = n == 0;

		for (int k = 0; k < n && !keep; k++)
			keep = !strcmp(ch->v[i].name, names[k]);
		if (keep) {
			rl_corpus_entry t = ch->v[kept];

			ch->v[kept++] = ch->v[i];
			ch->v[i] = t;
		}
	}
	for (size_t i = kept; i < ch->n; i++) {
		free(ch->v[i].name);
		free(ch->v[i].subject);
	}
	ch->n = kept;
	rl_error_clear();
	return 0;
}

/* Compare and render one changed document; returns 0 equal, 1 different
 * or a library error. */
static int diff_entry(rl_corpus *c, const rl_corpus_entry *e, const char *rev1, const char *rev2,
                      const rl_options *opts, const rl_render_options *render)
{
	rl_corpus_pair pair;
	int err;

	if ((err = rl_corpus__compare(&pair, c, e, rev1, rev2, opts)) < 0)
		return err;
	if ((err = rl_render(pair.cmp, render, cli_write_stdout, NULL)) == 0)
		err = rl_comparison_is_equal(pair.cmp) ? 0 : 1;
	rl_corpus__pair_free(&pair);
	return err;
}

/* HTML and Markdown: every changed document compared first, then one
 * report of them all (a page, or a document, with one section each). */
static int diff_report(rl_corpus *c, const rl_corpus_entries *ch, const char *rev1,
                       const char *rev2, const rl_options *opts, const rl_render_options *render)
{
	rl_corpus_pair *pairs = calloc(ch->n + 1, sizeof(*pairs));
	const rl_comparison **cmps = calloc(ch->n + 1, sizeof(*cmps));
	rl_render_options ro = *render;
	char title[256];
	int status = CLI_SAME, err = 0;

	if (!pairs || !cmps) {
		free(pairs);
		free(cmps);
		return cli_error("diff: out of memory");
	}
	if (!ro.title) {
		snprintf(title, sizeof(title), "redline: %zu document%s changed from %s to %s", ch->n,
		         ch->n == 1 ? "" : "s", rev1, rev2);
		ro.title = title;
	}
	for (size_t i = 0; i < ch->n && err == 0; i++) {
		if ((err = rl_corpus__compare(&pairs[i], c, &ch->v[i], rev1, rev2, opts)) < 0)
			break;
		cmps[i] = pairs[i].cmp;
		if (!rl_comparison_is_equal(pairs[i].cmp))
			status = CLI_DIFFERENT;
	}
	if (err == 0)
		err = rl_render_report(cmps, ch->n, &ro, cli_write_stdout, NULL);
	if (err < 0)
		status = cli_lib_error();
	for (size_t i = 0; i < ch->n; i++)
		rl_corpus__pair_free(&pairs[i]);
	free(pairs);
	free(cmps);
	return status;
}

int cli_diff_revisions(int argc, char **argv, const rl_options *opts,
                       const rl_render_options *render)
{
	rl_corpus *c = NULL;
	rl_corpus_entries ch = {NULL, 0};
	const char *rev1 = argv[0], *rev2 = argv[1];
	int json = render->format == RL_FORMAT_JSON, status = CLI_SAME, err = 0;
	int report = render->format == RL_FORMAT_HTML || render->format == RL_FORMAT_MARKDOWN;

	if (open_corpus(&c) != 0)
		return CLI_TROUBLE;
	if (rl_corpus_changes(&ch, c, rev1, rev2) < 0 ||
	    filter_names(&ch, c, argv + 2, argc - 2, rev1, rev2) < 0) {
		status = cli_lib_error();
		goto done;
	}
	if (report && ch.n) {
		status = diff_report(c, &ch, rev1, rev2, opts, render);
		if (status != CLI_TROUBLE && fflush(stdout) != 0)
			status = cli_error("diff: cannot write the output");
		goto done;
	}
	if (json) {
		fputs("{\"format\": \"redline-corpus-diff/1\", \"old\": ", stdout);
		json_string(rev1);
		fputs(", \"new\": ", stdout);
		json_string(rev2);
		fputs(", \"documents\": [\n", stdout);
	}
	for (size_t i = 0; i < ch.n && err >= 0; i++) {
		if (i)
			fputs(json ? ",\n" : "\n", stdout);
		fflush(stdout);
		if ((err = diff_entry(c, &ch.v[i], rev1, rev2, opts, render)) > 0)
			status = CLI_DIFFERENT;
	}
	if (err < 0) {
		status = cli_lib_error();
		goto done;
	}
	if (json)
		fputs("]}\n", stdout);
	else if (ch.n == 0)
		printf("no document changed between %s and %s\n", rev1, rev2);
	if (fflush(stdout) != 0)
		status = cli_error("diff: cannot write the output");
done:
	rl_corpus_entries_free(&ch);
	rl_corpus_free(c);
	return status;
}

/* ---- check ------------------------------------------------------------- */

enum {
	OPT_WORKTREE = 'w', OPT_OUTPUT = 'o',
	OPT_FAIL_ON = 310, OPT_MIN_SIM, OPT_MAX_DELETED, OPT_IGNORE, OPT_POLICY, OPT_COLOR_CHECK,
	OPT_LANG_CHECK
};

typedef struct check_args {
	rl_policy *policy;
	rl_check_options opts;
	rl_check_format format;
	const char *policy_file;
	const char *output;
	int color_when;
} check_args;

static const cli_opt check_opts[] = {
	{"worktree", OPT_WORKTREE, NULL, "check the work tree against HEAD (or BASE)"},
	{"fail-on", OPT_FAIL_ON, "TYPES", "fail on these (deleted, inserted, edited, moved, number, "
	 "date, negation, modality, entity_added, entity_removed, term_added, term_removed, "
	 "document_deleted, ...)"},
	{"min-similarity", OPT_MIN_SIM, "X", "fail a modified document keeping less than X (0..1)"},
	{"max-deleted", OPT_MAX_DELETED, "N", "fail a document losing more than N paragraphs"},
	{"ignore", OPT_IGNORE, "GLOB", "do not check documents matching GLOB (repeatable)"},
	{"policy", OPT_POLICY, "FILE", "read the policy from FILE instead of the corpus's .redline"},
	{"format", OPT_FMT, "FORMAT", "text (default), json, junit, markdown or html"},
	{"output", OPT_OUTPUT, "FILE", "write the report to FILE instead of standard output"},
	{"color", OPT_COLOR_CHECK, "WHEN", "colour: auto (default), always, never"},
	{"lang", OPT_LANG_CHECK, "LANG", "language of the documents (default: detect)"},
	{NULL, 0, NULL, NULL}
};

static int check_format(const char *arg, rl_check_format *f)
{
	static const char *const names[] = {"text", "json", "junit", "markdown", "html"};

	for (int i = 0; i < 5; i++)
		if (!strcmp(arg, names[i])) {
			*f = (rl_check_format)i;
			return 0;
		}
	return cli_error("check: unknown format '%s' (text, json, junit, markdown, html)", arg);
}

static int check_opt(int key, const char *arg, void *ctx)
{
	check_args *a = ctx;
	static const char *const keys[] = {"fail-on", "min-similarity", "max-deleted", "ignore"};

	switch (key) {
	case OPT_WORKTREE:
		a->opts.worktree = 1;
		return 0;
	case OPT_FAIL_ON:
	case OPT_MIN_SIM:
	case OPT_MAX_DELETED:
	case OPT_IGNORE:
		if (rl_policy_set(a->policy, keys[key - OPT_FAIL_ON], arg) < 0)
			return cli_error("check: --%s", rl_error_last());
		return 0;
	case OPT_POLICY:
		a->policy_file = arg;
		return 0;
	case OPT_FMT:
		return check_format(arg, &a->format);
	case OPT_OUTPUT:
		a->output = arg;
		return 0;
	case OPT_COLOR_CHECK:
		if (cli_color_option(arg, &a->color_when) < 0)
			return cli_error("check: --color must be auto, always or never");
		return 0;
	case OPT_LANG_CHECK:
		a->opts.compare.lang = arg;
		return 0;
	}
	return 1;
}

static int load_policy(check_args *a, rl_corpus *c)
{
	char *data;
	size_t len;
	int err;

	if (!a->policy_file)
		return rl_policy_load(a->policy, c, a->opts.worktree ? NULL :
		                      a->opts.head ? a->opts.head : "HEAD");
	if ((err = rl_read_file(&data, &len, a->policy_file, 0)) < 0)
		return err;
	err = rl_policy_parse(a->policy, a->policy_file, data, len);
	free(data);
	return err;
}

static int write_file_out(const char *data, size_t len, void *payload)
{
	return fwrite(data, 1, len, payload) == len ? 0 : -1;
}

static int check_run(check_args *a, rl_corpus *c)
{
	rl_check_report *r = NULL;
	FILE *out = stdout;
	int status = CLI_TROUBLE, color;

	a->opts.progress = progress_fn(64);
	a->opts.payload = "check";
	/* the HTML report shows each document's diff and heatmap */
	a->opts.keep_comparisons = a->opts.compare.heatmap = a->format == RL_CHECK_HTML;
	if (load_policy(a, c) < 0 || rl_check(&r, c, a->policy, &a->opts) < 0)
		return cli_lib_error();
	if (a->output && !(out = fopen(a->output, "w"))) {
		cli_error("check: cannot write %s: %s", a->output, strerror(errno));
		goto done;
	}
	color = !a->output && a->format == RL_CHECK_TEXT && cli_use_color(a->color_when);
	if (rl_check_render(r, a->format, color, write_file_out, out) < 0 || fflush(out) != 0) {
		cli_error("check: cannot write the report");
		goto done;
	}
	status = r->passed ? CLI_SAME : CLI_DIFFERENT;
	if (a->output)
		fprintf(stderr, "redline check %s: %zu of %zu documents failed\n",
		        r->passed ? "passed" : "failed", r->n_failed, r->n_docs);
done:
	if (out != stdout && out && fclose(out) != 0 && status != CLI_TROUBLE)
		status = cli_error("check: cannot write %s", a->output);
	rl_check_report_free(r);
	return status;
}

int cmd_check(int argc, char **argv)
{
	check_args a;
	rl_corpus *c = NULL;
	int first, status;

	memset(&a, 0, sizeof(a));
	rl_check_options_init(&a.opts);
	if (rl_policy_new(&a.policy) < 0)
		return cli_lib_error();
	first = cli_parse(argc, argv, "check", "[OPTIONS] [BASE [HEAD]]",
	                  "Compare every document changed from BASE (default: HEAD's parent) to HEAD\n"
	                  "(default: HEAD; with --worktree the work tree) and apply the policy: the\n"
	                  "flags, over the .redline file of HEAD (see the README for its keys).\n"
	                  "Exit status: 0 the policy holds, 1 it is violated, 2 trouble.",
	                  check_opts, check_opt, &a);
	if (first < 0 || argc - first > (a.opts.worktree ? 1 : 2)) {
		rl_policy_free(a.policy);
		if (first == -1)
			return CLI_SAME;
		return first < 0 ? CLI_TROUBLE :
		       cli_error("check: expected at most %s", a.opts.worktree ? "BASE with --worktree" :
		                 "BASE and HEAD");
	}
	a.opts.base = argc > first ? argv[first] : NULL;
	a.opts.head = argc > first + 1 ? argv[first + 1] : NULL;
	status = open_corpus(&c) != 0 ? CLI_TROUBLE : check_run(&a, c);
	rl_corpus_free(c);
	rl_policy_free(a.policy);
	return status;
}

/* ---- trace ------------------------------------------------------------- */

enum { OPT_PARA = 'p', OPT_QUOTE = 'q', OPT_AT = 320, OPT_TRACE_MIN_SIM, OPT_TRACE_COLOR,
       OPT_TRACE_LANG };

typedef struct trace_args {
	rl_trace_options opts;
	rl_format format;
	int color_when;
} trace_args;

static const cli_opt trace_opts[] = {
	{"para", OPT_PARA, "N", "follow paragraph N (as numbered by 'redline paragraphs')"},
	{"quote", OPT_QUOTE, "TEXT", "follow the paragraph containing TEXT (or most like it)"},
	{"at", OPT_AT, "REV", "the corpus as of REV (default: HEAD)"},
	{"format", OPT_FMT, "FORMAT", "output format: text (default), json or html"},
	{"min-similarity", OPT_TRACE_MIN_SIM, "X", "keep passages scoring at least X (0..1)"},
	{"color", OPT_TRACE_COLOR, "WHEN", "colour: auto (default), always, never"},
	{"lang", OPT_TRACE_LANG, "LANG", "language of the documents (default: detect)"},
	{NULL, 0, NULL, NULL}
};

static int trace_opt(int key, const char *arg, void *ctx)
{
	trace_args *a = ctx;
	double x;

	switch (key) {
	case OPT_PARA:
		if (cli_parse_double(arg, 1, 1e9, &x) < 0 || x != (double)(size_t)x)
			return cli_error("trace: --para needs a paragraph number from 1");
		a->opts.para = (size_t)x;
		return 0;
	case OPT_QUOTE:
		a->opts.quote = arg;
		return 0;
	case OPT_AT:
		a->opts.rev = arg;
		return 0;
	case OPT_FMT:
		if (strcmp(arg, "text") && strcmp(arg, "json") && strcmp(arg, "html"))
			return cli_error("trace: unknown format '%s' (text, json, html)", arg);
		a->format = !strcmp(arg, "json") ? RL_FORMAT_JSON
		            : !strcmp(arg, "html") ? RL_FORMAT_HTML : RL_FORMAT_TEXT;
		return 0;
	case OPT_TRACE_MIN_SIM:
		if (cli_parse_double(arg, 0, 1, &a->opts.compare.min_similarity) < 0)
			return cli_error("trace: --min-similarity needs a number from 0 to 1");
		return 0;
	case OPT_TRACE_COLOR:
		if (cli_color_option(arg, &a->color_when) < 0)
			return cli_error("trace: --color must be auto, always or never");
		return 0;
	case OPT_TRACE_LANG:
		a->opts.compare.lang = arg;
		return 0;
	}
	return 1;
}

int cmd_trace(int argc, char **argv)
{
	trace_args a;
	rl_corpus *c = NULL;
	rl_trace *t = NULL;
	int first, status = CLI_TROUBLE;

	memset(&a, 0, sizeof(a));
	rl_trace_options_init(&a.opts);
	first = cli_parse(argc, argv, "trace", "NAME (--para N | --quote TEXT) [OPTIONS]",
	                  "Follow a statement through the corpus: for the chosen paragraph of NAME,\n"
	                  "its best related passage in every other document, in document-date order,\n"
	                  "each with its similarity to the followed paragraph, the word diff against\n"
	                  "the passage before and the semantic changes.",
	                  trace_opts, trace_opt, &a);
	if (first < 0)
		return first == -1 ? CLI_SAME : CLI_TROUBLE;
	if (argc - first != 1)
		return cli_error("trace: expected one document NAME (see 'redline trace --help')");
	if (a.opts.para && a.opts.quote)
		return cli_error("trace: give --para or --quote, not both");
	if (!a.opts.para && !a.opts.quote)
		return cli_error("trace: give --para N or --quote TEXT");
	if (open_corpus(&c) != 0)
		return CLI_TROUBLE;
	a.opts.progress = isatty(STDERR_FILENO) ? progress : NULL;
	a.opts.payload = "trace";
	if (rl_trace_run(&t, c, argv[first], &a.opts) < 0 ||
	    rl_trace_render(t, a.format, a.format == RL_FORMAT_TEXT && cli_use_color(a.color_when),
	                    cli_write_stdout, NULL) < 0) {
		cli_lib_error();
		goto done;
	}
	status = fflush(stdout) == 0 ? CLI_SAME : cli_error("trace: cannot write the output");
done:
	rl_trace_free(t);
	rl_corpus_free(c);
	return status;
}
