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
	  FF_INDEXED|FF_DIGITS|FF_SEARCH|FF_LIST, NULL, NULL, FC_PHONE },
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
	{ 22, "tags", "Tags", FT_TEXT, 120,
	  FF_SEARCH, NULL, NULL, FC_NONE },
	{ 23, "source", "Source", FT_TEXT, 60,
	  FF_INDEXED, NULL, NULL, FC_NONE },
};

/* contacts: people at a customer. */
static const struct field_def contact_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", "Code", FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "customer", "Customer", FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "customers", NULL, FC_NONE },
	{ 12, "name", "Name", FT_TEXT, 120,
	  FF_REQUIRED|FF_INDEXED|FF_SEARCH|FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "position", "Position", FT_TEXT, 80,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "phone", "Phone", FT_TEXT, 32,
	  FF_INDEXED|FF_DIGITS|FF_SEARCH|FF_LIST, NULL, NULL, FC_PHONE },
	{ 15, "email", "E-mail", FT_TEXT, 80,
	  FF_INDEXED|FF_LIST, NULL, NULL, FC_EMAIL },
	{ 16, "notes", "Notes", FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
};

static const char *const channel_kinds[] = {
	"email", "office_phone", "mobile", "telegram", "whatsapp", "skype",
	"vk", "website", NULL
};

/* channels: any number of ways to reach a customer or a contact. */
static const struct field_def channel_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", "Code", FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "customer", "Customer", FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "customers", NULL, FC_NONE },
	{ 12, "contact", "Contact", FT_REF, 16,
	  FF_INDEXED|FF_LIST, "contacts", NULL, FC_NONE },
	{ 13, "kind", "Kind", FT_ENUM, 12,
	  FF_REQUIRED|FF_LIST, NULL, channel_kinds, FC_NONE },
	{ 14, "value", "Value", FT_TEXT, 120,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "notes", "Notes", FT_TEXT, 400,
	  0, NULL, NULL, FC_NONE },
};

static const char *const activity_kinds[] = {
	"call", "meeting", "email", "note", NULL
};

/* activities: the history of interactions. */
static const struct field_def activity_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", "Code", FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "kind", "Kind", FT_ENUM, 8,
	  FF_REQUIRED|FF_LIST, NULL, activity_kinds, FC_NONE },
	{ 12, "at", "Date and time", FT_TIME, 20,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "user", "User", FT_REF, 32,
	  FF_INDEXED|FF_LIST, "users", NULL, FC_NONE },
	{ 14, "customer", "Customer", FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "customers", NULL, FC_NONE },
	{ 15, "contact", "Contact", FT_REF, 16,
	  FF_INDEXED, "contacts", NULL, FC_NONE },
	{ 16, "text", "Text", FT_TEXT, 4000,
	  FF_MULTILINE|FF_SEARCH|FF_LIST, NULL, NULL, FC_NONE },
	{ 17, "outcome", "Outcome", FT_TEXT, 200,
	  FF_LIST, NULL, NULL, FC_NONE },
};

static const char *const task_priorities[] = {
	"low", "normal", "high", "urgent", NULL
};
static const char *const task_statuses[] = {
	"open", "in_progress", "done", "cancelled", NULL
};

/* tasks: personal and team planning. */
static const struct field_def task_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", "Code", FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER|FF_LIST, NULL, NULL, FC_NONE },
	{ 11, "title", "Title", FT_TEXT, 160,
	  FF_REQUIRED|FF_SEARCH|FF_LIST, NULL, NULL, FC_NONE },
	{ 12, "assignee", "Assignee", FT_REF, 32,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "users", NULL, FC_NONE },
	{ 13, "due", "Due", FT_TIME, 20,
	  FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "priority", "Priority", FT_ENUM, 8,
	  FF_LIST, NULL, task_priorities, FC_NONE },
	{ 15, "status", "Status", FT_ENUM, 12,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, task_statuses, FC_NONE },
	{ 16, "customer", "Customer", FT_REF, 16,
	  FF_INDEXED, "customers", NULL, FC_NONE },
	{ 17, "notes", "Notes", FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
};

const struct entity_def ent_users = {
	"users", "Users", "admin", NULL, user_fields, NFIELDS(user_fields)
};
const struct entity_def ent_customers = {
	"customers", "Customers", "crm", "C", customer_fields,
	NFIELDS(customer_fields)
};

const struct entity_def ent_contacts = {
	"contacts", "Contacts", "crm", "P", contact_fields,
	NFIELDS(contact_fields)
};
const struct entity_def ent_channels = {
	"channels", "Channels", "crm", "CH", channel_fields,
	NFIELDS(channel_fields)
};
const struct entity_def ent_activities = {
	"activities", "Activities", "crm", "A", activity_fields,
	NFIELDS(activity_fields)
};
const struct entity_def ent_tasks = {
	"tasks", "Tasks", "crm", "T", task_fields, NFIELDS(task_fields)
};

const struct entity_def *const entity_table[] = {
	&ent_users,
	&ent_customers,
	&ent_contacts,
	&ent_channels,
	&ent_activities,
	&ent_tasks,
	NULL
};
