#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Installs what `make check` needs on Debian when it is missing and we are
# root; otherwise says exactly what to install.
set -u
missing=""
[ -f /usr/include/cmocka.h ] || missing="$missing libcmocka-dev"
command -v prove >/dev/null 2>&1 || missing="$missing perl"
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
# The kernel backend's io_uring pins (host/kernel-pins.c, link -luring).
[ -f /usr/include/liburing.h ] || missing="$missing liburing-dev"
# make check's short fuzz (make fuzz-check): clang with libFuzzer.  Only
# installed when we are root; without them the fuzz is skipped, not failed.
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	command -v clang >/dev/null 2>&1 || missing="$missing clang"
	ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a \
		>/dev/null 2>&1 || missing="$missing libclang-rt-14-dev"
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "make check: installing$missing" >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y $missing >&2 ||
		{ apt-get update >&2 &&
		  DEBIAN_FRONTEND=noninteractive apt-get install -y $missing >&2; } ||
		exit 1
	exit 0
fi
echo "make check needs:$missing" >&2
echo "install them with: sudo apt-get install$missing" >&2
exit 1
