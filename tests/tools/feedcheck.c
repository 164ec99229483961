/* feedcheck: checks RSS 2.0 and JSON Feed 1.1 documents against the rules of their
 * specifications (tests/feeds-write.sh runs it on every such feed newsconv writes).
 *
 * Usage: feedcheck [--newest-first] rss|jsonfeed FILE...
 * Prints "FILE: ok" or one line per broken rule ("FILE: item 3: guid 'x' is repeated")
 * and exits 1 when any rule is broken, 2 on a usage error.
 *
 * RSS 2.0 (rssboard.org/rss-specification): the root is <rss version="2.0"> holding one
 * <channel>; the channel has a title, a link and a description, once each; link, docs,
 * item links, enclosure and Media RSS urls are absolute URLs; pubDate and lastBuildDate
 * are RFC 822 dates (the day of the week, when given, is the date's); ttl is a number;
 * every item has a title or a description; a guid that is a permalink (isPermaLink
 * absent or "true") is an absolute URL; guids are unique; an enclosure has url, length
 * (a number) and type; the content, dc and media prefixes are bound to their namespaces.
 * JSON Feed 1.1 (jsonfeed.org/version/1.1): an object with version (the 1.1 or 1 URL),
 * title (string) and items (array); the feed's urls are absolute; authors are objects
 * with a name, url or avatar; every item is an object with an id (string, unique) and
 * content_html or content_text (strings); url, external_url, image, banner_image are
 * absolute URLs; date_published and date_modified are RFC 3339 date-times; tags is an
 * array of strings; attachments are objects with url and mime_type; string members are
 * strings, numbers numbers.
 * --newest-first: items are ordered by date (pubDate, else dcterms:modified; date_published, else
 * date_modified), newest first, undated ones last. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_MEDIA "http://search.yahoo.com/mrss/"

static const char *file;
static int errors;

static void bad(const char *fmt, ...)
{
    va_list ap;
    fprintf(stdout, "%s: ", file);
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
    fputc('\n', stdout);
    errors++;
}

/* An absolute URL: a scheme, ':', no white space. */
static int absolute_url(const char *s)
{
    const char *p = s;
    if (!s || !isalpha((unsigned char)*p))
        return 0;
    while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
    if (*p != ':' || !p[1])
        return 0;
    for (; *p; p++)
        if (isspace((unsigned char)*p))
            return 0;
    return 1;
}

static long long days_from_civil(long long y, int m, int d)
{
    long long era, yoe, doy;
    y -= m <= 2;
    era = y / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy;
}

static int days_in(int y, int m)
{
    static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : n[m - 1];
}

static int digits(const char *s, int n, int *v)
{
    int i;
    *v = 0;
    for (i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return 0;
        *v = *v * 10 + (s[i] - '0');
    }
    return 1;
}

/* RFC 822 section 5 (four-digit years as RFC 1123 has them, seconds optional): 0 when
 * bad; else 1 and *key the UTC seconds (for the order). */
static int rfc822(const char *s, long long *key)
{
    static const char *const wd[] = {"Wed", "Thu", "Fri", "Sat", "Sun", "Mon", "Tue"};
    static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static const struct { const char *n; int off; } zones[] = {
        {"UT", 0}, {"GMT", 0}, {"Z", 0}, {"EST", -300}, {"EDT", -240}, {"CST", -360},
        {"CDT", -300}, {"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420}};
    int day, m = -1, y, hh, mm, ss = 0, k, want_wd = -1, off = 0, z;
    const char *p = s;
    size_t i;
    long long days;
    if (isalpha((unsigned char)p[0])) {
        for (k = 0; k < 7; k++)
            if (!strncmp(p, wd[k], 3))
                want_wd = k;
        if (want_wd < 0 || p[3] != ',' || p[4] != ' ')
            return 0;
        p += 5;
    }
    if (!digits(p, 2, &day) && !digits(p, 1, &day))
        return 0;
    p += isdigit((unsigned char)p[1]) ? 2 : 1;
    if (*p++ != ' ')
        return 0;
    for (k = 0; k < 12; k++)
        if (!strncmp(p, mon[k], 3))
            m = k + 1;
    if (m < 0 || p[3] != ' ')
        return 0;
    p += 4;
    if (!digits(p, 4, &y) || p[4] != ' ')
        return 0;
    p += 5;
    if (!digits(p, 2, &hh) || p[2] != ':' || !digits(p + 3, 2, &mm))
        return 0;
    p += 5;
    if (*p == ':') {
        if (!digits(p + 1, 2, &ss))
            return 0;
        p += 3;
    }
    if (*p++ != ' ')
        return 0;
    if ((*p == '+' || *p == '-') && digits(p + 1, 4, &z) && !p[5]) {
        off = (z / 100 * 60 + z % 100) * (*p == '-' ? -1 : 1);
    } else {
        for (i = 0; i < sizeof zones / sizeof *zones; i++)
            if (!strcmp(p, zones[i].n))
                break;
        if (i == sizeof zones / sizeof *zones)
            return 0;
        off = zones[i].off;
    }
    if (day < 1 || day > days_in(y, m) || hh > 23 || mm > 59 || ss > 60)
        return 0;
    days = days_from_civil(y, m, day);
    if (want_wd >= 0 && ((days % 7) + 7) % 7 != want_wd)
        return 0;
    *key = days * 86400 + hh * 3600 + mm * 60 + ss - off * 60LL;
    return 1;
}

/* RFC 3339 section 5.6 date-time: 0 when bad; else 1 and *key. */
static int rfc3339(const char *s, long long *key)
{
    int y, m, d, hh, mm, ss, zh, zm, sign = 0;
    const char *p = s + 19;
    if (strlen(s) < 20 || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) ||
        s[7] != '-' || !digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != 't') ||
        !digits(s + 11, 2, &hh) || s[13] != ':' || !digits(s + 14, 2, &mm) || s[16] != ':' ||
        !digits(s + 17, 2, &ss))
        return 0;
    if (m < 1 || m > 12 || d < 1 || d > days_in(y, m) || hh > 23 || mm > 59 || ss > 60)
        return 0;
    if (*p == '.') {
        if (!isdigit((unsigned char)p[1]))
            return 0;
        for (p++; isdigit((unsigned char)*p); p++)
            ;
    }
    if ((*p == 'Z' || *p == 'z') && !p[1]) {
        zh = zm = 0;
    } else if ((*p == '+' || *p == '-') && digits(p + 1, 2, &zh) && p[3] == ':' &&
               digits(p + 4, 2, &zm) && !p[6] && zh < 24 && zm < 60) {
        sign = *p == '-' ? -1 : 1;
    } else {
        return 0;
    }
    *key = days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss -
           sign * (zh * 60 + zm) * 60LL;
    return 1;
}

/* ---- the order and the unique ids ---- */

typedef struct seen {
    char **v;
    size_t n, cap;
} seen;

static int seen_add(seen *s, const char *v)
{
    size_t i;
    for (i = 0; i < s->n; i++)
        if (!strcmp(s->v[i], v))
            return 1;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (!s->v)
            exit(3);
    }
    s->v[s->n++] = strdup(v);
    return 0;
}

static void seen_free(seen *s)
{
    size_t i;
    for (i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
}

/* Newest first, undated last: *last is the previous key (-1: an undated one came). */
static void order(int check, long n, int dated, long long key, long long *last, int *first)
{
    if (!check)
        return;
    if (!*first && *last == -1 && dated)
        bad("item %ld: dated after an undated item (not newest first)", n);
    else if (!*first && dated && *last != -1 && key > *last)
        bad("item %ld: newer than the item before it (not newest first)", n);
    *first = 0;
    *last = dated ? key : -1;
}

/* ---- RSS 2.0 ---- */

static int is(const xmlNode *n, const char *name, const char *ns)
{
    if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name))
        return 0;
    if (!ns)
        return !n->ns;
    return n->ns && !strcmp((const char *)n->ns->href, ns);
}

static char *text_of(const xmlNode *n) { return (char *)xmlNodeGetContent(n); }

static int count_children(const xmlNode *p, const char *name, const char *ns)
{
    int c = 0;
    const xmlNode *k;
    for (k = p->children; k; k = k->next)
        c += is(k, name, ns);
    return c;
}

/* A prefix bound to another namespace than its module's. */
static void check_prefixes(const xmlNode *n)
{
    static const char *const pre[][2] = {{"content", NS_CONTENT}, {"dc", NS_DC},
                                         {"media", NS_MEDIA}};
    size_t i;
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (n->ns && n->ns->prefix)
            for (i = 0; i < 3; i++)
                if (!strcmp((const char *)n->ns->prefix, pre[i][0]) &&
                    strcmp((const char *)n->ns->href, pre[i][1]))
                    bad("<%s:%s>: the prefix '%s' is bound to %s, not %s", pre[i][0],
                        (const char *)n->name, pre[i][0], (const char *)n->ns->href,
                        pre[i][1]);
        check_prefixes(n->children);
    }
}

static void url_attr(const xmlNode *n, const char *what, long item, int required)
{
    xmlChar *u = xmlGetProp(n, (const xmlChar *)"url");
    if (!u) {
        if (required)
            bad("item %ld: %s without a url", item, what);
        return;
    }
    if (!absolute_url((const char *)u))
        bad("item %ld: %s url '%s' is not an absolute URL", item, what, (const char *)u);
    xmlFree(u);
}

static void check_media(const xmlNode *p, long item)
{
    const xmlNode *k;
    for (k = p->children; k; k = k->next) {
        if (is(k, "content", NS_MEDIA)) {
            xmlChar *medium = xmlGetProp(k, (const xmlChar *)"medium");
            url_attr(k, "media:content", item, 0);
            if (medium && strcmp((char *)medium, "image") && strcmp((char *)medium, "audio") &&
                strcmp((char *)medium, "video") && strcmp((char *)medium, "document") &&
                strcmp((char *)medium, "executable"))
                bad("item %ld: media:content medium '%s' is none of Media RSS's", item,
                    (char *)medium);
            xmlFree(medium);
            check_media(k, item);
        } else if (is(k, "thumbnail", NS_MEDIA)) {
            url_attr(k, "media:thumbnail", item, 1);
        } else if (is(k, "group", NS_MEDIA)) {
            check_media(k, item);
        }
    }
}

static void check_rss(xmlDoc *doc, int newest_first)
{
    xmlNode *root = xmlDocGetRootElement(doc), *ch = NULL, *k, *it;
    xmlChar *v;
    seen guids = {0};
    long n = 0;
    long long last = 0, key;
    int first = 1;
    static const char *const need[] = {"title", "link", "description"};
    size_t i;
    if (!root || !is(root, "rss", NULL)) {
        bad("the root element is not <rss>");
        return;
    }
    v = xmlGetProp(root, (const xmlChar *)"version");
    if (!v || strcmp((char *)v, "2.0"))
        bad("<rss version> is '%s', not '2.0'", v ? (char *)v : "(none)");
    xmlFree(v);
    if (count_children(root, "channel", NULL) != 1) {
        bad("<rss> holds %d channels, not one", count_children(root, "channel", NULL));
        return;
    }
    for (k = root->children; k; k = k->next)
        if (is(k, "channel", NULL))
            ch = k;
    check_prefixes(root);
    for (i = 0; i < 3; i++)
        if (count_children(ch, need[i], NULL) != 1)
            bad("the channel has %d <%s>, not one", count_children(ch, need[i], NULL), need[i]);
    for (k = ch->children; k; k = k->next) {
        char *t;
        if (k->type != XML_ELEMENT_NODE || k->ns)
            continue;
        t = text_of(k);
        if (is(k, "title", NULL) && (!t || !*t))
            bad("the channel's title is empty");
        if ((is(k, "link", NULL) || is(k, "docs", NULL)) && !absolute_url(t))
            bad("the channel's %s '%s' is not an absolute URL", (const char *)k->name, t);
        if ((is(k, "pubDate", NULL) || is(k, "lastBuildDate", NULL)) && !rfc822(t, &key))
            bad("the channel's %s '%s' is no RFC 822 date", (const char *)k->name, t);
        if (is(k, "ttl", NULL) && (!*t || strspn(t, "0123456789") != strlen(t)))
            bad("the channel's ttl '%s' is no number", t);
        xmlFree(t);
    }
    for (it = ch->children; it; it = it->next) {
        int dated = 0;
        key = 0;
        if (!is(it, "item", NULL))
            continue;
        n++;
        if (!count_children(it, "title", NULL) && !count_children(it, "description", NULL))
            bad("item %ld: neither a title nor a description", n);
        for (k = it->children; k; k = k->next) {
            char *t;
            if (k->type != XML_ELEMENT_NODE || k->ns)
                continue;
            t = text_of(k);
            if ((is(k, "link", NULL) || is(k, "comments", NULL)) && !absolute_url(t))
                bad("item %ld: %s '%s' is not an absolute URL", n, (const char *)k->name, t);
            if (is(k, "pubDate", NULL)) {
                if (!rfc822(t, &key))
                    bad("item %ld: pubDate '%s' is no RFC 822 date", n, t);
                else
                    dated = 1;
            }
            if (is(k, "guid", NULL)) {
                xmlChar *perma = xmlGetProp(k, (const xmlChar *)"isPermaLink");
                if (perma && strcmp((char *)perma, "true") && strcmp((char *)perma, "false"))
                    bad("item %ld: isPermaLink is '%s'", n, (char *)perma);
                if ((!perma || !strcmp((char *)perma, "true")) && !absolute_url(t))
                    bad("item %ld: the permalink guid '%s' is not an absolute URL", n, t);
                if (!*t)
                    bad("item %ld: an empty guid", n);
                else if (seen_add(&guids, t))
                    bad("item %ld: guid '%s' is repeated", n, t);
                xmlFree(perma);
            }
            if (is(k, "enclosure", NULL)) {
                xmlChar *len = xmlGetProp(k, (const xmlChar *)"length"),
                        *type = xmlGetProp(k, (const xmlChar *)"type");
                url_attr(k, "enclosure", n, 1);
                if (!len || !*len || strspn((char *)len, "0123456789") != strlen((char *)len))
                    bad("item %ld: enclosure length is no number", n);
                if (!type || !strchr((char *)type, '/'))
                    bad("item %ld: enclosure type is no MIME type", n);
                xmlFree(len);
                xmlFree(type);
            }
            if (is(k, "category", NULL) && (!t || !*t))
                bad("item %ld: an empty category", n);
            xmlFree(t);
        }
        /* an item without pubDate is ordered by its dcterms:modified (RFC 3339) */
        for (k = it->children; k && !dated; k = k->next)
            if (k->type == XML_ELEMENT_NODE && k->ns && k->ns->href &&
                !strcmp((const char *)k->ns->href, "http://purl.org/dc/terms/") &&
                !strcmp((const char *)k->name, "modified")) {
                char *t = text_of(k);
                if (!rfc3339(t, &key))
                    bad("item %ld: dcterms:modified '%s' is no RFC 3339 date", n, t);
                else
                    dated = 1;
                xmlFree(t);
            }
        check_media(it, n);
        order(newest_first, n, dated, key, &last, &first);
    }
    seen_free(&guids);
}

/* ---- JSON Feed 1.1 ---- */

static void want_string(json_t *o, const char *key, const char *where, int url, int required)
{
    json_t *v = json_object_get(o, key);
    if (!v) {
        if (required)
            bad("%s: no %s", where, key);
        return;
    }
    if (!json_is_string(v))
        bad("%s: %s is not a string", where, key);
    else if (url && !absolute_url(json_string_value(v)))
        bad("%s: %s '%s' is not an absolute URL", where, key, json_string_value(v));
}

static void check_authors(json_t *o, const char *where)
{
    json_t *a = json_object_get(o, "authors"), *au;
    size_t i;
    if (!a)
        return;
    if (!json_is_array(a)) {
        bad("%s: authors is not an array", where);
        return;
    }
    json_array_foreach(a, i, au) {
        if (!json_is_object(au)) {
            bad("%s: author %zu is not an object", where, i + 1);
            continue;
        }
        if (!json_object_get(au, "name") && !json_object_get(au, "url") &&
            !json_object_get(au, "avatar"))
            bad("%s: author %zu has no name, url or avatar", where, i + 1);
        want_string(au, "name", where, 0, 0);
        want_string(au, "url", where, 1, 0);
        want_string(au, "avatar", where, 1, 0);
    }
}

static void check_jsonfeed(json_t *f, int newest_first)
{
    json_t *items, *it, *v;
    const char *ver;
    seen ids = {0};
    size_t i;
    long long last = 0, key;
    int first = 1;
    if (!json_is_object(f)) {
        bad("the document is not a JSON object");
        return;
    }
    v = json_object_get(f, "version");
    ver = json_is_string(v) ? json_string_value(v) : NULL;
    if (!ver || (strcmp(ver, "https://jsonfeed.org/version/1.1") &&
                 strcmp(ver, "https://jsonfeed.org/version/1")))
        bad("version is not the URL of JSON Feed 1.1 or 1");
    want_string(f, "title", "the feed", 0, 1);
    want_string(f, "home_page_url", "the feed", 1, 0);
    want_string(f, "feed_url", "the feed", 1, 0);
    want_string(f, "next_url", "the feed", 1, 0);
    want_string(f, "icon", "the feed", 1, 0);
    want_string(f, "favicon", "the feed", 1, 0);
    want_string(f, "description", "the feed", 0, 0);
    want_string(f, "user_comment", "the feed", 0, 0);
    want_string(f, "language", "the feed", 0, 0);
    if ((v = json_object_get(f, "expired")) && !json_is_boolean(v))
        bad("the feed: expired is not a boolean");
    check_authors(f, "the feed");
    items = json_object_get(f, "items");
    if (!json_is_array(items)) {
        bad("items is %s", items ? "not an array" : "missing");
        return;
    }
    json_array_foreach(items, i, it) {
        char where[64];
        json_t *tags, *atts, *x;
        size_t k;
        long long mod;
        int dated = 0;
        snprintf(where, sizeof where, "item %zu", i + 1);
        key = 0;
        if (!json_is_object(it)) {
            bad("%s is not an object", where);
            continue;
        }
        v = json_object_get(it, "id");
        if (!json_is_string(v))
            bad("%s: id is %s", where, v ? "not a string" : "missing");
        else if (seen_add(&ids, json_string_value(v)))
            bad("%s: id '%s' is repeated", where, json_string_value(v));
        if (!json_object_get(it, "content_html") && !json_object_get(it, "content_text"))
            bad("%s: neither content_html nor content_text", where);
        want_string(it, "content_html", where, 0, 0);
        want_string(it, "content_text", where, 0, 0);
        want_string(it, "url", where, 1, 0);
        want_string(it, "external_url", where, 1, 0);
        want_string(it, "title", where, 0, 0);
        want_string(it, "summary", where, 0, 0);
        want_string(it, "image", where, 1, 0);
        want_string(it, "banner_image", where, 1, 0);
        want_string(it, "language", where, 0, 0);
        if ((v = json_object_get(it, "date_published"))) {
            if (!json_is_string(v) || !rfc3339(json_string_value(v), &key))
                bad("%s: date_published is no RFC 3339 date-time", where);
            else
                dated = 1;
        }
        if ((v = json_object_get(it, "date_modified")) &&
            (!json_is_string(v) || !rfc3339(json_string_value(v), &mod)))
            bad("%s: date_modified is no RFC 3339 date-time", where);
        else if (v && !dated) { /* ordered by its modification */
            key = mod;
            dated = 1;
        }
        check_authors(it, where);
        if ((tags = json_object_get(it, "tags"))) {
            if (!json_is_array(tags))
                bad("%s: tags is not an array", where);
            else
                json_array_foreach(tags, k, x) if (!json_is_string(x))
                    bad("%s: tag %zu is not a string", where, k + 1);
        }
        if ((atts = json_object_get(it, "attachments"))) {
            if (!json_is_array(atts))
                bad("%s: attachments is not an array", where);
            else
                json_array_foreach(atts, k, x) {
                    if (!json_is_object(x)) {
                        bad("%s: attachment %zu is not an object", where, k + 1);
                        continue;
                    }
                    want_string(x, "url", where, 1, 1);
                    want_string(x, "mime_type", where, 0, 1);
                    want_string(x, "title", where, 0, 0);
                    if ((v = json_object_get(x, "size_in_bytes")) && !json_is_number(v))
                        bad("%s: size_in_bytes is not a number", where);
                    if ((v = json_object_get(x, "duration_in_seconds")) && !json_is_number(v))
                        bad("%s: duration_in_seconds is not a number", where);
                }
        }
        order(newest_first, (long)i + 1, dated, key, &last, &first);
    }
    seen_free(&ids);
}

int main(int argc, char **argv)
{
    int i = 1, newest_first = 0, rss;
    if (i < argc && !strcmp(argv[i], "--newest-first")) {
        newest_first = 1;
        i++;
    }
    if (argc - i < 2 || (strcmp(argv[i], "rss") && strcmp(argv[i], "jsonfeed"))) {
        fprintf(stderr, "usage: feedcheck [--newest-first] rss|jsonfeed FILE...\n");
        return 2;
    }
    rss = !strcmp(argv[i++], "rss");
    for (; i < argc; i++) {
        int before = errors;
        file = argv[i];
        if (rss) {
            xmlDoc *doc = xmlReadFile(file, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                      XML_PARSE_NOWARNING);
            if (!doc)
                bad("not well-formed XML");
            else
                check_rss(doc, newest_first);
            xmlFreeDoc(doc);
        } else {
            json_error_t je;
            json_t *f = json_load_file(file, JSON_REJECT_DUPLICATES, &je);
            if (!f)
                bad("not JSON: %d:%d: %s", je.line, je.column, je.text);
            else
                check_jsonfeed(f, newest_first);
            json_decref(f);
        }
        if (errors == before)
            printf("%s: ok\n", file);
    }
    xmlCleanupParser();
    return errors ? 1 : 0;
}
