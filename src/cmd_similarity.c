/*
 * cmd_similarity — `redline similarity [--lang=L]`: reads "text_a<TAB>text_b"
 * lines on standard input and writes one score in [0, 1] per line, the
 * similarity that related mode thresholds (src/similarity.c).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lang.h"
#include "similarity.h"
#include "text.h"

enum { OPT_LANG = 256 };

typedef struct sim_args {
	const char *lang;
} sim_args;

static const cli_opt sim_opts[] = {
	{"lang", OPT_LANG, "LANG", "language of the texts: a Snowball language (nl, en, de, fr, "
	                           "..., or none); default: detect from the input"},
	{NULL, 0, NULL, NULL}
};

static int sim_opt(int key, const char *arg, void *ctx)
{
	sim_args *a = ctx;

	if (key == OPT_LANG) {
		a->lang = arg;
		return 0;
	}
	return 1;
}

/* Byte spans of the two texts of every line: 4 offsets per line. */
static int split_lines(size_t **out, size_t *n_out, const char *data, size_t len)
{
	size_t *sp = NULL, cap = 0, n = 0, line = 1;

	for (size_t i = 0; i < len; line++) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len, next = nl ? end + 1 : len;
		const char *tab = memchr(data + i, '\t', end - i);

		if (end > i && data[end - 1] == '\r')
			end--;
		if (!tab) {
			free(sp);
			return cli_error("similarity: line %zu has no TAB between the two texts", line);
		}
		if (rl_grow(&sp, &cap, 4 * (n + 1), sizeof(size_t)) < 0) {
			free(sp);
			return cli_lib_error();
		}
		sp[4 * n] = i;
		sp[4 * n + 1] = (size_t)(tab - data);
		sp[4 * n + 2] = (size_t)(tab - data) + 1;
		sp[4 * n + 3] = end;
		n++;
		i = next;
	}
	*out = sp;
	*n_out = n;
	return 0;
}

int cmd_similarity(int argc, char **argv)
{
	sim_args a = {NULL};
	char *data = NULL;
	size_t len = 0, n = 0, *spans = NULL, bad;
	double *scores = NULL;
	rl_sim *sim = NULL;
	int first, status = CLI_TROUBLE;

	first = cli_parse(argc, argv, "similarity", "[OPTIONS] < PAIRS",
	                  "Read lines \"text_a<TAB>text_b\" on standard input and write one similarity\n"
	                  "score in [0, 1] per line: the measure related mode uses (stemmed content\n"
	                  "words and character n-grams, weighted by rarity across the input).",
	                  sim_opts, sim_opt, &a);
	if (first < 0)
		return first == -1 ? CLI_SAME : CLI_TROUBLE;
	if (argc != first)
		return cli_error("similarity: no operands expected (pairs come on standard input)");
	if (rl_read_file(&data, &len, "-", 0) < 0)
		return cli_lib_error();
	if (rl_text_validate(data, len, &bad) < 0) {
		cli_error("similarity: standard input: invalid UTF-8 at byte %zu", bad);
		goto done;
	}
	if (split_lines(&spans, &n, data, len) != 0)
		goto done;
	if (!a.lang)
		a.lang = rl_lang_detect(data, 0, len);
	if (rl_sim_new(&sim, a.lang) < 0 || !(scores = rl_calloc(n + 1, sizeof(double))) ||
	    rl_sim_pairs(sim, scores, data, spans, n) < 0) {
		cli_lib_error();
		goto done;
	}
	for (size_t k = 0; k < n; k++)
		printf("%.4f\n", scores[k]);
	status = fflush(stdout) == 0 ? CLI_SAME : cli_error("similarity: cannot write the output");
done:
	rl_sim_free(sim);
	free(scores);
	free(spans);
	free(data);
	return status;
}
