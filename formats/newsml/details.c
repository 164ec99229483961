/* newsconv: an entity's contact information and position in NewsML-G2 (issue 14).
 *
 * NewsML-G2 gives the details of a concept in an assert about it (assert qcode="..."
 * holding personDetails, organisationDetails, geoAreaDetails or POIDetails: contactInfo
 * and position); the model keeps them in the subject's details as ninjs 3.x gives them:
 * "contactInfo" (objects with type and value, or type "address" and an address) and
 * "geoJSON" (a Point). The reader merges an assert into the details of the subject with
 * its code; the writer writes a subject's details as such an assert when reading it back
 * gives the same details, and as newsconv's nc:details attribute otherwise. */
#include "newsml.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/jsonalloc.h"

/* ---- reading ---- */

/* A decimal number: an integer when it has no point, else a real; NULL when s is not one. */
static json_t *number(const char *s)
{
    char *end;
    double d;
    if (!s || !*s || strspn(s, "+-0123456789.") != strlen(s))
        return NULL;
    d = strtod(s, &end);
    if (*end)
        return NULL;
    if (!strchr(s, '.'))
        return json_integer((json_int_t)strtoll(s, NULL, 10));
    return json_real(d);
}

/* A position element as a GeoJSON Point (longitude first), or NULL. */
static json_t *point(const xmlNode *pos)
{
    json_t *lat = number(ncp_nml_attr(pos, "latitude"));
    json_t *lon = number(ncp_nml_attr(pos, "longitude"));
    json_t *alt = ncp_nml_attr(pos, "altitude") ? number(ncp_nml_attr(pos, "altitude")) : NULL;
    json_t *c = json_array(), *p = NULL;
    if (lat && lon && c && (!ncp_nml_attr(pos, "altitude") || alt)) {
        json_array_append(c, lon);
        json_array_append(c, lat);
        if (alt)
            json_array_append(c, alt);
        p = json_pack("{s:s, s:O}", "type", "Point", "coordinates", c);
    }
    json_decref(lat);
    json_decref(lon);
    json_decref(alt);
    json_decref(c);
    return p;
}

static void set_text(nc_article *a, json_t *o, const char *key, const xmlNode *el)
{
    const char *t = el ? ncp_nml_text(a, el) : NULL;
    if (t)
        json_object_set_new(o, key, json_string(t));
}

/* An address element as a ninjs address object. */
static json_t *address(nc_article *a, const xmlNode *ad)
{
    json_t *o = json_object(), *lines = json_array();
    xmlNode *c;
    for (c = ncp_nml_first_el(ad->children); c; c = ncp_nml_next_el(c))
        if (ncp_nml_is_g2(c, "line") && ncp_nml_text(a, c))
            json_array_append_new(lines, json_string(ncp_nml_text(a, c)));
    if (json_array_size(lines))
        json_object_set(o, "lines", lines);
    json_decref(lines);
    set_text(a, o, "locality", ncp_nml_child_g2(ncp_nml_child_g2(ad, "locality"), "name"));
    set_text(a, o, "area", ncp_nml_child_g2(ncp_nml_child_g2(ad, "area"), "name"));
    set_text(a, o, "country", ncp_nml_child_g2(ncp_nml_child_g2(ad, "country"), "name"));
    set_text(a, o, "postalCode", ncp_nml_child_g2(ad, "postalCode"));
    return o;
}

static const char *const kinds[] = {"email", "phone", "fax", "web", "im", NULL};

/* The methods of a contactInfo element appended to arr as ninjs contactInfo objects. */
static void contact_info(nc_article *a, json_t *arr, const xmlNode *ci)
{
    xmlNode *c;
    for (c = ncp_nml_first_el(ci->children); c; c = ncp_nml_next_el(c)) {
        const char *const *k;
        json_t *o = NULL;
        for (k = kinds; *k && !ncp_nml_is_g2(c, *k); k++)
            ;
        if (*k && ncp_nml_text(a, c))
            o = json_pack("{s:s, s:s}", "type", *k, "value", ncp_nml_text(a, c));
        else if (ncp_nml_is_g2(c, "address"))
            o = json_pack("{s:s, s:o}", "type", "address", "address", address(a, c));
        if (o)
            json_array_append_new(arr, o);
    }
}

const char *ncp_g2_details_merge(nc_article *a, const xmlNode *as, const char *details)
{
    json_t *det = details ? json_loads(details, 0, NULL) : json_object();
    json_t *ci = json_array(), *geo = NULL;
    const char *res = details;
    xmlNode *d, *c;
    char *t;
    if (!json_is_object(det) || !ci)
        goto done;
    for (d = ncp_nml_first_el(as->children); d; d = ncp_nml_next_el(d)) {
        if (!ncp_nml_is_g2(d, "personDetails") && !ncp_nml_is_g2(d, "organisationDetails") &&
            !ncp_nml_is_g2(d, "geoAreaDetails") && !ncp_nml_is_g2(d, "POIDetails"))
            continue;
        for (c = ncp_nml_first_el(d->children); c; c = ncp_nml_next_el(c)) {
            if (ncp_nml_is_g2(c, "contactInfo"))
                contact_info(a, ci, c);
            else if (ncp_nml_is_g2(c, "position") && !geo)
                geo = point(c);
        }
    }
    if (json_array_size(ci) && !json_object_get(det, "contactInfo"))
        json_object_set(det, "contactInfo", ci);
    if (geo && !json_object_get(det, "geoJSON"))
        json_object_set(det, "geoJSON", geo);
    if (ncp_json_alloc_failed())
        a->failed = 1;
    if (!json_object_size(det) || a->failed)
        goto done;
    t = ncp_json_dumps(det, JSON_COMPACT | JSON_SORT_KEYS); /* as the ninjs reader keeps them */
    if (t)
        res = nc_article_strdup(a, t);
    else
        a->failed = 1;
    free(t);
done:
    json_decref(det);
    json_decref(ci);
    json_decref(geo);
    return res;
}

/* ---- writing ---- */

static void put_num(nc_buf *b, const char *name, const json_t *v)
{
    if (json_is_integer(v))
        nc_buf_printf(b, " %s=\"%" JSON_INTEGER_FORMAT "\"", name, json_integer_value(v));
    else {
        /* the shortest form that reads back as the same number */
        char t[40];
        int prec;
        for (prec = 1; prec <= 17; prec++) {
            snprintf(t, sizeof t, "%.*g", prec, json_real_value(v));
            if (strtod(t, NULL) == json_real_value(v))
                break;
        }
        if (!strchr(t, '.') && !strchr(t, 'e'))
            strcat(t, ".0"); /* a real stays a real */
        nc_buf_printf(b, " %s=\"%s\"", name, t);
    }
}

static void put_el(nc_buf *b, const char *name, const char *text)
{
    nc_buf_printf(b, "<%s>", name);
    ncp_xml_escape(b, text, strlen(text), 0);
    nc_buf_printf(b, "</%s>", name);
}

static void put_address(nc_buf *b, const json_t *ad)
{
    static const char *const named[] = {"locality", "area", "country", NULL};
    const char *const *k;
    size_t i;
    json_t *v;
    nc_buf_puts(b, "<address>");
    json_array_foreach(json_object_get(ad, "lines"), i, v)
        if (json_is_string(v))
            put_el(b, "line", json_string_value(v));
    for (k = named; *k; k++)
        if (json_is_string(json_object_get(ad, *k))) {
            nc_buf_printf(b, "<%s>", *k);
            put_el(b, "name", json_string_value(json_object_get(ad, *k)));
            nc_buf_printf(b, "</%s>", *k);
        }
    if (json_is_string(json_object_get(ad, "postalCode")))
        put_el(b, "postalCode", json_string_value(json_object_get(ad, "postalCode")));
    nc_buf_puts(b, "</address>");
}

/* contactInfo of the details: the methods NewsML-G2 names, and addresses. */
static void put_contact_info(nc_buf *b, const json_t *ci)
{
    size_t i;
    json_t *o;
    if (!json_array_size(ci))
        return;
    nc_buf_puts(b, "<contactInfo>");
    json_array_foreach(ci, i, o) {
        const char *type = json_string_value(json_object_get(o, "type"));
        const char *value = json_string_value(json_object_get(o, "value"));
        const char *const *k;
        for (k = kinds; *k && (!type || strcmp(*k, type)); k++)
            ;
        if (*k && value)
            put_el(b, *k, value);
        else if (type && !strcmp(type, "address") && json_is_object(json_object_get(o, "address")))
            put_address(b, json_object_get(o, "address"));
    }
    nc_buf_puts(b, "</contactInfo>");
}

static void put_position(nc_buf *b, const json_t *geo)
{
    const json_t *c = json_object_get(geo, "coordinates");
    const char *type = json_string_value(json_object_get(geo, "type"));
    if (!type || strcmp(type, "Point") || json_array_size(c) < 2 || json_array_size(c) > 3 ||
        !json_is_number(json_array_get(c, 0)) || !json_is_number(json_array_get(c, 1)) ||
        (json_array_size(c) == 3 && !json_is_integer(json_array_get(c, 2))))
        return;
    nc_buf_puts(b, "<position");
    put_num(b, "latitude", json_array_get(c, 1));
    put_num(b, "longitude", json_array_get(c, 0));
    if (json_array_size(c) == 3)
        put_num(b, "altitude", json_array_get(c, 2));
    nc_buf_puts(b, "/>");
}

/* The details element of an entity of type t holding ci and geo (ci only for a person or
 * an organisation, geo only for a place). */
static void put_details(nc_buf *b, nc_subject_type t, const json_t *ci, const json_t *geo)
{
    if (t == NC_SUBJECT_PERSON || t == NC_SUBJECT_ORGANISATION) {
        const char *el = t == NC_SUBJECT_PERSON ? "personDetails" : "organisationDetails";
        if (!ci)
            return;
        nc_buf_printf(b, "<%s>", el);
        put_contact_info(b, ci);
        nc_buf_printf(b, "</%s>", el);
    } else if (t == NC_SUBJECT_PLACE && (ci || geo)) {
        const char *el = ci ? "POIDetails" : "geoAreaDetails";
        nc_buf_printf(b, "<%s>", el);
        put_position(b, geo);
        put_contact_info(b, ci);
        nc_buf_printf(b, "</%s>", el);
    }
}

int ncp_g2_details_split(const nc_subject *s, const char *code_attrs, const char *kept,
                         nc_buf *native, const char **rest, nc_article *scratch)
{
    json_t *det = s->details ? json_loads(s->details, 0, NULL) : NULL;
    json_t *ci, *geo;
    nc_buf xml = NC_BUF_INIT;
    xmlDoc *doc = NULL;
    nc_error err;
    char *left = NULL;
    int rc = -1;
    *rest = s->details;
    if (!json_is_object(det))
        goto done;
    ci = json_object_get(det, "contactInfo");
    geo = json_object_get(det, "geoJSON");
    if (!kept) {
        put_details(native, s->type, ci, geo);
        if (!native->size)
            goto done;
        nc_buf_printf(&xml, "<assert xmlns=\"" NCP_NS_G2 "\"%s>", code_attrs);
        nc_buf_put(&xml, native->ptr, native->size);
        nc_buf_puts(&xml, "</assert>");
    } else {
        nc_buf_puts(&xml, kept);
    }
    json_object_del(det, "contactInfo");
    json_object_del(det, "geoJSON");
    if (json_object_size(det))
        left = ncp_json_dumps(det, JSON_COMPACT | JSON_SORT_KEYS);
    nc_error_clear(&err);
    doc = xml.failed ? NULL : ncp_nml_parse(xml.ptr, xml.size, NULL, &err);
    if (doc && xmlDocGetRootElement(doc)) {
        /* what the reader makes of the assert and the rest: the same details */
        const char *back = ncp_g2_details_merge(scratch, xmlDocGetRootElement(doc),
                                                left ? nc_article_strdup(scratch, left) : NULL);
        if (back && !strcmp(back, s->details)) {
            *rest = left ? nc_article_strdup(scratch, left) : NULL;
            rc = 0;
        }
    }
done:
    if (rc < 0)
        nc_buf_clear(native);
    xmlFreeDoc(doc);
    free(left);
    json_decref(det);
    nc_buf_release(&xml);
    return rc;
}
