/* newsconv feed writers: the joiner, entry heads, dates, escaping (feedwrite.h).
 *
 * Memory. A feed lists its newest entry first, so no entry can be written before the last
 * one is known. The joiner keeps the bytes of the entries in memory up to
 * SPILL_AT bytes, then in an anonymous temporary file (tmpfile(3)); in memory it keeps,
 * per entry, only its index record (sort key, place, offset, length: 40 bytes) and the
 * running channel data. A 10,000-entry feed thus holds about 400 KB of index whatever
 * the size of its entries (make bench measures it). */
#include "feedwrite.h"
#include "common/dom.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SPILL_AT ((size_t)1 << 20) /* entry bytes kept in memory before a file is used */

typedef struct rec {
    unsigned long long key; /* 0: undated, after every dated entry */
    unsigned long long seq; /* input order */
    unsigned long long off; /* in the store */
    size_t len;
} rec;

typedef struct joiner {
    const ncp_feed_kind *kind;
    char *title, *url, *description; /* the options, copied */
    rec *recs;
    size_t n, cap;
    unsigned long long *ids; /* hashes of the entries' idents, open addressing */
    size_t n_ids, cap_ids;
    nc_buf mem;  /* entry bytes while they fit */
    FILE *spill; /* then the file holds them all */
    unsigned long long size; /* bytes stored */
    /* channel data from the heads */
    unsigned long long upd_key;
    char *updated, *language, *publisher;
    char *newest_origin; /* the origin of the newest entry with a link */
    unsigned long long newest_key;
    int lang_differs, pub_differs, all_authors;
} joiner;

/* A malloc'ed copy of s[0..n), NUL-terminated; NULL when out of memory. */
static char *dupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static char *dup_or_null(const char *s) { return s ? dupn(s, strlen(s)) : NULL; }

const char *ncp_feed_opt(const nc_opts *o, const char *name)
{
    const char *v = o ? nc_opts_get(o, name) : NULL;
    return v && *v ? v : NULL;
}

void *ncp_feed_join_begin(const ncp_feed_kind *kind, const nc_opts *o, nc_error *err)
{
    joiner *j = calloc(1, sizeof *j);
    const char *t = ncp_feed_opt(o, "feed-title"), *u = ncp_feed_opt(o, "feed-url"),
               *d = ncp_feed_opt(o, "feed-description");
    if (!j)
        goto nomem;
    j->kind = kind;
    nc_buf_init(&j->mem);
    j->all_authors = 1;
    j->title = dup_or_null(t);
    j->url = dup_or_null(u);
    j->description = dup_or_null(d);
    if ((t && !j->title) || (u && !j->url) || (d && !j->description))
        goto nomem;
    return j;
nomem:
    ncp_feed_join_free(j);
    nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    return NULL;
}

void ncp_feed_join_free(void *p)
{
    joiner *j = p;
    if (!j)
        return;
    free(j->title);
    free(j->url);
    free(j->description);
    free(j->recs);
    free(j->ids);
    nc_buf_release(&j->mem);
    if (j->spill)
        fclose(j->spill);
    free(j->updated);
    free(j->language);
    free(j->publisher);
    free(j->newest_origin);
    free(j);
}

/* Keeps the value every entry agrees on: *differs once two differ ("-" is unknown, which
 * disagrees with any value). 0, or -1 when out of memory. */
static int agree(char **kept, int *differs, int first, const char *v, size_t len)
{
    int unknown = len == 1 && v[0] == '-';
    if (*differs)
        return 0;
    if (unknown) {
        *differs = 1;
        return 0;
    }
    if (first)
        return (*kept = dupn(v, len)) ? 0 : -1;
    if (!*kept || strlen(*kept) != len || memcmp(*kept, v, len))
        *differs = 1;
    return 0;
}

static int store(joiner *j, const char *p, size_t len)
{
    if (!j->spill && j->mem.size + len > SPILL_AT) {
        j->spill = tmpfile();
        if (j->spill && j->mem.size &&
            fwrite(j->mem.ptr, 1, j->mem.size, j->spill) != j->mem.size) {
            fclose(j->spill);
            j->spill = NULL;
        }
        if (j->spill)
            nc_buf_release(&j->mem);
        /* no temporary file: the entries stay in memory */
    }
    if (j->spill)
        return fwrite(p, 1, len, j->spill) == len ? 0 : -1;
    nc_buf_put(&j->mem, p, len);
    return j->mem.failed ? -1 : 0;
}

/* 1 when an earlier entry had this ident; else records it (0; -1: out of memory). The
 * set holds 64-bit hashes (16 bytes an entry with the table's slack). */
static int seen_ident(joiner *j, const char *s, size_t len)
{
    unsigned long long h = ncp_hash64(s, len, 0) | 1, *t;
    size_t i, mask;
    if ((j->n_ids + 1) * 2 > j->cap_ids) {
        size_t cap = j->cap_ids ? j->cap_ids * 2 : 128, k;
        t = calloc(cap, sizeof *t);
        if (!t)
            return -1;
        for (k = 0; k < j->cap_ids; k++)
            if (j->ids[k]) {
                for (i = (size_t)j->ids[k] & (cap - 1); t[i]; i = (i + 1) & (cap - 1))
                    ;
                t[i] = j->ids[k];
            }
        free(j->ids);
        j->ids = t;
        j->cap_ids = cap;
    }
    mask = j->cap_ids - 1;
    for (i = (size_t)h & mask; j->ids[i]; i = (i + 1) & mask)
        if (j->ids[i] == h)
            return 1;
    j->ids[i] = h;
    j->n_ids++;
    return 0;
}

int ncp_feed_join_add(void *p, const char *entry, size_t len, nc_error *err)
{
    joiner *j = p;
    const char *f[8], *nl, *end = entry + len, *s = entry;
    size_t flen[8];
    int k;
    unsigned long long key, upd;
    if (!len)
        return 0; /* left out by the format, with a warning */
    nl = memchr(entry, '\n', len);
    if (!nl)
        return nc_error_set(err, NC_ERR_INTERNAL, 0, 0, "a feed entry without its head");
    for (k = 0; k < 8; k++) {
        const char *tab = k < 7 ? memchr(s, '\t', (size_t)(nl - s)) : nl;
        if (!tab)
            return nc_error_set(err, NC_ERR_INTERNAL, 0, 0, "a feed entry's head is short");
        f[k] = s;
        flen[k] = (size_t)(tab - s);
        s = tab + 1;
    }
    switch (seen_ident(j, f[7], flen[7])) {
    case -1:
        goto nomem;
    case 1:
        nc_error_set(err, NC_ERR_LOSSY, 0, 0, "an earlier article has the same %s '%.*s': "
                     "this one is left out", j->kind->ident_name,
                     (int)(flen[7] > 200 ? 200 : flen[7]), f[7]);
        return 1;
    default:
        break;
    }
    key = strtoull(f[0], NULL, 10);
    upd = strtoull(f[1], NULL, 10);
    if (upd && upd > j->upd_key) {
        char *u = dupn(f[2], flen[2]);
        if (!u)
            goto nomem;
        free(j->updated);
        j->updated = u;
        j->upd_key = upd;
    }
    if (agree(&j->language, &j->lang_differs, j->n == 0, f[3], flen[3]) < 0 ||
        agree(&j->publisher, &j->pub_differs, j->n == 0, f[4], flen[4]) < 0)
        goto nomem;
    if (!(flen[5] == 1 && f[5][0] == '-') &&
        (!j->newest_origin || (key && key > j->newest_key))) {
        char *no = dupn(f[5], flen[5]);
        if (!no)
            goto nomem;
        free(j->newest_origin);
        j->newest_origin = no;
        j->newest_key = key;
    }
    if (!(flen[6] == 1 && f[6][0] == 'a'))
        j->all_authors = 0;
    if (j->n == j->cap) {
        size_t cap = j->cap ? j->cap * 2 : 64;
        rec *r = realloc(j->recs, cap * sizeof *r);
        if (!r)
            goto nomem;
        j->recs = r;
        j->cap = cap;
    }
    nl++;
    if (store(j, nl, (size_t)(end - nl)) < 0) {
        if (j->spill)
            return nc_error_set(err, NC_ERR_IO, 0, 0, "cannot keep a feed entry in a "
                                "temporary file: %s", strerror(errno));
        goto nomem;
    }
    j->recs[j->n].key = key;
    j->recs[j->n].seq = j->n;
    j->recs[j->n].off = j->size;
    j->recs[j->n].len = (size_t)(end - nl);
    j->size += (unsigned long long)(end - nl);
    j->n++;
    return 0;
nomem:
    return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
}

/* Newest first; undated entries last; ties in input order. */
static int rec_cmp(const void *pa, const void *pb)
{
    const rec *a = pa, *b = pb;
    if (a->key != b->key) {
        if (!a->key || !b->key)
            return a->key ? -1 : 1;
        return a->key > b->key ? -1 : 1;
    }
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* put(p, n), or -1 with err set (put's errno kept). */
static int emit(int (*put)(void *ud, const char *data, size_t len), void *ud, const char *p,
                size_t n, nc_error *err)
{
    int e;
    if (put(ud, p, n) == 0)
        return 0;
    e = errno;
    nc_error_set(err, NC_ERR_IO, 0, 0, "cannot write: %s", strerror(e));
    errno = e;
    return -1;
}

int ncp_feed_join_end(void *p, int (*put)(void *ud, const char *data, size_t len), void *ud,
                      nc_error *err)
{
    joiner *j = p;
    ncp_feed_chan c;
    nc_buf head = NC_BUF_INIT, tmp = NC_BUF_INIT;
    const char *tail = !j->n && j->kind->tail_empty ? j->kind->tail_empty : j->kind->tail;
    size_t i;
    int rc = 0, e;
    memset(&c, 0, sizeof c);
    c.url_given = j->url != NULL;
    c.title = j->title ? j->title
              : j->publisher && !j->pub_differs ? j->publisher
                                                 : "Articles";
    c.url = j->url ? j->url : j->newest_origin;
    c.description = j->description ? j->description : c.title;
    c.updated = j->updated;
    c.language = j->language && !j->lang_differs ? j->language : NULL;
    c.all_authors = j->all_authors;
    c.n = j->n;
    if (j->n > 1)
        qsort(j->recs, j->n, sizeof *j->recs, rec_cmp);
    if (j->spill && fflush(j->spill) != 0)
        rc = nc_error_set(err, NC_ERR_IO, 0, 0, "cannot read back the feed's entries: %s",
                          strerror(errno));
    j->kind->head(&head, &c);
    if (rc == 0 && (nc_buf_ok(&head, err) < 0 || emit(put, ud, head.ptr, head.size, err) < 0))
        rc = -1;
    for (i = 0; rc == 0 && i < j->n; i++) {
        const rec *r = &j->recs[i];
        const char *data;
        if (i && emit(put, ud, j->kind->sep, strlen(j->kind->sep), err) < 0) {
            rc = -1;
            break;
        }
        if (j->spill) { /* read back from the temporary file */
            nc_buf_clear(&tmp);
            if (nc_buf_grow(&tmp, r->len + 1) < 0) {
                rc = nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
                break;
            }
            if (fseeko(j->spill, (off_t)r->off, SEEK_SET) != 0 ||
                fread(tmp.ptr, 1, r->len, j->spill) != r->len) {
                rc = nc_error_set(err, NC_ERR_IO, 0, 0,
                                  "cannot read back the feed's entries: %s",
                                  ferror(j->spill) ? strerror(errno) : "short file");
                break;
            }
            data = tmp.ptr;
        } else {
            data = j->mem.ptr + r->off;
        }
        if (emit(put, ud, data, r->len, err) < 0)
            rc = -1;
    }
    if (rc == 0 && emit(put, ud, tail, strlen(tail), err) < 0)
        rc = -1;
    e = errno; /* put's errno survives the clean-up */
    nc_buf_release(&head);
    nc_buf_release(&tmp);
    ncp_feed_join_free(j);
    errno = e;
    return rc;
}

/* ---- entries ---- */

/* a->time[first] when set, else a->time[then] when set, else NULL */
static const nc_time *either(const nc_article *a, nc_tfield first, nc_tfield then)
{
    return a->time[first].prec ? &a->time[first] : a->time[then].prec ? &a->time[then] : NULL;
}

const nc_time *ncp_feed_time(const nc_article *a)
{
    return either(a, NC_T_PUBLISHED, NC_T_MODIFIED);
}

const nc_time *ncp_feed_updated(const nc_article *a)
{
    return either(a, NC_T_MODIFIED, NC_T_PUBLISHED);
}

/* Days from 0000-03-01 of a proleptic Gregorian date (month 1..12). */
static long long days_from_civil(long long y, int m, int d)
{
    long long era, yoe, doy, doe;
    y -= m <= 2;
    era = y / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe;
}

/* The fields of t at least at day precision: a year or a month is its first day. */
static void full_date(const nc_time *t, int *y, int *m, int *d)
{
    *y = t->year;
    *m = t->prec >= NC_TIME_MONTH && t->month ? t->month : 1;
    *d = t->prec >= NC_TIME_DAY && t->day ? t->day : 1;
}

unsigned long long ncp_feed_time_key(const nc_time *t)
{
    int y, m, d;
    long long s;
    if (!t || !t->prec)
        return 0;
    full_date(t, &y, &m, &d);
    s = (days_from_civil(y, m, d) + 1000) * 86400LL; /* after year 0: positive */
    if (t->prec >= NC_TIME_MINUTE) {
        s += t->hour * 3600LL + t->minute * 60LL + t->second;
        if (t->has_zone)
            s -= t->zone_minutes * 60LL;
    }
    return s > 0 ? (unsigned long long)s : 1;
}

/* Writes v with tabs and line breaks as spaces, "-" when NULL or empty. */
static void head_field(nc_buf *out, const char *v)
{
    size_t i;
    if (!v || !*v) {
        nc_buf_putc(out, '-');
        return;
    }
    for (i = 0; v[i]; i++)
        nc_buf_putc(out, v[i] == '\t' || v[i] == '\n' || v[i] == '\r' ? ' ' : v[i]);
}

void ncp_feed_entry_head(nc_buf *out, const nc_article *a, const nc_opts *o,
                         const char *updated, const char *ident)
{
    nc_buf url = NC_BUF_INIT;
    const char *origin = NULL;
    if (a->str[NC_F_URL] && ncp_feed_abs_url(o, a->str[NC_F_URL], &url)) {
        char *p = strstr(url.ptr, "://"), *slash = p ? strchr(p + 3, '/') : NULL;
        if (slash) /* scheme://host/ */
            nc_buf_truncate(&url, (size_t)(slash - url.ptr) + 1);
        else if (p)
            nc_buf_putc(&url, '/');
        if (p)
            origin = url.ptr;
    }
    nc_buf_printf(out, "%llu\t%llu\t", ncp_feed_time_key(ncp_feed_time(a)),
                  updated && *updated ? ncp_feed_time_key(ncp_feed_updated(a)) : 0ULL);
    head_field(out, updated);
    nc_buf_putc(out, '\t');
    head_field(out, a->str[NC_F_LANGUAGE]);
    nc_buf_putc(out, '\t');
    head_field(out, a->str[NC_F_PUBLISHER]);
    nc_buf_putc(out, '\t');
    head_field(out, origin);
    nc_buf_puts(out, a->n_authors || a->str[NC_F_BYLINE] ? "\ta\t" : "\t-\t");
    head_field(out, ident);
    nc_buf_putc(out, '\n');
    if (url.failed)
        out->failed = 1;
    nc_buf_release(&url);
}

/* ---- dates ---- */

void ncp_feed_rfc822(const nc_time *t, char *out)
{
    static const char *const wd[] = {"Wed", "Thu", "Fri", "Sat", "Sun", "Mon", "Tue"};
    static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, m, d, z;
    long long days;
    if (!t || !t->prec) {
        out[0] = '\0';
        return;
    }
    full_date(t, &y, &m, &d);
    days = days_from_civil(y, m, d); /* 0000-03-01 was a Wednesday */
    z = t->prec >= NC_TIME_MINUTE && t->has_zone ? t->zone_minutes : 0;
    snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d %s%02d%02d",
             wd[((days % 7) + 7) % 7], d, mon[(m - 1) % 12], y,
             t->prec >= NC_TIME_MINUTE ? t->hour : 0, t->prec >= NC_TIME_MINUTE ? t->minute : 0,
             t->prec >= NC_TIME_MINUTE ? t->second : 0,
             z < 0 || !(t->prec >= NC_TIME_MINUTE && t->has_zone) ? "-" : "+",
             (z < 0 ? -z : z) / 60, (z < 0 ? -z : z) % 60);
}

void ncp_feed_rfc3339(const nc_time *t, char *out)
{
    out[0] = '\0';
    if (t && t->prec)
        nc_time_format_rfc3339(t, out);
}

/* ---- text and addresses ---- */

void ncp_feed_esc(nc_buf *out, const char *s, int attr)
{
    size_t len;
    if (!s)
        return;
    len = strlen(s);
    if (ncp_utf8_valid(s, len)) {
        ncp_xml_escape(out, s, len, attr);
    } else {
        nc_buf clean = NC_BUF_INIT;
        ncp_utf8_sanitize(&clean, s, len);
        ncp_xml_escape(out, clean.ptr, clean.size, attr);
        if (clean.failed)
            out->failed = 1;
        nc_buf_release(&clean);
    }
}

void ncp_feed_el(nc_buf *out, int indent, const char *name, const char *text)
{
    if (!text)
        return;
    nc_buf_printf(out, "%*s<%s>", indent, "", name);
    ncp_feed_esc(out, text, 0);
    nc_buf_printf(out, "</%s>\n", name);
}

void ncp_feedw_attr(nc_buf *out, const char *name, const char *v)
{
    if (!v)
        return;
    nc_buf_printf(out, " %s=\"", name);
    ncp_feed_esc(out, v, 1);
    nc_buf_putc(out, '"');
}

int ncp_feed_is_absolute(const char *url)
{
    const char *p = url;
    if (!p || !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
        return 0;
    for (p++; *p; p++) {
        if (*p == ':')
            return 1;
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.'))
            return 0;
    }
    return 0;
}

int ncp_feed_abs_url(const nc_opts *o, const char *url, nc_buf *out)
{
    const char *base = ncp_feed_opt(o, "feed-url");
    nc_buf_clear(out);
    if (!ncp_feed_is_absolute(url) && base && ncp_feed_is_absolute(base))
        ncp_dom_resolve(base, url, out);
    else
        nc_buf_puts(out, url);
    return ncp_feed_is_absolute(out->ptr) && !strchr(out->ptr, ' ');
}

const char *ncp_feed_id(const nc_article *a, char *stable)
{
    if (a->str[NC_F_ID])
        return a->str[NC_F_ID];
    ncp_article_stable_id(a, stable, NCP_FEED_ID_LEN);
    return stable;
}

int ncp_feed_html(const nc_article *a, const nc_opts *o, nc_buf *out, nc_error *err)
{
    /* the html format's --fragment, with the conversion's own format options */
    const nc_format *html = nc_format_find("html");
    const char **keys, **values;
    nc_opts local = *o;
    size_t i;
    int rc;
    if (!html || !html->write)
        return nc_error_set(err, NC_ERR_INTERNAL, 0, 0, "no html writer");
    keys = malloc((o->n_fmt + 1) * sizeof *keys);
    values = malloc((o->n_fmt + 1) * sizeof *values);
    if (!keys || !values) {
        free(keys);
        free(values);
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    }
    for (i = 0; i < o->n_fmt; i++) {
        keys[i] = o->fmt_keys[i];
        values[i] = o->fmt_values[i];
    }
    keys[i] = "fragment";
    values[i] = "1";
    local.fmt_keys = keys;
    local.fmt_values = values;
    local.n_fmt = o->n_fmt + 1;
    rc = html->write(a, out, &local, err);
    free(keys);
    free(values);
    return rc;
}

void ncp_feed_excerpt(const nc_article *a, size_t max, nc_buf *out)
{
    nc_buf text = NC_BUF_INIT, flat = NC_BUF_INIT;
    nc_iter it = nc_iter_init(a->body);
    nc_event ev;
    size_t n;
    /* the paragraphs' text, one space between two (not captions, not tables) */
    while ((ev = nc_iter_next(&it)) != NC_EVENT_DONE && text.size <= max)
        if (ev == NC_EVENT_ENTER && nc_iter_node(&it)->type == NC_BLOCK_PARAGRAPH) {
            nc_node_text(nc_iter_node(&it), &text);
            nc_buf_putc(&text, ' ');
        }
    ncp_collapse_space(&flat, text.ptr, text.size);
    n = flat.size;
    if (n > max) {
        n = max;
        while (n > max / 2 && flat.ptr[n] != ' ')
            n--;
        while (n > 0 && ((unsigned char)flat.ptr[n] & 0xC0) == 0x80) /* not inside a char */
            n--;
        nc_buf_put(out, flat.ptr, n);
        nc_buf_puts(out, "...");
    } else {
        nc_buf_put(out, flat.ptr, n);
    }
    if (text.failed || flat.failed)
        out->failed = 1;
    nc_buf_release(&text);
    nc_buf_release(&flat);
}
