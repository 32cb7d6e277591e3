# SPDX-License-Identifier: GPL-2.0-only
# A write fault where nothing is mapped in a private mapping of a memfd
# copies the page cache page (a hole is filled with zeros first) into a
# new exclusive anon page and maps that (mm/memory.c do_cow_fault,
# finish_fault); the page cache page is not mapped, and a neighbour's
# read fault does not map the anon copy (fault-around maps cache pages).
title private shmem: a write fault maps a new exclusive anon copy
mmap p0 F 2 shmem private
write p0 F[0] 0x1111
expect p0 F[0] exclusive
expect p0 F[0] writable
expect p0 F[0] mapcount 1
read p0 F[1]
expect p0 F[1] readonly
expect p0 F[0] == 0x1111
