# SPDX-License-Identifier: GPL-2.0-only
# mlock populates a private writable file mapping with write faults
# (populate_vma_page_range: FOLL_WRITE for a private writable VMA), each
# a COW into an exclusive anon page; a shared one with read faults, which
# map the page cache pages.
title file mlock: private pages COW, shared pages map the page cache
mmap p0 P 2 file private
mmap p0 S 2 file shared
mlock p0 P
mlock p0 S
expect p0 P[0] exclusive
expect p0 P[1] exclusive
expect p0 S[0] present
expect p0 S[0] !exclusive
expect p0 S[1] present
