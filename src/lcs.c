/*
 * lcs — the diff core: which elements of two key sequences are matched in
 * order.  Patience diff (unique common keys anchored by a longest
 * increasing subsequence, recursing into the gaps, after trimming common
 * prefix and suffix), and where no unique anchor exists Myers' O(ND)
 * middle-snake bisection (as in diff-match-patch's bisect), with a cost cap
 * that falls back to the furthest-reaching path, like git's xdiff does for
 * expensive inputs.  Regions are kept on an explicit stack, so adversarial
 * input cannot exhaust the C stack.
 */
#include "lcs.h"

#include <stdlib.h>

#include <math.h>

/* Regions this small (in elements, both sides) go straight to Myers, which
 * is optimal there; patience's unique anchors pay off on larger ones. */
#define PATIENCE_MIN 512
/* Myers' cost cap: as git's xdiff, the square root of the region's size,
 * at least 256. */
#define MYERS_MIN_COST 256

typedef struct entry {
	uint64_t key;
	uint32_t ca, cb, pa, pb;
} entry;

typedef struct region {
	uint32_t a0, a1, b0, b1;
	int patience;
} region;

struct rl_lcs {
	entry *table;
	size_t table_cap;
	uint32_t *seq_a, *seq_b, *tails, *prev;
	size_t seq_cap;
	int32_t *v;
	size_t v_cap;
	region *stack;
	size_t stack_cap;
};

int rl_lcs_new(rl_lcs **out)
{
	*out = rl_calloc(1, sizeof(**out));
	return *out ? 0 : RL_ENOMEM;
}

void rl_lcs_free(rl_lcs *s)
{
	if (!s)
		return;
	free(s->table);
	free(s->seq_a);
	free(s->seq_b);
	free(s->tails);
	free(s->prev);
	free(s->v);
	free(s->stack);
	free(s);
}

/* ---- patience ----------------------------------------------------------- */

static size_t slot(uint64_t key, size_t mask)
{
	return (size_t)(key ^ (key >> 29)) & mask;
}

static entry *lookup(entry *t, size_t mask, uint64_t key, int create)
{
	size_t k = slot(key, mask);

	while (t[k].ca || t[k].cb) {
		if (t[k].key == key)
			return &t[k];
		k = (k + 1) & mask;
	}
	if (!create)
		return NULL;
	t[k].key = key;
	return &t[k];
}

/* Find the unique common units of a region and keep those on a longest
 * increasing subsequence; writes them to seq_a/seq_b, returns how many or
 * RL_ENOMEM. */
static long patience_anchors(rl_lcs *s, const uint64_t *A, const uint64_t *B,
                             const region *r)
{
	size_t na = r->a1 - r->a0, nb = r->b1 - r->b0, size = 16, mask, m = 0, len = 0;
	long k;

	while (size < 2 * (na + nb))
		size *= 2;
	if (rl_grow(&s->table, &s->table_cap, size, sizeof(entry)) < 0)
		return RL_ENOMEM;
	if (na + 1 > s->seq_cap) {
		size_t c = 2 * (na + 1);
		uint32_t **arr[4] = {&s->seq_a, &s->seq_b, &s->tails, &s->prev};

		for (int i = 0; i < 4; i++) {
			uint32_t *q = rl_reallocarray(*arr[i], c, sizeof(uint32_t));
			if (!q)
				return RL_ENOMEM;
			*arr[i] = q;
		}
		s->seq_cap = c;
	}
	mask = size - 1;
	memset(s->table, 0, size * sizeof(entry));
	for (uint32_t i = r->a0; i < r->a1; i++) {
		entry *e = lookup(s->table, mask, A[i], 1);
		e->ca++;
		e->pa = i;
	}
	for (uint32_t j = r->b0; j < r->b1; j++) {
		entry *e = lookup(s->table, mask, B[j], 0);
		if (e) {
			e->cb++;
			e->pb = j;
		}
	}
	for (uint32_t i = r->a0; i < r->a1; i++) {
		entry *e = lookup(s->table, mask, A[i], 0);
		if (e->ca == 1 && e->cb == 1) {
			s->seq_a[m] = i;
			s->seq_b[m] = e->pb;
			m++;
		}
	}
	if (!m)
		return 0;
	/* longest increasing subsequence of seq_b (patience sorting) */
	for (size_t i = 0; i < m; i++) {
		size_t lo = 0, hi = len;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (s->seq_b[s->tails[mid]] < s->seq_b[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		s->prev[i] = lo ? s->tails[lo - 1] : UINT32_MAX;
		s->tails[lo] = (uint32_t)i;
		if (lo == len)
			len++;
	}
	/* walk back, storing the chain in tails[0..len) in order */
	k = (long)len - 1;
	for (uint32_t i = s->tails[len - 1]; k >= 0; i = s->prev[i], k--)
		s->tails[k] = i;
	for (size_t i = 0; i < len; i++) {
		uint32_t at = s->tails[i];
		s->seq_a[i] = s->seq_a[at];
		s->seq_b[i] = s->seq_b[at];
	}
	return (long)len;
}

/* ---- Myers -------------------------------------------------------------- */

/* Find a split point of a region whose ends differ, by the middle snake;
 * when the cost cap is reached, the furthest-reaching forward point. */
static int bisect(rl_lcs *s, const uint64_t *A, const uint64_t *B, const region *r,
                  uint32_t *sx, uint32_t *sy)
{
	long N = r->a1 - r->a0, M = r->b1 - r->b0;
	long max_d = (N + M + 1) / 2, off, vlen, delta = N - M;
	long k1start = 0, k1end = 0, k2start = 0, k2end = 0, best = -1, bx = 0, by = 0;
	int front = (delta & 1) != 0;
	int32_t *v1, *v2;
	const uint64_t *a = A + r->a0, *b = B + r->b0;

	{
		long cap = (long)sqrt((double)(N + M));
		if (cap < MYERS_MIN_COST)
			cap = MYERS_MIN_COST;
		if (max_d > cap)
			max_d = cap;
	}
	off = max_d + 1;
	vlen = 2 * off + 2;
	if (rl_grow(&s->v, &s->v_cap, (size_t)(2 * vlen), sizeof(int32_t)) < 0)
		return RL_ENOMEM;
	v1 = s->v;
	v2 = s->v + vlen;
	for (long i = 0; i < vlen; i++)
		v1[i] = v2[i] = -1;
	v1[off + 1] = 0;
	v2[off + 1] = 0;
	for (long d = 0; d < max_d; d++) {
		for (long k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
			long ko = off + k1, x1, y1;

			if (k1 == -d || (k1 != d && v1[ko - 1] < v1[ko + 1]))
				x1 = v1[ko + 1];
			else
				x1 = v1[ko - 1] + 1;
			y1 = x1 - k1;
			while (x1 < N && y1 < M && a[x1] == b[y1]) {
				x1++;
				y1++;
			}
			v1[ko] = (int32_t)x1;
			if (x1 <= N && y1 >= 0 && y1 <= M && x1 + y1 > best) {
				best = x1 + y1;
				bx = x1;
				by = y1;
			}
			if (x1 > N) {
				k1end += 2;
			} else if (y1 > M) {
				k1start += 2;
			} else if (front) {
				long k2o = off + delta - k1;
				if (k2o >= 0 && k2o < vlen && v2[k2o] != -1 && x1 >= N - v2[k2o]) {
					*sx = r->a0 + (uint32_t)x1;
					*sy = r->b0 + (uint32_t)y1;
					return 1;
				}
			}
		}
		for (long k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
			long ko = off + k2, x2, y2;

			if (k2 == -d || (k2 != d && v2[ko - 1] < v2[ko + 1]))
				x2 = v2[ko + 1];
			else
				x2 = v2[ko - 1] + 1;
			y2 = x2 - k2;
			while (x2 < N && y2 < M && a[N - x2 - 1] == b[M - y2 - 1]) {
				x2++;
				y2++;
			}
			v2[ko] = (int32_t)x2;
			if (x2 > N) {
				k2end += 2;
			} else if (y2 > M) {
				k2start += 2;
			} else if (!front) {
				long k1o = off + delta - k2;
				if (k1o >= 0 && k1o < vlen && v1[k1o] != -1) {
					long x1 = v1[k1o], y1 = off + x1 - k1o;
					if (x1 >= N - x2) {
						*sx = r->a0 + (uint32_t)x1;
						*sy = r->b0 + (uint32_t)y1;
						return 1;
					}
				}
			}
		}
	}
	if (best <= 0)
		return 0;
	*sx = r->a0 + (uint32_t)bx;
	*sy = r->b0 + (uint32_t)by;
	return 1;
}

/* ---- driver ------------------------------------------------------------- */

static int push_region(rl_lcs *s, size_t *n, uint32_t a0, uint32_t a1, uint32_t b0,
                       uint32_t b1, int patience)
{
	if (*n == s->stack_cap && rl_grow(&s->stack, &s->stack_cap, *n + 1, sizeof(region)) < 0)
		return RL_ENOMEM;
	s->stack[*n].a0 = a0;
	s->stack[*n].a1 = a1;
	s->stack[*n].b0 = b0;
	s->stack[*n].b1 = b1;
	s->stack[*n].patience = patience;
	(*n)++;
	return 0;
}

int rl_lcs_diff(rl_lcs *s, const uint64_t *A, size_t na, const uint64_t *B, size_t nb, uint8_t *da,
                uint8_t *db)
{
	size_t sp = 0;
	int err;

	memset(da, 0, na);
	memset(db, 0, nb);
	if ((err = push_region(s, &sp, 0, (uint32_t)na, 0, (uint32_t)nb, 1)) < 0)
		return err;
	while (sp) {
		region r = s->stack[--sp];
		uint32_t sx, sy;
		long n;

		while (r.a0 < r.a1 && r.b0 < r.b1 && A[r.a0] == B[r.b0]) {
			r.a0++;
			r.b0++;
		}
		while (r.a0 < r.a1 && r.b0 < r.b1 && A[r.a1 - 1] == B[r.b1 - 1]) {
			r.a1--;
			r.b1--;
		}
		if (r.a0 == r.a1 || r.b0 == r.b1) {
			memset(da + r.a0, 1, r.a1 - r.a0);
			memset(db + r.b0, 1, r.b1 - r.b0);
			continue;
		}
		if (r.patience && (r.a1 - r.a0) + (r.b1 - r.b0) > PATIENCE_MIN) {
			if ((n = patience_anchors(s, A, B, &r)) < 0)
				return (int)n;
			if (n > 0) {
				uint32_t pa = r.a0, pb = r.b0;
				/* copy anchors: seq arrays are reused by nested regions */
				for (long k = 0; k <= n; k++) {
					uint32_t ea = k < n ? s->seq_a[k] : r.a1;
					uint32_t eb = k < n ? s->seq_b[k] : r.b1;
					if ((pa < ea || pb < eb) &&
					    (err = push_region(s, &sp, pa, ea, pb, eb, 1)) < 0)
						return err;
					pa = ea + 1;
					pb = eb + 1;
				}
				continue;
			}
		}
		if ((err = bisect(s, A, B, &r, &sx, &sy)) < 0)
			return err;
		if (!err || (sx == r.a0 && sy == r.b0) || (sx == r.a1 && sy == r.b1)) {
			memset(da + r.a0, 1, r.a1 - r.a0);
			memset(db + r.b0, 1, r.b1 - r.b0);
			continue;
		}
		if ((err = push_region(s, &sp, sx, r.a1, sy, r.b1, 0)) < 0 ||
		    (err = push_region(s, &sp, r.a0, sx, r.b0, sy, 0)) < 0)
			return err;
	}
	return 0;
}

