/* Unit tests for util: errors, allocation helpers, buffers, sets, maps,
 * the arena, hashing and file reading. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"

static void test_util__error_set_and_prefix(void **state)
{
	(void)state;
	assert_int_equal(rl_error_set(RL_EINVALID, "bad %s at %d", "thing", 7), RL_EINVALID);
	assert_string_equal(rl_error_last(), "bad thing at 7");
	assert_int_equal(rl_error_prefix(RL_EIO, "file.txt"), RL_EIO);
	assert_string_equal(rl_error_last(), "file.txt: bad thing at 7");
	rl_error_clear();
	assert_string_equal(rl_error_last(), "");
}

static void test_util__error_str_and_version(void **state)
{
	(void)state;
	assert_string_equal(rl_error_str(RL_ENOMEM), "out of memory");
	assert_string_equal(rl_error_str(RL_ENOTFOUND), "not found");
	assert_string_equal(rl_error_str(-99), "unknown error");
	assert_string_equal(rl_version(), RL_VERSION);
}

static void test_util__buf_grows_and_detaches(void **state)
{
	rl_buf b = RL_BUF_INIT;
	char *s;

	(void)state;
	for (int i = 0; i < 1000; i++)
		assert_int_equal(rl_buf_printf(&b, "%d,", i), 0);
	assert_true(b.len > 3000);
	assert_memory_equal(b.data, "0,1,2,", 6);
	assert_int_equal(b.data[b.len], '\0');
	s = rl_buf_detach(&b);
	assert_non_null(s);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	free(s);
	s = rl_buf_detach(&b); /* an empty buffer still gives a string */
	assert_string_equal(s, "");
	free(s);
}

static void test_util__reallocarray_refuses_overflow(void **state)
{
	(void)state;
	assert_null(rl_reallocarray(NULL, SIZE_MAX / 2, 4));
	assert_string_equal(rl_error_last(), "out of memory (size overflow)");
}

static void test_util__set64_adds_each_key_once(void **state)
{
	rl_set64 s = RL_SET64_INIT;

	(void)state;
	for (uint64_t k = 0; k < 5000; k++)
		assert_int_equal(rl_set64_add(&s, k * 7919), 1);
	for (uint64_t k = 0; k < 5000; k++)
		assert_int_equal(rl_set64_add(&s, k * 7919), 0);
	assert_int_equal(s.n, 5000);
	assert_true(rl_set64_has(&s, 0));
	assert_true(rl_set64_has(&s, 4999 * 7919));
	assert_false(rl_set64_has(&s, 5));
	rl_set64_free(&s);
	assert_false(rl_set64_has(&s, 0));
}

static void test_util__map64_counts(void **state)
{
	rl_map64 m = RL_MAP64_INIT;

	(void)state;
	assert_null(rl_map64_get(&m, 1));
	for (int round = 0; round < 3; round++)
		for (uint64_t k = 1; k <= 2000; k++)
			(*rl_map64_slot(&m, k << 20))++;
	assert_int_equal(m.n, 2000);
	assert_int_equal(*rl_map64_get(&m, 1 << 20), 3);
	assert_null(rl_map64_get(&m, 3));
	rl_map64_free(&m);
}

static void test_util__arena_aligns_and_frees(void **state)
{
	rl_arena a = RL_ARENA_INIT;

	(void)state;
	for (int i = 1; i < 500; i++) {
		char *p = rl_arena_alloc(&a, (size_t)i * 3);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 16, 0);
		memset(p, 'x', (size_t)i * 3);
	}
	assert_non_null(rl_arena_alloc(&a, 200000)); /* larger than a chunk */
	rl_arena_free(&a);
	/* the end of the latest allocation given back is handed out next */
	{
		char *p = rl_arena_alloc(&a, 1000), *q, *r;

		assert_non_null(p);
		memset(p, 'x', 1000);
		rl_arena_shrink(&a, p, 1000, 100);
		q = rl_arena_alloc(&a, 16);
		assert_ptr_equal(q, p + 112); /* 100 rounded up to 16 */
		/* not the latest allocation: nothing is given back */
		rl_arena_shrink(&a, p, 112, 16);
		r = rl_arena_alloc(&a, 16);
		assert_ptr_equal(r, q + 16);
		assert_int_equal(p[99], 'x');
	}
	rl_arena_free(&a);
	/* reset: everything forgotten, the latest chunk handed out again */
	{
		char *p = NULL, *q;

		for (int i = 0; i < 100; i++) {
			p = rl_arena_alloc(&a, 4000);
			assert_non_null(p);
			memset(p, 'y', 4000);
		}
		rl_arena_reset(&a);
		assert_int_equal(a.used, 0);
		q = rl_arena_alloc(&a, 4000);
		/* the start of the chunk that held the last allocation */
		assert_true(q <= p && p < q + a.size);
		assert_int_equal(a.used, 4000);
		rl_arena_reset(&a);
		assert_ptr_equal(rl_arena_alloc(&a, 16), q);
	}
	rl_arena_free(&a);
	assert_null(a.head);
}

static void test_util__hash_depends_on_every_byte(void **state)
{
	char a[40], b[40];

	(void)state;
	for (size_t len = 0; len < sizeof(a); len++) {
		memset(a, 'q', sizeof(a));
		memcpy(b, a, sizeof(b));
		assert_int_equal(rl_hash(a, len, 1), rl_hash(b, len, 1));
		for (size_t i = 0; i < len; i++) {
			b[i] ^= 1;
			assert_true(rl_hash(a, len, 1) != rl_hash(b, len, 1));
			b[i] ^= 1;
		}
		assert_true(rl_hash(a, len, 1) != rl_hash(a, len, 2));
	}
}

static void test_util__read_file_errors_name_the_file(void **state)
{
	char *data;
	size_t len;
	char path[] = "/tmp/rl_util_XXXXXX";
	int fd;

	(void)state;
	assert_int_equal(rl_read_file(&data, &len, "/nonexistent/x.txt", 0), RL_ENOTFOUND);
	assert_string_equal(rl_error_last(), "/nonexistent/x.txt: no such file");
	assert_int_equal(rl_read_file(&data, &len, "/tmp", 0), RL_EIO);
	assert_string_equal(rl_error_last(), "/tmp: is a directory");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "hello world", 11), 11);
	close(fd);
	assert_int_equal(rl_read_file(&data, &len, path, 0), 0);
	assert_int_equal(len, 11);
	assert_string_equal(data, "hello world");
	free(data);
	assert_int_equal(rl_read_file(&data, &len, path, 5), RL_ELIMIT);
	assert_non_null(strstr(rl_error_last(), "over the limit of 5 bytes"));
	unlink(path);
}

/* Large files are read into a buffer of their own (aligned, asked for
 * huge pages): every byte arrives, NUL-terminated, also when the size is a
 * whole number of 2 MB pages, and the buffer is freed as any other. */
static void test_util__read_large_files(void **state)
{
	const size_t sizes[] = {(size_t)4 << 20, ((size_t)4 << 20) - 1, (size_t)6 << 20,
	                        ((size_t)6 << 20) + 12345};
	char *want = malloc(((size_t)6 << 20) + 12345);

	(void)state;
	assert_non_null(want);
	for (size_t i = 0; i < ((size_t)6 << 20) + 12345; i++)
		want[i] = (char)('a' + (i * 7 + i / 4093) % 26);
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		char path[] = "/tmp/rl_util_XXXXXX", *data;
		size_t len;
		int fd = mkstemp(path);

		assert_true(fd >= 0);
		assert_int_equal(write(fd, want, sizes[k]), (ssize_t)sizes[k]);
		close(fd);
		assert_int_equal(rl_read_file(&data, &len, path, 0), 0);
		assert_int_equal(len, sizes[k]);
		assert_memory_equal(data, want, len);
		assert_int_equal(data[len], '\0');
		free(data);
		unlink(path);
	}
	free(want);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static void test_util__sort_u64_matches_qsort(void **state)
{
	uint64_t v[3000], w[3000];

	(void)state;
	srand(5);
	for (int round = 0; round < 300; round++) {
		size_t n = (size_t)(rand() % 3000);
		int kind = round % 4;

		for (size_t i = 0; i < n; i++)
			v[i] = kind == 0 ? (uint64_t)rand() << 32 | (uint64_t)rand()
			     : kind == 1 ? (uint64_t)(rand() % 5)      /* many duplicates */
			     : kind == 2 ? (uint64_t)i                 /* sorted */
			                 : (uint64_t)(n - i);          /* reversed */
		memcpy(w, v, n * sizeof(uint64_t));
		rl_sort_u64(v, n);
		qsort(w, n, sizeof(uint64_t), cmp_u64);
		assert_memory_equal(v, w, n * sizeof(uint64_t));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_util__error_set_and_prefix),
		cmocka_unit_test(test_util__error_str_and_version),
		cmocka_unit_test(test_util__buf_grows_and_detaches),
		cmocka_unit_test(test_util__reallocarray_refuses_overflow),
		cmocka_unit_test(test_util__set64_adds_each_key_once),
		cmocka_unit_test(test_util__map64_counts),
		cmocka_unit_test(test_util__arena_aligns_and_frees),
		cmocka_unit_test(test_util__hash_depends_on_every_byte),
		cmocka_unit_test(test_util__read_file_errors_name_the_file),
		cmocka_unit_test(test_util__read_large_files),
		cmocka_unit_test(test_util__sort_u64_matches_qsort),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
