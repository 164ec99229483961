/* newsconv batch engine: web archives (.warc, .warc.gz): WARC records, their HTTP headers,
 * and the payload the html reader gets (de-chunked, decompressed, converted to UTF-8). */
#include "engine.h"
#include "common/charset.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

/* ---- web archives ---- */

static int header_is(const char *line, size_t len, const char *name, const char **value,
                     size_t *vlen)
{
    size_t n = strlen(name);
    if (len <= n || line[n] != ':' || ncp_strncasecmp(line, name, n))
        return 0;
    *value = line + n + 1;
    *vlen = len - n - 1;
    *value = ncp_trim(*value, vlen);
    return 1;
}

/* Splits a Content-Type value: the media type (lower case) and the charset parameter. */
static void parse_content_type(const char *v, size_t n, char *type, size_t tlen,
                               char *charset, size_t clen)
{
    size_t i, k = 0;
    const char *p;
    type[0] = charset[0] = '\0';
    for (i = 0; i < n && v[i] != ';' && k + 1 < tlen; i++)
        if (v[i] != ' ' && v[i] != '\t')
            type[k++] = (char)((v[i] >= 'A' && v[i] <= 'Z') ? v[i] + 32 : v[i]);
    type[k] = '\0';
    for (p = v; p + 8 <= v + n; p++)
        if (!ncp_strncasecmp(p, "charset=", 8)) {
            const char *c = p + 8;
            k = 0;
            if (*c == '"' || *c == '\'')
                c++;
            while (c < v + n && *c != '"' && *c != '\'' && *c != ';' && *c != ' ' &&
                   k + 1 < clen)
                charset[k++] = *c++;
            charset[k] = '\0';
            break;
        }
}

static int is_html_type(const char *type)
{
    return !strcmp(type, "text/html") || !strcmp(type, "application/xhtml+xml");
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    long long era;
    unsigned yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

/* WARC-Date ("2024-05-01T12:00:00Z") as seconds since the epoch; 0 when unreadable. */
static long long warc_date(const char *v, size_t n)
{
    int y, mo, d, h = 0, mi = 0, s = 0;
    char tmp[32];
    if (n >= sizeof tmp)
        n = sizeof tmp - 1;
    memcpy(tmp, v, n);
    tmp[n] = '\0';
    if (sscanf(tmp, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) < 3 || mo < 1 ||
        mo > 12 || d < 1 || d > 31)
        return 0;
    return days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + s;
}

typedef struct http_info {
    int status;
    char type[128], charset[64], encoding[32];
    int chunked;
    size_t body;
} http_info;

/* Reads the status line and headers of an HTTP response at the start of block. 0, or -1
 * when it is no HTTP response. */
static int parse_http(const char *p, size_t n, http_info *h)
{
    size_t i = 0;
    int first = 1;
    memset(h, 0, sizeof *h);
    while (i < n) {
        const char *line = p + i, *nl = memchr(line, '\n', n - i), *v;
        size_t len = nl ? (size_t)(nl - line) : n - i, vlen;
        i += len + (nl ? 1 : 0);
        if (len && line[len - 1] == '\r')
            len--;
        if (first) {
            if (len < 12 || memcmp(line, "HTTP/", 5))
                return -1;
            {
                const char *sp = memchr(line, ' ', len);
                if (!sp)
                    return -1;
                h->status = atoi(sp + 1);
            }
            first = 0;
            continue;
        }
        if (!len) {
            h->body = i;
            return 0;
        }
        if (header_is(line, len, "Content-Type", &v, &vlen))
            parse_content_type(v, vlen, h->type, sizeof h->type, h->charset, sizeof h->charset);
        else if (header_is(line, len, "Transfer-Encoding", &v, &vlen))
            h->chunked = vlen >= 7 && !ncp_strncasecmp(v + vlen - 7, "chunked", 7);
        else if (header_is(line, len, "Content-Encoding", &v, &vlen)) {
            size_t k = vlen < sizeof h->encoding - 1 ? vlen : sizeof h->encoding - 1, j;
            for (j = 0; j < k; j++)
                h->encoding[j] = (char)((v[j] >= 'A' && v[j] <= 'Z') ? v[j] + 32 : v[j]);
            h->encoding[k] = '\0';
        }
    }
    h->body = n; /* headers without a body */
    return 0;
}

/* The header of a WARC record: what the batch needs of it. */
typedef struct warc_record {
    char type[32], uri[4096], ctype[256];
    long long clen, mtime;
} warc_record;

/* Reads the header lines of a record (after its "WARC/" line) up to the blank line. The
 * result of the last ncp_batch_src_line: 1, 0 at the end, -1 on an error. */
static int read_record_header(src *s, warc_record *rec)
{
    const char *line, *v;
    size_t len, vlen;
    int too_long, r;
    memset(rec, 0, sizeof *rec);
    rec->clen = -1;
    for (;;) {
        r = ncp_batch_src_line(s, 65536, &line, &len, &too_long);
        if (r <= 0 || !len)
            return r;
        if (header_is(line, len, "WARC-Type", &v, &vlen))
            snprintf(rec->type, sizeof rec->type, "%.*s", (int)vlen, v);
        else if (header_is(line, len, "WARC-Target-URI", &v, &vlen)) {
            if (vlen >= 2 && v[0] == '<' && v[vlen - 1] == '>') {
                v++;
                vlen -= 2;
            }
            snprintf(rec->uri, sizeof rec->uri, "%.*s", (int)vlen, v);
        } else if (header_is(line, len, "Content-Length", &v, &vlen))
            rec->clen = strtoll(v, NULL, 10);
        else if (header_is(line, len, "Content-Type", &v, &vlen))
            snprintf(rec->ctype, sizeof rec->ctype, "%.*s", (int)vlen, v);
        else if (header_is(line, len, "WARC-Date", &v, &vlen))
            rec->mtime = warc_date(v, vlen);
    }
}

/* Whether the block of a response or resource record is a web page (1), with its HTTP
 * header read into h; when not, a note says why it is skipped (0). */
static int is_web_page(batch *b, const char *source, const warc_record *rec,
                       const nc_buf *block, http_info *h)
{
    char mtype[128], mcharset[64];
    memset(h, 0, sizeof *h);
    parse_content_type(rec->ctype, strlen(rec->ctype), mtype, sizeof mtype, mcharset,
                       sizeof mcharset);
    if (!ncp_strcasecmp(rec->type, "response")) {
        if (!strcmp(mtype, "application/http") && parse_http(block->ptr, block->size, h) == 0) {
            if (h->status < 200 || h->status > 299)
                ncp_batch_submit_note(b, 0, "%s: HTTP status %d: skipped", source, h->status);
            else if (!is_html_type(h->type))
                ncp_batch_submit_note(b, 0, "%s: %s: not a web page: skipped", source,
                                      h->type[0] ? h->type : "no Content-Type");
            else
                return 1;
        } else {
            ncp_batch_submit_note(b, 0, "%s: not an HTTP response: skipped", source);
        }
        return 0;
    }
    if (is_html_type(mtype)) {
        snprintf(h->charset, sizeof h->charset, "%s", mcharset);
        h->body = 0;
        return 1;
    }
    ncp_batch_submit_note(b, 0, "%s: %s: not a web page: skipped", source,
                          mtype[0] ? mtype : "no Content-Type");
    return 0;
}

/* A response or resource record (its header read): a web page becomes an item for the
 * html reader, anything else a note. -1 when the archive cannot go on. */
static int read_page_record(batch *b, src *s, struct archive *ar, const warc_record *rec,
                            const char *display, const char *prefix)
{
    char *source = ncp_batch_join_source(display, ":",
                                         rec->uri[0] ? rec->uri : "(no WARC-Target-URI)");
    nc_buf block = NC_BUF_INIT;
    http_info h;
    int html;
    if ((unsigned long long)rec->clen > b->max_size) {
        ncp_batch_submit_fail(b, source, 0, NC_ERR_LIMIT,
                              "record is larger than the limit of %zu bytes (--max-size)",
                              b->max_size);
        free(source);
        return ncp_batch_src_read(s, (size_t)rec->clen, NULL) < 0 ? -1 : 0;
    }
    if (ncp_batch_src_read(s, (size_t)rec->clen, &block) < 0 || nc_buf_ok(&block, NULL) < 0) {
        ncp_batch_submit_fail(b, source, 0, NC_ERR_PARSE, "truncated record: %s", s->errmsg);
        free(source);
        nc_buf_release(&block);
        return -1;
    }
    html = is_web_page(b, source, rec, &block, &h);
    if (html && (!b->web || !b->web->read)) {
        ncp_batch_submit_fail(b, source, 0, NC_ERR_UNKNOWN_FORMAT,
                              "no html reader in this build");
        html = 0;
    }
    if (html) {
        item it;
        ncp_batch_new_doc(&it, b->web, source, ncp_batch_url_output_name(b, prefix, rec->uri));
        source = NULL;
        it.url = rec->uri[0] ? ncp_batch_xstrdup(rec->uri) : NULL;
        it.charset = h.charset[0] ? ncp_batch_xstrdup(h.charset) : NULL;
        it.encoding = h.encoding[0] ? ncp_batch_xstrdup(h.encoding) : NULL;
        it.chunked = h.chunked;
        it.payload_off = h.body;
        it.mtime = rec->mtime;
        it.data = nc_buf_detach(&block, &it.len);
        ncp_batch_submit_read(b, &it, ar);
    }
    free(source);
    nc_buf_release(&block);
    return 0;
}

void ncp_batch_read_warc(batch *b, const char *path, const char *display, const char *prefix)
{
    struct archive *ar = archive_read_new();
    struct archive_entry *e;
    src s;
    int resync = 0;
    long long record = 0;
    if (!ar) {
        ncp_batch_submit_fail(b, display, 0, NC_ERR_NOMEM, "out of memory");
        return;
    }
    ncp_archive_filters(ar);
    archive_read_support_format_raw(ar);
    if (archive_read_open_filename(ar, path, 65536) != ARCHIVE_OK ||
        archive_read_next_header(ar, &e) != ARCHIVE_OK) {
        ncp_batch_submit_fail(
            b, display, 0, ncp_batch_archive_status(ar), "cannot open the web archive: %s",
            archive_error_string(ar) ? archive_error_string(ar) : "unknown error");
        archive_read_free(ar);
        return;
    }
    ncp_batch_src_init(&s, b, -1, ar);
    while (!ncp_batch_stopping(b)) {
        const char *line;
        size_t len;
        int too_long, r;
        warc_record rec;
        r = ncp_batch_src_line(&s, 65536, &line, &len, &too_long);
        if (r == 0)
            break;
        if (r < 0) {
            ncp_batch_submit_fail(b, display, 0, NC_ERR_PARSE, "%s", s.errmsg);
            break;
        }
        if (!len)
            continue;
        if (len < 6 || memcmp(line, "WARC/", 5)) {
            if (!resync)
                ncp_batch_submit_fail(
                    b, display, 0, NC_ERR_PARSE,
                    "record %lld: not a WARC record header: skipping to the next "
                    "record",
                    record + 1);
            resync = 1;
            continue;
        }
        resync = 0;
        record++;
        r = read_record_header(&s, &rec);
        if (r < 0 || rec.clen < 0) {
            ncp_batch_submit_fail(b, display, 0, NC_ERR_PARSE, "record %lld: %s", record,
                                  r < 0 ? s.errmsg : "no Content-Length: cannot go on");
            break;
        }
        if (ncp_strcasecmp(rec.type, "response") && ncp_strcasecmp(rec.type, "resource")) {
            if (ncp_batch_src_read(&s, (size_t)rec.clen, NULL) < 0)
                break;
            continue;
        }
        if (read_page_record(b, &s, ar, &rec, display, prefix) < 0)
            break;
    }
    ncp_batch_src_free(&s);
    archive_read_free(ar);
}

/* Undoes Transfer-Encoding: chunked. 0, or -1 when malformed. */
static int dechunk(const char *p, size_t n, nc_buf *out)
{
    size_t i = 0;
    for (;;) {
        unsigned long long size = 0;
        int digits = 0;
        while (i < n) {
            char c = p[i];
            int d = c >= '0' && c <= '9' ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0)
                break;
            if (size > (1ULL << 40))
                return -1;
            size = size * 16 + (unsigned)d;
            digits++;
            i++;
        }
        if (!digits)
            return -1;
        while (i < n && p[i] != '\n') /* chunk extensions */
            i++;
        if (i >= n)
            return size == 0 ? 0 : -1;
        i++;
        if (size == 0)
            return 0; /* trailers are ignored */
        if (size > n - i)
            return -1;
        nc_buf_put(out, p + i, (size_t)size);
        i += (size_t)size;
        if (i < n && p[i] == '\r')
            i++;
        if (i < n && p[i] == '\n')
            i++;
    }
}

/* Decompresses gzip data with libarchive. 0, or -1 with msg. */
static int gunzip(const char *p, size_t n, size_t max, nc_buf *out, char *msg, size_t msglen)
{
    struct archive *ar = archive_read_new();
    struct archive_entry *e;
    int rc = -1, fatal;
    if (!ar)
        return -1;
    archive_read_support_filter_gzip(ar);
    archive_read_support_format_raw(ar);
    if (archive_read_open_memory(ar, p, n) != ARCHIVE_OK ||
        archive_read_next_header(ar, &e) != ARCHIVE_OK) {
        snprintf(msg, msglen, "cannot decompress the gzip payload: %s",
                 archive_error_string(ar) ? archive_error_string(ar) : "not gzip data");
    } else if (ncp_batch_read_entry_data(ar, max, out, msg, msglen, &fatal) == 0) {
        rc = 0;
    }
    archive_read_free(ar);
    return rc;
}

/* A web archive record's payload as the bytes the html reader gets: dechunked,
 * decompressed, and (when the HTTP header names a charset and the page has no byte
 * order mark) converted to UTF-8 behind a UTF-8 byte order mark, which every HTML
 * parser honours before <meta charset>. */
int ncp_batch_warc_payload(batch *b, item *it, nc_buf *out, nc_error *err)
{
    const char *p = it->data + it->payload_off;
    size_t n = it->len - it->payload_off;
    nc_buf t1 = NC_BUF_INIT, t2 = NC_BUF_INIT;
    char msg[300];
    int rc = -1;
    if (it->chunked) {
        if (dechunk(p, n, &t1) < 0) {
            nc_error_set(err, NC_ERR_PARSE, 0, 0, "malformed chunked transfer encoding");
            goto done;
        }
        p = t1.ptr;
        n = t1.size;
    }
    if (it->encoding && strcmp(it->encoding, "identity")) {
        if (strcmp(it->encoding, "gzip") && strcmp(it->encoding, "x-gzip")) {
            nc_error_set(err, NC_ERR_PARSE, 0, 0, "Content-Encoding '%s' is not supported",
                         it->encoding);
            goto done;
        }
        if (gunzip(p, n, b->max_size, &t2, msg, sizeof msg) < 0) {
            nc_error_set(err, NC_ERR_PARSE, 0, 0, "%s", msg);
            goto done;
        }
        p = t2.ptr;
        n = t2.size;
    }
    if (it->charset && !(n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) &&
        !(n >= 2 && (!memcmp(p, "\xFF\xFE", 2) || !memcmp(p, "\xFE\xFF", 2)))) {
        nc_buf_puts(out, "\xEF\xBB\xBF");
        if (!ncp_strcasecmp(it->charset, "utf-8") || !ncp_strcasecmp(it->charset, "utf8"))
            nc_buf_put(out, p, n);
        else if (ncp_charset_to_utf8(it->charset, p, n, out, NCP_CHARSET_TAIL_BYTES) < 0) {
            nc_buf_clear(out);
            nc_buf_put(out, p, n);
            nc_buf_printf(&it->msgs, "%s: warning: %s: unknown charset '%s': read as the page "
                          "declares it\n", b->prog, it->source, it->charset);
        }
    } else {
        nc_buf_put(out, p, n);
    }
    rc = nc_buf_ok(out, err);
done:
    nc_buf_release(&t1);
    nc_buf_release(&t2);
    return rc;
}
