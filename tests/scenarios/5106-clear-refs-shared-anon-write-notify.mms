# SPDX-License-Identifier: GPL-2.0-only
# clear_refs on a shared anonymous (shmem) mapping: with VM_SOFTDIRTY
# cleared the VMA wants write notification (mm/mmap.c:
# vma_wants_writenotify, vma_set_page_prot), and its PTE is write-
# protected and cleared; the next write faults (do_wp_page, wp_page_shared)
# and maps the same page writable and soft-dirty again.
title clear-refs soft-dirty on a shared anonymous mapping
mmap p0 A 1 anon shared
write p0 A[0] 0x1111
label L p0 A[0]
clear-refs p0 soft-dirty
expect p0 A[0] !soft-dirty
expect p0 A[0] readonly
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] writable
expect p0 A[0] soft-dirty
check
