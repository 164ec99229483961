# newsconv: GNU make only.
#   make            build build/newsconv, build/libnewsconv.a and .so (when a library is
#                   missing, names its Debian package and `make deps`)
#   make deps       install the missing Debian packages (scripts/install-deps.sh)
#   make demo       install what is missing, build, then convert the bundled example article
#   make check      install what is missing, build with warnings as errors, run every test
#   make corpus-full  tests/newsml.sh over every document of ../shared/corpus (make check
#                   samples at most 60 a set)
#   make oom        the out-of-memory test alone, with more points (NC_OOM_POINTS=200)
#   make asan       the test suite under AddressSanitizer + UBSan (B=build/asan)
#   make valgrind   the test suite under valgrind memcheck
#   make bench      batch conversion against one process per file and pandoc (CORPUS=DIR:
#                   your own HTML pages; see scripts/bench)
#   make install    PREFIX=/usr/local DESTDIR=: binary, libraries, headers, newsconv.pc,
#                   man pages, bash and zsh completion; make uninstall removes them
#   make clean

B        ?= build
CC       ?= cc
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
LIBDIR   ?= $(PREFIX)/lib
INCDIR   ?= $(PREFIX)/include
MANDIR   ?= $(PREFIX)/share/man
DATADIR  ?= $(PREFIX)/share
SOVERSION := 0
VERSION  := $(shell sed -n 's/^\#define NC_VERSION "\(.*\)"/\1/p' include/newsconv/newsconv.h)
CFLAGS   ?= -O2 -g
WARN     := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-unused-parameter
# (nc_format grows hooks at its end: a format.c that leaves them out sets them to NULL)
ifeq ($(WERROR),1)
WARN     += -Werror
endif
ifeq ($(ARENA),malloc)
CPPFLAGS += -DNC_ARENA_MALLOC
endif
PKGS     := libxml-2.0 libcmark jansson yaml-0.1 libarchive uchardet
# The Debian package of each pkg-config module (scripts/install-deps.sh installs them).
PKG_DEBS := libxml-2.0:libxml2-dev libcmark:libcmark-dev jansson:libjansson-dev \
            yaml-0.1:libyaml-dev libarchive:libarchive-dev uchardet:libuchardet-dev
# recursive (=): expanded when a recipe runs, after the packages have been checked
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) $(CXX_LIBS)
# libcld2 (language detection; Debian libcld2-dev, no pkg-config file) has a C++ API only:
# formats/common/langdetect.cc is a small extern "C" shim over it, built with $(CXX).
CXX_LIBS  := -lcld2 -lstdc++
CXXFLAGS ?= -O2 -g
# the C++ compiler of the C one (a clang build, as `make fuzz`, uses clang++)
NC_CXX = $(if $(findstring clang,$(CC)),clang++,$(CXX))
ALL_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc -Iformats $(CPPFLAGS)
ALL_CFLAGS   = $(WARN) $(CFLAGS) $(SANFLAGS) -fPIC -pthread

# The layers, bottom up (docs/design.md): src/model, src/ctx, formats/ (formats/common and
# one folder per format), src/driver, src/batch, src/cli. The library is all but the
# command line.
LIB_SRCS := $(wildcard src/model/*.c src/ctx/*.c formats/*/*.c src/driver/*.c src/batch/*.c)
LIB_CXX_SRCS := $(wildcard formats/*/*.cc)
LIB_OBJS := $(patsubst %.c,$(B)/%.o,$(LIB_SRCS)) $(patsubst %.cc,$(B)/%.cc.o,$(LIB_CXX_SRCS))
CLI_OBJS := $(patsubst %.c,$(B)/%.o,$(wildcard src/cli/*.c))
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRCS))
# Each object, unit test and tool lists the headers it includes in a .d file beside it
# (-MMD -MP), read back at the end of this file: a header change rebuilds what includes it.
DEPFLAGS  = -MMD -MP

.PHONY: all demo check test asan valgrind bench clean deps pkgs install uninstall fuzz fuzz-run \
        oom corpus-full FORCE
all: $(B)/newsconv $(B)/libnewsconv.a $(B)/libnewsconv.so.$(SOVERSION) $(B)/newsconv.pc

# Installs the missing Debian packages (scripts/install-deps.sh is a no-op when all exist).
deps:
	@scripts/install-deps.sh build

# A build installs nothing: when pkg-config (or a library it knows) is missing, it names the
# Debian packages and the command that installs them.
pkgs:
	@missing=; \
	if ! command -v pkg-config >/dev/null 2>&1; then missing=pkg-config; \
	  for d in $(PKG_DEBS); do missing="$$missing $${d#*:}"; done; \
	else for d in $(PKG_DEBS); do \
	  pkg-config --exists $${d%%:*} || missing="$$missing $${d#*:}"; done; fi; \
	if [ -n "$$missing" ]; then \
	  echo "newsconv needs these Debian packages, which are missing:$$missing" >&2; \
	  echo "Install them with:  make deps   (or: sudo apt-get install$$missing)" >&2; \
	  exit 1; fi

# Objects are rebuilt when the compiler flags change.
$(B)/flags: FORCE | pkgs
	@mkdir -p $(@D)
	@echo '$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(PKG_CFLAGS)' | cmp -s - $@ || \
	  echo '$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(PKG_CFLAGS)' > $@

$(B)/%.o: %.c $(B)/flags
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(PKG_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/%.cc.o: %.cc $(B)/flags
	@mkdir -p $(@D)
	$(NC_CXX) $(ALL_CPPFLAGS) -std=c++11 -Wall -Wextra $(CXXFLAGS) $(SANFLAGS) -fPIC -pthread $(DEPFLAGS) -c $< -o $@

$(B)/libnewsconv.a: $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

# The shared library exports the documented nc_* API only, listed by name in
# src/libnewsconv.map (tests/exports.sh checks it); the ncp_* internals stay hidden.
$(B)/libnewsconv.so.$(SOVERSION): $(LIB_OBJS) src/libnewsconv.map
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -shared -Wl,-soname,libnewsconv.so.$(SOVERSION) \
	  -Wl,--version-script=src/libnewsconv.map -o $@ $(LIB_OBJS) $(PKG_LIBS)
	ln -sf libnewsconv.so.$(SOVERSION) $(B)/libnewsconv.so

# libdir and includedir relative to ${prefix} when they lie below it, so that
# pkg-config --define-variable=prefix=... relocates the whole package.
PC_LIBDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))
PC_INCDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(INCDIR))
# The .pc is rebuilt when the installation directories change (make install PREFIX=...).
$(B)/dirs: FORCE
	@mkdir -p $(@D)
	@echo '$(PREFIX) $(LIBDIR) $(INCDIR)' | cmp -s - $@ || echo '$(PREFIX) $(LIBDIR) $(INCDIR)' > $@
$(B)/newsconv.pc: src/newsconv.pc.in $(B)/dirs include/newsconv/newsconv.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(PC_LIBDIR)|' -e 's|@INCDIR@|$(PC_INCDIR)|' \
	  -e 's|@VERSION@|$(VERSION)|' -e 's|@PKGS@|$(PKGS)|' $< > $@

$(B)/newsconv: $(CLI_OBJS) $(B)/libnewsconv.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJS) $(B)/libnewsconv.a $(PKG_LIBS) $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libnewsconv.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Itests/unit $(ALL_CFLAGS) $(PKG_CFLAGS) $(DEPFLAGS) -MF $@.d -MT $@ \
	  -o $@ $< $(B)/libnewsconv.a $(PKG_LIBS)

# The fuzz targets' code as a plain program over files (tests/fuzz.sh replays the kept
# crash inputs with it, in every build: normal, asan, valgrind).
$(B)/tests/fuzz-replay: tests/fuzz/fuzz_reader.c $(B)/libnewsconv.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -DNC_FUZZ_REPLAY $(ALL_CFLAGS) $(DEPFLAGS) -MF $@.d -MT $@ -o $@ $< \
	  $(B)/libnewsconv.a $(PKG_LIBS)

# Fault injection: an LD_PRELOAD shim that fails the Nth allocation (tests/oom.sh).
$(B)/tests/failmalloc.so: tests/tools/failmalloc.c
	@mkdir -p $(@D)
	$(CC) -O1 -g -shared -fPIC -o $@ $<

# The libnewsconv(3) example, built against the public headers only.
$(B)/examples/convert: examples/convert.c $(B)/libnewsconv.a
	@mkdir -p $(@D)
	$(CC) -Iinclude $(ALL_CFLAGS) $(DEPFLAGS) -MF $@.d -MT $@ -o $@ $< $(B)/libnewsconv.a \
	  $(PKG_LIBS)

demo: deps
	@$(MAKE) --no-print-directory all
	@echo '== examples/helsinki.md as the model (newsconv examples/helsinki.md -t model)'
	@$(B)/newsconv examples/helsinki.md -t model
	@echo
	@echo '== ... and back as Markdown with front matter (newsconv examples/helsinki.md -t md)'
	@$(B)/newsconv examples/helsinki.md -t md

# The test suite. `make test`: the normal build's suite. `make check` (the README's test
# command, and CI's): that suite, then the same suite under AddressSanitizer and UBSan
# (`make asan`). TEST_WRAPPER runs every newsconv call under a tool (valgrind).
check: test
	@$(MAKE) --no-print-directory asan

test:
	@scripts/install-deps.sh check
	@$(MAKE) --no-print-directory WERROR=1 all $(UNIT_BINS) $(B)/examples/convert $(B)/tests/failmalloc.so \
	  $(B)/tests/fuzz-replay
	@B=$(B) scripts/run-tests.sh $(UNIT_BINS)

# The corpus walks of the suites take at most NC_CORPUS_MAX (60) documents of each set of
# ../shared/corpus, at an even stride, so that make check stays bounded as the corpus grows;
# this target walks every document (tests/newsml.sh, the suite that walks the whole corpus).
corpus-full: all
	@B=$(B) NC_CORPUS_MAX=0 bash tests/newsml.sh

# Fault injection alone, with more points than make check uses: every reader to every
# writer, a batch and the argument parsing with their Nth allocation failing (tests/oom.sh;
# NC_OOM_POINTS=N points per conversion, NC_OOM_STRICT=1 fails the known issues too).
NC_OOM_POINTS ?= 200
oom: all $(B)/tests/failmalloc.so
	@B=$(B) NC_OOM_POINTS=$(NC_OOM_POINTS) bash tests/oom.sh

asan:
	@$(MAKE) --no-print-directory test B=build/asan ARENA=malloc CC=gcc \
	  SANFLAGS='-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer' \
	  CFLAGS='-O1 -g'

valgrind:
	@scripts/install-deps.sh valgrind
	@$(MAKE) --no-print-directory all $(patsubst $(B)/%,build/valgrind/%,$(UNIT_BINS)) \
	  build/valgrind/tests/fuzz-replay build/valgrind/examples/convert \
	  B=build/valgrind ARENA=malloc CFLAGS='-O1 -g'
	@B=build/valgrind TEST_WRAPPER='valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99' \
	  scripts/run-tests.sh $(patsubst $(B)/%,build/valgrind/%,$(UNIT_BINS))

BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR  ?= $(DATADIR)/zsh/site-functions
MAN1 := $(wildcard docs/*.1)
MAN3 := $(wildcard docs/*.3)
# NOBUILD=1 installs what $(B) holds without building it first (the tests use it, so that a
# test never rebuilds the suite's build directory with other flags).
install: $(if $(filter 1,$(NOBUILD)),$(B)/newsconv.pc,all)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCDIR)/newsconv \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(B)/newsconv $(DESTDIR)$(BINDIR)/newsconv
	install -m 644 $(B)/libnewsconv.a $(DESTDIR)$(LIBDIR)/libnewsconv.a
	install -m 755 $(B)/libnewsconv.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libnewsconv.so.$(SOVERSION)
	ln -sf libnewsconv.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libnewsconv.so
	install -m 644 include/newsconv/*.h $(DESTDIR)$(INCDIR)/newsconv/
	install -m 644 $(B)/newsconv.pc $(DESTDIR)$(LIBDIR)/pkgconfig/newsconv.pc
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(MAN3) $(DESTDIR)$(MANDIR)/man3/
	install -m 644 scripts/completion/newsconv.bash $(DESTDIR)$(BASHCOMPDIR)/newsconv
	install -m 644 scripts/completion/_newsconv $(DESTDIR)$(ZSHCOMPDIR)/_newsconv

# Removes every file install wrote (the shared directories stay).
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/newsconv $(DESTDIR)$(LIBDIR)/libnewsconv.a \
	  $(DESTDIR)$(LIBDIR)/libnewsconv.so $(DESTDIR)$(LIBDIR)/libnewsconv.so.$(SOVERSION) \
	  $(DESTDIR)$(LIBDIR)/pkgconfig/newsconv.pc \
	  $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MAN1))) \
	  $(addprefix $(DESTDIR)$(MANDIR)/man3/,$(notdir $(MAN3))) \
	  $(DESTDIR)$(BASHCOMPDIR)/newsconv $(DESTDIR)$(ZSHCOMPDIR)/_newsconv
	rm -rf $(DESTDIR)$(INCDIR)/newsconv

# libFuzzer targets, one per reader (tests/fuzz/fuzz_reader.c), built with clang.
# make fuzz                      build build/fuzz/fuzz-<format>
# make fuzz-run FUZZ_SECONDS=60 [FUZZ_TARGETS="html json"]
#                                run each (or those), seeded from the fixtures; crashes are kept in
#                                tests/fuzz/regressions/<format>/ as regression inputs
FUZZ_SECONDS ?= 60
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
fuzz:
	@scripts/install-deps.sh fuzz
	@$(MAKE) --no-print-directory B=build/fuzz CC=clang ARENA=malloc CFLAGS='-O1 -g' \
	  SANFLAGS='-fsanitize=fuzzer-no-link $(FUZZ_SAN)' build/fuzz/libnewsconv.a
	@for f in $$(build/newsconv --list-formats 2>/dev/null | awk '$$2 ~ /^r/ {print $$1}'); do \
	  echo "fuzz-$$f"; \
	  clang -Iinclude -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) -DNC_FUZZ_FORMAT=\"$$f\" \
	    tests/fuzz/fuzz_reader.c build/fuzz/libnewsconv.a $(PKG_LIBS) -o build/fuzz/fuzz-$$f || exit 1; \
	done
fuzz-run: all fuzz
	@scripts/fuzz-run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Reports only (no timed assertions): articles/s, MB/s, CPU, peak RSS and ratios.
bench:
	@scripts/install-deps.sh bench
	@$(MAKE) --no-print-directory all
	@NEWSCONV=$(B)/newsconv $(if $(CORPUS),BENCH_CORPUS='$(CORPUS)') scripts/bench

clean:
	rm -rf build

# The header dependencies (-MMD -MP), last so that no rule of theirs is the default goal.
-include $(wildcard $(B)/*/*.d $(B)/*/*/*.d $(B)/*/*/*/*.d)
