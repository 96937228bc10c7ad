/*
 * cmd_git — `redline git-diff-driver`: redline as git's external diff
 * (diff.<driver>.command or GIT_EXTERNAL_DIFF).  git runs it once per
 * changed file with seven arguments, PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE
 * NEW-HEX NEW-MODE (nine for a rename or copy: NEW-PATH and git's rename
 * message; only PATH for an unmerged file).  It prints a git-style header
 * and redline's paragraph-aligned text report of that one file.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util.h"

/* The options of diff, less those for other output formats: git shows
 * text.  Cannot fail. */
static void driver_options(cli_opt *out, size_t cap)
{
	size_t n = 0;

	for (const cli_opt *o = cli_diff_opts; o->name && n + 1 < cap; o++)
		if (strcmp(o->name, "format") != 0 && strcmp(o->name, "title") != 0)
			out[n++] = *o;
	out[n] = (cli_opt){NULL, 0, NULL, NULL};
}

/* One side of git's arguments.  `hex` and `mode` are "." for a side that
 * does not exist (an added or deleted file); git then passes /dev/null. */
typedef struct git_side {
	const char *path, *file, *hex, *mode;
} git_side;

static int absent(const git_side *s)
{
	return !strcmp(s->hex, ".");
}

/* The id of stored content; not "." (absent) nor all zeros (a work-tree
 * file git has not hashed). */
static int known(const char *hex)
{
	size_t zeros = strspn(hex, "0");

	return strcmp(hex, ".") != 0 && hex[zeros] != '\0';
}

/* An object id (SHA-1 or SHA-256) or "." */
static int is_hex(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");

	return !strcmp(s, ".") || ((n == 40 || n == 64) && !s[n]);
}

/* A file mode such as 100644, or "." */
static int is_mode(const char *s)
{
	return !strcmp(s, ".") || (strlen(s) == 6 && strspn(s, "01234567") == 6);
}

/* How many of the last arguments are git's: 9 or 7 when they have git's
 * shape, else 0.  Options come before them, so a path that begins with
 * '-' is not taken for one. */
static int git_arg_count(int argc, char **argv)
{
	static const int counts[] = {9, 7};

	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		char **g;

		if (argc - 1 < counts[i])
			continue;
		g = argv + argc - counts[i];
		if (is_hex(g[2]) && is_mode(g[3]) && is_hex(g[5]) && is_mode(g[6]))
			return counts[i];
	}
	return 0;
}

static void abbrev(char out[8], const git_side *s)
{
	snprintf(out, 8, "%.7s", absent(s) ? "0000000000" : s->hex);
}

/* The header git would print for this file pair, bold with colour. */
static void print_header(const git_side *a, const git_side *b, const char *xfrm, int color)
{
	char ha[8], hb[8];

	abbrev(ha, a);
	abbrev(hb, b);
	printf("%sdiff --redline a/%s b/%s\n", color ? "\033[1m" : "", a->path, b->path);
	if (xfrm && *xfrm)
		printf("%s%s", xfrm, xfrm[strlen(xfrm) - 1] == '\n' ? "" : "\n");
	if (absent(a))
		printf("new file mode %s\n", b->mode);
	else if (absent(b))
		printf("deleted file mode %s\n", a->mode);
	else if (strcmp(a->mode, b->mode) != 0)
		printf("old mode %s\nnew mode %s\n", a->mode, b->mode);
	if (strcmp(a->hex, b->hex) != 0 && !(xfrm && *xfrm)) /* the message has it */
		printf("index %s..%s%s%s\n", ha, hb, !absent(a) && !strcmp(a->mode, b->mode) ? " " : "",
		       !absent(a) && !strcmp(a->mode, b->mode) ? a->mode : "");
	printf("%s", color ? "\033[m" : "");
}

/* Load one side under the name git would show ("a/PATH", "/dev/null"). */
static int load_side(rl_doc **out, const git_side *s, char prefix)
{
	size_t len = strlen(s->path);
	char *name;
	int err;

	if (absent(s))
		return rl_doc_load_buffer(out, "/dev/null", "", 0);
	if (!(name = rl_malloc(len + 3)))
		return RL_ENOMEM;
	name[0] = prefix;
	name[1] = '/';
	memcpy(name + 2, s->path, len + 1);
	err = rl_doc_load_file(out, s->file, name);
	free(name);
	return err;
}

/* Print the report of one file pair.  A side that is not text (binary
 * data, invalid UTF-8) is named instead of compared, as git does for
 * binary files, so that `git diff` goes on with the next file. */
static int show_pair(const git_side *a, const git_side *b, cli_diff_args *args)
{
	rl_doc *old_doc = NULL, *new_doc = NULL;
	rl_comparison *cmp = NULL;
	int err, status = CLI_TROUBLE;

	if ((err = load_side(&old_doc, a, 'a')) == 0)
		err = load_side(&new_doc, b, 'b');
	if (err == RL_EINVALID) {
		printf("not compared: %s\n", rl_error_last());
		status = CLI_SAME;
		goto done;
	}
	if (err < 0 || rl_compare(&cmp, old_doc, new_doc, &args->opts) < 0 ||
	    rl_render(cmp, &args->render, cli_write_stdout, NULL) < 0) {
		cli_lib_error();
		goto done;
	}
	status = CLI_SAME;
done:
	rl_comparison_free(cmp);
	rl_doc_free(old_doc);
	rl_doc_free(new_doc);
	return status;
}

int cmd_git_diff_driver(int argc, char **argv)
{
	cli_diff_args args;
	cli_opt opts[64];
	git_side a, b;
	const char *pager = getenv("GIT_PAGER_IN_USE"), *no_color = getenv("NO_COLOR");
	int n_git = git_arg_count(argc, argv), first, status;
	char **g = argv + argc - n_git;

	memset(&args, 0, sizeof(args));
	driver_options(opts, sizeof(opts) / sizeof(opts[0]));
	rl_options_init(&args.opts);
	rl_render_options_init(&args.render);
	first = cli_parse(argc - n_git, argv, "git-diff-driver",
	                  "[OPTIONS] PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE",
	                  "git's external diff: show one changed file as redline sees it, its\n"
	                  "paragraphs aligned and the word-level differences inside them.  git\n"
	                  "passes the seven arguments (nine for a rename: NEW-PATH and the rename\n"
	                  "message).  The options are those of diff for text output; colour is\n"
	                  "also on when git's pager is in use.  Set it up with\n"
	                  "  git config diff.redline.command 'redline git-diff-driver'\n"
	                  "  echo '*.txt diff=redline' >>.gitattributes\n\n"
	                  "exit status: 0 whether or not the file changed (git stops at any\n"
	                  "other), 2 trouble.",
	                  opts, cli_diff_opt, &args);
	if (first < 0)
		return first == -1 ? CLI_SAME : CLI_TROUBLE;
	if (!n_git && argc - first == 1) {
		printf("* Unmerged path %s\n", argv[first]);
		return fflush(stdout) == 0 ? CLI_SAME : cli_error("git-diff-driver: cannot write");
	}
	if (!n_git || first != argc - n_git)
		return cli_error("git-diff-driver: expected PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE "
		                 "NEW-HEX NEW-MODE from git (see 'redline git-diff-driver --help')");
	a = (git_side){g[0], g[1], g[2], g[3]};
	b = (git_side){n_git == 9 ? g[7] : g[0], g[4], g[5], g[6]};
	args.render.color = cli_use_color(args.color_when) ||
	                    (args.color_when == 0 && pager && *pager && !(no_color && *no_color));
	print_header(&a, &b, n_git == 9 ? g[8] : NULL, args.render.color);
	status = CLI_SAME;
	if (strcmp(a.hex, b.hex) != 0 || !known(a.hex))
		status = show_pair(&a, &b, &args);
	if (fflush(stdout) != 0)
		return cli_error("git-diff-driver: cannot write the output");
	return status;
}
