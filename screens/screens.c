#include "config.h"

#include <string.h>

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
