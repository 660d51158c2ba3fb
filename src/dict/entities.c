/*
 * The entities.  One table of fields each; one line of entity_table[]
 * each.  Field ids are stable forever: never renumber, never reuse.
 */
#include "config.h"

#include <stddef.h>

#include "dict/dict.h"

#define NFIELDS(a)	(sizeof (a) / sizeof (a)[0])

/* users: the logins that may work here, and their roles. */
static const struct field_def user_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "login", "Login", FT_TEXT, 32,
	  FF_REQUIRED|FF_UNIQUE|FF_INDEXED|FF_LIST, NULL, NULL, FC_LOGIN },
	{ 11, "name", "Full name", FT_TEXT, 80,
	  FF_SEARCH|FF_LIST, NULL, NULL, FC_NONE },
	{ 12, "roles", "Roles", FT_TEXT, 120,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "disabled", "Disabled", FT_BOOL, 3,
	  FF_LIST, NULL, NULL, FC_NONE },
};

static const char *const customer_kinds[] = { "company", "person", NULL };
static const char *const customer_statuses[] = {
	"lead", "prospect", "active", "lost", NULL
};

/* customers: companies and persons we sell to. */
static const struct field_def customer_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", "Code", FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "name", "Name", FT_TEXT, 160,
	  FF_REQUIRED|FF_INDEXED|FF_SEARCH|FF_LIST, NULL, NULL, FC_NONE },
	{ 12, "kind", "Kind", FT_ENUM, 8,
	  FF_REQUIRED, NULL, customer_kinds, FC_NONE },
	{ 13, "inn", "INN", FT_TEXT, 12,
	  FF_INDEXED|FF_LIST, NULL, NULL, FC_INN },
	{ 14, "kpp", "KPP", FT_TEXT, 9,
	  0, NULL, NULL, FC_KPP },
	{ 15, "phone", "Phone", FT_TEXT, 32,
	  FF_INDEXED|FF_DIGITS|FF_LIST, NULL, NULL, FC_PHONE },
	{ 16, "email", "E-mail", FT_TEXT, 80,
	  FF_INDEXED, NULL, NULL, FC_EMAIL },
	{ 17, "city", "City", FT_TEXT, 60,
	  FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 18, "address", "Address", FT_TEXT, 240,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
	{ 19, "manager", "Responsible manager", FT_REF, 32,
	  FF_INDEXED, "users", NULL, FC_NONE },
	{ 20, "status", "Status", FT_ENUM, 8,
	  FF_INDEXED|FF_LIST, NULL, customer_statuses, FC_NONE },
	{ 21, "notes", "Notes", FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
};

const struct entity_def ent_users = {
	"users", "Users", "admin", NULL, user_fields, NFIELDS(user_fields)
};
const struct entity_def ent_customers = {
	"customers", "Customers", "crm", "C", customer_fields,
	NFIELDS(customer_fields)
};

const struct entity_def *const entity_table[] = {
	&ent_users,
	&ent_customers,
	NULL
};
