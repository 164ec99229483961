/* newsconv: YAML front matter, read with libyaml's event API and written by hand.
 *
 * Reading builds a small tree from the events (no recursion: a parent pointer per node;
 * nesting capped at NC_MAX_DEPTH). Aliases are refused, so no "billion laughs": every
 * node is read once. Keys are matched without regard to case; the model's own field
 * names are accepted as well as the Hugo/Jekyll/pandoc ones. Every other key goes to
 * `extra` in order: a plain scalar that is a JSON literal (true, 12, null) as JSON, any
 * other scalar as a string, a map or a list as compact JSON. A known key whose value
 * does not fit (a date that is not one) is kept in `extra` with a warning.
 *
 * Writing: keys in a fixed order, strings always double-quoted with YAML escapes for
 * what libyaml would not read back as written, dates unquoted at their own precision,
 * lists in block style, extra JSON values as YAML flow. Extra keys that a reader would
 * take for a known key go under one `extra:` map, which the reader unpacks. */
#include "common/notcarried.h"
#include "md.h"

#include <stdlib.h>
#include <string.h>

#include <yaml.h>

/* ---- the tree ---- */

typedef enum { Y_SCALAR, Y_SEQ, Y_MAP } ytype;

typedef struct ynode {
    ytype type;
    const char *s;   /* scalar value (NUL-terminated; may hold NULs? no: NC input has none) */
    size_t len;
    int plain;       /* a plain (unquoted) scalar */
    int block;       /* a literal or folded block scalar */
    int key;         /* a key of its parent map */
    int line, column;
    struct ynode *parent, *first, *last, *next;
    size_t count;    /* children */
} ynode;

typedef struct fm {
    ncp_md_reader *r;
    nc_article *a;
    int line;        /* input line of the YAML's first line */
} fm;

static ynode *ynew(fm *f, ytype type, const yaml_mark_t *m, ynode *parent)
{
    ynode *n = nc_article_alloc(f->a, sizeof *n);
    if (!n)
        return NULL;
    n->type = type;
    n->line = (int)m->line + f->line;
    n->column = (int)m->column + 1;
    n->parent = parent;
    if (parent) {
        n->key = parent->type == Y_MAP && !(parent->count & 1);
        parent->count++;
        if (parent->last)
            parent->last->next = n;
        else
            parent->first = n;
        parent->last = n;
    }
    return n;
}

static int yaml_error(fm *f, yaml_parser_t *p, const char *yaml, size_t len)
{
    int line, col;
    const char *problem = p->problem ? p->problem : "syntax error";
    if (p->error == YAML_READER_ERROR) {
        size_t off = p->problem_offset < len ? p->problem_offset : len;
        ncp_position(yaml, off, &line, &col);
        line += f->line - 1;
    } else {
        line = (int)p->problem_mark.line + f->line;
        col = (int)p->problem_mark.column + 1;
    }
    if (p->error == YAML_MEMORY_ERROR)
        return nc_error_set(f->r->err, NC_ERR_NOMEM, 0, 0, "out of memory reading YAML");
    if (p->context)
        return nc_error_set(f->r->err, NC_ERR_PARSE, line, col,
                            "invalid YAML front matter: %s %s", problem, p->context);
    return nc_error_set(f->r->err, NC_ERR_PARSE, line, col, "invalid YAML front matter: %s",
                        problem);
}

/* Parses the YAML into a tree; *root is NULL for an empty document. */
static int build(fm *f, const char *yaml, size_t len, ynode **root)
{
    yaml_parser_t p;
    yaml_event_t ev;
    ynode *cur = NULL;
    int depth = 0, docs = 0, rc = -1, done = 0;
    *root = NULL;
    if (!yaml_parser_initialize(&p))
        return nc_error_set(f->r->err, NC_ERR_NOMEM, 0, 0, "out of memory");
    yaml_parser_set_input_string(&p, (const unsigned char *)yaml, len);
    while (!done) {
        ynode *n = NULL;
        if (!yaml_parser_parse(&p, &ev)) {
            yaml_error(f, &p, yaml, len);
            goto out;
        }
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1) {
                nc_error_set(f->r->err, NC_ERR_PARSE, (int)ev.start_mark.line + f->line,
                             (int)ev.start_mark.column + 1,
                             "invalid YAML front matter: more than one document");
                yaml_event_delete(&ev);
                goto out;
            }
            break;
        case YAML_ALIAS_EVENT:
            nc_error_set(f->r->err, NC_ERR_PARSE, (int)ev.start_mark.line + f->line,
                         (int)ev.start_mark.column + 1,
                         "YAML aliases (*%s) are not supported in front matter",
                         (const char *)ev.data.alias.anchor);
            yaml_event_delete(&ev);
            goto out;
        case YAML_SCALAR_EVENT:
            n = ynew(f, Y_SCALAR, &ev.start_mark, cur);
            if (n) {
                n->len = ev.data.scalar.length;
                n->s = nc_article_strndup(f->a, (const char *)ev.data.scalar.value, n->len);
                n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
                n->block = ev.data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
                           ev.data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
            }
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (++depth > NC_MAX_DEPTH) {
                nc_error_set(f->r->err, NC_ERR_LIMIT, (int)ev.start_mark.line + f->line,
                             (int)ev.start_mark.column + 1,
                             "YAML front matter nested more than %d levels deep",
                             NC_MAX_DEPTH);
                yaml_event_delete(&ev);
                goto out;
            }
            n = ynew(f, ev.type == YAML_SEQUENCE_START_EVENT ? Y_SEQ : Y_MAP, &ev.start_mark,
                     cur);
            if (n)
                cur = n;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            if (cur)
                cur = cur->parent;
            break;
        default:
            break;
        }
        if (n && !n->parent && !*root)
            *root = n;
        yaml_event_delete(&ev);
        if (f->a->failed) {
            nc_error_set(f->r->err, NC_ERR_NOMEM, 0, 0, "out of memory");
            goto out;
        }
    }
    rc = 0;
out:
    yaml_parser_delete(&p);
    return rc;
}

/* ---- values ---- */

static int is_null(const ynode *n)
{
    if (!n)
        return 1;
    if (n->type != Y_SCALAR || !n->plain)
        return 0;
    return !n->len || !strcmp(n->s, "~") || !strcmp(n->s, "null") || !strcmp(n->s, "Null") ||
           !strcmp(n->s, "NULL");
}

/* A plain scalar's JSON literal ("true", "12", "null"), or NULL. */
static const char *json_literal(const ynode *n)
{
    const char *s = n->s, *p;
    if (n->type != Y_SCALAR || !n->plain)
        return NULL;
    if (is_null(n))
        return "null";
    if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))
        return "true";
    if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE"))
        return "false";
    p = s;
    if (*p == '-')
        p++;
    if (*p == '0')
        p++;
    else if (*p >= '1' && *p <= '9')
        while (*p >= '0' && *p <= '9')
            p++;
    else
        return NULL;
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9'))
            return NULL;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return NULL;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p ? NULL : s;
}

/* JSON string escaping as jansson's compact output does it. */
static void json_string(nc_buf *out, const char *s, size_t len)
{
    size_t i;
    nc_buf_putc(out, '"');
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': nc_buf_puts(out, "\\\""); break;
        case '\\': nc_buf_puts(out, "\\\\"); break;
        case '\b': nc_buf_puts(out, "\\b"); break;
        case '\f': nc_buf_puts(out, "\\f"); break;
        case '\n': nc_buf_puts(out, "\\n"); break;
        case '\r': nc_buf_puts(out, "\\r"); break;
        case '\t': nc_buf_puts(out, "\\t"); break;
        default:
            if (c < 0x20)
                nc_buf_printf(out, "\\u%04x", c);
            else
                nc_buf_putc(out, (char)c);
        }
    }
    nc_buf_putc(out, '"');
}

static void json_scalar(nc_buf *out, const ynode *n, int is_key)
{
    const char *lit = is_key ? NULL : json_literal(n);
    if (lit)
        nc_buf_puts(out, lit);
    else
        json_string(out, n->s, n->len);
}

/* Compact JSON of a subtree, without recursion. */
static void to_json(nc_buf *out, const ynode *root)
{
    const ynode *n = root;
    while (n) {
        const ynode *p = n->parent;
        if (n != root) {
            if (p->type == Y_MAP && !n->key)
                nc_buf_putc(out, ':');
            else if (n != p->first)
                nc_buf_putc(out, ',');
        }
        if (n->type == Y_SCALAR) {
            json_scalar(out, n, n->key);
        } else {
            nc_buf_putc(out, n->type == Y_MAP ? '{' : '[');
            if (n->first) {
                n = n->first;
                continue;
            }
            nc_buf_putc(out, n->type == Y_MAP ? '}' : ']');
        }
        /* next: a sibling, or close the parents */
        while (n != root && !n->next) {
            n = n->parent;
            nc_buf_putc(out, n->type == Y_MAP ? '}' : ']');
        }
        if (n == root)
            break;
        n = n->next;
    }
}

/* The scalar's text; block scalars lose their final line breaks. */
static const char *scalar(fm *f, const ynode *n)
{
    size_t len = n->len;
    if (!n->block)
        return n->s;
    while (len && (n->s[len - 1] == '\n' || n->s[len - 1] == '\r'))
        len--;
    return nc_article_strndup(f->a, n->s, len);
}

static void add_extra(fm *f, const char *key, const ynode *v)
{
    const char *lit = v->type == Y_SCALAR ? json_literal(v) : NULL;
    if (v->type == Y_SCALAR && !lit) {
        nc_article_add_extra(f->a, key, scalar(f, v), 0);
    } else if (v->type == Y_SCALAR) {
        nc_article_add_extra(f->a, key, lit, 1);
    } else {
        nc_buf j = NC_BUF_INIT;
        to_json(&j, v);
        if (j.failed) /* a cut JSON text would be data lost without a word */
            f->a->failed = 1;
        else
            nc_article_add_extra(f->a, key, j.ptr, 1);
        nc_buf_release(&j);
    }
}

static void misfit(fm *f, const char *key, const ynode *v, const char *what)
{
    ncp_md_warn(f->r, v->line, v->column, "front matter: '%s' is not %s; kept as extra", key,
                what);
    add_extra(f, key, v);
}

/* ---- keys ---- */

enum kind {
    K_TEXT, K_TIME, K_URGENCY, K_AUTHOR, K_SUBJECT, K_GENRE, K_KEYWORD, K_CATEGORY, K_LINKS,
    K_RELATED, K_MEDIA, K_EXTRA, K_ITEM_TYPE, K_CODED
};

static const struct {
    const char *key;
    enum kind kind;
    int field;
} keys[] = {
    {"title", K_TEXT, NC_F_HEADLINE},           {"headline", K_TEXT, NC_F_HEADLINE},
    {"subtitle", K_TEXT, NC_F_SUBHEADLINE},     {"subheadline", K_TEXT, NC_F_SUBHEADLINE},
    {"description", K_TEXT, NC_F_SUMMARY},      {"summary", K_TEXT, NC_F_SUMMARY},
    {"abstract", K_TEXT, NC_F_SUMMARY},         {"byline", K_TEXT, NC_F_BYLINE},
    {"lang", K_TEXT, NC_F_LANGUAGE},            {"language", K_TEXT, NC_F_LANGUAGE},
    {"id", K_TEXT, NC_F_ID},                    {"version", K_TEXT, NC_F_VERSION},
    {"url", K_TEXT, NC_F_URL},                  {"provider", K_TEXT, NC_F_PROVIDER},
    {"publisher", K_TEXT, NC_F_PUBLISHER},      {"copyright", K_TEXT, NC_F_COPYRIGHT_NOTICE},
    {"copyright_notice", K_TEXT, NC_F_COPYRIGHT_NOTICE},
    {"copyright_holder", K_TEXT, NC_F_COPYRIGHT_HOLDER},
    {"rights", K_TEXT, NC_F_USAGE_TERMS},       {"usage_terms", K_TEXT, NC_F_USAGE_TERMS},
    {"credit", K_TEXT, NC_F_CREDIT},            {"dateline", K_TEXT, NC_F_DATELINE},
    {"location", K_TEXT, NC_F_LOCATION},        {"section", K_TEXT, NC_F_SECTION},
    {"slugline", K_TEXT, NC_F_SLUGLINE},        {"pubstatus", K_TEXT, NC_F_PUBSTATUS},
    {"ednote", K_TEXT, NC_F_EDNOTE},
    {"date", K_TIME, NC_T_PUBLISHED},           {"published", K_TIME, NC_T_PUBLISHED},
    {"publishdate", K_TIME, NC_T_PUBLISHED},    {"lastmod", K_TIME, NC_T_MODIFIED},
    {"modified", K_TIME, NC_T_MODIFIED},        {"updated", K_TIME, NC_T_MODIFIED},
    {"created", K_TIME, NC_T_CREATED},          {"embargo", K_TIME, NC_T_EMBARGO},
    {"expirydate", K_TIME, NC_T_EXPIRES},       {"expires", K_TIME, NC_T_EXPIRES},
    {"urgency", K_URGENCY, 0},
    {"author", K_AUTHOR, 0},                    {"authors", K_AUTHOR, 0},
    {"keywords", K_KEYWORD, 0},                 {"keyword", K_KEYWORD, 0},
    {"tags", K_KEYWORD, 0},                     {"tag", K_KEYWORD, 0},
    {"categories", K_CATEGORY, 0},              {"category", K_CATEGORY, 0},
    {"subjects", K_SUBJECT, 0},                 {"subject", K_SUBJECT, 0},
    {"genres", K_GENRE, 0},                     {"genre", K_GENRE, 0},
    {"links", K_LINKS, 0},                      {"related", K_RELATED, 0},
    {"image", K_MEDIA, 0},                      {"images", K_MEDIA, 0},
    {"media", K_MEDIA, 0},                      {"extra", K_EXTRA, 0},
    {"item_type", K_ITEM_TYPE, 0},              {"digital_source_type", K_CODED, 0},
    {"data_mining", K_CODED, 1},
};

static int find_key(const char *key)
{
    size_t i;
    for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!ncp_strcasecmp(keys[i].key, key))
            return (int)i;
    return -1;
}

int ncp_md_known_key(const char *key) { return find_key(key) >= 0; }

/* Map entries: calls back with each key's text and value. */
#define FOR_PAIRS(map, k, v)                                                               \
    for (k = (map)->first, v = k ? k->next : NULL; k && v;                                 \
         k = v->next, v = k ? k->next : NULL)

static const char *map_get(const ynode *map, const char *const *names, const ynode **node)
{
    const ynode *k, *v;
    FOR_PAIRS(map, k, v)
    {
        const char *const *n;
        if (k->type != Y_SCALAR)
            continue;
        for (n = names; *n; n++)
            if (!ncp_strcasecmp(k->s, *n)) {
                if (node)
                    *node = v;
                return v->type == Y_SCALAR && !is_null(v) ? v->s : NULL;
            }
    }
    return NULL;
}

/* Warns about the keys of map that are none of names (each list ends in NULL). */
static void check_keys(fm *f, const char *what, const ynode *map, const char *const *names)
{
    const ynode *k, *v;
    FOR_PAIRS(map, k, v)
    {
        const char *const *n;
        int known = 0;
        for (n = names; *n; n++)
            if (k->type == Y_SCALAR && !ncp_strcasecmp(k->s, *n))
                known = 1;
        if (!known)
            ncp_md_warn(f->r, k->line, k->column, "front matter: %s: key '%s' ignored", what,
                        k->type == Y_SCALAR ? k->s : "?");
    }
}

static int to_int(const ynode *n, int *out)
{
    char *end;
    long v;
    if (!n || n->type != Y_SCALAR || !n->len)
        return -1;
    v = strtol(n->s, &end, 10);
    if (*end || v < 0 || v > 1000000000L)
        return -1;
    *out = (int)v;
    return 0;
}

static const char *const author_keys[] = {"name", "role", "url", "uri", "link", "href",
                                          "affiliation", "organization", "details", NULL};
/* "uri" is the code when there is no "code" (or "qcode"), else the subject's own uri */
static const char *const subject_keys[] = {"name", "code", "qcode", "uri", "scheme", "type",
                                           "rel", "relevance", "confidence", "creator",
                                           "details", NULL};
static const char *const link_keys[] = {"rel", "href", "url", "title", NULL};
static const char *const media_keys[] = {"href", "url", "src", "kind", "type", "id", "mime",
                                         "mimetype", "width", "height", "title", "caption",
                                         "credit", "alt", "renditions", "name", "item_type",
                                         "rel", "main", "details", NULL};
static const char *const rendition_keys[] = {"name", "href", "url", "src", "mime", "mimetype",
                                             "width", "height", "title", "size", "duration",
                                             "format", "details", NULL};
static const char *const main_keys[] = {"name", "title", "size", "duration", "format",
                                        "details", NULL};

/* A "details" value (a map, kept as compact JSON text) into *slot. */
static void details(fm *f, const ynode *map, const char **slot)
{
    static const char *const dk[] = {"details", NULL};
    const ynode *n = NULL;
    nc_buf j = NC_BUF_INIT;
    map_get(map, dk, &n);
    if (!n || is_null(n))
        return;
    if (n->type != Y_MAP) {
        ncp_md_warn(f->r, n->line, n->column, "front matter: details is not a map; ignored");
        return;
    }
    to_json(&j, n);
    if (j.failed)
        f->a->failed = 1;
    else
        nc_article_setp(f->a, slot, j.ptr);
    nc_buf_release(&j);
}

/* The value of one of names in map as a number (relevance, size, duration): 0 when it
 * is one, -1 (with a warning) when it is not, 1 when absent. */
static int number(fm *f, const ynode *map, const char *name, double max, double *out)
{
    const char *const names[] = {name, NULL};
    const ynode *n = NULL;
    char *end;
    map_get(map, names, &n);
    if (!n || is_null(n))
        return 1;
    if (n->type == Y_SCALAR && n->len) {
        *out = strtod(n->s, &end);
        if (!*end && *out >= 0 && *out <= max)
            return 0;
    }
    ncp_md_warn(f->r, n->line, n->column, "front matter: %s is not a number from 0 to %.0f; "
                "ignored", name, max);
    return -1;
}

/* The attributes of a subject, an entity, a genre or a coded field beyond name, code and
 * scheme. */
static void subject_more(fm *f, nc_subject *s, const ynode *it)
{
    static const char *const type[] = {"type", NULL}, *const rel[] = {"rel", NULL},
                             *const creator[] = {"creator", NULL}, *const uri[] = {"uri", NULL},
                             *const code[] = {"code", "qcode", NULL};
    const ynode *tn = NULL;
    const char *t = map_get(it, type, &tn);
    double v;
    if (t) {
        int k = nc_subject_type_from_name(t);
        if (k < 0)
            ncp_md_warn(f->r, tn->line, tn->column, "front matter: unknown subject type '%s'; "
                        "ignored", t);
        else
            s->type = (nc_subject_type)k;
    }
    nc_article_setp(f->a, &s->rel, map_get(it, rel, NULL));
    nc_article_setp(f->a, &s->creator, map_get(it, creator, NULL));
    if (map_get(it, code, NULL))
        nc_article_setp(f->a, &s->uri, map_get(it, uri, NULL));
    if (!number(f, it, "relevance", 100, &v))
        s->relevance = (int)v;
    if (!number(f, it, "confidence", 100, &v))
        s->confidence = (int)v;
    details(f, it, &s->details);
}

/* A rendition's title, size, duration, format and details. */
static void rendition_more_read(fm *f, nc_rendition *r, const ynode *it)
{
    static const char *const title[] = {"title", NULL}, *const format[] = {"format", NULL};
    double v;
    nc_article_setp(f->a, &r->title, map_get(it, title, NULL));
    nc_article_setp(f->a, &r->format, map_get(it, format, NULL));
    if (!number(f, it, "size", 9e18, &v))
        r->size = (long long)v;
    if (!number(f, it, "duration", 1e300, &v))
        r->duration = v;
    details(f, it, &r->details);
}

static void one_author(fm *f, const ynode *it)
{
    static const char *const name[] = {"name", NULL}, *const role[] = {"role", NULL},
                             *const url[] = {"url", "uri", "link", "href", NULL},
                             *const aff[] = {"affiliation", "organization", NULL};
    if (it->type == Y_SCALAR) {
        if (!is_null(it))
            nc_article_add_author(f->a, scalar(f, it), NULL, NULL, NULL);
    } else if (it->type == Y_MAP) {
        nc_author *au;
        check_keys(f, "author", it, author_keys);
        au = nc_article_add_author(f->a, map_get(it, name, NULL), map_get(it, role, NULL),
                                   map_get(it, url, NULL), map_get(it, aff, NULL));
        if (au)
            details(f, it, &au->details);
    } else {
        ncp_md_warn(f->r, it->line, it->column, "front matter: an author is a list; ignored");
    }
}

static void one_subject(fm *f, const ynode *it, int genre, const char *what)
{
    static const char *const name[] = {"name", NULL},
                             *const code[] = {"code", "qcode", "uri", NULL},
                             *const scheme[] = {"scheme", NULL};
    const char *n = NULL, *c = NULL, *s = NULL;
    nc_subject *sub;
    if (it->type == Y_SCALAR) {
        if (is_null(it))
            return;
        n = scalar(f, it);
    } else if (it->type == Y_MAP) {
        check_keys(f, what, it, subject_keys);
        n = map_get(it, name, NULL);
        c = map_get(it, code, NULL);
        s = map_get(it, scheme, NULL);
    } else {
        ncp_md_warn(f->r, it->line, it->column, "front matter: %s: a list item is a list; ignored",
                    what);
        return;
    }
    sub = genre ? nc_article_add_genre(f->a, n, c, s) : nc_article_add_subject(f->a, n, c, s);
    if (sub && it->type == Y_MAP)
        subject_more(f, sub, it);
}

/* digital_source_type, data_mining: a code (or URI), or a map like a subject's. */
static void coded(fm *f, const char *key, const ynode *v, nc_subject *s)
{
    static const char *const name[] = {"name", NULL},
                             *const code[] = {"code", "qcode", "uri", NULL},
                             *const scheme[] = {"scheme", NULL};
    if (v->type == Y_SEQ) {
        misfit(f, key, v, "a code or a map");
        return;
    }
    if (v->type == Y_SCALAR) {
        nc_article_setp(f->a, &s->code, scalar(f, v));
        return;
    }
    check_keys(f, key, v, subject_keys);
    nc_article_setp(f->a, &s->name, map_get(v, name, NULL));
    nc_article_setp(f->a, &s->code, map_get(v, code, NULL));
    nc_article_setp(f->a, &s->scheme, map_get(v, scheme, NULL));
    subject_more(f, s, v);
}

static void one_link(fm *f, const ynode *it, const char *default_rel)
{
    static const char *const rel[] = {"rel", NULL}, *const href[] = {"href", "url", NULL},
                             *const title[] = {"title", NULL};
    if (it->type == Y_SCALAR) {
        if (!is_null(it))
            nc_article_add_link(f->a, default_rel, scalar(f, it), NULL);
    } else if (it->type == Y_MAP) {
        const char *r;
        const ynode *rn = NULL;
        check_keys(f, "link", it, link_keys);
        r = map_get(it, rel, &rn);
        nc_article_add_link(f->a, rn ? r : default_rel, map_get(it, href, NULL),
                            map_get(it, title, NULL));
    } else {
        ncp_md_warn(f->r, it->line, it->column, "front matter: a link is a list; ignored");
    }
}

static void dims(fm *f, const ynode *map, int *w, int *h)
{
    static const char *const wk[] = {"width", NULL}, *const hk[] = {"height", NULL};
    const ynode *n = NULL;
    map_get(map, wk, &n);
    if (n && to_int(n, w) < 0)
        ncp_md_warn(f->r, n->line, n->column, "front matter: width is not a number; ignored");
    n = NULL;
    map_get(map, hk, &n);
    if (n && to_int(n, h) < 0)
        ncp_md_warn(f->r, n->line, n->column, "front matter: height is not a number; ignored");
}

static void one_media(fm *f, const ynode *it)
{
    static const char *const href[] = {"href", "url", "src", NULL},
                             *const kind[] = {"kind", "type", NULL}, *const id[] = {"id", NULL},
                             *const mime[] = {"mime", "mimetype", NULL},
                             *const title[] = {"title", NULL}, *const caption[] = {"caption", NULL},
                             *const credit[] = {"credit", NULL}, *const alt[] = {"alt", NULL},
                             *const rend[] = {"renditions", NULL}, *const name[] = {"name", NULL},
                             *const itype[] = {"item_type", NULL}, *const rel[] = {"rel", NULL},
                             *const mainr[] = {"main", NULL};
    nc_media *m;
    const char *k;
    const ynode *rn = NULL, *r, *mn = NULL;
    int kd = NC_MEDIA_PICTURE;
    if (it->type == Y_SCALAR) {
        if (!is_null(it))
            nc_article_add_media(f->a, NC_MEDIA_PICTURE, scalar(f, it));
        return;
    }
    if (it->type != Y_MAP) {
        ncp_md_warn(f->r, it->line, it->column, "front matter: an image is a list; ignored");
        return;
    }
    check_keys(f, "image", it, media_keys);
    k = map_get(it, kind, NULL);
    if (k && strchr(k, '/')) {
        /* "type: image/jpeg" is a MIME type; the kind follows from it */
        kd = !strncmp(k, "video/", 6) ? NC_MEDIA_VIDEO
             : !strncmp(k, "audio/", 6) ? NC_MEDIA_AUDIO
                                       : NC_MEDIA_PICTURE;
    } else if (k && (kd = nc_media_kind_from_name(k)) < 0) {
        ncp_md_warn(f->r, it->line, it->column, "front matter: unknown media kind '%s'", k);
        kd = NC_MEDIA_PICTURE;
    }
    m = nc_article_add_media(f->a, (nc_media_kind)kd, map_get(it, href, NULL));
    if (!m)
        return;
    m->id = nc_article_strdup(f->a, map_get(it, id, NULL));
    m->mime = nc_article_strdup(f->a, map_get(it, mime, NULL));
    if (!m->mime && k && strchr(k, '/'))
        m->mime = nc_article_strdup(f->a, k);
    m->title = nc_article_strdup(f->a, map_get(it, title, NULL));
    m->caption = nc_article_strdup(f->a, map_get(it, caption, NULL));
    m->credit = nc_article_strdup(f->a, map_get(it, credit, NULL));
    m->alt = nc_article_strdup(f->a, map_get(it, alt, NULL));
    dims(f, it, &m->width, &m->height);
    nc_article_setp(f->a, &m->name, map_get(it, name, NULL));
    nc_article_setp(f->a, &m->type, map_get(it, itype, NULL));
    nc_article_setp(f->a, &m->rel, map_get(it, rel, NULL));
    details(f, it, &m->details);
    map_get(it, mainr, &mn);
    if (mn && mn->type == Y_MAP) {
        check_keys(f, "main", mn, main_keys);
        nc_article_setp(f->a, &m->main.name, map_get(mn, name, NULL));
        rendition_more_read(f, &m->main, mn);
    } else if (mn && !is_null(mn)) {
        ncp_md_warn(f->r, mn->line, mn->column, "front matter: main is not a map; ignored");
    }
    map_get(it, rend, &rn);
    if (!rn)
        return;
    if (rn->type != Y_SEQ) {
        ncp_md_warn(f->r, rn->line, rn->column, "front matter: renditions is not a list");
        return;
    }
    for (r = rn->first; r; r = r->next) {
        int w = 0, h = 0;
        nc_rendition *rd;
        if (r->type != Y_MAP) {
            ncp_md_warn(f->r, r->line, r->column, "front matter: a rendition is not a map");
            continue;
        }
        check_keys(f, "rendition", r, rendition_keys);
        dims(f, r, &w, &h);
        rd = nc_media_add_rendition(f->a, m, map_get(r, name, NULL), map_get(r, href, NULL),
                                    map_get(r, mime, NULL), w, h);
        if (rd)
            rendition_more_read(f, rd, r);
    }
}

static void keywords(fm *f, const ynode *v)
{
    const ynode *it;
    if (v->type == Y_SCALAR) {
        /* "a, b, c" */
        const char *s = scalar(f, v);
        while (s && *s) {
            const char *e = strchr(s, ',');
            size_t len = e ? (size_t)(e - s) : strlen(s);
            const char *t = ncp_trim(s, &len);
            char *kw = nc_article_strndup(f->a, t, len);
            if (len)
                nc_article_add_keyword(f->a, kw);
            s = e ? e + 1 : NULL;
        }
        return;
    }
    for (it = v->first; it; it = it->next) {
        if (it->type == Y_SCALAR && !is_null(it))
            nc_article_add_keyword(f->a, scalar(f, it));
        else if (it->type != Y_SCALAR)
            ncp_md_warn(f->r, it->line, it->column, "front matter: a keyword is not a string");
    }
}

static void key_value(fm *f, const char *key, const ynode *v)
{
    int i = find_key(key);
    const ynode *it;
    if (i < 0) {
        add_extra(f, key, v);
        return;
    }
    if (is_null(v))
        return;
    switch (keys[i].kind) {
    case K_TEXT:
        if (v->type != Y_SCALAR)
            misfit(f, key, v, "a string");
        else
            nc_article_sets(f->a, (nc_field)keys[i].field, scalar(f, v));
        break;
    case K_TIME: {
        nc_time t;
        if (v->type != Y_SCALAR || nc_time_parse_text(v->s, v->len, &t) < 0)
            misfit(f, key, v, "a date");
        else
            nc_article_set_time(f->a, (nc_tfield)keys[i].field, &t);
        break;
    }
    case K_ITEM_TYPE:
        if (v->type != Y_SCALAR)
            misfit(f, key, v, "a string");
        else
            nc_article_setp(f->a, &f->a->item_type, scalar(f, v));
        break;
    case K_CODED:
        coded(f, key, v, keys[i].field ? &f->a->data_mining : &f->a->digital_source_type);
        break;
    case K_URGENCY: {
        int u;
        if (to_int(v, &u) < 0 || u < 1 || u > 9)
            misfit(f, key, v, "a number from 1 to 9");
        else
            f->a->urgency = u;
        break;
    }
    case K_KEYWORD:
        if (v->type == Y_MAP)
            misfit(f, key, v, "a list");
        else
            keywords(f, v);
        break;
    case K_EXTRA:
        if (v->type == Y_MAP) {
            const ynode *k, *x;
            FOR_PAIRS(v, k, x)
            {
                if (k->type == Y_SCALAR)
                    add_extra(f, k->s, x);
                else
                    ncp_md_warn(f->r, k->line, k->column,
                                "front matter: extra: a key is not a string; ignored");
            }
        } else {
            add_extra(f, key, v);
        }
        break;
    default:
        for (it = v->type == Y_SEQ ? v->first : v; it; it = v->type == Y_SEQ ? it->next : NULL) {
            switch (keys[i].kind) {
            case K_AUTHOR: one_author(f, it); break;
            case K_SUBJECT:
            case K_CATEGORY: one_subject(f, it, 0, key); break;
            case K_GENRE: one_subject(f, it, 1, key); break;
            case K_LINKS: one_link(f, it, NULL); break;
            case K_RELATED: one_link(f, it, "related"); break;
            case K_MEDIA: one_media(f, it); break;
            default: break;
            }
        }
        break;
    }
}

int ncp_md_read_front_matter(ncp_md_reader *r, const char *yaml, size_t len, int line)
{
    fm f;
    ynode *root, *k, *v;
    f.r = r;
    f.a = r->a;
    f.line = line;
    if (build(&f, yaml, len, &root) < 0)
        return -1;
    if (is_null(root))
        return 0;
    if (root->type != Y_MAP)
        return nc_error_set(r->err, NC_ERR_PARSE, root->line, root->column,
                            "front matter is not a YAML mapping of keys to values (it is a %s)",
                            root->type == Y_SEQ ? "list" : "single value");
    FOR_PAIRS(root, k, v)
    {
        if (k->type != Y_SCALAR)
            return nc_error_set(r->err, NC_ERR_PARSE, k->line, k->column,
                                "front matter: a key is not a string");
        key_value(&f, k->s, v);
    }
    return nc_article_ok(r->a, r->err);
}

/* ---- writing ---- */

/* A double-quoted YAML string that libyaml reads back as s. */
static void yq(nc_buf *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    nc_buf_putc(out, '"');
    for (; *p; p++) {
        unsigned c = *p;
        switch (c) {
        case '"': nc_buf_puts(out, "\\\""); continue;
        case '\\': nc_buf_puts(out, "\\\\"); continue;
        case '\t': nc_buf_puts(out, "\\t"); continue;
        case '\n': nc_buf_puts(out, "\\n"); continue;
        case '\r': nc_buf_puts(out, "\\r"); continue;
        default: break;
        }
        if (c < 0x20 || c == 0x7f) {
            nc_buf_printf(out, "\\x%02X", c);
        } else if (c == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            /* C1 controls, NEL included */
            nc_buf_printf(out, "\\u%04X", p[1]);
            p++;
        } else if (c == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
            nc_buf_puts(out, p[2] == 0xA8 ? "\\L" : "\\P");
            p += 2;
        } else if (c == 0xEF && ((p[1] == 0xBB && p[2] == 0xBF) ||
                                 (p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)))) {
            nc_buf_printf(out, "\\u%s", p[1] == 0xBB ? "FEFF" : p[2] == 0xBE ? "FFFE" : "FFFF");
            p += 2;
        } else {
            nc_buf_putc(out, (char)c);
        }
    }
    nc_buf_putc(out, '"');
}

static void kq(nc_buf *out, int indent, const char *key, const char *value)
{
    if (!value)
        return;
    nc_buf_printf(out, "%*s%s: ", indent, "", key);
    yq(out, value);
    nc_buf_putc(out, '\n');
}

/* A map item of a block list: "  - " for the first key, "    " for the others. */
static void item_key(nc_buf *out, int *first, const char *key, const char *value)
{
    if (!value)
        return;
    nc_buf_printf(out, "%s%s: ", *first ? "  - " : "    ", key);
    yq(out, value);
    nc_buf_putc(out, '\n');
    *first = 0;
}

static void item_int(nc_buf *out, int *first, const char *key, int value)
{
    if (!value)
        return;
    nc_buf_printf(out, "%s%s: %d\n", *first ? "  - " : "    ", key, value);
    *first = 0;
}

/* A JSON value as YAML flow (white space outside strings is free, so line breaks, which
 * JSON strings cannot hold raw, become spaces). */
static void yflow(nc_buf *out, const char *json)
{
    for (; *json; json++)
        nc_buf_putc(out, *json == '\n' || *json == '\r' || *json == '\t' ? ' ' : *json);
}

/* A key of a block map item at indent (the "- " of its first key included); value
 * written by the caller. */
static void ikey(nc_buf *out, int indent, int *first, const char *key)
{
    nc_buf_printf(out, "%*s%s%s: ", indent, "", *first ? "- " : "  ", key);
    *first = 0;
}

static void ik(nc_buf *out, int indent, int *first, const char *key, const char *value)
{
    if (!value)
        return;
    ikey(out, indent, first, key);
    yq(out, value);
    nc_buf_putc(out, '\n');
}

static void ij(nc_buf *out, int indent, int *first, const char *key, const char *json)
{
    if (!json)
        return;
    ikey(out, indent, first, key);
    yflow(out, json);
    nc_buf_putc(out, '\n');
}

/* A subject's attributes beyond name, code and scheme. */
static void subject_more_write(nc_buf *out, int indent, int *first, const nc_subject *s)
{
    if (s->type != NC_SUBJECT_TOPIC)
        ik(out, indent, first, "type", nc_subject_type_name(s->type));
    ik(out, indent, first, "uri", s->uri);
    ik(out, indent, first, "rel", s->rel);
    if (s->relevance != NC_UNSET) {
        ikey(out, indent, first, "relevance");
        nc_buf_printf(out, "%d\n", s->relevance);
    }
    if (s->confidence != NC_UNSET) {
        ikey(out, indent, first, "confidence");
        nc_buf_printf(out, "%d\n", s->confidence);
    }
    ik(out, indent, first, "creator", s->creator);
    ij(out, indent, first, "details", s->details);
}

/* A rendition's title, size, duration, format and details. */
static void rendition_more_write(nc_buf *out, int indent, int *first, const nc_rendition *r)
{
    ik(out, indent, first, "title", r->title);
    if (r->size) {
        ikey(out, indent, first, "size");
        nc_buf_printf(out, "%lld\n", r->size);
    }
    if (r->duration != 0) {
        ikey(out, indent, first, "duration");
        char d[40];
        ncp_double_str(r->duration, d, sizeof d);
        nc_buf_printf(out, "%s\n", d);
    }
    ik(out, indent, first, "format", r->format);
    ij(out, indent, first, "details", r->details);
}

static void item_end(nc_buf *out, int first)
{
    if (first)
        nc_buf_puts(out, "  - {}\n");
}

static int is_alnum_c(int c)
{
    return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

static int plain_key(const char *k)
{
    const char *p = k;
    if (!((*p | 32) >= 'a' && (*p | 32) <= 'z') && *p != '_')
        return 0;
    for (; *p; p++)
        if (!(is_alnum_c(*p) || *p == '_' || *p == '-' || *p == '.'))
            return 0;
    return 1;
}

static void subjects(nc_buf *out, const char *key, const nc_subject *s, size_t n)
{
    size_t i;
    if (!n)
        return;
    nc_buf_printf(out, "%s:\n", key);
    for (i = 0; i < n; i++) {
        int first = 1;
        if (s[i].name && !s[i].code && !s[i].scheme && !ncp_subject_has_attrs(&s[i])) {
            nc_buf_puts(out, "  - ");
            yq(out, s[i].name);
            nc_buf_putc(out, '\n');
            continue;
        }
        item_key(out, &first, "name", s[i].name);
        item_key(out, &first, "code", s[i].code);
        item_key(out, &first, "scheme", s[i].scheme);
        subject_more_write(out, 2, &first, &s[i]);
        item_end(out, first);
    }
}

/* digital_source_type, data_mining: the code alone, or a map like a subject's. */
static void coded_write(nc_buf *out, const char *key, const nc_subject *s)
{
    int first = 1;
    if (!s->name && !s->code && !s->scheme)
        return;
    if (!s->name && !s->scheme && !ncp_subject_has_attrs(s)) {
        kq(out, 0, key, s->code);
        return;
    }
    nc_buf_printf(out, "%s:\n", key);
    /* a map, not a list item: "  name: ..." for every key */
    first = 0;
    ik(out, 0, &first, "name", s->name);
    ik(out, 0, &first, "code", s->code);
    ik(out, 0, &first, "scheme", s->scheme);
    subject_more_write(out, 0, &first, s);
}

/* 1 when the article has anything to write in front matter */
static int has_front_matter(const nc_article *a)
{
    size_t i;
    int any = a->urgency != 0;
    for (i = 0; i < NC_F__COUNT; i++)
        any |= a->str[i] != NULL;
    for (i = 0; i < NC_T__COUNT; i++)
        any |= a->time[i].prec != NC_TIME_NONE;
    any |= a->n_authors || a->n_subjects || a->n_genres || a->n_keywords || a->n_links ||
           a->n_media || a->n_extra || a->item_type || a->digital_source_type.name ||
           a->digital_source_type.code || a->digital_source_type.scheme ||
           a->data_mining.name || a->data_mining.code || a->data_mining.scheme;
    return any;
}

/* author: one plain name as a string, else a list of names and maps */
static void authors_write(nc_buf *out, const nc_article *a)
{
    size_t i;
    if (a->n_authors == 1 && a->authors[0].name && !a->authors[0].role && !a->authors[0].url &&
        !a->authors[0].affiliation && !a->authors[0].details) {
        kq(out, 0, "author", a->authors[0].name);
    } else if (a->n_authors) {
        nc_buf_puts(out, "author:\n");
        for (i = 0; i < a->n_authors; i++) {
            const nc_author *au = &a->authors[i];
            int first = 1;
            if (au->name && !au->role && !au->url && !au->affiliation && !au->details) {
                nc_buf_puts(out, "  - ");
                yq(out, au->name);
                nc_buf_putc(out, '\n');
                continue;
            }
            item_key(out, &first, "name", au->name);
            item_key(out, &first, "role", au->role);
            item_key(out, &first, "url", au->url);
            item_key(out, &first, "affiliation", au->affiliation);
            ij(out, 2, &first, "details", au->details);
            item_end(out, first);
        }
    }
}

/* keywords: a list of strings */
static void keywords_write(nc_buf *out, const nc_article *a)
{
    size_t i;
    if (a->n_keywords) {
        nc_buf_puts(out, "keywords:\n");
        for (i = 0; i < a->n_keywords; i++) {
            nc_buf_puts(out, "  - ");
            yq(out, a->keywords[i]);
            nc_buf_putc(out, '\n');
        }
    }
}

/* links: a list of rel/href/title maps */
static void links_write(nc_buf *out, const nc_article *a)
{
    size_t i;
    if (a->n_links) {
        nc_buf_puts(out, "links:\n");
        for (i = 0; i < a->n_links; i++) {
            int first = 1;
            item_key(out, &first, "rel", a->links[i].rel);
            item_key(out, &first, "href", a->links[i].href);
            item_key(out, &first, "title", a->links[i].title);
            item_end(out, first);
        }
    }
}

/* one rendition as a list item, one level deeper than item_key writes */
static void rendition_write(nc_buf *out, const nc_rendition *r)
{
    int rf = 1;
#define RK(k, v)                                                                           \
    if (v) {                                                                               \
        nc_buf_printf(out, "%s%s: ", rf ? "      - " : "        ", k);                     \
        yq(out, v);                                                                        \
        nc_buf_putc(out, '\n');                                                            \
        rf = 0;                                                                            \
    }
#define RI(k, v)                                                                           \
    if (v) {                                                                               \
        nc_buf_printf(out, "%s%s: %d\n", rf ? "      - " : "        ", k, v);              \
        rf = 0;                                                                            \
    }
    RK("name", r->name)
    RK("href", r->href)
    RK("mime", r->mime)
    RI("width", r->width)
    RI("height", r->height)
#undef RK
#undef RI
    rendition_more_write(out, 6, &rf, r);
    if (rf)
        nc_buf_puts(out, "      - {}\n");
}

/* one image: its href alone when that is all it has, else a map */
static void media_item_write(nc_buf *out, const nc_media *m)
{
    int first = 1;
    size_t j;
    if (m->kind == NC_MEDIA_PICTURE && m->href && !m->id && !m->mime && !m->width &&
        !m->height && !m->title && !m->caption && !m->credit && !m->alt &&
        !m->n_renditions && !m->name && !m->type && !m->rel && !m->details &&
        !m->main.name && !ncp_rendition_has_more(&m->main)) {
        nc_buf_puts(out, "  - ");
        yq(out, m->href);
        nc_buf_putc(out, '\n');
        return;
    }
    item_key(out, &first, "href", m->href);
    if (m->kind != NC_MEDIA_PICTURE)
        item_key(out, &first, "kind", nc_media_kind_name(m->kind));
    item_key(out, &first, "id", m->id);
    item_key(out, &first, "mime", m->mime);
    item_int(out, &first, "width", m->width);
    item_int(out, &first, "height", m->height);
    item_key(out, &first, "title", m->title);
    item_key(out, &first, "caption", m->caption);
    item_key(out, &first, "credit", m->credit);
    item_key(out, &first, "alt", m->alt);
    item_key(out, &first, "name", m->name);
    item_key(out, &first, "item_type", m->type);
    item_key(out, &first, "rel", m->rel);
    if (m->main.name || ncp_rendition_has_more(&m->main)) {
        int mf = 0;
        nc_buf_printf(out, "%smain:\n", first ? "  - " : "    ");
        first = 0;
        ik(out, 4, &mf, "name", m->main.name);
        rendition_more_write(out, 4, &mf, &m->main);
    }
    ij(out, 2, &first, "details", m->details);
    if (m->n_renditions) {
        nc_buf_printf(out, "%srenditions:\n", first ? "  - " : "    ");
        first = 0;
        for (j = 0; j < m->n_renditions; j++)
            rendition_write(out, &m->renditions[j]);
    }
    item_end(out, first);
}

/* images: a list of media items */
static void media_write(nc_buf *out, const nc_article *a)
{
    size_t i;
    if (a->n_media) {
        nc_buf_puts(out, "images:\n");
        for (i = 0; i < a->n_media; i++)
            media_item_write(out, &a->media[i]);
    }
}

/* extra: the key/value bag, nested under "extra:" when a key would clash */
static void extra_write(nc_buf *out, const nc_article *a)
{
    size_t i;
    int nested = 0;
    /* at the top level unless a key would be read as a known one */
    for (i = 0; i < a->n_extra; i++)
        if (ncp_md_known_key(a->extra[i].key) || !a->extra[i].key[0])
            nested = 1;
    if (a->n_extra && nested)
        nc_buf_puts(out, "extra:\n");
    for (i = 0; i < a->n_extra; i++) {
        const nc_kv *kv = &a->extra[i];
        if (nested)
            nc_buf_puts(out, "  ");
        if (plain_key(kv->key))
            nc_buf_puts(out, kv->key);
        else
            yq(out, kv->key);
        nc_buf_puts(out, ": ");
        if (kv->json && kv->value[0])
            yflow(out, kv->value);
        else
            yq(out, kv->value);
        nc_buf_putc(out, '\n');
    }
}

int ncp_md_write_front_matter(const nc_article *a, nc_buf *out, const nc_opts *o)
{
    static const struct {
        const char *key;
        int field;
    } text1[] = {{"title", NC_F_HEADLINE}, {"subtitle", NC_F_SUBHEADLINE},
                 {"description", NC_F_SUMMARY}},
      text2[] = {{"byline", NC_F_BYLINE}},
      text3[] = {{"lang", NC_F_LANGUAGE}, {"id", NC_F_ID}, {"version", NC_F_VERSION},
                 {"url", NC_F_URL}, {"provider", NC_F_PROVIDER}, {"publisher", NC_F_PUBLISHER},
                 {"copyright_holder", NC_F_COPYRIGHT_HOLDER},
                 {"copyright", NC_F_COPYRIGHT_NOTICE}, {"rights", NC_F_USAGE_TERMS},
                 {"credit", NC_F_CREDIT}, {"dateline", NC_F_DATELINE},
                 {"location", NC_F_LOCATION}, {"section", NC_F_SECTION},
                 {"slugline", NC_F_SLUGLINE}};
    static const struct {
        const char *key;
        int field;
    } times[] = {{"date", NC_T_PUBLISHED}, {"lastmod", NC_T_MODIFIED},
                 {"created", NC_T_CREATED}, {"embargo", NC_T_EMBARGO},
                 {"expiryDate", NC_T_EXPIRES}};
    size_t i;
    if (!has_front_matter(a))
        return 0;
    nc_buf_puts(out, "---\n");
    for (i = 0; i < sizeof text1 / sizeof text1[0]; i++)
        kq(out, 0, text1[i].key, a->str[text1[i].field]);
    authors_write(out, a);
    for (i = 0; i < sizeof text2 / sizeof text2[0]; i++)
        kq(out, 0, text2[i].key, a->str[text2[i].field]);
    for (i = 0; i < sizeof times / sizeof times[0]; i++) {
        char t[NC_TIME_ISO_LEN];
        if (nc_time_format(&a->time[times[i].field], t))
            nc_buf_printf(out, "%s: %s\n", times[i].key, t);
    }
    for (i = 0; i < sizeof text3 / sizeof text3[0]; i++)
        kq(out, 0, text3[i].key, a->str[text3[i].field]);
    if (a->urgency)
        nc_buf_printf(out, "urgency: %d\n", a->urgency);
    kq(out, 0, "pubstatus", a->str[NC_F_PUBSTATUS]);
    kq(out, 0, "ednote", a->str[NC_F_EDNOTE]);
    kq(out, 0, "item_type", a->item_type);
    coded_write(out, "digital_source_type", &a->digital_source_type);
    coded_write(out, "data_mining", &a->data_mining);
    keywords_write(out, a);
    subjects(out, "subjects", a->subjects, a->n_subjects);
    subjects(out, "genres", a->genres, a->n_genres);
    links_write(out, a);
    media_write(out, a);
    extra_write(out, a);
    nc_buf_puts(out, "---\n");
    return 1;
}
