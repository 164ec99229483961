/* newsconv: the join hooks of the formats whose articles are whole documents and that
 * join several of them into one stream (NC_FORMAT_JOIN_STREAM): every entry goes out as
 * it comes, between the separators a format declares (a JSON array, JSON Lines, Markdown
 * pages between form feeds). One joiner for all of them; each format's format.c declares
 * its separators and a join_begin that passes them. */
#ifndef NEWSCONV_FORMATS_STREAMJOIN_H
#define NEWSCONV_FORMATS_STREAMJOIN_H

#include <stddef.h>

#include "newsconv/format.h"

/* How the entries of one stream are put together; NULL strings: nothing. */
typedef struct ncp_stream_join {
    const char *open;  /* before the first entry: "[\n" */
    const char *sep;   /* between two entries: ",\n" */
    const char *after; /* after every entry: "\n" */
    const char *close; /* after the last entry, when there was one: "\n]\n" */
    const char *empty; /* the whole stream when no entry came: "[]\n" */
    int trim;          /* line breaks ("\n", "\r") at the end of an entry are taken off */
} ncp_stream_join;

/* The nc_format join hooks over `how` (which must outlive the joiner). */
void *ncp_stream_join_begin(const ncp_stream_join *how, nc_error *err);
int ncp_stream_join_add(void *joiner, const char *entry, size_t len, nc_error *err);
int ncp_stream_join_flush(void *joiner, int (*put)(void *ud, const char *data, size_t len),
                          void *ud, nc_error *err);
int ncp_stream_join_end(void *joiner, int (*put)(void *ud, const char *data, size_t len),
                        void *ud, nc_error *err);
void ncp_stream_join_free(void *joiner);

/* The designated initializers of those hooks in an nc_format, after a join_begin of the
 * format's own that passes its ncp_stream_join. */
#define NCP_STREAM_JOIN_HOOKS(begin)                                                      \
    .join_begin = (begin), .join_add = ncp_stream_join_add,                             \
    .join_end = ncp_stream_join_end, .join_free = ncp_stream_join_free,                 \
    .join_flush = ncp_stream_join_flush

#endif
