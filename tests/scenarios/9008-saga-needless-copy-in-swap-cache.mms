# SPDX-License-Identifier: GPL-2.0-only
# Needless copies (bug.needless-copy-swap-cache): a page read back from swap
# stays in the swap cache; in the first refcount era the cache's reference
# made every later write copy the page, although nobody else used it.  v5.18
# frees the swap cache before deciding; v5.19 also remembers exclusivity in
# the swap PTE.
title saga: a write to a page in the swap cache copies needlessly
requires swap
count copies
broken-under v5.9
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
read p0 A[0]
expect p0 A[0] is L
write p0 A[0] 0x2222
expect p0 A[0] is L
