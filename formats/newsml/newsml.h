/* newsconv: NewsML-G2, NewsML 1.x and NITF (formats/newsml/), shared internals.
 *
 * Files: xml.c (safe parsing, element matching, text and dates), writer.c (NewsML-G2
 * 2.35 newsItem), nitf.c (NITF reader and writer: stand-alone documents and bodies),
 * reader.c (NewsML-G2 items, messages, packages), details.c (an entity's contact
 * information and position), media.c (the renditions of a picture or video item),
 * newsml1.c (NewsML 1.x), format.c (the
 * `newsml` and `nitf` format definitions and sniffers). docs/formats.md documents the
 * mapping. */
#ifndef NEWSCONV_NEWSML_H
#define NEWSCONV_NEWSML_H

#include <libxml/tree.h>

#include "common/dom.h"
#include "common/xmlguard.h"
#include "model/model.h"

#define NCP_NS_G2 "http://iptc.org/std/nar/2006-10-01/"
#define NCP_NS_NITF "http://iptc.org/std/NITF/2006-10-18/"
#define NCP_NS_NML1 "http://iptc.org/std/NewsML/2003-10-10/"
#define NCP_NS_XHTML "http://www.w3.org/1999/xhtml"
/* newsconv's own extension attributes (nc:prec, nc:generated, nc:scheme, nc:json), which
 * NewsML-G2 allows on its properties (anyAttribute ##other, processContents="lax"). */
#define NCP_NS_NC "urn:newsconv:newsml-g2"

/* ---- xml.c ---- */

/* Parses an XML document safely: no network, no DTD loading, no entity substitution
 * (entity references other than the five predefined ones are replaced by the HTML
 * character they name, or dropped with a warning). A malformed document gives
 * NC_ERR_PARSE with libxml2's line and column. Returns the document (the caller frees
 * it with xmlFreeDoc) or NULL with err set. */
xmlDoc *ncp_nml_parse(const char *buf, size_t len, const nc_opts *o, nc_error *err);

/* Element tests by namespace URI and local name, never by prefix. */
int ncp_nml_is_g2(const xmlNode *n, const char *local);   /* G2 namespace or none */
int ncp_nml_is_nitf(const xmlNode *n, const char *local); /* NITF, G2 or no namespace */
int ncp_nml_is_nml1(const xmlNode *n, const char *local); /* NewsML 1 or no namespace */
int ncp_nml_is_el(const xmlNode *n);
/* The first child element of n with that local name (G2/NITF/NewsML 1 rules), or NULL. */
xmlNode *ncp_nml_child_g2(const xmlNode *n, const char *local);
xmlNode *ncp_nml_child_nitf(const xmlNode *n, const char *local);
xmlNode *ncp_nml_child_nml1(const xmlNode *n, const char *local);
/* Next sibling element after n, or the first child element of a parent (n = parent->children). */
xmlNode *ncp_nml_first_el(xmlNode *n);
xmlNode *ncp_nml_next_el(xmlNode *n);

/* An attribute without namespace, or NULL. */
const char *ncp_nml_attr(const xmlNode *n, const char *name);
/* An attribute in newsconv's extension namespace, or NULL. */
const char *ncp_nml_nc_attr(const xmlNode *n, const char *name);
/* xml:lang of n, or NULL. */
const char *ncp_nml_lang(const xmlNode *n);

/* The text content of n with white space collapsed, copied into the article (NULL when
 * empty). */
const char *ncp_nml_text(nc_article *a, const xmlNode *n);
/* The same for an attribute value. */
const char *ncp_nml_collapse(nc_article *a, const char *s);

/* Reads a date from text (lenient ISO 8601, RFC 3339's -00:00 rule) and the element's
 * nc:prec attribute; 0 or -1. */
int ncp_nml_date(const char *s, const xmlNode *el, nc_time *t);
/* Sets a->time[f] from element el (unless set already or unparsable: a warning). */
void ncp_nml_set_date(nc_article *a, nc_tfield f, const xmlNode *el, const nc_opts *o);
void ncp_nml_set_date_str(nc_article *a, nc_tfield f, const char *s, const xmlNode *el,
                          const nc_opts *o);
/* Sets a text field unless it is already set; NULL/empty values are ignored. */
void ncp_nml_set(nc_article *a, nc_field f, const char *v);
/* The code of a QCode after the alias ("stat:usable" -> "usable"); s itself without ':'. */
const char *ncp_nml_qcode_code(const char *s);
/* Warns about nothing and drops a generated id: clears a->str[NC_F_ID] when it equals
 * the stable id the writers derive (the id was not data, see ncp_article_stable_id). */
void ncp_nml_drop_derived_id(nc_article *a);

/* Converts a body subtree (XHTML, NITF body.content, or any XML holding such markup)
 * into a's body. */
int ncp_nml_body(nc_article *a, xmlNode *el, int self, const nc_opts *o, nc_error *err);
/* 1 when ncp_nml_body leaves the element el out as page furniture (a header, nav, or an
 * aside that is no box of the story). */
int ncp_nml_is_furniture(const xmlNode *el);
/* Appends plain text as paragraphs (split at blank lines) to the body. */
void ncp_nml_plain_body(nc_article *a, const char *s, size_t len);

/* ---- nitf.c ---- */

/* Reads an <nitf> element (stand-alone or inside NewsML) into a: metadata from head
 * and body.head only where a's fields are still unset, the body from body.content. */
int ncp_nitf_read_el(nc_article *a, xmlNode *nitf, const nc_opts *o, nc_error *err);
/* For NITF in G2: keeps each text of body.head bh that differs from the model field it
 * fills (read where unset: contentMeta gave another) as extra NCP_G2_HEAD_TEXT + element
 * name. 0, or -1 when out of memory. */
int ncp_nitf_keep_head(nc_article *a, xmlNode *bh);
/* Reads NITF body parts found without an <nitf> root (a <body> or <body.content>). */
int ncp_nitf_read_body(nc_article *a, xmlNode *body, const nc_opts *o, nc_error *err);
/* Rewrites newsconv's NITF conventions and NITF media under root into the element
 * names formats/common/dom.c reads (em class="strong" -> strong, media-producer ->
 * credit...). */
int ncp_nitf_prepare(xmlNode *root); /* -1 when out of memory */
/* Writes a NITF 3.6 <nitf> element (namespaced) for a: with head = 1 a stand-alone
 * document's head and docdata, else only the body (for NewsML-G2 inlineXML). indent is
 * the indentation level of the <nitf> element. */
void ncp_nitf_write(const nc_article *a, nc_buf *out, int indent, int head, const nc_opts *o);

/* ---- verify.c ---- */

/* Reads back the body markup a writer produced (the complete <html> or <nitf> element in
 * markup[0..len)) the way the reader will, and warns "<fmt> cannot hold the body exactly:
 * ..." with the first difference from a's body. */
void ncp_nml_verify_body(const nc_article *a, const char *markup, size_t len, int nitf,
                         const char *fmt, const nc_opts *o);

/* ---- reader.c ---- */
/* Warns once ("dropped: itemMeta/link (2), ...") naming the elements whose text the
 * reader left out of the model (issue 14: readers report what they drop). */
void ncp_nml_report_dropped(const nc_article *a, xmlNode *root, const nc_opts *o);
/* Keeps the attributes of a NITF head under root that no field holds as extra
 * "nitf:PARENT/NAME/@ATTR" pairs (before ncp_nml_report_dropped). */
void ncp_nml_keep_nitf_head(nc_article *a, xmlNode *root);
int ncp_g2_read_doc(nc_article *a, xmlDoc *doc, const nc_opts *o, nc_error *err);

/* ---- extra.c: G2 elements kept as extra pairs ("g2:itemMeta/fileName") ---- */

/* The extra key of an item's xml:lang that differs from its contentMeta/language (the
 * model's language is the content's). */
#define NCP_G2_ITEM_LANG "g2:newsItem/@xml:lang"
/* The extra pair (value "none") of a text item without contentSet: the writer, which
 * writes one for an empty body too, leaves it out again. */
#define NCP_G2_NO_CONTENT "g2:newsItem/@nc:contentSet"
/* A newsMessage: its other items are kept whole as pairs "g2:itemSet/newsItem" (or
 * packageItem, ...) in document order, and the place of the item read among them as the
 * pair NCP_G2_MSG_MAIN (its index, "0" for the first); its header as "g2:header/NAME"
 * pairs. The G2 writer writes the message again around the article. */
#define NCP_G2_MSG_MAIN "g2:itemSet/@nc:main"
/* The extra pair of an item whose inlineXML is NITF with a body.head that gives fields
 * contentMeta does not (the NewsML-G2 guide's NITF-in-G2 listings: a byline, a dateline,
 * the hedline only there). Value: those fields' model names, separated by spaces
 * ("byline dateline"). The G2 writer then writes a NITF body (unless --newsml-body says
 * otherwise) and writes those fields in its body.head only, where they were. */
#define NCP_G2_BODY_HEAD "g2:inlineXML/nitf:body.head"
/* The key prefix of the page furniture (header, aside, nav) that opens an XHTML body of
 * an inlineXML (dpa's digitalwires: a <header> with the subjects, the date, the genre and
 * the headline), which the body model leaves out: "g2:inlineXML/xhtml:header", value the
 * element as XML. The G2 writer puts it back at the start of an XHTML body. */
#define NCP_G2_FURNITURE "g2:inlineXML/xhtml:"
/* The same for the page furniture that closes an XHTML body, after the story (rNews: an
 * aside with the tags and the readers' comments beside the <article>):
 * "g2:inlineXML/end/xhtml:aside". The G2 writer puts it back at the end of the body. */
#define NCP_G2_FURNITURE_END "g2:inlineXML/end/xhtml:"
/* The head of an XHTML body that holds more than a title (rNews: the description, the
 * language and the thumbnail as schema.org microdata in <meta>), as XML
 * ("<head xmlns=...>...</head>"). The G2 writer writes it back as the head of an XHTML
 * body (its generated head has the title only). */
#define NCP_G2_XHTML_HEAD "g2:inlineXML/head"
/* The names of the fields that only that head gave, contentMeta did not ("headline
 * summary language"): the G2 writer, when it writes the kept head, leaves them out of
 * contentMeta (and the language out of xml:lang), as they came. */
#define NCP_G2_XHTML_HEAD_FIELDS "g2:inlineXML/head:fields"
/* The key prefix of a NITF body.head text that differs from the model field contentMeta
 * gave (the guide's listing 22: an hl1 without contentMeta's "Preview: "): NITF in G2 only,
 * "g2:inlineXML/nitf:hl1" (hl2, byline, dateline, abstract, distributor), value its text.
 * The NITF writer writes it there, in a body for NewsML-G2, instead of the field. */
#define NCP_G2_HEAD_TEXT "g2:inlineXML/nitf:"
/* The extra pair of a NITF head title unlike the headline (the hl1): the NITF writer
 * writes it as the title. */
#define NCP_NITF_TITLE "nitf:head/title"
/* The extra pair of an item whose text is markup sent as the text of an inlineData (ANSA:
 * escaped <p> in a text/plain inlineData): the inlineData element without its content as
 * XML ("<inlineData contenttype=\"text/plain\" wordcount=\"0\"/>"). The G2 writer, without
 * --newsml-body, writes the body again as escaped canonical XHTML in such an inlineData. */
#define NCP_G2_INLINE_DATA "g2:contentSet/inlineData"
/* The key prefix of the contentSet's content other than the body ("g2:contentSet/NAME",
 * the element whole as XML): content the body model cannot hold (SportsML's
 * sports-content, an events listing), another form of the text (a plain inlineData, a PDF
 * remoteContent). The G2 writer puts them back in the contentSet, after the body (in place
 * of an empty one). NCP_G2_INLINE_DATA, an empty inlineData, is not such content. */
#define NCP_G2_CONTENT "g2:contentSet/"

/* Writes el as XML (G2 elements unprefixed, the G2 namespace as the default). */
void ncp_g2x_serialize(nc_buf *b, const xmlNode *el);
/* The same, leaving out attributes of el itself (not of its children): newsconv's, and
 * those without namespace named in skip (NULL-terminated; skip NULL: none left out). */
void ncp_g2x_serialize_but(nc_buf *b, const xmlNode *el, const char *const *skip);
/* Adds el to a's extra pairs under "g2:PARENT/NAME" ("g2:PARENT/PREFIX:NAME" for an
 * element of another namespace, a provider's extension: PREFIX its own, else "x"): its
 * text, or its XML when it has attributes or child elements. Returns the pair, or NULL
 * when out of memory. */
nc_kv *ncp_g2x_keep(nc_article *a, const xmlNode *el);
/* Writes a kept element back: <name>text</name>, or the XML value when it is exactly one
 * G2 element of that name (for a prefixed name, one element of that local name in another
 * namespace). -1 (nothing written) when the value is not such XML. */
int ncp_g2x_write(nc_buf *out, const char *name, const char *value, const nc_opts *o);
/* The targets (href and residref) of the itemRefs of a kept groupSet (its XML value), each
 * NUL-terminated, an empty string after the last; malloc'd (free it). NULL when the value
 * is not XML or out of memory. */
char *ncp_g2x_group_refs(const char *value);

/* ---- details.c: an entity's contact information and position (assert elements) ---- */

/* The details (JSON text, or NULL) of a subject with those of assert element as merged
 * in: contactInfo and geoJSON from its personDetails, organisationDetails, geoAreaDetails
 * or POIDetails, where details has none. Returns details itself when nothing is added. */
const char *ncp_g2_details_merge(nc_article *a, const xmlNode *as, const char *details);
/* Splits the details of subject s into what an assert gives back and the rest: the kept
 * assert (its XML) when kept is not NULL, else a native one, whose content (details
 * elements) is appended to native (code_attrs: the assert's qcode/uri/literal attribute,
 * escaped, with a leading space). 0 when the reader gives back exactly s->details from
 * that assert and *rest (NULL: nothing left for nc:details); else -1, native empty and
 * *rest = s->details. scratch holds the strings. */
int ncp_g2_details_split(const nc_subject *s, const char *code_attrs, const char *kept,
                         nc_buf *native, const char **rest, nc_article *scratch);

/* ---- media.c: the remoteContent renditions of a picture (video, ...) item ---- */

/* The details (JSON text, or NULL) of a rendition read from remoteContent rc, with what
 * the model has no field for kept under "g2:remoteContent": rc as XML without its
 * attributes named in mapped (NULL-terminated) and newsconv's. details itself when rc
 * holds nothing more. */
const char *ncp_g2_rc_keep(nc_article *a, const xmlNode *rc, const char *const *mapped,
                           const char *details);
/* The writer's side: appends to out what follows the name of the remoteContent kept in
 * details (its attributes but those named in written, then "/>" or its content and end
 * tag) and sets *other to the rest of the details (NULL when none; strings in scratch).
 * 0, or -1 when details keep no remoteContent (out unchanged, *other = details). */
int ncp_g2_rc_split(const char *details, const char *const *written, nc_buf *out,
                    const char **other, nc_article *scratch);

/* ---- newsml1.c ---- */
int ncp_nml1_read(nc_article *a, xmlNode *root, const nc_opts *o, nc_error *err);

/* ---- writer.c ---- */
int ncp_g2_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err);

/* Helpers shared by the writers (writer.c). */
typedef struct ncp_xw {
    nc_buf *out;
    int depth;
} ncp_xw;
void ncp_xw_start(ncp_xw *w, const char *name);          /* newline, indent, "<name" */
void ncp_xw_attr(ncp_xw *w, const char *name, const char *value); /* NULL: nothing */
void ncp_xw_empty(ncp_xw *w);                            /* "/>" */
void ncp_xw_open(ncp_xw *w);                             /* ">", one level deeper */
void ncp_xw_close(ncp_xw *w, const char *name);          /* newline, "</name>" */
/* ">" text "</name>" on the same line. */
void ncp_xw_text(ncp_xw *w, const char *name, const char *text);
/* start + attributes none + text. */
void ncp_xw_simple(ncp_xw *w, const char *name, const char *text);

#endif
