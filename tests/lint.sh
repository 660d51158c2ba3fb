#!/bin/sh
# Banned calls and layering, like mutt's check_sec.sh.  TAP output.
src=${KONTOR_SRCDIR:-$(dirname "$0")/..}
cd "$src" || exit 1
n=0
fail=0
check() {
	n=$((n + 1))
	if [ -n "$2" ]; then
		echo "not ok $n - $1"
		echo "$2" | sed 's/^/# /'
		fail=1
	else
		echo "ok $n - $1"
	fi
}
echo "1..6"
check "no strcpy/strcat/sprintf/gets" \
    "$(grep -nE '\b(strcpy|strcat|sprintf|vsprintf|gets)\(' src/*.c src/*/*.c screens/*.c 2>/dev/null)"
check "no raw malloc/calloc/realloc/strdup outside xmalloc.c" \
    "$(grep -nE '(^|[^a-z_])(malloc|calloc|realloc|strdup|strndup)\(' src/*.c src/*/*.c screens/*.c 2>/dev/null |
       grep -v '^src/xmalloc.c:')"
check "no exit() below the command line" \
    "$(grep -nE '\bexit\(' src/db/*.c src/dict/*.c src/model/*.c src/server/*.c src/client/*.c src/ui/*.c 2>/dev/null)"
check "only src/db includes db.h" \
    "$(grep -ln '#include <db.h>' src/*.c src/*/*.c screens/*.c 2>/dev/null | grep -v '^src/db/')"
check "model/ and db/ never include curses" \
    "$(grep -ln 'curses.h' src/model/*.c src/db/*.c src/dict/*.c src/server/*.c 2>/dev/null)"
check "qsort through xqsort (an empty array may be NULL)" \
    "$(grep -nE '(^|[^a-z_])qsort\(' src/*.c src/*/*.c screens/*.c reports/*.c 2>/dev/null |
       grep -v '^src/xmalloc.c:')"
exit 0
