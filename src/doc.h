/*
 * doc — the loaded document: its bytes, its paragraphs and its metadata
 * line.  Internal layout of the public rl_doc.
 */
#ifndef RL_DOC_H
#define RL_DOC_H

#include "redline.h"
#include "util.h"

/* Inputs are addressed with 32-bit offsets internally. */
#define RL_DOC_MAX RL_DOC_MAX_SIZE

typedef struct rl_para {
	uint32_t start;
	uint32_t end;
	uint32_t flags; /* RL_PARA_* */
} rl_para;

struct rl_doc {
	char *name;
	char *data;       /* NUL-terminated copy of the input */
	size_t len;
	size_t body;      /* offset after a BOM */
	size_t meta_start, meta_end; /* metadata span; equal when none */
	rl_para *paras;
	size_t n_paras;
};

/* Take ownership of `data` (malloc'd, `len` bytes plus a NUL) and build a
 * document: check the bytes, find metadata and paragraphs.  On failure
 * `data` is freed and the message names `name`. */
int rl_doc__from_bytes(rl_doc **out, const char *name, char *data, size_t len);

/* 1 when both documents have the same metadata text (or none).  Cannot
 * fail. */
int rl_doc__same_metadata(const rl_doc *a, const rl_doc *b);

#endif
