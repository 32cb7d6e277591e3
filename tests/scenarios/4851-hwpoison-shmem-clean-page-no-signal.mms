# SPDX-License-Identifier: GPL-2.0-only
# MADV_HWPOISON of a shmem page that was only read: shmem_fault filled
# the hole with a new, zeroed, clean folio, and the read fault mapped it
# clean.  The unmap finds no dirty bit, so hwpoison_user_mappings does
# not kill: madvise returns 0 with no signal (no data was lost, as far
# as the kernel knows).  The folio stays in the page cache, poisoned
# (shmem_error_remove_folio): the next access is a SIGBUS all the same
# (hwpoison.shmem).
title hwpoison: a clean shmem page is poisoned with no signal, SIGBUS later
requires hwpoison
mmap p0 A 1 shmem shared
read p0 A[0]
poison p0 A[0]
expect p0 sigbus 0
expect p0 A[0] poisoned
read p0 A[0] => SIGBUS:MCEERR_AR
expect p0 sigbus MCEERR_AR 1
check
