# SPDX-License-Identifier: GPL-2.0-only
# cow.c A5 "vmsplice() before fork(), unmap in parent after fork()": the
# parent's pipe reference predates the fork; after the parent unmaps, the
# child's write must copy (refcount 2), so the pipe does not see it ("No leak
# from child into parent"). gup.pin-accounting (FOLL_GET is no pin),
# wp.reuse-check.
title cow.c A5: vmsplice before fork, unmap in parent after fork
requires vmsplice
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
# parent: memcpy(old, mem); vmsplice()
pin h p0 A[0] ro get
fork p0 c1
expect c1 A[0] same p0 A[0]
munmap p0 A
# child: memset(mem, 0xff); exit
write c1 A[0] 0x2222
expect c1 A[0] isnot orig
exit c1
# parent: read the pipe
expect h == 0x1111
unpin h
check
