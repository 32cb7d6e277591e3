# SPDX-License-Identifier: GPL-2.0-only
# uffd-wp on shmem (uffd-unit-tests "wp" on shmem): write-protecting a
# mapped page cache page sets the uffd-wp bit and removes write
# (mm/userfaultfd.c mwriteprotect_range, mm/mprotect.c change_pte_range);
# a store is a write-protect fault for the handler (mm/memory.c
# do_wp_page checks userfaultfd_pte_wp first), which unprotects the page;
# the store then lands in the page cache page itself (no COW).
title shmem uffd-wp: a store to a protected page notifies the handler
requires uffd
mmap p0 S 2 shmem shared
write p0 S[0] 0x1111
label orig p0 S[0]
uffd-wp p0 S[0] on
expect p0 S[0] uffd-wp
expect p0 S[0] readonly
write p0 S[0] 0x2222
expect p0 uffd-faults 1
expect p0 S[0] !uffd-wp
expect p0 S[0] is orig
expect p0 S[0] == 0x2222
