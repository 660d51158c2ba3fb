/*
 * The dashboard's aggregates and figures (dash.h).
 *
 * The aggregates are kept by the store's write hook (store.h): every
 * write of a shipment, customer return, sales order, stock row, product,
 * balance, customer goes through dash_hook() in its own transaction, which
 * works out what the record added to the aggregates before the write and
 * what it adds after, and adds the difference.  So no posting path (sales,
 * stock documents, production, money, imports, whatever comes next) can
 * forget them, a reversal, a return or a cancellation moves them back by
 * the same rule, and a crash leaves them as whole as the documents.
 *
 * A sale counts for the manager of its order, else of its customer; when
 * either changes, the sales it counts for move with it in the same
 * transaction.  The stock rows count for their product's kind; a product
 * whose kind changes takes its rows along.
 *
 * Writes that change the other figures (accounts, tasks, deals) only mark
 * their transaction (tx_touch), so the dashboard's version moves.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/dash.h"
#include "model/model.h"
#include "xmalloc.h"

#define NSV	4	/* dash_sales: gross, cost, shipments, net */
#define NOV	4	/* dash_orders: confirmed, sum, drafts, sum */
#define NKV	2	/* dash_stock: on hand, value */
#define NDV	1	/* dash_due: amount */
#define NMV	2	/* dash_mine: count, amount */
#define MAXV	4

static struct {
	int			 init;
	const struct entity_def	*sales, *orders, *stk, *due, *mine;
	const struct entity_def	*ship, *ret, *so, *stock, *prod, *bal, *cust;
	const struct entity_def	*acc, *task, *deal, *stage, *wh;
	int	 as_date, as_wh, as_mgr, as_v[NSV];
	int	 ao_date, ao_mgr, ao_v[NOV];
	int	 ak_kind, ak_wh, ak_v[NKV];
	int	 ad_due, ad_v[NDV];
	int	 am_user, am_date, am_stage, am_v[NMV];
	int	 sh_cust, sh_order, sh_date, sh_wh, sh_status, sh_gross,
		 sh_cost, sh_net;
	int	 rt_ship, rt_date, rt_wh, rt_status, rt_gross, rt_cost, rt_net;
	int	 so_date, so_mgr, so_status, so_gross;
	int	 cu_mgr;
	int	 st_prod, st_wh, st_onhand, st_value;
	int	 p_kind;
	int	 b_cust, b_odue;
	int	 ac_kind, ac_bal, ac_inactive;
	int	 t_assignee, t_due, t_status;
	int	 d_stage, d_mgr, d_amount;
	int	 g_name, g_kind, g_pos;
} D;

#define P(e, n)	dict_field_pos((e), (n))

/* The entities and fields, looked up at the first use (a write, a
 * dashboard, a check), not before main: a command that never writes
 * (--version, show, stock) does not pay for them. */
static void
dash_lookup(void)
{
	D.sales = dict_entity("dash_sales");
	D.orders = dict_entity("dash_orders");
	D.stk = dict_entity("dash_stock");
	D.due = dict_entity("dash_due");
	D.mine = dict_entity("dash_mine");
	D.ship = dict_entity("shipments");
	D.ret = dict_entity("customer_returns");
	D.so = dict_entity("sales_orders");
	D.stock = dict_entity("stock");
	D.prod = dict_entity("products");
	D.bal = dict_entity("balances");
	D.cust = dict_entity("customers");
	D.acc = dict_entity("accounts");
	D.task = dict_entity("tasks");
	D.deal = dict_entity("deals");
	D.stage = dict_entity("deal_stages");
	D.wh = dict_entity("warehouses");
	D.as_date = P(D.sales, "date");
	D.as_wh = P(D.sales, "warehouse");
	D.as_mgr = P(D.sales, "manager");
	D.as_v[0] = P(D.sales, "gross");
	D.as_v[1] = P(D.sales, "cost");
	D.as_v[2] = P(D.sales, "shipments");
	D.as_v[3] = P(D.sales, "net");
	D.ao_date = P(D.orders, "date");
	D.ao_mgr = P(D.orders, "manager");
	D.ao_v[0] = P(D.orders, "confirmed");
	D.ao_v[1] = P(D.orders, "confirmed_sum");
	D.ao_v[2] = P(D.orders, "drafts");
	D.ao_v[3] = P(D.orders, "draft_sum");
	D.ak_kind = P(D.stk, "kind");
	D.ak_wh = P(D.stk, "warehouse");
	D.ak_v[0] = P(D.stk, "on_hand");
	D.ak_v[1] = P(D.stk, "value");
	D.ad_due = P(D.due, "due");
	D.ad_v[0] = P(D.due, "amount");
	D.am_user = P(D.mine, "user");
	D.am_date = P(D.mine, "date");
	D.am_stage = P(D.mine, "stage");
	D.am_v[0] = P(D.mine, "count");
	D.am_v[1] = P(D.mine, "amount");
	D.sh_cust = P(D.ship, "customer");
	D.sh_order = P(D.ship, "order");
	D.sh_date = P(D.ship, "date");
	D.sh_wh = P(D.ship, "warehouse");
	D.sh_status = P(D.ship, "status");
	D.sh_gross = P(D.ship, "gross");
	D.sh_cost = P(D.ship, "cost");
	D.sh_net = P(D.ship, "net");
	D.rt_ship = P(D.ret, "shipment");
	D.rt_date = P(D.ret, "date");
	D.rt_wh = P(D.ret, "warehouse");
	D.rt_status = P(D.ret, "status");
	D.rt_gross = P(D.ret, "gross");
	D.rt_cost = P(D.ret, "cost");
	D.rt_net = P(D.ret, "net");
	D.so_date = P(D.so, "date");
	D.so_mgr = P(D.so, "manager");
	D.so_status = P(D.so, "status");
	D.so_gross = P(D.so, "gross");
	D.cu_mgr = P(D.cust, "manager");
	D.st_prod = P(D.stock, "product");
	D.st_wh = P(D.stock, "warehouse");
	D.st_onhand = P(D.stock, "on_hand");
	D.st_value = P(D.stock, "value");
	D.p_kind = P(D.prod, "kind");
	D.b_cust = P(D.bal, "customer");
	D.b_odue = P(D.bal, "open_due");
	D.ac_kind = P(D.acc, "kind");
	D.ac_bal = P(D.acc, "balance");
	D.ac_inactive = P(D.acc, "inactive");
	D.t_assignee = P(D.task, "assignee");
	D.t_due = P(D.task, "due");
	D.t_status = P(D.task, "status");
	D.d_stage = P(D.deal, "stage");
	D.d_mgr = P(D.deal, "manager");
	D.d_amount = P(D.deal, "amount");
	D.g_name = FX_CODE;
	D.g_kind = P(D.stage, "kind");
	D.g_pos = P(D.stage, "position");
	D.init = 1;
}

static void
dash_init(void)
{
	static pthread_once_t	 once = PTHREAD_ONCE_INIT;

	pthread_once(&once, dash_lookup);
}

static int
is(const char *a, const char *b)
{
	return (a != NULL && strcmp(a, b) == 0);
}

/* --- one aggregate row ---------------------------------------------------- */

/* What a new row says besides its sums: its date, warehouse, manager,
 * kind (0 / NULL: unset). */
struct agg_key {
	int64_t		 date;
	uint64_t	 wid, mid;	/* dash_mine: mid is the user */
	uint64_t	 stage;
	const char	*kind;
};

static void
agg_fill(struct record *r, const struct agg_key *k)
{
	const struct entity_def	*e = r->ent;

	if (e == D.sales) {
		record_set_int(r, D.as_date, k->date);
		if (k->wid != 0)
			record_set_int(r, D.as_wh, (int64_t)k->wid);
		if (k->mid != 0)
			record_set_int(r, D.as_mgr, (int64_t)k->mid);
	} else if (e == D.orders) {
		record_set_int(r, D.ao_date, k->date);
		if (k->mid != 0)
			record_set_int(r, D.ao_mgr, (int64_t)k->mid);
	} else if (e == D.stk) {
		record_set_str(r, D.ak_kind, k->kind);
		record_set_int(r, D.ak_wh, (int64_t)k->wid);
	} else if (e == D.due) {
		if (k->date != 0)
			record_set_int(r, D.ad_due, k->date);
	} else if (e == D.mine) {
		record_set_int(r, D.am_user, (int64_t)k->mid);
		if (k->date != 0)
			record_set_int(r, D.am_date, k->date);
		if (k->stage != 0)
			record_set_int(r, D.am_stage, (int64_t)k->stage);
	}
}

/* The sums' positions of an aggregate, and how many. */
static const int *
agg_pos(const struct entity_def *e, size_t *n)
{
	if (e == D.sales) {
		*n = NSV;
		return (D.as_v);
	}
	if (e == D.orders) {
		*n = NOV;
		return (D.ao_v);
	}
	if (e == D.stk) {
		*n = NKV;
		return (D.ak_v);
	}
	if (e == D.mine) {
		*n = NMV;
		return (D.am_v);
	}
	*n = NDV;
	return (D.ad_v);
}

static int	 agg_add(struct tx *, const struct entity_def *,
		     const char *, const struct agg_key *, const int64_t *,
		     char **);
static int	 dash_commit(struct tx *, void *, char **);
static void	 dash_drop(void *);

/*
 * The ids of the aggregate rows by code, so a posting reads its few rows
 * by id rather than through the code index first (a look-up was a fifth
 * of a row's write).  Only a hint: the row under the id is read
 * write-locked and its code compared before it is used, so a stale entry
 * (an insert rolled back, another store at the same address, a home
 * restored) is dropped and the index asked as before.  A bounded
 * open hash, emptied when full; the rows are few (a day's codes).
 */
#define IDC_CAP		4096	/* a power of two */
#define IDC_MAX		(IDC_CAP / 2)
struct idc {
	const struct store	*st;
	const struct entity_def	*e;
	uint64_t		 id;
	char			 code[40];
};
static struct idc	*idc;
static size_t		 idc_n;
static pthread_mutex_t	 idc_mtx = PTHREAD_MUTEX_INITIALIZER;

static uint64_t	 hash_str(const char *, const struct entity_def *);

static size_t
idc_slot(const struct store *st, const struct entity_def *e,
    const char *code)
{
	size_t	 i;

	i = (hash_str(code, e) ^ (uint64_t)(uintptr_t)st) & (IDC_CAP - 1);
	while (idc[i].e != NULL && (idc[i].st != st || idc[i].e != e ||
	    strcmp(idc[i].code, code) != 0))
		i = (i + 1) & (IDC_CAP - 1);
	return (i);
}

/* The id last seen for code (0: none). */
static uint64_t
idc_get(const struct store *st, const struct entity_def *e, const char *code)
{
	uint64_t	 id = 0;
	size_t		 i;

	pthread_mutex_lock(&idc_mtx);
	if (idc != NULL) {
		i = idc_slot(st, e, code);
		if (idc[i].e != NULL)
			id = idc[i].id;
	}
	pthread_mutex_unlock(&idc_mtx);
	return (id);
}

/* Remember id for code (0: forget every entry, as a stale one was met). */
static void
idc_put(const struct store *st, const struct entity_def *e, const char *code,
    uint64_t id)
{
	size_t	 i;

	if (strlen(code) >= sizeof idc->code)
		return;
	pthread_mutex_lock(&idc_mtx);
	if (idc == NULL)
		idc = xcalloc(IDC_CAP, sizeof *idc);
	if (id == 0 || idc_n >= IDC_MAX) {
		memset(idc, 0, IDC_CAP * sizeof *idc);
		idc_n = 0;
	}
	if (id != 0) {
		i = idc_slot(st, e, code);
		if (idc[i].e == NULL) {
			idc[i].st = st;
			idc[i].e = e;
			snprintf(idc[i].code, sizeof idc[i].code, "%s", code);
			idc_n++;
		}
		idc[i].id = id;
	}
	pthread_mutex_unlock(&idc_mtx);
}

/* Add d (one per sum of e) to the row code of e, made when there is none.
 * ST_*. */
static int
agg_write(struct tx *x, const struct entity_def *e, const char *code,
    const struct agg_key *k, const int64_t *d, char **cause)
{
	const struct store	*st = tx_store(x);
	const int		*pos;
	const char		*c;
	struct record		*r, *was;
	uint64_t		 id;
	size_t			 i, n;
	int			 rc;

	pos = agg_pos(e, &n);
	for (i = 0; i < n && d[i] == 0; i++)
		;
	if (i == n)
		return (ST_OK);
	r = NULL;
	if ((id = idc_get(st, e, code)) != 0) {
		rc = tx_get(x, e, id, 1, &r);
		if (rc != ST_OK && rc != ST_NOTFOUND)
			return (rc);
		if (rc == ST_OK && ((c = record_str(r, FX_CODE)) == NULL ||
		    strcmp(c, code) != 0)) {
			record_free(r);
			r = NULL;
		}
		if (r == NULL)
			idc_put(st, e, code, 0);
	}
	if (r != NULL)
		rc = ST_OK;
	else {
		rc = tx_find_code(x, e, code, &id);
		if (rc == ST_OK) {
			if ((rc = tx_get(x, e, id, 1, &r)) != ST_OK)
				return (rc == ST_NOTFOUND ? ST_DEADLOCK : rc);
			idc_put(st, e, code, id);
		}
	}
	if (rc == ST_OK) {
		/* Rewritten from the write-locked read, not read again. */
		was = record_dup(r);
		for (i = 0; i < n; i++)
			record_set_int(r, pos[i], record_int(r, pos[i]) + d[i]);
		rc = tx_update_old(x, r, was, record_rev(was), cause);
		record_free(was);
		record_free(r);
		return (rc);
	}
	if (rc != ST_NOTFOUND)
		return (rc);
	r = record_new(e);
	record_set_str(r, FX_CODE, code);
	agg_fill(r, k);
	for (i = 0; i < n; i++)
		record_set_int(r, pos[i], d[i]);
	rc = tx_insert(x, r, cause);
	record_free(r);
	if (rc == ST_EXISTS) {
		/* Another posting made it first: run again, seeing it. */
		free(*cause);
		*cause = NULL;
		rc = ST_DEADLOCK;
	}
	return (rc);
}

/* --- sales ---------------------------------------------------------------- */

struct sc {
	int		 on;
	int64_t		 date;
	uint64_t	 wid, mid;
	int64_t		 v[NSV];
};

static void
sales_code(char *buf, size_t len, int64_t date, uint64_t wid, uint64_t mid)
{
	snprintf(buf, len, "d:%08lld:%llu:%llu", (long long)date,
	    (unsigned long long)wid, (unsigned long long)mid);
}

static void
day_code(char *buf, size_t len, int64_t date)
{
	snprintf(buf, len, "t:%08lld", (long long)date);
}

static int
sales_apply(struct tx *x, const struct sc *c, int sign, char **cause)
{
	struct agg_key	 k;
	int64_t		 d[NSV];
	char		 code[64];
	size_t		 i;
	int		 rc;

	if (!c->on)
		return (ST_OK);
	for (i = 0; i < NSV; i++)
		d[i] = sign * c->v[i];
	memset(&k, 0, sizeof k);
	k.date = c->date;
	k.wid = c->wid;
	k.mid = c->mid;
	sales_code(code, sizeof code, c->date, c->wid, c->mid);
	if ((rc = agg_add(x, D.sales, code, &k, d, cause)) != ST_OK)
		return (rc);
	k.wid = k.mid = 0;
	day_code(code, sizeof code, c->date);
	return (agg_add(x, D.sales, code, &k, d, cause));
}

/* The manager a sale counts for: its order's, else its customer's (0:
 * none). */
static int
sale_manager(struct tx *x, uint64_t order, uint64_t cust, uint64_t *mid)
{
	struct record	*r;
	int		 rc;

	*mid = 0;
	if (order != 0) {
		if ((rc = tx_get(x, D.so, order, 0, &r)) == ST_OK) {
			*mid = (uint64_t)record_int(r, D.so_mgr);
			record_free(r);
			if (*mid != 0)
				return (ST_OK);
		} else if (rc != ST_NOTFOUND)
			return (rc);
	}
	if (cust != 0) {
		if ((rc = tx_get(x, D.cust, cust, 0, &r)) == ST_OK) {
			*mid = (uint64_t)record_int(r, D.cu_mgr);
			record_free(r);
		} else if (rc != ST_NOTFOUND)
			return (rc);
	}
	return (ST_OK);
}

/* What a shipment or a return adds to the sales (without its manager
 * when nomgr: the caller knows it). */
static int
sale_of(struct tx *x, const struct record *r, int nomgr, struct sc *c)
{
	struct record	*s;
	int		 rc;

	memset(c, 0, sizeof *c);
	if (r == NULL)
		return (ST_OK);
	if (r->ent == D.ship) {
		if (!is(record_str(r, D.sh_status), "posted"))
			return (ST_OK);
		c->on = 1;
		c->date = record_int(r, D.sh_date);
		c->wid = (uint64_t)record_int(r, D.sh_wh);
		c->v[0] = record_int(r, D.sh_gross);
		c->v[1] = record_int(r, D.sh_cost);
		c->v[2] = 1;
		c->v[3] = record_int(r, D.sh_net);
		if (nomgr)
			return (ST_OK);
		return (sale_manager(x, (uint64_t)record_int(r, D.sh_order),
		    (uint64_t)record_int(r, D.sh_cust), &c->mid));
	}
	if (!is(record_str(r, D.rt_status), "posted"))
		return (ST_OK);
	c->on = 1;
	c->date = record_int(r, D.rt_date);
	c->wid = (uint64_t)record_int(r, D.rt_wh);
	c->v[0] = -record_int(r, D.rt_gross);
	c->v[1] = -record_int(r, D.rt_cost);
	c->v[3] = -record_int(r, D.rt_net);
	if (c->wid != 0 && nomgr)
		return (ST_OK);
	rc = tx_get(x, D.ship, (uint64_t)record_int(r, D.rt_ship), 0, &s);
	if (rc == ST_NOTFOUND)
		return (ST_OK);
	if (rc != ST_OK)
		return (rc);
	if (c->wid == 0)
		c->wid = (uint64_t)record_int(s, D.sh_wh);
	if (!nomgr)
		rc = sale_manager(x, (uint64_t)record_int(s, D.sh_order),
		    (uint64_t)record_int(s, D.sh_cust), &c->mid);
	record_free(s);
	return (rc);
}

static int
sale_same(const struct record *o, const struct record *n)
{
	const int	*f;
	static int	 sf[7], rf[7];
	size_t		 i;

	sf[0] = D.sh_status; sf[1] = D.sh_date; sf[2] = D.sh_wh;
	sf[3] = D.sh_gross; sf[4] = D.sh_cost; sf[5] = D.sh_order;
	sf[6] = D.sh_net;
	rf[0] = D.rt_status; rf[1] = D.rt_date; rf[2] = D.rt_wh;
	rf[3] = D.rt_gross; rf[4] = D.rt_cost; rf[5] = D.rt_ship;
	rf[6] = D.rt_net;
	f = o->ent == D.ship ? sf : rf;
	for (i = 0; i < 7; i++)
		if (!value_equal(&o->v[f[i]], &n->v[f[i]]))
			return (0);
	/* The customer decides the manager of a sale without one. */
	if (o->ent == D.ship && !value_equal(&o->v[D.sh_cust],
	    &n->v[D.sh_cust]))
		return (0);
	return (1);
}

static int
hook_sale(struct tx *x, const struct record *o, const struct record *n,
    char **cause)
{
	struct sc	 a, b;
	int		 rc;

	if (o != NULL && n != NULL && sale_same(o, n))
		return (ST_OK);
	if ((rc = sale_of(x, o, 0, &a)) != ST_OK ||
	    (rc = sale_of(x, n, 0, &b)) != ST_OK)
		return (rc);
	if ((rc = sales_apply(x, &a, -1, cause)) != ST_OK)
		return (rc);
	return (sales_apply(x, &b, 1, cause));
}

/*
 * The manager the sales of shipments (and their returns) count for moved
 * from one to another: an order's manager changed (order != 0: its
 * shipments), or a customer's (its shipments whose order names none).
 */
struct moving {
	struct tx	 *x;
	uint64_t	  order;
	struct record	**v;
	size_t		  n;
};

static int
moving_add(const struct record *r, void *arg)
{
	struct moving	*m = arg;

	m->v = xreallocarray(m->v, m->n + 1, sizeof *m->v);
	m->v[m->n++] = record_dup(r);
	return (0);
}

/* Copies of the records of e whose field pos refers to id, into m. */
static int
rows_of(struct tx *x, const struct entity_def *e, int pos, uint64_t id,
    struct moving *m)
{
	struct value	 v;

	memset(m, 0, sizeof *m);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.i = (int64_t)id;
	return (tx_find_rows(x, e, pos, &v, moving_add, m));
}

static void
rows_free(struct moving *m)
{
	size_t	 i;

	for (i = 0; i < m->n; i++)
		record_free(m->v[i]);
	free(m->v);
}

static int
sales_move(struct tx *x, const struct record *ship, uint64_t from,
    uint64_t to, char **cause)
{
	struct moving	 rs;
	struct sc	 c;
	size_t		 i;
	int		 rc;

	if ((rc = sale_of(x, ship, 1, &c)) != ST_OK)
		return (rc);
	c.mid = from;
	if ((rc = sales_apply(x, &c, -1, cause)) != ST_OK)
		return (rc);
	c.mid = to;
	if ((rc = sales_apply(x, &c, 1, cause)) != ST_OK)
		return (rc);
	rc = rows_of(x, D.ret, D.rt_ship, record_id(ship), &rs);
	for (i = 0; i < rs.n && rc == ST_OK; i++) {
		if ((rc = sale_of(x, rs.v[i], 1, &c)) == ST_OK) {
			if (c.wid == 0)
				c.wid = (uint64_t)record_int(ship, D.sh_wh);
			c.mid = from;
			if ((rc = sales_apply(x, &c, -1, cause)) == ST_OK) {
				c.mid = to;
				rc = sales_apply(x, &c, 1, cause);
			}
		}
	}
	rows_free(&rs);
	return (rc);
}

/* An order's manager changed: its posted shipments move (from the
 * customer's manager where it had none). */
static int
hook_order_mgr(struct tx *x, const struct record *o, const struct record *n,
    char **cause)
{
	struct moving	 m;
	uint64_t	 om, nm, cm;
	size_t		 i;
	int		 rc;

	if ((rc = rows_of(x, D.ship, D.sh_order, record_id(n), &m)) != ST_OK)
		goto out;
	for (i = 0; i < m.n && rc == ST_OK; i++) {
		if (!is(record_str(m.v[i], D.sh_status), "posted"))
			continue;
		om = (uint64_t)record_int(o, D.so_mgr);
		nm = (uint64_t)record_int(n, D.so_mgr);
		if (om == 0 || nm == 0) {
			if ((rc = sale_manager(x, 0, (uint64_t)record_int(
			    m.v[i], D.sh_cust), &cm)) != ST_OK)
				break;
			om = om == 0 ? cm : om;
			nm = nm == 0 ? cm : nm;
		}
		if (om != nm)
			rc = sales_move(x, m.v[i], om, nm, cause);
	}
out:
	rows_free(&m);
	return (rc);
}

/* A customer's manager changed: its posted shipments whose order names
 * no manager (or that have none) move. */
static int
hook_cust_mgr(struct tx *x, const struct record *o, const struct record *n,
    char **cause)
{
	struct moving	 m;
	struct record	*so;
	uint64_t	 order;
	size_t		 i;
	int		 rc, own;

	if ((rc = rows_of(x, D.ship, D.sh_cust, record_id(n), &m)) != ST_OK)
		goto out;
	for (i = 0; i < m.n && rc == ST_OK; i++) {
		if (!is(record_str(m.v[i], D.sh_status), "posted"))
			continue;
		own = 0;
		if ((order = (uint64_t)record_int(m.v[i], D.sh_order)) != 0) {
			if ((rc = tx_get(x, D.so, order, 0, &so)) == ST_OK) {
				own = record_int(so, D.so_mgr) != 0;
				record_free(so);
			} else if (rc == ST_NOTFOUND)
				rc = ST_OK;
			else
				break;
		}
		if (!own)
			rc = sales_move(x, m.v[i], (uint64_t)record_int(o,
			    D.cu_mgr), (uint64_t)record_int(n, D.cu_mgr), cause);
	}
out:
	rows_free(&m);
	return (rc);
}

/* --- orders --------------------------------------------------------------- */

struct oc {
	int		 on;
	int64_t		 date;
	uint64_t	 mid;
	int64_t		 v[NOV];
};

static void
order_of(const struct record *r, struct oc *c)
{
	const char	*st;

	memset(c, 0, sizeof *c);
	if (r == NULL)
		return;
	st = record_str(r, D.so_status);
	if (st == NULL || is(st, "cancelled"))
		return;
	c->on = 1;
	c->date = record_int(r, D.so_date);
	c->mid = (uint64_t)record_int(r, D.so_mgr);
	if (is(st, "draft")) {
		c->v[2] = 1;
		c->v[3] = record_int(r, D.so_gross);
	} else {
		c->v[0] = 1;
		c->v[1] = record_int(r, D.so_gross);
	}
}

static void
order_code(char *buf, size_t len, int64_t date, uint64_t mid)
{
	snprintf(buf, len, "d:%08lld:%llu", (long long)date,
	    (unsigned long long)mid);
}

static int
orders_apply(struct tx *x, const struct oc *c, int sign, char **cause)
{
	struct agg_key	 k;
	int64_t		 d[NOV];
	char		 code[64];
	size_t		 i;
	int		 rc;

	if (!c->on)
		return (ST_OK);
	for (i = 0; i < NOV; i++)
		d[i] = sign * c->v[i];
	memset(&k, 0, sizeof k);
	k.date = c->date;
	k.mid = c->mid;
	order_code(code, sizeof code, c->date, c->mid);
	if ((rc = agg_add(x, D.orders, code, &k, d, cause)) != ST_OK)
		return (rc);
	k.mid = 0;
	day_code(code, sizeof code, c->date);
	return (agg_add(x, D.orders, code, &k, d, cause));
}

static int
hook_order(struct tx *x, const struct record *o, const struct record *n,
    char **cause)
{
	struct oc	 a, b;
	int		 rc;

	order_of(o, &a);
	order_of(n, &b);
	if (memcmp(&a, &b, sizeof a) != 0) {
		if ((rc = orders_apply(x, &a, -1, cause)) != ST_OK ||
		    (rc = orders_apply(x, &b, 1, cause)) != ST_OK)
			return (rc);
	}
	if (o != NULL && n != NULL && record_int(o, D.so_mgr) !=
	    record_int(n, D.so_mgr))
		return (hook_order_mgr(x, o, n, cause));
	return (ST_OK);
}

/* --- stock ---------------------------------------------------------------- */

static const char *
kind_of(const struct record *prod)
{
	const char	*k = prod != NULL ? record_str(prod, D.p_kind) : NULL;

	return (k != NULL ? k : "goods");
}

static int
stock_apply(struct tx *x, const char *kind, uint64_t wid, int64_t qty,
    int64_t value, char **cause)
{
	struct agg_key	 k;
	int64_t		 d[NKV];
	char		 code[64];

	memset(&k, 0, sizeof k);
	k.kind = kind;
	k.wid = wid;
	d[0] = qty;
	d[1] = value;
	snprintf(code, sizeof code, "k:%s:%llu", kind,
	    (unsigned long long)wid);
	return (agg_add(x, D.stk, code, &k, d, cause));
}

static int
hook_stock(struct tx *x, const struct record *o, const struct record *n,
    char **cause)
{
	const struct record	*r = n != NULL ? n : o;
	struct value		 k;
	const char		*kind;
	int			 rc;

	if (o != NULL && n != NULL &&
	    record_int(o, D.st_onhand) == record_int(n, D.st_onhand) &&
	    record_int(o, D.st_value) == record_int(n, D.st_value) &&
	    record_int(o, D.st_wh) == record_int(n, D.st_wh) &&
	    record_int(o, D.st_prod) == record_int(n, D.st_prod))
		return (ST_OK);
	/* The product's kind alone (kind_of), not the product decoded: the
	 * posting has it read already. */
	rc = tx_field(x, D.prod, (uint64_t)record_int(r, D.st_prod), D.p_kind,
	    &k);
	if (rc != ST_OK && rc != ST_NOTFOUND)
		return (rc);
	kind = k.s != NULL ? k.s : "goods";
	rc = ST_OK;
	if (o != NULL)
		rc = stock_apply(x, kind, (uint64_t)record_int(o, D.st_wh),
		    -record_int(o, D.st_onhand), -record_int(o, D.st_value),
		    cause);
	if (rc == ST_OK && n != NULL)
		rc = stock_apply(x, kind, (uint64_t)record_int(n, D.st_wh),
		    record_int(n, D.st_onhand), record_int(n, D.st_value),
		    cause);
	value_free(&k);
	return (rc);
}

/* A product's kind changed: its stock rows go over to the new kind. */
static int
hook_product(struct tx *x, const struct record *o, const struct record *n,
    char **cause)
{
	struct moving	 m;
	size_t		 i;
	int		 rc;

	if (o == NULL || n == NULL || strcmp(kind_of(o), kind_of(n)) == 0)
		return (ST_OK);
	rc = rows_of(x, D.stock, D.st_prod, record_id(n), &m);
	for (i = 0; i < m.n && rc == ST_OK; i++) {
		uint64_t	wid = (uint64_t)record_int(m.v[i], D.st_wh);
		int64_t		q = record_int(m.v[i], D.st_onhand);
		int64_t		val = record_int(m.v[i], D.st_value);

		if ((rc = stock_apply(x, kind_of(o), wid, -q, -val,
		    cause)) == ST_OK)
			rc = stock_apply(x, kind_of(n), wid, q, val, cause);
	}
	rows_free(&m);
	return (rc);
}

/* --- what is open, by due date --------------------------------------------- */

struct due {
	int64_t		 due, amount;
};

/* A balance's open_due ("YYYYMMDD:kopecks ..."; "-" or unset: none)
 * into *v. */
static size_t
dues_of(const struct record *b, struct due **v)
{
	const char	*s = b != NULL ? record_str(b, D.b_odue) : NULL;
	char		*end;
	size_t		 n = 0;
	long long	 due, amt;

	*v = NULL;
	if (s == NULL || strcmp(s, "-") == 0)
		return (0);
	while (*s != '\0') {
		due = strtoll(s, &end, 10);
		if (end == s || *end != ':')
			break;
		s = end + 1;
		amt = strtoll(s, &end, 10);
		if (end == s)
			break;
		*v = xreallocarray(*v, n + 1, sizeof **v);
		(*v)[n].due = due;
		(*v)[n++].amount = amt;
		while (*end == ' ')
			end++;
		s = end;
	}
	return (n);
}

static int
due_apply(struct tx *x, int side, int64_t due, int64_t amt, char **cause)
{
	struct agg_key	 k;
	char		 code[32];

	memset(&k, 0, sizeof k);
	k.date = due;
	if (due != 0)
		snprintf(code, sizeof code, "%c:%08lld", side,
		    (long long)due);
	else
		snprintf(code, sizeof code, "%c:all", side);
	return (agg_add(x, D.due, code, &k, &amt, cause));
}

static int
hook_balance(struct tx *x, const struct record *o, const struct record *n,
    char **cause)
{
	const struct record	*r = n != NULL ? n : o;
	struct due		*ov, *nv;
	size_t			 on, nn, i, j;
	int64_t			 total = 0;
	int			 side, rc = ST_OK;

	if (o != NULL && n != NULL && value_equal(&o->v[D.b_odue],
	    &n->v[D.b_odue]))
		return (ST_OK);
	side = record_isset(r, D.b_cust) ? 'r' : 'p';
	on = dues_of(o, &ov);
	nn = dues_of(n, &nv);
	/* The difference, per due date: new less old. */
	for (i = 0; i < on; i++) {
		for (j = 0; j < nn && nv[j].due != ov[i].due; j++)
			;
		if (j == nn) {
			nv = xreallocarray(nv, nn + 1, sizeof *nv);
			nv[nn].due = ov[i].due;
			nv[nn++].amount = 0;
		}
		nv[j].amount -= ov[i].amount;
	}
	for (i = 0; i < nn && rc == ST_OK; i++) {
		total += nv[i].amount;
		if (nv[i].amount != 0)
			rc = due_apply(x, side, nv[i].due, nv[i].amount, cause);
	}
	if (rc == ST_OK && total != 0)
		rc = due_apply(x, side, 0, total, cause);
	free(ov);
	free(nv);
	return (rc);
}

/* --- my tasks and deals ------------------------------------------------- */

/* The local day (YYYYMMDD) of a time, as the clerks' calendar says it. */
static int64_t
local_day(int64_t t)
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	localtime_r(&tt, &tm);
	return ((int64_t)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday);
}

struct mc {
	int		 on;
	char		 code[64];
	struct agg_key	 k;
	int64_t		 v[NMV];
};

/* What a task (open, due, assigned) or a deal adds to its user's row. */
static void
mine_of(const struct record *r, struct mc *c)
{
	const char	*st;

	memset(c, 0, sizeof *c);
	if (r == NULL)
		return;
	if (r->ent == D.task) {
		st = record_str(r, D.t_status);
		if ((!is(st, "open") && !is(st, "in_progress")) ||
		    !record_isset(r, D.t_due) || record_int(r, D.t_assignee) ==
		    0)
			return;
		c->k.mid = (uint64_t)record_int(r, D.t_assignee);
		c->k.date = local_day(record_int(r, D.t_due));
		snprintf(c->code, sizeof c->code, "t:%llu:%08lld",
		    (unsigned long long)c->k.mid, (long long)c->k.date);
		c->v[0] = 1;
	} else {
		if (record_int(r, D.d_mgr) == 0 || record_int(r, D.d_stage) == 0)
			return;
		c->k.mid = (uint64_t)record_int(r, D.d_mgr);
		c->k.stage = (uint64_t)record_int(r, D.d_stage);
		snprintf(c->code, sizeof c->code, "d:%llu:%llu",
		    (unsigned long long)c->k.mid,
		    (unsigned long long)c->k.stage);
		c->v[0] = 1;
		c->v[1] = record_int(r, D.d_amount);
	}
	c->on = 1;
}

static int
hook_mine(struct tx *x, const struct record *o, const struct record *n,
    char **cause)
{
	struct mc	 a, b;
	int64_t		 d[NMV];
	size_t		 i;
	int		 rc;

	tx_touch(x);
	mine_of(o, &a);
	mine_of(n, &b);
	if (a.on && b.on && strcmp(a.code, b.code) == 0) {
		for (i = 0; i < NMV; i++)
			d[i] = b.v[i] - a.v[i];
		return (agg_add(x, D.mine, b.code, &b.k, d, cause));
	}
	if (a.on) {
		for (i = 0; i < NMV; i++)
			d[i] = -a.v[i];
		if ((rc = agg_add(x, D.mine, a.code, &a.k, d, cause)) != ST_OK)
			return (rc);
	}
	if (b.on)
		return (agg_add(x, D.mine, b.code, &b.k, b.v, cause));
	return (ST_OK);
}

/* --- the hook ---------------------------------------------------------------- */

static int
dash_hook(struct tx *x, const struct record *o, const struct record *n,
    char **cause)
{
	const struct entity_def	*e = (n != NULL ? n : o)->ent;

	dash_init();
	if (e->flags & ENT_DERIVED) {
		if (e == D.stock)
			return (hook_stock(x, o, n, cause));
		if (e == D.bal)
			return (hook_balance(x, o, n, cause));
		return (ST_OK);
	}
	if (e == D.ship || e == D.ret)
		return (hook_sale(x, o, n, cause));
	if (e == D.so)
		return (hook_order(x, o, n, cause));
	if (e == D.prod)
		return (hook_product(x, o, n, cause));
	if (e == D.cust) {
		if (o != NULL && n != NULL && record_int(o, D.cu_mgr) !=
		    record_int(n, D.cu_mgr))
			return (hook_cust_mgr(x, o, n, cause));
		return (ST_OK);
	}
	if (e == D.task || e == D.deal)
		return (hook_mine(x, o, n, cause));
	if (e == D.acc || e == D.stage)
		tx_touch(x);
	return (ST_OK);
}

/*
 * Installed before main(): every program that links the model (the
 * server, the tests, the benches) keeps the aggregates, whoever opens the
 * store.  dash.o is linked wherever model.o is (model_check calls
 * dash_check).  Only the hooks: their look-ups wait for the first write.
 */
static void dash_register(void) __attribute__((constructor));

static void
dash_register(void)
{
	store_set_write_hook(dash_hook);
	store_set_commit_hook(dash_commit, dash_drop);
}

/* --- what the documents add up to (rebuild, check) ------------------------- */

/* A map of aggregate rows by code: what they should hold. */
struct want {
	const struct entity_def	*e;
	char			*code;
	struct agg_key		 k;
	char			 kind[16];
	int64_t			 v[MAXV];
	int			 seen;
};
struct wants {
	struct want	*v;
	size_t		 n, cap;	/* cap: a power of two, open hash */
	size_t		 first;		/* the first cap (0: 1024) */
};

static uint64_t
hash_str(const char *s, const struct entity_def *e)
{
	uint64_t	 h = 1469598103934665603ull ^ (uint64_t)(uintptr_t)e;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (h);
}

static struct want *
wants_get(struct wants *w, const struct entity_def *e, const char *code,
    const struct agg_key *k)
{
	struct want	*old;
	size_t		 i, ocap;

	if ((w->n + 1) * 2 > w->cap) {
		old = w->v;
		ocap = w->cap;
		w->cap = w->cap != 0 ? w->cap * 2 : w->first != 0 ?
		    w->first : 1024;
		w->v = xcalloc(w->cap, sizeof *w->v);
		for (i = 0; i < ocap; i++) {
			size_t	 j;

			if (old[i].code == NULL)
				continue;
			j = hash_str(old[i].code, old[i].e) & (w->cap - 1);
			while (w->v[j].code != NULL)
				j = (j + 1) & (w->cap - 1);
			w->v[j] = old[i];
		}
		free(old);
	}
	i = hash_str(code, e) & (w->cap - 1);
	while (w->v[i].code != NULL) {
		if (w->v[i].e == e && strcmp(w->v[i].code, code) == 0)
			return (&w->v[i]);
		i = (i + 1) & (w->cap - 1);
	}
	if (k == NULL)
		return (NULL);
	w->v[i].e = e;
	w->v[i].code = xstrdup(code);
	w->v[i].k = *k;
	if (k->kind != NULL)
		snprintf(w->v[i].kind, sizeof w->v[i].kind, "%s", k->kind);
	w->v[i].k.kind = NULL;
	w->n++;
	return (&w->v[i]);
}

static void
wants_free(struct wants *w)
{
	size_t	 i;

	for (i = 0; i < w->cap; i++)
		free(w->v[i].code);
	free(w->v);
	memset(w, 0, sizeof *w);
}

static void
want_add(struct wants *w, const struct entity_def *e, const char *code,
    const struct agg_key *k, const int64_t *d, size_t n)
{
	struct want	*t = wants_get(w, e, code, k);
	size_t		 i;

	for (i = 0; i < n; i++)
		t->v[i] += d[i];
}

/*
 * A transaction's changes to the aggregates are summed in memory (one
 * entry per row whatever the number of documents, lines and moves) and
 * written when it commits (dash_commit), in the order of their codes, so
 * that two postings take the rows' locks in the same order.
 */
static int
agg_add(struct tx *x, const struct entity_def *e, const char *code,
    const struct agg_key *k, const int64_t *d, char **cause)
{
	struct wants	**w = (struct wants **)tx_hook_state(x);
	size_t		 i, n;

	(void)cause;
	agg_pos(e, &n);
	for (i = 0; i < n && d[i] == 0; i++)
		;
	if (i == n)
		return (ST_OK);
	tx_touch(x);
	if (*w == NULL) {
		*w = xcalloc(1, sizeof **w);
		(*w)->first = 16;
	}
	want_add(*w, e, code, k, d, n);
	return (ST_OK);
}

static int
pending_cmp(const void *a, const void *b)
{
	const struct want	*x = *(const struct want *const *)a;
	const struct want	*y = *(const struct want *const *)b;
	int			 c = strcmp(x->e->name, y->e->name);

	return (c != 0 ? c : strcmp(x->code, y->code));
}

static int
dash_commit(struct tx *x, void *state, char **cause)
{
	struct wants	 *w = state;
	struct want	**v;
	struct agg_key	  k;
	size_t		  i, n;
	int		  rc = ST_OK;

	v = xreallocarray(NULL, w->n + 1, sizeof *v);
	for (i = n = 0; i < w->cap; i++)
		if (w->v[i].code != NULL)
			v[n++] = &w->v[i];
	xqsort(v, n, sizeof *v, pending_cmp);
	for (i = 0; i < n && rc == ST_OK; i++) {
		k = v[i]->k;
		k.kind = v[i]->kind[0] != '\0' ? v[i]->kind : NULL;
		rc = agg_write(x, v[i]->e, v[i]->code, &k, v[i]->v, cause);
	}
	free(v);
	return (rc);
}

static void
dash_drop(void *state)
{
	wants_free(state);
	free(state);
}

/* A small map of ids to up to four numbers. */
struct idmap {
	uint64_t	*id;
	int64_t		(*v)[4];
	size_t		 n, cap;
};

static int64_t *
idmap_get(struct idmap *m, uint64_t id, int make)
{
	size_t	 i, j, ocap;

	if (make && (m->n + 1) * 2 > m->cap) {
		uint64_t	*oid = m->id;
		int64_t		(*ov)[4] = m->v;

		ocap = m->cap;
		m->cap = m->cap == 0 ? 1024 : m->cap * 2;
		m->id = xcalloc(m->cap, sizeof *m->id);
		m->v = xcalloc(m->cap, sizeof *m->v);
		for (i = 0; i < ocap; i++) {
			if (oid[i] == 0)
				continue;
			j = (oid[i] * 11400714819323198485ull) >> 20 &
			    (m->cap - 1);
			while (m->id[j] != 0)
				j = (j + 1) & (m->cap - 1);
			m->id[j] = oid[i];
			memcpy(m->v[j], ov[i], sizeof ov[i]);
		}
		free(oid);
		free(ov);
	}
	if (m->cap == 0 || id == 0)
		return (NULL);
	i = (id * 11400714819323198485ull) >> 20 & (m->cap - 1);
	while (m->id[i] != 0) {
		if (m->id[i] == id)
			return (m->v[i]);
		i = (i + 1) & (m->cap - 1);
	}
	if (!make)
		return (NULL);
	m->id[i] = id;
	m->n++;
	return (m->v[i]);
}

static void
idmap_free(struct idmap *m)
{
	free(m->id);
	free(m->v);
	memset(m, 0, sizeof *m);
}

struct sum {
	struct wants	 w;
	struct idmap	 cmgr;		/* customer -> manager */
	struct idmap	 omgr;		/* order -> manager */
	struct idmap	 ship;		/* shipment -> order, customer, wh */
	struct idmap	 pkind;		/* product -> kind index */
	char		 kinds[8][16];
	int		 nkinds;
};

static int
sum_cust(const struct record *r, void *arg)
{
	struct sum	*s = arg;

	if (record_int(r, D.cu_mgr) != 0)
		idmap_get(&s->cmgr, record_id(r), 1)[0] =
		    record_int(r, D.cu_mgr);
	return (0);
}

static void
want_order(struct sum *s, const struct record *r)
{
	struct agg_key	 k;
	struct oc	 c;
	char		 code[64];

	order_of(r, &c);
	if (!c.on)
		return;
	memset(&k, 0, sizeof k);
	k.date = c.date;
	k.mid = c.mid;
	order_code(code, sizeof code, c.date, c.mid);
	want_add(&s->w, D.orders, code, &k, c.v, NOV);
	k.mid = 0;
	day_code(code, sizeof code, c.date);
	want_add(&s->w, D.orders, code, &k, c.v, NOV);
}

static int
sum_order(const struct record *r, void *arg)
{
	struct sum	*s = arg;

	if (record_int(r, D.so_mgr) != 0)
		idmap_get(&s->omgr, record_id(r), 1)[0] =
		    record_int(r, D.so_mgr);
	want_order(s, r);
	return (0);
}

static uint64_t
sum_manager(struct sum *s, uint64_t order, uint64_t cust)
{
	int64_t	*v;

	if (order != 0 && (v = idmap_get(&s->omgr, order, 0)) != NULL &&
	    v[0] != 0)
		return ((uint64_t)v[0]);
	if (cust != 0 && (v = idmap_get(&s->cmgr, cust, 0)) != NULL)
		return ((uint64_t)v[0]);
	return (0);
}

static void
want_sale(struct sum *s, const struct sc *c)
{
	struct agg_key	 k;
	char		 code[64];

	memset(&k, 0, sizeof k);
	k.date = c->date;
	k.wid = c->wid;
	k.mid = c->mid;
	sales_code(code, sizeof code, c->date, c->wid, c->mid);
	want_add(&s->w, D.sales, code, &k, c->v, NSV);
	k.wid = k.mid = 0;
	day_code(code, sizeof code, c->date);
	want_add(&s->w, D.sales, code, &k, c->v, NSV);
}

static int
sum_ship(const struct record *r, void *arg)
{
	struct sum	*s = arg;
	struct sc	 c;
	int64_t		*v;

	v = idmap_get(&s->ship, record_id(r), 1);
	v[0] = record_int(r, D.sh_order);
	v[1] = record_int(r, D.sh_cust);
	v[2] = record_int(r, D.sh_wh);
	sale_of(NULL, r, 1, &c);
	if (!c.on)
		return (0);
	c.mid = sum_manager(s, (uint64_t)v[0], (uint64_t)v[1]);
	want_sale(s, &c);
	return (0);
}

static int
sum_ret(const struct record *r, void *arg)
{
	struct sum	*s = arg;
	struct sc	 c;
	int64_t		*v;

	if (!is(record_str(r, D.rt_status), "posted"))
		return (0);
	memset(&c, 0, sizeof c);
	c.on = 1;
	c.date = record_int(r, D.rt_date);
	c.wid = (uint64_t)record_int(r, D.rt_wh);
	c.v[0] = -record_int(r, D.rt_gross);
	c.v[1] = -record_int(r, D.rt_cost);
	c.v[3] = -record_int(r, D.rt_net);
	if ((v = idmap_get(&s->ship, (uint64_t)record_int(r, D.rt_ship),
	    0)) != NULL) {
		if (c.wid == 0)
			c.wid = (uint64_t)v[2];
		c.mid = sum_manager(s, (uint64_t)v[0], (uint64_t)v[1]);
	}
	want_sale(s, &c);
	return (0);
}

static int
sum_prod(const struct record *r, void *arg)
{
	struct sum	*s = arg;
	const char	*k = kind_of(r);
	int		 i;

	for (i = 0; i < s->nkinds; i++)
		if (strcmp(s->kinds[i], k) == 0)
			break;
	if (i == s->nkinds) {
		if (s->nkinds == 8)
			return (0);
		snprintf(s->kinds[s->nkinds++], sizeof s->kinds[0], "%s", k);
	}
	idmap_get(&s->pkind, record_id(r), 1)[0] = i + 1;
	return (0);
}

static int
sum_stock(const struct record *r, void *arg)
{
	struct sum	*s = arg;
	struct agg_key	 k;
	int64_t		*v, d[NKV];
	char		 code[64];

	v = idmap_get(&s->pkind, (uint64_t)record_int(r, D.st_prod), 0);
	memset(&k, 0, sizeof k);
	k.kind = v != NULL ? s->kinds[v[0] - 1] : "goods";
	k.wid = (uint64_t)record_int(r, D.st_wh);
	d[0] = record_int(r, D.st_onhand);
	d[1] = record_int(r, D.st_value);
	snprintf(code, sizeof code, "k:%s:%llu", k.kind,
	    (unsigned long long)k.wid);
	want_add(&s->w, D.stk, code, &k, d, NKV);
	return (0);
}

static int
sum_bal(const struct record *r, void *arg)
{
	struct sum	*s = arg;
	struct agg_key	 k;
	struct due	*v;
	size_t		 n, i;
	char		 code[32];
	int		 side = record_isset(r, D.b_cust) ? 'r' : 'p';

	n = dues_of(r, &v);
	for (i = 0; i < n; i++) {
		memset(&k, 0, sizeof k);
		k.date = v[i].due;
		snprintf(code, sizeof code, "%c:%08lld", side,
		    (long long)v[i].due);
		want_add(&s->w, D.due, code, &k, &v[i].amount, NDV);
		k.date = 0;
		snprintf(code, sizeof code, "%c:all", side);
		want_add(&s->w, D.due, code, &k, &v[i].amount, NDV);
	}
	free(v);
	return (0);
}

static int
sum_mine(const struct record *r, void *arg)
{
	struct sum	*s = arg;
	struct mc	 c;

	mine_of(r, &c);
	if (c.on)
		want_add(&s->w, D.mine, c.code, &c.k, c.v, NMV);
	return (0);
}

static void
sum_free(struct sum *s)
{
	wants_free(&s->w);
	idmap_free(&s->cmgr);
	idmap_free(&s->omgr);
	idmap_free(&s->ship);
	idmap_free(&s->pkind);
}

/* What every aggregate row should hold, from the documents. */
static int
sum_all(struct store *st, struct sum *s)
{
	int	 rc;

	memset(s, 0, sizeof *s);
	if ((rc = store_each(st, D.cust, sum_cust, s)) != ST_OK ||
	    (rc = store_each(st, D.so, sum_order, s)) != ST_OK ||
	    (rc = store_each(st, D.ship, sum_ship, s)) != ST_OK ||
	    (rc = store_each(st, D.ret, sum_ret, s)) != ST_OK ||
	    (rc = store_each(st, D.prod, sum_prod, s)) != ST_OK ||
	    (rc = store_each(st, D.stock, sum_stock, s)) != ST_OK ||
	    (rc = store_each(st, D.bal, sum_bal, s)) != ST_OK ||
	    (rc = store_each(st, D.task, sum_mine, s)) != ST_OK ||
	    (rc = store_each(st, D.deal, sum_mine, s)) != ST_OK)
		sum_free(s);
	return (rc);
}

/* --- check --------------------------------------------------------------- */

struct cmp {
	struct sum	*s;
	struct buf	 found;
	int		 bad;
};

/* An aggregate's figure as messages write it: money and quantities
 * grouped, for people; counts as they are. */
static const char *
agg_text(const struct field_def *f, int64_t v, char *buf, size_t len)
{
	if (f->type == FT_MONEY)
		return (money_people(v, buf, len));
	if (f->type == FT_QTY)
		qty_format_grouped(v, buf, len);
	else
		snprintf(buf, len, "%lld", (long long)v);
	return (buf);
}

static void
cmp_bad(struct cmp *c, const struct entity_def *e, const char *code,
    const int64_t *have, const int64_t *want)
{
	const int	*pos;
	char		 h[32], w[32];
	size_t		 i, n;

	pos = agg_pos(e, &n);
	for (i = 0; i < n; i++) {
		if (have[i] == want[i])
			continue;
		buf_printf(&c->found, _("%s %s: %s is %s, the documents add "
		    "up to %s\n"), e->name, code, e->fields[pos[i]].name,
		    agg_text(&e->fields[pos[i]], have[i], h, sizeof h),
		    agg_text(&e->fields[pos[i]], want[i], w, sizeof w));
		c->bad++;
	}
}

static int
cmp_row(const struct record *r, void *arg)
{
	struct cmp	*c = arg;
	struct want	*t;
	const int	*pos;
	int64_t		 have[MAXV], zero[MAXV];
	size_t		 i, n;

	pos = agg_pos(r->ent, &n);
	for (i = 0; i < n; i++)
		have[i] = record_int(r, pos[i]);
	memset(zero, 0, sizeof zero);
	t = wants_get(&c->s->w, r->ent, record_str(r, FX_CODE) ?
	    record_str(r, FX_CODE) : "", NULL);
	if (t != NULL)
		t->seen = 1;
	cmp_bad(c, r->ent, record_str(r, FX_CODE) ? record_str(r, FX_CODE) :
	    "?", have, t != NULL ? t->v : zero);
	return (0);
}

static int
compare(struct store *st, struct sum *s, struct cmp *c)
{
	static const struct entity_def	**aggs[] = { &D.sales, &D.orders,
					    &D.stk, &D.due, &D.mine };
	int64_t				 zero[MAXV];
	size_t				 i, n;
	int				 rc;

	memset(c, 0, sizeof *c);
	c->s = s;
	for (i = 0; i < 5; i++)
		if ((rc = store_each(st, *aggs[i], cmp_row, c)) != ST_OK) {
			buf_printf(&c->found, _("%s: cannot be read\n"),
			    (*aggs[i])->name);
			c->bad++;
		}
	memset(zero, 0, sizeof zero);
	for (i = 0; i < s->w.cap; i++) {
		struct want	*t = &s->w.v[i];

		if (t->code == NULL || t->seen)
			continue;
		agg_pos(t->e, &n);
		if (memcmp(t->v, zero, n * sizeof *zero) == 0)
			continue;
		buf_printf(&c->found, _("%s %s: missing\n"), t->e->name,
		    t->code);
		cmp_bad(c, t->e, t->code, zero, t->v);
	}
	return (c->bad);
}

int
dash_check(struct store *st, struct buf *report)
{
	struct sum	 s;
	struct cmp	 c;
	int		 tries, bad = 0;

	dash_init();
	/*
	 * The documents and the aggregates are read a page at a time
	 * while clerks post: a posting that falls between the two reads
	 * looks like a difference.  One that is real is there again.
	 */
	for (tries = 0; tries < 3; tries++) {
		if (sum_all(st, &s) != ST_OK) {
			buf_printf(report, _("dashboard: the documents cannot "
			    "be read\n"));
			return (1);
		}
		bad = compare(st, &s, &c);
		sum_free(&s);
		if (bad == 0 || tries == 2) {
			if (bad != 0)
				buf_add(report, c.found.data, c.found.len);
			buf_free(&c.found);
			break;
		}
		buf_free(&c.found);
	}
	return (bad);
}

/* --- rebuild --------------------------------------------------------------- */

struct fix {
	struct sum	*s;
	const struct entity_def	*e;
	size_t		 from;		/* wants' slot to go on from */
	size_t		 done;
};

/* Set an aggregate row to what it should hold. */
static int
fix_row(struct tx *x, const struct entity_def *e, const char *code,
    const struct agg_key *k, const char *kind, const int64_t *want,
    char **cause)
{
	struct agg_key	 kk = *k;
	struct record	*r;
	uint64_t	 id;
	const int	*pos;
	int64_t		 d[MAXV];
	size_t		 i, n;
	int		 rc;

	pos = agg_pos(e, &n);
	rc = tx_find_code(x, e, code, &id);
	if (rc == ST_OK) {
		if ((rc = tx_get(x, e, id, 1, &r)) != ST_OK)
			return (rc);
		for (i = 0; i < n; i++)
			d[i] = want[i] - record_int(r, pos[i]);
		record_free(r);
	} else if (rc == ST_NOTFOUND)
		memcpy(d, want, n * sizeof *d);
	else
		return (rc);
	kk.kind = kind;
	return (agg_add(x, e, code, &kk, d, cause));
}

static int
fix_wants_tx(struct tx *x, void *arg, char **cause)
{
	struct fix	*f = arg;
	size_t		 i, n = 0;
	int		 rc;

	for (i = f->from; i < f->s->w.cap && n < 500; i++) {
		struct want	*t = &f->s->w.v[i];

		if (t->code == NULL)
			continue;
		if ((rc = fix_row(x, t->e, t->code, &t->k, t->kind, t->v,
		    cause)) != ST_OK)
			return (rc);
		n++;
	}
	f->done = i;
	return (ST_OK);
}

struct zero {
	struct sum	*s;
	uint64_t	*ids;
	size_t		 n;
};

static int
zero_collect(const struct record *r, void *arg)
{
	struct zero	*z = arg;

	if (wants_get(&z->s->w, r->ent, record_str(r, FX_CODE) ?
	    record_str(r, FX_CODE) : "", NULL) != NULL)
		return (0);
	z->ids = xreallocarray(z->ids, z->n + 1, sizeof *z->ids);
	z->ids[z->n++] = record_id(r);
	return (0);
}

struct zero_run {
	const struct entity_def	*e;
	const uint64_t		*ids;
	size_t			 n;
};

static int
zero_tx(struct tx *x, void *arg, char **cause)
{
	struct zero_run	*z = arg;
	struct record	*r;
	const int	*pos;
	size_t		 i, j, n;
	int		 rc;

	pos = agg_pos(z->e, &n);
	for (i = 0; i < z->n; i++) {
		if ((rc = tx_get(x, z->e, z->ids[i], 1, &r)) != ST_OK)
			return (rc == ST_NOTFOUND ? ST_OK : rc);
		for (j = 0; j < n; j++)
			record_set_int(r, pos[j], 0);
		rc = tx_update(x, r, record_rev(r), cause);
		record_free(r);
		if (rc != ST_OK)
			return (rc);
	}
	return (ST_OK);
}

int
dash_rebuild(struct store *st, char **cause)
{
	static const struct entity_def	**aggs[] = { &D.sales, &D.orders,
					    &D.stk, &D.due, &D.mine };
	struct sum			 s;
	struct fix			 f;
	struct zero			 z;
	struct zero_run			 zr;
	size_t				 i, k;
	int				 rc;

	dash_init();
	if ((rc = sum_all(st, &s)) != ST_OK) {
		xasprintf(cause, _("dashboard: the documents cannot be read"));
		return (-1);
	}
	/* The rows nothing adds up to any more: zero. */
	for (i = 0; i < 5; i++) {
		memset(&z, 0, sizeof z);
		z.s = &s;
		if ((rc = store_each(st, *aggs[i], zero_collect, &z)) !=
		    ST_OK) {
			free(z.ids);
			goto fail;
		}
		for (k = 0; k < z.n; k += 500) {
			zr.e = *aggs[i];
			zr.ids = z.ids + k;
			zr.n = z.n - k < 500 ? z.n - k : 500;
			if ((rc = store_run(st, "dashboard", "-", zero_tx, &zr,
			    cause)) != ST_OK) {
				free(z.ids);
				goto fail;
			}
		}
		free(z.ids);
	}
	memset(&f, 0, sizeof f);
	f.s = &s;
	while (f.from < s.w.cap) {
		if ((rc = store_run(st, "dashboard", "-", fix_wants_tx, &f,
		    cause)) != ST_OK)
			goto fail;
		f.from = f.done;
	}
	sum_free(&s);
	return (0);
fail:
	sum_free(&s);
	if (*cause == NULL)
		xasprintf(cause, _("dashboard: cannot rebuild"));
	return (-1);
}

static int
meta_tx(struct tx *x, void *arg, char **cause)
{
	(void)arg;
	(void)cause;
	return (tx_meta_put(x, "dash", "1"));
}

int
dash_open(struct store *st, char **cause)
{
	char	*v;
	int	 rc;

	dash_init();
	store_set_write_hook(dash_hook);
	v = store_meta_get(st, "dash");
	rc = v != NULL && strcmp(v, "1") == 0;
	free(v);
	if (rc)
		return (0);
	if (dash_rebuild(st, cause) != 0)
		return (-1);
	if (store_run(st, "dashboard", "-", meta_tx, NULL, cause) != ST_OK)
		return (-1);
	return (0);
}

/* --- the figures ------------------------------------------------------------ */

static void
fig(struct dash_figs *f, const char *figure, const char *key, char unit,
    int64_t value)
{
	struct dash_fig	*g;

	f->v = xreallocarray(f->v, f->n + 1, sizeof *f->v);
	g = &f->v[f->n++];
	snprintf(g->figure, sizeof g->figure, "%s", figure);
	g->key = xstrdup(key);
	g->unit = unit;
	g->value = value;
}

void
dash_figs_free(struct dash_figs *f)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		free(f->v[i].key);
	free(f->v);
	memset(f, 0, sizeof *f);
}

/*
 * Each figure is read in one read-committed transaction of its own: a few
 * gets and one cursor walk over a short range of an aggregate's codes.
 */

static int64_t
month_start(int64_t d)
{
	return (d / 100 * 100 + 1);
}

static int64_t
last_month_same(int64_t today)
{
	int64_t	 y = today / 10000, m = today / 100 % 100, d = today % 100;

	if (--m == 0) {
		m = 12;
		y--;
	}
	while (d > 28 && !date_valid((int)y, (int)m, (int)d))
		d--;
	return (y * 10000 + m * 100 + d);
}

static void
date_key(int64_t d, char *buf, size_t len)
{
	snprintf(buf, len, "%04d-%02d-%02d", (int)(d / 10000 % 10000),
	    (int)(d / 100 % 100), (int)(d % 100));
}

/* The day rows ("t:") of an aggregate from a day to another: their sums
 * by day, in days[] (from the first day on). */
#define MAXDAYS	70
struct days {
	const struct entity_def	*e;
	int			 dpos;
	const int		*vpos;
	size_t			 nv;
	int64_t			 from, to;
	int64_t			 date[MAXDAYS];
	int64_t			 v[MAXDAYS][MAXV];
	size_t			 n;
};

static int
days_row(const struct record *r, void *arg)
{
	struct days	*g = arg;
	const char	*c = record_str(r, FX_CODE);
	int64_t		 d = record_int(r, g->dpos);
	size_t		 i;

	if (c == NULL || c[0] != 't' || d > g->to || g->n == MAXDAYS)
		return (1);
	g->date[g->n] = d;
	for (i = 0; i < g->nv; i++)
		g->v[g->n][i] = record_int(r, g->vpos[i]);
	g->n++;
	return (0);
}

static int
days_read(struct tx *x, struct days *g)
{
	struct value	 v;
	char		 code[32];
	int		 rc;

	g->n = 0;
	day_code(code, sizeof code, g->from);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = code;
	rc = tx_range(x, g->e, FX_CODE, &v, days_row, g);
	return (rc == 1 ? ST_OK : rc);
}

struct rd {
	int64_t			 today;
	uint64_t		 user;
	struct dash_figs	 f;
};

static int
sales_tx(struct tx *x, void *arg, char **cause)
{
	struct rd	*a = arg;
	struct dash_figs *f = &a->f;
	struct days	 g;
	int64_t		 today = a->today;
	int64_t		 first = date_add_days(today, -(DASH_DAYS - 1));
	int64_t		 lm_to = last_month_same(today);
	int64_t		 lm_from = month_start(lm_to);
	int64_t		 week = date_add_days(today, -7);
	int64_t		 t[NSV], w[NSV], mtd[NSV], lm[NSV];
	char		 key[32];
	size_t		 i, j, k;
	int		 rc;

	(void)cause;
	dash_figs_free(f);
	memset(t, 0, sizeof t);
	memset(w, 0, sizeof w);
	memset(mtd, 0, sizeof mtd);
	memset(lm, 0, sizeof lm);
	memset(&g, 0, sizeof g);
	g.e = D.sales;
	g.dpos = D.as_date;
	g.vpos = D.as_v;
	g.nv = NSV;
	g.from = lm_from < first ? lm_from : first;
	g.to = today;
	if ((rc = days_read(x, &g)) != ST_OK)
		return (rc);
	for (i = 0; i < g.n; i++) {
		int64_t	 d = g.date[i];

		for (j = 0; j < NSV; j++) {
			if (d == today)
				t[j] += g.v[i][j];
			if (d == week)
				w[j] += g.v[i][j];
			if (d >= month_start(today))
				mtd[j] += g.v[i][j];
			if (d >= lm_from && d <= lm_to)
				lm[j] += g.v[i][j];
		}
	}
	fig(f, "sales_today", "gross", 'm', t[0]);
	fig(f, "sales_today", "margin", 'm', t[3] - t[1]);
	fig(f, "sales_today", "shipments", 'n', t[2]);
	fig(f, "sales_week_ago", "gross", 'm', w[0]);
	fig(f, "sales_week_ago", "margin", 'm', w[3] - w[1]);
	fig(f, "sales_mtd", "gross", 'm', mtd[0]);
	fig(f, "sales_mtd", "margin", 'm', mtd[3] - mtd[1]);
	fig(f, "sales_last_mtd", "gross", 'm', lm[0]);
	fig(f, "sales_last_mtd", "margin", 'm', lm[3] - lm[1]);
	for (j = 0, k = 0; j < DASH_DAYS; j++) {
		int64_t	 d = date_add_days(first, (int64_t)j), v = 0;

		while (k < g.n && g.date[k] < d)
			k++;
		if (k < g.n && g.date[k] == d)
			v = g.v[k][0];
		date_key(d, key, sizeof key);
		fig(f, "spark_sales", key, 'm', v);
	}
	return (ST_OK);
}

static int
orders_tx(struct tx *x, void *arg, char **cause)
{
	struct rd	*a = arg;
	struct dash_figs *f = &a->f;
	struct days	 g;
	int64_t		 today = a->today;
	int64_t		 first = date_add_days(today, -(DASH_DAYS - 1));
	int64_t		 t[NOV];
	char		 key[32];
	size_t		 i, j, k;
	int		 rc;

	(void)cause;
	dash_figs_free(f);
	memset(t, 0, sizeof t);
	memset(&g, 0, sizeof g);
	g.e = D.orders;
	g.dpos = D.ao_date;
	g.vpos = D.ao_v;
	g.nv = NOV;
	g.from = first;
	g.to = today;
	if ((rc = days_read(x, &g)) != ST_OK)
		return (rc);
	for (i = 0; i < g.n; i++)
		if (g.date[i] == today)
			for (j = 0; j < NOV; j++)
				t[j] += g.v[i][j];
	fig(f, "orders_today", "confirmed", 'n', t[0]);
	fig(f, "orders_today", "confirmed_sum", 'm', t[1]);
	fig(f, "orders_today", "draft", 'n', t[2]);
	fig(f, "orders_today", "draft_sum", 'm', t[3]);
	for (j = 0, k = 0; j < DASH_DAYS; j++) {
		int64_t	 d = date_add_days(first, (int64_t)j), c = 0;

		while (k < g.n && g.date[k] < d)
			k++;
		if (k < g.n && g.date[k] == d)
			c = g.v[k][0] + g.v[k][2];
		date_key(d, key, sizeof key);
		fig(f, "spark_orders", key, 'n', c);
	}
	return (ST_OK);
}

struct fin {
	struct tx		*x;
	struct dash_figs	*f;
	int			 rc;
};

static int
fin_row(const struct record *r, void *arg)
{
	struct fin	*a = arg;
	struct record	*w;
	const char	*c = record_str(r, FX_CODE), *wc;

	if (c == NULL || strncmp(c, "k:finished:", 11) != 0)
		return (1);
	if (record_int(r, D.ak_v[0]) == 0 && record_int(r, D.ak_v[1]) == 0)
		return (0);
	if ((a->rc = tx_get(a->x, D.wh, (uint64_t)record_int(r, D.ak_wh), 0,
	    &w)) != ST_OK && a->rc != ST_NOTFOUND)
		return (1);
	if (a->rc == ST_NOTFOUND)
		w = NULL;
	a->rc = ST_OK;
	wc = w != NULL && record_str(w, FX_CODE) != NULL ?
	    record_str(w, FX_CODE) : c + 11;
	fig(a->f, "finished_qty", wc, 'q', record_int(r, D.ak_v[0]));
	fig(a->f, "finished_value", wc, 'm', record_int(r, D.ak_v[1]));
	record_free(w);
	return (0);
}

static int
finished_tx(struct tx *x, void *arg, char **cause)
{
	struct rd	*a = arg;
	struct fin	 g;
	struct value	 v;
	int		 rc;

	(void)cause;
	dash_figs_free(&a->f);
	g.x = x;
	g.f = &a->f;
	g.rc = ST_OK;
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)"k:finished:";
	rc = tx_range(x, D.stk, FX_CODE, &v, fin_row, &g);
	if (rc != ST_OK && rc != 1)
		return (rc);
	return (g.rc);
}

/* The total of a side's open ("r:all") and of its due dates after
 * after: a range read of the dates still to come. */
struct later {
	int		 side;
	int64_t		 sum;
};

static int
later_row(const struct record *r, void *arg)
{
	struct later	*l = arg;
	const char	*c = record_str(r, FX_CODE);

	if (c == NULL || c[0] != l->side || c[2] < '0' || c[2] > '9')
		return (1);
	l->sum += record_int(r, D.ad_v[0]);
	return (0);
}

static int
due_read(struct tx *x, int side, int64_t after, int64_t *all,
    int64_t *later)
{
	struct record	*r;
	struct later	 l;
	struct value	 v;
	uint64_t	 id;
	char		 code[32];
	int		 rc;

	*all = *later = 0;
	snprintf(code, sizeof code, "%c:all", side);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = code;
	rc = tx_find(x, D.due, FX_CODE, &v, &id);
	if (rc == ST_OK && (rc = tx_get(x, D.due, id, 0, &r)) == ST_OK) {
		*all = record_int(r, D.ad_v[0]);
		record_free(r);
	}
	if (rc != ST_OK && rc != ST_NOTFOUND)
		return (rc);
	snprintf(code, sizeof code, "%c:%08lld", side, (long long)after + 1);
	l.side = side;
	l.sum = 0;
	rc = tx_range(x, D.due, FX_CODE, &v, later_row, &l);
	if (rc != ST_OK && rc != 1)
		return (rc);
	*later = l.sum;
	return (ST_OK);
}

struct money_read {
	int64_t		 cash, bank;
};

static int
acc_add(const struct record *r, void *arg)
{
	struct money_read	*m = arg;

	if (record_int(r, D.ac_inactive))
		return (0);
	if (is(record_str(r, D.ac_kind), "cash"))
		m->cash += record_int(r, D.ac_bal);
	else
		m->bank += record_int(r, D.ac_bal);
	return (0);
}

static int
money_tx(struct tx *x, void *arg, char **cause)
{
	struct rd		*a = arg;
	struct dash_figs	*f = &a->f;
	struct money_read	 m;
	int64_t			 all, later, sunday, today = a->today;
	int			 rc;

	(void)cause;
	dash_figs_free(f);
	memset(&m, 0, sizeof m);
	if ((rc = tx_each(x, D.acc, acc_add, &m)) != ST_OK)
		return (rc);
	fig(f, "cash", "balance", 'm', m.cash);
	fig(f, "bank", "balance", 'm', m.bank);
	/* Overdue: all that is open less what falls due today and later. */
	if ((rc = due_read(x, 'r', date_add_days(today, -1), &all, &later)) !=
	    ST_OK)
		return (rc);
	fig(f, "receivables", "overdue", 'm', all - later);
	fig(f, "receivables", "open", 'm', all);
	/* Due by Sunday, overdue included: all less what falls due after. */
	sunday = date_add_days(today, 6 - date_weekday(today));
	if ((rc = due_read(x, 'p', sunday, &all, &later)) != ST_OK)
		return (rc);
	fig(f, "payables", "this_week", 'm', all - later);
	fig(f, "payables", "open", 'm', all);
	return (ST_OK);
}

struct stages {
	struct record	**v;
	size_t		  n;
};

static int
stage_add(const struct record *r, void *arg)
{
	struct stages	*g = arg;

	if (!is(record_str(r, D.g_kind), "open"))
		return (0);
	g->v = xreallocarray(g->v, g->n + 1, sizeof *g->v);
	g->v[g->n++] = record_dup(r);
	return (0);
}

static int
stage_cmp(const void *a, const void *b)
{
	int64_t	 x = record_int(*(struct record *const *)a, D.g_pos);
	int64_t	 y = record_int(*(struct record *const *)b, D.g_pos);

	return (x < y ? -1 : x > y);
}

struct mine {
	const char	*prefix;
	size_t		 len;
	int64_t		 today, due_today, overdue;
	struct stages	*g;
	int64_t		*cnt, *sum;
};

static int
mine_task(const struct record *r, void *arg)
{
	struct mine	*m = arg;
	const char	*c = record_str(r, FX_CODE);
	int64_t		 d = record_int(r, D.am_date);

	if (c == NULL || strncmp(c, m->prefix, m->len) != 0)
		return (1);
	if (d < m->today)
		m->overdue += record_int(r, D.am_v[0]);
	else if (d == m->today)
		m->due_today += record_int(r, D.am_v[0]);
	else
		return (1);	/* the days after today: not wanted */
	return (0);
}

static int
mine_deal(const struct record *r, void *arg)
{
	struct mine	*m = arg;
	const char	*c = record_str(r, FX_CODE);
	size_t		 j;

	if (c == NULL || strncmp(c, m->prefix, m->len) != 0)
		return (1);
	for (j = 0; j < m->g->n; j++)
		if ((uint64_t)record_int(r, D.am_stage) ==
		    record_id(m->g->v[j])) {
			m->cnt[j] += record_int(r, D.am_v[0]);
			m->sum[j] += record_int(r, D.am_v[1]);
		}
	return (0);
}

static int
mine_tx(struct tx *x, void *arg, char **cause)
{
	struct rd	*a = arg;
	struct dash_figs *f = &a->f;
	struct stages	 g;
	struct mine	 m;
	struct value	 v;
	char		 prefix[48], key[64];
	size_t		 j;
	int		 rc;

	(void)cause;
	dash_figs_free(f);
	memset(&m, 0, sizeof m);
	memset(&g, 0, sizeof g);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = prefix;
	snprintf(prefix, sizeof prefix, "t:%llu:", (unsigned long long)a->user);
	m.prefix = prefix;
	m.len = strlen(prefix);
	m.today = a->today;
	rc = tx_range(x, D.mine, FX_CODE, &v, mine_task, &m);
	if (rc != ST_OK && rc != 1)
		return (rc);
	fig(f, "tasks", "today", 'n', m.due_today);
	fig(f, "tasks", "overdue", 'n', m.overdue);
	if ((rc = tx_each(x, D.stage, stage_add, &g)) != ST_OK)
		goto out;
	if (g.n > 1)
		xqsort(g.v, g.n, sizeof *g.v, stage_cmp);
	m.g = &g;
	m.cnt = xcalloc(g.n + 1, sizeof *m.cnt);
	m.sum = xcalloc(g.n + 1, sizeof *m.sum);
	snprintf(prefix, sizeof prefix, "d:%llu:", (unsigned long long)a->user);
	m.len = strlen(prefix);
	rc = tx_range(x, D.mine, FX_CODE, &v, mine_deal, &m);
	if (rc != ST_OK && rc != 1)
		goto out;
	rc = ST_OK;
	for (j = 0; j < g.n; j++) {
		const char	*name = record_str(g.v[j], D.g_name);

		snprintf(key, sizeof key, "%s", name != NULL ? name : "?");
		fig(f, "deals_count", key, 'n', m.cnt[j]);
		fig(f, "deals_sum", key, 'm', m.sum[j]);
	}
out:
	for (j = 0; j < g.n; j++)
		record_free(g.v[j]);
	free(g.v);
	free(m.cnt);
	free(m.sum);
	return (rc);
}

int
dash_read(struct store *st, unsigned parts, uint64_t user, int64_t today,
    struct dash_figs *f, char **cause)
{
	static const struct {
		unsigned	 part;
		tx_fn		 fn;
	} readers[] = {
		{ DASH_SALES, sales_tx },
		{ DASH_ORDERS, orders_tx },
		{ DASH_STOCK, finished_tx },
		{ DASH_MONEY, money_tx },
		{ DASH_MINE, mine_tx },
	};
	struct rd	 a;
	char		 key[32];
	size_t		 i, j;
	int		 rc = ST_OK;

	dash_init();
	memset(f, 0, sizeof *f);
	if (today == 0)
		today = date_today();
	date_key(today, key, sizeof key);
	fig(f, "today", key, 'd', today);
	for (i = 0; i < sizeof readers / sizeof readers[0]; i++) {
		if (!(parts & readers[i].part) ||
		    (readers[i].part == DASH_MINE && user == 0))
			continue;
		memset(&a, 0, sizeof a);
		a.today = today;
		a.user = user;
		rc = store_read(st, STORE_READ_COMMITTED, readers[i].fn, &a,
		    cause);
		if (rc != ST_OK) {
			dash_figs_free(&a.f);
			goto fail;
		}
		f->v = xreallocarray(f->v, f->n + a.f.n + 1, sizeof *f->v);
		for (j = 0; j < a.f.n; j++)
			f->v[f->n++] = a.f.v[j];
		free(a.f.v);
	}
	return (ST_OK);
fail:
	dash_figs_free(f);
	if (*cause == NULL)
		xasprintf(cause, _("the dashboard cannot be read now"));
	return (rc);
}

static int
dash_check_def(struct store *st, struct buf *report)
{
	return (dash_check(st, report) != 0 ? -1 : 0);
}

/* In the model's table for kontor check: the aggregates against the
 * documents. */
const struct model_def model_dash = {
	.entity = "dash_sales",
	.check = dash_check_def,
};
