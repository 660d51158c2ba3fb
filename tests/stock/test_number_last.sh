#!/bin/sh
# A small stock document saved and posted in one request (import
# stock-moves: doc_save with post) and its number (taken first; taking
# it last was tried, see number_first in src/server/ops-docs.c).  What
# must not move: the numbers of a series stay
# gapless when a posting is refused (its transaction, number and all,
# rolled back), a number typed by hand is skipped, the answer and the
# audit journal name the final number (the document's "create" and its
# lines' reference to it), the document reads back posted with its lines
# and moves, and kontor check passes.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 13
K="$KONTOR"
Y=$(date +%Y)

run "$K" init --company "ООО «Номер последним»"
is "init exits 0" 0 "$rc"
printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
run "$K" import warehouses "$T/wh.csv"
printf 'sku,name,unit\nA-1,Болт,pcs\nA-2,Гайка,pcs\n' >"$T/p.csv"
run "$K" import products "$T/p.csv"
is "catalog imported" 0 "$rc"

printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,A-1,MAIN,100,12.00\nreceipt,A-2,MAIN,40,3.00\n' \
    >"$T/in.csv"
run "$K" import stock-moves "$T/in.csv"
like "the first document: number 1 of the series" \
    "posted 2 stock moves as BAT-$Y-000001" "$err"

# Refused (short): rolled back, its number given back.
printf 'type,sku,warehouse,quantity\nissue,A-2,MAIN,10\nissue,A-2,MAIN,31\n' \
    >"$T/short.csv"
run "$K" import stock-moves "$T/short.csv"
is "a document that goes short: exit 65" 65 "$rc"
printf 'type,sku,warehouse,quantity\nissue,A-1,MAIN,5\n' >"$T/out.csv"
run "$K" import stock-moves "$T/out.csv"
like "the next one is number 2: no gap" \
    "posted 1 stock move as BAT-$Y-000002" "$err"

# Number 3 typed by hand on a draft: the series goes past it.
printf 'code,type,warehouse\nBAT-%s-000003,batch,MAIN\n' "$Y" >"$T/d.csv"
run "$K" import stock_docs "$T/d.csv"
is "a draft numbered by hand" 0 "$rc"
run "$K" import stock-moves "$T/out.csv"
like "the next one skips the number typed by hand" \
    "posted 1 stock move as BAT-$Y-000004" "$err"

run "$K" show stock_docs "BAT-$Y-000004"
is "it reads back posted" 'status       "posted"' \
    "$(printf '%s\n' "$out" | grep '^status ')"
id=$(printf '%s\n' "$out" | awk '$1 == "id" { gsub(/"/, "", $2); print $2 }')
run "$K" audit --entity stock_docs --id "$id"
like "its audit entry is a create with the final number" \
    "code: (none) -> \"BAT-$Y-000004\"" "$out"
is "... one entry" 1 "$(printf '%s\n' "$out" | grep -c ' create$')"
run "$K" audit --entity stock_lines
like "its line's entry names the document by its number" \
    "doc: (none) -> \"BAT-$Y-000004\"" "$out"
is "moves in the ledger: 2 + 1 + 1" 5 \
    "$("$K" export stock-moves | wc -l)"

run "$K" check
is "kontor check passes" 0 "$rc"
"$K" stop >/dev/null 2>&1
