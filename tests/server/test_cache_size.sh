#!/bin/sh
# The server's database cache (issue 16, its memory): kontor serve
# --cache-size SIZE, else the configuration file's cache_size, else 128M;
# kontor status shows the cache the server opened with and its resident
# memory.  A bad size is refused with a message naming the option or the
# key and the value, and no server starts.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 16
K="$KONTOR"
LC_ALL=C
LANGUAGE=
export LC_ALL LANGUAGE
SOCK=$KONTOR_HOME/kontor.sock
stopped() { ! "$K" status >/dev/null 2>&1; }
serving() { "$K" status >/dev/null 2>&1; }

run "$K" init --company "Cache"
is "init" 0 "$rc"
run "$K" status
like "status: the default cache, 128 MB" "cache 128 MB" "$out"
like "... and the server's resident memory" " MB resident, " "$out"
"$K" stop >/dev/null 2>&1
poll_until 10 stopped

# Bad sizes on the command line: usage (64), said, nothing started.
for bad in 12X 8M 65G 5% ""; do
	run "$K" serve --cache-size "$bad"
	if [ "$bad" = 12X ]; then
		like "--cache-size 12X: the message names the option and value" \
		    "--cache-size: a size from 16M to 64G expected (128M, 1G), got \"12X\"" \
		    "$err"
	fi
	is "--cache-size '$bad': exit 64" 64 "$rc"
done
ok "... and no server was started" stopped

# The configuration file's key: a bad one is a configuration error (78).
printf 'cache_size = 1T\n' >"$T/conf"
KONTOR_CONF=$T/conf run "$K" serve
is "cache_size = 1T: exit 78" 78 "$rc"
like "... the message names the file, the key and the value" \
    "$T/conf: cache_size: a size from 16M to 64G expected (128M, 1G), got \"1T\"" \
    "$err"

# The option: the server opens its cache at that size.
"$K" serve --cache-size 32M >/dev/null 2>&1 &
pids="$pids $!"
poll_until 10 serving
run "$K" status
like "--cache-size 32M: status says cache 32 MB" "cache 32 MB" "$out"
"$K" stop >/dev/null 2>&1
poll_until 10 stopped

# The key, for a server a client starts by itself.
printf 'cache_size = 48m\n' >"$T/conf"
KONTOR_CONF=$T/conf run "$K" export customers
is "a client starts a server with cache_size = 48m" 0 "$rc"
run "$K" status
like "cache_size = 48m: a started server's cache is 48 MB" "cache 48 MB" \
    "$out"
"$K" stop >/dev/null 2>&1
poll_until 10 stopped

# The option wins over the key.
KONTOR_CONF=$T/conf "$K" serve --cache-size 1G >/dev/null 2>&1 &
pids="$pids $!"
poll_until 10 serving
run "$K" status
like "--cache-size 1G over cache_size = 48m: 1024 MB" "cache 1024 MB" "$out"
done_testing
