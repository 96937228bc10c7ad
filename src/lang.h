/*
 * lang — language resources kept as data files under one directory,
 * data/lang/<code>/<list>.txt: one entry per line, '#' starts a comment.
 * This module finds the data directory at run time and loads word lists as
 * sets of comparison-key hashes (see text.h), so lookups are by casefolded,
 * NFC-normalised key.
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

#endif
