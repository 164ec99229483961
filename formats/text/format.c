/* newsconv: the `text` format, plain text for reading and for text pipelines
 * (write-only; writer.c). */
#include "text.h"

static const char *const aliases[] = {"txt", "plain", NULL};
static const char *const extensions[] = {".txt", NULL};
static const nc_optdef options[] = {
    {"wrap", "none|N", "text: wrap paragraphs at N columns (default 72) or not at all"},
    {"urls", NULL, "text: write each link's URL after its text, in brackets"},
    {NULL, NULL, NULL}};

const nc_format nc_format_text = {
    .name = "text",
    .aliases = aliases,
    .extensions = extensions,
    .description = "plain text: headline, byline, date, wrapped paragraphs (write-only)",
    .write = ncp_text_write,
    .options = options};
