/* newsconv: the `model` format, a stable readable dump of the article model.
 *
 * Used by the fixture tests (like pandoc's native format). Write-only. Every field in a
 * fixed order, strings in double quotes with C escapes, one node per line indented by
 * depth. `--positions` adds each node's source position as "@line:column". Several
 * articles in one stream follow each other (each dump starts with its "article" line). */
#include "model/model.h"
#include "common/streamjoin.h"

#include <string.h>

static void qstr(nc_buf *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    nc_buf_putc(out, '"');
    for (; *p; p++) {
        switch (*p) {
        case '"': nc_buf_puts(out, "\\\""); break;
        case '\\': nc_buf_puts(out, "\\\\"); break;
        case '\n': nc_buf_puts(out, "\\n"); break;
        case '\t': nc_buf_puts(out, "\\t"); break;
        case '\r': nc_buf_puts(out, "\\r"); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                nc_buf_printf(out, "\\x%02x", *p);
            else
                nc_buf_putc(out, *p);
        }
    }
    nc_buf_putc(out, '"');
}

static void kv(nc_buf *out, const char *key, const char *value)
{
    if (!value)
        return;
    nc_buf_printf(out, " %s=", key);
    qstr(out, value);
}

static void kvi(nc_buf *out, const char *key, int value)
{
    if (value)
        nc_buf_printf(out, " %s=%d", key, value);
}

/* An integer attribute that may be NC_UNSET (0 is a value). */
static void kvu(nc_buf *out, const char *key, int value)
{
    if (value != NC_UNSET)
        nc_buf_printf(out, " %s=%d", key, value);
}

/* The attributes of a subject, an entity, a genre or a coded field (name, code, ...). */
static void subject_attrs(nc_buf *out, const nc_subject *s)
{
    if (s->type != NC_SUBJECT_TOPIC)
        kv(out, "type", nc_subject_type_name(s->type));
    kv(out, "name", s->name);
    kv(out, "code", s->code);
    kv(out, "scheme", s->scheme);
    kv(out, "uri", s->uri);
    kv(out, "rel", s->rel);
    kvu(out, "relevance", s->relevance);
    kvu(out, "confidence", s->confidence);
    kv(out, "creator", s->creator);
    kv(out, "details", s->details);
}

/* The fields of a rendition added with issue 14 (title, size, ...). */
static void rendition_more(nc_buf *out, const nc_rendition *r)
{
    kv(out, "title", r->title);
    if (r->size)
        nc_buf_printf(out, " size=%lld", r->size);
    if (r->duration != 0) {
        char d[40];
        ncp_double_str(r->duration, d, sizeof d);
        nc_buf_printf(out, " duration=%s", d);
    }
    kv(out, "format", r->format);
    kv(out, "details", r->details);
}

static void write_meta(const nc_article *a, nc_buf *out)
{
    int f;
    size_t i, j;
    nc_buf_puts(out, "article\n");
    for (f = 0; f < NC_F__COUNT; f++) {
        if (!a->str[f])
            continue;
        nc_buf_printf(out, "  %s ", nc_field_name((nc_field)f));
        qstr(out, a->str[f]);
        nc_buf_putc(out, '\n');
    }
    for (f = 0; f < NC_T__COUNT; f++) {
        char t[NC_TIME_ISO_LEN];
        if (!nc_time_format(&a->time[f], t))
            continue;
        nc_buf_printf(out, "  %s %s\n", nc_tfield_name((nc_tfield)f), t);
    }
    if (a->urgency)
        nc_buf_printf(out, "  urgency %d\n", a->urgency);
    if (a->language_detected)
        nc_buf_puts(out, "  language_detected 1\n");
    if (a->item_type) {
        nc_buf_puts(out, "  item_type ");
        qstr(out, a->item_type);
        nc_buf_putc(out, '\n');
    }
    if (a->digital_source_type.name || a->digital_source_type.code) {
        nc_buf_puts(out, "  digital_source_type");
        subject_attrs(out, &a->digital_source_type);
        nc_buf_putc(out, '\n');
    }
    if (a->data_mining.name || a->data_mining.code) {
        nc_buf_puts(out, "  data_mining");
        subject_attrs(out, &a->data_mining);
        nc_buf_putc(out, '\n');
    }
    for (i = 0; i < a->n_authors; i++) {
        nc_buf_puts(out, "  author");
        kv(out, "name", a->authors[i].name);
        kv(out, "role", a->authors[i].role);
        kv(out, "url", a->authors[i].url);
        kv(out, "affiliation", a->authors[i].affiliation);
        kv(out, "details", a->authors[i].details);
        nc_buf_putc(out, '\n');
    }
    for (i = 0; i < a->n_subjects + a->n_genres; i++) {
        const nc_subject *s = i < a->n_subjects ? &a->subjects[i] : &a->genres[i - a->n_subjects];
        nc_buf_puts(out, i < a->n_subjects ? "  subject" : "  genre");
        subject_attrs(out, s);
        nc_buf_putc(out, '\n');
    }
    for (i = 0; i < a->n_keywords; i++) {
        nc_buf_puts(out, "  keyword ");
        qstr(out, a->keywords[i]);
        nc_buf_putc(out, '\n');
    }
    for (i = 0; i < a->n_links; i++) {
        nc_buf_puts(out, "  link");
        kv(out, "rel", a->links[i].rel);
        kv(out, "href", a->links[i].href);
        kv(out, "title", a->links[i].title);
        nc_buf_putc(out, '\n');
    }
    for (i = 0; i < a->n_media; i++) {
        const nc_media *m = &a->media[i];
        nc_buf_printf(out, "  media %s", nc_media_kind_name(m->kind));
        kv(out, "id", m->id);
        kv(out, "href", m->href);
        kv(out, "mime", m->mime);
        kvi(out, "width", m->width);
        kvi(out, "height", m->height);
        kv(out, "title", m->title);
        kv(out, "caption", m->caption);
        kv(out, "credit", m->credit);
        kv(out, "alt", m->alt);
        kv(out, "name", m->name);
        kv(out, "type", m->type);
        kv(out, "rel", m->rel);
        kv(out, "details", m->details);
        nc_buf_putc(out, '\n');
        if (m->main.name || m->main.title || m->main.size || m->main.duration != 0 ||
            m->main.format || m->main.details) {
            nc_buf_puts(out, "    main");
            kv(out, "name", m->main.name);
            rendition_more(out, &m->main);
            nc_buf_putc(out, '\n');
        }
        for (j = 0; j < m->n_renditions; j++) {
            const nc_rendition *r = &m->renditions[j];
            nc_buf_puts(out, "    rendition");
            kv(out, "name", r->name);
            kv(out, "href", r->href);
            kv(out, "mime", r->mime);
            kvi(out, "width", r->width);
            kvi(out, "height", r->height);
            rendition_more(out, r);
            nc_buf_putc(out, '\n');
        }
    }
    for (i = 0; i < a->n_extra; i++) {
        nc_buf_puts(out, "  extra ");
        qstr(out, a->extra[i].key);
        nc_buf_puts(out, a->extra[i].json ? " json " : " ");
        qstr(out, a->extra[i].value);
        nc_buf_putc(out, '\n');
    }
}

static int write_model(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    nc_iter it = nc_iter_init(a->body);
    nc_event ev;
    int depth = 0, positions = nc_opts_flag(o, "positions");
    (void)err;
    write_meta(a, out);
    while ((ev = nc_iter_next(&it)) != NC_EVENT_DONE) {
        const nc_node *n = nc_iter_node(&it);
        int i;
        if (ev == NC_EVENT_EXIT) {
            depth--;
            continue;
        }
        for (i = 0; i < depth; i++)
            nc_buf_puts(out, "  ");
        nc_buf_puts(out, n->type == NC_BLOCK_DOCUMENT ? "body" : nc_node_type_name(n->type));
        switch (n->type) {
        case NC_BLOCK_HEADING: kvi(out, "level", n->as.level); break;
        case NC_BLOCK_ORDERED_LIST:
            nc_buf_printf(out, " start=%d", n->as.list.start);
            /* fall through */
        case NC_BLOCK_BULLET_LIST:
            if (n->as.list.tight)
                nc_buf_puts(out, " tight");
            break;
        case NC_BLOCK_TABLE_ROW:
        case NC_BLOCK_TABLE_CELL:
            if (n->as.cell.header)
                nc_buf_puts(out, " header");
            if (nc_node_footer(n))
                nc_buf_puts(out, " footer");
            if (nc_node_colspan(n) > 1)
                kvi(out, "colspan", nc_node_colspan(n));
            if (nc_node_rowspan(n) > 1)
                kvi(out, "rowspan", nc_node_rowspan(n));
            if (nc_align_name(nc_node_align(n)))
                kv(out, "align", nc_align_name(nc_node_align(n)));
            break;
        case NC_BLOCK_CODE_BLOCK:
            kv(out, "info", n->as.code.info);
            /* fall through */
        case NC_INLINE_TEXT:
        case NC_INLINE_CODE:
            nc_buf_putc(out, ' ');
            qstr(out, n->as.code.literal ? n->as.code.literal : "");
            break;
        case NC_INLINE_LINK:
        case NC_INLINE_IMAGE:
        case NC_BLOCK_FIGURE:
            kv(out, "href", n->as.ref.href);
            kv(out, "title", n->as.ref.title);
            kv(out, "alt", n->as.ref.alt);
            kv(out, "credit", n->as.ref.credit);
            break;
        case NC_BLOCK_EMBED:
            kv(out, "url", n->as.embed.url);
            kv(out, "html", n->as.embed.html);
            break;
        default:
            break;
        }
        if (positions && n->line)
            nc_buf_printf(out, " @%d:%d", n->line, n->column);
        nc_buf_putc(out, '\n');
        if (!nc_node_type_is_leaf(n->type))
            depth++;
    }
    return 0;
}

static const nc_optdef options[] = {
    {"positions", NULL, "model: show each node's source position"},
    {NULL, NULL, NULL}};

static const ncp_stream_join one_after_another = {.trim = 0};

static void *model_join_begin(const nc_opts *o, nc_error *err)
{
    (void)o;
    return ncp_stream_join_begin(&one_after_another, err);
}

const nc_format nc_format_model = {
    .name = "model",
    .description = "the article model as indented text (debugging, tests)",
    .write = write_model,
    .options = options,
    .flags = NC_FORMAT_JOIN_STREAM,
    NCP_STREAM_JOIN_HOOKS(model_join_begin)};
