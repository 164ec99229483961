/* newsconv feed writers: a Google News sitemap (docs/feeds-write.md).
 *
 * A sitemaps.org 0.9 urlset with the news 0.9 extension: one <url> per article, newest
 * first, with loc (the url, made absolute against --feed-url), news:publication (name:
 * the publisher, else --feed-title; language: the article's, as Google News spells it),
 * news:publication_date (W3C) and news:title. An article without a url, a title, a
 * publication date, a language or a publication name cannot be listed: it is left out
 * with a warning that names it and what it lacks. */
#include "feedwrite.h"

#include <stdio.h>
#include <string.h>

#define NS_SITEMAP "http://www.sitemaps.org/schemas/sitemap/0.9"
#define NS_NEWS "http://www.google.com/schemas/sitemap-news/0.9"

/* Google News languages: ISO 639 codes of 2 or 3 letters, lower case, and zh-cn / zh-tw
 * for Chinese in simplified and traditional script. "" when lang has none. */
static void news_language(const char *lang, char *out, size_t n)
{
    size_t k = 0;
    out[0] = '\0';
    if (!lang)
        return;
    while (k < 3 && ((lang[k] >= 'a' && lang[k] <= 'z') || (lang[k] >= 'A' && lang[k] <= 'Z')))
        k++;
    if (k < 2 || (lang[k] && lang[k] != '-' && lang[k] != '_'))
        return;
    snprintf(out, n, "%c%c%c", lang[0] | 0x20, lang[1] | 0x20, k == 3 ? lang[2] | 0x20 : '\0');
    if (!strcmp(out, "zh")) {
        const char *r = lang + k;
        if (ncp_startswith_ci(r, "-tw") || ncp_startswith_ci(r, "-hk") ||
            ncp_startswith_ci(r, "-mo") || ncp_startswith_ci(r, "-hant") ||
            ncp_startswith_ci(r, "_tw"))
            snprintf(out, n, "zh-tw");
        else
            snprintf(out, n, "zh-cn");
    }
}

static int sitemap_entry(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    char lang[8], date[NC_TIME_ISO_LEN];
    const char *name = a->str[NC_F_PUBLISHER] ? a->str[NC_F_PUBLISHER]
                                              : ncp_feed_opt(o, "feed-title");
    const char *missing = NULL;
    const nc_time *t = &a->time[NC_T_PUBLISHED];
    nc_buf loc = NC_BUF_INIT;
    (void)err;
    news_language(a->str[NC_F_LANGUAGE], lang, sizeof lang);
    date[0] = '\0';
    if (t->prec < NC_TIME_DAY || (t->prec >= NC_TIME_MINUTE && !t->has_zone))
        ncp_feed_rfc3339(t, date); /* W3C: a full date, a time with its zone */
    else if (t->prec)
        nc_time_format(t, date);
    if (!a->str[NC_F_URL])
        missing = "no url";
    else if (!ncp_feed_abs_url(o, a->str[NC_F_URL], &loc) || loc.size < 12 || loc.size > 2048)
        missing = "no absolute url of 12 to 2048 characters (--feed-url resolves a "
                  "relative one)";
    else if (!a->str[NC_F_HEADLINE])
        missing = "no headline";
    else if (!*date)
        missing = "no publication date";
    else if (!*lang)
        missing = "no language (set one with -M language=...)";
    else if (!name)
        missing = "no publisher (give --feed-title)";
    if (missing) {
        nc_warn(o, 0, 0, "sitemap: left out: %s", missing);
        nc_buf_release(&loc);
        return 0; /* an empty entry */
    }
    ncp_feed_entry_head(out, a, o, date, loc.ptr);
    nc_buf_puts(out, "  <url>\n");
    ncp_feed_el(out, 4, "loc", loc.ptr);
    nc_buf_puts(out, "    <news:news>\n      <news:publication>\n");
    ncp_feed_el(out, 8, "news:name", name);
    ncp_feed_el(out, 8, "news:language", lang);
    nc_buf_puts(out, "      </news:publication>\n");
    ncp_feed_el(out, 6, "news:publication_date", date);
    ncp_feed_el(out, 6, "news:title", a->str[NC_F_HEADLINE]);
    nc_buf_puts(out, "    </news:news>\n  </url>\n");
    if (loc.failed)
        out->failed = 1;
    nc_buf_release(&loc);
    return 0;
}

int ncp_sitemap_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    return ncp_feed_publish(sitemap_entry, "sitemap", a, out, o, err);
}

static void sitemap_head(nc_buf *out, const ncp_feed_chan *c)
{
    (void)c;
    nc_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<urlset xmlns=\"" NS_SITEMAP "\" xmlns:news=\"" NS_NEWS "\">\n");
}

static const ncp_feed_kind sitemap_kind = {
    sitemap_head, "", "</urlset>\n", NULL, "url",
    "sitemap: no article has what a Google News sitemap needs (a url, a headline, a "
    "publication date, a language, a publisher): nothing written (the sitemap schema "
    "does not accept an empty urlset)",
    "sitemap", 1};

void *ncp_sitemap_join_begin(const nc_opts *o, nc_error *err)
{
    return ncp_feed_join_begin(&sitemap_kind, o, err);
}
