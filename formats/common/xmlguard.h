/* newsconv: the libxml2 guard, shared by the formats that parse with libxml2.
 *
 * libxml2 is used under these rules: its allocator is newsconv's (a failed allocation is
 * seen, and ends an HTML parse at once), an HTML parse never reads markup declarations a
 * browser takes for comments, a start tag has at most NCP_MAX_ATTRIBUTES attributes, and
 * its errors reach the user only as nc_error values. */
#ifndef NEWSCONV_FORMATS_XMLGUARD_H
#define NEWSCONV_FORMATS_XMLGUARD_H

#include <stddef.h>

#include <libxml/tree.h>

/* At most this many attributes in one start tag. libxml2 (2.9) compares each attribute
 * of a tag with every one before it: a tag with 100,000 attributes takes minutes, one with
 * millions hours. */
#define NCP_MAX_ATTRIBUTES 256

/* 0, or -1 when a start tag in the markup s has more than NCP_MAX_ATTRIBUTES attributes,
 * with the line and column of its '<' in s. One pass, counting attributes the way
 * libxml2's parsers read them (name, optionally '=' and a quoted or bare value); NUL bytes
 * count as white space, so that UTF-16 and UTF-32 markup is counted too. html: the
 * contents of <script> and <style> are not markup. */
int ncp_markup_attrs_check(const char *s, size_t len, int html, int *line, int *column);

/* Installs newsconv's wrappers of malloc as libxml2's allocator (once, before threads:
 * ncp_libraries_init). */
void ncp_xml_alloc_init(void);
/* Whether an allocation of libxml2 failed in this thread since ncp_xml_alloc_begin (the
 * driver checks it after every read and write: a library that drops what it could not
 * allocate must not give a shorter article with exit 0). */
void ncp_xml_alloc_begin(void);
int ncp_xml_alloc_failed(void);
/* htmlReadMemory of UTF-8 (or ASCII-compatible) markup, except that an allocation
 * failure inside libxml2 ends the parse at once (libxml2 2.9.14 can loop for ever after
 * one; see xmlguard.c) with NULL and *nomem set, and that markup declarations a browser
 * takes for comments ("<!ENTITY ...>", "<![CDATA[...]]>", a DOCTYPE's internal
 * subset) are blanked first instead of becoming text. The document returned must be
 * freed. */
xmlDoc *ncp_dom_parse_html(const char *s, size_t len, const char *encoding, int options,
                           int *nomem);

/* Call before using libxml2 in a thread: libxml2 reports some errors (out of memory)
 * through its generic error function even with NOERROR; this makes it silent, so
 * that errors reach the user only as nc_error values. */
void ncp_xml_quiet(void);
/* 1 when libxml2's last error in this thread is an allocation failure. */
int ncp_xml_oom(void);

#endif
