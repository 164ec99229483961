#!/usr/bin/env bash
# The bash completion (scripts/completion/newsconv.bash): it registers itself for newsconv,
# completes long options from --help, readable formats after -f/--from, writable ones after
# -t/--to (asked from --list-formats at completion time), option values, and files.
set -u
. tests/testlib.bash
# the completion runs `newsconv` by the command word: put the binary under test on the PATH
mkdir -p "$TMPD/bin"
ln -s "$(cd "$(dirname "$NEWSCONV")" && pwd)/$(basename "$NEWSCONV")" "$TMPD/bin/newsconv"
PATH=$TMPD/bin:$PATH
# shellcheck disable=SC1091
. scripts/completion/newsconv.bash
complete -p newsconv | grep -q -- '-F _newsconv newsconv$' || fail "complete -p newsconv: $(complete -p newsconv 2>&1)"
pass

# comp WORD...: completes the last word of the command line "WORD..."
comp() {
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _newsconv newsconv "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]:-}"
    printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}
expect() { # expect WANT WORD...
    local want=$1 got
    shift
    got=$(comp "$@")
    [ "$got" = "$want" ] || fail "completing '$*': got '$got', want '$want'"
    pass
}
readers=$(newsconv --list-formats | awk '$2 ~ /^r/ {print $1}' | sort | tr '\n' ' ' | sed 's/ $//')
writers=$(newsconv --list-formats | awk '$2 ~ /w$/ {print $1}' | sort | tr '\n' ' ' | sed 's/ $//')
case " $readers " in *" model "*) fail "model is listed as readable" ;; esac
case " $writers " in *" model "*) ;; *) fail "model is not listed as writable" ;; esac

expect "$readers" newsconv -f ''
expect "$writers" newsconv -t ''
expect "$writers" newsconv in.md --to ''
expect "json jsonfeed jsonl" newsconv -t js
expect "json jsonfeed jsonl" newsconv -t json in.md -f js
expect "" newsconv -f mod
expect "model" newsconv -t mod
expect "markdown model" newsconv --to=m
expect "newsml nitf" newsconv --from=n
expect "front plain" newsconv --layout ''
expect "nitf xhtml" newsconv --newsml-body ''
expect "1.6 2.1 2.2 3.0 3.1 superdesk" newsconv --ninjs-version ''
expect "" newsconv -M ''
# options: every long option of --help, by prefix
all=$(newsconv --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u | tr '\n' ' ' | sed 's/ $//')
expect "$all" newsconv --
# --name-template and --null: the batch options of issue 16; --no-detect (every reader)
expect "--name-template --newsml-body --ninjs-version --no-detect --no-extract --null" newsconv --n
expect "--metadata --metadata-file" newsconv --meta
# a file after --metadata-file
touch "$TMPD/meta.yaml"
expect "$TMPD/meta.yaml" newsconv --metadata-file "$TMPD/meta.y"
expect "--list-formats" newsconv x.md --li
# files after an option that takes a path, and as operands
touch "$TMPD/story.md" "$TMPD/story.html"
expect "$TMPD/story.html $TMPD/story.md" newsconv -o "$TMPD/st"
expect "$TMPD/story.html" newsconv -t md "$TMPD/story.h"
echo "$checks checks (bash completion)"
