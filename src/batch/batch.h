/* newsconv: batch conversion of many articles at once (src/batch/).
 *
 * A batch takes several inputs: files, directories (walked with `recursive`), archives
 * read with libarchive (.tar, .tar.gz/.tgz, .tar.bz2, .tar.xz, .zip), web archives
 * (.warc, .warc.gz: every response or resource record with an HTML payload) and JSON
 * Lines (one article per line). It converts every item on `jobs` threads and writes
 * the results in input order to a directory (the relative paths mirrored), an archive
 * (.tar, .tar.gz, .tgz, .tar.bz2, .tar.xz, .zip, chosen by the extension of `output`)
 * or one stream (stdout, or a file with -t jsonl). The output is the same whatever
 * `jobs` is. Memory stays bounded: at most a few items per thread are held at once.
 *
 * Every item is attempted; each failure is reported on stderr as
 * "source[:entry]:line:column: message", and a last line sums the run up.
 *
 * Private (ncp_): it prints to stderr, draws a progress bar and handles SIGINT/SIGTERM,
 * which is the command line's business rather than the library's. */
#ifndef NEWSCONV_SRC_BATCH_H
#define NEWSCONV_SRC_BATCH_H

#include <stddef.h>

#include "newsconv/format.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ncp_batch_config {
    const char *const *inputs; /* paths; "-" is stdin */
    size_t n_inputs;           /* 0: stdin */
    const char *output;        /* -o: a directory, an archive or a stream file; NULL or
                                  "-": stdout */
    const nc_format *from;     /* NULL: by extension (in directories and archives, files
                                  of unknown extension are skipped), else by content */
    const nc_format *to;       /* required */
    int jobs;                  /* worker threads; <= 0: the number of online CPUs */
    int recursive;             /* -r: descend into directories */
    int quiet;                 /* -q: no warnings, no progress bar */
    int verbose;               /* -v: list every item */
    int progress;              /* 1: show the progress bar even when stderr is no terminal */
    int follow_symlinks;       /* -r: follow symbolic links (loops detected by device and
                                  inode); 0: links in a tree are skipped */
    unsigned long long max_total; /* archives: decompressed bytes of all entries of one
                                     archive; 0: NCP_BATCH_DEFAULT_MAX_TOTAL */
    unsigned long long max_entries; /* archives: entries of one archive; 0: the default */
    const char *progname;      /* prefix of messages ("newsconv") */
    int dry_run;               /* --dry-run: convert, list what would be written, write nothing */
    int skip_existing;         /* --skip-existing: an output file that exists is not rewritten */
    const char *name_template; /* --name-template: names of articles from a stream; NULL:
                                  "{slug}" */
    /* Options of every conversion (strict, base_url, max_size, format options, -M
     * overrides). source, warn and warn_data are set per item; base_url is replaced by
     * the WARC-Target-URI for web archive records. */
    nc_opts opts;
} ncp_batch_config;

#define NCP_BATCH_DEFAULT_MAX_TOTAL (4ULL << 30) /* 4 GiB */
#define NCP_BATCH_DEFAULT_MAX_ENTRIES 1000000ULL

/* Names in messages (src/batch/escape.c): s with C0 controls, DEL and bytes that are no
 * valid UTF-8 written "\ooo" (ESC is "\033"), C1 controls "\u009b", as nc_error_format
 * does.
 * ncp_escaped returns tmp's text (tmp is cleared first); ncp_escaped_dup a malloc'ed copy
 * (NULL: out of memory). */
void ncp_escape_name(nc_buf *out, const char *s);
const char *ncp_escaped(nc_buf *tmp, const char *s);
char *ncp_escaped_dup(const char *s);

/* What a warning "FMT cannot hold WHAT ..." says the output does not carry ("subject"),
 * or the list of "FMT cannot hold: a, b (3); dropped", into out (when not NULL; it may be
 * text itself); 0 when the warning is of another kind. */
int ncp_batch_not_carried(const char *text, char *out, size_t size);

/* 1 when the configuration is a batch rather than one conversion: several inputs, a
 * directory, an archive or web archive, an existing directory as -o, a JSON Lines input
 * (by -f jsonl or its extension), or a feed (a format with read_stream: by -f, the
 * extension or the content of a regular file). */
int ncp_batch_wanted(const ncp_batch_config *c);

/* Runs the batch and returns the process exit status: 0 every item converted, 1 some
 * failed, 2 usage error, 5 the output cannot be written, 128 + signal number when
 * SIGINT or SIGTERM stopped the run (finished outputs are kept, temporary files
 * removed, an output archive or stream file is not created or replaced). A batch of
 * exactly one item that fails exits with that item's own status (4 parse error, ...).
 * Messages, the summary line and the progress bar go to stderr. */
int ncp_batch_run(const ncp_batch_config *c);

#ifdef __cplusplus
}
#endif
#endif
