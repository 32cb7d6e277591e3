# SPDX-License-Identifier: GPL-2.0-only
# uffd-unit-tests' wp-fork-with-event on shmem-private: with EVENT_FORK
# the child's VMA stays registered and keeps the bit on the present PTE
# and on the swap PTE of the paged-out anon copy (copy_nonpresent_pte);
# a store in the child is a fault for the child's own uffd.
title private shmem uffd-wp: wp-fork with EVENT_FORK keeps the bits
requires uffd swap
uffd p0 event-fork
mmap p0 F 1 shmem private
write p0 F[0] 0x1
uffd-wp p0 F on
fork p0 c1
expect c1 F[0] uffd-wp
exit c1
swapout p0 F[0]
expect p0 F[0] uffd-wp
fork p0 c2
expect c2 F[0] swapped
expect c2 F[0] uffd-wp
write c2 F[0] 0x2
expect c2 uffd-faults 1
expect p0 uffd-faults 0
expect p0 F[0] == 0x1
