/*
 * text — UTF-8 validation, code point classes, comparison keys and the
 * tokenizer.  ASCII takes table-driven fast paths; anything else goes
 * through utf8proc for categories, NFC and casefolding, so the key of a
 * token is the same whatever normalisation form or case the input used.
 */
#include "text.h"

#include <pthread.h>
#include <stdlib.h>
#include <utf8proc.h>

#define KEY_SEED 0x7265646c696e65ULL /* "redline" */
#define SPACE_KEY 0x5bace5bace5baceULL

void rl_tokens_free(rl_tokens *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

/* ---- UTF-8 ------------------------------------------------------------ */

int rl_text_validate(const char *str, size_t len, size_t *bad_at)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		uint64_t w;
		unsigned c = s[i];
		size_t n;
		uint32_t cp;

		if (i + 8 <= len) {
			memcpy(&w, s + i, 8);
			if (!(w & 0x8080808080808080ULL)) {
				i += 8;
				continue;
			}
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 4;
			cp = c & 0x07;
		} else {
			goto bad;
		}
		if (i + n > len)
			goto bad;
		for (size_t k = 1; k < n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
			goto bad;
		i += n;
	}
	return 0;
bad:
	*bad_at = i;
	return rl_error_set(RL_EINVALID, "invalid UTF-8 at byte %zu", i);
}

uint32_t rl_text_next(const char *str, size_t len, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str + *i;
	size_t left = len - *i;
	uint32_t c = s[0];

	if (c < 0x80 || left < 2) {
		*i += 1;
		return c;
	}
	if (c < 0xe0) {
		*i += 2;
		return ((c & 0x1f) << 6) | (s[1] & 0x3f);
	}
	if (c < 0xf0 || left < 4) {
		if (left < 3) {
			*i += left;
			return 0xfffd;
		}
		*i += 3;
		return ((c & 0x0f) << 12) | ((uint32_t)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
	}
	*i += 4;
	return ((c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3f) << 12) |
	       ((uint32_t)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
}

size_t rl_text_count(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t cont = 0, i = 0;

	/* count continuation bytes (10xxxxxx), eight at a time */
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		/* at most bit 7 of each byte is set: sum them with one multiply */
		cont += (size_t)((((w & ~(w << 1) & 0x8080808080808080ULL) >> 7) *
		                  0x0101010101010101ULL) >> 56);
	}
	for (; i < len; i++)
		cont += (s[i] & 0xc0) == 0x80;
	return len - cont;
}

/* ---- classes ---------------------------------------------------------- */

enum { C_SPACE, C_LETTER, C_DIGIT, C_PUNCT, C_FORMAT };

static const unsigned char ascii_class[128] = {
	/* controls: \t \n \v \f \r are space, the rest punctuation */
	3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3,
	3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3,
	3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3,
};

static int cp_class(uint32_t cp)
{
	if (cp < 128)
		return ascii_class[cp];
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return C_LETTER;
	case UTF8PROC_CATEGORY_ND:
		return C_DIGIT;
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
		return C_SPACE;
	case UTF8PROC_CATEGORY_CF:
		return C_FORMAT;
	case UTF8PROC_CATEGORY_CC:
		return cp == 0x85 ? C_SPACE : C_PUNCT;
	default:
		return C_PUNCT;
	}
}

int rl_cp_is_space(uint32_t cp)
{
	return cp_class(cp) == C_SPACE;
}

int rl_cp_is_letter(uint32_t cp)
{
	return cp_class(cp) == C_LETTER;
}

int rl_cp_is_digit(uint32_t cp)
{
	return cp_class(cp) == C_DIGIT;
}

int rl_cp_is_upper(uint32_t cp)
{
	utf8proc_category_t c;

	if (cp < 128)
		return cp >= 'A' && cp <= 'Z';
	c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int rl_cp_is_lower(uint32_t cp)
{
	if (cp < 128)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

/* Hyphens and apostrophes that join two word parts. */
static int is_joiner(uint32_t cp)
{
	return cp == '-' || cp == '\'' || cp == 0x2010 || cp == 0x2011 || cp == 0x2019 ||
	       cp == 0x02bc;
}

static int is_apostrophe(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x02bc;
}

/* ---- keys ------------------------------------------------------------- */

/* Typographic variants that compare equal to their ASCII counterpart. */
static uint32_t plain_variant(uint32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x02bc: case 0x2032:
		return '\'';
	case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033:
		return '"';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
		return '-';
	default:
		return cp;
	}
}

int rl_text_is_nfc_quick(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		uint64_t w;

		if (i + 8 <= len && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ULL))) {
			i += 8;
			continue;
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		cp = rl_text_next(s, len, &i);
		/* Latin-1 and Latin Extended-A/B, general punctuation and
		 * currency symbols are NFC-stable and never combine. */
		if ((cp < 0x300) || (cp >= 0x2010 && cp <= 0x2027) ||
		    (cp >= 0x2030 && cp <= 0x205e) || (cp >= 0x20a0 && cp <= 0x20bf))
			continue;
		return 0;
	}
	return 1;
}

static int map_utf8proc(rl_buf *out, const char *s, size_t len, utf8proc_option_t opt)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t n;
	int err;

	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &dst,
	                 opt | UTF8PROC_STABLE);
	if (n < 0) {
		/* Valid input cannot fail except on memory exhaustion. */
		return rl_error_set(n == UTF8PROC_ERROR_NOMEM ? RL_ENOMEM : RL_EINVALID,
		                    "text normalisation failed: %s", utf8proc_errmsg(n));
	}
	err = rl_buf_put(out, dst, (size_t)n);
	free(dst);
	return err;
}

int rl_text_nfc(rl_buf *out, const char *s, size_t len)
{
	if (rl_text_is_nfc_quick(s, len))
		return rl_buf_put(out, s, len);
	return map_utf8proc(out, s, len, UTF8PROC_COMPOSE);
}

static void put_utf8(char *d, size_t *w, uint32_t cp)
{
	if (cp < 0x80) {
		d[(*w)++] = (char)cp;
	} else if (cp < 0x800) {
		d[(*w)++] = (char)(0xc0 | (cp >> 6));
		d[(*w)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		d[(*w)++] = (char)(0xe0 | (cp >> 12));
		d[(*w)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		d[(*w)++] = (char)(0x80 | (cp & 0x3f));
	}
}

/* Casefold without utf8proc_map where that is a per-character lowercase:
 * Latin letters below U+0250 (except those whose fold is not their lower
 * case, and combining marks, which NFC may compose) and the typographic
 * punctuation that maps to ASCII.  Returns 1 when done, 0 when the text
 * needs the full algorithm (`out` then holds a partial result to drop), or
 * RL_ENOMEM.  The result is never longer than the input. */
static int fold_simple(rl_buf *out, const char *s, size_t len)
{
	size_t i = 0, w;

	if (rl_buf_grow(out, len) < 0)
		return RL_ENOMEM;
	w = out->len;
	while (i < len) {
		uint32_t cp = rl_text_next(s, len, &i), pv = plain_variant(cp);

		if (pv != cp) {
			out->data[w++] = (char)pv;
			continue;
		}
		if (cp >= 0x250 || cp == 0xdf || cp == 0x130 || cp == 0x149 || cp == 0x17f ||
		    cp == 0x1f0 || cp == 0xb5 || cp == 0x345)
			return 0;
		cp = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
		if (cp >= 0x800)
			return 0;
		put_utf8(out->data, &w, cp);
	}
	out->len = w;
	out->data[w] = '\0';
	return 1;
}

int rl_text_fold(rl_buf *out, const char *s, size_t len)
{
	size_t mark = out->len, i;
	int err;

	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == len) {
		if ((err = rl_buf_grow(out, len)) < 0)
			return err;
		for (i = 0; i < len; i++) {
			char c = s[i];
			out->data[out->len++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
		}
		out->data[out->len] = '\0';
		return 0;
	}
	if ((err = fold_simple(out, s, len)) != 0)
		return err < 0 ? err : 0;
	out->len = mark;
	if ((err = map_utf8proc(out, s, len, UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD)) < 0)
		return err;
	/* Map typographic variants in place; each is 2 or 3 bytes and maps to
	 * one ASCII byte, so the string only shrinks. */
	{
		char *d = out->data + mark;
		size_t n = out->len - mark, r = 0, w = 0;

		while (r < n) {
			size_t at = r;
			uint32_t cp = rl_text_next(d, n, &r);
			uint32_t pv = plain_variant(cp);

			if (pv != cp)
				d[w++] = (char)pv;
			else
				while (at < r)
					d[w++] = d[at++];
		}
		out->len = mark + w;
		out->data[out->len] = '\0';
	}
	return 0;
}

/* The key hash: 8-byte blocks mixed in turn, the zero-padded tail block,
 * then the length — computable in one streaming pass, as fast_word() does. */
static inline uint64_t kmix(uint64_t h, uint64_t v)
{
	__uint128_t r = (__uint128_t)(h ^ v) * 0x9e3779b97f4a7c15ULL;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static uint64_t key_hash(const char *s, size_t len)
{
	uint64_t h = KEY_SEED, tail = 0;
	size_t i = 0;

	for (; len - i >= 8; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = kmix(h, w);
	}
	memcpy(&tail, s + i, len - i);
	return kmix(kmix(h, tail), len);
}

/* SWAR over eight ASCII bytes: the top bit of each byte that lies in
 * [lo, hi].  Exact for bytes below 0x80; a byte of 0x80 or more may also
 * disturb the answers for the bytes after it (carries go up), never for
 * those before it. */
#define ONES 0x0101010101010101ULL
#define HIGH 0x8080808080808080ULL
static inline uint64_t in_range8(uint64_t w, unsigned lo, unsigned hi)
{
	return (w + ONES * (0x80 - lo)) & (ONES * (0x80 + hi) - w) & HIGH;
}

/* Eight ASCII bytes lower-cased. */
static inline uint64_t lower8(uint64_t w)
{
	return w | (in_range8(w, 'A', 'Z') >> 2);
}

static uint64_t ascii_lower_hash(const char *s, size_t len)
{
	uint64_t h = KEY_SEED, acc = 0;
	size_t i = 0;

	for (; len - i >= 8; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		h = kmix(h, lower8(w));
	}
	memcpy(&acc, s + i, len - i);
	return kmix(kmix(h, lower8(acc)), len);
}

uint64_t rl_text_key_hash(const char *s, size_t len)
{
	rl_buf b = RL_BUF_INIT;
	uint64_t h;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (w & HIGH)
			break;
	}
	for (; i < len && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == len)
		return ascii_lower_hash(s, len);
	if (rl_text_fold(&b, s, len) < 0)
		return 0;
	h = key_hash(b.data, b.len);
	rl_buf_free(&b);
	return h;
}

/* ---- tokenizer -------------------------------------------------------- */

static inline uint32_t peek(const char *s, size_t end, size_t i, size_t *next)
{
	size_t j = i;
	uint32_t cp;

	if (i >= end) {
		*next = i;
		return 0;
	}
	if ((unsigned char)s[i] < 0x80) {
		*next = i + 1;
		return (unsigned char)s[i];
	}
	cp = rl_text_next(s, end, &j);
	*next = j;
	return cp;
}

static inline int class_at(const char *s, size_t end, size_t i)
{
	size_t n;

	if (i >= end)
		return -1;
	return cp_class(peek(s, end, i, &n));
}

static inline int wordish(int cls)
{
	return cls == C_LETTER || cls == C_DIGIT || cls == C_FORMAT;
}

/* Scan the rest of a word from `i`; returns the end offset. */
static size_t scan_word(const char *s, size_t end, size_t i)
{
	while (i < end) {
		size_t n, n2;
		uint32_t cp = peek(s, end, i, &n);
		int cls = cp_class(cp);

		if (wordish(cls)) {
			i = n;
			continue;
		}
		if (is_joiner(cp) && wordish(class_at(s, end, n))) {
			i = n;
			continue;
		}
		/* "lhbtqi+’ers": a plus before an apostrophe suffix */
		if (cp == '+' && is_apostrophe(peek(s, end, n, &n2)) &&
		    class_at(s, end, n2) == C_LETTER) {
			i = n2;
			continue;
		}
		break;
	}
	return i;
}

static int is_number_sep(uint32_t cp)
{
	return cp == '.' || cp == ',' || cp == ':' || cp == '/' || cp == '-' || cp == 0x2013;
}

/* Scan a token starting with a digit.  Sets *kind to NUMBER, or WORD when
 * letters follow the digits ("18e", "2de"). */
static size_t scan_number(const char *s, size_t end, size_t i, int *kind)
{
	size_t n, n2;
	uint32_t cp;

	*kind = RL_TOK_NUMBER;
	for (;;) {
		while (class_at(s, end, i) == C_DIGIT)
			peek(s, end, i, &i);
		cp = peek(s, end, i, &n);
		if (i < end && is_number_sep(cp) && class_at(s, end, n) == C_DIGIT) {
			i = n;
			continue;
		}
		break;
	}
	if (i >= end)
		return i;
	if (cp == '%' || cp == 0x2030)
		return n;
	if (cp == ',') {
		uint32_t d = peek(s, end, n, &n2);
		if ((d == '-' || d == 0x2013 || d == 0x2014) && !wordish(class_at(s, end, n2)))
			return n2; /* 1.987,– */
	}
	if (wordish(cp_class(cp)) || (is_joiner(cp) && class_at(s, end, n) == C_LETTER)) {
		*kind = RL_TOK_WORD;
		return scan_word(s, end, i);
	}
	return i;
}

static uint64_t token_key(const char *s, const rl_token *t)
{
	size_t len = t->end - t->start;
	const char *p = s + t->start;

	if (t->kind == RL_TOK_SPACE)
		return SPACE_KEY;
	if (t->flags & RL_TOKF_ASCII)
		return ascii_lower_hash(p, len);
	return rl_text_key_hash(p, len);
}

static void word_flags(const char *s, rl_token *t)
{
	size_t i = t->start;
	int letters = 0, lower = 0, first = 1;

	while (i < t->end) {
		uint32_t cp;

		if ((unsigned char)s[i] < 0x80) {
			cp = (unsigned char)s[i++];
		} else {
			cp = rl_text_next(s, t->end, &i);
			t->flags &= (uint8_t)~RL_TOKF_ASCII;
		}
		if (rl_cp_is_upper(cp)) {
			letters++;
			if (first)
				t->flags |= RL_TOKF_CAP;
		} else if (rl_cp_is_lower(cp)) {
			letters++;
			lower++;
		}
		first = 0;
	}
	if (letters >= 2 && !lower)
		t->flags |= RL_TOKF_ALLCAPS;
}

/* ASCII byte classes for the tokenizer's fast paths. */
enum { A_SPACE = 1, A_LETTER = 2, A_DIGIT = 4, A_UPPER = 8, A_LOWER = 16, A_JOIN = 32 };

static const uint8_t ascii_bits[128] = {
	['\t'] = A_SPACE, ['\n'] = A_SPACE, ['\v'] = A_SPACE, ['\f'] = A_SPACE, ['\r'] = A_SPACE,
	[' '] = A_SPACE, ['-'] = A_JOIN, ['\''] = A_JOIN, ['+'] = A_JOIN,
	['0'] = A_DIGIT, ['1'] = A_DIGIT, ['2'] = A_DIGIT, ['3'] = A_DIGIT, ['4'] = A_DIGIT,
	['5'] = A_DIGIT, ['6'] = A_DIGIT, ['7'] = A_DIGIT, ['8'] = A_DIGIT, ['9'] = A_DIGIT,
#define U(c) [c] = A_LETTER | A_UPPER
#define L(c) [c] = A_LETTER | A_LOWER
	U('A'), U('B'), U('C'), U('D'), U('E'), U('F'), U('G'), U('H'), U('I'), U('J'), U('K'),
	U('L'), U('M'), U('N'), U('O'), U('P'), U('Q'), U('R'), U('S'), U('T'), U('U'), U('V'),
	U('W'), U('X'), U('Y'), U('Z'),
	L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'), L('j'), L('k'),
	L('l'), L('m'), L('n'), L('o'), L('p'), L('q'), L('r'), L('s'), L('t'), L('u'), L('v'),
	L('w'), L('x'), L('y'), L('z'),
#undef U
#undef L
};

static inline uint8_t bits_at(const char *s, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	return c < 0x80 ? ascii_bits[c] : 0;
}

/* An ASCII word: letters and digits from a letter.  Returns its end, or 0
 * when the word goes on beyond ASCII (a non-ASCII letter, a joiner), in
 * which case the general scanner takes over. */
static size_t fast_word(const char *s, size_t end, size_t i, rl_token *t)
{
	size_t j = i;
	unsigned upper = 0; /* upper-case letters, counted up to two per block */
	int lower = 0, digit = 0;
	uint8_t b;
	uint64_t h = KEY_SEED, acc = 0;
	unsigned sh = 0;

	/* classify, lowercase and hash in one pass (see ascii_lower_hash), a
	 * block of eight bytes at a time while the text lasts */
	while (j + 8 <= end) {
		uint64_t w, up, lo, dg, stop;

		memcpy(&w, s + j, 8);
		up = in_range8(w, 'A', 'Z');
		lo = in_range8(w, 'a', 'z');
		dg = in_range8(w, '0', '9');
		stop = (~(up | lo | dg) | w) & HIGH;
		if (stop) {
			/* the word ends in this block, after k bytes */
			unsigned k = (unsigned)__builtin_ctzll(stop) >> 3;
			uint64_t keep = ((uint64_t)1 << (8 * k)) - 1; /* k < 8 */

			up &= keep;
			lo &= keep;
			upper += (up != 0) + ((up & (up - 1)) != 0);
			lower |= lo != 0;
			digit |= (dg & keep) != 0;
			acc = (w | (up >> 2)) & keep;
			j += k;
			b = bits_at(s, j);
			goto ended;
		}
		upper += (up != 0) + ((up & (up - 1)) != 0);
		lower |= lo != 0;
		digit |= dg != 0;
		h = kmix(h, w | (up >> 2));
		j += 8;
	}
	b = j < end ? bits_at(s, j) : 0;
	while (b & (A_LETTER | A_DIGIT)) {
		upper += (b & A_UPPER) != 0;
		lower |= (b & A_LOWER) != 0;
		digit |= (b & A_DIGIT) != 0;
		acc |= (uint64_t)((unsigned char)s[j] | ((b & A_UPPER) ? 0x20 : 0)) << sh;
		sh += 8;
		if (++j >= end)
			break;
		b = bits_at(s, j);
	}
ended:
	if (j < end && ((unsigned char)s[j] >= 0x80 || (b & A_JOIN)) && scan_word(s, end, j) != j)
		return 0;
	if (bits_at(s, i) & A_UPPER)
		t->flags |= RL_TOKF_CAP;
	if (upper >= 2 && !lower)
		t->flags |= RL_TOKF_ALLCAPS;
	t->flags |= (uint8_t)(RL_TOKF_ALNUM | (digit ? RL_TOKF_DIGIT : 0));
	t->key = kmix(kmix(h, acc), j - i);
	return j;
}

/* Keys of the one-byte ASCII tokens, filled once. */
static uint64_t punct_keys[128];
static pthread_once_t punct_once = PTHREAD_ONCE_INIT;

static void fill_punct_keys(void)
{
	for (int c = 0; c < 128; c++) {
		char b = (char)c;
		punct_keys[c] = ascii_lower_hash(&b, 1);
	}
}

int rl_text_tokenize(rl_tokens *out, const char *s, size_t start, size_t end)
{
	size_t i = start;

	pthread_once(&punct_once, fill_punct_keys);

	while (i < end) {
		rl_token t;
		size_t n;
		uint32_t cp;
		int cls, kind;
		unsigned char c = (unsigned char)s[i];

		if (out->n == out->cap && rl_grow(&out->v, &out->cap, out->n + 1, sizeof(rl_token)) < 0)
			return RL_ENOMEM;
		t.start = (uint32_t)i;
		t.flags = RL_TOKF_ASCII;
		/* fast paths: ASCII words, white space and punctuation */
		if (c < 0x80 && (ascii_bits[c] & A_LETTER) && (n = fast_word(s, end, i, &t)) != 0) {
			t.end = (uint32_t)n;
			t.kind = RL_TOK_WORD;
			out->v[out->n++] = t;
			i = n;
			/* most words end at one space before more ASCII: that token too */
			if (i + 1 < end && s[i] == ' ' && (unsigned char)s[i + 1] < 0x80 &&
			    !(ascii_bits[(unsigned char)s[i + 1]] & A_SPACE) &&
			    (out->n < out->cap || rl_grow(&out->v, &out->cap, out->n + 1, sizeof(rl_token)) == 0)) {
				out->v[out->n++] = (rl_token){.start = (uint32_t)i, .end = (uint32_t)i + 1,
				                              .kind = RL_TOK_SPACE, .flags = RL_TOKF_ASCII,
				                              .key = SPACE_KEY};
				i++;
			}
			continue;
		}
		if (c < 0x80 && (ascii_bits[c] & A_SPACE)) {
			size_t j = i;
			int newlines = 0;

			while (j < end && (unsigned char)s[j] < 0x80 && (ascii_bits[(unsigned char)s[j]] & A_SPACE))
				newlines += s[j++] == '\n';
			if (j >= end || (unsigned char)s[j] < 0x80) {
				t.end = (uint32_t)j;
				t.kind = RL_TOK_SPACE;
				t.flags |= (uint8_t)((newlines ? RL_TOKF_NEWLINE : 0) | (newlines > 1 ? RL_TOKF_BLANK : 0));
				t.key = SPACE_KEY;
				out->v[out->n++] = t;
				i = j;
				continue;
			}
		}
		if (c < 0x80 && !(ascii_bits[c] & (A_LETTER | A_DIGIT | A_SPACE))) {
			t.end = (uint32_t)i + 1;
			t.kind = RL_TOK_PUNCT;
			if (c == '.' || c == '!' || c == '?')
				t.flags |= RL_TOKF_ENDPUNCT;
			t.key = punct_keys[c];
			out->v[out->n++] = t;
			i++;
			continue;
		}
		cp = peek(s, end, i, &n);
		cls = cp_class(cp);
		t.flags = RL_TOKF_ASCII;
		switch (cls) {
		case C_SPACE: {
			int newlines = 0;
			while (i < end) {
				if ((unsigned char)s[i] < 0x80) {
					if (!(ascii_bits[(unsigned char)s[i]] & A_SPACE))
						break;
					newlines += s[i] == '\n';
					i++;
					continue;
				}
				cp = peek(s, end, i, &n);
				if (cp_class(cp) != C_SPACE)
					break;
				t.flags &= (uint8_t)~RL_TOKF_ASCII;
				i = n;
			}
			t.kind = RL_TOK_SPACE;
			if (newlines)
				t.flags |= RL_TOKF_NEWLINE;
			if (newlines > 1)
				t.flags |= RL_TOKF_BLANK;
			break;
		}
		case C_LETTER:
		case C_FORMAT:
			i = scan_word(s, end, i);
			t.kind = RL_TOK_WORD;
			break;
		case C_DIGIT:
			i = scan_number(s, end, i, &kind);
			t.kind = (uint8_t)kind;
			break;
		default:
			i = n;
			t.kind = RL_TOK_PUNCT;
			if (cp >= 0x80)
				t.flags &= (uint8_t)~RL_TOKF_ASCII;
			if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026)
				t.flags |= RL_TOKF_ENDPUNCT;
			break;
		}
		t.end = (uint32_t)i;
		if (t.kind == RL_TOK_WORD || t.kind == RL_TOK_NUMBER)
			word_flags(s, &t);
		t.key = token_key(s, &t);
		out->v[out->n++] = t;
	}
	return 0;
}
