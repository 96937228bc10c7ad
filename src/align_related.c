/*
 * align_related — related-mode alignment: links between paragraphs of two
 * different documents, order-free and many-to-many, each scored by
 * similarity (similarity.c).
 *
 * Every sentence becomes a term vector and every paragraph the sum of its
 * sentences', weighted by rarity across both documents (or across a
 * corpus, when the caller passes document frequencies).  Candidates come
 * from an inverted index over the old paragraphs, queried with each new
 * paragraph and each of its sentences; a candidate pair scores the best of
 * paragraph against paragraph and each sentence against the other
 * paragraph, so one sentence of a long paragraph can carry the match; the
 * terms both documents hold have dense ids, so a pair is scored by looking
 * the old paragraph's terms up in a table of the new one's.  Pairs at or
 * above the threshold become links.  The new paragraphs are
 * shared out among a few threads; the index is read-only by then.
 *
 * The same vectors and pair score fill the OLD × NEW similarity grid of
 * the HTML report's heatmap (rl_align_grid()), for every pair of
 * paragraphs or for a sample spread over the cells.
 */
#include "align.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "lang.h"
#include "segment.h"
#include "similarity.h"

/* The calibrated default of --min-similarity. */
#define DEFAULT_MIN_SIMILARITY 0.40
#define MIN_WORDS 3         /* content words of a passage worth linking */
#define PARA_CANDIDATES 12  /* old paragraphs scored per new paragraph */
#define SENT_CANDIDATES 4   /* and per sentence of it */
#define MIN_POSTINGS 64     /* terms in more old paragraphs than this, */
#define MAX_DF_SHARE 0.05   /* and in more than this share, are not indexed */
#define MAX_THREADS 4
#define PARAS_PER_THREAD 500 /* fewer new paragraphs than this: one thread */
#define MAX_MERGED 64       /* sentences summed into a paragraph vector */
#define TF_TABLE 64         /* counts whose 1 + ln(count) is tabled */
#define ONE_NONE MAX_MERGED /* one[]: no sentence holds the term (a
                               paragraph of one sentence) */
#define ONE_MANY 255        /* one[]: several do: walk its list */

/* A term of a sentence: its term in the paragraph vector, and its count
 * until weighing, then its weight. */
typedef struct sterm {
	uint32_t pt;
	float w;
} sterm;

typedef struct unit {
	rl_vec v;
	uint32_t s0, n_sent; /* its sentences in the sentence array; 0: the
	                        paragraph is one sentence */
	sterm *st;           /* the terms of its sentences, one after the
	                        other: a sentence vector keeps only its counts
	                        and norms (and, to be queried, its word terms
	                        once weighed) */
	size_t m0;           /* its terms' sentence lists start at moff[m0] */
	int linkable;        /* not a heading, enough content words */
} unit;

/* A term's weight in one sentence of its paragraph. */
typedef struct memb {
	uint32_t sent;
	float w;
} memb;

/* One document's vectors, built by its own analyser into its own arena, so
 * the two sides can be built at the same time. */
typedef struct side {
	const rl_doc *d;
	const uint32_t *pick; /* the paragraphs of `d` it holds; NULL: all */
	size_t n;            /* units: paragraphs held */
	rl_sim *sim;
	rl_arena arena;
	rl_arena scratch;    /* one paragraph's sentence vectors while built */
	int query;           /* its sentences are queried: keep their words */
	rl_stats *df;        /* its paragraphs' document frequencies; once
	                        merged, the df field holds the term's id */
	rl_tokens tok;       /* one paragraph's */
	uint32_t *spans;     /* its sentences, [start, end) pairs */
	size_t spans_cap;
	uint32_t *at;        /* one paragraph's sentence terms: their
	                        paragraph terms */
	size_t at_cap;

	const rl_stats *st;  /* the rarity the weights come from; NULL: both
	                        documents' counts, this side's and other's */
	const rl_stats *other;
	int err;
	unit *para;
	rl_vec *sent;
	size_t n_sent, sent_cap;
	/* per paragraph term, the sentences that hold it: memb[moff[m] ..
	 * moff[m + 1]), so one pass over two paragraphs scores all their
	 * sentences too */
	uint32_t *moff;      /* (at most 2^32 - 1 members a side) */
	size_t moff_cap;
	/* per paragraph term, indexed as moff: the one sentence that holds
	 * it, or ONE_NONE or ONE_MANY.  A term that one sentence holds has
	 * the same count there as in the paragraph, and the same rarity, so
	 * weigh_part() and weigh_spart() give it the same weight in both */
	uint8_t *one;
	size_t one_cap;
	memb *memb;
	size_t memb_cap;
} side;

typedef struct work {
	side a, b;
	rl_sim_index *ix;
	rl_vec *old_vecs;    /* the old paragraphs' vectors, for the index */
	uint32_t n_ids;      /* terms both documents hold, ids 1..n_ids */
	double min_sim;
} work;

/* One thread's share: new paragraphs [j0, j1) and its own buffers. */
typedef struct job {
	const work *w;
	uint32_t j0, j1;
	rl_sim_cursor *cur;
	uint32_t *ids, *cand;
	uint32_t *seen;      /* per old paragraph: last new paragraph + 1 */
	uint32_t *at;        /* per term id: its index + 1 in the new paragraph
	                        being scored, 0 when it lacks the term; word
	                        terms, then n_ids + 1 entries on, n-grams */
	rl_alinks out;
	int err;
} job;

static void side_free(side *s)
{
	rl_sim_free(s->sim);
	rl_arena_free(&s->arena);
	rl_arena_free(&s->scratch);
	rl_stats_free(s->df);
	rl_tokens_free(&s->tok);
	free(s->spans);
	free(s->at);
	free(s->para);
	free(s->sent);
	free(s->moff);
	free(s->one);
	free(s->memb);
}

static void work_free(work *w)
{
	side_free(&w->a);
	side_free(&w->b);
	rl_sim_index_free(w->ix);
	free(w->old_vecs);
}

/* The language: the option, else detected from the old text, then the new
 * one; "none" when neither says. */
static const char *pick_lang(const char *lang, const rl_doc *a, const rl_doc *b)
{
	if (lang)
		return lang;
	if ((lang = rl_lang_detect(a->data, a->body, a->len)))
		return lang;
	if ((lang = rl_lang_detect(b->data, b->body, b->len)))
		return lang;
	return "none";
}

/* The vectors of unit ui (a paragraph) and its sentences: the paragraph
 * is tokenized once, its sentences found and analysed from those tokens. */
static int build_unit(side *s, size_t ui)
{
	const rl_doc *d = s->d;
	unit *u = &s->para[ui];
	size_t i = s->pick ? s->pick[ui] : ui;
	size_t n_spans = 0, t = 0;
	int err;

	s->tok.n = 0;
	if (rl_text_tokenize(&s->tok, d->data, d->paras[i].start, d->paras[i].end) < 0 ||
	    rl_segment_sentences(&s->spans, &n_spans, &s->spans_cap, d->data, &s->tok) < 0 ||
	    rl_grow(&s->sent, &s->sent_cap, s->n_sent + MAX_MERGED + 1, sizeof(rl_vec)) < 0)
		return RL_ENOMEM;
	u->s0 = (uint32_t)s->n_sent;
	u->n_sent = n_spans > 2 && n_spans <= 2 * MAX_MERGED ? (uint32_t)(n_spans / 2) : 0;
	for (uint32_t k = 0; k < u->n_sent; k++) {
		size_t t0;

		while (t < s->tok.n && s->tok.v[t].start < s->spans[2 * k])
			t++;
		for (t0 = t; t < s->tok.n && s->tok.v[t].end <= s->spans[2 * k + 1]; t++)
			;
		if ((err = rl_sim_vec_tokens(s->sim, &s->sent[s->n_sent++], &s->scratch, d->data,
		                             s->tok.v + t0, t - t0)) < 0)
			return err;
	}
	u->st = NULL;
	if (!u->n_sent) {
		err = rl_sim_vec_tokens(s->sim, &u->v, &s->arena, d->data, s->tok.v, s->tok.n);
	} else {
		/* the sum, and the paragraph term of every sentence term with its
		 * count: all that is kept of the sentences' vectors */
		size_t nq = 0;

		for (uint32_t k = 0; k < u->n_sent; k++)
			nq += (size_t)s->sent[u->s0 + k].n_words + s->sent[u->s0 + k].n_grams;
		if (rl_grow(&s->at, &s->at_cap, nq + 1, sizeof(uint32_t)) < 0 ||
		    !(u->st = rl_arena_alloc(&s->arena, (nq + 1) * sizeof(sterm))))
			return RL_ENOMEM;
		err = rl_vec_sum(&u->v, &s->arena, s->sent + u->s0, u->n_sent, s->at);
		nq = 0;
		for (uint32_t k = 0; k < u->n_sent && !err; k++) {
			rl_vec *q = &s->sent[u->s0 + k];

			for (size_t e = 0; e < (size_t)q->n_words + q->n_grams; e++, nq++) {
				u->st[nq].pt = s->at[nq];
				u->st[nq].w = q->v[e].w;
			}
			q->v = NULL;
		}
	}
	rl_arena_reset(&s->scratch);
	if (err < 0)
		return err;
	u->linkable = !(d->paras[i].flags & RL_PARA_HEADING) && u->v.n_content >= MIN_WORDS;
	return s->df ? rl_stats_add(s->df, &u->v) : 0;
}

/* Scratch of the weighing pass, per side: per paragraph term its rarity,
 * whether the other side has it and its index once the dead terms are
 * gone; per sentence term the paragraph term it is. */
typedef struct wscratch {
	double tf[TF_TABLE]; /* 1 + ln(count), as rl_term_weight() takes it */
	float *idf;
	int32_t *idx;
	uint32_t *id;
	uint32_t *pos;
	const rl_df_slot **slot;
	size_t idf_cap, idx_cap, id_cap, pos_cap, slot_cap;
	uint32_t n_st[MAX_MERGED]; /* per sentence its terms before weighing */
} wscratch;

/* Weigh the terms v[lo, hi), whose paragraph terms are pt[lo, hi) (NULL:
 * the terms are the paragraph's own), as rl_term_weight() does but with
 * 1 + ln(count) from a table for counts (whole numbers) below TF_TABLE, and
 * move the live ones, each key turned into its id, to v[*m ...], their
 * paragraph terms beside them; returns the Euclidean norm of all, dead ones
 * included, summed in the order rl_vec_set_norms() sums them. */
static float weigh_part(const wscratch *ws, rl_term *v, uint32_t *pt, size_t lo, size_t hi,
                        uint32_t *m)
{
	const float *idf = ws->idf;
	const int32_t *idx = ws->idx;
	const uint32_t *id = ws->id;
	double sq = 0;
	uint32_t n = *m;

	for (size_t e = lo; e < hi; e++) {
		size_t t = pt ? pt[e] : e;
		float c = v[e].w, w;

		w = c < TF_TABLE ? (float)(ws->tf[(uint32_t)c] * idf[t]) : rl_term_weight(c, idf[t]);
		sq += (double)w * w;
		if (idx[t] < 0)
			continue;
		if (pt)
			pt[n] = (uint32_t)t;
		v[n].key = id[t];
		v[n++].w = w;
	}
	*m = n;
	return (float)sqrt(sq);
}

/* weigh_part() for the terms of a sentence, st[lo, hi) with their counts
 * and paragraph terms: the same weights and norm, the live ones moved to
 * st[*m ...] with their weights, their paragraph terms also to pt[*m ...]. */
static float weigh_spart(const wscratch *ws, sterm *st, uint32_t *pt, size_t lo, size_t hi,
                         uint32_t *m)
{
	const float *idf = ws->idf;
	const int32_t *idx = ws->idx;
	double sq = 0;
	uint32_t n = *m;

	for (size_t e = lo; e < hi; e++) {
		size_t t = st[e].pt;
		float c = st[e].w, w;

		w = c < TF_TABLE ? (float)(ws->tf[(uint32_t)c] * idf[t]) : rl_term_weight(c, idf[t]);
		sq += (double)w * w;
		if (idx[t] < 0)
			continue;
		pt[n] = (uint32_t)t;
		st[n].pt = (uint32_t)t;
		st[n++].w = w;
	}
	*m = n;
	return (float)sqrt(sq);
}

/* Weigh sentence q, whose terms are st[] with their paragraph terms, as
 * weigh_vec() would its vector, the live ones' paragraph terms left in
 * pt[]; its word terms kept as a vector of ids in `arena` when it is to be
 * queried.  Fails with RL_ENOMEM. */
static int weigh_sent(const wscratch *ws, rl_vec *q, sterm *st, uint32_t *pt, rl_arena *arena,
                      int query)
{
	uint32_t m = 0, nw;

	q->norm_words = weigh_spart(ws, st, pt, 0, q->n_words, &m);
	nw = m;
	q->norm_grams = weigh_spart(ws, st, pt, q->n_words, (size_t)q->n_words + q->n_grams, &m);
	q->n_words = nw;
	q->n_grams = m - nw;
	q->v = NULL;
	if (!query || !nw)
		return 0;
	if (!(q->v = rl_arena_alloc(arena, nw * sizeof(rl_term))))
		return RL_ENOMEM;
	for (uint32_t e = 0; e < nw; e++) {
		q->v[e].key = ws->id[pt[e]];
		q->v[e].w = st[e].w;
	}
	return 0;
}

/* Weigh the vector v, whose terms are paragraph terms pt[] (NULL: its
 * own), drop its dead terms and turn the keys of the others into ids. */
static void weigh_vec(const wscratch *ws, rl_vec *v, uint32_t *pt)
{
	uint32_t m = 0, nw;

	v->norm_words = weigh_part(ws, v->v, pt, 0, v->n_words, &m);
	nw = m;
	v->norm_grams = weigh_part(ws, v->v, pt, v->n_words, (size_t)v->n_words + v->n_grams, &m);
	v->n_words = nw;
	v->n_grams = m - nw;
}

/* Weigh paragraph u and its sentences, drop the terms the other document
 * lacks, turn the keys of the others into their ids, and append the
 * sentence lists of its terms to the side's.  One rarity look-up per
 * paragraph term; each sentence term knows its paragraph term (build_unit).
 * Dead terms are dropped after the norms are taken: they add to no dot
 * product across the documents, so the scores stay the same while every
 * later walk gets shorter. */
static int weigh_unit(side *s, unit *u, wscratch *ws, size_t *n_moff, size_t *n_memb)
{
	size_t nt = (size_t)u->v.n_words + u->v.n_grams, np = 0, live = 0;

	if (rl_grow(&ws->idf, &ws->idf_cap, nt + 1, sizeof(float)) < 0 ||
	    rl_grow(&ws->idx, &ws->idx_cap, nt + 1, sizeof(int32_t)) < 0 ||
	    rl_grow(&ws->id, &ws->id_cap, nt + 1, sizeof(uint32_t)) < 0 ||
	    rl_grow(&ws->slot, &ws->slot_cap, nt + 1, sizeof(*ws->slot)) < 0)
		return RL_ENOMEM;
	/* every paragraph term is in the side's table, its rarity cached and
	 * its id set (assign_ids); a rarity is positive, negated when the
	 * other side lacks the term, so never -0 and fabsf() undoes that */
	rl_stats_find_terms(s->df, u->v.v, nt, ws->slot);
	for (size_t t = 0; t < nt; t++) {
		const rl_df_slot *d = ws->slot[t];
		float f = d ? d->idf : 0;

		ws->idf[t] = fabsf(f);
		ws->id[t] = d && f > 0 ? d->df : 0;
		ws->idx[t] = ws->id[t] ? (int32_t)live++ : -1;
	}
	for (uint32_t k = 0; k < u->n_sent; k++)
		np += (size_t)s->sent[u->s0 + k].n_words + s->sent[u->s0 + k].n_grams;
	if (rl_grow(&ws->pos, &ws->pos_cap, np + 1, sizeof(uint32_t)) < 0)
		return RL_ENOMEM;
	np = 0;
	for (uint32_t k = 0, so = 0; k < u->n_sent; k++) {
		rl_vec *q = &s->sent[u->s0 + k];
		size_t nq = (size_t)q->n_words + q->n_grams;
		uint32_t *pos = ws->pos + np;
		int err;

		ws->n_st[k] = (uint32_t)nq;
		if ((err = weigh_sent(ws, q, u->st + so, pos, &s->arena, s->query)) < 0)
			return err;
		np += (size_t)q->n_words + q->n_grams;
		so += (uint32_t)nq;
	}
	weigh_vec(ws, &u->v, NULL);
	/* the sentence lists (room made by weigh_side): counts, starts, then
	 * the members in place */
	u->m0 = *n_moff;
	uint32_t *mo = s->moff + u->m0;
	uint8_t *one = s->one + u->m0;
	memset(mo, 0, (live + 1) * sizeof(uint32_t));
	for (size_t e = 0; e < np; e++)
		mo[ws->idx[ws->pos[e]] + 1]++;
	mo[0] = (uint32_t)*n_memb;
	for (size_t t = 1; t <= live; t++)
		mo[t] += mo[t - 1];
	np = 0;
	memset(one, ONE_NONE, live);
	for (uint32_t k = 0, so = 0; k < u->n_sent; k++) {
		const rl_vec *q = &s->sent[u->s0 + k];
		size_t nq = (size_t)q->n_words + q->n_grams;
		/* in locals: a store to one[] (bytes) may alias anything */
		const int32_t *idx = ws->idx;
		const uint32_t *pos = ws->pos + np;
		const sterm *st = u->st + so;
		memb *mb = s->memb;

		for (size_t e = 0; e < nq; e++) {
			int32_t t = idx[pos[e]];
			memb *m = &mb[mo[t]++];

			m->sent = k;
			m->w = st[e].w;
			one[t] = one[t] == ONE_NONE ? (uint8_t)k : ONE_MANY;
		}
		np += nq;
		so += ws->n_st[k];
	}
	/* the fill moved every start to the next one's: shift back */
	memmove(mo + 1, mo, live * sizeof(uint32_t));
	mo[0] = (uint32_t)*n_memb;
	*n_memb += np;
	*n_moff += live + 1;
	return 0;
}

/* Phase one of a side, run in a thread of its own: vectors, their
 * document frequencies, and the sentence lists. */
static void *build_side(void *arg)
{
	side *s = arg;

	if (!(s->para = rl_calloc(s->n + 1, sizeof(unit)))) {
		s->err = RL_ENOMEM;
		return NULL;
	}
	for (size_t i = 0; i < s->n && !s->err; i++)
		s->err = build_unit(s, i);
	return NULL;
}

/* Phase two, once the document frequencies are known: rarity per
 * distinct term, then every paragraph weighed in turn. */
static void weigh_side(side *s)
{
	wscratch ws = {0};
	size_t n_moff = 0, n_memb = 0;

	ws.tf[0] = 0;
	for (size_t c = 1; c < TF_TABLE; c++)
		ws.tf[c] = c == 1 ? 1.0 : 1.0 + log((double)c);
	/* room for every paragraph's starts and every sentence term at once:
	 * grown piece by piece, the lists were copied at every doubling */
	for (size_t i = 0; i < s->n; i++)
		n_moff += (size_t)s->para[i].v.n_words + s->para[i].v.n_grams + 1;
	for (size_t k = 0; k < s->n_sent; k++)
		n_memb += (size_t)s->sent[k].n_words + s->sent[k].n_grams;
	if (n_memb >= UINT32_MAX)
		s->err = rl_error_set(RL_ENOMEM, "out of memory (too many terms)");
	else if (rl_grow(&s->moff, &s->moff_cap, n_moff + 2, sizeof(uint32_t)) < 0 ||
	         rl_grow(&s->one, &s->one_cap, n_moff + 2, 1) < 0 ||
	         rl_grow(&s->memb, &s->memb_cap, n_memb + 1, sizeof(memb)) < 0)
		s->err = RL_ENOMEM;
	n_moff = n_memb = 0;
	for (size_t i = 0; i < s->n && !s->err; i++)
		s->err = weigh_unit(s, &s->para[i], &ws, &n_moff, &n_memb);
	free(ws.idf);
	free(ws.idx);
	free(ws.id);
	free(ws.pos);
	free(ws.slot);
}

/* The rarity of every term of the side, cached in its table (before
 * assign_ids() spends the counts). */
static void *rarity_thread(void *arg)
{
	side *s = arg;

	if (s->st)
		rl_stats_cache_idf(s->df, s->st, NULL);
	else
		rl_stats_cache_idf_pair(s->df, s->other);
	return NULL;
}

static void *weigh_thread(void *arg)
{
	weigh_side(arg);
	return NULL;
}

/* Run f on both sides: the new side in a thread, the old one here (both
 * here if no thread can be had). */
static void both_sides(void *(*f)(void *), work *w)
{
	pthread_t t;
	int started = w->b.n >= PARAS_PER_THREAD &&
	              pthread_create(&t, NULL, f, &w->b) == 0;

	f(&w->a);
	if (started)
		pthread_join(t, NULL);
	else
		f(&w->b);
}

/* Dense ids for the terms both documents hold, 1 .. n_ids, kept in the df
 * field of both sides' tables (their own counts are spent once merged into
 * the rarity table); 0 for a term the other document lacks, which cannot
 * match.  Weighing turns every live term's key into its id, so that a
 * paragraph pair is scored by look-ups in a table indexed by id. */
static void assign_ids(work *w)
{
	rl_stats *a = w->a.df, *b = w->b.df;
	uint32_t n = 0;

	for (size_t i = 0; b->mask && i <= b->mask; i++)
		b->slots[i].df = 0;
	for (size_t i = 0; a->mask && i <= a->mask; i++) {
		rl_df_slot *d = &a->slots[i];
		rl_df_slot *e = d->key ? (rl_df_slot *)rl_stats_find(b, d->key) : NULL;

		d->df = e ? (e->df = ++n) : 0;
	}
	w->n_ids = n;
}

/* Dot products of one part (words or grams) of old paragraph x, its terms
 * [lo, hi), with the new paragraph y whose terms of the same part `at`
 * locates, and of each paragraph with each sentence of the other.  x is
 * walked in its order, which is the order of the term keys, so every sum
 * adds the same products in the same order as a merge of the two sorted
 * vectors would.  A term that one sentence holds (xo, yo) has the same
 * weight there as in its paragraph: the pair's product goes to that
 * sentence's sum without a walk of its list (to a slot never read,
 * s[MAX_MERGED], when the paragraph is one sentence). */
static void scatter_dots(const rl_term *x, size_t lo, size_t hi, const uint32_t *xm,
                         const uint8_t *xo, const memb *xmb, const rl_term *y,
                         const uint32_t *ym, const uint8_t *yo, const memb *ymb,
                         const uint32_t *at, double *p, double *s, double *t)
{
	const rl_term *e = x + lo, *end = x + hi;

	for (;; e++) {
		size_t i, j = 0;
		double d;

		/* most terms miss: a loop of their own */
		while (e < end && !(j = at[e->key]))
			e++;
		if (e == end)
			break;
		i = (size_t)(e - x);
		j--;
		d = (double)x[i].w * y[j].w;
		*p += d;
		if (yo[j] != ONE_MANY)
			s[yo[j]] += d;
		else
			for (size_t m = ym[j]; m < ym[j + 1]; m++)
				s[ymb[m].sent] += (double)x[i].w * ymb[m].w;
		if (xo[i] != ONE_MANY)
			t[xo[i]] += d;
		else
			for (size_t m = xm[i]; m < xm[i + 1]; m++)
				t[xmb[m].sent] += (double)xmb[m].w * y[j].w;
	}
}

/* The similarity of old paragraph i and new paragraph j (whose terms `at`
 * locates): the best of the two paragraphs, each new sentence against the
 * old paragraph and each old sentence against the new paragraph, so that
 * one sentence restating a passage is not drowned by the rest of its
 * paragraph.  Sentences of fewer than MIN_WORDS content words do not take
 * part. */
static double pair_score(const work *w, const uint32_t *at, uint32_t i, uint32_t j)
{
	const unit *x = &w->a.para[i], *y = &w->b.para[j];
	const uint32_t *xm = w->a.moff + x->m0, *ym = w->b.moff + y->m0;
	const uint8_t *xo = w->a.one + x->m0, *yo = w->b.one + y->m0;
	size_t nxw = x->v.n_words;
	double pw = 0, pg = 0, sw[MAX_MERGED + 1], sg[MAX_MERGED + 1], tw[MAX_MERGED + 1],
	       tg[MAX_MERGED + 1], best;

	/* only the sentences there are, and the slot of ONE_NONE */
	memset(sw, 0, y->n_sent * sizeof(double));
	memset(sg, 0, y->n_sent * sizeof(double));
	memset(tw, 0, x->n_sent * sizeof(double));
	memset(tg, 0, x->n_sent * sizeof(double));
	sw[ONE_NONE] = sg[ONE_NONE] = tw[ONE_NONE] = tg[ONE_NONE] = 0;

	scatter_dots(x->v.v, 0, nxw, xm, xo, w->a.memb, y->v.v, ym, yo, w->b.memb, at, &pw, sw, tw);
	scatter_dots(x->v.v, nxw, nxw + x->v.n_grams, xm, xo, w->a.memb, y->v.v, ym, yo,
	             w->b.memb, at + w->n_ids + 1, &pg, sg, tg);
	best = rl_vec_score_dots(pw, pg, &x->v, &y->v);
	for (uint32_t k = 0; k < y->n_sent; k++) {
		const rl_vec *q = &w->b.sent[y->s0 + k];
		double v = q->n_content >= MIN_WORDS ? rl_vec_score_dots(sw[k], sg[k], &x->v, q) : 0;
		best = v > best ? v : best;
	}
	for (uint32_t k = 0; k < x->n_sent; k++) {
		const rl_vec *q = &w->a.sent[x->s0 + k];
		double v = q->n_content >= MIN_WORDS ? rl_vec_score_dots(tw[k], tg[k], q, &y->v) : 0;
		best = v > best ? v : best;
	}
	return best;
}

/* Candidates of new paragraph j: the index queried with the paragraph and
 * with each of its sentences, each old paragraph once. */
static size_t candidates(job *jb, uint32_t j)
{
	const unit *y = &jb->w->b.para[j];
	size_t n = 0;

	for (uint32_t k = 0; k <= y->n_sent; k++) {
		const rl_vec *q = k == 0 ? &y->v : &jb->w->b.sent[y->s0 + k - 1];
		size_t m = rl_sim_index_query(jb->cur, q, jb->ids,
		                              k == 0 ? PARA_CANDIDATES : SENT_CANDIDATES);

		for (size_t c = 0; c < m; c++) {
			uint32_t i = jb->ids[c];
			if (jb->seen[i] == j + 1)
				continue;
			jb->seen[i] = j + 1;
			jb->cand[n++] = i;
		}
	}
	return n;
}

/* Place new paragraph j's terms in `at` (their positions + 1, by id), or
 * clear them again, for pair_score(). */
static void place_new(const work *w, uint32_t *at, uint32_t j, int on)
{
	const rl_vec *y = &w->b.para[j].v;
	const rl_term *v = y->v;
	uint32_t nw = y->n_words, ny = nw + y->n_grams;
	uint32_t *atg = at + w->n_ids + 1; /* the n-grams' table */

	/* bounds in locals: a store through `at` could alias the vector's
	 * uint32_t fields */
	for (uint32_t t = 0; t < nw; t++)
		at[v[t].key] = on ? t + 1 : 0;
	for (uint32_t t = nw; t < ny; t++)
		atg[v[t].key] = on ? t + 1 : 0;
}

/* The paragraph that old paragraph i introduces when it is a section
 * heading of MIN_WORDS content words or more: the first linkable paragraph
 * after it; w->a.n when i is none.  The heading that opens the document
 * names the whole document, not a section. */
static uint32_t introduced(const work *w, uint32_t i)
{
	const side *a = &w->a;

	if (i == 0 || !(a->d->paras[i].flags & RL_PARA_HEADING) ||
	    a->para[i].v.n_content < MIN_WORDS)
		return (uint32_t)a->n;
	for (uint32_t k = i + 1; k < a->n; k++)
		if (a->para[k].linkable)
			return k;
	return (uint32_t)a->n;
}

/* Record link old i -> new j with similarity s among the links of j,
 * out->v[mark ..]: a pair already there keeps the higher similarity. */
static int link_once(rl_alinks *out, size_t mark, uint32_t i, uint32_t j, double s)
{
	for (size_t k = mark; k < out->n; k++)
		if (out->v[k].o0 == i) {
			if (s > out->v[k].similarity)
				out->v[k].similarity = s;
			return 0;
		}
	return rl_alinks_push(out, RL_LINK_RELATED, i, i + 1, j, j + 1, s);
}

static void *run_job(void *arg)
{
	job *jb = arg;
	const work *w = jb->w;

	for (uint32_t j = jb->j0; j < jb->j1 && !jb->err; j++) {
		size_t n, mark;

		if (!w->b.para[j].linkable)
			continue;
		n = candidates(jb, j);
		place_new(w, jb->at, j, 1);
		mark = jb->out.n;
		for (size_t c = 0; c < n && !jb->err; c++) {
			uint32_t i = jb->cand[c], k = i;
			double s;

			/* a section heading stands for the paragraph it introduces */
			if (!w->a.para[i].linkable && (k = introduced(w, i)) == w->a.n)
				continue;
			s = pair_score(w, jb->at, i, j);
			if (s >= w->min_sim)
				jb->err = link_once(&jb->out, mark, k, j, s);
		}
		place_new(w, jb->at, j, 0);
	}
	return NULL;
}

static int job_init(job *jb, const work *w, uint32_t j0, uint32_t j1)
{
	size_t max_sent = 0;

	memset(jb, 0, sizeof(*jb));
	jb->w = w;
	jb->j0 = j0;
	jb->j1 = j1;
	for (uint32_t j = j0; j < j1; j++)
		if (w->b.para[j].n_sent > max_sent)
			max_sent = w->b.para[j].n_sent;
	if (rl_sim_cursor_new(&jb->cur, w->ix) < 0 ||
	    !(jb->ids = rl_calloc(PARA_CANDIDATES + 1, sizeof(uint32_t))) ||
	    !(jb->cand = rl_calloc(PARA_CANDIDATES + SENT_CANDIDATES * max_sent + 1,
	                           sizeof(uint32_t))) ||
	    !(jb->seen = rl_calloc(w->a.d->n_paras + 1, sizeof(uint32_t))) ||
	    !(jb->at = rl_calloc(2 * ((size_t)w->n_ids + 1), sizeof(uint32_t))))
		return RL_ENOMEM;
	return 0;
}

static void job_free(job *jb)
{
	rl_sim_cursor_free(jb->cur);
	free(jb->ids);
	free(jb->cand);
	free(jb->seen);
	free(jb->at);
	rl_alinks_free(&jb->out);
}

static size_t thread_count(size_t n_new)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t t = n_new / PARAS_PER_THREAD;

	if (cpus > 0 && t > (size_t)cpus)
		t = (size_t)cpus;
	return t < 1 ? 1 : t > MAX_THREADS ? MAX_THREADS : t;
}

/* Score every new paragraph's candidates, in a few threads, and append
 * the links in order of the new paragraphs. */
static int score_all(rl_alinks *out, const work *w)
{
	job jobs[MAX_THREADS];
	pthread_t tid[MAX_THREADS];
	uint8_t started[MAX_THREADS] = {0};
	size_t nb = w->b.d->n_paras, nt = thread_count(nb);
	int err = 0;

	for (size_t t = 0; t < nt; t++)
		if (job_init(&jobs[t], w, (uint32_t)(nb * t / nt), (uint32_t)(nb * (t + 1) / nt)) < 0)
			err = RL_ENOMEM;
	for (size_t t = 1; t < nt && !err; t++)
		started[t] = pthread_create(&tid[t], NULL, run_job, &jobs[t]) == 0;
	if (!err)
		run_job(&jobs[0]); /* the calling thread takes the first share */
	for (size_t t = 1; t < nt; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else if (!err)
			run_job(&jobs[t]); /* no thread: do it here */
	}
	for (size_t t = 0; t < nt; t++) {
		rl_alinks *l = &jobs[t].out;
		if (!err && jobs[t].err)
			err = jobs[t].err;
		for (size_t k = 0; k < l->n && !err; k++)
			err = rl_alinks_push(out, RL_LINK_RELATED, l->v[k].o0, l->v[k].o1, l->v[k].n0,
			                     l->v[k].n1, l->v[k].similarity);
		job_free(&jobs[t]);
	}
	return err;
}

/* Links by new paragraph, best first, then by old paragraph. */
static int cmp_by_new_then_score(const void *x, const void *y)
{
	const rl_alink *a = x, *b = y;

	if (a->n0 != b->n0)
		return a->n0 < b->n0 ? -1 : 1;
	if (a->similarity != b->similarity)
		return a->similarity > b->similarity ? -1 : 1;
	return (a->o0 > b->o0) - (a->o0 < b->o0);
}

/* Vectors and weights of the units of both sides (w->a, w->b: document,
 * picks and count set). */
static int prepare_vectors(work *w, const rl_options *opts)
{
	const char *lang = pick_lang(opts ? opts->lang : NULL, w->a.d, w->b.d);
	const rl_stats *given = opts ? opts->stats : NULL;
	int err;

	if ((err = rl_sim_new(&w->a.sim, lang)) < 0 || (err = rl_sim_new(&w->b.sim, lang)) < 0)
		return err;
	if ((err = rl_stats_new(&w->a.df)) < 0 || (err = rl_stats_new(&w->b.df)) < 0)
		return err;
	both_sides(build_side, w);
	if ((err = w->a.err) < 0 || (err = w->b.err) < 0)
		return err;
	/* rarity across both documents, unless the caller has its own: the
	 * two tables' counts summed per term, as their merge would hold them */
	w->a.st = w->b.st = given;
	w->a.other = w->b.df;
	w->b.other = w->a.df;
	w->b.query = 1;
	both_sides(rarity_thread, w);
	assign_ids(w);
	both_sides(weigh_thread, w);
	if ((err = w->a.err) < 0 || (err = w->b.err) < 0)
		return err;
	return 0;
}

/* Vectors, weights and the index over the old paragraphs. */
static int prepare(work *w, const rl_doc *a, const rl_doc *b, const rl_options *opts)
{
	size_t max_df;
	int err;

	w->a.d = a;
	w->b.d = b;
	w->a.n = a->n_paras;
	w->b.n = b->n_paras;
	if ((err = prepare_vectors(w, opts)) < 0)
		return err;
	if (!(w->old_vecs = rl_calloc(a->n_paras + 1, sizeof(rl_vec))))
		return RL_ENOMEM;
	for (size_t i = 0; i < a->n_paras; i++)
		w->old_vecs[i] = w->a.para[i].v;
	max_df = (size_t)(MAX_DF_SHARE * (double)a->n_paras);
	if (max_df < MIN_POSTINGS)
		max_df = MIN_POSTINGS;
	return rl_sim_index_new(&w->ix, w->old_vecs, a->n_paras, max_df);
}

int rl_align_related(rl_alinks *out, const rl_doc *a, const rl_doc *b, const rl_options *opts)
{
	work w;
	size_t mark = out->n;
	int err;

	memset(&w, 0, sizeof(w));
	w.min_sim = opts && opts->min_similarity >= 0 ? opts->min_similarity
	                                              : DEFAULT_MIN_SIMILARITY;
	if ((err = prepare(&w, a, b, opts)) == 0 && (err = score_all(out, &w)) == 0 &&
	    out->n > mark)
		qsort(out->v + mark, out->n - mark, sizeof(rl_alink), cmp_by_new_then_score);
	work_free(&w);
	return err;
}

/* ---- the similarity grid of a report's heatmap ---------------------------- */

/* How many of n paragraphs in `bins` bins a sample of `per` a bin takes. */
static size_t sample_size(size_t n, size_t bins, size_t per)
{
	size_t m = 0;

	for (size_t i = 0; i < bins; i++) {
		size_t first = (i * n + bins - 1) / bins, end = ((i + 1) * n + bins - 1) / bins;
		m += end - first < per ? end - first : per;
	}
	return m;
}

/* Up to `per` paragraphs of each bin, spread evenly over it, in order. */
static void sample(uint32_t *out, size_t n, size_t bins, size_t per)
{
	size_t m = 0;

	for (size_t i = 0; i < bins; i++) {
		size_t first = (i * n + bins - 1) / bins, k = ((i + 1) * n + bins - 1) / bins - first;

		if (k <= per)
			for (size_t j = 0; j < k; j++)
				out[m++] = (uint32_t)(first + j);
		else
			for (size_t j = 0; j < per; j++)
				out[m++] = (uint32_t)(first + (2 * j + 1) * k / (2 * per));
	}
}

void rl_align_grid_size(size_t n_old, size_t n_new, size_t *rows, size_t *cols)
{
	size_t max = n_old && n_new && n_old * n_new > RL_GRID_EXACT ? RL_GRID_SAMPLED_BINS
	                                                             : RL_GRID_BINS;

	*rows = n_new ? (n_old < max ? n_old : max) : 0;
	*cols = n_old ? (n_new < max ? n_new : max) : 0;
}

int rl_align_grid(float *grid, size_t rows, size_t cols, const rl_doc *a, const rl_doc *b,
                  const rl_options *opts)
{
	size_t n_old = a->n_paras, n_new = b->n_paras, per_a = 1, per_b = 1, ma, mb;
	uint32_t *pa = NULL, *pb = NULL, *at = NULL;
	work w;
	int err;

	for (size_t i = 0; i < rows * cols; i++)
		grid[i] = -1;
	if (!n_old || !n_new || !rows || !cols)
		return 0;
	if (rows > n_old || cols > n_new)
		return rl_error_set(RL_EINVALID, "more bins than paragraphs");
	/* as many paragraphs a bin as the budget allows, the smaller sample
	 * grown first; all of them when every pair fits */
	ma = sample_size(n_old, rows, per_a);
	mb = sample_size(n_new, cols, per_b);
	if (n_old * n_new <= RL_GRID_EXACT) {
		per_a = n_old;
		per_b = n_new;
		ma = n_old;
		mb = n_new;
	}
	for (;;) {
		int grow_a = ma < n_old && (ma <= mb || mb == n_new);
		size_t m;

		if (ma == n_old && mb == n_new)
			break;
		m = grow_a ? sample_size(n_old, rows, per_a + 1) : sample_size(n_new, cols, per_b + 1);
		if ((grow_a ? m * mb : ma * m) > RL_GRID_PAIRS)
			break;
		if (grow_a) {
			per_a++;
			ma = m;
		} else {
			per_b++;
			mb = m;
		}
	}
	memset(&w, 0, sizeof(w));
	if (!(pa = rl_calloc(ma + 1, sizeof(uint32_t))) || !(pb = rl_calloc(mb + 1, sizeof(uint32_t)))) {
		err = RL_ENOMEM;
		goto done;
	}
	sample(pa, n_old, rows, per_a);
	sample(pb, n_new, cols, per_b);
	w.a.d = a;
	w.b.d = b;
	w.a.pick = pa;
	w.b.pick = pb;
	w.a.n = ma;
	w.b.n = mb;
	if ((err = prepare_vectors(&w, opts)) < 0)
		goto done;
	if (!(at = rl_calloc(2 * ((size_t)w.n_ids + 1), sizeof(uint32_t)))) {
		err = RL_ENOMEM;
		goto done;
	}
	for (size_t j = 0; j < mb; j++) {
		size_t col = (size_t)pb[j] * cols / n_new;

		place_new(&w, at, (uint32_t)j, 1);
		for (size_t i = 0; i < ma; i++) {
			float *cell = grid + (size_t)pa[i] * rows / n_old * cols + col;
			float v = (float)pair_score(&w, at, (uint32_t)i, (uint32_t)j);

			if (v > *cell)
				*cell = v;
		}
		place_new(&w, at, (uint32_t)j, 0);
	}
done:
	work_free(&w);
	free(at);
	free(pa);
	free(pb);
	return err;
}

/* ---- one paragraph against many documents ----------------------------------- */

/* The old document analysed once: its side as build_side() left it (raw
 * counts), with every term copied into one block so that a searcher can
 * take a fresh copy to weigh against each new document. */
struct rl_related_from {
	side a;              /* analysed; its vectors point into `terms`, its
	                        sentences' terms into `st` */
	rl_term *terms;
	size_t n_terms;
	sterm *st;
	size_t n_st;
	const char *lang;
	const rl_stats *given;
	size_t para;
	double min_sim;
};

/* One searcher's working memory, kept from one new document to the next:
 * the old side's copy, the new side, and the analyser of the new side
 * (its word cache grows with the vocabulary searched). */
struct rl_related_scratch {
	work w;
	rl_term *terms;      /* the old side's terms, copied */
	size_t terms_cap;
	sterm *st;           /* and its sentences' */
	size_t st_cap;
	size_t sent_cap;
};

static void side_reset(side *s)
{
	free(s->para);
	s->para = NULL;
	s->n_sent = 0;
	s->err = 0;
	rl_arena_free(&s->arena);
}

/* Copy the terms of `n` vectors into `dst` from `at` on, pointing the
 * vectors there; returns the new end. */
static size_t pack_terms(rl_term *dst, size_t at, rl_vec *v, size_t n, int point)
{
	for (size_t k = 0; k < n; k++) {
		size_t nt = (size_t)v[k].n_words + v[k].n_grams;

		if (dst)
			memcpy(dst + at, v[k].v, nt * sizeof(rl_term));
		if (point)
			v[k].v = dst + at;
		at += nt;
	}
	return at;
}

int rl_related_from_new(rl_related_from **out, const rl_doc *a, size_t para,
                        const rl_options *opts)
{
	rl_related_from *f;
	const char *lang = opts ? opts->lang : NULL;
	size_t n;
	int err;

	*out = NULL;
	if (!lang && !(lang = rl_lang_detect(a->data, a->body, a->len)))
		return 0; /* the new document would choose the language */
	if (!(f = rl_calloc(1, sizeof(*f))))
		return RL_ENOMEM;
	f->lang = lang;
	f->given = opts ? opts->stats : NULL;
	f->para = para;
	f->min_sim = opts && opts->min_similarity >= 0 ? opts->min_similarity
	                                               : DEFAULT_MIN_SIMILARITY;
	f->a.d = a;
	f->a.n = a->n_paras;
	if ((err = rl_sim_new(&f->a.sim, lang)) < 0 || (err = rl_stats_new(&f->a.df)) < 0)
		goto fail;
	build_side(&f->a);
	if ((err = f->a.err) < 0)
		goto fail;
	/* one block for all the terms, paragraphs first */
	{
		rl_vec *pv = rl_calloc(a->n_paras + 1, sizeof(rl_vec));

		if (!pv) {
			err = RL_ENOMEM;
			goto fail;
		}
		for (size_t i = 0; i < a->n_paras; i++)
			pv[i] = f->a.para[i].v;
		n = pack_terms(NULL, 0, pv, a->n_paras, 0);
		for (size_t k = 0; k < f->a.n_sent; k++)
			f->n_st += (size_t)f->a.sent[k].n_words + f->a.sent[k].n_grams;
		if (!(f->terms = rl_calloc(n + 1, sizeof(rl_term))) ||
		    !(f->st = rl_calloc(f->n_st + 1, sizeof(sterm)))) {
			free(pv);
			err = RL_ENOMEM;
			goto fail;
		}
		f->n_terms = pack_terms(f->terms, 0, pv, a->n_paras, 1);
		for (size_t i = 0; i < a->n_paras; i++)
			f->a.para[i].v = pv[i];
		free(pv);
		/* the sentences' terms, paragraph by paragraph */
		n = 0;
		for (size_t i = 0; i < a->n_paras; i++) {
			unit *u = &f->a.para[i];
			size_t nq = 0;

			for (uint32_t k = 0; k < u->n_sent; k++)
				nq += (size_t)f->a.sent[u->s0 + k].n_words + f->a.sent[u->s0 + k].n_grams;
			if (u->st)
				memcpy(f->st + n, u->st, nq * sizeof(sterm));
			u->st = u->st ? f->st + n : NULL;
			n += nq;
		}
	}
	rl_arena_free(&f->a.arena);
	*out = f;
	return 1;
fail:
	rl_related_from_free(f);
	return err;
}

void rl_related_from_free(rl_related_from *f)
{
	if (!f)
		return;
	side_free(&f->a);
	free(f->terms);
	free(f->st);
	free(f);
}

void rl_related_scratch_free(rl_related_scratch *s)
{
	if (!s)
		return;
	work_free(&s->w);
	free(s->terms);
	free(s->st);
	free(s);
}

/* Analysers cache every distinct word they meet (about 100 bytes each
 * with its n-grams): start afresh past this many, so that a search
 * through a large corpus stays bounded (~25 MB a thread). */
#define MAX_CACHED_WORDS (1u << 18)

static int scratch_new(rl_related_scratch **out, const rl_related_from *f)
{
	rl_related_scratch *s = rl_calloc(1, sizeof(*s));
	int err;

	if (!s)
		return RL_ENOMEM;
	if ((err = rl_sim_new(&s->w.b.sim, f->lang)) < 0 || (err = rl_stats_new(&s->w.a.df)) < 0 ||
	    (err = rl_stats_new(&s->w.b.df)) < 0) {
		rl_related_scratch_free(s);
		return err;
	}
	*out = s;
	return 0;
}

/* The old side as analysed, copied for weighing against one new document. */
static int copy_old_side(rl_related_scratch *s, const rl_related_from *f)
{
	const side *from = &f->a;
	side *to = &s->w.a;
	size_t np = from->d->n_paras;

	to->d = from->d;
	to->n = from->n;
	to->err = 0;
	free(to->para);
	if (!(to->para = rl_calloc(np + 1, sizeof(unit))) ||
	    rl_grow(&s->terms, &s->terms_cap, f->n_terms + 1, sizeof(rl_term)) < 0 ||
	    rl_grow(&s->st, &s->st_cap, f->n_st + 1, sizeof(sterm)) < 0 ||
	    rl_grow(&to->sent, &to->sent_cap, from->n_sent + 1, sizeof(rl_vec)) < 0)
		return RL_ENOMEM;
	memcpy(s->terms, f->terms, f->n_terms * sizeof(rl_term));
	memcpy(s->st, f->st, f->n_st * sizeof(sterm));
	memcpy(to->para, from->para, np * sizeof(unit));
	memcpy(to->sent, from->sent, from->n_sent * sizeof(rl_vec));
	to->n_sent = from->n_sent;
	for (size_t i = 0; i < np; i++) {
		to->para[i].v.v = s->terms + (from->para[i].v.v - f->terms);
		if (from->para[i].st)
			to->para[i].st = s->st + (from->para[i].st - f->st);
	}
	return rl_stats_copy(to->df, from->df);
}

int rl_related_from_best(const rl_related_from *f, rl_related_scratch **scratch,
                         const rl_doc *b, int *found, size_t *para, double *similarity)
{
	rl_related_scratch *s = *scratch;
	work *w;
	job jb;
	size_t max_df, np = f->a.d->n_paras;
	uint32_t head;
	double best = 0;
	int err;

	*found = 0;
	if (f->para >= np || !f->a.para[f->para].linkable)
		return 0; /* related mode links nothing from it */
	if (!s) {
		if ((err = scratch_new(&s, f)) < 0)
			return err;
		*scratch = s;
	}
	w = &s->w;
	/* the new side, analysed as rl_align_related() does */
	side_reset(&w->b);
	w->b.d = b;
	w->b.n = b->n_paras;
	w->b.query = 1;
	rl_stats_reset(w->b.df);
	build_side(&w->b);
	if ((err = w->b.err) < 0 || (err = copy_old_side(s, f)) < 0)
		return err;
	/* rarity: the given table, or both documents' counts (a term the
	 * other side lacks gets a negative rarity, and no id) */
	if (f->given) {
		rl_stats_cache_idf(w->a.df, f->given, w->b.df);
		rl_stats_cache_idf(w->b.df, f->given, w->a.df);
	} else {
		rl_stats_cache_idf_pair(w->a.df, w->b.df);
		rl_stats_cache_idf_pair(w->b.df, w->a.df);
	}
	assign_ids(w);
	weigh_side(&w->a);
	weigh_side(&w->b);
	if ((err = w->a.err) < 0 || (err = w->b.err) < 0)
		return err;
	/* the index over the old paragraphs, for the same candidates */
	free(w->old_vecs);
	rl_sim_index_free(w->ix);
	w->ix = NULL;
	if (!(w->old_vecs = rl_calloc(np + 1, sizeof(rl_vec))))
		return RL_ENOMEM;
	for (size_t i = 0; i < np; i++)
		w->old_vecs[i] = w->a.para[i].v;
	max_df = (size_t)(MAX_DF_SHARE * (double)np);
	if (max_df < MIN_POSTINGS)
		max_df = MIN_POSTINGS;
	if ((err = rl_sim_index_new(&w->ix, w->old_vecs, np, max_df)) < 0)
		return err;
	/* the section heading that introduces the followed paragraph, if any:
	 * its pairs count as the paragraph's (run_job) */
	head = (uint32_t)np;
	for (uint32_t k = (uint32_t)f->para; k-- > 0 && !w->a.para[k].linkable;)
		if (introduced(w, k) == f->para) {
			head = k;
			break;
		}
	/* the followed paragraph's links: the best one, the first on a tie */
	if ((err = job_init(&jb, w, 0, (uint32_t)b->n_paras)) == 0) {
		for (uint32_t j = 0; j < b->n_paras; j++) {
			size_t n;

			if (!w->b.para[j].linkable)
				continue;
			n = candidates(&jb, j);
			for (size_t c = 0; c < n; c++) {
				double v;

				if (jb.cand[c] != f->para && jb.cand[c] != head)
					continue;
				place_new(w, jb.at, j, 1);
				v = pair_score(w, jb.at, jb.cand[c], j);
				place_new(w, jb.at, j, 0);
				if (v >= f->min_sim && (!*found || v > best)) {
					*found = 1;
					best = v;
					*para = j;
				}
			}
		}
	}
	job_free(&jb);
	*similarity = best;
	if (rl_sim_cached(w->b.sim) > MAX_CACHED_WORDS) {
		rl_sim_free(w->b.sim);
		w->b.sim = NULL;
		if (err == 0)
			err = rl_sim_new(&w->b.sim, f->lang);
	}
	return err;
}
