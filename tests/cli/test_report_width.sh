#!/bin/sh
# Text reports fit 80 columns: every report of the man page, in Russian
# and in English, over the demo data.  Each column as wide as its widest
# cell, numbers right-aligned, no blanks at the ends of lines; a table
# wider than 80 narrows its widest text first, a name keeping as much as
# fits (a task's title past 18 characters).  CSV keeps every value whole.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
need_russian
plan 121
K="$KONTOR"
unset LANGUAGE LC_ALL LC_MESSAGES
LANG=ru_RU.UTF-8
export LANG

"$K" init --demo --company "ООО «Ромашка»" >/dev/null 2>&1
reports="customers-by-status tasks-due funnel sales orders-open returns
stock stock-value reorder moves lots receivables payables cash payments
production finished-goods shortages abc slow-stock losses plan-actual"
for r in $reports; do
	a=
	case $r in stock|lots) a="--sku SKU-1001" ;; esac
	for l in ru en; do
		run "$K" --lang $l report $r $a
		is "$r ($l) exits 0" 0 "$rc"
		w=$(printf '%s\n' "$out" | wc -L)
		ok "$r ($l) is at most 80 wide (got $w)" test "$w" -le 80
	done
	# Blanks at the ends of lines: none (Russian, the wider).
	n=$(printf '%s\n' "$out" | grep -c ' $')
	is "$r: no blanks at the ends of lines" 0 "$n"
done
run "$K" stock SKU-1001
w=$(printf '%s\n' "$out" | wc -L)
ok "kontor stock SKU is at most 80 wide (got $w)" test "$w" -le 80

# A title keeps more than 18 characters: the widest text gives way only
# as far as the line needs.
run "$K" --lang ru report tasks-due
title=$(printf '%s\n' "$out" | sed -n 2p | sed 's/^T-[0-9]*  [0-9.]* [0-9:]*  //; s/  .*//')
n=$(printf '%s' "$title" | wc -m)
ok "a task's title shows past 18 characters (got $n: $title)" test "$n" -gt 18
# Numbers right-aligned: in stock-value every row's value ends the line
# at the same column.
run "$K" --lang ru report stock-value
n=$(printf '%s\n' "$out" | sed 1d | while IFS= read -r l; do
	printf '%s' "$l" | wc -m; done | sort -u | wc -l)
is "stock-value: the values end in one column" 1 "$n"
# CSV: every value whole, as before.
run "$K" report tasks-due --format csv
like "CSV has the header of names" "code,due,title" "$(printf '%s' "$out" | tr -d '\r')"
# A month for people: 11.2026, as a date is 05.12.2026 (CSV: 2026-11).
for r in production losses "sales --period month"; do
	run "$K" --lang ru report $r
	ok "$r: a month as MM.YYYY" sh -c "printf '%s\n' \"\$1\" |
	    sed -n 2p | grep -q '^[01][0-9]\.20[0-9][0-9] '" - "$out"
done
run "$K" report losses --format csv
ok "... CSV: as written" sh -c "printf '%s\n' \"\$1\" | sed -n 2p |
    grep -q '^20[0-9][0-9]-[01][0-9],'" - "$out"
# user list: the roles by their titles in Russian; CSV keeps the codes.
run "$K" --lang ru user list
like "user list in Russian: the role's title" "администратор" "$out"
ok "... not its keyword" sh -c "! printf '%s\n' \"\$1\" | grep -q 'admin'" - "$out"
run "$K" --lang ru user list --format csv
like "... CSV: the keyword" ",admin," "$(printf '%s' "$out" | tr -d '\r')"
"$K" stop >/dev/null 2>&1
done_testing
