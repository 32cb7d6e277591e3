# SPDX-License-Identifier: GPL-2.0-only
# A region that was only read maps the zero page and has no anon_vma, so fork
# does not copy its page tables at all (fork.needs-copy vma_needs_copy): the
# child's PTE is none and its first load maps the zero page itself.
title fork of a region that only maps the zero page
mmap p0 A 1
read p0 A[0]
expect p0 A[0] zeropage
fork p0 c1
expect p0 A[0] zeropage
expect c1 A[0] none
expect c1 A[0] == 0
expect c1 A[0] zeropage
write c1 A[0] 0x2222
expect c1 A[0] !zeropage
expect c1 A[0] exclusive
expect c1 A[0] writable
expect p0 A[0] zeropage
expect p0 A[0] == 0
check
