/*
 * The terminal session: the main loop, the screen stack, the fast path,
 * help, and the status line with the user, company, date and time,
 * messages and due reminders.
 */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "client/client.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "home.h"
#include "i18n.h"
#include "log.h"
#include "screens/screens.h"
#include "session.h"
#include "ui/form.h"
#include "ui/ui.h"
#include "xmalloc.h"

#define SESSION_DEPTH		16
#define REMINDER_EVERY		30	/* seconds between checks */

struct frame {
	const struct screen_def	*def;
	void			*state;
};

struct session {
	struct app		 app;
	struct frame		 stack[SESSION_DEPTH];
	int			 depth;
	struct ui_region	 main;
	char			 msg[256];
	int			 msg_error;
	int			 msg_cut;	/* shown cut: F1 has it whole */
	char			 reminder[160];
	time_t			 last_check;
	int			 quit;
	unsigned		 redraw;
	/*
	 * A request no key asked for (a screen's tick, the reminders) is
	 * in hand; and Esc stopped the wait in the server-down box: such
	 * requests do not open it again until the server answers.
	 */
	int			 background;
	int			 wait_stopped;
};

static struct session	*the_session;

static void	session_status(struct session *);
static const char *session_message_cut(struct app *);
static int	session_may_leave(struct session *);

static void
session_endwin(void)
{
	if (!isendwin())
		endwin();
}

/* A crash: give the terminal back first. */
static void
session_signal(int sig)
{
	session_endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * Once the terminal is gone the session has HANGUP_GRACE seconds to keep
 * its drafts and end, whatever it waits on then: a request to a server
 * that does not answer (stopped, or stuck) would block it for ever, and
 * no clerk is there to press Esc.  SIGALRM's default action ends it.
 * Ten seconds: a session that merely waits its turn on a busy server
 * (fifty clerks cut off at once by a network fault) still keeps its
 * draft; a session ends at once when its requests are answered.
 * Async-signal safe: armed from the signal handler too.
 */
#define HANGUP_GRACE		10

static void
session_deadline(void)
{
	static volatile sig_atomic_t	 armed;

	if (armed)
		return;
	armed = 1;
	signal(SIGALRM, SIG_DFL);
	alarm(HANGUP_GRACE);
}

/* Hang-up or kill: the key loop ends the session, keeping drafts. */
static void
session_hangup(int sig)
{
	(void)sig;
	ui_set_hangup();
	session_deadline();
}

int
session_hungup(void)
{
	return (ui_hungup());
}

/*
 * A refusal whose cause already names what the caller put before it
 * ("SO-2026-000041: SO-2026-000041: C-000003 has ...", "line 1 Q-002:
 * 2 to return ..."): the name is said once.  The word before the
 * first ": " is the caller's; the cause after it starting with the same
 * word and a colon is the double.
 */
static void
session_undouble(char *msg)
{
	char	*p, *w;
	size_t	 n;

	if ((p = strstr(msg, ": ")) == NULL)
		return;
	for (w = p; w > msg && w[-1] != ' '; w--)
		;
	n = (size_t)(p - w);
	if (n == 0 || strncmp(p + 2, w, n) != 0 || p[2 + n] != ':')
		return;
	/* Drop "WORD: " after the first colon. */
	memmove(p + 2, p + 2 + n + 1 + (p[3 + n] == ' '),
	    strlen(p + 2 + n + 1 + (p[3 + n] == ' ')) + 1);
}

static void
session_message(struct app *app, int error, const char *fmt, ...)
{
	struct session	*s = the_session;	/* one session per process */
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(s->msg, sizeof s->msg, fmt, ap);
	va_end(ap);
	session_undouble(s->msg);
	s->msg_error = error;
	if (error)
		beep();
	session_status(s);
	doupdate();
}

static const char *
session_message_cut(struct app *app)
{
	struct session	*s = the_session;

	(void)app;
	return (s->msg_cut && s->msg[0] != '\0' ? s->msg : NULL);
}

/*
 * Ctrl-S saves and Ctrl-Q is a key: the terminal's XON/XOFF flow control
 * would take them (cbreak leaves it on) and freeze the screen on Ctrl-S.
 * curses keeps the change as the program's mode and gives the login's
 * own back at endwin().
 */
static void
session_noflow(void)
{
	struct termios	 t;

	if (tcgetattr(STDIN_FILENO, &t) != 0)
		return;
	t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
	if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0)
		def_prog_mode();
}

static void
session_layout(struct session *s)
{
	s->main.win = stdscr;
	s->main.y = 1;
	s->main.x = 0;
	s->main.h = LINES - 2 > 1 ? LINES - 2 : 1;
	s->main.w = COLS;
}

static void
session_title(struct session *s)
{
	const struct frame	*f = &s->stack[s->depth - 1];
	char			 line[256];
	const char		*company = client_company(s->app.client);

	snprintf(line, sizeof line, " kontor | %s",	/* i18n: no */
	    f->def->heading != NULL &&
	    f->def->heading(f->state) != NULL ? f->def->heading(f->state) :
	    _(f->def->title));
	attron(A_REVERSE);
	ui_put(stdscr, 0, 0, line, COLS, 1);
	if (company != NULL && ui_width(company) + ui_width(line) + 2 < COLS)
		ui_put(stdscr, 0, COLS - ui_width(company) - 1, company,
		    ui_width(company), 0);
	attroff(A_REVERSE);
	wnoutrefresh(stdscr);
}

static void
session_status(struct session *s)
{
	char		 line[512], when[32];
	time_t		 now = time(NULL);
	struct tm	 tm;
	int		 x, rw;

	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%d.%m.%Y %H:%M", &tm);
	snprintf(line, sizeof line, " %s | %s | %s | ", s->app.login,
	    client_company(s->app.client) ? client_company(s->app.client) :
	    "", when);
	/* The message, then a due reminder kept at the right edge. */
	rw = s->reminder[0] != '\0' && !s->msg_error ?
	    ui_width(s->reminder) + 1 : 0;	/* an error takes the line */
	/* A message is read whole: when it does not fit beside them, the
	 * company and the time give way, and an error takes the line
	 * ("unknown barcode 4600000000015: no product has it"). */
	if (ui_width(line) + ui_width(s->msg) + rw > COLS)
		snprintf(line, sizeof line, s->msg_error ? " " : " %s | ",
		    s->app.login);
	/* The reminder too, while the message needs its room (a Russian
	 * one runs longer): it is back with the next message. */
	if (rw > 0 && ui_width(line) + ui_width(s->msg) + rw > COLS)
		rw = 0;
	attron(A_REVERSE);
	x = ui_put(stdscr, LINES - 1, 0, line, COLS, 0);
	attroff(A_REVERSE);
	if (rw > COLS - x)
		rw = 0;
	if (s->msg_error)
		attron(A_BOLD);
	/* Still too long: cut, marked, and F1 shows it whole. */
	s->msg_cut = ui_width(s->msg) > COLS - x - rw && COLS - x - rw > 1;
	if (s->msg_cut) {
		x += ui_put(stdscr, LINES - 1, x, s->msg, COLS - x - rw - 1,
		    0);
		x += ui_put(stdscr, LINES - 1, x, "\xe2\x80\xa6", 1, 0);
	} else
		x += ui_put(stdscr, LINES - 1, x, s->msg, COLS - x - rw, 0);
	attroff(A_BOLD);
	if (x < COLS - rw)
		x += ui_put(stdscr, LINES - 1, x, "", COLS - x - rw, 1);
	if (rw > 0) {
		x += ui_put(stdscr, LINES - 1, x, " ", 1, 0);
		attron(A_BOLD | A_REVERSE);
		x += ui_put(stdscr, LINES - 1, x, s->reminder, COLS - x, 0);
		attroff(A_BOLD | A_REVERSE);
	}
	if (x < COLS)
		ui_put(stdscr, LINES - 1, x, "", COLS - x, 1);
	wnoutrefresh(stdscr);
}

static void
session_relayout(struct app *app)
{
	struct session	*s = the_session;
	struct frame	*f = &s->stack[s->depth - 1];

	session_layout(s);
	erase();
	session_title(s);
	f->def->draw(f->state, &s->main, UI_REDRAW_ALL);
	session_status(s);
	doupdate();
}

/* A box's resize: the screen under it at the new size. */
static void
session_repaint(void)
{
	if (the_session != NULL && the_session->depth > 0)
		session_relayout(&the_session->app);
}

static int
session_push(struct session *s, const struct screen_def *d, const char *arg)
{
	void		*state = NULL;
	char		*cause = NULL;
	const char	*area;

	if (s->depth == SESSION_DEPTH) {
		session_message(&s->app, 1, "%s",
		    _("too many screens open: Esc first"));
		return (-1);
	}
	if ((d->needs & SCREEN_NEEDS_ADMIN) && !(s->app.roles & ROLE_ADMIN)) {
		session_message(&s->app, 1, _("%s is for admins"), _(d->title));
		return (-1);
	}
	if (!screen_allowed(d, s->app.roles)) {
		area = d->area != NULL ? d->area : "crm";
		session_message(&s->app, 1, _("%s: not for your roles (%s)"),
		    _(d->title), _(auth_area_title(area)));
		return (-1);
	}
	if (d->open(&s->app, arg, &state, &cause) != 0) {
		session_message(&s->app, 1, "%s", cause ? cause :
		    _("cannot open"));
		free(cause);
		return (-1);
	}
	s->stack[s->depth].def = d;
	s->stack[s->depth].state = state;
	s->depth++;
	s->redraw |= UI_REDRAW_ALL;
	return (0);
}

static void
session_pop(struct session *s)
{
	struct frame	*f = &s->stack[--s->depth];

	f->def->close(f->state);
	s->redraw |= UI_REDRAW_ALL;
}

/* The fast path's codes of the screens these roles may open, ", "
 * between; malloc'd. */
static char *
session_codes(struct session *s)
{
	const struct screen_def *const	*d;
	struct buf			 b = { 0 };

	for (d = screen_table; *d != NULL; d++) {
		if (!screen_allowed(*d, s->app.roles))
			continue;
		buf_printf(&b, "%s:%s", b.len > 0 ? ", " : "", (*d)->code);
	}
	buf_addc(&b, '\0');
	return (buf_steal(&b));
}

static int
session_open(struct app *app, const char *name, const char *arg)
{
	const struct screen_def	*d;
	char			 code[64], *all;

	if ((d = screen_find_doc(name, arg, code, sizeof code)) == NULL) {
		all = session_codes(the_session);
		session_message(app, 1, _("no screen '%s' (%s)"), name, all);
		free(all);
		return (-1);
	}
	return (session_push(the_session, d, *code != '\0' ? code : NULL));
}

static void
session_help(struct session *s)
{
	const struct frame	*f = &s->stack[s->depth - 1];
	const struct ui_action	*a;
	const char		*lines[64];
	char			 buf[64][320];
	const char		*area = f->def->area ? f->def->area : "crm";
	int			 n = 0;

	/* A message the status line cut short, whole first. */
	if (s->msg_cut && s->msg[0] != '\0') {
		lines[n++] = _("The last message, whole:");
		lines[n++] = s->msg;
		lines[n++] = "";
	}
	/* What the roles may not use is left out (ui_allowed: the bottom
	 * lines' rule too), and so is a heading with nothing left under
	 * it. */
	for (a = f->def->actions; a != NULL && a->keyname != NULL && n < 49;
	    a++) {
		if (!ui_allowed(s->app.roles, area, a->needs))
			continue;
		if (*a->what == '\0' && a->key == 0) {
			const struct ui_action	*u;

			for (u = a + 1; u->keyname != NULL &&
			    (*u->what != '\0' || u->key != 0); u++)
				if (ui_allowed(s->app.roles, area, u->needs))
					break;
			if (u->keyname == NULL || (*u->what == '\0' &&
			    u->key == 0))
				continue;
		}
		{
			struct buf	 b = { 0 };
			const char	*key = *a->keyname != '\0' ?
					    _(a->keyname) : "";
			char		*l;

			/* Keys wider than their column have a line of their
			 * own, whole; what they do goes under it. */
			if (ui_width(key) > 24) {
				snprintf(buf[n], sizeof buf[n], "%s", key);
				lines[n] = buf[n];
				n++;
				key = "";
			}
			ui_cell(&b, key, 24, 0);
			buf_printf(&b, " %s", *a->what != '\0' ? _(a->what) :
			    "");
			buf_addc(&b, '\0');
			l = buf_steal(&b);
			snprintf(buf[n], sizeof buf[n], "%s", l);
			free(l);
		}
		lines[n] = buf[n];
		n++;
	}
	lines[n++] = "";
	/* The fast path to the screens these roles may open. */
	{
		char				*all, *p;
		size_t				 w;

		all = session_codes(s);
		for (p = all; *p != '\0' && n < 60; p += w) {
			struct buf	 l = { 0 };
			char		*t;

			ui_cell(&l, p == all ? _(":code Enter") : "", 24, 0);
			buf_adds(&l, " ");
			if (p == all)
				buf_adds(&l, _("fast path: "));
			w = ui_fit(p, p == all ? 45 - ui_width(_("fast path: "))
			    : 45);
			if (p[w] != '\0')	/* break after a comma */
				while (w > 0 && p[w - 1] != ' ')
					w--;
			buf_add(&l, p, w);
			buf_addc(&l, '\0');
			t = buf_steal(&l);
			snprintf(buf[n], sizeof buf[n], "%s", t);
			lines[n] = buf[n];
			n++;
			free(t);
			if (w == 0)
				break;
		}
		free(all);
	}
	lines[n++] = _("F1, ? or Ctrl-G          this help");
	lines[n++] = _("F10 or :q                quit");
	ui_text_box(_(f->def->title), lines, (size_t)n);
	s->redraw |= UI_REDRAW_ALL;
}

static void
session_fastpath(struct session *s)
{
	char	 buf[128] = "", *arg;
	int	 k;

	move(LINES - 1, 0);
	clrtoeol();
	mvaddstr(LINES - 1, 0, ":");
	k = ui_edit_line(stdscr, LINES - 1, 1, COLS - 2, buf, sizeof buf,
	    NULL, NULL);
	s->redraw |= UI_REDRAW_ALL;
	if (!UI_KEY_ENTER(k) || buf[0] == '\0')
		return;
	if ((arg = strchr(buf, ' ')) != NULL) {
		*arg++ = '\0';
		while (*arg == ' ')
			arg++;
		if (*arg == '\0')
			arg = NULL;
	}
	/* F10's way out: what is unsaved is asked about first. */
	if (strcmp(buf, "q") == 0 || strcmp(buf, "quit") == 0) {
		if (session_may_leave(s))
			s->quit = 1;
		return;
	}
	s->msg[0] = '\0';
	session_open(&s->app, buf, arg);
}

/* Tasks of mine that have fallen due: one line for the status bar. */
static void
session_reminders(struct session *s)
{
	const struct entity_def	*e = dict_entity("tasks");
	struct record		**rows;
	struct value		 from;
	size_t			 n, i, due_n = 0;
	char			*cause = NULL, first[120] = "";
	int			 due = dict_field_pos(e, "due");
	int			 as = dict_field_pos(e, "assignee");
	int			 st = dict_field_pos(e, "status");
	time_t			 now = time(NULL);

	s->last_check = now;
	/* A warehouse clerk has no tasks to see: no refusal every 30 s. */
	if (!auth_allowed(s->app.roles, "crm", ACT_VIEW))
		return;
	memset(&from, 0, sizeof from);
	from.set = 1;
	from.i = (int64_t)s->app.user_id;
	if (cr_scan(s->app.client, e, "assignee", &from, 0, 1, 500, &rows, &n,
	    &cause) != 0) {
		free(cause);
		return;
	}
	for (i = 0; i < n; i++) {
		const char	*status = record_str(rows[i], st);

		if (record_int(rows[i], as) != (int64_t)s->app.user_id ||
		    !record_isset(rows[i], due) ||
		    record_int(rows[i], due) > (int64_t)now || (status &&
		    (strcmp(status, "done") == 0 ||
		    strcmp(status, "cancelled") == 0)))
			continue;
		if (due_n++ == 0)
			snprintf(first, sizeof first, "%s",
			    record_str(rows[i], FX_CODE));
	}
	cr_rows_free(rows, n);
	/* Short: the message beside it must still fit at 80 columns. */
	if (due_n == 0)
		s->reminder[0] = '\0';
	else if (due_n == 1)
		snprintf(s->reminder, sizeof s->reminder, _("DUE %s"), first);
	else
		snprintf(s->reminder, sizeof s->reminder, _("DUE %s +%zu"),
		    first, due_n - 1);
}

/* What is unsaved in the open screens, asked about before leaving: 1 to
 * leave. */
static int
session_may_leave(struct session *s)
{
	const char	*what;
	char		 q[512];
	int		 i;

	for (i = s->depth - 1; i >= 0; i--) {
		const struct frame	*f = &s->stack[i];

		if (f->def->unsaved == NULL ||
		    (what = f->def->unsaved(f->state)) == NULL)
			continue;
		snprintf(q, sizeof q, _("%s: %s. Leave kontor and lose it?"),
		    _(f->def->title), what);
		s->redraw |= UI_REDRAW_ALL;
		return (ui_confirm(q));
	}
	return (1);
}

/* The terminal is gone: each screen keeps what it has unsaved. */
static void
session_hangup_screens(struct session *s)
{
	int	 i;

	for (i = s->depth - 1; i >= 0; i--)
		if (s->stack[i].def->hangup != NULL)
			s->stack[i].def->hangup(s->stack[i].state);
}

/* A draft of a form, restored over the record as it is now: saving it
 * over a newer revision is a conflict, as any edit's is. */
static void
session_restore_form(struct session *s, const struct record *d)
{
	const struct entity_def	*de = d->ent, *e;
	struct form_opts	 o;
	struct record		*r = NULL;
	char			 title[200], *cause = NULL;
	const char		*target, *dtitle;

	e = dict_entity(record_str(d, dict_field_pos(de, "entity")));
	if (e == NULL)
		return;
	target = record_str(d, dict_field_pos(de, "target"));
	if (target != NULL && cr_get(s->app.client, e, 0, target, &r,
	    &cause) != 0) {
		session_message(&s->app, 1, "%s", cause);
		free(cause);
		return;
	}
	/* Merged over the record as it is now (form_edit does it, from
	 * the values the draft's changes were made over). */
	if (r == NULL)
		r = record_new(e);
	memset(&o, 0, sizeof o);
	dtitle = record_str(d, dict_field_pos(de, "title"));
	snprintf(title, sizeof title, _("%s (restored)"), dtitle != NULL ?
	    dtitle : _(e->title));
	o.title = title;
	o.texts = record_str(d, dict_field_pos(de, "texts"));
	if (o.texts == NULL)
		o.texts = "";
	erase();
	session_title(s);
	form_edit(&s->app, &s->main, r, &o);
	record_free(r);
	s->redraw |= UI_REDRAW_ALL;
}

/* Work a hang-up left unsaved, offered back one by one: y opens it, n
 * throws it away. */
static void
session_offer_drafts(struct session *s)
{
	const struct entity_def	*de = dict_entity("drafts");
	struct record		**rows;
	size_t			 n, i;
	char			*cause = NULL, q[512], when[32];
	const char		*screen, *target, *title;
	int			 yes;

	if (cr_drafts(s->app.client, &rows, &n, &cause) != 0) {
		free(cause);
		return;
	}
	for (i = 0; i < n && !s->app.quit && !ui_hungup(); i++) {
		const struct record	*d = rows[i];
		time_t			 t = (time_t)record_int(d, FX_CREATED);
		struct tm		 tm;

		screen = record_str(d, dict_field_pos(de, "screen"));
		target = record_str(d, dict_field_pos(de, "target"));
		title = record_str(d, dict_field_pos(de, "title"));
		localtime_r(&t, &tm);
		strftime(when, sizeof when, "%d.%m.%Y %H:%M", &tm);
		snprintf(q, sizeof q, _("When your session ended at %s, "
		    "\"%s\" was not saved. Open it again (y), or throw it away "
		    "(n)?"), when, title != NULL ? title : screen);
		session_relayout(&s->app);
		yes = ui_confirm(q);
		if (yes) {
			if (strcmp(screen, "form") == 0)
				session_restore_form(s, d);
			else
				session_open(&s->app, screen, target);
		}
		if (cr_draft_drop(s->app.client, record_id(d), &cause) != 0) {
			session_message(&s->app, 1, "%s", cause);
			free(cause);
			cause = NULL;
		}
		/* An opened screen stays; the next draft waits for it. */
		if (s->depth > 1 && s->stack[s->depth - 1].def != &scr_menu)
			break;
	}
	cr_rows_free(rows, n);
	s->redraw |= UI_REDRAW_ALL;
}

/*
 * The server ended this session (an administrator disabled the login):
 * say why, on the screen, until a key is pressed; 1 when it has.
 */
static int
session_ended(struct session *s)
{
	struct client_reply	 r;
	const char		*lines[2];

	if (client_ended(s->app.client, &r) == 0)
		return (0);
	lines[0] = r.err != NULL ? r.err : _("the server ended this session");
	lines[1] = "";
	ui_text_box(_("Session ended"), lines, 2);
	client_reply_free(&r);
	return (1);
}

/* Keys typed while the server was not answering: given back after. */
static int	wait_keys[256];
static size_t	wait_nkeys;

/*
 * No server answers: say so at once, with the seconds left, and let Esc
 * (or Ctrl-C, or F10 to quit) stop waiting.  Any other key typed
 * meanwhile is kept and given back when the server answers again, so
 * type-ahead is not lost.
 */
static int
session_wait(void *arg, int left, const char *why)
{
	struct session	*s = arg;
	const char	*lines[3];
	char		 l0[160], l1[120];
	int		 k;

	if (left < 0) {
		/* Answered again: the wait stopped is forgotten, and so is
		 * what the status line said of it. */
		if (why == NULL && s != NULL && s->wait_stopped) {
			s->wait_stopped = 0;
			if (s->msg_error) {
				s->msg_error = 0;
				snprintf(s->msg, sizeof s->msg, "%s",
				    _("F1 help, : fast path"));
			}
		}
		ui_notice_close();
		while (wait_nkeys > 0) {
			k = wait_keys[--wait_nkeys];
			if (k >= UI_K(0))
				ungetch(k - UI_K(0));
			else
				unget_wch((wchar_t)k);
		}
		if (s != NULL)
			s->redraw |= UI_REDRAW_ALL;
		return (0);
	}
	/* Stopped, and not asked again by a key: no box. */
	if (s != NULL && s->wait_stopped && s->background)
		return (1);
	snprintf(l0, sizeof l0, "%s.", why);
	snprintf(l1, sizeof l1, _("Trying again: %d s left."), left);
	lines[0] = l0;
	lines[1] = l1;
	lines[2] = _("Esc: stop waiting.");
	ui_notice(_("The server is not answering"), lines, 3);
	while ((k = ui_poll_key()) != -1) {
		if (k == UI_KEY_ESC || k == UI_KEY_INTR || k == UI_KEY_HANGUP) {
			if (s != NULL)
				s->wait_stopped = 1;
			return (1);
		}
		/* F10 stops waiting too, and is given back: the session
		 * then quits as it would have. */
		if (UI_KEY_QUIT(k)) {
			if (wait_nkeys < sizeof wait_keys / sizeof wait_keys[0])
				wait_keys[wait_nkeys++] = k;
			if (s != NULL)
				s->wait_stopped = 1;
			return (1);
		}
		if (k != UI_KEY_RESIZE && wait_nkeys < sizeof wait_keys /
		    sizeof wait_keys[0])
			wait_keys[wait_nkeys++] = k;
	}
	return (0);
}

/* The terminal, raw: Ctrl-C, Ctrl-S and Ctrl-Q are keys. */
static int
session_initscr(void)
{
	/* Esc must feel instant, yet an F-key's sequence over SSH must not
	 * split: 50 ms. */
	if (getenv("ESCDELAY") == NULL)
		setenv("ESCDELAY", "50", 1);
	if (initscr() == NULL)
		return (-1);
	set_escdelay(50);
	raw();
	noecho();
	nonl();
	session_noflow();
	keypad(stdscr, TRUE);
	curs_set(0);
	/* The cursor is hidden: no move to it after each update. */
	leaveok(stdscr, TRUE);
	return (0);
}

int
session_main(const struct paths *p)
{
	struct session	 s;
	struct client	*c;
	char		*cause = NULL;
	const char	*term, *start;
	int		 rc, k;
	unsigned	 redraw;
	uint64_t	 wrote;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		/* Who is refused is said first: exit 77 beats 64. */
		if ((rc = client_open(p, CLIENT_AUTOSTART, &c, &cause)) != 0) {
			fprintf(stderr, "kontor: %s\n", cause); /* i18n: no */
			free(cause);
			return (rc);
		}
		fprintf(stderr, _("kontor: the session needs a terminal; for "
		    "scripts use the commands (kontor --help)\n"));
		client_close(c);
		return (EX_USAGE);
	}
	/* Data is UTF-8 whatever the login's locale says. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0 &&
	    setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
	memset(&s, 0, sizeof s);
	the_session = &s;
	signal(SIGHUP, session_hangup);
	signal(SIGTERM, session_hangup);
	signal(SIGINT, session_hangup);
	signal(SIGSEGV, session_signal);
	signal(SIGBUS, session_signal);
	signal(SIGABRT, session_signal);
	log_set_fatal_hook(session_endwin);
	if (session_initscr() != 0) {
		fprintf(stderr, "%s", _("kontor: cannot use this terminal\n"));
		return (EX_UNAVAILABLE);
	}
	/* The terminal first: a server that is not answering is said at
	 * once, not after a blank wait. */
	rc = client_open_wait(p, CLIENT_AUTOSTART, session_wait, NULL, &c,
	    &cause);
	if (rc != 0) {
		session_endwin();
		fprintf(stderr, "kontor: %s\n", cause);	/* i18n: no */
		free(cause);
		return (rc);
	}
	client_set_waiter(c, session_wait, &s);
	s.app.client = c;
	/* Our own copy: a reconnect after a server restart says hello
	 * again, and the client's strings are then new ones. */
	s.app.login = xstrdup(client_login(c));
	s.app.roles = client_roles(c);
	s.app.user_id = client_user_id(c);
	s.app.message = session_message;
	s.app.message_cut = session_message_cut;
	s.app.open = session_open;
	s.app.relayout = session_relayout;
	ui_set_repaint(session_repaint);
	s.app.priv = NULL;
	term = getenv("TERM");
	s.app.colour = has_colors() && term != NULL &&
	    strncmp(term, "vt", 2) != 0;
	session_layout(&s);
	session_push(&s, &scr_menu, NULL);
	/* The home screen first, the menu one Esc away; KONTOR_START names
	 * another screen to open on ("menu": the menu itself, as the TUI
	 * tests that walk from it ask). */
	if ((start = getenv("KONTOR_START")) == NULL || *start == '\0')
		start = "home";
	if (strcmp(start, "menu") != 0 && screen_find(start) != NULL)
		session_push(&s, screen_find(start), NULL);
	snprintf(s.msg, sizeof s.msg, "%s", _("F1 help, : fast path"));
	session_reminders(&s);
	session_offer_drafts(&s);
	s.redraw = UI_REDRAW_ALL;
	rc = 0;
	while (!s.quit && !s.app.quit && s.depth > 0) {
		struct frame	*f = &s.stack[s.depth - 1];

		if (s.redraw & UI_REDRAW_ALL) {
			erase();
			session_title(&s);
		}
		if (s.redraw)
			f->def->draw(f->state, &s.main, s.redraw);
		session_status(&s);
		wnoutrefresh(stdscr);
		/* A burst (a scan: 13 digits and Enter) updates the terminal
		 * once, when it has been read, not once per digit. */
		if (!ui_input_pending())
			doupdate();
		s.redraw = 0;
		k = ui_getkey_tick();
		if (k == UI_KEY_HANGUP || ui_hungup()) {
			session_deadline();
			session_hangup_screens(&s);
			break;
		}
		/* Ended by the server (the login disabled): 77, as a
		 * command refused for it exits. */
		if (session_ended(&s)) {
			rc = EX_NOPERM;
			break;
		}
		if (time(NULL) - s.last_check >= REMINDER_EVERY) {
			s.background = 1;
			session_reminders(&s);
			s.background = 0;
		}
		wrote = client_writes(c);
		if (k == -1) {
			/* The clock ticks on the status line; a screen
			 * that watches something looks again. */
			if (f->def->tick != NULL) {
				redraw = 0;
				s.background = 1;
				f->def->tick(f->state, &redraw);
				s.background = 0;
				s.redraw |= redraw;
			}
			continue;
		}
		if (k == UI_KEY_RESIZE) {
			session_layout(&s);
			s.redraw = UI_REDRAW_ALL;
			continue;
		}
		if (UI_KEY_QUIT(k) || k == UI_KEY_INTR) {
			if (session_may_leave(&s))
				break;
			continue;
		}
		if (k == ':') {
			session_fastpath(&s);
			continue;
		}
		if (UI_KEY_HELP(k)) {
			session_help(&s);
			continue;
		}
		s.msg_error = 0;
		redraw = 0;
		if (f->def->key(f->state, &s.main, k, &redraw) == UI_BACK) {
			if (s.depth > 1)
				session_pop(&s);
		} else if (k == UI_KEY_ESC && s.depth > 1 &&
		    f->def == &scr_menu)
			session_pop(&s);
		s.redraw |= redraw;
		/* A task saved or done: the reminder is right at once. */
		if (client_writes(c) != wrote)
			session_reminders(&s);
		if (ui_hungup()) {	/* inside the screen's own widgets */
			session_deadline();
			session_hangup_screens(&s);
			break;
		}
	}
	while (s.depth > 0)
		session_pop(&s);
	session_endwin();
	client_close(c);
	free(s.app.login);
	return (rc);
}
