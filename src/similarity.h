/*
 * similarity — how alike two passages are, as a number in [0, 1].
 *
 * A passage becomes a term vector of two families: its content words
 * (casefolded, Snowball-stemmed, stopwords removed, names with several forms
 * mapped to one through alias lists, compounds also as their parts, pairs
 * of adjacent words as terms of their own) and the character 4-grams of
 * those words, so that compounds and spelling variants still meet.  Terms are
 * weighted by rarity (idf) from a document-frequency table that the caller
 * fills — from the two documents being compared, from a whole corpus, or
 * from a batch of sentence pairs — and the score blends the cosines of the
 * two families.  A candidate index (an inverted index with a cap on common
 * terms) finds the vectors worth scoring without comparing all pairs.
 */
#ifndef RL_SIMILARITY_H
#define RL_SIMILARITY_H

#include <stddef.h>
#include <stdint.h>

#include "lang.h"
#include "text.h"
#include "util.h"

/* One weighted term of a vector. */
typedef struct rl_term {
	uint64_t key;
	float w; /* raw count until weighed, then the weight */
} rl_term;

/* A term vector: `n_words` word terms then `n_grams` n-gram terms, each
 * part sorted by key with distinct keys.  The terms are borrowed from the
 * arena or buffer they were built in. */
typedef struct rl_vec {
	rl_term *v;
	uint32_t n_words;
	uint32_t n_grams;
	uint32_t n_content; /* content words in the passage (with repeats) */
	float norm_words; /* Euclidean norms of the parts, set by weighing */
	float norm_grams;
} rl_vec;

/* ---- document frequencies ------------------------------------------------ */

/* A document-frequency table: how many documents (paragraphs, sentences)
 * contain each term.  Filled from the texts being compared or from a whole
 * corpus; rl_vec_weigh() reads it. */
typedef struct rl_df_slot {
	uint64_t key; /* 0: empty (a key of 0 is stored as 1) */
	uint32_t df;
	float idf;    /* set by rl_stats_cache_idf() */
} rl_df_slot;

struct rl_stats {
	rl_df_slot *slots; /* open addressing, key and count side by side */
	size_t mask, n;    /* capacity - 1 (a power of two; 0: none), keys */
	size_t n_docs;
	double idf_power;  /* idf is raised to this power; 1 from rl_stats_new() */
};

#define RL_STATS_INIT(power) {NULL, 0, 0, 0, (power)}

/* Allocate an empty table.  Fails with RL_ENOMEM. */
int rl_stats_new(rl_stats **out);

/* Count one document: every term of `v` once.  Fails with RL_ENOMEM. */
int rl_stats_add(rl_stats *s, const rl_vec *v);

/* The slots of the keys of terms t[0..n) into out[0..n) (NULL for a key
 * the table lacks), as rl_stats_find() but faster for many keys.  Cannot
 * fail. */
void rl_stats_find_terms(const rl_stats *s, const rl_term *t, size_t n, const rl_df_slot **out);

/* The number of documents counted with `key`.  Cannot fail. */
uint32_t rl_stats_df(const rl_stats *s, uint64_t key);

/* The slot of `key`, NULL when the table does not hold it.  Cannot fail. */
const rl_df_slot *rl_stats_find(const rl_stats *s, uint64_t key);

/* Store in every slot of `s` the rarity weight of its key from `rarity`
 * (rl_stats_idf()), negated when `other` does not hold the key: one
 * look-up per distinct term, for weighing the vectors counted in `s`
 * against a document whose terms are counted in `other`.  Cannot fail. */
void rl_stats_cache_idf(rl_stats *s, const rl_stats *rarity, const rl_stats *other);

/* rl_stats_cache_idf(s, both, other) with `both` the merge of `s` and
 * `other` (rl_stats_merge()), without building that table: the same
 * weights, one look-up per distinct term.  Cannot fail. */
void rl_stats_cache_idf_pair(rl_stats *s, const rl_stats *other);

/* Empty the table for reuse, keeping its memory unless it is large.
 * Cannot fail. */
void rl_stats_reset(rl_stats *s);

/* Make `s` a copy of `from` (slots, counts, idf_power), reusing its
 * memory when the sizes match.  Fails with RL_ENOMEM. */
int rl_stats_copy(rl_stats *s, const rl_stats *from);

/* Add the counts of `from` to `s` (documents and terms).  Fails with
 * RL_ENOMEM. */
int rl_stats_merge(rl_stats *s, const rl_stats *from);

/* Release the table's memory, not the table (for one on the stack). */
void rl_stats_clear(rl_stats *s);

/* The rarity weight of `key`: ln(1 + N / (df + 1))^idf_power with N documents, 1
 * when the table is NULL or empty.  Cannot fail. */
double rl_stats_idf(const rl_stats *s, uint64_t key);

/* ---- analysis -------------------------------------------------------------- */

typedef struct rl_sim rl_sim;

/* An analyser for language `lang` (as rl_lang_open(); NULL or "none": no
 * stemmer and no stopwords), with the alias lists of data/aliases/.  For one
 * thread at a time.  Fails with RL_EINVALID for an unknown language, RL_EIO
 * for an unreadable data file, RL_ENOMEM. */
int rl_sim_new(rl_sim **out, const char *lang);

/* Release an analyser.  NULL is a no-op. */
void rl_sim_free(rl_sim *s);

/* How many distinct words the analyser has cached.  Cannot fail. */
size_t rl_sim_cached(const rl_sim *s);

/* The analyser's language code ("nl", "none").  Borrowed. */
const char *rl_sim_lang(const rl_sim *s);

/* The term vector of data[start..end) (valid UTF-8), with raw counts; the
 * terms are allocated in `arena`.  Fails with RL_ENOMEM. */
int rl_sim_vec(rl_sim *s, rl_vec *out, rl_arena *arena, const char *data, size_t start,
               size_t end);

/* The same from the tokens tok[0..n_tok) of `data` (rl_text_tokenize()),
 * for a caller that has tokenized a larger range once.  Fails with
 * RL_ENOMEM. */
int rl_sim_vec_tokens(rl_sim *s, rl_vec *out, rl_arena *arena, const char *data,
                      const rl_token *tok, size_t n_tok);

/* The vector of the concatenation of passages: the raw counts of `n`
 * unweighed vectors summed (the vector of a paragraph from those of its
 * sentences, without analysing the text again).  Terms go to `arena`.
 * When `at` is not NULL it receives, for every term of every vector in
 * turn, the index of its term in `out` (room for all their terms).  Fails
 * with RL_ENOMEM. */
int rl_vec_sum(rl_vec *out, rl_arena *arena, const rl_vec *vecs, size_t n, uint32_t *at);

/* Turn raw counts into weights, (1 + ln count) * idf, and set the norms.
 * `stats` may be NULL (every idf 1).  Cannot fail. */
void rl_vec_weigh(rl_vec *v, const rl_stats *stats);

/* The weight of a term found `count` times with rarity `idf`, as
 * rl_vec_weigh() gives it.  Cannot fail. */
float rl_term_weight(float count, double idf);

/* Set the norms of a vector whose weights were set term by term.  Cannot
 * fail. */
void rl_vec_set_norms(rl_vec *v);

/* Cosines of the word parts and the n-gram parts of two weighed vectors.
 * Cannot fail. */
double rl_vec_cos_words(const rl_vec *a, const rl_vec *b);
double rl_vec_cos_grams(const rl_vec *a, const rl_vec *b);

/* The similarity of two weighed vectors in [0, 1]: the blend of both
 * cosines that `redline similarity` reports and related mode thresholds.
 * Cannot fail. */
double rl_vec_score(const rl_vec *a, const rl_vec *b);

/* The same score from the dot products of the two parts and the norms of
 * both vectors, for callers that compute several dot products in one pass.
 * Cannot fail. */
double rl_vec_score_dots(double dot_words, double dot_grams, const rl_vec *a, const rl_vec *b);

/* Score `n` pairs of passages of `data` (valid UTF-8): pair k is
 * data[spans[4k]..spans[4k+1]) against data[spans[4k+2]..spans[4k+3]).
 * Rarity comes from the batch itself (every passage one document), so
 * words frequent across the batch weigh little.  Writes n scores to
 * `scores`.  Fails with RL_ENOMEM. */
int rl_sim_pairs(rl_sim *s, double *scores, const char *data, const size_t *spans, size_t n);

/* ---- candidate index --------------------------------------------------- */

typedef struct rl_sim_index rl_sim_index;
typedef struct rl_sim_cursor rl_sim_cursor;

/* An inverted index over the word terms of `n` weighed vectors (borrowed:
 * they must outlive the index).  Terms found in more than `max_df` of them
 * are not looked up: they are common, weigh little and would make every
 * query touch most vectors.  Read-only once built, so several threads can
 * query it, each through its own cursor.  Fails with RL_ENOMEM. */
int rl_sim_index_new(rl_sim_index **out, const rl_vec *vecs, size_t n, size_t max_df);

/* Release an index.  NULL is a no-op. */
void rl_sim_index_free(rl_sim_index *ix);

/* Working memory for queries of `ix` (two arrays the size of the index).
 * Fails with RL_ENOMEM. */
int rl_sim_cursor_new(rl_sim_cursor **out, const rl_sim_index *ix);

/* Release a cursor.  NULL is a no-op. */
void rl_sim_cursor_free(rl_sim_cursor *c);

/* The indexed vectors that share word terms with `q`, best first by the
 * part of the word cosine those terms make up: at most `k` ids into `ids`;
 * returns how many.  Cannot fail. */
size_t rl_sim_index_query(rl_sim_cursor *c, const rl_vec *q, uint32_t *ids, size_t k);

#endif
