#!/bin/sh
# Issue 16: what a kontor process maps at start.  The program names libc
# alone: Berkeley DB is loaded by the first db_env_create() (src/db/
# dbload.c: the server, the commands that open a home), ncurses by the
# session's initscr() (src/ui/curses-load.c), libcsv, msgpack-c and
# nettle are linked in (configure --enable-static-libs).  So --version
# and a client command (show, stock) map neither libdb nor ncurses, and
# the server that answers them has loaded libdb.  The loader says what
# it maps with LD_DEBUG=files (glibc's).
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
K="$KONTOR"

# maps CMD...: the shared objects the command's loader mapped, by name,
# from the LD_DEBUG lines "file=NAME [0];  needed by ..." and "file=NAME
# [0];  dynamically loaded by ...".
maps() {
	LD_DEBUG=files "$@" 2>&1 >/dev/null |
	    sed -n 's/^.*file=\([^ ]*\) .*\(needed\|dynamically\).*$/\1/p' |
	    sort -u | tr '\n' ' '
}
if [ -z "$(maps "$K" --version)" ]; then
	skip_all "the loader says nothing under LD_DEBUG=files (not glibc)"
fi
plan 10

m=$(maps "$K" --version)
unlike() {
	case $3 in *"$2"*) fail "$1" "'$2' in: $3" ;; *) pass "$1" ;; esac
}
unlike "--version: no libdb" libdb "$m"
unlike "--version: no ncurses" curses "$m"
unlike "--version: no libtinfo" tinfo "$m"

# The server started by init has Berkeley DB, loaded when it opened the
# home (each process of the tree writes its own LD_DEBUG_OUTPUT file).
LD_DEBUG=files LD_DEBUG_OUTPUT=$T/ld "$K" init --company "Тест" \
    >/dev/null 2>&1
is "init: exit 0" 0 "$?"
is "the server loaded libdb by dlopen()" 1 "$(cat "$T"/ld.* |
    grep -c 'file=libdb[^ ]* .*dynamically loaded')"

printf 'code,name,kind\nC-1,Ромашка,company\n' >"$T/c.csv"
"$K" import customers "$T/c.csv" >/dev/null 2>&1
m=$(maps "$K" show customers C-1)
unlike "show: no libdb" libdb "$m"
unlike "show: no ncurses" curses "$m"
run "$K" show customers C-1
like "show: the customer" 'Ромашка' "$out"
m=$(maps "$K" stock SKU-1)
unlike "stock: no libdb" libdb "$m"
unlike "stock: no ncurses" curses "$m"
done_testing
