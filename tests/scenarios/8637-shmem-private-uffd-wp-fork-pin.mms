# SPDX-License-Identifier: GPL-2.0-only
# uffd-unit-tests' wp-fork-pin on shmem-private (a private memfd mapping):
# the written page is an exclusive anon COW copy; pinned longterm (the
# io_uring fixed buffer stands for the selftest's gup_test pin) and
# protected, it cannot be shared at fork, so the child gets a copy
# (copy_present_page); without EVENT_FORK the child's VMA is not
# registered and the copy has no uffd-wp bit.  The page cache page
# behind it is untouched.
title private shmem uffd-wp: a pinned page copied at fork, without EVENT_FORK
requires uffd iouring
broken-under v5.7 v5.8
mmap p0 F 2 shmem private
write p0 F[0] 0x1111
read p0 F[1]
pin h p0 F[0] rw pin longterm
uffd-wp p0 F on
fork p0 c1
expect c1 F[0] !same p0 F[0]
expect c1 F[0] exclusive
expect c1 F[0] !uffd-wp
expect p0 F[0] uffd-wp
expect p0 F[0] exclusive
expect c1 F[0] == 0x1111
expect c1 F[1] same p0 F[1]
expect c1 F[1] !uffd-wp
expect p0 F[1] uffd-wp
write c1 F[0] 0x2222
expect c1 uffd-faults 0
expect h == 0x1111
unpin h
