#!/bin/sh
# The command line end to end: init, import (every error with its exact
# message, all or nothing), export round trip, encodings, users, audit,
# backup, restore, recover, check, exit codes.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 89
K="$KONTOR"

run "$K" --version
is "--version exits 0" 0 "$rc"
like "--version names kontor" "kontor " "$out"
run "$K" frobnicate
is "unknown command: exit 64" 64 "$rc"
run "$K" import --help
is "import --help exits 0" 0 "$rc"
like "import --help shows usage on stdout" "import ENTITY FILE" "$out"

run "$K" status
is "no home yet: exit 69" 69 "$rc"
# A command that would start a server: the home is missing input.
started=$(date +%s)
run "$K" --home "$T/none" export customers
is "a missing home: exit 66, as the man page says" 66 "$rc"
ok "... at once, not after the 30 s wait for a server" \
    test $(($(date +%s) - started)) -lt 5
like "... naming it" "no kontor home at $T/none" "$err"
run "$K" init --company "ООО Тест"
is "init exits 0" 0 "$rc"
ok "home is mode 0700" test "$(stat -c %a "$KONTOR_HOME")" = 700
run "$K" init
is "init over an existing home: exit 73" 73 "$rc"
like "init refusal names the home" "already a kontor home" "$err"

# A file with a bad INN on line 3: nothing is committed.
cat >"$T/bad.csv" <<'CSV'
code,name,kind,inn,phone
C-100,"ООО ""Рога и копыта""",company,7707083893,+7 495 123-45-67
C-101,ИП Сидоров,company,77A1234567,
CSV
run "$K" import customers "$T/bad.csv"
is "bad INN: exit 65" 65 "$rc"
is "bad INN: exact message" \
    "$T/bad.csv:3: column 'inn': 10 or 12 digits with valid check digits expected, got \"77A1234567\"" \
    "$err"
run "$K" export customers
is "bad file: nothing committed" 1 "$(printf '%s\n' "$out" | wc -l)"

# Injected control characters never get in.
printf 'code,name,kind\nC-200,"Evil\033[2J",company\n' >"$T/ctl.csv"
run "$K" import customers "$T/ctl.csv"
is "escape in a name: exit 65" 65 "$rc"
like "escape: names line and column" "$T/ctl.csv:2: column 'name': control character U+001B" "$err"
printf 'code,name,kind\nC-201,"abc\342\200\256def",company\n' >"$T/bidi.csv"
run "$K" import customers "$T/bidi.csv"
like "bidi override refused" "column 'name': bidirectional override U+202E" "$err"

# Out of range: a negative limit or term, a discount over 100 %.
cat >"$T/range.csv" <<'CSV'
code,name,kind,credit_limit,terms_days,discount
C-400,ООО «Лимит»,company,"-1 000,00",30,5
CSV
run "$K" import customers "$T/range.csv"
is "negative credit limit: exit 65" 65 "$rc"
is "... named with its line, column and value" \
    "$T/range.csv:2: column 'credit_limit': not negative expected, got -1000.00" \
    "$err"
printf 'code,name,kind,terms_days\nC-401,A,company,-5\n' >"$T/range.csv"
run "$K" import customers "$T/range.csv"
like "negative payment terms refused" "column 'terms_days': not negative expected, got -5" "$err"
printf 'code,name,kind,discount\nC-402,A,company,150\n' >"$T/range.csv"
run "$K" import customers "$T/range.csv"
like "a discount over 100 refused" "column 'discount': 0 to 100 expected, got 150" "$err"
run "$K" export customers
is "... and none of them stored" 1 "$(printf '%s\n' "$out" | wc -l)"

# Unknown column, entity, file; short row; duplicate code.
printf 'code,name,kind,colour\nC-1,X,company,red\n' >"$T/col.csv"
run "$K" import customers "$T/col.csv"
is "unknown column: exit 65" 65 "$rc"
like "unknown column named" "column 'colour': not a field of customers" "$err"
run "$K" import widgets "$T/col.csv"
is "unknown entity: exit 64" 64 "$rc"
run "$K" import customers "$T/missing.csv"
is "missing file: exit 66" 66 "$rc"
printf 'code,name,kind\nC-1,X\n' >"$T/short.csv"
run "$K" import customers "$T/short.csv"
like "short row named" "$T/short.csv:2: 3 columns expected, got 2" "$err"
printf 'code,name,kind\nC-7,A,company\nC-7,B,company\n' >"$T/dup.csv"
run "$K" import customers "$T/dup.csv"
is "duplicate code: exit 65" 65 "$rc"
like "duplicate code on line 3" "$T/dup.csv:3: column 'code': \"C-7\" appears twice in the file" "$err"
printf 'code,name,kind\nC-7,A,company\n' >"$T/one.csv"
K3="$K --home $T/home3"
$K3 init >/dev/null 2>&1
$K3 import customers "$T/one.csv" 2>/dev/null
run $K3 import customers "$T/one.csv"
like "a code already stored is named with its holder" "$T/one.csv:2: column 'code': \"C-7\" is already used by C-7" "$err"
$K3 stop >/dev/null 2>&1
printf 'code,name,kind,inn\nC-8,A,company,500100732259\n' >"$T/kind.csv"
run "$K" import customers "$T/kind.csv"
like "12-digit INN for a company refused" "column 'inn': 10 digits expected for a company" "$err"
printf 'code,name,kind\nC-9,A,\n' >"$T/req.csv"
run "$K" import customers "$T/req.csv"
like "required kind" "$T/req.csv:2: column 'kind': a value is required" "$err"
printf 'code,name,kind,status\nC-9,A,company,vip\n' >"$T/enum.csv"
run "$K" import customers "$T/enum.csv"
like "enum lists its values" "column 'status': one of lead, prospect, active, lost expected, got \"vip\"" "$err"
printf 'code,name,kind\nC-9,"unterminated,company\n' >"$T/quote.csv"
run "$K" import customers "$T/quote.csv"
is "malformed CSV: exit 65" 65 "$rc"

# A good file: BOM, Cyrillic, quotes, embedded newline, CRLF, formula.
printf '\357\273\277code,name,kind,inn,kpp,phone,city,address,notes\r\n' >"$T/good.csv"
printf 'C-100,"ООО ""Рога и копыта""",company,7707083893,773601001,+7 495 123-45-67,Москва,"ул. Вавилова, 19",\r\n' >>"$T/good.csv"
printf 'C-101,ИП Сидоров Пётр,person,500100732259,,,Тверь,"строка 1\r\nстрока 2","=HYPERLINK(""x"")"\r\n' >>"$T/good.csv"
run "$K" import customers "$T/good.csv" --dry-run
is "dry run: exit 0" 0 "$rc"
like "dry run says nothing saved" "nothing was saved" "$err"
run "$K" export customers
is "dry run: still empty" 1 "$(printf '%s\n' "$out" | wc -l)"
run "$K" import customers "$T/good.csv"
is "good file imports" 0 "$rc"
run "$K" export customers -o "$T/out.csv"
is "export -o exits 0" 0 "$rc"
ok "export header first" grep -q '^code,name,kind,inn,kpp,phone,email,city,address,manager,status,notes,tags,source,price_list,discount,terms_days,credit_limit,created,updated' "$T/out.csv"
ok "quotes survive" grep -q '"ООО ""Рога и копыта"""' "$T/out.csv"
ok "formula neutralised" grep -q "\"'=HYPERLINK(\"\"x\"\")\"" "$T/out.csv"
ok "phone stored normalised and neutralised" grep -q "'+7 (495) 123-45-67" "$T/out.csv"
# Round trip: export, import into a fresh home, export again: same.
cut -d, -f1-12 "$T/out.csv" >/dev/null
K2="$K --home $T/home2"
$K2 init >/dev/null 2>&1
run $K2 import customers "$T/out.csv"
is "exported file imports again" 0 "$rc"
$K2 export customers | sed 's/,[^,]*,[^,]*\r$//' >"$T/out2.csv"
sed 's/,[^,]*,[^,]*\r$//' "$T/out.csv" >"$T/out1.csv"
ok "round trip keeps every cell" cmp -s "$T/out1.csv" "$T/out2.csv"
$K2 stop >/dev/null 2>&1

# cp1251 from 1C, and --update.
printf 'code,name,kind,city\nC-100,Рога и копыта (новое),company,Санкт-Петербург\n' |
    iconv -f UTF-8 -t CP1251 >"$T/1c.csv"
run "$K" import customers "$T/1c.csv"
is "without --update an existing code is refused" 65 "$rc"
run "$K" import customers "$T/1c.csv" --update --encoding cp1251
is "cp1251 --update exits 0" 0 "$rc"
run "$K" show customers C-100
like "updated name in UTF-8" "Рога и копыта (новое)" "$out"
like "INN kept on update" "7707083893" "$out"
# 1C's cp1251 after a UTF-8 BOM, with ';' between cells: the BOM is no
# part of the first column's name, the header shows the separator.
{ printf '\357\273\277'; printf 'code;name;kind\r\nC-201;"ООО ""Тест""";company\r\n' |
    iconv -f UTF-8 -t CP1251; } >"$T/1cbom.csv"
run "$K" import customers "$T/1cbom.csv" --encoding cp1251
is "cp1251 with a BOM and ';' exits 0" 0 "$rc"
run "$K" show customers C-201
like "its name read whole" 'name         "ООО \"Тест\""' "$out"
# show prints every field whole (a name past 40 characters), audit as
# text a sha256 whole: escaped, never cut.
long='Государственное бюджетное учреждение здравоохранения «Больница №1»'
printf 'code,name,kind\nC-204,%s,company\n' "$long" >"$T/long.csv"
run "$K" import customers "$T/long.csv"
run "$K" show customers C-204
like "show prints a long name whole" "name         \"$long\"" "$out"
run "$K" audit --entity customers
sum=$(sha256sum "$T/long.csv" | cut -d' ' -f1)
like "audit as text prints a sha256 whole" "sha256: (none) -> \"$sum\"" "$out"
printf 'code,name,kind\r\nC-202;"ООО ""Т""";company\r\n' >"$T/mixed.csv"
run "$K" import customers "$T/mixed.csv"
is "a quote inside an unquoted cell: exit 65" 65 "$rc"
like "named by line, column and reason" "$T/mixed.csv:2: malformed CSV: column 'code': a \" inside a cell that does not begin with one" "$err"
run "$K" import customers "$T/mixed.csv" --delimiter ';'
is "--delimiter ';' over a ',' header: one column, refused" 65 "$rc"
printf 'code,name,kind\r\nC-203,Тест,company\r\n' | tr , ';' >"$T/semi.csv"
run "$K" import customers "$T/semi.csv" --delimiter ';' --dry-run
is "--delimiter ';'" 0 "$rc"
run "$K" import customers "$T/semi.csv" --delimiter x
is "--delimiter x: usage" 64 "$rc"

# The CRM entities through the same importer: references by code.
printf 'customer,name,position,phone\nC-100,Иванов Иван,Директор,+7 900 000-00-01\n' >"$T/contacts.csv"
run "$K" import contacts "$T/contacts.csv"
is "contacts import with a customer code" 0 "$rc"
printf 'customer,name\nC-999,Никто\n' >"$T/orphan.csv"
run "$K" import contacts "$T/orphan.csv"
is "contact of a missing customer: exit 65" 65 "$rc"
like "missing reference named" "$T/orphan.csv:2: column 'customer': no customers with code \"C-999\"" "$err"
run "$K" export contacts
like "contacts export names the customer by code" "C-100,Иванов Иван,Директор" "$out"

# Reports run in the server and stream.
run "$K" report --list
like "report --list names the reports" "customers-by-status" "$out"
run "$K" report customers-by-status --format csv
like "customers by status, as CSV" "status,customers" "$out"
run "$K" report nosuch
is "unknown report: exit 64" 64 "$rc"
run "$K" report tasks-due --from 2026-13-01
is "a bad --from: exit 64" 64 "$rc"

# Audit: field-level before -> after, by whom.
run "$K" audit --entity customers --format csv
like "audit has the update of city" "city,Москва,Санкт-Петербург" "$out"
run "$K" check
is "check passes" 0 "$rc"

# Backup, change, restore: back to the backup.  The home's own files
# (the contract's template, how clerks are served) go with it.
mkdir -p "$KONTOR_HOME/templates"
printf 'Договор №{number}\n' >"$KONTOR_HOME/templates/contract.txt"
printf 'socket-group=%s\n' "$(id -gn)" >"$KONTOR_HOME/kontor.serve"
run "$K" backup "$T/bk"
is "backup exits 0" 0 "$rc"
ok "... with the contract's template" \
    cmp -s "$KONTOR_HOME/templates/contract.txt" "$T/bk/templates-contract.txt"
ok "... and kontor.serve" cmp -s "$KONTOR_HOME/kontor.serve" "$T/bk/kontor.serve"
# restore goes into a home, a missing directory or an empty one, never
# beside other files; a new home is 0700, as init makes it.
mkdir "$T/other"
echo x >"$T/other/file"
run "$K" --home "$T/other" restore "$T/bk"
is "restore into a directory holding other files: exit 73" 73 "$rc"
like "... saying why" "is not empty and is no kontor home" "$err"
is "... nothing written there" "file" "$(ls "$T/other")"
mkdir -m 755 "$T/empty"
run "$K" --home "$T/empty" restore "$T/bk"
is "restore into an empty directory: exit 0" 0 "$rc"
ok "... the home made 0700" test "$(stat -c %a "$T/empty")" = 700
ok "... the contract's template back" \
    cmp -s "$KONTOR_HOME/templates/contract.txt" "$T/empty/templates/contract.txt"
ok "... and kontor.serve" cmp -s "$KONTOR_HOME/kontor.serve" "$T/empty/kontor.serve"
# The socket a backed-up home was served at is that home's: a copy
# restored elsewhere does not send its clients there.
printf 'socket=%s\n' "$T/theirs.sock" >>"$T/bk/kontor.serve"
mkdir "$T/empty2"
run "$K" --home "$T/empty2" restore "$T/bk"
is "restore of a kontor.serve naming a socket: exit 0" 0 "$rc"
is "... the options back, that socket left out" "socket-group=$(id -gn)" \
    "$(grep -v '^#' "$T/empty2/kontor.serve")"
printf 'code,name,kind\nC-300,После бэкапа,company\n' >"$T/after.csv"
"$K" import customers "$T/after.csv" 2>/dev/null
run "$K" restore "$T/bk"
is "restore while the server runs: exit 75" 75 "$rc"
"$K" stop 2>/dev/null
run "$K" restore "$T/bk"
is "restore exits 0" 0 "$rc"
run "$K" show customers C-300
is "restored home lacks the later record" 66 "$rc"
"$K" import customers "$T/after.csv" 2>/dev/null
"$K" stop 2>/dev/null
ok "the server logged its start" grep -q "started: pid" "$KONTOR_HOME/kontor.log"
ok "and its clean stop" grep -q "stopped cleanly" "$KONTOR_HOME/kontor.log"
run "$K" recover --from "$T/bk"
is "catastrophic recovery from backup plus logs" 0 "$rc"
run "$K" show customers C-300
is "recovery replays the later import" 0 "$rc"
done_testing
