/* newsconv: a tiny unit-test harness (one test program per module).
 *   OK(cond)  INT_EQ(got, want)  STR_EQ(got, want)   then  return harness_done();
 * A failed check prints file:line and the values, and the program exits 1 at the end. */
#ifndef NEWSCONV_HARNESS_H
#define NEWSCONV_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_failed, harness_run;

#define OK(cond)                                                                           \
    do {                                                                                   \
        harness_run++;                                                                     \
        if (!(cond)) {                                                                     \
            harness_failed++;                                                              \
            fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond);             \
        }                                                                                  \
    } while (0)

#define INT_EQ(got, want)                                                                  \
    do {                                                                                   \
        long long g_ = (long long)(got), w_ = (long long)(want);                           \
        harness_run++;                                                                     \
        if (g_ != w_) {                                                                    \
            harness_failed++;                                                              \
            fprintf(stderr, "%s:%d: FAILED: %s == %lld, want %lld\n", __FILE__, __LINE__,  \
                    #got, g_, w_);                                                         \
        }                                                                                  \
    } while (0)

#define STR_EQ(got, want)                                                                  \
    do {                                                                                   \
        const char *g_ = (got), *w_ = (want);                                              \
        harness_run++;                                                                     \
        if (!g_ || !w_ ? g_ != w_ : strcmp(g_, w_) != 0) {                                 \
            harness_failed++;                                                              \
            fprintf(stderr, "%s:%d: FAILED: %s\n  got:  %s\n  want: %s\n", __FILE__,       \
                    __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");               \
        }                                                                                  \
    } while (0)

static int harness_done(void)
{
    fprintf(stderr, "%d checks, %d failed\n", harness_run, harness_failed);
    return harness_failed ? 1 : 0;
}

#endif
