/*
 * fuzz_text — UTF-8 validation, decoding and the tokenizer on arbitrary
 * bytes.  Properties: the first bad byte is where validation says; decoding
 * counts as many code points as rl_text_count(); tokens cover the input
 * without gaps or empty tokens; a word's key is rl_text_key_hash() of its
 * text; text the quick check calls NFC is unchanged by NFC.
 * fuzz-seeds: single
 */
#include "fuzz.h"

#include "text.h"

static void check_tokens(const char *s, size_t len)
{
	rl_tokens tok = {0};
	size_t at = 0;

	FUZZ_CHECK(rl_text_tokenize(&tok, s, 0, len) == 0);
	for (size_t i = 0; i < tok.n; i++) {
		const rl_token *t = &tok.v[i];

		FUZZ_CHECK(t->start == at && t->end > t->start && t->end <= len);
		FUZZ_CHECK(t->kind <= RL_TOK_PUNCT);
		if (t->kind == RL_TOK_WORD)
			FUZZ_CHECK(rl_text_key_hash(s + t->start, t->end - t->start) == t->key);
		at = t->end;
	}
	FUZZ_CHECK(at == len);
	rl_tokens_free(&tok);
}

static void check_normal_forms(const char *s, size_t len)
{
	rl_buf fold = RL_BUF_INIT, nfc = RL_BUF_INIT;

	FUZZ_CHECK(rl_text_fold(&fold, s, len) == 0);
	FUZZ_CHECK(rl_text_nfc(&nfc, s, len) == 0);
	FUZZ_CHECK(rl_text_validate(fold.data ? fold.data : "", fold.len, &(size_t){0}) == 0);
	FUZZ_CHECK(rl_text_validate(nfc.data ? nfc.data : "", nfc.len, &(size_t){0}) == 0);
	if (rl_text_is_nfc_quick(s, len))
		FUZZ_CHECK(nfc.len == len && (len == 0 || memcmp(nfc.data, s, len) == 0));
	rl_buf_free(&fold);
	rl_buf_free(&nfc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup((const char *)data, size);
	size_t bad = 0, i = 0, n = 0;

	if (rl_text_validate(s, size, &bad) < 0) {
		FUZZ_CHECK(bad < size);
		FUZZ_CHECK(rl_text_validate(s, bad, &(size_t){0}) == 0);
		free(s);
		return 0;
	}
	while (i < size) {
		size_t before = i;
		uint32_t cp = rl_text_next(s, size, &i);

		FUZZ_CHECK(i > before && i - before <= 4 && cp <= 0x10ffff);
		n++;
	}
	FUZZ_CHECK(i == size && n == rl_text_count(s, size));
	check_tokens(s, size);
	check_normal_forms(s, size);
	free(s);
	return 0;
}
