/*
 * Parties: customers (later suppliers and carriers, a firm in several
 * roles) and the users who work here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/model.h"
#include "xmalloc.h"

static int
customers_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	const struct entity_def	*e = r->ent;
	int			 kind = dict_field_pos(e, "kind");
	int			 inn = dict_field_pos(e, "inn");
	int			 kpp = dict_field_pos(e, "kpp");
	const char		*k = record_str(r, kind);
	const char		*i = record_str(r, inn);

	if (k == NULL)
		return (ST_OK);
	if (i != NULL && strcmp(k, "company") == 0 && strlen(i) != 10) {
		xasprintf(cause, _("column 'inn': 10 digits expected for a "
		    "company, got %zu"), strlen(i));
		return (ST_INVALID);
	}
	if (i != NULL && strcmp(k, "person") == 0 && strlen(i) != 12) {
		xasprintf(cause, _("column 'inn': 12 digits expected for a "
		    "person, got %zu"), strlen(i));
		return (ST_INVALID);
	}
	if (record_isset(r, kpp) && strcmp(k, "person") == 0) {
		xasprintf(cause, _("column 'kpp': only a company has a KPP"));
		return (ST_INVALID);
	}
	return (ST_OK);
}

struct inn_check {
	struct buf	*report;
	int		 bad;
};

static int
customer_ok(const struct record *r, void *arg)
{
	struct inn_check	*ic = arg;
	int			 inn = dict_field_pos(r->ent, "inn");

	if (record_isset(r, inn) && !inn_valid(record_str(r, inn))) {
		buf_printf(ic->report, _("customers %s: INN %s fails its check "
		    "digits\n"), record_str(r, FX_CODE), record_str(r, inn));
		ic->bad++;
	}
	return (0);
}

static int
customers_check(struct store *st, struct buf *report)
{
	struct inn_check	 ic = { report, 0 };

	if (store_each(st, dict_entity("customers"), customer_ok, &ic) !=
	    ST_OK) {
		buf_printf(report, _("customers: cannot be read\n"));
		return (1);
	}
	return (ic.bad);
}

struct admins {
	uint64_t	 skip;
	int		 count;
};

static int
count_admin(const struct record *u, void *arg)
{
	struct admins	*a = arg;
	const struct entity_def *e = u->ent;
	const char	*roles = record_str(u, dict_field_pos(e, "roles"));
	unsigned	 mask;
	char		*why = NULL;

	if (record_id(u) != a->skip &&
	    !record_int(u, dict_field_pos(e, "disabled")) &&
	    auth_roles_parse(roles ? roles : "", &mask, &why) == 0 &&
	    (mask & ROLE_ADMIN))
		a->count++;
	free(why);
	return (0);
}

static int
users_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	const struct entity_def	*e = r->ent;
	int			 rpos = dict_field_pos(e, "roles");
	int			 dpos = dict_field_pos(e, "disabled");
	unsigned		 roles;
	char			*why = NULL, *norm;

	if (auth_roles_parse(record_str(r, rpos), &roles, &why) != 0) {
		xasprintf(cause, _("column 'roles': %s"), why);
		free(why);
		return (ST_INVALID);
	}
	norm = auth_roles_format(roles);
	record_set_str(r, rpos, norm);
	free(norm);
	/* Never lock every administrator out. */
	if (old != NULL && (!(roles & ROLE_ADMIN) || record_int(r, dpos))) {
		struct admins	 a = { record_id(r), 0 };
		int		 rc;

		if ((rc = tx_each(x, e, count_admin, &a)) != ST_OK)
			return (rc);
		if (a.count == 0) {
			xasprintf(cause, _("%s is the last enabled admin: add "
			    "another admin first"), record_str(r, FX_CODE));
			return (ST_INVALID);
		}
	}
	return (ST_OK);
}

static int
users_can_delete(struct tx *x, const struct record *r, char **cause)
{
	xasprintf(cause, _("users are never deleted (the audit journal names "
	    "them): disable %s instead"), record_str(r, FX_CODE));
	return (ST_INVALID);
}

static int
users_check(struct store *st, struct buf *report)
{
	struct admins	 a = { 0, 0 };

	if (store_each(st, dict_entity("users"), count_admin, &a) != ST_OK) {
		buf_printf(report, _("users: cannot be read\n"));
		return (1);
	}
	if (a.count == 0) {
		buf_printf(report, _("users: no enabled admin\n"));
		return (1);
	}
	return (0);
}

const struct model_def model_customers = {
	.entity = "customers",
	.validate = customers_validate,
	.check = customers_check,
	.bulk = 1,
};

const struct model_def model_users = {
	.entity = "users",
	.validate = users_validate,
	.can_delete = users_can_delete,
	.check = users_check,
};

/* A channel of a contact belongs to the contact's customer. */
static int
channels_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	const struct entity_def	*ce = dict_entity("contacts");
	int			 cust = dict_field_pos(r->ent, "customer");
	int			 cont = dict_field_pos(r->ent, "contact");
	struct record		*c;
	int			 rc;

	if (!record_isset(r, cont))
		return (ST_OK);
	if ((rc = tx_get(x, ce, (uint64_t)record_int(r, cont), 0, &c)) !=
	    ST_OK)
		return (rc == ST_NOTFOUND ? ST_INVALID : rc);
	if (!record_isset(r, cust))
		record_set_int(r, cust, record_int(c, dict_field_pos(ce,
		    "customer")));
	else if (record_int(c, dict_field_pos(ce, "customer")) !=
	    record_int(r, cust)) {
		xasprintf(cause, _("column 'contact': %s works for another "
		    "customer"), record_str(c, FX_CODE));
		record_free(c);
		return (ST_INVALID);
	}
	record_free(c);
	return (ST_OK);
}

const struct model_def model_channels = {
	.entity = "channels",
	.validate = channels_validate,
};
