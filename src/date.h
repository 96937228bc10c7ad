/*
 * date — document dates: parsing what people write (ISO 8601 forms, git's
 * "@SECONDS +HHMM", "2 maart 2026", "August 31, 2021"), finding the date a
 * text states about itself (a leading " date 2022-03" metadata line, a
 * dated line such as "Datum 2 maart 2026" or "Den Haag, 31 augustus 2021")
 * and formatting dates.  The public functions are declared in redline.h.
 */
#ifndef RL_DATE_H
#define RL_DATE_H

#include <stdint.h>

#include "redline.h"

/* Parse the date in s[0..len) (the same forms as rl_date_parse()).
 * Returns 0 or RL_EINVALID (message names the text). */
int rl_date__parse_span(rl_date *out, const char *s, size_t len);

/* Find a dated line in data[from..len) (see rl_date_find()).  Returns 1
 * with `*out` set, or 0.  Cannot fail. */
int rl_date__find_line(rl_date *out, const char *data, size_t from, size_t len);

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (m
 * 1..12, d 1..31).  Cannot fail. */
int64_t rl_date__days_from_civil(int64_t y, unsigned m, unsigned d);

#endif
