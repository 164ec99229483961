// newsconv: the C++ shim over libcld2 (Debian libcld2-dev ships a C++ API only). One
// extern "C" function; no exception leaves it. Built with $(CXX), linked with -lcld2
// -lstdc++ (Makefile). The rest of langdetect is C (langdetect.c).
#include "common/langdetect.h"

#include <cstdio> // compact_lang_det.h uses FILE without including it
#include <cstring>
#include <new>

#include <cld2/public/compact_lang_det.h>

extern "C" int ncp_langdetect_text(const char *utf8, size_t len, char *out, size_t outlen)
{
    try {
        bool reliable = false;
        if (len > 1u << 20)
            len = 1u << 20; // enough text to decide; CLD2 takes an int
        CLD2::Language lang =
            CLD2::DetectLanguage(utf8, static_cast<int>(len), true, &reliable);
        if (!reliable || lang == CLD2::UNKNOWN_LANGUAGE)
            return 0;
        const char *code = CLD2::LanguageCode(lang);
        if (!code || !*code || std::strlen(code) >= outlen)
            return 0;
        std::strcpy(out, code);
        return 1;
    } catch (const std::bad_alloc &) {
        return -1; // out of memory: not "no language" (tests/oom.sh)
    } catch (...) {
        return 0;
    }
}
