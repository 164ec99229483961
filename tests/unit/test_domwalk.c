/* Unit tests: the one pre-order DOM walk (ncp_dom_walk, formats/common/dom.c) and the
 * searches built on it. */
#include "harness.h"
#include "common/dom.h"
#include "common/xmlguard.h"
#include "model/model.h"

#include <libxml/HTMLparser.h>

/* The events of a walk over first and its following siblings as text: "<name" on ENTER
 * of an element, "'text'" for a text node, ">" on LEAVE; elements named in skip are
 * not descended into. */
static void events(xmlNode *first, const char *skip, nc_buf *out)
{
    ncp_dom_walk it;
    ncp_dom_event ev;
    nc_buf_clear(out);
    ncp_dom_walk_init(&it, first);
    while ((ev = ncp_dom_walk_next(&it)) != NCP_DOM_DONE) {
        xmlNode *n = it.node;
        if (ev == NCP_DOM_LEAVE) {
            nc_buf_puts(out, ">");
        } else if (n->type == XML_ELEMENT_NODE) {
            nc_buf_puts(out, "<");
            nc_buf_puts(out, (const char *)n->name);
            if (skip && !strcmp(skip, (const char *)n->name))
                ncp_dom_walk_skip(&it);
        } else if (n->type == XML_TEXT_NODE) {
            nc_buf_puts(out, "'");
            nc_buf_puts(out, (const char *)n->content);
            nc_buf_puts(out, "'");
        } else {
            nc_buf_puts(out, "?");
        }
    }
    /* DONE stays DONE */
    OK(ncp_dom_walk_next(&it) == NCP_DOM_DONE, "done twice");
}

static xmlDoc *parse(const char *html)
{
    int nomem = 0;
    return ncp_dom_parse_html(html, strlen(html), "UTF-8",
                              HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING,
                              &nomem);
}

int main(void)
{
    nc_buf b = NC_BUF_INIT;
    xmlDoc *doc = parse("<div id=a>x<p>y<b>z</b></p><br><!--c--><span></span></div>"
                        "<p id=next>after</p>");
    xmlNode *body = ncp_dom_find(xmlDocGetRootElement(doc), "body", 0), *div, *p;

    OK(body != NULL, "body found");
    div = body->children;
    INT_EQ(ncp_dom_is(div, "div"), 1, "the first child is the div");

    /* the descendants of div: a LEAVE for every element entered, empty ones too */
    events(div->children, NULL, &b);
    STR_EQ(b.ptr, "'x'<p'y'<b'z'>><br>?<span>", "descendants of div");
    /* skip: no children and no LEAVE */
    events(div->children, "p", &b);
    STR_EQ(b.ptr, "'x'<p<br>?<span>", "p skipped");
    events(div->children, "br", &b);
    STR_EQ(b.ptr, "'x'<p'y'<b'z'>><br?<span>", "an empty element skipped");
    /* from an element: it and the siblings after it, up to their parent */
    events(div, NULL, &b);
    STR_EQ(b.ptr, "<div'x'<p'y'<b'z'>><br>?<span>><p'after'>", "div and its siblings");
    events(div, "div", &b);
    STR_EQ(b.ptr, "<div<p'after'>", "div skipped, its sibling walked");
    /* an empty walk */
    events(NULL, NULL, &b);
    STR_EQ(b.ptr, "", "empty walk");
    p = div->children->next;
    events(p->children->next->children, NULL, &b);
    STR_EQ(b.ptr, "'z'", "a text node alone");

    /* ncp_dom_find: the element itself included, first or last in document order */
    OK(ncp_dom_find(div, "div", 0) == div, "find: el itself");
    OK(ncp_dom_find(body, "p", 0) == p, "find: first p");
    OK(ncp_dom_find(body, "P", 1) == body->children->next, "find: last p, any case");
    OK(ncp_dom_find(div, "table", 0) == NULL, "find: none");
    OK(ncp_dom_find(p->children, "p", 0) == NULL, "find: from a text node");
    xmlFreeDoc(doc);

    /* ncp_dom_class_word: whole words only; ncp_dom_class_has: any part */
    doc = parse("<p class=' twitter-tweet\tBig '>x</p>");
    p = ncp_dom_find(xmlDocGetRootElement(doc), "p", 0);
    OK(ncp_dom_class_word(p, "twitter-tweet"), "class word");
    OK(ncp_dom_class_word(p, "big"), "class word, any case");
    OK(!ncp_dom_class_word(p, "twitter"), "no part of a word");
    OK(ncp_dom_class_has(p, "twitter"), "class part");
    xmlFreeDoc(doc);

    /* the social post table: web pages and the canonical profile know different posts
     * and look for the address in a different order */
    doc = parse("<blockquote class='reddit-card' cite='c'><a href='/rel'>r</a></blockquote>"
                "<blockquote class='x bluesky-embed-y' data-instgrm-permalink='p' cite='c'>"
                "<a href='https://a/1'>1</a><a href='/2'>2</a></blockquote>");
    {
        xmlNode *q1 = ncp_dom_find(xmlDocGetRootElement(doc), "blockquote", 0);
        xmlNode *q2 = ncp_dom_find(xmlDocGetRootElement(doc), "blockquote", 1);
        const char *u;
        INT_EQ(ncp_dom_social_embed(q1, NCP_DOM_HTML, &u), 0, "reddit-card: not on web pages");
        INT_EQ(ncp_dom_social_embed(q1, NCP_DOM_CANONICAL, &u), 1, "reddit-card: canonical");
        STR_EQ(u, "c", "canonical: cite first");
        INT_EQ(ncp_dom_social_embed(q2, NCP_DOM_HTML, &u), 1, "bluesky: a part of a class");
        STR_EQ(u, "p", "web: the permalink first");
        INT_EQ(ncp_dom_social_embed(q2, NCP_DOM_CANONICAL, &u), 0, "bluesky: not canonical");
        xmlUnsetProp(q2, (const xmlChar *)"data-instgrm-permalink");
        xmlUnsetProp(q2, (const xmlChar *)"cite");
        ncp_dom_social_embed(q2, NCP_DOM_HTML, &u);
        STR_EQ(u, "https://a/1", "web: the last absolute link");
    }
    xmlFreeDoc(doc);

    /* the element table: roles of the canonical profile */
    doc = parse("<div><tbody></tbody><script></script><hl1>h</hl1><iframe></iframe></div>");
    {
        xmlNode *d = ncp_dom_find(xmlDocGetRootElement(doc), "div", 0);
        INT_EQ(ncp_dom_role_of(d), NCP_ROLE_BOX, "div: a box");
        INT_EQ(ncp_dom_role_of(ncp_dom_find(d, "script", 0)), NCP_ROLE_DROP, "script: dropped");
        INT_EQ(ncp_dom_role_of(ncp_dom_find(d, "hl1", 0)), NCP_ROLE_OTHER, "NITF hl1: unknown");
        INT_EQ(ncp_dom_role_of(ncp_dom_find(d, "iframe", 0)), NCP_ROLE_BLOCK, "iframe: a block");
        INT_EQ(ncp_dom_role_of(xmlDocGetRootElement(doc)), NCP_ROLE_BOX_QUIET, "html: quiet");
    }
    xmlFreeDoc(doc);
    INT_EQ(ncp_dom_span("3"), 3, "span");
    INT_EQ(ncp_dom_span("x"), 1, "span: not a number");
    INT_EQ(ncp_dom_span("99999"), 1000, "span: capped");
    INT_EQ(ncp_dom_align(NULL, "color: red; text-align: Right"), NC_ALIGN_RIGHT, "align: style");
    INT_EQ(ncp_dom_align("center", "text-align: right"), NC_ALIGN_CENTER, "align: attribute first");
    nc_buf_release(&b);
    return harness_done();
}
