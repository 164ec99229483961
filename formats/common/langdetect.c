/* newsconv: language detection for an article that declares none (langdetect.h). */
#include "langdetect.h"

#include "model/model.h"

#include <string.h>

int ncp_article_detect_language(nc_article *a, const nc_opts *o)
{
    nc_buf t = NC_BUF_INIT;
    char code[16];
    int r = 0;
    if (!a || (a->str[NC_F_LANGUAGE] && *a->str[NC_F_LANGUAGE]) || nc_opts_flag(o, "no-detect"))
        return 0;
    if (a->str[NC_F_HEADLINE]) {
        nc_buf_puts(&t, a->str[NC_F_HEADLINE]);
        nc_buf_puts(&t, ".\n");
    }
    nc_node_text(a->body, &t);
    if (t.failed)
        r = -1;
    else if (t.size >= NCP_LANGDETECT_MIN && (r = ncp_langdetect_text(t.ptr, t.size, code, sizeof code)) == 1)
        r = nc_article_set(a, NC_F_LANGUAGE, code, strlen(code)) == 0 ? 1 : -1;
    if (r == 1)
        a->language_detected = 1;
    nc_buf_release(&t);
    return r;
}
