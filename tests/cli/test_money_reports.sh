#!/bin/sh
# The money reports on a small firm made through the command line (orders
# imported and confirmed, shipped, the shipments dated back and posted, a
# receipt from a supplier, payments in and out dated back, an invoice paid,
# a payment cancelled): receivables and payables aged as of fixed dates,
# every bucket's edge (0, 30, 60, 91 days past due), advances, a
# customer paid in full left out; as of an earlier date the later
# documents and advances left out; without --as-of (today) each row as
# kontor balance says; cash per account over periods; payments per
# counterparty and per account.  Every number is worked out by hand below.
# Text in Russian fits 80 columns; the CSV header is exact; refusals.  A
# sales clerk sees their own customers' receivables only and no payables;
# an accountant sees all (needs root for a second Unix user: those tests
# say so and are skipped otherwise).
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 36
K="$KONTOR"

csv() { "$K" report "$@" --format csv 2>&1 | tr -d '\r'; }
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1 # SKIP $2"; }
# Russian needs the locale (the server makes the headings in it).
RU=1
locale -a 2>/dev/null | grep -qix 'ru_RU\.utf-\?8' || RU=0
is_ru() {
	if [ $RU = 1 ]; then is "$@"
	else skip "$1" "the locale ru_RU.UTF-8 is not installed"; fi
}
# The widest line of a text, in characters.
widest() { printf '%s\n' "$1" | while IFS= read -r l; do
	printf '%s' "$l" | wc -m; done | sort -n | tail -1; }

run "$K" init --company "ООО «Торговый дом»"
is "init" 0 "$rc"
U=kontorclerk
"$K" user add $U --role sales >/dev/null 2>&1
printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
# Payment terms: ROMASHKA 10 days, LUTIK 30, VASILEK 0, KLEVER 5.
cat >"$T/c.csv" <<CSV
code,name,kind,inn,terms_days,manager
ROMASHKA,ООО «Ромашка»,company,7707083893,10,$U
LUTIK,ООО «Лютик»,company,,30,root
VASILEK,ИП Васильков,person,,0,$U
KLEVER,ООО «Клевер»,company,,5,
CSV
printf 'code,name,inn,terms_days\nZAVOD,АО «Завод»,7728168971,15\nMELNIK,ООО «Мельник»,,10\n' \
    >"$T/s.csv"
# One unit: 100.00 + VAT 20 % = 120.00 owed.
printf 'sku,name,unit,purchase_price,sale_price,vat\nSKU-1,Болт,pcs,50.00,100.00,20\n' \
    >"$T/p.csv"
printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,SKU-1,MAIN,1000,50.00\n' \
    >"$T/in.csv"
# Bank and cash, opening 0: their money is what the payments make (init
# made the cash desk).
printf 'code,name,kind,bank,bik,corr_account,number\nBANK,Расчётный счёт,bank,ПАО Сбербанк,044525225,30101810400000000225,40702810938000000001\n' >"$T/a.csv"
rc=0
for f in warehouses:wh customers:c suppliers:s products:p accounts:a; do
	"$K" import "${f%%:*}" "$T/${f#*:}.csv" >/dev/null 2>&1 || rc=$?
done
"$K" import stock-moves "$T/in.csv" >/dev/null 2>&1 || rc=$?
is "masters, stock and accounts" 0 "$rc"

# The shipments, each of its own order: customer, date, units.
#   S1 ROMASHKA 2026-06-01 10 = 1200.00 due 06-11
#   S2 ROMASHKA 2026-09-01  5 =  600.00 due 09-11
#   S3 ROMASHKA 2026-11-01  2 =  240.00 due 11-11
#   S4 ROMASHKA 2026-11-25  1 =  120.00 due 12-05
#   S5 LUTIK    2026-10-01  3 =  360.00 due 10-31
#   S6 LUTIK    2026-08-01  4 =  480.00 due 08-31
#   S7 LUTIK    2026-09-01  1 =  120.00 due 10-01
#   S8 VASILEK  2026-11-20  1 =  120.00 due 11-20
#   S9 KLEVER   2026-10-10  1 =  120.00 due 10-15
cat >"$T/so.csv" <<'CSV'
order,customer,date,warehouse,sku,quantity
1,ROMASHKA,2026-06-01,MAIN,SKU-1,10
2,ROMASHKA,2026-09-01,MAIN,SKU-1,5
3,ROMASHKA,2026-11-01,MAIN,SKU-1,2
4,ROMASHKA,2026-11-25,MAIN,SKU-1,1
5,LUTIK,2026-10-01,MAIN,SKU-1,3
6,LUTIK,2026-08-01,MAIN,SKU-1,4
7,LUTIK,2026-09-01,MAIN,SKU-1,1
8,VASILEK,2026-11-20,MAIN,SKU-1,1
9,KLEVER,2026-10-10,MAIN,SKU-1,1
CSV
run "$K" import sales-orders "$T/so.csv" --post
is "orders confirmed" 0 "$rc"
SO=$(printf '%s\n' "$out" | grep '^SO-')
set -- 2026-06-01 2026-09-01 2026-11-01 2026-11-25 2026-10-01 2026-08-01 \
    2026-09-01 2026-11-20 2026-10-10
rc=0
echo code,date >"$T/sd.csv"
SHP=
for so in $SO; do
	s=$("$K" ship "$so" 2>/dev/null) || rc=$?
	SHP="$SHP $s"
	echo "$s,$1" >>"$T/sd.csv"
	shift
done
"$K" import shipments "$T/sd.csv" --update >/dev/null 2>&1 || rc=$?
for s in $SHP; do "$K" post "$s" >/dev/null 2>&1 || rc=$?; done
is "nine shipments dated back and posted" "0 9" "$rc $(echo $SHP | wc -w)"

# ZAVOD's receipt of 2026-09-01: 10 x 50.00 + VAT 20 % = 600.00, due 09-16.
printf 'code,type,warehouse,supplier,date\nRCP-M1,receipt,MAIN,ZAVOD,2026-09-01\n' \
    >"$T/r.csv"
printf 'doc,product,qty,unit_cost\nRCP-M1,SKU-1,10,50.00\n' >"$T/rl.csv"
rc=0
"$K" import stock_docs "$T/r.csv" >/dev/null 2>&1 || rc=$?
"$K" import stock_lines "$T/rl.csv" >/dev/null 2>&1 || rc=$?
"$K" post RCP-M1 >/dev/null 2>&1 || rc=$?
is "a receipt from the supplier" 0 "$rc"

# Payments: P1 ROMASHKA 500.00 on 07-01 to the bank, against the invoice of
# its first order: it settles S1 (the oldest), 700.00 of it left; P2
# VASILEK 1000.00 on 11-25 in cash: S8 settled, 880.00 advance; P3 KLEVER
# 120.00 on 10-12: S9 paid; P4 to ZAVOD 100.00 on 09-10; P5
# MELNIK 300.00 on 11-01, nothing of theirs to pay: an advance; P6 LUTIK
# 50.00 on 11-26, cancelled: nothing.
INV=$("$K" invoice "$(echo $SO | cut -d' ' -f1)" 2>/dev/null)
rc=0
pay() { "$K" pay "$@" >/dev/null 2>&1 || rc=$?; }
pay "$INV" --amount 500 --date 2026-07-01 --account BANK
pay VASILEK --amount 1000 --date 2026-11-25 --account CASH
pay KLEVER --amount 120 --date 2026-10-12 --account BANK
pay ZAVOD --out --amount 100 --date 2026-09-10 --account BANK
pay MELNIK --out --amount 300 --date 2026-11-01 --account BANK
P6=$("$K" pay LUTIK --amount 50 --date 2026-11-26 --account BANK 2>/dev/null) ||
    rc=$?
"$K" cancel "$P6" >/dev/null 2>&1 || rc=$?
is "payments posted, one cancelled" 0 "$rc"

# --- receivables ------------------------------------------------------------
# As of 2026-11-30, days past due: S1 172 (over 90) 700.00 open; S2 80
# (61-90); S3 19 (1-30); S4 not yet due; S5 30 (1-30, its last day); S6 91
# (over 90, its first); S7 60 (31-60, its last).  The most overdue first
# (ROMASHKA's oldest due 06-11, LUTIK's 08-31), then VASILEK's advance;
# KLEVER owes nothing.  owed = current + overdue - advance.
AGING=code,name,owed,advance,current,d1_30,d31_60,d61_90,d90,overdue
RECV="$AGING
ROMASHKA,ООО «Ромашка»,1660.00,0.00,120.00,240.00,0.00,600.00,700.00,1540.00
LUTIK,ООО «Лютик»,960.00,0.00,0.00,360.00,120.00,0.00,480.00,960.00
VASILEK,ИП Васильков,-880.00,880.00,0.00,0.00,0.00,0.00,0.00,0.00
TOTAL,,2620.00,880.00,120.00,600.00,120.00,600.00,1180.00,2500.00"
is "receivables as of 2026-11-30" "$RECV" "$(csv receivables --as-of 2026-11-30)"
# A day earlier and later: S5 29 / 31 days, S7 59 / 61, S6 90 / 92.
is "the bucket edges a day before" \
    "LUTIK,ООО «Лютик»,960.00,0.00,0.00,360.00,120.00,480.00,0.00,960.00" \
    "$(csv receivables --as-of 2026-11-29 | grep LUTIK)"
is "... and a day after" \
    "LUTIK,ООО «Лютик»,960.00,0.00,0.00,0.00,360.00,120.00,480.00,960.00" \
    "$(csv receivables --as-of 2026-12-01 | grep LUTIK)"
# As of 2026-10-15: S3, S4 and S8 dated later are left out, and VASILEK's
# payment of 11-25: no advance then; S1 126 days, S2 34; S5 not yet due,
# S6 45, S7 14.  KLEVER's S9 was open then but is paid now: not undone.
is "receivables as of 2026-10-15: later documents and advances left out" \
"$AGING
ROMASHKA,ООО «Ромашка»,1300.00,0.00,0.00,0.00,600.00,0.00,700.00,1300.00
LUTIK,ООО «Лютик»,960.00,0.00,360.00,120.00,480.00,0.00,0.00,600.00
TOTAL,,2260.00,0.00,360.00,120.00,1080.00,0.00,700.00,1900.00" \
    "$(csv receivables --as-of 2026-10-15)"
# Today: each row as kontor balance has it (owed, advance, current, the
# four buckets, overdue), whatever the day.
rc=0
for c in ROMASHKA LUTIK VASILEK; do
	b=$("$K" balance $c --format csv | tr -d '\r' | sed -n 2p |
	    awk -F, '{print $1","$4","$6","$7","$8","$9","$10","$11","$5}')
	r=$(csv receivables | grep "^$c," | cut -d, -f1,3-)
	[ "$b" = "$r" ] || { rc=1; echo "# $c: balance $b, report $r"; }
done
is "today: every row as kontor balance says" 0 "$rc"
is "... the total owed adds what each owes (an advance pays no other's debt)" "2620.00" \
    "$(csv receivables | grep '^TOTAL' | cut -d, -f3)"

run "$K" --lang ru report receivables --as-of 2026-11-30
is_ru "text in Russian: the headings, the sums of the days shown" \
"Код       Наименование       Долг  1–30 дн.  31–60 дн.  61–90 дн.  Более 90
ROMASHKA  ООО «Ромашка»  1 660,00    240,00       0,00     600,00    700,00
LUTIK     ООО «Лютик»      960,00    360,00     120,00       0,00    480,00
VASILEK   ИП Васильков    -880,00      0,00       0,00       0,00      0,00
ИТОГО                    2 620,00    600,00     120,00     600,00  1 180,00" \
    "$out"
is "... within 80 columns" 1 "$([ "$(widest "$out")" -le 80 ] && echo 1)"

# --- payables ---------------------------------------------------------------
# ZAVOD: 600.00 - 100.00 = 500.00 open, due 09-16: 75 days (61-90);
# MELNIK: 300.00 paid ahead.
is "payables as of 2026-11-30" \
"$AGING
ZAVOD,АО «Завод»,500.00,0.00,0.00,0.00,0.00,500.00,0.00,500.00
MELNIK,ООО «Мельник»,-300.00,300.00,0.00,0.00,0.00,0.00,0.00,0.00
TOTAL,,500.00,300.00,0.00,0.00,0.00,500.00,0.00,500.00" \
    "$(csv payables --as-of 2026-11-30)"
is "payables as of 2026-09-15: not yet due, MELNIK's advance not yet paid" \
"$AGING
ZAVOD,АО «Завод»,500.00,0.00,500.00,0.00,0.00,0.00,0.00,0.00
TOTAL,,500.00,0.00,500.00,0.00,0.00,0.00,0.00,0.00" \
    "$(csv payables --as-of 2026-09-15)"

# --- cash -------------------------------------------------------------------
# BANK: +500 (07-01) -100 (09-10) +120 (10-12) -300 (11-01) = 220.00 now
# (P6 in and out again); CASH: +1000 (11-25).
CASH=code,name,opening,in,out,closing
is "cash in November" \
"$CASH
BANK,Расчётный счёт,520.00,0.00,300.00,220.00
CASH,Касса,0.00,1000.00,0.00,1000.00
TOTAL,,520.00,1000.00,300.00,1220.00" \
    "$(csv cash --from 2026-11-01 --to 2026-11-30)"
is "cash in the third quarter: the end worked back from today's" \
"$CASH
BANK,Расчётный счёт,0.00,500.00,100.00,400.00
CASH,Касса,0.00,0.00,0.00,0.00
TOTAL,,0.00,500.00,100.00,400.00" \
    "$(csv cash --from 2026-07-01 --to 2026-09-30)"
is "cash today: the balances, nothing moved" \
"$CASH
BANK,Расчётный счёт,220.00,0.00,0.00,220.00
CASH,Касса,1000.00,0.00,0.00,1000.00
TOTAL,,1220.00,0.00,0.00,1220.00" "$(csv cash)"
run "$K" --lang ru report cash --from 2026-11-01 --to 2026-11-30
is_ru "cash in Russian" \
"Код    Наименование    На начало  Поступило  Списано  На конец
BANK   Расчётный счёт     520,00       0,00   300,00    220,00
CASH   Касса                0,00   1 000,00     0,00  1 000,00
ИТОГО                     520,00   1 000,00   300,00  1 220,00" \
    "$out"

# --- payments ---------------------------------------------------------------
PAYS=type,code,name,in,out,count
is "payments per counterparty: customers, then suppliers; the cancelled one not" \
"$PAYS
customer,KLEVER,ООО «Клевер»,120.00,0.00,1
customer,ROMASHKA,ООО «Ромашка»,500.00,0.00,1
customer,VASILEK,ИП Васильков,1000.00,0.00,1
supplier,MELNIK,ООО «Мельник»,0.00,300.00,1
supplier,ZAVOD,АО «Завод»,0.00,100.00,1
TOTAL,,,1620.00,400.00,5" \
    "$(csv payments --from 2026-07-01 --to 2026-11-30)"
is "payments per account" \
"$PAYS
account,BANK,Расчётный счёт,620.00,400.00,4
account,CASH,Касса,1000.00,0.00,1
TOTAL,,,1620.00,400.00,5" "$(csv payments --by account)"
is "payments of November" \
"$PAYS
customer,VASILEK,ИП Васильков,1000.00,0.00,1
supplier,MELNIK,ООО «Мельник»,0.00,300.00,1
TOTAL,,,1000.00,300.00,2" "$(csv payments --from 2026-11-01 --by counterparty)"
run "$K" --lang ru report payments --from 2026-11-01
is_ru "payments in Russian" \
"Вид         Код      Наименование   Поступило  Списано  Кол-во
покупатель  VASILEK  ИП Васильков    1 000,00     0,00       1
поставщик   MELNIK   ООО «Мельник»       0,00   300,00       1
ИТОГО                                1 000,00   300,00       2" \
    "$out"

# --- refusals ---------------------------------------------------------------
run "$K" report receivables --by customer
is "receivables --by: exit 64" "64 kontor: receivables takes no --by" \
    "$rc $err"
run "$K" report payables --from 2026-01-01
is "payables --from: exit 64" \
    "64 kontor: payables takes no --from or --to: --as-of DATE ages it as of a date" \
    "$rc $err"
run "$K" report payments --by product
is "payments --by product: exit 64" \
    "64 kontor: payments: --by counterparty or account expected, got 'product'" \
    "$rc $err"
run "$K" report cash --from 2026-12-01 --to 2026-11-01
is "cash --from after --to: exit 65" "65 kontor: --from is after --to" \
    "$rc $err"
run "$K" report sales --as-of 2026-11-30
is "a report without --as-of refuses it: exit 64" \
    "64 kontor: sales takes no --as-of" "$rc $err"
run "$K" report receivables --as-of 2026-13-01
is "a bad --as-of: exit 64" 64 "$rc"
run "$K" --lang ru report cash --period day
is_ru "a refusal in Russian" "kontor: cash: --period не поддерживается" "$err"

# --- who sees what ----------------------------------------------------------
if [ "$(id -u)" != 0 ] || ! command -v useradd >/dev/null ||
    ! command -v setpriv >/dev/null; then
	for d in "a clerk: their own customers" "... no payables" \
	    "... nor cash" "an accountant: every customer" \
	    "a clerk with no customers: the total alone"; do
		skip "$d" "not root: no second Unix user"
	done
	done_testing
fi
G=kontorsock
getent group $G >/dev/null || groupadd $G
getent passwd $U >/dev/null || useradd -M -N -g $G -s /bin/sh $U
S=$(mktemp -d /tmp/ks.XXXXXX)
chmod 0711 "$S"
SOCK=$S/kontor.sock
EXTRA_CLEANUP='kill $srv 2>/dev/null; wait $srv 2>/dev/null; rm -rf "$S"'
"$K" stop >/dev/null 2>&1
"$K" --socket "$SOCK" serve --socket-group $G &
srv=$!
poll_until 10 test -S "$SOCK"
as_clerk() {
	run setpriv --reuid="$(id -u $U)" --regid="$(getent group $G |
	    cut -d: -f3)" --clear-groups env KONTOR_SOCKET="$SOCK" \
	    KONTOR_HOME="$KONTOR_HOME" "$K" "$@"
	out=$(printf '%s\n' "$out" | tr -d '\r')
}
as_clerk report receivables --as-of 2026-11-30 --format csv
is "a clerk: their own customers" \
"$AGING
ROMASHKA,ООО «Ромашка»,1660.00,0.00,120.00,240.00,0.00,600.00,700.00,1540.00
VASILEK,ИП Васильков,-880.00,880.00,0.00,0.00,0.00,0.00,0.00,0.00
TOTAL,,1660.00,880.00,120.00,240.00,0.00,600.00,700.00,1540.00" "$out"
as_clerk report payables
is "... no payables: exit 77" 77 "$rc"
as_clerk report cash
is "... nor cash: exit 77" 77 "$rc"
"$K" --socket "$SOCK" user mod $U --role accountant >/dev/null 2>&1
as_clerk report receivables --as-of 2026-11-30 --format csv
is "an accountant: every customer" "$RECV" "$out"
"$K" --socket "$SOCK" user mod $U --role sales >/dev/null 2>&1
printf 'code,manager\nROMASHKA,root\nVASILEK,root\n' >"$T/m.csv"
"$K" --socket "$SOCK" import customers "$T/m.csv" --update >/dev/null 2>&1
as_clerk report receivables --as-of 2026-11-30 --format csv
is "a clerk with no customers: the total alone" \
"$AGING
TOTAL,,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00" "$out"
done_testing
