/*
 * fuzz — what the libFuzzer harnesses share: splitting one input into two
 * documents at the first NUL byte (documents never hold one) and a check
 * that reports a broken property and aborts, so libFuzzer keeps the input.
 */
#ifndef RL_FUZZ_H
#define RL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_CHECK(cond)                                                           \
	do {                                                                           \
		if (!(cond)) {                                                             \
			fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                               \
		}                                                                          \
	} while (0)

/* The part before the first NUL byte (all of it when there is none) and
 * the part after it.  Cannot fail. */
static inline void fuzz_split(const uint8_t *data, size_t size, const char **a, size_t *alen,
                              const char **b, size_t *blen)
{
	const uint8_t *nul = memchr(data, 0, size);

	*a = (const char *)data;
	*alen = nul ? (size_t)(nul - data) : size;
	*b = nul ? (const char *)nul + 1 : "";
	*blen = nul ? size - *alen - 1 : 0;
}

/* A NUL-terminated copy of s[0..len); aborts when memory runs out. */
static inline char *fuzz_strndup(const char *s, size_t len)
{
	char *c = malloc(len + 1);

	if (!c)
		abort();
	memcpy(c, s, len);
	c[len] = '\0';
	return c;
}

#endif
