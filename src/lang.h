/*
 * lang — language resources kept as data files under one directory,
 * data/lang/<code>/<list>.txt: one entry per line, '#' starts a comment.
 * This module finds the data directory at run time and loads word lists as
 * sets of comparison-key hashes (see text.h), so lookups are by casefolded,
 * NFC-normalised key.  A language profile (rl_lang) joins a Snowball
 * stemmer (libstemmer) with the stopword list of its language; detection
 * picks the language whose stopwords cover most of a text's words.
 */
#ifndef RL_LANG_H
#define RL_LANG_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* The data directory (declared in redline.h): $REDLINE_DATA, else
 * <prefix>/share/redline next to the lib/ of the shared library or the bin/
 * of the executable, else a `data` directory beside the executable or above
 * it (the build tree), else the compiled-in RL_DATADIR.  Never NULL; the
 * directory may not exist.  Cannot fail. */
const char *rl_lang_datadir(void);

/* Load the word list data/lang/<code>/<list>.txt into `set` (keys added to
 * what is there).  Returns 1 when loaded, 0 when the file does not exist,
 * RL_EIO or RL_ENOMEM. */
int rl_lang_load_list(rl_set64 *set, const char *code, const char *list);

/* The codes of the languages that have a directory under data/lang, in
 * alphabetical order, NULL-terminated.  Borrowed, loaded once.  Cannot
 * fail (an empty list when the directory is missing). */
const char *const *rl_lang_codes(void);

/* 1 when `s[0..len)` (without its final full stop) is an abbreviation in
 * any language's abbreviations.txt.  Cannot fail. */
int rl_lang_is_abbreviation(const char *s, size_t len);

/* ---- language profiles ------------------------------------------------ */

typedef struct rl_lang rl_lang;

/* Open the profile of language `name`: an ISO 639 code ("nl", "nld"), a
 * Snowball algorithm name ("dutch"), or "none" (no stemmer, no stopwords).
 * Stopwords come from data/lang/<code>/stopwords.txt when it exists.  The
 * profile is for one thread at a time (the stemmer keeps state).  Fails
 * with RL_EINVALID for a language Snowball does not know, RL_EIO, or
 * RL_ENOMEM. */
int rl_lang_open(rl_lang **out, const char *name);

/* Release a profile.  NULL is a no-op. */
void rl_lang_free(rl_lang *lang);

/* The ISO 639-1 code of the profile ("nl"; "none" without a language).
 * Borrowed.  Cannot fail. */
const char *rl_lang_code(const rl_lang *lang);

/* 1 when the word with comparison key `key` (rl_text_key_hash) is a
 * stopword of the profile.  Cannot fail. */
int rl_lang_is_stopword(const rl_lang *lang, uint64_t key);

/* Stem the casefolded word w[0..len) (UTF-8).  Returns the stem and its
 * length in `*out_len`; borrowed from the profile, valid until its next
 * call.  Without a stemmer, or when stemming fails, returns `w` itself.
 * Cannot fail. */
const char *rl_lang_stem(rl_lang *lang, const char *w, size_t len, size_t *out_len);

/* Split the casefolded compound w[0..len) into the words it is made of,
 * with a word list of the language (the hunspell dictionary of its code in
 * /usr/share/hunspell, or data/lang/<code>/words.txt): writes up to `max`
 * part boundaries — part k is w[cuts[2k]..cuts[2k+1]), linking s or e left
 * out — and returns the number of parts, 0 when the word does not split
 * (too short, no word list, not a compound, or a language that does not
 * write compounds as one word).  Parts are at least 4 bytes.  Cannot fail. */
size_t rl_lang_split_compound(const rl_lang *lang, const char *w, size_t len, size_t *cuts,
                              size_t max);

/* The code of the language of data[start..end), judged by the share of its
 * words that are stopwords of each language that has a stopword list; NULL
 * when no language reaches a few per cent (too little text, or a language
 * without a list).  Borrowed.  Cannot fail. */
const char *rl_lang_detect(const char *data, size_t start, size_t end);

#endif
