#include "config.h"

#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "auth.h"
#include "dict/dict.h"
#include "ui/ui.h"
#include "xmalloc.h"

int
ui_may(struct app *app, const struct entity_def *e, unsigned act)
{
	if (auth_allowed(app->roles, e->area, act))
		return (1);
	app->message(app, 1, "your roles may not %s %s",
	    auth_action_name(act), e->name);
	return (0);
}

static int
terminal_gone(void)
{
	struct pollfd	 p;

	p.fd = STDIN_FILENO;
	p.events = POLLIN;
	p.revents = 0;
	if (poll(&p, 1, 0) < 0)
		return (0);
	return ((p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0);
}

int
ui_getkey(void)
{
	wint_t	 wc;
	int	 rc;

	for (;;) {
		rc = wget_wch(stdscr, &wc);
		if (rc == KEY_CODE_YES)
			return (UI_K((int)wc));
		if (rc == OK)
			return ((int)wc);
		/* ERR: a timeout (for reminders) or an interrupted read, or
		 * the terminal is gone (its window closed under su or
		 * sudo, where no SIGHUP reaches us): then every read fails
		 * at once, so end the session as a hangup would, instead of
		 * spinning. */
		if (terminal_gone())
			raise(SIGHUP);
		return (-1);
	}
}

/*
 * A box closes by staging the screen under it again (wnoutrefresh), not
 * only touching it: the next key read refreshes stdscr, and a touched
 * stdscr would then paint over the next box before anyone saw it.
 */
static WINDOW *
box_new(int h, int w)
{
	WINDOW	*win;

	if (h > LINES)
		h = LINES;
	if (w > COLS)
		w = COLS;
	win = newwin(h, w, (LINES - h) / 2, (COLS - w) / 2);
	keypad(win, TRUE);
	werase(win);
	box(win, 0, 0);
	return (win);
}

/* Split text into lines of at most width columns, at spaces where it
 * can; returns the count, lines malloc'd. */
static size_t
wrap(const char *text, int width, char ***out)
{
	char	**lines = NULL;
	size_t	 n = 0, fit, cut;

	while (*text != '\0') {
		fit = ui_fit(text, width);
		cut = fit;
		if (text[fit] != '\0') {
			while (cut > 0 && text[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit;
		}
		if (cut == 0)
			cut = 1;	/* never stall */
		lines = xreallocarray(lines, n + 1, sizeof *lines);
		lines[n++] = xstrndup(text, cut);
		text += cut;
		while (*text == ' ')
			text++;
	}
	*out = lines;
	return (n);
}

int
ui_confirm(const char *question)
{
	WINDOW	*win;
	char	**lines;
	size_t	 n, i;
	int	 w = ui_width(question) + 6, k;

	if (w < 30)
		w = 30;
	if (w > COLS - 2)
		w = COLS - 2;
	n = wrap(question, w - 4, &lines);
	win = box_new((int)n + 4, w);
	for (i = 0; i < n; i++)
		ui_put(win, 1 + (int)i, 2, lines[i], w - 4, 0);
	ui_put(win, (int)n + 2, 2, "y: yes   n/Esc: no", w - 4, 0);
	wrefresh(win);
	for (;;) {
		k = ui_getkey();
		if (k == 'y' || k == 'Y' || k == 0x434 || k == 0x414)
			break;			/* y, and д on a Russian layout */
		if (k == 'n' || k == 'N' || k == UI_KEY_ESC || k == 0x442 ||
		    k == 0x422)
			break;
	}
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	delwin(win);
	touchwin(stdscr);
	wnoutrefresh(stdscr);
	return (k == 'y' || k == 'Y' || k == 0x434 || k == 0x414);
}

void
ui_text_box(const char *title, const char *const *lines, size_t n)
{
	WINDOW	*win;
	size_t	 i, top = 0;
	int	 w = 20, h, k, rows;

	for (i = 0; i < n; i++)
		if (ui_width(lines[i]) + 4 > w)
			w = ui_width(lines[i]) + 4;
	if (ui_width(title) + 6 > w)
		w = ui_width(title) + 6;
	h = (int)n + 4;
	if (h > LINES)
		h = LINES;
	rows = h - 4;
	for (;;) {
		win = box_new(h, w);
		mvwaddstr(win, 0, 2, " ");
		ui_put(win, 0, 3, title, w - 6, 0);
		waddstr(win, " ");
		for (i = 0; i < (size_t)rows && top + i < n; i++)
			ui_put(win, 1 + (int)i, 2, lines[top + i], w - 4, 0);
		ui_put(win, h - 2, 2, n > (size_t)rows ?
		    "Up/Down scroll, any other key closes" :
		    "any key closes", w - 4, 0);
		wrefresh(win);
		k = ui_getkey();
		delwin(win);
		touchwin(stdscr);
		wnoutrefresh(stdscr);
		if (UI_KEY_DOWN(k) && top + (size_t)rows < n)
			top++;
		else if (UI_KEY_UP(k) && top > 0)
			top--;
		else if (k != UI_KEY_RESIZE)
			break;
	}
}

/* Bytes of the character before position pos in buf. */
static size_t
prev_len(const char *buf, size_t pos)
{
	size_t	 n = 0;

	while (pos > 0) {
		pos--;
		n++;
		if (((unsigned char)buf[pos] & 0xc0) != 0x80)
			break;
	}
	return (n);
}

static size_t
next_len(const char *buf, size_t pos)
{
	size_t	 n = 1;

	if (buf[pos] == '\0')
		return (0);
	while (((unsigned char)buf[pos + n] & 0xc0) == 0x80)
		n++;
	return (n);
}

int
ui_edit_line(WINDOW *win, int y, int x, int width, char *buf, size_t cap,
    void (*on_change)(void *, const char *), void *arg)
{
	size_t	 pos = strlen(buf), len, start, n;
	char	 mb[8];
	int	 k, w;

	curs_set(1);
	for (;;) {
		/* Scroll so the cursor stays visible. */
		for (start = 0;; start += next_len(buf, start)) {
			char	 save = buf[pos];

			buf[pos] = '\0';
			w = ui_width(buf + start);
			buf[pos] = save;
			if (w < width || start >= pos)
				break;
		}
		ui_put(win, y, x, buf + start, width, 1);
		wmove(win, y, x + w);
		wrefresh(win);
		if ((k = ui_getkey()) == -1)
			continue;	/* the clock's tick: keep editing */
		len = strlen(buf);
		if (k == UI_K(KEY_LEFT)) {
			pos -= prev_len(buf, pos);
			continue;
		}
		if (k == UI_K(KEY_RIGHT)) {
			pos += next_len(buf, pos);
			continue;
		}
		if (k == UI_K(KEY_HOME) || k == KEY_CTRL('a')) {
			pos = 0;
			continue;
		}
		if (k == UI_K(KEY_END) || k == KEY_CTRL('e')) {
			pos = len;
			continue;
		}
		if (k == UI_K(KEY_BACKSPACE) || k == 127 || k == 8) {
			if (pos == 0)
				continue;
			n = prev_len(buf, pos);
			memmove(buf + pos - n, buf + pos, len - pos + 1);
			pos -= n;
		} else if (k == UI_K(KEY_DC) || k == KEY_CTRL('d')) {
			n = next_len(buf, pos);
			memmove(buf + pos, buf + pos + n, len - pos - n + 1);
		} else if (k == KEY_CTRL('u')) {
			memmove(buf, buf + pos, len - pos + 1);
			pos = 0;
		} else if (k == KEY_CTRL('k')) {
			buf[pos] = '\0';
		} else if (k >= 0x20 && k < 0x200000 && k != 0x7f) {
			mbstate_t	 ps;

			memset(&ps, 0, sizeof ps);
			n = wcrtomb(mb, (wchar_t)k, &ps);
			if (n == (size_t)-1 || len + n + 1 > cap) {
				beep();
				continue;
			}
			memmove(buf + pos + n, buf + pos, len - pos + 1);
			memcpy(buf + pos, mb, n);
			pos += n;
		} else {
			curs_set(0);
			return (k);
		}
		if (on_change != NULL)
			on_change(arg, buf);
	}
}
