#!/bin/sh
# The audit journal's tail (issue 9, section 4).  The head of the chain
# (the last entry's seq and hash) is kept apart from the journal, in
# sys.db, written in the same transaction as the entries; kontor check
# compares the journal with it and every record's revision with its audit
# entries.  Cut with tests/server/auditcut (the server stopped): the last
# entry, the last five, all of them, each told by check (exit 65) with
# what is missing; and cut with the head made to agree, told by the
# records' revisions.  A backup's KONTOR-BACKUP and the log name the
# head.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"

CUT=$(dirname "$KONTOR")/tests/server/auditcut
[ -x "$CUT" ] || skip_all "no $CUT (make check builds it)"

plan 24
K="$KONTOR"

run "$K" init --company "Audit"
is "init" 0 "$rc"
printf 'code,name,kind\nC-1,Один,company\nC-2,Два,company\nC-3,Три,company\n' \
    >"$T/c.csv"
run "$K" import customers "$T/c.csv"
is "three customers" 0 "$rc"
printf 'code,name,kind,city\nC-1,Один,company,Тверь\nC-2,Два,company,Тула\nC-3,Три,company,Орёл\n' \
    >"$T/u.csv"
run "$K" import customers "$T/u.csv" --update
is "... each updated" 0 "$rc"
run "$K" audit
n=$(printf '%s\n' "$out" | awk '$1 ~ /^[0-9]+$/ { n = $1 } END { print n }')
ok "the journal has entries ($n)" test "${n:-0}" -ge 7
run "$K" check
is "check passes" 0 "$rc"
run "$K" backup "$T/bk"
is "backup" 0 "$rc"
head=$(sed -n 's/^audit \([0-9]*\) \([0-9a-f]*\)$/\1 \2/p' "$T/bk/KONTOR-BACKUP")
is "the backup's marker names the head: entry $n and its hash" \
    "$n" "${head%% *}"
ok "... a hash of 64 hex digits" test "$(printf %s "${head#* }" | wc -c)" = 64
like "the log names it too" "the audit journal's head is entry ${head%% *}, ${head#* }" \
    "$(cat "$KONTOR_HOME/kontor.log")"
run "$K" stop
is "stop" 0 "$rc"
cp -a "$KONTOR_HOME" "$T/orig"

# cut N [--head]: a fresh copy of the home, cut; then check.
cut() {
	"$K" stop >/dev/null 2>&1
	rm -rf "$KONTOR_HOME"
	cp -a "$T/orig" "$KONTOR_HOME"
	cut_n=$("$CUT" "$KONTOR_HOME" "$@" 2>&1)
	run "$K" check
}

cut 1
is "the last entry deleted: check exits 65" 65 "$rc"
like "... naming it" \
    "audit: entry $n, the last, is missing (the journal ends at entry $((n - 1)); its head, kept apart, is entry $n)" \
    "$out"
cut 5
is "the last five deleted: check exits 65" 65 "$rc"
like "... naming them" \
    "audit: entries $((n - 4)) to $n, the last 5, are missing (the journal ends at entry $((n - 5)); its head, kept apart, is entry $n)" \
    "$out"
cut all
is "every entry deleted ($cut_n): check exits 65" 65 "$rc"
like "... saying so" \
    "audit: the journal is empty, but its head (kept apart) is entry $n: entries 1 to $n are missing" \
    "$out"
like "... and the records their entries lack" \
    "customers 1 (C-1): at revision 2, but the audit journal has 0 entries for it: 2 missing" \
    "$out"

# One who knew of the head: it agrees with the cut journal, the records
# do not.
cut 1 --head
is "the last entry deleted and the head put back: check exits 65" 65 "$rc"
like "... the record it was written for lacks it" \
    "customers 3 (C-3): at revision 2, but the audit journal has 1 entry for it: 1 missing" \
    "$out"

# Writes go on after a cut: the chain goes on from the head, so the gap
# stays in sight, and what is written after it is counted.
cut 1
run "$K" import customers "$T/c.csv" --update
printf 'code,name,kind\nC-4,Четыре,company\n' >"$T/c4.csv"
run "$K" import customers "$T/c4.csv"
is "a write after the cut" 0 "$rc"
run "$K" check
is "... check still exits 65" 65 "$rc"
like "... the gap named" "audit: entry $n is missing (the journal goes from entry $((n - 1)) to $((n + 1)))" "$out"
case $out in
*"customers 4 "*) fail "... the new record is not blamed" "$out" ;;
*) pass "... the new record is not blamed" ;;
esac

# The original home passes again.
"$K" stop >/dev/null 2>&1
rm -rf "$KONTOR_HOME"
cp -a "$T/orig" "$KONTOR_HOME"
run "$K" check
is "the home uncut: check passes" 0 "$rc"

done_testing
