/* newsconv: the command line. No format knowledge here: formats come from the registry,
 * conversions from the driver (src/driver/convert.c). */
#include "batch/batch.h"
#include "driver/driver.h"
#include "common/libinit.h"
#include "common/metafile.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
    OPT_FROM = 1, OPT_TO, OPT_OUTPUT, OPT_META, OPT_STRICT, OPT_QUIET, OPT_VERBOSE,
    OPT_LIST, OPT_HELP, OPT_VERSION, OPT_BASE_URL, OPT_MAX_SIZE, OPT_FORMAT,
    OPT_JOBS, OPT_RECURSIVE, OPT_PROGRESS, OPT_FOLLOW_SYMLINKS, OPT_MAX_TOTAL, OPT_MAX_ENTRIES,
    OPT_FILES_FROM, OPT_NULL, OPT_SKIP_EXISTING, OPT_DRY_RUN, OPT_NAME_TEMPLATE,
    OPT_METADATA_FILE, OPT_NO_DETECT, OPT_FEED_TITLE, OPT_FEED_URL, OPT_FEED_DESCRIPTION
};

typedef struct option_def {
    const char *name;  /* long name */
    char shortname;    /* 0: none */
    const char *arg;   /* NULL: a flag */
    int id;
    const char *help;
} option_def;

static const option_def options[] = {
    {"from", 'f', "FMT", OPT_FROM, "input format (default: by extension, then by content)"},
    {"to", 't', "FMT", OPT_TO, "output format (default: by the -o extension)"},
    {"output", 'o', "PATH", OPT_OUTPUT,
     "write to PATH (atomically) instead of stdout; in a batch: a directory, an archive "
     "(.tar .tar.gz .tgz .tar.bz2 .tbz2 .tbz .tar.xz .txz .tar.zst .tzst .zip) or, with "
     "-t jsonl or a feed format, one file"},
    {"metadata", 'M', "KEY=VALUE", OPT_META,
     "set a model field, replacing it (lists too); KEY+=VALUE appends, KEY= clears "
     "(repeatable)"},
    {"metadata-file", 0, "FILE", OPT_METADATA_FILE,
     "set the fields of a YAML mapping or JSON object as -M does (a list replaces a list "
     "field); -M options override it"},
    {"no-detect", 0, NULL, OPT_NO_DETECT,
     "no charset (uchardet) or language (cld2) detection for an input that declares none"},
    {"strict", 0, NULL, OPT_STRICT, "fail (exit 6) when information would be lost"},
    {"quiet", 'q', NULL, OPT_QUIET, "print no warnings"},
    {"verbose", 'v', NULL, OPT_VERBOSE, "say what is done"},
    {"jobs", 'j', "N", OPT_JOBS, "batch: N conversions at once (default, and 0: all cores)"},
    {"recursive", 'r', NULL, OPT_RECURSIVE, "batch: convert the articles in directories"},
    {"follow-symlinks", 0, NULL, OPT_FOLLOW_SYMLINKS,
     "batch: follow symbolic links in directories (default: skip them)"},
    {"max-total", 0, "BYTES", OPT_MAX_TOTAL,
     "batch: stop reading an archive whose entries inflate to more (default 4G)"},
    {"max-entries", 0, "N", OPT_MAX_ENTRIES,
     "batch: read at most N entries of an archive (default 1000000)"},
    {"progress", 0, NULL, OPT_PROGRESS,
     "batch: show the progress bar even when stderr is not a terminal"},
    {"files-from", 0, "FILE", OPT_FILES_FROM,
     "batch: read input names from FILE, one a line ('-': stdin)"},
    {"null", '0', NULL, OPT_NULL, "batch: --files-from names end with NUL (find -print0)"},
    {"skip-existing", 0, NULL, OPT_SKIP_EXISTING,
     "batch: leave output files that exist alone (a resumed run); counted as skipped"},
    {"dry-run", 0, NULL, OPT_DRY_RUN,
     "batch: convert, list 'INPUT -> OUTPUT' on stdout, write nothing"},
    {"name-template", 0, "TPL", OPT_NAME_TEMPLATE,
     "batch: names of JSON Lines articles, from {slug} {id} {url} {headline} {date} {n} "
     "(default {slug})"},
    {"feed-title", 0, "TEXT", OPT_FEED_TITLE, "feeds: the title of the channel"},
    {"feed-url", 0, "URL", OPT_FEED_URL,
     "feeds: the address of the site (the channel's link; relative item links resolve "
     "against it)"},
    {"feed-description", 0, "TEXT", OPT_FEED_DESCRIPTION,
     "feeds: the description of the channel"},
    {"base-url", 0, "URL", OPT_BASE_URL, "resolve relative links against URL"},
    {"max-size", 0, "BYTES", OPT_MAX_SIZE, "refuse inputs larger than BYTES (default 64M)"},
    {"list-formats", 0, NULL, OPT_LIST, "list the formats and exit"},
    {"help", 'h', NULL, OPT_HELP, "show this help and exit"},
    {"version", 'V', NULL, OPT_VERSION, "show the version and exit"},
    {NULL, 0, NULL, 0, NULL}};

typedef struct cli {
    const char *from, *to, *output;
    const char **inputs;
    size_t n_inputs;
    const char **meta_keys, **meta_values;
    size_t n_meta;
    const char **fmt_keys, **fmt_values;
    size_t n_fmt;
    int strict, quiet, verbose;
    int jobs, recursive, progress, follow_symlinks;
    size_t max_total, max_entries;
    const char *files_from, *name_template, *metadata_file;
    ncp_metafile mf; /* --metadata-file's pairs; meta_keys/meta_values start with them */
    char *feed_values[6]; /* its `feed:` map, format options before the command line's */
    size_t n_fmt_file;    /* fmt_keys starts with that many from the file */
    int null_names, skip_existing, dry_run;
    char *list; /* the --files-from contents; inputs point into it */
    const char *base_url;
    size_t max_size;
    int warnings;
    nc_buf held;   /* the warnings of the article being converted, one per line */
    const char *to_name;
} cli;

static const char *progname = "newsconv";

static void usage_error(const char *fmt, const char *arg)
{
    nc_buf esc = NC_BUF_INIT;
    fprintf(stderr, "%s: ", progname);
    fprintf(stderr, fmt, ncp_escaped(&esc, arg));
    nc_buf_release(&esc);
    fprintf(stderr, "\nTry '%s --help' for more information.\n", progname);
}

static void print_help(void)
{
    const option_def *o;
    const nc_format *const *f;
    nc_buf b = NC_BUF_INIT;
    printf("Usage: %s [OPTIONS] [INPUT...]\n"
           "Convert a news article between HTML, Markdown, NewsML and JSON (ninjs).\n"
           "No INPUT, or '-', reads stdin; without -o the result goes to stdout.\n"
           "Several inputs, a directory (-r), an archive (.tar .tar.gz .tgz .tar.bz2 .tbz2\n"
           ".tbz .tar.xz .txz .tar.zst .tzst .zip), a web archive (.warc .warc.gz) or JSON\n"
           "Lines (.jsonl .ndjson, also compressed: .gz .bz2 .xz .zst) make a batch: every\n"
           "item is converted on all cores, failures are reported and the rest goes on.\n"
           "A single input may be compressed (.gz .bz2 .xz .zst).\n"
           "Several articles to stdout: -t json one array, -t jsonl one line each, -t md\n"
           "documents separated by a form feed line; html, newsml, nitf: use -o DIR/;\n"
           "rss, atom, jsonfeed, sitemap: one feed, newest first (also -o FILE).\n\n"
           "Options:\n",
           progname);
    for (o = options; o->name; o++) {
        char left[64];
        if (o->shortname)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->shortname, o->name,
                     o->arg ? " " : "", o->arg ? o->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        printf("  %-24s %s\n", left, o->help);
    }
    printf("\nFormat options:\n");
    for (f = nc_formats(); *f; f++) {
        const nc_optdef *d;
        for (d = (*f)->options; d && d->name; d++) {
            char left[64];
            snprintf(left, sizeof left, "    --%s%s%s", d->name, d->arg ? " " : "",
                     d->arg ? d->arg : "");
            printf("  %-24s %s\n", left, d->help);
        }
    }
    nc_format_list(&b, 0, 0);
    printf("\nFormats: %s (see --list-formats).\n", b.ptr);
    nc_buf_release(&b);
    printf("\nExit status: 0 converted; 1 some items of a batch failed; 2 usage; 3 unknown\n"
           "format; 4 parse error; 5 I/O error; 6 information lost under --strict; 7 out of\n"
           "memory; 130/143 a batch stopped by SIGINT/SIGTERM.\n");
}

static void print_formats(void)
{
    const nc_format *const *f;
    for (f = nc_formats(); *f; f++) {
        char names[64] = "", exts[64] = "";
        const char *const *s;
        size_t n = 0;
        for (s = (*f)->aliases; s && *s; s++)
            n += (size_t)snprintf(names + n, n < sizeof names ? sizeof names - n : 0, "%s%s",
                                  n ? "," : "", *s);
        n = 0;
        for (s = (*f)->extensions; s && *s; s++)
            n += (size_t)snprintf(exts + n, n < sizeof exts ? sizeof exts - n : 0, "%s%s",
                                  n ? " " : "", *s);
        printf("%-9s %c%c  %-16s %-20s %s\n", (*f)->name, (*f)->read ? 'r' : '-',
               (*f)->write ? 'w' : '-', names, exts, (*f)->description);
    }
}

/* The edit distance of a and b (insertions, deletions, substitutions, adjacent
 * transpositions), counting at most 31 characters of each. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t d[32][32], i, j, n = strlen(a), m = strlen(b);
    if (n > 31)
        n = 31;
    if (m > 31)
        m = 31;
    for (i = 0; i <= n; i++)
        d[i][0] = i;
    for (j = 0; j <= m; j++)
        d[0][j] = j;
    for (i = 1; i <= n; i++)
        for (j = 1; j <= m; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[n][m];
}

/* Keeps candidate in *best when it is closer to word than the best so far and close
 * enough to be a misspelling: at most 2 edits, and fewer than a third of its length. */
static void consider(const char *word, const char *candidate, const char **best,
                     size_t *best_d)
{
    size_t dist = edit_distance(word, candidate), len = strlen(candidate);
    if (dist && dist <= 2 && dist * 3 <= len + 1 && dist < *best_d) {
        *best = candidate;
        *best_d = dist;
    }
}

/* The long option (of the program or of a format) nearest to name, or NULL. */
static const char *similar_option(const char *name, size_t nlen)
{
    char word[32];
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    const option_def *o;
    const nc_format *const *f;
    const nc_optdef *d;
    if (nlen >= sizeof word)
        return NULL;
    memcpy(word, name, nlen);
    word[nlen] = '\0';
    for (o = options; o->name; o++)
        consider(word, o->name, &best, &best_d);
    for (f = nc_formats(); *f; f++)
        for (d = (*f)->options; d && d->name; d++)
            consider(word, d->name, &best, &best_d);
    return best;
}

static int unknown_format(const char *name)
{
    nc_buf b = NC_BUF_INIT, esc = NC_BUF_INIT;
    const nc_format *const *f;
    const char *const *al;
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (f = nc_formats(); *f; f++) {
        consider(name, (*f)->name, &best, &best_d);
        for (al = (*f)->aliases; al && *al; al++)
            consider(name, *al, &best, &best_d);
    }
    nc_format_list(&b, 0, 0);
    if (best)
        fprintf(stderr, "%s: unknown format '%s'; did you mean '%s'? (known formats: %s)\n",
                progname, ncp_escaped(&esc, name), best, b.ptr);
    else
        fprintf(stderr, "%s: unknown format '%s' (known formats: %s)\n", progname,
                ncp_escaped(&esc, name), b.ptr);
    nc_buf_release(&b);
    nc_buf_release(&esc);
    return nc_status_exit_code(NC_ERR_UNKNOWN_FORMAT);
}

static int unknown_option(const char *arg)
{
    const char *best = NULL;
    if (arg[0] == '-' && arg[1] == '-') {
        const char *eq = strchr(arg + 2, '=');
        best = similar_option(arg + 2, eq ? (size_t)(eq - arg - 2) : strlen(arg + 2));
    }
    if (best) {
        fprintf(stderr, "%s: unknown option '%s'; did you mean '--%s'?\n", progname, arg, best);
        fprintf(stderr, "Try '%s --help' for more information.\n", progname);
    } else {
        usage_error("unknown option '%s'", arg);
    }
    return 2;
}

/* Whether s looks like a URL rather than a file name: "scheme://", "//host", "scheme:". */
static int looks_like_url(const char *s)
{
    const char *p = s;
    if (!strncmp(s, "//", 2))
        return 1;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.')
        p++;
    return p > s && *p == ':';
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* An option that takes a URL or a word, given the name of an existing file: the file
 * was most likely meant as the input ("--base-url story.html -t md"), and taking it
 * would leave newsconv waiting on stdin. */
static int value_is_input(const char *opt, const char *what, const char *arg)
{
    if (!is_file(arg) || looks_like_url(arg))
        return 0;
    fprintf(stderr, "%s: %s %s: '%s' is a file, not the %s (write %s %s INPUT)\n", progname,
            opt, what, arg, what, opt, what);
    fprintf(stderr, "Try '%s --help' for more information.\n", progname);
    return 1;
}

static const nc_optdef *find_format_option(const char *name)
{
    const nc_format *const *f;
    const nc_optdef *d;
    for (f = nc_formats(); *f; f++)
        for (d = (*f)->options; d && d->name; d++)
            if (!strcmp(d->name, name))
                return d;
    return NULL;
}

static int push(const char ***v, size_t *n, const char *s)
{
    const char **nv = realloc(*v, (*n + 1) * sizeof **v);
    if (!nv)
        return -1;
    nv[(*n)++] = s;
    *v = nv;
    return 0;
}

/* Appends a key/value pair to two parallel arrays of n entries. */
static int push2(const char ***keys, const char ***values, size_t *n, const char *k,
                 const char *v)
{
    size_t nk = *n, nv = *n;
    if (push(keys, &nk, k) < 0 || push(values, &nv, v) < 0)
        return -1;
    *n = nk;
    return 0;
}

/* 1 for an absolute address: a scheme, then ':' (--feed-url) */
static int absolute_url(const char *s)
{
    size_t k = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");
    return k && s[k] == ':' && (s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z';
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;
    int shift = 0;
    errno = 0;
    if (*s < '0' || *s > '9') /* strtoull would take " 5" and "-5" (as 2^64 - 5) */
        return -1;
    v = strtoull(s, &end, 10);
    if (errno || end == s)
        return -1;
    switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: break;
    }
    if (*end || !v || v > (unsigned long long)SIZE_MAX >> shift) /* no wrap-around */
        return -1;
    v <<= shift;
    *out = (size_t)v;
    return 0;
}

/* Returns -1 to continue, or an exit code. */
static int apply_option(cli *c, int id, const char *arg)
{
    switch (id) {
    case OPT_FROM: c->from = arg; break;
    case OPT_TO: c->to = arg; break;
    case OPT_OUTPUT: c->output = arg; break;
    case OPT_META: {
        char *eq = strchr(arg, '=');
        if (!eq || eq == arg) {
            usage_error("-M needs KEY=VALUE, got '%s'", arg);
            return 2;
        }
        /* KEY+=VALUE keeps the '+' on the key: the driver appends */
        *eq = '\0';
        if (eq == arg + 1 && arg[0] == '+') {
            usage_error("-M needs KEY=VALUE, got '+=%s'", eq + 1);
            return 2;
        }
        if (push2(&c->meta_keys, &c->meta_values, &c->n_meta, arg, eq + 1) < 0)
            return 7;
        break;
    }
    case OPT_STRICT: c->strict = 1; break;
    case OPT_JOBS: {
        char *end;
        long v;
        errno = 0;
        v = strtol(arg, &end, 10);
        if (errno || end == arg || *end || v < 0 || v > 1024) {
            usage_error("-j: not a number of jobs (0-1024): '%s'", arg);
            return 2;
        }
        c->jobs = (int)v;
        break;
    }
    case OPT_RECURSIVE: c->recursive = 1; break;
    case OPT_PROGRESS: c->progress = 1; break;
    case OPT_FOLLOW_SYMLINKS: c->follow_symlinks = 1; break;
    case OPT_MAX_TOTAL:
        if (parse_size(arg, &c->max_total) < 0) {
            usage_error("--max-total: not a size: '%s'", arg);
            return 2;
        }
        break;
    case OPT_MAX_ENTRIES:
        if (*arg < '0' || *arg > '9' || parse_size(arg, &c->max_entries) < 0 ||
            strspn(arg, "0123456789") != strlen(arg)) {
            usage_error("--max-entries: not a number: '%s'", arg);
            return 2;
        }
        break;
    case OPT_FILES_FROM: c->files_from = arg; break;
    case OPT_NULL: c->null_names = 1; break;
    case OPT_SKIP_EXISTING: c->skip_existing = 1; break;
    case OPT_DRY_RUN: c->dry_run = 1; break;
    case OPT_NAME_TEMPLATE: c->name_template = arg; break;
    case OPT_METADATA_FILE: c->metadata_file = arg; break;
    case OPT_NO_DETECT: /* a flag every reader sees (nc_opts_flag "no-detect") */
        if (push2(&c->fmt_keys, &c->fmt_values, &c->n_fmt, "no-detect", "1") < 0)
            return 7;
        break;
    case OPT_FEED_URL:
        if (!absolute_url(arg)) {
            usage_error("--feed-url: not an absolute URL: '%s'", arg);
            return 2;
        }
        /* fall through */
    case OPT_FEED_TITLE:
    case OPT_FEED_DESCRIPTION:
        /* the channel of a feed: read by the feed formats as format options */
        if (push2(&c->fmt_keys, &c->fmt_values, &c->n_fmt,
                  id == OPT_FEED_TITLE ? "feed-title"
                  : id == OPT_FEED_URL ? "feed-url"
                                       : "feed-description",
                  arg) < 0)
            return 7;
        break;
    case OPT_QUIET: c->quiet = 1; break;
    case OPT_VERBOSE: c->verbose = 1; break;
    case OPT_BASE_URL:
        if (value_is_input("--base-url", "URL", arg))
            return 2;
        c->base_url = arg;
        break;
    case OPT_MAX_SIZE:
        if (parse_size(arg, &c->max_size) < 0) {
            usage_error("--max-size: not a size: '%s'", arg);
            return 2;
        }
        break;
    case OPT_LIST: print_formats(); return 0;
    case OPT_HELP: print_help(); return 0;
    case OPT_VERSION: printf("newsconv %s\n", NC_VERSION); return 0;
    default: break;
    }
    return -1;
}

static int parse_args(cli *c, int argc, char **argv)
{
    int i, only_inputs = 0;
    for (i = 1; i < argc; i++) {
        char *a = argv[i];
        const option_def *o = NULL;
        const nc_optdef *fo = NULL;
        const char *arg = NULL;
        int rc;
        if (only_inputs || a[0] != '-' || !strcmp(a, "-")) {
            if (push(&c->inputs, &c->n_inputs, a) < 0)
                return 7;
            continue;
        }
        if (!strcmp(a, "--")) {
            only_inputs = 1;
            continue;
        }
        if (a[1] == '-') {
            char *name = a + 2, *eq = strchr(name, '=');
            size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
            for (o = options; o->name; o++)
                if (strlen(o->name) == nlen && !strncmp(o->name, name, nlen))
                    break;
            if (!o->name) {
                o = NULL;
                if (eq)
                    *eq = '\0';
                fo = find_format_option(name);
                if (eq)
                    *eq = '=';
                if (!fo)
                    return unknown_option(a);
            }
            if ((o && o->arg) || (fo && fo->arg)) {
                if (eq)
                    arg = eq + 1;
                else if (i + 1 < argc)
                    arg = argv[++i];
                else {
                    usage_error("option '%s' needs an argument", a);
                    return 2;
                }
            } else if (eq) {
                usage_error("option '%s' takes no argument", a);
                return 2;
            }
        } else {
            for (o = options; o->name; o++)
                if (o->shortname && o->shortname == a[1])
                    break;
            if (!o->name) {
                usage_error("unknown option '%s'", a);
                return 2;
            }
            if (o->arg) {
                if (a[2])
                    arg = a + 2;
                else if (i + 1 < argc)
                    arg = argv[++i];
                else {
                    usage_error("option '%s' needs an argument", a);
                    return 2;
                }
            } else if (a[2]) {
                /* grouped flags: -qv */
                char *p;
                for (p = a + 1; *p; p++) {
                    const option_def *g;
                    for (g = options; g->name; g++)
                        if (g->shortname == *p && !g->arg)
                            break;
                    if (!g->name) {
                        usage_error("unknown option '%s'", a);
                        return 2;
                    }
                    if ((rc = apply_option(c, g->id, NULL)) >= 0)
                        return rc;
                }
                continue;
            }
        }
        if (fo) {
            char opt[64];
            snprintf(opt, sizeof opt, "--%s", fo->name);
            if (arg && fo->arg && !strstr(fo->arg, "FILE") && !strstr(fo->arg, "PATH") &&
                value_is_input(opt, fo->arg, arg))
                return 2;
            if (push2(&c->fmt_keys, &c->fmt_values, &c->n_fmt, fo->name, arg ? arg : "1") < 0)
                return 7;
            continue;
        }
        if ((rc = apply_option(c, o->id, arg)) >= 0)
            return rc;
    }
    return -1;
}

/* Warnings are held until the article is done (flush_warnings); with -v each is said as
 * it comes. */
static void print_warning(void *ud, const nc_error *w)
{
    cli *c = ud;
    char msg[NC_ERROR_SOURCE_LEN + NC_ERROR_TEXT_LEN + 64];
    c->warnings++;
    if (c->quiet)
        return;
    nc_error_format(w, msg, sizeof msg);
    if (c->verbose) {
        fprintf(stderr, "%s: warning: %s\n", progname, msg);
        return;
    }
    nc_buf_printf(&c->held, "%s\t%s\n", msg, w->text);
}

/* Says the held warnings of one article: a warning about the input as it is; what the
 * output cannot hold as one line, "SOURCE: not carried into FMT: subject (3), extra
 * (-v shows each)" (a single one as it is). */
static void flush_warnings(cli *c, const char *source)
{
    char what[32][64];
    int count[32], n_what = 0, carried = 0, i;
    const char *line, *single = NULL;
    nc_buf b = NC_BUF_INIT;
    for (line = c->held.ptr; *line;) {
        const char *tab = strchr(line, '\t'), *nl = strchr(tab, '\n');
        char text[NC_ERROR_TEXT_LEN], w[64];
        size_t tl = (size_t)(nl - tab - 1);
        if (tl >= sizeof text)
            tl = sizeof text - 1;
        memcpy(text, tab + 1, tl);
        text[tl] = '\0';
        if (!ncp_batch_not_carried(text, w, sizeof w)) {
            fprintf(stderr, "%s: warning: %.*s\n", progname, (int)(tab - line), line);
        } else {
            if (!carried++)
                single = line;
            for (i = 0; i < n_what && strcmp(what[i], w); i++)
                ;
            if (i < n_what)
                count[i]++;
            else if (n_what < 32) {
                memcpy(what[n_what], w, sizeof w);
                count[n_what++] = 1;
            }
        }
        line = nl + 1;
    }
    if (carried == 1) {
        fprintf(stderr, "%s: warning: %.*s\n", progname, (int)(strchr(single, '\t') - single),
                single);
    } else if (carried) {
        for (i = 0; i < n_what; i++) {
            nc_buf_printf(&b, "%s%s", i ? ", " : "", what[i]);
            if (count[i] > 1)
                nc_buf_printf(&b, " (%d)", count[i]);
        }
        fprintf(stderr, "%s: warning: %s: not carried into %s: %s (-v shows each)\n", progname,
                source, c->to_name, b.ptr);
    }
    nc_buf_release(&b);
    nc_buf_release(&c->held);
}


/* Whether format f declares the option name. */
static int declares(const nc_format *f, const char *name)
{
    const nc_optdef *d;
    for (d = f ? f->options : NULL; d && d->name; d++)
        if (!strcmp(d->name, name))
            return 1;
    return 0;
}

/* A warning for each format option that neither the reader nor the writer of this run
 * knows ("--fragment -t md"). from NULL: any format that reads may be the reader. */
static void check_format_options(const cli *c, const nc_format *from, const nc_format *to)
{
    size_t i, j;
    for (i = c->n_fmt_file; i < c->n_fmt; i++) { /* the metadata file's feed: says nothing */
        const char *k = c->fmt_keys[i];
        const nc_format *const *f;
        const char *owner = NULL;
        int used = declares(to, k) || declares(from, k);
        if (!strncmp(k, "feed-", 5)) { /* --feed-title, --feed-url, --feed-description */
            used = ncp_format_of_lists(to);
            owner = "a feed format";
        }
        for (j = 0; j < i; j++)
            if (!strcmp(c->fmt_keys[j], k))
                break;
        if (j < i || !strcmp(k, "no-detect")) /* said once; --no-detect: every reader's */
            continue;
        for (f = nc_formats(); *f; f++)
            if (declares(*f, k)) {
                if (!owner)
                    owner = (*f)->name;
                if (!from && (*f)->read)
                    used = 1;
            }
        if (!used && !c->quiet)
            fprintf(stderr, "%s: warning: --%s does nothing when reading %s and writing %s "
                            "(it is an option of %s)\n",
                    progname, k, from ? from->name : "any format", to->name,
                    owner ? owner : "no format");
    }
}

static int report(const nc_error *err)
{
    char msg[NC_ERROR_SOURCE_LEN + NC_ERROR_TEXT_LEN + 64];
    nc_error_format(err, msg, sizeof msg);
    fprintf(stderr, "%s: %s\n", progname, msg);
    return nc_status_exit_code(err->code);
}

static int write_stdout(const char *data, size_t len)
{
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(STDOUT_FILENO, data + off, len - off);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EPIPE)
                return 0; /* the reader went away: end quietly */
            fprintf(stderr, "%s: <stdout>: cannot write: %s\n", progname, strerror(errno));
            return nc_status_exit_code(NC_ERR_IO);
        }
        off += (size_t)n;
    }
    return 0;
}

/* --files-from: the names of FILE ("-": stdin), one a line (with -0: NUL-terminated),
 * appended to the inputs. Blank lines are skipped; a "\r" before "\n" is dropped. */
static int read_files_from(cli *c)
{
    FILE *f = strcmp(c->files_from, "-") ? fopen(c->files_from, "rb") : stdin;
    size_t len = 0, cap = 0, i, start = 0;
    char sep = c->null_names ? '\0' : '\n';
    if (!f) {
        fprintf(stderr, "%s: --files-from %s: %s\n", progname, c->files_from, strerror(errno));
        return nc_status_exit_code(NC_ERR_IO);
    }
    for (;;) {
        size_t n;
        if (len + 4096 + 1 > cap) {
            char *p = realloc(c->list, cap = cap * 2 + 4096 + 1);
            if (!p) {
                if (f != stdin)
                    fclose(f);
                return 7;
            }
            c->list = p;
        }
        n = fread(c->list + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        fprintf(stderr, "%s: --files-from %s: %s\n", progname, c->files_from, strerror(errno));
        if (f != stdin)
            fclose(f);
        return nc_status_exit_code(NC_ERR_IO);
    }
    if (f != stdin)
        fclose(f);
    if (!c->list)
        return -1;
    c->list[len] = sep;
    for (i = 0; i <= len; i++) {
        if (c->list[i] != sep)
            continue;
        c->list[i] = '\0';
        if (!c->null_names && i > start && c->list[i - 1] == '\r')
            c->list[i - 1] = '\0';
        if (c->list[start] && push(&c->inputs, &c->n_inputs, c->list + start) < 0)
            return 7;
        start = i + 1;
    }
    return -1;
}

/* --metadata-file: its pairs go before those of -M, which override them (pandoc's
 * order). Returns -1 to continue, or an exit code. */
static int read_metadata_file(cli *c)
{
    nc_error err;
    const char **keys = NULL, **values = NULL;
    size_t i, n = 0;
    nc_error_clear(&err);
    static const char *const feed_keys[6][2] = {
        {"title", "feed-title"},       {"url", "feed-url"},       {"description", "feed-description"},
        {"language", "feed-language"}, {"image", "feed-image"}, {"copyright", "feed-copyright"}};
    const char **fk = NULL, **fv = NULL;
    size_t nf = 0;
    if (ncp_metafile_read(c->metadata_file, c->max_size, &c->mf, &err) < 0)
        return report(&err);
    for (i = 0; i < c->mf.n; i++)
        if (strcmp(c->mf.keys[i], "feed=") && /* the channel of a feed, not an extra */
            push2(&keys, &values, &n, c->mf.keys[i], c->mf.values[i]) < 0)
            goto oom;
    /* the feed: map as the --feed-* options, before those of the command line (which win) */
    for (i = 0; i < 6; i++) {
        char *v = ncp_metafile_lookup(&c->mf, "feed", feed_keys[i][0]);
        c->feed_values[i] = v;
        if (v && *v && !strcmp(feed_keys[i][1], "feed-url") && !absolute_url(v)) {
            fprintf(stderr, "%s: %s: feed: url: not an absolute URL: '%s'\n", progname,
                    c->metadata_file, v);
            free(keys);
            free(values);
            return 2;
        }
        if (v && *v && push2(&fk, &fv, &nf, feed_keys[i][1], v) < 0)
            goto oom_feed;
    }
    for (i = 0; i < c->n_fmt; i++)
        if (push2(&fk, &fv, &nf, c->fmt_keys[i], c->fmt_values[i]) < 0)
            goto oom_feed;
    c->n_fmt_file = nf - c->n_fmt;
    free(c->fmt_keys);
    free(c->fmt_values);
    c->fmt_keys = fk;
    c->fmt_values = fv;
    c->n_fmt = nf;
    for (i = 0; i < c->n_meta; i++)
        if (push2(&keys, &values, &n, c->meta_keys[i], c->meta_values[i]) < 0)
            goto oom;
    free(c->meta_keys);
    free(c->meta_values);
    c->meta_keys = keys;
    c->meta_values = values;
    c->n_meta = n;
    return -1;
oom_feed:
    free(fk);
    free(fv);
oom:
    free(keys);
    free(values);
    fprintf(stderr, "%s: out of memory\n", progname);
    return 7;
}

/* The formats of -f and -t (-t from the name of -o when not given): -1 when they can
 * read and write, else the exit status of the error, printed. */
static int resolve_formats(const cli *c, const nc_format **from, const nc_format **to)
{
    if (c->from && !(*from = nc_format_find(c->from)))
        return unknown_format(c->from);
    if (c->to && !(*to = nc_format_find(c->to)))
        return unknown_format(c->to);
    if (*from && !(*from)->read) {
        fprintf(stderr, "%s: format '%s' cannot be read\n", progname, (*from)->name);
        return nc_status_exit_code(NC_ERR_UNKNOWN_FORMAT);
    }
    if (*to && !(*to)->write) {
        fprintf(stderr, "%s: format '%s' cannot be written\n", progname, (*to)->name);
        return nc_status_exit_code(NC_ERR_UNKNOWN_FORMAT);
    }
    if (!*to && c->output)
        *to = nc_format_for_path(c->output);
    if (!*to || !(*to)->write) {
        if (c->output)
            usage_error("cannot tell the output format from '%s': use -t FMT", c->output);
        else
            usage_error("%s", "no output format: use -t FMT (see --list-formats)");
        return 2;
    }
    return -1;
}

/* The options of the conversions of this run. */
static void fill_opts(cli *c, const nc_format *to, const char *source, nc_opts *o)
{
    memset(o, 0, sizeof *o);
    o->source = source;
    o->base_url = c->base_url;
    o->strict = c->strict;
    o->verbose = c->verbose;
    o->max_size = c->max_size;
    o->warn = print_warning;
    c->to_name = to->name;
    o->warn_data = c;
    o->fmt_keys = c->fmt_keys;
    o->fmt_values = c->fmt_values;
    o->n_fmt = c->n_fmt;
    o->meta_keys = c->meta_keys;
    o->meta_values = c->meta_values;
    o->n_meta = c->n_meta;
}

static void fill_batch_config(const cli *c, const nc_format *from, const nc_format *to,
                              const nc_opts *o, ncp_batch_config *bc)
{
    memset(bc, 0, sizeof *bc);
    bc->inputs = c->inputs;
    bc->n_inputs = c->n_inputs;
    bc->output = c->output;
    bc->from = from;
    bc->to = to;
    bc->jobs = c->jobs;
    bc->recursive = c->recursive;
    bc->quiet = c->quiet;
    bc->verbose = c->verbose;
    bc->progress = c->progress;
    bc->follow_symlinks = c->follow_symlinks;
    bc->max_total = c->max_total;
    bc->max_entries = c->max_entries;
    bc->progname = progname;
    bc->dry_run = c->dry_run;
    bc->skip_existing = c->skip_existing;
    bc->name_template = c->name_template;
    bc->opts = *o;
}

/* 1 when the lone input, read as `from` (not given with -f), holds many articles: JSON
 * Lines or a feed, recognised by content (on stdin, or in a file named .json or .xml). */
static int many_by_content(const cli *c, const nc_format *from, const char *data, size_t len)
{
    const nc_format *lines = ncp_format_with(NC_FORMAT_LINES);
    return from && !c->from &&
           (from->read_stream ||
            (lines && (from == lines || (lines->sniff && lines->sniff(data, len) > 0))));
}

/* Converts every line or item of such an input through the batch engine; stdin is read
 * again from a temporary copy. Frees data. */
static int run_batch_of_one(const char *input, char *data, size_t len, const nc_format *from,
                            ncp_batch_config *bc)
{
    FILE *t = strcmp(input, "-") ? NULL : tmpfile();
    bc->from = from->read_stream ? from : ncp_format_with(NC_FORMAT_LINES);
    if (strcmp(input, "-")) {
        free(data);
        return ncp_batch_run(bc);
    }
    int ok = t && fwrite(data, 1, len, t) == len && fflush(t) == 0 &&
             fseek(t, 0, SEEK_SET) == 0 && dup2(fileno(t), STDIN_FILENO) >= 0;
    if (t)
        fclose(t);
    if (ok) {
        free(data);
        return ncp_batch_run(bc);
    }
    fprintf(stderr, "%s: <stdin>: cannot keep a copy: %s\n", progname, strerror(errno));
    free(data);
    return nc_status_exit_code(NC_ERR_IO);
}

/* The single conversion: reads data (freed) with from, writes it with to to -o or stdout. */
static int convert_one(cli *c, const nc_format *from, const nc_format *to, const nc_opts *o,
                       char *data, size_t len)
{
    nc_error err;
    nc_article *a = NULL;
    nc_buf out = NC_BUF_INIT;
    int rc;
    nc_error_clear(&err);
    rc = nc_read_article(from, data, len, o, &a, &err);
    if (rc == 0 && c->strict && c->warnings)
        rc = nc_error_set(&err, NC_ERR_LOSSY, 0, 0,
                          "%d warning%s while reading, under --strict", c->warnings,
                          c->warnings == 1 ? "" : "s");
    if (rc == 0)
        rc = nc_write_article(to, a, o, &out, &err);
    nc_article_free(a);
    free(data);
    flush_warnings(c, o->source);
    if (rc < 0) {
        nc_error_set_source(&err, o->source);
        nc_buf_release(&out);
        return report(&err);
    }
    if (c->output && strcmp(c->output, "-")) {
        rc = nc_write_file_atomic(c->output, out.ptr, out.size, &err);
        nc_buf_release(&out);
        return rc < 0 ? report(&err) : 0;
    }
    rc = write_stdout(out.ptr, out.size);
    nc_buf_release(&out);
    return rc;
}

/* A batch's warnings are said by the engine, article by article; what is left held is a
 * warning about the whole output (a feed writer's join_end: "atom: an entry cannot name
 * its publisher ..."), said after the run. Returns rc. */
static int batch_and_flush(cli *c, int rc)
{
    if (c->held.size)
        flush_warnings(c, c->output ? c->output : "<stdout>");
    return rc;
}

static int run(cli *c)
{
    const nc_format *from = NULL, *to = NULL;
    const char *input = c->n_inputs ? c->inputs[0] : "-";
    const char *source = strcmp(input, "-") ? input : "<stdin>";
    char *data = NULL;
    size_t len = 0;
    nc_error err;
    nc_opts o;
    ncp_batch_config bc;
    int rc;

    nc_error_clear(&err);
    if (c->files_from) {
        if ((rc = read_files_from(c)) >= 0)
            return rc;
        if (!c->n_inputs) {
            fprintf(stderr, "%s: --files-from %s: no file names: nothing to convert\n", progname,
                    c->files_from);
            return 0;
        }
        input = c->inputs[0];
        source = strcmp(input, "-") ? input : "<stdin>";
    }
    if (c->metadata_file && (rc = read_metadata_file(c)) >= 0)
        return rc;
    if ((rc = resolve_formats(c, &from, &to)) >= 0)
        return rc;
    fill_opts(c, to, source, &o);
    fill_batch_config(c, from, to, &o, &bc);
    /* --dry-run, --skip-existing: the batch engine does them, for one input too */
    if (ncp_batch_wanted(&bc) || c->dry_run || c->skip_existing) {
        check_format_options(c, from, to);
        return batch_and_flush(c, ncp_batch_run(&bc));
    }
    if (strcmp(input, "-") && is_directory(input)) {
        char shown[4096];
        size_t n = strlen(input);
        snprintf(shown, sizeof shown, "%s%s", input, n && input[n - 1] == '/' ? "" : "/");
        nc_buf esc = NC_BUF_INIT;
        fprintf(stderr, "%s: %s: is a directory (use -r to convert the articles it holds)\n",
                progname, ncp_escaped(&esc, shown));
        nc_buf_release(&esc);
        return nc_status_exit_code(NC_ERR_IO);
    }
    if (!from) {
        const nc_format *f = ncp_format_for_input(input);
        if (f && f->read)
            from = f;
    }
    if (nc_read_file(input, c->max_size, &data, &len, &err) < 0)
        return report(&err);
    if (!from)
        from = nc_format_sniff(data, len);
    if (many_by_content(c, from, data, len))
        return batch_and_flush(c, run_batch_of_one(input, data, len, from, &bc));
    if (!from) {
        nc_buf b = NC_BUF_INIT, esc = NC_BUF_INIT;
        nc_format_list(&b, 1, 0);
        fprintf(stderr, "%s: %s: cannot detect the input format; use -f FMT (one of: %s)\n",
                progname, ncp_escaped(&esc, source), b.ptr);
        nc_buf_release(&b);
        nc_buf_release(&esc);
        free(data);
        return nc_status_exit_code(NC_ERR_UNKNOWN_FORMAT);
    }
    if (c->verbose) {
        nc_buf esc = NC_BUF_INIT;
        fprintf(stderr, "%s: %s: reading %s, writing %s\n", progname,
                ncp_escaped(&esc, source), from->name, to->name);
        nc_buf_release(&esc);
    }
    check_format_options(c, from, to);
    return convert_one(c, from, to, &o, data, len);
}

int main(int argc, char **argv)
{
    cli c;
    int rc;
    size_t i;
    memset(&c, 0, sizeof c);
    {
        nc_buf empty = NC_BUF_INIT;
        c.held = empty;
    }
    /* a closed stdout pipe shows up as EPIPE from write(), and ends the run quietly */
    signal(SIGPIPE, SIG_IGN);
#ifdef __GLIBC__
    /* A batch allocates and frees a document's worth of memory for each document: language
     * detection (libcld2) about a megabyte per article, a web page's input, its parsed tree
     * and its text several times its size. glibc's defaults hand large blocks back to the
     * system after each (mmap for blocks over 128 KiB, madvise and trim in a thread's
     * arena) and the next document pays the page faults again: a batch of short JSON Lines
     * articles ran ten times slower, a batch of web pages spent about 15 % of its CPU time
     * there (html-modern, scripts/html-speed --batch). Blocks up to 32 MiB come from the
     * heap, and up to 64 MiB of free memory stays with the process (peak RSS of the
     * html-modern batch: 23 -> 28 MB). */
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
    rc = parse_args(&c, argc, argv);
    if (rc == 7)
        fputs("newsconv: out of memory\n", stderr);
    else if (rc < 0)
        rc = run(&c);
    free(c.inputs);
    free(c.list);
    free(c.meta_keys);
    free(c.meta_values);
    free(c.fmt_keys);
    free(c.fmt_values);
    ncp_metafile_free(&c.mf);
    for (i = 0; i < 6; i++)
        free(c.feed_values[i]);
    nc_buf_release(&c.held);
    ncp_libraries_cleanup(); /* every batch thread has ended by now */
    return rc;
}
