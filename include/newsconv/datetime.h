/* newsconv: timestamps that keep their precision.
 *
 * "2019-07-11" stays a date; "2019-07-11T10:30" stays a local time without a zone.
 * Nothing is ever invented: no time for a date, no zone for a local time. */
#ifndef NEWSCONV_DATETIME_H
#define NEWSCONV_DATETIME_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum nc_time_prec {
    NC_TIME_NONE = 0, /* unset */
    NC_TIME_YEAR,     /* 2019 */
    NC_TIME_MONTH,    /* 2019-07 */
    NC_TIME_DAY,      /* 2019-07-11 */
    NC_TIME_MINUTE,   /* 2019-07-11T10:30 (parsers give NC_TIME_SECOND: 10:30 is 10:30:00) */
    NC_TIME_SECOND,   /* 2019-07-11T10:30:05, with frac_digits > 0 for fractions */
} nc_time_prec;

typedef struct nc_time {
    nc_time_prec prec;
    int year, month, day, hour, minute, second;
    unsigned long frac;   /* fraction of a second as written, e.g. 123 for ".123" */
    int frac_digits;      /* 0..9 */
    int has_zone;         /* 0: local time as written, no zone known */
    int zone_minutes;     /* offset east of UTC, when has_zone */
    int zone_z;           /* written as "Z" rather than "+00:00" */
} nc_time;

/* Length of the longest ISO 8601 rendering, with the NUL. */
#define NC_TIME_ISO_LEN 40

/* Parses ISO 8601 / RFC 3339 leniently: extended ("2019-07-11T10:30:05.123+02:00") and
 * basic ("20190711T103005Z") forms, a space instead of "T", zones "Z", "+02", "+0200",
 * "+02:00", surrounding white space. Returns 0 and fills t, or -1 (t untouched). */
int nc_time_parse_iso(const char *s, size_t len, nc_time *t);

/* Parses the common written forms too: "July 11, 2019", "11 July 2019", "Jul. 11, 2019",
 * "Thursday, July 11, 2019 10:30 AM EDT", "2019/07/11", RFC 2822 dates; falls back on
 * nc_time_parse_iso first. Returns 0 or -1. */
int nc_time_parse_text(const char *s, size_t len, nc_time *t);

/* Parses an RFC 822 / RFC 2822 date as feeds write it: an optional weekday, day and month
 * in either order, two- or four-digit years (00-49: 2000-2049, 50-99: 1950-1999), the
 * time with or without seconds, or none (a date), zones as offsets ("+0200"), names
 * ("GMT", "UT", "EST", "CEST", ...) or RFC 822's military letters ("Z", "A".."Y"), loose
 * spacing and commas. Returns 0 or -1. */
int nc_time_parse_rfc822(const char *s, size_t len, nc_time *t);

/* The dates of feeds: RFC 3339 / W3C-DTF (nc_time_parse_iso), else RFC 822
 * (nc_time_parse_rfc822), else the written forms of nc_time_parse_text. 0 or -1. */
int nc_time_parse_feed(const char *s, size_t len, nc_time *t);

/* Writes the ISO 8601 extended form at the time's own precision into out
 * (NC_TIME_ISO_LEN bytes). Returns the length; an unset time gives "". */
size_t nc_time_format(const nc_time *t, char *out);

/* Writes an RFC 3339 date-time for formats that require one (ninjs, NewsML-G2 itemMeta),
 * reversibly, with RFC 3339's "unknown local offset" convention (-00:00):
 *   a date "2019-07-11"              -> "2019-07-11T00:00:00-00:00"
 *   a local time "2019-07-11T10:30"  -> "2019-07-11T10:30:00-00:00"
 *   a zoned time                     -> as is, seconds added at minute precision
 *   a year or month                  -> the first day of it, as a date
 * nc_time_parse_rfc3339 undoes it. Returns the length. */
size_t nc_time_format_rfc3339(const nc_time *t, char *out);

/* Parses like nc_time_parse_iso, then reads the -00:00 convention back: "-00:00" means
 * no zone, and "T00:00:00-00:00" means a date. */
int nc_time_parse_rfc3339(const char *s, size_t len, nc_time *t);

/* 1 when both are set and equal in every written part. */
int nc_time_equal(const nc_time *a, const nc_time *b);

#ifdef __cplusplus
}
#endif
#endif
