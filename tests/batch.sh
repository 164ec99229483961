#!/usr/bin/env bash
# Batch conversion: directories, several files, tar.gz and zip in and out, web archives,
# JSON Lines in and out, the same bytes at -j1 and -j2, failures among good items,
# hostile entry names, SIGTERM, an existing -o kept when a run fails, the GNU parallel
# recipe of docs/batch.md, and a 10,000-item archive.
#
# The oracle: every item of a batch converts to exactly what the single-document path
# (`newsconv FILE -t FMT`) gives for that file, and every failure is reported with the
# single path's message under the item's batch name.
set -u
. tests/testlib.bash
command -v python3 >/dev/null || { echo "SKIP: python3 missing"; exit 0; }

have_reader() { "$NEWSCONV" --list-formats | awk -v f="$1" '$1 == f && $2 ~ /^r/ {ok=1} END {exit !ok}'; }
have_rw() { "$NEWSCONV" --list-formats | awk -v f="$1" '$1 == f && $2 == "rw" {ok=1} END {exit !ok}'; }
# the input format of the corpus: Markdown when it can be read, else HTML
if have_reader markdown; then IN=md; INFMT=markdown
elif have_reader html; then IN=html; INFMT=html
else echo "SKIP: no markdown or html reader built yet"; exit 0; fi
OUT=model # every build writes the model
C=$TMPD/corpus
scripts/gen-corpus 24 "$C" 3 >/dev/null || fail "gen-corpus failed"
summary_of() { grep -E '^newsconv: converted [0-9]+ of [0-9]+' "$1" | sed -E 's/ in [0-9.]+ s$/ in T s/'; }
expect_summary() { # FILE "converted N of M, K failed"
    local got
    got=$(summary_of "$1")
    [ "$got" = "newsconv: $2, in T s" ] || fail "summary line: got '$got', want 'newsconv: $2, in T s'"
    pass
}
single() { nc "$1" -f "$INFMT" -t "$OUT" -q; } # the single-document conversion of a file
# check_tree DIR SRC_DIR: DIR holds one .model per article of SRC_DIR, each equal to the
# single conversion
check_tree() {
    local f rel n=0
    for f in "$2"/*."$IN"; do
        rel=${f##*/}
        [ -f "$1/${rel%.*}.$OUT" ] || fail "$1/${rel%.*}.$OUT missing"
        single "$f" >"$TMPD/one" || fail "single conversion of $f failed"
        cmp -s "$TMPD/one" "$1/${rel%.*}.$OUT" || fail "$1/${rel%.*}.$OUT differs from the single conversion"
        n=$((n + 1))
    done
    [ "$(find "$1" -type f | wc -l)" -eq "$n" ] || fail "$1 holds $(find "$1" -type f | wc -l) files, want $n"
    pass
}
SRC=$C/$IN
N=$(ls "$SRC" | wc -l)

# ---- 1. a directory with -r, at -j1 and -j2 ------------------------------------------
nc -r "$SRC" -o "$TMPD/d1" -t $OUT -j1 2>"$TMPD/err" || fail "-r DIR: exit $?: $(cat "$TMPD/err")"
expect_summary "$TMPD/err" "converted $N of $N, 0 failed"
check_tree "$TMPD/d1" "$SRC"
nc -r "$SRC" -o "$TMPD/d2" -t $OUT -j2 -q 2>"$TMPD/err" || fail "-j2: $(cat "$TMPD/err")"
diff -r "$TMPD/d1" "$TMPD/d2" >/dev/null || fail "-j1 and -j2 outputs differ"
[ ! -s "$TMPD/err" ] || fail "-q printed: $(cat "$TMPD/err")"
pass
# a tree: subdirectories are mirrored; files of unknown extension are skipped
mkdir -p "$TMPD/tree/x/y" "$TMPD/tree/.hidden"
cp "$SRC/000001.$IN" "$TMPD/tree/"
cp "$SRC/000002.$IN" "$TMPD/tree/x/"
cp "$SRC/000003.$IN" "$TMPD/tree/x/y/"
cp "$SRC/000004.$IN" "$TMPD/tree/.hidden/"
echo "not an article" >"$TMPD/tree/x/notes.txt"
nc -r "$TMPD/tree" -o "$TMPD/tree-out" -t $OUT -v 2>"$TMPD/err" || fail "tree: $(cat "$TMPD/err")"
(cd "$TMPD/tree-out" && find . -type f | sort) >"$TMPD/got"
printf './000001.%s\n./x/000002.%s\n./x/y/000003.%s\n' $OUT $OUT $OUT >"$TMPD/want"
expect_file_eq "$TMPD/got" "$TMPD/want" "tree output paths"
grep -qx "newsconv: $TMPD/tree/x/notes.txt: not a known article format: skipped" "$TMPD/err" ||
    fail "-v does not note the skipped file: $(cat "$TMPD/err")"
grep -qx "newsconv: $TMPD/tree/x/y/000003.$IN -> $TMPD/tree-out/x/y/000003.$OUT" "$TMPD/err" ||
    fail "-v does not list the item: $(cat "$TMPD/err")"
pass
# a directory without -r: alone, the single path's I/O error; among other inputs, a failed item
expect_run 5 "newsconv: $SRC/: is a directory (use -r to convert the articles it holds)" -- "$SRC" -t $OUT
nc "$SRC" "$SRC/000001.$IN" -o "$TMPD/nor" -t $OUT 2>"$TMPD/err"
[ $? -eq 1 ] || fail "a directory without -r among inputs: exit code"
[ "$(head -n 1 "$TMPD/err")" = "newsconv: $SRC: is a directory (use -r to convert the articles it holds)" ] ||
    fail "a directory without -r among inputs: $(head -n 1 "$TMPD/err")"
[ -f "$TMPD/nor/000001.$OUT" ] || fail "a directory without -r among inputs: the file was not converted"
pass

# ---- 2. several files -------------------------------------------------------------------
nc "$SRC/000001.$IN" "$SRC/000002.$IN" "$SRC/000003.$IN" -o "$TMPD/several" -t $OUT -q ||
    fail "several files failed"
[ "$(ls "$TMPD/several" | tr '\n' ' ')" = "000001.$OUT 000002.$OUT 000003.$OUT " ] ||
    fail "several files: $(ls "$TMPD/several")"
cmp -s "$TMPD/several/000002.$OUT" "$TMPD/d1/000002.$OUT" || fail "several files: content differs"
pass
# ... to stdout: the outputs one after the other, in input order
nc "$SRC/000002.$IN" "$SRC/000001.$IN" -t $OUT -q >"$TMPD/cat" || fail "several to stdout failed"
cat "$TMPD/d1/000002.$OUT" "$TMPD/d1/000001.$OUT" | cmp -s - "$TMPD/cat" || fail "stdout stream is not the concatenation in input order"
pass
# -o FILE with a format extension is no batch output
expect_run 2 "newsconv: -o $TMPD/x.$IN: a batch writes to a directory, an archive (.tar.gz, .tgz, .tar.bz2, .tar.xz, .zip, .tar) or, with -t jsonl, one file" -- "$SRC/000001.$IN" "$SRC/000002.$IN" -o "$TMPD/x.$IN" -t $OUT

# ---- 3. archives in and out ---------------------------------------------------------------
python3 - "$SRC" "$TMPD" "$IN" <<'EOF' || fail "cannot write the test archives"
import io, os, sys, tarfile, zipfile
src, out, ext = sys.argv[1:4]
names = sorted(os.listdir(src))
with tarfile.open(os.path.join(out, "in.tar.gz"), "w:gz") as t:
    for n in names:
        t.add(os.path.join(src, n), arcname="news/" + n)
    ti = tarfile.TarInfo("news/picture.jpg"); ti.size = 3
    t.addfile(ti, io.BytesIO(b"\xff\xd8\xff"))
with zipfile.ZipFile(os.path.join(out, "in.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    for n in names:
        z.write(os.path.join(src, n), "news/" + n)
EOF
for a in in.tar.gz in.zip; do
    rm -rf "$TMPD/a-out"
    nc "$TMPD/$a" -o "$TMPD/a-out" -t $OUT 2>"$TMPD/err" || fail "$a: exit $?: $(cat "$TMPD/err")"
    expect_summary "$TMPD/err" "converted $N of $N, 0 failed"
    check_tree "$TMPD/a-out/news" "$SRC"
done
# archive outputs hold the same files, and are the same bytes at -j1 and -j2
for o in out.tar.gz out.zip out.tar.xz; do
    nc "$TMPD/in.zip" -o "$TMPD/j1-$o" -t $OUT -j1 -q || fail "-o $o failed"
    nc "$TMPD/in.zip" -o "$TMPD/j2-$o" -t $OUT -j2 -q || fail "-o $o -j2 failed"
    cmp -s "$TMPD/j1-$o" "$TMPD/j2-$o" || fail "$o differs between -j1 and -j2"
    rm -rf "$TMPD/x-out" && mkdir "$TMPD/x-out"
    python3 -c '
import sys, tarfile, zipfile
p, d = sys.argv[1], sys.argv[2]
(zipfile.ZipFile(p) if p.endswith(".zip") else tarfile.open(p)).extractall(d)' "$TMPD/j1-$o" "$TMPD/x-out" ||
        fail "$o cannot be read back"
    check_tree "$TMPD/x-out/news" "$SRC"
done
# the archive entry mtimes come from the input, so a second run gives the same bytes
nc "$TMPD/in.zip" -o "$TMPD/again.tar.gz" -t $OUT -q && cmp -s "$TMPD/again.tar.gz" "$TMPD/j1-out.tar.gz" ||
    fail "a second run gives another out.tar.gz"
pass

# ---- 4. failures among good items ------------------------------------------------------------
B=$TMPD/broken
mkdir -p "$B"
cp "$SRC"/00000[1-5]."$IN" "$B/"
: >"$B/000002b.$IN"                                  # empty
printf 'Title\n\nsome text\0binary\n' >"$B/000003b.$IN" # a NUL byte
nc "$B/000002b.$IN" -t $OUT 2>"$TMPD/e1" >/dev/null; rc1=$?
nc "$B/000003b.$IN" -t $OUT 2>"$TMPD/e2" >/dev/null; rc2=$?
[ $rc1 -eq 4 ] && [ $rc2 -eq 4 ] || fail "single conversions of broken files: exit $rc1 $rc2"
python3 - "$B" "$TMPD/broken.tar.gz" <<'EOF'
import os, sys, tarfile
d, out = sys.argv[1:3]
with tarfile.open(out, "w:gz") as t:
    for n in sorted(os.listdir(d)):
        t.add(os.path.join(d, n), arcname="b/" + n)
EOF
for j in 1 2; do
    nc "$TMPD/broken.tar.gz" -o "$TMPD/broken-out$j" -t $OUT -j$j 2>"$TMPD/err"
    rc=$?
    [ $rc -eq 1 ] || fail "broken items: exit $rc, want 1"
    {
        sed "s|^newsconv: $B/|newsconv: $TMPD/broken.tar.gz:b/|" "$TMPD/e1"
        sed "s|^newsconv: $B/|newsconv: $TMPD/broken.tar.gz:b/|" "$TMPD/e2"
        echo "newsconv: converted 5 of 7, 2 failed, in T s"
    } >"$TMPD/want"
    sed -E 's/ in [0-9.]+ s$/ in T s/' "$TMPD/err" >"$TMPD/got"
    expect_file_eq "$TMPD/got" "$TMPD/want" "stderr of a batch with broken items (-j$j)"
    [ "$(ls "$TMPD/broken-out$j/b" | wc -l)" -eq 5 ] || fail "broken items: good items missing"
done
diff -r "$TMPD/broken-out1" "$TMPD/broken-out2" >/dev/null || fail "broken items: -j1 and -j2 differ"
pass
# a missing input is a failed item, the others are converted
nc "$SRC/000001.$IN" "$TMPD/nonexistent.$IN" -o "$TMPD/miss" -t $OUT 2>"$TMPD/err"
[ $? -eq 1 ] || fail "missing input: exit code"
[ "$(head -n 1 "$TMPD/err")" = "newsconv: $TMPD/nonexistent.$IN: cannot open: No such file or directory" ] ||
    fail "missing input: $(cat "$TMPD/err")"
expect_summary "$TMPD/err" "converted 1 of 2, 1 failed"
# a damaged archive: the entries before the damage are converted, the damage is reported
head -c 20000 "$TMPD/in.tar.gz" >"$TMPD/cut.tar.gz"
nc "$TMPD/cut.tar.gz" -o "$TMPD/cut-out" -t $OUT -q 2>"$TMPD/err"
[ $? -eq 1 ] || fail "damaged archive: exit code"
grep -q "^newsconv: $TMPD/cut.tar.gz" "$TMPD/err" || fail "damaged archive: no message: $(cat "$TMPD/err")"
pass

# compressed items (a directory with -r, and entries of a tar): decompressed like single
# inputs, named without the compression extension; a cut one is a failed item
Z=$TMPD/zdir
mkdir -p "$Z/sub"
gzip -c "$SRC/000001.$IN" >"$Z/a.$IN.gz"
xz -c "$SRC/000002.$IN" >"$Z/sub/b.$IN.xz"
cp "$SRC/000003.$IN" "$Z/c.$IN"
gzip -c "$SRC/000004.$IN" | head -c 100 >"$Z/d.$IN.gz"
for src in dir tar; do
    if [ $src = dir ]; then input=$Z; flags=-r; else tar cf "$TMPD/z.tar" -C "$Z" .; input=$TMPD/z.tar; flags=; fi
    rm -rf "$TMPD/zout"
    nc $flags "$input" -o "$TMPD/zout" -t $OUT 2>"$TMPD/err"
    [ $? -eq 1 ] || fail "compressed items ($src): exit code; $(cat "$TMPD/err")"
    for pair in "a:000001" "sub/b:000002" "c:000003"; do
        single "$SRC/${pair#*:}.$IN" >"$TMPD/one"
        cmp -s "$TMPD/one" "$TMPD/zout/${pair%%:*}.$OUT" || fail "compressed items ($src): ${pair%%:*}.$OUT differs from the single conversion"
    done
    [ "$(find "$TMPD/zout" -type f | wc -l)" -eq 3 ] || fail "compressed items ($src): $(find "$TMPD/zout" -type f)"
    want="newsconv: $input/d.$IN.gz: gzip-compressed input: truncated gzip input"
    [ $src = tar ] && want="newsconv: $input:./d.$IN.gz: gzip-compressed input: truncated gzip input"
    grep -qxF "$want" "$TMPD/err" || fail "compressed items ($src): $(cat "$TMPD/err")"
    expect_summary "$TMPD/err" "converted 3 of 4, 1 failed"
done

# ---- 5. hostile entry names -------------------------------------------------------------
H=$TMPD/hostile
mkdir -p "$H/out" "$H/outside"
ln -s "$H/outside" "$H/out/linkdir"          # a planted link to a directory outside
ln -s "$H/outside/victim" "$H/out/0001.$OUT" # a planted link to a file outside
python3 - "$SRC/000001.$IN" "$H/hostile.tar" <<'EOF'
import sys, tarfile, io
data = open(sys.argv[1], "rb").read()
with tarfile.open(sys.argv[2], "w") as t:
    def add(name):
        ti = tarfile.TarInfo(name); ti.size = len(data); t.addfile(ti, io.BytesIO(data))
    for n in ["../../escape1.EXT", "/tmp/abs-escape.EXT", "a/../../escape2.EXT", "./0001.EXT",
              "linkdir/through.EXT"]:
        add(n.replace("EXT", sys.argv[1].rsplit(".", 1)[1]))
    ti = tarfile.TarInfo("evil-link"); ti.type = tarfile.SYMTYPE; ti.linkname = "/etc"
    t.addfile(ti)
    add("evil-link/passwd." + sys.argv[1].rsplit(".", 1)[1])
EOF
NC_ABS=$(cd "$(dirname "$NEWSCONV")" && pwd)/$(basename "$NEWSCONV")
(cd "$H/out" && $TEST_WRAPPER "$NC_ABS" ../hostile.tar -o . -t $OUT -q) 2>"$TMPD/err"
[ $? -eq 1 ] || fail "hostile: exit code: $(cat "$TMPD/err")"
[ -z "$(ls -A "$H/outside")" ] || fail "hostile: something was written outside: $(ls -A "$H/outside")"
[ ! -e "$TMPD/escape1.$OUT" ] && [ ! -e "$TMPD/escape2.$OUT" ] && [ ! -e "/tmp/abs-escape.$OUT" ] ||
    fail "hostile: an entry escaped"
(cd "$H/out" && find . \( -type f -o -type l \) | sort) >"$TMPD/got"
printf './0001.%s\n./escape1.%s\n./escape2.%s\n./evil-link/passwd.%s\n./linkdir\n./tmp/abs-escape.%s\n' \
    $OUT $OUT $OUT $OUT $OUT >"$TMPD/want"
expect_file_eq "$TMPD/got" "$TMPD/want" "hostile: the files written"
[ ! -L "$H/out/0001.$OUT" ] || fail "hostile: the planted file link was followed, not replaced"
grep -qx "newsconv: ../hostile.tar:linkdir/through.$IN: cannot open directory 'linkdir': a symbolic link, not followed" "$TMPD/err" ||
    fail "hostile: the planted directory link: $(cat "$TMPD/err")"
pass

# non-ASCII entry names (pax tar, GNU tar, zip with the UTF-8 flag) in and out
python3 - "$SRC/000001.$IN" "$TMPD" <<'EOF'
import io, sys, tarfile, zipfile
d = open(sys.argv[1], "rb").read()
ext = sys.argv[1].rsplit(".", 1)[1]
with tarfile.open(sys.argv[2] + "/u.tar", "w", format=tarfile.PAX_FORMAT) as t:
    ti = tarfile.TarInfo("Café/Ünïcode." + ext); ti.size = len(d); t.addfile(ti, io.BytesIO(d))
with tarfile.open(sys.argv[2] + "/ug.tar", "w", format=tarfile.GNU_FORMAT) as t:
    ti = tarfile.TarInfo("Ελληνικά/άρθρο." + ext); ti.size = len(d); t.addfile(ti, io.BytesIO(d))
with zipfile.ZipFile(sys.argv[2] + "/u.zip", "w") as z:
    z.writestr("Café/zip\u0085." + ext, d)
EOF
nc "$TMPD/u.tar" "$TMPD/ug.tar" "$TMPD/u.zip" -o "$TMPD/u-out" -t $OUT -q || fail "non-ASCII names: exit $?"
(cd "$TMPD/u-out" && find . -type f | sort) >"$TMPD/got"
printf './Café/zip_.%s\n./Café/Ünïcode.%s\n./Ελληνικά/άρθρο.%s\n' $OUT $OUT $OUT | sort >"$TMPD/want"
expect_file_eq "$TMPD/got" "$TMPD/want" "non-ASCII entry names"
for o in u-out.zip u-out.tar.gz; do
    nc "$TMPD/u.tar" "$TMPD/ug.tar" "$TMPD/u.zip" -o "$TMPD/$o" -t $OUT -q || fail "non-ASCII names -> $o"
    python3 -c '
import sys, tarfile, zipfile
p = sys.argv[1]
names = zipfile.ZipFile(p).namelist() if p.endswith(".zip") else tarfile.open(p).getnames()
print("\n".join(sorted("./" + n for n in names)))' "$TMPD/$o" >"$TMPD/got"
    expect_file_eq "$TMPD/got" "$TMPD/want" "non-ASCII entry names in $o"
done

# ---- 6. SIGTERM in the middle of a big batch; an existing -o kept when a run fails --------
python3 - "$SRC" "$TMPD/big.tar" 3000 <<'EOF'
import io, os, sys, tarfile
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = [open(os.path.join(src, f), "rb").read() for f in sorted(os.listdir(src))]
ext = sorted(os.listdir(src))[0].rsplit(".", 1)[1]
with tarfile.open(out, "w") as t:
    for i in range(n):
        d = files[i % len(files)]
        ti = tarfile.TarInfo("big/%05d.%s" % (i, ext)); ti.size = len(d); t.addfile(ti, io.BytesIO(d))
EOF
sigterm_run() { # OUTPUT: starts a -j1 batch, sends SIGTERM once it has started writing
    "$NEWSCONV" "$TMPD/big.tar" -o "$1" -t $OUT -j1 -q 2>"$TMPD/err" &
    local pid=$! i
    for i in $(seq 100); do
        if [ -n "$(find "$TMPD" -maxdepth 3 -newer "$TMPD/big.tar" \( -name '*.tmp.*' -o -path '*/sig-dir/big/*' \) 2>/dev/null | head -n 1)" ]; then break; fi
        sleep 0.05
    done
    kill -TERM $pid
    wait $pid
    echo $?
}
rc=$(sigterm_run "$TMPD/sig-dir")
[ "$rc" -eq 143 ] || fail "SIGTERM: exit $rc, want 143: $(cat "$TMPD/err")"
grep -q "^newsconv: interrupted by SIGTERM: converted [0-9]* of [0-9]*, 0 failed" "$TMPD/err" ||
    fail "SIGTERM: no summary: $(cat "$TMPD/err")"
[ -z "$(find "$TMPD/sig-dir" -name '.newsconv-*' -o -name '*.tmp*')" ] || fail "SIGTERM: temporary files left"
done_n=$(find "$TMPD/sig-dir" -type f | wc -l)
[ "$done_n" -gt 0 ] && [ "$done_n" -lt 3000 ] || fail "SIGTERM: $done_n outputs (the test wants a run cut short)"
for f in $(find "$TMPD/sig-dir" -type f | sort | head -n 24); do # finished outputs are whole
    i=$((10#$(basename "$f" ".$OUT") % N))
    cmp -s "$f" "$TMPD/d1/$(printf '%06d' $((i + 1))).$OUT" || fail "SIGTERM: $f is not whole"
done
pass
echo "old contents" >"$TMPD/keep.tar.gz"
rc=$(sigterm_run "$TMPD/keep.tar.gz")
[ "$rc" -eq 143 ] || fail "SIGTERM (archive): exit $rc"
[ "$(cat "$TMPD/keep.tar.gz")" = "old contents" ] || fail "SIGTERM: the existing archive was changed"
[ -z "$(find "$TMPD" -maxdepth 1 -name 'keep.tar.gz.tmp.*')" ] || fail "SIGTERM: temporary archive left"
pass
# a run in which nothing converts leaves an existing -o as it was
nc "$B/000002b.$IN" "$B/000003b.$IN" -o "$TMPD/keep.tar.gz" -t $OUT 2>/dev/null
[ $? -eq 1 ] || fail "failed run: exit code"
[ "$(cat "$TMPD/keep.tar.gz")" = "old contents" ] || fail "a failed run changed the existing -o"
pass

# ---- 7. the single-document path is unchanged ---------------------------------------------
nc "$SRC/000001.$IN" -t $OUT >"$TMPD/one" 2>"$TMPD/err" || fail "single path failed"
cmp -s "$TMPD/one" "$TMPD/d1/000001.$OUT" && [ ! -s "$TMPD/err" ] || fail "single path output or stderr changed"
pass
expect_run 4 "$(cat "$TMPD/e1")" -- "$B/000002b.$IN" -t $OUT

# ---- 8. web archives (HTML pages) ---------------------------------------------------------
if have_reader html; then
    python3 - "$TMPD" <<'EOF'
import gzip, os, sys
d = sys.argv[1]
def rec(typ, uri, block, ctype):
    h = "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%d>\r\nWARC-Date: 2024-05-01T12:00:00Z\r\n" % (typ, len(block))
    if uri: h += "WARC-Target-URI: %s\r\n" % uri
    h += "Content-Type: %s\r\nContent-Length: %d\r\n\r\n" % (ctype, len(block))
    return h.encode() + block + b"\r\n\r\n"
def http(status, ctype, body, extra=""):
    return ("HTTP/1.1 %s\r\nContent-Type: %s\r\n%sContent-Length: %d\r\n\r\n" % (status, ctype, extra, len(body))).encode() + body
def page(title, text):
    return "<html><head><title>%s</title></head><body><article><h1>%s</h1><p>%s</p><p>%s</p></article></body></html>" % (title, title, text, text)
def chunked(b):
    return b"".join(b"%x\r\n" % len(b[i:i + 5]) + b[i:i + 5] + b"\r\n" for i in range(0, len(b), 5)) + b"0\r\n\r\n"
R = "application/http; msgtype=response"
recs = [
    rec("warcinfo", None, b"software: tests/batch.sh\r\n", "application/warc-fields"),
    rec("request", "http://news.example/a/story.html", b"GET /a/story.html HTTP/1.1\r\n\r\n", "application/http; msgtype=request"),
    rec("response", "http://news.example/a/story.html", http("200 OK", "text/html; charset=ISO-8859-1", page("Caf\u00e9 story", "R\u00e9sum\u00e9 of the caf\u00e9 story in Helsinki.").encode("latin-1")), R),
    rec("response", "http://news.example/logo.png", http("200 OK", "image/png", b"\x89PNG\r\n"), R),
    rec("response", "http://news.example/gone", http("404 Not Found", "text/html", b"<html>gone</html>"), R),
    rec("response", "http://news.example/b/?id=7", http("200 OK", "text/html; charset=utf-8", chunked(gzip.compress(page("Zipped", "A gzip and chunked page \u00fc.").encode())), "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n"), R),
    rec("resource", "http://news.example/", page("Home", "The home page.").encode(), "text/html"),
    rec("response", "http://news.example/empty", http("200 OK", "text/html", b""), R),
    rec("metadata", "http://news.example/", b"via: test\r\n", "application/warc-fields"),
]
open(os.path.join(d, "crawl.warc"), "wb").write(b"".join(recs))
open(os.path.join(d, "crawl.warc.gz"), "wb").write(b"".join(gzip.compress(r) for r in recs))
EOF
    for w in crawl.warc crawl.warc.gz; do
        rm -rf "$TMPD/w-out"
        nc "$TMPD/$w" -o "$TMPD/w-out" -t model -v 2>"$TMPD/err"
        [ $? -eq 1 ] || fail "$w: exit code: $(cat "$TMPD/err")"
        (cd "$TMPD/w-out" && find . -type f | sort) >"$TMPD/got"
        printf './news.example/a/story.model\n./news.example/b/index_id=7.model\n./news.example/index.model\n' >"$TMPD/want"
        expect_file_eq "$TMPD/got" "$TMPD/want" "$w: the pages"
        grep -q 'url "http://news.example/a/story.html"' "$TMPD/w-out/news.example/a/story.model" ||
            fail "$w: the page has no url from WARC-Target-URI"
        grep -q 'Résumé of the café story' "$TMPD/w-out/news.example/a/story.model" ||
            fail "$w: the ISO-8859-1 page was not read as such"
        grep -q 'A gzip and chunked page ü' "$TMPD/w-out/news.example/b/index_id=7.model" ||
            fail "$w: the gzip+chunked page"
        grep -qx "newsconv: $TMPD/$w:http://news.example/gone: HTTP status 404: skipped" "$TMPD/err" ||
            fail "$w: no note for the 404: $(cat "$TMPD/err")"
        grep -q "^newsconv: $TMPD/$w:http://news.example/empty: " "$TMPD/err" ||
            fail "$w: the empty page is not reported"
        expect_summary "$TMPD/err" "converted 3 of 4, 1 failed"
    done
else
    echo "note: no html reader: web archive tests skipped"
fi

# ---- 9. JSON Lines in and out; the GNU parallel recipe ----------------------------------------
if have_rw jsonl; then
    nc -r "$SRC" -t jsonl -o "$TMPD/all.jsonl" -q || fail "-t jsonl -o FILE failed"
    [ "$(wc -l <"$TMPD/all.jsonl")" -eq "$N" ] || fail "all.jsonl: $(wc -l <"$TMPD/all.jsonl") lines, want $N"
    nc -r "$SRC" -t jsonl -j1 -q | cmp -s - "$TMPD/all.jsonl" || fail "jsonl to stdout differs from -o FILE"
    # line by line, each line is what the single path gives for that article
    i=0
    while IFS= read -r line; do
        i=$((i + 1))
        nc "$SRC/$(printf '%06d' $i).$IN" -t jsonl -q | cmp -s - <(printf '%s\n' "$line") ||
            fail "all.jsonl line $i differs from the single conversion"
    done <"$TMPD/all.jsonl"
    pass
    # jsonl in: one item per line; a broken line is reported as FILE:LINE:COLUMN
    { head -n 3 "$TMPD/all.jsonl"; echo; echo '{"headline": "x", '; tail -n +4 "$TMPD/all.jsonl"; } >"$TMPD/mixed.jsonl"
    printf '%s' '{"headline": "x", ' | nc -f jsonl -t model 2>"$TMPD/e3" >/dev/null
    want_err=$(sed -E "s|^newsconv: <stdin>:1:|newsconv: $TMPD/mixed.jsonl:5:|; s|^newsconv: <stdin>: |newsconv: $TMPD/mixed.jsonl:5: |" "$TMPD/e3")
    for j in 1 2; do
        nc "$TMPD/mixed.jsonl" -t jsonl -j$j >"$TMPD/m$j.jsonl" 2>"$TMPD/err"
        [ $? -eq 1 ] || fail "mixed.jsonl: exit code"
        [ "$(head -n 1 "$TMPD/err")" = "$want_err" ] || fail "mixed.jsonl: got '$(head -n 1 "$TMPD/err")', want '$want_err'"
        expect_summary "$TMPD/err" "converted $N of $((N + 1)), 1 failed"
    done
    cmp -s "$TMPD/m1.jsonl" "$TMPD/all.jsonl" && cmp -s "$TMPD/m2.jsonl" "$TMPD/all.jsonl" ||
        fail "jsonl -> jsonl does not keep every good line in order"
    pass
    # jsonl to a directory: one file per line, named by a slug of the article (issue 16;
    # tests/streams.sh tests the names), or by the line number with --name-template '{n}'
    nc "$TMPD/all.jsonl" -o "$TMPD/jl-out" -t model -q || fail "jsonl -> dir"
    [ "$(ls "$TMPD/jl-out/all" | wc -l)" -eq "$N" ] || fail "jsonl -> dir: $(ls "$TMPD/jl-out/all" | wc -l) files, want $N"
    nc "$TMPD/all.jsonl" -o "$TMPD/jl-out-n" -t model -q --name-template '{n}' || fail "jsonl -> dir {n}"
    [ -f "$TMPD/jl-out-n/all/1.model" ] && [ -f "$TMPD/jl-out-n/all/$N.model" ] || fail "jsonl -> dir names: $(ls "$TMPD/jl-out-n/all" | head)"
    pass
    # stdin as JSON Lines with -f jsonl, and the GNU parallel recipe of docs/batch.md
    nc -f jsonl -t jsonl -q <"$TMPD/all.jsonl" | cmp -s - "$TMPD/all.jsonl" || fail "jsonl stdin -> stdout"
    pass
    # compressed JSON Lines
    gzip -c "$TMPD/all.jsonl" >"$TMPD/all.jsonl.gz"
    nc "$TMPD/all.jsonl.gz" -t jsonl -q | cmp -s - "$TMPD/all.jsonl" || fail ".jsonl.gz -> jsonl"
    pass
    if command -v parallel >/dev/null; then
        parallel --will-cite --pipe -k -N 5 "$NEWSCONV" -f jsonl -t jsonl -q <"$TMPD/all.jsonl" >"$TMPD/par.jsonl" ||
            fail "GNU parallel --pipe recipe failed"
        cmp -s "$TMPD/par.jsonl" "$TMPD/all.jsonl" || fail "GNU parallel --pipe output differs from a direct run"
        pass
        parallel --will-cite -k "$NEWSCONV" {} -t jsonl -q ::: "$SRC"/*."$IN" >"$TMPD/par2.jsonl" ||
            fail "GNU parallel per-file recipe failed"
        cmp -s "$TMPD/par2.jsonl" "$TMPD/all.jsonl" || fail "GNU parallel per-file output differs"
        pass
    else
        echo "note: GNU parallel missing: recipe not tested"
    fi
    # 10,000 articles with some broken ones, in one archive, to one JSON Lines stream
    # (not under a TEST_WRAPPER such as valgrind: the smaller cases above cover the code)
    [ -n "$TEST_WRAPPER" ] && { echo "batch: $checks checks (10,000-item case skipped under TEST_WRAPPER)"; exit 0; }
    python3 - "$TMPD/all.jsonl" "$TMPD/10k.tar.gz" "$SRC" <<'EOF'
import io, os, sys, tarfile
src = sys.argv[3]
files = [open(os.path.join(src, f), "rb").read() for f in sorted(os.listdir(src))]
ext = sorted(os.listdir(src))[0].rsplit(".", 1)[1]
with tarfile.open(sys.argv[2], "w:gz", compresslevel=1) as t:
    for i in range(10000):
        d = files[i % len(files)]
        if i % 1000 == 999:
            d = b"" if i % 2 else b"x\0y"
        ti = tarfile.TarInfo("k/%05d.%s" % (i, ext)); ti.size = len(d); ti.mtime = 1700000000
        t.addfile(ti, io.BytesIO(d))
EOF
    nc "$TMPD/10k.tar.gz" -t jsonl -o "$TMPD/10k.jsonl" 2>"$TMPD/err"
    [ $? -eq 1 ] || fail "10k: exit code"
    [ "$(wc -l <"$TMPD/10k.jsonl")" -eq 9990 ] || fail "10k: $(wc -l <"$TMPD/10k.jsonl") lines, want 9990"
    [ "$(grep -cE "^newsconv: $TMPD/10k.tar.gz:k/[0-9]{2}999\.$IN: " "$TMPD/err")" -eq 10 ] ||
        fail "10k: failures reported: $(grep -c "^newsconv: $TMPD/10k" "$TMPD/err")"
    expect_summary "$TMPD/err" "converted 9990 of 10000, 10 failed"
    python3 - "$TMPD/10k.jsonl" "$TMPD/all.jsonl" <<'EOF' || fail "10k: the stream is not every good item in order"
import sys
got = open(sys.argv[1], "rb").read().split(b"\n")[:-1]
lines = open(sys.argv[2], "rb").read().split(b"\n")[:-1]
want = [lines[i % len(lines)] for i in range(10000) if i % 1000 != 999]
sys.exit(0 if got == want else 1)
EOF
    pass
else
    echo "note: no jsonl format: JSON Lines tests skipped"
fi

# ---- warnings said once per kind; pages with no article body counted ----------------
# In a batch, what the output cannot hold is one line at the end, with the number of
# articles of each kind (the same fields are lost for every article of a format pair);
# -v and --strict say each per article. Other warnings are said per article and counted.
if have_reader json && have_reader markdown && have_reader html && have_rw json; then
    W=$TMPD/warn
    mkdir -p "$W"
    for i in 1 2 3; do cp fixtures/ninjs-full/article.json "$W/n$i.json"; done
    cp fixtures/full-metadata/article.md "$W/m1.md"
    cp fixtures/full-metadata/article.md "$W/m2.md"
    printf '<html><body><div></div></body></html>\n' >"$W/p1.html"
    printf '<html><body><nav>Home</nav></body></html>\n' >"$W/p2.html"
    nc -r "$W" -t json -o "$TMPD/warn-out" --no-detect 2>"$TMPD/err" || fail "warnings: exit $?: $(cat "$TMPD/err")"
    sed -E 's/ in [0-9.]+ s$/ in T s/' "$TMPD/err" >"$TMPD/got"
    cat >"$TMPD/want" <<EOF
newsconv: warning: $W/p1.html: html: no article body found in $W/p1.html
newsconv: warning: $W/p2.html: html: no article body found in $W/p2.html
newsconv: warnings: not carried into json: expires, extra (2 articles); html: no article body found (2 articles) (-v shows each)
newsconv: converted 7 of 7, 0 failed, 2 with no article body, in T s
EOF
    expect_file_eq "$TMPD/got" "$TMPD/want" "a batch's warnings by kind"
    # -v: each warning of each article, and the count
    rm -rf "$TMPD/warn-out"
    nc -r "$W" -t json -o "$TMPD/warn-out" -v --no-detect 2>"$TMPD/err" || fail "warnings -v: exit $?"
    [ "$(grep -c "^newsconv: warning: $W/m1.md: .*json cannot hold" "$TMPD/err")" -eq 9 ] ||
        fail "-v does not say each warning: $(grep -c "json cannot hold" "$TMPD/err")"
    grep -qx "newsconv: warnings: not carried into json: expires, extra (2 articles); html: no article body found (2 articles)" "$TMPD/err" ||
        fail "-v: no summary of warnings: $(cat "$TMPD/err")"
    pass
    # -q: nothing; --strict: the lossy items fail, each warning said
    rm -rf "$TMPD/warn-out"
    nc -r "$W" -t json -o "$TMPD/warn-out" -q 2>"$TMPD/err" || fail "warnings -q: exit $?"
    [ ! -s "$TMPD/err" ] || fail "-q printed: $(cat "$TMPD/err")"
    rm -rf "$TMPD/warn-out"
    nc -r "$W" -t json -o "$TMPD/warn-out" --strict --no-detect 2>"$TMPD/err"
    [ $? -eq 1 ] || fail "--strict batch: exit code"
    [ "$(grep -c "^newsconv: warning: $W/m2.md: .*json cannot hold" "$TMPD/err")" -eq 9 ] ||
        fail "--strict does not say what fails the item: $(cat "$TMPD/err")"
    expect_summary "$TMPD/err" "converted 3 of 7, 4 failed, 2 with no article body"
fi

echo "batch: $checks checks"
