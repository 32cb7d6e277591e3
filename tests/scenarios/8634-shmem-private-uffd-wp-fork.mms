# SPDX-License-Identifier: GPL-2.0-only
# uffd-unit-tests' wp-fork on shmem-private (a private memfd mapping):
# the written page is an anon COW copy; protected, then paged out (a
# private mapping pages out, a uffd-wp swap PTE: try_to_unmap_one keeps
# the bit); a child without EVENT_FORK gets neither bit (its VMA is not
# registered: __copy_present_ptes, copy_nonpresent_pte; each child exits
# before the pageout, as the selftest's does); unprotecting
# clears the swap PTE's bit; the page faults back in unprotected.
title private shmem uffd-wp: wp-fork, present and swapped, no EVENT_FORK
requires uffd swap
mmap p0 F 1 shmem private
write p0 F[0] 0x1
uffd-wp p0 F on
expect p0 F[0] uffd-wp
fork p0 c1
expect c1 F[0] !uffd-wp
exit c1
swapout p0 F[0]
expect p0 F[0] swapped
expect p0 F[0] uffd-wp
fork p0 c2
expect c2 F[0] swapped
expect c2 F[0] !uffd-wp
uffd-wp p0 F off
expect p0 F[0] !uffd-wp
write p0 F[0] 0x2
expect p0 F[0] !uffd-wp
expect p0 uffd-faults 0
expect c2 F[0] == 0x1
