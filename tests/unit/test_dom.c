/* Unit tests: HTML/XHTML -> body (formats/common/dom.c) and body -> canonical XHTML
 * (src/model/xhtml.c). */
#include "harness.h"
#include "common/dom.h"
#include "model/model.h"
#include "common/xmlguard.h"

#include <stdlib.h>

static char *body_model(const char *html, const char *base)
{
    nc_article *a = nc_article_new();
    nc_buf out = NC_BUF_INIT;
    nc_error err;
    const nc_format *model = nc_format_find("model");
    char *s;
    nc_error_clear(&err);
    if (ncp_dom_html_to_body(a, html, strlen(html), NULL, base, a->body, &err) < 0)
        return NULL;
    model->write(a, &out, NULL, &err);
    nc_article_free(a);
    s = strstr(out.ptr, "body\n");
    s = strdup(s ? s + 5 : out.ptr);
    nc_buf_release(&out);
    return s;
}

static char *to_xhtml(const char *html)
{
    nc_article *a = nc_article_new();
    nc_buf out = NC_BUF_INIT;
    nc_error err;
    char *s;
    nc_error_clear(&err);
    ncp_dom_html_to_body(a, html, strlen(html), NULL, NULL, a->body, &err);
    ncp_body_to_xhtml(a->body, &out, -1);
    nc_article_free(a);
    s = strdup(out.ptr);
    nc_buf_release(&out);
    return s;
}

#define MODEL_EQ(html, want)                                                               \
    do {                                                                                   \
        char *m_ = body_model(html, "https://example.org/news/a.html");                    \
        STR_EQ(m_, want, html);                                                                  \
        free(m_);                                                                          \
    } while (0)

/* canonical XHTML reads back to itself */
#define XHTML_FIXED(xhtml)                                                                 \
    do {                                                                                   \
        char *x_ = to_xhtml(xhtml);                                                        \
        STR_EQ(x_, xhtml, "canonical XHTML reads back to itself");                                                                 \
        free(x_);                                                                          \
    } while (0)

int main(void)
{
    /* the words messages use for node types follow the enum, to its last type */
    STR_EQ(ncp_node_type_words(NC_BLOCK_ORDERED_LIST), "numbered list", "words: ordered list");
    STR_EQ(ncp_node_type_words(NC_BLOCK_EMBED), "embed", "words: embed");
    STR_EQ(ncp_node_type_words(NC_BLOCK_DEF_TERM), "defined term", "words: definition term");
    STR_EQ(ncp_node_type_words(NC_INLINE_TEXT), "text", "words: text");
    STR_EQ(ncp_node_type_words(NC_INLINE_STRIKE), "struck-out text", "words: last type");
    MODEL_EQ("<p>Hello  <b>bold</b>\n <i>it</i> <a href='/x'>link</a></p>",
             "  paragraph\n    text \"Hello \"\n    strong\n      text \"bold\"\n"
             "    text \" \"\n    emph\n      text \"it\"\n    text \" \"\n"
             "    link href=\"https://example.org/x\"\n      text \"link\"\n");
    MODEL_EQ("<div>stray <span>text</span><p>para</p></div>",
             "  paragraph\n    text \"stray text\"\n  paragraph\n    text \"para\"\n");
    MODEL_EQ("<ul><li>one</li><li>two</li></ul>",
             "  bullet_list tight\n    list_item\n      paragraph\n        text \"one\"\n"
             "    list_item\n      paragraph\n        text \"two\"\n");
    MODEL_EQ("<ol start='3'><li><p>a</p></li></ol>",
             "  ordered_list start=3\n    list_item\n      paragraph\n        text \"a\"\n");
    MODEL_EQ("<figure><img data-src='p.jpg' src='data:x' alt='A'><figcaption>Cap "
             "<span class='credit'>Photo: X</span></figcaption></figure>",
             "  figure href=\"https://example.org/news/p.jpg\" alt=\"A\" credit=\"Photo: X\"\n"
             "    text \"Cap\"\n");
    MODEL_EQ("<script>var x;</script><p hidden>h</p><p style='display: none'>n</p><p>v</p>",
             "  paragraph\n    text \"v\"\n");
    MODEL_EQ("<table><thead><tr><th>H</th></tr></thead><tbody><tr><td>c <b>d</b></td></tr></tbody></table>",
             "  table\n    table_row header\n      table_cell header\n        text \"H\"\n"
             "    table_row\n      table_cell\n        text \"c \"\n        strong\n"
             "          text \"d\"\n");
    /* issue 14: the body's tables, corrections, definition lists, empty elements */
    MODEL_EQ("<table><caption>Cap</caption><tfoot><tr><td>F</td></tr></tfoot><tbody><tr>"
             "<td colspan='2' rowspan='3' style='text-align:right'>a</td><td align=Center>"
             "</td></tr></tbody></table>",
             "  table\n    table_caption\n      text \"Cap\"\n    table_row footer\n"
             "      table_cell\n        text \"F\"\n    table_row\n"
             "      table_cell colspan=2 rowspan=3 align=\"right\"\n        text \"a\"\n"
             "      table_cell align=\"center\"\n");
    MODEL_EQ("<p>was <del>12</del> <ins>14</ins> <s>x</s><em> </em><del></del></p><p> </p>",
             "  paragraph\n    text \"was \"\n    del\n      text \"12\"\n    text \" \"\n"
             "    ins\n      text \"14\"\n    text \" \"\n    strike\n      text \"x\"\n");
    MODEL_EQ("<dl>lead<dt>T</dt><dd>D</dd><dd></dd></dl>",
             "  def_list\n    def_data\n      paragraph\n        text \"lead\"\n"
             "    def_term\n      text \"T\"\n    def_data\n      paragraph\n"
             "        text \"D\"\n    def_data\n");
    XHTML_FIXED("<table><caption>C</caption><thead><tr><th colspan=\"2\" align=\"left\">H</th>"
                "</tr></thead><tbody><tr><td>a</td><td>b</td></tr></tbody><tfoot><tr><td>f</td>"
                "<td>g</td></tr></tfoot></table><dl><dt>t</dt><dd><p>d</p></dd></dl>"
                "<p><del>a</del><ins>b</ins><s>c</s></p>");
    MODEL_EQ("<pre><code class='language-c'>int x;\n  y</code></pre>",
             "  code_block info=\"c\" \"int x;\\n  y\"\n");
    MODEL_EQ("<p>a<br> b</p><hr><blockquote><p>q</p></blockquote>",
             "  paragraph\n    text \"a\"\n    linebreak\n    text \"b\"\n  thematic_break\n"
             "  blockquote\n    paragraph\n      text \"q\"\n");
    MODEL_EQ("<iframe src='https://www.youtube.com/embed/x'></iframe>",
             "  embed url=\"https://www.youtube.com/embed/x\"\n");
    MODEL_EQ("<p>x<sup>2</sup> H<sub>2</sub>O <code>c</code></p>",
             "  paragraph\n    text \"x\"\n    sup\n      text \"2\"\n    text \" H\"\n"
             "    sub\n      text \"2\"\n    text \"O \"\n    code \"c\"\n");
    /* the space after an inline element that only passes text through */
    MODEL_EQ("<p>a <span>(b)</span> - c</p>", "  paragraph\n    text \"a (b) - c\"\n");
    /* a space before <br> that was a text node of its own leaves nothing */
    MODEL_EQ("<p><i>x</i> <br>y</p>",
             "  paragraph\n    emph\n      text \"x\"\n    linebreak\n    text \"y\"\n");
    /* stray text before a block loses its trailing space like any block's text */
    MODEL_EQ("<div> a  b <hr>c</div>",
             "  paragraph\n    text \"a b\"\n  thematic_break\n  paragraph\n    text \"c\"\n");

    /* lazy images: a lazy attribute wins over a placeholder src; the widest srcset
     * candidate; a <picture>'s <source> */
    MODEL_EQ("<p><img src='/img/placeholder.gif' data-src='big.jpg' alt='B'></p>",
             "  paragraph\n    image href=\"https://example.org/news/big.jpg\" alt=\"B\"\n");
    MODEL_EQ("<p><img src='data:image/gif;base64,R0l=' srcset='s.jpg 320w, l.jpg 1200w, m.jpg 800w'></p>",
             "  paragraph\n    image href=\"https://example.org/news/l.jpg\"\n");
    MODEL_EQ("<p><img srcset='a.jpg, b.jpg 2x'></p>",
             "  paragraph\n    image href=\"https://example.org/news/b.jpg\"\n");
    MODEL_EQ("<figure><picture><source srcset='p-1x.webp 1x, p-2x.webp 2x'><img src='blank.gif'></picture></figure>",
             "  figure href=\"https://example.org/news/p-2x.webp\"\n");
    MODEL_EQ("<p><img src='real.jpg' srcset='a.jpg 2x'></p>",
             "  paragraph\n    image href=\"https://example.org/news/real.jpg\"\n");
    /* an embedded social post is an embed of its address, then the quoted post */
    MODEL_EQ("<blockquote class='twitter-tweet'><p>Hello</p>&mdash; X (@x) "
             "<a href='https://twitter.com/x/status/1'>May 4, 2023</a></blockquote>",
             "  embed url=\"https://twitter.com/x/status/1\"\n  blockquote\n    paragraph\n"
             "      text \"Hello\"\n    paragraph\n      text \"\u2014 X (@x) \"\n"
             "      link href=\"https://twitter.com/x/status/1\"\n        text \"May 4, 2023\"\n");
    MODEL_EQ("<blockquote class='instagram-media' data-instgrm-permalink='https://www.instagram.com/p/abc/'>"
             "<a href='https://www.instagram.com/p/abc/'>A post</a></blockquote>",
             "  embed url=\"https://www.instagram.com/p/abc/\"\n  blockquote\n    paragraph\n"
             "      link href=\"https://www.instagram.com/p/abc/\"\n        text \"A post\"\n");
    /* a figure of two pictures: a figure each, the caption on the last; NITF's
     * media-references are renditions of one picture */
    MODEL_EQ("<figure><img src='a.jpg' alt='A'><img src='b.jpg'><figcaption>Both</figcaption></figure>",
             "  figure href=\"https://example.org/news/a.jpg\" alt=\"A\"\n"
             "  figure href=\"https://example.org/news/b.jpg\"\n    text \"Both\"\n");
    MODEL_EQ("<figure><img src='a.jpg'><img src='a.jpg'></figure>",
             "  figure href=\"https://example.org/news/a.jpg\"\n");
    /* a figure without a picture is a box of blocks: a table's figcaption is its caption,
     * another's a paragraph; a figure of only a caption stays a figure */
    MODEL_EQ("<figure><table><tr><td>c</td></tr></table><figcaption>T</figcaption></figure>",
             "  table\n    table_caption\n      text \"T\"\n    table_row\n      table_cell\n"
             "        text \"c\"\n");
    MODEL_EQ("<figure><blockquote><p>Q</p></blockquote><figcaption>A</figcaption></figure>",
             "  blockquote\n    paragraph\n      text \"Q\"\n  paragraph\n    text \"A\"\n");
    MODEL_EQ("<figure><figcaption>C <span class='credit'>AP</span></figcaption></figure>",
             "  figure credit=\"AP\"\n    text \"C\"\n");
    /* text of a figure outside its figcaption is caption; a player's caption follows it */
    MODEL_EQ("<figure><div><img src='a.jpg'></div><p>In a p</p><figcaption>and here</figcaption></figure>",
             "  figure href=\"https://example.org/news/a.jpg\"\n    text \"In a p and here\"\n");
    MODEL_EQ("<figure><video src='v.mp4'></video><figcaption>Cap</figcaption></figure>",
             "  embed url=\"https://example.org/news/v.mp4\"\n  paragraph\n    text \"Cap\"\n");
    /* MathML: its text, not its TeX annotation */
    MODEL_EQ("<p>n <math><semantics><mi>x</mi><annotation encoding='application/x-tex'>x</annotation>"
             "</semantics></math> m</p>",
             "  paragraph\n    text \"n x m\"\n");
    /* a caption right after its figure belongs to it */
    MODEL_EQ("<figure><img src='f.jpg'></figure><figcaption> Caption <span class='credit'>AP</span> </figcaption>",
             "  figure href=\"https://example.org/news/f.jpg\" credit=\"AP\"\n    text \"Caption\"\n");
    /* inline wrappers holding blocks at any depth act as divs */
    MODEL_EQ("<span><span><div><p>one</p></div></span></span><p>two</p>",
             "  paragraph\n    text \"one\"\n  paragraph\n    text \"two\"\n");
    /* no empty text before a break; an implicit paragraph loses its trailing space */
    MODEL_EQ("<div>a <br>b <p>c</p></div>",
             "  paragraph\n    text \"a\"\n    linebreak\n    text \"b\"\n  paragraph\n    text \"c\"\n");
    MODEL_EQ("<div><a href='x'>l</a> <br>t</div>",
             "  paragraph\n    link href=\"https://example.org/news/x\"\n      text \"l\"\n    linebreak\n"
             "    text \"t\"\n");

    XHTML_FIXED("<p>Hello <strong>bold</strong> <em>it</em> "
                "<a href=\"https://x.org/\" title=\"T\">link</a> &amp; &lt;tag&gt;</p>"
                "<h2>Head</h2><blockquote><p>q</p></blockquote>"
                "<ul><li>one</li><li>two<ol start=\"2\"><li>x</li></ol></li></ul>"
                "<ol><li><p>loose</p></li></ol>"
                "<figure><img src=\"p.jpg\" alt=\"A\"/><figcaption>Cap <span class=\"credit\">"
                "Photo</span></figcaption></figure>"
                "<figure><figcaption><span class=\"credit\">Only credit</span></figcaption></figure>"
                "<pre><code class=\"language-c\">int x;\n</code></pre><hr/>"
                "<table><thead><tr><th>H</th></tr></thead><tbody><tr><td>c</td></tr></tbody></table>"
                "<figure class=\"embed\"><a href=\"https://t.co/x\">https://t.co/x</a></figure>"
                "<p>a<br/>b <img src=\"i.png\" alt=\"\"/> <sup>1</sup><sub>2</sub> <code>k</code></p>");

    /* the attribute limit: counts names, not values (quoted values may hold spaces, '>'
     * and '='), and refuses at the element that is over, with its position */
    {
        nc_buf b = NC_BUF_INIT;
        int line = 0, col = 0;
        size_t i;
        const char *quoted = "<p a b=\"x > y = z\" c='q r' d=e f>t</p>";
        OK(ncp_markup_attrs_check(quoted, strlen(quoted), 1, &line, &col) == 0,
           "a tag with quoted values passes");
        nc_buf_puts(&b, "<html>\n<body>\n  <p");
        for (i = 0; i < NCP_MAX_ATTRIBUTES; i++)
            nc_buf_printf(&b, " a%zu=\"v w\"", i);
        nc_buf_puts(&b, ">t</p>");
        OK(ncp_markup_attrs_check(b.ptr, b.size, 1, &line, &col) == 0,
           "NCP_MAX_ATTRIBUTES attributes pass");
        nc_buf_puts(&b, "\n <p");
        for (i = 0; i <= NCP_MAX_ATTRIBUTES; i++)
            nc_buf_printf(&b, " b%zu", i);
        nc_buf_puts(&b, ">");
        OK(ncp_markup_attrs_check(b.ptr, b.size, 1, &line, &col) < 0, "one more is refused");
        INT_EQ(line, 4, "line of the element");
        INT_EQ(col, 2, "column of the element");
        nc_buf_release(&b);
    }
    return harness_done();
}
