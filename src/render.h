/*
 * render — output of a finished comparison through a write callback.  The
 * buffered writer and escaping helpers here are shared by every format's
 * renderer (render_*.c); renderers never recompute the comparison.
 */
#ifndef RL_RENDER_H
#define RL_RENDER_H

#include "compare.h"

typedef struct rl_out {
	rl_write_fn write;
	void *payload;
	char buf[65536];
	size_t len;
	int err; /* sticky: once set, nothing more is written */
} rl_out;

void rl_out_init(rl_out *o, rl_write_fn write, void *payload);
void rl_out_put(rl_out *o, const char *s, size_t len);
void rl_out_puts(rl_out *o, const char *s);
void rl_out_printf(rl_out *o, const char *fmt, ...) RL_PRINTF(2, 3);
/* Write text with & < > " ' escaped for HTML text and attribute values. */
void rl_out_html(rl_out *o, const char *s, size_t len);
/* The length of s[0..len) cut to at most `max` bytes on a UTF-8 character
 * boundary.  Cannot fail. */
size_t rl_utf8_cut(const char *s, size_t len, size_t max);
/* Write an unsigned decimal number. */
void rl_out_uint(rl_out *o, uint64_t v);
/* Write v (clamped to [0, 1]) with four decimals, as printf's "%.4f"
 * would, without printf. */
void rl_out_fraction4(rl_out *o, double v);
/* Write a JSON string literal (quotes included) of valid UTF-8 text. */
void rl_out_json_string(rl_out *o, const char *s, size_t len);
/* Flush; returns 0 or RL_EIO. */
int rl_out_finish(rl_out *o);

/* Counts of links per kind and changes per type. */
typedef struct rl_summary {
	size_t kinds[RL_LINK_KIND_COUNT];
	size_t changes[RL_CHANGE_TYPE_COUNT];
} rl_summary;

void rl_summary_count(rl_summary *s, const rl_comparison *c);

/* The name of a comparison mode ("versions", "related"). */
const char *rl_mode_name(rl_mode mode);

int rl_render_text(rl_out *o, const rl_comparison *c, const rl_render_options *opts);
int rl_render_json(rl_out *o, const rl_comparison *c, const rl_render_options *opts);
/* Several comparisons in one document (render_html.c, render_md.c). */
int rl_render_html(rl_out *o, const rl_comparison *const *c, size_t n,
                   const rl_render_options *opts);
/* Pieces of the HTML report (render_html.c) that the trace and check
 * pages share: the page around the content, with the report's stylesheet
 * and script (`title` is text, escaped here); one word-diff piece ('=',
 * '-' or '+'); the semantic-change badges of a link whose changes point
 * into old_data and new_data, with ids "ID-xN" linking to "#HREF"; and
 * one comparison as a section with id "cID" (`legend`: with the legend).
 * rl_html_comparison() fails with RL_ENOMEM. */
void rl_html_begin(rl_out *o, const char *title);
void rl_html_end(rl_out *o);
void rl_html_piece(rl_out *o, char op, const char *s, size_t len);
void rl_html_badges(rl_out *o, const rl_link *l, const char *old_data, const char *new_data,
                    const char *id, const char *href);
int rl_html_comparison(rl_out *o, const rl_comparison *c, unsigned id, int legend);

int rl_render_markdown(rl_out *o, const rl_comparison *const *c, size_t n,
                       const rl_render_options *opts);

#endif
