/*
 * doc — loading a document: read the bytes, refuse what is not text
 * (invalid UTF-8, NUL and other control bytes), skip a BOM, find the
 * metadata line and the paragraphs.  Line endings need no conversion: CR is
 * white space everywhere downstream, so CRLF behaves as LF while every
 * offset still points into the original bytes.
 */
#include "doc.h"

#include <stdlib.h>

#include "segment.h"
#include "text.h"

/* Control bytes other than \t \n \v \f \r (and ESC, seen in terminal
 * captures) mark binary data. */
static int binary_byte(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1b;
}

static int find_binary(const char *s, size_t len, size_t *at)
{
	size_t i = 0;

	while (i < len) {
		uint64_t w;
		size_t stop = i + 8 <= len ? i + 8 : len;

		/* eight bytes at a time: look closer only if one is below 0x20 */
		if (stop == i + 8 && (memcpy(&w, s + i, 8),
		                      !((w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL))) {
			i = stop;
			continue;
		}
		for (; i < stop; i++)
			if (binary_byte((unsigned char)s[i])) {
				*at = i;
				return 1;
			}
	}
	return 0;
}

int rl_doc__from_bytes(rl_doc **out, const char *name, char *data, size_t len)
{
	rl_doc *d = NULL;
	size_t at = 0;
	int err;

	*out = NULL;
	if (len > RL_DOC_MAX) {
		free(data);
		return rl_error_set(RL_ELIMIT, "%s: input of %zu bytes is over the limit of %zu bytes",
		                    name, len, RL_DOC_MAX);
	}
	if (find_binary(data, len, &at)) {
		unsigned char c = (unsigned char)data[at];

		free(data);
		if (c == 0)
			return rl_error_set(RL_EINVALID, "%s: binary data (NUL byte at byte %zu)", name, at);
		return rl_error_set(RL_EINVALID, "%s: binary data (control byte 0x%02x at byte %zu)",
		                    name, c, at);
	}
	if (rl_text_validate(data, len, &at) < 0) {
		free(data);
		return rl_error_set(RL_EINVALID, "%s: invalid UTF-8 at byte %zu", name, at);
	}
	d = rl_calloc(1, sizeof(*d));
	if (!d || !(d->name = rl_strdup(name))) {
		free(d);
		free(data);
		return RL_ENOMEM;
	}
	d->data = data;
	d->len = len;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		d->body = 3;
	if (rl_segment_metadata(data, len, d->body, &d->meta_start, &d->meta_end)) {
		err = rl_segment_paragraphs(&d->paras, &d->n_paras, data, d->meta_end, len);
	} else {
		d->meta_start = d->meta_end = d->body;
		err = rl_segment_paragraphs(&d->paras, &d->n_paras, data, d->body, len);
	}
	if (err < 0) {
		rl_doc_free(d);
		return err;
	}
	*out = d;
	return 0;
}

int rl_doc_load_buffer(rl_doc **out, const char *name, const void *data, size_t len)
{
	char *copy;

	*out = NULL;
	if (len > RL_DOC_MAX)
		return rl_error_set(RL_ELIMIT, "%s: input of %zu bytes is over the limit of %zu bytes",
		                    name, len, RL_DOC_MAX);
	copy = rl_malloc(len + 1);
	if (!copy)
		return RL_ENOMEM;
	if (len)
		memcpy(copy, data, len);
	copy[len] = '\0';
	return rl_doc__from_bytes(out, name, copy, len);
}

int rl_doc_load_file_max(rl_doc **out, const char *path, const char *display_name,
                         size_t max_size)
{
	char *data;
	size_t len;
	int err;

	*out = NULL;
	if (max_size == 0 || max_size > RL_DOC_MAX)
		max_size = RL_DOC_MAX;
	if ((err = rl_read_file(&data, &len, path, max_size)) < 0)
		return err;
	return rl_doc__from_bytes(out, display_name ? display_name : path, data, len);
}

int rl_doc_load_file(rl_doc **out, const char *path, const char *display_name)
{
	return rl_doc_load_file_max(out, path, display_name, 0);
}

void rl_doc_free(rl_doc *d)
{
	if (!d)
		return;
	free(d->name);
	free(d->data);
	free(d->paras);
	free(d);
}

const char *rl_doc_name(const rl_doc *d)
{
	return d->name;
}

const char *rl_doc_data(const rl_doc *d, size_t *len)
{
	if (len)
		*len = d->len;
	return d->data;
}

size_t rl_doc_paragraph_count(const rl_doc *d)
{
	return d->n_paras;
}

rl_paragraph rl_doc_paragraph(const rl_doc *d, size_t i)
{
	rl_paragraph p = {0, 0, 0};

	if (i < d->n_paras) {
		p.start = d->paras[i].start;
		p.end = d->paras[i].end;
		p.flags = d->paras[i].flags;
	}
	return p;
}

int rl_doc_metadata(const rl_doc *d, size_t *start, size_t *end)
{
	if (d->meta_end == d->meta_start)
		return 0;
	*start = d->meta_start;
	*end = d->meta_end;
	return 1;
}

long rl_doc_sentences(const rl_doc *d, size_t i, rl_paragraph *out, size_t cap)
{
	rl_tokens tok = {0};
	uint32_t *spans = NULL;
	size_t n = 0, scap = 0;
	long count;
	int err;

	if (i >= d->n_paras)
		return rl_error_set(RL_EINVALID, "paragraph %zu out of range", i);
	if ((err = rl_text_tokenize(&tok, d->data, d->paras[i].start, d->paras[i].end)) < 0 ||
	    (err = rl_segment_sentences(&spans, &n, &scap, d->data, &tok)) < 0) {
		rl_tokens_free(&tok);
		free(spans);
		return err;
	}
	count = (long)(n / 2);
	for (size_t k = 0; k < n / 2 && k < cap; k++) {
		out[k].start = spans[2 * k];
		out[k].end = spans[2 * k + 1];
		out[k].flags = 0;
	}
	rl_tokens_free(&tok);
	free(spans);
	return count;
}

int rl_doc__same_metadata(const rl_doc *a, const rl_doc *b)
{
	size_t la = a->meta_end - a->meta_start, lb = b->meta_end - b->meta_start;

	return la == lb && memcmp(a->data + a->meta_start, b->data + b->meta_start, la) == 0;
}
