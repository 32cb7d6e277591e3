# SPDX-License-Identifier: GPL-2.0-only
# FOLL_GET is not a pin: it neither sets MMF_HAS_PINNED nor makes the page
# maybe-DMA-pinned, so fork shares the page (gup.pin-accounting,
# fork.present). Both sides then copy on write because of the extra reference
# (wp.reuse-check); the reference keeps the original data ("FOLL_GET ... never
# really reliable once fork was involved", as said of history.v5.19).
title FOLL_GET reference taken before fork does not prevent sharing
requires vmsplice
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
pin h p0 A[0] ro get
fork p0 c1
expect c1 A[0] same p0 A[0]
expect p0 A[0] readonly
expect p0 A[0] !exclusive
expect p0 A[0] mapcount 2
write p0 A[0] 0x2222
expect p0 A[0] isnot L
write c1 A[0] 0x3333
expect c1 A[0] isnot L
expect h == 0x1111
unpin h
check
