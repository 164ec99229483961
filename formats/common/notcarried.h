/* newsconv: warnings for the agency metadata a writer cannot hold (notcarried.c). */
#ifndef NEWSCONV_FORMATS_NOTCARRIED_H
#define NEWSCONV_FORMATS_NOTCARRIED_H

#include "model/model.h"

/* Warns, one warning for each kind ("FMT cannot hold subject types, rel, ... (n subjects):
 * dropped"), of the fields added to the model with issue 14 that a's writer into format
 * fmt does not write: subject and genre attributes (type, rel, relevance, confidence,
 * creator, uri, details), author details, media name/type/rel/details and main rendition
 * fields, rendition title/size/duration/format/details, item type, digital source type,
 * data-mining permission. */
void ncp_warn_agency_not_carried(const nc_article *a, const nc_opts *o, const char *fmt);
/* 1 when a subject (or genre, or coded field) has more than name, code and scheme: a type
 * other than topic, rel, relevance, confidence, creator, uri or details. */
int ncp_subject_has_attrs(const nc_subject *s);
/* 1 when a rendition has a title, size, duration, format or details. */
int ncp_rendition_has_more(const nc_rendition *r);
/* 1 when a media item has a name, type, rel, details, main rendition fields, or a
 * rendition with more (ncp_rendition_has_more). */
int ncp_media_has_more(const nc_media *m);
/* The same, but not for the kinds in `carried` (NCP_CARRIES_*), which the writer holds. */
#define NCP_CARRIES_SUBJECTS (1u << 0)       /* subject and genre types and attributes */
#define NCP_CARRIES_DIGITAL_SOURCE (1u << 1) /* digital source type */
#define NCP_CARRIES_DATA_MINING (1u << 2)    /* data-mining permission */
#define NCP_CARRIES_MEDIA (1u << 3)          /* media and rendition fields */
#define NCP_CARRIES_AUTHORS (1u << 4)        /* author details */
#define NCP_CARRIES_ITEM_TYPE (1u << 5)      /* item type */
#define NCP_CARRIES_SUBJECT_TYPES (1u << 6)  /* subject types alone (not rel, relevance, ...) */
void ncp_warn_agency_not_carried_but(const nc_article *a, const nc_opts *o, const char *fmt,
                                     unsigned carried);

#endif
