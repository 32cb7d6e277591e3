# SPDX-License-Identifier: GPL-2.0-only
# A write fault on a shared shmem mapping maps the page cache page itself,
# writable and dirty (mm/memory.c do_shared_fault, finish_fault): no COW,
# no anon page, never PG_anon_exclusive; fork does not copy the PTEs of a
# shared mapping without anon_vma (vma_needs_copy), so the child faults
# the same page in and the two see each other's stores.
title shmem shared write fault maps the page cache page, fork shares it
mmap p0 S 2 shmem shared
write p0 S[0] 0x1111
expect p0 S[0] writable
expect p0 S[0] !exclusive
expect p0 S[0] mapcount 1
fork p0 c1
expect c1 S[0] none
expect c1 S[0] == 0x1111
expect c1 S[0] same p0 S[0]
write c1 S[0] 0x2222
expect p0 S[0] == 0x2222
expect p0 S[0] mapcount 2
