/* newsconv: the html format, shared declarations of formats/html/ (one file each).
 *
 * format.c   the format's definition (nc_format_html), sniffing, options
 * reader.c   the read driver, --no-extract
 * charset.c  bytes -> UTF-8 (BOM, --input-encoding, <meta charset>, http-equiv)
 * meta.c     metadata: meta tags, microdata, hNews, visible headline/byline/date
 * jsonld.c   schema.org JSON-LD (jansson) and the newsconv-extra block
 * extract.c  main-content detection and the removal rules
 * names.c    byline -> clean author names, headline cleanup
 * drops.c    what the reader left out of the article (the drop check)
 * writer.c   the HTML5 writer (what it leaves out of a page: common/publish.c) */
#ifndef NEWSCONV_FORMATS_HTML_H
#define NEWSCONV_FORMATS_HTML_H

#include <libxml/HTMLparser.h>

#include "common/dom.h"
#include "common/publish.h"
#include "common/xmlguard.h"

/* Per-element analysis, attached to xmlNode._private during a read. */
typedef struct ncp_hinfo {
    unsigned flags;
    int text;      /* weighted characters of text in the subtree (junk excluded) */
    int link;      /* ... of which inside links */
    int own;       /* text of this block itself (inline descendants, not nested blocks) */
    int own_link;
    int own_punct; /* sentence punctuation in the block's own text */
    int good;      /* text in content-like blocks of the subtree */
    int bad;       /* text in chrome-like blocks (link lists, labels) */
    int media;     /* img, picture, video, iframe in the subtree */
    int paras;     /* content-like blocks in the subtree */
    int linkbad;   /* text of link-dominated blocks in the subtree */
    int teaser;    /* good text inside teaser lists (cards: a link line plus a blurb) */
    int ncards;    /* children that look like teaser cards */
    int cardgood;  /* ... and their good text */
    int weight;    /* class/id/tag hint: < 0 chrome, > 0 content */
    double conc;   /* prose close below it: its own and its children's in full, deeper less */
    double value;  /* extraction score */
} ncp_hinfo;

enum {
    H_JUNK = 1u << 0,    /* removed with its subtree (chrome, hidden, ads ...) */
    H_BLOCK = 1u << 1,   /* a block element (text blocks end here) */
    H_LINK = 1u << 2,    /* an <a href> */
    H_INJUNK = 1u << 3,  /* inside a junk element */
    H_DROP = 1u << 4,    /* removed from the chosen content by the cleaning rules */
    H_MARKER = 1u << 5,  /* an explicit article-body marker (itemprop=articleBody ...) */
    H_ARTICLE = 1u << 6, /* <article> or a schema.org Article scope */
    H_KEEP = 1u << 7,    /* never removed (contains the chosen content) */
    H_BYLINE = 1u << 8,  /* byline, author or date line: metadata, not body */
    H_INLINK = 1u << 9,  /* inside an <a href> */
    H_STRUCT = 1u << 10, /* holds a heading, list, table, quote, code or figure */
    H_POSITIVE = 1u << 11, /* class/id says content */
    H_NEGATIVE = 1u << 12, /* class/id says chrome, but it was kept */
    H_STRONG = 1u << 13, /* class/id names strong chrome (comments, ads, share ...) */
    H_CARD = 1u << 14,   /* looks like a teaser card (counts as one next to another) */
    H_HARD = 1u << 15,   /* strong chrome removed at every cleaning level (comments ...) */
};

#define NCP_WCACHE 256
struct ncp_wcache {
    const char *s; /* a class attribute value (in the tree) */
    unsigned h, w;
};

enum {
    SEEN_NOSCRIPT = 1u << 0,  /* a <noscript> */
    SEEN_STREAMED = 1u << 1,  /* hidden="" with id="S:<digit>" (React streaming) */
    SEEN_ITEMSCOPE = 1u << 2, /* an itemscope attribute */
    SEEN_HENTRY = 1u << 3     /* a class holding "entry" or "hnews" (any case) */
};

/* A <meta> with its key attributes looked up once (name, property, http-equiv). */
typedef struct ncp_hmeta {
    xmlNode *el;
    const char *key[3];
    const char *content;
} ncp_hmeta;

typedef struct ncp_hpage {
    nc_article *a;
    const nc_opts *o;
    htmlDocPtr doc;
    xmlNode *root, *head, *body;
    const char *doc_url; /* the page's address (--base-url, canonical, og:url); arena */
    const char *base;    /* what relative links resolve against; arena */
    int own;             /* written by newsconv (<meta name=generator content=newsconv>) */
    ncp_hinfo *info;
    size_t n_info;
    xmlNode *content;    /* the chosen article container */
    xmlNode *headline_el;/* the visible headline element, when found */
    const char *site;    /* site name (og:site_name ...), for title cleanup; arena */
    const char *jsonld_body; /* JSON-LD articleBody text (fallback); arena */
    ncp_hmeta *metas;    /* every <meta> with content, in document order */
    size_t n_metas;
    int metas_done;      /* ncp_html_scan ran: metas, n_elements, first_article */
    size_t n_elements;   /* element nodes in the document */
    xmlNode *first_article; /* the first <article>, or NULL */
    unsigned seen;       /* SEEN_*: what the scan found, so later passes that look for
                          * nothing the page has skip their walk */
    int headline_weak;   /* the headline came from a title that may carry the site name */
    const char *title_tag; /* <title> text; arena */
    int authors_org;     /* the authors so far are organisations (JSON-LD Organization) */
    unsigned *wclass;    /* per element (info[] order): class/id word flags + 1, 0 unknown */
    struct ncp_wcache wcache[NCP_WCACHE];
    int class_junk_good; /* prose removed for class words that relaxing keeps (settle_junk) */
    int relax;           /* cleaning level of the analysis: 0 strict, 1 class words that
                          * only suggest chrome (sidebar, widget ...) remove nothing, 2 no
                          * class word removes anything (candidates.c) */
    xmlNode *zoned[8];   /* the first <time datetime> elements with a zone offset (the
                          * scan), for local_zone in meta.c */
    size_t n_zoned;
    nc_time card_time;   /* a date printed in the byline's author card (meta.c), used
                          * when nothing else dates the page; prec 0 when none */
    nc_buf tmp;
} ncp_hpage;

static inline ncp_hinfo *ncp_hi(const xmlNode *n)
{
    /* text nodes' _private caches their weighed length (extract.c, weigh_text) */
    return n && n->type == XML_ELEMENT_NODE ? (ncp_hinfo *)n->_private : NULL;
}

/* reader.c: reads a page (the format's read function) */
int ncp_html_page_read(nc_article *a, const char *buf, size_t len, const nc_opts *o,
                       nc_error *err);

/* writer.c */
int ncp_html_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err);


/* charset.c: converts the page to UTF-8 into out. `forced` is --input-encoding (or
 * NULL). *used gets the encoding name (static). Returns 0 (out holds the page), 1 (buf is
 * UTF-8 already and out is untouched), or -1 with err set. */
int ncp_html_decode(const char *buf, size_t len, const char *forced, const nc_opts *o,
                    nc_buf *out, const char **used, nc_error *err);

/* jsonld.c */
/* Reads every <script type=application/ld+json> of the page into the article (the
 * most trusted source: fields it sets are not overwritten later). */
int ncp_html_jsonld(ncp_hpage *p);
/* 1 when n is a <script> whose type is `type` (parameters and case ignored). */
int ncp_html_script_is(const xmlNode *n, const char *type);
/* The JSON of a script element (repaired where browsers would accept it), a new reference
 * or NULL; a malformed block warns with its line when `warn`. */
struct json_t *ncp_html_parse_script(ncp_hpage *p, xmlNode *n, int warn);

/* jsonld_write.c: the JSON-LD object as JSON text, into out. */
void ncp_html_jsonld_write(const nc_article *a, nc_buf *out, int with_body);
/* The IPTC digital source type URI (http://cv.iptc.org/newscodes/digitalsourcetype/CODE) of a
 * schema.org digitalSourceType value (an IPTCDigitalSourceEnumeration member, full,
 * "schema:"-prefixed or bare, or the IPTC URI itself), into buf; 0 when v is none of them. */
int ncp_html_iptc_digital_source(const char *v, char *buf, size_t size);
/* helpers shared with extra.c: a string member when s is non-NULL; indented, in-order
 * text of j into out with <, >, & escaped for a script element; whether genres need the
 * extra block. */
void ncp_html_json_set(struct json_t *o, const char *key, const char *s);
void ncp_html_json_dump(struct json_t *j, nc_buf *out);
int ncp_html_genres_need_extra(const nc_article *a);

/* extra.c: the writer's <script type=application/json id=newsconv-extra>, both ways. */
int ncp_html_extra(ncp_hpage *p);
void ncp_html_extra_write(const nc_article *a, nc_buf *out);

/* meta.c */
int ncp_html_meta(ncp_hpage *p);        /* <meta>, <link>, <html lang>, microdata, hNews */
int ncp_html_visible(ncp_hpage *p);     /* the visible headline, byline and date */
/* The value of a meta tag by name or property (first match), or NULL. */
const char *ncp_html_meta_get(ncp_hpage *p, const char *name);
/* One walk over the page after parsing: counts the elements, finds the first <article>
 * and collects the <meta>s (the later passes share it instead of walking again). */
void ncp_html_scan(ncp_hpage *p);

/* names.c */
/* Splits a byline into clean author names and adds those not yet present. Returns the
 * number of names added. */
int ncp_html_add_byline_authors(nc_article *a, const char *byline, const char *url);
/* The same for metadata values (meta name=author, JSON-LD names): organisations are kept,
 * capitalisation is not required. */
int ncp_html_add_meta_authors(nc_article *a, const char *value, const char *url);
/* A one-word name that is the whole text of an author element ("EcoFlow", "Reuters"):
 * added when not present; 1 if added. */
int ncp_html_add_lone_author(nc_article *a, const char *text, const char *url);
/* "by ibby": a lower-case one-word handle after an explicit "by"; 1 if added. */
int ncp_html_byline_by_handle(nc_article *a, const char *line);
/* 1 when a printed credit line says nothing but lead-ins, separators and the words of
 * the article's author names (so that it can stand as the byline). */
int ncp_html_byline_is_names(const nc_article *a, const char *line);
/* Cleans one name ("By Jane Doe, Staff Writer" -> "Jane Doe") into out; 0 if no name. */
int ncp_html_clean_name(const char *s, size_t len, nc_buf *out);
/* Removes a site-name part from a page title ("Headline | Site") into out. */
void ncp_html_clean_title(const char *title, const char *site, const char *h1, nc_buf *out);
/* 1 when s looks like a date/time line or byline text ("By X", "Updated 3:46 PM"). */
int ncp_html_is_dateline_text(const char *s, size_t len);
/* The first date in a byline or date line ("By X | Updated March 3, 2015 10:02 AM"), with
 * *updated set when an "Updated"/"Modified" lead-in precedes it. 0 or -1. */
int ncp_html_find_date(const char *s, size_t len, nc_time *t, int *updated);
/* Normalised comparison key: lower case letters and digits only, into out. */
void ncp_html_text_key(const char *s, size_t len, nc_buf *out);
/* Decodes HTML character references in s into out (for JSON-LD strings). */
void ncp_html_unescape(const char *s, size_t len, nc_buf *out);

/* extract.c */
int ncp_html_analyse(ncp_hpage *p);     /* fills info[], marks junk */
/* The analysis again at another cleaning level (p->relax); p->content is reset. */
void ncp_html_reanalyse(ncp_hpage *p, int relax);
xmlNode *ncp_html_choose(ncp_hpage *p); /* the article container */
int ncp_html_body(ncp_hpage *p, xmlNode *content, int extract); /* converts into a->body */
/* Cleans up the converted body: repeated headline, byline and date lines. */
void ncp_html_body_tidy(ncp_hpage *p);
/* candidates.c */
/* Converts the best body candidate into a->body (content: the strict guess of
 * ncp_html_choose), tidied; -v says which and why. 0, or -1 when out of memory. */
int ncp_html_extract(ncp_hpage *p, xmlNode *content);
/* 1 when --extract names a known mode (or is absent). */
int ncp_html_extract_mode_ok(const nc_opts *o);
/* The characters (not white space) of the body's text. */
int ncp_html_body_chars(const nc_node *body);
/* drops.c: warns once naming what of content (the article's container) appears nowhere in
 * the model, past what the extractor left out on purpose (extract: its flags stand). */
void ncp_html_report_dropped(const ncp_hpage *p, xmlNode *content, int extract);
/* "div#main.post-body": an element for -v notes. */
void ncp_html_describe(const xmlNode *n, nc_buf *out);
/* Text of an element (collapsed white space), appended to out. */
void ncp_html_el_text(const xmlNode *n, nc_buf *out);
/* The same with a line break at <br>, block and <time> boundaries. */
void ncp_html_el_lines(const xmlNode *n, nc_buf *out);
/* Iterative document-order walk helper: the next node after n under root. */
xmlNode *ncp_html_next(xmlNode *n, const xmlNode *root, int descend);
/* class and id tokens test */
int ncp_html_attr_word(const xmlNode *n, const char *attr, const char *word);

/* Puts a field when it is still unset (trimmed, white space collapsed). */
void ncp_html_set(nc_article *a, nc_field f, const char *s);
/* Parses a date into a time field when it is still unset. Returns 1 when set. */
int ncp_html_set_time(nc_article *a, nc_tfield f, const char *s, int lenient);
/* Resolves href against the page base into an arena string. */
const char *ncp_html_url(ncp_hpage *p, const char *href);

#endif
