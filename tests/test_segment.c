/* Unit tests for segment: metadata, paragraphs (blank lines, hard-wrapped
 * text, headings) and sentences. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "segment.h"

/* Paragraphs of s as "text|text|", white space runs collapsed; headings
 * get a leading '#'. */
static char *paras_of(const char *s)
{
	rl_para *p = NULL;
	size_t n = 0;
	rl_buf b = RL_BUF_INIT;

	assert_int_equal(rl_segment_paragraphs(&p, &n, s, 0, strlen(s)), 0);
	for (size_t i = 0; i < n; i++) {
		int space = 0;

		if (p[i].flags & RL_PARA_HEADING)
			rl_buf_putc(&b, '#');
		for (uint32_t k = p[i].start; k < p[i].end; k++) {
			char c = s[k];
			if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
				space = 1;
				continue;
			}
			if (space)
				rl_buf_putc(&b, ' ');
			space = 0;
			rl_buf_putc(&b, c);
		}
		rl_buf_putc(&b, '|');
	}
	free(p);
	return rl_buf_detach(&b);
}

static void check_paras(const char *in, const char *want)
{
	char *got = paras_of(in);

	assert_string_equal(got, want);
	free(got);
}

static void test_segment__blank_lines_separate(void **state)
{
	(void)state;
	check_paras("Een eerste alinea.\n\nEen tweede.\n \n\t\nDerde.\n", "Een eerste alinea.|Een tweede.|Derde.|");
	check_paras("Windows\r\nregels.\r\n\r\nTweede.\r\n", "Windows regels.|Tweede.|");
	check_paras("", "");
	check_paras("\n\n  \n", "");
}

static void test_segment__short_lines_are_headings(void **state)
{
	(void)state;
	check_paras("Defensie\n\nOp militair gebied is afgesproken om meer samen te werken.\n",
	            "#Defensie|Op militair gebied is afgesproken om meer samen te werken.|");
	/* a sentence is not a heading */
	check_paras("Dit is kort.\n", "Dit is kort.|");
}

/* A hard-wrapped text: lines filled to about 60 characters. */
static const char wrapped[] =
	"Nederland en Frankrijk werken aan het bereiken van het hoogste\n"
	"niveau van economische voorspoed, gebaseerd op duurzame en groene\n"
	"groei alsook op de mogelijkheid voor de Unie haar belangen te\n"
	"waarborgen en te versterken in de komende jaren.\n"
	"Onze beide landen herinneren eraan dat zij het ten zeerste eens\n"
	"zijn dat verschillen in welvaartspeil moeten worden voorkomen.\n"
	"EU-China\n"
	"De Raad besprak de relatie met China tegen de achtergrond van de\n"
	"drieslag partner, concurrent en systeemrivaal, en de Hoge\n"
	"Vertegenwoordiger zag weliswaar een verschuiving in die relatie.\n";

static void test_segment__hard_wrapped_text_is_split_where_lines_end_early(void **state)
{
	char *got;

	(void)state;
	got = paras_of(wrapped);
	/* the first paragraph ends early ("jaren." leaves room for "Onze"),
	 * the title line stands alone, and wrapped lines are joined */
	assert_string_equal(got,
		"Nederland en Frankrijk werken aan het bereiken van het hoogste niveau van economische "
		"voorspoed, gebaseerd op duurzame en groene groei alsook op de mogelijkheid voor de Unie "
		"haar belangen te waarborgen en te versterken in de komende jaren.|"
		"Onze beide landen herinneren eraan dat zij het ten zeerste eens zijn dat verschillen in "
		"welvaartspeil moeten worden voorkomen.|"
		"#EU-China|"
		"De Raad besprak de relatie met China tegen de achtergrond van de drieslag partner, "
		"concurrent en systeemrivaal, en de Hoge Vertegenwoordiger zag weliswaar een verschuiving "
		"in die relatie.|");
	free(got);
}

static void test_segment__unwrapped_blocks_stay_whole(void **state)
{
	(void)state;
	/* short lines that are not a wrapped text: an address block */
	check_paras("de Voorzitter van de Tweede Kamer\nder Staten-Generaal\nBezuidenhoutseweg 67\n",
	            "de Voorzitter van de Tweede Kamer der Staten-Generaal Bezuidenhoutseweg 67|");
}

static void test_segment__metadata_line(void **state)
{
	const char *s = " date 2022-03 Nederland en Frankrijk gaan de banden aanhalen.";
	size_t a = 0, b = 0;

	(void)state;
	assert_int_equal(rl_segment_metadata(s, strlen(s), 0, &a, &b), 1);
	assert_int_equal(a, 1);
	assert_int_equal(b, 13);
	assert_int_equal(rl_segment_metadata("date 2021-08-31\nX", 17, 0, &a, &b), 1);
	assert_int_equal(b, 15);
	assert_int_equal(rl_segment_metadata("date of birth", 13, 0, &a, &b), 0);
	assert_int_equal(rl_segment_metadata("Datum 2 maart", 13, 0, &a, &b), 0);
	assert_int_equal(rl_segment_metadata("date 20221", 10, 0, &a, &b), 0);
}

static char *sentences_of(const char *s)
{
	rl_tokens t = {0};
	uint32_t *spans = NULL;
	size_t n = 0, cap = 0;
	rl_buf b = RL_BUF_INIT;

	assert_int_equal(rl_text_tokenize(&t, s, 0, strlen(s)), 0);
	assert_int_equal(rl_segment_sentences(&spans, &n, &cap, s, &t), 0);
	for (size_t i = 0; i < n; i += 2)
		rl_buf_printf(&b, "%.*s|", (int)(spans[i + 1] - spans[i]), s + spans[i]);
	rl_tokens_free(&t);
	free(spans);
	return rl_buf_detach(&b);
}

static void check_sentences(const char *in, const char *want)
{
	char *got = sentences_of(in);

	assert_string_equal(got, want);
	free(got);
}

static void test_segment__sentences(void **state)
{
	(void)state;
	check_sentences("Een zin. Nog een zin! En een vraag? Ja.", "Een zin.|Nog een zin!|En een vraag?|Ja.|");
	check_sentences("Dit gebeurde o.a. in Parijs. Daarna niet.", "Dit gebeurde o.a. in Parijs.|Daarna niet.|");
	check_sentences("Volgens mr. Jansen en Sigrid A.M. Kaag klopt het.", "Volgens mr. Jansen en Sigrid A.M. Kaag klopt het.|");
	check_sentences("Op 1-2 oktober 2020. De Raad sprak.", "Op 1-2 oktober 2020.|De Raad sprak.|");
	check_sentences("De MP. Rutte sprak.", "De MP. Rutte sprak.|");
	check_sentences("\xe2\x80\x98Het is noodzakelijk.\xe2\x80\x99 Aldus de minister.",
	                "\xe2\x80\x98Het is noodzakelijk.\xe2\x80\x99|Aldus de minister.|");
	check_sentences("1. Indien de premie stijgt, dan niet.", "1. Indien de premie stijgt, dan niet.|");
	check_sentences("Mr. Smith went to Washington, e.g. by train. He arrived.",
	                "Mr. Smith went to Washington, e.g. by train.|He arrived.|");
	check_sentences("geen hoofdletter. daarna", "geen hoofdletter. daarna|");
	check_sentences("  ", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_segment__blank_lines_separate),
		cmocka_unit_test(test_segment__short_lines_are_headings),
		cmocka_unit_test(test_segment__hard_wrapped_text_is_split_where_lines_end_early),
		cmocka_unit_test(test_segment__unwrapped_blocks_stay_whole),
		cmocka_unit_test(test_segment__metadata_line),
		cmocka_unit_test(test_segment__sentences),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
