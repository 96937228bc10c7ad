/*
 * similarity — term vectors, rarity weights, the blended cosine and the
 * candidate index.
 *
 * Analysis: words are split at inner hyphens; alias phrases (longest first)
 * are replaced by their canonical form; each word part is casefolded,
 * dropped if a stopword, stemmed (Snowball) and cut into character n-grams
 * of its folded form framed by '#'.  Per word the stem key and its n-grams
 * are cached, so every distinct word is folded and stemmed once.
 * Weighting is (1 + ln tf) * idf (Salton & Buckley's ltc), the score a
 * blend of the word cosine and the n-gram cosine (character n-grams as in
 * Cavnar & Trenkle; the blend tuned on SICK-NL TRAIN).
 */
#include "similarity.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "text.h"

#define STEM_SEED 0x7374656d5f6b6579ULL   /* word terms */
#define GRAM_SEED 0x6772616d5f6b6579ULL   /* n-gram terms */
#define PHRASE_SEED 0x616c696173ULL       /* alias phrases */
#define NUM_SEED 0x6e756d626572ULL        /* number terms */
#define BIGRAM_SEED 0x62696772616dULL     /* pairs of adjacent content words */

#define GRAM_MIN 4       /* n-gram lengths, in code points: 4-grams alone score */
#define GRAM_MAX 4       /* as 3- and 4-grams on SICK-NL and cost half */

/* Share of the word cosine in the score; the rest is the n-gram cosine.
 * Tuned on SICK-NL TRAIN (0.1 steps), as were the damped idf and the
 * square root of the blend (cosines of short texts are compressed towards
 * 0; the root spreads them closer to a linear scale of relatedness). */
#define WORD_SHARE 0.3

/* Independent short sentences make document frequencies noisy: their idf
 * is damped (square root) in batch scoring.  Measured on SICK-NL TRAIN. */
#define BATCH_IDF_POWER 0.5
#define MAX_WORD_CPS 64  /* longer words get no n-grams */
#define MAX_PHRASE 8     /* words in an alias phrase */
#define MAX_PARTS 3      /* parts of a compound */


/* ---- document frequencies ------------------------------------------------ */

int rl_stats_new(rl_stats **out)
{
	*out = rl_calloc(1, sizeof(rl_stats));
	if (!*out)
		return RL_ENOMEM;
	(*out)->idf_power = 1.0;
	return 0;
}

void rl_stats_clear(rl_stats *s)
{
	free(s->slots);
	s->slots = NULL;
	s->mask = s->n = 0;
}

void rl_stats_free(rl_stats *s)
{
	if (!s)
		return;
	rl_stats_clear(s);
	free(s);
}

static size_t df_home(uint64_t key, size_t mask)
{
	return (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 17) & mask;
}

/* How far ahead look-ups in a row fetch the home slots of the keys to
 * come: every probe of a large table misses the cache, and the misses of
 * the next keys then overlap the present one's. */
#define DF_AHEAD 8

static int df_grow(rl_stats *s)
{
	size_t cap = s->mask ? 2 * (s->mask + 1) : 1024;
	/* cleared by writing, not calloc(): fresh pages that the probes read
	 * first are mapped to the zero page, and the first store to each then
	 * faults again and flushes every thread's TLB */
	rl_df_slot *v = rl_reallocarray(NULL, cap, sizeof(rl_df_slot));

	if (!v)
		return RL_ENOMEM;
	memset(v, 0, cap * sizeof(rl_df_slot));
	for (size_t i = 0; s->mask && i <= s->mask; i++) {
		size_t h;
		if (!s->slots[i].key)
			continue;
		for (h = df_home(s->slots[i].key, cap - 1); v[h].key; h = (h + 1) & (cap - 1))
			;
		v[h] = s->slots[i];
	}
	free(s->slots);
	s->slots = v;
	s->mask = cap - 1;
	return 0;
}

/* The slot of `key` (nonzero), created with count 0 when missing; NULL
 * with RL_ENOMEM. */
static rl_df_slot *df_slot(rl_stats *s, uint64_t key)
{
	size_t h;

	if (2 * (s->n + 1) > s->mask && df_grow(s) < 0)
		return NULL;
	for (h = df_home(key, s->mask); s->slots[h].key && s->slots[h].key != key;
	     h = (h + 1) & s->mask)
		;
	if (!s->slots[h].key) {
		s->slots[h].key = key;
		s->n++;
	}
	return &s->slots[h];
}

int rl_stats_merge(rl_stats *s, const rl_stats *from)
{
	if (!s->n && !s->n_docs && from->mask) {
		/* into an empty table: a copy of the slots */
		rl_df_slot *v = rl_reallocarray(NULL, from->mask + 1, sizeof(rl_df_slot));
		if (!v)
			return RL_ENOMEM;
		memcpy(v, from->slots, (from->mask + 1) * sizeof(rl_df_slot));
		free(s->slots);
		s->slots = v;
		s->mask = from->mask;
		s->n = from->n;
		s->n_docs = from->n_docs;
		return 0;
	}
	for (size_t i = 0; from->mask && i <= from->mask; i++) {
		rl_df_slot *d;

		if (!from->slots[i].key)
			continue;
		if (!(d = df_slot(s, from->slots[i].key)))
			return RL_ENOMEM;
		d->df += from->slots[i].df;
	}
	s->n_docs += from->n_docs;
	return 0;
}

int rl_stats_add(rl_stats *s, const rl_vec *v)
{
	size_t n = (size_t)v->n_words + v->n_grams;

	/* room for every term first, as df_slot() would make it, so that the
	 * loop only probes */
	while (2 * (s->n + n) > s->mask)
		if (df_grow(s) < 0)
			return RL_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		uint64_t key = v->v[i].key ? v->v[i].key : 1;
		size_t h;

		if (i + DF_AHEAD < n) {
			uint64_t k = v->v[i + DF_AHEAD].key;
			__builtin_prefetch(&s->slots[df_home(k ? k : 1, s->mask)]);
		}

		for (h = df_home(key, s->mask); s->slots[h].key && s->slots[h].key != key;
		     h = (h + 1) & s->mask)
			;
		if (!s->slots[h].key) {
			s->slots[h].key = key;
			s->n++;
		}
		s->slots[h].df++;
	}
	s->n_docs++;
	return 0;
}

const rl_df_slot *rl_stats_find(const rl_stats *s, uint64_t key)
{
	key = key ? key : 1;
	for (size_t h = df_home(key, s->mask); s->mask && s->slots[h].key; h = (h + 1) & s->mask)
		if (s->slots[h].key == key)
			return &s->slots[h];
	return NULL;
}

void rl_stats_find_terms(const rl_stats *s, const rl_term *t, size_t n, const rl_df_slot **out)
{
	/* the table in locals: a store to out[] could alias its slots */
	const rl_df_slot *slots = s->slots;
	size_t mask = s->mask;

	if (!mask) {
		for (size_t i = 0; i < n; i++)
			out[i] = NULL;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t key = t[i].key ? t[i].key : 1;
		const rl_df_slot *found = NULL;

		if (i + DF_AHEAD < n) {
			uint64_t k = t[i + DF_AHEAD].key;
			__builtin_prefetch(&slots[df_home(k ? k : 1, mask)]);
		}
		for (size_t h = df_home(key, mask); slots[h].key; h = (h + 1) & mask)
			if (slots[h].key == key) {
				found = &slots[h];
				break;
			}
		out[i] = found;
	}
}

uint32_t rl_stats_df(const rl_stats *s, uint64_t key)
{
	const rl_df_slot *d = rl_stats_find(s, key);

	return d ? d->df : 0;
}

void rl_stats_cache_idf(rl_stats *s, const rl_stats *rarity, const rl_stats *other)
{
	for (size_t i = 0; s->mask && i <= s->mask; i++) {
		rl_df_slot *d = &s->slots[i];

		if (!d->key)
			continue;
		d->idf = (float)rl_stats_idf(rarity, d->key);
		if (other && !rl_stats_find(other, d->key))
			d->idf = -d->idf;
	}
}

/* Rarities by document frequency, for tables of up to this many
 * documents: one logarithm per count instead of one per term. */
#define IDF_MEMO 256

void rl_stats_cache_idf_pair(rl_stats *s, const rl_stats *other)
{
	size_t n = s->n_docs + other->n_docs;
	double n_docs = (double)n;
	float memo[IDF_MEMO + 1];

	/* as rl_stats_idf() on the merged table (its idf_power is 1) */
	for (size_t df = 0; n <= IDF_MEMO && df <= n; df++)
		memo[df] = (float)log(1.0 + n_docs / ((double)df + 1.0));
	for (size_t i = 0; s->mask && i <= s->mask; i++) {
		rl_df_slot *d = &s->slots[i];
		const rl_df_slot *o;
		size_t df;

		if (!d->key)
			continue;
		o = rl_stats_find(other, d->key);
		df = (size_t)d->df + (o ? o->df : 0);
		d->idf = df <= n && n <= IDF_MEMO ? memo[df]
		                                  : (float)log(1.0 + n_docs / ((double)df + 1.0));
		if (!o)
			d->idf = -d->idf;
	}
}

/* Tables larger than this are freed rather than cleared for reuse. */
#define MAX_KEPT_SLOTS ((size_t)1 << 16)

void rl_stats_reset(rl_stats *s)
{
	if (s->mask + 1 > MAX_KEPT_SLOTS)
		rl_stats_clear(s);
	else if (s->mask)
		memset(s->slots, 0, (s->mask + 1) * sizeof(rl_df_slot));
	s->n = s->n_docs = 0;
}

int rl_stats_copy(rl_stats *s, const rl_stats *from)
{
	if (s->mask != from->mask) {
		rl_df_slot *v = NULL;

		if (from->mask && !(v = rl_reallocarray(NULL, from->mask + 1, sizeof(rl_df_slot))))
			return RL_ENOMEM;
		free(s->slots);
		s->slots = v;
		s->mask = from->mask;
	}
	if (from->mask)
		memcpy(s->slots, from->slots, (from->mask + 1) * sizeof(rl_df_slot));
	s->n = from->n;
	s->n_docs = from->n_docs;
	s->idf_power = from->idf_power;
	return 0;
}

double rl_stats_idf(const rl_stats *s, uint64_t key)
{
	double df, idf;

	if (!s || !s->n_docs)
		return 1.0;
	df = rl_stats_df(s, key);
	idf = log(1.0 + (double)s->n_docs / (df + 1.0));
	return s->idf_power == 1.0 ? idf : s->idf_power == 0.5 ? sqrt(idf) : pow(idf, s->idf_power);
}

/* ---- the analyser ---------------------------------------------------------- */

typedef struct entry {
	uint64_t stem;  /* word term key */
	uint32_t goff;  /* n-grams in the pool */
	uint32_t ng;
	uint32_t coff;  /* stems of its compound parts in the pool */
	uint8_t nc;
	uint8_t stop;
	uint8_t starts; /* some alias phrase starts with this part */
} entry;

typedef struct part {
	const char *s;
	uint32_t len;
	uint64_t key;   /* comparison key of the part */
	int brk;        /* punctuation since the previous part */
} part;

typedef struct alias {
	uint32_t off, n; /* canonical parts in alias_parts */
} alias;

struct rl_sim {
	rl_lang *lang;
	rl_map64 cache;     /* part key -> entry index + 1 */
	entry *ent;
	size_t n_ent, ent_cap;
	uint64_t *grams;    /* n-gram keys of cached words */
	size_t n_grams, grams_cap;
	uint64_t *comp;     /* stems of compound parts of cached words */
	size_t n_comp, comp_cap;
	rl_map64 phrases;   /* phrase hash -> alias index + 1 */
	rl_map64 starts;    /* key of the first part of an alias phrase -> 1 */
	alias *aliases;
	size_t n_aliases, aliases_cap;
	part *alias_parts;  /* canonical forms; text in alias_text */
	size_t n_alias_parts, alias_parts_cap;
	rl_buf alias_text;
	size_t max_phrase;
	/* scratch */
	rl_tokens tok;
	part *parts;
	size_t parts_cap;
	rl_buf fold;
	uint64_t *wk, *gk;
	uint64_t *tmp;
	size_t tmp_cap;
	uint64_t prev;      /* the previous content word's term, 0 after a break */
	uint32_t n_content;
	size_t wk_n, wk_cap, gk_n, gk_cap;
};

/* Split the word tokens tok[0..nt) of `data` into parts at inner hyphens;
 * numbers are parts too, with their key marked. */
static int split_tokens(rl_sim *s, size_t *n_out, const char *data, const rl_token *tok,
                        size_t nt)
{
	size_t n = 0;
	int brk = 1;

	for (size_t t = 0; t < nt; t++) {
		const rl_token *k = &tok[t];
		const char *w = data + k->start;
		size_t len = k->end - k->start, from = 0, i = 0;

		if (k->kind == RL_TOK_PUNCT)
			brk = 1;
		if (k->kind != RL_TOK_WORD && k->kind != RL_TOK_NUMBER)
			continue;
		if (n + len + 1 > s->parts_cap &&
		    rl_grow(&s->parts, &s->parts_cap, n + len + 1, sizeof(part)) < 0)
			return RL_ENOMEM;
		if (k->kind == RL_TOK_NUMBER || !memchr(w, '-', len)) {
			s->parts[n].s = w;
			s->parts[n].len = (uint32_t)len;
			s->parts[n].key = k->kind == RL_TOK_NUMBER ? k->key ^ NUM_SEED : k->key;
			s->parts[n].brk = brk;
			brk = 0;
			n++;
			continue;
		}
		for (i = 0; i <= len; i++) {
			if (i < len && w[i] != '-')
				continue;
			if (i > from) {
				s->parts[n].s = w + from;
				s->parts[n].len = (uint32_t)(i - from);
				s->parts[n].key = rl_text_key_hash(w + from, i - from);
				s->parts[n].brk = brk;
				brk = 0;
				n++;
			}
			from = i + 1;
		}
	}
	*n_out = n;
	return 0;
}

/* The parts of data[start..end), tokenized here. */
static int split_parts(rl_sim *s, size_t *n_out, const char *data, size_t start, size_t end)
{
	s->tok.n = 0;
	if (rl_text_tokenize(&s->tok, data, start, end) < 0)
		return RL_ENOMEM;
	return split_tokens(s, n_out, data, s->tok.v, s->tok.n);
}

/* The n-grams of the folded word f[0..len), framed by '#', into the pool. */
static int add_grams(rl_sim *s, const char *f, size_t len)
{
	uint32_t off[MAX_WORD_CPS + 3];
	size_t ncp = 0, i = 0;
	char buf[4 * MAX_WORD_CPS + 8];

	if (len > 4 * MAX_WORD_CPS)
		return 0;
	buf[0] = '#';
	memcpy(buf + 1, f, len);
	buf[len + 1] = '#';
	len += 2;
	while (i < len && ncp <= MAX_WORD_CPS + 1) {
		off[ncp++] = (uint32_t)i;
		rl_text_next(buf, len, &i);
	}
	if (i < len)
		return 0;
	off[ncp] = (uint32_t)len;
	for (size_t n = GRAM_MIN; n <= GRAM_MAX; n++)
		for (size_t a = 0; a + n <= ncp; a++) {
			if (s->n_grams == s->grams_cap &&
			    rl_grow(&s->grams, &s->grams_cap, s->n_grams + 1, sizeof(uint64_t)) < 0)
				return RL_ENOMEM;
			s->grams[s->n_grams++] = rl_hash(buf + off[a], off[a + n] - off[a], GRAM_SEED + n);
		}
	return 0;
}

/* The stems of the parts of a compound, after its n-grams in the pool. */
static int add_compound(rl_sim *s, entry *e)
{
	size_t cuts[2 * MAX_PARTS], n, slen;

	n = rl_lang_split_compound(s->lang, s->fold.data, s->fold.len, cuts, MAX_PARTS);
	e->coff = (uint32_t)s->n_comp;
	if (rl_grow(&s->comp, &s->comp_cap, s->n_comp + n + 1, sizeof(uint64_t)) < 0)
		return RL_ENOMEM;
	for (size_t k = 0; k < n; k++) {
		const char *stem = rl_lang_stem(s->lang, s->fold.data + cuts[2 * k],
		                                cuts[2 * k + 1] - cuts[2 * k], &slen);
		s->comp[s->n_comp++] = rl_hash(stem, slen, STEM_SEED);
	}
	e->nc = (uint8_t)n;
	return 0;
}

/* The cached analysis of one part: entry index, or negative on failure. */
static long lookup(rl_sim *s, const part *p, int number)
{
	uint32_t *slot = rl_map64_slot(&s->cache, p->key);
	entry *e;
	size_t slen;
	const char *stem;

	if (!slot)
		return RL_ENOMEM;
	if (*slot)
		return (long)*slot - 1;
	if (rl_grow(&s->ent, &s->ent_cap, s->n_ent + 1, sizeof(entry)) < 0)
		return RL_ENOMEM;
	e = &s->ent[s->n_ent];
	memset(e, 0, sizeof(*e));
	e->starts = rl_map64_get(&s->starts, p->key) != NULL;
	rl_buf_clear(&s->fold);
	if (rl_text_fold(&s->fold, p->s, p->len) < 0)
		return RL_ENOMEM;
	if (number) {
		e->stem = rl_hash(s->fold.data, s->fold.len, NUM_SEED);
	} else {
		e->stop = (uint8_t)rl_lang_is_stopword(s->lang, p->key);
		stem = rl_lang_stem(s->lang, s->fold.data, s->fold.len, &slen);
		e->stem = rl_hash(stem, slen, STEM_SEED);
		e->goff = (uint32_t)s->n_grams;
		if (!e->stop && add_grams(s, s->fold.data, s->fold.len) < 0)
			return RL_ENOMEM;
		e->ng = (uint32_t)(s->n_grams - e->goff);
		if (!e->stop && add_compound(s, e) < 0)
			return RL_ENOMEM;
	}
	/* the slot may have moved while the pool grew: look it up again */
	if (!(slot = rl_map64_slot(&s->cache, p->key)))
		return RL_ENOMEM;
	*slot = (uint32_t)++s->n_ent;
	return (long)s->n_ent - 1;
}

/* The cached analysis of part p, as lookup(). */
static long lookup_part(rl_sim *s, const part *p)
{
	return lookup(s, p, p->len && ((unsigned char)p->s[0] - '0') < 10);
}

/* Append the terms of part p, whose analysis is entry k. */
static int emit_entry(rl_sim *s, const part *p, long k)
{
	const entry *e = &s->ent[k];

	if (p->brk)
		s->prev = 0;
	if (e->stop)
		return 0;
	/* the checks first: this runs for every word */
	if ((s->wk_n + 2 + e->nc > s->wk_cap &&
	     rl_grow(&s->wk, &s->wk_cap, s->wk_n + 2 + e->nc, sizeof(uint64_t)) < 0) ||
	    (s->gk_n + e->ng + 1 > s->gk_cap &&
	     rl_grow(&s->gk, &s->gk_cap, s->gk_n + e->ng + 1, sizeof(uint64_t)) < 0))
		return RL_ENOMEM;
	s->wk[s->wk_n++] = e->stem;
	s->n_content++;
	if (s->prev)
		s->wk[s->wk_n++] = rl_hash_mix(s->prev ^ BIGRAM_SEED, e->stem);
	s->prev = e->stem;
	if (e->nc)
		memcpy(s->wk + s->wk_n, s->comp + e->coff, e->nc * sizeof(uint64_t));
	s->wk_n += e->nc;
	if (e->ng)
		memcpy(s->gk + s->gk_n, s->grams + e->goff, e->ng * sizeof(uint64_t));
	s->gk_n += e->ng;
	return 0;
}

static int emit(rl_sim *s, const part *p)
{
	long k = lookup_part(s, p);

	return k < 0 ? (int)k : emit_entry(s, p, k);
}

/* The longest alias phrase starting at parts[i]: its alias index, its
 * length in `*len`; -1 when none. */
static long match_alias(const rl_sim *s, const part *parts, size_t i, size_t n, size_t *len)
{
	uint64_t h[MAX_PHRASE + 1];
	size_t m = s->max_phrase < n - i ? s->max_phrase : n - i;

	h[0] = PHRASE_SEED;
	for (size_t k = 0; k < m; k++)
		h[k + 1] = rl_hash_mix(h[k], parts[i + k].key);
	for (size_t k = m; k > 0; k--) {
		uint32_t *a = rl_map64_get(&s->phrases, h[k]);
		if (a) {
			*len = k;
			return (long)*a - 1;
		}
	}
	return -1;
}

/* Quicksort down to runs of at most 16 keys (left for an insertion pass):
 * Hoare partition around the median of three. */
static void quick_keys(uint64_t *k, size_t n)
{
	while (n > 16) {
		uint64_t a = k[0], b = k[n / 2], c = k[n - 1], p, x;
		size_t i = 0, j = n - 1;

		p = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
		for (;;) {
			while (k[i] < p)
				i++;
			while (k[j] > p)
				j--;
			if (i >= j)
				break;
			x = k[i];
			k[i++] = k[j];
			k[j--] = x;
		}
		/* [0, j] <= p <= [j + 1, n): recurse into the smaller side */
		if (j + 1 < n - j - 1) {
			quick_keys(k, j + 1);
			k += j + 1;
			n -= j + 1;
		} else {
			quick_keys(k + j + 1, n - j - 1);
			n = j + 1;
		}
	}
}

/* Sort n keys: above 16, one pass of bucket sort on the top bits of the
 * key (hashes, so spread evenly), a bucket per two keys, through `tmp`
 * (n slots); a bucket holding more than 16 keys (repeats of a few words)
 * is quicksorted; then one insertion pass, which within buckets of a key
 * or two costs little.  The order is that of the whole 64-bit keys. */
static void sort_keys(uint64_t *k, uint64_t *tmp, size_t n)
{
	uint32_t count[(1u << 12) + 1];

	if (n > 16) {
		unsigned bits = 3;
		size_t nb;
		int big = 0;

		while (bits < 12 && ((size_t)2 << bits) < n)
			bits++;
		nb = (size_t)1 << bits;
		memset(count, 0, (nb + 1) * sizeof(uint32_t));
		for (size_t i = 0; i < n; i++)
			count[(k[i] >> (64 - bits)) + 1]++;
		for (size_t b = 1; b <= nb; b++) {
			big |= count[b] > 16;
			count[b] += count[b - 1];
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[k[i] >> (64 - bits)]++] = k[i];
		memcpy(k, tmp, n * sizeof(uint64_t));
		/* count[b] is now the end of bucket b */
		for (size_t b = 0, from = 0; big && b < nb; from = count[b++])
			if (count[b] - from > 16)
				quick_keys(k + from, count[b] - from);
	}
	for (size_t i = 1; i < n; i++) {
		uint64_t x = k[i];
		size_t j = i;

		while (j > 0 && k[j - 1] > x) {
			k[j] = k[j - 1];
			j--;
		}
		k[j] = x;
	}
}

/* Sort keys and write them as distinct terms with counts; returns the
 * number written.  `tmp` has room for n keys. */
static uint32_t count_terms(rl_term *out, uint64_t *k, uint64_t *tmp, size_t n)
{
	uint32_t m = 0;

	sort_keys(k, tmp, n);
	for (size_t i = 0; i < n; i++) {
		if (m && out[m - 1].key == k[i]) {
			out[m - 1].w += 1;
			continue;
		}
		out[m].key = k[i];
		out[m].w = 1;
		m++;
	}
	return m;
}

/* The vector of the parts s->parts[0..n). */
static int vec_of_parts(rl_sim *s, rl_vec *out, rl_arena *arena, size_t n)
{
	size_t i = 0;
	int err;
	rl_term *t;

	memset(out, 0, sizeof(*out));
	s->wk_n = s->gk_n = 0;
	s->prev = 0;
	s->n_content = 0;
	while (i < n) {
		size_t len = 0;
		long e = lookup_part(s, &s->parts[i]), a = -1;

		if (e < 0)
			return (int)e;
		/* the phrases are looked up only where one can start */
		if (s->ent[e].starts)
			a = match_alias(s, s->parts, i, n, &len);
		if (a < 0) {
			if ((err = emit_entry(s, &s->parts[i], e)) < 0)
				return err;
			i++;
			continue;
		}
		for (uint32_t k = 0; k < s->aliases[a].n; k++) {
			part p = s->alias_parts[s->aliases[a].off + k];
			p.s = s->alias_text.data + (size_t)p.s; /* stored as offsets */
			if ((err = emit(s, &p)) < 0)
				return err;
		}
		i += len;
	}
	t = rl_arena_alloc(arena, (s->wk_n + s->gk_n + 1) * sizeof(rl_term));
	if (!t)
		return RL_ENOMEM;
	out->v = t;
	if (rl_grow(&s->tmp, &s->tmp_cap, s->wk_n + s->gk_n + 1, sizeof(uint64_t)) < 0)
		return RL_ENOMEM;
	out->n_words = count_terms(t, s->wk, s->tmp, s->wk_n);
	out->n_grams = count_terms(t + out->n_words, s->gk, s->tmp, s->gk_n);
	out->n_content = s->n_content;
	/* repeated keys took room they do not need */
	rl_arena_shrink(arena, t, (s->wk_n + s->gk_n + 1) * sizeof(rl_term),
	                ((size_t)out->n_words + out->n_grams + 1) * sizeof(rl_term));
	return 0;
}

int rl_sim_vec(rl_sim *s, rl_vec *out, rl_arena *arena, const char *data, size_t start,
               size_t end)
{
	memset(out, 0, sizeof(*out));
	s->tok.n = 0;
	if (rl_text_tokenize(&s->tok, data, start, end) < 0)
		return RL_ENOMEM;
	return rl_sim_vec_tokens(s, out, arena, data, s->tok.v, s->tok.n);
}

int rl_sim_vec_tokens(rl_sim *s, rl_vec *out, rl_arena *arena, const char *data,
                      const rl_token *tok, size_t n_tok)
{
	size_t n;
	int err;

	memset(out, 0, sizeof(*out));
	if ((err = split_tokens(s, &n, data, tok, n_tok)) < 0)
		return err;
	return vec_of_parts(s, out, arena, n);
}

/* Merge two sorted runs of terms, summing the counts of equal keys, into
 * out; returns its length.  When `mx` is given, mx[i] receives the index in
 * out of x[i], and my[j] that of y[j]. */
static uint32_t merge_two(rl_term *out, const rl_term *x, size_t nx, const rl_term *y, size_t ny,
                          uint32_t *mx, uint32_t *my)
{
	size_t i = 0, j = 0;
	uint32_t m = 0;

	if (!mx) {
		while (i < nx && j < ny) {
			if (x[i].key < y[j].key) {
				out[m++] = x[i++];
			} else if (x[i].key > y[j].key) {
				out[m++] = y[j++];
			} else {
				out[m] = x[i++];
				out[m++].w += y[j++].w;
			}
		}
	} else {
		while (i < nx && j < ny) {
			if (x[i].key < y[j].key) {
				mx[i] = m;
				out[m++] = x[i++];
			} else if (x[i].key > y[j].key) {
				my[j] = m;
				out[m++] = y[j++];
			} else {
				mx[i] = my[j] = m;
				out[m] = x[i++];
				out[m++].w += y[j++].w;
			}
		}
		for (size_t e = i; e < nx; e++)
			mx[e] = m + (uint32_t)(e - i);
		for (size_t e = j; e < ny; e++)
			my[e] = m + (uint32_t)(nx - i) + (uint32_t)(e - j);
	}
	while (i < nx)
		out[m++] = x[i++];
	while (j < ny)
		out[m++] = y[j++];
	return m;
}

/* Merge one part (words or grams) of n vectors into out, one vector at a
 * time through `tmp` (room for the total).  When `at` is given (with `map`,
 * room for the total), at[k] receives for each term of that part of vector
 * k its index in the part: the newest vector's terms from the merge, the
 * earlier ones' moved along through the merge's map of the old sum. */
static uint32_t merge_parts(rl_term *out, rl_term *tmp, const rl_vec *vecs, size_t n, int grams,
                            uint32_t *at, uint32_t *map)
{
	uint32_t m = 0;
	size_t off = 0;

	for (size_t k = 0; k < n; k++) {
		const rl_term *t = vecs[k].v + (grams ? vecs[k].n_words : 0);
		size_t len = grams ? vecs[k].n_grams : vecs[k].n_words;
		uint32_t *ak = at ? at + off + (grams ? vecs[k].n_words : 0) : NULL;

		memcpy(tmp, out, m * sizeof(rl_term));
		m = merge_two(out, tmp, m, t, len, at ? map : NULL, ak);
		if (at && k > 0) {
			/* the earlier vectors' terms: where the old sum's went */
			for (size_t e = 0, o = 0; e < k; o += (size_t)vecs[e].n_words + vecs[e].n_grams, e++) {
				uint32_t *ae = at + o + (grams ? vecs[e].n_words : 0);
				size_t le = grams ? vecs[e].n_grams : vecs[e].n_words;

				for (size_t i = 0; i < le; i++)
					ae[i] = map[ae[i]];
			}
		}
		off += (size_t)vecs[k].n_words + vecs[k].n_grams;
	}
	return m;
}

int rl_vec_sum(rl_vec *out, rl_arena *arena, const rl_vec *vecs, size_t n, uint32_t *at)
{
	size_t total = 0;
	rl_term *tmp;
	uint32_t *map = NULL;

	memset(out, 0, sizeof(*out));
	for (size_t k = 0; k < n; k++) {
		total += (size_t)vecs[k].n_words + vecs[k].n_grams;
		out->n_content += vecs[k].n_content;
	}
	if (!(out->v = rl_arena_alloc(arena, (total + 1) * sizeof(rl_term))) ||
	    !(tmp = rl_malloc((total + 1) * sizeof(rl_term))))
		return RL_ENOMEM;
	if (at && !(map = rl_malloc((total + 1) * sizeof(uint32_t)))) {
		free(tmp);
		return RL_ENOMEM;
	}
	out->n_words = merge_parts(out->v, tmp, vecs, n, 0, at, map);
	out->n_grams = merge_parts(out->v + out->n_words, tmp, vecs, n, 1, at, map);
	rl_arena_shrink(arena, out->v, (total + 1) * sizeof(rl_term),
	                ((size_t)out->n_words + out->n_grams + 1) * sizeof(rl_term));
	/* the grams' indices are into the whole vector */
	for (size_t k = 0, o = 0; at && k < n; o += (size_t)vecs[k].n_words + vecs[k].n_grams, k++)
		for (size_t i = 0; i < vecs[k].n_grams; i++)
			at[o + vecs[k].n_words + i] += out->n_words;
	free(tmp);
	free(map);
	return 0;
}

/* ---- alias lists ------------------------------------------------------------ */

/* Parse one variant into parts; returns how many (0 for none). */
static int variant_parts(rl_sim *s, size_t *n, const char *v, size_t len)
{
	return split_parts(s, n, v, 0, len);
}

static int add_alias_line(rl_sim *s, char *line)
{
	char *save = NULL, *v;
	int first = 1, err = 0;
	size_t canon = 0;

	for (v = strtok_r(line, "|", &save); v; v = strtok_r(NULL, "|", &save)) {
		size_t len = strlen(v), n;
		uint64_t h = PHRASE_SEED;

		while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
			len--;
		while (len && (*v == ' ' || *v == '\t')) {
			v++;
			len--;
		}
		if (!len || (err = variant_parts(s, &n, v, len)) < 0)
			return err;
		if (!n || n > MAX_PHRASE)
			continue;
		if (first) {
			size_t base = s->alias_text.len;
			if (rl_grow(&s->aliases, &s->aliases_cap, s->n_aliases + 1, sizeof(alias)) < 0 ||
			    rl_grow(&s->alias_parts, &s->alias_parts_cap, s->n_alias_parts + n,
			            sizeof(part)) < 0 ||
			    rl_buf_put(&s->alias_text, v, len) < 0)
				return RL_ENOMEM;
			canon = s->n_aliases++;
			s->aliases[canon].off = (uint32_t)s->n_alias_parts;
			s->aliases[canon].n = (uint32_t)n;
			for (size_t k = 0; k < n; k++) {
				part p = s->parts[k];
				p.s = (const char *)(uintptr_t)(base + (size_t)(p.s - v));
				s->alias_parts[s->n_alias_parts++] = p;
			}
			first = 0;
		}
		for (size_t k = 0; k < n; k++)
			h = rl_hash_mix(h, s->parts[k].key);
		{
			uint32_t *slot = rl_map64_slot(&s->phrases, h);
			if (!slot)
				return RL_ENOMEM;
			if (!*slot)
				*slot = (uint32_t)canon + 1;
			if (!(slot = rl_map64_slot(&s->starts, s->parts[0].key)))
				return RL_ENOMEM;
			*slot = 1;
		}
		if (n > s->max_phrase)
			s->max_phrase = n;
	}
	return 0;
}

static int load_alias_file(rl_sim *s, const char *path)
{
	char line[2048];
	FILE *f = fopen(path, "r");
	int err = 0;

	if (!f)
		return rl_error_set(RL_EIO, "%s: cannot open: %s", path, strerror(errno));
	while (!err && fgets(line, sizeof(line), f)) {
		size_t len = strcspn(line, "#\r\n");

		line[len] = '\0';
		if (rl_text_validate(line, len, &(size_t){0}) < 0)
			err = rl_error_set(RL_EINVALID, "%s: invalid UTF-8", path);
		else
			err = add_alias_line(s, line);
	}
	fclose(f);
	return err;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .txt file in data/aliases, in name order; a missing directory is no
 * error. */
static int load_aliases(rl_sim *s)
{
	char dir[PATH_MAX], path[PATH_MAX + 256];
	char **names = NULL;
	size_t n = 0, cap = 0;
	DIR *d;
	struct dirent *e;
	int err = 0;

	if (snprintf(dir, sizeof(dir), "%s/aliases", rl_lang_datadir()) >= (int)sizeof(dir))
		return 0;
	if (!(d = opendir(dir)))
		return 0;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		char *c;

		if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".txt"))
			continue;
		if (rl_grow(&names, &cap, n + 1, sizeof(char *)) < 0 || !(c = rl_strdup(e->d_name))) {
			err = RL_ENOMEM;
			break;
		}
		names[n++] = c;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(char *), cmp_name);
	for (size_t i = 0; i < n && !err; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		err = load_alias_file(s, path);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return err;
}

int rl_sim_new(rl_sim **out, const char *lang)
{
	rl_sim *s;
	int err;

	*out = NULL;
	if (!(s = rl_calloc(1, sizeof(*s))))
		return RL_ENOMEM;
	if ((err = rl_lang_open(&s->lang, lang ? lang : "none")) < 0 ||
	    (err = load_aliases(s)) < 0) {
		rl_sim_free(s);
		return err;
	}
	*out = s;
	return 0;
}

void rl_sim_free(rl_sim *s)
{
	if (!s)
		return;
	rl_lang_free(s->lang);
	rl_map64_free(&s->cache);
	free(s->ent);
	free(s->grams);
	free(s->comp);
	rl_map64_free(&s->phrases);
	rl_map64_free(&s->starts);
	free(s->aliases);
	free(s->alias_parts);
	rl_buf_free(&s->alias_text);
	rl_tokens_free(&s->tok);
	free(s->parts);
	rl_buf_free(&s->fold);
	free(s->wk);
	free(s->gk);
	free(s->tmp);
	free(s);
}

size_t rl_sim_cached(const rl_sim *s)
{
	return s->n_ent;
}

const char *rl_sim_lang(const rl_sim *s)
{
	return rl_lang_code(s->lang);
}

/* ---- weights and scores ------------------------------------------------------ */

float rl_term_weight(float count, double idf)
{
	return (float)((count == 1 ? 1.0 : 1.0 + log(count)) * idf);
}

static float norm_part(const rl_term *t, size_t n)
{
	double sq = 0;

	for (size_t i = 0; i < n; i++)
		sq += (double)t[i].w * t[i].w;
	return (float)sqrt(sq);
}

void rl_vec_set_norms(rl_vec *v)
{
	v->norm_words = norm_part(v->v, v->n_words);
	v->norm_grams = norm_part(v->v + v->n_words, v->n_grams);
}

void rl_vec_weigh(rl_vec *v, const rl_stats *st)
{
	for (size_t i = 0; i < (size_t)v->n_words + v->n_grams; i++)
		v->v[i].w = rl_term_weight(v->v[i].w, rl_stats_idf(st, v->v[i].key));
	rl_vec_set_norms(v);
}

/* Sum of products over the keys both sorted parts hold: a merge whose
 * steps do not branch on the comparison (it is unpredictable). */
static double dot(const rl_term *x, size_t nx, const rl_term *y, size_t ny)
{
	size_t i = 0, j = 0;
	double s = 0;

	while (i < nx && j < ny) {
		uint64_t a = x[i].key, b = y[j].key;

		s += a == b ? (double)x[i].w * y[j].w : 0.0;
		i += a <= b;
		j += b <= a;
	}
	return s;
}

double rl_vec_cos_words(const rl_vec *a, const rl_vec *b)
{
	double d;

	if (a->norm_words <= 0 || b->norm_words <= 0)
		return 0;
	d = dot(a->v, a->n_words, b->v, b->n_words) / ((double)a->norm_words * b->norm_words);
	return d > 1 ? 1 : d;
}

double rl_vec_cos_grams(const rl_vec *a, const rl_vec *b)
{
	double d;

	if (a->norm_grams <= 0 || b->norm_grams <= 0)
		return 0;
	d = dot(a->v + a->n_words, a->n_grams, b->v + b->n_words, b->n_grams) /
	    ((double)a->norm_grams * b->norm_grams);
	return d > 1 ? 1 : d;
}

double rl_vec_score_dots(double dot_words, double dot_grams, const rl_vec *a, const rl_vec *b)
{
	double cw = 0, cg = 0;

	if (a->norm_words > 0 && b->norm_words > 0)
		cw = dot_words / ((double)a->norm_words * b->norm_words);
	if (a->norm_grams > 0 && b->norm_grams > 0)
		cg = dot_grams / ((double)a->norm_grams * b->norm_grams);
	cw = cw > 1 ? 1 : cw;
	cg = cg > 1 ? 1 : cg;
	return sqrt(WORD_SHARE * cw + (1 - WORD_SHARE) * cg);
}

double rl_vec_score(const rl_vec *a, const rl_vec *b)
{
	return sqrt(WORD_SHARE * rl_vec_cos_words(a, b) + (1 - WORD_SHARE) * rl_vec_cos_grams(a, b));
}

int rl_sim_pairs(rl_sim *s, double *scores, const char *data, const size_t *spans, size_t n)
{
	rl_arena arena = RL_ARENA_INIT;
	rl_stats st = RL_STATS_INIT(BATCH_IDF_POWER);
	rl_vec *v = rl_calloc(2 * n + 1, sizeof(rl_vec));
	int err = v ? 0 : RL_ENOMEM;

	for (size_t k = 0; k < 2 * n && !err; k++)
		if (!(err = rl_sim_vec(s, &v[k], &arena, data, spans[2 * k], spans[2 * k + 1])))
			err = rl_stats_add(&st, &v[k]);
	for (size_t k = 0; k < 2 * n && !err; k++)
		rl_vec_weigh(&v[k], &st);
	for (size_t k = 0; k < n && !err; k++)
		scores[k] = rl_vec_score(&v[2 * k], &v[2 * k + 1]);
	free(v);
	rl_stats_clear(&st);
	rl_arena_free(&arena);
	return err;
}

/* ---- candidate index ------------------------------------------------------- */

typedef struct posting {
	uint32_t id;
	float w; /* weight / norm of the word part */
} posting;

struct rl_sim_index {
	rl_map64 lists;  /* key -> list number + 1 */
	uint32_t *dense; /* the same by key, when the keys are small integers
	                    (term ids): n_dense of them, 0 for none */
	size_t n_dense;
	uint32_t *start; /* per list: first posting; start[n_lists] = total */
	size_t n_lists;
	posting *p;
	size_t max_df;
	size_t n_vecs;
};

struct rl_sim_cursor {
	const rl_sim_index *ix;
	float *acc;      /* per vector: partial score */
	uint32_t *touched;
	float *top;      /* the scores of the best so far */
};

/* Two passes over the word terms: count the postings of every key, then
 * place them; no sort. */
int rl_sim_index_new(rl_sim_index **out, const rl_vec *vecs, size_t n, size_t max_df)
{
	rl_sim_index *ix;
	size_t cap = 0, total = 0;
	uint32_t *fill = NULL;
	int err = RL_ENOMEM;

	*out = NULL;
	if (!(ix = rl_calloc(1, sizeof(*ix))))
		return RL_ENOMEM;
	ix->n_vecs = n;
	ix->max_df = max_df;
	/* keys no larger than a few times their number are ids: a table */
	for (size_t i = 0; i < n; i++)
		for (size_t t = 0; t < vecs[i].n_words; t++) {
			uint64_t key = vecs[i].v[t].key;
			ix->n_dense = key >= ix->n_dense ? (size_t)(key < SIZE_MAX / 2 ? key + 1 : SIZE_MAX / 2)
			                                 : ix->n_dense;
			total++;
		}
	if (ix->n_dense > 4 * total + 1024)
		ix->n_dense = 0;
	else if (!(ix->dense = rl_calloc(ix->n_dense + 1, sizeof(uint32_t))))
		goto fail;
	total = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t t = 0; t < vecs[i].n_words; t++) {
			uint32_t *slot = ix->dense ? &ix->dense[vecs[i].v[t].key]
			                           : rl_map64_slot(&ix->lists, vecs[i].v[t].key);
			if (!slot || (!*slot && rl_grow(&ix->start, &cap, ix->n_lists + 2,
			                                sizeof(uint32_t)) < 0))
				goto fail;
			if (!*slot) {
				*slot = (uint32_t)++ix->n_lists;
				ix->start[*slot - 1] = 0;
			}
			ix->start[*slot - 1]++;
			total++;
		}
	if (!ix->start && !(ix->start = rl_calloc(1, sizeof(uint32_t))))
		goto fail;
	if (!(fill = rl_calloc(ix->n_lists + 1, sizeof(uint32_t))) ||
	    !(ix->p = rl_calloc(total + 1, sizeof(posting))))
		goto fail;
	for (size_t l = 0, sum = 0; l <= ix->n_lists; l++) {
		uint32_t c = l < ix->n_lists ? ix->start[l] : 0;
		ix->start[l] = fill[l] = (uint32_t)sum;
		sum += c;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t t = 0; t < vecs[i].n_words; t++) {
			uint32_t l = (ix->dense ? ix->dense[vecs[i].v[t].key]
			                        : *rl_map64_get(&ix->lists, vecs[i].v[t].key)) - 1;
			posting *p = &ix->p[fill[l]++];
			p->id = (uint32_t)i;
			p->w = vecs[i].norm_words > 0 ? vecs[i].v[t].w / vecs[i].norm_words : 0;
		}
	free(fill);
	*out = ix;
	return 0;
fail:
	free(fill);
	rl_sim_index_free(ix);
	return err;
}

void rl_sim_index_free(rl_sim_index *ix)
{
	if (!ix)
		return;
	rl_map64_free(&ix->lists);
	free(ix->dense);
	free(ix->start);
	free(ix->p);
	free(ix);
}

int rl_sim_cursor_new(rl_sim_cursor **out, const rl_sim_index *ix)
{
	rl_sim_cursor *c;

	*out = NULL;
	if (!(c = rl_calloc(1, sizeof(*c))))
		return RL_ENOMEM;
	c->ix = ix;
	if (!(c->acc = rl_calloc(ix->n_vecs + 1, sizeof(float))) ||
	    !(c->touched = rl_calloc(ix->n_vecs + 1, sizeof(uint32_t))) ||
	    !(c->top = rl_calloc(ix->n_vecs + 1, sizeof(float)))) {
		rl_sim_cursor_free(c);
		return RL_ENOMEM;
	}
	*out = c;
	return 0;
}

void rl_sim_cursor_free(rl_sim_cursor *c)
{
	if (!c)
		return;
	free(c->acc);
	free(c->touched);
	free(c->top);
	free(c);
}

/* Put vector id with score v among the n best in ids[] and top[] (by
 * score, then by id), at slot `at` or before: a bounded insertion. */
static void insert_best(uint32_t *ids, float *top, size_t at, uint32_t id, float v)
{
	while (at > 0 && (top[at - 1] < v || (top[at - 1] == v && ids[at - 1] > id))) {
		top[at] = top[at - 1];
		ids[at] = ids[at - 1];
		at--;
	}
	top[at] = v;
	ids[at] = id;
}

/* Keep the k best of the touched vectors at the front of `ids`, best first
 * (by score, then by id), their scores beside them in `top`, and reset the
 * accumulators on the way: the first k fill the list, then with the k-th
 * score and id at hand most vectors are turned away by one comparison. */
static size_t select_best(float *acc, const uint32_t *touched, size_t nt, uint32_t *ids,
                          float *top, size_t k)
{
	size_t n = 0, t = 0;
	float lim;
	uint32_t lim_id;

	for (; t < nt && n < k; t++) {
		uint32_t id = touched[t];

		insert_best(ids, top, n++, id, acc[id]);
		acc[id] = 0;
	}
	if (n < k || !k) {
		for (; t < nt; t++)
			acc[touched[t]] = 0;
		return n;
	}
	lim = top[k - 1];
	lim_id = ids[k - 1];
	for (; t < nt; t++) {
		uint32_t id = touched[t];
		float v = acc[id];

		acc[id] = 0;
		if (v < lim || (v == lim && id > lim_id))
			continue;
		insert_best(ids, top, k - 1, id, v); /* the last one goes */
		lim = top[k - 1];
		lim_id = ids[k - 1];
	}
	return n;
}

/* The accumulators hold 0 until touched and at least 1e-9 after (every
 * weight is positive): a touched one is told by its bits, which are those
 * of +0 only before. */
size_t rl_sim_index_query(rl_sim_cursor *c, const rl_vec *q, uint32_t *ids, size_t k)
{
	const rl_sim_index *ix = c->ix;
	float *acc = c->acc;
	uint32_t *touched = c->touched;
	size_t nt = 0;

	for (size_t i = 0; i < q->n_words && q->norm_words > 0; i++) {
		uint64_t key = q->v[i].key;
		uint32_t *l = !ix->dense ? rl_map64_get(&ix->lists, key)
		              : key < ix->n_dense && ix->dense[key] ? &ix->dense[key] : NULL;
		float qw = q->v[i].w / q->norm_words;
		const posting *p, *end;

		if (!l || ix->start[*l] - ix->start[*l - 1] > ix->max_df)
			continue;
		end = ix->p + ix->start[*l];
		for (p = ix->p + ix->start[*l - 1]; p < end; p++) {
			uint32_t id = p->id, bits;

			memcpy(&bits, &acc[id], sizeof(bits));
			if (!bits)
				touched[nt++] = id;
			acc[id] += qw * p->w + 1e-9f;
		}
	}
	return select_best(acc, touched, nt, ids, c->top, k);
}
