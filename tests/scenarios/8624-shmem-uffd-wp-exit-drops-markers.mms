# SPDX-License-Identifier: GPL-2.0-only
# exit tears down every VMA with ZAP_FLAG_DROP_MARKER (unmap_vmas): a
# process whose shmem region held markers and protected PTEs leaves none
# behind; the pages stay in the page cache for the other process that
# maps the file, which sees them unprotected (its VMA was never
# registered: EVENT_FORK not asked).
title shmem uffd-wp: exit drops the markers, the data stays
requires uffd
mmap p0 S 2 shmem shared
write p0 S[0] 0x1111
fork p0 c1
uffd-wp c1 S on
expect c1 S[0] marker
expect c1 S[1] marker
exit c1
expect p0 S[0] present
expect p0 S[0] !uffd-wp
write p0 S[0] 0x2
expect p0 uffd-faults 0
expect p0 S[0] == 0x2
check
