#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>
#include <time.h>

#include "auth.h"
#include "screens/screens.h"

const struct screen_def *const screen_table[] = {
	&scr_menu,
	&scr_home,
	&scr_customers,
	&scr_contacts,
	&scr_activities,
	&scr_tasks,
	&scr_calendar,
	&scr_deals,
	&scr_quotes,
	&scr_orders,
	&scr_invoices,
	&scr_stock,
	&scr_receiving,
	&scr_count,
	&scr_stock_docs,
	&scr_shipments,
	&scr_returns,
	&scr_payments,
	&scr_debt,
	&scr_accounts,
	&scr_moves,
	&scr_products,
	&scr_warehouses,
	&scr_purchase_orders,
	&scr_plan,
	&scr_suppliers,
	&scr_company,
	&scr_users,
	&scr_boms,
	&scr_production_orders,
	&scr_pick_lists,
	&scr_schedule,
	&scr_reports,
	NULL
};

const struct screen_def *
screen_find(const char *s)
{
	const struct screen_def *const	*d;

	for (d = screen_table; *d != NULL; d++)
		if (strcmp((*d)->code, s) == 0 || strcmp((*d)->name, s) == 0)
			return (*d);
	return (NULL);
}

int
screen_allowed(const struct screen_def *d, unsigned roles)
{
	if ((d->needs & SCREEN_NEEDS_ADMIN) && !(roles & ROLE_ADMIN))
		return (0);
	if (d->area == NULL)		/* the menu: everyone's */
		return (1);
	return (auth_allowed(roles, d->area, d->act != 0 ? d->act :
	    ACT_VIEW));
}

/* Documents by their numbers' prefix: :so 1024 is :order SO-YYYY-001024. */
static const struct {
	const char		*prefix;
	const struct screen_def	*d;
} doc_screens[] = {
	{ "SO", &scr_orders }, { "QT", &scr_quotes }, { "INV", &scr_invoices },
	{ "SHP", &scr_shipments }, { "RET", &scr_returns },
	{ "PO", &scr_purchase_orders }, { "PAY", &scr_payments },
	{ "MO", &scr_production_orders },
};

const struct screen_def *
screen_find_doc(const char *name, const char *arg, char *code, size_t len)
{
	const struct screen_def	*d = NULL;
	const char		*prefix = NULL;
	size_t			 i, n;
	time_t			 now;
	struct tm		 tm;

	*code = '\0';
	for (i = 0; i < sizeof doc_screens / sizeof doc_screens[0]; i++) {
		n = strlen(doc_screens[i].prefix);
		/* :so, :order, or a whole number, :SO-2026-001024 */
		if (strcasecmp(name, doc_screens[i].prefix) == 0 ||
		    (screen_find(name) == doc_screens[i].d)) {
			d = doc_screens[i].d;
			prefix = doc_screens[i].prefix;
			break;
		}
		if (strncasecmp(name, doc_screens[i].prefix, n) == 0 &&
		    name[n] == '-' && arg == NULL) {
			snprintf(code, len, "%s", name);
			for (; *code != '\0'; code++)
				*code = (char)toupper((unsigned char)*code);
			return (doc_screens[i].d);
		}
	}
	if (d == NULL) {
		if (arg != NULL)
			snprintf(code, len, "%s", arg);
		return (screen_find(name));
	}
	if (arg != NULL && *arg != '\0' &&
	    strspn(arg, "0123456789") == strlen(arg) && strlen(arg) <= 6) {
		now = time(NULL);
		localtime_r(&now, &tm);
		snprintf(code, len, "%s-%d-%06d", prefix, tm.tm_year + 1900,
		    atoi(arg));
	} else if (arg != NULL)
		snprintf(code, len, "%s", arg);
	return (d);
}
