#!/bin/sh
# Identity is the Unix login, learned from SO_PEERCRED: a second Unix user
# is refused until added, then allowed; a role denial exits 77 and changes
# nothing; a disabled user is refused; the user's words (environment)
# change nothing.  Needs root to create the user: says so and skips
# otherwise.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
[ "$(id -u)" = 0 ] || skip_all "not root: cannot create a second Unix user"
command -v useradd >/dev/null || skip_all "useradd missing (package passwd)"
command -v setpriv >/dev/null || skip_all "setpriv missing (package util-linux)"

U=kontorclerk
G=kontorsock
getent group $G >/dev/null || groupadd $G
getent passwd $U >/dev/null || useradd -M -N -g $G -s /bin/sh $U
uid=$(id -u $U)
gid=$(getent group $G | cut -d: -f3)

# The binary must be reachable by the second user.
case $KONTOR in
/root/*) skip_all "kontor binary under /root: not reachable by $U" ;;
esac

S=$(mktemp -d /tmp/ks.XXXXXX)
chmod 0711 "$S"
SOCK=$S/kontor.sock
EXTRA_CLEANUP='kill $srv 2>/dev/null; wait $srv 2>/dev/null; rm -rf "$S"'
plan 20

"$KONTOR" init --company "Тест" >/dev/null 2>&1
"$KONTOR" stop >/dev/null 2>&1
"$KONTOR" --socket "$SOCK" serve --socket-group $G &
srv=$!
i=0
while [ ! -S "$SOCK" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
ok "server listens on the shared socket" test -S "$SOCK"
is "socket is mode 0660" 660 "$(stat -c %a "$SOCK")"
is "socket group is $G" $G "$(stat -c %G "$SOCK")"

# As the clerk: only the socket, never the files.
as_clerk() {
	run setpriv --reuid=$uid --regid=$gid --clear-groups env \
	    KONTOR_SOCKET="$SOCK" KONTOR_HOME="$KONTOR_HOME" \
	    LOGNAME=root USER=root "$@"
}
as_clerk cat "$KONTOR_HOME/customers.db"
ok "clerk cannot read the database files" test $rc -ne 0
as_clerk "$KONTOR" status
is "unregistered clerk: exit 77" 77 "$rc"
is "refusal gives the fix" \
    "kontor: user '$U' is not registered here; an administrator can run: kontor user add $U --role sales" \
    "$err"

as_clerk "$KONTOR"
is "unregistered clerk opening the session: exit 77" 77 "$rc"
like "the session's refusal gives the fix" "kontor user add $U --role sales" "$err"

run "$KONTOR" --socket "$SOCK" user add $U --role warehouse --name "Склад"
is "admin adds the clerk" 0 "$rc"
as_clerk "$KONTOR" status
is "registered clerk is allowed" 0 "$rc"

printf 'code,name,kind\nC-1,Ромашка,company\n' >"$S/c.csv"
chmod 644 "$S/c.csv"
as_clerk "$KONTOR" import customers "$S/c.csv"
is "warehouse may not create customers: exit 77" 77 "$rc"
like "denial names role, action and area" "may not create in crm" "$err"
run "$KONTOR" --socket "$SOCK" export customers
is "denied import changed nothing" 1 "$(printf '%s\n' "$out" | wc -l)"
as_clerk "$KONTOR" stop
is "clerk may not stop the server: exit 77" 77 "$rc"
as_clerk "$KONTOR" user add mallory --role admin
is "clerk may not add users: exit 77" 77 "$rc"

"$KONTOR" --socket "$SOCK" user mod $U --role sales >/dev/null 2>&1
as_clerk "$KONTOR" import customers "$S/c.csv"
is "as sales the same import works" 0 "$rc"
run "$KONTOR" --socket "$SOCK" audit --entity customers --format csv
like "audit names the clerk's login" ",$U," "$out"

"$KONTOR" --socket "$SOCK" user disable $U >/dev/null 2>&1
as_clerk "$KONTOR" status
is "disabled clerk: exit 77" 77 "$rc"
like "disabled refusal gives the fix" "kontor user mod $U --enable" "$err"
ok "the server logged the refusals" grep -q "refused: $U (uid $uid) is not registered" "$KONTOR_HOME/kontor.log"
done_testing
