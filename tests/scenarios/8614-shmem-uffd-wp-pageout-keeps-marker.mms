# SPDX-License-Identifier: GPL-2.0-only
# Reclaim of a write-protected shmem page: try_to_unmap_one clears the
# PTE and pte_install_uffd_wp_if_needed leaves a marker (mm/rmap.c); the
# page goes to swap (shmem_writepage).  The fault on the marker swaps it
# back in write-protected, and a store is one fault for the handler.
title shmem uffd-wp: pageout leaves a marker, swap-in stays protected
requires uffd swap
mmap p0 S 1 shmem shared
write p0 S[0] 0x1111
uffd-wp p0 S on
swapout p0 S[0]
expect p0 S[0] marker
expect p0 S[0] uffd-wp
expect p0 S[0] == 0x1111
expect p0 S[0] uffd-wp
expect p0 S[0] present
write p0 S[0] 0x2222
expect p0 uffd-faults 1
expect p0 S[0] == 0x2222
