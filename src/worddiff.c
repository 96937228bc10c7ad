/*
 * worddiff — token-level diff inside an aligned pair, in the stages of
 * git's xdiff: prepare (tokenize, hash every unit once into a key array),
 * algorithm (lcs.c: patience with a Myers fallback), compact
 * (diff-match-patch's semantic cleanup: an equality no longer than the
 * changes on both sides of it is folded into them) and emit (byte-exact
 * pieces).
 */
#include "worddiff.h"

#include <stdlib.h>

#include "lcs.h"

typedef struct unit {
	uint32_t start, word_end, end;
	uint64_t key;
} unit;

typedef struct segment {
	int change;
	uint32_t a0, a1, b0, b1;
} segment;

struct rl_worddiff_scratch {
	rl_tokens ta, tb;
	unit *ua, *ub;
	size_t ua_cap, ub_cap;
	uint64_t *ka, *kb;
	size_t ka_cap, kb_cap;
	uint8_t *da, *db;
	size_t da_cap, db_cap;
	segment *seg;
	size_t seg_cap;
	rl_lcs *lcs;
	double matched;
};

int rl_worddiff_scratch_new(rl_worddiff_scratch **out)
{
	rl_worddiff_scratch *s = rl_calloc(1, sizeof(*s));

	*out = NULL;
	if (!s)
		return RL_ENOMEM;
	if (rl_lcs_new(&s->lcs) < 0) {
		free(s);
		return RL_ENOMEM;
	}
	*out = s;
	return 0;
}

void rl_worddiff_scratch_free(rl_worddiff_scratch *s)
{
	if (!s)
		return;
	rl_tokens_free(&s->ta);
	rl_tokens_free(&s->tb);
	free(s->ua);
	free(s->ub);
	free(s->ka);
	free(s->kb);
	free(s->da);
	free(s->db);
	free(s->seg);
	rl_lcs_free(s->lcs);
	free(s);
}

double rl_worddiff_matched(const rl_worddiff_scratch *s)
{
	return s->matched;
}

const rl_tokens *rl_worddiff_old_tokens(const rl_worddiff_scratch *s)
{
	return &s->ta;
}

const rl_tokens *rl_worddiff_new_tokens(const rl_worddiff_scratch *s)
{
	return &s->tb;
}

void rl_edits_free(rl_edits *e)
{
	free(e->v);
	e->v = NULL;
	e->n = e->cap = e->floor = 0;
}

void rl_edits_begin(rl_edits *e)
{
	e->floor = e->n;
}

int rl_edits_push(rl_edits *e, rl_edit_op op, size_t start, size_t end)
{
	if (start == end)
		return 0;
	if (e->n > e->floor && e->v[e->n - 1].op == op && e->v[e->n - 1].end == start) {
		e->v[e->n - 1].end = end;
		return 0;
	}
	if (e->n == e->cap && rl_grow(&e->v, &e->cap, e->n + 1, sizeof(rl_edit)) < 0)
		return RL_ENOMEM;
	e->v[e->n].op = op;
	e->v[e->n].start = start;
	e->v[e->n].end = end;
	e->n++;
	return 0;
}

/* ---- prepare ------------------------------------------------------------ */

static int build_units(unit **u, size_t *cap, size_t *n, const rl_tokens *t, size_t range_end)
{
	size_t k = 0, m = 0;

	if (rl_grow(u, cap, t->n + 1, sizeof(unit)) < 0)
		return RL_ENOMEM;
	if (t->n && t->v[0].kind == RL_TOK_SPACE) {
		(*u)[m].start = t->v[0].start;
		(*u)[m].word_end = t->v[0].end;
		(*u)[m].end = t->v[0].end;
		(*u)[m].key = t->v[0].key;
		m++;
		k = 1;
	}
	for (; k < t->n; k++) {
		const rl_token *tok = &t->v[k];

		if (tok->kind == RL_TOK_SPACE) {
			(*u)[m - 1].end = tok->end;
			continue;
		}
		(*u)[m].start = tok->start;
		(*u)[m].word_end = tok->end;
		(*u)[m].end = tok->end;
		(*u)[m].key = tok->key;
		m++;
	}
	if (m)
		(*u)[m - 1].end = (uint32_t)range_end;
	*n = m;
	return 0;
}

/* ---- compact ------------------------------------------------------------ */

static size_t bytes_of(const unit *u, uint32_t from, uint32_t to)
{
	return from < to ? u[to - 1].end - u[from].start : 0;
}

static size_t max_sz(size_t a, size_t b)
{
	return a > b ? a : b;
}

static int build_segments(rl_worddiff_scratch *s, size_t na, size_t nb, size_t *nseg)
{
	uint32_t i = 0, j = 0;
	size_t n = 0;

	while (i < na || j < nb) {
		segment g;

		g.a0 = i;
		g.b0 = j;
		if ((i < na && s->da[i]) || (j < nb && s->db[j])) {
			g.change = 1;
			while (i < na && s->da[i])
				i++;
			while (j < nb && s->db[j])
				j++;
		} else {
			g.change = 0;
			while (i < na && j < nb && !s->da[i] && !s->db[j]) {
				i++;
				j++;
			}
		}
		g.a1 = i;
		g.b1 = j;
		if (n == s->seg_cap && rl_grow(&s->seg, &s->seg_cap, n + 1, sizeof(segment)) < 0)
			return RL_ENOMEM;
		s->seg[n++] = g;
	}
	*nseg = n;
	return 0;
}

/* Fold short equalities into the changes around them, as diff-match-patch's
 * cleanupSemantic does, until nothing changes. */
static size_t cleanup_semantic(rl_worddiff_scratch *s, size_t n)
{
	segment *g = s->seg;
	int again = 1;

	for (int pass = 0; again && pass < 16; pass++) {
		size_t w = 0;

		again = 0;
		for (size_t k = 0; k < n; k++) {
			if (!g[k].change && w > 0 && g[w - 1].change && k + 1 < n && g[k + 1].change) {
				const segment *p = &g[w - 1], *e = &g[k], *x = &g[k + 1];
				size_t eq = bytes_of(s->ua, e->a0, e->a1);
				size_t before = max_sz(bytes_of(s->ua, p->a0, p->a1), bytes_of(s->ub, p->b0, p->b1));
				size_t after = max_sz(bytes_of(s->ua, x->a0, x->a1), bytes_of(s->ub, x->b0, x->b1));

				if (eq <= before && eq <= after) {
					g[w - 1].a1 = x->a1;
					g[w - 1].b1 = x->b1;
					k++;
					again = 1;
					continue;
				}
			}
			if (w > 0 && g[k].change && g[w - 1].change) {
				g[w - 1].a1 = g[k].a1;
				g[w - 1].b1 = g[k].b1;
				continue;
			}
			g[w++] = g[k];
		}
		n = w;
	}
	return n;
}

/* ---- emit --------------------------------------------------------------- */

static int same_bytes(const char *a, uint32_t a0, uint32_t a1, const char *b, uint32_t b0,
                      uint32_t b1)
{
	return a1 - a0 == b1 - b0 && memcmp(a + a0, b + b0, a1 - a0) == 0;
}

/* Do two words differ beyond NFC? */
static int differ_nfc(const char *a, const unit *x, const char *b, const unit *y, int *err)
{
	rl_buf p = RL_BUF_INIT, q = RL_BUF_INIT;
	int differ = 1;

	if (rl_text_nfc(&p, a + x->start, x->word_end - x->start) < 0 ||
	    rl_text_nfc(&q, b + y->start, y->word_end - y->start) < 0)
		*err = RL_ENOMEM;
	else
		differ = p.len != q.len || memcmp(p.data, q.data, p.len) != 0;
	rl_buf_free(&p);
	rl_buf_free(&q);
	return differ;
}

static int emit(rl_edits *out, int *changed, rl_worddiff_scratch *s, size_t nseg, const char *a,
                const char *b)
{
	const unit *A = s->ua, *B = s->ub;
	int err = 0;

	for (size_t k = 0; k < nseg && !err; k++) {
		const segment *g = &s->seg[k];

		if (g->change) {
			const unit *la = g->a0 < g->a1 ? &A[g->a1 - 1] : NULL;
			const unit *lb = g->b0 < g->b1 ? &B[g->b1 - 1] : NULL;

			*changed = 1;
			/* a replacement keeps the white space both sides share after it
			 * out of the change: "[-meer-]{+vaker+} op", not "[-meer -]{+vaker +}op" */
			if (la && lb && la->end > la->word_end &&
			    same_bytes(a, la->word_end, la->end, b, lb->word_end, lb->end)) {
				err = rl_edits_push(out, RL_EDIT_DELETE, A[g->a0].start, la->word_end);
				if (!err)
					err = rl_edits_push(out, RL_EDIT_INSERT, B[g->b0].start, lb->word_end);
				if (!err)
					err = rl_edits_push(out, RL_EDIT_EQUAL, la->word_end, la->end);
				continue;
			}
			if (la)
				err = rl_edits_push(out, RL_EDIT_DELETE, A[g->a0].start, la->end);
			if (!err && lb)
				err = rl_edits_push(out, RL_EDIT_INSERT, B[g->b0].start, lb->end);
			continue;
		}
		for (uint32_t i = g->a0, j = g->b0; i < g->a1 && !err; i++, j++) {
			const unit *x = &A[i], *y = &B[j];

			if (same_bytes(a, x->start, x->end, b, y->start, y->end)) {
				err = rl_edits_push(out, RL_EDIT_EQUAL, x->start, x->end);
				continue;
			}
			if (same_bytes(a, x->start, x->word_end, b, y->start, y->word_end)) {
				err = rl_edits_push(out, RL_EDIT_EQUAL, x->start, x->word_end);
			} else {
				if (differ_nfc(a, x, b, y, &err))
					*changed = 1;
				if (!err)
					err = rl_edits_push(out, RL_EDIT_DELETE, x->start, x->word_end);
				if (!err)
					err = rl_edits_push(out, RL_EDIT_INSERT, y->start, y->word_end);
			}
			if (err)
				break;
			if (same_bytes(a, x->word_end, x->end, b, y->word_end, y->end)) {
				err = rl_edits_push(out, RL_EDIT_EQUAL, x->word_end, x->end);
				continue;
			}
			/* white space after the word: only its presence counts */
			if ((x->end == x->word_end) != (y->end == y->word_end))
				*changed = 1;
			err = rl_edits_push(out, RL_EDIT_DELETE, x->word_end, x->end);
			if (!err)
				err = rl_edits_push(out, RL_EDIT_INSERT, y->word_end, y->end);
		}
	}
	return err;
}

static int ws(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Runs of bytes above the space character in s[0..len): the units a range
 * holds, near enough (tabs and line breaks count as spaces; punctuation
 * inside a run is not counted apart).  Eight bytes at a time. */
static size_t count_chunks(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t prev_space = 1; /* bit 7: the byte before is white space */
	size_t n = 0, i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w, sp, starts;

		memcpy(&w, s + i, 8);
		sp = (w - ones * 0x21) & ~w & high; /* bytes <= 0x20 (UTF-8 bytes are not) */
		/* a run starts at a non-space byte after a space byte */
		starts = ~sp & ((sp << 8) | (prev_space << 7)) & high;
		n += (size_t)(((starts >> 7) * ones) >> 56);
		prev_space = sp >> 63;
	}
	for (; i < len; i++) {
		int space = (unsigned char)s[i] <= 0x20;
		n += !space && prev_space;
		prev_space = (uint64_t)space;
	}
	return n;
}

/* The byte-identical head and tail of the two ranges, cut where a token
 * starts after ASCII white space on both sides, so that tokenizing what is
 * between gives the tokens a whole-range tokenization would. */
static void common_ends(const char *a, size_t la, const char *b, size_t lb, size_t *head,
                        size_t *tail)
{
	size_t n = la < lb ? la : lb, k = 0, m = 0;

	while (k < n && a[k] == b[k])
		k++;
	while (k > 0 && !(ws(a[k - 1]) && k < la && k < lb && !ws(a[k]) && !ws(b[k])))
		k--;
	while (m < n - k && a[la - 1 - m] == b[lb - 1 - m])
		m++;
	while (m > 0 && !(la - m > k && lb - m > k && ws(a[la - m - 1]) && ws(b[lb - m - 1]) &&
	                  !ws(a[la - m])))
		m--;
	*head = k;
	*tail = m;
}

/* The token diff of a[a0..a1) and b[b0..b1), appended to `out`; adds to
 * *same the units matched and to *total the units of both sides. */
static int diff_tokens(rl_edits *out, int *changed, rl_worddiff_scratch *s, const char *a,
                       size_t a0, size_t a1, const char *b, size_t b0, size_t b1, size_t *same,
                       size_t *total)
{
	size_t na, nb, nseg;
	int err;

	s->ta.n = s->tb.n = 0;
	if ((err = rl_text_tokenize(&s->ta, a, a0, a1)) < 0 ||
	    (err = rl_text_tokenize(&s->tb, b, b0, b1)) < 0 ||
	    (err = build_units(&s->ua, &s->ua_cap, &na, &s->ta, a1)) < 0 ||
	    (err = build_units(&s->ub, &s->ub_cap, &nb, &s->tb, b1)) < 0 ||
	    (err = rl_grow(&s->da, &s->da_cap, na + 1, 1)) < 0 ||
	    (err = rl_grow(&s->db, &s->db_cap, nb + 1, 1)) < 0)
		return err;
	if ((err = rl_grow(&s->ka, &s->ka_cap, na + 1, sizeof(uint64_t))) < 0 ||
	    (err = rl_grow(&s->kb, &s->kb_cap, nb + 1, sizeof(uint64_t))) < 0)
		return err;
	for (size_t i = 0; i < na; i++)
		s->ka[i] = s->ua[i].key;
	for (size_t j = 0; j < nb; j++)
		s->kb[j] = s->ub[j].key;
	if ((err = rl_lcs_diff(s->lcs, s->ka, na, s->kb, nb, s->da, s->db)) < 0 ||
	    (err = build_segments(s, na, nb, &nseg)) < 0)
		return err;
	for (size_t i = 0; i < na; i++)
		*same += !s->da[i];
	*total += na + nb;
	nseg = cleanup_semantic(s, nseg);
	return emit(out, changed, s, nseg, a, b);
}

/* ---- large ranges ---------------------------------------------------------- */

/* Ranges larger than this are first compared chunk by chunk, so memory
 * follows the changed chunks rather than the whole range (a paragraph of
 * megabytes without a line break). */
#define CHUNKED_MIN (256 * 1024)
#define CHUNK_MAX 4096

typedef struct chunk {
	uint32_t start, end;
} chunk;

/* Cut s[from..to) after sentence ends and line breaks — always after ASCII
 * white space and before a non-space byte, which is a token boundary — and
 * at most every CHUNK_MAX bytes where such a boundary exists. */
static int cut_chunks(chunk **v, size_t *n, size_t *cap, uint64_t **keys, size_t *kcap,
                      const char *s, size_t from, size_t to)
{
	size_t start = from;

	*n = 0;
	for (size_t i = from + 1; i <= to; i++) {
		int boundary = 0;

		if (i < to && ws(s[i - 1]) && !ws(s[i])) {
			char p = i >= from + 2 ? s[i - 2] : 0;
			boundary = s[i - 1] == '\n' || p == '.' || p == '!' || p == '?' || p == ';';
			if (!boundary && i - start >= CHUNK_MAX)
				boundary = 1;
		}
		if (i == to || boundary) {
			if (rl_grow(v, cap, *n + 1, sizeof(chunk)) < 0 ||
			    rl_grow(keys, kcap, *n + 1, sizeof(uint64_t)) < 0)
				return RL_ENOMEM;
			(*v)[*n].start = (uint32_t)start;
			(*v)[*n].end = (uint32_t)i;
			(*keys)[*n] = rl_hash(s + start, i - start, 0x6368756eULL);
			(*n)++;
			start = i;
		}
	}
	return 0;
}

static int diff_chunked(rl_edits *out, int *changed, rl_worddiff_scratch *s, const char *a,
                        size_t a0, size_t a1, const char *b, size_t b0, size_t b1, size_t *same,
                        size_t *total)
{
	chunk *ca = NULL, *cb = NULL;
	uint64_t *ka = NULL, *kb = NULL;
	uint8_t *da = NULL, *db = NULL;
	size_t na, nb, cap_a = 0, cap_b = 0, kcap_a = 0, kcap_b = 0, i = 0, j = 0;
	int err;

	if ((err = cut_chunks(&ca, &na, &cap_a, &ka, &kcap_a, a, a0, a1)) < 0 ||
	    (err = cut_chunks(&cb, &nb, &cap_b, &kb, &kcap_b, b, b0, b1)) < 0)
		goto done;
	da = rl_calloc(na + 1, 1);
	db = rl_calloc(nb + 1, 1);
	if (!da || !db) {
		err = RL_ENOMEM;
		goto done;
	}
	if ((err = rl_lcs_diff(s->lcs, ka, na, kb, nb, da, db)) < 0)
		goto done;
	/* matched chunks are equal text (the hash is checked); between them,
	 * the unmatched chunks of both sides get a token diff */
	while (i < na || j < nb) {
		size_t i2 = i, j2 = j;

		while (i2 < na && da[i2])
			i2++;
		while (j2 < nb && db[j2])
			j2++;
		if (i2 > i || j2 > j) {
			size_t x0 = i < na ? ca[i].start : a1, x1 = i2 > i ? ca[i2 - 1].end : x0;
			size_t y0 = j < nb ? cb[j].start : b1, y1 = j2 > j ? cb[j2 - 1].end : y0;

			if (i2 == i)
				x0 = x1 = i > 0 ? ca[i - 1].end : a0;
			if (j2 == j)
				y0 = y1 = j > 0 ? cb[j - 1].end : b0;
			if ((err = diff_tokens(out, changed, s, a, x0, x1, b, y0, y1, same, total)) < 0)
				goto done;
			i = i2;
			j = j2;
			continue;
		}
		if (ca[i].end - ca[i].start != cb[j].end - cb[j].start ||
		    memcmp(a + ca[i].start, b + cb[j].start, ca[i].end - ca[i].start) != 0) {
			/* a hash collision: diff the two chunks */
			err = diff_tokens(out, changed, s, a, ca[i].start, ca[i].end, b, cb[j].start,
			                  cb[j].end, same, total);
		} else {
			err = rl_edits_push(out, RL_EDIT_EQUAL, ca[i].start, ca[i].end);
			*same += 1;
			*total += 2;
		}
		if (err < 0)
			goto done;
		i++;
		j++;
	}
done:
	free(ca);
	free(cb);
	free(ka);
	free(kb);
	free(da);
	free(db);
	return err;
}

int rl_worddiff(rl_edits *out, int *changed, rl_worddiff_scratch *s, const char *a, size_t a0,
                size_t a1, const char *b, size_t b0, size_t b1)
{
	size_t head, tail, same = 0, total = 0, around;
	int err;

	*changed = 0;
	rl_edits_begin(out);
	s->ta.n = s->tb.n = 0;
	common_ends(a + a0, a1 - a0, b + b0, b1 - b0, &head, &tail);
	if ((err = rl_edits_push(out, RL_EDIT_EQUAL, a0, a0 + head)) < 0)
		return err;
	a1 -= tail;
	b1 -= tail;
	a0 += head;
	b0 += head;
	if ((a1 - a0) + (b1 - b0) > CHUNKED_MIN)
		err = diff_chunked(out, changed, s, a, a0, a1, b, b0, b1, &same, &total);
	else
		err = diff_tokens(out, changed, s, a, a0, a1, b, b0, b1, &same, &total);
	if (err < 0)
		return err;
	around = count_chunks(a + a0 - head, head) + count_chunks(a + a1, tail);
	s->matched = total + 2 * around ? 2.0 * (double)(same + around) / (double)(total + 2 * around)
	                                : 1.0;
	return rl_edits_push(out, RL_EDIT_EQUAL, a1, a1 + tail);
}
