#!/usr/bin/env bash
# The layers of the sources (docs/design.md) and the direction of their includes.
# Usage: tests/layers.sh   (from the repository root; part of make check)
#
# Bottom up, each layer may include the public headers (include/newsconv/), its own folder
# and the layers below it, never one above:
#   1 src/model        the article model (arena, buf, article, node, datetime, xhtml, error)
#   2 src/ctx          the conversion context formats call (options, warnings)
#   3 formats/common   what several formats share (libxml2 guard, DOM walker and DOM -> model,
#                      charset -> UTF-8, JSON Lines framing, libraries)
#   4 formats/<name>   one format; no file outside formats/<name>/ includes its headers
#   5 src/driver       the registry (it includes formats/formats.def), nc_convert, file I/O
#   6 src/batch        the batch engine
#   7 src/cli          the command line
# The public headers include only each other; examples/ only the public headers. A quoted
# include is resolved as the compiler does (the file's folder, then -Iinclude -Isrc
# -Iformats). Libraries: libxml2, cmark, jansson and libyaml only in formats/; libarchive
# only in src/driver and src/batch. src/batch names no format (a string literal that is a
# format's name or alias): it asks for capabilities.
set -u
checks=0
bad=0
fail_one() {
    echo "tests/layers.sh: FAIL: $*" >&2
    bad=$((bad + 1))
}

# layer FILE: prints "rank folder" of a source path (relative to the repository root)
layer() {
    case "$1" in
    include/newsconv/*) echo "0 include/newsconv" ;;
    src/model/*) echo "1 src/model" ;;
    src/ctx/*) echo "2 src/ctx" ;;
    formats/common/*) echo "3 formats/common" ;;
    formats/formats.def) echo "4 formats" ;;
    formats/*/*) local f=${1#formats/}; echo "4 formats/${f%%/*}" ;;
    src/driver/*) echo "5 src/driver" ;;
    src/batch/*) echo "6 src/batch" ;;
    src/cli/*) echo "7 src/cli" ;;
    examples/*) echo "8 examples" ;;
    *) echo "- -" ;;
    esac
}

# resolve FILE NAME: the path a quoted #include "NAME" in FILE names, or nothing
resolve() {
    local dir=${1%/*} d p
    for d in "$dir" include src formats; do
        if [ -f "$d/$2" ]; then
            p="$d/$2"
            case "$p" in *..* | ./*) p=$(realpath -m --relative-to=. "$p") ;; esac
            echo "$p"
            return
        fi
    done
}

files=$(find include src formats examples -name '*.[ch]' -o -name '*.def' | sort)
for f in $files; do
    read -r frank fdir <<<"$(layer "$f")"
    [ "$frank" = - ] && { fail_one "$f: in no layer (tests/layers.sh knows the layers)"; continue; }
    # quoted includes
    while IFS=: read -r line name; do
        [ -n "$name" ] || continue
        checks=$((checks + 1))
        target=$(resolve "$f" "$name")
        if [ -z "$target" ]; then
            fail_one "$f:$line: #include \"$name\": no such header in the tree"
            continue
        fi
        read -r trank tdir <<<"$(layer "$target")"
        if [ "$trank" = - ]; then
            fail_one "$f:$line: #include \"$name\" ($target) is in no layer"
        elif [ "$frank" = 8 ] && [ "$trank" != 0 ]; then
            fail_one "$f:$line: an example includes \"$name\": only the public headers"
        elif [ "$tdir" = "$fdir" ] || [ "$trank" = 0 ]; then
            :
        elif [ "$trank" -gt "$frank" ]; then
            fail_one "$f:$line: #include \"$name\": $fdir (layer $frank) includes" \
                "$tdir (layer $trank) above it"
        elif [ "$trank" = 4 ] && [ "$target" = formats/formats.def ]; then
            [ "$fdir" = src/driver ] ||
                fail_one "$f:$line: formats.def (the registry's list) is the driver's alone"
        elif [ "$trank" = 4 ]; then
            fail_one "$f:$line: #include \"$name\": $tdir's headers are that format's alone"
        fi
    done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
             sed 's/^\([0-9]*\):[^"]*"\([^"]*\)".*/\1:\2/')
    # library headers
    while IFS=: read -r line name; do
        [ -n "$name" ] || continue
        checks=$((checks + 1))
        case "$name" in
        libxml/* | cmark.h | cmark_*.h | jansson.h | yaml.h)
            case "$fdir" in formats/*) ;; *) fail_one "$f:$line: <$name> outside formats/" ;; esac ;;
        archive.h | archive_entry.h)
            case "$fdir" in
            src/driver | src/batch) ;;
            *) fail_one "$f:$line: <$name> outside src/driver and src/batch" ;;
            esac ;;
        esac
        if [ "$frank" = 0 ] || [ "$frank" = 8 ]; then
            case "$name" in
            newsconv/*) ;;
            */*) fail_one "$f:$line: <$name> in a public header or example" ;;
            esac
        fi
    done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*<' "$f" |
             sed 's/^\([0-9]*\):[^<]*<\([^>]*\)>.*/\1:\2/')
done

# The batch engine asks the registry for capabilities (NC_FORMAT_* flags, the join hooks),
# never for a format by name: no string literal of src/batch (comments left out) is the
# name or an alias of a format (formats/formats.def, the aliases of formats/*/format.c).
names=$(sed -n 's/^NC_FORMAT(\([a-z0-9_-]*\)).*/\1/p' formats/formats.def
        grep -ho 'aliases\[\] = {[^}]*}' formats/*/format.c | grep -o '"[^"]*"' | tr -d '"')
[ -n "$names" ] || fail_one "no format names found in formats/formats.def"
for f in src/batch/*.[ch]; do
    checks=$((checks + 1))
    # the file without its comments, line numbers kept; then each literal "..." on a line
    while IFS=: read -r line lit; do
        for n in $names; do
            [ "$lit" = "$n" ] &&
                fail_one "$f:$line: names the format \"$n\": the batch engine asks for a" \
                    "capability (an NC_FORMAT_* flag, a join hook), not a name"
        done
    done < <(perl -0777 -pe 's{/\*.*?\*/}{ $& =~ s/[^\n]//gr }gse' "$f" |
             perl -ne 'while (/"((?:[^"\\]|\\.)*)"/g) { print "$.:$1\n" }')
done
# One schema.org vocabulary: formats/common/schemaorg.c holds the type names (its
# ncp_schema_*_types lists, Person, Role) and reads authors, organisations, media and
# keywords for both JSON-LD readers; no other reader (writers may name the types they write)
# has a string literal (comments left out) that is one of those names. Known exception, by
# file and name: NewsML 1's <Role> element (newsml1.c; xml.c: a form element of NewsML 1).
schema_types=$(perl -0777 -ne 'while (/ncp_schema_\w+_types\[\] = \{(.*?)\}/gs) {
                   my $l = $1; print "$1\n" while $l =~ /"([^"]*)"/g }' formats/common/schemaorg.c)
schema_types="$schema_types Person Role"
[ "$(echo "$schema_types" | wc -w)" -gt 20 ] ||
    fail_one "formats/common/schemaorg.c: the ncp_schema_*_types lists were not found"
schema_allowed() { # file name
    case "$1:$2" in
    formats/newsml/newsml1.c:Role | formats/newsml/xml.c:Role) return 0 ;;
    esac
    return 1
}
for f in formats/*/*.c; do
    case "$f" in
    formats/common/schemaorg.c | *write*.c) continue ;;
    esac
    checks=$((checks + 1))
    while IFS=: read -r line lit; do
        for n in $schema_types; do
            [ "$lit" = "$n" ] && ! schema_allowed "$f" "$n" &&
                fail_one "$f:$line: names the schema.org type \"$n\": schema.org is read in" \
                    "formats/common/schemaorg.c (ncp_schema_*), not in a format"
        done
    done < <(perl -0777 -pe 's{/\*.*?\*/}{ $& =~ s/[^\n]//gr }gse' "$f" |
             perl -ne 'while (/"((?:[^"\\]|\\.)*)"/g) { print "$.:$1\n" }')
done
[ "$bad" -eq 0 ] || { echo "tests/layers.sh: $bad include(s) or name(s) break the layers" >&2; exit 1; }
echo "layers: $checks includes checked, $(echo "$files" | wc -l) files"
