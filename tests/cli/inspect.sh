#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# mmsim inspect on a live process (tests/inspect-target.c): written pages
# are anon_exclusive before fork, in neither process after fork (one page
# mapped twice), and exclusive again in the parent after its write (a COW
# copy: a new page), while the child's page stays not exclusive although
# it is mapped once now.  Every page's anon_exclusive agrees with bit 34 of
# /proc/kpageflags for its PFN, the positional string has page-types'
# columns, the summary counts, a range restricts, bad arguments are
# refused with exit 2, and without root it says why (exit 1).
. "$(dirname "$0")/lib.sh"
quiet_fail=1
if [ "$(id -u)" != 0 ] || ! [ -r /proc/kpageflags ]; then
	skip_all "mmsim inspect needs root (PFNs, /proc/kpageflags)"
fi
bindir=$(dirname "$(readlink -f "$mmsim")")
target=$bindir/tests/inspect-target
[ -x "$target" ] || skip_all "$target is not built (make check builds it)"
tpid=
when_finished '[ -n "$tpid" ] && kill "$tpid" 2>/dev/null; exec 3>&- 2>/dev/null'

# Wait up to 5 s for line $1 of the target's output; print it.
reply() {
	i=0
	while [ $i -lt 500 ]; do
		l=$(sed -n "${1}p" "$tmp/tout")
		if [ -n "$l" ]; then
			echo "$l"
			return 0
		fi
		sleep 0.01
		i=$((i + 1))
	done
	return 1
}

# mmsim inspect of $1 over the target's 4 pages into $tmp/$2.
inspect() {
	"$mmsim" inspect "$1" "$addr-$end" >"$tmp/$2" 2>&1
}

# The page lines of an inspect output: address map-cnt offset flags names.
pages() {
	grep -E '^[0-9a-f]+	' "$tmp/$1"
}

# Bit 34 (PG_owner_2: PG_anon_exclusive of an anon page) of PFN $1 (hex).
kpf34() {
	v=$(dd if=/proc/kpageflags bs=8 skip=$((0x$1)) count=1 2>/dev/null |
		od -An -tu8 | tr -d ' ')
	echo $(((v >> 34) & 1))
}

# Every listed page of output $1 says anon_exclusive ($2 = 1) or not
# ($2 = 0), in the long names and in column 38 of the symbols (page-types'
# column of bit 47), and so does bit 34 of /proc/kpageflags.
all_exclusive() {
	[ "$(pages "$1" | wc -l)" -eq 4 ] || return 1
	pages "$1" >"$tmp/lines"
	while IFS='	' read -r a c o f names; do
		e=0
		case ",$names," in *,anon_exclusive,*) e=1 ;; esac
		[ $e -eq "$2" ] || return 1
		s=$(printf '%s' "$f" | cut -c38)
		if [ "$2" -eq 1 ]; then [ "$s" = d ] || return 1; fi
		if [ "$2" -eq 0 ]; then [ "$s" = _ ] || return 1; fi
		[ "$(kpf34 "$o")" -eq "$2" ] || return 1
		[ ${#f} -eq 44 ] || return 1
	done <"$tmp/lines"
	return 0
}

# Field $3 (exclusive 4, shared 5, ...) of the summary of VMA line of $1
# that starts at $addr.
summary() {
	awk -v a="$addr" '$1 ~ "^"a"-" { print $'"$2"' }' "$tmp/$1"
}

# One field of the page line at $addr + $2 pages in output $1.
field() { # output, page, field number
	a=$(printf '%x' $((0x$addr + $2 * 4096)))
	pages "$1" | awk -F'	' -v a="$a" '$1 == a { print $'"$3"' }'
}


mkfifo "$tmp/tin"
"$target" 4 <"$tmp/tin" >"$tmp/tout" &
tpid=$!
exec 3>"$tmp/tin"
set -- $(reply 1)
pid=$2 addr=$3
end=$(printf '%x' $((0x$addr + 4 * 4096)))

inspect "$pid" before
all_exclusive before 1
ok $? "before fork: 4 written pages, anon_exclusive, as kpageflags bit 34"
[ "$(summary before 4)" = 4 ] && [ "$(summary before 5)" = 0 ]
ok $? "before fork: the VMA summary counts 4 exclusive, 0 shared"
# lru (l) may still be 0: a page just faulted in can sit in a per-CPU
# LRU batch (docs/kernel-observations.md obs.lru-bit-lags).
[ "$(field before 0 2)" = 1 ] &&
	field before 0 4 | grep -q '^___U_[l_]_____Ma_b__' &&
	field before 0 5 | grep -q 'anonymous,swapbacked'
ok $? "page-types' symbols and long names, map-cnt 1"
pfn0=$(field before 0 3)

echo fork >&3
set -- $(reply 2)
child=$2
inspect "$pid" parent
inspect "$child" child
all_exclusive parent 0
ok $? "after fork: the parent's pages are not anon_exclusive (bit 34 clear)"
all_exclusive child 0
ok $? "after fork: the child's pages are not anon_exclusive (bit 34 clear)"
[ "$(field child 0 3)" = "$pfn0" ] && [ "$(field parent 0 2)" = 2 ]
ok $? "after fork: both map the same page, map-cnt 2"
[ "$(summary parent 4)" = 0 ] && [ "$(summary parent 5)" = 4 ]
ok $? "after fork: the summary counts 0 exclusive, 4 shared"

echo "write 0" >&3
reply 3 >/dev/null
inspect "$pid" written
inspect "$child" child2
o=$(field written 0 3)
[ "$o" != "$pfn0" ] && [ "$(kpf34 "$o")" = 1 ] &&
	field written 0 5 | grep -q 'anon_exclusive' &&
	[ "$(field written 0 2)" = 1 ]
ok $? "after the parent's write: a new page, anon_exclusive, bit 34 set"
[ "$(field child2 0 3)" = "$pfn0" ] && [ "$(kpf34 "$pfn0")" = 0 ] &&
	! field child2 0 5 | grep -q 'anon_exclusive' &&
	field child2 0 5 | grep -q 'mmap_exclusive'
ok $? "the child's page: mapped once (mmap_exclusive), not anon_exclusive"
[ "$(summary written 4)" = 1 ] && [ "$(summary written 5)" = 3 ]
ok $? "after the parent's write: the summary counts 1 exclusive, 3 shared"

one=$(printf '%x' $((0x$addr + 4096)))
two=$(printf '%x' $((0x$addr + 8192)))
"$mmsim" inspect "$pid" "0x$one-0x$two" >"$tmp/one" 2>&1
[ "$(pages one | wc -l)" -eq 1 ] && pages one | grep -q "^$one	"
ok $? "a range START-END lists the pages of that range only"

"$mmsim" inspect >"$tmp/out" 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q '^usage: mmsim inspect PID' "$tmp/out"
ok $? "no PID: usage, exit 2 (exit $rc)"
"$mmsim" inspect 12x >"$tmp/out" 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q "^mmsim inspect: '12x' is not a process id" "$tmp/out"
ok $? "a bad PID: exit 2 (exit $rc)"
"$mmsim" inspect "$pid" 5000-1000 >"$tmp/out" 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q "^mmsim inspect: '5000-1000' is not a range" "$tmp/out"
ok $? "a bad range: exit 2 (exit $rc)"
echo quit >&3
wait "$tpid"
tpid=
"$mmsim" inspect "$pid" >"$tmp/out" 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q "^mmsim inspect: no process $pid" "$tmp/out"
ok $? "a process that is gone: exit 2 (exit $rc)"
if command -v setpriv >/dev/null 2>&1; then
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$(readlink -f "$mmsim")" inspect $$ >"$tmp/out" 2>&1
	rc=$?
	[ $rc -eq 1 ] && grep -q "^mmsim inspect: needs root" "$tmp/out"
	ok $? "not root: says it needs root, exit 1 (exit $rc)"
else
	n=$((n + 1))
	echo "ok $n - not root # SKIP no setpriv to drop root"
fi
done_testing
