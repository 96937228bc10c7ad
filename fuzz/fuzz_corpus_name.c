/*
 * fuzz_corpus_name — document names and REV:NAME specs against a small
 * corpus made once at start-up (two commits of two documents, in a
 * temporary directory).  The input is a name: rl_corpus_check_name() must
 * accept it only when it is valid UTF-8, relative, free of control bytes,
 * backslashes and empty, ".", ".." or ".git" components.  Then it is read
 * as a spec: success or one of the documented errors with a message, and
 * what reads as :NAME from the work tree is a document of the corpus.
 * fuzz-seeds: corpus-name
 */
#include "fuzz.h"

#include <unistd.h>

#include "redline.h"
#include "text.h"

static rl_corpus *corpus;

static int add(const char *name, const char *text, const char *date)
{
	rl_corpus_file f = {name, text, strlen(text), {0, 0}, RL_CORPUS_UNCHANGED};
	rl_corpus_add_options o;
	char commit[41];

	rl_corpus_add_options_init(&o);
	o.author_name = "Fuzz";
	o.author_email = "fuzz@example.org";
	o.committer_date = &f.date;
	return rl_date_parse(&f.date, date) < 0 ? -1 : rl_corpus_add(commit, corpus, &f, 1, &o);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[] = "/tmp/rl_fuzz_corpus_XXXXXX";
	int created;

	(void)argc;
	(void)argv;
	if (!mkdtemp(dir) || rl_corpus_init(&corpus, dir, &created) < 0 ||
	    add("a.txt", "Eerste versie.\n", "2021-08-31") < 0 ||
	    add("dir/b.txt", "Een ander document.\n", "2022-03-01") < 0 ||
	    add("a.txt", "Tweede versie, niet de eerste.\n", "2023-01-10") < 0) {
		fprintf(stderr, "fuzz_corpus_name: cannot make the corpus in %s: %s\n", dir,
		        rl_error_last());
		abort();
	}
	return 0;
}

/* The rules of rl_corpus_check_name(), written out plainly. */
static int plainly_valid(const char *s, size_t len)
{
	size_t bad, start = 0;

	if (len == 0 || s[0] == '/' || rl_text_validate(s, len, &bad) < 0 || !strcmp(s, ".redline"))
		return 0;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f || s[i] == '\\')
			return 0;
	for (size_t i = 0; i <= len; i++)
		if (i == len || s[i] == '/') {
			size_t n = i - start;
			const char *c = s + start;

			if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.') ||
			    (n >= 4 && c[0] == '.' && (c[1] | 32) == 'g' && (c[2] | 32) == 'i' &&
			     (c[3] | 32) == 't'))
				return 0;
			start = i + 1;
		}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup((const char *)data, size);
	size_t len = strlen(s), n = 0;
	char *out = NULL;
	int err;

	err = rl_corpus_check_name(s);
	FUZZ_CHECK(err == 0 || err == RL_EINVALID);
	if (err == 0)
		FUZZ_CHECK(plainly_valid(s, len));
	else
		FUZZ_CHECK(*rl_error_last());
	err = rl_corpus_read(&out, &n, corpus, s);
	FUZZ_CHECK(err == 0 || err == RL_ENOTFOUND || err == RL_EINVALID || err == RL_EGIT ||
	           err == RL_EIO);
	if (err == 0) {
		FUZZ_CHECK(out && strlen(out) <= n);
		if (s[0] == ':')
			FUZZ_CHECK(!strcmp(out, "Tweede versie, niet de eerste.\n") ||
			           !strcmp(out, "Een ander document.\n"));
	} else {
		FUZZ_CHECK(!out && *rl_error_last());
	}
	free(out);
	free(s);
	return 0;
}
