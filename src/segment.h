/*
 * segment — paragraphs and sentences.  Paragraphs are separated by blank
 * lines; hard-wrapped text (as extracted from PDF) is recognised from its
 * line lengths and split where a line ended early; short title lines are
 * paragraphs of their own.  Sentences end at . ! ? … unless an abbreviation,
 * an initial or a lower-case continuation says otherwise.
 */
#ifndef RL_SEGMENT_H
#define RL_SEGMENT_H

#include "doc.h"
#include "text.h"

/* Find a leading metadata line (" date 2022-03") at data[from..len): sets
 * `*start` and `*end` to the "date 2022-03" part and returns 1, or returns 0. */
int rl_segment_metadata(const char *data, size_t len, size_t from, size_t *start, size_t *end);

/* Split data[from..len) into paragraphs.  `*out` receives a malloc'd array
 * (NULL when there are none).  Fails only with RL_ENOMEM. */
int rl_segment_paragraphs(rl_para **out, size_t *n, const char *data, size_t from, size_t len);

/* Sentence spans of the tokens `tok` (one paragraph): appends [start, end)
 * pairs to `out` (2 entries per sentence).  Fails only with RL_ENOMEM. */
int rl_segment_sentences(uint32_t **out, size_t *n, size_t *cap, const char *data,
                         const rl_tokens *tok);

#endif
