#!/bin/sh
# kontor export: the CSV as the server writes it (issue 16), byte for
# byte what the rows of cells gave before: Cyrillic, quotes, commas and
# line breaks in fields, formulas neutralised (or not, --raw), references
# by code, cp1251, -o FILE; several pages in id order, each row once; an
# export that stalls (its reader stopped) holds no lock a writer waits
# for, and what it then writes has every row once, each whole.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 28
K="$KONTOR"

run "$K" init --company "ООО Тест"
is "init exits 0" 0 "$rc"

cat >"$T/in.csv" <<'CSV'
code,name,kind,inn,phone,email,city,address,status,notes,tags,source,discount,terms_days,credit_limit
C-1,"ООО ""Рога и копыта""",company,7707083893,+7 495 123-45-67,info@roga.ru,Москва,"101000, г. Москва, ул. Мясницкая, д. 1",active,"=HYPERLINK(""http://x"")",опт,выставка,2.5,30,150000.50
C-2,Иванов Иван Иванович,person,,8 (913) 339-05-46,,Новосибирск,"г. Новосибирск,
ул. Ленина, д. 5",lead,-5,,,,1,
C-3,"АО «Ёлки, палки»",company,,,,Санкт-Петербург,,active,"строка один
строка два, с запятой",a;b,"@сайт",0.125,,0
C-4,ИП Петров,company,,,,,,,+ плюс,,-минус,,,0.01
C-5," с пробелами ",company,,,,,,,"""в кавычках""",,,,,
CSV
run "$K" import customers "$T/in.csv"
is "import exits 0" 0 "$rc"
printf 'code,customer,name,position\nP-1,C-3,"Сидорова, Анна",главбух\nP-2,C-1,Пётр,"=директор"\nP-3,C-3,Ян,\n' >"$T/ct.csv"
run "$K" import contacts "$T/ct.csv"
is "contacts import exits 0" 0 "$rc"

# What kontor 0.1.0 wrote, rows of cells made into CSV by the client;
# created and updated (the last two columns) cut off.  Rows end in CRLF
# (<CR> below); a line break inside a quoted cell is LF, as stored.
crlf() { sed 's/<CR>$/\r/'; }
crlf >"$T/want.csv" <<'CSV'
code,name,kind,inn,kpp,phone,email,city,address,manager,status,notes,tags,source,price_list,discount,terms_days,credit_limit<CR>
C-1,"ООО ""Рога и копыта""",company,7707083893,,'+7 (495) 123-45-67,info@roga.ru,Москва,"101000, г. Москва, ул. Мясницкая, д. 1",,active,"'=HYPERLINK(""http://x"")",опт,выставка,,2.5,30,150000.50<CR>
C-2,Иванов Иван Иванович,person,,,'+7 (913) 339-05-46,,Новосибирск,"г. Новосибирск,
ул. Ленина, д. 5",,lead,-5,,,,,1,<CR>
C-3,"АО «Ёлки, палки»",company,,,,,Санкт-Петербург,,,active,"строка один
строка два, с запятой",a;b,'@сайт,,0.125,,0.00<CR>
C-4,ИП Петров,company,,,,,,,,,'+ плюс,,'-минус,,,,0.01<CR>
C-5,с пробелами,company,,,,,,,,,"""в кавычках""",,,,,,<CR>
CSV
cut2() { sed 's/,[^,]*,[^,]*\r$/\r/' "$@"; }

"$K" export customers >"$T/out.csv" 2>"$T/err"
is "export exits 0" 0 "$?"
cut2 "$T/out.csv" >"$T/got.csv"
ok "export: the same bytes as before" cmp "$T/want.csv" "$T/got.csv"
ok "times are ISO UTC" sh -c "tr -d '\r' <'$T/out.csv' |
    grep -q ',20[0-9-]*T[0-9:]*Z,20[0-9-]*T[0-9:]*Z\$'"
is "nothing on stderr" "" "$(cat "$T/err")"

"$K" export customers --raw >"$T/raw.csv"
cut2 "$T/raw.csv" >"$T/gotraw.csv"
sed "s/,'\([-+=@]\)/,\1/g; s/,\"'=/,\"=/" "$T/want.csv" >"$T/wantraw.csv"
ok "--raw: formulas as they are" cmp "$T/wantraw.csv" "$T/gotraw.csv"

run "$K" export customers -o "$T/file.csv"
is "-o exits 0" 0 "$rc"
ok "-o: the same bytes as stdout" cmp "$T/out.csv" "$T/file.csv"

"$K" export customers --encoding cp1251 >"$T/cp.csv"
iconv -f UTF-8 -t CP1251 "$T/out.csv" >"$T/wantcp.csv"
ok "cp1251: the same text, converted" cmp "$T/wantcp.csv" "$T/cp.csv"
printf 'code,name,kind\nC-6,東京商事,company\n' >"$T/jp.csv"
"$K" import customers "$T/jp.csv" >/dev/null 2>&1
run "$K" export customers --encoding cp1251 -o "$T/cpbad.csv"
is "a name cp1251 cannot hold: exit 65 (the data's, not the disk's)" 65 "$rc"
is "named: the record, the column, the character" \
    "kontor: C-6: column 'name': '東' (U+6771) cannot be written in cp1251" "$err"
ok "no file left" test ! -e "$T/cpbad.csv"
"$K" export customers --encoding cp1251 >"$T/cpbad.csv" 2>/dev/null
iconv -f UTF-8 -t CP1251 "$T/out.csv" >"$T/wantcp.csv"
ok "stdout: the rows before it written" cmp "$T/wantcp.csv" "$T/cpbad.csv"
run "$K" export customers --encoding cp1251 --substitute -o "$T/cpsub.csv"
is "--substitute: exit 0" 0 "$rc"
like "... 東 written as ?" "C-6,????" "$(iconv -f CP1251 -t UTF-8 "$T/cpsub.csv")"

"$K" export contacts | cut2 >"$T/gotct.csv"
crlf >"$T/wantct.csv" <<'CSV'
code,customer,name,position,phone,email,notes<CR>
P-1,C-3,"Сидорова, Анна",главбух,,,<CR>
P-2,C-1,Пётр,'=директор,,,<CR>
P-3,C-3,Ян,,,,<CR>
CSV
ok "contacts: customers by code" cmp "$T/wantct.csv" "$T/gotct.csv"

# Several frames: 6,000 customers of about 330 bytes each, in id order.
awk 'BEGIN { print "code,name,kind,notes"
	for (i = 1; i <= 6000; i++) {
		n = ""
		for (j = 0; j < 10; j++) n = n "примечание" i " "
		printf "K%06d,Клиент %d,company,%s\n", i, i, n
	} }' >"$T/many.csv"
run "$K" import customers "$T/many.csv"
is "6,000 imported" 0 "$rc"
"$K" export customers >"$T/many.out"
is "every row, once, in order" \
    "$(seq -f 'K%06.0f' 1 6000 | tr '\n' ' ')" \
    "$(grep '^K' "$T/many.out" | cut -d, -f1 | tr '\n' ' ')"

# A reader that goes away early: the export ends quietly, the server
# carries on.
first=$("$K" export customers | head -n 1)
like "head: the header" "code,name,kind" "$first"
run "$K" status
is "the server still answers" 0 "$rc"

# An export whose reader stops after the header: the server waits to
# send, holding nothing.  Writes meanwhile go through at once.
rm -f "$T/first" "$T/go"
( "$K" export customers | {
	IFS= read -r h && printf '%s\n' "$h" >"$T/first"
	poll_until 120 test -f "$T/go"
	cat
} >"$T/stalled.csv" ) &
epid=$!
pids="$pids $epid"
poll_until 30 test -s "$T/first"
awk 'BEGIN { print "code,name,kind,notes"
	print "K000010,Клиент 10,company,обновлено"
	print "K003000,Клиент 3000,company,обновлено"
	print "K006000,Клиент 6000,company,обновлено"
	print "K009001,Новый 1,company,новый" }' >"$T/upd.csv"
t0=$(now_ms)
run timeout 60 "$K" import customers --update "$T/upd.csv"
t1=$(now_ms)
is "an update during the export: exit 0" 0 "$rc"
ok "and it did not wait for the export ($((t1 - t0)) ms)" \
    test $((t1 - t0)) -lt 20000
ok "while the export was still under way" sh -c \
    "'$K' status | grep -q ' export *\$'"
touch "$T/go"
wait "$epid"
codes=$(cut -d, -f1 "$T/stalled.csv" | grep '^K00[0-6]' | sort | uniq -c |
    awk '$1 != 1' | wc -l)
is "the stalled export: no row twice" 0 "$codes"
is "and every row that was there" 6000 \
    "$(cut -d, -f1 "$T/stalled.csv" | grep -c '^K00[0-6]')"
ok "each row whole: 20 columns" sh -c \
    "awk -F, '/^K/ && NF != 20 { bad = 1 } END { exit bad }' '$T/stalled.csv'"
done_testing
