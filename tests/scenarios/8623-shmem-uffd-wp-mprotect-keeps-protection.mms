# SPDX-License-Identifier: GPL-2.0-only
# mprotect on a write-protected shmem range: markers stay markers and the
# bit stays on present PTEs (change_pte_range keeps uffd-wp; it is
# neither MM_CP_UFFD_WP nor _RESOLVE), and mprotect back to rw does not
# make a protected PTE writable (can_change_pte_writable refuses uffd-wp);
# the next store is still a fault for the handler.
title shmem uffd-wp: mprotect keeps markers and bits
requires uffd
mmap p0 S 2 shmem shared
write p0 S[0] 0x1111
uffd-wp p0 S on
mprotect p0 S ro
mprotect p0 S rw
expect p0 S[0] uffd-wp
expect p0 S[0] readonly
expect p0 S[1] marker
write p0 S[0] 0x2222
write p0 S[1] 0x3333
expect p0 uffd-faults 2
