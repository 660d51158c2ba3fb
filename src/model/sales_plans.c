/*
 * Sales plans (sales_plans): a manager's plan of net sales for a month,
 * "YYYY-MM", one record per manager and month.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/model.h"
#include "xmalloc.h"

#define PLAN_DUP	1000	/* tx_find_rows() stopped: another plan */

struct plan_dup {
	int64_t		 manager;
	uint64_t	 self;
	int		 pos;
};

static int
plan_same(const struct record *r, void *arg)
{
	struct plan_dup	*d = arg;

	return (record_id(r) != d->self && record_int(r, d->pos) ==
	    d->manager ? PLAN_DUP : 0);
}

static int
plans_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	struct plan_dup	 d;
	struct value	 v;
	const char	*m;
	int		 mp = dict_field_pos(r->ent, "month");
	int		 y, mon, rc;
	char		 tail;

	(void)old;
	m = record_str(r, mp);
	if (m == NULL || strlen(m) != 7 || sscanf(m, "%4d-%2d%c", &y, &mon,
	    &tail) != 2 || m[4] != '-' || y < 1900 || mon < 1 || mon > 12) {
		xasprintf(cause, _("column 'month': a month as YYYY-MM "
		    "expected, got '%s'"), m != NULL ? m : "");
		return (ST_INVALID);
	}
	memset(&d, 0, sizeof d);
	d.pos = dict_field_pos(r->ent, "manager");
	d.manager = record_int(r, d.pos);
	d.self = record_id(r);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)m;
	rc = tx_find_rows(x, r->ent, mp, &v, plan_same, &d);
	if (rc == PLAN_DUP) {
		xasprintf(cause, _("column 'month': the manager has a plan "
		    "for %s already"), m);
		return (ST_INVALID);
	}
	return (rc);
}

const struct model_def model_sales_plans = {
	.entity = "sales_plans",
	.validate = plans_validate,
};
