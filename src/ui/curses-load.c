/*
 * ncurses through dlopen(): the program is not linked against libncursesw
 * and libtinfo, whose mapping and relocation (two libraries, 1,500
 * relocations of the terminfo tables) every command paid at start though
 * only the terminal session draws.  The 33 functions and 4 variables
 * kontor uses are defined here with curses.h's own prototypes (the
 * compiler checks them) and call the library's, which the first call
 * loads (KONTOR_CURSES_SONAME, found by configure; libtinfo comes as its
 * dependency).  Still the distribution's shared library: its security
 * updates apply as before.
 *
 * A symbol added to the TUI's use must be added here too: the link
 * fails with an undefined reference until it is.
 */
#include "config.h"

#include <curses.h>
#include <dlfcn.h>
#include <pthread.h>
#include <string.h>
#include <wchar.h>

#include "log.h"
#include "ui/curses-load.h"

/* curses-load.h's macros are for the callers; here the real names. */
#undef COLS
#undef LINES
#undef stdscr
#undef acs_map

static struct {
	int	 (*beep)(void);
	int	 (*curs_set)(int);
	int	 (*def_prog_mode)(void);
	int	 (*delwin)(WINDOW *);
	int	 (*doupdate)(void);
	int	 (*endwin)(void);
	bool	 (*has_colors)(void);
	WINDOW	*(*initscr)(void);
	bool	 (*isendwin)(void);
	int	 (*keypad)(WINDOW *, bool);
	int	 (*leaveok)(WINDOW *, bool);
	WINDOW	*(*newwin)(int, int, int, int);
	int	 (*noecho)(void);
	int	 (*nonl)(void);
	int	 (*raw)(void);
	int	 (*set_escdelay)(int);
	int	 (*unget_wch)(const wchar_t);
	int	 (*ungetch)(int);
	int	 (*waddch)(WINDOW *, const chtype);
	int	 (*waddnstr)(WINDOW *, const char *, int);
	int	 (*waddnwstr)(WINDOW *, const wchar_t *, int);
	int	 (*wattr_off)(WINDOW *, attr_t, void *);
	int	 (*wattr_on)(WINDOW *, attr_t, void *);
	int	 (*wborder)(WINDOW *, chtype, chtype, chtype, chtype, chtype,
		     chtype, chtype, chtype);
	int	 (*wclrtoeol)(WINDOW *);
	int	 (*werase)(WINDOW *);
	int	 (*wget_wch)(WINDOW *, wint_t *);
	int	 (*whline)(WINDOW *, chtype, int);
	int	 (*wmove)(WINDOW *, int, int);
	int	 (*wnoutrefresh)(WINDOW *);
	int	 (*wrefresh)(WINDOW *);
	void	 (*wtimeout)(WINDOW *, int);
	int	 (*wtouchln)(WINDOW *, int, int, int);
	int	*cols;
	int	*lines;
	WINDOW **stdscr;
	chtype	*acs_map;
} cl;

static pthread_once_t	 cl_once = PTHREAD_ONCE_INIT;
static int		 cl_ok;
/* What the variables read as without the library. */
static int		 cl_no_int;
static WINDOW		*cl_no_win;
static chtype		 cl_no_acs[256];

static void	cl_load(void);
static int	cl_ready(void);

/* Once per process: the library and every symbol, or none (logged). */
static void
cl_load(void)
{
	static const char *const names[] = {
		"beep", "curs_set", "def_prog_mode", "delwin", "doupdate",
		"endwin", "has_colors", "initscr", "isendwin", "keypad",
		"leaveok", "newwin", "noecho", "nonl", "raw", "set_escdelay",
		"unget_wch", "ungetch", "waddch", "waddnstr", "waddnwstr",
		"wattr_off", "wattr_on", "wborder", "wclrtoeol", "werase",
		"wget_wch", "whline", "wmove", "wnoutrefresh", "wrefresh",
		"wtimeout", "wtouchln", "COLS", "LINES", "stdscr", "acs_map"
	};
	const char	 *e;
	void		 *h, *p;
	size_t		  i;

	/* The struct is the names' pointers in the same order. */
	_Static_assert(sizeof cl == sizeof names, "cl and names differ");
	if ((h = dlopen(KONTOR_CURSES_SONAME, RTLD_NOW | RTLD_LOCAL)) ==
	    NULL) {
		e = dlerror();
		log_warnx("%s", e != NULL ? e : KONTOR_CURSES_SONAME);
		return;
	}
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if ((p = dlsym(h, names[i])) == NULL) {
			log_warnx("%s: %s missing", KONTOR_CURSES_SONAME,
			    names[i]);
			return;
		}
		/* POSIX: a dlsym() result may be a function's. */
		memcpy((char *)&cl + i * sizeof p, &p, sizeof p);
	}
	cl_ok = 1;
}

static int
cl_ready(void)
{
	pthread_once(&cl_once, cl_load);
	return (cl_ok);
}

int *
curses_load_cols(void)
{
	return (cl_ready() ? cl.cols : &cl_no_int);
}

int *
curses_load_lines(void)
{
	return (cl_ready() ? cl.lines : &cl_no_int);
}

WINDOW **
curses_load_stdscr(void)
{
	return (cl_ready() ? cl.stdscr : &cl_no_win);
}

chtype *
curses_load_acs(void)
{
	return (cl_ready() ? cl.acs_map : cl_no_acs);
}

/* Without the library: ERR, and nothing drawn. */
int
beep(void)
{
	return (cl_ready() ? cl.beep() : ERR);
}

int
curs_set(int v)
{
	return (cl_ready() ? cl.curs_set(v) : ERR);
}

int
def_prog_mode(void)
{
	return (cl_ready() ? cl.def_prog_mode() : ERR);
}

int
delwin(WINDOW *w)
{
	return (cl_ready() ? cl.delwin(w) : ERR);
}

int
doupdate(void)
{
	return (cl_ready() ? cl.doupdate() : ERR);
}

int
endwin(void)
{
	return (cl_ready() ? cl.endwin() : ERR);
}

int
keypad(WINDOW *w, bool b)
{
	return (cl_ready() ? cl.keypad(w, b) : ERR);
}

int
leaveok(WINDOW *w, bool b)
{
	return (cl_ready() ? cl.leaveok(w, b) : ERR);
}

int
noecho(void)
{
	return (cl_ready() ? cl.noecho() : ERR);
}

int
nonl(void)
{
	return (cl_ready() ? cl.nonl() : ERR);
}

int
raw(void)
{
	return (cl_ready() ? cl.raw() : ERR);
}

int
set_escdelay(int v)
{
	return (cl_ready() ? cl.set_escdelay(v) : ERR);
}

int
unget_wch(const wchar_t c)
{
	return (cl_ready() ? cl.unget_wch(c) : ERR);
}

int
ungetch(int c)
{
	return (cl_ready() ? cl.ungetch(c) : ERR);
}

int
waddch(WINDOW *w, const chtype c)
{
	return (cl_ready() ? cl.waddch(w, c) : ERR);
}

int
waddnstr(WINDOW *w, const char *s, int n)
{
	return (cl_ready() ? cl.waddnstr(w, s, n) : ERR);
}

int
waddnwstr(WINDOW *w, const wchar_t *s, int n)
{
	return (cl_ready() ? cl.waddnwstr(w, s, n) : ERR);
}

int
wattr_off(WINDOW *w, attr_t a, void *o)
{
	return (cl_ready() ? cl.wattr_off(w, a, o) : ERR);
}

int
wattr_on(WINDOW *w, attr_t a, void *o)
{
	return (cl_ready() ? cl.wattr_on(w, a, o) : ERR);
}

int
wborder(WINDOW *w, chtype ls, chtype rs, chtype ts, chtype bs, chtype tl,
    chtype tr, chtype bl, chtype br)
{
	return (cl_ready() ? cl.wborder(w, ls, rs, ts, bs, tl, tr, bl, br) : ERR);
}

int
wclrtoeol(WINDOW *w)
{
	return (cl_ready() ? cl.wclrtoeol(w) : ERR);
}

int
werase(WINDOW *w)
{
	return (cl_ready() ? cl.werase(w) : ERR);
}

int
wget_wch(WINDOW *w, wint_t *c)
{
	return (cl_ready() ? cl.wget_wch(w, c) : ERR);
}

int
whline(WINDOW *w, chtype c, int n)
{
	return (cl_ready() ? cl.whline(w, c, n) : ERR);
}

int
wmove(WINDOW *w, int y, int x)
{
	return (cl_ready() ? cl.wmove(w, y, x) : ERR);
}

int
wnoutrefresh(WINDOW *w)
{
	return (cl_ready() ? cl.wnoutrefresh(w) : ERR);
}

int
wrefresh(WINDOW *w)
{
	return (cl_ready() ? cl.wrefresh(w) : ERR);
}

int
wtouchln(WINDOW *w, int y, int n, int c)
{
	return (cl_ready() ? cl.wtouchln(w, y, n, c) : ERR);
}

bool
has_colors(void)
{
	return (cl_ready() ? cl.has_colors() : FALSE);
}

/* Without the library: NULL, which the session says it cannot use. */
WINDOW *
initscr(void)
{
	return (cl_ready() ? cl.initscr() : NULL);
}

/* Without the library nothing was started: ended. */
bool
isendwin(void)
{
	return (cl_ready() ? cl.isendwin() : TRUE);
}

WINDOW *
newwin(int nl, int nc, int y, int x)
{
	return (cl_ready() ? cl.newwin(nl, nc, y, x) : NULL);
}

void
wtimeout(WINDOW *w, int delay)
{
	if (cl_ready())
		cl.wtimeout(w, delay);
}
