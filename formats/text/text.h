/* newsconv: the plain-text format's private header. */
#ifndef NCP_TEXT_H
#define NCP_TEXT_H

#include "model/model.h"

int ncp_text_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err);

#endif
