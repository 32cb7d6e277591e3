# SPDX-License-Identifier: GPL-2.0-only
# cow.c "R/O-mapping a page registered as iouring fixed buffer" with a
# 16 KiB mTHP: a R/W long-term pin of one page, mprotect RO, clear-refs
# (which leaves every PTE of the pinned folio alone: pte_is_pinned), and
# mprotect RW over the folio (each PTE of the exclusive page writable
# again at once: can_change_pte_writable), then a write: it lands in the
# pinned page, no COW replacement.
title mTHP 16K: R/O-mapping an mTHP registered as io_uring fixed buffer
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off
requires iouring
thp-sizes 16K
mmap p0 A 4 thp
write p0 A[0] 0x1111
label L p0 A[0]
pin h p0 A[0] rw pin longterm
mprotect p0 A ro
expect p0 A[0] readonly
expect p0 A[0] exclusive
clear-refs p0 soft-dirty
mprotect p0 A rw
expect p0 A[0] writable
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] thp
expect h == 0x2222
unpin h
check
