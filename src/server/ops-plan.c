/*
 * Material planning over the wire (op "plan"): the proposals of
 * plan_run as of today, and with apply the drafts they make, recomputed
 * and made in one transaction (remembered by request id, retried on
 * deadlock as every write); op "atp": when a quantity of a product will
 * be free (plan_atp).
 *
 * Who may plan: production (view) or purchasing (create) or more; who
 * may apply: whoever may create in each area the proposals touch
 * (production orders: production, purchase orders: purchasing).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "auth.h"
#include "db/store.h"
#include "dict/dict.h"
#include "i18n.h"
#include "log.h"
#include "model/model.h"
#include "model/plan.h"
#include "model/stock.h"
#include "proto.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

struct plan_arg {
	int		 horizon;
	int		 apply;
	char		**keys;		/* NULL: all */
	size_t		 nkeys;
	struct plan	*plan;
	char		**codes;
	size_t		 ncodes, skipped;
};

static void
codes_free(struct plan_arg *a)
{
	size_t	 i;

	for (i = 0; i < a->ncodes; i++)
		free(a->codes[i]);
	free(a->codes);
	a->codes = NULL;
	a->ncodes = 0;
}

static int
plan_read(struct tx *x, void *arg, char **cause)
{
	struct plan_arg	*a = arg;

	plan_free(a->plan);
	a->plan = NULL;
	return (plan_run(x, stock_today(), a->horizon, &a->plan, cause));
}

static void
pack_plan(struct msgb *m, const struct plan_arg *a)
{
	const struct plan	*pl = a->plan;
	const struct plan_line	*l;
	size_t			 i;
	char			*k;

	mb_map(m, 6);
	mb_kint(m, "today", pl->today);
	mb_kint(m, "end", pl->end);
	mb_kint(m, "skipped", (int64_t)a->skipped);
	mb_kbool(m, "applied", a->apply);
	mb_str(m, "made");
	mb_array(m, a->ncodes);
	for (i = 0; i < a->ncodes; i++)
		mb_str(m, a->codes[i]);
	mb_str(m, "lines");
	mb_array(m, pl->n);
	for (i = 0; i < pl->n; i++) {
		l = &pl->v[i];
		k = plan_key(l);
		mb_map(m, 15);
		mb_kstr(m, "action", l->action == PLAN_MAKE ? "make" : "buy");
		mb_kstr(m, "sku", l->sku);
		mb_kstr(m, "name", l->name);
		mb_kstr(m, "unit", l->unit);
		mb_kstr(m, "warehouse", l->wh);
		mb_kint(m, "qty", l->qty);
		mb_kint(m, "need", l->need);
		mb_kint(m, "start", l->start);
		mb_kstr(m, "supplier", l->supplier_code != NULL ?
		    l->supplier_code : "");
		mb_kint(m, "price", l->price);
		mb_kstr(m, "for", l->for_);
		mb_kbool(m, "min", l->min);
		mb_kbool(m, "late", l->late);
		mb_kint(m, "level", l->level);
		mb_kstr(m, "key", k);
		free(k);
	}
}

static int
plan_write(struct tx *x, struct wctx *w, char **cause)
{
	struct plan_arg	*a = w->arg;
	int		 rc;

	codes_free(a);
	plan_free(a->plan);
	a->plan = NULL;
	if ((rc = plan_run(x, stock_today(), a->horizon, &a->plan, cause)) !=
	    ST_OK)
		return (rc);
	if ((rc = plan_apply(x, a->plan, a->keys, a->nkeys, &a->codes,
	    &a->ncodes, &a->skipped, cause)) != ST_OK)
		return (rc);
	/* What is left to propose once the drafts count. */
	plan_free(a->plan);
	a->plan = NULL;
	if ((rc = plan_run(x, stock_today(), a->horizon, &a->plan, cause)) !=
	    ST_OK)
		return (rc);
	pack_plan(w->data, a);
	return (ST_OK);
}

/* Whether r may create what the proposals it would apply make. */
static int
apply_allowed(struct req *r, const struct plan_arg *a, char **cause)
{
	const struct plan_line	*l;
	size_t			 i, j;
	int			 make = 0, buy = 0, want;
	char			*k;

	for (i = 0; i < a->plan->n; i++) {
		l = &a->plan->v[i];
		want = a->keys == NULL;
		if (!want) {
			k = plan_key(l);
			for (j = 0; j < a->nkeys && !want; j++)
				want = strcmp(k, a->keys[j]) == 0;
			free(k);
		}
		if (want && l->action == PLAN_MAKE)
			make = 1;
		else if (want)
			buy = 1;
	}
	if (make && !allowed(r, "production", ACT_CREATE, cause))
		return (0);
	if (buy && !allowed(r, "purchasing", ACT_CREATE, cause))
		return (0);
	return (1);
}

int
op_plan(struct req *r, struct msgb *data, char **cause)
{
	struct plan_arg		 a;
	const msgpack_object	*keys;
	size_t			 i;
	int			 rc;

	if (!auth_allowed(r->c->roles, "production", ACT_VIEW) &&
	    !allowed(r, "purchasing", ACT_CREATE, cause))
		return (EX_NOPERM);
	memset(&a, 0, sizeof a);
	a.horizon = (int)mobj_int(r->o, "horizon", PLAN_HORIZON);
	a.apply = mobj_int(r->o, "apply", 0) != 0;
	if (a.horizon <= 0 || a.horizon > 3660) {
		xasprintf(cause, _("--horizon: from 1 to 3660 days expected, "
		    "got %d"), a.horizon);
		return (EX_USAGE);
	}
	keys = mobj_get(r->o, "keys");
	if (keys != NULL && keys->type == MSGPACK_OBJECT_ARRAY) {
		a.keys = xcalloc(keys->via.array.size + 1, sizeof *a.keys);
		for (i = 0; i < keys->via.array.size; i++) {
			const msgpack_object	*k = &keys->via.array.ptr[i];

			if (k->type != MSGPACK_OBJECT_STR)
				continue;
			a.keys[a.nkeys] = xmalloc(k->via.str.size + 1);
			memcpy(a.keys[a.nkeys], k->via.str.ptr,
			    k->via.str.size);
			a.keys[a.nkeys++][k->via.str.size] = '\0';
		}
	}
	rc = store_read(server_store(r->c->srv), 0, plan_read, &a, cause);
	if (rc != ST_OK) {
		rc = st_exit(rc);
		goto out;
	}
	if (!a.apply) {
		pack_plan(data, &a);
		rc = 0;
		goto out;
	}
	if (!apply_allowed(r, &a, cause)) {
		rc = EX_NOPERM;
		goto out;
	}
	rc = run_write(r, data, plan_write, &a, cause);
	if (rc == ST_OK)
		log_info("plan: %s applied: %zu drafts made", r->c->login,
		    a.ncodes);
	rc = st_exit(rc);
out:
	codes_free(&a);
	plan_free(a.plan);
	for (i = 0; i < a.nkeys; i++)
		free(a.keys[i]);
	free(a.keys);
	return (rc);
}

struct atp_arg {
	uint64_t	 product, warehouse;
	int64_t		 qty, date, free;
};

static int
atp_read(struct tx *x, void *arg, char **cause)
{
	struct atp_arg	*a = arg;

	(void)cause;
	return (plan_atp(x, a->product, a->warehouse, a->qty, &a->date,
	    &a->free));
}

int
op_atp(struct req *r, struct msgb *data, char **cause)
{
	struct atp_arg	 a;
	int		 rc;

	if (!allowed(r, "stock", ACT_VIEW, cause))
		return (EX_NOPERM);
	memset(&a, 0, sizeof a);
	a.product = (uint64_t)mobj_int(r->o, "product", 0);
	a.warehouse = (uint64_t)mobj_int(r->o, "warehouse", 0);
	a.qty = mobj_int(r->o, "qty", 1000);
	rc = store_read(server_store(r->c->srv), 0, atp_read, &a, cause);
	if (rc != ST_OK)
		return (st_exit(rc));
	mb_map(data, 2);
	mb_kint(data, "date", a.date);
	mb_kint(data, "free", a.free);
	return (0);
}
