/* newsconv: NITF (News Industry Text Format) 3.x: reading stand-alone documents and bodies
 * inside NewsML, writing NITF 3.6 (valid against nitf-3-6.xsd). docs/formats.md gives the
 * mapping. */
#include "newsml.h"

#include <stdlib.h>
#include <string.h>

/* ======================================================================== reading */

/* 1 when the class attribute of n holds the word w. */
static int has_class(const xmlNode *n, const char *w)
{
    const char *c = ncp_nml_attr(n, "class");
    size_t wl = strlen(w);
    if (!c)
        return 0;
    while (*c) {
        size_t l = 0;
        while (*c == ' ' || *c == '\t' || *c == '\n')
            c++;
        while (c[l] && c[l] != ' ' && c[l] != '\t' && c[l] != '\n')
            l++;
        if (l == wl && !ncp_strncasecmp(c, w, wl))
            return 1;
        c += l;
    }
    return 0;
}

static const char *class_prefixed(const xmlNode *n, const char *prefix, char *out, size_t outlen)
{
    const char *c = ncp_nml_attr(n, "class");
    size_t pl = strlen(prefix);
    if (!c)
        return NULL;
    while (*c) {
        size_t l = 0;
        while (*c == ' ')
            c++;
        while (c[l] && c[l] != ' ')
            l++;
        if (l > pl && !strncmp(c, prefix, pl) && l - pl < outlen) {
            memcpy(out, c + pl, l - pl);
            out[l - pl] = '\0';
            return out;
        }
        c += l;
    }
    return NULL;
}

/* Tree edits that note an allocation failure in *oom (libxml2 returns NULL, or leaves a
 * renamed node without a name). */
static xmlNode *new_el(xmlNode *ref, const char *name, int *oom)
{
    xmlNode *n = xmlNewDocNode(ref->doc, NULL, (const xmlChar *)name, NULL);
    if (!n)
        *oom = 1;
    return n;
}

static void set_prop(xmlNode *n, const char *name, const char *value, int *oom)
{
    xmlAttr *at = xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value);
    /* libxml2 may keep the attribute when its value's text node cannot be allocated */
    if (!at || (*value && (!at->children || !at->children->content ||
                           strcmp((const char *)at->children->content, value))))
        *oom = 1;
}

static void set_name(xmlNode *n, const char *name, int *oom)
{
    xmlNodeSetName(n, (const xmlChar *)name);
    /* with a dictionary, a failed lookup leaves the old name in place (no NULL) */
    if (!n->name || strcmp((const char *)n->name, name))
        *oom = 1;
}

/* Rewrites one NITF <media> element into the figure shape formats/common/dom.c
 * reads: alternate-text/name become alt/title, media-producer becomes the credit span of
 * the caption, an embed (class="embed") becomes <figure class="embed"><a href>. */
static void prepare_media(xmlNode *m, int *oom)
{
    xmlNode *c, *next, *ref = NULL, *caption = NULL;
    for (c = m->children; c; c = c->next)
        if (ncp_nml_is_el(c) && !strcmp((const char *)c->name, "media-reference") && !ref)
            ref = c;
    if (has_class(m, "embed")) {
        const char *src = ref ? ncp_nml_attr(ref, "source") : NULL;
        char *u = src ? strdup(src) : NULL;
        xmlNode *a;
        for (c = m->children; c; c = next) {
            next = c->next;
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
        set_name(m, "figure", oom);
        if (src && !u)
            *oom = 1;
        if (u && (a = new_el(m, "a", oom)) != NULL) {
            set_prop(a, "href", u, oom);
            xmlNodeAddContent(a, (const xmlChar *)u);
            xmlAddChild(m, a);
        }
        free(u);
        return;
    }
    if (ref) {
        const char *alt = ncp_nml_attr(ref, "alternate-text"), *name = ncp_nml_attr(ref, "name");
        const char *src = ncp_nml_attr(ref, "source");
        if (alt && !ncp_nml_attr(ref, "alt"))
            set_prop(ref, "alt", alt, oom);
        if (name && !ncp_nml_attr(ref, "title"))
            set_prop(ref, "title", name, oom);
        if (src && !ncp_nml_attr(ref, "src"))
            set_prop(ref, "src", src, oom);
    }
    for (c = m->children; c; c = c->next)
        if (ncp_nml_is_el(c) && !strcmp((const char *)c->name, "media-caption") && !caption)
            caption = c;
    for (c = m->children; c; c = next) {
        next = c->next;
        if (ncp_nml_is_el(c) && !strcmp((const char *)c->name, "media-producer")) {
            if (!caption) {
                caption = new_el(m, "media-caption", oom);
                if (!caption)
                    return;
                xmlAddChild(m, caption);
            }
            xmlUnlinkNode(c);
            set_name(c, "span", oom);
            set_prop(c, "class", "credit", oom);
            xmlAddChild(caption, c);
        }
    }
}

/* Maps newsconv's NITF conventions (and NITF's own media) onto element names that
 * formats/common/dom.c reads: <em class="strong|sup|sub|code|del|ins|strike">, <hl2 class="hN">,
 * <a class="image">, <pre class="language-X">, <ol seqnum>. Iterative walk. */
int ncp_nitf_prepare(xmlNode *root)
{
    xmlNode *n = root;
    char buf[64];
    int oom = 0;
    while (n) {
        if (n->type == XML_ELEMENT_NODE && n->name) {
            const char *nm = (const char *)n->name;
            if (!strcmp(nm, "em")) {
                static const char *const map[] = {"strong", "strong", "bold", "strong",
                                                  "sup", "sup", "sub", "sub", "code", "code",
                                                  "del", "del", "ins", "ins", "strike", "s"};
                size_t i;
                for (i = 0; i < sizeof map / sizeof map[0]; i += 2)
                    if (has_class(n, map[i])) {
                        set_name(n, map[i + 1], &oom);
                        break;
                    }
            } else if (!strcmp(nm, "hl2")) {
                const char *h = class_prefixed(n, "h", buf, sizeof buf);
                if (h && h[0] >= '1' && h[0] <= '6' && !h[1]) {
                    char name[3] = {'h', h[0], '\0'};
                    set_name(n, name, &oom);
                }
            } else if (!strcmp(nm, "a") && has_class(n, "image")) {
                xmlChar *alt = xmlNodeGetContent(n);
                const char *href = ncp_nml_attr(n, "href");
                xmlNode *c, *next;
                if (href)
                    set_prop(n, "src", href, &oom);
                if (alt && *alt)
                    set_prop(n, "alt", (const char *)alt, &oom);
                xmlFree(alt);
                for (c = n->children; c; c = next) {
                    next = c->next;
                    xmlUnlinkNode(c);
                    xmlFreeNode(c);
                }
                set_name(n, "img", &oom);
            } else if (!strcmp(nm, "pre")) {
                const char *lang = class_prefixed(n, "language-", buf, sizeof buf);
                xmlNode *code;
                if (lang && (code = new_el(n, "code", &oom)) != NULL) {
                    xmlNode *c, *next;
                    char cls[80];
                    snprintf(cls, sizeof cls, "language-%s", lang);
                    set_prop(code, "class", cls, &oom);
                    for (c = n->children; c; c = next) {
                        next = c->next;
                        xmlUnlinkNode(c);
                        xmlAddChild(code, c);
                    }
                    xmlAddChild(n, code);
                }
            } else if (!strcmp(nm, "ol")) {
                const char *s = ncp_nml_attr(n, "seqnum");
                if (s && !ncp_nml_attr(n, "start"))
                    set_prop(n, "start", s, &oom);
            } else if (!strcmp(nm, "media")) {
                prepare_media(n, &oom);
            } else if (!strcmp(nm, "virtloc")) {
                /* a virtual location: a link when its value is an address */
                const char *v = ncp_nml_attr(n, "value");
                if (v && (!strncmp(v, "http://", 7) || !strncmp(v, "https://", 8) ||
                          !strncmp(v, "mailto:", 7)) && !ncp_nml_attr(n, "href")) {
                    set_prop(n, "href", v, &oom);
                    set_name(n, "a", &oom);
                }
            } else if (!strcmp(nm, "postaddr")) {
                /* its parts (addressee, delivery.point, postcode, ...) are lines of an
                 * address: set off by ", " where nothing separates them */
                xmlNode *c;
                for (c = n->children; c; c = c->next)
                    if (c->type == XML_ELEMENT_NODE && c->prev &&
                        c->prev->type == XML_ELEMENT_NODE) {
                        xmlNode *sep = xmlNewText((const xmlChar *)", ");
                        if (!sep)
                            oom = 1;
                        else
                            xmlAddPrevSibling(c, sep);
                    }
            }
        }
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next)
            n = n->parent;
        if (!n || n == root)
            break;
        n = n->next;
    }
    return oom ? -1 : 0;
}

/* A byline's own text, unless it only wraps <person> elements. */
static int byline_has_text(const xmlNode *b)
{
    const xmlNode *c;
    for (c = b->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) {
            size_t l = strlen((const char *)c->content);
            ncp_trim((const char *)c->content, &l);
            if (l)
                return 1;
        } else if (ncp_nml_is_el(c) && strcmp((const char *)c->name, "person")) {
            return 1;
        }
    }
    return 0;
}

/* A byline's text, its <byttl> (the writer's title) set off by ", " rather than glued
 * to the name ("By BERNARD CONDON, AP Business Writer"). */
static const char *byline_text(nc_article *a, const xmlNode *b)
{
    nc_buf t = NC_BUF_INIT;
    const char *r;
    const xmlNode *d;
    for (d = b->children; d; d = d->next) {
        xmlChar *s = xmlNodeGetContent(d);
        if (!s)
            continue;
        if (ncp_nml_is_el(d) && !strcmp((const char *)d->name, "byttl") && *s) {
            nc_buf_rtrim(&t);
            if (t.size && t.ptr[t.size - 1] != ',')
                nc_buf_putc(&t, ',');
            nc_buf_putc(&t, ' ');
        }
        nc_buf_puts(&t, (const char *)s);
        xmlFree(s);
    }
    r = ncp_nml_collapse(a, t.ptr);
    nc_buf_release(&t);
    return r;
}

/* 1 when a dateline's story.date shows text other than its norm restated ("Dec. 4"; EFE
 * repeats "20170102T222800+0000"): that text is part of the dateline as printed. */
static int story_date_shown(const xmlNode *d)
{
    xmlChar *s = xmlNodeGetContent(d);
    const char *norm = ncp_nml_attr(d, "norm"), *p;
    size_t n;
    int shown;
    if (!s)
        return 0;
    n = strlen((const char *)s);
    p = ncp_trim((const char *)s, &n);
    shown = n && !(norm && strlen(norm) == n && !strncmp(norm, p, n));
    xmlFree(s);
    return shown;
}

/* A body.head note. One not for publication (type="npa", NITF's non-publishable advisory)
 * is a line of the editorial note, which -t html leaves out; any other (a standard or
 * publishable note, an editor's note printed with the story) is kept as extra
 * "nitf:body.head/note" (it was dropped). */
static void body_head_note(nc_article *a, const xmlNode *c)
{
    const char *type = ncp_nml_attr(c, "type"), *t = ncp_nml_text(a, c);
    nc_buf b = NC_BUF_INIT;
    if (!t)
        return;
    if (!type || strcmp(type, "npa")) {
        if (!nc_article_add_extra(a, "nitf:body.head/note", t, 0))
            a->failed = 1;
        return;
    }
    if (a->str[NC_F_EDNOTE])
        nc_buf_printf(&b, "%s\n%s", a->str[NC_F_EDNOTE], t);
    else
        nc_buf_puts(&b, t);
    if (b.failed || nc_article_sets(a, NC_F_EDNOTE, b.ptr) < 0)
        a->failed = 1;
    nc_buf_release(&b);
}

/* The text of a dateline: a story.date's only when it shows more than its norm, which is
 * the creation date. */
static const char *dateline_text(nc_article *a, const xmlNode *c)
{
    nc_buf t = NC_BUF_INIT;
    const xmlNode *d;
    const char *r;
    for (d = c->children; d; d = d->next) {
        xmlChar *s;
        if (ncp_nml_is_el(d) && !strcmp((const char *)d->name, "story.date") &&
            !story_date_shown(d))
            continue;
        s = xmlNodeGetContent(d);
        if (s) {
            nc_buf_puts(&t, (const char *)s);
            xmlFree(s);
        }
    }
    r = ncp_nml_collapse(a, t.ptr);
    if (t.failed)
        a->failed = 1;
    nc_buf_release(&t);
    return r;
}

/* A byline's person: the name is its text without the <function>, which is the role. */
static void person(nc_article *a, const xmlNode *p)
{
    nc_buf t = NC_BUF_INIT;
    const xmlNode *c;
    const char *role = NULL, *name;
    for (c = p->children; c; c = c->next) {
        if (ncp_nml_is_el(c) && !strcmp((const char *)c->name, "function")) {
            if (!role)
                role = ncp_nml_text(a, c);
            continue;
        }
        {
            xmlChar *s = xmlNodeGetContent(c);
            if (s) {
                nc_buf_puts(&t, (const char *)s);
                xmlFree(s);
            }
        }
    }
    name = ncp_nml_collapse(a, t.ptr);
    if (t.failed)
        a->failed = 1;
    nc_buf_release(&t);
    if (name || role)
        nc_article_add_author(a, name, role, NULL, NULL);
}

static void read_body_head(nc_article *a, xmlNode *bh, const nc_opts *o)
{
    xmlNode *c, *d;
    int have_byline = a->str[NC_F_BYLINE] != NULL;
    for (c = ncp_nml_first_el(bh->children); c; c = ncp_nml_next_el(c)) {
        const char *nm = (const char *)c->name;
        if (!strcmp(nm, "hedline") || !strcmp(nm, "headline")) {
            /* AP writes <headline> for NITF's <hedline> */
            int sub = 0;
            for (d = ncp_nml_first_el(c->children); d; d = ncp_nml_next_el(d)) {
                if (!strcmp((const char *)d->name, "hl1"))
                    ncp_nml_set(a, NC_F_HEADLINE, ncp_nml_text(a, d));
                else if (!strcmp((const char *)d->name, "hl2") && !sub++)
                    ncp_nml_set(a, NC_F_SUBHEADLINE, ncp_nml_text(a, d));
            }
        } else if (!strcmp(nm, "rights")) {
            ncp_nml_set(a, NC_F_COPYRIGHT_HOLDER,
                        ncp_nml_text(a, ncp_nml_child_nitf(c, "rights.owner")));
        } else if (!strcmp(nm, "byline")) {
            if (!have_byline && byline_has_text(c)) {
                ncp_nml_set(a, NC_F_BYLINE, byline_text(a, c));
                have_byline = 1;
            }
            for (d = ncp_nml_first_el(c->children); d; d = ncp_nml_next_el(d))
                if (!strcmp((const char *)d->name, "person"))
                    person(a, d);
        } else if (!strcmp(nm, "distributor")) {
            ncp_nml_set(a, NC_F_PROVIDER, ncp_nml_text(a, c));
        } else if (!strcmp(nm, "dateline")) {
            for (d = ncp_nml_first_el(c->children); d; d = ncp_nml_next_el(d)) {
                if (!strcmp((const char *)d->name, "story.date"))
                    ncp_nml_set_date_str(a, NC_T_CREATED, ncp_nml_attr(d, "norm"), d, o);
                else if (!strcmp((const char *)d->name, "location"))
                    ncp_nml_set(a, NC_F_LOCATION,
                                ncp_nml_text(a, ncp_nml_child_nitf(d, "city")
                                                    ? ncp_nml_child_nitf(d, "city")
                                                    : d));
            }
            ncp_nml_set(a, NC_F_DATELINE, dateline_text(a, c));
        } else if (!strcmp(nm, "abstract")) {
            ncp_nml_set(a, NC_F_SUMMARY, ncp_nml_text(a, c));
        } else if (!strcmp(nm, "note")) {
            body_head_note(a, c);
        }
    }
}

static int keep_head_text(nc_article *a, const char *name, const char *text, nc_field f)
{
    char key[64];
    const char *field = a->str[f] ? ncp_nml_collapse(a, a->str[f]) : NULL;
    if (!text || !field || !strcmp(text, field))
        return 0; /* the field holds it, white space aside (or nothing to keep) */
    snprintf(key, sizeof key, "%s%s", NCP_G2_HEAD_TEXT, name);
    return nc_article_add_extra(a, key, text, 0) ? 0 : -1;
}

int ncp_nitf_keep_head(nc_article *a, xmlNode *bh)
{
    xmlNode *c, *d;
    int hl = 0, by = 0, dl = 0, ab = 0, di = 0, rc = 0;
    for (c = ncp_nml_first_el(bh->children); c && rc == 0; c = ncp_nml_next_el(c)) {
        const char *nm = (const char *)c->name;
        if ((!strcmp(nm, "hedline") || !strcmp(nm, "headline")) && !hl++) {
            int sub = 0, h1 = 0;
            for (d = ncp_nml_first_el(c->children); d && rc == 0; d = ncp_nml_next_el(d)) {
                if (!strcmp((const char *)d->name, "hl1") && !h1++)
                    rc = keep_head_text(a, "hl1", ncp_nml_text(a, d), NC_F_HEADLINE);
                else if (!strcmp((const char *)d->name, "hl2") && !sub++)
                    rc = keep_head_text(a, "hl2", ncp_nml_text(a, d), NC_F_SUBHEADLINE);
            }
        } else if (!strcmp(nm, "byline") && byline_has_text(c) && !by++) {
            rc = keep_head_text(a, "byline", byline_text(a, c), NC_F_BYLINE);
        } else if (!strcmp(nm, "dateline") && !dl++) {
            rc = keep_head_text(a, "dateline", dateline_text(a, c), NC_F_DATELINE);
        } else if (!strcmp(nm, "abstract") && !ab++) {
            rc = keep_head_text(a, "abstract", ncp_nml_text(a, c), NC_F_SUMMARY);
        } else if (!strcmp(nm, "distributor") && !di++) {
            rc = keep_head_text(a, "distributor", ncp_nml_text(a, c), NC_F_PROVIDER);
        }
    }
    return rc;
}

static void subject_from_tobject(nc_article *a, const xmlNode *s)
{
    const char *ref = ncp_nml_attr(s, "tobject.subject.refnum");
    const char *ipr = ncp_nml_attr(s, "tobject.subject.ipr");
    const char *name = ncp_nml_attr(s, "tobject.subject.detail");
    char code[80];
    if (!name || !*name)
        name = ncp_nml_attr(s, "tobject.subject.matter");
    if (!name || !*name)
        name = ncp_nml_attr(s, "tobject.subject.type");
    ref = ncp_nml_collapse(a, ref);
    if (!ref)
        return;
    if (strlen(ref) == 8 && strspn(ref, "0123456789") == 8 && (!ipr || !strcmp(ipr, "IPTC"))) {
        snprintf(code, sizeof code, "subj:%s", ref);
        ref = code;
    }
    nc_article_add_subject(a, ncp_nml_collapse(a, name), ref, NULL);
}

/* The entities NITF's identified-content names, and the attributes of their code and its
 * source (a location: location-code and code-source). */
static const struct {
    const char *el;
    nc_subject_type type;
} identified[] = {{"person", NC_SUBJECT_PERSON},   {"org", NC_SUBJECT_ORGANISATION},
                  {"location", NC_SUBJECT_PLACE},  {"event", NC_SUBJECT_EVENT},
                  {"object.title", NC_SUBJECT_OBJECT}, {"classifier", NC_SUBJECT_TOPIC}};

/* The name of an identified entity: its text, the parts of a structured one (a location's
 * sublocation, city, state, region, country; a person's given and family name) joined
 * with ", " (a location) or " ", leaving out a person's function and alternative code,
 * which are no part of the name. */
static const char *entity_name(nc_article *a, const xmlNode *e, int place)
{
    nc_buf b = NC_BUF_INIT;
    const xmlNode *c;
    const char *name;
    for (c = e->children; c; c = c->next) {
        const char *t;
        if (c->type == XML_ELEMENT_NODE &&
            (!strcmp((const char *)c->name, "function") ||
             !strcmp((const char *)c->name, "alt-code")))
            continue;
        if (c->type != XML_ELEMENT_NODE && c->type != XML_TEXT_NODE)
            continue;
        t = c->type == XML_TEXT_NODE ? ncp_nml_collapse(a, (const char *)c->content)
                                     : ncp_nml_text(a, c);
        if (!t || (place && !strcmp(t, ",")))
            continue;
        if (b.size)
            nc_buf_puts(&b, place && c->type == XML_ELEMENT_NODE ? ", " : " ");
        nc_buf_puts(&b, t);
    }
    if (b.failed)
        a->failed = 1;
    name = b.size ? ncp_nml_collapse(a, b.ptr) : NULL;
    nc_buf_release(&b);
    return name;
}

/* docdata/identified-content: people, organisations, locations, events, objects as
 * entities with their codes; a classifier as a subject (its source, or type, the
 * scheme). */
static void identified_content(nc_article *a, const xmlNode *ic)
{
    xmlNode *e;
    size_t i;
    for (e = ncp_nml_first_el(ic->children); e; e = ncp_nml_next_el(e)) {
        const char *nm = (const char *)e->name, *name, *code, *scheme;
        for (i = 0; i < sizeof identified / sizeof identified[0]; i++)
            if (!strcmp(nm, identified[i].el))
                break;
        if (i == sizeof identified / sizeof identified[0])
            continue; /* chron, money, num, virtloc, ...: the drop check names them */
        name = entity_name(a, e, identified[i].type == NC_SUBJECT_PLACE);
        code = ncp_nml_collapse(a, ncp_nml_attr(e, "value"));
        scheme = ncp_nml_collapse(a, ncp_nml_attr(e, "idsrc"));
        if (identified[i].type == NC_SUBJECT_PLACE) {
            code = ncp_nml_collapse(a, ncp_nml_attr(e, "location-code"));
            scheme = ncp_nml_collapse(a, ncp_nml_attr(e, "code-source"));
        } else if (identified[i].type == NC_SUBJECT_TOPIC && !scheme) {
            scheme = ncp_nml_collapse(a, ncp_nml_attr(e, "type"));
        }
        if ((name || code) && !nc_article_add_entity(a, identified[i].type, name, code, scheme))
            a->failed = 1;
    }
}

/* head/meta names newsconv writes for fields NITF has no element for. */
static const struct {
    const char *meta;
    nc_field field;
} meta_fields[] = {{"slugline", NC_F_SLUGLINE},
                   {"credit", NC_F_CREDIT},
                   {"copyright", NC_F_COPYRIGHT_NOTICE},
                   {"usage-terms", NC_F_USAGE_TERMS},
                   {"url", NC_F_URL},
                   {"version", NC_F_VERSION}};

static void read_head(nc_article *a, xmlNode *head, const nc_opts *o)
{
    xmlNode *c, *d;
    for (c = ncp_nml_first_el(head->children); c; c = ncp_nml_next_el(c)) {
        const char *nm = (const char *)c->name;
        if (!strcmp(nm, "title")) {
            /* the document's title: the headline when body.head has none; a title unlike
             * the hl1 (a desk's working title) is kept, and the NITF writer writes it */
            const char *t = ncp_nml_text(a, c);
            const char *h = a->str[NC_F_HEADLINE] ? ncp_nml_collapse(a, a->str[NC_F_HEADLINE])
                                                  : NULL; /* (NULL out of memory: marked) */
            if (!a->str[NC_F_HEADLINE])
                ncp_nml_set(a, NC_F_HEADLINE, t);
            else if (t && h && strcmp(t, h))
                nc_article_add_extra(a, NCP_NITF_TITLE, t, 0); /* (a failure is marked) */
        } else if (!strcmp(nm, "meta")) {
            const char *name = ncp_nml_attr(c, "name"), *content = ncp_nml_attr(c, "content");
            size_t i;
            int known = 0;
            if (!name || !content)
                continue;
            for (i = 0; i < sizeof meta_fields / sizeof meta_fields[0]; i++)
                if (!strcmp(name, meta_fields[i].meta)) {
                    ncp_nml_set(a, meta_fields[i].field, ncp_nml_collapse(a, content));
                    known = 1;
                }
            if (!known)
                nc_article_add_extra(a, name, content, 0);
        } else if (!strcmp(nm, "tobject")) {
            for (d = ncp_nml_first_el(c->children); d; d = ncp_nml_next_el(d)) {
                if (!strcmp((const char *)d->name, "tobject.subject")) {
                    subject_from_tobject(a, d);
                } else if (!strcmp((const char *)d->name, "tobject.property")) {
                    const char *g = ncp_nml_collapse(a, ncp_nml_attr(d, "tobject.property.type"));
                    if (g)
                        nc_article_add_genre(a, g, NULL, NULL);
                }
            }
        } else if (!strcmp(nm, "docdata")) {
            const char *ms = ncp_nml_attr(c, "management-status");
            xmlNode *issue = NULL, *release = NULL;
            nc_buf notes = NC_BUF_INIT;
            if (ms && !strncmp(ms, "stat:", 5))
                ms += 5;
            ncp_nml_set(a, NC_F_PUBSTATUS, ncp_nml_collapse(a, ms));
            for (d = ncp_nml_first_el(c->children); d; d = ncp_nml_next_el(d)) {
                const char *dn = (const char *)d->name;
                if (!strcmp(dn, "doc-id")) {
                    ncp_nml_set(a, NC_F_ID, ncp_nml_collapse(a, ncp_nml_attr(d, "id-string")));
                } else if (!strcmp(dn, "urgency")) {
                    const char *u = ncp_nml_attr(d, "ed-urg");
                    if (u && !a->urgency && u[0] >= '1' && u[0] <= '9' && !u[1])
                        a->urgency = u[0] - '0';
                } else if (!strcmp(dn, "date.issue")) {
                    issue = d;
                    ncp_nml_set_date_str(a, NC_T_PUBLISHED, ncp_nml_attr(d, "norm"), d, o);
                } else if (!strcmp(dn, "date.release")) {
                    release = d;
                } else if (!strcmp(dn, "date.expire")) {
                    ncp_nml_set_date_str(a, NC_T_EXPIRES, ncp_nml_attr(d, "norm"), d, o);
                } else if (!strcmp(dn, "doc.copyright")) {
                    ncp_nml_set(a, NC_F_COPYRIGHT_HOLDER,
                                ncp_nml_collapse(a, ncp_nml_attr(d, "holder")));
                } else if (!strcmp(dn, "key-list")) {
                    xmlNode *k;
                    for (k = ncp_nml_first_el(d->children); k; k = ncp_nml_next_el(k)) {
                        const char *kw = ncp_nml_collapse(a, ncp_nml_attr(k, "key"));
                        if (kw && !strcmp((const char *)k->name, "keyword"))
                            nc_article_add_keyword(a, kw);
                    }
                } else if (!strcmp(dn, "identified-content")) {
                    identified_content(a, d);
                } else if (!strcmp(dn, "ed-msg")) {
                    const char *m = ncp_nml_collapse(a, ncp_nml_attr(d, "info"));
                    if (m)
                        nc_buf_printf(&notes, "%s%s", notes.size ? "\n" : "", m);
                } else if (!strcmp(dn, "evloc")) {
                    ncp_nml_set(a, NC_F_LOCATION, ncp_nml_collapse(a, ncp_nml_attr(d, "city")));
                } else if (!strcmp(dn, "del-list")) {
                    xmlNode *fs = ncp_nml_child_nitf(d, "from-src");
                    if (fs)
                        ncp_nml_set(a, NC_F_PROVIDER,
                                    ncp_nml_collapse(a, ncp_nml_attr(fs, "src-name")));
                }
            }
            if (notes.size && a->str[NC_F_EDNOTE]) /* after a body.head npa note: first */
                nc_buf_printf(&notes, "\n%s", a->str[NC_F_EDNOTE]);
            if (notes.size && (notes.failed || nc_article_sets(a, NC_F_EDNOTE, notes.ptr) < 0))
                a->failed = 1;
            nc_buf_release(&notes);
            /* a release later than the issue is an embargo */
            if (release) {
                const char *rn = ncp_nml_attr(release, "norm");
                const char *in = issue ? ncp_nml_attr(issue, "norm") : NULL;
                if (rn && (!in || strcmp(rn, in)))
                    ncp_nml_set_date_str(a, NC_T_EMBARGO, rn, release, o);
            }
        } else if (!strcmp(nm, "pubdata")) {
            ncp_nml_set_date_str(a, NC_T_PUBLISHED, ncp_nml_attr(c, "date.publication"), c, o);
            ncp_nml_set(a, NC_F_PUBLISHER, ncp_nml_collapse(a, ncp_nml_attr(c, "name")));
            ncp_nml_set(a, NC_F_SECTION,
                        ncp_nml_collapse(a, ncp_nml_attr(c, "position.section")));
        } else if (!strcmp(nm, "revision-history")) {
            ncp_nml_set_date_str(a, NC_T_MODIFIED, ncp_nml_attr(c, "norm"), c, o);
        }
    }
}

/* The notes and footnotes of a body.content, before it is read: a note not for
 * publication (type="npa") goes to the editorial note, out of the body (-t html leaves it
 * out); a footnote (fn), which the body model has no node for, becomes a reference "[N]"
 * in a superscript where it stood, and its text a paragraph "[N] text" that
 * content_footnotes appends after the body (one warning). The footnotes' texts are in
 * *fns, one a line. 0, or -1 when out of memory. */
static int content_notes(nc_article *a, xmlNode *content, nc_buf *fns, int *n_fn)
{
    xmlNode *n = content, *next;
    int oom = 0;
    while (n && !oom) {
        const char *nm = n->type == XML_ELEMENT_NODE ? (const char *)n->name : NULL;
        const char *type = nm && !strcmp(nm, "note") ? ncp_nml_attr(n, "type") : NULL;
        /* the next node in document order, this one's subtree left out */
        for (next = n; next && next != content && !next->next; next = next->parent)
            ;
        next = next && next != content ? next->next : NULL;
        if (type && !strcmp(type, "npa")) {
            body_head_note(a, n);
            xmlUnlinkNode(n);
            xmlFreeNode(n);
        } else if (nm && !strcmp(nm, "fn")) {
            const char *t = ncp_nml_text(a, n);
            char ref[24];
            xmlNode *c, *cn, *txt;
            snprintf(ref, sizeof ref, "[%d]", ++*n_fn);
            nc_buf_printf(fns, "%s %s\n", ref, t ? t : "");
            for (c = n->children; c; c = cn) {
                cn = c->next;
                xmlUnlinkNode(c);
                xmlFreeNode(c);
            }
            set_name(n, "sup", &oom);
            if (!(txt = xmlNewDocText(n->doc, (const xmlChar *)ref)) || !xmlAddChild(n, txt)) {
                xmlFreeNode(txt);
                oom = 1;
            }
        } else if (n->type == XML_ELEMENT_NODE && n->children) {
            next = n->children;
        }
        n = next;
    }
    return oom || fns->failed || a->failed ? -1 : 0;
}

/* The footnotes content_notes took out, as paragraphs after the body. */
static void content_footnotes(nc_article *a, const nc_buf *fns, int n_fn, const nc_opts *o)
{
    const char *p = fns->ptr, *e;
    if (!n_fn || !p)
        return;
    for (; *p; p = e + 1) {
        nc_node *para;
        e = strchr(p, '\n');
        if (!e)
            break;
        para = nc_node_append(a->body, nc_node_new(a, NC_BLOCK_PARAGRAPH, 0, 0));
        nc_node_append(para, nc_node_new_text(a, p, (size_t)(e - p), 0, 0));
    }
    nc_warn(o, 0, 0, "the body's %d footnote%s written as [N] and a paragraph at the end "
            "(the body model has no footnote)", n_fn, n_fn == 1 ? " is" : "s are");
}

/* A body.content: NITF's markup mapped (ncp_nitf_prepare), notes and footnotes taken
 * out (content_notes), then read into the body. */
static int read_body_content(nc_article *a, xmlNode *c, const nc_opts *o, nc_error *err)
{
    nc_buf fns = NC_BUF_INIT;
    int n_fn = 0;
    if (ncp_nitf_prepare(c) < 0 || content_notes(a, c, &fns, &n_fn) < 0) {
        nc_buf_release(&fns);
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    }
    if (ncp_nml_body(a, c, 0, o, err) < 0) {
        nc_buf_release(&fns);
        return -1;
    }
    content_footnotes(a, &fns, n_fn, o);
    nc_buf_release(&fns);
    return 0;
}

static int read_content(nc_article *a, xmlNode *body, const nc_opts *o, nc_error *err)
{
    xmlNode *c;
    for (c = ncp_nml_first_el(body->children); c; c = ncp_nml_next_el(c)) {
        const char *nm = (const char *)c->name;
        if (!strcmp(nm, "body.content")) {
            if (read_body_content(a, c, o, err) < 0)
                return -1;
        } else if (!strcmp(nm, "body.end")) {
            /* a tagline closes the text: "-- AP" */
            xmlNode *t = ncp_nml_child_nitf(c, "tagline");
            if (t) {
                int oom = ncp_nitf_prepare(t) < 0;
                set_name(t, "p", &oom);
                if (oom)
                    return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
                if (ncp_nml_body(a, t, 1, o, err) < 0)
                    return -1;
            }
        }
    }
    return 0;
}

int ncp_nitf_read_body(nc_article *a, xmlNode *body, const nc_opts *o, nc_error *err)
{
    xmlNode *bh;
    if (ncp_nml_is_nitf(body, "body.content"))
        return read_body_content(a, body, o, err);
    if ((bh = ncp_nml_child_nitf(body, "body.head")) != NULL)
        read_body_head(a, bh, o);
    return read_content(a, body, o, err);
}

int ncp_nitf_read_el(nc_article *a, xmlNode *nitf, const nc_opts *o, nc_error *err)
{
    xmlNode *head = ncp_nml_child_nitf(nitf, "head"), *body = ncp_nml_child_nitf(nitf, "body");
    const char *lang = ncp_nml_attr(nitf, "baselang");
    if (!lang)
        lang = ncp_nml_lang(nitf);
    if (body && ncp_nml_child_nitf(body, "body.head"))
        read_body_head(a, ncp_nml_child_nitf(body, "body.head"), o);
    if (head)
        read_head(a, head, o);
    ncp_nml_set(a, NC_F_LANGUAGE, lang);
    if (body)
        return read_content(a, body, o, err);
    return 0;
}

/* ======================================================================== writing */

typedef struct nw {
    nc_buf *out;
    const nc_opts *o;
    int depth;
    int tgroup; /* table row group open: 0 none, 1 thead, 2 tbody */
    int tfoot;  /* the table's footer rows: 0 not written yet, 1 being written, 2 written */
    int pending_li; /* an <li> opened around a list's non-item child closes now */
} nw;

static void nl(nw *w, int depth)
{
    int i;
    nc_buf_putc(w->out, '\n');
    for (i = 0; i < depth; i++)
        nc_buf_puts(w->out, "  ");
}

static void esc(nw *w, const char *s)
{
    if (s)
        ncp_xml_escape(w->out, s, strlen(s), 0);
}

static void attr(nw *w, const char *name, const char *v)
{
    if (!v)
        return;
    nc_buf_printf(w->out, " %s=\"", name);
    ncp_xml_escape(w->out, v, strlen(v), 1);
    nc_buf_putc(w->out, '"');
}

static int tight_parent(const nc_node *n)
{
    /* a paragraph directly in an item of a tight list */
    return n->parent && n->parent->type == NC_BLOCK_LIST_ITEM && n->parent->parent &&
           n->parent->parent->as.list.tight;
}

/* Blocks whose children go on lines of their own. */
static int holds_block_lines(const nc_node *n)
{
    switch (n->type) {
    case NC_BLOCK_DOCUMENT:
    case NC_BLOCK_BLOCKQUOTE:
    case NC_BLOCK_BULLET_LIST:
    case NC_BLOCK_ORDERED_LIST:
    case NC_BLOCK_TABLE:
    case NC_BLOCK_DEF_LIST:
    case NC_BLOCK_DEF_DATA:
        return 1;
    case NC_BLOCK_LIST_ITEM:
        return !(n->parent && n->parent->as.list.tight);
    default:
        return 0;
    }
}

static void close_group(nw *w)
{
    if (w->tgroup) {
        w->depth--;
        nl(w, w->depth);
        nc_buf_puts(w->out, w->tgroup == 1 ? "</thead>" : "</tbody>");
        w->tgroup = 0;
    }
}

static void write_blocks(nw *w, const nc_node *body);

/* NITF wants a table's footer rows before its body rows: <tfoot> after <thead>. */
static void write_tfoot(nw *w, const nc_node *table)
{
    const nc_node *r;
    int any = 0;
    if (w->tfoot)
        return;
    for (r = table->first; r; r = r->next)
        any |= r->type == NC_BLOCK_TABLE_ROW && r->as.cell.footer && !r->as.cell.header;
    if (!any) {
        w->tfoot = 2;
        return;
    }
    close_group(w);
    nl(w, w->depth);
    nc_buf_puts(w->out, "<tfoot>");
    w->depth++;
    w->tfoot = 1;
    for (r = table->first; r; r = r->next)
        if (r->type == NC_BLOCK_TABLE_ROW && r->as.cell.footer && !r->as.cell.header)
            write_blocks(w, r);
    w->tfoot = 2;
    w->depth--;
    nl(w, w->depth);
    nc_buf_puts(w->out, "</tfoot>");
}

/* A block holding blocks (ul, ol, dl, dd): its start tag (with attributes attrs) and one
 * level deeper, or its end tag on a line of its own. Without children it is <tag/> when
 * empty_ok, else nothing (a NITF list needs an item). */
static void container(nw *w, nc_iter *it, const nc_node *n, int enter, const char *tag,
                      const char *attrs, int empty_ok)
{
    if (enter && !n->first) {
        if (empty_ok)
            nc_buf_printf(w->out, "<%s/>", tag);
        nc_iter_skip_children(it);
    } else if (enter) {
        nc_buf_printf(w->out, "<%s%s>", tag, attrs ? attrs : "");
        w->depth++;
    } else {
        w->depth--;
        nl(w, w->depth);
        nc_buf_printf(w->out, "</%s>", tag);
    }
}

/* The text of a text or code node, escaped. */
static void put_literal(nw *w, const nc_node *n)
{
    ncp_xml_escape(w->out, n->as.code.literal ? n->as.code.literal : "", n->as.code.len, 0);
}

/* newsconv's em class for an inline NITF has no element for. */
static const char *em_class(nc_node_type t)
{
    switch (t) {
    case NC_INLINE_STRONG: return "strong";
    case NC_INLINE_SUP: return "sup";
    case NC_INLINE_SUB: return "sub";
    case NC_INLINE_DEL: return "del";
    case NC_INLINE_INS: return "ins";
    default: return "strike";
    }
}

/* An inline node: em, newsconv's em classes for what NITF 3.6 has no element for, links,
 * images as links, line breaks. */
static void write_inline(nw *w, const nc_node *n, int enter)
{
    switch (n->type) {
    case NC_INLINE_TEXT:
        put_literal(w, n);
        break;
    case NC_INLINE_CODE:
        nc_buf_puts(w->out, "<em class=\"code\">");
        put_literal(w, n);
        nc_buf_puts(w->out, "</em>");
        break;
    case NC_INLINE_EMPH:
        nc_buf_puts(w->out, enter ? "<em>" : "</em>");
        break;
    case NC_INLINE_STRONG: /* NITF 3.6 has none of these (nor change markup): em classes */
    case NC_INLINE_SUP:
    case NC_INLINE_SUB:
    case NC_INLINE_DEL:
    case NC_INLINE_INS:
    case NC_INLINE_STRIKE:
        if (enter)
            nc_buf_printf(w->out, "<em class=\"%s\">", em_class(n->type));
        else
            nc_buf_puts(w->out, "</em>");
        break;
    case NC_INLINE_LINK:
        if (enter) {
            nc_buf_puts(w->out, "<a");
            attr(w, "href", n->as.ref.href ? n->as.ref.href : "");
            attr(w, "title", n->as.ref.title);
            nc_buf_putc(w->out, '>');
        } else {
            nc_buf_puts(w->out, "</a>");
        }
        break;
    case NC_INLINE_IMAGE:
        nc_buf_puts(w->out, "<a class=\"image\"");
        attr(w, "href", n->as.ref.href ? n->as.ref.href : "");
        attr(w, "title", n->as.ref.title);
        nc_buf_putc(w->out, '>');
        esc(w, n->as.ref.alt);
        nc_buf_puts(w->out, "</a>");
        break;
    case NC_INLINE_LINEBREAK:
        nc_buf_puts(w->out, "<br/>");
        break;
    default:
        break;
    }
}

/* A list holds items in NITF: a node other than an item directly in a list goes into one
   (opened here, closed through w->pending_li after the node). */
static void wrap_in_list_item(nw *w, const nc_node *n, int enter)
{
    if (enter) {
        nc_warn(w->o, n->line, n->column,
                "nitf cannot hold this %s directly in a list: written as a list item",
                ncp_node_type_words(n->type));
        nc_buf_puts(w->out, "<li>");
    }
    /* the item closes after the node: a leaf has no EXIT event */
    if (nc_node_type_is_leaf(n->type) ? enter : !enter)
        w->pending_li = 1;
}

/* A block quote: <bq><block>, its blocks two levels deeper; an empty one is <bq/>. */
static void write_blockquote(nw *w, nc_iter *it, const nc_node *n, int enter)
{
    if (enter) {
        if (!n->first) {
            nc_buf_puts(w->out, "<bq/>");
            nc_iter_skip_children(it);
            return;
        }
        nc_buf_puts(w->out, "<bq>");
        nl(w, w->depth + 1);
        nc_buf_puts(w->out, "<block>");
        w->depth += 2;
    } else {
        w->depth -= 2;
        nl(w, w->depth + 1);
        nc_buf_puts(w->out, "</block>");
        nl(w, w->depth);
        nc_buf_puts(w->out, "</bq>");
    }
}

/* A figure: <media> with its reference, its caption (the children) and its producer. */
static void write_figure(nw *w, const nc_node *n, int enter)
{
    if (enter) {
        nc_buf_puts(w->out, "<media media-type=\"image\"><media-reference");
        attr(w, "source", n->as.ref.href);
        attr(w, "alternate-text", n->as.ref.alt);
        attr(w, "name", n->as.ref.title);
        nc_buf_puts(w->out, "/>");
        if (n->first)
            nc_buf_puts(w->out, "<media-caption>");
    } else {
        if (n->first)
            nc_buf_puts(w->out, "</media-caption>");
        if (n->as.ref.credit) {
            nc_buf_puts(w->out, "<media-producer>");
            esc(w, n->as.ref.credit);
            nc_buf_puts(w->out, "</media-producer>");
        }
        nc_buf_puts(w->out, "</media>");
    }
}

/* A code block: <pre>, its language as a class. */
static void write_code_block(nw *w, const nc_node *n)
{
    nc_buf_puts(w->out, "<pre");
    if (n->as.code.info && *n->as.code.info) {
        nc_buf_puts(w->out, " class=\"language-");
        ncp_xml_escape(w->out, n->as.code.info, strlen(n->as.code.info), 1);
        nc_buf_putc(w->out, '"');
    }
    nc_buf_putc(w->out, '>');
    put_literal(w, n);
    nc_buf_puts(w->out, "</pre>");
}

/* A table: <table>; at its end the footer rows not yet written and the open group. */
static void write_table(nw *w, const nc_node *n, int enter)
{
    if (enter) {
        nc_buf_puts(w->out, "<table>");
        w->depth++;
        w->tgroup = 0;
        w->tfoot = 0;
    } else {
        if (w->tgroup != 2)
            write_tfoot(w, n);
        close_group(w);
        w->depth--;
        nl(w, w->depth);
        nc_buf_puts(w->out, "</table>");
    }
}

/* A table row in its group (thead, tbody; footer rows go through write_tfoot), opening
   the group it needs; a row without cells gets an empty one. */
static void write_table_row(nw *w, nc_iter *it, const nc_node *n, int enter)
{
    if (enter && n->as.cell.footer && !n->as.cell.header && w->tfoot != 1) {
        nc_iter_skip_children(it); /* written by write_tfoot */
        return;
    }
    if (enter && w->tfoot == 1) {
        nl(w, w->depth);
        nc_buf_puts(w->out, "<tr>");
        if (!n->first) {
            nc_buf_puts(w->out, "<td/></tr>");
            nc_iter_skip_children(it);
        }
        return;
    }
    if (enter) {
        int want = n->as.cell.header && (w->tgroup == 0 || w->tgroup == 1) ? 1 : 2;
        if (n->as.cell.header && want == 2)
            nc_warn(w->o, n->line, n->column,
                    "nitf cannot hold a table header row after body rows: written in "
                    "the table body");
        if (want == 2 && w->tgroup != 2 && n->parent)
            write_tfoot(w, n->parent);
        if (w->tgroup != want) {
            close_group(w);
            nl(w, w->depth);
            nc_buf_puts(w->out, want == 1 ? "<thead>" : "<tbody>");
            w->depth++;
            w->tgroup = want;
        }
        nl(w, w->depth);
        nc_buf_puts(w->out, "<tr>");
        if (!n->first) {
            /* NITF rows need a cell */
            nc_buf_puts(w->out, "<td/></tr>");
            nc_iter_skip_children(it);
        }
    } else {
        nc_buf_puts(w->out, "</tr>");
    }
}

/* The body blocks as NITF body.content children, at w->depth. */
static void write_blocks(nw *w, const nc_node *body)
{
    nc_iter it = nc_iter_init(body);
    nc_event ev;
    while ((ev = nc_iter_next(&it)) != NC_EVENT_DONE) {
        const nc_node *n = nc_iter_node(&it);
        int enter = ev == NC_EVENT_ENTER;
        if (n->type == NC_BLOCK_DOCUMENT)
            continue;
        if (enter && nc_node_is_block(n) && n->parent && holds_block_lines(n->parent) &&
            n->type != NC_BLOCK_TABLE_ROW)
            nl(w, w->depth);
        if (n->parent && (n->parent->type == NC_BLOCK_BULLET_LIST ||
                          n->parent->type == NC_BLOCK_ORDERED_LIST) &&
            n->type != NC_BLOCK_LIST_ITEM)
            wrap_in_list_item(w, n, enter);
        switch (n->type) {
        case NC_BLOCK_PARAGRAPH:
            if (!tight_parent(n))
                nc_buf_puts(w->out, enter ? "<p>" : "</p>");
            break;
        case NC_BLOCK_HEADING:
            if (enter) {
                if (n->as.level == 2)
                    nc_buf_puts(w->out, "<hl2>");
                else
                    nc_buf_printf(w->out, "<hl2 class=\"h%d\">", n->as.level);
            } else {
                nc_buf_puts(w->out, "</hl2>");
            }
            break;
        case NC_BLOCK_BLOCKQUOTE:
            write_blockquote(w, &it, n, enter);
            break;
        case NC_BLOCK_BULLET_LIST: /* NITF lists need an item: an empty list is nothing */
            container(w, &it, n, enter, "ul", NULL, 0);
            break;
        case NC_BLOCK_ORDERED_LIST: {
            char seqnum[32] = "";
            if (n->as.list.start != 1)
                snprintf(seqnum, sizeof seqnum, " seqnum=\"%d\"", n->as.list.start);
            container(w, &it, n, enter, "ol", seqnum, 0);
            break;
        }
        case NC_BLOCK_DEF_LIST: /* NITF has definition lists: dl, dt, dd */
            container(w, &it, n, enter, "dl", NULL, 1);
            break;
        case NC_BLOCK_DEF_DATA:
            container(w, &it, n, enter, "dd", NULL, 1);
            break;
        case NC_BLOCK_DEF_TERM:
            nc_buf_puts(w->out, enter ? "<dt>" : "</dt>");
            break;
        case NC_BLOCK_LIST_ITEM:
            if (enter) {
                nc_buf_puts(w->out, "<li>");
                if (holds_block_lines(n) && n->first)
                    w->depth++;
            } else {
                if (holds_block_lines(n) && n->first) {
                    w->depth--;
                    nl(w, w->depth);
                }
                nc_buf_puts(w->out, "</li>");
            }
            break;
        case NC_BLOCK_FIGURE:
            write_figure(w, n, enter);
            break;
        case NC_BLOCK_CODE_BLOCK:
            write_code_block(w, n);
            break;
        case NC_BLOCK_THEMATIC_BREAK:
            nc_buf_puts(w->out, "<hr/>");
            break;
        case NC_BLOCK_TABLE:
            write_table(w, n, enter);
            break;
        case NC_BLOCK_TABLE_CAPTION:
            nc_buf_puts(w->out, enter ? "<caption>" : "</caption>");
            break;
        case NC_BLOCK_TABLE_ROW:
            write_table_row(w, &it, n, enter);
            break;
        case NC_BLOCK_TABLE_CELL:
            if (enter) {
                nc_buf_puts(w->out, n->as.cell.header ? "<th" : "<td");
                ncp_cell_attrs(n, w->out);
                nc_buf_putc(w->out, '>');
            } else {
                nc_buf_puts(w->out, n->as.cell.header ? "</th>" : "</td>");
            }
            break;
        case NC_BLOCK_EMBED:
            nc_buf_puts(w->out, "<media media-type=\"other\" class=\"embed\"><media-reference");
            attr(w, "source", n->as.embed.url ? n->as.embed.url : "");
            nc_buf_puts(w->out, " mime-type=\"text/html\"/></media>");
            if (n->as.embed.html)
                nc_warn(w->o, n->line, n->column,
                        "nitf cannot hold the HTML of an embed: dropped (its URL is kept)");
            break;
        default:
            if (!nc_node_is_block(n))
                write_inline(w, n, enter);
            break;
        }
        if (w->pending_li) {
            nc_buf_puts(w->out, "</li>");
            w->pending_li = 0;
        }
    }
}

/* 1 when the reader, which collapses white space, gives s back unchanged. */
static int stable(const char *s)
{
    int prev = 1;
    if (!s)
        return 1;
    for (; *s; s++) {
        int sp = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v';
        if (sp && (prev || *s != ' '))
            return 0;
        prev = sp;
    }
    return !prev;
}

static void check(nw *w, const char *what, const char *s)
{
    if (!stable(s))
        nc_warn(w->o, 0, 0, "nitf cannot hold the line breaks and extra spaces of %s: collapsed",
                what);
}

/* The stand-alone document's text fields, which its reader collapses. */
static void check_fields(nw *w, const nc_article *a)
{
    static const nc_field fields[] = {NC_F_HEADLINE, NC_F_SUBHEADLINE, NC_F_SUMMARY,
                                      NC_F_BYLINE, NC_F_PROVIDER, NC_F_PUBLISHER,
                                      NC_F_COPYRIGHT_HOLDER, NC_F_COPYRIGHT_NOTICE,
                                      NC_F_USAGE_TERMS, NC_F_CREDIT, NC_F_DATELINE,
                                      NC_F_LOCATION, NC_F_SECTION, NC_F_SLUGLINE, NC_F_URL,
                                      NC_F_VERSION, NC_F_ID, NC_F_PUBSTATUS};
    size_t i;
    for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
        check(w, nc_field_name(fields[i]), a->str[fields[i]]);
    if (a->str[NC_F_EDNOTE]) {
        /* one ed-msg per line: each line must be stable */
        const char *s = a->str[NC_F_EDNOTE];
        int ok = 1;
        while (*s && ok) {
            size_t len = strcspn(s, "\n");
            char *line = malloc(len + 1);
            if (!line)
                break;
            memcpy(line, s, len);
            line[len] = '\0';
            ok = len && stable(line);
            free(line);
            s += len;
            if (*s)
                s++;
        }
        if (!ok || (s > a->str[NC_F_EDNOTE] && s[-1] == '\n'))
            nc_warn(w->o, 0, 0, "nitf cannot hold the blank lines and extra spaces of ednote: "
                                "collapsed");
    }
    for (i = 0; i < a->n_keywords; i++)
        check(w, "keyword", a->keywords[i]);
    for (i = 0; i < a->n_authors; i++) {
        check(w, "author name", a->authors[i].name);
        check(w, "author role", a->authors[i].role);
    }
    for (i = 0; i < a->n_subjects; i++)
        check(w, "subject name", a->subjects[i].name);
    for (i = 0; i < a->n_genres; i++)
        check(w, "genre name", a->genres[i].name ? a->genres[i].name : a->genres[i].code);
}

static void simple(nw *w, const char *name, const char *text)
{
    nl(w, w->depth);
    nc_buf_printf(w->out, "<%s>", name);
    esc(w, text);
    nc_buf_printf(w->out, "</%s>", name);
}

static void date_attr(nw *w, const char *el, const nc_time *t)
{
    char b[NC_TIME_ISO_LEN];
    if (!t->prec)
        return;
    nc_time_format(t, b);
    nl(w, w->depth);
    nc_buf_printf(w->out, "<%s", el);
    attr(w, "norm", b);
    nc_buf_puts(w->out, "/>");
}

/* NMTOKEN: name characters; ASCII letters, digits, . - _ : only (not every non-ASCII
 * character is a name character, and XML Schema checks). */
static int is_nmtoken(const char *s)
{
    if (!s || !*s)
        return 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == ':'))
            return 0;
    }
    return 1;
}

static void meta(nw *w, const char *name, const char *content)
{
    if (!content)
        return;
    nl(w, w->depth);
    nc_buf_puts(w->out, "<meta");
    attr(w, "name", name);
    attr(w, "content", content);
    nc_buf_puts(w->out, "/>");
}

/* An editorial note as <ed-msg> elements, one per non-empty line. */
static void write_ed_msgs(nw *w, const char *s)
{
    while (*s) {
        size_t len = strcspn(s, "\n");
        if (len) {
            char *line = malloc(len + 1);
            if (!line) {
                w->out->failed = 1;
                break;
            }
            memcpy(line, s, len);
            line[len] = '\0';
            nl(w, w->depth);
            nc_buf_puts(w->out, "<ed-msg");
            attr(w, "info", line);
            nc_buf_puts(w->out, "/>");
            free(line);
        }
        s += len;
        if (*s)
            s++;
    }
}

/* The extra fields as <meta>; a key that is no NMTOKEN or is a name newsconv uses, or
   a structured value, is dropped with a warning. */
static void write_extra_meta(nw *w, const nc_article *a)
{
    size_t i;
    for (i = 0; i < a->n_extra; i++) {
        const nc_kv *kv = &a->extra[i];
        size_t k;
        int clash = 0;
        for (k = 0; k < sizeof meta_fields / sizeof meta_fields[0]; k++)
            if (kv->key && !strcmp(kv->key, meta_fields[k].meta))
                clash = 1;
        if (kv->key && !strcmp(kv->key, NCP_NITF_TITLE) && !kv->json)
            continue; /* the head's title (write_head) */
        if (!is_nmtoken(kv->key) || clash || kv->json) {
            nc_warn(w->o, 0, 0, "nitf cannot hold extra field '%s'%s: dropped",
                    kv->key ? kv->key : "", kv->json ? " (a structured value)" : "");
            continue;
        }
        meta(w, kv->key, kv->value ? kv->value : "");
    }
}

/* 1 for a subject written in identified-content: an entity (person, organisation, place,
 * event, object), or a subject with a scheme (a classifier: its source). */
static int identified_subject(const nc_subject *s)
{
    return s->type != NC_SUBJECT_TOPIC || (s->scheme && s->code);
}

/* Genres and subjects as <tobject> properties and subjects (IPTC codes as IPTC). */
static void write_tobject(nw *w, const nc_article *a)
{
    size_t i, n_tobject = 0;
    for (i = 0; i < a->n_subjects; i++)
        n_tobject += !identified_subject(&a->subjects[i]);
    if (n_tobject || a->n_genres) {
        nl(w, w->depth);
        nc_buf_puts(w->out, "<tobject>");
        w->depth++;
        for (i = 0; i < a->n_genres; i++) {
            const nc_subject *g = &a->genres[i];
            const char *v = g->name ? g->name : g->code;
            if (g->code || g->scheme)
                nc_warn(w->o, 0, 0, "nitf cannot hold the code and scheme of genre '%s': dropped",
                        v ? v : "");
            if (!v)
                continue;
            nl(w, w->depth);
            nc_buf_puts(w->out, "<tobject.property");
            attr(w, "tobject.property.type", v);
            nc_buf_puts(w->out, "/>");
        }
        for (i = 0; i < a->n_subjects; i++) {
            const nc_subject *s = &a->subjects[i];
            const char *ref = s->code;
            int iptc = 0;
            if (identified_subject(s))
                continue; /* write_identified */
            if (ref && !strncmp(ref, "subj:", 5) && strlen(ref) == 13 &&
                strspn(ref + 5, "0123456789") == 8) {
                ref += 5;
                iptc = 1;
            }
            if (!ref || !is_nmtoken(ref)) {
                nc_warn(w->o, 0, 0, "nitf cannot hold subject '%s' without a code token: dropped",
                        s->name ? s->name : (s->code ? s->code : ""));
                continue;
            }
            if (s->scheme)
                nc_warn(w->o, 0, 0, "nitf cannot hold the scheme of subject '%s': dropped",
                        s->code);
            nl(w, w->depth);
            nc_buf_puts(w->out, "<tobject.subject");
            attr(w, "tobject.subject.ipr", iptc ? "IPTC" : "newsconv");
            attr(w, "tobject.subject.refnum", ref);
            attr(w, "tobject.subject.detail", s->name);
            nc_buf_puts(w->out, "/>");
        }
        w->depth--;
        nl(w, w->depth);
        nc_buf_puts(w->out, "</tobject>");
    }
}

/* docdata/identified-content: the entities, each with its code and the code's source
 * (a location's location-code and code-source), and the subjects with a scheme as
 * classifiers. */
static void write_identified(nw *w, const nc_article *a)
{
    size_t i, k;
    int open = 0;
    for (i = 0; i < a->n_subjects; i++) {
        const nc_subject *s = &a->subjects[i];
        const char *el = NULL;
        if (!identified_subject(s))
            continue;
        for (k = 0; k < sizeof identified / sizeof identified[0]; k++)
            if (identified[k].type == s->type)
                el = identified[k].el;
        if (!el || (!s->name && !s->code))
            continue;
        if (!open++) {
            nl(w, w->depth);
            nc_buf_puts(w->out, "<identified-content>");
            w->depth++;
        }
        nl(w, w->depth);
        nc_buf_printf(w->out, "<%s", el);
        if (s->type == NC_SUBJECT_PLACE) {
            attr(w, "location-code", s->code);
            attr(w, "code-source", s->scheme);
        } else {
            attr(w, "idsrc", s->scheme);
            attr(w, "value", s->code);
        }
        if (s->name) {
            nc_buf_putc(w->out, '>');
            esc(w, s->name);
            nc_buf_printf(w->out, "</%s>", el);
        } else {
            nc_buf_puts(w->out, "/>");
        }
    }
    if (open) {
        w->depth--;
        nl(w, w->depth);
        nc_buf_puts(w->out, "</identified-content>");
    }
}

/* <docdata>: location, document id, provider, urgency, dates, editorial note,
   copyright holder, keywords, identified content. */
static void write_docdata(nw *w, const nc_article *a)
{
    size_t i;
    nl(w, w->depth);
    nc_buf_puts(w->out, "<docdata");
    attr(w, "management-status", a->str[NC_F_PUBSTATUS]);
    nc_buf_putc(w->out, '>');
    w->depth++;
    if (a->str[NC_F_LOCATION]) {
        nl(w, w->depth);
        nc_buf_puts(w->out, "<evloc");
        attr(w, "city", a->str[NC_F_LOCATION]);
        nc_buf_puts(w->out, "/>");
    }
    {
        char id[64];
        const char *docid = a->str[NC_F_ID];
        if (!docid) {
            ncp_article_stable_id(a, id, sizeof id);
            docid = id;
        }
        nl(w, w->depth);
        nc_buf_puts(w->out, "<doc-id");
        attr(w, "id-string", docid);
        nc_buf_puts(w->out, "/>");
    }
    if (a->str[NC_F_PROVIDER]) {
        nl(w, w->depth);
        nc_buf_puts(w->out, "<del-list><from-src");
        attr(w, "src-name", a->str[NC_F_PROVIDER]);
        nc_buf_puts(w->out, "/></del-list>");
    }
    if (a->urgency >= 1 && a->urgency <= 9) {
        nl(w, w->depth);
        nc_buf_printf(w->out, "<urgency ed-urg=\"%d\"/>", a->urgency);
    }
    date_attr(w, "date.issue", &a->time[NC_T_PUBLISHED]);
    date_attr(w, "date.release", &a->time[NC_T_EMBARGO]);
    date_attr(w, "date.expire", &a->time[NC_T_EXPIRES]);
    if (a->str[NC_F_EDNOTE])
        write_ed_msgs(w, a->str[NC_F_EDNOTE]);
    if (a->str[NC_F_COPYRIGHT_HOLDER]) {
        nl(w, w->depth);
        nc_buf_puts(w->out, "<doc.copyright");
        attr(w, "holder", a->str[NC_F_COPYRIGHT_HOLDER]);
        nc_buf_puts(w->out, "/>");
    }
    if (a->n_keywords) {
        nl(w, w->depth);
        nc_buf_puts(w->out, "<key-list>");
        w->depth++;
        for (i = 0; i < a->n_keywords; i++) {
            nl(w, w->depth);
            nc_buf_puts(w->out, "<keyword");
            attr(w, "key", a->keywords[i]);
            nc_buf_puts(w->out, "/>");
        }
        w->depth--;
        nl(w, w->depth);
        nc_buf_puts(w->out, "</key-list>");
    }
    write_identified(w, a);
    w->depth--;
    nl(w, w->depth);
    nc_buf_puts(w->out, "</docdata>");
}

/* The stand-alone document's head: title, meta, tobject, docdata, pubdata,
 * revision-history (the schema's order). */
static void write_head(nw *w, const nc_article *a)
{
    nl(w, w->depth);
    nc_buf_puts(w->out, "<head>");
    w->depth++;
    {
        const char *title = NULL;
        size_t i;
        for (i = 0; i < a->n_extra && !title; i++)
            if (!a->extra[i].json && !strcmp(a->extra[i].key, NCP_NITF_TITLE))
                title = a->extra[i].value;
        if (title || a->str[NC_F_HEADLINE])
            simple(w, "title", title ? title : a->str[NC_F_HEADLINE]);
    }
    meta(w, "slugline", a->str[NC_F_SLUGLINE]);
    meta(w, "credit", a->str[NC_F_CREDIT]);
    meta(w, "copyright", a->str[NC_F_COPYRIGHT_NOTICE]);
    meta(w, "usage-terms", a->str[NC_F_USAGE_TERMS]);
    meta(w, "url", a->str[NC_F_URL]);
    meta(w, "version", a->str[NC_F_VERSION]);
    write_extra_meta(w, a);
    write_tobject(w, a);
    write_docdata(w, a);
    if (a->str[NC_F_PUBLISHER] || a->str[NC_F_SECTION]) {
        nl(w, w->depth);
        nc_buf_puts(w->out, "<pubdata");
        attr(w, "name", a->str[NC_F_PUBLISHER]);
        attr(w, "position.section", a->str[NC_F_SECTION]);
        nc_buf_puts(w->out, "/>");
    }
    date_attr(w, "revision-history", &a->time[NC_T_MODIFIED]);
    w->depth--;
    nl(w, w->depth);
    nc_buf_puts(w->out, "</head>");
}

/* A body.head text: in a body for NewsML-G2 (full = 0) the one kept for element name
 * (NCP_G2_HEAD_TEXT, ncp_nitf_keep_head: it differed from contentMeta's), else the
 * field's. */
static const char *head_text(const nc_article *a, int full, const char *name, const char *field)
{
    size_t i, n = strlen(NCP_G2_HEAD_TEXT);
    for (i = 0; !full && i < a->n_extra; i++) {
        const nc_kv *kv = &a->extra[i];
        if (kv->key && !kv->json && kv->value && !strncmp(kv->key, NCP_G2_HEAD_TEXT, n) &&
            !strcmp(kv->key + n, name))
            return kv->value;
    }
    return field;
}

static void write_body_head(nw *w, const nc_article *a, int full)
{
    size_t i;
    const char *hl1 = head_text(a, full, "hl1", a->str[NC_F_HEADLINE]);
    const char *hl2 = head_text(a, full, "hl2", a->str[NC_F_SUBHEADLINE]);
    const char *byline = head_text(a, full, "byline", a->str[NC_F_BYLINE]);
    const char *dateline = head_text(a, full, "dateline", a->str[NC_F_DATELINE]);
    const char *abstract = head_text(a, full, "abstract", a->str[NC_F_SUMMARY]);
    const char *distributor = head_text(a, full, "distributor", NULL);
    int any = hl1 || byline || dateline || abstract || distributor ||
              (full && (a->n_authors || a->str[NC_F_PROVIDER] || a->time[NC_T_CREATED].prec));
    if (!any)
        return;
    nl(w, w->depth);
    nc_buf_puts(w->out, "<body.head>");
    w->depth++;
    if (hl1) {
        nl(w, w->depth);
        nc_buf_puts(w->out, "<hedline>");
        w->depth++;
        simple(w, "hl1", hl1);
        if (hl2)
            simple(w, "hl2", hl2);
        w->depth--;
        nl(w, w->depth);
        nc_buf_puts(w->out, "</hedline>");
    } else if (full && a->str[NC_F_SUBHEADLINE]) {
        nc_warn(w->o, 0, 0, "nitf cannot hold a subheadline without a headline: dropped");
    }
    if (byline)
        simple(w, "byline", byline);
    if (distributor) { /* NITF in G2: the one kept (the provider is itemMeta's) */
        nl(w, w->depth);
        nc_buf_puts(w->out, "<distributor>");
        esc(w, distributor);
        nc_buf_puts(w->out, "</distributor>");
    }
    if (full) {
        for (i = 0; i < a->n_authors; i++) {
            const nc_author *au = &a->authors[i];
            if (au->url || au->affiliation)
                nc_warn(w->o, 0, 0, "nitf cannot hold the url or affiliation of author '%s': "
                                    "dropped", au->name ? au->name : "");
            if (!au->name && !au->role)
                continue;
            nl(w, w->depth);
            nc_buf_puts(w->out, "<byline><person>");
            esc(w, au->name);
            if (au->role) {
                /* the person's function is its role */
                nc_buf_puts(w->out, "<function>");
                esc(w, au->role);
                nc_buf_puts(w->out, "</function>");
            }
            nc_buf_puts(w->out, "</person></byline>");
        }
        if (a->str[NC_F_PROVIDER]) {
            nl(w, w->depth);
            nc_buf_puts(w->out, "<distributor>");
            esc(w, a->str[NC_F_PROVIDER]);
            nc_buf_puts(w->out, "</distributor>");
        }
    }
    if (dateline || (full && a->time[NC_T_CREATED].prec)) {
        nl(w, w->depth);
        nc_buf_puts(w->out, "<dateline>");
        esc(w, dateline);
        if (full && a->time[NC_T_CREATED].prec) {
            char b[NC_TIME_ISO_LEN];
            nc_time_format(&a->time[NC_T_CREATED], b);
            nc_buf_puts(w->out, "<story.date");
            attr(w, "norm", b);
            nc_buf_puts(w->out, "/>");
        }
        nc_buf_puts(w->out, "</dateline>");
    }
    if (abstract) {
        nl(w, w->depth);
        nc_buf_puts(w->out, "<abstract>");
        w->depth++;
        simple(w, "p", abstract);
        w->depth--;
        nl(w, w->depth);
        nc_buf_puts(w->out, "</abstract>");
    }
    w->depth--;
    nl(w, w->depth);
    nc_buf_puts(w->out, "</body.head>");
}

void ncp_nitf_write(const nc_article *a, nc_buf *out, int indent, int head, const nc_opts *o)
{
    nw w;
    memset(&w, 0, sizeof w);
    w.out = out;
    w.o = o;
    w.depth = indent;
    nl(&w, w.depth);
    nc_buf_puts(out, "<nitf");
    attr(&w, "xmlns", NCP_NS_NITF);
    if (head) {
        attr(&w, "version", "-//IPTC//DTD NITF 3.6//EN");
        attr(&w, "baselang", a->str[NC_F_LANGUAGE]);
    }
    nc_buf_putc(out, '>');
    w.depth++;
    if (head) {
        check_fields(&w, a);
        write_head(&w, a);
    }
    nl(&w, w.depth);
    nc_buf_puts(out, "<body>");
    w.depth++;
    write_body_head(&w, a, head);
    if (nc_node_first_child(a->body)) {
        nl(&w, w.depth);
        nc_buf_puts(out, "<body.content>");
        w.depth++;
        write_blocks(&w, a->body);
        w.depth--;
        nl(&w, w.depth);
        nc_buf_puts(out, "</body.content>");
    }
    w.depth--;
    nl(&w, w.depth);
    nc_buf_puts(out, "</body>");
    w.depth--;
    nl(&w, w.depth);
    nc_buf_puts(out, "</nitf>");
}
