#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dict/dict.h"
#include "dict/record.h"
#include "i18n.h"
#include "ui/browse.h"
#include "ui/card.h"
#include "ui/ui.h"

static void
card_field(struct ui_region *rg, int y, int x, int w, int lw,
    const char *label, const char *value)
{
	int	 used;

	used = ui_put(rg->win, y, x, label, lw, 1);
	if (used < w)
		used += ui_put(rg->win, y, x + used, " ", 1, 0);
	if (used < w)
		ui_put(rg->win, y, x + used, value, w - used, 1);
}

int
ui_card_head(struct app *app, struct ui_region *rg, const struct record *r,
    const char *const *fields, size_t n)
{
	const struct entity_def	*e = r->ent;
	char			*v;
	size_t			 i;
	int			 y = rg->y, half = rg->w / 2, col = 0, lw = 0;

	for (i = 0; i < n; i++) {
		int	 w = ui_width(_(dict_field(e, fields[i])->label));

		if (w > lw)
			lw = w;
	}
	if (lw > half / 2)
		lw = half / 2;
	for (i = 0; i < n; i++) {
		int	 pos = dict_field_pos(e, fields[i]);
		int	 wide = strcmp(fields[i], "name") == 0 ||
		    strcmp(fields[i], "address") == 0;

		v = ui_format(app, &e->fields[pos], &r->v[pos]);
		if (wide && col == 1) {
			ui_put(rg->win, y, rg->x + half, "", rg->w - half, 1);
			y++;
			col = 0;
		}
		if (wide) {
			if (strcmp(fields[i], "name") == 0)
				wattron(rg->win, A_BOLD);
			card_field(rg, y++, rg->x, rg->w, lw,
			    _(e->fields[pos].label), v);
			wattroff(rg->win, A_BOLD);
			free(v);
			continue;
		}
		card_field(rg, y, rg->x + col * half, col ? rg->w - half : half,
		    lw, _(e->fields[pos].label), v);
		free(v);
		if (col == 1)
			y++;
		col ^= 1;
	}
	if (col == 1)
		ui_put(rg->win, y++, rg->x + half, "", rg->w - half, 1);
	return (y - rg->y);
}
