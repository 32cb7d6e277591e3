# SPDX-License-Identifier: GPL-2.0-only
# Reclaim of an exclusive anon page leaves a swap PTE (R5.2).
# not implemented yet in the model: this file must fail (exit 1) until issue 3/…
title later work: swapout of an exclusive page
mmap p0 A 1
write p0 A[0] 0x1111
swapout p0 A
expect p0 A[0] swapped
