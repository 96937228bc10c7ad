/* Unit tests for lcs: the matching is always valid (equal keys, in order),
 * optimal where the input has an unambiguous answer, close to optimal on
 * random input, and bounded on expensive input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "lcs.h"

static rl_lcs *lcs;

static int setup(void **state)
{
	(void)state;
	return rl_lcs_new(&lcs);
}

static int teardown(void **state)
{
	(void)state;
	rl_lcs_free(lcs);
	return 0;
}

/* Run the diff; check the matching pairs equal keys; return its size. */
static size_t matched(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	uint8_t *da = calloc(na + 1, 1), *db = calloc(nb + 1, 1);
	size_t i = 0, j = 0, m = 0;

	assert_int_equal(rl_lcs_diff(lcs, a, na, b, nb, da, db), 0);
	while (i < na || j < nb) {
		if (i < na && da[i]) {
			i++;
		} else if (j < nb && db[j]) {
			j++;
		} else {
			assert_true(i < na && j < nb);
			assert_true(a[i] == b[j]);
			m++;
			i++;
			j++;
		}
	}
	free(da);
	free(db);
	return m;
}

static size_t lcs_dp(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t *row = calloc(nb + 1, sizeof(size_t)), best;

	for (size_t i = 1; i <= na; i++) {
		size_t diag = 0;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];
			row[j] = a[i - 1] == b[j - 1] ? diag + 1 : (row[j] > row[j - 1] ? row[j] : row[j - 1]);
			diag = up;
		}
	}
	best = row[nb];
	free(row);
	return best;
}

static void test_lcs__identical_and_disjoint(void **state)
{
	uint64_t a[] = {1, 2, 3, 4, 5}, b[] = {6, 7, 8};

	(void)state;
	assert_int_equal(matched(a, 5, a, 5), 5);
	assert_int_equal(matched(a, 5, b, 3), 0);
	assert_int_equal(matched(a, 0, b, 3), 0);
	assert_int_equal(matched(a, 5, b, 0), 0);
}

static void test_lcs__moves_keep_the_longest_order(void **state)
{
	uint64_t a[] = {1, 2, 3, 4, 5, 6, 7}, b[] = {1, 2, 6, 3, 4, 5, 7};

	(void)state;
	assert_int_equal(matched(a, 7, b, 7), 6);
}

static void test_lcs__duplicates_pair_in_order(void **state)
{
	uint64_t a[] = {9, 9, 9, 1, 9}, b[] = {9, 1, 9, 9};

	(void)state;
	assert_int_equal(matched(a, 5, b, 4), lcs_dp(a, 5, b, 4));
}

static void test_lcs__random_inputs_are_near_optimal(void **state)
{
	uint64_t a[80], b[80];
	size_t total = 0, best = 0;

	(void)state;
	srand(7);
	for (int round = 0; round < 400; round++) {
		size_t na = (size_t)(rand() % 80), nb = (size_t)(rand() % 80);
		int alphabet = 2 + rand() % 30;

		for (size_t i = 0; i < na; i++)
			a[i] = (uint64_t)(rand() % alphabet);
		for (size_t j = 0; j < nb; j++)
			b[j] = rand() % 3 && j < na ? a[j] : (uint64_t)(rand() % alphabet);
		total += matched(a, na, b, nb);
		best += lcs_dp(a, na, b, nb);
	}
	/* small regions go to Myers, which is optimal */
	print_message("matched %zu of an optimal %zu\n", total, best);
	assert_true(total * 100 >= best * 99);
}

static void test_lcs__expensive_input_finishes(void **state)
{
	size_t n = 200000;
	uint64_t *a = malloc(n * sizeof(uint64_t)), *b = malloc(n * sizeof(uint64_t));

	(void)state;
	/* few distinct keys, no unique anchors, many differences */
	srand(3);
	for (size_t i = 0; i < n; i++) {
		a[i] = (uint64_t)(rand() % 4);
		b[i] = (uint64_t)(rand() % 4);
	}
	assert_true(matched(a, n, b, n) > n / 2);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lcs__identical_and_disjoint),
		cmocka_unit_test(test_lcs__moves_keep_the_longest_order),
		cmocka_unit_test(test_lcs__duplicates_pair_in_order),
		cmocka_unit_test(test_lcs__random_inputs_are_near_optimal),
		cmocka_unit_test(test_lcs__expensive_input_finishes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
