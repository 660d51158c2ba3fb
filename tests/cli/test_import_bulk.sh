#!/bin/sh
# A bulk import larger than what a transaction keeps in the heap: the
# rows are staged in a spill file in the home and the audit entries past
# the first 4096 wait for the commit in another; every row gets its audit
# entry in order, kontor check passes, a refused or dry-run import saves
# nothing, and no spill file is left behind.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 15
K="$KONTOR"
N=5000

"$K" init --company "ООО Тест" >/dev/null 2>&1
rows() {	# rows FILE FIRST COUNT [BADLINE]
	awk -v f="$2" -v n="$3" -v bad="${4:-0}" 'BEGIN {
		print "code,name,kind,phone"
		for (i = f; i < f + n; i++)
			printf "B%06d,Фирма %d,company,+7 495 %07d\n",
			    (i - f + 2 == bad) ? 1 : i, i, i
	}' >"$1"
}
spills() { ls -A "$KONTOR_HOME" | grep -c '^\.kontor-spill' ; }

rows "$T/a.csv" 1 $N
run "$K" import customers --dry-run "$T/a.csv"
is "a dry run of $N rows" 0 "$rc"
is "... saves nothing" "0" "$("$K" export customers | sed 1d | wc -l)"
run "$K" import customers "$T/a.csv"
is "import of $N rows" 0 "$rc"
like "... all new" "$N new" "$err$out"
is "... all there" "$N" "$("$K" export customers | sed 1d | wc -l)"
run "$K" audit --entity customers --format csv
# One line a field: the code's are one a row.
is "one audit entry per row" "$N" "$(printf '%s\n' "$out" | grep -c ',create,code,')"
# The last rows' entries (spilled) follow the first ones in order.
first=$(printf '%s\n' "$out" | grep ',create,code,' | head -1)
last=$(printf '%s\n' "$out" | grep ',create,code,' | tail -1)
like "... the first row's first" ",B000001" "$first"
like "... the last row's last" ",B00$N" "$last"
run "$K" check
is "kontor check passes" 0 "$rc"

# The last row takes a stored row's code: refused in the transaction,
# after every other row was saved in it, by its line; nothing saved.
rows "$T/b.csv" 10001 $N $((N + 1))
run "$K" import customers "$T/b.csv"
is "a bad last row: exit 65" 65 "$rc"
like "... named by its line" "b.csv:$((N + 1)): column 'code'" "$err"
like "... and why" "B000001" "$err"
is "... nothing of it saved" "$N" "$("$K" export customers | sed 1d | wc -l)"
is "no spill file left in the home" "0" "$(spills)"
run "$K" check
is "kontor check still passes" 0 "$rc"
