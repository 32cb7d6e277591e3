# SPDX-License-Identifier: GPL-2.0-only
# Historical "R/O pin loses coherency" (history.v5.9,
# bug.ro-pin-stale-shared): pin a shared page R/O, let the child exit, then
# write. Today the pin unshared the page at pin time, so the write reuses the
# pinned page and the pin sees it (gup.pin-fault, invariant I4).
title R/O longterm pin stays coherent when the child exits later
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
fork p0 c1
pin h p0 A[0] ro pin longterm
label pinned p0 A[0]
exit c1
write p0 A[0] 0x2222
expect p0 A[0] is pinned
expect h == 0x2222
expect p0 A[0] == 0x2222
unpin h
check
