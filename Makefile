# SPDX-License-Identifier: GPL-2.0-only
#
# mmsim - plain Makefile in the style of liburing/Redis.
#   make               build ./mmsim and the libraries of each layer
#   make check         all tests (unit + scenarios) via prove; as root on
#                      Linux also the corpus on --backend both (model and
#                      live kernel in lockstep)
#   make SANITIZE=1 check   the same under ASan + UBSan (separate build dir)
#   make demo          build and run the showcase scenarios
#   make bench         benchmarks (figures per page / per PTE, and the
#                      parser's memory per statement)
#   make stress        many random operation sequences under every policy
#   make soak          the corpus on --backend both 10 times under CPU load
#   make explore-kernel  1,000 random walks on the model and the live
#                      kernel in lockstep (root; SEED=N; about 100 s)
#   make fuzz          libFuzzer on the parser and the model runner for
#                      FUZZ_SECONDS (default 60) seconds (needs clang)
#   make install       the program, libmmsim (static and shared), mmsim.h,
#                      mmsim.pc and the man pages, under $(DESTDIR)$(PREFIX)
#   make V=1           show the commands

CC ?= cc
OPT ?= -O2
VERSION := $(shell sed -n 's/^#define MMSIM_VERSION "\(.*\)"/\1/p' include/mmsim.h)
ABI := 0
CFLAGS_BASE := -std=gnu11 -g $(OPT) -Wall -Wextra -Wno-unused-parameter \
	-Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror=implicit \
	-iquote include -iquote arch/x86/include -iquote .
ifeq ($(SANITIZE),1)
BUILD ?= build-sanitize
CFLAGS_BASE += -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
else
BUILD ?= build
endif
# Position-independent everywhere: libmmsim.so is made of the same objects.
CFLAGS += $(CFLAGS_BASE) -fPIC
# liburing: the kernel backend's io_uring fixed-buffer pins, in
# host/kernel-pins.c, the one file that includes liburing.h.  Only what
# links the host layer links it.
URING_LIBS := -luring

ifeq ($(V),1)
Q :=
else
Q := @
endif

# One library per layer (README, "Layout"):
#   libmmsim.a           the modelled kernel and the harness, behind
#                        include/mmsim.h: a C compiler is all it needs
#   libmmsim-scenario.a  the scenario language: parser, runner, output,
#                        the model backend
#   libmmsim-host.a      the real-kernel backends (liburing)
#   libmmsim-explore.a   mmsim explore: the search over the model
#   libmmsim-render.a    pictures of a run (mmsim run --html, --svg)
MODEL_SRCS := $(wildcard mm/*.c fs/*.c fs/proc/*.c kernel/*.c arch/x86/mm/*.c harness/*.c)
SCENARIO_SRCS := $(wildcard scenario/*.c)
HOST_SRCS := $(wildcard host/*.c)
EXPLORE_SRCS := $(wildcard explore/*.c)
RENDER_SRCS := $(wildcard render/*.c)
LIB_SRCS := $(MODEL_SRCS) $(SCENARIO_SRCS) $(HOST_SRCS) $(EXPLORE_SRCS) \
	$(RENDER_SRCS)
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o)
LIB := $(BUILD)/libmmsim.a
SHLIB := $(BUILD)/libmmsim.so
SCENARIO_LIB := $(BUILD)/libmmsim-scenario.a
HOST_LIB := $(BUILD)/libmmsim-host.a
EXPLORE_LIB := $(BUILD)/libmmsim-explore.a
RENDER_LIB := $(BUILD)/libmmsim-render.a
# Every layer's library, for what may use any (the CLI, the unit tests).
ALL_LIBS := $(HOST_LIB) $(RENDER_LIB) $(SCENARIO_LIB) $(EXPLORE_LIB) $(LIB)
CLI_SRCS := $(wildcard cli/*.c)
CLI_OBJS := $(CLI_SRCS:%.c=$(BUILD)/%.o)
UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%.t)
STRESS_BIN := $(BUILD)/tests/random-ops.t
BENCH_BIN := $(BUILD)/bench/bench
# The process tests/cli/inspect.sh inspects.
INSPECT_TARGET := $(BUILD)/tests/inspect-target
SIGNAL_ON_CREATE := $(BUILD)/tests/signal-on-create
SCENARIOS := $(sort $(wildcard tests/scenarios/*.mms))
# tests/cli/lib.sh is their library, not a test.
CLI_TESTS := $(filter-out tests/cli/lib.sh,$(sort $(wildcard tests/cli/*.sh)))
SAGA := $(sort $(wildcard tests/scenarios/9*.mms))
# Every file with a history: the saga, and behaviour a later kernel changed.
HISTORY := $(sort $(SAGA) $(shell grep -l '^broken-under' $(SCENARIOS)))

MMSIM := $(BUILD)/mmsim
# The same, linked statically: the init of a --target vm:VERSION guest.
MMSIM_STATIC := $(BUILD)/mmsim-static

# The fuzz target (fuzz/scenario.c): clang with libFuzzer, ASan and UBSan,
# in a build directory of its own.  make check fuzzes FUZZ_CHECK_SECONDS.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CHECK_SECONDS ?= 15
FUZZ_BUILD := build-fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
FUZZ_OBJS := $(MODEL_SRCS:%.c=$(FUZZ_BUILD)/%.o) \
	$(SCENARIO_SRCS:%.c=$(FUZZ_BUILD)/%.o) $(FUZZ_BUILD)/fuzz/scenario.o
FUZZ_BIN := $(FUZZ_BUILD)/fuzz-scenario
FUZZ_ARGS := -max_len=4096 -timeout=20 -rss_limit_mb=2048 \
	-dict=fuzz/scenario.dict -artifact_prefix=$(FUZZ_BUILD)/ \
	$(FUZZ_BUILD)/corpus tests/scenarios
all: deps-build $(MMSIM) $(ALL_LIBS) $(SHLIB) \
	$(if $(filter 1,$(SANITIZE)),,mmsim)

# Missing Debian packages: installed as root, else the apt-get line.  One
# target, run before anything compiles, for what the goals need.
DEPS_FOR := $(if $(filter check,$(MAKECMDGOALS)),check,build)
deps-build:
	$(Q)./tests/ensure-deps.sh $(DEPS_FOR)

# ./mmsim is the binary of the current build, for the README's commands.
mmsim: $(MMSIM) $(MMSIM_STATIC)
	$(Q)ln -sf $(MMSIM) mmsim

$(BUILD)/%.o: %.c | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(MODEL_SRCS:%.c=$(BUILD)/%.o)
$(SCENARIO_LIB): $(SCENARIO_SRCS:%.c=$(BUILD)/%.o)
$(HOST_LIB): $(HOST_SRCS:%.c=$(BUILD)/%.o)
$(EXPLORE_LIB): $(EXPLORE_SRCS:%.c=$(BUILD)/%.o)
$(RENDER_LIB): $(RENDER_SRCS:%.c=$(BUILD)/%.o)
$(ALL_LIBS):
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

# The public library, shared: the model and the harness.
$(SHLIB): $(MODEL_SRCS:%.c=$(BUILD)/%.o)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) -shared -Wl,-soname,libmmsim.so.$(ABI) $(LDFLAGS) $^ -o $@

$(MMSIM): $(CLI_OBJS) $(ALL_LIBS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(CLI_OBJS) $(ALL_LIBS) $(LDFLAGS) $(URING_LIBS) \
		-o $@

$(MMSIM_STATIC): $(CLI_OBJS) $(ALL_LIBS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) -static $(CLI_OBJS) $(ALL_LIBS) $(LDFLAGS) \
		$(URING_LIBS) -o $@

# No liburing: a unit test that pulled in the io_uring pins would not link.
$(BUILD)/tests/%.t: tests/unit/%.c $(ALL_LIBS) tests/unit/helpers.h \
		tests/unit/model-helpers.h $(wildcard tests/unit/*.def)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $< $(ALL_LIBS) $(LDFLAGS) -lcmocka -o $@

$(INSPECT_TARGET): tests/inspect-target.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $< $(LDFLAGS) -o $@

$(SIGNAL_ON_CREATE): tests/signal-on-create.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $< $(LDFLAGS) -o $@

$(STRESS_BIN): tests/stress/random-ops.c $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $< $(LIB) $(LDFLAGS) -o $@

# The scenario library too: the bench measures the parser's memory.
$(BENCH_BIN): bench/bench.c $(SCENARIO_LIB) $(EXPLORE_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_BASE) -O2 $< $(SCENARIO_LIB) $(EXPLORE_LIB) $(LIB) \
		$(LDFLAGS) -o $@

deps:
	$(Q)./tests/ensure-deps.sh check

check: deps-build all $(UNIT_BINS) $(STRESS_BIN) $(INSPECT_TARGET) \
	$(SIGNAL_ON_CREATE)
	$(Q)prove -f $(UNIT_BINS) $(STRESS_BIN)
	$(Q)MMSIM=$(MMSIM) prove -f -e ./tests/run-scenario.sh $(SCENARIOS)
	@echo "make check: the corpus again with the full check after every statement"
	$(Q)$(MMSIM) run --check full $(SCENARIOS) >/dev/null
	$(Q)if [ "$$(id -u)" = 0 ] && [ -r /proc/kpageflags ]; then \
		MMSIM=$(MMSIM) prove -f -e ./tests/run-scenario-both.sh \
			$(SCENARIOS); \
	else \
		echo "make check: skipped the corpus on --backend both" \
			"(the kernel backend needs root on Linux)"; \
	fi
	$(Q)MMSIM=$(MMSIM) LDFLAGS="$(LDFLAGS)" SANITIZE="$(SANITIZE)" \
		prove -f $(CLI_TESTS)
	@echo "make check: the files with a history agree with it under every policy"
	$(Q)$(MMSIM) matrix --check $(HISTORY) >/dev/null
	$(Q)$(MAKE) --no-print-directory fuzz-check

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(FUZZ_CC) $(CFLAGS_BASE) -fsanitize=fuzzer-no-link $(FUZZ_SAN) \
		-MMD -MP -c $< -o $@

$(FUZZ_BIN): $(FUZZ_OBJS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) $^ -o $@

# New inputs go to $(FUZZ_BUILD)/corpus; the scenarios are the seeds.
fuzz: $(FUZZ_BIN)
	@mkdir -p $(FUZZ_BUILD)/corpus
	$(Q)$(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) $(FUZZ_ARGS)

# make check: a short fuzz if clang can build a libFuzzer target.
fuzz-check:
	$(Q)mkdir -p $(FUZZ_BUILD) && \
	if printf 'int LLVMFuzzerTestOneInput(const char *d, long n)\n{ return 0; }\n' | \
	   $(FUZZ_CC) -fsanitize=fuzzer -x c - -o $(FUZZ_BUILD)/probe \
		>/dev/null 2>&1; then \
		$(MAKE) --no-print-directory $(FUZZ_BIN) && \
		echo "make check: fuzzing for $(FUZZ_CHECK_SECONDS) s" \
			"(log in $(FUZZ_BUILD)/fuzz.log)" && \
		mkdir -p $(FUZZ_BUILD)/corpus && \
		{ $(FUZZ_BIN) -max_total_time=$(FUZZ_CHECK_SECONDS) \
			$(FUZZ_ARGS) >$(FUZZ_BUILD)/fuzz.log 2>&1 || \
		  { tail -n 60 $(FUZZ_BUILD)/fuzz.log; exit 1; }; }; \
	else \
		echo "make check: SKIP fuzz: $(FUZZ_CC) cannot build a" \
			"libFuzzer target (Debian: apt-get install clang" \
			"libclang-rt-14-dev)"; \
	fi

demo: all
	$(Q)./tests/demo.sh $(MMSIM)

bench: $(BENCH_BIN) $(MMSIM)
	$(Q)$(BENCH_BIN)
	$(Q)MMSIM=$(MMSIM) ./bench/corpus.sh

# Many more random sequences than make check runs (slow).
stress: $(STRESS_BIN)
	$(Q)$(STRESS_BIN) 20000

format:
	$(Q)clang-format -i $(LIB_SRCS) $(CLI_SRCS) $(UNIT_SRCS) tests/stress/*.c \
		fuzz/*.c bench/*.c tests/*.c vm/*.c \
		$(wildcard include/*.h include/*/*.h arch/x86/include/asm/*.h mm/*.h \
		harness/*.h scenario/*.h host/*.h cli/*.h)

# make install: PREFIX (default /usr/local) under DESTDIR.  The public
# library is libmmsim (the model and the harness, include/mmsim.h).
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig

$(BUILD)/mmsim.pc: Makefile include/mmsim.h
	@mkdir -p $(dir $@)
	$(Q)printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' \
		'includedir=$(INCLUDEDIR)' '' 'Name: mmsim' \
		'Description: an executable model of Linux anonymous memory' \
		'Version: $(VERSION)' 'Libs: -L$${libdir} -lmmsim' \
		'Cflags: -I$${includedir}' >$@

install: all $(BUILD)/mmsim.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) \
		$(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(PKGCONFIGDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(MMSIM) $(DESTDIR)$(BINDIR)/mmsim
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libmmsim.a
	install -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)/libmmsim.so.$(VERSION)
	ln -sf libmmsim.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libmmsim.so.$(ABI)
	ln -sf libmmsim.so.$(ABI) $(DESTDIR)$(LIBDIR)/libmmsim.so
	install -m 644 include/mmsim.h $(DESTDIR)$(INCLUDEDIR)/mmsim.h
	install -m 644 $(BUILD)/mmsim.pc $(DESTDIR)$(PKGCONFIGDIR)/mmsim.pc
	install -m 644 man/mmsim.1 $(DESTDIR)$(MANDIR)/man1/mmsim.1
	install -m 644 man/mmsim-scenario.5 \
		$(DESTDIR)$(MANDIR)/man5/mmsim-scenario.5

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mmsim $(DESTDIR)$(LIBDIR)/libmmsim.a \
		$(DESTDIR)$(LIBDIR)/libmmsim.so* $(DESTDIR)$(INCLUDEDIR)/mmsim.h \
		$(DESTDIR)$(PKGCONFIGDIR)/mmsim.pc \
		$(DESTDIR)$(MANDIR)/man1/mmsim.1 \
		$(DESTDIR)$(MANDIR)/man5/mmsim-scenario.5

# Results must not depend on load (root on Linux; slow).
soak: all
	$(Q)MMSIM=$(MMSIM) ./tests/soak/corpus-under-load.sh

# The test kernels of --target vm:VERSION, built once into the cache
# (docs/vm.md; about 10 minutes of CPU), then what each guest can do.
# Differential fuzzing: 1,000 random walks of 20 steps, each run on the
# model and the live kernel in lockstep (root; about 100 s here).
explore-kernel: all
	$(Q)$(MMSIM) explore --random --backend both --walks 1000 --steps 20 \
		--seed $${SEED:-1}

vm-kernels:
	$(Q)./tests/ensure-deps.sh vm
	$(Q)vm/build-kernel 6.12 >/dev/null
	$(Q)vm/fetch-kernel 6.1 >/dev/null
	$(Q)vm/probe --cached 6.12

clean:
	rm -rf build build-sanitize $(FUZZ_BUILD) mmsim

.PHONY: all check demo explore-kernel bench clean deps deps-build format fuzz fuzz-check install \
	mmsim soak stress uninstall vm-kernels

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d) $(FUZZ_OBJS:.o=.d)
