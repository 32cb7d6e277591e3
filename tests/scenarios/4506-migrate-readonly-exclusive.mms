# SPDX-License-Identifier: GPL-2.0-only
# An exclusive page mapped R/O (mprotect) migrates through a
# readable-exclusive entry (migrate.unmap): the new page is R/O and exclusive
# (migrate.restore), so mprotect RW maps it writable at once (mprotect.upgrade).
title migrate: a R/O exclusive page keeps exclusivity
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
mprotect p0 A ro
migrate p0 A[0]
expect p0 A[0] isnot L
expect p0 A[0] readonly
expect p0 A[0] exclusive
mprotect p0 A rw
expect p0 A[0] writable
check
