/* newsconv: jansson's allocations, tracked for the formats that use jansson (json, html's
 * JSON-LD) and for the driver's check after each read and write (common/libinit.c). */
#ifndef NEWSCONV_FORMATS_JSONALLOC_H
#define NEWSCONV_FORMATS_JSONALLOC_H

#include <stddef.h>

#include <jansson.h>

/* jansson reports a failed allocation during parsing as a syntax error, or not at all
 * (a string with a byte missing). These track allocations through jansson's allocator
 * (a wrapper around the one installed before, set up once per process): _begin clears
 * the flag of this thread, _failed tells whether an allocation failed since; after one
 * failure, every jansson allocation fails until the next _begin. */
void ncp_json_alloc_begin(void);
int ncp_json_alloc_failed(void);

/* json_dumps with the real numbers of j in their shortest form that reads back as the
 * same double: jansson writes every real with 17 significant digits (a longitude 5.32 as
 * 5.3200000000000003) unless told a precision; this gives it the smallest of 15, 16 and
 * 17 that keeps every real of j exact. Every writer of JSON text uses it. */
char *ncp_json_dumps(const json_t *j, size_t flags);

#endif
