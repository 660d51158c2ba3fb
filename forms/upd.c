/*
 * УПД, the universal transfer document (ФНС's form), from a shipment:
 * status 1 (счёт-фактура and передаточный документ) when the company
 * pays VAT and the lines carry it, status 2 (передаточный документ)
 * otherwise.  Landscape A4: the header rows (1)-(8), the lines in the
 * form's columns А, Б, 1 ... 11, the totals of columns 5, 8 and 9, and
 * the signatures of both sides.  Russian words by nature (RU-DOCS.md).
 *
 * The figures are the lines' as stored (a status 2 of a company that does
 * not pay VAT shows whatever VAT its lines carry).  A service's unit has
 * no ОКЕИ code (column 2: --); a shipment of services only has no shipper
 * or consignee (rows 3 and 4: --).  Column 1б is printed without a head:
 * its title in the current form is not known here for sure.
 *
 * The 80-column text cannot hold seventeen columns: it keeps the name,
 * the unit, the quantity, the price, the cost without VAT, the rate, the
 * VAT and the cost with VAT, and leaves out А (№), Б (code), 1а, 1б,
 * 2 (the ОКЕИ code), 6 (excise), 10, 10а and 11.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/record.h"
#include "forms/common.h"
#include "forms/forms.h"
#include "forms/sheet.h"
#include "forms/ship.h"
#include "i18n.h"
#include "model/pricing.h"
#include "xmalloc.h"

#define DASH	"--"

/* "ООО «Ромашка», 115054, г. Москва, ..." */
static char *
name_address(const char *name, const char *address)
{
	char	*s;

	if (*address != '\0')
		xasprintf(&s, "%s, %s", name, address);
	else
		s = xstrdup(name);
	return (s);
}

/* The header: rows (1) to (8), the status box at the left. */
static void
upd_header(struct sheet *s, const struct form_doc *d,
    const struct ship_info *si, int status, int goods)
{
	static const struct sheet_col cols[] = {
		{ "", 220, 0, SA_LEFT },
		{ "", 310, 30, SA_LEFT },
		{ "", 420, 42, SA_LEFT },
		{ "", 50, 4, SA_LEFT },
	};
	char		 date[FORM_FIG], *no, *seller_tax, *buyer_tax;
	char		*consignee, *ship_doc;
	const char	*cells[4];
	size_t		 i;
	struct {
		const char	*box, *label, *value, *row;
		int		 style;
	} rows[16];
	size_t		 n = 0;

	xasprintf(&no, "%s от %s", d->number, form_date(d->date, date));
	seller_tax = ship_inn_kpp(&d->company);
	buyer_tax = ship_inn_kpp(&d->customer);
	consignee = goods ? name_address(d->customer.name,
	    si->consignee_address) : xstrdup(DASH);
	xasprintf(&ship_doc, "№ п/п 1–%zu № %s от %s", d->nlines, d->number,
	    form_date(d->date, date));
#define ROW(b, l, v, r, st) do {					\
	rows[n].box = (b);						\
	rows[n].label = (l);						\
	rows[n].value = (v);						\
	rows[n].row = (r);						\
	rows[n].style = (st);						\
	n++;								\
} while (0)
	/* The box's legend a line a row, so that no row of the header
	 * grows for it. */
	ROW("Универсальный\nпередаточный документ", "Счёт-фактура №", no,
	    "(1)", SS_BOLD);
	ROW(status == 1 ? "Статус: 1" : "Статус: 2", "Исправление №",
	    "-- от --", "(1а)", 0);
	ROW("1 — счёт-фактура и", "Продавец:", d->company.name, "(2)", 0);
	ROW("      передаточный документ (акт)", "Адрес:",
	    d->company.address, "(2а)", 0);
	ROW("2 — передаточный документ (акт)", "ИНН/КПП продавца:",
	    seller_tax, "(2б)", 0);
	ROW("", "Грузоотправитель и его адрес:", goods ? "он же" : DASH,
	    "(3)", 0);
	ROW("", "Грузополучатель и его адрес:", consignee, "(4)", 0);
	ROW("", "К платёжно-расчётному документу", *si->payments != '\0' ?
	    si->payments : DASH, "(5)", 0);
	ROW("", "Документ об отгрузке", ship_doc, "(5а)", 0);
	ROW("", "Покупатель:", d->customer.name, "(6)", 0);
	ROW("", "Адрес:", d->customer.address, "(6а)", 0);
	ROW("", "ИНН/КПП покупателя:", buyer_tax, "(6б)", 0);
	ROW("", "Валюта: наименование, код", "Российский рубль, 643", "(7)",
	    0);
	ROW("", "Идентификатор государственного контракта, договора "
	    "(соглашения) (при наличии):", "", "(8)", 0);
#undef ROW
	/* The text has no room for the box: its words go first. */
	sheet_para(s, SS_NOPDF, SA_LEFT, "Универсальный передаточный "
	    "документ");
	sheet_para(s, SS_NOPDF, SA_LEFT, status == 1 ? "Статус: 1 "
	    "(счёт-фактура и передаточный документ (акт))" : "Статус: 2 "
	    "(передаточный документ (акт))");
	sheet_para(s, SS_NOPDF, SA_LEFT, "");
	sheet_table(s, 0, 4, cols, 0);
	for (i = 0; i < n; i++) {
		cells[0] = rows[i].box;
		cells[1] = rows[i].label;
		cells[2] = rows[i].value;
		cells[3] = rows[i].row;
		/* Small type below the title row, as the form's own. */
		sheet_row(s, rows[i].style | (i > 0 ? SS_SMALL : 0), cells);
	}
	free(no);
	free(seller_tax);
	free(buyer_tax);
	free(consignee);
	free(ship_doc);
}

/* The lines: the form's seventeen columns in the PDF. */
static void
upd_lines_pdf(struct sheet *s, const struct form_doc *d)
{
	static const struct sheet_col cols[] = {
		{ "№\nп/п", 22, 0, SA_RIGHT },
		{ "Код товара/ работ, услуг", 50, 0, SA_LEFT },
		{ "Наименование товара (описание выполненных работ, "
		  "оказанных услуг), имущественного права", 190, 0, SA_LEFT },
		{ "Код вида товара", 35, 0, SA_CENTER },
		{ "", 20, 0, SA_CENTER },
		{ "Единица измерения: код", 35, 0, SA_CENTER },
		{ "Единица измерения: условное обозначение (национальное)", 45,
		  0, SA_LEFT },
		{ "Количество (объём)", 55, 0, SA_RIGHT },
		{ "Цена (тариф) за единицу измерения", 60, 0, SA_RIGHT },
		{ "Стоимость товаров (работ, услуг), имущественных прав без "
		  "налога — всего", 70, 0, SA_RIGHT },
		{ "В том числе сумма акциза", 60, 0, SA_CENTER },
		{ "Налоговая ставка", 48, 0, SA_CENTER },
		{ "Сумма налога, предъявляемая покупателю", 65, 0, SA_RIGHT },
		{ "Стоимость товаров (работ, услуг), имущественных прав с "
		  "налогом — всего", 70, 0, SA_RIGHT },
		{ "Страна происхождения товара: цифровой код", 40, 0,
		  SA_CENTER },
		{ "Страна происхождения товара: краткое наименование", 55, 0,
		  SA_CENTER },
		{ "Регистрационный номер декларации на товары или "
		  "регистрационный номер партии товара, подлежащего "
		  "прослеживаемости", 80, 0, SA_CENTER },
	};
	static const char *const letters[] = {
		"А", "Б", "1", "1а", "1б", "2", "2а", "3", "4", "5", "6", "7",
		"8", "9", "10", "10а", "11"
	};
	const char	*cells[17];
	char		 no[FORM_FIG], qty[FORM_FIG], price[FORM_FIG];
	char		 net[FORM_FIG], rate[FORM_FIG], vat[FORM_FIG];
	char		 gross[FORM_FIG];
	size_t		 i;

	/* Small type, as the form's own: seventeen columns. */
	sheet_table(s, SS_BORDER | SS_SMALL | SS_NOTEXT, 17, cols, 1);
	sheet_row(s, SS_SMALL, letters);
	for (i = 0; i < d->nlines; i++) {
		const struct form_line	*l = &d->lines[i];

		snprintf(no, sizeof no, "%lld", (long long)l->no);
		cells[0] = no;
		cells[1] = l->sku;
		cells[2] = l->name;
		cells[3] = DASH;
		cells[4] = "";
		cells[5] = l->service || *l->okei == '\0' ? DASH : l->okei;
		cells[6] = l->unit;
		cells[7] = form_qty(l->qty, qty);
		cells[8] = form_money(ship_net_price(l), price);
		cells[9] = form_money(l->net, net);
		cells[10] = "без акциза";
		cells[11] = form_rate(l->rate, rate);
		if (l->rate == PRICING_EXEMPT)
			snprintf(vat, sizeof vat, "без НДС");
		else
			form_money(l->vat, vat);
		cells[12] = vat;
		cells[13] = form_money(l->gross, gross);
		cells[14] = DASH;
		cells[15] = DASH;
		cells[16] = DASH;
		sheet_row(s, 0, cells);
	}
	/* Всего к оплате: columns 5, 8 and 9; 6 and 7 crossed out. */
	cells[0] = "Всего к оплате (9)";
	cells[1] = form_money(d->net, net);
	cells[2] = "Х";
	cells[3] = "Х";
	cells[4] = ship_vat_total(d, vat);
	cells[5] = form_money(d->gross, gross);
	cells[6] = cells[7] = cells[8] = "";
	sheet_row_span(s, SS_BOLD, 9, cells);
}

/* The signatures and the rows [8] to [19]. */
static void
upd_foot(struct sheet *s, const struct form_doc *d,
    const struct ship_info *si)
{
	struct form_side	 l[8], r[8];
	char			*director, *accountant, *handed, *base = NULL;
	char			*us, *them, *tax, *day, date[FORM_FIG];
	size_t			 nl = 0, nr = 0, n;

	director = form_initials(d->company.director);
	accountant = form_initials(d->company.accountant);
	handed = form_initials(si->handed_by);
	memset(l, 0, sizeof l);
	memset(r, 0, sizeof r);
	l[0].label = "Руководитель организации\nили иное уполномоченное лицо";
	l[0].name = director;
	r[0].label = "Главный бухгалтер\nили иное уполномоченное лицо";
	r[0].name = accountant;
	/* An individual entrepreneur (an INN of 12 digits) signs too. */
	n = 1;
	if (strlen(d->company.inn) == 12) {
		l[1].label = "Индивидуальный предприниматель\nили иное "
		    "уполномоченное лицо";
		l[1].name = director;
		r[1].text = "______________________________________________\n"
		    "(реквизиты свидетельства о государственной регистрации "
		    "индивидуального предпринимателя)";
		r[1].style = SS_SMALL;
		n = 2;
	}
	sheet_para(s, SS_NOPDF, SA_LEFT, "");
	form_sides(s, l, n, r, n);
	sheet_rule(s);

	if (*d->base_code != '\0')
		xasprintf(&base, "Основание передачи (сдачи) / получения "
		    "(приёмки): Заказ покупателя № %s от %s [8]",
		    d->base_number, form_date(d->base_date, date));
	else
		xasprintf(&base, "Основание передачи (сдачи) / получения "
		    "(приёмки): ______________________________ [8]");
	sheet_para(s, 0, SA_LEFT, base);
	sheet_para(s, 0, SA_LEFT, "Данные о транспортировке и грузе: "
	    "______________________________ [9]");

	tax = ship_inn_kpp(&d->company);
	xasprintf(&us, "Наименование экономического субъекта — составителя "
	    "документа (в т. ч. комиссионера / агента): %s, ИНН/КПП %s [14]",
	    d->company.name, tax);
	free(tax);
	tax = ship_inn_kpp(&d->customer);
	xasprintf(&them, "Наименование экономического субъекта — "
	    "составителя документа: %s, ИНН/КПП %s [19]", d->customer.name,
	    tax);
	free(tax);
	xasprintf(&day, "Дата отгрузки, передачи (сдачи): %s [11]",
	    form_date_words(d->date, date));

	memset(l, 0, sizeof l);
	memset(r, 0, sizeof r);
	l[nl].text = "Товар (груз) передал / услуги, результаты работ, права "
	    "сдал [10]";
	l[nl++].style = SS_BOLD;
	l[nl].label = "";
	l[nl].position = "";
	l[nl++].name = handed;
	l[nl++].text = day;
	l[nl++].text = "Иные сведения об отгрузке, передаче: "
	    "______________________ [12]";
	l[nl++].text = "Ответственный за правильность оформления факта "
	    "хозяйственной жизни [13]";
	l[nl].label = "";
	l[nl].position = "";
	l[nl++].name = "";
	l[nl++].text = us;
	l[nl++].text = "М. П.";

	r[nr].text = "Товар (груз) получил / услуги, результаты работ, права "
	    "принял [15]";
	r[nr++].style = SS_BOLD;
	r[nr].label = "";
	r[nr].position = "";
	r[nr++].name = "";
	r[nr++].text = "Дата получения (приёмки): «___» ____________ 20___ г. "
	    "[16]";
	r[nr++].text = "Иные сведения о получении, приёмке: "
	    "______________________ [17]";
	r[nr++].text = "Ответственный за правильность оформления факта "
	    "хозяйственной жизни [18]";
	r[nr].label = "";
	r[nr].position = "";
	r[nr++].name = "";
	r[nr++].text = them;
	r[nr++].text = "М. П.";
	/* The rows under the titles in small type, as the form's. */
	for (n = 0; n < nl; n++)
		if (l[n].text != NULL && l[n].style == 0)
			l[n].style = SS_SMALL;
	for (n = 0; n < nr; n++)
		if (r[n].text != NULL && r[n].style == 0)
			r[n].style = SS_SMALL;
	form_sides(s, l, nl, r, nr);

	free(director);
	free(accountant);
	free(handed);
	free(base);
	free(us);
	free(them);
	free(day);
}

static int
upd_build(struct store *st, const struct form_args *a, struct sheet *s,
    char **cause)
{
	struct form_doc	 d;
	struct ship_info si;
	char		 date[FORM_FIG], *title;
	size_t		 i;
	int		 rc, taxed = 0, goods = 0, status;

	memset(&si, 0, sizeof si);
	if ((rc = form_doc_load(st, a, FORM_NEED_LINES | FORM_NEED_POSTED,
	    &d, cause)) != 0 ||
	    (rc = ship_info_load(st, &d, a->login, &si, cause)) != 0) {
		ship_info_free(&si);
		form_doc_free(&d);
		return (rc);
	}
	for (i = 0; i < d.nlines; i++) {
		if (d.lines[i].rate != PRICING_EXEMPT)
			taxed = 1;
		if (!d.lines[i].service)
			goods = 1;
	}
	status = taxed && form_int(d.company.rec, "vat_payer") != 0 ? 1 : 2;

	sheet_set_landscape(s, 1);
	upd_header(s, &d, &si, status, goods);
	xasprintf(&title, "Универсальный передаточный документ № %s от %s",
	    d.number, form_date(d.date, date));
	sheet_set_title(s, title);
	free(title);
	upd_lines_pdf(s, &d);
	ship_lines_text(s, &d, 0, "Всего к оплате:");
	sheet_keep_rest(s);
	upd_foot(s, &d, &si);
	ship_info_free(&si);
	form_doc_free(&d);
	return (0);
}

static const char *const upd_from[] = { "shipments", NULL };

const struct form_def form_upd = {
	.name = "upd",
	.title = N_("Universal transfer document (UPD)"),
	.entities = upd_from,
	.build = upd_build,
};
