/* newsconv: metadata files (--metadata-file), YAML with libyaml's event API or JSON with
 * jansson, both read into one jansson tree and then into -M pairs (metafile.h). */
#include "metafile.h"

#include "jsonalloc.h"
#include "model/model.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <yaml.h>

/* Where each top-level value starts, in the order of the keys. */
typedef struct spot {
    int line, column;
} spot;

typedef struct reader {
    const char *name;
    nc_error *err;
    spot *spots;
    size_t n_spots;
} reader;

static int error_at(reader *r, nc_status code, int line, int column, const char *fmt, ...)
    NC_PRINTF(5, 6);
static int error_at(reader *r, nc_status code, int line, int column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nc_error_setv(r->err, code, line, column, fmt, ap);
    va_end(ap);
    nc_error_set_source(r->err, r->name);
    return -1;
}

static int no_memory(reader *r)
{
    return error_at(r, NC_ERR_NOMEM, 0, 0, "out of memory");
}

/* ---- YAML to a jansson tree ---- */

static int plain_null(const char *s, size_t len)
{
    return !len || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
           !strcmp(s, "NULL");
}

/* A YAML scalar as JSON: a plain null, boolean or number as such, else a string. */
static json_t *yaml_scalar(const yaml_event_t *ev)
{
    const char *s = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
        char *end;
        if (plain_null(s, len))
            return json_null();
        if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))
            return json_true();
        if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE"))
            return json_false();
        if ((*s >= '0' && *s <= '9') || (*s == '-' && s[1] >= '0' && s[1] <= '9')) {
            long long v = strtoll(s, &end, 10);
            if (!*end && (s[0] != '0' || !s[1]) && strncmp(s, "-0", 2))
                return json_integer(v);
        }
    }
    return json_stringn(s, len);
}

static int yaml_fail(reader *r, yaml_parser_t *p, const char *text, size_t len)
{
    int line, col;
    const char *problem = p->problem ? p->problem : "syntax error";
    if (p->error == YAML_MEMORY_ERROR)
        return no_memory(r);
    if (p->error == YAML_READER_ERROR) {
        ncp_position(text, p->problem_offset < len ? p->problem_offset : len, &line, &col);
    } else {
        line = (int)p->problem_mark.line + 1;
        col = (int)p->problem_mark.column + 1;
    }
    if (p->context)
        return error_at(r, NC_ERR_PARSE, line, col, "invalid YAML: %s %s", problem, p->context);
    return error_at(r, NC_ERR_PARSE, line, col, "invalid YAML: %s", problem);
}

/* Adds v to the open container top (a list, or a map whose pending key is *key). */
static int yaml_add(reader *r, json_t *top, char **key, json_t *v, const yaml_mark_t *m,
                    int depth)
{
    int rc;
    if (json_is_array(top))
        return json_array_append_new(top, v) < 0 ? no_memory(r) : 0;
    if (!*key) { /* a key: text only */
        if (!json_is_string(v)) {
            int container = json_is_object(v) || json_is_array(v);
            json_decref(v);
            return error_at(r, NC_ERR_PARSE, (int)m->line + 1, (int)m->column + 1, "%s",
                            container ? "a map or a list as a key" : "a key that is no text");
        }
        *key = strdup(json_string_value(v));
        json_decref(v);
        return *key ? 0 : no_memory(r);
    }
    if (json_object_get(top, *key)) {
        json_decref(v);
        return error_at(r, NC_ERR_PARSE, (int)m->line + 1, (int)m->column + 1,
                        "'%s' is given twice", *key);
    }
    if (depth == 1) { /* a top-level value: remember where it is */
        spot *s = realloc(r->spots, (r->n_spots + 1) * sizeof *s);
        if (!s) {
            json_decref(v);
            return no_memory(r);
        }
        r->spots = s;
        s[r->n_spots].line = (int)m->line + 1;
        s[r->n_spots++].column = (int)m->column + 1;
    }
    rc = json_object_set_new(top, *key, v);
    free(*key);
    *key = NULL;
    return rc < 0 ? no_memory(r) : 0;
}

/* The YAML text as a jansson tree (aliases refused, nesting capped at NC_MAX_DEPTH);
 * NULL with err set. An empty document is an empty map. */
static json_t *yaml_tree(reader *r, const char *text, size_t len)
{
    yaml_parser_t p;
    yaml_event_t ev;
    json_t *stack[NC_MAX_DEPTH + 1], *root = NULL;
    char *keys[NC_MAX_DEPTH + 1];
    int depth = 0, docs = 0, done = 0, ok = 1;
    if (!yaml_parser_initialize(&p)) {
        no_memory(r);
        return NULL;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    while (ok && !done) {
        json_t *v = NULL;
        int line, col;
        if (!yaml_parser_parse(&p, &ev)) {
            yaml_fail(r, &p, text, len);
            ok = 0;
            break;
        }
        line = (int)ev.start_mark.line + 1;
        col = (int)ev.start_mark.column + 1;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1)
                ok = error_at(r, NC_ERR_PARSE, line, col, "more than one YAML document") == 0;
            break;
        case YAML_ALIAS_EVENT:
            ok = error_at(r, NC_ERR_PARSE, line, col, "YAML aliases (*%s) are not supported",
                          (const char *)ev.data.alias.anchor) == 0;
            break;
        case YAML_SCALAR_EVENT:
            v = yaml_scalar(&ev);
            if (!v)
                ok = no_memory(r) == 0;
            else if (!depth && json_is_null(v)) {
                json_decref(v); /* an empty document ("---"): no keys */
            } else if (!depth) {
                json_decref(v);
                ok = error_at(r, NC_ERR_PARSE, line, col,
                              "not a mapping of keys to values") == 0;
            } else if (yaml_add(r, stack[depth - 1], &keys[depth - 1], v, &ev.start_mark,
                                depth) < 0)
                ok = 0;
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (depth >= NC_MAX_DEPTH) {
                ok = error_at(r, NC_ERR_LIMIT, line, col, "nested more than %d levels deep",
                              NC_MAX_DEPTH) == 0;
                break;
            }
            if (!depth && ev.type == YAML_SEQUENCE_START_EVENT) {
                ok = error_at(r, NC_ERR_PARSE, line, col, "not a mapping of keys to values (a list)") == 0;
                break;
            }
            v = ev.type == YAML_SEQUENCE_START_EVENT ? json_array() : json_object();
            if (!v) {
                ok = no_memory(r) == 0;
                break;
            }
            if (!depth)
                root = v;
            else if (yaml_add(r, stack[depth - 1], &keys[depth - 1], json_incref(v),
                              &ev.start_mark, depth) < 0) {
                json_decref(v);
                ok = 0;
                break;
            } else
                json_decref(v); /* the parent holds it */
            keys[depth] = NULL;
            stack[depth++] = v;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            if (depth > 0)
                depth--;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    while (depth > 0)
        free(keys[--depth]);
    if (ok && !root && !(root = json_object()))
        no_memory(r);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/* ---- JSON ---- */

static json_t *json_tree(reader *r, const char *text, size_t len)
{
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    const char *key;
    json_t *v;
    if (!root) {
        error_at(r, NC_ERR_PARSE, je.line > 0 ? je.line : 0, je.column > 0 ? je.column : 0,
                 "invalid JSON: %s", je.text);
        return NULL;
    }
    if (!json_is_object(root)) {
        json_decref(root);
        error_at(r, NC_ERR_PARSE, 1, 1, "not an object of keys and values");
        return NULL;
    }
    /* jansson keeps no positions: a key's is where "KEY" first occurs */
    json_object_foreach(root, key, v) {
        spot *s = realloc(r->spots, (r->n_spots + 1) * sizeof *s);
        size_t klen = strlen(key), i;
        if (!s) {
            json_decref(root);
            no_memory(r);
            return NULL;
        }
        r->spots = s;
        s[r->n_spots].line = s[r->n_spots].column = 0;
        for (i = 0; i + klen + 2 <= len; i++)
            if (text[i] == '"' && !memcmp(text + i + 1, key, klen) && text[i + klen + 1] == '"') {
                ncp_position(text, i, &s[r->n_spots].line, &s[r->n_spots].column);
                break;
            }
        r->n_spots++;
    }
    return root;
}

/* ---- pairs ---- */

static int push_pair(reader *r, ncp_metafile *mf, const char *key, const char *suffix,
                     const char *value)
{
    size_t klen = strlen(key), slen = strlen(suffix);
    char **nk = realloc(mf->keys, (mf->n + 1) * sizeof *nk), **nv;
    if (nk)
        mf->keys = nk;
    nv = nk ? realloc(mf->values, (mf->n + 1) * sizeof *nv) : NULL;
    if (!nv)
        return no_memory(r);
    mf->values = nv;
    nk[mf->n] = malloc(klen + slen + 1);
    nv[mf->n] = strdup(value);
    if (!nk[mf->n] || !nv[mf->n]) {
        free(nk[mf->n]);
        free(nv[mf->n]);
        return no_memory(r);
    }
    memcpy(nk[mf->n], key, klen);
    memcpy(nk[mf->n] + klen, suffix, slen + 1);
    mf->n++;
    return 0;
}

/* A scalar's text (malloc'ed): a string as it is, null as "", others as JSON. */
static char *scalar_text(const json_t *v)
{
    if (json_is_string(v))
        return strdup(json_string_value(v));
    if (json_is_null(v))
        return strdup("");
    return ncp_json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
}

/* What kind of key this is: 0 a field of one value (text, date, urgency), 1 a list field,
 * 2 none of the model's (an extra pair). Found by setting it on a scratch article, so
 * that the aliases are nc_article_set_by_name's own. */
static int key_kind(const char *key)
{
    nc_article *a = nc_article_new();
    nc_error e;
    int kind = 0;
    if (!a)
        return -1;
    nc_error_clear(&e);
    if (nc_article_set_by_name(a, key, "1", &e) == 0) {
        if (a->n_extra)
            kind = 2;
        else if (a->n_authors || a->n_subjects || a->n_genres || a->n_keywords || a->n_links)
            kind = 1;
    }
    nc_article_free(a);
    return kind;
}

static int key_pairs(reader *r, ncp_metafile *mf, const char *key, json_t *v, const spot *at)
{
    int kind = key_kind(key);
    size_t i;
    if (kind < 0)
        return no_memory(r);
    if (json_is_array(v) && !json_array_size(v))
        return push_pair(r, mf, key, "", "");
    if (kind == 2 && (json_is_object(v) || json_is_array(v))) {
        char *js = ncp_json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
        int rc = js ? push_pair(r, mf, key, "=", js)
                    : no_memory(r);
        free(js);
        return rc;
    }
    if (json_is_object(v))
        return error_at(r, NC_ERR_USAGE, at->line, at->column,
                        "%s: a map, but the field holds %s", key, kind ? "a list of texts" : "one text");
    if (json_is_array(v)) {
        if (kind == 0)
            return error_at(r, NC_ERR_USAGE, at->line, at->column,
                            "%s: a list, but the field holds one value", key);
        for (i = 0; i < json_array_size(v); i++) {
            json_t *item = json_array_get(v, i);
            char *s;
            int rc;
            if (json_is_object(item) || json_is_array(item))
                return error_at(r, NC_ERR_USAGE, at->line, at->column,
                                "%s: the items of this list must be texts", key);
            if (!(s = scalar_text(item)))
                return no_memory(r);
            rc = push_pair(r, mf, key, i ? "+" : "", s);
            free(s);
            if (rc < 0)
                return -1;
        }
        return 0;
    }
    {
        char *s = scalar_text(v);
        nc_article *a = nc_article_new();
        nc_error e;
        int rc = 0;
        nc_error_clear(&e);
        if (!s || !a)
            rc = no_memory(r);
        else if (nc_article_set_by_name(a, key, s, &e) < 0) /* a value its field refuses */
            rc = error_at(r, e.code, at->line, at->column, "%s", e.text);
        else
            rc = push_pair(r, mf, key, "", s);
        nc_article_free(a);
        free(s);
        return rc;
    }
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !ncp_strcasecmp(s + n - k, suffix);
}

int ncp_metafile_parse(const char *name, const char *text, size_t len, ncp_metafile *mf,
                       nc_error *err)
{
    reader r;
    json_t *root, *v;
    const char *key, *p = text;
    size_t i = 0;
    int rc = 0;
    memset(mf, 0, sizeof *mf);
    memset(&r, 0, sizeof r);
    r.name = name;
    r.err = err;
    while (p < text + len && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        p = text + 3;
    ncp_json_alloc_begin();
    if (has_suffix(name, ".json") || (p < text + len && *p == '{'))
        root = json_tree(&r, text, len);
    else
        root = yaml_tree(&r, text, len);
    if (root && ncp_json_alloc_failed()) {
        json_decref(root);
        root = NULL;
        no_memory(&r);
    }
    if (!root) {
        free(r.spots);
        return -1;
    }
    json_object_foreach(root, key, v) {
        spot none = {0, 0};
        if ((rc = key_pairs(&r, mf, key, v, i < r.n_spots ? &r.spots[i] : &none)) < 0)
            break;
        i++;
    }
    json_decref(root);
    free(r.spots);
    if (rc < 0)
        ncp_metafile_free(mf);
    return rc;
}

int ncp_metafile_read(const char *path, size_t max_size, ncp_metafile *mf, nc_error *err)
{
    char *data;
    size_t len;
    int rc;
    memset(mf, 0, sizeof *mf);
    if (nc_read_file(path, max_size, &data, &len, err) < 0)
        return -1;
    rc = ncp_metafile_parse(path, data, len, mf, err);
    free(data);
    return rc;
}

char *ncp_metafile_lookup(const ncp_metafile *mf, const char *key, const char *member)
{
    size_t i, klen = strlen(key);
    for (i = 0; i < mf->n; i++) {
        json_t *root, *v;
        char *s = NULL;
        if (strncmp(mf->keys[i], key, klen) || strcmp(mf->keys[i] + klen, "="))
            continue;
        root = json_loads(mf->values[i], 0, NULL);
        v = json_is_object(root) ? json_object_get(root, member) : NULL;
        if (v && !json_is_object(v) && !json_is_array(v) && !json_is_null(v))
            s = scalar_text(v);
        json_decref(root);
        return s;
    }
    return NULL;
}

void ncp_metafile_free(ncp_metafile *mf)
{
    size_t i;
    for (i = 0; i < mf->n; i++) {
        free(mf->keys[i]);
        free(mf->values[i]);
    }
    free(mf->keys);
    free(mf->values);
    memset(mf, 0, sizeof *mf);
}
