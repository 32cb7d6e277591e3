# SPDX-License-Identifier: GPL-2.0-only
# The fault-around window is the naturally aligned block of 16 PTEs
# (fault_around_bytes, 64 KiB) that holds the fault, cut to the VMA
# (mm/memory.c do_fault_around): a fault on S[20] maps the cached pages
# of S[16..31] and none of S[0..15].  Regions of shmem start on a 64 KiB
# boundary on the model and on the kernel backend alike.
title shmem fault-around maps only the aligned window of the fault
mmap p0 S 32 shmem shared
write p0 S[15] 0x15
write p0 S[16] 0x16
write p0 S[31] 0x31
madvise p0 S dontneed
read p0 S[20]
expect p0 S[15] none
expect p0 S[16] present
expect p0 S[31] present
expect p0 S[20] present
expect p0 S[21] none
