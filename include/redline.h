/*
 * redline — public C API.
 *
 * redline compares related texts: it splits each text into paragraphs, aligns
 * the paragraphs of an old text with those of a new one, computes exact
 * word-level differences inside every aligned pair and renders the result.
 *
 * Conventions (see README, "Using the library"): functions that can fail
 * return int, 0 on success or a negative RL_E* code; rl_error_last() then
 * holds a one-line message.  Outputs come first in argument lists.
 * Whatever is returned through a `**out` argument belongs to the caller and
 * is released with the matching NULL-safe rl_*_free(); pointers returned by
 * value are borrowed from their parent object and live as long as it does.
 * Offsets are byte offsets into the original input, ranges are half-open
 * [start, end).  The library never prints, exits or aborts.  Objects are not
 * locked: use one from one thread at a time; different objects may be used
 * from different threads, and the error message is per thread.
 *
 * Build with `pkg-config --cflags --libs redline` (add --static to link
 * libredline.a).  A minimal program:
 *
 *	rl_doc *a = NULL, *b = NULL;
 *	rl_comparison *cmp = NULL;
 *	if (rl_doc_load_file(&a, "old.txt", NULL) < 0 ||
 *	    rl_doc_load_file(&b, "new.txt", NULL) < 0 ||
 *	    rl_compare(&cmp, a, b, NULL) < 0 ||
 *	    rl_render(cmp, NULL, write_fn, stdout) < 0)
 *		fprintf(stderr, "%s\n", rl_error_last());
 *	rl_comparison_free(cmp);
 *	rl_doc_free(b);
 *	rl_doc_free(a);
 */
#ifndef REDLINE_H
#define REDLINE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RL_VERSION "0.1.0"

/* Error codes. */
enum {
	RL_OK = 0,
	RL_EGENERIC = -1, /* anything not listed below */
	RL_ENOMEM = -2,   /* out of memory */
	RL_EINVALID = -3, /* invalid input: bad UTF-8, binary data, bad option */
	RL_ENOTFOUND = -4,/* missing file, revision or name */
	RL_EIO = -5,      /* read or write failure */
	RL_EGIT = -6,     /* the corpus repository failed */
	RL_ELIMIT = -7    /* an input over the size limit the caller set */
};

/* The message of the last failure in this thread.  Never NULL; "" when no
 * failure has been recorded.  Borrowed: valid until the next failing call. */
const char *rl_error_last(void);

/* Forget the last failure.  Cannot fail. */
void rl_error_clear(void);

/* A short description of an error code ("out of memory", "not found",
 * ...); "unknown error" for a code not listed above.  Static; cannot
 * fail. */
const char *rl_error_str(int code);

/* The version of the library as built, e.g. "0.1.0"; a program linked
 * against the shared library may compare it with RL_VERSION.  Static;
 * cannot fail. */
const char *rl_version(void);

/* The directory holding redline's data files (language word lists):
 * $REDLINE_DATA when set, else PREFIX/share/redline of the installed
 * library or program, else data/ of a build tree, else the directory
 * compiled in.  Looked up once.  Static; never NULL (the directory may not
 * exist, and then the lists are empty); cannot fail. */
const char *rl_lang_datadir(void);

/* ---- documents -------------------------------------------------------- */

typedef struct rl_doc rl_doc;

/* Paragraph flags. */
enum {
	RL_PARA_HEADING = 1u << 0 /* a short title line, such as "Defensie" */
};

typedef struct rl_paragraph {
	size_t start;   /* first byte of the paragraph */
	size_t end;     /* one past its last non-space byte */
	unsigned flags; /* RL_PARA_* */
} rl_paragraph;

/* Load a document from the file at `path` ("-" reads standard input).
 * `display_name` is the name used in messages and output (NULL: `path`);
 * it is copied.  On success `*out` belongs to the caller (rl_doc_free());
 * on failure it is NULL.  Fails with RL_ENOTFOUND for a missing file, RL_EIO
 * for an unreadable file or a directory, RL_EINVALID for invalid UTF-8 or
 * binary data, RL_ELIMIT for an input over RL_DOC_MAX_SIZE, RL_ENOMEM. */
int rl_doc_load_file(rl_doc **out, const char *path, const char *display_name);

/* Like rl_doc_load_file(), refusing an input over `max_size` bytes with
 * RL_ELIMIT: a regular file before anything is read, standard input or a
 * pipe as soon as more has arrived.  0 stands for the largest size redline
 * addresses, RL_DOC_MAX_SIZE (which rl_doc_load_file() uses).  `*out` as
 * for rl_doc_load_file(). */
int rl_doc_load_file_max(rl_doc **out, const char *path, const char *display_name,
                         size_t max_size);

/* The largest input in bytes: offsets inside a document are 32-bit. */
#define RL_DOC_MAX_SIZE ((size_t)UINT32_MAX - 1)

/* Load a document from `len` bytes at `data`, which are copied, as are
 * the bytes of `name` (used in messages and output).  `*out` as for
 * rl_doc_load_file(); fails like it. */
int rl_doc_load_buffer(rl_doc **out, const char *name, const void *data, size_t len);

/* Release a document.  NULL is a no-op. */
void rl_doc_free(rl_doc *doc);

/* The document's name.  Borrowed from `doc`; cannot fail. */
const char *rl_doc_name(const rl_doc *doc);

/* The document's bytes as read (including any BOM), NUL-terminated;
 * `*len` (when `len` is not NULL) receives the size.  Borrowed from `doc`;
 * cannot fail. */
const char *rl_doc_data(const rl_doc *doc, size_t *len);

/* Number of body paragraphs.  Cannot fail. */
size_t rl_doc_paragraph_count(const rl_doc *doc);

/* Paragraph `i` (0-based), by value; an empty paragraph {0, 0, 0} when `i`
 * is not below rl_doc_paragraph_count().  Cannot fail. */
rl_paragraph rl_doc_paragraph(const rl_doc *doc, size_t i);

/* The span of a leading metadata line such as " date 2022-03" (the "date
 * 2022-03" part): returns 1 and sets `*start` and `*end`, or returns 0 and
 * leaves them alone when there is none.  Cannot fail. */
int rl_doc_metadata(const rl_doc *doc, size_t *start, size_t *end);

/* Sentences of paragraph `i`: fills at most `cap` spans into the caller's
 * array `out` (NULL with `cap` 0 just counts) and returns how many sentences
 * there are (which may exceed `cap`).  Fails with RL_EINVALID for `i` out
 * of range, RL_ENOMEM. */
long rl_doc_sentences(const rl_doc *doc, size_t i, rl_paragraph *out, size_t cap);

/* ---- comparison ------------------------------------------------------- */

typedef enum rl_mode {
	RL_MODE_AUTO = 0, /* choose from the texts */
	RL_MODE_VERSIONS, /* revisions of one document */
	RL_MODE_RELATED   /* different documents on overlapping topics */
} rl_mode;

/* "auto", "versions" or "related".  Static; cannot fail. */
const char *rl_mode_name(rl_mode mode);

typedef enum rl_link_kind {
	RL_LINK_EQUAL = 0,
	RL_LINK_EDITED,
	RL_LINK_MOVED,
	RL_LINK_SPLIT,
	RL_LINK_MERGED,
	RL_LINK_RELATED,
	RL_LINK_INSERTED,
	RL_LINK_DELETED,
	RL_LINK_KIND_COUNT
} rl_link_kind;

/* The name of a link kind as used in the JSON contract ("equal", ...);
 * "unknown" for a value out of range.  Static; cannot fail. */
const char *rl_link_kind_name(rl_link_kind kind);

/* Document frequencies of terms, the rarity weights of similarity: filled
 * from a whole corpus, or left NULL in rl_options to take them from the two
 * documents being compared.  Internal layout in src/similarity.h. */
typedef struct rl_stats rl_stats;

/* Release a table of document frequencies.  NULL is a no-op. */
void rl_stats_free(rl_stats *stats);

typedef struct rl_options {
	rl_mode mode;          /* RL_MODE_AUTO by default */
	double min_similarity; /* related-mode threshold; < 0: calibrated default */
	const char *lang;      /* language code such as "nl"; NULL: detect */
	unsigned changes;      /* semantic change types to report, a bit set of
	                          (1u << rl_change_type); RL_CHANGES_ALL by default */
	const rl_stats *stats; /* corpus-wide rarity; NULL: from the two documents */
	int heatmap;           /* 1: also score OLD × NEW paragraphs for the HTML
	                          report's heatmap (bounded: at most 100 × 100
	                          cells); 0 by default */
} rl_options;

/* Fill `opts` with the defaults.  Cannot fail. */
void rl_options_init(rl_options *opts);

/* One piece of a word-level edit script. */
typedef enum rl_edit_op { RL_EDIT_EQUAL = '=', RL_EDIT_DELETE = '-', RL_EDIT_INSERT = '+' } rl_edit_op;

typedef struct rl_edit {
	rl_edit_op op;
	size_t start; /* in the old document for '=' and '-', the new one for '+' */
	size_t end;
} rl_edit;

/* Semantic change types; names as in the JSON contract. */
typedef enum rl_change_type {
	RL_CHANGE_NUMBER = 0,
	RL_CHANGE_DATE,
	RL_CHANGE_NEGATION,
	RL_CHANGE_MODALITY,
	RL_CHANGE_ENTITY_ADDED,
	RL_CHANGE_ENTITY_REMOVED,
	RL_CHANGE_TERM_ADDED,
	RL_CHANGE_TERM_REMOVED,
	RL_CHANGE_TYPE_COUNT
} rl_change_type;

/* Every change type, as a bit set of (1u << rl_change_type). */
#define RL_CHANGES_ALL ((1u << RL_CHANGE_TYPE_COUNT) - 1)

/* The name of a change type ("number", "entity_added", ...); "unknown"
 * for a value out of range.  Static; cannot fail. */
const char *rl_change_type_name(rl_change_type type);

/* The type named `name` (as in the JSON contract), or -1.  Cannot fail. */
int rl_change_type_from_name(const char *name);

/* One meaning-changing difference inside a link.  A side where the text is
 * absent (a negation that appeared) has an empty span (start == end) at the
 * place it would be. */
typedef struct rl_change {
	rl_change_type type;
	size_t old_start, old_end; /* in the old document */
	size_t new_start, new_end; /* in the new document */
	const char *detail;        /* e.g. "intention -> commitment"; may be NULL */
} rl_change;

typedef struct rl_link {
	rl_link_kind kind;
	const uint32_t *old_paras; /* 0-based indices, ascending */
	size_t n_old;
	const uint32_t *new_paras;
	size_t n_new;
	double similarity; /* 1.0 for equal, 0 for inserted and deleted */
	const rl_edit *edits; /* the word edit script; NULL when one side is empty */
	size_t n_edits;
	const rl_change *changes; /* semantic changes */
	size_t n_changes;
} rl_link;

typedef struct rl_comparison rl_comparison;

/* Compare two documents.  `opts` NULL means the defaults of
 * rl_options_init(); it is not kept.  The comparison borrows both documents:
 * they must outlive it.  On success `*out` belongs to the caller
 * (rl_comparison_free()); on failure it is NULL.  Fails with RL_EINVALID for
 * bad options or RL_ENOMEM. */
int rl_compare(rl_comparison **out, const rl_doc *old_doc, const rl_doc *new_doc,
               const rl_options *opts);

/* Release a comparison.  NULL is a no-op. */
void rl_comparison_free(rl_comparison *cmp);

/* The mode the comparison ran in (never RL_MODE_AUTO).  Cannot fail. */
rl_mode rl_comparison_mode(const rl_comparison *cmp);

/* Number of links, and link `i` in output order (NULL when `i` is not
 * below the count).  Links and everything they point to are borrowed from
 * `cmp`; cannot fail. */
size_t rl_comparison_link_count(const rl_comparison *cmp);
const rl_link *rl_comparison_link(const rl_comparison *cmp, size_t i);

/* 1 when the documents are equal after normalisation (BOM, line endings,
 * whitespace, Unicode NFC), else 0.  Cannot fail. */
int rl_comparison_is_equal(const rl_comparison *cmp);

/* The old and the new document of a comparison, as given to rl_compare().
 * Borrowed from the caller of rl_compare(); cannot fail. */
const rl_doc *rl_comparison_old(const rl_comparison *cmp);
const rl_doc *rl_comparison_new(const rl_comparison *cmp);

/* The text of one piece of a link's edit script: bytes of the old document
 * for RL_EDIT_EQUAL and RL_EDIT_DELETE, of the new one for RL_EDIT_INSERT.
 * `*len` receives the length; the text is not NUL-terminated.  Borrowed
 * from the document; cannot fail. */
const char *rl_edit_text(const rl_comparison *cmp, const rl_edit *edit, size_t *len);

/* ---- rendering -------------------------------------------------------- */

/* Receives output in chunks (usually 64 KB; `data` is borrowed for the
 * call and not NUL-terminated) with the `payload` given to the renderer;
 * returns 0 to continue or non-zero to stop rendering. */
typedef int (*rl_write_fn)(const char *data, size_t len, void *payload);

typedef enum rl_format {
	RL_FORMAT_TEXT = 0,
	RL_FORMAT_JSON,
	RL_FORMAT_HTML,    /* one self-contained page: inline CSS and script */
	RL_FORMAT_MARKDOWN /* GitHub-flavoured, for pull-request comments */
} rl_format;

typedef struct rl_render_options {
	rl_format format;
	int color;         /* 1: ANSI colour and attributes in text output */
	int show_equal;    /* 1: text and Markdown output include equal paragraphs */
	const char *title; /* HTML and Markdown report title; NULL: from the names */
} rl_render_options;

/* Fill `opts` with the defaults.  Cannot fail. */
void rl_render_options_init(rl_render_options *opts);

/* Render a comparison through `write` in any format.  `opts` NULL means
 * the defaults of rl_render_options_init() (text without colour); nothing
 * is kept after the call.  Fails with RL_EINVALID for an unknown format,
 * RL_EIO when `write` returns non-zero, RL_ENOMEM. */
int rl_render(const rl_comparison *cmp, const rl_render_options *opts,
              rl_write_fn write, void *payload);

/* Render `n` comparisons as one report through `write`: in HTML one page
 * with a table of contents, in Markdown one section each, in text one after
 * the other.  JSON takes exactly one comparison.  Fails with RL_EINVALID
 * for n == 0 or JSON with n > 1, RL_EIO when `write` returns non-zero,
 * RL_ENOMEM. */
int rl_render_report(const rl_comparison *const *cmps, size_t n,
                     const rl_render_options *opts, rl_write_fn write, void *payload);

/* ======================================================================
 * The corpus: documents versioned in git, followed across documents and
 * checked in CI.  Everything from here to the end of the file is owned by
 * the corpus module — dates (src/date.c), the repository (src/corpus.c,
 * the only user of libgit2), trace (src/trace.c) and check (src/check.c).
 * A corpus is an ordinary git repository with a work tree: one file per
 * document, its history the commits of the current branch.
 * ==================================================================== */

/* ---- dates (src/date.c) ------------------------------------------------ */

typedef struct rl_date {
	int64_t time; /* seconds since 1970-01-01T00:00:00Z */
	int offset;   /* minutes east of UTC in which the date was written */
} rl_date;

/* Parse a date: "2021-08-31", "2022-03", "2022", ISO 8601 with a time
 * ("2021-08-31T14:05:00+02:00", "...Z"), git's "@1630418400 +0200", or a
 * written date in Dutch, English, French or German ("2 maart 2026",
 * "31 August 2021", "August 31, 2021", "dinsdag 19 april 2022").  Missing
 * parts are the first month, day and midnight UTC.  Years 1970 to 9999
 * (what a git commit can record).  Fails with RL_EINVALID. */
int rl_date_parse(rl_date *out, const char *s);

/* The date a document states about itself: its leading metadata line
 * (" date 2022-03"), else the first line that is only a date, optionally
 * after a label or a place ("Datum 2 maart 2026", "Den Haag, 31 augustus
 * 2021", "Date: 4 May 2023").  Returns 1 with `*out` set, or 0 when the text
 * states no date.  Cannot fail. */
int rl_date_find(rl_date *out, const rl_doc *doc);

/* Write `d` as "YYYY-MM-DD" (with_time 0) or "YYYY-MM-DDTHH:MM:SS+HH:MM"
 * in its own offset into `buf` (32 bytes suffice).  Returns `buf`.  Cannot
 * fail. */
const char *rl_date_format(char *buf, size_t cap, rl_date d, int with_time);

/* ---- the repository (src/corpus.c) -------------------------------------- */

typedef struct rl_corpus rl_corpus;

/* Create a corpus (a git repository with a work tree, branch "main") in
 * `dir`, creating the directory if needed.  `*created` is set to 0 when
 * `dir` already was a repository (then it is opened as it is).  Fails with
 * RL_EGIT or RL_EIO. */
int rl_corpus_init(rl_corpus **out, const char *dir, int *created);

/* Open the corpus containing `dir`, searching upward as git does.  Fails
 * with RL_ENOTFOUND when there is none, RL_EGIT for a corrupt repository. */
int rl_corpus_open(rl_corpus **out, const char *dir);

/* Release a corpus.  NULL is a no-op. */
void rl_corpus_free(rl_corpus *c);

/* The root of the work tree, ending in '/'; NULL for a bare repository.
 * Borrowed. */
const char *rl_corpus_workdir(const rl_corpus *c);

/* Check a document name: a relative path inside the corpus in valid UTF-8,
 * without empty, ".", ".." or ".git..." components, control characters or
 * backslashes, and not the policy file ".redline".  Returns 0 or
 * RL_EINVALID (message says why). */
int rl_corpus_check_name(const char *name);

typedef enum rl_corpus_status {
	RL_CORPUS_UNCHANGED = 0,
	RL_CORPUS_ADDED,
	RL_CORPUS_MODIFIED,
	RL_CORPUS_DELETED
} rl_corpus_status;

/* "unchanged", "added", "modified", "deleted". */
const char *rl_corpus_status_name(rl_corpus_status status);

/* Reports progress of a long operation; return non-zero to cancel. */
typedef int (*rl_progress_fn)(size_t done, size_t total, void *payload);

/* One document to add.  Inputs are borrowed for the call; `status` is
 * set by rl_corpus_add(). */
typedef struct rl_corpus_file {
	const char *name; /* document name, checked by rl_corpus_check_name() */
	const char *data; /* its bytes (valid UTF-8 text) */
	size_t len;
	rl_date date;     /* the document date */
	rl_corpus_status status; /* out: added, modified or unchanged */
} rl_corpus_file;

typedef struct rl_corpus_add_options {
	const char *message;     /* commit message; NULL: "Add NAME" and so on */
	const char *author_name; /* NULL: user.name from the git configuration,
	                            else "redline" */
	const char *author_email;/* NULL: user.email, else "redline@localhost" */
	const rl_date *committer_date; /* NULL: now */
	rl_progress_fn progress; /* NULL: none */
	void *payload;
} rl_corpus_add_options;

/* Fill `opts` with the defaults.  Cannot fail. */
void rl_corpus_add_options_init(rl_corpus_add_options *opts);

/* Store `n` documents as one commit on the current branch and update the
 * work tree and index to match.  The author date is the latest document
 * date (documents with other dates get a "Redline-Date:" trailer), the
 * committer date now.  Documents identical to the stored version are left
 * out; when all are, nothing is committed and `commit` is "".  Atomic:
 * objects are written first, then the branch moves by compare-and-swap on
 * its old value, retried when another writer moved it first.  Fails with
 * RL_EINVALID (a bad name, a work-tree file with local changes that the
 * add would overwrite, a detached HEAD), RL_EGIT (a corrupt or locked
 * repository) or RL_EIO; the repository then holds everything committed
 * before.  `commit` receives the new commit's hex id (41 bytes). */
int rl_corpus_add(char commit[41], rl_corpus *c, rl_corpus_file *files, size_t n,
                  const rl_corpus_add_options *opts);

/* Read REV:NAME (":NAME": the work tree; a bare object id: that blob) into
 * a malloc'd buffer owned by the caller.  Fails with RL_ENOTFOUND for an
 * unknown revision or name, RL_EGIT, RL_EIO, RL_ENOMEM. */
int rl_corpus_read(char **data, size_t *len, rl_corpus *c, const char *spec);

/* Load REV:NAME as a document named `display_name` (NULL: `spec`).  Fails
 * like rl_corpus_read() and rl_doc_load_buffer(). */
int rl_corpus_load(rl_doc **out, rl_corpus *c, const char *spec, const char *display_name);

/* Resolve a revision (branch, tag, commit id or prefix, HEAD~2, ...) to a
 * commit; `id` receives its hex id (41 bytes).  Fails with RL_ENOTFOUND. */
int rl_corpus_resolve(char id[41], rl_corpus *c, const char *rev);

/* A document in a listing, a change between revisions or a log entry. */
typedef struct rl_corpus_entry {
	char *name;             /* document name; NULL for a log entry of a
	                           commit that changed no document */
	rl_corpus_status status;
	char old_id[41];        /* blob ids, "" when that side is absent or */
	char new_id[41];        /*   in the work tree */
	int new_in_worktree;    /* the new side is the work-tree file */
	rl_date date;           /* document date of the new version */
	char commit[41];        /* the commit that made the new version */
	char *subject;          /* log: the commit's first line; else NULL */
} rl_corpus_entry;

typedef struct rl_corpus_entries {
	rl_corpus_entry *v;
	size_t n;
} rl_corpus_entries;

/* Release the entries (not the struct).  Cannot fail. */
void rl_corpus_entries_free(rl_corpus_entries *e);

/* Every document at `rev` (NULL: HEAD), sorted by name, with the date and
 * commit of its current version (found in the history).  An empty corpus
 * gives no entries.  Fails with RL_ENOTFOUND, RL_EGIT, RL_ENOMEM. */
int rl_corpus_list(rl_corpus_entries *out, rl_corpus *c, const char *rev);

/* The documents added, modified or deleted from `base` to `head` (NULL:
 * the work tree, untracked files included), sorted by name.  Fails with
 * RL_ENOTFOUND, RL_EGIT, RL_ENOMEM. */
int rl_corpus_changes(rl_corpus_entries *out, rl_corpus *c, const char *base, const char *head);

/* The history from `rev` (NULL: HEAD), newest first, following first
 * parents: one entry per version of `name`, or with `name` NULL one per
 * document changed in each commit.  Fails with RL_ENOTFOUND, RL_EGIT,
 * RL_ENOMEM. */
int rl_corpus_log(rl_corpus_entries *out, rl_corpus *c, const char *rev, const char *name);

/* ---- trace: a statement through the corpus (src/trace.c) ---------------- */

typedef struct rl_trace rl_trace;

typedef struct rl_trace_options {
	const char *rev;     /* the corpus as of REV; NULL: HEAD */
	size_t para;         /* 1-based paragraph of the document to follow */
	const char *quote;   /* or: text to find in it (para 0) */
	rl_options compare;  /* lang and min_similarity of related mode */
	rl_progress_fn progress;
	void *payload;
} rl_trace_options;

/* Fill `opts` with the defaults.  Cannot fail. */
void rl_trace_options_init(rl_trace_options *opts);

/* One document's passage in a trace. */
typedef struct rl_trace_step {
	const char *name;
	rl_date date;         /* the document date of its version at REV */
	const char *commit;   /* the commit that made that version */
	const rl_doc *doc;    /* the whole document */
	size_t para;          /* 0-based paragraph of `doc` */
	double similarity;    /* to the followed passage; 1 for itself */
	int source;           /* 1 for the followed passage */
	const rl_comparison *from_previous; /* the previous step's passage
	                                       against this one; NULL first */
	const rl_link *link;  /* its link: the word diff and semantic changes;
	                         NULL when the passages share nothing */
} rl_trace_step;

/* Follow a paragraph of document `name` through every other document at
 * opts->rev: in each, the passage related mode links best to it (at or
 * above opts->compare.min_similarity), and all of them in document-date
 * order, each compared with the one before.  Fails with RL_ENOTFOUND (no
 * such revision, document or quote), RL_EINVALID (no such paragraph, or
 * neither para nor quote), RL_EGIT, RL_ENOMEM. */
int rl_trace_run(rl_trace **out, rl_corpus *c, const char *name, const rl_trace_options *opts);

/* Release a trace.  NULL is a no-op. */
void rl_trace_free(rl_trace *t);

/* The steps, in document-date order.  Borrowed from the trace. */
size_t rl_trace_step_count(const rl_trace *t);
const rl_trace_step *rl_trace_step_at(const rl_trace *t, size_t i);

/* How many documents were searched.  Cannot fail. */
size_t rl_trace_searched(const rl_trace *t);

/* Render a trace as text (`color`: ANSI colour), JSON ("redline-trace/1")
 * or HTML (one self-contained page: a timeline of the passages by date,
 * each with its word diff against the one before and its changes).
 * Fails with RL_EIO when `write` fails, RL_EINVALID, RL_ENOMEM. */
int rl_trace_render(const rl_trace *t, rl_format format, int color, rl_write_fn write,
                    void *payload);

/* ---- check: a policy over two revisions (src/check.c) ------------------ */

/* A policy: which differences between two revisions fail a check.  Rules
 * come from a ".redline" file (INI, see rl_policy_parse()) and from
 * command-line flags, which win; [path "GLOB"] sections override the
 * [check] section for the documents they match. */
typedef struct rl_policy rl_policy;

/* A policy without rules (nothing fails).  Fails with RL_ENOMEM. */
int rl_policy_new(rl_policy **out);

/* Release a policy.  NULL is a no-op. */
void rl_policy_free(rl_policy *p);

/* Read INI text (`name` is used in messages).  Section [check] holds
 *   fail-on = deleted, number, negation   (link kinds, change types,
 *                                          document_deleted, document_added)
 *   min-similarity = 0.6                  (per modified document, or off)
 *   max-deleted = 3                       (deleted paragraphs per document)
 *   ignore = GLOB, ...                    (documents not checked)
 * and a section [path "GLOB"] the first three keys for the documents its
 * fnmatch(3) pattern matches.  Comments start with # or ;.  Fails with
 * RL_EINVALID naming the line. */
int rl_policy_parse(rl_policy *p, const char *name, const char *text, size_t len);

/* Set one [check] key from a command-line flag; flags override the file.
 * Fails with RL_EINVALID. */
int rl_policy_set(rl_policy *p, const char *key, const char *value);

/* Read the policy file .redline of the corpus at `rev` (NULL: the work
 * tree) into `p`; a corpus without one leaves `p` alone.  Fails like
 * rl_policy_parse() and rl_corpus_read(). */
int rl_policy_load(rl_policy *p, rl_corpus *c, const char *rev);

/* 1 when the policy has any rule.  Cannot fail. */
int rl_policy_has_rules(const rl_policy *p);

typedef struct rl_violation {
	const char *rule; /* "fail-on", "min-similarity" or "max-deleted" */
	const char *type; /* fail-on: the kind or change type; else NULL */
	char *message;    /* one line */
	long old_para;    /* 0-based paragraph concerned, -1 for none */
	long new_para;
} rl_violation;

typedef struct rl_check_doc {
	char *name;
	rl_corpus_status status;
	int ignored;       /* matched an ignore pattern: not checked */
	int passed;
	double similarity; /* share of text kept, 0..1 (see README) */
	size_t old_paragraphs, new_paragraphs;
	size_t kinds[RL_LINK_KIND_COUNT];     /* links per kind */
	size_t changes[RL_CHANGE_TYPE_COUNT]; /* semantic changes per type */
	rl_violation *violations;
	size_t n_violations;
	/* with rl_check_options.keep_comparisons: the two versions and their
	 * comparison, owned by the report (NULL for an ignored document) */
	rl_comparison *comparison;
	rl_doc *old_doc, *new_doc;
} rl_check_doc;

typedef struct rl_check_report {
	char *base_rev, *head_rev; /* as given ("HEAD~1", "worktree", ...) */
	char base[41], head[41];   /* resolved commit ids; "" for none or the
	                              work tree */
	int has_rules;             /* 0: nothing could fail */
	int passed;
	rl_check_doc *docs;        /* changed documents, by name */
	size_t n_docs;
	size_t n_failed;
} rl_check_report;

typedef struct rl_check_options {
	const char *base;  /* NULL: HEAD's parent (nothing for a first commit),
	                      or HEAD with `worktree` */
	const char *head;  /* NULL: HEAD */
	int worktree;      /* 1: compare the work tree with `base` */
	rl_options compare;
	rl_progress_fn progress;
	void *payload;
	int keep_comparisons; /* 1: keep each document's comparison in the
	                         report (the HTML report shows them) */
} rl_check_options;

/* Fill `opts` with the defaults.  Cannot fail. */
void rl_check_options_init(rl_check_options *opts);

/* Compare every document changed between two revisions (versions mode)
 * and apply the policy.  Fails with RL_ENOTFOUND (unknown revision),
 * RL_EINVALID (a document that is not text), RL_EGIT, RL_ENOMEM. */
int rl_check(rl_check_report **out, rl_corpus *c, const rl_policy *p,
             const rl_check_options *opts);

/* Release a report.  NULL is a no-op. */
void rl_check_report_free(rl_check_report *r);

typedef enum rl_check_format {
	RL_CHECK_TEXT = 0,
	RL_CHECK_JSON,     /* "redline-check/1" */
	RL_CHECK_JUNIT,    /* JUnit XML: one test case per document */
	RL_CHECK_MARKDOWN, /* a table and details, for a merge request */
	RL_CHECK_HTML      /* one self-contained page: the verdicts, the
	                      violations and, from a report made with
	                      keep_comparisons, each document's diff */
} rl_check_format;

/* Render a report.  `color`: ANSI colour in text.  Fails with RL_EIO when
 * `write` fails, RL_ENOMEM. */
int rl_check_render(const rl_check_report *r, rl_check_format format, int color,
                    rl_write_fn write, void *payload);

#ifdef __cplusplus
}
#endif

#endif
