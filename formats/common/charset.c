/* newsconv: text in a legacy charset -> UTF-8 (see charset.h). */
#include "charset.h"

#include <errno.h>
#include <iconv.h>

int ncp_charset_to_utf8(const char *from, const char *p, size_t n, nc_buf *out,
                        unsigned flags)
{
    iconv_t cd = iconv_open("UTF-8", from);
    char *in = (char *)p;
    size_t inleft = n;
    if (cd == (iconv_t)-1)
        return -1;
    nc_buf_grow(out, n + n / 2 + 16);
    while (inleft > 0 && !out->failed) {
        char *o = out->ptr + out->size;
        size_t oleft = out->asize - out->size - 1;
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        out->size = (size_t)(o - out->ptr);
        out->ptr[out->size] = '\0';
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG) {
            nc_buf_grow(out, inleft * 2 + 64);
        } else if (errno == EILSEQ || (flags & NCP_CHARSET_TAIL_BYTES)) {
            ncp_utf8_put(out, 0xFFFD);
            in++;
            inleft--;
        } else { /* EINVAL: incomplete at the end */
            ncp_utf8_put(out, 0xFFFD);
            break;
        }
    }
    {
        /* the shift state back to the initial one (UTF-8 has none: nothing is written) */
        char *o;
        size_t oleft;
        nc_buf_grow(out, 64);
        o = out->ptr + out->size;
        oleft = out->asize - out->size - 1;
        iconv(cd, NULL, NULL, &o, &oleft);
        out->size = (size_t)(o - out->ptr);
        out->ptr[out->size] = '\0';
    }
    iconv_close(cd);
    return 0;
}
