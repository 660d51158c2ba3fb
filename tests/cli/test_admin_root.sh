#!/bin/sh
# What the command line says to root and to the home's owner, and the
# backup directory another user controls: needs root to make a second
# Unix user (kontoradm) who owns a home; says so and skips otherwise.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
[ "$(id -u)" = 0 ] || skip_all "not root: cannot create a second Unix user"
command -v useradd >/dev/null || skip_all "useradd missing (package passwd)"
command -v setpriv >/dev/null || skip_all "setpriv missing (package util-linux)"
case $KONTOR in
/root/*) skip_all "kontor binary under /root: not reachable by a second user" ;;
esac

U=kontoradm
getent passwd $U >/dev/null || useradd -M -U -s /bin/sh $U 2>/dev/null ||
    getent passwd $U >/dev/null || skip_all "cannot create user $U"
uid=$(id -u $U)
gid=$(id -g $U)
S=$(mktemp -d /tmp/ka.XXXXXX)
chmod 0711 "$S"
# The servers here are $U's; an unregistered owner cannot say stop.
EXTRA_CLEANUP='for h in "$S"/*/; do
	[ -f "$h/kontor.pid" ] && kill "$(cat "$h/kontor.pid")" 2>/dev/null
	poll_until 10 test ! -S "$h/kontor.sock"
done; rm -rf "$S"'
plan 10

# as_u CMD...: run as $U, its own home and login.
as_u() {
	setpriv --reuid=$uid --regid=$gid --clear-groups env HOME="$S" \
	    LOGNAME=$U USER=$U "$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

# A home of $U's: root is no clerk there.
mkdir "$S/uhome" && chown $U: "$S/uhome"
as_u "$KONTOR" --home "$S/uhome" init
is "$U makes a home of its own" 0 "$rc"
run "$KONTOR" --home "$S/uhome" status
is "root in $U's home: exit 77" 77 "$rc"
is "root is told to act as the owner, or to be made an admin" \
    "kontor: user 'root' is not registered here; run kontor as the home's owner (sudo -u $U kontor ...), or an administrator can run: kontor user add root --role admin" \
    "$err"

# kontor.serve written by root (0600) in $U's home: the server $U's
# command starts cannot read the socket group kept there; it refuses,
# naming the file and why (78), rather than serve without the group.
as_u "$KONTOR" --home "$S/uhome" stop
printf 'socket-group=nogroup\n' >"$S/uhome/kontor.serve"
chmod 0600 "$S/uhome/kontor.serve"
as_u "$KONTOR" --home "$S/uhome" export warehouses
is "a kontor.serve $U cannot read: exit 78" 78 "$rc"
like "... naming the file and the reason" \
    "cannot read $S/uhome/kontor.serve: Permission denied" "$err"
ok "... and no server serves without the group" test ! -e "$S/uhome/kontor.sock"
rm -f "$S/uhome/kontor.serve"

# A home made by root and handed to $U: its owner is its admin.
"$KONTOR" --home "$S/rhome" init >/dev/null 2>&1
"$KONTOR" --home "$S/rhome" stop >/dev/null 2>&1
chown -R $U: "$S/rhome"
as_u "$KONTOR" --home "$S/rhome" export customers
is "the unregistered owner is told to be made an admin" \
    "kontor: user '$U' is not registered here, though it owns the home; an administrator can run: kontor user add $U --role admin" \
    "$err"

# A backup directory that belongs to another user is refused: its owner
# could plant links there for the server to write through.
"$KONTOR" init >/dev/null 2>&1
mkdir "$S/theirs"
chown $U: "$S/theirs"
chmod 0700 "$S/theirs"
run "$KONTOR" backup "$S/theirs"
is "backup into $U's directory: exit 73" 73 "$rc"
is "... refused, named" \
    "kontor: $S/theirs belongs to another user (uid $uid), not to the server's (uid 0): a backup goes only into a directory of the server's user" \
    "$err"
ok "... nothing written there" test -z "$(ls -A "$S/theirs")"
done_testing
