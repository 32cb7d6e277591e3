# SPDX-License-Identifier: GPL-2.0-only
# mprotect leaves a non-present PTE as it is (change_pte_range only touches
# migration entries and uffd-wp bits): a hwpoison entry stays one through a
# protection change and back (hwpoison.mprotect).
title hwpoison: mprotect keeps the hwpoison entry
mmap p0 A 1
write p0 A[0] 0x1111
poison p0 A[0] => SIGBUS:MCEERR_AR
mprotect p0 A ro
expect p0 A[0] poisoned
mprotect p0 A rw
expect p0 A[0] poisoned
read p0 A[0] => SIGBUS:MCEERR_AR
check
