# SPDX-License-Identifier: GPL-2.0-only
# mprotect(PROT_NONE) makes every access fault with SIGSEGV but keeps the page
# and its exclusivity (mprotect never clears PG_anon_exclusive,
# ae.transitions); restoring RW gives the data back.
title mprotect PROT_NONE then restore
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
mprotect p0 A none
read p0 A[0] => SIGSEGV
write p0 A[0] 0x2222 => SIGSEGV
mprotect p0 A rw
expect p0 A[0] == 0x1111
expect p0 A[0] is L
expect p0 A[0] exclusive
check
