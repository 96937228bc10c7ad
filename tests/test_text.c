/* Unit tests for text: UTF-8 validation, classes, keys and the tokenizer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include <utf8proc.h>

#include "text.h"

static size_t bad_at(const char *s, size_t len)
{
	size_t at = SIZE_MAX;

	if (rl_text_validate(s, len, &at) == 0)
		return SIZE_MAX;
	return at;
}

static void test_text__validate_accepts_utf8(void **state)
{
	const char *ok = "plain ascii text, long enough for the fast path; "
	                 "Oekra\xc3\xafne \xe2\x80\x99 \xf0\x9f\x98\x80 \xef\xbb\xbf";

	(void)state;
	assert_int_equal(bad_at(ok, strlen(ok)), SIZE_MAX);
	assert_int_equal(bad_at("", 0), SIZE_MAX);
}

static void test_text__validate_rejects_bad_sequences(void **state)
{
	(void)state;
	assert_int_equal(bad_at("ab\xff", 3), 2);            /* invalid byte */
	assert_int_equal(bad_at("abcdefghij\x80", 11), 10);   /* lone continuation, after fast path */
	assert_int_equal(bad_at("a\xc0\xaf", 3), 1);          /* overlong */
	assert_int_equal(bad_at("a\xe0\x80\xaf", 4), 1);      /* overlong 3-byte */
	assert_int_equal(bad_at("a\xed\xa0\x80", 4), 1);      /* surrogate */
	assert_int_equal(bad_at("a\xf4\x90\x80\x80", 5), 1);  /* above U+10FFFF */
	assert_int_equal(bad_at("abc\xe2\x80", 5), 3);        /* truncated */
	assert_int_equal(bad_at("abc\xc3(", 5), 3);           /* bad continuation */
	assert_string_equal(rl_error_last(), "invalid UTF-8 at byte 3");
}

static void test_text__decode_and_count(void **state)
{
	const char *s = "a\xc3\xafz\xf0\x9f\x98\x80";
	size_t i = 0;

	(void)state;
	assert_int_equal(rl_text_next(s, 8, &i), 'a');
	assert_int_equal(rl_text_next(s, 8, &i), 0xef);
	assert_int_equal(rl_text_next(s, 8, &i), 'z');
	assert_int_equal(rl_text_next(s, 8, &i), 0x1f600);
	assert_int_equal(i, 8);
	assert_int_equal(rl_text_count(s, 8), 4);
}

/* Tokenize and render "kind:text|kind:text|..." for easy assertions. */
static char *tokens_of(const char *s)
{
	rl_tokens t = {0};
	rl_buf b = RL_BUF_INIT;
	static const char kinds[] = "SWNP";

	assert_int_equal(rl_text_tokenize(&t, s, 0, strlen(s)), 0);
	for (size_t i = 0; i < t.n; i++) {
		if (t.v[i].kind == RL_TOK_SPACE)
			continue;
		rl_buf_printf(&b, "%c:%.*s|", kinds[t.v[i].kind], (int)(t.v[i].end - t.v[i].start),
		              s + t.v[i].start);
	}
	rl_tokens_free(&t);
	return rl_buf_detach(&b);
}

static void check_tokens(const char *in, const char *want)
{
	char *got = tokens_of(in);

	assert_string_equal(got, want);
	free(got);
}

static void test_text__words_keep_inner_hyphens_and_apostrophes(void **state)
{
	(void)state;
	check_tokens("de EU-aanpak", "W:de|W:EU-aanpak|");
	check_tokens("Dilan Ye\xc5\x9fil\x67\xc3\xb6z-Zegerius,", "W:Dilan|W:Ye\xc5\x9fil\x67\xc3\xb6z-Zegerius|P:,|");
	check_tokens("lhbtqi+\xe2\x80\x99" "ers", "W:lhbtqi+\xe2\x80\x99" "ers|");
	check_tokens("Oekra\xc3\xafne.", "W:Oekra\xc3\xafne|P:.|");
	check_tokens("NAVO's en NAVO\xe2\x80\x99s", "W:NAVO's|W:en|W:NAVO\xe2\x80\x99s|");
	check_tokens("COVID-19-pandemie", "W:COVID-19-pandemie|");
	check_tokens("EU-\naanpak", "W:EU|P:-|W:aanpak|");
	check_tokens("mensenhandel en -smokkel", "W:mensenhandel|W:en|P:-|W:smokkel|");
	check_tokens("\xe2\x80\x98regio\xe2\x80\x99s\xe2\x80\x99", "P:\xe2\x80\x98|W:regio\xe2\x80\x99s|P:\xe2\x80\x99|");
}

static void test_text__numbers(void **state)
{
	(void)state;
	check_tokens("55% en 1-2 oktober", "N:55%|W:en|N:1-2|W:oktober|");
	check_tokens("80 miljoen, 2021.", "N:80|W:miljoen|P:,|N:2021|P:.|");
	check_tokens("\xe2\x82\xac 1.987,\xe2\x80\x93 per jaar", "P:\xe2\x82\xac|N:1.987,\xe2\x80\x93|W:per|W:jaar|");
	check_tokens("om 21:13 en 4,256 procent", "W:om|N:21:13|W:en|N:4,256|W:procent|");
	check_tokens("de 18e eeuw", "W:de|W:18e|W:eeuw|");
	check_tokens("2026-03-02", "N:2026-03-02|");
}

static void test_text__tokens_cover_the_input(void **state)
{
	const char *s = "  Een\xc2\xa0zin, met \xe2\x80\x9cquotes\xe2\x80\x9d\r\n\r\nen 5% \xf0\x9f\x98\x80!";
	rl_tokens t = {0};
	size_t pos = 0;

	(void)state;
	assert_int_equal(rl_text_tokenize(&t, s, 0, strlen(s)), 0);
	for (size_t i = 0; i < t.n; i++) {
		assert_int_equal(t.v[i].start, pos);
		assert_true(t.v[i].end > t.v[i].start);
		pos = t.v[i].end;
	}
	assert_int_equal(pos, strlen(s));
	/* NBSP is white space; CRLF CRLF is a blank line */
	assert_int_equal(t.v[2].kind, RL_TOK_SPACE);
	for (size_t i = 0; i < t.n; i++)
		if (t.v[i].kind == RL_TOK_SPACE && memchr(s + t.v[i].start, '\r', t.v[i].end - t.v[i].start))
			assert_true(t.v[i].flags & RL_TOKF_BLANK);
	rl_tokens_free(&t);
}

static uint64_t key_of(const char *s)
{
	rl_tokens t = {0};
	uint64_t k;

	assert_int_equal(rl_text_tokenize(&t, s, 0, strlen(s)), 0);
	assert_int_equal(t.n, 1);
	k = t.v[0].key;
	rl_tokens_free(&t);
	return k;
}

static void test_text__keys_fold_case_and_normalisation(void **state)
{
	(void)state;
	assert_true(key_of("Nederland") == key_of("NEDERLAND"));
	assert_true(key_of("Nederland") == key_of("nederland"));
	/* composed and decomposed e-acute */
	assert_true(key_of("caf\xc3\xa9") == key_of("cafe\xcc\x81"));
	assert_true(key_of("CAF\xc3\x89") == key_of("caf\xc3\xa9"));
	/* typographic apostrophe */
	assert_true(key_of("NAVO\xe2\x80\x99s") == key_of("NAVO's"));
	/* casefolding beyond ASCII */
	assert_true(key_of("Stra\xc3\x9f" "e") == key_of("STRASSE"));
	assert_true(key_of("Nederland") != key_of("Nederlands"));
	assert_true(key_of("Nederland") == rl_text_key_hash("Nederland", 9));
}

static void test_text__flags(void **state)
{
	rl_tokens t = {0};
	const char *s = "NAVO Nederland niet \xc3\x89\xc3\xa9n. ?";

	(void)state;
	assert_int_equal(rl_text_tokenize(&t, s, 0, strlen(s)), 0);
	assert_true(t.v[0].flags & RL_TOKF_ALLCAPS);
	assert_true(t.v[0].flags & RL_TOKF_CAP);
	assert_true(t.v[0].flags & RL_TOKF_ASCII);
	assert_true(t.v[2].flags & RL_TOKF_CAP);
	assert_false(t.v[2].flags & RL_TOKF_ALLCAPS);
	assert_false(t.v[4].flags & RL_TOKF_CAP);
	assert_true(t.v[6].flags & RL_TOKF_CAP);     /* Één */
	assert_false(t.v[6].flags & RL_TOKF_ASCII);
	assert_true(t.v[7].flags & RL_TOKF_ENDPUNCT); /* . */
	rl_tokens_free(&t);
}

static void test_text__fold_and_nfc(void **state)
{
	rl_buf b = RL_BUF_INIT;
	(void)state;
	const char *in = "\xe2\x80\x9cHALLO\xe2\x80\x9d \xe2\x80\x93 E\xcc\x81";

	assert_int_equal(rl_text_fold(&b, in, strlen(in)), 0);
	assert_string_equal(b.data, "\"hallo\" - \xc3\xa9");
	rl_buf_clear(&b);
	assert_int_equal(rl_text_nfc(&b, "E\xcc\x81", 3), 0);
	assert_string_equal(b.data, "\xc3\x89");
	assert_true(rl_text_is_nfc_quick("Oekra\xc3\xafne \xe2\x80\x99", 13));
	assert_false(rl_text_is_nfc_quick("E\xcc\x81", 3));
	rl_buf_free(&b);
}

/* The fast fold for Latin text agrees with utf8proc's casefold + NFC. */
static void test_text__fold_agrees_with_utf8proc(void **state)
{
	(void)state;
	for (uint32_t cp = 0x80; cp < 0x800; cp++) {
		char in[8];
		rl_buf got = RL_BUF_INIT, want = RL_BUF_INIT;
		size_t n = 0;

		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		in[n++] = (char)(0xc0 | (cp >> 6));
		in[n++] = (char)(0x80 | (cp & 0x3f));
		in[n++] = 'A';
		assert_int_equal(rl_text_fold(&got, in, n), 0);
		{
			utf8proc_uint8_t *dst = NULL;
			utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)n, &dst,
			                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
			assert_true(m > 0);
			/* with the one typographic mapping that can occur here: U+02BC -> ' */
			for (utf8proc_ssize_t k = 0; k < m; k++) {
				if (k + 1 < m && dst[k] == 0xca && dst[k + 1] == 0xbc) {
					rl_buf_putc(&want, '\'');
					k++;
				} else {
					rl_buf_putc(&want, (char)dst[k]);
				}
			}
			free(dst);
		}
		if (got.len != want.len || memcmp(got.data, want.data, got.len) != 0)
			fail_msg("U+%04X folds to '%s', utf8proc says '%s'", cp, got.data, want.data);
		rl_buf_free(&got);
		rl_buf_free(&want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text__validate_accepts_utf8),
		cmocka_unit_test(test_text__validate_rejects_bad_sequences),
		cmocka_unit_test(test_text__decode_and_count),
		cmocka_unit_test(test_text__words_keep_inner_hyphens_and_apostrophes),
		cmocka_unit_test(test_text__numbers),
		cmocka_unit_test(test_text__tokens_cover_the_input),
		cmocka_unit_test(test_text__keys_fold_case_and_normalisation),
		cmocka_unit_test(test_text__flags),
		cmocka_unit_test(test_text__fold_and_nfc),
		cmocka_unit_test(test_text__fold_agrees_with_utf8proc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
