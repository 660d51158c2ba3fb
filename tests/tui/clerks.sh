# tests/tui/clerks.sh: the session as the people who use it, sourced by a
# TUI test after tests/lib.sh.
#
# Clerks are Unix users of their own (kt_sales, kt_manager, kt_wh), in the
# socket's group, with no access to the home: the server runs as root on
# a shared socket, as a system install runs it.  Needs root (to create the
# users), setpriv and tmux; says so and skips otherwise.
#
#   clerks_setup                 users, home, server on the shared socket
#   clerk_add LOGIN ROLE NAME    register LOGIN in kontor
#   as_clerk LOGIN CMD...        run CMD as LOGIN (sets rc, out, err)
#   tui LOGIN PANE [TERM [W H]]  open LOGIN's session in tmux pane PANE
#                                (it shows "[kontor exited N]" at its end)
#   screen PANE, wait_for PANE TEXT, gone PANE TEXT, keys PANE KEYS...
#   stays PANE TEXT              TEXT still shows 3 s later
#   row_has PANE A B, not_row_has PANE A B   a line holds both A and B
#   server_restart               stop the server, start it again
#   server_kill9                 kill -9 it, start it again

[ "$(id -u)" = 0 ] || skip_all "not root: cannot create the clerks' Unix users"
command -v useradd >/dev/null || skip_all "useradd missing (package passwd)"
command -v setpriv >/dev/null || skip_all "setpriv missing (package util-linux)"
command -v tmux >/dev/null || skip_all "tmux missing (apt-get install tmux)"
case $KONTOR in
/root/*) skip_all "kontor binary under /root: clerks cannot reach it" ;;
esac

CLERK_GROUP=kontorsock
TM="tmux -L kc$$ -f /dev/null"
S=$(mktemp -d /tmp/kc.XXXXXX)
chmod 0711 "$S"
SOCK=$S/kontor.sock
srv=
# The clerks' sessions write sanitizer reports where they may; they go to
# the test's log with the others.
mkdir -m 1777 "$S/asan"
CLERK_ASAN="log_path=$S/asan/s"
EXTRA_CLEANUP='$TM kill-server 2>/dev/null; clerks_stop; for f in "$S"/asan/*; do [ -f "$f" ] && sed "s/^/# sanitizer: /" "$f"; done; rm -rf "$S"'

# A user made by a test running beside this one is fine.
clerk_unix() {
	getent passwd "$1" >/dev/null ||
	    useradd -M -N -g $CLERK_GROUP -s /bin/sh "$1" 2>/dev/null ||
	    getent passwd "$1" >/dev/null
}

clerks_setup() {
	getent group $CLERK_GROUP >/dev/null ||
	    groupadd $CLERK_GROUP 2>/dev/null || true
	for u in kt_sales kt_manager kt_wh; do
		clerk_unix $u || skip_all "cannot create Unix user $u"
	done
	"$KONTOR" init "$@" >/dev/null 2>&1
	"$KONTOR" stop >/dev/null 2>&1
	server_start
}

server_start() {
	"$KONTOR" --socket "$SOCK" serve --socket-group $CLERK_GROUP \
	    >/dev/null 2>&1 &
	srv=$!
	poll_until 10 test -S "$SOCK"
	poll_until 10 "$KONTOR" --socket "$SOCK" status >/dev/null 2>&1
}

clerks_stop() {
	[ -n "$srv" ] || return 0
	kill "$srv" 2>/dev/null
	wait "$srv" 2>/dev/null
	srv=
}

server_restart() {
	"$KONTOR" --socket "$SOCK" stop >/dev/null 2>&1
	wait "$srv" 2>/dev/null
	server_start
}

server_kill9() {
	kill -9 "$srv" 2>/dev/null
	wait "$srv" 2>/dev/null
	server_start
}

# kontor as the admin (root, the home's owner) on the shared socket.
K() { "$KONTOR" --socket "$SOCK" "$@"; }

clerk_add() {
	K user add "$1" --role "$2" --name "$3" >/dev/null 2>&1
}

# clerks_one_order: a warehouse MAIN, a customer ROMASHKA, a product
# SKU-1001 with 100 received, and an order of 3 of it confirmed: its number
# in $SO (D: today, Y: this year).
clerks_one_order() {
	printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
	printf 'code,name,kind\nROMASHKA,ООО «Ромашка и васильки»,company\n' \
	    >"$T/c.csv"
	cat >"$T/p.csv" <<'CSV'
sku,name,unit,purchase_price,sale_price,vat
SKU-1001,Болт М8×40,pcs,10.00,15.00,20
CSV
	printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,SKU-1001,MAIN,100,10.00\n' \
	    >"$T/in.csv"
	D=$(date +%Y-%m-%d)
	Y=$(date +%Y)
	printf 'order,customer,date,warehouse,sku,quantity\nA,ROMASHKA,%s,MAIN,SKU-1001,3\n' \
	    "$D" >"$T/so.csv"
	K import warehouses "$T/wh.csv" >/dev/null 2>&1
	K import customers "$T/c.csv" >/dev/null 2>&1
	K import products "$T/p.csv" >/dev/null 2>&1
	K import stock-moves "$T/in.csv" >/dev/null 2>&1
	K import sales-orders "$T/so.csv" --post >/dev/null 2>&1
	SO=SO-$Y-000001
}

clerk_ids() {
	cuid=$(id -u "$1")
	cgid=$(getent group $CLERK_GROUP | cut -d: -f3)
}

as_clerk() {
	clerk_ids "$1"
	shift
	run setpriv --reuid="$cuid" --regid="$cgid" --clear-groups env \
	    KONTOR_SOCKET="$SOCK" KONTOR_HOME="$KONTOR_HOME" \
	    ASAN_OPTIONS="$CLERK_ASAN" "$@"
}

tui() {
	clerk_ids "$1"
	$TM new-session -d -s "$2" -x "${4:-80}" -y "${5:-24}" \
	    "setpriv --reuid=$cuid --regid=$cgid --clear-groups env \
	    KONTOR_SOCKET='$SOCK' KONTOR_HOME='$KONTOR_HOME' TERM=${3:-xterm} \
	    LANG=${TUI_LANG:-C.UTF-8} LC_ALL=${TUI_LANG:-C.UTF-8} \
	    KONTOR_START=${TUI_START:-menu} \
	    ASAN_OPTIONS='$CLERK_ASAN' '$KONTOR'; echo \"[kontor exited \$?]\"; \
	    sleep 60"
}

screen() { $TM capture-pane -p -t "$1"; }
shows() { screen "$1" | grep -qF -- "$2"; }
# wait_for PANE TEXT: poll until TEXT shows (10 s at most); the screen
# goes to the log when it never does.
wait_for() {
	poll_until 10 shows "$1" "$2" && return 0
	screen "$1" | sed 's/^/# /' >&2
	return 1
}
# gone PANE TEXT: poll until TEXT no longer shows.
gone() {
	poll_until 10 not_shows "$1" "$2" && return 0
	screen "$1" | sed 's/^/# /' >&2
	return 1
}
not_shows() { ! shows "$1" "$2"; }
keys() { _p=$1; shift; $TM send-keys -t "$_p" "$@"; }
# stays PANE TEXT: it shows now and still 3 s later (a box that closed
# by itself on the clock's tick would be gone).
stays() {
	wait_for "$1" "$2" || return 1
	sleep 3
	shows "$1" "$2" && return 0
	screen "$1" | sed 's/^/# /' >&2
	return 1
}
# cursor_on PANE TEXT: the row showing TEXT has the cursor (reverse).
cursor_on() {
	$TM capture-pane -e -p -t "$1" | grep -aF -- "$2" | grep -aqF "$(printf '\033[')7m" ||
	    $TM capture-pane -e -p -t "$1" | grep -aF -- "$2" | grep -aqF ";7m"
}
# tui_pid PANE: the session's kontor process (other tests run sessions of
# the same clerks at the same time: never look them up by user).
tui_pid() {
	_pp=$($TM list-panes -t "$1" -F '#{pane_pid}' 2>/dev/null) || return 0
	pgrep -P "$_pp" -x kontor
}
# tui_ended PANE: its kontor has ended (the pane's shell sleeps on).
no_kontor_under() { ! pgrep -P "$1" -x kontor >/dev/null; }
tui_ended() {
	poll_until 10 no_kontor_under "$($TM list-panes -t "$1" -F '#{pane_pid}')"
}
# row_has PANE A B: a line of the screen holds both A and B;
# not_row_has PANE A B: no line does.
row_has() { screen "$1" | grep -F -- "$2" | grep -qF -- "$3"; }
not_row_has() { ! row_has "$@"; }
# body PANE: the screen without its status line (the clock ticks there).
body() { screen "$1" | sed '$d'; }
