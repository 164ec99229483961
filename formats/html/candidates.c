/* newsconv html: several body candidates, and the choice between them.
 *
 * extract.c gives one guess: the container scored best at the strict cleaning level
 * ("scored"). It is converted and measured (below); when it is short, looks like
 * boilerplate, or misses most of the page's schema.org articleBody, other candidates are
 * built the same way and the best one by the documented score wins:
 *
 *   scored    the strict guess (extract.c: ncp_html_choose at relax 0)
 *   marker    the largest explicit body marker (itemprop=articleBody, article-body classes)
 *   article   the <article> (else <main>) element holding the most text
 *   relaxed   ncp_html_choose after re-analysing with relax 1 (class words that only suggest
 *             chrome, such as sidebar or widget, remove nothing: page builders wrap every
 *             block in a "widget")
 *   loose     the same at relax 2 (no class word removes anything: themes whose body
 *             wrapper carries a chrome-like word, such as a "modal" reader view)
 *   jsonld    the schema.org articleBody text as paragraphs (script-rendered pages and
 *             paywalls show less than the metadata carries)
 *
 * The score (see cand_score): with an articleBody of at least JL_MIN characters, the
 * shingle F1 of a candidate against it (the metadata is the publisher's own statement of
 * the body); otherwise the prose characters (text outside links) times (1 - boilerplate
 * share). A later candidate must beat the scored guess by the mode's margin; the jsonld
 * text wins only when no page candidate matches it (F1 below 0.5) and it is longer.
 *
 * --extract precision|balanced|recall changes when the other candidates are tried and the
 * margin (struct mode). */
#include "html.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Below this many characters an articleBody is no evidence (a teaser, a description). */
#define JL_MIN 300

typedef struct mode {
    const char *name;
    int short_chars;      /* a body below this many characters is doubtful */
    double boiler_max;    /* ... and one with more boilerplate than this share */
    double jl_recall_min; /* ... and one holding less of the articleBody than this */
    double margin;        /* another candidate must score this many times the first */
    int max_relax;        /* the most relaxed re-analysis tried */
} mode;

static const mode modes[] = {
    {"precision", 150, 0.5, 0.3, 2.0, 1},
    {"balanced", 500, 0.3, 0.5, 1.3, 2},
    {"recall", 1000, 0.2, 0.7, 1.1, 2},
};

/* The mode of --extract (balanced when absent); NULL for an unknown value. */
static const mode *get_mode(const nc_opts *o)
{
    const char *v = nc_opts_get(o, "extract");
    size_t i;
    if (!v || !*v)
        return &modes[1];
    for (i = 0; i < sizeof modes / sizeof modes[0]; i++)
        if (!ncp_strcasecmp(v, modes[i].name))
            return &modes[i];
    return NULL;
}

int ncp_html_extract_mode_ok(const nc_opts *o)
{
    return get_mode(o) != NULL;
}

/* ---- measuring a converted body ---- */

typedef struct stats {
    int chars;  /* non-space characters */
    int link;   /* ... inside links */
    int boiler; /* ... in blocks that read as boilerplate */
    int blocks;
    uint32_t *sh; /* sorted word 3-gram hashes */
    size_t n_sh;
} stats;

/* Phrases of page chrome that slip into a body: consent banners, share and follow
 * prompts, newsletter boxes, comment forms, WordPress's "bloggers like this". Matched in
 * short blocks only (a long paragraph that mentions cookies is prose). */
static const char *const boiler_phrases[] = {
    "cookie", "consent", "privacy policy", "bloggers like this", "like this:", "share this",
    "share on", "follow us", "sign up", "subscribe", "newsletter", "all rights reserved",
    "leave a reply", "leave a comment", "post a comment", "log in to", "you may also like",
    "related posts", "related articles", "read more", "advertisement", "loading...",
    "javascript", "your email address", "required fields", NULL};

static int boiler_text(const char *s, size_t len)
{
    size_t i;
    char low[400];
    if (len >= sizeof low)
        return 0;
    for (i = 0; i < len; i++)
        low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    low[len] = '\0';
    for (i = 0; boiler_phrases[i]; i++)
        if (strstr(low, boiler_phrases[i]))
            return 1;
    return 0;
}

static int nonspace(const char *s, size_t len)
{
    int n = 0;
    size_t i;
    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] > ' ' && ((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

static int inline_link_chars(const nc_node *n, int in_link)
{
    int c = 0;
    const nc_node *k;
    if (n->type == NC_INLINE_TEXT)
        return in_link ? nonspace(n->as.code.literal, n->as.code.len) : 0;
    for (k = n->first; k; k = k->next)
        c += inline_link_chars(k, in_link || n->type == NC_INLINE_LINK);
    return c;
}

static int isalnum_ascii(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Word 3-gram hashes of a text (lower-cased letters and digits), sorted, unique. */
static void shingles(const char *s, size_t len, uint32_t **out, size_t *n)
{
    uint32_t w[3] = {0, 0, 0}, *v = NULL;
    size_t i = 0, k = 0, cap = 0, nw = 0;
    *out = NULL;
    *n = 0;
    while (i < len) {
        uint32_t h = 2166136261u;
        int any = 0;
        while (i < len && !(((unsigned char)s[i] >= 0x80) || isalnum_ascii(s[i])))
            i++;
        while (i < len && (((unsigned char)s[i] >= 0x80) || isalnum_ascii(s[i]))) {
            unsigned char c = (unsigned char)s[i];
            if (c >= 'A' && c <= 'Z')
                c += 32;
            h = (h ^ c) * 16777619u;
            any = 1;
            i++;
        }
        if (!any)
            break;
        w[0] = w[1];
        w[1] = w[2];
        w[2] = h;
        if (++nw < 3)
            continue;
        if (k == cap) {
            size_t nc = cap ? cap * 2 : 256;
            uint32_t *nv = realloc(v, nc * sizeof *nv);
            if (!nv)
                break;
            v = nv;
            cap = nc;
        }
        v[k++] = (w[0] * 31u + w[1]) * 2654435761u ^ w[2];
    }
    if (k) {
        size_t j, u = 0;
        qsort(v, k, sizeof *v, cmp_u32);
        for (j = 0; j < k; j++)
            if (!u || v[u - 1] != v[j])
                v[u++] = v[j];
        k = u;
    }
    *out = v;
    *n = k;
}

static size_t common(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t i = 0, j = 0, c = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else
            c++, i++, j++;
    }
    return c;
}

static void measure(const nc_node *body, stats *st, int want_shingles)
{
    const nc_node *n;
    nc_buf all = NC_BUF_INIT, t = NC_BUF_INIT;
    memset(st, 0, sizeof *st);
    /* blocks holding inlines: paragraphs, headings, cells, captions; walk the tree */
    for (n = body->first; n;) {
        int leafblock = n->type == NC_BLOCK_PARAGRAPH || n->type == NC_BLOCK_HEADING ||
                        n->type == NC_BLOCK_TABLE_CELL || n->type == NC_BLOCK_CODE_BLOCK ||
                        n->type == NC_BLOCK_FIGURE;
        if (leafblock) {
            int c;
            nc_buf_clear(&t);
            nc_node_text(n, &t);
            c = nonspace(t.ptr, t.size);
            st->chars += c;
            st->blocks++;
            if (n->type != NC_BLOCK_CODE_BLOCK)
                st->link += inline_link_chars(n, 0);
            if (c && boiler_text(t.ptr, t.size))
                st->boiler += c;
            if (want_shingles) {
                nc_buf_put(&all, t.ptr, t.size);
                nc_buf_putc(&all, '\n');
            }
        } else if (n->first) {
            n = n->first;
            continue;
        }
        while (n && n != body && !n->next)
            n = n->parent;
        if (!n || n == body)
            break;
        n = n->next;
    }
    if (want_shingles && all.size)
        shingles(all.ptr, all.size, &st->sh, &st->n_sh);
    nc_buf_release(&all);
    nc_buf_release(&t);
}

/* ---- candidates ---- */

typedef struct cand {
    const char *name;
    xmlNode *el;      /* NULL for jsonld */
    nc_node *body;    /* the converted body (an NC_BLOCK_DOCUMENT of the article) */
    stats st;
    double jp, jr, jf; /* shingle precision, recall, F1 against the articleBody */
    double score;
} cand;

enum { MAX_CANDS = 8 };

typedef struct chooser {
    ncp_hpage *p;
    const mode *m;
    cand c[MAX_CANDS];
    int n;
    uint32_t *jl; /* articleBody shingles */
    size_t n_jl;
    int have_jl;
} chooser;

static void score_cand(chooser *ch, cand *c)
{
    measure(c->body, &c->st, ch->have_jl);
    if (ch->have_jl && c->st.n_sh && ch->n_jl) {
        size_t k = common(c->st.sh, c->st.n_sh, ch->jl, ch->n_jl);
        c->jp = (double)k / (double)c->st.n_sh;
        c->jr = (double)k / (double)ch->n_jl;
        c->jf = c->jp + c->jr > 0 ? 2 * c->jp * c->jr / (c->jp + c->jr) : 0;
    }
    if (ch->have_jl)
        c->score = c->jf;
    else {
        double prose = c->st.chars - c->st.link;
        double bshare = c->st.chars ? (double)c->st.boiler / c->st.chars : 0;
        c->score = prose > 0 ? prose * (1.0 - bshare) : 0;
    }
}

/* Converts el into a fresh body (a->body is swapped while it runs: the conversion and the
 * tidying work on a->body). Returns the candidate or NULL. */
static cand *add_el(chooser *ch, const char *name, xmlNode *el, int *oom)
{
    ncp_hpage *p = ch->p;
    nc_article *a = p->a;
    nc_node *saved = a->body, *fresh;
    cand *c;
    int i;
    if (!el || ch->n >= MAX_CANDS)
        return NULL;
    for (i = 0; i < ch->n; i++)
        if (ch->c[i].el == el && strcmp(name, "relaxed") && strcmp(name, "loose"))
            return NULL; /* the same element at the same cleaning level */
    fresh = nc_node_new(a, NC_BLOCK_DOCUMENT, 0, 0);
    if (!fresh) {
        *oom = 1;
        return NULL;
    }
    a->body = fresh;
    p->content = el;
    if (ncp_html_body(p, el, 1) < 0) {
        a->body = saved;
        *oom = 1;
        return NULL;
    }
    ncp_html_body_tidy(p);
    a->body = saved;
    c = &ch->c[ch->n++];
    memset(c, 0, sizeof *c);
    c->name = name;
    c->el = el;
    c->body = fresh;
    score_cand(ch, c);
    return c;
}

static cand *add_jsonld(chooser *ch)
{
    ncp_hpage *p = ch->p;
    nc_article *a = p->a;
    nc_node *body;
    const char *s = p->jsonld_body;
    cand *c;
    if (!s || ch->n >= MAX_CANDS || !(body = nc_node_new(a, NC_BLOCK_DOCUMENT, 0, 0)))
        return NULL;
    while (*s) {
        const char *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        nc_buf para = NC_BUF_INIT;
        ncp_collapse_space(&para, s, len);
        if (para.size) {
            nc_node *pn = nc_node_append(body, nc_node_new(a, NC_BLOCK_PARAGRAPH, 0, 0));
            nc_node_append(pn, nc_node_new_text(a, para.ptr, para.size, 0, 0));
        }
        nc_buf_release(&para);
        s += len;
        if (*s)
            s++;
    }
    c = &ch->c[ch->n++];
    memset(c, 0, sizeof *c);
    c->name = "jsonld";
    c->body = body;
    score_cand(ch, c);
    return c;
}

/* The largest element (by text) with one of the flags, outside junk. */
static xmlNode *largest(ncp_hpage *p, unsigned flag, const char *tag)
{
    xmlNode *n, *best = NULL, *root = p->body ? p->body : p->root;
    int best_t = 0;
    ncp_dom_walk it;
    for (ncp_dom_walk_tree(&it, root); (n = ncp_dom_walk_enter(&it)) != NULL;) {
        const ncp_hinfo *h = ncp_hi(n);
        if (n->type != XML_ELEMENT_NODE || !h || (h->flags & (H_JUNK | H_INJUNK)))
            continue;
        if (flag ? !(h->flags & flag) : !ncp_dom_is(n, tag))
            continue;
        if (h->text > best_t) {
            best = n;
            best_t = h->text;
        }
    }
    return best;
}

/* 1 when the first candidate leaves doubt: short, boilerplate, or far from the
 * articleBody. */
static int doubtful(const chooser *ch, const cand *c, const char **why)
{
    if (c->st.chars < ch->m->short_chars) {
        *why = "short";
        return 1;
    }
    if (c->st.chars && (double)c->st.boiler / c->st.chars > ch->m->boiler_max) {
        *why = "boilerplate";
        return 1;
    }
    if (ch->have_jl && c->jr < ch->m->jl_recall_min) {
        *why = "misses the articleBody";
        return 1;
    }
    if (c->st.chars < 3 * ch->m->short_chars && ch->p->class_junk_good > 2 * c->st.chars &&
        ch->p->class_junk_good > 500) {
        *why = "shorter than the prose removed for class names";
        return 1;
    }
    if (c->el == ch->p->body) {
        *why = "no container";
        return 1;
    }
    return 0;
}

int ncp_html_extract(ncp_hpage *p, xmlNode *content)
{
    chooser ch;
    const char *why = NULL;
    cand *first, *win;
    int i, oom = 0, relax;
    nc_buf d = NC_BUF_INIT;
    memset(&ch, 0, sizeof ch);
    ch.p = p;
    ch.m = get_mode(p->o);
    if (!ch.m)
        ch.m = &modes[1];
    if (p->jsonld_body && strlen(p->jsonld_body) >= JL_MIN) {
        shingles(p->jsonld_body, strlen(p->jsonld_body), &ch.jl, &ch.n_jl);
        ch.have_jl = ch.n_jl >= 20;
    }
    first = add_el(&ch, "scored", content, &oom);
    if (oom || !first)
        goto fail;
    win = first;
    if (doubtful(&ch, first, &why)) {
        add_el(&ch, "marker", largest(p, H_MARKER, NULL), &oom);
        {
            xmlNode *art = largest(p, 0, "article");
            if (!art)
                art = largest(p, 0, "main");
            add_el(&ch, "article", art, &oom);
        }
        for (relax = 1; !oom && relax <= ch.m->max_relax; relax++) {
            xmlNode *el;
            ncp_html_reanalyse(p, relax);
            el = ncp_html_choose(p);
                    add_el(&ch, relax == 1 ? "relaxed" : "loose", el, &oom);
        }
        if (oom)
            goto fail;
        if (ch.have_jl)
            add_jsonld(&ch);
        for (i = 1; i < ch.n; i++) {
            cand *c = &ch.c[i];
            if (!strcmp(c->name, "jsonld")) {
                /* the metadata text: only when no page candidate holds it */
                if (win->jf < 0.5 && c->st.chars > win->st.chars)
                    win = c;
                continue;
            }
            if (c->score > win->score * (win == first ? ch.m->margin : 1.0) &&
                c->st.chars >= first->st.chars / 2)
                win = c;
        }
    }
    {
        nc_node *k, *next;
        for (k = win->body->first; k; k = next) {
            next = k->next;
            nc_node_unlink(k);
            nc_node_append(p->a->body, k);
        }
    }
    p->content = win->el;
    if (p->o && p->o->verbose && !p->o->strict) {
        ncp_html_describe(win->el, &d);
        if (win == first)
            nc_warn(p->o, 0, 0, "html: note: body from the %s candidate %s (%d characters%s%s)",
                    win->name, win->el ? d.ptr : "", win->st.chars, why ? "; doubtful: " : "",
                    why ? why : "");
        else
            nc_warn(p->o, 0, 0,
                    "html: note: body from the %s candidate %s (%d characters; the scored one, "
                    "%d characters, was %s; %d candidates, --extract %s)",
                    win->name, win->el ? d.ptr : "", win->st.chars, first->st.chars, why,
                    ch.n, ch.m->name);
    }
    for (i = 0; i < ch.n; i++)
        free(ch.c[i].st.sh);
    free(ch.jl);
    nc_buf_release(&d);
    return 0;
fail:
    for (i = 0; i < ch.n; i++)
        free(ch.c[i].st.sh);
    free(ch.jl);
    nc_buf_release(&d);
    return -1;
}

int ncp_html_body_chars(const nc_node *body)
{
    stats st;
    measure(body, &st, 0);
    return st.chars;
}

