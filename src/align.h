/*
 * align — paragraph alignment of two documents, in either mode.  Produces
 * links between paragraph ranges; the comparison (compare.c) then runs the
 * word diff inside each link and decides equal versus edited.
 */
#ifndef RL_ALIGN_H
#define RL_ALIGN_H

#include "doc.h"
#include "worddiff.h"

typedef struct rl_alink {
	uint8_t kind;      /* rl_link_kind; RL_LINK_EQUAL stands for "in order,
	                      equal or edited" until the word diff decides */
	uint32_t o0, o1;   /* old paragraphs [o0, o1); empty for inserted */
	uint32_t n0, n1;   /* new paragraphs [n0, n1); empty for deleted */
	uint64_t skip_old; /* bit k: old paragraph o0 + k is not in the link (a
	                      paragraph that landed between two parts of a merge) */
	uint64_t skip_new; /* likewise for the new side (inside a split) */
	double similarity;
	size_t edit_off;   /* when has_edits: the word diff, already computed, */
	uint32_t n_edits;  /* at edits[edit_off..+n_edits) of the pool given */
	uint8_t has_edits; /* to rl_align_versions() */
	uint8_t changed;   /* when has_edits: the word diff saw a change */
} rl_alink;

typedef struct rl_alinks {
	rl_alink *v;
	size_t n;
	size_t cap;
} rl_alinks;

int rl_alinks_push(rl_alinks *l, rl_link_kind kind, uint32_t o0, uint32_t o1, uint32_t n0,
                   uint32_t n1, double similarity);
void rl_alinks_free(rl_alinks *l);

/* Told once, as soon as the pairs made in place are final (before the
 * similarity stage, the slower part): links [from, to) of `l`, one old and
 * one new paragraph each with has_edits set, whose edit scripts are in
 * `edits`.  Both may move or change after the call returns. */
typedef struct rl_align_hook {
	void (*in_place)(void *arg, const rl_alinks *l, size_t from, size_t to,
	                 const rl_edits *edits);
	void *arg;
} rl_align_hook;

/* Versions mode: every paragraph of `a` and `b` ends up in exactly one
 * link.  Exact matches first (an LCS of normalised paragraph hashes, then
 * out-of-order equal paragraphs, duplicates paired in order); between
 * them, as many old as new paragraphs are paired in place when their word
 * diff (appended to `edits`, computed with `wd`) shows they are the same
 * paragraph edited; then the rest by similarity through a shingle index:
 * edited, moved, split and merged paragraphs; what is left is inserted or
 * deleted.  A heaviest increasing subsequence over all pairs tells in-order
 * from moved.  `hook` (may be NULL) is told of the pairs made in place.
 * Fails only with RL_ENOMEM. */
int rl_align_versions(rl_alinks *out, const rl_doc *a, const rl_doc *b, rl_edits *edits,
                      rl_worddiff_scratch *wd, const rl_align_hook *hook);

/* Related mode: links of kind RL_LINK_RELATED, one old and one new
 * paragraph each, for every pair whose similarity reaches
 * opts->min_similarity (negative: the calibrated default).  Order-free and
 * many-to-many; links come grouped by new paragraph, best first.  The
 * language is opts->lang or detected; rarity comes from opts->stats or
 * from the paragraphs of both documents.  Fails with RL_EINVALID for an
 * unknown language, RL_EIO for unreadable data files, RL_ENOMEM. */
int rl_align_related(rl_alinks *out, const rl_doc *a, const rl_doc *b, const rl_options *opts);

/* A similarity grid scores every pair of paragraphs when there are at
 * most RL_GRID_EXACT, in cells of at most RL_GRID_BINS a side; otherwise
 * about RL_GRID_PAIRS pairs spread evenly over cells of at most
 * RL_GRID_SAMPLED_BINS a side. */
#define RL_GRID_EXACT 20000
#define RL_GRID_BINS 100
#define RL_GRID_PAIRS 2500
#define RL_GRID_SAMPLED_BINS 50

/* The grid size for documents of n_old and n_new paragraphs (0 when one
 * has none).  Cannot fail. */
void rl_align_grid_size(size_t n_old, size_t n_new, size_t *rows, size_t *cols);

/* The OLD × NEW similarity grid of a report's heatmap: the paragraphs of
 * `a` in `rows` bins and those of `b` in `cols` (paragraph p of n in bin
 * p * bins / n), as rl_align_grid_size() gives them; cell grid[r * cols +
 * q] the best similarity, as related mode scores a pair, of the pairs
 * scored in it: all of them up to RL_GRID_EXACT pairs, else paragraphs
 * spread evenly over each bin, as many as keep the pairs near
 * RL_GRID_PAIRS.  Rarity comes from the paragraphs scored (or
 * opts->stats).  -1 marks a cell where nothing was scored.  Fails with
 * RL_EINVALID (more bins than paragraphs, unknown language), RL_EIO,
 * RL_ENOMEM. */
int rl_align_grid(float *grid, size_t rows, size_t cols, const rl_doc *a, const rl_doc *b,
                  const rl_options *opts);

/* Related mode from one paragraph of `a` to many documents, `a` analysed
 * once.  rl_related_from_new() returns 1 with the prepared search in
 * `*out`, or 0 with NULL when it cannot be shared: no opts->lang and no
 * language detected in `a`, so each other document would choose it.
 * Fails like rl_align_related().  `a` and `opts->stats` must outlive it. */
typedef struct rl_related_from rl_related_from;
typedef struct rl_related_scratch rl_related_scratch;

int rl_related_from_new(rl_related_from **out, const rl_doc *a, size_t para,
                        const rl_options *opts);
void rl_related_from_free(rl_related_from *f);

/* The link rl_align_related(a, b, opts) would make from paragraph `para`
 * of `a` with the highest similarity (the lowest new paragraph on a tie):
 * `*found` 1 with its new paragraph and similarity, else 0.  No word diff.
 * `*scratch` (NULL at first) is working memory for one thread at a time,
 * kept between calls and released with rl_related_scratch_free(); several
 * threads may share `f`.  Fails like rl_align_related(). */
int rl_related_from_best(const rl_related_from *f, rl_related_scratch **scratch,
                         const rl_doc *b, int *found, size_t *para, double *similarity);
void rl_related_scratch_free(rl_related_scratch *s);

/* The share of paragraphs of the smaller document that a versions
 * alignment links to something (0..1).  Cannot fail. */
double rl_align_coverage(const rl_alinks *l, const rl_doc *a, const rl_doc *b);

#endif
