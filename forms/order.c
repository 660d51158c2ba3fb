/*
 * The order confirmation (подтверждение заказа), from a sales order: the
 * parties, what was agreed (the customer's reference, the shipment date,
 * the delivery address, the payment terms), the lines, the totals and
 * the amount in words.  Russian words by nature, not the interface's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/record.h"
#include "forms/common.h"
#include "forms/forms.h"
#include "forms/sheet.h"
#include "forms/words.h"
#include "i18n.h"
#include "xmalloc.h"

static int
order_build(struct store *st, const struct form_args *a, struct sheet *s,
    char **cause)
{
	struct form_doc	 d;
	char		*seller, *buyer, *base = NULL, *terms = NULL;
	char		 date[FORM_FIG], ship[FORM_FIG];
	const char	*pairs[15], *ref, *addr;
	int64_t		 days;
	size_t		 n = 0;
	int		 rc;

	if ((rc = form_doc_load(st, a, FORM_NEED_LINES, &d, cause)) != 0) {
		form_doc_free(&d);
		return (rc);
	}
	form_heading(s, "Подтверждение заказа", &d);
	sheet_para(s, 0, SA_LEFT, "Настоящим подтверждаем, что заказ принят "
	    "к исполнению на следующих условиях.");
	sheet_gap(s);
	seller = form_firm_line(&d.company, 0);
	buyer = form_firm_line(&d.customer, 0);
	if (*d.base_code != '\0')
		xasprintf(&base, "Коммерческое предложение № %s от %s",
		    d.base_number, form_date(d.base_date, date));
	/* The order's terms, else the customer's. */
	if (form_isset(d.hdr, "terms_days") ||
	    form_isset(d.customer.rec, "terms_days")) {
		days = form_isset(d.hdr, "terms_days") ? form_int(d.hdr,
		    "terms_days") : form_int(d.customer.rec, "terms_days");
		if (days > 0)
			xasprintf(&terms, "оплата в течение %lld %s с даты "
			    "отгрузки", (long long)days, words_plural(
			    (uint64_t)days, "дня", "дней", "дней"));
		else
			terms = xstrdup("предоплата 100%");
	}
	ref = form_str(d.hdr, "customer_ref");
	addr = form_str(d.hdr, "delivery_address");
	pairs[n++] = "Поставщик:";
	pairs[n++] = seller;
	pairs[n++] = "Покупатель:";
	pairs[n++] = buyer;
	pairs[n++] = "Номер заказа\nпокупателя:";
	pairs[n++] = ref != NULL ? ref : "";
	pairs[n++] = "Основание:";
	pairs[n++] = base;
	pairs[n++] = "Дата отгрузки:";
	pairs[n++] = form_date(form_int(d.hdr, "ship_date"), ship);
	pairs[n++] = "Адрес доставки:";
	pairs[n++] = addr != NULL ? addr : "";
	pairs[n++] = "Условия оплаты:";
	pairs[n++] = terms;
	pairs[n] = NULL;
	form_pairs(s, pairs);
	sheet_gap(s);
	form_lines_table(s, &d, FORM_LINES_SKU);
	sheet_keep_rest(s);
	form_totals(s, &d, "Всего по заказу:");
	form_total_words(s, &d);
	sheet_rule(s);
	form_signatures(s, &d, FORM_SIGN_DIRECTOR |
	    (*d.manager != '\0' ? FORM_SIGN_MANAGER : 0));
	free(seller);
	free(buyer);
	free(base);
	free(terms);
	form_doc_free(&d);
	return (0);
}

static const char *const order_from[] = { "sales_orders", NULL };

const struct form_def form_order = {
	.name = "order",
	.title = N_("Order confirmation"),
	.entities = order_from,
	.build = order_build,
};
