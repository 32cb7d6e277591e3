#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The whole corpus on real kernels in a VM (docs/vm.md): on the vm:6.12
# test kernel under the v6.12 policy and on Debian's vm:6.1 under v6.1
# (--target picks the design).  No observation of the model disagrees
# with the kernel's, and the only files that fail are those whose
# 'broken-under' names that design: their expectations are a later
# kernel's, and they fail alike on both halves; docs/vm.md lists them.
# On vm:6.12 every file runs on both halves.  Skipped while the vm:6.12
# image is not built (vm/build-kernel 6.12) or QEMU or the static mmsim
# is missing; the vm:6.1 half while Debian's image is not fetched
# (vm/fetch-kernel 6.1).
. "$(dirname "$0")/lib.sh"

needs_vm

export TMPDIR="$tmp"

# corpus TARGET POLICY [EXCLUDE]: run it, check it; the files whose
# numbers match the regex EXCLUDE are left out of the comparison.
corpus() {
	exclude=${3:-^$}
	"$mmsim" run --backend both --target "$1" tests/scenarios/*.mms \
		>"$tmp/out" 2>&1
	rc=$?
	quiet_fail=1
	[ $rc -le 1 ] && [ "$(grep -c "^# tests/scenarios/" "$tmp/out")" -eq \
		"$(ls tests/scenarios/*.mms | wc -l)" ]
	ok $? "every file ran on $1 (exit $rc)"
	grep -q "^# tests/scenarios/.*" "$tmp/out" || sed 's/^/# /' "$tmp/out" | head
	awk '/^# tests\/scenarios\// { f = $2 } /the backends disagree/ { print f }' \
		"$tmp/out" | grep -Ev "/($exclude)-" >"$tmp/disagree"
	[ ! -s "$tmp/disagree" ]
	ok $? "no observation of the model disagrees with $1's"
	[ -s "$tmp/disagree" ] && sed 's/^/# /' "$tmp/disagree"
	awk '/^# tests\/scenarios\// { f = $2 } /^not ok/ && !/# TODO/ { print f }' \
		"$tmp/out" | sed 's|.*/\([0-9]*\)-.*|\1|' |
		grep -Ev "^($exclude)$" | sort -u >"$tmp/failed"
	# A file that stopped at a SKIP before it failed (the zero page, or
	# a page an earlier file poisoned: docs/vm.md) cannot show it.
	awk '/^# tests\/scenarios\// { f = $2 }
		/^# stopping at line/ { print f }' "$tmp/out" |
		sed 's|.*/\([0-9]*\)-.*|\1|' | sort -u |
		comm -23 - "$tmp/failed" >"$tmp/stopped"
	# A file with its own policy header runs under that one instead.
	grep -L "^policy " $(grep -l "^broken-under.* $2\( \|$\)" \
		tests/scenarios/*.mms) |
		sed 's|.*/\([0-9]*\)-.*|\1|' | grep -Ev "^($exclude)$" |
		grep -vxF -f "$tmp/stopped" | sort -u >"$tmp/later"
	if ! diff -u "$tmp/later" "$tmp/failed" >"$tmp/diff"; then
		sed 's/^/# /' "$tmp/diff"
		false
	fi
	ok $? "what fails on $1 is what broken-under says $2 does otherwise"
	missing=""
	for f in $(cat "$tmp/later"); do
		grep -q "\`$f\`" docs/vm.md || missing="$missing $f"
	done
	[ -z "$missing" ]
	ok $? "docs/vm.md explains each of them${missing:+ (not:$missing)}"
	quiet_fail=0
}

corpus vm:6.12 v6.12
! grep -q "kernel half is skipped" "$tmp/out"
ok $? "no file runs the model half alone on vm:6.12"

if vm/fetch-kernel --cached 6.1 >/dev/null 2>&1; then
	corpus vm:6.1 v6.1
fi
done_testing
