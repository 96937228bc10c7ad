/*
 * check_render — a check report as text, JSON ("redline-check/1"), JUnit
 * XML (one test case per document, so CI systems list them) or Markdown
 * (a table and the violations, for a merge-request comment).  Renderers
 * only read the report.
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
	default:
		err = rl_error_set(RL_EINVALID, "unknown check format %d", (int)format);
	}
	if (!err)
		err = rl_out_finish(o);
	free(o);
	return err;
}
