/* newsconv: a metadata file (--metadata-file FILE.yaml|FILE.json, pandoc's option): a YAML
 * mapping or a JSON object whose keys set model fields the way -M does, read into the
 * -M pairs of nc_opts (meta_keys, meta_values), for the command line and the batch.
 *
 * The pairs, in file order, for each top-level key:
 *   a scalar (string, number, boolean)  KEY = its text (replaces the field, as -M KEY=V)
 *   null or an empty list               KEY = ""       (clears it, as -M KEY=)
 *   a list of scalars                   KEY = first item, then KEY+ = each other item
 *                                       (a list field becomes all of them, in order)
 *   a map, or a list holding maps       KEY= = the value as compact JSON: an extra pair
 *                                       whose value is JSON (nc_kv.json), replacing the
 *                                       extra pairs of KEY
 * A key ending in '=' never comes from -M (the command line splits KEY=VALUE at the first
 * '='), so the driver can tell a JSON value apart (src/driver/convert.c, apply_meta).
 * Keys and aliases are those of nc_article_set_by_name. A map or a list given for a field
 * that holds one value (headline: [a, b]) is an error, and so is a value that field
 * refuses (published: yesterday): every pair is tried on a scratch article when the file
 * is read, so that the error names the file, line and column.
 *
 * The command line puts these pairs before those of -M: -M overrides the file.
 *
 * Feed channel data: a top-level `feed:` map of the same file holds the feed writers'
 * options (title, url, description, language, image, copyright); the CLI reads them with
 * ncp_metafile_lookup(mf, "feed", "title") and passes them as format options before the
 * command line's, so that the command line wins; `feed:` is not an extra of articles. */
#ifndef NEWSCONV_FORMATS_METAFILE_H
#define NEWSCONV_FORMATS_METAFILE_H

#include <stddef.h>

#include <newsconv/format.h>

typedef struct ncp_metafile {
    char **keys;   /* -M keys: "headline", "author+", "desk=" (JSON) */
    char **values; /* malloc'ed, NUL-terminated */
    size_t n;
} ncp_metafile;

/* Reads path (a YAML mapping, or a JSON object when the name ends in .json or the text
 * starts with '{'; at most max_size bytes, 0: the default; compressed files are read as
 * nc_read_file reads them) into mf (zeroed first; free with ncp_metafile_free).
 * Returns 0, or -1 with err naming path and, where known, the line and column:
 * NC_ERR_IO (cannot read), NC_ERR_PARSE (not YAML or JSON, not a mapping, an alias),
 * NC_ERR_USAGE (a value its field refuses), NC_ERR_LIMIT, NC_ERR_NOMEM. */
int ncp_metafile_read(const char *path, size_t max_size, ncp_metafile *mf, nc_error *err);

/* The same on text in memory (name: for messages). */
int ncp_metafile_parse(const char *name, const char *text, size_t len, ncp_metafile *mf,
                       nc_error *err);

/* The text of member `member` of the map given for top-level key `key` ("feed", "title"),
 * as a malloc'ed string (numbers and booleans as their JSON text), or NULL. */
char *ncp_metafile_lookup(const ncp_metafile *mf, const char *key, const char *member);

void ncp_metafile_free(ncp_metafile *mf);

#endif
