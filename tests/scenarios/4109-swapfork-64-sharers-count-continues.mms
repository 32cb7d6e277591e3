# SPDX-License-Identifier: GPL-2.0-only
# 64 processes share one swap slot.  swap_map counts up to SWAP_MAP_MAX
# (62) users in its byte; the 63rd makes __swap_duplicate carry into a
# continuation (add_swap_count_continuation, swap_count_continued), so
# fork never fails for lack of room in the count.  Every process keeps
# the same swap entry, the last child's read brings the page in from the
# swap cache, shared (63 other users: not exclusive), and when the
# children exit the parent's read maps that page again, read-only and
# not exclusive: fork cleared its swap PTE's exclusive bit (as in 4103).
title swapfork: 64 sharers of one slot, the count continues past 62
requires swap
mmap p0 A 1
write p0 A[0] 0x4109
swapout p0 A[0]
fork p0 c1
fork p0 c2
fork p0 c3
fork p0 c4
fork p0 c5
fork p0 c6
fork p0 c7
fork p0 c8
fork p0 c9
fork p0 c10
fork p0 c11
fork p0 c12
fork p0 c13
fork p0 c14
fork p0 c15
fork p0 c16
fork p0 c17
fork p0 c18
fork p0 c19
fork p0 c20
fork p0 c21
fork p0 c22
fork p0 c23
fork p0 c24
fork p0 c25
fork p0 c26
fork p0 c27
fork p0 c28
fork p0 c29
fork p0 c30
fork p0 c31
fork p0 c32
fork p0 c33
fork p0 c34
fork p0 c35
fork p0 c36
fork p0 c37
fork p0 c38
fork p0 c39
fork p0 c40
fork p0 c41
fork p0 c42
fork p0 c43
fork p0 c44
fork p0 c45
fork p0 c46
fork p0 c47
fork p0 c48
fork p0 c49
fork p0 c50
fork p0 c51
fork p0 c52
fork p0 c53
fork p0 c54
fork p0 c55
fork p0 c56
fork p0 c57
fork p0 c58
fork p0 c59
fork p0 c60
fork p0 c61
fork p0 c62
fork p0 c63
expect c1 A[0] swapped
expect c63 A[0] swapped
expect c62 A[0] swapped
read c63 A[0]
expect c63 A[0] == 0x4109
expect c63 A[0] !exclusive
expect p0 A[0] swapped
exit c1
exit c2
exit c3
exit c4
exit c5
exit c6
exit c7
exit c8
exit c9
exit c10
exit c11
exit c12
exit c13
exit c14
exit c15
exit c16
exit c17
exit c18
exit c19
exit c20
exit c21
exit c22
exit c23
exit c24
exit c25
exit c26
exit c27
exit c28
exit c29
exit c30
exit c31
exit c32
exit c33
exit c34
exit c35
exit c36
exit c37
exit c38
exit c39
exit c40
exit c41
exit c42
exit c43
exit c44
exit c45
exit c46
exit c47
exit c48
exit c49
exit c50
exit c51
exit c52
exit c53
exit c54
exit c55
exit c56
exit c57
exit c58
exit c59
exit c60
exit c61
exit c62
exit c63
expect p0 A[0] swapped
read p0 A[0]
expect p0 A[0] == 0x4109
expect p0 A[0] !exclusive
check
