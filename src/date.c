/*
 * date — parse, find and format document dates.  Calendar arithmetic is
 * Howard Hinnant's days_from_civil/civil_from_days (proleptic Gregorian),
 * so nothing depends on the process's time zone.  A dated line is matched
 * by a small grammar over its words:
 *   [LABEL[:] | PLACE,] [WEEKDAY[,]] (D[.] MONTH YYYY | MONTH D, YYYY | ISO) [[,] HH:MM] [.]
 * where a line must be nothing but that (120 bytes at most).
 * Month and weekday names come from the table below (nl, en, fr, de).
 */
#include "date.h"

#include <stdio.h>
#include <stdlib.h>

#include "doc.h"
#include "util.h"

#define MIN_YEAR 1970
#define MAX_YEAR 9999

int64_t rl_date__days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)((int64_t)yoe + era * 400 + (*m <= 2));
}

static unsigned month_days(int y, unsigned m)
{
	static const unsigned len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : len[m - 1];
}

/* A calendar date and time of day, checked, as seconds since the epoch. */
static int make_date(rl_date *out, int y, unsigned mo, unsigned d, unsigned h, unsigned mi,
                     unsigned s, int offset)
{
	if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1 || d > month_days(y, mo) ||
	    h > 23 || mi > 59 || s > 60 || offset < -14 * 60 || offset > 14 * 60)
		return RL_EINVALID;
	out->time = rl_date__days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s -
	            offset * 60;
	out->offset = offset;
	return out->time < 0 ? RL_EINVALID : 0;
}

const char *rl_date_format(char *buf, size_t cap, rl_date d, int with_time)
{
	int64_t t = d.time + (int64_t)d.offset * 60;
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t secs = t - days * 86400;
	int y, off = d.offset < 0 ? -d.offset : d.offset;
	unsigned m, dd;

	civil_from_days(days, &y, &m, &dd);
	if (!with_time)
		snprintf(buf, cap, "%04d-%02u-%02u", y, m, dd);
	else
		snprintf(buf, cap, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d", y, m, dd,
		         (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60),
		         d.offset < 0 ? '-' : '+', off / 60, off % 60);
	return buf;
}

/* ---- words ---------------------------------------------------------------- */

/* A word of a line: [start, end) in bytes. */
typedef struct word {
	const char *s;
	size_t len;
} word;

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Case-insensitive (ASCII letters; other bytes exactly) equality. */
static int word_is(word w, const char *name)
{
	size_t n = strlen(name);

	if (w.len != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)w.s[i]) != lower((unsigned char)name[i]))
			return 0;
	return 1;
}

/* Month names and abbreviations, 1-based month after each "|" group. */
static const char *const months[12] = {
	"januari|january|jan|janvier|januar|jänner",
	"februari|february|feb|février|fevrier|februar|févr",
	"maart|march|mar|mrt|mars|märz|maerz",
	"april|apr|avril|avr",
	"mei|may|mai",
	"juni|june|jun|juin",
	"juli|july|jul|juillet|juil",
	"augustus|august|aug|août|aout",
	"september|sep|sept|septembre",
	"oktober|october|okt|oct|octobre",
	"november|nov|novembre",
	"december|dec|décembre|decembre|dezember|dez|déc"
};

static const char *const weekdays =
	"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
	"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
	"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
	"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
	"ma|di|wo|do|vr|za|zo|mon|tue|wed|thu|fri|sat|sun";

static const char *const labels = "datum|date|dated|gedateerd|le|am|on|op";

/* 1 when `w` (a trailing "." ignored) is one of the "|"-separated names. */
static int word_in(word w, const char *list)
{
	if (w.len > 1 && w.s[w.len - 1] == '.')
		w.len--;
	while (*list) {
		const char *bar = strchr(list, '|');
		size_t n = bar ? (size_t)(bar - list) : strlen(list);
		char name[32];

		if (n < sizeof(name)) {
			memcpy(name, list, n);
			name[n] = '\0';
			if (word_is(w, name))
				return 1;
		}
		list += n + (bar != NULL);
	}
	return 0;
}

static int month_of(word w)
{
	for (int m = 0; m < 12; m++)
		if (word_in(w, months[m]))
			return m + 1;
	return 0;
}

/* The value of an all-digit word of 1..max_digits digits, else -1. */
static long number_of(word w, size_t max_digits)
{
	long v = 0;

	if (w.len == 0 || w.len > max_digits)
		return -1;
	for (size_t i = 0; i < w.len; i++) {
		if (w.s[i] < '0' || w.s[i] > '9')
			return -1;
		v = v * 10 + (w.s[i] - '0');
	}
	return v;
}

/* Split s[0..len) into words at white space; "," and a ":" that ends a
 * word become words of their own.  Returns the count (at most `cap`, more means
 * the line is too long to be a date). */
static size_t split_words(word *out, size_t cap, const char *s, size_t len)
{
	size_t n = 0, i = 0;

	while (i < len) {
		size_t j;

		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\v' ||
		                   s[i] == '\f'))
			i++;
		if (i >= len)
			break;
		j = i;
		if (s[j] == ',' || s[j] == ':')
			j++;
		else
			while (j < len && s[j] != ' ' && s[j] != '\t' && s[j] != '\r' && s[j] != ',' &&
			       !(s[j] == ':' && (j + 1 == len || s[j + 1] == ' ')))
				j++;
		if (n == cap)
			return cap + 1;
		out[n].s = s + i;
		out[n].len = j - i;
		n++;
		i = j;
	}
	return n;
}

/* ---- parsing -------------------------------------------------------------- */

static int digits_at(const char *s, size_t len, size_t i, size_t n, unsigned *v)
{
	*v = 0;
	if (i + n > len)
		return 0;
	for (size_t k = 0; k < n; k++) {
		if (s[i + k] < '0' || s[i + k] > '9')
			return 0;
		*v = *v * 10 + (unsigned)(s[i + k] - '0');
	}
	return 1;
}

/* "Z", "+HH:MM", "+HHMM", "+HH" at s[i..len) to the end. */
static int parse_offset(const char *s, size_t len, size_t i, int *offset)
{
	unsigned h, m = 0;
	int sign;

	if (i == len) {
		*offset = 0;
		return 1;
	}
	if (s[i] == 'Z' && i + 1 == len) {
		*offset = 0;
		return 1;
	}
	if (s[i] != '+' && s[i] != '-')
		return 0;
	sign = s[i] == '-' ? -1 : 1;
	if (!digits_at(s, len, i + 1, 2, &h))
		return 0;
	i += 3;
	if (i < len && s[i] == ':')
		i++;
	if (i < len && !digits_at(s, len, i, 2, &m))
		return 0;
	if (i < len)
		i += 2;
	if (i != len || m > 59)
		return 0;
	*offset = sign * (int)(h * 60 + m);
	return 1;
}

/* YYYY[-MM[-DD[(T| )HH:MM[:SS][offset]]]] exactly filling s[0..len). */
static int parse_iso(rl_date *out, const char *s, size_t len)
{
	unsigned y, mo = 1, d = 1, h = 0, mi = 0, sec = 0;
	int offset = 0;
	size_t i = 4;

	if (!digits_at(s, len, 0, 4, &y))
		return 0;
	if (i < len && s[i] == '-' && digits_at(s, len, i + 1, 2, &mo)) {
		i += 3;
		if (i < len && s[i] == '-' && digits_at(s, len, i + 1, 2, &d)) {
			i += 3;
			if (i < len && (s[i] == 'T' || s[i] == ' ') && digits_at(s, len, i + 1, 2, &h) &&
			    i + 3 < len && s[i + 3] == ':' && digits_at(s, len, i + 4, 2, &mi)) {
				i += 6;
				if (i < len && s[i] == ':' && digits_at(s, len, i + 1, 2, &sec))
					i += 3;
				if (!parse_offset(s, len, i, &offset))
					return 0;
				i = len;
			}
		}
	}
	if (i != len)
		return 0;
	return make_date(out, (int)y, mo, d, h, mi, sec, offset) == 0;
}

/* git's internal form: "@SECONDS" or "@SECONDS +HHMM" (also without "@"
 * when an offset follows). */
static int parse_raw(rl_date *out, const char *s, size_t len)
{
	size_t i = s[0] == '@' ? 1 : 0, start = i;
	int64_t t = 0;
	int offset = 0;

	while (i < len && s[i] >= '0' && s[i] <= '9' && i - start < 12)
		t = t * 10 + (s[i++] - '0');
	if (i == start || (i < len && s[i] >= '0' && s[i] <= '9'))
		return 0;
	if (i < len) {
		if (s[i] != ' ' || !parse_offset(s, len, i + 1, &offset))
			return 0;
	} else if (start == 0) {
		return 0;
	}
	if (t > rl_date__days_from_civil(MAX_YEAR, 12, 31) * 86400)
		return 0;
	out->time = t;
	out->offset = offset;
	return 1;
}

/* The date in words w[i..n), optionally followed by a time; all words
 * must be used. */
static int parse_words(rl_date *out, const word *w, size_t i, size_t n)
{
	long d, y;
	unsigned h = 0, mi = 0;
	int m;

	if (i < n && word_in(w[i], weekdays)) {
		i++;
		if (i < n && word_is(w[i], ","))
			i++;
	}
	if (i + 3 <= n && (m = month_of(w[i + 1])) != 0) {
		/* D[.] MONTH YYYY */
		word dw = w[i];

		if (dw.len > 1 && dw.s[dw.len - 1] == '.')
			dw.len--;
		if ((d = number_of(dw, 2)) < 0 || (y = number_of(w[i + 2], 4)) < 0 || w[i + 2].len != 4)
			return 0;
		i += 3;
	} else if (i + 4 <= n && (m = month_of(w[i])) != 0 && word_is(w[i + 2], ",")) {
		/* MONTH D, YYYY */
		if ((d = number_of(w[i + 1], 2)) < 0 || (y = number_of(w[i + 3], 4)) < 0 ||
		    w[i + 3].len != 4)
			return 0;
		i += 4;
	} else if (i < n && w[i].len >= 10 && parse_iso(out, w[i].s, w[i].len)) {
		return i + 1 == n;
	} else {
		return 0;
	}
	if (i < n && word_is(w[i], ","))
		i++;
	if (i < n && w[i].len == 5 && w[i].s[2] == ':' && digits_at(w[i].s, 5, 0, 2, &h) &&
	    digits_at(w[i].s, 5, 3, 2, &mi))
		i++;
	else
		h = 0;
	if (i != n)
		return 0;
	return make_date(out, (int)y, (unsigned)m, (unsigned)d, h, mi, 0, 0) == 0;
}

int rl_date__parse_span(rl_date *out, const char *s, size_t len)
{
	word w[16];
	size_t n;

	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
	               s[len - 1] == '\r'))
		len--;
	if (len && (parse_iso(out, s, len) || parse_raw(out, s, len)))
		return 0;
	n = split_words(w, 16, s, len);
	if (n <= 16 && parse_words(out, w, 0, n))
		return 0;
	return rl_error_set(RL_EINVALID,
	                    "'%.*s' is not a date (try 2021-08-31, 2021-08, or 31 August 2021; "
	                    "years 1970-9999)", (int)(len > 60 ? 60 : len), s);
}

int rl_date_parse(rl_date *out, const char *s)
{
	return rl_date__parse_span(out, s, strlen(s));
}

/* ---- finding the date a text states -------------------------------------- */

/* A place name word: starts with a letter or an apostrophe ('s-Gravenhage)
 * and holds no digit. */
static int is_place_word(word w)
{
	unsigned char c = (unsigned char)w.s[0];

	if (!(c >= 0x80 || (lower(c) >= 'a' && lower(c) <= 'z') || c == '\''))
		return 0;
	for (size_t i = 0; i < w.len; i++)
		if (w.s[i] >= '0' && w.s[i] <= '9')
			return 0;
	return 1;
}

/* Where the date starts after a label ("Datum", "Date:"), or 0. */
static size_t after_label(const word *w, size_t n)
{
	if (n < 2 || !word_in(w[0], labels))
		return 0;
	return word_is(w[1], ":") ? 2 : 1;
}

/* Where the date starts after a place ("Den Haag,"), or 0. */
static size_t after_place(const word *w, size_t n)
{
	for (size_t p = 1; p < n && p <= 4; p++) {
		if (!is_place_word(w[p - 1]))
			return 0;
		if (word_is(w[p], ","))
			return p + 1;
	}
	return 0;
}

static int line_date(rl_date *out, const char *s, size_t len)
{
	word w[16];
	size_t n, at;

	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	if (len && s[len - 1] == '.')
		len--;
	n = split_words(w, 16, s, len);
	if (n < 3 || n > 16)
		return 0;
	if (parse_words(out, w, 0, n))
		return 1;
	if ((at = after_label(w, n)) && parse_words(out, w, at, n))
		return 1;
	if (!(at = after_place(w, n)))
		return 0;
	if (parse_words(out, w, at, n))
		return 1;
	/* "Paris, le 2 mars 2026" */
	return at < n && word_in(w[at], labels) && parse_words(out, w, at + 1, n);
}

int rl_date__find_line(rl_date *out, const char *data, size_t from, size_t len)
{
	size_t i = from;

	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len;

		/* a date line is short; skip long lines without looking */
		if (end - i <= 120 && line_date(out, data + i, end - i))
			return 1;
		i = end + 1;
	}
	return 0;
}

int rl_date_find(rl_date *out, const rl_doc *doc)
{
	size_t ms, me;

	if (rl_doc_metadata(doc, &ms, &me)) {
		/* "date 2022-03": the part after the keyword */
		size_t i = ms + 4;

		if (rl_date__parse_span(out, doc->data + i, me - i) == 0)
			return 1;
		rl_error_clear();
	}
	return rl_date__find_line(out, doc->data, doc->body, doc->len);
}
