/*
 * Plain record lists: contacts, activities, users, the company's details.  A browse list over
 * the entity, a form to edit, n for a new one, d to delete.  And the stock
 * ledger, which is only read: it opens at its newest moves.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "i18n.h"
#include "model/stock.h"
#include "screens/screens.h"
#include "ui/browse.h"
#include "ui/form.h"
#include "xmalloc.h"

struct list_state {
	struct app		*app;
	const struct entity_def	*ent;
	struct browse		*b;
	struct record		*prev;	/* the last saved, for F3 */
	int			 to_end;	/* open at the last page */
};

#define UI_NEW_KEYS	"n/Insert"	/* i18n: no */

static const struct ui_action list_actions[] = {
	{ '\n', "Enter", N_("open the record in a form"), 0 },
	{ 'n', "n/Insert", N_("new record"), UI_NEEDS_WRITE },
	{ 'd', "d", N_("delete the record (asks first)"), UI_NEEDS_DELETE },
	{ '/', "/", N_("search as you type (name, code, phone, e-mail)"), 0 },
	{ 's', "s", N_("sort by the next indexed field"), 0 },
	{ 0, "Up/Down PgUp/PgDn Home/End", N_("move"), 0 },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, NULL, NULL, 0 }
};

static int
list_open(struct app *app, const char *entity, const char *sort,
    void **state)
{
	struct list_state	*s;

	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->ent = dict_entity(entity);
	s->b = browse_new(app, s->ent, sort);
	*state = s;
	return (0);
}

static void
list_close(void *state)
{
	struct list_state	*s = state;

	browse_free(s->b);
	record_free(s->prev);
	free(s);
}

static void
list_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct list_state	*s = state;
	struct ui_region	 l = ui_list_region(rg);
	unsigned		 r = 0;
	char			 line[256];
	const char		*area = s->ent->area;

	(void)redraw;
	if (s->to_end) {
		/* The newest first: the last page, its last row current. */
		s->to_end = 0;
		browse_key(s->b, &l, '>', &r);
	}
	browse_draw(s->b, &l, 1);
	if (rg->h <= 3)
		return;
	/* The keys, as F1 offers them to these roles. */
	if (s->ent->flags & ENT_DERIVED)
		snprintf(line, sizeof line, "%s", _("/ search  s sort  "
		    "Home/End  Esc back  F1/? help"));
	else
		snprintf(line, sizeof line, _("Enter open  %s%s/ search  "
		    "s sort  Esc back  F1/? help"), ui_offers(s->app, area,
		    list_actions, UI_NEW_KEYS) ? _("n new  ") : "",
		    ui_offers(s->app, area, list_actions, "d") ?
		    _("d delete  ") : "");
	ui_put(rg->win, rg->y + rg->h - 1, rg->x, line, rg->w, 1);
}

static void
list_edit(struct list_state *s, struct ui_region *rg, struct record *r)
{
	struct form_opts	 o;
	char			 title[128];

	memset(&o, 0, sizeof o);
	snprintf(title, sizeof title, "%s: %s", _(s->ent->title),
	    record_id(r) ? (record_str(r, FX_CODE) ? record_str(r, FX_CODE) :
	    "") : _("new"));
	o.title = title;
	o.prev = s->prev;
	o.readonly = record_id(r) != 0 && !auth_allowed(s->app->roles,
	    s->ent->area, ACT_EDIT);
	if (form_edit(s->app, rg, r, &o)) {
		record_free(s->prev);
		s->prev = record_dup(r);
		browse_show(s->b, record_id(r));
	}
}

static enum ui_result
list_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct list_state	*s = state;
	const struct record	*cur;
	struct record		*r;
	char			*cause = NULL;
	struct ui_region	 l = ui_list_region(rg);

	if (browse_key(s->b, &l, k, redraw))
		return (UI_CONTINUE);
	if (k == UI_KEY_ESC)
		return (UI_BACK);
	if (s->ent->flags & ENT_DERIVED) {
		if (UI_KEY_ENTER(k) || UI_KEY_NEW(k) || k == 'd')
			s->app->message(s->app, 1, _("%s are written by "
			    "posting documents and never changed: correct one "
			    "by reversing its document (:docs)"),
			    _(s->ent->title));
		return (UI_CONTINUE);
	}
	if (UI_KEY_ENTER(k) && (cur = browse_current(s->b)) != NULL) {
		/* Fresh from the server: the form edits the newest. */
		if (cr_get(s->app->client, s->ent, record_id(cur), NULL, &r,
		    &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			return (UI_CONTINUE);
		}
		list_edit(s, rg, r);
		record_free(r);
		*redraw |= UI_REDRAW_ALL;
	} else if (UI_KEY_NEW(k) && ui_may(s->app, s->ent, ACT_CREATE)) {
		r = record_new(s->ent);
		list_edit(s, rg, r);
		record_free(r);
		*redraw |= UI_REDRAW_ALL;
	} else if (k == 'd' && (cur = browse_current(s->b)) != NULL &&
	    ui_may(s->app, s->ent, ACT_DELETE)) {
		if (ui_confirm(_("Delete this record?"))) {
			if (cr_delete(s->app->client, s->ent, record_id(cur),
			    record_rev(cur), &cause) != 0) {
				s->app->message(s->app, 1, _("not deleted: %s"),
				    cause);
				free(cause);
			} else {
				s->app->message(s->app, 0, "%s", _("deleted"));
				browse_reload(s->b);
			}
		}
		*redraw |= UI_REDRAW_ALL;
	}
	return (UI_CONTINUE);
}

static int
contacts_open(struct app *app, const char *arg, void **state, char **cause)
{
	return (list_open(app, "contacts", "name", state));
}

static int
activities_open(struct app *app, const char *arg, void **state,
    char **cause)
{
	return (list_open(app, "activities", "at", state));
}

/* browse_cell's: a move's document, a shipment's, a return's or a
 * production order's too (stock_move_doc), not only the stock document
 * the doc field holds. */
static char *
moves_doc_cell(void *arg, const struct record *m)
{
	struct app	*app = arg;
	int		 pos;

	if ((pos = stock_move_doc(m)) < 0)
		return (NULL);
	return (ui_ref_code(app, &m->ent->fields[pos], record_int(m, pos)));
}

static int
moves_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct list_state	*s;

	(void)arg;
	(void)cause;
	list_open(app, "stock_moves", NULL, state);
	s = *state;
	s->to_end = 1;
	browse_cell(s->b, "doc", moves_doc_cell, app);
	return (0);
}

static const struct ui_action moves_actions[] = {
	{ '/', "/", N_("search as you type (move code)"), 0 },
	{ 's', "s", N_("sort by the next indexed field (date, product, "
	    "warehouse, document)"), 0 },
	{ 0, "Up/Down PgUp/PgDn Home/End",
	  N_("move; the newest are at the end"),
	    0 },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, NULL, NULL, 0 }
};

const struct screen_def scr_moves = {
	.name = "moves", .code = "moves", .title = N_("Stock moves"),
	.hotkey = 'l', .area = "stock", .open = moves_open,
	.close = list_close,
	.draw = list_draw, .key = list_key, .actions = moves_actions,
};

/* The firm's details: the one record, opened in a form; only an admin
 * changes it (the model keeps it one). */
static int
company_open(struct app *app, const char *arg, void **state, char **cause)
{
	return (list_open(app, "company", NULL, state));
}

static int
users_open(struct app *app, const char *arg, void **state, char **cause)
{
	return (list_open(app, "users", "login", state));
}

const struct screen_def scr_contacts = {
	.name = "contacts", .code = "cont", .title = N_("Contacts"),
	.hotkey = 'o', .area = "crm", .open = contacts_open,
	.close = list_close,
	.draw = list_draw, .key = list_key, .actions = list_actions,
};

const struct screen_def scr_activities = {
	.name = "activities", .code = "act", .title = N_("Activities"),
	.hotkey = 'a', .area = "crm", .open = activities_open,
	.close = list_close,
	.draw = list_draw, .key = list_key, .actions = list_actions,
};

const struct screen_def scr_company = {
	.name = "company", .code = "firm", .title = N_("Company details"),
	.hotkey = 'e', .area = "admin", .needs = SCREEN_NEEDS_ADMIN,
	.open = company_open,
	.close = list_close, .draw = list_draw, .key = list_key,
	.actions = list_actions,
};

const struct screen_def scr_users = {
	.name = "users", .code = "users", .title = N_("Users"),
	.hotkey = 'u', .area = "admin", .needs = SCREEN_NEEDS_ADMIN,
	.open = users_open,
	.close = list_close, .draw = list_draw, .key = list_key,
	.actions = list_actions,
};
