#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "i18n.h"
#include "xmalloc.h"

/* A role's keyword (the command line's, the users file's: never
 * translated) and its title for a person (translated where shown). */
static const struct {
	const char	*name;
	unsigned	 bit;
	const char	*title;
} auth_roles[] = {
	{ "admin", ROLE_ADMIN, NC_("role", "administrator") },
	{ "manager", ROLE_MANAGER, NC_("role", "manager") },
	{ "sales", ROLE_SALES, NC_("role", "sales") },
	{ "warehouse", ROLE_WAREHOUSE, NC_("role", "warehouse") },
	{ "purchasing", ROLE_PURCHASING, NC_("role", "purchasing") },
	{ "production", ROLE_PRODUCTION, NC_("role", "production") },
	{ "accountant", ROLE_ACCOUNTANT, NC_("role", "accountant") },
	{ "hr", ROLE_HR, NC_("role", "hr") },
};
#define NROLES	(sizeof auth_roles / sizeof auth_roles[0])

#define V	ACT_VIEW
#define C	ACT_CREATE
#define E	ACT_EDIT
#define D	ACT_DELETE
#define P	ACT_POST
#define A	ACT_APPROVE
#define X	ACT_EXPORT
#define ALL	(V|C|E|D|P|A|X|ACT_ADMIN)

/*
 * The permission table.  Areas: admin (users, backups, imports of any
 * kind), crm (customers, contacts, activities, tasks), sales (quotes,
 * orders, invoices), catalog (products, prices), stock (warehouses,
 * moves, counts), purchasing, production, finance, hr.  An area not
 * listed for a role is closed to it.  shipping (shipments and customer
 * returns: goods leave and come back) is the warehouse's to post; sales
 * makes their drafts from its orders.  Invoices are in "sales|finance"
 * (the dictionary says so): the accountant makes, edits and cancels
 * them, and only views the rest of sales.
 */
static const struct perm {
	unsigned	 role;
	const char	*area;
	unsigned	 acts;
} auth_table[] = {
	{ ROLE_MANAGER,	"crm",		V|C|E|D|P|A|X },
	{ ROLE_MANAGER,	"sales",	V|C|E|D|P|A|X },
	{ ROLE_MANAGER,	"shipping",	V|C|E|D|P|A|X },
	{ ROLE_MANAGER,	"catalog",	V|C|E|D|X },
	{ ROLE_MANAGER,	"stock",	V|C|E|P|A|X },
	{ ROLE_MANAGER,	"purchasing",	V|C|E|D|P|A|X },
	{ ROLE_MANAGER,	"production",	V|C|E|P|A|X },
	{ ROLE_MANAGER,	"finance",	V|X },
	{ ROLE_MANAGER,	"hr",		V },
	{ ROLE_SALES,	"crm",		V|C|E|X },
	{ ROLE_SALES,	"sales",	V|C|E|P },
	{ ROLE_SALES,	"shipping",	V|C|E },
	{ ROLE_SALES,	"catalog",	V },
	{ ROLE_SALES,	"stock",	V },
	{ ROLE_WAREHOUSE, "shipping",	V|C|E|P },
	{ ROLE_WAREHOUSE, "catalog",	V },
	{ ROLE_WAREHOUSE, "stock",	V|C|E|P },
	{ ROLE_WAREHOUSE, "purchasing",	V },
	{ ROLE_WAREHOUSE, "production",	V },	/* the pick lists */
	{ ROLE_PURCHASING, "catalog",	V|C|E|X },
	{ ROLE_PURCHASING, "purchasing", V|C|E|D|P|X },
	{ ROLE_PURCHASING, "stock",	V },
	{ ROLE_PURCHASING, "crm",	V },
	{ ROLE_PRODUCTION, "production", V|C|E|P },
	{ ROLE_PRODUCTION, "catalog",	V },
	{ ROLE_PRODUCTION, "stock",	V|C|P },
	{ ROLE_ACCOUNTANT, "finance",	V|C|E|D|P|A|X },
	{ ROLE_ACCOUNTANT, "crm",	V|X },
	{ ROLE_ACCOUNTANT, "catalog",	V|X },	/* what was sold and bought */
	{ ROLE_ACCOUNTANT, "sales",	V|X },
	{ ROLE_ACCOUNTANT, "shipping",	V|X },
	{ ROLE_ACCOUNTANT, "stock",	V|X },
	{ ROLE_ACCOUNTANT, "purchasing", V|X },
	{ ROLE_HR,	"hr",		V|C|E|D|X },
};

int
auth_roles_parse(const char *s, unsigned *mask, char **cause)
{
	char	*copy, *tok, *save = NULL;
	size_t	 i;
	int	 rc = 0;

	*mask = 0;
	copy = xstrdup(s);
	for (tok = strtok_r(copy, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		for (i = 0; i < NROLES; i++)
			if (strcmp(auth_roles[i].name, tok) == 0)
				break;
		if (i == NROLES) {
			xasprintf(cause, _("unknown role '%s' (roles: %s)"), tok,
			    auth_role_names());
			rc = -1;
			break;
		}
		*mask |= auth_roles[i].bit;
	}
	free(copy);
	if (rc == 0 && *mask == 0) {
		xasprintf(cause, _("at least one role expected (roles: %s)"),
		    auth_role_names());
		rc = -1;
	}
	return (rc);
}

char *
auth_roles_format(unsigned mask)
{
	struct buf	 b = { 0 };
	size_t		 i;

	for (i = 0; i < NROLES; i++) {
		if (!(mask & auth_roles[i].bit))
			continue;
		if (b.len != 0)
			buf_addc(&b, ',');
		buf_adds(&b, auth_roles[i].name);
	}
	return (buf_steal(&b));
}

char *
auth_who_may(const char *area, unsigned act)
{
	unsigned	 mask = 0;
	size_t		 i;

	for (i = 0; i < NROLES; i++)
		if (auth_roles[i].bit != ROLE_ADMIN &&
		    auth_allowed(auth_roles[i].bit, area, act))
			mask |= auth_roles[i].bit;
	return (auth_roles_format(mask));
}

const char *
auth_role_title(const char *name)
{
	size_t	 i;

	for (i = 0; i < NROLES; i++)
		if (strcmp(auth_roles[i].name, name) == 0)
			return (i18n_ctx("role", auth_roles[i].title));
	return (name);
}

const char *
auth_role_names(void)
{
	return ("admin, manager, sales, warehouse, purchasing, production, "
	    "accountant, hr");
}

/*
 * An area is one ("sales"), or alternatives ("sales|finance": an
 * invoice is the work of sales and of the accountants, an order of sales
 * alone): a role allowed the action in any of them is allowed it.
 */
int
auth_allowed(unsigned roles, const char *area, unsigned act)
{
	const char	*end;
	size_t		 i, len;

	if (roles & ROLE_ADMIN)
		return (1);
	for (;; area = end + 1) {
		end = strchr(area, '|');
		len = end != NULL ? (size_t)(end - area) : strlen(area);
		for (i = 0; i < sizeof auth_table / sizeof auth_table[0];
		    i++) {
			if ((roles & auth_table[i].role) &&
			    strncmp(auth_table[i].area, area, len) == 0 &&
			    auth_table[i].area[len] == '\0' &&
			    (auth_table[i].acts & act) == act)
				return (1);
		}
		if (end == NULL)
			return (0);
	}
}

const char *
auth_action_name(unsigned act)
{
	switch (act) {
	case ACT_VIEW:		return ("view");
	case ACT_CREATE:	return ("create");
	case ACT_EDIT:		return ("edit");
	case ACT_DELETE:	return ("delete");
	case ACT_POST:		return ("post");
	case ACT_APPROVE:	return ("approve");
	case ACT_EXPORT:	return ("export");
	case ACT_ADMIN:		return ("administer");
	}
	return ("?");
}

const char *
auth_action_title(unsigned act)
{
	const char	*s;

	switch (act) {
	case ACT_VIEW:		s = NC_("may not", "view"); break;
	case ACT_CREATE:	s = NC_("may not", "create"); break;
	case ACT_EDIT:		s = NC_("may not", "edit"); break;
	case ACT_DELETE:	s = NC_("may not", "delete"); break;
	case ACT_POST:		s = NC_("may not", "post"); break;
	case ACT_APPROVE:	s = NC_("may not", "approve"); break;
	case ACT_EXPORT:	s = NC_("may not", "export"); break;
	case ACT_ADMIN:		s = NC_("may not", "administer"); break;
	default:		return ("?");
	}
	return (i18n_ctx("may not", s));
}

const char *
auth_area_title(const char *area)
{
	static const struct {
		const char	*area, *title;
	} t[] = {
		{ "admin", NC_("area", "administration") },
		{ "crm", NC_("area", "customers, contacts and tasks") },
		{ "sales", NC_("area", "quotes, orders and invoices") },
		{ "sales|finance", NC_("area", "invoices") },
		{ "shipping", NC_("area", "shipments and returns") },
		{ "catalog", NC_("area", "products and prices") },
		{ "stock", NC_("area", "the warehouse") },
		{ "purchasing", NC_("area", "purchasing") },
		{ "production", NC_("area", "production") },
		{ "finance", NC_("area", "money") },
		{ "hr", NC_("area", "staff") },
	};
	size_t	 i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(t[i].area, area) == 0)
			return (i18n_ctx("area", t[i].title));
	return (area);
}
