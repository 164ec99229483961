/* newsconv: one-time set-up of the parsing libraries (libxml2, jansson) and their
 * allocation failures (libinit.c), for the driver, the batch engine and the command line. */
#ifndef NEWSCONV_FORMATS_LIBINIT_H
#define NEWSCONV_FORMATS_LIBINIT_H

/* Initialises libxml2 and jansson once; call before starting threads. */
void ncp_libraries_init(void);
/* 1 when libxml2's per-thread state could be allocated in this thread. */
int ncp_libraries_thread_ok(void);
/* Frees the libraries' global state; the last call of a program. */
void ncp_libraries_cleanup(void);
/* Allocation failures inside the libraries (libxml2, jansson) in this thread, and those the
 * model noted (ncp_alloc_failure_note): cleared by ncp_alloc_failures_begin, then 1 when
 * any such allocation failed. */
void ncp_alloc_failures_begin(void);
int ncp_alloc_failures(void);

#endif
