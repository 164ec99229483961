#!/usr/bin/env bash
# make install into a temporary DESTDIR with a PREFIX: every file is there; the installed
# binary runs; examples/convert.c builds against the installed headers and libraries through
# pkg-config (shared library with an rpath, and static with --static) and gives the same
# bytes as newsconv; the man pages are found by man; make uninstall leaves no file behind.
set -u
. tests/testlib.bash
B=${B:-build}
DEST=$TMPD/dest
PREFIX=/opt/newsconv-test
root=$DEST$PREFIX
# what the suite built, installed as it is (NOBUILD=1: no rebuild with other flags)
for f in newsconv libnewsconv.a libnewsconv.so.0; do
    [ -f "$B/$f" ] || fail "$B/$f is missing: run make first"
done
# a sanitizer build's library needs the sanitizer runtime at link time
san=$(grep -o -- '-fsanitize=[^ ]*' "$B/flags" 2>/dev/null | tr '\n' ' ')
make -s --no-print-directory B="$B" NOBUILD=1 install DESTDIR="$DEST" PREFIX="$PREFIX" >"$TMPD/make.log" 2>&1 ||
    { cat "$TMPD/make.log" >&2; fail "make install failed"; }
pass
want="bin/newsconv
include/newsconv/article.h
include/newsconv/buf.h
include/newsconv/datetime.h
include/newsconv/error.h
include/newsconv/format.h
include/newsconv/newsconv.h
include/newsconv/node.h
lib/libnewsconv.a
lib/libnewsconv.so
lib/libnewsconv.so.0
lib/pkgconfig/newsconv.pc
share/bash-completion/completions/newsconv
share/man/man1/newsconv.1
share/man/man3/libnewsconv.3
share/zsh/site-functions/_newsconv"
got=$(cd "$root" && find . \( -type f -o -type l \) | sed 's|^\./||' | sort)
[ "$got" = "$want" ] || fail "installed files differ:
$(diff <(echo "$want") <(echo "$got"))"
pass
[ -x "$root/bin/newsconv" ] || fail "bin/newsconv is not executable"
[ "$(readlink "$root/lib/libnewsconv.so")" = libnewsconv.so.0 ] || fail "libnewsconv.so is not a link to libnewsconv.so.0"
"$root/bin/newsconv" --version | grep -q '^newsconv ' || fail "the installed newsconv does not run"
pass
for f in include/newsconv/*.h; do
    cmp -s "$f" "$root/$f" || fail "$root/$f differs from $f"
done
cmp -s scripts/completion/newsconv.bash "$root/share/bash-completion/completions/newsconv" ||
    fail "bash completion differs"
pass
# the man pages, found through MANPATH
MANPATH=$root/share/man man -w newsconv 2>/dev/null | grep -q "$root/share/man/man1/newsconv.1" ||
    fail "man -w newsconv does not find the installed page"
MANPATH=$root/share/man man -w 3 libnewsconv 2>/dev/null | grep -q "man3/libnewsconv.3" ||
    fail "man -w 3 libnewsconv does not find the installed page"
pass

# pkg-config: the .pc names the prefix without DESTDIR; relocate it with --define-variable
export PKG_CONFIG_PATH=$root/lib/pkgconfig
grep -qx "prefix=$PREFIX" "$root/lib/pkgconfig/newsconv.pc" || fail "newsconv.pc: prefix is not $PREFIX"
pc() { pkg-config --define-variable=prefix="$root" "$@" newsconv; }
[ "$(pkg-config --modversion newsconv)" = "$("$root/bin/newsconv" --version | cut -d' ' -f2)" ] ||
    fail "pkg-config --modversion differs from newsconv --version"
cflags=$(pc --cflags) && libs=$(pc --libs) && slibs=$(pc --libs --static) || fail "pkg-config failed"
case "$cflags $libs" in *"$root"*) ;; *) fail "pkg-config does not point into $root: $cflags $libs" ;; esac
pass
# shared: link the installed .so, find it at run time through an rpath
# shellcheck disable=SC2086
cc -std=c11 -Wall -Wextra -Werror $san $cflags examples/convert.c -o "$TMPD/convert-shared" \
    $libs -Wl,-rpath,"$root/lib" || fail "examples/convert.c does not build against the shared library"
ldd "$TMPD/convert-shared" | grep -q "$root/lib/libnewsconv.so.0" || fail "convert-shared does not use the installed .so"
pass
# static: libnewsconv.a and the libraries newsconv.pc lists in Requires.private (linked
# as shared libraries: `pkg-config --static` would also want libarchive's own static
# dependencies, whose -dev packages a build machine need not have)
case "$slibs" in *-lxml2*-larchive*) ;; *) fail "pkg-config --static --libs lacks the private libraries: $slibs" ;; esac
private=$(pkg-config --print-requires-private newsconv | awk '{print $1}' | tr '\n' ' ')
[ -n "$private" ] || fail "newsconv.pc has no Requires.private"
# ... and its Libs.private (libcld2 and the C++ library of its shim, which have no .pc)
libs_private=$(sed -n 's/^Libs.private: //p' "$root/lib/pkgconfig/newsconv.pc")
# shellcheck disable=SC2086
cc -std=c11 -Wall -Wextra -Werror $san $cflags examples/convert.c -o "$TMPD/convert-static" \
    "$root/lib/libnewsconv.a" $(pkg-config --libs $private) $libs_private ||
    fail "examples/convert.c does not build against the static library with Requires.private ($private)"
! ldd "$TMPD/convert-static" | grep -q libnewsconv || fail "convert-static links libnewsconv dynamically"
pass
for bin in convert-shared convert-static; do
    for pair in "markdown json" "markdown newsml" "markdown html"; do
        set -- $pair
        "$TMPD/$bin" "$1" "$2" fixtures/full-metadata/article.md >"$TMPD/a" 2>/dev/null ||
            fail "$bin $1 $2 failed"
        "$root/bin/newsconv" -q -f "$1" -t "$2" fixtures/full-metadata/article.md >"$TMPD/b" ||
            fail "installed newsconv -f $1 -t $2 failed"
        expect_file_eq "$TMPD/a" "$TMPD/b" "$bin $1 $2 differs from newsconv"
    done
done

make -s --no-print-directory B="$B" uninstall DESTDIR="$DEST" PREFIX="$PREFIX" >"$TMPD/make.log" 2>&1 ||
    { cat "$TMPD/make.log" >&2; fail "make uninstall failed"; }
left=$(find "$DEST" \( -type f -o -type l \) | sed "s|^$DEST||")
[ -z "$left" ] || fail "make uninstall left files behind: $left"
pass
# build/newsconv.pc back to the default prefix
make -s --no-print-directory B="$B" "$B/newsconv.pc" >/dev/null 2>&1
echo "$checks checks (16 files installed and removed, example built shared and static)"
