/* newsconv batch engine: sources of many articles (a feed: a format with read_stream).
 *
 * The reader thread runs the format's stream reader over the file, pulled in chunks
 * through libarchive (so that a compressed feed reads too); every article it gives is an
 * item, already read, that a worker writes. Warnings of the reader go with the item they
 * came before. Memory stays bounded: the stream reader holds one article at a time, and
 * the ring a few per thread. */
#include "engine.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

const nc_format *ncp_batch_stream_format(const nc_format *from, const char *path,
                                         const char *rel)
{
    const nc_format *f;
    char head[4096];
    struct stat st;
    ssize_t n;
    int fd;
    if (from)
        return from->read_stream ? from : NULL;
    f = ncp_format_for_input(rel);
    if (f && f->read_stream)
        return f;
    if (!strcmp(path, "-") || ncp_compression_ext_len(rel))
        return NULL;
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return NULL;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return NULL;
    }
    n = read(fd, head, sizeof head);
    close(fd);
    if (n <= 0)
        return NULL;
    f = nc_format_sniff(head, (size_t)n);
    return f && f->read_stream ? f : NULL;
}

typedef struct stream_src {
    batch *b;
    const nc_format *f;
    const char *path, *display, *prefix;
    long long mtime;
    struct archive *ar;
    int fd;
    int plain;     /* not compressed: read from fd as it is */
    unsigned long long bytes;
    long n;        /* articles given so far */
    nc_buf msgs;   /* warnings since the last article: they go with the next one */
    int n_warn;
} stream_src;

static int stream_open(stream_src *s, nc_error *err)
{
    s->fd = strcmp(s->path, "-") ? open(s->path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
    if (s->fd < 0)
        return nc_error_set(err, NC_ERR_IO, 0, 0, "cannot open: %s", strerror(errno));
    /* read as it is, unless its name says it is compressed (libarchive's filters) */
    s->plain = !ncp_compression_ext_len(s->path);
    if (s->plain)
        return 0;
    s->ar = archive_read_new();
    if (!s->ar)
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    ncp_archive_filters(s->ar);
    if (archive_read_support_format_raw(s->ar) != ARCHIVE_OK) /* libarchive's allocation */
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    {
        struct archive_entry *e;
        if (archive_read_open_fd(s->ar, s->fd, 65536) != ARCHIVE_OK ||
            archive_read_next_header(s->ar, &e) != ARCHIVE_OK) {
            /* an empty file has no entry: read as empty */
            if (archive_errno(s->ar) || archive_error_string(s->ar))
                return nc_error_set(err, ncp_batch_archive_status(s->ar), 0, 0,
                                    "cannot open: %s",
                                    archive_error_string(s->ar) ? archive_error_string(s->ar)
                                                                : "unknown error");
            archive_read_free(s->ar);
            s->ar = NULL;
        }
    }
    return 0;
}

static void stream_close(stream_src *s)
{
    if (s->ar)
        archive_read_free(s->ar);
    s->ar = NULL;
    s->bytes = 0;
    if (s->fd >= 0 && s->fd != STDIN_FILENO)
        close(s->fd);
    s->fd = -1;
}

static long stream_pull(void *ud, char *buf, size_t len, nc_error *err)
{
    stream_src *s = ud;
    la_ssize_t r;
    if (ncp_batch_stopping(s->b))
        return 0;
    if (s->plain) {
        ssize_t n;
        do
            n = read(s->fd, buf, len);
        while (n < 0 && errno == EINTR && !ncp_batch_stopping(s->b));
        if (n < 0)
            return nc_error_set(err, NC_ERR_IO, 0, 0, "cannot read: %s", strerror(errno));
        s->bytes += (unsigned long long)n;
        return (long)n;
    }
    if (!s->ar)
        return 0;
    r = archive_read_data(s->ar, buf, len);
    if (r < 0)
        return nc_error_set(err, ncp_batch_archive_status(s->ar), 0, 0, "cannot read: %s",
                            archive_error_string(s->ar) ? archive_error_string(s->ar)
                                                        : "read error");
    s->bytes = (unsigned long long)archive_filter_bytes(s->ar, -1);
    return (long)r;
}

/* The input from its first byte again (a file, or stdin when it is one). */
static int stream_rewind(void *ud)
{
    stream_src *s = ud;
    nc_error e;
    if (!strcmp(s->path, "-") && lseek(STDIN_FILENO, 0, SEEK_SET) < 0)
        return -1;
    stream_close(s);
    nc_error_clear(&e);
    return stream_open(s, &e);
}

static void stream_warn(void *ud, const nc_error *w)
{
    stream_src *s = ud;
    char msg[NC_ERROR_SOURCE_LEN + NC_ERROR_TEXT_LEN + 64];
    s->n_warn++;
    if (s->b->cfg->quiet)
        return;
    nc_error_format(w, msg, sizeof msg);
    nc_buf_printf(&s->msgs, "%s: warning: %s\n", s->b->prog, msg);
}

static int stream_each(void *ud, nc_article *a, const nc_error *item_err, int line)
{
    stream_src *s = ud;
    item it;
    char num[32];
    s->n++;
    if (!a) {
        memset(&it, 0, sizeof it);
        it.kind = ITEM_FAIL;
        nc_buf_init(&it.out);
        it.err = *item_err;
        if (!it.err.line)
            it.err.line = line;
        nc_error_set_source(&it.err, s->display);
    } else {
        snprintf(num, sizeof num, "%ld", s->n);
        ncp_batch_new_doc(&it, s->f, ncp_batch_xstrdup(s->display),
                          ncp_batch_output_name(s->b, s->prefix, num));
        it.article = a;
        it.nth = s->n;
        it.mtime = s->mtime;
        it.n_warn = s->n_warn;
        if (!it.source || !it.rel) {
            ncp_batch_item_release(&it);
            ncp_batch_submit_fail(s->b, s->display, line, NC_ERR_NOMEM, "out of memory");
            return ncp_batch_stopping(s->b);
        }
    }
    it.msgs = s->msgs; /* the warnings that came with this item */
    nc_buf_init(&s->msgs);
    s->n_warn = 0;
    ncp_batch_submit(s->b, &it, s->bytes);
    return ncp_batch_stopping(s->b);
}

void ncp_batch_read_stream(batch *b, const nc_format *f, const char *path, const char *display,
                           const char *prefix, long long mtime)
{
    stream_src s;
    nc_stream_in in;
    nc_opts o = b->cfg->opts;
    nc_error err;
    memset(&s, 0, sizeof s);
    s.b = b;
    s.f = f;
    s.path = path;
    s.display = display;
    s.prefix = prefix;
    s.mtime = mtime;
    s.fd = -1;
    nc_buf_init(&s.msgs);
    nc_error_clear(&err);
    o.source = display;
    o.warn = stream_warn;
    o.warn_data = &s;
    in.pull = stream_pull;
    in.rewind = stream_rewind;
    in.ud = &s;
    if (stream_open(&s, &err) < 0 ||
        (nc_read_stream(f, &in, &o, stream_each, &s, &err) < 0 && !ncp_batch_stopping(b))) {
        /* the articles before the malformed point are converted; this names it */
        item it;
        memset(&it, 0, sizeof it);
        it.kind = ITEM_FAIL;
        nc_buf_init(&it.out);
        it.err = err;
        nc_error_set_source(&it.err, display);
        it.msgs = s.msgs;
        nc_buf_init(&s.msgs);
        ncp_batch_submit(b, &it, s.bytes);
    } else if (s.msgs.size) {
        /* warnings after the last article (or of a feed without any) */
        item it;
        memset(&it, 0, sizeof it);
        it.kind = ITEM_NOTE;
        nc_buf_init(&it.out);
        it.msgs = s.msgs;
        nc_buf_init(&s.msgs);
        ncp_batch_submit(b, &it, s.bytes);
    }
    nc_buf_release(&s.msgs);
    stream_close(&s);
}
