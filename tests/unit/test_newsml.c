/* Unit tests: the newsml and nitf formats (formats/newsml/): sniffing, namespace
 * matching, lenient dates, the precision rules of the writer, reversibility of what the
 * writer adds (generated provider and versionCreated, derived guid), errors. */
#include "harness.h"
#include "model/model.h"

#include <stdlib.h>

#define G2 "xmlns=\"http://iptc.org/std/nar/2006-10-01/\""

static const nc_format *fmt(const char *name)
{
    return nc_format_find(name);
}

/* Reads text with format `from` and returns the model dump (malloc'ed), or the error as
 * "ERROR code line:col text". */
static char *read_model(const char *from, const char *text)
{
    nc_article *a = NULL;
    nc_buf out = NC_BUF_INIT;
    nc_error err;
    char *s;
    nc_error_clear(&err);
    if (nc_read_article(fmt(from), text, strlen(text), NULL, &a, &err) < 0) {
        nc_buf_printf(&out, "ERROR %d %d:%d %s", (int)err.code, err.line, err.column, err.text);
    } else {
        fmt("model")->write(a, &out, NULL, &err);
        nc_article_free(a);
    }
    s = strdup(out.ptr);
    nc_buf_release(&out);
    return s;
}

/* Converts text (format from) to format to. */
static char *convert(const char *from, const char *to, const char *text)
{
    nc_buf out = NC_BUF_INIT;
    nc_error err;
    char *s;
    nc_error_clear(&err);
    if (nc_convert(fmt(from), fmt(to), text, strlen(text), NULL, &out, &err) < 0)
        nc_buf_printf(&out, "ERROR %d %s", (int)err.code, err.text);
    s = strdup(out.ptr);
    nc_buf_release(&out);
    return s;
}

static int contains(const char *hay, const char *needle)
{
    return hay && strstr(hay, needle) != NULL;
}

#define HAS(s, n)                                                                          \
    do {                                                                                   \
        harness_run++;                                                                     \
        if (!contains((s), (n))) {                                                         \
            harness_failed++;                                                              \
            fprintf(stderr, "%s:%d: FAILED: missing %s\n  in: %s\n", __FILE__, __LINE__,   \
                    n, s ? s : "(null)");                                                  \
        }                                                                                  \
    } while (0)
#define LACKS(s, n)                                                                        \
    do {                                                                                   \
        harness_run++;                                                                     \
        if (contains((s), (n))) {                                                          \
            harness_failed++;                                                              \
            fprintf(stderr, "%s:%d: FAILED: unexpected %s\n  in: %s\n", __FILE__,          \
                    __LINE__, n, s);                                                       \
        }                                                                                  \
    } while (0)

static void test_sniff(void)
{
    const nc_format *f;
    f = nc_format_sniff("<?xml version=\"1.0\"?>\n<!-- c -->\n<newsItem " G2 "/>", 60);
    OK(f && !strcmp(f->name, "newsml"), "sniffed as newsml");
    f = nc_format_sniff("<ns0:newsMessage xmlns:ns0=\"x\">", 32);
    OK(f && !strcmp(f->name, "newsml"), "sniffed as newsml");
    f = nc_format_sniff("<?xml version='1.0'?>"
                        "<!DOCTYPE nitf SYSTEM \"nitf.dtd\" [ <!ENTITY a \"b\"> ]>"
                        "<nitf><head/></nitf>", 95);
    OK(f && !strcmp(f->name, "nitf"), "sniffed as nitf");
    f = nc_format_sniff("\xEF\xBB\xBF<NewsML Version=\"1.2\">", 27);
    OK(f && !strcmp(f->name, "newsml"), "sniffed as newsml");
    INT_EQ(fmt("newsml")->sniff("<html><body></body></html>", 26), 0, "html is not newsml");
    INT_EQ(fmt("newsml")->sniff("# Markdown", 10), 0, "markdown is not newsml");
    INT_EQ(fmt("nitf")->sniff("<newsItem/>", 11), 0, "newsItem is not nitf");
}

static void test_namespaces(void)
{
    char *m;
    /* no namespace at all */
    m = read_model("newsml", "<newsItem guid='g1'><itemMeta><itemClass qcode='ninat:text'/>"
                             "</itemMeta><contentMeta><headline>Plain</headline></contentMeta>"
                             "</newsItem>");
    HAS(m, "headline \"Plain\"");
    HAS(m, "id \"g1\"");
    free(m);
    /* any prefix; an element of another namespace with a G2 local name is not G2 */
    m = read_model("newsml",
                   "<g:newsItem xmlns:g='http://iptc.org/std/nar/2006-10-01/' "
                   "xmlns:o='urn:other' guid='g2'><g:itemMeta><g:itemClass qcode='ninat:text'/>"
                   "</g:itemMeta><g:contentMeta><o:headline>Other</o:headline>"
                   "<g:headline>Mine</g:headline></g:contentMeta></g:newsItem>");
    HAS(m, "headline \"Mine\"");
    LACKS(m, "headline \"Other\"");
    /* ... but kept, as a provider's extension the G2 writer puts back */
    HAS(m, "extra \"g2:contentMeta/o:headline\" "
           "\"<headline xmlns=\\\"urn:other\\\">Other</headline>\"");
    free(m);
    /* an XHTML body with a prefix, a NITF body without a namespace */
    m = read_model("newsml", "<newsItem " G2 " guid='g3'><itemMeta><itemClass qcode='ninat:text'/>"
                             "</itemMeta><contentSet><inlineXML><h:html "
                             "xmlns:h='http://www.w3.org/1999/xhtml'><h:body><h:p>X "
                             "<h:b>y</h:b></h:p></h:body></h:html></inlineXML></contentSet>"
                             "</newsItem>");
    HAS(m, "  paragraph\n    text \"X \"\n    strong\n      text \"y\"\n");
    free(m);
    m = read_model("newsml", "<newsItem " G2 " guid='g4'><itemMeta><itemClass qcode='ninat:text'/>"
                             "</itemMeta><contentSet><inlineXML><nitf><body><body.head><hedline>"
                             "<hl1>From NITF</hl1></hedline></body.head><body.content><p>a "
                             "<em class='strong'>b</em></p><hl2 class='h3'>H</hl2>"
                             "</body.content></body></nitf></inlineXML></contentSet></newsItem>");
    HAS(m, "headline \"From NITF\"");
    HAS(m, "    strong\n      text \"b\"\n  heading level=3\n");
    free(m);
}

static void test_dates(void)
{
    char *m;
    m = read_model("newsml",
                   "<newsItem " G2 " guid='d'><itemMeta><itemClass qcode='ninat:text'/>"
                   "<versionCreated> 2017-10-11T10:41:00+0100 </versionCreated>"
                   "<firstCreated>20231124T192141Z</firstCreated>"
                   "<embargoed>2018-03-01T18:34:39.924Z</embargoed></itemMeta>"
                   "<contentMeta><contentCreated>\n 2016-02-09T09:17:00+03:00\n</contentCreated>"
                   "</contentMeta></newsItem>");
    HAS(m, "created 2016-02-09T09:17:00+03:00\n");
    HAS(m, "published 2023-11-24T19:21:41Z\n");
    HAS(m, "modified 2017-10-11T10:41:00+01:00\n");
    HAS(m, "embargo 2018-03-01T18:34:39.924Z\n");
    free(m);
    /* an unreadable date is skipped */
    m = read_model("newsml", "<newsItem " G2 " guid='d2'><itemMeta><itemClass qcode='ninat:text'/>"
                             "</itemMeta><contentMeta><contentCreated>soon</contentCreated>"
                             "</contentMeta></newsItem>");
    LACKS(m, "created");
    free(m);
}

/* Every precision survives newsml -> model; the writer marks what the lexical form
 * cannot show (nc:prec), never inventing a time or a zone. */
static void test_precision(void)
{
    static const char *const times[] = {"2019", "2019-07", "2019-07-11", "2019-07-11T10:30:00",
                                        "2019-07-11T10:30:00+02:00", "2019-07-11T10:30:05",
                                        "2019-07-11T10:30:05.120Z", NULL};
    const char *const *t;
    for (t = times; *t; t++) {
        nc_article *a = nc_article_new();
        nc_buf xml = NC_BUF_INIT;
        nc_error err;
        char *m, want[128];
        nc_time tm;
        nc_error_clear(&err);
        nc_time_parse_iso(*t, strlen(*t), &tm);
        nc_article_set_time(a, NC_T_CREATED, &tm);
        nc_article_set_time(a, NC_T_PUBLISHED, &tm);
        nc_article_set_time(a, NC_T_EXPIRES, &tm);
        nc_article_sets(a, NC_F_HEADLINE, "T");
        OK(nc_write_article(fmt("newsml"), a, NULL, &xml, &err) == 0, "newsml writes");
        m = read_model("newsml", xml.ptr);
        snprintf(want, sizeof want, "created %s\n  published %s\n  expires %s\n", *t, *t, *t);
        HAS(m, want);
        LACKS(m, "modified");
        free(m);
        nc_buf_release(&xml);
        nc_article_free(a);
    }
    {
        /* the forms the schema needs */
        nc_article *a = nc_article_new();
        nc_buf xml = NC_BUF_INIT;
        nc_error err;
        nc_time tm;
        nc_error_clear(&err);
        nc_time_parse_iso("2019-07-11", 10, &tm);
        nc_article_set_time(a, NC_T_CREATED, &tm);
        nc_article_set_time(a, NC_T_PUBLISHED, &tm);
        OK(nc_write_article(fmt("newsml"), a, NULL, &xml, &err) == 0, "newsml writes");
        HAS(xml.ptr, "<versionCreated>2019-07-11T00:00:00-00:00</versionCreated>");
        HAS(xml.ptr, "<firstCreated>2019-07-11T00:00:00-00:00</firstCreated>");
        HAS(xml.ptr, "<contentCreated>2019-07-11</contentCreated>");
        nc_buf_release(&xml);
        nc_article_free(a);
    }
}

/* What the writer must add to be valid reads back as nothing. */
static void test_generated(void)
{
    nc_article *a = nc_article_new();
    nc_buf xml = NC_BUF_INIT;
    nc_error err;
    nc_node *p;
    char *m;
    nc_error_clear(&err);
    nc_article_sets(a, NC_F_HEADLINE, "Undated");
    p = nc_node_append(a->body, nc_node_new(a, NC_BLOCK_PARAGRAPH, 0, 0));
    nc_node_append(p, nc_node_new_text(a, "Text.", 5, 0, 0));
    OK(nc_write_article(fmt("newsml"), a, NULL, &xml, &err) == 0, "newsml writes");
    HAS(xml.ptr, "guid=\"urn:newsconv:");
    HAS(xml.ptr, "<provider nc:generated=\"true\">");
    HAS(xml.ptr, "<versionCreated nc:generated=\"true\">1970-01-01T00:00:00Z</versionCreated>");
    m = read_model("newsml", xml.ptr);
    STR_EQ(m, "article\n  headline \"Undated\"\nbody\n  paragraph\n    text \"Text.\"\n",
           "generated");
    free(m);
    nc_buf_release(&xml);
    nc_article_free(a);
}

static void test_warnings(void)
{
    nc_article *a = nc_article_new();
    nc_buf xml = NC_BUF_INIT;
    nc_error err;
    nc_opts o;
    memset(&o, 0, sizeof o);
    o.strict = 1;
    nc_error_clear(&err);
    nc_article_sets(a, NC_F_HEADLINE, "H");
    nc_article_sets(a, NC_F_VERSION, "draft");
    OK(nc_write_article(fmt("newsml"), a, &o, &xml, &err) < 0, "--strict fails on a loss");
    INT_EQ(err.code, NC_ERR_LOSSY, "err.code");
    INT_EQ(xml.size, 0, "xml.size");
    nc_buf_release(&xml);
    nc_article_free(a);
}

static void test_errors(void)
{
    char *m;
    m = read_model("newsml",
                   "<newsItem " G2 ">\n  <itemMeta>\n<headline>x</itemMeta>\n</newsItem>");
    STR_EQ(m, "ERROR 4 3:23 malformed XML: Opening and ending tag mismatch: headline line 3 and "
              "itemMeta", "malformed");
    free(m);
    m = read_model("newsml", "<conceptItem " G2 " guid='c'><itemMeta><itemClass "
                             "qcode='cinat:concept'/></itemMeta></conceptItem>");
    STR_EQ(m, "ERROR 5 1:0 not a text article: a conceptItem (cinat:concept)", "concept");
    free(m);
    m = read_model("newsml", "<rss/>");
    STR_EQ(m, "ERROR 4 1:0 not NewsML or NITF: the root element is <rss>", "rss");
    free(m);
    m = convert("newsml", "model", "<newsItem " G2 " guid='x'/>");
    HAS(m, "id \"x\"");
    free(m);
}

static void test_nitf(void)
{
    char *m = read_model("nitf",
                         "<nitf><head><title>T</title><docdata management-status='usable'>"
                         "<doc-id id-string='D1'/><urgency ed-urg='2'/>"
                         "<date.issue norm='20131020T192751+1100'/>"
                         "<date.release norm='20131020T192751+1100'/>"
                         "<key-list><keyword key='k1'/></key-list></docdata></head>"
                         "<body><body.head><hedline><hl1>H</hl1><hl2>S</hl2></hedline>"
                         "<byline>By <person>Ann</person></byline><dateline>SYDNEY "
                         "<story.date norm='2013-10-20'>Oct 20</story.date></dateline>"
                         "<abstract><p>A</p></abstract></body.head><body.content>"
                         "<media media-type='image'><media-reference source='p.jpg' "
                         "alternate-text='alt'/><media-caption>Cap</media-caption>"
                         "<media-producer>Photo X</media-producer></media>"
                         "<p>x <a class='image' href='i.png'>I</a></p></body.content>"
                         "<body.end><tagline>-- AAP</tagline></body.end></body></nitf>");
    HAS(m, "id \"D1\"");
    HAS(m, "headline \"H\"\n  subheadline \"S\"\n  summary \"A\"\n  byline \"By Ann\"");
    HAS(m, "dateline \"SYDNEY Oct 20\""); /* the story.date prints the date */
    HAS(m, "created 2013-10-20\n  published 2013-10-20T19:27:51+11:00\n");
    LACKS(m, "embargo"); /* released when issued */
    HAS(m, "urgency 2\n  author name=\"Ann\"\n");
    HAS(m, "  figure href=\"p.jpg\" alt=\"alt\" credit=\"Photo X\"\n    text \"Cap\"\n");
    HAS(m, "    image href=\"i.png\" alt=\"I\"\n");
    HAS(m, "  paragraph\n    text \"-- AAP\"\n");
    free(m);
}

int main(void)
{
    test_sniff();
    test_namespaces();
    test_dates();
    test_precision();
    test_generated();
    test_warnings();
    test_errors();
    test_nitf();
    return harness_done();
}
