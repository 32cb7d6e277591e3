# SPDX-License-Identifier: GPL-2.0-only
# cow.c A8 "fork() with an iouring fixed buffer": after registering the buffer
# (R/W longterm pin) the parent forks a child that stays alive; the pinned
# page must not be COW-shared (fork copies it for the child, fork.present), so
# the parent's write is seen through the fixed buffer.
title cow.c A8: fork with an io_uring fixed buffer
requires iouring
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
pin h p0 A[0] rw pin longterm
fork p0 c1
expect c1 A[0] !same p0 A[0]
expect p0 A[0] writable
write p0 A[0] 0x2222
expect p0 A[0] is L
expect h == 0x2222
expect c1 A[0] == 0x1111
unpin h
exit c1
check
