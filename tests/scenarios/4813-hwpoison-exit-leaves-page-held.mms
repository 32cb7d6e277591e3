# SPDX-License-Identifier: GPL-2.0-only
# Both processes that shared a poisoned page exit: their hwpoison entries
# are zapped, and the page is never freed (memory_failure holds it; a
# poisoned page that reached the allocator would be held back by
# free_pages_prepare anyway).  The checker's leak and hwpoison invariants
# hold at the end (hwpoison.held).
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
title hwpoison: exit zaps the entries, the page stays out of the allocator
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
mmap p0 A 1
write p0 A[0] 0x1111
fork p0 c1
poison c1 A[0] => SIGBUS:MCEERR_AR
exit c1
expect p0 A[0] poisoned
exit p0
check
