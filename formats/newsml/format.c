/* newsconv: the `newsml` (NewsML-G2; reads NewsML-G2, NewsML 1.x and NITF) and `nitf`
 * (NITF 3.6) formats: registry entries, sniffers, read and write entry points. */
#include "newsml.h"
#include "common/notcarried.h"

#include <string.h>

static const char *find(const char *h, size_t hlen, const char *n, size_t nlen)
{
    size_t i;
    if (nlen > hlen)
        return NULL;
    for (i = 0; i + nlen <= hlen; i++)
        if (h[i] == n[0] && !memcmp(h + i, n, nlen))
            return h + i;
    return NULL;
}

/* The local name of the document element: after a BOM, white space, the XML
 * declaration, processing instructions, comments and a DOCTYPE (with an internal
 * subset). Returns 1 with the name in out, or 0. */
static int root_name(const char *buf, size_t len, char *out, size_t outlen)
{
    size_t i = 0, s, n;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
        i = 3;
    for (;;) {
        while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' || buf[i] == '\r'))
            i++;
        if (i >= len || buf[i] != '<')
            return 0;
        if (i + 1 < len && buf[i + 1] == '?') {
            const char *e = find(buf + i, len - i, "?>", 2);
            if (!e)
                return 0;
            i = (size_t)(e - buf) + 2;
            continue;
        }
        if (i + 3 < len && !memcmp(buf + i, "<!--", 4)) {
            const char *e = find(buf + i, len - i, "-->", 3);
            if (!e)
                return 0;
            i = (size_t)(e - buf) + 3;
            continue;
        }
        if (i + 1 < len && buf[i + 1] == '!') {
            /* <!DOCTYPE ...>, possibly with [internal subset] */
            int bracket = 0;
            for (i += 2; i < len; i++) {
                if (buf[i] == '[')
                    bracket = 1;
                else if (buf[i] == ']')
                    bracket = 0;
                else if (buf[i] == '>' && !bracket)
                    break;
            }
            if (i >= len)
                return 0;
            i++;
            continue;
        }
        break;
    }
    s = ++i;
    while (i < len && buf[i] != ' ' && buf[i] != '>' && buf[i] != '/' && buf[i] != '\t' &&
           buf[i] != '\n' && buf[i] != '\r')
        i++;
    n = i - s;
    {
        /* drop a prefix */
        const char *colon = memchr(buf + s, ':', n);
        if (colon) {
            n -= (size_t)(colon - (buf + s)) + 1;
            s = (size_t)(colon - buf) + 1;
        }
    }
    if (!n || n >= outlen)
        return 0;
    memcpy(out, buf + s, n);
    out[n] = '\0';
    return 1;
}

static int newsml_sniff(const char *buf, size_t len)
{
    static const char *const roots[] = {"newsItem", "newsMessage", "packageItem",
                                        "conceptItem", "knowledgeItem", "planningItem",
                                        "catalogItem", "NewsML", NULL};
    const char *const *r;
    char name[64];
    if (root_name(buf, len, name, sizeof name)) {
        for (r = roots; *r; r++)
            if (!strcmp(name, *r))
                return 95;
        if (!strcmp(name, "nitf"))
            return 60; /* the newsml reader reads NITF too; `nitf` claims it */
        if (!ncp_strcasecmp(name, "html"))
            return 0;
    }
    if (find(buf, len, NCP_NS_G2, strlen(NCP_NS_G2)))
        return 90;
    if (len >= 5 && !memcmp(buf, "<?xml", 5))
        return 55;
    return 0;
}

static int nitf_sniff(const char *buf, size_t len)
{
    char name[64];
    if (root_name(buf, len, name, sizeof name) && !strcmp(name, "nitf"))
        return 95;
    return 0;
}

/* Both readers accept every document of the family; the root element decides. */
static int newsml_read(nc_article *a, const char *buf, size_t len, const nc_opts *o,
                       nc_error *err)
{
    xmlDoc *doc = ncp_nml_parse(buf, len, o, err);
    int rc;
    if (!doc)
        return -1;
    rc = ncp_g2_read_doc(a, doc, o, err);
    xmlFreeDoc(doc);
    return rc;
}

static int newsml_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    /* G2 carries subject types and attributes, the digital source type and data mining
     * (writer.c, extra.c; tests/newsml.sh's kept-elements case), the item type (itemClass,
     * or nc:type), media and rendition fields (an item's own remoteContent, a media
     * link's nc: attributes; media.c) and author details (nc:details); what it cannot
     * hold of them (a rendition name...) the writer names itself */
    ncp_warn_agency_not_carried_but(a, o, "newsml",
                                    NCP_CARRIES_SUBJECTS | NCP_CARRIES_DIGITAL_SOURCE |
                                        NCP_CARRIES_DATA_MINING | NCP_CARRIES_ITEM_TYPE |
                                        NCP_CARRIES_MEDIA | NCP_CARRIES_AUTHORS);
    return ncp_g2_write(a, out, o, err);
}

static int nitf_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    size_t start;
    (void)err;
    ncp_warn_agency_not_carried_but(a, o, "nitf", NCP_CARRIES_SUBJECT_TYPES);
    if (a->n_links)
        nc_warn(o, 0, 0, "nitf cannot hold links: %zu dropped", a->n_links);
    if (a->n_media)
        nc_warn(o, 0, 0, "nitf cannot hold media outside the body: %zu dropped", a->n_media);
    nc_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    start = out->size;
    ncp_nitf_write(a, out, 0, 1, o);
    if (!out->failed)
        ncp_nml_verify_body(a, out->ptr + start, out->size - start, 1, "nitf", o);
    nc_buf_putc(out, '\n');
    return 0;
}

static const char *const newsml_aliases[] = {"newsml-g2", "xml", NULL};
static const char *const newsml_exts[] = {".xml", ".newsml", ".nml", NULL};
static const nc_optdef newsml_options[] = {
    {"newsml-body", "xhtml|nitf", "newsml: the body in inlineXML, XHTML (default) or NITF 3.6"},
    {NULL, NULL, NULL}};

const nc_format nc_format_newsml = {
    .name = "newsml",
    .aliases = newsml_aliases,
    .extensions = newsml_exts,
    .description = "NewsML-G2 2.35 newsItem (reads NewsML-G2, NewsML 1.x, NITF)",
    .sniff = newsml_sniff,
    .read = newsml_read,
    .write = newsml_write,
    .options = newsml_options};

static const char *const nitf_exts[] = {".nitf", NULL};

const nc_format nc_format_nitf = {
    .name = "nitf",
    .extensions = nitf_exts,
    .description = "NITF 3.6 (News Industry Text Format)",
    .sniff = nitf_sniff,
    .read = newsml_read,
    .write = nitf_write};
