#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The scenario corpus on --backend both, ROUNDS times in a row, while
# BUSY busy loops compete for every CPU and a process of the soak's own
# keeps ksmd busy with mergeable memory of its own: results must not
# depend on load.  Prints one line per round and exits 1 if any point of
# any round failed.  Run by `make soak` (root on Linux); slow.
set -u
mmsim=${MMSIM:-./mmsim}
rounds=${ROUNDS:-10}
busy=${BUSY:-2}
if [ "$(id -u)" != 0 ] || ! [ -r /proc/kpageflags ]; then
	echo "corpus-under-load: needs root on Linux (the kernel backend)"
	exit 0
fi
# Not while another checkout's tests plant swap devices or KSM values
# (tests/cli/lib.sh machine_tests_exclusive): the corpus would use them.
exec 9>>/run/mmsim-tests.lock
flock -w 900 9 || { echo "corpus-under-load: machine tests hold the lock"; exit 1; }
tmp=$(mktemp -d)
pids=
stop() {
	[ -n "$pids" ] && kill $pids 2>/dev/null
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap stop EXIT
trap 'exit 130' INT TERM
i=0
while [ $i -lt "$busy" ]; do
	sh -c 'while :; do :; done' &
	pids="$pids $!"
	i=$((i + 1))
done
# Another user of KSM: mergeable pages of its own, all alike, held for
# the whole soak (python's mmap + madvise, if python3 is there).
if command -v python3 >/dev/null; then
	python3 -c '
import mmap, time
m = mmap.mmap(-1, 64 << 20)
m.write(b"\x5a" * (64 << 20))
m.madvise(mmap.MADV_MERGEABLE)
time.sleep(1 << 30)' &
	pids="$pids $!"
fi
failed=0
r=1
while [ $r -le "$rounds" ]; do
	MMSIM=$mmsim prove -v -e ./tests/run-scenario-both.sh \
		tests/scenarios/*.mms >"$tmp/out" 2>&1
	rc=$?
	summary=$(grep -E '^(Files=|Result:)' "$tmp/out" | tr '\n' ' ')
	echo "round $r: exit $rc $summary"
	if [ $rc -ne 0 ]; then
		failed=$((failed + 1))
		# Each failing point with its diagnostics, under its file.
		awk '/^tests\/scenarios\// { file = $1 }
			/^not ok/ && !/# TODO/ { print file; show = 1; print; next }
			show && /^#/ { print; next }
			{ show = 0 }' "$tmp/out" | head -80 | sed 's/^/#   /'
	fi
	r=$((r + 1))
done
echo "corpus-under-load: $failed of $rounds rounds failed, $busy busy loops"
[ $failed -eq 0 ]
