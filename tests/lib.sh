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
tap_n=0
tap_failed=0

cleanup() {
	"$KONTOR" stop >/dev/null 2>&1
	[ -n "${EXTRA_CLEANUP:-}" ] && eval "$EXTRA_CLEANUP"
	rm -rf "$T"
}
trap cleanup EXIT

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
