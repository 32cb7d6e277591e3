# SPDX-License-Identifier: GPL-2.0-only
# Write-protecting a none PTE of shmem always leaves a PTE marker
# (userfaultfd_wp_use_markers: the page may be in the page cache, no
# WP_UNPOPULATED needed; change_pte_range).  A store to it faults in the
# page write-protected (handle_pte_marker, do_pte_missing, the marker's
# protection kept by set_pte_range), and the retried store is one fault
# for the handler.  pagemap reads the marker as swapped, type 31.
title shmem uffd-wp: a none PTE gets a marker, a store to it one fault
requires uffd
mmap p0 S 2 shmem shared
uffd-wp p0 S on
expect p0 S[0] marker
expect p0 S[0] uffd-wp
expect p0 S[0] !none
expect p0 S[0] !swapped
write p0 S[0] 0x1111
expect p0 uffd-faults 1
expect p0 S[0] present
expect p0 S[0] !uffd-wp
expect p0 S[1] marker
