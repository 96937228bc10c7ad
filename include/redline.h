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
	RL_EGIT = -6      /* the corpus repository failed */
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
 * on failure it is NULL.  Fails with RL_ENOTFOUND for a missing file, RL_EIO for an unreadable file
 * or a directory, RL_EINVALID for invalid UTF-8 or binary data, RL_ENOMEM. */
int rl_doc_load_file(rl_doc **out, const char *path, const char *display_name);

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

#ifdef __cplusplus
}
#endif

#endif
