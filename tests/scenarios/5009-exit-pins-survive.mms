# SPDX-License-Identifier: GPL-2.0-only
# exit tears down all mappings but pins stay held until unpin
# (docs/scenario-language.md, gup.unpin): the device can still read and write
# the page of a process that has gone. The child's private write never reached
# the parent.
title pins outlive the exit of the pinning process
requires iouring
mmap p0 A 1
fork p0 c1
write c1 A[0] 0x1111
pin h c1 A[0] rw pin longterm
exit c1
expect h == 0x1111
dma-write h 0x2222
expect h == 0x2222
expect p0 A[0] == 0
unpin h
check
