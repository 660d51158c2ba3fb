#!/bin/sh
# Production completions and sales shipments compete for the same
# components and finished goods from eight clients at once, and the
# server is killed (SIGKILL) in the middle.
#
# A product SKU-F is made of 2 SKU-C1 and 1 SKU-C2; sales sell SKU-F and
# SKU-C1 too.  Four planners loop for KONTOR_PRODUCTION_SECONDS (8)
# seconds: each makes an order of 1 or 2 of SKU-F (numbered by hand, so
# a command sent again finds its own), releases it (the components
# reserved, or refused whole naming what is short: then cancelled), and
# makes it whole, or one and then closes it, or cancels it released.
# Four clerks sell: an order of SKU-F or SKU-C1 confirmed (reserved, or
# refused for lack of stock), then shipped or cancelled; now and then
# components come in.  A client logs an action only after it was
# acknowledged, with the total made as the server answered it; a
# command cut off by the kill is run again until it is answered.
#
# While they run, after the kill, and at the end (running, then after a
# stop and a start): no stock below zero (on hand and available), on
# hand is what came in less what the acknowledged shipments took and the
# acknowledged completions consumed plus what they made, reserved is
# what the open sales orders and the released production orders still
# hold, every order is in the status it was left in, and kontor check
# passes.

. "${KONTOR_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

SECONDS_EACH=${KONTOR_PRODUCTION_SECONDS:-8}
K="$KONTOR"

rand() { echo $(($(od -An -N2 -tu2 /dev/urandom) % $1)); }
server_pid() { cat "$KONTOR_HOME/kontor.pid" 2>/dev/null; }
gone() { ! running "$1"; }
new_server() { _p=$(server_pid); [ -n "$_p" ] && [ "$_p" != "$1" ] &&
    running "$_p"; }
acked() { cat "$T"/log[0-9]* 2>/dev/null | wc -l; }
acked_ge() { [ "$(acked)" -ge "$1" ]; }
all_finished() {
	for _p in $clients; do
		running "$_p" && return 1
	done
	return 0
}

plan 21

run "$K" init --company "Сборка и продажа"
is "kontor init" 0 "$rc"
printf 'code,name\nMAIN,Склад\n' >"$T/wh.csv"
printf 'code,name,kind\nC1,ООО «Покупатель»,company\n' >"$T/c.csv"
cat >"$T/p.csv" <<'CSV'
sku,name,kind,unit,purchase_price,sale_price
SKU-C1,Болт,material,pcs,10.00,15.00
SKU-C2,Корпус,material,pcs,30.00,45.00
SKU-F,Изделие,finished,pcs,,200.00
CSV
printf 'product,component,quantity\nSKU-F,SKU-C1,2\nSKU-F,SKU-C2,1\n' \
    >"$T/bom.csv"
cat >"$T/in.csv" <<'CSV'
type,sku,warehouse,quantity,unit_cost
receipt,SKU-C1,MAIN,20,10.00
receipt,SKU-C2,MAIN,8,30.00
receipt,SKU-F,MAIN,1,100.00
CSV
ok "the catalog, a BOM and stock" sh -c "\"$K\" import warehouses $T/wh.csv &&
    \"$K\" import customers $T/c.csv && \"$K\" import products $T/p.csv &&
    \"$K\" import boms $T/bom.csv && \"$K\" import stock-moves $T/in.csv" \
    2>/dev/null
printf 'in SKU-C1 20\nin SKU-C2 8\nin SKU-F 1\n' >"$T/setup.log"

# again CMD...: run until answered (not 75, not 69), at most 20 times;
# $rc, and the command's stderr in $T/e$n.
again() {
	_try=0
	while :; do
		"$@" >"$T/o$_n" 2>"$T/e$_n"
		rc=$?
		[ "$rc" = 75 ] || [ "$rc" = 69 ] || break
		_try=$((_try + 1))
		[ "$_try" -lt 20 ] || break
	done
}

# The total made that a produce answered: "..., 2 of 3 in all (...)".
made_of() { sed -n 's/.* \([0-9]*\) of [0-9]* in all.*/\1/p' "$T/e$_n"; }

# planner N.  Log lines:
#	mo CODE QTY		made (a draft)
#	rel CODE		released
#	made CODE TOTAL		what the server said is made so far
#	close CODE | cancel CODE
planner() {
	_n=$1
	_log=$T/log$_n
	_end=$(($(date +%s) + SECONDS_EACH))
	_i=0
	while { [ "$(date +%s)" -lt "$_end" ] || [ ! -e "$T/stop" ]; } &&
	    [ "$(date +%s)" -lt $((_end + 240)) ]; do
		_i=$((_i + 1))
		_mo=$(printf 'MO-P%d-%06d' "$_n" "$_i")
		_q=$(($(rand 2) + 1))
		# The first asks for more than there is, however the race
		# goes: a shortage every run.
		[ "$_i" = 1 ] && _q=50
		printf 'code,product,qty,comp_warehouse,fg_warehouse\n%s,SKU-F,%d,MAIN,MAIN\n' \
		    "$_mo" "$_q" >"$T/mo$_n.csv"
		again "$K" import production_orders "$T/mo$_n.csv"
		if [ "$rc" = 65 ] && grep -q "is already used by $_mo" "$T/e$_n"; then
			rc=0
		fi
		if [ "$rc" != 0 ]; then
			echo "mo $_mo: $rc $(cat "$T/e$_n")" >>"$T/err$_n"
			continue
		fi
		echo "mo $_mo $_q" >>"$_log"
		again "$K" post "$_mo"
		if [ "$rc" = 65 ] && grep -q "is released: only a draft" "$T/e$_n"; then
			rc=0
		fi
		if [ "$rc" = 65 ]; then
			if ! grep -Eq "^kontor: $_mo cannot be released, short at MAIN: SKU-C[12] needs [0-9]+, [0-9]+ available(; SKU-C[12] needs [0-9]+, [0-9]+ available)?\$" \
			    "$T/e$_n"; then
				cat "$T/e$_n" >>"$T/err$_n"
			fi
			echo short >>"$T/short$_n"
			again "$K" cancel "$_mo"
			if [ "$rc" = 65 ] && grep -q "is cancelled" "$T/e$_n"; then
				rc=0
			fi
			if [ "$rc" = 0 ]; then echo "cancel $_mo" >>"$_log"
			else echo "cancel $_mo: $rc $(cat "$T/e$_n")" >>"$T/err$_n"; fi
			continue
		fi
		if [ "$rc" != 0 ]; then
			echo "post $_mo: $rc $(cat "$T/e$_n")" >>"$T/err$_n"
			continue
		fi
		echo "rel $_mo" >>"$_log"
		case $(rand 4) in
		0|1)	# made whole
			again "$K" produce "$_mo" --quantity "$_q"
			if [ "$rc" = 65 ] && grep -q "is done: only a released" "$T/e$_n"; then
				echo "made $_mo $_q" >>"$_log"
			elif [ "$rc" = 0 ]; then
				echo "made $_mo $(made_of)" >>"$_log"
			else
				echo "produce $_mo: $rc $(cat "$T/e$_n")" >>"$T/err$_n"
			fi
			;;
		2)	# one made, then closed
			again "$K" produce "$_mo" --quantity 1
			if [ "$rc" = 65 ] && grep -q "is done: only a released" "$T/e$_n"; then
				echo "made $_mo 1" >>"$_log"
			elif [ "$rc" = 0 ]; then
				echo "made $_mo $(made_of)" >>"$_log"
			else
				echo "produce $_mo: $rc $(cat "$T/e$_n")" >>"$T/err$_n"
				continue
			fi
			again "$K" close "$_mo"
			if [ "$rc" = 65 ] && grep -q "is closed" "$T/e$_n"; then
				rc=0
			fi
			if [ "$rc" = 0 ]; then echo "close $_mo" >>"$_log"
			else echo "close $_mo: $rc $(cat "$T/e$_n")" >>"$T/err$_n"; fi
			;;
		3)	# released, then cancelled
			again "$K" cancel "$_mo"
			if [ "$rc" = 65 ] && grep -q "is cancelled" "$T/e$_n"; then
				rc=0
			fi
			if [ "$rc" = 0 ]; then echo "cancel $_mo" >>"$_log"
			else echo "cancel $_mo: $rc $(cat "$T/e$_n")" >>"$T/err$_n"; fi
			;;
		esac
	done
}

# clerk N: sells SKU-F or SKU-C1; log lines as the sales test's:
#	so CODE SKU QTY | ship CODE SHP | cancel CODE | in SKU QTY
clerk() {
	_n=$1
	_log=$T/log$_n
	_i=0
	_end=$(($(date +%s) + SECONDS_EACH))
	while { [ "$(date +%s)" -lt "$_end" ] || [ ! -e "$T/stop" ]; } &&
	    [ "$(date +%s)" -lt $((_end + 240)) ]; do
		if [ "$(rand 4)" = 0 ]; then
			_s=SKU-C$(($(rand 2) + 1))
			printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,%s,MAIN,4,12.00\n' \
			    "$_s" >"$T/r$_n.csv"
			if "$K" import stock-moves "$T/r$_n.csv" 2>"$T/e$_n"; then
				echo "in $_s 4" >>"$_log"
			fi
		fi
		if [ "$(rand 2)" = 0 ]; then _s=SKU-F; else _s=SKU-C1; fi
		_q=$(($(rand 3) + 1))
		_i=$((_i + 1))
		[ "$_i" = 1 ] && _q=90
		printf 'order,customer,warehouse,sku,quantity\no,C1,MAIN,%s,%d\n' \
		    "$_s" "$_q" >"$T/o$_n.csv"
		again "$K" import sales-orders "$T/o$_n.csv" --post
		if [ "$rc" = 65 ]; then
			if ! grep -Eq "^$T/o$_n.csv:2: $_s at MAIN: [0-9]+ available, $_q requested\$" \
			    "$T/e$_n"; then
				cat "$T/e$_n" >>"$T/err$_n"
			fi
			echo short >>"$T/short$_n"
			continue
		fi
		if [ "$rc" != 0 ]; then
			echo "import: $rc $(cat "$T/e$_n")" >>"$T/err$_n"
			continue
		fi
		_so=$(cat "$T/o$_n")
		echo "so $_so $_s $_q" >>"$_log"
		if [ "$(rand 3)" = 0 ]; then
			again "$K" cancel "$_so"
			if [ "$rc" = 65 ] && grep -q "is cancelled" "$T/e$_n"; then
				rc=0
			fi
			if [ "$rc" = 0 ]; then echo "cancel $_so" >>"$_log"
			else echo "cancel $_so: $rc $(cat "$T/e$_n")" >>"$T/err$_n"; fi
			continue
		fi
		again "$K" ship "$_so"
		_shp=$(cat "$T/o$_n")
		if [ "$rc" = 65 ] && grep -q "is a draft of it already" "$T/e$_n"; then
			_shp=$(sed -n 's/.*shipment \(SHP-[0-9-]*\) is a draft.*/\1/p' "$T/e$_n")
			rc=0
		fi
		if [ "$rc" != 0 ]; then
			echo "ship $_so: $rc $(cat "$T/e$_n")" >>"$T/err$_n"
			continue
		fi
		again "$K" post "$_shp"
		if [ "$rc" = 65 ] && grep -q "is posted already" "$T/e$_n"; then
			rc=0
		fi
		if [ "$rc" = 0 ]; then echo "ship $_so $_shp" >>"$_log"
		else echo "post $_shp: $rc $(cat "$T/e$_n")" >>"$T/err$_n"; fi
	done
}

clients=""
for i in 1 2 3 4; do
	planner "$i" >/dev/null 2>&1 &
	clients="$clients $!"
	pids="$pids $!"
done
for i in 5 6 7 8; do
	clerk "$i" >/dev/null 2>&1 &
	clients="$clients $!"
	pids="$pids $!"
done

# export ENTITY FILE: the rows without the header.
export_csv() { "$K" export "$1" --raw | tr -d '\r' | sed 1d >"$2"; }

# verify WHEN: the database against the clients' logs.
verify() {
	cat "$T/setup.log" "$T"/log[0-9]* >"$T/all.log" 2>/dev/null
	export_csv stock "$T/stock.csv"
	# stock: key,product,warehouse,on_hand,reserved,...
	is "$1: no stock below zero (on hand and available)" "" \
	    "$(awk -F, '$4 < 0 || $4 - $5 < 0 { print }' "$T/stock.csv")"
	# What each product should have on hand and reserved.
	awk '$1 == "in" { oh[$2] += $3 }
	    $1 == "so" { q[$2 " " $3] += $4 }
	    $1 == "ship" { shipped[$2] = 1 }
	    $1 == "cancel" { cancelled[$2] = 1 }
	    $1 == "mo" { mq[$2] = $3 }
	    $1 == "rel" { rel[$2] = 1 }
	    $1 == "made" { made[$2] = $3 }
	    $1 == "close" { closed[$2] = 1 }
	    END {
		for (k in q) { split(k, a, " ")
			if (a[1] in shipped) oh[a[2]] -= q[k]
			else if (!(a[1] in cancelled)) rs[a[2]] += q[k] }
		for (m in made) { oh["SKU-F"] += made[m]
			oh["SKU-C1"] -= 2 * made[m]; oh["SKU-C2"] -= made[m] }
		for (m in rel) {
			if (m in closed || m in cancelled) continue
			left = mq[m] - made[m]
			rs["SKU-C1"] += 2 * left; rs["SKU-C2"] += left }
		for (p in oh) print p, oh[p], rs[p] + 0
	    }' "$T/all.log" | sort >"$T/exp.stock"
	"$K" export products --raw | tr -d '\r' | awk -F, 'NR > 1 { print $1 }' |
	    while read -r s; do
		"$K" stock "$s" --format csv --raw 2>/dev/null | tr -d '\r' |
		    awk -F, -v s="$s" '$1 == "MAIN" { print s, $3, $4 }'
	    done | sort >"$T/got.stock"
	is "$1: on hand and reserved are what the acknowledged actions left" \
	    "" "$(diff "$T/exp.stock" "$T/got.stock")"
	awk '$1 == "mo" { st[$2] = "draft" }
	    $1 == "rel" { st[$2] = "released" }
	    $1 == "made" { made[$2] = $3 }
	    $1 == "close" { st[$2] = "closed" }
	    $1 == "cancel" && $2 ~ /^MO-/ { st[$2] = "cancelled" }
	    $1 == "mo" { q[$2] = $3 }
	    END { for (m in st) {
		s = st[m]
		if (s == "released" && m in made)
			s = made[m] == q[m] ? "done" : "in_progress"
		print m, s, made[m] + 0 } }' "$T/all.log" | sort >"$T/exp.mo"
	"$K" export production_orders --raw | tr -d '\r' | awk -F, 'NR == 1 {
	    for (i = 1; i <= NF; i++) h[$i] = i; next }
	    { print $1, $h["status"], $h["made"] + 0 }' | sort >"$T/got.mo"
	is "$1: the production orders are the acknowledged ones, as left ($(wc -l <"$T/exp.mo"))" \
	    "" "$(diff "$T/exp.mo" "$T/got.mo" | head -10)"
	run "$K" check
	if [ "$rc" = 0 ]; then pass "$1: kontor check"
	else fail "$1: kontor check" "$out" "$err"; fi
}

ok "the clients make and sell" poll_until 60 acked_ge 24
run "$K" check
if [ "$rc" = 0 ]; then pass "kontor check while eight clients work"
else fail "kontor check while eight clients work" "$out" "$err"; fi

old=$(server_pid)
a=$(acked)
kill -9 "$old"
ok "the server is killed midway" poll_until 10 gone "$old"
ok "a client's next command starts a new one" poll_until 30 new_server "$old"
ok "... and the clients go on" poll_until 120 acked_ge $((a + 12))
touch "$T/stop"

ok "the clients finish" poll_until $((SECONDS_EACH + 240)) all_finished
for p in $clients; do wait "$p" 2>/dev/null; done
pids=""
ok "releases were refused for lack of components" \
    [ "$(cat "$T"/short[1-4] 2>/dev/null | wc -l)" -gt 0 ]
ok "sales were refused for lack of stock" \
    [ "$(cat "$T"/short[5-8] 2>/dev/null | wc -l)" -gt 0 ]
is "no refusal but a shortage, said exactly" "" \
    "$(cat "$T"/err[0-9]* 2>/dev/null | head -20)"
cat "$T"/log[0-9]* | awk '$1 == "made" { m[$2] = $3 } $1 == "ship" { s++ }
    END { n = 0; t = 0; for (k in m) { n++; t += m[k] }
    printf "# %d orders made %d units, %d shipments\n", n, t, s }'

verify "running"
old=$(server_pid)
run "$K" stop
is "kontor stop" 0 "$rc"
ok "... the server is gone" poll_until 30 gone "$old"
verify "restarted"
done_testing
