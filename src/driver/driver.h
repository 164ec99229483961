/* newsconv: the driver's internals (src/driver/: the registry, the conversion driver,
 * compressed inputs), for the batch engine and the command line (not installed). */
#ifndef NEWSCONV_DRIVER_H
#define NEWSCONV_DRIVER_H

#include <stddef.h>

#include "newsconv/newsconv.h"

/* ---- compressed inputs (compress.c) ---- */
/* The length of a final ".gz", ".bz2", ".xz" or ".zst" in name (any case), else 0. */
size_t ncp_compression_ext_len(const char *name);
/* "gzip", "bzip2", "xz" or "zstd" when data starts with that format's magic, else NULL. */
const char *ncp_compression(const char *data, size_t len);
/* When *data (malloc'ed, *len bytes) is compressed, replaces it with its decompressed,
 * NUL-terminated text; -1 with err set (NC_ERR_PARSE for damaged data, NC_ERR_LIMIT over
 * max_size, NC_ERR_NOMEM), leaving *data as it was. 0 also when it is not compressed. */
int ncp_decompress(char **data, size_t *len, size_t max_size, nc_error *err);
/* Enables libarchive's decompression filters that run in the process (gzip, bzip2, xz,
 * lzma, lzip, zstd, lz4, compress) on a reader: never one that runs a program. */
struct archive;
void ncp_archive_filters(struct archive *ar);
/* ---- writing (convert.c) ---- */
/* nc_write_article without the document around an entry: for a format of lists (a
 * feed, ncp_format_of_lists), the article as one entry of the list, which the format's
 * join hooks put together; for any other format the same as nc_write_article. The batch
 * engine's workers write with it. */
int ncp_write_entry(const nc_format *to, const nc_article *a, const nc_opts *o, nc_buf *out,
                    nc_error *err);
/* ---- the registry (registry.c) ---- */
/* nc_format_for_path, looking through a final compression extension ("a.html.gz"). */
const nc_format *ncp_format_for_input(const char *path);
/* The first format of the registry with this NC_FORMAT_* flag, or NULL. */
const nc_format *ncp_format_with(unsigned flag);
/* 1 for a format whose document is a list of entries its join hooks put together (a
 * feed): one article is a list of one, and a batch writes one document, never a file per
 * article. 0 for the others, also those that join a stream (NC_FORMAT_JOIN_STREAM). */
int ncp_format_of_lists(const nc_format *f);

#endif
