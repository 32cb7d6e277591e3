# SPDX-License-Identifier: GPL-2.0-only
# A shared writable file mapping wants write notification (ext4's
# ->page_mkwrite, dirty accounting: vma_wants_writenotify), so mprotect
# back to rw makes only dirty PTEs writable at once
# (can_change_pte_writable); a clean one stays R/O until its write fault,
# which dirties the page (wp_page_shared).  The write bit is not visible
# on the kernel (pagemap has no such bit): those points are the model's.
title file shared mprotect: only dirty PTEs get writable back at once
mmap p0 F 2 file shared
write p0 F[0] 0x1111
read p0 F[1]
mprotect p0 F ro
expect p0 F[0] readonly
expect p0 F[1] readonly
mprotect p0 F rw
expect p0 F[0] writable
expect p0 F[1] readonly
label clean p0 F[1]
write p0 F[1] 0x2222
expect p0 F[1] writable
expect p0 F[1] is clean
expect p0 F[1] == 0x2222
