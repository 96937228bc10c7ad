/*
 * corpus — documents versioned in a plain git repository through libgit2
 * (the only file that includes <git2.h>).  An add writes blobs, trees and
 * the commit first and then moves the branch with compare-and-swap on its
 * old value (git_reference_create_matching), retrying when another writer
 * won, so concurrent adds all land and a killed add leaves only unreferenced
 * objects.  The work tree and index follow under an flock(2), which the
 * kernel releases when a process dies.  Histories are read by walking first
 * parents and merging sorted tree entries, skipping equal subtrees.
 */
#include "corpus.h"

#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <git2/sys/commit.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "doc.h"
#include "text.h"
#include "util.h"

#define DATE_TRAILER "Redline-Date"
/* "PARENT TREE" ("root" for no parent): the change the date trailers list */
#define CHANGE_TRAILER "Redline-Change"
/* How long an add keeps retrying while the branch is locked or moving. */
#define LOCK_PATIENCE_MS 2000
#define RACE_PATIENCE_MS 120000

struct rl_corpus {
	git_repository *repo;
	const char *workdir; /* borrowed from repo; NULL when bare */
};

/* ---- errors ---------------------------------------------------------------- */

/* Record libgit2's last error (which may be NULL in libgit2 1.5) after
 * `what`, mapping the code. */
static int git_fail(int code, const char *what)
{
	const git_error *e = git_error_last();
	const char *msg = e && e->message && *e->message ? e->message : "unknown libgit2 error";
	int rl = code == GIT_ENOTFOUND ? RL_ENOTFOUND : RL_EGIT;

	return rl_error_set(rl, "%s: %s", what, msg);
}

const char *rl_corpus_status_name(rl_corpus_status s)
{
	static const char *const names[] = {"unchanged", "added", "modified", "deleted"};

	return (unsigned)s < 4 ? names[s] : "unknown";
}

static void oid_hex(char out[41], const git_oid *id)
{
	if (id)
		git_oid_tostr(out, 41, id);
	else
		out[0] = '\0';
}

/* ---- opening --------------------------------------------------------------- */

static int corpus_wrap(rl_corpus **out, git_repository *repo)
{
	rl_corpus *c = rl_calloc(1, sizeof(*c));

	if (!c) {
		git_repository_free(repo);
		git_libgit2_shutdown();
		return RL_ENOMEM;
	}
	c->repo = repo;
	c->workdir = git_repository_workdir(repo);
	*out = c;
	return 0;
}

/* Start libgit2 (one git_libgit2_shutdown() per call) with redline's
 * options. */
static void git_setup(void)
{
	git_libgit2_init();
	/* keep large trees in the object cache (default: 4 KiB); a flat corpus
	 * of 1,000 documents has a 40 KiB root tree that an add reads thrice */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)1 << 22);
	/* objects read are not hashed again to check their ids, as git itself
	 * reads them (git fsck checks them): an add read its 40 KiB tree's
	 * SHA-1 once more, a trace every document's.  A damaged object still
	 * fails to inflate or parse; what is written is hashed as always. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

int rl_corpus_open(rl_corpus **out, const char *dir)
{
	git_repository *repo = NULL;
	int err;

	*out = NULL;
	git_setup();
	err = git_repository_open_ext(&repo, dir, 0, NULL);
	if (err == GIT_ENOTFOUND) {
		git_libgit2_shutdown();
		return rl_error_set(RL_ENOTFOUND,
		                    "not in a corpus: no git repository in %s or above (see 'redline init')",
		                    dir);
	}
	if (err < 0) {
		err = git_fail(err, "cannot open the corpus");
		git_libgit2_shutdown();
		return err;
	}
	return corpus_wrap(out, repo);
}

int rl_corpus_init(rl_corpus **out, const char *dir, int *created)
{
	git_repository_init_options o;
	git_repository *repo = NULL;
	int err;

	*out = NULL;
	*created = 0;
	git_setup();
	git_repository_init_options_init(&o, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	if (git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == 0)
		return corpus_wrap(out, repo);
	o.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT;
	o.initial_head = "main";
	if ((err = git_repository_init_ext(&repo, dir, &o)) < 0) {
		char what[300];

		snprintf(what, sizeof(what), "cannot create a corpus in %s", dir);
		err = git_fail(err, what);
		git_libgit2_shutdown();
		return err;
	}
	*created = 1;
	return corpus_wrap(out, repo);
}

void rl_corpus_free(rl_corpus *c)
{
	if (!c)
		return;
	git_repository_free(c->repo);
	free(c);
	git_libgit2_shutdown();
}

const char *rl_corpus_workdir(const rl_corpus *c)
{
	return c->workdir;
}

/* ---- names ----------------------------------------------------------------- */

/* 1 for a component git treats as its own: ".git" in any case, with the
 * trailing dots and spaces NTFS drops, its 8.3 alias "git~1", and
 * .gitmodules, .gitattributes and the like. */
static int is_git_component(const char *s, size_t n)
{
	if (n >= 4 && s[0] == '.' && (s[1] | 32) == 'g' && (s[2] | 32) == 'i' && (s[3] | 32) == 't')
		return 1;
	return n >= 5 && (s[0] | 32) == 'g' && (s[1] | 32) == 'i' && (s[2] | 32) == 't' &&
	       s[3] == '~' && s[4] >= '0' && s[4] <= '9';
}

/* Code points HFS+ ignores when comparing names, which could hide ".git". */
static int has_ignorable(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp = rl_text_next(s, n, &i);

		if ((cp >= 0x200c && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x206a && cp <= 0x206f) || cp == 0xfeff)
			return 1;
	}
	return 0;
}

static int check_component(const char *name, const char *s, size_t n)
{
	if (n == 0)
		return rl_error_set(RL_EINVALID, "'%s': empty path component", name);
	if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
		return rl_error_set(RL_EINVALID, "'%s': '.' and '..' are not allowed in a name", name);
	if (is_git_component(s, n) || has_ignorable(s, n))
		return rl_error_set(RL_EINVALID, "'%s': names inside .git or like it are not allowed",
		                    name);
	if (s[n - 1] == ' ' || s[n - 1] == '.')
		return rl_error_set(RL_EINVALID, "'%s': a component may not end in a space or dot",
		                    name);
	return 0;
}

int rl_corpus_check_name(const char *name)
{
	size_t len = strlen(name), bad, start = 0;
	int err;

	if (len == 0)
		return rl_error_set(RL_EINVALID, "empty document name");
	if (rl_text_validate(name, len, &bad) < 0)
		return rl_error_set(RL_EINVALID, "document name is not valid UTF-8 (at byte %zu)", bad);
	if (name[0] == '/')
		return rl_error_set(RL_EINVALID, "'%s': a document name is relative to the corpus", name);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f || name[i] == '\\')
			return rl_error_set(RL_EINVALID,
			                    "'%s': control characters and backslashes are not allowed",
			                    name);
	if (!strcmp(name, RL_CORPUS_POLICY))
		return rl_error_set(RL_EINVALID, "'%s' is the policy file, not a document", name);
	for (size_t i = 0; i <= len; i++)
		if (i == len || name[i] == '/') {
			if ((err = check_component(name, name + start, i - start)) < 0)
				return err;
			start = i + 1;
		}
	return 0;
}

/* ---- revisions and reading ------------------------------------------------- */

/* The commit `rev` names.  RL_ENOTFOUND when there is none. */
static int lookup_commit(git_commit **out, rl_corpus *c, const char *rev)
{
	git_object *obj = NULL;
	int err;

	*out = NULL;
	if (!rev)
		rev = "HEAD";
	if (!strncmp(rev, "HEAD", 4) && git_repository_head_unborn(c->repo) == 1)
		return rl_error_set(RL_ENOTFOUND, "the corpus has no commits yet");
	err = git_revparse_single(&obj, c->repo, rev);
	if (err == GIT_ENOTFOUND || err == GIT_EAMBIGUOUS || err == GIT_EINVALIDSPEC) {
		return rl_error_set(RL_ENOTFOUND, "%s revision '%s'",
		                    err == GIT_EAMBIGUOUS && strlen(rev) >= 4 ? "ambiguous" : "unknown",
		                    rev);
	}
	if (err < 0) {
		char what[200];

		snprintf(what, sizeof(what), "cannot read revision '%s'", rev);
		return git_fail(err, what);
	}
	err = git_object_peel((git_object **)out, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (err < 0)
		return rl_error_set(RL_ENOTFOUND, "'%s' is not a commit", rev);
	return 0;
}

/* Where a history starts: the commit `rev` names, HEAD for NULL.  Returns
 * 1 with `*tip` NULL when HEAD is NULL and unborn (an empty history). */
static int start_commit(git_commit **tip, rl_corpus *c, const char *rev)
{
	*tip = NULL;
	if (!rev && git_repository_head_unborn(c->repo) == 1)
		return 1;
	return lookup_commit(tip, c, rev);
}

int rl_corpus_resolve(char id[41], rl_corpus *c, const char *rev)
{
	git_commit *commit;
	int err = lookup_commit(&commit, c, rev);

	if (err < 0)
		return err;
	oid_hex(id, git_commit_id(commit));
	git_commit_free(commit);
	return 0;
}

static int copy_blob(char **data, size_t *len, git_blob *blob)
{
	git_object_size_t size = git_blob_rawsize(blob);

	if (size > (git_object_size_t)SIZE_MAX - 1)
		return rl_error_set(RL_ENOMEM, "document too large");
	if (!(*data = rl_malloc((size_t)size + 1)))
		return RL_ENOMEM;
	memcpy(*data, git_blob_rawcontent(blob), (size_t)size);
	(*data)[size] = '\0';
	*len = (size_t)size;
	return 0;
}

static int read_worktree(char **data, size_t *len, rl_corpus *c, const char *name)
{
	rl_buf path = RL_BUF_INIT;
	int err;

	if ((err = rl_corpus_check_name(name)) < 0)
		return err;
	if (!c->workdir)
		return rl_error_set(RL_ENOTFOUND, ":%s: the corpus has no work tree", name);
	if (rl_buf_puts(&path, c->workdir) < 0 || rl_buf_puts(&path, name) < 0)
		return RL_ENOMEM;
	err = rl_read_file(data, len, path.data, 0);
	rl_buf_free(&path);
	if (err == RL_ENOTFOUND)
		return rl_error_set(RL_ENOTFOUND, ":%s: no such document in the work tree", name);
	return err;
}

/* Read the blob at `name` in the tree of `rev`. */
static int read_at(char **data, size_t *len, rl_corpus *c, const char *rev, const char *name)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	int err;

	if ((err = lookup_commit(&commit, c, rev)) < 0)
		return err;
	if ((err = git_commit_tree(&tree, commit)) < 0) {
		err = git_fail(err, rev);
		goto done;
	}
	if (git_tree_entry_bypath(&entry, tree, name) < 0 ||
	    git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
		err = rl_error_set(RL_ENOTFOUND, "%s:%s: no such document at %s", rev, name, rev);
		goto done;
	}
	if ((err = git_blob_lookup(&blob, c->repo, git_tree_entry_id(entry))) < 0) {
		err = git_fail(err, name);
		goto done;
	}
	err = copy_blob(data, len, blob);
done:
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(commit);
	return err;
}

/* A bare object id (or a revision) naming a blob. */
static int read_object(char **data, size_t *len, rl_corpus *c, const char *spec)
{
	git_object *obj = NULL;
	int err = git_revparse_single(&obj, c->repo, spec);

	if (err < 0 || git_object_type(obj) != GIT_OBJECT_BLOB) {
		git_object_free(obj);
		return rl_error_set(RL_ENOTFOUND, "'%s' names no document (use REV:NAME)", spec);
	}
	err = copy_blob(data, len, (git_blob *)obj);
	git_object_free(obj);
	return err;
}

int rl_corpus_read(char **data, size_t *len, rl_corpus *c, const char *spec)
{
	const char *colon = strchr(spec, ':');
	char *rev;
	int err;

	*data = NULL;
	*len = 0;
	if (!colon)
		return read_object(data, len, c, spec);
	if (colon == spec)
		return read_worktree(data, len, c, spec + 1);
	if (!colon[1])
		return rl_error_set(RL_EINVALID, "'%s': no document name after the colon", spec);
	if (!(rev = rl_strndup(spec, (size_t)(colon - spec))))
		return RL_ENOMEM;
	err = read_at(data, len, c, rev, colon + 1);
	free(rev);
	return err;
}

int rl_corpus__read_path(char **data, size_t *len, rl_corpus *c, const char *rev,
                         const char *path)
{
	rl_buf full = RL_BUF_INIT;
	int err;

	*data = NULL;
	*len = 0;
	if (rev)
		return read_at(data, len, c, rev, path);
	if (!c->workdir)
		return rl_error_set(RL_ENOTFOUND, "%s: the corpus has no work tree", path);
	if (rl_buf_printf(&full, "%s%s", c->workdir, path) < 0)
		return RL_ENOMEM;
	err = rl_read_file(data, len, full.data, 0);
	rl_buf_free(&full);
	return err;
}

int rl_corpus_load(rl_doc **out, rl_corpus *c, const char *spec, const char *display_name)
{
	char *data;
	size_t len;
	int err;

	*out = NULL;
	if ((err = rl_corpus_read(&data, &len, c, spec)) < 0)
		return err;
	return rl_doc__from_bytes(out, display_name ? display_name : spec, data, len);
}

int rl_corpus__load_side(rl_doc **out, rl_corpus *c, const rl_corpus_entry *e, int new_side,
                         const char *label)
{
	const char *id = new_side ? e->new_id : e->old_id;
	rl_buf spec = RL_BUF_INIT;
	int err;

	if (!label)
		label = e->name;
	if (new_side && e->new_in_worktree) {
		if (rl_buf_printf(&spec, ":%s", e->name) < 0)
			return RL_ENOMEM;
		err = rl_corpus_load(out, c, spec.data, label);
		rl_buf_free(&spec);
		return err;
	}
	if (!*id)
		return rl_doc_load_buffer(out, label, "", 0);
	return rl_corpus_load(out, c, id, label);
}

void rl_corpus__pair_free(rl_corpus_pair *p)
{
	rl_comparison_free(p->cmp);
	rl_doc_free(p->a);
	rl_doc_free(p->b);
	memset(p, 0, sizeof(*p));
}

int rl_corpus__compare(rl_corpus_pair *p, rl_corpus *c, const rl_corpus_entry *e,
                       const char *old_rev, const char *new_rev, const rl_options *opts)
{
	rl_buf la = RL_BUF_INIT, lb = RL_BUF_INIT;
	int err;

	memset(p, 0, sizeof(*p));
	if ((old_rev && rl_buf_printf(&la, "%s:", old_rev) < 0) || rl_buf_puts(&la, e->name) < 0 ||
	    (new_rev && rl_buf_printf(&lb, "%s:", new_rev) < 0) || rl_buf_puts(&lb, e->name) < 0)
		err = RL_ENOMEM;
	else if ((err = rl_corpus__load_side(&p->a, c, e, 0, la.data)) == 0 &&
	         (err = rl_corpus__load_side(&p->b, c, e, 1, lb.data)) == 0)
		err = rl_compare(&p->cmp, p->a, p->b, opts);
	rl_buf_free(&la);
	rl_buf_free(&lb);
	if (err < 0)
		rl_corpus__pair_free(p);
	return err;
}

/* ---- entries --------------------------------------------------------------- */

void rl_corpus_entries_free(rl_corpus_entries *e)
{
	for (size_t i = 0; i < e->n; i++) {
		free(e->v[i].name);
		free(e->v[i].subject);
	}
	free(e->v);
	e->v = NULL;
	e->n = 0;
}

typedef struct entry_list {
	rl_corpus_entries *e;
	size_t cap;
} entry_list;

static rl_corpus_entry *entry_push(entry_list *l, const char *name)
{
	rl_corpus_entry *x;

	if (rl_grow(&l->e->v, &l->cap, l->e->n + 1, sizeof(rl_corpus_entry)) < 0)
		return NULL;
	x = &l->e->v[l->e->n];
	memset(x, 0, sizeof(*x));
	if (name && !(x->name = rl_strdup(name)))
		return NULL;
	l->e->n++;
	return x;
}

static int cmp_entry_name(const void *a, const void *b)
{
	return strcmp(((const rl_corpus_entry *)a)->name, ((const rl_corpus_entry *)b)->name);
}

/* ---- tree differences ------------------------------------------------------ */

/* Called for each document whose blob differs between two trees (either
 * side may be NULL). */
typedef int (*delta_fn)(const char *path, const git_tree_entry *old_e,
                        const git_tree_entry *new_e, void *payload);

typedef struct delta_walk {
	git_repository *repo;
	rl_buf path;
	delta_fn fn;
	void *payload;
} delta_walk;

static int tree_delta(delta_walk *w, const git_tree *a, const git_tree *b);

static int is_document(const git_tree_entry *e)
{
	git_filemode_t m = git_tree_entry_filemode(e);

	return m == GIT_FILEMODE_BLOB || m == GIT_FILEMODE_BLOB_EXECUTABLE;
}

/* Report one entry pair, recursing into subtrees. */
static int entry_delta(delta_walk *w, const git_tree_entry *x, const git_tree_entry *y)
{
	const git_tree_entry *any = x ? x : y;
	size_t mark = w->path.len;
	git_tree *tx = NULL, *ty = NULL;
	int err = 0;

	if (rl_buf_puts(&w->path, git_tree_entry_name(any)) < 0)
		return RL_ENOMEM;
	if (git_tree_entry_type(any) == GIT_OBJECT_TREE) {
		if (rl_buf_putc(&w->path, '/') < 0)
			return RL_ENOMEM;
		if ((x && git_tree_lookup(&tx, w->repo, git_tree_entry_id(x)) < 0) ||
		    (y && git_tree_lookup(&ty, w->repo, git_tree_entry_id(y)) < 0))
			err = git_fail(-1, w->path.data);
		else
			err = tree_delta(w, tx, ty);
		git_tree_free(tx);
		git_tree_free(ty);
	} else if (is_document(any)) {
		/* files that are not documents (.redline, .gitignore) are skipped */
		if (rl_corpus_check_name(w->path.data) == 0)
			err = w->fn(w->path.data, x, y, w->payload);
		else
			rl_error_clear();
	}
	w->path.len = mark;
	w->path.data[mark] = '\0';
	return err;
}

static int tree_delta(delta_walk *w, const git_tree *a, const git_tree *b)
{
	size_t na = a ? git_tree_entrycount(a) : 0, nb = b ? git_tree_entrycount(b) : 0;
	size_t i = 0, j = 0;
	int err = 0;

	while (err == 0 && (i < na || j < nb)) {
		const git_tree_entry *x = i < na ? git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *y = j < nb ? git_tree_entry_byindex(b, j) : NULL;
		int cmp = !x ? 1 : !y ? -1 : git_tree_entry_cmp(x, y);

		if (cmp < 0) {
			err = entry_delta(w, x, NULL);
			i++;
		} else if (cmp > 0) {
			err = entry_delta(w, NULL, y);
			j++;
		} else {
			if (git_tree_entry_filemode(x) != git_tree_entry_filemode(y)) {
				if ((err = entry_delta(w, x, NULL)) == 0)
					err = entry_delta(w, NULL, y);
			} else if (!git_oid_equal(git_tree_entry_id(x), git_tree_entry_id(y)))
				err = entry_delta(w, x, y);
			i++;
			j++;
		}
	}
	return err;
}

static int trees_delta(git_repository *repo, const git_tree *a, const git_tree *b, delta_fn fn,
                       void *payload)
{
	delta_walk w = {repo, RL_BUF_INIT, fn, payload};
	int err;

	if (rl_buf_grow(&w.path, 64) < 0)
		return RL_ENOMEM;
	w.path.data[0] = '\0';
	err = tree_delta(&w, a, b);
	rl_buf_free(&w.path);
	return err;
}

/* ---- document dates in commits --------------------------------------------- */

static rl_date author_date(const git_commit *commit)
{
	const git_signature *a = git_commit_author(commit);
	rl_date d = {a->when.time, a->when.offset};

	return d;
}

/* The document dates one commit records: the author date, and the
 * Redline-Date trailers ("DATE NAME") of documents dated otherwise,
 * indexed by name so that a commit of 1,000 documents is parsed once. */
typedef struct commit_dates {
	rl_date author;
	git_message_trailer_array tr;
	rl_map64 by_name; /* name hash -> trailer index + 1 */
	int complete;     /* the trailers name every document changed: the
	                     commit's parent and tree are those its
	                     Redline-Change trailer records (not so after a
	                     rebase, cherry-pick or amend by git) */
} commit_dates;

/* 1 when a Redline-Change value ("PARENT TREE") is this commit's. */
static int change_matches(const git_commit *commit, const char *v)
{
	char parent[41], tree[41];
	const git_oid *p = git_commit_parentcount(commit) ? git_commit_parent_id(commit, 0) : NULL;

	oid_hex(parent, p);
	oid_hex(tree, git_commit_tree_id(commit));
	if (!p)
		strcpy(parent, "root");
	return strlen(v) == strlen(parent) + 41 && !strncmp(v, parent, strlen(parent)) &&
	       v[strlen(parent)] == ' ' && !strcmp(v + strlen(parent) + 1, tree);
}

static void commit_dates_free(commit_dates *cd)
{
	git_message_trailer_array_free(&cd->tr);
	rl_map64_free(&cd->by_name);
	memset(cd, 0, sizeof(*cd));
}

static int commit_dates_load(commit_dates *cd, const git_commit *commit)
{
	const char *msg = git_commit_message(commit);

	commit_dates_free(cd);
	cd->author = author_date(commit);
	if (!msg || !strstr(msg, DATE_TRAILER ":"))
		return 0;
	if (git_message_trailers(&cd->tr, msg) < 0) {
		git_error_clear();
		return 0;
	}
	for (size_t i = 0; i < cd->tr.count; i++) {
		const char *v = cd->tr.trailers[i].value, *sp = strchr(v, ' ');
		uint32_t *slot;

		if (!strcmp(cd->tr.trailers[i].key, CHANGE_TRAILER))
			cd->complete = change_matches(commit, v);
		if (strcmp(cd->tr.trailers[i].key, DATE_TRAILER) || !sp)
			continue;
		if (!(slot = rl_map64_slot(&cd->by_name, rl_hash(sp + 1, strlen(sp + 1), 0))))
			return RL_ENOMEM;
		*slot = (uint32_t)i + 1;
	}
	return 0;
}

/* The date of document `name`: its trailer, else the author date. */
static rl_date commit_dates_get(const commit_dates *cd, const char *name)
{
	uint32_t *slot = rl_map64_get(&cd->by_name, rl_hash(name, strlen(name), 0));
	const char *v, *sp;
	rl_date t;

	if (!slot)
		return cd->author;
	v = cd->tr.trailers[*slot - 1].value;
	sp = strchr(v, ' ');
	if (strcmp(sp + 1, name) || rl_date__parse_span(&t, v, (size_t)(sp - v)) < 0) {
		rl_error_clear();
		return cd->author;
	}
	return t;
}

/* ---- listing --------------------------------------------------------------- */

typedef struct list_ctx {
	entry_list list;
	rl_map64 index; /* name hash -> entry index + 1 */
	size_t unresolved;
	const git_commit *commit; /* while walking history */
	commit_dates dates;       /* of that commit */
} list_ctx;

static int list_add(const char *path, const git_tree_entry *old_e, const git_tree_entry *new_e,
                    void *payload)
{
	list_ctx *x = payload;
	rl_corpus_entry *e = entry_push(&x->list, path);
	uint32_t *slot;

	(void)old_e;
	if (!e || !(slot = rl_map64_slot(&x->index, rl_hash(path, strlen(path), 0))))
		return RL_ENOMEM;
	*slot = (uint32_t)x->list.e->n;
	oid_hex(e->new_id, git_tree_entry_id(new_e));
	x->unresolved++;
	return 0;
}

/* In history, the first change to `path` met walking back made its
 * current version: date it from that commit. */
static void resolve_date(list_ctx *x, const char *path)
{
	uint32_t *slot = rl_map64_get(&x->index, rl_hash(path, strlen(path), 0));
	rl_corpus_entry *e;

	if (!slot)
		return;
	e = &x->list.e->v[*slot - 1];
	if (e->commit[0] || strcmp(e->name, path))
		return;
	e->date = commit_dates_get(&x->dates, path);
	oid_hex(e->commit, git_commit_id(x->commit));
	x->unresolved--;
}

static int list_date(const char *path, const git_tree_entry *old_e, const git_tree_entry *new_e,
                     void *payload)
{
	(void)old_e;
	if (new_e)
		resolve_date(payload, path);
	return 0;
}

/* A commit made by redline names the documents it changed in its
 * trailers: date those without reading its trees. */
static void date_from_trailers(list_ctx *x)
{
	for (size_t i = 0; i < x->dates.tr.count; i++) {
		const char *v = x->dates.tr.trailers[i].value, *sp = strchr(v, ' ');

		if (!strcmp(x->dates.tr.trailers[i].key, DATE_TRAILER) && sp)
			resolve_date(x, sp + 1);
	}
}

static int commit_parent_tree(git_tree **out, const git_commit *commit)
{
	git_commit *parent = NULL;
	int err;

	*out = NULL;
	if (git_commit_parentcount(commit) == 0)
		return 0;
	if ((err = git_commit_parent(&parent, commit, 0)) < 0)
		return git_fail(err, "cannot read a parent commit");
	err = git_commit_tree(out, parent);
	git_commit_free(parent);
	return err < 0 ? git_fail(err, "cannot read a tree") : 0;
}

/* Date every listed document from the commit that made its version. */
static int date_entries(list_ctx *x, rl_corpus *c, git_commit *tip)
{
	git_commit *commit = tip, *next = NULL;
	int err = 0;

	while (commit && x->unresolved && err == 0) {
		git_tree *tree = NULL, *ptree = NULL;

		x->commit = commit;
		if ((err = commit_dates_load(&x->dates, commit)) < 0)
			break;
		if (x->dates.complete)
			date_from_trailers(x);
		else if ((err = git_commit_tree(&tree, commit)) < 0)
			err = git_fail(err, "cannot read a tree");
		else if ((err = commit_parent_tree(&ptree, commit)) == 0)
			err = trees_delta(c->repo, ptree, tree, list_date, x);
		git_tree_free(tree);
		git_tree_free(ptree);
		next = NULL;
		if (err == 0 && git_commit_parentcount(commit) > 0 &&
		    git_commit_parent(&next, commit, 0) < 0)
			err = git_fail(-1, "cannot read a parent commit");
		if (commit != tip)
			git_commit_free(commit);
		commit = next;
	}
	if (commit != tip)
		git_commit_free(commit);
	return err;
}

int rl_corpus_list(rl_corpus_entries *out, rl_corpus *c, const char *rev)
{
	list_ctx x;
	git_commit *tip = NULL;
	git_tree *tree = NULL;
	int err;

	memset(&x, 0, sizeof(x));
	memset(out, 0, sizeof(*out));
	x.list.e = out;
	if ((err = start_commit(&tip, c, rev)) != 0)
		return err < 0 ? err : 0;
	if ((err = git_commit_tree(&tree, tip)) < 0)
		err = git_fail(err, "cannot read a tree");
	else if ((err = trees_delta(c->repo, NULL, tree, list_add, &x)) == 0)
		err = date_entries(&x, c, tip);
	git_tree_free(tree);
	git_commit_free(tip);
	rl_map64_free(&x.index);
	commit_dates_free(&x.dates);
	if (err < 0)
		rl_corpus_entries_free(out);
	return err;
}

/* ---- changes between revisions --------------------------------------------- */

static int change_add(const char *path, const git_tree_entry *old_e,
                      const git_tree_entry *new_e, void *payload)
{
	rl_corpus_entry *e = entry_push(payload, path);

	if (!e)
		return RL_ENOMEM;
	e->status = !old_e ? RL_CORPUS_ADDED : !new_e ? RL_CORPUS_DELETED : RL_CORPUS_MODIFIED;
	oid_hex(e->old_id, old_e ? git_tree_entry_id(old_e) : NULL);
	oid_hex(e->new_id, new_e ? git_tree_entry_id(new_e) : NULL);
	return 0;
}

static int worktree_changes(entry_list *l, rl_corpus *c, git_tree *base)
{
	git_diff_options o;
	git_diff *diff = NULL;
	int err;

	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	if (!c->workdir)
		return rl_error_set(RL_EINVALID, "the corpus has no work tree");
	o.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
	if ((err = git_diff_tree_to_workdir(&diff, c->repo, base, &o)) < 0)
		return git_fail(err, "cannot compare with the work tree");
	for (size_t i = 0; i < git_diff_num_deltas(diff) && err == 0; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		const char *path = d->status == GIT_DELTA_DELETED ? d->old_file.path : d->new_file.path;
		rl_corpus_entry *e;

		if (d->status == GIT_DELTA_IGNORED || rl_corpus_check_name(path) < 0) {
			rl_error_clear();
			continue;
		}
		if (!(e = entry_push(l, path))) {
			err = RL_ENOMEM;
			break;
		}
		e->status = d->status == GIT_DELTA_DELETED ? RL_CORPUS_DELETED :
		            d->status == GIT_DELTA_ADDED || d->status == GIT_DELTA_UNTRACKED ?
		            RL_CORPUS_ADDED : RL_CORPUS_MODIFIED;
		if (e->status != RL_CORPUS_ADDED)
			oid_hex(e->old_id, &d->old_file.id);
		e->new_in_worktree = e->status != RL_CORPUS_DELETED;
	}
	git_diff_free(diff);
	return err;
}

int rl_corpus_changes(rl_corpus_entries *out, rl_corpus *c, const char *base, const char *head)
{
	entry_list l = {out, 0};
	git_commit *hc = NULL, *bc = NULL;
	git_tree *ht = NULL, *bt = NULL;
	int err;

	memset(out, 0, sizeof(*out));
	if (head && (err = lookup_commit(&hc, c, head)) < 0)
		return err;
	if (base)
		err = lookup_commit(&bc, c, base);
	else if (hc && git_commit_parentcount(hc) > 0)
		err = git_commit_parent(&bc, hc, 0) < 0 ? git_fail(-1, "cannot read a parent") : 0;
	else
		err = 0;
	if (err < 0)
		goto done;
	if ((hc && (err = git_commit_tree(&ht, hc)) < 0) ||
	    (bc && (err = git_commit_tree(&bt, bc)) < 0)) {
		err = git_fail(err, "cannot read a tree");
		goto done;
	}
	err = head ? trees_delta(c->repo, bt, ht, change_add, &l) : worktree_changes(&l, c, bt);
	if (err == 0 && out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_entry_name);
done:
	git_tree_free(ht);
	git_tree_free(bt);
	git_commit_free(hc);
	git_commit_free(bc);
	if (err < 0)
		rl_corpus_entries_free(out);
	return err;
}

/* ---- log ------------------------------------------------------------------- */

typedef struct log_ctx {
	entry_list list;
	const git_commit *commit;
	commit_dates dates;       /* of that commit */
	size_t first; /* entries of the current commit start here */
} log_ctx;

static int log_fill(rl_corpus_entry *e, const git_commit *commit, const commit_dates *dates)
{
	const char *subject = git_commit_summary((git_commit *)commit);

	oid_hex(e->commit, git_commit_id(commit));
	e->date = e->name ? commit_dates_get(dates, e->name) : dates->author;
	if (!(e->subject = rl_strdup(subject ? subject : "")))
		return RL_ENOMEM;
	return 0;
}

static int log_add(const char *path, const git_tree_entry *old_e, const git_tree_entry *new_e,
                   void *payload)
{
	log_ctx *x = payload;
	int err = change_add(path, old_e, new_e, &x->list);

	return err < 0 ? err : log_fill(&x->list.e->v[x->list.e->n - 1], x->commit, &x->dates);
}

/* The entry of `name` in a tree, or NULL. */
static int name_entry(git_tree_entry **out, git_tree *tree, const char *name)
{
	*out = NULL;
	if (!tree || git_tree_entry_bypath(out, tree, name) < 0) {
		*out = NULL;
		return 0;
	}
	if (!is_document(*out)) {
		git_tree_entry_free(*out);
		*out = NULL;
	}
	return 0;
}

static int log_commit(log_ctx *x, rl_corpus *c, const git_commit *commit, const char *name)
{
	git_tree *tree = NULL, *ptree = NULL;
	git_tree_entry *a = NULL, *b = NULL;
	int err;

	x->commit = commit;
	x->first = x->list.e->n;
	if ((err = commit_dates_load(&x->dates, commit)) < 0)
		return err;
	if ((err = git_commit_tree(&tree, commit)) < 0)
		return git_fail(err, "cannot read a tree");
	if ((err = commit_parent_tree(&ptree, commit)) < 0)
		goto done;
	if (!name) {
		err = trees_delta(c->repo, ptree, tree, log_add, x);
		if (err == 0 && x->list.e->n == x->first) {
			rl_corpus_entry *e = entry_push(&x->list, NULL);

			err = e ? log_fill(e, commit, &x->dates) : RL_ENOMEM;
		}
		goto done;
	}
	name_entry(&a, ptree, name);
	name_entry(&b, tree, name);
	if ((a || b) && !(a && b && git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b))))
		err = log_add(name, a, b, x);
done:
	git_tree_entry_free(a);
	git_tree_entry_free(b);
	git_tree_free(tree);
	git_tree_free(ptree);
	return err;
}

int rl_corpus_log(rl_corpus_entries *out, rl_corpus *c, const char *rev, const char *name)
{
	log_ctx x;
	git_revwalk *walk = NULL;
	git_commit *tip = NULL;
	git_oid id;
	int err;

	memset(&x, 0, sizeof(x));
	memset(out, 0, sizeof(*out));
	x.list.e = out;
	if ((err = start_commit(&tip, c, rev)) != 0)
		return err < 0 ? err : 0;
	if ((err = git_revwalk_new(&walk, c->repo)) < 0 ||
	    (err = git_revwalk_push(walk, git_commit_id(tip))) < 0 ||
	    (err = git_revwalk_simplify_first_parent(walk)) < 0) {
		err = git_fail(err, "cannot walk the history");
		goto done;
	}
	while (err == 0) {
		git_commit *commit;
		int rc = git_revwalk_next(&id, walk);

		if (rc == GIT_ITEROVER)
			break;
		if (rc < 0 || (rc = git_commit_lookup(&commit, c->repo, &id)) < 0) {
			err = git_fail(rc, "cannot walk the history");
			break;
		}
		err = log_commit(&x, c, commit, name);
		git_commit_free(commit);
	}
done:
	commit_dates_free(&x.dates);
	git_revwalk_free(walk);
	git_commit_free(tip);
	if (err < 0)
		rl_corpus_entries_free(out);
	return err;
}

/* ---- adding ---------------------------------------------------------------- */

void rl_corpus_add_options_init(rl_corpus_add_options *o)
{
	memset(o, 0, sizeof(*o));
}

typedef struct add_state {
	rl_corpus *c;
	rl_corpus_file *files;
	size_t n;
	const rl_corpus_add_options *opts;
	git_oid *blobs;
	char *branch;         /* "refs/heads/main" */
	const char *name, *email;
	git_config *config;   /* snapshot holding name and email */
	unsigned seed;        /* for the retry back-off */
} add_state;

static int cmp_file_name(const void *a, const void *b)
{
	return strcmp((*(rl_corpus_file *const *)a)->name, (*(rl_corpus_file *const *)b)->name);
}

/* Every name valid, none twice. */
static int check_files(rl_corpus_file *files, size_t n)
{
	rl_corpus_file **v = rl_calloc(n, sizeof(*v));
	int err = 0;

	if (!v)
		return RL_ENOMEM;
	for (size_t i = 0; i < n && err == 0; i++) {
		v[i] = &files[i];
		err = rl_corpus_check_name(files[i].name);
	}
	if (err == 0) {
		qsort(v, n, sizeof(*v), cmp_file_name);
		for (size_t i = 1; i < n; i++)
			if (!strcmp(v[i - 1]->name, v[i]->name)) {
				err = rl_error_set(RL_EINVALID, "'%s' is given twice", v[i]->name);
				break;
			}
	}
	free(v);
	return err;
}

/* The branch HEAD points to ("refs/heads/main"), which may be unborn. */
static int head_branch(char **out, rl_corpus *c)
{
	git_reference *head = NULL;
	const char *target;
	int err;

	if ((err = git_reference_lookup(&head, c->repo, "HEAD")) < 0)
		return git_fail(err, "cannot read HEAD");
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
		git_reference_free(head);
		return rl_error_set(RL_EINVALID,
		                    "HEAD is detached: switch to a branch before adding (git switch main)");
	}
	target = git_reference_symbolic_target(head);
	if (strncmp(target, "refs/heads/", 11) != 0)
		err = rl_error_set(RL_EINVALID, "HEAD points to %s, not a branch", target);
	else if (!(*out = rl_strdup(target)))
		err = RL_ENOMEM;
	git_reference_free(head);
	return err;
}

static int identity(add_state *st)
{
	const rl_corpus_add_options *o = st->opts;
	const char *v;

	st->name = o->author_name;
	st->email = o->author_email;
	if ((!st->name || !st->email) && git_repository_config_snapshot(&st->config, st->c->repo) == 0) {
		if (!st->name && git_config_get_string(&v, st->config, "user.name") == 0 && *v)
			st->name = v;
		if (!st->email && git_config_get_string(&v, st->config, "user.email") == 0 && *v)
			st->email = v;
	}
	git_error_clear();
	if (!st->name)
		st->name = "redline";
	if (!st->email)
		st->email = "redline@localhost";
	return 0;
}

static int write_blobs(add_state *st)
{
	if (!(st->blobs = rl_calloc(st->n, sizeof(git_oid))))
		return RL_ENOMEM;
	for (size_t i = 0; i < st->n; i++) {
		int err = git_blob_create_from_buffer(&st->blobs[i], st->c->repo, st->files[i].data,
		                                      st->files[i].len);

		if (err < 0)
			return git_fail(err, "cannot store a document");
		if (st->opts->progress && st->opts->progress(i + 1, st->n, st->opts->payload))
			return rl_error_set(RL_EGENERIC, "cancelled");
	}
	return 0;
}

/* The tree at the tip of the branch (NULL when unborn) and its id. */
static int branch_tip(git_commit **commit, git_tree **tree, git_oid *id, add_state *st)
{
	int err = git_reference_name_to_id(id, st->c->repo, st->branch);

	*commit = NULL;
	*tree = NULL;
	if (err == GIT_ENOTFOUND)
		return 0;
	if (err < 0)
		return git_fail(err, "cannot read the branch");
	if ((err = git_commit_lookup(commit, st->c->repo, id)) < 0 ||
	    (err = git_commit_tree(tree, *commit)) < 0)
		return git_fail(err, "cannot read the last commit");
	return 1;
}

/* ---- adding: the work tree ------------------------------------------------- */

static int path_of(rl_buf *b, const add_state *st, const char *name)
{
	rl_buf_clear(b);
	return rl_buf_puts(b, st->c->workdir) < 0 || rl_buf_puts(b, name) < 0 ? RL_ENOMEM : 0;
}

static int tree_blob_is(git_tree *tree, const char *name, const git_oid *id)
{
	git_tree_entry *e = NULL;
	int same;

	if (!tree || git_tree_entry_bypath(&e, tree, name) < 0) {
		git_error_clear();
		return 0;
	}
	same = git_oid_equal(git_tree_entry_id(e), id);
	git_tree_entry_free(e);
	return same;
}

/* A work-tree file at the name of file `i` whose content git does not
 * hold — not the new version, the stored one, the one in the index, nor
 * any other object (such as a version an interrupted add wrote) — is a
 * local change the add would overwrite. */
static int check_local(add_state *st, size_t i, git_index *idx, git_odb *odb, git_tree *tree,
                       rl_buf *path)
{
	const char *name = st->files[i].name;
	const git_index_entry *ie;
	struct stat sb;
	git_oid h;

	if (path_of(path, st, name) < 0)
		return RL_ENOMEM;
	if (lstat(path->data, &sb) != 0) {
		if (errno == ENOENT)
			return 0;
		return rl_error_set(RL_EINVALID, "%s: a parent folder is a file in the work tree", name);
	}
	if (S_ISDIR(sb.st_mode))
		return rl_error_set(RL_EINVALID, "%s: is a folder in the work tree", name);
	if (!S_ISREG(sb.st_mode))
		return rl_error_set(RL_EINVALID, "%s: is not a regular file in the work tree", name);
	if (git_odb_hashfile(&h, path->data, GIT_OBJECT_BLOB) < 0)
		return git_fail(-1, name);
	if (git_oid_equal(&h, &st->blobs[i]) || tree_blob_is(tree, name, &h))
		return 0;
	ie = idx ? git_index_get_bypath(idx, name, 0) : NULL;
	if (ie && git_oid_equal(&ie->id, &h))
		return 0;
	if (git_odb_exists(odb, &h))
		return 0;
	return rl_error_set(RL_EINVALID,
	                    "%s: the work tree has local changes that this add would overwrite "
	                    "(add that file itself, or restore it first)", name);
}

static int check_worktree(add_state *st)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_index *idx = NULL;
	git_odb *odb = NULL;
	rl_buf path = RL_BUF_INIT;
	git_oid tip;
	int err = branch_tip(&commit, &tree, &tip, st);

	if (err >= 0 && git_repository_index(&idx, st->c->repo) < 0) {
		git_error_clear();
		idx = NULL;
	}
	if (err >= 0 && git_repository_odb(&odb, st->c->repo) < 0)
		err = git_fail(-1, "cannot open the object database");
	for (size_t i = 0; err >= 0 && i < st->n; i++)
		err = check_local(st, i, idx, odb, tree, &path);
	git_odb_free(odb);
	rl_buf_free(&path);
	git_index_free(idx);
	git_tree_free(tree);
	git_commit_free(commit);
	return err < 0 ? err : 0;
}

/* Create or truncate `path` and write `len` bytes. */
static int write_to(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);

	if (fd < 0)
		return rl_error_set(RL_EIO, "%s: %s", path, strerror(errno));
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			return rl_error_set(RL_EIO, "%s: cannot write: %s", path, strerror(errno));
		}
		off += (size_t)w;
	}
	if (close(fd) != 0)
		return rl_error_set(RL_EIO, "%s: cannot write: %s", path, strerror(errno));
	return 0;
}

/* Write a work-tree file atomically: a temporary file, then rename.  The
 * temporary file lives in the git directory, where a killed add leaves
 * nothing for git status to show; one name suffices since writers hold
 * the flock. */
static int write_file(const add_state *st, char *path, const char *data, size_t len)
{
	rl_buf tmp = RL_BUF_INIT;
	int err = 0;

	for (char *p = strchr(path + strlen(st->c->workdir), '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST)
			err = rl_error_set(RL_EIO, "%s: cannot create the folder: %s", path, strerror(errno));
		*p = '/';
		if (err)
			return err;
	}
	if (rl_buf_printf(&tmp, "%sredline-write.tmp", git_repository_path(st->c->repo)) < 0)
		return RL_ENOMEM;
	if ((err = write_to(tmp.data, data, len)) == 0 && rename(tmp.data, path) != 0) {
		/* a git directory on another file system: write in place */
		err = errno == EXDEV ? write_to(path, data, len) :
		      rl_error_set(RL_EIO, "%s: cannot write: %s", path, strerror(errno));
		unlink(tmp.data);
	}
	rl_buf_free(&tmp);
	return err;
}

/* Record the work-tree file at `path` in the index as blob `id`, with its
 * stat data so that git sees it clean.  (git_index_add_bypath() would hash
 * the file again and write the blob a second time.) */
static int index_entry(git_index *idx, const char *path, const char *name, const git_oid *id)
{
	git_index_entry e;
	struct stat sb;
	int err;

	if (lstat(path, &sb) != 0)
		return rl_error_set(RL_EIO, "%s: %s", path, strerror(errno));
	memset(&e, 0, sizeof(e));
	e.ctime.seconds = (int32_t)sb.st_ctim.tv_sec;
	e.ctime.nanoseconds = (uint32_t)sb.st_ctim.tv_nsec;
	e.mtime.seconds = (int32_t)sb.st_mtim.tv_sec;
	e.mtime.nanoseconds = (uint32_t)sb.st_mtim.tv_nsec;
	e.dev = (uint32_t)sb.st_dev;
	e.ino = (uint32_t)sb.st_ino;
	e.mode = GIT_FILEMODE_BLOB;
	e.uid = (uint32_t)sb.st_uid;
	e.gid = (uint32_t)sb.st_gid;
	e.file_size = (uint32_t)sb.st_size;
	e.id = *id;
	e.path = name;
	if ((err = git_index_add(idx, &e)) < 0)
		return git_fail(err, name);
	return 0;
}

/* Bring file `i` into the work tree and the index, if the branch still
 * holds this version of it (a later add may have replaced it; `tip` NULL:
 * the branch is at this add's commit, which holds them all).  Re-adding
 * an unchanged file repairs a work tree an interrupted add left behind. */
static int sync_file(add_state *st, size_t i, git_index *idx, git_tree *tip, rl_buf *path)
{
	const rl_corpus_file *f = &st->files[i];
	const git_index_entry *ie;
	git_oid h;
	int err, same;

	if (tip && !tree_blob_is(tip, f->name, &st->blobs[i]))
		return 0;
	if ((err = path_of(path, st, f->name)) < 0)
		return err;
	same = git_odb_hashfile(&h, path->data, GIT_OBJECT_BLOB) == 0 && git_oid_equal(&h, &st->blobs[i]);
	git_error_clear();
	if (!same && (err = write_file(st, path->data, f->data, f->len)) < 0)
		return err;
	ie = git_index_get_bypath(idx, f->name, 0);
	if (same && ie && git_oid_equal(&ie->id, &st->blobs[i]))
		return 0;
	return index_entry(idx, path->data, f->name, &st->blobs[i]);
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int write_index(git_index *idx)
{
	int err;

	for (unsigned waited = 0;; waited += 5) {
		if ((err = git_index_write(idx)) != GIT_ELOCKED || waited >= LOCK_PATIENCE_MS)
			break;
		sleep_ms(5);
	}
	return err < 0 ? git_fail(err, "cannot write the index") : 0;
}

/* Update the work tree and index after the commit `landed` (NULL: none,
 * nothing changed).  Adds serialise here on an flock, so concurrent ones
 * do not lose each other's index entries; the kernel drops the lock if the
 * process dies. */
static int sync_worktree(add_state *st, const git_oid *landed)
{
	git_commit *commit = NULL;
	git_tree *tip = NULL;
	git_index *idx = NULL;
	rl_buf path = RL_BUF_INIT;
	git_oid id;
	int fd, err;

	if (rl_buf_printf(&path, "%sredline.lock", git_repository_path(st->c->repo)) < 0)
		return RL_ENOMEM;
	fd = open(path.data, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0 || flock(fd, LOCK_EX) != 0) {
		err = rl_error_set(RL_EIO, "%s: %s", path.data, strerror(errno));
		goto done;
	}
	/* still at this add's commit: its files need no look-up in its tree */
	if (landed && git_reference_name_to_id(&id, st->c->repo, st->branch) == 0 &&
	    git_oid_equal(&id, landed))
		err = 0;
	else if ((err = branch_tip(&commit, &tip, &id, st)) <= 0)
		goto done; /* an error, or no branch: nothing of this add to show */
	git_error_clear();
	if ((err = git_repository_index(&idx, st->c->repo)) < 0 || (err = git_index_read(idx, 0)) < 0) {
		err = git_fail(err, "cannot read the index");
		goto done;
	}
	for (size_t i = 0; i < st->n && err == 0; i++)
		err = sync_file(st, i, idx, tip, &path);
	if (err == 0)
		err = write_index(idx);
done:
	if (fd >= 0)
		close(fd);
	git_index_free(idx);
	git_tree_free(tip);
	git_commit_free(commit);
	rl_buf_free(&path);
	return err;
}

/* ---- adding: the commit ---------------------------------------------------- */

static int default_message(rl_buf *m, const add_state *st, size_t n_changed, size_t first)
{
	int added = 0, modified = 0;

	for (size_t i = 0; i < st->n; i++) {
		added |= st->files[i].status == RL_CORPUS_ADDED;
		modified |= st->files[i].status == RL_CORPUS_MODIFIED;
	}
	if (n_changed == 1)
		return rl_buf_printf(m, "%s %s", added ? "Add" : "Update", st->files[first].name);
	return rl_buf_printf(m, "%s %zu documents",
	                     added && modified ? "Add or update" : added ? "Add" : "Update", n_changed);
}

/* The commit message: the given or a default one, then a Redline-Date
 * trailer for each changed document and a Redline-Change trailer naming
 * the parent and tree they describe.  The trailers record each document's
 * own date (the author date is only the latest) and let a history walk
 * date documents from commit messages alone, without reading trees. */
static int build_message(rl_buf *m, const add_state *st, const git_oid *parent,
                         const git_oid *tree)
{
	char p[41], t[41];
	size_t n_changed = 0, first = 0, trailers = 0;
	char buf[40];
	int err;

	for (size_t i = st->n; i-- > 0;)
		if (st->files[i].status != RL_CORPUS_UNCHANGED) {
			n_changed++;
			first = i;
		}
	if (st->opts->message) {
		size_t len = strlen(st->opts->message);

		while (len && (st->opts->message[len - 1] == '\n' || st->opts->message[len - 1] == ' '))
			len--;
		err = rl_buf_put(m, st->opts->message, len);
	} else {
		err = default_message(m, st, n_changed, first);
	}
	err = err < 0 ? err : rl_buf_putc(m, '\n');
	for (size_t i = 0; i < st->n && err == 0; i++) {
		const rl_corpus_file *f = &st->files[i];

		if (f->status == RL_CORPUS_UNCHANGED)
			continue;
		err = rl_buf_printf(m, "%s%s: %s %s\n", trailers++ ? "" : "\n", DATE_TRAILER,
		                    rl_date_format(buf, sizeof(buf), f->date, 1), f->name);
	}
	oid_hex(p, parent);
	oid_hex(t, tree);
	return err < 0 ? err : rl_buf_printf(m, "%s: %s %s\n", CHANGE_TRAILER, parent ? p : "root", t);
}

static int local_offset(time_t t)
{
	struct tm tm;

	if (!localtime_r(&t, &tm))
		return 0;
	return (int)(tm.tm_gmtoff / 60);
}

static int signatures(git_signature **author, git_signature **committer, const add_state *st,
                      rl_date when)
{
	rl_date now;

	if (st->opts->committer_date) {
		now = *st->opts->committer_date;
	} else {
		now.time = (int64_t)time(NULL);
		now.offset = local_offset((time_t)now.time);
	}
	if (git_signature_new(author, st->name, st->email, when.time, when.offset) < 0 ||
	    git_signature_new(committer, st->name, st->email, now.time, now.offset) < 0)
		return git_fail(-1, "invalid author name or e-mail");
	return 0;
}

/* Refuse a name that runs through a document of `tree` ("a.txt/b"). */
static int check_parents(git_tree *tree, const char *name)
{
	rl_buf prefix = RL_BUF_INIT;
	int err = 0;

	for (const char *p = strchr(name, '/'); p && err == 0; p = strchr(p + 1, '/')) {
		git_tree_entry *e = NULL;

		rl_buf_clear(&prefix);
		if (rl_buf_put(&prefix, name, (size_t)(p - name)) < 0)
			err = RL_ENOMEM;
		else if (git_tree_entry_bypath(&e, tree, prefix.data) == 0 &&
		         git_tree_entry_type(e) != GIT_OBJECT_TREE)
			err = rl_error_set(RL_EINVALID, "%s: %s is a document in the corpus, not a folder",
			                   name, prefix.data);
		git_tree_entry_free(e);
	}
	git_error_clear();
	rl_buf_free(&prefix);
	return err;
}

/* Mark each file unchanged, added or modified against `tree`, and refuse a
 * name that is a folder in the corpus or runs through a document. */
static int classify(add_state *st, git_tree *tree, git_tree_update *upd, size_t *n_upd)
{
	int err;

	*n_upd = 0;
	for (size_t i = 0; i < st->n; i++) {
		rl_corpus_file *f = &st->files[i];
		git_tree_entry *e = NULL;

		f->status = RL_CORPUS_ADDED;
		if (tree && (err = check_parents(tree, f->name)) < 0)
			return err;
		if (tree && git_tree_entry_bypath(&e, tree, f->name) == 0) {
			int is_tree = git_tree_entry_type(e) == GIT_OBJECT_TREE;

			f->status = git_oid_equal(git_tree_entry_id(e), &st->blobs[i]) ?
			            RL_CORPUS_UNCHANGED : RL_CORPUS_MODIFIED;
			git_tree_entry_free(e);
			if (is_tree)
				return rl_error_set(RL_EINVALID, "%s: is a folder in the corpus", f->name);
		}
		git_error_clear();
		if (f->status == RL_CORPUS_UNCHANGED)
			continue;
		upd[*n_upd].action = GIT_TREE_UPDATE_UPSERT;
		upd[*n_upd].id = st->blobs[i];
		upd[*n_upd].filemode = GIT_FILEMODE_BLOB;
		upd[*n_upd].path = f->name;
		(*n_upd)++;
	}
	return 0;
}

static rl_date author_of(const add_state *st)
{
	rl_date d = {-1, 0};

	for (size_t i = 0; i < st->n; i++)
		if (st->files[i].status != RL_CORPUS_UNCHANGED && st->files[i].date.time > d.time)
			d = st->files[i].date;
	return d;
}

/* Write the tree and the commit of the changed files on top of `parent`
 * (NULL: the first commit); `id` receives the commit and `log` the reflog
 * message. */
static int write_commit(git_oid *id, rl_buf *log, add_state *st, git_commit *parent,
                        const git_oid *tip, git_tree *base, git_tree_update *upd, size_t n_upd)
{
	git_signature *author = NULL, *committer = NULL;
	rl_buf msg = RL_BUF_INIT;
	git_oid tree_id;
	const git_oid *parents[1] = {tip};
	int err;

	if ((err = git_tree_create_updated(&tree_id, st->c->repo, base, n_upd, upd)) < 0) {
		err = git_fail(err, "cannot write the tree");
		goto done;
	}
	if ((err = signatures(&author, &committer, st, author_of(st))) < 0 ||
	    (err = build_message(&msg, st, parent ? tip : NULL, &tree_id)) < 0 ||
	    (err = rl_buf_printf(log, "redline add: %.*s", (int)strcspn(msg.data, "\n"), msg.data)) < 0)
		goto done;
	/* by ids: the new tree is not read back (a 40 KiB tree for a flat
	 * corpus of 1,000 documents) */
	if ((err = git_commit_create_from_ids(id, st->c->repo, NULL, author, committer, NULL,
	                                      msg.data, &tree_id, parent ? 1 : 0, parents)) < 0)
		err = git_fail(err, "cannot write the commit");
done:
	git_signature_free(author);
	git_signature_free(committer);
	rl_buf_free(&msg);
	return err;
}

/* Write the commit for the current tip and try to move the branch from
 * that tip to it.  Returns 0 when it landed (or nothing changed), 1 when
 * another writer got in first, 2 when the branch is locked (retry), or an
 * error. */
static int commit_attempt(add_state *st, git_tree_update *upd, char commit_hex[41])
{
	git_commit *parent = NULL;
	git_tree *base = NULL;
	git_reference *ref = NULL;
	rl_buf log = RL_BUF_INIT;
	git_oid tip, id;
	size_t n_upd;
	int has_tip, err;

	commit_hex[0] = '\0';
	if ((err = has_tip = branch_tip(&parent, &base, &tip, st)) < 0 ||
	    (err = classify(st, base, upd, &n_upd)) < 0 || n_upd == 0 ||
	    (err = write_commit(&id, &log, st, parent, &tip, base, upd, n_upd)) < 0)
		goto done;
	/* compare-and-swap: only from the tip the commit was built on; on an
	 * unborn branch, only while it is still unborn.  Both are checked
	 * under the branch's lock (a zero id means "must not exist"): a
	 * non-forced git_reference_create() looks before it locks, so two
	 * first adds could both create the branch, the later one dropping
	 * the earlier commit. */
	if (!has_tip)
		memset(&tip, 0, sizeof(tip));
	err = git_reference_create_matching(&ref, st->c->repo, st->branch, &id, 1, &tip, log.data);
	if (err == GIT_EMODIFIED || err == GIT_EEXISTS || err == GIT_ELOCKED) {
		err = err == GIT_ELOCKED ? 2 : 1;
		git_error_clear();
	} else if (err < 0) {
		err = git_fail(err, "cannot move the branch");
	} else {
		oid_hex(commit_hex, &id);
	}
done:
	git_reference_free(ref);
	git_tree_free(base);
	git_commit_free(parent);
	rl_buf_free(&log);
	return err;
}

/* Retry while other writers move the branch (they make progress, so this
 * ends) or briefly hold its lock (a stale lock from a killed git process
 * does not go away: give up after LOCK_PATIENCE_MS). */
static int commit_loop(add_state *st, char commit_hex[41])
{
	git_tree_update *upd = rl_calloc(st->n, sizeof(*upd));
	unsigned locked_ms = 0, raced_ms = 0, attempt = 0;
	int err;

	if (!upd)
		return RL_ENOMEM;
	while ((err = commit_attempt(st, upd, commit_hex)) > 0) {
		unsigned cap = 1u << (attempt < 6 ? attempt : 6), ms = 1 + rand_r(&st->seed) % cap;

		attempt++;
		if (err == 2 && (locked_ms += ms) > LOCK_PATIENCE_MS) {
			err = rl_error_set(RL_EGIT,
			                   "the branch is locked (%s%s.lock exists); if no git or redline "
			                   "process is running, remove that file",
			                   git_repository_path(st->c->repo), st->branch);
			break;
		}
		if (err == 1 && (raced_ms += ms) > RACE_PATIENCE_MS) {
			err = rl_error_set(RL_EGIT, "gave up after %u attempts to move the branch", attempt);
			break;
		}
		sleep_ms(ms);
	}
	free(upd);
	return err;
}

int rl_corpus_add(char commit[41], rl_corpus *c, rl_corpus_file *files, size_t n,
                  const rl_corpus_add_options *opts)
{
	rl_corpus_add_options defaults;
	add_state st;
	int err;

	commit[0] = '\0';
	if (!opts) {
		rl_corpus_add_options_init(&defaults);
		opts = &defaults;
	}
	memset(&st, 0, sizeof(st));
	st.c = c;
	st.files = files;
	st.n = n;
	st.opts = opts;
	st.seed = (unsigned)getpid() ^ (unsigned)time(NULL);
	if (!c->workdir)
		return rl_error_set(RL_EINVALID, "the corpus is a bare repository; add needs a work tree");
	if (n == 0)
		return rl_error_set(RL_EINVALID, "nothing to add");
	if ((err = check_files(files, n)) < 0 || (err = head_branch(&st.branch, c)) < 0 ||
	    (err = identity(&st)) < 0 || (err = write_blobs(&st)) < 0 ||
	    (err = check_worktree(&st)) < 0 || (err = commit_loop(&st, commit)) < 0)
		goto done;
	{
		git_oid landed;

		err = sync_worktree(&st, *commit && git_oid_fromstr(&landed, commit) == 0 ? &landed
		                                                                         : NULL);
	}
	if (err < 0 && *commit)
		rl_error_prefix(err, "committed, but the work tree was not updated");
done:
	free(st.blobs);
	free(st.branch);
	git_config_free(st.config);
	return err;
}
