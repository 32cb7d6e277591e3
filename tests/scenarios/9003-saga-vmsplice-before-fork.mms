# SPDX-License-Identifier: GPL-2.0-only
# The other fork order (cow.c A5): the parent vmsplice()s before fork,
# then unmaps; the child writes.  With mapcount-based reuse the child
# writes into the page the parent's pipe holds (leak from child to
# parent).  v5.8's COW break at GUP time did not help: the reference was
# taken before the page was shared.  Fixed by v5.9's refcount rule.
title saga: vmsplice before fork, parent unmaps, child writes
requires vmsplice
broken-under v5.7 v5.8
mmap p0 A 1
write p0 A[0] 0x1111
pin h p0 A[0] ro get
fork p0 c1
munmap p0 A
write c1 A[0] 0x2222
expect h == 0x1111
unpin h
