/*
 * Roles and permissions (src/auth.c).  The permission table is tested as
 * a specification: every role x area x action, allowed or denied, is
 * written out below, so a change to the table has to change this file
 * too, on purpose.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "auth.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

#define ALL_ROLES	"admin, manager, sales, warehouse, purchasing, " \
			"production, accountant, hr"

static const unsigned roles[] = {
	ROLE_ADMIN, ROLE_MANAGER, ROLE_SALES, ROLE_WAREHOUSE,
	ROLE_PURCHASING, ROLE_PRODUCTION, ROLE_ACCOUNTANT, ROLE_HR
};
static const char *const areas[] = {
	"admin", "crm", "sales", "shipping", "catalog", "stock", "purchasing",
	"production", "finance", "hr", "nosuch", ""
};
/* The actions in the order of the letters of a spec string. */
static const unsigned acts[] = {
	ACT_VIEW, ACT_CREATE, ACT_EDIT, ACT_DELETE, ACT_POST, ACT_APPROVE,
	ACT_EXPORT, ACT_ADMIN
};
static const char act_letters[] = "VCEDPAXM";

/*
 * The specification: for each role and area, the actions allowed, one
 * letter each in the order V(iew) C(reate) E(dit) D(elete) P(ost)
 * A(pprove) (e)X(port) M (administer), '-' for denied.  An area not
 * listed for a role is closed to it.
 */
static const struct {
	unsigned	 role;
	const char	*area;
	const char	*acts;
} spec[] = {
	{ ROLE_ADMIN,	"admin",	"VCEDPAXM" },
	{ ROLE_ADMIN,	"crm",		"VCEDPAXM" },
	{ ROLE_ADMIN,	"sales",	"VCEDPAXM" },
	{ ROLE_ADMIN,	"shipping",	"VCEDPAXM" },
	{ ROLE_ADMIN,	"catalog",	"VCEDPAXM" },
	{ ROLE_ADMIN,	"stock",	"VCEDPAXM" },
	{ ROLE_ADMIN,	"purchasing",	"VCEDPAXM" },
	{ ROLE_ADMIN,	"production",	"VCEDPAXM" },
	{ ROLE_ADMIN,	"finance",	"VCEDPAXM" },
	{ ROLE_ADMIN,	"hr",		"VCEDPAXM" },
	{ ROLE_ADMIN,	"nosuch",	"VCEDPAXM" },
	{ ROLE_ADMIN,	"",		"VCEDPAXM" },

	{ ROLE_MANAGER,	"crm",		"VCEDPAX-" },
	{ ROLE_MANAGER,	"sales",	"VCEDPAX-" },
	{ ROLE_MANAGER,	"shipping",	"VCEDPAX-" },
	{ ROLE_MANAGER,	"catalog",	"VCED--X-" },
	{ ROLE_MANAGER,	"stock",	"VCE-PAX-" },
	{ ROLE_MANAGER,	"purchasing",	"VCEDPAX-" },
	{ ROLE_MANAGER,	"production",	"VCE-PAX-" },
	{ ROLE_MANAGER,	"finance",	"V-----X-" },
	{ ROLE_MANAGER,	"hr",		"V-------" },

	{ ROLE_SALES,	"crm",		"VCE---X-" },
	{ ROLE_SALES,	"sales",	"VCE-P---" },
	{ ROLE_SALES,	"shipping",	"VCE-----" },
	{ ROLE_SALES,	"catalog",	"V-------" },
	{ ROLE_SALES,	"stock",	"V-------" },

	{ ROLE_WAREHOUSE, "shipping",	"VCE-P---" },
	{ ROLE_WAREHOUSE, "catalog",	"V-------" },
	{ ROLE_WAREHOUSE, "stock",	"VCE-P---" },
	{ ROLE_WAREHOUSE, "purchasing",	"V-------" },
	{ ROLE_WAREHOUSE, "production",	"V-------" },	/* pick lists */

	{ ROLE_PURCHASING, "crm",	"V-------" },
	{ ROLE_PURCHASING, "catalog",	"VCE---X-" },
	{ ROLE_PURCHASING, "stock",	"V-------" },
	{ ROLE_PURCHASING, "purchasing", "VCEDP-X-" },

	{ ROLE_PRODUCTION, "catalog",	"V-------" },
	{ ROLE_PRODUCTION, "stock",	"VC--P---" },
	{ ROLE_PRODUCTION, "production", "VCE-P---" },

	{ ROLE_ACCOUNTANT, "crm",	"V-----X-" },
	{ ROLE_ACCOUNTANT, "catalog",	"V-----X-" },
	{ ROLE_ACCOUNTANT, "sales",	"V-----X-" },
	{ ROLE_ACCOUNTANT, "shipping",	"V-----X-" },
	{ ROLE_ACCOUNTANT, "stock",	"V-----X-" },
	{ ROLE_ACCOUNTANT, "purchasing", "V-----X-" },
	{ ROLE_ACCOUNTANT, "finance",	"VCEDPAX-" },

	{ ROLE_HR,	"hr",		"VCED--X-" },
};

static const char *
spec_acts(unsigned role, const char *area)
{
	size_t	 i;

	for (i = 0; i < NITEMS(spec); i++)
		if (spec[i].role == role && strcmp(spec[i].area, area) == 0)
			return (spec[i].acts);
	return ("--------");
}

/* Every single role, every area, every action: as the spec says. */
static void
test_matrix(void **state)
{
	size_t		 r, a, k;
	const char	*s;
	int		 want, got, bad = 0;

	for (r = 0; r < NITEMS(roles); r++)
		for (a = 0; a < NITEMS(areas); a++) {
			s = spec_acts(roles[r], areas[a]);
			assert_int_equal(strlen(s), NITEMS(acts));
			for (k = 0; k < NITEMS(acts); k++) {
				assert_true(s[k] == '-' ||
				    s[k] == act_letters[k]);
				want = s[k] != '-';
				got = auth_allowed(roles[r], areas[a],
				    acts[k]) != 0;
				if (got != want) {
					print_message("# role %#x %s %s: "
					    "got %d, want %d\n", roles[r],
					    areas[a], auth_action_name(acts[k]),
					    got, want);
					bad++;
				}
			}
		}
	assert_int_equal(bad, 0);
}

/* The rows a person would state, denials included. */
static void
test_rows(void **state)
{
	static const struct {
		const char	*roles;
		const char	*area;
		unsigned	 act;
		int		 allowed;
	} rows[] = {
		{ "admin", "admin", ACT_ADMIN, 1 },
		{ "admin", "finance", ACT_DELETE, 1 },
		{ "admin", "nosuch", ACT_VIEW, 1 },
		{ "sales", "crm", ACT_VIEW, 1 },
		{ "sales", "crm", ACT_CREATE, 1 },
		{ "sales", "crm", ACT_EDIT, 1 },
		{ "sales", "crm", ACT_EXPORT, 1 },
		{ "sales", "crm", ACT_DELETE, 0 },
		{ "sales", "crm", ACT_APPROVE, 0 },
		{ "sales", "sales", ACT_POST, 1 },
		{ "sales", "sales", ACT_EXPORT, 0 },
		{ "sales", "catalog", ACT_EDIT, 0 },
		{ "sales", "finance", ACT_VIEW, 0 },
		{ "sales", "admin", ACT_ADMIN, 0 },
		{ "warehouse", "crm", ACT_VIEW, 0 },
		{ "warehouse", "stock", ACT_POST, 1 },
		{ "warehouse", "stock", ACT_DELETE, 0 },
		{ "warehouse", "sales", ACT_VIEW, 0 },
		{ "warehouse", "finance", ACT_VIEW, 0 },
		{ "accountant", "finance", ACT_APPROVE, 1 },
		{ "accountant", "finance", ACT_DELETE, 1 },
		{ "accountant", "sales", ACT_EDIT, 0 },
		{ "accountant", "crm", ACT_EXPORT, 1 },
		{ "accountant", "hr", ACT_VIEW, 0 },
		{ "manager", "finance", ACT_VIEW, 1 },
		{ "manager", "finance", ACT_EDIT, 0 },
		{ "manager", "hr", ACT_EDIT, 0 },
		{ "manager", "admin", ACT_ADMIN, 0 },
		{ "manager", "stock", ACT_DELETE, 0 },
		{ "hr", "hr", ACT_DELETE, 1 },
		{ "hr", "crm", ACT_VIEW, 0 },
		{ "production", "stock", ACT_CREATE, 1 },
		{ "production", "stock", ACT_EDIT, 0 },
		{ "purchasing", "purchasing", ACT_APPROVE, 0 },
		{ "purchasing", "crm", ACT_EDIT, 0 },
		/* several roles: any one of them is enough */
		{ "sales,warehouse", "crm", ACT_EDIT, 1 },
		{ "sales,warehouse", "stock", ACT_CREATE, 1 },
		{ "sales,warehouse", "crm", ACT_DELETE, 0 },
		{ "hr,accountant", "finance", ACT_POST, 1 },
		{ "hr,accountant", "hr", ACT_CREATE, 1 },
		{ "hr,accountant", "sales", ACT_CREATE, 0 },
		{ "sales,admin", "hr", ACT_DELETE, 1 },
		/* alternatives: allowed in any of them (invoices) */
		{ "accountant", "sales|finance", ACT_CREATE, 1 },
		{ "accountant", "sales|finance", ACT_POST, 1 },
		{ "accountant", "sales|finance", ACT_DELETE, 1 },
		{ "sales", "sales|finance", ACT_CREATE, 1 },
		{ "sales", "sales|finance", ACT_DELETE, 0 },
		{ "warehouse", "sales|finance", ACT_VIEW, 0 },
		{ "purchasing", "sales|finance", ACT_VIEW, 0 },
		{ "accountant", "finance|nosuch", ACT_EDIT, 1 },
		{ "accountant", "fin|sales", ACT_EDIT, 0 },
		{ "accountant", "financ", ACT_VIEW, 0 },
		/* an unknown area is closed to all but admin */
		{ "manager", "nosuch", ACT_VIEW, 0 },
		{ "manager", "CRM", ACT_VIEW, 0 },
		/* several actions at once: all of them are needed */
		{ "sales", "crm", ACT_VIEW | ACT_EDIT, 1 },
		{ "sales", "crm", ACT_VIEW | ACT_DELETE, 0 },
	};
	unsigned	 mask;
	size_t		 i;
	char		*cause = NULL;

	for (i = 0; i < NITEMS(rows); i++) {
		assert_int_equal(auth_roles_parse(rows[i].roles, &mask,
		    &cause), 0);
		print_message("# %s %s %#x\n", rows[i].roles, rows[i].area,
		    rows[i].act);
		assert_int_equal(auth_allowed(mask, rows[i].area,
		    rows[i].act) != 0, rows[i].allowed);
	}
	assert_null(cause);

	/* No role at all: nothing. */
	for (i = 0; i < NITEMS(areas); i++)
		assert_false(auth_allowed(0, areas[i], ACT_VIEW));
	/* Every role but admin together still administers nothing. */
	for (i = 0; i < NITEMS(areas); i++)
		assert_false(auth_allowed(0xff & ~ROLE_ADMIN, areas[i],
		    ACT_ADMIN));
}

static void
test_roles_parse(void **state)
{
	static const struct {
		const char	*in;
		int		 rc;
		unsigned	 mask;
		const char	*out;	/* format(mask), or the cause */
	} rows[] = {
		{ "admin", 0, ROLE_ADMIN, "admin" },
		{ "sales,manager", 0, ROLE_SALES | ROLE_MANAGER,
		  "manager,sales" },
		{ "sales, manager", 0, ROLE_SALES | ROLE_MANAGER,
		  "manager,sales" },
		{ " hr ", 0, ROLE_HR, "hr" },
		{ "hr,hr", 0, ROLE_HR, "hr" },
		{ "accountant,,warehouse", 0,
		  ROLE_ACCOUNTANT | ROLE_WAREHOUSE, "warehouse,accountant" },
		{ "hr,accountant,production,purchasing,warehouse,sales,"
		  "manager,admin", 0, 0xff,
		  "admin,manager,sales,warehouse,purchasing,production,"
		  "accountant,hr" },
		{ "", -1, 0, "at least one role expected (roles: " ALL_ROLES
		  ")" },
		{ " , ,", -1, 0, "at least one role expected (roles: "
		  ALL_ROLES ")" },
		{ "boss", -1, 0, "unknown role 'boss' (roles: " ALL_ROLES ")" },
		{ "sales,boss", -1, 0,
		  "unknown role 'boss' (roles: " ALL_ROLES ")" },
		{ "Sales", -1, 0,
		  "unknown role 'Sales' (roles: " ALL_ROLES ")" },
		{ "sales;manager", -1, 0,
		  "unknown role 'sales;manager' (roles: " ALL_ROLES ")" },
		{ "бухгалтер", -1, 0,
		  "unknown role 'бухгалтер' (roles: " ALL_ROLES ")" },
	};
	unsigned	 mask;
	size_t		 i;
	char		*cause, *s;

	for (i = 0; i < NITEMS(rows); i++) {
		cause = NULL;
		print_message("# \"%s\"\n", rows[i].in);
		assert_int_equal(auth_roles_parse(rows[i].in, &mask, &cause),
		    rows[i].rc);
		if (rows[i].rc != 0) {
			assert_non_null(cause);
			assert_string_equal(cause, rows[i].out);
			free(cause);
			continue;
		}
		assert_null(cause);
		assert_int_equal(mask, rows[i].mask);
		s = auth_roles_format(mask);
		assert_string_equal(s, rows[i].out);
		free(s);
	}
	assert_string_equal(auth_role_names(), ALL_ROLES);
}

/* format then parse gives every mask back. */
static void
test_roles_round_trip(void **state)
{
	unsigned	 m, back;
	char		*s, *cause = NULL;

	for (m = 1; m <= 0xff; m++) {
		s = auth_roles_format(m);
		assert_int_equal(auth_roles_parse(s, &back, &cause), 0);
		assert_int_equal(back, m);
		free(s);
	}
	assert_null(cause);
	s = auth_roles_format(0);
	assert_string_equal(s, "");
	free(s);
}

static void
test_action_names(void **state)
{
	static const char *const names[] = {
		"view", "create", "edit", "delete", "post", "approve",
		"export", "administer"
	};
	size_t	 i;

	for (i = 0; i < NITEMS(acts); i++)
		assert_string_equal(auth_action_name(acts[i]), names[i]);
	assert_string_equal(auth_action_name(0), "?");
	assert_string_equal(auth_action_name(ACT_VIEW | ACT_EDIT), "?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_roles_parse),
		cmocka_unit_test(test_roles_round_trip),
		cmocka_unit_test(test_action_names),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
