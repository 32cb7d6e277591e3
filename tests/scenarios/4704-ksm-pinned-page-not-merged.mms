# SPDX-License-Identifier: GPL-2.0-only
# A pinned exclusive page is never merged: write_protect_page finds references
# beyond the mappings and KSM's own (ksm.write-protect), and could not mark it
# shared anyway (I4). Its identical neighbours, scanned before it, merge with
# each other; the pinned page then fails to join their KSM page (stable tree)
# and stays exclusive and writable.
title ksm: a pinned page is not merged
requires ksm iouring
mmap p0 A 3
write p0 A[0] 0x1111
write p0 A[1] 0x1111
write p0 A[2] 0x1111
label L2 p0 A[2]
pin h p0 A[2] rw pin longterm
madvise p0 A mergeable
ksm
expect p0 A[0] ksm
expect p0 A[1] same p0 A[0]
expect p0 A[2] !ksm
expect p0 A[2] is L2
expect p0 A[2] exclusive
expect p0 A[2] writable
write p0 A[2] 0x2222
expect h == 0x2222
unpin h
check
