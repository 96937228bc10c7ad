/* Unit tests for doc: loading from buffers and files, refusing what is
 * not text, BOM and metadata, paragraph and sentence accessors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redline.h"

static void test_doc__loads_paragraphs_with_spans(void **state)
{
	const char *s = "Eerste alinea.\n\nTweede alinea, langer.\n";
	rl_doc *d = NULL;
	rl_paragraph p;

	(void)state;
	assert_int_equal(rl_doc_load_buffer(&d, "mem.txt", s, strlen(s)), 0);
	assert_string_equal(rl_doc_name(d), "mem.txt");
	assert_int_equal(rl_doc_paragraph_count(d), 2);
	p = rl_doc_paragraph(d, 1);
	assert_int_equal(p.start, 16);
	assert_int_equal(p.end, 38);
	p = rl_doc_paragraph(d, 2); /* out of range: empty, not a crash */
	assert_int_equal(p.start, 0);
	assert_int_equal(p.end, 0);
	rl_doc_free(d);
	rl_doc_free(NULL);
}

static void test_doc__refuses_invalid_utf8_with_offset(void **state)
{
	rl_doc *d = (rl_doc *)1;

	(void)state;
	assert_int_equal(rl_doc_load_buffer(&d, "x.txt", "ok \xc3(", 5), RL_EINVALID);
	assert_null(d);
	assert_string_equal(rl_error_last(), "x.txt: invalid UTF-8 at byte 3");
}

static void test_doc__refuses_binary(void **state)
{
	rl_doc *d = NULL;

	(void)state;
	assert_int_equal(rl_doc_load_buffer(&d, "b.bin", "ab\0cd", 5), RL_EINVALID);
	assert_string_equal(rl_error_last(), "b.bin: binary data (NUL byte at byte 2)");
	assert_int_equal(rl_doc_load_buffer(&d, "c.bin", "ab\x01" "cd", 5), RL_EINVALID);
	assert_string_equal(rl_error_last(), "c.bin: binary data (control byte 0x01 at byte 2)");
}

static void test_doc__bom_and_metadata(void **state)
{
	const char *s = "\xef\xbb\xbf date 2022-03 Eerste alinea.\r\n\r\nTweede.";
	rl_doc *d = NULL;
	size_t ms = 0, me = 0;

	(void)state;
	assert_int_equal(rl_doc_load_buffer(&d, "m.txt", s, strlen(s)), 0);
	assert_int_equal(rl_doc_metadata(d, &ms, &me), 1);
	assert_int_equal(ms, 4);
	assert_int_equal(me, 16);
	assert_int_equal(rl_doc_paragraph_count(d), 2);
	assert_int_equal(rl_doc_paragraph(d, 0).start, 17);
	assert_int_equal(rl_doc_paragraph(d, 0).end, 31);
	rl_doc_free(d);
}

static void test_doc__empty_input(void **state)
{
	rl_doc *d = NULL;
	size_t ms, me;

	(void)state;
	assert_int_equal(rl_doc_load_buffer(&d, "e.txt", "", 0), 0);
	assert_int_equal(rl_doc_paragraph_count(d), 0);
	assert_int_equal(rl_doc_metadata(d, &ms, &me), 0);
	rl_doc_free(d);
}

/* Make the temporary file named by the template `path` and write `text`. */
static void write_temp(char *path, const char *text)
{
	int fd = mkstemp(path);
	FILE *f;

	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void test_doc__load_file_and_missing_file(void **state)
{
	char path[] = "/tmp/rl_doc_XXXXXX";
	rl_doc *d = NULL;

	(void)state;
	write_temp(path, "Een. Twee zinnen hier.\n");
	assert_int_equal(rl_doc_load_file(&d, path, "shown.txt"), 0);
	assert_string_equal(rl_doc_name(d), "shown.txt");
	{
		rl_paragraph s[4];
		assert_int_equal(rl_doc_sentences(d, 0, s, 4), 2);
		assert_int_equal(s[1].start, 5);
		assert_int_equal(s[1].end, 22);
		assert_int_equal(rl_doc_sentences(d, 0, s, 1), 2); /* count beyond cap */
		assert_true(rl_doc_sentences(d, 7, s, 4) < 0);
	}
	rl_doc_free(d);
	remove(path);
	assert_int_equal(rl_doc_load_file(&d, path, NULL), RL_ENOTFOUND);
	assert_non_null(strstr(rl_error_last(), "no such file"));
}

/* A size limit refuses a larger file with RL_ELIMIT before reading it;
 * 0 stands for the largest size redline addresses. */
static void test_doc__size_limit(void **state)
{
	char path[] = "/tmp/rl_doc_XXXXXX";
	rl_doc *d = NULL;

	(void)state;
	write_temp(path, "Negenentwintig bytes tekst.\n");
	assert_int_equal(rl_doc_load_file_max(&d, path, "t.txt", 27), RL_ELIMIT);
	assert_null(d);
	assert_non_null(strstr(rl_error_last(), "file of 28 bytes is over the limit of 27 bytes"));
	assert_int_equal(rl_doc_load_file_max(&d, path, "t.txt", 28), 0);
	rl_doc_free(d);
	assert_int_equal(rl_doc_load_file_max(&d, path, "t.txt", 0), 0);
	assert_int_equal(rl_doc_paragraph_count(d), 1);
	rl_doc_free(d);
	remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doc__loads_paragraphs_with_spans),
		cmocka_unit_test(test_doc__refuses_invalid_utf8_with_offset),
		cmocka_unit_test(test_doc__refuses_binary),
		cmocka_unit_test(test_doc__bom_and_metadata),
		cmocka_unit_test(test_doc__empty_input),
		cmocka_unit_test(test_doc__load_file_and_missing_file),
		cmocka_unit_test(test_doc__size_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
