/*
 * util — the small pieces every module shares: the error slot behind
 * rl_error_last(), overflow-checked allocation, a growable byte buffer, a
 * bump arena and a fast 64-bit hash for token and paragraph keys.
 */
#ifndef RL_UTIL_H
#define RL_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "redline.h"

#if defined(__GNUC__)
#define RL_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define RL_LIKELY(x) __builtin_expect(!!(x), 1)
#define RL_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define RL_PRINTF(a, b)
#define RL_LIKELY(x) (x)
#define RL_UNLIKELY(x) (x)
/* A map from 64-bit keys to 32-bit values (open addressing). */
typedef struct rl_map64 {
	uint64_t *keys;
	uint32_t *vals;
	uint8_t *used;
	size_t n;
	size_t mask;
} rl_map64;

#define RL_MAP64_INIT {NULL, NULL, NULL, 0, 0}

/* The value slot of `key`, created with value 0 when missing; NULL with
 * RL_ENOMEM.  The pointer is valid until the next insertion. */
uint32_t *rl_map64_slot(rl_map64 *m, uint64_t key);
/* The value of `key` or NULL.  Cannot fail. */
uint32_t *rl_map64_get(const rl_map64 *m, uint64_t key);
void rl_map64_free(rl_map64 *m);

#endif


/* Record a failure message and return `code`, so callers can write
 * `return rl_error_set(RL_EINVALID, "...")`. */
int rl_error_set(int code, const char *fmt, ...) RL_PRINTF(2, 3);

/* Prefix the recorded message with "prefix: ".  Returns `code`. */
int rl_error_prefix(int code, const char *prefix);

/* Allocation that records RL_ENOMEM on failure and checks n * size for
 * overflow.  All return NULL on failure. */
void *rl_malloc(size_t size);
void *rl_calloc(size_t n, size_t size);
void *rl_reallocarray(void *ptr, size_t n, size_t size);
char *rl_strdup(const char *s);
char *rl_strndup(const char *s, size_t n);

/* Grow `*ptr` (an array of `size`-byte items with capacity `*cap`) so that
 * it holds at least `need` items.  Returns 0 or RL_ENOMEM (then `*ptr` is
 * unchanged). */
int rl_grow(void *ptr, size_t *cap, size_t need, size_t size);

/* A growable byte buffer; always NUL-terminated when len > 0. */
typedef struct rl_buf {
	char *data;
	size_t len;
	size_t cap;
} rl_buf;

#define RL_BUF_INIT {NULL, 0, 0}

int rl_buf_grow(rl_buf *b, size_t extra);
int rl_buf_put(rl_buf *b, const void *data, size_t len);
int rl_buf_puts(rl_buf *b, const char *s);
int rl_buf_putc(rl_buf *b, char c);
int rl_buf_printf(rl_buf *b, const char *fmt, ...) RL_PRINTF(2, 3);
void rl_buf_clear(rl_buf *b);
void rl_buf_free(rl_buf *b);
/* Hand the contents to the caller (NUL-terminated, never NULL on success);
 * the buffer is left empty.  Returns NULL on RL_ENOMEM. */
char *rl_buf_detach(rl_buf *b);

/* A bump allocator: many small allocations, one free. */
typedef struct rl_arena_chunk rl_arena_chunk;
typedef struct rl_arena {
	rl_arena_chunk *head;
	size_t used;
	size_t size;
} rl_arena;

#define RL_ARENA_INIT {NULL, 0, 0}

/* Aligned to 16 bytes; NULL with RL_ENOMEM on failure. */
void *rl_arena_alloc(rl_arena *a, size_t size);
void *rl_arena_memdup(rl_arena *a, const void *data, size_t size);
/* Give back the end of the arena's latest allocation `p`, of `size` bytes,
 * keeping its first `keep`: the room for a result of unknown length taken
 * at its bound, then cut to the length.  Cannot fail. */
void rl_arena_shrink(rl_arena *a, void *p, size_t size, size_t keep);
/* Forget every allocation, keeping the latest chunk for the next ones
 * (scratch memory reused piece after piece).  Cannot fail. */
void rl_arena_reset(rl_arena *a);
void rl_arena_free(rl_arena *a);

/* 64-bit hash of `len` bytes.  Cannot fail. */
uint64_t rl_hash(const void *data, size_t len, uint64_t seed);

/* Mix a 64-bit value into a running hash.  Cannot fail. */
static inline uint64_t rl_hash_mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	h *= 0xbf58476d1ce4e5b9ULL;
	return h ^ (h >> 31);
}

/* Read a whole file ("-": standard input) into a malloc'd buffer.  Fails
 * with RL_ENOTFOUND, RL_EIO (unreadable, a directory) or RL_ENOMEM; the
 * message names `path`.  `limit` (0: none) refuses larger inputs with
 * RL_ELIMIT: a regular file before reading, a stream once over it. */
int rl_read_file(char **out, size_t *len, const char *path, size_t limit);



/* Sort n 64-bit integers ascending (introspective quicksort without the
 * callback of qsort).  Cannot fail. */
void rl_sort_u64(uint64_t *v, size_t n);

/* A set of 64-bit keys (open addressing; key 0 is stored out of band). */
typedef struct rl_set64 {
	uint64_t *slots;
	size_t n;
	size_t mask; /* capacity - 1, capacity a power of two; 0 when empty */
	int has_zero;
} rl_set64;

#define RL_SET64_INIT {NULL, 0, 0, 0}

/* Add `key`; returns 1 if added, 0 if present, RL_ENOMEM. */
int rl_set64_add(rl_set64 *s, uint64_t key);
/* 1 when `key` is in the set.  Cannot fail. */
int rl_set64_has(const rl_set64 *s, uint64_t key);
void rl_set64_free(rl_set64 *s);

/* A map from 64-bit keys to 32-bit values (open addressing). */
typedef struct rl_map64 {
	uint64_t *keys;
	uint32_t *vals;
	uint8_t *used;
	size_t n;
	size_t mask;
} rl_map64;

#define RL_MAP64_INIT {NULL, NULL, NULL, 0, 0}

/* The value slot of `key`, created with value 0 when missing; NULL with
 * RL_ENOMEM.  The pointer is valid until the next insertion. */
uint32_t *rl_map64_slot(rl_map64 *m, uint64_t key);
/* The value of `key` or NULL.  Cannot fail. */
uint32_t *rl_map64_get(const rl_map64 *m, uint64_t key);
void rl_map64_free(rl_map64 *m);

#endif
