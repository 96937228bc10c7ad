/*
 * compare — runs the pipeline for two documents: align the paragraphs (in
 * the requested or detected mode), diff the words inside every link,
 * decide equal versus edited from that diff, and order the links for
 * output.  Renderers only read the result.
 */
#include "compare.h"

#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "align.h"
#include "semantic.h"

/* Below this share of linked paragraphs, two texts are not versions of
 * one document. */
#define AUTO_VERSIONS_COVERAGE 0.4

/* The changes looked for on related links: those that say how a
 * restatement alters a claim (numbers, dates, negation, modality).  Names
 * and terms found on one side only are what makes two different passages
 * different, not a change of one passage: on the declaration against the
 * Gymnich report they were 100 of the 147 changes, and finding them was
 * most of the cost of the semantic pass on the related-mode bench. */
#define RELATED_CHANGES                                                                \
	(1u << RL_CHANGE_NUMBER | 1u << RL_CHANGE_DATE | 1u << RL_CHANGE_NEGATION |       \
	 1u << RL_CHANGE_MODALITY)

static const char *const kind_names[RL_LINK_KIND_COUNT] = {
	"equal", "edited", "moved", "split", "merged", "related", "inserted", "deleted"
};

const char *rl_link_kind_name(rl_link_kind kind)
{
	return (unsigned)kind < RL_LINK_KIND_COUNT ? kind_names[kind] : "unknown";
}

static const char *const change_names[RL_CHANGE_TYPE_COUNT] = {
	"number", "date", "negation", "modality", "entity_added", "entity_removed",
	"term_added", "term_removed"
};

const char *rl_change_type_name(rl_change_type type)
{
	return (unsigned)type < RL_CHANGE_TYPE_COUNT ? change_names[type] : "unknown";
}

int rl_change_type_from_name(const char *name)
{
	for (int t = 0; t < RL_CHANGE_TYPE_COUNT; t++)
		if (!strcmp(name, change_names[t]))
			return t;
	return -1;
}

void rl_options_init(rl_options *o)
{
	memset(o, 0, sizeof(*o));
	o->mode = RL_MODE_AUTO;
	o->min_similarity = -1;
	o->changes = RL_CHANGES_ALL;
}

/* Output order, as link indices: by first new paragraph; a deletion right
 * after the link of the old paragraph before it (deletions in a row keep
 * their old order).  Sorted as packed integers: position twice over (odd
 * for deletions) in the high half, the link in the low half — links come
 * sorted by old position, so that orders deletions that share a place. */
static int output_order(uint32_t **out, const rl_alinks *l, size_t n_old)
{
	uint64_t *keys = rl_calloc(l->n + 1, sizeof(uint64_t));
	int64_t *pos = rl_calloc(n_old + 1, sizeof(int64_t));
	uint32_t *o = rl_calloc(l->n + 1, sizeof(uint32_t));
	int err = 0;

	if (!keys || !pos || !o) {
		err = RL_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < n_old; i++)
		pos[i] = -1;
	for (size_t k = 0; k < l->n; k++)
		if (l->v[k].n1 > l->v[k].n0)
			for (uint32_t i = l->v[k].o0; i < l->v[k].o1; i++)
				pos[i] = l->v[k].n0;
	for (size_t k = 0; k < l->n; k++) {
		const rl_alink *x = &l->v[k];
		uint64_t place;

		if (x->n1 > x->n0) {
			place = 2 * ((uint64_t)x->n0 + 1);
		} else {
			int64_t last = -1;
			for (uint32_t i = x->o0; i-- > 0;)
				if (pos[i] >= 0) {
					last = pos[i];
					break;
				}
			place = 2 * (uint64_t)(last + 1) + 1;
		}
		keys[k] = place << 32 | k;
	}
	rl_sort_u64(keys, l->n);
	for (size_t k = 0; k < l->n; k++)
		o[k] = (uint32_t)(keys[k] & 0xffffffffu);
	*out = o;
	o = NULL;
done:
	free(keys);
	free(pos);
	free(o);
	return err;
}

static int same_range_bytes(const rl_doc *a, size_t a0, size_t a1, const rl_doc *b, size_t b0,
                            size_t b1)
{
	return a1 - a0 == b1 - b0 && memcmp(a->data + a0, b->data + b0, a1 - a0) == 0;
}

/* Related mode's "equal": the same metadata and byte-identical paragraphs. */
static int same_paragraphs(const rl_doc *a, const rl_doc *b)
{
	if (a->n_paras != b->n_paras || !rl_doc__same_metadata(a, b))
		return 0;
	for (size_t i = 0; i < a->n_paras; i++)
		if (!same_range_bytes(a, a->paras[i].start, a->paras[i].end, b, b->paras[i].start,
		                      b->paras[i].end))
			return 0;
	return 1;
}

/* ---- semantic changes, on two threads for large comparisons -------------- */

/* Below this many bytes in the changed pairs, one thread does it all. */
#define SEM_PARALLEL_BYTES (256u << 10)

/*
 * The changes of the pairs made in place, found early: the aligner tells
 * of those pairs (rl_align_hook) before its similarity stage, and when they
 * hold at least SEM_PARALLEL_BYTES a thread with an analyser of its own
 * reads them while the aligner goes on; detect_all()'s two threads help
 * when they are done with the other pairs, each taking the next pair not
 * taken yet.  An analyser's results do not depend on the pairs it saw
 * before, so the output is the same; in a versions comparison most
 * changed pairs are made in place.
 */
#define EARLY_WORKERS 3 /* the early thread, then detect_all()'s two */

/* Texts of at least this many bytes have their analyser made on a thread
 * of its own. */
#define MODEL_PARALLEL_BYTES (1u << 20)

/* The comparison's analyser (the model of the others' siblings), made
 * for large texts on a thread of its own while the aligner starts:
 * counting the texts' language takes a few milliseconds.  The early job
 * and then the comparison wait for it. */
typedef struct model_job {
	const rl_doc *a, *b;
	const char *lang;
	unsigned types;
	rl_semantic *sem;
	pthread_t tid;
	int started;
	int err;
	char msg[512];
} model_job;

static void *model_run(void *arg)
{
	model_job *m = arg;

	if ((m->err = rl_semantic_new(&m->sem, m->lang, m->types, m->a, m->b)) < 0)
		snprintf(m->msg, sizeof(m->msg), "%s", rl_error_last());
	return NULL;
}

static void model_start(model_job *m)
{
	m->started = m->types && m->a->len + m->b->len >= MODEL_PARALLEL_BYTES &&
	             sysconf(_SC_NPROCESSORS_ONLN) > 1 &&
	             pthread_create(&m->tid, NULL, model_run, m) == 0;
	if (!m->started)
		model_run(m);
}

/* Wait for the analyser; its failure, with its message (each time). */
static int model_finish(model_job *m)
{
	if (m->started)
		pthread_join(m->tid, NULL);
	m->started = 0;
	return m->err < 0 ? rl_error_set(m->err, "%s", m->msg) : 0;
}

typedef struct early_pair {
	uint32_t o0, n0;  /* the pair's paragraphs */
	size_t e0, ne;    /* its edit script in early_job.edits */
	size_t c0, nc;    /* its changes in early_job.out[who].v */
	int who;
} early_pair;

/* One worker's changes and failure. */
typedef struct early_out {
	rl_change *v;
	size_t n, cap;
	int err;
	char msg[512];
} early_out;

typedef struct early_job {
	const rl_doc *a, *b;
	model_job *model;  /* the comparison's analyser */
	rl_semantic *sem;  /* a sibling of it, for the thread */
	early_pair *pairs; /* by old paragraph */
	size_t n;
	rl_edit *edits;    /* copies of the pairs' edit scripts */
	atomic_size_t next; /* the next pair not taken */
	atomic_int failed;  /* a worker failed: the others stop */
	early_out out[EARLY_WORKERS];
	pthread_t tid;
	int started;
} early_job;

/* Read the early job's pairs not taken yet, one at a time, with analyser
 * `sem` into worker `who`'s changes. */
static void early_work(early_job *j, int who, rl_semantic *sem)
{
	early_out *o = &j->out[who];
	size_t k;

	while (o->err == 0 && !atomic_load(&j->failed) && (k = atomic_fetch_add(&j->next, 1)) < j->n) {
		early_pair *q = &j->pairs[k];

		q->who = who;
		q->c0 = o->n;
		o->err = rl_semantic_detect(&o->v, &o->n, &o->cap, sem, j->a->data,
		                            j->a->paras[q->o0].start, j->a->paras[q->o0].end,
		                            j->b->data, j->b->paras[q->n0].start,
		                            j->b->paras[q->n0].end, j->edits + q->e0, q->ne);
		q->nc = o->n - q->c0;
	}
	if (o->err < 0) {
		atomic_store(&j->failed, 1);
		snprintf(o->msg, sizeof(o->msg), "%s", rl_error_last());
	}
}

static void *early_run(void *arg)
{
	early_job *j = arg;

	early_work(j, 0, j->sem);
	rl_semantic_free(j->sem);
	j->sem = NULL;
	return NULL;
}

/* The aligner's hook: start the early job on the changed pairs made in
 * place, when they are many and a second processor is there.  Nothing
 * is started when memory or a thread cannot be had: detect_all() then
 * reads those pairs. */
static void early_start(void *arg, const rl_alinks *l, size_t from, size_t to,
                        const rl_edits *edits)
{
	early_job *j = arg;
	size_t n = 0, ne = 0, bytes = 0;

	if (!j->model->types || sysconf(_SC_NPROCESSORS_ONLN) < 2 || model_finish(j->model) < 0)
		return;
	for (size_t k = from; k < to; k++)
		if (l->v[k].changed) {
			const rl_alink *x = &l->v[k];

			n++;
			ne += x->n_edits;
			bytes += j->a->paras[x->o0].end - j->a->paras[x->o0].start +
			         j->b->paras[x->n0].end - j->b->paras[x->n0].start;
		}
	if (bytes < SEM_PARALLEL_BYTES || !(j->pairs = rl_calloc(n, sizeof(early_pair))) ||
	    !(j->edits = rl_calloc(ne + 1, sizeof(rl_edit))) ||
	    rl_semantic_sibling(&j->sem, j->model->sem) < 0)
		goto none;
	for (size_t k = from; k < to; k++) {
		const rl_alink *x = &l->v[k];
		early_pair *q = &j->pairs[j->n];

		if (!x->changed)
			continue;
		q->o0 = x->o0;
		q->n0 = x->n0;
		q->e0 = j->n ? q[-1].e0 + q[-1].ne : 0;
		q->ne = x->n_edits;
		memcpy(j->edits + q->e0, edits->v + x->edit_off, q->ne * sizeof(rl_edit));
		j->n++;
	}
	if ((j->started = pthread_create(&j->tid, NULL, early_run, j) == 0))
		return;
none:
	rl_semantic_free(j->sem);
	free(j->pairs);
	free(j->edits);
	j->sem = NULL;
	j->pairs = NULL;
	j->edits = NULL;
	j->n = 0;
}

/* Wait for the early job; a worker's failure, with its message, unless
 * `err` is one already. */
static int early_finish(early_job *j, int err)
{
	if (j->started)
		pthread_join(j->tid, NULL);
	j->started = 0;
	for (int w = 0; w < EARLY_WORKERS && err == 0; w++)
		if (j->out[w].err < 0)
			err = rl_error_set(j->out[w].err, "%s", j->out[w].msg);
	return err;
}

static void early_free(early_job *j)
{
	free(j->pairs);
	free(j->edits);
	for (int w = 0; w < EARLY_WORKERS; w++)
		free(j->out[w].v);
}

/* The early job's pair of old paragraph o0 and new paragraph n0, or NULL. */
static const early_pair *early_find(const early_job *j, uint32_t o0, uint32_t n0)
{
	size_t lo = 0, hi = j->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (j->pairs[mid].o0 < o0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < j->n && j->pairs[lo].o0 == o0 && j->pairs[lo].n0 == n0 ? &j->pairs[lo] : NULL;
}

/* The semantic changes of links [k0, k1) whose pairs differ (`todo`) and
 * that the early job does not read, in v; link k's go to v[off[k]..) and
 * their number to cnt[k]; then help the early job as its worker `who`.
 * Uses `sem`, or a sibling of `model` when `sem` is NULL (for a thread of
 * its own: an analyser is not shared). */
typedef struct sem_part {
	rl_comparison *c;
	const rl_alinks *al;
	const uint32_t *ord;
	unsigned char *todo;  /* 1: find changes; 2: diff the words first; 5: the early job's */
	size_t *edit_off;     /* 2: set to the offset in `edits` */
	rl_edits edits;       /* the word diffs of links marked 2 */
	rl_worddiff_scratch *wd; /* NULL: a scratch of its own */
	size_t *off, *cnt;
	size_t k0, k1;
	rl_semantic *sem;
	const rl_semantic *model;
	early_job *ej;
	int who;
	unsigned types;
	rl_change *v;
	size_t n, cap;
	int err;
	char msg[512];
} sem_part;

static void *sem_run(void *arg)
{
	sem_part *p = arg;
	const rl_comparison *c = p->c;
	rl_semantic *own = NULL, *sem = p->sem;

	rl_worddiff_scratch *own_wd = NULL, *wd = p->wd;

	if (!sem && (p->err = rl_semantic_sibling(&own, p->model)) == 0)
		sem = own;
	if (!wd && p->err == 0 && (p->err = rl_worddiff_scratch_new(&own_wd)) == 0)
		wd = own_wd;
	for (size_t k = p->k0; k < p->k1 && p->err == 0; k++) {
		const rl_alink *x = &p->al->v[p->ord[k]];
		const rl_edit *e;
		size_t n_edits = c->links[k].n_edits, a0, a1, b0, b1;

		p->off[k] = p->n;
		if (!p->todo[k] || p->todo[k] == 5)
			continue; /* nothing to diff or read, or read already */
		/* marked 1: the aligner's edits, so c->edits holds some */
		e = p->todo[k] == 1 ? c->edits.v + p->edit_off[k] : NULL;
		a0 = c->a->paras[x->o0].start;
		a1 = c->a->paras[x->o1 - 1].end;
		b0 = c->b->paras[x->n0].start;
		b1 = c->b->paras[x->n1 - 1].end;
		if (p->todo[k] == 2) {
			int changed = 0;

			p->edit_off[k] = p->edits.n;
			if ((p->err = rl_worddiff(&p->edits, &changed, wd, c->a->data, a0, a1, c->b->data,
			                          b0, b1)) < 0)
				break;
			p->todo[k] = changed ? 3 : 4;
			e = p->edits.v + p->edit_off[k];
			n_edits = p->edits.n - p->edit_off[k];
			p->c->links[k].n_edits = n_edits;
		}
		if ((p->todo[k] == 1 || p->todo[k] == 3) && p->types)
			p->err = rl_semantic_detect(&p->v, &p->n, &p->cap, sem, c->a->data, a0, a1,
			                            c->b->data, b0, b1, e, n_edits);
		p->cnt[k] = p->n - p->off[k];
	}
	if (p->err == 0 && p->ej->n)
		early_work(p->ej, p->who, sem);
	if (p->err < 0)
		snprintf(p->msg, sizeof(p->msg), "%s", rl_error_last());
	rl_semantic_free(own);
	rl_worddiff_scratch_free(own_wd);
	return NULL;
}

/* The bytes of link k's pair. */
static size_t pair_bytes(const rl_comparison *c, const rl_alink *x)
{
	return c->a->paras[x->o1 - 1].end - c->a->paras[x->o0].start + c->b->paras[x->n1 - 1].end -
	       c->b->paras[x->n0].start;
}

/* Append part p's word diffs to c->edits and point its links at them. */
static int take_edits(rl_comparison *c, sem_part *p, size_t *edit_off)
{
	size_t base = c->edits.n;

	if (p->edits.n && rl_grow(&c->edits.v, &c->edits.cap, base + p->edits.n, sizeof(rl_edit)) < 0)
		return RL_ENOMEM;
	if (p->edits.n)
		memcpy(c->edits.v + base, p->edits.v, p->edits.n * sizeof(rl_edit));
	c->edits.n = c->edits.floor = base + p->edits.n;
	for (size_t k = p->k0; k < p->k1; k++)
		if (p->todo[k] >= 3 && p->todo[k] <= 4)
			edit_off[k] += base;
	return 0;
}

/* The word diffs of the links marked 2 in `todo` (pairs the aligner did
 * not diff) and the changes of every changed pair (marked 1, or found
 * changed by that diff), the links in order: edit_off[k], change_off[k]
 * and each link's n_edits and n_changes are set, and todo[k] becomes 3 or
 * 4 for a diffed pair that differs or not.  The changes of the pairs the
 * early job read (marked 1 and found there) are taken from it, after the
 * rest.  With more than SEM_PARALLEL_BYTES left to read and a second
 * processor, the links are cut in two halves by bytes and the second half
 * goes to a thread with a word diff scratch and an analyser of its own:
 * an analyser's results do not depend on the pairs it saw before, so the
 * output is the same.  Fails with RL_ENOMEM, or as the early job did. */
static int detect_all(rl_comparison *c, const rl_alinks *al, const uint32_t *ord,
                      unsigned char *todo, size_t *edit_off, size_t *change_off,
                      rl_worddiff_scratch *wd, rl_semantic *sem, unsigned types, early_job *ej)
{
	sem_part p1, p2;
	size_t n = c->n_links, total = 0, half = 0, split = n, *cnt, at = 0, n_early;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	rl_change *v = NULL;
	pthread_t tid;
	int started = 0, err;

	if (!(cnt = rl_calloc(n + 1, sizeof(size_t))))
		return early_finish(ej, RL_ENOMEM);
	for (size_t k = 0; k < n; k++) {
		const rl_alink *x = &al->v[ord[k]];

		if (todo[k] == 1 && ej->n && x->has_edits && early_find(ej, x->o0, x->n0))
			todo[k] = 5;
		if (todo[k] == 2 || (todo[k] == 1 && types))
			total += pair_bytes(c, x);
	}
	memset(&p1, 0, sizeof(p1));
	p1.c = c;
	p1.al = al;
	p1.ord = ord;
	p1.todo = todo;
	p1.edit_off = edit_off;
	p1.off = change_off;
	p1.cnt = cnt;
	p1.wd = wd;
	p1.sem = sem;
	p1.model = sem;
	p1.ej = ej;
	p1.who = 1;
	p1.types = types;
	p2 = p1;
	p2.who = 2;
	if (total >= SEM_PARALLEL_BYTES && cpus > 1) {
		for (split = 0; split < n && half < total / 2; split++)
			if (todo[split] == 2 || (todo[split] == 1 && types))
				half += pair_bytes(c, &al->v[ord[split]]);
		p2.sem = NULL;
		p2.wd = NULL;
		p2.k0 = split;
		p2.k1 = n;
		started = pthread_create(&tid, NULL, sem_run, &p2) == 0;
	}
	p1.k0 = 0;
	p1.k1 = started ? split : n;
	sem_run(&p1);
	if (started)
		pthread_join(tid, NULL);
	err = early_finish(ej, p1.err < 0 ? p1.err : p2.err);
	if (err == 0 && (err = take_edits(c, &p1, edit_off)) == 0 && started)
		err = take_edits(c, &p2, edit_off);
	/* the changes in link order, from the part or the early worker that found them */
	n_early = ej->out[0].n + ej->out[1].n + ej->out[2].n;
	if (err == 0 && p1.n + p2.n + n_early &&
	    !(v = rl_calloc(p1.n + p2.n + n_early, sizeof(rl_change))))
		err = RL_ENOMEM;
	for (size_t k = 0; err == 0 && k < n; k++) {
		const rl_change *from = NULL;
		size_t from_off = change_off[k];

		if (todo[k] == 5) {
			const rl_alink *x = &al->v[ord[k]];
			const early_pair *q = early_find(ej, x->o0, x->n0);

			from = ej->out[q->who].v;
			from_off = q->c0;
			cnt[k] = q->nc;
			todo[k] = 1;
		} else {
			from = k < p1.k1 ? p1.v : p2.v;
		}
		/* no offset on an array that holds no change (it may be NULL) */
		if (cnt[k])
			memcpy(v + at, from + from_off, cnt[k] * sizeof(rl_change));
		change_off[k] = at;
		c->links[k].n_changes = cnt[k];
		at += cnt[k];
	}
	rl_edits_free(&p1.edits);
	rl_edits_free(&p2.edits);
	free(p1.v);
	free(p2.v);
	free(cnt);
	c->changes = v;
	c->n_changes = at;
	c->changes_cap = err == 0 ? p1.n + p2.n + n_early : 0;
	if (err < 0 && p1.err == 0 && p2.err < 0)
		return rl_error_set(err, "%s", p2.msg);
	return err;
}

static int build_links(rl_comparison *c, const rl_alinks *al, rl_worddiff_scratch *wd,
                       rl_semantic *sem, unsigned types, early_job *ej)
{
	uint32_t *ord = NULL;
	size_t *edit_off = NULL, *change_off = NULL, n_idx = 0;
	unsigned char *todo = NULL;
	int err;

	c->links = rl_calloc(al->n + 1, sizeof(rl_link));
	edit_off = rl_calloc(al->n + 1, sizeof(size_t));
	change_off = rl_calloc(al->n + 1, sizeof(size_t));
	todo = rl_calloc(al->n + 1, 1);
	if (!c->links || !edit_off || !change_off || !todo) {
		err = RL_ENOMEM;
		goto done;
	}
	for (size_t k = 0; k < al->n; k++)
		n_idx += (al->v[k].o1 - al->v[k].o0) + (al->v[k].n1 - al->v[k].n0);
	if (!(c->idx = rl_calloc(n_idx + 1, sizeof(uint32_t)))) {
		err = RL_ENOMEM;
		goto done;
	}
	if ((err = output_order(&ord, al, c->a->n_paras)) < 0)
		goto done;
	c->equal = c->a->n_paras == c->b->n_paras && rl_doc__same_metadata(c->a, c->b);
	n_idx = 0;
	for (size_t k = 0; k < al->n; k++) {
		const rl_alink *x = &al->v[ord[k]];
		rl_link *l = &c->links[k];
		int changed = 0;

		l->kind = (rl_link_kind)x->kind;
		l->similarity = x->similarity;
		l->n_old = x->o1 - x->o0;
		l->n_new = x->n1 - x->n0;
		for (uint32_t i = x->o0; i < x->o1; i++)
			if (!(x->skip_old >> (i - x->o0) & 1))
				c->idx[n_idx++] = i;
			else
				l->n_old--;
		for (uint32_t j = x->n0; j < x->n1; j++)
			if (!(x->skip_new >> (j - x->n0) & 1))
				c->idx[n_idx++] = j;
			else
				l->n_new--;
		edit_off[k] = c->edits.n;
		l->n_edits = 0;
		if (x->has_edits) {
			/* the aligner diffed this pair already */
			edit_off[k] = x->edit_off;
			l->n_edits = x->n_edits;
			changed = x->changed;
		} else if (l->n_old && l->n_new) {
			size_t a0 = c->a->paras[x->o0].start, a1 = c->a->paras[x->o1 - 1].end;
			size_t b0 = c->b->paras[x->n0].start, b1 = c->b->paras[x->n1 - 1].end;

			if (same_range_bytes(c->a, a0, a1, c->b, b0, b1)) {
				rl_edits_begin(&c->edits);
				if ((err = rl_edits_push(&c->edits, RL_EDIT_EQUAL, a0, a1)) < 0)
					goto done;
				l->n_edits = c->edits.n - edit_off[k];
			} else {
				todo[k] = 2; /* diffed by detect_all() */
			}
		}
		if (!todo[k])
			todo[k] = l->n_old && l->n_new && changed;
	}
	c->n_links = al->n;
	if ((err = detect_all(c, al, ord, todo, edit_off, change_off, wd, sem, types, ej)) < 0)
		goto done;
	for (size_t k = 0; k < al->n; k++) {
		rl_link *l = &c->links[k];
		int changed = todo[k] == 1 || todo[k] == 3;

		if (l->n_old && l->n_new) {
			if (l->kind == RL_LINK_EQUAL && changed)
				l->kind = RL_LINK_EDITED;
			if (l->kind == RL_LINK_EQUAL)
				l->similarity = 1.0;
		}
		if (l->kind != RL_LINK_EQUAL)
			c->equal = 0;
	}
	/* point into the pools now that they no longer move */
	n_idx = 0;
	for (size_t k = 0; k < c->n_links; k++) {
		rl_link *l = &c->links[k];

		l->old_paras = c->idx + n_idx;
		n_idx += l->n_old;
		l->new_paras = c->idx + n_idx;
		n_idx += l->n_new;
		l->edits = l->n_edits ? c->edits.v + edit_off[k] : NULL;
		l->changes = l->n_changes ? c->changes + change_off[k] : NULL;
	}
done:
	free(ord);
	free(edit_off);
	free(change_off);
	free(todo);
	return err;
}

/* The similarity grid of the heatmap (rl_align_grid()), computed in a
 * thread of its own beside the alignment: it reads only the two documents,
 * and on a large pair it costs about half as much as the versions
 * comparison, so with a second core a report of two 10 MB texts does not
 * wait for it. */
typedef struct grid_job {
	rl_comparison *c;
	const rl_options *opts;
	pthread_t tid;
	int started;
	int err;
	char msg[512];
} grid_job;

static void *grid_run(void *arg)
{
	grid_job *g = arg;

	g->err = rl_align_grid(g->c->grid, g->c->grid_rows, g->c->grid_cols, g->c->a, g->c->b,
	                       g->opts);
	if (g->err < 0)
		snprintf(g->msg, sizeof(g->msg), "%s", rl_error_last());
	return NULL;
}

/* Allocate the grid and start filling it (here when no thread can be
 * had).  Fails with RL_ENOMEM. */
static int grid_start(grid_job *g, rl_comparison *c, const rl_options *opts)
{
	size_t rows, cols;

	rl_align_grid_size(c->a->n_paras, c->b->n_paras, &rows, &cols);
	memset(g, 0, sizeof(*g));
	g->c = c;
	g->opts = opts;
	if (!rows || !cols)
		return 0;
	if (!(c->grid = rl_calloc(rows * cols, sizeof(float))))
		return RL_ENOMEM;
	c->grid_rows = rows;
	c->grid_cols = cols;
	g->started = pthread_create(&g->tid, NULL, grid_run, g) == 0;
	if (!g->started)
		grid_run(g);
	return 0;
}

/* Wait for the grid; its failure, with its message, unless `err` is one
 * already. */
static int grid_finish(grid_job *g, int err)
{
	if (g->started)
		pthread_join(g->tid, NULL);
	g->started = 0;
	if (err == 0 && g->err < 0)
		return rl_error_set(g->err, "%s", g->msg);
	return err;
}

int rl_compare(rl_comparison **out, const rl_doc *a, const rl_doc *b, const rl_options *opts)
{
	rl_comparison *c;
	rl_options defaults;
	rl_alinks al = {0};
	rl_worddiff_scratch *wd = NULL;
	grid_job g;
	early_job ej;
	model_job mj;
	rl_align_hook hook = {early_start, &ej};
	unsigned types;
	int err;

	*out = NULL;
	memset(&g, 0, sizeof(g));
	memset(&ej, 0, sizeof(ej));
	memset(&mj, 0, sizeof(mj));
	atomic_init(&ej.next, 0);
	atomic_init(&ej.failed, 0);
	if (!opts) {
		rl_options_init(&defaults);
		opts = &defaults;
	}
	if (opts->mode != RL_MODE_AUTO && opts->mode != RL_MODE_VERSIONS &&
	    opts->mode != RL_MODE_RELATED)
		return rl_error_set(RL_EINVALID, "unknown comparison mode %d", (int)opts->mode);
	if (!(c = rl_calloc(1, sizeof(*c))))
		return RL_ENOMEM;
	c->a = a;
	c->b = b;
	c->mode = opts->mode;
	if (opts->heatmap && (err = grid_start(&g, c, opts)) < 0)
		goto done;
	/* the analyser, made while the alignment starts: the early job's is a sibling */
	types = c->mode == RL_MODE_RELATED ? opts->changes & RELATED_CHANGES : opts->changes;
	if ((err = rl_worddiff_scratch_new(&wd)) < 0)
		goto done;
	mj.a = a;
	mj.b = b;
	mj.lang = opts->lang;
	mj.types = types;
	model_start(&mj);
	ej.a = a;
	ej.b = b;
	ej.model = &mj;
	if (c->mode != RL_MODE_RELATED &&
	    (err = rl_align_versions(&al, a, b, &c->edits, wd, &hook)) < 0)
		goto done;
	if (c->mode == RL_MODE_AUTO) {
		c->mode_auto = 1;
		/* an empty side is all insertions or deletions, not another text */
		c->mode = !a->n_paras || !b->n_paras ||
		                  rl_align_coverage(&al, a, b) >= AUTO_VERSIONS_COVERAGE
		              ? RL_MODE_VERSIONS
		              : RL_MODE_RELATED;
	}
	if (c->mode == RL_MODE_RELATED) {
		/* drop what the versions aligner found and diffed under auto, the
		 * changes found early with it, and an analyser for other types */
		if (ej.started)
			pthread_join(ej.tid, NULL);
		ej.started = 0;
		ej.n = 0;
		for (int w = 0; w < EARLY_WORKERS; w++)
			ej.out[w].err = 0;
		al.n = 0;
		c->edits.n = c->edits.floor = 0;
		if (types != (opts->changes & RELATED_CHANGES)) {
			model_finish(&mj);
			rl_semantic_free(mj.sem);
			mj.sem = NULL;
			mj.types = types = opts->changes & RELATED_CHANGES;
			model_run(&mj);
		}
		if ((err = rl_align_related(&al, a, b, opts)) < 0)
			goto done;
	}
	if ((err = model_finish(&mj)) < 0 ||
	    (err = build_links(c, &al, wd, mj.sem, types, &ej)) < 0)
		goto done;
	if (c->mode == RL_MODE_RELATED)
		c->equal = same_paragraphs(a, b);
done:
	err = early_finish(&ej, err);
	early_free(&ej);
	if (mj.started)
		pthread_join(mj.tid, NULL);
	rl_semantic_free(mj.sem);
	if ((err = grid_finish(&g, err)) == 0) {
		*out = c;
		c = NULL;
	}
	rl_worddiff_scratch_free(wd);
	rl_alinks_free(&al);
	rl_comparison_free(c);
	return err;
}

void rl_comparison_free(rl_comparison *c)
{
	if (!c)
		return;
	free(c->links);
	free(c->idx);
	rl_edits_free(&c->edits);
	free(c->changes);
	free(c->grid);
	free(c);
}

rl_mode rl_comparison_mode(const rl_comparison *c)
{
	return c->mode;
}

size_t rl_comparison_link_count(const rl_comparison *c)
{
	return c->n_links;
}

const rl_link *rl_comparison_link(const rl_comparison *c, size_t i)
{
	return i < c->n_links ? &c->links[i] : NULL;
}

int rl_comparison_is_equal(const rl_comparison *c)
{
	return c->equal;
}

const rl_doc *rl_comparison_old(const rl_comparison *c)
{
	return c->a;
}

const rl_doc *rl_comparison_new(const rl_comparison *c)
{
	return c->b;
}

const char *rl_edit_text(const rl_comparison *c, const rl_edit *e, size_t *len)
{
	const rl_doc *d = e->op == RL_EDIT_INSERT ? c->b : c->a;

	assert(e->start <= e->end && e->end <= d->len);
	*len = e->end - e->start;
	return d->data + e->start;
}
