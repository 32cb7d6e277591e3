# SPDX-License-Identifier: GPL-2.0-only
# mprotect to the protection a mapping already has changes nothing:
# mprotect_fixup returns before change_protection, so an exclusive page
# mapped R/O (here by a R/O pin's unshare) is not made writable.
title mprotect to the same protection leaves a R/O exclusive PTE alone
requires gup_test
mmap p0 A 1
write p0 A[0] 0x11
fork p0 c1
pin h p0 A[0] ro pin
expect p0 A[0] readonly
mprotect p0 A rw
expect p0 A[0] readonly
unpin h
