# SPDX-License-Identifier: GPL-2.0-only
# Fork does not copy the PTEs of a shared file mapping, which has no
# anon_vma (kernel/fork.c copy_page_range, vma_needs_copy): the child's
# PTE is none, its fault maps the same page cache page, and a store of one
# process is seen by the other.
title file shared mapping: fork copies no PTE, both map the cache page
mmap p0 F 2 file shared
write p0 F[0] 0x1111
fork p0 c1
expect c1 F[0] none
expect c1 F[0] == 0x1111
expect c1 F[0] same p0 F[0]
expect p0 F[0] mapcount 2
write c1 F[0] 0x2222
expect p0 F[0] == 0x2222
