# SPDX-License-Identifier: GPL-2.0-only
# A page in the swap cache, mapped again (a read fault on the swap-cache
# copy maps it writable, 6.11+) and then written through that PTE: it is
# dirty.  unmap_poisoned_folio drops TTU_HWPOISON for a swap-cache page,
# so the PTE becomes an ordinary swap entry of its slot; the data is lost
# (dirty), so the caller gets BUS_MCEERR_AR; me_swapcache_dirty keeps the
# page in the swap cache, cleared of dirty and uptodate (MF_DELAYED).  The
# next fault finds it there poisoned: VM_FAULT_HWPOISON, BUS_MCEERR_AR
# (hwpoison.swapcache).  The swap PTE is no hwpoison entry: the page is
# not `poisoned` through it.
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
# v6.1 also maps the swapped-in page R/O on the read fault.
title hwpoison: a dirty swap-cache page stays there, faults get SIGBUS
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
swapout p0 A
read p0 A[0]
expect p0 A[0] writable
write p0 A[0] 0x2222
poison p0 A[0] => SIGBUS:MCEERR_AR
expect p0 A[0] swapped
expect p0 A[0] !poisoned
read p0 A[0] => SIGBUS:MCEERR_AR
expect p0 sigbus MCEERR_AR 2
check
