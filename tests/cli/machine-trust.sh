#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# mmsim runs as root on a shared machine: no file another user could make
# steers it, and a SIGKILL at any step of making its machine state leaves
# nothing the next run cannot undo.
#
# Each attack plants something (as nobody with setpriv where a user could,
# or as root with another owner where only a compromise could), runs a
# swap + KSM scenario on the kernel, and checks that the machine's swap
# devices, zram devices and KSM settings are as before, that the victim
# (a zram device and a swap file of the test's own) is untouched, and that
# the planted file is left alone.  Positive controls show that a genuine
# record is acted on, so that a refusal is not just a broken cleanup.
. "$(dirname "$0")/lib.sh"
quiet_fail=1
needs_kernel_backend
machine_tests_exclusive
if ! [ -w /sys/class/zram-control/hot_add ] || ! [ -d /sys/kernel/mm/ksm ] ||
	! command -v setpriv >/dev/null; then
	skip_all "needs zram, KSM and setpriv"
fi
run_dir=/run/mmsim
swap_dir=/var/lib/mmsim
boot=$(cat /proc/sys/kernel/random/boot_id)
# On a disk file system: the victim swap file lives here.
rm -rf "$tmp"
tmp=$(mktemp -d /var/tmp/mmsim-trust-test.XXXXXX)
victim_id=
victim_swap=
ksm_sleep=$(cat /sys/kernel/mm/ksm/sleep_millisecs)

cleanup() {
	[ -n "$victim_swap" ] && swapoff "$victim_swap" 2>/dev/null
	if [ -n "$victim_id" ] && [ -e "/sys/block/zram$victim_id" ]; then
		swapoff "/dev/zram$victim_id" 2>/dev/null
		echo 1 >"/sys/block/zram$victim_id/reset"
		echo "$victim_id" >/sys/class/zram-control/hot_remove
	fi
	if [ -L "$run_dir/lock" ] && [ -e "$tmp/lock" ]; then
		rm -f "$run_dir/lock"
		mv "$tmp/lock" "$run_dir/lock"
	fi
	[ -n "$ksm_sleep" ] &&
		echo "$ksm_sleep" >/sys/kernel/mm/ksm/sleep_millisecs
	rm -f /var/tmp/mmsim-zram.9999? /var/tmp/mmsim-ksm.9999? \
		/var/tmp/mmsim-swap.9999? "$run_dir"/*.9999? \
		"$swap_dir"/*.9999?
}
when_finished cleanup

# Agents of this test's runs carry this tag in their environment.
agent_tag mmsim-trust-$$

cat >"$tmp/zram.mms" <<'EOF'
title swap on zram and KSM, for the trust test
requires swap ksm
swapdev sync
mmap p0 A 4
write p0 A[0] 0x1111
write p0 A[1] 0x1111
write p0 A[2] 0x2222
madvise p0 A mergeable
ksm
expect p0 A[0] ksm
swapout p0 A[2]
expect p0 A[2] swapped
EOF
sed 's/^swapdev sync/swapdev file/' "$tmp/zram.mms" >"$tmp/file.mms"

run() { # scenario -> $rc, $tmp/out, $tmp/err
	timeout 120 "$mmsim" run --backend kernel "$tmp/$1.mms" \
		>"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# The first run cleans what earlier runs may have left.
run zram
ok $rc "a swap-on-zram and KSM scenario runs on the kernel (exit $rc)"
[ $rc -eq 0 ] || sed 's/^/# /' "$tmp/out" "$tmp/err"
stat -c '%U %a %F' "$run_dir" "$swap_dir" >"$tmp/dirs"
printf 'root 700 directory\nroot 700 directory\n' | cmp -s - "$tmp/dirs"
ok $? "mmsim keeps its state in root's directories of mode 0700"

# The victims: a configured zram device and a swap file of the test's.
victim_id=$(cat /sys/class/zram-control/hot_add)
echo 16M >"/sys/block/zram$victim_id/disksize"
victim_swap=$tmp/victim.swap
dd if=/dev/zero of="$victim_swap" bs=1M count=16 status=none
chmod 600 "$victim_swap"
mkswap "$victim_swap" >/dev/null 2>&1 &&
	swapon -p 0 "$victim_swap" 2>/dev/null
ok $? "the victims are made: zram$victim_id and a swap file"
echo 11 >"$tmp/ksm-victim"
victims() {
	{ [ -z "$victim_swap" ] || grep -q "^$victim_swap " /proc/swaps; } &&
		[ "$(cat "/sys/block/zram$victim_id/disksize")" = 16777216 ]
}
machine >"$tmp/before"

# 1. The old /var/tmp names, planted by an unprivileged user.
as_nobody() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
}
as_nobody sh -c "echo $victim_id >/var/tmp/mmsim-zram.99991"
as_nobody sh -c 'printf "/sys/kernel/mm/ksm/pages_to_scan 11\n" \
	>/var/tmp/mmsim-ksm.99992'
as_nobody ln -s "$victim_swap" /var/tmp/mmsim-swap.99993
as_nobody mkfifo /var/tmp/mmsim-ksm.99994
run zram
[ $rc -eq 0 ] && victims && same_machine "files planted in /var/tmp"
ok $? "files nobody plants in /var/tmp steer nothing (exit $rc)"

# 2. Nobody cannot plant anything in mmsim's directories.
for d in "$run_dir" "$swap_dir"; do
	! as_nobody sh -c "echo 1 >$d/zram.99995" 2>/dev/null &&
		! [ -e "$d/zram.99995" ]
	ok $? "nobody cannot create files in $d"
done

# 3. Files of another owner, symlinks, FIFOs, hard links and loose modes
#    in mmsim's directories, as only a compromise could make them.
plant() { # path, owner, mode, content
	printf "$4" >"$1"
	chown "$2" "$1"
	chmod "$3" "$1"
}
plant "$run_dir/zram.99991" nobody 600 "boot $boot\nzram $victim_id\n"
plant "$run_dir/ksm.99992" nobody 600 "boot $boot\nksm pages_to_scan 11\n"
plant "$run_dir/zram.99993" root 644 "boot $boot\nzram $victim_id\n"
plant "$tmp/linked" root 600 "boot $boot\nzram $victim_id\n"
ln "$tmp/linked" "$run_dir/zram.99994"
ln -s "$tmp/linked" "$run_dir/zram.99995"
ln -s "$victim_swap" "$swap_dir/swap.99996"
mkfifo -m 600 "$run_dir/ksm.99997"
machine >"$tmp/before"
run zram
[ $rc -eq 0 ] && victims && same_machine "files planted in $run_dir"
ok $? "untrusted files in mmsim's directories steer nothing (exit $rc)"
left=0
for f in zram.99991 ksm.99992 zram.99993 zram.99994 zram.99995 ksm.99997; do
	[ -e "$run_dir/$f" ] || [ -L "$run_dir/$f" ] || left=1
done
[ -L "$swap_dir/swap.99996" ] || left=1
ok $left "untrusted files are left alone"
c=$(grep -c "^mmsim: refusing" "$tmp/err")
[ "$c" -eq 7 ]
ok $? "each untrusted file is refused with a message ($c of 7)"
[ $? -eq 0 ] || sed 's/^/# /' "$tmp/err"
rm -f "$run_dir"/*.9999? "$swap_dir"/*.9999?
machine >"$tmp/before"

# 4. Genuine records of a dead mmsim are undone: a KSM setting written
#    back, a zram device of this boot removed; another boot's record and
#    names or values mmsim never writes are dropped unused.
old=$(cat /sys/kernel/mm/ksm/sleep_millisecs)
echo 7 >/sys/kernel/mm/ksm/sleep_millisecs
plant "$run_dir/ksm.99991" root 600 \
	"boot $boot\nksm sleep_millisecs $old\nksm merge_across_nodes 0\nksm ../../../proc/sys/vm/swappiness 1\nksm pages_to_scan 1;reboot\n"
dead=$(cat /sys/class/zram-control/hot_add)
echo 16M >"/sys/block/zram$dead/disksize"
plant "$run_dir/zram.99992" root 600 "boot $boot\nzram $dead\n"
plant "$run_dir/zram.99993" root 600 "boot 0-other-boot\nzram $victim_id\n"
run zram
[ $rc -eq 0 ] && victims && same_machine "genuine records"
ok $? "a dead mmsim's records are undone, another boot's dropped (exit $rc)"

# 5. A badly made lock or directory is refused, said, and left alone.
mv "$run_dir/lock" "$tmp/lock"
ln -s "$tmp/lock" "$run_dir/lock"
run zram
[ $rc -ne 0 ] && [ -L "$run_dir/lock" ] &&
	grep -q "refusing $run_dir/lock" "$tmp/out" "$tmp/err"
ok $? "a symlink at the lock is refused (exit $rc)"
rm -f "$run_dir/lock"
mv "$tmp/lock" "$run_dir/lock"
bad=$tmp/bad-run-dir
for how in "nobody 700" "root 755" "symlink"; do
	rm -rf "$bad" "$bad.real"
	case $how in
	symlink) mkdir -m 700 "$bad.real" && ln -s "$bad.real" "$bad" ;;
	*) mkdir "$bad" && chown "${how% *}" "$bad" && chmod "${how#* }" "$bad" ;;
	esac
	export MMSIM_RUN_DIR="$bad"
	run file
	unset MMSIM_RUN_DIR
	[ $rc -ne 0 ] && grep -q "$bad" "$tmp/out" "$tmp/err" &&
		[ -z "$(ls -A "$bad")" ] && same_machine "a bad run dir"
	ok $? "a run directory of $how is refused and left alone (exit $rc)"
done

# 6. SIGKILL at every step of making the swap device and KSM settings:
#    the next run puts the machine back as it was.  Without the victim
#    swap file: mmsim makes a swap file only when the machine has none.
swapoff "$victim_swap"
victim_swap=
machine >"$tmp/before"
steps="swapfile-created:file mkswap:file swapon:file zram-recorded:zram
	zram-added:zram zram-known:zram disksize:zram mkswap:zram swapon:zram
	ksm-recorded:zram ksm-set:zram ksm-run:zram"
for step in $steps; do
	export MMSIM_CRASH_AT="${step%:*}"
	run "${step#*:}"
	killed=$rc
	unset MMSIM_CRASH_AT
	run zram
	[ $killed -eq 137 ] && [ $rc -eq 0 ] && victims &&
		same_machine "SIGKILL at $step"
	ok $? "SIGKILL at $step: the next run restores the machine"
done

# 6b. SIGINT and SIGTERM at every step: mmsim's handler puts the machine
#     back before mmsim dies, with no next run.  At mkswap, mmsim has the
#     new zram device open, and zram refuses to reset an open device.
for step in $steps; do
	for sig in INT TERM; do
		export MMSIM_CRASH_AT="${step%:*}:$sig"
		run "${step#*:}"
		unset MMSIM_CRASH_AT
		case $sig in INT) want=130 ;; TERM) want=143 ;; esac
		[ $rc -eq $want ] && victims && same_machine "SIG$sig at $step"
		ok $? "SIG$sig at $step: the machine is as before at once (exit $rc)"
		run zram
	done
done

# 6c. SIGINT and SIGTERM the moment a state file appears (inotify, so
#     that the signal lands between the file's creation and anything mmsim
#     does next): the handler knows of every file it finds made.
soc=$(dirname "$(readlink -f "$mmsim")")/tests/signal-on-create
abs_mmsim=$(readlink -f "$mmsim")
for spec in "$run_dir zram zram" "$swap_dir swap file" "$run_dir ksm zram"; do
	set -- $spec
	for sig in INT TERM; do
		if ! [ -x "$soc" ]; then
			echo "ok $((n += 1)) # SKIP $soc is not built (make check builds it)"
			continue
		fi
		bad=0
		i=0
		while [ $i -lt 5 ]; do
			got=$("$soc" "$1" "$2" $sig -- "$abs_mmsim" run \
				--backend kernel "$tmp/$3.mms" 2>/dev/null)
			if ! { [ "$got" = signalled ] && victims &&
				same_machine "SIG$sig at $2.PID"; }; then
				bad=$((bad + 1))
				run zram
			fi
			i=$((i + 1))
		done
		ok $bad "SIG$sig the moment $2.PID is made, 5 times: the machine is as before at once"
	done
done

# 7. SIGKILL at moments no hook chose.
bad=0
for ms in 0 5 10 20 40 60 80 120 160 200 300 500; do
	"$mmsim" run --backend kernel "$tmp/zram.mms" >/dev/null 2>&1 &
	pid=$!
	sleep "$(echo "$ms" | awk '{ printf "%.3f", $1 / 1000 }')"
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	run zram
	if ! { [ $rc -eq 0 ] && victims && same_machine "SIGKILL at $ms ms"; }
	then
		bad=$((bad + 1))
	fi
done
ok $bad "SIGKILL at 12 moments: the next run restores the machine each time"
none_left
ok $? "no agent of a killed mmsim is left"
done_testing
