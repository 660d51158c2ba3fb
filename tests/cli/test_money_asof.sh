#!/bin/sh
# Receivables, payables and kontor balance as of a past date: that day's
# history.  A shipment paid after the date is open then (overdue by the
# days to the date); an advance set against a shipment after the date is
# an advance then; a shipment paid in part before the date and the rest
# after it is open by the rest; a receipt from a supplier paid after the
# date is owed then.  Without --as-of (now) and with --as-of today the
# rows are the same.  Every number is worked out by hand below.  Then a
# sales clerk's kontor balance: their own customers only, another's and a
# supplier's refused with exit 77 (needs root for a second Unix user).
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 17
K="$KONTOR"
LANG=C.UTF-8
export LANG
unset LC_ALL LC_MESSAGES LANGUAGE

csv() { "$K" report "$@" --format csv 2>&1 | tr -d '\r'; }
bal() { "$K" balance "$@" --format csv 2>&1 | tr -d '\r'; }
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1 # SKIP $2"; }

run "$K" init --company "ООО «Торговый дом»"
is "init" 0 "$rc"
U=kontorasof
"$K" user add $U --role sales >/dev/null 2>&1
printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
# Payment terms: ALFA 10 days, BETA and GAMMA none.
cat >"$T/c.csv" <<CSV
code,name,kind,terms_days,manager
ALFA,ООО «Альфа»,company,10,$U
BETA,ООО «Бета»,company,0,root
GAMMA,ООО «Гамма»,company,0,$U
CSV
printf 'code,name,inn,terms_days\nZAVOD,АО «Завод»,7728168971,15\n' >"$T/s.csv"
# One unit: 100.00 + VAT 20 % = 120.00 owed.
printf 'sku,name,unit,purchase_price,sale_price,vat\nSKU-1,Болт,pcs,50.00,100.00,20\n' \
    >"$T/p.csv"
printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,SKU-1,MAIN,1000,50.00\n' \
    >"$T/in.csv"
printf 'code,name,kind,bank,bik,corr_account,number\nBANK,Расчётный счёт,bank,ПАО Сбербанк,044525225,30101810400000000225,40702810938000000001\n' >"$T/a.csv"
rc=0
for f in warehouses:wh customers:c suppliers:s products:p accounts:a; do
	"$K" import "${f%%:*}" "$T/${f#*:}.csv" >/dev/null 2>&1 || rc=$?
done
"$K" import stock-moves "$T/in.csv" >/dev/null 2>&1 || rc=$?
is "masters, stock and an account" 0 "$rc"

# The shipments, each of its own order:
#   S1 ALFA  2026-10-01 10 = 1200.00 due 10-11
#   S2 ALFA  2026-11-01  1 =  120.00 due 11-11
#   S3 BETA  2026-11-10  1 =  120.00 due 11-10
#   S4 GAMMA 2026-09-01  5 =  600.00 due 09-01
cat >"$T/so.csv" <<'CSV'
order,customer,date,warehouse,sku,quantity
1,ALFA,2026-10-01,MAIN,SKU-1,10
2,ALFA,2026-11-01,MAIN,SKU-1,1
3,BETA,2026-11-10,MAIN,SKU-1,1
4,GAMMA,2026-09-01,MAIN,SKU-1,5
CSV
"$K" import sales-orders "$T/so.csv" --post >"$T/so.out" 2>/dev/null
SO=$(grep '^SO-' "$T/so.out")
set -- 2026-10-01 2026-11-01 2026-11-10 2026-09-01
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
S1=$(echo $SHP | cut -d' ' -f1)
is "four shipments dated back and posted" "0 4" "$rc $(echo $SHP | wc -w)"

# ZAVOD's receipt of 2026-10-01: 10 x 50.00 + VAT 20 % = 600.00, due 10-16.
printf 'code,type,warehouse,supplier,date\nRCP-A1,receipt,MAIN,ZAVOD,2026-10-01\n' \
    >"$T/r.csv"
printf 'doc,product,qty,unit_cost\nRCP-A1,SKU-1,10,50.00\n' >"$T/rl.csv"
rc=0
"$K" import stock_docs "$T/r.csv" >/dev/null 2>&1 || rc=$?
"$K" import stock_lines "$T/rl.csv" >/dev/null 2>&1 || rc=$?
"$K" post RCP-A1 >/dev/null 2>&1 || rc=$?
is "a receipt from the supplier" 0 "$rc"

# Payments: ALFA 1200.00 on 11-05 settles S1; BETA 300.00 on 11-01, an
# advance S3 takes 120.00 of (on 11-10, S3's date); GAMMA 200.00 on 09-15
# and 400.00 on 11-20, S4 paid in two; ZAVOD paid 600.00 on 11-02.
rc=0
pay() { "$K" pay "$@" --account BANK >/dev/null 2>&1 || rc=$?; }
pay ALFA --amount 1200 --date 2026-11-05
pay BETA --amount 300 --date 2026-11-01
pay GAMMA --amount 200 --date 2026-09-15
pay GAMMA --amount 400 --date 2026-11-20
pay ZAVOD --out --amount 600 --date 2026-11-02
is "payments posted" 0 "$rc"

AGING=code,name,owed,advance,current,d1_30,d31_60,d61_90,d90,overdue
# As of 2026-10-20: S1 not paid yet, 9 days overdue; S2 and S3 later;
# BETA's advance of 11-01 not there; S4 400.00 open of 600.00, 49 days.
# GAMMA's oldest due first.
is "receivables as of 2026-10-20: a shipment paid since is open then" \
"$AGING
GAMMA,ООО «Гамма»,400.00,0.00,0.00,0.00,400.00,0.00,0.00,400.00
ALFA,ООО «Альфа»,1200.00,0.00,0.00,1200.00,0.00,0.00,0.00,1200.00
TOTAL,,1600.00,0.00,0.00,1200.00,400.00,0.00,0.00,1600.00" \
    "$(csv receivables --as-of 2026-10-20)"
# As of 2026-11-05: S1 paid that day; S2 not yet due; BETA's 300.00 all
# an advance (S3 took its part on 11-10); S4 65 days.
is "... as of 2026-11-05: an advance applied since is an advance then" \
"$AGING
GAMMA,ООО «Гамма»,400.00,0.00,0.00,0.00,0.00,400.00,0.00,400.00
ALFA,ООО «Альфа»,120.00,0.00,120.00,0.00,0.00,0.00,0.00,0.00
BETA,ООО «Бета»,-300.00,300.00,0.00,0.00,0.00,0.00,0.00,0.00
TOTAL,,520.00,300.00,120.00,0.00,0.00,400.00,0.00,400.00" \
    "$(csv receivables --as-of 2026-11-05)"
# Now: S2 open (due 11-11), BETA's advance 180.00 left, GAMMA paid.
NOW=$(csv receivables)
is "... now: what is open now" \
"ALFA,ООО «Альфа»,120.00,0.00
BETA,ООО «Бета»,-180.00,180.00
TOTAL,,120.00,180.00" "$(printf '%s\n' "$NOW" | sed 1d | cut -d, -f1-4)"
is "... as of today: the same rows" "$NOW" \
    "$(csv receivables --as-of "$(date +%F)")"

is "payables as of 2026-10-20: the receipt paid since is owed then" \
"$AGING
ZAVOD,АО «Завод»,600.00,0.00,0.00,600.00,0.00,0.00,0.00,600.00
TOTAL,,600.00,0.00,0.00,600.00,0.00,0.00,0.00,600.00" \
    "$(csv payables --as-of 2026-10-20)"
is "... and nothing now" "$AGING
TOTAL,,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00" "$(csv payables)"

is "kontor balance as of 2026-10-20: the shipment open then, paid nothing" \
"code,name,kind,owed,overdue,advance,current,d1_30,d31_60,d61_90,d90
ALFA,ООО «Альфа»,customer,1200.00,1200.00,0.00,0.00,1200.00,0.00,0.00,0.00
document,date,due,amount,paid,open
$S1,2026-10-01,2026-10-11,1200.00,0.00,1200.00" \
    "$(bal ALFA --as-of 2026-10-20)"
is "... BETA as of 2026-11-05: the advance whole" \
    "BETA,ООО «Бета»,customer,-300.00,0.00,300.00,0.00,0.00,0.00,0.00,0.00" \
    "$(bal BETA --as-of 2026-11-05 | sed -n 2p)"
is "... ZAVOD as of 2026-10-20" \
    "ZAVOD,АО «Завод»,supplier,600.00,600.00,0.00,0.00,600.00,0.00,0.00,0.00" \
    "$(bal ZAVOD --as-of 2026-10-20 | sed -n 2p)"
run "$K" check
is "kontor check holds" 0 "$rc"

# --- a sales clerk's balances -------------------------------------------
if [ "$(id -u)" != 0 ] || ! command -v useradd >/dev/null ||
    ! command -v setpriv >/dev/null || case $KONTOR in /root/*) true ;;
    *) false ;; esac; then
	for d in "a clerk: their own customer's balance" \
	    "... another's: refused, exit 77"; do
		skip "$d" "needs root, useradd and setpriv for a second Unix user"
	done
	done_testing
fi
G=kontorsock
getent group $G >/dev/null || groupadd $G 2>/dev/null || getent group $G >/dev/null
getent passwd $U >/dev/null || useradd -M -N -g $G -s /bin/sh $U 2>/dev/null ||
    getent passwd $U >/dev/null
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
as_clerk balance ALFA --as-of 2026-10-20 --format csv
is "a clerk: their own customer's balance" \
    "0 ALFA,ООО «Альфа»,customer,1200.00,1200.00,0.00,0.00,1200.00,0.00,0.00,0.00" \
    "$rc $(printf '%s\n' "$out" | sed -n 2p)"
as_clerk balance BETA
b="$rc $err"
as_clerk balance ZAVOD
is "... another's: refused, exit 77; a supplier's too" \
    "77 kontor: BETA is not one of your customers: a sales clerk sees the balances of the customers they manage|77" \
    "$b|$rc"
done_testing
