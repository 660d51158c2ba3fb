#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <wchar.h>

#include "client/docs.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/norm.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "ui/lookup.h"
#include "ui/ui.h"
#include "xmalloc.h"

#define LOOKUP_MAX	50

/* --- the query line ---------------------------------------------------- */

int
ui_entry_key(struct ui_entry *e, int k)
{
	size_t		 len = strlen(e->buf), n;
	char		 mb[8];
	mbstate_t	 ps;

	if (k == UI_K(KEY_BACKSPACE) || k == 127 || k == 8) {
		while (len > 0 && ((unsigned char)e->buf[--len] & 0xc0) ==
		    0x80)
			;
		e->buf[len] = '\0';
		return (1);
	}
	if (k == KEY_CTRL('u')) {
		e->buf[0] = '\0';
		return (1);
	}
	if (k < 0x20 || k >= 0x200000 || k == 0x7f)
		return (0);
	memset(&ps, 0, sizeof ps);
	n = wcrtomb(mb, (wchar_t)k, &ps);
	if (n == (size_t)-1 || len + n + 1 > sizeof e->buf) {
		beep();
		return (1);
	}
	memcpy(e->buf + len, mb, n);
	e->buf[len + n] = '\0';
	return (1);
}

void
ui_entry_draw(WINDOW *win, int y, int x, int width, const char *prompt,
    const struct ui_entry *e)
{
	const char	*s = e->buf;
	int		 used, room;

	used = ui_put(win, y, x, prompt, width, 0);
	room = width - used - 1;
	if (room <= 0)
		return;
	/* The tail of a long text: what was typed last stays in view. */
	while (*s != '\0' && ui_width(s) > room) {
		s++;
		while (((unsigned char)*s & 0xc0) == 0x80)
			s++;
	}
	used += ui_put(win, y, x + used, s, room, 0);
	wattron(win, A_REVERSE);
	ui_put(win, y, x + used, " ", 1, 0);
	wattroff(win, A_REVERSE);
	used++;
	if (used < width)
		ui_put(win, y, x + used, "", width - used, 1);
}

const char *
ui_entry_text(struct ui_entry *e)
{
	size_t	 len = strlen(e->buf), off = 0;

	while (len > 0 && e->buf[len - 1] == ' ')
		e->buf[--len] = '\0';
	while (e->buf[off] == ' ')
		off++;
	if (off > 0)
		memmove(e->buf, e->buf + off, len - off + 1);
	return (e->buf);
}

void
ui_entry_clear(struct ui_entry *e)
{
	e->buf[0] = '\0';
}

/* --- pick lists -------------------------------------------------------- */

/* The first searchable (word-indexed, not digits) field of e, or -1. */
static int
name_field(const struct entity_def *e)
{
	size_t	 i;

	for (i = 0; i < e->nfields; i++)
		if ((e->fields[i].flags & (FF_SEARCH|FF_DIGITS)) == FF_SEARCH)
			return ((int)i);
	return (-1);
}

/* What a pick list shows beside the code: the searchable name, else a
 * field called name (an account's, a cash desk's: CASH alone said
 * nothing), or -1. */
static int
show_field(const struct entity_def *e)
{
	int	 f = name_field(e);

	return (f >= 0 ? f : dict_field_pos(e, "name"));
}

/* Whether the name holds every word of the query, both folded to their
 * words (quotes and dashes dropped, as the server's word search does). */
static int
has_words(const char *name, const char *query)
{
	char	*fn, *fq, *w, *save = NULL;
	int	 ok = 1;

	if (name == NULL)
		return (0);
	fn = norm_text(name);
	fq = norm_text(query);
	for (w = strtok_r(fq, " ", &save); w != NULL && ok;
	    w = strtok_r(NULL, " ", &save))
		ok = strstr(fn, w) != NULL;
	free(fn);
	free(fq);
	return (ok);
}

static void
add_rows(struct record ***rows, size_t *n, struct record **got, size_t ng,
    int namef, const char *query)
{
	size_t	 i, j;

	for (i = 0; i < ng; i++) {
		for (j = 0; j < *n; j++)
			if (record_id((*rows)[j]) == record_id(got[i]))
				break;
		if (j < *n || *n >= LOOKUP_MAX || (query != NULL &&
		    !has_words(record_str(got[i], namef), query))) {
			record_free(got[i]);
			continue;
		}
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		(*rows)[(*n)++] = got[i];
	}
	free(got);
}

/* The records of e whose reference field flt->field is flt->id (a
 * customer's contacts), by that index, narrowed by the words typed. */
static void
lookup_fetch_in(struct app *app, const struct entity_def *e, const char *q,
    const struct ui_lookup_filter *flt, struct record ***rows, size_t *n)
{
	struct record	**got;
	struct value	 from;
	size_t		 ng, i, k;
	char		*cause = NULL;
	int		 pos = dict_field_pos(e, flt->field);
	int		 namef = name_field(e);

	memset(&from, 0, sizeof from);
	from.set = 1;
	from.i = flt->id;
	if (pos < 0 || cr_scan(app->client, e, flt->field, &from, 0, 1,
	    LOOKUP_MAX * 4, &got, &ng, &cause) != 0) {
		free(cause);
		return;
	}
	for (i = k = 0; i < ng; i++) {
		if (record_int(got[i], pos) != flt->id) {
			record_free(got[i]);
			continue;
		}
		got[k++] = got[i];
	}
	add_rows(rows, n, got, k, namef, *q != '\0' ? q : NULL);
}

/* The records of e for a query: the first page by name when empty, else
 * by the words of the name, the code, and digits (barcodes, phones). */
static void
lookup_fetch(struct app *app, const struct entity_def *e, const char *q,
    const struct ui_lookup_filter *flt, struct record ***rows, size_t *n)
{
	struct record	**got;
	size_t		 ng, i;
	char		*cause = NULL, upper[UI_ENTRY_MAX], first[UI_ENTRY_MAX];
	int		 namef = name_field(e);

	*rows = NULL;
	*n = 0;
	while (*q == ' ')
		q++;
	if (flt != NULL) {
		lookup_fetch_in(app, e, q, flt, rows, n);
		return;
	}
	if (*q == '\0') {
		/* By name when names have a sorted index, else as made. */
		if (cr_scan(app->client, e, namef >= 0 &&
		    (e->fields[namef].flags & (FF_INDEXED|FF_UNIQUE)) ?
		    e->fields[namef].name : NULL, NULL, 0, 1, LOOKUP_MAX, &got,
		    &ng, &cause) == 0)
			add_rows(rows, n, got, ng, namef, NULL);
		free(cause);
		return;
	}
	if (namef >= 0) {
		/* The server finds the first word; the rest narrow here. */
		snprintf(first, sizeof first, "%.*s", (int)strcspn(q, " "), q);
		if (cr_search(app->client, e, e->fields[namef].name, first,
		    LOOKUP_MAX * 4, &got, &ng, &cause) == 0)
			add_rows(rows, n, got, ng, namef, q);
		free(cause);
		cause = NULL;
	}
	for (i = 0; i < sizeof upper - 1 && q[i] != '\0'; i++)
		upper[i] = (char)toupper((unsigned char)q[i]);
	upper[i] = '\0';
	if (cr_search(app->client, e, e->fields[FX_CODE].name, upper,
	    LOOKUP_MAX, &got, &ng, &cause) == 0)
		add_rows(rows, n, got, ng, namef, NULL);
	free(cause);
	cause = NULL;
	if (!digits_only(q) || strlen(q) < 3)
		return;
	for (i = 0; i < e->nfields; i++) {
		const struct field_def	*f = &e->fields[i];

		if ((int)i == FX_CODE || !dict_field_indexed(f) ||
		    (!(f->flags & FF_DIGITS) && f->check != FC_EAN13))
			continue;
		if (cr_search(app->client, e, f->name, q, LOOKUP_MAX, &got,
		    &ng, &cause) == 0)
			add_rows(rows, n, got, ng, namef, NULL);
		free(cause);
		cause = NULL;
	}
}

/*
 * The box of a pick list, centred, as large as fits up to 20 x 70; made
 * again after a resize.  It stays up while the clerk types: stdscr is
 * touched only when it closes, or the key read (a refresh of stdscr)
 * would paint the screen under it over the box.
 */
static WINDOW *
pick_box(WINDOW *win, const char *title, int *h, int *w)
{
	int	 nh = LINES - 2 < 20 ? LINES - 2 : 20;
	int	 nw = COLS - 4 < 70 ? COLS - 4 : 70;

	if (nh < 5)
		nh = LINES < 5 ? LINES : 5;
	if (nw < 20)
		nw = COLS;
	if (win == NULL || nh != *h || nw != *w) {
		if (win != NULL)
			delwin(win);
		if ((win = newwin(nh, nw, (LINES - nh) / 2,
		    (COLS - nw) / 2)) == NULL)
			return (NULL);
		keypad(win, TRUE);
		*h = nh;
		*w = nw;
	}
	werase(win);
	box(win, 0, 0);
	if (*w > 6) {
		ui_put(win, 0, 2, " ", 1, 0);
		ui_put(win, 0, 3, title, *w - 6, 0);
		waddstr(win, " ");
	}
	return (win);
}

static void
pick_close(WINDOW *win)
{
	if (win != NULL)
		delwin(win);
	touchwin(stdscr);
	wnoutrefresh(stdscr);
}

/* Move sel by a list key; 1 if it was one. */
static int
pick_move(int k, size_t *sel, size_t *top, size_t n, size_t rows)
{
	if (UI_KEY_DOWN(k) && *sel + 1 < n)
		(*sel)++;
	else if (UI_KEY_UP(k) && *sel > 0)
		(*sel)--;
	else if (UI_KEY_PGDN(k))
		*sel = *sel + rows < n ? *sel + rows : (n > 0 ? n - 1 : 0);
	else if (UI_KEY_PGUP(k))
		*sel = *sel > rows ? *sel - rows : 0;
	else if (UI_KEY_DOWN(k) || UI_KEY_UP(k))
		;
	else
		return (0);
	if (*sel < *top)
		*top = *sel;
	if (rows > 0 && *sel >= *top + rows)
		*top = *sel - rows + 1;
	return (1);
}

void
ui_default_sole(struct app *app, struct record *r, const char *field)
{
	const struct field_def	*f = dict_field(r->ent, field);
	struct record		**rows;
	size_t			 n;
	char			*cause = NULL;

	if (f == NULL || f->type != FT_REF || cr_scan(app->client,
	    dict_entity(f->ref), NULL, NULL, 0, 1, 2, &rows, &n, &cause) != 0) {
		free(cause);
		return;
	}
	if (n == 1)
		record_set_str(r, dict_field_pos(r->ent, field),
		    record_str(rows[0], FX_CODE));
	cr_rows_free(rows, n);
}

int
ui_lookup(struct app *app, const char *title, const struct entity_def *e,
    const char *query, struct record **out)
{
	return (ui_lookup_in(app, title, e, query, NULL, out));
}

int
ui_lookup_in(struct app *app, const char *title, const struct entity_def *e,
    const char *query, const struct ui_lookup_filter *flt,
    struct record **out)
{
	struct ui_entry	 q;
	struct record	**rows = NULL;
	size_t		 n = 0, sel = 0, top = 0, i, rows_h;
	int		 k, h = 0, w = 0, namef = show_field(e), fetch = 1;
	int		 picked = 0;
	WINDOW		*win = NULL;

	*out = NULL;
	snprintf(q.buf, sizeof q.buf, "%s", query != NULL ? query : "");
	for (;;) {
		if (fetch) {
			cr_rows_free(rows, n);
			lookup_fetch(app, e, q.buf, flt, &rows, &n);
			sel = top = 0;
			fetch = 0;
		}
		if ((win = pick_box(win, title, &h, &w)) == NULL)
			break;
		rows_h = h > 4 ? (size_t)h - 4 : 1;
		if (sel >= top + rows_h)
			top = sel - rows_h + 1;
		ui_entry_draw(win, 1, 1, w - 2, "> ", &q);
		for (i = 0; i < rows_h; i++) {
			char	 line[512];

			if (top + i >= n) {
				ui_put(win, 2 + (int)i, 1, top + i == 0 ?
				    _("(nothing found)") : "", w - 2, 1);
				continue;
			}
			snprintf(line, sizeof line, "%-12s %s",
			    record_str(rows[top + i], FX_CODE) ?
			    record_str(rows[top + i], FX_CODE) : "",
			    namef >= 0 && record_str(rows[top + i], namef) ?
			    record_str(rows[top + i], namef) : "");
			if (top + i == sel)
				wattron(win, A_REVERSE);
			ui_put(win, 2 + (int)i, 1, line, w - 2, 1);
			wattroff(win, A_REVERSE);
		}
		ui_put(win, h - 2, 1, _("type to narrow, Enter picks, Esc "
		    "closes"), w - 2, 1);
		wrefresh(win);
		k = ui_getkey();
		if (k == UI_KEY_RESIZE) {
			/* Made again where the new size puts it. */
			delwin(win);
			win = NULL;
			app->relayout(app);
			continue;
		}
		if (k == UI_KEY_ESC || k == UI_KEY_HANGUP || k == UI_KEY_INTR)
			break;
		if (UI_KEY_ENTER(k)) {
			if (sel < n) {
				*out = rows[sel];
				rows[sel] = NULL;
				picked = 1;
				break;
			}
			continue;
		}
		if (pick_move(k, &sel, &top, n, rows_h))
			continue;
		if (ui_entry_key(&q, k))
			fetch = 1;
	}
	pick_close(win);
	cr_rows_free(rows, n);
	return (picked);
}

int
ui_pick(struct app *app, const char *title, const char *const *items,
    size_t n, size_t sel)
{
	size_t	 top = 0, i, rows_h;
	int	 k, h = 0, w = 0, picked = -1;
	WINDOW	*win = NULL;

	if (sel >= n)
		sel = 0;
	for (;;) {
		if ((win = pick_box(win, title, &h, &w)) == NULL)
			break;
		rows_h = h > 3 ? (size_t)h - 3 : 1;
		if (sel >= top + rows_h)
			top = sel - rows_h + 1;
		for (i = 0; i < rows_h; i++) {
			if (top + i < n && top + i == sel)
				wattron(win, A_REVERSE);
			ui_put(win, 1 + (int)i, 1, top + i < n ?
			    items[top + i] : "", w - 2, 1);
			wattroff(win, A_REVERSE);
		}
		ui_put(win, h - 2, 1, _("Enter picks, Esc closes"), w - 2, 1);
		wrefresh(win);
		k = ui_getkey();
		if (k == UI_KEY_RESIZE) {
			delwin(win);
			win = NULL;
			app->relayout(app);
		} else if (k == UI_KEY_ESC || k == UI_KEY_HANGUP ||
		    k == UI_KEY_INTR)
			break;
		else if (UI_KEY_ENTER(k) && n > 0) {
			picked = (int)sel;
			break;
		} else
			pick_move(k, &sel, &top, n, rows_h);
	}
	pick_close(win);
	return (picked);
}

/* --- a scanned or typed product -------------------------------------- */

int
ui_product(struct app *app, const char *term, struct record **out,
    int64_t *pack, char **cause)
{
	const struct entity_def	*pe = dict_entity("products");
	struct record		**rows = NULL;
	char			*q;
	size_t			 n = 0;
	int			 rc;

	*out = NULL;
	*pack = 1000;
	while (*term == ' ')
		term++;
	if (*term == '\0') {
		*cause = xstrdup(_("scan a barcode or type a SKU or name"));
		return (0);
	}
	if ((rc = cd_find_product(app->client, term, out, pack, cause)) == 0)
		return (1);
	/* "unknown barcode 4600000000015: no product has it" */
	if (rc != EX_NOINPUT || digits_only(term))
		return (0);
	free(*cause);
	*cause = NULL;
	*pack = 1000;
	lookup_fetch(app, pe, term, NULL, &rows, &n);
	if (n == 1) {
		*out = rows[0];
		rows[0] = NULL;
		cr_rows_free(rows, n);
		return (1);
	}
	cr_rows_free(rows, n);
	if (n == 0) {
		q = text_quote(term);
		xasprintf(cause, _("no product has the SKU, barcode or name "
		    "%s"), q);
		free(q);
		return (0);
	}
	return (ui_lookup(app, _(pe->title), pe, term, out) ? 1 : -1);
}
