/*
 * The dashboard (issue 15): every figure the user's roles may see, in one
 * reply, read from the aggregates model/dash.c keeps; and the stock of a
 * product named by a scan, a SKU or part of its name.
 *
 * The reply carries a version: the server's run, the store's count of
 * commits that touched a figure, and the day.  A client that sends the
 * version it has ("since") gets {same: true} and nothing else while no
 * such commit came in: polling every few seconds costs a few bytes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/dash.h"
#include "model/model.h"
#include "proto.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

#define STOCK_ROWS	50

/* What of the dashboard the caller's roles show. */
static unsigned
dash_parts(struct req *r)
{
	unsigned	 roles = r->c->roles, parts = DASH_MINE;

	if (roles & (ROLE_SALES | ROLE_MANAGER | ROLE_ADMIN))
		parts |= DASH_SALES | DASH_ORDERS;
	if (roles & (ROLE_ACCOUNTANT | ROLE_MANAGER | ROLE_ADMIN))
		parts |= DASH_MONEY;
	if (auth_allowed(roles, "stock", ACT_VIEW))
		parts |= DASH_STOCK;
	return (parts);
}

/* How many products a name that matches several lists in its refusal. */
#define STOCK_NAMES	5

/* The product a term names: a barcode or SKU, else the one whose name has
 * words starting so.  A name that several products' names match is
 * refused (ST_INVALID), listing them, as no one of them is meant more
 * than another. */
static int
stock_product(struct store *st, const char *term, struct record **p,
    char **cause)
{
	const struct entity_def	*pe = dict_entity("products");
	struct record		**rows;
	struct buf		 b;
	const char		*via, *name;
	int64_t			 pack;
	size_t			 n, i;
	int			 rc;

	rc = catalog_find_product(st, term, p, &pack, &via);
	if (rc != ST_NOTFOUND)
		return (rc);
	if ((rc = store_search(st, pe, dict_field_pos(pe, "name"), 1, term,
	    STOCK_NAMES + 1, &rows, &n)) != ST_OK)
		return (rc);
	if (n == 0) {
		free(rows);
		xasprintf(cause, _("no product is called %s (barcode, SKU or "
		    "name)"), term);
		return (ST_NOTFOUND);
	}
	if (n == 1) {
		*p = rows[0];
		free(rows);
		return (ST_OK);
	}
	memset(&b, 0, sizeof b);
	for (i = 0; i < n && i < STOCK_NAMES; i++) {
		if (i > 0)
			buf_adds(&b, "; ");
		name = record_str(rows[i], dict_field_pos(pe, "name"));
		buf_adds(&b, record_str(rows[i], FX_CODE));
		buf_addc(&b, ' ');
		buf_adds(&b, name != NULL ? name : "");
	}
	if (n > STOCK_NAMES)
		buf_adds(&b, "; …");
	xasprintf(cause, _("\"%s\" names several products: %s; give the "
	    "SKU or the barcode"), term, b.data);
	buf_free(&b);
	for (i = 0; i < n; i++)
		record_free(rows[i]);
	free(rows);
	return (ST_INVALID);
}

/* The stock of the product term names, per warehouse: on hand and free
 * (on hand less reserved), as figures; the product into pack. */
static int
stock_lookup(struct req *r, const char *term, struct dash_figs *f,
    struct msgb *prod, char **cause)
{
	struct store		*st = server_store(r->c->srv);
	const struct entity_def	*se = dict_entity("stock");
	const struct entity_def	*we = dict_entity("warehouses");
	struct record		*p, **rows, *w;
	struct value		 v;
	size_t			 n, i;
	int			 rc, ppos = dict_field_pos(se, "product");

	if ((rc = stock_product(st, term, &p, cause)) != ST_OK)
		return (rc);
	mb_map(prod, 3);
	mb_kstr(prod, "sku", record_str(p, FX_CODE));
	mb_kstr(prod, "name", record_str(p, dict_field_pos(p->ent, "name")));
	mb_kbool(prod, "more", 0);	/* (a client of before reads it) */
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.i = (int64_t)record_id(p);
	rc = store_scan(st, se, ppos, &v, 0, 1, STOCK_ROWS, &rows, &n);
	if (rc != ST_OK) {
		record_free(p);
		return (rc);
	}
	for (i = 0; i < n; i++) {
		const char	*wc;
		char		 num[24];

		if (record_int(rows[i], ppos) != (int64_t)record_id(p)) {
			record_free(rows[i]);
			continue;
		}
		if (store_get(st, we, (uint64_t)record_int(rows[i],
		    dict_field_pos(se, "warehouse")), &w) != ST_OK)
			w = NULL;
		snprintf(num, sizeof num, "%lld", (long long)record_int(rows[i],
		    dict_field_pos(se, "warehouse")));
		wc = w != NULL && record_str(w, FX_CODE) != NULL ?
		    record_str(w, FX_CODE) : num;
		f->v = xreallocarray(f->v, f->n + 2, sizeof *f->v);
		snprintf(f->v[f->n].figure, sizeof f->v[0].figure,
		    "stock_on_hand");
		f->v[f->n].key = xstrdup(wc);
		f->v[f->n].unit = 'q';
		f->v[f->n++].value = record_int(rows[i], dict_field_pos(se,
		    "on_hand"));
		snprintf(f->v[f->n].figure, sizeof f->v[0].figure,
		    "stock_free");
		f->v[f->n].key = xstrdup(wc);
		f->v[f->n].unit = 'q';
		f->v[f->n++].value = record_int(rows[i], dict_field_pos(se,
		    "on_hand")) - record_int(rows[i], dict_field_pos(se,
		    "reserved"));
		record_free(w);
		record_free(rows[i]);
	}
	free(rows);
	record_free(p);
	return (ST_OK);
}

/*
 * dashboard {since?: version, stock?: term, today?: YYYYMMDD (the clock
 * the figures count from: for tests)}: {same: true} when nothing changed
 * since, else {same: false, version, figs: [[figure, key, unit, value],
 * ...], us: server microseconds};
 * with stock, {product: {sku, name, more}} and its figures
 * stock_on_hand / stock_free per warehouse, whether or not the rest is
 * the same.
 */
int
op_dashboard(struct req *r, struct msgb *data, char **cause)
{
	static uint64_t		 run;
	struct store		*st = server_store(r->c->srv);
	struct dash_figs	 f, sf;
	struct msgb		 prod;
	struct timespec		 t0, t1;
	char			*since, *term, version[96];
	int64_t			 today;
	unsigned		 parts = dash_parts(r);
	size_t			 i, k;
	int			 rc, same, has_prod = 0;

	if (run == 0)
		run = (uint64_t)time(NULL) << 20 ^ (uint64_t)getpid();
	today = mobj_int(r->o, "today", 0);
	if (today == 0)
		today = date_today();
	else if (!date_valid((int)(today / 10000), (int)(today / 100 % 100),
	    (int)(today % 100))) {
		xasprintf(cause, _("today: %lld is not a date"),
		    (long long)today);
		return (EX_DATAERR);
	}
	snprintf(version, sizeof version, "%llx.%llu.%lld.%u",
	    (unsigned long long)run,
	    (unsigned long long)store_version(st), (long long)today, parts);
	since = mobj_strdup(r->o, "since");
	same = since != NULL && strcmp(since, version) == 0;
	free(since);
	memset(&f, 0, sizeof f);
	memset(&sf, 0, sizeof sf);
	mb_init(&prod);
	term = mobj_strdup(r->o, "stock");
	if (term != NULL && *term != '\0') {
		if (!allowed(r, "stock", ACT_VIEW, cause)) {
			free(term);
			mb_free(&prod);
			return (EX_NOPERM);
		}
		rc = stock_lookup(r, term, &sf, &prod, cause);
		free(term);
		if (rc != ST_OK) {
			mb_free(&prod);
			dash_figs_free(&sf);
			/* No product so named: 66, a record not there;
			 * a name several match: 65. */
			return (st_exit(rc));
		}
		has_prod = 1;
	} else
		free(term);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!same && (rc = dash_read(st, parts, r->c->user_id, today, &f,
	    cause)) != ST_OK) {
		mb_free(&prod);
		dash_figs_free(&sf);
		return (st_exit(rc));
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* The same: the client has the version already; a poll costs the
	 * fewest bytes. */
	mb_map(data, 1 + !same + !same + (!same || has_prod) + has_prod);
	if (!same)
		mb_kstr(data, "version", version);
	mb_kbool(data, "same", same);
	if (!same || has_prod) {
		if (!same) {
			mb_kint(data, "us", (t1.tv_sec - t0.tv_sec) * 1000000 +
			    (t1.tv_nsec - t0.tv_nsec) / 1000);
		}
		mb_str(data, "figs");
		mb_array(data, f.n + sf.n);
		for (k = 0; k < 2; k++) {
			struct dash_figs	*g = k == 0 ? &f : &sf;

			for (i = 0; i < g->n; i++) {
				char	 u[2] = { g->v[i].unit, '\0' };

				mb_array(data, 4);
				mb_str(data, g->v[i].figure);
				mb_str(data, g->v[i].key);
				mb_str(data, u);
				mb_int(data, g->v[i].value);
			}
		}
	}
	if (has_prod) {
		mb_str(data, "product");
		msgpack_sbuffer_write(&data->sb, prod.sb.data, prod.sb.size);
	}
	mb_free(&prod);
	dash_figs_free(&f);
	dash_figs_free(&sf);
	return (0);
}
