#!/bin/sh
# The command line in the user's language (issue 10): what the CLI says
# itself (an unknown command, a usage error, --lang xx, a missing file,
# --help, counts in their plural forms), exact texts and exit codes, in
# English (LANG=C.UTF-8, and --lang en over a Russian locale) and in
# Russian (LANG=ru_RU.UTF-8, and --lang ru over an English locale).  Then,
# as a second Unix user (needs root, else those checks are skipped), a
# user's own language (kontor user mod LOGIN --lang ru) rules that user's
# commands under an English locale, --lang en overrides it, and the
# server's refusal comes in it too.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
locale -a 2>/dev/null | grep -qix 'ru_RU.utf-\{0,1\}8' ||
    skip_all "the ru_RU.UTF-8 locale is missing (./bootstrap generates it)"
plan 55

# skip DESC REASON: a check that cannot run here.
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1 # SKIP $2"; }

# with MODE CMD...: run kontor in one of the four ways a language is chosen.
#   C      LANG=C.UTF-8                    English
#   en     LANG=ru_RU.UTF-8 --lang en      English
#   ru     LANG=ru_RU.UTF-8                Russian
#   ruopt  LANG=C.UTF-8 --lang ru          Russian
with() {
	_m=$1
	shift
	case $_m in
	C)	run env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=C.UTF-8 \
		    "$KONTOR" "$@" ;;
	en)	run env -u LC_ALL -u LC_MESSAGES -u LANGUAGE \
		    LANG=ru_RU.UTF-8 "$KONTOR" --lang en "$@" ;;
	ru)	run env -u LC_ALL -u LC_MESSAGES -u LANGUAGE \
		    LANG=ru_RU.UTF-8 "$KONTOR" "$@" ;;
	ruopt)	run env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=C.UTF-8 \
		    "$KONTOR" --lang ru "$@" ;;
	esac
}
line1() { printf '%s\n' "$1" | sed -n 1p; }
line2() { printf '%s\n' "$1" | sed -n 2p; }

with C init >/dev/null
is "init" 0 "$rc"

# What the CLI says itself, in each of the four ways.
n=0
for m in C en ru ruopt; do
	case $m in
	C|en)
		unknown="kontor: unknown command 'frob'"
		usage1="usage: kontor [--home DIR] [--socket PATH] [--lang ru|en] [COMMAND ...]"
		iusage="usage: kontor import ENTITY FILE [--dry-run] [--update] [--encoding cp1251]
           [--delimiter ';']"
		nofile="kontor: $T/none.csv: No such file or directory"
		shelp="usage: kontor stock SKU [--format text|csv [--raw]]"
		one="kontor: imported 1 row into customers (1 new, 0 updated)"
		two="kontor: imported 2 rows into customers (2 new, 0 updated)"
		five="kontor: imported 5 rows into customers (5 new, 0 updated)"
		;;
	*)
		unknown="kontor: неизвестная команда «frob»"
		usage1="Запуск: kontor [--home КАТАЛОГ] [--socket ПУТЬ] [--lang ru|en] [КОМАНДА ...]"
		iusage="Запуск: kontor import ТАБЛИЦА ФАЙЛ [--dry-run] [--update] [--encoding cp1251]
           [--delimiter ';']"
		nofile="kontor: $T/none.csv: Нет такого файла или каталога"
		shelp="Запуск: kontor stock АРТИКУЛ [--format text|csv [--raw]]"
		one="kontor: загружена 1 строка в таблицу customers (новых: 1, обновлено: 0)"
		two="kontor: загружены 2 строки в таблицу customers (новых: 2, обновлено: 0)"
		five="kontor: загружено 5 строк в таблицу customers (новых: 5, обновлено: 0)"
		;;
	esac
	with $m frob
	is "$m: an unknown command: exit 64 and its name" "64 $unknown" \
	    "$rc $(line1 "$err")"
	is "$m: ... then the usage" "$usage1" "$(line2 "$err")"
	with $m import customers
	is "$m: a usage error: exit 64, the usage" "64 $iusage" "$rc $err"
	with $m import customers "$T/none.csv"
	is "$m: a missing file: exit 66, named" "66 $nofile" "$rc $err"
	with $m stock --help
	is "$m: --help on stdout, exit 0" "0 $shelp" "$rc $out"

	# Counts in the language's forms: 1, 2 and 5 rows (three in Russian).
	for k in 1 2 5; do
		{
			echo "code,name,kind"
			i=0
			while [ $i -lt $k ]; do
				n=$((n + 1))
				i=$((i + 1))
				echo "L-$n,Фирма $n,company"
			done
		} >"$T/rows.csv"
		with $m import customers "$T/rows.csv"
		case $k in
		1) want=$one ;;
		2) want=$two ;;
		5) want=$five ;;
		esac
		is "$m: $k row(s) imported: exit 0, counted" "0 $want" "$rc $err"
	done
done

# --lang itself: an unknown language is refused in the locale's language.
with C --lang xx status
is "--lang xx under C.UTF-8: exit 64, in English" \
    "64 kontor: --lang: ru or en expected, got 'xx'" "$rc $err"
with ru --lang xx status
is "--lang xx under ru_RU.UTF-8: exit 64, in Russian" \
    "64 kontor: --lang: ожидается ru или en, указано 'xx'" "$rc $err"

# The whole of --help in each language.
with ruopt --help
is "--lang ru --help: exit 0" 0 "$rc"
like "... the commands in Russian" \
    "  kontor import ТАБЛИЦА ФАЙЛ [--dry-run] [--update] [--encoding cp1251]" \
    "$out"
like "... the exit codes too" "77 нет права" "$out"
with en --help
is "--lang en --help under ru_RU.UTF-8: in English" \
    "0 usage: kontor [--home DIR] [--socket PATH] [--lang ru|en] [COMMAND ...]" \
    "$rc $(line1 "$out")"

# A user's own language: a second Unix user, whose commands the server
# answers and the CLI speaks in it.
U=kontorclerk
G=kontorsock
if [ "$(id -u)" != 0 ]; then
	why="not root: cannot create a second Unix user"
elif ! command -v setpriv >/dev/null || ! command -v useradd >/dev/null; then
	why="setpriv or useradd missing"
else
	case $KONTOR in
	/root/*) why="kontor binary under /root: not reachable by $U" ;;
	*) why= ;;
	esac
fi
if [ -z "$why" ]; then
	getent group $G >/dev/null || groupadd $G 2>/dev/null
	# A user made by a test running beside this one is fine.
	getent passwd $U >/dev/null || useradd -M -N -g $G -s /bin/sh $U \
	    2>/dev/null || getent passwd $U >/dev/null ||
	    why="cannot create the Unix user $U"
fi
if [ -n "$why" ]; then
	while [ $tap_n -lt 55 ]; do skip "a user's own language" "$why"; done
	done_testing
fi
uid=$(id -u $U)
gid=$(getent group $G | cut -d: -f3)
S=$(mktemp -d /tmp/kl.XXXXXX)
chmod 0711 "$S"
SOCK=$S/kontor.sock
EXTRA_CLEANUP='kill $srv 2>/dev/null; wait $srv 2>/dev/null; rm -rf "$S"'
"$KONTOR" stop >/dev/null 2>&1
"$KONTOR" --socket "$SOCK" serve --socket-group $G >/dev/null 2>&1 &
srv=$!
poll_until 10 "$KONTOR" --socket "$SOCK" status >/dev/null 2>&1
# admin ARGS...: root, in English; clerk MODE ARGS...: the clerk, C.UTF-8
# (or ru_RU.UTF-8 for MODE ru), with ARGS after kontor.
admin() { with C --socket "$SOCK" "$@"; }
clerk() {
	_l=C.UTF-8
	[ "$1" = ru ] && _l=ru_RU.UTF-8
	shift
	run setpriv --reuid=$uid --regid=$gid --clear-groups env -u LC_ALL \
	    -u LC_MESSAGES -u LANGUAGE LANG=$_l KONTOR_SOCKET="$SOCK" \
	    KONTOR_HOME="$KONTOR_HOME" "$KONTOR" "$@"
}
admin user add $U --role sales
is "the clerk is added, as sales" "0 kontor: user $U added" "$rc $err"
admin user mod $U --lang ru
is "... whose own language is Russian" "0 kontor: user $U changed" \
    "$rc $err"

printf 'code,name\nMAIN,Склад\n' >"$S/w.csv"
printf 'sku,name\nSKU-1,Болт\n' >"$S/p.csv"
printf 'code,type,warehouse\nRCP-1,receipt,MAIN\n' >"$S/d.csv"
printf 'doc,product,qty\nRCP-1,SKU-1,10\n' >"$S/l.csv"
for i in 1 2 3 4; do
	printf 'code,name,kind\nU-%s,Клиент %s,company\n' $i $i >"$S/c$i.csv"
done
chmod 644 "$S"/*.csv
for f in warehouses:w products:p stock_docs:d stock_lines:l; do
	admin import ${f%%:*} "$S/${f#*:}.csv"
done
is "a draft stock document to refuse" 0 "$rc"

clerk C import customers "$S/c1.csv"
is "C.UTF-8, no --lang: the user's Russian" \
    "0 kontor: загружена 1 строка в таблицу customers (новых: 1, обновлено: 0)" \
    "$rc $err"
clerk C status
is "... status: exit 0" 0 "$rc"
like "... its labels in Russian" "сеансы      " "$out"
clerk C --lang en import customers "$S/c2.csv"
is "--lang en overrides the user's language" \
    "0 kontor: imported 1 row into customers (1 new, 0 updated)" "$rc $err"

# The server's refusal, in the user's language: its key words.
clerk C post RCP-1
is "the clerk may not post: exit 77" 77 "$rc"
like "... the refusal names the clerk" "$U" "$err"
like "... in Russian" "нет прав" "$err"
clerk C --lang en post RCP-1
is "with --lang en: exit 77" 77 "$rc"
like "... the refusal in English" "permission denied: $U" "$err"

# The user's language follows the locale again; or is English under a
# Russian locale.
admin user mod $U --lang locale
clerk C import customers "$S/c3.csv"
is "--lang locale: the locale's English again" \
    "0 kontor: imported 1 row into customers (1 new, 0 updated)" "$rc $err"
admin user mod $U --lang en
clerk ru import customers "$S/c4.csv"
is "a user's English over a Russian locale" \
    "0 kontor: imported 1 row into customers (1 new, 0 updated)" "$rc $err"

# Every --help, the program's and each command's, fits 80 columns in
# both languages (a terminal's width; Russian runs longer).
for m in C ruopt; do
	wide=
	for v in "" init user import export show report stock post produce reverse \
	    receive close reorder print backup restore recover check audit serve \
	    stop status; do
		with $m $v --help
		wide=$wide$(printf '%s\n' "$out" | while IFS= read -r l; do
			[ "$(printf '%s' "$l" | LC_ALL=C.UTF-8 wc -m)" -le 80 ] ||
			    printf '%s\n' "# $v: $l"
		done)
	done
	is "--help within 80 columns ($m)" "" "$wide"
done
done_testing
