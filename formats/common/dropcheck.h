/* newsconv: what a reader of an XML document dropped (issue 14: nothing lost silently).
 *
 * After a reader has filled the model from an XML tree, every text node of the tree
 * whose text (squashed: no white space, no markup punctuation, lower case) is found
 * nowhere in the model's squashed text is counted as dropped under its element's path
 * ("parent/name"); the reader's hook counts the attributes that hold data of their own
 * ("parent/name/@attr"). One warning names them all: "dropped: itemMeta/link (2),
 * rightsInfo/usageTerms". Used by the NewsML family (G2, NewsML 1, NITF) and the feeds. */
#ifndef NEWSCONV_FORMATS_DROPCHECK_H
#define NEWSCONV_FORMATS_DROPCHECK_H

#include <stddef.h>

#include <libxml/tree.h>

#include "model/model.h"

#define NCP_DROP_MAX 12

/* A search of texts in the model's squashed text that stays linear: each text is
 * searched from where the last one was found (texts come in the model's order), then
 * from the start; the searches that miss or go back may compare 64 times the text's size
 * and 64 MiB more, after which nothing more is compared (stopped). */
typedef struct ncp_hay_search {
    const char *hay;
    size_t len, cursor, scanned, budget;
    int stopped;
} ncp_hay_search;

void ncp_hay_search_init(ncp_hay_search *h, const char *hay, size_t len);
/* 1 when hay holds s (or s is empty, or the search has stopped: not compared), else 0. */
int ncp_hay_find(ncp_hay_search *h, const char *s);
/* Charges n bytes compared outside ncp_hay_find; 0, or -1 when the budget is spent (and
 * the search stops). */
int ncp_hay_charge(ncp_hay_search *h, size_t n);

/* The drops counted so far, the model's squashed text and scratch, for the hooks. */
typedef struct ncp_drops {
    const nc_article *a;
    const char *hay; /* the model's squashed text, a value a line (NULL: out of memory) */
    nc_buf hay_buf;
    nc_buf piece;    /* scratch for the hooks */
    const char *names[NCP_DROP_MAX];
    int counts[NCP_DROP_MAX];
    size_t n_names, more, total;
    int first_line;
    ncp_hay_search search; /* of hay */
} ncp_drops;

/* 1 when the model holds the squashed text s (ncp_hay_find on d's search: past its
 * budget nothing more counts as held or dropped, and the warning says the check
 * stopped). */
int ncp_drops_holds(ncp_drops *d, const char *s);

/* Called for each element with attributes that the walk enters: counts the attributes
 * of el that hold data the model does not (ncp_drop_attr_unless_held). */
typedef void (*ncp_drop_attrs_fn)(ncp_drops *d, const xmlNode *el, void *ud);
/* 1 when the walk must not look into el (what newsconv's writer generated). */
typedef int (*ncp_drop_skip_fn)(const xmlNode *el, void *ud);
/* Called for a text node whose text the model does not hold as it stands: 1 when the
 * reader holds it in another form (a feed's "email (Name)" author, HTML sent as text). */
typedef int (*ncp_drop_text_fn)(ncp_drops *d, const xmlNode *text, void *ud);

/* The hooks a reader gives; any may be NULL. */
typedef struct ncp_drop_hooks {
    ncp_drop_attrs_fn attrs;
    ncp_drop_skip_fn skip;
    ncp_drop_text_fn text;
    void *ud;
    /* what the warning says before the names: NULL for "dropped" */
    const char *label;
    /* 1: attributes only (the texts are not looked at) */
    int attrs_only;
} ncp_drop_hooks;

/* Warns once (at the first drop's line) naming what under root appears nowhere in a; h
 * may be NULL. Out of memory: no warning (the model is marked failed elsewhere). */
void ncp_report_dropped(const nc_article *a, xmlNode *root, const nc_opts *o,
                        const ncp_drop_hooks *h);

/* For readers of other trees (JSON Feed): begins a count over a (squashes it), counts a
 * value dropped under path ("attachments/size_in_bytes"), and ends: warns once at line
 * as ncp_report_dropped does, and releases d. */
void ncp_drops_begin(ncp_drops *d, const nc_article *a);
void ncp_drops_path(ncp_drops *d, const char *path, int line);
void ncp_drops_end(ncp_drops *d, const nc_opts *o);

/* The walk of ncp_report_dropped, counting into d (begun by the caller), which the caller
 * ends: for a tree read a subtree at a time (a feed's channel). */
void ncp_drops_walk(ncp_drops *d, xmlNode *root, const ncp_drop_hooks *h);
/* Replaces what d searches with a squashed text (ncp_squash_put lines); the budget spent
 * so far stays spent. */
void ncp_drops_set_hay(ncp_drops *d, const nc_buf *squashed);
/* ncp_drops_end with label for "dropped" (NULL: "dropped"). */
void ncp_drops_end_as(ncp_drops *d, const nc_opts *o, const char *label);
/* Releases d without a warning (a count an error cut short). */
void ncp_drops_release(ncp_drops *d);

/* Counts a drop of the text of el (attr NULL) or of its attribute attr. */
void ncp_drop_note(ncp_drops *d, const xmlNode *el, const char *attr);

/* Counts attribute attr of el (value v) when the model does not hold v. */
void ncp_drop_attr_unless_held(ncp_drops *d, const xmlNode *el, const char *attr,
                               const char *v);

/* 1 when the value v is data the model (its squashed text hay) does not hold: not empty,
 * not a date (kept as a time), found nowhere in hay. A short value (a width "600", a year
 * "2026") must be a whole value of the model: anywhere in a longer text it would be found
 * by chance. A whole value counts in any ASCII case. piece is scratch. */
int ncp_not_held(nc_buf *piece, const char *hay, const char *v);

/* 1 when s is a date written out ("Fri, 05 Dec 2026 08:00:00 GMT", "Monday 1 December
 * 2026"): at most 64 characters, all date, to the day at least. */
int ncp_written_date(const char *s);

/* The node after n in document order under root (n's children first when descend). */
xmlNode *ncp_next_in_order(xmlNode *n, const xmlNode *root, int descend);

#endif
