/*
 * test_date — parsing, finding and formatting document dates.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "date.h"
#include "redline.h"

static const char *fmt(rl_date d, int with_time)
{
	static char buf[40];

	return rl_date_format(buf, sizeof(buf), d, with_time);
}

static void parses_to(const char *text, const char *want)
{
	rl_date d;

	if (rl_date_parse(&d, text) != 0)
		fail_msg("'%s' did not parse: %s", text, rl_error_last());
	assert_string_equal(fmt(d, 1), want);
}

static void test_date__iso_forms(void **state)
{
	(void)state;
	parses_to("2021-08-31", "2021-08-31T00:00:00+00:00");
	parses_to("2022-03", "2022-03-01T00:00:00+00:00");
	parses_to("2022", "2022-01-01T00:00:00+00:00");
	parses_to("2021-08-31T14:05:09+02:00", "2021-08-31T14:05:09+02:00");
	parses_to("2021-08-31 14:05", "2021-08-31T14:05:00+00:00");
	parses_to("2021-08-31T23:30Z", "2021-08-31T23:30:00+00:00");
	parses_to("2024-02-29", "2024-02-29T00:00:00+00:00");
	parses_to("  2021-08-31\n", "2021-08-31T00:00:00+00:00");
}

static void test_date__git_raw_form(void **state)
{
	rl_date d;

	(void)state;
	assert_int_equal(rl_date_parse(&d, "@1630418400 +0200"), 0);
	assert_int_equal(d.time, 1630418400);
	assert_int_equal(d.offset, 120);
	assert_string_equal(fmt(d, 1), "2021-08-31T16:00:00+02:00");
	assert_int_equal(rl_date_parse(&d, "@0"), 0);
	assert_int_equal(d.time, 0);
}

static void test_date__written_forms(void **state)
{
	(void)state;
	parses_to("2 maart 2026", "2026-03-02T00:00:00+00:00");
	parses_to("31 augustus 2021", "2021-08-31T00:00:00+00:00");
	parses_to("31 August 2021", "2021-08-31T00:00:00+00:00");
	parses_to("August 31, 2021", "2021-08-31T00:00:00+00:00");
	parses_to("dinsdag 19 april 2022", "2022-04-19T00:00:00+00:00");
}

static void test_date__more_languages(void **state)
{
	(void)state;
	parses_to("2 mars 2026", "2026-03-02T00:00:00+00:00");
	parses_to("2. März 2026", "2026-03-02T00:00:00+00:00");
	parses_to("12 sept. 2023", "2023-09-12T00:00:00+00:00");
}

static void refuses(const char *text)
{
	rl_date d;

	if (rl_date_parse(&d, text) != RL_EINVALID)
		fail_msg("'%s' parsed", text);
	assert_non_null(strstr(rl_error_last(), "not a date"));
}

static void test_date__refuses(void **state)
{
	(void)state;
	refuses("");
	refuses("yesterday");
	refuses("2021-02-29");
	refuses("2021-13-01");
	refuses("1969-12-31");
	refuses("31 foo 2021");
	refuses("32 maart 2021");
	refuses("2021-08-31T25:00");
	refuses("2021-08-31T10:00+15:00");
	refuses("1234567");
}

static rl_doc *doc_of(const char *text)
{
	rl_doc *d = NULL;

	assert_int_equal(rl_doc_load_buffer(&d, "t.txt", text, strlen(text)), 0);
	return d;
}

static void finds(const char *text, const char *want)
{
	rl_doc *doc = doc_of(text);
	rl_date d;

	if (!rl_date_find(&d, doc))
		fail_msg("no date found in '%s'", text);
	assert_string_equal(fmt(d, 0), want);
	rl_doc_free(doc);
}

static void finds_none(const char *text)
{
	rl_doc *doc = doc_of(text);
	rl_date d;

	if (rl_date_find(&d, doc))
		fail_msg("found %s in '%s'", fmt(d, 0), text);
	rl_doc_free(doc);
}

static void test_date__find_in_text(void **state)
{
	(void)state;
	finds(" date 2022-03 Nederland en Frankrijk gaan samenwerken.\n", "2022-03-01");
	finds("Aan de Voorzitter\n\nDatum 2 maart 2026\nBetreft iets\n\nTekst.\n", "2026-03-02");
	finds("Verklaring\n\nTekst van de verklaring.\n\nDen Haag, 31 augustus 2021\n", "2021-08-31");
	finds("Date: 4 May 2023\n\nBody.\n", "2023-05-04");
	finds("Paris, le 2 mars 2026\n", "2026-03-02");
	finds("'s-Gravenhage, 1 januari 2020.\n", "2020-01-01");
	finds("News\n\ndinsdag 19 april 2022 , 21:13\n\nBody text.\n", "2022-04-19");
	finds("London, August 31, 2021\n", "2021-08-31");
}

static void test_date__find_ignores_prose(void **state)
{
	(void)state;
	finds_none("Vandaag, 2 maart 2026, heeft de president een speech gehouden.\n");
	finds_none("Op 31 augustus 2021 werd de verklaring aangenomen.\n");
	finds_none("Gymnich van 2 en 3 september 2021.\n");
	finds_none("In 2021 nothing happened.\n");
	finds_none("De 3 Musketiers, 31 augustus 2021 en meer\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date__iso_forms),
		cmocka_unit_test(test_date__git_raw_form),
		cmocka_unit_test(test_date__written_forms),
		cmocka_unit_test(test_date__more_languages),
		cmocka_unit_test(test_date__refuses),
		cmocka_unit_test(test_date__find_in_text),
		cmocka_unit_test(test_date__find_ignores_prose),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
