/*
 * align_related — related-mode alignment: links between paragraphs of two
 * different documents, order-free and many-to-many, each scored by
 * similarity (similarity.c).
 *
 * Every paragraph and every sentence becomes a term vector weighted by
 * rarity across both documents (or across a corpus, when the caller passes
 * document frequencies).  Candidates come from an inverted index over the
 * old paragraphs, queried with each new paragraph and each of its
 * sentences; a candidate pair scores the better of its paragraph
 * similarity and its best sentence-to-sentence similarity, so one sentence
 * of a long paragraph can carry the match.  Pairs at or above the
 * threshold become links.
 */
#include "align.h"

#include <stdlib.h>

#include "lang.h"
#include "similarity.h"

/* The calibrated default of --min-similarity. */
#define DEFAULT_MIN_SIMILARITY 0.42
#define MIN_WORDS 3         /* content words of a passage worth linking */
#define MAX_CANDIDATES 24   /* old paragraphs scored per new paragraph */
#define MIN_POSTINGS 64     /* terms in more old paragraphs than this, */
#define MAX_DF_SHARE 0.05   /* and in more than this share, are not indexed */

typedef struct unit {
	rl_vec v;
	uint32_t s0, n_sent; /* its sentences in the sentence array */
} unit;

typedef struct side {
	const rl_doc *d;
	unit *para;
	rl_vec *sent;
	size_t n_sent, sent_cap;
} side;

typedef struct work {
	rl_sim *sim;
	rl_arena arena;
	rl_stats *own;       /* document frequencies when the caller gave none */
	const rl_stats *st;
	side a, b;
	rl_paragraph *spans;
	size_t spans_cap;
	uint32_t *ids;
	uint32_t *seen;      /* per old paragraph: last new paragraph + 1 */
} work;

static void work_free(work *w)
{
	rl_sim_free(w->sim);
	rl_arena_free(&w->arena);
	rl_stats_free(w->own);
	free(w->a.para);
	free(w->a.sent);
	free(w->b.para);
	free(w->b.sent);
	free(w->spans);
	free(w->ids);
	free(w->seen);
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

static int build_side(work *w, side *s, const rl_doc *d)
{
	int err;

	s->d = d;
	if (!(s->para = rl_calloc(d->n_paras + 1, sizeof(unit))))
		return RL_ENOMEM;
	for (size_t i = 0; i < d->n_paras; i++) {
		unit *u = &s->para[i];
		long ns;

		if ((err = rl_sim_vec(w->sim, &u->v, &w->arena, d->data, d->paras[i].start,
		                      d->paras[i].end)) < 0)
			return err;
		if (w->own && (err = rl_stats_add(w->own, &u->v)) < 0)
			return err;
		if ((ns = rl_doc_sentences(d, i, NULL, 0)) < 0)
			return (int)ns;
		if (rl_grow(&w->spans, &w->spans_cap, (size_t)ns + 1, sizeof(rl_paragraph)) < 0 ||
		    rl_grow(&s->sent, &s->sent_cap, s->n_sent + (size_t)ns + 1, sizeof(rl_vec)) < 0)
			return RL_ENOMEM;
		if ((ns = rl_doc_sentences(d, i, w->spans, (size_t)ns)) < 0)
			return (int)ns;
		u->s0 = (uint32_t)s->n_sent;
		u->n_sent = ns > 1 ? (uint32_t)ns : 0; /* one sentence: the paragraph */
		for (uint32_t k = 0; k < u->n_sent; k++)
			if ((err = rl_sim_vec(w->sim, &s->sent[s->n_sent++], &w->arena, d->data,
			                      w->spans[k].start, w->spans[k].end)) < 0)
				return err;
	}
	return 0;
}

static void weigh_side(side *s, const rl_stats *st)
{
	for (size_t i = 0; i < s->d->n_paras; i++)
		rl_vec_weigh(&s->para[i].v, st);
	for (size_t k = 0; k < s->n_sent; k++)
		rl_vec_weigh(&s->sent[k], st);
}

/* The best score of one paragraph against the sentences of another. */
static double best_sentence(const rl_vec *para, const rl_vec *sent, size_t n)
{
	double best = 0;

	for (size_t k = 0; k < n; k++) {
		double s = sent[k].n_content >= MIN_WORDS ? rl_vec_score(para, &sent[k]) : 0;
		if (s > best)
			best = s;
	}
	return best;
}

/* The similarity of old paragraph i and new paragraph j: the best of the
 * two paragraphs, each new sentence against the old paragraph and each old
 * sentence against the new paragraph, so that one sentence restating a
 * passage is not drowned by the rest of its paragraph. */
static double pair_score(const work *w, uint32_t i, uint32_t j)
{
	const unit *x = &w->a.para[i], *y = &w->b.para[j];
	double p = rl_vec_score(&x->v, &y->v);
	double s = best_sentence(&x->v, w->b.sent + y->s0, y->n_sent);
	double t = best_sentence(&y->v, w->a.sent + x->s0, x->n_sent);

	return p > s ? (p > t ? p : t) : (s > t ? s : t);
}

/* Candidates of new paragraph j: the index queried with the paragraph and
 * with each of its sentences, each old paragraph once. */
static int candidates(work *w, rl_sim_index *ix, uint32_t j, uint32_t *out, size_t *n_out)
{
	const unit *y = &w->b.para[j];
	size_t n = 0;

	for (uint32_t k = 0; k <= y->n_sent; k++) {
		const rl_vec *q = k == 0 ? &y->v : &w->b.sent[y->s0 + k - 1];
		long m = rl_sim_index_query(ix, q, w->ids, MAX_CANDIDATES);

		if (m < 0)
			return (int)m;
		for (long c = 0; c < m; c++) {
			uint32_t i = w->ids[c];
			if (w->seen[i] == j + 1)
				continue;
			w->seen[i] = j + 1;
			out[n++] = i;
		}
	}
	*n_out = n;
	return 0;
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

int rl_align_related(rl_alinks *out, const rl_doc *a, const rl_doc *b, const rl_options *opts)
{
	work w;
	rl_sim_index *ix = NULL;
	rl_vec *old_vecs = NULL;
	uint32_t *cand = NULL;
	double min_sim = opts && opts->min_similarity >= 0 ? opts->min_similarity
	                                                    : DEFAULT_MIN_SIMILARITY;
	size_t max_df, mark = out->n;
	int err;

	memset(&w, 0, sizeof(w));
	if ((err = rl_sim_new(&w.sim, pick_lang(opts ? opts->lang : NULL, a, b))) < 0)
		goto done;
	w.st = opts ? opts->stats : NULL;
	if (!w.st) {
		if ((err = rl_stats_new(&w.own)) < 0)
			goto done;
		w.st = w.own;
	}
	if ((err = build_side(&w, &w.a, a)) < 0 || (err = build_side(&w, &w.b, b)) < 0)
		goto done;
	weigh_side(&w.a, w.st);
	weigh_side(&w.b, w.st);
	err = RL_ENOMEM;
	if (!(old_vecs = rl_calloc(a->n_paras + 1, sizeof(rl_vec))))
		goto done;
	for (size_t i = 0; i < a->n_paras; i++)
		old_vecs[i] = w.a.para[i].v;
	max_df = (size_t)(MAX_DF_SHARE * (double)a->n_paras);
	if (max_df < MIN_POSTINGS)
		max_df = MIN_POSTINGS;
	if ((err = rl_sim_index_new(&ix, old_vecs, a->n_paras, max_df)) < 0)
		goto done;
	err = RL_ENOMEM;
	if (!(w.ids = rl_calloc(MAX_CANDIDATES + 1, sizeof(uint32_t))) ||
	    !(w.seen = rl_calloc(a->n_paras + 1, sizeof(uint32_t))))
		goto done;
	err = 0;
	for (uint32_t j = 0; j < b->n_paras && !err; j++) {
		size_t n = 0;

		if ((b->paras[j].flags & RL_PARA_HEADING) || w.b.para[j].v.n_content < MIN_WORDS)
			continue;
		free(cand);
		cand = rl_calloc(MAX_CANDIDATES * (w.b.para[j].n_sent + 1) + 1, sizeof(uint32_t));
		if (!cand) {
			err = RL_ENOMEM;
			break;
		}
		if ((err = candidates(&w, ix, j, cand, &n)) < 0)
			break;
		for (size_t c = 0; c < n && !err; c++) {
			uint32_t i = cand[c];
			double s;

			if ((a->paras[i].flags & RL_PARA_HEADING) || w.a.para[i].v.n_content < MIN_WORDS)
				continue;
			s = pair_score(&w, i, j);
			if (s >= min_sim)
				err = rl_alinks_push(out, RL_LINK_RELATED, i, i + 1, j, j + 1, s);
		}
	}
	if (!err)
		qsort(out->v + mark, out->n - mark, sizeof(rl_alink), cmp_by_new_then_score);
done:
	free(cand);
	free(old_vecs);
	rl_sim_index_free(ix);
	work_free(&w);
	return err;
}
