/*
 * The main menu: every screen by area, with its hotkey and fast path.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "auth.h"
#include "i18n.h"
#include "screens/screens.h"
#include "xmalloc.h"

#define MENU_MAX	48
#define MENU_COLW	40	/* a column's width when there are two */

struct menu_state {
	struct app			*app;
	const struct screen_def		*items[MENU_MAX];
	int				 n;
	int				 cur;
	int				 rows;	/* per column, as drawn */
};

static const struct ui_action menu_actions[] = {
	{ '\n', N_("Enter or the letter"), N_("open the screen"), 0 },
	{ ':', N_(":code"), N_("fast path, e.g. :cust C-000123"), 0 },
	{ 0, N_("F10 or :q"), N_("quit"), 0 },
	{ 0, NULL, NULL, 0 }
};

static int
menu_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct menu_state		*s;
	const struct screen_def *const	*d;

	s = xcalloc(1, sizeof *s);
	s->app = app;
	for (d = screen_table; *d != NULL && s->n < MENU_MAX; d++) {
		if (*d == &scr_menu)
			continue;
		if (!screen_allowed(*d, app->roles))
			continue;
		s->items[s->n++] = *d;
	}
	*state = s;
	return (0);
}

static void
menu_close(void *state)
{
	free(state);
}

static void
menu_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct menu_state	*s = state;
	char			 line[160];
	int			 i, y, c, cols;

	wattron(rg->win, A_BOLD);
	ui_put(rg->win, rg->y, rg->x, _("Main menu"), rg->w, 1);
	wattroff(rg->win, A_BOLD);
	/* One column while they fit, else two side by side. */
	s->rows = rg->h - 2 > 1 ? rg->h - 2 : 1;
	cols = s->n > s->rows && rg->w >= 2 * MENU_COLW ? 2 : 1;
	if (cols == 2 && s->n > 2 * s->rows)
		s->rows = (s->n + 1) / 2;
	for (y = 1; y < rg->h; y++) {
		ui_put(rg->win, rg->y + y, rg->x, "", rg->w, 1);
		for (c = 0; c < cols; c++) {
			i = c * s->rows + y - 2;
			if (y < 2 || i >= s->n || (cols == 1 && c > 0))
				continue;
			{
				struct buf	 b = { 0 };
				char		*l;

				buf_printf(&b, "  %c  ", s->items[i]->hotkey);
				ui_cell(&b, _(s->items[i]->title), 24, 0);
				buf_printf(&b, " :%s", s->items[i]->code);
				buf_addc(&b, '\0');
				l = buf_steal(&b);
				snprintf(line, sizeof line, "%s", l);
				free(l);
			}
			if (i == s->cur)
				wattron(rg->win, A_REVERSE);
			ui_put(rg->win, rg->y + y, rg->x + c * MENU_COLW, line,
			    cols == 2 ? MENU_COLW : rg->w, 1);
			wattroff(rg->win, A_REVERSE);
		}
	}
}

static enum ui_result
menu_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct menu_state	*s = state;
	int			 i;

	*redraw |= UI_REDRAW_LIST;
	if (UI_KEY_DOWN(k) && s->cur + 1 < s->n)
		s->cur++;
	else if (UI_KEY_UP(k) && s->cur > 0)
		s->cur--;
	else if (k == UI_K(KEY_RIGHT) && s->rows > 0 && s->cur + s->rows <
	    s->n)
		s->cur += s->rows;
	else if (k == UI_K(KEY_LEFT) && s->rows > 0 && s->cur >= s->rows)
		s->cur -= s->rows;
	else if (UI_KEY_ENTER(k) && s->n > 0)
		s->app->open(s->app, s->items[s->cur]->name, NULL);
	else if (k == UI_KEY_ESC)
		return (UI_CONTINUE);
	else {
		for (i = 0; i < s->n; i++)
			if (k == s->items[i]->hotkey) {
				s->cur = i;
				s->app->open(s->app, s->items[i]->name, NULL);
				break;
			}
	}
	return (UI_CONTINUE);
}

const struct screen_def scr_menu = {
	.name = "menu", .code = "menu", .title = N_("Main menu"),
	.hotkey = 'm', .open = menu_open, .close = menu_close,
	.draw = menu_draw, .key = menu_key, .actions = menu_actions,
};
