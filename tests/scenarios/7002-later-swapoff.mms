# SPDX-License-Identifier: GPL-2.0-only
# swapoff brings every swap entry back as a present PTE (R5.7 unuse_pte).
# not implemented yet in the model: this file must fail (exit 1) until issue 3/…
title later work: swapoff brings the page back
mmap p0 A 1
write p0 A[0] 0x1111
swapout p0 A
swapoff
expect p0 A[0] present
