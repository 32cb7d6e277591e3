# SPDX-License-Identifier: GPL-2.0-only
# A R/O reference (vmsplice() into a pipe) cannot be used by a device to write
# the page (docs/scenario-language.md: dma-write needs an rw handle); the page
# is left unchanged.
title dma-write through a read-only handle fails
requires vmsplice
mmap p0 A 1
write p0 A[0] 0x1111
pin h p0 A[0] ro get
dma-write h 0x2222 => EFAULT
expect h == 0x1111
expect p0 A[0] == 0x1111
unpin h
check
