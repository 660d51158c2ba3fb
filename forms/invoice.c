/*
 * Счёт на оплату, from an invoice or a sales order (then numbered and
 * dated as the order, for a firm that bills straight from its orders):
 * the bank block of a payment order, the parties, the lines, the totals
 * and the amount in words, and the signatures (RU-DOCS.md).  Its words are Russian by
 * nature (a Russian document), not the interface's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dict/record.h"
#include "forms/common.h"
#include "forms/forms.h"
#include "forms/sheet.h"
#include "i18n.h"
#include "xmalloc.h"

static int
invoice_build(struct store *st, const struct form_args *a, struct sheet *s,
    char **cause)
{
	struct form_doc	 d;
	char		*seller, *buyer, *base = NULL, date[FORM_FIG];
	const char	*pairs[7];
	int64_t		 due;
	int		 rc;

	if ((rc = form_doc_load(st, a, FORM_NEED_BANK | FORM_NEED_LINES, &d,
	    cause)) != 0) {
		form_doc_free(&d);
		return (rc);
	}
	form_bank_block(s, &d.company);
	sheet_gap(s);
	form_heading(s, "Счёт на оплату", &d);
	seller = form_firm_line(&d.company, 0);
	buyer = form_firm_line(&d.customer, 0);
	if (*d.base_code != '\0')
		xasprintf(&base, "Заказ покупателя № %s от %s", d.base_number,
		    form_date(d.base_date, date));
	pairs[0] = "Поставщик\n(Исполнитель):";
	pairs[1] = seller;
	pairs[2] = "Покупатель\n(Заказчик):";
	pairs[3] = buyer;
	pairs[4] = "Основание:";
	pairs[5] = base;
	pairs[6] = NULL;
	form_pairs(s, pairs);
	sheet_gap(s);
	form_lines_table(s, &d, 0);
	sheet_keep_rest(s);
	form_totals(s, &d, NULL);
	form_total_words(s, &d);
	due = form_int(d.hdr, "due_date");
	if (due != 0) {
		sheet_gap(s);
		sheet_paraf(s, 0, SA_LEFT, "Оплатить не позднее %s.",
		    form_date(due, date));
	}
	sheet_rule(s);
	form_signatures(s, &d, FORM_SIGN_DIRECTOR | FORM_SIGN_BOOKKEEPER);
	free(seller);
	free(buyer);
	free(base);
	form_doc_free(&d);
	return (0);
}

static const char *const invoice_from[] = {
	"invoices", "sales_orders", NULL
};

const struct form_def form_invoice = {
	.name = "invoice",
	.title = N_("Invoice for payment"),
	.entities = invoice_from,
	.build = invoice_build,
};
