#!/bin/sh
# Eight clerks sell to and take money from the same twenty customers at
# once, and the server is killed (SIGKILL) in the middle.
#
# Twenty customers, four products with plenty of stock, one bank account.
# Eight clerks run kontor in a loop for KONTOR_MONEY_SECONDS (30) seconds:
# each confirms an order of one line for a customer (import sales-orders
# --post), now and then makes its invoice, ships and posts it; pays for
# some customer (naming the customer, the invoice or the shipment, each
# payment with a bank number of its own, so a command run again after an
# unknown outcome is known as the same payment and not counted twice);
# now and then returns a unit of one of its shipments or cancels one of
# its payments, or posts the line of a bank statement other clerks post
# at the same time (one payment, whoever posts it).  A clerk logs an action only after it was acknowledged:
# a payment's number is the one kontor printed.
#
# While they run and after the kill kontor check passes; at the end,
# after a stop and a start: every acknowledged payment exists with the amount,
# customer and status it was left in, no bank number is posted twice, the
# posted shipments and returns are the acknowledged ones, every
# customer's balance is what its shipments less returns and its posted
# payments make (from the exports), and kontor check passes (each
# balance equals its documents, each allocation within its payment and
# its document, the account's balance its payments).

. "${KONTOR_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

SECONDS_EACH=${KONTOR_MONEY_SECONDS:-30}
NC=8
NCUST=20
SKUS="P1 P2 P3 P4"
K="$KONTOR"

rand() { echo $(($(od -An -N2 -tu2 /dev/urandom) % $1)); }
server_pid() { cat "$KONTOR_HOME/kontor.pid" 2>/dev/null; }
gone() { ! running "$1"; }
new_server() { _p=$(server_pid); [ -n "$_p" ] && [ "$_p" != "$1" ] &&
    running "$_p"; }
acked() { cat "$T"/log[0-9]* 2>/dev/null | wc -l; }
acked_ge() { [ "$(acked)" -ge "$1" ]; }
finished() { ! running "$1"; }
all_finished() {
	for _p in $clerks; do
		finished "$_p" || return 1
	done
}

plan 24

run "$K" init --company "Взаиморасчёты"
is "kontor init" 0 "$rc"
printf 'code,name\nMAIN,Склад\n' >"$T/wh.csv"
run "$K" import warehouses "$T/wh.csv"
is "a warehouse" 0 "$rc"
echo "code,name,kind,terms_days" >"$T/c.csv"
for i in $(seq 1 $NCUST); do
	printf 'C%02d,ООО «Покупатель %d»,company,%d\n' $i $i $((i % 3 * 15))
done >>"$T/c.csv"
run "$K" import customers "$T/c.csv"
is "twenty customers" 0 "$rc"
printf 'code,name,kind,bank,bik,corr_account,number,opening\nBANK,Расчётный счёт,bank,ПАО Сбербанк,044525225,30101810400000000225,40702810938000000001,1000.00\n' >"$T/a.csv"
run "$K" import accounts "$T/a.csv"
is "a bank account" 0 "$rc"
echo "sku,name,unit,purchase_price,sale_price,vat" >"$T/p.csv"
echo "type,sku,warehouse,quantity,unit_cost" >"$T/in.csv"
for s in $SKUS; do
	echo "$s,Товар $s,pcs,10.00,15.00,20" >>"$T/p.csv"
	echo "receipt,$s,MAIN,100000,10.00" >>"$T/in.csv"
done
run "$K" import products "$T/p.csv"
is "four products" 0 "$rc"
run "$K" import stock-moves "$T/in.csv"
is "plenty of each" 0 "$rc"

# again CMD...: run CMD (setting $_out and $_rc, stderr in $T/eN) until
# it is not told the server is busy or gone; a command cut off by the
# kill is re-sent by the client library and answered once.
again() {
	_try=0
	while :; do
		_out=$("$@" 2>"$T/e$_n")
		_rc=$?
		[ "$_rc" = 75 ] || [ "$_rc" = 69 ] || break
		_try=$((_try + 1))
		[ "$_try" -lt 20 ] || break
	done
}
# bad WHAT: a refusal no clerk expects, for the test to fail on.
bad() { echo "$1: $_rc $(cat "$T/e$_n")" >>"$T/err$_n"; }

# clerk N: the loop.  Log lines:
#   ship SHP CUST			(posted; its receivable from the export)
#   pay PAY CUST AMOUNT BANKNO	(posted)
#   cancel PAY
#   ret RET SHP
clerk() {
	_n=$1
	_log=$T/log$_n
	_end=$(($(date +%s) + SECONDS_EACH))
	_cap=$((_end + 120))	# should the test never say stop
	_i=0
	: >"$T/ships$_n"
	: >"$T/pays$_n"
	while { [ "$(date +%s)" -lt "$_end" ] || [ ! -e "$T/stop" ]; } &&
	    [ "$(date +%s)" -lt "$_cap" ]; do
		_i=$((_i + 1))
		_c=C$(printf %02d $(($(rand $NCUST) + 1)))
		_inv=
		_shp=
		if [ "$(rand 3)" != 0 ]; then
			_s=$(echo $SKUS | cut -d' ' -f$(($(rand 4) + 1)))
			printf 'order,customer,warehouse,sku,quantity\no,%s,MAIN,%s,%s\n' \
			    "$_c" "$_s" $(($(rand 3) + 1)) >"$T/o$_n.csv"
			again "$K" import sales-orders "$T/o$_n.csv" --post
			if [ "$_rc" != 0 ]; then
				bad "order for $_c"
				continue
			fi
			_so=$_out
			if [ "$(rand 2)" = 0 ]; then
				again "$K" invoice "$_so"
				if [ "$_rc" = 65 ] && grep -q "has its invoice" "$T/e$_n"; then
					_out=$(sed -n 's/.* has its invoice \(INV-[0-9-]*\) already.*/\1/p' "$T/e$_n")
					_rc=0
				fi
				[ "$_rc" = 0 ] && _inv=$_out || bad "invoice $_so"
			fi
			again "$K" ship "$_so"
			if [ "$_rc" = 65 ] && grep -q "is a draft of it already" "$T/e$_n"; then
				_out=$(sed -n 's/.*shipment \(SHP-[0-9-]*\) is a draft.*/\1/p' "$T/e$_n")
				_rc=0
			fi
			if [ "$_rc" != 0 ]; then
				bad "ship $_so"
				continue
			fi
			_shp=$_out
			again "$K" post "$_shp"
			if [ "$_rc" = 65 ] && grep -q "is posted already" "$T/e$_n"; then
				_rc=0
			fi
			if [ "$_rc" = 0 ]; then
				echo "ship $_shp $_c" >>"$_log"
				echo "$_shp $_s" >>"$T/ships$_n"
			else
				bad "post $_shp"
				_shp=
			fi
		fi
		# A payment: for the customer, its invoice or its shipment.
		_a=$(($(rand 400) + 1)).$(($(rand 90) + 10))
		_b=$_n-$_i
		case $(rand 3) in
		0) _what=${_inv:-$_c} ;;
		1) _what=${_shp:-$_c} ;;
		*) _what=$_c ;;
		esac
		again "$K" pay "$_what" --amount "$_a" --bank-number "$_b"
		if [ "$_rc" = 0 ]; then
			echo "pay $_out $_c $_a $_b" >>"$_log"
			echo "$_out" >>"$T/pays$_n"
		else
			bad "pay $_what $_a"
		fi
		# The same line of a bank statement, posted by whichever
		# clerks come to it in the same two seconds: one payment.
		if [ "$(rand 4)" = 0 ]; then
			_b=S-$(($(date +%s) / 2))
			again "$K" pay C01 --amount 11.11 --bank-number "$_b"
			if [ "$_rc" = 0 ]; then
				echo "pay $_out C01 11.11 $_b" >>"$_log"
			else
				bad "pay C01 11.11 $_b"
			fi
		fi
		# Now and then a unit back, or a payment cancelled.
		if [ "$(rand 5)" = 0 ] && [ -s "$T/ships$_n" ]; then
			_r=$(shuf -n 1 "$T/ships$_n")
			_s=${_r#* }
			_r=${_r%% *}
			# A return is not re-run on an unknown outcome: it
			# would be a second one.
			_out=$("$K" return "$_r" --sku "$_s" --quantity 1 2>"$T/e$_n")
			_rc=$?
			if [ "$_rc" = 0 ]; then
				echo "ret $_out $_r" >>"$_log"
			elif [ "$_rc" = 65 ] && grep -Eq "(0 shipped|leaves 0)" "$T/e$_n"; then
				:	# all of it back already
			elif [ "$_rc" != 75 ] && [ "$_rc" != 69 ]; then
				bad "return $_r $_s"
			fi
		fi
		if [ "$(rand 8)" = 0 ] && [ -s "$T/pays$_n" ]; then
			_p=$(shuf -n 1 "$T/pays$_n")
			again "$K" cancel "$_p"
			if [ "$_rc" = 65 ] && grep -q "is cancelled already" "$T/e$_n"; then
				_rc=0
			fi
			if [ "$_rc" = 0 ]; then
				echo "cancel $_p" >>"$_log"
				grep -v "^$_p\$" "$T/pays$_n" >"$T/pp$_n"
				mv "$T/pp$_n" "$T/pays$_n"
			else
				bad "cancel $_p"
			fi
		fi
	done
}

clerks=""
for i in $(seq 1 $NC); do
	clerk "$i" >/dev/null 2>&1 &
	clerks="$clerks $!"
	pids="$pids $!"
done

# export ENTITY FILE: the rows, a header of field names first.
export_csv() { "$K" export "$1" --raw | tr -d '\r' >"$2"; }

# verify WHEN: the database against the clerks' logs.
verify() {
	cat "$T"/log[0-9]* >"$T/all.log" 2>/dev/null
	export_csv payments "$T/pay.csv"
	export_csv shipments "$T/shp.csv"
	export_csv customer_returns "$T/ret.csv"
	export_csv balances "$T/bal.csv"
	export_csv customers "$T/cust.csv"
	# The acknowledged payments: number, customer, amount, status.
	awk '$1 == "pay" { c[$2] = $3; a[$2] = $4 } $1 == "cancel" { x[$2] = 1 }
	    END { for (k in c) print k, c[k], a[k] + 0,
		(k in x) ? "cancelled" : "posted" }' "$T/all.log" |
	    sort >"$T/exp.pay"
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    { print $1, $h["customer"], $h["amount"] + 0, $h["status"] }' \
	    "$T/pay.csv" | sort >"$T/got.pay"
	is "$1: the payments are the acknowledged ones, as they were left ($(wc -l <"$T/exp.pay"))" \
	    "" "$(diff "$T/exp.pay" "$T/got.pay" | head -10)"
	is "$1: a bank line posted by several clerks is one payment" "" \
	    "$(awk '$1 == "pay" && $5 ~ /^S-/ { if ($5 in p && p[$5] != $2)
		print $5, p[$5], $2; p[$5] = $2 }' "$T/all.log")"
	is "$1: no bank number is posted twice" "" \
	    "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    $h["status"] == "posted" { n[$h["bank_number"]]++ }
	    END { for (b in n) if (n[b] > 1) print b, n[b] }' "$T/pay.csv")"
	awk '$1 == "ship" { print $2 }' "$T/all.log" | sort >"$T/exp.shp"
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    $h["status"] == "posted" { print $1 }' "$T/shp.csv" |
	    sort >"$T/got.shp"
	is "$1: the posted shipments are the acknowledged ones ($(wc -l <"$T/exp.shp"))" \
	    "" "$(diff "$T/exp.shp" "$T/got.shp" | head -10)"
	awk '$1 == "ret" { print $2 }' "$T/all.log" | sort >"$T/exp.ret"
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    $h["status"] == "posted" { print $1 }' "$T/ret.csv" |
	    sort >"$T/got.ret"
	is "$1: every acknowledged return is posted ($(wc -l <"$T/exp.ret"))" \
	    "" "$(comm -23 "$T/exp.ret" "$T/got.ret" | head -10)"
	# Each customer: shipped less returned, and paid, from the
	# documents; the balance record must say the same.
	awk -F, 'FILENAME ~ /cust/ { if (FNR == 1) { for (i = 1; i <= NF; i++) hc[$i] = i; next }
		n++; code[n] = $1; next }
	    FILENAME ~ /shp/ { if (FNR == 1) { for (i = 1; i <= NF; i++) hs[$i] = i; next }
		if ($hs["status"] == "posted") d[$hs["customer"]] += $hs["receivable"] * 100; next }
	    FILENAME ~ /pay/ { if (FNR == 1) { for (i = 1; i <= NF; i++) hp[$i] = i; next }
		if ($hp["status"] == "posted") p[$hp["customer"]] += $hp["amount"] * 100; next }
	    END { for (i = 1; i <= n; i++) { c = code[i]
		if (d[c] != 0 || p[c] != 0)
			printf "%s %.0f %.0f %.0f\n", c, d[c], p[c],
			    d[c] - p[c] } }' \
	    "$T/cust.csv" "$T/shp.csv" "$T/pay.csv" | sort >"$T/exp.bal"
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    $h["customer"] != "" && ($h["documents"] != 0 || $h["paid"] != 0) {
		printf "%s %.0f %.0f %.0f\n", $h["customer"],
		$h["documents"] * 100, $h["paid"] * 100, $h["owed"] * 100 }' \
	    "$T/bal.csv" | sort >"$T/got.bal"
	is "$1: every balance is its shipments less returns, and its payments" \
	    "" "$(diff "$T/exp.bal" "$T/got.bal" | head -10)"
	run "$K" check
	if [ "$rc" = 0 ]; then pass "$1: kontor check"
	else fail "$1: kontor check" "$out" "$err"; fi
}

ok "the clerks sell and take money" poll_until 60 acked_ge 40
run "$K" check
if [ "$rc" = 0 ]; then pass "kontor check while eight clerks work"
else fail "kontor check while eight clerks work" "$out" "$err"; fi

# Midway: the server killed.
mid=$(($(date +%s) + SECONDS_EACH / 2 - 2))
midway() { [ "$(date +%s)" -ge "$mid" ]; }
poll_until $((SECONDS_EACH + 10)) midway
old=$(server_pid)
a=$(acked)
kill -9 "$old"
ok "the server is killed midway" poll_until 10 gone "$old"
ok "a clerk's next command starts a new one" poll_until 30 new_server "$old"
ok "... and the clerks go on" poll_until 90 acked_ge $((a + 20))
touch "$T/stop"
run "$K" check
if [ "$rc" = 0 ]; then pass "kontor check after the kill, while they work"
else fail "kontor check after the kill, while they work" "$out" "$err"; fi

ok "the clerks finish" poll_until $((SECONDS_EACH + 120)) all_finished
for p in $clerks; do wait "$p" 2>/dev/null; done
pids=""
is "no refusal nobody expects" "" "$(cat "$T"/err[0-9]* 2>/dev/null | head -20)"
cat "$T"/log[0-9]* | awk '{ n[$1]++ } END { printf "# %d shipments, %d payments, %d cancelled, %d returns\n",
    n["ship"], n["pay"], n["cancel"], n["ret"] }'

run "$K" check
if [ "$rc" = 0 ]; then pass "kontor check when they are done"
else fail "kontor check when they are done" "$out" "$err"; fi
old=$(server_pid)
run "$K" stop
is "kontor stop" 0 "$rc"
ok "... the server is gone" poll_until 30 gone "$old"
verify "restarted"
done_testing
