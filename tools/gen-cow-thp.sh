#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# gen-cow-thp.sh: write the cow.c THP layout x test body scenarios that
# docs/cow-test-cases.md ("THP and mTHP runs") lists as generated.
#
# cow.c (tools/testing/selftests/mm/cow.c) runs each anon test body on a
# THP prepared in one of eight layouts (do_run_with_thp) at the PMD size
# and at every mTHP size.  The hand-written 80xx/81xx files cover some
# combinations; this script writes the others, one small file each:
#   tests/scenarios/82NN-thp-LAYOUT-BODY.mms          (PMD size, 2 MiB)
#   tests/scenarios/83NN-thp-mthp16k-LAYOUT-BODY.mms  (16 KiB mTHP)
#   tests/scenarios/84NN-thp-mthp64k-LAYOUT-BODY.mms  (64 KiB mTHP)
# A combination a hand-written file already covers is skipped (HAVE
# below); the PMD-mapped layouts exist at the PMD size only, as in cow.c.
#
# Usage: tools/gen-cow-thp.sh [DIR]   (default tests/scenarios)
#        tools/gen-cow-thp.sh --table  (print the coverage tables of
#                                       docs/cow-test-cases.md, write nothing)
# It removes the 82xx-84xx files it wrote before and writes them again;
# the output is deterministic, so a rerun with no change to this script
# gives no diff.  Edit this script, not the generated files.

set -eu

dir=${1:-tests/scenarios}

# Layouts, in cow.c's order (run_anon_test_case).
LAYOUTS="pmd pmd-swapped pte pte-swapped single-pte single-pte-swapped \
partial-mremap partial-shared"

# Test bodies, in cow.c's order (anon_test_cases[]).
BODIES="cow cow-mprotect vmsplice-in-child vmsplice-in-child-mprotect \
vmsplice-before-fork vmsplice-after-fork iouring-ro iouring-fork \
ro-pin-shared ro-pin-fast-shared ro-pin-previously-shared \
ro-pin-fast-previously-shared ro-pin-ro-exclusive ro-pin-fast-ro-exclusive"

# SIZE:LAYOUT:BODY combinations that hand-written files cover.
HAVE="
2M:pmd:cow 8053
2M:pmd:cow-mprotect 8054
2M:pmd:vmsplice-in-child 8060
2M:pmd:vmsplice-before-fork 8062
2M:pmd:vmsplice-after-fork 8063
2M:pmd:iouring-fork 8064
2M:pmd:iouring-ro 8065
2M:pmd:ro-pin-shared 8068
2M:pmd:ro-pin-previously-shared 8069
2M:pmd:ro-pin-ro-exclusive 8070
2M:pmd:ro-pin-fast-shared 8073
2M:pmd:ro-pin-fast-ro-exclusive 8074
2M:pmd-swapped:cow 8075
2M:pmd-swapped:vmsplice-in-child 8078
2M:pmd-swapped:ro-pin-shared 8079
2M:pmd-swapped:ro-pin-ro-exclusive 8080
2M:pte:cow 8055
2M:pte:vmsplice-in-child-mprotect 8061
2M:pte:ro-pin-shared 8071
2M:pte:ro-pin-ro-exclusive 8072
2M:pte-swapped:cow 8076
2M:pte-swapped:ro-pin-ro-exclusive 8087
2M:pte-swapped:vmsplice-in-child 8088
2M:single-pte:cow 8056
2M:single-pte-swapped:cow 8077
2M:partial-mremap:vmsplice-in-child 8066
2M:partial-mremap:ro-pin-shared 8067
2M:partial-shared:cow 8057
16K:pte:cow 8150
64K:pte:cow 8151
16K:pte:cow-mprotect 8152
64K:pte:cow-mprotect 8153
16K:single-pte:cow 8154
64K:single-pte:cow 8155
16K:partial-shared:cow 8156
64K:partial-shared:cow 8157
16K:partial-mremap:vmsplice-in-child 8158
64K:partial-mremap:vmsplice-in-child 8159
16K:pte:vmsplice-in-child 8160
64K:pte:vmsplice-in-child 8161
16K:pte:vmsplice-before-fork 8162
64K:pte:vmsplice-before-fork 8163
16K:pte:ro-pin-shared 8164
64K:pte:ro-pin-shared 8165
16K:pte:ro-pin-ro-exclusive 8166
64K:pte:ro-pin-ro-exclusive 8167
16K:pte-swapped:cow 8168
64K:pte-swapped:cow 8169
16K:single-pte-swapped:cow 8170
64K:single-pte-swapped:cow 8171
16K:pte:iouring-fork 8172
64K:pte:iouring-fork 8173
16K:pte:iouring-ro 8174
64K:pte:iouring-ro 8175
16K:pte:ro-pin-fast-shared 8176
64K:pte:ro-pin-fast-shared 8177
16K:pte-swapped:ro-pin-ro-exclusive 8186
16K:pte-swapped:vmsplice-in-child 8187
64K:pte-swapped:ro-pin-ro-exclusive 8188
64K:pte-swapped:vmsplice-in-child 8189
"

# The historical designs under which the model breaks a generated file
# (LEAK, STALE or FAIL in `mmsim matrix`), by SIZE:LAYOUT:BODY: its
# broken-under line.  `mmsim matrix --check` on the generated files
# keeps this table honest; after a model change, rerun the matrix and
# update the table.
BROKEN="
2M:pmd:vmsplice-in-child-mprotect v5.8
2M:pmd:ro-pin-fast-previously-shared v5.7 v5.9 v5.18
2M:pmd-swapped:vmsplice-in-child-mprotect v5.7 v5.9
2M:pmd-swapped:vmsplice-before-fork v5.7 v5.8
2M:pmd-swapped:vmsplice-after-fork v5.7 v5.9
2M:pmd-swapped:iouring-ro v5.9 v5.18
2M:pmd-swapped:iouring-fork v5.7 v5.8
2M:pmd-swapped:ro-pin-fast-shared v5.7 v5.9 v5.18
2M:pmd-swapped:ro-pin-previously-shared v5.9 v5.18
2M:pmd-swapped:ro-pin-fast-previously-shared v5.9 v5.18
2M:pmd-swapped:ro-pin-fast-ro-exclusive v5.9 v5.18
2M:pte:iouring-ro v5.7 v5.8 v5.9 v5.18
2M:pte:iouring-fork v5.7 v5.8
2M:pte:ro-pin-fast-shared v5.7 v5.9 v5.18
2M:pte:ro-pin-previously-shared v5.7 v5.9 v5.18
2M:pte:ro-pin-fast-previously-shared v5.7 v5.9 v5.18
2M:pte:ro-pin-fast-ro-exclusive v5.7 v5.8 v5.9 v5.18
2M:pte-swapped:vmsplice-in-child-mprotect v5.7 v5.9
2M:pte-swapped:vmsplice-before-fork v5.7 v5.8
2M:pte-swapped:vmsplice-after-fork v5.7 v5.9
2M:pte-swapped:iouring-ro v5.9 v5.18
2M:pte-swapped:iouring-fork v5.7 v5.8
2M:pte-swapped:ro-pin-shared v5.7 v5.9 v5.18
2M:pte-swapped:ro-pin-fast-shared v5.7 v5.9 v5.18
2M:pte-swapped:ro-pin-previously-shared v5.9 v5.18
2M:pte-swapped:ro-pin-fast-previously-shared v5.9 v5.18
2M:pte-swapped:ro-pin-fast-ro-exclusive v5.9 v5.18
2M:single-pte:vmsplice-in-child v5.7 v5.8
2M:single-pte:vmsplice-in-child-mprotect v5.7 v5.8
2M:single-pte:vmsplice-before-fork v5.7 v5.8
2M:single-pte:vmsplice-after-fork v5.7 v5.8
2M:single-pte:iouring-ro v5.9 v5.18
2M:single-pte:iouring-fork v5.7 v5.8
2M:single-pte:ro-pin-shared v5.7 v5.9 v5.18
2M:single-pte:ro-pin-fast-shared v5.7 v5.9 v5.18
2M:single-pte:ro-pin-previously-shared v5.9 v5.18
2M:single-pte:ro-pin-fast-previously-shared v5.9 v5.18
2M:single-pte:ro-pin-ro-exclusive v5.9 v5.18
2M:single-pte:ro-pin-fast-ro-exclusive v5.9 v5.18
2M:single-pte-swapped:vmsplice-in-child v5.7 v5.9
2M:single-pte-swapped:vmsplice-in-child-mprotect v5.7 v5.9
2M:single-pte-swapped:vmsplice-before-fork v5.7 v5.8
2M:single-pte-swapped:vmsplice-after-fork v5.7 v5.9
2M:single-pte-swapped:iouring-ro v5.9 v5.18
2M:single-pte-swapped:iouring-fork v5.7 v5.8
2M:single-pte-swapped:ro-pin-shared v5.7 v5.9 v5.18
2M:single-pte-swapped:ro-pin-fast-shared v5.7 v5.9 v5.18
2M:single-pte-swapped:ro-pin-previously-shared v5.9 v5.18
2M:single-pte-swapped:ro-pin-fast-previously-shared v5.9 v5.18
2M:single-pte-swapped:ro-pin-ro-exclusive v5.9 v5.18
2M:single-pte-swapped:ro-pin-fast-ro-exclusive v5.9 v5.18
2M:partial-mremap:iouring-ro v5.7 v5.8 v5.9 v5.18
2M:partial-mremap:iouring-fork v5.7 v5.8
2M:partial-mremap:ro-pin-fast-shared v5.7 v5.9 v5.18
2M:partial-mremap:ro-pin-previously-shared v5.7 v5.9 v5.18
2M:partial-mremap:ro-pin-fast-previously-shared v5.7 v5.9 v5.18
2M:partial-mremap:ro-pin-ro-exclusive v5.7 v5.8 v5.9 v5.18
2M:partial-mremap:ro-pin-fast-ro-exclusive v5.7 v5.8 v5.9 v5.18
2M:partial-shared:vmsplice-before-fork v5.8
2M:partial-shared:iouring-ro v5.9 v5.18
2M:partial-shared:iouring-fork v5.7 v5.8
2M:partial-shared:ro-pin-shared v5.7 v5.9 v5.18
2M:partial-shared:ro-pin-fast-shared v5.7 v5.9 v5.18
2M:partial-shared:ro-pin-previously-shared v5.7 v5.9 v5.18
2M:partial-shared:ro-pin-fast-previously-shared v5.7 v5.9 v5.18
2M:partial-shared:ro-pin-ro-exclusive v5.7 v5.9 v5.18
2M:partial-shared:ro-pin-fast-ro-exclusive v5.7 v5.9 v5.18
16K:pte:ro-pin-previously-shared v5.7 v5.9 v5.18
16K:pte:ro-pin-fast-previously-shared v5.7 v5.9 v5.18
16K:pte:ro-pin-fast-ro-exclusive v5.7 v5.8 v5.9 v5.18
16K:pte-swapped:vmsplice-in-child-mprotect v5.7 v5.9
16K:pte-swapped:vmsplice-before-fork v5.7 v5.8
16K:pte-swapped:vmsplice-after-fork v5.7 v5.9
16K:pte-swapped:iouring-ro v5.9 v5.18
16K:pte-swapped:iouring-fork v5.7 v5.8
16K:pte-swapped:ro-pin-shared v5.7 v5.9 v5.18
16K:pte-swapped:ro-pin-fast-shared v5.7 v5.9 v5.18
16K:pte-swapped:ro-pin-previously-shared v5.9 v5.18
16K:pte-swapped:ro-pin-fast-previously-shared v5.9 v5.18
16K:pte-swapped:ro-pin-fast-ro-exclusive v5.9 v5.18
16K:single-pte:vmsplice-in-child v5.7 v5.8
16K:single-pte:vmsplice-in-child-mprotect v5.7 v5.8
16K:single-pte:vmsplice-before-fork v5.7 v5.8
16K:single-pte:vmsplice-after-fork v5.7 v5.8
16K:single-pte:iouring-ro v5.9 v5.18
16K:single-pte:iouring-fork v5.7 v5.8
16K:single-pte:ro-pin-shared v5.7 v5.9 v5.18
16K:single-pte:ro-pin-fast-shared v5.7 v5.9 v5.18
16K:single-pte:ro-pin-previously-shared v5.9 v5.18
16K:single-pte:ro-pin-fast-previously-shared v5.9 v5.18
16K:single-pte:ro-pin-ro-exclusive v5.9 v5.18
16K:single-pte:ro-pin-fast-ro-exclusive v5.9 v5.18
16K:single-pte-swapped:vmsplice-in-child v5.7 v5.9
16K:single-pte-swapped:vmsplice-in-child-mprotect v5.7 v5.9
16K:single-pte-swapped:vmsplice-before-fork v5.7 v5.8
16K:single-pte-swapped:vmsplice-after-fork v5.7 v5.9
16K:single-pte-swapped:iouring-ro v5.9 v5.18
16K:single-pte-swapped:iouring-fork v5.7 v5.8
16K:single-pte-swapped:ro-pin-shared v5.7 v5.9 v5.18
16K:single-pte-swapped:ro-pin-fast-shared v5.7 v5.9 v5.18
16K:single-pte-swapped:ro-pin-previously-shared v5.9 v5.18
16K:single-pte-swapped:ro-pin-fast-previously-shared v5.9 v5.18
16K:single-pte-swapped:ro-pin-ro-exclusive v5.9 v5.18
16K:single-pte-swapped:ro-pin-fast-ro-exclusive v5.9 v5.18
16K:partial-mremap:iouring-ro v5.7 v5.8 v5.9 v5.18
16K:partial-mremap:iouring-fork v5.7 v5.8
16K:partial-mremap:ro-pin-shared v5.7 v5.9 v5.18
16K:partial-mremap:ro-pin-fast-shared v5.7 v5.9 v5.18
16K:partial-mremap:ro-pin-previously-shared v5.7 v5.9 v5.18
16K:partial-mremap:ro-pin-fast-previously-shared v5.7 v5.9 v5.18
16K:partial-mremap:ro-pin-ro-exclusive v5.7 v5.8 v5.9 v5.18
16K:partial-mremap:ro-pin-fast-ro-exclusive v5.7 v5.8 v5.9 v5.18
16K:partial-shared:vmsplice-before-fork v5.8
16K:partial-shared:iouring-ro v5.9 v5.18
16K:partial-shared:iouring-fork v5.7 v5.8
16K:partial-shared:ro-pin-shared v5.7 v5.9 v5.18
16K:partial-shared:ro-pin-fast-shared v5.7 v5.9 v5.18
16K:partial-shared:ro-pin-previously-shared v5.7 v5.9 v5.18
16K:partial-shared:ro-pin-fast-previously-shared v5.7 v5.9 v5.18
16K:partial-shared:ro-pin-ro-exclusive v5.7 v5.9 v5.18
16K:partial-shared:ro-pin-fast-ro-exclusive v5.7 v5.9 v5.18
64K:pte:ro-pin-previously-shared v5.7 v5.9 v5.18
64K:pte:ro-pin-fast-previously-shared v5.7 v5.9 v5.18
64K:pte:ro-pin-fast-ro-exclusive v5.7 v5.8 v5.9 v5.18
64K:pte-swapped:vmsplice-in-child-mprotect v5.7 v5.9
64K:pte-swapped:vmsplice-before-fork v5.7 v5.8
64K:pte-swapped:vmsplice-after-fork v5.7 v5.9
64K:pte-swapped:iouring-ro v5.9 v5.18
64K:pte-swapped:iouring-fork v5.7 v5.8
64K:pte-swapped:ro-pin-shared v5.7 v5.9 v5.18
64K:pte-swapped:ro-pin-fast-shared v5.7 v5.9 v5.18
64K:pte-swapped:ro-pin-previously-shared v5.9 v5.18
64K:pte-swapped:ro-pin-fast-previously-shared v5.9 v5.18
64K:pte-swapped:ro-pin-fast-ro-exclusive v5.9 v5.18
64K:single-pte:vmsplice-in-child v5.7 v5.8
64K:single-pte:vmsplice-in-child-mprotect v5.7 v5.8
64K:single-pte:vmsplice-before-fork v5.7 v5.8
64K:single-pte:vmsplice-after-fork v5.7 v5.8
64K:single-pte:iouring-ro v5.9 v5.18
64K:single-pte:iouring-fork v5.7 v5.8
64K:single-pte:ro-pin-shared v5.7 v5.9 v5.18
64K:single-pte:ro-pin-fast-shared v5.7 v5.9 v5.18
64K:single-pte:ro-pin-previously-shared v5.9 v5.18
64K:single-pte:ro-pin-fast-previously-shared v5.9 v5.18
64K:single-pte:ro-pin-ro-exclusive v5.9 v5.18
64K:single-pte:ro-pin-fast-ro-exclusive v5.9 v5.18
64K:single-pte-swapped:vmsplice-in-child v5.7 v5.9
64K:single-pte-swapped:vmsplice-in-child-mprotect v5.7 v5.9
64K:single-pte-swapped:vmsplice-before-fork v5.7 v5.8
64K:single-pte-swapped:vmsplice-after-fork v5.7 v5.9
64K:single-pte-swapped:iouring-ro v5.9 v5.18
64K:single-pte-swapped:iouring-fork v5.7 v5.8
64K:single-pte-swapped:ro-pin-shared v5.7 v5.9 v5.18
64K:single-pte-swapped:ro-pin-fast-shared v5.7 v5.9 v5.18
64K:single-pte-swapped:ro-pin-previously-shared v5.9 v5.18
64K:single-pte-swapped:ro-pin-fast-previously-shared v5.9 v5.18
64K:single-pte-swapped:ro-pin-ro-exclusive v5.9 v5.18
64K:single-pte-swapped:ro-pin-fast-ro-exclusive v5.9 v5.18
64K:partial-mremap:iouring-ro v5.7 v5.8 v5.9 v5.18
64K:partial-mremap:iouring-fork v5.7 v5.8
64K:partial-mremap:ro-pin-shared v5.7 v5.9 v5.18
64K:partial-mremap:ro-pin-fast-shared v5.7 v5.9 v5.18
64K:partial-mremap:ro-pin-previously-shared v5.7 v5.9 v5.18
64K:partial-mremap:ro-pin-fast-previously-shared v5.7 v5.9 v5.18
64K:partial-mremap:ro-pin-ro-exclusive v5.7 v5.8 v5.9 v5.18
64K:partial-mremap:ro-pin-fast-ro-exclusive v5.7 v5.8 v5.9 v5.18
64K:partial-shared:vmsplice-before-fork v5.8
64K:partial-shared:iouring-ro v5.9 v5.18
64K:partial-shared:iouring-fork v5.7 v5.8
64K:partial-shared:ro-pin-shared v5.7 v5.9 v5.18
64K:partial-shared:ro-pin-fast-shared v5.7 v5.9 v5.18
64K:partial-shared:ro-pin-previously-shared v5.7 v5.9 v5.18
64K:partial-shared:ro-pin-fast-previously-shared v5.7 v5.9 v5.18
64K:partial-shared:ro-pin-ro-exclusive v5.7 v5.9 v5.18
64K:partial-shared:ro-pin-fast-ro-exclusive v5.7 v5.9 v5.18
"

broken_under() {
	echo "$BROKEN" | awk -v k="$1" '$1 == k { $1 = ""; sub(/^ /, ""); print; exit }'
}

have() {
	echo "$HAVE" | awk -v k="$1" '$1 == k { print $2; exit }'
}

# Layout: sets N (pages), T (the page the body tests), V (its value),
# REG (cow.c's mem..mem+size: what the body mprotects and unmaps),
# SW (1: T is swapped out), CAPS, LDESC (comment) and prints the
# statements that prepare it.
layout() {
	lay=$1
	half=$((N / 2))
	last=$((N - 1))
	SW=0
	CAPS=""
	case $lay in
	pmd | pmd-swapped)
		T="A[2]" V=0x2222 REG=A
		LDESC="a PMD-mapped THP (THP_RUN_PMD)"
		echo "mmap p0 A $N thp"
		echo "write p0 A[0] 0x1111"
		echo "write p0 A[2] 0x2222"
		echo "expect p0 A[2] pmd"
		echo "expect p0 A[2] exclusive"
		;;
	pte | pte-swapped)
		T="A[2]" V=0x2222 REG=A
		LDESC="a PTE-mapped THP (THP_RUN_PTE: mprotect of one page R/O and back)"
		echo "mmap p0 A $N thp"
		echo "write p0 A[0] 0x1111"
		echo "write p0 A[2] 0x2222"
		echo "split p0 A[1]"
		echo "expect p0 A[2] !pmd"
		echo "expect p0 A[2] thp"
		echo "expect p0 A[2] exclusive"
		;;
	single-pte | single-pte-swapped)
		T="A[0]" V=0x1111 REG="A[0]"
		LDESC="the single remaining PTE of a THP (THP_RUN_SINGLE_PTE: MADV_DONTNEED of the other pages)"
		echo "mmap p0 A $N thp"
		echo "write p0 A[0] 0x1111"
		echo "madvise p0 A[1..$last] dontneed"
		echo "expect p0 A[1] none"
		echo "expect p0 A[0] !pmd"
		echo "expect p0 A[0] exclusive"
		;;
	partial-mremap)
		T="A[1]" V=0x2222 REG="A[0..$((half - 1))]"
		LDESC="a partially mremap()ed THP (THP_RUN_PARTIAL_MREMAP: the second half moved away, the test runs on the first half, which stays)"
		echo "mmap p0 A $N thp"
		echo "write p0 A[0] 0x1111"
		echo "write p0 A[1] 0x2222"
		echo "write p0 A[$half] 0x3333"
		echo "mremap p0 A[$half..$last] B"
		echo "expect p0 A[1] !pmd"
		echo "expect p0 A[1] thp"
		echo "expect p0 B[0] == 0x3333"
		;;
	partial-shared)
		T="A[0]" V=0x1111 REG=A
		LDESC="a partially shared THP (THP_RUN_PARTIAL_SHARED: page 0 shared with a child that exited, MADV_DONTFORK then MADV_DOFORK on the rest)"
		echo "mmap p0 A $N thp"
		echo "write p0 A[0] 0x1111"
		echo "write p0 A[2] 0x2222"
		echo "madvise p0 A[1..$last] dontfork"
		echo "fork p0 c9"
		echo "exit c9"
		echo "madvise p0 A[1..$last] dofork"
		echo "expect p0 A[0] thp"
		echo "expect p0 A[0] mapcount 1"
		echo "expect p0 A[0] !exclusive"
		echo "expect p0 A[2] exclusive"
		;;
	esac
	case $lay in
	*-swapped)
		SW=1
		CAPS=swap
		LDESC="$LDESC, swapped out (MADV_PAGEOUT to the machine's swap)"
		echo "swapout p0 $REG"
		echo "expect p0 $T swapped"
		;;
	esac
	return 0
}

# Body: sets BCAPS, BDESC and prints the statements of cow.c's test.
body() {
	b=$1
	fast=""
	case $b in
	*-fast-*) fast=" fast" ;;
	esac
	mprot=0
	case $b in
	*-mprotect) mprot=1 ;;
	esac
	case $b in
	cow | cow-mprotect)
		BCAPS=""
		BDESC="\"Basic COW after fork()\""
		[ "$mprot" = 1 ] && BDESC="\"Basic COW after fork() with mprotect() optimization\""
		[ "$SW" = 0 ] && echo "label orig p0 $T"
		echo "fork p0 c1"
		if [ "$SW" = 0 ]; then
			echo "expect c1 $T same p0 $T"
			echo "expect p0 $T !exclusive"
			echo "expect p0 $T mapcount 2"
		else
			echo "expect c1 $T swapped"
		fi
		if [ "$mprot" = 1 ]; then
			echo "mprotect p0 $REG ro"
			echo "mprotect p0 $REG rw"
			[ "$SW" = 0 ] && echo "expect p0 $T readonly"
		fi
		echo "# parent: memset(mem, 0xff); the child must not see it"
		echo "write p0 $T 0xffff"
		if [ "$SW" = 0 ]; then
			echo "expect p0 $T isnot orig"
			echo "expect c1 $T is orig"
			echo "expect c1 $T mapcount 1"
		fi
		echo "expect p0 $T !thp"
		echo "expect p0 $T exclusive"
		echo "expect p0 $T == 0xffff"
		echo "expect c1 $T == $V"
		echo "exit c1"
		;;
	vmsplice-in-child | vmsplice-in-child-mprotect)
		BCAPS=vmsplice
		BDESC="\"vmsplice() + unmap in child\""
		[ "$mprot" = 1 ] && BDESC="\"vmsplice() + unmap in child with mprotect() optimization\""
		echo "fork p0 c1"
		echo "# child: vmsplice (a FOLL_GET reference), then munmap"
		echo "pin h c1 $T ro get"
		echo "munmap c1 $REG"
		if [ "$mprot" = 1 ]; then
			echo "mprotect p0 $REG ro"
			echo "mprotect p0 $REG rw"
		fi
		echo "# parent: memset(mem, 0xff): a copy, the pipe holds the page"
		echo "write p0 $T 0xffff"
		echo "expect p0 $T !thp"
		echo "expect p0 $T exclusive"
		echo "expect p0 $T == 0xffff"
		echo "# the pipe still reads the old data"
		echo "expect h == $V"
		echo "unpin h"
		echo "exit c1"
		;;
	vmsplice-before-fork | vmsplice-after-fork)
		BCAPS=vmsplice
		if [ "$b" = vmsplice-before-fork ]; then
			BDESC="\"vmsplice() before fork(), unmap in parent after fork()\""
			echo "pin h p0 $T ro get"
			echo "fork p0 c1"
		else
			BDESC="\"vmsplice() + unmap in parent after fork()\""
			echo "fork p0 c1"
			echo "pin h p0 $T ro get"
		fi
		echo "munmap p0 $REG"
		echo "# child: memset(mem, 0xff); the pipe must not see it"
		echo "write c1 $T 0xffff"
		echo "expect c1 $T !thp"
		echo "expect c1 $T exclusive"
		echo "expect c1 $T == 0xffff"
		echo "exit c1"
		echo "expect h == $V"
		echo "unpin h"
		;;
	iouring-ro | iouring-fork)
		BCAPS=iouring
		echo "# io_uring_register_buffers: FOLL_PIN | FOLL_LONGTERM, writable"
		echo "pin h p0 $T rw pin longterm"
		echo "label L p0 $T"
		if [ "$b" = iouring-ro ]; then
			BDESC="\"R/O-mapping a page registered as iouring fixed buffer\""
			echo "mprotect p0 $REG ro"
			echo "# clear_softdirty(): echo 4 > /proc/self/clear_refs"
			echo "clear-refs p0 soft-dirty"
			echo "mprotect p0 $REG rw"
			echo "expect p0 $T exclusive"
		else
			BDESC="\"fork() with an iouring fixed buffer\""
			echo "# fork: the pinned folio's pages are copied for the child"
			echo "fork p0 c1"
			echo "expect c1 $T !same p0 $T"
			echo "expect c1 $T !thp"
			echo "expect c1 $T exclusive"
			echo "expect p0 $T exclusive"
		fi
		echo "# memset(mem, 0xff): the fixed buffer must see it"
		echo "write p0 $T 0xffff"
		echo "expect p0 $T is L"
		echo "expect h == 0xffff"
		[ "$b" = iouring-fork ] && echo "expect c1 $T == $V"
		echo "unpin h"
		[ "$b" = iouring-fork ] && echo "exit c1"
		;;
	ro-pin-*)
		BCAPS=gup_test
		f=GUP
		[ -n "$fast" ] && f=GUP-fast
		case $b in
		*-shared)
			case $b in
			*previously*)
				BDESC="\"R/O $f pin on R/O-mapped previously-shared page\""
				echo "fork p0 c1"
				echo "exit c1"
				;;
			*)
				BDESC="\"R/O $f pin on R/O-mapped shared page\""
				[ "$SW" = 0 ] && echo "label orig p0 $T"
				echo "fork p0 c1"
				;;
			esac
			;;
		*-ro-exclusive)
			BDESC="\"R/O $f pin on R/O-mapped exclusive page\""
			[ "$SW" = 0 ] && echo "label orig p0 $T"
			echo "mprotect p0 $REG ro"
			echo "# clear_softdirty(): echo 4 > /proc/self/clear_refs"
			echo "clear-refs p0 soft-dirty"
			echo "mprotect p0 $REG rw"
			;;
		esac
		echo "# PIN_LONGTERM_TEST_START: R/O, must unshare if shared"
		echo "pin h p0 $T ro pin longterm$fast"
		echo "expect p0 $T exclusive"
		if [ "$SW" = 0 ]; then
			case $b in
			*previously*) ;;
			*-shared)
				echo "# unshared: an exclusive 4 KiB copy"
				echo "expect p0 $T isnot orig"
				echo "expect p0 $T !thp"
				echo "expect c1 $T is orig"
				echo "expect c1 $T !exclusive"
				;;
			*-ro-exclusive)
				# partially shared: A[0] was shared, so 6.12
				# copies it (no reuse of a large folio) and
				# 6.15+ reuses it; the other layouts' page is
				# exclusive, pinned where it is
				if [ "$lay" != partial-shared ]; then
					echo "# exclusive: pinned where it is"
					echo "expect p0 $T is orig"
				fi
				;;
			esac
		fi
		echo "write p0 $T 0xffff"
		echo "# PIN_LONGTERM_TEST_READ: the pin sees the write"
		echo "expect h == 0xffff"
		echo "unpin h"
		case $b in
		*-shared)
			case $b in
			*previously*) ;;
			*)
				echo "expect c1 $T == $V"
				echo "exit c1"
				;;
			esac
			;;
		esac
		;;
	esac
	return 0
}

# gen SIZE FIRSTNUM PREFIX TITLEPREFIX
gen() {
	size=$1 num=$2 prefix=$3 tprefix=$4
	case $size in
	2M) N=512 ;;
	16K) N=4 ;;
	64K) N=16 ;;
	esac
	for lay in $LAYOUTS; do
		case $size:$lay in
		2M:*) ;;
		*:pmd | *:pmd-swapped) continue ;;
		esac
		for b in $BODIES; do
			key=$size:$lay:$b
			h=$(have "$key")
			if [ -n "$h" ]; then
				echo "$key $h" >>"$cells"
				continue
			fi
			echo "$key $num" >>"$cells"
			if [ "$table" = 1 ]; then
				num=$((num + 1))
				continue
			fi
			file=$dir/$num-$prefix-$lay-$b.mms
			pre=$(layout "$lay")
			layout "$lay" >/dev/null
			bod=$(body "$b")
			body "$b" >/dev/null
			caps="thp"
			[ -n "$CAPS" ] && caps="$caps $CAPS"
			[ -n "$BCAPS" ] && caps="$caps $BCAPS"
			bu=$(broken_under "$key")
			{
				echo "# SPDX-License-Identifier: GPL-2.0-only"
				echo "# cow.c $BDESC with"
				echo "# $LDESC," | fold -s -w 70 | sed '2,$s/^/# /; s/ *$//'
				echo "# THP size $size."
				echo "# Generated by tools/gen-cow-thp.sh: edit that, not this file."
				echo "# PageAnonExclusive of a tail page of a PTE-mapped large folio"
				echo "# is not exported on 6.12+ (kpageflags shows the head's): such"
				echo "# points are the model's answer there."
				echo "title $tprefix: $b, $lay"
				[ -n "$bu" ] && echo "broken-under $bu"
				echo "requires $caps"
				[ "$size" != 2M ] && echo "thp-sizes $size"
				echo "$pre"
				echo "$bod"
				echo "check"
			} >"$file"
			num=$((num + 1))
		done
	done
}

# print_table SIZE: body rows x layout columns, each cell a file number
# (an asterisk marks a hand-written one).
print_table() {
	awk -v size="$1" -v lays="$LAYOUTS" -v bodies="$BODIES" '
	{ split($1, k, ":"); n = $2; if (n !~ /^8[234]/) n = n "*"
	  cell[k[1] ":" k[2] ":" k[3]] = n }
	END {
		nl = split(lays, L, " "); nb = split(bodies, B, " ")
		printf "| %s body \\ layout |", size
		for (i = 1; i <= nl; i++)
			if (size == "2M" || L[i] !~ /^pmd/) printf " %s |", L[i]
		printf "\n|---|"
		for (i = 1; i <= nl; i++)
			if (size == "2M" || L[i] !~ /^pmd/) printf "---|"
		printf "\n"
		for (j = 1; j <= nb; j++) {
			printf "| %s |", B[j]
			for (i = 1; i <= nl; i++)
				if (size == "2M" || L[i] !~ /^pmd/)
					printf " %s |", cell[size ":" L[i] ":" B[j]]
			printf "\n"
		}
	}' "$cells"
}

table=0
[ "$dir" = --table ] && table=1
cells=$(mktemp)
trap 'rm -f "$cells"' EXIT
if [ "$table" = 0 ]; then
	rm -f "$dir"/82[0-9][0-9]-thp-*.mms "$dir"/83[0-9][0-9]-thp-*.mms \
		"$dir"/84[0-9][0-9]-thp-*.mms
fi
gen 2M 8200 thp "THP cow.c"
gen 16K 8300 thp-mthp16k "mTHP 16K cow.c"
gen 64K 8400 thp-mthp64k "mTHP 64K cow.c"
if [ "$table" = 1 ]; then
	for size in 2M 16K 64K; do
		print_table $size
		echo
	done
fi
