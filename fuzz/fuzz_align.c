/*
 * fuzz_align — the whole comparison of two documents (the input split at
 * its first NUL byte) in versions mode, then rendered as JSON and text.
 * Properties: every paragraph of both documents is in exactly one link,
 * the indices of a link ascend, and each link's word script rebuilds the
 * old and new ranges from its first to its last paragraph.  Small inputs
 * are also compared in related mode: links join one old and one new
 * paragraph and rebuild likewise.
 * fuzz-seeds: pair
 */
#include "fuzz.h"

#include "redline.h"

static void check_rebuild(const rl_link *l, const char *a, const rl_doc *da, const char *b,
                          const rl_doc *db)
{
	size_t ia, a1, ib, b1;

	if (!l->n_old || !l->n_new)
		return;
	ia = rl_doc_paragraph(da, l->old_paras[0]).start;
	a1 = rl_doc_paragraph(da, l->old_paras[l->n_old - 1]).end;
	ib = rl_doc_paragraph(db, l->new_paras[0]).start;
	b1 = rl_doc_paragraph(db, l->new_paras[l->n_new - 1]).end;
	FUZZ_CHECK(l->n_edits > 0);
	for (size_t k = 0; k < l->n_edits; k++) {
		const rl_edit *x = &l->edits[k];
		size_t n = x->end - x->start;

		if (x->op != RL_EDIT_INSERT) {
			FUZZ_CHECK(x->start == ia && x->end <= a1);
			ia = x->end;
		}
		if (x->op == RL_EDIT_EQUAL) {
			FUZZ_CHECK(ib + n <= b1 && memcmp(a + x->start, b + ib, n) == 0);
			ib += n;
		} else if (x->op == RL_EDIT_INSERT) {
			FUZZ_CHECK(x->start == ib && x->end <= b1);
			ib = x->end;
		}
	}
	FUZZ_CHECK(ia == a1 && ib == b1);
}

static void check_indices(const uint32_t *v, size_t n, size_t count, unsigned char *seen,
                          int exactly_once)
{
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(v[i] < count);
		FUZZ_CHECK(i == 0 || v[i] > v[i - 1]);
		if (exactly_once)
			FUZZ_CHECK(!seen[v[i]]);
		seen[v[i]] = 1;
	}
}

static int discard(const char *data, size_t len, void *payload)
{
	(void)data;
	(void)len;
	(void)payload;
	return 0;
}

static void compare(const rl_doc *da, const rl_doc *db, rl_mode mode)
{
	const char *a = rl_doc_data(da, NULL), *b = rl_doc_data(db, NULL);
	size_t na = rl_doc_paragraph_count(da), nb = rl_doc_paragraph_count(db);
	unsigned char *seen_a = calloc(na + 1, 1), *seen_b = calloc(nb + 1, 1);
	rl_comparison *cmp = NULL;
	rl_options opts;
	rl_render_options ro;

	FUZZ_CHECK(seen_a && seen_b);
	rl_options_init(&opts);
	opts.mode = mode;
	FUZZ_CHECK(rl_compare(&cmp, da, db, &opts) == 0);
	FUZZ_CHECK(rl_comparison_mode(cmp) == mode);
	for (size_t k = 0; k < rl_comparison_link_count(cmp); k++) {
		const rl_link *l = rl_comparison_link(cmp, k);

		FUZZ_CHECK((unsigned)l->kind < RL_LINK_KIND_COUNT);
		FUZZ_CHECK(l->n_old || l->n_new);
		FUZZ_CHECK(l->similarity >= 0 && l->similarity <= 1);
		if (mode == RL_MODE_RELATED)
			FUZZ_CHECK(l->kind == RL_LINK_RELATED && l->n_old == 1 && l->n_new == 1);
		check_indices(l->old_paras, l->n_old, na, seen_a, mode == RL_MODE_VERSIONS);
		check_indices(l->new_paras, l->n_new, nb, seen_b, mode == RL_MODE_VERSIONS);
		check_rebuild(l, a, da, b, db);
		for (size_t c = 0; c < l->n_changes; c++)
			FUZZ_CHECK((unsigned)l->changes[c].type < RL_CHANGE_TYPE_COUNT);
	}
	if (mode == RL_MODE_VERSIONS) {
		for (size_t i = 0; i < na; i++)
			FUZZ_CHECK(seen_a[i]);
		for (size_t j = 0; j < nb; j++)
			FUZZ_CHECK(seen_b[j]);
	}
	rl_render_options_init(&ro);
	ro.format = RL_FORMAT_JSON;
	FUZZ_CHECK(rl_render(cmp, &ro, discard, NULL) == 0);
	ro.format = RL_FORMAT_TEXT;
	ro.show_equal = 1;
	FUZZ_CHECK(rl_render(cmp, &ro, discard, NULL) == 0);
	rl_comparison_free(cmp);
	free(seen_a);
	free(seen_b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *pa, *pb;
	size_t la, lb;
	rl_doc *da = NULL, *db = NULL;

	fuzz_split(data, size, &pa, &la, &pb, &lb);
	if (rl_doc_load_buffer(&da, "old", pa, la) == 0 && rl_doc_load_buffer(&db, "new", pb, lb) == 0) {
		compare(da, db, RL_MODE_VERSIONS);
		if (size <= 4096)
			compare(da, db, RL_MODE_RELATED);
	}
	rl_doc_free(da);
	rl_doc_free(db);
	return 0;
}
