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

/* Both versions of a change entry and their comparison. */
typedef struct rl_corpus_pair {
	rl_doc *a, *b;
	rl_comparison *cmp;
} rl_corpus_pair;

/* Load both sides of `e`, named "OLD_REV:NAME" and "NEW_REV:NAME" (just
 * NAME when a revision is NULL), and compare them.  On failure the pair
 * is empty.  Fails like rl_corpus_load() and rl_compare(). */
int rl_corpus__compare(rl_corpus_pair *p, rl_corpus *c, const rl_corpus_entry *e,
                       const char *old_rev, const char *new_rev, const rl_options *opts);

/* Release the documents and the comparison.  Cannot fail. */
void rl_corpus__pair_free(rl_corpus_pair *p);

/* Read the file `path` (any name, such as the policy file) at `rev`, or
 * in the work tree when `rev` is NULL.  Fails with RL_ENOTFOUND when it is
 * absent, like rl_corpus_read() otherwise. */
int rl_corpus__read_path(char **data, size_t *len, rl_corpus *c, const char *rev,
                         const char *path);

#endif
