#include "config.h"

#include <string.h>
#include <sysexits.h>

#include "i18n.h"
#include "reports/reports.h"
#include "xmalloc.h"

extern const struct report_def rep_customers_by_status;
extern const struct report_def rep_tasks_due;
extern const struct report_def rep_funnel;
extern const struct report_def rep_sales;
extern const struct report_def rep_orders_open;
extern const struct report_def rep_returns;
extern const struct report_def rep_stock;
extern const struct report_def rep_stock_value;
extern const struct report_def rep_reorder;
extern const struct report_def rep_moves;
extern const struct report_def rep_lots;
extern const struct report_def rep_receivables;
extern const struct report_def rep_payables;
extern const struct report_def rep_cash;
extern const struct report_def rep_payments;
extern const struct report_def rep_production;
extern const struct report_def rep_finished_goods;
extern const struct report_def rep_shortages;

const struct report_def *const report_table[] = {
	&rep_customers_by_status,
	&rep_tasks_due,
	&rep_funnel,
	&rep_sales,
	&rep_orders_open,
	&rep_returns,
	&rep_stock,
	&rep_stock_value,
	&rep_reorder,
	&rep_moves,
	&rep_lots,
	&rep_receivables,
	&rep_payables,
	&rep_cash,
	&rep_payments,
	&rep_production,
	&rep_finished_goods,
	&rep_shortages,
	NULL
};

const struct report_def *
report_find(const char *name)
{
	const struct report_def *const	*r;

	for (r = report_table; *r != NULL; r++)
		if (strcmp((*r)->name, name) == 0)
			return (*r);
	return (NULL);
}

const char *
report_title(const struct report_def *rep)
{
	return (_(rep->title));
}

const char *
report_label(const char *column)
{
	return (i18n_ctx("report", column));
}

const char *
report_word(const struct report_args *a, const char *msgid)
{
	return (a->csv ? msgid : _(msgid));
}

const char *
report_enum(const struct report_args *a, const char *value)
{
	return (a->csv ? value : i18n_ctx("enum", value));
}

int
report_only(const struct report_args *a, int by_ok, int period_ok,
    char **cause)
{
	if (a->period != NULL && !period_ok) {
		xasprintf(cause, _("%s takes no --period"), a->name);
		return (EX_USAGE);
	}
	if (a->by != NULL && !by_ok) {
		xasprintf(cause, _("%s takes no --by"), a->name);
		return (EX_USAGE);
	}
	return (0);
}
