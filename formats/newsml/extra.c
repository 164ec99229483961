/* newsconv: NewsML-G2 elements the model has no field for, kept as extra pairs so that the
 * G2 writer puts them back (issue 14: nothing lost silently; G2 -> G2 keeps the document).
 *
 * Key: "g2:" PARENT "/" NAME, the local names of the element and of the item part holding
 * it: "g2:itemMeta/fileName", "g2:rightsInfo/dataMining", "g2:contentMeta/altId",
 * "g2:header/destination" (a newsMessage's header), "g2:newsItem/catalogRef" (a part of
 * the item itself, also of a packageItem); an element of another namespace (a provider's
 * extension, which the schema allows at the end of itemMeta and contentMeta) is
 * "g2:itemMeta/rtr:versionedId", with its own prefix. Value: the element's text when it has
 * no attributes and no child elements ("dpa-G2"), else the element itself as XML
 * ("<service qcode=\"dpasrv:bdt\"><name>Basisdienst</name></service>"): G2 elements
 * without prefix (the G2 namespace is the default), elements of another namespace with
 * xmlns=, attributes of another namespace with a declared prefix. docs/formats.md
 * documents the scheme. */
#include "newsml.h"

#include <string.h>

#include <libxml/parser.h>

#define MAX_NS_ATTRS 8

static int blank(const char *s)
{
    for (; s && *s; s++)
        if (!strchr(" \t\r\n", *s))
            return 0;
    return 1;
}

/* 1 when n holds child elements and no text but white space: indentation is not data. */
static int element_only(const xmlNode *n)
{
    const xmlNode *c;
    int els = 0;
    for (c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE)
            els = 1;
        else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
                 !blank((const char *)c->content))
            return 0;
    }
    return els;
}

static const char *ns_of(const xmlNode *n)
{
    return n->ns && n->ns->href ? (const char *)n->ns->href : NULL;
}

/* The namespace an element's children inherit as default when written. */
static const char *written_ns(const xmlNode *n, const char *inherited)
{
    const char *ns = ns_of(n);
    return ns ? ns : inherited;
}

/* 1 when attribute at is left out: one of newsconv's, or one without namespace named in
 * skip (NULL: none left out). */
static int skipped(const xmlAttr *at, const char *const *skip)
{
    if (!skip)
        return 0;
    if (at->ns && at->ns->href)
        return !strcmp((const char *)at->ns->href, NCP_NS_NC);
    for (; *skip; skip++)
        if (!strcmp(*skip, (const char *)at->name))
            return 1;
    return 0;
}

static void start_tag(nc_buf *b, const char *lead, const xmlNode *n, const char *inherited,
                      const char *const *skip)
{
    const char *ns = ns_of(n);
    const xmlAttr *at;
    const xmlNs *declared[MAX_NS_ATTRS];
    size_t n_declared = 0, i;
    nc_buf_printf(b, "%s%s", lead, (const char *)n->name);
    if (ns && (!inherited || strcmp(ns, inherited))) {
        nc_buf_puts(b, " xmlns=\"");
        ncp_xml_escape(b, ns, strlen(ns), 1);
        nc_buf_putc(b, '"');
    }
    for (at = n->properties; at; at = at->next) {
        const xmlNs *ans = at->ns;
        const xmlChar *v;
        if (skipped(at, skip))
            continue;
        if (ans && ans->href && strcmp((const char *)ans->href, (const char *)XML_XML_NAMESPACE)) {
            const char *p = ans->prefix ? (const char *)ans->prefix : "ns";
            for (i = 0; i < n_declared; i++)
                if (declared[i] == ans)
                    break;
            if (i == n_declared) {
                if (n_declared == MAX_NS_ATTRS)
                    continue; /* more foreign namespaces than any vocabulary uses */
                declared[n_declared++] = ans;
                nc_buf_printf(b, " xmlns:%s=\"", p);
                ncp_xml_escape(b, (const char *)ans->href, strlen((const char *)ans->href), 1);
                nc_buf_putc(b, '"');
            }
            nc_buf_printf(b, " %s:%s=\"", p, (const char *)at->name);
        } else {
            nc_buf_printf(b, " %s%s=\"", ans ? "xml:" : "", (const char *)at->name);
        }
        v = at->children && at->children->content ? at->children->content : NULL;
        if (v)
            ncp_xml_escape(b, (const char *)v, strlen((const char *)v), 1);
        nc_buf_putc(b, '"');
    }
}

/* 1 when xml:space="preserve" holds for n (within el). */
static int preserved(const xmlNode *n, const xmlNode *el)
{
    for (; n; n = n == el ? NULL : n->parent) {
        const xmlAttr *at;
        for (at = n->type == XML_ELEMENT_NODE ? n->properties : NULL; at; at = at->next)
            if (at->ns && at->ns->href &&
                !strcmp((const char *)at->ns->href, (const char *)XML_XML_NAMESPACE) &&
                !strcmp((const char *)at->name, "space") && at->children &&
                at->children->content)
                return !strcmp((const char *)at->children->content, "preserve");
    }
    return 0;
}

/* A text node, its runs of white space made one space (indentation is not data: G2
 * readers collapse it) unless xml:space="preserve" says otherwise. */
static void text(nc_buf *b, const xmlNode *n, const xmlNode *el)
{
    const char *s = (const char *)n->content, *p;
    nc_buf run = NC_BUF_INIT;
    if (preserved(n, el)) {
        ncp_xml_escape(b, s, strlen(s), 0);
        return;
    }
    for (p = s; *p; p++) {
        if (strchr(" \t\r\n", *p)) {
            if (!run.size || run.ptr[run.size - 1] != ' ')
                nc_buf_putc(&run, ' ');
        } else {
            nc_buf_putc(&run, *p);
        }
    }
    if (run.size)
        ncp_xml_escape(b, run.ptr, run.size, 0);
    if (run.failed)
        b->failed = 1;
    nc_buf_release(&run);
}

/* Serializes el; prefix (not NULL): el, an element of another namespace, is written with
 * that prefix declared for its namespace ("<rtr:versionedId xmlns:rtr=...>"), the default
 * namespace of its children staying G2's. */
static void serialize(nc_buf *b, const xmlNode *el, const char *const *skip, const char *prefix)
{
    const xmlNode *n = el;
    const char *stack[NC_MAX_DEPTH + 2];
    int depth = 0;
    stack[0] = NCP_NS_G2;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            if (n == el && prefix) {
                nc_buf lead = NC_BUF_INIT, decl = NC_BUF_INIT;
                size_t at = b->size;
                nc_buf_printf(&lead, "<%s:", prefix);
                nc_buf_printf(&decl, " xmlns:%s=\"", prefix);
                /* no xmlns= for its own namespace; its prefix declared unless an attribute
                 * of that namespace declared it */
                start_tag(b, lead.ptr ? lead.ptr : "<", n, ns_of(n), skip);
                if (decl.ptr && !(b->ptr && strstr(b->ptr + at, decl.ptr))) {
                    nc_buf_puts(b, decl.ptr);
                    ncp_xml_escape(b, ns_of(n), strlen(ns_of(n)), 1);
                    nc_buf_putc(b, '"');
                }
                if (lead.failed || decl.failed)
                    b->failed = 1;
                nc_buf_release(&lead);
                nc_buf_release(&decl);
            } else {
                start_tag(b, "<", n, stack[depth], n == el ? skip : NULL);
            }
            if (n->children && depth < NC_MAX_DEPTH) {
                nc_buf_putc(b, '>');
                stack[depth + 1] = n == el && prefix ? stack[depth] : written_ns(n, stack[depth]);
                depth++;
                n = n->children;
                continue;
            }
            nc_buf_puts(b, "/>");
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
                   n->content && !(n->parent && element_only(n->parent))) {
            text(b, n, el);
        }
        /* next node in document order, closing the elements left */
        while (n != el && !n->next) {
            n = n->parent;
            depth--;
            nc_buf_printf(b, "</%s%s%s>", n == el && prefix ? prefix : "",
                          n == el && prefix ? ":" : "", (const char *)n->name);
        }
        n = n == el ? NULL : n->next;
    }
}

void ncp_g2x_serialize(nc_buf *b, const xmlNode *el)
{
    serialize(b, el, NULL, NULL);
}

void ncp_g2x_serialize_but(nc_buf *b, const xmlNode *el, const char *const *skip)
{
    serialize(b, el, skip, NULL);
}

/* 1 when el carries nothing but text. */
static int plain(const xmlNode *el)
{
    const xmlNode *c;
    if (el->properties)
        return 0;
    for (c = el->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return 0;
    return 1;
}

nc_kv *ncp_g2x_keep(nc_article *a, const xmlNode *el)
{
    nc_buf key = NC_BUF_INIT, val = NC_BUF_INIT;
    nc_kv *kv = NULL;
    int g2 = ncp_nml_is_g2(el, (const char *)el->name);
    const char *parent = el->parent && el->parent->type == XML_ELEMENT_NODE && el->parent->name
                             ? (const char *)el->parent->name
                             : "";
    if (!strcmp(parent, "packageItem"))
        parent = "newsItem"; /* the item's own parts: the writer writes a newsItem */
    if (g2)
        nc_buf_printf(&key, "g2:%s/%s", parent, (const char *)el->name);
    else /* a provider's extension: its prefix tells it from a G2 element */
        nc_buf_printf(&key, "g2:%s/%s:%s", parent,
                      el->ns && el->ns->prefix ? (const char *)el->ns->prefix : "x",
                      (const char *)el->name);
    if (g2 && plain(el)) { /* an extension is XML: its namespace with it */
        const char *t = ncp_nml_text(a, el);
        if (!t)
            t = "";
        if (*t != '<')
            nc_buf_puts(&val, t);
        else
            ncp_g2x_serialize(&val, el);
    } else {
        ncp_g2x_serialize(&val, el);
    }
    if (!key.failed && !val.failed)
        kv = nc_article_add_extra(a, key.ptr, val.ptr, 0);
    else
        a->failed = 1;
    nc_buf_release(&key);
    nc_buf_release(&val);
    return kv;
}

/* 1 for a <link> that loads a style sheet or a document into the page. */
static int loads_style(const xmlNode *link)
{
    xmlChar *rel = xmlGetProp(link, (const xmlChar *)"rel");
    int yes = 0;
    if (rel) {
        const char *p;
        for (p = (const char *)rel; *p; p++)
            if (!ncp_strncasecmp(p, "stylesheet", 10) || !ncp_strncasecmp(p, "import", 6))
                yes = 1;
    }
    xmlFree(rel);
    return yes;
}

/* 1 when the kept XML el would be active in a page that shows it: an XHTML (or SVG)
 * element that runs, loads or restyles content (script, style, iframe, object, embed,
 * form, base, a meta http-equiv, a style sheet link, ...), an event handler attribute (on...) of one, or on any
 * element a URL attribute (href, src, action, ...) with a scheme the publication policy
 * refuses (nc_url_allowed: javascript:, vbscript:, data: other than images). Kept XML is
 * written as it came (a furniture header into the body): the policy that holds every
 * field of the model must hold it too. No recursion: a walk in document order. */
static int active_content(const xmlNode *el)
{
    static const char *const elements[] = {"script", "style", "iframe", "frame", "frameset",
                                           "object", "embed", "applet", "base", "form",
                                           "noscript", "template", NULL};
    static const char *const urls[] = {"href", "src", "action", "formaction", "data",
                                       "poster", "background", "srcset", "xlink:href", NULL};
    const xmlNode *n = el;
    size_t i;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            const char *ns = ns_of(n);
            int web = ns && (!strcmp(ns, NCP_NS_XHTML) || !strcmp(ns, "http://www.w3.org/2000/svg"));
            const xmlAttr *at;
            for (i = 0; web && elements[i]; i++)
                if (!strcmp((const char *)n->name, elements[i]))
                    return 1;
            /* a meta that acts (http-equiv: refresh, cookies, a policy), a link that loads
             * a style sheet; a meta charset or a canonical link is inert */
            if (web && ((!strcmp((const char *)n->name, "meta") &&
                         xmlHasProp(n, (const xmlChar *)"http-equiv")) ||
                        (!strcmp((const char *)n->name, "link") && loads_style(n))))
                return 1;
            for (at = n->properties; at; at = at->next) {
                const char *an = (const char *)at->name;
                xmlChar *v;
                int bad = 0;
                if (web && (an[0] == 'o' || an[0] == 'O') && (an[1] == 'n' || an[1] == 'N'))
                    return 1;
                for (i = 0; urls[i]; i++)
                    if (!strcmp(an, strchr(urls[i], ':') ? strchr(urls[i], ':') + 1 : urls[i]))
                        break;
                if (!urls[i])
                    continue;
                v = xmlNodeGetContent((const xmlNode *)at);
                bad = v && !nc_url_allowed((const char *)v, NC_URL_LINK);
                xmlFree(v);
                if (bad)
                    return 1;
            }
            if (n->children) {
                n = n->children;
                continue;
            }
        }
        while (n != el && !n->next)
            n = n->parent;
        n = n == el ? NULL : n->next;
    }
    return 0;
}

int ncp_g2x_write(nc_buf *out, const char *name, const char *value, const nc_opts *o)
{
    const char *local = strchr(name, ':');
    nc_buf doc = NC_BUF_INIT;
    nc_error err;
    xmlDoc *d;
    xmlNode *root, *el;
    int rc = -1;
    if (*value != '<' && local)
        return -1; /* an extension is always kept as XML */
    if (*value != '<') {
        nc_buf_printf(out, "<%s>", name);
        ncp_xml_escape(out, value, strlen(value), 0);
        nc_buf_printf(out, "</%s>", name);
        return 0;
    }
    nc_buf_puts(&doc, "<x xmlns=\"" NCP_NS_G2 "\">");
    nc_buf_puts(&doc, value);
    nc_buf_puts(&doc, "</x>");
    nc_error_clear(&err);
    d = doc.failed ? NULL : ncp_nml_parse(doc.ptr, doc.size, NULL, &err);
    nc_buf_release(&doc);
    if (!d)
        return -1;
    root = xmlDocGetRootElement(d);
    el = root ? ncp_nml_first_el(root->children) : NULL;
    /* exactly one element of that name (G2, or of another namespace for a prefixed
     * name), nothing else but white space */
    if (el && active_content(el)) {
        nc_warn(o, 0, 0, "newsml: the kept %s holds active content (a script, an event "
                "handler or a script URL): written as an extension property", name);
        el = NULL;
    }
    if (el &&
        (local ? !ncp_nml_is_g2(el, local + 1) && !strcmp((const char *)el->name, local + 1)
               : ncp_nml_is_g2(el, name)) &&
        ns_of(el) && !ncp_nml_next_el(el) &&
        !ncp_nml_first_el(el->next ? el->next : NULL)) {
        const xmlNode *c;
        rc = 0;
        for (c = root->children; c; c = c->next)
            if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
                !blank((const char *)c->content))
                rc = -1;
        if (rc == 0 && local) { /* with the prefix of its name: it reads back the same */
            nc_buf pfx = NC_BUF_INIT;
            nc_buf_put(&pfx, name, (size_t)(local - name));
            if (pfx.failed)
                out->failed = 1;
            else
                serialize(out, el, NULL, pfx.ptr);
            nc_buf_release(&pfx);
        } else if (rc == 0) {
            ncp_g2x_serialize(out, el);
        }
    }
    xmlFreeDoc(d);
    return rc;
}

/* Collects the href and residref of every itemRef under el into b, each followed by NUL. */
static void item_refs(nc_buf *b, const xmlNode *el)
{
    const xmlNode *c;
    for (c = el->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (ncp_nml_is_g2(c, "itemRef")) {
            const char *v[2];
            size_t k;
            v[0] = ncp_nml_attr(c, "href");
            v[1] = ncp_nml_attr(c, "residref");
            for (k = 0; k < 2; k++)
                if (v[k] && *v[k])
                    nc_buf_put(b, v[k], strlen(v[k]) + 1);
        } else {
            item_refs(b, c);
        }
    }
}

char *ncp_g2x_group_refs(const char *value)
{
    nc_buf doc = NC_BUF_INIT, refs = NC_BUF_INIT;
    nc_error err;
    xmlDoc *d;
    xmlNode *root;
    size_t n;
    if (!value || *value != '<')
        return NULL;
    nc_buf_puts(&doc, "<x xmlns=\"" NCP_NS_G2 "\">");
    nc_buf_puts(&doc, value);
    nc_buf_puts(&doc, "</x>");
    nc_error_clear(&err);
    d = doc.failed ? NULL : ncp_nml_parse(doc.ptr, doc.size, NULL, &err);
    nc_buf_release(&doc);
    if (!d)
        return NULL;
    root = xmlDocGetRootElement(d);
    if (root)
        item_refs(&refs, root);
    nc_buf_putc(&refs, '\0');
    xmlFreeDoc(d);
    return nc_buf_detach(&refs, &n);
}
