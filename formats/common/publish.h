/* newsconv: what a page or a feed to publish leaves out unless --keep-internal
 * (publish.c: the rules). */
#ifndef NEWSCONV_FORMATS_PUBLISH_H
#define NEWSCONV_FORMATS_PUBLISH_H

#include "model/model.h"

/* The view's lists and new texts. */
typedef struct ncp_publish {
    nc_author *authors;
    nc_subject *subjects, *genres;
    const char **keywords;
    nc_link *links;
    nc_kv *extra;
    char **texts;   /* new texts the view points to */
    size_t n_texts, cap_texts;
    char **values;  /* values of properties with a publishing constraint */
    size_t n_values, cap_values;
} ncp_publish;

#define NCP_PUBLISH_PAGE 1u   /* every rule (the html writer) */
#define NCP_PUBLISH_VALUES 0u /* the constrained values alone (the feed writers) */

/* Fills view: *a without what it must not publish (all of it with --keep-internal), and
 * warns once for each kind left out, naming the format fmt. The view's lists and new
 * texts belong to pv, freed with ncp_publish_free (also after a failure). Returns 0, or
 * -1 when out of memory. */
int ncp_publish_view(const nc_article *a, nc_article *view, ncp_publish *pv,
                     const nc_opts *o, const char *fmt, unsigned what);
void ncp_publish_free(ncp_publish *pv);

#endif
