# SPDX-License-Identifier: GPL-2.0-only
# `uffd-wp P R… on` registers and protects its ranges one by one: an
# anonymous region before a regular file's is registered and protected,
# then the file's range fails with EINVAL (vma_can_userfault), so a store
# to the anon page still reaches the handler.
title file uffd-wp: the anon range before the file's is protected
requires uffd
mmap p0 A 1
mmap p0 F 1 file shared
write p0 A[0] 1
uffd-wp p0 A F on => EINVAL
expect p0 A[0] uffd-wp
write p0 A[0] 2
expect p0 uffd-faults 1
expect p0 A[0] !uffd-wp
