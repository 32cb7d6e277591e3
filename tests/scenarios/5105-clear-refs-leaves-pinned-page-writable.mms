# SPDX-License-Identifier: GPL-2.0-only
# clear_refs leaves alone the PTE of a maybe-pinned page in a COW mapping
# of an mm that has pinned (fs/proc/task_mmu.c: pte_is_pinned): write-
# protecting it would let the next write fault copy the page away from
# the pin.  The PTE stays writable and soft-dirty; a page next to it is
# cleared.  gup_test: vm:6.12.
title clear-refs soft-dirty skips a pinned page
requires gup_test
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x3333
label L p0 A[0]
pin h p0 A[0] ro pin longterm
clear-refs p0 soft-dirty
expect p0 A[0] soft-dirty
expect p0 A[0] writable
expect p0 A[1] !soft-dirty
expect p0 A[1] readonly
write p0 A[0] 0x2222
expect p0 A[0] is L
expect h == 0x2222
unpin h
check
