/* Unit tests for render: the buffered writer, JSON escaping and contract
 * fields, text markers and colour, write failures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "render.h"

static int to_buf(const char *data, size_t len, void *payload)
{
	return rl_buf_put(payload, data, len);
}

static int failing(const char *data, size_t len, void *payload)
{
	(void)data;
	(void)len;
	(void)payload;
	return -1;
}

static void test_render__json_string_escapes(void **state)
{
	rl_buf b = RL_BUF_INIT;
	rl_out *o = malloc(sizeof(*o));

	(void)state;
	rl_out_init(o, to_buf, &b);
	rl_out_json_string(o, "a\"b\\c\nd\te\x01\x7f\xc3\xaf", 13);
	assert_int_equal(rl_out_finish(o), 0);
	assert_string_equal(b.data, "\"a\\\"b\\\\c\\nd\\te\\u0001\\u007f\xc3\xaf\"");
	free(o);
	rl_buf_free(&b);
}

/* Characters to escape at every position of an 8-byte block. */
static void test_render__json_string_escapes_at_every_offset(void **state)
{
	const char specials[] = {'"', '\\', '\n', '\x01', '\x7f'};
	const char *want[] = {"\\\"", "\\\\", "\\n", "\\u0001", "\\u007f"};

	(void)state;
	for (size_t k = 0; k < sizeof(specials); k++)
		for (size_t at = 0; at < 20; at++) {
			char in[24], expect[64];
			rl_buf b = RL_BUF_INIT;
			rl_out *o = malloc(sizeof(*o));

			memset(in, 'a', sizeof(in));
			in[at] = specials[k];
			snprintf(expect, sizeof(expect), "\"%.*s%s%.*s\"", (int)at, in, want[k],
			         (int)(sizeof(in) - at - 1), in + at + 1);
			rl_out_init(o, to_buf, &b);
			rl_out_json_string(o, in, sizeof(in));
			assert_int_equal(rl_out_finish(o), 0);
			assert_string_equal(b.data, expect);
			free(o);
			rl_buf_free(&b);
		}
}

static void test_render__large_writes_pass_through(void **state)
{
	rl_buf b = RL_BUF_INIT;
	rl_out *o = malloc(sizeof(*o));
	char *big = malloc(200000);

	(void)state;
	memset(big, 'x', 200000);
	rl_out_init(o, to_buf, &b);
	rl_out_puts(o, "start");
	rl_out_put(o, big, 200000);
	rl_out_printf(o, "%s", "end");
	assert_int_equal(rl_out_finish(o), 0);
	assert_int_equal(b.len, 200008);
	assert_memory_equal(b.data + 200005, "end", 3);
	free(big);
	free(o);
	rl_buf_free(&b);
}

static rl_comparison *sample(rl_doc **a, rl_doc **b)
{
	const char *x = "Nederland en Frankrijk zijn voornemens samen te werken.\n\nOud \"stuk\" dat verdwijnt.\n";
	const char *y = "Nederland en Frankrijk gaan samen te werken.\n";
	rl_comparison *c = NULL;

	assert_int_equal(rl_doc_load_buffer(a, "oud.txt", x, strlen(x)), 0);
	assert_int_equal(rl_doc_load_buffer(b, "nieuw.txt", y, strlen(y)), 0);
	assert_int_equal(rl_compare(&c, *a, *b, NULL), 0);
	return c;
}

static char *render(const rl_comparison *c, rl_format f, int color)
{
	rl_render_options ro;
	rl_buf b = RL_BUF_INIT;

	rl_render_options_init(&ro);
	ro.format = f;
	ro.color = color;
	assert_int_equal(rl_render(c, &ro, to_buf, &b), 0);
	return rl_buf_detach(&b);
}

static void test_render__json_contract(void **state)
{
	rl_doc *a, *b;
	rl_comparison *c = sample(&a, &b);
	char *j = render(c, RL_FORMAT_JSON, 0);

	(void)state;
	assert_non_null(strstr(j, "\"format\": \"redline-diff/1\""));
	assert_non_null(strstr(j, "\"mode\": \"versions\""));
	assert_non_null(strstr(j, "\"old\": {\"name\": \"oud.txt\", \"paragraphs\": [{\"start\": 0, \"end\": 55}"));
	assert_non_null(strstr(j, "{\"kind\": \"edited\", \"old\": [0], \"new\": [0], \"similarity\": "));
	assert_non_null(strstr(j, "[\"-\", \"zijn voornemens\"], [\"+\", \"gaan\"]"));
	assert_non_null(strstr(j, "{\"kind\": \"deleted\", \"old\": [1], \"new\": [], \"similarity\": 0.0000, \"changes\": []}"));
	assert_non_null(strstr(j, "\"summary\": {\"equal\": 0, \"edited\": 1,"));
	free(j);
	rl_comparison_free(c);
	rl_doc_free(a);
	rl_doc_free(b);
}

static void test_render__text_markers_and_colour(void **state)
{
	rl_doc *a, *b;
	rl_comparison *c = sample(&a, &b);
	char *t = render(c, RL_FORMAT_TEXT, 0), *k = render(c, RL_FORMAT_TEXT, 1);

	(void)state;
	assert_non_null(strstr(t, "== ¶1 edited (old ¶1) similarity "));
	assert_non_null(strstr(t, "Nederland en Frankrijk [-zijn voornemens-]{+gaan+} samen"));
	assert_non_null(strstr(t, "== old ¶2 deleted\n[-Oud \"stuk\" dat verdwijnt.-]"));
	assert_non_null(strstr(t, "\n[modality voornemens → gaan]\n") ||
	                strstr(t, " [modality voornemens → gaan]\n"));
	assert_non_null(strstr(t, "summary: 1 edited, 1 deleted; changes: 1 modality"));
	assert_null(strstr(t, "\033["));
	assert_non_null(strstr(k, "\033[31;9mzijn voornemens\033[0m\033[32;4mgaan\033[0m"));
	assert_null(strstr(k, "[-"));
	free(t);
	free(k);
	rl_comparison_free(c);
	rl_doc_free(a);
	rl_doc_free(b);
}

/* A comparison of 5,000 changed paragraphs, each after an equal one:
 * 10,000 links, enough for the links to be rendered on two threads. */
static rl_comparison *many(rl_doc **a, rl_doc **b)
{
	rl_buf x = RL_BUF_INIT, y = RL_BUF_INIT;
	rl_comparison *c = NULL;

	for (unsigned i = 0; i < 5000; i++) {
		rl_buf_printf(&x, "Vaste alinea %u blijft.\n\nAlinea %u telt %u woorden.\n\n", i, i, i);
		rl_buf_printf(&y, "Vaste alinea %u blijft.\n\nAlinea %u telt %u woorden.\n\n", i, i,
		              i + 1);
	}
	assert_int_equal(rl_doc_load_buffer(a, "a.txt", x.data, x.len), 0);
	assert_int_equal(rl_doc_load_buffer(b, "b.txt", y.data, y.len), 0);
	assert_int_equal(rl_compare(&c, *a, *b, NULL), 0);
	assert_int_equal(rl_comparison_link_count(c), 10000);
	rl_buf_free(&x);
	rl_buf_free(&y);
	return c;
}

/* Every link once, in order, with its own words, then the summary. */
static void test_render__json_many_links_in_order(void **state)
{
	rl_doc *a, *b;
	rl_comparison *c = many(&a, &b);
	char *j = render(c, RL_FORMAT_JSON, 0), *at = j;

	(void)state;
	for (unsigned k = 0; k < 10000; k++) {
		char want[160];

		if (k % 2 == 0)
			snprintf(want, sizeof(want), "%s\n  {\"kind\": \"equal\", \"old\": [%u], \"new\": [%u],",
			         k ? "," : "", k, k);
		else
			snprintf(want, sizeof(want),
			         ",\n  {\"kind\": \"edited\", \"old\": [%u], \"new\": [%u], ", k, k);
		at = strstr(at, want);
		if (!at)
			fail_msg("link %u not found after link %u: %s", k, k ? k - 1 : 0, want);
		at += strlen(want);
		if (k % 2) {
			snprintf(want, sizeof(want),
			         "\"words\": [[\"=\", \"Alinea %u telt \"], [\"-\", \"%u\"], [\"+\", \"%u\"]",
			         k / 2, k / 2, k / 2 + 1);
			if (strncmp(strstr(at, "\"words\""), want, strlen(want)) != 0)
				fail_msg("link %u: wanted %s", k, want);
		}
	}
	assert_non_null(strstr(at, "\n ],\n \"summary\": {\"equal\": 5000, \"edited\": 5000,"));
	free(j);
	rl_comparison_free(c);
	rl_doc_free(a);
	rl_doc_free(b);
}

static void test_render__write_failure_is_reported(void **state)
{
	rl_doc *a, *b;
	rl_comparison *c = sample(&a, &b);

	(void)state;
	assert_int_equal(rl_render(c, NULL, failing, NULL), RL_EIO);
	assert_string_equal(rl_error_last(), "write failed");
	rl_comparison_free(c);
	rl_doc_free(a);
	rl_doc_free(b);
	/* and while the links are rendered on two threads */
	c = many(&a, &b);
	{
		rl_render_options ro;

		rl_render_options_init(&ro);
		ro.format = RL_FORMAT_JSON;
		assert_int_equal(rl_render(c, &ro, failing, NULL), RL_EIO);
	}
	rl_comparison_free(c);
	rl_doc_free(a);
	rl_doc_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render__json_string_escapes),
		cmocka_unit_test(test_render__json_string_escapes_at_every_offset),
		cmocka_unit_test(test_render__large_writes_pass_through),
		cmocka_unit_test(test_render__json_contract),
		cmocka_unit_test(test_render__json_many_links_in_order),
		cmocka_unit_test(test_render__text_markers_and_colour),
		cmocka_unit_test(test_render__write_failure_is_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
