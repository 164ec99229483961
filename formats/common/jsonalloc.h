/* newsconv: jansson's allocations, tracked for the formats that use jansson (json, html's
 * JSON-LD) and for the driver's check after each read and write (common/libinit.c). */
#ifndef NEWSCONV_FORMATS_JSONALLOC_H
#define NEWSCONV_FORMATS_JSONALLOC_H

/* jansson reports a failed allocation during parsing as a syntax error, or not at all
 * (a string with a byte missing). These track allocations through jansson's allocator
 * (a wrapper around the one installed before, set up once per process): _begin clears
 * the flag of this thread, _failed tells whether an allocation failed since; after one
 * failure, every jansson allocation fails until the next _begin. */
void ncp_json_alloc_begin(void);
int ncp_json_alloc_failed(void);

#endif
