# SPDX-License-Identifier: GPL-2.0-only
# hwpoison-inject's corrupt-pfn on a shmem page mapped by two processes
# (the fork child wrote it through its own PTE): no caller, so only
# early-kill processes are told, with BUS_MCEERR_AO; every PTE becomes a
# hwpoison entry and the folio stays in the page cache.  The late-kill
# parent learns on access (hwpoison.inject, hwpoison.shmem).
title hwpoison: corrupt-pfn of a shared shmem page tells early kill only
requires hwpoison
mmap p0 A 1 shmem shared
write p0 A[0] 0x1111
fork p0 c1
write c1 A[0] 0x2222
mce-kill c1 early
corrupt p0 A[0]
expect c1 sigbus MCEERR_AO 1
expect p0 sigbus 0
expect p0 A[0] poisoned
expect c1 A[0] poisoned
read p0 A[0] => SIGBUS:MCEERR_AR
read c1 A[0] => SIGBUS:MCEERR_AR
check
