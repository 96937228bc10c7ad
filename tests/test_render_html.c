/*
 * Unit tests of the HTML report (src/render_html.c): the page is
 * self-contained, pairs stand side by side with word highlights, moves link
 * origin and destination, summary and heatmap link to pairs, long documents
 * are paged, and hostile document text and names stay inert text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "compare.h"
#include "render.h"

typedef struct fixture {
	rl_doc *a, *b, *c2;
	rl_comparison *cmp, *cmp2;
	rl_buf out;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	*state = f;
	return f ? 0 : -1;
}

static int teardown(void **state)
{
	fixture *f = *state;

	rl_comparison_free(f->cmp);
	rl_comparison_free(f->cmp2);
	rl_doc_free(f->a);
	rl_doc_free(f->b);
	rl_doc_free(f->c2);
	rl_buf_free(&f->out);
	free(f);
	return 0;
}

static int sink(const char *data, size_t len, void *payload)
{
	return rl_buf_put(payload, data, len) < 0;
}

static void compare(fixture *f, const char *name_a, const char *a, const char *name_b, const char *b)
{
	assert_int_equal(rl_doc_load_buffer(&f->a, name_a, a, strlen(a)), 0);
	assert_int_equal(rl_doc_load_buffer(&f->b, name_b, b, strlen(b)), 0);
	assert_int_equal(rl_compare(&f->cmp, f->a, f->b, NULL), 0);
}

static const char *render(fixture *f)
{
	rl_render_options o;

	rl_render_options_init(&o);
	o.format = RL_FORMAT_HTML;
	rl_buf_clear(&f->out);
	assert_int_equal(rl_render(f->cmp, &o, sink, &f->out), 0);
	assert_non_null(f->out.data);
	return f->out.data;
}

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* The text between the first `from` and the next `to` (NULL: the end), in one of a ring
 * of static buffers (so that the result of one call can be searched by the
 * next). */
static const char *between(const char *s, const char *from, const char *to)
{
	static char ring[4][1 << 18];
	static unsigned next;
	char *buf = ring[next++ % 4];
	const char *a = strstr(s, from), *b;

	assert_non_null(a);
	a += strlen(from);
	b = to ? strstr(a, to) : a + strlen(a);
	assert_non_null(b);
	assert_true((size_t)(b - a) < sizeof(ring[0]));
	memcpy(buf, a, (size_t)(b - a));
	buf[b - a] = '\0';
	return buf;
}

static const char *OLD =
	"Nederland en Frankrijk werken samen aan defensie en veiligheid in Europa.\n\n"
	"Het kabinet richt zich steeds meer op Frankrijk en de Europese Unie.\n\n"
	"De ministers spraken over migratie, klimaat en energie in Parijs.\n";
static const char *NEW =
	"Nederland en Frankrijk werken samen aan defensie en veiligheid in Europa.\n\n"
	"Het kabinet richt zich steeds vaker op Frankrijk en de Europese Unie.\n\n"
	"De ministers spraken over migratie, klimaat en energie in Parijs.\n\n"
	"Een nieuwe slotalinea over iets heel anders dan de rest van de tekst.\n";

static void test_render_html__is_one_self_contained_page(void **state)
{
	fixture *f = *state;
	const char *h;

	compare(f, "old.txt", OLD, "new.txt", NEW);
	h = render(f);
	assert_true(!strncmp(h, "<!DOCTYPE html>", 15));
	assert_int_equal(count(h, "<style>"), 1);
	assert_int_equal(count(h, "<script>"), 1);
	assert_int_equal(count(h, "<script"), 1);
	/* only its own inline style and script may run, nothing may load */
	assert_non_null(strstr(h, "content=\"default-src 'none'; style-src 'sha256-"));
	assert_non_null(strstr(h, "script-src 'sha256-"));
	assert_null(strstr(h, "http:"));
	assert_null(strstr(h, "https:"));
	assert_null(strstr(h, " src="));
	assert_null(strstr(h, "url("));
	assert_null(strstr(h, "@import"));
	assert_non_null(strstr(h, "</html>\n"));
}

static void test_render_html__pairs_side_by_side(void **state)
{
	fixture *f = *state;
	const char *h, *pair;

	compare(f, "old.txt", OLD, "new.txt", NEW);
	h = render(f);
	/* link 1 is the edited second paragraph */
	pair = between(h, "<div class=\"pair chg k-edited\" id=\"c1-l1\">", "</div></div>\n");
	assert_non_null(strstr(pair, "old ¶2 → new ¶2"));
	assert_non_null(strstr(between(pair, "<div class=\"side old\">", "</div>"),
	                       "<p data-p=\"2\">Het kabinet richt zich steeds <del>meer</del> op"));
	assert_non_null(strstr(between(pair, "<div class=\"side new\">", NULL),
	                       "<p data-p=\"2\">Het kabinet richt zich steeds <ins>vaker</ins> op"));
	assert_null(strstr(between(pair, "<div class=\"side old\">", "</div>"), "<ins>"));
	/* equal pairs are not changes to navigate to */
	assert_non_null(strstr(h, "<div class=\"pair k-equal\" id=\"c1-l0\">"));
	/* the insertion: an empty old side beside the inserted block */
	assert_non_null(strstr(h, "<div class=\"pair gap\"><div class=\"side old none\"></div>"
	                          "<div class=\"side new\"><div class=\"blk chg k-inserted\" id=\"c1-l3\">"));
	assert_non_null(strstr(h, "<ins>Een nieuwe slotalinea"));
}

static void test_render_html__escapes_hostile_text(void **state)
{
	fixture *f = *state;
	const char *h;
	const char *evil_old =
		"Gewone eerste alinea met genoeg woorden om te vergelijken en te tellen.\n\n"
		"Tekst <script>alert(1)</script> met \"aanhalingstekens\" en 'enkele' erin.\n\n"
		"<img src=x onerror=\"alert(2)\"> javascript:alert(3) & meer.\n";
	const char *evil_new =
		"Gewone eerste alinea met genoeg woorden om te vergelijken en te tellen.\n\n"
		"Tekst <script>alert(4)</script> met \"aanhalingstekens\" en 'enkele' erin.\n\n"
		"<a href=\"javascript:alert(5)\">klik</a> \" onmouseover=\"alert(6) & meer.\n";

	compare(f, "\"><script>alert(7)</script>.txt", evil_old, "x' onload='alert(8).txt", evil_new);
	h = render(f);
	assert_int_equal(count(h, "<script"), 1); /* the report's own */
	assert_null(strstr(h, "<img"));
	assert_null(strstr(h, "<a href=\"javascript"));
	assert_null(strstr(h, "href=\"j"));
	assert_null(strstr(h, "onerror=\""));
	assert_null(strstr(h, "onload='"));
	assert_null(strstr(h, "\" onmouseover"));
	assert_non_null(strstr(h, "&lt;script&gt;alert("));
	assert_non_null(strstr(h, "&quot;aanhalingstekens&quot; en &#39;enkele&#39;"));
	/* (how the word diff cuts them does not matter here) */
	assert_non_null(strstr(h, "img src=x onerror=&quot;"));
	assert_non_null(strstr(h, "a href=&quot;javascript:"));
	assert_non_null(strstr(h, ") &amp; meer."));
	/* names, in the title, headings and column heads */
	assert_non_null(strstr(h, "<title>redline: &quot;&gt;&lt;script&gt;alert(7)&lt;/script&gt;.txt"
	                          " → x&#39; onload=&#39;alert(8).txt</title>"));
	assert_null(strstr(h, "alert(7)</script>"));
}

static void test_render_html__badges_escape_and_link(void **state)
{
	fixture *f = *state;
	const char *h;
	rl_change ch[2];
	rl_link *l;
	const char *p;

	compare(f, "old.txt", OLD, "new.txt", NEW);
	l = &f->cmp->links[1];
	p = strstr(f->b->data, "vaker");
	memset(ch, 0, sizeof(ch));
	ch[0].type = RL_CHANGE_MODALITY;
	ch[0].old_start = (size_t)(strstr(f->a->data, "meer") - f->a->data);
	ch[0].old_end = ch[0].old_start + 4;
	ch[0].new_start = (size_t)(p - f->b->data);
	ch[0].new_end = ch[0].new_start + 5;
	ch[0].detail = "\"><script>alert(1)</script>";
	ch[1].type = RL_CHANGE_NUMBER;
	ch[1].old_start = ch[1].old_end = 0;
	ch[1].new_start = ch[0].new_start;
	ch[1].new_end = ch[0].new_end;
	l->changes = ch;
	l->n_changes = 2;
	h = render(f);
	assert_non_null(strstr(h, "<a class=\"badge t-modality\" id=\"c1-l1-x0\" href=\"#c1-l1\" "
	                          "title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">"
	                          "<b>modality</b>meer → vaker</a>"));
	assert_non_null(strstr(h, "id=\"c1-l1-x1\" href=\"#c1-l1\"><b>number</b>+vaker</a>"));
	assert_int_equal(count(h, "<script"), 1);
	/* the summary counts the types and links to their first badge */
	assert_non_null(strstr(h, "<a class=\"badge t-modality\" href=\"#c1-l1-x0\">modality</a></td>"
	                          "<td class=\"n\">1</td>"));
	assert_non_null(strstr(h, "href=\"#c1-l1-x1\">number</a>"));
	assert_non_null(strstr(h, "<tr class=\"zero\"><td>negation</td><td class=\"n\">0</td></tr>"));
	l->changes = NULL;
	l->n_changes = 0;
}

static void test_render_html__summary_links_first_instance(void **state)
{
	fixture *f = *state;
	const char *h;

	compare(f, "old.txt", OLD, "new.txt", NEW);
	h = render(f);
	assert_non_null(strstr(h, "<tr class=\"k-equal\"><td><a href=\"#c1-l0\">equal</a></td>"
	                          "<td class=\"n\">2</td></tr>"));
	assert_non_null(strstr(h, "<a href=\"#c1-l1\">edited</a></td><td class=\"n\">1</td>"));
	assert_non_null(strstr(h, "<a href=\"#c1-l3\">inserted</a></td><td class=\"n\">1</td>"));
	assert_non_null(strstr(h, "<tr class=\"zero\"><td>moved</td>"));
	/* related is not a kind of versions mode */
	assert_null(strstr(h, ">related<"));
}

static char *numbered(size_t n, const char *fmt)
{
	rl_buf b = RL_BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		rl_buf_printf(&b, fmt, i, i * 7 % 13, i * 11 % 17);
		rl_buf_puts(&b, "\n\n");
	}
	return rl_buf_detach(&b);
}

static void test_render_html__moves_link_origin_and_destination(void **state)
{
	fixture *f = *state;
	const char *h;
	char *old_text = numbered(6, "Alinea %zu gaat over onderwerp %zu en nog iets anders, namelijk %zu.");
	rl_buf nb = RL_BUF_INIT;
	char *p[6];
	char *s = old_text;

	/* move the second paragraph to the end */
	for (int i = 0; i < 6; i++) {
		p[i] = s;
		s = strstr(s, "\n\n");
		*s = '\0';
		s += 2;
	}
	rl_buf_printf(&nb, "%s\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n", p[0], p[2], p[3], p[4], p[5], p[1]);
	for (int i = 0; i < 6; i++)
		p[i][strlen(p[i])] = '\n';
	compare(f, "old.txt", old_text, "new.txt", nb.data);
	h = render(f);
	/* the destination: the moved pair, after the fifth new paragraph */
	assert_non_null(strstr(h, "<div class=\"pair chg k-moved\" id=\"c1-l5\">"));
	assert_non_null(strstr(h, "<a class=\"mv\" href=\"#c1-o5\">origin in old ↕</a>"));
	/* the origin: where old ¶2 stood, after the pair of old ¶1, linking down */
	assert_non_null(strstr(h, "id=\"c1-l0\">"));
	assert_true(strstr(h, "<div class=\"mark\" id=\"c1-o5\"><a class=\"mv\" href=\"#c1-l5\">"
	                      "old ¶2 moved to new ¶6 ↓</a></div>") > strstr(h, "id=\"c1-l0\""));
	assert_true(strstr(h, "id=\"c1-o5\"") < strstr(h, "id=\"c1-l1\""));
	free(old_text);
	rl_buf_free(&nb);
}

static void test_render_html__split_shows_each_paragraph(void **state)
{
	fixture *f = *state;
	const char *h, *pair;
	const char *one =
		"Eerste alinea blijft zoals hij is, met genoeg woorden om mee te tellen.\n\n"
		"De ministers spraken uitgebreid over migratie en de samenwerking tussen beide landen "
		"op dat terrein. Daarna ging het gesprek over klimaat en energie en de gezamenlijke "
		"aanpak in Europa.\n\n"
		"Laatste alinea blijft ook staan zoals hij was, zonder enige wijziging.\n";
	const char *two =
		"Eerste alinea blijft zoals hij is, met genoeg woorden om mee te tellen.\n\n"
		"De ministers spraken uitgebreid over migratie en de samenwerking tussen beide landen "
		"op dat terrein.\n\nDaarna ging het gesprek over klimaat en energie en de gezamenlijke "
		"aanpak in Europa.\n\n"
		"Laatste alinea blijft ook staan zoals hij was, zonder enige wijziging.\n";

	compare(f, "one.txt", one, "two.txt", two);
	h = render(f);
	pair = between(h, "<div class=\"pair chg k-split\" id=\"c1-l1\">", "</div></div>\n");
	assert_non_null(strstr(pair, "old ¶2 → new ¶2–3"));
	pair = between(pair, "<div class=\"side new\">", NULL);
	assert_non_null(strstr(pair, "<p data-p=\"2\">De ministers"));
	assert_non_null(strstr(pair, "</p><p data-p=\"3\">Daarna ging"));
	/* a paragraph break that appeared shows as an inserted space mark */
	assert_non_null(strstr(pair, "<ins class=\"ws\">"));
}

static void test_render_html__heatmap_cells_link_pairs(void **state)
{
	fixture *f = *state;
	const char *h, *svg;

	compare(f, "old.txt", OLD, "new.txt", NEW);
	h = render(f);
	svg = between(h, "<svg ", "</svg>");
	assert_non_null(strstr(svg, "aria-label=\"similarity of 3 old by 4 new paragraphs\""));
	assert_int_equal(count(svg, "<a href=\"#c1-l"), 3); /* three pairs; the insertion has none */
	assert_non_null(strstr(svg, "<a href=\"#c1-l1\"><rect class=\"h"));
	assert_non_null(strstr(svg, "<title>old ¶2 × new ¶2: edited, similarity "));
	assert_non_null(strstr(svg, "<title>old ¶1 × new ¶1: equal, similarity 1.00</title>"));
	assert_null(strstr(svg, "xmlns"));
}

/* The class hN of the heatmap cell titled `title` (-1: no such cell). */
static int cell_bucket(const char *svg, const char *title)
{
	const char *t = strstr(svg, title), *r;

	if (!t)
		return -1;
	for (r = t; r > svg && strncmp(r, "<rect class=\"h", 14); r--)
		;
	assert_true(r > svg);
	return r[14] - '0';
}

/* With the comparison's similarity grid the heatmap is the real OLD × NEW
 * matrix: cells for pairs that are not linked, the more similar pair the
 * darker, cells of links still linked to their pair. */
static void test_render_html__heatmap_shows_the_similarity_matrix(void **state)
{
	fixture *f = *state;
	const char *old_text =
		"De ministers bespraken de samenwerking op het gebied van defensie en veiligheid in "
		"Europa.\n\n"
		"Het klimaatbeleid en de energietransitie vragen om gezamenlijke investeringen in "
		"windenergie.\n\n"
		"De culturele uitwisseling tussen scholen en universiteiten wordt verder uitgebreid.\n";
	const char *new_text =
		"Gezamenlijke investeringen in windenergie zijn nodig voor de energietransitie en het "
		"klimaatbeleid.\n\n"
		"Studenten van scholen en universiteiten gaan vaker op culturele uitwisseling.\n";
	const char *h, *svg;
	rl_options o;
	int energy, other;

	assert_int_equal(rl_doc_load_buffer(&f->a, "old.txt", old_text, strlen(old_text)), 0);
	assert_int_equal(rl_doc_load_buffer(&f->b, "new.txt", new_text, strlen(new_text)), 0);
	rl_options_init(&o);
	o.mode = RL_MODE_RELATED;
	o.min_similarity = 0.99; /* no links */
	o.heatmap = 1;
	assert_int_equal(rl_compare(&f->cmp, f->a, f->b, &o), 0);
	h = render(f);
	svg = between(h, "<svg ", "</svg>");
	assert_null(strstr(svg, "<a href=")); /* nothing linked, yet cells */
	energy = cell_bucket(svg, "<title>old ¶2 × new ¶1: similarity ");
	other = cell_bucket(svg, "<title>old ¶1 × new ¶1: similarity ");
	assert_true(energy >= 4);
	assert_true(energy > other);
	assert_true(cell_bucket(svg, "<title>old ¶3 × new ¶2: similarity ") >
	            cell_bucket(svg, "<title>old ¶1 × new ¶2: similarity "));
	assert_non_null(strstr(svg, ", not linked</title>"));
	assert_non_null(strstr(h, "Every pair of paragraphs is scored"));

	/* versions mode: the links' cells link to their pairs, the others not */
	rl_comparison_free(f->cmp);
	rl_doc_free(f->a);
	rl_doc_free(f->b);
	assert_int_equal(rl_doc_load_buffer(&f->a, "old.txt", OLD, strlen(OLD)), 0);
	assert_int_equal(rl_doc_load_buffer(&f->b, "new.txt", NEW, strlen(NEW)), 0);
	rl_options_init(&o);
	o.heatmap = 1;
	assert_int_equal(rl_compare(&f->cmp, f->a, f->b, &o), 0);
	h = render(f);
	svg = between(h, "<svg ", "</svg>");
	assert_int_equal(count(svg, "<a href=\"#c1-l"), 3);
	assert_non_null(strstr(svg, "<title>old ¶1 × new ¶1: similarity 1.00 (equal pair, 1.00)"));
	assert_true(count(svg, "<rect class=\"h") > 3 + 10); /* unlinked cells beside the scale */
	assert_int_equal(cell_bucket(svg, "<title>old ¶1 × new ¶1: "), 9);
}

static void test_render_html__long_documents_are_paged_and_binned(void **state)
{
	fixture *f = *state;
	char *a = numbered(250, "Alinea %zu van een lang stuk tekst, onderwerp %zu, punt %zu.");
	char *b = numbered(250, "Alinea %zu van een lang stuk tekst, onderwerp %zu, punt %zu.");
	const char *h, *svg;
	size_t cells;

	strstr(b, "Alinea 125 van")[11] = 'V';
	compare(f, "a.txt", a, "b.txt", b);
	h = render(f);
	/* 250 links in pages of 40 */
	assert_int_equal(rl_comparison_link_count(f->cmp), 250);
	assert_int_equal(count(h, "<div class=\"page\">"), 7);
	/* 250 × 250 paragraphs in at most 100 × 100 cells, each covering a range */
	svg = between(h, "<svg ", "</svg>");
	cells = count(svg, "<a href=");
	assert_true(cells >= 100 && cells <= 250);
	assert_non_null(strstr(svg, "<title>old ¶1–3 × new ¶1–3: equal"));
	assert_non_null(strstr(h, "each cell covers a range of them"));
	free(a);
	free(b);
}

static void test_render_html__several_comparisons_in_one_page(void **state)
{
	fixture *f = *state;
	const rl_comparison *both[2];
	rl_render_options o;
	const char *h;

	compare(f, "old.txt", OLD, "new.txt", NEW);
	assert_int_equal(rl_doc_load_buffer(&f->c2, "same.txt", OLD, strlen(OLD)), 0);
	assert_int_equal(rl_compare(&f->cmp2, f->a, f->c2, NULL), 0);
	both[0] = f->cmp;
	both[1] = f->cmp2;
	rl_render_options_init(&o);
	o.format = RL_FORMAT_HTML;
	assert_int_equal(rl_render_report(both, 2, &o, sink, &f->out), 0);
	h = f->out.data;
	assert_non_null(strstr(h, "<title>redline: old.txt against 2 texts</title>"));
	assert_non_null(strstr(h, "<li><a href=\"#c1\">old.txt → new.txt</a> — 2 equal, 1 edited, 1 inserted</li>"));
	assert_non_null(strstr(h, "<li><a href=\"#c2\">old.txt → same.txt</a> — 3 equal</li>"));
	assert_non_null(strstr(h, "<section class=\"cmp\" id=\"c2\">"));
	assert_non_null(strstr(h, "id=\"c2-l0\""));
	assert_non_null(strstr(h, "<strong>no differences</strong>"));
	assert_int_equal(count(h, "<aside class=\"legend\">"), 1);
	/* a title of one's own, escaped */
	rl_buf_clear(&f->out);
	o.title = "Verklaring <2021>";
	assert_int_equal(rl_render_report(both, 2, &o, sink, &f->out), 0);
	assert_non_null(strstr(f->out.data, "<title>Verklaring &lt;2021&gt;</title>"));
}

static int failing_sink(const char *data, size_t len, void *payload)
{
	return 1;
}

static void test_render_html__refusals(void **state)
{
	fixture *f = *state;
	const rl_comparison *both[2];
	rl_render_options o;

	compare(f, "old.txt", OLD, "new.txt", NEW);
	rl_render_options_init(&o);
	o.format = RL_FORMAT_HTML;
	assert_int_equal(rl_render(f->cmp, &o, failing_sink, NULL), RL_EIO);
	both[0] = both[1] = f->cmp;
	assert_int_equal(rl_render_report(both, 0, &o, sink, &f->out), RL_EINVALID);
	o.format = RL_FORMAT_JSON;
	assert_int_equal(rl_render_report(both, 2, &o, sink, &f->out), RL_EINVALID);
	assert_non_null(strstr(rl_error_last(), "JSON"));
	assert_int_equal(rl_render_report(both, 1, &o, sink, &f->out), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_render_html__is_one_self_contained_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_html__pairs_side_by_side, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_html__escapes_hostile_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_html__badges_escape_and_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_html__summary_links_first_instance, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_html__moves_link_origin_and_destination, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_html__split_shows_each_paragraph, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_html__heatmap_cells_link_pairs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_html__heatmap_shows_the_similarity_matrix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_html__long_documents_are_paged_and_binned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_html__several_comparisons_in_one_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_html__refusals, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
