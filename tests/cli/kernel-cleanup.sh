#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The kernel backend leaves nothing behind: after a normal run, a run
# killed by SIGINT, SIGTERM or SIGKILL, and a run whose agent hangs past
# the time limit, no agent process remains (agents are found by their comm
# "mmsim-agent" and a tag in their environment, so that agents of other
# mmsim runs on this machine do not count), and a run of many files does
# not leak fds (it would hit a low RLIMIT_NOFILE).  The machine's swap
# devices and KSM settings are as before after a swap and KSM scenario,
# run to its end or killed by SIGINT or SIGTERM (swap file and zram
# device), max_page_sharing included, which the kernel changes only while
# no KSM page exists (mmsim writes run=2 first); after a SIGKILL the next
# mmsim restores them.  So is vm.page-cluster, which a swap scenario sets
# to the model's 3: the test runs with it at 2, put back at the end.
. "$(dirname "$0")/lib.sh"
quiet_fail=1
needs_kernel_backend
machine_tests_exclusive
agent_tag mmsim-cleanup-$$
tag=$agent_tag_value
seen=""

# Wait up to 5 s for a running agent of ours; stop them all (SIGSTOP) so
# that mmsim is blocked mid-scenario, waiting for an answer.
stop_agents() {
	i=0
	while [ $i -lt 500 ]; do
		seen=$(agents)
		if [ -n "$seen" ]; then
			kill -STOP $seen 2>/dev/null
			return 0
		fi
		sleep 0.01
		i=$((i + 1))
	done
	return 1
}

# Start mmsim on long.mms in the background ($pid, time limit $1 s) and
# stop its agents while it runs, so that it is blocked mid-scenario waiting
# for an answer.  Tried again if the run ended before that (the output
# file gets its "1.." line when mmsim exits).
start_stopped() {
	tries=0
	while [ $tries -lt 5 ]; do
		MMSIM_KERNEL_TIMEOUT=$1 "$mmsim" run --backend kernel \
			"$tmp/long.mms" >"$tmp/out" 2>&1 &
		pid=$!
		if stop_agents && ! grep -q '^1\.\.' "$tmp/out"; then
			return 0
		fi
		kill -CONT $seen 2>/dev/null
		wait $pid 2>/dev/null
		tries=$((tries + 1))
	done
	return 1
}

# A long scenario with forks and both kinds of pins held.
{
	echo "title a long scenario for the cleanup test"
	echo "requires iouring vmsplice"
	echo "mmap p0 A 4"
	echo "write p0 A[0] 1"
	echo "fork p0 c1"
	echo "fork p0 c2"
	echo "pin h c1 A[0] ro get"
	echo "pin r p0 A[3] rw pin longterm"
	i=0
	while [ $i -lt 20000 ]; do
		echo "write p0 A[1] $i"
		echo "read c2 A[2]"
		i=$((i + 1))
	done
	echo "expect h == 1"
	echo "unpin h"
	echo "unpin r"
} >"$tmp/long.mms"

"$mmsim" run --backend kernel "$tmp/long.mms" >"$tmp/out" 2>&1
ok $? "a long scenario with pins runs on the kernel"
none_left
ok $? "no agent is left after a normal run"

# 100 files with pins in one run, under a limit of 64 fds.
set --
i=0
while [ $i -lt 25 ]; do
	set -- "$@" tests/scenarios/5009-exit-pins-survive.mms \
		tests/scenarios/6008-cow-a8-fork-with-iouring-fixed-buffer.mms \
		tests/scenarios/3017-gup-get-before-fork-shares.mms \
		tests/scenarios/6003-cow-a3-vmsplice-unmap-in-child.mms
	i=$((i + 1))
done
(ulimit -n 64 && "$mmsim" run --backend kernel "$@") >"$tmp/out" 2>&1
ok $? "100 files with pins run under a limit of 64 fds (no fd leak)"

for sig in INT TERM KILL; do
	start_stopped 60
	kill -"$sig" $pid
	wait $pid 2>/dev/null
	rc=$?
	case $sig in
	INT) want=130 ;;
	TERM) want=143 ;;
	KILL) want=137 ;;
	esac
	[ $rc -eq $want ]
	ok $? "SIG$sig mid-scenario kills mmsim (exit $rc, want $want)"
	[ $rc -eq $want ] || tail -3 "$tmp/out" | sed 's/^/# /'
	none_left
	ok $? "no agent is left after SIG$sig"
done

# An agent that does not answer: the file fails at the time limit.
start_stopped 2
wait $pid 2>/dev/null
rc=$?
if [ $rc -eq 1 ] && grep -q "did not answer" "$tmp/out" && none_left; then
	ok 0 "a hung agent fails the file at the time limit, nothing left"
else
	ok 1 "a hung agent fails the file at the time limit (exit $rc)"
	sed 's/^/# /' "$tmp/out" | tail -5
fi

# An agent killed from outside: its next statement fails with SIGKILL,
# mmsim goes on to the end of the file, and nothing is left.
start_stopped 60
kill -KILL $seen
wait $pid 2>/dev/null
rc=$?
if [ $rc -eq 1 ] && grep -q "failed: SIGKILL" "$tmp/out" &&
	grep -q "^1\.\." "$tmp/out" && none_left; then
	ok 0 "a killed agent fails its statement, the run ends, nothing left"
else
	ok 1 "a killed agent fails its statement, the run ends (exit $rc)"
	grep -m5 "not ok" "$tmp/out" | sed 's/^/# /'
fi

# Wait up to 5 s for mmsim $pid to have its swap device and KSM settings
# in place (its state files exist), where it makes them.
wait_state() { # pid, state file (/var/lib/mmsim/swap or /run/mmsim/zram)
	i=0
	while [ $i -lt 500 ]; do
		if { [ -n "$own_swap" ] || [ -e "$2.$1" ]; } &&
			{ [ "$ksm_run" = 1 ] || [ -e "/run/mmsim/ksm.$1" ]; }; then
			return 0
		fi
		sleep 0.01
		i=$((i + 1))
	done
	return 1
}

long_swap() { # swapdev line
	echo "title swap and KSM held for the cleanup test"
	echo "requires swap ksm"
	echo "$1"
	echo "ksm-max-page-sharing 3"
	echo "mmap p0 A 4"
	echo "write p0 A[0] 0x1111"
	echo "write p0 A[1] 0x1111"
	echo "write p0 A[2] 0x2222"
	echo "madvise p0 A mergeable"
	echo "ksm"
	echo "expect p0 A[0] ksm"
	echo "swapout p0 A[2]"
	echo "expect p0 A[2] swapped"
	i=0
	while [ $i -lt 50000 ]; do
		echo "write p0 A[3] $i"
		i=$((i + 1))
	done
}
long_swap "swapdev file" >"$tmp/file.mms"
long_swap "swapdev sync" >"$tmp/zram.mms"
head -14 "$tmp/file.mms" >"$tmp/short.mms"

own_swap=$(tail -n +2 /proc/swaps)
ksm_run=$(cat /sys/kernel/mm/ksm/run)
page_cluster=$(cat /proc/sys/vm/page-cluster)
flock /run/mmsim/lock sh -c 'echo 2 >/proc/sys/vm/page-cluster'
when_finished "flock /run/mmsim/lock sh -c \
	'echo $page_cluster >/proc/sys/vm/page-cluster'"
# The first kernel run cleans what earlier mmsim runs may have left.
"$mmsim" run --backend kernel tests/scenarios/0005-basics-readme-tour.mms \
	>/dev/null 2>&1
machine >"$tmp/before"

"$mmsim" run --backend kernel "$tmp/short.mms" >"$tmp/out" 2>&1
rc=$?
[ $rc -eq 0 ] && grep -q "^ok 2 - 13: expect p0 A\[2\] swapped" "$tmp/out"
ok $? "a swap and KSM scenario runs on the kernel (exit $rc)"
[ $? -eq 0 ] || sed 's/^/# /' "$tmp/out"
same_machine "a normal run"
ok $? "swap devices and KSM settings are as before after a normal run"

for run in "INT file /var/lib/mmsim/swap 130" \
	"TERM file /var/lib/mmsim/swap 143" "INT zram /run/mmsim/zram 130"; do
	set -- $run
	"$mmsim" run --backend kernel "$tmp/$2.mms" >"$tmp/out" 2>&1 &
	pid=$!
	wait_state $pid $3
	ready=$?
	kill -"$1" $pid
	wait $pid 2>/dev/null
	rc=$?
	[ $ready -eq 0 ] && [ $rc -eq "$4" ]
	ok $? "SIG$1 with a $2 swap device and KSM in place (exit $rc)"
	same_machine "SIG$1"
	ok $? "SIG$1: swap devices and KSM settings are as before"
done

"$mmsim" run --backend kernel "$tmp/file.mms" >"$tmp/out" 2>&1 &
pid=$!
wait_state $pid /var/lib/mmsim/swap
ready=$?
kill -KILL $pid
wait $pid 2>/dev/null
rc=$?
[ $ready -eq 0 ] && [ $rc -eq 137 ] && ! same_machine "SIGKILL" 2>/dev/null
ok $? "SIGKILL leaves the swap device and KSM settings (exit $rc)"
none_left
ok $? "no agent is left after SIGKILL"
"$mmsim" run --backend kernel tests/scenarios/0005-basics-readme-tour.mms \
	>/dev/null 2>&1
same_machine "SIGKILL and another run"
ok $? "the next mmsim restores what a SIGKILL left"
done_testing
