#!/usr/bin/env bash
# The feed writers (-t rss, atom, jsonfeed, sitemap; docs/feeds-write.md): golden feeds made
# from the fixtures (md, html, json, newsml), every feed validated (Atom against the RELAX NG
# schema of RFC 4287, sitemaps against the sitemaps.org and Google News XSDs, RSS 2.0 and
# JSON Feed 1.1 with tests/tools/feedcheck.c), the order (newest first, ties in input
# order), ids, determinism, one-item feeds, batches with a bad file, hostile text, -o.
# Usage: tests/feeds-write.sh   (from the repository root). Stops at the first failure.
#   tests/feeds-write/golden/NAME.EXT   what the calls below write (regenerate one only
#                                       after reading the diff: NC_GOLDEN_UPDATE=1)
set -u
. tests/testlib.bash
D=tests/feeds-write
G=$D/golden
S=formats/feed/schemas
B=${B:-build}
[ -x "$NEWSCONV" ] || fail "$NEWSCONV is not built (run make)"
command -v xmllint >/dev/null || fail "xmllint is missing (Debian: libxml2-utils)"

# ---- the checker -----------------------------------------------------------------------
CHECK=$B/tests/feedcheck
mkdir -p "$B/tests"
if [ ! -x "$CHECK" ] || [ tests/tools/feedcheck.c -nt "$CHECK" ]; then
    ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -O2 $(pkg-config --cflags libxml-2.0 jansson) \
        tests/tools/feedcheck.c -o "$CHECK" $(pkg-config --libs libxml-2.0 jansson) ||
        fail "cannot build $CHECK"
fi
# both sitemap schemas at once: a url's news:news is validated strictly
cat >"$TMPD/sitemap-all.xsd" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="$PWD/$S/sitemap.xsd"/>
  <xsd:import namespace="http://www.google.com/schemas/sitemap-news/0.9" schemaLocation="$PWD/$S/sitemap-news.xsd"/>
</xsd:schema>
EOF

# valid FORMAT FILE: the feed follows its format's rules (and is newest first)
valid() {
    local out
    case $1 in
    rss | jsonfeed) out=$("$CHECK" --newest-first "$1" "$2" 2>&1) ;;
    atom)
        out=$(xmllint --noout --nonet --relaxng $S/atom.rng "$2" 2>&1) &&
            out=$(atom_authors "$2") ;;
    sitemap) out=$(xmllint --noout --nonet --schema "$TMPD/sitemap-all.xsd" "$2" 2>&1) ;;
    esac || fail "$1 feed $2 is not valid: $(printf '%s\n' "$out" | tail -5)"
    pass
}
# RFC 4287 4.1.1 (a Schematron rule of the appendix): an author in the feed or in each entry
atom_authors() {
    local feed entries authored
    feed=$(xmllint --xpath 'count(/*[local-name()="feed"]/*[local-name()="author"])' "$1")
    entries=$(xmllint --xpath 'count(//*[local-name()="entry"])' "$1")
    authored=$(xmllint --xpath 'count(//*[local-name()="entry"][*[local-name()="author"]])' "$1")
    [ "$feed" -gt 0 ] || [ "$entries" = "$authored" ] || {
        echo "$1: $((entries - authored)) entries without an author, and none in the feed"
        return 1
    }
}
# the checkers can fail
printf '<rss version="2.0"><channel><title>t</title><description>d</description><item><guid>x</guid><pubDate>Mon, 11 Jul 2019 10:00:00 GMT</pubDate></item></channel></rss>\n' >"$TMPD/bad.rss"
"$CHECK" rss "$TMPD/bad.rss" >"$TMPD/out" && fail "feedcheck passed a broken RSS feed"
for want in "has 0 <link>" "neither a title nor a description" "permalink guid 'x'" "is no RFC 822 date"; do
    grep -qF "$want" "$TMPD/out" || fail "feedcheck did not say '$want': $(cat "$TMPD/out")"
done
printf '{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{"id": 1, "url": "/a", "date_published": "2019-07-11"}]}\n' >"$TMPD/bad.json"
"$CHECK" jsonfeed "$TMPD/bad.json" >"$TMPD/out" && fail "feedcheck passed a broken JSON Feed"
for want in "id is not a string" "neither content_html" "url '/a' is not an absolute URL" "no RFC 3339"; do
    grep -qF "$want" "$TMPD/out" || fail "feedcheck did not say '$want': $(cat "$TMPD/out")"
done
pass

ext() { case $1 in rss) echo rss ;; atom) echo atom ;; jsonfeed) echo json ;; sitemap) echo xml ;; esac; }

# golden FORMAT NAME ARGS...: stdout of `newsconv ARGS -t FORMAT` equals golden/NAME.EXT,
# and the feed is valid
golden() {
    local fmt=$1 name=$2 want
    shift 2
    want=$G/$name.$(ext "$fmt")
    nc "$@" -t "$fmt" -q >"$TMPD/got" 2>"$TMPD/err" ||
        fail "newsconv $* -t $fmt: exit $?: $(cat "$TMPD/err")"
    if [ "${NC_GOLDEN_UPDATE:-}" = 1 ]; then
        mkdir -p $G
        cp "$TMPD/got" "$want"
    fi
    expect_file_eq "$TMPD/got" "$want" "newsconv $* -t $fmt"
    valid "$fmt" "$want"
}

# ---- golden feeds from the fixtures: md, html, json (ninjs), newsml, nitf ---------------
FIX="fixtures/helsinki/article.md fixtures/full-metadata/article.html fixtures/ninjs-full/article.json
     fixtures/newsml-full/article.xml fixtures/helsinki/article.nitf.xml"
CHAN=(--feed-title "Example News" --feed-url https://news.example/ --feed-description "All the news")
for f in rss atom jsonfeed sitemap; do
    # shellcheck disable=SC2086
    golden $f fixtures $FIX "${CHAN[@]}"
done
golden atom fixtures-xhtml $FIX "${CHAN[@]}" --atom-content xhtml
# one article is a one-item feed, with the channel taken from the article
for f in rss atom jsonfeed; do
    golden $f one fixtures/full-metadata/article.md
done
golden sitemap one fixtures/full-metadata/article.md
grep -c '<item>' $G/one.rss | grep -qx 1 || fail "one article did not make a one-item RSS feed"
pass

# ---- the order: newest first (published, else modified), undated last, ties in input order
ORDER="$D/order/1-zoned.md $D/order/2-utc.md $D/order/3-undated.md $D/order/4-modified.md
       $D/order/5-date.md $D/order/6-tie.md $D/order/7-undated.md"
for f in rss atom jsonfeed; do
    # shellcheck disable=SC2086
    golden $f order $ORDER --feed-url https://news.example/
done
# the titles in feed order
got=$(grep -o '<title>[^(]*' $G/order.rss | tail -n +2 | sed 's/<title>//; s/ $//' | tr '\n' ' ')
[ "$got" = "Four Two Six One Five Three Seven " ] || fail "RSS order: got '$got'"
pass
got=$(python3 -c 'import json,sys; print(" ".join(i["title"].split()[0] for i in json.load(open(sys.argv[1]))["items"]))' $G/order.json)
[ "$got" = "Four Two Six One Five Three Seven" ] || fail "JSON Feed order: got '$got'"
pass
# the same order from a directory walk (sorted names) and whatever -j is
for j in 1 4; do
    nc -r $D/order -t rss --feed-url https://news.example/ -j$j -q >"$TMPD/j$j.rss" 2>"$TMPD/err" ||
        fail "-r order -j$j: $(cat "$TMPD/err")"
    expect_file_eq "$TMPD/j$j.rss" $G/order.rss "-r $D/order -t rss -j$j"
done
# in reversed input order only the ties and the undated items change places
# shellcheck disable=SC2086
nc $(printf '%s\n' $ORDER | tac) -t rss --feed-url https://news.example/ -q >"$TMPD/rev.rss"
got=$(grep -o '<title>[^(]*' "$TMPD/rev.rss" | tail -n +2 | sed 's/<title>//; s/ $//' | tr '\n' ' ')
[ "$got" = "Four Six Two One Five Seven Three " ] || fail "reversed input order: got '$got'"
pass

# ---- ids: the model id, else the stable id (the same for the same article) ---------------
grep -qF '<guid isPermaLink="false">urn:example:1</guid>' $G/order.rss || fail "model id not the guid"
sid=$(grep -o 'urn:newsconv:[0-9a-f]*' $G/order.rss | sort -u | tr '\n' ' ')
[ "$(echo "$sid" | wc -w)" = 2 ] || fail "two articles without id should have two stable ids: $sid"
nc $D/order/7-undated.md -t rss -q | grep -qF "$(echo "$sid" | tr ' ' '\n' | while read -r i; do
    nc $D/order/7-undated.md -t rss -q | grep -o "$i"; done | head -1)" || fail "stable id changed"
# a relative url is made absolute against --feed-url (item 3's "/2024/03/three")
grep -qF '<link>https://news.example/2024/03/three</link>' $G/order.rss || fail "relative url not resolved"
pass
# the same id twice: the later article is left out, with a warning naming it
cp fixtures/ninjs-full/article.json "$TMPD/copy.json"
nc fixtures/ninjs-full/article.json "$TMPD/copy.json" -t jsonfeed >"$TMPD/dup.json" 2>"$TMPD/err" ||
    fail "duplicate ids: exit $?"
grep -qF "newsconv: warning: $TMPD/copy.json: an earlier article has the same id 'https://news.example.com/id/2019/07/11/helsinki-talks': this one is left out" "$TMPD/err" ||
    fail "no warning for a repeated id: $(cat "$TMPD/err")"
[ "$(grep -c '"id":' "$TMPD/dup.json")" = 1 ] || fail "a repeated id was written twice"
valid jsonfeed "$TMPD/dup.json"

# ---- determinism: the same bytes twice; no time of the run in the feed ------------------
for f in rss atom jsonfeed sitemap; do
    # shellcheck disable=SC2086
    nc $FIX "${CHAN[@]}" -t $f -q -j3 >"$TMPD/again"
    expect_file_eq "$TMPD/again" "$G/fixtures.$(ext $f)" "second run of -t $f (-j3)"
done
grep -q "$(date -u +%Y-%m-%d)\|$(date -u '+%d %b %Y')" $G/*.* && fail "a golden feed holds today's date"
pass

# ---- channel data: the newest item's date, no "now" --------------------------------------
grep -qF '<lastBuildDate>Tue, 05 Mar 2024 00:00:00 Z</lastBuildDate>' $G/order.rss ||
    fail "lastBuildDate is not the latest date of an item (Six's modification)"
grep -qF '<updated>2024-03-05T00:00:00Z</updated>' $G/order.atom || fail "atom updated is not the newest"
pass

# ---- a batch with a bad file: the feed comes out with the good items, exit 1 -------------
cp fixtures/invalid/front-matter-not-a-map/input.md "$TMPD/bad.md"
expect_run 1 "newsconv: $TMPD/bad.md:2:1: front matter is not a YAML mapping of keys to values (it is a list)" -- \
    $D/order/1-zoned.md "$TMPD/bad.md" $D/order/2-utc.md -t atom -o "$TMPD/part.atom"
grep -qF 'converted 2 of 3, 1 failed' "$TMPD/err" || fail "summary: $(cat "$TMPD/err")"
[ "$(grep -c '<entry[ >]' "$TMPD/part.atom")" = 2 ] || fail "the good items are not in the feed"
valid atom "$TMPD/part.atom"
# every item bad: no feed file
cp "$TMPD/bad.md" "$TMPD/bad2.md"
expect_run 1 "" -- "$TMPD/bad.md" "$TMPD/bad2.md" -t rss -o "$TMPD/none.rss"
[ -e "$TMPD/none.rss" ] && fail "a feed of failed items was written"
pass

# ---- hostile text: controls, ]]>, --, script, javascript: (removed by the policy) --------
for f in rss atom jsonfeed sitemap; do
    nc $D/hostile.md -t $f --feed-title "T -- ]]> <x>" -q >"$TMPD/h.$f" || fail "hostile -t $f: exit $?"
    valid $f "$TMPD/h.$f"
    grep -qi 'javascript' "$TMPD/h.$f" && fail "-t $f kept a javascript: address"
    LC_ALL=C grep -qP '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]' "$TMPD/h.$f" &&
        fail "-t $f wrote a control character"
    pass
done
grep -qF '<title>Breaking -- news ]]&gt; &lt;b&gt;bold&lt;/b&gt; &amp; "quotes" bell 2J</title>' "$TMPD/h.rss" ||
    fail "hostile title not escaped as expected: $(grep -m2 '<title>' "$TMPD/h.rss")"
grep -q '<script' "$TMPD/h.rss" && fail "a raw <script> element in the RSS XML"
python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["items"][0]["title"]; sys.exit(t != "Breaking -- news ]]> <b>bold</b> & \"quotes\" bell 2J")' "$TMPD/h.jsonfeed" ||
    fail "hostile title changed in JSON Feed"
pass

nc $D/hostile.md -t atom --atom-content xhtml -q >"$TMPD/h.xhtml.atom" || fail "hostile xhtml: exit $?"
valid atom "$TMPD/h.xhtml.atom"

# ---- a feed larger than the joiner keeps in memory (1 MiB): entries from a temporary file
nc fixtures/full-metadata/article.md -t jsonl -q >"$TMPD/one.jsonl"
python3 - "$TMPD/one.jsonl" "$TMPD/many.jsonl" <<'PY'
import json, sys
a = json.loads(open(sys.argv[1]).read())
with open(sys.argv[2], "w") as out:
    for i in range(1000):
        a["uri"] = "urn:example:many:%d" % i
        a["firstCreated"] = "2019-07-%02dT%02d:%02d:00Z" % (1 + (i * 7) % 28, (i * 13) % 24, i % 60)
        out.write(json.dumps(a) + "\n")
PY
nc "$TMPD/many.jsonl" -t rss -o "$TMPD/many.rss" -q -j2 || fail "1000-item feed: exit $?"
[ "$(stat -c %s "$TMPD/many.rss")" -gt 1500000 ] || fail "the 1000-item feed is smaller than expected"
[ "$(grep -c '<item>' "$TMPD/many.rss")" = 1000 ] || fail "the 1000-item feed lost items"
valid rss "$TMPD/many.rss"

# ---- sitemap: articles without what Google News needs are left out, named ----------------
# (--no-detect: the Helsinki article declares no language, and none is detected)
nc fixtures/helsinki/article.md $D/order/7-undated.md $D/order/2-utc.md -t sitemap --no-detect \
    --feed-url https://news.example/ >"$TMPD/s.xml" 2>"$TMPD/err" || fail "sitemap: exit $?"
grep -qF "newsconv: warning: fixtures/helsinki/article.md: sitemap: left out: no language" "$TMPD/err" ||
    fail "no warning for an article without a language: $(cat "$TMPD/err")"
grep -qF "newsconv: warning: $D/order/7-undated.md: sitemap: left out: no url" "$TMPD/err" ||
    fail "no warning for an article without a url: $(cat "$TMPD/err")"
[ "$(grep -c '<url>' "$TMPD/s.xml")" = 1 ] || fail "sitemap should list one url"
valid sitemap "$TMPD/s.xml"
expect_run 6 "" -- $D/order/7-undated.md -t sitemap --strict

# ---- round trips: feed -> feed and feed -> md/json/newsml -> feed keep the items ----------
# (tests/feeds-write/roundtrip.py compares the -t model dumps item by item)
RT=$D/roundtrip.py
# it can fail: a feed of today's writers whose content held the whole html fragment
printf 'article\n  headline "A"\nbody\n  paragraph\n    text "x"\n' >"$TMPD/rt.a"
printf 'article\n  headline "A"\nbody\n  paragraph\n    text "A"\n  paragraph\n    text "x"\n' >"$TMPD/rt.b"
python3 $RT "$TMPD/rt.a" "$TMPD/rt.b" >"$TMPD/out" && fail "roundtrip.py passed a headline in the body"
grep -qF '+ text "A"' "$TMPD/out" || fail "roundtrip.py did not name the difference: $(cat "$TMPD/out")"
# roundtrip FORMAT FEED [WRITER OPTIONS...]: FEED -t FORMAT, read back, the same items
roundtrip() {
    local fmt=$1 in=$2
    shift 2
    local rc=0
    # (exit 1: tests/feeds/feed.json holds an item that is no object, on both sides)
    nc "$in" -t model -q >"$TMPD/rt.a" 2>/dev/null || rc=$?
    [ $rc -le 1 ] || fail "$in -t model: exit $rc"
    nc "$in" -t "$fmt" "$@" -q -o "$TMPD/rt.$(ext "$fmt")" 2>/dev/null || rc=$?
    [ $rc -le 1 ] || fail "$in -t $fmt: exit $rc"
    valid "$fmt" "$TMPD/rt.$(ext "$fmt")"
    nc -f "$fmt" "$TMPD/rt.$(ext "$fmt")" -t model -q >"$TMPD/rt.b" || fail "reading back $in: exit $?"
    python3 $RT "$TMPD/rt.a" "$TMPD/rt.b" ${RT_IGNORE:+--ignore "$RT_IGNORE"} >"$TMPD/out" ||
        fail "$in -t $fmt and back: $(head -20 "$TMPD/out")"
    pass
}
roundtrip rss $D/roundtrip/full.rss
roundtrip rss tests/feeds/rss2.rss
# RFC 822 has no date without a time: a date is written as its midnight
RT_IGNORE='^  published 2019-07-11' roundtrip rss tests/feeds/rss1.rdf
roundtrip atom $D/roundtrip/full.atom
roundtrip atom $D/roundtrip/full.atom --atom-content xhtml
roundtrip jsonfeed $D/roundtrip/full.json
roundtrip atom tests/feeds/atom.atom
roundtrip atom tests/feeds/atom.atom --atom-content xhtml
roundtrip jsonfeed tests/feeds/feed.json
roundtrip jsonfeed tests/feeds/feed10.json
# through md, json (ninjs) and newsml: a directory of articles, then a feed again
for src in rss:$D/roundtrip/full.rss atom:$D/roundtrip/full.atom jsonfeed:$D/roundtrip/full.json \
    rss:tests/feeds/rss2.rss atom:tests/feeds/atom.atom jsonfeed:tests/feeds/feed.json; do
    fmt=${src%%:*} in=${src#*:}
    nc "$in" -t model -q >"$TMPD/rt.a" 2>/dev/null
    for mid in md json newsml; do
        rm -rf "$TMPD/mid"
        nc "$in" -t $mid -q -o "$TMPD/mid/" 2>/dev/null || [ $? = 1 ] || fail "$in -t $mid: exit $?"
        nc -r "$TMPD/mid" -t "$fmt" -q -o "$TMPD/rt.feed" || fail "$in -t $mid -t $fmt: exit $?"
        nc -f "$fmt" "$TMPD/rt.feed" -t model -q >"$TMPD/rt.b"
        # ninjs has no place for a subject's scheme without a code, nor for the channel logo
        python3 $RT "$TMPD/rt.a" "$TMPD/rt.b" --ignore '^  extra "publisher_logo"' \
            --ignore '^  subject name="Politics"' >"$TMPD/out" ||
            fail "$in -> $mid -> $fmt: $(head -20 "$TMPD/out")"
        pass
    done
done
# a bounded sample of the feedparser corpus, each feed into its own format and back; what a
# format cannot hold is left aside: the channel data a writer must invent (a title, an
# Atom author and date), Atom 1.0's missing created date, a detected language written as
# declared, relative addresses without --feed-url
RTIGN=(--ignore '^  publisher "Articles"$' --ignore '^  author name="Articles"$'
    --ignore '^  modified 1970-01-01T00:00:00Z$' --ignore '^  extra "publisher_url"'
    --ignore '^  language_detected' --ignore '"/relative/' --ignore '^  created ')
n=0
while IFS= read -r -d '' f; do
    fmt=
    for k in rss atom; do
        if nc -f $k "$f" -t model -q >"$TMPD/rt.a" 2>/dev/null; then fmt=$k; break; fi
    done
    [ -n "$fmt" ] || continue
    nc -f $fmt "$f" -t $fmt -o "$TMPD/rt.feed" 2>"$TMPD/err" || fail "$f -t $fmt: exit $?"
    grep -qF 'an earlier article has the same id' "$TMPD/err" && continue # empty items
    nc -f $fmt "$TMPD/rt.feed" -t model -q >"$TMPD/rt.b" || fail "reading back $f: exit $?"
    python3 $RT "$TMPD/rt.a" "$TMPD/rt.b" "${RTIGN[@]}" >"$TMPD/out" ||
        fail "$f -t $fmt and back: $(head -20 "$TMPD/out")"
    n=$((n + 1))
done < <(corpus_files ../shared/corpus/feeds)
[ "$n" -gt 20 ] || fail "only $n corpus feeds round-tripped"
pass

# ---- what an item cannot hold: one warning naming it; fatal under --strict --------------
# Atom and JSON Feed entries cannot name a publisher: the feed's title does; a publisher
# that is not the title is said (once for the feed), fatal under --strict; RSS names it
for f in atom jsonfeed; do
    expect_run 0 "newsconv: warning: $D/order/1-zoned.md: $f: an entry cannot name its publisher, and the feed's title 'Other' is not the articles' publisher 'Example News': dropped" -- \
        $D/order/1-zoned.md -t $f --feed-title Other
    expect_run 0 "" -- -r $D/order -t $f --feed-url https://news.example/ -M modified=2024-01-01 -q -o "$TMPD/pub.$f"
    nc -r $D/order -t $f --feed-title Other --feed-url https://news.example/ -M modified=2024-01-01 \
        -o "$TMPD/pub2.$f" 2>"$TMPD/err" || fail "-t $f with another title failed"
    grep -qxF "newsconv: warning: $D/order: $f: an entry cannot name its publisher, and the feed's title 'Other' is not the articles' publisher 'Example News': dropped" "$TMPD/err" ||
        fail "-r -t $f: no publisher warning after the batch: $(cat "$TMPD/err")"
    rm -f "$TMPD/pub3.$f"
    expect_run 6 "" -- -r $D/order -t $f --feed-title Other --feed-url https://news.example/ -M modified=2024-01-01 --strict -o "$TMPD/pub3.$f"
    [ ! -e "$TMPD/pub3.$f" ] || fail "-t $f --strict: a feed was written despite the lost publishers"
done
nc $D/order/1-zoned.md -t rss --feed-title Other 2>"$TMPD/err" >/dev/null || fail "-t rss --feed-title failed"
! grep -q "publisher" "$TMPD/err" || fail "rss names an item's publisher, yet: $(cat "$TMPD/err")"
expect_run 0 "newsconv: warning: fixtures/full-metadata/article.md: rss: an item cannot hold: version, subheadline, byline, provider, copyright_holder, usage_terms, credit, dateline, location, section, slugline, pubstatus, ednote, the embargo date, the expires date, the urgency, 1 genre, the roles or affiliations of 2 authors, the web addresses of 1 author, the codes of 1 subject, 3 links, 1 alternative text, 1 rendition, 8 extra fields; dropped" -- \
    fixtures/full-metadata/article.md -t rss -o "$TMPD/w.rss"
expect_run 6 "" -- fixtures/full-metadata/article.md -t rss --strict -o "$TMPD/w.rss"
# the editorial note is internal: never in a feed, not even in its HTML
for f in rss atom jsonfeed; do
    nc fixtures/newsml-full/article.xml -t $f -q --keep-internal >"$TMPD/ed" 2>/dev/null
    grep -q 'Corrects the spelling' "$TMPD/ed" && fail "-t $f wrote the editorial note"
    nc fixtures/newsml-full/article.xml -t $f 2>&1 >/dev/null | grep -q 'html does not publish' &&
        fail "-t $f still calls the html writer (its edNote warning)"
done
pass

# ---- Atom: an entry without a date takes the feed's newest date; a sitemap with no url is
# an error (exit 4), nothing written -------------------------------------------------------
# the feed, Six (modified then) and the two undated entries
grep -c '<updated>2024-03-05T00:00:00Z</updated>' $G/order.atom | grep -qx 4 ||
    fail "undated Atom entries did not take the newest date"
nc $D/order/7-undated.md -t atom -q | grep -qF '<updated>1970-01-01T00:00:00Z</updated>' ||
    fail "an Atom feed without any date should say 1970-01-01"
expect_run 4 "newsconv: $D/order/7-undated.md: sitemap: no article has what a Google News sitemap needs (a url, a headline, a publication date, a language, a publisher): nothing written (the sitemap schema does not accept an empty urlset)" -- \
    $D/order/7-undated.md -t sitemap -q -o "$TMPD/empty.xml"
[ -e "$TMPD/empty.xml" ] && fail "an empty sitemap was written"
pass

# ---- channel data from --metadata-file's feed: map; the command line wins -----------------
for f in rss atom jsonfeed; do
    golden $f metafile $D/order/1-zoned.md $D/order/2-utc.md --metadata-file $D/channel.yaml \
        --feed-description "From the command line"
done
grep -qF '<title>File Title</title>' $G/metafile.rss || fail "feed: title not the channel's"
grep -qF '<description>From the command line</description>' $G/metafile.rss ||
    fail "--feed-description did not win over the file"
grep -qF '<logo>https://file.example/logo.png</logo>' $G/metafile.atom || fail "feed: image not the Atom logo"
grep -qF '"icon": "https://file.example/logo.png"' $G/metafile.json || fail "feed: image not the JSON Feed icon"
nc $D/order/1-zoned.md --metadata-file $D/channel.json -t rss --feed-title "CLI" -q >"$TMPD/m.rss"
grep -qF '<title>CLI</title>' "$TMPD/m.rss" || fail "--feed-title did not win over a JSON file"
grep -qF '<link>https://json-file.example/</link>' "$TMPD/m.rss" || fail "feed: url of a JSON file"
valid rss "$TMPD/m.rss"
# not a feed: the map says nothing and is no extra field of the articles
expect_run 0 "" -- $D/order/1-zoned.md --metadata-file $D/channel.yaml -t model -o "$TMPD/m.model"
grep -q 'feed' "$TMPD/m.model" && fail "the feed: map became an extra field"
printf 'feed:\n  url: news.example\n' >"$TMPD/badurl.yaml"
expect_run 2 "newsconv: $TMPD/badurl.yaml: feed: url: not an absolute URL: 'news.example'" -- \
    $D/order/1-zoned.md --metadata-file "$TMPD/badurl.yaml" -t rss
pass

# ---- -o: a file (any extension), never a directory or an archive ------------------------
expect_run 0 "" -- -r $D/order -t jsonfeed -o "$TMPD/feed.json" -q
expect_file_eq "$TMPD/feed.json" "$TMPD/feed.json" "-o FILE"
"$CHECK" jsonfeed "$TMPD/feed.json" >/dev/null || fail "-o feed.json is not a JSON Feed"
expect_run 0 "" -- -r $D/order -t rss -o "$TMPD/feed.xml" -q
grep -q '^<rss' "$TMPD/feed.xml" || fail "-o feed.xml did not get RSS"
for o in "$TMPD/dir/" "$TMPD/feeds.tar.gz"; do
    expect_run 2 "newsconv: -t atom writes all the articles into one feed: give -o FILE (not a directory or an archive) or write to stdout" -- \
        -r $D/order -t atom -o "$o"
done
expect_run 0 "newsconv: warning: --feed-title does nothing when reading markdown and writing markdown (it is an option of a feed format)" -- \
    $D/order/1-zoned.md -t md --feed-title x
expect_run 2 "newsconv: --feed-url: not an absolute URL: 'news.example'" -- \
    $D/order/1-zoned.md -t rss --feed-url news.example
expect_run 2 "newsconv: $D/order/1-zoned.md: --atom-content: 'html' or 'xhtml', not 'svg'" -- $D/order/1-zoned.md -t atom --atom-content svg
# ---- out of memory (tests/oom.sh's shim): a failed allocation anywhere gives exit 7 (one
# conversion) or 1/7 (a batch, the feed of the items that converted, valid), never a crash
SHIM=$B/tests/failmalloc.so
if [ -f "$SHIM" ] && [ -z "$TEST_WRAPPER" ] && ! ldd "$NEWSCONV" | grep -q libasan; then
    OOM_IN="fixtures/full-metadata/article.md fixtures/ninjs-full/article.json fixtures/newsml-full/article.xml"
    for f in rss atom jsonfeed sitemap; do
        for n in $(seq 37 173 2800); do
            rc=0
            rm -f "$TMPD/oom.feed"
            # shellcheck disable=SC2086
            NC_FAIL_AT=$n LD_PRELOAD=$SHIM timeout -k 2 10 "$NEWSCONV" -q -j1 $OOM_IN -t $f \
                --feed-url https://news.example/ -o "$TMPD/oom.feed" 2>"$TMPD/err" || rc=$?
            case $rc in
            0) valid $f "$TMPD/oom.feed" ;;
            1 | 7)
                grep -q "out of memory" "$TMPD/err" || fail "-t $f, allocation $n failing: exit $rc without 'out of memory': $(cat "$TMPD/err")"
                [ ! -e "$TMPD/oom.feed" ] || valid $f "$TMPD/oom.feed" ;;
            *) fail "-t $f, allocation $n failing: exit $rc: $(head -3 "$TMPD/err")" ;;
            esac
        done
    done
    pass
else
    echo "note: $SHIM not built (make check builds it) or a sanitizer/wrapper run: no out-of-memory check"
fi
echo "feeds-write: $checks checks passed"
