/*
 * corpus_tmp — what the corpus tests share: a corpus in a fresh temporary
 * directory, removed with everything in it afterwards.  Repositories are
 * made at test time, never committed.
 */
#ifndef CORPUS_TMP_H
#define CORPUS_TMP_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redline.h"

static int corpus_tmp__rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Make `dir` (a mkdtemp template, at least 32 bytes) and a corpus in it.
 * Returns 0, or -1 when either fails. */
static inline int corpus_tmp_new(rl_corpus **c, char *dir, const char *tag)
{
	int created = 0;

	snprintf(dir, 32, "/tmp/%s.XXXXXX", tag);
	if (!mkdtemp(dir) || rl_corpus_init(c, dir, &created) < 0 || !created)
		return -1;
	return 0;
}

/* Free the corpus and remove its directory.  Cannot fail. */
static inline void corpus_tmp_free(rl_corpus *c, const char *dir)
{
	rl_corpus_free(c);
	nftw(dir, corpus_tmp__rm, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
