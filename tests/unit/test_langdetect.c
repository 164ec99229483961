/* Unit tests of formats/common/langdetect: the libcld2 shim and the article helper (the
 * language of an article that declares none, marked detected; --no-detect; a declared
 * language kept). */
#include "harness.h"

#include "common/langdetect.h"
#include "model/model.h"

#include <string.h>

static const char *const EN =
    "The city council approved the new budget on Tuesday after a long debate about "
    "public transport, schools and the renovation of the old harbour district.";
static const char *const RU =
    "Сегодня в Москве прошло заседание правительства, на котором обсуждались вопросы "
    "экономики и бюджета на следующий год, а также развитие общественного транспорта.";

static nc_article *with_body(const char *text)
{
    nc_article *a = nc_article_new();
    nc_node *p = nc_node_new(a, NC_BLOCK_PARAGRAPH, 0, 0);
    nc_node_append(p, nc_node_new_text(a, text, strlen(text), 0, 0));
    nc_node_append(a->body, p);
    return a;
}

int main(void)
{
    char code[16];
    OK(ncp_langdetect_text(EN, strlen(EN), code, sizeof code) == 1, "English detected");
    STR_EQ(code, "en", "English code");
    OK(ncp_langdetect_text(RU, strlen(RU), code, sizeof code) == 1, "Russian detected");
    STR_EQ(code, "ru", "Russian code");
    OK(ncp_langdetect_text("ok", 2, code, sizeof code) == 0, "two letters: not reliable");
    OK(ncp_langdetect_text(RU, strlen(RU), code, 2) == 0, "code longer than the buffer");
    {
        nc_article *a = with_body(RU);
        nc_opts o;
        memset(&o, 0, sizeof o);
        INT_EQ(ncp_article_detect_language(a, &o), 1, "set on an article without language");
        STR_EQ(a->str[NC_F_LANGUAGE], "ru", "article language");
        INT_EQ(a->language_detected, 1, "marked detected");
        nc_article_free(a);
    }
    {
        static const char *const k[] = {"no-detect"}, *const v[] = {"1"};
        nc_article *a = with_body(RU);
        nc_opts o;
        memset(&o, 0, sizeof o);
        o.fmt_keys = k;
        o.fmt_values = v;
        o.n_fmt = 1;
        INT_EQ(ncp_article_detect_language(a, &o), 0, "--no-detect");
        OK(a->str[NC_F_LANGUAGE] == NULL && !a->language_detected, "--no-detect: unset");
        nc_article_free(a);
    }
    {
        nc_article *a = with_body(RU);
        nc_opts o;
        memset(&o, 0, sizeof o);
        nc_article_set(a, NC_F_LANGUAGE, "de", 2);
        INT_EQ(ncp_article_detect_language(a, &o), 0, "declared language kept");
        STR_EQ(a->str[NC_F_LANGUAGE], "de", "declared language");
        INT_EQ(a->language_detected, 0, "not marked");
        nc_article_free(a);
    }
    return harness_done();
}
