/*
 * test_similarity — term vectors (stems, n-grams, stopwords, aliases),
 * rarity weights, the score, batch scoring and the candidate index.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "similarity.h"

typedef struct fx {
	rl_sim *sim;
	rl_arena arena;
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));

	if (!f || rl_sim_new(&f->sim, "nl") < 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;

	rl_sim_free(f->sim);
	rl_arena_free(&f->arena);
	free(f);
	return 0;
}

static rl_vec vec(fx *f, const char *text)
{
	rl_vec v;

	assert_int_equal(rl_sim_vec(f->sim, &v, &f->arena, text, 0, strlen(text)), 0);
	return v;
}

static rl_vec weighed(fx *f, const char *text, const rl_stats *st)
{
	rl_vec v = vec(f, text);

	rl_vec_weigh(&v, st);
	return v;
}

static double score(fx *f, const char *a, const char *b)
{
	rl_vec x = weighed(f, a, NULL), y = weighed(f, b, NULL);

	return rl_vec_score(&x, &y);
}

static void test_similarity__stems_meet_and_stopwords_vanish(void **state)
{
	fx *f = *state;
	rl_vec a = weighed(f, "de landen", NULL), b = weighed(f, "het land", NULL);
	rl_vec c = weighed(f, "de het een", NULL);

	assert_int_equal(a.n_words, 1); /* "de" is a stopword */
	assert_true(rl_vec_cos_words(&a, &b) > 0.999);
	assert_int_equal(c.n_words, 0);
	assert_int_equal(c.n_grams, 0);
	assert_true(rl_vec_score(&a, &c) == 0);
	assert_true(score(f, "Landen", "landen") > 0.999); /* casefolded */
}

static void test_similarity__ngrams_join_compounds(void **state)
{
	fx *f = *state;
	rl_vec a = weighed(f, "defensiesamenwerking", NULL);
	rl_vec b = weighed(f, "samenwerking op defensiegebied", NULL);
	rl_vec c = weighed(f, "regeringsconsultatie", NULL);
	rl_vec d = weighed(f, "regeringsoverleg", NULL);
	rl_vec e = weighed(f, "klimaatverandering", NULL);

	/* the compound's parts are words of their own, and many n-grams meet */
	assert_true(rl_vec_cos_words(&a, &b) > 0.3);
	assert_true(rl_vec_cos_grams(&a, &b) > 0.5);
	assert_true(rl_vec_cos_grams(&c, &d) > 0.25);
	assert_true(rl_vec_score(&c, &d) > rl_vec_score(&c, &e));
	/* a word of n code points framed by '#' has n + 2 - 3 4-grams */
	{
		rl_vec g = vec(f, "kaas");
		assert_int_equal(g.n_grams, 3);
		assert_int_equal(g.n_words, 1);
	}
}

static void test_similarity__hyphenated_words_split(void **state)
{
	fx *f = *state;
	rl_vec a = weighed(f, "EU-middelen", NULL), b = weighed(f, "middelen en EU", NULL);

	assert_int_equal(a.n_content, 2);
	assert_int_equal(a.n_words, 3); /* eu, middel and the pair of them */
	assert_true(rl_vec_cos_words(&a, &b) > 0.6);
}

static void test_similarity__adjacent_words_pair_up(void **state)
{
	fx *f = *state;
	rl_vec a = weighed(f, "strategische autonomie", NULL);
	rl_vec b = weighed(f, "autonomie, strategische", NULL);
	rl_vec c = weighed(f, "de strategische autonomie van Europa", NULL);

	/* the pair is a term of its own; punctuation breaks it */
	assert_int_equal(a.n_words, 3);
	assert_int_equal(b.n_words, 2);
	assert_true(rl_vec_cos_words(&a, &c) > rl_vec_cos_words(&b, &c));
	/* stopwords in between do not */
	assert_int_equal(c.n_words, 5);
}

static void test_similarity__aliases_meet(void **state)
{
	fx *f = *state;

	assert_true(score(f, "de NAVO", "de NATO") > 0.999);
	assert_true(score(f, "het Koninkrijk der Nederlanden", "Nederland") > 0.999);
	assert_true(score(f, "de Europese Unie", "de EU") > 0.999);
	assert_true(score(f, "Kaboel", "Kabul") > 0.999);
	assert_true(score(f, "de Noord-Atlantische Verdragsorganisatie", "NAVO") > 0.999);
}

static void test_similarity__rarity_weights(void **state)
{
	fx *f = *state;
	rl_stats *st;
	const char *docs[] = {"Nederland steunt Oekraïne", "Nederland steunt Afrika",
	                      "Nederland en klimaat", "Nederland bouwt dijken"};
	rl_vec v;

	assert_int_equal(rl_stats_new(&st), 0);
	for (size_t i = 0; i < 4; i++) {
		v = vec(f, docs[i]);
		assert_int_equal(rl_stats_add(st, &v), 0);
	}
	assert_int_equal(st->n_docs, 4);
	v = vec(f, "Nederland");
	/* a term in every document weighs less than one in a single document,
	 * which weighs less than an unseen one */
	{
		rl_vec r = vec(f, "klimaat"), u = vec(f, "kernenergie");
		double w_common = rl_stats_idf(st, v.v[0].key);
		double w_rare = rl_stats_idf(st, r.v[0].key);
		double w_unseen = rl_stats_idf(st, u.v[0].key);
		assert_true(w_common < w_rare);
		assert_true(w_rare < w_unseen);
	}
	assert_true(rl_stats_idf(NULL, v.v[0].key) == 1.0);
	/* shared rare terms count for more than shared common ones */
	{
		rl_vec a = weighed(f, "Nederland steunt klimaat", st);
		rl_vec b = weighed(f, "Nederland dijken", st);
		rl_vec c = weighed(f, "klimaat dijken", st);
		assert_true(rl_vec_score(&a, &c) > rl_vec_score(&a, &b));
	}
	rl_stats_free(st);
	rl_stats_free(NULL);
}

static void test_similarity__scores_in_range_and_ordered(void **state)
{
	fx *f = *state;
	double same = score(f, "Een man speelt gitaar", "Een man speelt gitaar");
	double close = score(f, "Een man speelt gitaar", "Een jongen speelt gitaar");
	double far = score(f, "Een man speelt gitaar", "Een vrouw snijdt uien");

	assert_true(same > 0.999 && same <= 1.0);
	assert_true(close < same && close > far);
	assert_true(far >= 0);
}

static void test_similarity__pairs_batch(void **state)
{
	fx *f = *state;
	const char *data = "Een man speelt gitaar\tEen man speelt op een gitaar\n"
	                   "Een kat slaapt\tDe hond rent\n";
	size_t spans[8] = {0, 21, 22, 50, 51, 65, 66, 78};
	double s[2];

	assert_int_equal(rl_sim_pairs(f->sim, s, data, spans, 2), 0);
	assert_true(s[0] > 0.7);
	assert_true(s[1] < 0.3);
}

static void test_similarity__index_finds_candidates(void **state)
{
	fx *f = *state;
	const char *docs[] = {
		"De NAVO is de hoeksteen van de collectieve defensie.",
		"Het klimaatakkoord van Parijs moet worden uitgevoerd.",
		"Humanitaire hulp voor Afghanistan via de luchthaven van Kabul.",
		"Samenwerking op het gebied van kwantumtechnologie.",
	};
	rl_vec v[4], q;
	rl_stats *st;
	rl_sim_index *ix;
	rl_sim_cursor *cur;
	uint32_t ids[4];
	size_t n;

	assert_int_equal(rl_stats_new(&st), 0);
	for (size_t i = 0; i < 4; i++) {
		v[i] = vec(f, docs[i]);
		assert_int_equal(rl_stats_add(st, &v[i]), 0);
	}
	for (size_t i = 0; i < 4; i++)
		rl_vec_weigh(&v[i], st);
	assert_int_equal(rl_sim_index_new(&ix, v, 4, 3), 0);
	assert_int_equal(rl_sim_cursor_new(&cur, ix), 0);
	q = weighed(f, "De NATO blijft het fundament van de collectieve defensie.", st);
	n = rl_sim_index_query(cur, &q, ids, 4);
	assert_true(n >= 1);
	assert_int_equal(ids[0], 0);
	q = weighed(f, "Hulp aan de Afghaanse bevolking in Kaboel", st);
	n = rl_sim_index_query(cur, &q, ids, 1);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], 2);
	/* k = 0 asks for nothing and leaves the cursor clean */
	assert_int_equal(rl_sim_index_query(cur, &q, ids, 0), 0);
	q = weighed(f, "xyzzy", st);
	assert_int_equal(rl_sim_index_query(cur, &q, ids, 4), 0);
	rl_sim_cursor_free(cur);
	rl_sim_index_free(ix);
	/* terms in more vectors than max_df are not looked up */
	assert_int_equal(rl_sim_index_new(&ix, v, 4, 0), 0);
	assert_int_equal(rl_sim_cursor_new(&cur, ix), 0);
	q = weighed(f, "De NATO blijft het fundament van de collectieve defensie.", st);
	assert_int_equal(rl_sim_index_query(cur, &q, ids, 4), 0);
	rl_sim_cursor_free(cur);
	rl_sim_index_free(ix);
	rl_stats_free(st);
}

/* More candidates than asked for: the best k, by score and then by id
 * (vectors with the same text tie), the same again from the same cursor. */
static void test_similarity__index_keeps_the_best_k(void **state)
{
	fx *f = *state;
	const char *docs[] = {
		"De collectieve defensie van Europa en de NAVO.",
		"De collectieve defensie blijft nodig.",
		"Defensie kost geld.",
	};
	rl_vec v[12], q;
	rl_stats *st;
	rl_sim_index *ix;
	rl_sim_cursor *cur;
	uint32_t ids[8];

	assert_int_equal(rl_stats_new(&st), 0);
	for (size_t i = 0; i < 12; i++) {
		v[i] = vec(f, docs[i % 3]);
		assert_int_equal(rl_stats_add(st, &v[i]), 0);
	}
	for (size_t i = 0; i < 12; i++)
		rl_vec_weigh(&v[i], st);
	assert_int_equal(rl_sim_index_new(&ix, v, 12, 12), 0);
	assert_int_equal(rl_sim_cursor_new(&cur, ix), 0);
	q = weighed(f, docs[0], st);
	for (int round = 0; round < 2; round++) {
		uint32_t next;

		assert_int_equal(rl_sim_index_query(cur, &q, ids, 8), 8);
		for (uint32_t r = 0; r < 4; r++)
			assert_int_equal(ids[r], 3 * r); /* the same text, by id */
		next = ids[4];
		assert_true(next == 1 || next == 2);
		for (uint32_t r = 0; r < 4; r++)
			assert_int_equal(ids[4 + r], next + 3 * r);
		assert_int_equal(rl_sim_index_query(cur, &q, ids, 2), 2);
		assert_int_equal(ids[0], 0);
		assert_int_equal(ids[1], 3);
	}
	rl_sim_cursor_free(cur);
	rl_sim_index_free(ix);
	rl_stats_free(st);
}

static void test_similarity__sum_equals_whole(void **state)
{
	fx *f = *state;
	const char *t = "Nederland steunt Oekraïne. De NAVO blijft de hoeksteen.";
	rl_vec parts[2], sum, whole;
	size_t dot = (size_t)(strchr(t, '.') - t) + 1;

	assert_int_equal(rl_sim_vec(f->sim, &parts[0], &f->arena, t, 0, dot), 0);
	assert_int_equal(rl_sim_vec(f->sim, &parts[1], &f->arena, t, dot, strlen(t)), 0);
	assert_int_equal(rl_vec_sum(&sum, &f->arena, parts, 2, NULL), 0);
	whole = vec(f, t);
	assert_int_equal(sum.n_words, whole.n_words);
	assert_int_equal(sum.n_grams, whole.n_grams);
	assert_int_equal(sum.n_content, whole.n_content);
	for (size_t i = 0; i < (size_t)whole.n_words + whole.n_grams; i++) {
		assert_true(sum.v[i].key == whole.v[i].key);
		assert_true(sum.v[i].w == whole.v[i].w);
	}
}

/* rl_vec_sum tells where each term of each summed vector went: to a term
 * of the same key, in the same part. */
static void test_similarity__sum_reports_where_terms_went(void **state)
{
	fx *f = *state;
	const char *t = "Nederland steunt Oekraïne. De NAVO steunt Nederland. Oekraïne wacht.";
	rl_vec parts[3], sum;
	size_t cut[4] = {0, 0, 0, strlen(t)}, total = 0, o = 0;
	uint32_t at[512];

	cut[1] = (size_t)(strchr(t, '.') - t) + 1;
	cut[2] = (size_t)(strchr(t + cut[1], '.') - t) + 1;
	for (size_t k = 0; k < 3; k++) {
		assert_int_equal(rl_sim_vec(f->sim, &parts[k], &f->arena, t, cut[k], cut[k + 1]), 0);
		total += (size_t)parts[k].n_words + parts[k].n_grams;
	}
	assert_true(total <= 512);
	assert_int_equal(rl_vec_sum(&sum, &f->arena, parts, 3, at), 0);
	for (size_t k = 0; k < 3; k++)
		for (size_t e = 0; e < (size_t)parts[k].n_words + parts[k].n_grams; e++, o++) {
			assert_true(at[o] < (size_t)sum.n_words + sum.n_grams);
			assert_true(sum.v[at[o]].key == parts[k].v[e].key);
			assert_int_equal(at[o] < sum.n_words, e < parts[k].n_words);
		}
}

static void test_similarity__stats_merge_and_df(void **state)
{
	fx *f = *state;
	rl_stats *a, *b, *both;
	rl_vec x = vec(f, "klimaat en energie"), y = vec(f, "klimaat en water");
	uint64_t klimaat = vec(f, "klimaat").v[0].key, water = vec(f, "water").v[0].key;

	assert_int_equal(rl_stats_new(&a), 0);
	assert_int_equal(rl_stats_new(&b), 0);
	assert_int_equal(rl_stats_new(&both), 0);
	assert_int_equal(rl_stats_add(a, &x), 0);
	assert_int_equal(rl_stats_add(b, &y), 0);
	assert_int_equal(rl_stats_add(b, &y), 0);
	assert_int_equal(rl_stats_merge(both, a), 0);
	assert_int_equal(rl_stats_merge(both, b), 0);
	assert_int_equal(both->n_docs, 3);
	assert_int_equal(rl_stats_df(both, klimaat), 3);
	assert_int_equal(rl_stats_df(both, water), 2);
	assert_int_equal(rl_stats_df(a, water), 0);
	/* many keys: the table grows and keeps every count */
	for (int i = 0; i < 3000; i++) {
		char w[32];
		rl_vec v;
		snprintf(w, sizeof(w), "woord%d", i);
		v = vec(f, w);
		assert_int_equal(rl_stats_add(a, &v), 0);
	}
	assert_int_equal(rl_stats_df(a, klimaat), 1);
	assert_int_equal(a->n_docs, 3001);
	/* the terms of a vector looked up at once: the slots one by one would
	 * give, NULL where the table lacks the key */
	{
		rl_vec v = vec(f, "klimaat water energie woord17 kwantum woord2999 woord5 en");
		const rl_df_slot *slot[64];
		size_t found = 0;

		assert_true(v.n_words + v.n_grams <= 64);
		rl_stats_find_terms(a, v.v, (size_t)v.n_words + v.n_grams, slot);
		for (size_t i = 0; i < (size_t)v.n_words + v.n_grams; i++) {
			assert_ptr_equal(slot[i], rl_stats_find(a, v.v[i].key));
			found += slot[i] != NULL;
		}
		/* some there (klimaat, woord17), some not (kwantum) */
		assert_true(found > 0 && found < (size_t)v.n_words + v.n_grams);
		rl_stats_find_terms(b, v.v, (size_t)v.n_words + v.n_grams, slot);
		for (size_t i = 0; i < (size_t)v.n_words + v.n_grams; i++)
			assert_ptr_equal(slot[i], rl_stats_find(b, v.v[i].key));
		/* a table never added to: none */
		{
			rl_stats *empty;

			assert_int_equal(rl_stats_new(&empty), 0);
			slot[0] = (const rl_df_slot *)slot;
			rl_stats_find_terms(empty, v.v, (size_t)v.n_words + v.n_grams, slot);
			for (size_t i = 0; i < (size_t)v.n_words + v.n_grams; i++)
				assert_null(slot[i]);
			rl_stats_free(empty);
		}
	}
	rl_stats_free(a);
	rl_stats_free(b);
	rl_stats_free(both);
}

/* The cached rarity of a side's terms: the idf of the joint table, negated
 * for a term the other side lacks. */
static void test_similarity__stats_cache_idf(void **state)
{
	fx *f = *state;
	rl_stats *a, *b, *both;
	rl_vec x = vec(f, "klimaat en energie"), y = vec(f, "klimaat en water");
	uint64_t klimaat = vec(f, "klimaat").v[0].key, energie = vec(f, "energie").v[0].key;
	const rl_df_slot *d;

	assert_int_equal(rl_stats_new(&a), 0);
	assert_int_equal(rl_stats_new(&b), 0);
	assert_int_equal(rl_stats_new(&both), 0);
	assert_int_equal(rl_stats_add(a, &x), 0);
	assert_int_equal(rl_stats_add(b, &y), 0);
	assert_int_equal(rl_stats_merge(both, a), 0);
	assert_int_equal(rl_stats_merge(both, b), 0);
	rl_stats_cache_idf(a, both, b);
	assert_non_null(d = rl_stats_find(a, klimaat));
	assert_true(fabs(d->idf - rl_stats_idf(both, klimaat)) < 1e-6);
	assert_non_null(d = rl_stats_find(a, energie));
	assert_true(d->idf < 0 && fabs(-d->idf - rl_stats_idf(both, energie)) < 1e-6);
	assert_null(rl_stats_find(b, energie));
	rl_stats_free(a);
	rl_stats_free(b);
	rl_stats_free(both);
}

static void test_similarity__score_from_dots_matches(void **state)
{
	fx *f = *state;
	rl_vec a = weighed(f, "De NAVO blijft de hoeksteen van de collectieve defensie", NULL);
	rl_vec b = weighed(f, "De NATO is het fundament van de collectieve verdediging", NULL);
	double dw = rl_vec_cos_words(&a, &b) * a.norm_words * b.norm_words;
	double dg = rl_vec_cos_grams(&a, &b) * a.norm_grams * b.norm_grams;

	assert_true(fabs(rl_vec_score_dots(dw, dg, &a, &b) - rl_vec_score(&a, &b)) < 1e-6);
	assert_true(rl_term_weight(1, 2.0) == 2.0f);
	assert_true(rl_term_weight(3, 1.0) > 2.0f);
}

static void test_similarity__unknown_language_fails(void **state)
{
	rl_sim *s;

	(void)state;
	assert_int_equal(rl_sim_new(&s, "xx-unknown"), RL_EINVALID);
	assert_null(s);
	assert_int_equal(rl_sim_new(&s, NULL), 0);
	assert_string_equal(rl_sim_lang(s), "none");
	rl_sim_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_similarity__stems_meet_and_stopwords_vanish, setup, teardown),
		cmocka_unit_test_setup_teardown(test_similarity__ngrams_join_compounds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_similarity__hyphenated_words_split, setup, teardown),
		cmocka_unit_test_setup_teardown(test_similarity__adjacent_words_pair_up, setup, teardown),
		cmocka_unit_test_setup_teardown(test_similarity__aliases_meet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_similarity__rarity_weights, setup, teardown),
		cmocka_unit_test_setup_teardown(test_similarity__scores_in_range_and_ordered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_similarity__pairs_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_similarity__index_finds_candidates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_similarity__index_keeps_the_best_k, setup, teardown),
		cmocka_unit_test_setup_teardown(test_similarity__sum_equals_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_similarity__sum_reports_where_terms_went, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_similarity__stats_merge_and_df, setup, teardown),
		cmocka_unit_test_setup_teardown(test_similarity__stats_cache_idf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_similarity__score_from_dots_matches, setup, teardown),
		cmocka_unit_test(test_similarity__unknown_language_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
