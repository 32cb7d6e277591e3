# SPDX-License-Identifier: GPL-2.0-only
# The shell library of the CLI tests (tests/cli/*.sh), sourced first:
#
#   . "$(dirname "$0")/lib.sh"
#
# It sets $mmsim (from MMSIM, default ./mmsim) and $tmp (a fresh directory,
# removed at exit), and provides TAP output with the plan at the end:
#
#   ok STATUS DESCRIPTION   a point that passes if STATUS is 0; a failing
#                           point prints $tmp/out (if any) as diagnostics
#                           unless quiet_fail=1
#   skip_all REASON         the whole file is skipped (1..0 # SKIP); exits
#   needs_kernel_backend    skip_all unless root on Linux with kpageflags
#   needs_vm                that, and what --target vm:6.12 needs
#   when_finished CMD       run CMD at exit, last registered first (as
#                           git's test_when_finished), even on failure
#   done_testing            print the plan 1..N; last line of every test
#
# and, for the kernel backend's tests, agent bookkeeping: agent_tag NAME
# tags the agents of every mmsim started from now on (MMSIM_CLEANUP_TAG in
# their environment), agents lists the tagged agents still alive, and
# none_left waits up to 5 s for them (and the pids in $seen) to be gone.
set -u
mmsim=${MMSIM:-./mmsim}
n=0
quiet_fail=0
_lib_finish=""
tmp=$(mktemp -d)

_lib_exit() {
	eval "$_lib_finish"
	rm -rf "$tmp"
}
trap _lib_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

when_finished() {
	_lib_finish="$*
$_lib_finish"
}

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
		return 0
	fi
	echo "not ok $n - $2"
	if [ "$quiet_fail" = 0 ] && [ -s "$tmp/out" ]; then
		head -20 "$tmp/out" | sed 's/^/# /'
	fi
	return 1
}

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

needs_kernel_backend() {
	if [ "$(id -u)" != 0 ] || ! [ -r /proc/kpageflags ]; then
		skip_all "the kernel backend needs root on Linux"
	fi
}

# The vm:6.12 target's needs (docs/vm.md): root, QEMU, the cached test
# kernel and the static mmsim beside $mmsim; skip_all otherwise.
needs_vm() {
	needs_kernel_backend
	command -v qemu-system-x86_64 >/dev/null ||
		skip_all "no QEMU (apt-get install qemu-system-x86)"
	vm/build-kernel --cached 6.12 >/dev/null 2>&1 ||
		skip_all "the vm:6.12 kernel is not built yet (vm/build-kernel 6.12)"
	[ -x "$(dirname "$(readlink -f "$mmsim")")/mmsim-static" ] ||
		skip_all "no static mmsim beside $mmsim"
}

done_testing() {
	echo "1..$n"
}

agent_tag() {
	agent_tag_value=$1
	export MMSIM_CLEANUP_TAG="$1"
}

# Shell builtins only until a comm matches: the scan must be fast on a
# busy machine.  Zombies count: they are not reaped yet.
agents() {
	for d in /proc/[0-9]*; do
		c=
		{ read -r c <"$d/comm"; } 2>/dev/null
		[ "$c" = mmsim-agent ] || continue
		if { tr '\0' '\n' <"$d/environ"; } 2>/dev/null |
			grep -qx "MMSIM_CLEANUP_TAG=$agent_tag_value"; then
			echo "${d#/proc/}"
		fi
	done
}

# The pids in $seen (agents a test saw earlier) that still exist, zombies
# included: a zombie's environment no longer carries the tag.
seen_left() {
	for _p in ${seen:-}; do
		[ -d "/proc/$_p" ] && echo "$_p"
	done
}

none_left() {
	_i=0
	while [ $_i -lt 50 ]; do
		[ -z "$(agents)$(seen_left)" ] && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	echo "# agents left: $(agents) $(seen_left)"
	return 1
}

# Tests that change the machine's swap, zram or KSM state outside mmsim
# (victims, forged records), or compare it before and after, run one at
# a time across every checkout on the machine: each holds this lock for
# its whole run.  mmsim's own lock only covers one mmsim's scenario.
machine_tests_exclusive() {
	exec 9>>/run/mmsim-tests.lock
	if ! flock -w 900 9; then
		skip_all "another checkout's machine tests held /run/mmsim-tests.lock for 900 s"
	fi
}

# What a scenario on the kernel backend may change on the machine: the
# swap devices on, every writable KSM setting, the zram devices, mmsim's
# state files (/run/mmsim, /var/lib/mmsim).  Taken under mmsim's lock,
# which a mmsim holds while its swap or KSM state is in place.
machine() {
	flock /run/mmsim/lock sh -c '
		tail -n +2 /proc/swaps | awk "{ print \$1, \$2, \$5 }"
		for f in $(find /sys/kernel/mm/ksm -maxdepth 1 -type f \
			-perm -u+w | sort); do
			echo "$f=$(cat "$f")"
		done
		ls /sys/block | grep zram
		echo "page-cluster=$(cat /proc/sys/vm/page-cluster)"
		ls -A /run/mmsim /var/lib/mmsim | grep -v "^lock$"' 2>&1
}

# Whether the machine is as in $tmp/before (taken with machine); if not,
# say how it differs after $1.
same_machine() {
	machine >"$tmp/after"
	if cmp -s "$tmp/before" "$tmp/after"; then
		return 0
	fi
	# On stderr, so that prove shows it without -v.
	echo "# machine state differs after $1:" >&2
	diff "$tmp/before" "$tmp/after" | sed 's/^/#   /' >&2
	return 1
}
