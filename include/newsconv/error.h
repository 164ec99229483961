/* newsconv: error values and status codes.
 *
 * An nc_error is fixed-size, owned by the caller, never allocates, and keeps the
 * first error reported into it ("first error wins"). Every function that takes an
 * nc_error * accepts NULL. */
#ifndef NEWSCONV_ERROR_H
#define NEWSCONV_ERROR_H

#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define NC_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define NC_NODISCARD __attribute__((warn_unused_result))
#else
#define NC_PRINTF(fmt, args)
#define NC_NODISCARD
#endif

/* Status codes. The CLI exits with nc_status_exit_code(code). */
typedef enum nc_status {
    NC_OK = 0,
    NC_ERR_BATCH,          /* some items of a batch failed            exit 1 */
    NC_ERR_USAGE,          /* bad command line or option value        exit 2 */
    NC_ERR_UNKNOWN_FORMAT, /* unknown or undetectable format          exit 3 */
    NC_ERR_PARSE,          /* input is not valid in its format        exit 4 */
    NC_ERR_NOT_ARTICLE,    /* valid input, but not a news article     exit 4 */
    NC_ERR_IO,             /* read or write failure                   exit 5 */
    NC_ERR_LOSSY,          /* information lost under --strict         exit 6 */
    NC_ERR_NOMEM,          /* out of memory                           exit 7 */
    NC_ERR_LIMIT,          /* input exceeds a size or depth limit     exit 4 */
    NC_ERR_INTERNAL        /* a bug                                   exit 7 */
} nc_status;

#define NC_ERROR_SOURCE_LEN 256
#define NC_ERROR_TEXT_LEN 512

typedef struct nc_error {
    nc_status code;                   /* NC_OK while nothing was reported */
    int line, column;                 /* 1-based; 0 when unknown */
    char source[NC_ERROR_SOURCE_LEN]; /* "in.html", "<stdin>", "feed.tar:a/12.xml" */
    char text[NC_ERROR_TEXT_LEN];     /* the message, without position */
} nc_error;

/* Clears err (code NC_OK, empty strings). */
void nc_error_clear(nc_error *err);

/* Records an error unless one is already recorded. Returns -1, so that callers can
 * write `return nc_error_set(err, ...);`. */
int nc_error_set(nc_error *err, nc_status code, int line, int column, const char *fmt, ...)
    NC_PRINTF(5, 6);
int nc_error_setv(nc_error *err, nc_status code, int line, int column, const char *fmt,
                  va_list ap) NC_PRINTF(5, 0);

/* Sets the source name if none is set yet (so an inner layer may name an archive entry). */
void nc_error_set_source(nc_error *err, const char *source);

/* Formats "source:line:column: message" (parts that are unknown are left out). */
void nc_error_format(const nc_error *err, char *out, unsigned long outlen);

/* The process exit code of a status (documented in newsconv(1)). */
int nc_status_exit_code(nc_status code);

/* A short name of the status, e.g. "parse error". */
const char *nc_status_name(nc_status code);

#ifdef __cplusplus
}
#endif
#endif
