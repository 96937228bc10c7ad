/*
 * check_render — a check report as text, JSON ("redline-check/1"), JUnit
 * XML (one test case per document, so CI systems list them) or Markdown
 * (a table and the violations, for a merge-request comment) or HTML (the
 * report's page: verdicts, violations linked to their pairs, and each
 * document's diff when the report kept the comparisons).  Renderers only
 * read the report.
 */
#include <stdlib.h>

#include "check.h"
#include "render.h"

#define C_FAIL "\033[1;31m"
#define C_PASS "\033[32m"
#define C_OFF "\033[0m"

static const rl_link_kind shown_kinds[] = {
	RL_LINK_EQUAL, RL_LINK_EDITED, RL_LINK_MOVED, RL_LINK_SPLIT, RL_LINK_MERGED,
	RL_LINK_INSERTED, RL_LINK_DELETED
};
#define N_SHOWN (sizeof(shown_kinds) / sizeof(shown_kinds[0]))

static const char *verdict(const rl_check_doc *d)
{
	return d->ignored ? "SKIP" : d->passed ? "PASS" : "FAIL";
}

/* "32 equal, 1 edited, 18 inserted" (kinds that occur). */
static void kinds_text(rl_out *o, const rl_check_doc *d)
{
	const char *sep = "";

	for (size_t k = 0; k < N_SHOWN; k++)
		if (d->kinds[shown_kinds[k]]) {
			rl_out_printf(o, "%s%zu %s", sep, d->kinds[shown_kinds[k]],
			              rl_link_kind_name(shown_kinds[k]));
			sep = ", ";
		}
	for (int t = 0; t < RL_CHANGE_TYPE_COUNT; t++)
		if (d->changes[t]) {
			rl_out_printf(o, "%s%zu %s", sep, d->changes[t], rl_change_type_name((rl_change_type)t));
			sep = ", ";
		}
	if (!*sep)
		rl_out_puts(o, "no paragraphs");
}

static void summary_line(rl_out *o, const rl_check_report *r)
{
	rl_out_printf(o, "%zu document%s changed from %s to %s, %zu failed", r->n_docs,
	              r->n_docs == 1 ? "" : "s", r->base_rev, r->head_rev, r->n_failed);
}

/* ---- text ------------------------------------------------------------------- */

static void render_text(rl_out *o, const rl_check_report *r, int color)
{
	for (size_t i = 0; i < r->n_docs; i++) {
		const rl_check_doc *d = &r->docs[i];

		if (color)
			rl_out_puts(o, d->passed ? C_PASS : C_FAIL);
		rl_out_printf(o, "%s", verdict(d));
		if (color)
			rl_out_puts(o, C_OFF);
		rl_out_printf(o, " %s (%s)", d->name, rl_corpus_status_name(d->status));
		if (!d->ignored) {
			rl_out_puts(o, ": ");
			if (d->status == RL_CORPUS_MODIFIED)
				rl_out_printf(o, "similarity %.2f, ", d->similarity);
			kinds_text(o, d);
		}
		rl_out_puts(o, "\n");
		for (size_t k = 0; k < d->n_violations; k++)
			rl_out_printf(o, "  - %s\n", d->violations[k].message);
	}
	if (!r->has_rules)
		rl_out_puts(o, "no policy: neither a .redline file nor flags set a rule\n");
	rl_out_puts(o, r->passed ? "check passed: " : "check failed: ");
	summary_line(o, r);
	rl_out_puts(o, "\n");
}

/* ---- JSON ------------------------------------------------------------------- */

static void json_str(rl_out *o, const char *s)
{
	rl_out_json_string(o, s, strlen(s));
}

static void json_doc(rl_out *o, const rl_check_doc *d)
{
	rl_out_puts(o, "{\"name\": ");
	json_str(o, d->name);
	rl_out_printf(o, ", \"status\": \"%s\", \"result\": \"%s\"", rl_corpus_status_name(d->status),
	              d->ignored ? "skipped" : d->passed ? "passed" : "failed");
	if (!d->ignored) {
		rl_out_printf(o, ", \"similarity\": %.4f, \"paragraphs\": {\"old\": %zu, \"new\": %zu}",
		              d->similarity, d->old_paragraphs, d->new_paragraphs);
		rl_out_puts(o, ", \"links\": {");
		for (int k = 0; k < RL_LINK_KIND_COUNT; k++)
			rl_out_printf(o, "%s\"%s\": %zu", k ? ", " : "", rl_link_kind_name((rl_link_kind)k),
			              d->kinds[k]);
		rl_out_puts(o, "}, \"changes\": {");
		for (int t = 0; t < RL_CHANGE_TYPE_COUNT; t++)
			rl_out_printf(o, "%s\"%s\": %zu", t ? ", " : "", rl_change_type_name((rl_change_type)t),
			              d->changes[t]);
		rl_out_puts(o, "}");
	}
	rl_out_puts(o, ", \"violations\": [");
	for (size_t k = 0; k < d->n_violations; k++) {
		const rl_violation *v = &d->violations[k];

		rl_out_printf(o, "%s{\"rule\": \"%s\", \"type\": ", k ? ", " : "", v->rule);
		if (v->type)
			json_str(o, v->type);
		else
			rl_out_puts(o, "null");
		rl_out_puts(o, ", \"message\": ");
		json_str(o, v->message);
		rl_out_printf(o, ", \"old_paragraph\": %ld, \"new_paragraph\": %ld}", v->old_para,
		              v->new_para);
	}
	rl_out_puts(o, "]}");
}

static void render_json(rl_out *o, const rl_check_report *r)
{
	rl_out_puts(o, "{\"format\": \"redline-check/1\", \"base\": ");
	json_str(o, r->base_rev);
	rl_out_printf(o, ", \"base_commit\": \"%s\", \"head\": ", r->base);
	json_str(o, r->head_rev);
	rl_out_printf(o, ", \"head_commit\": \"%s\",\n \"passed\": %s, \"has_policy\": %s, "
	              "\"documents_failed\": %zu,\n \"documents\": [",
	              r->head, r->passed ? "true" : "false", r->has_rules ? "true" : "false",
	              r->n_failed);
	for (size_t i = 0; i < r->n_docs; i++) {
		rl_out_puts(o, i ? ",\n  " : "\n  ");
		json_doc(o, &r->docs[i]);
	}
	rl_out_puts(o, "\n ]}\n");
}

/* ---- JUnit XML ---------------------------------------------------------------- */

/* Text for XML 1.0: markup escaped, characters it cannot hold dropped. */
static void xml_text(rl_out *o, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '&')
			rl_out_puts(o, "&amp;");
		else if (ch == '<')
			rl_out_puts(o, "&lt;");
		else if (ch == '>')
			rl_out_puts(o, "&gt;");
		else if (ch == '"')
			rl_out_puts(o, "&quot;");
		else if (ch >= 0x20 || ch == '\t' || ch == '\n')
			rl_out_put(o, s, 1);
	}
}

static void junit_case(rl_out *o, const rl_check_report *r, const rl_check_doc *d)
{
	rl_out_puts(o, "    <testcase classname=\"redline.check\" name=\"");
	xml_text(o, d->name);
	rl_out_puts(o, "\" time=\"0\"");
	if (d->passed && !d->ignored) {
		rl_out_puts(o, "/>\n");
		return;
	}
	rl_out_puts(o, ">\n");
	if (d->ignored) {
		rl_out_puts(o, "      <skipped message=\"ignored by the policy\"/>\n");
	} else {
		rl_out_printf(o, "      <failure type=\"policy\" message=\"%zu violation%s: ",
		              d->n_violations, d->n_violations == 1 ? "" : "s");
		xml_text(o, d->violations[0].message);
		rl_out_puts(o, "\">");
		xml_text(o, d->name);
		rl_out_printf(o, " (%s) from %s to %s:\n", rl_corpus_status_name(d->status), r->base_rev,
		              r->head_rev);
		for (size_t k = 0; k < d->n_violations; k++) {
			rl_out_puts(o, "- ");
			xml_text(o, d->violations[k].message);
			rl_out_puts(o, "\n");
		}
		rl_out_puts(o, "</failure>\n");
	}
	rl_out_puts(o, "    </testcase>\n");
}

static void render_junit(rl_out *o, const rl_check_report *r)
{
	size_t skipped = 0;

	for (size_t i = 0; i < r->n_docs; i++)
		skipped += r->docs[i].ignored;
	rl_out_printf(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	              "<testsuites name=\"redline check\" tests=\"%zu\" failures=\"%zu\">\n"
	              "  <testsuite name=\"redline check ", r->n_docs, r->n_failed);
	xml_text(o, r->base_rev);
	rl_out_puts(o, "..");
	xml_text(o, r->head_rev);
	rl_out_printf(o, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\">\n", r->n_docs,
	              r->n_failed, skipped);
	for (size_t i = 0; i < r->n_docs; i++)
		junit_case(o, r, &r->docs[i]);
	rl_out_puts(o, "  </testsuite>\n</testsuites>\n");
}

/* ---- Markdown ---------------------------------------------------------------- */

/* Text in a table cell or list: no line breaks, pipes escaped. */
static void md_text(rl_out *o, const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '\\' || *s == '`' || *s == '*' || *s == '_' || *s == '<')
			rl_out_printf(o, "\\%c", *s);
		else if (*s == '\n' || *s == '\r')
			rl_out_puts(o, " ");
		else
			rl_out_put(o, s, 1);
	}
}

static void render_markdown(rl_out *o, const rl_check_report *r)
{
	rl_out_printf(o, "### redline check %s\n\n", r->passed ? "passed" : "failed");
	summary_line(o, r);
	rl_out_puts(o, r->has_rules ? ".\n\n" : " (no policy: nothing can fail).\n\n");
	if (!r->n_docs)
		return;
	rl_out_puts(o, "| result | document | status | similarity | paragraphs |\n"
	               "| --- | --- | --- | ---: | --- |\n");
	for (size_t i = 0; i < r->n_docs; i++) {
		const rl_check_doc *d = &r->docs[i];

		rl_out_printf(o, "| %s | ", d->ignored ? "skipped" : d->passed ? "✅ pass" : "❌ fail");
		md_text(o, d->name);
		rl_out_printf(o, " | %s | ", rl_corpus_status_name(d->status));
		if (!d->ignored && d->status == RL_CORPUS_MODIFIED)
			rl_out_printf(o, "%.2f", d->similarity);
		rl_out_puts(o, " | ");
		if (!d->ignored)
			kinds_text(o, d);
		rl_out_puts(o, " |\n");
	}
	for (size_t i = 0; i < r->n_docs; i++) {
		const rl_check_doc *d = &r->docs[i];

		if (!d->n_violations)
			continue;
		rl_out_puts(o, "\n#### ");
		md_text(o, d->name);
		rl_out_puts(o, "\n\n");
		for (size_t k = 0; k < d->n_violations; k++) {
			rl_out_puts(o, "- ");
			md_text(o, d->violations[k].message);
			rl_out_puts(o, "\n");
		}
	}
}

/* ---- HTML ---------------------------------------------------------------------- */

static void html_str(rl_out *o, const char *s)
{
	rl_out_html(o, s, strlen(s));
}

static const char *verdict_class(const rl_check_doc *d)
{
	return d->ignored ? "skip" : d->passed ? "pass" : "fail";
}

/* The link of the comparison a violation concerns (its paragraphs), or -1. */
static long violation_link(const rl_comparison *c, const rl_violation *v)
{
	for (size_t k = 0; c && k < rl_comparison_link_count(c); k++) {
		const rl_link *l = rl_comparison_link(c, k);

		for (size_t i = 0; v->new_para >= 0 && i < l->n_new; i++)
			if (l->new_paras[i] == (uint32_t)v->new_para)
				return (long)k;
		for (size_t i = 0; v->new_para < 0 && v->old_para >= 0 && i < l->n_old; i++)
			if (l->old_paras[i] == (uint32_t)v->old_para)
				return (long)k;
	}
	return -1;
}

static void html_summary(rl_out *o, const rl_check_report *r)
{
	rl_out_printf(o, "<p class=\"meta\">%zu document%s changed from ", r->n_docs,
	              r->n_docs == 1 ? "" : "s");
	html_str(o, r->base_rev);
	if (*r->base)
		rl_out_printf(o, " (%.12s)", r->base);
	rl_out_puts(o, " to ");
	html_str(o, r->head_rev);
	if (*r->head)
		rl_out_printf(o, " (%.12s)", r->head);
	rl_out_printf(o, ", %zu failed.%s</p>\n", r->n_failed,
	              r->has_rules ? "" : " No policy: neither a .redline file nor flags set a rule, "
	                                  "so nothing can fail.");
}

static void html_table(rl_out *o, const rl_check_report *r)
{
	rl_out_puts(o, "<table class=\"checks\"><tr><th>result</th><th>document</th><th>status</th>"
	               "<th>similarity</th><th>paragraphs and changes</th><th>violations</th></tr>\n");
	for (size_t i = 0; i < r->n_docs; i++) {
		const rl_check_doc *d = &r->docs[i];

		rl_out_printf(o, "<tr class=\"%s\"><td><span class=\"res %s\">%s</span></td>"
		                 "<td><a href=\"#d%zu\">", verdict_class(d), verdict_class(d), verdict(d), i + 1);
		html_str(o, d->name);
		rl_out_printf(o, "</a></td><td>%s</td><td class=\"n\">", rl_corpus_status_name(d->status));
		if (!d->ignored && d->status == RL_CORPUS_MODIFIED)
			rl_out_printf(o, "%.2f", d->similarity);
		rl_out_puts(o, "</td><td>");
		if (d->ignored)
			rl_out_puts(o, "ignored by the policy");
		else
			kinds_text(o, d);
		rl_out_printf(o, "</td><td class=\"n\">%zu</td></tr>\n", d->n_violations);
	}
	rl_out_puts(o, "</table>\n");
}

static int html_doc(rl_out *o, const rl_check_doc *d, size_t i, int *legend)
{
	unsigned id = (unsigned)(i + 1);

	rl_out_printf(o, "<article class=\"doc %s\" id=\"d%zu\"><h2><span class=\"res %s\">%s</span> ",
	              verdict_class(d), i + 1, verdict_class(d), verdict(d));
	html_str(o, d->name);
	rl_out_printf(o, " <small>%s</small></h2>\n", rl_corpus_status_name(d->status));
	if (d->n_violations) {
		rl_out_puts(o, "<ul class=\"violations\">");
		for (size_t k = 0; k < d->n_violations; k++) {
			const rl_violation *v = &d->violations[k];
			long link = violation_link(d->comparison, v);

			rl_out_printf(o, "<li class=\"chg\" id=\"d%zu-v%zu\"><span class=\"rule\">%s%s", i + 1, k,
			              v->rule, v->type ? " " : "");
			if (v->type)
				html_str(o, v->type);
			rl_out_puts(o, "</span> ");
			if (link >= 0)
				rl_out_printf(o, "<a href=\"#c%u-l%ld\">", id, link);
			html_str(o, v->message);
			rl_out_puts(o, link >= 0 ? "</a></li>" : "</li>");
		}
		rl_out_puts(o, "</ul>\n");
	}
	if (d->ignored)
		rl_out_puts(o, "<p class=\"empty-note\">Not checked: the policy ignores this document.</p>\n");
	else if (!d->comparison)
		rl_out_puts(o, "<p class=\"empty-note\">The comparison was not kept for this report.</p>\n");
	rl_out_puts(o, "</article>\n");
	if (d->comparison) {
		int err = rl_html_comparison(o, d->comparison, id, *legend);

		*legend = 0;
		return err;
	}
	return 0;
}

static int render_html(rl_out *o, const rl_check_report *r)
{
	rl_buf title = RL_BUF_INIT;
	int legend = 1, err = 0;

	if (rl_buf_printf(&title, "redline check %s: %s → %s", r->passed ? "passed" : "failed",
	                  r->base_rev, r->head_rev) < 0) {
		rl_buf_free(&title);
		return RL_ENOMEM;
	}
	rl_html_begin(o, title.data);
	rl_buf_free(&title);
	rl_out_printf(o, "<section class=\"check %s\">", r->passed ? "pass" : "fail");
	rl_out_printf(o, "<p class=\"verdict\"><span class=\"res %s\">%s</span> %zu of %zu documents "
	                 "failed the policy</p>\n", r->passed ? "pass" : "fail",
	              r->passed ? "PASSED" : "FAILED", r->n_failed, r->n_docs);
	html_summary(o, r);
	if (r->n_docs)
		html_table(o, r);
	rl_out_puts(o, "</section>\n");
	for (size_t i = 0; i < r->n_docs && !err; i++)
		err = html_doc(o, &r->docs[i], i, &legend);
	rl_html_end(o);
	return err;
}

int rl_check_render(const rl_check_report *r, rl_check_format format, int color,
                    rl_write_fn write, void *payload)
{
	rl_out *o = rl_malloc(sizeof(*o));
	int err = 0;

	if (!o)
		return RL_ENOMEM;
	rl_out_init(o, write, payload);
	switch (format) {
	case RL_CHECK_TEXT:
		render_text(o, r, color);
		break;
	case RL_CHECK_JSON:
		render_json(o, r);
		break;
	case RL_CHECK_JUNIT:
		render_junit(o, r);
		break;
	case RL_CHECK_MARKDOWN:
		render_markdown(o, r);
		break;
	case RL_CHECK_HTML:
		err = render_html(o, r);
		break;
	default:
		err = rl_error_set(RL_EINVALID, "unknown check format %d", (int)format);
	}
	if (!err)
		err = rl_out_finish(o);
	free(o);
	return err;
}
