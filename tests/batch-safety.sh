#!/usr/bin/env bash
# Batches on untrusted trees and archives (issue 15): symbolic links not followed by
# default (--follow-symlinks: followed once, loops found), an output directory inside the
# input tree never read back, hard links and repeated operands converted once, FIFOs and
# sockets skipped unopened (under timeout: a FIFO opened would hang), a zip bomb entry
# refused by name while the rest converts (declared size, and a lying header caught while
# inflating), --max-entries and --max-total, control characters in names escaped in every
# message.
set -u
. tests/testlib.bash
command -v python3 >/dev/null || { echo "SKIP: python3 missing"; exit 0; }
"$NEWSCONV" --list-formats | awk '$1 == "markdown" && $2 ~ /^r/ {ok=1} END {exit !ok}' ||
    { echo "SKIP: no markdown reader"; exit 0; }

ESC=$(printf '\033')
BEL=$(printf '\007')
# run RC -- ARGS...: newsconv under timeout (a hang is a failure), stderr in $TMPD/err with
# the summary's time replaced by T
run() {
    local want=$1 rc=0
    shift 2
    timeout 120 $TEST_WRAPPER "$NEWSCONV" "$@" >"$TMPD/out" 2>"$TMPD/err.raw" || rc=$?
    [ "$rc" -ne 124 ] || fail "newsconv $*: timed out (a special file was opened?)"
    [ "$rc" -eq "$want" ] || fail "newsconv $*: exit $rc, want $want; stderr: $(cat "$TMPD/err.raw")"
    sed -E 's/ in [0-9.]+ s$/ in T s/' "$TMPD/err.raw" >"$TMPD/err"
    pass
}
has_line() { # has_line LINE: stderr has exactly this line
    grep -qxF -- "$1" "$TMPD/err" || fail "stderr lacks the line
  want: $1
  got:
$(cat "$TMPD/err")"
    pass
}
lacks() { # lacks TEXT: stderr does not contain TEXT
    ! grep -qF -- "$1" "$TMPD/err" || fail "stderr contains '$1':
$(cat "$TMPD/err")"
    pass
}
files_are() { # files_are DIR "sorted relative paths"
    local got
    got=$(cd "$1" && find . -type f | sed 's|^\./||' | sort | tr '\n' ' ' | sed 's/ $//')
    [ "$got" = "$2" ] || fail "files in $1: got '$got', want '$2'"
    pass
}
md() { printf '# %s\n\nText of %s.\n' "$2" "$2" >"$1"; }

# --- a tree with links, a loop, a hard link, a FIFO, a socket --------------------------
T=$TMPD/tree
mkdir -p "$T/sub" "$TMPD/other"
md "$T/a.md" A
md "$T/sub/s.md" S
md "$TMPD/other/b.md" B
md "$TMPD/other/c.md" C
ln -s ../other/b.md "$T/lb.md"       # a link to a file outside
ln -s ../other "$T/ldir"             # a link to a directory (holding b.md again, and c.md)
ln -s .. "$T/sub/loop"               # a loop
ln "$T/a.md" "$T/hard.md"            # a hard link of a.md
mkfifo "$T/fifo.md"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$T/sock.md" ||
    fail "cannot make a socket"

# default: links not followed (said at -v), special files skipped with a warning
run 0 -- -r "$T" -t model -o "$TMPD/o1" -v -j2
files_are "$TMPD/o1" "a.model sub/s.model"
has_line "newsconv: $T/lb.md: symbolic link: not followed (use --follow-symlinks)"
has_line "newsconv: $T/ldir: symbolic link: not followed (use --follow-symlinks)"
has_line "newsconv: $T/sub/loop: symbolic link: not followed (use --follow-symlinks)"
has_line "newsconv: $T/hard.md: the same file as an earlier input (hard link or repeated): skipped"
has_line "newsconv: warning: $T/fifo.md: a FIFO: skipped (special files are never opened)"
has_line "newsconv: warning: $T/sock.md: a socket: skipped (special files are never opened)"
has_line "newsconv: converted 2 of 2, 0 failed, in T s"
# without -v: only the warnings and the summary
run 0 -- -r "$T" -t model -o "$TMPD/o1b" -j2
lacks "symbolic link"
has_line "newsconv: warning: $T/fifo.md: a FIFO: skipped (special files are never opened)"
# --follow-symlinks: each file once (b.md through lb.md, not again through ldir), the
# loop reported
run 0 -- -r "$T" -t model -o "$TMPD/o2" --follow-symlinks -v -j2
files_are "$TMPD/o2" "a.model lb.model ldir/c.model sub/s.model"
has_line "newsconv: $T/ldir/b.md: the same file as an earlier input (hard link or repeated): skipped"
has_line "newsconv: warning: $T/sub/loop: symbolic link loop (to a directory that holds it): not followed"
has_line "newsconv: converted 4 of 4, 0 failed, in T s"
# the same file twice on the command line, and through a hard link: converted once
run 0 -- "$T/a.md" "$T/a.md" "$T/hard.md" -t model -o "$TMPD/o3" -v
files_are "$TMPD/o3" "a.model"
has_line "newsconv: $T/a.md: the same file as an earlier input (hard link or repeated): skipped"
has_line "newsconv: $T/hard.md: the same file as an earlier input (hard link or repeated): skipped"

# --- an output directory inside the input tree: converted once, never read back ---------
rm -f "$T/fifo.md" "$T/sock.md"
run 0 -- -r "$T" -t markdown -o "$T/out" -v
files_are "$T/out" "a.md sub/s.md"
has_line "newsconv: $T/out: the output directory: not read"
has_line "newsconv: converted 2 of 2, 0 failed, in T s"
# a second run over the same tree: still nothing from the output (no out/out, no a~2)
run 0 -- -r "$T" -t markdown -o "$T/out" -j2
files_are "$T/out" "a.md sub/s.md"
has_line "newsconv: converted 2 of 2, 0 failed, in T s"

# --- archives: a zip bomb entry, --max-entries, --max-total -----------------------------
python3 - "$TMPD" <<'EOF' || fail "cannot make the zip files"
import struct, sys, zipfile
d = sys.argv[1]
big = b'# B\n\n' + b'a' * (20 << 20)
def make(path, lie):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('a.md', '# A\n\nx\n')
        z.writestr('bomb.md', big)
        z.writestr('c.md', '# C\n\ny\n')
        z.writestr('d.md', '# D\n\nz\n')
    if lie:  # the headers say 100 bytes: only the inflating can tell
        data = bytearray(open(path, 'rb').read())
        for sig, off in ((b'PK\x03\x04', 22), (b'PK\x01\x02', 24)):
            i = data.find(sig)
            while i >= 0:
                if struct.unpack_from('<I', data, i + off)[0] == len(big):
                    struct.pack_into('<I', data, i + off, 100)
                i = data.find(sig, i + 4)
        open(path, 'wb').write(data)
make(d + '/bomb.zip', False)
make(d + '/lie.zip', True)
EOF
[ "$(stat -c %s "$TMPD/bomb.zip")" -lt 65536 ] || fail "the zip bomb is not small"
for z in bomb lie; do
    run 1 -- "$TMPD/$z.zip" -t model -o "$TMPD/z$z" --max-size 1M
    files_are "$TMPD/z$z" "a.model c.model d.model"
    has_line "newsconv: $TMPD/$z.zip:bomb.md: entry is larger than the limit of 1048576 bytes (--max-size): skipped"
    has_line "newsconv: converted 3 of 4, 1 failed, in T s"
done
# --max-total: the entry that crosses it fails, nothing after it is read
run 1 -- "$TMPD/lie.zip" -t model -o "$TMPD/zt" --max-total 1M
files_are "$TMPD/zt" "a.model"
has_line "newsconv: $TMPD/lie.zip:bomb.md: the entries of the archive inflate to more than 1048576 bytes (--max-total): this entry and the rest are not read"
has_line "newsconv: converted 1 of 2, 1 failed, in T s"
# under --max-total, a generous one: everything but the bomb (over --max-size)
run 1 -- "$TMPD/lie.zip" -t model -o "$TMPD/zt2" --max-total 2M --max-size 1M
files_are "$TMPD/zt2" "a.model c.model d.model"
# --max-entries
run 1 -- "$TMPD/bomb.zip" -t model -o "$TMPD/ze" --max-entries 2 --max-size 1M
files_are "$TMPD/ze" "a.model"
has_line "newsconv: $TMPD/bomb.zip:bomb.md: entry is larger than the limit of 1048576 bytes (--max-size): skipped"
has_line "newsconv: $TMPD/bomb.zip: more than 2 entries (--max-entries): the rest is not read"
run 2 -- "$TMPD/bomb.zip" -t model -o "$TMPD/zx" --max-entries 1k
has_line "newsconv: --max-entries: not a number: '1k'"
run 2 -- "$TMPD/bomb.zip" -t model -o "$TMPD/zx" --max-total x
has_line "newsconv: --max-total: not a size: 'x'"

# --- control characters in names: escaped in every message ------------------------------
E=$TMPD/esc
mkdir -p "$E"
md "$E/t${ESC}]0;pwned${BEL}.md" T
printf 'not markdown at all \001' >"$E/u${ESC}[2J.html"
python3 - "$TMPD/esc.zip" <<'EOF' || fail "cannot make esc.zip"
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr('e\x1b[2J\x07.md', '# E\n\nx\n')
    z.writestr('f\x1b]0;x\x07.bin', 'x')
EOF
run 1 -- -r "$E" "$TMPD/esc.zip" "$E/missing${ESC}[31m.md" -t model -o "$TMPD/oe" -v
has_line "newsconv: $E/t\\033]0;pwned\\007.md -> $TMPD/oe/t_]0;pwned_.model"
has_line "newsconv: $TMPD/esc.zip:e\\033[2J\\007.md -> $TMPD/oe/e_[2J_.model"
has_line "newsconv: $TMPD/esc.zip:f\\033]0;x\\007.bin: not a known article format: skipped"
has_line "newsconv: $E/missing\\033[31m.md: cannot open: No such file or directory"
grep -q "$ESC" "$TMPD/err.raw" && fail "an ESC reached stderr: $(cat -v "$TMPD/err.raw")"
grep -q "$BEL" "$TMPD/err.raw" && fail "a BEL reached stderr: $(cat -v "$TMPD/err.raw")"
pass
# the single-document path and usage errors
run 6 -- "$E/u${ESC}[2J.html" -f markdown -t model -o "$TMPD/one.model" --strict
grep -q "$ESC" "$TMPD/err.raw" && fail "an ESC reached stderr: $(cat -v "$TMPD/err.raw")"
run 3 -- "$E/t${ESC}]0;pwned${BEL}.md" -t "x${ESC}[2J"
has_line "newsconv: unknown format 'x\\033[2J' (known formats: $("$NEWSCONV" --list-formats | awk '{print $1}' | tr '\n' ' ' | sed 's/ $//; s/ /, /g'))"
run 2 -- "$E/t${ESC}]0;pwned${BEL}.md" "$E/t${ESC}]0;pwned${BEL}.md" -t markdown -o "x${ESC}.html"
grep -q "$ESC" "$TMPD/err.raw" && fail "an ESC reached stderr: $(cat -v "$TMPD/err.raw")"
pass

echo "$checks checks (batch safety)"
