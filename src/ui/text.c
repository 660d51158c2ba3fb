#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "ui/ui.h"
#include "xmalloc.h"

/* Decode one character; bad bytes decode as '?' one at a time. */
static size_t
next_char(const char *s, wchar_t *wc)
{
	mbstate_t	 ps;
	size_t		 n;

	memset(&ps, 0, sizeof ps);
	n = mbrtowc(wc, s, MB_CUR_MAX, &ps);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*wc = L'?';
		return (1);
	}
	return (n);
}

/* What a character looks like on screen: unsafe ones become '?'. */
static wchar_t
safe_char(wchar_t wc, int *w)
{
	if (wc == L'\n') {		/* a line break in a notes field */
		*w = 1;
		return (0x21b5);	/* ↵ */
	}
	if (wc < 0x20 || wc == 0x7f || (wc >= 0x80 && wc < 0xa0) ||
	    (wc >= 0x202a && wc <= 0x202e) || (wc >= 0x2066 && wc <= 0x2069) ||
	    wc == 0x200e || wc == 0x200f || !iswprint((wint_t)wc)) {
		*w = 1;
		return (L'?');
	}
	*w = wcwidth(wc);
	if (*w < 0) {
		*w = 1;
		return (L'?');
	}
	return (wc);
}

/* The display width of the first n bytes of s. */
static int
ui_width_n(const char *s, size_t n)
{
	const char	*end = s + n;
	wchar_t		 wc;
	int		 w, total = 0;

	while (s < end && *s != '\0') {
		s += next_char(s, &wc);
		safe_char(wc, &w);
		total += w;
	}
	return (total);
}

int
ui_width(const char *s)
{
	return (ui_width_n(s, strlen(s)));
}

size_t
ui_fit(const char *s, int width)
{
	const char	*p = s;
	wchar_t		 wc;
	size_t		 n;
	int		 w, used = 0;

	while (*p != '\0') {
		n = next_char(p, &wc);
		safe_char(wc, &w);
		if (used + w > width)
			break;
		used += w;
		p += n;
	}
	return ((size_t)(p - s));
}

int
ui_put(WINDOW *win, int y, int x, const char *s, int width, int pad)
{
	wchar_t	 wc, out[2];
	int	 w, used = 0;

	if (width <= 0)
		return (0);
	wmove(win, y, x);
	while (s != NULL && *s != '\0') {
		s += next_char(s, &wc);
		out[0] = safe_char(wc, &w);
		out[1] = L'\0';
		if (used + w > width)
			break;
		if (w == 0)
			continue;	/* combining marks: dropped, not risked */
		waddnwstr(win, out, 1);
		used += w;
	}
	if (pad)
		for (; used < width; used++)
			waddch(win, ' ');
	return (used);
}

int
ui_put_cut(WINDOW *win, int y, int x, const char *s, int width, int pad)
{
	int	 used;

	if (width < 2 || s == NULL || ui_width(s) <= width)
		return (ui_put(win, y, x, s, width, pad));
	used = ui_put(win, y, x, s, width - 1, 0);
	used += ui_put(win, y, x + used, "\xe2\x80\xa6", 1, 0);
	if (pad && used < width)
		used += ui_put(win, y, x + used, "", width - used, 1);
	return (used);
}

void
ui_cells(WINDOW *win, int y, int x, int width, const char *const *cells,
    const int *widths, const char *align, int n)
{
	int	 i, w, used = 0, cw, pad;

	for (i = 0; i < n && used < width; i++) {
		w = widths[i] < 0 || widths[i] > width - used ? width - used :
		    widths[i];
		cw = ui_width(cells[i] != NULL ? cells[i] : "");
		pad = align != NULL && align[i] == 'r' && cw < w ? w - cw : 0;
		if (pad > 0)
			ui_put(win, y, x + used, "", pad, 1);
		ui_put(win, y, x + used + pad, cells[i], w - pad, 1);
		used += w;
		if (used < width && i + 1 < n)
			used += ui_put(win, y, x + used, " ", 1, 1);
	}
	if (used < width)
		ui_put(win, y, x + used, "", width - used, 1);
}

void
ui_cell(struct buf *b, const char *s, int width, int right)
{
	size_t	 n;
	int	 w;

	if (s == NULL)
		s = "";
	n = ui_fit(s, width);
	w = ui_width_n(s, n);
	if (right)
		for (; w < width; w++)
			buf_addc(b, ' ');
	buf_add(b, s, n);
	if (!right)
		for (; w < width; w++)
			buf_addc(b, ' ');
}

struct ui_region
ui_list_region(const struct ui_region *rg)
{
	struct ui_region	 l = *rg;

	if (l.h > 3)
		l.h--;
	return (l);
}
