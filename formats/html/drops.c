/* newsconv: what the HTML reader left out of the article it read (issue 14: nothing lost
 * silently).
 *
 * After the body is converted, the article's container (the chosen element of a web
 * page, the articleBody of a newsconv page, the whole body under --no-extract) is walked
 * with the shared drop check (common/dropcheck.h): a text node whose text appears nowhere
 * in the model is named by its element ("dropped: div/p (2), abbr/@title"), in one warning
 * that --strict makes fatal. Not looked into, because leaving them out is the reader's
 * job and not a loss:
 *   - what the extractor judged not to be the article inside its container (chrome, ads,
 *     share bars, related links, comments: flags H_JUNK, H_INJUNK, H_DROP) and the byline
 *     and date lines it read as metadata (H_BYLINE);
 *   - what the page hides (ncp_dom_hidden), and tracking pixels;
 *   - what is no text of the article: scripts, styles, templates, the page's head, forms
 *     and their controls, navigation, dialogs, a player's fallback text, an icon's label.
 * On a web page (the extractor chose the container), what is left inside it past its
 * flags (labels such as "Updated on", "3 min read", a "Sign in" button's text: the tidying
 * of the converted body reads them as chrome) is too often chrome to be a warning: -v
 * names it in a note ("html: note: left out inside the article: ..."), and only the
 * attributes below are warned about. On a newsconv page and under --no-extract the reader
 * takes the whole container: everything counts.
 * The attributes counted are those that hold words of their own which the body model has
 * no place for: the expansion of an abbreviation (abbr/acronym title), the source a
 * quotation or change cites (cite); and a list's numbering the model does not hold (an
 * ol counting down, reversed; an li's own value). A date (a <time>'s datetime) counts as held: the
 * drop check does not count dates. */
#include "html.h"
#include "common/dropcheck.h"

#include <string.h>

typedef struct drop_ud {
    const ncp_hpage *p;
    int extract; /* the extractor chose the content: its judgements stand */
} drop_ud;

static int not_text(const xmlNode *el)
{
    static const char *const names[] = {
        "script", "style",  "noscript", "template", "head",   "title", "meta",
        "link",   "form",   "input",    "button",   "select", "option", "textarea",
        "label",  "nav",    "dialog",   "iframe",   "object", "embed", "param",
        "video",  "audio",  "canvas",   "map",      NULL};
    const char *nm = ncp_dom_name(el);
    size_t i;
    for (i = 0; names[i]; i++)
        if (!ncp_strcasecmp(nm, names[i]))
            return 1;
    /* a graphic's description (<svg><g><desc>...</desc></g>), an accessibility label */
    if (ncp_dom_is(el, "desc")) {
        const xmlNode *up;
        for (up = el->parent; up && up->type == XML_ELEMENT_NODE; up = up->parent)
            if (ncp_dom_is(up, "svg"))
                return 1;
    }
    return 0;
}

static int html_skip(const xmlNode *el, void *ud)
{
    const drop_ud *u = ud;
    if ((not_text(el) && !(ncp_dom_is(el, "button") && ncp_dom_in_prose(el))) ||
        ncp_dom_hidden(el))
        return 1;
    if (u->extract && u->p->info && el->_private) {
        const ncp_hinfo *h = ncp_hi(el);
        if ((h->flags & (H_JUNK | H_INJUNK | H_DROP | H_BYLINE)) && !(h->flags & H_KEEP))
            return 1;
    }
    return 0;
}

/* The attributes that hold words of their own the body model has no place for. */
static void html_attrs(ncp_drops *d, const xmlNode *el, void *ud)
{
    static const struct {
        const char *el, *attr;
    } kept[] = {{"abbr", "title"}, {"acronym", "title"}, {"q", "cite"},
                {"blockquote", "cite"}, {"del", "cite"}, {"ins", "cite"}};
    size_t i;
    (void)ud;
    for (i = 0; i < sizeof kept / sizeof kept[0]; i++)
        if (ncp_dom_is(el, kept[i].el))
            ncp_drop_attr_unless_held(d, el, kept[i].attr, ncp_dom_attr(el, kept[i].attr));
    /* the numbering of a list the model holds by its start alone: counting down, or an
     * item that sets its own number (a ranking "7.") */
    if (ncp_dom_is(el, "ol") && ncp_dom_attr(el, "reversed"))
        ncp_drop_note(d, el, "reversed");
    if (ncp_dom_is(el, "li") && ncp_dom_attr(el, "value") && *ncp_dom_attr(el, "value"))
        ncp_drop_note(d, el, "value");
}

void ncp_html_report_dropped(const ncp_hpage *p, xmlNode *content, int extract)
{
    drop_ud u;
    ncp_drop_hooks hooks;
    if (!content)
        return;
    u.p = p;
    u.extract = extract;
    memset(&hooks, 0, sizeof hooks);
    hooks.attrs = html_attrs;
    hooks.skip = html_skip;
    hooks.ud = &u;
    hooks.attrs_only = extract; /* on a web page the texts are the -v note's below */
    ncp_report_dropped(p->a, content, p->o, &hooks);
    if (extract && p->o && p->o->verbose && !p->o->strict) {
        hooks.attrs = NULL;
        hooks.attrs_only = 0;
        hooks.label = "html: note: left out inside the article";
        ncp_report_dropped(p->a, content, p->o, &hooks);
    }
}
