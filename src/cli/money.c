/*
 * Money on the command line: kontor invoice SO (the order's invoice) or
 * --customer C --line SKU:QTY (a standalone one),
 * pay DOC|CODE --amount N (a payment, in or out), cancel PAY (its
 * reversal), balance CODE (what a customer or supplier and the firm owe
 * each other), and import payments FILE (a CSV of payments, one
 * transaction).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "cli/csv.h"
#include "client/client.h"
#include "client/docs.h"
#include "client/orders.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "proto.h"
#include "xmalloc.h"

static const char *
mfmt(int64_t v, char *buf, size_t len)
{
	money_format(v, buf, len, 1);
	return (buf);
}

/* Print a refusal, naming the line of the file when it names one. */
static int
refused(struct client_reply *r, const char *path)
{
	int64_t	 line = r->data != NULL ? mobj_int(r->data, "line", 0) : 0;
	int	 rc = r->rc;

	if (line > 0 && path != NULL) {
		char	*err = text_escape(r->err ? r->err : _("refused"),
			    CLI_ERROR_MAX);

		fprintf(stderr, "%s:%lld: %s\n", path,	/* i18n: no */
		    (long long)line, err);
		free(err);
	} else
		cli_error(rc, "%s", r->err ? r->err : _("refused"));
	client_reply_free(r);
	return (rc);
}

/* The customer a standalone invoice is for: by code (or its number
 * alone, "3"), else by INN, refused (naming them) when several customers
 * have it; the refusal printed. */
static int
invoice_customer(struct client *c, const char *s, struct record **out)
{
	const struct entity_def	*ce = dict_entity("customers");
	struct record		**rows;
	struct buf		 codes = { NULL, 0, 0 };
	size_t			 n, i, found = 0;
	char			*cause = NULL, *why;
	int			 rc, inn = dict_field_pos(ce, "inn");

	if ((rc = cr_get(c, ce, 0, s, out, &cause)) == 0)
		return (0);
	if (rc == EX_NOINPUT && cr_search(c, ce, "inn", s, 10, &rows, &n,
	    &cause) == 0) {
		for (i = 0; i < n; i++) {
			if (record_str(rows[i], inn) == NULL ||
			    strcmp(record_str(rows[i], inn), s) != 0)
				continue;
			if (found++ == 0)
				*out = record_dup(rows[i]);
			if (codes.len > 0)
				buf_adds(&codes, ", ");
			buf_adds(&codes, record_str(rows[i], FX_CODE));
		}
		cr_rows_free(rows, n);
		free(cause);
		if (found > 1) {
			/* As the server says it of a shared INN. */
			record_free(*out);
			*out = NULL;
			xasprintf(&why, _("INN %s is shared by customers %s"),
			    s, codes.data);
			rc = cli_error(EX_DATAERR, _("--customer: %s: name "
			    "one by its code"), why);
			free(why);
		}
		buf_free(&codes);
		if (found > 0)
			return (found == 1 ? 0 : rc);
		cause = NULL;
	}
	/* A customer named that is not there: 66, as the man page says
	 * of a record that does not exist. */
	rc = cli_error(rc, _("--customer: no customer with code or INN %s"),
	    s);
	free(cause);
	return (rc);
}

/* One --line SKU:QTY[:PRICE] as an invoice line; the refusal printed. */
static int
invoice_line(struct client *c, const char *arg, struct record **out)
{
	const struct entity_def	*le = dict_entity("invoice_lines");
	struct record		*p;
	int64_t			 qty, price = -1, pack;
	char			*copy, *q, *pr, *why = NULL;
	int			 rc = 0;

	copy = xstrdup(arg);
	*out = NULL;
	if ((q = strchr(copy, ':')) == NULL || q == copy) {
		rc = cli_error(EX_USAGE, _("--line %s: SKU:QTY[:PRICE] "
		    "expected"), arg);
		goto out;
	}
	*q++ = '\0';
	if ((pr = strchr(q, ':')) != NULL)
		*pr++ = '\0';
	if (qty_parse(q, &qty, &why) != 0 || qty <= 0) {
		rc = cli_error(EX_USAGE, _("--line %s: the quantity: %s"), arg,
		    why != NULL ? why : _("more than 0 expected"));
		goto out;
	}
	if (pr != NULL && (money_parse(pr, &price, &why) != 0 || price < 0)) {
		rc = cli_error(EX_USAGE, _("--line %s: the price: %s"), arg,
		    why != NULL ? why : _("0 or more expected"));
		goto out;
	}
	if ((rc = cd_find_product(c, copy, &p, &pack, &why)) != 0) {
		rc = cli_error(rc == EX_NOINPUT ? EX_DATAERR : rc,
		    _("--line %s: %s"), arg, why);
		goto out;
	}
	*out = record_new(le);
	record_set_int(*out, dict_field_pos(le, "product"),
	    (int64_t)record_id(p));
	record_set_int(*out, dict_field_pos(le, "qty"), qty);
	/* No price: the customer's, as an order's line is priced. */
	if (price >= 0)
		record_set_int(*out, dict_field_pos(le, "price"), price);
	record_free(p);
out:
	free(why);
	free(copy);
	return (rc);
}

/*
 * kontor invoice --customer CODE --line SKU:QTY[:PRICE] ... [--date D]
 * [--due D]: a standalone invoice (no order), its lines priced as an
 * order's are (the customer's price, the product's VAT), due after the
 * customer's terms unless --due says.
 */
static int
invoice_standalone(const struct paths *p, const char *customer,
    char **lines, size_t nlines, int64_t date, int64_t due)
{
	const struct entity_def	*ie = dict_entity("invoices");
	struct client		*c;
	struct cd_answer	 a;
	struct record		*cust = NULL, *hdr = NULL, **ls;
	char			*cause = NULL;
	size_t			 i;
	int			 rc;

	ls = xcalloc(nlines + 1, sizeof *ls);
	if ((rc = open_client(p, 0, &c)) != 0) {
		free(ls);
		return (rc);
	}
	if ((rc = invoice_customer(c, customer, &cust)) != 0)
		goto out;
	for (i = 0; i < nlines; i++)
		if ((rc = invoice_line(c, lines[i], &ls[i])) != 0)
			goto out;
	hdr = record_new(ie);
	record_set_int(hdr, dict_field_pos(ie, "customer"),
	    (int64_t)record_id(cust));
	if (date != 0)
		record_set_int(hdr, dict_field_pos(ie, "date"), date);
	if (due != 0)
		record_set_int(hdr, dict_field_pos(ie, "due_date"), due);
	if ((rc = co_save(c, hdr, ls, nlines, &a, &cause)) != 0) {
		if (a.line > 0 && (size_t)a.line <= nlines)
			cli_error(rc, _("--line %s: %s"), lines[a.line - 1],
			    cause);
		else
			cli_error(rc, "%s", cause);
		free(cause);
		goto out;
	}
	printf("%s\n", a.code);
	fprintf(stderr, _("kontor: invoice %s to %s\n"), a.code,
	    record_str(cust, FX_CODE));
out:
	for (i = 0; i < nlines; i++)
		record_free(ls[i]);
	free(ls);
	record_free(hdr);
	record_free(cust);
	client_close(c);
	return (rc);
}

/* kontor invoice SO-CODE, or a standalone invoice (invoice_standalone) */
int
cmd_invoice(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "customer", required_argument, NULL, 'c' },
		{ "line", required_argument, NULL, 'l' },
		{ "date", required_argument, NULL, 'd' },
		{ "due", required_argument, NULL, 'D' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*u = _("invoice SO-CODE\n"
	    "       kontor invoice --customer CODE|INN --line SKU:QTY[:PRICE] "
	    "...\n"
	    "                      [--date DATE] [--due DATE]");
	const char		*format = "text", *customer = NULL;
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	char			*code, *why = NULL, **lines = NULL;
	size_t			 nlines = 0;
	int64_t			 date = 0, due = 0, *d;
	int			 ch, rc;

	while ((ch = getopt_long(argc, argv, "c:l:d:D:F:h", opts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'c':
			customer = optarg;
			break;
		case 'l':
			lines = xreallocarray(lines, nlines + 1,
			    sizeof *lines);
			lines[nlines++] = optarg;
			break;
		case 'd':
		case 'D':
			d = ch == 'd' ? &date : &due;
			if (date_parse(optarg, d, &why) != 0) {
				rc = cli_error(EX_USAGE, ch == 'd' ?
				    _("--date: %s") : _("--due: %s"), why);
				free(why);
				free(lines);
				return (rc);
			}
			break;
		case 'F':
			format = optarg;
			break;
		case 'h':
			free(lines);
			return (cli_usage(u, 1));
		default:
			free(lines);
			return (cli_usage(u, 0));
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "csv") != 0) {
		free(lines);
		return (cli_usage(u, 0));
	}
	if (customer != NULL || nlines > 0 || date != 0 || due != 0) {
		if (customer == NULL || nlines == 0 || optind != argc) {
			free(lines);
			return (cli_error(EX_USAGE, _("a standalone invoice "
			    "takes --customer and at least one --line "
			    "SKU:QTY[:PRICE], and no order")));
		}
		rc = invoice_standalone(p, customer, lines, nlines, date, due);
		free(lines);
		return (rc);
	}
	if (optind != argc - 1)
		return (cli_usage(u, 0));
	if (strncasecmp(argv[optind], "SO-", 3) != 0)
		return (cli_error(EX_USAGE, _("%s: a sales order number "
		    "(SO-...) expected"), argv[optind]));
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	client_req(c, &m, "sales", 2);
	mb_kstr(&m, "action", "invoice");
	mb_kstr(&m, "code", argv[optind]);
	if (client_call(c, &m, &r) != 0)
		rc = refused(&r, NULL);
	else {
		code = mobj_strdup(r.data, "code");
		printf("%s\n", code != NULL ? code : "?");
		fprintf(stderr, _("kontor: invoice %s of %s\n"),
		    code != NULL ? code : "?", argv[optind]);
		free(code);
		client_reply_free(&r);
	}
	client_close(c);
	return (rc);
}

/* Whether s is the number of a document a payment pays. */
static int
is_doc(const char *s)
{
	static const char *const t[] = { "INV-", "SO-", "SHP-", "PO-", "RCP-" };
	size_t	 i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strncasecmp(s, t[i], strlen(t[i])) == 0)
			return (1);
	return (0);
}

/* kontor pay DOC|CODE --amount N [--account A] [--date D] [--out]
 * [--purpose TEXT] [--bank-number N] */
int
cmd_pay(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "amount", required_argument, NULL, 'a' },
		{ "account", required_argument, NULL, 'A' },
		{ "date", required_argument, NULL, 'd' },
		{ "out", no_argument, NULL, 'o' },
		{ "purpose", required_argument, NULL, 'P' },
		{ "bank-number", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*u = _("pay INV-CODE|SO-CODE|SHP-CODE|PO-CODE|"
	    "RCP-CODE|COUNTERPARTY --amount N\n"
	    "                 [--account CODE] [--date DATE] [--out] "
	    "[--purpose TEXT] [--bank-number N]");
	const char		*amount = NULL, *account = NULL, *date = NULL;
	const char		*purpose = NULL, *bankno = NULL;
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	int64_t			 amt = 0, day = 0;
	char			*why = NULL, *code, a[32], b[32], d[32];
	int			 ch, out = 0, rc;

	while ((ch = getopt_long(argc, argv, "a:A:d:oP:b:h", opts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'a':
			amount = optarg;
			break;
		case 'A':
			account = optarg;
			break;
		case 'd':
			date = optarg;
			break;
		case 'o':
			out = 1;
			break;
		case 'P':
			purpose = optarg;
			break;
		case 'b':
			bankno = optarg;
			break;
		case 'h':
			return (cli_usage(u, 1));
		default:
			return (cli_usage(u, 0));
		}
	}
	if (optind != argc - 1 || amount == NULL)
		return (cli_usage(u, 0));
	if (money_parse(amount, &amt, &why) != 0) {
		rc = cli_error(EX_USAGE, _("--amount: %s"), why);
		free(why);
		return (rc);
	}
	if (amt <= 0)
		return (cli_error(EX_USAGE, _("--amount: more than 0 "
		    "expected")));
	if (date != NULL && date_parse(date, &day, &why) != 0) {
		rc = cli_error(EX_USAGE, _("--date: %s"), why);
		free(why);
		return (rc);
	}
	if ((rc = cli_text_opt("--purpose", "payments", "purpose",
	    purpose)) != 0)
		return (rc);
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	client_req(c, &m, "money", 8);
	mb_kstr(&m, "action", "pay");
	if (is_doc(argv[optind])) {
		mb_kstr(&m, "document", argv[optind]);
		mb_kstr(&m, "direction", NULL);
	} else {
		mb_kstr(&m, "party", argv[optind]);
		mb_kstr(&m, "direction", out ? "out" : "in");
	}
	mb_kint(&m, "amount", amt);
	mb_kint(&m, "date", day);
	mb_kstr(&m, "account", account);
	mb_kstr(&m, "purpose", purpose);
	mb_kstr(&m, "bank_number", bankno);
	if (client_call(c, &m, &r) != 0)
		rc = refused(&r, NULL);
	else {
		code = mobj_strdup(r.data, "code");
		printf("%s\n", code != NULL ? code : "?");
		if (mobj_int(r.data, "dup", 0))
			fprintf(stderr, _("kontor: %s: this payment is there "
			    "already; nothing posted\n"), code);
		else {
			mfmt(mobj_int(r.data, "amount", 0), a, sizeof a);
			mfmt(mobj_int(r.data, "settled", 0), b, sizeof b);
			mfmt(mobj_int(r.data, "advance", 0), d, sizeof d);
			fprintf(stderr, _("kontor: payment %s posted: %s, of "
			    "it %s settles documents, %s stays an advance\n"),
			    code, a, b, d);
		}
		free(code);
		client_reply_free(&r);
	}
	client_close(c);
	return (rc);
}

/* kontor cancel PAY-CODE */
int
cli_pay_cancel(const struct paths *p, const char *code)
{
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	int			 rc;

	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	client_req(c, &m, "money", 2);
	mb_kstr(&m, "action", "cancel");
	mb_kstr(&m, "code", code);
	if (client_call(c, &m, &r) != 0)
		rc = refused(&r, NULL);
	else {
		fprintf(stderr, _("kontor: %s cancelled: what it paid is "
		    "open again\n"), code);
		client_reply_free(&r);
	}
	client_close(c);
	return (rc);
}

/* kontor balance CODE|INN [--as-of DATE] [--format text|csv] */
int
cmd_balance(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "as-of", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*u = _("balance CODE|INN [--as-of DATE] "
	    "[--format text|csv]");
	const char		*format = "text";
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	const msgpack_object	*docs;
	struct cli_rows		 o;
	int64_t			 asof = 0;
	char			*why = NULL, *s;
	char			 v[8][32];
	int			 ch, rc;
	size_t			 i;

	while ((ch = getopt_long(argc, argv, "a:f:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			if (date_parse(optarg, &asof, &why) != 0) {
				rc = cli_error(EX_USAGE, _("--as-of: %s"),
				    why);
				free(why);
				return (rc);
			}
			break;
		case 'f':
			format = optarg;
			break;
		case 'h':
			return (cli_usage(u, 1));
		default:
			return (cli_usage(u, 0));
		}
	}
	if (optind != argc - 1)
		return (cli_usage(u, 0));
	if (strcmp(format, "text") != 0 && strcmp(format, "csv") != 0)
		return (cli_error(EX_USAGE, _("--format: text or csv "
		    "expected, got %s"), format));
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	client_req(c, &m, "money", 3);
	mb_kstr(&m, "action", "balance");
	mb_kstr(&m, "party", argv[optind]);
	mb_kint(&m, "as_of", asof);
	if (client_call(c, &m, &r) != 0) {
		rc = refused(&r, NULL);
		client_close(c);
		return (rc);
	}
	memset(&o, 0, sizeof o);
	o.f = stdout;
	if (strcmp(format, "csv") == 0 && csv_out_open(stdout, NULL, &o.csv,
	    &why) != 0) {
		rc = cli_error(EX_SOFTWARE, "%s", why);
		free(why);
		goto out;
	}
	{
		static const char *const keys[] = { "owed", "overdue",
		    "advance", "current", "d1_30", "d31_60", "d61_90",
		    "d90" };
		const char	*head[] = { "code", "name", "kind", "owed",
				    "overdue", "advance", "current", "d1_30",
				    "d31_60", "d61_90", "d90" };
		const char	*row[11];
		char		*code = mobj_strdup(r.data, "code");
		char		*name = mobj_strdup(r.data, "name");
		char		*kind = mobj_strdup(r.data, "kind");

		for (i = 0; i < 8; i++) {
			money_format(mobj_int(r.data, keys[i], 0), v[i],
			    sizeof v[i], o.csv == NULL);
			row[3 + i] = v[i];
		}
		row[0] = code;
		row[1] = name;
		row[2] = kind;
		if (o.csv != NULL) {
			cli_rows_print(head, 11, &o);
			cli_rows_print(row, 11, &o);
		} else {
			printf("%s  ", code);
			cli_escaped(name != NULL ? name : "");
			printf("\n");
			/* Padded by characters: the labels are Russian
			 * too, two bytes a letter. */
			cli_padded(strcmp(kind, "supplier") == 0 ?
			    _("We owe") : _("Owes us"), 22);
			printf("%16s\n", v[0]);
			cli_padded(_("of it overdue"), 22);
			printf("%16s\n", v[1]);
			cli_padded(_("Advances"), 22);
			printf("%16s\n", v[2]);
			cli_padded(_("Not yet due"), 22);
			printf("%16s\n", v[3]);
			printf(_("Overdue by days: 1-30 %s, 31-60 %s, 61-90 "
			    "%s, over 90 %s\n"), v[4], v[5], v[6], v[7]);
		}
		free(code);
		free(name);
		free(kind);
	}
	docs = mobj_get(r.data, "docs");
	if (docs != NULL && docs->type == MSGPACK_OBJECT_ARRAY &&
	    docs->via.array.size > 0) {
		const char	*head[] = { "document", "date", "due",
				    "amount", "paid", "open" };
		const char	*row[6];
		char		 d1[16], d2[16];

		if (o.csv != NULL)
			cli_rows_print(head, 6, &o);
		else
			printf(_("Open documents:\n"));
		for (i = 0; i < docs->via.array.size; i++) {
			const msgpack_object	*d = &docs->via.array.ptr[i];

			s = mobj_strdup(d, "code");
			date_format(mobj_int(d, "date", 0), d1, sizeof d1);
			date_format(mobj_int(d, "due", 0), d2, sizeof d2);
			money_format(mobj_int(d, "amount", 0), v[0],
			    sizeof v[0], o.csv == NULL);
			money_format(mobj_int(d, "paid", 0), v[1], sizeof v[1],
			    o.csv == NULL);
			money_format(mobj_int(d, "amount", 0) - mobj_int(d,
			    "paid", 0), v[2], sizeof v[2], o.csv == NULL);
			row[0] = s;
			row[1] = d1;
			row[2] = d2;
			row[3] = v[0];
			row[4] = v[1];
			row[5] = v[2];
			if (o.csv != NULL)
				cli_rows_print(row, 6, &o);
			else
				printf(_("  %-18s %10s  due %10s  %14s  paid "
				    "%14s  open %14s\n"), s, d1, d2, v[0],
				    v[1], v[2]);
			free(s);
		}
	}
	if (o.csv != NULL)
		csv_out_close(o.csv);
out:
	client_reply_free(&r);
	client_close(c);
	return (rc);
}

/* --- import payments --------------------------------------------------- */

static const char *const pay_cols[] = {
	"date", "account", "counterparty", "direction", "amount", "document",
	"purpose", "bank_number"
};
#define NPAYCOLS	(sizeof pay_cols / sizeof pay_cols[0])

struct pay_import {
	const char	*path;
	int		 col[NPAYCOLS];	/* the file's column of each, or -1 */
	int		 begun;
	struct msgb	 rows;
	size_t		 n;
	int		 rc;
};

static int
pay_row(long line, char **cells, size_t n, void *arg)
{
	struct pay_import	*pi = arg;
	const char		*cell[NPAYCOLS];
	int64_t			 v;
	char			*why = NULL;
	size_t			 i, j;

	if (!pi->begun) {
		for (j = 0; j < NPAYCOLS; j++)
			pi->col[j] = -1;
		for (i = 0; i < n; i++) {
			for (j = 0; j < NPAYCOLS; j++)
				if (strcmp(cells[i], pay_cols[j]) == 0)
					break;
			if (j == NPAYCOLS) {
				fprintf(stderr, _("%s:%ld: unknown column '%s' "
				    "(payments have date, account, "
				    "counterparty, direction, amount, "
				    "document, purpose, bank_number)\n"),
				    pi->path, line, cells[i]);
				return (pi->rc = EX_DATAERR);
			}
			pi->col[j] = (int)i;
		}
		if (pi->col[4] < 0) {
			fprintf(stderr, _("%s:%ld: column 'amount' is "
			    "missing\n"), pi->path, line);
			return (pi->rc = EX_DATAERR);
		}
		pi->begun = 1;
		mb_init(&pi->rows);
		return (0);
	}
	for (j = 0; j < NPAYCOLS; j++)
		cell[j] = pi->col[j] >= 0 && (size_t)pi->col[j] < n ?
		    cells[pi->col[j]] : NULL;
	mb_map(&pi->rows, 10);
	mb_kint(&pi->rows, "line", line);
	v = 0;
	if (cell[0] != NULL && *cell[0] != '\0' &&
	    date_parse(cell[0], &v, &why) != 0) {
		fprintf(stderr, _("%s:%ld: column 'date': %s\n"), pi->path,
		    line, why);
		free(why);
		return (pi->rc = EX_DATAERR);
	}
	mb_kint(&pi->rows, "date", v);
	mb_kstr(&pi->rows, "account", cell[1]);
	mb_kstr(&pi->rows, "party", cell[2]);
	mb_kstr(&pi->rows, "direction", cell[3]);
	if (cell[4] == NULL || money_parse(cell[4], &v, &why) != 0) {
		fprintf(stderr, _("%s:%ld: column 'amount': %s\n"), pi->path,
		    line, why != NULL ? why : _("a value is required"));
		free(why);
		return (pi->rc = EX_DATAERR);
	}
	mb_kint(&pi->rows, "amount", v);
	mb_kstr(&pi->rows, "document", cell[5]);
	mb_kstr(&pi->rows, "purpose", cell[6]);
	mb_kstr(&pi->rows, "bank_number", cell[7]);
	mb_kstr(&pi->rows, "source", pi->path);
	pi->n++;
	return (0);
}

int
cli_payments_send(const struct paths *p, const char *path,
    struct msgb *rows, size_t n, int dry_run, int skip)
{
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	const msgpack_object	*res;
	char			 t[32];
	char			*why, *what;
	int64_t			 line, posted, dups, skipped;
	size_t			 i;
	int			 rc;

	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	client_req(c, &m, "money", 4);
	mb_kstr(&m, "action", "import");
	mb_kbool(&m, "dry_run", dry_run);
	mb_kbool(&m, "skip_unmatched", skip);
	mb_str(&m, "rows");
	mb_array(&m, n);
	msgpack_sbuffer_write(&m.sb, rows->sb.data, rows->sb.size);
	if (client_call(c, &m, &r) != 0) {
		rc = refused(&r, path);
		client_close(c);
		return (rc);
	}
	res = mobj_get(r.data, "rows");
	for (i = 0; res != NULL && res->type == MSGPACK_OBJECT_ARRAY &&
	    i < res->via.array.size; i++) {
		const msgpack_object	*o = &res->via.array.ptr[i];

		what = mobj_strdup(o, "result");
		why = mobj_strdup(o, "why");
		line = mobj_int(o, "line", 0);
		if (what != NULL && strcmp(what, "unmatched") == 0)
			fprintf(stderr, _("%s:%lld: left out: %s\n"), path,
			    (long long)line, why);
		else if (what != NULL && strcmp(what, "dup") == 0)
			fprintf(stderr, _("%s:%lld: posted before; not counted "
			    "twice\n"), path, (long long)line);
		free(what);
		free(why);
	}
	posted = mobj_int(r.data, "posted", 0);
	dups = mobj_int(r.data, "dups", 0);
	skipped = mobj_int(r.data, "skipped", 0);
	mfmt(mobj_int(r.data, "total", 0), t, sizeof t);
	fprintf(stderr, dry_run ? _("kontor: %s: payments to post: %lld (%s); "
	    "there already: %lld; left out: %lld; nothing changed (dry "
	    "run)\n") : _("kontor: %s: payments posted: %lld (%s); there "
	    "already: %lld; left out: %lld\n"), path, (long long)posted, t,
	    (long long)dups, (long long)skipped);
	client_reply_free(&r);
	client_close(c);
	return (0);
}

int
cli_import_payments(const struct paths *p, const char *path,
    const char *encoding, int dry_run)
{
	struct pay_import	 pi;
	struct stat		 sb;
	int			 rc;

	memset(&pi, 0, sizeof pi);
	pi.path = path;
	if (strcmp(path, "-") != 0 && stat(path, &sb) != 0)
		return (cli_error(EX_NOINPUT, "%s: %s", path,
		    strerror(errno)));
	if ((rc = cli_csv_import(path, encoding, pay_row, &pi, &pi.begun)) ==
	    0)
		rc = cli_payments_send(p, path, &pi.rows, pi.n, dry_run, 0);
	if (pi.begun)
		mb_free(&pi.rows);
	return (rc);
}
