/* newsconv batch engine: sources: the byte source (files, stdin, archive entries) read by
 * lines or by length, container kinds, files and directories, the reader and counter
 * threads. */
#include "engine.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

const char *const ncp_batch_archive_exts[] = {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2",
                                           ".tbz", ".tar.xz", ".txz", ".tar.zst", ".tzst",
                                           ".zip", NULL};
const char *const ncp_batch_warc_exts[] = {".warc", ".warc.gz", NULL};
/* compressed JSON Lines, read through libarchive's filters */
const char *const ncp_batch_zjsonl_exts[] = {".jsonl.gz",  ".jsonl.bz2",  ".jsonl.xz",
                                             ".jsonl.zst", ".ndjson.gz",  ".ndjson.bz2",
                                             ".ndjson.xz", ".ndjson.zst", NULL};

/* Length of the container extension of name (".tar.gz": 7), 0 when none. */
size_t ncp_batch_container_ext_len(const char *name, const char *const *exts)
{
    size_t best = 0;
    for (; *exts; exts++)
        if (ncp_batch_ends_with_ci(name, *exts) && strlen(*exts) > best)
            best = strlen(*exts);
    return best;
}

void ncp_batch_src_init(src *s, batch *b, int fd, struct archive *ar)
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
                if (errno == EINTR && !ncp_batch_stopping(s->b))
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
int ncp_batch_src_line(src *s, size_t max, const char **line, size_t *len, int *too_long)
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
        if (s->eof || ncp_batch_stopping(s->b)) {
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
int ncp_batch_src_read(src *s, size_t n, nc_buf *dst)
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
            if (ncp_batch_stopping(s->b))
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

void ncp_batch_src_free(src *s)
{
    free(s->buf);
    s->buf = NULL;
}

/* ------------------------------------------------------------------------------------
 * The reader */

/* The kind of container a file name is (jsonl when -f jsonl, or by the extension). */
int ncp_batch_container_kind(const batch *b, const char *name)
{
    if (ncp_batch_container_ext_len(name, ncp_batch_warc_exts))
        return C_WARC;
    if (ncp_batch_container_ext_len(name, ncp_batch_archive_exts))
        return C_ARCHIVE;
    if (b->lines && b->lines->read) {
        if (b->cfg->from == b->lines)
            return C_JSONL;
        if (!b->cfg->from && (nc_format_for_path(name) == b->lines ||
                              ncp_batch_container_ext_len(name, ncp_batch_zjsonl_exts)))
            return C_JSONL;
    }
    return C_NONE;
}

size_t ncp_batch_container_len(const batch *b, const char *name, int kind)
{
    const nc_format *f;
    const char *const *e;
    size_t best = 0;
    if (kind == C_WARC)
        return ncp_batch_container_ext_len(name, ncp_batch_warc_exts);
    if (kind == C_ARCHIVE)
        return ncp_batch_container_ext_len(name, ncp_batch_archive_exts);
    f = b->lines;
    for (e = f->extensions; e && *e; e++)
        if (ncp_batch_ends_with_ci(name, *e) && strlen(*e) > best)
            best = strlen(*e);
    if (ncp_batch_container_ext_len(name, ncp_batch_zjsonl_exts) > best)
        best = ncp_batch_container_ext_len(name, ncp_batch_zjsonl_exts);
    return best;
}

char *ncp_batch_join_source(const char *a, const char *sep, const char *c)
{
    nc_buf o = NC_BUF_INIT;
    nc_buf_puts(&o, a);
    nc_buf_puts(&o, sep);
    ncp_escape_name(&o, c); /* no control characters in messages: "\033" */
    return nc_buf_detach(&o, NULL);
}

/* ---- files and directories ---- */

static size_t file_hash(dev_t dev, ino_t ino)
{
    uint64_t h = (uint64_t)dev * 0x9e3779b97f4a7c15ULL ^ (uint64_t)ino;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
    return (size_t)h;
}

/* 1 when the file dev/ino was seen before; else records it (0; -1: out of memory, not
 * recorded). Slots with ino 0 and dev 0 are free (no file has both). */
int ncp_batch_file_seen(file_set *fs, dev_t dev, ino_t ino)
{
    size_t i;
    if (fs->n + 1 > fs->cap / 2) {
        size_t ncap = fs->cap ? fs->cap * 2 : 1024, k;
        file_id *ns = calloc(ncap, sizeof *ns);
        if (!ns)
            return -1;
        for (k = 0; k < fs->cap; k++)
            if (fs->slots[k].dev || fs->slots[k].ino) {
                size_t j = file_hash(fs->slots[k].dev, fs->slots[k].ino) & (ncap - 1);
                while (ns[j].dev || ns[j].ino)
                    j = (j + 1) & (ncap - 1);
                ns[j] = fs->slots[k];
            }
        free(fs->slots);
        fs->slots = ns;
        fs->cap = ncap;
    }
    for (i = file_hash(dev, ino) & (fs->cap - 1); fs->slots[i].dev || fs->slots[i].ino;
         i = (i + 1) & (fs->cap - 1))
        if (fs->slots[i].dev == dev && fs->slots[i].ino == ino)
            return 1;
    fs->slots[i].dev = dev;
    fs->slots[i].ino = ino;
    fs->n++;
    return 0;
}

void ncp_batch_file_set_free(file_set *fs)
{
    free(fs->slots);
    memset(fs, 0, sizeof *fs);
}

/* 1 (and a -v note) when the file was read before: a hard link, a followed symbolic
 * link or an operand given twice is converted once. */
static int already_read(batch *b, const char *display, const struct stat *st)
{
    if (ncp_batch_file_seen(&b->seen, st->st_dev, st->st_ino) != 1)
        return 0;
    ncp_batch_submit_note(b, 0, "%s: the same file as an earlier input (hard link or repeated): "
                          "skipped", display);
    return 1;
}

static const char *special_kind(mode_t m)
{
    return S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" : S_ISCHR(m) ? "a character device"
           : S_ISBLK(m) ? "a block device" : "not a regular file";
}

/* One file: a container, or an article (fmt by -f or its extension; when none, an
 * operand is sniffed and a file found in a directory is skipped). */
static void read_file(batch *b, const char *path, const char *display, const char *rel,
                      int operand, const struct stat *st)
{
    int kind = ncp_batch_container_kind(b, rel);
    const nc_format *sf = kind == C_NONE ? ncp_batch_stream_format(b->cfg->from, path, rel)
                                         : NULL;
    nc_buf pre = NC_BUF_INIT;
    if (kind != C_NONE && (kind == C_JSONL || !operand))
        ncp_batch_container_prefix(&pre, rel, ncp_batch_container_len(b, rel, kind));
    if (sf && !operand) /* a feed in a tree: its articles under "dir/feed/" */
        ncp_batch_container_prefix(&pre, rel, strlen(rel) - ncp_batch_ext_pos(rel, strlen(rel)));
    if (sf) {
        ncp_batch_read_stream(b, sf, path, display, pre.ptr ? pre.ptr : "",
                              st ? (long long)st->st_mtime : 0);
    } else if (kind == C_ARCHIVE) {
        ncp_batch_read_archive(b, path, display, pre.ptr);
    } else if (kind == C_WARC) {
        ncp_batch_read_warc(b, path, display, pre.ptr);
    } else if (kind == C_JSONL && ncp_batch_container_ext_len(rel, ncp_batch_zjsonl_exts)) {
        struct archive *ar = archive_read_new();
        struct archive_entry *e;
        if (!ar) {
            ncp_batch_submit_fail(b, display, 0, NC_ERR_NOMEM, "out of memory");
        } else {
            ncp_archive_filters(ar);
            archive_read_support_format_raw(ar);
            if (archive_read_open_filename(ar, path, 65536) != ARCHIVE_OK ||
                archive_read_next_header(ar, &e) != ARCHIVE_OK) {
                ncp_batch_submit_fail(
                    b, display, 0, ncp_batch_archive_status(ar), "cannot open: %s",
                    archive_error_string(ar) ? archive_error_string(ar) : "unknown error");
            } else {
                src s;
                ncp_batch_src_init(&s, b, -1, ar);
                ncp_batch_read_jsonl(b, &s, display, pre.ptr, st ? (long long)st->st_mtime : 0);
                ncp_batch_src_free(&s);
            }
            archive_read_free(ar);
        }
    } else if (kind == C_JSONL) {
        int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
        if (fd < 0) {
            ncp_batch_submit_fail(b, display, 0, NC_ERR_IO, "cannot open: %s", strerror(errno));
        } else {
            src s;
            ncp_batch_src_init(&s, b, fd, NULL);
            ncp_batch_read_jsonl(b, &s, display, pre.ptr, st ? (long long)st->st_mtime : 0);
            ncp_batch_src_free(&s);
            if (fd != STDIN_FILENO)
                close(fd);
        }
    } else {
        const nc_format *f = b->cfg->from ? b->cfg->from : ncp_format_for_input(rel);
        if (f && !f->read)
            f = NULL;
        {
            item it;
            nc_error err;
            nc_error_clear(&err);
            ncp_batch_new_doc(&it, f, ncp_batch_xstrdup(display),
                              ncp_batch_output_name(b, "", rel));
            it.mtime = st ? (long long)st->st_mtime : 0;
            /* found in a walk: without an extension, by content (else skipped); with an
             * unknown one, skipped */
            it.sniff_skip = !f && !operand;
            if (it.sniff_skip && ncp_batch_ext_pos(rel, strlen(rel)) < strlen(rel)) {
                it.skip = SKIP_UNKNOWN_EXT; /* counted and named, not read */
                ncp_batch_submit(b, &it, 0);
            } else if (!it.sniff_skip && ncp_batch_exists_early(b, it.rel)) {
                it.skip = SKIP_EXISTS; /* --skip-existing: not read (docs/batch.md) */
                it.early = 1;
                ncp_batch_submit(b, &it, 0);
            } else if (nc_read_file(path, b->max_size, &it.data, &it.len, &err) < 0) {
                snprintf(err.source, sizeof err.source, "%s", display);
                ncp_batch_item_release(&it);
                ncp_batch_submit_error(b, &err);
            } else if (!it.source || !it.rel) {
                ncp_batch_item_release(&it);
                ncp_batch_submit_fail(b, display, 0, NC_ERR_NOMEM, "out of memory");
            } else {
                unsigned long long pos = it.len;
                ncp_batch_submit(b, &it, 0);
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

/* A directory walk in sorted order, without recursion; hidden entries (".name") and the
 * output directory are skipped. Symbolic links are skipped, or with follow_symlinks
 * followed, a link to a directory that contains it (same device and inode as a
 * directory of the walk's stack) being a loop. Special files (FIFOs, sockets, devices)
 * are never opened: the walk reports them. */
typedef struct wframe {
    char *rel; /* "" or "a/b/" */
    char **names;
    size_t n, i;
    dev_t dev;
    ino_t ino;
} wframe;

typedef struct walker {
    const batch *b;
    nc_buf root; /* without a trailing '/' (except "/") */
    wframe *st;
    size_t depth, cap;
    nc_buf path, rel;
    const char *why;   /* walker_next returned 2: why w->path is skipped (a -v note) */
    int why_warn;      /* ... and it is a warning */
} walker;

static int cmp_names(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Opens root/rel (device dev, inode ino) as a new frame. 0, or -1 with errno. */
static int walker_push(walker *w, const char *rel, dev_t dev, ino_t ino)
{
    DIR *d;
    struct dirent *de;
    wframe f;
    size_t cap = 0;
    nc_buf p = NC_BUF_INIT;
    int e;
    memset(&f, 0, sizeof f);
    f.dev = dev;
    f.ino = ino;
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
    f.rel = ncp_batch_xstrdup(rel);
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        if (f.n == cap) {
            char **nn = realloc(f.names, (cap = cap ? cap * 2 : 64) * sizeof *nn);
            if (!nn)
                break;
            f.names = nn;
        }
        if (!(f.names[f.n] = ncp_batch_xstrdup(de->d_name)))
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
    struct stat st;
    memset(w, 0, sizeof *w);
    w->b = b;
    nc_buf_init(&w->root);
    nc_buf_init(&w->path);
    nc_buf_init(&w->rel);
    nc_buf_puts(&w->root, root);
    while (w->root.size > 1 && w->root.ptr[w->root.size - 1] == '/')
        nc_buf_truncate(&w->root, w->root.size - 1);
    if (stat(w->root.ptr, &st) < 0)
        return -1;
    return walker_push(w, "", st.st_dev, st.st_ino);
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
 * directory cannot be read (w->path names it, errno set; the walk goes on); 2 when
 * w->path is skipped for the reason w->why. */
static int walker_next(walker *w, struct stat *st)
{
    while (w->depth) {
        wframe *f = &w->st[w->depth - 1];
        const char *name;
        int link = 0;
        size_t k;
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
        w->why_warn = 0;
        if (lstat(w->path.ptr, st) < 0)
            continue; /* vanished */
        if (S_ISLNK(st->st_mode)) {
            if (!w->b->cfg->follow_symlinks) {
                w->why = "symbolic link: not followed (use --follow-symlinks)";
                return 2;
            }
            if (stat(w->path.ptr, st) < 0) {
                w->why = "dangling symbolic link: skipped";
                return 2;
            }
            link = 1;
        }
        if (S_ISDIR(st->st_mode)) {
            if (w->b->have_outdir && st->st_dev == w->b->out_dev && st->st_ino == w->b->out_ino) {
                w->why = "the output directory: not read";
                return 2;
            }
            for (k = 0; k < w->depth; k++)
                if (w->st[k].dev == st->st_dev && w->st[k].ino == st->st_ino) {
                    w->why = link ? "symbolic link loop (to a directory that holds it): "
                                    "not followed"
                                  : "directory loop (a directory that holds it): not followed";
                    w->why_warn = 1;
                    return 2;
                }
            nc_buf_putc(&w->rel, '/');
            if (walker_push(w, w->rel.ptr, st->st_dev, st->st_ino) < 0)
                return -1;
            continue;
        }
        if (S_ISREG(st->st_mode))
            return 1;
        w->why = special_kind(st->st_mode);
        w->why_warn = 2;
        return 2;
    }
    return 0;
}

static void read_dir(batch *b, const char *root)
{
    walker w;
    struct stat st;
    int r;
    if (walker_init(&w, b, root) < 0) {
        ncp_batch_submit_fail(b, root, 0, NC_ERR_IO, "cannot read the directory: %s",
                              strerror(errno));
        walker_free(&w);
        return;
    }
    while (!ncp_batch_stopping(b) && (r = walker_next(&w, &st)) != 0) {
        char *display;
        if (r < 0) {
            ncp_batch_submit_fail(b, w.path.ptr, 0, NC_ERR_IO, "cannot read the directory: %s",
                                  strerror(errno));
            continue;
        }
        display = ncp_escaped_dup(w.path.ptr);
        if (!display) {
            ncp_batch_submit_fail(b, root, 0, NC_ERR_NOMEM, "out of memory");
            break;
        }
        if (r == 2 && w.why_warn == 2)
            ncp_batch_submit_note(b, 1, "%s: %s: skipped (special files are never opened)",
                                  display, w.why);
        else if (r == 2)
            ncp_batch_submit_note(b, w.why_warn, "%s: %s", display, w.why);
        else if (!already_read(b, display, &st))
            read_file(b, w.path.ptr, display, w.rel.ptr, 0, &st);
        free(display);
    }
    walker_free(&w);
}

void *ncp_batch_reader_main(void *arg)
{
    batch *b = arg;
    size_t i;
    for (i = 0; i < b->n_inputs && !ncp_batch_stopping(b); i++) {
        const char *in = b->inputs[i];
        struct stat st;
        char *display = NULL;
        if (!strcmp(in, "-")) {
            read_file(b, "-", "<stdin>", "stdin", 1, NULL);
        } else if (stat(in, &st) < 0) {
            ncp_batch_submit_fail(b, in, 0, NC_ERR_IO, "cannot open: %s", strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            if (b->cfg->recursive)
                read_dir(b, in);
            else
                ncp_batch_submit_fail(
                    b, in, 0, NC_ERR_IO,
                    "is a directory (use -r to convert the articles it holds)");
        } else if (!(display = ncp_escaped_dup(in))) {
            ncp_batch_submit_fail(b, in, 0, NC_ERR_NOMEM, "out of memory");
        } else if (!already_read(b, display, &st)) {
            /* an operand that is a FIFO or a device is read, as the user asked */
            read_file(b, in, display, ncp_batch_base_name(in), 1, &st);
        }
        free(display);
    }
    pthread_mutex_lock(&b->mu);
    b->reader_done = 1;
    pthread_cond_broadcast(&b->cv_work);
    pthread_cond_broadcast(&b->cv_write);
    pthread_mutex_unlock(&b->mu);
    ncp_batch_thread_exit(b);
    return NULL;
}

/* Counts the items and bytes of the directory operands for the progress bar. */
void *ncp_batch_counter_main(void *arg)
{
    batch *b = arg;
    unsigned long long items = 0, bytes = 0;
    int containers = 0;
    size_t i;
    for (i = 0; i < b->n_inputs && !ncp_batch_stopping(b); i++) {
        struct stat st;
        walker w;
        if (!strcmp(b->inputs[i], "-") || stat(b->inputs[i], &st) < 0) {
            items++;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            if (ncp_batch_container_kind(b, b->inputs[i]) != C_NONE)
                containers = 1;
            else
                items++;
            bytes += (unsigned long long)st.st_size;
            continue;
        }
        if (walker_init(&w, b, b->inputs[i]) == 0) {
            int r;
            while (!ncp_batch_stopping(b) && (r = walker_next(&w, &st)) != 0) {
                const nc_format *f;
                if (r != 1)
                    continue;
                if (ncp_batch_container_kind(b, w.rel.ptr) != C_NONE) {
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
    if (!ncp_batch_stopping(b)) {
        b->bytes_total = bytes;
        b->items_total = items;
        b->totals_known = containers ? 1 : 2;
    }
    b->counting = 0;
    pthread_mutex_unlock(&b->mu);
    ncp_batch_thread_exit(b);
    return NULL;
}
