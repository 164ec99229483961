/* newsconv batch engine: archives read with libarchive (.tar, .tar.gz, .zip, ...): every
 * entry an item. */
#include "engine.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

/* What a libarchive failure is: the system's (an errno: exit 5), or the data's, a damaged,
 * cut or unknown archive or compressed stream (exit 4). libarchive reports those as
 * ARCHIVE_ERRNO_MISC (-1) or ARCHIVE_ERRNO_FILE_FORMAT (EILSEQ where there is no EFTYPE). */
nc_status ncp_batch_archive_status(struct archive *ar)
{
    int e = archive_errno(ar);
#ifdef EFTYPE
    if (e == EFTYPE)
        return NC_ERR_PARSE;
#endif
    return e > 0 && e != EILSEQ ? NC_ERR_IO : NC_ERR_PARSE;
}

/* Reads the data of the current archive entry (at most max bytes). 0, or -1 with the
 * message in msg; *fatal when the archive cannot go on. */
int ncp_batch_read_entry_data(struct archive *ar, size_t max, nc_buf *d, char *msg,
                              size_t msglen, int *fatal)
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

/* A JSON Lines entry: its lines are the items. */
static void read_jsonl_entry(batch *b, struct archive *ar, struct archive_entry *e,
                             const char *source, const char *prefix, const char *name,
                             int kind)
{
    nc_buf pre = NC_BUF_INIT;
    src s;
    nc_buf_puts(&pre, prefix);
    ncp_batch_container_prefix(&pre, name, ncp_batch_container_len(b, name, kind));
    ncp_batch_src_init(&s, b, -1, ar);
    ncp_batch_read_jsonl(b, &s, source, pre.ptr, (long long)archive_entry_mtime(e));
    ncp_batch_src_free(&s);
    nc_buf_release(&pre);
}

/* An entry that format f reads: one item, within --max-size and what is left of
 * --max-total (*total: the bytes the entries read so far inflated to). *source is taken
 * by the item. -1 when the rest of the archive is not read. */
static int read_article_entry(batch *b, struct archive *ar, struct archive_entry *e,
                              const nc_format *f, char **source, const char *prefix,
                              const char *name, unsigned long long *total)
{
    nc_buf d = NC_BUF_INIT;
    char msg[300];
    int fatal = 0;
    /* the bytes this entry may still inflate to: --max-size, and what is left of
     * --max-total */
    unsigned long long left = b->max_total > *total ? b->max_total - *total : 0;
    size_t max = left < b->max_size ? (size_t)left : b->max_size;
    int by_total = left < b->max_size;
    if (archive_entry_size_is_set(e) && archive_entry_size(e) > 0 &&
        (unsigned long long)archive_entry_size(e) > max) {
        msg[0] = '\0';
        fatal = -1;
    } else if (ncp_batch_read_entry_data(ar, max, &d, msg, sizeof msg, &fatal) < 0) {
        *total += d.size;
        if (!strstr(msg, "limit"))
            fatal = fatal ? 1 : 0;
        else
            fatal = -1;
    } else {
        *total += d.size;
        fatal = -2;
    }
    if (fatal == -1 && by_total) {
        nc_buf_release(&d);
        ncp_batch_submit_fail(b, *source, 0, NC_ERR_LIMIT,
                              "the entries of the archive inflate to more than %llu bytes "
                              "(--max-total): this entry and the rest are not read",
                              b->max_total);
        return -1;
    } else if (fatal == -1) {
        nc_buf_release(&d);
        ncp_batch_submit_fail(
            b, *source, 0, NC_ERR_LIMIT,
            "entry is larger than the limit of %zu bytes (--max-size): skipped", b->max_size);
    } else if (fatal != -2) {
        nc_buf_release(&d);
        ncp_batch_submit_fail(b, *source, 0, NC_ERR_PARSE, "%s", msg);
        if (fatal)
            return -1;
    } else {
        item it;
        nc_error derr;
        ncp_batch_new_doc(&it, f, *source, ncp_batch_output_name(b, prefix, name));
        *source = NULL;
        it.mtime = (long long)archive_entry_mtime(e);
        it.data = nc_buf_detach(&d, &it.len);
        nc_error_clear(&derr);
        if (it.data && ncp_decompress(&it.data, &it.len, b->max_size, &derr) < 0) {
            snprintf(derr.source, sizeof derr.source, "%s", it.source ? it.source : name);
            ncp_batch_item_release(&it);
            ncp_batch_submit_error(b, &derr);
        } else {
            ncp_batch_submit_read(b, &it, ar);
        }
    }
    return 0;
}

void ncp_batch_read_archive(batch *b, const char *path, const char *display, const char *prefix)
{
    struct archive *ar = archive_read_new();
    struct archive_entry *e;
    int retries = 0;
    unsigned long long n_entries = 0, total = 0; /* decompressed bytes of the entries read */
    nc_buf esc = NC_BUF_INIT;
    if (!ar) {
        ncp_batch_submit_fail(b, display, 0, NC_ERR_NOMEM, "out of memory");
        return;
    }
    ncp_archive_filters(ar);
    archive_read_support_format_all(ar);
    if (archive_read_open_filename(ar, path, 65536) != ARCHIVE_OK) {
        ncp_batch_submit_fail(
            b, display, 0, ncp_batch_archive_status(ar), "cannot open the archive: %s",
            archive_error_string(ar) ? archive_error_string(ar) : "unknown error");
        archive_read_free(ar);
        return;
    }
    while (!ncp_batch_stopping(b)) {
        const char *name;
        char *source;
        int kind, r = archive_read_next_header(ar, &e);
        if (r == ARCHIVE_EOF)
            break;
        if (r == ARCHIVE_RETRY && ++retries < 16)
            continue;
        if (r < ARCHIVE_WARN) {
            ncp_batch_submit_fail(b, display, 0, NC_ERR_PARSE, "%s",
                                  archive_error_string(ar) ? archive_error_string(ar)
                                                 : "damaged archive");
            break;
        }
        if (++n_entries > b->max_entries) {
            ncp_batch_submit_fail(b, display, 0, NC_ERR_LIMIT,
                                  "more than %llu entries (--max-entries): the rest is not read",
                                  b->max_entries);
            break;
        }
        name = entry_name(e);
        source = ncp_batch_join_source(display, ":", name);
        if (!source)
            break;
        if (archive_entry_filetype(e) != AE_IFREG) {
            if (archive_entry_filetype(e) != AE_IFDIR)
                ncp_batch_submit_note(b, 0, "%s: not a regular file: skipped", source);
            free(source);
            continue;
        }
        if (archive_entry_hardlink(e) && archive_entry_size(e) == 0) {
            ncp_batch_submit_note(b, 0, "%s: hard link to %s: skipped", source,
                                  ncp_escaped(&esc, archive_entry_hardlink(e)));
            free(source);
            continue;
        }
        kind = ncp_batch_container_kind(b, name);
        if (kind == C_JSONL) {
            read_jsonl_entry(b, ar, e, source, prefix, name, kind);
        } else if (kind != C_NONE) {
            ncp_batch_submit_note(
                b, 1, "%s: an archive inside an archive: skipped (unpack it first)", source);
        } else {
            const nc_format *f = b->cfg->from ? b->cfg->from : ncp_format_for_input(name);
            if (!f || !f->read) {
                ncp_batch_submit_note(b, 0, "%s: not a known article format: skipped", source);
            } else if (read_article_entry(b, ar, e, f, &source, prefix, name, &total) < 0) {
                free(source);
                break;
            }
        }
        free(source);
    }
    nc_buf_release(&esc);
    archive_read_free(ar);
}
