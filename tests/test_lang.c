/*
 * test_lang — language profiles: Snowball stemming, stopwords, name
 * normalisation of language codes, detection, and the word lists.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lang.h"
#include "text.h"

static void stem_is(rl_lang *l, const char *w, const char *want)
{
	size_t n;
	const char *s = rl_lang_stem(l, w, strlen(w), &n);

	assert_int_equal(n, strlen(want));
	assert_memory_equal(s, want, n);
}

static void test_lang__stems_dutch_and_english(void **state)
{
	rl_lang *nl, *en;

	(void)state;
	assert_int_equal(rl_lang_open(&nl, "nl"), 0);
	assert_int_equal(rl_lang_open(&en, "english"), 0);
	stem_is(nl, "landen", "land");
	stem_is(nl, "samenwerking", "samenwerk");
	stem_is(nl, "waarden", "waard");
	stem_is(en, "cooperation", "cooper");
	stem_is(en, "countries", "countri");
	assert_string_equal(rl_lang_code(nl), "nl");
	assert_string_equal(rl_lang_code(en), "en");
	rl_lang_free(nl);
	rl_lang_free(en);
}

static void test_lang__accepts_snowball_names_and_codes(void **state)
{
	rl_lang *l;
	const char *names[] = {"dutch", "NL", "nld", "dut", "german", "de", "fr", "sv", "fi", "none"};
	const char *codes[] = {"nl", "nl", "nl", "nl", "de", "de", "fr", "sv", "fi", "none"};

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		assert_int_equal(rl_lang_open(&l, names[i]), 0);
		assert_string_equal(rl_lang_code(l), codes[i]);
		rl_lang_free(l);
	}
	assert_int_equal(rl_lang_open(&l, "klingon"), RL_EINVALID);
	assert_null(l);
	assert_non_null(strstr(rl_error_last(), "klingon"));
	rl_lang_free(NULL);
}

static void test_lang__stopwords(void **state)
{
	rl_lang *nl, *none;

	(void)state;
	assert_int_equal(rl_lang_open(&nl, "nl"), 0);
	assert_int_equal(rl_lang_open(&none, "none"), 0);
	assert_true(rl_lang_is_stopword(nl, rl_text_key_hash("de", 2)));
	assert_true(rl_lang_is_stopword(nl, rl_text_key_hash("Niet", 4)));
	assert_false(rl_lang_is_stopword(nl, rl_text_key_hash("defensie", 8)));
	assert_false(rl_lang_is_stopword(none, rl_text_key_hash("de", 2)));
	/* without a stemmer a word is its own stem */
	stem_is(none, "landen", "landen");
	rl_lang_free(nl);
	rl_lang_free(none);
}

static void test_lang__detects_language(void **state)
{
	const char *nl = "Nederland en Frankrijk zijn van plan om hun samenwerking op het gebied van "
	                 "defensie te versterken.";
	const char *en = "The Netherlands and France intend to strengthen their cooperation in the "
	                 "field of defence.";
	const char *de = "Die Niederlande und Frankreich wollen ihre Zusammenarbeit auf dem Gebiet "
	                 "der Verteidigung verstärken.";
	const char *x = "Xyzzy plugh 12345";

	(void)state;
	assert_string_equal(rl_lang_detect(nl, 0, strlen(nl)), "nl");
	assert_string_equal(rl_lang_detect(en, 0, strlen(en)), "en");
	assert_string_equal(rl_lang_detect(de, 0, strlen(de)), "de");
	assert_null(rl_lang_detect(x, 0, strlen(x)));
	assert_null(rl_lang_detect("", 0, 0));
}

/* A long text is judged by its first 64 KB: Dutch there, then far more
 * English, still reads as Dutch. */
static void test_lang__detects_from_the_start(void **state)
{
	const char *nl = "Nederland en Frankrijk zijn van plan om hun samenwerking te versterken. ";
	const char *en = "The Netherlands and France intend to strengthen their cooperation. ";
	rl_buf b = {0};

	(void)state;
	while (b.len < 70000)
		assert_int_equal(rl_buf_put(&b, nl, strlen(nl)), 0);
	while (b.len < 400000)
		assert_int_equal(rl_buf_put(&b, en, strlen(en)), 0);
	assert_string_equal(rl_lang_detect(b.data, 0, b.len), "nl");
	assert_string_equal(rl_lang_detect(b.data, 80000, b.len), "en");
	rl_buf_free(&b);
}

static void parts_are(rl_lang *l, const char *w, const char *want)
{
	size_t cuts[6], n = rl_lang_split_compound(l, w, strlen(w), cuts, 3);
	char got[128] = "";

	for (size_t k = 0; k < n; k++) {
		if (k)
			strcat(got, " ");
		strncat(got, w + cuts[2 * k], cuts[2 * k + 1] - cuts[2 * k]);
	}
	assert_string_equal(got, want);
}

static void test_lang__splits_compounds(void **state)
{
	rl_lang *nl, *en;

	(void)state;
	assert_int_equal(rl_lang_open(&nl, "nl"), 0);
	assert_int_equal(rl_lang_open(&en, "en"), 0);
	if (!rl_lang_split_compound(nl, "defensiegebied", 14, (size_t[4]){0}, 2)) {
		/* no hunspell-nl word list on this machine */
		rl_lang_free(nl);
		rl_lang_free(en);
		skip();
	}
	parts_are(nl, "defensiesamenwerking", "defensie samenwerking");
	parts_are(nl, "regeringsconsultaties", "regering consultaties"); /* linking s */
	parts_are(nl, "regeringsoverleg", "regering overleg");
	parts_are(nl, "verandering", "");       /* not a compound */
	parts_are(nl, "voorzitter", "");        /* "voor" is a stopword, not a part */
	parts_are(nl, "kaas", "");              /* too short */
	parts_are(en, "cooperation", "");       /* English does not compound */
	rl_lang_free(nl);
	rl_lang_free(en);
}

static void test_lang__abbreviations_still_load(void **state)
{
	(void)state;
	assert_true(rl_lang_is_abbreviation("o.a", 3));
	assert_false(rl_lang_is_abbreviation("defensie", 8));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lang__stems_dutch_and_english),
		cmocka_unit_test(test_lang__accepts_snowball_names_and_codes),
		cmocka_unit_test(test_lang__stopwords),
		cmocka_unit_test(test_lang__detects_language),
		cmocka_unit_test(test_lang__detects_from_the_start),
		cmocka_unit_test(test_lang__splits_compounds),
		cmocka_unit_test(test_lang__abbreviations_still_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
