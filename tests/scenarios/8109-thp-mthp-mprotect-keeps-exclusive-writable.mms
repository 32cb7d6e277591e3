# SPDX-License-Identifier: GPL-2.0-only
# mTHP: mprotect RO and back over an mTHP nobody else maps makes each PTE
# writable again at once (can_change_pte_writable: the page is exclusive
# and dirty), so the write that follows neither faults to copy nor leaves
# the folio.
title mTHP: mprotect RO/RW keeps an exclusive mTHP writable
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[0] 0x1111
label big p0 A[9]
mprotect p0 A ro
expect p0 A[9] readonly
mprotect p0 A rw
expect p0 A[9] writable
write p0 A[9] 0x2222
expect p0 A[9] is big
expect p0 A[9] thp
check
