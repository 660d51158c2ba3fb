/*
 * Products: the catalog list (search by name, SKU or barcode), the
 * product form from the dictionary, and a product's further barcodes
 * (a box of 12, an old label) with the units one scan of each counts.
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

struct prod_state {
	struct app		*app;
	const struct entity_def	*ent;		/* products */
	const struct entity_def	*bent;		/* barcodes */
	struct browse		*list;
	struct record		*prev;		/* F3 in the form */
	/* A product's barcodes, when open. */
	struct record		*prod;
	struct browse		*codes;
};

static const struct ui_action prod_actions[] = {
	{ '\n', "Enter, e", N_("open the product in a form"), UI_NEEDS_WRITE },
	{ 'n', "n/Insert", N_("new product"), UI_NEEDS_WRITE },
	{ '/', "/", N_("search: name words, SKU, barcode digits"), 0 },
	{ 's', "s", N_("sort by the next indexed field"), 0 },
	{ 'b', "b", N_("the product's barcodes (packs: units per scan)"), 0 },
	{ 'w', "w", N_("where is it: stock per warehouse (:stock)"), 0 },
	{ 'd', "d", N_("delete the product (asks first)"), UI_NEEDS_DELETE },
	{ 0, N_("In the barcodes:"), "", 0 },
	{ 'n', "n/Insert", N_("new barcode of the product"), UI_NEEDS_WRITE },
	{ '\n', "Enter", N_("edit the barcode"), UI_NEEDS_WRITE },
	{ 'd', "d", N_("delete the barcode (asks first)"), UI_NEEDS_DELETE },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, NULL, NULL, 0 }
};

static int
prod_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct prod_state	*s;

	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->ent = dict_entity("products");
	s->bent = dict_entity("barcodes");
	s->list = browse_new(app, s->ent, "name");
	*state = s;
	return (0);
}

static void
codes_close(struct prod_state *s)
{
	browse_free(s->codes);
	s->codes = NULL;
	record_free(s->prod);
	s->prod = NULL;
}

static void
prod_close(void *state)
{
	struct prod_state	*s = state;

	codes_close(s);
	browse_free(s->list);
	record_free(s->prev);
	free(s);
}

static void
hints(struct prod_state *s, struct ui_region *rg, const char *text)
{
	if (rg->h > 3)
		ui_put(rg->win, rg->y + rg->h - 1, rg->x, text, rg->w, 1);
}

static void
prod_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct prod_state	*s = state;
	struct ui_region	 l = ui_list_region(rg);
	char			 head[256];
	int			 edit = auth_allowed(s->app->roles, "catalog",
				    ACT_EDIT);

	if (s->codes != NULL) {
		int	 name = dict_field_pos(s->ent, "name");

		snprintf(head, sizeof head, _("Barcodes of %s %s"),
		    record_str(s->prod, FX_CODE), record_str(s->prod, name));
		wattron(rg->win, A_BOLD);
		ui_put(rg->win, l.y, l.x, head, l.w, 1);
		wattroff(rg->win, A_BOLD);
		l.y++;
		l.h--;
		browse_draw(s->codes, &l, 1);
		/* d as F1 offers it (purchasing edits, may not delete). */
		hints(s, rg, !edit ? _("Esc back  F1/? help") :
		    ui_offers(s->app, scr_products.area, prod_actions, "d") ?
		    _("n new  Enter edit  d delete  Esc back  F1/? help") :
		    _("n new  Enter edit  Esc back  F1/? help"));
		return;
	}
	browse_draw(s->list, &l, 1);
	hints(s, rg, edit ? _("Enter edit  n new  / search  b barcodes  "
	    "w where is it  Esc back") : _("/ search  b barcodes  "
	    "w where is it  Esc back  F1/? help"));
}

static void
edit_product(struct prod_state *s, struct ui_region *rg, struct record *r)
{
	struct form_opts	 o;
	char			 title[128];

	memset(&o, 0, sizeof o);
	snprintf(title, sizeof title, _("Product %s"), record_id(r) ?
	    record_str(r, FX_CODE) : _("(new)"));
	o.title = title;
	o.prev = s->prev;
	o.readonly = record_id(r) != 0 && !auth_allowed(s->app->roles,
	    s->ent->area, ACT_EDIT);
	if (form_edit(s->app, rg, r, &o)) {
		record_free(s->prev);
		s->prev = record_dup(r);
		browse_show(s->list, record_id(r));
	}
}

static void
edit_barcode(struct prod_state *s, struct ui_region *rg, uint64_t id)
{
	struct form_opts	 o;
	struct record		*r;
	char			 title[128], *cause = NULL;

	if (id != 0) {
		if (cr_get(s->app->client, s->bent, id, NULL, &r,
		    &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			return;
		}
	} else {
		r = record_new(s->bent);
		record_set_str(r, dict_field_pos(s->bent, "product"),
		    record_str(s->prod, FX_CODE));
		record_set_int(r, dict_field_pos(s->bent, "pack_qty"), 1000);
	}
	memset(&o, 0, sizeof o);
	snprintf(title, sizeof title, _("Barcode of %s"),
	    record_str(s->prod, FX_CODE));
	o.title = title;
	o.fixed[0] = "product";
	if (form_edit(s->app, rg, r, &o))
		browse_show(s->codes, record_id(r));
	record_free(r);
}

static void
delete_current(struct prod_state *s, struct browse *b,
    const struct entity_def *e)
{
	const struct record	*cur;
	char			*cause = NULL;

	if ((cur = browse_current(b)) == NULL || !ui_may(s->app, e,
	    ACT_DELETE) || !ui_confirm(_("Delete this record?")))
		return;
	if (cr_delete(s->app->client, e, record_id(cur), record_rev(cur),
	    &cause) != 0) {
		s->app->message(s->app, 1, _("not deleted: %s"), cause);
		free(cause);
	} else {
		s->app->message(s->app, 0, "%s", _("deleted"));
		browse_reload(b);
	}
}

static enum ui_result
codes_key(struct prod_state *s, struct ui_region *rg, int k,
    unsigned *redraw)
{
	struct ui_region	 l = ui_list_region(rg);
	const struct record	*cur;

	l.y++;
	l.h--;
	if (browse_key(s->codes, &l, k, redraw))
		return (UI_CONTINUE);
	*redraw |= UI_REDRAW_ALL;
	if (k == UI_KEY_ESC)
		codes_close(s);
	else if (UI_KEY_NEW(k) && ui_may(s->app, s->bent, ACT_CREATE))
		edit_barcode(s, rg, 0);
	else if (UI_KEY_ENTER(k) && (cur = browse_current(s->codes)) !=
	    NULL && ui_may(s->app, s->bent, ACT_EDIT))
		edit_barcode(s, rg, record_id(cur));
	else if (k == 'd')
		delete_current(s, s->codes, s->bent);
	return (UI_CONTINUE);
}


/* A new product's VAT rate: the company's standard one (its details'
 * vat_rate), 20 when it names none or cannot be read. */
static void
product_vat_default(struct prod_state *s, struct record *r)
{
	const struct entity_def	*ce = dict_entity("company");
	struct record		*c = NULL;
	const char		*rate = NULL;
	char			*cause = NULL;

	if (cr_get(s->app->client, ce, 0, COMPANY_CODE, &c, &cause) == 0)
		rate = record_str(c, dict_field_pos(ce, "vat_rate"));
	free(cause);
	record_set_str(r, dict_field_pos(s->ent, "vat"),
	    rate != NULL && *rate != '\0' ? rate : "20");
	record_free(c);
}
static enum ui_result
prod_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct prod_state	*s = state;
	struct ui_region	 l = ui_list_region(rg);
	const struct record	*cur;
	struct record		*r;
	char			*cause = NULL;

	if (s->codes != NULL)
		return (codes_key(s, rg, k, redraw));
	if (browse_key(s->list, &l, k, redraw))
		return (UI_CONTINUE);
	if (k == UI_KEY_ESC)
		return (UI_BACK);
	cur = browse_current(s->list);
	if (UI_KEY_NEW(k) && ui_may(s->app, s->ent, ACT_CREATE)) {
		r = record_new(s->ent);
		record_set_str(r, dict_field_pos(s->ent, "kind"), "goods");
		record_set_str(r, dict_field_pos(s->ent, "unit"), "pcs");
		product_vat_default(s, r);
		record_set_int(r, dict_field_pos(s->ent, "active"), 1);
		edit_product(s, rg, r);
		record_free(r);
		*redraw |= UI_REDRAW_ALL;
		return (UI_CONTINUE);
	}
	if (cur == NULL)
		return (UI_CONTINUE);
	if (UI_KEY_ENTER(k) || (k == 'e' && ui_may(s->app, s->ent,
	    ACT_EDIT))) {
		/* Fresh from the server: the form edits the newest (or only
		 * shows it to whoever may not edit). */
		if (cr_get(s->app->client, s->ent, record_id(cur), NULL, &r,
		    &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			return (UI_CONTINUE);
		}
		edit_product(s, rg, r);
		record_free(r);
	} else if (k == 'b') {
		s->prod = record_dup(cur);
		s->codes = browse_new(s->app, s->bent, NULL);
		browse_filter(s->codes, "product", (int64_t)record_id(cur));
		browse_hide(s->codes, "product");
	} else if (k == 'w')
		s->app->open(s->app, "stock", record_str(cur, FX_CODE));
	else if (k == 'd')
		delete_current(s, s->list, s->ent);
	*redraw |= UI_REDRAW_ALL;
	return (UI_CONTINUE);
}

const struct screen_def scr_products = {
	.name = "products", .code = "prod", .title = N_("Products"),
	.hotkey = 'p', .area = "catalog", .open = prod_open,
	.close = prod_close, .draw = prod_draw, .key = prod_key,
	.actions = prod_actions,
};
