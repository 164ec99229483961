/* newsconv: batch conversion (batch.h, private to the command line).
 *
 * Threads. The reader thread enumerates the inputs (files, directories, archives, web
 * archives, JSON Lines) and reads each item's bytes; `jobs` worker threads convert
 * (nc_read_article + nc_write_article: each conversion has its own article and arena)
 * and, for a directory output, write the result to a temporary file beside its final
 * name (creating files is the costly part of writing); the calling thread writes the
 * results in input order (renames them, or adds them to the archive or stream) and
 * draws the progress bar.
 * They share a ring of `cap` slots: item number k lives in slot k % cap from the moment
 * the reader fills it until the writer has written it. The reader never runs more
 * than cap items ahead of the writer, so the ring is also the reorder buffer, and
 * memory stays bounded whatever the size of the batch: an item is read, converted,
 * written and freed.
 *
 * Signals. SIGINT and SIGTERM only set a flag (the handler does nothing else). Every
 * wait is a timed wait that looks at the flag; the writer stops after the item it is
 * writing, removes its temporary files and returns 128 + the signal number.
 *
 * Exception to the rule that only formats/ include libraries: this file includes
 * libarchive (archive.h, archive_entry.h). It reads and writes the archives of a batch
 * and decompresses web archives and gzip'ed HTTP payloads; no format uses it. */
#include "model/model.h"
#include "driver/driver.h"
#include "libinit.h"
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

/* ------------------------------------------------------------------------------------
 * Small helpers */

static volatile sig_atomic_t stop_signal; /* the signal that stops the run, or 0 */

static void on_signal(int sig) { stop_signal = sig; }

static double now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void timed_wait(pthread_cond_t *cv, pthread_mutex_t *mu, double secs)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += (time_t)secs;
    ts.tv_nsec += (long)((secs - (double)(time_t)secs) * 1e9);
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(cv, mu, &ts);
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

static int ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && !ncp_strcasecmp(s + n - m, suffix);
}

/* The last component of a path. */
static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* Container kinds, recognised by the name. */
enum { C_NONE, C_ARCHIVE, C_WARC, C_JSONL };

static const char *const archive_exts[] = {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2",
                                           ".tbz", ".tar.xz", ".txz", ".tar.zst", ".tzst",
                                           ".zip", NULL};
static const char *const warc_exts[] = {".warc", ".warc.gz", NULL};
/* compressed JSON Lines, read through libarchive's filters */
static const char *const zjsonl_exts[] = {".jsonl.gz", ".jsonl.bz2", ".jsonl.xz", ".jsonl.zst",
                                          ".ndjson.gz", ".ndjson.bz2", ".ndjson.xz",
                                          ".ndjson.zst", NULL};

/* Length of the container extension of name (".tar.gz": 7), 0 when none. */
static size_t container_ext_len(const char *name, const char *const *exts)
{
    size_t best = 0;
    for (; *exts; exts++)
        if (ends_with_ci(name, *exts) && strlen(*exts) > best)
            best = strlen(*exts);
    return best;
}

/* ------------------------------------------------------------------------------------
 * Items and the batch */

enum { ITEM_DOC, ITEM_FAIL, ITEM_NOTE };
enum { SLOT_FREE, SLOT_READY, SLOT_DONE };
enum { SINK_STREAM, SINK_DIR, SINK_ARCHIVE };

typedef struct item {
    int state; /* SLOT_*, changed under the lock only */
    int kind;  /* ITEM_* */
    const nc_format *from;     /* NULL: by content */
    char *source;              /* for messages: "feed.tar:a/12.html" */
    char *rel;                 /* output path, relative, sanitised, with the new extension */
    char *data;                /* the input bytes (malloc) */
    size_t len;
    long line;                 /* JSON Lines: the line number; 0 otherwise */
    /* web archive records */
    char *url;                 /* WARC-Target-URI */
    char *charset;             /* from the Content-Type */
    char *encoding;            /* Content-Encoding */
    size_t payload_off;        /* start of the HTTP payload in data */
    int chunked;               /* Transfer-Encoding: chunked */
    long long mtime;           /* for archive entries */
    /* results */
    int ok;
    nc_buf out;
    nc_error err;
    nc_buf msgs; /* warnings and notes, printed before the item's own line */
    int n_warn;
    int quiet;                 /* -q: warnings are counted, not printed */
    const char *prog;
    /* SINK_DIR: the worker wrote the output to a temporary file in its directory; the
     * writer renames it in input order */
    unsigned long long seq;
    int dirfd1;                /* that directory (a dup'ed descriptor) + 1; 0: none */
    int tmp_pending;           /* the temporary file exists */
    int out_failed;            /* the failure was the output's (a full disk): exit 5 */
} item;

/* 64-bit hashes of the output names used so far, to give two items that map to one
 * name two files. The only state a batch keeps per item: about 16 bytes. */
typedef struct name_set {
    uint64_t *slots;
    size_t cap, n;
} name_set;

typedef struct sink {
    int mode;
    const char *path;      /* -o as given; NULL: stdout */
    int fd;                /* stream or archive file */
    int direct;            /* fd is a device or pipe given as -o: no temporary file */
    char *tmp;             /* temporary file, renamed over path at the end */
    struct archive *aw;
    int root;              /* SINK_DIR: the output directory */
    name_set names;
} sink;

/* A worker's open subdirectory of the output directory. */
typedef struct dircache {
    char *dir; /* relative, "" is the root */
    int fd;
} dircache;

typedef struct batch {
    const ncp_batch_config *cfg;
    const char *prog;
    const nc_format *to, *jsonl, *html;
    char out_ext[32];
    size_t max_size;
    const char *const *inputs;
    size_t n_inputs;

    pthread_mutex_t mu;
    pthread_cond_t cv_read, cv_work, cv_write, cv_exit;
    item *ring;
    size_t cap;
    unsigned long long n_read, n_claimed, n_written;
    int reader_done, stop, alive;
    /* who waits: a wake-up costs a context switch, so threads signal only waiters */
    int reader_waiting, writer_waiting, workers_waiting;
    unsigned long long writer_target; /* the writer sleeps until this item is done */

    /* progress, under mu */
    unsigned long long bytes_done, bytes_base, bytes_total, items_total;
    int totals_known; /* 0: unknown; 1: bytes; 2: bytes and items */
    int counting;     /* the counter thread runs */

    /* writer side */
    unsigned long long n_items, n_ok, n_failed, n_out_failed;
    nc_status last_code;
    int fatal, fatal_code, quiet_end;
    double t0, last_draw;
    int show_progress, bar_visible, color;
    sink sink;
    int have_outdir;
    dev_t out_dev;
    ino_t out_ino;
} batch;

static int stopping(const batch *b) { return b->stop || stop_signal; }

/* The temporary name of item seq inside its output directory. */
static void tmp_name(char *out, size_t n, unsigned long long seq)
{
    snprintf(out, n, ".newsconv-%ld-%llu.tmp", (long)getpid(), seq);
}

static void item_release(item *it)
{
    if (it->dirfd1) {
        if (it->tmp_pending) {
            char tmp[64];
            tmp_name(tmp, sizeof tmp, it->seq);
            unlinkat(it->dirfd1 - 1, tmp, 0);
        }
        close(it->dirfd1 - 1);
    }
    free(it->source);
    free(it->rel);
    free(it->data);
    free(it->url);
    free(it->charset);
    free(it->encoding);
    nc_buf_release(&it->out);
    nc_buf_release(&it->msgs);
    memset(it, 0, sizeof *it);
}

/* ------------------------------------------------------------------------------------
 * Output names */

/* Appends name to out made safe as a relative path: no leading '/', "." dropped, ".."
 * taking back the component before it but never going above the start, no control
 * characters; components are cut at 200 bytes. */
static void sanitize_rel(nc_buf *out, const char *name)
{
    nc_buf valid = NC_BUF_INIT;
    const char *p = name;
    size_t start = out->size;
    if (!ncp_utf8_valid(name, strlen(name))) { /* names in the output are UTF-8 */
        ncp_utf8_sanitize(&valid, name, strlen(name));
        p = valid.ptr;
    }
    while (*p) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p), i;
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            size_t k = out->size;
            while (k > start && out->ptr[k - 1] != '/')
                k--;
            nc_buf_truncate(out, k > start ? k - 1 : start);
        } else if (n && !(n == 1 && p[0] == '.')) {
            if (out->size > start)
                nc_buf_putc(out, '/');
            size_t keep = n;
            if (keep > 200) /* cut at a character boundary */
                for (keep = 200; keep > 0 && ((unsigned char)p[keep] & 0xC0) == 0x80; keep--)
                    ;
            for (i = 0; i < keep; i++) {
                unsigned char c = (unsigned char)p[i];
                if (c == 0xC2 && i + 1 < keep && (unsigned char)p[i + 1] >= 0x80 &&
                    (unsigned char)p[i + 1] <= 0x9F) { /* C1 controls, U+0080-U+009F */
                    nc_buf_putc(out, '_');
                    i++;
                } else {
                    nc_buf_putc(out, c < 0x20 || c == 0x7f ? '_' : (int)c);
                }
            }
        }
        p += n;
        while (*p == '/')
            p++;
        if (e && p < e)
            p = e + 1;
    }
    if (out->size == start)
        nc_buf_putc(out, '_');
    nc_buf_release(&valid);
}

/* Position of the extension dot in the last component of s[0..len), or len. */
static size_t ext_pos(const char *s, size_t len)
{
    size_t i = len, comp = 0;
    for (i = len; i > 0; i--)
        if (s[i - 1] == '/') {
            comp = i;
            break;
        }
    for (i = len; i > comp + 1; i--)
        if (s[i - 1] == '.')
            return i - 1;
    return len;
}

/* prefix + the sanitised name with its extension replaced by the output one. */
static char *output_name(const batch *b, const char *prefix, const char *name)
{
    nc_buf o = NC_BUF_INIT;
    nc_buf_puts(&o, prefix);
    sanitize_rel(&o, name);
    nc_buf_truncate(&o, o.size - ncp_compression_ext_len(o.ptr)); /* a.html.gz -> a.md */
    nc_buf_truncate(&o, ext_pos(o.ptr, o.size));
    nc_buf_puts(&o, b->out_ext);
    return nc_buf_detach(&o, NULL);
}

/* "x/feed.tar.gz" -> "x/feed/": the prefix under which a container's items go. */
static void container_prefix(nc_buf *out, const char *rel, size_t ext_len)
{
    size_t n = strlen(rel);
    nc_buf buf = NC_BUF_INIT;
    nc_buf_put(&buf, rel, n - ext_len);
    sanitize_rel(out, buf.ptr);
    nc_buf_putc(out, '/');
    nc_buf_release(&buf);
}

/* A web page address as a relative path: host/path[_query], "index" for a directory. */
static char *url_output_name(const batch *b, const char *prefix, const char *url)
{
    nc_buf o = NC_BUF_INIT, path = NC_BUF_INIT;
    const char *p = strstr(url, "://"), *host, *end, *q;
    size_t n;
    p = p ? p + 3 : url;
    host = p;
    end = host + strcspn(host, "/?#");
    q = memchr(host, '@', (size_t)(end - host));
    if (q)
        host = q + 1;
    for (q = host; q < end; q++)
        nc_buf_putc(&path, *q == ':' ? '_' : *q);
    p = end;
    n = strcspn(p, "?#");
    nc_buf_put(&path, p, n);
    if (!n || p[n - 1] == '/')
        nc_buf_puts(&path, n ? "index" : "/index");
    nc_buf_puts(&o, prefix);
    sanitize_rel(&o, path.ptr);
    nc_buf_truncate(&o, ext_pos(o.ptr, o.size));
    if (p[n] == '?' && p[n + 1] && p[n + 1] != '#') {
        const char *qs = p + n + 1;
        size_t qn = strcspn(qs, "#");
        nc_buf_putc(&o, '_');
        for (; qn && o.size < 4096; qs++, qn--) {
            unsigned char c = (unsigned char)*qs;
            nc_buf_putc(&o, c == '/' || c < 0x20 || c == 0x7f ? '_' : (int)c);
        }
    }
    nc_buf_puts(&o, b->out_ext);
    nc_buf_release(&path);
    return nc_buf_detach(&o, NULL);
}

static uint64_t name_hash(const char *s) { return ncp_hash64(s, strlen(s), 0) | 1; }

/* 1 when the name was already used; else records it. */
static int name_seen(name_set *ns, const char *name)
{
    uint64_t h = name_hash(name);
    size_t i;
    if (ns->n * 4 >= ns->cap * 3) { /* at most 3/4 full: about 11-21 bytes a name */
        size_t ncap = ns->cap ? ns->cap * 2 : 1024, j;
        uint64_t *ns2 = calloc(ncap, sizeof *ns2);
        if (!ns2)
            return 0;
        for (j = 0; j < ns->cap; j++)
            if (ns->slots[j]) {
                size_t k = (size_t)(ns->slots[j] & (ncap - 1));
                while (ns2[k])
                    k = (k + 1) & (ncap - 1);
                ns2[k] = ns->slots[j];
            }
        free(ns->slots);
        ns->slots = ns2;
        ns->cap = ncap;
    }
    for (i = (size_t)(h & (ns->cap - 1)); ns->slots[i]; i = (i + 1) & (ns->cap - 1))
        if (ns->slots[i] == h)
            return 1;
    ns->slots[i] = h;
    ns->n++;
    return 0;
}

/* ------------------------------------------------------------------------------------
 * The ring */

/* Waits for a free slot for the next item; NULL when the run stops. */
static item *slot_acquire(batch *b)
{
    item *it = NULL;
    pthread_mutex_lock(&b->mu);
    while (b->n_read - b->n_written >= b->cap && !stopping(b)) {
        b->reader_waiting = 1;
        timed_wait(&b->cv_read, &b->mu, 0.2);
        b->reader_waiting = 0;
    }
    if (!stopping(b))
        it = &b->ring[b->n_read % b->cap];
    pthread_mutex_unlock(&b->mu);
    return it;
}

/* Moves *proto into the next slot and hands it to the workers. proto is emptied; its
 * contents are freed when the run stops. bytes: the input position for the progress bar. */
static void submit(batch *b, item *proto, unsigned long long bytes)
{
    item *it = slot_acquire(b);
    if (!it) {
        item_release(proto);
        return;
    }
    pthread_mutex_lock(&b->mu); /* the writer may be looking at this slot's state */
    if (stopping(b)) { /* the ring is being emptied */
        pthread_mutex_unlock(&b->mu);
        item_release(proto);
        return;
    }
    *it = *proto;
    memset(proto, 0, sizeof *proto);
    it->state = SLOT_READY;
    b->n_read++;
    if (bytes)
        b->bytes_done = b->bytes_base + bytes;
    if (b->workers_waiting)
        pthread_cond_signal(&b->cv_work);
    pthread_mutex_unlock(&b->mu);
}

static void submit_fail(batch *b, const char *source, long line, nc_status code, const char *fmt,
                        ...) NC_PRINTF(5, 6);
static void submit_fail(batch *b, const char *source, long line, nc_status code, const char *fmt,
                        ...)
{
    item it;
    va_list ap;
    memset(&it, 0, sizeof it);
    it.kind = ITEM_FAIL;
    nc_buf_init(&it.out);
    nc_buf_init(&it.msgs);
    va_start(ap, fmt);
    nc_error_setv(&it.err, code, (int)line, 0, fmt, ap);
    va_end(ap);
    nc_error_set_source(&it.err, source);
    submit(b, &it, 0);
}

/* Submits an item read from the archive ar (the bytes read so far feed the progress), or
 * reports out of memory when its output name or its data could not be allocated. */
static void submit_read(batch *b, item *it, struct archive *ar)
{
    if (!it->rel || !it->data) {
        submit_fail(b, it->source, 0, NC_ERR_NOMEM, "out of memory");
        item_release(it);
    } else {
        submit(b, it, (unsigned long long)archive_filter_bytes(ar, -1));
    }
}

static void submit_error(batch *b, const nc_error *err)
{
    item it;
    memset(&it, 0, sizeof it);
    it.kind = ITEM_FAIL;
    nc_buf_init(&it.out);
    nc_buf_init(&it.msgs);
    it.err = *err;
    submit(b, &it, 0);
}

/* A message that is printed in order, counted as no item (-v notes, warnings). */
static void submit_note(batch *b, int warning, const char *fmt, ...) NC_PRINTF(3, 4);
static void submit_note(batch *b, int warning, const char *fmt, ...)
{
    item it;
    va_list ap;
    if (b->cfg->quiet || (!warning && !b->cfg->verbose))
        return;
    memset(&it, 0, sizeof it);
    it.kind = ITEM_NOTE;
    nc_buf_init(&it.out);
    nc_buf_init(&it.msgs);
    nc_buf_printf(&it.msgs, "%s: %s", b->prog, warning ? "warning: " : "");
    va_start(ap, fmt);
    nc_buf_vprintf(&it.msgs, fmt, ap);
    va_end(ap);
    nc_buf_putc(&it.msgs, '\n');
    submit(b, &it, 0);
}

static void new_doc(item *it, const nc_format *from, char *source, char *rel)
{
    memset(it, 0, sizeof *it);
    it->kind = ITEM_DOC;
    it->from = from;
    it->source = source;
    it->rel = rel;
    nc_buf_init(&it->out);
    nc_buf_init(&it->msgs);
}

/* ------------------------------------------------------------------------------------
 * Byte sources: a file descriptor or the data of an archive entry, read in chunks;
 * lines for JSON Lines and the WARC headers, counted blocks for WARC records. */

typedef struct src {
    int fd;
    struct archive *ar;
    batch *b;
    char *buf;
    size_t pos, end, cap;
    int eof;
    char errmsg[256];
    unsigned long long consumed;
} src;

static void src_init(src *s, batch *b, int fd, struct archive *ar)
{
    memset(s, 0, sizeof *s);
    s->fd = fd;
    s->ar = ar;
    s->b = b;
}

/* Reads more bytes, growing the buffer so that it can hold at least `want` unread
 * bytes. Returns the number added, 0 at the end, -1 on an error (errmsg set). */
static long src_fill(src *s, size_t want)
{
    long n;
    if (s->eof)
        return 0;
    if (s->pos > 0) {
        memmove(s->buf, s->buf + s->pos, s->end - s->pos);
        s->end -= s->pos;
        s->pos = 0;
    }
    if (want < 65536)
        want = 65536;
    if (s->end + 1 >= s->cap || s->cap - s->end < want / 2) {
        size_t ncap = s->cap ? s->cap : 65536;
        char *nb;
        while (ncap < s->end + want + 1)
            ncap *= 2;
        if (ncap != s->cap) {
            nb = realloc(s->buf, ncap);
            if (!nb) {
                snprintf(s->errmsg, sizeof s->errmsg, "out of memory");
                return -1;
            }
            s->buf = nb;
            s->cap = ncap;
        }
    }
    for (;;) {
        if (s->ar) {
            la_ssize_t r = archive_read_data(s->ar, s->buf + s->end, s->cap - s->end - 1);
            if (r < 0) {
                snprintf(s->errmsg, sizeof s->errmsg, "%s",
                         archive_error_string(s->ar) ? archive_error_string(s->ar)
                                                     : "read error");
                return -1;
            }
            n = (long)r;
        } else {
            ssize_t r = read(s->fd, s->buf + s->end, s->cap - s->end - 1);
            if (r < 0) {
                if (errno == EINTR && !stopping(s->b))
                    continue;
                snprintf(s->errmsg, sizeof s->errmsg, "cannot read: %s", strerror(errno));
                return -1;
            }
            n = (long)r;
        }
        break;
    }
    if (n == 0)
        s->eof = 1;
    s->end += (size_t)n;
    s->consumed += (unsigned long long)n;
    return n;
}

/* The next line, without its "\n" or "\r\n", in *line (valid until the next call).
 * A line longer than max is skipped: *too_long is set and *len is 0. Returns 1, 0 at
 * the end of the input, -1 on a read error. */
static int src_line(src *s, size_t max, const char **line, size_t *len, int *too_long)
{
    size_t scanned = 0;
    *too_long = 0;
    for (;;) {
        char *nl = s->end > s->pos + scanned
                       ? memchr(s->buf + s->pos + scanned, '\n', s->end - s->pos - scanned)
                       : NULL;
        if (nl) {
            size_t n = (size_t)(nl - (s->buf + s->pos));
            *line = s->buf + s->pos;
            s->pos += n + 1;
            if (*too_long) {
                *len = 0;
                return 1;
            }
            if (n && (*line)[n - 1] == '\r')
                n--;
            *len = n;
            return 1;
        }
        if (s->end - s->pos > max) { /* too long: drop what we have, keep looking */
            *too_long = 1;
            s->pos = s->end;
        }
        scanned = s->end - s->pos;
        if (s->eof || stopping(s->b)) {
            if (s->end > s->pos || *too_long) {
                size_t n = s->end - s->pos;
                *line = s->buf + s->pos;
                s->pos = s->end;
                if (n && (*line)[n - 1] == '\r')
                    n--;
                *len = *too_long ? 0 : n;
                return 1;
            }
            return 0;
        }
        {
            long r = src_fill(s, s->end - s->pos + 1);
            if (r < 0)
                return -1;
        }
    }
}

/* Reads exactly n bytes into dst (NULL: skips them). Returns 0, or -1 at a premature
 * end (errmsg set) or on an error. */
static int src_read(src *s, size_t n, nc_buf *dst)
{
    while (n > 0) {
        size_t avail = s->end - s->pos, take;
        if (!avail) {
            long r = src_fill(s, n < 1048576 ? n : 1048576);
            if (r < 0)
                return -1;
            if (r == 0) {
                snprintf(s->errmsg, sizeof s->errmsg, "unexpected end of the data");
                return -1;
            }
            if (stopping(s->b))
                return -1;
            continue;
        }
        take = avail < n ? avail : n;
        if (dst)
            nc_buf_put(dst, s->buf + s->pos, take);
        s->pos += take;
        n -= take;
    }
    return 0;
}

static void src_free(src *s)
{
    free(s->buf);
    s->buf = NULL;
}

/* ------------------------------------------------------------------------------------
 * The reader */

/* The kind of container a file name is (jsonl when -f jsonl, or by the extension). */
static int container_kind(const batch *b, const char *name)
{
    if (container_ext_len(name, warc_exts))
        return C_WARC;
    if (container_ext_len(name, archive_exts))
        return C_ARCHIVE;
    if (b->jsonl && b->jsonl->read) {
        if (b->cfg->from == b->jsonl)
            return C_JSONL;
        if (!b->cfg->from && (nc_format_for_path(name) == b->jsonl ||
                              container_ext_len(name, zjsonl_exts)))
            return C_JSONL;
    }
    return C_NONE;
}

static size_t container_len(const batch *b, const char *name, int kind)
{
    const nc_format *f;
    const char *const *e;
    size_t best = 0;
    if (kind == C_WARC)
        return container_ext_len(name, warc_exts);
    if (kind == C_ARCHIVE)
        return container_ext_len(name, archive_exts);
    f = b->jsonl;
    for (e = f->extensions; e && *e; e++)
        if (ends_with_ci(name, *e) && strlen(*e) > best)
            best = strlen(*e);
    if (container_ext_len(name, zjsonl_exts) > best)
        best = container_ext_len(name, zjsonl_exts);
    return best;
}

static char *join_source(const char *a, const char *sep, const char *c)
{
    nc_buf o = NC_BUF_INIT;
    const char *p;
    nc_buf_puts(&o, a);
    nc_buf_puts(&o, sep);
    for (p = c; *p; p++) /* no control characters in messages */
        nc_buf_putc(&o, (unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p);
    return nc_buf_detach(&o, NULL);
}

/* What a libarchive failure is: the system's (an errno: exit 5), or the data's, a damaged,
 * cut or unknown archive or compressed stream (exit 4). libarchive reports those as
 * ARCHIVE_ERRNO_MISC (-1) or ARCHIVE_ERRNO_FILE_FORMAT (EILSEQ where there is no EFTYPE). */
static nc_status archive_status(struct archive *ar)
{
    int e = archive_errno(ar);
#ifdef EFTYPE
    if (e == EFTYPE)
        return NC_ERR_PARSE;
#endif
    return e > 0 && e != EILSEQ ? NC_ERR_IO : NC_ERR_PARSE;
}

/* JSON Lines: every non-blank line is an item read by the jsonl reader. */
static void read_jsonl(batch *b, src *s, const char *display, const char *prefix,
                       long long mtime)
{
    long lineno = 0;
    for (;;) {
        const char *line;
        size_t len, tlen;
        int too_long, r;
        item it;
        char num[32];
        if (stopping(b))
            return;
        r = src_line(s, b->max_size, &line, &len, &too_long);
        if (r == 0)
            return;
        if (r < 0) {
            submit_fail(b, display, lineno + 1, s->ar ? archive_status(s->ar) : NC_ERR_IO, "%s",
                        s->errmsg);
            return;
        }
        lineno++;
        if (lineno == 1 && len >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) {
            line += 3;
            len -= 3;
        }
        if (too_long) {
            submit_fail(b, display, lineno, NC_ERR_LIMIT,
                        "line is longer than the limit of %zu bytes (--max-size)",
                        b->max_size);
            continue;
        }
        tlen = len;
        ncp_trim(line, &tlen);
        if (!tlen)
            continue;
        snprintf(num, sizeof num, "%ld", lineno);
        new_doc(&it, b->jsonl, xstrdup(display), output_name(b, prefix, num));
        it.line = lineno;
        it.mtime = mtime;
        it.data = malloc(len + 1);
        if (!it.source || !it.rel || !it.data) {
            item_release(&it);
            submit_fail(b, display, lineno, NC_ERR_NOMEM, "out of memory");
            continue;
        }
        memcpy(it.data, line, len);
        it.data[len] = '\0';
        it.len = len;
        submit(b, &it, s->ar ? 0 : s->consumed - (s->end - s->pos));
    }
}

/* Reads the data of the current archive entry (at most max bytes). 0, or -1 with the
 * message in msg; *fatal when the archive cannot go on. */
static int read_entry_data(struct archive *ar, size_t max, nc_buf *d, char *msg, size_t msglen,
                           int *fatal)
{
    *fatal = 0;
    for (;;) {
        la_ssize_t n;
        if (nc_buf_grow(d, 65536) < 0) {
            snprintf(msg, msglen, "out of memory");
            return -1;
        }
        n = archive_read_data(ar, d->ptr + d->size, d->asize - d->size - 1);
        if (n < 0) {
            snprintf(msg, msglen, "%s",
                     archive_error_string(ar) ? archive_error_string(ar) : "read error");
            *fatal = n == ARCHIVE_FATAL;
            return -1;
        }
        if (n == 0)
            return 0;
        d->size += (size_t)n;
        d->ptr[d->size] = '\0';
        if (d->size > max) {
            snprintf(msg, msglen, "entry is larger than the limit of %zu bytes (--max-size)",
                     max);
            return -1;
        }
    }
}

/* The entry's name in UTF-8 (libarchive converts from the archive's charset: UTF-8 flags,
 * pax headers, CP437 zip names), else as stored. */
static const char *entry_name(struct archive_entry *e)
{
    const char *n = archive_entry_pathname_utf8(e);
    if (!n)
        n = archive_entry_pathname(e);
    return n ? n : "";
}

static void read_archive(batch *b, const char *path, const char *display, const char *prefix)
{
    struct archive *ar = archive_read_new();
    struct archive_entry *e;
    int retries = 0;
    if (!ar) {
        submit_fail(b, display, 0, NC_ERR_NOMEM, "out of memory");
        return;
    }
    ncp_archive_filters(ar);
    archive_read_support_format_all(ar);
    if (archive_read_open_filename(ar, path, 65536) != ARCHIVE_OK) {
        submit_fail(b, display, 0, archive_status(ar), "cannot open the archive: %s",
                    archive_error_string(ar) ? archive_error_string(ar) : "unknown error");
        archive_read_free(ar);
        return;
    }
    while (!stopping(b)) {
        const char *name;
        char *source;
        int kind, r = archive_read_next_header(ar, &e);
        if (r == ARCHIVE_EOF)
            break;
        if (r == ARCHIVE_RETRY && ++retries < 16)
            continue;
        if (r < ARCHIVE_WARN) {
            submit_fail(b, display, 0, NC_ERR_PARSE, "%s",
                        archive_error_string(ar) ? archive_error_string(ar)
                                                 : "damaged archive");
            break;
        }
        name = entry_name(e);
        if (archive_entry_filetype(e) != AE_IFREG) {
            if (archive_entry_filetype(e) != AE_IFDIR)
                submit_note(b, 0, "%s:%s: not a regular file: skipped", display, name);
            continue;
        }
        if (archive_entry_hardlink(e) && archive_entry_size(e) == 0) {
            submit_note(b, 0, "%s:%s: hard link to %s: skipped", display, name,
                        archive_entry_hardlink(e));
            continue;
        }
        source = join_source(display, ":", name);
        if (!source)
            break;
        kind = container_kind(b, name);
        if (kind == C_JSONL) {
            nc_buf pre = NC_BUF_INIT;
            src s;
            nc_buf_puts(&pre, prefix);
            container_prefix(&pre, name, container_len(b, name, kind));
            src_init(&s, b, -1, ar);
            read_jsonl(b, &s, source, pre.ptr, (long long)archive_entry_mtime(e));
            src_free(&s);
            nc_buf_release(&pre);
        } else if (kind != C_NONE) {
            submit_note(b, 1, "%s: an archive inside an archive: skipped (unpack it first)",
                        source);
        } else {
            const nc_format *f = b->cfg->from ? b->cfg->from : ncp_format_for_input(name);
            if (!f || !f->read) {
                submit_note(b, 0, "%s: not a known article format: skipped", source);
            } else {
                nc_buf d = NC_BUF_INIT;
                char msg[300];
                int fatal = 0;
                if (archive_entry_size_is_set(e) && archive_entry_size(e) > 0 &&
                    (unsigned long long)archive_entry_size(e) > b->max_size) {
                    submit_fail(b, source, 0, NC_ERR_LIMIT,
                                "entry is larger than the limit of %zu bytes (--max-size)",
                                b->max_size);
                } else if (read_entry_data(ar, b->max_size, &d, msg, sizeof msg, &fatal) < 0) {
                    nc_buf_release(&d);
                    submit_fail(b, source, 0,
                                strstr(msg, "limit") ? NC_ERR_LIMIT : NC_ERR_PARSE, "%s", msg);
                    if (fatal) {
                        free(source);
                        break;
                    }
                } else {
                    item it;
                    nc_error derr;
                    new_doc(&it, f, source, output_name(b, prefix, name));
                    source = NULL;
                    it.mtime = (long long)archive_entry_mtime(e);
                    it.data = nc_buf_detach(&d, &it.len);
                    nc_error_clear(&derr);
                    if (it.data && ncp_decompress(&it.data, &it.len, b->max_size, &derr) < 0) {
                        snprintf(derr.source, sizeof derr.source, "%s", it.source ? it.source : name);
                        item_release(&it);
                        submit_error(b, &derr);
                    } else {
                        submit_read(b, &it, ar);
                    }
                }
            }
        }
        free(source);
    }
    archive_read_free(ar);
}

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

static void read_warc(batch *b, const char *path, const char *display, const char *prefix)
{
    struct archive *ar = archive_read_new();
    struct archive_entry *e;
    src s;
    int resync = 0;
    long long record = 0;
    if (!ar) {
        submit_fail(b, display, 0, NC_ERR_NOMEM, "out of memory");
        return;
    }
    ncp_archive_filters(ar);
    archive_read_support_format_raw(ar);
    if (archive_read_open_filename(ar, path, 65536) != ARCHIVE_OK ||
        archive_read_next_header(ar, &e) != ARCHIVE_OK) {
        submit_fail(b, display, 0, archive_status(ar), "cannot open the web archive: %s",
                    archive_error_string(ar) ? archive_error_string(ar) : "unknown error");
        archive_read_free(ar);
        return;
    }
    src_init(&s, b, -1, ar);
    while (!stopping(b)) {
        const char *line, *v;
        size_t len, vlen;
        int too_long, r, html = 0;
        char type[32] = "", uri[4096] = "", ctype[256] = "";
        long long clen = -1, mtime = 0;
        nc_buf block = NC_BUF_INIT;
        r = src_line(&s, 65536, &line, &len, &too_long);
        if (r == 0)
            break;
        if (r < 0) {
            submit_fail(b, display, 0, NC_ERR_PARSE, "%s", s.errmsg);
            break;
        }
        if (!len)
            continue;
        if (len < 6 || memcmp(line, "WARC/", 5)) {
            if (!resync)
                submit_fail(b, display, 0, NC_ERR_PARSE,
                            "record %lld: not a WARC record header: skipping to the next "
                            "record", record + 1);
            resync = 1;
            continue;
        }
        resync = 0;
        record++;
        for (;;) {
            r = src_line(&s, 65536, &line, &len, &too_long);
            if (r <= 0 || !len)
                break;
            if (header_is(line, len, "WARC-Type", &v, &vlen))
                snprintf(type, sizeof type, "%.*s", (int)vlen, v);
            else if (header_is(line, len, "WARC-Target-URI", &v, &vlen)) {
                if (vlen >= 2 && v[0] == '<' && v[vlen - 1] == '>') {
                    v++;
                    vlen -= 2;
                }
                snprintf(uri, sizeof uri, "%.*s", (int)vlen, v);
            } else if (header_is(line, len, "Content-Length", &v, &vlen))
                clen = strtoll(v, NULL, 10);
            else if (header_is(line, len, "Content-Type", &v, &vlen))
                snprintf(ctype, sizeof ctype, "%.*s", (int)vlen, v);
            else if (header_is(line, len, "WARC-Date", &v, &vlen))
                mtime = warc_date(v, vlen);
        }
        if (r < 0 || clen < 0) {
            submit_fail(b, display, 0, NC_ERR_PARSE, "record %lld: %s", record,
                        r < 0 ? s.errmsg : "no Content-Length: cannot go on");
            break;
        }
        if (ncp_strcasecmp(type, "response") && ncp_strcasecmp(type, "resource")) {
            if (src_read(&s, (size_t)clen, NULL) < 0)
                break;
            continue;
        }
        {
            char *source = join_source(display, ":", uri[0] ? uri : "(no WARC-Target-URI)");
            char mtype[128], mcharset[64];
            http_info h;
            if ((unsigned long long)clen > b->max_size) {
                submit_fail(b, source, 0, NC_ERR_LIMIT,
                            "record is larger than the limit of %zu bytes (--max-size)",
                            b->max_size);
                free(source);
                if (src_read(&s, (size_t)clen, NULL) < 0)
                    break;
                continue;
            }
            if (src_read(&s, (size_t)clen, &block) < 0 || nc_buf_ok(&block, NULL) < 0) {
                submit_fail(b, source, 0, NC_ERR_PARSE, "truncated record: %s", s.errmsg);
                free(source);
                nc_buf_release(&block);
                break;
            }
            memset(&h, 0, sizeof h);
            parse_content_type(ctype, strlen(ctype), mtype, sizeof mtype, mcharset,
                               sizeof mcharset);
            if (!ncp_strcasecmp(type, "response")) {
                if (!strcmp(mtype, "application/http") &&
                    parse_http(block.ptr, block.size, &h) == 0) {
                    if (h.status < 200 || h.status > 299)
                        submit_note(b, 0, "%s: HTTP status %d: skipped", source, h.status);
                    else if (!is_html_type(h.type))
                        submit_note(b, 0, "%s: %s: not a web page: skipped", source,
                                    h.type[0] ? h.type : "no Content-Type");
                    else
                        html = 1;
                } else {
                    submit_note(b, 0, "%s: not an HTTP response: skipped", source);
                }
            } else if (is_html_type(mtype)) {
                snprintf(h.charset, sizeof h.charset, "%s", mcharset);
                h.body = 0;
                html = 1;
            } else {
                submit_note(b, 0, "%s: %s: not a web page: skipped", source,
                            mtype[0] ? mtype : "no Content-Type");
            }
            if (html && (!b->html || !b->html->read)) {
                submit_fail(b, source, 0, NC_ERR_UNKNOWN_FORMAT,
                            "no html reader in this build");
                html = 0;
            }
            if (html) {
                item it;
                new_doc(&it, b->html, source, url_output_name(b, prefix, uri));
                source = NULL;
                it.url = uri[0] ? xstrdup(uri) : NULL;
                it.charset = h.charset[0] ? xstrdup(h.charset) : NULL;
                it.encoding = h.encoding[0] ? xstrdup(h.encoding) : NULL;
                it.chunked = h.chunked;
                it.payload_off = h.body;
                it.mtime = mtime;
                it.data = nc_buf_detach(&block, &it.len);
                submit_read(b, &it, ar);
            }
            free(source);
            nc_buf_release(&block);
        }
    }
    src_free(&s);
    archive_read_free(ar);
}

/* ---- files and directories ---- */

/* One file: a container, or an article (fmt by -f or its extension; when none, an
 * operand is sniffed and a file found in a directory is skipped). */
static void read_file(batch *b, const char *path, const char *display, const char *rel,
                      int operand, const struct stat *st)
{
    int kind = container_kind(b, rel);
    nc_buf pre = NC_BUF_INIT;
    if (kind != C_NONE && (kind == C_JSONL || !operand))
        container_prefix(&pre, rel, container_len(b, rel, kind));
    if (kind == C_ARCHIVE) {
        read_archive(b, path, display, pre.ptr);
    } else if (kind == C_WARC) {
        read_warc(b, path, display, pre.ptr);
    } else if (kind == C_JSONL && container_ext_len(rel, zjsonl_exts)) {
        struct archive *ar = archive_read_new();
        struct archive_entry *e;
        if (!ar) {
            submit_fail(b, display, 0, NC_ERR_NOMEM, "out of memory");
        } else {
            ncp_archive_filters(ar);
            archive_read_support_format_raw(ar);
            if (archive_read_open_filename(ar, path, 65536) != ARCHIVE_OK ||
                archive_read_next_header(ar, &e) != ARCHIVE_OK) {
                submit_fail(b, display, 0, archive_status(ar), "cannot open: %s",
                            archive_error_string(ar) ? archive_error_string(ar) : "unknown error");
            } else {
                src s;
                src_init(&s, b, -1, ar);
                read_jsonl(b, &s, display, pre.ptr, st ? (long long)st->st_mtime : 0);
                src_free(&s);
            }
            archive_read_free(ar);
        }
    } else if (kind == C_JSONL) {
        int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
        if (fd < 0) {
            submit_fail(b, display, 0, NC_ERR_IO, "cannot open: %s", strerror(errno));
        } else {
            src s;
            src_init(&s, b, fd, NULL);
            read_jsonl(b, &s, display, pre.ptr, st ? (long long)st->st_mtime : 0);
            src_free(&s);
            if (fd != STDIN_FILENO)
                close(fd);
        }
    } else {
        const nc_format *f = b->cfg->from ? b->cfg->from : ncp_format_for_input(rel);
        if (f && !f->read)
            f = NULL;
        if (!f && !operand) {
            submit_note(b, 0, "%s: not a known article format: skipped", display);
        } else {
            item it;
            nc_error err;
            nc_error_clear(&err);
            new_doc(&it, f, xstrdup(display), output_name(b, "", rel));
            it.mtime = st ? (long long)st->st_mtime : 0;
            if (nc_read_file(path, b->max_size, &it.data, &it.len, &err) < 0) {
                snprintf(err.source, sizeof err.source, "%s", display);
                item_release(&it);
                submit_error(b, &err);
            } else if (!it.source || !it.rel) {
                item_release(&it);
                submit_fail(b, display, 0, NC_ERR_NOMEM, "out of memory");
            } else {
                unsigned long long pos = it.len;
                submit(b, &it, 0);
                pthread_mutex_lock(&b->mu);
                b->bytes_base += pos;
                b->bytes_done = b->bytes_base;
                pthread_mutex_unlock(&b->mu);
                nc_buf_release(&pre);
                return;
            }
        }
    }
    nc_buf_release(&pre);
    if (st) {
        pthread_mutex_lock(&b->mu);
        b->bytes_base += (unsigned long long)st->st_size;
        b->bytes_done = b->bytes_base;
        pthread_mutex_unlock(&b->mu);
    }
}

/* A directory walk in sorted order, without recursion; hidden entries (".name"),
 * symbolic links to directories and the output directory are skipped. */
typedef struct wframe {
    char *rel; /* "" or "a/b/" */
    char **names;
    size_t n, i;
} wframe;

typedef struct walker {
    const batch *b;
    nc_buf root; /* without a trailing '/' (except "/") */
    wframe *st;
    size_t depth, cap;
    nc_buf path, rel;
} walker;

static int cmp_names(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Opens root/rel as a new frame. 0, or -1 with errno. */
static int walker_push(walker *w, const char *rel)
{
    DIR *d;
    struct dirent *de;
    wframe f;
    size_t cap = 0;
    nc_buf p = NC_BUF_INIT;
    int e;
    memset(&f, 0, sizeof f);
    nc_buf_puts(&p, w->root.ptr);
    if (*rel) {
        if (p.size && p.ptr[p.size - 1] != '/')
            nc_buf_putc(&p, '/');
        nc_buf_puts(&p, rel);
    }
    d = opendir(p.ptr);
    e = errno;
    nc_buf_release(&p);
    if (!d) {
        errno = e;
        return -1;
    }
    f.rel = xstrdup(rel);
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        if (f.n == cap) {
            char **nn = realloc(f.names, (cap = cap ? cap * 2 : 64) * sizeof *nn);
            if (!nn)
                break;
            f.names = nn;
        }
        if (!(f.names[f.n] = xstrdup(de->d_name)))
            break;
        f.n++;
    }
    closedir(d);
    if (f.n)
        qsort(f.names, f.n, sizeof *f.names, cmp_names);
    if (w->depth == w->cap) {
        wframe *ns = realloc(w->st, (w->cap = w->cap ? w->cap * 2 : 16) * sizeof *ns);
        if (!ns) {
            size_t i;
            for (i = 0; i < f.n; i++)
                free(f.names[i]);
            free(f.names);
            free(f.rel);
            errno = ENOMEM;
            return -1;
        }
        w->st = ns;
    }
    w->st[w->depth++] = f;
    return 0;
}

static void walker_pop(walker *w)
{
    wframe *f = &w->st[--w->depth];
    size_t i;
    for (i = 0; i < f->n; i++)
        free(f->names[i]);
    free(f->names);
    free(f->rel);
}

static int walker_init(walker *w, const batch *b, const char *root)
{
    memset(w, 0, sizeof *w);
    w->b = b;
    nc_buf_init(&w->root);
    nc_buf_init(&w->path);
    nc_buf_init(&w->rel);
    nc_buf_puts(&w->root, root);
    while (w->root.size > 1 && w->root.ptr[w->root.size - 1] == '/')
        nc_buf_truncate(&w->root, w->root.size - 1);
    return walker_push(w, "");
}

static void walker_free(walker *w)
{
    while (w->depth)
        walker_pop(w);
    free(w->st);
    nc_buf_release(&w->root);
    nc_buf_release(&w->path);
    nc_buf_release(&w->rel);
}

/* The next regular file: 1 with w->path, w->rel and *st; 0 at the end; -1 when a
 * directory cannot be read (w->path names it, errno set; the walk goes on). */
static int walker_next(walker *w, struct stat *st)
{
    while (w->depth) {
        wframe *f = &w->st[w->depth - 1];
        const char *name;
        if (f->i == f->n) {
            walker_pop(w);
            continue;
        }
        name = f->names[f->i++];
        nc_buf_clear(&w->rel);
        nc_buf_puts(&w->rel, f->rel);
        nc_buf_puts(&w->rel, name);
        nc_buf_clear(&w->path);
        nc_buf_puts(&w->path, w->root.ptr);
        if (w->path.size && w->path.ptr[w->path.size - 1] != '/')
            nc_buf_putc(&w->path, '/');
        nc_buf_puts(&w->path, w->rel.ptr);
        if (lstat(w->path.ptr, st) < 0)
            continue; /* vanished */
        if (S_ISLNK(st->st_mode)) {
            if (stat(w->path.ptr, st) < 0 || !S_ISREG(st->st_mode))
                continue; /* dangling, or a link to a directory: not followed */
            return 1;
        }
        if (S_ISDIR(st->st_mode)) {
            if (w->b->have_outdir && st->st_dev == w->b->out_dev && st->st_ino == w->b->out_ino)
                continue;
            nc_buf_putc(&w->rel, '/');
            if (walker_push(w, w->rel.ptr) < 0)
                return -1;
            continue;
        }
        if (S_ISREG(st->st_mode))
            return 1;
    }
    return 0;
}

static void read_dir(batch *b, const char *root)
{
    walker w;
    struct stat st;
    int r;
    if (walker_init(&w, b, root) < 0) {
        submit_fail(b, root, 0, NC_ERR_IO, "cannot read the directory: %s", strerror(errno));
        walker_free(&w);
        return;
    }
    while (!stopping(b) && (r = walker_next(&w, &st)) != 0) {
        if (r < 0) {
            submit_fail(b, w.path.ptr, 0, NC_ERR_IO, "cannot read the directory: %s",
                        strerror(errno));
            continue;
        }
        read_file(b, w.path.ptr, w.path.ptr, w.rel.ptr, 0, &st);
    }
    walker_free(&w);
}

static void thread_exit(batch *b)
{
    pthread_mutex_lock(&b->mu);
    b->alive--;
    pthread_cond_broadcast(&b->cv_exit);
    pthread_mutex_unlock(&b->mu);
}

static void *reader_main(void *arg)
{
    batch *b = arg;
    size_t i;
    for (i = 0; i < b->n_inputs && !stopping(b); i++) {
        const char *in = b->inputs[i];
        struct stat st;
        if (!strcmp(in, "-")) {
            read_file(b, "-", "<stdin>", "stdin", 1, NULL);
        } else if (stat(in, &st) < 0) {
            submit_fail(b, in, 0, NC_ERR_IO, "cannot open: %s", strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            if (b->cfg->recursive)
                read_dir(b, in);
            else
                submit_fail(b, in, 0, NC_ERR_IO,
                            "is a directory (use -r to convert the articles it holds)");
        } else {
            read_file(b, in, in, base_name(in), 1, &st);
        }
    }
    pthread_mutex_lock(&b->mu);
    b->reader_done = 1;
    pthread_cond_broadcast(&b->cv_work);
    pthread_cond_broadcast(&b->cv_write);
    pthread_mutex_unlock(&b->mu);
    thread_exit(b);
    return NULL;
}

/* Counts the items and bytes of the directory operands for the progress bar. */
static void *counter_main(void *arg)
{
    batch *b = arg;
    unsigned long long items = 0, bytes = 0;
    int containers = 0;
    size_t i;
    for (i = 0; i < b->n_inputs && !stopping(b); i++) {
        struct stat st;
        walker w;
        if (!strcmp(b->inputs[i], "-") || stat(b->inputs[i], &st) < 0) {
            items++;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            if (container_kind(b, b->inputs[i]) != C_NONE)
                containers = 1;
            else
                items++;
            bytes += (unsigned long long)st.st_size;
            continue;
        }
        if (walker_init(&w, b, b->inputs[i]) == 0) {
            int r;
            while (!stopping(b) && (r = walker_next(&w, &st)) != 0) {
                const nc_format *f;
                if (r < 0)
                    continue;
                if (container_kind(b, w.rel.ptr) != C_NONE) {
                    containers = 1;
                    bytes += (unsigned long long)st.st_size;
                    continue;
                }
                f = b->cfg->from ? b->cfg->from : ncp_format_for_input(w.rel.ptr);
                if (f && f->read) {
                    items++;
                    bytes += (unsigned long long)st.st_size;
                }
            }
        }
        walker_free(&w);
    }
    pthread_mutex_lock(&b->mu);
    if (!stopping(b)) {
        b->bytes_total = bytes;
        b->items_total = items;
        b->totals_known = containers ? 1 : 2;
    }
    b->counting = 0;
    pthread_mutex_unlock(&b->mu);
    thread_exit(b);
    return NULL;
}

/* ------------------------------------------------------------------------------------
 * The workers */

static void item_warn(void *ud, const nc_error *w)
{
    item *it = ud;
    nc_error e = *w;
    char msg[NC_ERROR_SOURCE_LEN + NC_ERROR_TEXT_LEN + 64];
    it->n_warn++;
    if (it->quiet)
        return;
    if (it->line > 0) {
        e.line = e.line <= 1 ? (int)it->line : e.line + (int)it->line - 1;
        if (!w->line)
            e.column = 0;
    }
    nc_error_format(&e, msg, sizeof msg);
    nc_buf_printf(&it->msgs, "%s: warning: %s\n", it->prog, msg);
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
    } else if (read_entry_data(ar, max, out, msg, msglen, &fatal) == 0) {
        rc = 0;
    }
    archive_read_free(ar);
    return rc;
}

/* text in `charset` -> UTF-8 (invalid bytes become U+FFFD). 0, or -1 when the charset
 * is unknown. */
static int to_utf8(const char *charset, const char *p, size_t n, nc_buf *out)
{
    iconv_t cd = iconv_open("UTF-8", charset);
    char *in = (char *)p;
    size_t inleft = n;
    if (cd == (iconv_t)-1)
        return -1;
    while (inleft > 0) {
        char *o;
        size_t oleft, r;
        if (nc_buf_grow(out, inleft * 2 + 16) < 0)
            break;
        o = out->ptr + out->size;
        oleft = out->asize - out->size - 1;
        r = iconv(cd, &in, &inleft, &o, &oleft);
        out->size = (size_t)(o - out->ptr);
        out->ptr[out->size] = '\0';
        if (r == (size_t)-1 && errno != E2BIG) { /* EILSEQ, EINVAL: one bad byte */
            nc_buf_puts(out, "\xEF\xBF\xBD");
            in++;
            inleft--;
        }
    }
    iconv_close(cd);
    return 0;
}

/* A web archive record's payload as the bytes the html reader gets: dechunked,
 * decompressed, and (when the HTTP header names a charset and the page has no byte
 * order mark) converted to UTF-8 behind a UTF-8 byte order mark, which every HTML
 * parser honours before <meta charset>. */
static int warc_payload(batch *b, item *it, nc_buf *out, nc_error *err)
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
        else if (to_utf8(it->charset, p, n, out) < 0) {
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

static void convert_item(batch *b, item *it)
{
    nc_opts o = b->cfg->opts;
    nc_article *a = NULL;
    const nc_format *from = it->from;
    const char *data = it->data;
    size_t len = it->len;
    nc_buf page = NC_BUF_INIT;
    int rc = 0;

    o.source = it->source;
    o.warn = item_warn;
    o.warn_data = it;
    it->quiet = b->cfg->quiet;
    it->prog = b->prog;
    if (it->url)
        o.base_url = it->url;
    if (it->url || it->payload_off || it->charset || it->encoding) {
        rc = warc_payload(b, it, &page, &it->err);
        data = page.ptr;
        len = page.size;
    }
    if (rc == 0 && !from && !(from = nc_format_sniff(data, len)))
        rc = nc_error_set(&it->err, NC_ERR_UNKNOWN_FORMAT, 0, 0,
                          "cannot detect the input format; use -f FMT");
    if (rc == 0)
        rc = nc_read_article(from, data, len, &o, &a, &it->err);
    free(it->data); /* the input is no longer needed */
    it->data = NULL;
    nc_buf_release(&page);
    if (rc == 0 && o.strict && it->n_warn)
        rc = nc_error_set(&it->err, NC_ERR_LOSSY, 0, 0, "%d warning%s under --strict while reading",
                          it->n_warn, it->n_warn == 1 ? "" : "s");
    if (rc == 0 && it->url && !a->str[NC_F_URL] && nc_article_sets(a, NC_F_URL, it->url) < 0)
        rc = nc_article_ok(a, &it->err);
    if (rc == 0)
        rc = nc_write_article(b->to, a, &o, &it->out, &it->err);
    nc_article_free(a);
    it->ok = rc == 0;
    if (rc < 0) {
        nc_buf_release(&it->out);
        if (it->line > 0) { /* positions in a JSON Lines file are its lines */
            if (it->err.line > 1)
                it->err.line += (int)it->line - 1;
            else {
                if (!it->err.line)
                    it->err.column = 0;
                it->err.line = (int)it->line;
            }
        }
        nc_error_set_source(&it->err, it->source);
    }
}

typedef struct worker {
    batch *b;
    dircache dc;
    pthread_t thread;
} worker;

static void worker_write(batch *b, dircache *dc, item *it, unsigned long long seq);
static void dircache_free(dircache *dc, int root);

static void *worker_main(void *arg)
{
    worker *w = arg;
    batch *b = w->b;
    for (;;) {
        item *it;
        unsigned long long seq;
        pthread_mutex_lock(&b->mu);
        while (b->n_claimed == b->n_read && !b->reader_done && !stopping(b)) {
            b->workers_waiting++;
            timed_wait(&b->cv_work, &b->mu, 0.2);
            b->workers_waiting--;
        }
        if (stopping(b) || b->n_claimed == b->n_read) {
            pthread_mutex_unlock(&b->mu);
            break;
        }
        seq = b->n_claimed++;
        it = &b->ring[seq % b->cap];
        pthread_mutex_unlock(&b->mu);
        if (it->kind == ITEM_DOC) {
            convert_item(b, it);
            if (it->ok == 1 && b->sink.mode == SINK_DIR && !stopping(b))
                worker_write(b, &w->dc, it, seq);
        }
        pthread_mutex_lock(&b->mu);
        it->state = SLOT_DONE;
        /* wake the writer when its target and the item it waits for are both done:
         * the last item of its window to finish may be any of them, not only the
         * target (workers finish out of order) */
        if (b->writer_waiting && b->ring[b->writer_target % b->cap].state == SLOT_DONE &&
            b->ring[b->n_written % b->cap].state == SLOT_DONE)
            pthread_cond_signal(&b->cv_write);
        pthread_mutex_unlock(&b->mu);
    }
    dircache_free(&w->dc, b->sink.root);
    return NULL;
}

/* ------------------------------------------------------------------------------------
 * The sink: where results go */

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int archive_kind(const char *path) { return container_ext_len(path, archive_exts) > 0; }

/* Creates the directories of path (like mkdir -p). 0 or -1 with errno. */
static int make_dirs(const char *path)
{
    char *p = xstrdup(path), *s;
    int rc = 0;
    if (!p)
        return -1;
    for (s = p + 1; ; s++) {
        if (*s == '/' || !*s) {
            char c = *s;
            *s = '\0';
            if (mkdir(p, 0777) < 0 && errno != EEXIST)
                rc = -1;
            *s = c;
            if (!c || rc < 0)
                break;
        }
    }
    free(p);
    if (rc == 0) {
        struct stat st;
        if (stat(path, &st) < 0)
            rc = -1;
        else if (!S_ISDIR(st.st_mode)) {
            errno = ENOTDIR;
            rc = -1;
        }
    }
    return rc;
}

/* Opens the temporary file of a stream or archive output next to path. */
static int open_tmp(sink *s, nc_error *err)
{
    size_t n = strlen(s->path) + 40;
    struct stat st;
    mode_t mode = 0666;
    if (stat(s->path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            nc_error_set_source(err, s->path);
            return nc_error_set(err, NC_ERR_USAGE, 0, 0, "is a directory");
        }
        if (!S_ISREG(st.st_mode)) {
            /* a device or a pipe (/dev/null, /dev/stdout, a FIFO): written into, never
             * renamed over */
            s->fd = open(s->path, O_WRONLY | O_CLOEXEC);
            if (s->fd < 0) {
                nc_error_set_source(err, s->path);
                return nc_error_set(err, NC_ERR_IO, 0, 0, "cannot open: %s", strerror(errno));
            }
            s->direct = 1;
            return 0;
        }
        mode = st.st_mode & 07777;
    }
    s->tmp = malloc(n);
    if (!s->tmp)
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    snprintf(s->tmp, n, "%s.tmp.%ld", s->path, (long)getpid());
    s->fd = open(s->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (s->fd < 0) {
        nc_error_set_source(err, s->path);
        nc_error_set(err, NC_ERR_IO, 0, 0, "cannot create: %s", strerror(errno));
        free(s->tmp);
        s->tmp = NULL;
        return -1;
    }
    return 0;
}

static int sink_open(batch *b, sink *s, nc_error *err)
{
    s->fd = -1;
    s->root = -1;
    if (s->mode == SINK_STREAM) {
        if (!s->path) {
            s->fd = STDOUT_FILENO;
            return 0;
        }
        return open_tmp(s, err);
    }
    if (s->mode == SINK_ARCHIVE) {
        const char *p = s->path;
        int r = ARCHIVE_OK;
        if (open_tmp(s, err) < 0)
            return -1;
        s->aw = archive_write_new();
        if (!s->aw)
            return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
        if (ends_with_ci(p, ".zip")) {
            r = archive_write_set_format_zip(s->aw);
        } else {
            r = archive_write_set_format_pax_restricted(s->aw);
            if (r == ARCHIVE_OK) {
                if (ends_with_ci(p, ".gz") || ends_with_ci(p, ".tgz"))
                    r = archive_write_add_filter_gzip(s->aw);
                else if (ends_with_ci(p, ".bz2") || ends_with_ci(p, ".tbz2") ||
                         ends_with_ci(p, ".tbz"))
                    r = archive_write_add_filter_bzip2(s->aw);
                else if (ends_with_ci(p, ".xz") || ends_with_ci(p, ".txz"))
                    r = archive_write_add_filter_xz(s->aw);
                else if (ends_with_ci(p, ".zst") || ends_with_ci(p, ".tzst"))
                    r = archive_write_add_filter_zstd(s->aw);
            }
            /* reproducible: no time stamp in the gzip header */
            if (r == ARCHIVE_OK && (ends_with_ci(p, ".gz") || ends_with_ci(p, ".tgz")))
                archive_write_set_filter_option(s->aw, "gzip", "timestamp", NULL);
        }
        if (r == ARCHIVE_OK)
            r = archive_write_open_fd(s->aw, s->fd);
        if (r != ARCHIVE_OK) {
            nc_error_set_source(err, p);
            return nc_error_set(err, NC_ERR_IO, 0, 0, "cannot write the archive: %s",
                                archive_error_string(s->aw) ? archive_error_string(s->aw)
                                                            : "unsupported");
        }
        return 0;
    }
    /* SINK_DIR */
    if (make_dirs(s->path) < 0 ||
        (s->root = open(s->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
        int e = errno;
        nc_error_set_source(err, s->path);
        if (e == ENOMEM) /* make_dirs could not allocate: out of memory is exit 7 */
            return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
        return nc_error_set(err, NC_ERR_IO, 0, 0, "cannot create the output directory: %s",
                            strerror(e));
    }
    {
        struct stat st;
        if (fstat(s->root, &st) == 0) {
            b->have_outdir = 1;
            b->out_dev = st.st_dev;
            b->out_ino = st.st_ino;
        }
    }
    return 0;
}

/* The directory of rel inside the output directory, created as needed; no symbolic
 * link is followed, so nothing is written outside the output directory. */
static int dir_open(int root, dircache *dc, const char *rel, size_t dlen, nc_error *err)
{
    char comp[256];
    const char *p = rel, *end = rel + dlen;
    int fd = root;
    if (dc->dir && strlen(dc->dir) == dlen && !memcmp(dc->dir, rel, dlen))
        return dc->fd;
    if (dc->fd >= 0 && dc->fd != root)
        close(dc->fd);
    free(dc->dir);
    dc->dir = NULL;
    dc->fd = -1;
    while (p < end) {
        const char *e = memchr(p, '/', (size_t)(end - p));
        size_t n = e ? (size_t)(e - p) : (size_t)(end - p);
        int nfd;
        if (n >= sizeof comp)
            n = sizeof comp - 1;
        memcpy(comp, p, n);
        comp[n] = '\0';
        p += n + 1;
        if (!n)
            continue;
        if (mkdirat(fd, comp, 0777) < 0 && errno != EEXIST) {
            nc_error_set(err, NC_ERR_IO, 0, 0, "cannot create directory '%.*s': %s",
                         (int)(p - 1 - rel), rel, strerror(errno));
            goto fail;
        }
        nfd = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (nfd < 0) {
            int en = errno;
            struct stat st;
            if (fstatat(fd, comp, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
                en = ELOOP;
            nc_error_set(err, NC_ERR_IO, 0, 0, "cannot open directory '%.*s': %s",
                         (int)(p - 1 - rel), rel,
                         en == ELOOP ? "a symbolic link, not followed" : strerror(en));
            goto fail;
        }
        if (fd != root)
            close(fd);
        fd = nfd;
    }
    dc->dir = malloc(dlen + 1);
    if (dc->dir) {
        memcpy(dc->dir, rel, dlen);
        dc->dir[dlen] = '\0';
    }
    dc->fd = fd;
    return fd;
fail:
    if (fd != root)
        close(fd);
    return -1;
}

static void dircache_free(dircache *dc, int root)
{
    if (dc->fd >= 0 && dc->fd != root)
        close(dc->fd);
    free(dc->dir);
    dc->dir = NULL;
    dc->fd = -1;
}

/* A failure of the output side, reported under the item's name; dest: the destination
 * failed (a full disk, a quota, a read-only file system, an I/O error), which makes the
 * run exit 5 once every item was attempted. */
static void fail_output(item *it, const nc_error *err, int dest)
{
    nc_error_clear(&it->err);
    nc_error_set(&it->err, err->code ? err->code : NC_ERR_IO, 0, 0, "%s", err->text);
    nc_error_set_source(&it->err, it->source);
    it->ok = 0;
    it->out_failed = dest;
    nc_buf_release(&it->out);
}

static int disk_full(int e) { return e == ENOSPC || e == EDQUOT || e == EROFS || e == EIO; }

/* SINK_DIR, in a worker: writes the item's output to a temporary file in its directory
 * (created as needed), so that file creation, the costly part, runs in parallel; the
 * writer renames it in input order. */
static void worker_write(batch *b, dircache *dc, item *it, unsigned long long seq)
{
    const char *slash = strrchr(it->rel, '/');
    char tmp[64];
    nc_error err;
    int dfd, fd, e;
    nc_error_clear(&err);
    dfd = dir_open(b->sink.root, dc, it->rel, slash ? (size_t)(slash - it->rel) : 0, &err);
    if (dfd < 0) {
        fail_output(it, &err, disk_full(errno));
        return;
    }
    tmp_name(tmp, sizeof tmp, seq);
    fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0 && errno == EEXIST) { /* left by a killed run with the same pid */
        unlinkat(dfd, tmp, 0);
        fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    }
    if (fd < 0) {
        e = errno;
        nc_error_set(&err, NC_ERR_IO, 0, 0, "cannot create '%s': %s", it->rel, strerror(e));
        fail_output(it, &err, disk_full(e));
        return;
    }
    if (write_all(fd, it->out.ptr, it->out.size) < 0 || close(fd) < 0) {
        e = errno;
        close(fd);
        unlinkat(dfd, tmp, 0);
        nc_error_set(&err, NC_ERR_IO, 0, 0, "cannot write '%s': %s", it->rel, strerror(e));
        fail_output(it, &err, disk_full(e));
        return;
    }
    fd = fcntl(dfd, F_DUPFD_CLOEXEC, 0);
    if (fd < 0) {
        e = errno;
        unlinkat(dfd, tmp, 0);
        nc_error_set(&err, NC_ERR_IO, 0, 0, "cannot write '%s': %s", it->rel, strerror(e));
        fail_output(it, &err, disk_full(e));
        return;
    }
    it->seq = seq;
    it->dirfd1 = fd + 1;
    it->tmp_pending = 1;
    nc_buf_release(&it->out); /* the bytes are on disk now */
}

/* Why libarchive could not write: the system's reason when there is one ("No space left
 * on device"), not its own "Write error" (EILSEQ and EINVAL are libarchive's own codes for
 * a format error and a misuse). */
static const char *archive_why(struct archive *aw)
{
    int e = archive_errno(aw);
    if (e > 0 && e != EILSEQ && e != EINVAL)
        return strerror(e);
    return archive_error_string(aw) ? archive_error_string(aw) : "archive error";
}

/* Writes one result. 0; -1: the item failed (err set); -2: the output is broken. */
static int sink_write(batch *b, sink *s, item *it, nc_error *err)
{
    const char *data = it->out.ptr;
    size_t len = it->out.size;
    if (s->mode == SINK_STREAM) {
        int nl = b->to == b->jsonl;
        if (nl)
            while (len && (data[len - 1] == '\n' || data[len - 1] == '\r'))
                len--;
        if (write_all(s->fd, data, len) < 0 || (nl && write_all(s->fd, "\n", 1) < 0)) {
            if (errno == EPIPE && !s->path) {
                b->quiet_end = 1;
                return -2;
            }
            nc_error_set_source(err, s->path ? s->path : "<stdout>");
            nc_error_set(err, NC_ERR_IO, 0, 0, "cannot write: %s", strerror(errno));
            return -2;
        }
        return 0;
    }
    if (s->mode == SINK_ARCHIVE) {
        struct archive_entry *e = archive_entry_new();
        int r;
        if (!e)
            return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory") - 1;
        if (!archive_entry_update_pathname_utf8(e, it->rel) || !archive_entry_pathname(e)) {
            archive_entry_free(e);
            nc_error_set(err, NC_ERR_IO, 0, 0, "the name '%s' cannot be stored in the archive",
                         it->rel);
            return -1;
        }
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_entry_set_size(e, (la_int64_t)len);
        archive_entry_set_mtime(e, (time_t)it->mtime, 0);
        r = archive_write_header(s->aw, e);
        if (r >= ARCHIVE_WARN && len)
            r = archive_write_data(s->aw, data, len) == (la_ssize_t)len ? ARCHIVE_OK
                                                                        : ARCHIVE_FATAL;
        archive_entry_free(e);
        if (r < ARCHIVE_WARN) {
            nc_error_set_source(err, s->path);
            nc_error_set(err, NC_ERR_IO, 0, 0, "cannot write: %s", archive_why(s->aw));
            return -2;
        }
        return 0;
    }
    {
        /* SINK_DIR: the worker wrote a temporary file; it gets its name now */
        const char *slash = strrchr(it->rel, '/');
        char tmp[64];
        int dfd = it->dirfd1 - 1;
        if (!it->tmp_pending)
            return nc_error_set(err, NC_ERR_INTERNAL, 0, 0, "no output was written") - 1;
        tmp_name(tmp, sizeof tmp, it->seq);
        if (renameat(dfd, tmp, dfd, slash ? slash + 1 : it->rel) < 0) {
            int e = errno;
            nc_error_set(err, NC_ERR_IO, 0, 0, "cannot write '%s': %s", it->rel, strerror(e));
            it->out_failed = disk_full(e);
            return -1; /* item_release removes the temporary file */
        }
        it->tmp_pending = 0;
        return 0;
    }
}

/* Closes the output: commit renames a stream or archive file over -o; otherwise the
 * temporary file is removed and an existing file is left as it was. */
static int sink_close(sink *s, int commit, nc_error *err)
{
    int rc = 0;
    if (s->aw) {
        if (commit && archive_write_close(s->aw) != ARCHIVE_OK) {
            nc_error_set_source(err, s->path);
            nc_error_set(err, NC_ERR_IO, 0, 0, "cannot write: %s", archive_why(s->aw));
            commit = 0;
            rc = -1;
        }
        archive_write_free(s->aw);
        s->aw = NULL;
    }
    if (s->tmp) {
        if (commit && (fsync(s->fd) < 0 && errno != EINVAL && errno != EROFS)) {
            nc_error_set_source(err, s->path);
            nc_error_set(err, NC_ERR_IO, 0, 0, "cannot write: %s", strerror(errno));
            commit = 0;
            rc = -1;
        }
        if (close(s->fd) < 0 && commit) {
            nc_error_set_source(err, s->path);
            nc_error_set(err, NC_ERR_IO, 0, 0, "cannot write: %s", strerror(errno));
            commit = 0;
            rc = -1;
        }
        s->fd = -1;
        if (commit && rename(s->tmp, s->path) < 0) {
            nc_error_set_source(err, s->path);
            nc_error_set(err, NC_ERR_IO, 0, 0, "cannot write: %s", strerror(errno));
            rc = -1;
            commit = 0;
        }
        if (!commit)
            unlink(s->tmp);
        free(s->tmp);
        s->tmp = NULL;
    }
    if (s->direct) {
        close(s->fd);
        s->fd = -1;
        s->direct = 0;
    }
    if (s->root >= 0)
        close(s->root);
    s->root = -1;
    free(s->names.slots);
    s->names.slots = NULL;
    return rc;
}

/* ------------------------------------------------------------------------------------
 * The writer: results in input order, messages, progress */

static void progress_clear(batch *b)
{
    if (b->bar_visible) {
        fputs("\r\033[K", stderr);
        b->bar_visible = 0;
    }
}

static void fmt_duration(char *out, size_t n, double s)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(out, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(out, n, "%ld:%02ld", t / 60, t % 60);
}

static void progress_draw(batch *b, int force)
{
    double t = now_sec(), el = t - b->t0, frac = -1, rate;
    unsigned long long done = b->n_items, total = 0, bd, bt;
    int known;
    char line[256], eta[32] = "";
    size_t n = 0;
    if (!b->show_progress || (!force && t - b->last_draw < 0.1))
        return;
    b->last_draw = t;
    pthread_mutex_lock(&b->mu);
    known = b->totals_known;
    total = b->items_total;
    bd = b->bytes_done;
    bt = b->bytes_total;
    pthread_mutex_unlock(&b->mu);
    if (known == 2 && total)
        frac = (double)done / (double)total;
    else if (known >= 1 && bt)
        frac = (double)bd / (double)bt;
    if (frac > 1)
        frac = 1;
    rate = el > 0 ? (double)done / el : 0;
    if (frac > 0.001 && frac < 1) {
        memcpy(eta, " ETA ", 6);
        fmt_duration(eta + 5, sizeof eta - 5, el * (1 - frac) / frac);
    }
#define ADD(...)                                                                           \
    do {                                                                                   \
        int k_ = snprintf(line + n, sizeof line - n, __VA_ARGS__);                         \
        if (k_ > 0 && (size_t)k_ < sizeof line - n)                                        \
            n += (size_t)k_;                                                               \
    } while (0)
    if (frac >= 0) {
        int i, w = (int)(frac * 24 + 0.5);
        ADD("[");
        for (i = 0; i < 24; i++)
            ADD("%c", i < w ? '#' : '.');
        ADD("] %3d%% ", (int)(frac * 100));
    }
    if (known == 2)
        ADD("%llu/%llu", done, total);
    else
        ADD("%llu", done);
    ADD(" articles, %.0f/s%s", rate, eta);
    if (b->n_failed)
        ADD(", %s%llu failed%s", b->color ? "\033[31m" : "", b->n_failed,
            b->color ? "\033[0m" : "");
#undef ADD
    fprintf(stderr, "\r%s\033[K", line);
    fflush(stderr);
    b->bar_visible = 1;
}

static void print_error(batch *b, const nc_error *err)
{
    char msg[NC_ERROR_SOURCE_LEN + NC_ERROR_TEXT_LEN + 64];
    nc_error_format(err, msg, sizeof msg);
    fprintf(stderr, "%s: %s\n", b->prog, msg);
}

/* Gives the item a name no earlier item has ("a.md", then "a~2.md", ...). */
static void unique_name(batch *b, item *it)
{
    char *alt;
    size_t dot, n = 2;
    if (!name_seen(&b->sink.names, it->rel))
        return;
    dot = ext_pos(it->rel, strlen(it->rel));
    alt = malloc(strlen(it->rel) + 24);
    if (!alt)
        return;
    do
        snprintf(alt, strlen(it->rel) + 24, "%.*s~%zu%s", (int)dot, it->rel, n++, it->rel + dot);
    while (name_seen(&b->sink.names, alt));
    if (!b->cfg->quiet)
        nc_buf_printf(&it->msgs, "%s: warning: %s: the output name '%s' is taken by an earlier "
                      "item: written as '%s'\n", b->prog, it->source, it->rel, alt);
    free(it->rel);
    it->rel = alt;
}

static void emit(batch *b, item *it)
{
    nc_error err;
    if (it->kind == ITEM_DOC && it->ok == 1 && b->sink.mode != SINK_STREAM)
        unique_name(b, it);
    if (it->msgs.size) {
        progress_clear(b);
        fputs(it->msgs.ptr, stderr);
    }
    if (it->kind == ITEM_NOTE)
        return;
    b->n_items++;
    if (it->kind == ITEM_DOC && it->ok == 1) {
        int r;
        nc_error_clear(&err);
        r = sink_write(b, &b->sink, it, &err);
        if (r == 0) {
            b->n_ok++;
            if (b->cfg->verbose) {
                progress_clear(b);
                char line[32] = "";
                if (it->line)
                    snprintf(line, sizeof line, ":%ld", it->line);
                if (b->sink.mode == SINK_STREAM)
                    fprintf(stderr, "%s: %s%s -> %s\n", b->prog, it->source, line,
                            b->sink.path ? b->sink.path : "<stdout>");
                else
                    fprintf(stderr, "%s: %s%s -> %s%s%s\n", b->prog, it->source, line,
                            b->sink.path, b->sink.mode == SINK_ARCHIVE ? ":" : "/", it->rel);
            }
            return;
        }
        if (r == -2) { /* an archive or stream that cannot take more: the run stops */
            b->n_failed++;
            b->fatal = 1;
            b->fatal_code = nc_status_exit_code(err.code ? err.code : NC_ERR_IO);
            if (!b->quiet_end) {
                progress_clear(b);
                print_error(b, &err);
            }
            return;
        }
        nc_error_set_source(&err, b->sink.path);
        {
            /* name the item and where it was to go */
            nc_error e2;
            nc_error_clear(&e2);
            nc_error_set(&e2, err.code, 0, 0, "%s", err.text);
            nc_error_set_source(&e2, it->source);
            err = e2;
        }
        it->err = err;
    }
    if (it->out_failed) /* the destination failed; the next items are still attempted */
        b->n_out_failed++;
    b->n_failed++;
    b->last_code = it->err.code ? it->err.code : NC_ERR_INTERNAL;
    progress_clear(b);
    print_error(b, &it->err);
}

/* ------------------------------------------------------------------------------------
 * Entry points */

static int is_dir(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A device or a pipe (/dev/null, /dev/stdout, a FIFO). */
static int is_special(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && !S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode);
}

int ncp_batch_wanted(const ncp_batch_config *c)
{
    const char *in = c->n_inputs ? c->inputs[0] : "-";
    const nc_format *jsonl = nc_format_find("jsonl");
    const char *o = c->output && strcmp(c->output, "-") ? c->output : NULL;
    int jsonl_in;
    if (c->n_inputs > 1)
        return 1;
    if (o && *o && (is_dir(o) || o[strlen(o) - 1] == '/'))
        return 1;
    if (strcmp(in, "-") && is_dir(in))
        return c->recursive; /* without -r: the single path says "is a directory" */
    if (strcmp(in, "-") &&
        (container_ext_len(in, archive_exts) || container_ext_len(in, warc_exts) ||
         (jsonl && jsonl->read && (!c->from || c->from == jsonl) &&
          container_ext_len(in, zjsonl_exts))))
        return 1;
    jsonl_in = jsonl && jsonl->read &&
               (c->from == jsonl || (!c->from && strcmp(in, "-") &&
                                     nc_format_for_path(in) == jsonl));
    /* one JSON Lines input is a batch unless its output is one file of another format */
    if (jsonl_in && (c->to == jsonl || (o && (archive_kind(o) || !nc_format_for_path(o)))))
        return 1;
    return 0;
}

static int usage(const batch *b, const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", b->prog);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry '%s --help' for more information.\n", b->prog);
    return 2;
}

int ncp_batch_run(const ncp_batch_config *cfg)
{
    static const char *const stdin_only[] = {"-"};
    batch *b;
    pthread_t reader, counter;
    worker *workers = NULL;
    int n_workers = 0, have_reader = 0, have_counter = 0, i, rc, all_exited = 1;
    int stdin_uses = 0;
    char *old_ctype = NULL;
    struct sigaction sa, old_int, old_term;
    nc_error err;
    const char *o;
    size_t k;
    long jobs = cfg->jobs;

    b = calloc(1, sizeof *b);
    if (!b)
        return 7;
    b->cfg = cfg;
    b->prog = cfg->progname ? cfg->progname : "newsconv";
    b->to = cfg->to;
    b->jsonl = nc_format_find("jsonl");
    b->html = nc_format_find("html");
    b->max_size = cfg->opts.max_size ? cfg->opts.max_size : NC_DEFAULT_MAX_SIZE;
    b->inputs = cfg->n_inputs ? cfg->inputs : stdin_only;
    b->n_inputs = cfg->n_inputs ? cfg->n_inputs : 1;
    if (b->to->extensions && b->to->extensions[0])
        snprintf(b->out_ext, sizeof b->out_ext, "%s", b->to->extensions[0]);
    else
        snprintf(b->out_ext, sizeof b->out_ext, ".%s", b->to->name);

    /* the operands */
    for (k = 0; k < b->n_inputs; k++)
        if (!strcmp(b->inputs[k], "-"))
            stdin_uses++;
    if (stdin_uses > 1) {
        rc = usage(b, "%s", "stdin ('-') can be read only once");
        free(b);
        return rc;
    }

    /* the output */
    o = cfg->output && strcmp(cfg->output, "-") ? cfg->output : NULL;
    b->sink.path = o;
    if (!o) {
        b->sink.mode = SINK_STREAM;
    } else if (archive_kind(o)) {
        b->sink.mode = SINK_ARCHIVE;
    } else if (is_dir(o) || (*o && o[strlen(o) - 1] == '/')) {
        b->sink.mode = SINK_DIR;
    } else if (b->to == b->jsonl || is_special(o)) {
        b->sink.mode = SINK_STREAM;
    } else if (nc_format_for_path(o)) {
        rc = usage(b, "-o %s: a batch writes to a directory, an archive (.tar.gz, .tgz, "
                      ".tar.bz2, .tar.xz, .zip, .tar) or, with -t jsonl, one file", o);
        free(b);
        return rc;
    } else {
        b->sink.mode = SINK_DIR;
    }
    nc_error_clear(&err);
    if (sink_open(b, &b->sink, &err) < 0) {
        print_error(b, &err);
        sink_close(&b->sink, 0, &err);
        free(b);
        return err.code == NC_ERR_USAGE ? 2 : nc_status_exit_code(err.code);
    }

    if (jobs <= 0)
        jobs = sysconf(_SC_NPROCESSORS_ONLN);
    if (jobs <= 0)
        jobs = 1;
    if (jobs > 256)
        jobs = 256;
    b->cap = (size_t)jobs * 4 < 16 ? 16 : (size_t)jobs * 4;
    b->ring = calloc(b->cap, sizeof *b->ring);
    workers = calloc((size_t)jobs, sizeof *workers);
    if (!b->ring || !workers) {
        fprintf(stderr, "%s: out of memory\n", b->prog);
        sink_close(&b->sink, 0, &err);
        free(b->ring);
        free(workers);
        free(b);
        return 7;
    }
    pthread_mutex_init(&b->mu, NULL);
    pthread_cond_init(&b->cv_read, NULL);
    pthread_cond_init(&b->cv_work, NULL);
    pthread_cond_init(&b->cv_write, NULL);
    pthread_cond_init(&b->cv_exit, NULL);

    b->show_progress = !cfg->quiet && (cfg->progress || isatty(STDERR_FILENO));
    b->color = b->show_progress && isatty(STDERR_FILENO) &&
               !(getenv("NO_COLOR") && getenv("NO_COLOR")[0]);

    ncp_libraries_init(); /* before any thread parses */
    /* libarchive converts entry names through the locale's character set: with the "C"
     * locale it cannot read or write names beyond ASCII. A UTF-8 LC_CTYPE, set here
     * before the threads start and restored after, lets it; the formats do not depend
     * on LC_CTYPE (its "C" and "C.UTF-8" agree on every byte the formats test). */
    {
        const char *cur = setlocale(LC_CTYPE, NULL);
        old_ctype = cur ? xstrdup(cur) : NULL;
        if (!setlocale(LC_CTYPE, "C.UTF-8") && !setlocale(LC_CTYPE, "C.utf8"))
            setlocale(LC_CTYPE, "en_US.UTF-8");
    }

    stop_signal = 0;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND; /* a second signal ends the process at once */
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);

    b->t0 = now_sec();
    b->alive = 0;
    pthread_mutex_lock(&b->mu); /* the threads count themselves out under it */
    if (b->show_progress) {
        b->counting = 1;
        b->alive++;
        if (pthread_create(&counter, NULL, counter_main, b) == 0)
            have_counter = 1;
        else {
            b->alive--;
            b->counting = 0;
        }
    }
    for (i = 0; i < jobs; i++) {
        workers[n_workers].b = b;
        workers[n_workers].dc.fd = -1;
        if (pthread_create(&workers[n_workers].thread, NULL, worker_main, &workers[n_workers]) == 0)
            n_workers++;
    }
    b->alive++;
    if (n_workers && pthread_create(&reader, NULL, reader_main, b) == 0)
        have_reader = 1;
    else
        b->alive--;
    pthread_mutex_unlock(&b->mu);
    if (!have_reader) {
        fprintf(stderr, "%s: cannot start threads\n", b->prog);
        b->fatal = 1;
        b->fatal_code = 7;
    }

    /* the writer */
    while (!b->fatal) {
        item *it;
        pthread_mutex_lock(&b->mu);
        for (;;) {
            it = &b->ring[b->n_written % b->cap];
            if (stopping(b) || (b->n_written < b->n_read && it->state == SLOT_DONE) ||
                (b->reader_done && b->n_written == b->n_read))
                break;
            /* sleep until up to half the ring is done, not item by item */
            b->writer_target = b->n_written;
            if (b->n_read - b->n_written > 1)
                b->writer_target += (b->n_read - b->n_written < b->cap / 2
                                         ? b->n_read - b->n_written : b->cap / 2) - 1;
            b->writer_waiting = 1;
            timed_wait(&b->cv_write, &b->mu, 0.1);
            b->writer_waiting = 0;
            if (b->show_progress) {
                pthread_mutex_unlock(&b->mu);
                progress_draw(b, 0);
                pthread_mutex_lock(&b->mu);
            }
        }
        if (stopping(b) || b->n_written == b->n_read) {
            pthread_mutex_unlock(&b->mu);
            break;
        }
        pthread_mutex_unlock(&b->mu);
        emit(b, it);
        item_release(it);
        pthread_mutex_lock(&b->mu);
        it->state = SLOT_FREE;
        b->n_written++;
        /* the reader refills half the ring at a time */
        if (b->reader_waiting && b->n_read - b->n_written <= b->cap / 2)
            pthread_cond_signal(&b->cv_read);
        pthread_mutex_unlock(&b->mu);
        progress_draw(b, 0);
    }

    /* stop the threads: the workers finish the item they hold; a reader blocked on a
     * pipe is not waited for long */
    pthread_mutex_lock(&b->mu);
    b->stop = 1;
    pthread_cond_broadcast(&b->cv_read);
    pthread_cond_broadcast(&b->cv_work);
    pthread_mutex_unlock(&b->mu);
    for (i = 0; i < n_workers; i++)
        pthread_join(workers[i].thread, NULL);
    pthread_mutex_lock(&b->mu);
    {
        double until = now_sec() + (stop_signal || b->fatal ? 2.0 : 1e9);
        while (b->alive > 0 && now_sec() < until)
            timed_wait(&b->cv_exit, &b->mu, 0.1);
    }
    all_exited = b->alive == 0;
    /* items not written: their temporary files go (the reader adds no more: stop) */
    for (k = 0; k < b->cap; k++)
        item_release(&b->ring[k]);
    pthread_mutex_unlock(&b->mu);

    {
        int sig = stop_signal;
        int commit = !sig && !b->fatal && (b->n_ok > 0 || b->n_items == 0);
        double el = now_sec() - b->t0;
        nc_error_clear(&err);
        progress_clear(b);
        if (sink_close(&b->sink, commit, &err) < 0) {
            print_error(b, &err);
            if (!b->fatal) {
                b->fatal = 1;
                b->fatal_code = nc_status_exit_code(err.code);
            }
        }
        if (sig)
            fprintf(stderr, "%s: interrupted by %s: converted %llu of %llu, %llu failed, in %.1f s\n",
                    b->prog, sig == SIGINT ? "SIGINT" : "SIGTERM", b->n_ok, b->n_items,
                    b->n_failed, el);
        else if (!b->quiet_end && (b->n_items != 1 || b->fatal) &&
                 !(cfg->quiet && !b->n_failed && !b->fatal))
            fprintf(stderr, "%s: converted %llu of %llu, %llu failed, in %.1f s%s%s\n", b->prog,
                    b->n_ok, b->n_items, b->n_failed, el,
                    b->fatal && b->sink.path && b->sink.mode != SINK_DIR ? "; nothing written to " : "",
                    b->fatal && b->sink.path && b->sink.mode != SINK_DIR ? b->sink.path : "");
        if (sig)
            rc = 128 + sig;
        else if (b->quiet_end)
            rc = 0;
        else if (b->fatal)
            rc = b->fatal_code ? b->fatal_code : 5;
        else if (b->n_out_failed) /* an output could not be written: the destination's fault */
            rc = nc_status_exit_code(NC_ERR_IO);
        else if (b->n_failed)
            rc = b->n_items == 1 ? nc_status_exit_code(b->last_code) : 1;
        else
            rc = 0;
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);

    if (!all_exited) /* a thread is still blocked in a read: the process ends now */
        return rc;
    if (have_reader)
        pthread_join(reader, NULL);
    if (have_counter)
        pthread_join(counter, NULL);
    if (old_ctype)
        setlocale(LC_CTYPE, old_ctype);
    free(old_ctype);
    pthread_mutex_destroy(&b->mu);
    pthread_cond_destroy(&b->cv_read);
    pthread_cond_destroy(&b->cv_work);
    pthread_cond_destroy(&b->cv_write);
    pthread_cond_destroy(&b->cv_exit);
    free(b->ring);
    free(workers);
    free(b);
    return rc;
}
