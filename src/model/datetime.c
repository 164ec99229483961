/* newsconv: timestamps that keep their precision. */
#include "model.h"

#include <stdio.h>
#include <string.h>

static int isdig(int c) { return c >= '0' && c <= '9'; }
static int isalpha_(int c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }

/* Reads exactly n digits at *p (within end). */
static int digits(const char **p, const char *end, int n, int *out)
{
    int v = 0, i;
    if (end - *p < n)
        return -1;
    for (i = 0; i < n; i++) {
        if (!isdig((unsigned char)(*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return 0;
}

long long ncp_civil_days(int y, int m, int d)
{
    long long yy = (long long)y - (m <= 2), era, yoe, doy, doe;
    era = (yy >= 0 ? yy : yy - 399) / 400;
    yoe = yy - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

static int valid(const nc_time *t)
{
    if (t->year < 1 || t->year > 9999)
        return 0;
    if (t->prec >= NC_TIME_MONTH && (t->month < 1 || t->month > 12))
        return 0;
    if (t->prec >= NC_TIME_DAY && (t->day < 1 || t->day > days_in_month(t->year, t->month)))
        return 0;
    if (t->prec >= NC_TIME_MINUTE && (t->hour > 24 || t->minute > 59 ||
                                      (t->hour == 24 && (t->minute || t->second))))
        return 0;
    if (t->prec >= NC_TIME_SECOND && t->second > 60)
        return 0;
    if (t->has_zone && (t->zone_minutes < -18 * 60 || t->zone_minutes > 18 * 60))
        return 0;
    return 1;
}

/* Zone at *p: Z, +HH, +HHMM, +HH:MM. Returns 0 and advances, -1 if none/invalid. */
static int parse_zone(const char **p, const char *end, nc_time *t)
{
    const char *q = *p;
    int sign, hh, mm = 0;
    if (q < end && (*q == 'Z' || *q == 'z')) {
        t->has_zone = 1;
        t->zone_minutes = 0;
        t->zone_z = 1;
        *p = q + 1;
        return 0;
    }
    if (q >= end || (*q != '+' && *q != '-'))
        return -1;
    sign = *q == '-' ? -1 : 1;
    q++;
    if (digits(&q, end, 2, &hh) < 0)
        return -1;
    if (q < end && *q == ':') {
        q++;
        if (digits(&q, end, 2, &mm) < 0)
            return -1;
    } else if (end - q >= 2 && isdig((unsigned char)q[0])) {
        if (digits(&q, end, 2, &mm) < 0)
            return -1;
    }
    if (mm > 59)
        return -1;
    t->has_zone = 1;
    t->zone_z = 0;
    t->zone_minutes = sign * (hh * 60 + mm);
    *p = q;
    return 0;
}

int nc_time_parse_iso(const char *s, size_t len, nc_time *out)
{
    nc_time t;
    const char *p, *end;
    int basic = 0;
    memset(&t, 0, sizeof t);
    p = ncp_trim(s, &len);
    end = p + len;
    if (digits(&p, end, 4, &t.year) < 0)
        return -1;
    t.prec = NC_TIME_YEAR;
    if (p < end && *p == '-') {
        p++;
        if (digits(&p, end, 2, &t.month) < 0)
            return -1;
        t.prec = NC_TIME_MONTH;
        if (p < end && *p == '-') {
            p++;
            if (digits(&p, end, 2, &t.day) < 0)
                return -1;
            t.prec = NC_TIME_DAY;
        }
    } else if (end - p >= 4 && isdig((unsigned char)*p)) {
        basic = 1;
        if (digits(&p, end, 2, &t.month) < 0 || digits(&p, end, 2, &t.day) < 0)
            return -1;
        t.prec = NC_TIME_DAY;
    }
    if (p < end && t.prec == NC_TIME_DAY && (*p == 'T' || *p == 't' || *p == ' ')) {
        const char *q = p + 1;
        while (*p == ' ' && q < end && *q == ' ')
            q++;
        if (digits(&q, end, 2, &t.hour) < 0)
            return -1;
        if (q < end && *q == ':') {
            q++;
            basic = 0;
        } else if (!basic && !(q < end && isdig((unsigned char)*q))) {
            return -1;
        }
        if (digits(&q, end, 2, &t.minute) < 0)
            return -1;
        t.prec = NC_TIME_MINUTE;
        if (q < end && (*q == ':' || isdig((unsigned char)*q))) {
            if (*q == ':')
                q++;
            if (digits(&q, end, 2, &t.second) < 0)
                return -1;
            t.prec = NC_TIME_SECOND;
            if (q < end && (*q == '.' || *q == ',')) {
                q++;
                if (q >= end || !isdig((unsigned char)*q))
                    return -1;
                while (q < end && isdig((unsigned char)*q)) {
                    if (t.frac_digits < 9) {
                        t.frac = t.frac * 10 + (unsigned long)(*q - '0');
                        t.frac_digits++;
                    }
                    q++;
                }
            }
        }
        while (q < end && *q == ' ')
            q++;
        if (q < end && parse_zone(&q, end, &t) < 0) {
            if (end - q == 3 && (!ncp_strncasecmp(q, "UTC", 3) || !ncp_strncasecmp(q, "GMT", 3))) {
                t.has_zone = 1;
                t.zone_z = 1;
                q = end;
            } else {
                return -1;
            }
        }
        p = q;
    }
    if (p != end || !valid(&t))
        return -1;
    if (t.prec == NC_TIME_MINUTE)
        t.prec = NC_TIME_SECOND; /* 10:30 is 10:30:00: one value, so every format agrees */
    *out = t;
    return 0;
}

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const months_long[] = {"january", "february", "march",     "april",
                                          "may",     "june",     "july",      "august",
                                          "september", "october", "november", "december"};
static const char *const weekdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                       "saturday", "sunday", "mon", "tue", "tues", "wed",
                                       "thu", "thur", "thurs", "fri", "sat", "sun"};
static const char *const fillers[] = {"at", "on", "of", "the", "published", "updated",
                                      "de", "del", "le", "der", "den", "di",
                                      "posted", "last", "modified", "am", "pm", "a", "p",
                                      "m", "th", "st", "nd", "rd", "h"};
static const struct {
    const char *name;
    int minutes;
} zones[] = {{"utc", 0},       {"gmt", 0},       {"z", 0},        {"bst", 60},
             {"cet", 60},      {"cest", 120},    {"eet", 120},    {"eest", 180},
             {"msk", 180},     {"est", -300},    {"edt", -240},   {"cst", -360},
             {"cdt", -300},    {"mst", -420},    {"mdt", -360},   {"pst", -480},
             {"pdt", -420},    {"jst", 540},     {"ist", 330},    {"aest", 600},
             {"aedt", 660},    {"wib", 420},     {"hkt", 480},    {"sgt", 480}};

static int word_is(const char *w, size_t n, const char *lit)
{
    return strlen(lit) == n && !ncp_strncasecmp(w, lit, n);
}

/* Month names of the other languages news is written in most in Western Europe and the
 * Americas (Spanish, Portuguese, French, German, Italian, Dutch), full and the common
 * abbreviations, lower case as printed inside a date ("4 de agosto de 2021", "04-ago-2021",
 * "3 août 2025", "3. März 2025"). Left out: abbreviations that are English words ("set",
 * "out"). Non-ASCII letters must match exactly (only ASCII case is folded). */
static const char *const months_intl[12][9] = {
    {"enero", "ene", "janeiro", "janvier", "janv", "januar", "gennaio", "gen", "januari"},
    {"febrero", "fevereiro", "fev", "f\xc3\xa9" "vrier", "f\xc3\xa9" "vr", "februar", "febbraio",
     "februari", NULL},
    {"marzo", "mar\xc3\xa7o", "mars", "m\xc3\xa4rz", "m\xc3\xa4r", "maart", "mrt", NULL},
    {"abril", "abr", "avril", "avr", "aprile", NULL},
    {"mayo", "maio", "mai", "maggio", "mag", "mei", NULL},
    {"junio", "junho", "juin", "juni", "giugno", "giu", NULL},
    {"julio", "julho", "juillet", "juil", "juli", "luglio", "lug", NULL},
    {"agosto", "ago", "ao\xc3\xbbt", "augustus", NULL},
    {"septiembre", "setiembre", "setembro", "septembre", "settembre", NULL},
    {"octubre", "outubro", "octobre", "oktober", "okt", "ottobre", "ott", NULL},
    {"noviembre", "novembro", "novembre", NULL},
    {"diciembre", "dic", "dezembro", "dez", "d\xc3\xa9" "cembre", "d\xc3\xa9" "c", "dezember",
     "dicembre", NULL},
};

static int find_month(const char *w, size_t n)
{
    int i, j;
    for (i = 0; i < 12; i++) {
        if (word_is(w, n, months_long[i]) || word_is(w, n, months[i]))
            return i + 1;
        if (i == 8 && word_is(w, n, "sept"))
            return 9;
    }
    for (i = 0; i < 12; i++)
        for (j = 0; j < 9 && months_intl[i][j]; j++)
            if (word_is(w, n, months_intl[i][j]))
                return i + 1;
    return 0;
}

/* A letter of a word: ASCII, or a byte of a non-ASCII UTF-8 character other than the
 * no-break space and the general punctuation block (dashes, quotes) */
static size_t word_char(const char *p, const char *end)
{
    unsigned char c = (unsigned char)*p;
    if (isalpha_(c))
        return 1;
    if (c < 0xC3 || c > 0xDF || p + 1 >= end || ((unsigned char)p[1] & 0xC0) != 0x80)
        return 0; /* Latin-1 supplement letters and the 2-byte scripts after them only */
    return 2;
}

/* dd.mm.yyyy, yyyy/mm/dd, mm/dd/yyyy with an optional time after. */
static int parse_numeric(const char *p, const char *end, nc_time *t)
{
    int a, b, c;
    char sep;
    const char *q = p;
    int la = 0;
    a = 0;
    while (q < end && isdig((unsigned char)*q) && la < 4) {
        a = a * 10 + (*q - '0');
        q++;
        la++;
    }
    if (!la || q >= end || (*q != '/' && *q != '.'))
        return -1;
    sep = *q++;
    if (q >= end || !isdig((unsigned char)*q))
        return -1;
    b = *q++ - '0';
    if (q < end && isdig((unsigned char)*q))
        b = b * 10 + (*q++ - '0');
    if (q >= end || *q != sep)
        return -1;
    q++;
    c = 0;
    {
        int lc = 0;
        while (q < end && isdig((unsigned char)*q) && lc < 4) {
            c = c * 10 + (*q - '0');
            q++;
            lc++;
        }
        if (la == 4) {
            if (lc < 1 || lc > 2)
                return -1;
            t->year = a, t->month = b, t->day = c;
        } else {
            if (lc != 4 || la > 2)
                return -1;
            t->year = c;
            if (sep == '.')
                t->day = a, t->month = b;
            else if (a > 12)
                t->day = a, t->month = b;
            else
                t->month = a, t->day = b;
        }
    }
    if (q < end && isdig((unsigned char)*q))
        return -1;
    t->prec = NC_TIME_DAY;
    return (int)(q - p);
}

/* 1 for 年/년 (year), 2 for 月/월 (month), 3 for 日/일 (day) at p, else 0. */
static int cjk_unit(const char *p, const char *end)
{
    static const char *const units[] = {"\xE5\xB9\xB4", "\xE6\x9C\x88", "\xE6\x97\xA5",
                                        "\xEB\x85\x84", "\xEC\x9B\x94", "\xEC\x9D\xBC"};
    int i;
    if (end - p < 3)
        return 0;
    for (i = 0; i < 6; i++)
        if (!memcmp(p, units[i], 3))
            return i % 3 + 1;
    return 0;
}

/* A zone name in free text ("UTC", "CEST"), maybe followed by an offset
 * ("UTC+3", "GMT+02:00"); 1 when w is one. */
static int text_zone(const char *w, size_t n, const char **pp, const char *end, nc_time *t)
{
    const char *p = *pp;
    int i;
    for (i = 0; i < (int)(sizeof zones / sizeof zones[0]); i++)
        if (word_is(w, n, zones[i].name)) {
            t->has_zone = 1;
            t->zone_minutes = zones[i].minutes;
            t->zone_z = zones[i].minutes == 0 && (w[0] | 32) != 'g';
            if (p < end && (*p == '+' || *p == '-')) {
                nc_time z = *t;
                if (parse_zone(&p, end, &z) == 0) {
                    *t = z, t->zone_z = 0;
                } else if (p + 1 < end && isdig((unsigned char)p[1]) &&
                           !(p + 2 < end && isdig((unsigned char)p[2]))) {
                    /* "UTC+3", "GMT-5": an offset of whole hours in one digit */
                    t->zone_minutes = (*p == '-' ? -60 : 60) * (p[1] - '0');
                    t->zone_z = 0;
                    p += 2;
                }
            }
            *pp = p;
            return 1;
        }
    return 0;
}

/* A word in free text: a month, am/pm (also "a.m."), a zone, a weekday or a
 * filler word; -1 for any other word. */
static int text_word(const char **pp, const char *end, nc_time *t, int *pm)
{
    const char *p = *pp, *w = p;
    size_t n;
    int m, i, matched = 0;
    size_t k;
    while (p < end && (k = word_char(p, end)) != 0)
        p += k;
    n = (size_t)(p - w);
    if ((m = find_month(w, n)) != 0 && !t->month) {
        t->month = m;
        *pp = p;
        return 0;
    }
    if (word_is(w, n, "am") || word_is(w, n, "pm")) {
        *pm = (w[0] | 32) == 'p';
        *pp = p;
        return 0;
    }
    if ((word_is(w, n, "a") || word_is(w, n, "p")) && p + 2 < end + 1 && p < end &&
        *p == '.' && p + 1 < end && (p[1] | 32) == 'm') {
        *pm = (w[0] | 32) == 'p';
        p += 2;
        if (p < end && *p == '.')
            p++;
        *pp = p;
        return 0;
    }
    matched = text_zone(w, n, &p, end, t);
    for (i = 0; !matched && i < (int)(sizeof weekdays / sizeof weekdays[0]); i++)
        if (word_is(w, n, weekdays[i]))
            matched = 1;
    for (i = 0; !matched && i < (int)(sizeof fillers / sizeof fillers[0]); i++)
        if (word_is(w, n, fillers[i]))
            matched = 1;
    if (!matched)
        return -1;
    *pp = p;
    return 0;
}

/* A number in free text: a CJK year/month/day, a time (H:MM[:SS], 10h30), a
 * year or a day (with an ordinal suffix); -1 when it fits none. */
static int text_number(const char **pp, const char *end, nc_time *t, int *have_time,
                       int *day_set, int *year_set)
{
    const char *p = *pp;
    int v = 0, n = 0, unit;
    while (p < end && isdig((unsigned char)*p) && n < 5) {
        v = v * 10 + (*p - '0');
        p++;
        n++;
    }
    if (p < end && isdig((unsigned char)*p))
        return -1;
    /* CJK and Korean dates: 2019年7月11日, 2019년 7월 11일 */
    unit = cjk_unit(p, end);
    if (unit) {
        p += 3;
        if (unit == 1 && n == 4 && !*year_set) {
            t->year = v;
            *year_set = 1;
        } else if (unit == 2 && n <= 2 && !t->month && v >= 1 && v <= 12) {
            t->month = v;
        } else if (unit == 3 && n <= 2 && !*day_set && v >= 1 && v <= 31) {
            t->day = v;
            *day_set = 1;
        } else {
            return -1;
        }
        *pp = p;
        return 0;
    }
    if (p < end &&
        (*p == ':' || (*p == 'h' && n <= 2 && p + 1 < end && isdig((unsigned char)p[1])))) {
        /* a time: H:MM[:SS] or 10h30 */
        if (*have_time || n > 2)
            return -1;
        t->hour = v;
        p++;
        if (digits(&p, end, 2, &t->minute) < 0)
            return -1;
        t->prec = NC_TIME_MINUTE;
        if (p < end && *p == ':') {
            p++;
            if (digits(&p, end, 2, &t->second) < 0)
                return -1;
            *have_time = 2;
        } else {
            *have_time = 1;
        }
        *pp = p;
        return 0;
    }
    if (n == 4 && !*year_set) {
        t->year = v;
        *year_set = 1;
    } else if (n <= 2 && !*day_set && v >= 1 && v <= 31) {
        t->day = v;
        *day_set = 1;
        /* ordinal suffix */
        if (end - p >= 2 && (word_is(p, 2, "st") || word_is(p, 2, "nd") ||
                             word_is(p, 2, "rd") || word_is(p, 2, "th")))
            p += 2;
    } else {
        return -1;
    }
    *pp = p;
    return 0;
}

/* The 24-hour clock from am/pm, and the precision from what free text gave. */
static int text_precision(nc_time *t, int pm, int have_time, int day_set)
{
    if (pm >= 0 && have_time) {
        if (t->hour < 1 || t->hour > 12)
            return -1;
        if (pm && t->hour != 12)
            t->hour += 12;
        else if (!pm && t->hour == 12)
            t->hour = 0;
    }
    if (!day_set) {
        if (have_time)
            return -1;
        t->prec = NC_TIME_MONTH;
    } else if (have_time == 2) {
        t->prec = NC_TIME_SECOND;
    } else if (have_time) {
        t->prec = NC_TIME_MINUTE;
    } else {
        t->prec = NC_TIME_DAY;
        t->has_zone = 0; /* a zone without a time says nothing */
    }
    return 0;
}

int nc_time_parse_text(const char *s, size_t len, nc_time *out)
{
    nc_time t;
    const char *p, *end;
    int have_time = 0, pm = -1, day_set = 0, year_set = 0;
    if (nc_time_parse_iso(s, len, out) == 0)
        return 0;
    memset(&t, 0, sizeof t);
    p = ncp_trim(s, &len);
    end = p + len;
    if (len > 120)
        return -1;
    {
        int k = parse_numeric(p, end, &t);
        if (k > 0) {
            p += k;
            day_set = year_set = 1;
        }
    }
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ' || c == ',' || c == '\t' || c == '|' || c == '(' || c == ')' ||
            c == '/' || c == '.') {
            p++;
            continue;
        }
        if (c == '-' && t.month && !year_set) {
            p++; /* "04-ago-2021", "11-Jul-2019": the dash after a month name */
            continue;
        }
        if ((c == '-' || c == 0xE2) && !(p + 1 < end && isdig((unsigned char)p[1]))) {
            /* a dash between date and time ("-", "–", "—") */
            if (c == 0xE2 && end - p >= 3 && (unsigned char)p[1] == 0x80 &&
                ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94))
                p += 3;
            else if (c == '-')
                p++;
            else
                return -1;
            continue;
        }
        if (isalpha_(c)) {
            if (text_word(&p, end, &t, &pm) < 0)
                return -1;
            continue;
        }
        if ((c == '+' || c == '-') && t.year) {
            if (parse_zone(&p, end, &t) < 0)
                return -1;
            continue;
        }
        if (isdig(c)) {
            if (text_number(&p, end, &t, &have_time, &day_set, &year_set) < 0)
                return -1;
            continue;
        }
        return -1;
    }
    if (!year_set || !t.month)
        return -1;
    if (text_precision(&t, pm, have_time, day_set) < 0)
        return -1;
    if (!valid(&t))
        return -1;
    if (t.prec == NC_TIME_MINUTE)
        t.prec = NC_TIME_SECOND; /* see nc_time_parse_iso */
    *out = t;
    return 0;
}

static size_t put_zone(const nc_time *t, char *o, int force_z)
{
    int z = t->zone_minutes, a = z < 0 ? -z : z;
    if (!t->has_zone || ((t->zone_z || force_z) && z == 0))
        return (size_t)sprintf(o, "Z");
    return (size_t)sprintf(o, "%c%02d:%02d", z < 0 ? '-' : '+', a / 60, a % 60);
}

size_t nc_time_format(const nc_time *t, char *o)
{
    size_t n = 0;
    o[0] = '\0';
    if (!t || t->prec == NC_TIME_NONE)
        return 0;
    n += (size_t)sprintf(o + n, "%04d", t->year);
    if (t->prec >= NC_TIME_MONTH)
        n += (size_t)sprintf(o + n, "-%02d", t->month);
    if (t->prec >= NC_TIME_DAY)
        n += (size_t)sprintf(o + n, "-%02d", t->day);
    if (t->prec >= NC_TIME_MINUTE) {
        n += (size_t)sprintf(o + n, "T%02d:%02d", t->hour, t->minute);
        if (t->prec >= NC_TIME_SECOND) {
            n += (size_t)sprintf(o + n, ":%02d", t->second);
            if (t->frac_digits)
                n += (size_t)sprintf(o + n, ".%0*lu", t->frac_digits, t->frac);
        }
        if (t->has_zone)
            n += put_zone(t, o + n, 0);
    }
    return n;
}

size_t nc_time_format_rfc3339(const nc_time *t, char *o)
{
    size_t n = 0;
    o[0] = '\0';
    if (!t || t->prec == NC_TIME_NONE)
        return 0;
    n += (size_t)sprintf(o, "%04d-%02d-%02d", t->year,
                         t->prec >= NC_TIME_MONTH ? t->month : 1,
                         t->prec >= NC_TIME_DAY ? t->day : 1);
    if (t->prec < NC_TIME_MINUTE)
        return n + (size_t)sprintf(o + n, "T00:00:00-00:00");
    n += (size_t)sprintf(o + n, "T%02d:%02d:%02d", t->hour, t->minute,
                         t->prec >= NC_TIME_SECOND ? t->second : 0);
    if (t->prec >= NC_TIME_SECOND && t->frac_digits)
        n += (size_t)sprintf(o + n, ".%0*lu", t->frac_digits, t->frac);
    if (!t->has_zone)
        return n + (size_t)sprintf(o + n, "-00:00");
    return n + put_zone(t, o + n, 0);
}

int nc_time_parse_rfc3339(const char *s, size_t len, nc_time *t)
{
    nc_time r;
    const char *p = ncp_trim(s, &len);
    if (nc_time_parse_iso(p, len, &r) < 0)
        return -1;
    if (r.prec >= NC_TIME_MINUTE && len >= 6 && !memcmp(p + len - 6, "-00:00", 6)) {
        r.has_zone = 0;
        r.zone_minutes = 0;
        if (r.hour == 0 && r.minute == 0 && r.second == 0 && !r.frac_digits) {
            r.prec = NC_TIME_DAY;
            r.hour = r.minute = r.second = 0;
        }
    }
    *t = r;
    return 0;
}

int nc_time_equal(const nc_time *a, const nc_time *b)
{
    char x[NC_TIME_ISO_LEN], y[NC_TIME_ISO_LEN];
    if (a->prec == NC_TIME_NONE || b->prec == NC_TIME_NONE)
        return 0;
    nc_time_format(a, x);
    nc_time_format(b, y);
    return !strcmp(x, y);
}

/* ---- dates of feeds ----
 * RFC 822 / 2822 as feeds write them: "[Wkday,] D Mon YY[YY] [HH:MM[:SS]] [zone]", with
 * loose spacing (commas, several spaces), two-digit years (00-49: 20xx, 50-99: 19xx, as
 * RFC 2822 reads them), named zones (UT, GMT, EST, ...), military letters (as RFC 822
 * writes them: Z = UT, A..I and K..M west, N..Y east) and numeric offsets. */

/* The offset of a one-letter military zone, in minutes; -1 when c is none. */
static int military_zone(int c, int *minutes)
{
    c |= 32;
    if (c == 'z')
        *minutes = 0;
    else if (c >= 'a' && c <= 'i')
        *minutes = -60 * (c - 'a' + 1);
    else if (c >= 'k' && c <= 'm')
        *minutes = -60 * (c - 'k' + 10);
    else if (c >= 'n' && c <= 'y')
        *minutes = 60 * (c - 'n' + 1);
    else
        return -1;
    return 0;
}

/* A word at *p (letters only), advancing past it. */
static size_t take_word(const char **p, const char *end)
{
    const char *w = *p;
    while (*p < end && isalpha_((unsigned char)**p))
        (*p)++;
    return (size_t)(*p - w);
}

static void skip_loose(const char **p, const char *end)
{
    while (*p < end && (**p == ' ' || **p == '\t' || **p == ',' || **p == '\r' || **p == '\n'))
        (*p)++;
}

/* A number of 1..max digits at *p. */
static int take_number(const char **p, const char *end, int max, int *v, int *n)
{
    *v = 0;
    *n = 0;
    while (*p < end && isdig((unsigned char)**p) && *n < max) {
        *v = *v * 10 + (**p - '0');
        (*p)++;
        (*n)++;
    }
    return *n && !(*p < end && isdig((unsigned char)**p)) ? 0 : -1;
}

/* The zone after an RFC 822 time: an offset, a military letter, UT or a name,
 * maybe followed by an offset ("GMT+0200"). */
static int rfc822_zone(const char **pp, const char *end, nc_time *t)
{
    const char *p = *pp, *w;
    size_t n;
    int i, matched = 0;
    if (p < end && (*p == '+' || *p == '-')) {
        if (parse_zone(&p, end, t) < 0)
            return -1;
        *pp = p;
        return 0;
    }
    if (p >= end)
        return 0;
    w = p;
    n = take_word(&p, end);
    if (n == 1 && military_zone(w[0], &t->zone_minutes) == 0) {
        t->has_zone = 1;
        t->zone_z = (w[0] | 32) == 'z';
        matched = 1;
    } else if (word_is(w, n, "ut")) {
        t->has_zone = 1;
        matched = 1;
    } else {
        /* the North American names of RFC 822 and the ones without daylight */
        static const struct {
            const char *name;
            int minutes;
        } more[] = {{"adt", -180}, {"ast", -240}, {"at", -240}, {"et", -300},
                    {"ct", -360},  {"mt", -420},  {"pt", -480}};
        for (i = 0; i < (int)(sizeof more / sizeof more[0]); i++)
            if (word_is(w, n, more[i].name)) {
                t->has_zone = 1;
                t->zone_minutes = more[i].minutes;
                matched = 1;
            }
        for (i = 0; !matched && i < (int)(sizeof zones / sizeof zones[0]); i++)
            if (word_is(w, n, zones[i].name)) {
                t->has_zone = 1;
                t->zone_minutes = zones[i].minutes;
                matched = 1;
                break;
            }
    }
    if (!matched)
        return -1;
    if (p < end && (*p == '+' || *p == '-')) { /* "GMT+0200" */
        if (parse_zone(&p, end, t) < 0)
            return -1;
    }
    *pp = p;
    return 0;
}

/* The time of an RFC 822 date, H:MM[:SS[.frac]], and its zone. */
static int rfc822_time(const char **pp, const char *end, nc_time *t)
{
    const char *p = *pp;
    int nd;
    if (take_number(&p, end, 2, &t->hour, &nd) < 0 || p >= end || *p != ':')
        return -1;
    p++;
    if (digits(&p, end, 2, &t->minute) < 0)
        return -1;
    t->prec = NC_TIME_SECOND; /* 10:30 is 10:30:00, as nc_time_parse_iso reads it */
    if (p < end && *p == ':') {
        p++;
        if (digits(&p, end, 2, &t->second) < 0)
            return -1;
        if (p < end && *p == '.') { /* fractions, as some feeds write them */
            p++;
            while (p < end && isdig((unsigned char)*p) && t->frac_digits < 9) {
                t->frac = t->frac * 10 + (unsigned long)(*p - '0');
                t->frac_digits++;
                p++;
            }
        }
    }
    skip_loose(&p, end);
    if (rfc822_zone(&p, end, t) < 0)
        return -1;
    *pp = p;
    return 0;
}

int nc_time_parse_rfc822(const char *s, size_t len, nc_time *out)
{
    nc_time t;
    const char *p, *end, *w;
    size_t n;
    int v, nd, i;
    memset(&t, 0, sizeof t);
    p = ncp_trim(s, &len);
    end = p + len;
    if (len > 120)
        return -1;
    skip_loose(&p, end);
    /* an optional weekday */
    w = p;
    n = take_word(&p, end);
    if (n) {
        int wd = 0;
        for (i = 0; i < (int)(sizeof weekdays / sizeof weekdays[0]); i++)
            if (word_is(w, n, weekdays[i]))
                wd = 1;
        if (!wd)
            p = w; /* "Jul 11 2019": month first */
        else if (p < end && *p == '.')
            p++;
    }
    skip_loose(&p, end);
    /* day and month, in either order */
    if (p < end && isdig((unsigned char)*p)) {
        if (take_number(&p, end, 2, &t.day, &nd) < 0)
            return -1;
        skip_loose(&p, end);
        if (p < end && *p == '-')
            p++;
        w = p;
        if (!(t.month = find_month(w, take_word(&p, end))))
            return -1;
    } else {
        w = p;
        if (!(t.month = find_month(w, take_word(&p, end))))
            return -1;
        skip_loose(&p, end);
        if (take_number(&p, end, 2, &t.day, &nd) < 0)
            return -1;
    }
    if (p < end && *p == '.')
        p++;
    skip_loose(&p, end);
    if (p < end && *p == '-')
        p++;
    if (take_number(&p, end, 4, &v, &nd) < 0 || nd == 3 || nd == 1)
        return -1;
    t.year = nd == 2 ? (v < 50 ? 2000 + v : 1900 + v) : v;
    t.prec = NC_TIME_DAY;
    skip_loose(&p, end);
    if (p < end && isdig((unsigned char)*p) && rfc822_time(&p, end, &t) < 0)
        return -1;
    skip_loose(&p, end);
    if (p != end || !valid(&t))
        return -1;
    *out = t;
    return 0;
}

int nc_time_parse_feed(const char *s, size_t len, nc_time *out)
{
    if (nc_time_parse_iso(s, len, out) == 0 || nc_time_parse_rfc822(s, len, out) == 0)
        return 0;
    return nc_time_parse_text(s, len, out);
}
