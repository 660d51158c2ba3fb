#!/bin/sh
# Catastrophic recovery after imports large enough to fill new pages: an
# import is logged whole, so `kontor recover --from BACKUP` carries a
# backup forward over it and `kontor recover` rebuilds a lost database
# file from the logs.  (With Berkeley DB's bulk insert, which leaves the
# filled pages out of the log, both crashed in its recovery and the
# imported rows were gone.)  A recovery that does not finish leaves its
# mark: no server serves the half-recovered home until one does.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 17
K="$KONTOR"

# N customers and products, each file a few hundred pages.
awk 'BEGIN { print "code,name,kind,inn,city"
	for (i = 1; i <= 3000; i++)
		printf "K%06d,ООО «Покупатель номер %d»,company,,Город %d\n",
		    i, i, i % 40 }' >"$T/c.csv"
awk 'BEGIN { print "sku,name,unit,sale_price"
	for (i = 1; i <= 1500; i++)
		printf "P-%05d,Товар номер %d,pcs,%d.50\n", i, i, i }' >"$T/p.csv"
count() { "$K" export "$1" 2>/dev/null | wc -l; }

run "$K" init
is "init" 0 "$rc"
run "$K" backup "$T/bk"
is "a backup before the imports" 0 "$rc"
run "$K" import customers "$T/c.csv"
is "3000 customers imported" 0 "$rc"
run "$K" import products "$T/p.csv"
is "1500 products imported" 0 "$rc"
is "... 3001 lines exported" 3001 "$(count customers)"
"$K" stop >/dev/null 2>&1

run "$K" recover --from "$T/bk"
is "recover --from the older backup: exit 0" 0 "$rc"
like "... it says so" "recovered from $T/bk" "$err"
is "... every customer imported since is there" 3001 "$(count customers)"
is "... and every product" 1501 "$(count products)"
run "$K" check
is "... check passes" 0 "$rc"
"$K" stop >/dev/null 2>&1

# A second home with all its logs (no backup yet): its customers' file
# lost, rebuilt from the logs alone.
H2=$T/home2
run "$K" --home "$H2" init
run "$K" --home "$H2" import customers "$T/c.csv"
is "home 2: 3000 customers imported" 0 "$rc"
"$K" --home "$H2" stop >/dev/null 2>&1
rm -f "$H2/customers.db"
run "$K" --home "$H2" recover
is "customers.db lost: recover from the logs, exit 0" 0 "$rc"
is "... every customer is back" 3001 \
    "$("$K" --home "$H2" export customers 2>/dev/null | wc -l)"

# A recovery stopped half way (its mark left, as by a crash): no server.
"$K" --home "$H2" stop >/dev/null 2>&1
: >"$H2/kontor.recovering"
run "$K" --home "$H2" export customers
is "a recovery that did not finish: no server, exit 69" 69 "$rc"
like "... the reason and what to do" \
    "recovery of $H2 did not finish: run kontor recover again" "$err"
run "$K" --home "$H2" recover
is "recover again: exit 0" 0 "$rc"
is "... the home is served again, every customer there" 3001 \
    "$("$K" --home "$H2" export customers 2>/dev/null | wc -l)"
"$K" --home "$H2" stop >/dev/null 2>&1

done_testing
