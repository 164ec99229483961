/* newsconv batch engine: sinks: the output of a run, a directory (temporary files the
 * workers write, renamed in input order), an archive or one stream. */
#include "engine.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

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

int ncp_batch_archive_kind(const char *path)
{
    return ncp_batch_container_ext_len(path, ncp_batch_archive_exts) > 0;
}

/* Creates the directories of path (like mkdir -p). 0 or -1 with errno. */
static int make_dirs(const char *path)
{
    char *p = ncp_batch_xstrdup(path), *s;
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

int ncp_batch_sink_open(batch *b, sink *s, nc_error *err)
{
    s->owner = b;
    s->fd = -1;
    s->root = -1;
    if (b->cfg->name_template) {
        const char *bad = NULL;
        if (ncp_batch_template_check(b->cfg->name_template, &bad) < 0)
            return nc_error_set(err, NC_ERR_USAGE, 0, 0,
                                "--name-template: unknown field at '%.20s' (fields: {slug} "
                                "{id} {url} {headline} {date} {n})", bad);
    }
    if (b->cfg->skip_existing && s->mode != SINK_DIR)
        return nc_error_set(err, NC_ERR_USAGE, 0, 0,
                            "--skip-existing needs a directory output (-o DIR/)");
    if (ncp_format_of_lists(b->to) && s->mode != SINK_STREAM)
        return nc_error_set(err, NC_ERR_USAGE, 0, 0,
                            "-t %s writes all the articles into one feed: give -o FILE "
                            "(not a directory or an archive) or write to stdout",
                            b->to->name);
    if (b->cfg->dry_run)
        return 0; /* nothing is created */
    if (s->mode == SINK_STREAM) {
        /* several articles make one stream with the output format's join hooks (a JSON
         * array, JSON Lines, a feed); a format without them takes one article */
        s->n_stream = 0;
        if (b->to->join_begin && !(s->joiner = b->to->join_begin(&b->cfg->opts, err)))
            return -1;
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
        if (ncp_batch_ends_with_ci(p, ".zip")) {
            r = archive_write_set_format_zip(s->aw);
        } else {
            r = archive_write_set_format_pax_restricted(s->aw);
            if (r == ARCHIVE_OK) {
                if (ncp_batch_ends_with_ci(p, ".gz") || ncp_batch_ends_with_ci(p, ".tgz"))
                    r = archive_write_add_filter_gzip(s->aw);
                else if (ncp_batch_ends_with_ci(p, ".bz2") ||
                         ncp_batch_ends_with_ci(p, ".tbz2") ||
                         ncp_batch_ends_with_ci(p, ".tbz"))
                    r = archive_write_add_filter_bzip2(s->aw);
                else if (ncp_batch_ends_with_ci(p, ".xz") || ncp_batch_ends_with_ci(p, ".txz"))
                    r = archive_write_add_filter_xz(s->aw);
                else if (ncp_batch_ends_with_ci(p, ".zst") ||
                         ncp_batch_ends_with_ci(p, ".tzst"))
                    r = archive_write_add_filter_zstd(s->aw);
            }
            /* reproducible: no time stamp in the gzip header */
            if (r == ARCHIVE_OK &&
                (ncp_batch_ends_with_ci(p, ".gz") || ncp_batch_ends_with_ci(p, ".tgz")))
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

void ncp_batch_dircache_free(dircache *dc, int root)
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
void ncp_batch_worker_write(batch *b, dircache *dc, item *it, unsigned long long seq)
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
    ncp_batch_tmp_name(tmp, sizeof tmp, seq);
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

static int put_fd(void *ud, const char *data, size_t len)
{
    return write_all(((sink *)ud)->fd, data, len);
}

/* A write to the stream failed (errno is the writer's): a broken pipe on stdout ends the
 * run quietly (quiet_end); a failed write names the output; other errors (out of memory)
 * stay as they are. */
static void stream_failed(batch *b, sink *s, nc_error *err)
{
    int e = errno;
    if (err->code != NC_OK && err->code != NC_ERR_IO)
        return;
    if (e == EPIPE && !s->path) {
        b->quiet_end = 1;
        return;
    }
    nc_error_clear(err);
    nc_error_set_source(err, s->path ? s->path : "<stdout>");
    nc_error_set(err, NC_ERR_IO, 0, 0, "cannot write: %s", strerror(e));
}

/* SINK_STREAM: the output format's joiner takes the entry and writes it out at once (a
 * JSON array) or keeps it for the end (a feed orders its entries); a format without join
 * hooks takes one article. 0; -1: the item failed; -2: the stream is broken. */
static int stream_write(batch *b, sink *s, const item *it, nc_error *err)
{
    const char *data = it->out.ptr;
    size_t len = it->out.size;
    int r;
    if (!s->joiner) {
        if (s->n_stream) {
            nc_error_set_source(err, s->path ? s->path : "<stdout>");
            nc_error_set(err, NC_ERR_USAGE, 0, 0,
                         "several articles cannot make one %s document: write them with "
                         "-o DIR/ or -o ARCHIVE.tar.gz, or as -t jsonl",
                         b->to->name);
            return -2;
        }
        if (write_all(s->fd, data, len) < 0) {
            stream_failed(b, s, err);
            return -2;
        }
        s->n_stream++;
        return 0;
    }
    r = b->to->join_add(s->joiner, data, len, err);
    if (r < 0) {
        nc_error_set_source(err, s->path ? s->path : "<stdout>");
        return -2;
    }
    if (b->to->join_flush && b->to->join_flush(s->joiner, put_fd, s, err) < 0) {
        stream_failed(b, s, err);
        return -2;
    }
    if (r > 0 && b->cfg->opts.strict)
        return -1; /* left out: a loss, which --strict makes the item's failure */
    if (r > 0 && !b->cfg->quiet) {
        ncp_batch_progress_clear(b);
        fprintf(stderr, "%s: warning: %s: %s\n", b->prog, it->source, err->text);
    }
    s->n_stream++;
    return 0;
}

/* Writes one result. 0; -1: the item failed (err set); -2: the output is broken. */
int ncp_batch_sink_write(batch *b, sink *s, item *it, nc_error *err)
{
    const char *data = it->out.ptr;
    size_t len = it->out.size;
    if (s->mode == SINK_STREAM)
        return stream_write(b, s, it, err);
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
        ncp_batch_tmp_name(tmp, sizeof tmp, it->seq);
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

/* The end of a joined stream: a joiner that keeps its entries (a feed) writes the whole
 * document, or nothing when the run is not committed; one that wrote them as they came
 * (a JSON array) writes its end also then, so that what was written parses. 0, or -1
 * with err set. */
static int stream_end(sink *s, int commit, nc_error *err)
{
    batch *b = s->owner;
    void *j = s->joiner;
    s->joiner = NULL;
    if (s->fd >= 0 && commit) {
        if (b->to->join_end(j, put_fd, s, err) < 0) {
            stream_failed(b, s, err);
            return -1;
        }
    } else if (s->fd >= 0 && b->to->join_flush && s->n_stream) {
        nc_error ignored;
        nc_error_clear(&ignored);
        b->to->join_end(j, put_fd, s, &ignored);
    } else {
        b->to->join_free(j);
    }
    return 0;
}

/* Closes the output: commit renames a stream or archive file over -o; otherwise the
 * temporary file is removed and an existing file is left as it was. */
int ncp_batch_sink_close(sink *s, int commit, nc_error *err)
{
    int rc = 0;
    if (s->joiner && stream_end(s, commit, err) < 0) {
        commit = 0;
        rc = -1;
    }
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
