#!/bin/sh
# A full disk (issue 9, section 1): the server survives it.
#
# The home lives on a small ext4 file system in a file, mounted through a
# loop device (made here: root only; the test says so and skips where it
# cannot).  A ballast file takes most of the room, so that a few imports
# of 500 customers each fill the rest.
#
# 1. No reserve (disk_reserve = 0): imports until the disk is full.  Each
#    refused import exits 75 and says the disk is full and nothing was
#    saved; the server (the same pid) goes on; reads and status work.
#    The ballast goes: writes resume, every acknowledged row is there and
#    kontor check passes.
# 2. A reserve of 24 MB (kontor.conf): imports until the server refuses
#    with "nearly full"; the log says so once, not once a refusal; reads,
#    status, a backup to another disk and check work; with room again,
#    writes resume.  After a restart every acknowledged row is there.
# 3. The server killed after a write, the disk filled to the last block,
#    the next command: the server cannot recover (recovery writes), and
#    the client says the disk is full, exits 75, and starts no second
#    server.  With room, the next server recovers everything.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"

[ "$(id -u)" = 0 ] || skip_all "mounting a loop file system needs root"
for c in mkfs.ext4 mount umount fallocate; do
	command -v $c >/dev/null 2>&1 || skip_all "no $c here"
done
IMG=$T/disk.img
MNT=$T/mnt
truncate -s 128M "$IMG"
mkfs.ext4 -q -F -m 0 "$IMG" >"$T/mkfs.err" 2>&1 ||
    skip_all "mkfs.ext4 failed: $(cat "$T/mkfs.err")"
mkdir "$MNT"
mount -o loop "$IMG" "$MNT" 2>"$T/mount.err" ||
    skip_all "cannot mount a loop device here: $(cat "$T/mount.err")"
# After lib.sh's cleanup has stopped the server.
EXTRA_CLEANUP='umount "$MNT" 2>/dev/null || umount -l "$MNT"'

plan 45
K="$KONTOR"
KONTOR_HOME=$MNT/home
export KONTOR_HOME
KONTOR_CONF=$T/kontor.conf
export KONTOR_CONF
LOG=$KONTOR_HOME/kontor.log
BALLAST=$MNT/ballast

# rows N: a CSV of 500 customers F<N>-0000...
rows() {
	awk -v b="$1" 'BEGIN {
		print "code,name,kind,phone"
		for (i = 0; i < 500; i++)
			printf "F%d-%04d,Firm %d %s %d,company,+7 495 %07d\n",
			    b, i, b, sprintf("%0120d", 0), i, i
	}' >"$T/f$1.csv"
}
free_kb() { df -k --output=avail "$MNT" | tail -1 | tr -d ' '; }
# leave MB: the ballast takes all but MB megabytes.
leave() {
	rm -f "$BALLAST"
	sync
	fallocate -l $((($(free_kb) - $1 * 1024) * 1024)) "$BALLAST"
}
server_pid() { cat "$KONTOR_HOME/kontor.pid" 2>/dev/null; }
n=0
# fill WHAT: imports until three in a row are refused; every refusal is
# checked against WHAT.  Sets $acks, $refusals, $bad (refusals not as
# expected) and $pids (the servers seen).
fill() {
	acks=0 refusals=0 inrow=0 bad="" pids=""
	while [ $inrow -lt 3 ] && [ $n -lt 200 ]; do
		n=$((n + 1))
		rows $n
		run "$K" import customers "$T/f$n.csv"
		if [ "$rc" = 0 ]; then
			acks=$((acks + 1))
			inrow=0
			echo "$n" >>"$T/acked"
		else
			refusals=$((refusals + 1))
			inrow=$((inrow + 1))
			case "$rc:$err" in
			"75:kontor: $T/f$n.csv: the disk holding $KONTOR_HOME is $1 ("*" MB free); nothing was saved") ;;
			*) bad="$bad$rc: $err
" ;;
			esac
		fi
		case " $pids " in
		*" $(server_pid) "*) ;;
		*) pids="$pids $(server_pid)" ;;
		esac
	done
}
# every acknowledged import is there, whole, and nothing else
all_there() {
	"$K" export customers >"$T/export.csv" 2>"$T/export.err" || return 1
	sed 1d "$T/export.csv" | cut -d, -f1 | sort >"$T/have"
	for b in $(cat "$T/acked"); do
		rows "$b"
		sed 1d "$T/f$b.csv" | cut -d, -f1
	done | sort >"$T/want"
	cmp -s "$T/have" "$T/want"
}

# --- 1. no reserve: the disk fills up ---------------------------------
T0=$(now_ms)
echo "disk_reserve = 0" >"$KONTOR_CONF"
: >"$T/acked"
run "$K" init --company "Full disk"
is "init on the small disk" 0 "$rc"
pid=$(server_pid)
leave 24
fill "full"
ok "some imports fit ($acks)" test "$acks" -gt 0
ok "then the disk was full ($refusals refused)" test "$refusals" -ge 3
is "every refusal: exit 75, the disk is full, nothing was saved" "" "$bad"
is "the server stayed up throughout (pid $pid)" " $pid" "$pids"
run "$K" status
is "status on a full disk" 0 "$rc"
ok "reads on a full disk: every acknowledged row, no other" all_there
rm -f "$BALLAST"
rows 900
run "$K" import customers "$T/f900.csv"
is "room again: writes resume" 0 "$rc"
echo 900 >>"$T/acked"
is "... on the same server" "$pid" "$(server_pid)"
ok "... and every acknowledged row is there" all_there
run "$K" check
is "kontor check passes" 0 "$rc"

echo "# phase 1 done: $(($(now_ms) - T0)) ms"
# --- 2. a reserve: refused before the disk is full ---------------------
run "$K" stop
is "stop" 0 "$rc"
echo "disk_reserve = 24M" >"$KONTOR_CONF"
run "$K" status
run "$K" export customers
is "a server with a reserve of 24 MB" 0 "$rc"
# The room is left once the server runs: a server that starts may begin
# a new log file (32 MB, allocated whole), which is no import's doing;
# where phase 1's log ended decides it.
leave 40
pid=$(server_pid)
fill "nearly full"
ok "some imports fit ($acks)" test "$acks" -gt 0
ok "then writes were refused ($refusals)" test "$refusals" -ge 3
is "every refusal: exit 75, nearly full, nothing was saved" "" "$bad"
is "the server stayed up throughout (pid $pid)" " $pid" "$pids"
ok "... with room left on the disk ($(free_kb) KB)" test "$(free_kb)" -gt 8192
is "the log says so once, not once a refusal" 1 \
    "$(grep -c "is nearly full: .* MB free, under the reserve of 24 MB; writes are refused" "$LOG")"
run "$K" status
is "status while writes are refused" 0 "$rc"
like "... says so" "reserve 24 MB: nearly full, writes are refused" "$out"
ok "reads while writes are refused" all_there
run "$K" check
is "check while writes are refused" 0 "$rc"
run "$K" backup "$T/backup"
is "a backup to another disk while writes are refused" 0 "$rc"
ok "... is there" test -f "$T/backup/KONTOR-BACKUP"
rm -f "$BALLAST"
n=$((n + 1))
rows $n
run "$K" import customers "$T/f$n.csv"
is "room again: writes resume" 0 "$rc"
echo "$n" >>"$T/acked"
like "... and the log says so" "has room again" "$(tail -3 "$LOG")"
is "... on the same server" "$pid" "$(server_pid)"
run "$K" stop
is "stop" 0 "$rc"
ok "after a restart every acknowledged row is there" all_there
run "$K" check
is "... and check passes" 0 "$rc"

echo "# phase 2 done: $(($(now_ms) - T0)) ms"
# --- 3. a server that cannot recover on a full disk --------------------
T0=$(now_ms)
echo "disk_reserve = 0" >"$KONTOR_CONF"
run "$K" stop
n=$((n + 1))
rows $n
run "$K" import customers "$T/f$n.csv"
is "one more import" 0 "$rc"
echo "$n" >>"$T/acked"
# An import is logged, its pages not flushed when it commits: recovery
# must write them again, a sales order's 500 lines as the customers.
printf 'code,name\nW1,Склад\n' >"$T/w.csv"
printf 'sku,name,unit\nP1,Товар,pcs\n' >"$T/p.csv"
awk -v c="F$n-0000" 'BEGIN { print "order,customer,warehouse,sku,quantity"
	for (i = 0; i < 500; i++)
		print "O1," c ",W1,P1,1" }' >"$T/so.csv"
run "$K" import warehouses "$T/w.csv"
run "$K" import products "$T/p.csv"
run "$K" import sales-orders "$T/so.csv"
is "a sales order of 500 lines, logged" 0 "$rc"
pid=$(server_pid)
kill -9 "$pid"
gone() { ! running "$1"; }
ok "the server killed" poll_until 10 gone "$pid"
dd if=/dev/zero of="$BALLAST" bs=64k 2>/dev/null
sync
dd if=/dev/zero of="$MNT/ballast2" bs=1k 2>/dev/null
is "the disk is full to the last block" 0 "$(free_kb)"
t0=$(now_ms)
run "$K" export customers
t1=$(now_ms)
is "the next command: exit 75" 75 "$rc"
like "... the server could not start" "the server could not start: " "$err"
like "... the disk is full" "the disk holding $KONTOR_HOME is full (0 MB free)" "$err"
ok "... said at once ($((t1 - t0)) ms), no server started again" \
    test $((t1 - t0)) -lt 10000
run "$K" status
is "... and no server runs" 69 "$rc"
rm -f "$BALLAST" "$MNT/ballast2"
ok "with room, the next server recovers every acknowledged row" all_there
is "... the same rows it acknowledged: $(wc -l <"$T/acked") imports" \
    "$(wc -l <"$T/want")" "$(wc -l <"$T/have")"
run "$K" export so_lines
is "... and the sales order's 500 lines" 501 "$(printf '%s\n' "$out" | wc -l)"
run "$K" check
is "... and check passes" 0 "$rc"
# The server that could not recover leaves Berkeley DB's own allocation
# behind (a panicked environment's close): reports that name no frame of
# ours are the library's.
ok "no sanitizer reports of ours" test -z "$(grep -lE \
    'ERROR: AddressSanitizer|runtime error|(src|tests)/[a-z_/]+\.c:[0-9]+' \
    "$T"/asan.* 2>/dev/null)"

done_testing
