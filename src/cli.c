/*
 * cli — main(): global options (-C DIR, --help, --version), then one of
 * the subcommands in the table below.  Each subcommand parses its own
 * options and maps the library's result to the exit status.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

const cli_cmd cli_commands[] = {
	{"diff", cmd_diff, "compare two texts paragraph by paragraph, word by word"},
	{"paragraphs", cmd_paragraphs, "show how a text splits into paragraphs and sentences"},
	{"report", cmd_report, "one report (HTML, Markdown) of a text against several later ones"},
	{"similarity", cmd_similarity, "score the similarity of text pairs (TAB-separated lines on stdin)"},
	/* the corpus (cmd_corpus.c) */
	{"init", cmd_init, "create a corpus: a git repository for versioned documents"},
	{"add", cmd_add, "store files as new versions of documents in the corpus"},
	{"log", cmd_log, "history of the corpus or of one document, with paragraph counts"},
	{"show", cmd_show, "print a stored version of a document (REV:NAME)"},
	{"trace", cmd_trace, "follow a paragraph through the corpus, in document-date order"},
	{"check", cmd_check, "apply a policy to the changes between two revisions (for CI)"},
	{"git-diff-driver", cmd_git_diff_driver, "show a changed file in git diff (git's external diff)"},
	{NULL, NULL, NULL}
};

static void usage(FILE *f)
{
	fputs("usage: redline [-C DIR] COMMAND [OPTIONS] [ARGS]\n\n"
	      "redline compares related texts: it aligns their paragraphs (equal, edited,\n"
	      "moved, split, merged, inserted, deleted, or related), shows exact word-level\n"
	      "differences inside every aligned pair and flags changes of meaning.\n\n"
	      "commands:\n", f);
	for (const cli_cmd *c = cli_commands; c->name; c++)
		fprintf(f, "  %-16s %s\n", c->name, c->summary);
	fputs("\nglobal options:\n"
	      "  -C DIR         run as if started in DIR\n"
	      "  -h, --help     show this help (redline COMMAND --help for a command)\n"
	      "  -V, --version  show the version\n\n"
	      "exit status: 0 same, 1 different, 2 trouble.\n", f);
}

int main(int argc, char **argv)
{
	int i = 1;

	while (i < argc && argv[i][0] == '-') {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return CLI_SAME;
		}
		if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			printf("redline %s\ndata: %s\n", rl_version(), rl_lang_datadir());
			return CLI_SAME;
		}
		if (!strcmp(a, "-C") || !strncmp(a, "-C", 2)) {
			const char *dir = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
			if (!dir)
				return cli_error("-C needs a directory");
			if (chdir(dir) != 0)
				return cli_error("-C %s: cannot change to that directory", dir);
			cli_directory = dir;
			i++;
			continue;
		}
		return cli_error("unknown option %s (see 'redline --help')", a);
	}
	if (i >= argc) {
		usage(stderr);
		return CLI_TROUBLE;
	}
	for (const cli_cmd *c = cli_commands; c->name; c++)
		if (!strcmp(argv[i], c->name))
			return c->run(argc - i, argv + i);
	if (!strcmp(argv[i], "help")) {
		if (i + 1 < argc)
			for (const cli_cmd *c = cli_commands; c->name; c++)
				if (!strcmp(argv[i + 1], c->name)) {
					char *sub[] = {argv[i + 1], "--help", NULL};
					return c->run(2, sub);
				}
		usage(stdout);
		return CLI_SAME;
	}
	return cli_error("'%s' is not a redline command (see 'redline --help')", argv[i]);
}
