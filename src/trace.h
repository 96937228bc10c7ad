/*
 * trace — follow a statement through a corpus: for one paragraph of one
 * document, the passage related mode links best to it in every other
 * document, in document-date order, each compared with the one before.
 * The public API (rl_trace_*) is in redline.h.
 */
#ifndef RL_TRACE_H
#define RL_TRACE_H

#include "redline.h"
#include "util.h"

/* The paragraph of `doc` that contains `quote` after case folding and
 * with white space runs as one space; `*found` is 0 when none does.
 * Fails with RL_ENOMEM. */
int rl_trace__find_quote(size_t *para, int *found, const rl_doc *doc, const char *quote);

#endif
