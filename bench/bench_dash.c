/*
 * bench_dash: the dashboard's figures at scale, kontor beside SQLite's
 * indexed aggregate over the same data in the same run, and the bytes of
 * a dashboard refresh.
 *
 *	bench_dash [-T TMPDIR] [-k KONTOR] [-o ORDERS] [-m MOVES] [-r RUNS]
 *	    [-n CALLS] [--keep]
 *
 * The data (written straight into the store, the server stopped, in
 * transactions of BATCH records; the aggregates kept by the write hook as
 * any posting keeps them): ORDERS (200,000) sales orders over the last
 * 365 days (80 % confirmed, 10 % draft, 10 % cancelled), a posted
 * shipment for each confirmed one, MOVES (1,000,000) stock moves of 1,000
 * products (70 % goods, 20 % material, 10 % finished) in 3 warehouses with
 * their stock rows, 2,000 customers' balances with what is open by due
 * date (about 10 open documents each, due from 90 days ago to 30 ahead)
 * and 200 suppliers', 2,000 tasks and 5,000 deals of 10 managers.  SQLite
 * holds the same rows, each table with the covering index its figure
 * wants.
 *
 * Each figure is timed as the server computes it (dash_read() of that
 * part alone, in process): CALLS calls a run, RUNS runs; the table gives
 * the mean per call of each run, min / median / max over the runs, and
 * SQLite's query for the same figure timed the same way.  Then a server
 * is started on the home and a client asks as the home screen does:
 * the bytes (request + reply) when nothing changed and when one figure
 * did.
 */
#include "config.h"

#include <sys/types.h>

#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef HAVE_SQLITE3
#include <sqlite3.h>
#endif

#include "bench/bench.h"
#include "client/client.h"
#include "client/dash.h"
#include "client/records.h"
#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "model/dash.h"
#include "xmalloc.h"

#define BATCH		1000
#define NPROD		1000
#define NWH		3
#define NMGR		10
#define NCUST		2000
#define NSUP		200
#define NTASK		2000
#define NDEAL		5000
#define MAXRUNS		9

static int64_t		 norders = 200000;
static int64_t		 nmoves = 1000000;
static int		 nruns = 3;
static int		 ncalls = 200;
static int64_t		 today;
static uint64_t		 wids[NWH], mids[NMGR], cids[NCUST], sids[NSUP];
static uint64_t		 pids[NPROD], stages[8];
static int		 nstages;

#ifdef HAVE_SQLITE3
static sqlite3		*sq;
#endif

#define POS(e, n)	dict_field_pos(dict_entity(e), (n))

static const char *
pkind(unsigned i)
{
	return (i % 10 == 0 ? "finished" : i % 10 < 3 ? "material" : "goods");
}

struct gen {
	uint64_t	 seed;
	int64_t		 done, upto;
	const char	*what;
};

static int
put(struct tx *x, struct record *r, char **cause)
{
	int	 rc = tx_insert(x, r, cause);

	record_free(r);
	return (rc);
}

/* Masters: warehouses, managers, customers, suppliers, products. */
static int
masters_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*we = dict_entity("warehouses");
	const struct entity_def	*ue = dict_entity("users");
	const struct entity_def	*ce = dict_entity("customers");
	const struct entity_def	*se = dict_entity("suppliers");
	const struct entity_def	*pe = dict_entity("products");
	struct record		*r;
	char			 buf[64];
	unsigned		 i;
	int			 rc;

	(void)arg;
	for (i = 0; i < NWH; i++) {
		r = record_new(we);
		snprintf(buf, sizeof buf, "W%u", i);
		record_set_str(r, FX_CODE, buf);
		record_set_str(r, POS("warehouses", "name"), buf);
		if ((rc = tx_insert(x, r, cause)) != ST_OK)
			return (rc);
		wids[i] = record_id(r);
		record_free(r);
	}
	for (i = 0; i < NMGR; i++) {
		r = record_new(ue);
		snprintf(buf, sizeof buf, "mgr%u", i);
		record_set_str(r, FX_CODE, buf);
		record_set_str(r, POS("users", "name"), buf);
		record_set_str(r, POS("users", "roles"), "sales");
		if ((rc = tx_insert(x, r, cause)) != ST_OK)
			return (rc);
		mids[i] = record_id(r);
		record_free(r);
	}
	for (i = 0; i < NCUST; i++) {
		r = record_new(ce);
		snprintf(buf, sizeof buf, "Клиент %u", i);
		record_set_str(r, POS("customers", "name"), buf);
		record_set_str(r, POS("customers", "kind"), "company");
		record_set_int(r, POS("customers", "manager"),
		    (int64_t)mids[i % NMGR]);
		if ((rc = tx_insert(x, r, cause)) != ST_OK)
			return (rc);
		cids[i] = record_id(r);
		record_free(r);
	}
	for (i = 0; i < NSUP; i++) {
		r = record_new(se);
		snprintf(buf, sizeof buf, "Поставщик %u", i);
		record_set_str(r, POS("suppliers", "name"), buf);
		if ((rc = tx_insert(x, r, cause)) != ST_OK)
			return (rc);
		sids[i] = record_id(r);
		record_free(r);
	}
	for (i = 0; i < NPROD; i++) {
		r = record_new(pe);
		snprintf(buf, sizeof buf, "B-%04u", i);
		record_set_str(r, FX_CODE, buf);
		snprintf(buf, sizeof buf, "Товар %u", i);
		record_set_str(r, POS("products", "name"), buf);
		record_set_str(r, POS("products", "kind"), pkind(i));
		record_set_str(r, POS("products", "unit"), "pcs");
		if ((rc = tx_insert(x, r, cause)) != ST_OK)
			return (rc);
		pids[i] = record_id(r);
		record_free(r);
	}
	return (ST_OK);
}

static int
stage_id(const struct record *r, void *arg)
{
	(void)arg;
	if (nstages < 8 && strcmp(record_str(r, POS("deal_stages", "kind")),
	    "open") == 0)
		stages[nstages++] = record_id(r);
	return (0);
}

#ifdef HAVE_SQLITE3
static sqlite3_stmt	*ins[7];
static const char *const ins_sql[7] = {
	"INSERT INTO so(date, mgr, status, gross) VALUES (?, ?, ?, ?)",
	"INSERT INTO shp(date, wh, mgr, gross, net, cost) VALUES "
	    "(?, ?, ?, ?, ?, ?)",
	"INSERT INTO mv(product, wh, kind, qty, value) VALUES (?, ?, ?, ?, ?)",
	"INSERT INTO doc(side, due, open) VALUES (?, ?, ?)",
	"INSERT INTO task(assignee, due, status) VALUES (?, ?, ?)",
	"INSERT INTO deal(manager, stage, amount) VALUES (?, ?, ?)",
	"INSERT INTO acc(kind, balance) VALUES (?, ?)",
};

static void
sq_row(int i, const char *fmt, ...)
{
	va_list		 ap;
	sqlite3_stmt	*s = ins[i];
	int		 k;

	va_start(ap, fmt);
	for (k = 0; fmt[k] != '\0'; k++) {
		if (fmt[k] == 'i')
			sqlite3_bind_int64(s, k + 1, va_arg(ap, int64_t));
		else
			sqlite3_bind_text(s, k + 1, va_arg(ap, const char *),
			    -1, SQLITE_TRANSIENT);
	}
	va_end(ap);
	if (sqlite3_step(s) != SQLITE_DONE)
		die("sqlite insert: %s", sqlite3_errmsg(sq));
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}
#else
#define sq_row(...)	do { } while (0)
#endif

/* Orders and their shipments, BATCH orders a transaction. */
static int
orders_tx(struct tx *x, void *arg, char **cause)
{
	struct gen		*g = arg;
	const struct entity_def	*oe = dict_entity("sales_orders");
	const struct entity_def	*she = dict_entity("shipments");
	struct record		*r;
	uint64_t		 s = g->seed;
	int64_t			 i;
	int			 rc;

	for (i = g->done; i < g->upto; i++) {
		int64_t		 date = date_add_days(today, -(int64_t)rnd(&s,
				    365));
		unsigned	 m = rnd(&s, NMGR), c = rnd(&s, NCUST);
		unsigned	 w = rnd(&s, NWH), k = rnd(&s, 10);
		int64_t		 net = 1000 + rnd(&s, 500000);
		int64_t		 gross = net * 6 / 5, cost = net * 7 / 10;
		const char	*st = k == 0 ? "draft" : k == 1 ? "cancelled" :
				    "shipped";
		uint64_t	 oid;

		r = record_new(oe);
		record_set_int(r, POS("sales_orders", "customer"),
		    (int64_t)cids[c]);
		record_set_int(r, POS("sales_orders", "date"), date);
		record_set_int(r, POS("sales_orders", "warehouse"),
		    (int64_t)wids[w]);
		record_set_int(r, POS("sales_orders", "manager"),
		    (int64_t)mids[m]);
		record_set_str(r, POS("sales_orders", "status"), st);
		record_set_int(r, POS("sales_orders", "net"), net);
		record_set_int(r, POS("sales_orders", "gross"), gross);
		if ((rc = tx_insert(x, r, cause)) != ST_OK)
			return (rc);
		oid = record_id(r);
		record_free(r);
		sq_row(0, "iisi", date, (int64_t)m, st, gross);
		if (k < 2)
			continue;
		r = record_new(she);
		record_set_int(r, POS("shipments", "customer"),
		    (int64_t)cids[c]);
		record_set_int(r, POS("shipments", "order"), (int64_t)oid);
		record_set_int(r, POS("shipments", "date"), date);
		record_set_int(r, POS("shipments", "warehouse"),
		    (int64_t)wids[w]);
		record_set_str(r, POS("shipments", "status"), "posted");
		record_set_int(r, POS("shipments", "net"), net);
		record_set_int(r, POS("shipments", "gross"), gross);
		record_set_int(r, POS("shipments", "cost"), cost);
		if ((rc = put(x, r, cause)) != ST_OK)
			return (rc);
		sq_row(1, "iiiiii", date, (int64_t)w, (int64_t)m, gross, net,
		    cost);
	}
	g->seed = s;
	return (ST_OK);
}

/* Moves, and the stock rows they leave (each row written once a
 * transaction). */
static int64_t	 row_qty[NPROD][NWH], row_val[NPROD][NWH];
static uint64_t	 row_id[NPROD][NWH];

static int
moves_tx(struct tx *x, void *arg, char **cause)
{
	struct gen		*g = arg;
	const struct entity_def	*me = dict_entity("stock_moves");
	const struct entity_def	*se = dict_entity("stock");
	struct record		*r;
	static unsigned char	 dirty[NPROD][NWH];
	uint64_t		 s = g->seed;
	int64_t			 i, q, v;
	unsigned		 p, w;
	char			 key[48];
	int			 rc;

	memset(dirty, 0, sizeof dirty);
	for (i = g->done; i < g->upto; i++) {
		p = rnd(&s, NPROD);
		w = rnd(&s, NWH);
		q = (int64_t)(1 + rnd(&s, 20)) * 1000;
		if (rnd(&s, 3) == 0 && row_qty[p][w] >= q)
			q = -q;
		v = q > 0 ? q / 1000 * 10000 : (row_qty[p][w] == 0 ? 0 :
		    row_val[p][w] * q / row_qty[p][w]);
		r = record_new(me);
		record_set_int(r, POS("stock_moves", "date"),
		    date_add_days(today, -(int64_t)rnd(&s, 365)));
		record_set_str(r, POS("stock_moves", "kind"), q > 0 ?
		    "receipt" : "issue");
		record_set_int(r, POS("stock_moves", "product"),
		    (int64_t)pids[p]);
		record_set_int(r, POS("stock_moves", "warehouse"),
		    (int64_t)wids[w]);
		record_set_int(r, POS("stock_moves", "qty"), q);
		record_set_int(r, POS("stock_moves", "value"), v);
		if ((rc = put(x, r, cause)) != ST_OK)
			return (rc);
		row_qty[p][w] += q;
		row_val[p][w] += v;
		dirty[p][w] = 1;
		sq_row(2, "iisii", (int64_t)p, (int64_t)w, pkind(p), q, v);
	}
	for (p = 0; p < NPROD; p++)
		for (w = 0; w < NWH; w++) {
			if (!dirty[p][w])
				continue;
			if (row_id[p][w] != 0) {
				if ((rc = tx_get(x, se, row_id[p][w], 1, &r)) !=
				    ST_OK)
					return (rc);
			} else {
				r = record_new(se);
				snprintf(key, sizeof key, "%llu:%llu",
				    (unsigned long long)pids[p],
				    (unsigned long long)wids[w]);
				record_set_str(r, FX_CODE, key);
				record_set_int(r, POS("stock", "product"),
				    (int64_t)pids[p]);
				record_set_int(r, POS("stock", "warehouse"),
				    (int64_t)wids[w]);
			}
			record_set_int(r, POS("stock", "on_hand"),
			    row_qty[p][w]);
			record_set_int(r, POS("stock", "value"),
			    row_val[p][w]);
			rc = row_id[p][w] != 0 ? tx_update(x, r, record_rev(r),
			    cause) : tx_insert(x, r, cause);
			if (rc == ST_OK)
				row_id[p][w] = record_id(r);
			record_free(r);
			if (rc != ST_OK)
				return (rc);
		}
	g->seed = s;
	return (ST_OK);
}

/* Balances with what is open by due date; tasks; deals; accounts. */
static int
rest_tx(struct tx *x, void *arg, char **cause)
{
	struct gen		*g = arg;
	const struct entity_def	*be = dict_entity("balances");
	const struct entity_def	*te = dict_entity("tasks");
	const struct entity_def	*de = dict_entity("deals");
	struct record		*r;
	struct buf		 b;
	uint64_t		 s = g->seed;
	int64_t			 i;
	char			 code[32];
	int			 rc, k;

	for (i = g->done; i < g->upto; i++) {
		int	 sup = i >= NCUST;
		uint64_t id = sup ? sids[i - NCUST] : cids[i];
		int64_t	 dues[10], amt[10], t;

		for (k = 0; k < 10; k++) {
			dues[k] = date_add_days(today, (int64_t)rnd(&s, 120) -
			    90);
			amt[k] = 100 + rnd(&s, 1000000);
		}
		/* Ascending, one sum a date. */
		for (k = 1; k < 10; k++) {
			int	 j = k;

			while (j > 0 && dues[j - 1] > dues[j]) {
				t = dues[j]; dues[j] = dues[j - 1];
				dues[j - 1] = t;
				t = amt[j]; amt[j] = amt[j - 1]; amt[j - 1] = t;
				j--;
			}
		}
		memset(&b, 0, sizeof b);
		for (k = 0; k < 10; k++) {
			if (k > 0 && dues[k] == dues[k - 1]) {
				dues[k] = 0;
				amt[k - 1] += amt[k];
				continue;
			}
		}
		for (k = 0; k < 10; k++) {
			if (dues[k] == 0)
				continue;
			buf_printf(&b, "%s%lld:%lld", b.len > 0 ? " " : "",
			    (long long)dues[k], (long long)amt[k]);
			sq_row(3, "sii", sup ? "p" : "r", dues[k], amt[k]);
		}
		buf_addc(&b, '\0');
		r = record_new(be);
		snprintf(code, sizeof code, "%c%llu", sup ? 'S' : 'C',
		    (unsigned long long)id);
		record_set_str(r, FX_CODE, code);
		record_set_int(r, POS("balances", sup ? "supplier" :
		    "customer"), (int64_t)id);
		record_set_str(r, POS("balances", "open_due"), b.data);
		buf_free(&b);
		if ((rc = put(x, r, cause)) != ST_OK)
			return (rc);
	}
	if (g->done == 0) {
		for (k = 0; k < NTASK; k++) {
			unsigned	 m = rnd(&s, NMGR);
			int64_t		 due = (int64_t)time(NULL) +
					    ((int64_t)rnd(&s, 60) - 30) * 86400;
			const char	*st = rnd(&s, 3) == 0 ? "done" : "open";

			r = record_new(te);
			record_set_str(r, POS("tasks", "title"), "Позвонить");
			record_set_int(r, POS("tasks", "assignee"),
			    (int64_t)mids[m]);
			record_set_int(r, POS("tasks", "due"), due);
			record_set_str(r, POS("tasks", "status"), st);
			if ((rc = put(x, r, cause)) != ST_OK)
				return (rc);
			sq_row(4, "iis", (int64_t)m, due, st);
		}
		for (k = 0; k < NDEAL; k++) {
			unsigned	 m = rnd(&s, NMGR), st = rnd(&s,
					    (unsigned)nstages);
			int64_t		 amt = 1000 + rnd(&s, 10000000);

			r = record_new(de);
			record_set_int(r, POS("deals", "customer"),
			    (int64_t)cids[rnd(&s, NCUST)]);
			record_set_str(r, POS("deals", "title"), "Сделка");
			record_set_int(r, POS("deals", "amount"), amt);
			record_set_int(r, POS("deals", "stage"),
			    (int64_t)stages[st]);
			record_set_int(r, POS("deals", "manager"),
			    (int64_t)mids[m]);
			if ((rc = put(x, r, cause)) != ST_OK)
				return (rc);
			sq_row(5, "iii", (int64_t)m, (int64_t)st, amt);
		}
		sq_row(6, "si", "cash", (int64_t)0);
	}
	g->seed = s;
	return (ST_OK);
}

static void
run_batches(struct store *st, const char *what, int64_t n, tx_fn fn,
    struct gen *g)
{
	char	*cause = NULL;
	double	 t0 = now();

	for (g->done = 0; g->done < n; g->done = g->upto) {
		g->upto = g->done + BATCH < n ? g->done + BATCH : n;
#ifdef HAVE_SQLITE3
		sq_exec(sq, "BEGIN");
#endif
		if (store_run(st, "bench", "bench", fn, g, &cause) != ST_OK)
			die("writing %s: %s", what, cause);
#ifdef HAVE_SQLITE3
		sq_exec(sq, "COMMIT");
#endif
	}
	note("%lld %s written in %.1f s", (long long)n, what, now() - t0);
}

/* --- timing ------------------------------------------------------------- */

struct figure {
	const char	*name;
	unsigned	 part;
	const char	*sql[3];
};

static const struct figure figures[] = {
	{ "sales: today, week ago, month, last month, 30 days", DASH_SALES,
	  { "SELECT date, sum(gross), sum(net), sum(cost), count(*) FROM shp "
	    "WHERE date BETWEEN ?1 AND ?2 GROUP BY date", NULL, NULL } },
	{ "orders: today confirmed/draft, 30 days", DASH_ORDERS,
	  { "SELECT date, status, count(*), sum(gross) FROM so WHERE date "
	    "BETWEEN ?3 AND ?2 GROUP BY date, status", NULL, NULL } },
	{ "finished goods per warehouse", DASH_STOCK,
	  { "SELECT wh, sum(qty), sum(value) FROM mv WHERE kind = 'finished' "
	    "GROUP BY wh", NULL, NULL } },
	{ "money: cash/bank, overdue, payables this week", DASH_MONEY,
	  { "SELECT kind, sum(balance) FROM acc GROUP BY kind",
	    "SELECT sum(open) FROM doc WHERE side = 'r' AND due < ?2",
	    "SELECT sum(open) FROM doc WHERE side = 'p' AND due <= ?4" } },
	{ "my tasks and deals by stage", DASH_MINE,
	  { "SELECT count(*) FROM task WHERE assignee = 3 AND status = 'open' "
	    "AND due < ?5",
	    "SELECT stage, count(*), sum(amount) FROM deal WHERE manager = 3 "
	    "GROUP BY stage", NULL } },
};
#define NFIG	(sizeof figures / sizeof figures[0])

static int
dbl_cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

static double
k_time(struct store *st, const struct figure *f)
{
	struct dash_figs	 d;
	char			*cause = NULL;
	double			 t0 = now();
	int			 i;

	for (i = 0; i < ncalls; i++) {
		if (dash_read(st, f->part, mids[3], today, &d, &cause) != ST_OK)
			die("dash_read: %s", cause);
		dash_figs_free(&d);
	}
	return ((now() - t0) / ncalls);
}

#ifdef HAVE_SQLITE3
static double
sq_time(const struct figure *f)
{
	sqlite3_stmt	*s[3] = { NULL, NULL, NULL };
	int64_t		 sunday;
	double		 t0;
	int		 i, k, j;

	sunday = date_add_days(today, 6 - date_weekday(today));
	for (k = 0; k < 3 && f->sql[k] != NULL; k++)
		if (sqlite3_prepare_v2(sq, f->sql[k], -1, &s[k], NULL) !=
		    SQLITE_OK)
			die("prepare: %s", sqlite3_errmsg(sq));
	t0 = now();
	for (i = 0; i < ncalls; i++)
		for (k = 0; k < 3 && s[k] != NULL; k++) {
			for (j = 1; j <= sqlite3_bind_parameter_count(s[k]);
			    j++) {
				const char	*nm =
				    sqlite3_bind_parameter_name(s[k], j);
				int64_t		 v = 0;

				if (nm == NULL)
					continue;
				if (strcmp(nm, "?1") == 0)
					v = date_add_days(today / 100 * 100 + 1,
					    -31);
				else if (strcmp(nm, "?2") == 0)
					v = today;
				else if (strcmp(nm, "?3") == 0)
					v = date_add_days(today, -29);
				else if (strcmp(nm, "?4") == 0)
					v = sunday;
				else if (strcmp(nm, "?5") == 0)
					v = (int64_t)time(NULL) + 86400;
				sqlite3_bind_int64(s[k], j, v);
			}
			while (sqlite3_step(s[k]) == SQLITE_ROW)
				(void)sqlite3_column_int64(s[k], 0);
			sqlite3_reset(s[k]);
		}
	t0 = (now() - t0) / ncalls;
	for (k = 0; k < 3; k++)
		sqlite3_finalize(s[k]);
	return (t0);
}
#endif

static void
stats(double *v, int n, double *mn, double *md, double *mx)
{
	qsort(v, (size_t)n, sizeof *v, dbl_cmp);
	*mn = v[0];
	*md = v[n / 2];
	*mx = v[n - 1];
}

/* --- bytes of a refresh ------------------------------------------------- */

static void
refresh_bytes(size_t *same, size_t *changed, size_t *full, double *us)
{
	struct client	*c = bench_connect();
	struct cdash	 d, e;
	struct record	*t;
	char		*cause = NULL;

	/* Once to warm the server's cache, then the first refresh of a
	 * session that has nothing yet. */
	if (cd_dashboard(c, NULL, NULL, 0, &d, &cause) != 0)
		die("dashboard: %s", cause);
	cd_dash_free(&d);
	if (cd_dashboard(c, NULL, NULL, 0, &d, &cause) != 0)
		die("dashboard: %s", cause);
	*full = d.bytes;
	*us = (double)d.us;
	if (cd_dashboard(c, d.version, NULL, 0, &e, &cause) != 0)
		die("dashboard: %s", cause);
	if (!e.same)
		die("dashboard: not the same with nothing posted");
	*same = e.bytes;
	cd_dash_free(&e);
	/* One figure changes: a task of mine (the admin's) due today. */
	t = record_new(dict_entity("tasks"));
	record_set_str(t, POS("tasks", "title"), "Новая");
	record_set_int(t, POS("tasks", "assignee"),
	    (int64_t)client_user_id(c));
	record_set_int(t, POS("tasks", "due"), (int64_t)time(NULL));
	record_set_str(t, POS("tasks", "status"), "open");
	if (cr_put(c, t, &cause) != 0)
		die("put a task: %s", cause);
	record_free(t);
	if (cd_dashboard(c, d.version, NULL, 0, &e, &cause) != 0)
		die("dashboard: %s", cause);
	*changed = e.bytes;
	cd_dash_free(&e);
	cd_dash_free(&d);
	client_close(c);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "keep", no_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 }
	};
	struct store	*st = NULL;
	struct gen	 g;
	const char	*tmp = NULL;
	char		*cause = NULL, *log;
	double		 kv[NFIG][MAXRUNS], sv[NFIG][MAXRUNS];
	double		 a, b, c, x, y, z, us;
	size_t		 same, changed, full;
	unsigned	 f;
	int		 ch, keep = 0, r;

	bench_init("bench_dash");
	while ((ch = getopt_long(argc, argv, "T:k:o:m:r:n:", opts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'T': tmp = optarg; break;
		case 'k': kontor_bin = optarg; break;
		case 'o': norders = strtoll(optarg, NULL, 10); break;
		case 'm': nmoves = strtoll(optarg, NULL, 10); break;
		case 'r': nruns = atoi(optarg); break;
		case 'n': ncalls = atoi(optarg); break;
		case 'K': keep = 1; break;
		default:
			fprintf(stderr, "usage: bench_dash [-T TMPDIR] "
			    "[-k KONTOR] [-o ORDERS] [-m MOVES] [-r RUNS] "
			    "[-n CALLS] [--keep]\n");
			return (64);
		}
	}
	if (nruns < 1 || nruns > MAXRUNS || ncalls < 1)
		die("-r 1..%d and -n 1 or more", MAXRUNS);
	bench_scratch(tmp, "bench_dash", "dash.sqlite");
	xasprintf(&log, "%s/init.log", scratch);
	if (run_kontor(log, "init", "--company", "Bench", NULL) != 0) {
		show_log(log);
		die("kontor init failed");
	}
	bench_stop_server();
	today = date_today();
	if (store_open(home, 0, &st, &cause) != 0)
		die("store_open: %s", cause);
	if (dash_open(st, &cause) != 0)
		die("dash_open: %s", cause);
#ifdef HAVE_SQLITE3
	if (sqlite3_open(sqpath, &sq) != SQLITE_OK)
		die("sqlite3_open %s", sqpath);
	sq_exec(sq, "PRAGMA journal_mode=WAL");
	sq_exec(sq, "PRAGMA synchronous=OFF");
	sq_exec(sq,
	    "CREATE TABLE so(id INTEGER PRIMARY KEY, date INT, mgr INT, "
	    "status TEXT, gross INT);"
	    "CREATE TABLE shp(id INTEGER PRIMARY KEY, date INT, wh INT, "
	    "mgr INT, gross INT, net INT, cost INT);"
	    "CREATE TABLE mv(id INTEGER PRIMARY KEY, product INT, wh INT, "
	    "kind TEXT, qty INT, value INT);"
	    "CREATE TABLE doc(id INTEGER PRIMARY KEY, side TEXT, due INT, "
	    "open INT);"
	    "CREATE TABLE task(id INTEGER PRIMARY KEY, assignee INT, due INT, "
	    "status TEXT);"
	    "CREATE TABLE deal(id INTEGER PRIMARY KEY, manager INT, stage INT, "
	    "amount INT);"
	    "CREATE TABLE acc(id INTEGER PRIMARY KEY, kind TEXT, balance INT)");
	for (f = 0; f < 7; f++)
		if (sqlite3_prepare_v2(sq, ins_sql[f], -1, &ins[f], NULL) !=
		    SQLITE_OK)
			die("prepare: %s", sqlite3_errmsg(sq));
#endif
	memset(&g, 0, sizeof g);
	g.seed = 42;
	g.done = 0;
	g.upto = 1;
	if (store_run(st, "bench", "bench", masters_tx, &g, &cause) != ST_OK)
		die("masters: %s", cause);
	store_each(st, dict_entity("deal_stages"), stage_id, NULL);
	if (nstages == 0)
		die("no open deal stages");
	run_batches(st, "orders (and shipments)", norders, orders_tx, &g);
	run_batches(st, "stock moves", nmoves, moves_tx, &g);
	run_batches(st, "balances, tasks, deals", NCUST + NSUP, rest_tx, &g);
#ifdef HAVE_SQLITE3
	for (f = 0; f < 7; f++)
		sqlite3_finalize(ins[f]);
	note("SQLite: indexing");
	sq_exec(sq,
	    "CREATE INDEX shp_date ON shp(date, gross, net, cost);"
	    "CREATE INDEX so_date ON so(date, status, gross);"
	    "CREATE INDEX mv_kind ON mv(kind, wh, qty, value);"
	    "CREATE INDEX doc_due ON doc(side, due, open);"
	    "CREATE INDEX task_a ON task(assignee, status, due);"
	    "CREATE INDEX deal_m ON deal(manager, stage, amount);"
	    "ANALYZE");
#endif
	for (r = 0; r < nruns; r++)
		for (f = 0; f < NFIG; f++) {
			kv[f][r] = k_time(st, &figures[f]);
#ifdef HAVE_SQLITE3
			sv[f][r] = sq_time(&figures[f]);
#else
			sv[f][r] = 0;
#endif
		}
	printf("Data: %lld orders (%lld shipments about), %lld stock moves, "
	    "%d customers' and %d suppliers' balances, %d tasks, %d deals; "
	    "today %lld.\n", (long long)norders, (long long)(norders * 8 / 10),
	    (long long)nmoves, NCUST, NSUP, NTASK, NDEAL, (long long)today);
	printf("Server time per call (mean of %d calls a run), %d runs: "
	    "min / median / max, microseconds.\n\n", ncalls, nruns);
	printf("| figure | kontor | SQLite indexed | SQLite / kontor "
	    "(medians) |\n|---|---|---|---|\n");
	for (f = 0; f < NFIG; f++) {
		stats(kv[f], nruns, &a, &b, &c);
		stats(sv[f], nruns, &x, &y, &z);
		printf("| %s | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f | "
		    "%.1fx |\n", figures[f].name, a * 1e6, b * 1e6, c * 1e6,
		    x * 1e6, y * 1e6, z * 1e6, b > 0 ? y / b : 0);
	}
	store_close(st);
#ifdef HAVE_SQLITE3
	sqlite3_close(sq);
#endif
	refresh_bytes(&same, &changed, &full, &us);
	printf("\nA refresh through the server (request + reply, bytes): "
	    "the first %zu (server time of all figures %.0f us), nothing "
	    "changed %zu, one figure changed %zu.\n", full, us, same, changed);
	bench_stop_server();
	bench_scratch_done(keep);
	return (0);
}
