# bash completion for newsconv(1). Installed as
# $(DATADIR)/bash-completion/completions/newsconv. Formats and options are asked from
# newsconv itself (--list-formats, --help), so new ones complete without editing this.

# _newsconv_formats r|w: the names of the readable or writable formats.
_newsconv_formats()
{
    local col=1
    [ "$1" = w ] && col=2
    "${_newsconv_cmd:-newsconv}" --list-formats 2>/dev/null |
        awk -v c="$col" 'substr($2, c, 1) != "-" { print $1 }'
}

_newsconv()
{
    local cur prev words
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=
    [ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD-1]}
    _newsconv_cmd=${COMP_WORDS[0]}
    # a leading ~ or a relative path that is not executable: fall back on the PATH
    case $_newsconv_cmd in
        */*) [ -x "$_newsconv_cmd" ] || _newsconv_cmd=newsconv ;;
    esac

    # --opt=value
    if [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        cur=${cur#*=}
    fi
    case $prev in
        -f|--from)
            COMPREPLY=($(compgen -W "$(_newsconv_formats r)" -- "$cur")); return 0 ;;
        -t|--to)
            COMPREPLY=($(compgen -W "$(_newsconv_formats w)" -- "$cur")); return 0 ;;
        --layout)
            COMPREPLY=($(compgen -W "front plain" -- "$cur")); return 0 ;;
        --newsml-body)
            COMPREPLY=($(compgen -W "xhtml nitf" -- "$cur")); return 0 ;;
        --wrap)
            COMPREPLY=($(compgen -W "none 72" -- "$cur")); return 0 ;;
        --ninjs-version)
            COMPREPLY=($(compgen -W "3.1 3.0 2.2 2.1 1.6 superdesk" -- "$cur")); return 0 ;;
        --atom-content)
            COMPREPLY=($(compgen -W "html xhtml" -- "$cur")); return 0 ;;
        -j|--jobs)
            COMPREPLY=($(compgen -W "0 1 2 4 8 16" -- "$cur")); return 0 ;;
        -o|--output|--files-from|--metadata-file)
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -f -- "$cur")); return 0 ;;
        -M|--metadata|--base-url|--max-size|--max-total|--max-entries|--input-encoding|--name-template|--feed-title|--feed-url|--feed-description)
            return 0 ;;
    esac
    if [[ $cur == -* ]]; then
        words=$("$_newsconv_cmd" --help 2>/dev/null |
            grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
        return 0
    fi
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
    return 0
}
complete -F _newsconv newsconv
