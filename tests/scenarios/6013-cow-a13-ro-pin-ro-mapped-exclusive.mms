# SPDX-License-Identifier: GPL-2.0-only
# cow.c A13 "R/O GUP pin on R/O-mapped exclusive page": mprotect RO,
# clear_softdirty() (clear-refs), mprotect RW, pin, write, read via pin.
# With soft-dirty tracking on, mprotect RW leaves the exclusive page mapped
# R/O (can_change_pte_writable: pte_needs_soft_dirty_wp); the R/O pin needs
# no unshare and takes it, and the write fault reuses it (do_wp_page), so
# the pin sees the write.  Without CONFIG_MEM_SOFT_DIRTY (the host) the
# PTE is writable again instead (cow.no-soft-dirty); the PTE write bit is
# not exported, so `readonly` is the model's answer on every kernel.
title cow.c A13: R/O GUP pin on R/O-mapped exclusive page
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
mprotect p0 A ro
clear-refs p0 soft-dirty
mprotect p0 A rw
expect p0 A[0] exclusive
expect p0 A[0] readonly
pin h p0 A[0] ro pin longterm
expect p0 A[0] is L
write p0 A[0] 0x2222
expect p0 A[0] is L
expect h == 0x2222
unpin h
check
