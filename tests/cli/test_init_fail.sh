#!/bin/sh
# An init that fails leaves no home behind: a bad --company is refused
# before anything is made, and a start that fails after files were made
# removes them, so init can be run again (it left 63 files and a server
# with no users, and the retry said 'already a kontor home') (session 26,
# S 5).
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 14
K="$KONTOR"
H=$T/h2

run "$K" --home "$H" init --company "$(printf 'ООО \033[2J')"
is "a control character in --company: exit 65" 65 "$rc"
like "... naming the option and the reason" \
    "--company: control character U+001B not allowed" "$err"
ok "... and no home was made" test ! -e "$H"
long=$(printf '%0300d' 0 | sed 's/0/я/g')
run "$K" --home "$H" init --company "$long"
is "a 300-character --company: exit 65" 65 "$rc"
like "... saying the limit" "at most 160 characters expected, got 300" \
    "$err"
ok "... and no home was made" test ! -e "$H"
run "$K" --home "$H" init --company ""
is "an empty --company: exit 65" 65 "$rc"

# An empty directory given: it stays, empty.
mkdir -m 0700 "$T/empty"
run "$K" --home "$T/empty" init --company "$long"
ok "an empty home given, a bad --company: it stays empty" \
    test -d "$T/empty" -a -z "$(ls -A "$T/empty")"

# Files made, then the start fails (the server crashes as it starts).
KONTOR_TEST_CRASH=abort run "$K" --home "$H" init --company "Тест"
is "the server crashes as init starts it: exit 69" 69 "$rc"
like "... saying that nothing was created" "nothing was created in $H" \
    "$err"
ok "... and what it made is gone" test ! -e "$H"

run "$K" --home "$H" init --company "Тест"
is "init again: exit 0" 0 "$rc"
run "$K" --home "$H" user list
is "... and the home works: user list exits 0" 0 "$rc"
run "$K" --home "$H" stop
is "... and stop exits 0" 0 "$rc"
done_testing
