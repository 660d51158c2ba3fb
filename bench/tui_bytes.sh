#!/bin/sh
# bench/tui_bytes.sh: the bytes the TUI writes to the terminal when a clerk
# scrolls the customer list, at 80x24, for TERM=xterm-256color and vt100.
# Over a slow SSH link (a thin client on a shop floor, a 3G modem) these
# bytes are the lag: the target is under 200 bytes per line scrolled.
#
#   sh bench/tui_bytes.sh [-H HOME] [-k KONTOR] [-n N] [-d DOWNS] [-t "TERMS"]
#
# Runs the real `kontor` in a pseudo-terminal (python3's pty module), opens
# the customer list (key c), presses Down DOWNS times (50: the first 20
# move the cursor within the first screen, the rest scroll the list by
# one line each), then PgDn 10 times (Ctrl-F where the terminal has no
# PgDn key, as on a vt100), and counts the bytes written after each key.
# Without -H it makes a home of N customers (2000) with bench/bench_list
# --setup.  Run from the build directory.
set -eu

KONTOR=./kontor
HOME_DIR=
N=2000
DOWNS=50
TERMS="xterm-256color vt100"
while getopts H:k:n:d:t: o; do
	case $o in
	H) HOME_DIR=$OPTARG ;;
	k) KONTOR=$OPTARG ;;
	n) N=$OPTARG ;;
	d) DOWNS=$OPTARG ;;
	t) TERMS=$OPTARG ;;
	*) echo "usage: $0 [-H HOME] [-k KONTOR] [-n N] [-d DOWNS] [-t TERMS]" >&2
	   exit 64 ;;
	esac
done
command -v python3 >/dev/null || { echo "$0: python3 is needed" >&2; exit 69; }
export LANG=C.UTF-8 LC_ALL=C.UTF-8
: "${KONTOR_CONF:=/nonexistent}"
export KONTOR_CONF
unset KONTOR_SOCKET KONTOR_HOME || true
if [ -z "$HOME_DIR" ]; then
	HOME_DIR=/tmp/kontor-bench-$N
	"$(dirname "$KONTOR")/bench/bench_list" -k "$KONTOR" -n "$N" \
	    -H "$HOME_DIR" --setup >&2
fi

python3 - "$KONTOR" "$HOME_DIR" "$DOWNS" $TERMS <<'EOF'
import fcntl, os, select, struct, subprocess, sys, termios, time, statistics

kontor, home, downs, terms = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
ROWS, COLS = 24, 80

def keycap(term, cap, fallback):
    try:
        s = subprocess.run(["tput", "-T", term, cap], capture_output=True).stdout
    except OSError:
        s = b""
    return s if s else fallback

class Tty:
    def __init__(self, term):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ,
                    struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = dict(os.environ, TERM=term)
        env.pop("LINES", None)
        env.pop("COLUMNS", None)
        def ctty():
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)
        self.p = subprocess.Popen([kontor, "--home", home], stdin=slave,
                                  stdout=slave, stderr=slave, env=env,
                                  preexec_fn=ctty, close_fds=True)
        os.close(slave)
        self.out = b""

    def read(self, first=3.0, quiet=0.25):
        """Bytes written until the program has been quiet for a while."""
        got = b""
        deadline = time.time() + first
        while True:
            wait = quiet if got else max(0.0, deadline - time.time())
            r, _, _ = select.select([self.master], [], [], wait)
            if not r:
                break
            try:
                b = os.read(self.master, 65536)
            except OSError:
                break
            if not b:
                break
            got += b
        self.out += got
        return got

    def key(self, k):
        os.write(self.master, k)
        return self.read()

    def close(self):
        os.write(self.master, b"\x1b[21~")     # F10
        try:
            self.p.wait(5)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
        os.close(self.master)

rows = []
for term in terms:
    down = keycap(term, "kcud1", b"\x0e")       # else Ctrl-N
    pgdn = keycap(term, "knp", b"\x06")         # else Ctrl-F
    t = Tty(term)
    start = t.read(first=10, quiet=0.5)
    if b"Main menu" not in t.out and b"menu" not in t.out.lower():
        sys.exit("tui_bytes: the menu did not show for TERM=%s:\n%r" %
                 (term, t.out[-400:]))
    opened = t.key(b"c")
    if b"C-" not in opened:
        sys.exit("tui_bytes: no customer list for TERM=%s" % term)
    per = [len(t.key(down)) for _ in range(downs)]
    pages = [len(t.key(pgdn)) for _ in range(10)]
    t.close()
    within = per[:20]
    past = per[20:]
    rows.append((term, len(start), len(opened), within, past, per, pages,
                 "^F" if pgdn == b"\x06" else "PgDn"))

def avg(v):
    return sum(v) / len(v) if v else float("nan")

print("kontor TUI output at %dx%d, customer list, home %s" % (COLS, ROWS, home))
print("bytes written to the terminal per key (mean; median in brackets)\n")
print("%-15s %6s %6s %15s %15s %15s %13s %9s %7s" % (
      "TERM", "menu", "list", "Down 1-20", "Down 21-%d" % downs,
      "Down, all %d" % downs, "PgDn (key)", "PgDn/line", "target"))
for term, start, opened, within, past, per, pages, pk in rows:
    cell = lambda v: "%7.0f [%5.0f]" % (avg(v), statistics.median(v)) if v else "-"
    print("%-15s %6d %6d %15s %15s %15s %7.0f %-5s %9.0f %7s" % (
          term, start, opened, cell(within), cell(past), cell(per),
          avg(pages), "(" + pk + ")", avg(pages) / 20, "< 200"))
print("\nDown 1-20 move the cursor within the first screen (21 rows);"
      " later Downs scroll\nthe list by one line; a PgDn moves 20 lines.")
EOF
