/* newsconv: one-time initialisation of the parsing libraries.
 *
 * libxml2 2.9 sets up its global state (character handlers, the dictionary mutex, the
 * thread-local error state) on first use, and that first use is not safe when several
 * threads make it at once; jansson picks its hash seed on first use. The batch driver
 * (src/batch.c) calls this once, before it starts worker threads. Every other object
 * these libraries use (a parser, a document, a json_t) belongs to one thread. */
#include "internal.h"

#include <jansson.h>
#include <libxml/parser.h>

void ncp_libraries_init(void)
{
    xmlInitParser();
    json_object_seed(0);
}
