/* newsconv: the framing of JSON Lines, in one place: what a line is (numbering, a UTF-8
 * byte order mark on the first line, a UTF-16 or UTF-32 one, blank lines), for the jsonl
 * format's reader (a text in memory) and the batch engine (a stream, read line by line
 * by src/batch/sources.c). */
#ifndef NEWSCONV_FORMATS_JSONLINES_H
#define NEWSCONV_FORMATS_JSONLINES_H

#include <stddef.h>

typedef enum ncp_jsonl_kind {
    NCP_JSONL_BLANK,  /* white space only: no article, no failure */
    NCP_JSONL_ITEM,   /* an article (or a failure to read one) */
    NCP_JSONL_UTF16,  /* the first line starts with a UTF-16 or UTF-32 byte order mark:
                       * no line of the text is JSON (RFC 8259 8.1) */
} ncp_jsonl_kind;

/* Frames line number lineno (1-based; every '\n' ends a line), *line and *len its bytes
 * without the '\n': on the first line a UTF-8 byte order mark is taken off. */
ncp_jsonl_kind ncp_jsonl_frame(const char **line, size_t *len, long lineno);

/* The lines of a JSON Lines text in memory, framed. */
typedef struct ncp_jsonl_lines {
    const char *buf;
    size_t len, pos;
    long line;   /* the number of the line last returned */
} ncp_jsonl_lines;
void ncp_jsonl_lines_init(ncp_jsonl_lines *it, const char *buf, size_t len);
/* The next line (its bytes up to the '\n', a '\r' before it included) and its kind;
 * -1 at the end of the text. */
int ncp_jsonl_next(ncp_jsonl_lines *it, const char **line, size_t *len);

#endif
