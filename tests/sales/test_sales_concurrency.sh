#!/bin/sh
# Eight sales clerks confirm and ship orders for the same scarce products
# at once, and the server is killed (SIGKILL) in the middle.
#
# Four products with 12 units each in one warehouse.  Eight clerks run
# kontor in a loop for KONTOR_SALES_SECONDS (20) seconds: each imports an
# order of one or two lines with --post (confirmed and reserved in one
# transaction, or refused whole for lack of stock with exactly "SKU at
# Warehouse: A available, Q requested"), then ships it (ship SO, post
# SHP), cancels it, or leaves it confirmed; now and then three units come
# in.  A clerk logs an action only after it was acknowledged; a command
# cut off by the kill is run again (the client library re-sends an
# unanswered request, which the server answers from its request log).
#
# While they run, and after the kill, and at the end (running, then
# after a stop and a start): nothing is oversold (on hand and available
# >= 0), on hand is what came in less what the acknowledged shipments
# took, reserved is what the acknowledged open orders hold, the orders
# and shipments are exactly the acknowledged ones in the status they
# were left in, their numbers have no gaps, and kontor check passes.

. "${KONTOR_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

# The clerks sell for SECONDS_EACH at least, and on until the test has
# seen them go on after the kill (then it makes $T/stop): a loaded
# machine slows them, never cuts the check short.
SECONDS_EACH=${KONTOR_SALES_SECONDS:-20}
NC=8
SKUS="SKU-2001 SKU-2002 SKU-2003 SKU-2004"
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

plan 28

run "$K" init --company "Дефицит"
is "kontor init" 0 "$rc"
printf 'code,name\nMAIN,Склад\n' >"$T/wh.csv"
run "$K" import warehouses "$T/wh.csv"
is "a warehouse without negative stock" 0 "$rc"
printf 'code,name,kind\nC1,ООО «Покупатель»,company\n' >"$T/c.csv"
run "$K" import customers "$T/c.csv"
is "a customer" 0 "$rc"
echo "sku,name,unit,purchase_price,sale_price" >"$T/p.csv"
echo "type,sku,warehouse,quantity,unit_cost" >"$T/in.csv"
for s in $SKUS; do
	echo "$s,Дефицит $s,pcs,10.00,15.00" >>"$T/p.csv"
	echo "receipt,$s,MAIN,12,10.00" >>"$T/in.csv"
done
run "$K" import products "$T/p.csv"
is "four products" 0 "$rc"
run "$K" import stock-moves "$T/in.csv"
is "12 units of each" 0 "$rc"
for s in $SKUS; do echo "in $s 12"; done >"$T/setup.log"

# clerk N: the loop.  Log lines:
#   so CODE SKU QTY		(one per line of a confirmed order)
#   ship CODE SHP		(shipped whole and posted)
#   cancel CODE
#   in SKU QTY			(a receipt)
# A refusal that is not a shortage, or a shortage said otherwise, goes
# to errN and fails the test.
clerk() {
	_n=$1
	_log=$T/log$_n
	_err=$T/err$_n
	_end=$(($(date +%s) + SECONDS_EACH))
	_i=0
	_cap=$((_end + 240))	# should the test never say stop
	while { [ "$(date +%s)" -lt "$_end" ] || [ ! -e "$T/stop" ]; } &&
	    [ "$(date +%s)" -lt "$_cap" ]; do
		_i=$((_i + 1))
		# Now and then three units come in, first thing (a clerk
		# whose orders all fall short must still bring stock, or
		# the selling stops for good).
		if [ "$(rand 6)" = 0 ]; then
			_s=$(echo $SKUS | cut -d' ' -f$(($(rand 4) + 1)))
			printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,%s,MAIN,3,11.00\n' \
			    "$_s" >"$T/r$_n.csv"
			if "$K" import stock-moves "$T/r$_n.csv" 2>"$T/e$_n"; then
				echo "in $_s 3" >>"$_log"
			fi
		fi
		_f=$T/o$_n.csv
		echo "order,customer,warehouse,sku,quantity" >"$_f"
		_a=$(echo $SKUS | cut -d' ' -f$(($(rand 4) + 1)))
		_qa=$(($(rand 3) + 1))
		echo "o,C1,MAIN,$_a,$_qa" >>"$_f"
		_lines="$_a $_qa"
		if [ "$(rand 2)" = 0 ]; then
			_b=$(echo $SKUS | cut -d' ' -f$(($(rand 4) + 1)))
			if [ "$_b" != "$_a" ]; then
				echo "o,C1,MAIN,$_b,1" >>"$_f"
				_lines="$_lines,$_b 1"
			fi
		fi
		_try=0
		while :; do
			_out=$("$K" import sales-orders "$_f" --post 2>"$T/e$_n")
			_rc=$?
			[ "$_rc" = 75 ] || [ "$_rc" = 69 ] || break
			_try=$((_try + 1))
			[ "$_try" -lt 20 ] || break
		done
		if [ "$_rc" = 65 ]; then
			if ! grep -Eq "^$_f:[23]: SKU-200[1-4] at MAIN: [0-9]+ available, [1-3] requested\$" \
			    "$T/e$_n"; then
				cat "$T/e$_n" >>"$_err"
			fi
			echo short >>"$T/short$_n"
			continue
		fi
		if [ "$_rc" != 0 ]; then
			echo "import: $_rc $(cat "$T/e$_n")" >>"$_err"
			continue
		fi
		_so=$_out
		echo "$_lines" | tr , '\n' | while read -r _s _q; do
			echo "so $_so $_s $_q"
		done >>"$_log"
		case $(rand 4) in
		0|1)
			_try=0
			while :; do
				_shp=$("$K" ship "$_so" 2>"$T/e$_n")
				_rc=$?
				if [ "$_rc" = 65 ] && grep -q "is a draft of it already" "$T/e$_n"; then
					_shp=$(sed -n 's/.*shipment \(SHP-[0-9-]*\) is a draft.*/\1/p' "$T/e$_n")
					_rc=0
				fi
				[ "$_rc" = 75 ] || [ "$_rc" = 69 ] || break
				_try=$((_try + 1))
				[ "$_try" -lt 20 ] || break
			done
			if [ "$_rc" != 0 ]; then
				echo "ship $_so: $_rc $(cat "$T/e$_n")" >>"$_err"
				continue
			fi
			_try=0
			while :; do
				"$K" post "$_shp" 2>"$T/e$_n"
				_rc=$?
				if [ "$_rc" = 65 ] && grep -q "is posted already" "$T/e$_n"; then
					_rc=0
				fi
				[ "$_rc" = 75 ] || [ "$_rc" = 69 ] || break
				_try=$((_try + 1))
				[ "$_try" -lt 20 ] || break
			done
			if [ "$_rc" = 0 ]; then
				echo "ship $_so $_shp" >>"$_log"
			else
				echo "post $_shp: $_rc $(cat "$T/e$_n")" >>"$_err"
			fi
			;;
		2)
			_try=0
			while :; do
				"$K" cancel "$_so" 2>"$T/e$_n"
				_rc=$?
				if [ "$_rc" = 65 ] && grep -q "is cancelled" "$T/e$_n"; then
					_rc=0
				fi
				[ "$_rc" = 75 ] || [ "$_rc" = 69 ] || break
				_try=$((_try + 1))
				[ "$_try" -lt 20 ] || break
			done
			if [ "$_rc" = 0 ]; then
				echo "cancel $_so" >>"$_log"
			else
				echo "cancel $_so: $_rc $(cat "$T/e$_n")" >>"$_err"
			fi
			;;
		esac
	done
}

clerks=""
for i in $(seq 1 $NC); do
	clerk "$i" >/dev/null 2>&1 &
	clerks="$clerks $!"
	pids="$pids $!"
done

# export ENTITY FILE: the rows without the header.
export_csv() { "$K" export "$1" --raw | tr -d '\r' | sed 1d >"$2"; }

# verify WHEN: the database against the clerks' logs.
verify() {
	cat "$T/setup.log" "$T"/log[0-9]* >"$T/all.log" 2>/dev/null
	export_csv stock "$T/stock.csv"
	export_csv sales_orders "$T/so.csv"
	export_csv shipments "$T/shp.csv"
	# stock: key,product,warehouse,on_hand,reserved,...
	is "$1: nothing oversold (on hand and available >= 0)" "" \
	    "$(awk -F, '$4 < 0 || $4 - $5 < 0 { print }' "$T/stock.csv")"
	# Expected on hand and reserved per product.
	awk '$1 == "in" { oh[$2] += $3 }
	    $1 == "so" { q[$2 " " $3] += $4; so[$2] = 1 }
	    $1 == "ship" { shipped[$2] = 1 }
	    $1 == "cancel" { cancelled[$2] = 1 }
	    END {
		for (k in q) { split(k, a, " ")
			if (a[1] in shipped) oh[a[2]] -= q[k]
			else if (!(a[1] in cancelled)) rs[a[2]] += q[k] }
		for (p in oh) print p, oh[p], rs[p] + 0
	    }' "$T/all.log" | sort >"$T/exp.stock"
	awk -F, '{ print $2, $4, $5 }' "$T/stock.csv" | sort >"$T/got.stock"
	is "$1: on hand and reserved are what the acknowledged actions left" \
	    "" "$(diff "$T/exp.stock" "$T/got.stock")"
	awk '$1 == "so" { st[$2] = "confirmed" }
	    $1 == "ship" { sh[$2] = 1 }
	    $1 == "cancel" { ca[$2] = 1 }
	    END { for (c in st) {
		if (c in sh) s = "shipped"
		else if (c in ca) s = "cancelled"
		else s = "confirmed"
		print c, s } }' "$T/all.log" |
	    sort >"$T/exp.so"
	"$K" export sales_orders --raw | tr -d '\r' | awk -F, 'NR == 1 {
	    for (i = 1; i <= NF; i++) h[$i] = i; next }
	    { print $1, $h["status"] }' | sort >"$T/got.so"
	is "$1: the orders are the acknowledged ones, as they were left ($(wc -l <"$T/exp.so"))" \
	    "" "$(diff "$T/exp.so" "$T/got.so" | head -10)"
	awk '$1 == "ship" { print $3 }' "$T/all.log" | sort >"$T/exp.shp"
	"$K" export shipments --raw | tr -d '\r' | awk -F, 'NR == 1 {
	    for (i = 1; i <= NF; i++) h[$i] = i; next }
	    $h["status"] == "posted" { print $1 }' | sort >"$T/got.shp"
	is "$1: the posted shipments are the acknowledged ones ($(wc -l <"$T/exp.shp"))" \
	    "" "$(diff "$T/exp.shp" "$T/got.shp" | head -10)"
	is "$1: order and shipment numbers have no gaps" "" \
	    "$(cut -d, -f1 "$T/so.csv" "$T/shp.csv" | awk -F- '
	    { s = $1 "-" $2; n[s]++; if ($3 + 0 > max[s]) max[s] = $3 + 0 }
	    END { for (s in n) if (n[s] != max[s]) print s, n[s], max[s] }')"
	run "$K" check
	if [ "$rc" = 0 ]; then pass "$1: kontor check"
	else fail "$1: kontor check" "$out" "$err"; fi
}

ok "the clerks confirm orders" poll_until 60 acked_ge 40
run "$K" check
if [ "$rc" = 0 ]; then pass "kontor check while eight clerks sell"
else fail "kontor check while eight clerks sell" "$out" "$err"; fi

# Midway: the server killed.
old=$(server_pid)
a=$(acked)
kill -9 "$old"
ok "the server is killed midway" poll_until 10 gone "$old"
ok "a clerk's next command starts a new one" poll_until 30 new_server "$old"
ok "... and the clerks go on" poll_until 120 acked_ge $((a + 20))
touch "$T/stop"
run "$K" check
if [ "$rc" = 0 ]; then pass "kontor check after the kill, while they sell"
else fail "kontor check after the kill, while they sell" "$out" "$err"; fi

ok "the clerks finish" poll_until $((SECONDS_EACH + 240)) all_finished
for p in $clerks; do wait "$p" 2>/dev/null; done
pids=""
ok "orders were refused for lack of stock" \
    [ "$(cat "$T"/short[0-9]* 2>/dev/null | wc -l)" -gt 0 ]
is "no refusal but a shortage, said exactly" "" \
    "$(cat "$T"/err[0-9]* 2>/dev/null | head -20)"
cat "$T"/log[0-9]* | awk '$1 == "so" { o[$2] = 1 } $1 == "ship" { s++ }
    $1 == "cancel" { c++ } END { n = 0; for (k in o) n++
    printf "# %d orders confirmed, %d shipped, %d cancelled\n", n, s, c }'

verify "running"
old=$(server_pid)
run "$K" stop
is "kontor stop" 0 "$rc"
ok "... the server is gone" poll_until 30 gone "$old"
verify "restarted"
done_testing
