# SPDX-License-Identifier: GPL-2.0-only
# uffd-unit-tests' wp-fork-pin-with-event on shmem-private: as without
# the event, the pinned exclusive anon copy is copied for the child
# (copy_present_page), but the child's VMA stays registered, so the copy
# keeps the uffd-wp bit, and the child's store faults to its own handler,
# which unprotects, and lands in the child's copy.  The read-only page
# cache page is shared with its bit.
title private shmem uffd-wp: a pinned page copied at fork, with EVENT_FORK
requires uffd iouring
broken-under v5.7 v5.8
uffd p0 event-fork
mmap p0 F 2 shmem private
write p0 F[0] 0x1111
read p0 F[1]
pin h p0 F[0] rw pin longterm
uffd-wp p0 F on
fork p0 c1
expect c1 F[0] !same p0 F[0]
expect c1 F[0] exclusive
expect c1 F[0] uffd-wp
expect p0 F[0] uffd-wp
expect c1 F[1] same p0 F[1]
expect c1 F[1] uffd-wp
label copy c1 F[0]
write c1 F[0] 0x2222
expect c1 uffd-faults 1
expect p0 uffd-faults 0
expect c1 F[0] is copy
expect p0 F[0] == 0x1111
expect h == 0x1111
unpin h
