/*
 * Лист подбора материалов, from a production order: what the warehouse
 * brings from the components warehouse to production.  The product and
 * the quantity to make (and made so far), the warehouse, then one row a
 * component in line order: its SKU, name, unit, the quantity still to
 * pick (what the order holds reserved), a box to tick by hand (☐, or
 * ✓ with the quantity when the line is marked brought on :pick), and
 * where to take it from when the stock knows: the lots it would leave
 * from, first to expire first, and what to take from each (a product
 * kept by lots), and the bin of
 * its last move at that warehouse that named one.  Then the signatures
 * of who gave and who took.  An order not released (a draft, a
 * cancelled one) has no lines to pick and is refused.  Russian words by
 * nature, as every form's.
 *
 * The 80-column text has no ☐ or ✓ (a dot-matrix printer's code page
 * lacks them): its box is "[ ]", "[x]" when marked.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "forms/common.h"
#include "forms/forms.h"
#include "forms/sheet.h"
#include "i18n.h"
#include "model/stock.h"
#include "xmalloc.h"

struct pl_line {
	int64_t		 line;
	uint64_t	 id;
	char		*sku, *name;
	const char	*unit;
	int64_t		 reserved, picked;
	char		*where;		/* lots and bin; "" none */
};

struct pl {
	uint64_t	 mo;
	char		*product, *product_name;
	const char	*unit;
	int64_t		 qty, made;
	char		*warehouse, *warehouse_name;
	char		*sales_order;
	int64_t		 start;
	struct record	*hdr;
	struct pl_line	*v;
	size_t		 n;
	uint64_t	 wid;
	/* A bin search's state. */
	uint64_t	 pid, bin_move, bin;
};

static void
pl_free(struct pl *p)
{
	size_t	 i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].sku);
		free(p->v[i].name);
		free(p->v[i].where);
	}
	free(p->v);
	free(p->product);
	free(p->product_name);
	free(p->warehouse);
	free(p->warehouse_name);
	free(p->sales_order);
	record_free(p->hdr);
	p->v = NULL;
	p->n = 0;
	p->product = p->product_name = p->warehouse = NULL;
	p->warehouse_name = p->sales_order = NULL;
	p->hdr = NULL;
}

static char *
dup_or_empty(const struct record *r, const char *field)
{
	const char	*s = form_str(r, field);

	return (xstrdup(s != NULL ? s : ""));
}

static int
line_collect(const struct record *r, void *arg)
{
	struct pl	*p = arg;
	struct pl_line	*l;

	if ((uint64_t)form_int(r, "order") != p->mo)
		return (0);
	p->v = xreallocarray(p->v, p->n + 1, sizeof *p->v);
	l = &p->v[p->n++];
	memset(l, 0, sizeof *l);
	l->line = form_int(r, "line");
	l->id = (uint64_t)form_int(r, "product");
	l->reserved = form_int(r, "reserved");
	l->picked = form_int(r, "picked");
	return (0);
}

static int
pl_line_cmp(const void *a, const void *b)
{
	const struct pl_line	*x = a, *y = b;

	if (x->line != y->line)
		return (x->line < y->line ? -1 : 1);
	return (0);
}

/* The newest move of p->pid at p->wid that names a bin. */
static int
bin_find(const struct record *r, void *arg)
{
	struct pl	*p = arg;

	if ((uint64_t)form_int(r, "warehouse") != p->wid ||
	    !form_isset(r, "bin") || record_id(r) < p->bin_move)
		return (0);
	p->bin_move = record_id(r);
	p->bin = (uint64_t)form_int(r, "bin");
	return (0);
}

/* Where to take line l from: the lots that cover what is reserved,
 * first to expire first, each with what to take from it ("L1: 3", "L2:
 * 0,5"), and the bin ("яч. A-01"), a line each. */
static int
line_where(struct tx *x, struct pl *p, struct pl_line *l,
    const struct record *product)
{
	const struct entity_def	*me = dict_entity("stock_moves");
	const struct entity_def	*be = dict_entity("bins");
	struct stock_lot	*lots;
	struct record		*bin;
	struct value		 key;
	struct buf		 b;
	char			 q[FORM_FIG];
	size_t			 nlots, i;
	int64_t			 left, take;
	int			 rc;

	memset(&b, 0, sizeof b);
	if (form_int(product, "lots") != 0) {
		if ((rc = stock_lots(x, l->id, p->wid, &lots, &nlots)) !=
		    ST_OK)
			return (rc);
		left = l->reserved;
		for (i = 0; i < nlots && left > 0; i++) {
			take = lots[i].qty < left ? lots[i].qty : left;
			buf_printf(&b, "%s%s: %s", i == 0 ? "" : "\n",
			    lots[i].lot, form_qty(take, q));
			left -= take;
		}
		stock_lots_free(lots, nlots);
	}
	memset(&key, 0, sizeof key);
	key.set = 1;
	key.i = (int64_t)l->id;
	p->pid = l->id;
	p->bin_move = p->bin = 0;
	rc = tx_find_rows(x, me, dict_field_pos(me, "product"), &key,
	    bin_find, p);
	if (rc != ST_OK && rc != ST_NOTFOUND) {
		buf_free(&b);
		return (rc);
	}
	if (p->bin != 0) {
		if ((rc = tx_get(x, be, p->bin, 0, &bin)) == ST_OK) {
			buf_printf(&b, "%sяч. %s", b.len > 0 ? "\n" : "",
			    form_str(bin, "code") != NULL ?
			    form_str(bin, "code") : "");
			record_free(bin);
		} else if (rc != ST_NOTFOUND) {
			buf_free(&b);
			return (rc);
		}
	}
	buf_addc(&b, '\0');
	l->where = buf_steal(&b);
	return (ST_OK);
}

static int
pl_tx(struct tx *x, void *arg, char **cause)
{
	struct pl		*p = arg;
	const struct entity_def	*e = dict_entity("production_orders");
	const struct entity_def	*le = dict_entity("mo_lines");
	const struct entity_def	*pe = dict_entity("products");
	struct record		*r, *prod;
	struct value		 key;
	size_t			 i;
	int			 rc;

	(void)cause;
	pl_free(p);
	if ((rc = tx_get(x, e, p->mo, 0, &p->hdr)) != ST_OK)
		return (rc);
	p->qty = form_int(p->hdr, "qty");
	p->made = form_int(p->hdr, "made");
	p->start = form_int(p->hdr, "start");
	p->wid = (uint64_t)form_int(p->hdr, "comp_warehouse");
	if ((rc = form_get_ref(x, p->hdr, "product", &r)) != ST_OK)
		return (rc);
	p->product = dup_or_empty(r, "sku");
	p->product_name = dup_or_empty(r, "name");
	p->unit = form_unit(form_str(r, "unit"));
	record_free(r);
	if ((rc = form_get_ref(x, p->hdr, "comp_warehouse", &r)) != ST_OK)
		return (rc);
	p->warehouse = dup_or_empty(r, "code");
	p->warehouse_name = dup_or_empty(r, "name");
	record_free(r);
	if ((rc = form_get_ref(x, p->hdr, "sales_order", &r)) != ST_OK)
		return (rc);
	p->sales_order = dup_or_empty(r, "code");
	record_free(r);

	memset(&key, 0, sizeof key);
	key.set = 1;
	key.i = (int64_t)p->mo;
	rc = tx_find_rows(x, le, dict_field_pos(le, "order"), &key,
	    line_collect, p);
	if (rc != ST_OK && rc != ST_NOTFOUND)
		return (rc);
	if (p->n > 1)
		xqsort(p->v, p->n, sizeof *p->v, pl_line_cmp);
	for (i = 0; i < p->n; i++) {
		if ((rc = tx_get(x, pe, p->v[i].id, 0, &prod)) == ST_NOTFOUND) {
			p->v[i].sku = xstrdup("?");
			p->v[i].name = xstrdup("");
			p->v[i].unit = "";
			p->v[i].where = xstrdup("");
			continue;
		}
		if (rc != ST_OK)
			return (rc);
		p->v[i].sku = dup_or_empty(prod, "sku");
		p->v[i].name = dup_or_empty(prod, "name");
		p->v[i].unit = form_unit(form_str(prod, "unit"));
		rc = line_where(x, p, &p->v[i], prod);
		record_free(prod);
		if (rc != ST_OK)
			return (rc);
	}
	/* Nothing to keep: a read. */
	return (ST_OK);
}

/* The table of lines; text: the 80-column text's (boxes as [ ]). */
static void
pl_table(struct sheet *s, const struct pl *p, int text)
{
	static const struct sheet_col cols[] = {
		{ "№", 50, 3, SA_RIGHT },
		{ "Артикул", 130, 8, SA_LEFT },
		{ "Наименование", 290, 13, SA_LEFT },
		{ "Ед.", 60, 5, SA_CENTER },
		{ "К отбору", 110, 8, SA_RIGHT },
		{ "Отобрано", 110, 8, SA_CENTER },
		{ "Партия, ячейка", 250, 13, SA_LEFT },
	};
	const char	*cells[7];
	char		 no[24], q[FORM_FIG], pk[FORM_FIG + 8], f[FORM_FIG];
	size_t		 i;

	sheet_table(s, SS_BORDER | (text ? SS_NOPDF : SS_NOTEXT), 7, cols, 1);
	for (i = 0; i < p->n; i++) {
		snprintf(no, sizeof no, "%zu", i + 1);
		if (p->v[i].picked != 0)
			snprintf(pk, sizeof pk, "%s %s", text ? "[x]" : "✓",
			    form_qty(p->v[i].picked, f));
		else
			snprintf(pk, sizeof pk, "%s", text ? "[ ]" : "☐");
		cells[0] = no;
		cells[1] = p->v[i].sku;
		cells[2] = p->v[i].name;
		cells[3] = p->v[i].unit;
		cells[4] = form_qty(p->v[i].reserved, q);
		cells[5] = pk;
		cells[6] = p->v[i].where;
		sheet_row(s, 0, cells);
	}
}

static int
picklist_build(struct store *st, const struct form_args *a, struct sheet *s,
    char **cause)
{
	struct form_doc	 d;
	struct pl	 p;
	struct form_side left, right;
	char		*title, *what, *qty, *wh, date[FORM_FIG], q[FORM_FIG];
	char		 m[FORM_FIG];
	const char	*pairs[13];
	int		 rc;

	if ((rc = form_doc_load(st, a, 0, &d, cause)) != 0) {
		form_doc_free(&d);
		return (rc);
	}
	memset(&p, 0, sizeof p);
	p.mo = a->id;
	if ((rc = store_read(st, 0, pl_tx, &p, cause)) != ST_OK) {
		if (*cause == NULL)
			xasprintf(cause, _("%s cannot be read now"), a->code);
		pl_free(&p);
		form_doc_free(&d);
		return (rc == ST_NOTFOUND ? EX_NOINPUT : rc == ST_BUSY ||
		    rc == ST_DEADLOCK ? EX_TEMPFAIL : EX_SOFTWARE);
	}
	if (p.n == 0) {
		xasprintf(cause, _("%s is not released: it has no components "
		    "to pick (kontor post %s)"), a->code, a->code);
		pl_free(&p);
		form_doc_free(&d);
		return (EX_DATAERR);
	}

	if (d.date != 0)
		xasprintf(&title, "Лист подбора материалов к заказу на "
		    "производство %s от %s", d.code, form_date(d.date, date));
	else
		xasprintf(&title, "Лист подбора материалов к заказу на "
		    "производство %s", d.code);
	sheet_set_title(s, title);
	sheet_para(s, SS_LARGE | SS_BOLD, SA_LEFT, title);
	sheet_rule(s);
	xasprintf(&what, "%s %s", p.product, p.product_name);
	if (p.made != 0)
		xasprintf(&qty, "%s %s (изготовлено %s)", form_qty(p.qty, q),
		    p.unit, form_qty(p.made, m));
	else
		xasprintf(&qty, "%s %s", form_qty(p.qty, q), p.unit);
	xasprintf(&wh, "%s %s", p.warehouse, p.warehouse_name);
	pairs[0] = "Организация:";
	pairs[1] = d.company.short_name;
	pairs[2] = "Продукция:";
	pairs[3] = what;
	pairs[4] = "Количество:";
	pairs[5] = qty;
	pairs[6] = "Склад материалов:";
	pairs[7] = wh;
	pairs[8] = "Начало:";
	pairs[9] = form_date(p.start, date);
	pairs[10] = "Заказ покупателя:";
	pairs[11] = p.sales_order;
	pairs[12] = NULL;
	form_pairs(s, pairs);
	sheet_gap(s);
	pl_table(s, &p, 0);
	pl_table(s, &p, 1);
	sheet_gap(s);
	sheet_paraf(s, 0, SA_LEFT, "Всего наименований %zu.", p.n);
	sheet_gap(s);
	memset(&left, 0, sizeof left);
	memset(&right, 0, sizeof right);
	left.label = "Выдал";
	left.position = "";
	left.name = "";
	right.label = "Получил";
	right.position = "";
	right.name = "";
	form_sides(s, &left, 1, &right, 1);
	free(title);
	free(what);
	free(qty);
	free(wh);
	pl_free(&p);
	form_doc_free(&d);
	return (0);
}

static const char *const picklist_from[] = {
	"production_orders", NULL
};

const struct form_def form_picklist = {
	.name = "picklist",
	.title = N_("Pick list of materials"),
	.entities = picklist_from,
	.build = picklist_build,
};
