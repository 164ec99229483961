/* newsconv: growable byte buffer that writers append to.
 *
 * Invariants: `ptr` is never NULL and is always NUL-terminated; `size` excludes the NUL.
 * Allocation failure is sticky: the buffer keeps its contents, sets `failed`, and every
 * later append is a no-op, so a writer may check once at the end (nc_buf_ok). */
#ifndef NEWSCONV_BUF_H
#define NEWSCONV_BUF_H

#include <stddef.h>
#include <stdarg.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nc_buf {
    char *ptr;
    size_t size;  /* bytes in use, excluding the terminating NUL */
    size_t asize; /* bytes allocated; 0 while ptr points at a static "" */
    int failed;   /* an allocation failed */
} nc_buf;

#define NC_BUF_INIT {(char *)"", 0, 0, 0}

void nc_buf_init(nc_buf *b);
/* Frees the contents and re-initialises b. */
void nc_buf_release(nc_buf *b);
/* Keeps the allocation, empties the contents. */
void nc_buf_clear(nc_buf *b);
/* Hands the bytes over (caller frees with free()); b is re-initialised. NULL on failure. */
char *nc_buf_detach(nc_buf *b, size_t *len);
int nc_buf_grow(nc_buf *b, size_t extra);
void nc_buf_put(nc_buf *b, const char *data, size_t len);
void nc_buf_puts(nc_buf *b, const char *s);
void nc_buf_putc(nc_buf *b, int c);
void nc_buf_printf(nc_buf *b, const char *fmt, ...) NC_PRINTF(2, 3);
void nc_buf_vprintf(nc_buf *b, const char *fmt, va_list ap) NC_PRINTF(2, 0);
/* Shortens to len bytes (no-op when len >= size). */
void nc_buf_truncate(nc_buf *b, size_t len);
/* Removes trailing spaces, tabs and newlines. */
void nc_buf_rtrim(nc_buf *b);
/* 0 when every append succeeded, else -1 with NC_ERR_NOMEM recorded into err. */
int nc_buf_ok(const nc_buf *b, nc_error *err);

#ifdef __cplusplus
}
#endif
#endif
