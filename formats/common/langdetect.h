/* newsconv: the language of an article that declares none, detected from its text
 * (libcld2, a C++ library, through the small extern "C" shim in langdetect.cc). */
#ifndef NCP_LANGDETECT_H
#define NCP_LANGDETECT_H

#include <stddef.h>

#include <newsconv/format.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The language of len bytes of UTF-8 plain text: 1 with its code ("en", "ru", "zh-Hant")
 * in out (NUL-terminated), or 0 when CLD2 finds none or is not sure (is_reliable false),
 * or the code does not fit outlen; -1 when out of memory. Never throws; thread-safe (CLD2
 * keeps no state). */
int ncp_langdetect_text(const char *utf8, size_t len, char *out, size_t outlen);

/* Fewer bytes of headline and body text than this are no evidence of a language (CLD2
 * calls "Undated. Text." English, and sure of it): nothing is detected. */
#define NCP_LANGDETECT_MIN 32

/* When a declares no language and detection is on (no --no-detect): detects it from the
 * headline and the body text (at least NCP_LANGDETECT_MIN bytes) and, when sure, sets
 * `language` and marks it detected with
 * a->language_detected = 1 (docs/formats.md). Returns 1 when it set it, 0 when not, -1
 * when out of memory (nc_read_article fails with NC_ERR_NOMEM rather than give an article
 * without the language it would have had). */
int ncp_article_detect_language(nc_article *a, const nc_opts *o);

#ifdef __cplusplus
}
#endif
#endif
