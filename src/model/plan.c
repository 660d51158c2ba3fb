/*
 * Material planning (MRP-lite) and available to promise: the rules are
 * in plan.h.  plan_run reads what it nets in a few passes over the
 * entities (products, BOMs, stock, limits, open orders) into memory and
 * computes there, so a plan over thousands of products costs a scan of
 * each entity, not a look-up per product and date.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "model/model.h"
#include "model/plan.h"
#include "model/production.h"
#include "model/stock.h"
#include "xmalloc.h"

#define MAX_LEVEL	64
#define POS(e, n)	dict_field_pos(dict_entity(e), (n))

struct pprod {
	uint64_t	 id;
	char		*sku, *name, *unit;
	int64_t		 step;
	uint64_t	 supplier;
	uint64_t	 bom;		/* default BOM, 0: bought */
	int		 kept;
	int		 level;
};

struct pbom {
	uint64_t	 id, product, wc;
	int64_t		 yield, hours;
	int		 is_default;
	size_t		 first, nlines;	/* into lines */
};

struct pline {
	uint64_t	 bom, id, comp;
	int64_t		 line, qty, scrap;
};

struct pwc {
	uint64_t	 id;
	int64_t		 hpd;
	char		 days[8];
};

struct pwh {
	uint64_t	 id;
	char		*code;
};

struct pev {
	int64_t		 date;
	int64_t		 qty;
	int		 demand;
	int		 late;
	const char	*tag;		/* what it is for: borrowed */
};

struct pitem {
	uint64_t	 pid, wid;
	int64_t		 bal0;
	int64_t		 min, max;
	struct pev	*ev;
	size_t		 nev, cap;
};

struct pso {
	uint64_t	 id, wh;
	int64_t		 date;
	char		*code;
};

struct ppo {
	uint64_t	 id, wh;
	int64_t		 date;
};

struct pctx {
	struct tx	*x;
	int64_t		 today, end;
	struct pprod	*prods;
	size_t		 nprods;
	struct pbom	*boms;
	size_t		 nboms;
	struct pline	*lines;
	size_t		 nlines;
	struct pwc	*wcs;
	size_t		 nwcs;
	struct pwh	*whs;
	size_t		 nwhs;
	struct pso	*sos;
	size_t		 nsos;
	struct ppo	*pos;
	size_t		 npos;
	struct pitem	**items;		/* each its own: stable */
	size_t		 nitems, citems;
	size_t		*hash;		/* index + 1, 0: empty */
	size_t		 hcap;
	char		**strs;		/* owned tags */
	size_t		 nstrs;
	struct plan	*plan;
	int		 rc;
	/* field positions */
	const struct entity_def	*pe, *be, *ble, *wce, *whe, *se, *le;
	const struct entity_def	*soe, *sole, *poe, *pole, *moe;
};

static char *
dupz(const char *s)
{
	return (xstrdup(s != NULL ? s : ""));
}

static int
id_cmp(const void *a, const void *b)
{
	uint64_t	 x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y ? -1 : x > y);
}

/* Each array below starts with its id, sorted by it (tx_each goes in id
 * order), so one bsearch finds any of them. */
static void *
find_id(void *v, size_t n, size_t size, uint64_t id)
{
	return (bsearch(&id, v, n, size, id_cmp));
}

static struct pprod *
prod_of(struct pctx *c, uint64_t id)
{
	return (find_id(c->prods, c->nprods, sizeof *c->prods, id));
}

static const char *
wh_code(struct pctx *c, uint64_t id)
{
	struct pwh	*w = find_id(c->whs, c->nwhs, sizeof *c->whs, id);

	return (w != NULL ? w->code : "?");
}

/* --- loading -------------------------------------------------------------- */

static const char *
keep_str(struct pctx *c, char *s)
{
	c->strs = xreallocarray(c->strs, c->nstrs + 1, sizeof *c->strs);
	c->strs[c->nstrs++] = s;
	return (s);
}

static int
load_prod(const struct record *r, void *arg)
{
	struct pctx	*c = arg;
	struct pprod	*p;
	int64_t		 dec;

	c->prods = xreallocarray(c->prods, c->nprods + 1, sizeof *c->prods);
	p = &c->prods[c->nprods++];
	memset(p, 0, sizeof *p);
	p->id = record_id(r);
	p->sku = dupz(record_str(r, FX_CODE));
	p->name = dupz(record_str(r, dict_field_pos(c->pe, "name")));
	p->unit = dupz(record_str(r, dict_field_pos(c->pe, "unit")));
	p->supplier = (uint64_t)record_int(r, dict_field_pos(c->pe,
	    "supplier"));
	p->kept = stock_product_kept(r);
	dec = record_int(r, dict_field_pos(c->pe, "decimals"));
	for (p->step = 1000; dec-- > 0 && p->step > 1; )
		p->step /= 10;
	return (0);
}

static int
load_bom(const struct record *r, void *arg)
{
	struct pctx	*c = arg;
	struct pbom	*b;

	c->boms = xreallocarray(c->boms, c->nboms + 1, sizeof *c->boms);
	b = &c->boms[c->nboms++];
	memset(b, 0, sizeof *b);
	b->id = record_id(r);
	b->product = (uint64_t)record_int(r, dict_field_pos(c->be,
	    "product"));
	b->wc = (uint64_t)record_int(r, dict_field_pos(c->be, "work_centre"));
	b->yield = record_int(r, dict_field_pos(c->be, "yield"));
	b->hours = record_int(r, dict_field_pos(c->be, "hours"));
	b->is_default = record_int(r, dict_field_pos(c->be, "is_default")) !=
	    0;
	return (0);
}

static int
load_line(const struct record *r, void *arg)
{
	struct pctx	*c = arg;
	struct pline	*l;

	c->lines = xreallocarray(c->lines, c->nlines + 1, sizeof *c->lines);
	l = &c->lines[c->nlines++];
	l->bom = (uint64_t)record_int(r, dict_field_pos(c->ble, "bom"));
	l->id = record_id(r);
	l->comp = (uint64_t)record_int(r, dict_field_pos(c->ble,
	    "component"));
	l->line = record_int(r, dict_field_pos(c->ble, "line"));
	l->qty = record_int(r, dict_field_pos(c->ble, "qty"));
	l->scrap = record_int(r, dict_field_pos(c->ble, "scrap"));
	return (0);
}

static int
line_cmp(const void *a, const void *b)
{
	const struct pline	*x = a, *y = b;

	if (x->bom != y->bom)
		return (x->bom < y->bom ? -1 : 1);
	if (x->line != y->line)
		return (x->line < y->line ? -1 : 1);
	return (x->id < y->id ? -1 : x->id > y->id);
}

static int
load_wc(const struct record *r, void *arg)
{
	struct pctx	*c = arg;
	struct pwc	*w;

	c->wcs = xreallocarray(c->wcs, c->nwcs + 1, sizeof *c->wcs);
	w = &c->wcs[c->nwcs++];
	w->id = record_id(r);
	w->hpd = record_int(r, dict_field_pos(c->wce, "hours_per_day"));
	snprintf(w->days, sizeof w->days, "%s", record_str(r,
	    dict_field_pos(c->wce, "days")) != NULL ? record_str(r,
	    dict_field_pos(c->wce, "days")) : "");
	return (0);
}

static int
load_wh(const struct record *r, void *arg)
{
	struct pctx	*c = arg;

	c->whs = xreallocarray(c->whs, c->nwhs + 1, sizeof *c->whs);
	c->whs[c->nwhs].id = record_id(r);
	c->whs[c->nwhs++].code = dupz(record_str(r, FX_CODE));
	return (0);
}

static void
rehash(struct pctx *c)
{
	size_t	 i, h;

	free(c->hash);
	c->hcap = c->hcap ? c->hcap * 2 : 1024;
	c->hash = xcalloc(c->hcap, sizeof *c->hash);
	for (i = 0; i < c->nitems; i++) {
		h = (size_t)((c->items[i]->pid * 0x9e3779b97f4a7c15ULL) ^
		    c->items[i]->wid) & (c->hcap - 1);
		while (c->hash[h] != 0)
			h = (h + 1) & (c->hcap - 1);
		c->hash[h] = i + 1;
	}
}

/* The item of a product at a warehouse, made when new. */
static struct pitem *
item(struct pctx *c, uint64_t pid, uint64_t wid)
{
	struct pitem	*it;
	size_t		 h;

	if (c->hcap == 0 || (c->nitems + 1) * 2 > c->hcap)
		rehash(c);
	h = (size_t)((pid * 0x9e3779b97f4a7c15ULL) ^ wid) & (c->hcap - 1);
	while (c->hash[h] != 0) {
		it = c->items[c->hash[h] - 1];
		if (it->pid == pid && it->wid == wid)
			return (it);
		h = (h + 1) & (c->hcap - 1);
	}
	if (c->nitems == c->citems) {
		c->citems = c->citems ? c->citems * 2 : 256;
		c->items = xreallocarray(c->items, c->citems,
		    sizeof *c->items);
	}
	it = xcalloc(1, sizeof *it);
	c->items[c->nitems] = it;
	it->pid = pid;
	it->wid = wid;
	c->hash[h] = ++c->nitems;
	return (it);
}

/* An event on a product at a warehouse: demand (qty out) or supply. */
static void
event(struct pctx *c, uint64_t pid, uint64_t wid, int64_t date,
    int64_t qty, int demand, const char *tag)
{
	struct pprod	*p = prod_of(c, pid);
	struct pitem	*it;
	struct pev	*e;
	int		 late = 0;

	if (p == NULL || !p->kept || qty <= 0)
		return;
	if (date < c->today) {
		date = c->today;
		late = 1;
	}
	if (date > c->end)
		return;
	it = item(c, pid, wid);
	if (it->nev == it->cap) {
		it->cap = it->cap ? it->cap * 2 : 4;
		it->ev = xreallocarray(it->ev, it->cap, sizeof *it->ev);
	}
	e = &it->ev[it->nev++];
	e->date = date;
	e->qty = qty;
	e->demand = demand;
	e->late = late;
	e->tag = tag;
}

static int
load_stock(const struct record *r, void *arg)
{
	struct pctx	*c = arg;
	struct pprod	*p;
	struct pitem	*it;
	uint64_t	 pid;

	pid = (uint64_t)record_int(r, dict_field_pos(c->se, "product"));
	if ((p = prod_of(c, pid)) == NULL || !p->kept)
		return (0);
	it = item(c, pid, (uint64_t)record_int(r, dict_field_pos(c->se,
	    "warehouse")));
	it->bal0 += record_int(r, dict_field_pos(c->se, "on_hand")) -
	    record_int(r, dict_field_pos(c->se, "reserved"));
	return (0);
}

static int
load_limit(const struct record *r, void *arg)
{
	struct pctx	*c = arg;
	struct pprod	*p;
	struct pitem	*it;
	uint64_t	 pid;

	pid = (uint64_t)record_int(r, dict_field_pos(c->le, "product"));
	if ((p = prod_of(c, pid)) == NULL || !p->kept)
		return (0);
	it = item(c, pid, (uint64_t)record_int(r, dict_field_pos(c->le,
	    "warehouse")));
	it->min = record_int(r, dict_field_pos(c->le, "min_qty"));
	it->max = record_int(r, dict_field_pos(c->le, "max_qty"));
	return (0);
}

static int
is(const char *s, const char *want)
{
	return (s != NULL && strcmp(s, want) == 0);
}

static int
load_so(const struct record *r, void *arg)
{
	struct pctx	*c = arg;
	const char	*st = record_str(r, dict_field_pos(c->soe, "status"));
	struct pso	*o;
	int		 sd = dict_field_pos(c->soe, "ship_date");

	if (!is(st, "confirmed") && !is(st, "part_shipped"))
		return (0);
	c->sos = xreallocarray(c->sos, c->nsos + 1, sizeof *c->sos);
	o = &c->sos[c->nsos++];
	o->id = record_id(r);
	o->wh = (uint64_t)record_int(r, dict_field_pos(c->soe, "warehouse"));
	o->date = record_isset(r, sd) ? record_int(r, sd) : record_int(r,
	    dict_field_pos(c->soe, "date"));
	o->code = dupz(record_str(r, FX_CODE));
	return (0);
}

static int
load_so_line(const struct record *r, void *arg)
{
	struct pctx	*c = arg;
	struct pso	*o;
	struct pitem	*it;
	struct pprod	*p;
	uint64_t	 pid;
	int64_t		 rest;

	o = find_id(c->sos, c->nsos, sizeof *c->sos, (uint64_t)record_int(r,
	    dict_field_pos(c->sole, "order")));
	if (o == NULL)
		return (0);
	pid = (uint64_t)record_int(r, dict_field_pos(c->sole, "product"));
	if ((p = prod_of(c, pid)) == NULL || !p->kept)
		return (0);
	rest = record_int(r, dict_field_pos(c->sole, "qty")) -
	    record_int(r, dict_field_pos(c->sole, "shipped"));
	if (rest <= 0)
		return (0);
	/* What it holds is counted as its demand on its date instead. */
	it = item(c, pid, o->wh);
	it->bal0 += record_int(r, dict_field_pos(c->sole, "reserved"));
	event(c, pid, o->wh, o->date, rest, 1, o->code);
	return (0);
}

static int
load_po(const struct record *r, void *arg)
{
	struct pctx	*c = arg;
	const char	*st = record_str(r, dict_field_pos(c->poe, "status"));
	int		 ex = dict_field_pos(c->poe, "expected");
	struct ppo	*o;

	if (st != NULL && !is(st, "draft") && !is(st, "sent") &&
	    !is(st, "partial"))
		return (0);
	c->pos = xreallocarray(c->pos, c->npos + 1, sizeof *c->pos);
	o = &c->pos[c->npos++];
	o->id = record_id(r);
	o->wh = (uint64_t)record_int(r, dict_field_pos(c->poe, "warehouse"));
	o->date = record_isset(r, ex) ? record_int(r, ex) : record_int(r,
	    dict_field_pos(c->poe, "date"));
	return (0);
}

static int
load_po_line(const struct record *r, void *arg)
{
	struct pctx	*c = arg;
	struct ppo	*o;

	o = find_id(c->pos, c->npos, sizeof *c->pos, (uint64_t)record_int(r,
	    dict_field_pos(c->pole, "po")));
	if (o == NULL)
		return (0);
	event(c, (uint64_t)record_int(r, dict_field_pos(c->pole, "product")),
	    o->wh, o->date, record_int(r, dict_field_pos(c->pole, "qty")) -
	    record_int(r, dict_field_pos(c->pole, "received")), 0, NULL);
	return (0);
}

static struct pbom *
bom_of(struct pctx *c, uint64_t id)
{
	return (find_id(c->boms, c->nboms, sizeof *c->boms, id));
}

/* The components of qty of a product by bom, demanded at wid on date. */
static void
explode(struct pctx *c, const struct pbom *b, int64_t qty, uint64_t wid,
    int64_t date, const char *tag)
{
	const struct pline	*l;
	struct pprod		*cp;
	size_t			 i;

	if (b->yield <= 0)
		return;
	for (i = 0; i < b->nlines; i++) {
		l = &c->lines[b->first + i];
		if ((cp = prod_of(c, l->comp)) == NULL)
			continue;
		event(c, l->comp, wid, date, prod_need(qty, l->qty, l->scrap,
		    b->yield, cp->step), 1, tag);
	}
}

static int
load_mo(const struct record *r, void *arg)
{
	struct pctx	*c = arg;
	const char	*st = record_str(r, dict_field_pos(c->moe, "status"));
	struct pbom	*b;
	uint64_t	 pid, bid;
	int64_t		 date, rest;
	int		 fin = dict_field_pos(c->moe, "finish");
	int		 sta = dict_field_pos(c->moe, "start");

	if (!is(st, "draft") && !is(st, "released") && !is(st, "in_progress"))
		return (0);
	if (is(record_str(r, dict_field_pos(c->moe, "kind")), "disassemble"))
		return (0);
	pid = (uint64_t)record_int(r, dict_field_pos(c->moe, "product"));
	rest = record_int(r, dict_field_pos(c->moe, "qty")) -
	    record_int(r, dict_field_pos(c->moe, "made"));
	date = record_isset(r, fin) ? record_int(r, fin) :
	    record_isset(r, sta) ? record_int(r, sta) :
	    record_int(r, dict_field_pos(c->moe, "date"));
	event(c, pid, (uint64_t)record_int(r, dict_field_pos(c->moe,
	    "fg_warehouse")), date, rest, 0, NULL);
	if (!is(st, "draft"))
		return (0);	/* its components are reserved already */
	bid = (uint64_t)record_int(r, dict_field_pos(c->moe, "bom"));
	if (bid == 0) {
		struct pprod	*p = prod_of(c, pid);

		bid = p != NULL ? p->bom : 0;
	}
	if ((b = bom_of(c, bid)) == NULL)
		return (0);
	/* Its components are for it (pegged to its number). */
	explode(c, b, record_int(r, dict_field_pos(c->moe, "qty")),
	    (uint64_t)record_int(r, dict_field_pos(c->moe, "comp_warehouse")),
	    record_isset(r, sta) ? record_int(r, sta) :
	    record_int(r, dict_field_pos(c->moe, "date")),
	    keep_str(c, dupz(record_str(r, FX_CODE))));
	return (0);
}

/* The default BOMs, the lines of each BOM, the low-level codes. */
static void
structure(struct pctx *c)
{
	struct pprod	*p;
	struct pbom	*b;
	size_t		 i, j, k;
	int		 changed, pass;

	if (c->nlines > 1)
		xqsort(c->lines, c->nlines, sizeof *c->lines, line_cmp);
	for (i = 0, j = 0; i < c->nboms; i++) {
		b = &c->boms[i];
		while (j < c->nlines && c->lines[j].bom < b->id)
			j++;
		b->first = j;
		for (k = j; k < c->nlines && c->lines[k].bom == b->id; k++)
			;
		b->nlines = k - j;
		if ((p = prod_of(c, b->product)) == NULL)
			continue;
		/* As bom_default: the first marked default, else the
		 * oldest. */
		if (p->bom == 0 || (b->is_default &&
		    !bom_of(c, p->bom)->is_default))
			p->bom = b->id;
	}
	for (pass = 0; pass < MAX_LEVEL; pass++) {
		changed = 0;
		for (i = 0; i < c->nprods; i++) {
			p = &c->prods[i];
			if (p->bom == 0 || (b = bom_of(c, p->bom)) == NULL)
				continue;
			for (k = 0; k < b->nlines; k++) {
				struct pprod	*cp = prod_of(c,
				    c->lines[b->first + k].comp);

				if (cp != NULL && cp->level < p->level + 1 &&
				    p->level + 1 < MAX_LEVEL) {
					cp->level = p->level + 1;
					changed = 1;
				}
			}
		}
		if (!changed)
			break;
	}
}

/* --- netting -------------------------------------------------------------- */

static int
ev_cmp(const void *a, const void *b)
{
	const struct pev	*x = a, *y = b;

	if (x->date != y->date)
		return (x->date < y->date ? -1 : 1);
	if (x->demand != y->demand)
		return (x->demand - y->demand);		/* supply first */
	if (x->tag == NULL || y->tag == NULL)
		return ((x->tag != NULL) - (y->tag != NULL));
	return (strcmp(x->tag, y->tag));
}

/* Add the ", "-separated codes of tag to b, each once. */
static void
tags_add(struct buf *b, const char *tag)
{
	const char	*s, *e;
	size_t		 len;
	char		*found;

	for (s = tag; s != NULL && *s != '\0'; s = *e ? e + 2 : e) {
		if ((e = strstr(s, ", ")) == NULL)
			e = s + strlen(s);
		len = (size_t)(e - s);
		found = NULL;
		if (b->data != NULL) {
			const char	*q = b->data;

			while ((q = strstr(q, s)) != NULL && found == NULL) {
				if ((q == b->data || q[-1] == ' ') &&
				    strncmp(q, s, len) == 0 &&
				    (q[len] == ',' || q[len] == '\0'))
					found = (char *)q;
				q++;
			}
		}
		if (found == NULL) {
			if (b->len > 0)
				buf_adds(b, ", ");
			buf_add(b, s, len);
		}
	}
}

static int64_t
round_up(int64_t q, int64_t step)
{
	if (step <= 1)
		return (q);
	return ((q + step - 1) / step * step);
}

/* The start of a make: need less its lead time in working days. */
static int64_t
make_start(struct pctx *c, const struct pbom *b, int64_t qty, int64_t need)
{
	struct pwc	*w = NULL;
	__int128	 h;
	int64_t		 hpd = 8000, days, d = need, guard = 0;

	if (b->wc != 0)
		w = find_id(c->wcs, c->nwcs, sizeof *c->wcs, b->wc);
	if (w != NULL && w->hpd > 0)
		hpd = w->hpd;
	if (b->yield <= 0 || b->hours <= 0)
		return (need);
	/* hours (thousandths) for qty: hours * qty / yield; days: up. */
	h = (__int128)b->hours * qty;
	days = (int64_t)((h + (__int128)b->yield * hpd - 1) /
	    ((__int128)b->yield * hpd));
	while (days > 0 && guard++ < 3660) {
		d = date_add_days(d, -1);
		if (w == NULL || w->days[0] == '\0' ||
		    strchr(w->days, '1' + date_weekday(d)) != NULL)
			days--;
	}
	return (d);
}

static int
propose(struct pctx *c, struct pprod *p, struct pitem *it, int64_t need,
    int64_t *qtyp, const char *tags, int min, int late, uint64_t so)
{
	int64_t			 qty = *qtyp;
	struct plan		*pl = c->plan;
	struct plan_line	*l;
	struct pbom		*b = p->bom ? bom_of(c, p->bom) : NULL;
	int64_t			 lead = 0, minq = 0, price = 0;
	int			 rc;

	if (b == NULL) {
		if ((rc = po_supplier_terms(c->x, p->supplier, p->id, &price,
		    &lead, &minq)) != ST_OK)
			return (rc);
		if (minq > qty)
			qty = round_up(minq, p->step);
	}
	*qtyp = qty;
	pl->v = xreallocarray(pl->v, pl->n + 1, sizeof *pl->v);
	l = &pl->v[pl->n++];
	memset(l, 0, sizeof *l);
	l->action = b != NULL ? PLAN_MAKE : PLAN_BUY;
	l->level = p->level;
	l->product = p->id;
	l->warehouse = it->wid;
	l->sku = xstrdup(p->sku);
	l->name = xstrdup(p->name);
	l->unit = xstrdup(p->unit);
	l->wh = xstrdup(wh_code(c, it->wid));
	l->for_ = xstrdup(tags);
	l->min = min;
	l->qty = qty;
	l->need = need;
	l->late = late;
	l->sales_order = so;
	if (b != NULL) {
		l->bom = b->id;
		l->start = make_start(c, b, qty, need);
	} else {
		l->supplier = p->supplier;
		l->price = price;
		l->start = date_add_days(need, -lead);
		if (p->supplier != 0) {
			struct record	*s;

			if ((rc = tx_get(c->x, dict_entity("suppliers"),
			    p->supplier, 0, &s)) == ST_OK) {
				l->supplier_code = dupz(record_str(s,
				    FX_CODE));
				record_free(s);
			} else if (rc != ST_NOTFOUND)
				return (rc);
		}
	}
	if (l->start < c->today) {
		l->start = c->today;
		l->late = 1;
	}
	if (b != NULL)
		explode(c, b, qty, it->wid, l->start, keep_str(c,
		    xstrdup(tags)));
	return (ST_OK);
}

static int
net(struct pctx *c, struct pitem *it)
{
	struct pprod	*p = prod_of(c, it->pid);
	struct buf	 tags;
	int64_t		 bal = it->bal0, d, q, target;
	uint64_t	 so;
	size_t		 i, k;
	int		 late, min, rc, first;

	if (p == NULL || !p->kept)
		return (ST_OK);
	if (it->nev > 1)
		xqsort(it->ev, it->nev, sizeof *it->ev, ev_cmp);
	/* Today comes first, so a product already under its minimum is
	 * brought back today. */
	for (i = 0, first = 1; first || i < it->nev; first = 0) {
		d = i < it->nev ? it->ev[i].date : c->today;
		if (first)
			d = c->today;
		for (; i < it->nev && it->ev[i].date == d &&
		    !it->ev[i].demand; i++)
			bal += it->ev[i].qty;
		late = 0;
		for (k = i; i < it->nev && it->ev[i].date == d; i++) {
			bal -= it->ev[i].qty;
			late |= it->ev[i].late;
		}
		if (bal >= it->min && bal >= 0)
			continue;
		memset(&tags, 0, sizeof tags);
		for (; k < i; k++)
			if (it->ev[k].tag != NULL)
				tags_add(&tags, it->ev[k].tag);
		so = 0;
		for (k = 0; k < c->nsos && tags.data != NULL && so == 0; k++)
			if (strcmp(c->sos[k].code, tags.data) == 0)
				so = c->sos[k].id;
		/* Brought back to the minimum (or up to the maximum): for
		 * the minimum too, whatever took it under. */
		min = it->min > 0;
		target = it->min > 0 ? (it->max > it->min ? it->max :
		    it->min) : 0;
		q = round_up(target - bal, p->step);
		rc = propose(c, p, it, d, &q, tags.data != NULL ? tags.data :
		    "", min, late, so);
		bal += q;		/* what it proposes: a minimum order */
		buf_free(&tags);
		if (rc != ST_OK)
			return (rc);
	}
	return (ST_OK);
}

/* An item to net, with what it is sorted by. */
struct turn {
	const char	*sku, *wh;
	uint64_t	 pid, wid;
};

static int
turn_cmp(const void *a, const void *b)
{
	const struct turn	*x = a, *y = b;
	int			 r;

	if ((r = strcmp(x->sku, y->sku)) != 0)
		return (r);
	return (strcmp(x->wh, y->wh));
}

static void
ctx_free(struct pctx *c)
{
	size_t	 i;

	for (i = 0; i < c->nprods; i++) {
		free(c->prods[i].sku);
		free(c->prods[i].name);
		free(c->prods[i].unit);
	}
	free(c->prods);
	free(c->boms);
	free(c->lines);
	free(c->wcs);
	for (i = 0; i < c->nwhs; i++)
		free(c->whs[i].code);
	free(c->whs);
	for (i = 0; i < c->nsos; i++)
		free(c->sos[i].code);
	free(c->sos);
	free(c->pos);
	for (i = 0; i < c->nitems; i++) {
		free(c->items[i]->ev);
		free(c->items[i]);
	}
	free(c->items);
	free(c->hash);
	for (i = 0; i < c->nstrs; i++)
		free(c->strs[i]);
	free(c->strs);
}

int
plan_run(struct tx *x, int64_t today, int horizon, struct plan **out,
    char **cause)
{
	struct pctx	 c;
	struct turn	*tv;
	struct pprod	*p;
	size_t		 i, n;
	int		 level, rc;

	(void)cause;
	*out = NULL;
	memset(&c, 0, sizeof c);
	c.x = x;
	c.today = today;
	c.end = date_add_days(today, horizon);
	c.pe = dict_entity("products");
	c.be = dict_entity("boms");
	c.ble = dict_entity("bom_lines");
	c.wce = dict_entity("work_centres");
	c.whe = dict_entity("warehouses");
	c.se = dict_entity("stock");
	c.le = dict_entity("stock_limits");
	c.soe = dict_entity("sales_orders");
	c.sole = dict_entity("so_lines");
	c.poe = dict_entity("purchase_orders");
	c.pole = dict_entity("po_lines");
	c.moe = dict_entity("production_orders");
	c.plan = xcalloc(1, sizeof *c.plan);
	c.plan->today = today;
	c.plan->end = c.end;
	if ((rc = tx_each(x, c.pe, load_prod, &c)) != ST_OK ||
	    (rc = tx_each(x, c.be, load_bom, &c)) != ST_OK ||
	    (rc = tx_each(x, c.ble, load_line, &c)) != ST_OK ||
	    (rc = tx_each(x, c.wce, load_wc, &c)) != ST_OK ||
	    (rc = tx_each(x, c.whe, load_wh, &c)) != ST_OK)
		goto out;
	structure(&c);
	if ((rc = tx_each(x, c.se, load_stock, &c)) != ST_OK ||
	    (rc = tx_each(x, c.le, load_limit, &c)) != ST_OK ||
	    (rc = tx_each(x, c.soe, load_so, &c)) != ST_OK ||
	    (rc = tx_each(x, c.sole, load_so_line, &c)) != ST_OK ||
	    (rc = tx_each(x, c.poe, load_po, &c)) != ST_OK ||
	    (rc = tx_each(x, c.pole, load_po_line, &c)) != ST_OK ||
	    (rc = tx_each(x, c.moe, load_mo, &c)) != ST_OK)
		goto out;

	/* Level by level: an item's demand is whole once the levels above
	 * it are netted.  Items are made as demand reaches them, so each
	 * level is collected when its turn comes. */
	for (level = 0; level < MAX_LEVEL && rc == ST_OK; level++) {
		tv = NULL;
		n = 0;
		for (i = 0; i < c.nitems; i++) {
			p = prod_of(&c, c.items[i]->pid);
			if (p == NULL || p->level != level)
				continue;
			tv = xreallocarray(tv, n + 1, sizeof *tv);
			tv[n].sku = p->sku;
			tv[n].wh = wh_code(&c, c.items[i]->wid);
			tv[n].pid = c.items[i]->pid;
			tv[n++].wid = c.items[i]->wid;
		}
		if (n > 1)
			xqsort(tv, n, sizeof *tv, turn_cmp);
		for (i = 0; i < n && rc == ST_OK; i++)
			rc = net(&c, item(&c, tv[i].pid, tv[i].wid));
		free(tv);
		if (n == 0) {
			for (i = 0; i < c.nprods; i++)
				if (c.prods[i].level > level)
					break;
			if (i == c.nprods)
				break;
		}
	}
out:
	ctx_free(&c);
	if (rc != ST_OK) {
		plan_free(c.plan);
		return (rc);
	}
	*out = c.plan;
	return (ST_OK);
}

void
plan_free(struct plan *pl)
{
	size_t	 i;

	if (pl == NULL)
		return;
	for (i = 0; i < pl->n; i++) {
		free(pl->v[i].sku);
		free(pl->v[i].name);
		free(pl->v[i].unit);
		free(pl->v[i].wh);
		free(pl->v[i].supplier_code);
		free(pl->v[i].for_);
	}
	free(pl->v);
	free(pl);
}

char *
plan_key(const struct plan_line *l)
{
	char	*k;

	xasprintf(&k, "%s:%s:%s:%lld", l->action == PLAN_MAKE ? "make" :
	    "buy", l->sku, l->wh, (long long)l->need);
	return (k);
}

/* --- applying -------------------------------------------------------------- */

static int
wanted(const struct plan_line *l, char *const *keys, size_t nkeys)
{
	char	*k;
	size_t	 i;
	int	 yes = 0;

	if (keys == NULL)
		return (1);
	k = plan_key(l);
	for (i = 0; i < nkeys && !yes; i++)
		yes = strcmp(keys[i], k) == 0;
	free(k);
	return (yes);
}

static void
code_add(char ***codes, size_t *n, const struct record *r)
{
	*codes = xreallocarray(*codes, *n + 1, sizeof **codes);
	(*codes)[(*n)++] = dupz(record_str(r, FX_CODE));
}

int
plan_apply(struct tx *x, const struct plan *pl, char *const *keys,
    size_t nkeys, char ***codes, size_t *ncodes, size_t *skipped,
    char **cause)
{
	const struct entity_def	*moe = dict_entity("production_orders");
	const struct entity_def	*poe = dict_entity("purchase_orders");
	const struct entity_def	*le = dict_entity("po_lines");
	const struct plan_line	*l, *m;
	struct record		*o, *r;
	unsigned char		*done;
	int64_t			 line, expected;
	size_t			 i, j;
	int			 rc = ST_OK;

	*codes = NULL;
	*ncodes = 0;
	*skipped = 0;
	done = xcalloc(pl->n + 1, 1);
	for (i = 0; i < pl->n && rc == ST_OK; i++) {
		l = &pl->v[i];
		if (!wanted(l, keys, nkeys))
			continue;
		if (l->action != PLAN_MAKE)
			continue;
		o = record_new(moe);
		record_set_str(o, dict_field_pos(moe, "kind"), "produce");
		record_set_int(o, dict_field_pos(moe, "product"),
		    (int64_t)l->product);
		record_set_int(o, dict_field_pos(moe, "qty"), l->qty);
		record_set_int(o, dict_field_pos(moe, "bom"), (int64_t)l->bom);
		record_set_int(o, dict_field_pos(moe, "comp_warehouse"),
		    (int64_t)l->warehouse);
		record_set_int(o, dict_field_pos(moe, "fg_warehouse"),
		    (int64_t)l->warehouse);
		record_set_int(o, dict_field_pos(moe, "start"), l->start);
		record_set_int(o, dict_field_pos(moe, "finish"), l->need);
		if (l->sales_order != 0)
			record_set_int(o, dict_field_pos(moe, "sales_order"),
			    (int64_t)l->sales_order);
		record_set_str(o, dict_field_pos(moe, "notes"),
		    "made by planning");
		if ((rc = model_save(x, o, 0, cause)) == ST_OK)
			code_add(codes, ncodes, o);
		record_free(o);
	}
	/* Buys: one order per supplier and warehouse, in the order the
	 * first of each comes. */
	for (i = 0; i < pl->n && rc == ST_OK; i++) {
		l = &pl->v[i];
		if (l->action != PLAN_BUY || done[i] ||
		    !wanted(l, keys, nkeys))
			continue;
		if (l->supplier == 0) {
			(*skipped)++;
			continue;
		}
		expected = l->need;
		for (j = i; j < pl->n; j++) {
			m = &pl->v[j];
			if (m->action == PLAN_BUY && m->supplier ==
			    l->supplier && m->warehouse == l->warehouse &&
			    m->need < expected && wanted(m, keys, nkeys))
				expected = m->need;
		}
		o = record_new(poe);
		record_set_int(o, dict_field_pos(poe, "supplier"),
		    (int64_t)l->supplier);
		record_set_int(o, dict_field_pos(poe, "warehouse"),
		    (int64_t)l->warehouse);
		record_set_int(o, dict_field_pos(poe, "expected"), expected);
		record_set_str(o, dict_field_pos(poe, "notes"),
		    "made by planning");
		if ((rc = model_save(x, o, 0, cause)) != ST_OK) {
			record_free(o);
			break;
		}
		code_add(codes, ncodes, o);
		line = 0;
		for (j = i; j < pl->n && rc == ST_OK; j++) {
			m = &pl->v[j];
			if (m->action != PLAN_BUY || done[j] || m->supplier !=
			    l->supplier || m->warehouse != l->warehouse ||
			    !wanted(m, keys, nkeys))
				continue;
			done[j] = 1;
			r = record_new(le);
			record_set_int(r, dict_field_pos(le, "po"),
			    (int64_t)record_id(o));
			record_set_int(r, dict_field_pos(le, "line"), ++line);
			record_set_int(r, dict_field_pos(le, "product"),
			    (int64_t)m->product);
			record_set_int(r, dict_field_pos(le, "qty"), m->qty);
			record_set_int(r, dict_field_pos(le, "price"),
			    m->price);
			rc = model_save(x, r, 0, cause);
			record_free(r);
		}
		record_free(o);
	}
	free(done);
	if (rc != ST_OK) {
		for (i = 0; i < *ncodes; i++)
			free((*codes)[i]);
		free(*codes);
		*codes = NULL;
		*ncodes = 0;
	}
	return (rc);
}

/* --- available to promise ---------------------------------------------------- */

struct atp_ev {
	int64_t	 date, qty;
};

static int
atp_cmp(const void *a, const void *b)
{
	const struct atp_ev	*x = a, *y = b;

	return (x->date < y->date ? -1 : x->date > y->date);
}

int
plan_atp(struct tx *x, uint64_t pid, uint64_t wid, int64_t qty,
    int64_t *date, int64_t *free_)
{
	const struct entity_def	*se = dict_entity("stock");
	const struct entity_def	*pole = dict_entity("po_lines");
	const struct entity_def	*poe = dict_entity("purchase_orders");
	const struct entity_def	*moe = dict_entity("production_orders");
	struct atp_ev		*ev = NULL;
	struct record		*r, *o;
	struct ids		 ids;
	const char		*st;
	int64_t			 today = stock_today(), have, d;
	size_t			 i, n = 0;
	int			 rc, pos;

	*date = 0;
	*free_ = 0;
	if (wid != 0) {
		int64_t	 oh, rs;

		if ((rc = stock_level(x, pid, wid, &oh, &rs)) != ST_OK)
			return (rc);
		*free_ = oh - rs;
	} else {
		if ((rc = stock_ids(x, se, "product", pid, 0, &ids)) != ST_OK)
			return (rc);
		for (i = 0; i < ids.n && rc == ST_OK; i++) {
			if ((rc = tx_get(x, se, ids.v[i], 0, &r)) != ST_OK) {
				if (rc == ST_NOTFOUND)
					rc = ST_OK;
				continue;
			}
			*free_ += record_int(r, dict_field_pos(se, "on_hand")) -
			    record_int(r, dict_field_pos(se, "reserved"));
			record_free(r);
		}
		free(ids.v);
		if (rc != ST_OK)
			return (rc);
	}
	if (*free_ >= qty) {
		*date = today;
		return (ST_OK);
	}
	/* Purchase orders' lines of the product. */
	if ((rc = stock_ids(x, pole, "product", pid, 0, &ids)) != ST_OK)
		return (rc);
	for (i = 0; i < ids.n && rc == ST_OK; i++) {
		if ((rc = tx_get(x, pole, ids.v[i], 0, &r)) != ST_OK) {
			if (rc == ST_NOTFOUND)
				rc = ST_OK;
			continue;
		}
		have = record_int(r, dict_field_pos(pole, "qty")) -
		    record_int(r, dict_field_pos(pole, "received"));
		rc = tx_get(x, poe, (uint64_t)record_int(r,
		    dict_field_pos(pole, "po")), 0, &o);
		record_free(r);
		if (rc == ST_NOTFOUND) {
			rc = ST_OK;
			continue;
		}
		if (rc != ST_OK)
			break;
		st = record_str(o, dict_field_pos(poe, "status"));
		pos = dict_field_pos(poe, "expected");
		if (have > 0 && (st == NULL || is(st, "draft") ||
		    is(st, "sent") || is(st, "partial")) && (wid == 0 ||
		    (uint64_t)record_int(o, dict_field_pos(poe,
		    "warehouse")) == wid)) {
			ev = xreallocarray(ev, n + 1, sizeof *ev);
			ev[n].date = record_isset(o, pos) ? record_int(o, pos) :
			    record_int(o, dict_field_pos(poe, "date"));
			ev[n++].qty = have;
		}
		record_free(o);
	}
	free(ids.v);
	/* Production orders of it. */
	if (rc == ST_OK && (rc = stock_ids(x, moe, "product", pid, 0,
	    &ids)) == ST_OK) {
		for (i = 0; i < ids.n && rc == ST_OK; i++) {
			if ((rc = tx_get(x, moe, ids.v[i], 0, &o)) != ST_OK) {
				if (rc == ST_NOTFOUND)
					rc = ST_OK;
				continue;
			}
			st = record_str(o, dict_field_pos(moe, "status"));
			have = record_int(o, dict_field_pos(moe, "qty")) -
			    record_int(o, dict_field_pos(moe, "made"));
			if (have > 0 && (is(st, "draft") || is(st,
			    "released") || is(st, "in_progress")) &&
			    !is(record_str(o, dict_field_pos(moe, "kind")),
			    "disassemble") && (wid == 0 ||
			    (uint64_t)record_int(o, dict_field_pos(moe,
			    "fg_warehouse")) == wid)) {
				ev = xreallocarray(ev, n + 1, sizeof *ev);
				if (record_isset(o, (pos = dict_field_pos(moe,
				    "finish"))) || record_isset(o,
				    (pos = dict_field_pos(moe, "start"))))
					ev[n].date = record_int(o, pos);
				else
					ev[n].date = record_int(o,
					    dict_field_pos(moe, "date"));
				ev[n++].qty = have;
			}
			record_free(o);
		}
		free(ids.v);
	}
	if (rc == ST_OK && n > 0) {
		xqsort(ev, n, sizeof *ev, atp_cmp);
		for (have = *free_, i = 0; i < n; i++) {
			have += ev[i].qty;
			if (have >= qty) {
				d = ev[i].date;
				*date = d < today ? today : d;
				break;
			}
		}
	}
	free(ev);
	return (rc);
}
