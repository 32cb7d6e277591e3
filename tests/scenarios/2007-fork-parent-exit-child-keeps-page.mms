# SPDX-License-Identifier: GPL-2.0-only
# The parent exits while the child still maps the shared page: the child's PTE
# stays R/O and non-exclusive (exit does not set PG_anon_exclusive,
# ae.transitions), and the child's write then reuses the page (refcount 1,
# wp.reuse-check).
title child keeps and reuses the page after the parent exits
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
exit p0
expect c1 A[0] mapcount 1
expect c1 A[0] readonly
expect c1 A[0] !exclusive
expect c1 A[0] == 0x1111
write c1 A[0] 0x2222
expect c1 A[0] is orig
expect c1 A[0] exclusive
expect c1 A[0] writable
check
