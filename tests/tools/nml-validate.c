/* nml-validate: validates many NewsML-G2 / NITF documents with the schemas loaded once.
 *
 *   nml-validate SCHEMAS_DIR FILE...
 *
 * SCHEMAS_DIR holds newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd and nitf/nitf-3-6.xsd
 * (../shared/schemas). A document whose root is <newsItem> (or <packageItem> or
 * <newsMessage>: a package or a message written back) is validated against the
 * NewsML-G2 schema, and every <nitf> inside its inlineXML (processContents="lax" in G2,
 * so not checked there) that declares NITF 3.6 or no version against the NITF schema;
 * a document whose root is <nitf>
 * against the NITF schema. Parsing is offline (XML_PARSE_NONET). Stops at the first
 * invalid document: prints its errors and "INVALID: FILE", exits 1. Otherwise prints
 * "N documents valid (G G2, T NITF)" and exits 0. Usage errors exit 2. */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#define G2_NS "http://iptc.org/std/nar/2006-10-01/"
#define NITF_NS "http://iptc.org/std/NITF/2006-10-18/"

static xmlSchemaPtr load(const char *path)
{
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(path);
    xmlSchemaPtr s;
    if (!pc)
        return NULL;
    s = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
    return s;
}

static int valid(xmlSchemaPtr schema, xmlDocPtr doc)
{
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
    int rc;
    if (!vc)
        return -1;
    rc = xmlSchemaValidateDoc(vc, doc);
    xmlSchemaFreeValidCtxt(vc);
    return rc;
}

static int is(const xmlNode *n, const char *ns, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name) && n->ns &&
           n->ns->href && !strcmp((const char *)n->ns->href, ns);
}

/* Validates every NITF element found under n (iteratively) as a document of its own. */
static int nested_nitf(xmlSchemaPtr nitf, xmlNode *root, int *count)
{
    xmlNode *n = root;
    while (n) {
        xmlChar *ver = is(n, NITF_NS, "nitf") ? xmlGetProp(n, (const xmlChar *)"version") : NULL;
        /* NITF of another version (3.4 in the items of a newsMessage that newsconv keeps
         * whole, as they came) cannot be held to the 3.6 schema, whose version is fixed;
         * newsconv's NITF writer declares 3.6 */
        int other = ver && strcmp((const char *)ver, "-//IPTC//DTD NITF 3.6//EN");
        xmlFree(ver);
        if (is(n, NITF_NS, "nitf") && other) {
            /* not descended into */
        } else if (is(n, NITF_NS, "nitf")) {
            xmlDocPtr d = xmlNewDoc((const xmlChar *)"1.0");
            xmlNode *copy = d ? xmlDocCopyNode(n, d, 1) : NULL;
            int rc;
            if (!copy) {
                xmlFreeDoc(d);
                return -1;
            }
            xmlDocSetRootElement(d, copy);
            xmlReconciliateNs(d, copy);
            rc = valid(nitf, d);
            xmlFreeDoc(d);
            if (rc != 0)
                return rc;
            (*count)++;
        } else if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next)
            n = n->parent;
        if (!n || n == root)
            break;
        n = n->next;
    }
    return 0;
}

int main(int argc, char **argv)
{
    char path[4096];
    xmlSchemaPtr g2, nitf;
    int i, n_g2 = 0, n_nitf = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: nml-validate SCHEMAS_DIR FILE...\n");
        return 2;
    }
    snprintf(path, sizeof path, "%s/newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd", argv[1]);
    g2 = load(path);
    snprintf(path, sizeof path, "%s/nitf/nitf-3-6.xsd", argv[1]);
    nitf = load(path);
    if (!g2 || !nitf) {
        fprintf(stderr, "nml-validate: cannot load the schemas under %s\n", argv[1]);
        return 2;
    }
    for (i = 2; i < argc; i++) {
        xmlDocPtr doc = xmlReadFile(argv[i], NULL, XML_PARSE_NONET);
        xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
        int rc = -1;
        if (is(root, G2_NS, "newsItem") || is(root, G2_NS, "packageItem") ||
            is(root, G2_NS, "newsMessage")) {
            rc = valid(g2, doc);
            n_g2++;
            if (rc == 0)
                rc = nested_nitf(nitf, root, &n_nitf);
        } else if (is(root, NITF_NS, "nitf")) {
            rc = valid(nitf, doc);
            n_nitf++;
        } else if (root) {
            fprintf(stderr, "%s: root <%s> is neither a NewsML-G2 item or message nor NITF\n",
                    argv[i], root->name);
        }
        xmlFreeDoc(doc);
        if (rc != 0) {
            printf("INVALID: %s\n", argv[i]);
            xmlSchemaFree(g2);
            xmlSchemaFree(nitf);
            return 1;
        }
    }
    printf("%d documents valid (%d NewsML-G2, %d NITF)\n", argc - 2, n_g2, n_nitf);
    xmlSchemaFree(g2);
    xmlSchemaFree(nitf);
    xmlCleanupParser();
    return 0;
}
