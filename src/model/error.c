/* newsconv: error values. */
#include "newsconv/error.h"

#include <stdio.h>
#include <string.h>

void nc_error_clear(nc_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
}

int nc_error_setv(nc_error *err, nc_status code, int line, int column, const char *fmt,
                  va_list ap)
{
    if (!err || err->code != NC_OK)
        return -1;
    err->code = code;
    err->line = line;
    err->column = column;
    vsnprintf(err->text, sizeof err->text, fmt, ap);
    return -1;
}

int nc_error_set(nc_error *err, nc_status code, int line, int column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nc_error_setv(err, code, line, column, fmt, ap);
    va_end(ap);
    return -1;
}

void nc_error_set_source(nc_error *err, const char *source)
{
    if (!err || !source || err->source[0])
        return;
    snprintf(err->source, sizeof err->source, "%s", source);
}

/* Appends s to out[*n..outlen) with the characters a terminal or a log would act on
 * shown escaped: C0 controls (tab and newline too: a message is one line) and DEL as
 * octal ("\033"), C1 controls (U+0080..U+009F, as UTF-8) as "\u009b". The rest, UTF-8
 * included, is copied. */
static void put_escaped(char *out, size_t *n, size_t outlen, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    for (; *p && *n + 1 < outlen; p++) {
        char esc[8];
        int k = 0;
        if (*p < 0x20 || *p == 0x7f)
            k = snprintf(esc, sizeof esc, "\\%03o", *p);
        else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            k = snprintf(esc, sizeof esc, "\\u%04x", p[1]);
            p++;
        } else if (*p >= 0x80) {
            /* a whole UTF-8 sequence is copied; a byte that starts none (a lone 0x9b is
             * CSI to an 8-bit terminal) is shown in octal */
            size_t len = *p >= 0xf0 && *p <= 0xf4 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc2 ? 2 : 0, i;
            int ok = len > 0 && *p <= 0xf4;
            for (i = 1; ok && i < len; i++)
                ok = (p[i] & 0xc0) == 0x80;
            if (!ok) {
                k = snprintf(esc, sizeof esc, "\\%03o", *p);
            } else {
                if (*n + len >= outlen)
                    break;
                memcpy(out + *n, p, len);
                *n += len;
                p += len - 1;
                continue;
            }
        }
        if (k > 0) {
            if (*n + (size_t)k >= outlen)
                break;
            memcpy(out + *n, esc, (size_t)k);
            *n += (size_t)k;
        } else {
            out[(*n)++] = (char)*p;
        }
    }
    out[*n < outlen ? *n : outlen - 1] = '\0';
}

void nc_error_format(const nc_error *err, char *out, unsigned long outlen)
{
    size_t n = 0;
    if (!outlen)
        return;
    out[0] = '\0';
    if (!err)
        return;
#define ADD(...)                                                                           \
    do {                                                                                   \
        if (n < outlen) {                                                                  \
            int k = snprintf(out + n, outlen - n, __VA_ARGS__);                            \
            if (k > 0)                                                                     \
                n += (size_t)k;                                                            \
        }                                                                                  \
    } while (0)
    if (err->source[0]) {
        put_escaped(out, &n, outlen, err->source);
        ADD(":");
    }
    if (err->line > 0) {
        ADD("%d:", err->line);
        if (err->column > 0)
            ADD("%d:", err->column);
    }
    if (n)
        ADD(" ");
    put_escaped(out, &n, outlen, err->text[0] ? err->text : nc_status_name(err->code));
#undef ADD
}

int nc_status_exit_code(nc_status code)
{
    switch (code) {
    case NC_OK: return 0;
    case NC_ERR_BATCH: return 1;
    case NC_ERR_USAGE: return 2;
    case NC_ERR_UNKNOWN_FORMAT: return 3;
    case NC_ERR_PARSE:
    case NC_ERR_NOT_ARTICLE:
    case NC_ERR_LIMIT: return 4;
    case NC_ERR_IO: return 5;
    case NC_ERR_LOSSY: return 6;
    case NC_ERR_NOMEM:
    case NC_ERR_INTERNAL: return 7;
    }
    return 7;
}

const char *nc_status_name(nc_status code)
{
    switch (code) {
    case NC_OK: return "ok";
    case NC_ERR_BATCH: return "some items failed";
    case NC_ERR_USAGE: return "usage error";
    case NC_ERR_UNKNOWN_FORMAT: return "unknown format";
    case NC_ERR_PARSE: return "parse error";
    case NC_ERR_NOT_ARTICLE: return "not an article";
    case NC_ERR_IO: return "I/O error";
    case NC_ERR_LOSSY: return "information lost";
    case NC_ERR_NOMEM: return "out of memory";
    case NC_ERR_LIMIT: return "limit exceeded";
    case NC_ERR_INTERNAL: return "internal error";
    }
    return "error";
}
