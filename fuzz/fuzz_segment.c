/*
 * fuzz_segment — loading a document: the binary and UTF-8 checks, the
 * metadata line, paragraphs and sentences.  Properties: paragraphs are
 * non-empty, ascending, disjoint and inside the body after the metadata
 * line; they start and end on non-space bytes; sentences are non-empty,
 * ascending, disjoint and inside their paragraph.
 * fuzz-seeds: single
 */
#include "fuzz.h"

#include "redline.h"

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static void check_sentences(const rl_doc *doc, size_t i, rl_paragraph p)
{
	long n = rl_doc_sentences(doc, i, NULL, 0);
	rl_paragraph *s;
	size_t at = p.start;

	FUZZ_CHECK(n >= 0);
	s = calloc((size_t)n + 1, sizeof(*s));
	FUZZ_CHECK(s && rl_doc_sentences(doc, i, s, (size_t)n) == n);
	for (long k = 0; k < n; k++) {
		FUZZ_CHECK(s[k].start >= at && s[k].end > s[k].start && s[k].end <= p.end);
		at = s[k].end;
	}
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rl_doc *doc = NULL;
	const char *text;
	size_t len, at = 0, ms, me;

	if (rl_doc_load_buffer(&doc, "fuzz", data, size) < 0) {
		FUZZ_CHECK(*rl_error_last());
		return 0;
	}
	text = rl_doc_data(doc, &len);
	FUZZ_CHECK(len == size && memcmp(text, data, size) == 0);
	if (rl_doc_metadata(doc, &ms, &me)) {
		FUZZ_CHECK(ms < me && me <= len);
		at = me;
	}
	for (size_t i = 0; i < rl_doc_paragraph_count(doc); i++) {
		rl_paragraph p = rl_doc_paragraph(doc, i);

		FUZZ_CHECK(p.start >= at && p.end > p.start && p.end <= len);
		FUZZ_CHECK(!is_space((unsigned char)text[p.start]) &&
		           !is_space((unsigned char)text[p.end - 1]));
		check_sentences(doc, i, p);
		at = p.end;
	}
	rl_doc_free(doc);
	return 0;
}
