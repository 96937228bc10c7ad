/* Unit tests for worddiff: the edit script rebuilds both sides exactly
 * (a property test over thousands of random edits with multi-byte text),
 * '=' pieces are byte-identical, normalisation-only differences do not
 * count as changes, and the cleanup leaves no confetti. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "worddiff.h"

static rl_worddiff_scratch *wd;

static int setup(void **state)
{
	(void)state;
	return rl_worddiff_scratch_new(&wd);
}

static int teardown(void **state)
{
	(void)state;
	rl_worddiff_scratch_free(wd);
	return 0;
}

/* Diff a and b; check the rebuild property; return the script rendered as
 * "=text|-text|+text|" and whether it counts as changed. */
static char *diff(const char *a, const char *b, int *changed)
{
	rl_edits e = {0};
	rl_buf old = RL_BUF_INIT, new = RL_BUF_INIT, out = RL_BUF_INIT;
	size_t la = strlen(a), lb = strlen(b);

	assert_int_equal(rl_worddiff(&e, changed, wd, a, 0, la, b, 0, lb), 0);
	for (size_t i = 0; i < e.n; i++) {
		const rl_edit *x = &e.v[i];
		const char *src = x->op == RL_EDIT_INSERT ? b : a;

		assert_true(x->end > x->start);
		if (x->op != RL_EDIT_INSERT)
			rl_buf_put(&old, src + x->start, x->end - x->start);
		if (x->op != RL_EDIT_DELETE)
			rl_buf_put(&new, src + x->start, x->end - x->start);
		rl_buf_printf(&out, "%c%.*s|", (char)x->op, (int)(x->end - x->start), src + x->start);
		/* adjacent pieces of one kind are merged */
		if (i > 0)
			assert_true(e.v[i - 1].op != x->op || e.v[i - 1].end != x->start);
	}
	assert_int_equal(old.len, la);
	assert_int_equal(new.len, lb);
	assert_true(la == 0 || memcmp(old.data, a, la) == 0);
	assert_true(lb == 0 || memcmp(new.data, b, lb) == 0);
	rl_buf_free(&old);
	rl_buf_free(&new);
	rl_edits_free(&e);
	return rl_buf_detach(&out);
}

static void check(const char *a, const char *b, const char *want, int want_changed)
{
	int changed = -1;
	char *got = diff(a, b, &changed);

	assert_string_equal(got, want);
	assert_int_equal(changed, want_changed);
	free(got);
}

static void test_worddiff__replacement_keeps_shared_space_outside(void **state)
{
	(void)state;
	check("richt zich steeds meer op Frankrijk.", "richt zich steeds vaker op Frankrijk.",
	      "=richt zich steeds |-meer|+vaker|= op Frankrijk.|", 1);
}

static void test_worddiff__insertion_and_deletion(void **state)
{
	(void)state;
	check("Zij zijn voornemens te gaan.", "Zij gaan.", "=Zij |-zijn voornemens te |=gaan.|", 1);
	check("Het is zo.", "Het is niet zo.", "=Het is |+niet |=zo.|", 1);
}

static void test_worddiff__whitespace_and_nfc_do_not_count(void **state)
{
	(void)state;
	check("een  twee\ndrie", "een twee drie", "=een|-  |+ |=twee|-\n|+ |=drie|", 0);
	check("caf\xc3\xa9 open", "cafe\xcc\x81 open", "-caf\xc3\xa9|+cafe\xcc\x81|= open|", 0);
	/* case is a change, and so is white space that appears between tokens */
	check("Nederland", "nederland", "-Nederland|+nederland|", 1);
	check("a,b", "a, b", "=a,|+ |=b|", 1);
}

static void test_worddiff__cleanup_folds_tiny_equalities(void **state)
{
	(void)state;
	/* "d" between two changes is folded in rather than left as confetti */
	check("a bb d ee", "a cc d ff", "=a |-bb d ee|+cc d ff|", 1);
	/* a long equality stays */
	check("x een lange gelijke passage hier y", "z een lange gelijke passage hier w",
	      "-x|+z|= een lange gelijke passage hier |-y|+w|", 1);
}

static void test_worddiff__empty_sides(void **state)
{
	(void)state;
	check("", "", "", 0);
	check("", "nieuw", "+nieuw|", 1);
	check("oud", "", "-oud|", 1);
}

/* Random text from a vocabulary with multi-byte words, punctuation and
 * assorted white space. */
static const char *const vocab[] = {
	"Nederland", "Frankrijk", "Oekra\xc3\xafne", "Ye\xc5\x9fil\x67\xc3\xb6z-Zegerius", "55%", "1-2",
	"\xe2\x80\x98regio\xe2\x80\x99s\xe2\x80\x99", "de", "het", "een", "niet", ",", ".", "\xe2\x82\xac",
	"caf\xc3\xa9", "cafe\xcc\x81", "NAVO", "navo", "\xf0\x9f\x98\x80", "EU-aanpak", "1.987,\xe2\x80\x93"
};
static const char *const spaces[] = {" ", " ", " ", "  ", "\n", "\r\n", "\t", "\xc2\xa0", ""};

static void random_text(rl_buf *b, int words)
{
	for (int i = 0; i < words; i++) {
		rl_buf_puts(b, vocab[rand() % (int)(sizeof(vocab) / sizeof(*vocab))]);
		rl_buf_puts(b, spaces[rand() % (int)(sizeof(spaces) / sizeof(*spaces))]);
	}
}

static void mutate(rl_buf *out, const char *in)
{
	size_t len = strlen(in), i = 0;

	while (i < len) {
		int r = rand() % 100;
		size_t step = 1;

		/* step over whole UTF-8 sequences */
		while (i + step < len && ((unsigned char)in[i + step] & 0xc0) == 0x80)
			step++;
		if (r < 3) {
			i += step; /* delete a character */
			continue;
		}
		if (r < 6)
			random_text(out, 1 + rand() % 3); /* insert words */
		rl_buf_put(out, in + i, step);
		i += step;
	}
	if (rand() % 4 == 0)
		random_text(out, rand() % 4);
}

static void test_worddiff__property_rebuilds_both_sides(void **state)
{
	(void)state;
	srand(12345);
	for (int round = 0; round < 3000; round++) {
		rl_buf a = RL_BUF_INIT, b = RL_BUF_INIT;
		int changed;
		char *script;

		random_text(&a, rand() % 60);
		mutate(&b, a.data ? a.data : "");
		script = diff(a.data ? a.data : "", b.data ? b.data : "", &changed);
		if (a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0))
			assert_int_equal(changed, 0);
		free(script);
		rl_buf_free(&a);
		rl_buf_free(&b);
	}
}

/* A range of megabytes is diffed chunk by chunk: exact, and equal text
 * stays equal. */
static void test_worddiff__large_ranges_go_chunk_by_chunk(void **state)
{
	rl_buf a = RL_BUF_INIT, b = RL_BUF_INIT;
	int changed = -1;
	char *script;

	(void)state;
	srand(99);
	random_text(&a, 120000); /* well over the chunking threshold */
	rl_buf_put(&b, a.data, a.len);
	script = diff(a.data, b.data, &changed);
	assert_int_equal(changed, 0);
	free(script);
	rl_buf_clear(&b);
	mutate(&b, a.data);
	script = diff(a.data, b.data, &changed);
	assert_int_equal(changed, 1);
	free(script);
	rl_buf_free(&a);
	rl_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_worddiff__replacement_keeps_shared_space_outside),
		cmocka_unit_test(test_worddiff__insertion_and_deletion),
		cmocka_unit_test(test_worddiff__whitespace_and_nfc_do_not_count),
		cmocka_unit_test(test_worddiff__cleanup_folds_tiny_equalities),
		cmocka_unit_test(test_worddiff__empty_sides),
		cmocka_unit_test(test_worddiff__property_rebuilds_both_sides),
		cmocka_unit_test(test_worddiff__large_ranges_go_chunk_by_chunk),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
