/*
 * semantic — meaning-changing differences inside one aligned pair, run
 * after the word diff.  Each side is read as its sequence of non-space
 * tokens; lexicons from data files (longest match over token keys) find
 * numbers, dates, negators, modal markers and entities, and the two sides
 * are compared in three ways:
 *  - numbers and dates as multisets of normalised values ("vijf" = "5",
 *    "5 procent" = "5%"); what is left over pairs up inside one diff hunk;
 *  - negators and modal markers that the diff left unmatched pair with one
 *    in the corresponding clause of the other side (polarity; level);
 *  - entities and terms by the presence of their words on the other side,
 *    blind to case, hyphenation and (terms) inflection; terms are ranked
 *    by rarity over the paragraphs of both documents.
 * Only a window around the changes of a pair is read in full; the equal
 * text around it is looked into where a word may be (see "windows").
 */
#include "semantic.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "lang.h"

/* ---- lexicons ------------------------------------------------------------ */

#define LEX_MAXW 8
#define TERMS_MAX 3
#define NGRAM_MAX 6

enum { LEXF_ASK = 1, LEXF_ORDINAL = 2, LEXF_MULT = 4, LEXF_WEAK = 8 };

/* Date lexicon kinds beside the months 1..12. */
enum { DATE_WEEKDAY = 100, DATE_AND = 200, DATE_OF = 300 };

/* Modality levels; 0 is a phrase that only looks modal ("zo snel mogelijk"). */
enum { MOD_NONE = 0, MOD_POSSIBILITY, MOD_PERMISSION, MOD_INTENTION, MOD_COMMITMENT,
       MOD_OBLIGATION, MOD_LEVELS };

static const char *const level_names[MOD_LEVELS] = {
	"assertion", "possibility", "permission", "intention", "commitment", "obligation"
};

#define L0 "assertion"
#define L1 "possibility"
#define L2 "permission"
#define L3 "intention"
#define L4 "commitment"
#define L5 "obligation"
#define ROW(x) {x " -> " L0, x " -> " L1, x " -> " L2, x " -> " L3, x " -> " L4, x " -> " L5}
static const char *const level_change[MOD_LEVELS][MOD_LEVELS] = {
	ROW(L0), ROW(L1), ROW(L2), ROW(L3), ROW(L4), ROW(L5)
};

typedef struct lex_entry {
	uint64_t key[LEX_MAXW];
	uint64_t vkey;   /* units: key of the unit name; gazetteer: the entity */
	int32_t value;   /* negation 1 or 0, modality level, date kind */
	int32_t exp;     /* numbers: the value is digits x 10^exp */
	char digits[24];
	uint32_t next;   /* 1 + index of the next entry with the same first key */
	uint32_t alias;  /* gazetteer: 1 + index of the next name of the same entity */
	uint32_t text, text_len; /* gazetteer: its first word, folded, in rl_semantic.names */
	uint8_t n;
	uint8_t flags;   /* LEXF_* */
	uint8_t lang;    /* index of the entry's language; LANG_ANY for all */
} lex_entry;

#define MAX_LANGS 32
#define LANG_SAMPLE 20000 /* words read to choose the language */
#define LANG_ANY 255

typedef struct lexicon {
	lex_entry *v;
	size_t n, cap;
	rl_map64 first; /* first key -> 1 + index of the newest such entry */
	uint32_t langs; /* bit set of the languages whose entries count */
	uint8_t bit;    /* its bit in rl_semantic.lexm (LX_*) */
} lexicon;

/* Bits of the lexicons an entry can start at a word in, looked up once per
 * word (most words start none). */
enum { LX_NEG = 1, LX_MOD = 2, LX_NUM = 4, LX_UNIT = 8, LX_DATE = 16, LX_GAZ = 32,
       LX_ANY = 64 /* a word of an entry, anywhere in it */ };

static void lex_free(lexicon *lx)
{
	free(lx->v);
	rl_map64_free(&lx->first);
	memset(lx, 0, sizeof(*lx));
}

/* Append a copy of `e`.  Fails with RL_ENOMEM. */
static int lex_add(lexicon *lx, const lex_entry *e)
{
	uint32_t *head;

	if (!e->n)
		return 0;
	if (rl_grow(&lx->v, &lx->cap, lx->n + 1, sizeof(lex_entry)) < 0 ||
	    !(head = rl_map64_slot(&lx->first, e->key[0])))
		return RL_ENOMEM;
	lx->v[lx->n] = *e;
	lx->v[lx->n].next = *head;
	*head = (uint32_t)++lx->n;
	return 0;
}

/* The longest entry whose keys begin keys[0..avail), or NULL; its length
 * in words goes to `*len`.  Cannot fail. */
static const lex_entry *lex_match(const lexicon *lx, const uint64_t *keys, size_t avail,
                                  size_t *len)
{
	const lex_entry *best = NULL;
	uint32_t *head;

	if (!avail || !(head = rl_map64_get(&lx->first, keys[0])))
		return NULL;
	for (uint32_t i = *head; i; i = lx->v[i - 1].next) {
		const lex_entry *e = &lx->v[i - 1];
		size_t k = 1;

		if (e->n > avail || (best && e->n <= best->n) ||
		    (e->lang != LANG_ANY && !(lx->langs >> e->lang & 1)))
			continue;
		while (k < e->n && e->key[k] == keys[k])
			k++;
		if (k == e->n)
			best = e;
	}
	if (best)
		*len = best->n;
	return best;
}

/* Empty a set for reuse with about `expect` keys, keeping its table unless
 * that is far larger than they need. */
static void set_reset(rl_set64 *st, size_t expect)
{
	if (st->mask + 1 > 8 * expect + 32) {
		rl_set64_free(st);
		return;
	}
	if (st->slots)
		memset(st->slots, 0, (st->mask + 1) * sizeof(uint64_t));
	st->n = 0;
	st->has_zero = 0;
}

/* ---- the detector's state ------------------------------------------------ */

/* Claims on words, so that one word serves one detector. */
enum { CL_URL = 1, CL_DATE = 2, CL_DATEEQ = 4, CL_NUMBER = 8, CL_MARK = 16, CL_ENTITY = 32 };

typedef struct word {
	uint32_t start, end;
	uint32_t clause; /* clauses end at , ; : . ! ? ( ) [ ] and blank lines */
	int32_t hunk;    /* the diff hunk the word is in; -1 in equal text */
	uint8_t kind, flags;
	uint8_t changed; /* inside a '-' or '+' piece */
	uint8_t sent;    /* first word of a sentence */
	uint8_t claim;   /* CL_* */
	uint8_t space;   /* white space before: 1, a blank line: 2 */
	uint8_t digit;   /* a word with a digit ("G20", "2de") */
	uint8_t wstart;  /* the first word of a window after the first */
} word;

/* A word split at hyphens and apostrophes: "Frans-Nederlandse" has two. */
typedef struct part {
	uint32_t start, end;
	uint32_t word;
	uint32_t run;    /* a run is not broken by punctuation or numbers */
	uint32_t fold, fold_len; /* casefolded text in side.fold; NO_FOLD until needed */
	uint8_t cap, allcaps, alpha, claim;
	uint8_t ascii;   /* only ASCII bytes: its fold is them lower-cased */
} part;

typedef struct item {
	uint32_t w0, w1;     /* words; parts for entities and terms */
	uint32_t start, end; /* bytes */
	uint64_t key;
	int32_t hunk;
	uint32_t clause;
	int32_t value;       /* modality level; entity: 1 from the gazetteer; number: 1 weak */
	uint8_t changed, used;
	union {
		uint64_t shape;  /* items of add_item(): the text with every digit 0 */
		double weight;   /* terms: rarity */
	};
} item;

typedef struct items {
	item *v;
	size_t n, cap;
} items;

enum { IT_NUM, IT_DATE, IT_NEG, IT_MOD, IT_ENT, IT_TERM, IT_COUNT };

typedef struct side {
	const char *text;
	word *w;
	size_t n, w_cap;
	uint64_t *key; /* token keys of the words */
	size_t key_cap;
	uint8_t *lexm; /* the lexicons an entry can start in at each word (LX_*) */
	size_t lexm_cap;
	uint32_t *cl_first; /* the first word of every clause, and one past all */
	size_t n_cl, cl_cap;
	part *p;
	size_t np, p_cap;
	uint64_t *pkey;
	size_t pkey_cap;
	rl_buf fold;
	rl_set64 present; /* n-grams of part keys, and of joined neighbours */
	rl_set64 ents;    /* keys of the entities found */
	items it[IT_COUNT];
} side;

/* One edit with its place on both sides. */
typedef struct espan {
	uint32_t a0, a1, b0, b1;
	int32_t hunk;
	char op;
} espan;

/* The head and tail of a pair, outside its window: read a segment at a
 * time where a word looked for may be (see "context" below). */
typedef struct fold_ref {
	uint32_t off, len, next;
} fold_ref;

#define RUN_LENS 64

/* Old text outside the windows, [lo, hi), and the sentence state where it
 * starts. */
typedef struct range {
	uint32_t lo, hi;
	int8_t state;
} range;

/* A window of a pair: old[a0..a1), new[b0..b1); the sentence state where
 * it starts (`state`, see sync_at()) and where the text after it starts
 * (`after`). */
typedef struct window {
	uint32_t a0, a1, b0, b1;
	int8_t state, after;
} window;

typedef struct context {
	const char *text;
	uint32_t start, end;       /* the pair, old side */
	range *rng;                /* the text outside the windows: head, gaps, tail */
	size_t n_rng, rng_cap;
	uint8_t checked, all;      /* runs listed, fold_stable() checked; all read */
	uint32_t *run;             /* maximal runs of ASCII letters and digits: start, length, range */
	size_t n_run, run_cap;
	uint32_t *order;           /* the runs by length: of length L (63 and up: 63) */
	size_t order_cap;          /* order[bucket[L]..bucket[L + 1]) */
	uint32_t bucket[RUN_LENS + 1];
	uint32_t *seg;             /* the segments read, [start, end) pairs */
	size_t n_seg, seg_cap;
	side sd;                   /* a segment; its present and ents gather all segments' */
	rl_tokens tok;
	rl_buf fold;               /* folded parts of four bytes or more */
	fold_ref *fv;
	size_t n_fv, fv_cap;
	rl_map64 prefix;           /* their first four bytes -> 1 + index in fv */
	rl_buf word;               /* a joined word looked for */
} context;

/* The rarity of words over two texts (see need_rarity()), counted once by
 * whichever of an analyser and its siblings needs it first. */
typedef struct rarity_counts {
	pthread_mutex_t lock;
	int ready;    /* counted, or failed with err */
	int err;
	rl_map64 df;  /* word key -> 1 + index in dfv */
	struct df_count {
		uint32_t last;  /* the last paragraph counted */
		uint32_t count; /* paragraphs holding the word */
	} *dfv;
	size_t n_dfv, dfv_cap;
	double n_paras;
	rl_map64 df_map; /* paragraph hash -> 1 + index in df_v */
	struct para_rec *df_v;
	size_t n_df_v, df_v_cap;
	uint64_t *dkeys;  /* the keys of the paragraphs in df_v */
	size_t n_dkeys, dkeys_cap;
} rarity_counts;

struct rl_semantic {
	const rl_semantic *lists; /* the lists' owner (see "the lists, once"); NULL: this one */
	unsigned types;
	char decimal; /* the decimal separator of the languages, 0 when they differ */
	size_t n_langs;
	int cur;      /* the language being loaded, or LANG_ANY */
	char decimals[MAX_LANGS];
	rl_set64 evidence[MAX_LANGS]; /* its one-word entries and stopwords */
	size_t hits[MAX_LANGS];
	const rl_doc *docs[2];
	rl_map64 lang_map; /* paragraph hash -> 1 + index in lang_v */
	struct para_rec *lang_v;
	size_t n_lang_v, lang_v_cap;
	uint32_t *lhits;  /* hits per language of the paragraphs in lang_v */
	size_t n_lhits, lhits_cap;
	rarity_counts *rc; /* own_rc, or that of the analyser this one is a sibling of */
	rarity_counts own_rc;
	int df_ready;     /* rc asked for */
	lexicon neg, mod, num, unit, date, gaz;
	rl_map64 lexm; /* word of an entry -> the lexicons it starts an entry in (LX_*) */
	int windows;  /* no entry spans a sentence end: analyse windows (see below) */
	rl_map64 ents; /* gazetteer entity -> 1 + index of its newest name (when used) */
	rl_buf names; /* the first words of the gazetteer's names */
	uint32_t first_part[2]; /* see phrase_keys() */
	rl_set64 stop, particles, ordinal_suffixes;
	uint64_t k_http, k_https, k_ftp, k_www, u_pct, u_permille, u_ordinal;
	side sd[2];
	espan *es;
	size_t n_es, es_cap;
	uint32_t *ix[2];  /* per side, the edits that hold text there */
	size_t n_ix[2], ix_cap[2];
	uint32_t start[2], end[2]; /* the ranges of the window */
	struct pair {              /* the pair being read */
		const char *a, *b;
		size_t a0, a1, b0, b1;
		const rl_edit *e;
		size_t n;
	} pair;
	window *win;               /* the windows read */
	size_t n_win, win_cap;
	uint32_t *wtok[2];         /* per side, the first token of each window */
	size_t wtok_cap[2];
	rl_edit *we;               /* its edit script cut to the windows */
	size_t n_we, we_cap;
	context cx;
	rl_tokens tmp, tok;        /* tok: the windows of one side */
	rl_buf buf;
	int retry;                 /* the window ends before the pair does */
	struct {                   /* the last two words plain_gap_word() looked at */
		const char *text;
		size_t len;
		int plain;
	} gap_word[2];
	int gap_last;              /* the newer of them */
	rl_change **out;
	size_t *out_n, *out_cap;
};

/* Returned by a detector when one window must reach the end of the pair
 * (RETRY), or cover all changes (ONE_WINDOW). */
#define RETRY 1
#define ONE_WINDOW 2

#define T(t) (1u << RL_CHANGE_##t)
#define T_ENTITY (T(ENTITY_ADDED) | T(ENTITY_REMOVED))
#define T_TERM (T(TERM_ADDED) | T(TERM_REMOVED))

static int wants(const rl_semantic *s, unsigned types)
{
	return (s->types & types) != 0;
}

/* The longest entry of `lx` that starts at word j of `sd` and lies within
 * its next `avail` words, or NULL; its length goes to `*len`.  Cannot
 * fail. */
static const lex_entry *word_lex(const lexicon *lx, const side *sd, size_t j, size_t avail,
                                 size_t *len)
{
	if (!(sd->lexm[j] & lx->bit))
		return NULL;
	return lex_match(lx, sd->key + j, avail, len);
}

/* ---- words and parts ----------------------------------------------------- */

static int is_joiner(uint32_t cp)
{
	return cp == '-' || cp == '\'' || cp == 0x2010 || cp == 0x2011 || cp == 0x2019 ||
	       cp == 0x02bc;
}

/* The next part of s[*i..end) between joiners into [*ps, *pe); returns 0
 * when there is none.  Cannot fail. */
static int next_part(const char *s, uint32_t *i, uint32_t end, uint32_t *ps, uint32_t *pe)
{
	size_t j = *i, at;

	while (j < end) {
		at = j;
		if (!is_joiner(rl_text_next(s, end, &j))) {
			j = at;
			break;
		}
	}
	if (j >= end)
		return 0;
	*ps = (uint32_t)j;
	while (j < end) {
		at = j;
		if (is_joiner(rl_text_next(s, end, &j))) {
			j = at;
			break;
		}
	}
	*pe = (uint32_t)j;
	*i = (uint32_t)j;
	return 1;
}

/* Is word s[start..end), with token flags `flags`, plain ASCII without
 * hyphens or apostrophes, one part with the word's key? */
static int plain_text(const char *s, uint32_t start, uint32_t end, uint8_t flags)
{
	if (!(flags & RL_TOKF_ASCII) || end - start > 128)
		return 0;
	if (flags & RL_TOKF_ALNUM)
		return 1;
	for (uint32_t i = start; i < end; i++)
		if (s[i] == '-' || s[i] == '\'')
			return 0;
	return 1;
}

static int plain_token(const char *s, const rl_token *t)
{
	return plain_text(s, t->start, t->end, t->flags);
}

/* Keys of the words of phrase p[0..len), tokenized as text is: non-space
 * tokens, or their parts when `parts`.  Returns the count (at most `max`,
 * -1 when longer) or RL_ENOMEM; s->first_part is the first key's part, if
 * it is one. */
static int phrase_keys(rl_semantic *s, const char *p, size_t len, int parts, uint64_t *keys,
                       size_t max)
{
	size_t n = 0;

	s->first_part[0] = s->first_part[1] = 0;
	s->tmp.n = 0;
	if (rl_text_tokenize(&s->tmp, p, 0, len) < 0)
		return RL_ENOMEM;
	for (size_t k = 0; k < s->tmp.n; k++) {
		const rl_token *t = &s->tmp.v[k];
		uint32_t i = t->start, ps, pe;

		if (t->kind == RL_TOK_SPACE)
			continue;
		if (!parts || t->kind != RL_TOK_WORD) {
			if (n == max)
				return -1;
			keys[n++] = t->key;
			continue;
		}
		while (next_part(p, &i, t->end, &ps, &pe)) {
			if (n == max)
				return -1;
			if (!n) {
				s->first_part[0] = ps;
				s->first_part[1] = pe;
			}
			keys[n++] = rl_text_key_hash(p + ps, pe - ps);
		}
	}
	return (int)n;
}

/* ---- number values ------------------------------------------------------- */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static const uint8_t ws_bytes[256] = {
	[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\f'] = 1, ['\v'] = 1,
};

static int is_ws(char c)
{
	return ws_bytes[(unsigned char)c];
}

/* The decimal separator of one group of digits and separators ("1.987",
 * "4,256", "2.18"), 0 for none, or -1 when it cannot be told: a lone
 * separator before three digits is a thousands separator in one
 * convention and a decimal one in the other. */
static int group_decimal(const char *g, size_t len, char decimal)
{
	size_t ndot = 0, ncomma = 0, last = 0;
	char lastc = 0;

	for (size_t i = 0; i < len; i++)
		if (g[i] == '.' || g[i] == ',') {
			ndot += g[i] == '.';
			ncomma += g[i] == ',';
			last = i;
			lastc = g[i];
		}
	if (ndot && ncomma)
		return (lastc == '.' ? ndot : ncomma) == 1 ? lastc : 0;
	if (ndot + ncomma != 1)
		return 0;
	if (len - last - 1 != 3 || (last == 1 && g[0] == '0'))
		return lastc;
	if (decimal)
		return lastc == decimal ? lastc : 0;
	return -1;
}

/* Split one group into significant digits and a power of ten: "1.987" is
 * 1987 x 10^0, "4,50" is 45 x 10^-1.  Returns 0, or -1 when there are too
 * many digits or the separator is ambiguous.  Cannot fail otherwise. */
static int group_value(const char *g, size_t len, char decimal, char *digits, size_t cap,
                       int *exp)
{
	int dec = group_decimal(g, len, decimal), frac = 0;
	size_t n = 0, lead = 0;

	if (dec < 0)
		return -1;
	*exp = 0;
	for (size_t i = 0; i < len; i++) {
		if (is_digit(g[i])) {
			if (n + 1 >= cap)
				return -1;
			digits[n++] = g[i];
			*exp -= frac;
		} else if (g[i] == dec) {
			frac = 1;
		}
	}
	while (lead + 1 < n && digits[lead] == '0')
		lead++;
	memmove(digits, digits + lead, n - lead);
	n -= lead;
	while (n > 1 && digits[n - 1] == '0') {
		n--;
		(*exp)++;
	}
	if (n == 1 && digits[0] == '0')
		*exp = 0;
	digits[n] = '\0';
	return n ? 0 : -1;
}

/* Append "DIGITSeEXP", as printf's "%se%d" would.  Fails with RL_ENOMEM. */
static int put_value(rl_buf *out, const char *digits, int exp)
{
	char t[16];
	size_t n = 0;
	unsigned u = exp < 0 ? 0u - (unsigned)exp : (unsigned)exp;

	do
		t[n++] = (char)('0' + u % 10);
	while ((u /= 10));
	if (exp < 0)
		t[n++] = '-';
	t[n++] = 'e';
	if (rl_buf_puts(out, digits) < 0 || rl_buf_grow(out, n) < 0)
		return RL_ENOMEM;
	while (n)
		out->data[out->len++] = t[--n];
	out->data[out->len] = '\0';
	return 0;
}

/* Append the canonical form of a group times 10^mult: "1987e0", or the text
 * itself ("L4,256") when its value cannot be told.  Fails with RL_ENOMEM. */
static int canon_group(rl_buf *out, const char *g, size_t len, char decimal, int mult)
{
	char digits[64];
	int exp;

	if (group_value(g, len, decimal, digits, sizeof(digits), &exp) < 0)
		return rl_buf_putc(out, 'L') < 0 ? RL_ENOMEM : rl_buf_put(out, g, len);
	return put_value(out, digits, digits[0] == '0' ? 0 : exp + mult);
}

/* Length of a range separator at s[i] ('-', '/', ':', en dash), or 0. */
static size_t range_sep(const char *s, size_t i, size_t len)
{
	if (s[i] == '-' || s[i] == '/' || s[i] == ':')
		return 1;
	if (i + 2 < len && !memcmp(s + i, "\xe2\x80\x93", 3))
		return 3;
	return 0;
}

/* Append the canonical value of a number token ("55%", "1.987,–", "1-2",
 * "21:13") times 10^mult; a '%' or '‰' at its end goes to `*unit`.  Fails
 * with RL_ENOMEM. */
static int canon_number(rl_semantic *s, rl_buf *out, const char *t, size_t len, int mult,
                        uint64_t *unit)
{
	size_t g = 0;
	int err = 0;

	if (len && t[len - 1] == '%') {
		*unit = s->u_pct;
		len--;
	} else if (len >= 3 && !memcmp(t + len - 3, "\xe2\x80\xb0", 3)) {
		*unit = s->u_permille;
		len -= 3;
	}
	/* "1.987,–": whole units */
	if (len >= 2 && t[len - 2] == ',' && t[len - 1] == '-')
		len -= 2;
	else if (len >= 4 && t[len - 4] == ',' && !memcmp(t + len - 3, "\xe2\x80", 2))
		len -= 4;
	for (size_t i = 0; i <= len && !err; i++) {
		size_t sep = i < len ? range_sep(t, i, len) : 1;

		if (!sep)
			continue;
		err = canon_group(out, t + g, i - g, s->decimal, mult);
		if (!err && i < len)
			err = rl_buf_putc(out, t[i] == '/' || t[i] == ':' ? t[i] : '-');
		i += sep - 1;
		g = i + 1;
	}
	return err;
}

/* ---- data files ---------------------------------------------------------- */

typedef int (*line_fn)(rl_semantic *s, lexicon *lx, char *lhs, char *rhs);

/* Split "PHRASE = FIELDS" at the first " = "; FIELDS is "" when absent. */
static char *split_value(char *line)
{
	char *eq = strstr(line, " = ");

	if (!eq)
		return line + strlen(line);
	*eq = '\0';
	return eq + 3;
}

/* Read data file `path` line by line into `lx` through `fn`.  Returns 1
 * when read, 0 when it does not exist, or a negative error. */
static int load_file(rl_semantic *s, lexicon *lx, const char *path, line_fn fn)
{
	char line[1024];
	FILE *f = fopen(path, "r");
	int err = 0, no = 0;

	if (!f)
		return errno == ENOENT ? 0 : rl_error_set(RL_EIO, "%s: cannot open: %s", path,
		                                          strerror(errno));
	while (!err && fgets(line, sizeof(line), f)) {
		size_t len = strcspn(line, "#\r\n");

		no++;
		while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
			len--;
		line[len] = '\0';
		if (!len)
			continue;
		if (rl_text_validate(line, len, &(size_t){0}) < 0) {
			err = rl_error_set(RL_EINVALID, "%s:%d: invalid UTF-8", path, no);
			break;
		}
		err = fn(s, lx, line, split_value(line));
		if (err == RL_EINVALID)
			rl_error_set(RL_EINVALID, "%s:%d: cannot read \"%s\"", path, no, line);
	}
	fclose(f);
	return err < 0 ? err : 1;
}

/* A plain entry: the phrase's keys and nothing else yet. */
static int entry_init(rl_semantic *s, lex_entry *e, const char *phrase, int parts)
{
	int n;

	memset(e, 0, sizeof(*e));
	n = phrase_keys(s, phrase, strlen(phrase), parts, e->key, LEX_MAXW);
	if (n == RL_ENOMEM)
		return n;
	if (n <= 0)
		return RL_EINVALID;
	e->n = (uint8_t)n;
	e->lang = (uint8_t)s->cur;
	if (n == 1 && s->cur != LANG_ANY && rl_set64_add(&s->evidence[s->cur], e->key[0]) < 0)
		return RL_ENOMEM;
	return 0;
}

/* "niet" or "niet alleen = no" */
static int line_negation(rl_semantic *s, lexicon *lx, char *lhs, char *rhs)
{
	lex_entry e;
	int err = entry_init(s, &e, lhs, 0);

	if (err)
		return err;
	if (*rhs && strcmp(rhs, "no"))
		return RL_EINVALID;
	e.value = !*rhs;
	return lex_add(lx, &e);
}

/* "voornemens = intention" */
static int line_modality(rl_semantic *s, lexicon *lx, char *lhs, char *rhs)
{
	lex_entry e;
	int err = entry_init(s, &e, lhs, 0), level = -1;

	if (err)
		return err;
	if (!strcmp(rhs, "none"))
		level = MOD_NONE;
	for (int l = 1; l < MOD_LEVELS; l++)
		if (!strcmp(rhs, level_names[l]))
			level = l;
	if (level < 0)
		return RL_EINVALID;
	e.value = level;
	return lex_add(lx, &e);
}

/* "@decimal = ,", "@ordinal = de", "vijf = 5", "miljoen = 1000000
 * multiplier", "tweede = 2 ordinal", "een = 1 weak" */
static int line_number(rl_semantic *s, lexicon *lx, char *lhs, char *rhs)
{
	char *flag = strchr(rhs, ' ');
	lex_entry e;
	int err;

	if (!strcmp(lhs, "@decimal")) {
		if (strcmp(rhs, ",") && strcmp(rhs, "."))
			return RL_EINVALID;
		s->decimals[s->cur] = *rhs;
		return 0;
	}
	if (!strcmp(lhs, "@ordinal"))
		return rl_set64_add(&s->ordinal_suffixes, rl_text_key_hash(rhs, strlen(rhs))) < 0
		           ? RL_ENOMEM : 0;
	if ((err = entry_init(s, &e, lhs, 0)) < 0)
		return err;
	if (flag)
		*flag++ = '\0';
	if (group_value(rhs, strlen(rhs), '.', e.digits, sizeof(e.digits), &e.exp) < 0)
		return RL_EINVALID;
	if (flag && !strcmp(flag, "ordinal"))
		e.flags = LEXF_ORDINAL;
	else if (flag && !strcmp(flag, "multiplier") && !strcmp(e.digits, "1"))
		e.flags = LEXF_MULT;
	else if (flag && !strcmp(flag, "weak"))
		e.flags = LEXF_WEAK;
	else if (flag)
		return RL_EINVALID;
	return lex_add(lx, &e);
}

/* "procent = %" */
static int line_unit(rl_semantic *s, lexicon *lx, char *lhs, char *rhs)
{
	lex_entry e;
	int err = entry_init(s, &e, lhs, 0);

	if (err)
		return err;
	if (!*rhs)
		return RL_EINVALID;
	e.vkey = rl_text_key_hash(rhs, strlen(rhs));
	return lex_add(lx, &e);
}

/* "augustus = month 8", "may = month 5 ?", "dinsdag = weekday", "en = and",
 * "of = of" */
static int line_date(rl_semantic *s, lexicon *lx, char *lhs, char *rhs)
{
	lex_entry e;
	int err = entry_init(s, &e, lhs, 0), m = 0;
	char ask = 0;

	if (err)
		return err;
	if (!strcmp(rhs, "weekday"))
		e.value = DATE_WEEKDAY;
	else if (!strcmp(rhs, "and"))
		e.value = DATE_AND;
	else if (!strcmp(rhs, "of"))
		e.value = DATE_OF;
	else if (sscanf(rhs, "month %d %c", &m, &ask) >= 1 && m >= 1 && m <= 12 && (!ask || ask == '?'))
		e.value = m;
	else
		return RL_EINVALID;
	e.flags = ask ? LEXF_ASK : 0;
	return lex_add(lx, &e);
}

/* Keep the folded text of the first part of name `p` (the entry's first
 * key, as entry_init() found it), to look for the name in text.  Fails
 * with RL_ENOMEM. */
static int first_word(rl_semantic *s, lex_entry *e, const char *p)
{
	size_t mark = s->names.len;

	if (s->first_part[1] == s->first_part[0])
		return 0;
	if (rl_text_fold(&s->names, p + s->first_part[0], s->first_part[1] - s->first_part[0]) < 0)
		return RL_ENOMEM;
	e->text = (uint32_t)mark;
	e->text_len = (uint32_t)(s->names.len - mark);
	return 0;
}

/* "Frankrijk | France | Franse": names of one entity */
static int line_gazetteer(rl_semantic *s, lexicon *lx, char *lhs, char *rhs)
{
	uint64_t id = rl_hash(lhs, strlen(lhs), 0x67617a);
	char *name = lhs, *bar;
	int err = 0;

	(void)rhs;
	for (;;) {
		lex_entry e;

		if ((bar = strstr(name, " | ")))
			*bar = '\0';
		if ((err = entry_init(s, &e, name, 1)) < 0 || (err = first_word(s, &e, name)) < 0)
			return err;
		e.vkey = id;
		if ((err = lex_add(lx, &e)) < 0)
			return err;
		if (!bar)
			return 0;
		name = bar + 3;
	}
}

/* A set list: one word a line. */
static int line_set(rl_semantic *s, lexicon *lx, char *lhs, char *rhs)
{
	uint64_t key = rl_text_key_hash(lhs, strlen(lhs));

	(void)lx;
	(void)rhs;
	return rl_set64_add(&s->particles, key) < 0 || rl_set64_add(&s->evidence[s->cur], key) < 0
	           ? RL_ENOMEM : 0;
}

typedef struct list_def {
	const char *name;
	size_t lexicon; /* offset of the lexicon in rl_semantic */
	line_fn fn;
} list_def;

static const list_def lists[] = {
	{"negation", offsetof(rl_semantic, neg), line_negation},
	{"modality", offsetof(rl_semantic, mod), line_modality},
	{"numbers", offsetof(rl_semantic, num), line_number},
	{"units", offsetof(rl_semantic, unit), line_unit},
	{"dates", offsetof(rl_semantic, date), line_date},
	{"name_particles", 0, line_set}, /* a set: no lexicon */
};

/* Load the lists of language `code` as language s->n_langs; returns how
 * many exist, or an error. */
static int load_language(rl_semantic *s, const char *code)
{
	char path[PATH_MAX];
	int found = 0, r;

	if (s->n_langs == MAX_LANGS)
		return 0;
	s->cur = (int)s->n_langs;
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		if (snprintf(path, sizeof(path), "%s/lang/%s/%s.txt", rl_lang_datadir(), code,
		             lists[i].name) >= (int)sizeof(path))
			return rl_error_set(RL_EIO, "data path too long");
		r = load_file(s, lists[i].lexicon ? (lexicon *)((char *)s + lists[i].lexicon) : NULL, path,
		              lists[i].fn);
		if (r < 0)
			return r;
		found += r;
	}
	if ((r = rl_lang_load_list(&s->stop, code, "stopwords")) < 0 ||
	    (r = rl_lang_load_list(&s->evidence[s->cur], code, "stopwords")) < 0)
		return r;
	if (found)
		s->n_langs++;
	return found;
}

/* Load every data/gazetteer/ *.txt. */
static int load_gazetteer(rl_semantic *s)
{
	char dir[PATH_MAX], path[PATH_MAX + 256];
	struct dirent *e;
	DIR *d;
	int err = 0;

	if (snprintf(dir, sizeof(dir), "%s/gazetteer", rl_lang_datadir()) >= (int)sizeof(dir) ||
	    !(d = opendir(dir)))
		return 0;
	while (!err && (e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".txt"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if ((err = load_file(s, &s->gaz, path, line_gazetteer)) > 0)
			err = 0;
	}
	closedir(d);
	return err;
}

#define N_LEXICONS 6

static void lexicons(rl_semantic *s, lexicon *lx[N_LEXICONS])
{
	lx[0] = &s->neg;
	lx[1] = &s->mod;
	lx[2] = &s->num;
	lx[3] = &s->unit;
	lx[4] = &s->date;
	lx[5] = &s->gaz;
}

#define N_ENDS 5

/* The keys of the punctuation after which sync_at() cuts. */
static void end_keys(uint64_t keys[N_ENDS])
{
	static const char *const ends[N_ENDS] = {".", "!", "?", ":", "\xe2\x80\xa6"};

	for (size_t i = 0; i < N_ENDS; i++)
		keys[i] = rl_text_key_hash(ends[i], strlen(ends[i]));
}

/* Is `k` one of keys[0..N_ENDS)? */
static int end_key(const uint64_t keys[N_ENDS], uint64_t k)
{
	for (size_t i = 0; i < N_ENDS; i++)
		if (k == keys[i])
			return 1;
	return 0;
}

/* Note for every word of an entry the lexicons it starts one in, so that
 * a word is looked up once for all of them. */
static int index_lexicons(rl_semantic *s)
{
	static const uint8_t bits[N_LEXICONS] = {LX_NEG, LX_MOD, LX_NUM, LX_UNIT, LX_DATE, LX_GAZ};
	lexicon *lx[N_LEXICONS];
	uint64_t ends[N_ENDS];

	lexicons(s, lx);
	end_keys(ends);
	s->windows = 1;
	for (size_t i = 0; i < N_LEXICONS; i++) {
		lx[i]->bit = bits[i];
		for (size_t k = 0; k < lx[i]->n; k++) {
			const lex_entry *e = &lx[i]->v[k];

			for (size_t w = 0; w < e->n; w++) {
				uint32_t *slot = rl_map64_slot(&s->lexm, e->key[w]);

				if (!slot)
					return RL_ENOMEM;
				*slot |= LX_ANY | (w ? 0 : bits[i]);
				/* the gazetteer matches parts of words, never punctuation */
				if (lx[i] != &s->gaz && end_key(ends, e->key[w]))
					s->windows = 0;
			}
		}
	}
	return 0;
}

/* Is `key` a word of a lexicon entry or a name particle? */
static int lexicon_word(const rl_semantic *s, uint64_t key)
{
	const uint32_t *m = rl_map64_get(&s->lexm, key);

	return (m && (*m & LX_ANY)) || rl_set64_has(&s->particles, key);
}

/* Chain the names of each gazetteer entity, once.  Fails with RL_ENOMEM. */
static int index_entities(rl_semantic *s)
{
	if (s->ents.n)
		return 0;
	for (size_t k = 0; k < s->gaz.n; k++) {
		uint32_t *slot = rl_map64_slot(&s->ents, s->gaz.v[k].vkey);

		if (!slot)
			return RL_ENOMEM;
		s->gaz.v[k].alias = *slot;
		*slot = (uint32_t)k + 1;
	}
	return 0;
}

static void use_languages(rl_semantic *s, uint32_t langs)
{
	lexicon *lx[N_LEXICONS];

	lexicons(s, lx);
	for (size_t i = 0; i < N_LEXICONS; i++)
		lx[i]->langs = langs;
	/* the decimal separator, when the languages in use agree on one */
	s->decimal = 1;
	for (size_t l = 0; l < s->n_langs; l++)
		if ((langs >> l & 1) && s->decimals[l])
			s->decimal = s->decimal == 1 || s->decimal == s->decimals[l] ? s->decimals[l] : 0;
	if (s->decimal == 1)
		s->decimal = 0;
}

/* The lists of `lang`; of every language when it is NULL or has none.
 * Returns 1 when `lang` was loaded alone, 0, or an error. */
static int load_all(rl_semantic *s, const char *lang)
{
	const char *const *codes = rl_lang_codes();
	int found = 0, err;

	if (lang && (found = load_language(s, lang)) < 0)
		return found;
	for (size_t i = 0; !found && codes[i]; i++)
		if ((err = load_language(s, codes[i])) < 0)
			return err;
	use_languages(s, UINT32_MAX);
	s->cur = LANG_ANY;
	if ((err = load_gazetteer(s)) < 0 || (err = index_lexicons(s)) < 0)
		return err;
	return found > 0;
}

/* ---- rarity -------------------------------------------------------------- */

/*
 * Two passes over the documents, each cut short.  The language is told
 * from the first LANG_SAMPLE words of each text; rarity is counted over
 * their paragraphs, only once a pair has more terms than it reports
 * (rarely), and over a sample of paragraphs when the texts are long: those
 * whose hash falls in a slice, so that both versions sample the same ones
 * and rarity stays an estimate of log(1 + N / df).  Two versions share most
 * paragraphs, so what the old text's paragraphs gave is kept by their
 * hash and the new text's equal paragraphs are not read again.
 */

#define DF_ALL (512 * 1024) /* bytes of both texts read whole for rarity */
#define PARA_SEED 0x70617261

/* A paragraph of the old text read for the language or for rarity. */
typedef struct para_rec {
	const char *text;
	uint32_t len;
	uint32_t words;       /* language: its words */
	uint32_t first, n;    /* its counts (hits per language or distinct keys) in a pool */
} para_rec;

/* The record of paragraph p[0..len) with hash h in `map`, or NULL. */
static const para_rec *para_find(const rl_map64 *map, const para_rec *v, uint64_t h,
                                 const char *p, size_t len)
{
	const uint32_t *slot = rl_map64_get(map, h);
	const para_rec *r = slot ? &v[*slot - 1] : NULL;

	return r && r->len == len && !memcmp(r->text, p, len) ? r : NULL;
}

/* Keep a record of paragraph p[0..len) with hash h.  Fails with RL_ENOMEM. */
static int para_keep(rl_map64 *map, para_rec **v, size_t *n, size_t *cap, uint64_t h,
                     const para_rec *r)
{
	uint32_t *slot;

	if (rl_grow(v, cap, *n + 1, sizeof(para_rec)) < 0 || !(slot = rl_map64_slot(map, h)))
		return RL_ENOMEM;
	if (!*slot) {
		(*v)[*n] = *r;
		*slot = (uint32_t)++*n;
	}
	return 0;
}

/* Count the language's words in paragraph p of `d` (the first `left` of
 * them towards s->hits) and return how many words it has; with `keep`,
 * keep its counts for the other text.  Fails with RL_ENOMEM. */
static long lang_paragraph(rl_semantic *s, const rl_doc *d, size_t i, size_t left, int keep,
                           uint64_t h)
{
	para_rec r = {d->data + d->paras[i].start, d->paras[i].end - d->paras[i].start, 0,
	              (uint32_t)s->n_lhits, (uint32_t)s->n_langs};

	s->tmp.n = 0;
	if (rl_text_tokenize(&s->tmp, d->data, d->paras[i].start, d->paras[i].end) < 0 ||
	    (keep && rl_grow(&s->lhits, &s->lhits_cap, s->n_lhits + s->n_langs, sizeof(uint32_t)) < 0))
		return RL_ENOMEM;
	if (keep)
		memset(s->lhits + s->n_lhits, 0, s->n_langs * sizeof(uint32_t));
	for (size_t k = 0; k < s->tmp.n; k++) {
		if (s->tmp.v[k].kind != RL_TOK_WORD)
			continue;
		for (size_t l = 0; l < s->n_langs; l++) {
			int hit = rl_set64_has(&s->evidence[l], s->tmp.v[k].key);

			s->hits[l] += hit && r.words < left;
			if (keep)
				s->lhits[s->n_lhits + l] += (uint32_t)hit;
		}
		r.words++;
	}
	if (keep) {
		s->n_lhits += s->n_langs;
		if (para_keep(&s->lang_map, &s->lang_v, &s->n_lang_v, &s->lang_v_cap, h, &r) < 0)
			return RL_ENOMEM;
	}
	return r.words;
}

/* Add the words of text[start..end) and, per language, those among its
 * entries (with sign `sign`) to *words and hits[].  Fails with RL_ENOMEM. */
static int lang_count(rl_semantic *s, const char *text, size_t start, size_t end, int sign,
                      long *words, long *hits)
{
	s->tmp.n = 0;
	if (rl_text_tokenize(&s->tmp, text, start, end) < 0)
		return RL_ENOMEM;
	for (size_t k = 0; k < s->tmp.n; k++) {
		if (s->tmp.v[k].kind != RL_TOK_WORD)
			continue;
		*words += sign;
		for (size_t l = 0; l < s->n_langs; l++)
			hits[l] += sign * rl_set64_has(&s->evidence[l], s->tmp.v[k].key);
	}
	return 0;
}

/* The byte before a[i] (i <= len), where the text before a holds one when
 * `before`; none counts as a NUL. */
static char byte_before(const char *a, size_t i, int before)
{
	return i > 0 || before ? a[(ptrdiff_t)i - 1] : '\0';
}

/* The bytes two paragraphs share at the start and at the end, cut where a
 * token starts after white space on both sides, so that the tokens of the
 * rest are those the whole paragraph has there.  `a_before`, `b_before`:
 * the text before a (b) holds a byte (a paragraph at the start of its
 * document has none). */
static void shared_ends(const char *a, size_t la, int a_before, const char *b, size_t lb,
                        int b_before, size_t *head, size_t *tail)
{
	size_t n = la < lb ? la : lb, k = 0, m = 0;

	while (k < n && a[k] == b[k])
		k++;
	while (k > 0 && !(k < n && is_ws(a[k - 1]) && !is_ws(a[k]) && !is_ws(b[k])))
		k--;
	while (m < n - k && a[la - 1 - m] == b[lb - 1 - m])
		m++;
	/* a paragraph that is all tail: the byte before it, if any */
	while (m > 0 && !(is_ws(byte_before(a, la - m, a_before)) &&
	                  is_ws(byte_before(b, lb - m, b_before)) && !is_ws(a[la - m])))
		m--;
	*head = k;
	*tail = m;
}

/* Count paragraph p[0..len) of the new text from old paragraph r, when
 * they differ in a middle part only: its words go to *words and hits to
 * s->hits, unless they would cross the first LANG_SAMPLE words (`left`).
 * Returns 1 when counted, 0, or RL_ENOMEM. */
static int lang_edited(rl_semantic *s, const para_rec *r, const char *p, size_t len, size_t left,
                       size_t *words)
{
	long w = r->words, hits[MAX_LANGS];
	size_t head, tail;

	shared_ends(r->text, r->len, r->text > s->docs[0]->data, p, len, p > s->docs[1]->data, &head,
	            &tail);
	if (2 * (head + tail) < len)
		return 0;
	for (size_t l = 0; l < s->n_langs; l++)
		hits[l] = s->lhits[r->first + l];
	if (lang_count(s, r->text, head, r->len - tail, -1, &w, hits) < 0 ||
	    lang_count(s, p, head, len - tail, 1, &w, hits) < 0)
		return RL_ENOMEM;
	if ((size_t)w > left)
		return 0;
	for (size_t l = 0; l < s->n_langs; l++)
		s->hits[l] += (size_t)hits[l];
	*words = (size_t)w;
	return 1;
}

/* For every language, count the words of `d` among its entries, of the
 * first LANG_SAMPLE words; with `keep`, keep each paragraph's counts.
 * Without, a paragraph equal to a kept one, or differing from the next
 * kept one in a middle part only, is counted from it. */
static int count_language(rl_semantic *s, const rl_doc *d, int keep)
{
	size_t words = 0, next = 0;

	for (size_t i = 0; d && i < d->n_paras && words < LANG_SAMPLE; i++) {
		const char *p = d->data + d->paras[i].start;
		size_t len = d->paras[i].end - d->paras[i].start, pw;
		uint64_t h = rl_hash(p, len, PARA_SEED);
		const para_rec *r = para_find(&s->lang_map, s->lang_v, h, p, len);
		long n;
		int e;

		if (r && words + r->words <= LANG_SAMPLE) {
			for (size_t l = 0; l < s->n_langs; l++)
				s->hits[l] += s->lhits[r->first + l];
			words += r->words;
			next = (size_t)(r - s->lang_v) + 1;
			continue;
		}
		if (!keep && !r && next < s->n_lang_v &&
		    (e = lang_edited(s, &s->lang_v[next], p, len, LANG_SAMPLE - words, &pw)) != 0) {
			if (e < 0)
				return e;
			words += pw;
			next++;
			continue;
		}
		if ((n = lang_paragraph(s, d, i, LANG_SAMPLE - words, keep && !r, h)) < 0)
			return (int)n;
		words += (size_t)n;
	}
	return 0;
}

/* Count one more paragraph, numbered `stamp`, holding word `key`; 1 when
 * the paragraph had not held it yet.  Fails with RL_ENOMEM. */
static int count_df(rl_semantic *s, uint64_t key, uint32_t stamp)
{
	uint32_t *slot = rl_map64_slot(&s->rc->df, key);

	if (!slot)
		return RL_ENOMEM;
	if (!*slot) {
		if (rl_grow(&s->rc->dfv, &s->rc->dfv_cap, s->rc->n_dfv + 1, sizeof(*s->rc->dfv)) < 0)
			return RL_ENOMEM;
		s->rc->dfv[s->rc->n_dfv].last = 0;
		s->rc->dfv[s->rc->n_dfv].count = 0;
		*slot = (uint32_t)++s->rc->n_dfv;
	}
	if (s->rc->dfv[*slot - 1].last == stamp)
		return 0;
	s->rc->dfv[*slot - 1].last = stamp;
	s->rc->dfv[*slot - 1].count++;
	return 1;
}

/* Count key (with `keep`, keeping it in the pool of the paragraph's keys). */
static int df_key(rl_semantic *s, uint64_t key, uint32_t stamp, int keep)
{
	int r = count_df(s, key, stamp);

	if (r <= 0 || !keep)
		return r < 0 ? r : 0;
	if (rl_grow(&s->rc->dkeys, &s->rc->dkeys_cap, s->rc->n_dkeys + 1, sizeof(uint64_t)) < 0)
		return RL_ENOMEM;
	s->rc->dkeys[s->rc->n_dkeys++] = key;
	return 0;
}

/* Count the word parts of paragraph i of `d` as paragraph `stamp`; with
 * `keep`, keep them for the other text.  Fails with RL_ENOMEM. */
static int df_paragraph(rl_semantic *s, const rl_doc *d, size_t i, uint32_t stamp, int keep,
                        uint64_t h)
{
	para_rec r = {d->data + d->paras[i].start, d->paras[i].end - d->paras[i].start, 0,
	              (uint32_t)s->rc->n_dkeys, 0};

	s->tmp.n = 0;
	if (rl_text_tokenize(&s->tmp, d->data, d->paras[i].start, d->paras[i].end) < 0)
		return RL_ENOMEM;
	for (size_t k = 0; k < s->tmp.n; k++) {
		const rl_token *t = &s->tmp.v[k];
		uint32_t j = t->start, ps, pe;
		int err = 0;

		if (t->kind != RL_TOK_WORD)
			continue;
		if (plain_token(d->data, t)) {
			if ((err = df_key(s, t->key, stamp, keep)) < 0)
				return err;
			continue;
		}
		while (next_part(d->data, &j, t->end, &ps, &pe))
			if ((err = df_key(s, rl_text_key_hash(d->data + ps, pe - ps), stamp, keep)) < 0)
				return err;
	}
	r.n = (uint32_t)(s->rc->n_dkeys - r.first);
	return keep ? para_keep(&s->rc->df_map, &s->rc->df_v, &s->rc->n_df_v, &s->rc->df_v_cap, h, &r) : 0;
}

/* Count the paragraphs of `d` in the sample (hash slice below `slice` of
 * 65536; the hash of a paragraph's length and first 64 bytes, so that
 * choosing does not read the texts) that hold each word part. */
static int count_rarity(rl_semantic *s, const rl_doc *d, uint32_t slice, int keep)
{
	for (size_t i = 0; d && i < d->n_paras; i++) {
		const char *p = d->data + d->paras[i].start;
		size_t len = d->paras[i].end - d->paras[i].start;
		uint64_t h = rl_hash(p, len < 64 ? len : 64, PARA_SEED ^ len);
		uint32_t stamp;
		const para_rec *r;
		int err = 0;

		if ((h >> 48) >= slice)
			continue;
		stamp = (uint32_t)++s->rc->n_paras;
		if (!(r = para_find(&s->rc->df_map, s->rc->df_v, h, p, len))) {
			if ((err = df_paragraph(s, d, i, stamp, keep, h)) < 0)
				return err;
			continue;
		}
		for (uint32_t k = 0; k < r->n && err >= 0; k++)
			err = count_df(s, s->rc->dkeys[r->first + k], stamp);
		if (err < 0)
			return err;
	}
	return 0;
}

static size_t text_bytes(const rl_doc *d)
{
	size_t n = 0;

	for (size_t i = 0; d && i < d->n_paras; i++)
		n += d->paras[i].end - d->paras[i].start;
	return n;
}

/* Count rarity over both texts, once for an analyser and its siblings
 * (the first to ask counts, under the lock; the others wait for it).
 * Fails with RL_ENOMEM. */
static int need_rarity(rl_semantic *s)
{
	size_t bytes;
	uint32_t slice = 65536;
	int err;

	if (s->df_ready)
		return 0;
	s->df_ready = 1;
	pthread_mutex_lock(&s->rc->lock);
	if (!s->rc->ready) {
		s->rc->ready = 1;
		bytes = text_bytes(s->docs[0]) + text_bytes(s->docs[1]);
		if (bytes > DF_ALL)
			slice = (uint32_t)((uint64_t)65536 * DF_ALL / bytes) + 1;
		if ((err = count_rarity(s, s->docs[0], slice, 1)) < 0 ||
		    (err = count_rarity(s, s->docs[1], slice, 0)) < 0)
			s->rc->err = err;
	}
	err = s->rc->err;
	pthread_mutex_unlock(&s->rc->lock);
	return err;
}

/* Keep the lexicons of the language most of whose words the texts use —
 * "want" is "because" in Dutch and "ten" is "at the" — when it clearly
 * leads; otherwise keep them all. */
static void choose_language(rl_semantic *s)
{
	size_t best = 0, second = 0, bi = 0;

	for (size_t l = 0; l < s->n_langs; l++) {
		if (s->hits[l] > best) {
			second = best;
			best = s->hits[l];
			bi = l;
		} else if (s->hits[l] > second) {
			second = s->hits[l];
		}
	}
	if (best >= 2 && best >= second * 3 / 2 + 1)
		use_languages(s, 1u << bi);
}

/* The rarity of a word over the paragraphs of both documents, weighted as
 * the alignment weighs words: log(1 + N / df).  Cannot fail. */
static double rarity(const rl_semantic *s, uint64_t key)
{
	const uint32_t *slot = rl_map64_get(&s->rc->df, key);
	double n = s->rc->n_paras > 0 ? s->rc->n_paras : 1;
	uint32_t df = slot && *slot ? s->rc->dfv[*slot - 1].count : 1;

	return log(1.0 + n / (df ? df : 1));
}

/* ---- the lists, once ----------------------------------------------------- */

/*
 * The lists of one `lang` argument are read at the first rl_semantic_new()
 * that asks for them, into an analyser of their own that reads no text,
 * and kept until the process exits (their owner, freed by an atexit()
 * handler).  They are not written after: every analyser copies the
 * load-time fields (the tables they point to are shared, read-only, by
 * analysers on any thread) and sets what depends on its texts, the
 * languages in use, in its copies.  Reading them took most of a corpus
 * trace's instructions when every comparison read them again.
 */

typedef struct loaded {
	struct loaded *next;
	char *lang;   /* NULL: every language */
	int alone;    /* load_all()'s answer */
	rl_semantic *s;
} loaded;

static pthread_mutex_t lists_lock = PTHREAD_MUTEX_INITIALIZER;
static loaded *lists_loaded;
static int lists_atexit;

static void set_keys(rl_semantic *s)
{
	s->k_http = rl_text_key_hash("http", 4);
	s->k_https = rl_text_key_hash("https", 5);
	s->k_ftp = rl_text_key_hash("ftp", 3);
	s->k_www = rl_text_key_hash("www", 3);
	s->u_pct = rl_text_key_hash("%", 1);
	s->u_permille = rl_text_key_hash("\xe2\x80\xb0", 3);
	s->u_ordinal = rl_text_key_hash("#ordinal", 8);
}

static void lists_free_all(void)
{
	pthread_mutex_lock(&lists_lock);
	while (lists_loaded) {
		loaded *l = lists_loaded;

		lists_loaded = l->next;
		rl_semantic_free(l->s);
		free(l->lang);
		free(l);
	}
	pthread_mutex_unlock(&lists_lock);
}

/* The lists of `lang`, read now unless they were before; *alone as
 * load_all() returns it.  Fails with RL_ENOMEM, or as load_all() does (and
 * then nothing is kept: the next call reads them again). */
static int lists_get(const rl_semantic **out, int *alone, const char *lang)
{
	loaded *l;
	int err = 0;

	pthread_mutex_lock(&lists_lock);
	for (l = lists_loaded; l; l = l->next)
		if (lang ? l->lang && !strcmp(l->lang, lang) : !l->lang)
			break;
	if (!l) {
		if (!(l = rl_calloc(1, sizeof(*l))) || !(l->s = rl_calloc(1, sizeof(*l->s))) ||
		    (lang && !(l->lang = strdup(lang)))) {
			err = RL_ENOMEM;
		} else {
			set_keys(l->s);
			if ((l->alone = load_all(l->s, lang)) < 0)
				err = l->alone;
			else if (index_entities(l->s) < 0)
				err = RL_ENOMEM;
		}
		if (err == 0 && !lists_atexit)
			lists_atexit = atexit(lists_free_all) == 0;
		if (err < 0) {
			if (l) {
				rl_semantic_free(l->s);
				free(l->lang);
				free(l);
			}
		} else {
			l->next = lists_loaded;
			lists_loaded = l;
		}
	}
	pthread_mutex_unlock(&lists_lock);
	if (err < 0)
		return err;
	*out = l->s;
	*alone = l->alone;
	return 0;
}

/* Point s at the lists of `l`; the languages in use are all of them. */
static void lists_use(rl_semantic *s, const rl_semantic *l)
{
	s->lists = l;
	s->n_langs = l->n_langs;
	s->cur = LANG_ANY;
	memcpy(s->decimals, l->decimals, sizeof(s->decimals));
	memcpy(s->evidence, l->evidence, sizeof(s->evidence));
	s->neg = l->neg;
	s->mod = l->mod;
	s->num = l->num;
	s->unit = l->unit;
	s->date = l->date;
	s->gaz = l->gaz;
	s->lexm = l->lexm;
	s->windows = l->windows;
	s->ents = l->ents;
	s->names = l->names;
	s->stop = l->stop;
	s->particles = l->particles;
	s->ordinal_suffixes = l->ordinal_suffixes;
	use_languages(s, UINT32_MAX);
}

/* ---- lifetime ------------------------------------------------------------ */

int rl_semantic_new(rl_semantic **out, const char *lang, unsigned types, const rl_doc *a,
                    const rl_doc *b)
{
	rl_semantic *s = rl_calloc(1, sizeof(*s));
	const rl_semantic *l;
	int err = 0, alone;

	*out = NULL;
	if (!s)
		return RL_ENOMEM;
	s->types = types;
	s->rc = &s->own_rc;
	pthread_mutex_init(&s->own_rc.lock, NULL);
	if (!types) {
		*out = s;
		return 0;
	}
	set_keys(s);
	if ((err = lists_get(&l, &alone, lang)) < 0)
		goto done;
	lists_use(s, l);
	s->docs[0] = a;
	s->docs[1] = b;
	if (!alone && s->n_langs > 1) {
		if ((err = count_language(s, a, 1)) < 0 || (err = count_language(s, b, 0)) < 0)
			goto done;
		choose_language(s);
	}
	*out = s;
	s = NULL;
done:
	rl_semantic_free(s);
	return err;
}

int rl_semantic_sibling(rl_semantic **out, const rl_semantic *model)
{
	rl_semantic *s = rl_calloc(1, sizeof(*s));

	*out = NULL;
	if (!s)
		return RL_ENOMEM;
	s->types = model->types;
	s->rc = model->rc;
	s->docs[0] = model->docs[0];
	s->docs[1] = model->docs[1];
	if (model->lists) {
		set_keys(s);
		lists_use(s, model->lists);
		use_languages(s, model->neg.langs);
	}
	*out = s;
	return 0;
}

static void side_free(side *sd)
{
	free(sd->w);
	free(sd->key);
	free(sd->lexm);
	free(sd->cl_first);
	free(sd->p);
	free(sd->pkey);
	rl_buf_free(&sd->fold);
	rl_set64_free(&sd->present);
	rl_set64_free(&sd->ents);
	for (int i = 0; i < IT_COUNT; i++)
		free(sd->it[i].v);
}

void rl_semantic_free(rl_semantic *s)
{
	if (!s)
		return;
	if (!s->lists) {
		lex_free(&s->neg);
		lex_free(&s->mod);
		lex_free(&s->num);
		lex_free(&s->unit);
		lex_free(&s->date);
		lex_free(&s->gaz);
		rl_map64_free(&s->lexm);
		rl_map64_free(&s->ents);
		rl_buf_free(&s->names);
		rl_set64_free(&s->stop);
		rl_set64_free(&s->particles);
		rl_set64_free(&s->ordinal_suffixes);
		for (size_t l = 0; l < MAX_LANGS; l++)
			rl_set64_free(&s->evidence[l]);
	}
	if (s->rc == &s->own_rc) {
		rl_map64_free(&s->own_rc.df);
		free(s->own_rc.dfv);
		rl_map64_free(&s->own_rc.df_map);
		free(s->own_rc.df_v);
		free(s->own_rc.dkeys);
		pthread_mutex_destroy(&s->own_rc.lock);
	}
	rl_map64_free(&s->lang_map);
	free(s->lang_v);
	free(s->lhits);
	side_free(&s->sd[0]);
	side_free(&s->sd[1]);
	free(s->es);
	free(s->we);
	side_free(&s->cx.sd);
	free(s->cx.seg);
	free(s->cx.run);
	free(s->cx.order);
	free(s->cx.rng);
	free(s->win);
	free(s->wtok[0]);
	free(s->wtok[1]);
	rl_tokens_free(&s->cx.tok);
	rl_buf_free(&s->cx.fold);
	free(s->cx.fv);
	rl_map64_free(&s->cx.prefix);
	rl_buf_free(&s->cx.word);
	free(s->ix[0]);
	free(s->ix[1]);
	rl_tokens_free(&s->tmp);
	rl_tokens_free(&s->tok);
	rl_buf_free(&s->buf);
	free(s);
}

/* ---- reading a side ------------------------------------------------------ */

static uint32_t first_cp(const side *sd, size_t j)
{
	size_t i = sd->w[j].start;

	return rl_text_next(sd->text, sd->w[j].end, &i);
}

static int is_punct(const side *sd, size_t j, uint32_t cp)
{
	return j < sd->n && sd->w[j].kind == RL_TOK_PUNCT && first_cp(sd, j) == cp;
}

static int ends_clause(uint32_t cp)
{
	return cp == ',' || cp == ';' || cp == ':' || cp == '.' || cp == '!' || cp == '?' ||
	       cp == 0x2026 || cp == '(' || cp == ')' || cp == '[' || cp == ']';
}

static int is_bullet(uint32_t cp)
{
	return cp == '-' || cp == '*' || cp == 0x2022 || cp == 0x2013 || cp == 0x2014 || cp == '#' ||
	       cp == '>';
}

/* Does the full stop after word j end a sentence, or an abbreviation or an
 * initial ("o.a.", "J.")? */
static int stop_ends_sentence(const side *sd, size_t j)
{
	const word *w;

	if (!j)
		return 1;
	w = &sd->w[j - 1];
	if (w->kind != RL_TOK_WORD || sd->w[j].start != w->end)
		return 1;
	if (w->end - w->start == 1 && (w->flags & RL_TOKF_CAP))
		return 0;
	return !rl_lang_is_abbreviation(sd->text + w->start, w->end - w->start);
}

/* Append a word; the arrays have room (read_side grew them). */
static void push_word(const rl_semantic *s, side *sd, const rl_token *t, uint8_t space,
                      uint32_t clause)
{
	const uint32_t *m = rl_map64_get(&s->lexm, t->key);
	word *w = &sd->w[sd->n];

	memset(w, 0, sizeof(*w));
	w->start = t->start;
	w->end = t->end;
	w->kind = t->kind;
	w->flags = t->flags;
	w->space = space;
	w->clause = clause;
	w->hunk = -1;
	if (t->kind == RL_TOK_WORD && (t->flags & RL_TOKF_ALNUM)) {
		w->digit = (t->flags & RL_TOKF_DIGIT) != 0;
	} else if (t->kind == RL_TOK_WORD) {
		uint32_t i = t->start;

		while (i < t->end && (unsigned)(sd->text[i] - '0') >= 10)
			i++;
		w->digit = i < t->end;
	}
	sd->lexm[sd->n] = m ? (uint8_t)*m : 0;
	sd->key[sd->n++] = t->key;
}

/* The first word of every clause (clause numbers may skip). */
static int index_clauses(side *sd)
{
	uint32_t n = sd->n ? sd->w[sd->n - 1].clause + 1 : 0;

	if (rl_grow(&sd->cl_first, &sd->cl_cap, (size_t)n + 2, sizeof(uint32_t)) < 0)
		return RL_ENOMEM;
	sd->n_cl = n;
	for (size_t c = 0, j = 0; c <= n; c++) {
		while (j < sd->n && sd->w[j].clause < c)
			j++;
		sd->cl_first[c] = (uint32_t)j;
	}
	return 0;
}

/* Words of a side with their sentence starts and clauses.  The tokens are
 * those of n windows, window i from token first[i], starting in sentence
 * state win[i].state (see sync_at()); the clause and the run of parts
 * (build_parts()) change between windows.  A context segment is one
 * window. */
static int read_side(const rl_semantic *s, side *sd, const char *text, const rl_tokens *t,
                     const uint32_t *first, const window *win, size_t n)
{
	int at_start = 1, line_start = 1;
	uint32_t clause = 0;
	uint8_t space = 0, wstart = 0;
	size_t wi = 0;

	sd->text = text;
	sd->n = sd->np = 0;
	if (rl_grow(&sd->w, &sd->w_cap, t->n + 1, sizeof(word)) < 0 ||
	    rl_grow(&sd->key, &sd->key_cap, t->n + 1, sizeof(uint64_t)) < 0 ||
	    rl_grow(&sd->lexm, &sd->lexm_cap, t->n + 1, 1) < 0)
		return RL_ENOMEM;
	for (size_t k = 0; k < t->n; k++) {
		const rl_token *tok = &t->v[k];
		word *w;
		uint32_t cp;

		for (; wi < n && first[wi] == k; wi++) {
			at_start = line_start = win[wi].state;
			space = 0;
			if (wi) {
				clause += 2;
				wstart = 1;
			}
		}
		if (tok->kind == RL_TOK_SPACE) {
			space = tok->flags & RL_TOKF_BLANK ? 2 : 1;
			line_start |= (tok->flags & RL_TOKF_NEWLINE) != 0;
			if (space == 2) {
				at_start = 1;
				clause++;
			}
			continue;
		}
		push_word(s, sd, tok, space, clause);
		w = &sd->w[sd->n - 1];
		w->wstart = wstart;
		space = wstart = 0;
		if (w->kind != RL_TOK_PUNCT) {
			w->sent = (uint8_t)at_start;
			at_start = line_start = 0;
			continue;
		}
		cp = first_cp(sd, sd->n - 1);
		if (((w->flags & RL_TOKF_ENDPUNCT) && (cp != '.' || stop_ends_sentence(sd, sd->n - 1))) ||
		    cp == ':' || (line_start && is_bullet(cp)))
			at_start = 1;
		clause += ends_clause(cp);
		line_start = 0;
	}
	return index_clauses(sd);
}

/* ---- the edit script on both sides --------------------------------------- */

static int has_nonspace(const char *s, size_t start, size_t end)
{
	for (size_t i = start; i < end; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 1;
	return 0;
}

/* Place every edit on both sides and number the hunks: runs of changes
 * between equal pieces that hold more than white space. */
static int place_edits(rl_semantic *s, const char *a, const rl_edit *e, size_t n, uint32_t a0,
                       uint32_t b0)
{
	uint32_t ao = a0, bo = b0, hunk_ao = a0;
	int32_t hunk = -1;
	int in_hunk = 0;

	if (rl_grow(&s->es, &s->es_cap, n + 1, sizeof(espan)) < 0 ||
	    rl_grow(&s->ix[0], &s->ix_cap[0], n + 1, sizeof(uint32_t)) < 0 ||
	    rl_grow(&s->ix[1], &s->ix_cap[1], n + 1, sizeof(uint32_t)) < 0)
		return RL_ENOMEM;
	s->n_ix[0] = s->n_ix[1] = 0;
	s->start[0] = a0;
	s->start[1] = b0;
	for (size_t i = 0; i < n; i++) {
		espan *x = &s->es[i];
		uint32_t len = (uint32_t)(e[i].end - e[i].start);

		/* equal text between windows is left out, as long on both sides */
		if (e[i].op != RL_EDIT_INSERT && e[i].start > ao) {
			bo += (uint32_t)e[i].start - ao;
			ao = (uint32_t)e[i].start;
		}
		if (e[i].op == RL_EDIT_EQUAL) {
			*x = (espan){ao, ao + len, bo, bo + len, -1, '='};
			ao += len;
			bo += len;
			if (has_nonspace(a, e[i].start, e[i].end))
				in_hunk = 0;
			continue;
		}
		if (!in_hunk) {
			hunk++;
			in_hunk = 1;
			hunk_ao = ao;
		}
		/* text added in a hunk would be where the hunk starts on the
		 * old side, as text removed is where it starts on the new one */
		if (e[i].op == RL_EDIT_DELETE) {
			*x = (espan){ao, ao + len, bo, bo, hunk, '-'};
			ao += len;
		} else {
			*x = (espan){hunk_ao, hunk_ao, bo, bo + len, hunk, '+'};
			bo += len;
		}
	}
	s->n_es = n;
	for (size_t i = 0; i < n; i++) {
		if (s->es[i].a1 > s->es[i].a0)
			s->ix[0][s->n_ix[0]++] = (uint32_t)i;
		if (s->es[i].b1 > s->es[i].b0)
			s->ix[1][s->n_ix[1]++] = (uint32_t)i;
	}
	s->end[0] = ao;
	s->end[1] = bo;
	return 0;
}

/* Mark the words of side `si` (0 old, 1 new) that lie in changed pieces. */
static void mark_changed(rl_semantic *s, int si)
{
	side *sd = &s->sd[si];
	size_t k = 0;

	for (size_t j = 0; j < sd->n; j++) {
		word *w = &sd->w[j];

		for (; k < s->n_es; k++) {
			const espan *x = &s->es[k];
			uint32_t lo = si ? x->b0 : x->a0, hi = si ? x->b1 : x->a1;

			if (w->start < hi && lo < hi)
				break;
		}
		if (k < s->n_es && s->es[k].op != '=') {
			w->changed = 1;
			w->hunk = s->es[k].hunk;
		}
	}
}

/* The offset on side 1-si of offset `x` of side si: where that text is, or
 * where it would be.  Cannot fail. */
static uint32_t map_pos(const rl_semantic *s, int si, uint32_t x)
{
	const uint32_t *ix = s->ix[si];
	size_t lo = 0, hi = s->n_ix[si];
	const espan *e;

	/* the last edit holding text on side si that starts at or before x */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((si ? s->es[ix[mid]].b0 : s->es[ix[mid]].a0) <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return s->start[1 - si];
	e = &s->es[ix[lo - 1]];
	if (x >= (si ? e->b1 : e->a1))
		return s->end[1 - si];
	if (e->op == '=')
		return (si ? e->a0 : e->b0) + (x - (si ? e->b0 : e->a0));
	return si ? e->a0 : e->b0;
}

/* ---- windows: where the text of a pair can be cut ---------------------- */

/*
 * A change is found from the words around it, and every detector looks
 * only a few words away: items (dates, numbers, markers, names) never
 * cross a sentence end, nor the gap between two plain lower-case words that
 * no lexicon knows.  Cut at such places ("sync points"), a pair is read as
 * a window around its changes plus the rest: the byte-identical head and
 * tail, where nothing changed.  Whatever lies there is on both sides, so
 * the window alone yields the changes, except where a detector asks
 * whether a word is present anywhere on the other side; the head and tail
 * are read for that, a sentence at a time, only where the word may occur
 * (see "context" below).
 */

static int is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static int is_alpha(char c)
{
	return is_lower(c) || (c >= 'A' && c <= 'Z');
}

/* Is text[a..b) a plain word of ASCII letters, not all capitals, that no
 * lexicon knows and that is no name particle?  Returns 2 when it starts
 * with a capital, 1, or 0.  (A scan meets each word on both sides of a
 * gap: the last answer is kept.) */
static int plain_gap_word(rl_semantic *s, const char *text, size_t a, size_t b)
{
	size_t upper = 0;
	uint64_t key;

	if (a >= b)
		return 0;
	for (size_t i = a; i < b; i++) {
		if (!is_alpha(text[i]))
			return 0;
		upper += !is_lower(text[i]);
	}
	if (upper == b - a && b - a >= 2)
		return 0;
	/* a scan forwards meets the word it looked at last again, a scan
	 * backwards the one before */
	for (int k = 0; k < 2; k++)
		if (s->gap_word[k].text == text + a && s->gap_word[k].len == b - a)
			return s->gap_word[k].plain;
	key = rl_text_key_hash(text + a, b - a);
	s->gap_last ^= 1;
	s->gap_word[s->gap_last].text = text + a;
	s->gap_word[s->gap_last].len = b - a;
	s->gap_word[s->gap_last].plain = lexicon_word(s, key) ? 0 : is_lower(text[a]) ? 1 : 2;
	return s->gap_word[s->gap_last].plain;
}

/* The state after the full stop that ends text[c0..x) (no white space in
 * it): 1 when it ends a sentence, 0 when it ends an abbreviation, -1 when
 * that cannot be told from the chunk or the stop may belong to a date
 * ("3 jan. 2021").  `whole`: the chunk starts after white space or at
 * the start of the pair.  Fails never (-1 on memory exhaustion). */
static int stop_state(rl_semantic *s, const char *text, size_t c0, size_t x, int whole)
{
	const rl_token *w;

	s->tmp.n = 0;
	if (x - c0 == 1)
		return whole ? 1 : -1;
	if (rl_text_tokenize(&s->tmp, text, c0, x) < 0 || s->tmp.n < 2)
		return -1;
	w = &s->tmp.v[s->tmp.n - 2];
	if (w->kind != RL_TOK_WORD)
		return 1;
	if (lexicon_word(s, w->key))
		return -1;
	if (w->end - w->start == 1 && (w->flags & RL_TOKF_CAP))
		return 0;
	return !rl_lang_is_abbreviation(text + w->start, w->end - w->start);
}

/*
 * Is x, where white space follows a token, a sync point of text[lo..hi)?
 * Returns the sentence state after it (1: a sentence starts, 0: it goes
 * on), or -1.  Sync points:
 *  - after . ! ? : or an ellipsis (a full stop not after an abbreviation's
 *    or a date word's letters, so that no date reads through it);
 *  - between two plain words (plain_gap_word) on one line, not both
 *    capitalised (a name runs on only through capitals and particles);
 *    the word after lies in [x, hi).
 * `hard`: lo is the start of the pair (nothing before it counts).
 */
static int sync_at(rl_semantic *s, const char *text, size_t lo, int hard, size_t hi, size_t x)
{
	size_t c0 = x, g = x, e;
	char c = text[x - 1];
	int u, v;

	if (c == '!' || c == '?' || c == ':' ||
	    (x - lo >= 3 && !memcmp(text + x - 3, "\xe2\x80\xa6", 3)))
		return 1;
	if (c != '.' && !is_alpha(c))
		return -1;
	while (c != '.' && g < hi && (text[g] == ' ' || text[g] == '\t'))
		g++;
	if (c != '.' && (g == x || g >= hi || !is_alpha(text[g])))
		return -1;
	while (c0 > lo && !is_ws(text[c0 - 1]))
		c0--;
	if (c == '.')
		return stop_state(s, text, c0, x, c0 > lo || hard || lo == 0 || is_ws(text[lo - 1]));
	if (!(c0 > lo || hard || lo == 0 || is_ws(text[lo - 1])))
		return -1;
	for (e = g; e < hi && !is_ws(text[e]); e++)
		;
	if (!(u = plain_gap_word(s, text, c0, x)) || !(v = plain_gap_word(s, text, g, e)))
		return -1;
	return u == 2 && v == 2 ? -1 : 0;
}

/* The last sync point x of text[lo..hi) with x <= from, or lo; its state
 * goes to *state (lo's is `lo_state`). */
static size_t sync_before(rl_semantic *s, const char *text, size_t lo, int hard, size_t hi,
                          size_t from, int lo_state, int *state)
{
	for (size_t x = from; x > lo; x--) {
		int st;

		if (!is_ws(text[x]) || is_ws(text[x - 1]) || (st = sync_at(s, text, lo, hard, hi, x)) < 0)
			continue;
		*state = st;
		return x;
	}
	*state = lo_state;
	return lo;
}

/* The first sync point x of text[lo..hi) with x >= from, or hi. */
static size_t sync_after(rl_semantic *s, const char *text, size_t lo, int hard, size_t hi,
                         size_t from, int *state)
{
	for (size_t x = from > lo ? from : lo + 1; x < hi; x++) {
		int st;

		if (!is_ws(text[x]) || is_ws(text[x - 1]) || (st = sync_at(s, text, lo, hard, hi, x)) < 0)
			continue;
		*state = st;
		return x;
	}
	*state = -1;
	return hi;
}

/* ---- items and changes --------------------------------------------------- */

/* Append an item over [w0, w1) and bytes [start, end), all else zero.
 * Returns the item or NULL (RL_ENOMEM). */
static item *push_item(items *it, size_t w0, size_t w1, uint32_t start, uint32_t end,
                       uint64_t key)
{
	item *x;

	if (rl_grow(&it->v, &it->cap, it->n + 1, sizeof(item)) < 0)
		return NULL;
	x = &it->v[it->n++];
	memset(x, 0, sizeof(*x));
	x->w0 = (uint32_t)w0;
	x->w1 = (uint32_t)w1;
	x->start = start;
	x->end = end;
	x->key = key;
	x->hunk = -1;
	return x;
}

/* Append an item over words [w0, w1) of `sd`, with the hunk of its first
 * changed word.  Returns the item or NULL (RL_ENOMEM). */
static item *add_item(side *sd, int kind, size_t w0, size_t w1, uint64_t key)
{
	item *x = push_item(&sd->it[kind], w0, w1, sd->w[w0].start, sd->w[w1 - 1].end, key);

	if (!x)
		return NULL;
	x->clause = sd->w[w0].clause;
	x->shape = 0x73686170;
	for (size_t j = w0; j < w1; j++) {
		if (sd->w[j].changed && !x->changed) {
			x->changed = 1;
			x->hunk = sd->w[j].hunk;
		}
		for (uint32_t i = sd->w[j].start; i < sd->w[j].end; i++)
			x->shape = rl_hash_mix(x->shape, is_digit(sd->text[i]) ? '0' : (unsigned char)sd->text[i]);
	}
	return x;
}

static void claim(side *sd, size_t w0, size_t w1, uint8_t what)
{
	for (size_t j = w0; j < w1; j++)
		sd->w[j].claim |= what;
}

static int emit(rl_semantic *s, rl_change_type type, uint32_t os, uint32_t oe, uint32_t ns,
                uint32_t ne, const char *detail)
{
	rl_change *c;

	if (!(s->types & (1u << type)))
		return 0;
	if (rl_grow(s->out, s->out_cap, *s->out_n + 1, sizeof(rl_change)) < 0)
		return RL_ENOMEM;
	c = &(*s->out)[(*s->out_n)++];
	c->type = type;
	c->old_start = os;
	c->old_end = oe;
	c->new_start = ns;
	c->new_end = ne;
	c->detail = detail;
	return 0;
}

/* A change present on side si only; the other side gets an empty span
 * where the text would be. */
static int emit_one(rl_semantic *s, rl_change_type type, int si, uint32_t start, uint32_t end,
                    const char *detail)
{
	uint32_t at = map_pos(s, si, start);

	return si ? emit(s, type, at, at, start, end, detail) : emit(s, type, start, end, at, at, detail);
}

/* Pair what is left over inside one hunk, in order: first items written
 * alike ("4,256 procent" and "4,273 procent"), then any.  Hunks number the
 * changed text in order on both sides, so one walk pairs them. */
static int pair_in_hunks(rl_semantic *s, int kind, rl_change_type type, int alike)
{
	items *A = &s->sd[0].it[kind], *B = &s->sd[1].it[kind];
	size_t j0 = 0;
	int err = 0;

	for (size_t i = 0; i < A->n && !err; i++) {
		item *x = &A->v[i], *y = NULL;

		if (x->used || x->value || x->hunk < 0)
			continue;
		while (j0 < B->n && (B->v[j0].hunk < x->hunk || B->v[j0].used))
			j0++;
		for (size_t j = j0; j < B->n && !y && j - j0 < 64; j++) {
			if (B->v[j].hunk > x->hunk)
				break;
			if (!B->v[j].used && !B->v[j].value && B->v[j].hunk == x->hunk &&
			    (!alike || B->v[j].shape == x->shape))
				y = &B->v[j];
		}
		if (y) {
			x->used = y->used = 1;
			err = emit(s, type, x->start, x->end, y->start, y->end, NULL);
		}
	}
	return err;
}

/* Does any item lack one of equal value on the other side? */
static int left_over(const items *A, const items *B)
{
	for (size_t i = 0; i < A->n; i++)
		if (A->v[i].used != 2)
			return 1;
	for (size_t j = 0; j < B->n; j++)
		if (B->v[j].used != 2)
			return 1;
	return 0;
}

/* Pair items of equal value wherever they are; pair and report what is
 * left over inside one hunk; report the rest as present on one side.
 * Values pair in text order, so what is left over on a side is its last
 * items of that value: when the window does not reach the end of the pair
 * (s->retry), these may lie in the tail, and the pair is read again with
 * a window to its end (RETRY). */
static int compare_values(rl_semantic *s, int kind, rl_change_type type)
{
	items *A = &s->sd[0].it[kind], *B = &s->sd[1].it[kind];
	rl_map64 first = RL_MAP64_INIT;
	uint32_t *next = rl_calloc(B->n + 1, sizeof(uint32_t)), *slot;
	int err = 0;

	/* chains of the items of B by value, in text order */
	for (size_t j = B->n; j-- > 0 && next;) {
		if (!(slot = rl_map64_slot(&first, B->v[j].key))) {
			err = RL_ENOMEM;
			break;
		}
		next[j] = *slot;
		*slot = (uint32_t)j + 1;
	}
	for (size_t i = 0; i < A->n && next && !err; i++)
		if ((slot = rl_map64_get(&first, A->v[i].key)) && *slot) {
			A->v[i].used = B->v[*slot - 1].used = 2;
			*slot = next[*slot - 1];
		}
	if (!next)
		err = RL_ENOMEM;
	free(next);
	rl_map64_free(&first);
	if (!err && s->retry && (kind == IT_DATE || wants(s, T(NUMBER))) && left_over(A, B))
		return RETRY;
	if (err < 0 || (err = pair_in_hunks(s, kind, type, 1)) < 0 ||
	    (err = pair_in_hunks(s, kind, type, 0)) < 0)
		return err;
	for (size_t i = 0; i < A->n && !err; i++)
		if (!A->v[i].used && !A->v[i].value)
			err = emit_one(s, type, 0, A->v[i].start, A->v[i].end, NULL);
	for (size_t j = 0; j < B->n && !err; j++)
		if (!B->v[j].used && !B->v[j].value)
			err = emit_one(s, type, 1, B->v[j].start, B->v[j].end, NULL);
	return err;
}

/* ---- URLs ---------------------------------------------------------------- */

static int url_stop(const side *sd, size_t k)
{
	uint32_t cp;

	if (sd->w[k].kind != RL_TOK_PUNCT)
		return 0;
	cp = first_cp(sd, k);
	if (cp == ')' || cp == ']' || cp == '>' || cp == '"' || cp == '<' || cp == 0x201d)
		return 1;
	/* sentence punctuation at the end of a URL is not part of it */
	return (cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '!' || cp == '?') &&
	       (k + 1 == sd->n || sd->w[k + 1].space);
}

/* Claim URLs ("https://…", "www.…"): their digits are addresses, not numbers. */
static void mark_urls(const rl_semantic *s, side *sd)
{
	for (size_t j = 0; j < sd->n; j++) {
		uint64_t k = sd->key[j];
		size_t e;

		if (sd->w[j].kind != RL_TOK_WORD || !(k == s->k_http || k == s->k_https ||
		                                      k == s->k_ftp || k == s->k_www))
			continue;
		if (j + 1 >= sd->n || sd->w[j + 1].space ||
		    !(is_punct(sd, j + 1, ':') || (k == s->k_www && is_punct(sd, j + 1, '.'))))
			continue;
		for (e = j + 1; e < sd->n && !sd->w[e].space && !url_stop(sd, e); e++)
			;
		claim(sd, j, e, CL_URL);
		j = e - 1;
	}
}

/* ---- dates --------------------------------------------------------------- */

typedef struct dval {
	int d1, d2, m, y1, y2;
} dval;

/* The value of word j when it is a number of 1 to 4 plain digits, or -1. */
static int plain_int(const side *sd, size_t j)
{
	const word *w;
	int v = 0;

	if (j >= sd->n || (w = &sd->w[j])->kind != RL_TOK_NUMBER || w->claim & CL_URL ||
	    w->end - w->start > 4)
		return -1;
	for (uint32_t i = w->start; i < w->end; i++) {
		if (!is_digit(sd->text[i]))
			return -1;
		v = v * 10 + (sd->text[i] - '0');
	}
	return v;
}

static int is_day(int v)
{
	return v >= 1 && v <= 31;
}

static int is_year(const side *sd, size_t j)
{
	return plain_int(sd, j) >= 1000 && sd->w[j].end - sd->w[j].start == 4;
}

/* The value of an ordinal written with digits at word j ("22nd", "2de"),
 * or -1. */
static int ordinal_int(const rl_semantic *s, const side *sd, size_t j)
{
	const char *t;
	size_t len, d = 0;
	int v = 0;

	if (j >= sd->n || sd->w[j].kind != RL_TOK_WORD || sd->w[j].claim & CL_URL)
		return -1;
	t = sd->text + sd->w[j].start;
	len = sd->w[j].end - sd->w[j].start;
	while (d < len && d < 3 && is_digit(t[d]))
		v = v * 10 + (t[d++] - '0');
	if (!d || d == len || !rl_set64_has(&s->ordinal_suffixes, rl_text_key_hash(t + d, len - d)))
		return -1;
	return v;
}

/* A day ("31", "22nd") or a range of days ("1-2") at word j. */
static int day_at(const rl_semantic *s, const side *sd, size_t j, int *d1, int *d2)
{
	char t[8];
	int a = plain_int(sd, j), b = 0, len;

	if (a < 0)
		a = ordinal_int(s, sd, j);
	if (a >= 0) {
		if (!is_day(a))
			return 0;
		*d1 = a;
		*d2 = 0;
		return 1;
	}
	if (j >= sd->n || sd->w[j].kind != RL_TOK_NUMBER || sd->w[j].claim & CL_URL)
		return 0;
	len = (int)(sd->w[j].end - sd->w[j].start);
	if (len > 5)
		return 0;
	/* sscanf on a copy: on the document itself, glibc measures the whole
	 * rest of the text first, which made long paragraphs quadratic */
	memcpy(t, sd->text + sd->w[j].start, (size_t)len);
	t[len] = '\0';
	if (sscanf(t, "%2d-%2d", &a, &b) != 2 || !is_day(a) || !is_day(b) || a >= b)
		return 0;
	*d1 = a;
	*d2 = b;
	return 1;
}

/* The date-lexicon entry at word j, or NULL. */
static const lex_entry *date_word(const rl_semantic *s, const side *sd, size_t j, size_t *len)
{
	if (j >= sd->n || sd->w[j].kind != RL_TOK_WORD || sd->w[j].claim & CL_URL)
		return NULL;
	return word_lex(&s->date, sd, j, sd->n - j, len);
}

/* Days joined by "en", "-" or commas after a first day: "2 en 3", "1, 2 en 3". */
static size_t more_days(const rl_semantic *s, const side *sd, size_t k, dval *v)
{
	for (;;) {
		const lex_entry *e;
		size_t len = 1;
		int d, d2 = 0;

		if (is_punct(sd, k, ',') && day_at(s, sd, k + 1, &d, &d2)) {
			v->d2 = d2 ? d2 : d;
			k += 2;
			continue;
		}
		if ((e = date_word(s, sd, k, &len)) && e->value == DATE_AND &&
		    day_at(s, sd, k + len, &d, &d2)) {
			v->d2 = d2 ? d2 : d;
			k += len + 1;
			continue;
		}
		return k;
	}
}

/* After a month at word k: an attached full stop ("jan."), a day when
 * `day` ("August 31"), and a year ("2021", ", 2021"). */
static size_t month_tail(const rl_semantic *s, const side *sd, size_t k, int day, dval *v)
{
	int d, d2 = 0;

	if (is_punct(sd, k, '.') && !sd->w[k].space)
		k++;
	if (day && day_at(s, sd, k, &d, &d2) && !is_year(sd, k)) {
		v->d1 = d;
		v->d2 = d2;
		k++;
	}
	if (is_punct(sd, k, ',') && is_year(sd, k + 1))
		k++;
	if (is_year(sd, k))
		v->y1 = plain_int(sd, k++);
	return k;
}

/* A date written with digits only: 2026-03-02, 2023-01, 31-08-2021,
 * 31/08/2021, 21.7.2010, or a range of years 2020-2024. */
static int numeric_date(const side *sd, size_t j, dval *v)
{
	char t[16];
	int a, b, c, n, len;
	char s1, s2;

	if (j >= sd->n || sd->w[j].kind != RL_TOK_NUMBER || sd->w[j].claim & CL_URL)
		return 0;
	len = (int)(sd->w[j].end - sd->w[j].start);
	if (len < 6 || len > 10)
		return 0;
	memcpy(t, sd->text + sd->w[j].start, (size_t)len); /* sscanf on a copy, as in day_at() */
	t[len] = '\0';
	if (sscanf(t, "%4d-%2d-%2d%n", &a, &b, &c, &n) == 3 && n == len && a >= 1000 &&
	    b >= 1 && b <= 12 && is_day(c))
		*v = (dval){c, 0, b, a, 0};
	else if (sscanf(t, "%2d%c%2d%c%4d%n", &a, &s1, &b, &s2, &c, &n) == 5 && n == len &&
	         s1 == s2 && (s1 == '-' || s1 == '/' || s1 == '.') && is_day(a) && b >= 1 &&
	         b <= 12 && c >= 1000)
		*v = (dval){a, 0, b, c, 0};
	else if (sscanf(t, "%4d-%4d%n", &a, &b, &n) == 2 && n == len && len == 9 && a >= 1000 &&
	         a < b)
		*v = (dval){0, 0, 0, a, b};
	else if (sscanf(t, "%4d-%2d%n", &a, &b, &n) == 2 && n == len && len == 7 && a >= 1000 &&
	         b >= 1 && b <= 12)
		*v = (dval){0, 0, b, a, 0};
	else
		return 0;
	return 1;
}

/* A year standing alone, unless it is an amount ("2000 euro"). */
static int bare_year(const rl_semantic *s, const side *sd, size_t j, dval *v)
{
	int y = plain_int(sd, j);
	size_t len;

	if (y < 1500 || y > 2199 || sd->w[j].end - sd->w[j].start != 4)
		return 0;
	if ((j + 1 < sd->n && (word_lex(&s->unit, sd, j + 1, sd->n - j - 1, &len) ||
	                       word_lex(&s->num, sd, j + 1, sd->n - j - 1, &len))) ||
	    (j > 0 && word_lex(&s->unit, sd, j - 1, 1, &len)))
		return 0;
	*v = (dval){0, 0, 0, y, 0};
	return 1;
}

/* The date that starts at word j: its end goes to *end.  Returns 0 when
 * there is none. */
static int date_at(const rl_semantic *s, const side *sd, size_t j, size_t *end, dval *v)
{
	const lex_entry *e;
	size_t k = j, len = 1;

	memset(v, 0, sizeof(*v));
	if ((e = date_word(s, sd, k, &len)) && e->value == DATE_WEEKDAY) {
		k += len;
		k += is_punct(sd, k, ',');
	}
	if (day_at(s, sd, k, &v->d1, &v->d2)) {
		size_t m = more_days(s, sd, k + 1, v);

		if ((e = date_word(s, sd, m, &len)) && e->value == DATE_OF) /* "22nd of May" */
			m += len;
		if ((e = date_word(s, sd, m, &len)) && e->value <= 12) {
			v->m = e->value;
			*end = month_tail(s, sd, m + len, 0, v);
			return 1;
		}
		memset(v, 0, sizeof(*v));
	}
	if ((e = date_word(s, sd, k, &len)) && e->value <= 12) {
		v->m = e->value;
		*end = month_tail(s, sd, k + len, 1, v);
		return !(e->flags & LEXF_ASK) || v->d1 || v->y1;
	}
	if (k > j)
		return 0;
	*end = j + 1;
	return numeric_date(sd, j, v) || bare_year(s, sd, j, v);
}

/* A date starts with a number, a word with digits ("22nd") or a word of
 * the date lexicon. */
static int may_start_date(const side *sd, size_t j)
{
	const word *w = &sd->w[j];

	return w->kind == RL_TOK_NUMBER ||
	       (w->kind == RL_TOK_WORD && ((sd->lexm[j] & LX_DATE) || is_digit(sd->text[w->start])));
}

/* Find the dates of a side and claim their words. */
static int find_dates(rl_semantic *s, side *sd)
{
	for (size_t j = 0; j < sd->n; j++) {
		size_t end;
		dval v;
		uint64_t key;

		if (!may_start_date(sd, j) || !date_at(s, sd, j, &end, &v))
			continue;
		key = rl_hash(&v, sizeof(v), 0x64617465);
		if (!add_item(sd, IT_DATE, j, end, key))
			return RL_ENOMEM;
		claim(sd, j, end, CL_DATE);
		j = end - 1;
	}
	return 0;
}

static int detect_dates(rl_semantic *s)
{
	int err;

	for (int si = 0; si < 2; si++)
		if ((err = find_dates(s, &s->sd[si])) < 0)
			return err;
	if ((err = compare_values(s, IT_DATE, RL_CHANGE_DATE)) != 0)
		return err;
	/* the digits of a date found on both sides are not number changes */
	for (int si = 0; si < 2; si++)
		for (size_t i = 0; i < s->sd[si].it[IT_DATE].n; i++) {
			const item *x = &s->sd[si].it[IT_DATE].v[i];
			if (x->used == 2)
				claim(&s->sd[si], x->w0, x->w1, CL_DATEEQ);
		}
	return 0;
}

/* ---- numbers ------------------------------------------------------------- */


/* A word with digits: an ordinal ("2de", "18e", "3rd") or a code ("G20",
 * "F-35"), whose text is its value. */
static int canon_code(rl_semantic *s, const side *sd, size_t j, uint64_t *unit)
{
	const char *t = sd->text + sd->w[j].start;
	size_t len = sd->w[j].end - sd->w[j].start, d = 0;

	while (d < len && is_digit(t[d]))
		d++;
	if (d && d < len && rl_set64_has(&s->ordinal_suffixes, rl_text_key_hash(t + d, len - d))) {
		*unit = s->u_ordinal;
		return canon_group(&s->buf, t, d, '.', 0);
	}
	return rl_buf_putc(&s->buf, 'W') < 0 ? RL_ENOMEM : rl_text_fold(&s->buf, t, len);
}

/* The number word at j, unless it is part of a name ("de Tweede Kamer"). */
static const lex_entry *number_word(const rl_semantic *s, const side *sd, size_t j, size_t *len)
{
	const lex_entry *e;

	if (sd->w[j].kind != RL_TOK_WORD || !(e = word_lex(&s->num, sd, j, sd->n - j, len)))
		return NULL;
	if ((e->flags & LEXF_ORDINAL) && (sd->w[j].flags & RL_TOKF_CAP) && !sd->w[j].sent)
		return NULL;
	return e;
}

static int usable(const side *sd, size_t j)
{
	return j < sd->n && !(sd->w[j].claim & (CL_URL | CL_DATEEQ | CL_NUMBER));
}

/* The number that starts at word j — [unit] number [multiplier] [unit] —
 * into an item.  Returns 1 when there is one, 0, or RL_ENOMEM. */
static int number_at(rl_semantic *s, side *sd, size_t j)
{
	const lex_entry *e = NULL, *m = NULL, *u = NULL;
	size_t k, len = 1, first = j;
	uint64_t unit = 0;
	item *x;
	int err = 0;

	if (sd->w[j].kind != RL_TOK_NUMBER && !(sd->w[j].kind == RL_TOK_WORD && sd->w[j].digit) &&
	    !(e = number_word(s, sd, j, &len)))
		return 0;
	k = j + len;
	if (sd->w[j].kind != RL_TOK_WORD || e) {
		if (usable(sd, k) && (m = word_lex(&s->num, sd, k, sd->n - k, &len)) &&
		    (m->flags & LEXF_MULT))
			k += len;
		else
			m = NULL;
	}
	if (usable(sd, k) && (u = word_lex(&s->unit, sd, k, sd->n - k, &len))) {
		unit = u->vkey;
		k += len;
	} else if (j > 0 && usable(sd, j - 1) && (u = word_lex(&s->unit, sd, j - 1, 1, &len))) {
		unit = u->vkey;
		first = j - 1;
	}
	s->buf.len = 0;
	if (e)
		err = put_value(&s->buf, e->digits, e->digits[0] == '0' ? 0 : e->exp + (m ? m->exp : 0));
	else if (sd->w[j].kind == RL_TOK_NUMBER)
		err = canon_number(s, &s->buf, sd->text + sd->w[j].start, sd->w[j].end - sd->w[j].start,
		                   m ? m->exp : 0, &unit);
	else
		err = canon_code(s, sd, j, &unit);
	if (err < 0)
		return err;
	if (e && (e->flags & LEXF_ORDINAL))
		unit = s->u_ordinal;
	if (!(x = add_item(sd, IT_NUM, first, k, rl_hash_mix(rl_hash(s->buf.data, s->buf.len, 7), unit))))
		return RL_ENOMEM;
	/* "een" is "one" only when that makes it equal to a number opposite */
	x->value = e && (e->flags & LEXF_WEAK) && !m && !unit;
	claim(sd, first, k, CL_NUMBER);
	return 1;
}

static int find_numbers(rl_semantic *s, side *sd)
{
	for (size_t j = 0; j < sd->n; j++) {
		const word *w = &sd->w[j];
		int r;

		/* a number starts with digits or a word of the lexicon */
		if ((w->kind == RL_TOK_NUMBER ||
		     (w->kind == RL_TOK_WORD && (w->digit || (sd->lexm[j] & LX_NUM)))) &&
		    usable(sd, j) && (r = number_at(s, sd, j)) < 0)
			return r;
	}
	return 0;
}

static int detect_numbers(rl_semantic *s)
{
	int err;

	for (int si = 0; si < 2; si++)
		if ((err = find_numbers(s, &s->sd[si])) < 0)
			return err;
	return compare_values(s, IT_NUM, RL_CHANGE_NUMBER);
}

/* ---- negation and modality ----------------------------------------------- */

/* Find the markers of lexicon `lx` on a side; entries of value 0 are
 * phrases that only look like markers and hide what they contain. */
static int find_markers(side *sd, const lexicon *lx, int kind)
{
	for (size_t j = 0; j < sd->n; j++) {
		const lex_entry *e;
		size_t len;
		item *x;

		if (sd->w[j].kind != RL_TOK_WORD || sd->w[j].claim & (CL_URL | CL_DATE) ||
		    !(e = word_lex(lx, sd, j, sd->n - j, &len)))
			continue;
		if (e->value) {
			if (!(x = add_item(sd, kind, j, j + len, e->key[0])))
				return RL_ENOMEM;
			x->value = e->value;
			claim(sd, j, j + len, CL_MARK);
		}
		j += len - 1;
	}
	return 0;
}

/* The index of the first word of `sd` that ends after byte x.  Cannot
 * fail. */
static size_t word_after(const side *sd, uint32_t x)
{
	size_t lo = 0, hi = sd->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sd->w[mid].end <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The clauses of side 1-si that correspond to clause `c` of side si:
 * [*lo, *hi].  Cannot fail. */
static void other_clauses(const rl_semantic *s, int si, uint32_t c, uint32_t *lo, uint32_t *hi)
{
	const side *a = &s->sd[si], *b = &s->sd[1 - si];
	uint32_t f = a->cl_first[c], l = a->cl_first[c + 1] - 1;
	uint32_t m0 = map_pos(s, si, a->w[f].start), m1 = map_pos(s, si, a->w[l].end - 1) + 1;
	size_t j0 = word_after(b, m0), j1 = word_after(b, m1);

	if (!b->n) {
		*lo = *hi = 0;
		return;
	}
	/* the words of b over [m0, m1) and the one just before that place */
	if (j1 < b->n && b->w[j1].start < m1)
		j1++;
	*lo = j0 > 0 ? b->w[j0 - 1].clause : b->w[0].clause;
	*hi = j1 > j0 ? b->w[j1 - 1].clause : *lo;
	if (j0 == 0 && j1 == 0)
		*lo = *hi = b->w[0].clause;
}

/* A partner for marker x of side si among the unmatched markers of the
 * corresponding clauses on the other side: one of the same level first. */
static item *partner(rl_semantic *s, int si, int kind, const item *x)
{
	items *B = &s->sd[1 - si].it[kind];
	item *any = NULL;
	uint32_t lo, hi;
	size_t j = 0, top = B->n;

	other_clauses(s, si, x->clause, &lo, &hi);
	while (j < top) { /* markers are in clause order: the first in lo */
		size_t mid = j + (top - j) / 2;

		if (B->v[mid].clause < lo)
			j = mid + 1;
		else
			top = mid;
	}
	for (; j < B->n && B->v[j].clause <= hi; j++) {
		item *y = &B->v[j];

		if (y->used)
			continue;
		if (y->value == x->value)
			return y;
		if (!any)
			any = y;
	}
	return any;
}

/* Markers the diff left unmatched pair with one in the corresponding
 * clause; a marker without a partner, or (modality) with a partner of
 * another level, is a change. */
static int compare_markers(rl_semantic *s, int kind, rl_change_type type)
{
	items *A = &s->sd[0].it[kind], *B = &s->sd[1].it[kind];
	int levels = kind == IT_MOD, err = 0;

	for (size_t i = 0; i < A->n; i++)
		A->v[i].used = !A->v[i].changed;
	for (size_t j = 0; j < B->n; j++)
		B->v[j].used = !B->v[j].changed;
	for (size_t i = 0; i < A->n && !err; i++) {
		item *x = &A->v[i], *y;

		if (x->used)
			continue;
		x->used = 1;
		if ((y = partner(s, 0, kind, x))) {
			y->used = 1;
			if (levels && y->value != x->value)
				err = emit(s, type, x->start, x->end, y->start, y->end,
				           level_change[x->value][y->value]);
			continue;
		}
		err = emit_one(s, type, 0, x->start, x->end, levels ? level_change[x->value][0] : NULL);
	}
	for (size_t j = 0; j < B->n && !err; j++)
		if (!B->v[j].used)
			err = emit_one(s, type, 1, B->v[j].start, B->v[j].end,
			               levels ? level_change[0][B->v[j].value] : NULL);
	return err;
}

/* Does a marker of `kind` lie in changed text?  (It pairs by clauses, which
 * windows do not number as the whole pair.) */
static int changed_marker(const rl_semantic *s, int kind)
{
	for (int si = 0; si < 2; si++)
		for (size_t i = 0; i < s->sd[si].it[kind].n; i++)
			if (s->sd[si].it[kind].v[i].changed)
				return 1;
	return 0;
}

/* Returns 0, ONE_WINDOW (a changed marker and windows apart) or RL_ENOMEM. */
static int detect_markers(rl_semantic *s, const lexicon *lx, int kind, rl_change_type type)
{
	int err;

	for (int si = 0; si < 2; si++)
		if ((err = find_markers(&s->sd[si], lx, kind)) < 0)
			return err;
	if (s->n_win > 1 && (s->types & (1u << type)) && changed_marker(s, kind))
		return ONE_WINDOW;
	return compare_markers(s, kind, type);
}

/* ---- parts: words split at hyphens and apostrophes ----------------------- */

static void part_case(const char *s, part *p)
{
	size_t i = p->start;
	int letters = 0, lower = 0, first = 1;

	p->alpha = p->ascii = 1;
	while (i < p->end) {
		uint32_t cp = rl_text_next(s, p->end, &i);

		p->ascii &= cp < 0x80;
		if (rl_cp_is_upper(cp)) {
			letters++;
			p->cap |= first;
		} else if (rl_cp_is_lower(cp)) {
			letters++;
			lower++;
		} else if (!rl_cp_is_letter(cp)) {
			p->alpha = 0;
		}
		first = 0;
	}
	p->allcaps = letters >= 2 && !lower;
}

#define NO_FOLD UINT32_MAX

static int add_part(side *sd, size_t j, uint32_t ps, uint32_t pe, uint32_t run)
{
	part *p;

	if (rl_grow(&sd->p, &sd->p_cap, sd->np + 1, sizeof(part)) < 0 ||
	    rl_grow(&sd->pkey, &sd->pkey_cap, sd->np + 1, sizeof(uint64_t)) < 0)
		return RL_ENOMEM;
	p = &sd->p[sd->np];
	memset(p, 0, sizeof(*p));
	p->start = ps;
	p->end = pe;
	p->word = (uint32_t)j;
	p->run = run;
	p->fold = NO_FOLD;
	p->claim = sd->w[j].claim;
	part_case(sd->text, p);
	sd->pkey[sd->np++] = rl_text_key_hash(sd->text + ps, pe - ps);
	return 0;
}

/* A plain ASCII word (letters and digits) is one part with the word's key
 * and case. */
static int plain_word(const side *sd, size_t j)
{
	return plain_text(sd->text, sd->w[j].start, sd->w[j].end, sd->w[j].flags);
}

static int add_plain_part(side *sd, size_t j, uint32_t run)
{
	const word *w = &sd->w[j];

	if ((sd->np == sd->p_cap && rl_grow(&sd->p, &sd->p_cap, sd->np + 1, sizeof(part)) < 0) ||
	    (sd->np == sd->pkey_cap &&
	     rl_grow(&sd->pkey, &sd->pkey_cap, sd->np + 1, sizeof(uint64_t)) < 0))
		return RL_ENOMEM;
	sd->p[sd->np] = (part){w->start, w->end, (uint32_t)j, run, NO_FOLD, 0,
	                       (w->flags & RL_TOKF_CAP) != 0, (w->flags & RL_TOKF_ALLCAPS) != 0,
	                       !w->digit, w->claim, 1};
	sd->pkey[sd->np++] = sd->key[j];
	return 0;
}

/* Split the words of a side into parts; punctuation, numbers and blank
 * lines end a run, except a hyphen that ends a line ("samen-\nwerking"). */
static int build_parts(side *sd)
{
	uint32_t run = 0;

	sd->fold.len = 0;
	for (size_t j = 0; j < sd->n; j++) {
		uint32_t i = sd->w[j].start, ps, pe;

		if (sd->w[j].space == 2 || sd->w[j].wstart)
			run++;
		if (sd->w[j].kind != RL_TOK_WORD) {
			if (!(is_punct(sd, j, '-') && !sd->w[j].space && j + 1 < sd->n && sd->w[j + 1].space))
				run++;
			continue;
		}
		if (plain_word(sd, j)) {
			if (add_plain_part(sd, j, run) < 0)
				return RL_ENOMEM;
			continue;
		}
		while (next_part(sd->text, &i, sd->w[j].end, &ps, &pe))
			if (add_part(sd, j, ps, pe, run) < 0)
				return RL_ENOMEM;
	}
	return 0;
}

/* Casefold part i into sd->fold, once.  Fails with RL_ENOMEM. */
static int fold_part(side *sd, size_t i)
{
	part *p = &sd->p[i];
	size_t mark = sd->fold.len;

	if (p->fold != NO_FOLD)
		return 0;
	if (rl_text_fold(&sd->fold, sd->text + p->start, p->end - p->start) < 0)
		return RL_ENOMEM;
	p->fold = (uint32_t)mark;
	p->fold_len = (uint32_t)(sd->fold.len - mark);
	return 0;
}

static uint64_t gram(const uint64_t *k, size_t n)
{
	uint64_t h = 0x6e6772616d;

	for (size_t i = 0; i < n; i++)
		h = rl_hash_mix(h, k[i]);
	return h;
}

/* What a side holds, for presence tests, added to sd->present: its parts,
 * and (`runs`) the runs of parts that start with a capital, which
 * seq_present() finds in a window. */
static int build_present(side *sd, int runs)
{
	for (size_t i = 0; i < sd->np; i++) {
		if (rl_set64_add(&sd->present, gram(sd->pkey + i, 1)) < 0)
			return RL_ENOMEM;
		/* longer names start with a capital (a lower-case start on the
		 * other side still has every word of the name) */
		for (size_t n = 2; runs && sd->p[i].cap && n <= NGRAM_MAX && i + n <= sd->np; n++) {
			if (sd->p[i + n - 1].run != sd->p[i].run)
				break;
			if (rl_set64_add(&sd->present, gram(sd->pkey + i, n)) < 0)
				return RL_ENOMEM;
		}
	}
	return 0;
}

/* Does side sd hold the parts keys[0..n) in a row, in one run, the first
 * with a capital (a run build_present() would note)?  Cannot fail. */
static int seq_present(const side *sd, const uint64_t *keys, size_t n)
{
	if (n == 1)
		return rl_set64_has(&sd->present, gram(keys, 1));
	for (size_t i = 0; i + n <= sd->np; i++) {
		size_t k = 1;

		if (!sd->p[i].cap || sd->pkey[i] != keys[0])
			continue;
		while (k < n && sd->p[i + k].run == sd->p[i].run && sd->pkey[i + k] == keys[k])
			k++;
		if (k == n)
			return 1;
	}
	return 0;
}

/* ---- entities ------------------------------------------------------------ */

static int allcaps_word(const side *sd, size_t j)
{
	return sd->w[j].kind == RL_TOK_WORD && (sd->w[j].flags & RL_TOKF_ALLCAPS);
}

/* An all-capitals heading ("DE RAAD BUITENLANDSE ZAKEN") is not a row of
 * acronyms: word j is in three or more all-capitals words in a row. */
static int shouting(const side *sd, size_t j)
{
	size_t lo = j, hi = j;

	while (lo > 0 && j - lo < 2 && allcaps_word(sd, lo - 1))
		lo--;
	while (hi + 1 < sd->n && hi - j < 2 && allcaps_word(sd, hi + 1))
		hi++;
	return hi - lo >= 2;
}

static int roman(const side *sd, const part *p)
{
	for (uint32_t i = p->start; i < p->end; i++)
		if (!strchr("IVXLCDM", sd->text[i]))
			return 0;
	return 1;
}

static int sentence_initial(const side *sd, size_t i)
{
	return sd->w[sd->p[i].word].sent && (i == 0 || sd->p[i - 1].word != sd->p[i].word);
}

/* Parts from i on in one run that no detector has claimed. */
static size_t run_avail(const side *sd, size_t i)
{
	size_t k = i;

	while (k < sd->np && k - i < LEX_MAXW && sd->p[k].run == sd->p[i].run && !sd->p[k].claim)
		k++;
	return k - i;
}

/* Append an entity over parts [i, k). */
static int add_entity(side *sd, size_t i, size_t k, uint64_t key, int gazetteer)
{
	item *x = push_item(&sd->it[IT_ENT], i, k, sd->p[i].start, sd->p[k - 1].end, key);

	if (!x || rl_set64_add(&sd->ents, key) < 0)
		return RL_ENOMEM;
	x->value = gazetteer;
	for (size_t j = i; j < k; j++)
		sd->p[j].claim |= CL_ENTITY;
	return 0;
}

/* Names from the gazetteer, capitalised anywhere. */
static int find_gazetteer(const rl_semantic *s, side *sd)
{
	for (size_t i = 0; i < sd->np; i++) {
		const lex_entry *e;
		size_t len;

		if (sd->p[i].claim || !sd->p[i].cap ||
		    !(e = lex_match(&s->gaz, sd->pkey + i, run_avail(sd, i), &len)))
			continue;
		if (add_entity(sd, i, i + len, e->vkey, 1) < 0)
			return RL_ENOMEM;
		i += len - 1;
	}
	return 0;
}

/* The end of a run of capitalised parts from i, joined by particles
 * ("Minister van Buitenlandse Zaken"). */
static size_t name_end(const rl_semantic *s, const side *sd, size_t i)
{
	size_t last = i, j = i + 1;

	while (j < sd->np && sd->p[j].run == sd->p[i].run && !sd->p[j].claim) {
		if (sd->p[j].cap)
			last = j;
		else if (!rl_set64_has(&s->particles, sd->pkey[j]) || j + 1 == sd->np ||
		         !sd->p[j + 1].cap || sd->p[j + 1].claim || sd->p[j + 1].run != sd->p[i].run)
			break;
		j++;
	}
	return last + 1;
}

/* Acronyms ("NAVO") and capitalised names not at a sentence start. */
static int find_names(const rl_semantic *s, side *sd)
{
	for (size_t i = 0; i < sd->np; i++) {
		const part *p = &sd->p[i];
		size_t k;

		if (p->claim || !p->cap)
			continue;
		if (p->allcaps) {
			if (!roman(sd, p) && !shouting(sd, p->word) &&
			    add_entity(sd, i, i + 1, gram(sd->pkey + i, 1), 0) < 0)
				return RL_ENOMEM;
			continue;
		}
		if (sentence_initial(sd, i))
			continue;
		k = name_end(s, sd, i);
		while (i < k && rl_set64_has(&s->stop, sd->pkey[i]))
			i++;
		if (i < k && add_entity(sd, i, k, gram(sd->pkey + i, k - i), 0) < 0)
			return RL_ENOMEM;
		i = k - 1;
	}
	return 0;
}

/* ---- context: the head and tail of a pair -------------------------------- */

/*
 * A word looked for on the other side of a pair may be in its head or tail
 * (see "windows" above), which both sides share.  Rather than reading
 * them, the context finds where the word's text occurs there, not inside
 * a longer run of letters and digits.  Where that is plainly a word of its
 * own, the part is there; elsewhere the segment between the sync points
 * around the place is read, as the whole pair would be read, and its
 * parts, capitalised runs and entities gather in cx.sd.present and
 * cx.sd.ents.  Folded text equals the bytes with ASCII lower-cased unless
 * a character folds otherwise (fold_stable()); when one does, both ranges
 * are read whole.
 */

/* Does code point cp fold to its own bytes, or stay out of words?  Lower
 * case letters below U+0250 do (but for the few whose fold differs from
 * their lower case), as does punctuation; capitals, marks, format
 * characters and other scripts may not. */
static int fold_stable(uint32_t cp)
{
	if (cp < 0x250)
		return cp != 0xad && !(rl_cp_is_letter(cp) &&
		                       (rl_cp_is_upper(cp) || cp == 0xdf || cp == 0x130 || cp == 0x149 ||
		                        cp == 0x17f || cp == 0x1f0 || cp == 0xb5));
	return (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205e) ||
	       (cp >= 0x20a0 && cp <= 0x20bf);
}

static int is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Start the context of the windows s->win of the pair: the old text
 * before, between and after them.  Fails with RL_ENOMEM. */
static int ctx_begin(rl_semantic *s)
{
	context *c = &s->cx;
	const window *w = s->win;

	if (rl_grow(&c->rng, &c->rng_cap, s->n_win + 1, sizeof(range)) < 0)
		return RL_ENOMEM;
	c->text = s->pair.a;
	c->start = (uint32_t)s->pair.a0;
	c->end = (uint32_t)s->pair.a1;
	c->rng[0] = (range){c->start, w[0].a0, 1};
	for (size_t i = 0; i < s->n_win; i++)
		c->rng[i + 1] = (range){w[i].a1, i + 1 < s->n_win ? w[i + 1].a0 : c->end, w[i].after};
	c->n_rng = s->n_win + 1;
	c->checked = c->all = 0;
	c->n_seg = c->n_fv = 0;
	c->fold.len = 0;
	rl_map64_free(&c->prefix);
	set_reset(&c->sd.present, 64);
	set_reset(&c->sd.ents, 8);
	return 0;
}

/* ASCII letters and digits. */
static const uint8_t alnum_bytes[128] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
	['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
	['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
	['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
	['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};


static size_t run_bucket(size_t len)
{
	return len < RUN_LENS - 1 ? len : RUN_LENS - 1;
}

/* Sort the runs by length (a counting sort).  Fails with RL_ENOMEM. */
static int ctx_order_runs(context *c)
{
	uint32_t at[RUN_LENS];

	if (rl_grow(&c->order, &c->order_cap, c->n_run + 1, sizeof(uint32_t)) < 0)
		return RL_ENOMEM;
	memset(c->bucket, 0, sizeof(c->bucket));
	for (size_t k = 0; k < c->n_run; k++)
		c->bucket[run_bucket(c->run[3 * k + 1]) + 1]++;
	for (size_t l = 0; l < RUN_LENS; l++)
		c->bucket[l + 1] += c->bucket[l];
	memcpy(at, c->bucket, sizeof(at));
	for (size_t k = 0; k < c->n_run; k++)
		c->order[at[run_bucket(c->run[3 * k + 1])]++] = (uint32_t)k;
	return 0;
}

/* Bit k set where byte k of w (no byte above 0x7f) is an ASCII letter or
 * digit: range tests on all eight bytes at once, then the top bits
 * gathered by a multiplication. */
static unsigned alnum_bits(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t l = w | (ones * 0x20);
	uint64_t letter = (l + ones * (0x80 - 'a')) & (ones * (0x80 + 'z') - l);
	uint64_t digit = (w + ones * (0x80 - '0')) & (ones * (0x80 + '9') - w);

	return (unsigned)(((((letter | digit) & high) >> 7) * 0x0102040810204080ULL) >> 56);
}

/* Note run [start, end) of range r at *p; returns the place after it. */
static uint32_t *add_run(uint32_t *p, size_t start, size_t end, size_t r)
{
	p[0] = (uint32_t)start;
	p[1] = (uint32_t)(end - start);
	p[2] = (uint32_t)r;
	return p + 3;
}

/* List the runs of range r, eight bytes at a time where they are ASCII;
 * 1 when a character there is not fold_stable().  Cannot fail (the list
 * has room for a run every other byte). */
static int list_runs(context *c, size_t r)
{
	const char *t = c->text;
	size_t i = c->rng[r].lo, hi = c->rng[r].hi, start = 0;
	uint32_t *out = c->run + 3 * c->n_run;
	unsigned in = 0;
	int unstable = 0;

	while (i < hi) {
		uint64_t w;

		if (i + 8 <= hi && (memcpy(&w, t + i, 8), !(w & 0x8080808080808080ULL))) {
			unsigned b = alnum_bits(w), edges = b ^ ((b << 1 | in) & 0xff);

			for (; edges; edges &= edges - 1) {
				unsigned k = (unsigned)__builtin_ctz(edges);

				if (b >> k & 1)
					start = i + k;
				else
					out = add_run(out, start, i + k, r);
			}
			in = b >> 7;
			i += 8;
		} else if ((unsigned char)t[i] >= 0x80) {
			if (in)
				out = add_run(out, start, i, r);
			in = 0;
			unstable |= !fold_stable(rl_text_next(t, hi, &i));
		} else {
			unsigned a = alnum_bytes[(unsigned char)t[i]];

			if (a != in && a)
				start = i;
			else if (a != in)
				out = add_run(out, start, i, r);
			in = a;
			i++;
		}
	}
	if (in)
		out = add_run(out, start, hi, r);
	c->n_run = (size_t)(out - c->run) / 3;
	return unstable;
}

/* List the runs of ASCII letters and digits of the context; 1 when a
 * character there is not fold_stable().  Fails with RL_ENOMEM. */
static int ctx_runs(context *c)
{
	int unstable = 0;

	c->n_run = 0;
	for (size_t r = 0; r < c->n_rng; r++) {
		if (rl_grow(&c->run, &c->run_cap,
		            3 * (c->n_run + (c->rng[r].hi - c->rng[r].lo) / 2 + 1), sizeof(uint32_t)) < 0)
			return RL_ENOMEM;
		unstable |= list_runs(c, r);
	}
	return unstable ? 1 : ctx_order_runs(c);
}

/* The context's segments for inflection: the folds of their parts. */
static int ctx_keep_folds(context *c)
{
	side *sd = &c->sd;

	for (size_t i = 0; i < sd->np; i++) {
		uint32_t *slot;
		fold_ref *f;

		if (fold_part(sd, i) < 0)
			return RL_ENOMEM;
		if (sd->p[i].fold_len < 4)
			continue;
		if (rl_grow(&c->fv, &c->fv_cap, c->n_fv + 1, sizeof(fold_ref)) < 0 ||
		    !(slot = rl_map64_slot(&c->prefix, rl_hash(sd->fold.data + sd->p[i].fold, 4, 4))))
			return RL_ENOMEM;
		f = &c->fv[c->n_fv];
		f->off = (uint32_t)c->fold.len;
		f->len = sd->p[i].fold_len;
		f->next = *slot;
		*slot = (uint32_t)++c->n_fv;
		if (rl_buf_put(&c->fold, sd->fold.data + sd->p[i].fold, f->len) < 0)
			return RL_ENOMEM;
	}
	return 0;
}

static int find_claims(rl_semantic *s, side *sd);

/* Read text[x..y) of the head or tail as the whole pair would be read. */
static int ctx_read(rl_semantic *s, size_t x, size_t y, int state)
{
	context *c = &s->cx;
	side *sd = &c->sd;
	int err;

	if (rl_grow(&c->seg, &c->seg_cap, 2 * c->n_seg + 2, sizeof(uint32_t)) < 0)
		return RL_ENOMEM;
	c->seg[2 * c->n_seg] = (uint32_t)x;
	c->seg[2 * c->n_seg + 1] = (uint32_t)y;
	c->n_seg++;
	c->tok.n = 0;
	for (int k = 0; k < IT_COUNT; k++)
		sd->it[k].n = 0;
	if (rl_text_tokenize(&c->tok, c->text, x, y) < 0 ||
	    (err = read_side(s, sd, c->text, &c->tok, &(uint32_t){0},
	                     &(window){0, 0, 0, 0, (int8_t)state, 0}, 1)) < 0)
		return RL_ENOMEM;
	mark_urls(s, sd);
	if ((err = find_claims(s, sd)) < 0 || (err = build_parts(sd)) < 0 ||
	    (err = build_present(sd, 1)) < 0 || (err = find_gazetteer(s, sd)) < 0 ||
	    (err = find_names(s, sd)) < 0)
		return err;
	return ctx_keep_folds(c);
}

/* The end of the segment read that holds offset m, or 0. */
static size_t ctx_read_end(const context *c, size_t m)
{
	for (size_t k = 0; k < c->n_seg; k++)
		if (c->seg[2 * k] <= m && m < c->seg[2 * k + 1])
			return c->seg[2 * k + 1];
	return 0;
}

/* Read the segment of range r around text[m0..m1); its end goes to *end. */
static int ctx_read_around(rl_semantic *s, int r, size_t m0, size_t m1, size_t *end)
{
	context *c = &s->cx;
	int st, st_end;
	const range *g = &c->rng[r];
	size_t x = sync_before(s, c->text, g->lo, r == 0, g->hi, m0, g->state, &st);

	*end = sync_after(s, c->text, g->lo, r == 0, g->hi, m1, &st_end);
	return ctx_read(s, x, *end, st);
}

/* A word looked for in the context: a part whose folded text is t[0..len)
 * (`prefix`: begins with it, for inflection of x[0..lx); len >= 4). */
typedef struct look {
	const char *t;
	size_t len;
	int prefix;
	int plain;     /* a plain word of its own answers it (see ctx_plain()) */
	const char *x;
	size_t lx;
} look;

/* Is text[m..e) plainly a part of its own: it starts with an ASCII
 * letter, holds only ASCII letters and digits or (in the context, lower
 * case) letters beyond ASCII, and next to it is ASCII that is neither a
 * letter, a digit nor the '+' of "lhbtqi+’ers"?  Then it is a part,
 * whatever surrounds it. */
static int ctx_plain(const context *c, size_t m, size_t e)
{
	char b = m > c->start ? c->text[m - 1] : ' ', a = e < c->end ? c->text[e] : ' ';

	if (ascii_lower(c->text[m]) < 'a' || ascii_lower(c->text[m]) > 'z' ||
	    (unsigned char)b >= 0x80 || is_alnum(b) || (unsigned char)a >= 0x80 || is_alnum(a) ||
	    a == '+')
		return 0;
	for (size_t k = m; k < e; k++)
		if ((unsigned char)c->text[k] < 0x80 && !is_alnum(c->text[k]))
			return 0;
	return 1;
}

/* Does the part text[m..e) inflect x[0..lx) (see inflects())? */
static int ctx_inflects(const context *c, size_t m, size_t e, const char *x, size_t lx)
{
	size_t ly = e - m, cp = 0, longest = lx > ly ? lx : ly;

	while (cp < lx && cp < ly && ascii_lower(c->text[m + cp]) == x[cp])
		cp++;
	return cp >= 4 && cp + 4 >= longest;
}

/* Does text[m..) hold q->t, ASCII case aside, not inside a longer run of
 * ASCII letters and digits?  Returns 2 when that answers q (see look),
 * 1 when it may, 0 when it does not. */
static int ctx_match(const context *c, size_t m, const look *q)
{
	size_t e = m + q->len;

	for (size_t k = 0; k < q->len; k++)
		if (ascii_lower(c->text[m + k]) != q->t[k])
			return 0;
	if (m > c->start && is_alnum(c->text[m - 1]))
		return 0;
	if (!q->prefix && e < c->end && is_alnum(c->text[e]))
		return 0;
	while (q->prefix && e < c->end && is_alnum(c->text[e]))
		e++;
	if (!q->plain || !ctx_plain(c, m, e))
		return 1;
	return !q->prefix || ctx_inflects(c, m, e, q->x, q->lx) ? 2 : 0;
}

/* Look for q in range r from the places where its first byte is `ch`:
 * read the segments around places that may hold it.  Returns 1 when a
 * place answers q, 0, or RL_ENOMEM. */
static int ctx_scan(rl_semantic *s, int r, const look *q, char ch)
{
	context *c = &s->cx;
	const char *p = c->text + c->rng[r].lo, *end = c->text + c->rng[r].hi;

	while (p + q->len <= end && (p = memchr(p, ch, (size_t)(end - p) - q->len + 1))) {
		size_t m = (size_t)(p - c->text), seg;
		int k = ctx_match(c, m, q), err;

		if (k == 2)
			return 1;
		p++;
		if (!k)
			continue;
		if (!(seg = ctx_read_end(c, m))) {
			if ((err = ctx_read_around(s, r, m, m + q->len, &seg)) < 0)
				return err;
		}
		p = c->text + seg;
	}
	return 0;
}

/* Look for q, all ASCII letters and digits, among the runs: read the
 * segments around runs that may hold it.  Returns 1 when a run answers
 * q, 0, or RL_ENOMEM. */
static int ctx_runs_look(rl_semantic *s, const look *q)
{
	context *c = &s->cx;
	size_t from = c->bucket[run_bucket(q->len)];
	size_t to = c->bucket[q->prefix ? RUN_LENS : run_bucket(q->len) + 1];

	for (size_t o = from; o < to; o++) {
		size_t k = c->order[o], m = c->run[3 * k], seg;
		int hit, err;

		if (q->prefix ? c->run[3 * k + 1] < q->len : c->run[3 * k + 1] != q->len)
			continue;
		if (ascii_lower(c->text[m]) != q->t[0])
			continue; /* ctx_match() would say 0 */
		if (!(hit = ctx_match(c, m, q)) || (hit == 1 && ctx_read_end(c, m)))
			continue;
		if (hit == 2)
			return 1;
		if ((err = ctx_read_around(s, (int)c->run[3 * k + 2], m, m + q->len, &seg)) < 0)
			return err;
	}
	return 0;
}

/* Is there nothing more to look for in the context: it is empty or read
 * whole?  List its runs first (reading it whole when a character is not
 * fold_stable()).  Returns 1, 0 or RL_ENOMEM. */
static int ctx_done(rl_semantic *s)
{
	context *c = &s->cx;
	int err;

	if (c->all)
		return 1;
	if (c->checked)
		return 0;
	c->checked = 1;
	if ((err = ctx_runs(c)) <= 0)
		return err;
	c->all = 1;
	for (size_t r = 0; r < c->n_rng && err >= 0; r++)
		if (c->rng[r].lo < c->rng[r].hi)
			err = ctx_read(s, c->rng[r].lo, c->rng[r].hi, c->rng[r].state);
	return err < 0 ? err : 1;
}

/* Read the segments of the head and tail that may hold q.  Returns 1 when
 * a plain word answers q (see look), 0, or RL_ENOMEM. */
static int ctx_look(rl_semantic *s, const look *q)
{
	char up = q->t[0] >= 'a' && q->t[0] <= 'z' ? (char)(q->t[0] - 32) : 0;
	int err = 0, alnum = 1;

	if (!q->len || (err = ctx_done(s)) != 0)
		return err < 0 ? err : 0;
	for (size_t k = 0; k < q->len && alnum; k++)
		alnum = is_alnum(q->t[k]);
	if (alnum)
		return ctx_runs_look(s, q);
	for (size_t r = 0; r < s->cx.n_rng && !err; r++)
		if ((err = ctx_scan(s, (int)r, q, q->t[0])) == 0 && up)
			err = ctx_scan(s, (int)r, q, up);
	return err;
}

/* Is `key` in `set` (of the context), the key of a part or entity whose
 * first word folds to t[0..len)?  `plain`: the key is that of the part,
 * which a plain word of its own settles (see ctx_plain()).  Returns 1, 0
 * or RL_ENOMEM. */
static int ctx_has(rl_semantic *s, rl_set64 *set, uint64_t key, const char *t, size_t len,
                   int plain)
{
	look q = {t, len, 0, plain, NULL, 0};
	int r;

	if (rl_set64_has(set, key))
		return 1;
	if ((r = ctx_look(s, &q)) <= 0)
		return r < 0 ? r : rl_set64_has(set, key);
	return rl_set64_add(set, key) < 0 ? RL_ENOMEM : 1;
}

/* ---- presence on the other side ------------------------------------------ */

/* Is part key `g` (folded text t[0..len)) in the window of side `b` or in
 * the context?  Returns 1, 0 or RL_ENOMEM. */
static int present_in(rl_semantic *s, const side *b, uint64_t g, const char *t, size_t len)
{
	if (rl_set64_has(&b->present, g))
		return 1;
	return ctx_has(s, &s->cx.sd.present, g, t, len, 1);
}

static uint64_t word_gram(const char *t, size_t len)
{
	return gram(&(uint64_t){rl_text_key_hash(t, len)}, 1);
}

/* Are parts i and i+1 of `a`, neighbours, on side `b` as one word ("samen
 * werking" and "samenwerking")?  Returns 1, 0 or RL_ENOMEM. */
static int joined_present(rl_semantic *s, side *a, size_t i, const side *b)
{
	rl_buf *w = &s->cx.word;

	if (a->p[i].run != a->p[i + 1].run)
		return 0;
	if (fold_part(a, i) < 0 || fold_part(a, i + 1) < 0)
		return RL_ENOMEM;
	w->len = 0;
	if (rl_buf_put(w, a->fold.data + a->p[i].fold, a->p[i].fold_len) < 0 ||
	    rl_buf_put(w, a->fold.data + a->p[i + 1].fold, a->p[i + 1].fold_len) < 0)
		return RL_ENOMEM;
	return present_in(s, b, word_gram(w->data, w->len), w->data, w->len);
}

/* The split points k of x[0..len) where a run of the context may be
 * x[0..k) (bit k of *pre) or x[k..len) (bit k of *suf): all of them unless
 * the runs tell (x of ASCII letters and digits, len < 64, the context
 * neither empty nor read whole).  Fails with RL_ENOMEM. */
static int ctx_splits(rl_semantic *s, const char *x, size_t len, uint64_t *pre, uint64_t *suf)
{
	context *c = &s->cx;
	int done = ctx_done(s);

	/* when the context is read whole, its set answers */
	*pre = *suf = ~0ULL;
	if (done != 0 || len >= 64)
		return done < 0 ? done : 0;
	for (size_t k = 0; k < len; k++)
		if (!is_alnum(x[k]))
			return 0;
	*pre = *suf = 0;
	for (size_t o = c->bucket[2]; len >= 4 && o < c->bucket[len - 1]; o++) {
		size_t k = c->order[o], ly = c->run[3 * k + 1], j = 0;
		const char *y = c->text + c->run[3 * k];
		char y0 = ascii_lower(y[0]);

		if (y0 == x[0]) {
			while (j < ly && ascii_lower(y[j]) == x[j])
				j++;
			*pre |= (uint64_t)(j == ly) << ly;
		}
		if (y0 == x[len - ly]) {
			for (j = 0; j < ly && ascii_lower(y[j]) == x[len - ly + j]; j++)
				;
			*suf |= (uint64_t)(j == ly) << (len - ly);
		}
	}
	return 0;
}

/* Is x[0..len) a part on side `b` (its window; the context when `ctx`)?
 * Returns 1, 0 or RL_ENOMEM. */
static int half_present(rl_semantic *s, const side *b, const char *x, size_t len, int ctx)
{
	uint64_t g = word_gram(x, len);

	if (rl_set64_has(&b->present, g))
		return 1;
	return ctx ? ctx_has(s, &s->cx.sd.present, g, x, len, 1) : 0;
}

/* Is part i of `a` on side `b` as two words ("samenwerking", "samen
 * werking")?  Returns 1, 0 or RL_ENOMEM. */
static int split_present(rl_semantic *s, side *a, size_t i, const side *b)
{
	const char *x = a->fold.data + a->p[i].fold;
	size_t len = a->p[i].fold_len;
	uint64_t pre, suf;
	int r;

	if ((r = ctx_splits(s, x, len, &pre, &suf)) < 0)
		return r;
	for (size_t k = 2; k + 2 <= len; k++) {
		if ((x[k] & 0xc0) == 0x80)
			continue; /* inside a character */
		if ((r = half_present(s, b, x, k, (int)(pre >> (k & 63) & 1))) <= 0) {
			if (r < 0)
				return r;
			continue;
		}
		if ((r = half_present(s, b, x + k, len - k, (int)(suf >> (k & 63) & 1))) != 0)
			return r;
	}
	return 0;
}

/* Is part i of side si on the other side, as it is, joined with a
 * neighbour, or split in two?  Returns 1, 0 or RL_ENOMEM. */
static int part_present(rl_semantic *s, int si, size_t i)
{
	side *a = &s->sd[si];
	const side *b = &s->sd[1 - si];
	int r;

	/* equal text is on both sides, and so are its parts */
	if (!a->w[a->p[i].word].changed || rl_set64_has(&b->present, gram(a->pkey + i, 1)))
		return 1;
	if (fold_part(a, i) < 0)
		return RL_ENOMEM;
	if ((r = present_in(s, b, gram(a->pkey + i, 1), a->fold.data + a->p[i].fold,
	                    a->p[i].fold_len)) != 0 ||
	    (i > 0 && (r = joined_present(s, a, i - 1, b)) != 0) ||
	    (i + 1 < a->np && (r = joined_present(s, a, i, b)) != 0))
		return r;
	return split_present(s, a, i, b);
}

/* Is y[0..ly) another inflection of x[0..lx): a shared prefix of four
 * letters or more that leaves at most four letters of either? */
static int inflects(const char *x, size_t lx, const char *y, size_t ly)
{
	size_t cp = 0, longest = lx > ly ? lx : ly;

	while (cp < lx && cp < ly && x[cp] == y[cp])
		cp++;
	return cp >= 4 && cp + 4 >= longest;
}

/* Is part i of side si on the other side in another inflection ("maaien",
 * "maait")?  Returns 1, 0 or RL_ENOMEM. */
static int inflection_present(rl_semantic *s, int si, size_t i)
{
	side *a = &s->sd[si], *b = &s->sd[1 - si];
	context *c = &s->cx;
	const char *x;
	size_t lx;
	uint32_t *k;
	look q;
	int err;

	if (fold_part(a, i) < 0)
		return RL_ENOMEM;
	x = a->fold.data + a->p[i].fold;
	lx = a->p[i].fold_len;
	if (lx < 4)
		return 0;
	for (size_t j = 0; j < b->np; j++) {
		const part *y = &b->p[j];

		/* ASCII parts fold to their bytes, lower-cased */
		if (y->ascii && (y->end - y->start < 4 || ascii_lower(b->text[y->start]) != x[0] ||
		                 ascii_lower(b->text[y->start + 1]) != x[1]))
			continue;
		if (fold_part(b, j) < 0)
			return RL_ENOMEM;
		if (inflects(x, lx, b->fold.data + y->fold, y->fold_len))
			return 1;
	}
	/* a part in the context shares the first max(4, lx - 4) bytes */
	q = (look){x, lx > 8 ? lx - 4 : 4, 1, 1, x, lx};
	if ((err = ctx_look(s, &q)) != 0)
		return err;
	for (uint32_t j = (k = rl_map64_get(&c->prefix, rl_hash(x, 4, 4))) ? *k : 0; j;
	     j = c->fv[j - 1].next)
		if (inflects(x, lx, c->fold.data + c->fv[j - 1].off, c->fv[j - 1].len))
			return 1;
	return 0;
}

/* Is entity x, from the gazetteer, in the context by the first word of
 * any of its names?  Returns 1, 0 or RL_ENOMEM. */
static int ctx_entity(rl_semantic *s, const item *x)
{
	rl_set64 *ents = &s->cx.sd.ents;
	const uint32_t *e;
	int err;

	if (rl_set64_has(ents, x->key))
		return 1;
	if (index_entities(s) < 0)
		return RL_ENOMEM;
	for (uint32_t k = (e = rl_map64_get(&s->ents, x->key)) ? *e : 0; k; k = s->gaz.v[k - 1].alias) {
		const lex_entry *name = &s->gaz.v[k - 1];
		look q = {s->names.data + name->text, name->text_len, 0, 0, NULL, 0};

		if (name->text_len && (err = ctx_look(s, &q)) < 0)
			return err;
	}
	return rl_set64_has(ents, x->key);
}

/* Is entity x of side si on the other side: its entity, or (from the
 * gazetteer) its words in a row?  A name that is in the context as an
 * entity or as words in a row has each of its words there, so
 * compare_entities() finds it there anyway: only the windows are looked
 * at for names.  Returns 1, 0 or RL_ENOMEM. */
static int entity_present(rl_semantic *s, int si, const item *x)
{
	side *a = &s->sd[si];
	const side *b = &s->sd[1 - si];
	size_t n = x->w1 - x->w0;
	uint64_t g = n <= NGRAM_MAX ? gram(a->pkey + x->w0, n) : 0;
	int r;

	if (rl_set64_has(&b->ents, x->key) || (n <= NGRAM_MAX && seq_present(b, a->pkey + x->w0, n)))
		return 1;
	if (!x->value)
		return 0;
	if ((r = ctx_entity(s, x)) != 0 || n > NGRAM_MAX)
		return r;
	if (fold_part(a, x->w0) < 0)
		return RL_ENOMEM;
	return ctx_has(s, &s->cx.sd.present, g, a->fold.data + a->p[x->w0].fold,
	               a->p[x->w0].fold_len, 0);
}

/* Report the entities of side si that the other side lacks.  A name the
 * other side holds in part is narrowed to the parts it lacks ("Minister
 * Hoekstra" -> "Hoekstra"). */
static int compare_entities(rl_semantic *s, int si)
{
	side *a = &s->sd[si];
	const items *E = &a->it[IT_ENT];
	rl_change_type type = si ? RL_CHANGE_ENTITY_ADDED : RL_CHANGE_ENTITY_REMOVED;
	rl_set64 seen = RL_SET64_INIT;
	int err = 0;

	for (size_t i = 0; i < E->n && !err; i++) {
		const item *x = &E->v[i];
		size_t f = SIZE_MAX, l = 0;
		int r;

		/* reported already, or on the other side */
		if ((r = rl_set64_add(&seen, x->key)) <= 0 || (r = entity_present(s, si, x)) != 0) {
			err = r < 0 ? r : 0;
			continue;
		}
		for (size_t k = x->w0; k < x->w1 && !err; k++) {
			if ((r = part_present(s, si, k)) < 0)
				err = r;
			else if (!r) {
				f = f < k ? f : k;
				l = k;
			}
		}
		if (err)
			break;
		if (x->value)
			err = emit_one(s, type, si, x->start, x->end, NULL);
		else if (f != SIZE_MAX)
			err = emit_one(s, type, si, a->w[a->p[f].word].start, a->w[a->p[l].word].end, NULL);
	}
	rl_set64_free(&seen);
	return err < 0 ? err : 0;
}

/* ---- terms --------------------------------------------------------------- */

/* Collect the content words of side si that the other side lacks. */
static int find_terms(rl_semantic *s, int si)
{
	side *a = &s->sd[si];
	items *T = &a->it[IT_TERM];
	rl_set64 seen = RL_SET64_INIT;
	int err = 0;

	for (size_t i = 0; i < a->np && !err; i++) {
		const part *p = &a->p[i];

		if (p->claim || !p->alpha || !a->w[p->word].changed ||
		    rl_text_count(a->text + p->start, p->end - p->start) < 3 ||
		    rl_set64_has(&s->stop, a->pkey[i]) || rl_set64_has(&seen, a->pkey[i]))
			continue;
		if ((err = part_present(s, si, i)) != 0 || (err = inflection_present(s, si, i)) != 0) {
			err = err < 0 ? err : 0;
			continue;
		}
		if (rl_set64_add(&seen, a->pkey[i]) < 0 ||
		    !push_item(T, i, i + 1, p->start, p->end, a->pkey[i]))
			err = RL_ENOMEM;
	}
	rl_set64_free(&seen);
	return err;
}

/* Report the rarest few of them, rarest first, in text order on ties (the
 * changes are sorted by place later, so rarity matters only when there are
 * more). */
static int report_terms(rl_semantic *s, int si)
{
	items *T = &s->sd[si].it[IT_TERM];
	rl_change_type type = si ? RL_CHANGE_TERM_ADDED : RL_CHANGE_TERM_REMOVED;
	int err = 0;

	if (T->n > TERMS_MAX && (err = need_rarity(s)) < 0)
		return err;
	for (size_t i = 0; i < T->n && T->n > TERMS_MAX; i++)
		T->v[i].weight = rarity(s, T->v[i].key);
	for (size_t i = 1; i < T->n; i++)
		for (size_t k = i; k > 0 && T->v[k].weight > T->v[k - 1].weight; k--) {
			item t = T->v[k];
			T->v[k] = T->v[k - 1];
			T->v[k - 1] = t;
		}
	for (size_t i = 0; i < T->n && i < TERMS_MAX && !err; i++)
		err = emit_one(s, type, si, T->v[i].start, T->v[i].end, NULL);
	return err;
}

/* ---- one pair ------------------------------------------------------------ */

static int cmp_change(const void *x, const void *y)
{
	const rl_change *a = x, *b = y;

	if (a->new_start != b->new_start)
		return a->new_start < b->new_start ? -1 : 1;
	if (a->old_start != b->old_start)
		return a->old_start < b->old_start ? -1 : 1;
	return (a->type > b->type) - (a->type < b->type);
}

/* Append window old[a0..a1) (state `state`; `after` after it), new
 * [a0 + d0, a1 + d1).  Fails with RL_ENOMEM. */
static int add_window(rl_semantic *s, size_t a0, size_t a1, long d0, long d1, int state,
                      int after)
{
	if (rl_grow(&s->win, &s->win_cap, s->n_win + 1, sizeof(window)) < 0)
		return RL_ENOMEM;
	s->win[s->n_win++] = (window){(uint32_t)a0, (uint32_t)a1, (uint32_t)((long)a0 + d0),
	                              (uint32_t)((long)a1 + d1), (int8_t)state, (int8_t)after};
	return 0;
}

/*
 * The windows of the pair: from the last sync point before each run of
 * changes to the first after it, joining runs whose equal text between
 * holds no two sync points.  Between windows, the text is equal and as
 * long on both sides.  Fails with RL_ENOMEM.
 */
static int find_windows(rl_semantic *s)
{
	const struct pair *p = &s->pair;
	const char *a = p->a;
	size_t ao = p->a0, start = 0, c1 = 0;
	long d = (long)p->b0 - (long)p->a0, d0 = d; /* new minus old, in equal text */
	int any = 0, st = 1, st_end;

	s->n_win = 0;
	for (size_t i = 0; i < p->n; i++) {
		const rl_edit *e = &p->e[i];

		if (e->op == RL_EDIT_EQUAL) {
			ao += e->end - e->start;
			continue;
		}
		if (!any++) {
			start = sync_before(s, a, p->a0, 1, ao, ao - (ao > p->a0), 1, &st);
		} else if (ao > c1) {
			size_t x = sync_after(s, a, c1, 0, ao, c1 + 1, &st_end), y;
			int st_next;

			if (x < ao && (y = sync_before(s, a, x, 0, ao, ao - 1, -1, &st_next)) > x) {
				if (add_window(s, start, x, d0, d, st, st_end) < 0)
					return RL_ENOMEM;
				start = y;
				st = st_next;
				d0 = d;
			}
		}
		if (e->op == RL_EDIT_DELETE) {
			ao += e->end - e->start;
			d -= (long)(e->end - e->start);
		} else {
			d += (long)(e->end - e->start);
		}
		c1 = ao;
	}
	if (!any)
		return add_window(s, p->a0, p->a1, d, d, 1, -1);
	/* st_end is known only once sync_after() has returned */
	c1 = sync_after(s, a, c1, 0, p->a1, c1 + 1, &st_end);
	return add_window(s, start, c1, d0, d, st, st_end);
}

/* The edit script cut to the windows: the equal text around the changes
 * is cut to them.  Fails with RL_ENOMEM. */
static int clip_edits(rl_semantic *s)
{
	size_t m = 0, w = 0;

	if (rl_grow(&s->we, &s->we_cap, s->pair.n + s->n_win + 1, sizeof(rl_edit)) < 0)
		return RL_ENOMEM;
	for (size_t i = 0; i < s->pair.n; i++) {
		rl_edit x = s->pair.e[i];

		if (x.op != RL_EDIT_EQUAL) {
			s->we[m++] = x;
			continue;
		}
		/* an equal piece may reach into several windows */
		while (w < s->n_win && s->win[w].a1 <= x.start)
			w++;
		for (size_t k = w; k < s->n_win && s->win[k].a0 < x.end; k++) {
			rl_edit y = {RL_EDIT_EQUAL, x.start > s->win[k].a0 ? x.start : s->win[k].a0,
			             x.end < s->win[k].a1 ? x.end : s->win[k].a1};

			if (y.start < y.end)
				s->we[m++] = y;
		}
	}
	s->n_we = m;
	return 0;
}

/* Tokenize side si of the windows, noting where each starts. */
static int tokenize_windows(rl_semantic *s, int si, rl_tokens *t)
{
	const char *text = si ? s->pair.b : s->pair.a;

	t->n = 0;
	if (rl_grow(&s->wtok[si], &s->wtok_cap[si], s->n_win + 1, sizeof(uint32_t)) < 0)
		return RL_ENOMEM;
	for (size_t k = 0; k < s->n_win; k++) {
		const window *w = &s->win[k];

		s->wtok[si][k] = (uint32_t)t->n;
		if (rl_text_tokenize(t, text, si ? w->b0 : w->a0, si ? w->b1 : w->a1) < 0)
			return RL_ENOMEM;
	}
	return 0;
}

/* Read the windows of both sides. */
static int prepare(rl_semantic *s)
{
	int err;

	if (clip_edits(s) < 0 || ctx_begin(s) < 0)
		return RL_ENOMEM;
	/* one side at a time: their words outlive the tokens */
	for (int si = 0; si < 2; si++) {
		for (int k = 0; k < IT_COUNT; k++)
			s->sd[si].it[k].n = 0;
		set_reset(&s->sd[si].ents, 8);
		if (tokenize_windows(s, si, &s->tok) < 0)
			return RL_ENOMEM;
		set_reset(&s->sd[si].present, s->tok.n / 2);
		if ((err = read_side(s, &s->sd[si], si ? s->pair.b : s->pair.a, &s->tok, s->wtok[si],
		                     s->win, s->n_win)) < 0)
			return err;
	}
	if ((err = place_edits(s, s->pair.a, s->we, s->n_we, s->win[0].a0, s->win[0].b0)) < 0)
		return err;
	for (int si = 0; si < 2; si++) {
		mark_changed(s, si);
		mark_urls(s, &s->sd[si]);
	}
	return 0;
}

/* What the detectors claim on a segment of context, as detect_windows()
 * does on the windows; every date there has its equal on the other side. */
static int find_claims(rl_semantic *s, side *sd)
{
	int err = 0;

	if (wants(s, ~T(NEGATION)) && (err = find_dates(s, sd)) == 0)
		for (size_t i = 0; i < sd->it[IT_DATE].n; i++)
			claim(sd, sd->it[IT_DATE].v[i].w0, sd->it[IT_DATE].v[i].w1, CL_DATEEQ);
	if (!err && wants(s, T(NUMBER) | T_TERM))
		err = find_numbers(s, sd);
	if (!err && wants(s, T(NEGATION) | T_TERM))
		err = find_markers(sd, &s->neg, IT_NEG);
	if (!err && wants(s, T(MODALITY) | T_TERM))
		err = find_markers(sd, &s->mod, IT_MOD);
	return err;
}

static int detect_names_and_terms(rl_semantic *s)
{
	int err = 0;

	for (int si = 0; si < 2 && !err; si++)
		if ((err = build_parts(&s->sd[si])) == 0)
			err = build_present(&s->sd[si], 0);
	for (int si = 0; si < 2 && !err; si++)
		if ((err = find_gazetteer(s, &s->sd[si])) == 0)
			err = find_names(s, &s->sd[si]);
	for (int si = 0; si < 2 && !err; si++)
		if ((err = compare_entities(s, si)) == 0 && wants(s, T_TERM) &&
		    (err = find_terms(s, si)) == 0)
			err = report_terms(s, si);
	return err;
}

/* Find the changes of the pair in the windows s->win.  Returns 0, RETRY,
 * ONE_WINDOW or RL_ENOMEM. */
static int detect_windows(rl_semantic *s)
{
	int err;

	s->retry = s->n_win > 1 || s->win[0].a1 < s->pair.a1;
	/* what a detector claims, later ones leave alone: dates go before
	 * numbers, modal verbs and names ("May 2026"), all go before terms */
	if ((err = prepare(s)) < 0 ||
	    (wants(s, ~T(NEGATION)) && (err = detect_dates(s)) != 0) ||
	    (wants(s, T(NUMBER) | T_TERM) && (err = detect_numbers(s)) != 0) ||
	    (wants(s, T(NEGATION) | T_TERM) &&
	     (err = detect_markers(s, &s->neg, IT_NEG, RL_CHANGE_NEGATION)) != 0) ||
	    (wants(s, T(MODALITY) | T_TERM) &&
	     (err = detect_markers(s, &s->mod, IT_MOD, RL_CHANGE_MODALITY)) != 0) ||
	    (wants(s, T_ENTITY | T_TERM) && (err = detect_names_and_terms(s)) < 0))
		return err;
	return 0;
}

int rl_semantic_detect(rl_change **v, size_t *n, size_t *cap, rl_semantic *s, const char *a,
                       size_t a0, size_t a1, const char *b, size_t b0, size_t b1,
                       const rl_edit *edits, size_t n_edits)
{
	size_t first = *n;
	int err;

	if (!s->types || a0 == a1 || b0 == b1)
		return 0;
	s->out = v;
	s->out_n = n;
	s->out_cap = cap;
	s->pair = (struct pair){a, b, a0, a1, b0, b1, edits, n_edits};
	s->n_win = 0;
	if (s->windows ? (err = find_windows(s)) < 0
	               : (err = add_window(s, a0, a1, (long)b0 - (long)a0, (long)b1 - (long)a1, 1,
	                                   -1)) < 0)
		return err;
	/* fewer, larger windows where the pair's text between them counts */
	while ((err = detect_windows(s)) > 0) {
		window *w = s->win, *last = &s->win[s->n_win - 1];

		*n = first;
		if (err == RETRY)
			*last = (window){last->a0, (uint32_t)a1, last->b0, (uint32_t)b1, last->state, -1};
		*w = (window){w->a0, last->a1, w->b0, last->b1, w->state, last->after};
		s->n_win = 1;
	}
	if (err < 0)
		return err;
	if (*n - first > 1)
		qsort(*v + first, *n - first, sizeof(rl_change), cmp_change);
	return 0;
}
