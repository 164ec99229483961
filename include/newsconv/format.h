/* newsconv: formats, options and the conversion driver. */
#ifndef NEWSCONV_FORMAT_H
#define NEWSCONV_FORMAT_H

#include <stddef.h>

#include "article.h"
#include "buf.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A warning callback: information a writer cannot carry, a malformed part a reader
 * skipped. `w` is only valid during the call. */
typedef void (*nc_warn_fn)(void *userdata, const nc_error *w);

/* An option a format adds to the command line ("--layout plain", "--fragment"). */
typedef struct nc_optdef {
    const char *name; /* long name without dashes: "layout" */
    const char *arg;  /* argument name for help ("plain|front"), NULL for a flag */
    const char *help;
} nc_optdef;

/* Options of one conversion. Owned by the caller; formats only read them. */
typedef struct nc_opts {
    const char *source;    /* input name for messages: a path, "<stdin>", "a.tar:x.html" */
    const char *base_url;  /* for resolving relative links (--base-url) */
    int strict;            /* --strict: warnings are fatal (the driver checks) */
    int verbose;           /* -v */
    size_t max_size;       /* input size limit in bytes; 0: the default */
    nc_warn_fn warn;       /* may be NULL */
    void *warn_data;
    /* format options by long name, in command-line order: "layout" -> "plain", a flag
     * -> "1". The last one given wins. */
    const char *const *fmt_keys;
    const char *const *fmt_values;
    size_t n_fmt;
    /* metadata overrides (-M KEY=VALUE), applied by nc_read_article after reading,
     * in order, with nc_article_set_by_name; a key ending in '+' (-M KEY+=VALUE) with
     * nc_article_add_by_name; a key ending in '=' (a map of --metadata-file, never from
     * -M) replaces the extra pairs of KEY with one whose value is the JSON text VALUE */
    const char *const *meta_keys;
    const char *const *meta_values;
    size_t n_meta;
} nc_opts;

/* The value of a format option, or NULL. */
const char *nc_opts_get(const nc_opts *o, const char *name);
/* 1 when a flag option is given ("--fragment"). */
int nc_opts_flag(const nc_opts *o, const char *name);

/* Reports a warning through o->warn (does nothing without a callback).
 * line/column 0 when unknown. */
void nc_warn(const nc_opts *o, int line, int column, const char *fmt, ...) NC_PRINTF(4, 5);

/* The input of a stream reader: pull() copies up to n bytes into buf and returns their
 * count, 0 at the end, -1 on an error (it sets err). rewind() starts the input again from
 * its first byte (0), or -1 when it cannot (a pipe); NULL: never. */
typedef struct nc_stream_in {
    long (*pull)(void *ud, char *buf, size_t n, nc_error *err);
    int (*rewind)(void *ud);
    void *ud;
} nc_stream_in;

/* One article of a stream: a (read, made safe and with the -M overrides applied by
 * nc_finish_article; owned by the callee), or NULL with item_err when that item could
 * not be read (one bad item does not stop the others). line: where the item starts
 * (0 when unknown). Returns 0 to go on, 1 to stop the stream. */
typedef int (*nc_each_fn)(void *ud, nc_article *a, const nc_error *item_err, int line);

typedef struct nc_format {
    const char *name;                /* what -f/-t accept: "markdown" */
    const char *const *aliases;      /* {"md", NULL} or NULL */
    const char *const *extensions;   /* {".md", ".markdown", NULL} or NULL */
    const char *description;         /* one line for --list-formats */
    /* Confidence 0..100 that buf (at most the first 4 KiB) is in this format. */
    int (*sniff)(const char *buf, size_t len);
    /* Fills the empty article a. Returns 0, or -1 with err set. May call nc_warn. */
    int (*read)(nc_article *a, const char *buf, size_t len, const nc_opts *o,
                nc_error *err);
    /* Appends the article to out. Returns 0, or -1 with err set. Information the format
     * cannot carry is reported with nc_warn. */
    int (*write)(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err);
    const nc_optdef *options;        /* {..., {NULL}} or NULL */
    unsigned flags;                  /* NC_FORMAT_* capabilities; 0: none */
    /* ---- readers of many articles (feeds: formats/feed/) ----
     * read_stream reads a source of many articles one at a time, pulling its bytes
     * through `in`, so that memory does not grow with the number of articles; it calls
     * each() once per article, in order. A batch uses it for an input of such a format
     * (-f, the extension or the content), the way it reads JSON Lines. NULL: none. */
    int (*read_stream)(const struct nc_stream_in *in, const nc_opts *o,
                       nc_each_fn each, void *each_data, nc_error *err);
    /* ---- writers: several articles, one document (feeds) ----
     * For a format whose document is a list of articles; all NULL otherwise. Then `write`
     * writes one article as an entry of the list (an RSS <item>), in any thread, and these
     * put the entries of one document together, in one thread:
     * join_begin: a new joiner; the channel data comes from o (read during the call).
     *   NULL with err set when it cannot be made.
     * join_add: one entry, as `write` wrote it, in input order (the joiner orders them
     *   itself: a feed puts the newest first). An empty entry (an article the format
     *   leaves out, with a warning) adds nothing. 0; 1 when the entry is left out (it
     *   repeats the id of an earlier one), err then holding the warning (NC_ERR_LOSSY);
     *   -1 with err set when the document cannot go on.
     * join_end: writes the whole document through put (an empty list when nothing was
     *   added) and frees the joiner, also on failure. 0, or -1 with err set (NC_ERR_IO
     *   when put failed; errno is then put's).
     * join_free: frees a joiner without writing.
     * nc_write_article does begin, add and end for its one article, so that one article
     * gives a one-entry document; a batch that writes one stream calls begin before its
     * first item and end after its last. No code outside the format names it.
     * A format whose `write` makes a whole document by itself (json, markdown) may have
     * join hooks too, with the flag NC_FORMAT_JOIN_STREAM: they then only put the articles
     * of a batch written to one stream together (a JSON array), and nc_write_article does
     * not call them. */
    void *(*join_begin)(const nc_opts *o, nc_error *err);
    int (*join_add)(void *joiner, const char *entry, size_t len, nc_error *err);
    int (*join_end)(void *joiner, int (*put)(void *ud, const char *data, size_t len),
                    void *ud, nc_error *err);
    void (*join_free)(void *joiner);
    /* join_flush: writes through put what the joiner holds and may write already (the
     * entries added so far, with their separators), so that the stream goes out as it is
     * made and memory does not grow with it; a batch calls it after each join_add. What
     * it held is dropped also when put fails. 0, or -1 with err set as join_end. After a
     * flush, join_end writes the end of the document; a batch that stops after some
     * entries went out calls join_end too, so that what was written parses. NULL: the
     * joiner holds every entry until join_end (a feed orders them). */
    int (*join_flush)(void *joiner, int (*put)(void *ud, const char *data, size_t len),
                      void *ud, nc_error *err);
} nc_format;

/* nc_format.flags: what a batch asks the registry for, rather than a format's name.
 * NC_FORMAT_LINES: one article per line; a batch reads every non-blank line of such an
 * input as an item, and writes one line per article to one stream.
 * NC_FORMAT_WEB: reads web pages; a batch gives it the HTML records of web archives, with
 * the record's address as base_url. */
#define NC_FORMAT_LINES (1u << 0)
#define NC_FORMAT_WEB (1u << 1)
/* NC_FORMAT_JOIN_STREAM: the join hooks only join the articles of a batch written to one
 * stream (several ninjs documents as one JSON array, Markdown pages between form feeds);
 * `write` alone makes the document of one article, so nc_write_article does not join
 * it, and a batch may write one file per article (a directory, an archive). Without the
 * flag, join hooks make the format's only document, a list (a feed). */
#define NC_FORMAT_JOIN_STREAM (1u << 2)

/* The registry (formats/formats.def), NULL-terminated, in definition order. */
const nc_format *const *nc_formats(void);
/* By name or alias (case-insensitive). NULL when unknown. */
const nc_format *nc_format_find(const char *name);
/* By the extension of path (".html"; a trailing ".gz" is not looked through: the CLI
 * does that for inputs, since nc_read_file decompresses them). */
const nc_format *nc_format_for_path(const char *path);
/* By content: the best sniff score >= 50 among readable formats, else NULL. */
const nc_format *nc_format_sniff(const char *buf, size_t len);
/* "html, markdown, newsml, json, jsonl, model" into out. */
void nc_format_list(nc_buf *out, int readers, int writers);

/* Default input size limit (--max-size). */
#define NC_DEFAULT_MAX_SIZE ((size_t)64 * 1024 * 1024)

/* Reads a whole file ("-" or NULL: stdin) into a malloc'ed, NUL-terminated buffer. A
 * gzip, bzip2, xz or zstd compressed file (known by its first bytes, whatever its name) is
 * decompressed; max_size bounds both the file and its decompressed text. Returns 0, or -1
 * with NC_ERR_IO (naming the file), NC_ERR_LIMIT, NC_ERR_PARSE (damaged compressed data)
 * or NC_ERR_NOMEM. */
int nc_read_file(const char *path, size_t max_size, char **data, size_t *len, nc_error *err);

/* Writes data to path atomically: a temporary file in the same directory, fsync'ed,
 * renamed over path. On failure nothing is left behind and an existing file is kept. */
int nc_write_file_atomic(const char *path, const char *data, size_t len, nc_error *err);

/* Reads buf with `from` into a new article (*out, owned by the caller); when it declares
 * no language, sets the one detected in its text (language_detected; not with the format
 * flag "no-detect"); then applies the metadata overrides of o. */
int nc_read_article(const nc_format *from, const char *buf, size_t len, const nc_opts *o,
                    nc_article **out, nc_error *err);

/* What nc_read_article does to every article after its reader: language detection when
 * the input declares none (not with --no-detect), the metadata overrides
 * of o, then the publication policy (nc_article_make_safe, removals reported as
 * warnings). Stream readers call it on each article. Returns 0, or -1 with err set. */
int nc_finish_article(nc_article *a, const nc_opts *o, nc_error *err);

/* Reads a source of many articles with from->read_stream (a feed), one article at a time:
 * each() gets every article finished as nc_read_article finishes one (nc_finish_article),
 * or an item's error. Returns 0 at the end, 1 when each() stopped it, -1 with err set on
 * an error that ends the source (a malformed point: the articles before it were given;
 * err names the line and column). */
int nc_read_stream(const nc_format *from, const nc_stream_in *in, const nc_opts *o,
                   nc_each_fn each, void *each_data, nc_error *err);

/* Writes a with `to`, appending to out. Under o->strict, any warning makes it fail
 * with NC_ERR_LOSSY. */
int nc_write_article(const nc_format *to, const nc_article *a, const nc_opts *o, nc_buf *out,
                     nc_error *err);

/* One conversion in memory: read with `from`, write with `to` into out. Under
 * o->strict, any warning makes it fail with NC_ERR_LOSSY (out is then cleared). An error
 * names o->source (nc_error_set_source) unless a reader named a source itself. */
int nc_convert(const nc_format *from, const nc_format *to, const char *buf, size_t len,
               const nc_opts *o, nc_buf *out, nc_error *err);

#ifdef __cplusplus
}
#endif
#endif
