/* Unit tests: the agency metadata of the article model (issue 14): typed entities and
 * their attributes, rendition and media fields, item type, digitalSourceType, the
 * data-mining permission, nc_article_setp, -M by name, and the `-t model` dump of each
 * (unset fields print nothing). */
#include "harness.h"
#include "model/model.h"

#include <stdlib.h>

/* The model dump of a (malloc'ed). */
static char *dump(const nc_article *a)
{
    nc_buf out = NC_BUF_INIT;
    nc_error err;
    char *s;
    nc_error_clear(&err);
    nc_format_find("model")->write(a, &out, NULL, &err);
    s = strdup(out.ptr ? out.ptr : "");
    nc_buf_release(&out);
    return s;
}

/* 1 when the dump of a holds the line `line` (without its newline). */
static int has_line(const nc_article *a, const char *line)
{
    char *d = dump(a), *p;
    size_t n = strlen(line);
    int found = 0;
    for (p = d; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        if (!strncmp(p, line, n) && (p[n] == '\n' || !p[n]))
            found = 1;
    if (!found)
        fprintf(stderr, "dump without the line [%s]:\n%s", line, d);
    free(d);
    return found;
}

static void test_unset_prints_nothing(void)
{
    nc_article *a = nc_article_new();
    nc_subject *s;
    nc_media *m;
    char *d;
    s = nc_article_add_subject(a, "Economy", "medtop:04000000", NULL);
    INT_EQ(s->type, NC_SUBJECT_TOPIC, "a subject is a topic");
    INT_EQ(s->relevance, NC_UNSET, "relevance unset");
    INT_EQ(s->confidence, NC_UNSET, "confidence unset");
    INT_EQ(a->digital_source_type.relevance, NC_UNSET, "coded field: relevance unset");
    m = nc_article_add_media(a, NC_MEDIA_PICTURE, "http://x.test/p.jpg");
    nc_media_add_rendition(a, m, "thumb", "http://x.test/t.jpg", "image/jpeg", 10, 20);
    d = dump(a);
    STR_EQ(d, "article\n"
              "  subject name=\"Economy\" code=\"medtop:04000000\"\n"
              "  media picture href=\"http://x.test/p.jpg\"\n"
              "    rendition name=\"thumb\" href=\"http://x.test/t.jpg\" mime=\"image/jpeg\" "
              "width=10 height=20\n"
              "body\n",
           "dump of an article without the new fields is as before");
    free(d);
    nc_article_free(a);
}

static void test_entities(void)
{
    nc_article *a = nc_article_new();
    nc_subject *s;
    s = nc_article_add_entity(a, NC_SUBJECT_PERSON, "Francesco Schettino", NULL, NULL);
    nc_article_setp(a, &s->uri, "http://www.wikidata.org/entity/Q4421821");
    nc_article_setp(a, &s->rel, "about");
    s->relevance = 0; /* 0 is a value */
    s->confidence = 85;
    nc_article_setp(a, &s->creator, "editor");
    s = nc_article_add_entity(a, NC_SUBJECT_PLACE, "Italy", NULL, NULL);
    nc_article_setp(a, &s->details,
                    "{\"geoJSON\":{\"type\":\"Point\",\"coordinates\":[12.5,41.9]}}");
    s = nc_article_add_entity(a, (nc_subject_type)42, "Bad type", NULL, NULL);
    INT_EQ(s->type, NC_SUBJECT_TOPIC, "an unknown type is a topic");
    INT_EQ(a->n_subjects, 3, "entities are subjects");
    OK(has_line(a, "  subject type=\"person\" name=\"Francesco Schettino\" "
                   "uri=\"http://www.wikidata.org/entity/Q4421821\" rel=\"about\" "
                   "relevance=0 confidence=85 creator=\"editor\""),
       "person with its attributes");
    OK(has_line(a, "  subject type=\"place\" name=\"Italy\" details=\"{\\\"geoJSON\\\":"
                   "{\\\"type\\\":\\\"Point\\\",\\\"coordinates\\\":[12.5,41.9]}}\""),
       "place with its geometry");
    STR_EQ(nc_subject_type_name(NC_SUBJECT_ORGANISATION), "organisation", "type name");
    STR_EQ(nc_subject_type_name((nc_subject_type)99), "subject", "unknown type name");
    INT_EQ(nc_subject_type_from_name("Organization"), NC_SUBJECT_ORGANISATION, "US spelling");
    INT_EQ(nc_subject_type_from_name("event"), NC_SUBJECT_EVENT, "event");
    INT_EQ(nc_subject_type_from_name("thing"), -1, "unknown");
    nc_article_free(a);
}

static void test_media(void)
{
    nc_article *a = nc_article_new();
    nc_media *m = nc_article_add_media(a, NC_MEDIA_PICTURE, "http://x.test/big.jpg");
    nc_rendition *r;
    nc_article_setp(a, &m->name, "a001");
    nc_article_setp(a, &m->type, "picture");
    nc_article_setp(a, &m->rel, "illustrated-by");
    nc_article_setp(a, &m->main.name, "r00");
    m->main.size = 123456;
    nc_article_setp(a, &m->details, "{\"ninjs:versionCreated\":\"2013-07-08T08:12:00Z\"}");
    r = nc_media_add_rendition(a, m, "r01", "http://x.test/v.mp4", "video/mp4", 0, 0);
    nc_article_setp(a, &r->title, "Low resolution");
    r->size = 42;
    r->duration = 12.5;
    nc_article_setp(a, &r->format, "MP4");
    OK(has_line(a, "  media picture href=\"http://x.test/big.jpg\" name=\"a001\" "
                   "type=\"picture\" rel=\"illustrated-by\" details=\"{\\\"ninjs:"
                   "versionCreated\\\":\\\"2013-07-08T08:12:00Z\\\"}\""),
       "media name, type, rel, details");
    OK(has_line(a, "    main name=\"r00\" size=123456"), "main rendition's own fields");
    OK(has_line(a, "    rendition name=\"r01\" href=\"http://x.test/v.mp4\" mime=\"video/mp4\" "
                   "title=\"Low resolution\" size=42 duration=12.5 format=\"MP4\""),
       "rendition title, size, duration, format");
    nc_article_setp(a, &m->name, NULL);
    STR_EQ(m->name, NULL, "setp NULL clears");
    nc_article_free(a);
}

static void test_item_fields(void)
{
    nc_article *a = nc_article_new();
    nc_error err;
    nc_author *au;
    nc_error_clear(&err);
    nc_article_setp(a, &a->item_type, "text");
    nc_article_setp(a, &a->digital_source_type.code,
                    "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia");
    nc_article_setp(a, &a->digital_source_type.name, "Created using Generative AI");
    INT_EQ(nc_article_set_by_name(a, "data_mining", "http://ns.useplus.org/ldf/vocab/"
                                  "DMI-PROHIBITED", &err), 0, "-M data_mining");
    au = nc_article_add_author(a, "Jane Doe", "author", NULL, NULL);
    nc_article_setp(a, &au->details, "{\"ninjs:from\":\"people\"}");
    OK(has_line(a, "  item_type \"text\""), "item type");
    OK(has_line(a, "  digital_source_type name=\"Created using Generative AI\" "
                   "code=\"http://cv.iptc.org/newscodes/digitalsourcetype/"
                   "trainedAlgorithmicMedia\""),
       "digital source type");
    OK(has_line(a, "  data_mining code=\"http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED\""),
       "data mining");
    OK(has_line(a, "  author name=\"Jane Doe\" role=\"author\" "
                   "details=\"{\\\"ninjs:from\\\":\\\"people\\\"}\""),
       "author details");
    INT_EQ(nc_article_set_by_name(a, "item_type", "picture", &err), 0, "-M item_type");
    STR_EQ(a->item_type, "picture", "item type replaced");
    INT_EQ(nc_article_set_by_name(a, "digitalsourcetype", "digsrctype:digitalCapture", &err),
           0, "-M digitalsourcetype (alias)");
    STR_EQ(a->digital_source_type.code, "digsrctype:digitalCapture", "code replaced");
    STR_EQ(a->digital_source_type.name, NULL, "name cleared with a new code");
    INT_EQ(nc_article_set_by_name(a, "data_mining", "", &err), 0, "-M data_mining=");
    STR_EQ(a->data_mining.code, NULL, "data mining cleared");
    STR_EQ(nc_article_get_extra(a, "data_mining"), NULL, "not an extra");
    nc_article_free(a);
}

static void test_safety(void)
{
    nc_article *a = nc_article_new();
    nc_subject *s = nc_article_add_entity(a, NC_SUBJECT_EVENT, "Cup", NULL, NULL);
    nc_media *m = nc_article_add_media(a, NC_MEDIA_VIDEO, "http://x.test/v.mp4");
    nc_rendition *r = nc_media_add_rendition(a, m, "r1", "javascript:alert(1)", NULL, 0, 0);
    nc_article_setp(a, &s->rel, "men\033tions");
    nc_article_setp(a, &m->main.title, "Hi\x9b");
    nc_article_setp(a, &r->title, "Lo\x01w");
    nc_article_setp(a, &a->digital_source_type.name, "AI\x7f");
    INT_EQ(nc_article_make_safe(a, NULL, NULL), 2, "one report for the controls, one url");
    STR_EQ(s->rel, "mentions", "control character removed from rel");
    STR_EQ(m->main.title, "Hi\x9b", "a lone byte is not C1 (U+009B is)");
    STR_EQ(r->href, NULL, "forbidden rendition href removed");
    STR_EQ(a->digital_source_type.name, "AI", "DEL removed");
    nc_article_free(a);
}

int main(void)
{
    test_safety();
    test_unset_prints_nothing();
    test_entities();
    test_media();
    test_item_fields();
    return harness_done();
}
