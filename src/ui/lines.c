/*
 * The lines of a document as a table (an order's, a purchase order's):
 * see ui_lines_draw() in ui.h.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui/browse.h"
#include "ui/ui.h"

void
ui_lines_draw(WINDOW *win, int y, int x, int w, int rows,
    const struct ui_lines *t, size_t n, size_t cur, size_t *top)
{
	const char	*head[UI_LINES_MAX], *cells[UI_LINES_MAX];
	char		 buf[UI_LINES_MAX][UI_LINES_CELL];
	int		 widths[UI_LINES_MAX], k, i, rest = -1;
	unsigned	 attr;
	size_t		 r;

	/* The cell of width -1 takes what the others leave, 6 at least. */
	for (k = 0; k < t->n; k++) {
		/* An empty heading stays empty: gettext's "" is the
		 * catalogue's header ("Project-Id-Version: ..."). */
		head[k] = *t->head[k] != '\0' ? _(t->head[k]) : "";
		widths[k] = t->widths[k];
		if (widths[k] < 0)
			rest = k;
	}
	if (rest >= 0) {
		widths[rest] = w - (t->n - 1);
		for (k = 0; k < t->n; k++)
			if (k != rest)
				widths[rest] -= widths[k];
		if (widths[rest] < 6)
			widths[rest] = 6;
	}
	wattron(win, A_BOLD | A_UNDERLINE);
	ui_cells(win, y, x, w, head, widths, t->align, t->n);
	wattroff(win, A_BOLD | A_UNDERLINE);
	y++;
	rows--;
	if (cur < *top)
		*top = cur;
	if (rows > 0 && cur >= *top + (size_t)rows)
		*top = cur - (size_t)rows + 1;
	for (i = 0; i < rows; i++) {
		r = *top + (size_t)i;
		if (r >= n) {
			ui_put(win, y + i, x, r == 0 && i == 0 ? t->empty : "",
			    w, 1);
			continue;
		}
		for (k = 0; k < t->n; k++) {
			buf[k][0] = '\0';
			cells[k] = buf[k];
		}
		attr = t->row(t->arg, r, cells, buf);
		/* The cursor is the line's number in reverse. */
		if (r == cur)
			wattron(win, A_REVERSE);
		ui_cells(win, y + i, x, widths[0], cells, widths, t->align, 1);
		wattroff(win, A_REVERSE);
		ui_put(win, y + i, x + widths[0], " ", 1, 1);
		wattron(win, attr);
		ui_cells(win, y + i, x + widths[0] + 1, w - widths[0] - 1,
		    cells + 1, widths + 1, t->align != NULL ? t->align + 1 :
		    NULL, t->n - 1);
		wattroff(win, attr);
	}
}

void
ui_lines_ref(struct app *app, const struct field_def *f, int64_t line,
    int64_t id, char (*buf)[UI_LINES_CELL])
{
	char	*c = ui_ref_code(app, f, id), *nm = ui_ref_name(app, f, id);

	snprintf(buf[0], UI_LINES_CELL, "%lld", (long long)line); /* i18n: no */
	snprintf(buf[1], UI_LINES_CELL, "%s", c != NULL ? c : "?");
	snprintf(buf[2], UI_LINES_CELL, "%s", nm != NULL ? nm : "");
	free(c);
	free(nm);
}
