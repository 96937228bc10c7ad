/* Unit tests for compare: the comparison model — kinds decided by the word
 * diff, output order, equality after normalisation, pools and options. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redline.h"
#include "align.h"
#include "compare.h"

static rl_comparison *compare(const char *a, const char *b, rl_doc **da, rl_doc **db)
{
	rl_comparison *c = NULL;

	assert_int_equal(rl_doc_load_buffer(da, "a.txt", a, strlen(a)), 0);
	assert_int_equal(rl_doc_load_buffer(db, "b.txt", b, strlen(b)), 0);
	assert_int_equal(rl_compare(&c, *da, *db, NULL), 0);
	return c;
}

static void release(rl_comparison *c, rl_doc *a, rl_doc *b)
{
	rl_comparison_free(c);
	rl_doc_free(a);
	rl_doc_free(b);
}

static void test_compare__equal_after_normalisation(void **state)
{
	rl_doc *a, *b;
	rl_comparison *c = compare("Een  alinea\nhier.\n\nTweede.\n", "\xef\xbb\xbf" "Een alinea hier.\r\n\r\nTweede.",
	                           &a, &b);

	(void)state;
	assert_int_equal(rl_comparison_is_equal(c), 1);
	assert_int_equal(rl_comparison_mode(c), RL_MODE_VERSIONS);
	assert_int_equal(rl_comparison_link_count(c), 2);
	for (size_t k = 0; k < 2; k++) {
		const rl_link *l = rl_comparison_link(c, k);
		assert_int_equal(l->kind, RL_LINK_EQUAL);
		assert_true(l->similarity == 1.0);
		assert_non_null(l->edits);
	}
	assert_null(rl_comparison_link(c, 2));
	release(c, a, b);
}

static void test_compare__edited_and_order(void **state)
{
	rl_doc *a, *b;
	rl_comparison *c = compare("Alfa een twee drie vier vijf zes zeven.\n\nBeta acht negen tien elf twaalf.\n\n"
	                           "Gamma dertien veertien vijftien zestien.\n",
	                           "Alfa een twee drie vijftig vijf zes zeven.\n\n"
	                           "Gamma dertien veertien vijftien zestien.\n",
	                           &a, &b);
	const rl_link *l;

	(void)state;
	assert_int_equal(rl_comparison_is_equal(c), 0);
	assert_int_equal(rl_comparison_link_count(c), 3);
	l = rl_comparison_link(c, 0);
	assert_int_equal(l->kind, RL_LINK_EDITED);
	assert_true(l->similarity < 1.0 && l->similarity > 0.5);
	/* the deletion comes right after the link of the paragraph before it */
	l = rl_comparison_link(c, 1);
	assert_int_equal(l->kind, RL_LINK_DELETED);
	assert_int_equal(l->n_old, 1);
	assert_int_equal(l->old_paras[0], 1);
	assert_int_equal(l->n_new, 0);
	assert_null(l->edits);
	l = rl_comparison_link(c, 2);
	assert_int_equal(l->kind, RL_LINK_EQUAL);
	assert_int_equal(l->new_paras[0], 1);
	release(c, a, b);
}

static void test_compare__metadata_counts(void **state)
{
	rl_doc *a, *b;
	rl_comparison *c = compare(" date 2022-03 Zelfde tekst.\n", " date 2022-04 Zelfde tekst.\n", &a, &b);

	(void)state;
	assert_int_equal(rl_comparison_link(c, 0)->kind, RL_LINK_EQUAL);
	assert_int_equal(rl_comparison_is_equal(c), 0);
	release(c, a, b);
}

static void test_compare__names(void **state)
{
	(void)state;
	assert_string_equal(rl_link_kind_name(RL_LINK_MERGED), "merged");
	assert_string_equal(rl_link_kind_name(RL_LINK_RELATED), "related");
	assert_string_equal(rl_link_kind_name((rl_link_kind)99), "unknown");
	assert_string_equal(rl_change_type_name(RL_CHANGE_ENTITY_REMOVED), "entity_removed");
}

static void test_compare__bad_mode(void **state)
{
	rl_doc *a = NULL;
	rl_comparison *c = NULL;
	rl_options o;

	(void)state;
	assert_int_equal(rl_doc_load_buffer(&a, "a", "x", 1), 0);
	rl_options_init(&o);
	o.mode = (rl_mode)42;
	assert_int_equal(rl_compare(&c, a, a, &o), RL_EINVALID);
	assert_null(c);
	rl_doc_free(a);
}

/* The edit texts of a link rebuild both sides of it, exactly. */
static void test_compare__edit_text_rebuilds_both_sides(void **state)
{
	const char *old_text = "Nederland en Frankrijk zijn voornemens samen te werken.\n";
	const char *new_text = "Nederland en Frankrijk gaan samen werken.\n";
	char rebuilt[2][128];
	size_t n[2] = {0, 0}, len;
	rl_doc *a, *b;
	rl_comparison *c = compare(old_text, new_text, &a, &b);
	const rl_link *l;

	(void)state;
	assert_ptr_equal(rl_comparison_old(c), a);
	assert_ptr_equal(rl_comparison_new(c), b);
	assert_string_equal(rl_mode_name(rl_comparison_mode(c)), "versions");
	assert_int_equal(rl_comparison_link_count(c), 1);
	l = rl_comparison_link(c, 0);
	assert_int_equal(l->kind, RL_LINK_EDITED);
	for (size_t i = 0; i < l->n_edits; i++) {
		const char *t = rl_edit_text(c, &l->edits[i], &len);

		for (int side = 0; side < 2; side++)
			if (l->edits[i].op == RL_EDIT_EQUAL ||
			    l->edits[i].op == (side ? RL_EDIT_INSERT : RL_EDIT_DELETE)) {
				assert_true(n[side] + len < sizeof(rebuilt[side]));
				memcpy(rebuilt[side] + n[side], t, len);
				n[side] += len;
			}
	}
	assert_int_equal(n[0], strlen(old_text) - 1);
	assert_memory_equal(rebuilt[0], old_text, n[0]);
	assert_int_equal(n[1], strlen(new_text) - 1);
	assert_memory_equal(rebuilt[1], new_text, n[1]);
	release(c, a, b);
}

static const char *GRID_OLD =
	"De ministers bespraken de samenwerking op het gebied van defensie en veiligheid in Europa.\n\n"
	"Het klimaatbeleid en de energietransitie vragen om gezamenlijke investeringen in windenergie.\n\n"
	"De culturele uitwisseling tussen scholen en universiteiten wordt verder uitgebreid.\n";
static const char *GRID_NEW =
	"Gezamenlijke investeringen in windenergie zijn nodig voor de energietransitie en het "
	"klimaatbeleid.\n\n"
	"Studenten van scholen en universiteiten gaan vaker op culturele uitwisseling.\n";

/* With opts.heatmap, every old paragraph is scored against every new one,
 * linked or not: the pair about energy scores above the pairs that share
 * nothing. */
/* Compare N paragraphs that differ in one number each, in `mode`; with
 * `anchored`, each after an equal paragraph, so that the versions aligner
 * pairs them in place. */
static void many_links(rl_mode mode, int anchored)
{
	enum { N = 3000 };
	size_t cap = (size_t)N * 240, n_links = 0;
	char *a = malloc(cap), *b = malloc(cap);
	size_t la = 0, lb = 0;
	rl_doc *da, *db;
	rl_comparison *c = NULL;
	rl_options o;

	assert_non_null(a);
	assert_non_null(b);
	for (int i = 0; i < N; i++) {
		/* a name of letters per paragraph, so that only the number differs */
		char w[4] = {(char)('a' + i % 26), (char)('a' + i / 26 % 26), (char)('a' + i / 676), 0};

		if (anchored) {
			la += (size_t)snprintf(a + la, cap - la, "Paragraaf %s blijft zoals hij was.\n\n", w);
			lb += (size_t)snprintf(b + lb, cap - lb, "Paragraaf %s blijft zoals hij was.\n\n", w);
		}
		la += (size_t)snprintf(a + la, cap - la,
		                       "Het plan %s zegt dat de regio %d procent van de kosten "
		                       "draagt.\n\n", w, 10 + i % 7);
		lb += (size_t)snprintf(b + lb, cap - lb,
		                       "Het plan %s zegt dat de regio %d procent van de kosten "
		                       "draagt.\n\n", w, 20 + i % 7);
	}
	rl_options_init(&o);
	o.mode = mode;
	assert_int_equal(rl_doc_load_buffer(&da, "a.txt", a, la), 0);
	assert_int_equal(rl_doc_load_buffer(&db, "b.txt", b, lb), 0);
	assert_int_equal(rl_compare(&c, da, db, &o), 0);
	/* related mode may also link a paragraph to a near twin */
	if (mode == RL_MODE_RELATED)
		assert_true(rl_comparison_link_count(c) >= N);
	else
		assert_int_equal(rl_comparison_link_count(c), anchored ? 2 * N : N);
	for (size_t k = 0; k < rl_comparison_link_count(c); k++) {
		const rl_link *l = rl_comparison_link(c, k);
		const rl_change *ch = l->changes;
		char want[24];
		size_t olen = 0, nlen = 0;

		if (anchored && l->kind == RL_LINK_EQUAL) {
			assert_int_equal(l->n_changes, 0);
			continue;
		}
		n_links++;
		assert_int_equal(l->kind, mode == RL_MODE_RELATED ? RL_LINK_RELATED : RL_LINK_EDITED);
		/* the edit script covers both paragraphs */
		for (size_t e = 0; e < l->n_edits; e++) {
			size_t len = l->edits[e].end - l->edits[e].start;

			if (l->edits[e].op != RL_EDIT_INSERT)
				olen += len;
			if (l->edits[e].op != RL_EDIT_DELETE)
				nlen += len;
		}
		assert_int_equal(olen, da->paras[l->old_paras[0]].end - da->paras[l->old_paras[0]].start);
		assert_int_equal(nlen, db->paras[l->new_paras[0]].end - db->paras[l->new_paras[0]].start);
		assert_true(l->n_edits > 0);
		assert_int_equal(l->edits[0].start, l->edits[0].op == RL_EDIT_INSERT
		                                        ? db->paras[l->new_paras[0]].start
		                                        : da->paras[l->old_paras[0]].start);
		assert_int_equal(l->n_changes, 1);
		assert_int_equal(ch->type, RL_CHANGE_NUMBER);
		assert_true(ch->old_start >= da->paras[l->old_paras[0]].start &&
		            ch->old_end <= da->paras[l->old_paras[0]].end);
		assert_true(ch->new_start >= db->paras[l->new_paras[0]].start &&
		            ch->new_end <= db->paras[l->new_paras[0]].end);
		snprintf(want, sizeof(want), "%u procent",
		         20 + (anchored ? l->new_paras[0] / 2 : l->new_paras[0]) % 7);
		assert_int_equal(ch->new_end - ch->new_start, strlen(want));
		assert_memory_equal(b + ch->new_start, want, strlen(want));
	}
	assert_true(n_links >= N);
	release(c, da, db);
	free(a);
	free(b);
}

/* Enough changed text for the word diffs and the semantic pass to be cut
 * between two threads, and (anchored) for the changes of the pairs made in
 * place to be found while the aligner goes on: every link still has
 * exactly its own change. */
/* A comparison with no pair to read changes from: its changes are put
 * together without an offset on an array that holds none (clang's UBSan,
 * `make asan CC=clang`, flags a zero offset on NULL; fuzz_align found
 * it with "E " against an empty text). */
static void test_compare__no_pair_has_changes(void **state)
{
	const char *texts[][2] = {{"E ", ""}, {"", "E "}, {"E ", "E "}, {"", ""}};

	(void)state;
	for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		rl_doc *a, *b;
		rl_comparison *c = compare(texts[t][0], texts[t][1], &a, &b);
		size_t n = rl_comparison_link_count(c);

		assert_int_equal(n, *texts[t][0] || *texts[t][1] ? 1 : 0);
		for (size_t k = 0; k < n; k++) {
			const rl_link *l = rl_comparison_link(c, k);

			assert_int_equal(l->n_changes, 0);
			assert_int_equal(l->kind, !*texts[t][0]   ? RL_LINK_INSERTED
			                          : !*texts[t][1] ? RL_LINK_DELETED
			                                          : RL_LINK_EQUAL);
		}
		release(c, a, b);
	}
}

static void test_compare__changes_of_many_links(void **state)
{
	(void)state;
	many_links(RL_MODE_VERSIONS, 0);
	many_links(RL_MODE_VERSIONS, 1);
	many_links(RL_MODE_AUTO, 1);
	many_links(RL_MODE_RELATED, 0);
}

static void test_compare__heatmap_grid_scores_every_pair(void **state)
{
	rl_doc *a, *b;
	rl_comparison *c = NULL;
	rl_options o;

	(void)state;
	assert_int_equal(rl_doc_load_buffer(&a, "a.txt", GRID_OLD, strlen(GRID_OLD)), 0);
	assert_int_equal(rl_doc_load_buffer(&b, "b.txt", GRID_NEW, strlen(GRID_NEW)), 0);
	rl_options_init(&o);
	assert_int_equal(rl_compare(&c, a, b, &o), 0);
	assert_null(c->grid); /* only on request */
	rl_comparison_free(c);
	o.mode = RL_MODE_RELATED;
	o.min_similarity = 0.99; /* no links at all */
	o.heatmap = 1;
	assert_int_equal(rl_compare(&c, a, b, &o), 0);
	assert_int_equal(rl_comparison_link_count(c), 0);
	assert_non_null(c->grid);
	assert_int_equal(c->grid_rows, 3);
	assert_int_equal(c->grid_cols, 2);
	for (size_t i = 0; i < 6; i++)
		assert_true(c->grid[i] >= 0 && c->grid[i] <= 1);
	/* old ¶2 (energy) × new ¶1 (energy) beats old ¶1 and ¶3 × new ¶1 */
	assert_true(c->grid[1 * 2 + 0] > 0.4);
	assert_true(c->grid[1 * 2 + 0] > c->grid[0 * 2 + 0] + 0.2);
	assert_true(c->grid[1 * 2 + 0] > c->grid[2 * 2 + 0] + 0.2);
	/* old ¶3 (exchange) × new ¶2 (exchange) likewise */
	assert_true(c->grid[2 * 2 + 1] > c->grid[0 * 2 + 1] + 0.2);
	release(c, a, b);
}

/* A grid that cannot be made fails the comparison, with its message, and
 * leaves nothing behind. */
static void test_compare__heatmap_grid_failure(void **state)
{
	rl_doc *a, *b;
	rl_comparison *c = (rl_comparison *)1;
	rl_options o;

	(void)state;
	assert_int_equal(rl_doc_load_buffer(&a, "a.txt", GRID_OLD, strlen(GRID_OLD)), 0);
	assert_int_equal(rl_doc_load_buffer(&b, "b.txt", GRID_NEW, strlen(GRID_NEW)), 0);
	rl_options_init(&o);
	o.heatmap = 1;
	o.lang = "klingon";
	assert_int_equal(rl_compare(&c, a, b, &o), RL_EINVALID);
	assert_null(c);
	assert_non_null(strstr(rl_error_last(), "klingon"));
	rl_doc_free(a);
	rl_doc_free(b);
}

/* Large documents: at most RL_GRID_SAMPLED_BINS cells a side, each scored
 * from a sample. */
static void test_compare__heatmap_grid_of_large_documents_is_binned(void **state)
{
	rl_buf x = RL_BUF_INIT;
	rl_doc *a, *b;
	rl_comparison *c = NULL;
	rl_options o;
	size_t rows, cols;

	(void)state;
	for (size_t i = 0; i < 400; i++)
		rl_buf_printf(&x, "Alinea %zu over onderwerp %zu met woorden als begroting, defensie en "
		              "klimaat %zu.\n\n", i, i % 7, i % 11);
	assert_int_equal(rl_doc_load_buffer(&a, "a.txt", x.data, x.len), 0);
	assert_int_equal(rl_doc_load_buffer(&b, "b.txt", x.data, x.len), 0);
	rl_align_grid_size(400, 400, &rows, &cols);
	assert_int_equal(rows, RL_GRID_SAMPLED_BINS);
	assert_int_equal(cols, RL_GRID_SAMPLED_BINS);
	rl_align_grid_size(10, 30, &rows, &cols);
	assert_int_equal(rows, 10);
	assert_int_equal(cols, 30);
	rl_align_grid_size(0, 30, &rows, &cols);
	assert_int_equal(rows, 0);
	rl_options_init(&o);
	o.heatmap = 1;
	assert_int_equal(rl_compare(&c, a, b, &o), 0);
	assert_int_equal(c->grid_rows, RL_GRID_SAMPLED_BINS);
	assert_int_equal(c->grid_cols, RL_GRID_SAMPLED_BINS);
	for (size_t i = 0; i < RL_GRID_SAMPLED_BINS * RL_GRID_SAMPLED_BINS; i++)
		assert_true(c->grid[i] >= 0); /* every cell scored */
	/* the same text on both sides: the diagonal is the best of each row */
	for (size_t r = 0; r < RL_GRID_SAMPLED_BINS; r++)
		for (size_t q = 0; q < RL_GRID_SAMPLED_BINS; q++)
			assert_true(c->grid[r * RL_GRID_SAMPLED_BINS + r] >=
			            c->grid[r * RL_GRID_SAMPLED_BINS + q] - 1e-6);
	assert_true(c->grid[0] > 0.99);
	release(c, a, b);
	rl_buf_free(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compare__equal_after_normalisation),
		cmocka_unit_test(test_compare__edited_and_order),
		cmocka_unit_test(test_compare__metadata_counts),
		cmocka_unit_test(test_compare__names),
		cmocka_unit_test(test_compare__bad_mode),
		cmocka_unit_test(test_compare__edit_text_rebuilds_both_sides),
		cmocka_unit_test(test_compare__no_pair_has_changes),
		cmocka_unit_test(test_compare__changes_of_many_links),
		cmocka_unit_test(test_compare__heatmap_grid_scores_every_pair),
		cmocka_unit_test(test_compare__heatmap_grid_of_large_documents_is_binned),
		cmocka_unit_test(test_compare__heatmap_grid_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
