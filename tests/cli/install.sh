#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make install DESTDIR=... gives a tree that works: mmsim runs from it,
# pkg-config finds libmmsim, a program built with what pkg-config says
# runs against the shared library and the static one, and man formats
# the installed pages.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(dirname "$(readlink -f "$mmsim")")
dest=$tmp/dest
make -C "$top" --no-print-directory BUILD="${build#"$top"/}" \
	SANITIZE="${SANITIZE:-}" install DESTDIR="$dest" PREFIX=/usr \
	>"$tmp/out" 2>&1
ok $? "make install DESTDIR=... PREFIX=/usr"

for f in bin/mmsim include/mmsim.h lib/libmmsim.a lib/libmmsim.so \
	lib/pkgconfig/mmsim.pc share/man/man1/mmsim.1 \
	share/man/man5/mmsim-scenario.5; do
	[ -e "$dest/usr/$f" ] || echo "# missing: /usr/$f" >>"$tmp/missing"
done
! [ -s "$tmp/missing" ]
ok $? "the tree has the program, the libraries, the header, mmsim.pc and the man pages" ||
	cat "$tmp/missing"

"$dest/usr/bin/mmsim" run "$top/tests/scenarios/0005-basics-readme-tour.mms" \
	>"$tmp/out" 2>&1
ok $? "the installed mmsim runs a scenario"

cat >"$tmp/prog.c" <<'EOC'
#include <stdio.h>
#include <sys/mman.h>
#include <mmsim.h>

/* A write, a fork: the page is shared and no longer exclusive. */
int main(void)
{
	struct sim *sim = sim_create();
	struct sim_pte_info a, b;
	unsigned long addr;
	int child;

	if (!sim || sim_mmap(sim, 0, 1, PROT_READ | PROT_WRITE, false, &addr) ||
	    sim_store(sim, 0, addr, 42))
		return 1;
	child = sim_fork(sim, 0);
	if (child < 0 || sim_query(sim, 0, addr, &a) ||
	    sim_query(sim, child, addr, &b))
		return 1;
	printf("%s %s\n", a.pfn == b.pfn ? "shared" : "copied",
	       a.exclusive ? "exclusive" : "not-exclusive");
	sim_destroy(sim);
	return 0;
}
EOC
if command -v pkg-config >/dev/null; then
	pc="env PKG_CONFIG_PATH=$dest/usr/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$dest pkg-config"
	flags=$($pc --cflags --libs mmsim)
	ok $? "pkg-config --cflags --libs mmsim: $flags"
	# shellcheck disable=SC2086
	cc ${LDFLAGS:-} -o "$tmp/prog" "$tmp/prog.c" $flags >"$tmp/out" 2>&1 &&
		LD_LIBRARY_PATH=$dest/usr/lib "$tmp/prog" >"$tmp/got" &&
		[ "$(cat "$tmp/got")" = "shared not-exclusive" ]
	ok $? "a program built with it runs against libmmsim.so"
	# shellcheck disable=SC2086
	cc ${LDFLAGS:-} -o "$tmp/prog-static" "$tmp/prog.c" \
		$($pc --cflags mmsim) \
		"$dest/usr/lib/libmmsim.a" >"$tmp/out" 2>&1 &&
		[ "$("$tmp/prog-static")" = "shared not-exclusive" ]
	ok $? "and against libmmsim.a"
else
	for what in pkg-config shared static; do
		n=$((n + 1))
		echo "ok $n - $what # SKIP no pkg-config"
	done
fi

if command -v man >/dev/null && command -v groff >/dev/null; then
	MANWIDTH=80 man -l "$dest/usr/share/man/man5/mmsim-scenario.5" \
		>"$tmp/out" 2>&1 && grep -q "^NAME" "$tmp/out"
	ok $? "man -l formats the installed mmsim-scenario(5)"
else
	n=$((n + 1))
	echo "ok $n - man -l # SKIP no man or groff"
fi
done_testing
