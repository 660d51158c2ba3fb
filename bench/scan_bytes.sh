#!/bin/sh
# bench/scan_bytes.sh: the bytes the scanning screens (receiving and
# shipments) write to the terminal per barcode scanned (13 digits and
# Enter, typed by tmux in one burst, as a scanner types), at 80x24, for
# TERM=xterm-256color and vt100.  A thin client on a shop floor over a
# slow link pays these bytes per scan.
#
#   sh bench/scan_bytes.sh [-k KONTOR] [-n SCANS]
#
# Makes a scratch home with one product and its barcode (and a confirmed
# sales order of it), opens :recv on warehouse MAIN and :ship on the
# order, then scans SCANS times (20) in each, counting what the session
# writes (tmux pipe-pane) after each scan has shown.  Prints a table.
set -eu

KONTOR=$(pwd)/kontor
SCANS=20
while getopts k:n: o; do
	case $o in
	k) KONTOR=$OPTARG ;;
	n) SCANS=$OPTARG ;;
	*) echo "usage: $0 [-k KONTOR] [-n SCANS]" >&2; exit 64 ;;
	esac
done
command -v tmux >/dev/null || { echo "$0: tmux is needed" >&2; exit 69; }
export LANG=C.UTF-8 LC_ALL=C.UTF-8 KONTOR_CONF=/nonexistent
unset KONTOR_SOCKET || true
T=$(mktemp -d /tmp/kscan.XXXXXX)
KONTOR_HOME=$T/home
export KONTOR_HOME
TM="tmux -L kscan$$ -f /dev/null"
trap '$TM kill-server 2>/dev/null; for h in "$T"/home.*; do KONTOR_HOME=$h "$KONTOR" stop >/dev/null 2>&1; done; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT

printf 'code,name\nMAIN,Склад\n' >"$T/w.csv"
printf 'sku,name,barcode\nSKU-1,Чай чёрный листовой,4600000000008\n' >"$T/p.csv"
printf 'code,name,kind\nC1,ООО «Ромашка»,company\n' >"$T/c.csv"
printf 'type,sku,warehouse,quantity\nreceipt,SKU-1,MAIN,1000\n' >"$T/in.csv"
printf 'order,customer,date,warehouse,sku,quantity\nA,C1,%s,MAIN,SKU-1,500\n' \
    "$(date +%Y-%m-%d)" >"$T/so.csv"

printf '%-8s %-16s %8s %10s %10s\n' "screen" "TERM" "scans" "bytes" \
    "per scan"
for scr in recv ship; do
for term in xterm-256color vt100; do
	# A home of its own: the last one's unsaved scans are a draft there.
	KONTOR_HOME=$T/home.$scr.$term
	"$KONTOR" init --company "Bench" >/dev/null 2>&1
	"$KONTOR" import warehouses "$T/w.csv" >/dev/null 2>&1
	"$KONTOR" import products "$T/p.csv" >/dev/null 2>&1
	"$KONTOR" import customers "$T/c.csv" >/dev/null 2>&1
	"$KONTOR" import stock-moves "$T/in.csv" >/dev/null 2>&1
	"$KONTOR" import sales-orders "$T/so.csv" --post >/dev/null 2>&1
	$TM new-session -d -s s -x 80 -y 24 \
	    "env TERM=$term KONTOR_HOME=$KONTOR_HOME '$KONTOR'"
	shows() { $TM capture-pane -p -t s | grep -qF -- "$1"; }
	i=0; while ! shows "Main menu" && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
	if [ $scr = recv ]; then
		$TM send-keys -t s ":" "recv" Enter
		i=0; while ! shows "Warehouse" && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
		$TM send-keys -t s C-u "MAIN" C-s
	else	# the order's draft, emptied to scan what is picked
		$TM send-keys -t s ":" "ship SO-$(date +%Y)-000001" Enter
		i=0; while ! shows "Scan or type" && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
		$TM send-keys -t s C-x
		i=0; while ! shows "All quantities" && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
		$TM send-keys -t s y
	fi
	i=0; while ! shows "Scan or type" && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
	# One scan first: the line exists, later scans add to it.
	$TM send-keys -t s "4600000000008" Enter
	i=0; while ! shows "1 line, 1 unit " && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
	sleep 1.2	# the status line's clock has ticked: count scans only
	$TM pipe-pane -t s -o "cat >>$T/out.$scr.$term"
	n=1
	while [ $n -le "$SCANS" ]; do
		$TM send-keys -t s "4600000000008" Enter
		want="1 line, $((n + 1)) units"
		i=0; while ! shows "$want" && [ $i -lt 200 ]; do sleep 0.01; i=$((i+1)); done
		n=$((n + 1))
	done
	sleep 0.3
	$TM pipe-pane -t s
	bytes=$(wc -c <"$T/out.$scr.$term")
	printf '%-8s %-16s %8d %10d %10d\n' ":$scr" "$term" "$SCANS" "$bytes" \
	    $((bytes / SCANS))
	$TM kill-session -t s
	"$KONTOR" stop >/dev/null 2>&1 || true
done
done
