/*
 * segment — paragraphs and sentences.
 *
 * Paragraphs: lines are grouped into blocks separated by blank lines.  When
 * the document is hard-wrapped (most lines of multi-line blocks fill up to a
 * common width, as in text extracted from PDF), a block is also split after
 * a line that ended early: one ending a sentence although the next line's
 * first word would still have fitted, or a short title line.  The width is
 * the 95th percentile of line lengths in code points.
 *
 * Sentences: a sentence ends at . ! ? … (with any closing quotes or
 * brackets) followed by white space and an upper-case letter, digit or
 * opening quote — unless the full stop ends an abbreviation (per-language
 * lists in data/lang/<code>/abbreviations.txt), an initial ("A.M. Kaag") or
 * a dotted chain ("o.a.").
 */
#include "segment.h"

#include <stdlib.h>

#include "lang.h"

/* ---- metadata ----------------------------------------------------------- */

static int is_hspace(char c)
{
	return c == ' ' || c == '\t';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t digits(const char *s, size_t i, size_t len, size_t want)
{
	size_t k = 0;

	while (i + k < len && k < want && is_digit(s[i + k]))
		k++;
	return k == want ? want : 0;
}

int rl_segment_metadata(const char *s, size_t len, size_t from, size_t *start, size_t *end)
{
	size_t i = from, j;

	while (i < len && is_hspace(s[i]))
		i++;
	if (len - i < 9 || memcmp(s + i, "date", 4) != 0 || !is_hspace(s[i + 4]))
		return 0;
	j = i + 4;
	while (j < len && is_hspace(s[j]))
		j++;
	if (!digits(s, j, len, 4))
		return 0;
	j += 4;
	for (int part = 0; part < 2; part++) {
		if (j + 3 <= len && s[j] == '-' && digits(s, j + 1, len, 2))
			j += 3;
		else
			break;
	}
	if (j < len && !is_hspace(s[j]) && s[j] != '\n' && s[j] != '\r')
		return 0;
	*start = i;
	*end = j;
	return 1;
}

/* ---- paragraphs --------------------------------------------------------- */

typedef struct line {
	size_t start, end;  /* content, trimmed of surrounding white space */
	uint32_t chars;     /* code points of the content */
	uint32_t first_word;/* code points of the first word */
	int blank;
} line;

static int ascii_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Is there white space at s[i] (decoding non-ASCII)?  *next gets the
 * offset after that character. */
static int space_at(const char *s, size_t end, size_t i, size_t *next)
{
	size_t j = i;

	if ((unsigned char)s[i] < 0x80) {
		*next = i + 1;
		return ascii_space((unsigned char)s[i]);
	}
	return rl_cp_is_space(rl_text_next(s, end, &j)) ? (*next = j, 1) : (*next = j, 0);
}

/* Start of the character that ends before `e`. */
static size_t char_before(const char *s, size_t from, size_t e)
{
	size_t i = e - 1;

	while (i > from && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	return i;
}

static void measure(const char *s, line *l, size_t from, size_t to)
{
	size_t a = from, b = to, n;

	/* trim: ASCII in place, anything else by decoding */
	while (a < to && space_at(s, to, a, &n))
		a = n;
	while (b > a) {
		size_t c = (unsigned char)s[b - 1] < 0x80 ? b - 1 : char_before(s, a, b);
		if (!space_at(s, b, c, &n))
			break;
		b = c;
	}
	l->start = a;
	l->end = b;
	l->blank = a == b;
	l->chars = (uint32_t)rl_text_count(s + a, b - a);
	for (n = a; n < b && !ascii_space((unsigned char)s[n]) && (unsigned char)s[n] < 0x80; n++)
		;
	if (n < b && (unsigned char)s[n] >= 0x80) /* a non-ASCII first word */
		while (n < b && !space_at(s, b, n, &n))
			;
	l->first_word = (uint32_t)rl_text_count(s + a, n - a);
}

static int split_lines(line **out, size_t *n, const char *s, size_t from, size_t len)
{
	size_t cap = 0, i = from;
	line *v = NULL;

	*n = 0;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len;

		if (rl_grow(&v, &cap, *n + 1, sizeof(line)) < 0) {
			free(v);
			return RL_ENOMEM;
		}
		measure(s, &v[*n], i, e);
		(*n)++;
		i = e + 1;
	}
	*out = v;
	return 0;
}

/* The wrap width of a hard-wrapped document, or 0 when it is not one. */
static uint32_t wrap_width(const line *v, size_t n)
{
	/* the 95th percentile from a histogram of lengths; lines longer than
	 * HIST_MAX count in the last bucket (no wrapped text is that wide) */
	enum { HIST_MAX = 4096 };
	uint32_t *hist, width = 0;
	size_t m = 0, full = 0, inner = 0, seen = 0, want;

	hist = calloc(HIST_MAX + 1, sizeof(uint32_t));
	if (!hist)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!v[i].blank) {
			hist[v[i].chars < HIST_MAX ? v[i].chars : HIST_MAX]++;
			m++;
		}
	if (m < 4) {
		free(hist);
		return 0;
	}
	want = m * 95 / 100; /* the index a sorted array would be read at */
	for (width = 0; width <= HIST_MAX; width++) {
		seen += hist[width];
		if (seen > want)
			break;
	}
	free(hist);
	if (width < 40)
		return 0;
	/* Lines followed by another line of the same block: in a wrapped
	 * text most of them are (nearly) full. */
	for (size_t i = 0; i + 1 < n; i++) {
		if (v[i].blank || v[i + 1].blank)
			continue;
		inner++;
		full += v[i].chars * 10 >= width * 8;
	}
	return inner >= 3 && full * 2 >= inner ? width : 0;
}

/* Last code point of a line's content. */
static uint32_t last_cp(const char *s, const line *l)
{
	size_t i = l->end;

	while (i > l->start && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i > l->start)
		i--;
	while (i > l->start && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	return rl_text_next(s, l->end, &i);
}

static int is_closer(uint32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == 0x2019 || cp == 0x201d || cp == 0xbb;
}

static int ends_sentence(const char *s, const line *l)
{
	size_t e = l->end;

	while (e > l->start) {
		size_t i = e - 1;
		uint32_t cp;

		while (i > l->start && ((unsigned char)s[i] & 0xc0) == 0x80)
			i--;
		{
			size_t k = i;
			cp = rl_text_next(s, e, &k);
		}
		if (is_closer(cp)) {
			e = i;
			continue;
		}
		return cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == 0x2026;
	}
	return 0;
}

static int starts_paragraph(const char *s, const line *l)
{
	size_t i = l->start;
	uint32_t cp = rl_text_next(s, l->end, &i);

	return rl_cp_is_upper(cp) || rl_cp_is_digit(cp) || cp == '"' || cp == '\'' ||
	       cp == 0x2018 || cp == 0x201c || cp == 0x201e || cp == '(' || cp == '-' ||
	       cp == 0x2022 || cp == 0x2013 || cp == '*';
}

static int words_in(const char *s, const line *l)
{
	int w = 1;

	for (size_t i = l->start; i < l->end; i++)
		w += s[i] == ' ' && i + 1 < l->end && s[i + 1] != ' ';
	return w;
}

static int heading_like(const char *s, const line *l, uint32_t width)
{
	uint32_t cp = last_cp(s, l);

	if (l->chars * 2 > width || words_in(s, l) > 8 || !starts_paragraph(s, l))
		return 0;
	return !(cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '-' || cp == '!' ||
	         cp == '?');
}

static int push_para(rl_para **v, size_t *n, size_t *cap, const line *first, const line *last,
                     const char *s)
{
	rl_para p;

	p.start = (uint32_t)first->start;
	p.end = (uint32_t)last->end;
	p.flags = 0;
	if (first == last && first->chars <= 80 && starts_paragraph(s, first)) {
		uint32_t cp = last_cp(s, first);
		if (!(cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '!' || cp == '?') &&
		    words_in(s, first) <= 12)
			p.flags |= RL_PARA_HEADING;
	}
	if (*n == *cap && rl_grow(v, cap, *n + 1, sizeof(rl_para)) < 0)
		return RL_ENOMEM;
	(*v)[(*n)++] = p;
	return 0;
}

int rl_segment_paragraphs(rl_para **out, size_t *n_out, const char *s, size_t from, size_t len)
{
	line *lines = NULL;
	size_t n = 0, cap = 0, np = 0, i = 0;
	rl_para *v = NULL;
	uint32_t width;
	int err;

	*out = NULL;
	*n_out = 0;
	if ((err = split_lines(&lines, &n, s, from, len)) < 0)
		return err;
	width = wrap_width(lines, n);
	while (i < n) {
		size_t first;

		if (lines[i].blank) {
			i++;
			continue;
		}
		first = i;
		while (i + 1 < n && !lines[i + 1].blank) {
			const line *l = &lines[i], *next = &lines[i + 1];
			int fits = width && l->chars + 1 + next->first_word <= width;

			/* a title line between two paragraphs: break before it too */
			int title_next = width && ends_sentence(s, l) && heading_like(s, next, width) &&
			                 (i + 2 >= n || lines[i + 2].blank || starts_paragraph(s, &lines[i + 2]));

			if ((fits && starts_paragraph(s, next) &&
			     (ends_sentence(s, l) || heading_like(s, l, width))) || title_next) {
				if ((err = push_para(&v, &np, &cap, &lines[first], l, s)) < 0)
					goto done;
				first = i + 1;
			}
			i++;
		}
		if ((err = push_para(&v, &np, &cap, &lines[first], &lines[i], s)) < 0)
			goto done;
		i++;
	}
	*out = v;
	*n_out = np;
	v = NULL;
done:
	free(v);
	free(lines);
	return err;
}

/* ---- sentences ---------------------------------------------------------- */

static int opens_sentence(const char *s, const rl_token *t)
{
	size_t i = t->start;
	uint32_t cp;

	if (t->kind == RL_TOK_NUMBER)
		return 1;
	if (t->kind == RL_TOK_WORD)
		return (t->flags & RL_TOKF_CAP) != 0;
	cp = rl_text_next(s, t->end, &i);
	return cp == '"' || cp == '\'' || cp == 0x2018 || cp == 0x201c || cp == 0x201e ||
	       cp == '(' || cp == '[' || cp == 0xab;
}

/* Is the full stop at token k the end of an abbreviation or initial? */
static int abbreviation_before(const char *s, const rl_tokens *tok, size_t k)
{
	size_t w, first;
	const rl_token *t;

	if (k == 0 || tok->v[k - 1].kind != RL_TOK_WORD)
		return 0;
	w = k - 1;
	t = &tok->v[w];
	/* a dotted chain: o.a. / d.w.z. / A.M. */
	first = w;
	while (first >= 2 && tok->v[first - 1].kind == RL_TOK_PUNCT &&
	       s[tok->v[first - 1].start] == '.' && tok->v[first - 2].kind == RL_TOK_WORD &&
	       tok->v[first - 2].end - tok->v[first - 2].start <= 3)
		first -= 2;
	if (first != w)
		return 1;
	/* an initial: one letter */
	if (rl_text_count(s + t->start, t->end - t->start) == 1 && (t->flags & RL_TOKF_CAP))
		return 1;
	return rl_lang_is_abbreviation(s + t->start, t->end - t->start);
}

int rl_segment_sentences(uint32_t **out, size_t *n, size_t *cap, const char *s,
                         const rl_tokens *tok)
{
	size_t k = 0, start = 0;

	/* skip leading white space */
	while (start < tok->n && tok->v[start].kind == RL_TOK_SPACE)
		start++;
	for (k = start; k < tok->n; k++) {
		const rl_token *t = &tok->v[k];
		size_t e, next;

		if (!(t->flags & RL_TOKF_ENDPUNCT))
			continue;
		e = k + 1;
		while (e < tok->n && tok->v[e].kind == RL_TOK_PUNCT &&
		       (tok->v[e].flags & RL_TOKF_ENDPUNCT || is_closer(
		            rl_text_next(s, tok->v[e].end, &(size_t){tok->v[e].start}))))
			e++;
		if (e >= tok->n || tok->v[e].kind != RL_TOK_SPACE)
			continue;
		next = e + 1;
		if (next >= tok->n || !opens_sentence(s, &tok->v[next]))
			continue;
		if (s[t->start] == '.' && abbreviation_before(s, tok, k))
			continue;
		/* "1. Indien ...": an enumerator, not a sentence */
		if (k == start + 1 && tok->v[start].kind == RL_TOK_NUMBER)
			continue;
		if (rl_grow(out, cap, *n + 2, sizeof(uint32_t)) < 0)
			return RL_ENOMEM;
		(*out)[(*n)++] = tok->v[start].start;
		(*out)[(*n)++] = tok->v[e - 1].end;
		start = next;
		k = e;
	}
	/* the rest, trimmed */
	{
		size_t last = tok->n;

		while (last > start && tok->v[last - 1].kind == RL_TOK_SPACE)
			last--;
		if (last > start) {
			if (rl_grow(out, cap, *n + 2, sizeof(uint32_t)) < 0)
				return RL_ENOMEM;
			(*out)[(*n)++] = tok->v[start].start;
			(*out)[(*n)++] = tok->v[last - 1].end;
		}
	}
	return 0;
}
