#!/bin/sh
# A bulk import larger than what a transaction keeps in the heap: the
# rows are staged in a spill file in the home.  The import gets one audit
# entry (the file's name and SHA-256, rows, counts, the ids it created),
# not one per new row; a record's history begins with it; rows that
# update records keep their field-level before/after, in entries after
# the import's (past the 4096 a transaction keeps in the heap too);
# kontor check passes; a refused or dry-run import saves nothing, and no
# spill file is left behind.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 39
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
# One line a field (seq,time,login,tty,entity,id,action,field,...).
is "no audit entry per new row" "0" "$(printf '%s\n' "$out" | grep -c ',create,')"
is "one entry for the import" "1" \
    "$(printf '%s\n' "$out" | awk -F, '$7 == "import" { print $1 }' | sort -u | wc -l)"
sum=$(sha256sum "$T/a.csv" | cut -d' ' -f1)
like "... the file's SHA-256" ",customers,0,import,sha256,,$sum" "$out"
like "... its name" ",customers,0,import,file,,$T/a.csv" "$out"
like "... the rows" ",customers,0,import,rows,,$N" "$out"
like "... created" ",customers,0,import,created,,$N" "$out"
# (The dry run took ids too: a sequence gives none back.)
ids=$(printf '%s\n' "$out" | tr -d '\r' | sed -n 's/.*,customers,0,import,ids,,//p')
lo=${ids%-*}
is "... the ids, one run of $N" "$N" "$((${ids#*-} - lo + 1))"
like "... and who" ",$(id -un),'-,customers,0,import," "$out"
# A record's history: the import that created it.
run "$K" audit --entity customers --id $((lo + 4321)) --format csv
like "the history of an imported record names its import" \
    ",customers,$((lo + 4321)),import,sha256,,$sum" "$out"
run "$K" check
is "kontor check passes" 0 "$rc"
run "$K" show customers B004321
like "a record found by its code (the index built after the rows)" "Фирма 4321" "$out"

# An update of every row (and one new): each changed record keeps its
# before and after, the new one is the import's.
awk -F, 'NR == 1 { print "code,name,kind,city"; next }
	{ printf "%s,%s,%s,Город %d\n", $1, $2, $3, NR }' "$T/a.csv" >"$T/u.csv"
echo "B999999,Новая,company,Тула" >>"$T/u.csv"
run "$K" import customers --update "$T/u.csv"
is "an import updating $N rows" 0 "$rc"
run "$K" audit --entity customers --format csv
is "... one update entry per changed row" "$N" \
    "$(printf '%s\n' "$out" | grep -c ',update,city,,Город ')"
run "$K" audit --entity customers --id $((lo + 16)) --format csv
like "... before and after of a changed record" ",customers,$((lo + 16)),update,city,,Город 18" "$out"
like "... after the import that created it" ",customers,$((lo + 16)),import,rows,,$N" "$out"
case $out in
*",customers,$((lo + 16)),import,updated,,$N"*)
	fail "... not in the import that only changed it" "$out" ;;
*)	pass "... not in the import that only changed it" ;;
esac
run "$K" audit --entity customers --id $((lo + N)) --format csv
like "the new row's history: the second import" ",customers,$((lo + N)),import,created,,1" "$out"
run "$K" check
is "kontor check passes after it" 0 "$rc"

# The last row takes a stored row's code: refused in the transaction,
# after every other row was saved in it, by its line; nothing saved.
rows "$T/b.csv" 10001 $N $((N + 1))
run "$K" import customers "$T/b.csv"
is "a bad last row: exit 65" 65 "$rc"
like "... named by its line" "b.csv:$((N + 1)): column 'code'" "$err"
like "... and why" "B000001" "$err"
is "... nothing of it saved" "$((N + 1))" "$("$K" export customers | sed 1d | wc -l)"
is "no spill file left in the home" "0" "$(spills)"
run "$K" check
is "kontor check still passes" 0 "$rc"

# The client sends a batch and reads its answer after the next one has
# gone: a row the server refuses as it arrives (a kind that is not one),
# in a batch in the middle of the file or in the last one, is still said
# by its line, and nothing is saved.
for bad in 3001 $((N + 1)); do
	awk -v bad="$bad" 'BEGIN { print "code,name,kind" }
	    { printf "E%06d,Фирма %d,%s\n", NR, NR,
	    NR + 1 == bad ? "bogus" : "company" }' "$T/a.csv" >"$T/e.csv"
	run "$K" import customers "$T/e.csv"
	is "a refused cell at line $bad: exit 65" 65 "$rc"
	like "... named by its line" "e.csv:$bad: column 'kind'" "$err"
	is "... nothing of it saved" "$((N + 1))" \
	    "$("$K" export customers | sed 1d | wc -l)"
done

# New records' indexes are built after the last row, in key order: a
# code a row types that another row of the file got made for it (a row
# without a code gets its prefix and id) is found there, by its line,
# and nothing is saved.
h2=$T/h2
"$K" --home "$h2" init --company "ООО Два" >/dev/null 2>&1
printf 'code,name,kind\n,Первая,company\nC-000001,Вторая,company\n' >"$T/d.csv"
run "$K" --home "$h2" import customers "$T/d.csv"
is "a code made for one row and typed in another: exit 65" 65 "$rc"
like "... by the later row's line and the code" \
    "d.csv:3: column 'code': \"C-000001\" appears twice in the file" "$err"
is "... nothing saved" "0" "$("$K" --home "$h2" export customers | sed 1d | wc -l)"
run "$K" --home "$h2" check
is "... check passes" 0 "$rc"
"$K" --home "$h2" stop >/dev/null 2>&1
