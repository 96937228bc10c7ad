/*
 * test_corpus — the git-backed store through the library: creating and
 * finding a corpus, names, adding (dates, no-op re-adds, local changes),
 * reading REV:NAME, listing with dates, changes and history.  Each test
 * works in a fresh repository in a temporary directory.
 */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"
#include "corpus_tmp.h"
#include "redline.h"

typedef struct fixture {
	char dir[64];
	rl_corpus *c;
	rl_date committed; /* fixed committer date */
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	if (corpus_tmp_new(&f->c, f->dir, "test_corpus") < 0)
		return -1;
	rl_date_parse(&f->committed, "2026-04-01T12:00:00Z");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	corpus_tmp_free(f->c, f->dir);
	free(f);
	return 0;
}

/* Add one document dated `date`; returns the commit id ("" for none). */
static const char *add1(fixture *f, const char *name, const char *text, const char *date,
                        rl_corpus_status *status)
{
	static char commit[41];
	rl_corpus_file file = {name, text, strlen(text), {0, 0}, RL_CORPUS_UNCHANGED};
	rl_corpus_add_options o;

	rl_corpus_add_options_init(&o);
	o.author_name = "Test";
	o.author_email = "test@example.org";
	o.committer_date = &f->committed;
	assert_int_equal(rl_date_parse(&file.date, date), 0);
	if (rl_corpus_add(commit, f->c, &file, 1, &o) < 0)
		fail_msg("add %s: %s", name, rl_error_last());
	if (status)
		*status = file.status;
	return commit;
}

static char *read_spec(fixture *f, const char *spec)
{
	char *data = NULL;
	size_t len;

	if (rl_corpus_read(&data, &len, f->c, spec) < 0)
		fail_msg("read %s: %s", spec, rl_error_last());
	assert_int_equal(strlen(data), len);
	return data;
}

static void test_corpus__init_and_open(void **state)
{
	fixture *f = *state;
	rl_corpus *c = NULL;
	char sub[128], empty[] = "/tmp/test_corpus_empty.XXXXXX";
	int created = 1;

	assert_int_equal(rl_corpus_init(&c, f->dir, &created), 0);
	assert_int_equal(created, 0);
	rl_corpus_free(c);
	snprintf(sub, sizeof(sub), "%s/a", f->dir);
	assert_int_equal(mkdir(sub, 0777), 0);
	strcat(sub, "/b");
	assert_int_equal(mkdir(sub, 0777), 0);
	assert_int_equal(rl_corpus_open(&c, sub), 0);
	assert_non_null(strstr(rl_corpus_workdir(c), f->dir));
	rl_corpus_free(c);
	assert_non_null(mkdtemp(empty));
	assert_int_equal(rl_corpus_open(&c, empty), RL_ENOTFOUND);
	assert_non_null(strstr(rl_error_last(), "not in a corpus"));
	assert_null(c);
	rmdir(empty);
}

static void test_corpus__names(void **state)
{
	static const char *const good[] = {"a.txt", "dir/b.txt", "ü.txt", "a b.txt", ".hidden",
	                                   "x/.redline"};
	static const char *const bad[] = {"", "/abs.txt", "../x", "a/../b", "./a", ".git/config",
	                                  ".GIT", "a/.git/x", ".gitmodules", "GIT~1", "\xff.txt",
	                                  "a//b", "a/", ".redline", "ctrl\x01.txt", "back\\slash",
	                                  "dot.", ".git\xe2\x80\x8c"};

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (rl_corpus_check_name(good[i]) != 0)
			fail_msg("refused '%s': %s", good[i], rl_error_last());
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (rl_corpus_check_name(bad[i]) != RL_EINVALID)
			fail_msg("accepted '%s'", bad[i]);
}

static void test_corpus__add_and_read(void **state)
{
	fixture *f = *state;
	rl_corpus_status st;
	char first[41], path[128], *data;
	FILE *fp;

	strcpy(first, add1(f, "decl.txt", "Eerste versie.\n", "2021-08-31", &st));
	assert_int_equal(strlen(first), 40);
	assert_int_equal(st, RL_CORPUS_ADDED);
	add1(f, "decl.txt", "Tweede versie.\n", "2021-09-06", &st);
	assert_int_equal(st, RL_CORPUS_MODIFIED);
	data = read_spec(f, "HEAD~1:decl.txt");
	assert_string_equal(data, "Eerste versie.\n");
	free(data);
	data = read_spec(f, "HEAD:decl.txt");
	assert_string_equal(data, "Tweede versie.\n");
	free(data);
	/* the work tree follows */
	snprintf(path, sizeof(path), "%s/decl.txt", f->dir);
	assert_non_null(fp = fopen(path, "r"));
	fclose(fp);
	data = read_spec(f, ":decl.txt");
	assert_string_equal(data, "Tweede versie.\n");
	free(data);
	/* a commit id prefix */
	snprintf(path, sizeof(path), "%.8s:decl.txt", first);
	data = read_spec(f, path);
	assert_string_equal(data, "Eerste versie.\n");
	free(data);
}

static void test_corpus__identical_add_is_a_noop(void **state)
{
	fixture *f = *state;
	rl_corpus_status st;
	char id[41];

	add1(f, "a.txt", "Tekst.\n", "2022-03", NULL);
	assert_string_equal(add1(f, "a.txt", "Tekst.\n", "2023-01", &st), "");
	assert_int_equal(st, RL_CORPUS_UNCHANGED);
	assert_int_equal(rl_corpus_resolve(id, f->c, "HEAD~1"), RL_ENOTFOUND);
}

static void test_corpus__unknown_revision_and_name(void **state)
{
	fixture *f = *state;
	char *data = NULL;
	size_t len;

	assert_int_equal(rl_corpus_read(&data, &len, f->c, "HEAD:a.txt"), RL_ENOTFOUND);
	assert_non_null(strstr(rl_error_last(), "no commits"));
	add1(f, "a.txt", "Tekst.\n", "2022-03", NULL);
	assert_int_equal(rl_corpus_read(&data, &len, f->c, "nope:a.txt"), RL_ENOTFOUND);
	assert_non_null(strstr(rl_error_last(), "unknown revision 'nope'"));
	assert_int_equal(rl_corpus_read(&data, &len, f->c, "HEAD:b.txt"), RL_ENOTFOUND);
	assert_non_null(strstr(rl_error_last(), "b.txt"));
	assert_int_equal(rl_corpus_read(&data, &len, f->c, ":b.txt"), RL_ENOTFOUND);
	assert_int_equal(rl_corpus_read(&data, &len, f->c, "HEAD:../x"), RL_ENOTFOUND);
	assert_null(data);
}

static void test_corpus__dates_of_one_commit(void **state)
{
	fixture *f = *state;
	rl_corpus_file files[2] = {
		{"old.txt", "Oud.\n", 5, {0, 0}, RL_CORPUS_UNCHANGED},
		{"new.txt", "Nieuw.\n", 7, {0, 0}, RL_CORPUS_UNCHANGED},
	};
	rl_corpus_entries list;
	rl_corpus_add_options o;
	char commit[41], buf[40];

	rl_date_parse(&files[0].date, "2021-08-31");
	rl_date_parse(&files[1].date, "2026-03-02");
	rl_corpus_add_options_init(&o);
	o.committer_date = &f->committed;
	o.message = "Two documents";
	assert_int_equal(rl_corpus_add(commit, f->c, files, 2, &o), 0);
	assert_int_equal(rl_corpus_list(&list, f->c, NULL), 0);
	assert_int_equal(list.n, 2);
	assert_string_equal(list.v[0].name, "new.txt");
	assert_string_equal(rl_date_format(buf, sizeof(buf), list.v[0].date, 0), "2026-03-02");
	assert_string_equal(list.v[1].name, "old.txt");
	assert_string_equal(rl_date_format(buf, sizeof(buf), list.v[1].date, 0), "2021-08-31");
	assert_string_equal(list.v[1].commit, commit);
	rl_corpus_entries_free(&list);
}

static void test_corpus__list_dates_from_history(void **state)
{
	fixture *f = *state;
	rl_corpus_entries list;
	char buf[40];

	add1(f, "a.txt", "A1.\n", "2021-01-01", NULL);
	add1(f, "sub/b.txt", "B1.\n", "2022-02-02", NULL);
	add1(f, "a.txt", "A2.\n", "2023-03-03", NULL);
	assert_int_equal(rl_corpus_list(&list, f->c, "HEAD"), 0);
	assert_int_equal(list.n, 2);
	assert_string_equal(list.v[0].name, "a.txt");
	assert_string_equal(rl_date_format(buf, sizeof(buf), list.v[0].date, 0), "2023-03-03");
	assert_string_equal(list.v[1].name, "sub/b.txt");
	assert_string_equal(rl_date_format(buf, sizeof(buf), list.v[1].date, 0), "2022-02-02");
	rl_corpus_entries_free(&list);
	assert_int_equal(rl_corpus_list(&list, f->c, "HEAD~2"), 0);
	assert_int_equal(list.n, 1);
	assert_string_equal(rl_date_format(buf, sizeof(buf), list.v[0].date, 0), "2021-01-01");
	rl_corpus_entries_free(&list);
}

static void write_text(fixture *f, const char *name, const char *text)
{
	char path[128];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

/* Run a git command in the corpus with fixed identities and dates. */
static void git(fixture *f, const char *args, const char *date)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd),
	         "cd %s && GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@x GIT_COMMITTER_NAME=T "
	         "GIT_COMMITTER_EMAIL=t@x GIT_AUTHOR_DATE='%s' GIT_COMMITTER_DATE='%s' git %s "
	         ">/dev/null 2>&1", f->dir, date, date, args);
	assert_int_equal(system(cmd), 0);
}

static void test_corpus__dates_of_git_commits(void **state)
{
	fixture *f = *state;
	rl_corpus_entries list;
	char buf[40];

	add1(f, "a.txt", "A1.\n", "2021-01-01", NULL);
	add1(f, "b.txt", "B1.\n", "2022-02-02", NULL);
	/* a commit made with git: no trailers, dated by its tree and author */
	write_text(f, "a.txt", "A2 by git.\n");
	git(f, "commit -q -am 'Edit a with git'", "2024-05-05T10:00:00+00:00");
	/* an amended redline commit keeps its trailers but not its tree */
	add1(f, "c.txt", "C1.\n", "2023-03-03", NULL);
	write_text(f, "b.txt", "B2 amended.\n");
	git(f, "commit -q -a --amend --no-edit", "2025-06-06T10:00:00+00:00");
	assert_int_equal(rl_corpus_list(&list, f->c, NULL), 0);
	assert_int_equal(list.n, 3);
	assert_string_equal(rl_date_format(buf, sizeof(buf), list.v[0].date, 0), "2024-05-05");
	/* b.txt changed in the amended commit, whose trailers do not say so */
	assert_string_equal(rl_date_format(buf, sizeof(buf), list.v[1].date, 0), "2023-03-03");
	assert_string_equal(list.v[1].commit, list.v[2].commit);
	assert_string_equal(rl_date_format(buf, sizeof(buf), list.v[2].date, 0), "2023-03-03");
	rl_corpus_entries_free(&list);
}

static void test_corpus__changes_and_log(void **state)
{
	fixture *f = *state;
	rl_corpus_entries ch, log;

	add1(f, "a.txt", "A1.\n", "2021-01-01", NULL);
	add1(f, "b.txt", "B1.\n", "2022-02-02", NULL);
	add1(f, "a.txt", "A2.\n", "2023-03-03", NULL);
	assert_int_equal(rl_corpus_changes(&ch, f->c, "HEAD~2", "HEAD"), 0);
	assert_int_equal(ch.n, 2);
	assert_string_equal(ch.v[0].name, "a.txt");
	assert_int_equal(ch.v[0].status, RL_CORPUS_MODIFIED);
	assert_int_equal(ch.v[1].status, RL_CORPUS_ADDED);
	assert_string_equal(ch.v[1].old_id, "");
	rl_corpus_entries_free(&ch);
	/* base NULL: the parent of head */
	assert_int_equal(rl_corpus_changes(&ch, f->c, NULL, "HEAD~1"), 0);
	assert_int_equal(ch.n, 1);
	assert_string_equal(ch.v[0].name, "b.txt");
	rl_corpus_entries_free(&ch);
	assert_int_equal(rl_corpus_log(&log, f->c, NULL, "a.txt"), 0);
	assert_int_equal(log.n, 2);
	assert_int_equal(log.v[0].status, RL_CORPUS_MODIFIED);
	assert_int_equal(log.v[1].status, RL_CORPUS_ADDED);
	assert_string_equal(log.v[0].subject, "Update a.txt");
	rl_corpus_entries_free(&log);
	assert_int_equal(rl_corpus_log(&log, f->c, NULL, NULL), 0);
	assert_int_equal(log.n, 3);
	rl_corpus_entries_free(&log);
}

static void test_corpus__local_changes_refused(void **state)
{
	fixture *f = *state;
	rl_corpus_file file = {"a.txt", "Van buiten.\n", 12, {0, 0}, RL_CORPUS_UNCHANGED};
	rl_corpus_entries ch;
	char commit[41];

	add1(f, "a.txt", "A1.\n", "2021-01-01", NULL);
	write_text(f, "a.txt", "Lokaal bewerkt.\n");
	assert_int_equal(rl_corpus_add(commit, f->c, &file, 1, NULL), RL_EINVALID);
	assert_non_null(strstr(rl_error_last(), "local changes"));
	/* the work tree file itself as the new version is fine */
	assert_int_equal(rl_corpus_changes(&ch, f->c, "HEAD", NULL), 0);
	assert_int_equal(ch.n, 1);
	assert_true(ch.v[0].new_in_worktree);
	rl_corpus_entries_free(&ch);
	add1(f, "a.txt", "Lokaal bewerkt.\n", "2021-02-01", NULL);
	assert_int_equal(rl_corpus_changes(&ch, f->c, "HEAD", NULL), 0);
	assert_int_equal(ch.n, 0);
	rl_corpus_entries_free(&ch);
}

static void test_corpus__folder_conflicts_refused(void **state)
{
	fixture *f = *state;
	rl_corpus_file file = {"a.txt/b.txt", "X.\n", 3, {0, 0}, RL_CORPUS_UNCHANGED};
	char commit[41];

	add1(f, "a.txt", "A1.\n", "2021-01-01", NULL);
	assert_int_equal(rl_corpus_add(commit, f->c, &file, 1, NULL), RL_EINVALID);
	add1(f, "d/x.txt", "X.\n", "2021-01-01", NULL);
	file.name = "d";
	assert_int_equal(rl_corpus_add(commit, f->c, &file, 1, NULL), RL_EINVALID);
	assert_non_null(strstr(rl_error_last(), "folder"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_corpus__init_and_open, setup, teardown),
		cmocka_unit_test(test_corpus__names),
		cmocka_unit_test_setup_teardown(test_corpus__add_and_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corpus__identical_add_is_a_noop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corpus__unknown_revision_and_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corpus__dates_of_one_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corpus__list_dates_from_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corpus__dates_of_git_commits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corpus__changes_and_log, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corpus__local_changes_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corpus__folder_conflicts_refused, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
