# SPDX-License-Identifier: GPL-2.0-only
# Both processes that shared a poisoned page exit: their hwpoison entries
# are zapped, and the page is never freed (memory_failure holds it; a
# poisoned page that reached the allocator would be held back by
# free_pages_prepare anyway).  The checker's leak and hwpoison invariants
# hold at the end (hwpoison.held).
title hwpoison: exit zaps the entries, the page stays out of the allocator
mmap p0 A 1
write p0 A[0] 0x1111
fork p0 c1
poison c1 A[0] => SIGBUS:MCEERR_AR
exit c1
expect p0 A[0] poisoned
exit p0
check
