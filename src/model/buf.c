/* newsconv: growable byte buffer. */
#include "newsconv/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char empty[1];

void nc_buf_init(nc_buf *b)
{
    b->ptr = empty;
    b->size = 0;
    b->asize = 0;
    b->failed = 0;
}

void nc_buf_release(nc_buf *b)
{
    if (b->asize)
        free(b->ptr);
    nc_buf_init(b);
}

void nc_buf_clear(nc_buf *b)
{
    b->size = 0;
    if (b->asize)
        b->ptr[0] = '\0';
}

char *nc_buf_detach(nc_buf *b, size_t *len)
{
    char *p;
    if (b->failed) {
        nc_buf_release(b);
        return NULL;
    }
    if (!b->asize) {
        p = malloc(1);
        if (!p)
            return NULL;
        p[0] = '\0';
    } else {
        p = b->ptr;
    }
    if (len)
        *len = b->size;
    nc_buf_init(b);
    return p;
}

int nc_buf_grow(nc_buf *b, size_t extra)
{
    size_t need, nsize;
    char *p;
    if (b->failed)
        return -1;
    if (extra > SIZE_MAX - b->size - 1) {
        b->failed = 1;
        return -1;
    }
    need = b->size + extra + 1;
    if (need <= b->asize)
        return 0;
    nsize = b->asize ? b->asize : 64;
    while (nsize < need)
        nsize = nsize > SIZE_MAX / 2 ? need : nsize + nsize / 2 + 64;
    p = realloc(b->asize ? b->ptr : NULL, nsize);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    if (!b->asize)
        p[0] = '\0';
    b->ptr = p;
    b->asize = nsize;
    return 0;
}

void nc_buf_put(nc_buf *b, const char *data, size_t len)
{
    if (!len || nc_buf_grow(b, len) < 0)
        return;
    memmove(b->ptr + b->size, data, len);
    b->size += len;
    b->ptr[b->size] = '\0';
}

void nc_buf_puts(nc_buf *b, const char *s)
{
    if (s)
        nc_buf_put(b, s, strlen(s));
}

void nc_buf_putc(nc_buf *b, int c)
{
    if (nc_buf_grow(b, 1) < 0)
        return;
    b->ptr[b->size++] = (char)c;
    b->ptr[b->size] = '\0';
}

void nc_buf_vprintf(nc_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    int n;
    if (b->failed)
        return;
    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || nc_buf_grow(b, (size_t)n) < 0)
        return;
    vsnprintf(b->ptr + b->size, (size_t)n + 1, fmt, ap);
    b->size += (size_t)n;
}

void nc_buf_printf(nc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nc_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void nc_buf_truncate(nc_buf *b, size_t len)
{
    if (len < b->size) {
        b->size = len;
        b->ptr[len] = '\0';
    }
}

void nc_buf_rtrim(nc_buf *b)
{
    size_t n = b->size;
    while (n && (b->ptr[n - 1] == ' ' || b->ptr[n - 1] == '\t' || b->ptr[n - 1] == '\n' ||
                 b->ptr[n - 1] == '\r'))
        n--;
    nc_buf_truncate(b, n);
}

int nc_buf_ok(const nc_buf *b, nc_error *err)
{
    if (!b->failed)
        return 0;
    return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
}
