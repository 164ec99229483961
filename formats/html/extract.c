/* newsconv html: finding the article in a page.
 *
 * 1. Analysis, one iterative pass over the whole document:
 *    - chrome is marked (H_JUNK, removed with its subtree): script, style, forms without
 *      content, nav, aside, footer, dialogs, hidden elements (hidden, aria-hidden,
 *      display:none, sr-only/visually-hidden classes), ARIA landmarks that are not content
 *      (navigation, banner, contentinfo, complementary, search, dialog, menu ...), and class/id
 *      words of comments, share bars, ads, newsletters, related/recommended rails, cookie
 *      banners, pagination, sidebars, menus, footers. Class/id words are matched as whole
 *      tokens ("ad" is not "head"); an element holding an explicit article-body marker is
 *      never chrome, and the weaker words (sidebar, footer, menu ...) do not remove an
 *      element whose class also says content ("sidebar-content") or a captioned picture.
 *    - bylines, author boxes, date lines and entry-meta (H_BYLINE) stay available to the
 *      metadata pass but are not body.
 *    - text blocks (the inline text of a block element) are weighed: "good" when they read
 *      like prose (>= 80 characters without links, or >= 25 with sentence punctuation, link
 *      text at most half), "bad" when they are mostly links or short labels. CJK characters
 *      count double.
 * 2. The container: the element maximising good - bad over its subtree, times a small bonus
 *    for explicit markers (itemprop=articleBody, article-body/story-body/entry-content ...
 *    class names), <article> and content-like class names; deeper wins ties.
 * 3. Cleaning inside the container (H_DROP): link lists, label-only boxes, the visible
 *    headline; after conversion the repeated headline, byline and date lines are dropped. */
#include "html.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- tag classes ---- */

static const char *const block_tags[] = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2",
    "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody",
    "tfoot", "tr", "td", "th", "blockquote", "pre", "figure", "figcaption", "form",
    "fieldset", "address", "center", "body", "html", "hgroup", "details", "summary",
    "caption", "hr", "menu", "dialog", "iframe", "video", "audio", "picture", NULL};

static const char *const junk_tags[] = {
    "script", "style", "noscript", "template", "svg", "button", "input", "select",
    "textarea", "nav", "aside", "footer", "dialog", "menu", "label", "canvas", "map",
    "head", "title", "meta", "link", NULL};

static int in_set(const char *name, const char *const *set)
{
    size_t i;
    int c = name[0] >= 'A' && name[0] <= 'Z' ? name[0] + 32 : name[0];
    for (i = 0; set[i]; i++)
        if (set[i][0] == c && !ncp_strcasecmp(name, set[i]))
            return 1;
    return 0;
}

/* name (an element's) is tag: the first letter compared before the whole name, as the
 * analysis asks this a dozen times of every element. */
static int tag_is(const char *name, const char *tag)
{
    return (name[0] | 0x20) == tag[0] && !ncp_strcasecmp(name, tag);
}

static int is_heading(const xmlNode *n)
{
    const char *nm = ncp_dom_name(n);
    return (nm[0] == 'h' || nm[0] == 'H') && nm[1] >= '1' && nm[1] <= '6' && !nm[2];
}

/* ---- class and id words ---- */

enum {
    W_STRONG = 1, /* chrome unless it holds a marker */
    W_WEAK = 2,   /* chrome unless it holds a marker or most of the text */
    W_BYLINE = 4, /* byline/date/meta */
    W_POS = 8,    /* content-like */
    W_MARKER = 16,/* explicit article body */
    W_HIDDEN = 32,/* hidden by a utility class */
    W_HARD = 64   /* strong chrome that is never an article, even when relaxed */
};

/* Strong words removed at every cleaning level (candidates.c relaxes the others): comment
 * threads, consent banners, share and follow bars, newsletter boxes, related and sponsored
 * rails, ads. Pages whose article wrapper is named for something else (a "modal" reader
 * view, a "widget") are served by relaxing; no article is named for these. */
static const char *const hard_prefix[] = {
    "comment", "disqus", "respond", "repl", "cookie", "consent", "gdpr", "newsletter",
    "share", "sharing", "social", "related", "recommend", "outbrain", "taboola", "advert",
    "sponsor", "promo", "subscri", NULL};
static const char *const hard_exact[] = {"ad", "ads", "adv", "adslot", "adunit", "dfp", NULL};

static const char *const strong_exact[] = {
    "ad", "ads", "adv", "advert", "adverts", "adsense", "adslot", "adunit", "adzone", "dfp",
    "gpt", "disqus", "respond", "reply", "replies", "sharing", "outbrain", "taboola",
    "popup", "modal", "paywall", "login", "signin", "signup", "register", "toolbar",
    "follow", "skip", "jump", "pagination", "pager", "next", "prev", "previous", "print",
    "cookie", "cookies", "consent", "gdpr", "newsletter", "newsletters", "breadcrumb",
    "breadcrumbs", "crumbs", "recirc", "recirculation", "promo", "promos", "promoted",
    "sponsored", "sponsor", "sponsors", "partner", "partners", "affiliate", "commerce",
    "shopping", "subscribe", "subscription", "subscriptions", "social", "share", "shares",
    "sharebar", "shareline", "comment", "comments", "commentlist", "feedback", "survey",
    "related", "recommended", "recommendations", "recommend", "rss", "ticker", "alert",
    "notification", "notifications", "banner", "masthead", "logo", "icon", "icons", "btn",
    "button", "buttons", "overlay", "lightbox", "tooltip", "dropdown", "login", "account",
    "search", "searchbox", "nocontent", "noprint", "donate", "donation", "ribbon", "teasers",
    "moreon", "morefrom", "readmore", "readnext", "upnext", "whatsnext", "also", "bio",
    "tags", "tag", "tagged", "topics", "keywords", "categories", "category", "sitemap",
    "copyright", "legal", "disclaimer", NULL};

static const char *const strong_prefix[] = {
    "advert", "sponsor", "comment", "newsletter", "subscri", "social", "share", "related",
    "recommend", "promo", "outbrain", "taboola", "cookie", "breadcrumb", "popup", "banner",
    NULL};

static const char *const weak_exact[] = {
    "sidebar", "sidebars", "side", "rail", "aside", "footer", "foot", "nav", "navbar",
    "navigation", "menu", "menus", "header", "topbar", "secondary", "supplemental",
    "complementary", "extra", "extras", "popular", "trending", "mostread", "most",
    "mostpopular", "more", "tools", "utility", "utilities", "links", "sitenav", "subnav",
    "offcanvas", "drawer", "widget", "widgets", NULL};

static const char *const weak_prefix[] = {"sidebar", "footer", "navig", "menu", NULL};

static const char *const byline_exact[] = {
    "byline", "bylines", "byl", "author", "authors", "writer", "contributor",
    "contributors", "dateline", "date", "dates", "time", "timestamp", "published",
    "pubdate", "posted", "meta", "metadata", "postmeta", "entrymeta", "credits", "updated",
    "readtime", "reading", NULL};

static const char *const pos_exact[] = {"article", "body", "content", "entry", "main", "post",
                                        "story", "text", "blog", "hentry", "prose", "copy",
                                        "column", NULL};

/* joined (lower case, alphanumerics only) class words naming the article body */
static const char *const markers[] = {
    "articlebody", "articletext", "articlecontent", "articlecopy", "articleinner",
    "storybody", "storytext", "storycontent", "entrycontent", "entrybody", "entrytext",
    "postcontent", "postbody", "posttext", "postentry", "contentbody", "bodytext",
    "bodycopy", "richtext", "articlepage", "mainarticle", "econtent", "blogpost",
    "itemfulltext", "newsarticle", "artikel", "textcontent", "storycontainer", NULL};

static const char *const hidden_joined[] = {"hidden", "hide", "sronly", "visuallyhidden",
                                            "screenreadertext", "screenreaderonly",
                                            "offscreen", "invisible", "elementinvisible",
                                            "srtext", "visuallyhiddenfocusable", NULL};

static int word_in(const char *w, size_t n, const char *const *list)
{
    size_t i;
    for (i = 0; list[i]; i++)
        if (list[i][0] == w[0] && !strncmp(list[i], w, n) && list[i][n] == '\0')
            return 1;
    return 0;
}

static int prefix_in(const char *w, size_t n, const char *const *list)
{
    size_t i;
    for (i = 0; list[i]; i++) {
        size_t l;
        if (list[i][0] != w[0])
            continue;
        l = strlen(list[i]);
        if (n >= l && !memcmp(list[i], w, l))
            return 1;
    }
    return 0;
}

static int lc(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int isal(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int isdg(int c) { return c >= '0' && c <= '9'; }

/* Classifies one class or id word ("c-article__body", "storyBody", "sr-only"). */
static unsigned classify_word(const char *s, size_t n)
{
    char joined[64], tok[32];
    const char *end;
    size_t i, jl = 0, tl;
    unsigned f = 0;
    int negated = 0;
    if (n > 200)
        return 0;
    for (i = 0; i < n && jl < sizeof joined - 1; i++)
        if (isal((unsigned char)s[i]) || isdg((unsigned char)s[i]))
            joined[jl++] = (char)lc((unsigned char)s[i]);
    joined[jl] = '\0';
    if (word_in(joined, jl, hidden_joined))
        return W_HIDDEN;
    for (i = 0; jl >= 7 && markers[i]; i++) /* the shortest marker has 7 letters */
        if (strstr(joined, markers[i]))
            f |= W_MARKER;
    /* tokens: split at non-alphanumerics and lower->upper case changes */
    end = s + n;
    while ((tl = ncp_dom_token_next(&s, end, 1, tok, sizeof tok)) > 0) {
        if (!strcmp(tok, "shared"))
            continue; /* "shared-content": reused blocks, not a share bar */
        if (!strcmp(tok, "no") || !strcmp(tok, "has") || !strcmp(tok, "with") ||
            !strcmp(tok, "without")) {
            negated = 1; /* "no-sidebar", "has-comments": layout, not chrome */
            continue;
        }
        if (negated) {
            negated = 0;
            continue;
        }
        if (word_in(tok, tl, strong_exact) || prefix_in(tok, tl, strong_prefix))
            f |= W_STRONG;
        if ((f & W_STRONG) && (word_in(tok, tl, hard_exact) || prefix_in(tok, tl, hard_prefix)))
            f |= W_HARD;
        else if (word_in(tok, tl, weak_exact) || prefix_in(tok, tl, weak_prefix))
            f |= W_WEAK;
        else if (word_in(tok, tl, byline_exact))
            f |= W_BYLINE;
        if (word_in(tok, tl, pos_exact))
            f |= W_POS;
    }
    /* "article-body", "post-content": the marker wins over everything else */
    if (f & W_MARKER)
        f &= ~(unsigned)(W_STRONG | W_WEAK | W_BYLINE | W_HARD);
    /* "comment-body" etc. stay chrome; "entry-meta" is a byline box */
    return f;
}

static unsigned classify_attr(const char *v)
{
    unsigned f = 0;
    const char *w;
    size_t len;
    if (!v)
        return 0;
    /* not \f: a class "a\fb" is one word here */
    while ((w = ncp_dom_word_next(&v, " \t\n\r", &len)) != NULL)
        f |= classify_word(w, len);
    return f;
}

/* The class and id words of an element, classified once per page (the relaxed
 * re-analyses reuse them); identical class strings, frequent in generated markup, share a
 * small direct-mapped cache. */
static unsigned classify_cached(ncp_hpage *p, xmlNode *n)
{
    size_t idx = (size_t)(ncp_hi(n) - p->info);
    const char *c, *id;
    unsigned w;
    if (p->wclass && p->wclass[idx])
        return p->wclass[idx] - 1;
    c = ncp_dom_attr(n, "class");
    id = ncp_dom_attr(n, "id");
    if (c && *c) {
        uint32_t h = 2166136261u;
        const char *k;
        struct ncp_wcache *e;
        for (k = c; *k; k++)
            h = (h ^ (unsigned char)*k) * 16777619u;
        e = &p->wcache[h % NCP_WCACHE];
        if (e->s && e->h == h && !strcmp(e->s, c)) {
            w = e->w;
        } else {
            w = classify_attr(c);
            e->s = c;
            e->h = h;
            e->w = w;
        }
    } else {
        w = 0;
    }
    w |= classify_attr(id);
    if (p->wclass)
        p->wclass[idx] = w + 1;
    return w;
}

static int hidden_el(const xmlNode *n)
{
    const char *s;
    if (ncp_dom_attr(n, "hidden"))
        return 1;
    if ((s = ncp_dom_attr(n, "aria-hidden")) && !ncp_strcasecmp(s, "true") &&
        !ncp_dom_is(n, "figure") && !ncp_dom_is(n, "img") && !ncp_dom_is(n, "picture"))
        return 1;
    if ((s = ncp_dom_attr(n, "style"))) {
        const char *p;
        for (p = s; *p; p++) {
            const char *q = NULL;
            if (!ncp_strncasecmp(p, "display", 7))
                q = p + 7;
            else if (!ncp_strncasecmp(p, "visibility", 10))
                q = p + 10;
            if (!q)
                continue;
            while (*q == ' ' || *q == ':')
                q++;
            if (!ncp_strncasecmp(q, "none", 4) || !ncp_strncasecmp(q, "hidden", 6))
                return 1;
        }
    }
    return 0;
}

static const char *const junk_roles[] = {"navigation", "banner", "contentinfo", "complementary",
                                         "search", "dialog", "alertdialog", "menu", "menubar",
                                         "toolbar", "tablist", "tooltip", "alert", "form",
                                         NULL};

/* The roles still removed at relax 2: page landmarks. The others (tablist, dialog, form,
 * alert ...) are widgets that some pages wrap around the text itself (a transcript in a
 * tab panel, an article in a "dialog" reader view). */
static const char *const landmark_roles[] = {"navigation", "banner", "contentinfo", "search",
                                             NULL};

/* ---- weighing text ---- */

/* Weighted length of a text run (white space not counted, CJK double) and its sentence
 * punctuation. */
static void weigh(const char *s, int *len, int *punct)
{
    const unsigned char *p = (const unsigned char *)s;
    int l = 0, pu = 0;
    while (*p) {
        unsigned c = *p;
        if (c < 0x80) {
            if (c == '.' || c == '!' || c == '?' || c == ',' || c == ';' || c == ':')
                pu++;
            if (c > ' ')
                l++;
            p++;
        } else if (c >= 0xE0 && c < 0xF0 && p[1] && p[2]) {
            unsigned cp = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
                (cp >= 0xF900 && cp <= 0xFAFF))
                l += 2;
            else if (cp == 0x3002 || cp == 0xFF0C || cp == 0xFF01 || cp == 0xFF1F ||
                     cp == 0x3001 || cp == 0xFF1B)
                pu++, l++;
            else if (cp != 0x200B && cp != 0xFEFF)
                l++;
            p += 3;
        } else {
            if (!(c == 0xC2 && p[1] == 0xA0))
                l++;
            p++;
            while ((*p & 0xC0) == 0x80)
                p++;
        }
    }
    *len = l;
    *punct = pu;
}

/* weigh() of a text node, cached in the node's _private (the analysis walks the page
 * again for each cleaning level; the text does not change): length << 25 | punctuation
 * << 1 | 1, on 64-bit pointers, with both in range. */
static void weigh_text(xmlNode *n, int *len, int *punct)
{
    uintptr_t v = (uintptr_t)n->_private;
    if (v & 1) {
        *len = (int)(v >> 25);
        *punct = (int)((v >> 1) & 0xFFFFFF);
        return;
    }
    weigh((const char *)n->content, len, punct);
    if (sizeof(uintptr_t) >= 8 && *len >= 0 && *len < (1 << 30) && *punct >= 0 &&
        *punct < (1 << 24))
        n->_private = (void *)(((uintptr_t)*len << 25) | ((uintptr_t)*punct << 1) | 1u);
}

/* ---- noscript images ---- */

static int usable_src(const char *s)
{
    static const char *const bad[] = {"data:", "blank.", "spacer.", "pixel.", "placeholder",
                                      "transparent.", "1x1", "grey.gif", "gray.gif", "lazy",
                                      "loading.", NULL};
    size_t i;
    if (!s || !*s)
        return 0;
    for (i = 0; bad[i]; i++)
        if (strstr(s, bad[i]))
            return 0;
    return 1;
}

static int has_lazy_attr(const xmlNode *img)
{
    static const char *const attrs[] = {"data-src", "data-original", "data-lazy-src",
                                        "data-srcset", "data-lazy-srcset", "data-hi-res-src",
                                        "data-full-src", "srcset", NULL};
    size_t i;
    for (i = 0; attrs[i]; i++)
        if (ncp_dom_attr(img, attrs[i]) && *ncp_dom_attr(img, attrs[i]))
            return 1;
    return 0;
}

static xmlNode *only_img(xmlNode *n, int depth)
{
    xmlNode *c, *found = NULL;
    if (ncp_dom_is(n, "img"))
        return n;
    if (depth > 3)
        return NULL;
    for (c = n->children; c; c = c->next) {
        xmlNode *r;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        r = only_img(c, depth + 1);
        if (r) {
            if (found)
                return NULL;
            found = r;
        }
    }
    return found;
}

/* <img placeholder><noscript><img real></noscript>: the real image replaces the
 * placeholder; a noscript image with no placeholder is moved out of the noscript. */
static void noscript_images(ncp_hpage *p)
{
    xmlNode *n, *img, *prev;
    ncp_dom_walk it;
    /* the body and what follows it (the body's subtree alone: the lifted image goes
     * before the noscript, which is then skipped) */
    if (p->body)
        ncp_dom_walk_init(&it, p->body);
    else
        ncp_dom_walk_tree(&it, p->root);
    while ((n = ncp_dom_walk_enter(&it)) != NULL) {
        if (!ncp_dom_is(n, "noscript") || !(img = only_img(n, 0)))
            continue;
        if (!ncp_dom_attr(img, "src") || !usable_src(ncp_dom_attr(img, "src")))
            continue;
        for (prev = n->prev; prev && prev->type != XML_ELEMENT_NODE; prev = prev->prev)
            ;
        if (prev && (prev = only_img(prev, 0)) != NULL) {
            if (!usable_src(ncp_dom_attr(prev, "src")) || has_lazy_attr(prev)) {
                xmlSetProp(prev, BAD_CAST "src", BAD_CAST ncp_dom_attr(img, "src"));
                xmlUnsetProp(prev, BAD_CAST "data-src");
                xmlUnsetProp(prev, BAD_CAST "data-srcset");
                xmlUnsetProp(prev, BAD_CAST "srcset");
            }
            continue;
        }
        /* no placeholder before it: lift the image out */
        ncp_dom_walk_skip(&it);
        xmlUnlinkNode(img);
        xmlAddPrevSibling(n, img);
    }
}

/* React's streamed server rendering (Next.js and other frameworks built on React 18)
 * sends the content of a Suspense boundary late, in <div hidden id="S:0">, which a script
 * moves into place: that div is content, not a hidden element. */
static void streamed_segments(ncp_hpage *p)
{
    xmlNode *n;
    ncp_dom_walk it;
    if (p->body)
        ncp_dom_walk_init(&it, p->body); /* the body and what follows it */
    else
        ncp_dom_walk_tree(&it, p->root);
    while ((n = ncp_dom_walk_enter(&it)) != NULL) {
        const char *id;
        if (n->type != XML_ELEMENT_NODE || !ncp_dom_attr(n, "hidden") ||
            !(id = ncp_dom_attr(n, "id")))
            continue;
        if (id[0] == 'S' && id[1] == ':' && id[2] >= '0' && id[2] <= '9')
            xmlUnsetProp(n, BAD_CAST "hidden");
    }
}

/* ---- the analysis pass ---- */

static void leave_el(xmlNode *el)
{
    ncp_hinfo *h = ncp_hi(el), *ph = ncp_hi(el->parent);
    if (!h)
        return;
    if (h->flags & (H_JUNK | H_INJUNK))
        return;
    if (h->flags & H_BLOCK) {
        int L = h->own, K = h->own_link, N = L - K;
        if (L > 0) {
            if (K * 2 > L) {
                h->bad += L;
                h->linkbad += L;
            }
            else if (is_heading(el))
                ;
            else if (N >= 80 || (N >= 25 && h->own_punct >= 1)) {
                xmlNode *up = el;
                int k;
                h->good += L;
                h->paras++;
                /* concentration: the block and its parent in full, the grandparent half,
                 * then 1/(3*(level-1)) (prose several levels down is a teaser list) */
                for (k = 0; up && up->type == XML_ELEMENT_NODE && k <= 5; k++, up = up->parent) {
                    ncp_hinfo *uh = ncp_hi(up);
                    if (uh)
                        uh->conc += k <= 1 ? L : k == 2 ? L / 2.0 : L / (3.0 * (k - 1));
                }
            } else if (h->own_punct == 0)
                h->bad += L / 2;
        }
        h->text += h->own;
        h->link += h->own_link;
        if (is_heading(el) || ncp_dom_is(el, "table") || ncp_dom_is(el, "pre") ||
            ncp_dom_is(el, "blockquote") || ncp_dom_is(el, "li") || ncp_dom_is(el, "figure") ||
            ncp_dom_is(el, "dl"))
            h->flags |= H_STRUCT;
        if (!ph)
            return;
    } else {
        if (!ph)
            return;
        ph->own += h->own;
        ph->own_link += h->own_link;
        ph->own_punct += h->own_punct;
    }
    /* teaser lists: two or more children that are cards */
    if (h->ncards >= 2)
        h->teaser += h->cardgood;
    if (h->teaser > h->good)
        h->teaser = h->good;
    /* a card: a small block holding a link line and a blurb */
    if (!(h->flags & H_MARKER) && h->text <= 700 && h->good > 0 && h->linkbad >= 15 &&
        h->good < 3 * h->text / 4 + 1) {
        h->flags |= H_CARD;
    }
    if (h->flags & H_BYLINE) {
        /* bylines and date lines are metadata, neither prose nor chrome */
        h->good = h->bad = h->linkbad = h->paras = h->teaser = 0;
        h->flags &= ~(unsigned)H_CARD;
    }
    if (h->flags & H_CARD) {
        ph->ncards++;
        ph->cardgood += h->good;
    }
    ph->text += h->text;
    ph->link += h->link;
    ph->good += h->good;
    ph->bad += h->bad;
    ph->media += h->media;
    ph->paras += h->paras;
    ph->linkbad += h->linkbad;
    ph->teaser += h->teaser;
    ph->flags |= h->flags & H_STRUCT;
    if (h->flags & (H_MARKER | H_KEEP))
        ph->flags |= H_KEEP;
}

static void analyse_walk(ncp_hpage *p, int first);

int ncp_html_analyse(ncp_hpage *p)
{
    xmlNode *n;
    ncp_dom_walk it;
    size_t count = 0, i = 0;
    if (!p->metas_done || (p->seen & SEEN_NOSCRIPT))
        noscript_images(p);
    if (!p->metas_done || (p->seen & SEEN_STREAMED))
        streamed_segments(p);
    if (p->metas_done) {
        count = p->n_elements; /* noscript_images and streamed_segments move, not add */
    } else {
        for (ncp_dom_walk_tree(&it, p->root); (n = ncp_dom_walk_enter(&it)) != NULL;)
            if (n->type == XML_ELEMENT_NODE)
                count++;
    }
    p->info = calloc(count ? count : 1, sizeof *p->info);
    if (!p->info)
        return -1;
    p->n_info = count;
    p->wclass = calloc(count ? count : 1, sizeof *p->wclass); /* optional: NULL is slower */
    for (ncp_dom_walk_tree(&it, p->root); (n = ncp_dom_walk_enter(&it)) != NULL;)
        if (n->type == XML_ELEMENT_NODE)
            n->_private = i < count ? &p->info[i++] : NULL;
    analyse_walk(p, 1);
    return 0;
}

void ncp_html_reanalyse(ncp_hpage *p, int relax)
{
    if (!p->info)
        return;
    memset(p->info, 0, p->n_info * sizeof *p->info);
    p->relax = relax;
    p->content = NULL;
    analyse_walk(p, 1);
}

/* A text node's letters and punctuation, added to its parent's own counts (outside junk). */
static void count_text(xmlNode *n)
{
    ncp_hinfo *ph = ncp_hi(n->parent);
    if (ph && !(ph->flags & (H_JUNK | H_INJUNK)) && n->content) {
        int L, P;
        weigh_text(n, &L, &P);
        ph->own += L;
        ph->own_punct += P;
        if (ph->flags & (H_LINK | H_INLINK))
            ph->own_link += L;
    }
}

/* 1 when the walks over the page look inside an element (not script, style or svg). */
static int has_prose(const char *name)
{
    return !tag_is(name, "script") && !tag_is(name, "style") && !tag_is(name, "svg");
}

/* A <footer> inside a blockquote or figure (at most two levels down) is the quotation's
 * attribution ("— Name"), not page chrome. */
static int attribution_footer(const xmlNode *n, const char *name)
{
    const xmlNode *up;
    int k;
    if (!tag_is(name, "footer"))
        return 0;
    for (up = n->parent, k = 0; up && up->type == XML_ELEMENT_NODE && k < 3; up = up->parent, k++)
        if (ncp_dom_is(up, "blockquote") || ncp_dom_is(up, "figure"))
            return 1;
    return 0;
}

/* An <aside> inside an <article> is the story's box (a fact box, a timeline) unless its
 * class or link density says otherwise (the scoring decides, as for a div); a pull quote
 * that repeats the text goes when the body is tidied. Elsewhere an aside is page chrome. */
static int article_aside(const xmlNode *n, const char *name)
{
    const xmlNode *up;
    if (!tag_is(name, "aside"))
        return 0;
    for (up = n->parent; up && up->type == XML_ELEMENT_NODE; up = up->parent)
        if (ncp_dom_is(up, "article"))
            return 1;
    return 0;
}

/* What the class, id, role and itemprop of an element (not in junk) say of it. */
static void classify_el(ncp_hpage *p, xmlNode *n, ncp_hinfo *h, const char *name)
{
    const char *role = ncp_dom_attr(n, "role");
    const char *ip = ncp_dom_attr(n, "itemprop");
    unsigned w = classify_cached(p, n);
    if (ip && (ncp_html_attr_word(n, "itemprop", "articleBody") ||
               ncp_html_attr_word(n, "itemprop", "articlebody")))
        w = (w & ~(unsigned)(W_STRONG | W_WEAK | W_BYLINE | W_HARD)) | W_MARKER;
    if (w & W_MARKER)
        h->flags |= H_MARKER;
    if (w & W_POS)
        h->flags |= H_POSITIVE;
    if ((in_set(name, junk_tags) && !attribution_footer(n, name) && !article_aside(n, name) &&
         !(tag_is(name, "button") && ncp_dom_in_prose(n))) ||
        hidden_el(n) ||
        (w & W_HIDDEN) ||
        (role && in_set(role, junk_roles) && !(w & W_MARKER) &&
         (p->relax < 2 || in_set(role, landmark_roles))))
        h->flags |= H_JUNK;
    else if (tag_is(name, "body") || tag_is(name, "html") ||
             tag_is(name, "main") || tag_is(name, "article"))
        ; /* never chrome by class */
    else if (w & W_STRONG)
        h->flags |= H_STRONG | (w & W_HARD ? H_HARD : 0); /* chrome unless it
                                           * holds a marker (settle_junk) */
    else if ((w & W_WEAK) || tag_is(name, "form"))
        h->flags |= H_NEGATIVE;
    if (w & W_BYLINE)
        h->flags |= H_BYLINE;
    if (tag_is(name, "img") || tag_is(name, "picture") || tag_is(name, "video") ||
        tag_is(name, "iframe"))
        h->media++;
}

/* The first analysis of an element, on the way down. */
static void analyse_enter(ncp_hpage *p, xmlNode *n, const char *name)
{
    ncp_hinfo *h = ncp_hi(n), *ph = ncp_hi(n->parent);
    if (ph && (ph->flags & (H_JUNK | H_INJUNK)))
        h->flags |= H_INJUNK;
    if (ph && (ph->flags & (H_LINK | H_INLINK)))
        h->flags |= H_INLINK;
    if (in_set(name, block_tags))
        h->flags |= H_BLOCK;
    if (tag_is(name, "a") && ncp_dom_attr(n, "href"))
        h->flags |= H_LINK;
    if (tag_is(name, "article"))
        h->flags |= H_ARTICLE;
    if (!(h->flags & H_INJUNK))
        classify_el(p, n, h, name);
}

/* The re-analysis of an element after the junk decisions (retotal), on the way down. */
static void retotal_enter(xmlNode *n, const char *name)
{
    ncp_hinfo *h = ncp_hi(n), *ph = ncp_hi(n->parent);
    if (ph && (ph->flags & (H_JUNK | H_INJUNK)))
        h->flags |= H_INJUNK;
    if (!(h->flags & (H_JUNK | H_INJUNK)) &&
        (tag_is(name, "img") || tag_is(name, "picture") || tag_is(name, "video") ||
         tag_is(name, "iframe")))
        h->media++;
}

/* The analysis walk (enter/leave) over the whole document, the first (first = 1) or
 * again after the junk decisions; a script, style or svg is left as soon as it is
 * entered. */
static void analyse_walk(ncp_hpage *p, int first)
{
    ncp_dom_walk it;
    ncp_dom_event ev;
    ncp_dom_walk_tree(&it, p->root);
    while ((ev = ncp_dom_walk_next(&it)) != NCP_DOM_DONE) {
        xmlNode *n = it.node;
        if (ev == NCP_DOM_LEAVE) {
            leave_el(n);
        } else if (n->type == XML_ELEMENT_NODE) {
            const char *name = ncp_dom_name(n);
            if (first)
                analyse_enter(p, n, name);
            else
                retotal_enter(n, name);
            if (!has_prose(name)) {
                leave_el(n);
                ncp_dom_walk_skip(&it);
            }
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            count_text(n);
        }
    }
}

/* A long text in sections (two or more headings with at least 1500 characters of prose):
 * an article, whatever its wrapper's class says (pages whose body column carries a "share"
 * id); comment threads and share bars have no section headings. */
static int sectioned_prose(xmlNode *el, const ncp_hinfo *h)
{
    xmlNode *n;
    ncp_dom_walk it;
    int heads = 0, budget = 20000;
    if (h->good < 1500)
        return 0;
    ncp_dom_walk_init(&it, el->children);
    while (heads < 2 && (n = ncp_dom_walk_enter(&it)) != NULL && budget-- > 0) {
        const char *nm = ncp_dom_name(n);
        if (n->type == XML_ELEMENT_NODE && nm[0] == 'h' && nm[1] >= '2' && nm[1] <= '4' && !nm[2])
            heads++;
    }
    return heads >= 2;
}

/* Chrome by class that holds a marker is kept, and weak words with a content word; the
 * decision needs the subtree totals, so it is made here, top-down. */
static void settle_junk(ncp_hpage *p)
{
    xmlNode *n;
    ncp_dom_walk it;
    p->class_junk_good = 0;
    ncp_dom_walk_tree(&it, p->body ? p->body : p->root);
    while ((n = ncp_dom_walk_enter(&it)) != NULL) {
        int descend = 1;
        if (n->type == XML_ELEMENT_NODE) {
            ncp_hinfo *h = ncp_hi(n);
            if (!(h->flags & H_BLOCK) && (h->flags & (H_STRONG | H_NEGATIVE | H_BYLINE))) {
                /* an inline element inside prose (<a class="meta-loc">) is prose */
                xmlNode *b = n->parent;
                while (b && ncp_hi(b) && !(ncp_hi(b)->flags & H_BLOCK))
                    b = b->parent;
                if (b && ncp_hi(b) && ncp_hi(b)->own > 2 * h->own + 40)
                    h->flags &= ~(unsigned)(H_STRONG | H_NEGATIVE | H_BYLINE);
            }
            if (h->flags & (H_INJUNK | H_JUNK)) {
                descend = 0;
            } else if ((h->flags & H_STRONG) && p->relax >= 2 &&
                       (!(h->flags & H_HARD) || sectioned_prose(n, h))) {
                h->flags |= H_NEGATIVE; /* relaxed: class words only weigh */
            } else if (h->flags & H_STRONG) {
                /* strong class chrome: kept only around a marker */
                if (!(h->flags & H_KEEP)) {
                    h->flags |= H_JUNK;
                    descend = 0;
                    if (!(h->flags & H_HARD))
                        p->class_junk_good += h->good;
                }
            } else if (h->flags & H_NEGATIVE) {
                /* weak words: not around a marker, not with a content word ("sidebar-content"
                 * stays a candidate), not a captioned picture (a "widget" wrapping a photo) */
                int rescue = h->link * 10 < h->text * 3 && h->media && h->text < 300;
                if (!(h->flags & (H_KEEP | H_POSITIVE)) && !rescue && !p->relax) {
                    h->flags |= H_JUNK;
                    p->class_junk_good += h->good;
                }
                if (h->flags & H_JUNK)
                    descend = 0;
            }
            if ((h->flags & H_BYLINE) && (h->paras > 1 || h->text > 400 || (h->flags & H_KEEP)))
                h->flags &= ~(unsigned)H_BYLINE;
        }
        if (!descend)
            ncp_dom_walk_skip(&it);
    }
}

/* Re-computes the totals after the junk decisions (stats of junk subtrees removed). */
static void retotal(ncp_hpage *p)
{
    size_t i;
    for (i = 0; i < p->n_info; i++) {
        ncp_hinfo *h = &p->info[i];
        h->text = h->link = h->good = h->bad = h->media = h->paras = 0;
        h->conc = 0;
        h->linkbad = h->teaser = h->ncards = h->cardgood = 0;
        h->flags &= ~(unsigned)H_CARD;
        h->own = h->own_link = h->own_punct = 0;
        h->flags &= ~(unsigned)(H_INJUNK | H_STRUCT);
    }
    analyse_walk(p, 0);
}

static const char *const container_tags[] = {"div", "section", "article", "main", "body",
                                             "td", "form", "center", "span", "font", "dd",
                                             "li", "blockquote", NULL};

static double score_of(const ncp_hinfo *h)
{
    double v, bonus = 1.0, ld = h->text ? (double)h->link / h->text : 0;
    v = h->conc * (1.0 - ld);
    if (h->flags & H_MARKER)
        bonus += 0.25;
    if (h->flags & H_ARTICLE)
        bonus += 0.1;
    if (h->flags & H_POSITIVE)
        bonus += 0.05;
    if (h->flags & H_NEGATIVE)
        bonus -= 0.2;
    return v * bonus;
}

/* Siblings of the best container that belong to the article too: containers scoring at
 * least a fifth of it, prose paragraphs, and figures between them. */
static int sibling_belongs(xmlNode *s, const ncp_hinfo *best)
{
    const ncp_hinfo *h = ncp_hi(s);
    double ld;
    if (!h || (h->flags & (H_JUNK | H_INJUNK)))
        return 0;
    if (h->value >= best->value * 0.2 && h->value > 50)
        return 1;
    ld = h->text ? (double)h->link / h->text : 0;
    if (ncp_dom_is(s, "p") && h->good && ld < 0.25)
        return 1;
    return 0;
}

/* "div#main.post-body" (at most ~60 characters), for -v and debugging. */
void ncp_html_describe(const xmlNode *n, nc_buf *out)
{
    const char *id = n ? ncp_dom_attr(n, "id") : NULL, *c = n ? ncp_dom_attr(n, "class") : NULL;
    size_t l;
    nc_buf_clear(out);
    if (!n) {
        nc_buf_puts(out, "(none)");
        return;
    }
    nc_buf_puts(out, ncp_dom_name(n));
    if (id && *id)
        nc_buf_printf(out, "#%.24s", id);
    if (c && *c) {
        /* the first class word as written (not split at \r or \f; none shown when the
         * value starts with white space: "div.") */
        const char *v = c, *w = ncp_dom_word_next(&v, " \t\n", &l);
        if (w != c)
            l = 0;
        nc_buf_printf(out, ".%.*s", (int)(l > 32 ? 32 : l), c);
    }
}

xmlNode *ncp_html_choose(ncp_hpage *p)
{
    xmlNode *n, *best = NULL, *root = p->body ? p->body : p->root;
    double best_v = 0;
    ncp_hinfo *bh;
    ncp_dom_walk it;
    settle_junk(p);
    retotal(p);
    for (ncp_dom_walk_tree(&it, root); (n = ncp_dom_walk_enter(&it)) != NULL;) {
        ncp_hinfo *h;
        double v;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        h = ncp_hi(n);
        if (h->flags & (H_JUNK | H_INJUNK))
            continue;
        h->value = v = score_of(h);
        if (!in_set(ncp_dom_name(n), container_tags) || !h->paras)
            continue;
        if (!best || v > best_v) {
            best = n;
            best_v = v;
        }
    }
    if (!best || best_v <= 0) {
        p->content = root;
        return root;
    }
    /* climb while what an ancestor adds is mostly prose (twice the chrome and teasers) */
    {
        xmlNode *a;
        const ncp_hinfo *acc = ncp_hi(best);
        int k;
        for (a = best->parent, k = 0; a && a->type == XML_ELEMENT_NODE && k < 12;
             a = a->parent, k++) {
            ncp_hinfo *ah = ncp_hi(a);
            int dg, db;
            if (!ah || (ah->flags & (H_JUNK | H_INJUNK)))
                break;
            dg = (ah->good - ah->teaser) - (acc->good - acc->teaser);
            db = (ah->bad - acc->bad) + 2 * (ah->teaser - acc->teaser);
            if (dg >= 50 && dg >= 2 * db) {
                best = a;
                acc = ah;
            }
            if (a == root)
                break;
        }
    }
    /* the best container and the siblings that continue it */
    bh = ncp_hi(best);
    if (best != root && best->parent && best->parent->type == XML_ELEMENT_NODE) {
        xmlNode *s;
        int others = 0;
        for (s = best->parent->children; s; s = s->next)
            if (s != best && s->type == XML_ELEMENT_NODE && sibling_belongs(s, bh))
                others++;
        if (others) {
            for (s = best->parent->children; s; s = s->next) {
                ncp_hinfo *sh = ncp_hi(s);
                if (s == best || s->type != XML_ELEMENT_NODE || !sh)
                    continue;
                if (!sibling_belongs(s, bh))
                    sh->flags |= H_DROP;
            }
            best = best->parent;
        }
    }
    p->content = best;
    return best;
}

/* ---- cleaning and conversion ---- */

/* 1 when the word w (len bytes) contains part, case-sensitively. */
static int word_has(const char *w, size_t len, const char *part)
{
    size_t pl = strlen(part), i;
    for (i = 0; i + pl <= len; i++)
        if (!memcmp(w + i, part, pl))
            return 1;
    return 0;
}

/* A caption next to a picture (a short line without a full stop is still one). */
static int is_caption(xmlNode *n)
{
    xmlNode *s;
    const char *w, *v = ncp_dom_attr(n, "class");
    size_t len;
    /* a class word with "caption", "Caption" or "credit" in it (case kept: not "CAPTION") */
    while (v && (w = ncp_dom_word_next(&v, NULL, &len)) != NULL)
        if (word_has(w, len, "caption") || word_has(w, len, "Caption") ||
            word_has(w, len, "credit"))
            return 1;
    for (s = n->prev; s && s->type != XML_ELEMENT_NODE; s = s->prev)
        ;
    return s && ncp_hi(s) && ncp_hi(s)->media && ncp_hi(s)->text < 20;
}

static const char *const drop_tags[] = {"div", "section", "ul", "ol", "dl", "table",
                                        "header", "span", NULL};

static void mark_drops(ncp_hpage *p, xmlNode *content)
{
    xmlNode *n;
    ncp_dom_walk it;
    ncp_dom_walk_init(&it, content->children);
    while ((n = ncp_dom_walk_enter(&it)) != NULL) {
        ncp_hinfo *h;
        const char *nm;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        h = ncp_hi(n);
        if (h->flags & (H_JUNK | H_INJUNK))
            continue;
        nm = ncp_dom_name(n);
        if (n == p->headline_el) {
            h->flags |= H_DROP;
            continue;
        }
        if (in_set(nm, drop_tags)) {
            int T = h->text, K = h->link;
            if (h->flags & H_KEEP)
                continue;
            if (T > 0 && K * 2 > T && (T - K) < 200 && !h->media) {
                h->flags |= H_DROP;
                continue;
            }
            if (h->good == 0 && h->bad > 0 && !h->media && !(h->flags & H_STRUCT) &&
                T < 200 && !is_caption(n)) {
                h->flags |= H_DROP;
                continue;
            }
        }
    }
}

/* A tracking pixel: an image of at most 2x2 pixels by its attributes or style, or one whose
 * address is an analytics beacon (pages with audience measurement tags in the body). */
static int tracking_img(const xmlNode *el)
{
    static const char *const beacons[] = {"scorecardresearch.", "doubleclick.net",
                                          "google-analytics.", "googletagmanager.",
                                          "facebook.com/tr", "quantserve.", "chartbeat.",
                                          "/beacon", "beacon.", "/pixel", "pixel.gif",
                                          "/tracking", "tracker.", "/collect?", "bat.bing.",
                                          "analytics.", "/impression", NULL};
    const char *wd = ncp_dom_attr(el, "width"), *ht = ncp_dom_attr(el, "height");
    const char *src = ncp_dom_attr(el, "src"), *st = ncp_dom_attr(el, "style");
    size_t i;
    if (wd && ht && atoi(wd) <= 2 && atoi(ht) <= 2 && *wd >= '0' && *wd <= '9' &&
        *ht >= '0' && *ht <= '9')
        return 1;
    if (st && (strstr(st, "width:1px") || strstr(st, "width: 1px") ||
               strstr(st, "height:1px") || strstr(st, "height: 1px")))
        return 1;
    for (i = 0; src && beacons[i]; i++)
        if (strstr(src, beacons[i]))
            return 1;
    return 0;
}

static int skip_hook(void *ud, xmlNode *el)
{
    const ncp_hinfo *h = ncp_hi(el);
    (void)ud;
    if (ncp_dom_is(el, "img") && tracking_img(el))
        return 1;
    return h && (h->flags & (H_JUNK | H_INJUNK | H_BYLINE | H_DROP)) && !(h->flags & H_KEEP);
}

int ncp_html_body(ncp_hpage *p, xmlNode *content, int extract)
{
    ncp_dom_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.a = p->a;
    ctx.o = p->o;
    ctx.base_url = p->base;
    ctx.flags = NCP_DOM_HTML;
    if (extract && p->info) {
        mark_drops(p, content);
        ctx.skip = skip_hook;
        ctx.skip_data = p;
    }
    return ncp_dom_convert(&ctx, content, p->a->body);
}

/* ---- tidying the converted body ---- */

static void node_key(const nc_node *n, nc_buf *key)
{
    nc_buf t = NC_BUF_INIT;
    nc_buf_clear(key);
    nc_node_text(n, &t);
    ncp_html_text_key(t.ptr, t.size, key);
    nc_buf_release(&t);
}

static int starts_with_leadin(const char *s)
{
    static const char *const w[] = {"by ", "par ", "por ", "von ", "door ", "av ", "af ",
                                    "di ", "written by", "posted by", "text:", "autor:", NULL};
    size_t i;
    for (i = 0; w[i]; i++)
        if (ncp_startswith_ci(s, w[i]))
            return 1;
    return 0;
}

/* 1 when paragraph n is a byline or date line: a dateline or date text, the byline, or
 * the authors' names with a lead-in ("By") or little else; at_end: the body's last line,
 * where a sentence that names the authors is the story's own credit ("Stella Kim reported
 * from Seoul, and Jennifer Jett from Hong Kong."): the names must then have a lead-in or
 * be nearly all of it. */
static int is_byline_block(const nc_article *a, const nc_node *n, int at_end)
{
    nc_buf t = NC_BUF_INIT, k = NC_BUF_INIT, nk = NC_BUF_INIT;
    size_t i, names = 0, nlen = 0;
    int r = 0;
    nc_node_text(n, &t);
    if (!t.size || t.size > 200) {
        nc_buf_release(&t);
        return 0;
    }
    if (ncp_html_is_dateline_text(t.ptr, t.size))
        r = 1;
    ncp_html_text_key(t.ptr, t.size, &k);
    for (i = 0; !r && i < a->n_authors; i++) {
        if (!a->authors[i].name)
            continue;
        nc_buf_clear(&nk);
        ncp_html_text_key(a->authors[i].name, strlen(a->authors[i].name), &nk);
        if (nk.size && strstr(k.ptr, nk.ptr)) {
            names++;
            nlen += nk.size;
        }
    }
    if (!r && names && (starts_with_leadin(t.ptr) || k.size <= nlen + (at_end ? 12 : 40)))
        r = 1;
    if (!r && a->str[NC_F_BYLINE]) {
        nc_buf_clear(&nk);
        ncp_html_text_key(a->str[NC_F_BYLINE], strlen(a->str[NC_F_BYLINE]), &nk);
        if (nk.size && nk.size == k.size && !strcmp(nk.ptr, k.ptr))
            r = 1;
    }
    nc_buf_release(&t);
    nc_buf_release(&k);
    nc_buf_release(&nk);
    return r;
}

/* "March 3, 2021 · 6 min read", "By Jane Doe | Updated 10:02 AM, June 1 2020": the date
 * becomes the publication (or, after "Updated", the modification) date. */
static void date_from_line(nc_article *a, const nc_node *n)
{
    nc_buf t = NC_BUF_INIT;
    nc_time tm;
    int upd;
    nc_node_text(n, &t);
    if (ncp_html_find_date(t.ptr, t.size, &tm, &upd) == 0) {
        nc_tfield f = upd ? NC_T_MODIFIED : NC_T_PUBLISHED;
        if (!a->time[f].prec)
            nc_article_set_time(a, f, &tm);
    }
    nc_buf_release(&t);
}

/* Pull quotes: a short quote of the body (top level) whose whole text, at least PULL_MIN
 * key characters, also stands inside a longer paragraph or quote of the body is a
 * repetition set large for the eye (<blockquote class="pullquote">, in an aside of the
 * story); it goes, the paragraph that says it stays. Nothing is lost: the words are in the body once.
 * Paragraphs are not candidates: pages repeat a sentence in a list or a later paragraph
 * on purpose (measured on html-modern: dropping them cost more than it gained). The paragraphs' keys are one text, searched once per candidate (at most
 * PULL_CANDIDATES of them, so that a page of thousands of paragraphs stays linear). */
#define PULL_MIN 30
#define PULL_MAX 400
#define PULL_CANDIDATES 200
static void drop_pull_quotes(nc_article *a)
{
    nc_node *n, *next;
    nc_buf k = NC_BUF_INIT, hay = NC_BUF_INIT;
    size_t *start = NULL, np = 0, cap = 0, tried = 0;
    nc_node **para = NULL;
    /* the keys of the top-level paragraphs and quotes, each after a newline, and where
     * each starts */
    for (n = nc_node_first_child(a->body); n; n = nc_node_next(n)) {
        if (n->type != NC_BLOCK_PARAGRAPH && n->type != NC_BLOCK_BLOCKQUOTE)
            continue;
        if (np == cap) {
            size_t nc = cap ? 2 * cap : 64;
            size_t *ns = realloc(start, nc * sizeof *ns);
            nc_node **nn = ns ? realloc(para, nc * sizeof *nn) : NULL;
            if (ns)
                start = ns;
            if (!nn)
                goto done; /* out of memory: nothing is dropped */
            para = nn;
            cap = nc;
        }
        node_key(n, &k);
        nc_buf_putc(&hay, '\n');
        start[np] = hay.size;
        para[np++] = n;
        nc_buf_put(&hay, k.ptr ? k.ptr : "", k.size);
    }
    if (np < 1 || hay.failed || !hay.ptr)
        goto done;
    for (n = nc_node_first_child(a->body); n && tried < PULL_CANDIDATES; n = next) {
        const char *at;
        next = nc_node_next(n);
        if (n->type != NC_BLOCK_BLOCKQUOTE)
            continue;
        node_key(n, &k);
        if (k.failed || k.size < PULL_MIN || k.size > PULL_MAX)
            continue;
        tried++;
        for (at = strstr(hay.ptr, k.ptr); at; at = strstr(at + 1, k.ptr)) {
            /* the paragraph the match is in: the last start at or before it */
            size_t off = (size_t)(at - hay.ptr), lo = 0, hi = np, end;
            while (hi - lo > 1) {
                size_t mid = (lo + hi) / 2;
                if (start[mid] <= off)
                    lo = mid;
                else
                    hi = mid;
            }
            end = lo + 1 < np ? start[lo + 1] - 1 : hay.size;
            if (para[lo] != n && end - start[lo] > k.size) {
                nc_node_unlink(n);
                break;
            }
        }
    }
done:
    free(start);
    free(para);
    nc_buf_release(&k);
    nc_buf_release(&hay);
}

void ncp_html_body_tidy(ncp_hpage *p)
{
    nc_article *a = p->a;
    nc_node *n, *next;
    nc_buf hk = NC_BUF_INIT, k = NC_BUF_INIT;
    int i, kept_text = 0;
    if (a->str[NC_F_HEADLINE])
        ncp_html_text_key(a->str[NC_F_HEADLINE], strlen(a->str[NC_F_HEADLINE]), &hk);
    /* the first blocks, up to the first long paragraph, or the first heading after text
     * (a live blog's posts, each under a heading, print their own times) */
    for (n = nc_node_first_child(a->body), i = 0; n && i < 8; n = next, i++) {
        nc_buf t = NC_BUF_INIT;
        next = nc_node_next(n);
        if (n->type == NC_BLOCK_HEADING && kept_text)
            break;
        if (n->type != NC_BLOCK_HEADING && n->type != NC_BLOCK_PARAGRAPH)
            continue;
        node_key(n, &k);
        if (hk.size && k.size == hk.size && !strcmp(k.ptr, hk.ptr)) {
            nc_node_unlink(n);
            continue;
        }
        if (n->type == NC_BLOCK_PARAGRAPH && is_byline_block(a, n, 0)) {
            if (!a->time[NC_T_PUBLISHED].prec)
                date_from_line(a, n);
            nc_node_unlink(n);
            continue;
        }
        nc_node_text(n, &t);
        if (n->type == NC_BLOCK_PARAGRAPH && t.size > 150) {
            nc_buf_release(&t);
            break;
        }
        if (n->type == NC_BLOCK_PARAGRAPH)
            kept_text = 1;
        nc_buf_release(&t);
    }
    /* a date or byline line at the very end */
    n = nc_node_last_child(a->body);
    if (n && n->type == NC_BLOCK_PARAGRAPH && is_byline_block(a, n, 1) &&
        n != nc_node_first_child(a->body))
        nc_node_unlink(n);
    drop_pull_quotes(a);
    nc_buf_release(&hk);
    nc_buf_release(&k);
}
