/*
 * test_trace — following a paragraph through a corpus: finding a quote,
 * the steps in document-date order with the followed passage first on its
 * date, word diffs between steps that rebuild both passages, unrelated
 * documents left out, and the refusals.  Each test builds its corpus in a
 * temporary directory.
 */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus_tmp.h"
#include "redline.h"
#include "trace.h"

typedef struct fixture {
	char dir[64];
	rl_corpus *c;
} fixture;

static const char *const cornerstone_2021 =
	"Verklaring van beide landen over defensie.\n\n"
	"Nederland en Frankrijk erkennen dat de NAVO de hoeksteen is van het collectieve "
	"defensiebeleid van beide landen en dat samenwerking tussen de EU en de NAVO van "
	"essentieel belang is voor de veiligheid van Europa.\n\n"
	"Beide landen willen de culturele uitwisseling tussen musea en orkesten verdiepen.\n";
static const char *const cornerstone_2026 =
	"Brief aan het parlement.\n\n"
	"Het kabinet herhaalt dat de NAVO de hoeksteen blijft van het collectieve "
	"defensiebeleid van Nederland en dat samenwerking tussen de EU en de NAVO niet "
	"van essentieel belang is voor de veiligheid van Europa.\n";
static const char *const unrelated_2023 =
	"De oogst van tulpenbollen viel dit voorjaar tegen door de natte maanden maart en "
	"april in de kop van Noord-Holland.\n";

static void add(fixture *f, const char *name, const char *text, const char *date)
{
	rl_corpus_file file = {name, text, strlen(text), {0, 0}, RL_CORPUS_UNCHANGED};
	char commit[41];

	assert_int_equal(rl_date_parse(&file.date, date), 0);
	if (rl_corpus_add(commit, f->c, &file, 1, NULL) < 0)
		fail_msg("add %s: %s", name, rl_error_last());
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	if (corpus_tmp_new(&f->c, f->dir, "test_trace") < 0)
		return -1;
	*state = f;
	/* added out of date order: the trace sorts by document date */
	add(f, "letter.txt", cornerstone_2026, "2026-03-02");
	add(f, "declaration.txt", cornerstone_2021, "2021-08-31");
	add(f, "bulbs.txt", unrelated_2023, "2023-05-01");
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	corpus_tmp_free(f->c, f->dir);
	free(f);
	return 0;
}

static void test_trace__find_quote(void **state)
{
	rl_doc *d = NULL;
	size_t para = 99;
	int found;

	(void)state;
	assert_int_equal(rl_doc_load_buffer(&d, "d", cornerstone_2021, strlen(cornerstone_2021)), 0);
	assert_int_equal(rl_trace__find_quote(&para, &found, d, "de  NAVO\nDE hoeksteen"), 0);
	assert_true(found);
	assert_int_equal(para, 1);
	assert_int_equal(rl_trace__find_quote(&para, &found, d, "Musea En Orkesten"), 0);
	assert_true(found);
	assert_int_equal(para, 2);
	assert_int_equal(rl_trace__find_quote(&para, &found, d, "tulpenbollen"), 0);
	assert_false(found);
	rl_doc_free(d);
}

/* Step i's paragraph text. */
static void passage(rl_buf *out, const rl_trace *t, size_t i)
{
	const rl_trace_step *s = rl_trace_step_at(t, i);
	rl_paragraph p = rl_doc_paragraph(s->doc, s->para);

	rl_buf_clear(out);
	assert_int_equal(rl_buf_put(out, rl_doc_data(s->doc, NULL) + p.start, p.end - p.start), 0);
}

/* Step i's word diff: the '=' and `op` pieces, which must rebuild the
 * previous passage ('-') or this one ('+'). */
static void rebuild(rl_buf *out, const rl_trace *t, size_t i, char op)
{
	const rl_link *l = rl_trace_step_at(t, i)->link;
	rl_buf a = RL_BUF_INIT, b = RL_BUF_INIT;

	passage(&a, t, i - 1);
	passage(&b, t, i);
	rl_buf_clear(out);
	for (size_t k = 0; k < l->n_edits; k++) {
		const rl_edit *e = &l->edits[k];

		if (e->op == RL_EDIT_EQUAL || (char)e->op == op)
			rl_buf_put(out, (e->op == RL_EDIT_INSERT ? b.data : a.data) + e->start,
			           e->end - e->start);
	}
	rl_buf_free(&a);
	rl_buf_free(&b);
}

static int collect(const char *data, size_t len, void *payload)
{
	return rl_buf_put(payload, data, len);
}

static void test_trace__steps_in_date_order(void **state)
{
	fixture *f = *state;
	rl_trace_options o;
	rl_trace *t = NULL;
	const rl_trace_step *s;
	rl_buf got = RL_BUF_INIT, want = RL_BUF_INIT;
	char buf[40];

	rl_trace_options_init(&o);
	o.quote = "de NAVO de hoeksteen";
	if (rl_trace_run(&t, f->c, "declaration.txt", &o) < 0)
		fail_msg("trace: %s", rl_error_last());
	assert_int_equal(rl_trace_searched(t), 2);
	assert_int_equal(rl_trace_step_count(t), 2);
	s = rl_trace_step_at(t, 0);
	assert_string_equal(s->name, "declaration.txt");
	assert_true(s->source);
	assert_int_equal(s->para, 1);
	assert_null(s->from_previous);
	s = rl_trace_step_at(t, 1);
	assert_string_equal(s->name, "letter.txt");
	assert_string_equal(rl_date_format(buf, sizeof(buf), s->date, 0), "2026-03-02");
	assert_int_equal(s->para, 1);
	assert_true(s->similarity > 0.3 && s->similarity < 1);
	assert_non_null(s->link);
	/* the word diff rebuilds both passages byte for byte */
	rebuild(&got, t, 1, '-');
	passage(&want, t, 0);
	assert_string_equal(got.data, want.data);
	rebuild(&got, t, 1, '+');
	passage(&want, t, 1);
	assert_string_equal(got.data, want.data);
	rl_buf_free(&got);
	rl_buf_free(&want);
	assert_null(rl_trace_step_at(t, 2));
	rl_trace_free(t);
}

static void test_trace__render(void **state)
{
	fixture *f = *state;
	rl_trace_options o;
	rl_trace *t = NULL;
	rl_buf out = RL_BUF_INIT;

	rl_trace_options_init(&o);
	o.para = 2;
	assert_int_equal(rl_trace_run(&t, f->c, "declaration.txt", &o), 0);
	assert_int_equal(rl_trace_render(t, RL_FORMAT_TEXT, 0, collect, &out), 0);
	assert_non_null(strstr(out.data, "== 2021-08-31 declaration.txt ¶2 (followed)\n"));
	assert_non_null(strstr(out.data, "== 2026-03-02 letter.txt ¶2 similarity 0."));
	assert_non_null(strstr(out.data, "trace: 2 passages in 2 of 3 documents at HEAD\n"));
	rl_buf_clear(&out);
	assert_int_equal(rl_trace_render(t, RL_FORMAT_JSON, 0, collect, &out), 0);
	assert_non_null(strstr(out.data, "\"format\": \"redline-trace/1\""));
	assert_non_null(strstr(out.data, "\"followed\": true"));
	rl_buf_free(&out);
	rl_trace_free(t);
}

static void test_trace__refusals(void **state)
{
	fixture *f = *state;
	rl_trace_options o;
	rl_trace *t = NULL;

	rl_trace_options_init(&o);
	o.para = 1;
	assert_int_equal(rl_trace_run(&t, f->c, "missing.txt", &o), RL_ENOTFOUND);
	assert_string_equal(rl_error_last(), "no document 'missing.txt' at HEAD");
	o.para = 9;
	assert_int_equal(rl_trace_run(&t, f->c, "declaration.txt", &o), RL_EINVALID);
	assert_string_equal(rl_error_last(), "declaration.txt has 3 paragraphs, not 9");
	o.para = 0;
	assert_int_equal(rl_trace_run(&t, f->c, "declaration.txt", &o), RL_EINVALID);
	o.para = 1;
	o.rev = "nosuchrev";
	assert_int_equal(rl_trace_run(&t, f->c, "declaration.txt", &o), RL_ENOTFOUND);
	assert_null(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trace__find_quote),
		cmocka_unit_test_setup_teardown(test_trace__steps_in_date_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trace__render, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trace__refusals, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
