/* newsconv: a tiny unit-test harness (in the spirit of cmark's api_test).
 *
 *   OK(cond, "what")            the condition holds
 *   INT_EQ(got, want, "what")   two integers are equal
 *   STR_EQ(got, want, "what")   two strings are equal (NULL equals only NULL)
 *   return harness_done();      at the end of main: prints a summary, 1 on any failure
 *
 * Each failure prints the file, line and what was expected; tests go on after one. */
#ifndef NEWSCONV_TESTS_HARNESS_H
#define NEWSCONV_TESTS_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_run, harness_failed;

#define OK(cond, what)                                                                     \
    do {                                                                                   \
        harness_run++;                                                                     \
        if (!(cond)) {                                                                     \
            harness_failed++;                                                              \
            fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, (what));              \
        }                                                                                  \
    } while (0)

#define INT_EQ(got, want, what)                                                            \
    do {                                                                                   \
        long long g_ = (long long)(got), w_ = (long long)(want);                           \
        harness_run++;                                                                     \
        if (g_ != w_) {                                                                    \
            harness_failed++;                                                              \
            fprintf(stderr, "%s:%d: FAIL: %s: got %lld, want %lld\n", __FILE__, __LINE__,  \
                    (what), g_, w_);                                                       \
        }                                                                                  \
    } while (0)

#define STR_EQ(got, want, what)                                                            \
    do {                                                                                   \
        const char *g_ = (got), *w_ = (want);                                              \
        harness_run++;                                                                     \
        if ((g_ == NULL) != (w_ == NULL) || (g_ && strcmp(g_, w_))) {                      \
            harness_failed++;                                                              \
            fprintf(stderr, "%s:%d: FAIL: %s: got \"%s\", want \"%s\"\n", __FILE__,        \
                    __LINE__, (what), g_ ? g_ : "(null)", w_ ? w_ : "(null)");             \
        }                                                                                  \
    } while (0)

static int harness_done(void)
{
    fprintf(stderr, "%d checks, %d failed\n", harness_run, harness_failed);
    return harness_failed != 0;
}

#endif
