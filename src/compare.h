/*
 * compare — the comparison model that every renderer reads: the two
 * documents, the mode, and the links in output order with their word edit
 * scripts and semantic changes.  Internal layout of the public
 * rl_comparison.
 */
#ifndef RL_COMPARE_H
#define RL_COMPARE_H

#include "doc.h"
#include "worddiff.h"

struct rl_comparison {
	const rl_doc *a, *b;
	rl_mode mode;
	int mode_auto;      /* 1 when the mode was chosen from the texts */
	rl_link *links;     /* output order: new-document order, deletions
	                       after the paragraph that preceded them */
	size_t n_links;
	uint32_t *idx;      /* paragraph indices the links point into */
	rl_edits edits;     /* all edit scripts, link after link */
	rl_change *changes; /* all semantic changes, link after link */
	size_t n_changes, changes_cap;
	int equal;
	/* with opts->heatmap: the OLD × NEW similarity grid (rl_align_grid()),
	 * grid_rows × grid_cols cells, at most RL_GRID_BINS a side; else NULL */
	float *grid;
	size_t grid_rows, grid_cols;
};


#endif
