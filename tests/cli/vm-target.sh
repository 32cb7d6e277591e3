#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# --target vm:6.12: the kernel backend runs in a guest (host/vm.c,
# host/vm-guest.c) booted once for all the files of a run; under the
# v6.12 policy the model agrees with that kernel, THP and uffd-wp
# included.  An unknown target is a usage error; a run that ends, is
# interrupted or killed leaves no QEMU and no directory behind (a killed
# run's directory goes with the next run).  Skipped while the vm:6.12
# image is not built (vm/build-kernel 6.12: ten minutes) or QEMU or the
# static mmsim is missing.
. "$(dirname "$0")/lib.sh"

needs_vm

export TMPDIR="$tmp"
run() {
	"$mmsim" "$@" >"$tmp/out" 2>&1
	rc=$?
}
qemus() {
	pgrep -f "qemu-system-x86_64.*$tmp" | wc -l
}
leftovers() {
	ls -d "$tmp"/mmsim-vm-* 2>/dev/null | wc -l
}

# Debian's own 6.1 image (vm/fetch-kernel), its drivers loaded from the
# initramfs: the base-page fork scenario agrees there too.
if vm/fetch-kernel --cached 6.1 >/dev/null 2>&1; then
	run run --backend both --target vm:6.1 \
		tests/scenarios/2001-fork-write-protects-both.mms
	[ $rc -eq 0 ] && ! grep -q "SKIP\|disagree" "$tmp/out"
	ok $? "vm:6.1 boots Debian's kernel and agrees on 2001 (exit $rc)"
fi

# Without --policy the model follows the VM's kernel: 4012's zero-filled
# page stays in 6.1's swap cache (no zeromap before 6.12), so the file's
# 'isnot orig' fails on both halves under v6.1, and passes on vm:6.12.
if vm/fetch-kernel --cached 6.1 >/dev/null 2>&1; then
	run run --backend both --target vm:6.1 \
		tests/scenarios/4012-swap-zero-filled-page-freed-at-once.mms
	[ $rc -eq 1 ] && grep -q "^not ok 1 - [0-9]*: expect p0 A\[0\] isnot orig" "$tmp/out" &&
		! grep -q "disagree\|kernel half is skipped" "$tmp/out"
	ok $? "--target vm:6.1 models v6.1 unless told: 4012 fails alike on both halves (exit $rc)"

	# matrix --target: two kernels in one process, each checking its
	# design's column; nothing is left behind.
	run matrix --check --target vm:6.1 --target vm:6.12 \
		tests/scenarios/4012-swap-zero-filled-page-freed-at-once.mms \
		tests/scenarios/9005-saga-ro-pin-stale-shared.mms
	[ $rc -eq 0 ] &&
		grep -q "^4012-[a-z-]* .* FAIL +  *ok +  *ok *$" "$tmp/out" &&
		grep -q "^9005-[a-z-]* .* ok ?  *ok +  *ok *$" "$tmp/out" &&
		grep -q "checked: v6.1 on vm:6.1, v6.12 on vm:6.12" "$tmp/out" &&
		[ "$(qemus)" -eq 0 ] && [ "$(leftovers)" -eq 0 ]
	ok $? "matrix --target vm:6.1 --target vm:6.12 marks each kernel's column (exit $rc)"
	[ $rc -le 1 ] || sed 's/^/# /' "$tmp/out"
fi

# A kernel of one's own: MMSIM_VM_KERNEL boots that image (here the
# cached 6.12 one, copied), the target still names the design.
cp "$(vm/build-kernel --cached 6.12)" "$tmp/my-bzImage"
MMSIM_VM_KERNEL="$tmp/my-bzImage" run run --backend both --target vm:6.12 \
	tests/scenarios/3007-gup-ro-longterm-pin-zeropage-copies.mms
[ $rc -eq 0 ] && ! grep -q "SKIP\|disagree" "$tmp/out"
ok $? "MMSIM_VM_KERNEL boots the user's image (exit $rc)"
MMSIM_VM_KERNEL="$tmp/none" run run --backend both --target vm:6.12 \
	tests/scenarios/3007-gup-ro-longterm-pin-zeropage-copies.mms
[ $rc -eq 0 ] && grep -q "SKIP.*MMSIM_VM_KERNEL names no readable file" "$tmp/out"
ok $? "an MMSIM_VM_KERNEL that is not there is a SKIP that says so (exit $rc)"
rm -f "$tmp/my-bzImage"

run run --target vm:6.11 tests/scenarios/0001-basics-untouched-region-is-none.mms
[ $rc -eq 2 ] && grep -q "unknown target 'vm:6.11'" "$tmp/out"
ok $? "an unknown target is a usage error (exit $rc)"

files="tests/scenarios/2001-fork-write-protects-both.mms
tests/scenarios/6001-cow-a1-basic-cow-after-fork.mms
tests/scenarios/8055-thp-pte-mapped-cow-after-fork.mms
tests/scenarios/8058-thp-pte-mapped-reuse-after-child-exit.mms
tests/scenarios/8500-uffd-wp-write-notifies-handler.mms"
# shellcheck disable=SC2086
run run --backend both --target vm:6.12 --policy v6.12 $files
quiet_fail=1
# 8058's expectations are the latest kernel's (6.15+ reuses a PTE-mapped
# THP page): under v6.12 both halves copy, and agree on it.
[ $rc -eq 1 ] && [ "$(grep -c "^not ok" "$tmp/out")" -eq 2 ] &&
	[ "$(grep -c "the backends disagree" "$tmp/out")" -eq 0 ] &&
	! grep -q "kernel half is skipped" "$tmp/out"
ok $? "both on vm:6.12 under v6.12: the kernel half runs and agrees everywhere (exit $rc)"
sed -n '/8058-thp/,/^1\.\./p' "$tmp/out" | grep -q "^#   kernel: present pfn .* exclusive mapcount 1; label orig" &&
	[ "$(sed -n '/8058-thp/,/^1\.\./p' "$tmp/out" | grep -c "^not ok")" -eq 2 ]
ok $? "the two failures are 8058's, where the 6.12 kernel copies as the model does"
quiet_fail=0
[ "$(qemus)" -eq 0 ] && [ "$(leftovers)" -eq 0 ]
ok $? "a run that ends leaves no QEMU and no directory"

# R/O longterm pins through the guest's gup_test: cow.c's A9-A14 and the
# stale R/O pin of the saga, checked on a real kernel point by point.
run run --backend both --target vm:6.12 --policy v6.12 \
	tests/scenarios/6009-cow-a9-ro-pin-ro-mapped-shared.mms \
	tests/scenarios/6014-cow-a14-ro-pin-fast-ro-mapped-exclusive.mms \
	tests/scenarios/9005-saga-ro-pin-stale-shared.mms
[ $rc -eq 0 ] && ! grep -q "SKIP\|kernel half is skipped" "$tmp/out"
ok $? "gup_test's longterm pins run on vm:6.12, every point on both halves (exit $rc)"

# Swap: the guest's swap 'file' is a virtio disk, zram is zram.
run run --backend both --target vm:6.12 --policy v6.12 \
	tests/scenarios/4001-swap-read-swapin-exclusive-writable.mms \
	tests/scenarios/4101-swapfork-*.mms \
	tests/scenarios/4301-swapdev-*.mms
[ $rc -eq 0 ] && ! grep -q "SKIP unsupported\|kernel half is skipped" "$tmp/out" &&
	grep -q "^ok [0-9]* - [0-9]*: expect p0 A\[0\] swapped$" "$tmp/out"
ok $? "swap on vm:6.12: a disk for swapdev file, zram for sync, and both halves agree (exit $rc)"

run run --backend kernel --target vm:6.12 tests/scenarios/3001-gup-ro-pin-exclusive-page-no-fault.mms
[ $rc -eq 0 ] && grep -q "# SKIP unsupported on kernel: this pin (FOLL_GET or FOLL_PIN without FOLL_LONGTERM)" "$tmp/out"
ok $? "a pin gup_test cannot hold is a SKIP with its reason (exit $rc)"

for sig in INT TERM KILL; do
	"$mmsim" run --backend kernel --target vm:6.12 \
		tests/scenarios/0005-basics-readme-tour.mms \
		tests/scenarios/2001-fork-write-protects-both.mms \
		tests/scenarios/6001-cow-a1-basic-cow-after-fork.mms \
		>"$tmp/out" 2>&1 &
	pid=$!
	i=0
	while [ "$(qemus)" -eq 0 ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	kill -s $sig $pid 2>/dev/null
	wait $pid
	i=0
	while [ "$(qemus)" -ne 0 ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	[ "$(qemus)" -eq 0 ]
	ok $? "SIG$sig: no QEMU is left"
	if [ $sig = KILL ]; then
		run run --backend kernel --target vm:6.12 \
			tests/scenarios/0001-basics-untouched-region-is-none.mms
		[ $rc -eq 0 ] && [ "$(leftovers)" -eq 0 ]
		ok $? "after SIGKILL the next run removes the directory (exit $rc)"
	else
		[ "$(leftovers)" -eq 0 ]
		ok $? "SIG$sig: no directory is left"
	fi
done
done_testing
