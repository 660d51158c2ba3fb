/*
 * Warehouses: the list, the form, and a warehouse's bins (places in it).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "i18n.h"
#include "screens/screens.h"
#include "ui/browse.h"
#include "ui/form.h"
#include "xmalloc.h"

struct wh_state {
	struct app		*app;
	const struct entity_def	*ent;		/* warehouses */
	const struct entity_def	*bent;		/* bins */
	struct browse		*list;
	/* A warehouse's bins, when open. */
	struct record		*wh;
	struct browse		*bins;
};

static const struct ui_action wh_actions[] = {
	{ '\n', "Enter", N_("open the warehouse in a form"), UI_NEEDS_WRITE },
	{ 'n', "n/Insert", N_("new warehouse"), UI_NEEDS_WRITE },
	{ 'b', "b", N_("the warehouse's bins"), 0 },
	{ '/', "/", N_("search: name words, code"), 0 },
	{ 'd', "d", N_("delete (asks first)"), UI_NEEDS_DELETE },
	{ 0, N_("In the bins:"), "", 0 },
	{ 'n', "n/Insert", N_("new bin in the warehouse"), UI_NEEDS_WRITE },
	{ '\n', "Enter", N_("edit the bin"), UI_NEEDS_WRITE },
	{ 'd', "d", N_("delete the bin (asks first)"), UI_NEEDS_DELETE },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, NULL, NULL, 0 }
};

static int
wh_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct wh_state	*s;

	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->ent = dict_entity("warehouses");
	s->bent = dict_entity("bins");
	s->list = browse_new(app, s->ent, "code");
	*state = s;
	return (0);
}

static void
bins_close(struct wh_state *s)
{
	browse_free(s->bins);
	s->bins = NULL;
	record_free(s->wh);
	s->wh = NULL;
}

static void
wh_close(void *state)
{
	struct wh_state	*s = state;

	bins_close(s);
	browse_free(s->list);
	free(s);
}

/* The list: all but the last row (the keys), under a heading in bins. */
static struct ui_region
list_region(struct wh_state *s, const struct ui_region *rg)
{
	struct ui_region	 l = *rg;

	if (l.h > 4) {
		l.h--;
		if (s->bins != NULL) {
			l.y++;
			l.h--;
		}
	}
	return (l);
}

static void
wh_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct wh_state		*s = state;
	struct ui_region	 l = list_region(s, rg);
	char			 head[256];
	int			 edit = auth_allowed(s->app->roles, "stock",
				    ACT_EDIT), name;
	/* d as F1 offers it: a warehouse clerk edits, may not delete. */
	int			 del = ui_offers(s->app, scr_warehouses.area,
				    wh_actions, "d");

	if (rg->h > 4)
		ui_put(rg->win, rg->y + rg->h - 1, rg->x, s->bins != NULL ?
		    (edit && del ? _("n new bin  Enter edit  d delete  Esc "
		    "back") : edit ? _("n new bin  Enter edit  Esc back  F1/? "
		    "help") : _("Esc back  F1/? help")) : (edit && del ?
		    _("Enter edit  n new  b bins  / search  d delete  Esc back") :
		    edit ? _("Enter edit  n new  b bins  / search  Esc back  "
		    "F1/? help") : _("b bins  / search  Esc back  F1/? help")),
		    rg->w, 1);
	if (s->bins == NULL) {
		browse_draw(s->list, &l, 1);
		return;
	}
	name = dict_field_pos(s->ent, "name");
	snprintf(head, sizeof head, _("Bins of %s %s"), record_str(s->wh,
	    FX_CODE), record_str(s->wh, name));
	wattron(rg->win, A_BOLD);
	ui_put(rg->win, rg->y, rg->x, head, rg->w, 1);
	wattroff(rg->win, A_BOLD);
	browse_draw(s->bins, &l, 1);
}

static void
wh_edit(struct wh_state *s, struct ui_region *rg, const struct entity_def *e,
    uint64_t id)
{
	struct form_opts	 o;
	struct record		*r;
	char			 title[128], *cause = NULL;

	if (id != 0) {
		if (cr_get(s->app->client, e, id, NULL, &r, &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			return;
		}
	} else
		r = record_new(e);
	memset(&o, 0, sizeof o);
	if (e == s->bent) {
		if (id == 0)
			record_set_str(r, dict_field_pos(e, "warehouse"),
			    record_str(s->wh, FX_CODE));
		snprintf(title, sizeof title, _("Bin %s of %s"), id != 0 ?
		    record_str(r, FX_CODE) : _("(new)"), record_str(s->wh,
		    FX_CODE));
		o.fixed[0] = "warehouse";
	} else
		snprintf(title, sizeof title, _("Warehouse %s"), id != 0 ?
		    record_str(r, FX_CODE) : _("(new)"));
	o.title = title;
	if (form_edit(s->app, rg, r, &o))
		browse_show(s->bins != NULL ? s->bins : s->list,
		    record_id(r));
	record_free(r);
}

static enum ui_result
wh_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct wh_state		*s = state;
	struct ui_region	 l = list_region(s, rg);
	struct browse		*b = s->bins != NULL ? s->bins : s->list;
	const struct entity_def	*e = s->bins != NULL ? s->bent : s->ent;
	const struct record	*cur;
	char			*cause = NULL;

	if (browse_key(b, &l, k, redraw))
		return (UI_CONTINUE);
	*redraw |= UI_REDRAW_ALL;
	if (k == UI_KEY_ESC) {
		if (s->bins == NULL)
			return (UI_BACK);
		bins_close(s);
		return (UI_CONTINUE);
	}
	if (UI_KEY_NEW(k) && ui_may(s->app, e, ACT_CREATE)) {
		wh_edit(s, rg, e, 0);
		return (UI_CONTINUE);
	}
	if ((cur = browse_current(b)) == NULL)
		return (UI_CONTINUE);
	if (UI_KEY_ENTER(k) && ui_may(s->app, e, ACT_EDIT))
		wh_edit(s, rg, e, record_id(cur));
	else if (k == 'b' && s->bins == NULL) {
		s->wh = record_dup(cur);
		s->bins = browse_new(s->app, s->bent, NULL);
		browse_filter(s->bins, "warehouse", (int64_t)record_id(cur));
		browse_hide(s->bins, "warehouse");
	} else if (k == 'd' && ui_may(s->app, e, ACT_DELETE) &&
	    ui_confirm(_("Delete this record?"))) {
		if (cr_delete(s->app->client, e, record_id(cur),
		    record_rev(cur), &cause) != 0) {
			s->app->message(s->app, 1, _("not deleted: %s"), cause);
			free(cause);
		} else
			browse_reload(b);
	}
	return (UI_CONTINUE);
}

const struct screen_def scr_warehouses = {
	.name = "warehouses", .code = "wh", .title = N_("Warehouses"),
	.hotkey = 'w', .area = "stock", .open = wh_open, .close = wh_close,
	.draw = wh_draw, .key = wh_key, .actions = wh_actions,
};
