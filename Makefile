# folio: XML report definition + CSV data -> paginated, archivable PDF.
#   make          build build/folio
#   make run      install missing Debian packages, build, render every example to out/
#   make test     install missing Debian packages, build, run every test
#   make bench    pages per second and peak memory per example
#   make install  PREFIX=/usr/local DESTDIR=

VERSION  := 0.1.0
PREFIX   ?= /usr/local
CC       ?= cc
PKGS     := libxml-2.0
CFLAGS   ?= -O2 -g
WARN     := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ifeq ($(CI),true)
WARN     += -Werror
endif
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -DFOLIO_VERSION='"$(VERSION)"' \
            -DFOLIO_DATADIR='"$(PREFIX)/share/folio"' \
            $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lhyphen -lz -lm -lpthread

SRC      := $(wildcard src/*.c)
OBJ      := $(SRC:src/%.c=build/obj/%.o)
LIBOBJ   := $(filter-out build/obj/main.o,$(OBJ))
ASANOBJ  := $(SRC:src/%.c=build/asan/%.o)
ASANLIB  := $(filter-out build/asan/main.o,$(ASANOBJ))
ASAN     := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
UNIT     := $(wildcard tests/unit/test_*.c)
UNITBIN  := $(UNIT:tests/unit/%.c=build/tests/%)
UNITASAN := $(UNIT:tests/unit/%.c=build/tests/asan_%)
EXAMPLES := $(wildcard examples/*/report.xml)

.PHONY: all deps run test bench install clean unit asan

all: build/folio

build/folio: $(OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJ) $(LDLIBS)

build/obj/%.o: src/%.c | build/obj
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -MMD -MP -c -o $@ $<

build/asan/%.o: src/%.c | build/asan
	$(CC) $(WARN) $(ASAN) $(CPPFLAGS) -MMD -MP -c -o $@ $<

build/asan/folio: $(ASANOBJ)
	$(CC) $(ASAN) -o $@ $(ASANOBJ) $(LDLIBS)

build/tests/test_%: tests/unit/test_%.c $(wildcard tests/unit/*.h) $(LIBOBJ) | build/tests
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -Isrc -o $@ $< $(LIBOBJ) $(LDLIBS) -lcmocka

build/tests/asan_test_%: tests/unit/test_%.c $(wildcard tests/unit/*.h) $(ASANLIB) | build/tests
	$(CC) $(WARN) $(ASAN) $(CPPFLAGS) -Isrc -o $@ $< $(ASANLIB) $(LDLIBS) -lcmocka

build/obj build/asan build/tests:
	mkdir -p $@

deps:
	@sh tests/deps.sh

unit: $(UNITBIN) $(UNITASAN)

run: deps
	@$(MAKE) --no-print-directory build/folio
	@build/folio batch examples -o out

test: deps
	@$(MAKE) --no-print-directory build/folio build/asan/folio unit
	@sh tests/run.sh

bench: build/folio
	@sh tests/bench.sh

install: build/folio
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/folio
	install -m 755 build/folio $(DESTDIR)$(PREFIX)/bin/folio
	cp -R data layouts fonts $(DESTDIR)$(PREFIX)/share/folio/

clean:
	rm -rf build out

-include $(OBJ:.o=.d) $(ASANOBJ:.o=.d)
