/*
 * The entities.  One table of fields each; one line of entity_table[]
 * each.  Field ids are stable forever: never renumber, never reuse.
 */
#include "config.h"

#include <stddef.h>

#include "dict/dict.h"
#include "i18n.h"

#define NFIELDS(a)	(sizeof (a) / sizeof (a)[0])

/* The languages of the interface: a user's own, over the locale's. */
static const char *const user_langs[] = {
	NC_("enum", "ru"), NC_("enum", "en"), NULL
};

/*
 * The English of the stored enum values that are identifiers or codes
 * rather than words (the msgids of the "enum" context are the stored
 * values, so English would show them raw): the words a list, card,
 * report or message shows in English.  Russian has its own in po/ru.po.
 * tests/ui/test_ui_i18n.c checks no value shows an underscore.
 */
const struct dict_enum_en dict_enum_en[] = {
	{ "in_progress", "in progress" },	/* i18n: no */
	{ "in_transit", "in transit" },	/* i18n: no */
	{ "office_phone", "office phone" },	/* i18n: no */
	{ "part_paid", "part paid" },	/* i18n: no */
	{ "part_shipped", "part shipped" },	/* i18n: no */
	{ "transfer_in", "transfer in" },	/* i18n: no */
	{ "transfer_out", "transfer out" },	/* i18n: no */
	{ "po", "purchase order" },	/* i18n: no */
	{ "ru", "Russian" },	/* i18n: no */
	{ "en", "English" },	/* i18n: no */
	{ NULL, NULL }
};

/* users: the logins that may work here, and their roles. */
static const struct field_def user_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "login", N_("Login"), FT_TEXT, 32,
	  FF_REQUIRED|FF_UNIQUE|FF_INDEXED|FF_LIST|FF_PUBLIC, NULL, NULL,
	  FC_LOGIN },
	{ 11, "name", N_("Full name"), FT_TEXT, 80,
	  FF_SEARCH|FF_LIST|FF_PUBLIC, NULL, NULL, FC_NONE },
	{ 12, "roles", N_("Roles"), FT_TEXT, 120,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "disabled", N_("Disabled"), FT_BOOL, 3,
	  FF_LIST|FF_PUBLIC, NULL, NULL, FC_NONE },
	{ 14, "lang", N_("Language"), FT_ENUM, 2,
	  0, NULL, user_langs, FC_NONE },
};

static const char *const customer_kinds[] = {
	NC_("enum", "company"), NC_("enum", "person"), NULL
};
static const char *const customer_statuses[] = {
	NC_("enum", "lead"), NC_("enum", "prospect"), NC_("enum", "active"),
	NC_("enum", "lost"), NULL
};

/*
 * drafts: what a clerk had on the screen, unsaved, when the session ended
 * by a hang-up (a form's texts, or the draft document a scan was saved
 * as); kept for that login and offered back at its next start.
 */
static const struct field_def draft_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "login", N_("Login"), FT_TEXT, 32,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, NULL, FC_LOGIN },
	{ 12, "screen", N_("Screen"), FT_TEXT, 32,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "entity", N_("Entity"), FT_TEXT, 32,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "target", N_("Record"), FT_TEXT, 40,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "base_rev", N_("Revision edited"), FT_INT, 10,
	  0, NULL, NULL, FC_NONE },
	{ 16, "title", N_("Title"), FT_TEXT, 160,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 17, "texts", N_("Values"), FT_TEXT, 60000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
};

/* customers: companies and persons we sell to. */
static const struct field_def customer_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "name", N_("Name"), FT_TEXT, 160,
	  FF_REQUIRED|FF_INDEXED|FF_SEARCH|FF_LIST|FF_FIRM, NULL, NULL,
	  FC_NONE },
	{ 12, "kind", N_("Kind"), FT_ENUM, 8,
	  FF_REQUIRED, NULL, customer_kinds, FC_NONE },
	{ 13, "inn", N_("INN"), FT_TEXT, 12,
	  FF_INDEXED|FF_LIST, NULL, NULL, FC_INN },
	{ 14, "kpp", N_("KPP"), FT_TEXT, 9,
	  0, NULL, NULL, FC_KPP },
	{ 15, "phone", N_("Phone"), FT_TEXT, 32,
	  FF_INDEXED|FF_DIGITS|FF_SEARCH|FF_LIST, NULL, NULL, FC_PHONE },
	{ 16, "email", N_("E-mail"), FT_TEXT, 80,
	  FF_INDEXED, NULL, NULL, FC_EMAIL },
	{ 17, "city", N_("City"), FT_TEXT, 60,
	  FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 18, "address", N_("Address"), FT_TEXT, 240,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
	{ 19, "manager", N_("Responsible manager"), FT_REF, 32,
	  FF_INDEXED|FF_BYNAME, "users", NULL, FC_NONE },
	{ 20, "status", N_("Status"), FT_ENUM, 8,
	  FF_INDEXED|FF_LIST, NULL, customer_statuses, FC_NONE },
	{ 21, "notes", N_("Notes"), FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
	{ 22, "tags", N_("Tags"), FT_TEXT, 120,
	  FF_SEARCH, NULL, NULL, FC_NONE },
	{ 23, "source", N_("Source"), FT_TEXT, 60,
	  FF_INDEXED, NULL, NULL, FC_NONE },
	{ 24, "price_list", N_("Price list"), FT_REF, 16,
	  FF_INDEXED, "price_lists", NULL, FC_NONE },
	{ 25, "discount", N_("Discount, %"), FT_QTY, 8,
	  0, NULL, NULL, FC_PERCENT },
	{ 26, "terms_days", N_("Payment terms, days"), FT_INT, 4,
	  0, NULL, NULL, FC_NONNEG },
	{ 27, "credit_limit", N_("Credit limit"), FT_MONEY, 16,
	  0, NULL, NULL, FC_NONNEG },
};

/* contacts: people at a customer. */
static const struct field_def contact_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "customer", N_("Customer"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST|FF_BYNAME, "customers", NULL,
	  FC_NONE },
	{ 12, "name", N_("Name"), FT_TEXT, 120,
	  FF_REQUIRED|FF_INDEXED|FF_SEARCH|FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "position", N_("Position"), FT_TEXT, 80,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "phone", N_("Phone"), FT_TEXT, 32,
	  FF_INDEXED|FF_DIGITS|FF_SEARCH|FF_LIST, NULL, NULL, FC_PHONE },
	{ 15, "email", N_("E-mail"), FT_TEXT, 80,
	  FF_INDEXED|FF_LIST, NULL, NULL, FC_EMAIL },
	{ 16, "notes", N_("Notes"), FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
};

static const char *const channel_kinds[] = {
	NC_("enum", "email"), NC_("enum", "office_phone"),
	NC_("enum", "mobile"), NC_("enum", "telegram"), NC_("enum", "whatsapp"),
	NC_("enum", "skype"), NC_("enum", "vk"), NC_("enum", "website"), NULL
};

/* channels: any number of ways to reach a customer or a contact. */
static const struct field_def channel_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "customer", N_("Customer"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST|FF_BYNAME, "customers", NULL,
	  FC_NONE },
	{ 12, "contact", N_("Contact"), FT_REF, 16,
	  FF_INDEXED|FF_LIST|FF_BYNAME, "contacts", NULL, FC_NONE },
	{ 13, "kind", N_("Kind"), FT_ENUM, 12,
	  FF_REQUIRED|FF_LIST, NULL, channel_kinds, FC_NONE },
	{ 14, "value", N_("Value"), FT_TEXT, 120,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "notes", N_("Notes"), FT_TEXT, 400,
	  0, NULL, NULL, FC_NONE },
};

static const char *const activity_kinds[] = {
	NC_("enum", "call"), NC_("enum", "meeting"), NC_("enum", "email"),
	NC_("enum", "note"), NULL
};

/* activities: the history of interactions. */
static const struct field_def activity_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "kind", N_("Kind"), FT_ENUM, 8,
	  FF_REQUIRED|FF_LIST, NULL, activity_kinds, FC_NONE },
	{ 12, "at", N_("Date and time"), FT_TIME, 20,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "user", N_("User"), FT_REF, 32,
	  FF_INDEXED|FF_LIST|FF_BYNAME, "users", NULL, FC_NONE },
	{ 14, "customer", N_("Customer"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST|FF_BYNAME, "customers", NULL,
	  FC_NONE },
	{ 15, "contact", N_("Contact"), FT_REF, 16,
	  FF_INDEXED|FF_BYNAME, "contacts", NULL, FC_NONE },
	{ 16, "text", N_("Text"), FT_TEXT, 4000,
	  FF_MULTILINE|FF_SEARCH|FF_LIST, NULL, NULL, FC_NONE },
	{ 17, "outcome", N_("Outcome"), FT_TEXT, 200,
	  FF_LIST, NULL, NULL, FC_NONE },
};

static const char *const task_priorities[] = {
	NC_("enum", "low"), NC_("enum", "normal"), NC_("enum", "high"),
	NC_("enum", "urgent"), NULL
};
static const char *const task_statuses[] = {
	NC_("enum", "open"), NC_("enum", "in_progress"), NC_("enum", "done"),
	NC_("enum", "cancelled"), NULL
};

/* tasks: personal and team planning. */
static const struct field_def task_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER|FF_LIST, NULL, NULL, FC_NONE },
	{ 11, "title", N_("Title"), FT_TEXT, 160,
	  FF_REQUIRED|FF_SEARCH|FF_LIST, NULL, NULL, FC_NONE },
	{ 12, "assignee", N_("Assignee"), FT_REF, 32,
	  FF_REQUIRED|FF_INDEXED|FF_LIST|FF_BYNAME, "users", NULL, FC_NONE },
	{ 13, "due", N_("Due"), FT_TIME, 20,
	  FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "priority", N_("Priority"), FT_ENUM, 8,
	  FF_LIST, NULL, task_priorities, FC_NONE },
	{ 15, "status", N_("Status"), FT_ENUM, 12,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, task_statuses, FC_NONE },
	{ 16, "customer", N_("Customer"), FT_REF, 16,
	  FF_INDEXED|FF_BYNAME, "customers", NULL, FC_NONE },
	{ 17, "notes", N_("Notes"), FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
};

/* --- deals -------------------------------------------------------------- */

static const char *const deal_stage_kinds[] = {
	NC_("enum", "open"), NC_("enum", "won"), NC_("enum", "lost"), NULL
};

/*
 * deal_stages: the sales pipeline, in the order of position; a deal's
 * probability comes from its stage unless typed.  An admin renames, adds
 * and reorders them; everyone signed in reads them (every field public),
 * since every funnel and deal form shows them.
 */
static const struct field_def deal_stage_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "name", N_("Name"), FT_TEXT, 40,
	  FF_REQUIRED|FF_UNIQUE|FF_INDEXED|FF_LIST|FF_PUBLIC, NULL, NULL,
	  FC_NONE },
	{ 11, "position", N_("Position"), FT_INT, 4,
	  FF_INDEXED|FF_LIST|FF_PUBLIC, NULL, NULL, FC_NONE },
	{ 12, "probability", N_("Probability, %"), FT_INT, 3,
	  FF_LIST|FF_PUBLIC, NULL, NULL, FC_NONE },
	{ 13, "kind", N_("Kind"), FT_ENUM, 4,
	  FF_REQUIRED|FF_LIST|FF_PUBLIC, NULL, deal_stage_kinds, FC_NONE },
};

/* deals: D-000123, a sale in the making, moved along the stages. */
static const struct field_def deal_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "customer", N_("Customer"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST|FF_BYNAME, "customers", NULL,
	  FC_NONE },
	{ 12, "title", N_("Title"), FT_TEXT, 160,
	  FF_REQUIRED|FF_SEARCH|FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "amount", N_("Amount"), FT_MONEY, 14,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "stage", N_("Stage"), FT_REF, 40,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "deal_stages", NULL, FC_NONE },
	{ 15, "probability", N_("Probability, %"), FT_INT, 3,
	  0, NULL, NULL, FC_NONE },
	{ 16, "expected_close", N_("Expected close"), FT_DATE, 10,
	  FF_INDEXED, NULL, NULL, FC_NONE },
	{ 17, "manager", N_("Manager"), FT_REF, 32,
	  FF_REQUIRED|FF_INDEXED|FF_LIST|FF_BYNAME, "users", NULL, FC_NONE },
	{ 18, "source", N_("Source"), FT_TEXT, 60,
	  FF_INDEXED, NULL, NULL, FC_NONE },
	{ 19, "lost_reason", N_("Lost reason"), FT_TEXT, 200,
	  0, NULL, NULL, FC_NONE },
	{ 20, "notes", N_("Notes"), FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
	{ 21, "stage_since", N_("In the stage since"), FT_TIME, 20,
	  0, NULL, NULL, FC_NONE },
};

/* deal_history: every stage a deal entered, when and by whom; written by
 * the deal's save in its own transaction, read by the funnel report. */
static const struct field_def deal_history_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "deal", N_("Deal"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "deals", NULL, FC_NONE },
	{ 12, "at", N_("Date and time"), FT_TIME, 20,
	  FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "from_stage", N_("From stage"), FT_REF, 40,
	  FF_LIST, "deal_stages", NULL, FC_NONE },
	{ 14, "stage", N_("Stage"), FT_REF, 40,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "deal_stages", NULL, FC_NONE },
	{ 15, "user", N_("User"), FT_TEXT, 32,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 16, "amount", N_("Amount"), FT_MONEY, 14,
	  FF_LIST, NULL, NULL, FC_NONE },
};

/* --- catalog ---------------------------------------------------------- */

static const char *const product_kinds[] = {
	NC_("enum", "goods"), NC_("enum", "material"), NC_("enum", "finished"),
	NC_("enum", "service"), NULL
};
static const char *const product_units[] = {
	NC_("enum", "pcs"), NC_("enum", "kg"), NC_("enum", "g"),
	NC_("enum", "t"), NC_("enum", "m"), NC_("enum", "m2"),
	NC_("enum", "m3"), NC_("enum", "l"), NC_("enum", "set"),
	NC_("enum", "pack"), NC_("enum", "box"), NC_("enum", "pair"),
	NC_("enum", "h"), NC_("enum", "unit"), NULL
};
/* The rates the law has had: 22 % from 2026, 20 % before; 10 %; 5 % and
 * 7 % for firms on the simplified system; 0 %; exempt.  The standard one
 * a new product takes is the company's (company.vat_rate). */
static const char *const vat_rates[] = {
	NC_("enum", "22"), NC_("enum", "20"), NC_("enum", "10"),
	NC_("enum", "7"), NC_("enum", "5"), NC_("enum", "0"),
	NC_("enum", "exempt"), NULL
};

/*
 * The other names of units and VAT rates: what 1C (and people) write in
 * the files firms bring, as dict_enum_find() compares them: folded
 * (lower case, ё as е) and without spaces, dots and '%', so "шт." is
 * "шт", "усл. ед" "услед", "НДС 20%" "ндс20".  Keep them so written
 * (tests/dict/test_value.c checks).  A calculated rate (20/120, which
 * 1C puts on advances) is a name refused with its reason: kontor keeps
 * the rate itself.
 */
static const struct enum_alias unit_aliases[] = {
	{ "шт", "pcs", NULL }, { "штук", "pcs", NULL },
	{ "штука", "pcs", NULL },
	{ "кг", "kg", NULL }, { "килограмм", "kg", NULL },
	{ "г", "g", NULL }, { "гр", "g", NULL }, { "грамм", "g", NULL },
	{ "т", "t", NULL }, { "тн", "t", NULL }, { "тонна", "t", NULL },
	{ "м", "m", NULL }, { "метр", "m", NULL }, { "пм", "m", NULL },
	{ "погм", "m", NULL },
	{ "м2", "m2", NULL }, { "м²", "m2", NULL }, { "квм", "m2", NULL },
	{ "м3", "m3", NULL }, { "м³", "m3", NULL }, { "кубм", "m3", NULL },
	{ "л", "l", NULL }, { "литр", "l", NULL },
	{ "компл", "set", NULL }, { "комплект", "set", NULL },
	{ "к-т", "set", NULL },
	{ "уп", "pack", NULL }, { "упак", "pack", NULL },
	{ "упаковка", "pack", NULL },
	{ "кор", "box", NULL }, { "короб", "box", NULL },
	{ "коробка", "box", NULL }, { "ящ", "box", NULL },
	{ "ящик", "box", NULL },
	{ "пар", "pair", NULL }, { "пара", "pair", NULL },
	{ "ч", "h", NULL }, { "час", "h", NULL },
	{ "услед", "unit", NULL }, { "условнаяединица", "unit", NULL },
	{ NULL, NULL, NULL }
};
#define CALCULATED	N_("a calculated rate, which 1C writes on advances " \
			    "and kontor does not keep")
static const struct enum_alias vat_aliases[] = {
	{ "безндс", "exempt", NULL }, { "ндснеоблагается", "exempt", NULL },
	{ "необлагается", "exempt", NULL },
	{ "безналога(ндс)", "exempt", NULL }, { "безналога", "exempt", NULL },
	{ "ндс22", "22", NULL }, { "ндс20", "20", NULL },
	{ "ндс10", "10", NULL }, { "ндс7", "7", NULL }, { "ндс5", "5", NULL },
	{ "ндс0", "0", NULL },
	{ "22/122", "22", CALCULATED }, { "20/120", "20", CALCULATED },
	{ "10/110", "10", CALCULATED }, { "7/107", "7", CALCULATED },
	{ "5/105", "5", CALCULATED },
	{ NULL, NULL, NULL }
};
const struct enum_names enum_names_table[] = {
	{ product_units, unit_aliases },
	{ vat_rates, vat_aliases },
	{ NULL, NULL }
};

/* products: what we buy, keep and sell. */
static const struct field_def product_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "sku", N_("SKU"), FT_TEXT, 32,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "name", N_("Name"), FT_TEXT, 160,
	  FF_REQUIRED|FF_INDEXED|FF_SEARCH|FF_LIST, NULL, NULL, FC_NONE },
	{ 12, "kind", N_("Kind"), FT_ENUM, 10,
	  FF_REQUIRED, NULL, product_kinds, FC_NONE },
	{ 13, "unit", N_("Unit"), FT_ENUM, 5,
	  FF_REQUIRED|FF_LIST, NULL, product_units, FC_NONE },
	{ 14, "decimals", N_("Decimals in quantities"), FT_INT, 1,
	  0, NULL, NULL, FC_NONE },
	{ 15, "barcode", N_("Barcode (EAN-13)"), FT_TEXT, 13,
	  FF_UNIQUE|FF_INDEXED|FF_LIST, NULL, NULL, FC_EAN13 },
	{ 16, "category", N_("Category"), FT_REF, 16,
	  FF_INDEXED, "categories", NULL, FC_NONE },
	{ 17, "purchase_price", N_("Purchase price"), FT_MONEY, 14,
	  0, NULL, NULL, FC_NONE },
	{ 18, "sale_price", N_("Sale price"), FT_MONEY, 14,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 19, "vat", N_("VAT rate, %"), FT_ENUM, 6,
	  FF_REQUIRED, NULL, vat_rates, FC_NONE },
	{ 20, "supplier", N_("Default supplier"), FT_REF, 16,
	  FF_INDEXED|FF_BYNAME, "suppliers", NULL, FC_NONE },
	{ 21, "active", N_("Active"), FT_BOOL, 3,
	  0, NULL, NULL, FC_NONE },
	{ 22, "lots", N_("Lots and expiry"), FT_BOOL, 3,
	  0, NULL, NULL, FC_NONE },
	{ 23, "notes", N_("Notes"), FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
};

/* barcodes: a product's further barcodes (a box of 12, an old label). */
static const struct field_def barcode_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "barcode", N_("Barcode (EAN-13)"), FT_TEXT, 13,
	  FF_REQUIRED|FF_UNIQUE|FF_INDEXED|FF_LIST, NULL, NULL, FC_EAN13 },
	{ 11, "product", N_("Product"), FT_REF, 32,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "products", NULL, FC_NONE },
	{ 12, "pack_qty", N_("Units per scan"), FT_QTY, 10,
	  FF_LIST, NULL, NULL, FC_NONE },
};

/* categories: a tree. */
static const struct field_def category_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "name", N_("Name"), FT_TEXT, 80,
	  FF_REQUIRED|FF_INDEXED|FF_SEARCH|FF_LIST, NULL, NULL, FC_NONE },
	{ 12, "parent", N_("Parent category"), FT_REF, 16,
	  FF_INDEXED|FF_LIST, "categories", NULL, FC_NONE },
};

/* price_lists: retail, wholesale, dealer... */
static const struct field_def price_list_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "name", N_("Name"), FT_TEXT, 80,
	  FF_REQUIRED|FF_SEARCH|FF_LIST, NULL, NULL, FC_NONE },
	{ 12, "notes", N_("Notes"), FT_TEXT, 400,
	  0, NULL, NULL, FC_NONE },
	{ 13, "vat_included", N_("Prices include VAT"), FT_BOOL, 3,
	  FF_LIST, NULL, NULL, FC_NONE },
};

/* prices: a product's price in a list, valid from and to a date; with
 * min_qty, from that quantity on (a quantity break). */
static const struct field_def price_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "price_list", N_("Price list"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "price_lists", NULL, FC_NONE },
	{ 12, "product", N_("Product"), FT_REF, 32,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "products", NULL, FC_NONE },
	{ 13, "price", N_("Price"), FT_MONEY, 14,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "valid_from", N_("Valid from"), FT_DATE, 10,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "valid_to", N_("Valid to"), FT_DATE, 10,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 16, "min_qty", N_("From quantity"), FT_QTY, 12,
	  FF_LIST, NULL, NULL, FC_NONNEG },
};

/* --- purchasing ------------------------------------------------------- */

/* suppliers: firms we buy from; the same firm may be a customer too. */
static const struct field_def supplier_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "name", N_("Name"), FT_TEXT, 160,
	  FF_REQUIRED|FF_INDEXED|FF_SEARCH|FF_LIST|FF_FIRM, NULL, NULL,
	  FC_NONE },
	{ 12, "inn", N_("INN"), FT_TEXT, 12,
	  FF_INDEXED|FF_LIST, NULL, NULL, FC_INN },
	{ 13, "kpp", N_("KPP"), FT_TEXT, 9,
	  0, NULL, NULL, FC_KPP },
	{ 14, "phone", N_("Phone"), FT_TEXT, 32,
	  FF_INDEXED|FF_DIGITS|FF_SEARCH|FF_LIST, NULL, NULL, FC_PHONE },
	{ 15, "email", N_("E-mail"), FT_TEXT, 80,
	  FF_INDEXED, NULL, NULL, FC_EMAIL },
	{ 16, "address", N_("Address"), FT_TEXT, 240,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
	{ 17, "customer", N_("Also our customer"), FT_REF, 16,
	  FF_INDEXED|FF_BYNAME, "customers", NULL, FC_NONE },
	{ 18, "lead_days", N_("Lead time, days"), FT_INT, 4,
	  FF_LIST, NULL, NULL, FC_NONNEG },
	{ 19, "terms", N_("Payment terms"), FT_TEXT, 120,
	  0, NULL, NULL, FC_NONE },
	{ 20, "notes", N_("Notes"), FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
	{ 21, "terms_days", N_("Payment terms, days"), FT_INT, 4,
	  0, NULL, NULL, FC_NONNEG },
	{ 22, "credit_limit", N_("Credit limit"), FT_MONEY, 16,
	  0, NULL, NULL, FC_NONNEG },
	/* Where the firm pays it: the payment orders' payee. */
	{ 23, "bank", N_("Bank"), FT_TEXT, 160,
	  0, NULL, NULL, FC_NONE },
	{ 24, "bik", N_("BIK"), FT_TEXT, 9,
	  0, NULL, NULL, FC_BIK },
	{ 25, "corr_account", N_("Correspondent account"), FT_TEXT, 20,
	  0, NULL, NULL, FC_ACCOUNT },
	{ 26, "bank_account", N_("Settlement account"), FT_TEXT, 20,
	  0, NULL, NULL, FC_ACCOUNT },
};

/* supplier_prices: what a supplier charges for a product, and how soon. */
static const struct field_def supplier_price_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "supplier", N_("Supplier"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST|FF_BYNAME, "suppliers", NULL,
	  FC_NONE },
	{ 12, "product", N_("Product"), FT_REF, 32,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "products", NULL, FC_NONE },
	{ 13, "price", N_("Price"), FT_MONEY, 14,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "supplier_sku", N_("Supplier's article"), FT_TEXT, 40,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "lead_days", N_("Lead time, days"), FT_INT, 4,
	  FF_LIST, NULL, NULL, FC_NONNEG },
	{ 16, "min_qty", N_("Minimum order"), FT_QTY, 12,
	  0, NULL, NULL, FC_NONNEG },
};

static const char *const po_statuses[] = {
	NC_("enum", "draft"), NC_("enum", "sent"), NC_("enum", "partial"),
	NC_("enum", "received"), NC_("enum", "closed"),
	NC_("enum", "cancelled"), NULL
};

/* purchase_orders: PO-2026-000001, draft -> sent -> partial -> received
 * -> closed.  total is without VAT, gross with it (both set when it is
 * sent); a prepayment pays up to gross. */
static const struct field_def po_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Number"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "supplier", N_("Supplier"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST|FF_BYNAME, "suppliers", NULL,
	  FC_NONE },
	{ 12, "warehouse", N_("Deliver to"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "warehouses", NULL, FC_NONE },
	{ 13, "date", N_("Date"), FT_DATE, 10,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "expected", N_("Expected"), FT_DATE, 10,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "status", N_("Status"), FT_ENUM, 9,
	  FF_RDONLY|FF_INDEXED|FF_LIST, NULL, po_statuses, FC_NONE },
	{ 16, "total", N_("Total"), FT_MONEY, 14,
	  FF_RDONLY|FF_LIST, NULL, NULL, FC_NONE },
	{ 17, "notes", N_("Notes"), FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
	{ 18, "paid", N_("Paid"), FT_MONEY, 14,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	/* What the supplier is paid for it: the total and its VAT, per
	 * line at the product's rate, as a receipt's payable is counted. */
	{ 19, "gross", N_("Total with VAT"), FT_MONEY, 14,
	  FF_RDONLY, NULL, NULL, FC_NONE },
};

/* po_lines: what a purchase order asks for, and what has come. */
static const struct field_def po_line_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "po", N_("Purchase order"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "purchase_orders", NULL, FC_NONE },
	{ 12, "line", N_("Line"), FT_INT, 4,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "product", N_("Product"), FT_REF, 32,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "products", NULL, FC_NONE },
	{ 14, "qty", N_("Quantity"), FT_QTY, 12,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "price", N_("Price"), FT_MONEY, 14,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 16, "received", N_("Received"), FT_QTY, 12,
	  FF_RDONLY|FF_LIST, NULL, NULL, FC_NONE },
};

/* --- stock -------------------------------------------------------------- */

/* warehouses */
static const struct field_def warehouse_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "name", N_("Name"), FT_TEXT, 80,
	  FF_REQUIRED|FF_SEARCH|FF_LIST, NULL, NULL, FC_NONE },
	{ 12, "address", N_("Address"), FT_TEXT, 240,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
	{ 13, "allow_negative", N_("Allow negative stock"), FT_BOOL, 3,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "notes", N_("Notes"), FT_TEXT, 400,
	  0, NULL, NULL, FC_NONE },
};

/* bins: places in a warehouse. */
static const struct field_def bin_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "warehouse", N_("Warehouse"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "warehouses", NULL, FC_NONE },
	{ 12, "name", N_("Name"), FT_TEXT, 80,
	  FF_LIST, NULL, NULL, FC_NONE },
};

/* stock_limits: the minimum and maximum of a product in a warehouse. */
static const struct field_def stock_limit_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "product", N_("Product"), FT_REF, 32,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "products", NULL, FC_NONE },
	{ 12, "warehouse", N_("Warehouse"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "warehouses", NULL, FC_NONE },
	{ 13, "min_qty", N_("Minimum"), FT_QTY, 12,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "max_qty", N_("Maximum"), FT_QTY, 12,
	  FF_LIST, NULL, NULL, FC_NONE },
};

/* stock: on hand, reserved and on order of a product in a warehouse,
 * kept by postings in the transaction of each move.  The key is
 * "<product id>:<warehouse id>". */
static const struct field_def stock_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "key", N_("Key"), FT_TEXT, 24,
	  FF_UNIQUE|FF_INDEXED, NULL, NULL, FC_NONE },
	{ 11, "product", N_("Product"), FT_REF, 32,
	  FF_INDEXED|FF_LIST, "products", NULL, FC_NONE },
	{ 12, "warehouse", N_("Warehouse"), FT_REF, 16,
	  FF_INDEXED|FF_LIST, "warehouses", NULL, FC_NONE },
	{ 13, "on_hand", N_("On hand"), FT_QTY, 12,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "reserved", N_("Reserved"), FT_QTY, 12,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "on_order", N_("On order"), FT_QTY, 12,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 16, "value", N_("Value"), FT_MONEY, 14,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 17, "moved", N_("Last move"), FT_TIME, 20,
	  0, NULL, NULL, FC_NONE },
};

static const char *const move_kinds[] = {
	NC_("enum", "receipt"), NC_("enum", "issue"),
	NC_("enum", "transfer_out"), NC_("enum", "transfer_in"),
	NC_("enum", "adjustment"), NC_("enum", "count"),
	NC_("enum", "reversal"), NC_("enum", "shipment"),
	NC_("enum", "return"), NC_("enum", "consumption"), NC_("enum", "output"),
	NULL
};

/* stock_moves: the ledger.  Never changed, never deleted.  Its code
 * (M-000123: the id, made by tx_insert) has no index: no one types it,
 * a move is reached by its id, product, document or date, and the index
 * was a fifth of the ledger's file (issue 16).  Nor has its warehouse
 * (issue 16, a key less per move posted): nothing reads the moves by
 * warehouse (the reports walk a product's moves and look at each one's
 * warehouse), and "is this warehouse still used?" on its delete is
 * answered by the stock rows, one per product and warehouse a move was
 * ever posted to, kept for good (stock.warehouse). */
static const struct field_def stock_move_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Move"), FT_TEXT, 16,
	  FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "date", N_("Date"), FT_DATE, 10,
	  FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 12, "kind", N_("Kind"), FT_ENUM, 12,
	  FF_LIST, NULL, move_kinds, FC_NONE },
	{ 13, "product", N_("Product"), FT_REF, 32,
	  FF_INDEXED|FF_LIST, "products", NULL, FC_NONE },
	{ 14, "warehouse", N_("Warehouse"), FT_REF, 16,
	  FF_LIST, "warehouses", NULL, FC_NONE },
	{ 15, "qty", N_("Quantity"), FT_QTY, 12,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 16, "unit_cost", N_("Unit cost"), FT_MONEY, 14,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 17, "value", N_("Value"), FT_MONEY, 14,
	  0, NULL, NULL, FC_NONE },
	{ 18, "doc", N_("Document"), FT_REF, 20,
	  FF_INDEXED|FF_LIST, "stock_docs", NULL, FC_NONE },
	{ 19, "lot", N_("Lot"), FT_TEXT, 32,
	  FF_INDEXED, NULL, NULL, FC_NONE },
	{ 20, "expiry", N_("Expiry"), FT_DATE, 10,
	  0, NULL, NULL, FC_NONE },
	{ 21, "bin", N_("Bin"), FT_REF, 16,
	  0, "bins", NULL, FC_NONE },
	{ 22, "user", N_("User"), FT_TEXT, 32,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 23, "shipment", N_("Shipment"), FT_REF, 20,
	  FF_INDEXED, "shipments", NULL, FC_NONE },
	{ 24, "cust_return", N_("Customer return"), FT_REF, 20,
	  FF_INDEXED, "customer_returns", NULL, FC_NONE },
	{ 25, "production", N_("Production order"), FT_REF, 20,
	  FF_INDEXED, "production_orders", NULL, FC_NONE },
};

static const char *const stock_doc_types[] = {
	NC_("enum", "receipt"), NC_("enum", "issue"), NC_("enum", "transfer"),
	NC_("enum", "adjustment"), NC_("enum", "count"),
	NC_("enum", "reservation"), NC_("enum", "reversal"),
	NC_("enum", "batch"), NULL
};
static const char *const stock_doc_statuses[] = {
	NC_("enum", "draft"), NC_("enum", "posted"), NC_("enum", "in_transit"),
	NC_("enum", "closed"), NC_("enum", "reversed"), NULL
};

/* stock_docs: receipts, issues, transfers, adjustments, counts,
 * reservations; RCP-2026-000001.  Type and status have no index (issue
 * 16, two keys less per document posted): no screen, report or rule
 * reads the documents by either (the type is in the number's prefix,
 * the list filters nothing by status), and each was a duplicate set of
 * nearly every document ("posted"), the status key moved from "draft"
 * to "posted" at each posting.  Nor has the pay-by date a receipt from a
 * supplier gets when posted: the money reports read the debts by
 * counterparty and the balances by their oldest due date, never these
 * by theirs. */
static const struct field_def stock_doc_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Number"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "type", N_("Type"), FT_ENUM, 11,
	  FF_REQUIRED|FF_LIST, NULL, stock_doc_types, FC_NONE },
	{ 12, "status", N_("Status"), FT_ENUM, 10,
	  FF_RDONLY|FF_LIST, NULL, stock_doc_statuses, FC_NONE },
	{ 13, "date", N_("Date"), FT_DATE, 10,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "warehouse", N_("Warehouse"), FT_REF, 16,
	  FF_INDEXED|FF_LIST, "warehouses", NULL, FC_NONE },
	{ 15, "to_warehouse", N_("To warehouse"), FT_REF, 16,
	  FF_INDEXED, "warehouses", NULL, FC_NONE },
	{ 16, "bin", N_("Bin"), FT_REF, 16,
	  0, "bins", NULL, FC_NONE },
	{ 17, "supplier", N_("Supplier"), FT_REF, 16,
	  FF_INDEXED|FF_BYNAME, "suppliers", NULL, FC_NONE },
	{ 18, "customer", N_("Customer"), FT_REF, 16,
	  FF_INDEXED|FF_BYNAME, "customers", NULL, FC_NONE },
	{ 19, "po", N_("Purchase order"), FT_REF, 16,
	  FF_INDEXED, "purchase_orders", NULL, FC_NONE },
	{ 20, "against", N_("Against reservation"), FT_REF, 16,
	  FF_INDEXED, "stock_docs", NULL, FC_NONE },
	{ 21, "reverses", N_("Reverses"), FT_REF, 16,
	  FF_RDONLY|FF_INDEXED, "stock_docs", NULL, FC_NONE },
	{ 22, "reason", N_("Reason"), FT_TEXT, 200,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 23, "blind", N_("Blind count"), FT_BOOL, 3,
	  0, NULL, NULL, FC_NONE },
	{ 24, "notes", N_("Notes"), FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
	{ 25, "posted", N_("Posted"), FT_TIME, 20,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 26, "posted_by", N_("Posted by"), FT_TEXT, 32,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 27, "payable", N_("Owed to the supplier"), FT_MONEY, 14,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 28, "paid", N_("Paid"), FT_MONEY, 14,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 29, "due_date", N_("Pay by"), FT_DATE, 10,
	  FF_RDONLY, NULL, NULL, FC_NONE },
};

static const char *const stock_line_types[] = {
	NC_("enum", "receipt"), NC_("enum", "issue"), NC_("enum", "transfer"),
	NULL
};

/* stock_lines: the lines of a stock document.  In a count, qty is the
 * quantity counted and book_qty the quantity on hand when posted; in a
 * batch, each line has its own type and warehouses. */
static const struct field_def stock_line_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "doc", N_("Document"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "stock_docs", NULL, FC_NONE },
	{ 12, "line", N_("Line"), FT_INT, 5,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "product", N_("Product"), FT_REF, 32,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "products", NULL, FC_NONE },
	{ 14, "qty", N_("Quantity"), FT_QTY, 12,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "unit_cost", N_("Unit cost"), FT_MONEY, 14,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 16, "lot", N_("Lot"), FT_TEXT, 32,
	  0, NULL, NULL, FC_NONE },
	{ 17, "expiry", N_("Expiry"), FT_DATE, 10,
	  0, NULL, NULL, FC_NONE },
	{ 18, "bin", N_("Bin"), FT_REF, 16,
	  0, "bins", NULL, FC_NONE },
	{ 19, "type", N_("Type"), FT_ENUM, 8,
	  0, NULL, stock_line_types, FC_NONE },
	{ 20, "warehouse", N_("Warehouse"), FT_REF, 16,
	  0, "warehouses", NULL, FC_NONE },
	{ 21, "to_warehouse", N_("To warehouse"), FT_REF, 16,
	  0, "warehouses", NULL, FC_NONE },
	{ 22, "book_qty", N_("On hand when posted"), FT_QTY, 12,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 23, "po_line", N_("PO line"), FT_REF, 16,
	  FF_INDEXED, "po_lines", NULL, FC_NONE },
};

/* --- sales ------------------------------------------------------------- */

/*
 * The sales documents: a quote (QT-2026-000001), an order that reserves
 * (SO-), the shipment that is the sale (SHP-) and a return against it
 * (RET-).  Each keeps its base document.  Their lines share the field
 * names of a priced line (product, qty, price, discount, vat, net,
 * vat_amount, gross), which src/model/sales.c reads by name.  Field id 30
 * of quotes and sales_orders is the deal they come from.
 */
static const char *const quote_statuses[] = {
	NC_("enum", "draft"), NC_("enum", "sent"), NC_("enum", "accepted"),
	NC_("enum", "rejected"), NC_("enum", "expired"), NULL
};
static const char *const so_statuses[] = {
	NC_("enum", "draft"), NC_("enum", "confirmed"),
	NC_("enum", "part_shipped"), NC_("enum", "shipped"),
	NC_("enum", "closed"), NC_("enum", "cancelled"), NULL
};
static const char *const sale_doc_statuses[] = {
	NC_("enum", "draft"), NC_("enum", "posted"), NULL
};

/*
 * The product of a line: indexed where something reads the lines by
 * product (an order's lines: kontor check adds up what open orders
 * reserve, product by product); a shipment's, a return's, a quote's and
 * an invoice's are read by their document only, and their product key
 * was a write per line saved for nothing but the check on a product's
 * delete, which walks them instead (FF_REFSCAN; issue 16).
 */
#define PRICED_LINE(first)	PRICED_LINE_P(first, FF_REFSCAN)
#define PRICED_LINE_P(first, pflags)					\
	{ first, "product", N_("Product"), FT_REF, 32,			\
	  FF_REQUIRED|FF_LIST|(pflags), "products", NULL, FC_NONE },	\
	{ first + 1, "qty", N_("Quantity"), FT_QTY, 12,			\
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },			\
	{ first + 2, "price", N_("Price"), FT_MONEY, 14,		\
	  FF_LIST, NULL, NULL, FC_NONE },				\
	{ first + 3, "discount", N_("Discount, %"), FT_QTY, 8,		\
	  0, NULL, NULL, FC_PERCENT },					\
	{ first + 4, "vat", N_("VAT rate, %"), FT_ENUM, 6,		\
	  0, NULL, vat_rates, FC_NONE },				\
	{ first + 5, "net", N_("Net"), FT_MONEY, 14,			\
	  FF_RDONLY|FF_LIST, NULL, NULL, FC_NONE },			\
	{ first + 6, "vat_amount", N_("VAT"), FT_MONEY, 14,		\
	  FF_RDONLY, NULL, NULL, FC_NONE },				\
	{ first + 7, "gross", N_("Total with VAT"), FT_MONEY, 14,	\
	  FF_RDONLY|FF_LIST, NULL, NULL, FC_NONE }

#define DOC_TOTALS(first)						\
	{ first, "net", N_("Net"), FT_MONEY, 14,			\
	  FF_RDONLY, NULL, NULL, FC_NONE },				\
	{ first + 1, "vat", N_("VAT"), FT_MONEY, 14,			\
	  FF_RDONLY, NULL, NULL, FC_NONE },				\
	{ first + 2, "gross", N_("Total with VAT"), FT_MONEY, 14,	\
	  FF_RDONLY|FF_LIST, NULL, NULL, FC_NONE }

/* quotes: commercial offers (КП). */
static const struct field_def quote_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Number"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "customer", N_("Customer"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST|FF_BYNAME, "customers", NULL,
	  FC_NONE },
	{ 12, "date", N_("Date"), FT_DATE, 10,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "valid_until", N_("Valid until"), FT_DATE, 10,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "warehouse", N_("Warehouse"), FT_REF, 16,
	  FF_INDEXED, "warehouses", NULL, FC_NONE },
	{ 15, "vat_included", N_("Prices include VAT"), FT_BOOL, 3,
	  0, NULL, NULL, FC_NONE },
	{ 16, "status", N_("Status"), FT_ENUM, 9,
	  FF_RDONLY|FF_INDEXED|FF_LIST, NULL, quote_statuses, FC_NONE },
	DOC_TOTALS(17),
	{ 20, "manager", N_("Manager"), FT_REF, 32,
	  FF_INDEXED|FF_BYNAME, "users", NULL, FC_NONE },
	{ 21, "notes", N_("Notes"), FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
	{ 30, "deal", N_("Deal"), FT_REF, 16,
	  FF_INDEXED, "deals", NULL, FC_NONE },
};

static const struct field_def quote_line_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "quote", N_("Quote"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "quotes", NULL, FC_NONE },
	{ 12, "line", N_("Line"), FT_INT, 4,
	  FF_LIST, NULL, NULL, FC_NONE },
	PRICED_LINE(13),
};

/* sales_orders: draft -> confirmed (reserved) -> part_shipped -> shipped
 * -> closed, or cancelled. */
static const struct field_def so_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Number"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "customer", N_("Customer"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST|FF_BYNAME, "customers", NULL,
	  FC_NONE },
	{ 12, "quote", N_("Quote"), FT_REF, 16,
	  FF_INDEXED, "quotes", NULL, FC_NONE },
	{ 13, "date", N_("Date"), FT_DATE, 10,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "ship_date", N_("Promised shipment"), FT_DATE, 10,
	  FF_INDEXED, NULL, NULL, FC_NONE },
	{ 15, "warehouse", N_("Warehouse"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "warehouses", NULL, FC_NONE },
	{ 16, "manager", N_("Manager"), FT_REF, 32,
	  FF_INDEXED|FF_BYNAME, "users", NULL, FC_NONE },
	{ 17, "terms_days", N_("Payment terms, days"), FT_INT, 4,
	  0, NULL, NULL, FC_NONNEG },
	{ 18, "customer_ref", N_("Customer's reference"), FT_TEXT, 40,
	  FF_INDEXED, NULL, NULL, FC_NONE },
	{ 19, "delivery_address", N_("Delivery address"), FT_TEXT, 240,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
	{ 20, "vat_included", N_("Prices include VAT"), FT_BOOL, 3,
	  0, NULL, NULL, FC_NONE },
	{ 21, "status", N_("Status"), FT_ENUM, 12,
	  FF_RDONLY|FF_INDEXED|FF_LIST, NULL, so_statuses, FC_NONE },
	DOC_TOTALS(22),
	{ 25, "confirmed", N_("Confirmed"), FT_TIME, 20,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 26, "confirmed_by", N_("Confirmed by"), FT_TEXT, 32,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 27, "notes", N_("Notes"), FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
	{ 30, "deal", N_("Deal"), FT_REF, 16,
	  FF_INDEXED, "deals", NULL, FC_NONE },
	{ 31, "paid", N_("Paid"), FT_MONEY, 14,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 32, "credit_override", N_("Confirmed past credit control by"),
	  FT_TEXT, 80, FF_RDONLY, NULL, NULL, FC_NONE },
};

/* so_lines: what is ordered, reserved, shipped and returned. */
static const struct field_def so_line_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "order", N_("Sales order"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "sales_orders", NULL, FC_NONE },
	{ 12, "line", N_("Line"), FT_INT, 4,
	  FF_LIST, NULL, NULL, FC_NONE },
	PRICED_LINE_P(13, FF_INDEXED),
	{ 21, "reserved", N_("Reserved"), FT_QTY, 12,
	  FF_RDONLY|FF_LIST, NULL, NULL, FC_NONE },
	{ 22, "shipped", N_("Shipped"), FT_QTY, 12,
	  FF_RDONLY|FF_LIST, NULL, NULL, FC_NONE },
	{ 23, "returned", N_("Returned"), FT_QTY, 12,
	  FF_RDONLY|FF_LIST, NULL, NULL, FC_NONE },
};

/* shipments: the sale (реализация).  gross is what the customer owes
 * for it; receivable is that less what came back (returns).  The pay-by
 * date set at posting has no index (issue 16, a key less per shipment
 * posted): the money reports and the dashboard read the shipments by
 * customer, order and date, the debts' due dates through the balances'
 * oldest_due. */
static const struct field_def shipment_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Number"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "customer", N_("Customer"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST|FF_BYNAME, "customers", NULL,
	  FC_NONE },
	{ 12, "order", N_("Sales order"), FT_REF, 16,
	  FF_INDEXED|FF_LIST, "sales_orders", NULL, FC_NONE },
	{ 13, "date", N_("Date"), FT_DATE, 10,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "warehouse", N_("Warehouse"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "warehouses", NULL, FC_NONE },
	{ 15, "vat_included", N_("Prices include VAT"), FT_BOOL, 3,
	  0, NULL, NULL, FC_NONE },
	{ 16, "status", N_("Status"), FT_ENUM, 9,
	  FF_RDONLY|FF_INDEXED|FF_LIST, NULL, sale_doc_statuses, FC_NONE },
	DOC_TOTALS(17),
	{ 20, "cost", N_("Cost"), FT_MONEY, 14,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 21, "receivable", N_("Receivable"), FT_MONEY, 14,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 22, "posted", N_("Posted"), FT_TIME, 20,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 23, "posted_by", N_("Posted by"), FT_TEXT, 32,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 24, "notes", N_("Notes"), FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
	{ 25, "due_date", N_("Pay by"), FT_DATE, 10,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 26, "paid", N_("Paid"), FT_MONEY, 14,
	  FF_RDONLY, NULL, NULL, FC_NONE },
};

static const struct field_def shipment_line_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "shipment", N_("Shipment"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "shipments", NULL, FC_NONE },
	{ 12, "line", N_("Line"), FT_INT, 4,
	  FF_LIST, NULL, NULL, FC_NONE },
	PRICED_LINE(13),
	{ 21, "so_line", N_("Order line"), FT_REF, 16,
	  FF_INDEXED, "so_lines", NULL, FC_NONE },
	{ 22, "cost", N_("Cost"), FT_MONEY, 14,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 23, "returned", N_("Returned"), FT_QTY, 12,
	  FF_RDONLY|FF_LIST, NULL, NULL, FC_NONE },
	{ 24, "returned_cost", N_("Cost returned"), FT_MONEY, 14,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	/* The lot to ship from (a product kept by lots; none: first to
	 * expire first); posted, the lots it left from: "L1, L2". */
	{ 25, "lot", N_("Lot"), FT_TEXT, 200,
	  0, NULL, NULL, FC_NONE },
};

/* customer_returns: goods back against a shipment, at the cost they
 * left with. */
static const struct field_def return_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Number"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "customer", N_("Customer"), FT_REF, 16,
	  FF_INDEXED|FF_LIST|FF_BYNAME, "customers", NULL, FC_NONE },
	{ 12, "shipment", N_("Shipment"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "shipments", NULL, FC_NONE },
	{ 13, "date", N_("Date"), FT_DATE, 10,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "warehouse", N_("Warehouse"), FT_REF, 16,
	  FF_INDEXED|FF_LIST, "warehouses", NULL, FC_NONE },
	{ 15, "status", N_("Status"), FT_ENUM, 9,
	  FF_RDONLY|FF_INDEXED|FF_LIST, NULL, sale_doc_statuses, FC_NONE },
	DOC_TOTALS(16),
	{ 19, "cost", N_("Cost"), FT_MONEY, 14,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 20, "reason", N_("Reason"), FT_TEXT, 200,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 21, "posted", N_("Posted"), FT_TIME, 20,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 22, "posted_by", N_("Posted by"), FT_TEXT, 32,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 23, "notes", N_("Notes"), FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
	{ 24, "vat_included", N_("Prices include VAT"), FT_BOOL, 3,
	  FF_RDONLY, NULL, NULL, FC_NONE },
};

static const struct field_def return_line_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "cust_return", N_("Customer return"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "customer_returns", NULL, FC_NONE },
	{ 12, "line", N_("Line"), FT_INT, 4,
	  FF_LIST, NULL, NULL, FC_NONE },
	PRICED_LINE(13),
	{ 21, "shipment_line", N_("Shipment line"), FT_REF, 16,
	  FF_INDEXED, "shipment_lines", NULL, FC_NONE },
	{ 22, "cost", N_("Cost"), FT_MONEY, 14,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	/* The lot the goods come back into (one the shipment took them
	 * from; none: its lots, last to expire first); posted, the lots
	 * they went into. */
	{ 23, "lot", N_("Lot"), FT_TEXT, 200,
	  0, NULL, NULL, FC_NONE },
};

/* --- production ---------------------------------------------------------- */

/*
 * Production (src/model/production.c): work centres, bills of materials
 * (a BOM and its lines, several versions of a product, one its default,
 * multi-level through components that have BOMs of their own), and
 * production orders (MO-2026-000001) that make a product of its
 * components or take one apart into them (kind disassemble), with the
 * lines copied from the BOM when the order is released and the
 * completions posted against it.  Quantities are thousandths; a scrap
 * share is thousandths of a per cent (5 % is 5000), like a discount.
 */

/* work_centres: where the labour goes: hours a day, on which days
 * ("12345": Monday to Friday), at what rate. */
static const struct field_def work_centre_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "name", N_("Name"), FT_TEXT, 80,
	  FF_REQUIRED|FF_SEARCH|FF_LIST, NULL, NULL, FC_NONE },
	{ 12, "hours_per_day", N_("Hours a day"), FT_QTY, 6,
	  FF_LIST, NULL, NULL, FC_NONNEG },
	{ 13, "days", N_("Working days (1 Mon ... 7 Sun)"), FT_TEXT, 7,
	  FF_LIST, NULL, NULL, FC_DIGITS },
	{ 14, "rate", N_("Labour rate per hour"), FT_MONEY, 14,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "notes", N_("Notes"), FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
};

/* boms: what a product is made of, per yield (the quantity the BOM
 * makes), with the work centre and its hours per yield. */
static const struct field_def bom_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "product", N_("Product"), FT_REF, 32,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "products", NULL, FC_NONE },
	{ 12, "version", N_("Version"), FT_TEXT, 16,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "is_default", N_("Default"), FT_BOOL, 3,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "yield", N_("Yields"), FT_QTY, 12,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "work_centre", N_("Work centre"), FT_REF, 16,
	  FF_INDEXED|FF_LIST, "work_centres", NULL, FC_NONE },
	{ 16, "hours", N_("Hours per yield"), FT_QTY, 10,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 17, "notes", N_("Notes"), FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
};

/* bom_lines: a component and its quantity per yield, with its scrap. */
static const struct field_def bom_line_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "bom", N_("BOM"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "boms", NULL, FC_NONE },
	{ 12, "line", N_("Line"), FT_INT, 4,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "component", N_("Component"), FT_REF, 32,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "products", NULL, FC_NONE },
	{ 14, "qty", N_("Quantity per yield"), FT_QTY, 12,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "scrap", N_("Scrap, %"), FT_QTY, 8,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 16, "notes", N_("Notes"), FT_TEXT, 400,
	  0, NULL, NULL, FC_NONE },
};

static const char *const mo_kinds[] = {
	NC_("enum", "produce"), NC_("enum", "disassemble"), NULL
};
static const char *const mo_statuses[] = {
	NC_("enum", "draft"), NC_("enum", "released"),
	NC_("enum", "in_progress"), NC_("enum", "done"),
	NC_("enum", "closed"), NC_("enum", "cancelled"), NULL
};

/*
 * production_orders: draft -> released (the components reserved) ->
 * in_progress (made in part) -> done (made whole) -> closed; cancelled
 * from a draft or a released one.  yield, work_centre, hours and rate
 * are the BOM's and the work centre's as they were at the release.
 */
static const struct field_def mo_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Number"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "kind", N_("Kind"), FT_ENUM, 11,
	  FF_REQUIRED|FF_LIST, NULL, mo_kinds, FC_NONE },
	{ 12, "product", N_("Product"), FT_REF, 32,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "products", NULL, FC_NONE },
	{ 13, "qty", N_("Quantity"), FT_QTY, 12,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "made", N_("Made"), FT_QTY, 12,
	  FF_RDONLY|FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "bom", N_("BOM"), FT_REF, 16,
	  FF_INDEXED, "boms", NULL, FC_NONE },
	{ 16, "comp_warehouse", N_("Components warehouse"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED, "warehouses", NULL, FC_NONE },
	{ 17, "fg_warehouse", N_("Finished goods warehouse"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED, "warehouses", NULL, FC_NONE },
	{ 18, "date", N_("Date"), FT_DATE, 10,
	  FF_REQUIRED|FF_INDEXED, NULL, NULL, FC_NONE },
	{ 19, "start", N_("Planned start"), FT_DATE, 10,
	  FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 20, "finish", N_("Planned finish"), FT_DATE, 10,
	  FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 21, "sales_order", N_("For sales order"), FT_REF, 16,
	  FF_INDEXED, "sales_orders", NULL, FC_NONE },
	{ 22, "status", N_("Status"), FT_ENUM, 11,
	  FF_RDONLY|FF_INDEXED|FF_LIST, NULL, mo_statuses, FC_NONE },
	{ 23, "yield", N_("BOM yields"), FT_QTY, 12,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 24, "work_centre", N_("Work centre"), FT_REF, 16,
	  FF_RDONLY|FF_INDEXED, "work_centres", NULL, FC_NONE },
	{ 25, "hours", N_("Hours per yield"), FT_QTY, 10,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 26, "rate", N_("Labour rate per hour"), FT_MONEY, 14,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 27, "reserved", N_("Product reserved"), FT_QTY, 12,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 28, "cost", N_("Components' cost"), FT_MONEY, 14,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 29, "labour", N_("Labour"), FT_MONEY, 14,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 30, "value", N_("Value of the output"), FT_MONEY, 14,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 31, "variance", N_("Variance"), FT_MONEY, 14,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 32, "released", N_("Released"), FT_TIME, 20,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 33, "released_by", N_("Released by"), FT_TEXT, 32,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 34, "notes", N_("Notes"), FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
};

/*
 * mo_lines: an order's components (of a disassembly: what it yields),
 * copied from its BOM at the release.  planned is what the whole order
 * takes, reserved what is still held for it, standard what the BOM says
 * the quantity made so far took, actual what did (typed on a completion,
 * with a reason), value the cost that moved, variance the value of
 * actual - standard; picked what the warehouse marked brought to the
 * line on its pick list (0: not yet).
 */
static const struct field_def mo_line_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "order", N_("Production order"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "production_orders", NULL,
	  FC_NONE },
	{ 12, "line", N_("Line"), FT_INT, 4,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "product", N_("Component"), FT_REF, 32,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "products", NULL, FC_NONE },
	{ 14, "qty", N_("Quantity per yield"), FT_QTY, 12,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "scrap", N_("Scrap, %"), FT_QTY, 8,
	  0, NULL, NULL, FC_NONE },
	{ 16, "planned", N_("Planned"), FT_QTY, 12,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 17, "reserved", N_("Reserved"), FT_QTY, 12,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 18, "standard", N_("Standard quantity"), FT_QTY, 12,
	  0, NULL, NULL, FC_NONE },
	{ 19, "actual", N_("Actual quantity"), FT_QTY, 12,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 20, "value", N_("Value"), FT_MONEY, 14,
	  0, NULL, NULL, FC_NONE },
	{ 21, "variance", N_("Variance"), FT_MONEY, 14,
	  0, NULL, NULL, FC_NONE },
	{ 22, "warehouse", N_("Warehouse"), FT_REF, 16,
	  0, "warehouses", NULL, FC_NONE },
	{ 23, "reason", N_("Reason"), FT_TEXT, 200,
	  0, NULL, NULL, FC_NONE },
	{ 24, "picked", N_("Picked"), FT_QTY, 12,
	  0, NULL, NULL, FC_NONE },
};

/* mo_completions: each completion posted against an order: how many,
 * when, at what cost. */
static const struct field_def mo_completion_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "order", N_("Production order"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "production_orders", NULL,
	  FC_NONE },
	{ 12, "date", N_("Date"), FT_DATE, 10,
	  FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "product", N_("Product"), FT_REF, 32,
	  FF_INDEXED|FF_LIST, "products", NULL, FC_NONE },
	{ 14, "kind", N_("Kind"), FT_ENUM, 11,
	  0, NULL, mo_kinds, FC_NONE },
	{ 15, "qty", N_("Quantity"), FT_QTY, 12,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 16, "cost", N_("Components' cost"), FT_MONEY, 14,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 17, "labour", N_("Labour"), FT_MONEY, 14,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 18, "value", N_("Value of the output"), FT_MONEY, 14,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 19, "variance", N_("Variance"), FT_MONEY, 14,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 20, "reason", N_("Reason"), FT_TEXT, 200,
	  0, NULL, NULL, FC_NONE },
	{ 21, "user", N_("User"), FT_TEXT, 32,
	  0, NULL, NULL, FC_NONE },
};

/* --- money ------------------------------------------------------------- */

static const char *const account_kinds[] = {
	NC_("enum", "bank"), NC_("enum", "cash"), NULL
};
static const char *const invoice_statuses[] = {
	NC_("enum", "unpaid"), NC_("enum", "part_paid"), NC_("enum", "paid"),
	NC_("enum", "cancelled"), NULL
};
static const char *const pay_directions[] = {
	NC_("enum", "in"), NC_("enum", "out"), NULL
};
static const char *const pay_statuses[] = {
	NC_("enum", "posted"), NC_("enum", "cancelled"), NULL
};
static const char *const alloc_kinds[] = {
	NC_("enum", "invoice"), NC_("enum", "order"), NC_("enum", "shipment"),
	NC_("enum", "po"), NC_("enum", "receipt"), NULL
};

/* company: the firm's own details, one record (code OWN), which every
 * document prints. */
static const struct field_def company_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER|FF_PUBLIC, NULL, NULL, FC_NONE },
	{ 11, "name", N_("Name"), FT_TEXT, 160,
	  FF_REQUIRED|FF_LIST|FF_PUBLIC, NULL, NULL, FC_NONE },
	{ 12, "full_name", N_("Full legal name"), FT_TEXT, 240,
	  FF_PUBLIC, NULL, NULL, FC_NONE },
	{ 13, "inn", N_("INN"), FT_TEXT, 12,
	  FF_LIST|FF_PUBLIC, NULL, NULL, FC_INN },
	{ 14, "kpp", N_("KPP"), FT_TEXT, 9,
	  FF_PUBLIC, NULL, NULL, FC_KPP },
	{ 15, "ogrn", N_("OGRN"), FT_TEXT, 15,
	  FF_PUBLIC, NULL, NULL, FC_OGRN },
	{ 16, "legal_address", N_("Legal address"), FT_TEXT, 240,
	  FF_MULTILINE|FF_PUBLIC, NULL, NULL, FC_NONE },
	{ 17, "postal_address", N_("Postal address"), FT_TEXT, 240,
	  FF_MULTILINE|FF_PUBLIC, NULL, NULL, FC_NONE },
	{ 18, "director", N_("Director"), FT_TEXT, 120,
	  FF_PUBLIC, NULL, NULL, FC_NONE },
	{ 19, "accountant", N_("Chief accountant"), FT_TEXT, 120,
	  FF_PUBLIC, NULL, NULL, FC_NONE },
	{ 20, "account", N_("Default account"), FT_REF, 16,
	  FF_PUBLIC, "accounts", NULL, FC_NONE },
	{ 21, "phone", N_("Phone"), FT_TEXT, 32,
	  FF_PUBLIC, NULL, NULL, FC_PHONE },
	{ 22, "email", N_("E-mail"), FT_TEXT, 80,
	  FF_PUBLIC, NULL, NULL, FC_EMAIL },
	{ 23, "vat_payer", N_("Pays VAT"), FT_BOOL, 3,
	  FF_PUBLIC, NULL, NULL, FC_NONE },
	{ 24, "vat_rate", N_("VAT rate, %"), FT_ENUM, 6,
	  FF_PUBLIC, NULL, vat_rates, FC_NONE },
	/* 40: apart from the details above, which forms may add to. */
	{ 40, "attach_max_kb", N_("Attach limit, KB"), FT_INT, 7,
	  FF_PUBLIC, NULL, NULL, FC_NONNEG },
};

/* accounts: the firm's bank accounts and cash desks; balance is kept by
 * every payment's posting. */
static const struct field_def account_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "name", N_("Name"), FT_TEXT, 120,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 12, "kind", N_("Kind"), FT_ENUM, 6,
	  FF_REQUIRED|FF_LIST, NULL, account_kinds, FC_NONE },
	{ 13, "bank", N_("Bank"), FT_TEXT, 160,
	  0, NULL, NULL, FC_NONE },
	{ 14, "bik", N_("BIK"), FT_TEXT, 9,
	  FF_INDEXED, NULL, NULL, FC_BIK },
	{ 15, "corr_account", N_("Correspondent account"), FT_TEXT, 20,
	  0, NULL, NULL, FC_ACCOUNT },
	{ 16, "number", N_("Account number"), FT_TEXT, 20,
	  FF_INDEXED|FF_LIST, NULL, NULL, FC_ACCOUNT },
	{ 17, "opening", N_("Opening balance"), FT_MONEY, 16,
	  0, NULL, NULL, FC_NONE },
	{ 18, "balance", N_("Balance"), FT_MONEY, 16,
	  FF_RDONLY|FF_LIST, NULL, NULL, FC_NONE },
	{ 19, "inactive", N_("Closed"), FT_BOOL, 3,
	  0, NULL, NULL, FC_NONE },
	{ 20, "notes", N_("Notes"), FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
};

/* invoices: a request to pay (счёт на оплату); it makes nobody owe
 * anything, the payments allocated to it make it paid. */
static const struct field_def invoice_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Number"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "customer", N_("Customer"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST|FF_BYNAME, "customers", NULL,
	  FC_NONE },
	{ 12, "order", N_("Sales order"), FT_REF, 16,
	  FF_INDEXED|FF_LIST, "sales_orders", NULL, FC_NONE },
	{ 13, "date", N_("Date"), FT_DATE, 10,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "due_date", N_("Pay by"), FT_DATE, 10,
	  FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "vat_included", N_("Prices include VAT"), FT_BOOL, 3,
	  0, NULL, NULL, FC_NONE },
	{ 16, "status", N_("Status"), FT_ENUM, 9,
	  FF_RDONLY|FF_INDEXED|FF_LIST, NULL, invoice_statuses, FC_NONE },
	DOC_TOTALS(17),
	{ 20, "paid", N_("Paid"), FT_MONEY, 14,
	  FF_RDONLY|FF_LIST, NULL, NULL, FC_NONE },
	{ 21, "account", N_("Account to pay to"), FT_REF, 16,
	  0, "accounts", NULL, FC_NONE },
	{ 22, "manager", N_("Manager"), FT_REF, 32,
	  FF_INDEXED|FF_BYNAME, "users", NULL, FC_NONE },
	{ 23, "notes", N_("Notes"), FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
};

static const struct field_def invoice_line_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "invoice", N_("Invoice"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "invoices", NULL, FC_NONE },
	{ 12, "line", N_("Line"), FT_INT, 4,
	  FF_LIST, NULL, NULL, FC_NONE },
	PRICED_LINE(13),
};

/*
 * payments: money in from a customer or out to a supplier.  allocated is
 * what settles the counterparty's debts (shipments, receipts), advance
 * the rest; applied is what marks invoices and orders paid.  dup_key
 * (account, date, bank number, amount, direction) finds the payments
 * that may be the same one in a second bank statement: the one of them
 * from the same customer (supplier) is.
 */
static const struct field_def payment_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Number"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "direction", N_("Direction"), FT_ENUM, 3,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, pay_directions, FC_NONE },
	{ 12, "date", N_("Date"), FT_DATE, 10,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "account", N_("Account"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "accounts", NULL, FC_NONE },
	{ 14, "customer", N_("Customer"), FT_REF, 16,
	  FF_INDEXED|FF_LIST|FF_BYNAME, "customers", NULL, FC_NONE },
	{ 15, "supplier", N_("Supplier"), FT_REF, 16,
	  FF_INDEXED|FF_LIST|FF_BYNAME, "suppliers", NULL, FC_NONE },
	{ 16, "amount", N_("Amount"), FT_MONEY, 16,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 17, "document", N_("Pays document"), FT_TEXT, 120,
	  0, NULL, NULL, FC_NONE },
	{ 18, "purpose", N_("Purpose of payment"), FT_TEXT, 210,
	  0, NULL, NULL, FC_NONE },
	{ 19, "bank_number", N_("Bank document number"), FT_TEXT, 16,
	  FF_INDEXED, NULL, NULL, FC_NONE },
	{ 20, "status", N_("Status"), FT_ENUM, 9,
	  FF_RDONLY|FF_INDEXED|FF_LIST, NULL, pay_statuses, FC_NONE },
	{ 21, "allocated", N_("Settled"), FT_MONEY, 16,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 22, "advance", N_("Advance"), FT_MONEY, 16,
	  FF_RDONLY|FF_INDEXED, NULL, NULL, FC_NONE },
	{ 23, "applied", N_("Applied to invoices"), FT_MONEY, 16,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 24, "dup_key", N_("Bank key"), FT_TEXT, 80,
	  FF_RDONLY|FF_INDEXED, NULL, NULL, FC_NONE },
	{ 25, "source", N_("Source"), FT_TEXT, 120,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 26, "posted", N_("Posted"), FT_TIME, 20,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 27, "posted_by", N_("Posted by"), FT_TEXT, 32,
	  FF_RDONLY, NULL, NULL, FC_NONE },
	{ 28, "notes", N_("Notes"), FT_TEXT, 2000,
	  FF_MULTILINE, NULL, NULL, FC_NONE },
};

/* allocations: a part of a payment against one document. */
static const struct field_def allocation_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "payment", N_("Payment"), FT_REF, 16,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "payments", NULL, FC_NONE },
	{ 12, "kind", N_("Document kind"), FT_ENUM, 8,
	  FF_REQUIRED|FF_LIST, NULL, alloc_kinds, FC_NONE },
	{ 13, "invoice", N_("Invoice"), FT_REF, 16,
	  FF_INDEXED|FF_LIST, "invoices", NULL, FC_NONE },
	{ 14, "order", N_("Sales order"), FT_REF, 16,
	  FF_INDEXED|FF_LIST, "sales_orders", NULL, FC_NONE },
	{ 15, "shipment", N_("Shipment"), FT_REF, 16,
	  FF_INDEXED|FF_LIST, "shipments", NULL, FC_NONE },
	{ 16, "po", N_("Purchase order"), FT_REF, 16,
	  FF_INDEXED|FF_LIST, "purchase_orders", NULL, FC_NONE },
	{ 17, "receipt", N_("Receipt"), FT_REF, 16,
	  FF_INDEXED|FF_LIST, "stock_docs", NULL, FC_NONE },
	{ 18, "amount", N_("Amount"), FT_MONEY, 16,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 19, "date", N_("Date"), FT_DATE, 10,
	  FF_LIST, NULL, NULL, FC_NONE },
};

/*
 * balances: what one customer or supplier and the firm owe each other,
 * kept by every posting.  documents: the shipments' receivables (a
 * supplier's: the receipts' payables); paid: the payments; owed =
 * documents - paid, below 0 a credit; open: what documents still wait
 * to be paid; advance: payments not yet set against a document.  owed =
 * open - advance.  open_due: what is open by due date, so the aging of a
 * counterparty reads its balance alone.
 */
static const struct field_def balance_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 24,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "customer", N_("Customer"), FT_REF, 16,
	  FF_INDEXED|FF_LIST|FF_BYNAME, "customers", NULL, FC_NONE },
	{ 12, "supplier", N_("Supplier"), FT_REF, 16,
	  FF_INDEXED|FF_LIST|FF_BYNAME, "suppliers", NULL, FC_NONE },
	{ 13, "documents", N_("Documents"), FT_MONEY, 16,
	  0, NULL, NULL, FC_NONE },
	{ 14, "paid", N_("Paid"), FT_MONEY, 16,
	  0, NULL, NULL, FC_NONE },
	{ 15, "owed", N_("Owed"), FT_MONEY, 16,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 16, "open", N_("Open documents"), FT_MONEY, 16,
	  0, NULL, NULL, FC_NONE },
	{ 17, "advance", N_("Advance"), FT_MONEY, 16,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 18, "oldest_due", N_("Oldest due date"), FT_DATE, 10,
	  FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	/* open by due date: "YYYYMMDD:kopecks ..." ascending, "-" when
	 * nothing is open; unset in a balance made before it was kept */
	{ 19, "open_due", N_("Open by due date"), FT_TEXT, 4000,
	  0, NULL, NULL, FC_NONE },
};

/*
 * The dashboard's aggregates (model/dash.c): kept by the store's write
 * hook in the transaction of each write of the documents they add up;
 * kontor check proves them.  code is the row's key ("t:20261205" a day's
 * total, "d:20261205:3:7" its part of warehouse 3 and manager 7; see
 * model/dash.h).
 */
static const struct field_def dash_sales_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "key", N_("Key"), FT_TEXT, 40,
	  FF_UNIQUE|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 11, "date", N_("Date"), FT_DATE, 10,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 12, "warehouse", N_("Warehouse"), FT_REF, 16,
	  FF_LIST, "warehouses", NULL, FC_NONE },
	{ 13, "manager", N_("Manager"), FT_REF, 32,
	  FF_LIST, "users", NULL, FC_NONE },
	{ 14, "gross", N_("Total with VAT"), FT_MONEY, 16,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "cost", N_("Cost"), FT_MONEY, 16,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 16, "shipments", N_("Shipments"), FT_INT, 8,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 17, "net", N_("Net"), FT_MONEY, 16,
	  FF_LIST, NULL, NULL, FC_NONE },
};

static const struct field_def dash_orders_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "key", N_("Key"), FT_TEXT, 40,
	  FF_UNIQUE|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 11, "date", N_("Date"), FT_DATE, 10,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 12, "manager", N_("Manager"), FT_REF, 32,
	  FF_LIST, "users", NULL, FC_NONE },
	{ 13, "confirmed", N_("Confirmed"), FT_INT, 8,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "confirmed_sum", N_("Confirmed, sum"), FT_MONEY, 16,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "drafts", N_("Drafts"), FT_INT, 8,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 16, "draft_sum", N_("Drafts, sum"), FT_MONEY, 16,
	  FF_LIST, NULL, NULL, FC_NONE },
};

static const struct field_def dash_stock_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "key", N_("Key"), FT_TEXT, 40,
	  FF_UNIQUE|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 11, "kind", N_("Kind"), FT_TEXT, 16,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 12, "warehouse", N_("Warehouse"), FT_REF, 16,
	  FF_LIST, "warehouses", NULL, FC_NONE },
	{ 13, "on_hand", N_("On hand"), FT_QTY, 16,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "value", N_("Value"), FT_MONEY, 16,
	  FF_LIST, NULL, NULL, FC_NONE },
};

static const struct field_def dash_due_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "key", N_("Key"), FT_TEXT, 40,
	  FF_UNIQUE|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 11, "due", N_("Pay by"), FT_DATE, 10,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 12, "amount", N_("Amount"), FT_MONEY, 16,
	  FF_LIST, NULL, NULL, FC_NONE },
};

/* dash_mine: a user's open tasks by due day ("t:USER:YYYYMMDD": count)
 * and deals by stage ("d:USER:STAGE": count, amount). */
static const struct field_def dash_mine_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "key", N_("Key"), FT_TEXT, 40,
	  FF_UNIQUE|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 11, "user", N_("User"), FT_REF, 32,
	  FF_LIST, "users", NULL, FC_NONE },
	{ 12, "date", N_("Date"), FT_DATE, 10,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "stage", N_("Stage"), FT_REF, 40,
	  FF_LIST, "deal_stages", NULL, FC_NONE },
	{ 14, "count", N_("Count"), FT_INT, 8,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "amount", N_("Amount"), FT_MONEY, 16,
	  FF_LIST, NULL, NULL, FC_NONE },
};

static const char *const archive_kinds[] = {
	NC_("enum", "print"), NC_("enum", "attachment"), NULL
};

/*
 * archive: every document printed, saved or mailed, and every file
 * attached by hand, kept with where it went; the bytes are in blobs.db
 * under their SHA-256 (model/archive.c), written in the same
 * transaction.  The same bytes of the same document, form and format
 * are one entry, sent again: sends, last_*.  Written only by printing
 * and attaching; the target is a record of any entity (entity, record,
 * its code in doc), and customer is the customer it is of, so the card
 * lists a customer's entries and its documents'.
 */
static const struct field_def archive_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_LIST|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "kind", N_("Kind"), FT_ENUM, 10,
	  FF_REQUIRED|FF_LIST, NULL, archive_kinds, FC_NONE },
	{ 12, "entity", N_("Entity"), FT_TEXT, 32,
	  FF_REQUIRED, NULL, NULL, FC_NONE },
	{ 13, "record", N_("Record"), FT_INT, 12,
	  FF_REQUIRED, NULL, NULL, FC_NONE },
	{ 14, "doc", N_("Document"), FT_TEXT, 24,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 15, "doc_rev", N_("Document revision"), FT_INT, 6,
	  0, NULL, NULL, FC_NONE },
	{ 16, "customer", N_("Customer"), FT_REF, 16,
	  FF_INDEXED|FF_BYNAME, "customers", NULL, FC_NONE },
	{ 17, "form", N_("Form"), FT_TEXT, 32,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 18, "format", N_("Format"), FT_TEXT, 8,
	  0, NULL, NULL, FC_NONE },
	{ 19, "name", N_("File name"), FT_TEXT, 200,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 20, "size", N_("Size, bytes"), FT_INT, 12,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 21, "sha256", N_("SHA-256 of the bytes"), FT_TEXT, 64,
	  FF_REQUIRED|FF_INDEXED, NULL, NULL, FC_NONE },
	{ 22, "dest", N_("Sent to"), FT_TEXT, 240,
	  0, NULL, NULL, FC_NONE },
	{ 23, "login", N_("User"), FT_TEXT, 32,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_LOGIN },
	{ 24, "time", N_("Time"), FT_TIME, 20,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 25, "sends", N_("Times sent"), FT_INT, 8,
	  0, NULL, NULL, FC_NONE },
	{ 26, "last_time", N_("Last sent"), FT_TIME, 20,
	  0, NULL, NULL, FC_NONE },
	{ 27, "last_dest", N_("Last sent to"), FT_TEXT, 240,
	  0, NULL, NULL, FC_NONE },
	{ 28, "last_by", N_("Last sent by"), FT_TEXT, 32,
	  0, NULL, NULL, FC_LOGIN },
	{ 29, "note", N_("Note"), FT_TEXT, 240,
	  0, NULL, NULL, FC_NONE },
};

/* --- reports ------------------------------------------------------------ */

/* sales_plans: a manager's sales plan for a month ("2026-11"), net of
 * VAT, against which the plan-actual report sets what was shipped;
 * imported by CSV (kontor import sales_plans FILE). */
static const struct field_def sales_plan_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", N_("Code"), FT_TEXT, 16,
	  FF_UNIQUE|FF_INDEXED|FF_UPPER, NULL, NULL, FC_NONE },
	{ 11, "manager", N_("Manager"), FT_REF, 32,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, "users", NULL, FC_NONE },
	{ 12, "month", N_("Month"), FT_TEXT, 7,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "amount", N_("Plan, net"), FT_MONEY, 14,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "notes", N_("Notes"), FT_TEXT, 400,
	  0, NULL, NULL, FC_NONE },
};

/* saved_reports: a report with its parameters under a name (the code),
 * its owner's or shared; written and read through the report_saved ops,
 * which show each user theirs and the shared ones. */
static const struct field_def saved_report_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "name", N_("Name"), FT_TEXT, 40,
	  FF_REQUIRED|FF_UNIQUE|FF_INDEXED|FF_LIST, NULL, NULL, FC_NONE },
	{ 11, "owner", N_("Owner"), FT_TEXT, 32,
	  FF_REQUIRED|FF_INDEXED|FF_LIST, NULL, NULL, FC_LOGIN },
	{ 12, "shared", N_("Shared"), FT_BOOL, 3,
	  FF_LIST, NULL, NULL, FC_NONE },
	{ 13, "report", N_("Report"), FT_TEXT, 40,
	  FF_REQUIRED|FF_LIST, NULL, NULL, FC_NONE },
	{ 14, "params", N_("Parameters"), FT_TEXT, 1000,
	  FF_MULTILINE|FF_LIST, NULL, NULL, FC_NONE },
};

const struct entity_def ent_users = {
	"users", N_("Users"), "admin", NULL, user_fields,
	NFIELDS(user_fields), 0
};
const struct entity_def ent_customers = {
	"customers", N_("Customers"), "crm", "C", customer_fields,
	NFIELDS(customer_fields), ENT_SHIPPING_NAMES
};

const struct entity_def ent_contacts = {
	"contacts", N_("Contacts"), "crm", "P", contact_fields,
	NFIELDS(contact_fields), 0
};
const struct entity_def ent_channels = {
	"channels", N_("Channels"), "crm", "CH", channel_fields,
	NFIELDS(channel_fields), 0
};
const struct entity_def ent_activities = {
	"activities", N_("Activities"), "crm", "A", activity_fields,
	NFIELDS(activity_fields), 0
};
const struct entity_def ent_tasks = {
	"tasks", N_("Tasks"), "crm", "T", task_fields, NFIELDS(task_fields), 0
};

const struct entity_def ent_deal_stages = {
	"deal_stages", N_("Deal stages"), "admin", NULL, deal_stage_fields,
	NFIELDS(deal_stage_fields), 0
};
const struct entity_def ent_deals = {
	"deals", N_("Deals"), "sales", "D", deal_fields, NFIELDS(deal_fields),
	0
};
const struct entity_def ent_deal_history = {
	"deal_history", N_("Deal history"), "sales", "DH",
	deal_history_fields, NFIELDS(deal_history_fields), ENT_DERIVED
};

const struct entity_def ent_products = {
	"products", N_("Products"), "catalog", "SKU", product_fields,
	NFIELDS(product_fields), 0
};
const struct entity_def ent_barcodes = {
	"barcodes", N_("Barcodes"), "catalog", NULL, barcode_fields,
	NFIELDS(barcode_fields), 0
};
const struct entity_def ent_categories = {
	"categories", N_("Categories"), "catalog", "CAT", category_fields,
	NFIELDS(category_fields), 0
};
const struct entity_def ent_price_lists = {
	"price_lists", N_("Price lists"), "catalog", "PL", price_list_fields,
	NFIELDS(price_list_fields), 0
};
const struct entity_def ent_prices = {
	"prices", N_("Prices"), "catalog", "PR", price_fields,
	NFIELDS(price_fields), 0
};
const struct entity_def ent_suppliers = {
	"suppliers", N_("Suppliers"), "purchasing", "S", supplier_fields,
	NFIELDS(supplier_fields), 0
};
const struct entity_def ent_supplier_prices = {
	"supplier_prices", N_("Supplier prices"), "purchasing", "SP",
	supplier_price_fields, NFIELDS(supplier_price_fields), 0
};
const struct entity_def ent_purchase_orders = {
	"purchase_orders", N_("Purchase orders"), "purchasing", NULL, po_fields,
	NFIELDS(po_fields), 0
};
const struct entity_def ent_po_lines = {
	"po_lines", N_("Purchase order lines"), "purchasing", "POL",
	po_line_fields, NFIELDS(po_line_fields), 0
};
const struct entity_def ent_warehouses = {
	"warehouses", N_("Warehouses"), "stock", "WH", warehouse_fields,
	NFIELDS(warehouse_fields), 0
};
const struct entity_def ent_bins = {
	"bins", N_("Bins"), "stock", "BIN", bin_fields, NFIELDS(bin_fields), 0
};
const struct entity_def ent_stock_limits = {
	"stock_limits", N_("Minimum and maximum stock"), "stock", "LIM",
	stock_limit_fields, NFIELDS(stock_limit_fields), 0
};
const struct entity_def ent_stock = {
	"stock", N_("Stock on hand"), "stock", NULL, stock_fields,
	NFIELDS(stock_fields), ENT_DERIVED
};
const struct entity_def ent_stock_moves = {
	"stock_moves", N_("Stock moves"), "stock", "M", stock_move_fields,
	NFIELDS(stock_move_fields), ENT_DERIVED
};
const struct entity_def ent_stock_docs = {
	"stock_docs", N_("Stock documents"), "stock", NULL, stock_doc_fields,
	NFIELDS(stock_doc_fields), 0
};
const struct entity_def ent_stock_lines = {
	"stock_lines", N_("Stock document lines"), "stock", "LN",
	stock_line_fields, NFIELDS(stock_line_fields), 0
};

const struct entity_def ent_quotes = {
	"quotes", N_("Quotes"), "sales", NULL, quote_fields,
	NFIELDS(quote_fields), 0
};
const struct entity_def ent_quote_lines = {
	"quote_lines", N_("Quote lines"), "sales", "QTL", quote_line_fields,
	NFIELDS(quote_line_fields), 0
};
const struct entity_def ent_sales_orders = {
	"sales_orders", N_("Sales orders"), "sales", NULL, so_fields,
	NFIELDS(so_fields), ENT_SHIPPING_READS
};
const struct entity_def ent_so_lines = {
	"so_lines", N_("Sales order lines"), "sales", "SOL", so_line_fields,
	NFIELDS(so_line_fields), ENT_SHIPPING_READS
};
const struct entity_def ent_shipments = {
	"shipments", N_("Shipments"), "shipping", NULL, shipment_fields,
	NFIELDS(shipment_fields), 0
};
const struct entity_def ent_shipment_lines = {
	"shipment_lines", N_("Shipment lines"), "shipping", "SHL",
	shipment_line_fields, NFIELDS(shipment_line_fields), 0
};
const struct entity_def ent_customer_returns = {
	"customer_returns", N_("Customer returns"), "shipping", NULL,
	return_fields, NFIELDS(return_fields), 0
};
const struct entity_def ent_return_lines = {
	"return_lines", N_("Customer return lines"), "shipping", "RTL",
	return_line_fields, NFIELDS(return_line_fields), 0
};

const struct entity_def ent_company = {
	"company", N_("Company"), "admin", NULL, company_fields,
	NFIELDS(company_fields), 0
};
const struct entity_def ent_accounts = {
	"accounts", N_("Accounts"), "finance", "ACC", account_fields,
	NFIELDS(account_fields), 0
};
const struct entity_def ent_invoices = {
	"invoices", N_("Invoices"), "sales|finance", NULL, invoice_fields,
	NFIELDS(invoice_fields), 0
};
const struct entity_def ent_invoice_lines = {
	"invoice_lines", N_("Invoice lines"), "sales|finance", "INL",
	invoice_line_fields, NFIELDS(invoice_line_fields), 0
};
const struct entity_def ent_payments = {
	"payments", N_("Payments"), "finance", NULL, payment_fields,
	NFIELDS(payment_fields), 0
};
const struct entity_def ent_allocations = {
	"allocations", N_("Payment allocations"), "finance", "AL",
	allocation_fields, NFIELDS(allocation_fields), ENT_DERIVED
};
const struct entity_def ent_balances = {
	"balances", N_("Settlements"), "sales", NULL, balance_fields,
	NFIELDS(balance_fields), ENT_DERIVED
};

const struct entity_def ent_work_centres = {
	"work_centres", N_("Work centres"), "production", "WC",
	work_centre_fields, NFIELDS(work_centre_fields), 0
};
const struct entity_def ent_boms = {
	"boms", N_("Bills of materials"), "production", "BOM", bom_fields,
	NFIELDS(bom_fields), 0
};
const struct entity_def ent_bom_lines = {
	"bom_lines", N_("BOM lines"), "production", "BL", bom_line_fields,
	NFIELDS(bom_line_fields), 0
};
const struct entity_def ent_production_orders = {
	"production_orders", N_("Production orders"), "production", NULL,
	mo_fields, NFIELDS(mo_fields), 0
};
const struct entity_def ent_mo_lines = {
	"mo_lines", N_("Production order lines"), "production", "MOL",
	mo_line_fields, NFIELDS(mo_line_fields), ENT_DERIVED
};
const struct entity_def ent_mo_completions = {
	"mo_completions", N_("Production completions"), "production", "MOC",
	mo_completion_fields, NFIELDS(mo_completion_fields), ENT_DERIVED
};

const struct entity_def ent_drafts = {
	"drafts", N_("Unsaved drafts"), "admin", "DRF", draft_fields,
	NFIELDS(draft_fields), ENT_DERIVED
};

const struct entity_def ent_archive = {
	"archive", N_("Archive"), "admin", "AR", archive_fields,
	NFIELDS(archive_fields), 0
};

const struct entity_def ent_dash_sales = {
	"dash_sales", N_("Sales by day"), "sales", NULL, dash_sales_fields,
	NFIELDS(dash_sales_fields), ENT_DERIVED
};
const struct entity_def ent_dash_orders = {
	"dash_orders", N_("Orders by day"), "sales", NULL, dash_orders_fields,
	NFIELDS(dash_orders_fields), ENT_DERIVED
};
const struct entity_def ent_dash_stock = {
	"dash_stock", N_("Stock by kind"), "stock", NULL, dash_stock_fields,
	NFIELDS(dash_stock_fields), ENT_DERIVED
};
const struct entity_def ent_dash_due = {
	"dash_due", N_("Open by due date"), "finance", NULL, dash_due_fields,
	NFIELDS(dash_due_fields), ENT_DERIVED
};

const struct entity_def ent_dash_mine = {
	"dash_mine", N_("Tasks and deals by user"), "crm", NULL,
	dash_mine_fields, NFIELDS(dash_mine_fields), ENT_DERIVED
};
const struct entity_def ent_sales_plans = {
	"sales_plans", N_("Sales plans"), "sales", "PLN", sales_plan_fields,
	NFIELDS(sales_plan_fields), 0
};
const struct entity_def ent_saved_reports = {
	"saved_reports", N_("Saved reports"), "admin", NULL,
	saved_report_fields, NFIELDS(saved_report_fields), 0
};

const struct entity_def *const entity_table[] = {
	&ent_users,
	&ent_customers,
	&ent_contacts,
	&ent_channels,
	&ent_activities,
	&ent_tasks,
	&ent_deal_stages,
	&ent_deals,
	&ent_deal_history,
	&ent_products,
	&ent_barcodes,
	&ent_categories,
	&ent_price_lists,
	&ent_prices,
	&ent_suppliers,
	&ent_supplier_prices,
	&ent_purchase_orders,
	&ent_po_lines,
	&ent_warehouses,
	&ent_bins,
	&ent_stock_limits,
	&ent_stock,
	&ent_stock_moves,
	&ent_stock_docs,
	&ent_stock_lines,
	&ent_quotes,
	&ent_quote_lines,
	&ent_sales_orders,
	&ent_so_lines,
	&ent_shipments,
	&ent_shipment_lines,
	&ent_customer_returns,
	&ent_return_lines,
	&ent_company,
	&ent_accounts,
	&ent_invoices,
	&ent_invoice_lines,
	&ent_payments,
	&ent_allocations,
	&ent_balances,
	&ent_drafts,
	&ent_archive,
	&ent_work_centres,
	&ent_boms,
	&ent_bom_lines,
	&ent_production_orders,
	&ent_mo_lines,
	&ent_mo_completions,
	&ent_dash_sales,
	&ent_dash_orders,
	&ent_dash_stock,
	&ent_dash_due,
	&ent_dash_mine,
	&ent_sales_plans,
	&ent_saved_reports,
	NULL
};
