/*
 * lcs — the diff core shared by the word diff and the paragraph aligner:
 * given two sequences of 64-bit keys, mark the elements that are not part
 * of an in-order matching (a longest common subsequence, or close to one on
 * expensive inputs).
 */
#ifndef RL_LCS_H
#define RL_LCS_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

typedef struct rl_lcs rl_lcs;

/* Reusable working memory. */
int rl_lcs_new(rl_lcs **out);
void rl_lcs_free(rl_lcs *s);

/* Set da[i] = 1 for every A[i] and db[j] = 1 for every B[j] left out of
 * the matching; the others are 0 and, taken in order, pair up with equal
 * keys.  `da` and `db` must hold na and nb bytes.  Fails only with
 * RL_ENOMEM. */
int rl_lcs_diff(rl_lcs *s, const uint64_t *A, size_t na, const uint64_t *B, size_t nb, uint8_t *da,
                uint8_t *db);

#endif
