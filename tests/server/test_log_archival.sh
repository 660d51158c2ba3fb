#!/bin/sh
# The log between two backups (issue 16): with archival mode on (the
# default) the log files recovery no longer needs stay in the home until
# kontor backup has copied them, and it removes them; with "archival =
# off" in the config file a checkpoint removes them (the server's, at the
# latest when it stops).  A value other than on or off is refused.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 9
K="$KONTOR"

nlogs() { ls "$KONTOR_HOME" | grep -c '^log\.'; }
# Some 45 MB of log: three files of 15 MB attached (blobs are logged
# whole; each its own bytes, as the archive keeps a file once), past the
# 32 MB of a log file.
fill() {
	for i in 1 2 3; do
		head -c 15728640 /dev/urandom >"$T/big.bin"
		"$K" attach C-1 "$T/big.bin" >/dev/null 2>&1 || return 1
	done
}

run "$K" init --company "ООО «Журнал»"
printf 'code,name,kind\nC-1,ООО «Ромашка»,company\n' >"$T/c.csv"
run "$K" import customers "$T/c.csv"
is "a customer to attach files to" 0 "$rc"
ok "45 MB attached" fill
ok "more than one log file" test "$(nlogs)" -ge 2
n=$(nlogs)
run "$K" stop
is "archival on: the checkpoint at the stop keeps them" "$n" "$(nlogs)"
mkdir -m 700 "$T/bk"
run "$K" backup "$T/bk"
is "backup exits 0" 0 "$rc"
is "kontor backup removes the logs it copied: one left" 1 "$(nlogs)"

# Archival off: the server's checkpoints remove them.
run "$K" stop
printf 'archival = off\n' >"$T/kontor.conf"
KONTOR_CONF=$T/kontor.conf
export KONTOR_CONF
ok "archival off: 45 MB attached again" fill
run "$K" stop
is "archival off: the checkpoint at the stop leaves one log file" 1 \
    "$(nlogs)"

printf 'archival = maybe\n' >"$T/kontor.conf"
run timeout 20 "$K" serve
is "archival = maybe: exit 78" 78 "$rc"
