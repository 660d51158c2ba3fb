#!/bin/sh
# Eight clients compete for scarce stock at once.
#
# Two warehouses that allow no negative stock, ten products with 10 units
# received in each.  Eight stockers (tests/stock/stocker) then post
# random documents for 30 seconds each, all at once: reservations,
# issues (plain, or against one of their own reservations), reversals of
# their reservations, transfers that stay in transit a while and then
# arrive, and small receipts.  Most requests are refused for lack of
# stock, each with the exact "SKU at Name: A available, Q requested"
# (the stockers check that and fail on anything else).  Each stocker
# logs every request it had acknowledged, and only then.
#
# Afterwards, with the server still running and again after a stop and
# a start: no product is short anywhere (on hand >= 0, available >= 0);
# on hand is the sum of the moves and reserved the sum of the
# reservations in force; the ledger holds exactly the moves of the
# acknowledged documents, and there are exactly the documents the
# stockers reported, with the status they left them in and gapless
# numbers; nothing was issued that was not received; kontor check
# passes.  The counts of accepted and refused requests are diagnostics.
#
# KONTOR_STOCK_SECONDS changes the 30 seconds.  Every wait polls for its
# condition, with a bound.

. "${KONTOR_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

STOCKER=$(dirname "$KONTOR")/tests/stock/stocker
[ -x "$STOCKER" ] || skip_all "no $STOCKER (make check builds it)"

SECONDS_EACH=${KONTOR_STOCK_SECONDS:-30}
NS=8
SKUS=$(seq -s, -f "SKU-%g" 1001 1010)
WHS="MAIN:Main,SHOP:Shop"

forget() { pids=$(echo " $pids " | sed "s/ $1 / /"); }
finished() { ! running "$1"; }
all_finished() {
	for i in $(seq 1 $NS); do
		eval "finished \$s$i" || return 1
	done
}
logged_ge() { [ "$(cat "$T"/log[0-9]* 2>/dev/null | wc -l)" -ge "$1" ]; }
server_pid() { cat "$KONTOR_HOME/kontor.pid" 2>/dev/null; }
gone() { ! running "$1"; }

plan 35

run "$KONTOR" init --company "Scarce stock"
is "kontor init" 0 "$rc"
printf 'code,name,allow_negative\nMAIN,Main,no\nSHOP,Shop,no\n' \
    >"$T/wh.csv"
run "$KONTOR" import warehouses "$T/wh.csv"
is "two warehouses without negative stock" 0 "$rc"
echo "sku,name,unit,purchase_price" >"$T/products.csv"
echo "type,sku,warehouse,quantity" >"$T/setup.csv"
for s in $(echo "$SKUS" | tr , ' '); do
	echo "$s,Scarce $s,pcs,10.00" >>"$T/products.csv"
	echo "receipt,$s,MAIN,10" >>"$T/setup.csv"
	echo "receipt,$s,SHOP,10" >>"$T/setup.csv"
done
run "$KONTOR" import products "$T/products.csv"
is "ten products" 0 "$rc"
run "$KONTOR" import stock-moves "$T/setup.csv"
is "10 units of each received in each warehouse" 0 "$rc"
setup=$(printf '%s\n' "$err" | sed -n 's/.* as \([A-Z]*-[0-9]*-[0-9]*\)$/\1/p')
# The setup's moves, as the stockers log theirs.
sed 1d "$T/setup.csv" | awk -F, -v d="$setup" \
    '{ print d, "receipt", $2, $3, $4, "-" }' >"$T/setup.log"

t0=$(now_ms)
for i in $(seq 1 $NS); do
	"$STOCKER" --log "$T/log$i" --seconds "$SECONDS_EACH" \
	    --seed "$i$$" --skus "$SKUS" --warehouses "$WHS" \
	    >"$T/s$i.out" 2>"$T/s$i.err" &
	eval "s$i=\$!"
	pids="$pids $!"
done

# kontor check while they post: what it reads at different moments must
# still agree.
ok "the stockers post" poll_until 60 logged_ge 500
a=$(cat "$T"/log[0-9]* | wc -l)
run "$KONTOR" check
b=$(cat "$T"/log[0-9]* | wc -l)
if [ "$rc" = 0 ]; then pass "kontor check while eight stockers post"
else fail "kontor check while eight stockers post" "$out" "$err"; fi
ok "... who posted on meanwhile ($((b - a)) lines acknowledged)" \
    [ "$b" -gt "$a" ]

ok "the stockers finish" poll_until $((SECONDS_EACH + 60)) all_finished
t1=$(now_ms)
src=""
for i in $(seq 1 $NS); do
	eval "p=\$s$i"
	wait "$p"
	src="$src$?"
	forget "$p"
done
is "... all successfully" "$(printf '%0*d' $NS 0)" "$src"
is "... with no answer but acceptance or a shortage" "" \
    "$(cat "$T"/s*.err | head -20)"

# The counts: kind accepted refused retried.
cat "$T"/s*.out | awk '$1 == "count" { a[$2] += $3; r[$2] += $4; t[$2] += $5 }
    END { for (k in a) print k, a[k], r[k], t[k] }' | sort >"$T/counts"
cat "$T"/s*.out | grep '^retried ' | sort | uniq -c | sed 's/^/# /'

while read -r k a r t; do
	echo "# $k: $a accepted, $r refused for lack of stock, $t retried"
done <"$T/counts"
acc=$(awk '{ n += $2 } END { print n + 0 }' "$T/counts")
ref=$(awk '{ n += $3 } END { print n + 0 }' "$T/counts")
echo "# $acc accepted and $ref refused by $NS stockers in $((t1 - t0)) ms"
is "every kind of request was accepted" "" \
    "$(awk '$2 == 0 { print $1 }' "$T/counts")"
is "reservations and issues were refused for lack of stock" "" \
    "$(awk '($1 == "reservation" || $1 == "issue") && $3 == 0 { print $1 }' \
    "$T/counts")"
is "every transfer arrived" \
    "$(awk '$1 == "transfer" { print $2 }' "$T/counts")" \
    "$(awk '$1 == "arrive" { print $2 }' "$T/counts")"
cat "$T/setup.log" "$T"/log[0-9]* >"$T/all.log"

# What the logs say there must be.
# Documents: code type status.
awk '
$2 == "reservation"	{ t[$1] = "reservation"
			  if (!($1 in s)) s[$1] = "posted" }
$2 == "issue"		{ t[$1] = "issue"; s[$1] = "posted"
			  if ($6 != "-") { closed[$6] = 1 } }
$2 == "reverse"		{ rev[$1] = 1 }
$2 == "transfer"	{ t[$1] = "transfer"
			  if (!($1 in s)) s[$1] = "in_transit" }
$2 == "arrive"		{ t[$1] = "transfer"; s[$1] = "posted" }
$2 == "receipt"		{ t[$1] = ($1 ~ /^BAT-/) ? "batch" : "receipt"
			  s[$1] = "posted" }
END {
	for (c in closed) s[c] = "closed"
	for (c in rev) s[c] = (c in closed) ? "closed+reversed" : "reversed"
	for (c in t) print c, t[c], s[c]
}' "$T/all.log" | sort >"$T/exp.docs"
# Moves: doc kind product warehouse qty, summed.
awk '
$2 == "issue"		{ q[$1 " issue " $3 " " $4] -= $5 }
$2 == "transfer"	{ q[$1 " transfer_out " $3 " " $4] -= $5 }
$2 == "arrive"		{ q[$1 " transfer_in " $3 " " $4] += $5 }
$2 == "receipt"		{ q[$1 " receipt " $3 " " $4] += $5 }
END { for (k in q) print k, q[k] }' "$T/all.log" | sort >"$T/exp.moves"
# Reserved in force: product warehouse qty.
awk '
$2 == "reservation"	{ n++; c[n] = $1; p[n] = $3; w[n] = $4; q[n] = $5 }
$2 == "issue" && $6 != "-" { gone[$6] = 1 }
$2 == "reverse"		{ gone[$1] = 1 }
END {
	for (i = 1; i <= n; i++)
		if (!(c[i] in gone))
			r[p[i] " " w[i]] += q[i]
	for (k in r) print k, r[k]
}' "$T/all.log" | sort >"$T/exp.reserved"

# export ENTITY FILE: the rows without the header, and without the quote
# that keeps a spreadsheet from taking "-3" for a formula ('-3).
export_csv() {
	"$KONTOR" export "$1" | sed -e 1d -e "s/,'-/,-/g" >"$2"
}

# verify WHEN: the checks on the database as it is now.
verify() {
	export_csv stock "$T/stock.csv"
	export_csv stock-moves "$T/moves.csv"
	export_csv stock_docs "$T/docs.csv"

	# stock: key,product,warehouse,on_hand,reserved,...
	is "$1: no product is short anywhere (on hand, available >= 0)" "" \
	    "$(awk -F, '$4 < 0 || $4 - $5 < 0 { print }' "$T/stock.csv")"
	_bad=""
	for _s in $(echo "$SKUS" | tr , ' '); do
		# warehouse,name,on_hand,reserved,available,on_order
		_bad="$_bad$("$KONTOR" stock "$_s" --format csv |
		    sed -e 1d -e "s/,'-/,-/g" |
		    awk -F, -v s="$_s" '$5 < 0 || $5 != $3 - $4 {
		    print s, $0 }')"
	done
	is "$1: kontor stock shows available = on hand - reserved >= 0" "" \
	    "$_bad"
	# moves: code,date,kind,product,warehouse,qty,unit_cost,value,doc,...
	is "$1: on hand = the sum of the moves, every product x warehouse" \
	    "" "$(awk -F, 'FNR == NR { m[$4 " " $5] += $6; next }
	    { h[$2 " " $3] = $4 }
	    END { for (k in m) if (m[k] != h[k] + 0) print k, h[k] + 0, m[k]
		for (k in h) if (!(k in m) && h[k] != 0) print k, h[k], 0 }' \
	    "$T/moves.csv" "$T/stock.csv")"
	is "$1: reserved is the sum of the reservations in force" \
	    "$(cat "$T/exp.reserved")" \
	    "$(awk -F, '$5 != 0 { print $2, $3, $5 }' "$T/stock.csv" | sort)"
	awk -F, '{ q[$9 " " $3 " " $4 " " $5] += $6 }
	    END { for (k in q) print k, q[k] }' "$T/moves.csv" |
	    sort >"$T/got.moves"
	is "$1: the ledger is the acknowledged documents' moves, no more" \
	    "" "$(diff "$T/exp.moves" "$T/got.moves" | head -20)"
	cut -d, -f1-3 "$T/docs.csv" | tr , ' ' | sort >"$T/got.docs"
	_n=$(wc -l <"$T/exp.docs")
	is "$1: the documents are those acknowledged ($_n), as they were left" \
	    "" "$(diff "$T/exp.docs" "$T/got.docs" | head -20)"
	is "$1: document numbers have no gaps" "" \
	    "$(cut -d' ' -f1 "$T/got.docs" | awk -F- '
	    { s = $1 "-" $2; n[s]++; if ($3 + 0 > max[s]) max[s] = $3 + 0 }
	    END { for (s in n) if (n[s] != max[s]) print s, n[s], max[s] }')"
	is "$1: nothing was issued that was not received" "" \
	    "$(awk -F, '$3 == "issue" { out[$4] -= $6 }
	    $3 == "receipt" { in_[$4] += $6 }
	    END { for (p in out) if (out[p] > in_[p] + 0)
		print p, out[p], "issued of", in_[p] + 0 }' "$T/moves.csv")"
	run "$KONTOR" check
	if [ "$rc" = 0 ]; then pass "$1: kontor check"
	else fail "$1: kontor check" "$out" "$err"; fi
}

verify "running"

old=$(server_pid)
run "$KONTOR" stop
is "kontor stop" 0 "$rc"
ok "... the server is gone" poll_until 30 gone "$old"
# The next command starts a server again, as for any session.
run "$KONTOR" stock SKU-1001
new=$(server_pid)
ok "the next command starts a new server" \
    [ "$rc" = 0 -a -n "$new" -a "$new" != "$old" ]

verify "restarted"

stop_clients
"$KONTOR" stop >/dev/null 2>&1
reports=$(cat "$T"/asan.* 2>/dev/null | head -40)
is "no sanitizer reports" "" "$reports"

done_testing
