/* Unit tests of formats/common/metafile: a metadata file read into -M pairs (lists as
 * KEY then KEY+ items, maps as "KEY=" JSON pairs), the feed channel lookup, and errors
 * with their positions. */
#include "harness.h"

#include "common/metafile.h"

#include <stdlib.h>
#include <string.h>

static int parse(const char *name, const char *text, ncp_metafile *mf, nc_error *err)
{
    nc_error_clear(err);
    return ncp_metafile_parse(name, text, strlen(text), mf, err);
}

int main(void)
{
    ncp_metafile mf;
    nc_error err;
    char *s;
    INT_EQ(parse("m.yaml",
                 "title: T\nauthor: [A, B]\ntags: []\nfeed:\n  title: Desk\n  url: https://x.example/\n",
                 &mf, &err), 0, "YAML read");
    INT_EQ((int)mf.n, 5, "pairs");
    STR_EQ(mf.keys[0], "title", "scalar key");
    STR_EQ(mf.values[0], "T", "scalar value");
    STR_EQ(mf.keys[1], "author", "first item replaces");
    STR_EQ(mf.keys[2], "author+", "next item appends");
    STR_EQ(mf.values[2], "B", "next item");
    STR_EQ(mf.keys[3], "tags", "empty list clears");
    STR_EQ(mf.values[3], "", "empty value");
    STR_EQ(mf.keys[4], "feed=", "a map: a JSON pair");
    STR_EQ(mf.values[4], "{\"title\":\"Desk\",\"url\":\"https://x.example/\"}", "compact JSON");
    s = ncp_metafile_lookup(&mf, "feed", "title");
    STR_EQ(s, "Desk", "feed channel title");
    free(s);
    OK(ncp_metafile_lookup(&mf, "feed", "description") == NULL, "absent member");
    OK(ncp_metafile_lookup(&mf, "title", "x") == NULL, "not a map");
    ncp_metafile_free(&mf);

    INT_EQ(parse("m.json", "{\"urgency\": 2, \"headline\": null}", &mf, &err), 0, "JSON read");
    STR_EQ(mf.values[0], "2", "a number as its text");
    STR_EQ(mf.values[1], "", "null clears");
    ncp_metafile_free(&mf);

    INT_EQ(parse("m.yaml", "urgency: 12\n", &mf, &err), -1, "a value its field refuses");
    INT_EQ(err.code, NC_ERR_USAGE, "usage error");
    INT_EQ(err.line, 1, "line");
    INT_EQ(err.column, 10, "column");
    STR_EQ(err.source, "m.yaml", "source");
    INT_EQ((int)mf.n, 0, "nothing kept after an error");
    INT_EQ(parse("m.yaml", "just text\n", &mf, &err), -1, "not a mapping");
    INT_EQ(err.code, NC_ERR_PARSE, "parse error");
    INT_EQ(parse("m.yaml", "", &mf, &err), 0, "an empty file");
    INT_EQ((int)mf.n, 0, "no pairs");
    INT_EQ(parse("m.yaml", "---\n# nothing yet\n", &mf, &err), 0, "an empty document");
    INT_EQ((int)mf.n, 0, "no pairs in it");
    INT_EQ(parse("m.yaml", "a: 1\n---\nb: 2\n", &mf, &err), -1, "two documents");
    INT_EQ(err.line, 2, "the second document's line");
    return harness_done();
}
