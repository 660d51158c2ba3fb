#ifndef KONTOR_UI_UI_H
#define KONTOR_UI_UI_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/curses-load.h"

struct buf;
struct client;
struct record;
struct entity_def;
struct field_def;

/*
 * The terminal UI's common parts: regions, redraw flags, the application
 * every screen gets, keys, and safe text output.  Only src/ui/,
 * src/session.c and screens/ include <curses.h>.
 */

#define UI_REDRAW_ROW	0x01	/* the cursor's row(s) */
#define UI_REDRAW_LIST	0x02	/* the list or form body */
#define UI_REDRAW_ALL	0x04	/* everything: layout changed */

enum ui_result {
	UI_CONTINUE,	/* key handled or ignored */
	UI_BACK,	/* close this screen */
	UI_QUIT		/* leave kontor */
};

struct ui_region {
	WINDOW	*win;
	int	 y;
	int	 x;
	int	 h;
	int	 w;
};

/* A list screen's list: all of rg but its last row, which says the keys
 * (a region of 3 rows or fewer is all list). */
struct ui_region ui_list_region(const struct ui_region *rg);

/* What a screen may use: the connection, who we are, the status line. */
struct app {
	struct client	*client;
	char		*login;		/* owned by the session */
	unsigned	 roles;
	int		 colour;	/* has_colors() and not vt100 */
	/* Set a message for the status line (printf-like); error when bad. */
	void		(*message)(struct app *, int error, const char *, ...)
			    __attribute__((format(printf, 3, 4)));
	/* The last message when the status line had to cut it short, else
	 * NULL (borrowed, until the next message): a widget's help shows
	 * it whole.  May be NULL. */
	const char	*(*message_cut)(struct app *);
	/* Open another screen by name, with an optional argument (a
	 * record code); 0 or -1 with the message set. */
	int		(*open)(struct app *, const char *name,
			    const char *arg);
	/* After a resize inside a modal widget: lay out and repaint the
	 * frame; the widget's region is updated in place. */
	void		(*relayout)(struct app *);
	uint64_t	 user_id;	/* the users record signed in */
	void		*priv;
	/* Set by a widget when the clerk chose to leave kontor (Ctrl-C,
	 * confirmed); the session ends after the key. */
	int		 quit;
};

/*
 * Keys: ui_getkey() returns a character as its code point and a curses
 * key (arrows, F-keys, KEY_RESIZE) as UI_K(code), so the two never meet.
 * Every function key has a letter or control-key twin.
 */
#define UI_K(k)		(0x200000 + (k))
#define KEY_CTRL(c)	((c) & 0x1f)
#define UI_KEY_ESC	27
#define UI_KEY_SAVE(k)	((k) == UI_K(KEY_F(2)) || (k) == KEY_CTRL('s'))
#define UI_KEY_LOOKUP(k) ((k) == UI_K(KEY_F(4)) || (k) == KEY_CTRL('l'))
#define UI_KEY_REPEAT(k) ((k) == UI_K(KEY_F(3)) || (k) == KEY_CTRL('r'))
#define UI_KEY_HELP(k)	((k) == UI_K(KEY_F(1)) || (k) == '?' || \
			    (k) == KEY_CTRL('g'))
#define UI_KEY_QUIT(k)	((k) == UI_K(KEY_F(10)))
#define UI_KEY_ENTER(k)	((k) == '\n' || (k) == '\r' || (k) == UI_K(KEY_ENTER))
#define UI_KEY_NEW(k)	((k) == 'n' || (k) == UI_K(KEY_IC))
#define UI_KEY_UP(k)	((k) == UI_K(KEY_UP) || (k) == KEY_CTRL('p'))
#define UI_KEY_DOWN(k)	((k) == UI_K(KEY_DOWN) || (k) == KEY_CTRL('n'))
#define UI_KEY_PGUP(k)	((k) == UI_K(KEY_PPAGE) || (k) == KEY_CTRL('b'))
#define UI_KEY_PGDN(k)	((k) == UI_K(KEY_NPAGE) || (k) == KEY_CTRL('f'))
#define UI_KEY_HOME(k)	((k) == UI_K(KEY_HOME) || (k) == '<')
#define UI_KEY_END(k)	((k) == UI_K(KEY_END) || (k) == '>')
#define UI_KEY_RESIZE	UI_K(KEY_RESIZE)
/* Ctrl-C is a key (the terminal is raw): leave kontor, asking first when
 * something is unsaved. */
#define UI_KEY_INTR	KEY_CTRL('c')
/* The terminal hung up (SSH dropped, window closed): every widget ends at
 * once, keeping what is unsaved as a draft where it can. */
#define UI_KEY_HANGUP	UI_K(0x1ffff)

/* A key and what it does, for a screen's action table and its help. */
struct ui_action {
	int		 key;
	const char	*keyname;	/* "F2/Ctrl-S" */
	const char	*what;
	unsigned	 needs;		/* UI_NEEDS_* */
};
#define UI_NEEDS_WRITE	0x01	/* hidden from roles that may not edit */
#define UI_NEEDS_POST	0x02	/* hidden from roles that may not post */
#define UI_NEEDS_APPROVE 0x04	/* hidden from roles that may not approve
				   (a manager's: the team's tasks) */
#define UI_NEEDS_DELETE	0x08	/* hidden from roles that may not delete */
/* The area whose right the action needs, when it is not its screen's:
 * S in an order posts a shipment (UI_NEEDS_POST | UI_IN_SHIPPING), p in
 * an invoice or a card posts a payment (the finance area's post). */
#define UI_IN_CRM	 0x0100
#define UI_IN_SALES	 0x0200
#define UI_IN_SHIPPING	 0x0400
#define UI_IN_CATALOG	 0x0800
#define UI_IN_STOCK	 0x1000
#define UI_IN_PURCHASING 0x2000
#define UI_IN_PRODUCTION 0x4000
#define UI_IN_FINANCE	 0x8000

/* The one rule for what a screen offers: whether roles may use an
 * action of these needs (UI_NEEDS_*, UI_IN_*) on a screen of area (NULL:
 * "crm").  F1's help leaves out what they may not, and so does each
 * screen's bottom line, through ui_offers(). */
int	 ui_allowed(unsigned roles, const char *area, unsigned needs);
/* Whether the action named keyname ("S", "F5/Ctrl-T": as in the table,
 * untranslated) in a screen's table is for the clerk's roles: its
 * bottom line shows the key only then.  A name not in the table: 1. */
int	 ui_offers(const struct app *, const char *area,
	     const struct ui_action *, const char *keyname);

/* Whether the clerk's roles allow act (ACT_* of auth.h) in the entity's
 * area; if not, says so on the status line.  The server checks anyway:
 * this only keeps a screen from offering what will be refused. */
int	 ui_may(struct app *, const struct entity_def *, unsigned act);

/* The rest of a refusal of a posting for an over-receipt ("over-receipt:
 * SKU-1: 12 received against 10 ordered; confirm to receive more"), in
 * English or in the clerk's language: what follows the prefix, or NULL
 * when cause is another refusal.  Borrowed from cause. */
const char *ui_over_receipt(const char *cause);

/* --- text.c: safe, width-aware output ------------------------------ */

/* Display width of UTF-8 text as ui_put draws it. */
int	 ui_width(const char *);
/* Draw s at (y, x) in at most width columns, padded with spaces when
 * pad; control, escape and bidi characters show as '?'; never cuts a
 * character in two.  Returns the columns used. */
int	 ui_put(WINDOW *, int y, int x, const char *, int width, int pad);
/* The same, text too wide cut one column short and marked with "…"
 * (a list's cell: АО «Электр…), so a cut name never reads as
 * whole. */
int	 ui_put_cut(WINDOW *, int y, int x, const char *, int width,
	     int pad);
/* The longest prefix of s that fits in width columns, in bytes. */
size_t	 ui_fit(const char *, int width);
/* s cut or padded to exactly width display columns, right-aligned when
 * right, added to b: the cells of a text box's lines (never printf's
 * %-20s, which counts bytes, not columns). */
void	 ui_cell(struct buf *, const char *, int width, int right);
/* A row of n cells on row y within width columns: cell i in widths[i]
 * columns (-1: what is left), right-aligned where align[i] is 'r' (align
 * may be NULL), one space between; the rest of the row is cleared. */
void	 ui_cells(WINDOW *, int y, int x, int width,
	     const char *const *cells, const int *widths, const char *align,
	     int n);

/* --- lines.c: a document's lines ----------------------------------------- */

#define UI_LINES_MAX	8	/* cells a row */
#define UI_LINES_CELL	64	/* bytes a cell formatted */

/*
 * The lines of a document as a table: what each screen shows of a line
 * is its own (row), the table is one.  head: the headings (N_(), shown
 * translated); widths: each cell's, one of them -1 for what the others
 * leave (6 at least); align: 'r' right-aligned, else left (may be NULL);
 * empty: what the first row says when there are no lines.  row(arg, i,
 * cells, buf) sets the n cells of line i, formatting into buf[k] where
 * it must (cells[k] starts as buf[k], empty), and returns the attributes
 * of the row after its number (A_BOLD: a line short of stock; 0).
 */
struct ui_lines {
	const char *const	 *head;
	const int		 *widths;
	const char		 *align;
	int			  n;
	const char		 *empty;
	unsigned		(*row)(void *, size_t, const char **,
				    char (*)[UI_LINES_CELL]);
	void			 *arg;
};
/* The table in rows rows from (y, x), w wide: a bold, underlined heading,
 * then the lines from *top, moved so that line cur shows, its number
 * (cell 0) in reverse. */
void	 ui_lines_draw(WINDOW *, int y, int x, int w, int rows,
	     const struct ui_lines *, size_t n, size_t cur, size_t *top);
/* A row's first three cells, as most line tables start: the line's
 * number, then the code ("?" when unknown) and the name of the record
 * that field f of the line refers to by id. */
void	 ui_lines_ref(struct app *, const struct field_def *, int64_t line,
	     int64_t id, char (*)[UI_LINES_CELL]);

/* --- dialog.c ------------------------------------------------------------ */

/* A yes/no question in a box; 1 for yes.  Esc and n say no. */
int	 ui_confirm(const char *question);
/* A line to type in a box: title, a prompt, and buf (cap bytes, its
 * text the default, which the first character typed replaces; a move or
 * Backspace first keeps it to edit); 1 on Enter, 0 on Esc. */
int	 ui_ask(const char *title, const char *prompt, char *buf, size_t cap);
/* The same with a note above the prompt (one line, cut to the box): what
 * the default in buf is, say. */
int	 ui_ask_note(const char *title, const char *note, const char *prompt,
	     char *buf, size_t cap);
/* A box with lines of text (help); any key closes it, and a digit (a
 * scan's first) then goes on to the screen. */
void	 ui_text_box(const char *title, const char *const *lines, size_t);
/* A line editor on row y: edits buf (UTF-8, cap bytes) in place; returns
 * the key that ended it (Enter, Esc, Tab, arrows, F-keys...).  on_change
 * is called after each edit with the text, for incremental search. */
int	 ui_edit_line(WINDOW *, int y, int x, int width, char *buf,
	     size_t cap, void (*on_change)(void *, const char *), void *arg);
/* Read one key, resize-aware; KEY_RESIZE is passed through.  Waits for
 * a key: a box stays up until one is pressed.  Escape sequences the
 * terminfo entry lacks are decoded or dropped whole, never typed. */
int	 ui_getkey(void);
/* The same, but -1 after a second without a key: the main loop's tick
 * for the clock and reminders. */
int	 ui_getkey_tick(void);
/* Whether more keys are already waiting (a scanner's burst, type-ahead):
 * the screen is brought up to date once they are read, not per key. */
int	 ui_input_pending(void);
/* A key if one is waiting, else -1 at once. */
int	 ui_poll_key(void);
/* A cursor key over n rows, page at a time: *cur moved and 1, or 0 when
 * k is not one (Up, Down, PgUp, PgDn, Home, End). */
int	 ui_cursor_key(int k, size_t *cur, size_t n, size_t page);
/* The terminal hung up: from a signal handler (async-signal safe), and
 * whether it has. */
void	 ui_set_hangup(void);
int	 ui_hungup(void);
/* What draws the screen under a box again after a resize (the session's
 * layout and frame): a box re-centres itself over it. */
void	 ui_set_repaint(void (*)(void));
/* A box with lines that stays while the program works (no key is read);
 * ui_notice_close() takes it away. */
void	 ui_notice(const char *title, const char *const *lines, size_t);
void	 ui_notice_close(void);

#endif
