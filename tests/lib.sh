# tests/lib.sh: helpers for the shell tests (TAP), sourced by each.
#
#   . "$KONTOR_SRCDIR/tests/lib.sh"
#   plan 3
#   is "exit code of init" 0 "$rc"
#   like "message names the field" "column 'inn'" "$err"
#   ok "something true" test -f "$KONTOR_HOME/sys.db"
#
# Every test gets a fresh scratch directory $T and home $KONTOR_HOME; the
# server started for it is stopped and $T removed on exit.

KONTOR=${KONTOR_BIN:-$(pwd)/kontor}
KONTOR_SRCDIR=${KONTOR_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
T=$(mktemp -d /tmp/kt.XXXXXX)
KONTOR_HOME=$T/home
export KONTOR_HOME
unset KONTOR_SOCKET
KONTOR_CONF=/nonexistent
export KONTOR_CONF
# Sessions open on the main menu, as the TUI tests written before the home
# screen walk from it (tests/tui/test_dashboard_tui.sh opens the home).
KONTOR_START=menu
export KONTOR_START
tap_n=0
tap_failed=0

# Background clients a test starts go into $pids: on exit they are woken
# (if stopped) and killed before the server is stopped, so none of them
# starts a server again.
pids=""
stop_clients() {
	for p in $pids; do
		kill -CONT "$p" 2>/dev/null
		kill -9 "$p" 2>/dev/null
	done
	for p in $pids; do
		wait "$p" 2>/dev/null	# ours only: a test's server runs on
	done
	pids=""
}

cleanup() {
	stop_clients
	"$KONTOR" stop >/dev/null 2>&1
	[ -n "${EXTRA_CLEANUP:-}" ] && eval "$EXTRA_CLEANUP"
	# Sanitizer reports go to the test's log before the directory goes.
	for f in "$T"/asan.*; do
		[ -f "$f" ] && sed 's/^/# sanitizer: /' "$f"
	done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
# Sanitizer reports of servers (whose stderr is /dev/null) and clients.
ASAN_OPTIONS="log_path=$T/asan${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export ASAN_OPTIONS

now_ms() { date +%s%3N; }
# state PID: the process state letter (R S D T Z), empty when gone.
state() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1; }
running() { s=$(state "$1"); [ -n "$s" ] && [ "$s" != Z ]; }
# poll_until SECONDS CMD...: run CMD every 20 ms until it holds, at most
# SECONDS; false if it never did.
poll_until() {
	_n=$(($1 * 50))
	shift
	while ! "$@"; do
		_n=$((_n - 1))
		[ "$_n" -le 0 ] && return 1
		sleep 0.02
	done
}

plan() { echo "1..$1"; }
pass() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1"; }
fail() {
	tap_n=$((tap_n + 1)); tap_failed=1
	echo "not ok $tap_n - $1"
	shift
	for l in "$@"; do printf '%s\n' "$l" | sed 's/^/# /'; done
}
skip_all() { echo "1..0 # SKIP $1"; exit 0; }
# ok DESC CMD...: passes when CMD succeeds.
ok() { d=$1; shift; if "$@"; then pass "$d"; else fail "$d" "command: $*"; fi; }
# is DESC EXPECTED ACTUAL
is() {
	if [ "$2" = "$3" ]; then pass "$1"
	else fail "$1" "expected: $2" "got:      $3"; fi
}

# Skip the test unless the ru_RU.UTF-8 locale and kontor's Russian
# catalogue (built beside the binary) are there.
need_russian() {
	locale -a 2>/dev/null | grep -qi '^ru_RU\.utf-\?8$' ||
	    skip_all "the locale ru_RU.UTF-8 is not installed (./bootstrap makes it)"
	[ -f "$(dirname "$KONTOR")/po/locale/ru/LC_MESSAGES/kontor.mo" ] ||
	    skip_all "no Russian catalogue beside the binary (make builds it)"
}
# like DESC NEEDLE HAYSTACK: HAYSTACK contains NEEDLE (fixed string).
like() {
	case $3 in
	*"$2"*) pass "$1" ;;
	*) fail "$1" "expected to contain: $2" "got: $3" ;;
	esac
}
# run CMD...: sets $rc, $out (stdout) and $err (stderr).
run() {
	"$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}
done_testing() { exit $tap_failed; }
