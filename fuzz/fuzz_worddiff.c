/*
 * fuzz_worddiff — the word diff on two texts (the input split at its first
 * NUL byte).  The oracle is the rebuild property: the '=' and '-' pieces
 * concatenate to the old range and the '=' and '+' pieces to the new one,
 * byte for byte.  Each pair is diffed twice with one scratch, whole and
 * without its first line, so offsets inside a document and scratch reuse
 * are both exercised.
 * fuzz-seeds: pair
 */
#include "fuzz.h"

#include "text.h"
#include "worddiff.h"

static void check_rebuild(const rl_edits *e, size_t from, const char *a, size_t a0, size_t a1,
                          const char *b, size_t b0, size_t b1)
{
	size_t ia = a0, ib = b0;

	for (size_t k = from; k < e->n; k++) {
		const rl_edit *x = &e->v[k];
		size_t n = x->end - x->start;

		FUZZ_CHECK(x->start < x->end);
		if (x->op == RL_EDIT_EQUAL || x->op == RL_EDIT_DELETE) {
			FUZZ_CHECK(x->start == ia && x->end <= a1);
			ia = x->end;
		}
		if (x->op == RL_EDIT_EQUAL) {
			FUZZ_CHECK(ib + n <= b1 && memcmp(a + x->start, b + ib, n) == 0);
			ib += n;
		} else if (x->op == RL_EDIT_INSERT) {
			FUZZ_CHECK(x->start == ib && x->end <= b1);
			ib = x->end;
		} else {
			FUZZ_CHECK(x->op == RL_EDIT_DELETE);
		}
	}
	FUZZ_CHECK(ia == a1 && ib == b1);
}

static void diff(rl_worddiff_scratch *wd, const char *a, size_t a0, size_t a1, const char *b,
                 size_t b0, size_t b1)
{
	rl_edits e = {0};
	int changed = -1;
	double m;

	FUZZ_CHECK(rl_worddiff(&e, &changed, wd, a, a0, a1, b, b0, b1) == 0);
	check_rebuild(&e, 0, a, a0, a1, b, b0, b1);
	FUZZ_CHECK(changed == 0 || changed == 1);
	if (a1 - a0 == b1 - b0 && memcmp(a + a0, b + b0, a1 - a0) == 0)
		FUZZ_CHECK(!changed);
	m = rl_worddiff_matched(wd);
	FUZZ_CHECK(m >= 0 && m <= 1);
	rl_edits_free(&e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *pa, *pb;
	size_t la, lb, bad;
	char *a, *b, *nl;
	rl_worddiff_scratch *wd = NULL;

	fuzz_split(data, size, &pa, &la, &pb, &lb);
	if (rl_text_validate(pa, la, &bad) < 0 || rl_text_validate(pb, lb, &bad) < 0)
		return 0;
	a = fuzz_strndup(pa, la);
	b = fuzz_strndup(pb, lb);
	FUZZ_CHECK(rl_worddiff_scratch_new(&wd) == 0);
	diff(wd, a, 0, la, b, 0, lb);
	nl = memchr(a, '\n', la);
	diff(wd, a, nl ? (size_t)(nl - a) + 1 : 0, la, b, 0, lb);
	rl_worddiff_scratch_free(wd);
	free(a);
	free(b);
	return 0;
}
