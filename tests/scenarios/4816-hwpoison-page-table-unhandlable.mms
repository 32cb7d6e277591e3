# SPDX-License-Identifier: GPL-2.0-only
# A memory error in a PTE table (hwpoison-inject's corrupt-pfn on the
# table's PFN: memory_failure with no flag).  PG_hwpoison is set, but a
# page table is no LRU page: get_hwpoison_page cannot take it
# ("unhandlable page", MF_MSG_GET_HWPOISON, MF_IGNORED) and the handler
# gives up with EBUSY.  Nothing is unmapped, nobody is signalled: the
# process goes on through the poisoned table.  When munmap frees the
# table, free_pages_prepare holds it back from the allocator
# (hwpoison.pgtable).  `mmsim run --trace` shows pt_mm named and unused;
# 4817 is seed 003's proposal, which uses it.  vm:6.12 agrees
# (obs.hwpoison-pgtable); Debian's 6.1 lacks hwpoison-inject.
title hwpoison: a poisoned page table is unhandlable and stays in use
requires hwpoison
policy v6.12
broken-under latest,pt_poison=kill
mmap p0 A 2
write p0 A[0] 0x1111
poison-table p0 A[0] => EBUSY
expect p0 alive
expect p0 A[0] == 0x1111
write p0 A[1] 0x2222
expect p0 A[1] == 0x2222
munmap p0 A
check
