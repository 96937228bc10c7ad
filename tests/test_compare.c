/* Unit tests for compare: the comparison model — kinds decided by the word
 * diff, output order, equality after normalisation, pools and options. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "redline.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compare__equal_after_normalisation),
		cmocka_unit_test(test_compare__edited_and_order),
		cmocka_unit_test(test_compare__metadata_counts),
		cmocka_unit_test(test_compare__names),
		cmocka_unit_test(test_compare__bad_mode),
		cmocka_unit_test(test_compare__edit_text_rebuilds_both_sides),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
