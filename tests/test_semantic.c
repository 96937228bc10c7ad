/*
 * Unit tests of the semantic module through rl_compare(): every detector
 * with Dutch and English cases, and the rewrites it must not flag.  Each
 * case compares two one-paragraph texts and reads the changes back as
 * "type:old>new" items.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redline.h"

/* The changes between `old` and `new`, as "type:old>new(detail);..." or,
 * with `spans`, "type@old_start-old_end/new_start-new_end;..." */
static char *changes_of(const char *old, const char *new, const char *lang, unsigned types,
                        int spans)
{
	rl_doc *a = NULL, *b = NULL;
	rl_comparison *c = NULL;
	rl_options o;
	char *out = calloc(1, 1);
	size_t len = 0;

	rl_options_init(&o);
	o.mode = RL_MODE_VERSIONS;
	o.lang = lang;
	if (types)
		o.changes = types;
	assert_int_equal(rl_doc_load_buffer(&a, "old", old, strlen(old)), 0);
	assert_int_equal(rl_doc_load_buffer(&b, "new", new, strlen(new)), 0);
	assert_int_equal(rl_compare(&c, a, b, &o), 0);
	for (size_t k = 0; k < rl_comparison_link_count(c); k++) {
		const rl_link *l = rl_comparison_link(c, k);

		for (size_t i = 0; i < l->n_changes; i++) {
			const rl_change *ch = &l->changes[i];
			char item[512];
			int n = spans ? snprintf(item, sizeof(item), "%s@%zu-%zu/%zu-%zu;",
			                         rl_change_type_name(ch->type), ch->old_start, ch->old_end,
			                         ch->new_start, ch->new_end)
			              : snprintf(item, sizeof(item), "%s:%.*s>%.*s%s%s%s;",
			                         rl_change_type_name(ch->type),
			                         (int)(ch->old_end - ch->old_start), old + ch->old_start,
			                         (int)(ch->new_end - ch->new_start), new + ch->new_start,
			                         ch->detail ? "(" : "", ch->detail ? ch->detail : "",
			                         ch->detail ? ")" : "");

			assert_true(ch->old_start <= ch->old_end && ch->old_end <= strlen(old));
			assert_true(ch->new_start <= ch->new_end && ch->new_end <= strlen(new));
			out = realloc(out, len + (size_t)n + 1);
			assert_non_null(out);
			memcpy(out + len, item, (size_t)n + 1);
			len += (size_t)n;
		}
	}
	rl_comparison_free(c);
	rl_doc_free(a);
	rl_doc_free(b);
	return out;
}

#define ALL 0u
#define ONLY(t) (1u << (t))
#define MEANING (ONLY(RL_CHANGE_NUMBER) | ONLY(RL_CHANGE_DATE) | ONLY(RL_CHANGE_NEGATION) | \
                 ONLY(RL_CHANGE_MODALITY))

static void has(const char *old, const char *new, const char *lang, unsigned types,
                const char *want)
{
	char *got = changes_of(old, new, lang, types, 0);

	if (!strstr(got, want))
		fail_msg("wanted \"%s\" in \"%s\"", want, got);
	free(got);
}

static void lacks(const char *old, const char *new, const char *lang, unsigned types,
                  const char *unwanted)
{
	char *got = changes_of(old, new, lang, types, 0);

	if (strstr(got, unwanted))
		fail_msg("did not want \"%s\" in \"%s\"", unwanted, got);
	free(got);
}

static void none(const char *old, const char *new, const char *lang, unsigned types)
{
	char *got = changes_of(old, new, lang, types, 0);

	if (*got)
		fail_msg("wanted no changes, got \"%s\"", got);
	free(got);
}

/* ---- numbers ------------------------------------------------------------- */

static void test_semantic__number_nl(void **state)
{
	(void)state;
	has("Het kabinet trekt 55% van het budget uit voor defensie.",
	    "Het kabinet trekt 60% van het budget uit voor defensie.", NULL, ALL, "number:55%>60%;");
	has("bedragen voor een verzekerde met een toeslagpartner 4,256 procent van het drempelinkomen",
	    "bedragen voor een verzekerde met een toeslagpartner 4,273 procent van het drempelinkomen",
	    "nl", ALL, "number:4,256 procent>4,273 procent;");
	has("bedraagt voor het berekeningsjaar de standaardpremie € 1.987,– per jaar.",
	    "bedraagt voor het berekeningsjaar de standaardpremie € 2.112,– per jaar.", NULL, ALL,
	    "number:€ 1.987,–>€ 2.112,–;");
	has("Nederland stuurt twintig militairen naar de missie in het noorden.",
	    "Nederland stuurt dertig militairen naar de missie in het noorden.", "nl", ALL,
	    "number:twintig>dertig;");
	/* a number that appears */
	has("De lidstaten hebben samen doses gedoneerd aan landen in nood.",
	    "De lidstaten hebben samen 80 miljoen doses gedoneerd aan landen in nood.", "nl", ALL,
	    "number:>80 miljoen;");
}

static void test_semantic__number_en(void **state)
{
	(void)state;
	has("The fund will grow by 3 million dollars over the coming years.",
	    "The fund will grow by 4 million dollars over the coming years.", "en", ALL,
	    "number:3 million dollars>4 million dollars;");
	has("Emissions must fall by at least 55 percent by the end of the decade.",
	    "Emissions must fall by at least 65 percent by the end of the decade.", NULL, ALL,
	    "number:55 percent>65 percent;");
	has("The committee met for the second time in the capital last week.",
	    "The committee met for the third time in the capital last week.", "en", ALL,
	    "number:second>third;");
}

static void test_semantic__number_same_value(void **state)
{
	(void)state;
	none("Nederland en Frankrijk sturen vijf schepen naar de Noordzee.",
	     "Nederland en Frankrijk sturen 5 schepen naar de Noordzee.", "nl", MEANING);
	none("Het aandeel groeit tot 5 procent van de totale uitgaven.",
	     "Het aandeel groeit tot 5% van de totale uitgaven.", NULL, MEANING);
	none("De premie bedraagt € 1.987,– voor het hele jaar.",
	     "De premie bedraagt 1987 euro voor het hele jaar.", "nl", MEANING);
	none("The ministers agreed to send five ships to the North Sea.",
	     "The ministers agreed to send 5 ships to the North Sea.", "en", MEANING);
	/* "een" is "one" only against a number opposite, never reported itself */
	none("Eén man rijdt op een paard door het bos.", "Een man rijdt op een paard door het bos.",
	     "nl", MEANING);
	none("Er is 1 man die zingt in de kerk.", "Er is een man die zingt in de kerk.", "nl", MEANING);
	has("Het project kost een miljoen euro per jaar.", "Het project kost twee miljoen euro per jaar.",
	    "nl", ALL, "number:een miljoen euro>twee miljoen euro;");
	none("Het aandeel groeit tot 55 % van de totale uitgaven.",
	     "Het aandeel groeit tot 55% van de totale uitgaven.", NULL, MEANING);
	/* the digits of an address are not numbers */
	none("Zie https://wetten.overheid.nl/BWBR0018451/2024-01-01#Artikel1 voor de tekst.",
	     "Zie https://wetten.overheid.nl/BWBR0018451/2025-01-01#Artikel1 voor de tekst.", NULL,
	     MEANING);
}

/* ---- dates --------------------------------------------------------------- */

static void test_semantic__date(void **state)
{
	(void)state;
	has("De verklaring werd op 31 augustus 2021 in Den Haag aangenomen.",
	    "De verklaring werd op 1 september 2021 in Den Haag aangenomen.", "nl", ALL,
	    "date:31 augustus 2021>1 september 2021;");
	has("De bijeenkomst vond plaats in december 2021 in Brussel.",
	    "De bijeenkomst vond plaats in januari 2022 in Brussel.", NULL, ALL,
	    "date:december 2021>januari 2022;");
	has("De conclusies van de Europese Raad van 1-2 oktober 2020 blijven gelden.",
	    "De conclusies van de Europese Raad van 15-16 oktober 2020 blijven gelden.", NULL, ALL,
	    "date:1-2 oktober 2020>15-16 oktober 2020;");
	has("The declaration was signed on August 31, 2021 in The Hague.",
	    "The declaration was signed on September 1, 2021 in The Hague.", "en", ALL,
	    "date:August 31, 2021>September 1, 2021;");
	has("De dialoog begon op 2026-03-02 in Parijs.", "De dialoog begon op 2026-03-05 in Parijs.",
	    NULL, ALL, "date:2026-03-02>2026-03-05;");
	/* a changed year is a date and its value a number */
	has("De doelstelling geldt voor 2030 en daarna.", "De doelstelling geldt voor 2035 en daarna.",
	    NULL, ALL, "number:2030>2035;date:2030>2035;");
}

static void test_semantic__date_same_value(void **state)
{
	(void)state;
	none("De brief is gedateerd 2 maart 2026 en ondertekend door de minister.",
	     "De brief is gedateerd 02-03-2026 en ondertekend door de minister.", "nl", MEANING);
	none("The letter is dated 2 March 2026 and signed by the minister.",
	     "The letter is dated March 2, 2026 and signed by the minister.", "en", MEANING);
	none("The law came into force on the 22nd of May 2006 in the country.",
	     "The law came into force on May 22, 2006 in the country.", "en", MEANING);
	none("De tweede vergadering van de raad vond plaats in Brussel.",
	     "De 2de vergadering van de raad vond plaats in Brussel.", "nl", MEANING);
	/* "May" the month is not "may" the modal */
	lacks("The summit will take place in May 2026 in Paris.",
	      "The summit will take place in June 2026 in Paris.", "en", ALL, "modality");
}

/* ---- negation ------------------------------------------------------------ */

static void test_semantic__negation_nl(void **state)
{
	(void)state;
	has("De regering steunt het voorstel van de commissie.",
	    "De regering steunt het voorstel van de commissie niet.", "nl", ALL, "negation:>niet;");
	has("Er is een man die de bal in het net dunkt.", "Er is geen man die de bal in het net dunkt.",
	    "nl", ALL, "negation:>geen;");
	has("Nederland en Frankrijk zijn niet voornemens samen te werken.",
	    "Nederland en Frankrijk zijn voornemens samen te werken.", "nl", ALL, "negation:niet>;");
}

static void test_semantic__negation_en(void **state)
{
	(void)state;
	has("The council will approve the new budget next week.",
	    "The council will not approve the new budget next week.", "en", ALL, "negation:>not;");
	has("The minister doesn't support the proposal of the committee.",
	    "The minister supports the proposal of the committee.", "en", ALL, "negation:doesn't>;");
	has("Nobody attended the meeting in the capital yesterday.",
	    "Everybody attended the meeting in the capital yesterday.", NULL, ALL, "negation:Nobody>;");
}

static void test_semantic__negation_unchanged(void **state)
{
	(void)state;
	/* another negator in the same clause keeps the polarity */
	none("Er is geen man die de bal in het net dunkt.", "Niemand dunkt de bal in het net.", "nl",
	     ONLY(RL_CHANGE_NEGATION));
	/* word order and tense form */
	none("Een man speelt niet gitaar in het park.", "Een man speelt in het park niet gitaar.",
	     "nl", MEANING);
	none("Een jongen is het gazon niet aan het maaien.", "Een jongen maait het gazon niet.", "nl",
	     MEANING);
	/* "niet alleen ... maar ook" does not negate */
	none("Dit raakt niet alleen Frankrijk maar ook Nederland en België.",
	     "Dit raakt Frankrijk en ook Nederland en België.", "nl", ONLY(RL_CHANGE_NEGATION));
	none("This affects not only France but also the Netherlands.",
	     "This affects France and also the Netherlands.", "en", ONLY(RL_CHANGE_NEGATION));
}

/* ---- modality ------------------------------------------------------------ */

static void test_semantic__modality_nl(void **state)
{
	(void)state;
	has("Nederland en Frankrijk zijn voornemens hun samenwerking te versterken.",
	    "Nederland en Frankrijk gaan hun samenwerking versterken.", "nl", ALL,
	    "modality:voornemens>gaan(intention -> commitment);");
	has("De lidstaten moeten de richtlijn voor 2026 omzetten.",
	    "De lidstaten kunnen de richtlijn voor 2026 omzetten.", "nl", ALL,
	    "modality:moeten>kunnen(obligation -> possibility);");
	has("Het kabinet wil de steun aan Oekraïne voortzetten.",
	    "Het kabinet zal de steun aan Oekraïne voortzetten.", NULL, ALL,
	    "modality:wil>zal(intention -> commitment);");
	has("Het kabinet zet de steun aan Oekraïne voort.",
	    "Het kabinet wil de steun aan Oekraïne voortzetten.", "nl", ALL,
	    "modality:>wil(assertion -> intention);");
}

static void test_semantic__modality_en(void **state)
{
	(void)state;
	has("The government intends to raise the defence budget next year.",
	    "The government will raise the defence budget next year.", "en", ALL,
	    "modality:intends>will(intention -> commitment);");
	has("Member states may notify the Commission of their plans.",
	    "Member states must notify the Commission of their plans.", "en", ALL,
	    "modality:may>must(permission -> obligation);");
}

static void test_semantic__modality_unchanged(void **state)
{
	(void)state;
	/* another word of the same level */
	none("Het kabinet zal de steun aan Oekraïne voortzetten.",
	     "Het kabinet gaat de steun aan Oekraïne voortzetten.", "nl", ONLY(RL_CHANGE_MODALITY));
	/* tense form */
	none("Een jongen is het gazon aan het maaien.", "Een jongen maait het gazon.", "nl", MEANING);
	none("Een hond, die groot en grijs is, is een bal aan het dragen en over het gras aan het rennen.",
	     "Een hond, die groot en grijs is, draagt een bal en rent over het gras.", "nl", MEANING);
	/* phrases that only look modal */
	none("Een bruine hond rent door het hoge gras.", "Een bruine hond rent door het wilde gras.",
	     "nl", ONLY(RL_CHANGE_MODALITY));
	none("De minister beantwoordt de vragen van de Kamer snel.",
	     "De minister beantwoordt de vragen van de Kamer zo snel mogelijk.", "nl",
	     ONLY(RL_CHANGE_MODALITY));
}

/* ---- entities ------------------------------------------------------------ */

static void test_semantic__entity_nl(void **state)
{
	(void)state;
	has("Nederland versterkt de samenwerking met de NAVO op het gebied van defensie.",
	    "Nederland versterkt de samenwerking met de EU op het gebied van defensie.", "nl", ALL,
	    "entity_removed:NAVO>;");
	has("Nederland versterkt de samenwerking met de NAVO op het gebied van defensie.",
	    "Nederland versterkt de samenwerking met de EU op het gebied van defensie.", "nl", ALL,
	    "entity_added:>EU;");
	has("Het overleg vond plaats met minister Hoekstra van Buitenlandse Zaken.",
	    "Het overleg vond plaats met minister Bruins Slot van Buitenlandse Zaken.", "nl", ALL,
	    "entity_removed:Hoekstra>;");
	has("Het overleg vond plaats met minister Hoekstra van Buitenlandse Zaken.",
	    "Het overleg vond plaats met minister Bruins Slot van Buitenlandse Zaken.", "nl", ALL,
	    "entity_added:>Bruins Slot;");
	/* one name across a particle, narrowed to the words the other side lacks */
	has("Het overleg vond plaats met de Minister van Buitenlandse Zaken in Den Haag.",
	    "Het overleg vond plaats met de Minister van Defensie in Den Haag.", "nl", ALL,
	    "entity_added:>Defensie;entity_removed:Buitenlandse Zaken>;");
	/* a country at the start of a sentence, from the gazetteer */
	has("Frankrijk steunt het voorstel voor een Europese defensie-unie.",
	    "Duitsland steunt het voorstel voor een Europese defensie-unie.", "nl", ALL,
	    "entity_added:>Duitsland;");
}

static void test_semantic__entity_en(void **state)
{
	(void)state;
	has("The ministers discussed the situation with the United Nations in New York.",
	    "The ministers discussed the situation with Russia in New York.", "en", ALL,
	    "entity_removed:United Nations>;");
	has("The ministers discussed the situation with the United Nations in New York.",
	    "The ministers discussed the situation with Russia in New York.", "en", ALL,
	    "entity_added:>Russia;");
}

static void test_semantic__entity_unchanged(void **state)
{
	unsigned ents = ONLY(RL_CHANGE_ENTITY_ADDED) | ONLY(RL_CHANGE_ENTITY_REMOVED);

	(void)state;
	/* names of one entity in two languages, or written out */
	none("De samenwerking met de NAVO wordt versterkt, zei de minister.",
	     "De samenwerking met de NATO wordt versterkt, zei de minister.", NULL, ents);
	none("Nederland werkt samen met de Verenigde Staten aan de missie.",
	     "Nederland werkt samen met de VS aan de missie.", NULL, ents);
	/* case, hyphenation and white space */
	none("Het overleg met de Minister van Defensie vond gisteren plaats.",
	     "Het overleg met de minister van Defensie vond gisteren plaats.", "nl", ents);
	none("De EU-landen spraken over de samenwerking met Frankrijk.",
	     "De EU landen spraken over de samen-werking met Frankrijk.", "nl", ALL);
	/* a heading in capitals is not a row of acronyms */
	none("DE RAAD BUITENLANDSE ZAKEN VAN 2 EN 3 SEPTEMBER",
	     "DE RAAD BUITENLANDSE ZAKEN GYMNICH VAN 2 EN 3 SEPTEMBER", "nl", ents);
}

/* ---- terms --------------------------------------------------------------- */

static void test_semantic__terms(void **state)
{
	(void)state;
	has("Het kabinet investeert de komende jaren fors in kernenergie en netwerken.",
	    "Het kabinet investeert de komende jaren fors in windenergie en netwerken.", "nl", ALL,
	    "term_removed:kernenergie>;");
	has("Het kabinet investeert de komende jaren fors in kernenergie en netwerken.",
	    "Het kabinet investeert de komende jaren fors in windenergie en netwerken.", "nl", ALL,
	    "term_added:>windenergie;");
	has("The cabinet will invest heavily in nuclear energy over the coming years.",
	    "The cabinet will invest heavily in offshore energy over the coming years.", "en", ALL,
	    "term_added:>offshore;");
	/* inflection and hyphenation are not new terms */
	none("De jongens maaien het gazon achter het gemeentehuis.",
	     "De jongen maait het gazon achter het gemeentehuis.", "nl",
	     ONLY(RL_CHANGE_TERM_ADDED) | ONLY(RL_CHANGE_TERM_REMOVED));
	none("De samenwerking tussen de diensten is versterkt.",
	     "De samen-werking tussen de diensten is versterkt.", "nl", ALL);
}

/* ---- the whole pair ------------------------------------------------------ */

/* Changes are read around the edits of a pair, but what the rest of the
 * pair holds counts as before. */
static void test_semantic__rest_of_the_pair(void **state)
{
	unsigned terms = ONLY(RL_CHANGE_TERM_ADDED) | ONLY(RL_CHANGE_TERM_REMOVED);

	(void)state;
	/* a word, a name under another of its names, another inflection */
	lacks("Het kabinet wil investeren in windenergie en netwerken. De minister zegt dat dit "
	      "een goede zaak is voor het land.",
	      "Het kabinet wil investeren in windenergie en netwerken. De minister zegt dat "
	      "windenergie een goede zaak is voor het land.", "nl", ALL, "term_added");
	none("Nederland steunt het plan van de commissie voor de regio. Later sprak de minister "
	     "met France over de gevolgen.",
	     "Nederland en Frankrijk steunen het plan van de commissie voor de regio. Later sprak "
	     "de minister met France over de gevolgen.", "nl", ONLY(RL_CHANGE_ENTITY_ADDED));
	none("De jongens maaien het gras achter het huis. Daarna gaan zij naar de stad.",
	     "De jongen maait het gras achter het huis. Daarna gaan zij naar de stad om te maaien.",
	     "nl", terms);
	/* a negator in another clause does not pair with a new one */
	has("De jongens gaan naar school. Later gaan zij niet naar de stad maar naar huis.",
	    "De jongens gaan niet naar school. Later gaan zij niet naar de stad maar naar huis.",
	    "nl", ALL, "negation:>niet;");
}

/* An old paragraph that is the new one's tail, at the very start of its
 * buffer: language detection compares their ends without reading before
 * either (ASan catches a read before the buffer). */
static void test_semantic__old_paragraph_is_the_new_ones_tail(void **state)
{
	(void)state;
	none("minister zegt dat het plan goed is.\n",
	     "De minister zegt dat het plan goed is.\n", NULL, ALL);
	none("plan.\n", "Het plan.\n", NULL, ALL);
}

/* Equal values pair in text order, so of two the last is the one left over. */
static void test_semantic__values_pair_in_text_order(void **state)
{
	char *got = changes_of("De premie stijgt met 5 procent dit jaar. Volgend jaar stijgt de "
	                       "premie weer met 5 procent.",
	                       "De premie stijgt dit jaar. Volgend jaar stijgt de premie weer met "
	                       "5 procent.", "nl", ONLY(RL_CHANGE_NUMBER), 1);

	(void)state;
	assert_string_equal(got, "number@80-89/66-66;");
	free(got);
}

/* ---- plumbing ------------------------------------------------------------ */

static void test_semantic__filter(void **state)
{
	const char *a = "Nederland en Frankrijk zijn voornemens om 55% te besteden.";
	const char *b = "Nederland en Frankrijk gaan niet 60% besteden.";

	(void)state;
	none(a, b, "nl", ONLY(RL_CHANGE_DATE));
	has(a, b, "nl", ONLY(RL_CHANGE_NEGATION), "negation:>niet;");
	lacks(a, b, "nl", ONLY(RL_CHANGE_NEGATION), "number");
}

static void test_semantic__language_from_the_texts(void **state)
{
	(void)state;
	/* in Dutch "want" is "because" and "ten" is "at the" */
	none("Het kabinet steunt het plan van de minister.",
	     "Het kabinet steunt het plan van de minister, want het is ten minste goed.", NULL, MEANING);
	has("The cabinet supports the plan of the minister.",
	    "The cabinet wants to support the plan of the minister.", NULL, ALL,
	    "modality:>wants(assertion -> intention);");
	/* Dutch decimals without --lang */
	none("De premie bedraagt € 1.987,– voor het hele jaar.",
	     "De premie bedraagt 1987 euro voor het hele jaar.", NULL, MEANING);
}

/* The lists are read once per process and shared by every analyser: two
 * threads comparing at once, one Dutch text pair and one English one
 * without --lang (each analyser picks its language from its texts) and
 * with it, find what one comparison alone finds. */
typedef struct lang_job {
	const char *old, *new, *lang, *want;
	int wrong;
} lang_job;

static void *lang_run(void *arg)
{
	lang_job *j = arg;

	for (int i = 0; i < 40; i++) {
		char *got = changes_of(j->old, j->new, j->lang, MEANING, 0);

		j->wrong += strcmp(got, j->want) != 0;
		free(got);
	}
	return NULL;
}

static void test_semantic__lists_shared_by_threads(void **state)
{
	lang_job jobs[4] = {
		{"Het kabinet steunt het plan van de minister.",
		 "Het kabinet steunt het plan van de minister, want het is ten minste goed.", NULL, "",
		 0},
		{"The cabinet supports the plan of the minister.",
		 "The cabinet wants to support the plan of the minister.", NULL,
		 "modality:>wants(assertion -> intention);", 0},
		{"De premie bedraagt 1,5 miljoen euro.", "De premie bedraagt 2,5 miljoen euro.", "nl",
		 "number:1,5 miljoen euro>2,5 miljoen euro;", 0},
		{"The premium is 1,500 euros.", "The premium is 2,500 euros.", "en",
		 "number:1,500 euros>2,500 euros;", 0},
	};
	pthread_t tid[4];

	(void)state;
	for (int k = 0; k < 4; k++)
		assert_int_equal(pthread_create(&tid[k], NULL, lang_run, &jobs[k]), 0);
	for (int k = 0; k < 4; k++) {
		pthread_join(tid[k], NULL);
		if (jobs[k].wrong)
			fail_msg("job %d: %d of 40 comparisons did not find \"%s\"", k, jobs[k].wrong,
			         jobs[k].want);
	}
}

static void test_semantic__type_names(void **state)
{
	(void)state;
	for (int t = 0; t < RL_CHANGE_TYPE_COUNT; t++)
		assert_int_equal(rl_change_type_from_name(rl_change_type_name((rl_change_type)t)), t);
	assert_int_equal(rl_change_type_from_name("numbers"), -1);
}

static void test_semantic__punctuation_and_space(void **state)
{
	(void)state;
	none("Nederland en Frankrijk willen, samen, 55% van de middelen besteden.",
	     "Nederland en Frankrijk willen samen  55% van de middelen\nbesteden", "nl", ALL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_semantic__number_nl),
		cmocka_unit_test(test_semantic__number_en),
		cmocka_unit_test(test_semantic__number_same_value),
		cmocka_unit_test(test_semantic__date),
		cmocka_unit_test(test_semantic__date_same_value),
		cmocka_unit_test(test_semantic__negation_nl),
		cmocka_unit_test(test_semantic__negation_en),
		cmocka_unit_test(test_semantic__negation_unchanged),
		cmocka_unit_test(test_semantic__modality_nl),
		cmocka_unit_test(test_semantic__modality_en),
		cmocka_unit_test(test_semantic__modality_unchanged),
		cmocka_unit_test(test_semantic__entity_nl),
		cmocka_unit_test(test_semantic__entity_en),
		cmocka_unit_test(test_semantic__entity_unchanged),
		cmocka_unit_test(test_semantic__terms),
		cmocka_unit_test(test_semantic__rest_of_the_pair),
		cmocka_unit_test(test_semantic__old_paragraph_is_the_new_ones_tail),
		cmocka_unit_test(test_semantic__values_pair_in_text_order),
		cmocka_unit_test(test_semantic__filter),
		cmocka_unit_test(test_semantic__language_from_the_texts),
		cmocka_unit_test(test_semantic__lists_shared_by_threads),
		cmocka_unit_test(test_semantic__type_names),
		cmocka_unit_test(test_semantic__punctuation_and_space),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
