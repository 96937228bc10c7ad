/*
 * render — the buffered writer, the format dispatcher (HTML and Markdown
 * live in render_html.c and render_md.c), and the two basic formats: text (one block per changed link in new-document order, wdiff
 * markers or ANSI colour) and JSON (the redline-diff/1 contract of
 * DESIGN.md, streamed, so memory does not grow with the output).
 */
#include "render.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* ---- writer ------------------------------------------------------------- */

void rl_out_init(rl_out *o, rl_write_fn write, void *payload)
{
	o->write = write;
	o->payload = payload;
	o->len = 0;
	o->err = 0;
}

static void flush(rl_out *o)
{
	if (!o->err && o->len && o->write(o->buf, o->len, o->payload) != 0)
		o->err = rl_error_set(RL_EIO, "write failed");
	o->len = 0;
}

void rl_out_put(rl_out *o, const char *s, size_t len)
{
	if (o->err)
		return;
	if (len > sizeof(o->buf) - o->len) {
		flush(o);
		if (len >= sizeof(o->buf)) {
			if (!o->err && o->write(s, len, o->payload) != 0)
				o->err = rl_error_set(RL_EIO, "write failed");
			return;
		}
	}
	memcpy(o->buf + o->len, s, len);
	o->len += len;
}

void rl_out_puts(rl_out *o, const char *s)
{
	rl_out_put(o, s, strlen(s));
}

void rl_out_printf(rl_out *o, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(tmp)) {
		rl_out_put(o, tmp, (size_t)n);
		return;
	}
	{
		char *big = malloc((size_t)n + 1);
		if (!big) {
			o->err = rl_error_set(RL_ENOMEM, "out of memory");
			return;
		}
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		rl_out_put(o, big, (size_t)n);
		free(big);
	}
}

void rl_out_uint(rl_out *o, uint64_t v)
{
	char tmp[24];
	size_t n = sizeof(tmp);

	do {
		tmp[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	rl_out_put(o, tmp + n, sizeof(tmp) - n);
}

void rl_out_fraction4(rl_out *o, double v)
{
	long n;
	char tmp[8];

	if (!(v > 0)) /* also NaN */
		v = 0;
	if (v > 1)
		v = 1;
	n = lround(v * 10000);
	tmp[0] = (char)('0' + n / 10000);
	tmp[1] = '.';
	for (int k = 5; k >= 2; k--) {
		tmp[k] = (char)('0' + n % 10);
		n /= 10;
	}
	rl_out_put(o, tmp, 6);
}

/* Does any of the eight bytes of w need escaping in JSON (below 0x20,
 * '"', '\\' or DEL)? */
static int needs_escape(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\'), d = w ^ (ones * 0x7f);

	return ((((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b) | ((d - ones) & ~d)) &
	        high) != 0;
}

void rl_out_json_string(rl_out *o, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, run = 0;

	rl_out_put(o, "\"", 1);
	for (i = 0; i < len; i++) {
		unsigned char c;
		char esc[8];
		size_t n = 0;
		uint64_t w;

		while (i + 8 <= len && (memcpy(&w, s + i, 8), !needs_escape(w)))
			i += 8;
		if (i >= len)
			break;
		c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
			continue;
		rl_out_put(o, s + run, i - run);
		switch (c) {
		case '"': esc[n++] = '\\'; esc[n++] = '"'; break;
		case '\\': esc[n++] = '\\'; esc[n++] = '\\'; break;
		case '\n': esc[n++] = '\\'; esc[n++] = 'n'; break;
		case '\r': esc[n++] = '\\'; esc[n++] = 'r'; break;
		case '\t': esc[n++] = '\\'; esc[n++] = 't'; break;
		default:
			memcpy(esc, "\\u00", 4);
			n = 4;
			esc[n++] = hex[c >> 4];
			esc[n++] = hex[c & 15];
		}
		rl_out_put(o, esc, n);
		run = i + 1;
	}
	rl_out_put(o, s + run, len - run);
	rl_out_put(o, "\"", 1);
}

size_t rl_utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

int rl_out_finish(rl_out *o)
{
	flush(o);
	return o->err;
}

/* ---- shared ------------------------------------------------------------- */

const char *rl_mode_name(rl_mode mode)
{
	switch (mode) {
	case RL_MODE_VERSIONS: return "versions";
	case RL_MODE_RELATED: return "related";
	default: return "auto";
	}
}

void rl_summary_count(rl_summary *s, const rl_comparison *c)
{
	memset(s, 0, sizeof(*s));
	for (size_t k = 0; k < c->n_links; k++) {
		const rl_link *l = &c->links[k];

		s->kinds[l->kind]++;
		for (size_t i = 0; i < l->n_changes; i++)
			s->changes[l->changes[i].type]++;
	}
}

void rl_render_options_init(rl_render_options *o)
{
	memset(o, 0, sizeof(*o));
	o->format = RL_FORMAT_TEXT;
}

int rl_render_report(const rl_comparison *const *c, size_t n, const rl_render_options *opts,
                     rl_write_fn write, void *payload)
{
	rl_render_options defaults;
	rl_out *o;
	int err = 0;

	if (!opts) {
		rl_render_options_init(&defaults);
		opts = &defaults;
	}
	if (!n)
		return rl_error_set(RL_EINVALID, "nothing to render: no comparison");
	if (opts->format == RL_FORMAT_JSON && n > 1)
		return rl_error_set(RL_EINVALID, "JSON output holds one comparison, not %zu", n);
	if (!(o = rl_malloc(sizeof(*o))))
		return RL_ENOMEM;
	rl_out_init(o, write, payload);
	switch (opts->format) {
	case RL_FORMAT_TEXT:
		for (size_t i = 0; i < n && !err; i++) {
			if (i)
				rl_out_puts(o, "\n");
			err = rl_render_text(o, c[i], opts);
		}
		break;
	case RL_FORMAT_JSON:
		err = rl_render_json(o, c[0], opts);
		break;
	case RL_FORMAT_HTML:
		err = rl_render_html(o, c, n, opts);
		break;
	case RL_FORMAT_MARKDOWN:
		err = rl_render_markdown(o, c, n, opts);
		break;
	default:
		err = rl_error_set(RL_EINVALID, "unknown output format %d", (int)opts->format);
	}
	if (!err)
		err = rl_out_finish(o);
	free(o);
	return err;
}

int rl_render(const rl_comparison *c, const rl_render_options *opts, rl_write_fn write,
              void *payload)
{
	return rl_render_report(&c, 1, opts, write, payload);
}

/* ---- JSON ----------------------------------------------------------------- */

static void json_doc(rl_out *o, const rl_doc *d)
{
	rl_out_puts(o, "{\"name\": ");
	rl_out_json_string(o, d->name, strlen(d->name));
	if (d->meta_end > d->meta_start) {
		rl_out_printf(o, ", \"metadata\": {\"start\": %zu, \"end\": %zu, \"text\": ",
		              d->meta_start, d->meta_end);
		rl_out_json_string(o, d->data + d->meta_start, d->meta_end - d->meta_start);
		rl_out_puts(o, "}");
	}
	rl_out_puts(o, ", \"paragraphs\": [");
	for (size_t i = 0; i < d->n_paras; i++) {
		rl_out_puts(o, i ? ", {\"start\": " : "{\"start\": ");
		rl_out_uint(o, d->paras[i].start);
		rl_out_puts(o, ", \"end\": ");
		rl_out_uint(o, d->paras[i].end);
		rl_out_puts(o, d->paras[i].flags & RL_PARA_HEADING ? ", \"heading\": true}" : "}");
	}
	rl_out_puts(o, "]}");
}

static void json_indices(rl_out *o, const uint32_t *v, size_t n)
{
	rl_out_puts(o, "[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			rl_out_puts(o, ", ");
		rl_out_uint(o, v[i]);
	}
	rl_out_puts(o, "]");
}

static void json_words(rl_out *o, const rl_comparison *c, const rl_link *l)
{
	rl_out_puts(o, ", \"words\": [");
	for (size_t i = 0; i < l->n_edits; i++) {
		const rl_edit *e = &l->edits[i];
		const char *src = e->op == RL_EDIT_INSERT ? c->b->data : c->a->data;

		char head[8] = {',', ' ', '[', '"', (char)e->op, '"', ',', ' '};

		rl_out_put(o, i ? head : head + 2, i ? 8 : 6);
		rl_out_json_string(o, src + e->start, e->end - e->start);
		rl_out_puts(o, "]");
	}
	rl_out_puts(o, "]");
}

static void json_changes(rl_out *o, const rl_comparison *c, const rl_link *l)
{
	rl_out_puts(o, ", \"changes\": [");
	for (size_t i = 0; i < l->n_changes; i++) {
		const rl_change *ch = &l->changes[i];

		/* puts, not printf: this runs for every change and every link */
		rl_out_puts(o, i ? ", {\"type\": \"" : "{\"type\": \"");
		rl_out_puts(o, rl_change_type_name(ch->type));
		rl_out_puts(o, "\", \"old\": ");
		rl_out_json_string(o, c->a->data + ch->old_start, ch->old_end - ch->old_start);
		rl_out_puts(o, ", \"new\": ");
		rl_out_json_string(o, c->b->data + ch->new_start, ch->new_end - ch->new_start);
		rl_out_puts(o, ", \"old_start\": ");
		rl_out_uint(o, ch->old_start);
		rl_out_puts(o, ", \"old_end\": ");
		rl_out_uint(o, ch->old_end);
		rl_out_puts(o, ", \"new_start\": ");
		rl_out_uint(o, ch->new_start);
		rl_out_puts(o, ", \"new_end\": ");
		rl_out_uint(o, ch->new_end);
		if (ch->detail) {
			rl_out_puts(o, ", \"detail\": ");
			rl_out_json_string(o, ch->detail, strlen(ch->detail));
		}
		rl_out_puts(o, "}");
	}
	rl_out_puts(o, "]");
}

/* Links [k0, k1). */
static void json_links(rl_out *o, const rl_comparison *c, size_t k0, size_t k1)
{
	for (size_t k = k0; k < k1; k++) {
		const rl_link *l = &c->links[k];

		rl_out_puts(o, k ? ",\n  {\"kind\": \"" : "\n  {\"kind\": \"");
		rl_out_puts(o, rl_link_kind_name(l->kind));
		rl_out_puts(o, "\", \"old\": ");
		json_indices(o, l->old_paras, l->n_old);
		rl_out_puts(o, ", \"new\": ");
		json_indices(o, l->new_paras, l->n_new);
		rl_out_puts(o, ", \"similarity\": ");
		rl_out_fraction4(o, l->similarity);
		if (l->n_edits)
			json_words(o, c, l);
		json_changes(o, c, l);
		rl_out_puts(o, "}");
	}
}

/*
 * The links of a large comparison on two threads: they are cut in chunks
 * of JSON_CHUNK links; the caller's thread writes the even chunks as it
 * renders them and a second thread renders the odd ones into one of two
 * buffers, which the caller writes in their turn.  The output is the
 * same, and the memory held is two chunks' text, whatever the size.
 */
#define JSON_PARALLEL_LINKS 4096
#define JSON_CHUNK 256

typedef struct json_pipe {
	const rl_comparison *c;
	size_t n_chunks;
	rl_buf text[2];  /* odd chunk i goes to text[i / 2 % 2] */
	int full[2];     /* holds its chunk, not written yet */
	int stop;        /* the writer failed: render no more */
	int err;         /* the renderer failed (RL_ENOMEM) */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	rl_out out;      /* the renderer's writer into text[] */
	int slot;
} json_pipe;

static int pipe_write(const char *data, size_t len, void *payload)
{
	json_pipe *p = payload;

	return rl_buf_put(&p->text[p->slot], data, len) < 0 ? -1 : 0;
}

static void *json_render_odd(void *arg)
{
	json_pipe *p = arg;

	for (size_t i = 1; i < p->n_chunks; i += 2) {
		size_t k0 = i * JSON_CHUNK, k1 = k0 + JSON_CHUNK < p->c->n_links ? k0 + JSON_CHUNK
		                                                                  : p->c->n_links;
		int slot = (int)(i / 2 % 2), stop;

		pthread_mutex_lock(&p->lock);
		while (p->full[slot] && !p->stop)
			pthread_cond_wait(&p->cond, &p->lock);
		stop = p->stop;
		pthread_mutex_unlock(&p->lock);
		if (stop)
			break;
		p->slot = slot;
		p->text[slot].len = 0;
		rl_out_init(&p->out, pipe_write, p);
		json_links(&p->out, p->c, k0, k1);
		if (rl_out_finish(&p->out) < 0)
			p->err = RL_ENOMEM;
		pthread_mutex_lock(&p->lock);
		p->full[slot] = 1;
		pthread_cond_broadcast(&p->cond);
		pthread_mutex_unlock(&p->lock);
		if (p->err)
			break;
	}
	return NULL;
}

/* All links to o, on two threads when there are many.  Fails with
 * RL_ENOMEM (o's own failures stay in o). */
static int json_all_links(rl_out *o, const rl_comparison *c)
{
	json_pipe *p;
	pthread_t tid;
	int err = 0;

	if (c->n_links < JSON_PARALLEL_LINKS || sysconf(_SC_NPROCESSORS_ONLN) < 2 ||
	    !(p = rl_calloc(1, sizeof(*p)))) {
		json_links(o, c, 0, c->n_links);
		return 0;
	}
	p->c = c;
	p->n_chunks = (c->n_links + JSON_CHUNK - 1) / JSON_CHUNK;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	if (pthread_create(&tid, NULL, json_render_odd, p) != 0) {
		json_links(o, c, 0, c->n_links);
	} else {
		for (size_t i = 0; i < p->n_chunks; i++) {
			size_t k0 = i * JSON_CHUNK, k1 = k0 + JSON_CHUNK < c->n_links ? k0 + JSON_CHUNK
			                                                             : c->n_links;
			int slot = (int)(i / 2 % 2);

			if (i % 2 == 0) {
				json_links(o, c, k0, k1);
				continue;
			}
			pthread_mutex_lock(&p->lock);
			while (!p->full[slot])
				pthread_cond_wait(&p->cond, &p->lock);
			pthread_mutex_unlock(&p->lock);
			if (p->err || o->err)
				break;
			rl_out_put(o, p->text[slot].data, p->text[slot].len);
			pthread_mutex_lock(&p->lock);
			p->full[slot] = 0;
			pthread_cond_broadcast(&p->cond);
			pthread_mutex_unlock(&p->lock);
		}
		pthread_mutex_lock(&p->lock);
		p->stop = 1;
		pthread_cond_broadcast(&p->cond);
		pthread_mutex_unlock(&p->lock);
		pthread_join(tid, NULL);
		err = p->err;
	}
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->cond);
	rl_buf_free(&p->text[0]);
	rl_buf_free(&p->text[1]);
	free(p);
	return err ? rl_error_set(err, "out of memory") : 0;
}

int rl_render_json(rl_out *o, const rl_comparison *c, const rl_render_options *opts)
{
	rl_summary s;
	int first = 1, err;

	(void)opts;
	rl_summary_count(&s, c);
	rl_out_printf(o, "{\"format\": \"redline-diff/1\", \"mode\": \"%s\", \"mode_auto\": %s,\n",
	              rl_mode_name(c->mode), c->mode_auto ? "true" : "false");
	rl_out_puts(o, " \"old\": ");
	json_doc(o, c->a);
	rl_out_puts(o, ",\n \"new\": ");
	json_doc(o, c->b);
	rl_out_printf(o, ",\n \"equal\": %s,\n \"links\": [", c->equal ? "true" : "false");
	if ((err = json_all_links(o, c)) < 0)
		return err;
	rl_out_puts(o, "\n ],\n \"summary\": {");
	for (int k = 0; k < RL_LINK_KIND_COUNT; k++) {
		rl_out_printf(o, "%s\"%s\": %zu", first ? "" : ", ", rl_link_kind_name((rl_link_kind)k),
		              s.kinds[k]);
		first = 0;
	}
	rl_out_puts(o, ", \"changes\": {");
	for (int t = 0; t < RL_CHANGE_TYPE_COUNT; t++)
		rl_out_printf(o, "%s\"%s\": %zu", t ? ", " : "", rl_change_type_name((rl_change_type)t),
		              s.changes[t]);
	rl_out_puts(o, "}}\n}\n");
	return 0;
}

/* ---- text ----------------------------------------------------------------- */

#define C_DEL "\033[31;9m"
#define C_INS "\033[32;4m"
#define C_HEAD "\033[1m"
#define C_MOVE "\033[35m"
#define C_OFF "\033[0m"

/* "¶4", "¶4–6", or "¶4, ¶6" when a paragraph between them is not part of
 * the link. */
static void para_range(rl_out *o, const char *prefix, const uint32_t *v, size_t n)
{
	rl_out_puts(o, prefix);
	if (n > 1 && v[n - 1] - v[0] + 1 == n) {
		rl_out_printf(o, "¶%u–%u", v[0] + 1, v[n - 1] + 1);
		return;
	}
	for (size_t i = 0; i < n; i++)
		rl_out_printf(o, "%s¶%u", i ? ", " : "", v[i] + 1);
}

static void text_header(rl_out *o, const rl_link *l, int color)
{
	if (color)
		rl_out_puts(o, l->kind == RL_LINK_MOVED ? C_HEAD C_MOVE : C_HEAD);
	rl_out_puts(o, "== ");
	switch (l->kind) {
	case RL_LINK_DELETED:
		para_range(o, "old ", l->old_paras, l->n_old);
		rl_out_puts(o, " deleted");
		break;
	case RL_LINK_INSERTED:
		para_range(o, "", l->new_paras, l->n_new);
		rl_out_puts(o, " inserted");
		break;
	case RL_LINK_MOVED:
		para_range(o, "", l->new_paras, l->n_new);
		para_range(o, " moved from old ", l->old_paras, l->n_old);
		break;
	case RL_LINK_SPLIT:
		para_range(o, "", l->new_paras, l->n_new);
		para_range(o, " split from old ", l->old_paras, l->n_old);
		break;
	case RL_LINK_MERGED:
		para_range(o, "", l->new_paras, l->n_new);
		para_range(o, " merged from old ", l->old_paras, l->n_old);
		break;
	default:
		para_range(o, "", l->new_paras, l->n_new);
		rl_out_printf(o, " %s", rl_link_kind_name(l->kind));
		para_range(o, " (old ", l->old_paras, l->n_old);
		rl_out_puts(o, ")");
	}
	if (l->n_old && l->n_new && l->kind != RL_LINK_EQUAL)
		rl_out_printf(o, " similarity %.2f", l->similarity);
	if (color)
		rl_out_puts(o, C_OFF);
	rl_out_puts(o, "\n");
}

#define C_BADGE "\033[33m"
#define BADGE_MAX 60 /* bytes of changed text shown in a badge */

/* Changed text in a badge: white space runs as one space, long text cut. */
static void badge_text(rl_out *o, const char *s, size_t len)
{
	size_t n = 0;
	int space = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			space = 1;
			continue;
		}
		if (n >= BADGE_MAX && (ch & 0xc0) != 0x80) {
			rl_out_puts(o, "…");
			return;
		}
		if (space && n)
			rl_out_put(o, " ", 1);
		space = 0;
		rl_out_put(o, s + i, 1);
		n++;
	}
}

static int same_spans(const rl_change *x, const rl_change *y)
{
	return x->old_start == y->old_start && x->old_end == y->old_end &&
	       x->new_start == y->new_start && x->new_end == y->new_end;
}

/* "[number 55% → 60%] [negation +niet] [entity -NAVO]" on one line. */
static void text_badges(rl_out *o, const rl_comparison *c, const rl_link *l, int color)
{
	if (!l->n_changes)
		return;
	if (color)
		rl_out_puts(o, C_BADGE);
	for (size_t i = 0; i < l->n_changes; i++) {
		const rl_change *ch = &l->changes[i];
		const char *name = rl_change_type_name(ch->type);
		size_t nlen = strcspn(name, "_"); /* entity_added: "entity +…" */
		size_t ol = ch->old_end - ch->old_start, nl = ch->new_end - ch->new_start;

		rl_out_printf(o, "%s[%.*s", i ? " " : "", (int)nlen, name);
		/* one badge for changes of one span: "[number/date 2021 → 2022]" */
		while (i + 1 < l->n_changes && same_spans(ch, &l->changes[i + 1])) {
			name = rl_change_type_name(l->changes[++i].type);
			rl_out_printf(o, "/%.*s", (int)strcspn(name, "_"), name);
		}
		rl_out_puts(o, " ");
		if (ol && nl) {
			badge_text(o, c->a->data + ch->old_start, ol);
			rl_out_puts(o, " → ");
			badge_text(o, c->b->data + ch->new_start, nl);
		} else {
			rl_out_puts(o, nl ? "+" : "-");
			badge_text(o, nl ? c->b->data + ch->new_start : c->a->data + ch->old_start,
			           nl ? nl : ol);
		}
		rl_out_puts(o, "]");
	}
	rl_out_puts(o, color ? C_OFF "\n" : "\n");
}

static void text_piece(rl_out *o, char op, const char *s, size_t len, int color)
{
	if (op == '=') {
		rl_out_put(o, s, len);
		return;
	}
	if (color) {
		rl_out_puts(o, op == '-' ? C_DEL : C_INS);
		/* keep the colour off line breaks, so a pager shows clean lines */
		for (size_t i = 0; i < len; i++) {
			size_t j = i;
			while (j < len && s[j] != '\n')
				j++;
			rl_out_put(o, s + i, j - i);
			if (j < len)
				rl_out_puts(o, C_OFF "\n" );
			if (j < len && j + 1 < len)
				rl_out_puts(o, op == '-' ? C_DEL : C_INS);
			i = j;
		}
		rl_out_puts(o, C_OFF);
		return;
	}
	rl_out_puts(o, op == '-' ? "[-" : "{+");
	rl_out_put(o, s, len);
	rl_out_puts(o, op == '-' ? "-]" : "+}");
}

static void text_body(rl_out *o, const rl_comparison *c, const rl_link *l, int color)
{
	if (!l->n_edits) {
		const rl_doc *d = l->n_new ? c->b : c->a;
		const uint32_t *v = l->n_new ? l->new_paras : l->old_paras;
		size_t n = l->n_new ? l->n_new : l->n_old;
		size_t s = d->paras[v[0]].start, e = d->paras[v[n - 1]].end;

		text_piece(o, l->n_new ? '+' : '-', d->data + s, e - s, color);
	} else {
		for (size_t i = 0; i < l->n_edits; i++) {
			const rl_edit *e = &l->edits[i];
			const char *src = e->op == RL_EDIT_INSERT ? c->b->data : c->a->data;

			text_piece(o, (char)e->op, src + e->start, e->end - e->start, color);
		}
	}
	rl_out_puts(o, "\n\n");
}

/* The old side of a related link: its text, the words it shares with the
 * new paragraph in bold when colour is on. */
static void related_old(rl_out *o, const rl_comparison *c, const rl_link *l, int color)
{
	const rl_para *p = &c->a->paras[l->old_paras[0]];

	if (!color || !l->n_edits) {
		rl_out_put(o, c->a->data + p->start, p->end - p->start);
		return;
	}
	for (size_t i = 0; i < l->n_edits; i++) {
		const rl_edit *e = &l->edits[i];

		if (e->op == RL_EDIT_INSERT)
			continue;
		if (e->op == RL_EDIT_EQUAL)
			rl_out_puts(o, C_HEAD);
		rl_out_put(o, c->a->data + e->start, e->end - e->start);
		if (e->op == RL_EDIT_EQUAL)
			rl_out_puts(o, C_OFF);
	}
}

/* Related mode: each new paragraph with links, then its old passages, best
 * first (links arrive grouped by new paragraph, best first). */
static void text_related(rl_out *o, const rl_comparison *c, int color)
{
	for (size_t k = 0; k < c->n_links; k++) {
		const rl_link *l = &c->links[k];
		const rl_para *p;

		if (l->kind != RL_LINK_RELATED || !l->n_new || !l->n_old)
			continue;
		if (!k || c->links[k - 1].new_paras[0] != l->new_paras[0] || !c->links[k - 1].n_new) {
			p = &c->b->paras[l->new_paras[0]];
			rl_out_printf(o, "%s== ¶%u%s\n", color ? C_HEAD : "", l->new_paras[0] + 1,
			              color ? C_OFF : "");
			rl_out_put(o, c->b->data + p->start, p->end - p->start);
			rl_out_puts(o, "\n\n");
		}
		rl_out_printf(o, "%s  <- old ¶%u, similarity %.2f%s\n", color ? C_MOVE : "",
		              l->old_paras[0] + 1, l->similarity, color ? C_OFF : "");
		related_old(o, c, l, color);
		rl_out_puts(o, "\n\n");
	}
}

int rl_render_text(rl_out *o, const rl_comparison *c, const rl_render_options *opts)
{
	rl_summary s;
	int color = opts->color, any = 0;

	rl_summary_count(&s, c);
	rl_out_printf(o, "%s--- %s (%zu paragraphs)\n+++ %s (%zu paragraphs)\n%s",
	              color ? C_HEAD : "", c->a->name, c->a->n_paras, c->b->name, c->b->n_paras,
	              color ? C_OFF : "");
	rl_out_printf(o, "mode: %s%s\n\n", rl_mode_name(c->mode), c->mode_auto ? " (auto)" : "");
	if (!rl_doc__same_metadata(c->a, c->b)) {
		size_t la = c->a->meta_end - c->a->meta_start, lb = c->b->meta_end - c->b->meta_start;

		rl_out_puts(o, "== metadata\n");
		if (la)
			text_piece(o, '-', c->a->data + c->a->meta_start, la, color);
		if (la && lb)
			rl_out_puts(o, " ");
		if (lb)
			text_piece(o, '+', c->b->data + c->b->meta_start, lb, color);
		rl_out_puts(o, "\n\n");
	}
	for (size_t k = 0; k < c->n_links && c->mode != RL_MODE_RELATED; k++) {
		const rl_link *l = &c->links[k];

		if (l->kind == RL_LINK_EQUAL && !opts->show_equal)
			continue;
		text_header(o, l, color);
		text_badges(o, c, l, color);
		text_body(o, c, l, color);
		any = 1;
	}
	if (c->mode == RL_MODE_RELATED) {
		text_related(o, c, color);
		any = c->n_links > 0;
	}
	if (!any && c->equal)
		rl_out_puts(o, "no differences\n\n");
	{
		const char *sep = " ";

		rl_out_puts(o, "summary:");
		for (int k = 0; k < RL_LINK_KIND_COUNT; k++)
			if (s.kinds[k]) {
				rl_out_printf(o, "%s%zu %s", sep, s.kinds[k], rl_link_kind_name((rl_link_kind)k));
				sep = ", ";
			}
		sep = "; changes: ";
		for (int t = 0; t < RL_CHANGE_TYPE_COUNT; t++)
			if (s.changes[t]) {
				rl_out_printf(o, "%s%zu %s", sep, s.changes[t], rl_change_type_name((rl_change_type)t));
				sep = ", ";
			}
	}
	rl_out_puts(o, "\n");
	return 0;
}
