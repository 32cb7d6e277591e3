#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The vm:6.12 test kernel (vm/build-kernel, vm/kernel-6.12.config) boots
# under QEMU with vm/guest-init and has what the host kernel lacks and
# the scenarios need: gup_test, memory failure (MADV_HWPOISON and
# hwpoison-inject), uffd-wp with WP_UNPOPULATED, mTHP sizes, zram, KSM.
# Skipped when the image is not in the cache yet (building it is ten
# minutes: vm/build-kernel) or QEMU is missing; no QEMU is left behind.
. "$(dirname "$0")/lib.sh"

command -v qemu-system-x86_64 >/dev/null ||
	skip_all "no QEMU (apt-get install qemu-system-x86)"
vm/build-kernel --cached 6.12 >/dev/null 2>&1 ||
	skip_all "the vm:6.12 kernel is not built yet (vm/build-kernel 6.12)"

vm/probe --cached 6.12 >"$tmp/out" 2>&1
ok $? "vm/probe boots the guest, which powers off by itself"
grep -q '^mmsim-guest: kernel 6\.12\.' "$tmp/out"
ok $? "the guest runs Linux 6.12"
for f in gup_test kpageflags thp mthp ksm zram hwpoison_inject \
	memory_failure; do
	grep -qx "mmsim-guest: $f yes" "$tmp/out"
	ok $? "the guest has $f"
done
# UFFD_FEATURE_WP_UNPOPULATED is 1 << 16 (6.7+).
features=$(sed -n 's/^mmsim-guest: uffd-features //p' "$tmp/out")
[ -n "$features" ] && [ $((features & (1 << 16))) -ne 0 ]
ok $? "userfaultfd offers WP_UNPOPULATED ($features)"
! pgrep -f "qemu-system-x86_64.*$tmp" >/dev/null
ok $? "no QEMU is left"
done_testing
