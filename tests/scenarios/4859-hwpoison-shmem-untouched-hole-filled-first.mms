# SPDX-License-Identifier: GPL-2.0-only
# MADV_HWPOISON of a shmem address never touched: unlike private anon
# memory (4814: the zero page), GUP's read fault fills the hole of the
# file with a new, zeroed, clean folio (shmem_get_folio_gfp) and maps it.
# That page is poisoned with no signal (clean) and stays in the page
# cache: a child that maps the file, but not the page, faults on it with
# SIGBUS; the neighbour page is untouched (hwpoison.shmem).
title hwpoison: an untouched shmem address gets a page of its own, poisoned
requires hwpoison
mmap p0 A 2 shmem shared
fork p0 c1
poison p0 A[0]
expect p0 sigbus 0
expect p0 A[0] poisoned
read c1 A[0] => SIGBUS:MCEERR_AR
write c1 A[1] 0x1111
expect p0 A[1] == 0x1111
check
