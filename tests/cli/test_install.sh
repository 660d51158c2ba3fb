#!/bin/sh
# The admin guide's install section, section 3: configure (here a second
# time, with another --sysconfdir, after a first build), make, make
# install, then the files it promises, and an installed binary that reads
# the configured kontor.conf.  make install and everything after it run in
# a private mount namespace over an empty /usr/local and /var/lib and a
# copy of /etc, so nothing on the host changes.  Needs root and unshare (util-linux):
# says so and skips otherwise.
#
# Run time: the build tree is copied with its objects, as after a first
# build.  Configuring again must make every object out of date (config.h
# changed); the two that use the configured path are then rebuilt, the
# others marked current instead of recompiled (saving a minute), and the
# binary relinked and installed.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
[ "$(id -u)" = 0 ] || skip_all "not root: cannot make a private mount namespace"
command -v unshare >/dev/null && command -v nsenter >/dev/null ||
    skip_all "unshare or nsenter missing (package util-linux)"
unshare -m true 2>/dev/null || skip_all "unshare -m is not permitted here"
B=$(dirname "$KONTOR")
[ -f "$B/config.status" ] && [ -f "$B/Makefile" ] ||
    skip_all "no configured build tree beside $KONTOR"
[ "$(cd "$B" && pwd)" = "$(cd "$KONTOR_SRCDIR" && pwd)" ] ||
    skip_all "a VPATH build (distcheck): the test copies an in-tree build"
grep -q '^#define KONTOR_SYSCONFDIR "/etc"$' "$B/config.h" &&
    skip_all "the build has --sysconfdir=/etc already: nothing to change"
EXTRA_CLEANUP='[ -n "${ns:-}" ] && { as_admin "$I/bin/kontor" stop; kill $ns; }
wait 2>/dev/null'
plan 25

W=$T/tree
I=/usr/local
cp -a "$B" "$W" 2>/dev/null
# A copy's make must not call back into the tree it came from.
unset MAKEFLAGS MFLAGS MAKELEVEL
run make -C "$W" kontor
is "the copied build is up to date" "" "$(printf '%s\n' "$out" |
    grep -E '^ +(CC|CCLD|AR) ')"

# The guide's configure, after a build made without --sysconfdir=/etc
# (the build's own options kept: --enable-asan must not change at link).
run sh -c "cd '$W' && eval \"./configure \$(./config.status --config) \
    --prefix=$I --sysconfdir=/etc --localstatedir=/var\""
is "configure as the guide says: exit 0" 0 "$rc"
ok "config.h carries the configuration file's directory" \
    grep -q '^#define KONTOR_SYSCONFDIR "/etc"$' "$W/config.h"
is "only home.c and main.c use the path" "src/home.c src/main.c" \
    "$(cd "$W" && grep -l KONTOR_SYSCONFDIR src/*.c src/*/*.c screens/*.c \
    reports/*.c | tr '\n' ' ' | sed 's/ $//')"
# make rebuilds what uses config.h: those two, and one that does not use
# the path (all include config.h, so every object is out of date now).
run make -C "$W" src/home.o src/main.o src/audit.o
is "make rebuilds the objects: config.h changed" \
    "CC src/home.o|CC src/main.o|CC src/audit.o|" \
    "$(printf '%s\n' "$out" | sed -n 's/^ *\(CC\) *\(.*\)$/\1 \2/p' |
    tr '\n' '|')"
n=$(find "$W" -name '*.o' ! -newer "$W/config.h" | wc -l)
ok "... and every other one is older than config.h ($n)" test "$n" -gt 40
find "$W" -name '*.o' ! -newer "$W/config.h" -exec touch {} +
run make -C "$W" kontor
is "make relinks kontor" 0 "$rc"

# make install, and what follows it, in a mount namespace of our own.
unshare -m --propagation private sleep 600 &
ns=$!
# in_ns CMD...: CMD in that namespace, never in the host's.
private() { test "$(readlink /proc/$ns/ns/mnt)" != "$(readlink /proc/$$/ns/mnt)"; }
in_ns() {
	private || { echo "kontor test: not in a namespace of its own" >&2
	    return 99; }
	nsenter -t "$ns" -m "$@"
}
poll_until 5 private || { kill $ns; ns=; fail "unshare -m: no namespace"
    done_testing; }
cp -a /etc "$T/etc"
in_ns mount -t tmpfs tmpfs "$I"
in_ns mount --bind "$T/etc" /etc
# The default home is /var/lib/kontor: a binary that fails to read the
# configuration file must not make one on the host.
in_ns mount -t tmpfs tmpfs /var/lib
# Section 4: the kontor user and group (the socket's group).
in_ns sh -c 'getent group kontor >/dev/null ||
    useradd --system --user-group --home-dir /var/lib/kontor \
    --no-create-home --shell /usr/sbin/nologin kontor'
run in_ns make -C "$W" install
is "make install: exit 0" 0 "$rc"
for f in bin/kontor sbin/kontor-backup; do
	ok "installed and executable: $I/$f" in_ns test -x "$I/$f"
done
for f in lib/kontor/kontor-pdf.so share/man/man1/kontor.1 share/man/ru/man1/kontor.1 \
    lib/systemd/system/kontor.service \
    share/doc/kontor/admin-guide.md share/doc/kontor/kontor.conf.example \
    share/doc/kontor/kontor.cron; do
	ok "installed: $I/$f" in_ns test -f "$I/$f"
done
ok "the cron file finds the backup script" in_ns grep -q \
    "^PATH=$I/sbin:$I/bin:" "$I/share/doc/kontor/kontor.cron"
ok "nothing went to the host's $I" test ! -e "$I/sbin/kontor-backup"

# /etc/kontor.conf, from the example as section 6 says, its home and
# socket pointed at the test's directory (a later line wins).
in_ns install -m 0644 "$I/share/doc/kontor/kontor.conf.example" \
    /etc/kontor.conf
in_ns sh -c "printf 'home = %s\nsocket = %s\n' '$T/sys' '$T/sys/kontor.sock' \
    >>/etc/kontor.conf"
# The installed binary, as a clerk runs it: no KONTOR_* in sight.
as_admin() {
	run in_ns env -u KONTOR_CONF -u KONTOR_HOME -u KONTOR_SOCKET \
	    -u KONTOR_BIN "$@"
}
as_admin "$I/bin/kontor" status
is "the installed binary reads /etc/kontor.conf" \
    "kontor: no server answers at $T/sys/kontor.sock" "$err"
as_admin "$I/bin/kontor" init --company "Тест"
like "init makes the home the conf names" "created $T/sys" "$err"
# The PDF renderer is a module: the installed binary finds it in
# pkglibdir (none beside it in bin/).
as_admin "$I/bin/kontor" report receivables -o "$T/installed.pdf"
is "a PDF from the installed binary (its module in lib/kontor): exit 0" \
    "0 " "$rc $err"
is "... a PDF" "%PDF-" "$(head -c 5 "$T/installed.pdf" 2>/dev/null)"
# Section 5: the backup directory exists before the first backup.
install -d -m 0700 "$T/backups"
as_admin env KONTOR_BACKUP_DIR="$T/backups" "$I/sbin/kontor-backup"
is "the installed backup script: exit 0, silent" "0 " "$rc $out$err"
ok "... a backup of today, and latest points at it" \
    test -f "$T/backups/$(date +%F)/KONTOR-BACKUP" -a \
    "$(readlink "$T/backups/latest")" = "$(date +%F)"
done_testing
