/* newsconv: the conversion context, the services a conversion gives the formats: the
 * lookup of format options and the warning sink. The driver (src/driver/) and the batch
 * engine fill an nc_opts; the formats read it through these functions. This layer sits
 * between the model and the formats: it includes the public headers only. */
#include "newsconv/format.h"

#include <stdarg.h>
#include <string.h>

const char *nc_opts_get(const nc_opts *o, const char *name)
{
    size_t i;
    const char *v = NULL;
    if (!o)
        return NULL;
    for (i = 0; i < o->n_fmt; i++)
        if (!strcmp(o->fmt_keys[i], name))
            v = o->fmt_values[i];
    return v;
}

int nc_opts_flag(const nc_opts *o, const char *name)
{
    const char *v = nc_opts_get(o, name);
    return v && strcmp(v, "0") != 0;
}

void nc_warn(const nc_opts *o, int line, int column, const char *fmt, ...)
{
    nc_error w;
    va_list ap;
    if (!o || !o->warn)
        return;
    nc_error_clear(&w);
    va_start(ap, fmt);
    nc_error_setv(&w, NC_ERR_LOSSY, line, column, fmt, ap);
    va_end(ap);
    nc_error_set_source(&w, o->source);
    o->warn(o->warn_data, &w);
}
