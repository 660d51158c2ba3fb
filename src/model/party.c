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

/* The records with one INN, as party_by_inn() weighs them. */
#define INN_NAMED	10	/* candidates named in a refusal */
struct inn_pick {
	int		 kpp_pos;
	const char	*kpp;
	size_t		 n, nkpp;	/* with the INN; of them, the KPP */
	uint64_t	 id, id_kpp;
	struct buf	 all, with_kpp;	/* their codes */
};

static void
inn_name(struct buf *b, size_t n, const char *code)
{
	if (n > INN_NAMED)
		return;
	if (b->len > 0)
		buf_adds(b, ", ");
	buf_adds(b, n == INN_NAMED ? "..." : code);
}

static int
inn_one(const struct record *r, void *arg)
{
	struct inn_pick	*p = arg;
	const char	*k = record_str(r, p->kpp_pos);

	inn_name(&p->all, p->n, record_str(r, FX_CODE));
	if (p->n++ == 0)
		p->id = record_id(r);
	if (p->kpp != NULL && k != NULL && strcmp(k, p->kpp) == 0) {
		inn_name(&p->with_kpp, p->nkpp, record_str(r, FX_CODE));
		if (p->nkpp++ == 0)
			p->id_kpp = record_id(r);
	}
	return (0);
}

int
party_by_inn(struct tx *x, const struct entity_def *e, const char *inn,
    const char *kpp, uint64_t *id, char **cause)
{
	struct inn_pick	 p;
	struct value	 v;
	int		 sup = strcmp(e->name, "suppliers") == 0, rc;

	if (inn == NULL || *inn == '\0')
		return (ST_NOTFOUND);
	memset(&p, 0, sizeof p);
	p.kpp_pos = dict_field_pos(e, "kpp");
	p.kpp = kpp != NULL && *kpp != '\0' ? kpp : NULL;
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)inn;
	rc = tx_find_rows(x, e, dict_field_pos(e, "inn"), &v, inn_one, &p);
	if (rc != ST_OK && rc != ST_NOTFOUND)
		goto out;
	if (p.n == 0)
		rc = ST_NOTFOUND;
	else if (p.n == 1 || p.nkpp == 1) {
		*id = p.nkpp == 1 ? p.id_kpp : p.id;
		rc = ST_OK;
	} else {
		if (p.nkpp > 1)
			xasprintf(cause, sup ? _("INN %s KPP %s is shared by "
			    "suppliers %s") : _("INN %s KPP %s is shared by "
			    "customers %s"), inn, p.kpp, p.with_kpp.data);
		else if (p.kpp != NULL)
			xasprintf(cause, sup ? _("INN %s is shared by "
			    "suppliers %s, none with KPP %s") : _("INN %s is "
			    "shared by customers %s, none with KPP %s"), inn,
			    p.all.data, p.kpp);
		else
			xasprintf(cause, sup ? _("INN %s is shared by "
			    "suppliers %s") : _("INN %s is shared by customers "
			    "%s"), inn, p.all.data);
		rc = ST_INVALID;
	}
out:
	buf_free(&p.all);
	buf_free(&p.with_kpp);
	return (rc);
}

int
party_find_inn(struct tx *x, const struct entity_def *e, const char *s,
    uint64_t *id, char **cause)
{
	char	*which = NULL;
	size_t	 n = strspn(s, "0123456789");
	int	 rc;

	if (s[n] != '\0' || (n != 10 && n != 12))
		return (ST_NOTFOUND);
	if ((rc = party_by_inn(x, e, s, NULL, id, &which)) == ST_INVALID) {
		xasprintf(cause, _("%s: name one by its code"), which);
		free(which);
	}
	return (rc);
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
