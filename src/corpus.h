/*
 * corpus — the git-backed document store.  The public functions
 * (rl_corpus_*) are declared in redline.h; this header holds what the
 * trace and check modules share with it.  Only corpus.c includes <git2.h>.
 */
#ifndef RL_CORPUS_H
#define RL_CORPUS_H

#include "redline.h"

/* The policy file at the root of a corpus; never a document. */
#define RL_CORPUS_POLICY ".redline"

/* Load the new (`new_side` 1) or old side of a change entry as a document
 * named "REV:NAME"-style after `label` (NULL: the name).  An absent side
 * loads as an empty document.  Fails like rl_corpus_load(). */
int rl_corpus__load_side(rl_doc **out, rl_corpus *c, const rl_corpus_entry *e, int new_side,
                         const char *label);

#endif
