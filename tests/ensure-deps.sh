#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Installs the Debian packages a make target needs when they are missing
# and we are root; otherwise says exactly what to install, and fails.
#   tests/ensure-deps.sh build   what building mmsim needs (make, make demo)
#   tests/ensure-deps.sh check   that, and what make check needs
#   tests/ensure-deps.sh vm      what make vm-kernels needs: QEMU, the
#                                kernel source and its build tools
set -u
what=${1:-check}
missing=""
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
# The kernel backend's io_uring pins (host/kernel-pins.c, link -luring).
[ -f /usr/include/liburing.h ] || missing="$missing liburing-dev"
if [ "$what" = check ]; then
	[ -f /usr/include/cmocka.h ] || missing="$missing libcmocka-dev"
	command -v prove >/dev/null 2>&1 || missing="$missing perl"
	# Only installed when we are root; without them their tests are
	# skipped, not failed: make check's short fuzz (clang with
	# libFuzzer), the installed tree's pkg-config and man pages.
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		command -v clang >/dev/null 2>&1 || missing="$missing clang"
		ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a \
			>/dev/null 2>&1 || missing="$missing libclang-rt-14-dev"
		command -v pkg-config >/dev/null 2>&1 ||
			missing="$missing pkg-config"
		command -v man >/dev/null 2>&1 || missing="$missing man-db"
	fi
fi
if [ "$what" = vm ]; then
	command -v qemu-system-x86_64 >/dev/null 2>&1 ||
		missing="$missing qemu-system-x86"
	[ -f /usr/src/linux-source-6.12.tar.xz ] ||
		missing="$missing linux-source-6.12"
	for t in bc flex bison cpio xz; do
		command -v $t >/dev/null 2>&1 || missing="$missing $t"
	done
	missing=$(echo "$missing" | sed 's/ xz/ xz-utils/')
	[ -f /usr/include/libelf.h ] || missing="$missing libelf-dev"
	[ -f /usr/include/openssl/ssl.h ] || missing="$missing libssl-dev"
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "make: installing$missing" >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y $missing >&2 ||
		{ apt-get update >&2 &&
		  DEBIAN_FRONTEND=noninteractive apt-get install -y $missing >&2; } ||
		exit 1
	exit 0
fi
echo "make $what needs:$missing" >&2
echo "install them with: sudo apt-get install$missing" >&2
exit 1
