/* newsconv batch engine: the ring of items and the worker threads: small helpers, the
 * slots, submitting an item, converting it. */
#include "engine.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <archive.h>

double ncp_batch_now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void ncp_batch_timed_wait(pthread_cond_t *cv, pthread_mutex_t *mu, double secs)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += (time_t)secs;
    ts.tv_nsec += (long)((secs - (double)(time_t)secs) * 1e9);
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(cv, mu, &ts);
}

char *ncp_batch_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

int ncp_batch_ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && !ncp_strcasecmp(s + n - m, suffix);
}

/* The last component of a path. */
const char *ncp_batch_base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

int ncp_batch_stopping(const batch *b) { return b->stop || ncp_batch_stop_signal; }

/* The temporary name of item seq inside its output directory. */
void ncp_batch_tmp_name(char *out, size_t n, unsigned long long seq)
{
    snprintf(out, n, ".newsconv-%ld-%llu.tmp", (long)getpid(), seq);
}

void ncp_batch_item_release(item *it)
{
    if (it->dirfd1) {
        if (it->tmp_pending) {
            char tmp[64];
            ncp_batch_tmp_name(tmp, sizeof tmp, it->seq);
            unlinkat(it->dirfd1 - 1, tmp, 0);
        }
        close(it->dirfd1 - 1);
    }
    free(it->source);
    free(it->rel);
    free(it->data);
    free(it->url);
    free(it->charset);
    free(it->encoding);
    nc_article_free(it->article);
    nc_buf_release(&it->out);
    nc_buf_release(&it->msgs);
    nc_buf_release(&it->wtexts);
    memset(it, 0, sizeof *it);
}

/* ------------------------------------------------------------------------------------
 * The ring */

/* Waits for a free slot for the next item; NULL when the run stops. */
static item *slot_acquire(batch *b)
{
    item *it = NULL;
    pthread_mutex_lock(&b->mu);
    while (b->n_read - b->n_written >= b->cap && !ncp_batch_stopping(b)) {
        b->reader_waiting = 1;
        ncp_batch_timed_wait(&b->cv_read, &b->mu, 0.2);
        b->reader_waiting = 0;
    }
    if (!ncp_batch_stopping(b))
        it = &b->ring[b->n_read % b->cap];
    pthread_mutex_unlock(&b->mu);
    return it;
}

/* Moves *proto into the next slot and hands it to the workers. proto is emptied; its
 * contents are freed when the run stops. bytes: the input position for the progress bar. */
void ncp_batch_submit(batch *b, item *proto, unsigned long long bytes)
{
    item *it = slot_acquire(b);
    if (!it) {
        ncp_batch_item_release(proto);
        return;
    }
    pthread_mutex_lock(&b->mu); /* the writer may be looking at this slot's state */
    if (ncp_batch_stopping(b)) { /* the ring is being emptied */
        pthread_mutex_unlock(&b->mu);
        ncp_batch_item_release(proto);
        return;
    }
    *it = *proto;
    memset(proto, 0, sizeof *proto);
    it->state = SLOT_READY;
    b->n_read++;
    if (bytes)
        b->bytes_done = b->bytes_base + bytes;
    if (b->workers_waiting)
        pthread_cond_signal(&b->cv_work);
    pthread_mutex_unlock(&b->mu);
}

void ncp_batch_submit_fail(batch *b, const char *source, long line, nc_status code,
                           const char *fmt, ...)
{
    item it;
    va_list ap;
    memset(&it, 0, sizeof it);
    it.kind = ITEM_FAIL;
    nc_buf_init(&it.out);
    nc_buf_init(&it.msgs);
    va_start(ap, fmt);
    nc_error_setv(&it.err, code, (int)line, 0, fmt, ap);
    va_end(ap);
    nc_error_set_source(&it.err, source);
    ncp_batch_submit(b, &it, 0);
}

/* Submits an item read from the archive ar (the bytes read so far feed the progress), or
 * reports out of memory when its output name or its data could not be allocated. */
void ncp_batch_submit_read(batch *b, item *it, struct archive *ar)
{
    if (!it->rel || !it->data) {
        ncp_batch_submit_fail(b, it->source, 0, NC_ERR_NOMEM, "out of memory");
        ncp_batch_item_release(it);
    } else {
        ncp_batch_submit(b, it, (unsigned long long)archive_filter_bytes(ar, -1));
    }
}

void ncp_batch_submit_error(batch *b, const nc_error *err)
{
    item it;
    memset(&it, 0, sizeof it);
    it.kind = ITEM_FAIL;
    nc_buf_init(&it.out);
    nc_buf_init(&it.msgs);
    it.err = *err;
    ncp_batch_submit(b, &it, 0);
}
void ncp_batch_submit_note(batch *b, int warning, const char *fmt, ...)
{
    item it;
    va_list ap;
    if (b->cfg->quiet || (!warning && !b->cfg->verbose))
        return;
    memset(&it, 0, sizeof it);
    it.kind = ITEM_NOTE;
    nc_buf_init(&it.out);
    nc_buf_init(&it.msgs);
    nc_buf_printf(&it.msgs, "%s: %s", b->prog, warning ? "warning: " : "");
    va_start(ap, fmt);
    nc_buf_vprintf(&it.msgs, fmt, ap);
    va_end(ap);
    nc_buf_putc(&it.msgs, '\n');
    ncp_batch_submit(b, &it, 0);
}

void ncp_batch_new_doc(item *it, const nc_format *from, char *source, char *rel)
{
    memset(it, 0, sizeof *it);
    it->kind = ITEM_DOC;
    it->from = from;
    it->source = source;
    it->rel = rel;
    nc_buf_init(&it->out);
    nc_buf_init(&it->msgs);
    nc_buf_init(&it->wtexts);
}

void ncp_batch_thread_exit(batch *b)
{
    pthread_mutex_lock(&b->mu);
    b->alive--;
    pthread_cond_broadcast(&b->cv_exit);
    pthread_mutex_unlock(&b->mu);
}

/* ------------------------------------------------------------------------------------
 * The workers */

static void item_warn(void *ud, const nc_error *w)
{
    item *it = ud;
    nc_error e = *w;
    char msg[NC_ERROR_SOURCE_LEN + NC_ERROR_TEXT_LEN + 64];
    it->n_warn++;
    if (it->quiet)
        return;
    nc_buf_printf(&it->wtexts, "%s\n", w->text); /* counted by kind (writer.c) */
    /* what the output cannot hold: in the summary at the end; per article with -v or
     * --strict (where it fails the item) */
    if (!it->each && ncp_batch_not_carried(w->text, NULL, 0))
        return;
    if (it->line > 0) {
        e.line = e.line <= 1 ? (int)it->line : e.line + (int)it->line - 1;
        if (!w->line)
            e.column = 0;
    }
    nc_error_format(&e, msg, sizeof msg);
    nc_buf_printf(&it->msgs, "%s: warning: %s\n", it->prog, msg);
}

static void convert_item(batch *b, item *it)
{
    nc_opts o = b->cfg->opts;
    nc_article *a = NULL;
    const nc_format *from = it->from;
    const char *data = it->data;
    size_t len = it->len;
    nc_buf page = NC_BUF_INIT;
    int rc = 0;

    o.source = it->source;
    o.warn = item_warn;
    o.warn_data = it;
    it->quiet = b->cfg->quiet;
    it->each = b->cfg->verbose || b->cfg->opts.strict;
    it->prog = b->prog;
    if (it->url)
        o.base_url = it->url;
    if (it->url || it->payload_off || it->charset || it->encoding) {
        rc = ncp_batch_warc_payload(b, it, &page, &it->err);
        data = page.ptr;
        len = page.size;
    }
    if (rc == 0 && !from && !(from = nc_format_sniff(data, len)) && it->sniff_skip) {
        it->skip = SKIP_NOT_ARTICLE;
        rc = -1;
    } else if (rc == 0 && !from)
        rc = nc_error_set(&it->err, NC_ERR_UNKNOWN_FORMAT, 0, 0,
                          "cannot detect the input format; use -f FMT");
    if (rc == 0 && it->article) { /* read by a stream reader (a feed) */
        a = it->article;
        it->article = NULL;
    } else if (rc == 0)
        rc = nc_read_article(from, data, len, &o, &a, &it->err);
    free(it->data); /* the input is no longer needed */
    it->data = NULL;
    nc_buf_release(&page);
    if (rc == 0 && o.strict && it->n_warn)
        rc = nc_error_set(&it->err, NC_ERR_LOSSY, 0, 0,
                          "%d warning%s under --strict while reading", it->n_warn,
                          it->n_warn == 1 ? "" : "s");
    if (rc == 0 && it->url && !a->str[NC_F_URL] && nc_article_sets(a, NC_F_URL, it->url) < 0)
        rc = nc_article_ok(a, &it->err);
    if (rc == 0 && (it->line > 0 || it->nth > 0) && b->sink.mode != SINK_STREAM) {
        /* an article of a stream: named after its id, url or headline */
        char *name = ncp_batch_article_name(b, it->rel, a, it->line ? it->line : it->nth);
        if (!name)
            rc = nc_error_set(&it->err, NC_ERR_NOMEM, 0, 0, "out of memory");
        else {
            free(it->rel);
            it->rel = name;
            it->slugged = 1;
        }
    }
    if (rc == 0)
        rc = ncp_write_entry(b->to, a, &o, &it->out, &it->err); /* a feed's item */
    nc_article_free(a);
    it->ok = rc == 0;
    if (rc < 0) {
        nc_buf_release(&it->out);
        if (it->line > 0) { /* positions in a JSON Lines file are its lines */
            if (it->err.line > 1)
                it->err.line += (int)it->line - 1;
            else {
                if (!it->err.line)
                    it->err.column = 0;
                it->err.line = (int)it->line;
            }
        }
        nc_error_set_source(&it->err, it->source);
    }
}

void *ncp_batch_worker_main(void *arg)
{
    worker *w = arg;
    batch *b = w->b;
    for (;;) {
        item *it;
        unsigned long long seq;
        pthread_mutex_lock(&b->mu);
        while (b->n_claimed == b->n_read && !b->reader_done && !ncp_batch_stopping(b)) {
            b->workers_waiting++;
            ncp_batch_timed_wait(&b->cv_work, &b->mu, 0.2);
            b->workers_waiting--;
        }
        if (ncp_batch_stopping(b) || b->n_claimed == b->n_read) {
            pthread_mutex_unlock(&b->mu);
            break;
        }
        seq = b->n_claimed++;
        it = &b->ring[seq % b->cap];
        pthread_mutex_unlock(&b->mu);
        if (it->kind == ITEM_DOC && !it->skip) {
            convert_item(b, it);
            if (it->ok == 1 && b->sink.mode == SINK_DIR && !b->cfg->dry_run &&
                !ncp_batch_stopping(b))
                ncp_batch_worker_write(b, &w->dc, it, seq);
        }
        pthread_mutex_lock(&b->mu);
        it->state = SLOT_DONE;
        /* wake the writer when its target and the item it waits for are both done:
         * the last item of its window to finish may be any of them, not only the
         * target (workers finish out of order) */
        if (b->writer_waiting && b->ring[b->writer_target % b->cap].state == SLOT_DONE &&
            b->ring[b->n_written % b->cap].state == SLOT_DONE)
            pthread_cond_signal(&b->cv_write);
        pthread_mutex_unlock(&b->mu);
    }
    ncp_batch_dircache_free(&w->dc, b->sink.root);
    return NULL;
}
