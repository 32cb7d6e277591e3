# SPDX-License-Identifier: GPL-2.0-only
# mprotect(PROT_READ) write-protects an exclusive page without clearing
# PG_anon_exclusive (ae.transitions); stores now raise SIGSEGV. mprotect(RW)
# maps the exclusive page writable again at once (mprotect.upgrade
# can_change_pte_writable).
title mprotect read-only and back on an exclusive page
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
mprotect p0 A ro
expect p0 A[0] readonly
expect p0 A[0] exclusive
write p0 A[0] 0x2222 => SIGSEGV
expect p0 A[0] == 0x1111
mprotect p0 A rw
expect p0 A[0] writable
expect p0 A[0] is L
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] == 0x2222
check
