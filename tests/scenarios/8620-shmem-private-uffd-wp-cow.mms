# SPDX-License-Identifier: GPL-2.0-only
# uffd-wp on a private memfd mapping: a write-protected page cache page
# mapped R/O; a store is first a fault for the handler (do_wp_page asks
# userfaultfd before anything), then, unprotected, a COW into a new
# exclusive anon page (wp_page_copy).  The marker of a none PTE works as
# on shared shmem.
title private shmem uffd-wp: the handler first, then the COW
requires uffd
mmap p0 F 2 shmem private
read p0 F[0]
label cache p0 F[0]
uffd-wp p0 F on
expect p0 F[0] uffd-wp
expect p0 F[1] marker
write p0 F[0] 0x1111
expect p0 uffd-faults 1
expect p0 F[0] isnot cache
expect p0 F[0] exclusive
expect p0 F[0] == 0x1111
