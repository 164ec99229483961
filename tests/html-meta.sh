#!/usr/bin/env bash
# HTML metadata: headline, authors and publication date read from small hand-written pages
# (tests/html-meta/NAME.html), one rule each; NAME.expect holds the exact headline, author
# and published lines of the model (`newsconv NAME.html -t model`). Cases:
#   org-staff       "By Our Foreign Staff" is one organisation, not "Our"
#   org-amp         "Von Mac & i": "&" between one-word parts joins an organisation name
#   user-id         "Posted by CC7567": a user id is no author (not "CC")
#   bracket         "Steven Miller (stevenhgm)": the bracketed handle goes, the name stays whole
#   job-title       "Mark Di Stefano BuzzFeed News Reporter": employer and job title go
#   three           "By A, B and C": three authors, particles and accents kept
#   ld-person-org   JSON-LD author [Organization, Person]: the person only
#   org-then-visible JSON-LD Organization author (the site itself) and a person printed on
#                   the page: the person; the date printed next to the name
#   date-line       a bare date line under the <h1>; a related post's date further down is not it
#   by-line         "by: Name, Dec 17, 2025" under the <h1> (no class, no metadata)
#   title-suffix    " - Site" dropped from the title by og:site_name; the headline is an <h2>
#   seo-title       og:title is a search title unlike the article's one <h1>: the <h1>
#   banner-h1       the page's only <h1> sits in a chrome-named banner just before the text
#   h1-pullquote    an <h1> after the first paragraph (a pull quote) is not the headline
#   sr-label        a screen-reader-only "Author" label stays out of the printed byline
#   footer-rel-author  a rel=author link in the post's footer (chrome) is the author
#   name-date-glued <p>Name</p><small>Date</small>: the name ends at the block, not "NameDecember"
#   login-author    meta author "andrew.keaveney" (a CMS login): the name printed on the page
#   webpage-ld      a JSON-LD WebPage with headline and author (newsletter platforms) is the article
#   header-byline   a byline box in a header-named (chrome) block between headline and text;
#                   an author box after the text in chrome is not it
#   org-meta-staff  JSON-LD author "Harbour Staff": a staff credit stays whole from metadata too
#   label-row       "Published" and the date in a chrome-named label row of the headline's
#                   header block; a related card's date in the sidebar is not it
#   pub-label       a "Posted on" line and its date under a two-paragraph standfirst
#   time-pubdate    JSON-LD datePublished rewritten to the modification time; the article's
#                   <time pubdate> wins (a comment's <time pubdate> does not)
#   dated-h1        the <h1> prints the post's date before the og:title headline: the
#                   og:title stays the headline (no date in it)
#   outvoted-ld     the JSON-LD headline ("Meal plans") is no title the page shows; og:title,
#                   <title> and the one <h1> agree: theirs is the headline
#   utc-same-moment article:published_time in UTC, the page's <time> the same moment in the
#                   author's zone: the page's zone (and calendar day); a comment's time is not it
#   cms-prefixed-date  a published-date meta under a CMS prefix ("acme-published-date")
#   site-byline     the byline box prints only the site's own name (og:site_name) over the
#                   date: the organisation is the author
#   header-byline-inside  a byline box in a chrome-named block under the <h1>, inside the
#                   <article> that holds the headline and the text: it, not the author box
#                   after the article
#   name-on-date    "By: Name on 12-03-2021 9:05:00": the name ends at the lower-case "on"
#   card-date       an author card at the end of the post: the name in one <p>, the date in
#                   the next; the card's date dates the page
#   date-name-line  "2025-11-04 · Ingrid Solberg" under the <h1>, no "By" and no class (the
#                   name in a block of its own after the dot): the name is the author
#   wire-dateline   a summary that opens with the wire's byline and dateline ("By Name
#                   CITY, Mar 4, 2025 (AGENCY) - ..."): the author and the date
#   name-dash-team  JSON-LD author "Name - Brightlane Editorial Team": the person; the team
#                   after the dash is no co-author
#   card-job-title  author cards whose title line is "Principal Programmer" (company and tech
#                   blogs' job words): a title, not a third author
#   aside-time      the post's <time> in the <article>'s own <aside> meta box; a sidebar
#                   <aside> of recent posts is not it
#   url-date        nothing dates the page but its dated permalink (/2025/12/19/slug)
#   slash-date      Drupal's "Fri, 10/03/2025 - 11:38": the weekday decides the order the
#                   numbers leave open (a Friday: 3 October, not 10 March)
#   meta-published  <meta name="published" content="July 17, 2025">
#   updated-line    nothing dates the page but a "Last Updated:&nbsp;June 2022" line: the
#                   modification date (month precision), never the publication date
#   h1-p            <h1><p>Headline</p></h1>: libxml2 closes the <h1> at the <p>; the <p> is
#                   the headline element, and the byline and date lines under it are read
#   microdata-forum a microdata DiscussionForumPosting (any type of the one schema.org list,
#                   formats/common/schemaorg.c) is the article: its headline, not <title>
#   label-name      "Written by" in a block of its own, the name in the next block
#   citation-author Highwire citation_author metas, family name first ("Roy, Aniruddha";
#                   "van der Berg, Anna Maria"): names in reading order, one author each
#   owner-blog      og:site_name "Ada Lindgren's blog" and no author anywhere: the owner
#   updated-class   a date-classed "Updated October 17, 2025" is the modification date,
#                   not the publication date
#   glued-links     "By <a>Name</a><a>name's shop</a>" with no space between the links: the
#                   second link starts a new line, the author is the first
#   updated-label-time  "Updated" in a block of its own before a <time> (or a date line):
#                   the modification date; the "Published" one is the publication date
# The byline line (the printed credit) and the modification date are compared too.
set -u
. tests/testlib.bash

[ -x "$NEWSCONV" ] || fail "$NEWSCONV is not built (run make)"
checks=0
for page in tests/html-meta/*.html; do
    want=${page%.html}.expect
    [ -f "$want" ] || fail "$want is missing"
    nc "$page" -t model -q >"$TMPD/model" 2>"$TMPD/err" || fail "$page: reading failed: $(cat "$TMPD/err")"
    grep -E '^  (headline|byline|author|published|modified) ' "$TMPD/model" >"$TMPD/got" || true
    expect_file_eq "$TMPD/got" "$want" "$page: headline, authors or date differ"
done
[ "$checks" -ge 20 ] || fail "expected at least 20 html metadata cases, ran $checks"
echo "tests/html-meta.sh: $checks cases passed"
