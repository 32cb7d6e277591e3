# SPDX-License-Identifier: GPL-2.0-only
# Seed 003's proposal (origin.pt-mm, docs/origins.md; the policy knob
# pt_poison=kill): the poisoned PTE table records its mm in pt_mm, so the
# handler knows whose it is and kills that process, whose exit tears down
# its tables -- the poisoned one is freed and held back from the
# allocator -- instead of leaving a corrupted table in use.  A child that
# fork gave tables of its own is unaffected (hwpoison.pgtable).
# Model-only: no kernel does this, so on a live kernel the file stops at
# poison-table (unsupported), and `--policy v6.12` on the command line
# replaces the knob: run it with its own policy (mmsim run FILE).
title hwpoison: seed 003, pt_mm names the owner of a poisoned table, killed
requires hwpoison
policy latest,pt_poison=kill
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1 v6.12 latest
mmap p0 A 1
write p0 A[0] 0x1111
fork p0 c1
poison-table p0 A[0]
expect p0 dead
expect c1 alive
expect c1 A[0] == 0x1111
check
