/* Unit tests of src/model/datetime.c: nc_time_parse_iso, nc_time_parse_text and the
 * formatters. Every accepted form must keep its precision and invent nothing. */
#include "harness.h"

#include "newsconv/datetime.h"

#include <string.h>

/* Parses with fn and returns the ISO rendering, or "ERR". */
static const char *iso(int (*fn)(const char *, size_t, nc_time *), const char *s)
{
    static char out[NC_TIME_ISO_LEN];
    nc_time t;
    if (fn(s, strlen(s), &t) < 0)
        return "ERR";
    nc_time_format(&t, out);
    return out;
}

#define ISO(s, want) STR_EQ(iso(nc_time_parse_iso, s), want, "iso: " s)
#define TEXT(s, want) STR_EQ(iso(nc_time_parse_text, s), want, "text: " s)

static void test_iso(void)
{
    ISO("2019", "2019");
    ISO("2019-07", "2019-07");
    ISO("2019-07-11", "2019-07-11");
    ISO("  2019-07-11\n", "2019-07-11");
    ISO("2019-07-11T10:30", "2019-07-11T10:30:00");
    ISO("2019-07-11T10:30:05", "2019-07-11T10:30:05");
    ISO("2019-07-11T10:30:05Z", "2019-07-11T10:30:05Z");
    ISO("2019-07-11t10:30:05z", "2019-07-11T10:30:05Z");
    ISO("2019-07-11T10:30:05.123+02:00", "2019-07-11T10:30:05.123+02:00");
    ISO("2019-07-11T10:30:05,5-05:30", "2019-07-11T10:30:05.5-05:30");
    ISO("2019-07-11T10:30:05+0200", "2019-07-11T10:30:05+02:00");
    ISO("2019-07-11T10:30:05+02", "2019-07-11T10:30:05+02:00");
    ISO("2019-07-11T10:30:05+00:00", "2019-07-11T10:30:05+00:00");
    ISO("2019-07-11 10:00:00 +02:00", "2019-07-11T10:00:00+02:00");
    ISO("2019-07-11 10:00:00 UTC", "2019-07-11T10:00:00Z");
    ISO("20190711", "2019-07-11");
    ISO("20190711T103005Z", "2019-07-11T10:30:05Z");
    ISO("20190711T1030", "2019-07-11T10:30:00");
    ISO("2019-07-11T24:00", "2019-07-11T24:00:00");
    ISO("2019-07-11T00:00:60Z", "2019-07-11T00:00:60Z"); /* a leap second */
    ISO("2020-02-29", "2020-02-29");
    /* refused */
    ISO("", "ERR");
    ISO("19", "ERR");
    ISO("2019-7-11", "ERR");
    ISO("2019-13-01", "ERR");
    ISO("2019-02-29", "ERR");
    ISO("1900-02-29", "ERR");
    ISO("2019-04-31", "ERR");
    ISO("2019-07-11T25:00", "ERR");
    ISO("2019-07-11T24:30", "ERR");
    ISO("2019-07-11T10:60", "ERR");
    ISO("2019-07-11T10", "ERR");
    ISO("2019-07-11T10:30:05.", "ERR");
    ISO("2019-07-11T10:30+19:00", "ERR");
    ISO("2019-07-11T10:30+02:75", "ERR");
    ISO("2019-07-11x", "ERR");
    ISO("0000-01-01", "ERR");
}

static void test_text(void)
{
    TEXT("July 11, 2019", "2019-07-11");
    TEXT("11 July 2019", "2019-07-11");
    TEXT("Jul. 11, 2019", "2019-07-11");
    TEXT("Jul 11 2019", "2019-07-11");
    TEXT("Sept. 3, 2019", "2019-09-03");
    TEXT("JULY 11, 2019", "2019-07-11");
    TEXT("July 11th, 2019", "2019-07-11");
    TEXT("1st July 2019", "2019-07-01");
    TEXT("Thursday, July 11, 2019", "2019-07-11");
    TEXT("Thursday, July 11, 2019 10:30 AM EDT", "2019-07-11T10:30:00-04:00");
    TEXT("July 11, 2019 10:30 pm", "2019-07-11T22:30:00");
    TEXT("July 11, 2019 12:05 AM", "2019-07-11T00:05:00");
    TEXT("July 11, 2019 12:05 PM", "2019-07-11T12:05:00");
    TEXT("July 11, 2019 at 3:04 p.m.", "2019-07-11T15:04:00");
    TEXT("July 11, 2019 10:30 UTC", "2019-07-11T10:30:00Z");
    TEXT("July 11, 2019 10:30 GMT", "2019-07-11T10:30:00+00:00");
    TEXT("July 11, 2019 10:30 +02:00", "2019-07-11T10:30:00+02:00");
    TEXT("July 11, 2019 10:30:15 MSK", "2019-07-11T10:30:15+03:00");
    TEXT("2019年7月11日", "2019-07-11");
    TEXT("2019年07月11日 10:30", "2019-07-11T10:30:00");
    TEXT("2019년 7월 11일", "2019-07-11");
    TEXT("2019年7月", "2019-07");
    TEXT("2019年13月1日", "ERR");
    TEXT("7月11日", "ERR");
    TEXT("2019年7月11日（木）", "ERR");
    TEXT("July 11, 2019 10:30 UTC+3", "2019-07-11T10:30:00+03:00");
    TEXT("July 11, 2019 10:30 GMT-5", "2019-07-11T10:30:00-05:00");
    TEXT("July 11, 2019 10:30 UTC+05:30", "2019-07-11T10:30:00+05:30");
    TEXT("July 11, 2019 10:30 UTC+10", "2019-07-11T10:30:00+10:00");
    TEXT("July 11, 2019 10:30 UTC+", "ERR");
    TEXT("Thu, 11 Jul 2019 10:30:00 +0000", "2019-07-11T10:30:00+00:00");
    TEXT("Thu, 11 Jul 2019 10:30:00 GMT", "2019-07-11T10:30:00+00:00");
    TEXT("2019/07/11", "2019-07-11");
    TEXT("11.07.2019", "2019-07-11");
    TEXT("07/11/2019", "2019-07-11");
    TEXT("25/12/2019", "2019-12-25");
    TEXT("July 2019", "2019-07");
    TEXT("Published July 11, 2019", "2019-07-11");
    TEXT("July 11, 2019 – 10:30", "2019-07-11T10:30:00");
    /* month names of other languages */
    TEXT("4 de agosto de 2021", "2021-08-04");
    TEXT("04-ago-2021 5:11:10", "2021-08-04T05:11:10");
    TEXT("3 ao\xc3\xbbt 2025", "2025-08-03");
    TEXT("3. M\xc3\xa4rz 2025", "2025-03-03");
    TEXT("12 dicembre 2024", "2024-12-12");
    TEXT("1 d\xc3\xa9" "cembre 2024", "2024-12-01");
    TEXT("12 oktober 2023", "2023-10-12");
    TEXT("5 out 2023", "ERR");
    TEXT("3 days ago 2021", "ERR");
    TEXT("11-Jul-2019", "2019-07-11");
    TEXT("11 July 2019 10h30", "2019-07-11T10:30:00");
    TEXT("2019-07-11", "2019-07-11");
    TEXT("2019-07-11T10:30:05Z", "2019-07-11T10:30:05Z");
    /* a zone without a time says nothing */
    TEXT("July 11, 2019 EDT", "2019-07-11");
    /* refused */
    TEXT("", "ERR");
    TEXT("not a date", "ERR");
    TEXT("July 32, 2019", "ERR");
    TEXT("February 30, 2019", "ERR");
    TEXT("July 11", "ERR");
    TEXT("11, 2019", "ERR");
    TEXT("July 11, 2019 25:00", "ERR");
    TEXT("July 11, 2019 13:00 PM", "ERR");
    TEXT("July 11, 2019 10:30 10:45", "ERR");
    TEXT("By Reuters", "ERR");
    TEXT("July July 11, 2019", "ERR");
    TEXT("2019 2020 July", "ERR");
    TEXT("July 11, 2019 +2", "ERR");
}

static void test_format(void)
{
    nc_time t;
    char out[NC_TIME_ISO_LEN];
    memset(&t, 0, sizeof t);
    INT_EQ(nc_time_format(&t, out), 0, "an unset time formats as nothing");
    STR_EQ(out, "", "an unset time formats as \"\"");
    OK(nc_time_parse_iso("2019-07-11", 10, &t) == 0, "parse a date");
    INT_EQ(t.prec, NC_TIME_DAY, "a date has day precision");
    nc_time_format_rfc3339(&t, out);
    STR_EQ(out, "2019-07-11T00:00:00-00:00", "rfc3339 of a date");
    OK(nc_time_parse_rfc3339(out, strlen(out), &t) == 0 && t.prec == NC_TIME_DAY,
       "the -00:00 midnight reads back as a date");
    OK(nc_time_parse_iso("2019-07-11T10:30", 16, &t) == 0, "parse a local time");
    OK(!t.has_zone, "no zone is invented");
    nc_time_format_rfc3339(&t, out);
    STR_EQ(out, "2019-07-11T10:30:00-00:00", "rfc3339 of a local minute");
    OK(nc_time_parse_rfc3339(out, strlen(out), &t) == 0 && !t.has_zone && t.hour == 10,
       "-00:00 reads back as a local time");
    OK(nc_time_parse_iso("2019-07-11T10:30:05.120-04:00", 29, &t) == 0, "parse fractions");
    INT_EQ(t.frac_digits, 3, "fraction digits as written");
    nc_time_format_rfc3339(&t, out);
    STR_EQ(out, "2019-07-11T10:30:05.120-04:00", "rfc3339 keeps the fraction");
    {
        nc_time a, b;
        nc_time_parse_text("July 11, 2019", 13, &a);
        nc_time_parse_iso("2019-07-11", 10, &b);
        OK(nc_time_equal(&a, &b), "equal dates");
        nc_time_parse_iso("2019-07-11T00:00", 16, &b);
        OK(!nc_time_equal(&a, &b), "a date is not midnight");
        memset(&b, 0, sizeof b);
        OK(!nc_time_equal(&b, &b), "unset times are never equal");
    }
    {
        /* the input is not read beyond len */
        nc_time d;
        OK(nc_time_parse_iso("2019-07-11T10:30", 10, &d) == 0 && d.prec == NC_TIME_DAY,
           "len bounds the input");
        OK(nc_time_parse_text("July 11, 2019 10:30", 13, &d) == 0 && d.prec == NC_TIME_DAY,
           "len bounds written dates");
    }
}

#define RFC822(s, want) STR_EQ(iso(nc_time_parse_rfc822, s), want, "rfc822: " s)
#define FEED(s, want) STR_EQ(iso(nc_time_parse_feed, s), want, "feed: " s)

/* The dates of feeds: RFC 822 as published, RFC 3339, W3C-DTF. */
static void test_feed(void)
{
    RFC822("Thu, 11 Jul 2019 10:30:05 GMT", "2019-07-11T10:30:05+00:00");
    RFC822("Thu, 11 Jul 2019 10:30:05 +0200", "2019-07-11T10:30:05+02:00");
    RFC822("Thu, 11 Jul 2019 10:30:05 -0500", "2019-07-11T10:30:05-05:00");
    RFC822("11 Jul 2019 10:30:05 EST", "2019-07-11T10:30:05-05:00");
    RFC822("Thu, 11 Jul 2019 10:30:05 EDT", "2019-07-11T10:30:05-04:00");
    RFC822("Thu, 11 Jul 2019 10:30:05 PT", "2019-07-11T10:30:05-08:00");
    RFC822("Thu, 11 Jul 2019 10:30:05 UT", "2019-07-11T10:30:05+00:00");
    /* two-digit years: 00-49 this century, 50-99 the last */
    RFC822("Thu, 11 Jul 19 10:30:05 GMT", "2019-07-11T10:30:05+00:00");
    RFC822("Sun, 11 Jul 99 10:30:05 GMT", "1999-07-11T10:30:05+00:00");
    RFC822("11 Jul 50 10:30 GMT", "1950-07-11T10:30:00+00:00");
    RFC822("11 Jul 49 10:30 GMT", "2049-07-11T10:30:00+00:00");
    /* military zones, as RFC 822 writes them */
    RFC822("Thu, 11 Jul 2019 10:30:05 Z", "2019-07-11T10:30:05Z");
    RFC822("Thu, 11 Jul 2019 10:30:05 A", "2019-07-11T10:30:05-01:00");
    RFC822("Thu, 11 Jul 2019 10:30:05 M", "2019-07-11T10:30:05-12:00");
    RFC822("Thu, 11 Jul 2019 10:30:05 N", "2019-07-11T10:30:05+01:00");
    RFC822("Thu, 11 Jul 2019 10:30:05 Y", "2019-07-11T10:30:05+12:00");
    RFC822("Thu, 11 Jul 2019 10:30:05 J", "ERR");
    /* missing seconds, missing time, missing zone, loose spacing */
    RFC822("Thu, 11 Jul 2019 10:30 +0200", "2019-07-11T10:30:00+02:00");
    RFC822("Thu, 11 Jul 2019", "2019-07-11");
    RFC822("Thu, 11 Jul 2019 10:30:05", "2019-07-11T10:30:05");
    RFC822("  Thu,11  Jul   2019  10:30:05   GMT ", "2019-07-11T10:30:05+00:00");
    RFC822("Thu 11 Jul 2019 10:30:05 GMT", "2019-07-11T10:30:05+00:00");
    RFC822("Thursday, 11 July 2019 10:30:05 GMT", "2019-07-11T10:30:05+00:00");
    RFC822("Thu, 1 Jul 2019 9:05:00 GMT", "2019-07-01T09:05:00+00:00");
    RFC822("Thu, 11-Jul-2019 10:30:05 GMT", "2019-07-11T10:30:05+00:00");
    RFC822("Thu, Jul 11 2019 10:30:05 GMT", "2019-07-11T10:30:05+00:00");
    RFC822("Thu, 11 Jul 2019 10:30:05 GMT+0200", "2019-07-11T10:30:05+02:00");
    /* refused */
    RFC822("", "ERR");
    RFC822("Thu, 31 Feb 2019 10:30:05 GMT", "ERR");
    RFC822("Thu, 11 Jul 2019 25:30:05 GMT", "ERR");
    RFC822("Thu, 11 Jul 2019 10:30:05 XYZ", "ERR");
    RFC822("Thu, 11 Jul 201 10:30:05 GMT", "ERR");
    RFC822("Thu, 11 Foo 2019", "ERR");
    /* every feed form */
    FEED("2019-07-11T10:30:05Z", "2019-07-11T10:30:05Z");
    FEED("2019-07-11T10:30:05.25+02:00", "2019-07-11T10:30:05.25+02:00");
    FEED("2019", "2019");
    FEED("2019-07", "2019-07");
    FEED("2019-07-11T10:30+02:00", "2019-07-11T10:30:00+02:00");
    FEED("Thu, 11 Jul 19 10:30 EDT", "2019-07-11T10:30:00-04:00");
    FEED("July 11, 2019", "2019-07-11");
    FEED("no date", "ERR");
}

int main(void)
{
    test_iso();
    test_text();
    test_feed();
    test_format();
    return harness_done();
}
