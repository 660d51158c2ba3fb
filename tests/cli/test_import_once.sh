#!/bin/sh
# A small import in one request (issue 16's scripts): a file whose rows fit
# one frame goes to the server as one request after the hello (the op
# import: begin, rows and commit), a larger one as before (import_begin,
# import_rows..., import_commit).  Both say the same: the same refusals
# with the same line, nothing changed by a bad line, the same counts.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 27
K="$KONTOR"
ncust() { "$K" export customers 2>/dev/null | sed 1d | wc -l; }
# The requests kontor CMD... sends, by their op, one a line.
ops() {
	# (LeakSanitizer cannot run under ptrace: off for these.)
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace -f \
	    -e trace=write -e abbrev=none -s 24 -o "$T/strace" "$@" \
	    >/dev/null 2>&1
	sed -n 's/.*\\242op\\2[0-9][0-9]\([a-z_]*\).*/\1/p' "$T/strace" |
	    tr '\n' ' ' | sed 's/ $//'
}
have_strace=0
command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true \
    2>/dev/null && have_strace=1

run "$K" init --company "ООО «Раз»"
is "init: exit 0" 0 "$rc"

# --- a small file: one request --------------------------------------------
printf 'code,name,kind\nC-1,Альфа,company\nC-2,Бета,company\n' >"$T/two.csv"
if [ $have_strace = 1 ]; then
	is "a small file: hello, then one request" "hello import" \
	    "$(ops "$K" import customers "$T/two.csv")"
	is "... and the rows are in" 2 "$(ncust)"
else
	"$K" import customers "$T/two.csv" 2>/dev/null
	pass "# SKIP no strace"
	is "the rows are in" 2 "$(ncust)"
fi
printf 'code,name,kind\nC-3,Гамма,company\n' >"$T/one.csv"
run "$K" import customers "$T/one.csv"
is "one row: exit 0" 0 "$rc"
is "... what it says" \
    "kontor: imported 1 row into customers (1 new, 0 updated)" "$err"

# The same refusals, nothing changed.
printf 'code,name,kind,inn\nC-4,Дельта,company,7707083893\nC-5,Эпсилон,company,77A1234567\n' \
    >"$T/bad.csv"
run "$K" import customers "$T/bad.csv"
is "a bad INN on line 3: exit 65" 65 "$rc"
is "... the line and the column" \
    "$T/bad.csv:3: column 'inn': 10 or 12 digits with valid check digits expected, got \"77A1234567\"" \
    "$err"
is "... and nothing changed (not even line 2)" 3 "$(ncust)"
printf 'code,name,kind,colour\nC-6,X,company,red\n' >"$T/col.csv"
run "$K" import customers "$T/col.csv"
is "an unknown column: exit 65" 65 "$rc"
like "... named with the header's line" \
    "$T/col.csv:1: column 'colour': not a field of customers" "$err"
printf '\n\ncode,name,kind,colour\nC-6,X,company,red\n' >"$T/col3.csv"
run "$K" import customers "$T/col3.csv"
like "a header on line 3: its line" "$T/col3.csv:3: column 'colour'" "$err"
printf 'code,name,kind\nC-1,X,company\n' >"$T/again.csv"
run "$K" import customers "$T/again.csv"
is "a code already there: exit 65" 65 "$rc"
like "... named" "$T/again.csv:2: column 'code': \"C-1\" is already used" \
    "$err"
run "$K" import customers "$T/again.csv" --update
is "--update: exit 0" 0 "$rc"
is "... counted as updated" \
    "kontor: imported 1 row into customers (0 new, 1 updated)" "$err"
printf 'code,name,kind\nC-9,Дзета,company\n' >"$T/dry.csv"
run "$K" import customers "$T/dry.csv" --dry-run
is "--dry-run: exit 0" 0 "$rc"
like "... nothing saved" "nothing was saved" "$err"
is "... and nothing is" 3 "$(ncust)"
printf 'code,name,kind\n' >"$T/head.csv"
run "$K" import customers "$T/head.csv"
is "a header and no rows: exit 0, as before" \
    "0 kontor: imported 0 rows into customers (0 new, 0 updated)" \
    "$rc $err"

# --- stock moves: posted as one document, or refused whole -----------------
printf 'code,name,allow_negative\nMAIN,Основной,no\n' >"$T/w.csv"
printf 'sku,name,unit\nSKU-1,Болт,pcs\n' >"$T/p.csv"
"$K" import warehouses "$T/w.csv" 2>/dev/null
"$K" import products "$T/p.csv" 2>/dev/null
printf 'type,sku,warehouse,quantity\nreceipt,SKU-1,MAIN,10\n' >"$T/in.csv"
run "$K" import stock-moves "$T/in.csv"
like "a one-line stock-moves file is posted" \
    "kontor: posted 1 stock move as BAT-" "$err"
printf 'type,sku,warehouse,quantity\nissue,SKU-1,MAIN,4\nissue,SKU-1,MAIN,7\n' \
    >"$T/short.csv"
run "$K" import stock-moves "$T/short.csv"
is "one that goes short: exit 65" 65 "$rc"
is "... said at its line" \
    "$T/short.csv:3: SKU-1 at MAIN: 6 available, 7 requested" "$err"
is "... and nothing moved" "MAIN,Основной,10,0,10,0" \
    "$("$K" stock SKU-1 --format csv 2>/dev/null | tr -d '\r' | sed -n 2p)"

# --- a file larger than one request: begin, rows, commit as before ---------
awk 'BEGIN { print "code,name,kind";
    for (i = 1; i <= 2500; i++) printf "B-%d,Покупатель %d,person\n", i, i }' \
    >"$T/big.csv"
if [ $have_strace = 1 ]; then
	is "2,500 rows: begin, two batches, commit" \
	    "hello import_begin import_rows import_rows import_commit" \
	    "$(ops "$K" import customers "$T/big.csv")"
else
	"$K" import customers "$T/big.csv" 2>/dev/null
	pass "# SKIP no strace"
fi
is "... all in" 2503 "$(ncust)"
sed 's/^B-2400,.*/B-2400,Плохой,alien/' "$T/big.csv" |
    sed 's/^B-\([0-9]*\),/X-\1,/' >"$T/bigbad.csv"
run "$K" import customers "$T/bigbad.csv"
like "a bad line past the first batch: refused at its line" \
    "$T/bigbad.csv:2401: column 'kind':" "$err"
is "... and nothing of it is in" 2503 "$(ncust)"
done_testing
