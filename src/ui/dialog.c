#include "config.h"

#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "auth.h"
#include "dict/dict.h"
#include "i18n.h"
#include "ui/ui.h"
#include "xmalloc.h"

static int	edit_line(WINDOW *, int, int, int, char *, size_t,
		    void (*)(void *, const char *), void *, int *);

static const struct {
	unsigned	 bit;
	const char	*area;
} ui_areas[] = {
	{ UI_IN_CRM, "crm" }, { UI_IN_SALES, "sales" },
	{ UI_IN_SHIPPING, "shipping" }, { UI_IN_CATALOG, "catalog" },
	{ UI_IN_STOCK, "stock" }, { UI_IN_PURCHASING, "purchasing" },
	{ UI_IN_PRODUCTION, "production" }, { UI_IN_FINANCE, "finance" },
};

int
ui_allowed(unsigned roles, const char *area, unsigned needs)
{
	size_t	 i;

	for (i = 0; i < sizeof ui_areas / sizeof ui_areas[0]; i++)
		if (needs & ui_areas[i].bit) {
			area = ui_areas[i].area;
			break;
		}
	if (area == NULL)
		area = "crm";
	if ((needs & UI_NEEDS_WRITE) && !auth_allowed(roles, area, ACT_EDIT) &&
	    !auth_allowed(roles, area, ACT_CREATE))
		return (0);
	if ((needs & UI_NEEDS_POST) && !auth_allowed(roles, area, ACT_POST))
		return (0);
	if ((needs & UI_NEEDS_DELETE) && !auth_allowed(roles, area,
	    ACT_DELETE))
		return (0);
	if ((needs & UI_NEEDS_APPROVE) && !auth_allowed(roles, area,
	    ACT_APPROVE))
		return (0);
	return (1);
}

int
ui_offers(const struct app *app, const char *area,
    const struct ui_action *a, const char *keyname)
{
	for (; a != NULL && a->keyname != NULL; a++)
		if (strcmp(a->keyname, keyname) == 0)
			return (ui_allowed(app->roles, area, a->needs));
	return (1);
}

int
ui_may(struct app *app, const struct entity_def *e, unsigned act)
{
	const char	*fmt;

	if (auth_allowed(app->roles, e->area, act))
		return (1);
	/* A sentence each: a verb does not go into another language's
	 * sentence as a word. */
	switch (act) {
	case ACT_VIEW:
		fmt = _("your roles may not view %s (%s)");
		break;
	case ACT_CREATE:
		fmt = _("your roles may not create %s (%s)");
		break;
	case ACT_EDIT:
		fmt = _("your roles may not edit %s (%s)");
		break;
	case ACT_DELETE:
		fmt = _("your roles may not delete %s (%s)");
		break;
	case ACT_POST:
		fmt = _("your roles may not post %s (%s)");
		break;
	case ACT_APPROVE:
		fmt = _("your roles may not approve %s (%s)");
		break;
	case ACT_EXPORT:
		fmt = _("your roles may not export %s (%s)");
		break;
	default:
		fmt = _("your roles may not administer %s (%s)");
		break;
	}
	app->message(app, 1, fmt, _(e->title), _(auth_area_title(e->area)));
	return (0);
}

const char *
ui_over_receipt(const char *cause)
{
	/* TRANSLATORS: the start of the server's refusal of a posting
	 * that receives more than the order asks for; the screens find
	 * the refusal by it, so it must be the server's words. */
	const char	*ours = _("over-receipt: ");

	if (cause == NULL)
		return (NULL);
	if (strncmp(cause, "over-receipt: ", 14) == 0)
		return (cause + 14);
	if (strncmp(cause, ours, strlen(ours)) == 0)
		return (cause + strlen(ours));
	return (NULL);
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

/*
 * Sequences a terminal sends that its terminfo entry may lack: an xterm
 * or PuTTY used as TERM=vt100 sends End, PgDn or F5 as bytes curses does
 * not know, and they would arrive as Esc and letters (Esc leaves the
 * screen, the letters are typed).  They are decoded here; any other
 * sequence is read to its final byte and dropped whole.
 */
static const struct {
	const char	*seq;	/* after the Esc */
	int		 key;
} ui_seqs[] = {
	{ "[A", KEY_UP }, { "[B", KEY_DOWN }, { "[C", KEY_RIGHT },
	{ "[D", KEY_LEFT }, { "OA", KEY_UP }, { "OB", KEY_DOWN },
	{ "OC", KEY_RIGHT }, { "OD", KEY_LEFT },
	{ "[H", KEY_HOME }, { "[F", KEY_END }, { "OH", KEY_HOME },
	{ "OF", KEY_END }, { "[1~", KEY_HOME }, { "[4~", KEY_END },
	{ "[7~", KEY_HOME }, { "[8~", KEY_END },
	{ "[2~", KEY_IC }, { "[3~", KEY_DC }, { "[5~", KEY_PPAGE },
	{ "[6~", KEY_NPAGE }, { "[Z", KEY_BTAB }, { "OM", KEY_ENTER },
	{ "OP", KEY_F(1) }, { "OQ", KEY_F(2) }, { "OR", KEY_F(3) },
	{ "OS", KEY_F(4) }, { "[11~", KEY_F(1) }, { "[12~", KEY_F(2) },
	{ "[13~", KEY_F(3) }, { "[14~", KEY_F(4) }, { "[15~", KEY_F(5) },
	{ "[17~", KEY_F(6) }, { "[18~", KEY_F(7) }, { "[19~", KEY_F(8) },
	{ "[20~", KEY_F(9) }, { "[21~", KEY_F(10) }, { "[23~", KEY_F(11) },
	{ "[24~", KEY_F(12) },
};

#define UI_TICK_MS	1000	/* the status line's clock */
#define UI_SEQ_MS	50	/* the rest of a sequence arrives within */
#define UI_IGNORED	(-2)	/* a sequence read and dropped */

/* The next character within ms, or -1: the rest of an escape sequence. */
static int
seq_next(int ms)
{
	wint_t	 wc;
	int	 rc;

	wtimeout(stdscr, ms);
	rc = wget_wch(stdscr, &wc);
	wtimeout(stdscr, UI_TICK_MS);
	if (rc == OK)
		return ((int)wc);
	if (rc == KEY_CODE_YES)
		ungetch((int)wc);	/* a key of its own: for the next read */
	return (-1);
}

/* After an Esc: a sequence to decode or drop, or a plain Esc (the next
 * key, if one came at once, stays for the next read: Esc then y typed
 * ahead is two keys). */
static int
escape_sequence(void)
{
	char	 seq[16];
	size_t	 n = 0, i;
	int	 c;

	if ((c = seq_next(UI_SEQ_MS)) == -1)
		return (UI_KEY_ESC);
	if (c != '[' && c != 'O') {
		unget_wch((wchar_t)c);
		return (UI_KEY_ESC);
	}
	seq[n++] = (char)c;
	for (;;) {
		if ((c = seq_next(UI_SEQ_MS)) == -1) {
			if (n == 1) {		/* Esc, then [ or O typed */
				unget_wch((wchar_t)seq[0]);
				return (UI_KEY_ESC);
			}
			return (UI_IGNORED);	/* cut short: dropped */
		}
		if (n < sizeof seq - 1)
			seq[n++] = (char)c;
		/* SS3 takes one final byte; CSI parameters and
		 * intermediates run until a byte of 0x40-0x7e. */
		if (seq[0] == 'O' || (c >= 0x40 && c <= 0x7e) || c > 0x7e)
			break;
		if (c < 0x20)
			return (UI_IGNORED);
	}
	seq[n] = '\0';
	for (i = 0; i < sizeof ui_seqs / sizeof ui_seqs[0]; i++)
		if (strcmp(ui_seqs[i].seq, seq) == 0)
			return (UI_K(ui_seqs[i].key));
	return (UI_IGNORED);
}

static volatile sig_atomic_t	 ui_hangup_flag;

void
ui_set_hangup(void)
{
	ui_hangup_flag = 1;
}

int
ui_hungup(void)
{
	return (ui_hangup_flag != 0);
}

/* One read: a key, or -1 on the clock's tick. */
static int
getkey_once(void)
{
	wint_t	 wc;
	int	 rc;

	if (ui_hangup_flag)
		return (UI_KEY_HANGUP);
	rc = wget_wch(stdscr, &wc);
	if (ui_hangup_flag)
		return (UI_KEY_HANGUP);
	if (rc == KEY_CODE_YES)
		return (UI_K((int)wc));
	if (rc == OK && wc == UI_KEY_ESC)
		return (escape_sequence());
	if (rc == OK)
		return ((int)wc);
	/* ERR: a timeout or an interrupted read, or the terminal is gone
	 * (its window closed under su or sudo, where no SIGHUP reaches
	 * us): then every read fails at once, so end the session as a
	 * hangup would, instead of spinning. */
	if (terminal_gone()) {
		ui_hangup_flag = 1;
		return (UI_KEY_HANGUP);
	}
	return (-1);
}

int
ui_input_pending(void)
{
	struct pollfd	 p;

	p.fd = STDIN_FILENO;
	p.events = POLLIN;
	p.revents = 0;
	return (poll(&p, 1, 0) > 0 && (p.revents & POLLIN));
}

int
ui_cursor_key(int k, size_t *cur, size_t n, size_t page)
{
	if (UI_KEY_DOWN(k)) {
		if (*cur + 1 < n)
			(*cur)++;
	} else if (UI_KEY_UP(k)) {
		if (*cur > 0)
			(*cur)--;
	} else if (UI_KEY_PGDN(k))
		*cur = *cur + page < n ? *cur + page : (n > 0 ? n - 1 : 0);
	else if (UI_KEY_PGUP(k))
		*cur = *cur > page ? *cur - page : 0;
	else if (k == UI_K(KEY_HOME))
		*cur = 0;
	else if (k == UI_K(KEY_END))
		*cur = n > 0 ? n - 1 : 0;
	else
		return (0);
	return (1);
}

int
ui_poll_key(void)
{
	int	 k;

	wtimeout(stdscr, 0);
	while ((k = getkey_once()) == UI_IGNORED)
		;
	wtimeout(stdscr, UI_TICK_MS);
	return (k);
}

int
ui_getkey_tick(void)
{
	int	 k;

	wtimeout(stdscr, UI_TICK_MS);
	while ((k = getkey_once()) == UI_IGNORED)
		;
	return (k);
}

int
ui_getkey(void)
{
	int	 k;

	while ((k = ui_getkey_tick()) == -1)
		;
	return (k);
}

static void	(*ui_repaint)(void);

void
ui_set_repaint(void (*fn)(void))
{
	ui_repaint = fn;
}

/* The terminal was resized under a box: the screen under it is laid out
 * and drawn again at the new size before the box is, so no old layout
 * stays behind it.  The key is given back when the box closes too, for
 * a modal widget under it (a form) to lay itself out again. */
static void
box_resized(int *resized)
{
	*resized = 1;
	if (ui_repaint != NULL)
		ui_repaint();
}

static void
box_closed(int resized)
{
	if (resized)
		ungetch(KEY_RESIZE);
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
	int	 w = ui_width(question) + 6, k, resized = 0;

	if (w < 30)
		w = 30;
	if (w > COLS - 2)
		w = COLS - 2;
	n = wrap(question, w - 4, &lines);
	for (win = NULL;;) {
		if (win == NULL) {
			win = box_new((int)n + 4, w);
			for (i = 0; i < n; i++)
				ui_put(win, 1 + (int)i, 2, lines[i], w - 4, 0);
			ui_put(win, (int)n + 2, 2, _("y: yes   n/Esc: no"),
			    w - 4, 0);
			wrefresh(win);
		}
		k = ui_getkey();
		if (k == 'y' || k == 'Y' || k == 0x434 || k == 0x414)
			break;			/* y, and д on a Russian layout */
		if (k == 'n' || k == 'N' || k == UI_KEY_ESC || k == 0x442 ||
		    k == 0x422 || k == UI_KEY_HANGUP || k == UI_KEY_INTR)
			break;
		if (k == UI_KEY_RESIZE) {
			delwin(win);
			win = NULL;
			box_resized(&resized);
		}
	}
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	delwin(win);
	touchwin(stdscr);
	wnoutrefresh(stdscr);
	box_closed(resized);
	return (k == 'y' || k == 'Y' || k == 0x434 || k == 0x414);
}

int
ui_ask(const char *title, const char *prompt, char *buf, size_t cap)
{
	return (ui_ask_note(title, NULL, prompt, buf, cap));
}

int
ui_ask_note(const char *title, const char *note, const char *prompt,
    char *buf, size_t cap)
{
	WINDOW	*win;
	char	**lines = NULL;
	size_t	 n = 0, i;
	int	 w = COLS - 4 < 60 ? COLS - 4 : 60, pw, k, y, resized = 0;
	int	 fresh = 1;	/* the default goes when one types */

	/* The note folded to the box, three lines at most (a long lot's
	 * name and a date in Russian run past one). */
	if (note != NULL && *note != '\0')
		n = wrap(note, w - 4, &lines);
	for (;;) {
		win = box_new(5 + (int)(n > 1 ? (n < 3 ? n : 3) - 1 : 0), w);
		mvwaddstr(win, 0, 2, " ");
		ui_put(win, 0, 3, title, w - 6, 0);
		waddstr(win, " ");
		for (i = 0; i < n && i < 3; i++)
			ui_put(win, 1 + (int)i, 2, lines[i], w - 4, 0);
		y = n > 1 ? 1 + (int)(n < 3 ? n : 3) : 2;
		pw = ui_put(win, y, 2, prompt, w / 2, 0);
		ui_put(win, y + 1, 2, _("Enter: take it   Esc: cancel"), w - 4,
		    0);
		k = edit_line(win, y, 2 + pw, w - 4 - pw, buf, cap, NULL,
		    NULL, &fresh);
		delwin(win);
		touchwin(stdscr);
		wnoutrefresh(stdscr);
		if (UI_KEY_ENTER(k) || k == UI_KEY_ESC || k == UI_KEY_HANGUP ||
		    k == UI_KEY_INTR)
			break;
		if (k == UI_KEY_RESIZE) {
			w = COLS - 4 < 60 ? COLS - 4 : 60;
			box_resized(&resized);
		}
	}
	box_closed(resized);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	return (UI_KEY_ENTER(k));
}

static WINDOW	*notice_win;

void
ui_notice(const char *title, const char *const *lines, size_t n)
{
	size_t	 i;
	int	 w = 30;

	for (i = 0; i < n; i++)
		if (ui_width(lines[i]) + 4 > w)
			w = ui_width(lines[i]) + 4;
	if (ui_width(title) + 6 > w)
		w = ui_width(title) + 6;
	if (notice_win != NULL)
		delwin(notice_win);
	notice_win = box_new((int)n + 2, w);
	mvwaddstr(notice_win, 0, 2, " ");
	ui_put(notice_win, 0, 3, title, w - 6, 0);
	waddstr(notice_win, " ");
	for (i = 0; i < n; i++)
		ui_put(notice_win, 1 + (int)i, 2, lines[i], w - 4, 0);
	wrefresh(notice_win);
}

void
ui_notice_close(void)
{
	if (notice_win == NULL)
		return;
	delwin(notice_win);
	notice_win = NULL;
	touchwin(stdscr);
	wnoutrefresh(stdscr);
}

/*
 * The lines of a text box folded to width columns: a line too long goes
 * on under its description (a help line's key column), or indented by
 * two.  Returns the count; the lines are malloc'd.
 */
static size_t
fold_lines(const char *const *in, size_t n, int width, char ***out)
{
	char	**lines = NULL, **parts, pad[64];
	size_t	 nl = 0, np, i, j;
	int	 indent;

	for (i = 0; i < n; i++) {
		const char	*l = in[i], *d, *rest;

		if (ui_width(l) <= width) {
			lines = xreallocarray(lines, nl + 1, sizeof *lines);
			lines[nl++] = xstrdup(l);
			continue;
		}
		/* The description starts after the first run of spaces. */
		d = strstr(l, "  ");
		while (d != NULL && *d == ' ')
			d++;
		indent = d != NULL && (int)(d - l) < width / 2 ?
		    ui_width(l) - ui_width(d) : 2;
		if (indent >= (int)sizeof pad)
			indent = 2;
		memset(pad, ' ', (size_t)indent);
		pad[indent] = '\0';
		/* The first line as it fits, the rest under the indent. */
		np = wrap(l, width, &parts);
		lines = xreallocarray(lines, nl + 1, sizeof *lines);
		lines[nl++] = parts[0];
		rest = l + strlen(parts[0]);
		for (j = 1; j < np; j++)
			free(parts[j]);
		free(parts);
		while (*rest == ' ')
			rest++;
		np = wrap(rest, width - indent, &parts);
		for (j = 0; j < np; j++) {
			lines = xreallocarray(lines, nl + 1, sizeof *lines);
			xasprintf(&lines[nl++], "%s%s", pad, parts[j]);
			free(parts[j]);
		}
		free(parts);
	}
	*out = lines;
	return (nl);
}

void
ui_text_box(const char *title, const char *const *in, size_t nin)
{
	WINDOW	*win;
	char	**lines;
	size_t	 i, top = 0, n;
	int	 w = 20, h, k, rows, resized = 0;

	n = fold_lines(in, nin, COLS - 4, &lines);

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
		    _("Up/Down scroll, any other key closes") :
		    _("any key closes"), w - 4, 0);
		wrefresh(win);
		k = ui_getkey();
		delwin(win);
		touchwin(stdscr);
		wnoutrefresh(stdscr);
		if (UI_KEY_DOWN(k) && top + (size_t)rows < n)
			top++;
		else if (UI_KEY_UP(k) && top > 0)
			top--;
		else if (k == UI_KEY_RESIZE) {
			box_resized(&resized);
			h = (int)n + 4 > LINES ? LINES : (int)n + 4;
			rows = h - 4;
			if (top + (size_t)rows > n)
				top = n > (size_t)rows ? n - (size_t)rows : 0;
		} else
			break;
	}
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	box_closed(resized);
	/* A digit closes the box and goes on to the screen: a scan that
	 * starts while the help is up loses none.  Any other key only
	 * closes it (a letter pressed to close the help is not a command
	 * of the list under it: n would make a new record). */
	if (k >= '0' && k <= '9')
		unget_wch((wchar_t)k);
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
	return (edit_line(win, y, x, width, buf, cap, on_change, arg, NULL));
}

/*
 * ui_edit_line(); with fresh pointing at 1, buf is a default that the
 * first character typed replaces (a prompt's prefilled 3 becomes 1 when 1
 * is typed, not 31); a move or an edit first keeps it to change (*fresh
 * 0 then, for the next call after a resize).
 */
static int
edit_line(WINDOW *win, int y, int x, int width, char *buf, size_t cap,
    void (*on_change)(void *, const char *), void *arg, int *fresh)
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
		k = ui_getkey();
		if (fresh != NULL && *fresh && k >= 0x20 && k < 0x200000 &&
		    k != 0x7f)
			buf[0] = '\0';
		if (fresh != NULL && k != UI_KEY_RESIZE)
			*fresh = 0;
		len = strlen(buf);
		if (pos > len)
			pos = len;
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
