# SPDX-License-Identifier: GPL-2.0-only
# R/O pin going stale on a shared page (bug.ro-pin-stale-shared, cow.c
# A9/A11): the parent R/O-pins a page it shares with its child; the child goes
# away; the parent writes.  With refcount-based COW the pin's references force
# a copy, and the pin keeps the old page.  v5.19 unshares at pin time.
title saga: R/O pin on a shared page goes stale after a write
requires gup_test
broken-under v5.9 v5.18
mmap p0 A 1
write p0 A[0] 0x1111
fork p0 c1
pin h p0 A[0] ro pin longterm
exit c1
write p0 A[0] 0x2222
expect h == 0x2222
unpin h
