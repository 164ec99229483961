/* newsconv feed writers: Atom 1.0, RFC 4287 (docs/feeds-write.md).
 *
 * One <entry> per article, newest first: id (the model id when it is an IRI, else the
 * stable id), title, updated (modified, else published), published, author (name, uri)
 * for each author, link rel=alternate (the url), summary, content (the html writer's
 * fragment, escaped as type="html", or inline as type="xhtml" with --atom-content
 * xhtml), category (term, scheme, label) for each subject and keyword, rights, and a link
 * rel=enclosure for each medium. The feed: id (--feed-url, else a urn made from the
 * title), title, subtitle, updated (the newest entry's), link, and an author (the title)
 * when some entry names none, as RFC 4287 section 4.1.1 asks. */
#include "feedwrite.h"

#include <stdio.h>
#include <string.h>

static void text_el(nc_buf *out, int ind, const char *name, const char *text)
{
    if (!text)
        return;
    nc_buf_printf(out, "%*s<%s type=\"text\">", ind, "", name);
    ncp_feed_esc(out, text, 0);
    nc_buf_printf(out, "</%s>\n", name);
}

/* An id that is not an IRI (no scheme) becomes one: urn:newsconv:id: + the id with
 * everything but unreserved characters percent-encoded. */
static void id_el(nc_buf *out, const char *id)
{
    const char *p;
    nc_buf_puts(out, "    <id>");
    if (ncp_feed_is_absolute(id) && !strpbrk(id, " \t\n<>\"")) {
        ncp_feed_esc(out, id, 0);
    } else {
        nc_buf_puts(out, "urn:newsconv:id:");
        for (p = id; *p; p++) {
            unsigned char c = (unsigned char)*p;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~')
                nc_buf_putc(out, c);
            else
                nc_buf_printf(out, "%%%02X", c);
        }
    }
    nc_buf_puts(out, "</id>\n");
}

/* A person construct: name, uri (a web address), email (a mailto: address). */
static void author(nc_buf *out, const char *el, const char *name, const char *uri,
                   nc_buf *tmp, const nc_opts *o)
{
    int mail = uri && !strncmp(uri, "mailto:", 7) && uri[7];
    nc_buf_printf(out, "    <%s>\n", el);
    ncp_feed_el(out, 6, "name", name ? name : mail ? uri + 7 : "");
    if (mail)
        ncp_feed_el(out, 6, "email", uri + 7);
    else if (uri && ncp_feed_abs_url(o, uri, tmp))
        ncp_feed_el(out, 6, "uri", tmp->ptr);
    nc_buf_printf(out, "    </%s>\n", el);
}

static void category(nc_buf *out, const char *term, const char *scheme, const char *label,
                     nc_buf *tmp, const nc_opts *o)
{
    nc_buf_puts(out, "    <category");
    ncp_feedw_attr(out, "term", term);
    if (scheme && ncp_feed_abs_url(o, scheme, tmp))
        ncp_feedw_attr(out, "scheme", tmp->ptr);
    ncp_feedw_attr(out, "label", label);
    nc_buf_puts(out, "/>\n");
}

/* <link rel=... href=...> with its type and title. */
static void link_el(nc_buf *out, const char *rel, const char *type, const char *href,
                    const char *title)
{
    nc_buf_puts(out, "    <link");
    ncp_feedw_attr(out, "rel", rel);
    ncp_feedw_attr(out, "type", type);
    ncp_feedw_attr(out, "href", href);
    ncp_feedw_attr(out, "title", title);
    nc_buf_puts(out, "/>\n");
}

/* Link relations an entry holds as links (the source as <source>, as the reader reads it). */
static const char *const atom_rels[] = {"alternate", "related", "enclosure", "via", "self",
                                        "source", "comments", "replies", "license",
                                        "edit", "external", NULL};

static const ncp_feed_holds atom_holds = {
    "atom", NCP_HOLDS_COMMON | NCP_HOLDS_FIELD(NC_F_COPYRIGHT_NOTICE), NCP_HOLDS_DATES,
    NCP_HOLDS_CODES | NCP_HOLDS_AUTHOR_URL | NCP_HOLDS_MEDIA_TITLE | NCP_HOLDS_SCHEMES |
        NCP_HOLDS_SOURCE_TITLE,
    atom_rels};

static int atom_entry(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    char sid[NCP_FEED_ID_LEN], upd[NC_TIME_ISO_LEN], pub[NC_TIME_ISO_LEN];
    const char *id;
    nc_buf tmp = NC_BUF_INIT, html = NC_BUF_INIT;
    const char *mode = nc_opts_get(o, "atom-content");
    int xhtml = mode && !strcmp(mode, "xhtml");
    size_t i;
    if (mode && !xhtml && strcmp(mode, "html"))
        return nc_error_set(err, NC_ERR_USAGE, 0, 0,
                            "--atom-content: 'html' or 'xhtml', not '%.40s'", mode);
    ncp_feed_not_carried(a, o, &atom_holds);
    ncp_feed_rfc3339(ncp_feed_updated(a), upd);
    id = ncp_feed_id(a, sid);
    if (!*upd) {
        /* Atom requires updated: the newest date of the feed (1970-01-01 when no article
         * has one), which the joiner puts in */
        nc_warn(o, 0, 0, "atom: an entry needs a date and the article has none: its "
                         "updated is the feed's newest date (set one with -M modified=...)");
        ncp_feed_entry_head_undated(out, a, o, id);
    } else {
        ncp_feed_entry_head(out, a, o, upd, id);
    }
    nc_buf_puts(out, "  <entry");
    ncp_feedw_attr(out, "xml:lang", a->str[NC_F_LANGUAGE]);
    nc_buf_puts(out, ">\n");
    id_el(out, id);
    text_el(out, 4, "title", a->str[NC_F_HEADLINE] ? a->str[NC_F_HEADLINE] : "");
    if (*upd)
        ncp_feed_el(out, 4, "updated", upd);
    else /* not escaped: escaping drops control characters */
        nc_buf_puts(out, "    <updated>" NCP_FEED_UNDATED "</updated>\n");
    ncp_feed_rfc3339(&a->time[NC_T_PUBLISHED], pub);
    if (*pub)
        ncp_feed_el(out, 4, "published", pub);
    for (i = 0; i < a->n_authors; i++)
        author(out,
               a->authors[i].role && !strcmp(a->authors[i].role, "contributor") ? "contributor"
                                                                              : "author",
               a->authors[i].name, a->authors[i].url, &tmp, o);
    if (!a->n_authors && a->str[NC_F_BYLINE])
        author(out, "author", a->str[NC_F_BYLINE], NULL, &tmp, o);
    if (a->str[NC_F_URL]) {
        if (ncp_feed_abs_url(o, a->str[NC_F_URL], &tmp))
            link_el(out, "alternate", "text/html", tmp.ptr, NULL);
        else
            nc_warn(o, 0, 0, "atom: the url '%.80s' is not absolute: no link (give "
                    "--feed-url to resolve it)", a->str[NC_F_URL]);
    }
    for (i = 0; i < a->n_links; i++) {
        const nc_link *l = &a->links[i];
        int abs = l->href && ncp_feed_abs_url(o, l->href, &tmp);
        if (l->rel && !strcmp(l->rel, "source") && (abs || (!l->href && l->title))) {
            nc_buf_puts(out, "    <source>\n");
            text_el(out, 6, "title", l->title);
            if (abs) {
                nc_buf_puts(out, "      <link rel=\"alternate\"");
                ncp_feedw_attr(out, "href", tmp.ptr);
                nc_buf_puts(out, "/>\n");
            }
            nc_buf_puts(out, "    </source>\n");
        } else if (l->rel && abs) {
            link_el(out, l->rel, NULL, tmp.ptr, l->title);
        }
    }
    for (i = 0; i < a->n_media; i++) {
        const nc_media *m = &a->media[i];
        if (!m->href || !ncp_feed_abs_url(o, m->href, &tmp))
            continue;
        link_el(out, "enclosure", m->mime, tmp.ptr, m->title);
    }
    text_el(out, 4, "summary", a->str[NC_F_SUMMARY]);
    ncp_feed_html(a, &html);
    if (xhtml) {
        nc_buf_puts(out, "    <content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/"
                         "xhtml\">");
        nc_buf_put(out, html.ptr, html.size);
        nc_buf_puts(out, "</div></content>\n");
    } else {
        nc_buf_puts(out, "    <content type=\"html\">");
        ncp_feed_esc(out, html.ptr, 0);
        nc_buf_puts(out, "</content>\n");
    }
    for (i = 0; i < a->n_subjects; i++) {
        const nc_subject *s = &a->subjects[i];
        if (s->code || s->name)
            category(out, s->code ? s->code : s->name, s->scheme,
                     s->code && s->name && strcmp(s->code, s->name) ? s->name : NULL, &tmp, o);
    }
    for (i = 0; i < a->n_keywords; i++)
        category(out, a->keywords[i], NULL, NULL, &tmp, o);
    text_el(out, 4, "rights", a->str[NC_F_COPYRIGHT_NOTICE]);
    nc_buf_puts(out, "  </entry>\n");
    if (tmp.failed || html.failed)
        out->failed = 1;
    nc_buf_release(&tmp);
    nc_buf_release(&html);
    return 0;
}

int ncp_atom_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    return ncp_feed_publish(atom_entry, "atom", a, out, o, err);
}

static void atom_head(nc_buf *out, const ncp_feed_chan *c)
{
    nc_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<feed xmlns=\"http://www.w3.org/2005/Atom\"");
    if (c->url_given) /* relative addresses in the content resolve against the site */
        ncp_feedw_attr(out, "xml:base", c->url);
    ncp_feedw_attr(out, "xml:lang", c->language);
    nc_buf_puts(out, ">\n");
    if (c->url_given)
        ncp_feed_el(out, 2, "id", c->url);
    else
        nc_buf_printf(out, "  <id>urn:newsconv:feed:%016llx</id>\n",
                      ncp_hash64(c->title, strlen(c->title), 0));
    nc_buf_puts(out, "  <title type=\"text\">");
    ncp_feed_esc(out, c->title, 0);
    nc_buf_puts(out, "</title>\n");
    if (c->description != c->title) {
        nc_buf_puts(out, "  <subtitle type=\"text\">");
        ncp_feed_esc(out, c->description, 0);
        nc_buf_puts(out, "</subtitle>\n");
    }
    ncp_feed_el(out, 2, "updated", c->updated ? c->updated : NCP_FEED_EPOCH);
    if (c->url) {
        nc_buf_puts(out, "  <link rel=\"alternate\" type=\"text/html\"");
        ncp_feedw_attr(out, "href", c->url);
        nc_buf_puts(out, "/>\n");
    }
    if (!c->all_authors || !c->n) {
        nc_buf_puts(out, "  <author>\n");
        ncp_feed_el(out, 4, "name", c->title);
        nc_buf_puts(out, "  </author>\n");
    }
    nc_buf_puts(out, "  <generator>newsconv</generator>\n");
    if (c->image && ncp_feed_is_absolute(c->image))
        ncp_feed_el(out, 2, "logo", c->image);
    text_el(out, 2, "rights", c->copyright);
}

static const ncp_feed_kind atom_kind = {
    atom_head, "", "</feed>\n", NULL, "id", NULL,
    "atom", 0};

void *ncp_atom_join_begin(const nc_opts *o, nc_error *err)
{
    return ncp_feed_join_begin(&atom_kind, o, err);
}
