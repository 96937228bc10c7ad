/*
 * trace — follow a statement through a corpus.  The followed paragraph's
 * document is compared in related mode with every other document at the
 * revision (rarity weights come from the two documents, as related mode
 * is calibrated); the best link from that paragraph picks each document's
 * passage.  The comparisons run in a few threads, a batch at a time, with
 * the blobs read by the main thread.  The passages are ordered by document date and each is compared
 * alone with the one before (related mode, no threshold), which gives the
 * word diff and the semantic changes of every step.
 */
#include "trace.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "align.h"
#include "corpus.h"
#include "date.h"
#include "doc.h"
#include "render.h"
#include "text.h"

#define BATCH 256      /* documents read and searched at a time */
#define MAX_THREADS 8

typedef struct step {
	rl_trace_step pub;
	char *name;
	char commit[41];
	rl_doc *doc;
	rl_doc *passage;    /* the paragraph alone */
	rl_comparison *cmp; /* the previous passage against this one */
} step;

struct rl_trace {
	step *v;
	size_t n, cap;
	size_t searched;
	char *rev;
};

void rl_trace_options_init(rl_trace_options *o)
{
	memset(o, 0, sizeof(*o));
	rl_options_init(&o->compare);
}

void rl_trace_free(rl_trace *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].name);
		rl_comparison_free(t->v[i].cmp);
		rl_doc_free(t->v[i].passage);
		rl_doc_free(t->v[i].doc);
	}
	free(t->v);
	free(t->rev);
	free(t);
}

size_t rl_trace_step_count(const rl_trace *t)
{
	return t->n;
}

const rl_trace_step *rl_trace_step_at(const rl_trace *t, size_t i)
{
	return i < t->n ? &t->v[i].pub : NULL;
}

size_t rl_trace_searched(const rl_trace *t)
{
	return t->searched;
}

/* ---- the followed paragraph ------------------------------------------------ */

/* Case-folded text with white space runs as one space. */
static int folded(rl_buf *out, const char *s, size_t len)
{
	rl_buf f = RL_BUF_INIT;
	int err = rl_text_fold(&f, s, len), space = 0;

	rl_buf_clear(out);
	for (size_t i = 0; err == 0 && i < f.len; i++) {
		char ch = f.data[i];

		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f') {
			space = out->len > 0;
			continue;
		}
		if (space)
			err = rl_buf_putc(out, ' ');
		space = 0;
		err = err ? err : rl_buf_putc(out, ch);
	}
	if (err == 0 && !out->data)
		err = rl_buf_puts(out, "");
	rl_buf_free(&f);
	return err;
}

int rl_trace__find_quote(size_t *para, int *found, const rl_doc *doc, const char *quote)
{
	rl_buf q = RL_BUF_INIT, p = RL_BUF_INIT;
	const char *data = rl_doc_data(doc, NULL);
	int err = folded(&q, quote, strlen(quote));

	*found = 0;
	for (size_t i = 0; err == 0 && i < rl_doc_paragraph_count(doc) && q.len; i++) {
		rl_paragraph r = rl_doc_paragraph(doc, i);

		if ((err = folded(&p, data + r.start, r.end - r.start)) == 0 && strstr(p.data, q.data)) {
			*para = i;
			*found = 1;
			break;
		}
	}
	rl_buf_free(&q);
	rl_buf_free(&p);
	return err;
}

/* The best related link from old paragraph `para` (SIZE_MAX: any). */
static const rl_link *best_link(const rl_comparison *cmp, size_t para)
{
	const rl_link *best = NULL;

	for (size_t k = 0; k < rl_comparison_link_count(cmp); k++) {
		const rl_link *l = rl_comparison_link(cmp, k);

		if (!l->n_old || !l->n_new || (para != SIZE_MAX && l->old_paras[0] != para))
			continue;
		if (!best || l->similarity > best->similarity)
			best = l;
	}
	return best;
}

/* A quote not found word for word: the paragraph related mode links best
 * to it. */
static int quote_related(size_t *para, const rl_doc *doc, const char *quote,
                         const rl_options *opts)
{
	rl_doc *q = NULL;
	rl_comparison *cmp = NULL;
	const rl_link *l;
	int err;

	if ((err = rl_doc_load_buffer(&q, "quote", quote, strlen(quote))) < 0 ||
	    (err = rl_compare(&cmp, q, doc, opts)) < 0)
		goto done;
	if ((l = best_link(cmp, SIZE_MAX)))
		*para = l->new_paras[0];
	else
		err = rl_error_set(RL_ENOTFOUND, "%s: no paragraph contains or resembles the quote",
		                   rl_doc_name(doc));
done:
	rl_comparison_free(cmp);
	rl_doc_free(q);
	return err;
}

static int pick_paragraph(size_t *para, const rl_doc *doc, const rl_trace_options *o,
                          const rl_options *related)
{
	size_t n = rl_doc_paragraph_count(doc);
	int found, err;

	if (o->para) {
		if (o->para > n)
			return rl_error_set(RL_EINVALID, "%s has %zu paragraphs, not %zu", rl_doc_name(doc),
			                    n, o->para);
		*para = o->para - 1;
		return 0;
	}
	if (!o->quote || !*o->quote)
		return rl_error_set(RL_EINVALID, "give a paragraph number or a quote to follow");
	if ((err = rl_trace__find_quote(para, &found, doc, o->quote)) < 0 || found)
		return err;
	return quote_related(para, doc, o->quote, related);
}

/* ---- the search ------------------------------------------------------------- */

static step *push_step(rl_trace *t, const rl_corpus_entry *e, rl_doc *doc, size_t para,
                       double similarity)
{
	step *s;

	if (rl_grow(&t->v, &t->cap, t->n + 1, sizeof(step)) < 0)
		return NULL;
	s = &t->v[t->n];
	memset(s, 0, sizeof(*s));
	if (!(s->name = rl_strdup(e->name)))
		return NULL;
	memcpy(s->commit, e->commit, sizeof(s->commit));
	s->doc = doc;
	s->pub.date = e->date;
	s->pub.para = para;
	s->pub.similarity = similarity;
	t->n++;
	return s;
}

/* One document to search, in a batch the worker threads share. */
typedef struct candidate {
	const rl_corpus_entry *e;
	char *data;       /* its bytes, read by the main thread (libgit2) */
	size_t len;
	rl_doc *doc;      /* kept when the followed paragraph has a passage */
	size_t para;
	double similarity;
} candidate;

typedef struct pool {
	candidate *v;
	size_t n;
	const rl_doc *src;
	size_t para;
	const rl_options *related;
	rl_related_from *from; /* the source analysed once; NULL: compare each */
	rl_related_scratch *scratch[MAX_THREADS]; /* per worker */
} pool;

/* ---- a few threads over independent comparisons ----------------------------- */

typedef struct par {
	int (*fn)(void *ctx, size_t i, size_t worker);
	void *ctx;
	size_t n;
	atomic_size_t next;
	atomic_size_t workers;
	pthread_mutex_t lock;
	int err;          /* the first failure, its message below */
	char msg[512];
} par;

static void *par_worker(void *arg)
{
	par *p = arg;
	size_t i, worker = atomic_fetch_add(&p->workers, 1);

	while ((i = atomic_fetch_add(&p->next, 1)) < p->n) {
		int err;

		pthread_mutex_lock(&p->lock);
		err = p->err;
		pthread_mutex_unlock(&p->lock);
		if (err || (err = p->fn(p->ctx, i, worker)) == 0)
			continue;
		pthread_mutex_lock(&p->lock);
		if (!p->err) {
			p->err = err;
			snprintf(p->msg, sizeof(p->msg), "%s", rl_error_last());
		}
		pthread_mutex_unlock(&p->lock);
	}
	return NULL;
}

/* fn(ctx, i, worker) for every i below n, on up to one thread per
 * processor (at least 4 items each), `worker` numbering the threads from
 * 0 (below MAX_THREADS); the first failure stops the rest and is returned
 * with its message.  libgit2 is never called from here. */
static int parallel_for(size_t n, int (*fn)(void *ctx, size_t i, size_t worker), void *ctx)
{
	pthread_t tid[MAX_THREADS];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t want = cpus < 1 ? 1 : cpus > MAX_THREADS ? MAX_THREADS : (size_t)cpus, started = 0;
	par p;

	memset(&p, 0, sizeof(p));
	p.fn = fn;
	p.ctx = ctx;
	p.n = n;
	atomic_init(&p.next, 0);
	atomic_init(&p.workers, 0);
	pthread_mutex_init(&p.lock, NULL);
	if (want > n / 4)
		want = n / 4 ? n / 4 : 1;
	while (started + 1 < want && pthread_create(&tid[started], NULL, par_worker, &p) == 0)
		started++;
	par_worker(&p);
	for (size_t i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	pthread_mutex_destroy(&p.lock);
	return p.err ? rl_error_set(p.err, "%s", p.msg) : 0;
}

/* ---- searching each document ------------------------------------------------- */

/* The best related link from the followed paragraph into one other
 * document: the link a related-mode comparison of the two would make,
 * found with the source analysed once (no word diff); or, when the other
 * document would choose the language, by that comparison itself. */
static int search_one(void *ctx, size_t i, size_t worker)
{
	pool *p = ctx;
	candidate *k = &p->v[i];
	rl_comparison *cmp = NULL;
	const rl_link *l;
	int found, err = rl_doc__from_bytes(&k->doc, k->e->name, k->data, k->len);

	k->data = NULL; /* the document owns (or freed) the bytes */
	if (err == RL_EINVALID) {
		/* not text (a binary file kept in the corpus): nothing to find */
		rl_error_clear();
		return 0;
	}
	if (err < 0)
		return err;
	if (p->from) {
		if ((err = rl_related_from_best(p->from, &p->scratch[worker], k->doc, &found, &k->para,
		                                &k->similarity)) < 0)
			return err;
		if (!found) {
			rl_doc_free(k->doc);
			k->doc = NULL;
		}
		return 0;
	}
	if ((err = rl_compare(&cmp, p->src, k->doc, p->related)) < 0)
		return err;
	if ((l = best_link(cmp, p->para))) {
		k->para = l->new_paras[0];
		k->similarity = l->similarity;
	} else {
		rl_doc_free(k->doc);
		k->doc = NULL;
	}
	rl_comparison_free(cmp);
	return 0;
}

/* Keep the candidates that matched as steps (if `keep`); free the rest. */
static int collect(rl_trace *t, pool *p, int keep)
{
	int err = 0;

	for (size_t i = 0; i < p->n; i++) {
		candidate *k = &p->v[i];

		free(k->data);
		if (k->doc && keep && err == 0) {
			if (push_step(t, k->e, k->doc, k->para, k->similarity))
				k->doc = NULL;
			else
				err = RL_ENOMEM;
		}
		rl_doc_free(k->doc);
		memset(k, 0, sizeof(*k));
	}
	return err;
}

/* Every document but the source, BATCH at a time: read the blobs, search
 * them in parallel, keep the matches. */
static int search_all(rl_trace *t, rl_corpus *c, const rl_corpus_entries *list, int src_i,
                      const rl_trace_options *o, pool *p)
{
	size_t i = 0, done = 0;
	int err = 0, e2;

	if (!(p->v = rl_calloc(BATCH, sizeof(candidate))))
		return RL_ENOMEM;
	while (i < list->n && err == 0) {
		for (p->n = 0; i < list->n && p->n < BATCH && err == 0; i++) {
			candidate *k = &p->v[p->n];

			if ((int)i == src_i)
				continue;
			k->e = &list->v[i];
			err = rl_corpus_read(&k->data, &k->len, c, k->e->new_id);
			p->n++;
		}
		if (err == 0)
			err = parallel_for(p->n, search_one, p);
		if ((e2 = collect(t, p, err == 0)) < 0 && err == 0)
			err = e2;
		done += p->n;
		t->searched = done;
		if (err == 0 && o->progress && o->progress(done, list->n - 1, o->payload))
			err = rl_error_set(RL_EGENERIC, "cancelled");
	}
	free(p->v);
	return err;
}

static int cmp_step(const void *x, const void *y)
{
	const step *a = x, *b = y;

	if (a->pub.date.time != b->pub.date.time)
		return a->pub.date.time < b->pub.date.time ? -1 : 1;
	if (a->pub.source != b->pub.source)
		return a->pub.source ? -1 : 1;
	/* on one date, the closest passage first */
	if (a->pub.similarity != b->pub.similarity)
		return a->pub.similarity > b->pub.similarity ? -1 : 1;
	return strcmp(a->name, b->name);
}

typedef struct chain_ctx {
	rl_trace *t;
	const rl_options *opts;
} chain_ctx;

/* Step i + 1's passage against step i's. */
static int chain_one(void *ctx, size_t i, size_t worker)
{
	chain_ctx *x = ctx;
	step *s = &x->t->v[i + 1];
	int err = rl_compare(&s->cmp, x->t->v[i].passage, s->passage, x->opts);

	if (err == 0) {
		s->pub.from_previous = s->cmp;
		s->pub.link = best_link(s->cmp, SIZE_MAX);
	}
	return err;
}

/* Each passage alone, compared with the previous one (in parallel). */
static int chain(rl_trace *t, const rl_options *base)
{
	rl_options o = *base;
	chain_ctx x = {t, &o};
	int err = 0;

	o.mode = RL_MODE_RELATED;
	o.min_similarity = 0;
	for (size_t i = 0; i < t->n && err == 0; i++) {
		step *s = &t->v[i];
		rl_paragraph p = rl_doc_paragraph(s->doc, s->pub.para);

		s->pub.name = s->name;
		s->pub.commit = s->commit;
		s->pub.doc = s->doc;
		err = rl_doc_load_buffer(&s->passage, s->name, rl_doc_data(s->doc, NULL) + p.start,
		                         p.end - p.start);
	}
	return err || t->n < 2 ? err : parallel_for(t->n - 1, chain_one, &x);
}

static int find_source(const rl_corpus_entries *list, const char *name, const char *rev)
{
	for (size_t i = 0; i < list->n; i++)
		if (!strcmp(list->v[i].name, name))
			return (int)i;
	return rl_error_set(RL_ENOTFOUND, "no document '%s' at %s", name, rev ? rev : "HEAD");
}

static int search(rl_trace *t, rl_corpus *c, const rl_corpus_entries *list, int src_i,
                  const rl_trace_options *o, const rl_options *related)
{
	rl_doc *src = NULL;
	rl_options quiet = *related;
	pool p;
	step *s;
	int err;

	/* the search needs similarities only; semantic changes come with the
	 * chain of passages */
	quiet.changes = 0;
	memset(&p, 0, sizeof(p));
	if ((err = rl_corpus_load(&src, c, list->v[src_i].new_id, list->v[src_i].name)) < 0 ||
	    (err = pick_paragraph(&p.para, src, o, related)) < 0) {
		rl_doc_free(src);
		return err;
	}
	if (!(s = push_step(t, &list->v[src_i], src, p.para, 1.0))) {
		rl_doc_free(src);
		return RL_ENOMEM;
	}
	s->pub.source = 1;
	p.src = src;
	p.related = &quiet;
	if ((err = rl_related_from_new(&p.from, src, p.para, &quiet)) >= 0)
		err = search_all(t, c, list, src_i, o, &p);
	rl_related_from_free(p.from);
	for (size_t i = 0; i < MAX_THREADS; i++)
		rl_related_scratch_free(p.scratch[i]);
	return err;
}

int rl_trace_run(rl_trace **out, rl_corpus *c, const char *name, const rl_trace_options *o)
{
	rl_trace_options defaults;
	rl_corpus_entries list = {NULL, 0};
	rl_options related;
	rl_trace *t;
	int err, src_i;

	*out = NULL;
	if (!o) {
		rl_trace_options_init(&defaults);
		o = &defaults;
	}
	related = o->compare;
	related.mode = RL_MODE_RELATED;
	if (!(t = rl_calloc(1, sizeof(*t))) || !(t->rev = rl_strdup(o->rev ? o->rev : "HEAD"))) {
		rl_trace_free(t);
		return RL_ENOMEM;
	}
	if ((err = rl_corpus_list(&list, c, o->rev ? o->rev : "HEAD")) < 0 ||
	    (err = src_i = find_source(&list, name, o->rev)) < 0 ||
	    (err = search(t, c, &list, src_i, o, &related)) < 0)
		goto done;
	qsort(t->v, t->n, sizeof(step), cmp_step);
	err = chain(t, &related);
done:
	rl_corpus_entries_free(&list);
	if (err < 0) {
		rl_trace_free(t);
		return err;
	}
	*out = t;
	return 0;
}

/* ---- rendering -------------------------------------------------------------- */

#define C_DEL "\033[31;9m"
#define C_INS "\033[32;4m"
#define C_HEAD "\033[1m"
#define C_OFF "\033[0m"

static void piece(rl_out *o, char op, const char *s, size_t len, int color)
{
	if (op == '=') {
		rl_out_put(o, s, len);
		return;
	}
	rl_out_puts(o, color ? (op == '-' ? C_DEL : C_INS) : op == '-' ? "[-" : "{+");
	rl_out_put(o, s, len);
	rl_out_puts(o, color ? C_OFF : op == '-' ? "-]" : "+}");
}

/* The word diff of step `i` against the step before. */
static void text_words(rl_out *o, const rl_trace *t, size_t i, int color)
{
	const step *s = &t->v[i];
	const rl_link *l = s->pub.link;
	const char *a = rl_doc_data(t->v[i - 1].passage, NULL), *b = rl_doc_data(s->passage, NULL);
	size_t len;

	if (!l || !l->n_edits) {
		/* nothing in common: the old passage out, the new one in */
		piece(o, '-', a, strlen(a), color);
		rl_out_puts(o, " ");
		b = rl_doc_data(s->passage, &len);
		piece(o, '+', b, len, color);
		return;
	}
	for (size_t k = 0; k < l->n_edits; k++) {
		const rl_edit *e = &l->edits[k];

		piece(o, (char)e->op, (e->op == RL_EDIT_INSERT ? b : a) + e->start, e->end - e->start,
		      color);
	}
}

static void text_changes(rl_out *o, const rl_trace *t, size_t i)
{
	const rl_link *l = t->v[i].pub.link;
	const char *a = rl_doc_data(t->v[i - 1].passage, NULL), *b = rl_doc_data(t->v[i].passage, NULL);

	for (size_t k = 0; l && k < l->n_changes; k++) {
		const rl_change *ch = &l->changes[k];

		rl_out_printf(o, "  %s: \"%.*s\" -> \"%.*s\"%s%s\n", rl_change_type_name(ch->type),
		              (int)(ch->old_end - ch->old_start), a + ch->old_start,
		              (int)(ch->new_end - ch->new_start), b + ch->new_start,
		              ch->detail ? " " : "", ch->detail ? ch->detail : "");
	}
}

static void render_text(rl_out *o, const rl_trace *t, int color)
{
	char date[40];

	for (size_t i = 0; i < t->n; i++) {
		const step *s = &t->v[i];
		rl_paragraph p = rl_doc_paragraph(s->doc, s->pub.para);

		if (color)
			rl_out_puts(o, C_HEAD);
		rl_out_printf(o, "== %s %s ¶%zu", rl_date_format(date, sizeof(date), s->pub.date, 0),
		              s->name, s->pub.para + 1);
		if (s->pub.source)
			rl_out_puts(o, " (followed)");
		else
			rl_out_printf(o, " similarity %.2f", s->pub.similarity);
		if (color)
			rl_out_puts(o, C_OFF);
		rl_out_puts(o, "\n");
		if (i == 0)
			rl_out_put(o, rl_doc_data(s->doc, NULL) + p.start, p.end - p.start);
		else
			text_words(o, t, i, color);
		rl_out_puts(o, "\n");
		if (i > 0)
			text_changes(o, t, i);
		rl_out_puts(o, "\n");
	}
	rl_out_printf(o, "trace: %zu passage%s in %zu of %zu documents at %s\n", t->n,
	              t->n == 1 ? "" : "s", t->n, t->searched + 1, t->rev);
}

static void json_words(rl_out *o, const rl_trace *t, size_t i)
{
	const rl_link *l = t->v[i].pub.link;
	const char *a = rl_doc_data(t->v[i - 1].passage, NULL), *b = rl_doc_data(t->v[i].passage, NULL);

	rl_out_puts(o, ", \"words\": [");
	for (size_t k = 0; l && k < l->n_edits; k++) {
		const rl_edit *e = &l->edits[k];

		rl_out_printf(o, "%s[\"%c\", ", k ? ", " : "", (char)e->op);
		rl_out_json_string(o, (e->op == RL_EDIT_INSERT ? b : a) + e->start, e->end - e->start);
		rl_out_puts(o, "]");
	}
	rl_out_puts(o, "], \"changes\": [");
	for (size_t k = 0; l && k < l->n_changes; k++) {
		const rl_change *ch = &l->changes[k];

		rl_out_printf(o, "%s{\"type\": \"%s\", \"old\": ", k ? ", " : "",
		              rl_change_type_name(ch->type));
		rl_out_json_string(o, a + ch->old_start, ch->old_end - ch->old_start);
		rl_out_puts(o, ", \"new\": ");
		rl_out_json_string(o, b + ch->new_start, ch->new_end - ch->new_start);
		rl_out_puts(o, "}");
	}
	rl_out_puts(o, "]");
}

static void render_json(rl_out *o, const rl_trace *t)
{
	char date[40];

	rl_out_puts(o, "{\"format\": \"redline-trace/1\", \"rev\": ");
	rl_out_json_string(o, t->rev, strlen(t->rev));
	rl_out_printf(o, ", \"searched\": %zu, \"steps\": [", t->searched + 1);
	for (size_t i = 0; i < t->n; i++) {
		const step *s = &t->v[i];
		rl_paragraph p = rl_doc_paragraph(s->doc, s->pub.para);

		rl_out_puts(o, i ? ",\n  {\"name\": " : "\n  {\"name\": ");
		rl_out_json_string(o, s->name, strlen(s->name));
		rl_out_printf(o, ", \"date\": \"%s\", \"commit\": \"%s\", \"paragraph\": %zu, "
		              "\"start\": %zu, \"end\": %zu, \"similarity\": %.4f, \"followed\": %s, "
		              "\"text\": ", rl_date_format(date, sizeof(date), s->pub.date, 1), s->commit,
		              s->pub.para, p.start, p.end, s->pub.similarity,
		              s->pub.source ? "true" : "false");
		rl_out_json_string(o, rl_doc_data(s->doc, NULL) + p.start, p.end - p.start);
		if (i > 0)
			json_words(o, t, i);
		rl_out_puts(o, "}");
	}
	rl_out_puts(o, "\n]}\n");
}

/* ---- HTML ------------------------------------------------------------------- */

static int64_t year_of(int64_t t)
{
	int64_t y = 1970 + t / (int64_t)(365.2425 * 86400);

	while (rl_date__days_from_civil(y, 1, 1) * 86400 > t)
		y--;
	while (rl_date__days_from_civil(y + 1, 1, 1) * 86400 <= t)
		y++;
	return y;
}

static int heat_class(double v)
{
	int b = (int)(v * 10);

	return b < 0 ? 0 : b > 9 ? 9 : b;
}

enum { AX_W = 760, AX_L = 20, AX_R = 20, AX_Y = 44, AX_H = 68 };

/* The x of time `t` on an axis from t0 to t1. */
static double axis_x(int64_t t, int64_t t0, int64_t t1)
{
	if (t1 <= t0)
		return AX_L + (AX_W - AX_L - AX_R) / 2.0;
	return AX_L + (double)(t - t0) * (AX_W - AX_L - AX_R) / (double)(t1 - t0);
}

/* The steps on a date axis: a dot per step, the larger and darker the
 * closer to the followed passage, steps close in time stacked; each dot
 * links to its step. */
static void html_axis(rl_out *o, const rl_trace *t)
{
	int64_t t0 = t->v[0].pub.date.time, t1 = t->v[t->n - 1].pub.date.time, y0, y1, every = 1;
	double *xs = rl_calloc(t->n + 1, sizeof(double));
	char date[40];

	rl_out_printf(o, "<figure class=\"trace-axis\"><h3>Timeline</h3><svg viewBox=\"0 0 %d %d\" "
	                 "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%zu passages by date\">",
	              AX_W, AX_H, AX_W, AX_H, t->n);
	y0 = year_of(t0);
	y1 = year_of(t1) + 1;
	while ((y1 - y0) / every > 12)
		every = every == 1 ? 2 : every == 2 ? 5 : every * 2;
	if (t1 > t0) {
		t0 = rl_date__days_from_civil(y0, 1, 1) * 86400;
		t1 = rl_date__days_from_civil(y1, 1, 1) * 86400;
		for (int64_t y = y0; y <= y1; y += every) {
			double x = axis_x(rl_date__days_from_civil(y, 1, 1) * 86400, t0, t1);

			rl_out_printf(o, "<line class=\"tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
			                 "<text x=\"%.1f\" y=\"%d\">%lld</text>",
			              x, AX_Y - 4, x, AX_Y + 4, x - 12, AX_Y + 18, (long long)y);
		}
	}
	rl_out_printf(o, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", AX_L, AX_Y,
	              AX_W - AX_R, AX_Y);
	for (size_t i = 0; i < t->n; i++) {
		const step *s = &t->v[i];
		double x = axis_x(s->pub.date.time, t0, t1), r = 3 + 5 * s->pub.similarity;
		size_t stack = 0;

		if (xs)
			for (size_t k = 0; k < i; k++)
				stack += xs[k] > x - 8 && xs[k] < x + 8;
		if (xs)
			xs[i] = x;
		rl_out_printf(o, "<a href=\"#s%zu\"><circle class=\"h%d%s\" cx=\"%.1f\" cy=\"%zu\" r=\"%.1f\">"
		                 "<title>", i + 1, heat_class(s->pub.similarity),
		              s->pub.source ? " src" : "", x, (size_t)AX_Y - 12 * stack, r);
		rl_date_format(date, sizeof(date), s->pub.date, 0); /* before strlen(date) */
		rl_out_html(o, date, strlen(date));
		rl_out_puts(o, " ");
		rl_out_html(o, s->name, strlen(s->name));
		rl_out_printf(o, " ¶%zu", s->pub.para + 1);
		if (s->pub.source)
			rl_out_puts(o, " (followed)");
		else
			rl_out_printf(o, ", similarity %.2f", s->pub.similarity);
		rl_out_puts(o, "</title></circle></a>");
	}
	rl_out_puts(o, "</svg><figcaption>Each dot is one document's passage at its document date; "
	               "the larger and darker, the closer to the followed passage.</figcaption>"
	               "</figure>\n");
	free(xs);
}

/* Step i's passage: its word diff against the step before. */
static void html_words(rl_out *o, const rl_trace *t, size_t i)
{
	const rl_link *l = t->v[i].pub.link;
	const char *a = rl_doc_data(t->v[i - 1].passage, NULL), *b;
	size_t la, lb;

	a = rl_doc_data(t->v[i - 1].passage, &la);
	b = rl_doc_data(t->v[i].passage, &lb);
	if (!l || !l->n_edits) {
		rl_html_piece(o, '-', a, la);
		rl_out_puts(o, " ");
		rl_html_piece(o, '+', b, lb);
		return;
	}
	for (size_t k = 0; k < l->n_edits; k++) {
		const rl_edit *e = &l->edits[k];

		rl_html_piece(o, (char)e->op, (e->op == RL_EDIT_INSERT ? b : a) + e->start,
		              e->end - e->start);
	}
}

static void html_step(rl_out *o, const rl_trace *t, size_t i)
{
	const step *s = &t->v[i];
	rl_paragraph p = rl_doc_paragraph(s->doc, s->pub.para);
	char date[40], id[32];

	rl_date_format(date, sizeof(date), s->pub.date, 0);
	rl_out_printf(o, "<li class=\"step%s\" id=\"s%zu\"><div class=\"sh\"><time datetime=\"",
	              i ? " chg" : "", i + 1);
	rl_out_html(o, date, strlen(date));
	rl_out_puts(o, "\">");
	rl_out_html(o, date, strlen(date));
	rl_out_printf(o, "</time><a href=\"#s%zu\"><b>", i + 1);
	rl_out_html(o, s->name, strlen(s->name));
	rl_out_printf(o, "</b></a><span>¶%zu</span>", s->pub.para + 1);
	if (s->pub.source) {
		rl_out_puts(o, "<span class=\"followed\">the followed passage</span>");
	} else {
		rl_out_printf(o, "<span>similarity %.2f <svg class=\"simbar\" width=\"60\" height=\"8\" "
		                 "aria-hidden=\"true\"><rect class=\"bg\" width=\"60\" height=\"8\"/>"
		                 "<rect class=\"h%d\" width=\"%.0f\" height=\"8\"/></svg></span>",
		              s->pub.similarity, heat_class(s->pub.similarity), 60 * s->pub.similarity);
	}
	rl_out_printf(o, "<span class=\"commit\">%.12s</span>", s->commit);
	if (i && s->pub.link && s->pub.link->n_changes) {
		snprintf(id, sizeof(id), "s%zu", i + 1);
		rl_html_badges(o, s->pub.link, rl_doc_data(t->v[i - 1].passage, NULL),
		               rl_doc_data(s->passage, NULL), id, id);
	}
	rl_out_printf(o, "</div><p class=\"passage\" data-p=\"%zu\">", s->pub.para + 1);
	if (i == 0)
		rl_out_html(o, rl_doc_data(s->doc, NULL) + p.start, p.end - p.start);
	else
		html_words(o, t, i);
	rl_out_puts(o, i ? "</p><p class=\"vs\">words against the passage before: "
	                   "<del>deleted</del>, <ins>inserted</ins></p></li>\n"
	                 : "</p></li>\n");
}

static int render_html(rl_out *o, const rl_trace *t)
{
	const step *src = t->v;
	rl_buf title = RL_BUF_INIT;

	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].pub.source)
			src = &t->v[i];
	if (rl_buf_printf(&title, "redline trace: %s ¶%zu", src->name, src->pub.para + 1) < 0) {
		rl_buf_free(&title);
		return RL_ENOMEM;
	}
	rl_html_begin(o, title.data);
	rl_buf_free(&title);
	rl_out_puts(o, "<section class=\"trace\"><p class=\"meta\">The passage of ");
	rl_out_html(o, src->name, strlen(src->name));
	rl_out_printf(o, " ¶%zu followed through the corpus at ", src->pub.para + 1);
	rl_out_html(o, t->rev, strlen(t->rev));
	rl_out_printf(o, ": %zu passage%s in %zu of %zu documents, in document-date order, each "
	                 "with its similarity to the followed passage, its words against the "
	                 "passage before and the changes of meaning.</p>\n",
	              t->n, t->n == 1 ? "" : "s", t->n, t->searched + 1);
	html_axis(o, t);
	rl_out_puts(o, "<div class=\"timeline\"><ol>\n");
	for (size_t i = 0; i < t->n; i++)
		html_step(o, t, i);
	rl_out_puts(o, "</ol></div></section>\n");
	rl_html_end(o);
	return 0;
}

int rl_trace_render(const rl_trace *t, rl_format format, int color, rl_write_fn write,
                    void *payload)
{
	rl_out *o = rl_malloc(sizeof(*o));
	int err = 0;

	if (!o)
		return RL_ENOMEM;
	rl_out_init(o, write, payload);
	if (format == RL_FORMAT_TEXT)
		render_text(o, t, color);
	else if (format == RL_FORMAT_JSON)
		render_json(o, t);
	else if (format == RL_FORMAT_HTML)
		err = render_html(o, t);
	else
		err = rl_error_set(RL_EINVALID, "trace: output is text, json or html");
	if (!err)
		err = rl_out_finish(o);
	free(o);
	return err;
}
