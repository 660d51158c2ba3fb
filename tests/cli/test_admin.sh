#!/bin/sh
# The command line as an administrator meets it: what show, import, check
# and backup say and where; references by code; exports for scripts.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 70
K="$KONTOR"

"$K" init --company "Тест" >/dev/null 2>&1
"$K" user add ivanov --role sales >/dev/null 2>&1

# show names a reference by its code, as export does.
printf 'code,name,kind,manager\nC-1,Ромашка,company,ivanov\n' >"$T/mgr.csv"
"$K" import customers "$T/mgr.csv" 2>/dev/null
run "$K" show customers C-1
like "show: the manager by login" 'manager      "ivanov"' "$out"
run "$K" export customers
like "export: the manager by login" ',ivanov,' "$out"

# Counts read right: one row, two rows.
printf 'code,name,kind\nC-2,Лютик,company\n' >"$T/one.csv"
run "$K" import customers "$T/one.csv" --dry-run
is "dry run of one row" \
    "kontor: dry run: 1 row of customers is valid (1 new, 0 to update); nothing was saved" \
    "$err"
run "$K" import customers "$T/one.csv"
is "import of one row" \
    "kontor: imported 1 row into customers (1 new, 0 updated)" "$err"
printf 'code,name,kind\nC-3,Мак,company\nC-4,Василёк,company\n' >"$T/two.csv"
run "$K" import customers "$T/two.csv"
is "import of two rows" \
    "kontor: imported 2 rows into customers (2 new, 0 updated)" "$err"
printf 'code,name\nMAIN,Склад\n' >"$T/wh.csv"
printf 'sku,name\nSKU-1,=Болт\n' >"$T/pr.csv"
printf 'type,sku,warehouse,quantity\nreceipt,SKU-1,MAIN,5\n' >"$T/mv.csv"
"$K" import warehouses "$T/wh.csv" 2>/dev/null
"$K" import products "$T/pr.csv" 2>/dev/null
run "$K" import stock-moves "$T/mv.csv"
like "one stock move" "kontor: posted 1 stock move as BAT-" "$err"

# The spreadsheet guard by default, --raw for scripts.
printf 'code,name,kind,phone\nC-5,Ромашка,company,+7 (495) 123-45-67\n' >"$T/ph.csv"
"$K" import customers "$T/ph.csv" 2>/dev/null
run "$K" export customers
like "export: a phone guarded for spreadsheets" ",'+7 (495) 123-45-67," "$out"
run "$K" export customers --raw
like "export --raw: the phone as it is" ",+7 (495) 123-45-67," "$out"
run "$K" export customers --raw -o "$T/raw.csv"
ok "export --raw -o: the phone as it is" grep -q ",+7 (495) 123-45-67," "$T/raw.csv"
"$K" --home "$T/h2" init >/dev/null 2>&1
{ head -n 1 "$T/raw.csv"; grep '^C-5,' "$T/raw.csv"; } >"$T/raw5.csv"
run "$K" --home "$T/h2" import customers "$T/raw5.csv"
is "a raw file imports" 0 "$rc"
run "$K" --home "$T/h2" show customers C-5
like "... with the phone as it was" 'phone        "+7 (495) 123-45-67"' "$out"
"$K" --home "$T/h2" stop >/dev/null 2>&1
run "$K" report stock-value --format csv
like "report csv: a formula-like name guarded" "SKU-1,'=Болт," "$out"
run "$K" report stock-value --format csv --raw
like "report csv --raw: the name as it is" "SKU-1,=Болт," "$out"
run "$K" report stock-value --raw
is "--raw without csv: exit 64" 64 "$rc"
printf 'code,name\n@HQ,=Главный\n' >"$T/wh2.csv"
"$K" import warehouses "$T/wh2.csv" 2>/dev/null
printf 'type,sku,warehouse,quantity\nreceipt,SKU-1,@HQ,1\n' >"$T/mv2.csv"
"$K" import stock-moves "$T/mv2.csv" 2>/dev/null
run "$K" stock SKU-1 --format csv
like "stock csv: guarded" "'@HQ,'=Главный," "$out"
run "$K" stock SKU-1 --format csv --raw
like "stock csv --raw: as they are" "@HQ,=Главный," "$out"
run "$K" export --help
like "export --help tells of --raw" "--raw" "$out"

# A reader that stops early (| head) ends the output quietly, with 0: a
# big export and a big report, several times over (it raced before).
# import_many ENTITY HEADER ROW: 6,000 rows, each & in ROW its number.
import_many() {
	{
		echo "$2"
		seq 6000 | sed "s/.*/$3/"
	} >"$T/many.csv"
	"$K" import "$1" "$T/many.csv" 2>/dev/null
}
import_many customers "code,name,kind,phone" \
    "B-&,Фирма номер & с длинным названием,company,+7 (900) 000-00-00"
import_many tasks "title,assignee,due" \
    "Позвонить клиенту номер &,ivanov,2026-12-01T10:00:00Z"
# head_rc CMD...: CMD | head -n 1; its exit code and stderr.
head_rc() {
	{ "$@" 2>"$T/.herr"; echo $? >"$T/.hrc"; } | head -n 1 >/dev/null
	echo "$(cat "$T/.hrc") $(cat "$T/.herr")"
}
for what in "export customers" \
    "report tasks-due --from 2026-11-01 --to 2027-01-01 --format csv" \
    "report tasks-due --from 2026-11-01 --to 2027-01-01" "audit"; do
	res=""
	for n in 1 2 3 4 5; do
		res="$res$(head_rc "$K" $what);"
	done
	is "$what | head -1: exit 0, silent, 5 times" "0 ;0 ;0 ;0 ;0 ;" "$res"
done
"$K" export customers >/dev/full 2>"$T/.err"
is "a full disk is still an error: exit 74" 74 "$?"
like "... named" "write: No space left on device" "$(cat "$T/.err")"
# -o onto a device is written into, never replaced by a file.
ln -s /dev/null "$T/null"
ln -s /dev/full "$T/full"
run "$K" export customers -o "$T/null"
is "export -o a device: exit 0" 0 "$rc"
ok "... the device is still there" test -c "$T/null" -a -L "$T/null"
run "$K" export customers -o "$T/full"
is "export -o a full device: exit 74" 74 "$rc"
ok "... and it is still there" test -c "$T/full" -a -L "$T/full"

# serve --socket PATH listens there, as the global --socket does.
"$K" --home "$T/h3" init >/dev/null 2>&1
"$K" --home "$T/h3" stop >/dev/null 2>&1
"$K" --home "$T/h3" serve --socket "$T/s3.sock" 2>"$T/serve.err" &
srv3=$!
pids="$pids $srv3"
ok "serve --socket: the socket is where it was asked" \
    poll_until 10 test -S "$T/s3.sock"
ok "... and not in the home" test ! -e "$T/h3/kontor.sock"
run "$K" --home "$T/h3" --socket "$T/s3.sock" status
like "a client finds it by --socket" "socket    $T/s3.sock" "$out"
run env KONTOR_SOCKET="$T/s3.sock" "$K" --home "$T/h3" stop
is "... and by KONTOR_SOCKET" 0 "$rc"
ok "the server stopped" poll_until 10 eval '! running $srv3'

# Success is not a complaint: check and backup say so on stdout.
run "$K" check
is "check: exit 0" 0 "$rc"
like "check: success on stdout" "kontor: check passed" "$out"
is "check: nothing on stderr" "" "$err"
run "$K" backup "$T/bk"
is "backup: exit 0" 0 "$rc"
is "backup: success on stdout" "kontor: backup written to $T/bk" "$out"
is "backup: nothing on stderr" "" "$err"

# A NUL in a cell is refused like the other control characters, not cut.
printf 'code,name,kind\nC-90,"A\000B",company\n' >"$T/nul.csv"
run "$K" import customers "$T/nul.csv"
is "a NUL in a cell: exit 65" 65 "$rc"
is "... named with file, line and column" \
    "$T/nul.csv:2: column 'name': control character U+0000 not allowed" "$err"
run "$K" show customers C-90
is "... and nothing was saved" 66 "$rc"
printf 'code,name,kind\nC-91,B,company\nC-92,A\000B,company\n' >"$T/nul2.csv"
run "$K" import customers "$T/nul2.csv"
is "unquoted, on line 3: named" \
    "$T/nul2.csv:3: column 'name': control character U+0000 not allowed" "$err"
run "$K" show customers C-91
is "... and the file's good rows are not saved either" 66 "$rc"

# The backup directory must be the server's own: a link, a directory
# others may write, links planted in it are refused or never followed.
echo "precious" >"$T/victim"
ln -s "$T/bk" "$T/bklink"
run "$K" backup "$T/bklink"
is "backup into a symbolic link: exit 73" 73 "$rc"
is "... refused, named" \
    "kontor: $T/bklink is a symbolic link: give the backup a directory of its own" \
    "$err"
mkdir "$T/open"
chmod 0777 "$T/open"
run "$K" backup "$T/open"
is "backup into a directory anyone may write: exit 73" 73 "$rc"
is "... refused, named" \
    "kontor: $T/open may be written by others (mode 0777): a backup goes only into a directory that only the server's user may write" \
    "$err"
mkdir "$T/grp"
chmod 0770 "$T/grp"
run "$K" backup "$T/grp"
is "... or the group may write: exit 73" 73 "$rc"
# Links planted among an earlier backup's files are removed, not
# followed: the files they point at stay as they were.
mkdir "$T/planted"
"$K" backup "$T/planted" >/dev/null
rm "$T/planted/sys.db" "$T/planted/users.db"
ln -s "$T/victim" "$T/planted/sys.db"
ln -s "$T/victim" "$T/planted/users.db"
run "$K" backup "$T/planted"
is "backup over planted links: exit 0" 0 "$rc"
is "... the file a link pointed at is untouched" "precious" "$(cat "$T/victim")"
ok "... the backup's own files replace the links" \
    test -f "$T/planted/sys.db" -a ! -L "$T/planted/sys.db"
mkdir "$T/linksonly"
ln -s "$T/victim" "$T/linksonly/sys.db"
run "$K" backup "$T/linksonly"
like "a directory of links alone is no backup" "holds no kontor backup" "$err"
is "... and the file it points at is untouched" "precious" "$(cat "$T/victim")"

# A backup cut short: said so, and --force replaces it.
mkdir "$T/cut"
cp "$T/bk/"*.db "$T/cut/"
run "$K" backup "$T/cut"
is "over an interrupted backup: exit 73" 73 "$rc"
is "... says it was interrupted and what to do" \
    "kontor: an earlier backup into $T/cut was interrupted (it has no KONTOR-BACKUP marker): kontor backup --force $T/cut replaces it" \
    "$err"
run "$K" backup --force "$T/cut"
is "backup --force replaces it" 0 "$rc"
ok "... whole now" test -f "$T/cut/KONTOR-BACKUP" -a ! -e "$T/cut/KONTOR-BACKUP.partial"
mkdir "$T/mine"
echo "notes" >"$T/mine/notes.txt"
run "$K" backup --force "$T/mine"
is "--force never empties a directory that held no backup" 73 "$rc"
ok "... its file is still there" test -f "$T/mine/notes.txt"

# The server killed in the middle of a backup: the client sends the
# same request again to the restarted server, which finishes the job.
"$K" backup "$T/crash" >"$T/crash.out" 2>"$T/crash.err" &
bpid=$!
n=0
while [ ! -e "$T/crash/KONTOR-BACKUP.partial" ] && running $bpid &&
    [ $n -lt 500000 ]; do
	n=$((n + 1))
done
kill -9 "$(cat "$KONTOR_HOME/kontor.pid")"
whole=no
[ -e "$T/crash/KONTOR-BACKUP" ] && whole=yes
wait $bpid
brc=$?
is "the kill came in the middle of the backup" no "$whole"
is "the backup sent again after the crash: exit 0" 0 "$brc"
ok "... whole" test -f "$T/crash/KONTOR-BACKUP" -a ! -e "$T/crash/KONTOR-BACKUP.partial"

# stop while a client is stopped in the middle of an export: the server
# waits 10 s for it (the admin guide says so), then stops.
sh -c 'echo $$ >"$1"; exec "$2" export customers' sh "$T/exp.pid" "$K" |
    sleep 60 &
pids="$pids $!"
poll_until 10 test -s "$T/exp.pid"
exp=$(cat "$T/exp.pid")
pids="$pids $exp"
poll_until 10 sh -c '"$1" status | grep -q " export\$"' sh "$K"
kill -STOP "$exp"
t0=$(now_ms)
run "$K" stop
t1=$(now_ms)
is "stop with an export stopped midway: exit 0" 0 "$rc"
ok "... after about 10 s ($((t1 - t0)) ms)" \
    test $((t1 - t0)) -ge 9000 -a $((t1 - t0)) -lt 20000
ok "... as the admin guide says" grep -q "then takes 10 seconds" \
    "$KONTOR_SRCDIR/doc/admin-guide.md"
stop_clients

# A dead disk: restore into a home that does not exist, or is empty.
"$K" stop >/dev/null 2>&1
run "$K" --home "$T/gone/home" restore "$T/bk"
is "restore into a missing home: exit 0" 0 "$rc"
ok "... the home is made private" test "$(stat -c %a "$T/gone/home")" = 700
run "$K" --home "$T/gone/home" show customers C-2
is "... and holds the backup" 0 "$rc"
"$K" --home "$T/gone/home" stop >/dev/null 2>&1
mkdir "$T/empty"
run "$K" --home "$T/empty" restore "$T/bk"
is "restore into an empty directory: exit 0" 0 "$rc"
run "$K" --home "$T/empty" show customers C-2
is "... and it holds the backup" 0 "$rc"
"$K" --home "$T/empty" stop >/dev/null 2>&1
done_testing
