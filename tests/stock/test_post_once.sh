#!/bin/sh
# A new stock document saved and posted in one request (import
# stock-moves: one batch document, doc_save with post) is written once,
# posted: one "create" in the audit journal with status posted and no
# "update" of it, its lines and moves all there, the stock right; a file
# that goes short changes nothing (the document is not left behind, as
# a draft or otherwise); a draft imported first and posted later still
# writes the draft and then the posted document; kontor check passes.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 14
K="$KONTOR"

# The actions of the audit entries of stock document $1 (by its code),
# in order: kontor audit --id prints "seq date time user tty entity id
# action", then the changes of the entry, one a line; the document's id
# is what kontor show prints first.
doc_audit() {
	id=$("$K" show stock_docs "$1" 2>/dev/null |
	    awk '$1 == "id" { gsub(/"/, "", $2); print $2 }')
	"$K" audit --entity stock_docs --id "$id" 2>/dev/null | awk '
	    $1 ~ /^[0-9]+$/ { s = s " " $8 }
	    END { sub(/^ /, "", s); print s }'
}

run "$K" init --company "ООО «Раз и готово»"
is "init exits 0" 0 "$rc"
printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
run "$K" import warehouses "$T/wh.csv"
printf 'sku,name,unit\nA-1,Болт,pcs\nA-2,Гайка,pcs\n' >"$T/p.csv"
run "$K" import products "$T/p.csv"
is "catalog imported" 0 "$rc"

cat >"$T/moves.csv" <<'CSV'
type,sku,warehouse,quantity,to_warehouse,unit_cost
receipt,A-1,MAIN,100,,12.00
receipt,A-2,MAIN,40,,3.00
issue,A-1,MAIN,30,,
CSV
run "$K" import stock-moves "$T/moves.csv"
is "stock moves posted" 0 "$rc"
like "... as one batch document" "posted 3 stock moves as BAT-" "$err"
run "$K" export stock_docs
doc=$(printf '%s\n' "$out" | tr -d '\r' | awk -F, 'NR == 2 { print $1 }')
like "the document is posted" ",batch,posted," \
    "$(printf '%s\n' "$out" | tr -d '\r' | sed -n 2p)"
is "one audit entry for it, a create (not a draft and then an update)" \
    "create" "$(doc_audit "$doc")"
run "$K" audit --entity stock_docs
like "... made posted" 'status: (none) -> "posted"' "$out"
is "its three moves in the ledger" 4 \
    "$("$K" export stock-moves | wc -l)"
runcsv() { run "$@"; out=$(printf '%s\n' "$out" | tr -d '\r'); }
runcsv "$K" stock A-1 --format csv
is "stock of A-1: 100 in, 30 out" \
"warehouse,name,on_hand,reserved,available,on_order
MAIN,Основной склад,70,0,70,0" "$out"

# Short: the whole file refused, no document written at all.
printf 'type,sku,warehouse,quantity\nissue,A-2,MAIN,10\nissue,A-2,MAIN,31\n' \
    >"$T/short.csv"
run "$K" import stock-moves "$T/short.csv"
is "a file that goes short: exit 65" 65 "$rc"
is "... no document left behind" 2 \
    "$("$K" export stock_docs | wc -l)"

# A draft first (the generic importer, whose one audit entry names the
# records it made), posted later: the import, then an update.
printf 'code,type,warehouse\nISS-D1,issue,MAIN\n' >"$T/d.csv"
run "$K" import stock_docs "$T/d.csv"
printf 'doc,product,qty\nISS-D1,A-2,5\n' >"$T/dl.csv"
run "$K" import stock_lines "$T/dl.csv"
run "$K" post ISS-D1
is "a draft posted later" "kontor: ISS-D1 posted" "$err"
is "... written as a draft (by the import's one entry), then posted" \
    "import update" \
    "$(doc_audit ISS-D1)"

run "$K" check
is "kontor check passes" 0 "$rc"
"$K" stop >/dev/null 2>&1
