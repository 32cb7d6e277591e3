# SPDX-License-Identifier: GPL-2.0-only
# UFFDIO_POISON in a region never touched: mfill_atomic prepares the
# VMA's anon_vma first (find_vma_and_prepare_anon), so fork copies the
# page tables (vma_needs_copy) and, with them, the poison marker, which
# copy_pte_marker keeps although the child is not registered
# (hwpoison.uffd-poison).  The fault's SIGBUS is BUS_MCEERR_AR only with
# CONFIG_MEMORY_FAILURE (do_sigbus; BUS_ADRERR without, as on this
# machine's 6.18), hence `requires hwpoison`.
title hwpoison: fork copies a UFFDIO_POISON marker of an untouched region
requires uffd hwpoison
mmap p0 A 1
uffd-poison p0 A[0]
fork p0 c1
expect c1 A[0] marker
read c1 A[0] => SIGBUS:MCEERR_AR
expect c1 sigbus MCEERR_AR 1
check
