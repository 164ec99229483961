/* newsconv: the batch engine's internals, shared by the files of src/batch/ (batch.h is
 * its interface, for the command line).
 *
 * Files. run.c: the entry points; ring.c: the ring of items and the worker threads;
 * sources.c: byte sources, files and directories, the reader thread; archive.c, jsonl.c,
 * warc.c, stream.c: the container inputs; names.c: output names; sink.c: the outputs; writer.c and
 * progress.c: results in input order, messages, the progress bar.
 *
 * Threads. The reader thread enumerates the inputs (files, directories, archives, web
 * archives, JSON Lines) and reads each item's bytes; `jobs` worker threads convert
 * (nc_read_article + nc_write_article: each conversion has its own article and arena)
 * and, for a directory output, write the result to a temporary file beside its final
 * name (creating files is the costly part of writing); the calling thread writes the
 * results in input order (renames them, or adds them to the archive or stream) and
 * draws the progress bar.
 * They share a ring of `cap` slots: item number k lives in slot k % cap from the moment
 * the reader fills it until the writer has written it. The reader never runs more
 * than cap items ahead of the writer, so the ring is also the reorder buffer, and
 * memory stays bounded whatever the size of the batch: an item is read, converted,
 * written and freed.
 *
 * Signals. SIGINT and SIGTERM only set a flag (the handler does nothing else). Every
 * wait is a timed wait that looks at the flag; the writer stops after the item it is
 * writing, removes its temporary files and returns 128 + the signal number.
 *
 * Exception to the rule that only formats/ include libraries: the batch engine includes
 * libarchive (archive.h, archive_entry.h). It reads and writes the archives of a batch
 * and decompresses web archives and gzip'ed HTTP payloads; no format uses it. */
#ifndef NEWSCONV_BATCH_ENGINE_H
#define NEWSCONV_BATCH_ENGINE_H

#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "batch.h"
#include "driver/driver.h"
#include "model/model.h"

struct archive;

/* Container kinds, recognised by the name. */
enum { C_NONE, C_ARCHIVE, C_WARC, C_JSONL };

/* ---- items and the batch ---- */

enum { ITEM_DOC, ITEM_FAIL, ITEM_NOTE };
enum { SLOT_FREE, SLOT_READY, SLOT_DONE };
enum { SINK_STREAM, SINK_DIR, SINK_ARCHIVE };

typedef struct item {
    int state; /* SLOT_*, changed under the lock only */
    int kind;  /* ITEM_* */
    const nc_format *from;     /* NULL: by content */
    char *source;              /* for messages: "feed.tar:a/12.html" */
    char *rel;                 /* output path, relative, sanitised, with the new extension */
    char *data;                /* the input bytes (malloc) */
    size_t len;
    long line;                 /* JSON Lines: the line number; 0 otherwise */
    /* sources of many articles (feeds): the article, already read, and its number */
    nc_article *article;
    long nth;
    /* web archive records */
    char *url;                 /* WARC-Target-URI */
    char *charset;             /* from the Content-Type */
    char *encoding;            /* Content-Encoding */
    size_t payload_off;        /* start of the HTTP payload in data */
    int chunked;               /* Transfer-Encoding: chunked */
    long long mtime;           /* for archive entries */
    /* results */
    int ok;
    nc_buf out;
    nc_error err;
    nc_buf msgs; /* warnings and notes, printed before the item's own line */
    nc_buf wtexts; /* the text of each warning, one a line: counted by kind (writer.c) */
    int n_warn;
    int quiet;                 /* -q: warnings are counted, not printed */
    int each;                  /* -v, --strict: what the output cannot hold is said per
                                  article (else counted for the end of the run) */
    const char *prog;
    /* SINK_DIR: the worker wrote the output to a temporary file in its directory; the
     * writer renames it in input order */
    unsigned long long seq;
    int dirfd1;                /* that directory (a dup'ed descriptor) + 1; 0: none */
    int tmp_pending;           /* the temporary file exists */
    int out_failed;            /* the failure was the output's (a full disk): exit 5 */
    int sniff_skip;            /* found in a walk without a known extension: when its
                                  content is no article format either, it is skipped */
    const char *skip;          /* why the item is skipped (SKIP_*), or NULL */
    int early;                 /* skipped by the reader, unread (--skip-existing) */
    int slugged;               /* rel was made from the article (a stream): "-2" suffixes */
} item;

/* Reasons to skip an item, counted apart in the summary. */
#define SKIP_NOT_ARTICLE "not an article"
#define SKIP_EXISTS "exists"
#define SKIP_UNKNOWN_EXT "unknown extension"

/* 64-bit hashes of the output names used so far, to give two items that map to one
 * name two files. The only state a batch keeps per item: about 16 bytes. */
typedef struct name_set {
    uint64_t *slots;
    size_t cap, n;
} name_set;

/* The files a batch has read, by device and inode: a file reached twice (a hard link, a
 * followed symbolic link, an operand given twice) is converted once. */
typedef struct file_id {
    dev_t dev;
    ino_t ino;
} file_id;

typedef struct file_set {
    file_id *slots;
    size_t cap, n;
} file_set;

typedef struct sink {
    int mode;
    const char *path;      /* -o as given; NULL: stdout */
    int fd;                /* stream or archive file */
    int direct;            /* fd is a device or pipe given as -o: no temporary file */
    char *tmp;             /* temporary file, renamed over path at the end */
    struct archive *aw;
    int root;              /* SINK_DIR: the output directory */
    name_set names;
    /* SINK_STREAM: several articles make one stream with the output format's join hooks
     * (a JSON array, JSON Lines, Markdown pages between form feeds, a feed); a format
     * without them takes one article (a second one stops the run with a usage error,
     * exit 2) */
    unsigned long long n_stream; /* articles written to the stream so far */
    void *joiner;          /* the output format's joiner (nc_format.join_begin) */
    struct batch *owner;   /* the batch of this sink (set by ncp_batch_sink_open) */
} sink;

/* A worker's open subdirectory of the output directory. */
typedef struct dircache {
    char *dir; /* relative, "" is the root */
    int fd;
} dircache;

typedef struct batch {
    const ncp_batch_config *cfg;
    const char *prog;
    const nc_format *to;
    const nc_format *lines; /* the JSON Lines format (NC_FORMAT_LINES) */
    const nc_format *web;   /* the reader of web archive pages (NC_FORMAT_WEB) */
    char out_ext[32];
    size_t max_size;
    unsigned long long max_total, max_entries; /* per archive */
    file_set seen; /* the reader's only */
    name_set early; /* the reader's only: output names of files it looked up for
                       --skip-existing (ncp_batch_exists_early) */
    const char *const *inputs;
    size_t n_inputs;

    pthread_mutex_t mu;
    pthread_cond_t cv_read, cv_work, cv_write, cv_exit;
    item *ring;
    size_t cap;
    unsigned long long n_read, n_claimed, n_written;
    int reader_done, stop, alive;
    /* who waits: a wake-up costs a context switch, so threads signal only waiters */
    int reader_waiting, writer_waiting, workers_waiting;
    unsigned long long writer_target; /* the writer sleeps until this item is done */

    /* progress, under mu */
    unsigned long long bytes_done, bytes_base, bytes_total, items_total;
    int totals_known; /* 0: unknown; 1: bytes; 2: bytes and items */
    int counting;     /* the counter thread runs */

    /* writer side */
    unsigned long long n_items, n_ok, n_failed, n_out_failed;
    unsigned long long n_skip_not_article, n_skip_exists, n_skip_ext;
    unsigned long long n_no_body; /* items whose page had no article body (html) */
    struct warn_kind *kinds;      /* warnings by kind, for the summary (writer.c) */
    size_t n_kinds;
    nc_status last_code;
    int fatal, fatal_code, quiet_end;
    double t0, last_draw;
    int show_progress, bar_visible, color;
    sink sink;
    int have_outdir;
    dev_t out_dev;
    ino_t out_ino;
} batch;

/* Byte sources: a file descriptor or the data of an archive entry, read in chunks;
 * lines for JSON Lines and the WARC headers, counted blocks for WARC records. */

typedef struct src {
    int fd;
    struct archive *ar;
    batch *b;
    char *buf;
    size_t pos, end, cap;
    int eof;
    char errmsg[256];
    unsigned long long consumed;
} src;

typedef struct worker {
    batch *b;
    dircache dc;
    pthread_t thread;
} worker;

/* ---- run.c ---- */
extern volatile sig_atomic_t ncp_batch_stop_signal; /* the signal that stops the run, or 0 */

/* ---- ring.c: helpers, slots, submitting, the workers ---- */
double ncp_batch_now_sec(void);
void ncp_batch_timed_wait(pthread_cond_t *cv, pthread_mutex_t *mu, double secs);
char *ncp_batch_xstrdup(const char *s);
int ncp_batch_ends_with_ci(const char *s, const char *suffix);
/* The last component of a path. */
const char *ncp_batch_base_name(const char *path);
int ncp_batch_stopping(const batch *b);
/* The temporary name of item seq inside its output directory. */
void ncp_batch_tmp_name(char *out, size_t n, unsigned long long seq);
void ncp_batch_item_release(item *it);
/* Moves *proto into the next slot and hands it to the workers. proto is emptied; its
 * contents are freed when the run stops. bytes: the input position for the progress bar. */
void ncp_batch_submit(batch *b, item *proto, unsigned long long bytes);
void ncp_batch_submit_fail(batch *b, const char *source, long line, nc_status code,
                           const char *fmt, ...) NC_PRINTF(5, 6);
/* Submits an item read from the archive ar (the bytes read so far feed the progress), or
 * reports out of memory when its output name or its data could not be allocated. */
void ncp_batch_submit_read(batch *b, item *it, struct archive *ar);
void ncp_batch_submit_error(batch *b, const nc_error *err);
/* A message that is printed in order, counted as no item (-v notes, warnings). */
void ncp_batch_submit_note(batch *b, int warning, const char *fmt, ...) NC_PRINTF(3, 4);
void ncp_batch_new_doc(item *it, const nc_format *from, char *source, char *rel);
void ncp_batch_thread_exit(batch *b);
void *ncp_batch_worker_main(void *arg);

/* ---- names.c: output names ---- */
/* Position of the extension dot in the last component of s[0..len), or len. */
size_t ncp_batch_ext_pos(const char *s, size_t len);
/* prefix + the sanitised name with its extension replaced by the output one. */
char *ncp_batch_output_name(const batch *b, const char *prefix, const char *name);
/* "x/feed.tar.gz" -> "x/feed/": the prefix under which a container's items go. */
void ncp_batch_container_prefix(nc_buf *out, const char *rel, size_t ext_len);
/* A web page address as a relative path: host/path[_query], "index" for a directory. */
char *ncp_batch_url_output_name(const batch *b, const char *prefix, const char *url);
/* The output name of an article from a stream (a JSON Lines line): rel's directory +
 * the --name-template (default "{slug}": a slug of the id, else of the url path, else of
 * the headline; else the line number n) + the output extension. NULL: out of memory. */
char *ncp_batch_article_name(const batch *b, const char *rel, const nc_article *a, long n);
/* 0 when every {field} of a --name-template is known; else -1, *bad at the bad one. */
int ncp_batch_template_check(const char *tpl, const char **bad);
/* 1 when the name was already used; else records it. */
int ncp_batch_name_seen(name_set *ns, const char *name);

/* ---- sources.c: byte sources, container kinds, files and directories, the reader ---- */
extern const char *const ncp_batch_archive_exts[];
extern const char *const ncp_batch_warc_exts[];
/* compressed JSON Lines, read through libarchive's filters */
extern const char *const ncp_batch_zjsonl_exts[];
/* Length of the container extension of name (".tar.gz": 7), 0 when none. */
size_t ncp_batch_container_ext_len(const char *name, const char *const *exts);
void ncp_batch_src_init(src *s, batch *b, int fd, struct archive *ar);
/* The next line, without its "\n" or "\r\n", in *line (valid until the next call).
 * A line longer than max is skipped: *too_long is set and *len is 0. Returns 1, 0 at
 * the end of the input, -1 on a read error. */
int ncp_batch_src_line(src *s, size_t max, const char **line, size_t *len, int *too_long);
/* Reads exactly n bytes into dst (NULL: skips them). Returns 0, or -1 at a premature
 * end (errmsg set) or on an error. */
int ncp_batch_src_read(src *s, size_t n, nc_buf *dst);
void ncp_batch_src_free(src *s);
/* The kind of container a file name is (jsonl when -f jsonl, or by the extension). */
int ncp_batch_container_kind(const batch *b, const char *name);
size_t ncp_batch_container_len(const batch *b, const char *name, int kind);
char *ncp_batch_join_source(const char *a, const char *sep, const char *c);
/* 1 when the file dev/ino was seen before; else records it (0; -1: out of memory, not
 * recorded). */
int ncp_batch_file_seen(file_set *fs, dev_t dev, ino_t ino);
void ncp_batch_file_set_free(file_set *fs);
void *ncp_batch_reader_main(void *arg);
/* Counts the items and bytes of the directory operands for the progress bar. */
void *ncp_batch_counter_main(void *arg);

/* ---- archive.c, jsonl.c, warc.c: container inputs ---- */
/* What a libarchive failure is: the system's (an errno: exit 5), or the data's, a damaged,
 * cut or unknown archive or compressed stream (exit 4). libarchive reports those as
 * ARCHIVE_ERRNO_MISC (-1) or ARCHIVE_ERRNO_FILE_FORMAT (EILSEQ where there is no EFTYPE). */
nc_status ncp_batch_archive_status(struct archive *ar);
/* Reads the data of the current archive entry (at most max bytes). 0, or -1 with the
 * message in msg; *fatal when the archive cannot go on. */
int ncp_batch_read_entry_data(struct archive *ar, size_t max, nc_buf *d, char *msg,
                              size_t msglen, int *fatal);
void ncp_batch_read_archive(batch *b, const char *path, const char *display,
                            const char *prefix);
/* JSON Lines: every non-blank line is an item read by the jsonl reader. */
void ncp_batch_read_jsonl(batch *b, src *s, const char *display, const char *prefix,
                          long long mtime);
void ncp_batch_read_warc(batch *b, const char *path, const char *display, const char *prefix);
/* A web archive record's payload as the bytes the html reader gets: dechunked,
 * decompressed, and (when the HTTP header names a charset and the page has no byte
 * order mark) converted to UTF-8 behind a UTF-8 byte order mark, which every HTML
 * parser honours before <meta charset>. */
int ncp_batch_warc_payload(batch *b, item *it, nc_buf *out, nc_error *err);

/* ---- stream.c: sources of many articles (formats with read_stream: feeds) ---- */
/* The stream format of an input: `from` (-f) when it has read_stream; without -f, the one
 * of rel's extension, else (a regular file, not compressed) the one its first 4 KiB sniff
 * as. NULL: not such a source. */
const nc_format *ncp_batch_stream_format(const nc_format *from, const char *path,
                                         const char *rel);
/* Every article of the source as an item, read one at a time by f->read_stream. */
void ncp_batch_read_stream(batch *b, const nc_format *f, const char *path, const char *display,
                           const char *prefix, long long mtime);

/* ---- sink.c: the outputs ---- */
int ncp_batch_archive_kind(const char *path);
int ncp_batch_sink_open(batch *b, sink *s, nc_error *err);
void ncp_batch_dircache_free(dircache *dc, int root);
/* SINK_DIR, in a worker: writes the item's output to a temporary file in its directory
 * (created as needed), so that file creation, the costly part, runs in parallel; the
 * writer renames it in input order. */
void ncp_batch_worker_write(batch *b, dircache *dc, item *it, unsigned long long seq);
/* Writes one result. 0; -1: the item failed (err set); -2: the output is broken. */
int ncp_batch_sink_write(batch *b, sink *s, item *it, nc_error *err);
/* Closes the output: commit renames a stream or archive file over -o; otherwise the
 * temporary file is removed and an existing file is left as it was. */
int ncp_batch_sink_close(sink *s, int commit, nc_error *err);

/* ---- writer.c, progress.c: results in input order, messages, the progress bar ---- */
void ncp_batch_print_error(batch *b, const nc_error *err);
void ncp_batch_emit(batch *b, item *it);
/* ", 3 skipped (2 not an article, 1 exists)" for the summary, "" when none; the count. */
unsigned long long ncp_batch_skip_summary(const batch *b, char *out, size_t n);
/* --skip-existing, in the reader: 1 when the output file of a plain file (its name rel
 * known from its path) exists, so that it is skipped unread. A name met a second time is
 * left to the writer (the second item may become "name~2"). */
int ncp_batch_exists_early(batch *b, const char *rel);
/* Counts the warnings of an item by kind (what the output cannot hold, by subject; any
 * other warning by its text without names and numbers), in articles. */
void ncp_batch_count_warnings(batch *b, const item *it);
/* At the end of a run: "PROG: warnings: not carried into FMT: subjects (212 articles),
 * ednote (3 articles); html: no article body found (2 articles)" (nothing when none was
 * counted), then frees the counts. */
void ncp_batch_warning_summary(batch *b);
void ncp_batch_progress_clear(batch *b);
void ncp_batch_progress_draw(batch *b, int force);

#endif
