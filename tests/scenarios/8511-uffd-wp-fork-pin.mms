# SPDX-License-Identifier: GPL-2.0-only
# uffd-unit-tests' wp-fork-pin: fork cannot share a pinned exclusive page
# and copies it for the child (copy_present_page); the copy carries
# uffd-wp only if the child's VMA stays registered, so without EVENT_FORK
# it does not (the selftest pins with gup_test; an io_uring fixed buffer,
# taken before the page is protected, is the same longterm pin here).
title uffd-wp: a pinned page copied at fork, without EVENT_FORK
requires uffd iouring
mmap p0 A 1
write p0 A[0] 0x1111
pin h p0 A[0] rw pin longterm
uffd-wp p0 A on
fork p0 c1
expect c1 A[0] !same p0 A[0]
expect c1 A[0] exclusive
expect c1 A[0] !uffd-wp
expect p0 A[0] uffd-wp
expect p0 A[0] exclusive
expect c1 A[0] == 0x1111
unpin h
