/* newsconv: the conversion driver: file input, atomic output, read and write. */
#include "model/model.h"
#include "driver.h"
#include "common/langdetect.h"
#include "common/libinit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int nc_read_file(const char *path, size_t max_size, char **data, size_t *len, nc_error *err)
{
    int fd, is_stdin = !path || !strcmp(path, "-");
    const char *name = is_stdin ? "<stdin>" : path;
    nc_buf b = NC_BUF_INIT;
    struct stat st;
    *data = NULL;
    *len = 0;
    if (!max_size)
        max_size = NC_DEFAULT_MAX_SIZE;
    if (is_stdin) {
        fd = STDIN_FILENO;
    } else {
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            nc_error_set_source(err, name);
            return nc_error_set(err, NC_ERR_IO, 0, 0, "cannot open: %s", strerror(errno));
        }
    }
    if (fstat(fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            if (!is_stdin)
                close(fd);
            nc_error_set_source(err, name);
            return nc_error_set(err, NC_ERR_IO, 0, 0, "is a directory");
        }
        if (S_ISREG(st.st_mode) && (size_t)st.st_size > max_size) {
            if (!is_stdin)
                close(fd);
            nc_error_set_source(err, name);
            return nc_error_set(err, NC_ERR_LIMIT, 0, 0,
                                "input is larger than the limit of %zu bytes (--max-size)",
                                max_size);
        }
        if (S_ISREG(st.st_mode) && st.st_size > 0)
            nc_buf_grow(&b, (size_t)st.st_size);
    }
    for (;;) {
        ssize_t n;
        if (nc_buf_grow(&b, 65536) < 0)
            break;
        n = read(fd, b.ptr + b.size, b.asize - b.size - 1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (!is_stdin)
                close(fd);
            nc_buf_release(&b);
            nc_error_set_source(err, name);
            return nc_error_set(err, NC_ERR_IO, 0, 0, "cannot read: %s", strerror(errno));
        }
        if (n == 0)
            break;
        b.size += (size_t)n;
        b.ptr[b.size] = '\0';
        if (b.size > max_size) {
            if (!is_stdin)
                close(fd);
            nc_buf_release(&b);
            nc_error_set_source(err, name);
            return nc_error_set(err, NC_ERR_LIMIT, 0, 0,
                                "input is larger than the limit of %zu bytes (--max-size)",
                                max_size);
        }
    }
    if (!is_stdin)
        close(fd);
    if (b.failed) {
        nc_buf_release(&b);
        nc_error_set_source(err, name);
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory reading the input");
    }
    *data = nc_buf_detach(&b, len);
    if (!*data)
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    if (ncp_decompress(data, len, max_size, err) < 0) {
        free(*data);
        *data = NULL;
        *len = 0;
        nc_error_set_source(err, name);
        return -1;
    }
    return 0;
}

int nc_write_file_atomic(const char *path, const char *data, size_t len, nc_error *err)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 32);
    int fd;
    size_t off = 0;
    struct stat st;
    mode_t mode = 0666;
    if (!tmp)
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    /* keep the permissions of a file we replace */
    if (stat(path, &st) == 0) {
        mode = st.st_mode & 07777;
        if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
            /* a device or a pipe (/dev/null, /dev/stdout, a FIFO): never rename over
             * it, write into it */
            free(tmp);
            fd = open(path, O_WRONLY | O_CLOEXEC);
            if (fd < 0)
                goto fail_direct;
            while (off < len) {
                ssize_t n = write(fd, data + off, len - off);
                if (n < 0) {
                    if (errno == EINTR)
                        continue;
                    close(fd);
                    goto fail_direct;
                }
                off += (size_t)n;
            }
            if (close(fd) < 0)
                goto fail_direct;
            return 0;
        fail_direct:
            nc_error_set_source(err, path);
            return nc_error_set(err, NC_ERR_IO, 0, 0, "cannot write: %s", strerror(errno));
        }
    }
    snprintf(tmp, plen + 32, "%s.tmp.%ld", path, (long)getpid());
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        nc_error_set_source(err, path);
        nc_error_set(err, NC_ERR_IO, 0, 0, "cannot create: %s", strerror(errno));
        free(tmp);
        return -1;
    }
    while (off < len) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            goto fail;
        }
        off += (size_t)n;
    }
    if (fsync(fd) < 0 && errno != EINVAL && errno != EROFS)
        goto fail;
    if (close(fd) < 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) < 0)
        goto fail;
    free(tmp);
    return 0;
fail:
    nc_error_set_source(err, path);
    nc_error_set(err, NC_ERR_IO, 0, 0, "cannot write: %s", strerror(errno));
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return -1;
}

/* 0, or -1 with NC_ERR_NOMEM when an allocation inside libxml2 or jansson failed since
 * ncp_alloc_failures_begin (a library that drops what it could not allocate must not give
 * a shorter article with exit 0). */
static int libraries_ok(nc_error *err)
{
    return ncp_alloc_failures() ? nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory") : 0;
}

/* The publication policy's removals are warnings of the read (fatal under --strict). */
static void report_removal(void *ud, const char *what, const char *value, int line,
                           int column)
{
    const nc_opts *o = ud;
    size_t len = value ? strlen(value) : 0;
    if (!strcmp(what, "control characters"))
        nc_warn(o, line, column, "removed %s control character%s from the text", value,
                strcmp(value, "1") ? "s" : "");
    else if (!strncmp(what, "the HTML", 8))
        nc_warn(o, line, column, "removed the raw HTML of the embed '%.80s%s' (kept as a link)",
                value ? value : "", len > 80 ? "..." : "");
    else
        nc_warn(o, line, column, "removed the unsafe %s address '%.80s%s'", what,
                value ? value : "", len > 80 ? "..." : "");
}

/* -M KEY=VALUE replaces; the CLI passes -M KEY+=VALUE as the key "KEY+". A key "KEY="
 * (a map of --metadata-file, formats/common/metafile.h; never from -M) replaces the extra
 * pairs of KEY with one whose value is JSON text. */
static int apply_meta(nc_article *a, const char *key, const char *value, nc_error *err)
{
    size_t n = strlen(key);
    char k[128];
    if (n > 1 && (key[n - 1] == '+' || key[n - 1] == '=') && n < sizeof k) {
        memcpy(k, key, n - 1);
        k[n - 1] = '\0';
        if (key[n - 1] == '+')
            return nc_article_add_by_name(a, k, value, err);
        if (nc_article_set_by_name(a, k, "", err) < 0) /* drops the pairs of k */
            return -1;
        nc_article_add_extra(a, k, value, 1);
        return nc_article_ok(a, err);
    }
    return nc_article_set_by_name(a, key, value, err);
}

int nc_read_article(const nc_format *from, const char *buf, size_t len, const nc_opts *o,
                    nc_article **out, nc_error *err)
{
    nc_article *a;
    *out = NULL;
    ncp_libraries_init();
    if (!ncp_libraries_thread_ok())
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    if (!from->read)
        return nc_error_set(err, NC_ERR_UNKNOWN_FORMAT, 0, 0, "format '%s' cannot be read",
                            from->name);
    if (o && o->max_size && len > o->max_size)
        return nc_error_set(err, NC_ERR_LIMIT, 0, 0,
                            "input is larger than the limit of %zu bytes (--max-size)",
                            o->max_size);
    {
        /* no reader takes binary data or nothing at all */
        size_t tlen = len;
        const char *nul;
        int bom16 = len >= 2 && (((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) ||
                                 ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF));
        ncp_trim(buf, &tlen);
        if (!tlen)
            return nc_error_set(err, NC_ERR_PARSE, 0, 0, "empty input");
        if (!bom16 && (nul = memchr(buf, '\0', len)) != NULL) {
            int line, col;
            ncp_position(buf, (size_t)(nul - buf), &line, &col);
            return nc_error_set(err, NC_ERR_PARSE, line, col,
                                "NUL byte in the input (binary data, not %s)", from->name);
        }
    }
    a = nc_article_new();
    if (!a)
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    ncp_alloc_failures_begin();
    if (from->read(a, buf, len, o, err) < 0 || nc_article_ok(a, err) < 0 ||
        libraries_ok(err) < 0) {
        if (err && err->code == NC_OK)
            nc_error_set(err, NC_ERR_INTERNAL, 0, 0, "%s reader failed without a message",
                         from->name);
        nc_article_free(a);
        return -1;
    }
    if (nc_finish_article(a, o, err) < 0) {
        nc_article_free(a);
        return -1;
    }
    *out = a;
    return 0;
}

int nc_finish_article(nc_article *a, const nc_opts *o, nc_error *err)
{
    /* an input that declares no language: detected from its text (--no-detect: not) */
    switch (ncp_article_detect_language(a, o)) {
    case -1:
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    case 1:
        if (o && o->verbose && !o->strict)
            nc_warn(o, 0, 0, "note: no language declared; detected %s (cld2)",
                    a->str[NC_F_LANGUAGE]);
        break;
    default:
        break;
    }
    if (o) {
        const char *detected = a->language_detected ? a->str[NC_F_LANGUAGE] : NULL;
        size_t i;
        for (i = 0; i < o->n_meta; i++)
            if (apply_meta(a, o->meta_keys[i], o->meta_values[i], err) < 0)
                return -1;
        if (detected && a->str[NC_F_LANGUAGE] != detected) /* -M language=... */
            a->language_detected = 0;
    }
    nc_article_make_safe(a, report_removal, (void *)o);
    return nc_article_ok(a, err);
}

/* nc_read_stream: every article finished before the caller sees it. */
typedef struct {
    nc_each_fn each;
    void *each_data;
    const nc_opts *o;
} finisher;

static int finish_each(void *ud, nc_article *a, const nc_error *item_err, int line)
{
    finisher *f = ud;
    nc_error e;
    nc_error_clear(&e);
    /* an allocation libxml2 or jansson could not make: the item may be short */
    if (a && (libraries_ok(&e) < 0 || nc_finish_article(a, f->o, &e) < 0)) {
        ncp_alloc_failures_begin();
        nc_article_free(a);
        if (!e.line)
            e.line = line;
        return f->each(f->each_data, NULL, &e, line);
    }
    return f->each(f->each_data, a, item_err, line);
}

int nc_read_stream(const nc_format *from, const nc_stream_in *in, const nc_opts *o,
                   nc_each_fn each, void *each_data, nc_error *err)
{
    finisher f;
    ncp_libraries_init();
    if (!ncp_libraries_thread_ok())
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    if (!from->read_stream)
        return nc_error_set(err, NC_ERR_UNKNOWN_FORMAT, 0, 0,
                            "format '%s' is not a source of many articles", from->name);
    f.each = each;
    f.each_data = each_data;
    f.o = o;
    ncp_alloc_failures_begin();
    return from->read_stream(in, o, finish_each, &f, err);
}

/* Counts warnings, then passes them on. */
typedef struct {
    const nc_opts *outer;
    int count;
} warn_counter;

static void count_warning(void *ud, const nc_error *w)
{
    warn_counter *c = ud;
    c->count++;
    if (c->outer && c->outer->warn)
        c->outer->warn(c->outer->warn_data, w);
}

int ncp_write_entry(const nc_format *to, const nc_article *a, const nc_opts *o, nc_buf *out,
                    nc_error *err)
{
    nc_opts local, zero;
    warn_counter wc;
    size_t start = out->size;
    int rc;
    ncp_libraries_init();
    if (!ncp_libraries_thread_ok())
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    if (!o) {
        memset(&zero, 0, sizeof zero);
        o = &zero;
    }
    if (!to->write)
        return nc_error_set(err, NC_ERR_UNKNOWN_FORMAT, 0, 0, "format '%s' cannot be written",
                            to->name);
    local = *o;
    wc.outer = o;
    wc.count = 0;
    local.warn = count_warning;
    local.warn_data = &wc;
    ncp_alloc_failures_begin();
    rc = to->write(a, out, &local, err);
    if (rc == 0)
        rc = nc_buf_ok(out, err);
    if (rc == 0)
        rc = libraries_ok(err);
    if (rc == 0 && o->strict && wc.count > 0)
        rc = nc_error_set(err, NC_ERR_LOSSY, 0, 0,
                          "%d warning%s under --strict: %s cannot hold all of the article",
                          wc.count, wc.count == 1 ? "" : "s", to->name);
    if (rc < 0)
        nc_buf_truncate(out, start);
    return rc;
}

static int put_buf(void *ud, const char *data, size_t len)
{
    nc_buf *b = ud;
    nc_buf_put(b, data, len);
    return b->failed ? -1 : 0;
}

int nc_write_article(const nc_format *to, const nc_article *a, const nc_opts *o, nc_buf *out,
                     nc_error *err)
{
    nc_buf entry = NC_BUF_INIT;
    size_t start = out->size;
    void *j;
    int rc;
    if (!ncp_format_of_lists(to) || !to->write)
        return ncp_write_entry(to, a, o, out, err);
    /* a format of lists (a feed): one article is a list of one */
    rc = ncp_write_entry(to, a, o, &entry, err);
    if (rc == 0) {
        j = to->join_begin(o, err);
        if (!j)
            rc = -1;
        else if (to->join_add(j, entry.ptr, entry.size, err) < 0) {
            to->join_free(j);
            rc = -1;
        } else
            rc = to->join_end(j, put_buf, out, err);
    }
    nc_buf_release(&entry);
    if (rc == 0)
        rc = nc_buf_ok(out, err);
    if (rc < 0) {
        if (out->failed || err->code == NC_OK || err->code == NC_ERR_IO) {
            nc_error_clear(err);
            nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
        }
        nc_buf_truncate(out, start);
    }
    return rc;
}

int nc_convert(const nc_format *from, const nc_format *to, const char *buf, size_t len,
               const nc_opts *o, nc_buf *out, nc_error *err)
{
    nc_opts local, zero;
    warn_counter wc;
    nc_article *a = NULL;
    int rc;
    if (!o) {
        memset(&zero, 0, sizeof zero);
        o = &zero;
    }
    /* reader warnings count under --strict too */
    local = *o;
    wc.outer = o;
    wc.count = 0;
    local.warn = count_warning;
    local.warn_data = &wc;
    if (nc_read_article(from, buf, len, &local, &a, err) < 0)
        rc = -1;
    else if (o->strict && wc.count > 0)
        rc = nc_error_set(err, NC_ERR_LOSSY, 0, 0, "%d warning%s under --strict while reading",
                          wc.count, wc.count == 1 ? "" : "s");
    else
        rc = nc_write_article(to, a, o, out, err);
    nc_article_free(a);
    /* errors name the input, as the CLI's do */
    if (rc < 0 && o->source)
        nc_error_set_source(err, o->source);
    return rc;
}
