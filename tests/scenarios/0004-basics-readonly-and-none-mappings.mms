# SPDX-License-Identifier: GPL-2.0-only
# Fresh mappings without write permission: PROT_READ loads map the shared zero
# page and stores raise SIGSEGV (no VM_WRITE, fault.private-prot, fault.anon);
# PROT_NONE refuses every access and populates nothing.
title read-only and PROT_NONE private anonymous mappings
mmap p0 A 1 anon private ro
mmap p0 N 1 anon private none
expect p0 A[0] == 0
expect p0 A[0] zeropage
expect p0 A[0] readonly
write p0 A[0] 0x1111 => SIGSEGV
expect p0 A[0] zeropage
read p0 N[0] => SIGSEGV
write p0 N[0] 0x1111 => SIGSEGV
expect p0 N[0] none
check
