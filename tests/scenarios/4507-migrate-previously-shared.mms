# SPDX-License-Identifier: GPL-2.0-only
# A previously shared page (fork, child exit) is mapped once, R/O and not
# exclusive: it migrates through a plain readable entry and stays not
# exclusive (migrate.unmap, migrate.restore); the write then reuses the new
# page as its sole reference (wp.reuse-check).
title migrate: a previously shared page stays not exclusive
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
fork p0 c1
exit c1
migrate p0 A[0]
expect p0 A[0] isnot L
expect p0 A[0] !exclusive
expect p0 A[0] readonly
label M p0 A[0]
write p0 A[0] 0x2222
expect p0 A[0] is M
expect p0 A[0] exclusive
check
