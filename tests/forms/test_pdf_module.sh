#!/bin/sh
# The PDF renderer is a module (kontor-pdf.so, forms/pdf-load.c), loaded
# by the first PDF a process renders: kontor itself links none of cairo,
# pango or glib.  A PDF renders through the module found beside the
# program; with the module missing ($KONTOR_PDF_MODULE pointed at a file
# that is not there, or a program with none beside it) a PDF fails with
# the file and the loader's reason, exit 70 as any render failure, and the
# text form is unaffected.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 17
K="$KONTOR"
B=$(dirname "$K")

if command -v ldd >/dev/null 2>&1; then
	like "the module is built beside kontor" "kontor-pdf.so" \
	    "$(ls "$B")"
	is "kontor links no cairo, pango, glib or X11" "" \
	    "$(ldd "$K" | grep -E 'cairo|pango|glib|gobject|X11|xcb|fontconfig|harfbuzz')"
else
	pass "# SKIP no ldd"
	pass "# SKIP no ldd"
fi

run "$K" init --company "ООО «Модуль»"
is "init: exit 0" 0 "$rc"

# --- the module beside the program ------------------------------------------
run "$K" report receivables -o "$T/a.pdf"
is "a PDF through the module beside kontor: exit 0" 0 "$rc"
is "... a PDF" "%PDF-" "$(head -c 5 "$T/a.pdf" 2>/dev/null)"

# --- the module missing -----------------------------------------------------
"$K" stop >/dev/null 2>&1
mkdir "$T/empty"
KONTOR_PDF_MODULE=$T/empty/kontor-pdf.so
export KONTOR_PDF_MODULE
run "$K" report receivables -o "$T/b.pdf"
is "the module missing: exit 70, as any render failure" 70 "$rc"
like "... the message names the file" \
    "cannot load the PDF renderer $T/empty/kontor-pdf.so" "$err"
like "... and why (dlerror)" "No such file or directory" "$err"
ok "... and no file is written" test ! -e "$T/b.pdf"
run "$K" report receivables --format text
is "the text form, same server: exit 0" 0 "$rc"
like "... its rows" "TOTAL" "$out"

# Not a shared object: dlopen's reason.
"$K" stop >/dev/null 2>&1
echo "not a module" >"$T/empty/bad.so"
KONTOR_PDF_MODULE=$T/empty/bad.so run "$K" report receivables \
    -o "$T/c.pdf"
is "a file that is no module: exit 70" 70 "$rc"
like "... the message names it" "renderer $T/empty/bad.so: " "$err"
"$K" stop >/dev/null 2>&1
unset KONTOR_PDF_MODULE

# --- where it is looked for: beside the program, then pkglibdir --------------
# A copy of kontor in a directory of its own: none beside it, so the
# installed place is named (unless this host has one there).
mkdir "$T/bin"
cp "$K" "$T/bin/kontor"
lib=$(sed -n 's/^#define KONTOR_PKGLIBDIR "\(.*\)"$/\1/p' "$B/config.h" \
    2>/dev/null)
run "$T/bin/kontor" report receivables -o "$T/d.pdf"
if [ -n "$lib" ] && [ ! -e "$lib/kontor-pdf.so" ]; then
	is "no module beside the program nor installed: exit 70" 70 "$rc"
	like "... the installed place is named" \
	    "cannot load the PDF renderer $lib/kontor-pdf.so" "$err"
else
	pass "# SKIP a module is installed in ${lib:-pkglibdir} here"
	pass "# SKIP a module is installed in ${lib:-pkglibdir} here"
fi
"$T/bin/kontor" stop >/dev/null 2>&1
cp "$B/kontor-pdf.so" "$T/bin/"
run "$T/bin/kontor" report receivables -o "$T/e.pdf"
is "the module beside the program is taken first: exit 0" 0 "$rc"
is "... a PDF" "%PDF-" "$(head -c 5 "$T/e.pdf" 2>/dev/null)"
"$T/bin/kontor" stop >/dev/null 2>&1
done_testing
