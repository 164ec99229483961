/* newsconv batch engine: the writer: results in input order, their messages and failures. */
#include "engine.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void ncp_batch_print_error(batch *b, const nc_error *err)
{
    char msg[NC_ERROR_SOURCE_LEN + NC_ERROR_TEXT_LEN + 64];
    nc_error_format(err, msg, sizeof msg);
    fprintf(stderr, "%s: %s\n", b->prog, msg);
}

/* Gives the item a name no earlier item has ("a.md", then "a~2.md", ...). */
static void unique_name(batch *b, item *it)
{
    char *alt;
    size_t dot, n = 2;
    if (!ncp_batch_name_seen(&b->sink.names, it->rel))
        return;
    dot = ncp_batch_ext_pos(it->rel, strlen(it->rel));
    alt = malloc(strlen(it->rel) + 24);
    if (!alt)
        return;
    do /* names made from articles take "-2", others "~2" */
        snprintf(alt, strlen(it->rel) + 24, it->slugged ? "%.*s-%zu%s" : "%.*s~%zu%s",
                 (int)dot, it->rel, n++, it->rel + dot);
    while (ncp_batch_name_seen(&b->sink.names, alt));
    if (!b->cfg->quiet && !it->slugged)
        nc_buf_printf(&it->msgs, "%s: warning: %s: the output name '%s' is taken by an earlier "
                      "item: written as '%s'\n", b->prog, it->source, it->rel, alt);
    free(it->rel);
    it->rel = alt;
}

/* The output as it is named in messages: -o without its trailing slashes, or <stdout>. */
static int target_len(const batch *b)
{
    size_t n = b->sink.path ? strlen(b->sink.path) : 0;
    while (n > 1 && b->sink.path[n - 1] == '/')
        n--;
    return (int)n;
}

/* --skip-existing: 1 when the output file rel exists already (directory outputs). */
static int output_exists(const batch *b, const char *rel)
{
    struct stat st;
    nc_buf p = NC_BUF_INIT;
    int r;
    nc_buf_printf(&p, "%.*s/%s", target_len(b), b->sink.path, rel);
    r = !p.failed && lstat(p.ptr, &st) == 0;
    nc_buf_release(&p);
    return r;
}

int ncp_batch_exists_early(batch *b, const char *rel)
{
    return b->cfg->skip_existing && b->sink.mode == SINK_DIR && rel &&
           !ncp_batch_name_seen(&b->early, rel) && output_exists(b, rel);
}

static void skip_item(batch *b, item *it)
{
    if (!strcmp(it->skip, SKIP_EXISTS))
        b->n_skip_exists++;
    else if (!strcmp(it->skip, SKIP_UNKNOWN_EXT))
        b->n_skip_ext++;
    else
        b->n_skip_not_article++;
    if (b->cfg->verbose) {
        ncp_batch_progress_clear(b);
        if (!strcmp(it->skip, SKIP_EXISTS))
            fprintf(stderr, "%s: %s: skipped: %.*s/%s exists (--skip-existing)\n", b->prog,
                    it->source, target_len(b), b->sink.path, it->rel);
        else if (!strcmp(it->skip, SKIP_UNKNOWN_EXT))
            fprintf(stderr, "%s: %s: not a known article format: skipped\n", b->prog,
                    it->source);
        else
            fprintf(stderr, "%s: %s: skipped: not an article (no known extension, and the "
                    "content is no article format)\n", b->prog, it->source);
    }
}

void ncp_batch_emit(batch *b, item *it)
{
    nc_error err;
    if (it->kind == ITEM_DOC && it->skip) {
        if (it->early) /* its name is taken, as when it is written: a later "name~2" */
            ncp_batch_name_seen(&b->sink.names, it->rel);
        skip_item(b, it);
        return;
    }
    if (it->kind == ITEM_DOC && it->ok == 1 && b->sink.mode != SINK_STREAM)
        unique_name(b, it);
    if (it->kind == ITEM_DOC && it->ok == 1 && b->cfg->skip_existing &&
        b->sink.mode == SINK_DIR && output_exists(b, it->rel)) {
        it->skip = SKIP_EXISTS; /* its temporary file goes with the item */
        if (it->msgs.size && !b->cfg->quiet) {
            ncp_batch_progress_clear(b);
            fputs(it->msgs.ptr, stderr);
        }
        skip_item(b, it);
        return;
    }
    if (it->kind == ITEM_DOC)
        ncp_batch_count_warnings(b, it);
    if (it->kind == ITEM_DOC && it->ok == 1 && b->cfg->dry_run) {
        if (it->msgs.size) {
            ncp_batch_progress_clear(b);
            fputs(it->msgs.ptr, stderr);
        }
        b->n_items++;
        b->n_ok++;
        if (it->line)
            printf("%s:%ld -> ", it->source, it->line);
        else
            printf("%s -> ", it->source);
        if (b->sink.mode == SINK_STREAM)
            printf("%s\n", b->sink.path ? b->sink.path : "<stdout>");
        else
            printf("%.*s%s%s\n", target_len(b), b->sink.path,
                   b->sink.mode == SINK_ARCHIVE ? ":" : "/", it->rel);
        return;
    }
    if (it->msgs.size) {
        ncp_batch_progress_clear(b);
        fputs(it->msgs.ptr, stderr);
    }
    if (it->kind == ITEM_NOTE)
        return;
    b->n_items++;
    if (it->kind == ITEM_DOC && it->ok == 1) {
        int r;
        nc_error_clear(&err);
        r = ncp_batch_sink_write(b, &b->sink, it, &err);
        if (r == 0) {
            b->n_ok++;
            if (b->cfg->verbose) {
                ncp_batch_progress_clear(b);
                char line[32] = "";
                if (it->line)
                    snprintf(line, sizeof line, ":%ld", it->line);
                if (b->sink.mode == SINK_STREAM)
                    fprintf(stderr, "%s: %s%s -> %s\n", b->prog, it->source, line,
                            b->sink.path ? b->sink.path : "<stdout>");
                else
                    fprintf(stderr, "%s: %s%s -> %.*s%s%s\n", b->prog, it->source, line,
                            target_len(b), b->sink.path,
                            b->sink.mode == SINK_ARCHIVE ? ":" : "/", it->rel);
            }
            return;
        }
        if (r == -2) { /* an archive or stream that cannot take more: the run stops */
            b->n_failed++;
            b->fatal = 1;
            b->fatal_code = nc_status_exit_code(err.code ? err.code : NC_ERR_IO);
            if (!b->quiet_end) {
                ncp_batch_progress_clear(b);
                ncp_batch_print_error(b, &err);
            }
            return;
        }
        nc_error_set_source(&err, b->sink.path);
        {
            /* name the item and where it was to go */
            nc_error e2;
            nc_error_clear(&e2);
            nc_error_set(&e2, err.code, 0, 0, "%s", err.text);
            nc_error_set_source(&e2, it->source);
            err = e2;
        }
        it->err = err;
    }
    if (it->out_failed) /* the destination failed; the next items are still attempted */
        b->n_out_failed++;
    b->n_failed++;
    b->last_code = it->err.code ? it->err.code : NC_ERR_INTERNAL;
    ncp_batch_progress_clear(b);
    ncp_batch_print_error(b, &it->err);
}

unsigned long long ncp_batch_skip_summary(const batch *b, char *out, size_t n)
{
    const unsigned long long counts[3] = {b->n_skip_ext, b->n_skip_not_article,
                                          b->n_skip_exists};
    const char *const why[3] = {"unknown extension", "not an article", "exist"};
    unsigned long long total = counts[0] + counts[1] + counts[2];
    size_t len;
    int k, first = 1;
    *out = '\0';
    if (!total)
        return 0;
    snprintf(out, n, ", %llu skipped (", total);
    for (k = 0; k < 3; k++) {
        if (!counts[k])
            continue;
        len = strlen(out);
        snprintf(out + len, n - len, "%s%llu %s%s", first ? "" : ", ", counts[k], why[k],
                 k == 2 && counts[k] == 1 ? "s" : "");
        first = 0;
    }
    len = strlen(out);
    snprintf(out + len, n - len, ")");
    return total;
}

/* ------------------------------------------------------------------------------------
 * Warnings by kind */

int ncp_batch_not_carried(const char *text, char *out, size_t size)
{
    static const char *const ends[] = {" '", ":", " (", ";", ",", " exactly", " directly",
                                       " without", " as it is", " outside", " in ", NULL};
    static const char *const lead[] = {"the ", "this ", "a ", "an ", NULL};
    const char *p = strstr(text, "cannot hold"), *end;
    size_t i, n;
    if (!p || (p[11] != ' ' && p[11] != ':'))
        return 0;
    p += strlen("cannot hold");
    if (*p++ == ':') { /* "cannot hold: a, b (3); dropped": the list */
        p += strspn(p, ": ");
        end = p + strcspn(p, ";");
    } else {
        for (i = 0; lead[i]; i++)
            if (!strncmp(p, lead[i], strlen(lead[i]))) {
                p += strlen(lead[i]);
                break;
            }
        end = p + strlen(p);
        for (i = 0; ends[i]; i++) {
            const char *e = strstr(p, ends[i]);
            if (e && e < end)
                end = e;
        }
    }
    n = (size_t)(end - p);
    if (!n || (out && n >= size))
        return 0;
    if (out) { /* out may be text itself */
        memmove(out, p, n);
        out[n] = '\0';
    }
    return 1;
}

/* A kind of warning and the number of articles that had it. */
typedef struct warn_kind {
    char what[80];
    int carried; /* 1: a subject of "not carried" */
    unsigned long long articles;
    unsigned long long last; /* the article (n_items) it was last counted for */
} warn_kind;

#define MAX_KINDS 64 /* further kinds are counted as "other warnings" */

/* A warning's text as a kind: quoted parts as '...', numbers as N, the source named at
 * its end left out ("html: no article body found in x.html" -> "... found"). */
static void kind_of(const char *text, const char *source, char *out, size_t size)
{
    size_t n = 0, tl = strlen(text), sl = source ? strlen(source) : 0;
    const char *p, *end = text + tl;
    if (sl && tl > sl + 4 && !strcmp(text + tl - sl, source) && !strncmp(text + tl - sl - 4, " in ", 4))
        end = text + tl - sl - 4;
    for (p = text; p < end && n + 6 < size; p++) {
        if (*p == '\'') {
            const char *q = memchr(p + 1, '\'', (size_t)(end - p - 1));
            memcpy(out + n, "'...'", 5);
            n += 5;
            if (!q)
                break;
            p = q;
        } else if (isdigit((unsigned char)*p)) {
            out[n++] = 'N';
            while (p + 1 < end && isdigit((unsigned char)p[1]))
                p++;
        } else {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
}

static void count_kind(batch *b, const char *what, int carried)
{
    size_t i;
    warn_kind *k;
    for (i = 0; i < b->n_kinds; i++)
        if (b->kinds[i].carried == carried && !strcmp(b->kinds[i].what, what))
            break;
    if (i == b->n_kinds) {
        if (!b->kinds && !(b->kinds = calloc(MAX_KINDS + 1, sizeof *b->kinds)))
            return;
        if (i == MAX_KINDS) { /* the last slot: every further kind */
            i = MAX_KINDS - 1;
            snprintf(b->kinds[i].what, sizeof b->kinds[i].what, "%s", "other warnings");
            b->kinds[i].carried = 0;
        } else {
            snprintf(b->kinds[i].what, sizeof b->kinds[i].what, "%s", what);
            b->kinds[i].carried = carried;
            b->n_kinds++;
        }
    }
    k = &b->kinds[i];
    if (k->last != b->n_items + 1) { /* articles, not warnings */
        k->last = b->n_items + 1;
        k->articles++;
    }
}

void ncp_batch_count_warnings(batch *b, const item *it)
{
    const char *line = it->wtexts.size ? it->wtexts.ptr : NULL;
    int no_body = 0;
    while (line && *line) {
        const char *nl = strchr(line, '\n');
        char text[NC_ERROR_TEXT_LEN], what[80];
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        if (len >= sizeof text)
            len = sizeof text - 1;
        memcpy(text, line, len);
        text[len] = '\0';
        line = nl ? nl + 1 : NULL;
        if (strstr(text, "note: ")) /* -v notes are no warnings */
            continue;
        if (strstr(text, "no article body found"))
            no_body = 1;
        if (ncp_batch_not_carried(text, text, sizeof text)) {
            char *part = text, *next; /* "a, b (3), c": each, without its count */
            for (; part; part = next) {
                size_t n = strcspn(part, ",");
                next = part[n] ? part + n + 1 + strspn(part + n + 1, " ") : NULL;
                part[n] = '\0';
                if (n > 1 && part[n - 1] == ')' && strrchr(part, '(') &&
                    strrchr(part, '(') > part + 1 && isdigit((unsigned char)strrchr(part, '(')[1]))
                    strrchr(part, '(')[-1] = '\0';
                if (*part)
                    count_kind(b, part, 1); /* cut to the size of a kind */
            }
        } else {
            kind_of(text, it->source, what, sizeof what);
            count_kind(b, what, 0);
        }
    }
    b->n_no_body += (unsigned long long)no_body;
}

void ncp_batch_warning_summary(batch *b)
{
    nc_buf s = NC_BUF_INIT;
    size_t i;
    int carried = 0, pass;
    for (pass = 1; pass >= 0; pass--) /* what the output cannot hold first, then the rest */
        for (i = 0; i < b->n_kinds; i++) {
            const warn_kind *k = &b->kinds[i];
            if (k->carried != pass)
                continue;
            if (pass && !carried++)
                nc_buf_printf(&s, "not carried into %s: ", b->to->name);
            else if (s.size)
                nc_buf_puts(&s, pass ? ", " : "; ");
            nc_buf_puts(&s, k->what);
            {
                /* a run of kinds in as many articles takes one count: "a, b (3 articles)" */
                size_t j = i + 1;
                while (j < b->n_kinds && b->kinds[j].carried != pass)
                    j++;
                if (pass && j < b->n_kinds && b->kinds[j].articles == k->articles)
                    continue;
            }
            nc_buf_printf(&s, " (%llu article%s)", k->articles, k->articles == 1 ? "" : "s");
        }
    if (s.size && !b->cfg->quiet) {
        nc_buf esc = NC_BUF_INIT;
        ncp_batch_progress_clear(b);
        fprintf(stderr, "%s: warnings: %s%s\n", b->prog, ncp_escaped(&esc, s.ptr),
                carried && !b->cfg->verbose ? " (-v shows each)" : "");
        nc_buf_release(&esc);
    }
    nc_buf_release(&s);
    free(b->kinds);
    b->kinds = NULL;
    b->n_kinds = 0;
}
