/*
 * Акт выполненных работ (оказанных услуг), from a shipment of services
 * (products of kind service): who did the work and for whom, on what
 * basis, the services (only the shipment's service lines: its goods go
 * on the УПД or the ТОРГ-12), the totals with the VAT or «Без налога
 * (НДС)», «Всего оказано услуг N, на сумму X руб.» and the amount in
 * words, the sentence that the customer has no claims, and both sides'
 * signatures (the details 402-ФЗ art. 9 asks of a primary document).  A
 * shipment without service lines is refused.  Russian words by nature.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "dict/record.h"
#include "forms/common.h"
#include "forms/forms.h"
#include "forms/sheet.h"
#include "forms/words.h"
#include "i18n.h"
#include "model/pricing.h"
#include "xmalloc.h"

static int
is_service(const struct form_line *l)
{
	return (l->service);
}

static int
act_build(struct store *st, const struct form_args *a, struct sheet *s,
    char **cause)
{
	struct form_doc	 d;
	struct form_side l[4], r[4];
	char		*doer, *client, *base = NULL, *director, *w;
	char		 date[FORM_FIG], fig[FORM_FIG];
	size_t		 i;
	int		 rc, taxed = 0;

	if ((rc = form_doc_load(st, a, FORM_NEED_LINES | FORM_NEED_POSTED,
	    &d, cause)) != 0) {
		form_doc_free(&d);
		return (rc);
	}
	if (form_doc_keep(&d, is_service) == 0) {
		xasprintf(cause, _("%s has no service lines: an act is made "
		    "of works and services (products of kind service), and "
		    "its lines are all goods; print its УПД or ТОРГ-12: "
		    "kontor print %s --form upd"), d.code, d.code);
		form_doc_free(&d);
		return (EX_DATAERR);
	}
	for (i = 0; i < d.nrates; i++)
		if (d.rates[i].rate != PRICING_EXEMPT)
			taxed = 1;

	form_heading(s, "Акт", &d);
	doer = form_firm_line(&d.company, 1);
	client = form_firm_line(&d.customer, 0);
	if (*d.base_code != '\0')
		xasprintf(&base, "Заказ покупателя № %s от %s", d.base_number,
		    form_date(d.base_date, date));
	{
		const char	*pairs[7];

		pairs[0] = "Исполнитель:";
		pairs[1] = doer;
		pairs[2] = "Заказчик:";
		pairs[3] = client;
		pairs[4] = "Основание:";
		pairs[5] = base;
		pairs[6] = NULL;
		form_pairs(s, pairs);
	}
	sheet_gap(s);
	form_lines_table(s, &d, FORM_LINES_WORKS);
	sheet_keep_rest(s);
	form_totals(s, &d, taxed ? "Всего (с учётом НДС):" : "Всего:");
	sheet_paraf(s, 0, SA_LEFT, "Всего оказано услуг %zu, на сумму %s руб.",
	    d.nlines, form_money(d.gross, fig));
	w = words_rub(d.gross);
	sheet_para(s, SS_BOLD, SA_LEFT, w);
	free(w);
	sheet_gap(s);
	sheet_para(s, 0, SA_LEFT, "Вышеперечисленные услуги выполнены "
	    "полностью и в срок. Заказчик претензий по объему, качеству и "
	    "срокам оказания услуг не имеет.");
	sheet_rule(s);

	director = form_initials(d.company.director);
	memset(l, 0, sizeof l);
	memset(r, 0, sizeof r);
	l[0].text = "ИСПОЛНИТЕЛЬ";
	l[0].style = SS_BOLD;
	l[1].text = d.company.short_name;
	l[2].label = "Руководитель";
	l[2].name = director;
	l[3].text = "М. П.";
	r[0].text = "ЗАКАЗЧИК";
	r[0].style = SS_BOLD;
	r[1].text = d.customer.short_name;
	r[2].label = "";
	r[2].name = "";
	r[3].text = "М. П.";
	sheet_gap(s);
	form_sides(s, l, 4, r, 4);

	free(director);
	free(doer);
	free(client);
	free(base);
	form_doc_free(&d);
	return (0);
}

static const char *const act_from[] = { "shipments", NULL };

const struct form_def form_act = {
	.name = "act",
	.title = N_("Certificate of services rendered"),
	.entities = act_from,
	.build = act_build,
};
