/*
 * A contract from a template (contract.h): the home's
 * templates/contract.txt, its placeholders filled from the document (a
 * sales order or a quote), the customer and the company.
 *
 * The template, line by line:
 *	# ...		a comment, left out
 *	(empty)		a gap between paragraphs
 *	! text		a heading, centred and bold
 *	> text		a paragraph set to the right (the date)
 *	{order.lines}	alone on a line: the table of the lines, the totals
 *			and the amount in words
 *	anything else	a paragraph, wrapped to the page
 * Placeholders {NAME.FIELD}: any field of the entity by its name in the
 * dictionary (kontor show, the CSV headers), as a document writes it
 * (01.12.2026, 1 234,56, a reference by the name of what it names):
 *	company		our firm (full_name: the full legal name, else the
 *			name), and director_short, accountant_short
 *			(Соколов А. В.)
 *	account		the company's bank account (bank, bik,
 *			corr_account, number)
 *	customer	the customer
 *	order		the order or quote printed, and total, total_words,
 *			net, vat, vat_text (в том числе НДС 20% в сумме
 *			200,01 руб.; НДС не облагается.), number (45 of SO-2026-000045); printed from
 *			a customer, a blank to fill in by hand
 *	contract	number and date: the order's, or blanks
 * "{{" and "}}" are braces.  An unknown placeholder is refused with its
 * line.  The words of the contract are the template's: Russian by
 * nature, not the interface's.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "dict/dict.h"
#include "dict/record.h"
#include "forms/common.h"
#include "forms/contract.h"
#include "forms/forms.h"
#include "forms/sheet.h"
#include "forms/words.h"
#include "i18n.h"
#include "model/model.h"
#include "model/pricing.h"
#include "xmalloc.h"

#define BLANK		"____________"
#define BLANK_DATE	"«___» ____________ 20___ г."

const char contract_default[] =
"# Шаблон договора: kontor print ДОКУМЕНТ --form contract.\n"
"# Строки, начинающиеся с #, в договор не попадают. Каждая строка —\n"
"# абзац; пустая строка — отступ между абзацами; строка с \"! \" в начале —\n"
"# заголовок по центру, с \"> \" — абзац, прижатый вправо.\n"
"# Поля подставляются по именам из справочника (kontor show):\n"
"#   {company.ПОЛЕ}  наша фирма: name, full_name, inn, kpp, ogrn,\n"
"#                   legal_address, director, accountant, director_short\n"
"#   {account.ПОЛЕ}  её расчётный счёт: bank, bik, corr_account, number\n"
"#   {customer.ПОЛЕ} покупатель: name, inn, kpp, address, phone, email\n"
"#   {order.ПОЛЕ}    заказ или коммерческое предложение: code, number,\n"
"#                   date, total, total_words, vat, vat_text;\n"
"#                   {order.lines} на отдельной строке — таблица товаров\n"
"#   {contract.number}, {contract.date}\n"
"# Договор, напечатанный от клиента, получает вместо полей заказа\n"
"# пустые места для заполнения от руки. {{ и }} — фигурные скобки.\n"
"\n"
"! ДОГОВОР ПОСТАВКИ № {contract.number}\n"
"\n"
"> {contract.date}\n"
"\n"
"{company.full_name} (руководитель: {company.director}, действует на "
"основании Устава), именуемое в дальнейшем «Поставщик», с одной стороны, "
"и {customer.name} (в лице ______________________________, действующего на "
"основании ________________), именуемое в дальнейшем «Покупатель», с "
"другой стороны, заключили настоящий договор о нижеследующем.\n"
"\n"
"! 1. ПРЕДМЕТ ДОГОВОРА\n"
"\n"
"1.1. Поставщик обязуется передать в собственность Покупателя товар, а "
"Покупатель обязуется принять и оплатить его на условиях настоящего "
"договора.\n"
"1.2. Наименование, количество и цена товара указаны в спецификации "
"(заказе) № {order.number} от {order.date}:\n"
"\n"
"{order.lines}\n"
"\n"
"1.3. Общая сумма договора составляет {order.total} руб. "
"({order.total_words}), {order.vat_text}\n"
"\n"
"! 2. ЦЕНА И ПОРЯДОК РАСЧЁТОВ\n"
"\n"
"2.1. Цена товара установлена в рублях и после подписания договора не "
"изменяется.\n"
"2.2. Покупатель оплачивает товар перечислением денежных средств на "
"расчётный счёт Поставщика в течение 5 (пяти) банковских дней с даты "
"выставления счёта, если стороны не согласовали иной срок.\n"
"2.3. Обязательство Покупателя по оплате исполнено с момента зачисления "
"денежных средств на расчётный счёт Поставщика.\n"
"\n"
"! 3. ПОСТАВКА И ПРИЁМКА ТОВАРА\n"
"\n"
"3.1. Поставщик передаёт товар Покупателю на своём складе, если стороны "
"не согласовали доставку. Право собственности и риск случайной гибели "
"товара переходят к Покупателю в момент передачи товара.\n"
"3.2. Передача товара оформляется универсальным передаточным документом "
"(УПД) или товарной накладной, подписанными обеими сторонами.\n"
"3.3. Покупатель принимает товар по количеству и качеству при получении. "
"Претензии по скрытым недостаткам предъявляются в течение 14 "
"(четырнадцати) дней с даты передачи товара.\n"
"\n"
"! 4. ОТВЕТСТВЕННОСТЬ СТОРОН\n"
"\n"
"4.1. За просрочку оплаты Поставщик вправе потребовать от Покупателя "
"неустойку в размере 0,1% от неоплаченной суммы за каждый день "
"просрочки.\n"
"4.2. За просрочку поставки Покупатель вправе потребовать от Поставщика "
"неустойку в размере 0,1% от стоимости непоставленного товара за каждый "
"день просрочки.\n"
"4.3. Стороны освобождаются от ответственности за неисполнение "
"обязательств, вызванное обстоятельствами непреодолимой силы.\n"
"\n"
"! 5. РАЗРЕШЕНИЕ СПОРОВ\n"
"\n"
"5.1. Споры разрешаются переговорами. Претензионный порядок обязателен, "
"срок ответа на претензию — 10 (десять) дней. Неурегулированные споры "
"передаются в арбитражный суд по месту нахождения Поставщика.\n"
"\n"
"! 6. ПРОЧИЕ УСЛОВИЯ\n"
"\n"
"6.1. Договор вступает в силу с момента подписания и действует до "
"полного исполнения сторонами своих обязательств.\n"
"6.2. Изменения и дополнения к договору действительны, если они "
"совершены в письменной форме и подписаны обеими сторонами.\n"
"6.3. Договор составлен в двух экземплярах, имеющих одинаковую "
"юридическую силу, по одному для каждой из сторон.\n"
"\n"
"! 7. АДРЕСА, РЕКВИЗИТЫ И ПОДПИСИ СТОРОН\n"
"\n"
"Поставщик: {company.full_name}\n"
"ИНН {company.inn}, КПП {company.kpp}, ОГРН {company.ogrn}\n"
"Адрес: {company.legal_address}\n"
"Р/с {account.number} в {account.bank}, БИК {account.bik}, "
"к/с {account.corr_account}\n"
"\n"
"Покупатель: {customer.name}\n"
"ИНН {customer.inn}, КПП {customer.kpp}\n"
"Адрес: {customer.address}\n"
"\n"
"От Поставщика: ______________ / {company.director_short} /\n"
"\n"
"От Покупателя: ______________ / ______________ /\n";

int
contract_template_write(const char *home, char **cause)
{
	char	*dir, *path, *tmp;
	size_t	 len = sizeof contract_default - 1;
	int	 fd, rc = -1;

	xasprintf(&dir, "%s/templates", home);
	xasprintf(&path, "%s/%s", home, CONTRACT_TEMPLATE);
	xasprintf(&tmp, "%s.tmp", path);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		xasprintf(cause, _("cannot create %s: %s"), dir,
		    strerror(errno));
		goto out;
	}
	if (access(path, F_OK) == 0) {
		rc = 0;
		goto out;
	}
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1) {
		xasprintf(cause, _("cannot create %s: %s"), tmp,
		    strerror(errno));
		goto out;
	}
	if (write(fd, contract_default, len) != (ssize_t)len ||
	    fsync(fd) != 0) {
		xasprintf(cause, _("cannot write %s: %s"), tmp,
		    strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		xasprintf(cause, _("cannot create %s: %s"), path,
		    strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(dir);
	free(path);
	free(tmp);
	return (rc);
}

/* --- filling ----------------------------------------------------------- */

struct cctx {
	struct store		*st;
	const struct form_doc	*d;
	int			 has_order;	/* made from an order or a
						   quote, not a customer */
};

/* A field of r as a document writes it, appended to out. */
static void
field_text(struct store *st, const struct record *r, int pos,
    struct buf *out)
{
	const struct field_def	*f = &r->ent->fields[pos];
	char			 fig[FORM_FIG], *code, *name;
	struct tm		 tm;
	time_t			 t;

	if (!record_isset(r, pos))
		return;
	switch (f->type) {
	case FT_TEXT:
	case FT_ENUM:
		buf_adds(out, record_str(r, pos) != NULL ? record_str(r, pos) :
		    "");
		break;
	case FT_INT:
		buf_printf(out, "%lld", (long long)record_int(r, pos));
		break;
	case FT_MONEY:
		buf_adds(out, form_money(record_int(r, pos), fig));
		break;
	case FT_QTY:
		buf_adds(out, form_qty(record_int(r, pos), fig));
		break;
	case FT_DATE:
		buf_adds(out, form_date(record_int(r, pos), fig));
		break;
	case FT_TIME:
		t = (time_t)record_int(r, pos);
		gmtime_r(&t, &tm);
		buf_adds(out, form_date((int64_t)(tm.tm_year + 1900) * 10000 +
		    (tm.tm_mon + 1) * 100 + tm.tm_mday, fig));
		break;
	case FT_BOOL:
		buf_adds(out, record_int(r, pos) ? "да" : "нет");
		break;
	case FT_REF:
		model_ref_names(st, f, record_int(r, pos), &code, &name);
		buf_adds(out, name != NULL ? name : code);
		free(code);
		free(name);
		break;
	}
}

/* The VAT of the order as a contract says it. */
static void
vat_text(const struct form_doc *d, struct buf *out)
{
	char	 fig[FORM_FIG], rate[FORM_FIG];
	size_t	 i;
	int	 n = 0;

	for (i = 0; i < d->nrates; i++) {
		if (d->rates[i].rate == PRICING_EXEMPT)
			continue;
		buf_printf(out, "%s НДС %s в сумме %s", n == 0 ?
		    "в том числе" : ",", form_rate(d->rates[i].rate, rate),
		    form_money(d->rates[i].vat, fig));
		n++;
	}
	buf_adds(out, n == 0 ? "НДС не облагается." : " руб.");
}

/*
 * The value of placeholder ns.field into out: 0, or -1 and *why (an
 * unknown name, translated).
 */
static int
lookup(const struct cctx *c, const char *ns, const char *field,
    struct buf *out, char **why)
{
	const struct form_doc	*d = c->d;
	const struct record	*r = NULL;
	const char		*what;
	char			 fig[FORM_FIG], *s;
	int			 pos;

	if (strcmp(ns, "company") == 0) {
		r = d->company.rec;
		if (strcmp(field, "director_short") == 0 ||
		    strcmp(field, "accountant_short") == 0) {
			s = form_initials(field[0] == 'd' ?
			    d->company.director : d->company.accountant);
			buf_adds(out, s);
			free(s);
			return (0);
		}
		if (strcmp(field, "full_name") == 0) {
			buf_adds(out, d->company.name);
			return (0);
		}
		what = "company";
	} else if (strcmp(ns, "account") == 0) {
		r = d->company.account;
		what = "accounts";
		if (r == NULL) {
			/* No account yet: a blank, if the name is one. */
			if (dict_field(dict_entity(what), field) == NULL)
				goto unknown;
			buf_adds(out, BLANK);
			return (0);
		}
	} else if (strcmp(ns, "customer") == 0) {
		r = d->customer.rec;
		what = "customers";
	} else if (strcmp(ns, "contract") == 0) {
		if (strcmp(field, "number") == 0)
			buf_adds(out, c->has_order ? d->number : BLANK);
		else if (strcmp(field, "date") == 0)
			buf_adds(out, c->has_order && d->date != 0 ?
			    form_date_words(d->date, fig) : BLANK_DATE);
		else {
			xasprintf(why, _("a contract has a number and a date "
			    "only"));
			return (-1);
		}
		return (0);
	} else if (strcmp(ns, "order") == 0) {
		static const char *const computed[] = {
			"total", "total_words", "net", "vat", "vat_text",
			"number", "lines", NULL
		};
		size_t	 i;
		int	 known = 0;

		for (i = 0; computed[i] != NULL; i++)
			if (strcmp(computed[i], field) == 0)
				known = 1;
		r = c->has_order ? d->hdr : NULL;
		what = c->has_order ? d->ent->name : "sales_orders";
		if (!known && dict_field(dict_entity(what), field) == NULL)
			goto unknown;
		if (!c->has_order) {
			if (strcmp(field, "lines") != 0)
				buf_adds(out, BLANK);
			return (0);
		}
		if (strcmp(field, "total") == 0)
			buf_adds(out, form_money(d->gross, fig));
		else if (strcmp(field, "total_words") == 0) {
			s = words_rub(d->gross);
			buf_adds(out, s);
			free(s);
		} else if (strcmp(field, "net") == 0)
			buf_adds(out, form_money(d->net, fig));
		else if (strcmp(field, "vat") == 0)
			buf_adds(out, form_money(d->vat, fig));
		else if (strcmp(field, "vat_text") == 0)
			vat_text(d, out);
		else if (strcmp(field, "number") == 0)
			buf_adds(out, d->number);
		else if (strcmp(field, "lines") == 0) {
			xasprintf(why, _("{order.lines} stands alone on its "
			    "line"));
			return (-1);
		} else
			goto field;
		return (0);
	} else {
		xasprintf(why, _("no such part: company, account, customer, "
		    "order or contract"));
		return (-1);
	}
	if (r == NULL) {
		if (dict_field(dict_entity(what), field) == NULL)
			goto unknown;
		return (0);
	}
field:
	pos = dict_field_pos(r->ent, field);
	if (pos < 0 || (r->ent->fields[pos].flags & FF_SECRET))
		goto unknown;
	field_text(c->st, r, pos, out);
	return (0);
unknown:
	xasprintf(why, _("%s has no field '%s'"), what, field);
	return (-1);
}

/* Fill one line of the template into out; 0, or -1 and *cause. */
static int
fill_line(const struct cctx *c, const char *line, const char *src,
    int lineno, struct buf *out, char **cause)
{
	const char	*p = line, *close, *dot;
	char		*name, *ns, *why = NULL;

	while (*p != '\0') {
		if ((p[0] == '{' && p[1] == '{') ||
		    (p[0] == '}' && p[1] == '}')) {
			buf_addc(out, *p);
			p += 2;
			continue;
		}
		if (*p == '}') {
			xasprintf(cause, _("%s:%d: '}' without '{' (write }} "
			    "for a brace)"), src, lineno);
			return (-1);
		}
		if (*p != '{') {
			buf_addc(out, *p++);
			continue;
		}
		if ((close = strchr(p, '}')) == NULL) {
			xasprintf(cause, _("%s:%d: '{' without '}' (write {{ "
			    "for a brace)"), src, lineno);
			return (-1);
		}
		name = xstrndup(p + 1, (size_t)(close - p - 1));
		if ((dot = strchr(name, '.')) == NULL) {
			xasprintf(cause, _("%s:%d: unknown placeholder {%s}: "
			    "{customer.name}, {order.total} and the like "
			    "expected"), src, lineno, name);
			free(name);
			return (-1);
		}
		ns = xstrndup(name, (size_t)(dot - name));
		if (lookup(c, ns, dot + 1, out, &why) != 0) {
			xasprintf(cause, _("%s:%d: unknown placeholder {%s}: "
			    "%s"), src, lineno, name, why);
			free(why);
			free(ns);
			free(name);
			return (-1);
		}
		free(ns);
		free(name);
		p = close + 1;
	}
	return (0);
}

static int
contract_build(struct store *st, const struct form_args *a,
    struct sheet *s, char **cause)
{
	struct form_doc	 d;
	struct cctx	 c;
	struct buf	 text, line;
	FILE		*f;
	char		*path, *src, *nl, *p, *t;
	const char	*body;
	enum sheet_align align;
	int		 rc, lineno = 0, style, started = 0;
	size_t		 n;
	char		 chunk[4096];

	if ((rc = form_doc_load(st, a, 0, &d, cause)) != 0) {
		form_doc_free(&d);
		return (rc);
	}
	memset(&c, 0, sizeof c);
	c.st = st;
	c.d = &d;
	c.has_order = strcmp(d.ent->name, "customers") != 0;
	if (!d.has_customer) {
		xasprintf(cause, _("%s has no customer to make a contract "
		    "with"), d.code);
		form_doc_free(&d);
		return (EX_DATAERR);
	}

	/* The home's template, else the built-in one. */
	memset(&text, 0, sizeof text);
	xasprintf(&path, "%s/%s", a->home != NULL ? a->home : ".",
	    CONTRACT_TEMPLATE);
	if ((f = fopen(path, "r")) != NULL) {
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_add(&text, chunk, n);
		if (ferror(f)) {
			xasprintf(cause, _("cannot read %s: %s"), path,
			    strerror(errno));
			fclose(f);
			rc = EX_NOINPUT;
			goto out;
		}
		fclose(f);
		src = xstrdup(CONTRACT_TEMPLATE);
	} else if (errno == ENOENT) {
		buf_adds(&text, contract_default);
		src = xstrdup(_("the built-in contract template"));
	} else {
		xasprintf(cause, _("cannot read %s: %s"), path,
		    strerror(errno));
		rc = EX_NOINPUT;
		goto out;
	}
	if (text.data == NULL)
		buf_add(&text, "", 0);

	xasprintf(&t, "Договор № %s", c.has_order ? d.number : BLANK);
	sheet_set_title(s, t);
	free(t);
	memset(&line, 0, sizeof line);
	for (p = text.data; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		lineno++;
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		t = xstrndup(p, (size_t)(nl - p));
		n = strlen(t);
		while (n > 0 && (t[n - 1] == '\r' || t[n - 1] == ' ' ||
		    t[n - 1] == '\t'))
			t[--n] = '\0';
		body = t;
		style = 0;
		align = SA_LEFT;
		if (t[0] == '#') {
			/* a comment */
		} else if (strcmp(t, "{order.lines}") == 0) {
			if (c.has_order) {
				form_lines_table(s, &d, 0);
				form_totals(s, &d, "Всего:");
				form_total_words(s, &d);
			}
		} else if (t[0] == '\0') {
			if (started)
				sheet_gap(s);
		}
		else {
			if (strncmp(t, "! ", 2) == 0) {
				body = t + 2;
				style = SS_BOLD;
				align = SA_CENTER;
			} else if (strncmp(t, "> ", 2) == 0) {
				body = t + 2;
				align = SA_RIGHT;
			}
			line.len = 0;
			if (line.data != NULL)
				line.data[0] = '\0';
			if (fill_line(&c, body, src, lineno, &line, cause) !=
			    0) {
				free(t);
				buf_free(&line);
				free(src);
				rc = EX_DATAERR;
				goto out;
			}
			sheet_para(s, style, align, line.data != NULL ?
			    line.data : "");
			started = 1;
		}
		free(t);
	}
	buf_free(&line);
	free(src);
	rc = 0;
out:
	free(path);
	buf_free(&text);
	form_doc_free(&d);
	return (rc);
}

static const char *const contract_from[] = {
	"sales_orders", "quotes", "customers", NULL
};

const struct form_def form_contract = {
	.name = "contract",
	.title = N_("Contract from the template"),
	.entities = contract_from,
	.build = contract_build,
};
