/* newsconv: the renditions of a picture, graphic, video or audio item in NewsML-G2 (issue 14).
 *
 * Such an item carries its content as one remoteContent per rendition. The model's
 * rendition holds name, href, content type, width, height, title, size, duration and
 * format; what else a remoteContent says (residref, version, colourspace, a provider's
 * attributes, an altId child, ...) is kept in the rendition's details under the key
 * "g2:remoteContent": the element itself as XML, without the attributes the model holds,
 * so that the G2 writer writes the same element back and the other formats name what they
 * cannot carry. docs/formats.md documents the mapping. */
#include "newsml.h"
#include "common/jsonalloc.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#define RC_KEY "g2:remoteContent"

static int blank(const char *s)
{
    for (; s && *s; s++)
        if (!strchr(" \t\r\n", *s))
            return 0;
    return 1;
}

static int listed(const char *const *names, const char *name)
{
    for (; names && *names; names++)
        if (!strcmp(*names, name))
            return 1;
    return 0;
}

/* 1 when rc holds more than the attributes in mapped and newsconv's own. */
static int has_rest(const xmlNode *rc, const char *const *mapped)
{
    const xmlAttr *at;
    const xmlNode *c;
    for (at = rc->properties; at; at = at->next) {
        if (at->ns && at->ns->href && !strcmp((const char *)at->ns->href, NCP_NS_NC))
            continue;
        if (at->ns || !listed(mapped, (const char *)at->name))
            return 1;
    }
    for (c = rc->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE)
            return 1;
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
            !blank((const char *)c->content))
            return 1;
    }
    return 0;
}

const char *ncp_g2_rc_keep(nc_article *a, const xmlNode *rc, const char *const *mapped,
                           const char *details)
{
    nc_buf xml = NC_BUF_INIT;
    json_t *det, *v;
    char *t = NULL;
    const char *res = details;
    if (!has_rest(rc, mapped))
        return details;
    det = details ? json_loads(details, 0, NULL) : json_object();
    if (!json_is_object(det)) {
        /* details that are not an object (an edited nc:details): the element goes alone */
        json_decref(det);
        det = json_object();
    }
    ncp_g2x_serialize_but(&xml, rc, mapped);
    v = xml.failed ? NULL : json_string(xml.ptr);
    if (!det || !v || json_object_set_new(det, RC_KEY, v) < 0 ||
        !(t = ncp_json_dumps(det, JSON_COMPACT | JSON_SORT_KEYS)))
        a->failed = 1;
    else
        res = nc_article_strdup(a, t);
    free(t);
    json_decref(det);
    nc_buf_release(&xml);
    return res;
}

/* The kept element of the details text s: its XML parsed (the caller frees the document),
 * the remoteContent in *el; NULL when there is none. The rest of the details in *left
 * (a new reference, NULL when empty). */
static xmlDoc *kept_element(const char *s, xmlNode **el, json_t **left)
{
    json_t *det = s ? json_loads(s, 0, NULL) : NULL;
    const char *x = json_string_value(json_object_get(det, RC_KEY));
    nc_buf doc = NC_BUF_INIT;
    nc_error err;
    xmlDoc *d = NULL;
    xmlNode *root, *c;
    *el = NULL;
    *left = NULL;
    if (!x) {
        json_decref(det);
        return NULL;
    }
    nc_buf_puts(&doc, "<x xmlns=\"" NCP_NS_G2 "\">");
    nc_buf_puts(&doc, x);
    nc_buf_puts(&doc, "</x>");
    nc_error_clear(&err);
    if (!doc.failed)
        d = ncp_nml_parse(doc.ptr, doc.size, NULL, &err);
    nc_buf_release(&doc);
    root = d ? xmlDocGetRootElement(d) : NULL;
    c = root ? ncp_nml_first_el(root->children) : NULL;
    if (!c || !ncp_nml_is_g2(c, "remoteContent") || !c->ns || ncp_nml_next_el(c)) {
        xmlFreeDoc(d);
        json_decref(det);
        return NULL; /* not one remoteContent: an edited value, written as nc:details */
    }
    *el = c;
    json_object_del(det, RC_KEY);
    if (json_object_size(det))
        *left = json_incref(det);
    json_decref(det);
    return d;
}

int ncp_g2_rc_split(const char *details, const char *const *written, nc_buf *out,
                    const char **other, nc_article *scratch)
{
    static const char name[] = "<remoteContent";
    nc_buf b = NC_BUF_INIT;
    xmlNode *el;
    json_t *left;
    xmlDoc *d = kept_element(details, &el, &left);
    char *t = NULL;
    int rc = -1;
    *other = details;
    if (!d)
        return -1;
    ncp_g2x_serialize_but(&b, el, written);
    if (!b.failed && b.size > sizeof name - 1 && !memcmp(b.ptr, name, sizeof name - 1) &&
        (!left || (t = ncp_json_dumps(left, JSON_COMPACT | JSON_SORT_KEYS)) != NULL)) {
        nc_buf_put(out, b.ptr + sizeof name - 1, b.size - (sizeof name - 1));
        *other = t && scratch ? nc_article_strdup(scratch, t) : NULL;
        if (t && !*other)
            out->failed = 1;
        rc = 0;
    } else {
        out->failed = 1;
    }
    free(t);
    json_decref(left);
    xmlFreeDoc(d);
    nc_buf_release(&b);
    return rc;
}
