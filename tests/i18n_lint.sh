#!/bin/sh
# Every user-visible string goes through gettext, and ships translated:
#  1. a string literal with words, passed to a function that shows it to
#     a person (errors: xasprintf(cause, ...), cli_error, *cause =
#     xstrdup; the screen: ->message, ui_confirm, ui_text_box, ui_notice,
#     ui_ask, ui_put, scan_note; the terminal: fprintf(stderr, ...) and,
#     in screens and widgets, snprintf) must be wrapped in _(), N_() or
#     P_().  A literal that is not for people (a protocol word, a format
#     of data) carries /* i18n: no */ on its line.
#  2. po/ru.po has no untranslated or fuzzy entry and passes msgfmt
#     --check; every msgid of the sources (xgettext) is in it.
#  3. po/POTFILES.in names every source file.
# Run from the build tree: sh tests/i18n_lint.sh (make check runs it).
set -u
SRCDIR=${KONTOR_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$SRCDIR" || exit 1
n=0
fail=0
t() {	# t DESC STATUS [DETAIL]
	n=$((n + 1))
	if [ "$2" = 0 ]; then echo "ok $n - $1"
	else echo "not ok $n - $1"; [ -n "${3:-}" ] && printf '%s\n' "$3" |
	    sed 's/^/# /'; fail=1; fi
}
echo "1..4"

files=$(sed -e '/^#/d' -e '/^$/d' po/POTFILES.in)

# 1. Unmarked literals: each call to a showing function is read whole (to
#    its closing parenthesis), and its literals with a word in them are
#    checked for a marker before them.
unmarked=$(for f in $files; do
	awk -v file="$f" '
	function flush(   s, i, lit, pre, ok) {
		s = stmt
		while (match(s, /"([^"\\]|\\.)*"/)) {
			lit = substr(s, RSTART, RLENGTH)
			pre = substr(s, 1, RSTART - 1)
			s = substr(s, RSTART + RLENGTH)
			# Continuation of an earlier literal ("..." "..."),
			# or the plural of P_ after its singular: the marker came
			# before the first.
			if (pre ~ /^[ \t]*,?[ \t]*$/ && prevmarked) { continue }
			ok = (pre ~ /(_|N_|P_|C_|NC_|i18n_ctx|dict_enum_word)\([ \t]*$/)
			prevmarked = ok
			if (ok || lit !~ /[A-Za-z][a-z][a-z]/)
				continue
			printf "%s:%d: %s\n", file, start, substr(lit, 1, 70)
		}
		stmt = ""; depth = 0; inside = 0; prevmarked = 0
	}
	{
		line = $0
		if (line ~ /i18n: no/) { if (inside) flush(); next }
		if (!inside && line ~ /(xasprintf\((&?cause|cause)|cli_error\(|->message\(|session_message\(|ui_confirm\(|ui_text_box\(|ui_notice\(|ui_ask\(|ui_put\(|scan_note\(|fprintf\(stderr|\*cause = xstrdup\()/ ||
		    (!inside && file ~ /^(screens|src\/ui|src\/session)/ && line ~ /snprintf\(/)) {
			inside = 1; start = NR; stmt = ""
		}
		if (inside) {
			stmt = stmt " " line
			if (line ~ /;[ \t]*(\/\*.*)?$/) flush()
		}
	}' "$f"
done)
t "user-visible literals are marked for translation" \
    "$([ -z "$unmarked" ] && echo 0 || echo 1)" "$unmarked"

# 2. The catalogue: complete, checked.
if command -v msgfmt >/dev/null; then
	st=$(msgfmt --check --statistics -o /dev/null po/ru.po 2>&1)
	case $st in
	*untranslated*|*fuzzy*|*error*) t "po/ru.po is complete and well formed" 1 "$st" ;;
	*) t "po/ru.po is complete and well formed" 0 ;;
	esac
else
	t "po/ru.po is complete and well formed # SKIP msgfmt missing" 0
fi
if command -v xgettext >/dev/null && command -v msgcmp >/dev/null; then
	pot=$(mktemp /tmp/kpot.XXXXXX)
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
	    --keyword=P_:1,2 --keyword=C_:1c,2 --keyword=NC_:1c,2 \
	    --files-from=po/POTFILES.in -o "$pot" 2>/dev/null
	missing=$(msgcmp po/ru.po "$pot" 2>&1 | grep -v '^msgcmp: ' | head -20)
	rc=$?
	msgcmp po/ru.po "$pot" >/dev/null 2>&1
	t "every marked string of the sources is in po/ru.po" $? \
	    "$(msgcmp po/ru.po "$pot" 2>&1 | head -20)"
	rm -f "$pot"
else
	t "every marked string is in po/ru.po # SKIP gettext missing" 0
fi

# 3. POTFILES.in names every source file.
left=$(find src screens reports -name '*.c' | sort | while read -r f; do
	grep -qx "$f" po/POTFILES.in || echo "$f"
done)
t "po/POTFILES.in names every source file" \
    "$([ -z "$left" ] && echo 0 || echo 1)" "$left"
exit $fail
