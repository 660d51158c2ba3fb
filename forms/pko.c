/*
 * Приходный кассовый ордер (КО-1, ОКУД 0310001), from an incoming
 * payment into a cash desk, and its tear-off receipt (квитанция) below
 * the cutting line.  Other payments are refused: one going out, one into
 * a bank account, a cancelled one.
 *
 * The accounts: debit 50.01 (the cash desk); credit 62.01 (settlements
 * with customers) for what the payment settles of shipments and 62.02
 * (advances received) for the rest, a row each; 60.02 for money back
 * from a supplier: the customary chart's accounts, which the accountant
 * may cross out.
 *
 * Основание: the payment's purpose when one was written, else the
 * documents it pays (счёт, заказ, отгрузка), else what it is.  В том
 * числе НДС: the VAT of the documents it pays, in the share of each it
 * pays (what settles shipments first, then what is applied to invoices
 * and orders, up to the rest of the payment), by rate; «без налога
 * (НДС)» when the company does not pay VAT or the documents carry none.
 * Russian words by nature (RU-DOCS.md).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "forms/common.h"
#include "forms/forms.h"
#include "forms/sheet.h"
#include "forms/ship.h"
#include "forms/words.h"
#include "i18n.h"
#include "model/pricing.h"
#include "model/sales.h"
#include "xmalloc.h"

/* A document the payment pays. */
struct pdoc {
	int		 order;		/* 0 invoice, 1 order, 2 shipment */
	char		*code;
	int64_t		 date;
	int64_t		 alloc;		/* what the payment gives it */
	int64_t		 gross;		/* the sum of its lines */
	struct form_rate rates[FORM_RATES];
	size_t		 nrates;
};

struct pko {
	const struct form_doc	*d;
	char		*account;	/* the account's code */
	int		 cash;		/* it is a cash desk */
	char		*cashier;	/* who posted it */
	struct pdoc	*docs;
	size_t		 ndocs;
	uint64_t	*ids;
	size_t		 nids;
};

/* A row of the order's accounts: the credit account and its sum. */
struct pko_credit {
	const char	*account;
	int64_t		 sum;
};

static void
pko_free(struct pko *p)
{
	size_t	 i;

	free(p->account);
	free(p->cashier);
	for (i = 0; i < p->ndocs; i++)
		free(p->docs[i].code);
	free(p->docs);
	free(p->ids);
	p->account = p->cashier = NULL;
	p->docs = NULL;
	p->ndocs = 0;
	p->ids = NULL;
	p->nids = 0;
}

static int
collect(struct tx *x, uint64_t id, void *arg)
{
	struct pko	*p = arg;

	(void)x;
	p->ids = xreallocarray(p->ids, p->nids + 1, sizeof *p->ids);
	p->ids[p->nids++] = id;
	return (0);
}

/* The field of e referring to entity parent. */
static int
ref_pos(const struct entity_def *e, const char *parent)
{
	size_t	 i;

	for (i = 0; i < e->nfields; i++)
		if (e->fields[i].type == FT_REF &&
		    strcmp(e->fields[i].ref, parent) == 0)
			return ((int)i);
	return (-1);
}

/* A document's lines: its gross and its VAT by rate. */
static int
doc_rates(struct tx *x, const struct record *doc, struct pdoc *pd)
{
	const struct entity_def	*le;
	struct record		*ln;
	struct value		 v;
	enum sales_kind		 k;
	uint64_t		*ids;
	size_t			 n, i, j;
	int			 pos, rate, rc;
	struct pko		 tmp;

	if ((k = sales_kind_of(doc->ent)) == SALES_NONE ||
	    (le = sales_lines(k)) == NULL ||
	    (pos = ref_pos(le, doc->ent->name)) < 0)
		return (ST_OK);
	memset(&tmp, 0, sizeof tmp);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.i = (int64_t)record_id(doc);
	if ((rc = tx_find_each(x, le, pos, &v, 0, collect, &tmp)) != ST_OK &&
	    rc != ST_NOTFOUND) {
		free(tmp.ids);
		return (rc);
	}
	ids = tmp.ids;
	n = tmp.nids;
	for (i = 0; i < n; i++) {
		if ((rc = tx_get(x, le, ids[i], 0, &ln)) == ST_NOTFOUND)
			continue;
		if (rc != ST_OK) {
			free(ids);
			return (rc);
		}
		rate = pricing_rate(form_str(ln, "vat"), PRICING_EXEMPT);
		pd->gross += form_int(ln, "gross");
		for (j = 0; j < pd->nrates; j++)
			if (pd->rates[j].rate == rate)
				break;
		if (j == pd->nrates && j < sizeof pd->rates /
		    sizeof pd->rates[0]) {
			memset(&pd->rates[j], 0, sizeof pd->rates[j]);
			pd->rates[j].rate = rate;
			pd->nrates++;
		}
		if (j < pd->nrates)
			pd->rates[j].vat += form_int(ln, "vat_amount");
		record_free(ln);
	}
	free(ids);
	return (ST_OK);
}

static int
pdoc_cmp(const void *a, const void *b)
{
	const struct pdoc	*x = a, *y = b;

	if (x->order != y->order)
		return (x->order < y->order ? -1 : 1);
	if (x->date != y->date)
		return (x->date < y->date ? -1 : 1);
	return (strcmp(x->code, y->code));
}

static int
pko_tx(struct tx *x, void *arg, char **cause)
{
	static const struct {
		const char	*kind, *field;
		int		 order;
	} kinds[] = {
		{ "invoice", "invoice", 0 },
		{ "order", "order", 1 },
		{ "shipment", "shipment", 2 },
	};
	struct pko		*p = arg;
	const struct form_doc	*d = p->d;
	const struct entity_def	*ae = dict_entity("allocations");
	const struct entity_def	*te;
	struct record		*acc = NULL, *al, *doc;
	struct pdoc		*pd;
	struct value		 v;
	const char		*s, *kind;
	size_t			 i, j, k;
	int			 pos, rc;

	(void)cause;
	/* Again from the start after a deadlock. */
	pko_free(p);
	pos = dict_field_pos(d->hdr->ent, "account");
	if (pos >= 0 && record_isset(d->hdr, pos) &&
	    (rc = tx_get(x, dict_entity("accounts"),
	    (uint64_t)record_int(d->hdr, pos), 0, &acc)) != ST_OK &&
	    rc != ST_NOTFOUND)
		return (rc);
	s = form_str(acc, "code");
	p->account = xstrdup(s != NULL ? s : "");
	s = form_str(acc, "kind");
	p->cash = s != NULL && strcmp(s, "cash") == 0;
	record_free(acc);
	s = form_str(d->hdr, "posted_by");
	p->cashier = form_user_name(x, s != NULL && *s != '\0' ? s :
	    form_str(d->hdr, "updated_by"));

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.i = (int64_t)record_id(d->hdr);
	if ((rc = tx_find_each(x, ae, dict_field_pos(ae, "payment"), &v, 0,
	    collect, p)) != ST_OK && rc != ST_NOTFOUND)
		return (rc);
	for (i = 0; i < p->nids; i++) {
		if ((rc = tx_get(x, ae, p->ids[i], 0, &al)) == ST_NOTFOUND)
			continue;
		if (rc != ST_OK)
			return (rc);
		kind = form_str(al, "kind");
		for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
			if (kind != NULL && strcmp(kind, kinds[k].kind) == 0)
				break;
		pos = k < sizeof kinds / sizeof kinds[0] ?
		    dict_field_pos(ae, kinds[k].field) : -1;
		if (pos < 0 || !record_isset(al, pos)) {
			record_free(al);
			continue;
		}
		te = dict_entity(ae->fields[pos].ref);
		rc = tx_get(x, te, (uint64_t)record_int(al, pos), 0, &doc);
		if (rc == ST_NOTFOUND) {
			record_free(al);
			continue;
		}
		if (rc != ST_OK) {
			record_free(al);
			return (rc);
		}
		/* The same document twice (two allocations): one entry. */
		s = form_str(doc, "code");
		for (j = 0; j < p->ndocs; j++)
			if (strcmp(p->docs[j].code, s != NULL ? s : "") == 0)
				break;
		if (j == p->ndocs) {
			p->docs = xreallocarray(p->docs, p->ndocs + 1,
			    sizeof *p->docs);
			pd = &p->docs[p->ndocs++];
			memset(pd, 0, sizeof *pd);
			pd->order = kinds[k].order;
			pd->code = xstrdup(s != NULL ? s : "");
			pd->date = form_int(doc, "date");
			if ((rc = doc_rates(x, doc, pd)) != ST_OK) {
				record_free(doc);
				record_free(al);
				return (rc);
			}
		}
		p->docs[j].alloc += form_int(al, "amount");
		record_free(doc);
		record_free(al);
	}
	xqsort(p->docs, p->ndocs, sizeof *p->docs, pdoc_cmp);
	/* Nothing to keep: a read. */
	return (ST_ABORT);
}

/* "Оплата по счёту № 1 от 05.12.2026, по отгрузке № 1 от 05.12.2026". */
static char *
pko_basis(const struct form_doc *d, const struct pko *p, int supplier)
{
	static const char *const what[] = { "счёту", "заказу", "отгрузке" };
	struct buf	 b;
	const char	*purpose = form_str(d->hdr, "purpose");
	char		*no, date[FORM_FIG];
	size_t		 i;

	if (purpose != NULL && *purpose != '\0')
		return (xstrdup(purpose));
	if (supplier)
		return (xstrdup("Возврат денежных средств поставщиком"));
	if (p->ndocs == 0)
		return (xstrdup("Оплата от покупателя"));
	memset(&b, 0, sizeof b);
	buf_adds(&b, "Оплата");
	for (i = 0; i < p->ndocs; i++) {
		no = form_number(p->docs[i].code);
		buf_printf(&b, "%s по %s № %s от %s", i > 0 ? "," : "",
		    what[p->docs[i].order], no, form_date(p->docs[i].date,
		    date));
		free(no);
	}
	return (buf_steal(&b));
}

/*
 * The VAT in the payment: of what settles shipments, then of what is
 * applied to invoices and orders up to the rest of the payment, each
 * document's VAT in the share of it paid, by rate.  "НДС 20% 83,33
 * руб.", or "без налога (НДС)".
 */
static char *
pko_vat(const struct form_doc *d, const struct pko *p)
{
	struct form_rate rates[FORM_RATES];
	struct buf	 b;
	int64_t		 amount, left, part;
	size_t		 nrates = 0, i, j, k;
	char		 rate[FORM_FIG], fig[FORM_FIG];
	int		 pass;

	memset(rates, 0, sizeof rates);
	if (form_int(d->company.rec, "vat_payer") == 0)
		return (xstrdup("без налога (НДС)"));
	amount = form_int(d->hdr, "amount");
	left = amount;
	for (i = 0; i < p->ndocs; i++)
		if (p->docs[i].order == 2)
			left -= p->docs[i].alloc;
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < p->ndocs; i++) {
			const struct pdoc	*pd = &p->docs[i];

			if ((pass == 0) != (pd->order == 2) || pd->gross <= 0)
				continue;
			part = pd->alloc;
			if (pass == 1) {
				if (left <= 0)
					break;
				if (part > left)
					part = left;
				left -= part;
			}
			for (j = 0; j < pd->nrates; j++) {
				if (pd->rates[j].rate == PRICING_EXEMPT)
					continue;
				for (k = 0; k < nrates; k++)
					if (rates[k].rate == pd->rates[j].rate)
						break;
				if (k == nrates) {
					if (nrates == sizeof rates /
					    sizeof rates[0])
						continue;
					rates[nrates++].rate =
					    pd->rates[j].rate;
				}
				rates[k].vat += pricing_muldiv(part,
				    pd->rates[j].vat, pd->gross);
			}
		}
	memset(&b, 0, sizeof b);
	for (k = 0; k < nrates; k++) {
		/* Highest rate first. */
		for (j = k + 1; j < nrates; j++)
			if (rates[j].rate > rates[k].rate) {
				struct form_rate t = rates[k];

				rates[k] = rates[j];
				rates[j] = t;
			}
		if (rates[k].vat == 0 && rates[k].rate != 0)
			continue;
		buf_printf(&b, "%sНДС %s %s руб.", b.len > 0 ? ", " : "",
		    form_rate(rates[k].rate, rate), form_money(rates[k].vat,
		    fig));
	}
	if (b.len == 0)
		return (xstrdup("без налога (НДС)"));
	return (buf_steal(&b));
}

/* "500 руб. 00 коп." */
static char *
rub_kop(int64_t v)
{
	char	 fig[FORM_FIG], *comma, *s;

	form_money(v, fig);
	if ((comma = strrchr(fig, ',')) == NULL)
		return (xstrdup(fig));
	*comma = '\0';
	xasprintf(&s, "%s руб. %s коп.", fig, comma + 1);
	return (s);
}

static void
pko_order(struct sheet *s, const struct form_doc *d, const struct pko *p,
    const struct pko_credit *cr, int ncr, const char *basis, const char *vat,
    const char *words, const char *cashier)
{
	static const struct sheet_col codes[] = {
		{ "", 650, 0, SA_LEFT },
		{ "", 200, 67, SA_RIGHT },
		{ "", 150, 10, SA_CENTER },
	};
	static const struct sheet_col title[] = {
		{ "", 500, 36, SA_RIGHT },
		{ "", 200, 18, SA_CENTER },
		{ "", 300, 18, SA_CENTER },
	};
	static const struct sheet_col acc[] = {
		{ "Дебет", 110, 0, SA_CENTER },
		{ "Кредит: код структурного подразделения", 150, 0,
		  SA_CENTER },
		{ "Кредит: корреспондирующий счёт, субсчёт", 150, 0,
		  SA_CENTER },
		{ "Кредит: код аналитического учёта", 150, 0, SA_CENTER },
		{ "Сумма, руб. коп.", 160, 0, SA_RIGHT },
		{ "Код целевого назначения", 140, 0, SA_CENTER },
		{ "", 140, 0, SA_CENTER },
	};
	static const struct sheet_col acc_text[] = {
		{ "Дебет", 0, 8, SA_CENTER },
		{ "Кредит", 0, 8, SA_CENTER },
		{ "Сумма, руб. коп.", 0, 16, SA_RIGHT },
	};
	struct form_side sides[2];
	const char	*cells[7], *pairs[11];
	char		 date[FORM_FIG], fig[FORM_FIG], *accountant;
	int		 i;

	(void)p;
	sheet_para(s, SS_SMALL, SA_RIGHT, "Унифицированная форма № КО-1\n"
	    "Утверждена постановлением Госкомстата России от 18.08.98 № 88");
	/* The text has no room for the name beside the codes. */
	sheet_para(s, SS_NOPDF, SA_LEFT, d->company.name);
	sheet_table(s, 0, 3, codes, 0);
	cells[0] = "";
	cells[1] = "";
	cells[2] = "Код";
	sheet_row(s, SS_NOTEXT, cells);
	cells[1] = "Форма по ОКУД";
	cells[2] = "0310001";
	sheet_row(s, 0, cells);
	cells[0] = d->company.name;
	cells[1] = "по ОКПО";
	cells[2] = "";
	sheet_row(s, 0, cells);
	cells[0] = "(организация)";
	cells[1] = cells[2] = "";
	sheet_row(s, SS_SMALL | SS_NOTEXT, cells);

	sheet_gap(s);
	sheet_table(s, 0, 3, title, 0);
	cells[0] = "";
	cells[1] = "Номер документа";
	cells[2] = "Дата составления";
	sheet_row(s, SS_SMALL, cells);
	cells[0] = "ПРИХОДНЫЙ КАССОВЫЙ ОРДЕР";
	cells[1] = d->number;
	cells[2] = form_date(d->date, date);
	sheet_row(s, SS_BOLD, cells);
	sheet_gap(s);

	sheet_table(s, SS_BORDER | SS_SMALL | SS_NOTEXT, 7, acc, 1);
	for (i = 0; i < ncr; i++) {
		form_money(cr[i].sum, fig);
		cells[0] = "50.01";
		cells[1] = "";
		cells[2] = cr[i].account;
		cells[3] = "";
		cells[4] = fig;
		cells[5] = cells[6] = "";
		sheet_row(s, 0, cells);
	}
	sheet_table(s, SS_BORDER | SS_NOPDF, 3, acc_text, 1);
	for (i = 0; i < ncr; i++) {
		form_money(cr[i].sum, fig);
		cells[0] = "50.01";
		cells[1] = cr[i].account;
		cells[2] = fig;
		sheet_row(s, 0, cells);
	}
	sheet_gap(s);

	pairs[0] = "Принято от:";
	pairs[1] = d->customer.name;
	pairs[2] = "Основание:";
	pairs[3] = basis;
	pairs[4] = "Сумма:";
	pairs[5] = words;
	pairs[6] = "В том числе:";
	pairs[7] = vat;
	pairs[8] = "Приложение:";
	pairs[9] = "______________________________";
	pairs[10] = NULL;
	form_pairs(s, pairs);
	sheet_gap(s);
	accountant = form_initials(d->company.accountant);
	memset(sides, 0, sizeof sides);
	sides[0].label = "Главный бухгалтер";
	sides[0].name = accountant;
	sides[1].label = "Получил кассир";
	sides[1].name = cashier;
	form_sides(s, sides, 2, NULL, 0);
	free(accountant);
}

static void
pko_receipt(struct sheet *s, const struct form_doc *d, const char *basis,
    const char *vat, const char *words, const char *cashier)
{
	struct form_side sides[2];
	const char	*pairs[11];
	char		 date[FORM_FIG], *sum, *accountant;

	sheet_para(s, SS_BOLD, SA_LEFT, d->company.name);
	sheet_para(s, SS_SMALL | SS_NOTEXT, SA_LEFT, "(организация)");
	sheet_gap(s);
	sheet_para(s, SS_BOLD, SA_CENTER, "КВИТАНЦИЯ");
	sheet_paraf(s, 0, SA_CENTER, "к приходному кассовому ордеру № %s",
	    d->number);
	sheet_paraf(s, 0, SA_CENTER, "от %s", form_date_words(d->date, date));
	sheet_gap(s);
	sum = rub_kop(form_int(d->hdr, "amount"));
	pairs[0] = "Принято от:";
	pairs[1] = d->customer.name;
	pairs[2] = "Основание:";
	pairs[3] = basis;
	pairs[4] = "Сумма:";
	pairs[5] = sum;
	pairs[6] = " ";
	pairs[7] = words;
	pairs[8] = "В том числе:";
	pairs[9] = vat;
	pairs[10] = NULL;
	form_pairs(s, pairs);
	free(sum);
	sheet_gap(s);
	sheet_paraf(s, 0, SA_LEFT, "%s", form_date_words(d->date, date));
	sheet_para(s, 0, SA_LEFT, "М. П. (штампа)");
	sheet_gap(s);
	accountant = form_initials(d->company.accountant);
	memset(sides, 0, sizeof sides);
	sides[0].label = "Главный бухгалтер";
	sides[0].name = accountant;
	sides[1].label = "Кассир";
	sides[1].name = cashier;
	form_sides(s, sides, 2, NULL, 0);
	free(accountant);
}

static int
pko_build(struct store *st, const struct form_args *a, struct sheet *s,
    char **cause)
{
	struct form_doc	 d;
	struct pko	 p;
	struct pko_credit cr[2];
	const char	*dir, *status;
	char		*basis, *vat, *words, *cashier, *title;
	char		 date[FORM_FIG];
	int64_t		 amount, settled;
	int		 rc, supplier, ncr;

	memset(&p, 0, sizeof p);
	if ((rc = form_doc_load(st, a, 0, &d, cause)) != 0) {
		form_doc_free(&d);
		return (rc);
	}
	dir = form_str(d.hdr, "direction");
	status = form_str(d.hdr, "status");
	if (dir == NULL || strcmp(dir, "in") != 0) {
		xasprintf(cause, _("%s is a payment out: a cash receipt order "
		    "(ПКО) is made of money coming in"), d.code);
		form_doc_free(&d);
		return (EX_DATAERR);
	}
	if (status != NULL && strcmp(status, "cancelled") == 0) {
		xasprintf(cause, _("%s is cancelled: a cancelled payment has "
		    "no cash receipt order (ПКО)"), d.code);
		form_doc_free(&d);
		return (EX_DATAERR);
	}
	p.d = &d;
	rc = store_run(st, a->login, NULL, pko_tx, &p, cause);
	if (rc != ST_ABORT) {
		if (*cause == NULL)
			xasprintf(cause, _("%s cannot be read now"), d.code);
		pko_free(&p);
		form_doc_free(&d);
		return (rc == ST_BUSY || rc == ST_DEADLOCK || rc == ST_FULL ?
		    EX_TEMPFAIL : EX_SOFTWARE);
	}
	free(*cause);
	*cause = NULL;
	if (!p.cash) {
		xasprintf(cause, _("%s came into %s, a bank account: a cash "
		    "receipt order (ПКО) is made of money into a cash desk"),
		    d.code, p.account);
		pko_free(&p);
		form_doc_free(&d);
		return (EX_DATAERR);
	}

	supplier = form_isset(d.hdr, "supplier") &&
	    !form_isset(d.hdr, "customer");
	amount = form_int(d.hdr, "amount");
	settled = form_int(d.hdr, "allocated");
	ncr = 0;
	if (supplier) {
		cr[ncr].account = "60.02";
		cr[ncr++].sum = amount;
	} else {
		/* What settles shipments pays a debt (62.01); the rest is
		 * an advance (62.02): a row of each. */
		if (settled > 0) {
			cr[ncr].account = "62.01";
			cr[ncr++].sum = settled < amount ? settled : amount;
		}
		if (settled < amount) {
			cr[ncr].account = "62.02";
			cr[ncr++].sum = amount - (settled > 0 ? settled : 0);
		}
	}
	basis = pko_basis(&d, &p, supplier);
	vat = pko_vat(&d, &p);
	words = words_rub(form_int(d.hdr, "amount"));
	cashier = form_initials(p.cashier);

	xasprintf(&title, "Приходный кассовый ордер № %s от %s", d.number,
	    form_date(d.date, date));
	sheet_set_title(s, title);
	free(title);
	pko_order(s, &d, &p, cr, ncr, basis, vat, words, cashier);
	sheet_gap(s);
	sheet_para(s, SS_SMALL, SA_CENTER, "- - - - - - - - - - - - - - - - "
	    "- линия отреза - - - - - - - - - - - - - - - - -");
	sheet_gap(s);
	pko_receipt(s, &d, basis, vat, words, cashier);

	free(basis);
	free(vat);
	free(words);
	free(cashier);
	pko_free(&p);
	form_doc_free(&d);
	return (0);
}

static const char *const pko_from[] = { "payments", NULL };

const struct form_def form_pko = {
	.name = "pko",
	.title = N_("Cash receipt order"),
	.entities = pko_from,
	.build = pko_build,
};
