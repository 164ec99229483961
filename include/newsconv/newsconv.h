/* newsconv: umbrella header of the library. */
#ifndef NEWSCONV_NEWSCONV_H
#define NEWSCONV_NEWSCONV_H

#define NC_VERSION "0.1.0"

#include "error.h"
#include "buf.h"
#include "datetime.h"
#include "article.h"
#include "node.h"
#include "format.h"

#endif
