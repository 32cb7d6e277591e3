#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The layers stay layers (README, "Layout"): each folder includes only
# the headers of its own layer and of the layers below it, the modelled
# kernel reaches the simulator only through include/linux/sim_hooks.h,
# and each layer's library links without the layers above it (the model
# and the harness with a C compiler alone, no liburing below the host
# layer).
. "$(dirname "$0")/lib.sh"
quiet_fail=1
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
build=$(dirname "$(readlink -f "$mmsim")")

# The quoted includes of the files in $1 (a list) that do not match $2.
bad_includes() {
	files=$1 allowed=$2
	# shellcheck disable=SC2086
	grep -Hn '^#include "' $files | grep -Ev "#include \"($allowed)" || true
}

check() { # description, files, allowed include prefixes (regex)
	bad=$(bad_includes "$2" "$3")
	[ -z "$bad" ]
	ok $? "$1"
	[ -z "$bad" ] || echo "$bad" | sed 's/^/#   /'
}

model="mm/*.c mm/*.h kernel/*.c arch/x86/mm/*.c arch/x86/include/asm/*.h"
check "the modelled kernel includes kernel headers only" \
	"$model $(ls include/linux/*.h | grep -v sim_hooks)" \
	'linux/|asm/|mm/internal\.h'
grep -l '"mmsim.h"' include/linux/*.h mm/*.c mm/*.h kernel/*.c \
	arch/x86/mm/*.c >"$tmp/seam"
[ "$(cat "$tmp/seam")" = include/linux/sim_hooks.h ]
ok $? "only include/linux/sim_hooks.h names the simulator's API" ||
	sed 's/^/#   /' "$tmp/seam"
check "the harness includes the model and itself" \
	"harness/*.c harness/*.h" 'linux/|harness/|mmsim\.h'
check "the scenario language includes no host or CLI header" \
	"scenario/*.c scenario/*.h" 'linux/|harness/|scenario/|mmsim\.h'
check "the explorer includes the model's public header and itself" \
	"explore/*.c explore/*.h" 'explore/|mmsim\.h'
check "the pictures include the scenario layer and themselves" \
	"render/*.c render/*.h" 'linux/|scenario/|render/|mmsim\.h'
check "the host layer includes no CLI header" \
	"host/*.c host/*.h" 'linux/|harness/|scenario/|host/|mmsim\.h'
n_uring=$(grep -l '^#include <liburing\.h>' $model harness/* scenario/* host/* cli/* \
	2>/dev/null | tr '\n' ' ')
[ "$n_uring" = "host/kernel-pins.c " ]
ok $? "only host/kernel-pins.c includes liburing.h (${n_uring% })"

# Each library links with only the ones below it.
printf 'int main(void) { return 0; }\n' >"$tmp/main.c"
link() { # libraries...
	# shellcheck disable=SC2086
	cc ${LDFLAGS:-} "$tmp/main.c" -Wl,--whole-archive "$1" \
		-Wl,--no-whole-archive \
		"$@" -o "$tmp/a.out" >"$tmp/out" 2>&1
}
link "$build/libmmsim.a"
ok $? "libmmsim.a (model and harness) links alone"
link "$build/libmmsim-scenario.a" "$build/libmmsim.a"
ok $? "libmmsim-scenario.a links with libmmsim.a alone"
link "$build/libmmsim-host.a" "$build/libmmsim-scenario.a" \
	"$build/libmmsim.a" -luring
ok $? "libmmsim-host.a links with the layers below and liburing"
link "$build/libmmsim-explore.a" "$build/libmmsim.a"
ok $? "libmmsim-explore.a links with libmmsim.a alone"
link "$build/libmmsim-render.a" "$build/libmmsim-scenario.a" \
	"$build/libmmsim.a"
ok $? "libmmsim-render.a links with the scenario layer and libmmsim.a"
done_testing
