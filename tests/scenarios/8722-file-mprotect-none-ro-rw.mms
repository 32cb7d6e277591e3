# SPDX-License-Identifier: GPL-2.0-only
# mprotect of a shared file mapping: PROT_NONE and read-only refuse the
# access (SIGSEGV) and keep the data; back to rw the store completes;
# munmap of one page leaves the other mapped to the file.
title file mprotect none and ro refuse access, rw writes again
mmap p0 F 2 file shared
write p0 F[0] 0x5
mprotect p0 F none
read p0 F[0] => SIGSEGV
mprotect p0 F ro
write p0 F[0] 0x6 => SIGSEGV
expect p0 F[0] == 0x5
mprotect p0 F rw
write p0 F[0] 0x7
expect p0 F[0] == 0x7
munmap p0 F[0]
expect p0 F[1] == 0
