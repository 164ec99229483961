/* newsconv html: bylines -> clean author names; page titles -> headlines; text keys.
 *
 * A byline as printed ("By JANE DOE and John Smith, Staff Writers | March 3, 2015 10:02 AM")
 * is split at "and", "&", commas, semicolons, slashes, bars and line breaks (and their
 * French, German, Spanish, Italian, Portuguese, Dutch and Scandinavian equivalents); the
 * lead-in ("By", "Par", "Von", "Por", "Door", "Av", "Written by", ...), dates and times,
 * "Updated ..." parts, job titles and credentials ("Senior Writer", "MA", "PhD"), e-mail
 * addresses, @handles and counters ("Follow", "(12)", "More by") are dropped; an all-capitals
 * name gets capitalised words. */
#include "html.h"

#include <ctype.h>
#include <string.h>

static int is_sp(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* ---- text keys ---- */

void ncp_html_text_key(const char *s, size_t len, nc_buf *out)
{
    size_t i;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (isalnum(c))
                nc_buf_putc(out, tolower(c));
            continue;
        }
        /* general punctuation U+2000-U+206F, no-break space, guillemets, CJK punctuation */
        if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80) {
            i += 2;
            continue;
        }
        if (c == 0xC2 && i + 1 < len &&
            ((unsigned char)s[i + 1] == 0xA0 || (unsigned char)s[i + 1] == 0xAB ||
             (unsigned char)s[i + 1] == 0xBB || (unsigned char)s[i + 1] == 0xB7)) {
            i += 1;
            continue;
        }
        if (c == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80) {
            i += 2;
            continue;
        }
        if (c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBC &&
            ((unsigned char)s[i + 2] == 0x8C || (unsigned char)s[i + 2] == 0x81 ||
             (unsigned char)s[i + 2] == 0x9A || (unsigned char)s[i + 2] == 0x9F)) {
            i += 2; /* fullwidth , ! : ? */
            continue;
        }
        nc_buf_putc(out, c);
    }
}

/* ---- character references ---- */

void ncp_html_unescape(const char *s, size_t len, nc_buf *out)
{
    size_t i = 0;
    while (i < len) {
        const char *amp = memchr(s + i, '&', len - i);
        size_t k, e;
        if (!amp) {
            nc_buf_put(out, s + i, len - i);
            return;
        }
        k = (size_t)(amp - s);
        nc_buf_put(out, s + i, k - i);
        for (e = k + 1; e < len && e - k < 32 && s[e] != ';' && !is_sp((unsigned char)s[e]) &&
                        s[e] != '&';
             e++)
            ;
        if (e < len && s[e] == ';' && e > k + 1) {
            unsigned long cp = 0;
            int ok = 0;
            if (s[k + 1] == '#') {
                size_t p = k + 2;
                int hex = p < e && (s[p] == 'x' || s[p] == 'X');
                if (hex)
                    p++;
                for (; p < e; p++) {
                    int c = (unsigned char)s[p], d;
                    if (c >= '0' && c <= '9')
                        d = c - '0';
                    else if (hex && isxdigit(c))
                        d = (tolower(c) - 'a') + 10;
                    else
                        break;
                    cp = cp * (hex ? 16 : 10) + (unsigned long)d;
                    if (cp > 0x10FFFF)
                        break;
                }
                ok = p == e && cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
            } else {
                char name[33];
                const htmlEntityDesc *d;
                memcpy(name, s + k + 1, e - k - 1);
                name[e - k - 1] = '\0';
                if ((d = htmlEntityLookup((const xmlChar *)name)) != NULL) {
                    cp = d->value;
                    ok = 1;
                }
            }
            if (ok) {
                ncp_utf8_put(out, (unsigned)cp);
                i = e + 1;
                continue;
            }
        }
        nc_buf_putc(out, '&');
        i = k + 1;
    }
}

/* ---- dates inside bylines ---- */

static const char *const date_words[] = {
    "updated", "published", "posted", "last", "modified", "on", "at", "le", "am", "el",
    "mis", "à", "jour", "publié", "aktualisiert", "veröffentlicht", "actualizado",
    "publicado", "atualizado", "em", "il", "aggiornato", "pubblicato", "ago", "hours",
    "hour", "minutes", "minute", "days", "day", "yesterday", "today", "et", "h", "hrs",
    "mins", "min", "read", "lesezeit", "lecture", "by", NULL};

static int in_list(const char *w, size_t n, const char *const *list)
{
    size_t i;
    for (i = 0; list[i]; i++)
        if (strlen(list[i]) == n && !ncp_strncasecmp(w, list[i], n))
            return 1;
    return 0;
}

/* 1 when s reads as a date or a time ("March 25, 2015", "Updated 3:46 PM ET", "2 hours
 * ago"), possibly after a lead-in word. */
static int looks_like_date(const char *s, size_t len)
{
    nc_time t;
    size_t i = 0, digits = 0, words = 0, known = 0;
    s = ncp_trim(s, &len);
    if (!len)
        return 0;
    if (nc_time_parse_text(s, len, &t) == 0)
        return 1;
    /* strip lead-in words, retry */
    while (i < len) {
        size_t w = i;
        while (i < len && !is_sp((unsigned char)s[i]) && s[i] != ':')
            i++;
        if (i > w && in_list(s + w, i - w, date_words)) {
            while (i < len && (is_sp((unsigned char)s[i]) || s[i] == ':'))
                i++;
            if (i < len && nc_time_parse_text(s + i, len - i, &t) == 0)
                return 1;
            continue;
        }
        break;
    }
    for (i = 0; i < len; i++)
        if (isdigit((unsigned char)s[i]))
            digits++;
    /* mostly date vocabulary and numbers */
    for (i = 0; i < len;) {
        size_t w;
        while (i < len && (is_sp((unsigned char)s[i]) || ispunct((unsigned char)s[i])))
            i++;
        w = i;
        while (i < len && !is_sp((unsigned char)s[i]) && !ispunct((unsigned char)s[i]))
            i++;
        if (i > w && i - w <= 3 && (unsigned char)s[w] >= 0x80 &&
            ((unsigned char)s[w] == 0xC2 || (unsigned char)s[w] == 0xE2))
            continue; /* a symbol between parts: · • – — | */
        if (i > w) {
            static const char *const mon[] = {
                "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct",
                "nov", "dec", "january", "february", "march", "april", "june", "july",
                "august", "september", "october", "november", "december", "pm", "am", "et",
                "est", "edt", "gmt", "utc", "bst", "pst", "pdt", "cet", "cest", NULL};
            size_t k;
            int num = 1;
            words++;
            for (k = w; k < i; k++)
                if (!isdigit((unsigned char)s[k]))
                    num = 0;
            if (num || in_list(s + w, i - w, mon) || in_list(s + w, i - w, date_words))
                known++;
        }
    }
    return digits >= 1 && words && known * 4 >= words * 3;
}

int ncp_html_is_dateline_text(const char *s, size_t len)
{
    s = ncp_trim(s, &len);
    if (!len || len > 160)
        return 0;
    return looks_like_date(s, len);
}

/* ---- names ---- */

static const char *const leadins[] = {
    "by", "par", "por", "von", "door", "av", "af", "from", "written",
    "posted", "words", "story", "reporting", "reported", "text", "texto", "texte", "autor",
    "autorin", "author", "authors", "auteur", "auteurs", "redacción", "redação", "byline",
    "bylines", "photos", "photo", "fotos", "foto", "interview", "und", "and", "et",
    "with", "mit", "avec", "about", NULL};

static const char *const titles_words[] = {
    "editor", "editors", "correspondent", "correspondents", "reporter", "reporters",
    "writer", "writers", "staff", "contributor", "contributors", "contributing",
    "columnist", "producer", "analyst", "director", "chief", "senior", "associate",
    "editorial", "deputy", "managing", "executive", "political", "political", "business",
    "technology", "tech", "science", "sports", "entertainment", "international", "foreign",
    "national", "special", "freelance", "guest", "intern", "photographer", "journalist",
    "journalists", "rédacteur", "rédactrice", "envoyé", "envoyée", "spécial", "spéciale",
    "redakteur", "redakteurin", "korrespondent", "korrespondentin", "redactor", "redactora",
    "repórter", "corresponsal", "enviado", "enviada", "professor", "updated", "published",
    "posted", "follow", "view", "profile", "bio", "email", "contact", "more", "all",
    "articles", "article", "stories", "posts", "share", "tweet", "subscribe", "read",
    "minute", "minutes", "min", "ago", "hours", "comments", "comment",
    /* job titles of company and tech blogs' author cards ("Principal Programmer", "Senior
     * Software Engineer", "Co-founder & CEO") */
    "principal", "programmer", "engineer", "developer", "designer", "manager", "founder",
    "co-founder", "cofounder", "ceo", "cto", "cfo", "coo", "president", "strategist",
    "specialist", "consultant", NULL};

static const char *const org_words[] = {
    "news", "times", "press", "associated", "agency", "bureau", "desk", "team", "service",
    "media", "magazine", "journal", "post", "daily", "online", "digital", "wire", "network",
    "group", "inc", "ltd", "llc", "corp", "company", "university", "institute", "center",
    "centre", "health", "tribune", "herald", "gazette", "reuters", "afp", "ap", "dpa", "bbc",
    "cnn", "npr", "staff", "the", NULL};

static const char *const credentials[] = {
    "ma", "md", "phd", "ph.d", "ph.d.", "mph", "rn", "ms", "msc", "mba", "do", "jd", "dds",
    "rd", "ld", "lpn", "np", "pa", "cpa", "esq", "fache", "facp", "bsc", "ba", "mfa", NULL};

static const char *const honorifics[] = {"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms.",
                                         "prof", "prof.", "sir", "dame", NULL};

static const char *const particles[] = {
    "de", "da", "do", "dos", "das", "del", "della", "der", "den", "van", "von", "du", "la",
    "le", "bin", "ibn", "al", "el", "y", "zu", "ter", "ten", "mac", "st", "st.", "di",
    "e", "van't", "d'", "l'", "bint", "ben", "af", "och", NULL};

/* Separators between names: returns the length of a separator at s[i], else 0. */
static size_t separator_at(const char *s, size_t len, size_t i)
{
    static const char *const words[] = {"and", "und", "et", "y", "e", "i", "og", "och",
                                        "en", "és", "ja", "a", "with", "mit", "avec",
                                        "con", "com", NULL};
    unsigned char c = (unsigned char)s[i];
    size_t k;
    if (c == ',' || c == ';' || c == '|' || c == '/' || c == '&' || c == '\n' || c == '+' ||
        c == 0x7f /* sentinel */)
        return 1;
    if (c == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0x81)
        return 3; /* 、 */
    if (c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBC &&
        (unsigned char)s[i + 2] == 0x8C)
        return 3; /* ， */
    if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0xA2 || (unsigned char)s[i + 2] == 0x94 ||
         (unsigned char)s[i + 2] == 0x93))
        return 3; /* bullet, em dash, en dash */
    if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xB7)
        return 2; /* middle dot */
    if (c == ' ' && i + 1 < len) {
        for (k = 0; words[k]; k++) {
            size_t n = strlen(words[k]);
            if (i + 1 + n < len && !strncmp(s + i + 1, words[k], n) && s[i + 1 + n] == ' ')
                return n + 2;
        }
        if (i + 3 < len && s[i + 1] == '-' && s[i + 2] == ' ')
            return 3;
    }
    return 0;
}

static int word_upper_start(const char *w, size_t n)
{
    unsigned char c = (unsigned char)w[0];
    (void)n;
    if (c < 0x80)
        return isupper(c) || isdigit(c);
    /* Latin-1 supplement / extended capitals: C3 80..9E, C4/C5 even code points */
    if (c == 0xC3)
        return n > 1 && (unsigned char)w[1] >= 0x80 && (unsigned char)w[1] <= 0x9E;
    if (c == 0xC4 || c == 0xC5)
        return n > 1 && ((unsigned char)w[1] & 1) == 0;
    return 1; /* other scripts have no case to check */
}

static int has_latin_lower_start(const char *w, size_t n)
{
    (void)n;
    return (unsigned char)w[0] < 0x80 && islower((unsigned char)w[0]);
}

/* Title-cases an all-capitals ASCII name in place (UTF-8 bytes beyond ASCII kept). */
static void fix_caps(char *s, size_t len)
{
    size_t i;
    int letters = 0, lower = 0, start = 1;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isalpha(c)) {
            letters++;
            if (islower(c))
                lower++;
        }
    }
    if (letters < 2 || lower || !memchr(s, ' ', len))
        return; /* a single capitalised word is an acronym: AFP, BBC */
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isalpha(c)) {
            if (!start)
                s[i] = (char)tolower(c);
            start = 0;
        } else if (c < 0x80) {
            start = c == ' ' || c == '-' || c == '\'' || c == '.';
        } else if ((c & 0xC0) == 0xC0 && i + 1 < len && c == 0xC3 && !start &&
                   (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9E &&
                   (unsigned char)s[i + 1] != 0x97) {
            s[i + 1] = (char)((unsigned char)s[i + 1] + 0x20); /* À..Þ -> à..þ */
            i++;
        } else {
            start = 0;
        }
    }
}

static int is_month(const char *w, size_t n)
{
    static const char *const m[] = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "january", "february", "march", "april", "june", "july", "august",
        "september", "october", "november", "december", "janvier", "février", "mars", "avril",
        "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
        "januar", "februar", "märz", "juni", "juli", "oktober", "dezember", "enero",
        "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
        "octubre", "noviembre", "diciembre", NULL};
    while (n && w[n - 1] == '.')
        n--;
    return in_list(w, n, m);
}

/* 1 when s starts with "(" and two or more capitalised words and ")" (a middle name part,
 * not a handle). */
static int bracket_names(const char *s, size_t len)
{
    const char *c = memchr(s, ')', len);
    size_t i = 1, nw = 0;
    if (!c)
        return 0;
    len = (size_t)(c - s);
    while (i < len) {
        size_t e = i;
        while (e < len && s[e] != ' ')
            e++;
        if (e > i) {
            if (!isupper((unsigned char)s[i]) && !((unsigned char)s[i] >= 0xC3))
                return 0;
            nw++;
        }
        i = e + 1;
    }
    return nw >= 2;
}

/* An organisation named as author, kept whole: a phrase that ends in a newsroom word ("Our
 * Foreign Staff", "Metro Desk", "Graphics Team") or joins a one-word part with "&" ("Mac & i",
 * "Marks & Spencer"). Capitalised words only (the "&" part aside), at most 5. */
static int org_phrase(const char *s, size_t n)
{
    static const char *const ends[] = {"staff", "desk", "team", "bureau", "newsroom",
                                       "correspondents", "reporters", "editors", NULL};
    size_t i = 0, nw = 0, last = 0, lastl = 0;
    int amp = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != ' ')
            e++;
        nw++;
        if (e - i == 1 && s[i] == '&')
            amp = 1;
        else if (!amp && !word_upper_start(s + i, e - i))
            return 0;
        last = i;
        lastl = e - i;
        i = e + 1;
    }
    if (nw < 2 || nw > 5)
        return 0;
    if (amp)
        return nw == 3;
    return in_list(s + last, lastl, ends);
}

/* Drops outer punctuation, brackets and spaces from both ends of s[0..*len). */
static const char *strip_outer_punct(const char *s, size_t *len)
{
    while (*len && (strchr(":-–.,;|*()[]\"'«»“”", s[*len - 1]) || is_sp((unsigned char)s[*len - 1])))
        (*len)--;
    while (*len && (strchr(":-.,;|*()[]\"'«»“”", s[0]) || is_sp((unsigned char)s[0]))) {
        s++;
        (*len)--;
    }
    return s;
}

/* Puts the words of s into b, space-collapsed, without bracketed parts: a handle or a note
 * in brackets is not part of the name ("Steven Miller (stevenhgm)", "Jane Doe [updated]");
 * an unclosed bracket ends the name. */
static void unbracketed_words(const char *s, size_t len, nc_buf *b)
{
    nc_buf raw = NC_BUF_INIT;
    size_t q;
    int depth = 0;
    for (q = 0; q < len; q++) {
        if (!depth && s[q] == '(' && bracket_names(s + q, len - q)) {
            /* "Bruno (Henrique Zecchin) Rodrigues": names in brackets stay */
            const char *c = memchr(s + q, ')', len - q);
            nc_buf_put(&raw, s + q, (size_t)(c - (s + q)) + 1);
            q = (size_t)(c - s);
        } else if (s[q] == '(' || s[q] == '[')
            depth++;
        else if ((s[q] == ')' || s[q] == ']') && depth)
            depth--;
        else if (!depth)
            nc_buf_putc(&raw, s[q]);
    }
    ncp_collapse_space(b, raw.ptr ? raw.ptr : "", raw.size);
    nc_buf_release(&raw);
}

/* Returns the offset in p[0..n) past the lead-ins at the start ("By", "Written by",
 * "Text:"). */
static size_t skip_leadins(const char *p, size_t n)
{
    size_t k = 0;
    for (;;) {
        size_t e = k;
        while (e < n && p[e] != ' ')
            e++;
        if (e < n && (in_list(p + k, e - k, leadins) ||
                      (e - k > 1 && p[e - 1] == ':' && in_list(p + k, e - k - 1, leadins)))) {
            k = e + 1;
            continue;
        }
        if (e > k && p[e - 1] == ':' && e < n) {
            /* "Text: Jane Doe", "Autor: ..." */
            if (e - k <= 12) {
                k = e + 1;
                continue;
            }
        }
        break;
    }
    return k;
}

static int titled_part; /* set by clean_part: the part held a job title word */

/* Collects the name words of p[k..n) into words (counted in *nwords; *latin set when one
 * starts with a Latin letter), stopping at a title, a date, digits or an organisation.
 * Returns 0 when the part is no name. */
static int name_words(const char *p, size_t k, size_t n, int strict, nc_buf *words,
                      size_t *nwords_out, int *latin)
{
    size_t i, nwords = 0;
    int ok = 1;
    for (i = k; i < n;) {
        size_t e = i, wl;
        const char *w;
        while (e < n && p[e] != ' ')
            e++;
        w = p + i;
        wl = e - i;
        /* trailing punctuation of the word */
        while (wl > 1 && (w[wl - 1] == ',' || w[wl - 1] == ':' || w[wl - 1] == ';'))
            wl--;
        if (in_list(w, wl, honorifics) && nwords == 0) {
            i = e + 1;
            continue;
        }
        if (in_list(w, wl, credentials) && nwords >= 2 &&
            (isupper((unsigned char)w[0]))) {
            i = e + 1;
            continue;
        }
        if (is_month(w, wl) && i + wl < n && isdigit((unsigned char)p[e + 1 < n ? e + 1 : e]))
            break; /* "Jane Doe March 11, 2015": the date starts here */
        if (in_list(w, wl, titles_words)) {
            titled_part = 1;
            ok = nwords > 0 ? ok : 0;
            if (!nwords)
                break;
            /* a title after the name ends it: "Jane Doe Senior Writer" */
            break;
        }
        {
            size_t d, nd = 0;
            for (d = 0; d < wl; d++)
                if (isdigit((unsigned char)w[d]))
                    nd++;
            if (nd) {
                /* a counter glued on ("Doe12") or a number: drop the digits, end */
                size_t keep = wl;
                while (keep && isdigit((unsigned char)w[keep - 1]))
                    keep--;
                if (!nwords)
                    ok = 0; /* a user id ("CC7567") is no name */
                else if (keep && nd == wl - keep && nwords + 1 <= 6) {
                    if (words->size)
                        nc_buf_putc(words, ' ');
                    nc_buf_put(words, w, keep);
                    nwords++;
                }
                break;
            }
        }
        if (strict && in_list(w, wl, org_words)) {
            /* a name, then the employer and the job: "Mark Di Stefano BuzzFeed News
             * Reporter" ends before the organisation ("BuzzFeed News") */
            if (nwords >= 3) {
                size_t cut = words->size;
                while (cut && words->ptr[cut - 1] != ' ')
                    cut--;
                if (cut)
                    nc_buf_truncate(words, cut - 1);
                nwords--;
                titled_part = 1;
                break;
            }
            ok = 0;
            break;
        }
        if ((unsigned char)w[0] < 0x80 && isalpha((unsigned char)w[0]))
            *latin = 1;
        if (strict && has_latin_lower_start(w, wl) && !in_list(w, wl, particles)) {
            ok = 0;
            break;
        }
        if (words->size)
            nc_buf_putc(words, ' ');
        nc_buf_put(words, w, wl);
        nwords++;
        i = e + 1;
    }
    *nwords_out = nwords;
    return ok;
}

/* Whether every Latin word of the NUL-terminated name starts with a capital (particles
 * aside; a word may open with "("). */
static int all_words_capitalised(const char *q)
{
    while (*q) {
        const char *e = strchr(q, ' ');
        size_t wl = e ? (size_t)(e - q) : strlen(q);
        if (!(*q == '(' ? wl > 1 && word_upper_start(q + 1, wl - 1)
                        : word_upper_start(q, wl)) &&
            !in_list(q, wl, particles))
            return 0;
        q += wl;
        while (*q == ' ')
            q++;
    }
    return 1;
}

/* Cleans one candidate name. strict: visible text (drops organisations, requires name-like
 * capitalisation); else a metadata value. Returns 1 with the name in out. */
static int clean_part(const char *s, size_t len, int strict, nc_buf *out)
{
    size_t nwords = 0, start;
    nc_buf b = NC_BUF_INIT;
    int ok = 1, latin = 0;
    const char *p;
    nc_buf_clear(out);
    s = ncp_trim(s, &len);
    /* outer punctuation and brackets */
    s = strip_outer_punct(s, &len);
    if (!len || len > 80)
        return 0;
    if (memchr(s, '@', len) || memchr(s, '=', len) || memchr(s, '?', len) ||
        (len > 4 && (!ncp_strncasecmp(s, "http", 4) || !ncp_strncasecmp(s, "www.", 4))))
        return 0;
    if (strict) {
        /* "By Jane Doe on 04-08-2021 5:11", "Jane Doe on behalf of the Docs team": blog
         * themes print the date or the team after a lower-case "on"; the name ends there */
        size_t k;
        for (k = 1; k + 4 <= len; k++)
            if (s[k - 1] == ' ' && s[k] == 'o' && s[k + 1] == 'n' && s[k + 2] == ' ') {
                len = k - 1;
                break;
            }
    }
    if (looks_like_date(s, len))
        return 0;
    unbracketed_words(s, len, &b);
    p = b.ptr ? b.ptr : "";
    start = 1;
    if (!b.size) {
        nc_buf_release(&b);
        return 0;
    }
    {
        nc_buf words = NC_BUF_INIT;
        size_t k, n = b.size;
        /* drop lead-ins at the start ("By", "Written by") */
        k = skip_leadins(p, n);
        if (k < n && org_phrase(p + k, n - k)) {
            /* "Our Foreign Staff", "Mac & i", "Metro Desk": an organisation, whole */
            nc_buf_put(out, p + k, n - k);
            nc_buf_release(&words);
            nc_buf_release(&b);
            return 1;
        }
        ok = name_words(p, k, n, strict, &words, &nwords, &latin);
        (void)start;
        if (ok && nwords && nwords <= (strict ? 5u : 7u)) {
            /* a single Latin word is a name only from metadata ("Reuters", "Staff") */
            if (strict == 1 && latin && nwords == 1)
                ok = 0;
            if (ok) {
                size_t tl = words.size;
                const char *t = ncp_trim(words.ptr, &tl);
                while (tl && (t[tl - 1] == '.' || t[tl - 1] == ',' || t[tl - 1] == '-'))
                    tl--;
                if (tl) {
                    nc_buf_put(out, t, tl);
                    fix_caps(out->ptr, out->size);
                }
            }
        }
        nc_buf_release(&words);
    }
    nc_buf_release(&b);
    /* every Latin word starts with a capital (particles aside) */
    if (out->size && strict && !all_words_capitalised(out->ptr))
        nc_buf_clear(out);
    return out->size > 0;
}

int ncp_html_clean_name(const char *s, size_t len, nc_buf *out)
{
    return clean_part(s, len, 0, out);
}

static int has_author(const nc_article *a, const char *name)
{
    size_t i;
    for (i = 0; i < a->n_authors; i++)
        if (a->authors[i].name && !ncp_strcasecmp(a->authors[i].name, name))
            return 1;
    return 0;
}

/* 1 when name holds an author's name as whole words, or the other way round ("About
 * Jane Doe", "Jane Doe I'm" next to "Jane Doe"): the same person, not a co-author. */
static int overlaps_author(const nc_article *a, const char *name)
{
    size_t i, nl = strlen(name);
    for (i = 0; i < a->n_authors; i++) {
        const char *o = a->authors[i].name, *big, *small, *h;
        size_t ol, bl, sl;
        if (!o)
            continue;
        ol = strlen(o);
        big = nl >= ol ? name : o;
        small = nl >= ol ? o : name;
        bl = nl >= ol ? nl : ol;
        sl = nl >= ol ? ol : nl;
        for (h = big; sl && (h = strstr(h, small)) != NULL; h++)
            if ((h == big || h[-1] == ' ') && (h + sl == big + bl || h[sl] == ' '))
                return 1;
    }
    return 0;
}

/* 1 when the "&" at s[i] joins one word on either side ("Mac & i", "Marks & Spencer")
 * rather than two names ("Jane Doe & John Smith"). */
static int amp_joins(const char *s, size_t len, size_t start, size_t i)
{
    size_t a = start, e, wl = 0, wr = 0, k;
    int in = 0;
    for (k = a; k < i; k++) {
        if (s[k] == ' ')
            in = 0;
        else if (!in) {
            in = 1;
            wl++;
        }
    }
    for (e = i + 1, in = 0; e < len && !(separator_at(s, len, e) && s[e] != ' '); e++) {
        if (s[e] == ' ') {
            in = 0;
            if (separator_at(s, len, e))
                break;
        } else if (!in) {
            in = 1;
            wr++;
        }
    }
    /* the left part may still hold a lead-in: "Von Mac & i" */
    if (wl == 2) {
        for (k = a; k < i && s[k] == ' '; k++)
            ;
        e = k;
        while (e < i && s[e] != ' ')
            e++;
        if (in_list(s + k, e - k, leadins))
            wl = 1;
    }
    return wl == 1 || wr == 1;
}

/* 1 when s[0..len) (trimmed) is a desk or team name ("Acme Editorial Team"). */
static int team_part(const char *s, size_t len)
{
    s = ncp_trim(s, &len);
    return len && org_phrase(s, len);
}

/* Splits s into names; strict as in clean_part. */
static int add_names(nc_article *a, const char *s, const char *url, int strict)
{
    nc_buf work = NC_BUF_INIT, name = NC_BUF_INIT;
    size_t i, start = 0;
    int added = 0, after_dash = 0;
    /* line breaks separate, other white space is one space */
    for (i = 0; s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n' || c == '\r')
            nc_buf_putc(&work, '\n');
        else if (is_sp(c) || (c == 0xC2 && (unsigned char)s[i + 1] == 0xA0 && (i++, 1)))
            nc_buf_putc(&work, ' ');
        else
            nc_buf_putc(&work, (char)c);
    }
    for (i = 0; i <= work.size;) {
        size_t sep = i < work.size ? separator_at(work.ptr, work.size, i) : 1;
        if (sep == 1 && i < work.size && work.ptr[i] == '&' && amp_joins(work.ptr, work.size, start, i)) {
            i++; /* "Mac & i": one organisation */
            continue;
        }
        if (!sep) {
            i++;
            continue;
        }
        titled_part = 0;
        if (added && after_dash && i > start && team_part(work.ptr + start, i - start)) {
            /* "Jane Doe - Acme Editorial Team" (a name that adds the writer's desk or team
             * after a dash): the team is an affiliation, not a co-author */
            after_dash = 0;
            i += sep;
            start = i;
            continue;
        }
        after_dash = i + 2 < work.size && sep == 3 && work.ptr[i] == ' ' && work.ptr[i + 1] == '-';
        if (i > start && clean_part(work.ptr + start, i - start, strict, &name) &&
            !has_author(a, name.ptr) && !(strict && overlaps_author(a, name.ptr)) &&
            /* a line of its own that holds a job title is the title line of an author
             * card ("Jane Doe" / "EdTech Content Writer"), not a second name */
            !(strict && titled_part && start > 0 && work.ptr[start - 1] == '\n' && added)) {
            nc_article_add_author(a, name.ptr, NULL, added == 0 ? url : NULL, NULL);
            added++;
        }
        i += sep;
        start = i;
    }
    nc_buf_release(&work);
    nc_buf_release(&name);
    return added;
}

int ncp_html_add_byline_authors(nc_article *a, const char *byline, const char *url)
{
    int n;
    if (!byline)
        return 0;
    n = add_names(a, byline, url, 1);
    return n;
}

int ncp_html_add_lone_author(nc_article *a, const char *text, const char *url)
{
    nc_buf name = NC_BUF_INIT;
    size_t len;
    int r = 0;
    const char *s;
    if (!text)
        return 0;
    len = strlen(text);
    s = ncp_trim(text, &len);
    /* one word, no separators: a handle or a one-word organisation ("EcoFlow") */
    if (len && len <= 40 && !memchr(s, ' ', len) && !memchr(s, ',', len) &&
        clean_part(s, len, 2, &name) && !in_list(name.ptr, name.size, leadins) &&
        !in_list(name.ptr, name.size, titles_words) && !has_author(a, name.ptr)) {
        nc_article_add_author(a, name.ptr, NULL, url, NULL);
        r = 1;
    }
    nc_buf_release(&name);
    return r;
}

int ncp_html_byline_by_handle(nc_article *a, const char *line)
{
    nc_buf w = NC_BUF_INIT;
    size_t len = strlen(line), i;
    const char *s = ncp_trim(line, &len);
    int r = 0;
    /* "by ibby": a lower-case handle after an explicit "by" (blogs, forums) */
    if (len < 4 || len > 40 || ncp_strncasecmp(s, "by", 2) || !(is_sp((unsigned char)s[2]) || s[2] == ':'))
        return 0;
    for (i = 2; i < len && (is_sp((unsigned char)s[i]) || s[i] == ':'); i++)
        ;
    if (i == len)
        return 0;
    nc_buf_put(&w, s + i, len - i);
    for (i = 0; i < w.size; i++)
        if (is_sp((unsigned char)w.ptr[i]) || w.ptr[i] == ',' || w.ptr[i] == '@')
            break;
    if (i == w.size && w.size >= 2 && !looks_like_date(w.ptr, w.size) &&
        !in_list(w.ptr, w.size, titles_words) && !in_list(w.ptr, w.size, org_words) &&
        !has_author(a, w.ptr)) {
        nc_article_add_author(a, w.ptr, NULL, NULL, NULL);
        r = 1;
    }
    nc_buf_release(&w);
    return r;
}

/* 1 when a word (a key) is a word of one of the authors' names */
static int author_word(const nc_article *a, const char *k, size_t kl)
{
    size_t i;
    nc_buf nk = NC_BUF_INIT;
    int r = 0;
    for (i = 0; i < a->n_authors && !r; i++) {
        const char *q = a->authors[i].name;
        while (q && *q && !r) {
            const char *e = q;
            while (*e && *e != ' ')
                e++;
            nc_buf_clear(&nk);
            ncp_html_text_key(q, (size_t)(e - q), &nk);
            r = nk.size == kl && !memcmp(nk.ptr, k, kl);
            q = *e ? e + 1 : e;
        }
    }
    nc_buf_release(&nk);
    return r;
}

int ncp_html_byline_is_names(const nc_article *a, const char *line)
{
    /* The printed credit line is kept as the byline only when it says nothing but the
     * names: "By Jane Doe and John Smith" yes, "By Jane Doe Senior Reporter Share" no. */
    size_t i = 0, len = strlen(line), found = 0;
    nc_buf k = NC_BUF_INIT;
    int ok = a->n_authors > 0;
    while (ok && i < len) {
        size_t e;
        while (i < len && (is_sp((unsigned char)line[i]) || line[i] == ',' || line[i] == ';' ||
                           line[i] == '&' || line[i] == '|' || line[i] == '/'))
            i++;
        e = i;
        while (e < len && !is_sp((unsigned char)line[e]) && line[e] != ',' && line[e] != ';' &&
               line[e] != '&' && line[e] != '|' && line[e] != '/')
            e++;
        if (e == i)
            break;
        nc_buf_clear(&k);
        ncp_html_text_key(line + i, e - i, &k);
        if (!k.size || in_list(k.ptr, k.size, leadins) ||
            (e - i <= 4 && in_list(line + i, e - i, honorifics)))
            ;
        else if (author_word(a, k.ptr, k.size))
            found++;
        else
            ok = 0;
        i = e;
    }
    nc_buf_release(&k);
    return ok && found;
}

int ncp_html_add_meta_authors(nc_article *a, const char *value, const char *url)
{
    if (!value)
        return 0;
    return add_names(a, value, url, 0);
}

/* ---- titles ---- */

static int key_eq(const char *a, size_t alen, const char *b, size_t blen)
{
    nc_buf ka = NC_BUF_INIT, kb = NC_BUF_INIT;
    int eq;
    ncp_html_text_key(a, alen, &ka);
    ncp_html_text_key(b, blen, &kb);
    eq = ka.size && ka.size == kb.size && !memcmp(ka.ptr, kb.ptr, ka.size);
    nc_buf_release(&ka);
    nc_buf_release(&kb);
    return eq;
}

/* Title separators: " | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · ", "_" */
static size_t title_sep(const char *s, size_t len, size_t i)
{
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                       " :: ", " \xC2\xAB ", " \xC2\xBB ", " \xC2\xB7 ",
                                       " / ", " \xE2\x80\xA2 ", "_", " -- ", NULL};
    size_t k;
    for (k = 0; seps[k]; k++) {
        size_t n = strlen(seps[k]);
        if (i + n <= len && !memcmp(s + i, seps[k], n))
            return n;
    }
    return 0;
}

static size_t count_words(const char *s, size_t len)
{
    size_t i, n = 0;
    int in = 0;
    for (i = 0; i < len; i++) {
        if (is_sp((unsigned char)s[i]))
            in = 0;
        else if (!in) {
            in = 1;
            n++;
        }
    }
    return n;
}

/* 1 when a title part names the site: the same key, or one key starts the other ("The
 * Nutrition Source" for "The Nutrition Source - Harvard Chan School", "EcoFlow ZA" for
 * "EcoFlow"), the shorter one 4 characters or more. */
static int site_part(const char *part, size_t plen, const char *site)
{
    nc_buf kp = NC_BUF_INIT, ks = NC_BUF_INIT;
    int r;
    ncp_html_text_key(part, plen, &kp);
    ncp_html_text_key(site, strlen(site), &ks);
    r = kp.size && ks.size &&
        ((kp.size == ks.size && !memcmp(kp.ptr, ks.ptr, kp.size)) ||
         (kp.size >= 4 && kp.size < ks.size && !memcmp(kp.ptr, ks.ptr, kp.size)) ||
         (ks.size >= 4 && ks.size < kp.size && !memcmp(kp.ptr, ks.ptr, ks.size)));
    nc_buf_release(&kp);
    nc_buf_release(&ks);
    return r;
}

void ncp_html_clean_title(const char *title, const char *site, const char *h1, nc_buf *out)
{
    nc_buf t = NC_BUF_INIT;
    size_t i, best_end = 0;
    ncp_collapse_space(&t, title, strlen(title));
    /* an <h1> that is the site's name (a blog's masthead) says nothing about the title */
    if (h1 && site && *site && key_eq(h1, strlen(h1), site, strlen(site)))
        h1 = NULL;
    if (h1 && key_eq(t.ptr, t.size, h1, strlen(h1))) {
        nc_buf_put(out, t.ptr, t.size);
        nc_buf_release(&t);
        return;
    }
    /* a prefix ending at a separator that equals the h1, or a suffix/prefix that is the
     * site name */
    for (i = 0; i < t.size; i++) {
        size_t n = title_sep(t.ptr, t.size, i);
        if (!n)
            continue;
        if (t.ptr[i] == '_' && (i == 0 || t.ptr[i - 1] == ' '))
            continue;
        if (h1 && key_eq(t.ptr, i, h1, strlen(h1))) {
            nc_buf_put(out, t.ptr, i);
            nc_buf_release(&t);
            return;
        }
        if (h1 && key_eq(t.ptr + i + n, t.size - i - n, h1, strlen(h1))) {
            nc_buf_put(out, t.ptr + i + n, t.size - i - n);
            nc_buf_release(&t);
            return;
        }
        if (site && *site) {
            if (site_part(t.ptr + i + n, t.size - i - n, site) && !best_end && i > 0)
                best_end = i;
            if (key_eq(t.ptr, i, site, strlen(site))) {
                nc_buf_put(out, t.ptr + i + n, t.size - i - n);
                nc_buf_release(&t);
                return;
            }
        }
    }
    if (best_end) {
        nc_buf_put(out, t.ptr, best_end);
        nc_buf_release(&t);
        return;
    }
    /* "Long headline here | Site" with a short last part */
    for (i = t.size; i-- > 0;) {
        size_t n = title_sep(t.ptr, t.size, i);
        if (!n || t.ptr[i] == '_')
            continue;
        if ((t.ptr[i + 1] == '|' || n == 5) && count_words(t.ptr + i + n, t.size - i - n) <= 3 &&
            count_words(t.ptr, i) >= 4) {
            nc_buf_put(out, t.ptr, i);
            nc_buf_release(&t);
            return;
        }
        break;
    }
    nc_buf_put(out, t.ptr, t.size);
    nc_buf_release(&t);
}

/* The longest date starting at s[0] (ending at a word boundary) with at least a day:
 * "August 16, 2019 - Updated July 9, 2025" gives August 16, 2019. 0 or -1. */
static int date_prefix(const char *s, size_t len, nc_time *t)
{
    size_t e;
    if (len > 120)
        len = 120;
    for (e = len; e >= 6; e--) {
        if (e < len && !is_sp((unsigned char)s[e]) && s[e] != ',' && s[e] != '.' &&
            s[e] != '-' && s[e] != ')' && s[e] != ';')
            continue;
        if (nc_time_parse_text(s, e, t) == 0 && t->prec >= NC_TIME_DAY)
            return 0;
    }
    return -1;
}

int ncp_html_find_date(const char *s, size_t len, nc_time *t, int *updated)
{
    size_t i = 0;
    *updated = 0;
    while (i < len) {
        size_t e = i, k;
        /* parts: lines, bars, bullets, middle dots */
        while (e < len && s[e] != '\n' && s[e] != '|' &&
               !(e + 1 < len && (unsigned char)s[e] == 0xC2 && (unsigned char)s[e + 1] == 0xB7) &&
               !(e + 2 < len && (unsigned char)s[e] == 0xE2 && (unsigned char)s[e + 1] == 0x80 &&
                 (unsigned char)s[e + 2] == 0xA2))
            e++;
        for (k = i; k < e; k++) {
            if (k > i && s[k - 1] != ' ' && s[k - 1] != ':' && s[k - 1] != ',')
                continue;
            if (date_prefix(s + k, e - k, t) == 0) {
                size_t q, lim = k;
                /* a lead-in word the date parser skipped counts: "Updated March 3, 2015" */
                while (lim < e && !isdigit((unsigned char)s[lim]))
                    lim++;
                k = lim;
                for (q = i; q < k; q++)
                    if ((q + 7 <= k && !ncp_strncasecmp(s + q, "updated", 7)) ||
                        (q + 8 <= k && !ncp_strncasecmp(s + q, "modified", 8)) ||
                        (q + 12 <= k && !ncp_strncasecmp(s + q, "aktualisiert", 12)) ||
                        (q + 11 <= k && !ncp_strncasecmp(s + q, "mis \xC3\xA0 jour", 11)))
                        *updated = 1;
                return 0;
            }
        }
        if (e >= len)
            break;
        i = e + (s[e] == '\n' || s[e] == '|' ? 1 : (unsigned char)s[e] == 0xC2 ? 2 : 3);
    }
    return -1;
}
