# SPDX-License-Identifier: GPL-2.0-only
# A FOLL_GET reference (vmsplice) is no pin, so the page is unmapped into a
# writable migration entry, but the move sees a refcount above what it expects
# (migrate.refcount) and fails with EAGAIN. The page is mapped back from the
# entries: the same page, exclusive and writable again (migrate.restore).
title migrate: an extra FOLL_GET reference fails the move (EAGAIN)
requires vmsplice
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
pin h p0 A[0] ro get
migrate p0 A[0] => EAGAIN
expect p0 A[0] is L
expect p0 A[0] exclusive
expect p0 A[0] writable
write p0 A[0] 0x2222
expect p0 A[0] is L
expect h == 0x2222
unpin h
check
