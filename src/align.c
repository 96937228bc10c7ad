/*
 * align — versions-mode paragraph alignment.
 *
 * 1. Exact: every paragraph gets a hash of its normalised text (white space
 *    runs collapsed, NFC); the diff core (lcs.c: patience, Myers fallback)
 *    pairs equal paragraphs in order, duplicates included.  Equal
 *    paragraphs left over are paired across the document, k-th with k-th.
 * 2. Similar: the paragraphs still unpaired get bags of word keys weighted
 *    by rarity among them (idf) and sampled word-bigram shingles.  A
 *    shingle index over the new side (consistent sampling, so a part of a
 *    paragraph still meets it) and the neighbours in the same gap between
 *    exact pairs give the candidates; weighted Dice similarity and
 *    containment score them.  Split and merge proposals join consecutive
 *    paragraphs whose union matches better than any part.  Proposals are
 *    taken greedily, best first.
 * 3. Order: a longest increasing subsequence over all pairs marks the ones
 *    in order; the others moved.
 * Near-linear: no step looks at all pairs of paragraphs.
 */
#include "align.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lcs.h"
#include "text.h"

/* Documents of at least this many paragraphs have the new one's hashes,
 * bags and candidates made, and half the candidates scored, on a thread
 * of their own. */
#define PARALLEL_PARAS 2048
#define SIM_ANYWHERE 0.5   /* 1:1 pair between paragraphs anywhere */
#define SIM_IN_GAP 0.3     /* 1:1 pair between neighbours in one gap */
#define CONTAINED 0.6      /* share of a part that its whole must contain */
#define MAX_POSTINGS 64    /* shingles more common than this are skipped */
#define MAX_CANDIDATES 12  /* index candidates per paragraph */
#define GAP_ALL_PAIRS 24   /* gaps this small are compared exhaustively */
#define IN_GAP_BONUS 0.05  /* ranking bonus for pairs that stayed in place */
#define IN_PLACE_MAX 8     /* gaps of up to this many paragraphs a side are */
#define IN_PLACE_MATCHED 0.5 /* paired in place when their word diff matches
                                at least this share of tokens */

int rl_alinks_push(rl_alinks *l, rl_link_kind kind, uint32_t o0, uint32_t o1, uint32_t n0,
                   uint32_t n1, double similarity)
{
	rl_alink *k;

	if (l->n == l->cap && rl_grow(&l->v, &l->cap, l->n + 1, sizeof(rl_alink)) < 0)
		return RL_ENOMEM;
	k = &l->v[l->n++];
	k->kind = (uint8_t)kind;
	k->o0 = o0;
	k->o1 = o1;
	k->n0 = n0;
	k->n1 = n1;
	k->skip_old = k->skip_new = 0;
	k->similarity = similarity;
	k->edit_off = 0;
	k->n_edits = 0;
	k->has_edits = 0;
	k->changed = 0;
	return 0;
}

void rl_alinks_free(rl_alinks *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* ---- normalised paragraph hashes ---------------------------------------- */

static const uint8_t ws[33] = {['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1};

/* Is white space in s[0..len) already what normalisation makes of it:
 * single spaces, no other white space bytes?  Then the bytes themselves are
 * the normal form.  Eight bytes at a time. */
static int canonical_spacing(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t prev_space = 0;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w, sp, m;

		memcpy(&w, s + i, 8);
		if ((w - ones * 0x20) & ~w & high)
			return 0; /* a byte below 0x20: tab, line break, ... */
		sp = w ^ (ones * ' ');
		m = (sp - ones) & ~sp & high; /* bit 7 of each space byte */
		/* two spaces in a row, within the block or across its start */
		if ((m & (m << 8)) || (prev_space && (m & 0x80)))
			return 0;
		prev_space = m >> 63;
	}
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < ' ' || (c == ' ' && prev_space))
			return 0;
		prev_space = c == ' ';
	}
	return 1;
}

static int para_hashes(uint64_t **out, const rl_doc *d, rl_buf *tmp, rl_buf *nfc)
{
	uint64_t *h = rl_reallocarray(NULL, d->n_paras + 1, sizeof(uint64_t));

	if (!h)
		return RL_ENOMEM;
	for (size_t i = 0; i < d->n_paras; i++) {
		const char *s = d->data + d->paras[i].start;
		size_t len = d->paras[i].end - d->paras[i].start, w = 0;
		int space = 0;

		if (!rl_text_is_nfc_quick(s, len)) {
			rl_buf_clear(nfc);
			if (rl_text_nfc(nfc, s, len) < 0) {
				free(h);
				return RL_ENOMEM;
			}
			s = nfc->data;
			len = nfc->len;
		}
		if (canonical_spacing(s, len)) {
			h[i] = rl_hash(s, len, 0x70617261ULL);
			continue;
		}
		rl_buf_clear(tmp);
		if (rl_buf_grow(tmp, len) < 0) {
			free(h);
			return RL_ENOMEM;
		}
		for (size_t k = 0; k < len; k++) {
			unsigned char c = (unsigned char)s[k];
			if (c <= ' ' && ws[c]) {
				space = 1;
				continue;
			}
			if (space)
				tmp->data[w++] = ' ';
			space = 0;
			tmp->data[w++] = (char)c;
		}
		h[i] = rl_hash(tmp->data, w, 0x70617261ULL);
	}
	*out = h;
	return 0;
}

/* ---- bags of words ------------------------------------------------------- */

typedef struct term {
	uint64_t key;
	uint32_t count;
	float w;
} term;

typedef struct bag {
	uint32_t para;       /* paragraph index */
	uint32_t gap;        /* exact pairs before it */
	size_t off, n;       /* terms in the pool */
	size_t soff, sn;     /* word keys in order (old side only) */
	double weight;       /* sum of count * w */
} bag;

typedef struct side {
	bag *bags;
	size_t n;
	term *terms;
	size_t n_terms, terms_cap;
	uint64_t *seq;       /* word keys in order, for shingles */
	size_t n_seq, seq_cap;
} side;

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return (a > b) - (a < b);
}

static int build_bags(side *sd, const rl_doc *d, const uint8_t *unpaired, const uint32_t *gap,
                      rl_tokens *tok, uint64_t **tmp, size_t *tmp_cap)
{
	size_t count = 0, k = 0;

	for (size_t i = 0; i < d->n_paras; i++)
		count += unpaired[i];
	sd->bags = rl_calloc(count + 1, sizeof(bag));
	if (!sd->bags)
		return RL_ENOMEM;
	for (size_t i = 0; i < d->n_paras; i++) {
		bag *b;
		size_t m = 0;

		if (!unpaired[i])
			continue;
		b = &sd->bags[k++];
		b->para = (uint32_t)i;
		b->gap = gap[i];
		tok->n = 0;
		if (rl_text_tokenize(tok, d->data, d->paras[i].start, d->paras[i].end) < 0 ||
		    rl_grow(tmp, tmp_cap, tok->n + 1, sizeof(uint64_t)) < 0 ||
		    rl_grow(&sd->seq, &sd->seq_cap, sd->n_seq + tok->n + 1, sizeof(uint64_t)) < 0)
			return RL_ENOMEM;
		b->soff = sd->n_seq;
		for (size_t t = 0; t < tok->n; t++) {
			if (tok->v[t].kind != RL_TOK_WORD && tok->v[t].kind != RL_TOK_NUMBER)
				continue;
			(*tmp)[m++] = tok->v[t].key;
			sd->seq[sd->n_seq++] = tok->v[t].key;
		}
		b->sn = sd->n_seq - b->soff;
		rl_sort_u64(*tmp, m);
		if (rl_grow(&sd->terms, &sd->terms_cap, sd->n_terms + m + 1, sizeof(term)) < 0)
			return RL_ENOMEM;
		b->off = sd->n_terms;
		for (size_t t = 0; t < m; t++) {
			if (t && (*tmp)[t] == (*tmp)[t - 1]) {
				sd->terms[sd->n_terms - 1].count++;
				continue;
			}
			sd->terms[sd->n_terms].key = (*tmp)[t];
			sd->terms[sd->n_terms].count = 1;
			sd->terms[sd->n_terms].w = 1;
			sd->n_terms++;
		}
		b->n = sd->n_terms - b->off;
	}
	sd->n = k;
	return 0;
}

static int weigh(side *s1, side *s2)
{
	rl_map64 df = RL_MAP64_INIT;
	side *sides[2] = {s1, s2};
	double N = (double)(s1->n + s2->n);

	for (int s = 0; s < 2; s++)
		for (size_t t = 0; t < sides[s]->n_terms; t++) {
			uint32_t *v = rl_map64_slot(&df, sides[s]->terms[t].key);
			if (!v) {
				rl_map64_free(&df);
				return RL_ENOMEM;
			}
			(*v)++;
		}
	for (int s = 0; s < 2; s++) {
		side *sd = sides[s];
		for (size_t t = 0; t < sd->n_terms; t++)
			sd->terms[t].w = (float)log(1.0 + N / *rl_map64_get(&df, sd->terms[t].key));
		for (size_t b = 0; b < sd->n; b++) {
			double w = 0;
			for (size_t t = sd->bags[b].off; t < sd->bags[b].off + sd->bags[b].n; t++)
				w += sd->terms[t].count * (double)sd->terms[t].w;
			sd->bags[b].weight = w;
		}
	}
	rl_map64_free(&df);
	return 0;
}

/* Weighted overlap of two bags (sum over shared terms of min count * w). */
static double overlap(const term *x, size_t nx, const term *y, size_t ny)
{
	size_t i = 0, j = 0;
	double s = 0;

	while (i < nx && j < ny) {
		if (x[i].key < y[j].key) {
			i++;
		} else if (x[i].key > y[j].key) {
			j++;
		} else {
			s += (x[i].count < y[j].count ? x[i].count : y[j].count) * (double)x[i].w;
			i++;
			j++;
		}
	}
	return s;
}

typedef struct score {
	double sim;     /* weighted Dice */
	double a_in_b;  /* share of a's weight found in b */
	double b_in_a;
} score;

static score compare_bags(const side *sa, const bag *a, const side *sb, const bag *b)
{
	double ov = overlap(sa->terms + a->off, a->n, sb->terms + b->off, b->n);
	score r;

	r.sim = a->weight + b->weight > 0 ? 2 * ov / (a->weight + b->weight) : 0;
	r.a_in_b = a->weight > 0 ? ov / a->weight : 0;
	r.b_in_a = b->weight > 0 ? ov / b->weight : 0;
	return r;
}

/* Weighted Dice of one bag against the union of the bags listed in
 * `parts` (positions on side s2); *ov receives the weighted overlap.
 * Returns -1 on RL_ENOMEM. */
static double union_sim(const side *s1, const bag *one, const side *s2, const uint32_t *parts,
                        size_t n_parts, term **buf, size_t *cap, double *ov)
{
	size_t n = 0;
	double w = 0;

	for (size_t k = 0; k < n_parts; k++) {
		const bag *b = &s2->bags[parts[k]];
		if (rl_grow(buf, cap, n + b->n + 1, sizeof(term)) < 0)
			return -1;
		memcpy(*buf + n, s2->terms + b->off, b->n * sizeof(term));
		n += b->n;
		w += b->weight;
	}
	/* sort the concatenation by key and merge counts */
	qsort(*buf, n, sizeof(term), cmp_u64);
	{
		size_t m = 0;
		for (size_t k = 0; k < n; k++) {
			if (m && (*buf)[m - 1].key == (*buf)[k].key)
				(*buf)[m - 1].count += (*buf)[k].count;
			else
				(*buf)[m++] = (*buf)[k];
		}
		n = m;
	}
	*ov = overlap(s1->terms + one->off, one->n, *buf, n);
	return one->weight + w > 0 ? 2 * *ov / (one->weight + w) : 0;
}

/* ---- shingle index ------------------------------------------------------- */

typedef struct posting {
	uint64_t h;
	uint32_t bag;
} posting;

/* Sort postings by hash, then bag: they come in bag order, so a stable
 * sort by hash (least significant byte first, eight passes of counting)
 * gives it.  Fails with RL_ENOMEM. */
static int sort_postings(posting *p, size_t n)
{
	posting *tmp = rl_malloc(n * sizeof(posting)), *from = p, *to = tmp;

	if (!tmp)
		return RL_ENOMEM;
	for (int shift = 0; shift < 64; shift += 8) {
		size_t count[257] = {0};

		for (size_t k = 0; k < n; k++)
			count[(from[k].h >> shift & 0xff) + 1]++;
		if (count[(from[0].h >> shift & 0xff) + 1] == n)
			continue; /* one value of this byte: already in order */
		for (int v = 0; v < 256; v++)
			count[v + 1] += count[v];
		for (size_t k = 0; k < n; k++)
			to[count[from[k].h >> shift & 0xff]++] = from[k];
		to = from;
		from = from == p ? tmp : p;
	}
	if (from != p)
		memcpy(p, from, n * sizeof(posting));
	free(tmp);
	return 0;
}

static uint64_t shingle(const uint64_t *seq, size_t i, size_t n)
{
	return i + 1 < n ? rl_hash_mix(seq[i], seq[i + 1]) : rl_hash_mix(seq[i], 0x5eed);
}

/* Consistent sampling: a paragraph of n shingles keeps those whose low
 * `level` bits are zero, about 8 of them; a query looks up all of its own. */
static int sample_level(size_t n)
{
	int level = 0;

	while ((n >> level) > 16 && level < 6)
		level++;
	return level;
}

static int build_index(posting **out, size_t *n_out, const side *sb)
{
	size_t n = 0, cap = 0;
	posting *p = NULL;

	for (size_t b = 0; b < sb->n; b++) {
		const bag *bg = &sb->bags[b];
		const uint64_t *seq = sb->seq + bg->soff;
		uint64_t mask = ((uint64_t)1 << sample_level(bg->sn)) - 1;

		for (size_t i = 0; i < bg->sn; i++) {
			uint64_t h = shingle(seq, i, bg->sn);
			if (h & mask)
				continue;
			if (rl_grow(&p, &cap, n + 1, sizeof(posting)) < 0) {
				free(p);
				return RL_ENOMEM;
			}
			p[n].h = h;
			p[n].bag = (uint32_t)b;
			n++;
		}
	}
	if (n > 1 && sort_postings(p, n) < 0) {
		free(p);
		return RL_ENOMEM;
	}
	*out = p;
	*n_out = n;
	return 0;
}

/* ---- proposals ------------------------------------------------------------ */

typedef struct proposal {
	double score;
	uint8_t kind;
	uint32_t o0, o1, n0, n1; /* bag positions, half-open */
	uint64_t skip_o, skip_n; /* bit k: bag o0 + k (n0 + k) is not a member */
} proposal;

typedef struct props {
	proposal *v;
	size_t n, cap;
} props;

static int propose(props *p, rl_link_kind kind, double value, size_t o0, size_t o1, size_t n0,
                   size_t n1)
{
	if (p->n == p->cap && rl_grow(&p->v, &p->cap, p->n + 1, sizeof(proposal)) < 0)
		return RL_ENOMEM;
	p->v[p->n].score = value;
	p->v[p->n].kind = (uint8_t)kind;
	p->v[p->n].o0 = (uint32_t)o0;
	p->v[p->n].o1 = (uint32_t)o1;
	p->v[p->n].n0 = (uint32_t)n0;
	p->v[p->n].n1 = (uint32_t)n1;
	p->v[p->n].skip_o = p->v[p->n].skip_n = 0;
	p->n++;
	return 0;
}

static int cmp_proposal(const void *x, const void *y)
{
	const proposal *a = x, *b = y;

	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	if (a->o0 != b->o0)
		return a->o0 < b->o0 ? -1 : 1;
	return a->n0 < b->n0 ? -1 : a->n0 > b->n0;
}

typedef struct cand {
	uint32_t o, n; /* bag positions */
	score s;
} cand;


typedef struct cands {
	cand *v;
	size_t n, cap;
	rl_set64 seen; /* (o << 32 | n) of the pairs already in v */
} cands;

/* Add the pair of old bag o and new bag n unless it is there; scored later
 * (score_cands()). */
static int add_cand(cands *c, size_t o, size_t n)
{
	int fresh = rl_set64_add(&c->seen, (uint64_t)o << 32 | n);

	if (fresh <= 0)
		return fresh;
	if (c->n == c->cap && rl_grow(&c->v, &c->cap, c->n + 1, sizeof(cand)) < 0)
		return RL_ENOMEM;
	c->v[c->n].o = (uint32_t)o;
	c->v[c->n].n = (uint32_t)n;
	c->n++;
	return 0;
}

/* Append the pairs of `from` that `to` lacks, in their order: the list that
 * one gather() after the other into `to` would have made. */
static int merge_cands(cands *to, const cands *from)
{
	for (size_t k = 0; k < from->n; k++) {
		int err = add_cand(to, from->v[k].o, from->v[k].n);
		if (err < 0)
			return err;
	}
	return 0;
}

/* Score candidates [k0, k1) of c (old side sa, new side sb). */
static void score_cands(cands *c, size_t k0, size_t k1, const side *sa, const side *sb)
{
	for (size_t k = k0; k < k1; k++)
		c->v[k].s = compare_bags(sa, &sa->bags[c->v[k].o], sb, &sb->bags[c->v[k].n]);
}

/* Candidates of every bag of side `sa`: neighbours in its gap (when
 * `neighbours`) and hits in an index over side `sb`.  `swap` says that sa
 * is the new side, so pairs are stored the other way round. */
static int gather(cands *c, const side *sa, const side *sb, int neighbours, int swap)
{
	posting *idx = NULL;
	rl_map64 first = RL_MAP64_INIT;
	size_t n_idx = 0, gb = 0;
	uint32_t *hits = NULL, *touched = NULL;
	size_t n_touched = 0;
	int err;

	if ((err = build_index(&idx, &n_idx, sb)) < 0)
		return err;
	hits = rl_calloc(sb->n + 1, sizeof(uint32_t));
	touched = rl_calloc(sb->n + 1, sizeof(uint32_t));
	if (!hits || !touched) {
		err = RL_ENOMEM;
		goto done;
	}
	/* each hash's first posting, looked up for every shingle of sa */
	for (size_t k = 0; k < n_idx; k++) {
		uint32_t *slot;

		if (k && idx[k].h == idx[k - 1].h)
			continue;
		if (!(slot = rl_map64_slot(&first, idx[k].h))) {
			err = RL_ENOMEM;
			goto done;
		}
		*slot = (uint32_t)k + 1;
	}
	for (size_t o = 0; o < sa->n; o++) {
		const bag *a = &sa->bags[o];
		size_t g0, g1, pos_in_gap, o_first = o;

		/* neighbours: new bags in the same gap */
		while (gb < sb->n && sb->bags[gb].gap < a->gap)
			gb++;
		g0 = gb;
		g1 = gb;
		while (g1 < sb->n && sb->bags[g1].gap == a->gap)
			g1++;
		while (o_first > 0 && sa->bags[o_first - 1].gap == a->gap)
			o_first--;
		pos_in_gap = o - o_first;
		for (size_t n = g0; n < g1 && neighbours; n++) {
			size_t rel = n - g0;
			if (g1 - g0 <= GAP_ALL_PAIRS ||
			    (rel + 4 >= pos_in_gap && rel <= pos_in_gap + 4)) {
				if ((err = swap ? add_cand(c, n, o) : add_cand(c, o, n)) < 0)
					goto done;
				err = 0;
				hits[n] = UINT32_MAX; /* already a candidate */
				touched[n_touched++] = (uint32_t)n;
			}
		}
		/* index hits */
		for (size_t i = 0; i < a->sn; i++) {
			uint64_t h = shingle(sa->seq + a->soff, i, a->sn);
			const uint32_t *at = rl_map64_get(&first, h);
			size_t lo = at ? *at - 1 : 0, hi = lo;

			if (!at)
				continue;
			while (hi < n_idx && idx[hi].h == h)
				hi++;
			if (hi - lo > MAX_POSTINGS)
				continue;
			for (size_t k = lo; k < hi; k++) {
				uint32_t nb = idx[k].bag;
				if (hits[nb] == UINT32_MAX)
					continue;
				if (hits[nb]++ == 0)
					touched[n_touched++] = nb; /* each bag once: fits */
			}
		}
		/* the best-hit candidates */
		for (int round = 0; round < MAX_CANDIDATES; round++) {
			uint32_t best = 0;
			size_t at = SIZE_MAX;
			for (size_t t = 0; t < n_touched; t++) {
				uint32_t h = hits[touched[t]];
				if (h != UINT32_MAX && h > best) {
					best = h;
					at = touched[t];
				}
			}
			if (at == SIZE_MAX)
				break;
			err = swap ? add_cand(c, at, o) : add_cand(c, o, at);
			if (err < 0)
				goto done;
			err = 0;
			hits[at] = UINT32_MAX;
		}
		for (size_t t = 0; t < n_touched; t++)
			hits[touched[t]] = 0;
		n_touched = 0;
	}
done:
	free(idx);
	free(hits);
	free(touched);
	rl_map64_free(&first);
	return err;
}

/* Split and merge proposals.  For each paragraph ("the whole"), its
 * candidates that it mostly contains ("parts") are taken in document order;
 * runs of parts at most one paragraph apart (an insertion or a move can
 * land between two halves of a split) are tried as groups.  A group is
 * proposed when its union matches the whole well and explains clearly more
 * of the whole than its best single part does. */
#define MAX_PARTS 8
#define GROUP_GAIN 0.03

static int group_for(props *p, const cand *c, size_t n, int dir, const side *sa,
                     const side *sb, term **buf, size_t *cap)
{
	const side *whole_side = dir == 0 ? sa : sb, *part_side = dir == 0 ? sb : sa;
	uint32_t whole = dir == 0 ? c[0].o : c[0].n;
	const bag *wb = &whole_side->bags[whole];
	uint32_t parts[MAX_PARTS];
	double part_cont[MAX_PARTS]; /* share of the whole found in each part */
	size_t m = 0;

	for (size_t k = 0; k < n && m < MAX_PARTS; k++) {
		double contained = dir == 0 ? c[k].s.b_in_a : c[k].s.a_in_b;
		if (contained < CONTAINED)
			continue;
		parts[m] = dir == 0 ? c[k].n : c[k].o;
		part_cont[m] = dir == 0 ? c[k].s.a_in_b : c[k].s.b_in_a;
		m++;
	}
	for (size_t s0 = 0; s0 + 1 < m; s0++) {
		double best_part = part_cont[s0];

		for (size_t e = s0 + 1; e < m; e++) {
			uint32_t prev = part_side->bags[parts[e - 1]].para, cur = part_side->bags[parts[e]].para;
			double ov, u;

			if (cur > prev + 2)
				break;
			if (part_cont[e] > best_part)
				best_part = part_cont[e];
			u = union_sim(whole_side, wb, part_side, parts + s0, e - s0 + 1, buf, cap, &ov);
			if (u < 0)
				return RL_ENOMEM;
			if (u < SIM_ANYWHERE || wb->weight <= 0 || ov / wb->weight < best_part + GROUP_GAIN)
				continue;
			/* ranked like a 1:1 pair: in-place groups get the same bonus */
			if (whole_side->bags[whole].gap == part_side->bags[parts[s0]].gap &&
			    whole_side->bags[whole].gap == part_side->bags[parts[e]].gap)
				u += IN_GAP_BONUS;
			if (propose(p, dir == 0 ? RL_LINK_SPLIT : RL_LINK_MERGED, u,
			            dir == 0 ? whole : parts[s0], dir == 0 ? whole + 1 : parts[e] + 1,
			            dir == 0 ? parts[s0] : whole, dir == 0 ? parts[e] + 1 : whole + 1) < 0)
				return RL_ENOMEM;
			{
				/* bags inside the range that are not parts */
				uint64_t skip = 0;
				for (uint32_t b = parts[s0], k = (uint32_t)s0; b <= parts[e]; b++) {
					if (k <= e && parts[k] == b)
						k++;
					else
						skip |= (uint64_t)1 << (b - parts[s0]);
				}
				if (dir == 0)
					p->v[p->n - 1].skip_n = skip;
				else
					p->v[p->n - 1].skip_o = skip;
			}
		}
	}
	return 0;
}

/* Stable counting sort of c by old bag (by_o) or new bag, through tmp;
 * keys below n_keys. */
static void count_sort_cands(cands *c, cand *tmp, size_t *start, size_t n_keys, int by_o)
{
	memset(start, 0, (n_keys + 1) * sizeof(size_t));
	for (size_t k = 0; k < c->n; k++)
		start[(by_o ? c->v[k].o : c->v[k].n) + 1]++;
	for (size_t b = 0; b + 1 < n_keys; b++)
		start[b + 1] += start[b];
	for (size_t k = 0; k < c->n; k++)
		tmp[start[by_o ? c->v[k].o : c->v[k].n]++] = c->v[k];
	memcpy(c->v, tmp, c->n * sizeof(cand));
}

/* Sort the candidates by old bag then new bag (dir 0), or by new bag then
 * old bag (dir 1): counting sorts on the second key, then on the first.
 * The pairs are unique, so this is the one order.  Fails with
 * RL_ENOMEM. */
static int sort_cands(cands *c, int dir, size_t n_old, size_t n_new)
{
	size_t n_keys = (n_old > n_new ? n_old : n_new) + 1;
	size_t *start = rl_malloc((n_keys + 1) * sizeof(size_t));
	cand *tmp = rl_malloc((c->n + 1) * sizeof(cand));

	if (!start || !tmp) {
		free(start);
		free(tmp);
		return RL_ENOMEM;
	}
	count_sort_cands(c, tmp, start, n_keys, dir != 0);
	count_sort_cands(c, tmp, start, n_keys, dir == 0);
	free(start);
	free(tmp);
	return 0;
}

static int group_proposals(props *p, cands *c, const side *sa, const side *sb, term **buf,
                           size_t *cap)
{
	for (int dir = 0; dir < 2; dir++) {
		if (c->n > 1 && sort_cands(c, dir, sa->n, sb->n) < 0)
			return RL_ENOMEM;
		for (size_t i = 0; i < c->n;) {
			size_t j = i;
			uint32_t one = dir == 0 ? c->v[i].o : c->v[i].n;
			int err;

			while (j < c->n && (dir == 0 ? c->v[j].o : c->v[j].n) == one)
				j++;
			if ((err = group_for(p, c->v + i, j - i, dir, sa, sb, buf, cap)) < 0)
				return err;
			i = j;
		}
	}
	return 0;
}

/* ---- order ------------------------------------------------------------------ */

/* Mark the links that stay in order: a heaviest increasing subsequence of
 * their new positions taken in old order.  Each link weighs 1 plus a
 * bonus too small to outweigh another link: the most links stay in order;
 * among equally many, the exact ones (a moved paragraph is more often an
 * edited one), the more similar ones, then the longer ones (a repeated
 * title rather than the text between).  Fenwick tree over new positions,
 * O(n log n). */
static int mark_in_order(rl_alinks *l, uint8_t *in_order, size_t n_new, const rl_para *pa)
{
	size_t n = 0, *idx, *prev, *tree_at;
	double *dp, *tree, eps;
	int err = 0;

	idx = rl_calloc(l->n + 1, sizeof(size_t));
	prev = rl_calloc(l->n + 1, sizeof(size_t));
	dp = rl_calloc(l->n + 1, sizeof(double));
	tree = rl_calloc(n_new + 2, sizeof(double));
	tree_at = rl_calloc(n_new + 2, sizeof(size_t));
	if (!idx || !prev || !dp || !tree || !tree_at) {
		err = RL_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].o1 > l->v[i].o0 && l->v[i].n1 > l->v[i].n0)
			idx[n++] = i;
	/* links come in no particular order: sort by old position, with the
	 * position in the high half and the link in the low half of a key */
	{
		uint64_t *keys = rl_calloc(n + 1, sizeof(uint64_t));
		if (!keys) {
			err = RL_ENOMEM;
			goto done;
		}
		for (size_t i = 0; i < n; i++)
			keys[i] = (uint64_t)l->v[idx[i]].o0 << 32 | idx[i];
		rl_sort_u64(keys, n);
		for (size_t i = 0; i < n; i++)
			idx[i] = (size_t)(keys[i] & 0xffffffffu);
		free(keys);
	}
	for (size_t i = 0; i <= n_new + 1; i++)
		tree_at[i] = SIZE_MAX;
	/* the tie-breaking bonuses of all links together stay below one link */
	eps = 0.5 / (double)(n + 1);
	{
		double best = -1;
		size_t best_at = SIZE_MAX;

		for (size_t i = 0; i < n; i++) {
			const rl_alink *x = &l->v[idx[i]];
			double size = (double)(pa[x->o1 - 1].end - pa[x->o0].start);
			double w = 1.0 + eps * (0.5 * (x->similarity >= 1.0) + 0.4 * x->similarity +
			                        0.1 * (size < 1000 ? size / 1000 : 1)),
			       got = 0;
			size_t from = SIZE_MAX;

			/* best chain ending at a new position below x->n0 */
			for (size_t k = x->n0; k > 0; k -= k & -k)
				if (tree_at[k] != SIZE_MAX && tree[k] > got) {
					got = tree[k];
					from = tree_at[k];
				}
			dp[i] = got + w;
			prev[i] = from;
			for (size_t k = x->n0 + 1; k <= n_new + 1; k += k & -k)
				if (tree_at[k] == SIZE_MAX || dp[i] > tree[k]) {
					tree[k] = dp[i];
					tree_at[k] = i;
				}
			if (dp[i] > best) {
				best = dp[i];
				best_at = i;
			}
		}
		memset(in_order, 0, l->n);
		for (size_t i = best_at; i != SIZE_MAX; i = prev[i])
			in_order[idx[i]] = 1;
	}
done:
	free(idx);
	free(prev);
	free(dp);
	free(tree);
	free(tree_at);
	return err;
}

/* Sort links by first old paragraph (inserted ones, o0 = 0, first), stably,
 * through packed integer keys.  Fails only with RL_ENOMEM. */
static int sort_by_old(rl_alink *v, size_t n)
{
	uint64_t *keys = rl_calloc(n + 1, sizeof(uint64_t));
	rl_alink *tmp = rl_calloc(n + 1, sizeof(rl_alink));

	if (!keys || !tmp) {
		free(keys);
		free(tmp);
		return RL_ENOMEM;
	}
	for (size_t k = 0; k < n; k++)
		keys[k] = (uint64_t)v[k].o0 << 32 | k;
	rl_sort_u64(keys, n);
	for (size_t k = 0; k < n; k++)
		tmp[k] = v[keys[k] & 0xffffffffu];
	memcpy(v, tmp, n * sizeof(rl_alink));
	free(keys);
	free(tmp);
	return 0;
}

/* ---- driver --------------------------------------------------------------- */

typedef struct work {
	uint64_t *ha, *hb;
	uint8_t *ua, *ub;     /* 1: not yet paired */
	uint32_t *gap_a, *gap_b;
	rl_lcs *lcs;
	side sa, sb;
	cands c;
	props p;
	term *buf;
	size_t buf_cap;
	rl_tokens tok;
	uint64_t *tmp;
	size_t tmp_cap;
	uint8_t *in_order;
} work;

static void work_free(work *w)
{
	free(w->ha);
	free(w->hb);
	free(w->ua);
	free(w->ub);
	free(w->gap_a);
	free(w->gap_b);
	rl_lcs_free(w->lcs);
	free(w->sa.bags);
	free(w->sa.terms);
	free(w->sa.seq);
	free(w->sb.bags);
	free(w->sb.terms);
	free(w->sb.seq);
	free(w->c.v);
	rl_set64_free(&w->c.seen);
	free(w->p.v);
	free(w->buf);
	rl_tokens_free(&w->tok);
	free(w->tmp);
	free(w->in_order);
}

/* Exact pairs: in order by the diff core, then across the document. */
static int exact_pairs(work *w, rl_alinks *out, const rl_doc *a, const rl_doc *b)
{
	size_t na = a->n_paras, nb = b->n_paras;
	rl_map64 first = RL_MAP64_INIT;
	uint32_t *next = NULL;
	int err;

	if ((err = rl_lcs_diff(w->lcs, w->ha, na, w->hb, nb, w->ua, w->ub)) < 0)
		return err;
	for (size_t i = 0, j = 0; i < na || j < nb;) {
		if (i < na && w->ua[i]) {
			i++;
		} else if (j < nb && w->ub[j]) {
			j++;
		} else {
			if ((err = rl_alinks_push(out, RL_LINK_EQUAL, (uint32_t)i, (uint32_t)i + 1,
			                          (uint32_t)j, (uint32_t)j + 1, 1.0)) < 0)
				return err;
			i++;
			j++;
		}
	}
	/* equal paragraphs out of order: chain the unpaired old ones per hash
	 * (in order) and pair each unpaired new one with the next in its chain */
	next = rl_calloc(na + 1, sizeof(uint32_t));
	if (!next)
		return RL_ENOMEM;
	for (size_t i = na; i-- > 0;) {
		uint32_t *slot;
		if (!w->ua[i])
			continue;
		if (!(slot = rl_map64_slot(&first, w->ha[i]))) {
			err = RL_ENOMEM;
			goto done;
		}
		next[i] = *slot; /* 0: end of chain; else index + 1 */
		*slot = (uint32_t)i + 1;
	}
	for (size_t j = 0; j < nb; j++) {
		uint32_t *slot;
		if (!w->ub[j] || !(slot = rl_map64_get(&first, w->hb[j])) || !*slot)
			continue;
		{
			uint32_t i = *slot - 1;
			*slot = next[i];
			w->ua[i] = 0;
			w->ub[j] = 0;
			if ((err = rl_alinks_push(out, RL_LINK_MOVED, i, i + 1, (uint32_t)j,
			                          (uint32_t)j + 1, 1.0)) < 0)
				goto done;
		}
	}
done:
	free(next);
	rl_map64_free(&first);
	return err;
}

/* The number of in-order exact pairs before each paragraph. */
static int gaps(work *w, const rl_doc *a, const rl_doc *b, const rl_alinks *out)
{
	size_t na = a->n_paras, nb = b->n_paras;
	uint32_t g = 0;
	uint8_t *pa = rl_calloc(na + 1, 1), *pb = rl_calloc(nb + 1, 1);

	w->gap_a = rl_calloc(na + 1, sizeof(uint32_t));
	w->gap_b = rl_calloc(nb + 1, sizeof(uint32_t));
	if (!pa || !pb || !w->gap_a || !w->gap_b) {
		free(pa);
		free(pb);
		return RL_ENOMEM;
	}
	for (size_t k = 0; k < out->n; k++)
		if (out->v[k].kind == RL_LINK_EQUAL) {
			pa[out->v[k].o0] = 1;
			pb[out->v[k].n0] = 1;
		}
	for (size_t i = 0; i < na; i++) {
		g += pa[i];
		w->gap_a[i] = g;
	}
	g = 0;
	for (size_t j = 0; j < nb; j++) {
		g += pb[j];
		w->gap_b[j] = g;
	}
	free(pa);
	free(pb);
	return 0;
}

/* The paragraphs of bags [b0, b1) that are not members (bags in `skip`, and
 * paragraphs between member bags that are not bags at all), as a mask over
 * paragraphs from the first bag's. */
static uint64_t para_skip(const side *sd, uint32_t b0, uint32_t b1, uint64_t skip)
{
	uint32_t first = sd->bags[b0].para, last = sd->bags[b1 - 1].para;
	uint64_t mask = 0;

	for (uint32_t q = first; q <= last; q++)
		mask |= (uint64_t)1 << (q - first);
	for (uint32_t b = b0; b < b1; b++)
		if (!(skip >> (b - b0) & 1))
			mask &= ~((uint64_t)1 << (sd->bags[b].para - first));
	return mask;
}

/* Pair the paragraphs of a gap with as many old as new ones in place, the
 * k-th old with the k-th new, when the word diff of every pair shows the
 * same paragraph edited.  The common case of an edit costs one word diff,
 * whose script the comparison keeps; any doubt leaves the whole gap to the
 * similarity stage.  The gaps of old paragraphs [i, na) and new ones
 * [j, nb): gaps are independent, so a range that starts and ends where
 * gaps do gives the links and edits that all gaps give there. */
static int in_place_range(work *w, rl_alinks *out, const rl_doc *a, const rl_doc *b,
                          rl_edits *ed, rl_worddiff_scratch *wd, size_t i, size_t na, size_t j,
                          size_t nb)
{
	uint32_t oa[IN_PLACE_MAX], ob[IN_PLACE_MAX];
	int err;

	for (;;) {
		size_t k = 0, m = 0, i2, j2, mark_e, mark_l;
		uint32_t g;
		int ok = 1;

		while (i < na && !w->ua[i])
			i++;
		while (j < nb && !w->ub[j])
			j++;
		if (i >= na || j >= nb)
			return 0;
		g = w->gap_a[i] < w->gap_b[j] ? w->gap_a[i] : w->gap_b[j];
		for (i2 = i; i2 < na && w->gap_a[i2] == g; i2++)
			if (w->ua[i2] && k++ < IN_PLACE_MAX)
				oa[k - 1] = (uint32_t)i2;
		for (j2 = j; j2 < nb && w->gap_b[j2] == g; j2++)
			if (w->ub[j2] && m++ < IN_PLACE_MAX)
				ob[m - 1] = (uint32_t)j2;
		i = i2;
		j = j2;
		if (k != m || k == 0 || k > IN_PLACE_MAX)
			continue;
		mark_e = ed->n;
		mark_l = out->n;
		for (size_t t = 0; t < k && ok; t++) {
			const rl_para *x = &a->paras[oa[t]], *y = &b->paras[ob[t]];
			size_t e0 = ed->n;
			double sim;
			int changed;

			if ((err = rl_worddiff(ed, &changed, wd, a->data, x->start, x->end, b->data, y->start,
			                       y->end)) < 0)
				return err;
			sim = rl_worddiff_matched(wd);
			if (sim < IN_PLACE_MATCHED) {
				ok = 0;
				break;
			}
			if ((err = rl_alinks_push(out, RL_LINK_EQUAL, oa[t], oa[t] + 1, ob[t], ob[t] + 1,
			                          sim)) < 0)
				return err;
			out->v[out->n - 1].edit_off = e0;
			out->v[out->n - 1].n_edits = (uint32_t)(ed->n - e0);
			out->v[out->n - 1].has_edits = 1;
			out->v[out->n - 1].changed = (uint8_t)changed;
		}
		if (!ok) {
			ed->n = mark_e;
			out->n = mark_l;
			continue;
		}
		for (size_t t = 0; t < k; t++) {
			w->ua[oa[t]] = 0;
			w->ub[ob[t]] = 0;
		}
	}
}

/* The second half of the gaps, on a thread of its own: links, edits and
 * word diff scratch of its own. */
typedef struct place_job {
	work *w;
	const rl_doc *a, *b;
	size_t i, na, j, nb;
	rl_alinks out;
	rl_edits ed;
	int err;
	char msg[256];
} place_job;

static void *place_run(void *arg)
{
	place_job *p = arg;
	rl_worddiff_scratch *wd = NULL;

	if ((p->err = rl_worddiff_scratch_new(&wd)) == 0)
		p->err = in_place_range(p->w, &p->out, p->a, p->b, &p->ed, wd, p->i, p->na, p->j, p->nb);
	if (p->err < 0)
		snprintf(p->msg, sizeof(p->msg), "%s", rl_error_last());
	rl_worddiff_scratch_free(wd);
	return NULL;
}

/* The pairs made in place, appended to out and their edits to ed.  For
 * long documents the gaps are cut in two where a gap starts, about half
 * the old paragraphs on each side, and the second half is done on a
 * thread of its own; its links and edits are appended after the first
 * half's, as one pass over all gaps would have made them. */
static int in_place_pairs(work *w, rl_alinks *out, const rl_doc *a, const rl_doc *b,
                          rl_edits *ed, rl_worddiff_scratch *wd)
{
	size_t na = a->n_paras, nb = b->n_paras, base;
	place_job p;
	pthread_t tid;
	uint32_t g;
	int started, err;

	if (nb < PARALLEL_PARAS || na < 2)
		return in_place_range(w, out, a, b, ed, wd, 0, na, 0, nb);
	memset(&p, 0, sizeof(p));
	p.w = w;
	p.a = a;
	p.b = b;
	p.na = na;
	p.nb = nb;
	g = w->gap_a[na / 2];
	for (p.i = na / 2; p.i > 0 && w->gap_a[p.i - 1] >= g; p.i--)
		;
	while (p.j < nb && w->gap_b[p.j] < g)
		p.j++;
	started = pthread_create(&tid, NULL, place_run, &p) == 0;
	err = in_place_range(w, out, a, b, ed, wd, 0, started ? p.i : na, 0, started ? p.j : nb);
	if (started)
		pthread_join(tid, NULL);
	if (err == 0 && p.err < 0)
		err = rl_error_set(p.err, "%s", p.msg);
	base = ed->n;
	if (err == 0 && p.ed.n && rl_grow(&ed->v, &ed->cap, base + p.ed.n, sizeof(rl_edit)) < 0)
		err = RL_ENOMEM;
	if (err == 0 && p.ed.n) {
		memcpy(ed->v + base, p.ed.v, p.ed.n * sizeof(rl_edit));
		ed->n = ed->floor = base + p.ed.n;
	}
	if (err == 0 && p.out.n &&
	    rl_grow(&out->v, &out->cap, out->n + p.out.n, sizeof(rl_alink)) < 0)
		err = RL_ENOMEM;
	if (err == 0 && p.out.n) {
		for (size_t k = 0; k < p.out.n; k++)
			p.out.v[k].edit_off += base;
		memcpy(out->v + out->n, p.out.v, p.out.n * sizeof(rl_alink));
		out->n += p.out.n;
	}
	rl_alinks_free(&p.out);
	rl_edits_free(&p.ed);
	return err;
}

typedef struct bags_job {
	side *sd;
	const rl_doc *d;
	const uint8_t *unpaired;
	const uint32_t *gap;
	int err;
	char msg[256];
} bags_job;

static void *bags_run(void *arg)
{
	bags_job *j = arg;
	rl_tokens tok;
	uint64_t *tmp = NULL;
	size_t tmp_cap = 0;

	memset(&tok, 0, sizeof(tok));
	if ((j->err = build_bags(j->sd, j->d, j->unpaired, j->gap, &tok, &tmp, &tmp_cap)) < 0)
		snprintf(j->msg, sizeof(j->msg), "%s", rl_error_last());
	rl_tokens_free(&tok);
	free(tmp);
	return NULL;
}

/* The new side's candidates (gather() the other way round), on a thread
 * of their own; or the scores of candidates [k0, k1). */
typedef struct cands_job {
	cands *c;
	const side *sa, *sb;
	size_t k0, k1;
	int err;
	char msg[256];
} cands_job;

static void *gather_run(void *arg)
{
	cands_job *j = arg;

	if ((j->err = gather(j->c, j->sb, j->sa, 0, 1)) < 0)
		snprintf(j->msg, sizeof(j->msg), "%s", rl_error_last());
	return NULL;
}

static void *score_run(void *arg)
{
	cands_job *j = arg;

	score_cands(j->c, j->k0, j->k1, j->sa, j->sb);
	return NULL;
}

/* The scored candidate pairs of old side sa and new side sb into c: each
 * old bag's, then each new bag's that are not there yet.  With `parallel`,
 * the new bags' are gathered into a list of their own on a second thread
 * and merged in after, and the second half of the pairs is scored on a
 * second thread: the same list, in the same order. */
static int all_cands(cands *c, const side *sa, const side *sb, int parallel)
{
	cands mine;
	cands_job j = {&mine, sa, sb, 0, 0, 0, ""};
	pthread_t tid;
	int started, err;

	memset(&mine, 0, sizeof(mine));
	started = parallel && pthread_create(&tid, NULL, gather_run, &j) == 0;
	err = gather(c, sa, sb, 1, 0);
	if (started)
		pthread_join(tid, NULL);
	else if (err == 0)
		gather_run(&j);
	if (err == 0 && j.err < 0)
		err = rl_error_set(j.err, "%s", j.msg);
	if (err == 0)
		err = merge_cands(c, &mine);
	free(mine.v);
	rl_set64_free(&mine.seen);
	if (err < 0)
		return err;
	j.c = c;
	j.k0 = c->n / 2;
	j.k1 = c->n;
	started = parallel && pthread_create(&tid, NULL, score_run, &j) == 0;
	score_cands(c, 0, started ? j.k0 : c->n, sa, sb);
	if (started)
		pthread_join(tid, NULL);
	return 0;
}

static int similar_pairs(work *w, rl_alinks *out, const rl_doc *a, const rl_doc *b)
{
	int err;
	uint8_t *used_a, *used_b;

	bags_job bj = {&w->sb, b, w->ub, w->gap_b, 0, ""};
	pthread_t tid;
	int started = b->n_paras >= PARALLEL_PARAS && pthread_create(&tid, NULL, bags_run, &bj) == 0;

	/* the new document's bags on a thread of their own when it is long */
	err = build_bags(&w->sa, a, w->ua, w->gap_a, &w->tok, &w->tmp, &w->tmp_cap);
	if (started)
		pthread_join(tid, NULL);
	else if (err == 0)
		bags_run(&bj);
	if (err == 0 && bj.err < 0)
		err = rl_error_set(bj.err, "%s", bj.msg);
	if (err < 0)
		return err;
	if (!w->sa.n || !w->sb.n)
		return 0;
	if ((err = weigh(&w->sa, &w->sb)) < 0 ||
	    (err = all_cands(&w->c, &w->sa, &w->sb, b->n_paras >= PARALLEL_PARAS)) < 0)
		return err;
	for (size_t k = 0; k < w->c.n; k++) {
		const cand *c = &w->c.v[k];
		int same_gap = w->sa.bags[c->o].gap == w->sb.bags[c->n].gap;
		double s = c->s.sim;

		/* two texts of one paragraph each are versions of that paragraph,
		 * however much of it was rewritten */
		if (s >= SIM_ANYWHERE || (same_gap && s >= SIM_IN_GAP) ||
		    (a->n_paras == 1 && b->n_paras == 1))
			if ((err = propose(&w->p, RL_LINK_EQUAL, s + (same_gap ? IN_GAP_BONUS : 0), c->o, c->o + 1,
			                   c->n, c->n + 1)) < 0)
				return err;
	}
	if ((err = group_proposals(&w->p, &w->c, &w->sa, &w->sb, &w->buf, &w->buf_cap)) < 0)
		return err;
	if (w->p.n > 1)
		qsort(w->p.v, w->p.n, sizeof(proposal), cmp_proposal);
	used_a = rl_calloc(w->sa.n + 1, 1);
	used_b = rl_calloc(w->sb.n + 1, 1);
	if (!used_a || !used_b) {
		free(used_a);
		free(used_b);
		return RL_ENOMEM;
	}
	for (size_t k = 0; k < w->p.n && !err; k++) {
		const proposal *p = &w->p.v[k];
		int free_ = 1;
		double sim = p->score;

		for (uint32_t i = p->o0; i < p->o1; i++)
			if (!(p->skip_o >> (i - p->o0) & 1))
				free_ &= !used_a[i];
		for (uint32_t j = p->n0; j < p->n1; j++)
			if (!(p->skip_n >> (j - p->n0) & 1))
				free_ &= !used_b[j];
		if (!free_)
			continue;
		if (w->sa.bags[p->o0].gap == w->sb.bags[p->n0].gap &&
		    w->sa.bags[p->o1 - 1].gap == w->sb.bags[p->n1 - 1].gap)
			sim -= IN_GAP_BONUS; /* the bonus only ranks proposals */
		if (sim > 1.0)
			sim = 1.0;
		err = rl_alinks_push(out, p->kind, w->sa.bags[p->o0].para,
		                     w->sa.bags[p->o1 - 1].para + 1, w->sb.bags[p->n0].para,
		                     w->sb.bags[p->n1 - 1].para + 1, sim < 0 ? 0 : sim);
		if (err)
			break;
		out->v[out->n - 1].skip_old = para_skip(&w->sa, p->o0, p->o1, p->skip_o);
		out->v[out->n - 1].skip_new = para_skip(&w->sb, p->n0, p->n1, p->skip_n);
		for (uint32_t i = p->o0; i < p->o1; i++)
			if (!(p->skip_o >> (i - p->o0) & 1)) {
				used_a[i] = 1;
				w->ua[w->sa.bags[i].para] = 0;
			}
		for (uint32_t j = p->n0; j < p->n1; j++)
			if (!(p->skip_n >> (j - p->n0) & 1)) {
				used_b[j] = 1;
				w->ub[w->sb.bags[j].para] = 0;
			}
	}
	free(used_a);
	free(used_b);
	return err;
}

/* ---- the two documents' per-paragraph work on two threads --------------- */

typedef struct hash_job {
	uint64_t **out;
	const rl_doc *d;
	int err;
	char msg[256];
} hash_job;

static void *hash_run(void *arg)
{
	hash_job *j = arg;
	rl_buf tmp = RL_BUF_INIT, nfc = RL_BUF_INIT;

	if ((j->err = para_hashes(j->out, j->d, &tmp, &nfc)) < 0)
		snprintf(j->msg, sizeof(j->msg), "%s", rl_error_last());
	rl_buf_free(&tmp);
	rl_buf_free(&nfc);
	return NULL;
}

/* Hash both documents' paragraphs, the new one's on a thread of its own
 * when it has many (the results do not depend on it). */
static int both_hashes(work *w, const rl_doc *a, const rl_doc *b, rl_buf *tmp, rl_buf *nfc)
{
	hash_job j = {&w->hb, b, 0, ""};
	pthread_t tid;
	int started = b->n_paras >= PARALLEL_PARAS && pthread_create(&tid, NULL, hash_run, &j) == 0;
	int err = para_hashes(&w->ha, a, tmp, nfc);

	if (started)
		pthread_join(tid, NULL);
	else if (err == 0)
		hash_run(&j);
	if (err == 0 && j.err < 0)
		err = rl_error_set(j.err, "%s", j.msg);
	return err;
}

int rl_align_versions(rl_alinks *out, const rl_doc *a, const rl_doc *b, rl_edits *edits,
                      rl_worddiff_scratch *wd, const rl_align_hook *hook)
{
	work w;
	rl_buf tmp = RL_BUF_INIT, nfc = RL_BUF_INIT;
	size_t na = a->n_paras, nb = b->n_paras, mark, placed;
	int err;

	memset(&w, 0, sizeof(w));
	w.ua = rl_calloc(na + 1, 1);
	w.ub = rl_calloc(nb + 1, 1);
	if (!w.ua || !w.ub || (err = rl_lcs_new(&w.lcs)) < 0) {
		err = RL_ENOMEM;
		goto done;
	}
	if ((err = both_hashes(&w, a, b, &tmp, &nfc)) < 0)
		goto done;
	mark = out->n;
	if ((err = exact_pairs(&w, out, a, b)) < 0 || (err = gaps(&w, a, b, out)) < 0)
		goto done;
	placed = out->n;
	if ((err = in_place_pairs(&w, out, a, b, edits, wd)) < 0)
		goto done;
	if (hook && hook->in_place)
		hook->in_place(hook->arg, out, placed, out->n, edits);
	if ((err = similar_pairs(&w, out, a, b)) < 0)
		goto done;
	/* in order or moved (split and merged keep their kind) */
	if (!(w.in_order = rl_calloc(out->n - mark + 1, 1))) {
		err = RL_ENOMEM;
		goto done;
	}
	{
		/* no links at all for two empty documents: no pointer arithmetic on NULL */
		rl_alinks view = {out->v ? out->v + mark : NULL, out->n - mark, 0};
		if ((err = mark_in_order(&view, w.in_order, nb, a->paras)) < 0)
			goto done;
		for (size_t k = 0; k < view.n; k++) {
			rl_alink *l = &view.v[k];
			if (l->kind == RL_LINK_EQUAL || l->kind == RL_LINK_MOVED)
				l->kind = w.in_order[k] ? RL_LINK_EQUAL : RL_LINK_MOVED;
		}
	}
	for (size_t i = 0; i < na && !err; i++)
		if (w.ua[i])
			err = rl_alinks_push(out, RL_LINK_DELETED, (uint32_t)i, (uint32_t)i + 1, 0, 0, 0);
	for (size_t j = 0; j < nb && !err; j++)
		if (w.ub[j])
			err = rl_alinks_push(out, RL_LINK_INSERTED, 0, 0, (uint32_t)j, (uint32_t)j + 1, 0);
	if (!err && out->n - mark > 1)
		err = sort_by_old(out->v + mark, out->n - mark);
done:
	work_free(&w);
	rl_buf_free(&tmp);
	rl_buf_free(&nfc);
	return err;
}

double rl_align_coverage(const rl_alinks *l, const rl_doc *a, const rl_doc *b)
{
	size_t linked_a = 0, linked_b = 0, small;

	for (size_t k = 0; k < l->n; k++) {
		const rl_alink *x = &l->v[k];
		if (x->o1 > x->o0 && x->n1 > x->n0) {
			linked_a += x->o1 - x->o0;
			linked_b += x->n1 - x->n0;
		}
	}
	small = a->n_paras < b->n_paras ? a->n_paras : b->n_paras;
	if (!small)
		return a->n_paras == b->n_paras ? 1.0 : 0.0;
	linked_a = linked_a < linked_b ? linked_a : linked_b;
	return linked_a >= small ? 1.0 : (double)linked_a / (double)small;
}
