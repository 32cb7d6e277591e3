# SPDX-License-Identifier: GPL-2.0-only
# After clear_refs a page first read in the tracked VMA maps the zero
# page, not soft-dirty; a VMA mmap()ed later is soft-dirty as a whole
# (mm/mmap.c: mmap_region sets VM_SOFTDIRTY, and pagemap reports
# PM_SOFT_DIRTY for every page of such a VMA, fs/proc/task_mmu.c:
# pte_to_pagemap_entry).  A first write makes a page soft-dirty either
# way (do_anonymous_page: pte_mkdirty).
title clear-refs soft-dirty: a new VMA is soft-dirty as a whole
mmap p0 A 2
clear-refs p0 soft-dirty
read p0 A[0]
expect p0 A[0] zeropage
expect p0 A[0] !soft-dirty
mmap p0 B 1
read p0 B[0]
expect p0 B[0] zeropage
expect p0 B[0] soft-dirty
write p0 A[1] 0x1111
expect p0 A[1] soft-dirty
expect p0 A[1] writable
expect p0 A[1] exclusive
check
