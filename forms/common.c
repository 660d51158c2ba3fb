/*
 * What the print forms share (common.h): the document read whole, the
 * figures as Russian documents write them, and the common blocks.
 *
 * The fixed words here are those of Russian documents (Итого, Всего к
 * оплате, Руководитель): they stay Russian whatever the interface's
 * language, and are not for gettext.  Refusals are.
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
#include "forms/words.h"
#include "i18n.h"
#include "model/model.h"
#include "model/pricing.h"
#include "model/sales.h"
#include "width.h"
#include "xmalloc.h"

/* --- reading ----------------------------------------------------------- */

const char *
form_str(const struct record *r, const char *field)
{
	int	 pos;

	if (r == NULL || (pos = dict_field_pos(r->ent, field)) < 0)
		return (NULL);
	return (record_str(r, pos));
}

int64_t
form_int(const struct record *r, const char *field)
{
	int	 pos;

	if (r == NULL || (pos = dict_field_pos(r->ent, field)) < 0)
		return (0);
	return (record_int(r, pos));
}

int
form_isset(const struct record *r, const char *field)
{
	int	 pos;

	if (r == NULL || (pos = dict_field_pos(r->ent, field)) < 0)
		return (0);
	return (record_isset(r, pos));
}

static char *
dupf(const struct record *r, const char *field)
{
	const char	*s = form_str(r, field);

	return (xstrdup(s != NULL ? s : ""));
}

static void
firm_free(struct form_firm *f)
{
	record_free(f->rec);
	record_free(f->account);
	free(f->code);
	free(f->name);
	free(f->short_name);
	free(f->inn);
	free(f->kpp);
	free(f->ogrn);
	free(f->address);
	free(f->postal_address);
	free(f->phone);
	free(f->email);
	free(f->director);
	free(f->accountant);
	free(f->bank);
	free(f->bik);
	free(f->corr_account);
	free(f->account_number);
	memset(f, 0, sizeof *f);
}

/* A firm from its record (taken), whatever entity it is of: the fields
 * it has by their names, "" for those it has not. */
static void
firm_fill(struct form_firm *f, struct record *r)
{
	const char	*full = form_str(r, "full_name");

	f->rec = r;
	f->code = dupf(r, "code");
	f->short_name = dupf(r, "name");
	f->name = xstrdup(full != NULL && *full != '\0' ? full :
	    f->short_name);
	f->inn = dupf(r, "inn");
	f->kpp = dupf(r, "kpp");
	f->ogrn = dupf(r, "ogrn");
	f->address = xstrdup(form_str(r, "legal_address") != NULL ?
	    form_str(r, "legal_address") : form_str(r, "address") != NULL ?
	    form_str(r, "address") : "");
	f->postal_address = dupf(r, "postal_address");
	f->phone = dupf(r, "phone");
	f->email = dupf(r, "email");
	f->director = dupf(r, "director");
	f->accountant = dupf(r, "accountant");
	/* A supplier keeps its bank on its card. */
	f->bank = dupf(r, "bank");
	f->bik = dupf(r, "bik");
	f->corr_account = dupf(r, "corr_account");
	f->account_number = dupf(r, "bank_account");
}

/* The firm's bank from an account record (taken). */
static void
firm_account(struct form_firm *f, struct record *acc)
{
	record_free(f->account);
	f->account = acc;
	free(f->bank);
	free(f->bik);
	free(f->corr_account);
	free(f->account_number);
	f->bank = dupf(acc, "bank");
	f->bik = dupf(acc, "bik");
	f->corr_account = dupf(acc, "corr_account");
	f->account_number = dupf(acc, "number");
}

static void
line_free(struct form_line *l)
{
	record_free(l->rec);
	record_free(l->product);
	free(l->sku);
	free(l->name);
}

void
form_doc_free(struct form_doc *d)
{
	size_t	 i;

	record_free(d->hdr);
	free(d->code);
	free(d->number);
	firm_free(&d->company);
	firm_free(&d->customer);
	for (i = 0; i < d->nlines; i++)
		line_free(&d->lines[i]);
	free(d->lines);
	free(d->base_code);
	free(d->base_number);
	free(d->manager);
	memset(d, 0, sizeof *d);
}

struct load {
	const struct form_args	*a;
	unsigned		 flags;
	struct form_doc		*d;
	int			 exit;	/* the exit code of a refusal */
	uint64_t		*ids;
	size_t			 nids;
};

static int
refuse(struct load *l, int exit, int st)
{
	l->exit = exit;
	return (st);
}

static int
collect(struct tx *x, uint64_t id, void *arg)
{
	struct load	*l = arg;

	(void)x;
	l->ids = xreallocarray(l->ids, l->nids + 1, sizeof *l->ids);
	l->ids[l->nids++] = id;
	return (0);
}

static int
line_cmp(const void *a, const void *b)
{
	const struct form_line	*x = a, *y = b;
	int64_t			 lx = form_int(x->rec, "line");
	int64_t			 ly = form_int(y->rec, "line");

	if (lx != ly)
		return (lx < ly ? -1 : 1);
	if (record_id(x->rec) != record_id(y->rec))
		return (record_id(x->rec) < record_id(y->rec) ? -1 : 1);
	return (0);
}

/* The field of e that refers to entity parent (a line's document). */
static int
parent_pos(const struct entity_def *e, const char *parent)
{
	size_t	 i;

	for (i = 0; i < e->nfields; i++)
		if (e->fields[i].type == FT_REF &&
		    strcmp(e->fields[i].ref, parent) == 0)
			return ((int)i);
	return (-1);
}

int
form_get_ref(struct tx *x, const struct record *r, const char *field,
    struct record **out)
{
	const struct entity_def	*t;
	int			 pos, rc;

	*out = NULL;
	if (r == NULL || (pos = dict_field_pos(r->ent, field)) < 0 ||
	    r->ent->fields[pos].type != FT_REF || !record_isset(r, pos) ||
	    (t = dict_entity(r->ent->fields[pos].ref)) == NULL)
		return (ST_OK);
	rc = tx_get(x, t, (uint64_t)record_int(r, pos), 0, out);
	return (rc == ST_NOTFOUND ? ST_OK : rc);
}

static void
add_rate(struct form_doc *d, const struct form_line *ln)
{
	size_t	 i, j;

	for (i = 0; i < d->nrates; i++)
		if (d->rates[i].rate == ln->rate)
			break;
	if (i == d->nrates) {
		if (d->nrates == sizeof d->rates / sizeof d->rates[0])
			return;		/* more rates than any law has */
		/* Highest rate first, exempt last. */
		for (i = 0; i < d->nrates; i++)
			if (ln->rate > d->rates[i].rate)
				break;
		for (j = d->nrates; j > i; j--)
			d->rates[j] = d->rates[j - 1];
		memset(&d->rates[i], 0, sizeof d->rates[i]);
		d->rates[i].rate = ln->rate;
		d->nrates++;
	}
	d->rates[i].net += ln->net;
	d->rates[i].vat += ln->vat;
	d->rates[i].gross += ln->gross;
}

/* The lines numbered from 1, and the document's sums and rates as the
 * sums of its lines. */
static void
doc_sums(struct form_doc *d)
{
	struct form_line	*ln;
	size_t			 i;

	d->net = d->vat = d->gross = d->amount = 0;
	d->has_discount = 0;
	d->nrates = 0;
	memset(d->rates, 0, sizeof d->rates);
	for (i = 0; i < d->nlines; i++) {
		ln = &d->lines[i];
		ln->no = (int64_t)i + 1;
		d->net += ln->net;
		d->vat += ln->vat;
		d->gross += ln->gross;
		d->amount += ln->amount;
		if (ln->discount != 0)
			d->has_discount = 1;
		add_rate(d, ln);
	}
}

size_t
form_doc_keep(struct form_doc *d, int (*keep)(const struct form_line *))
{
	size_t	 i, n = 0;

	for (i = 0; i < d->nlines; i++) {
		if (keep(&d->lines[i]))
			d->lines[n++] = d->lines[i];
		else
			line_free(&d->lines[i]);
	}
	d->nlines = n;
	doc_sums(d);
	return (n);
}

static int
load_lines(struct tx *x, struct load *l)
{
	struct form_doc		*d = l->d;
	const struct entity_def	*le;
	struct form_line	*ln;
	struct value		 v;
	enum sales_kind		 k;
	const char		*unit, *kind;
	size_t			 i;
	int			 pos, rc;

	if ((k = sales_kind_of(d->ent)) == SALES_NONE ||
	    (le = sales_lines(k)) == NULL ||
	    (pos = parent_pos(le, d->ent->name)) < 0)
		return (ST_OK);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.i = (int64_t)record_id(d->hdr);
	free(l->ids);
	l->ids = NULL;
	l->nids = 0;
	if ((rc = tx_find_each(x, le, pos, &v, 0, collect, l)) != ST_OK &&
	    rc != ST_NOTFOUND)
		return (rc);
	d->lines = xcalloc(l->nids + 1, sizeof *d->lines);
	for (i = 0; i < l->nids; i++) {
		ln = &d->lines[d->nlines];
		if ((rc = tx_get(x, le, l->ids[i], 0, &ln->rec)) == ST_NOTFOUND)
			continue;
		if (rc != ST_OK)
			return (rc);
		d->nlines++;
		if ((rc = form_get_ref(x, ln->rec, "product", &ln->product)) !=
		    ST_OK)
			return (rc);
		ln->sku = dupf(ln->product, "sku");
		ln->name = dupf(ln->product, "name");
		unit = form_str(ln->product, "unit");
		ln->unit = form_unit(unit);
		ln->okei = form_okei(unit);
		kind = form_str(ln->product, "kind");
		ln->service = kind != NULL && strcmp(kind, "service") == 0;
		ln->qty = form_int(ln->rec, "qty");
		ln->price = form_int(ln->rec, "price");
		ln->discount = form_int(ln->rec, "discount");
		ln->rate = pricing_rate(form_str(ln->rec, "vat"),
		    PRICING_EXEMPT);
		ln->net = form_int(ln->rec, "net");
		ln->vat = form_int(ln->rec, "vat_amount");
		ln->gross = form_int(ln->rec, "gross");
		ln->price_net = d->vat_included ? pricing_convert(ln->price,
		    ln->rate, 1, 0) : ln->price;
		ln->amount = d->vat_included ? ln->gross : ln->net;
	}
	xqsort(d->lines, d->nlines, sizeof *d->lines, line_cmp);
	doc_sums(d);
	return (ST_OK);
}

static int
load_tx(struct tx *x, void *arg, char **cause)
{
	struct load		*l = arg;
	const struct form_args	*a = l->a;
	struct form_doc		*d = l->d;
	const struct entity_def	*e, *ce = dict_entity("company");
	struct record		*r, *acc;
	struct value		 v;
	const char		*kind, *status;
	uint64_t		 cid;
	int			 rc;

	/* Again from the start after a deadlock. */
	form_doc_free(d);
	if ((e = dict_entity(a->entity)) == NULL) {
		xasprintf(cause, _("no entity '%s'"), a->entity);
		return (refuse(l, EX_USAGE, ST_INVALID));
	}
	d->ent = e;
	if ((rc = tx_get(x, e, a->id, 0, &d->hdr)) == ST_NOTFOUND) {
		xasprintf(cause, _("%s is gone"), a->code);
		return (refuse(l, EX_NOINPUT, rc));
	}
	if (rc != ST_OK)
		return (rc);
	d->code = dupf(d->hdr, "code");
	d->number = form_number(d->code);
	d->date = form_int(d->hdr, "date");
	d->vat_included = form_int(d->hdr, "vat_included") != 0;
	/* A draft refused before its parties and lines are read. */
	status = form_str(d->hdr, "status");
	if ((l->flags & FORM_NEED_POSTED) && status != NULL &&
	    strcmp(status, "draft") == 0) {
		xasprintf(cause, _("%s is a draft: this form is printed once "
		    "it is posted"), d->code);
		return (refuse(l, EX_DATAERR, ST_INVALID));
	}

	/* The company: its record is made by init. */
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)COMPANY_CODE;
	if ((rc = tx_find(x, ce, FX_CODE, &v, &cid)) == ST_OK)
		rc = tx_get(x, ce, cid, 0, &r);
	if (rc == ST_NOTFOUND) {
		xasprintf(cause, _("the company's details are not set: kontor "
		    "company --set name=... inn=..."));
		return (refuse(l, EX_DATAERR, ST_INVALID));
	}
	if (rc != ST_OK)
		return (rc);
	firm_fill(&d->company, r);
	/* The bank: the account the document names (an invoice's "account
	 * to pay to"), if it is a bank's, else the company's default. */
	if ((rc = form_get_ref(x, d->hdr, "account", &acc)) != ST_OK)
		return (rc);
	kind = form_str(acc, "kind");
	if (acc == NULL || kind == NULL || strcmp(kind, "bank") != 0) {
		record_free(acc);
		if ((rc = form_get_ref(x, r, "account", &acc)) != ST_OK)
			return (rc);
	}
	if (acc != NULL)
		firm_account(&d->company, acc);
	if ((l->flags & FORM_NEED_BANK) && (*d->company.bank == '\0' ||
	    *d->company.bik == '\0' || *d->company.account_number == '\0')) {
		xasprintf(cause, _("%s: the company has no bank account to be "
		    "paid to: kontor company --set account=CODE (an account "
		    "with its bank, BIK and number)"), d->code);
		return (refuse(l, EX_DATAERR, ST_INVALID));
	}

	/* The counterparty. */
	if (strcmp(e->name, "customers") == 0 ||
	    strcmp(e->name, "suppliers") == 0) {
		firm_fill(&d->customer, record_dup(d->hdr));
		d->has_customer = 1;
	} else {
		if ((rc = form_get_ref(x, d->hdr, "customer", &r)) != ST_OK)
			return (rc);
		if (r == NULL && (rc = form_get_ref(x, d->hdr, "supplier",
		    &r)) != ST_OK)
			return (rc);
		if (r != NULL) {
			firm_fill(&d->customer, r);
			d->has_customer = 1;
		} else
			firm_fill(&d->customer, NULL);
	}

	/* The document it was made from. */
	if ((rc = form_get_ref(x, d->hdr, "order", &r)) != ST_OK)
		return (rc);
	if (r == NULL && (rc = form_get_ref(x, d->hdr, "quote", &r)) != ST_OK)
		return (rc);
	d->base_code = dupf(r, "code");
	d->base_number = form_number(d->base_code);
	d->base_date = form_int(r, "date");
	record_free(r);
	if ((rc = form_get_ref(x, d->hdr, "manager", &r)) != ST_OK)
		return (rc);
	d->manager = dupf(r, "name");
	record_free(r);

	if ((rc = load_lines(x, l)) != ST_OK)
		return (rc);
	if ((l->flags & FORM_NEED_LINES) && d->nlines == 0) {
		xasprintf(cause, _("%s has no lines to print"), d->code);
		return (refuse(l, EX_DATAERR, ST_INVALID));
	}
	/* Nothing to keep: a read. */
	return (ST_ABORT);
}

int
form_doc_load(struct store *st, const struct form_args *a, unsigned flags,
    struct form_doc *d, char **cause)
{
	struct load	 l;
	int		 rc;

	memset(d, 0, sizeof *d);
	memset(&l, 0, sizeof l);
	l.a = a;
	l.flags = flags;
	l.d = d;
	rc = store_run(st, a->login, NULL, load_tx, &l, cause);
	free(l.ids);
	if (rc == ST_ABORT) {
		free(*cause);
		*cause = NULL;
		return (0);
	}
	if (*cause == NULL)
		xasprintf(cause, _("%s cannot be read now"), a->code);
	if (l.exit != 0)
		return (l.exit);
	switch (rc) {
	case ST_NOTFOUND:
		return (EX_NOINPUT);
	case ST_INVALID:
		return (EX_DATAERR);
	case ST_BUSY:
	case ST_FULL:
	case ST_DEADLOCK:
		return (EX_TEMPFAIL);
	default:
		return (EX_SOFTWARE);
	}
}

/* --- figures ----------------------------------------------------------- */

const char *
form_money(int64_t v, char *buf)
{
	money_format(v, buf, FORM_FIG, 1);
	return (buf);
}

const char *
form_qty(int64_t v, char *buf)
{
	qty_format_grouped(v, buf, FORM_FIG);
	return (buf);
}

const char *
form_date(int64_t d, char *buf)
{
	if (d <= 0) {
		buf[0] = '\0';
		return (buf);
	}
	date_format_people(d, buf, FORM_FIG);
	return (buf);
}

const char *
form_date_words(int64_t d, char *buf)
{
	static const char *const months[12] = {
		"января", "февраля", "марта", "апреля", "мая", "июня",
		"июля", "августа", "сентября", "октября", "ноября", "декабря"
	};
	int	 m = (int)(d / 100 % 100);

	if (d <= 0 || m < 1 || m > 12) {
		buf[0] = '\0';
		return (buf);
	}
	snprintf(buf, FORM_FIG, "«%02d» %s %04d г.", (int)(d % 100),
	    months[m - 1], (int)(d / 10000));
	return (buf);
}

const char *
form_rate(int rate, char *buf)
{
	if (rate == PRICING_EXEMPT)
		snprintf(buf, FORM_FIG, "без НДС");
	else
		snprintf(buf, FORM_FIG, "%d%%", rate);
	return (buf);
}

static const struct {
	const char	*unit, *ru, *okei;
} units[] = {
	{ "pcs", "шт", "796" },
	{ "kg", "кг", "166" },
	{ "g", "г", "163" },
	{ "t", "т", "168" },
	{ "m", "м", "006" },
	{ "m2", "м2", "055" },
	{ "m3", "м3", "113" },
	{ "l", "л", "112" },
	{ "set", "компл", "839" },
	{ "pack", "упак", "778" },
	{ "box", "ящ", "812" },		/* ОКЕИ 812 is Ящик */
	{ "pair", "пар", "715" },
	{ "h", "ч", "356" },
	{ "unit", "усл. ед", "876" },	/* ОКЕИ 876 Условная единица */
};

const char *
form_unit(const char *unit)
{
	size_t	 i;

	if (unit == NULL)
		return ("");
	for (i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(units[i].unit, unit) == 0)
			return (units[i].ru);
	return (unit);
}

const char *
form_okei(const char *unit)
{
	size_t	 i;

	if (unit == NULL)
		return ("");
	for (i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(units[i].unit, unit) == 0)
			return (units[i].okei);
	return ("");
}

char *
form_number(const char *code)
{
	const char	*p, *last;
	size_t		 i;

	if (code == NULL)
		return (xstrdup(""));
	/* PREFIX-YYYY-NNNNNN */
	if ((p = strchr(code, '-')) == NULL || (last = strrchr(code, '-')) ==
	    p || last - p != 5)
		return (xstrdup(code));
	for (i = 1; i <= 4; i++)
		if (p[i] < '0' || p[i] > '9')
			return (xstrdup(code));
	for (p = last + 1; *p != '\0'; p++)
		if (*p < '0' || *p > '9')
			return (xstrdup(code));
	if (last[1] == '\0')
		return (xstrdup(code));
	for (p = last + 1; *p == '0' && p[1] != '\0'; p++)
		;
	return (xstrdup(p));
}

char *
form_initials(const char *full)
{
	char		*t, *w[4], *save = NULL, *tok;
	struct buf	 b;
	uint32_t	 c;
	size_t		 n = 0, i;

	if (full == NULL)
		return (xstrdup(""));
	t = xstrdup(full);
	for (tok = strtok_r(t, " ", &save); tok != NULL && n < 4;
	    tok = strtok_r(NULL, " ", &save))
		w[n++] = tok;
	if (n < 2 || n > 3 || strchr(full, '.') != NULL) {
		free(t);
		return (xstrdup(full));
	}
	memset(&b, 0, sizeof b);
	buf_adds(&b, w[0]);
	for (i = 1; i < n; i++) {
		buf_addc(&b, ' ');
		buf_add(&b, w[i], width_next(w[i], &c));
		buf_addc(&b, '.');
	}
	free(t);
	return (buf_steal(&b));
}

static void
add_part(struct buf *b, const char *label, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	if (b->len > 0)
		buf_adds(b, ", ");
	if (label != NULL)
		buf_printf(b, "%s %s", label, s);
	else
		buf_adds(b, s);
}

char *
form_firm_line(const struct form_firm *f, int with_bank)
{
	struct buf	 b;

	memset(&b, 0, sizeof b);
	add_part(&b, NULL, f->name);
	add_part(&b, "ИНН", f->inn);
	add_part(&b, "КПП", f->kpp);
	add_part(&b, NULL, f->address);
	add_part(&b, "тел.:", f->phone);
	if (with_bank && *f->account_number != '\0') {
		add_part(&b, "р/с", f->account_number);
		if (*f->bank != '\0')
			buf_printf(&b, " в %s", f->bank);
		add_part(&b, "БИК", f->bik);
		add_part(&b, "к/с", f->corr_account);
	}
	return (buf_steal(&b));
}

/* --- blocks ------------------------------------------------------------ */

/* The widest line of s, in columns. */
static int
text_w(const char *s)
{
	const char	*nl;
	int		 w, max = 0;

	for (;;) {
		nl = strchr(s, '\n');
		w = nl != NULL ? width_n(s, (size_t)(nl - s)) : width_str(s);
		if (w > max)
			max = w;
		if (nl == NULL)
			return (max);
		s = nl + 1;
	}
}

static int
imax(int a, int b)
{
	return (a > b ? a : b);
}

void
form_heading(struct sheet *s, const char *title, const struct form_doc *d)
{
	char	 date[FORM_FIG], *t;

	if (d->date != 0)
		xasprintf(&t, "%s № %s от %s", title, d->number,
		    form_date(d->date, date));
	else
		xasprintf(&t, "%s № %s", title, d->number);
	sheet_set_title(s, t);
	sheet_para(s, SS_LARGE | SS_BOLD, SA_LEFT, t);
	free(t);
	sheet_rule(s);
}

void
form_bank_block(struct sheet *s, const struct form_firm *f)
{
	static const struct sheet_col cols[] = {
		{ "", 560, 40, SA_LEFT },
		{ "", 100, 6, SA_LEFT },
		{ "", 340, 24, SA_LEFT },
	};
	char		*bank, *tax, *name, *accs;
	const char	*cells[3];

	/* Two cells of a payment order's grid in one: ИНН and КПП side by
	 * side (the sheet spans columns, not rows). */
	xasprintf(&bank, "%s\nБанк получателя", f->bank);
	xasprintf(&tax, "ИНН %s    КПП %s", f->inn, f->kpp);
	xasprintf(&name, "%s\n%s\nПолучатель", tax, f->name);
	xasprintf(&accs, "%s\n%s", f->bik, f->corr_account);
	sheet_table(s, SS_BORDER, 3, cols, 0);
	cells[0] = bank;
	cells[1] = "БИК\nСч. №";
	cells[2] = accs;
	sheet_row(s, 0, cells);
	cells[0] = name;
	cells[1] = "Сч. №";
	cells[2] = f->account_number;
	sheet_row(s, 0, cells);
	free(bank);
	free(tax);
	free(name);
	free(accs);
}

void
form_pairs(struct sheet *s, const char *const *pairs)
{
	struct sheet_col	 cols[2];
	const char		*cells[2];
	size_t			 i;
	int			 lw = 1;

	for (i = 0; pairs[i] != NULL; i += 2)
		if (pairs[i + 1] != NULL && *pairs[i + 1] != '\0')
			lw = imax(lw, text_w(pairs[i]));
	memset(cols, 0, sizeof cols);
	cols[0].head = "";
	cols[0].width = 170;
	cols[0].text_width = lw;
	cols[0].align = SA_LEFT;
	cols[1].head = "";
	cols[1].width = 830;
	cols[1].text_width = 79 - lw;
	cols[1].align = SA_LEFT;
	sheet_table(s, 0, 2, cols, 0);
	for (i = 0; pairs[i] != NULL; i += 2) {
		if (pairs[i + 1] == NULL || *pairs[i + 1] == '\0')
			continue;
		cells[0] = pairs[i];
		cells[1] = pairs[i + 1];
		sheet_row(s, 0, cells);
	}
}

/* The text width of the amounts' column: its widest figure. */
static int
amount_width(const struct form_doc *d)
{
	char	 buf[FORM_FIG];
	size_t	 i;
	int	 w = width_str("Сумма");

	for (i = 0; i < d->nlines; i++)
		w = imax(w, width_str(form_money(d->lines[i].amount, buf)));
	w = imax(w, width_str(form_money(d->gross, buf)));
	w = imax(w, width_str(form_money(d->amount, buf)));
	return (w);
}

void
form_lines_table(struct sheet *s, const struct form_doc *d, unsigned flags)
{
	struct sheet_col	 cols[8];
	const char		*cells[8];
	char			 no[FORM_FIG], qty[FORM_FIG], price[FORM_FIG];
	char			 disc[FORM_FIG], sum[FORM_FIG];
	size_t			 n = 0, i, k, name;
	int			 rest = 1000, tw = 80;

	memset(cols, 0, sizeof cols);
#define COL(h, w, t, a)	do {						\
	cols[n].head = (h);						\
	cols[n].width = (w);						\
	cols[n].text_width = (t);					\
	cols[n].align = (a);						\
	rest -= (w);							\
	tw -= (t) + 3;							\
	n++;								\
} while (0)
	snprintf(no, sizeof no, "%zu", d->nlines);
	COL("№", 45, imax(1, width_str(no)), SA_RIGHT);
	if (flags & FORM_LINES_SKU) {
		k = 7;
		for (i = 0; i < d->nlines; i++)
			k = (size_t)imax((int)k, width_str(d->lines[i].sku));
		COL("Артикул", 120, imax(7, (int)(k > 12 ? 12 : k)), SA_LEFT);
	}
	name = n;
	COL(flags & FORM_LINES_WORKS ? "Наименование работ, услуг" :
	    "Товары (работы, услуги)", 0, 0, SA_LEFT);
	k = (size_t)width_str("Кол-во");
	for (i = 0; i < d->nlines; i++)
		k = (size_t)imax((int)k, width_str(form_qty(d->lines[i].qty,
		    qty)));
	COL("Кол-во", 90, (int)k, SA_RIGHT);
	k = 3;
	for (i = 0; i < d->nlines; i++)
		k = (size_t)imax((int)k, width_str(d->lines[i].unit));
	COL("Ед.", 60, (int)k, SA_LEFT);
	k = 4;
	for (i = 0; i < d->nlines; i++)
		k = (size_t)imax((int)k, width_str(form_money(
		    d->lines[i].price, price)));
	COL("Цена", 120, (int)k, SA_RIGHT);
	if (d->has_discount)
		COL("Скидка", 75, 6, SA_RIGHT);
	COL("Сумма", 140, amount_width(d), SA_RIGHT);
#undef COL
	/* The name takes what the others leave. */
	cols[name].width = rest;
	cols[name].text_width = imax(10, tw - 1);
	sheet_table(s, SS_BORDER, n, cols, 1);
	for (i = 0; i < d->nlines; i++) {
		const struct form_line	*l = &d->lines[i];

		k = 0;
		snprintf(no, sizeof no, "%lld", (long long)l->no);
		cells[k++] = no;
		if (flags & FORM_LINES_SKU)
			cells[k++] = l->sku;
		cells[k++] = l->name;
		cells[k++] = form_qty(l->qty, qty);
		cells[k++] = l->unit;
		cells[k++] = form_money(l->price, price);
		if (d->has_discount) {
			form_qty(l->discount, disc);
			if (l->discount != 0)
				snprintf(disc + strlen(disc), sizeof disc -
				    strlen(disc), "%%");
			else
				disc[0] = '\0';
			cells[k++] = disc;
		}
		cells[k++] = form_money(l->amount, sum);
		sheet_row(s, 0, cells);
	}
}

/* A row of the totals: label and figure, right-aligned under the lines'
 * last column. */
static void
total_row(struct sheet *s, int style, const char *label, const char *fig)
{
	const char	*cells[2];

	cells[0] = label;
	cells[1] = fig;
	sheet_row(s, style, cells);
}

void
form_totals(struct sheet *s, const struct form_doc *d, const char *last)
{
	struct sheet_col	 cols[2];
	char			 fig[FORM_FIG], label[96], rate[FORM_FIG];
	size_t			 i;
	int			 aw = amount_width(d), vat_lines = 0;

	memset(cols, 0, sizeof cols);
	cols[0].head = "";
	cols[0].width = 860;
	cols[0].text_width = 78 - aw - 1;
	cols[0].align = SA_RIGHT;
	cols[1].head = "";
	cols[1].width = 140;
	cols[1].text_width = aw;
	cols[1].align = SA_RIGHT;
	sheet_table(s, 0, 2, cols, 0);
	total_row(s, SS_BOLD, "Итого:", form_money(d->amount, fig));
	for (i = 0; i < d->nrates; i++) {
		if (d->rates[i].rate == PRICING_EXEMPT)
			continue;
		snprintf(label, sizeof label, "%s %s:", d->vat_included ?
		    "В том числе НДС" : "НДС", form_rate(d->rates[i].rate,
		    rate));
		total_row(s, SS_BOLD, label, form_money(d->rates[i].vat,
		    fig));
		vat_lines++;
	}
	if (vat_lines == 0)
		total_row(s, SS_BOLD, "Без налога (НДС)", "-");
	total_row(s, SS_BOLD, last != NULL ? last : "Всего к оплате:",
	    form_money(d->gross, fig));
}

void
form_total_words(struct sheet *s, const struct form_doc *d)
{
	char	 fig[FORM_FIG], *w;

	sheet_paraf(s, 0, SA_LEFT, "Всего наименований %zu, на сумму %s руб.",
	    d->nlines, form_money(d->gross, fig));
	w = words_rub(d->gross);
	sheet_para(s, SS_BOLD, SA_LEFT, w);
	free(w);
}

/*
 * Signatures: in the PDF two to a row, in the text one to a row (two
 * would not fit 80 columns with a chief accountant's title).
 */
#define SIGN_LINE	"______________"

void
form_signature(struct sheet *s, const char *label, const char *name)
{
	struct sheet_col	 cols[3];
	const char		*cells[3];

	memset(cols, 0, sizeof cols);
	cols[0].head = cols[1].head = cols[2].head = "";
	cols[0].width = 300;
	cols[0].text_width = imax(12, width_str(label));
	cols[1].width = 300;
	cols[1].text_width = 14;
	cols[2].width = 400;
	cols[2].text_width = 78 - cols[0].text_width - 14;
	cols[0].align = cols[1].align = cols[2].align = SA_LEFT;
	sheet_table(s, 0, 3, cols, 0);
	cells[0] = label;
	cells[1] = SIGN_LINE;
	cells[2] = name != NULL ? name : "";
	sheet_row(s, 0, cells);
}

void
form_signatures(struct sheet *s, const struct form_doc *d, unsigned which)
{
	struct sheet_col	 cols[6];
	const char		*label[4], *cells[6];
	char			*name[4];
	size_t			 n = 0, i, c;
	int			 lw = 12;

	if (which & FORM_SIGN_DIRECTOR) {
		label[n] = "Руководитель";
		name[n++] = form_initials(d->company.director);
	}
	if (which & FORM_SIGN_ACCOUNTANT) {
		label[n] = "Главный бухгалтер";
		name[n++] = form_initials(d->company.accountant);
	}
	if (which & FORM_SIGN_BOOKKEEPER) {
		label[n] = "Бухгалтер";
		name[n++] = form_initials(d->company.accountant);
	}
	if (which & FORM_SIGN_MANAGER) {
		label[n] = "Менеджер";
		name[n++] = form_initials(d->manager);
	}
	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		lw = imax(lw, width_str(label[i]));
	memset(cols, 0, sizeof cols);
	for (c = 0; c < 6; c++) {
		cols[c].head = "";
		cols[c].align = SA_LEFT;
	}
	/* PDF: label, line, name twice across the page. */
	cols[0].width = cols[3].width = 170;
	cols[1].width = cols[4].width = 160;
	cols[2].width = cols[5].width = 170;
	sheet_gap(s);
	sheet_table(s, SS_NOTEXT, 6, cols, 0);
	for (i = 0; i < n; i += 2) {
		cells[0] = label[i];
		cells[1] = SIGN_LINE;
		cells[2] = name[i];
		cells[3] = i + 1 < n ? label[i + 1] : "";
		cells[4] = i + 1 < n ? SIGN_LINE : "";
		cells[5] = i + 1 < n ? name[i + 1] : "";
		sheet_row(s, 0, cells);
	}
	/* Text: one to a line, the lines under one another. */
	cols[0].text_width = lw;
	cols[1].text_width = 14;
	cols[2].text_width = 78 - lw - 14;
	sheet_table(s, SS_NOPDF, 3, cols, 0);
	for (i = 0; i < n; i++) {
		cells[0] = label[i];
		cells[1] = SIGN_LINE;
		cells[2] = name[i];
		sheet_row(s, 0, cells);
		if (i + 1 < n) {
			cells[0] = cells[1] = cells[2] = "";
			sheet_row(s, 0, cells);
		}
	}
	for (i = 0; i < n; i++)
		free(name[i]);
}

/* --- two sides' foot ---------------------------------------------------- */

#define SIDE_TEXT	1
#define SIDE_SIGN	2

static int
side_kind(const struct form_side *f)
{
	if (f == NULL || (f->text == NULL && f->label == NULL))
		return (0);
	return (f->text != NULL ? SIDE_TEXT : SIDE_SIGN);
}

/* A signature's cells: label, [position], line, name, and under them
 * the captions; into cells from *k on. */
static void
sign_cells(const struct form_side *f, int pos, const char **cells,
    const char **caps, size_t *k)
{
	cells[*k] = f != NULL ? f->label : "";
	caps[(*k)++] = "";
	if (pos) {
		cells[*k] = f == NULL || f->position == NULL ? "" :
		    *f->position != '\0' ? f->position : SIGN_LINE;
		caps[(*k)++] = f != NULL && f->position != NULL ?
		    "(должность)" : "";
	}
	cells[*k] = f != NULL ? SIGN_LINE : "";
	caps[(*k)++] = f != NULL ? "(подпись)" : "";
	cells[*k] = f == NULL ? "" : f->name != NULL && *f->name != '\0' ?
	    f->name : SIGN_LINE;
	caps[(*k)++] = f != NULL ? "(расшифровка подписи)" : "";
}

/* The widths of a side's signature columns (label, [position,] line,
 * name), per mille of the line: for two sides or one, on a page lying
 * or standing (the line must hold SIGN_LINE, the name its caption). */
static const int *
sign_widths(int one, int landscape, int pos)
{
	static const int w[2][2][2][4] = {
		/* two sides */
		{ { { 160, 130, 200 }, { 130, 110, 110, 140 } },	/* portrait */
		  { { 215, 100, 175 }, { 160, 100, 90, 140 } } },	/* landscape */
		/* one side */
		{ { { 330, 250, 350 }, { 250, 200, 200, 300 } },
		  { { 300, 200, 300 }, { 250, 150, 150, 250 } } },
	};

	return (w[one != 0][landscape != 0][pos != 0]);
}

/* PDF: rows [i0, i1) of the sides, all of one kind, in one table; one:
 * the left side alone, across the page. */
static void
sides_pdf(struct sheet *s, const struct form_side *const *l,
    const struct form_side *const *r, size_t i0, size_t i1, int kind,
    int one)
{
	struct sheet_col	 cols[9];
	const char		*cells[9], *caps[9];
	const int		*w;
	size_t			 i, c, n = 0, k, m;
	int			 pos = 0;

	memset(cols, 0, sizeof cols);
	if (kind == SIDE_TEXT) {
		cols[0].width = one ? 1000 : 490;
		cols[1].width = 20;
		cols[2].width = 490;
		n = one ? 1 : 3;
	} else {
		for (i = i0; i < i1; i++)
			if ((l[i] != NULL && l[i]->position != NULL) ||
			    (r[i] != NULL && r[i]->position != NULL))
				pos = 1;
		w = sign_widths(one, sheet_landscape(s), pos);
		m = pos ? 4 : 3;
		n = one ? m : 2 * m + 1;
		for (c = 0; c < (one ? 1 : 2); c++)
			for (k = 0; k < m; k++) {
				cols[c * (m + 1) + k].width = w[k];
				cols[c * (m + 1) + k].align = k == 0 ? SA_LEFT :
				    SA_CENTER;
			}
		if (!one)
			cols[m].width = 20;
	}
	for (c = 0; c < n; c++)
		cols[c].head = "";
	sheet_table(s, SS_NOTEXT, n, cols, 0);
	for (i = i0; i < i1; i++) {
		if (kind == SIDE_TEXT) {
			cells[0] = l[i] != NULL ? l[i]->text : "";
			cells[1] = "";
			cells[2] = r[i] != NULL ? r[i]->text : "";
			sheet_row(s, (l[i] != NULL ? l[i]->style : 0) |
			    (r[i] != NULL ? r[i]->style : 0), cells);
			continue;
		}
		k = 0;
		sign_cells(l[i], pos, cells, caps, &k);
		if (!one) {
			cells[k] = caps[k] = "";
			k++;
			sign_cells(r[i], pos, cells, caps, &k);
		}
		sheet_row(s, 0, cells);
		sheet_row(s, SS_SMALL, caps);
	}
}

/* Text: one side's items, under one another. */
static void
side_text(struct sheet *s, const struct form_side *f, size_t n)
{
	struct sheet_col	 cols[4];
	const char		*cells[4], *caps[4];
	size_t			 i, j, c, k, nc;
	int			 pos, lw;

	for (i = 0; i < n; i = j) {
		if (side_kind(&f[i]) == 0) {
			j = i + 1;
			continue;
		}
		if (f[i].text != NULL) {
			sheet_para(s, SS_NOPDF | (f[i].style & SS_BOLD),
			    SA_LEFT, f[i].text);
			j = i + 1;
			continue;
		}
		pos = 0;
		lw = 1;
		for (j = i; j < n && side_kind(&f[j]) == SIDE_SIGN; j++) {
			if (f[j].position != NULL)
				pos = 1;
			lw = imax(lw, text_w(f[j].label));
		}
		nc = pos ? 4 : 3;
		/* The name's column keeps room for its caption. */
		if (lw > 80 - (int)nc - 14 * ((int)nc - 2) - 22)
			lw = 80 - (int)nc - 14 * ((int)nc - 2) - 22;
		memset(cols, 0, sizeof cols);
		for (c = 0; c < nc; c++) {
			cols[c].head = "";
			cols[c].width = 250;
			cols[c].align = c == 0 ? SA_LEFT : SA_CENTER;
			cols[c].text_width = 14;
		}
		cols[0].text_width = lw;
		cols[nc - 1].text_width = 80 - 1 - (int)nc + 1 - lw -
		    14 * ((int)nc - 2);
		sheet_table(s, SS_NOPDF, nc, cols, 0);
		for (; i < j; i++) {
			k = 0;
			sign_cells(&f[i], pos, cells, caps, &k);
			sheet_row(s, 0, cells);
			sheet_row(s, SS_SMALL, caps);
		}
	}
}

void
form_sides(struct sheet *s, const struct form_side *left, size_t nl,
    const struct form_side *right, size_t nr)
{
	const struct form_side	**l, **r, *a, *b;
	size_t			  i, j, n = 0, max;
	int			 *kind, ka, kb;

	/* The PDF's rows: item i of each side; a text beside a signature
	 * makes two rows, the text's first. */
	max = nl > nr ? nl : nr;
	l = xcalloc(2 * max + 1, sizeof *l);
	r = xcalloc(2 * max + 1, sizeof *r);
	kind = xcalloc(2 * max + 1, sizeof *kind);
	for (i = 0; i < max; i++) {
		a = i < nl ? &left[i] : NULL;
		b = i < nr ? &right[i] : NULL;
		ka = side_kind(a);
		kb = side_kind(b);
		if (ka != 0 && kb != 0 && ka != kb) {
			l[n] = ka == SIDE_TEXT ? a : NULL;
			r[n] = kb == SIDE_TEXT ? b : NULL;
			kind[n++] = SIDE_TEXT;
			l[n] = ka == SIDE_SIGN ? a : NULL;
			r[n] = kb == SIDE_SIGN ? b : NULL;
			kind[n++] = SIDE_SIGN;
		} else {
			l[n] = ka != 0 ? a : NULL;
			r[n] = kb != 0 ? b : NULL;
			kind[n++] = ka != 0 ? ka : kb != 0 ? kb : SIDE_TEXT;
		}
	}
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && kind[j] == kind[i]; j++)
			;
		sides_pdf(s, l, r, i, j, kind[i], nr == 0);
	}
	free(l);
	free(r);
	free(kind);

	side_text(s, left, nl);
	if (nl > 0 && nr > 0)
		sheet_para(s, SS_NOPDF, SA_LEFT, "");
	side_text(s, right, nr);
}
