/* newsconv batch engine: the progress bar. */
#include "engine.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

void ncp_batch_progress_clear(batch *b)
{
    if (b->bar_visible) {
        fputs("\r\033[K", stderr);
        b->bar_visible = 0;
    }
}

static void fmt_duration(char *out, size_t n, double s)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(out, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(out, n, "%ld:%02ld", t / 60, t % 60);
}

void ncp_batch_progress_draw(batch *b, int force)
{
    double t = ncp_batch_now_sec(), el = t - b->t0, frac = -1, rate;
    unsigned long long done = b->n_items, total = 0, bd, bt;
    int known;
    char line[256], eta[32] = "";
    size_t n = 0;
    if (!b->show_progress || (!force && t - b->last_draw < 0.1))
        return;
    b->last_draw = t;
    pthread_mutex_lock(&b->mu);
    known = b->totals_known;
    total = b->items_total;
    bd = b->bytes_done;
    bt = b->bytes_total;
    pthread_mutex_unlock(&b->mu);
    if (known == 2 && total)
        frac = (double)done / (double)total;
    else if (known >= 1 && bt)
        frac = (double)bd / (double)bt;
    if (frac > 1)
        frac = 1;
    rate = el > 0 ? (double)done / el : 0;
    if (frac > 0.001 && frac < 1) {
        memcpy(eta, " ETA ", 6);
        fmt_duration(eta + 5, sizeof eta - 5, el * (1 - frac) / frac);
    }
#define ADD(...)                                                                           \
    do {                                                                                   \
        int k_ = snprintf(line + n, sizeof line - n, __VA_ARGS__);                         \
        if (k_ > 0 && (size_t)k_ < sizeof line - n)                                        \
            n += (size_t)k_;                                                               \
    } while (0)
    if (frac >= 0) {
        int i, w = (int)(frac * 24 + 0.5);
        ADD("[");
        for (i = 0; i < 24; i++)
            ADD("%c", i < w ? '#' : '.');
        ADD("] %3d%% ", (int)(frac * 100));
    }
    if (known == 2)
        ADD("%llu/%llu", done, total);
    else
        ADD("%llu", done);
    ADD(" articles, %.0f/s%s", rate, eta);
    if (b->n_failed)
        ADD(", %s%llu failed%s", b->color ? "\033[31m" : "", b->n_failed,
            b->color ? "\033[0m" : "");
#undef ADD
    fprintf(stderr, "\r%s\033[K", line);
    fflush(stderr);
    b->bar_visible = 1;
}
