/*
 * render_md — GitHub-flavoured Markdown for pull-request comments: for each
 * comparison a summary table, then every changed pair with ~~deleted~~ and
 * **inserted** words and its semantic-change badges.  Document text is
 * escaped so that it shows literally (no HTML, links, emphasis or block
 * syntax of its own), and a change whose delimiters CommonMark's flanking
 * rules would not accept (",.", a mark glued to a word) falls back to the
 * equivalent <del> and <strong> tags.
 */
#include <strings.h>

#include "render.h"
#include "text.h"

#define BADGE_MAX 80 /* bytes of document text shown in a badge */

/* What the last written character was, for the flanking rules. */
enum { C_SPACE, C_PUNCT, C_OTHER };

typedef struct md {
	rl_out *o;
	int prev;       /* class of the last character written */
	int line_start; /* nothing but markers written on this line yet */
} md;

static int is_ws(char ch)
{
	return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
}

/* ASCII characters that mean something inline in GFM (or in GitHub's math
 * and tables) and are escaped wherever they appear. */
static int inline_special(char ch)
{
	return ch && strchr("\\`*_[]<>|~#&!{}$", ch) != NULL;
}

/* 1 when s[i] would let GFM make a link of plain text: the ":" of
 * "scheme://" or the "." of "www.".  An escape there keeps the text
 * literal, and keeps the link from swallowing the escapes and delimiters
 * around it.  (E-mail addresses still become links, escaped or not; they
 * cannot swallow a delimiter or an escape.) */
static int no_autolink(const char *s, size_t len, size_t i)
{
	if (s[i] == ':')
		return i + 2 < len && s[i + 1] == '/' && s[i + 2] == '/';
	return s[i] == '.' && i >= 3 && !strncasecmp(s + i - 3, "www", 3);
}

/* Class of the character at s[*i] (advancing *i past it). */
static int char_class(const char *s, size_t len, size_t *i)
{
	unsigned char ch = (unsigned char)s[*i];
	uint32_t cp;

	if (ch < 0x80) {
		(*i)++;
		if (is_ws((char)ch))
			return C_SPACE;
		return (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') ? C_OTHER
		                                                                               : C_PUNCT;
	}
	cp = rl_text_next(s, len, i);
	if (rl_cp_is_space(cp))
		return C_SPACE;
	return rl_cp_is_letter(cp) || rl_cp_is_digit(cp) ? C_OTHER : C_PUNCT;
}

/* The class of the first character `s` will show once escaped. */
static int first_class(const char *s, size_t len)
{
	size_t i = 0;

	if (!len)
		return C_SPACE;
	if (inline_special(s[0]))
		return C_PUNCT; /* the backslash */
	return char_class(s, len, &i);
}

static int last_class(const char *s, size_t len)
{
	size_t i;

	if (!len)
		return C_SPACE;
	i = len - 1;
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	return char_class(s, len, &i);
}

/* Write our own syntax; `cls` is the class it leaves, or -1 to keep the
 * previous one: cmark-gfm (GitHub's parser) skips strikethrough tildes
 * when it decides whether a run of asterisks flanks, so "~~en~~**,**"
 * does not embolden the comma. */
static void raw(md *w, const char *s, int cls)
{
	rl_out_puts(w->o, s);
	if (cls >= 0)
		w->prev = cls;
}

/* Document text, escaped; white space runs become one space, or " ¶ "
 * where they hold a paragraph break. */
static void md_text(md *w, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t start = i;

		if (is_ws(s[i])) {
			int blank = 0, nl = 0;

			while (i < len && is_ws(s[i])) {
				if (s[i] == '\n')
					blank |= nl++ > 0;
				i++;
			}
			if (w->line_start)
				continue;
			rl_out_puts(w->o, blank ? " ¶ " : " ");
			w->prev = C_SPACE;
			continue;
		}
		if (w->line_start && strchr("-+=", s[i])) {
			rl_out_put(w->o, "\\", 1);
		} else if (w->line_start && s[i] >= '0' && s[i] <= '9') {
			/* "1." or "1)" would start an ordered list */
			while (i < len && s[i] >= '0' && s[i] <= '9')
				i++;
			rl_out_put(w->o, s + start, i - start);
			w->prev = C_OTHER;
			w->line_start = 0;
			if (i < len && (s[i] == '.' || s[i] == ')'))
				rl_out_put(w->o, "\\", 1);
			continue;
		} else if (inline_special(s[i]) || no_autolink(s, len, i)) {
			rl_out_put(w->o, "\\", 1);
		}
		w->prev = char_class(s, len, &i);
		rl_out_put(w->o, s + start, i - start);
		w->line_start = 0;
	}
}

/* A deleted or inserted piece.  White space at its edges stays outside the
 * delimiters, which must be left- and right-flanking; `next` is the class
 * of what follows the piece. */
static void mark(md *w, char op, const char *s, size_t len, int next)
{
	const char *dl = op == '-' ? "~~" : "**";
	size_t a = 0, b = len;
	int ok;

	while (a < b && is_ws(s[a]))
		a++;
	while (b > a && is_ws(s[b - 1]))
		b--;
	if (a == b) {
		/* only white space changed: show a paragraph break, else a space */
		if (memmem(s, len, "\n\n", 2) || memmem(s, len, "\n\r\n", 3)) {
			rl_out_puts(w->o, w->prev == C_SPACE ? "" : " ");
			raw(w, dl, op == '-' ? -1 : C_PUNCT);
			raw(w, "¶", C_PUNCT);
			raw(w, dl, op == '-' ? -1 : C_PUNCT);
			raw(w, " ", C_SPACE);
		} else if (w->prev != C_SPACE && !w->line_start) {
			raw(w, " ", C_SPACE);
		}
		return;
	}
	if (a > 0 && !w->line_start && w->prev != C_SPACE)
		raw(w, " ", C_SPACE);
	ok = !(first_class(s + a, b - a) == C_PUNCT && w->prev == C_OTHER) &&
	     !(last_class(s + a, b - a) == C_PUNCT && b == len && next == C_OTHER);
	if (ok)
		raw(w, dl, op == '-' ? -1 : C_PUNCT);
	else
		raw(w, op == '-' ? "<del>" : "<strong>", C_PUNCT);
	md_text(w, s + a, b - a);
	if (ok)
		raw(w, dl, op == '-' ? -1 : C_PUNCT);
	else
		raw(w, op == '-' ? "</del>" : "</strong>", C_PUNCT);
	if (b < len)
		raw(w, " ", C_SPACE);
}

/* The class of the first character shown after edit `i` of link `l`, as
 * a delimiter run there sees it (tildes are transparent, see raw()). */
static int next_class(const rl_comparison *c, const rl_link *l, size_t i)
{
	const rl_edit *e = i + 1 < l->n_edits ? &l->edits[i + 1] : NULL;

	if (!e)
		return C_SPACE;
	if (e->op == RL_EDIT_INSERT)
		return C_PUNCT; /* asterisks, a tag, or white space kept outside them */
	return first_class(c->a->data + e->start, e->end - e->start);
}

static void md_range(rl_out *o, const char *prefix, const uint32_t *v, size_t n)
{
	if (n == 1)
		rl_out_printf(o, "%s¶%u", prefix, v[0] + 1);
	else
		rl_out_printf(o, "%s¶%u–%u", prefix, v[0] + 1, v[n - 1] + 1);
}

static void md_heading(rl_out *o, const char *hashes, const rl_link *l)
{
	rl_out_printf(o, "%s ", hashes);
	switch (l->kind) {
	case RL_LINK_DELETED:
		md_range(o, "old ", l->old_paras, l->n_old);
		rl_out_puts(o, " deleted");
		break;
	case RL_LINK_INSERTED:
		md_range(o, "", l->new_paras, l->n_new);
		rl_out_puts(o, " inserted");
		break;
	case RL_LINK_MOVED:
	case RL_LINK_SPLIT:
	case RL_LINK_MERGED:
		md_range(o, "", l->new_paras, l->n_new);
		rl_out_printf(o, " %s from ", rl_link_kind_name(l->kind));
		md_range(o, "old ", l->old_paras, l->n_old);
		break;
	default:
		md_range(o, "", l->new_paras, l->n_new);
		rl_out_printf(o, " %s (", rl_link_kind_name(l->kind));
		md_range(o, "old ", l->old_paras, l->n_old);
		rl_out_puts(o, ")");
	}
	if (l->n_old && l->n_new && l->kind != RL_LINK_EQUAL)
		rl_out_printf(o, " · similarity %.2f", l->similarity);
	rl_out_puts(o, "\n\n");
}

/* Document text for a badge: escaped, cut on a character boundary. */
static void badge_text(md *w, const char *s, size_t len)
{
	size_t n = rl_utf8_cut(s, len, BADGE_MAX);

	md_text(w, s, n);
	if (n < len)
		rl_out_puts(w->o, "…");
}

static void md_badges(md *w, const rl_comparison *c, const rl_link *l)
{
	if (!l->n_changes)
		return;
	for (size_t i = 0; i < l->n_changes; i++) {
		const rl_change *ch = &l->changes[i];

		rl_out_printf(w->o, "%s`%s` ", i ? " · " : "", rl_change_type_name(ch->type));
		w->line_start = 0;
		w->prev = C_SPACE;
		if (ch->old_end > ch->old_start)
			badge_text(w, c->a->data + ch->old_start, ch->old_end - ch->old_start);
		rl_out_puts(w->o, ch->old_end > ch->old_start && ch->new_end > ch->new_start ? " → "
		                  : ch->new_end > ch->new_start ? "+" : " removed");
		if (ch->new_end > ch->new_start)
			badge_text(w, c->b->data + ch->new_start, ch->new_end - ch->new_start);
	}
	rl_out_puts(w->o, "\n\n");
}

static void md_body(md *w, const rl_comparison *c, const rl_link *l)
{
	w->prev = C_SPACE;
	w->line_start = 1;
	if (!l->n_edits) {
		const rl_doc *d = l->n_new ? c->b : c->a;
		const uint32_t *v = l->n_new ? l->new_paras : l->old_paras;
		size_t n = l->n_new ? l->n_new : l->n_old;
		size_t s = d->paras[v[0]].start, e = d->paras[v[n - 1]].end;

		mark(w, l->n_new ? '+' : '-', d->data + s, e - s, C_SPACE);
	}
	for (size_t i = 0; i < l->n_edits; i++) {
		const rl_edit *e = &l->edits[i];
		const char *src = (e->op == RL_EDIT_INSERT ? c->b : c->a)->data + e->start;

		if (e->op == RL_EDIT_EQUAL)
			md_text(w, src, e->end - e->start);
		else
			mark(w, (char)e->op, src, e->end - e->start, next_class(c, l, i));
	}
	rl_out_puts(w->o, "\n\n");
}

static void md_name(md *w, const char *name)
{
	w->prev = C_SPACE;
	w->line_start = 0;
	md_text(w, name, strlen(name));
}

static void md_doc(md *w, const rl_doc *d)
{
	rl_out_printf(w->o, "%zu paragraph%s", d->n_paras, d->n_paras == 1 ? "" : "s");
	if (d->meta_end > d->meta_start) {
		rl_out_puts(w->o, ", ");
		w->prev = C_SPACE;
		w->line_start = 0;
		md_text(w, d->data + d->meta_start, d->meta_end - d->meta_start);
	}
}

static void md_summary(md *w, const rl_comparison *c)
{
	rl_summary s;
	int any = 0;

	rl_summary_count(&s, c);
	rl_out_puts(w->o, "| paragraph links | count |\n| :-- | --: |\n");
	for (int k = 0; k < RL_LINK_KIND_COUNT; k++)
		if (s.kinds[k])
			rl_out_printf(w->o, "| %s | %zu |\n", rl_link_kind_name((rl_link_kind)k), s.kinds[k]);
	for (int t = 0; t < RL_CHANGE_TYPE_COUNT; t++)
		if (s.changes[t]) {
			if (!any++)
				rl_out_puts(w->o, "\n| semantic changes | count |\n| :-- | --: |\n");
			rl_out_printf(w->o, "| `%s` | %zu |\n", rl_change_type_name((rl_change_type)t),
			              s.changes[t]);
		}
	if (!any)
		rl_out_puts(w->o, "\nNo semantic changes.\n");
	rl_out_puts(w->o, "\n");
}

static void md_comparison(md *w, const rl_comparison *c, const char *level,
                          const rl_render_options *opts)
{
	rl_out *o = w->o;
	int shown = 0;

	rl_out_printf(o, "%s ", level);
	md_name(w, c->a->name);
	rl_out_puts(o, " → ");
	md_name(w, c->b->name);
	rl_out_printf(o, "\n\n%s mode%s · old: ", rl_mode_name(c->mode),
	              c->mode_auto ? " (chosen from the texts)" : "");
	md_doc(w, c->a);
	rl_out_puts(o, " · new: ");
	md_doc(w, c->b);
	rl_out_puts(o, "\n\n");
	if (c->equal) {
		rl_out_puts(o, "No differences.\n\n");
		if (!opts->show_equal)
			return;
	}
	md_summary(w, c);
	for (size_t k = 0; k < c->n_links; k++) {
		const rl_link *l = &c->links[k];

		if (l->kind == RL_LINK_EQUAL && !opts->show_equal)
			continue;
		md_heading(o, strlen(level) > 2 ? "####" : "###", l);
		md_badges(w, c, l);
		md_body(w, c, l);
		shown++;
	}
	if (!shown && !c->equal)
		rl_out_puts(o, "Only equal paragraphs.\n\n");
}

int rl_render_markdown(rl_out *o, const rl_comparison *const *c, size_t n,
                       const rl_render_options *opts)
{
	md w = {o, C_SPACE, 1};

	if (n > 1 || opts->title) {
		rl_out_puts(o, "## ");
		if (opts->title) {
			md_name(&w, opts->title);
		} else {
			rl_out_puts(o, "redline: ");
			md_name(&w, c[0]->a->name);
			rl_out_printf(o, " against %zu texts", n);
		}
		rl_out_puts(o, "\n\n");
	}
	for (size_t i = 0; i < n; i++)
		md_comparison(&w, c[i], n > 1 || opts->title ? "###" : "##", opts);
	return 0;
}
