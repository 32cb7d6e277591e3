# SPDX-License-Identifier: GPL-2.0-only
# MADV_DONTNEED drops a poisoned marker (mm/memory.c zap_nonpresent_ptes:
# poisoned entries go with every zap that drops COW pages); the next read
# is a first touch again (the zero page).  mprotect and unprotecting
# uffd-wp leave it alone (change_pte_range skips poisoned entries).
title uffd-poison: MADV_DONTNEED clears it, mprotect and unprotect keep it
requires uffd
mmap p0 A 2
uffd-poison p0 A
mprotect p0 A ro
mprotect p0 A rw
uffd-wp p0 A off
expect p0 A[1] marker
madvise p0 A[0] dontneed
expect p0 A[0] none
expect p0 A[0] == 0
expect p0 A[0] zeropage
read p0 A[1] => SIGBUS
