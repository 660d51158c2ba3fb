/*
 * Bank statements on the command line: kontor import bank-statement FILE
 * [--dry-run] [--unmatched skip] [--encoding ENC] reads a statement in
 * 1C's exchange format (model/bankx.c) and has the server post its
 * documents as payments, the whole file in one transaction (op "bank").
 *
 * What became of each document goes to stdout, a line each, named by the
 * file's line ("statement.txt:31: posted PAY-2026-000001: 1 234,56 from
 * C-000001, pays INV-2026-000045"); what was left out or seen before, and
 * the sums, to stderr.
 *
 * kontor export payments-for-bank --from DATE [--to DATE] [-o FILE]: the
 * other way, the firm's payments out of its bank accounts as payment
 * orders in the same format (cp1251, CRLF) for the bank's client.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "client/client.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/bankx.h"
#include "proto.h"
#include "xmalloc.h"

#define BANK_FILE_MAX	(256u << 20)	/* bytes of a statement */

/* The file whole (path "-": stdin); 0, or an exit code with the refusal
 * printed. */
static int
read_all(const char *path, char **data, size_t *len)
{
	FILE	*f;
	size_t	 cap = 65536, n;
	char	*buf;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "rb")) == NULL)
		return (cli_error(EX_NOINPUT, "%s: %s", path,
		    strerror(errno)));
	buf = xmalloc(cap);
	*len = 0;
	while ((n = fread(buf + *len, 1, cap - *len, f)) > 0) {
		*len += n;
		if (*len == cap) {
			if (cap >= BANK_FILE_MAX) {
				free(buf);
				if (f != stdin)
					fclose(f);
				return (cli_error(EX_DATAERR, _("%s: more "
				    "than %u MB: no bank statement is that "
				    "big"), path, BANK_FILE_MAX >> 20));
			}
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
	}
	if (ferror(f)) {
		free(buf);
		if (f != stdin)
			fclose(f);
		return (cli_error(EX_NOINPUT, "%s: %s", path,
		    strerror(errno)));
	}
	if (f != stdin)
		fclose(f);
	*data = buf;
	return (0);
}

/*
 * The keys of a document that become a payment's fields, checked here as
 * the payment's fields are (the server checks them again), so that a bad
 * value is named by its key and its own line, not by the payment's
 * column at the document's first line.
 */
static const struct {
	const char	*key;
	size_t		 off;
	const char	*field;
} pay_keys[] = {
	{ "Номер", offsetof(struct bankx_doc, number), "bank_number" },
	{ "НазначениеПлатежа", offsetof(struct bankx_doc, purpose),
	  "purpose" },
};

/* 0, or EX_DATAERR with the refusal printed. */
static int
doc_check(const char *path, const struct bankx_doc *d)
{
	const struct entity_def	*pe = dict_entity("payments");
	const char		*text;
	struct value		 v;
	char			*why = NULL;
	size_t			 i;

	/* Between the firm's own accounts: left out, not a payment. */
	if (d->dir == BANKX_OWN)
		return (0);
	if (d->amount <= 0) {
		fprintf(stderr, _("%s:%zu: %s: more than 0 expected\n"), path,
		    bankx_key_line(d, "Сумма"), "Сумма");
		return (EX_DATAERR);
	}
	for (i = 0; i < sizeof pay_keys / sizeof pay_keys[0]; i++) {
		text = *(char *const *)((const char *)d + pay_keys[i].off);
		if (text == NULL || *text == '\0')
			continue;
		if (value_parse(dict_field(pe, pay_keys[i].field), text, &v,
		    &why) != 0) {
			fprintf(stderr, "%s:%zu: %s: %s\n",	/* i18n: no */
			    path, bankx_key_line(d, pay_keys[i].key),
			    pay_keys[i].key, why);
			free(why);
			return (EX_DATAERR);
		}
		value_free(&v);
	}
	return (0);
}

/* The documents as the op takes them, each once: one the file has
 * twice (bankx_parse's dup) is left out, and said by dup_notes().  0,
 * or an exit code with the refusal printed. */
static int
pack_docs(const char *path, const struct bankx_file *f, struct msgb *m)
{
	const struct bankx_doc	*d;
	const char		*base;
	char			 src[160];
	size_t			 i, n = 0;
	int			 out, rc;

	for (i = 0; i < f->ndocs; i++) {
		if (f->docs[i].dir == BANKX_NONE) {
			fprintf(stderr, _("%s:%zu: neither ПлательщикСчет nor "
			    "ПолучательСчет is one of the statement's "
			    "accounts (its РасчСчет lines)\n"), path,
			    f->docs[i].line);
			return (EX_DATAERR);
		}
		if ((rc = doc_check(path, &f->docs[i])) != 0)
			return (rc);
		if (f->docs[i].dup == 0)
			n++;
	}
	mb_array(m, n);
	/* Where each payment came from, kept with it: the file's name
	 * (not its directory), within the field's width. */
	base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	if (strlen(base) > 100)
		base = "-";
	for (i = 0; i < f->ndocs; i++) {
		d = &f->docs[i];
		if (d->dup != 0)
			continue;
		out = d->dir == BANKX_OUT;
		snprintf(src, sizeof src, "%s:%zu", base, d->line);
		mb_map(m, 12);
		mb_kint(m, "line", (int64_t)d->line);
		mb_kbool(m, "out", out);
		mb_kbool(m, "own", d->dir == BANKX_OWN);
		mb_kstr(m, "account", d->account);
		mb_kstr(m, "inn", out ? d->payee_inn : d->payer_inn);
		mb_kstr(m, "kpp", out ? d->payee_kpp : d->payer_kpp);
		mb_kstr(m, "name", out ? bankx_payee_name(d) :
		    bankx_payer_name(d));
		/* The day the money moved, as the bank says it. */
		mb_kint(m, "date", out ? (d->date_out ? d->date_out :
		    d->date) : (d->date_in ? d->date_in : d->date));
		mb_kint(m, "amount", d->amount);
		mb_kstr(m, "number", d->number);
		mb_kstr(m, "purpose", d->purpose);
		mb_kstr(m, "source", src);
	}
	return (0);
}

/* The documents the file has twice, said on stderr: the same number,
 * date, amount and accounts as one before it is the same payment
 * order, counted once even when the bank gave it no number (which a
 * payment posted before is known by). */
static void
dup_notes(const char *path, const struct bankx_file *f)
{
	size_t	 i;

	for (i = 0; i < f->ndocs; i++)
		if (f->docs[i].dup != 0)
			fprintf(stderr, _("%s:%zu: the same document as line "
			    "%zu of this file; not counted twice\n"), path,
			    f->docs[i].line, f->docs[f->docs[i].dup - 1].line);
}

static const struct bankx_doc *
doc_at(const struct bankx_file *f, int64_t line)
{
	size_t	 i;

	for (i = 0; i < f->ndocs; i++)
		if ((int64_t)f->docs[i].line == line)
			return (&f->docs[i]);
	return (NULL);
}

/* What became of each document. */
static void
print_rows(const char *path, const struct bankx_file *f,
    const msgpack_object *rows, int dry_run, int refused)
{
	const struct bankx_doc	*d;
	char			*result, *code, *party, *docs, *paid, *ign;
	char			*why;
	char			*q;
	char			 amt[32];
	int64_t			 line;
	size_t			 i;
	int			 out;

	for (i = 0; rows != NULL && rows->type == MSGPACK_OBJECT_ARRAY &&
	    i < rows->via.array.size; i++) {
		const msgpack_object	*o = &rows->via.array.ptr[i];

		line = mobj_int(o, "line", 0);
		result = mobj_strdup(o, "result");
		code = mobj_strdup(o, "code");
		party = mobj_strdup(o, "party");
		docs = mobj_strdup(o, "docs");
		paid = mobj_strdup(o, "paid");
		ign = mobj_strdup(o, "ignored");
		why = mobj_strdup(o, "why");
		d = doc_at(f, line);
		out = d != NULL && d->dir == BANKX_OUT;
		money_format(d != NULL ? d->amount : 0, amt, sizeof amt, 1);
		if (result == NULL)
			;
		else if (strcmp(result, "unmatched") == 0) {
			q = text_escape(why, 512);
			fprintf(stderr, refused ? "%s:%lld: %s\n" :	/* i18n: no */
			    _("%s:%lld: left out: %s\n"), path,
			    (long long)line, q);
			free(q);
		} else if (refused)
			;
		else if (strcmp(result, "own") == 0)
			fprintf(stderr, _("%s:%lld: between the firm's own "
			    "accounts: left out\n"), path, (long long)line);
		else if (strcmp(result, "dup") == 0)
			fprintf(stderr, _("%s:%lld: posted before (%s); not "
			    "counted twice\n"), path, (long long)line,
			    code != NULL ? code : "?");
		else {
			if (dry_run)
				printf(out ? _("%s:%lld: would post %s to %s") :
				    _("%s:%lld: would post %s from %s"), path,
				    (long long)line, amt, party);
			else
				printf(out ? _("%s:%lld: posted %s: %s to %s") :
				    _("%s:%lld: posted %s: %s from %s"), path,
				    (long long)line, code, amt, party);
			if (docs != NULL)
				printf(_(", pays %s"), docs);
			/* Named, but nothing of it went there. */
			if (paid != NULL && docs == NULL && d != NULL &&
			    mobj_int(o, "advance", -1) == d->amount)
				printf(_(", %s paid already: all of it goes to "
				    "advance"), paid);
			else if (paid != NULL)
				printf(_(", %s paid already"), paid);
			putchar('\n');
			if (ign != NULL)
				fprintf(stderr, _("%s:%lld: %s in the purpose: "
				    "no document of %s's to pay; not "
				    "applied\n"), path, (long long)line, ign,
				    party);
		}
		free(result);
		free(code);
		free(party);
		free(docs);
		free(paid);
		free(ign);
		free(why);
	}
}

int
cli_import_bank(const struct paths *p, const char *path,
    const char *encoding, int dry_run, int skip)
{
	struct bankx_file	*f = NULL;
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	char			*data = NULL, *cause = NULL;
	char			 in[32], out[32];
	size_t			 len = 0;
	int64_t			 line, posted, dups, skipped;
	int			 rc;

	if ((rc = read_all(path, &data, &len)) != 0)
		return (rc);
	if (bankx_parse(path, data, len, encoding, &f, &cause) != 0) {
		/* Named by line and key already. */
		char	*q = text_escape(cause, CLI_ERROR_MAX);

		fprintf(stderr, "%s\n", q);	/* i18n: no */
		free(q);
		free(cause);
		free(data);
		return (EX_DATAERR);
	}
	free(data);
	if ((rc = open_client(p, 0, &c)) != 0)
		goto out;
	client_req(c, &m, "bank", 3);
	mb_kbool(&m, "dry_run", dry_run);
	mb_kbool(&m, "skip_unmatched", skip);
	mb_str(&m, "rows");
	if ((rc = pack_docs(path, f, &m)) != 0) {
		mb_free(&m);
		client_close(c);
		goto out;
	}
	if (client_call(c, &m, &r) != 0) {
		rc = r.rc;
		line = r.data != NULL ? mobj_int(r.data, "line", 0) : 0;
		if (r.data != NULL)
			print_rows(path, f, mobj_get(r.data, "rows"), dry_run,
			    1);
		if (line > 0) {
			char	*q = text_escape(r.err ? r.err : _("refused"),
				    CLI_ERROR_MAX);

			fprintf(stderr, "%s:%lld: %s\n", path,	/* i18n: no */
			    (long long)line, q);
			free(q);
		} else
			cli_error(rc, "%s", r.err ? r.err : _("refused"));
		client_reply_free(&r);
		client_close(c);
		goto out;
	}
	print_rows(path, f, mobj_get(r.data, "rows"), dry_run, 0);
	dup_notes(path, f);
	money_format(mobj_int(r.data, "in", 0), in, sizeof in, 1);
	money_format(mobj_int(r.data, "out", 0), out, sizeof out, 1);
	posted = mobj_int(r.data, "posted", 0);
	dups = mobj_int(r.data, "dups", 0);
	skipped = mobj_int(r.data, "skipped", 0);
	fprintf(stderr, dry_run ? _("kontor: %s: payments to post: %lld (in "
	    "%s, out %s); posted before: %lld; left out: %lld; nothing "
	    "changed (dry run)\n") : _("kontor: %s: payments posted: %lld "
	    "(in %s, out %s); posted before: %lld; left out: %lld\n"), path,
	    (long long)posted, in, out, (long long)dups, (long long)skipped);
	client_reply_free(&r);
	client_close(c);
	rc = 0;
out:
	bankx_free(f);
	return (rc);
}

/* --- export payments-for-bank -------------------------------------------- */

#define EXPORT_USAGE	N_("export payments-for-bank --from DATE [--to DATE] " \
			    "[-o FILE]")

/* The server's answer as a statement to write. */
static void
orders_file(const msgpack_object *data, int64_t from, int64_t to,
    struct bankx_file *f)
{
	const msgpack_object	*co = mobj_get(data, "company");
	const msgpack_object	*docs = mobj_get(data, "docs");
	struct bankx_doc	*d;
	struct tm		 tm;
	time_t			 now = time(NULL);
	char			 t[16];
	size_t			 i;

	memset(f, 0, sizeof *f);
	localtime_r(&now, &tm);
	strftime(t, sizeof t, "%H:%M:%S", &tm);
	f->sender = xstrdup("kontor");
	f->created = (int64_t)(tm.tm_year + 1900) * 10000 +
	    (tm.tm_mon + 1) * 100 + tm.tm_mday;
	f->created_time = xstrdup(t);
	f->from = from;
	f->to = to != 0 ? to : f->created;
	if (docs == NULL || docs->type != MSGPACK_OBJECT_ARRAY)
		return;
	f->ndocs = docs->via.array.size;
	f->docs = xcalloc(f->ndocs > 0 ? f->ndocs : 1, sizeof *f->docs);
	for (i = 0; i < f->ndocs; i++) {
		const msgpack_object	*o = &docs->via.array.ptr[i];

		d = &f->docs[i];
		d->kind = xstrdup("Платежное поручение");
		d->number = mobj_strdup(o, "number");
		d->date = mobj_int(o, "date", 0);
		d->amount = mobj_int(o, "amount", 0);
		d->payer_account = mobj_strdup(o, "payer_account");
		d->payer = co != NULL ? mobj_strdup(co, "name") : NULL;
		d->payer_inn = co != NULL ? mobj_strdup(co, "inn") : NULL;
		d->payer_kpp = co != NULL ? mobj_strdup(co, "kpp") : NULL;
		d->payer_bank = mobj_strdup(o, "payer_bank");
		d->payer_bik = mobj_strdup(o, "payer_bik");
		d->payer_corr = mobj_strdup(o, "payer_corr");
		d->payee_account = mobj_strdup(o, "payee_account");
		d->payee = mobj_strdup(o, "payee");
		d->payee_inn = mobj_strdup(o, "payee_inn");
		d->payee_kpp = mobj_strdup(o, "payee_kpp");
		d->payee_bank = mobj_strdup(o, "payee_bank");
		d->payee_bik = mobj_strdup(o, "payee_bik");
		d->payee_corr = mobj_strdup(o, "payee_corr");
		d->pay_kind = xstrdup("01");
		d->priority = 5;
		d->purpose = mobj_strdup(o, "purpose");
	}
	bankx_make_sections(f);
}

/* Written beside and renamed when whole (file NULL or "-": stdout). */
static int
write_out(const char *file, const struct buf *b)
{
	struct stat	 sb;
	char		*tmp = NULL;
	FILE		*f;
	int		 rc = 0;

	if (file == NULL || strcmp(file, "-") == 0) {
		if (fwrite(b->data, 1, b->len, stdout) != b->len ||
		    fflush(stdout) != 0)
			return (cli_error(EX_IOERR, _("standard output: %s"),
			    strerror(errno)));
		return (0);
	}
	if (stat(file, &sb) == 0 && !S_ISREG(sb.st_mode))
		f = fopen(file, "w");
	else {
		xasprintf(&tmp, "%s.tmp.%ld", file, (long)getpid());
		f = fopen(tmp, "w");
	}
	if (f == NULL) {
		rc = cli_error(EX_CANTCREAT, "%s: %s", tmp != NULL ? tmp : file,
		    strerror(errno));
		free(tmp);
		return (rc);
	}
	if (fwrite(b->data, 1, b->len, f) != b->len || fflush(f) != 0 ||
	    (tmp != NULL && fsync(fileno(f)) != 0)) {
		rc = cli_error(EX_IOERR, "%s: %s", file, strerror(errno));
		fclose(f);
	} else if (fclose(f) != 0 || (tmp != NULL && rename(tmp, file) != 0))
		rc = cli_error(EX_IOERR, "%s: %s", file, strerror(errno));
	if (rc != 0 && tmp != NULL)
		unlink(tmp);
	free(tmp);
	return (rc);
}

int
cli_export_bank(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct bankx_file	 f;
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	struct buf		 b = { NULL, 0, 0 };
	const char		*file = NULL, *opt;
	char			*cause = NULL;
	int64_t			 from = 0, to = 0;
	int			 ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "+f:t:o:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
		case 't':
			if (date_parse(optarg, ch == 'f' ? &from : &to,
			    &cause) != 0) {
				opt = ch == 'f' ? "--from" : "--to";
				rc = cli_error(EX_USAGE, "%s: %s", opt, cause);
				free(cause);
				return (rc);
			}
			break;
		case 'o':
			file = optarg;
			break;
		case 'h':
			return (cli_usage(_(EXPORT_USAGE), 1));
		default:
			return (cli_usage(_(EXPORT_USAGE), 0));
		}
	}
	if (optind != argc || from == 0)
		return (cli_usage(_(EXPORT_USAGE), 0));
	if (to != 0 && to < from)
		return (cli_error(EX_USAGE, _("--to is before --from")));
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	client_req(c, &m, "bank_orders", 2);
	mb_kint(&m, "from", from);
	mb_kint(&m, "to", to);
	if (client_call(c, &m, &r) != 0) {
		rc = reply_error(&r);
		client_close(c);
		return (rc);
	}
	orders_file(r.data, from, to, &f);
	client_reply_free(&r);
	client_close(c);
	if (bankx_write(&f, &b, &cause) != 0) {
		rc = cli_error(EX_DATAERR, "%s", cause);
		free(cause);
	} else if ((rc = write_out(file, &b)) == 0)
		fprintf(stderr, P_("kontor: %zu payment order\n",
		    "kontor: %zu payment orders\n", f.ndocs), f.ndocs);
	buf_free(&b);
	bankx_clear(&f);
	return (rc);
}
