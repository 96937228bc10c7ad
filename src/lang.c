/*
 * lang — finds the data directory and loads per-language word lists.
 * Lists shared by all languages (abbreviations) are loaded once, on first
 * use, under pthread_once so that concurrent callers see one copy.
 */
#include "lang.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libstemmer.h>

#include "text.h"

#ifndef RL_DATADIR
#define RL_DATADIR "/usr/local/share/redline"
#endif

static char datadir[PATH_MAX];
static pthread_once_t datadir_once = PTHREAD_ONCE_INIT;

static int is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int try_dir(const char *base, const char *rel)
{
	char p[PATH_MAX], probe[PATH_MAX + 8];

	if (snprintf(p, sizeof(p), "%s/%s", base, rel) >= (int)sizeof(p))
		return 0;
	if (snprintf(probe, sizeof(probe), "%s/lang", p) >= (int)sizeof(probe) || !is_dir(probe))
		return 0;
	if (!realpath(p, datadir))
		snprintf(datadir, sizeof(datadir), "%s", p);
	return 1;
}

/* Cut `path` at its last slash; 0 when it has none. */
static int dirname_in_place(char *path)
{
	char *slash = strrchr(path, '/');

	if (!slash)
		return 0;
	*slash = '\0';
	return 1;
}

/* An installed copy keeps its data in PREFIX/share/redline, beside
 * PREFIX/bin and PREFIX/lib, so the shared library holding this code (when
 * it is one) and the program are asked first; a build tree keeps it in
 * data/ one to three levels above the binaries (build/, build/asan/tests/). */
static void find_datadir(void)
{
	const char *env = getenv("REDLINE_DATA");
	char exe[PATH_MAX], lib[PATH_MAX];
	Dl_info info;
	ssize_t n;

	if (env && *env) {
		snprintf(datadir, sizeof(datadir), "%s", env);
		return;
	}
	if (dladdr((void *)find_datadir, &info) && info.dli_fname && info.dli_fname[0] == '/' &&
	    realpath(info.dli_fname, lib) && dirname_in_place(lib) && try_dir(lib, "../share/redline"))
		return;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if (dirname_in_place(exe) &&
		    (try_dir(exe, "../share/redline") || try_dir(exe, "data") || try_dir(exe, "../data") ||
		     try_dir(exe, "../../data") || try_dir(exe, "../../../data")))
			return;
	}
	snprintf(datadir, sizeof(datadir), "%s", RL_DATADIR);
}

const char *rl_lang_datadir(void)
{
	pthread_once(&datadir_once, find_datadir);
	return datadir;
}

int rl_lang_load_list(rl_set64 *set, const char *code, const char *list)
{
	char path[PATH_MAX], line[1024];
	FILE *f;
	int err = 0;

	if (snprintf(path, sizeof(path), "%s/lang/%s/%s.txt", rl_lang_datadir(), code, list) >=
	    (int)sizeof(path))
		return rl_error_set(RL_EIO, "data path too long");
	f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		return rl_error_set(RL_EIO, "%s: cannot open: %s", path, strerror(errno));
	}
	while (fgets(line, sizeof(line), f)) {
		size_t len = strcspn(line, "#\r\n");

		while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
			len--;
		if (!len)
			continue;
		if (rl_text_validate(line, len, &(size_t){0}) < 0) {
			err = rl_error_set(RL_EINVALID, "%s: invalid UTF-8", path);
			break;
		}
		if (rl_set64_add(set, rl_text_key_hash(line, len)) < 0) {
			err = RL_ENOMEM;
			break;
		}
	}
	fclose(f);
	return err < 0 ? err : 1;
}

static const char **codes;
static pthread_once_t codes_once = PTHREAD_ONCE_INIT;
static const char *no_codes[1] = {NULL};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void load_codes(void)
{
	char path[PATH_MAX];
	DIR *d;
	struct dirent *e;
	size_t n = 0, cap = 0;
	const char **v = NULL;

	if (snprintf(path, sizeof(path), "%s/lang", rl_lang_datadir()) >= (int)sizeof(path))
		return;
	d = opendir(path);
	if (!d)
		return;
	while ((e = readdir(d))) {
		char *c;

		if (e->d_name[0] == '.' || strlen(e->d_name) > 16)
			continue;
		if (rl_grow(&v, &cap, n + 2, sizeof(*v)) < 0 || !(c = rl_strdup(e->d_name)))
			break;
		v[n++] = c;
	}
	closedir(d);
	if (v) {
		qsort(v, n, sizeof(*v), cmp_str);
		v[n] = NULL;
		codes = v;
	}
}

const char *const *rl_lang_codes(void)
{
	pthread_once(&codes_once, load_codes);
	return codes ? codes : no_codes;
}

static rl_set64 abbreviations = RL_SET64_INIT;
static pthread_once_t abbr_once = PTHREAD_ONCE_INIT;

static void load_abbreviations(void)
{
	for (const char *const *c = rl_lang_codes(); *c; c++)
		rl_lang_load_list(&abbreviations, *c, "abbreviations");
}

int rl_lang_is_abbreviation(const char *s, size_t len)
{
	pthread_once(&abbr_once, load_abbreviations);
	return rl_set64_has(&abbreviations, rl_text_key_hash(s, len));
}

/* ---- language profiles ------------------------------------------------ */

/* Snowball algorithm names with their ISO 639-1 and 639-2 codes. */
static const struct {
	const char *algo, *code, *code3, *code3b;
} snowball[] = {
	{"arabic", "ar", "ara", NULL},     {"armenian", "hy", "hye", "arm"},
	{"basque", "eu", "eus", "baq"},    {"catalan", "ca", "cat", NULL},
	{"danish", "da", "dan", NULL},     {"dutch", "nl", "nld", "dut"},
	{"english", "en", "eng", NULL},    {"finnish", "fi", "fin", NULL},
	{"french", "fr", "fra", "fre"},    {"german", "de", "deu", "ger"},
	{"greek", "el", "ell", "gre"},     {"hindi", "hi", "hin", NULL},
	{"hungarian", "hu", "hun", NULL},  {"indonesian", "id", "ind", NULL},
	{"irish", "ga", "gle", NULL},      {"italian", "it", "ita", NULL},
	{"lithuanian", "lt", "lit", NULL}, {"nepali", "ne", "nep", NULL},
	{"norwegian", "no", "nor", NULL},  {"portuguese", "pt", "por", NULL},
	{"romanian", "ro", "ron", "rum"},  {"russian", "ru", "rus", NULL},
	{"serbian", "sr", "srp", NULL},    {"spanish", "es", "spa", NULL},
	{"swedish", "sv", "swe", NULL},    {"tamil", "ta", "tam", NULL},
	{"turkish", "tr", "tur", NULL},    {"yiddish", "yi", "yid", NULL},
};

struct rl_lang {
	char code[8];
	struct sb_stemmer *stemmer;
	rl_set64 stopwords;
	const rl_set64 *words; /* word list for splitting compounds (shared,
	                          loaded once per language); NULL: none */
};

/* Languages that write compounds as one word. */
static const char *const compounding[] = {"nl", "de", "da", "sv", "no", "fi", NULL};

/* Load the base forms of a hunspell dictionary ("word/FLAGS" lines; the
 * first line is a count) or a plain word list into `set`, casefolded.
 * Returns 1 when loaded, 0 when the file is missing. */
static int load_words(rl_set64 *set, const char *path)
{
	char line[512];
	FILE *f = fopen(path, "r");
	int err = 0;

	if (!f)
		return errno == ENOENT ? 0 : rl_error_set(RL_EIO, "%s: cannot open: %s", path,
		                                          strerror(errno));
	while (!err && fgets(line, sizeof(line), f)) {
		size_t len = strcspn(line, "/\t\r\n#");

		if (len < 3 || rl_text_validate(line, len, &(size_t){0}) < 0)
			continue;
		if (rl_set64_add(set, rl_text_key_hash(line, len)) < 0)
			err = RL_ENOMEM;
	}
	fclose(f);
	return err < 0 ? err : 1;
}

/* Word lists are large (the Dutch one has 180,000 words): each language's
 * is loaded once, on first use, and shared by every profile, read-only. */
static struct {
	char code[8];
	rl_set64 set;
} word_lists[8];
static size_t n_word_lists;
static pthread_mutex_t word_lists_lock = PTHREAD_MUTEX_INITIALIZER;

static int load_word_list(rl_set64 *set, const char *code)
{
	char path[PATH_MAX];
	int r = 0;

	if (snprintf(path, sizeof(path), "%s/lang/%s/words.txt", rl_lang_datadir(), code) <
	    (int)sizeof(path))
		r = load_words(set, path);
	if (r == 0) {
		snprintf(path, sizeof(path), "/usr/share/hunspell/%s.dic", code);
		r = load_words(set, path);
	}
	return r < 0 ? r : 0;
}

static int load_compound_words(rl_lang *l)
{
	const char *const *c;
	size_t k;
	int err = 0;

	for (c = compounding; *c && strcmp(*c, l->code); c++)
		;
	if (!*c)
		return 0;
	pthread_mutex_lock(&word_lists_lock);
	for (k = 0; k < n_word_lists && strcmp(word_lists[k].code, l->code); k++)
		;
	if (k == n_word_lists && k < sizeof(word_lists) / sizeof(word_lists[0])) {
		rl_set64 set = RL_SET64_INIT;
		if ((err = load_word_list(&set, l->code)) < 0) {
			rl_set64_free(&set);
		} else {
			snprintf(word_lists[k].code, sizeof(word_lists[k].code), "%s", l->code);
			word_lists[k].set = set;
			n_word_lists++;
		}
	}
	if (k < n_word_lists && word_lists[k].set.n)
		l->words = &word_lists[k].set;
	pthread_mutex_unlock(&word_lists_lock);
	return err;
}

static int find_snowball(const char *name)
{
	for (size_t i = 0; i < sizeof(snowball) / sizeof(snowball[0]); i++)
		if (!strcmp(name, snowball[i].algo) || !strcmp(name, snowball[i].code) ||
		    !strcmp(name, snowball[i].code3) ||
		    (snowball[i].code3b && !strcmp(name, snowball[i].code3b)))
			return (int)i;
	return -1;
}

int rl_lang_open(rl_lang **out, const char *name)
{
	rl_lang *l;
	char lower[32];
	size_t n = strlen(name);
	int k, err;

	*out = NULL;
	if (n == 0 || n >= sizeof(lower))
		return rl_error_set(RL_EINVALID, "unknown language '%s'", name);
	for (size_t i = 0; i <= n; i++)
		lower[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
	if (!(l = rl_calloc(1, sizeof(*l))))
		return RL_ENOMEM;
	if (!strcmp(lower, "none")) {
		strcpy(l->code, "none");
		*out = l;
		return 0;
	}
	if ((k = find_snowball(lower)) < 0) {
		free(l);
		return rl_error_set(RL_EINVALID, "unknown language '%s' (Snowball languages such as "
		                    "nl, en, de, fr, or none)", name);
	}
	strcpy(l->code, snowball[k].code);
	if (!(l->stemmer = sb_stemmer_new(snowball[k].algo, NULL))) {
		free(l);
		return rl_error_set(RL_ENOMEM, "cannot create the %s stemmer", snowball[k].algo);
	}
	if ((err = rl_lang_load_list(&l->stopwords, l->code, "stopwords")) < 0 ||
	    (err = load_compound_words(l)) < 0) {
		rl_lang_free(l);
		return err;
	}
	*out = l;
	return 0;
}

void rl_lang_free(rl_lang *l)
{
	if (!l)
		return;
	sb_stemmer_delete(l->stemmer);
	rl_set64_free(&l->stopwords);
	free(l);
}

const char *rl_lang_code(const rl_lang *l)
{
	return l->code;
}

int rl_lang_is_stopword(const rl_lang *l, uint64_t key)
{
	return rl_set64_has(&l->stopwords, key);
}

const char *rl_lang_stem(rl_lang *l, const char *w, size_t len, size_t *out_len)
{
	const sb_symbol *s;

	*out_len = len;
	if (!l->stemmer || len > INT_MAX)
		return w;
	s = sb_stemmer_stem(l->stemmer, (const sb_symbol *)w, (int)len);
	if (!s)
		return w;
	*out_len = (size_t)sb_stemmer_length(l->stemmer);
	return (const char *)s;
}

#define MIN_PART 4   /* bytes in a part of a compound */

/* A word that can be a part of a compound: listed, and not a stopword
 * ("voorzitter" is not "voor" + "zitter"). */
static int is_word(const rl_lang *l, const char *w, size_t len)
{
	uint64_t key;

	if (len < MIN_PART)
		return 0;
	key = rl_text_key_hash(w, len);
	return rl_set64_has(l->words, key) && !rl_set64_has(&l->stopwords, key);
}

/* A final part: a word, or a word with a plural or inflection ending. */
static int is_tail(const rl_lang *l, const char *w, size_t len)
{
	static const char *const endings[] = {"s", "en", "n", "e", "es", "er", NULL};

	if (is_word(l, w, len))
		return 1;
	for (const char *const *e = endings; *e; e++) {
		size_t n = strlen(*e);
		if (len > n + MIN_PART && !memcmp(w + len - n, *e, n) && is_word(l, w, len - n))
			return 1;
	}
	return 0;
}

/* The longest head of w[from..len) that is a word, with a linking s or e
 * after it, such that the rest satisfies `rest_ok`: the cut before the
 * rest, or 0.  Part boundaries go to cuts[0..1]. */
static size_t find_head(const rl_lang *l, const char *w, size_t from, size_t len, size_t min,
                        int (*rest_ok)(const rl_lang *, const char *, size_t), size_t *cuts)
{
	static const char *const linkers[] = {"", "s", "e", NULL};

	for (size_t i = len - min; i >= from + min && i > from; i--) {
		if (((unsigned char)w[i] & 0xc0) == 0x80)
			continue; /* not at a character boundary */
		for (const char *const *k = linkers; *k; k++) {
			size_t n = strlen(*k);
			if (i - from < n + min || memcmp(w + i - n, *k, n) ||
			    !is_word(l, w + from, i - n - from) || (rest_ok && !rest_ok(l, w + i, len - i)))
				continue;
			cuts[0] = from;
			cuts[1] = i - n;
			return i;
		}
	}
	return 0;
}

/* A rest that splits into two parts of 5 bytes or more. */
static int two_long_parts(const rl_lang *l, const char *w, size_t len)
{
	size_t cuts[2];

	return find_head(l, w, 0, len, MIN_PART + 1, is_tail, cuts) != 0;
}

size_t rl_lang_split_compound(const rl_lang *l, const char *w, size_t len, size_t *cuts,
                              size_t max)
{
	size_t i;

	if (!l->words || len < 2 * MIN_PART || max < 2)
		return 0;
	/* two parts, the head as long as possible; else three long ones */
	if ((i = find_head(l, w, 0, len, MIN_PART, is_tail, cuts))) {
		cuts[2] = i;
		cuts[3] = len;
		return 2;
	}
	if (max < 3 || !(i = find_head(l, w, 0, len, MIN_PART + 1, two_long_parts, cuts)) ||
	    !(i = find_head(l, w, i, len, MIN_PART + 1, is_tail, cuts + 2)))
		return 0;
	cuts[4] = i;
	cuts[5] = len;
	return 3;
}

/* Stopword sets of every language with a list, for detection. */
static struct {
	const char *code;
	rl_set64 set;
} detect_sets[16];
static size_t n_detect_sets;
static pthread_once_t detect_once = PTHREAD_ONCE_INIT;

static void load_detect_sets(void)
{
	for (const char *const *c = rl_lang_codes(); *c && n_detect_sets < 16; c++) {
		rl_set64 s = RL_SET64_INIT;

		if (rl_lang_load_list(&s, *c, "stopwords") == 1 && s.n) {
			detect_sets[n_detect_sets].code = *c;
			detect_sets[n_detect_sets].set = s;
			n_detect_sets++;
		} else {
			rl_set64_free(&s);
		}
	}
}

/* Below this share of stopwords among the words, no language is named. */
#define DETECT_MIN_SHARE 0.05
/* Detection reads at most this much of a text, up to the next space: the
 * share of stopwords is settled long before (10,000 words or so), and a
 * 2.6 MB document took 110 M instructions to tokenize whole. */
#define DETECT_MAX_BYTES 65536

const char *rl_lang_detect(const char *data, size_t start, size_t end)
{
	rl_tokens tok = {0};
	size_t hits[16] = {0}, words = 0, best = 0;

	pthread_once(&detect_once, load_detect_sets);
	if (end - start > DETECT_MAX_BYTES) {
		/* an ASCII space is never inside a UTF-8 sequence */
		const char *sp = memchr(data + start + DETECT_MAX_BYTES, ' ',
		                        end - start - DETECT_MAX_BYTES);
		end = sp ? (size_t)(sp - data) : end;
	}
	if (!n_detect_sets || rl_text_tokenize(&tok, data, start, end) < 0) {
		rl_tokens_free(&tok);
		rl_error_clear();
		return NULL;
	}
	for (size_t t = 0; t < tok.n; t++) {
		if (tok.v[t].kind != RL_TOK_WORD)
			continue;
		words++;
		for (size_t k = 0; k < n_detect_sets; k++)
			hits[k] += rl_set64_has(&detect_sets[k].set, tok.v[t].key);
	}
	rl_tokens_free(&tok);
	for (size_t k = 1; k < n_detect_sets; k++)
		if (hits[k] > hits[best])
			best = k;
	if (!words || hits[best] < 1 || (double)hits[best] < DETECT_MIN_SHARE * (double)words)
		return NULL;
	return detect_sets[best].code;
}
