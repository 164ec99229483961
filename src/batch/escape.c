/* newsconv batch engine and command line: names shown in messages, with the characters a
 * terminal would act on escaped. */
#include "engine.h"

#include <stdio.h>
#include <string.h>

static void put_octal(nc_buf *out, unsigned char c)
{
    char e[8];
    snprintf(e, sizeof e, "\\%03o", c);
    nc_buf_puts(out, e);
}

/* Appends s to out with C0 controls (tab and newline too: a message is one line) and DEL
 * as octal ("\033"), C1 controls (U+0080..U+009F, as UTF-8) as "\u009b", as
 * nc_error_format writes them, and bytes that are no valid UTF-8 (a lone 0x9b is CSI to
 * an 8-bit terminal) as octal too. */
void ncp_escape_name(nc_buf *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        size_t n = 0, i;
        if (*p < 0x80) {
            if (*p < 0x20 || *p == 0x7f)
                put_octal(out, *p);
            else
                nc_buf_putc(out, (char)*p);
            p++;
            continue;
        }
        if (*p >= 0xc2 && *p <= 0xdf)
            n = 2;
        else if (*p >= 0xe0 && *p <= 0xef)
            n = 3;
        else if (*p >= 0xf0 && *p <= 0xf4)
            n = 4;
        for (i = 1; i < n; i++)
            if ((p[i] & 0xc0) != 0x80)
                break;
        if (n == 2 && i == n && p[0] == 0xc2 && p[1] < 0xa0) { /* C1 */
            char e[8];
            snprintf(e, sizeof e, "\\u%04x", p[1]);
            nc_buf_puts(out, e);
            p += 2;
        } else if (n && i == n && !(p[0] == 0xe0 && p[1] < 0xa0) && !(p[0] == 0xf0 && p[1] < 0x90) && /* overlong */
            !(p[0] == 0xf4 && p[1] >= 0x90) && !(p[0] == 0xed && p[1] >= 0xa0)) {
            nc_buf_put(out, (const char *)p, n);
            p += n;
        } else {
            put_octal(out, *p++);
        }
    }
}

/* The escaped name in tmp (cleared first); valid until tmp changes. */
const char *ncp_escaped(nc_buf *tmp, const char *s)
{
    nc_buf_clear(tmp);
    ncp_escape_name(tmp, s);
    return tmp->ptr ? tmp->ptr : "";
}

/* A malloc'ed copy of the escaped name, NULL when out of memory. */
char *ncp_escaped_dup(const char *s)
{
    nc_buf o = NC_BUF_INIT;
    ncp_escape_name(&o, s);
    return nc_buf_detach(&o, NULL);
}
