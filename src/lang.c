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
