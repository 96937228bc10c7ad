/* Unit tests for align (versions mode): each kind of change is found, every
 * paragraph is in exactly one link, duplicates pair in order, and large
 * inputs stay near-linear (10,000 paragraphs, no all-pairs matrix). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "align.h"

/* Paragraph texts: sentences of made-up words from a seed number, with a
 * realistic spread: a few frequent words and many rare ones. */
static const char *const common[] = {"de", "het", "een", "van", "en", "in", "is", "op"};
static const char *const syllables[] = {"sa", "men", "wer", "king", "de", "fen", "sie", "eu",
                                        "ro", "pa", "vei", "lig", "heid", "kli", "maat", "han"};

static void sentence(rl_buf *b, unsigned seed, int n)
{
	for (int i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		rl_buf_puts(b, i ? " " : "");
		if ((seed >> 8) % 3 == 0) {
			rl_buf_puts(b, common[(seed >> 16) % 8]);
			continue;
		}
		for (int k = 0; k < 3; k++)
			rl_buf_puts(b, syllables[(seed >> (12 + 4 * k)) % 16]);
	}
	rl_buf_printf(b, " nummer %u.", seed % 100000);
}

static rl_doc *doc_of(rl_buf *b)
{
	rl_doc *d = NULL;

	assert_int_equal(rl_doc_load_buffer(&d, "t.txt", b->data ? b->data : "", b->len), 0);
	rl_buf_free(b);
	return d;
}

/* Align and describe the links as "kind old->new;" sorted by old. */
static rl_worddiff_scratch *wd;
static rl_edits ed;

static int setup(void **state)
{
	(void)state;
	return rl_worddiff_scratch_new(&wd);
}

static int teardown(void **state)
{
	(void)state;
	rl_worddiff_scratch_free(wd);
	rl_edits_free(&ed);
	return 0;
}

static char *align_str(rl_doc *a, rl_doc *b)
{
	rl_alinks l = {0};
	rl_buf out = RL_BUF_INIT;
	size_t *seen_a = calloc(a->n_paras + 1, sizeof(size_t));
	size_t *seen_b = calloc(b->n_paras + 1, sizeof(size_t));

	assert_int_equal(rl_align_versions(&l, a, b, &ed, wd, NULL), 0);
	for (size_t k = 0; k < l.n; k++) {
		const rl_alink *x = &l.v[k];

		rl_buf_printf(&out, "%s ", rl_link_kind_name((rl_link_kind)x->kind));
		for (uint32_t i = x->o0; i < x->o1; i++)
			if (!(x->skip_old >> (i - x->o0) & 1)) {
				seen_a[i]++;
				rl_buf_printf(&out, "%u,", i);
			}
		rl_buf_puts(&out, ">");
		for (uint32_t j = x->n0; j < x->n1; j++)
			if (!(x->skip_new >> (j - x->n0) & 1)) {
				seen_b[j]++;
				rl_buf_printf(&out, "%u,", j);
			}
		rl_buf_puts(&out, ";");
	}
	/* every paragraph in exactly one link */
	for (size_t i = 0; i < a->n_paras; i++)
		assert_int_equal(seen_a[i], 1);
	for (size_t j = 0; j < b->n_paras; j++)
		assert_int_equal(seen_b[j], 1);
	free(seen_a);
	free(seen_b);
	rl_alinks_free(&l);
	return rl_buf_detach(&out);
}

static void para(rl_buf *b, unsigned seed)
{
	sentence(b, seed, 20);
	rl_buf_puts(b, " ");
	sentence(b, seed + 1000, 18);
	rl_buf_puts(b, "\n\n");
}

static void has(const char *s, const char *want)
{
	if (!strstr(s, want))
		fail_msg("'%s' not in '%s'", want, s);
}

static void test_align__identical(void **state)
{
	rl_buf a = RL_BUF_INIT, b = RL_BUF_INIT;
	rl_doc *da, *db;
	char *s;

	(void)state;
	for (unsigned i = 0; i < 5; i++) {
		para(&a, i);
		para(&b, i);
	}
	da = doc_of(&a);
	db = doc_of(&b);
	s = align_str(da, db);
	assert_string_equal(s, "equal 0,>0,;equal 1,>1,;equal 2,>2,;equal 3,>3,;equal 4,>4,;");
	free(s);
	rl_doc_free(da);
	rl_doc_free(db);
}

static void test_align__edit_move_insert_delete(void **state)
{
	rl_buf a = RL_BUF_INIT, b = RL_BUF_INIT;
	rl_doc *da, *db;
	char *s;

	(void)state;
	for (unsigned i = 0; i < 8; i++)
		para(&a, i);
	/* new: 0, 1 edited, 2, 6 (moved up), 3, [4 deleted], 5, new paragraph, 7 */
	para(&b, 0);
	sentence(&b, 1, 20);
	rl_buf_puts(&b, " extra woorden hier ");
	sentence(&b, 1001, 18);
	rl_buf_puts(&b, "\n\n");
	para(&b, 2);
	para(&b, 6);
	para(&b, 3);
	para(&b, 5);
	para(&b, 999);
	para(&b, 7);
	da = doc_of(&a);
	db = doc_of(&b);
	s = align_str(da, db);
	has(s, "equal 0,>0,;");
	has(s, "equal 1,>1,;"); /* in order; the word diff makes it "edited" */
	has(s, "moved 6,>3,;");
	has(s, "deleted 4,>;");
	has(s, "inserted >6,;");
	has(s, "equal 7,>7,;");
	free(s);
	rl_doc_free(da);
	rl_doc_free(db);
}

static void test_align__split_and_merge(void **state)
{
	rl_buf a = RL_BUF_INIT, b = RL_BUF_INIT;
	rl_doc *da, *db;
	char *s;

	(void)state;
	for (unsigned i = 0; i < 6; i++)
		para(&a, i);
	/* new: 0, 1 split in two, 2+3 merged, 4, 5 */
	para(&b, 0);
	sentence(&b, 1, 20);
	rl_buf_puts(&b, "\n\n");
	sentence(&b, 1001, 18);
	rl_buf_puts(&b, "\n\n");
	sentence(&b, 2, 20);
	rl_buf_puts(&b, " ");
	sentence(&b, 1002, 18);
	rl_buf_puts(&b, " ");
	sentence(&b, 3, 20);
	rl_buf_puts(&b, " ");
	sentence(&b, 1003, 18);
	rl_buf_puts(&b, "\n\n");
	para(&b, 4);
	para(&b, 5);
	da = doc_of(&a);
	db = doc_of(&b);
	s = align_str(da, db);
	has(s, "split 1,>1,2,;");
	has(s, "merged 2,3,>3,;");
	has(s, "equal 5,>5,;");
	free(s);
	rl_doc_free(da);
	rl_doc_free(db);
}

static void test_align__split_with_an_insertion_between_the_parts(void **state)
{
	rl_buf a = RL_BUF_INIT, b = RL_BUF_INIT;
	rl_doc *da, *db;
	char *s;

	(void)state;
	for (unsigned i = 0; i < 4; i++)
		para(&a, i);
	para(&b, 0);
	sentence(&b, 1, 20);
	rl_buf_puts(&b, "\n\n");
	para(&b, 777); /* inserted between the halves */
	sentence(&b, 1001, 18);
	rl_buf_puts(&b, "\n\n");
	para(&b, 2);
	para(&b, 3);
	da = doc_of(&a);
	db = doc_of(&b);
	s = align_str(da, db);
	has(s, "split 1,>1,3,;");
	has(s, "inserted >2,;");
	free(s);
	rl_doc_free(da);
	rl_doc_free(db);
}

static void test_align__duplicates_pair_in_order(void **state)
{
	const char *old = "Kop\n\nA een twee drie vier vijf zes.\n\nKop\n\nB zeven acht negen tien elf.\n\nKop\n";
	const char *new = "Kop\n\nB zeven acht negen tien elf.\n\nKop\n\nKop\n";
	rl_doc *da = NULL, *db = NULL;
	char *s;

	(void)state;
	assert_int_equal(rl_doc_load_buffer(&da, "a", old, strlen(old)), 0);
	assert_int_equal(rl_doc_load_buffer(&db, "b", new, strlen(new)), 0);
	s = align_str(da, db);
	/* the three "Kop" headings of old pair with the two of new in order */
	has(s, "equal 0,>0,;");
	has(s, "deleted 1,>;");
	has(s, "equal 3,>1,;");
	free(s);
	rl_doc_free(da);
	rl_doc_free(db);
}

/* The pairs made in place, as the hook is told of them: how many, and
 * how many of them have an edit script that covers both paragraphs. */
typedef struct placed {
	const rl_doc *a, *b;
	size_t calls, n, whole;
} placed;

static void count_placed(void *arg, const rl_alinks *l, size_t from, size_t to,
                         const rl_edits *edits)
{
	placed *p = arg;

	p->calls++;
	for (size_t k = from; k < to; k++) {
		const rl_alink *x = &l->v[k];
		size_t olen = 0, nlen = 0;

		p->n++;
		if (!x->has_edits || x->o1 != x->o0 + 1 || x->n1 != x->n0 + 1)
			continue;
		for (size_t e = x->edit_off; e < x->edit_off + x->n_edits; e++) {
			if (edits->v[e].op != RL_EDIT_INSERT)
				olen += edits->v[e].end - edits->v[e].start;
			if (edits->v[e].op != RL_EDIT_DELETE)
				nlen += edits->v[e].end - edits->v[e].start;
		}
		p->whole += x->changed && edits->v[x->edit_off].start == p->a->paras[x->o0].start &&
		            olen == p->a->paras[x->o0].end - p->a->paras[x->o0].start &&
		            nlen == p->b->paras[x->n0].end - p->b->paras[x->n0].start;
	}
}

/* Long documents: the pairs made in place (on two threads, the gaps cut
 * in two) are every edited paragraph, each with its own edit script. */
static void test_align__ten_thousand_paragraphs(void **state)
{
	rl_buf a = RL_BUF_INIT, b = RL_BUF_INIT;
	rl_doc *da, *db;
	rl_alinks l = {0};
	size_t kinds[RL_LINK_KIND_COUNT] = {0};
	placed p = {NULL, NULL, 0, 0, 0};
	rl_align_hook hook = {count_placed, &p};

	(void)state;
	for (unsigned i = 0; i < 10000; i++) {
		para(&a, i * 7);
		if (i % 100 == 50)
			continue; /* deleted */
		if (i % 100 == 10) {
			sentence(&b, i * 7, 20);
			rl_buf_puts(&b, " gewijzigd ");
			sentence(&b, i * 7 + 1000, 18);
			rl_buf_puts(&b, "\n\n");
			continue;
		}
		para(&b, i * 7);
	}
	da = doc_of(&a);
	db = doc_of(&b);
	p.a = da;
	p.b = db;
	assert_int_equal(rl_align_versions(&l, da, db, &ed, wd, &hook), 0);
	assert_int_equal(p.calls, 1);
	assert_int_equal(p.n, 100);
	assert_int_equal(p.whole, 100);
	for (size_t k = 0; k < l.n; k++)
		kinds[l.v[k].kind]++;
	assert_int_equal(kinds[RL_LINK_DELETED], 100);
	assert_int_equal(kinds[RL_LINK_EQUAL], 9900); /* 100 of them edited */
	assert_int_equal(kinds[RL_LINK_INSERTED], 0);
	rl_alinks_free(&l);
	rl_doc_free(da);
	rl_doc_free(db);
}

/* Found by fuzz_align: two empty documents give no links (and no pointer
 * arithmetic on the NULL link array). */
static void test_align__two_empty_documents(void **state)
{
	rl_buf a = RL_BUF_INIT, b = RL_BUF_INIT;
	rl_doc *da, *db;
	char *s;

	(void)state;
	da = doc_of(&a);
	db = doc_of(&b);
	s = align_str(da, db);
	assert_string_equal(s, "");
	free(s);
	rl_doc_free(da);
	rl_doc_free(db);
}

static void test_align__coverage(void **state)
{
	const char *x = "Een alinea over vaccins en Afrika.\n\nNog een over de markt.\n";
	const char *y = "Iets heel anders over klimaat.\n";
	rl_doc *da = NULL, *db = NULL;
	rl_alinks l = {0};

	(void)state;
	assert_int_equal(rl_doc_load_buffer(&da, "a", x, strlen(x)), 0);
	assert_int_equal(rl_doc_load_buffer(&db, "b", y, strlen(y)), 0);
	assert_int_equal(rl_align_versions(&l, da, da, &ed, wd, NULL), 0);
	assert_true(rl_align_coverage(&l, da, da) == 1.0);
	rl_alinks_free(&l);
	assert_int_equal(rl_align_versions(&l, da, db, &ed, wd, NULL), 0);
	assert_true(rl_align_coverage(&l, da, db) == 0.0);
	rl_alinks_free(&l);
	rl_doc_free(da);
	rl_doc_free(db);
}

/* Related mode from one paragraph to many documents, the old document
 * analysed once, makes the same best link as rl_align_related() for every
 * paragraph and every other document (one scratch reused throughout), with
 * more old paragraphs than the candidate index returns per query. */
static void test_align__related_from_matches_related(void **state)
{
	rl_doc *a, *bs[4];
	rl_options o;
	rl_related_scratch *sc = NULL;
	size_t matched = 0;

	(void)state;
	rl_options_init(&o);
	o.mode = RL_MODE_RELATED;
	o.lang = "nl";
	{
		rl_buf b = RL_BUF_INIT;

		for (unsigned i = 0; i < 16; i++) {
			sentence(&b, 100 + i, 12);
			rl_buf_puts(&b, " ");
			sentence(&b, 200 + i % 5, 9);
			rl_buf_puts(&b, "\n\n");
		}
		a = doc_of(&b);
	}
	for (unsigned d = 0; d < 4; d++) {
		rl_buf b = RL_BUF_INIT;

		for (unsigned i = 0; i < 10; i++) {
			/* restatements of a's paragraphs, partial ones, and others */
			sentence(&b, (i + d) % 3 ? 100 + (i * 7 + d) % 16 : 900 + 10 * d + i, 12);
			rl_buf_puts(&b, " ");
			sentence(&b, 200 + (i + d) % 7, 9);
			rl_buf_puts(&b, "\n\n");
		}
		bs[d] = doc_of(&b);
	}
	for (size_t para = 0; para < a->n_paras; para++) {
		rl_related_from *f = NULL;

		assert_int_equal(rl_related_from_new(&f, a, para, &o), 1);
		for (unsigned d = 0; d < 4; d++) {
			rl_alinks al = {0};
			const rl_alink *best = NULL;
			size_t j = 0;
			double sim = 0;
			int found = -1;

			assert_int_equal(rl_align_related(&al, a, bs[d], &o), 0);
			/* grouped by new paragraph: the first best one wins */
			for (size_t k = 0; k < al.n; k++)
				if (al.v[k].o0 == para &&
				    (!best || al.v[k].similarity > best->similarity ||
				     (al.v[k].similarity == best->similarity && al.v[k].n0 < best->n0)))
					best = &al.v[k];
			assert_int_equal(rl_related_from_best(f, &sc, bs[d], &found, &j, &sim), 0);
			assert_int_equal(found, best != NULL);
			if (best) {
				assert_int_equal(j, best->n0);
				assert_true(sim == best->similarity);
				matched++;
			}
			rl_alinks_free(&al);
		}
		rl_related_from_free(f);
	}
	assert_true(matched >= 10);
	rl_related_scratch_free(sc);
	for (unsigned d = 0; d < 4; d++)
		rl_doc_free(bs[d]);
	rl_doc_free(a);
}

/* A summary restates a section heading of the old document: "the European
 * values and norms both countries share" for the section headed "Beide
 * landen delen hun Europese waarden en normen".  The heading itself is not
 * linked; the paragraph it introduces is, with the heading's similarity,
 * although that paragraph's own words (rule of law, press freedom) are not
 * the summary's: under another heading it is not linked.  The heading that
 * opens the document is its title, not a section's: a new passage naming
 * the document links nothing through it.  Following the introduced
 * paragraph (rl_related_from_best) finds the same link. */
static const char *SECTIONS_HEAD =
	"Verklaring over de samenwerking tussen beide landen\n\n"
	"De regeringen spreken af dat hun ministers elk jaar overleggen over de begroting.\n\n";
static const char *SECTIONS_TAIL =
	"Zij bevestigen hun inzet voor de rechtsstaat, de persvrijheid en de mensenrechten "
	"binnen de Unie.\n\n"
	"De visserij in de Noordzee krijgt nieuwe quota voor haring en makreel.\n\n"
	"Nieuwe treinverbindingen tussen de hoofdsteden verkorten de reistijd aanzienlijk.\n";
static const char *SUMMARY =
	"Het verslag noemt de Europese waarden en normen die beide landen delen, de quota "
	"voor haring en makreel in de Noordzee en de snellere treinverbindingen.\n\n"
	"De verklaring over de samenwerking tussen beide landen is gepubliceerd.\n";

/* The old document with `heading` over its third paragraph, related to
 * SUMMARY: the similarity of the link old `o` -> new `n` (0: none), and
 * that of the best link from old `o` by rl_related_from_best() in *from. */
static double heading_link(const char *heading, uint32_t o, uint32_t n, double *from)
{
	rl_buf t = RL_BUF_INIT;
	rl_doc *a, *b = NULL;
	rl_options opt;
	rl_alinks l = {0};
	rl_related_from *f = NULL;
	rl_related_scratch *sc = NULL;
	size_t j = 0;
	int found = 0;
	double sim = 0;

	rl_options_init(&opt);
	opt.mode = RL_MODE_RELATED;
	opt.lang = "nl";
	rl_buf_puts(&t, SECTIONS_HEAD);
	rl_buf_printf(&t, "%s\n\n", heading);
	rl_buf_puts(&t, SECTIONS_TAIL);
	a = doc_of(&t);
	assert_true(a->n_paras == 6 && (a->paras[2].flags & RL_PARA_HEADING) &&
	            (a->paras[0].flags & RL_PARA_HEADING));
	assert_int_equal(rl_doc_load_buffer(&b, "b.txt", SUMMARY, strlen(SUMMARY)), 0);
	assert_int_equal(rl_align_related(&l, a, b, &opt), 0);
	for (size_t k = 0; k < l.n; k++) {
		assert_true(l.v[k].o0 != 0 && l.v[k].o0 != 2); /* headings unlinked */
		if (l.v[k].o0 == o && l.v[k].n0 == n)
			sim = l.v[k].similarity;
	}
	assert_int_equal(rl_related_from_new(&f, a, o, &opt), 1);
	assert_int_equal(rl_related_from_best(f, &sc, b, &found, &j, from), 0);
	if (!found)
		*from = 0;
	rl_related_scratch_free(sc);
	rl_related_from_free(f);
	rl_alinks_free(&l);
	rl_doc_free(a);
	rl_doc_free(b);
	return sim;
}

static void test_align__related_heading_stands_for_its_section(void **state)
{
	double from, sim;

	(void)state;
	/* the values section: its opening paragraph links the summary */
	sim = heading_link("Beide landen delen hun Europese waarden en normen", 3, 0, &from);
	assert_true(sim >= 0.40);
	assert_true(from == sim);
	/* under a heading the summary does not restate: no link */
	assert_true(heading_link("Andere onderwerpen van het gesprek", 3, 0, &from) == 0);
	assert_true(from == 0);
	/* the title introduces no section: the paragraph after it is not
	 * linked to the new passage that names the document */
	assert_true(heading_link("Beide landen delen hun Europese waarden en normen", 1, 1,
	                         &from) == 0);
}

/* The similarity of related link old i -> new j, 0 when there is none. */
static double related_sim(const rl_alinks *l, uint32_t i, uint32_t j)
{
	for (size_t k = 0; k < l->n; k++)
		if (l->v[k].kind == RL_LINK_RELATED && l->v[k].o0 == i && l->v[k].n0 == j)
			return l->v[k].similarity;
	return 0;
}

/* A sentence that starts with a capital, as the segmenter wants. */
static void said(rl_buf *b, unsigned seed, int n)
{
	rl_buf_puts(b, "Daarom ");
	sentence(b, seed, n);
}

/* A sentence restating a whole paragraph of the other document carries
 * the link with its own score (1: the same words), on either side, while
 * its paragraph's other sentences share words and n-grams with it (terms
 * that several sentences hold) and the restated paragraph is one sentence
 * (terms that no sentence list holds). */
static void test_align__related_sentence_carries_the_link(void **state)
{
	rl_buf a = RL_BUF_INIT, b = RL_BUF_INIT;
	rl_doc *da, *db;
	rl_alinks l = {0};

	(void)state;
	said(&a, 11, 20); /* old 0: one sentence */
	rl_buf_puts(&a, "\n\n");
	said(&a, 21, 16); /* old 1: the restated sentence in the middle */
	rl_buf_puts(&a, " ");
	said(&a, 31, 20);
	rl_buf_puts(&a, " ");
	said(&a, 41, 18);
	rl_buf_puts(&a, "\n\n");
	said(&b, 51, 18); /* new 0: old 0 as its second sentence */
	rl_buf_puts(&b, " ");
	said(&b, 11, 20);
	rl_buf_puts(&b, " ");
	said(&b, 61, 16);
	rl_buf_puts(&b, "\n\n");
	said(&b, 31, 20); /* new 1: old 1's second sentence alone */
	rl_buf_puts(&b, "\n\n");
	for (unsigned i = 0; i < 6; i++) {
		para(&a, 500 + i);
		para(&b, 700 + i);
	}
	da = doc_of(&a);
	db = doc_of(&b);
	assert_int_equal(rl_align_related(&l, da, db, NULL), 0);
	assert_true(related_sim(&l, 0, 0) > 0.999);
	assert_true(related_sim(&l, 1, 1) > 0.999);
	rl_alinks_free(&l);
	rl_doc_free(da);
	rl_doc_free(db);
}

/* Without a language given or detected, each other document would choose
 * it: no shared analysis. */
static void test_align__related_from_needs_a_language(void **state)
{
	rl_doc *a = NULL;
	rl_related_from *f = (rl_related_from *)&f;

	(void)state;
	assert_int_equal(rl_doc_load_buffer(&a, "t.txt", "xq zv wp kr.\n", 13), 0);
	assert_int_equal(rl_related_from_new(&f, a, 0, NULL), 0);
	assert_null(f);
	rl_doc_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_align__identical),
		cmocka_unit_test(test_align__edit_move_insert_delete),
		cmocka_unit_test(test_align__split_and_merge),
		cmocka_unit_test(test_align__split_with_an_insertion_between_the_parts),
		cmocka_unit_test(test_align__duplicates_pair_in_order),
		cmocka_unit_test(test_align__ten_thousand_paragraphs),
		cmocka_unit_test(test_align__two_empty_documents),
		cmocka_unit_test(test_align__coverage),
		cmocka_unit_test(test_align__related_from_matches_related),
		cmocka_unit_test(test_align__related_from_needs_a_language),
		cmocka_unit_test(test_align__related_heading_stands_for_its_section),
		cmocka_unit_test(test_align__related_sentence_carries_the_link),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
