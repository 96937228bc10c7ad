/*
 * cli — what the subcommands share: one option table per subcommand that
 * feeds both getopt_long and --help, loading inputs (files, "-" for
 * standard input, REV:NAME from a corpus), writing to standard output,
 * colour decisions and error reporting.  Exit codes follow diff: 0 same,
 * 1 different, 2 trouble.
 */
#ifndef RL_CLI_H
#define RL_CLI_H

#include <stdio.h>

#include "redline.h"

enum { CLI_SAME = 0, CLI_DIFFERENT = 1, CLI_TROUBLE = 2 };

/* One option.  `key` is the short option character, or a value >= 256
 * for long-only options; `arg` names the argument (NULL: a flag). */
typedef struct cli_opt {
	const char *name;
	int key;
	const char *arg;
	const char *help;
} cli_opt;

typedef struct cli_cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} cli_cmd;

/* Subcommands, one cmd_*.c file per group. */
int cmd_diff(int argc, char **argv);
int cmd_paragraphs(int argc, char **argv);
int cmd_git_diff_driver(int argc, char **argv); /* cmd_git.c */
int cmd_report(int argc, char **argv);
int cmd_similarity(int argc, char **argv);
/* The corpus (cmd_corpus.c). */
int cmd_init(int argc, char **argv);
int cmd_add(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_trace(int argc, char **argv);

/* What the options of `redline diff` set, and its option table and
 * handler for cli_parse() (context: a cli_diff_args), which
 * git-diff-driver shares (cmd_diff.c). */
typedef struct cli_diff_args {
	rl_options opts;
	rl_render_options render;
	int color_when;
} cli_diff_args;
extern const cli_opt *const cli_diff_opts;
int cli_diff_opt(int key, const char *arg, void *ctx);

/* The subcommands, NULL-terminated (cli.c). */
extern const cli_cmd cli_commands[];

/* Options every subcommand accepts; their keys. */
enum { OPT_HELP = 'h', OPT_DIR = 'C', OPT_MAX_SIZE = 1000 };
extern const char *cli_directory; /* -C DIR, applied before the subcommand */

/* --max-size=SIZE: inputs over SIZE bytes are refused before they are read
 * (a stream: once that much has arrived), with a message naming the
 * option.  256 MiB by default: redline needs about twice its inputs in
 * memory, more with semantic changes on long paragraphs. */
#define CLI_MAX_SIZE_DEFAULT ((size_t)256 << 20)
extern size_t cli_max_size;

/* Parse a size: digits with an optional K, M or G (powers of 1024), from 1
 * byte to 4G (RL_DOC_MAX_SIZE).  Returns 0 or -1. */
int cli_parse_size(const char *s, size_t *out);

/* When `err` is RL_ELIMIT, add to the library's message how to raise the
 * limit.  Returns `err`. */
int cli_limit_hint(int err);

/* Parse options of a subcommand.  Calls `on_opt(key, arg, ctx)` for each
 * option (return non-zero to stop with exit status 2); handles --help by
 * printing `usage`, `about` and the table to stdout.  Returns the index of
 * the first operand, -1 after --help (exit 0) or -2 on a usage error
 * (message printed; exit 2). */
int cli_parse(int argc, char **argv, const char *cmd, const char *usage, const char *about,
              const cli_opt *opts, int (*on_opt)(int key, const char *arg, void *ctx), void *ctx);

/* Print help for a subcommand to `f`. */
void cli_help(FILE *f, const char *cmd, const char *usage, const char *about, const cli_opt *opts);

/* Print "redline: <message>" to stderr.  Returns CLI_TROUBLE. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Report the library's last error.  Returns CLI_TROUBLE. */
int cli_lib_error(void);

/* Load an input: "-" (standard input), a file, or REV:NAME from the
 * corpus, refusing one over cli_max_size with RL_ELIMIT.  Returns 0 or a
 * library error code (message in rl_error_last). */
int cli_load(rl_doc **out, const char *arg);

/* Load two inputs as cli_load() does, the second on a thread of its own
 * when it is a regular file (reading and segmenting both at once).  On
 * failure the first input's error wins, as when loaded one after the
 * other; whatever was loaded is freed and both are NULL. */
int cli_load_two(rl_doc **a, const char *arg_a, rl_doc **b, const char *arg_b);

/* The corpus hooks (cmd_corpus.c).  Load REV:NAME or :NAME from the corpus
 * around the current directory; returns 0 or a library error code. */
int cli_corpus_load(rl_doc **out, const char *spec);
/* 1 when the operands of diff are revisions of a corpus (REV1 REV2
 * [NAME...]) rather than files.  Cannot fail. */
int cli_diff_is_revisions(int argc, char **argv);
/* diff REV1 REV2 [NAME...]: one block per changed document; returns the
 * exit status (0 all equal, 1 some differ, 2 trouble). */
int cli_diff_revisions(int argc, char **argv, const rl_options *opts,
                       const rl_render_options *render);

/* Write callback for rl_render() to standard output. */
int cli_write_stdout(const char *data, size_t len, void *payload);

/* Parse --color=WHEN; returns 0, or -1 for a bad value. */
int cli_color_option(const char *arg, int *when);
/* Decide colour for standard output from WHEN (0 auto, 1 always, 2 never). */
int cli_use_color(int when);

/* Parse --mode=MODE (auto, versions, related) and --format=FORMAT (text,
 * json, html, markdown or md); return 0, or -1 for an unknown value. */
int cli_mode_option(const char *arg, rl_mode *mode);
int cli_format_option(const char *arg, rl_format *format);

/* Parse a number in [lo, hi]; returns 0 or -1. */
int cli_parse_double(const char *s, double lo, double hi, double *out);

#endif
