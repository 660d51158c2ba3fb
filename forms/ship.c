/*
 * What the shipment's forms read beyond the document (ship.h): the
 * consignee's address, the warehouse, the payments against it and who
 * posted it, in one read transaction of their own.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "forms/common.h"
#include "forms/ship.h"
#include "forms/sheet.h"
#include "i18n.h"
#include "model/pricing.h"
#include "width.h"
#include "xmalloc.h"

char *
form_user_name(struct tx *x, const char *login)
{
	const struct entity_def	*ue = dict_entity("users");
	struct record		*u = NULL;
	struct value		 v;
	const char		*name;
	uint64_t		 id;
	char			*s;

	if (login == NULL || *login == '\0' || ue == NULL)
		return (xstrdup(""));
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)login;
	if (tx_find(x, ue, FX_CODE, &v, &id) != ST_OK ||
	    tx_get(x, ue, id, 0, &u) != ST_OK)
		return (xstrdup(""));
	name = form_str(u, "name");
	s = xstrdup(name != NULL ? name : "");
	record_free(u);
	return (s);
}

struct pay {
	uint64_t	 id;
	int64_t		 date;
	char		*number;
};

struct ship_load {
	const struct form_doc	*d;
	struct ship_info	*si;
	uint64_t		*ids;
	size_t			 nids;
	struct pay		*pays;
	size_t			 npays;
};

static int
collect(struct tx *x, uint64_t id, void *arg)
{
	struct ship_load	*l = arg;

	(void)x;
	l->ids = xreallocarray(l->ids, l->nids + 1, sizeof *l->ids);
	l->ids[l->nids++] = id;
	return (0);
}

static int
pay_cmp(const void *a, const void *b)
{
	const struct pay	*x = a, *y = b;

	if (x->date != y->date)
		return (x->date < y->date ? -1 : 1);
	if (x->id != y->id)
		return (x->id < y->id ? -1 : 1);
	return (0);
}

static void
pays_free(struct ship_load *l)
{
	size_t	 i;

	for (i = 0; i < l->npays; i++)
		free(l->pays[i].number);
	free(l->pays);
	l->pays = NULL;
	l->npays = 0;
	free(l->ids);
	l->ids = NULL;
	l->nids = 0;
}

static int
ship_tx(struct tx *x, void *arg, char **cause)
{
	struct ship_load	*l = arg;
	const struct form_doc	*d = l->d;
	struct ship_info	*si = l->si;
	const struct entity_def	*ae = dict_entity("allocations");
	struct record		*r, *p;
	struct value		 v;
	struct buf		 b;
	const char		*s, *login;
	char			 date[FORM_FIG];
	size_t			 i, j;
	int			 rc;

	(void)cause;
	/* Again from the start after a deadlock. */
	ship_info_free(si);
	pays_free(l);

	/* Where the goods went: the order's delivery address. */
	if ((rc = form_get_ref(x, d->hdr, "order", &r)) != ST_OK)
		return (rc);
	s = form_str(r, "delivery_address");
	si->consignee_address = xstrdup(s != NULL && *s != '\0' ? s :
	    d->customer.address);
	record_free(r);
	if ((rc = form_get_ref(x, d->hdr, "warehouse", &r)) != ST_OK)
		return (rc);
	s = form_str(r, "name");
	si->warehouse = xstrdup(s != NULL ? s : "");
	record_free(r);
	login = form_str(d->hdr, "posted_by");
	if (login == NULL || *login == '\0')
		login = form_str(d->hdr, "updated_by");
	si->handed_by = form_user_name(x, login);

	/* The payments: the shipment's allocations. */
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.i = (int64_t)record_id(d->hdr);
	if ((rc = tx_find_each(x, ae, dict_field_pos(ae, "shipment"), &v, 0,
	    collect, l)) != ST_OK && rc != ST_NOTFOUND)
		return (rc);
	for (i = 0; i < l->nids; i++) {
		if ((rc = tx_get(x, ae, l->ids[i], 0, &r)) == ST_NOTFOUND)
			continue;
		if (rc != ST_OK)
			return (rc);
		rc = form_get_ref(x, r, "payment", &p);
		record_free(r);
		if (rc != ST_OK)
			return (rc);
		if (p == NULL)
			continue;
		s = form_str(p, "status");
		for (j = 0; j < l->npays; j++)
			if (l->pays[j].id == record_id(p))
				break;
		if ((s != NULL && strcmp(s, "cancelled") == 0) ||
		    j < l->npays) {
			record_free(p);
			continue;
		}
		l->pays = xreallocarray(l->pays, l->npays + 1,
		    sizeof *l->pays);
		l->pays[l->npays].id = record_id(p);
		l->pays[l->npays].date = form_int(p, "date");
		s = form_str(p, "bank_number");
		l->pays[l->npays].number = s != NULL && *s != '\0' ?
		    xstrdup(s) : form_number(form_str(p, "code"));
		l->npays++;
		record_free(p);
	}
	xqsort(l->pays, l->npays, sizeof *l->pays, pay_cmp);
	memset(&b, 0, sizeof b);
	for (i = 0; i < l->npays; i++)
		buf_printf(&b, "%s№ %s от %s", i > 0 ? ", " : "",
		    l->pays[i].number, form_date(l->pays[i].date, date));
	si->payments = b.data != NULL ? buf_steal(&b) : xstrdup("");
	/* Nothing to keep: a read. */
	return (ST_ABORT);
}

int
ship_info_load(struct store *st, const struct form_doc *d, const char *login,
    struct ship_info *si, char **cause)
{
	struct ship_load	 l;
	int			 rc;

	memset(si, 0, sizeof *si);
	memset(&l, 0, sizeof l);
	l.d = d;
	l.si = si;
	rc = store_run(st, login, NULL, ship_tx, &l, cause);
	pays_free(&l);
	if (rc == ST_ABORT) {
		free(*cause);
		*cause = NULL;
		return (0);
	}
	if (*cause == NULL)
		xasprintf(cause, _("%s cannot be read now"), d->code);
	switch (rc) {
	case ST_BUSY:
	case ST_FULL:
	case ST_DEADLOCK:
		return (EX_TEMPFAIL);
	default:
		return (EX_SOFTWARE);
	}
}

void
ship_info_free(struct ship_info *si)
{
	free(si->consignee_address);
	free(si->warehouse);
	free(si->payments);
	free(si->handed_by);
	memset(si, 0, sizeof *si);
}

char *
ship_inn_kpp(const struct form_firm *f)
{
	char	*s;

	if (*f->kpp != '\0')
		xasprintf(&s, "%s/%s", f->inn, f->kpp);
	else
		s = xstrdup(f->inn);
	return (s);
}

int64_t
ship_net_price(const struct form_line *l)
{
	if (l->discount == 0 || l->qty == 0)
		return (l->price_net);
	return ((l->net * 1000 + (l->net >= 0 ? l->qty / 2 : -l->qty / 2)) /
	    l->qty);
}

static int
imax(int a, int b)
{
	return (a > b ? a : b);
}

/* A line's VAT as the forms write it: "без НДС" when exempt. */
static const char *
vat_fig(const struct form_line *l, char *buf)
{
	if (l->rate == PRICING_EXEMPT) {
		snprintf(buf, FORM_FIG, "без НДС");
		return (buf);
	}
	return (form_money(l->vat, buf));
}

/* The document's VAT: "без НДС" when every line is exempt. */
const char *
ship_vat_total(const struct form_doc *d, char *buf)
{
	if (d->vat == 0 && d->nrates == 1 &&
	    d->rates[0].rate == PRICING_EXEMPT) {
		snprintf(buf, FORM_FIG, "без НДС");
		return (buf);
	}
	return (form_money(d->vat, buf));
}

void
ship_lines_text(struct sheet *s, const struct form_doc *d, int numbered,
    const char *label)
{
	static const char *const heads[] = {
		"№", "Наименование", "Ед.", "Кол-во", "Цена",
		"Стоимость\nбез НДС", "Ставка", "Сумма\nНДС",
		"Стоимость\nс НДС"
	};
	struct sheet_col	 cols[9];
	const char		*cells[9];
	char			 no[FORM_FIG], qty[FORM_FIG], price[FORM_FIG];
	char			 net[FORM_FIG], rate[FORM_FIG], vat[FORM_FIG];
	char			 gross[FORM_FIG];
	size_t			 i, c, k, first = numbered ? 0 : 1;
	int			 w[9], rest;

	/* The heads' widest lines, then the figures'. */
	w[0] = 1;
	w[2] = 3;
	w[3] = 6;
	w[4] = 4;
	w[5] = 9;
	w[6] = 6;
	w[7] = 5;
	w[8] = 9;
	snprintf(no, sizeof no, "%zu", d->nlines);
	w[0] = imax(w[0], width_str(no));
	for (i = 0; i < d->nlines; i++) {
		const struct form_line	*l = &d->lines[i];

		w[2] = imax(w[2], width_str(l->unit));
		w[3] = imax(w[3], width_str(form_qty(l->qty, qty)));
		w[4] = imax(w[4], width_str(form_money(ship_net_price(l),
		    price)));
		w[5] = imax(w[5], width_str(form_money(l->net, net)));
		w[6] = imax(w[6], width_str(form_rate(l->rate, rate)));
		w[7] = imax(w[7], width_str(vat_fig(l, vat)));
		w[8] = imax(w[8], width_str(form_money(l->gross, gross)));
	}
	w[5] = imax(w[5], width_str(form_money(d->net, net)));
	w[7] = imax(w[7], width_str(ship_vat_total(d, vat)));
	w[8] = imax(w[8], width_str(form_money(d->gross, gross)));
	memset(cols, 0, sizeof cols);
	rest = 80 - (int)(9 - first - 1);
	for (c = first; c < 9; c++) {
		cols[c - first].head = heads[c];
		cols[c - first].width = 100;
		cols[c - first].align = c == 1 || c == 2 || c == 6 ? SA_LEFT :
		    SA_RIGHT;
		if (c != 1) {
			cols[c - first].text_width = w[c];
			rest -= w[c];
		}
	}
	cols[1 - first].text_width = imax(12, rest);
	sheet_para(s, SS_NOPDF, SA_LEFT, "");
	sheet_table(s, SS_NOPDF, 9 - first, cols, 1);
	for (i = 0; i < d->nlines; i++) {
		const struct form_line	*l = &d->lines[i];

		k = 0;
		snprintf(no, sizeof no, "%lld", (long long)l->no);
		if (numbered)
			cells[k++] = no;
		cells[k++] = l->name;
		cells[k++] = l->unit;
		cells[k++] = form_qty(l->qty, qty);
		cells[k++] = form_money(ship_net_price(l), price);
		cells[k++] = form_money(l->net, net);
		cells[k++] = form_rate(l->rate, rate);
		cells[k++] = vat_fig(l, vat);
		cells[k++] = form_money(l->gross, gross);
		sheet_row(s, 0, cells);
	}
	/* The label over the columns up to the price. */
	cells[0] = label;
	cells[1] = form_money(d->net, net);
	cells[2] = "";
	cells[3] = ship_vat_total(d, vat);
	cells[4] = form_money(d->gross, gross);
	sheet_row_span(s, 0, 5 - first, cells);
}
