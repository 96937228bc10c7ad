/*
 * test_check — the CI policy: parsing .redline files and flags, which
 * rules apply to which document, evaluating a comparison (kinds, semantic
 * changes, similarity, deletions) and the four report formats.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "compare.h"

static rl_policy *parse(const char *text)
{
	rl_policy *p;

	assert_int_equal(rl_policy_new(&p), 0);
	if (rl_policy_parse(p, ".redline", text, strlen(text)) != 0)
		fail_msg("policy did not parse: %s", rl_error_last());
	return p;
}

static void test_check__policy_file(void **state)
{
	rl_policy *p = parse("# a policy\n"
	                     "[check]\n"
	                     "fail-on = deleted, number ; trailing comment\n"
	                     "min-similarity = 0.6\n"
	                     "max-deleted = 3\n"
	                     "ignore = drafts/*, *.md\n"
	                     "\n"
	                     "[path \"letters/*\"]\n"
	                     "max-deleted = 0\n"
	                     "fail-on = negation\n");
	rl_rules r;

	(void)state;
	r = rl_policy__rules_for(p, "news.txt");
	assert_true(r.fail_on == (RL_FAIL_KIND(RL_LINK_DELETED) | RL_FAIL_CHANGE(RL_CHANGE_NUMBER)));
	assert_true(r.min_similarity == 0.6);
	assert_int_equal(r.max_deleted, 3);
	r = rl_policy__rules_for(p, "letters/2026.txt");
	assert_true(r.fail_on == RL_FAIL_CHANGE(RL_CHANGE_NEGATION));
	assert_int_equal(r.max_deleted, 0);
	assert_true(r.min_similarity == 0.6);
	assert_true(rl_policy__ignores(p, "drafts/x.txt"));
	assert_true(rl_policy__ignores(p, "README.md"));
	assert_false(rl_policy__ignores(p, "news.txt"));
	assert_true(rl_policy_has_rules(p));
	rl_policy_free(p);
}

static void test_check__flags_win(void **state)
{
	rl_policy *p = parse("[check]\nmax-deleted = 3\nfail-on = deleted\n[path \"*\"]\nmax-deleted = 5\n");
	rl_rules r;

	(void)state;
	assert_int_equal(rl_policy_set(p, "max-deleted", "1"), 0);
	assert_int_equal(rl_policy_set(p, "fail-on", "none"), 0);
	r = rl_policy__rules_for(p, "a.txt");
	assert_int_equal(r.max_deleted, 1);
	assert_true(r.fail_on == 0);
	assert_int_equal(rl_policy_set(p, "min_similarity", "off"), 0);
	r = rl_policy__rules_for(p, "a.txt");
	assert_true(r.min_similarity < 0);
	rl_policy_free(p);
}

static void refused(const char *text, const char *message)
{
	rl_policy *p;

	assert_int_equal(rl_policy_new(&p), 0);
	assert_int_equal(rl_policy_parse(p, ".redline", text, strlen(text)), RL_EINVALID);
	if (!strstr(rl_error_last(), message))
		fail_msg("'%s' gave '%s', wanted '%s'", text, rl_error_last(), message);
	rl_policy_free(p);
}

static void test_check__policy_errors(void **state)
{
	(void)state;
	refused("[check]\nfail-on = deleted, bogus\n", ".redline:2: fail-on: unknown type 'bogus'");
	refused("min-similarity = 2\n", ".redline:1: min-similarity");
	refused("max-deleted = -1\n", "max-deleted");
	refused("max-deleted = 1.5\n", "max-deleted");
	refused("[check]\ncolour = red\n", ".redline:2: unknown key 'colour'");
	refused("[other]\n", "unknown section [other]");
	refused("[path]\n", "unknown section");
	refused("[path \"\"]\n", "needs a pattern");
	refused("[path \"a\"]\nignore = x\n", "ignore belongs in [check]");
	refused("just words\n", ".redline:1: expected key = value");
	refused("[check\n", "ends with ]");
}

static rl_doc *doc_of(const char *name, const char *text)
{
	rl_doc *d = NULL;

	assert_int_equal(rl_doc_load_buffer(&d, name, text, strlen(text)), 0);
	return d;
}

typedef struct evaluated {
	rl_doc *a, *b;
	rl_comparison *cmp;
	rl_check_doc d;
} evaluated;

static void evaluate(evaluated *e, const char *old_text, const char *new_text, const char *policy,
                     const rl_change *inject)
{
	rl_policy *p = parse(policy);
	rl_options o;
	rl_rules r;

	memset(e, 0, sizeof(*e));
	rl_options_init(&o);
	o.mode = RL_MODE_VERSIONS;
	e->a = doc_of("old", old_text);
	e->b = doc_of("new", new_text);
	assert_int_equal(rl_compare(&e->cmp, e->a, e->b, &o), 0);
	if (inject) {
		/* a semantic change on the first edited link, as the semantic module reports them */
		for (size_t k = 0; k < e->cmp->n_links; k++)
			if (e->cmp->links[k].kind == RL_LINK_EDITED) {
				e->cmp->links[k].changes = inject;
				e->cmp->links[k].n_changes = 1;
				break;
			}
	}
	e->d.name = "doc.txt";
	e->d.status = RL_CORPUS_MODIFIED;
	r = rl_policy__rules_for(p, "doc.txt");
	assert_int_equal(rl_check__evaluate(&e->d, e->cmp, e->a, e->b, &r), 0);
	rl_policy_free(p);
}

static void evaluated_free(evaluated *e)
{
	for (size_t k = 0; k < e->d.n_violations; k++)
		free(e->d.violations[k].message);
	free(e->d.violations);
	for (size_t k = 0; k < e->cmp->n_links; k++)
		e->cmp->links[k].changes = NULL;
	rl_comparison_free(e->cmp);
	rl_doc_free(e->a);
	rl_doc_free(e->b);
}

static const char *old_text =
	"Nederland en Frankrijk willen samenwerken.\n\n"
	"De begroting stijgt met 55 procent in 2022.\n\n"
	"Een alinea die verdwijnt uit de nieuwe versie.\n\n"
	"Het slot blijft staan zoals het was.\n";
static const char *new_text =
	"Nederland en Frankrijk willen samenwerken.\n\n"
	"De begroting stijgt met 60 procent in 2022.\n\n"
	"Het slot blijft staan zoals het was.\n";

static void test_check__passes_without_rules(void **state)
{
	evaluated e;

	(void)state;
	evaluate(&e, old_text, new_text, "", NULL);
	assert_true(e.d.passed);
	assert_int_equal(e.d.n_violations, 0);
	assert_int_equal(e.d.kinds[RL_LINK_EQUAL], 2);
	assert_int_equal(e.d.kinds[RL_LINK_EDITED], 1);
	assert_int_equal(e.d.kinds[RL_LINK_DELETED], 1);
	assert_int_equal(e.d.old_paragraphs, 4);
	assert_int_equal(e.d.new_paragraphs, 3);
	assert_true(e.d.similarity > 0.6 && e.d.similarity < 1.0);
	evaluated_free(&e);
}

static void test_check__deleted_and_max_deleted(void **state)
{
	evaluated e;

	(void)state;
	evaluate(&e, old_text, new_text, "fail-on = deleted\nmax-deleted = 0\n", NULL);
	assert_false(e.d.passed);
	assert_int_equal(e.d.n_violations, 2);
	assert_string_equal(e.d.violations[0].rule, "fail-on");
	assert_string_equal(e.d.violations[0].type, "deleted");
	assert_string_equal(e.d.violations[0].message,
	                    "paragraph deleted: old ¶3 \"Een alinea die verdwijnt uit de nieuwe versie.\"");
	assert_int_equal(e.d.violations[0].old_para, 2);
	assert_int_equal(e.d.violations[0].new_para, -1);
	assert_string_equal(e.d.violations[1].rule, "max-deleted");
	assert_string_equal(e.d.violations[1].message, "1 paragraph deleted, more than max-deleted 0");
	evaluated_free(&e);
	evaluate(&e, old_text, new_text, "max-deleted = 1\n", NULL);
	assert_true(e.d.passed);
	evaluated_free(&e);
}

static void test_check__semantic_change_types(void **state)
{
	evaluated e;
	size_t o55 = strstr(old_text, "55") - old_text, n60 = strstr(new_text, "60") - new_text;
	rl_change number = {RL_CHANGE_NUMBER, o55, o55 + 2, n60, n60 + 2, "55 -> 60"};

	(void)state;
	evaluate(&e, old_text, new_text, "fail-on = number\n", &number);
	assert_false(e.d.passed);
	assert_int_equal(e.d.changes[RL_CHANGE_NUMBER], 1);
	assert_int_equal(e.d.n_violations, 1);
	assert_string_equal(e.d.violations[0].type, "number");
	assert_string_equal(e.d.violations[0].message, "number change in ¶2: \"55\" -> \"60\" (55 -> 60)");
	evaluated_free(&e);
	evaluate(&e, old_text, new_text, "fail-on = negation, modality\n", &number);
	assert_true(e.d.passed);
	assert_int_equal(e.d.changes[RL_CHANGE_NUMBER], 1);
	evaluated_free(&e);
}

static void test_check__min_similarity(void **state)
{
	evaluated e;

	(void)state;
	evaluate(&e, old_text, new_text, "min-similarity = 0.95\n", NULL);
	assert_false(e.d.passed);
	assert_string_equal(e.d.violations[0].rule, "min-similarity");
	assert_non_null(strstr(e.d.violations[0].message, "below min-similarity 0.95"));
	evaluated_free(&e);
	evaluate(&e, old_text, old_text, "min-similarity = 1\n", NULL);
	assert_true(e.d.passed);
	assert_true(e.d.similarity == 1.0);
	evaluated_free(&e);
}

static int collect(const char *data, size_t len, void *payload)
{
	return rl_buf_put(payload, data, len);
}

static void test_check__formats(void **state)
{
	evaluated e;
	rl_check_report r;
	rl_buf out = RL_BUF_INIT;

	(void)state;
	evaluate(&e, old_text, new_text, "fail-on = deleted\n", NULL);
	memset(&r, 0, sizeof(r));
	r.base_rev = "HEAD~1";
	r.head_rev = "HEAD";
	r.has_rules = 1;
	r.docs = &e.d;
	r.n_docs = 1;
	r.n_failed = 1;
	e.d.name = "a<b>&\"c\".txt";
	assert_int_equal(rl_check_render(&r, RL_CHECK_TEXT, 0, collect, &out), 0);
	assert_non_null(strstr(out.data, "FAIL a<b>&\"c\".txt (modified): similarity"));
	assert_non_null(strstr(out.data, "check failed: 1 document changed from HEAD~1 to HEAD, 1 failed"));
	rl_buf_clear(&out);
	assert_int_equal(rl_check_render(&r, RL_CHECK_JSON, 0, collect, &out), 0);
	assert_non_null(strstr(out.data, "\"format\": \"redline-check/1\""));
	assert_non_null(strstr(out.data, "\"name\": \"a<b>&\\\"c\\\".txt\""));
	rl_buf_clear(&out);
	assert_int_equal(rl_check_render(&r, RL_CHECK_JUNIT, 0, collect, &out), 0);
	assert_non_null(strstr(out.data, "name=\"a&lt;b&gt;&amp;&quot;c&quot;.txt\""));
	assert_non_null(strstr(out.data, "<failure type=\"policy\""));
	rl_buf_clear(&out);
	assert_int_equal(rl_check_render(&r, RL_CHECK_MARKDOWN, 0, collect, &out), 0);
	assert_non_null(strstr(out.data, "| ❌ fail | a\\<b>&\"c\".txt | modified |"));
	/* HTML: names and revisions escaped; without the comparison a note */
	rl_buf_clear(&out);
	r.head_rev = "<script>x</script>";
	assert_int_equal(rl_check_render(&r, RL_CHECK_HTML, 0, collect, &out), 0);
	assert_int_equal(rl_buf_putc(&out, '\0'), 0);
	assert_non_null(strstr(out.data, "<title>redline check failed: HEAD~1 → &lt;script&gt;x&lt;/script&gt;</title>"));
	assert_non_null(strstr(out.data, "<a href=\"#d1\">a&lt;b&gt;&amp;&quot;c&quot;.txt</a>"));
	assert_non_null(strstr(out.data, "<span class=\"res fail\">FAIL</span>"));
	assert_non_null(strstr(out.data, "<li class=\"chg\" id=\"d1-v0\"><span class=\"rule\">fail-on deleted</span> "
	                                 "paragraph deleted: old ¶3 &quot;Een alinea"));
	assert_non_null(strstr(out.data, "The comparison was not kept for this report."));
	assert_null(strstr(out.data, "<script>x"));
	assert_null(strstr(out.data, "<section class=\"cmp\""));
	/* with the comparison: the violation links to its pair, the diff follows */
	rl_buf_clear(&out);
	e.d.comparison = e.cmp;
	assert_int_equal(rl_check_render(&r, RL_CHECK_HTML, 0, collect, &out), 0);
	assert_int_equal(rl_buf_putc(&out, '\0'), 0);
	e.d.comparison = NULL;
	assert_non_null(strstr(out.data, "fail-on deleted</span> <a href=\"#c1-l2\">paragraph deleted"));
	assert_non_null(strstr(out.data, "<div class=\"blk chg k-deleted\" id=\"c1-l2\">"));
	assert_non_null(strstr(out.data, "<section class=\"cmp\" id=\"c1\">"));
	assert_null(strstr(out.data, "not kept"));
	rl_buf_free(&out);
	e.d.name = "doc.txt";
	evaluated_free(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check__policy_file),
		cmocka_unit_test(test_check__flags_win),
		cmocka_unit_test(test_check__policy_errors),
		cmocka_unit_test(test_check__passes_without_rules),
		cmocka_unit_test(test_check__deleted_and_max_deleted),
		cmocka_unit_test(test_check__semantic_change_types),
		cmocka_unit_test(test_check__min_similarity),
		cmocka_unit_test(test_check__formats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
