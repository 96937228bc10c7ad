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
 */
#include "semantic.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
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
} lexicon;

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
} word;

/* A word split at hyphens and apostrophes: "Frans-Nederlandse" has two. */
typedef struct part {
	uint32_t start, end;
	uint32_t word;
	uint32_t run;    /* a run is not broken by punctuation or numbers */
	uint32_t fold, fold_len; /* casefolded text in side.fold */
	uint64_t key;
	uint8_t cap, allcaps, alpha, claim;
} part;

typedef struct item {
	uint32_t w0, w1;     /* words; parts for entities and terms */
	uint32_t start, end; /* bytes */
	uint64_t key;
	int32_t hunk;
	uint32_t clause;
	int32_t value;       /* modality level; entity: 1 from the gazetteer; number: 1 weak */
	uint64_t shape;      /* numbers and dates: the text with every digit 0 */
	uint8_t changed, used;
	double weight;
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
	uint32_t *cl_first; /* the first word of every clause, and one past all */
	size_t n_cl, cl_cap;
	part *p;
	size_t np, p_cap;
	uint64_t *pkey;
	size_t pkey_cap;
	rl_buf fold;
	rl_map64 prefix;  /* the first four bytes of folded parts -> chain */
	uint32_t *prefix_next;
	size_t prefix_cap;
	int prefix_built;
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

struct rl_semantic {
	unsigned types;
	char decimal; /* the decimal separator of the languages, 0 when they differ */
	size_t n_langs;
	int cur;      /* the language being loaded, or LANG_ANY */
	char decimals[MAX_LANGS];
	rl_set64 evidence[MAX_LANGS]; /* its one-word entries and stopwords */
	size_t hits[MAX_LANGS];
	size_t words; /* words counted for the language */
	lexicon neg, mod, num, unit, date, gaz;
	rl_set64 stop, particles, ordinal_suffixes;
	rl_map64 df;  /* word key -> 1 + index in dfv */
	struct df_count {
		uint32_t last;  /* the last paragraph counted */
		uint32_t count; /* paragraphs holding the word */
	} *dfv;
	size_t n_dfv, dfv_cap;
	double n_paras;
	uint64_t k_http, k_https, k_ftp, k_www, u_pct, u_permille, u_ordinal;
	side sd[2];
	espan *es;
	size_t n_es, es_cap;
	uint32_t *ix[2];  /* per side, the edits that hold text there */
	size_t n_ix[2], ix_cap[2];
	uint32_t start[2], end[2]; /* the ranges of the pair */
	rl_tokens tmp, ta, tb;
	rl_buf buf;
	rl_change **out;
	size_t *out_n, *out_cap;
};

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

/* Keys of the words of phrase p[0..len), tokenized as text is: non-space
 * tokens, or their parts when `parts`.  Returns the count (at most `max`,
 * -1 when longer) or RL_ENOMEM. */
static int phrase_keys(rl_semantic *s, const char *p, size_t len, int parts, uint64_t *keys,
                       size_t max)
{
	size_t n = 0;

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

/* Append the canonical form of a group times 10^mult: "1987e0", or the text
 * itself ("L4,256") when its value cannot be told.  Fails with RL_ENOMEM. */
static int canon_group(rl_buf *out, const char *g, size_t len, char decimal, int mult)
{
	char digits[64];
	int exp;

	if (group_value(g, len, decimal, digits, sizeof(digits), &exp) < 0)
		return rl_buf_printf(out, "L%.*s", (int)len, g);
	return rl_buf_printf(out, "%se%d", digits, digits[0] == '0' ? 0 : exp + mult);
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

/* "Frankrijk | France | Franse": names of one entity */
static int line_gazetteer(rl_semantic *s, lexicon *lx, char *lhs, char *rhs)
{
	uint64_t id = rl_hash(lhs, strlen(lhs), 0x67617a);
	char *name = lhs, *bar;
	int err = 0;

	(void)rhs;
	do {
		lex_entry e;

		if ((bar = strstr(name, " | ")))
			*bar = '\0';
		if ((err = entry_init(s, &e, name, 1)) < 0)
			return err;
		e.vkey = id;
		if ((err = lex_add(lx, &e)) < 0)
			return err;
		name = bar + 3;
	} while (bar);
	return 0;
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

static void use_languages(rl_semantic *s, uint32_t langs)
{
	lexicon *lx[] = {&s->neg, &s->mod, &s->num, &s->unit, &s->date, &s->gaz};

	for (size_t i = 0; i < sizeof(lx) / sizeof(lx[0]); i++)
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
	if ((err = load_gazetteer(s)) < 0)
		return err;
	return found > 0;
}

/* ---- rarity -------------------------------------------------------------- */

/* Count one more paragraph, numbered `stamp`, holding word `key`. */
static int count_df(rl_semantic *s, uint64_t key, uint32_t stamp)
{
	uint32_t *slot = rl_map64_slot(&s->df, key);

	if (!slot)
		return RL_ENOMEM;
	if (!*slot) {
		if (rl_grow(&s->dfv, &s->dfv_cap, s->n_dfv + 1, sizeof(*s->dfv)) < 0)
			return RL_ENOMEM;
		s->dfv[s->n_dfv].last = 0;
		s->dfv[s->n_dfv].count = 0;
		*slot = (uint32_t)++s->n_dfv;
	}
	if (s->dfv[*slot - 1].last != stamp) {
		s->dfv[*slot - 1].last = stamp;
		s->dfv[*slot - 1].count++;
	}
	return 0;
}

/* For every word part, count the paragraphs of `d` that hold it (when
 * `df`); and for every language, the words of `d` among its entries. */
static int count_words(rl_semantic *s, const rl_doc *d, int df)
{
	s->words = 0;
	for (size_t i = 0; d && i < d->n_paras && (df || s->words < LANG_SAMPLE); i++) {
		uint32_t stamp = (uint32_t)++s->n_paras;

		s->tmp.n = 0;
		if (rl_text_tokenize(&s->tmp, d->data, d->paras[i].start, d->paras[i].end) < 0)
			return RL_ENOMEM;
		for (size_t k = 0; k < s->tmp.n; k++) {
			const rl_token *t = &s->tmp.v[k];
			uint32_t j = t->start, ps, pe;

			if (t->kind != RL_TOK_WORD)
				continue;
			/* a few thousand words tell the language */
			for (size_t l = 0; l < s->n_langs && s->words < LANG_SAMPLE; l++)
				s->hits[l] += rl_set64_has(&s->evidence[l], t->key);
			s->words++;
			if (!df)
				continue;
			if ((t->flags & RL_TOKF_ASCII) && t->end - t->start <= 128 &&
			    !memchr(d->data + t->start, '-', t->end - t->start) &&
			    !memchr(d->data + t->start, '\'', t->end - t->start)) {
				if (count_df(s, t->key, stamp) < 0)
					return RL_ENOMEM;
				continue;
			}
			while (next_part(d->data, &j, t->end, &ps, &pe))
				if (count_df(s, rl_text_key_hash(d->data + ps, pe - ps), stamp) < 0)
					return RL_ENOMEM;
		}
	}
	return 0;
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
	const uint32_t *slot = rl_map64_get(&s->df, key);
	double n = s->n_paras > 0 ? s->n_paras : 1;
	uint32_t df = slot && *slot ? s->dfv[*slot - 1].count : 1;

	return log(1.0 + n / (df ? df : 1));
}

/* ---- lifetime ------------------------------------------------------------ */

int rl_semantic_new(rl_semantic **out, const char *lang, unsigned types, const rl_doc *a,
                    const rl_doc *b)
{
	rl_semantic *s = rl_calloc(1, sizeof(*s));
	int err = 0, alone, df;

	*out = NULL;
	if (!s)
		return RL_ENOMEM;
	s->types = types;
	if (!types) {
		*out = s;
		return 0;
	}
	s->k_http = rl_text_key_hash("http", 4);
	s->k_https = rl_text_key_hash("https", 5);
	s->k_ftp = rl_text_key_hash("ftp", 3);
	s->k_www = rl_text_key_hash("www", 3);
	s->u_pct = rl_text_key_hash("%", 1);
	s->u_permille = rl_text_key_hash("\xe2\x80\xb0", 3);
	s->u_ordinal = rl_text_key_hash("#ordinal", 8);
	if ((alone = load_all(s, lang)) < 0) {
		err = alone;
		goto done;
	}
	df = (types & (1u << RL_CHANGE_TERM_ADDED | 1u << RL_CHANGE_TERM_REMOVED)) != 0;
	if ((err = count_words(s, a, df)) < 0 || (err = count_words(s, b, df)) < 0)
		goto done;
	if (!alone && s->n_langs > 1)
		choose_language(s);
	*out = s;
	s = NULL;
done:
	rl_semantic_free(s);
	return err;
}

static void side_free(side *sd)
{
	free(sd->w);
	free(sd->key);
	free(sd->cl_first);
	free(sd->p);
	free(sd->pkey);
	rl_buf_free(&sd->fold);
	rl_map64_free(&sd->prefix);
	free(sd->prefix_next);
	rl_set64_free(&sd->present);
	rl_set64_free(&sd->ents);
	for (int i = 0; i < IT_COUNT; i++)
		free(sd->it[i].v);
}

void rl_semantic_free(rl_semantic *s)
{
	if (!s)
		return;
	lex_free(&s->neg);
	lex_free(&s->mod);
	lex_free(&s->num);
	lex_free(&s->unit);
	lex_free(&s->date);
	lex_free(&s->gaz);
	rl_set64_free(&s->stop);
	rl_set64_free(&s->particles);
	rl_set64_free(&s->ordinal_suffixes);
	for (size_t l = 0; l < MAX_LANGS; l++)
		rl_set64_free(&s->evidence[l]);
	rl_map64_free(&s->df);
	free(s->dfv);
	side_free(&s->sd[0]);
	side_free(&s->sd[1]);
	free(s->es);
	free(s->ix[0]);
	free(s->ix[1]);
	rl_tokens_free(&s->tmp);
	rl_tokens_free(&s->ta);
	rl_tokens_free(&s->tb);
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

static int push_word(side *sd, const rl_token *t, uint8_t space, uint32_t clause)
{
	word *w;

	if (rl_grow(&sd->w, &sd->w_cap, sd->n + 1, sizeof(word)) < 0 ||
	    rl_grow(&sd->key, &sd->key_cap, sd->n + 1, sizeof(uint64_t)) < 0)
		return RL_ENOMEM;
	w = &sd->w[sd->n];
	memset(w, 0, sizeof(*w));
	w->start = t->start;
	w->end = t->end;
	w->kind = t->kind;
	w->flags = t->flags;
	w->space = space;
	w->clause = clause;
	w->hunk = -1;
	sd->key[sd->n++] = t->key;
	return 0;
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

/* Words of a side with their sentence starts and clauses. */
static int read_side(side *sd, const char *text, const rl_tokens *t)
{
	int at_start = 1, line_start = 1;
	uint32_t clause = 0;
	uint8_t space = 0;

	sd->text = text;
	sd->n = sd->np = 0;
	for (size_t k = 0; k < t->n; k++) {
		const rl_token *tok = &t->v[k];
		word *w;
		uint32_t cp;

		if (tok->kind == RL_TOK_SPACE) {
			space = tok->flags & RL_TOKF_BLANK ? 2 : 1;
			line_start |= (tok->flags & RL_TOKF_NEWLINE) != 0;
			if (space == 2) {
				at_start = 1;
				clause++;
			}
			continue;
		}
		if (push_word(sd, tok, space, clause) < 0)
			return RL_ENOMEM;
		w = &sd->w[sd->n - 1];
		space = 0;
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

/* Pair items of equal value wherever they are; pair and report what is
 * left over inside one hunk; report the rest as present on one side. */
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
	const char *t;
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
	t = sd->text + sd->w[j].start;
	len = (int)(sd->w[j].end - sd->w[j].start);
	if (len > 5 || sscanf(t, "%2d-%2d", &a, &b) != 2 || !is_day(a) || !is_day(b) || a >= b)
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
	return lex_match(&s->date, sd->key + j, sd->n - j, len);
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
	const char *t;
	int a, b, c, n, len;
	char s1, s2;

	if (j >= sd->n || sd->w[j].kind != RL_TOK_NUMBER || sd->w[j].claim & CL_URL)
		return 0;
	t = sd->text + sd->w[j].start;
	len = (int)(sd->w[j].end - sd->w[j].start);
	if (len < 6 || len > 10)
		return 0;
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
	if ((j + 1 < sd->n && (lex_match(&s->unit, sd->key + j + 1, sd->n - j - 1, &len) ||
	                       lex_match(&s->num, sd->key + j + 1, sd->n - j - 1, &len))) ||
	    (j > 0 && lex_match(&s->unit, sd->key + j - 1, 1, &len)))
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

/* Find the dates of a side and claim their words. */
static int find_dates(rl_semantic *s, side *sd)
{
	for (size_t j = 0; j < sd->n; j++) {
		size_t end;
		dval v;
		uint64_t key;

		if (sd->w[j].kind == RL_TOK_PUNCT || !date_at(s, sd, j, &end, &v))
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
	if ((err = compare_values(s, IT_DATE, RL_CHANGE_DATE)) < 0)
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

static int has_digit(const side *sd, size_t j)
{
	for (uint32_t i = sd->w[j].start; i < sd->w[j].end; i++)
		if (is_digit(sd->text[i]))
			return 1;
	return 0;
}

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

	if (sd->w[j].kind != RL_TOK_WORD || !(e = lex_match(&s->num, sd->key + j, sd->n - j, len)))
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

	if (sd->w[j].kind != RL_TOK_NUMBER && !(sd->w[j].kind == RL_TOK_WORD && has_digit(sd, j)) &&
	    !(e = number_word(s, sd, j, &len)))
		return 0;
	k = j + len;
	if (sd->w[j].kind != RL_TOK_WORD || e) {
		if (usable(sd, k) && (m = lex_match(&s->num, sd->key + k, sd->n - k, &len)) &&
		    (m->flags & LEXF_MULT))
			k += len;
		else
			m = NULL;
	}
	if (usable(sd, k) && (u = lex_match(&s->unit, sd->key + k, sd->n - k, &len))) {
		unit = u->vkey;
		k += len;
	} else if (j > 0 && usable(sd, j - 1) && (u = lex_match(&s->unit, sd->key + j - 1, 1, &len))) {
		unit = u->vkey;
		first = j - 1;
	}
	s->buf.len = 0;
	if (e)
		err = rl_buf_printf(&s->buf, "%se%d", e->digits,
		                    e->digits[0] == '0' ? 0 : e->exp + (m ? m->exp : 0));
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

static int detect_numbers(rl_semantic *s)
{
	for (int si = 0; si < 2; si++) {
		side *sd = &s->sd[si];

		for (size_t j = 0; j < sd->n; j++) {
			int r;

			if (!usable(sd, j))
				continue;
			if ((r = number_at(s, sd, j)) < 0)
				return r;
		}
	}
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
		    !(e = lex_match(lx, sd->key + j, sd->n - j, &len)))
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

static int detect_markers(rl_semantic *s, const lexicon *lx, int kind, rl_change_type type)
{
	int err;

	for (int si = 0; si < 2; si++)
		if ((err = find_markers(&s->sd[si], lx, kind)) < 0)
			return err;
	return compare_markers(s, kind, type);
}

/* ---- parts: words split at hyphens and apostrophes ----------------------- */

static void part_case(const char *s, part *p)
{
	size_t i = p->start;
	int letters = 0, lower = 0, first = 1;

	p->alpha = 1;
	while (i < p->end) {
		uint32_t cp = rl_text_next(s, p->end, &i);

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

static int add_part(side *sd, size_t j, uint32_t ps, uint32_t pe, uint32_t run, uint64_t key)
{
	part *p;
	size_t mark = sd->fold.len;

	if (rl_grow(&sd->p, &sd->p_cap, sd->np + 1, sizeof(part)) < 0 ||
	    rl_grow(&sd->pkey, &sd->pkey_cap, sd->np + 1, sizeof(uint64_t)) < 0 ||
	    rl_text_fold(&sd->fold, sd->text + ps, pe - ps) < 0)
		return RL_ENOMEM;
	p = &sd->p[sd->np];
	memset(p, 0, sizeof(*p));
	p->start = ps;
	p->end = pe;
	p->word = (uint32_t)j;
	p->run = run;
	p->fold = (uint32_t)mark;
	p->fold_len = (uint32_t)(sd->fold.len - mark);
	p->claim = sd->w[j].claim;
	part_case(sd->text, p);
	sd->pkey[sd->np++] = key ? key : rl_text_key_hash(sd->text + ps, pe - ps);
	return 0;
}

/* Split the words of a side into parts; punctuation, numbers and blank
 * lines end a run, except a hyphen that ends a line ("samen-\nwerking"). */
static int build_parts(side *sd)
{
	uint32_t run = 0;

	sd->fold.len = 0;
	sd->prefix_built = 0;
	for (size_t j = 0; j < sd->n; j++) {
		uint32_t i = sd->w[j].start, ps, pe;

		if (sd->w[j].space == 2)
			run++;
		if (sd->w[j].kind != RL_TOK_WORD) {
			if (!(is_punct(sd, j, '-') && !sd->w[j].space && j + 1 < sd->n && sd->w[j + 1].space))
				run++;
			continue;
		}
		/* a plain ASCII word is one part with the word's key */
		if ((sd->w[j].flags & RL_TOKF_ASCII) && sd->w[j].end - i <= 128 &&
		    !memchr(sd->text + i, '-', sd->w[j].end - i) &&
		    !memchr(sd->text + i, '\'', sd->w[j].end - i)) {
			if (add_part(sd, j, i, sd->w[j].end, run, sd->key[j]) < 0)
				return RL_ENOMEM;
			continue;
		}
		while (next_part(sd->text, &i, sd->w[j].end, &ps, &pe))
			if (add_part(sd, j, ps, pe, run, 0) < 0)
				return RL_ENOMEM;
	}
	return 0;
}

static uint64_t gram(const uint64_t *k, size_t n)
{
	uint64_t h = 0x6e6772616d;

	for (size_t i = 0; i < n; i++)
		h = rl_hash_mix(h, k[i]);
	return h;
}

/* The key of parts i and i+1 written as one word ("samen werking" and
 * "samenwerking"), or 0 when they are not neighbours.  Fails only on
 * memory exhaustion, returning 0. */
static uint64_t joined(rl_semantic *s, const side *sd, size_t i)
{
	const part *a = &sd->p[i], *b = &sd->p[i + 1];

	if (a->run != b->run)
		return 0;
	s->buf.len = 0;
	if (rl_buf_put(&s->buf, sd->fold.data + a->fold, a->fold_len) < 0 ||
	    rl_buf_put(&s->buf, sd->fold.data + b->fold, b->fold_len) < 0)
		return 0;
	return gram(&(uint64_t){rl_text_key_hash(s->buf.data, s->buf.len)}, 1);
}

/* What a side holds, for presence tests: its parts, and the runs of parts
 * that start with a capital. */
static int build_present(side *sd)
{
	rl_set64_free(&sd->present);
	for (size_t i = 0; i < sd->np; i++) {
		if (rl_set64_add(&sd->present, gram(sd->pkey + i, 1)) < 0)
			return RL_ENOMEM;
		/* longer names start with a capital (a lower-case start on the
		 * other side still has every word of the name) */
		for (size_t n = 2; sd->p[i].cap && n <= NGRAM_MAX && i + n <= sd->np; n++) {
			if (sd->p[i + n - 1].run != sd->p[i].run)
				break;
			if (rl_set64_add(&sd->present, gram(sd->pkey + i, n)) < 0)
				return RL_ENOMEM;
		}
	}
	return 0;
}

/* Is part i of `a` in `b` as two words ("samenwerking", "samen werking")?
 * Cannot fail. */
static int split_present(const side *a, size_t i, const rl_set64 *b)
{
	const char *x = a->fold.data + a->p[i].fold;
	size_t len = a->p[i].fold_len;

	for (size_t k = 2; k + 2 <= len; k++) {
		if ((x[k] & 0xc0) == 0x80)
			continue; /* inside a character */
		if (rl_set64_has(b, gram(&(uint64_t){rl_text_key_hash(x, k)}, 1)) &&
		    rl_set64_has(b, gram(&(uint64_t){rl_text_key_hash(x + k, len - k)}, 1)))
			return 1;
	}
	return 0;
}

/* Is part i of side si on the other side, as it is, joined with a
 * neighbour, or split in two? */
static int part_present(rl_semantic *s, int si, size_t i)
{
	const side *a = &s->sd[si];
	const rl_set64 *b = &s->sd[1 - si].present;
	uint64_t j;

	if (rl_set64_has(b, gram(a->pkey + i, 1)))
		return 1;
	if (i > 0 && (j = joined(s, a, i - 1)) && rl_set64_has(b, j))
		return 1;
	if (i + 1 < a->np && (j = joined(s, a, i)) && rl_set64_has(b, j))
		return 1;
	return split_present(a, i, b);
}

/* Chain the parts of a side by the first four bytes of their folded text. */
static int index_prefixes(side *sd)
{
	rl_map64_free(&sd->prefix);
	if (rl_grow(&sd->prefix_next, &sd->prefix_cap, sd->np + 1, sizeof(uint32_t)) < 0)
		return RL_ENOMEM;
	for (size_t k = sd->np; k-- > 0;) {
		uint32_t *slot;

		if (sd->p[k].fold_len < 4)
			continue;
		if (!(slot = rl_map64_slot(&sd->prefix, rl_hash(sd->fold.data + sd->p[k].fold, 4, 4))))
			return RL_ENOMEM;
		sd->prefix_next[k] = *slot;
		*slot = (uint32_t)k + 1;
	}
	sd->prefix_built = 1;
	return 0;
}

/* Is part i of side si on the other side in another inflection: a word
 * sharing a prefix of four letters or more that leaves at most four
 * letters of either ("maaien", "maait")?  Returns 1, 0 or RL_ENOMEM. */
static int inflection_present(rl_semantic *s, int si, size_t i)
{
	const side *a = &s->sd[si];
	side *b = &s->sd[1 - si];
	const char *x = a->fold.data + a->p[i].fold;
	size_t lx = a->p[i].fold_len;
	uint32_t *k;

	if (lx < 4)
		return 0;
	if (!b->prefix_built && index_prefixes(b) < 0)
		return RL_ENOMEM;
	if (!(k = rl_map64_get(&b->prefix, rl_hash(x, 4, 4))))
		return 0;
	for (uint32_t j = *k; j; j = b->prefix_next[j - 1]) {
		const char *y = b->fold.data + b->p[j - 1].fold;
		size_t ly = b->p[j - 1].fold_len, cp = 0, longest = lx > ly ? lx : ly;

		while (cp < lx && cp < ly && x[cp] == y[cp])
			cp++;
		if (cp >= 4 && cp + 4 >= longest)
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

/* Report the entities of side si that the other side lacks.  A name the
 * other side holds in part is narrowed to the parts it lacks ("Minister
 * Hoekstra" -> "Hoekstra"). */
static int compare_entities(rl_semantic *s, int si)
{
	side *a = &s->sd[si], *b = &s->sd[1 - si];
	const items *E = &a->it[IT_ENT];
	rl_change_type type = si ? RL_CHANGE_ENTITY_ADDED : RL_CHANGE_ENTITY_REMOVED;
	rl_set64 seen = RL_SET64_INIT;
	int err = 0;

	for (size_t i = 0; i < E->n && !err; i++) {
		const item *x = &E->v[i];
		size_t n = x->w1 - x->w0, f = SIZE_MAX, l = 0;

		if ((err = rl_set64_add(&seen, x->key)) <= 0) /* reported already, or RL_ENOMEM */
			continue;
		err = 0;
		if (rl_set64_has(&b->ents, x->key) ||
		    (n <= NGRAM_MAX && rl_set64_has(&b->present, gram(a->pkey + x->w0, n))))
			continue;
		for (size_t k = x->w0; k < x->w1; k++)
			if (!part_present(s, si, k)) {
				f = f < k ? f : k;
				l = k;
			}
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
		item *x;

		if (p->claim || !p->alpha || rl_text_count(a->text + p->start, p->end - p->start) < 3 ||
		    rl_set64_has(&s->stop, a->pkey[i]) || rl_set64_has(&seen, a->pkey[i]) ||
		    part_present(s, si, i))
			continue;
		if ((err = inflection_present(s, si, i)) != 0) {
			err = err < 0 ? err : 0;
			continue;
		}
		if (rl_set64_add(&seen, a->pkey[i]) < 0 || !(x = push_item(T, i, i + 1, p->start, p->end, a->pkey[i])))
			err = RL_ENOMEM;
		else
			x->weight = rarity(s, x->key);
	}
	rl_set64_free(&seen);
	return err;
}

/* Report the rarest few of them, rarest first, in text order on ties. */
static int report_terms(rl_semantic *s, int si)
{
	items *T = &s->sd[si].it[IT_TERM];
	rl_change_type type = si ? RL_CHANGE_TERM_ADDED : RL_CHANGE_TERM_REMOVED;
	int err = 0;

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

static int prepare(rl_semantic *s, const char *a, const rl_tokens *ta, const char *b,
                   const rl_tokens *tb, const rl_edit *edits, size_t n_edits)
{
	int err;

	for (int si = 0; si < 2; si++) {
		for (int k = 0; k < IT_COUNT; k++)
			s->sd[si].it[k].n = 0;
		rl_set64_free(&s->sd[si].ents);
	}
	if ((err = read_side(&s->sd[0], a, ta)) < 0 || (err = read_side(&s->sd[1], b, tb)) < 0 ||
	    (err = place_edits(s, a, edits, n_edits, ta->v[0].start, tb->v[0].start)) < 0)
		return err;
	for (int si = 0; si < 2; si++) {
		mark_changed(s, si);
		mark_urls(s, &s->sd[si]);
	}
	return 0;
}

#define T(t) (1u << RL_CHANGE_##t)
#define T_ENTITY (T(ENTITY_ADDED) | T(ENTITY_REMOVED))
#define T_TERM (T(TERM_ADDED) | T(TERM_REMOVED))

static int wants(const rl_semantic *s, unsigned types)
{
	return (s->types & types) != 0;
}

static int detect_names_and_terms(rl_semantic *s)
{
	int err = 0;

	for (int si = 0; si < 2 && !err; si++)
		if ((err = build_parts(&s->sd[si])) == 0)
			err = build_present(&s->sd[si]);
	for (int si = 0; si < 2 && !err; si++)
		if ((err = find_gazetteer(s, &s->sd[si])) == 0)
			err = find_names(s, &s->sd[si]);
	for (int si = 0; si < 2 && !err; si++)
		if ((err = compare_entities(s, si)) == 0 && wants(s, T_TERM) &&
		    (err = find_terms(s, si)) == 0)
			err = report_terms(s, si);
	return err;
}

int rl_semantic_detect(rl_change **v, size_t *n, size_t *cap, rl_semantic *s, const char *a,
                       size_t a0, size_t a1, const char *b, size_t b0, size_t b1,
                       const rl_edit *edits, size_t n_edits)
{
	size_t first = *n;
	int err;

	if (!s->types)
		return 0;
	s->ta.n = s->tb.n = 0;
	if (rl_text_tokenize(&s->ta, a, a0, a1) < 0 || rl_text_tokenize(&s->tb, b, b0, b1) < 0)
		return RL_ENOMEM;
	if (!s->ta.n || !s->tb.n)
		return 0;
	s->out = v;
	s->out_n = n;
	s->out_cap = cap;
	/* what a detector claims, later ones leave alone: dates go before
	 * numbers, modal verbs and names ("May 2026"), all go before terms */
	if ((err = prepare(s, a, &s->ta, b, &s->tb, edits, n_edits)) < 0 ||
	    (wants(s, ~T(NEGATION)) && (err = detect_dates(s)) < 0) ||
	    (wants(s, T(NUMBER) | T_TERM) && (err = detect_numbers(s)) < 0) ||
	    (wants(s, T(NEGATION) | T_TERM) &&
	     (err = detect_markers(s, &s->neg, IT_NEG, RL_CHANGE_NEGATION)) < 0) ||
	    (wants(s, T(MODALITY) | T_TERM) &&
	     (err = detect_markers(s, &s->mod, IT_MOD, RL_CHANGE_MODALITY)) < 0) ||
	    (wants(s, T_ENTITY | T_TERM) && (err = detect_names_and_terms(s)) < 0))
		return err;
	if (*n - first > 1)
		qsort(*v + first, *n - first, sizeof(rl_change), cmp_change);
	return 0;
}
