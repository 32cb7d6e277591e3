# SPDX-License-Identifier: GPL-2.0-only
# R/O pin going stale on an exclusive page (bug.ro-pin-stale-exclusive, cow.c
# A13): the page is mapped R/O by mprotect when pinned, then made writable and
# written. The refcount-based COW copies away from the pin.  v5.19 reuses the
# page because it is PageAnonExclusive.
title saga: R/O pin on a R/O-mapped exclusive page goes stale
requires gup_test
broken-under v5.9 v5.18
mmap p0 A 1
write p0 A[0] 0x1111
mprotect p0 A ro
pin h p0 A[0] ro pin longterm
mprotect p0 A rw
write p0 A[0] 0x2222
expect h == 0x2222
unpin h
