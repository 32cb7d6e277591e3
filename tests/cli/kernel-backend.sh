#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The kernel backend's contract at the CLI: what is unobservable is a SKIP
# with its reason, a pin flavour that needs gup_test is an "unsupported"
# SKIP that stops the file, missing capabilities skip the file, processes
# die for real, and pins work on both backends in lockstep.  Swap-outs
# and KSM merges happen for real; what cannot be had on a real kernel
# (held writeback, a forced migration) is an "unsupported" SKIP.
. "$(dirname "$0")/lib.sh"
needs_kernel_backend
t() { # description, expected status, expected output regex, args...
	desc=$1 want=$2 re=$3
	shift 3
	"$mmsim" "$@" >"$tmp/out" 2>&1
	rc=$?
	[ $rc -eq "$want" ] && grep -Eq -- "$re" "$tmp/out"
	ok $? "$desc (exit $rc)"
}
cat >"$tmp/wr.mms" <<'EOF'
mmap p0 A 1
write p0 A[0] 0x1111
expect p0 A[0] writable
expect p0 A[0] exclusive
EOF
cat >"$tmp/gup.mms" <<'EOF'
mmap p0 A 1
write p0 A[0] 0x1111
pin h p0 A[0] ro pin longterm
expect p0 A[0] exclusive
unpin h
EOF
cat >"$tmp/req.mms" <<'EOF'
requires gup_test
mmap p0 A 1
EOF
cat >"$tmp/dead.mms" <<'EOF'
mmap p0 A 1
fork p0 c1
expect c1 alive
exit c1
expect c1 dead
expect p0 alive
write c1 A[0] 1 => ESRCH
EOF
cat >"$tmp/pins.mms" <<'EOF'
requires vmsplice iouring
mmap p0 A 2
write p0 A[0] 0x1111
pin g p0 A[0] ro get
pin r p0 A[1] rw pin longterm
dma-write r 0x2222
expect p0 A[1] == 0x2222
write p0 A[0] 0x3333
expect g == 0x3333
expect g == 0x3333
dma-write g 1 => EFAULT
unpin g
unpin r
EOF
cat >"$tmp/swap.mms" <<'EOF'
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
swapout p0 A
expect p0 A[0] swapped
show
expect p0 A[0] == 0x1111
EOF
cat >"$tmp/slow.mms" <<'EOF'
requires swap
swapdev file slow-writeback
mmap p0 A 1
EOF
cat >"$tmp/ksm.mms" <<'EOF'
requires ksm
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x1111
madvise p0 A mergeable
ksm
expect p0 A[0] ksm
expect p0 A[1] same p0 A[0]
EOF
cat >"$tmp/migrate.mms" <<'EOF'
mmap p0 A 2
write p0 A[1] 0x1111
migrate p0 A[0] => ENOENT
migrate p0 A[1]
EOF
t "the PTE write bit is unobservable" 0 \
	"^ok 1 - 3: expect p0 A\[0\] writable # SKIP unobservable on kernel: the PTE write bit is not exported" \
	run --backend kernel "$tmp/wr.mms"
t "with both backends the model observes it" 0 \
	"^ok 1 - 3: expect p0 A\[0\] writable$" run --backend both "$tmp/wr.mms"
t "a gup_test pin is an unsupported SKIP that stops the file" 0 \
	"^ok 1 - 3: pin h p0 A\[0\] ro pin longterm # SKIP unsupported on kernel: this pin needs gup_test" \
	run --backend both "$tmp/gup.mms"
t "requires gup_test skips the file" 0 \
	"^1\.\.0 # SKIP missing gup_test on kernel \(no gup_test on this kernel\)" \
	run --backend kernel "$tmp/req.mms"
t "exit ends the process for real" 0 "^ok 2 - 5: expect c1 dead" \
	run --backend both "$tmp/dead.mms"
t "vmsplice and io_uring pins on both backends" 0 "^ok 4 - " \
	run --backend both "$tmp/pins.mms"
t "json carries the skip reason" 0 '"skip":"unobservable on kernel: the PTE write bit' \
	run --backend kernel --format json "$tmp/wr.mms"
t "show lists the kernel's processes and pages" 0 \
	"kernel: process 0: pid [0-9]+" run --backend kernel \
	tests/scenarios/0001-basics-untouched-region-is-none.mms
t "swapout swaps out on both backends" 0 \
	"^ok 1 - 5: expect p0 A\\[0\\] swapped$" run --backend both "$tmp/swap.mms"
t "show gives the swap entry" 0 \
	"kernel:   0x[0-9a-f]+: swap type [0-9]+ offset" \
	run --backend kernel "$tmp/swap.mms"
t "held writeback is an unsupported SKIP with its reason" 0 \
	"^ok 1 - 2: swapdev file slow-writeback # SKIP unsupported on kernel: swapdev slow-writeback: a real device's writeback cannot be held back" \
	run --backend both "$tmp/slow.mms"
t "ksm merges identical pages on both backends" 0 \
	"^ok 2 - 8: expect p0 A\\[1\\] same p0 A\\[0\\]$" \
	run --backend both "$tmp/ksm.mms"
t "migrate answers where nothing is mapped, is unsupported otherwise" 0 \
	"^ok 2 - 4: migrate p0 A\\[1\\] # SKIP unsupported on kernel: migrate: move_pages\\(2\\) moves a page only to another NUMA node" \
	run --backend both "$tmp/migrate.mms"
done_testing
