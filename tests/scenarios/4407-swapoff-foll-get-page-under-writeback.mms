# SPDX-License-Identifier: GPL-2.0-only
# swapoff of a page that a FOLL_GET reference keeps in the swap cache and
# whose writeback is still in flight: try_to_unuse waits for the writeback and
# maps the cached page itself, R/O and exclusive from the swap PTE's bit
# (swapoff.unuse); the pipe and the process see one page, the write reuses it.
# (Writeback cannot be held back on this machine: slow-writeback is the
# model's; the kernel would not even start it with the extra reference.)
title swapoff: a FOLL_GET page under writeback comes back as the same page
requires swap vmsplice
swapdev file slow-writeback
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
pin h p0 A[0] ro get
swapout p0 A
expect p0 A[0] swapped
swapoff
expect p0 A[0] is L
expect p0 A[0] readonly
expect p0 A[0] exclusive
write p0 A[0] 0x2222
expect p0 A[0] is L
expect h == 0x2222
unpin h
check
