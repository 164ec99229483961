/* newsconv html: the format's definition (nc_format_html): sniffing, options. */
#include "html.h"

#include <string.h>

/* ---- sniffing ---- */

static int html_sniff(const char *buf, size_t len)
{
    size_t i = 0, lim = len < 4096 ? len : 4096;
    static const char *const starts[] = {"<!doctype html", "<html", "<head", "<body", "<div",
                                         "<p>", "<p ", "<meta", "<title", "<article",
                                         "<section", "<h1", "<table", "<span", "<a ", NULL};
    size_t k;
    if (lim >= 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB &&
        (unsigned char)buf[2] == 0xBF)
        i = 3;
    for (;;) {
        while (i < lim && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' || buf[i] == '\r'))
            i++;
        if (i + 4 < lim && !strncmp(buf + i, "<!--", 4)) {
            const char *e = NULL;
            size_t j;
            for (j = i + 4; j + 2 < lim; j++)
                if (!strncmp(buf + j, "-->", 3)) {
                    e = buf + j;
                    break;
                }
            if (!e)
                break;
            i = (size_t)(e - buf) + 3;
            continue;
        }
        break;
    }
    for (k = 0; starts[k]; k++)
        if (i + strlen(starts[k]) <= lim && !ncp_strncasecmp(buf + i, starts[k], strlen(starts[k])))
            return k < 4 ? 95 : 70;
    if (i + 5 <= lim && !strncmp(buf + i, "<?xml", 5)) {
        /* XHTML: an html root near the start */
        for (k = i; k + 5 < lim; k++)
            if (!ncp_strncasecmp(buf + k, "<html", 5))
                return 80;
        return 0;
    }
    for (k = i; k + 6 < lim; k++)
        if (!ncp_strncasecmp(buf + k, "<html", 5) || !ncp_strncasecmp(buf + k, "<body", 5))
            return 60;
    return 0;
}

static const char *const aliases[] = {"htm", NULL};
static const char *const extensions[] = {".html", ".htm", ".xhtml", NULL};
static const nc_optdef options[] = {
    {"input-encoding", "ENC", "html: read the page in this encoding (overrides its declaration)"},
    {"no-extract", NULL, "html: convert the whole <body>, without article extraction"},
    {"extract", "precision|balanced|recall",
     "html: article extraction that prefers less noise, a balance (default), or less loss"},
    {"fragment", NULL, "html: write only the <article> element"},
    {"keep-internal", NULL, "html: also publish what the input marks internal (editorial notes)"},
    {"csp", NULL, "html: a Content-Security-Policy that lets no script, style or plug-in run"},
    {NULL, NULL, NULL}};

const nc_format nc_format_html = {
    .name = "html",
    .aliases = aliases,
    .extensions = extensions,
    .description = "HTML: news pages in (article extraction, JSON-LD, OpenGraph), HTML5 out",
    .sniff = html_sniff,
    .read = ncp_html_page_read,
    .write = ncp_html_write,
    .options = options,
    .flags = NC_FORMAT_WEB};
