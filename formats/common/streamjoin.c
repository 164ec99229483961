/* newsconv: the joiner of a stream of whole documents (see streamjoin.h). */
#include "streamjoin.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct joiner {
    const ncp_stream_join *how;
    nc_buf pending;          /* what the next flush writes */
    unsigned long long n;    /* entries added */
} joiner;

void *ncp_stream_join_begin(const ncp_stream_join *how, nc_error *err)
{
    joiner *j = calloc(1, sizeof *j);
    if (!j) {
        nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
        return NULL;
    }
    j->how = how;
    j->pending = (nc_buf)NC_BUF_INIT;
    return j;
}

static void put_str(nc_buf *b, const char *s)
{
    if (s)
        nc_buf_puts(b, s);
}

int ncp_stream_join_add(void *p, const char *entry, size_t len, nc_error *err)
{
    joiner *j = p;
    if (j->how->trim)
        while (len && (entry[len - 1] == '\n' || entry[len - 1] == '\r'))
            len--;
    put_str(&j->pending, j->n ? j->how->sep : j->how->open);
    nc_buf_put(&j->pending, entry, len);
    put_str(&j->pending, j->how->after);
    j->n++;
    return nc_buf_ok(&j->pending, err);
}

/* Writes the pending bytes and drops them, also when put fails (errno is then put's). */
static int flush(joiner *j, int (*put)(void *ud, const char *data, size_t len), void *ud,
                 nc_error *err)
{
    int rc = 0;
    if (j->pending.size && put(ud, j->pending.ptr, j->pending.size) < 0) {
        int e = errno;
        rc = nc_error_set(err, NC_ERR_IO, 0, 0, "cannot write: %s", strerror(e));
        errno = e;
    }
    nc_buf_truncate(&j->pending, 0);
    return rc;
}

int ncp_stream_join_flush(void *p, int (*put)(void *ud, const char *data, size_t len),
                          void *ud, nc_error *err)
{
    return flush(p, put, ud, err);
}

int ncp_stream_join_end(void *p, int (*put)(void *ud, const char *data, size_t len), void *ud,
                        nc_error *err)
{
    joiner *j = p;
    int rc;
    put_str(&j->pending, j->n ? j->how->close : j->how->empty);
    rc = nc_buf_ok(&j->pending, err);
    if (rc == 0)
        rc = flush(j, put, ud, err);
    ncp_stream_join_free(j);
    return rc;
}

void ncp_stream_join_free(void *p)
{
    joiner *j = p;
    if (!j)
        return;
    nc_buf_release(&j->pending);
    free(j);
}
