/* newsconv html: the HTML5 writer.
 *
 * A standalone page, also well-formed XML (void elements self-closed, everything escaped,
 * JSON inside <script> with <, > and & as \u escapes):
 *   <head>: charset, generator=newsconv, title, description, author, keywords, canonical
 *   link, OpenGraph (og:*) and article:* meta, the JSON-LD NewsArticle (jsonld.c) and, when
 *   needed, <script type="application/json" id="newsconv-extra"> with what schema.org
 *   cannot say;
 *   <body><article data-generator="newsconv">: a header (h1, subheadline, byline with the
 *   authors, dateline, <time datetime>), the media as figures with figcaption and credit, the
 *   body (the canonical XHTML, pretty-printed) in <div class="article-body"
 *   itemprop="articleBody">, and a footer with the related links and the source url.
 * --fragment writes the <article> alone, with the JSON-LD and extra blocks inside it, so
 * that a fragment reads back without loss too. The only loss: the raw HTML of an embed
 * (the canonical XHTML keeps its URL), with a warning. */
#include "html.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static void esc(nc_buf *out, const char *s)
{
    ncp_xml_escape(out, s, strlen(s), 0);
}

static void attr(nc_buf *out, const char *name, const char *v)
{
    if (!v)
        return;
    nc_buf_printf(out, " %s=\"", name);
    ncp_xml_escape(out, v, strlen(v), 1);
    nc_buf_putc(out, '"');
}

static void meta(nc_buf *out, const char *kind, const char *key, const char *value)
{
    if (!value)
        return;
    nc_buf_printf(out, "<meta %s=\"%s\"", kind, key);
    attr(out, "content", value);
    nc_buf_puts(out, "/>\n");
}

static void meta_time(nc_buf *out, const char *key, const nc_time *t)
{
    char buf[NC_TIME_ISO_LEN];
    if (nc_time_format(t, buf))
        meta(out, "property", key, buf);
}

/* The W3C TDM Reservation Protocol's value for a data-mining permission given in the PLUS
 * vocabulary (http://ns.useplus.org/ldf/vocab/DMI-...): "1" (rights reserved) for any
 * prohibition, "0" for DMI-ALLOWED, NULL for the rest (unspecified, see constraint, ...:
 * the newsconv-extra block has the value itself). */
static const char *tdm_reservation(const nc_subject *dm)
{
    const char *c = dm->code ? dm->code : dm->name, *last;
    if (!c)
        return NULL;
    last = strrchr(c, '/');
    last = last ? last + 1 : strrchr(c, ':') ? strrchr(c, ':') + 1 : c;
    if (!strncmp(last, "DMI-PROHIBITED", 14))
        return "1";
    if (!strcmp(last, "DMI-ALLOWED"))
        return "0";
    return NULL;
}

static void head(const nc_article *a, nc_buf *out, int csp)
{
    size_t i;
    const nc_media *img = NULL;
    nc_buf t = NC_BUF_INIT;
    nc_buf_puts(out, "<head>\n<meta charset=\"utf-8\"/>\n");
    if (csp)
        /* --csp: no script runs, no style, no plug-in, no form, no frame; images and media
         * from the web or data: (the model allows only image types there); the JSON blocks
         * are data, not scripts, and need no permission */
        nc_buf_puts(out, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                         "'none'; img-src http: https: data:; media-src http: https:; "
                         "script-src 'none'; style-src 'none'; object-src 'none'; base-uri "
                         "'none'; form-action 'none'\"/>\n");
    meta(out, "name", "generator", "newsconv");
    meta(out, "name", "viewport", "width=device-width, initial-scale=1");
    nc_buf_puts(out, "<title>");
    if (a->str[NC_F_HEADLINE])
        esc(out, a->str[NC_F_HEADLINE]);
    nc_buf_puts(out, "</title>\n");
    meta(out, "name", "description", a->str[NC_F_SUMMARY]);
    for (i = 0; i < a->n_authors; i++)
        if (a->authors[i].name) {
            if (t.size)
                nc_buf_puts(&t, ", ");
            nc_buf_puts(&t, a->authors[i].name);
        }
    if (t.failed) /* a meta left out would be a silent loss */
        out->failed = 1;
    if (t.size)
        meta(out, "name", "author", t.ptr);
    nc_buf_clear(&t);
    for (i = 0; i < a->n_keywords; i++) {
        if (i)
            nc_buf_puts(&t, ", ");
        nc_buf_puts(&t, a->keywords[i]);
    }
    if (t.failed)
        out->failed = 1;
    if (t.size)
        meta(out, "name", "keywords", t.ptr);
    nc_buf_release(&t);
    meta(out, "name", "tdm-reservation", tdm_reservation(&a->data_mining));
    if (a->str[NC_F_URL]) {
        nc_buf_puts(out, "<link rel=\"canonical\"");
        attr(out, "href", a->str[NC_F_URL]);
        nc_buf_puts(out, "/>\n");
    }
    meta(out, "property", "og:type", "article");
    meta(out, "property", "og:title", a->str[NC_F_HEADLINE]);
    meta(out, "property", "og:description", a->str[NC_F_SUMMARY]);
    meta(out, "property", "og:url", a->str[NC_F_URL]);
    meta(out, "property", "og:site_name", a->str[NC_F_PUBLISHER]);
    for (i = 0; i < a->n_media && !img; i++)
        if ((a->media[i].kind == NC_MEDIA_PICTURE || a->media[i].kind == NC_MEDIA_GRAPHIC) &&
            a->media[i].href)
            img = &a->media[i];
    if (img) {
        meta(out, "property", "og:image", img->href);
        if (img->width && img->height) {
            nc_buf_printf(out, "<meta property=\"og:image:width\" content=\"%d\"/>\n", img->width);
            nc_buf_printf(out, "<meta property=\"og:image:height\" content=\"%d\"/>\n",
                          img->height);
        }
        meta(out, "property", "og:image:alt", img->alt);
    }
    meta_time(out, "article:published_time", &a->time[NC_T_PUBLISHED]);
    meta_time(out, "article:modified_time", &a->time[NC_T_MODIFIED]);
    meta_time(out, "article:expiration_time", &a->time[NC_T_EXPIRES]);
    for (i = 0; i < a->n_authors; i++)
        meta(out, "property", "article:author", a->authors[i].name);
    meta(out, "property", "article:section", a->str[NC_F_SECTION]);
    for (i = 0; i < a->n_keywords; i++)
        meta(out, "property", "article:tag", a->keywords[i]);
}

static void scripts(const nc_article *a, nc_buf *out)
{
    nc_buf extra = NC_BUF_INIT;
    nc_buf_puts(out, "<script type=\"application/ld+json\">\n");
    ncp_html_jsonld_write(a, out, 0);
    nc_buf_puts(out, "\n</script>\n");
    ncp_html_extra_write(a, &extra);
    if (extra.size) {
        nc_buf_puts(out, "<script type=\"application/json\" id=\"newsconv-extra\">\n");
        nc_buf_put(out, extra.ptr, extra.size);
        nc_buf_puts(out, "\n</script>\n");
    }
    if (extra.failed)
        out->failed = 1;
    nc_buf_release(&extra);
}

static void indent(nc_buf *out, int n)
{
    while (n-- > 0)
        nc_buf_puts(out, "  ");
}

static void byline(const nc_article *a, nc_buf *out, int ind)
{
    size_t i, n = 0;
    if (a->str[NC_F_BYLINE]) {
        indent(out, ind);
        nc_buf_puts(out, "<p class=\"byline\">");
        esc(out, a->str[NC_F_BYLINE]);
        nc_buf_puts(out, "</p>\n");
        return;
    }
    for (i = 0; i < a->n_authors; i++)
        if (a->authors[i].name)
            n++;
    if (!n)
        return;
    indent(out, ind);
    nc_buf_puts(out, "<p class=\"byline\">By ");
    for (i = 0; i < a->n_authors; i++) {
        const nc_author *au = &a->authors[i];
        if (!au->name)
            continue;
        if (i && n > 1)
            nc_buf_puts(out, i + 1 == a->n_authors ? " and " : ", ");
        if (au->url) {
            nc_buf_puts(out, "<a class=\"author\" rel=\"author\"");
            attr(out, "href", au->url);
            nc_buf_putc(out, '>');
            esc(out, au->name);
            nc_buf_puts(out, "</a>");
        } else {
            nc_buf_puts(out, "<span class=\"author\">");
            esc(out, au->name);
            nc_buf_puts(out, "</span>");
        }
        if (au->role && strcmp(au->role, "author")) {
            nc_buf_puts(out, " (");
            esc(out, au->role);
            nc_buf_putc(out, ')');
        }
    }
    nc_buf_puts(out, "</p>\n");
}

static void time_el(nc_buf *out, const char *cls, const nc_time *t, int ind)
{
    char buf[NC_TIME_ISO_LEN];
    if (!nc_time_format(t, buf))
        return;
    indent(out, ind);
    nc_buf_printf(out, "<p class=\"%s\"><time datetime=\"%s\">%s</time></p>\n", cls, buf, buf);
}

static void media(const nc_article *a, nc_buf *out, int ind)
{
    size_t i;
    for (i = 0; i < a->n_media; i++) {
        const nc_media *m = &a->media[i];
        indent(out, ind);
        nc_buf_printf(out, "<figure class=\"media %s\">", nc_media_kind_name(m->kind));
        if (m->href) {
            if (m->kind == NC_MEDIA_VIDEO || m->kind == NC_MEDIA_AUDIO) {
                const char *tag = m->kind == NC_MEDIA_VIDEO ? "video" : "audio";
                nc_buf_printf(out, "<%s controls=\"controls\"", tag);
                attr(out, "src", m->href);
                nc_buf_printf(out, "><a");
                attr(out, "href", m->href);
                nc_buf_putc(out, '>');
                esc(out, m->title ? m->title : m->href);
                nc_buf_printf(out, "</a></%s>", tag);
            } else {
                nc_buf_puts(out, "<img");
                attr(out, "src", m->href);
                attr(out, "alt", m->alt ? m->alt : "");
                if (m->width && m->height)
                    nc_buf_printf(out, " width=\"%d\" height=\"%d\"", m->width, m->height);
                attr(out, "title", m->title);
                nc_buf_puts(out, "/>");
            }
        }
        if (m->caption || m->credit) {
            nc_buf_puts(out, "<figcaption>");
            if (m->caption)
                esc(out, m->caption);
            if (m->credit) {
                if (m->caption)
                    nc_buf_putc(out, ' ');
                nc_buf_puts(out, "<span class=\"credit\">");
                esc(out, m->credit);
                nc_buf_puts(out, "</span>");
            }
            nc_buf_puts(out, "</figcaption>");
        }
        nc_buf_puts(out, "</figure>\n");
    }
}

static int is_rtl(const char *lang);

static void article(const nc_article *a, nc_buf *out, int ind, int fragment)
{
    size_t i;
    indent(out, ind);
    nc_buf_puts(out, "<article data-generator=\"newsconv\"");
    if (fragment) {
        attr(out, "lang", a->str[NC_F_LANGUAGE]);
        if (is_rtl(a->str[NC_F_LANGUAGE]))
            attr(out, "dir", "rtl");
    }
    nc_buf_puts(out, ">\n");
    if (a->str[NC_F_HEADLINE] || a->str[NC_F_SUBHEADLINE] || a->str[NC_F_BYLINE] ||
        a->n_authors || a->str[NC_F_DATELINE] || a->time[NC_T_PUBLISHED].prec ||
        a->time[NC_T_MODIFIED].prec) {
        indent(out, ind + 1);
        nc_buf_puts(out, "<header>\n");
        if (a->str[NC_F_HEADLINE]) {
            indent(out, ind + 2);
            nc_buf_puts(out, "<h1>");
            esc(out, a->str[NC_F_HEADLINE]);
            nc_buf_puts(out, "</h1>\n");
        }
        if (a->str[NC_F_SUBHEADLINE]) {
            indent(out, ind + 2);
            nc_buf_puts(out, "<p class=\"subheadline\">");
            esc(out, a->str[NC_F_SUBHEADLINE]);
            nc_buf_puts(out, "</p>\n");
        }
        byline(a, out, ind + 2);
        if (a->str[NC_F_DATELINE]) {
            indent(out, ind + 2);
            nc_buf_puts(out, "<p class=\"dateline\">");
            esc(out, a->str[NC_F_DATELINE]);
            nc_buf_puts(out, "</p>\n");
        }
        time_el(out, "published", &a->time[NC_T_PUBLISHED], ind + 2);
        time_el(out, "modified", &a->time[NC_T_MODIFIED], ind + 2);
        indent(out, ind + 1);
        nc_buf_puts(out, "</header>\n");
    }
    media(a, out, ind + 1);
    indent(out, ind + 1);
    nc_buf_puts(out, "<div class=\"article-body\" itemprop=\"articleBody\">");
    if (nc_node_first_child(a->body)) {
        nc_buf_putc(out, '\n');
        indent(out, ind + 2);
        ncp_body_to_xhtml(a->body, out, ind + 2);
        nc_buf_putc(out, '\n');
        indent(out, ind + 1);
    }
    nc_buf_puts(out, "</div>\n");
    if (a->n_links || a->str[NC_F_URL] || a->str[NC_F_COPYRIGHT_NOTICE]) {
        indent(out, ind + 1);
        nc_buf_puts(out, "<footer>\n");
        if (a->n_links) {
            indent(out, ind + 2);
            nc_buf_puts(out, "<ul class=\"related\">\n");
            for (i = 0; i < a->n_links; i++) {
                const nc_link *l = &a->links[i];
                indent(out, ind + 3);
                nc_buf_puts(out, "<li>");
                if (l->href) {
                    nc_buf_puts(out, "<a");
                    attr(out, "rel", l->rel);
                    attr(out, "href", l->href);
                    nc_buf_putc(out, '>');
                    esc(out, l->title ? l->title : l->href);
                    nc_buf_puts(out, "</a>");
                } else if (l->title) {
                    esc(out, l->title);
                }
                nc_buf_puts(out, "</li>\n");
            }
            indent(out, ind + 2);
            nc_buf_puts(out, "</ul>\n");
        }
        if (a->str[NC_F_COPYRIGHT_NOTICE]) {
            indent(out, ind + 2);
            nc_buf_puts(out, "<p class=\"copyright\">");
            esc(out, a->str[NC_F_COPYRIGHT_NOTICE]);
            nc_buf_puts(out, "</p>\n");
        }
        if (a->str[NC_F_URL]) {
            indent(out, ind + 2);
            nc_buf_puts(out, "<p class=\"source\">Source: <a");
            attr(out, "href", a->str[NC_F_URL]);
            nc_buf_putc(out, '>');
            esc(out, a->str[NC_F_URL]);
            nc_buf_puts(out, "</a></p>\n");
        }
        indent(out, ind + 1);
        nc_buf_puts(out, "</footer>\n");
    }
    if (fragment)
        scripts(a, out);
    indent(out, ind);
    nc_buf_puts(out, "</article>\n");
}

/* Right-to-left scripts: the primary language subtags written in Arabic, Hebrew, Thaana,
 * Syriac or N'Ko script by default, and any tag with such a script subtag. */
static int is_rtl(const char *lang)
{
    static const char *const langs[] = {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks",
                                        "ku-arab", "nqo", "pa-arab", "prs", "ps", "sd",
                                        "syr", "ug", "ur", "yi", NULL};
    static const char *const scripts[] = {"-arab", "-hebr", "-thaa", "-syrc", "-nkoo",
                                          "-adlm", "-rohg", "-mand", "-samr", NULL};
    size_t i, n;
    if (!lang)
        return 0;
    for (i = 0; scripts[i]; i++) {
        const char *p = lang;
        n = strlen(scripts[i]);
        while ((p = strchr(p, '-')) != NULL) {
            if (!ncp_strncasecmp(p, scripts[i], n) && (p[n] == '\0' || p[n] == '-'))
                return 1;
            if (!ncp_strncasecmp(p, "-latn", 5) || !ncp_strncasecmp(p, "-cyrl", 5))
                return 0;
            p++;
        }
    }
    for (i = 0; langs[i]; i++) {
        n = strlen(langs[i]);
        if (!ncp_strncasecmp(lang, langs[i], n) && (lang[n] == '\0' || lang[n] == '-'))
            return 1;
    }
    return 0;
}

static void write_page(const nc_article *a, nc_buf *out, const nc_opts *o);

int ncp_html_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    nc_article view;
    ncp_publish pv;
    nc_iter it = nc_iter_init(a->body);
    nc_event ev;
    /* the canonical XHTML keeps an embed's URL only */
    while ((ev = nc_iter_next(&it)) != NC_EVENT_DONE) {
        const nc_node *n = nc_iter_node(&it);
        if (ev == NC_EVENT_ENTER && n->type == NC_BLOCK_EMBED && n->as.embed.html) {
            nc_warn(o, n->line, n->column, "html cannot hold embed html: dropped");
            break;
        }
    }
    if (ncp_publish_view(a, &view, &pv, o, "html", NCP_PUBLISH_PAGE) < 0) {
        ncp_publish_free(&pv);
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    }
    if (nc_opts_flag(o, "fragment"))
        article(&view, out, 0, 1);
    else
        write_page(&view, out, o);
    ncp_publish_free(&pv);
    return 0;
}

static void write_page(const nc_article *a, nc_buf *out, const nc_opts *o)
{
    nc_buf_puts(out, "<!DOCTYPE html>\n<html");
    attr(out, "lang", a->str[NC_F_LANGUAGE]);
    if (is_rtl(a->str[NC_F_LANGUAGE]))
        attr(out, "dir", "rtl");
    nc_buf_puts(out, ">\n");
    head(a, out, nc_opts_flag(o, "csp"));
    scripts(a, out);
    nc_buf_puts(out, "</head>\n<body>\n");
    article(a, out, 0, 0);
    nc_buf_puts(out, "</body>\n</html>\n");
}
