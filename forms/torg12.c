/*
 * ТОРГ-12, the goods waybill (товарная накладная, ОКУД 0330212), from a
 * shipment, for customers who still ask for it: the parties (shipper,
 * consignee, supplier, payer) with their INN and bank details, the
 * basis, the number and date, the lines in the form's fifteen columns,
 * the totals, «Всего отпущено на сумму» in words, the signatures of both
 * sides and the power of attorney.  Landscape A4.  A ТОРГ-12 is for
 * goods: a shipment's services go on the act (forms/act.c), and one of
 * services only is refused.  Russian words by nature (RU-DOCS.md).
 *
 * The 80-column text keeps №, the name, the unit, the quantity, the
 * price, the sums without and with VAT, the rate and the VAT, and leaves
 * out the code, the ОКЕИ code, the packing, places and masses (columns
 * 3, 5 to 9), which kontor does not know anyway.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "dict/record.h"
#include "forms/common.h"
#include "forms/forms.h"
#include "forms/sheet.h"
#include "forms/ship.h"
#include "forms/words.h"
#include "i18n.h"
#include "model/pricing.h"
#include "xmalloc.h"

static int
is_goods(const struct form_line *l)
{
	return (!l->service);
}

/* "ООО «Ромашка», ИНН ..., КПП ..., адрес" with another address. */
static char *
consignee_line(const struct form_firm *f, const char *address)
{
	struct form_firm	 c;

	c = *f;
	c.address = (char *)address;
	return (form_firm_line(&c, 0));
}

/* The parties and the codes' box at their right. */
static void
torg12_parties(struct sheet *s, const struct form_doc *d,
    const struct ship_info *si)
{
	static const struct sheet_col cols[] = {
		{ "", 150, 16, SA_LEFT },
		{ "", 580, 63, SA_LEFT },
		{ "", 170, 0, SA_RIGHT },
		{ "", 100, 0, SA_CENTER },
	};
	char		*shipper, *consignee, *supplier, *payer, *base;
	char		 date[FORM_FIG];
	const char	*cells[4];
	size_t		 i;
	struct {
		const char	*label, *value, *code, *fig;
	} rows[9];
	size_t		 n = 0;

	shipper = form_firm_line(&d->company, 1);
	consignee = consignee_line(&d->customer, si->consignee_address);
	supplier = form_firm_line(&d->company, 1);
	payer = form_firm_line(&d->customer, 1);
	if (*d->base_code != '\0')
		xasprintf(&base, "Заказ покупателя № %s от %s",
		    d->base_number, form_date(d->base_date, date));
	else
		base = xstrdup("");
#define ROW(l, v, c, f) do {						\
	rows[n].label = (l);						\
	rows[n].value = (v);						\
	rows[n].code = (c);						\
	rows[n].fig = (f);						\
	n++;								\
} while (0)
	ROW("", "", "", "Коды");
	ROW("", "", "Форма по ОКУД", "0330212");
	ROW("Грузоотправитель", shipper, "по ОКПО", "");
	ROW("Структурное подразделение", si->warehouse,
	    "Вид деятельности по ОКДП", "");
	ROW("Грузополучатель", consignee, "по ОКПО", "");
	ROW("Поставщик", supplier, "по ОКПО", "");
	ROW("Плательщик", payer, "по ОКПО", "");
	ROW("Основание", base, "номер", *d->base_code != '\0' ?
	    d->base_number : "");
	ROW("", "(договор, заказ-наряд)", "дата", *d->base_code != '\0' ?
	    form_date(d->base_date, date) : "");
#undef ROW
	sheet_table(s, 0, 4, cols, 0);
	for (i = 0; i < n; i++) {
		cells[0] = rows[i].label;
		cells[1] = rows[i].value;
		cells[2] = rows[i].code;
		cells[3] = rows[i].fig;
		/* The text has no codes: rows of only codes stay out. */
		sheet_row(s, *rows[i].label == '\0' && *rows[i].value ==
		    '\0' ? SS_NOTEXT : i == 8 ? SS_SMALL : 0, cells);
	}
	free(shipper);
	free(consignee);
	free(supplier);
	free(payer);
	free(base);
}

/* ТОВАРНАЯ НАКЛАДНАЯ, its number and date. */
static void
torg12_title(struct sheet *s, const struct form_doc *d)
{
	static const struct sheet_col cols[] = {
		{ "", 450, 40, SA_RIGHT },
		{ "", 130, 18, SA_CENTER },
		{ "", 130, 18, SA_CENTER },
		{ "", 290, 0, SA_RIGHT },
	};
	char		 date[FORM_FIG], *title;
	const char	*cells[4];

	sheet_table(s, 0, 4, cols, 0);
	cells[0] = "";
	cells[1] = "Номер документа";
	cells[2] = "Дата составления";
	/* The rest of the codes' box: blanks kontor does not know. */
	cells[3] = "Транспортная накладная: номер ______ дата ______";
	sheet_row(s, SS_SMALL, cells);
	cells[0] = "ТОВАРНАЯ НАКЛАДНАЯ";
	cells[1] = d->number;
	cells[2] = form_date(d->date, date);
	cells[3] = "";
	sheet_row(s, SS_BOLD, cells);
	cells[0] = cells[1] = cells[2] = "";
	cells[3] = "Вид операции ______";
	sheet_row(s, SS_SMALL | SS_NOTEXT, cells);
	xasprintf(&title, "Товарная накладная № %s от %s", d->number,
	    form_date(d->date, date));
	sheet_set_title(s, title);
	free(title);
}

/* The lines in the form's fifteen columns (PDF). */
static void
torg12_lines(struct sheet *s, const struct form_doc *d)
{
	static const struct sheet_col cols[] = {
		{ "Номер по порядку", 30, 0, SA_RIGHT },
		{ "Товар: наименование, характеристика, сорт, артикул товара",
		  210, 0, SA_LEFT },
		{ "Товар: код", 60, 0, SA_LEFT },
		{ "Единица измерения: наименование", 50, 0, SA_LEFT },
		{ "Единица измерения: код по ОКЕИ", 45, 0, SA_CENTER },
		{ "Вид упаковки", 45, 0, SA_CENTER },
		{ "Количество: в одном месте", 45, 0, SA_RIGHT },
		{ "Количество: мест, штук", 45, 0, SA_RIGHT },
		{ "Масса брутто", 50, 0, SA_RIGHT },
		{ "Количество (масса нетто)", 60, 0, SA_RIGHT },
		{ "Цена, руб. коп.", 70, 0, SA_RIGHT },
		{ "Сумма без учёта НДС, руб. коп.", 85, 0, SA_RIGHT },
		{ "НДС: ставка, %", 45, 0, SA_CENTER },
		{ "НДС: сумма, руб. коп.", 75, 0, SA_RIGHT },
		{ "Сумма с учётом НДС, руб. коп.", 85, 0, SA_RIGHT },
	};
	static const char *const numbers[] = {
		"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
		"13", "14", "15"
	};
	const char	*cells[15];
	char		 no[FORM_FIG], qty[FORM_FIG], price[FORM_FIG];
	char		 net[FORM_FIG], rate[FORM_FIG], vat[FORM_FIG];
	char		 gross[FORM_FIG];
	int64_t		 total_qty = 0;
	size_t		 i;

	sheet_table(s, SS_BORDER | SS_SMALL | SS_NOTEXT, 15, cols, 1);
	sheet_row(s, 0, numbers);
	for (i = 0; i < d->nlines; i++) {
		const struct form_line	*l = &d->lines[i];

		snprintf(no, sizeof no, "%lld", (long long)l->no);
		cells[0] = no;
		cells[1] = l->name;
		cells[2] = l->sku;
		cells[3] = l->unit;
		cells[4] = *l->okei != '\0' ? l->okei : "--";
		cells[5] = cells[6] = cells[7] = cells[8] = "";
		cells[9] = form_qty(l->qty, qty);
		cells[10] = form_money(ship_net_price(l), price);
		cells[11] = form_money(l->net, net);
		cells[12] = form_rate(l->rate, rate);
		if (l->rate == PRICING_EXEMPT)
			snprintf(vat, sizeof vat, "без НДС");
		else
			form_money(l->vat, vat);
		cells[13] = vat;
		cells[14] = form_money(l->gross, gross);
		sheet_row(s, 0, cells);
		total_qty += l->qty;
	}
	/* Всего по накладной: columns 8 to 15, the price and the rate
	 * crossed out. */
	cells[0] = "Всего по накладной";
	cells[1] = "";
	cells[2] = "";
	cells[3] = form_qty(total_qty, qty);
	cells[4] = "Х";
	cells[5] = form_money(d->net, net);
	cells[6] = "Х";
	cells[7] = ship_vat_total(d, vat);
	cells[8] = form_money(d->gross, gross);
	sheet_row_span(s, SS_BOLD, 7, cells);
}

/* Under the lines: what the waybill holds, the sum in words. */
static void
torg12_summary(struct sheet *s, const struct form_doc *d)
{
	static const struct sheet_col cols[] = {
		{ "", 500, 0, SA_LEFT },
		{ "", 500, 0, SA_LEFT },
	};
	static const char *const blanks[] = {
		"Масса груза (нетто) ______________________ (прописью)",
		"Всего мест ______________________ (прописью)",
		"Масса груза (брутто) ______________________ (прописью)",
		"Приложение (паспорта, сертификаты и т. п.) на ____ листах",
	};
	struct buf	 b;
	char		*w;
	size_t		 i;

	memset(&b, 0, sizeof b);
	buf_adds(&b, "Товарная накладная имеет приложение на ____ листах и "
	    "содержит ");
	words_number(&b, (uint64_t)d->nlines, WG_MASC);
	buf_printf(&b, " %s записей", words_plural((uint64_t)d->nlines,
	    "порядковый номер", "порядковых номера", "порядковых номеров"));
	sheet_para(s, 0, SA_LEFT, b.data);
	buf_free(&b);
	/* Masses and places kontor does not know: lines to fill in, two
	 * to a row in the PDF, one in the text. */
	for (i = 0; i < 4; i++)
		sheet_para(s, SS_NOPDF, SA_LEFT, blanks[i]);
	sheet_table(s, SS_NOTEXT, 2, cols, 0);
	sheet_row(s, 0, blanks);
	sheet_row(s, 0, blanks + 2);
	w = words_rub(d->gross);
	sheet_paraf(s, SS_BOLD, SA_LEFT, "Всего отпущено на сумму: %s", w);
	free(w);
}

static void
torg12_foot(struct sheet *s, const struct form_doc *d,
    const struct ship_info *si)
{
	struct form_side	 l[5], r[5];
	char			*director, *accountant, *handed, *stamp;
	char			 date[FORM_FIG];

	director = form_initials(d->company.director);
	accountant = form_initials(d->company.accountant);
	handed = form_initials(si->handed_by);
	xasprintf(&stamp, "М. П.        %s", form_date_words(d->date, date));
	sheet_para(s, SS_NOPDF, SA_LEFT, "");
	sheet_para(s, SS_NOTEXT, SA_LEFT, "По доверенности № __________ от "
	    "«___» ____________ 20___ г., выданной "
	    "________________________________________________");
	sheet_para(s, SS_NOPDF, SA_LEFT, "По доверенности № __________ от "
	    "«___» ____________ 20___ г.,");
	sheet_para(s, SS_NOPDF, SA_LEFT, "выданной "
	    "______________________________________________________");
	sheet_para(s, SS_SMALL, SA_CENTER, "(кем, кому (организация, "
	    "должность, фамилия, и. о.))");
	memset(l, 0, sizeof l);
	memset(r, 0, sizeof r);
	l[0].label = "Отпуск груза разрешил";
	l[0].position = "Руководитель";
	l[0].name = director;
	l[1].label = "Главный (старший) бухгалтер";
	l[1].name = accountant;
	l[2].label = "Отпуск груза произвел";
	l[2].position = "";
	l[2].name = handed;
	l[3].text = stamp;
	r[0].label = "Груз принял";
	r[0].position = "";
	r[0].name = "";
	r[1].label = "Груз получил грузополучатель";
	r[1].position = "";
	r[1].name = "";
	r[3].text = "М. П.        «___» ____________ 20___ г.";
	sheet_para(s, SS_NOPDF, SA_LEFT, "");
	form_sides(s, l, 4, r, 4);
	free(director);
	free(accountant);
	free(handed);
	free(stamp);
}

static int
torg12_build(struct store *st, const struct form_args *a, struct sheet *s,
    char **cause)
{
	struct form_doc	 d;
	struct ship_info si;
	int		 rc;

	memset(&si, 0, sizeof si);
	if ((rc = form_doc_load(st, a, FORM_NEED_LINES | FORM_NEED_POSTED,
	    &d, cause)) != 0 ||
	    (rc = ship_info_load(st, &d, a->login, &si, cause)) != 0) {
		ship_info_free(&si);
		form_doc_free(&d);
		return (rc);
	}
	if (form_doc_keep(&d, is_goods) == 0) {
		xasprintf(cause, _("%s has no goods: a ТОРГ-12 is made of "
		    "goods, and its lines are all services; print its act: "
		    "kontor print %s --form act"), d.code, d.code);
		ship_info_free(&si);
		form_doc_free(&d);
		return (EX_DATAERR);
	}
	sheet_set_landscape(s, 1);
	sheet_para(s, SS_SMALL, SA_RIGHT, "Унифицированная форма № ТОРГ-12\n"
	    "Утверждена постановлением Госкомстата России от 25.12.98 № 132");
	torg12_parties(s, &d, &si);
	torg12_title(s, &d);
	torg12_lines(s, &d);
	ship_lines_text(s, &d, 1, "Всего по накладной:");
	sheet_keep_rest(s);
	torg12_summary(s, &d);
	torg12_foot(s, &d, &si);
	ship_info_free(&si);
	form_doc_free(&d);
	return (0);
}

static const char *const torg12_from[] = { "shipments", NULL };

const struct form_def form_torg12 = {
	.name = "torg12",
	.title = N_("Goods waybill TORG-12"),
	.entities = torg12_from,
	.build = torg12_build,
};
