/*
 * worddiff — the token-level edit script inside one aligned pair.
 *
 * Units are non-space tokens with the white space that follows them; they
 * are compared by key (NFC + casefold), so the alignment is robust, while
 * emission compares bytes, so the script is exact: '=' pieces are
 * byte-identical on both sides, the '=' and '-' pieces concatenate to the
 * old range and the '=' and '+' pieces to the new one.
 */
#ifndef RL_WORDDIFF_H
#define RL_WORDDIFF_H

#include "redline.h"
#include "text.h"

typedef struct rl_edits {
	rl_edit *v;
	size_t n;
	size_t cap;
	size_t floor; /* pushes never merge into edits below this index */
} rl_edits;

/* Reusable working memory; zero-initialise, release with
 * rl_worddiff_scratch_free(). */
typedef struct rl_worddiff_scratch rl_worddiff_scratch;

int rl_worddiff_scratch_new(rl_worddiff_scratch **out);
void rl_worddiff_scratch_free(rl_worddiff_scratch *s);

/* The tokens of the last pair diffed (old side, new side): those of the
 * part between the byte-identical head and tail that the diff skips, which
 * may be empty.  Borrowed from the scratch; valid until its next use. */
const rl_tokens *rl_worddiff_old_tokens(const rl_worddiff_scratch *s);
const rl_tokens *rl_worddiff_new_tokens(const rl_worddiff_scratch *s);

/* Diff a[a0..a1) against b[b0..b1) and append the edit script to `out`.
 * Sets *changed to 1 when the ranges differ after normalisation (white
 * space, NFC; case counts as a change).  Fails only with RL_ENOMEM. */
int rl_worddiff(rl_edits *out, int *changed, rl_worddiff_scratch *s, const char *a, size_t a0,
                size_t a1, const char *b, size_t b0, size_t b1);

/* The share of tokens the last diff matched: 2 * matched / (old + new
 * tokens), white space not counted; 1 when both sides are empty. */
double rl_worddiff_matched(const rl_worddiff_scratch *s);

/* Start a new script in `e`: later pushes never merge into earlier
 * scripts.  Cannot fail. */
void rl_edits_begin(rl_edits *e);

/* Append one edit, merging with the previous one when it continues it.
 * Fails only with RL_ENOMEM. */
int rl_edits_push(rl_edits *e, rl_edit_op op, size_t start, size_t end);

void rl_edits_free(rl_edits *e);

#endif
