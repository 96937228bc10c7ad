/*
 * text — UTF-8 validation, code point classes, comparison keys (NFC +
 * casefold through utf8proc) and the tokenizer.  The first stage of the
 * pipeline: everything downstream works on tokens with byte spans into the
 * original input.  Only this module includes <utf8proc.h>.
 */
#ifndef RL_TEXT_H
#define RL_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Token kinds. */
enum {
	RL_TOK_SPACE = 0, /* a run of white space, line breaks included */
	RL_TOK_WORD,      /* letters, marks and digits with inner hyphens and apostrophes */
	RL_TOK_NUMBER,    /* 55%, 1-2, 80, 1.987,–, 2021, 2.18, 21:13 */
	RL_TOK_PUNCT      /* one character of anything else */
};

/* Token flags. */
enum {
	RL_TOKF_ASCII = 1u << 0,   /* all bytes below 0x80 */
	RL_TOKF_CAP = 1u << 1,     /* word starting with an upper-case letter */
	RL_TOKF_ALLCAPS = 1u << 2, /* word of 2+ letters, all upper case */
	RL_TOKF_NEWLINE = 1u << 3, /* space containing a line break */
	RL_TOKF_BLANK = 1u << 4,   /* space containing a blank line */
	RL_TOKF_ENDPUNCT = 1u << 5, /* punctuation . ! ? or … */
	RL_TOKF_ALNUM = 1u << 6,   /* word of ASCII letters and digits only (not set on
	                            * every such word: on those of the fast path) */
	RL_TOKF_DIGIT = 1u << 7    /* with RL_TOKF_ALNUM: the word holds a digit */
};

typedef struct rl_token {
	uint32_t start; /* byte offsets in the document, half-open */
	uint32_t end;
	uint64_t key;   /* hash of the comparison key; equal text => equal key */
	uint8_t kind;
	uint8_t flags;
} rl_token;

typedef struct rl_tokens {
	rl_token *v;
	size_t n;
	size_t cap;
} rl_tokens;

void rl_tokens_free(rl_tokens *t);

/* Check that `len` bytes are valid UTF-8 (no overlong forms, surrogates or
 * code points above U+10FFFF).  Returns 0, or RL_EINVALID with the offset of
 * the first bad byte in `*bad_at`. */
int rl_text_validate(const char *s, size_t len, size_t *bad_at);

/* Decode the code point at s[*i] (s must be valid UTF-8 up to `len`) and
 * advance *i.  Cannot fail. */
uint32_t rl_text_next(const char *s, size_t len, size_t *i);

/* Number of code points in s[0..len).  Cannot fail. */
size_t rl_text_count(const char *s, size_t len);

/* Code point classes.  Cannot fail. */
int rl_cp_is_space(uint32_t cp);
int rl_cp_is_letter(uint32_t cp); /* letters and combining marks */
int rl_cp_is_upper(uint32_t cp);
int rl_cp_is_lower(uint32_t cp);
int rl_cp_is_digit(uint32_t cp);

/* Append the tokens of data[start..end) to `out`.  The tokens cover the
 * range without gaps.  Fails only with RL_ENOMEM. */
int rl_text_tokenize(rl_tokens *out, const char *data, size_t start, size_t end);

/* Append the comparison key of s[0..len) — NFC, casefolded, typographic
 * apostrophes, quotes and hyphens mapped to ASCII — to `out`.  Fails with
 * RL_ENOMEM. */
int rl_text_fold(rl_buf *out, const char *s, size_t len);

/* Append the NFC form of s[0..len) to `out`.  Fails with RL_ENOMEM. */
int rl_text_nfc(rl_buf *out, const char *s, size_t len);

/* Hash of the comparison key of s[0..len); equals the key a word token with
 * that text gets.  Fails only on memory exhaustion, returning 0. */
uint64_t rl_text_key_hash(const char *s, size_t len);

/* 1 when s[0..len) is already in NFC (a conservative quick check: may say 0
 * for some NFC text).  Cannot fail. */
int rl_text_is_nfc_quick(const char *s, size_t len);

#endif
