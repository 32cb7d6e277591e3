# SPDX-License-Identifier: GPL-2.0-only
# A PTE table poisoned twice (hwpoison-inject's corrupt-pfn on the
# table's PFN).  The first error is unhandlable (EBUSY, as in 4816); the
# second finds PG_hwpoison set already (TestSetPageHWPoison in
# memory_failure: "already poisoned", EHWPOISON), and with no
# MF_ACTION_REQUIRED nobody is told.  The table stays in use: fork copies
# the PTEs out of it into the child's own tables (copy_pte_range), and
# both processes read their data; the child's write breaks COW as usual
# (hwpoison.pgtable).  On a live kernel the table's PFN is the one page
# table its first store made (docs/kernel-backend.md).
title hwpoison: a page table poisoned twice is still used, and fork copies it
requires hwpoison
policy v6.12
broken-under latest,pt_poison=kill
mmap p0 A 2
write p0 A[0] 0x1111
poison-table p0 A[0] => EBUSY
poison-table p0 A[1] => EHWPOISON
expect p0 alive
expect p0 sigbus 0
fork p0 c1
expect c1 A[0] == 0x1111
write c1 A[0] 0x2222
expect p0 A[0] == 0x1111
expect c1 A[0] == 0x2222
exit c1
write p0 A[1] 0x3333
expect p0 A[1] == 0x3333
check
