/*
 * util — error slot, checked allocation, buffers, arena, hashing and file
 * reading shared by every module.  The error slot is thread-local so that
 * library calls in different threads do not overwrite each other's message.
 * The hash is a multiply-xorshift over 8-byte words (in the spirit of
 * wyhash/xxh3): fast on short tokens and long paragraphs alike.
 */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static _Thread_local char error_msg[512];

const char *rl_error_last(void)
{
	return error_msg;
}

void rl_error_clear(void)
{
	error_msg[0] = '\0';
}

const char *rl_error_str(int code)
{
	switch (code) {
	case RL_OK: return "no error";
	case RL_EGENERIC: return "failure";
	case RL_ENOMEM: return "out of memory";
	case RL_EINVALID: return "invalid input";
	case RL_ENOTFOUND: return "not found";
	case RL_EIO: return "input/output error";
	case RL_EGIT: return "repository error";
	default: return "unknown error";
	}
}

const char *rl_version(void)
{
	return RL_VERSION;
}

int rl_error_set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(error_msg, sizeof(error_msg), fmt, ap);
	va_end(ap);
	return code;
}

int rl_error_prefix(int code, const char *prefix)
{
	char old[sizeof(error_msg)];

	memcpy(old, error_msg, sizeof(old));
	/* a message longer than the slot is cut; that is fine */
	if (snprintf(error_msg, sizeof(error_msg), "%s: %s", prefix, old) < 0)
		error_msg[0] = '\0';
	return code;
}

void *rl_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		rl_error_set(RL_ENOMEM, "out of memory");
	return p;
}

void *rl_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		rl_error_set(RL_ENOMEM, "out of memory");
	return p;
}

void *rl_reallocarray(void *ptr, size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size) {
		rl_error_set(RL_ENOMEM, "out of memory (size overflow)");
		return NULL;
	}
	p = realloc(ptr, (n * size) != 0 ? n * size : 1);
	if (!p)
		rl_error_set(RL_ENOMEM, "out of memory");
	return p;
}

char *rl_strndup(const char *s, size_t n)
{
	char *p = rl_malloc(n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *rl_strdup(const char *s)
{
	return rl_strndup(s, strlen(s));
}

int rl_grow(void *ptr, size_t *cap, size_t need, size_t size)
{
	void **pp = ptr;
	size_t ncap = *cap ? *cap : 8;
	void *p;

	if (need <= *cap)
		return 0;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return rl_error_set(RL_ENOMEM, "out of memory (size overflow)");
		ncap *= 2;
	}
	p = rl_reallocarray(*pp, ncap, size);
	if (!p)
		return RL_ENOMEM;
	*pp = p;
	*cap = ncap;
	return 0;
}

int rl_buf_grow(rl_buf *b, size_t extra)
{
	if (extra > SIZE_MAX - b->len - 1)
		return rl_error_set(RL_ENOMEM, "out of memory (size overflow)");
	return rl_grow(&b->data, &b->cap, b->len + extra + 1, 1);
}

int rl_buf_put(rl_buf *b, const void *data, size_t len)
{
	if (rl_buf_grow(b, len) < 0)
		return RL_ENOMEM;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int rl_buf_puts(rl_buf *b, const char *s)
{
	return rl_buf_put(b, s, strlen(s));
}

int rl_buf_putc(rl_buf *b, char c)
{
	return rl_buf_put(b, &c, 1);
}

int rl_buf_printf(rl_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return rl_error_set(RL_EGENERIC, "formatting failed");
	if (rl_buf_grow(b, (size_t)n) < 0)
		return RL_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void rl_buf_clear(rl_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void rl_buf_free(rl_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *rl_buf_detach(rl_buf *b)
{
	char *p;

	if (!b->data && rl_buf_grow(b, 0) < 0)
		return NULL;
	b->data[b->len] = '\0';
	p = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

struct rl_arena_chunk {
	rl_arena_chunk *next;
	size_t size;
	_Alignas(16) unsigned char data[];
};

void *rl_arena_alloc(rl_arena *a, size_t size)
{
	rl_arena_chunk *c;
	size_t want;

	size = (size + 15) & ~(size_t)15;
	if (!a->head || a->size - a->used < size) {
		want = size > 60000 ? size : 60000;
		c = rl_malloc(sizeof(*c) + want);
		if (!c)
			return NULL;
		c->next = a->head;
		c->size = want;
		a->head = c;
		a->used = 0;
		a->size = want;
	}
	a->used += size;
	return a->head->data + a->used - size;
}

void rl_arena_shrink(rl_arena *a, void *p, size_t size, size_t keep)
{
	size = (size + 15) & ~(size_t)15;
	keep = (keep + 15) & ~(size_t)15;
	if (a->head && keep < size && a->used >= size &&
	    (unsigned char *)p == a->head->data + a->used - size)
		a->used -= size - keep;
}

void rl_arena_reset(rl_arena *a)
{
	rl_arena_chunk *c, *next;

	if (!a->head)
		return;
	for (c = a->head->next; c; c = next) {
		next = c->next;
		free(c);
	}
	a->head->next = NULL;
	a->size = a->head->size;
	a->used = 0;
}

void *rl_arena_memdup(rl_arena *a, const void *data, size_t size)
{
	void *p = rl_arena_alloc(a, size);

	if (p && size)
		memcpy(p, data, size);
	return p;
}

void rl_arena_free(rl_arena *a)
{
	rl_arena_chunk *c = a->head, *next;

	for (; c; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->used = a->size = 0;
}

static inline uint64_t mix(uint64_t a, uint64_t b)
{
	__uint128_t r = (__uint128_t)a * b;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t read64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

uint64_t rl_hash(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = seed ^ 0xa0761d6478bd642fULL ^ (len * 0xe7037ed1a0b428dbULL);
	uint64_t tail = 0;

	while (len >= 8) {
		h = mix(h ^ read64(p), 0x8ebc6af09c88c6e3ULL);
		p += 8;
		len -= 8;
	}
	if (len) {
		memcpy(&tail, p, len);
		h = mix(h ^ tail, 0x589965cc75374cc3ULL);
	}
	return mix(h, 0x1d8e4e27c47d124fULL);
}

/* Files of at least this many bytes are read into memory the kernel is
 * asked to back with huge pages. */
#define HUGE_READ ((size_t)4 << 20)
#define HUGE_PAGE ((size_t)2 << 20)

/* Make b a buffer of at least `want` bytes, aligned to and asked to be
 * backed by huge pages where the kernel has them (madvise: a hint), so
 * that writing it faults once per 2 MB instead of once per page: on the
 * 10 MB bench files those faults cost more than the copy.  Left empty when
 * memory cannot be had (the caller grows it as usual). */
static void huge_buffer(rl_buf *b, size_t want)
{
	size_t cap = (want + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
	void *p;

	if (posix_memalign(&p, HUGE_PAGE, cap) != 0)
		return;
#ifdef MADV_HUGEPAGE
	(void)madvise(p, cap, MADV_HUGEPAGE);
#endif
	b->data = p;
	b->cap = cap;
}

int rl_read_file(char **out, size_t *len, const char *path, size_t limit)
{
	int fd = 0, err = 0;
	struct stat st;
	rl_buf b = RL_BUF_INIT;
	ssize_t n;
	size_t want = 65536;
	const char *name = strcmp(path, "-") ? path : "standard input";

	*out = NULL;
	*len = 0;
	if (strcmp(path, "-") != 0) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			if (errno == ENOENT || errno == ENOTDIR)
				return rl_error_set(RL_ENOTFOUND, "%s: no such file", path);
			return rl_error_set(RL_EIO, "%s: cannot open: %s", path, strerror(errno));
		}
	}
	if (fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			err = rl_error_set(RL_EIO, "%s: is a directory", name);
			goto done;
		}
		if (S_ISREG(st.st_mode) && st.st_size > 0) {
			if (limit && (uint64_t)st.st_size > limit) {
				err = rl_error_set(RL_ELIMIT,
				                   "%s: file of %lld bytes is over the limit of %zu bytes",
				                   name, (long long)st.st_size, limit);
				goto done;
			}
			want = (size_t)st.st_size + 1;
		}
	}
	if (want >= HUGE_READ)
		huge_buffer(&b, want);
	if ((err = rl_buf_grow(&b, want)) < 0)
		goto done;
	for (;;) {
		if (b.cap - b.len - 1 == 0 && (err = rl_buf_grow(&b, b.len)) < 0)
			goto done;
		n = read(fd, b.data + b.len, b.cap - b.len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = rl_error_set(RL_EIO, "%s: cannot read: %s", name, strerror(errno));
			goto done;
		}
		if (n == 0)
			break;
		b.len += (size_t)n;
		if (limit && b.len > limit) {
			err = rl_error_set(RL_ELIMIT, "%s: input is over the limit of %zu bytes",
			                   name, limit);
			goto done;
		}
	}
	if ((err = rl_buf_grow(&b, 0)) < 0)
		goto done;
	b.data[b.len] = '\0';
	*len = b.len;
	*out = rl_buf_detach(&b);
	if (!*out)
		err = RL_ENOMEM;
done:
	if (fd > 0)
		close(fd);
	rl_buf_free(&b);
	return err;
}

static size_t slot_of(uint64_t key, size_t mask)
{
	return (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 17) & mask;
}

static int set64_rehash(rl_set64 *s, size_t cap)
{
	uint64_t *old = s->slots, *slots;
	size_t old_cap = s->mask ? s->mask + 1 : 0;

	slots = rl_calloc(cap, sizeof(uint64_t));
	if (!slots)
		return RL_ENOMEM;
	s->slots = slots;
	s->mask = cap - 1;
	for (size_t i = 0; i < old_cap; i++) {
		if (old[i]) {
			size_t k = slot_of(old[i], s->mask);
			while (slots[k])
				k = (k + 1) & s->mask;
			slots[k] = old[i];
		}
	}
	free(old);
	return 0;
}

int rl_set64_add(rl_set64 *s, uint64_t key)
{
	size_t k;

	if (key == 0) {
		if (s->has_zero)
			return 0;
		s->has_zero = 1;
		s->n++;
		return 1;
	}
	if ((s->n + 1) * 2 > (s->mask ? s->mask + 1 : 0) &&
	    set64_rehash(s, s->mask ? (s->mask + 1) * 2 : 16) < 0)
		return RL_ENOMEM;
	k = slot_of(key, s->mask);
	while (s->slots[k]) {
		if (s->slots[k] == key)
			return 0;
		k = (k + 1) & s->mask;
	}
	s->slots[k] = key;
	s->n++;
	return 1;
}

int rl_set64_has(const rl_set64 *s, uint64_t key)
{
	size_t k;

	if (key == 0)
		return s->has_zero;
	if (!s->mask)
		return 0;
	k = slot_of(key, s->mask);
	while (s->slots[k]) {
		if (s->slots[k] == key)
			return 1;
		k = (k + 1) & s->mask;
	}
	return 0;
}

void rl_set64_free(rl_set64 *s)
{
	free(s->slots);
	s->slots = NULL;
	s->n = s->mask = 0;
	s->has_zero = 0;
}

static int map64_rehash(rl_map64 *m, size_t cap)
{
	uint64_t *keys = rl_calloc(cap, sizeof(uint64_t));
	uint32_t *vals = rl_calloc(cap, sizeof(uint32_t));
	uint8_t *used = rl_calloc(cap, 1);
	size_t old_cap = m->mask ? m->mask + 1 : 0;

	if (!keys || !vals || !used) {
		free(keys);
		free(vals);
		free(used);
		return RL_ENOMEM;
	}
	for (size_t i = 0; i < old_cap; i++) {
		if (m->used[i]) {
			size_t k = slot_of(m->keys[i], cap - 1);
			while (used[k])
				k = (k + 1) & (cap - 1);
			keys[k] = m->keys[i];
			vals[k] = m->vals[i];
			used[k] = 1;
		}
	}
	free(m->keys);
	free(m->vals);
	free(m->used);
	m->keys = keys;
	m->vals = vals;
	m->used = used;
	m->mask = cap - 1;
	return 0;
}

uint32_t *rl_map64_slot(rl_map64 *m, uint64_t key)
{
	size_t k;

	if ((m->n + 1) * 2 > (m->mask ? m->mask + 1 : 0) &&
	    map64_rehash(m, m->mask ? (m->mask + 1) * 2 : 16) < 0)
		return NULL;
	k = slot_of(key, m->mask);
	while (m->used[k]) {
		if (m->keys[k] == key)
			return &m->vals[k];
		k = (k + 1) & m->mask;
	}
	m->used[k] = 1;
	m->keys[k] = key;
	m->vals[k] = 0;
	m->n++;
	return &m->vals[k];
}

uint32_t *rl_map64_get(const rl_map64 *m, uint64_t key)
{
	size_t k;

	if (!m->mask)
		return NULL;
	k = slot_of(key, m->mask);
	while (m->used[k]) {
		if (m->keys[k] == key)
			return &m->vals[k];
		k = (k + 1) & m->mask;
	}
	return NULL;
}

void rl_map64_free(rl_map64 *m)
{
	free(m->keys);
	free(m->vals);
	free(m->used);
	memset(m, 0, sizeof(*m));
}

static void insertion_u64(uint64_t *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		uint64_t x = v[i];
		size_t j = i;
		while (j > 0 && v[j - 1] > x) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

static void heap_sift(uint64_t *v, size_t n, size_t i)
{
	for (;;) {
		size_t c = 2 * i + 1;
		uint64_t t;

		if (c >= n)
			return;
		if (c + 1 < n && v[c + 1] > v[c])
			c++;
		if (v[i] >= v[c])
			return;
		t = v[i];
		v[i] = v[c];
		v[c] = t;
		i = c;
	}
}

static inline uint64_t med3(uint64_t a, uint64_t b, uint64_t c)
{
	return a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
}

/* Quicksort with median-of-three pivots (ninthers on large ranges),
 * recursing into the smaller side;
 * after `depth` levels it hands over to heapsort, so no input is quadratic. */
static void intro_u64(uint64_t *v, size_t n, int depth)
{
	while (n > 16) {
		uint64_t a = v[0], b = v[n / 2], c = v[n - 1], pivot, t;
		size_t i = 0, j = n - 1;

		if (depth-- == 0) {
			for (size_t k = n / 2; k-- > 0;)
				heap_sift(v, n, k);
			for (size_t k = n; k-- > 1;) {
				t = v[0];
				v[0] = v[k];
				v[k] = t;
				heap_sift(v, k, 0);
			}
			return;
		}
		pivot = med3(a, b, c);
		if (n > 128) {
			/* Tukey's ninther: robust on organ pipes and sorted runs */
			size_t s = n / 8;
			pivot = med3(med3(v[0], v[s], v[2 * s]), med3(v[n / 2 - s], b, v[n / 2 + s]),
			             med3(v[n - 1 - 2 * s], v[n - 1 - s], c));
		}
		for (;;) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i >= j)
				break;
			t = v[i];
			v[i] = v[j];
			v[j] = t;
			i++;
			j--;
		}
		/* [0, j] <= pivot <= [j + 1, n) */
		if (j + 1 < n - j - 1) {
			intro_u64(v, j + 1, depth);
			v += j + 1;
			n -= j + 1;
		} else {
			intro_u64(v + j + 1, n - j - 1, depth);
			n = j + 1;
		}
	}
	insertion_u64(v, n);
}

void rl_sort_u64(uint64_t *v, size_t n)
{
	int depth = 0;

	for (size_t m = n; m > 1; m >>= 1)
		depth += 2;
	intro_u64(v, n, depth);
}
