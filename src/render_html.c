/*
 * render_html — the self-contained HTML report: for each comparison a
 * summary panel, an OLD × NEW paragraph similarity heatmap (inline SVG) and
 * the two documents side by side, aligned link by link, with word-level
 * highlights, moves linked to their origin and semantic-change badges.
 * Inline stylesheet and script only, pinned by hash in a Content-Security-
 * Policy; all document text is escaped.  Long reports stay responsive:
 * pairs come in pages that the browser lays out only near the viewport
 * (CSS content-visibility), and the heatmap bins paragraphs.
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>

#include "align.h"
#include "report_assets.h"

#define PAGE_LINKS 40 /* links per lazily rendered page */
#define HEAT_FLOOR 0.05 /* unlinked grid cells below this stay blank */
#define HEAT_SIDE 360 /* heatmap grid size in pixels, roughly */
#define BADGE_MAX 80  /* bytes of document text shown in a badge */
#define NONE UINT32_MAX

void rl_out_html(rl_out *o, const char *s, size_t len)
{
	size_t run = 0;

	for (size_t i = 0; i < len; i++) {
		const char *rep;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		rl_out_put(o, s + run, i - run);
		rl_out_puts(o, rep);
		run = i + 1;
	}
	rl_out_put(o, s + run, len - run);
}

static void html_str(rl_out *o, const char *s)
{
	rl_out_html(o, s, strlen(s));
}

/* Escaped text cut to at most `max` bytes on a character boundary. */
static void html_short(rl_out *o, const char *s, size_t len, size_t max)
{
	size_t n = rl_utf8_cut(s, len, max);

	rl_out_html(o, s, n);
	if (n < len)
		rl_out_puts(o, "…");
}

/* ---- the moved paragraphs' origins -------------------------------------- */

/* Where a moved paragraph used to be: after link `anchor` (the in-order
 * link of the nearest old paragraph before it; NONE: before everything). */
typedef struct origin {
	uint32_t anchor;
	uint32_t old;
	uint32_t link;
} origin;

static int cmp_origin(const void *x, const void *y)
{
	const origin *a = x, *b = y;
	uint64_t ka = a->anchor == NONE ? 0 : (uint64_t)a->anchor + 1;
	uint64_t kb = b->anchor == NONE ? 0 : (uint64_t)b->anchor + 1;

	if (ka != kb)
		return ka < kb ? -1 : 1;
	return (a->old > b->old) - (a->old < b->old);
}

/* Find the origin of every moved link, sorted by anchor.  Linear: a pass
 * over the old paragraphs remembers the last in-order link seen. */
static int find_origins(origin **out, size_t *n_out, const rl_comparison *c)
{
	size_t n_old = c->a->n_paras, n = 0;
	uint32_t *owner = rl_calloc(n_old + 1, sizeof(uint32_t));
	uint32_t *before = rl_calloc(n_old + 1, sizeof(uint32_t));
	origin *v = NULL;
	uint32_t prev = NONE;
	int err = 0;

	*out = NULL;
	*n_out = 0;
	if (!owner || !before) {
		err = RL_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < n_old; i++)
		owner[i] = NONE;
	for (size_t k = 0; k < c->n_links; k++)
		for (size_t i = 0; i < c->links[k].n_old; i++)
			if (owner[c->links[k].old_paras[i]] == NONE)
				owner[c->links[k].old_paras[i]] = (uint32_t)k;
	for (size_t i = 0; i < n_old; i++) {
		before[i] = prev;
		if (owner[i] != NONE && c->links[owner[i]].kind != RL_LINK_MOVED)
			prev = owner[i];
	}
	for (size_t k = 0; k < c->n_links; k++)
		n += c->links[k].kind == RL_LINK_MOVED && c->links[k].n_old;
	if (!(v = rl_calloc(n + 1, sizeof(origin)))) {
		err = RL_ENOMEM;
		goto done;
	}
	n = 0;
	for (size_t k = 0; k < c->n_links; k++) {
		const rl_link *l = &c->links[k];

		if (l->kind != RL_LINK_MOVED || !l->n_old)
			continue;
		v[n].anchor = before[l->old_paras[0]];
		v[n].old = l->old_paras[0];
		v[n].link = (uint32_t)k;
		n++;
	}
	qsort(v, n, sizeof(origin), cmp_origin);
	*out = v;
	*n_out = n;
	v = NULL;
done:
	free(owner);
	free(before);
	free(v);
	return err;
}

/* ---- one comparison ------------------------------------------------------ */

typedef struct hctx {
	rl_out *o;
	const rl_comparison *c;
	unsigned id; /* 1-based; element ids are "c<id>-..." */
	origin *orig;
	size_t n_orig, next_orig;
} hctx;

static void para_span(rl_out *o, const char *side, const uint32_t *v, size_t n)
{
	if (n == 1)
		rl_out_printf(o, "%s ¶%u", side, v[0] + 1);
	else if (n > 1)
		rl_out_printf(o, "%s ¶%u–%u", side, v[0] + 1, v[n - 1] + 1);
}

void rl_html_piece(rl_out *o, char op, const char *s, size_t len)
{
	int ws = 1;

	if (op == '=') {
		rl_out_html(o, s, len);
		return;
	}
	for (size_t i = 0; i < len && ws; i++)
		ws = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r';
	rl_out_puts(o, op == '-' ? (ws ? "<del class=\"ws\">" : "<del>")
	                         : (ws ? "<ins class=\"ws\">" : "<ins>"));
	rl_out_html(o, s, len);
	rl_out_puts(o, op == '-' ? "</del>" : "</ins>");
}

/* Writes the pieces of one side of a link into its paragraphs, <p> by <p>,
 * cutting a piece where the next paragraph of that side starts. */
typedef struct side_writer {
	rl_out *o;
	const rl_doc *d;
	const uint32_t *v;
	size_t n, j; /* paragraphs of the side; the current one */
	size_t pos;  /* byte offset of the next piece in the side's document */
} side_writer;

static void side_open(side_writer *w)
{
	rl_out_printf(w->o, "<p data-p=\"%u\">", w->v[w->j] + 1);
}

static void side_piece(side_writer *w, char op, const char *s, size_t len)
{
	while (len) {
		size_t take = len;

		if (w->j + 1 < w->n) {
			size_t b = w->d->paras[w->v[w->j + 1]].start;

			if (b <= w->pos) {
				rl_out_puts(w->o, "</p>");
				w->j++;
				side_open(w);
				continue;
			}
			if (b - w->pos < take)
				take = b - w->pos;
		}
		rl_html_piece(w->o, op, s, take);
		s += take;
		len -= take;
		w->pos += take;
	}
}

/* One side of link `l`: the old side shows '=' and '-' pieces, the new side
 * '=' and '+'; a link without edits is a whole deletion or insertion. */
static void emit_side(hctx *h, const rl_link *l, int new_side)
{
	const rl_comparison *c = h->c;
	side_writer w;

	w.o = h->o;
	w.d = new_side ? c->b : c->a;
	w.v = new_side ? l->new_paras : l->old_paras;
	w.n = new_side ? l->n_new : l->n_old;
	w.j = 0;
	if (!w.n)
		return;
	w.pos = w.d->paras[w.v[0]].start;
	side_open(&w);
	if (!l->n_edits) {
		size_t end = w.d->paras[w.v[w.n - 1]].end;

		side_piece(&w, new_side ? '+' : '-', w.d->data + w.pos, end - w.pos);
	}
	for (size_t i = 0; i < l->n_edits; i++) {
		const rl_edit *e = &l->edits[i];

		if (e->op == (new_side ? RL_EDIT_DELETE : RL_EDIT_INSERT))
			continue;
		side_piece(&w, (char)e->op, (e->op == RL_EDIT_INSERT ? c->b : c->a)->data + e->start,
		           e->end - e->start);
	}
	rl_out_puts(h->o, "</p>");
}

void rl_html_badges(rl_out *o, const rl_link *l, const char *old_data, const char *new_data,
                    const char *id, const char *href)
{
	for (size_t i = 0; i < l->n_changes; i++) {
		const rl_change *ch = &l->changes[i];
		const char *name = rl_change_type_name(ch->type);

		rl_out_printf(o, "<a class=\"badge t-%s\" id=\"%s-x%zu\" href=\"#%s\"", name, id, i, href);
		if (ch->detail) {
			rl_out_puts(o, " title=\"");
			html_str(o, ch->detail);
			rl_out_puts(o, "\"");
		}
		rl_out_printf(o, "><b>%s</b>", name);
		if (ch->old_end > ch->old_start)
			html_short(o, old_data + ch->old_start, ch->old_end - ch->old_start, BADGE_MAX);
		else
			rl_out_puts(o, "+");
		if (ch->old_end > ch->old_start && ch->new_end > ch->new_start)
			rl_out_puts(o, " → ");
		if (ch->new_end > ch->new_start)
			html_short(o, new_data + ch->new_start, ch->new_end - ch->new_start, BADGE_MAX);
		else
			rl_out_puts(o, " removed");
		rl_out_puts(o, "</a>");
	}
}

static void emit_badges(hctx *h, const rl_link *l, size_t k)
{
	char id[48];

	snprintf(id, sizeof(id), "c%u-l%zu", h->id, k);
	rl_html_badges(h->o, l, h->c->a->data, h->c->b->data, id, id);
}

/* Origin markers anchored after link `anchor`, as blocks of the old side. */
static void emit_marks(hctx *h, uint32_t anchor)
{
	while (h->next_orig < h->n_orig && h->orig[h->next_orig].anchor == anchor) {
		const origin *g = &h->orig[h->next_orig++];
		const rl_link *l = &h->c->links[g->link];

		rl_out_printf(h->o, "<div class=\"mark\" id=\"c%u-o%u\"><a class=\"mv\" href=\"#c%u-l%u\">",
		              h->id, g->link, h->id, g->link);
		para_span(h->o, "old", l->old_paras, l->n_old);
		para_span(h->o, " moved to new", l->new_paras, l->n_new);
		rl_out_puts(h->o, anchor == NONE || g->link > anchor ? " ↓</a></div>" : " ↑</a></div>");
	}
}

static int has_marks(const hctx *h, uint32_t anchor)
{
	return h->next_orig < h->n_orig && h->orig[h->next_orig].anchor == anchor;
}

static void emit_mark_row(hctx *h, uint32_t anchor)
{
	if (!has_marks(h, anchor))
		return;
	rl_out_puts(h->o, "<div class=\"pair origin\"><div class=\"side old\">");
	emit_marks(h, anchor);
	rl_out_puts(h->o, "</div><div class=\"side new\"></div></div>\n");
}

/* A link with paragraphs on both sides: one row, header across both
 * columns, then the old and the new side. */
static void emit_pair(hctx *h, size_t k)
{
	const rl_link *l = &h->c->links[k];
	const char *kind = rl_link_kind_name(l->kind);
	rl_out *o = h->o;

	rl_out_printf(o, "<div class=\"pair%s k-%s\" id=\"c%u-l%zu\"><div class=\"ph\">",
	              l->kind == RL_LINK_EQUAL ? "" : " chg", kind, h->id, k);
	rl_out_printf(o, "<a class=\"kind\" href=\"#c%u-l%zu\">%s</a><span>", h->id, k, kind);
	para_span(o, "old", l->old_paras, l->n_old);
	para_span(o, " → new", l->new_paras, l->n_new);
	rl_out_puts(o, "</span>");
	if (l->kind != RL_LINK_EQUAL)
		rl_out_printf(o, "<span>similarity %.2f</span>", l->similarity);
	if (l->kind == RL_LINK_MOVED)
		rl_out_printf(o, "<a class=\"mv\" href=\"#c%u-o%zu\">origin in old ↕</a>", h->id, k);
	emit_badges(h, l, k);
	rl_out_puts(o, "</div><div class=\"side old\">");
	emit_side(h, l, 0);
	rl_out_puts(o, "</div><div class=\"side new\">");
	emit_side(h, l, 1);
	rl_out_puts(o, "</div></div>\n");
}

/* A paragraph block of a run of insertions and deletions. */
static void emit_block(hctx *h, size_t k)
{
	const rl_link *l = &h->c->links[k];
	const char *kind = rl_link_kind_name(l->kind);
	rl_out *o = h->o;

	rl_out_printf(o, "<div class=\"blk chg k-%s\" id=\"c%u-l%zu\"><div class=\"bh\">", kind, h->id, k);
	rl_out_printf(o, "<a class=\"kind\" href=\"#c%u-l%zu\">%s</a> ", h->id, k, kind);
	if (l->n_old)
		para_span(o, "old", l->old_paras, l->n_old);
	else
		para_span(o, "new", l->new_paras, l->n_new);
	emit_badges(h, l, k);
	rl_out_puts(o, "</div>");
	emit_side(h, l, l->n_new > 0);
	rl_out_puts(o, "</div>");
}

static int is_gap(const rl_link *l)
{
	return l->kind == RL_LINK_INSERTED || l->kind == RL_LINK_DELETED;
}

/* Links [from, to), all insertions and deletions, as one row: the deleted
 * paragraphs stacked on the old side, the inserted ones on the new. */
static void emit_gap(hctx *h, size_t from, size_t to)
{
	int any_old = 0, any_new = 0;

	for (size_t k = from; k < to; k++) {
		any_old |= h->c->links[k].n_old > 0;
		any_new |= h->c->links[k].n_new > 0;
	}
	rl_out_printf(h->o, "<div class=\"pair gap\"><div class=\"side old%s\">", any_old ? "" : " none");
	for (size_t k = from; k < to; k++)
		if (h->c->links[k].n_old) {
			emit_block(h, k);
			emit_marks(h, (uint32_t)k);
		}
	rl_out_printf(h->o, "</div><div class=\"side new%s\">", any_new ? "" : " none");
	for (size_t k = from; k < to; k++)
		if (h->c->links[k].n_new)
			emit_block(h, k);
	rl_out_puts(h->o, "</div></div>\n");
}

static void emit_pairs(hctx *h)
{
	const rl_comparison *c = h->c;
	size_t k = 0, in_page = 0;

	rl_out_puts(h->o, "<div class=\"cols\"><div>");
	html_str(h->o, c->a->name);
	rl_out_puts(h->o, "</div><div>");
	html_str(h->o, c->b->name);
	rl_out_puts(h->o, "</div></div>\n<div class=\"page\">\n");
	emit_mark_row(h, NONE);
	while (k < c->n_links) {
		if (in_page >= PAGE_LINKS) {
			rl_out_puts(h->o, "</div>\n<div class=\"page\">\n");
			in_page = 0;
		}
		if (is_gap(&c->links[k])) {
			size_t end = k;

			while (end < c->n_links && is_gap(&c->links[end]) && in_page + (end - k) < PAGE_LINKS)
				end++;
			emit_gap(h, k, end);
			in_page += end - k;
			k = end;
			continue;
		}
		emit_pair(h, k);
		emit_mark_row(h, (uint32_t)k);
		in_page++;
		k++;
	}
	if (!c->n_links)
		rl_out_puts(h->o, "<p class=\"empty-note\">Neither text has any paragraphs.</p>");
	rl_out_puts(h->o, "</div>\n");
}

/* ---- summary ---------------------------------------------------------------- */

static void emit_summary(hctx *h)
{
	const rl_comparison *c = h->c;
	size_t kinds[RL_LINK_KIND_COUNT] = {0}, first_kind[RL_LINK_KIND_COUNT];
	size_t types[RL_CHANGE_TYPE_COUNT] = {0}, first_link[RL_CHANGE_TYPE_COUNT],
	       first_change[RL_CHANGE_TYPE_COUNT];
	rl_out *o = h->o;

	for (size_t k = 0; k < c->n_links; k++) {
		const rl_link *l = &c->links[k];

		if (!kinds[l->kind]++)
			first_kind[l->kind] = k;
		for (size_t i = 0; i < l->n_changes; i++)
			if (!types[l->changes[i].type]++) {
				first_link[l->changes[i].type] = k;
				first_change[l->changes[i].type] = i;
			}
	}
	rl_out_puts(o, "<nav class=\"summary\"><h3>Summary</h3><table>"
	               "<tr><th colspan=\"2\">paragraph links</th></tr>");
	for (int k = 0; k < RL_LINK_KIND_COUNT; k++) {
		const char *name = rl_link_kind_name((rl_link_kind)k);

		if (!kinds[k] && (k == RL_LINK_RELATED) != (c->mode == RL_MODE_RELATED))
			continue;
		if (kinds[k])
			rl_out_printf(o, "<tr class=\"k-%s\"><td><a href=\"#c%u-l%zu\">%s</a></td>"
			                 "<td class=\"n\">%zu</td></tr>",
			              name, h->id, first_kind[k], name, kinds[k]);
		else
			rl_out_printf(o, "<tr class=\"zero\"><td>%s</td><td class=\"n\">0</td></tr>", name);
	}
	rl_out_puts(o, "<tr><th colspan=\"2\">semantic changes</th></tr>");
	for (int t = 0; t < RL_CHANGE_TYPE_COUNT; t++) {
		const char *name = rl_change_type_name((rl_change_type)t);

		if (types[t])
			rl_out_printf(o, "<tr><td><a class=\"badge t-%s\" href=\"#c%u-l%zu-x%zu\">%s</a></td>"
			                 "<td class=\"n\">%zu</td></tr>",
			              name, h->id, first_link[t], first_change[t], name, types[t]);
		else
			rl_out_printf(o, "<tr class=\"zero\"><td>%s</td><td class=\"n\">0</td></tr>", name);
	}
	rl_out_puts(o, "</table></nav>\n");
}

/* ---- heatmap ---------------------------------------------------------------- */

/* A tick step of 1, 2 or 5 times a power of ten giving at most 8 ticks. */
static size_t tick_step(size_t n)
{
	size_t step = 1;

	for (;;) {
		for (int m = 0; m < 3; m++) {
			size_t s = step * (m == 0 ? 1 : m == 1 ? 2 : 5);
			if (n / s <= 8)
				return s;
		}
		step *= 10;
	}
}

/* Paragraphs [first, last] of bin `i` of `bins` over `n` paragraphs. */
static void bin_range(size_t i, size_t bins, size_t n, size_t *first, size_t *last)
{
	*first = (i * n + bins - 1) / bins;
	*last = ((i + 1) * n + bins - 1) / bins - 1;
}

static void heat_title(rl_out *o, size_t r, size_t rows, size_t n_old, size_t q, size_t cols,
                       size_t n_new, double v, const rl_link *l, int grid)
{
	size_t a, b;

	bin_range(r, rows, n_old, &a, &b);
	rl_out_printf(o, a == b ? "old ¶%zu" : "old ¶%zu–%zu", a + 1, b + 1);
	bin_range(q, cols, n_new, &a, &b);
	rl_out_printf(o, a == b ? " × new ¶%zu" : " × new ¶%zu–%zu", a + 1, b + 1);
	if (!grid)
		rl_out_printf(o, ": %s, similarity %.2f", rl_link_kind_name(l->kind), l->similarity);
	else if (l)
		rl_out_printf(o, ": similarity %.2f (%s pair, %.2f)", v, rl_link_kind_name(l->kind),
		              l->similarity);
	else
		rl_out_printf(o, ": similarity %.2f, not linked", v);
}

/* The OLD × NEW grid: each cell holds the best similarity of the paragraph
 * pairs of its row and column bins — from the comparison's similarity grid
 * (every pair, or pairs spread over the cell, scored like related mode)
 * when it has one, and from the links joining them — and links to the best
 * of those links. */
static int emit_heatmap(hctx *h)
{
	const rl_comparison *c = h->c;
	size_t n_old = c->a->n_paras, n_new = c->b->n_paras, rows, cols, cs, w, hh, step;
	enum { ML = 34, MT = 26, MB = 30 };
	double *val = NULL, *best = NULL;
	uint32_t *who = NULL;
	int grid;
	rl_out *o = h->o;

	rl_out_puts(o, "<figure class=\"heatmap\"><h3>Paragraph similarity</h3>");
	if (!n_old || !n_new) {
		rl_out_puts(o, "<p class=\"empty-note\">One of the texts has no paragraphs.</p></figure>\n");
		return 0;
	}
	grid = c->grid != NULL;
	rows = grid ? c->grid_rows : n_old < RL_GRID_BINS ? n_old : RL_GRID_BINS;
	cols = grid ? c->grid_cols : n_new < RL_GRID_BINS ? n_new : RL_GRID_BINS;
	val = rl_calloc(rows * cols, sizeof(double));
	best = rl_calloc(rows * cols, sizeof(double));
	who = rl_calloc(rows * cols, sizeof(uint32_t));
	if (!val || !best || !who) {
		free(val);
		free(best);
		free(who);
		return RL_ENOMEM;
	}
	for (size_t i = 0; i < rows * cols; i++) {
		val[i] = grid ? c->grid[i] : -1;
		best[i] = -1;
		who[i] = NONE;
	}
	for (size_t k = 0; k < c->n_links; k++) {
		const rl_link *l = &c->links[k];

		for (size_t i = 0; i < l->n_old; i++)
			for (size_t j = 0; j < l->n_new; j++) {
				size_t cell = (size_t)l->old_paras[i] * rows / n_old * cols +
				              (size_t)l->new_paras[j] * cols / n_new;

				if (l->similarity > best[cell]) {
					best[cell] = l->similarity;
					who[cell] = (uint32_t)k;
				}
				if (l->similarity > val[cell])
					val[cell] = l->similarity;
			}
	}
	cs = HEAT_SIDE / (rows > cols ? rows : cols);
	cs = cs < 3 ? 3 : cs > 14 ? 14 : cs;
	w = ML + cols * cs + 4;
	w = w < ML + 14 + 10 * 12 + 12 ? ML + 14 + 10 * 12 + 12 : w; /* room for the scale */
	hh = MT + rows * cs + MB;
	rl_out_printf(o, "<svg viewBox=\"0 0 %zu %zu\" width=\"%zu\" height=\"%zu\" role=\"img\" "
	                 "aria-label=\"similarity of %zu old by %zu new paragraphs\">",
	              w, hh, w, hh, n_old, n_new);
	rl_out_printf(o, "<text x=\"%d\" y=\"10\">NEW ¶ →</text><text x=\"2\" y=\"%d\">OLD</text>"
	                 "<text x=\"2\" y=\"%d\">¶ ↓</text>", ML, MT + 10, MT + 21);
	step = tick_step(n_new);
	for (size_t p = 0; p < n_new; p += step)
		rl_out_printf(o, "<text x=\"%zu\" y=\"%d\">%zu</text>", ML + p * cols / n_new * cs, MT - 4, p + 1);
	step = tick_step(n_old);
	for (size_t p = step; p < n_old; p += step)
		rl_out_printf(o, "<text x=\"4\" y=\"%zu\">%zu</text>", MT + p * rows / n_old * cs + 8, p + 1);
	rl_out_printf(o, "<rect class=\"bg\" x=\"%d\" y=\"%d\" width=\"%zu\" height=\"%zu\"/>", ML, MT,
	              cols * cs, rows * cs);
	for (size_t r = 0; r < rows; r++)
		for (size_t q = 0; q < cols; q++) {
			size_t cell = r * cols + q;
			const rl_link *l = who[cell] == NONE ? NULL : &c->links[who[cell]];
			int bucket;

			if (val[cell] < 0 || (!l && val[cell] < HEAT_FLOOR))
				continue;
			bucket = (int)(val[cell] * 10);
			bucket = bucket < 0 ? 0 : bucket > 9 ? 9 : bucket;
			if (l)
				rl_out_printf(o, "<a href=\"#c%u-l%u\">", h->id, who[cell]);
			rl_out_printf(o, "<rect class=\"h%d\" x=\"%zu\" y=\"%zu\" width=\"%zu\" height=\"%zu\">"
			                 "<title>", bucket, ML + q * cs, MT + r * cs, cs, cs);
			heat_title(o, r, rows, n_old, q, cols, n_new, val[cell], l, grid);
			rl_out_puts(o, l ? "</title></rect></a>" : "</title></rect>");
		}
	for (int b = 0; b < 10; b++)
		rl_out_printf(o, "<rect class=\"h%d\" x=\"%d\" y=\"%zu\" width=\"12\" height=\"8\"/>", b,
		              ML + 14 + b * 12, hh - 18);
	rl_out_printf(o, "<text x=\"%d\" y=\"%zu\">0</text><text x=\"%d\" y=\"%zu\">1</text></svg>", ML + 4,
	              hh - 11, ML + 14 + 10 * 12 + 3, hh - 11);
	rl_out_puts(o, "<figcaption>Rows are the paragraphs of the old text, columns those of the new;");
	if (rows < n_old || cols < n_new)
		rl_out_puts(o, " each cell covers a range of them and shows its best pair;");
	rl_out_puts(o, " the darker a cell, the more similar the pair.");
	if (grid)
		rl_out_puts(o, n_old * n_new <= RL_GRID_EXACT
		                   ? " Every pair of paragraphs is scored, as related mode scores them;"
		                   : " Pairs spread evenly over each cell are scored, as related mode "
		                     "scores them;");
	rl_out_puts(o, grid ? " cells of linked pairs link to their pair.</figcaption></figure>\n"
	                    : " Each cell links to its pair.</figcaption></figure>\n");
	free(val);
	free(best);
	free(who);
	return 0;
}

/* ---- page ------------------------------------------------------------------- */

static void emit_legend(rl_out *o)
{
	rl_out_puts(o,
		"<aside class=\"legend\"><h3>Legend</h3><ul>"
		"<li><del>deleted words</del> and <ins>inserted words</ins></li>"
		"<li><span class=\"sw eq\"></span>equal or edited pair, aligned side by side</li>"
		"<li><span class=\"sw mv\"></span><a class=\"mv\">moved</a>: linked to its origin in the old text</li>"
		"<li><span class=\"sw sp\"></span>split (one old paragraph, several new) or merged</li>"
		"<li><span class=\"sw rm\"></span>deleted paragraph, <span class=\"sw ad\"></span>inserted</li>"
		"<li><span class=\"badge t-number\"><b>number</b>55% → 60%</span> a change of meaning</li>"
		"<li>¶ numbers count paragraphs from 1</li>"
		"</ul></aside>\n");
}

static void doc_meta(rl_out *o, const rl_doc *d)
{
	rl_out_printf(o, "%zu paragraph%s", d->n_paras, d->n_paras == 1 ? "" : "s");
	if (d->meta_end > d->meta_start) {
		rl_out_puts(o, ", ");
		rl_out_html(o, d->data + d->meta_start, d->meta_end - d->meta_start);
	}
}

static void emit_names(rl_out *o, const rl_comparison *c)
{
	html_str(o, c->a->name);
	rl_out_puts(o, " → ");
	html_str(o, c->b->name);
}

int rl_html_comparison(rl_out *o, const rl_comparison *c, unsigned id, int legend)
{
	hctx h;
	int err;

	memset(&h, 0, sizeof(h));
	h.o = o;
	h.c = c;
	h.id = id;
	if ((err = find_origins(&h.orig, &h.n_orig, c)) < 0)
		return err;
	rl_out_printf(o, "<section class=\"cmp\" id=\"c%u\"><h2>", id);
	emit_names(o, c);
	rl_out_printf(o, "</h2>\n<p class=\"meta\">%s mode%s · old: ", rl_mode_name(c->mode),
	              c->mode_auto ? " (chosen from the texts)" : "");
	doc_meta(o, c->a);
	rl_out_puts(o, " · new: ");
	doc_meta(o, c->b);
	rl_out_puts(o, c->equal ? " · <strong>no differences</strong></p>\n" : "</p>\n");
	rl_out_puts(o, "<div class=\"overview\">");
	emit_summary(&h);
	if ((err = emit_heatmap(&h)) < 0)
		goto done;
	if (legend)
		emit_legend(o);
	rl_out_puts(o, "</div>\n");
	emit_pairs(&h);
	rl_out_puts(o, "</section>\n");
done:
	free(h.orig);
	return err;
}

static void emit_toc(rl_out *o, const rl_comparison *const *c, size_t n)
{
	rl_out_puts(o, "<nav class=\"toc\"><h3>Comparisons</h3><ol>");
	for (size_t i = 0; i < n; i++) {
		rl_summary s;
		const char *sep = " — ";

		rl_summary_count(&s, c[i]);
		rl_out_printf(o, "<li><a href=\"#c%zu\">", i + 1);
		emit_names(o, c[i]);
		rl_out_puts(o, "</a>");
		for (int k = 0; k < RL_LINK_KIND_COUNT; k++)
			if (s.kinds[k]) {
				rl_out_printf(o, "%s%zu %s", sep, s.kinds[k], rl_link_kind_name((rl_link_kind)k));
				sep = ", ";
			}
		rl_out_puts(o, "</li>");
	}
	rl_out_puts(o, "</ol></nav>\n");
}

void rl_html_begin(rl_out *o, const char *title)
{
	rl_out_puts(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	               "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	               "style-src '" RL_REPORT_CSS_HASH "'; script-src '" RL_REPORT_JS_HASH "'; "
	               "img-src data:; base-uri 'none'; form-action 'none'\">\n"
	               "<meta name=\"referrer\" content=\"no-referrer\">\n"
	               "<meta name=\"generator\" content=\"redline " RL_VERSION "\">\n<title>");
	html_str(o, title);
	rl_out_puts(o, "</title>\n<style>");
	rl_out_put(o, rl_report_css, sizeof(rl_report_css) - 1);
	rl_out_puts(o, "</style>\n</head>\n<body>\n<header class=\"top\"><h1>");
	html_str(o, title);
	rl_out_puts(o, "</h1><div class=\"tools\"><label><input type=\"checkbox\" id=\"only-changes\"> "
	               "changes only</label><span id=\"rl-keys\" hidden><kbd>n</kbd> next · "
	               "<kbd>p</kbd> previous change</span><span id=\"rl-pos\" hidden></span></div>"
	               "</header>\n<main>\n");
}

void rl_html_end(rl_out *o)
{
	rl_out_puts(o, "</main>\n<script>");
	rl_out_put(o, rl_report_js, sizeof(rl_report_js) - 1);
	rl_out_puts(o, "</script>\n</body>\n</html>\n");
}

/* The page title: the option, or the names of the comparisons. */
static int page_title(rl_buf *b, const rl_comparison *const *c, size_t n,
                      const rl_render_options *opts)
{
	if (opts->title)
		return rl_buf_puts(b, opts->title);
	if (n == 1)
		return rl_buf_printf(b, "redline: %s → %s", c[0]->a->name, c[0]->b->name);
	return rl_buf_printf(b, "redline: %s against %zu texts", c[0]->a->name, n);
}

int rl_render_html(rl_out *o, const rl_comparison *const *c, size_t n, const rl_render_options *opts)
{
	rl_buf title = RL_BUF_INIT;
	int err = 0;

	if (page_title(&title, c, n, opts) < 0) {
		rl_buf_free(&title);
		return RL_ENOMEM;
	}
	rl_html_begin(o, title.data ? title.data : "");
	rl_buf_free(&title);
	if (n > 1)
		emit_toc(o, c, n);
	for (size_t i = 0; i < n && !err; i++)
		err = rl_html_comparison(o, c[i], (unsigned)(i + 1), i == 0);
	rl_html_end(o);
	return err;
}
