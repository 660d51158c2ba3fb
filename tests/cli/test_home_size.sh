#!/bin/sh
# The home's size (issue 16): an index an import gives many records a key
# (the moves' and lines' product indexes) keeps no leaf pages its keys'
# duplicates left behind when they moved to trees of their own (compacted
# after the import's bulk put: one leaf page for eight products here,
# several without); the records leave out what follows from the others
# (an updated equal to created, a code made from the id, a move's user
# equal to its updated_by) and read back whole: export, kontor show,
# kontor check.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
STAT=$(command -v db5.3_stat || command -v db_stat) ||
    skip_all "no db5.3_stat to count an index's pages"
plan 12
K="$KONTOR"

run "$K" init --company "ООО «Склад»"
is "init exits 0" 0 "$rc"
printf 'code,name\nMAIN,Основной\nSHOP,Магазин\n' >"$T/wh.csv"
{
	echo "sku,name,unit,purchase_price"
	for p in 1 2 3 4 5 6 7 8; do echo "P-$p,Товар $p,pcs,10.00"; done
} >"$T/pr.csv"
run "$K" import warehouses "$T/wh.csv"
is "warehouses" 0 "$rc"
run "$K" import products "$T/pr.csv"
is "products" 0 "$rc"
# Eight files of 1,000 receipts, 125 a product each: a product's moves
# and lines outgrow a quarter of a 16 KB page on the way.
bad=0
for f in 1 2 3 4 5 6 7 8; do
	awk 'BEGIN { print "type,sku,warehouse,quantity,to_warehouse,unit_cost"
	    for (i = 0; i < 1000; i++)
		printf "receipt,P-%d,MAIN,1,,10.00\n", i % 8 + 1 }' \
	    >"$T/m$f.csv"
	"$K" import stock-moves "$T/m$f.csv" >/dev/null 2>&1 || bad=$((bad + 1))
done
is "eight files posted" 0 "$bad"

run "$K" export stock-moves
first=$(printf '%s\n' "$out" | sed -n 2p | tr -d '\r')
is "a move's code and user read back" \
    "M-000001,receipt,P-1,$(id -un)" \
    "$(printf '%s\n' "$first" | cut -d, -f1,3,4,13)"
is "... its updated, its created" \
    "$(printf '%s\n' "$first" | awk -F, '{ print $(NF - 1) }')" \
    "$(printf '%s\n' "$first" | awk -F, '{ print $NF }')"
run "$K" show stock_lines LN-000002
like "a line found by its code" "LN-000002" "$out"
run "$K" check
is "kontor check passes" 0 "$rc"

"$K" stop >/dev/null 2>&1
poll_until 10 flock -n "$KONTOR_HOME/kontor.lock" true
leaf() {
	"$STAT" -h "$KONTOR_HOME" -d "$1" -s product 2>/dev/null |
	    awk '/Number of tree leaf pages/ { print $1 }'
}
dups() {
	"$STAT" -h "$KONTOR_HOME" -d "$1" -s product 2>/dev/null |
	    awk '/Number of tree duplicate pages/ { print $1 }'
}
is "the moves' product index: its duplicates in trees of their own" 8 \
    "$(dups stock_moves.db)"
is "... and one leaf page" 1 "$(leaf stock_moves.db)"
is "the lines' product index: the same" 8 "$(dups stock_lines.db)"
is "... one leaf page" 1 "$(leaf stock_lines.db)"
