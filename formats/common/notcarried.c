/* newsconv: the warnings of writers that cannot hold the agency metadata of the model
 * (issue 14: nothing lost silently). */
#include "notcarried.h"

int ncp_subject_has_attrs(const nc_subject *s)
{
    return s->type != NC_SUBJECT_TOPIC || s->rel || s->creator || s->uri || s->details ||
           s->relevance != NC_UNSET || s->confidence != NC_UNSET;
}

int ncp_rendition_has_more(const nc_rendition *r)
{
    return r->title || r->size || r->duration != 0 || r->format || r->details;
}

int ncp_media_has_more(const nc_media *m)
{
    size_t j;
    if (m->name || m->type || m->rel || m->details || m->main.name ||
        ncp_rendition_has_more(&m->main))
        return 1;
    for (j = 0; j < m->n_renditions; j++)
        if (ncp_rendition_has_more(&m->renditions[j]))
            return 1;
    return 0;
}

void ncp_warn_agency_not_carried(const nc_article *a, const nc_opts *o, const char *fmt)
{
    ncp_warn_agency_not_carried_but(a, o, fmt, 0);
}

void ncp_warn_agency_not_carried_but(const nc_article *a, const nc_opts *o, const char *fmt,
                                     unsigned carried)
{
    size_t i, j, subj = 0, auth = 0, med = 0, rend = 0;
    for (i = 0; i < a->n_subjects; i++) {
        nc_subject s = a->subjects[i];
        if (carried & NCP_CARRIES_SUBJECT_TYPES)
            s.type = NC_SUBJECT_TOPIC;
        subj += ncp_subject_has_attrs(&s);
    }
    for (i = 0; i < a->n_genres; i++)
        subj += ncp_subject_has_attrs(&a->genres[i]);
    for (i = 0; i < a->n_authors; i++)
        auth += a->authors[i].details != NULL;
    for (i = 0; i < a->n_media; i++) {
        const nc_media *m = &a->media[i];
        med += m->name || m->type || m->rel || m->details || m->main.name ||
               ncp_rendition_has_more(&m->main);
        for (j = 0; j < m->n_renditions; j++)
            rend += ncp_rendition_has_more(&m->renditions[j]);
    }
    if (subj && !(carried & NCP_CARRIES_SUBJECTS))
        nc_warn(o, 0, 0, "%s cannot hold subject types, rel, relevance and other "
                "attributes (%zu subjects): dropped", fmt, subj);
    if (auth && !(carried & NCP_CARRIES_AUTHORS))
        nc_warn(o, 0, 0, "%s cannot hold author contact details (%zu authors): dropped", fmt,
                auth);
    if (med && !(carried & NCP_CARRIES_MEDIA))
        nc_warn(o, 0, 0, "%s cannot hold media names, types and other fields (%zu "
                "media): dropped", fmt, med);
    if (rend && !(carried & NCP_CARRIES_MEDIA))
        nc_warn(o, 0, 0, "%s cannot hold rendition titles, sizes and other fields (%zu "
                "renditions): dropped", fmt, rend);
    if (a->item_type && !(carried & NCP_CARRIES_ITEM_TYPE))
        nc_warn(o, 0, 0, "%s cannot hold the item type '%s': dropped", fmt, a->item_type);
    if ((a->digital_source_type.code || a->digital_source_type.name) &&
        !(carried & NCP_CARRIES_DIGITAL_SOURCE))
        nc_warn(o, 0, 0, "%s cannot hold the digital source type '%s': dropped", fmt,
                a->digital_source_type.code ? a->digital_source_type.code
                                            : a->digital_source_type.name);
    if ((a->data_mining.code || a->data_mining.name) && !(carried & NCP_CARRIES_DATA_MINING))
        nc_warn(o, 0, 0, "%s cannot hold the data-mining permission '%s': dropped", fmt,
                a->data_mining.code ? a->data_mining.code : a->data_mining.name);
}

