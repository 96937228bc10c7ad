/*
 * Unit tests of the Markdown report (src/render_md.c): ~~deleted~~ and
 * **inserted** words that CommonMark accepts as such, summary tables and
 * badges, and hostile document text that shows literally.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>

#include "compare.h"
#include "render.h"

typedef struct fixture {
	rl_doc *a, *b;
	rl_comparison *cmp;
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
	rl_doc_free(f->a);
	rl_doc_free(f->b);
	rl_buf_free(&f->out);
	free(f);
	return 0;
}

static int sink(const char *data, size_t len, void *payload)
{
	return rl_buf_put(payload, data, len) < 0;
}

static const char *md(fixture *f, const char *a, const char *b)
{
	rl_render_options o;

	assert_int_equal(rl_doc_load_buffer(&f->a, "old.txt", a, strlen(a)), 0);
	assert_int_equal(rl_doc_load_buffer(&f->b, "new.txt", b, strlen(b)), 0);
	assert_int_equal(rl_compare(&f->cmp, f->a, f->b, NULL), 0);
	rl_render_options_init(&o);
	o.format = RL_FORMAT_MARKDOWN;
	assert_int_equal(rl_render(f->cmp, &o, sink, &f->out), 0);
	assert_non_null(f->out.data);
	return f->out.data;
}

/* 1 when every '<' is escaped or one of the fallback tags. */
static int only_own_tags(const char *m)
{
	static const char *const own[] = {"<del>", "</del>", "<strong>", "</strong>"};

	for (const char *p = strchr(m, '<'); p; p = strchr(p + 1, '<')) {
		int ok = p > m && p[-1] == '\\';

		for (size_t i = 0; i < 4 && !ok; i++)
			ok = !strncmp(p, own[i], strlen(own[i]));
		if (!ok)
			return 0;
	}
	return 1;
}

static const char *FIRST = "Nederland en Frankrijk werken samen aan defensie en veiligheid in Europa.\n\n";

static void test_render_md__marks_words(void **state)
{
	fixture *f = *state;
	const char *m = md(f,
		"Nederland en Frankrijk werken samen aan defensie en veiligheid in Europa.\n\n"
		"Het kabinet richt zich steeds meer op Frankrijk en de Europese Unie.\n",
		"Nederland en Frankrijk werken samen aan defensie en veiligheid in Europa.\n\n"
		"Het kabinet richt zich steeds vaker op Frankrijk en de Europese Unie.\n\n"
		"Een nieuwe slotalinea over iets heel anders dan de rest.\n");

	assert_non_null(strstr(m, "## old.txt → new.txt\n\nversions mode (chosen from the texts) · "
	                          "old: 2 paragraphs · new: 3 paragraphs\n\n"));
	assert_non_null(strstr(m, "| paragraph links | count |\n| :-- | --: |\n| equal | 1 |\n"
	                          "| edited | 1 |\n| inserted | 1 |\n"));
	/* "vaker" is a term the old text lacks */
	assert_non_null(strstr(m, "| `term_added` | 1 |"));
	assert_non_null(strstr(m, "### ¶2 edited (old ¶2) · similarity "));
	assert_non_null(strstr(m, "\n\nHet kabinet richt zich steeds ~~meer~~**vaker** op Frankrijk en de "
	                          "Europese Unie.\n\n"));
	assert_non_null(strstr(m, "### ¶3 inserted\n\n**Een nieuwe slotalinea over iets heel anders dan de rest.**\n"));
	/* equal pairs only with show_equal */
	assert_null(strstr(m, "### ¶1"));
}

static void test_render_md__falls_back_to_tags_where_delimiters_cannot_flank(void **state)
{
	fixture *f = *state;
	const char *m = md(f,
		"Nederland en Frankrijk werken samen aan defensie en veiligheid in Europa.\n\n"
		"De ministers spraken over migratie, klimaat en energie in Parijs.\n",
		"Nederland en Frankrijk werken samen aan defensie en veiligheid in Europa,\n\n"
		"De ministers spraken over migratie.\n");

	/* "Europa~~.~~" would not strike through: the mark glues to a word */
	assert_non_null(strstr(m, "veiligheid in Europa<del>.</del>**,**\n"));
	assert_non_null(strstr(m, "spraken over migratie<del>, klimaat en energie in Parijs</del>.\n"));
	assert_null(strstr(m, "Europa~~"));
}

static void test_render_md__escapes_hostile_text(void **state)
{
	fixture *f = *state;
	const char *m;
	rl_buf a = RL_BUF_INIT, b = RL_BUF_INIT;

	rl_buf_puts(&a, FIRST);
	rl_buf_puts(&a, "Oud <script>alert(1)</script> [klik](javascript:alert(2)) *nadruk* _ook_ "
	                "`code` a | b ~~weg~~ #kop &amp; ![img](x) $x$ eind.\n\n"
	                "- een lijstje dat geen lijst mag worden en dat ook niet zal doen\n\n"
	                "1. genummerd punt dat ook geen lijst mag worden in de uitvoer\n");
	rl_buf_puts(&b, FIRST);
	rl_buf_puts(&b, "Nieuw <script>alert(1)</script> [klik](javascript:alert(2)) *nadruk* _ook_ "
	                "`code` a | b ~~weg~~ #kop &amp; ![img](x) $x$ eind.\n");
	m = md(f, a.data, b.data);
	assert_non_null(strstr(m, "~~Oud~~**Nieuw** \\<script\\>alert(1)\\</script\\> "
	                          "\\[klik\\](javascript:alert(2)) \\*nadruk\\* \\_ook\\_ \\`code\\` "
	                          "a \\| b \\~\\~weg\\~\\~ \\#kop \\&amp; \\!\\[img\\](x) \\$x\\$ eind."));
	assert_true(only_own_tags(m));
	assert_null(strstr(m, " [klik](javascript"));
	/* block syntax at the start of a paragraph is escaped too */
	assert_non_null(strstr(m, "~~\\- een lijstje"));
	assert_non_null(strstr(m, "~~1\\. genummerd punt"));
	rl_buf_free(&a);
	rl_buf_free(&b);
}

static void test_render_md__web_addresses_stay_text(void **state)
{
	fixture *f = *state;
	const char *m = md(f, "Zie https://www.rijksoverheid.nl/a_b en www.example.nl voor meer.\n",
	                   "Zie https://www.rijksoverheid.nl/a_b en www.example.nl voor minder.\n");

	/* GFM would link them, and a link swallows escapes and marks around it */
	assert_non_null(strstr(m, "Zie https\\://www\\.rijksoverheid.nl/a\\_b en www\\.example.nl voor "
	                          "~~meer~~**minder**."));
}

static void test_render_md__badges_and_change_table(void **state)
{
	fixture *f = *state;
	const char *m;
	rl_change ch[2];
	rl_render_options o;
	rl_link *l;

	m = md(f, "Het kabinet is voornemens 55% van de middelen te besteden aan defensie en veiligheid.\n",
	          "Het kabinet gaat 60% van de middelen besteden aan defensie en veiligheid.\n");
	(void)m;
	l = &f->cmp->links[0];
	memset(ch, 0, sizeof(ch));
	ch[0].type = RL_CHANGE_NUMBER;
	ch[0].old_start = (size_t)(strstr(f->a->data, "55%") - f->a->data);
	ch[0].old_end = ch[0].old_start + 3;
	ch[0].new_start = (size_t)(strstr(f->b->data, "60%") - f->b->data);
	ch[0].new_end = ch[0].new_start + 3;
	ch[1].type = RL_CHANGE_NEGATION;
	ch[1].old_start = ch[1].old_end = 5;
	ch[1].new_start = (size_t)(strstr(f->b->data, "kabinet") - f->b->data);
	ch[1].new_end = ch[1].new_start + 7;
	l->changes = ch;
	l->n_changes = 2;
	rl_buf_clear(&f->out);
	rl_render_options_init(&o);
	o.format = RL_FORMAT_MARKDOWN;
	assert_int_equal(rl_render(f->cmp, &o, sink, &f->out), 0);
	m = f->out.data;
	assert_non_null(strstr(m, "| semantic changes | count |\n| :-- | --: |\n| `number` | 1 |\n"
	                          "| `negation` | 1 |\n"));
	assert_non_null(strstr(m, "\n`number` 55% → 60% · `negation` +kabinet\n\n"));
	l->changes = NULL;
	l->n_changes = 0;
}

static void test_render_md__paragraph_breaks(void **state)
{
	fixture *f = *state;
	const char *m = md(f,
		"Eerste alinea blijft zoals hij is, met genoeg woorden om mee te tellen.\n\n"
		"De ministers spraken uitgebreid over migratie en de samenwerking tussen beide landen "
		"op dat terrein.\n\nDaarna ging het gesprek over klimaat en energie en de gezamenlijke "
		"aanpak in Europa.\n",
		"Eerste alinea blijft zoals hij is, met genoeg woorden om mee te tellen.\n\n"
		"De ministers spraken uitgebreid over migratie en de samenwerking tussen beide landen "
		"op dat terrein. Daarna ging het gesprek over klimaat en energie en de gezamenlijke "
		"aanpak in Europa.\n");

	assert_non_null(strstr(m, "### ¶2 merged from old ¶2–3 · similarity 1.00\n\n"));
	assert_non_null(strstr(m, "op dat terrein. ~~¶~~ Daarna ging"));
}

static void test_render_md__equal_and_several(void **state)
{
	fixture *f = *state;
	const rl_comparison *two[2];
	rl_render_options o;
	const char *m = md(f, FIRST, FIRST);

	assert_non_null(strstr(m, "## old.txt → new.txt\n"));
	assert_non_null(strstr(m, "No differences.\n"));
	rl_buf_clear(&f->out);
	two[0] = two[1] = f->cmp;
	rl_render_options_init(&o);
	o.format = RL_FORMAT_MARKDOWN;
	o.title = "Verklaring | <2021>";
	assert_int_equal(rl_render_report(two, 2, &o, sink, &f->out), 0);
	m = f->out.data;
	assert_true(!strncmp(m, "## Verklaring \\| \\<2021\\>\n\n### old.txt → new.txt\n", 48));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_render_md__marks_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_md__falls_back_to_tags_where_delimiters_cannot_flank,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_md__escapes_hostile_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_md__web_addresses_stay_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_md__badges_and_change_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_md__paragraph_breaks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_md__equal_and_several, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
