# newsconv: GNU make only.
#   make            build build/newsconv and build/libnewsconv.a (installs missing Debian packages)
#   make demo       build, then convert the bundled example article
#   make check      build with warnings as errors and run every test
#   make asan       the test suite under AddressSanitizer + UBSan (B=build/asan)
#   make valgrind   the test suite under valgrind memcheck
#   make bench      batch conversion against one process per file and pandoc (CORPUS=DIR:
#                   your own HTML pages; see scripts/bench)
#   make clean

B        ?= build
CC       ?= cc
CFLAGS   ?= -O2 -g
WARN     := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-unused-parameter
ifeq ($(WERROR),1)
WARN     += -Werror
endif
ifeq ($(ARENA),malloc)
CPPFLAGS += -DNC_ARENA_MALLOC
endif
PKGS     := libxml-2.0 libcmark jansson yaml-0.1 libarchive
# recursive (=): expanded when a recipe runs, after deps.stamp has installed the packages
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
ALL_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc -Iformats $(CPPFLAGS)
ALL_CFLAGS   = $(WARN) $(CFLAGS) $(SANFLAGS) -pthread

LIB_SRCS := $(filter-out src/main.c,$(wildcard src/*.c)) $(wildcard formats/*.c formats/*/*.c)
LIB_OBJS := $(patsubst %.c,$(B)/%.o,$(LIB_SRCS))
CLI_OBJS := $(B)/src/main.o
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRCS))
HEADERS  := $(wildcard include/newsconv/*.h src/*.h formats/*.h formats/*/*.h) formats/formats.def

.PHONY: all demo check test asan valgrind bench clean deps FORCE
all: $(B)/newsconv $(B)/libnewsconv.a

# Installs missing Debian packages once (scripts/install-deps.sh is a no-op when all exist).
$(B)/deps.stamp: scripts/install-deps.sh
	@mkdir -p $(@D)
	@scripts/install-deps.sh build
	@touch $@
deps: $(B)/deps.stamp

# Objects are rebuilt when the compiler flags change.
$(B)/flags: FORCE | $(B)/deps.stamp
	@echo '$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(PKG_CFLAGS)' | cmp -s - $@ || \
	  echo '$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(PKG_CFLAGS)' > $@

$(B)/%.o: %.c $(HEADERS) $(B)/flags | $(B)/deps.stamp
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(PKG_CFLAGS) -c $< -o $@

$(B)/libnewsconv.a: $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/newsconv: $(CLI_OBJS) $(B)/libnewsconv.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJS) $(B)/libnewsconv.a $(PKG_LIBS) $(LDLIBS)

$(B)/tests/%: tests/unit/%.c tests/unit/harness.h $(B)/libnewsconv.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Itests/unit $(ALL_CFLAGS) $(PKG_CFLAGS) -o $@ $< $(B)/libnewsconv.a $(PKG_LIBS)

demo: all
	@echo '== examples/helsinki.md as the model (newsconv examples/helsinki.md -t model)'
	@$(B)/newsconv examples/helsinki.md -t model
	@echo
	@echo '== ... and back as Markdown with front matter (newsconv examples/helsinki.md -t md)'
	@$(B)/newsconv examples/helsinki.md -t md

# The test suite. TEST_WRAPPER runs every newsconv call under a tool (valgrind).
check:
	@scripts/install-deps.sh check
	@$(MAKE) --no-print-directory WERROR=1 all $(UNIT_BINS)
	@B=$(B) scripts/run-tests.sh $(UNIT_BINS)
test: check

asan:
	@$(MAKE) --no-print-directory check B=build/asan ARENA=malloc CC=gcc \
	  SANFLAGS='-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer' \
	  CFLAGS='-O1 -g'

valgrind:
	@command -v valgrind >/dev/null || scripts/install-deps.sh valgrind
	@$(MAKE) --no-print-directory all $(UNIT_BINS) B=build/valgrind ARENA=malloc CFLAGS='-O1 -g'
	@B=build/valgrind TEST_WRAPPER='valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99' \
	  scripts/run-tests.sh $(patsubst $(B)/%,build/valgrind/%,$(UNIT_BINS))

# Reports only (no timed assertions): articles/s, MB/s, CPU, peak RSS and ratios.
bench: all
	@scripts/install-deps.sh bench
	@NEWSCONV=$(B)/newsconv $(if $(CORPUS),BENCH_CORPUS='$(CORPUS)') scripts/bench

clean:
	rm -rf build
