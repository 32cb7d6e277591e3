# SPDX-License-Identifier: GPL-2.0-only
# The parent's pinned page is exclusive but mapped R/O (result of an unsharing
# R/O pin). A second fork copies it for the new child, whose PTE is writable
# (VM_WRITE), while the parent's PTE is left untouched (fork.present).
title fork of a R/O-mapped pinned page gives the child a writable copy
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
fork p0 c1
pin h p0 A[0] ro pin longterm
label pinned p0 A[0]
expect p0 A[0] readonly
fork p0 c2
expect p0 A[0] is pinned
expect p0 A[0] readonly
expect p0 A[0] exclusive
expect c2 A[0] !same p0 A[0]
expect c2 A[0] !same c1 A[0]
expect c2 A[0] exclusive
expect c2 A[0] writable
write p0 A[0] 0x2222
expect p0 A[0] is pinned
expect h == 0x2222
expect c1 A[0] == 0x1111
expect c2 A[0] == 0x1111
unpin h
check
