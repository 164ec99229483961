/* newsconv: the one conversion of text in a legacy charset to UTF-8 (iconv), for the html
 * reader (formats/html/charset.c, which finds the charset) and the batch engine's web
 * archive payloads (src/batch/warc.c, which gets it from the HTTP header). */
#ifndef NEWSCONV_FORMATS_CHARSET_H
#define NEWSCONV_FORMATS_CHARSET_H

#include <stddef.h>

#include "model/model.h"

enum {
    /* A sequence cut off at the end of the text becomes one U+FFFD per byte, not one in
     * all (how the batch engine has always converted web archive payloads). */
    NCP_CHARSET_TAIL_BYTES = 1u << 0,
};

/* Appends p[0..n) in the iconv charset `from` to out as UTF-8; an invalid byte becomes
 * U+FFFD. Returns 0, or -1 when iconv does not know `from` (out untouched). Out of memory
 * leaves out failed. */
int ncp_charset_to_utf8(const char *from, const char *p, size_t n, nc_buf *out,
                        unsigned flags);

#endif
