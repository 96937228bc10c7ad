/*
 * semantic — the differences inside one aligned pair that change what a
 * text says: numbers, dates, negation, modality, named entities and rare
 * terms.  Runs after the word diff, on the tokens and the edit script of
 * the pair; lexicons are data files (data/lang/<code>/, data/gazetteer/).
 */
#ifndef RL_SEMANTIC_H
#define RL_SEMANTIC_H

#include "doc.h"
#include "text.h"

typedef struct rl_semantic rl_semantic;

/* Load the lexicons of language `lang` ("nl"; NULL, or a language without
 * lexicons: those of every language under data/lang; then the texts tell
 * which to keep) and the gazetteer: read from disk at the first call for
 * `lang` in the process, shared read-only by every analyser on any thread
 * after, and freed at exit.  `a` and `b` (either may be NULL) are
 * borrowed until rl_semantic_free(): the rarity of terms is counted over
 * their paragraphs when a pair first needs it.  `types` is the bit set of
 * change types to detect.  Fails with RL_EIO, RL_EINVALID (a malformed
 * data file) or RL_ENOMEM. */
int rl_semantic_new(rl_semantic **out, const char *lang, unsigned types, const rl_doc *a,
                    const rl_doc *b);

/* An analyser of the same texts with the same lists and types as `model`,
 * for another thread (an analyser is not shared): the language `model`
 * chose is taken, not counted again, and the rarity of terms is counted
 * once, by whichever of the two needs it first.  `model` must outlive it.
 * Fails with RL_ENOMEM. */
int rl_semantic_sibling(rl_semantic **out, const rl_semantic *model);

/* Release (an analyser after its siblings).  NULL is a no-op. */
void rl_semantic_free(rl_semantic *s);

/* Find the changes between a[a0..a1) (the old side of a pair) and
 * b[b0..b1) (the new side), whose word edit script is `edits`, and append
 * them to the array (*v, *n, *cap), grown with rl_grow().  Details are
 * static strings.  Fails only with RL_ENOMEM (the first time a pair needs
 * rarity, it is counted over the texts given to rl_semantic_new()). */
int rl_semantic_detect(rl_change **v, size_t *n, size_t *cap, rl_semantic *s, const char *a,
                       size_t a0, size_t a1, const char *b, size_t b0, size_t b1,
                       const rl_edit *edits, size_t n_edits);

#endif
