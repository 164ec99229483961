/* newsconv feed writers: the joiner, entry heads, dates, escaping (feedwrite.h).
 *
 * Memory. A feed lists its newest entry first, so no entry can be written before the last
 * one is known. The joiner keeps the bytes of the entries in memory up to
 * SPILL_AT bytes, then in an anonymous temporary file (tmpfile(3)); in memory it keeps,
 * per entry, only its index record (sort key, place, offset, length, flag: 48 bytes) and
 * the running channel data. A 10,000-entry feed thus holds about 480 KB of index whatever
 * the size of its entries (make bench measures it). */
#include "feedwrite.h"

#include "common/dom.h"
#include "common/notcarried.h"
#include "common/publish.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SPILL_AT ((size_t)1 << 20) /* entry bytes kept in memory before a file is used */

typedef struct rec {
    unsigned long long key; /* 0: undated, after every dated entry */
    unsigned long long seq; /* input order */
    unsigned long long off; /* in the store */
    size_t len;
    int undated; /* holds NCP_FEED_UNDATED */
} rec;

typedef struct joiner {
    const ncp_feed_kind *kind;
    char *title, *url, *description; /* the options, copied */
    char *image, *copyright, *language_opt;
    rec *recs;
    size_t n, cap;
    unsigned long long *ids; /* hashes of the entries' idents, open addressing */
    size_t n_ids, cap_ids;
    nc_buf mem;  /* entry bytes while they fit */
    FILE *spill; /* then the file holds them all */
    unsigned long long size; /* bytes stored */
    /* channel data from the heads */
    unsigned long long upd_key;
    char *updated, *language, *publisher, *logo;
    char *newest_origin; /* the origin of the newest entry with a link */
    unsigned long long newest_key;
    int lang_differs, pub_differs, logo_differs, all_authors;
    /* publishers of the articles that name one, for kinds without item_publisher */
    char *pub_first;
    size_t n_pub;
    int pub_mixed;
    const nc_opts *o; /* the run's options (they outlive the joiner): join_end's warning */
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
               *d = ncp_feed_opt(o, "feed-description"), *im = ncp_feed_opt(o, "feed-image"),
               *cr = ncp_feed_opt(o, "feed-copyright"), *la = ncp_feed_opt(o, "feed-language");
    if (!j)
        goto nomem;
    j->kind = kind;
    j->o = o;
    nc_buf_init(&j->mem);
    j->all_authors = 1;
    j->title = dup_or_null(t);
    j->url = dup_or_null(u);
    j->description = dup_or_null(d);
    j->image = dup_or_null(im);
    j->copyright = dup_or_null(cr);
    j->language_opt = dup_or_null(la);
    if ((t && !j->title) || (u && !j->url) || (d && !j->description) || (im && !j->image) ||
        (cr && !j->copyright) || (la && !j->language_opt))
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
    free(j->pub_first);
    free(j->url);
    free(j->description);
    free(j->image);
    free(j->copyright);
    free(j->language_opt);
    free(j->logo);
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
    const char *f[9], *nl, *end = entry + len, *s = entry;
    size_t flen[9];
    int k;
    unsigned long long key, upd;
    if (!len)
        return 0; /* left out by the format, with a warning */
    nl = memchr(entry, '\n', len);
    if (!nl)
        return nc_error_set(err, NC_ERR_INTERNAL, 0, 0, "a feed entry without its head");
    for (k = 0; k < 9; k++) {
        const char *tab = k < 8 ? memchr(s, '\t', (size_t)(nl - s)) : nl;
        if (!tab)
            return nc_error_set(err, NC_ERR_INTERNAL, 0, 0, "a feed entry's head is short");
        f[k] = s;
        flen[k] = (size_t)(tab - s);
        s = tab + 1;
    }
    switch (seen_ident(j, f[8], flen[8])) {
    case -1:
        goto nomem;
    case 1:
        nc_error_set(err, NC_ERR_LOSSY, 0, 0, "an earlier article has the same %s '%.*s': "
                     "this one is left out", j->kind->ident_name,
                     (int)(flen[8] > 200 ? 200 : flen[8]), f[8]);
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
        agree(&j->publisher, &j->pub_differs, j->n == 0, f[4], flen[4]) < 0 ||
        agree(&j->logo, &j->logo_differs, j->n == 0, f[6], flen[6]) < 0)
        goto nomem;
    if (!(flen[4] == 1 && f[4][0] == '-')) { /* the article names a publisher */
        if (!j->n_pub++) {
            if (!(j->pub_first = dupn(f[4], flen[4])))
                goto nomem;
        } else if (strlen(j->pub_first) != flen[4] || memcmp(j->pub_first, f[4], flen[4])) {
            j->pub_mixed = 1;
        }
    }
    if (!(flen[5] == 1 && f[5][0] == '-') &&
        (!j->newest_origin || (key && key > j->newest_key))) {
        char *no = dupn(f[5], flen[5]);
        if (!no)
            goto nomem;
        free(j->newest_origin);
        j->newest_origin = no;
        j->newest_key = key;
    }
    if (f[7][0] != 'a')
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
    j->recs[j->n].undated = flen[7] > 1 && f[7][1] == 'u';
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
                size_t n, nc_error *err);

/* An entry whose date is NCP_FEED_UNDATED, with the channel's date in its place. */
static int emit_dated(int (*put)(void *ud, const char *data, size_t len), void *ud,
                      const char *p, size_t n, const char *date, nc_error *err)
{
    const char *mark = NCP_FEED_UNDATED;
    size_t k = strlen(mark), i = 0, from = 0;
    while (n >= k && i <= n - k) {
        if (p[i] == mark[0] && !memcmp(p + i, mark, k)) {
            if (emit(put, ud, p + from, i - from, err) < 0 ||
                emit(put, ud, date, strlen(date), err) < 0)
                return -1;
            i += k;
            from = i;
        } else {
            i++;
        }
    }
    return emit(put, ud, p + from, n - from, err);
}

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

/* A feed whose entries cannot name their publisher (Atom, JSON Feed) names one, its title:
 * the articles whose publisher is another are told of (one warning for the feed; fatal
 * under --strict, nothing written). */
static int publishers_lost(const joiner *j, const ncp_feed_chan *c, nc_error *err)
{
    if (j->pub_mixed)
        nc_warn(j->o, 0, 0,
                "%s: an entry cannot name its publisher, and the articles name several (the "
                "feed's title is '%s'): dropped",
                j->kind->name, c->title);
    else
        nc_warn(j->o, 0, 0,
                "%s: an entry cannot name its publisher, and the feed's title '%s' is not the "
                "articles' publisher '%s': dropped",
                j->kind->name, c->title, j->pub_first);
    if (j->o && j->o->strict)
        return nc_error_set(err, NC_ERR_LOSSY, 0, 0,
                            "%s: the articles' publishers cannot be carried (--strict)",
                            j->kind->name);
    return 0;
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
    c.image = j->image ? j->image : j->logo && !j->logo_differs ? j->logo : NULL;
    c.copyright = j->copyright;
    c.updated = j->updated;
    c.language = j->language_opt                       ? j->language_opt
                 : j->language && !j->lang_differs ? j->language
                                                   : NULL;
    c.all_authors = j->all_authors;
    c.n = j->n;
    if (!j->kind->item_publisher && j->n_pub &&
        (j->pub_mixed || strcmp(j->pub_first, c.title)) && publishers_lost(j, &c, err) < 0) {
        ncp_feed_join_free(j);
        return -1;
    }
    if (!j->n && j->kind->none_error) { /* nothing is written */
        nc_error_set(err, NC_ERR_NOT_ARTICLE, 0, 0, "%s", j->kind->none_error);
        ncp_feed_join_free(j);
        return -1;
    }
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
        if ((r->undated ? emit_dated(put, ud, data, r->len,
                                     c.updated ? c.updated : NCP_FEED_EPOCH, err)
                        : emit(put, ud, data, r->len, err)) < 0)
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

static void entry_head(nc_buf *out, const nc_article *a, const nc_opts *o,
                       const char *updated, const char *ident, int undated)
{
    nc_buf url = NC_BUF_INIT;
    const char *origin = NULL, *site = nc_article_get_extra(a, "publisher_url"),
               *logo = nc_article_get_extra(a, "publisher_logo");
    if (site && ncp_feed_is_absolute(site) && !strchr(site, ' ')) {
        origin = site; /* the channel link of the feed the article was read from */
    } else if (a->str[NC_F_URL] && ncp_feed_abs_url(o, a->str[NC_F_URL], &url)) {
        char *p = strstr(url.ptr, "://"), *slash = p ? strchr(p + 3, '/') : NULL;
        if (slash) /* scheme://host/ */
            nc_buf_truncate(&url, (size_t)(slash - url.ptr) + 1);
        else if (p)
            nc_buf_putc(&url, '/');
        if (p)
            origin = url.ptr;
    }
    if (logo && !(ncp_feed_is_absolute(logo) && !strchr(logo, ' ')))
        logo = NULL;
    nc_buf_printf(out, "%llu\t%llu\t", ncp_feed_time_key(ncp_feed_time(a)),
                  updated && *updated ? ncp_feed_time_key(ncp_feed_updated(a)) : 0ULL);
    head_field(out, updated);
    nc_buf_putc(out, '\t');
    head_field(out, a->str[NC_F_LANGUAGE]);
    nc_buf_putc(out, '\t');
    head_field(out, a->str[NC_F_PUBLISHER]);
    nc_buf_putc(out, '\t');
    head_field(out, origin);
    nc_buf_putc(out, '\t');
    head_field(out, logo);
    nc_buf_puts(out, a->n_authors || a->str[NC_F_BYLINE] ? "\ta" : "\t-");
    nc_buf_puts(out, undated ? "u\t" : "\t");
    head_field(out, ident);
    nc_buf_putc(out, '\n');
    if (url.failed)
        out->failed = 1;
    nc_buf_release(&url);
}

void ncp_feed_entry_head(nc_buf *out, const nc_article *a, const nc_opts *o,
                         const char *updated, const char *ident)
{
    entry_head(out, a, o, updated, ident, 0);
}

void ncp_feed_entry_head_undated(nc_buf *out, const nc_article *a, const nc_opts *o,
                                 const char *ident)
{
    entry_head(out, a, o, NULL, ident, 1);
}

/* ---- what an item holds ---- */

/* Appends ", " and the text (the list of what is dropped). */
static void dropped(nc_buf *list, const char *fmt, ...) NC_PRINTF(2, 3);
static void dropped(nc_buf *list, const char *fmt, ...)
{
    va_list ap;
    if (list->size)
        nc_buf_puts(list, ", ");
    va_start(ap, fmt);
    nc_buf_vprintf(list, fmt, ap);
    va_end(ap);
}

static int holds_rel(const ncp_feed_holds *h, const char *rel)
{
    const char *const *r;
    for (r = h->rels; r && *r; r++)
        if (rel && !strcmp(rel, *r))
            return 1;
    return 0;
}

void ncp_feed_not_carried(const nc_article *a, const nc_opts *o, const ncp_feed_holds *h)
{
    nc_buf list = NC_BUF_INIT;
    size_t i, k, links = 0, extra = 0, roles = 0, cap = 0, cred = 0, alt = 0, rend = 0,
                 codes = 0, urls = 0, titles = 0, schemes = 0;
    int f;
    for (f = 0; f < NC_F__COUNT; f++) {
        int held = (h->fields & NCP_HOLDS_FIELD(f)) != 0;
        if (f == NC_F_BYLINE) /* written as the author when there is none */
            held = held && !a->n_authors;
        if (f == NC_F_EDNOTE) /* internal: never in a feed */
            held = 0;
        if (a->str[f] && !held)
            dropped(&list, "%s", nc_field_name((nc_field)f));
    }
    for (f = 0; f < NC_T__COUNT; f++)
        if (a->time[f].prec && !(h->times & NCP_HOLDS_TIME(f)))
            dropped(&list, "the %s date", nc_tfield_name((nc_tfield)f));
    if (a->urgency)
        dropped(&list, "the urgency");
    if (a->n_genres)
        dropped(&list, "%zu genre%s", a->n_genres, a->n_genres == 1 ? "" : "s");
    for (i = 0; i < a->n_authors; i++) {
        const nc_author *au = &a->authors[i];
        roles += (au->role && strcmp(au->role, "contributor")) || au->affiliation;
        urls += au->url && strncmp(au->url, "mailto:", 7) && !(h->what & NCP_HOLDS_AUTHOR_URL);
    }
    if (roles)
        dropped(&list, "the roles or affiliations of %zu author%s", roles, roles == 1 ? "" : "s");
    if (urls)
        dropped(&list, "the web addresses of %zu author%s", urls, urls == 1 ? "" : "s");
    for (i = 0; i < a->n_subjects; i++) {
        codes += a->subjects[i].code && a->subjects[i].name &&
                 strcmp(a->subjects[i].code, a->subjects[i].name);
        schemes += a->subjects[i].scheme != NULL;
    }
    if (schemes && !(h->what & NCP_HOLDS_SCHEMES))
        dropped(&list, "the schemes of %zu subject%s", schemes, schemes == 1 ? "" : "s");
    if (codes && !(h->what & NCP_HOLDS_CODES))
        dropped(&list, "the codes of %zu subject%s", codes, codes == 1 ? "" : "s");
    for (i = 0; i < a->n_links; i++)
        links += !holds_rel(h, a->links[i].rel) ||
                 (!a->links[i].href && !(!strcmp(a->links[i].rel, "source") &&
                                         a->links[i].title && (h->what & NCP_HOLDS_SOURCE_TITLE)));
    if (links)
        dropped(&list, "%zu link%s", links, links == 1 ? "" : "s");
    for (i = 0; i < a->n_media; i++) {
        const nc_media *m = &a->media[i];
        cap += m->caption != NULL;
        cred += m->credit != NULL;
        alt += m->alt && (m->caption || !(h->what & NCP_HOLDS_CAPTION));
        titles += m->title != NULL;
        for (k = 0; k < m->n_renditions; k++) {
            const char *n = m->renditions[k].name;
            rend += !(h->what & NCP_HOLDS_RENDITIONS) ||
                    (n && ncp_strcasecmp(n, "thumbnail"));
        }
    }
    if (cap && !(h->what & NCP_HOLDS_CAPTION))
        dropped(&list, "%zu media caption%s", cap, cap == 1 ? "" : "s");
    if (cred && !(h->what & NCP_HOLDS_CREDIT))
        dropped(&list, "%zu media credit%s", cred, cred == 1 ? "" : "s");
    if (alt && !(h->what & NCP_HOLDS_ALT))
        dropped(&list, "%zu alternative text%s", alt, alt == 1 ? "" : "s");
    if (titles && !(h->what & NCP_HOLDS_MEDIA_TITLE))
        dropped(&list, "%zu media title%s", titles, titles == 1 ? "" : "s");
    if (rend)
        dropped(&list, "%zu rendition%s", rend, rend == 1 ? "" : "s");
    for (i = 0; i < a->n_extra; i++)
        extra += strcmp(a->extra[i].key, "publisher_url") &&
                 strcmp(a->extra[i].key, "publisher_logo");
    if (extra)
        dropped(&list, "%zu extra field%s", extra, extra == 1 ? "" : "s");
    if (list.size)
        nc_warn(o, 0, 0, "%s: an item cannot hold: %s; dropped", h->fmt, list.ptr);
    nc_buf_release(&list);
    ncp_warn_agency_not_carried(a, o, h->fmt);
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
    if (t->prec >= NC_TIME_MINUTE && t->has_zone && t->zone_z && !z) {
        /* written "Z" (RFC 822 allows it): it reads back as "Z" */
        snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d Z", wd[((days % 7) + 7) % 7], d,
                 mon[(m - 1) % 12], y, t->hour, t->minute, t->second);
        return;
    }
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

void ncp_feed_html(const nc_article *a, nc_buf *out)
{
    nc_buf x = NC_BUF_INIT;
    ncp_body_to_xhtml(a->body, &x, 0);
    if (x.size && !ncp_utf8_valid(x.ptr, x.size))
        ncp_utf8_sanitize(out, x.ptr, x.size);
    else
        nc_buf_put(out, x.ptr, x.size);
    if (x.failed)
        out->failed = 1;
    nc_buf_release(&x);
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

int ncp_feed_publish(ncp_feed_entry_fn fn, const char *fmt, const nc_article *a, nc_buf *out,
                     const nc_opts *o, nc_error *err)
{
    nc_article view;
    ncp_publish pv;
    int rc;
    if (ncp_publish_view(a, &view, &pv, o, fmt, NCP_PUBLISH_VALUES) < 0) {
        ncp_publish_free(&pv);
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    }
    rc = fn(&view, out, o, err);
    ncp_publish_free(&pv);
    return rc;
}
