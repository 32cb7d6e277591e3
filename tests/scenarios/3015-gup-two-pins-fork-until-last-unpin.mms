# SPDX-License-Identifier: GPL-2.0-only
# Two pins on one page: dropping one still leaves the page maybe-pinned, so
# fork copies it. After the last unpin MMF_HAS_PINNED is still set but the
# page is no longer maybe-DMA-pinned, so fork shares it as usual
# (gup.pin-accounting pin counting and folio_needs_cow_for_dma, fork.present).
title page stays copied at fork until its last pin is dropped
requires gup_test iouring
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
pin h1 p0 A[0] ro pin
pin h2 p0 A[0] rw pin longterm
unpin h1
fork p0 c1
expect c1 A[0] !same p0 A[0]
expect p0 A[0] writable
expect p0 A[0] is L
unpin h2
fork p0 c2
expect c2 A[0] same p0 A[0]
expect p0 A[0] is L
expect p0 A[0] readonly
expect p0 A[0] mapcount 2
check
