/* newsconv: what a page to publish leaves out unless --keep-internal.
 *
 * The HTML writer makes pages to publish, and the feed writers feeds to publish. What an input addresses to the editors who
 * receive it, or marks as not to be published, stays out of them (the exchange formats,
 * ninjs, NewsML-G2 and NITF, still carry it):
 *   - the editorial note (NewsML-G2 edNote, ninjs ednote, NITF ed-msg and npa notes), also
 *     when kept as an extra pair ("g2:itemMeta/edNote");
 *   - the contact details (contactInfo) of authors and entities;
 *   - inside agency XML kept whole as an extra pair (a newsMessage's other items, a
 *     package's groupSet, an element the model has no field for): every edNote,
 *     contactInfo, NITF ed-msg and note of type npa, and every element with a publishing
 *     constraint (NewsML-G2 @pubconstraint or @pubconstrainturi: "one or many constraints
 *     that apply to publishing the value of the property ... to all descendant elements");
 *     XML that does not parse, but names one of those, is left out whole;
 *   - the model's values that came from a property with a publishing constraint: the
 *     reader keeps such a property whole (the model has no field for the constraint), and
 *     a headline, summary, keyword, subject, author or link equal to its text or to its
 *     href, qcode, uri or literal is left out too. The constraint's vocabulary is the
 *     provider's (dpapconstraint:nonpublic): any constraint counts, since newsconv cannot
 *     tell which ones allow publishing.
 * Each kind left out is named in one warning. The feed writers, which write no notes,
 * contact details or extra pairs, use the last rule alone (NCP_PUBLISH_VALUES). */
#include "publish.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "common/dom.h"
#include "common/jsonalloc.h"
#include "common/xmlguard.h"

/* 1 for an extra pair that holds an editorial note (NewsML-G2's edNote kept as
 * "g2:itemMeta/edNote", with its role and publishing constraint; the annotations of
 * Superdesk's ninjs, the editors' comments on the text). */
static int internal_extra(const nc_kv *kv)
{
    size_t n = kv->key ? strlen(kv->key) : 0;
    return (n >= 7 && !strcmp(kv->key + n - 7, "/edNote")) ||
           (kv->key && !strcmp(kv->key, "ninjs:annotations"));
}

/* The details of an author or an entity without their contactInfo (e-mail addresses and
 * telephone numbers, for the editors who receive the item): *out is the rest as new JSON
 * text, or NULL when nothing is left. Returns 1 when contactInfo was there, 0 when not,
 * -1 when out of memory. */
static int strip_contact(const char *details, char **out)
{
    json_t *j;
    *out = NULL;
    if (!details || !strstr(details, "\"contactInfo\""))
        return 0;
    j = json_loads(details, 0, NULL);
    if (!json_is_object(j) || json_object_del(j, "contactInfo") < 0) {
        json_decref(j);
        return 0;
    }
    if (json_object_size(j) && !(*out = ncp_json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER))) {
        json_decref(j);
        return -1;
    }
    json_decref(j);
    return 1;
}

/* Appends the string t (owned from now on) to the list *v; -1 when out of memory (t is
 * freed). */
static int push_str(char ***v, size_t *n, size_t *cap, char *t)
{
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 16;
        char **g = realloc(*v, c * sizeof *g);
        if (!g) {
            free(t);
            return -1;
        }
        *v = g;
        *cap = c;
    }
    (*v)[(*n)++] = t;
    return 0;
}

/* A new text kept for the view (NULL: none), freed with ncp_publish_free. */
static int own_text(ncp_publish *pv, char *t)
{
    return t ? push_str(&pv->texts, &pv->n_texts, &pv->cap_texts, t) : 0;
}

/* Strips *details (strip_contact), keeping the new text in pv. */
static int strip_one(ncp_publish *pv, const char **details)
{
    char *t;
    int r = strip_contact(*details, &t);
    if (r > 0) {
        *details = t;
        if (own_text(pv, t) < 0)
            return -1;
    }
    return r;
}

/* ---- agency XML kept whole ---- */

/* A value of a property with a publishing constraint (its text, href, qcode, uri or
 * literal), which the model's fields must not show either. */
static int withhold(ncp_publish *pv, const char *s, size_t len)
{
    char *t;
    s = ncp_trim(s, &len);
    if (!len)
        return 0;
    if (!(t = malloc(len + 1)))
        return -1;
    memcpy(t, s, len);
    t[len] = '\0';
    return push_str(&pv->values, &pv->n_values, &pv->cap_values, t);
}

static const char *local_name(const xmlNode *n)
{
    const char *c = strchr((const char *)n->name, ':'); /* an undeclared prefix stays */
    return c ? c + 1 : (const char *)n->name;
}

static int has_attr(const xmlNode *n, const char *name)
{
    const xmlAttr *at;
    for (at = n->properties; at; at = at->next)
        if (!strcmp(local_name((const xmlNode *)at), name))
            return 1;
    return 0;
}

/* 1 when el is a note or contact details (the editors' own), 2 when it carries a
 * publishing constraint, 0 when a page may show it. */
static int internal_element(const xmlNode *el)
{
    const char *nm = local_name(el);
    xmlChar *type;
    int npa;
    if (has_attr(el, "pubconstraint") || has_attr(el, "pubconstrainturi"))
        return 2;
    if (!strcmp(nm, "edNote") || !strcmp(nm, "contactInfo") || !strcmp(nm, "ed-msg"))
        return 1;
    if (strcmp(nm, "note"))
        return 0;
    type = xmlGetProp(el, (const xmlChar *)"type");
    npa = type && !strcmp((const char *)type, "npa");
    xmlFree(type);
    return npa;
}

/* The values of a constrained property: its text and its reference attributes, and those
 * of each element inside it (a concept's name among its other details). */
static int constrained_values(ncp_publish *pv, const xmlNode *el)
{
    const xmlNode *c;
    static const char *const refs[] = {"href", "qcode", "uri", "literal", NULL};
    nc_buf text = NC_BUF_INIT;
    size_t i;
    int r;
    for (i = 0; refs[i]; i++) {
        xmlChar *v = xmlGetProp(el, (const xmlChar *)refs[i]);
        r = v ? withhold(pv, (const char *)v, strlen((const char *)v)) : 0;
        xmlFree(v);
        if (r < 0)
            return -1;
    }
    ncp_dom_text(el, &text);
    r = text.failed ? -1 : withhold(pv, text.ptr ? text.ptr : "", text.size);
    nc_buf_release(&text);
    for (c = el->children; c && r == 0; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            r = constrained_values(pv, c);
    return r;
}

/* Removes the internal elements under parent (internal_element), counting them in n[0]
 * (notes and contact details) and n[1] (constrained properties). */
static int scrub_tree(ncp_publish *pv, xmlNode *parent, size_t n[2])
{
    xmlNode *c = parent->children, *next;
    int k;
    for (; c; c = next) {
        next = c->next;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if ((k = internal_element(c)) != 0) {
            if (k == 2 && constrained_values(pv, c) < 0)
                return -1;
            n[k - 1]++;
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        } else if (scrub_tree(pv, c, n) < 0) {
            return -1;
        }
    }
    return 0;
}

/* 1 when the text of v may hold an internal element (a cheap test before a parse). */
static int may_hold_internal(const char *v)
{
    static const char *const names[] = {"edNote", "contactInfo", "pubconstraint", "ed-msg",
                                        "npa", NULL};
    size_t i;
    while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
        v++;
    if (*v != '<')
        return 0;
    for (i = 0; names[i]; i++)
        if (strstr(v, names[i]))
            return 1;
    return 0;
}

static void qname(nc_buf *b, const xmlNs *ns, const xmlChar *name)
{
    if (ns && ns->prefix)
        nc_buf_printf(b, "%s:", (const char *)ns->prefix);
    nc_buf_puts(b, (const char *)name);
}

/* The XML text of the children of root, as parsed: names with their prefixes, the
 * namespace declarations where they were, text and attribute values escaped; comments and
 * processing instructions are left out. (libxml2 2.9's xmlNodeDump frees a buffer twice
 * when an allocation fails.) No recursion: a walk in document order. */
static void serialize_children(nc_buf *b, const xmlNode *root)
{
    const xmlNode *n = root->children;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            const xmlNs *d;
            const xmlAttr *at;
            nc_buf_putc(b, '<');
            qname(b, n->ns, n->name);
            for (d = n->nsDef; d; d = d->next) {
                nc_buf_printf(b, " xmlns%s%s=\"", d->prefix ? ":" : "",
                              d->prefix ? (const char *)d->prefix : "");
                if (d->href)
                    ncp_xml_escape(b, (const char *)d->href, strlen((const char *)d->href), 1);
                nc_buf_putc(b, '"');
            }
            for (at = n->properties; at; at = at->next) {
                xmlChar *v = xmlNodeGetContent((const xmlNode *)at);
                nc_buf_putc(b, ' ');
                qname(b, at->ns, at->name);
                nc_buf_puts(b, "=\"");
                if (v)
                    ncp_xml_escape(b, (const char *)v, strlen((const char *)v), 1);
                else
                    b->failed = 1;
                nc_buf_putc(b, '"');
                xmlFree(v);
            }
            if (n->children) {
                nc_buf_putc(b, '>');
                n = n->children;
                continue;
            }
            nc_buf_puts(b, "/>");
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
                   n->content) {
            ncp_xml_escape(b, (const char *)n->content, strlen((const char *)n->content), 0);
        }
        while (!n->next && n->parent != root) {
            n = n->parent;
            nc_buf_puts(b, "</");
            qname(b, n->ns, n->name);
            nc_buf_putc(b, '>');
        }
        n = n->next;
    }
}

/* The kept XML v without its internal elements: *out is the new text (NULL: nothing is
 * left, or v does not parse and is left out whole). Returns 1 when something was left
 * out, 0 when v stays as it is, -1 when out of memory. */
static int scrub_xml(ncp_publish *pv, const char *v, char **out, size_t n[2])
{
    nc_buf src = NC_BUF_INIT, res = NC_BUF_INIT;
    xmlParserCtxtPtr ctxt;
    xmlDoc *doc;
    xmlNode *root;
    size_t before = n[0] + n[1];
    int oom;
    *out = NULL;
    if (!may_hold_internal(v))
        return 0;
    nc_buf_puts(&src, "<nc-kept>");
    nc_buf_puts(&src, v);
    nc_buf_puts(&src, "</nc-kept>");
    if (src.failed || src.size > 0x7fffffffu) {
        nc_buf_release(&src);
        return -1;
    }
    ncp_xml_quiet();
    if (!(ctxt = xmlNewParserCtxt())) {
        nc_buf_release(&src);
        return -1;
    }
    /* no network, no entity substitution, no DTD: the text is an element, kept whole; no
     * encoding given (UTF-8 without a declaration: libxml2 2.9's encoding switch does not
     * survive an allocation failure) */
    doc = xmlCtxtReadMemory(ctxt, src.ptr, (int)src.size, NULL, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    oom = ctxt->errNo == XML_ERR_NO_MEMORY || ncp_xml_alloc_failed();
    xmlFreeParserCtxt(ctxt);
    nc_buf_release(&src);
    if (oom) {
        xmlFreeDoc(doc);
        return -1;
    }
    if (!doc || !(root = xmlDocGetRootElement(doc))) {
        xmlFreeDoc(doc);
        n[0]++; /* names an internal element, cannot be checked: left out */
        return 1;
    }
    if (scrub_tree(pv, root, n) < 0) {
        xmlFreeDoc(doc);
        return -1;
    }
    if (n[0] + n[1] == before) {
        xmlFreeDoc(doc);
        return 0;
    }
    serialize_children(&res, root);
    xmlFreeDoc(doc);
    if (res.failed) {
        nc_buf_release(&res);
        return -1;
    }
    if (res.size) {
        size_t len = res.size;
        const char *t = ncp_trim(res.ptr, &len);
        if (len) {
            if (!(*out = malloc(len + 1))) {
                nc_buf_release(&res);
                return -1;
            }
            memcpy(*out, t, len);
            (*out)[len] = '\0';
        }
    }
    nc_buf_release(&res);
    return 1;
}

/* ---- the model's values from constrained properties ---- */

static int withheld(const ncp_publish *pv, const char *s)
{
    size_t i, len;
    if (!s)
        return 0;
    len = strlen(s);
    s = ncp_trim(s, &len);
    for (i = 0; i < pv->n_values; i++)
        if (strlen(pv->values[i]) == len && !memcmp(pv->values[i], s, len))
            return 1;
    return 0;
}

static int subject_withheld(const ncp_publish *pv, const nc_subject *s)
{
    return withheld(pv, s->name) || withheld(pv, s->code) || withheld(pv, s->uri);
}

/* Leaves the values equal to a constrained property's out of view; returns how many. */
static size_t withhold_values(nc_article *view, const ncp_publish *pv)
{
    size_t i, j, n = 0;
    for (i = 0; i < NC_F__COUNT; i++)
        if (i != NC_F_ID && withheld(pv, view->str[i])) {
            view->str[i] = NULL;
            n++;
        }
    for (i = j = 0; i < view->n_keywords; i++)
        if (!withheld(pv, view->keywords[i]))
            view->keywords[j++] = view->keywords[i];
    n += view->n_keywords - j;
    view->n_keywords = j;
    for (i = j = 0; i < view->n_subjects; i++)
        if (!subject_withheld(pv, &view->subjects[i]))
            view->subjects[j++] = view->subjects[i];
    n += view->n_subjects - j;
    view->n_subjects = j;
    for (i = j = 0; i < view->n_genres; i++)
        if (!subject_withheld(pv, &view->genres[i]))
            view->genres[j++] = view->genres[i];
    n += view->n_genres - j;
    view->n_genres = j;
    for (i = j = 0; i < view->n_authors; i++)
        if (!withheld(pv, view->authors[i].name))
            view->authors[j++] = view->authors[i];
    n += view->n_authors - j;
    view->n_authors = j;
    for (i = j = 0; i < view->n_links; i++)
        if (!withheld(pv, view->links[i].href))
            view->links[j++] = view->links[i];
    n += view->n_links - j;
    view->n_links = j;
    return n;
}

void ncp_publish_free(ncp_publish *pv)
{
    size_t i;
    for (i = 0; i < pv->n_texts; i++)
        free(pv->texts[i]);
    for (i = 0; i < pv->n_values; i++)
        free(pv->values[i]);
    free(pv->texts);
    free(pv->values);
    free(pv->authors);
    free(pv->subjects);
    free(pv->genres);
    free(pv->keywords);
    free(pv->links);
    free(pv->extra);
    memset(pv, 0, sizeof *pv);
}

/* The view's own copies of the lists it may shorten or change, so that the article
 * stays as it is. */
static int private_copies(nc_article *view, ncp_publish *pv)
{
#define COPY(field, n)                                                                     \
    do {                                                                                   \
        if (!(pv->field = malloc((view->n + 1) * sizeof *pv->field)))                      \
            return -1;                                                                     \
        if (view->n)                                                                       \
            memcpy(pv->field, view->field, view->n * sizeof *pv->field);                   \
        view->field = pv->field;                                                           \
    } while (0)
    COPY(authors, n_authors);
    COPY(subjects, n_subjects);
    COPY(genres, n_genres);
    COPY(keywords, n_keywords);
    COPY(links, n_links);
#undef COPY
    return (pv->extra = malloc((view->n_extra + 1) * sizeof *pv->extra)) ? 0 : -1;
}

static void warn_left_out(const nc_opts *o, const char *fmt, size_t notes, size_t xml_parts,
                          size_t values, long contacts)
{
    if (notes)
        nc_warn(o, 0, 0, "%s does not publish %zu editorial note%s kept as extra (internal; "
                         "--keep-internal writes them)", fmt, notes, notes == 1 ? "" : "s");
    if (xml_parts)
        nc_warn(o, 0, 0, "%s does not publish %zu part%s of kept agency XML marked internal "
                "(editorial notes, contact details, publishing constraints; --keep-internal "
                "writes them)", fmt, xml_parts, xml_parts == 1 ? "" : "s");
    if (values)
        nc_warn(o, 0, 0, "%s does not publish %zu value%s the input constrains from "
                "publishing (pubconstraint; --keep-internal writes them)", fmt, values,
                values == 1 ? "" : "s");
    if (contacts)
        nc_warn(o, 0, 0, "%s does not publish the contact details of %ld author%s or "
                "entit%s (internal; --keep-internal writes them)", fmt, contacts,
                contacts == 1 ? "" : "s", contacts == 1 ? "y" : "ies");
}

int ncp_publish_view(const nc_article *a, nc_article *view, ncp_publish *pv,
                     const nc_opts *o, const char *fmt, unsigned what)
{
    size_t i, notes = 0, parts[2] = {0, 0}, values = 0;
    long contacts = 0;
    int r;
    memset(pv, 0, sizeof *pv);
    *view = *a;
    if (nc_opts_flag(o, "keep-internal"))
        return 0;
    if (a->str[NC_F_EDNOTE] && (what & NCP_PUBLISH_PAGE)) {
        /* an editorial note is addressed to the editors who receive the item (NewsML-G2
         * edNote, ninjs ednote), often with names, e-mail addresses and telephone numbers */
        view->str[NC_F_EDNOTE] = NULL;
        nc_warn(o, 0, 0, "%s does not publish the editorial note (internal; "
                         "--keep-internal writes it)", fmt);
    }
    if (private_copies(view, pv) < 0)
        return -1;
    view->extra = pv->extra;
    view->n_extra = 0;
    for (i = 0; i < a->n_extra; i++) {
        nc_kv kv = a->extra[i];
        char *t = NULL;
        size_t ignored[2] = {0, 0};
        if (!(what & NCP_PUBLISH_PAGE)) {
            /* the constrained values only: the pairs stay (a feed names them not carried) */
            if (kv.value && !kv.json &&
                (scrub_xml(pv, kv.value, &t, ignored) < 0 || own_text(pv, t) < 0))
                return -1;
            pv->extra[view->n_extra++] = kv;
            continue;
        }
        if (internal_extra(&kv)) {
            notes++;
            continue;
        }
        if (kv.value && !kv.json) {
            if ((r = scrub_xml(pv, kv.value, &t, parts)) < 0 || own_text(pv, t) < 0)
                return -1;
            if (r > 0 && !t)
                continue; /* nothing of it may be published */
            if (r > 0)
                kv.value = t;
        }
        pv->extra[view->n_extra++] = kv;
    }
    if (pv->n_values)
        values = withhold_values(view, pv);
    /* contact details of authors and entities are for the receiving editors too */
    for (i = 0; (what & NCP_PUBLISH_PAGE) && i < view->n_authors; i++) {
        if ((r = strip_one(pv, &pv->authors[i].details)) < 0)
            return -1;
        contacts += r;
    }
    for (i = 0; (what & NCP_PUBLISH_PAGE) && i < view->n_subjects; i++) {
        if ((r = strip_one(pv, &pv->subjects[i].details)) < 0)
            return -1;
        contacts += r;
    }
    warn_left_out(o, fmt, notes, parts[0] + parts[1], values, contacts);
    return 0;
}
