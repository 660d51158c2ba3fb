/*
 * Коммерческое предложение, from a quote: who offers (the company with
 * its contacts), to whom, the lines with the prices, the totals, how
 * long the offer stands.  Russian words by nature, not the interface's.
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
quote_build(struct store *st, const struct form_args *a, struct sheet *s,
    char **cause)
{
	struct form_doc	 d;
	struct buf	 b;
	char		 date[FORM_FIG];
	int64_t		 until;
	int		 rc;

	if ((rc = form_doc_load(st, a, FORM_NEED_LINES, &d, cause)) != 0) {
		form_doc_free(&d);
		return (rc);
	}
	/* The letterhead: who writes. */
	sheet_para(s, SS_BOLD, SA_RIGHT, d.company.name);
	memset(&b, 0, sizeof b);
	if (*d.company.inn != '\0')
		buf_printf(&b, "ИНН %s", d.company.inn);
	if (*d.company.kpp != '\0')
		buf_printf(&b, "%sКПП %s", b.len > 0 ? ", " : "",
		    d.company.kpp);
	if (*d.company.address != '\0')
		buf_printf(&b, "%s%s", b.len > 0 ? "\n" : "",
		    d.company.address);
	if (*d.company.phone != '\0')
		buf_printf(&b, "%sтел.: %s", b.len > 0 ? "\n" : "",
		    d.company.phone);
	if (*d.company.email != '\0')
		buf_printf(&b, "%s%s", *d.company.phone != '\0' ? ", " :
		    b.len > 0 ? "\n" : "", d.company.email);
	if (b.len > 0)
		sheet_para(s, SS_SMALL, SA_RIGHT, b.data);
	buf_free(&b);
	sheet_rule(s);
	sheet_gap(s);
	form_heading(s, "Коммерческое предложение", &d);
	sheet_paraf(s, 0, SA_LEFT, "Кому: %s", d.customer.name);
	sheet_gap(s);
	sheet_para(s, 0, SA_LEFT, "Предлагаем Вам рассмотреть возможность "
	    "приобретения следующих товаров (работ, услуг):");
	sheet_gap(s);
	form_lines_table(s, &d, 0);
	sheet_keep_rest(s);
	form_totals(s, &d, "Всего:");
	form_total_words(s, &d);
	sheet_gap(s);
	sheet_para(s, 0, SA_LEFT, d.vat_included ? "Цены указаны в рублях с "
	    "учётом НДС." : "Цены указаны в рублях без учёта НДС.");
	until = form_int(d.hdr, "valid_until");
	if (until != 0)
		sheet_paraf(s, 0, SA_LEFT, "Предложение действительно до %s.",
		    form_date(until, date));
	sheet_rule(s);
	form_signatures(s, &d, FORM_SIGN_DIRECTOR |
	    (*d.manager != '\0' ? FORM_SIGN_MANAGER : 0));
	form_doc_free(&d);
	return (0);
}

static const char *const quote_from[] = { "quotes", NULL };

const struct form_def form_quote = {
	.name = "quote",
	.title = N_("Commercial offer"),
	.entities = quote_from,
	.build = quote_build,
};
