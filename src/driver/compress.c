/* newsconv: compressed inputs (gzip, bzip2, xz, zstd), recognised by their magic bytes and
 * decompressed in memory with libarchive's filters, within the input size limit. */
#include "model/model.h"
#include "driver.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

static const char *const compression_exts[] = {".gz", ".bz2", ".xz", ".zst", NULL};

size_t ncp_compression_ext_len(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    const char *const *e;
    for (e = compression_exts; *e; e++) {
        size_t el = strlen(*e);
        if (n > el && !ncp_strcasecmp(name + n - el, *e))
            return el;
    }
    return 0;
}

const char *ncp_compression(const char *data, size_t len)
{
    const unsigned char *d = (const unsigned char *)data;
    if (len >= 3 && d[0] == 0x1f && d[1] == 0x8b && d[2] == 8)
        return "gzip";
    if (len >= 10 && !memcmp(d, "BZh", 3) && d[3] >= '1' && d[3] <= '9' &&
        !memcmp(d + 4, "1AY&SY", 6))
        return "bzip2";
    if (len >= 6 && !memcmp(d, "\xfd" "7zXZ\0", 6))
        return "xz";
    if (len >= 4 && !memcmp(d, "\x28\xb5\x2f\xfd", 4))
        return "zstd";
    return NULL;
}

void ncp_archive_filters(struct archive *ar)
{
    /* not archive_read_support_filter_all: for lrzip, grzip and lzop (no library in
     * Debian's libarchive) it would run an external program on the data */
    archive_read_support_filter_gzip(ar);
    archive_read_support_filter_bzip2(ar);
    archive_read_support_filter_xz(ar);
    archive_read_support_filter_lzma(ar);
    archive_read_support_filter_lzip(ar);
    archive_read_support_filter_zstd(ar);
    archive_read_support_filter_lz4(ar);
    archive_read_support_filter_compress(ar);
}

int ncp_decompress(char **data, size_t *len, size_t max_size, nc_error *err)
{
    const char *kind = ncp_compression(*data, *len);
    struct archive *ar;
    struct archive_entry *e;
    nc_buf out = NC_BUF_INIT;
    int r;
    if (!kind)
        return 0;
    if (!(ar = archive_read_new()))
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    /* only these four filters, all built into Debian's libarchive: none of them runs an
     * external program */
    if (!strcmp(kind, "gzip"))
        r = archive_read_support_filter_gzip(ar);
    else if (!strcmp(kind, "bzip2"))
        r = archive_read_support_filter_bzip2(ar);
    else if (!strcmp(kind, "xz"))
        r = archive_read_support_filter_xz(ar);
    else
        r = archive_read_support_filter_zstd(ar);
    if (r != ARCHIVE_OK) {
        archive_read_free(ar);
        return nc_error_set(err, NC_ERR_PARSE, 0, 0,
                            "%s-compressed input: this libarchive cannot decompress it", kind);
    }
    archive_read_support_format_raw(ar);
    if (archive_read_open_memory(ar, *data, *len) != ARCHIVE_OK ||
        archive_read_next_header(ar, &e) != ARCHIVE_OK)
        goto fail;
    for (;;) {
        la_ssize_t n;
        if (nc_buf_grow(&out, 65536) < 0) {
            nc_buf_release(&out);
            archive_read_free(ar);
            return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
        }
        n = archive_read_data(ar, out.ptr + out.size, out.asize - out.size - 1);
        if (n < 0)
            goto fail;
        if (n == 0)
            break;
        out.size += (size_t)n;
        out.ptr[out.size] = '\0';
        if (out.size > max_size) {
            nc_buf_release(&out);
            archive_read_free(ar);
            return nc_error_set(err, NC_ERR_LIMIT, 0, 0,
                                "%s-compressed input: decompressed, it is larger than the "
                                "limit of %zu bytes (--max-size)",
                                kind, max_size);
        }
    }
    archive_read_free(ar);
    {
        /* the loop grew the buffer before its first read: it is NUL-terminated */
        size_t n;
        char *text = nc_buf_detach(&out, &n);
        if (!text)
            return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
        free(*data);
        *data = text;
        *len = n;
    }
    return 0;
fail:
    {
        int nomem = archive_errno(ar) == ENOMEM;
        const char *msg = archive_error_string(ar);
        nc_error_set(err, nomem ? NC_ERR_NOMEM : NC_ERR_PARSE, 0, 0, "%s-compressed input: %s",
                     kind, nomem ? "out of memory" : msg ? msg : "cannot decompress");
    }
    nc_buf_release(&out);
    archive_read_free(ar);
    return -1;
}
