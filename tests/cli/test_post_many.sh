#!/bin/sh
# kontor post CODE CODE...: several documents in one process (issue 16's
# scripts), each in its own transaction over one connection, each said on
# its own line; the exit status is the first failure's.  One bad code
# among good ones: the good ones are posted, the bad one changes nothing.
# The one-code form says what it always said.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 19
K="$KONTOR"
stock() { "$K" stock SKU-1 --format csv 2>/dev/null | tr -d '\r' | sed -n 2p; }
# The stock documents ISS-*, each with its status.
docs() { "$K" export stock_docs 2>/dev/null | tr -d '\r' | cut -d, -f1,3 |
    grep '^ISS-' | sort | tr '\n' '|' | sed 's/|$//'; }

run "$K" init --company "ООО «Пачка»"
is "init: exit 0" 0 "$rc"
printf 'code,name,allow_negative\nMAIN,Основной,no\n' >"$T/w.csv"
printf 'sku,name,unit\nSKU-1,Болт,pcs\n' >"$T/p.csv"
printf 'type,sku,warehouse,quantity,to_warehouse,unit_cost\nreceipt,SKU-1,MAIN,100,,12.00\n' \
    >"$T/m.csv"
"$K" import warehouses "$T/w.csv" 2>/dev/null &&
    "$K" import products "$T/p.csv" 2>/dev/null &&
    "$K" import stock-moves "$T/m.csv" 2>/dev/null
is "the catalog and 100 in stock" "MAIN,Основной,100,0,100,0" "$(stock)"
cat >"$T/docs.csv" <<'CSV'
code,type,warehouse,to_warehouse,reason
ISS-A,issue,MAIN,,
ISS-B,issue,MAIN,,
ISS-C,issue,MAIN,,
ISS-D,issue,MAIN,,
CSV
cat >"$T/lines.csv" <<'CSV'
doc,product,qty
ISS-A,SKU-1,10
ISS-B,SKU-1,500
ISS-C,SKU-1,5
ISS-D,SKU-1,1
CSV
"$K" import stock_docs "$T/docs.csv" 2>/dev/null &&
    "$K" import stock_lines "$T/lines.csv" 2>/dev/null
is "four drafts" "ISS-A,draft|ISS-B,draft|ISS-C,draft|ISS-D,draft" \
    "$(docs)"

# --- several codes, a bad one among them ------------------------------------
run "$K" post iss-a ISS-B ISS-X404 ISS-C
is "A, B (goes short), an unknown one, C: the first failure's exit, 65" \
    65 "$rc"
is "one line each, in order, the refusals naming their document" \
"kontor: ISS-A posted
kontor: ISS-B: line 1: SKU-1 at MAIN: 90 available, 500 requested
kontor: ISS-X404: no stock document or purchase order with number ISS-X404
kontor: ISS-C posted" "$err"
is "nothing on stdout" "" "$out"
is "A and C moved the stock, B nothing" "MAIN,Основной,85,0,85,0" "$(stock)"
is "B is still a draft" "ISS-A,posted|ISS-B,draft|ISS-C,posted|ISS-D,draft" \
    "$(docs)"

run "$K" post ISS-X404 ISS-B
is "the unknown one first: its exit, 66" 66 "$rc"
like "... and B still said" "kontor: ISS-B: line 1: SKU-1 at MAIN: 85 available" "$err"

run "$K" post ISS-D
is "the one-code form: exit 0" 0 "$rc"
is "... and its line, as before" "kontor: ISS-D posted" "$err"
run "$K" post ISS-B
is "the one-code form refused: exit 65" 65 "$rc"
is "... its message has no code put before it" \
    "kontor: ISS-B: line 1: SKU-1 at MAIN: 84 available, 500 requested" \
    "$err"
run "$K" post ISS-A ISS-D
is "all refused (posted already): the first's exit, 65" 65 "$rc"
like "... the message names the document once" \
    "kontor: ISS-A is posted already; a posted document is corrected" "$err"

run "$K" post ISS-A ISS-D --override
is "--override on a code that is no sales order: exit 64" 64 "$rc"

# One connection for all: the process connects once.
if command -v strace >/dev/null 2>&1 &&
    strace -f -o /dev/null true 2>/dev/null; then
	printf 'code,type,warehouse,to_warehouse,reason\nISS-E,issue,MAIN,,\nISS-F,issue,MAIN,,\nISS-G,issue,MAIN,,\n' \
	    >"$T/d2.csv"
	printf 'doc,product,qty\nISS-E,SKU-1,1\nISS-F,SKU-1,1\nISS-G,SKU-1,1\n' \
	    >"$T/l2.csv"
	"$K" import stock_docs "$T/d2.csv" 2>/dev/null &&
	    "$K" import stock_lines "$T/l2.csv" 2>/dev/null
	# (LeakSanitizer cannot run under ptrace: off for this one.)
	run env ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
	    strace -f -e trace=connect -o "$T/strace" "$K" post ISS-E ISS-F \
	    ISS-G
	is "three posted: exit 0" 0 "$rc"
	is "... over one connection" 1 \
	    "$(grep -c 'connect(.*AF_UNIX' "$T/strace")"
else
	pass "# SKIP no strace"
	pass "# SKIP no strace"
fi
done_testing
