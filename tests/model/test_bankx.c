/*
 * Bank statements in 1C's exchange format (src/model/bankx.c) and the
 * documents a payment's purpose names (src/model/purpose.c).  The
 * fixtures tests/data/bank/statement*.txt are cp1251 with CRLF, written
 * by hand from the format's description; their parse is asserted field
 * by field.  Error rows compare the cause exactly: it is what the
 * accountant reads.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <iconv.h>
#include <cmocka.h>

#include "model/bankx.h"
#include "model/money.h"
#include "xmalloc.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

static int	nfail;
#define EXPECT(cond, ...) do {						\
	if (!(cond)) {							\
		print_message("# %s:%d: ", __FILE__, __LINE__);		\
		print_message(__VA_ARGS__);				\
		print_message("\n");					\
		nfail++;						\
	}								\
} while (0)
#define EXPECT_STR(got, want, ...) do {				\
	const char *got_ = (got), *want_ = (want);			\
	if ((got_ == NULL) != (want_ == NULL) || (got_ != NULL &&	\
	    strcmp(got_, want_) != 0)) {				\
		print_message("# %s:%d: ", __FILE__, __LINE__);		\
		print_message(__VA_ARGS__);				\
		print_message(": got \"%s\", want \"%s\"\n",		\
		    got_ ? got_ : "(null)", want_ ? want_ : "(null)");	\
		nfail++;						\
	}								\
} while (0)
#define TABLE_DONE() do {						\
	int n_ = nfail;							\
	nfail = 0;							\
	assert_int_equal(n_, 0);					\
} while (0)

#define A1	"40702810938000012345"
#define A2	"40702810501850000123"

/* A file of the test data, whole; the caller frees. */
static char *
slurp(const char *rel, size_t *len)
{
	const char	*src = getenv("KONTOR_SRCDIR");
	char		 path[1024];
	FILE		*f;
	char		*buf;
	long		 n;

	snprintf(path, sizeof path, "%s/%s", src ? src : ".", rel);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return (buf);
}

/* UTF-8 test text in another encoding, with CRLF for each \n. */
static char *
encode(const char *utf8, const char *enc, size_t *len)
{
	struct buf	 b = { NULL, 0, 0 };
	iconv_t		 cd;
	char		*ip, *op, *out;
	size_t		 in, left;
	const char	*p;

	for (p = utf8; *p != '\0'; p++) {
		if (*p == '\n')
			buf_addc(&b, '\r');
		buf_addc(&b, *p);
	}
	buf_adds(&b, "");
	cd = iconv_open(enc, "UTF-8");
	assert_true(cd != (iconv_t)-1);
	ip = b.data;
	in = b.len;
	out = op = xmalloc(in * 4 + 1);
	left = in * 4;
	assert_true(iconv(cd, &ip, &in, &op, &left) != (size_t)-1);
	iconv_close(cd);
	*len = (size_t)(op - out);
	buf_free(&b);
	return (out);
}

/* --- values -------------------------------------------------------------- */

static void
test_amounts(void **state)
{
	static const struct {
		const char	*in;
		int		 rc;
		int64_t		 out;
	} t[] = {
		{ "1234.56", 0, 123456 },
		{ "1234,56", 0, 123456 },
		{ "1234", 0, 123400 },
		{ "1234.5", 0, 123450 },
		{ "0.01", 0, 1 },
		{ "0", 0, 0 },
		{ "007.10", 0, 710 },
		{ "999999999999999.99", 0, INT64_C(99999999999999999) },
		{ "", -1, 0 },
		{ "12,3x", -1, 0 },
		{ "1 234.56", -1, 0 },
		{ "-5.00", -1, 0 },
		{ "+5.00", -1, 0 },
		{ "1.234", -1, 0 },
		{ ".50", -1, 0 },
		{ "5.", -1, 0 },
		{ "1e3", -1, 0 },
		{ "1234.56 ", -1, 0 },
		{ "1000000000000000", -1, 0 },
	};
	size_t	 i;
	int64_t	 v;
	int	 rc;

	(void)state;
	for (i = 0; i < NITEMS(t); i++) {
		v = -7;
		rc = bankx_amount(t[i].in, &v);
		EXPECT(rc == t[i].rc, "bankx_amount(\"%s\") = %d", t[i].in, rc);
		EXPECT(v == (rc == 0 ? t[i].out : -7),
		    "bankx_amount(\"%s\") gave %lld", t[i].in, (long long)v);
	}
	TABLE_DONE();
}

static void
test_dates(void **state)
{
	static const struct {
		const char	*in;
		int		 rc;
		int64_t		 out;
	} t[] = {
		{ "01.12.2026", 0, 20261201 },
		{ "29.02.2028", 0, 20280229 },
		{ "31.12.1999", 0, 19991231 },
		{ "29.02.2026", -1, 0 },
		{ "32.01.2026", -1, 0 },
		{ "1.12.2026", -1, 0 },
		{ "01.12.26", -1, 0 },
		{ "2026-12-01", -1, 0 },
		{ "01.12.2026г", -1, 0 },
		{ "00.12.2026", -1, 0 },
		{ "", -1, 0 },
	};
	size_t	 i;
	int64_t	 v;
	int	 rc;

	(void)state;
	for (i = 0; i < NITEMS(t); i++) {
		v = -7;
		rc = bankx_date(t[i].in, &v);
		EXPECT(rc == t[i].rc, "bankx_date(\"%s\") = %d", t[i].in, rc);
		EXPECT(v == (rc == 0 ? t[i].out : -7),
		    "bankx_date(\"%s\") gave %lld", t[i].in, (long long)v);
	}
	TABLE_DONE();
}

/* --- the fixtures ----------------------------------------------------------- */

/* What one document of a fixture must be; NULL: not given. */
struct want_doc {
	size_t		 line;
	const char	*number;
	int64_t		 date, amount;
	const char	*payer_account, *payer, *payer1, *payer_inn, *payer_kpp;
	const char	*payer_bik;
	const char	*payee_account, *payee, *payee_inn, *payee_kpp;
	const char	*payee_bik;
	int64_t		 date_in, date_out;
	const char	*purpose;
	int		 dir;
	const char	*account;
	size_t		 dup;
	size_t		 nextra;
};

static void
check_doc(const struct bankx_doc *d, const struct want_doc *w, size_t i)
{
	EXPECT(d->line == w->line, "doc %zu: line %zu, want %zu", i, d->line,
	    w->line);
	EXPECT_STR(d->kind, "Платежное поручение", "doc %zu kind", i);
	EXPECT_STR(d->number, w->number, "doc %zu Номер", i);
	EXPECT(d->date == w->date, "doc %zu: Дата %lld", i,
	    (long long)d->date);
	EXPECT(d->amount == w->amount, "doc %zu: Сумма %lld", i,
	    (long long)d->amount);
	EXPECT_STR(d->payer_account, w->payer_account, "doc %zu payer acc", i);
	EXPECT_STR(d->payer, w->payer, "doc %zu Плательщик", i);
	EXPECT_STR(d->payer1, w->payer1, "doc %zu Плательщик1", i);
	EXPECT_STR(d->payer_inn, w->payer_inn, "doc %zu ПлательщикИНН", i);
	EXPECT_STR(d->payer_kpp, w->payer_kpp, "doc %zu ПлательщикКПП", i);
	EXPECT_STR(d->payer_bik, w->payer_bik, "doc %zu ПлательщикБИК", i);
	EXPECT_STR(d->payee_account, w->payee_account, "doc %zu payee acc", i);
	EXPECT_STR(d->payee, w->payee, "doc %zu Получатель", i);
	EXPECT_STR(d->payee_inn, w->payee_inn, "doc %zu ПолучательИНН", i);
	EXPECT_STR(d->payee_kpp, w->payee_kpp, "doc %zu ПолучательКПП", i);
	EXPECT_STR(d->payee_bik, w->payee_bik, "doc %zu ПолучательБИК", i);
	EXPECT(d->date_in == w->date_in, "doc %zu: ДатаПоступило %lld", i,
	    (long long)d->date_in);
	EXPECT(d->date_out == w->date_out, "doc %zu: ДатаСписано %lld", i,
	    (long long)d->date_out);
	EXPECT_STR(d->purpose, w->purpose, "doc %zu НазначениеПлатежа", i);
	EXPECT_STR(d->pay_kind, "01", "doc %zu ВидОплаты", i);
	EXPECT(d->priority == 5, "doc %zu: Очередность %d", i, d->priority);
	EXPECT(d->dir == w->dir, "doc %zu: dir %d, want %d", i, d->dir,
	    w->dir);
	EXPECT_STR(d->account, w->account, "doc %zu: our account", i);
	EXPECT(d->dup == w->dup, "doc %zu: dup %zu, want %zu", i, d->dup,
	    w->dup);
	EXPECT(d->nextra == w->nextra, "doc %zu: %zu other keys, want %zu", i,
	    d->nextra, w->nextra);
}

static const struct want_doc statement_docs[] = {
	{ 31, "1532", 20261130, 123456,
	  "40702810800000004567", "ИНН 7728451234 ООО «Ромашка»",
	  "ООО «Ромашка»", "7728451234", "772801001", "044525187",
	  A1, "ИНН 7701234560 ООО «Демо»", "7701234560", "770101001",
	  "044525225", 20261201, 0,
	  "Оплата по счёту № 45 от 28.11.2026, в т.ч. НДС 20% 205.76 руб.",
	  BANKX_IN, A1, 0, 0 },
	{ 56, "88", 20261201, 500000,
	  "40802810000000077777", "ИП Сидоров Пётр Ильич", NULL,
	  "500312345614", "", "044525974",
	  A1, "ООО «Демо»", "7701234560", NULL, "044525225", 20261201, 0,
	  "Оплата по договору 17/2026 от 15.11.2026. Без НДС",
	  BANKX_IN, A1, 0, 0 },
	{ 74, "214", 20261201, 2100000,
	  A1, "ООО «Демо»", NULL, "7701234560", "770101001", "044525225",
	  "40702810855000009876", "ООО «Техноком»", "7719988777", "771901001",
	  "044030653", 0, 20261201,
	  "Оплата по счёту поставщика № 318 от 25.11.2026 (PO-2026-000003), "
	  "в т.ч. НДС 20% 3500.00 руб.",
	  BANKX_OUT, A1, 0, 0 },
	{ 94, "9071", 20261201, 1000000,
	  "40702810100001234567", "АО «Гранит»", NULL, "7803123450",
	  "780301001", "044525700",
	  A2, "ООО «Демо»", "7701234560", "770101001", "044525593",
	  20261201, 0, "Предоплата по заказу №12. НДС не облагается",
	  BANKX_IN, A2, 0, 2 },
};

static void
test_statement(void **state)
{
	struct bankx_file	*f = NULL;
	const struct bankx_section *s;
	char			*data, *cause = NULL;
	size_t			 len, i;

	(void)state;
	data = slurp("tests/data/bank/statement.txt", &len);
	/* As committed: cp1251 (no UTF-8 Cyrillic), CRLF. */
	assert_non_null(memmem(data, len, "\r\n\xca\xee\xed\xe5\xf6\xd4"
	    "\xe0\xe9\xeb\xe0\r\n", 14));
	assert_int_equal(bankx_parse("statement.txt", data, len, NULL, &f,
	    &cause), 0);
	assert_null(cause);
	EXPECT_STR(f->version, "1.03", "ВерсияФормата");
	EXPECT_STR(f->encoding, "Windows", "Кодировка");
	EXPECT_STR(f->sender, "Банк-клиент", "Отправитель");
	EXPECT_STR(f->receiver, "1С:Бухгалтерия предприятия", "Получатель");
	EXPECT(f->created == 20261201, "ДатаСоздания");
	EXPECT_STR(f->created_time, "18:05:12", "ВремяСоздания");
	EXPECT(f->from == 20261201 && f->to == 20261201, "period");
	EXPECT(f->naccounts == 2, "%zu accounts", f->naccounts);
	if (f->naccounts == 2) {
		EXPECT_STR(f->accounts[0], A1, "РасчСчет 1");
		EXPECT_STR(f->accounts[1], A2, "РасчСчет 2");
	}
	EXPECT(f->nextra == 1, "%zu other header keys", f->nextra);
	if (f->nextra == 1) {
		EXPECT_STR(f->extra[0].key, "Документ", "header extra key");
		EXPECT_STR(f->extra[0].value, "Платежное поручение",
		    "header extra value");
		EXPECT(f->extra[0].line == 12, "extra on line %zu",
		    f->extra[0].line);
	}

	EXPECT(f->nsections == 2, "%zu sections", f->nsections);
	if (f->nsections == 2) {
		s = &f->sections[0];
		EXPECT(s->line == 13, "section 1 on line %zu", s->line);
		EXPECT_STR(s->account, A1, "section 1 РасчСчет");
		EXPECT(s->from == 20261201 && s->to == 20261201, "s1 period");
		EXPECT(s->has == (BANKX_HAS_OPENING | BANKX_HAS_IN |
		    BANKX_HAS_OUT | BANKX_HAS_CLOSING), "s1 has %#x", s->has);
		EXPECT(s->opening == 15000000 && s->in == 623456 &&
		    s->out == 2100000 && s->closing == 13523456,
		    "s1 %lld + %lld - %lld = %lld", (long long)s->opening,
		    (long long)s->in, (long long)s->out,
		    (long long)s->closing);
		s = &f->sections[1];
		EXPECT(s->line == 22, "section 2 on line %zu", s->line);
		EXPECT_STR(s->account, A2, "section 2 РасчСчет");
		EXPECT(s->opening == 0 && s->in == 1000000 && s->out == 0 &&
		    s->closing == 1000000, "s2 amounts");
	}
	/* The sections add up, as a bank's do. */
	for (i = 0; i < f->nsections; i++) {
		s = &f->sections[i];
		EXPECT(s->opening + s->in - s->out == s->closing,
		    "section %zu does not add up", i);
	}

	EXPECT(f->ndocs == NITEMS(statement_docs), "%zu documents", f->ndocs);
	for (i = 0; i < f->ndocs && i < NITEMS(statement_docs); i++)
		check_doc(&f->docs[i], &statement_docs[i], i);
	if (f->ndocs == 4) {
		EXPECT_STR(f->docs[0].payer_bank, "Банк ВТБ (ПАО)",
		    "ПлательщикБанк1");
		EXPECT_STR(f->docs[0].payee_corr, "30101810400000000225",
		    "ПолучательКорсчет");
		EXPECT_STR(bankx_payer_name(&f->docs[0]), "ООО «Ромашка»",
		    "payer name from Плательщик1");
		EXPECT_STR(bankx_payer_name(&f->docs[1]),
		    "ИП Сидоров Пётр Ильич", "payer name from Плательщик");
		EXPECT_STR(f->docs[3].extra[0].key, "ВидПлатежа", "extra 1");
		EXPECT_STR(f->docs[3].extra[0].value, "электронно", "extra 1");
		EXPECT(f->docs[3].extra[0].line == 109, "extra 1 on line %zu",
		    f->docs[3].extra[0].line);
		EXPECT_STR(f->docs[3].extra[1].key, "Код", "extra 2");
		EXPECT_STR(f->docs[3].extra[1].value, "0", "extra 2");
		/* Each key's own line, for what is wrong with its value;
		 * a key not given: the document's. */
		EXPECT(bankx_key_line(&f->docs[0], "Сумма") == 34,
		    "Сумма on line %zu", bankx_key_line(&f->docs[0], "Сумма"));
		EXPECT(bankx_key_line(&f->docs[1], "НазначениеПлатежа") ==
		    72, "НазначениеПлатежа on line %zu",
		    bankx_key_line(&f->docs[1], "НазначениеПлатежа"));
		EXPECT(bankx_key_line(&f->docs[0], "Плательщик2") == 31,
		    "no such key: the document's line");
	}
	bankx_free(f);
	free(data);
	TABLE_DONE();
}

/* The next day's statement repeats payment 1532: the parser reads it as
 * any other (each file alone has no duplicate); a file that has the
 * same document twice marks the second. */
static void
test_statement2(void **state)
{
	struct bankx_file	*f = NULL, *g = NULL;
	char			*data, *cause = NULL;
	size_t			 len;

	(void)state;
	data = slurp("tests/data/bank/statement2.txt", &len);
	assert_int_equal(bankx_parse("statement2.txt", data, len, NULL, &f,
	    &cause), 0);
	free(data);
	assert_int_equal(f->ndocs, 2);
	assert_int_equal(f->naccounts, 1);
	EXPECT(f->from == 20261201 && f->to == 20261202, "period");
	EXPECT(f->sections[0].closing == 13573456, "closing");
	check_doc(&f->docs[0], &(struct want_doc){ 19, "1532", 20261130,
	    123456, "40702810800000004567", "ИНН 7728451234 ООО «Ромашка»",
	    "ООО «Ромашка»", "7728451234", "772801001", "044525187",
	    A1, "ООО «Демо»", "7701234560", NULL, "044525225", 20261201, 0,
	    "Оплата по счёту № 45 от 28.11.2026, в т.ч. НДС 20% 205.76 руб.",
	    BANKX_IN, A1, 0, 0 }, 0);
	EXPECT_STR(f->docs[1].number, "1533", "second");
	EXPECT(f->docs[1].amount == 50000 && f->docs[1].dup == 0, "second");

	data = slurp("tests/data/bank/statement.txt", &len);
	assert_int_equal(bankx_parse("statement.txt", data, len, NULL, &g,
	    &cause), 0);
	free(data);
	/* The same bank document as the first statement's first. */
	EXPECT(g->docs[0].amount == f->docs[0].amount &&
	    g->docs[0].date == f->docs[0].date &&
	    strcmp(g->docs[0].number, f->docs[0].number) == 0 &&
	    strcmp(g->docs[0].account, f->docs[0].account) == 0,
	    "1532 is the same in both");
	bankx_free(f);
	bankx_free(g);
	TABLE_DONE();
}

#define HDR	"1CClientBankExchange\nВерсияФормата=1.03\nКодировка=Windows\n" \
		"РасчСчет=" A1 "\nРасчСчет=" A2 "\n"
#define DOC(n, sum, from, to)						\
	"СекцияДокумент=Платежное поручение\nНомер=" n "\n"		\
	"Дата=01.12.2026\nСумма=" sum "\nПлательщикСчет=" from "\n"	\
	"ПолучательСчет=" to "\nКонецДокумента\n"

/* Inside one file: the same document twice, between own accounts,
 * neither account ours; the account sections also make an account ours. */
static void
test_direction_dup(void **state)
{
	static const char text[] = HDR
	    DOC("1", "10.00", "40702810800000004567", A1)
	    DOC("2", "20.00", A1, A2)
	    DOC("3", "30.00", "40702810800000004567",
		"40702810100001234567")
	    DOC("1", "10.00", "40702810800000004567", A1)
	    DOC("1", "10.01", "40702810800000004567", A1)
	    DOC("4", "40.00", "40702810610000099999",
		"40702810800000004567")
	    "СекцияРасчСчет\nРасчСчет=40702810610000099999\nКонецРасчСчет\n"
	    "КонецФайла\n";
	static const struct { int dir; size_t dup; const char *acc; } w[] = {
		{ BANKX_IN, 0, A1 },
		{ BANKX_OWN, 0, A2 },
		{ BANKX_NONE, 0, NULL },
		{ BANKX_IN, 1, A1 },
		{ BANKX_IN, 0, A1 },
		{ BANKX_OUT, 0, "40702810610000099999" },
	};
	struct bankx_file	*f = NULL;
	char			*data, *cause = NULL;
	size_t			 len, i;

	(void)state;
	data = encode(text, "CP1251", &len);
	assert_int_equal(bankx_parse("t.txt", data, len, NULL, &f, &cause),
	    0);
	free(data);
	assert_int_equal(f->ndocs, NITEMS(w));
	for (i = 0; i < NITEMS(w); i++) {
		EXPECT(f->docs[i].dir == w[i].dir, "doc %zu dir %d", i,
		    f->docs[i].dir);
		EXPECT(f->docs[i].dup == w[i].dup, "doc %zu dup %zu", i,
		    f->docs[i].dup);
		EXPECT_STR(f->docs[i].account, w[i].acc, "doc %zu account", i);
	}
	bankx_free(f);
	TABLE_DONE();
}

/* Encodings: DOS is cp866, none is cp1251, an override wins, LF alone
 * is fine, a UTF-8 BOM means UTF-8. */
static void
test_encodings(void **state)
{
	static const char body[] = "ДатаНачала=01.12.2026\n"
	    DOC("7", "1.00", "40702810800000004567", A1) "КонецФайла\n";
	struct bankx_file	*f;
	char			*data, *cause = NULL, *text;
	size_t			 len;

	(void)state;
	xasprintf(&text, "1CClientBankExchange\nКодировка=DOS\nРасчСчет="
	    A1 "\n%s", body);
	data = encode(text, "CP866", &len);
	assert_int_equal(bankx_parse("t.txt", data, len, NULL, &f, &cause),
	    0);
	assert_string_equal(f->encoding, "DOS");
	assert_string_equal(f->docs[0].kind, "Платежное поручение");
	bankx_free(f);
	/* Read as cp1251, cp866 is nonsense: no КонецФайла. */
	assert_int_equal(bankx_parse("t.txt", data, len, "CP1251", &f,
	    &cause), -1);
	assert_true(strncmp(cause, "t.txt:11: not a key=value line: ", 32) ==
	    0);
	free(cause);
	cause = NULL;
	free(data);
	free(text);

	xasprintf(&text, "1CClientBankExchange\nРасчСчет=" A1 "\n%s", body);
	data = encode(text, "CP1251", &len);
	assert_int_equal(bankx_parse("t.txt", data, len, NULL, &f, &cause),
	    0);
	assert_null(f->encoding);
	assert_int_equal(f->docs[0].amount, 100);
	assert_int_equal(f->docs[0].dir, BANKX_IN);
	bankx_free(f);
	free(data);

	/* LF only, UTF-8 by the override. */
	assert_int_equal(bankx_parse("t.txt", text, strlen(text), "UTF-8", &f,
	    &cause), 0);
	assert_int_equal(f->docs[0].line, 4);
	bankx_free(f);
	free(text);
	xasprintf(&text, "\xef\xbb\xbf" "1CClientBankExchange\nРасчСчет=" A1
	    "\n%s", body);
	assert_int_equal(bankx_parse("t.txt", text, strlen(text), NULL, &f,
	    &cause), 0);
	assert_string_equal(f->docs[0].number, "7");
	bankx_free(f);
	free(text);
}

/* Each bad file is refused whole, naming the line and the key. */
static void
test_errors(void **state)
{
	static const struct {
		const char	*text;
		const char	*cause;
	} t[] = {
		{ "1CClientBankExchang\nКонецФайла\n",
		  "t.txt:1: not a bank statement in 1C's format (the first "
		  "line is not 1CClientBankExchange)" },
		{ "Номер=1\n1CClientBankExchange\n",
		  "t.txt:1: not a bank statement in 1C's format (the first "
		  "line is not 1CClientBankExchange)" },
		{ "",
		  "t.txt:1: not a bank statement in 1C's format (the first "
		  "line is not 1CClientBankExchange)" },
		{ HDR "СекцияДокумент=Платежное поручение\nНомер=5\n"
		  "Дата=01.12.2026\nСумма=12,3x\nКонецДокумента\nКонецФайла\n",
		  "t.txt:9: Сумма: 12,3x is not an amount" },
		{ HDR "СекцияДокумент=Платежное поручение\nНомер=5\n"
		  "Дата=1.12.2026\nСумма=12\nКонецДокумента\nКонецФайла\n",
		  "t.txt:8: Дата: 1.12.2026 is not a date (DD.MM.YYYY)" },
		{ HDR "СекцияДокумент=Платежное поручение\nНомер=5\n"
		  "Дата=01.12.2026\nСумма=12\nСумма=13\nКонецДокумента\n"
		  "КонецФайла\n",
		  "t.txt:10: Сумма: given twice" },
		{ HDR "СекцияДокумент=Платежное поручение\nНомер=5\n"
		  "Дата=01.12.2026\nКонецДокумента\nКонецФайла\n",
		  "t.txt:9: the document of line 6 has no Сумма" },
		{ HDR "СекцияДокумент=Платежное поручение\nНомер=5\n"
		  "Сумма=1\nКонецДокумента\nКонецФайла\n",
		  "t.txt:9: the document of line 6 has no Дата" },
		{ HDR "СекцияДокумент=Платежное поручение\nНомер=5\n"
		  "Дата=01.12.2026\nСумма=12\nСекцияДокумент=Платежное "
		  "поручение\n",
		  "t.txt:10: СекцияДокумент: the document of line 6 has no "
		  "КонецДокумента" },
		{ HDR DOC("1", "1", A1, A2),
		  "t.txt:12: no КонецФайла: the file ends early (cut "
		  "short?)" },
		{ HDR "СекцияДокумент=Платежное поручение\nНомер=5\n"
		  "Дата=01.12.2026\nСумма=12\n",
		  "t.txt:9: no КонецФайла: the file ends early (cut "
		  "short?)" },
		{ HDR "КонецДокумента\nКонецФайла\n",
		  "t.txt:6: КонецДокумента without its section's start" },
		{ HDR "Выписка за декабрь\nКонецФайла\n",
		  "t.txt:6: not a key=value line: Выписка за декабрь" },
		{ HDR "СекцияРасчСчет\nДатаНачала=01.12.2026\nКонецРасчСчет\n"
		  "КонецФайла\n",
		  "t.txt:8: the section of line 6 has no РасчСчет" },
		{ HDR "СекцияРасчСчет\nРасчСчет=" A1 "\nНачальныйОстаток=1.2.3\n"
		  "КонецРасчСчет\nКонецФайла\n",
		  "t.txt:8: НачальныйОстаток: 1.2.3 is not an amount" },
		{ HDR "СекцияРасчСчет\nРасчСчет=" A1 "\nСекцияДокумент=Платежное"
		  " поручение\n",
		  "t.txt:8: СекцияДокумент: the section of line 6 has no "
		  "КонецРасчСчет" },
		{ HDR "ДатаСоздания=2026-12-01\nКонецФайла\n",
		  "t.txt:6: ДатаСоздания: 2026-12-01 is not a date "
		  "(DD.MM.YYYY)" },
		{ HDR "СекцияДокумент=Платежное поручение\nНомер=5\n"
		  "Дата=01.12.2026\nСумма=1\nОчередность=пятая\n"
		  "КонецДокумента\nКонецФайла\n",
		  "t.txt:10: Очередность: пятая is not a number" },
		{ "1CClientBankExchange\nКодировка=KOI8-R\nКонецФайла\n",
		  "t.txt:2: Кодировка: KOI8-R is neither Windows (cp1251) "
		  "nor DOS (cp866)" },
	};
	struct bankx_file	*f;
	char			*data, *cause;
	size_t			 len, i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++) {
		f = (struct bankx_file *)0x1;
		cause = NULL;
		data = encode(t[i].text, "CP1251", &len);
		EXPECT(bankx_parse("t.txt", data, len, NULL, &f, &cause) == -1,
		    "row %zu parsed", i);
		EXPECT(f == (struct bankx_file *)0x1, "row %zu: out set", i);
		EXPECT_STR(cause, t[i].cause, "row %zu", i);
		free(cause);
		free(data);
	}
	TABLE_DONE();
}

/* Bytes that are not text: cp1251's one undefined byte, a NUL. */
static void
test_bad_bytes(void **state)
{
	static const char undef[] = "1CClientBankExchange\r\nРасчСчет=1\r\n"
	    "\xcd\xe0\xe7\xed\xe0\xf7\xe5\xed\xe8\xe5=\x98\r\nКонецФайла\r\n";
	static const char nul[] = "1CClientBankExchange\r\n\r\nA=\0\r\n";
	struct bankx_file	*f = NULL;
	char			*cause = NULL;

	(void)state;
	assert_int_equal(bankx_parse("t.txt", undef, sizeof undef - 1, NULL,
	    &f, &cause), -1);
	assert_string_equal(cause, "t.txt:3: not valid CP1251 text");
	free(cause);
	cause = NULL;
	assert_int_equal(bankx_parse("t.txt", nul, sizeof nul - 1, NULL, &f,
	    &cause), -1);
	assert_string_equal(cause, "t.txt:3: a NUL byte: this is no text "
	    "file");
	free(cause);
	assert_null(f);
}

/* --- the writer ------------------------------------------------------------ */

static int
str_eq(const char *a, const char *b)
{
	return ((a == NULL && b == NULL) || (a != NULL && b != NULL &&
	    strcmp(a, b) == 0));
}

/* Two parsed or built files hold the same (line numbers aside). */
static void
same_file(const struct bankx_file *a, const struct bankx_file *b)
{
	size_t	 i, k;

#define S(x)	EXPECT(str_eq(a->x, b->x), #x ": %s / %s", a->x ? a->x : \
		    "(null)", b->x ? b->x : "(null)")
#define N(x)	EXPECT(a->x == b->x, #x ": %lld / %lld", (long long)a->x, \
		    (long long)b->x)
	S(version);
	S(sender);
	S(receiver);
	S(created_time);
	N(created);
	N(from);
	N(to);
	N(naccounts);
	for (i = 0; i < a->naccounts && i < b->naccounts; i++)
		S(accounts[i]);
	N(nextra);
	for (i = 0; i < a->nextra && i < b->nextra; i++) {
		S(extra[i].key);
		S(extra[i].value);
	}
	N(nsections);
	for (i = 0; i < a->nsections && i < b->nsections; i++) {
		S(sections[i].account);
		N(sections[i].from);
		N(sections[i].to);
		N(sections[i].has);
		N(sections[i].opening);
		N(sections[i].in);
		N(sections[i].out);
		N(sections[i].closing);
		N(sections[i].nextra);
	}
	N(ndocs);
	for (i = 0; i < a->ndocs && i < b->ndocs; i++) {
		S(docs[i].kind);
		S(docs[i].number);
		N(docs[i].date);
		N(docs[i].amount);
		S(docs[i].payer_account);
		S(docs[i].payer);
		S(docs[i].payer1);
		S(docs[i].payer_inn);
		S(docs[i].payer_kpp);
		S(docs[i].payer_bank);
		S(docs[i].payer_bik);
		S(docs[i].payer_corr);
		S(docs[i].payee_account);
		S(docs[i].payee);
		S(docs[i].payee1);
		S(docs[i].payee_inn);
		S(docs[i].payee_kpp);
		S(docs[i].payee_bank);
		S(docs[i].payee_bik);
		S(docs[i].payee_corr);
		N(docs[i].date_in);
		N(docs[i].date_out);
		S(docs[i].pay_kind);
		N(docs[i].priority);
		S(docs[i].purpose);
		N(docs[i].dir);
		S(docs[i].account);
		N(docs[i].dup);
		N(docs[i].nextra);
		for (k = 0; k < a->docs[i].nextra && k < b->docs[i].nextra;
		    k++) {
			S(docs[i].extra[k].key);
			S(docs[i].extra[k].value);
		}
	}
#undef S
#undef N
}

/* The fixture written and read back is the fixture. */
static void
test_fixture_roundtrip(void **state)
{
	struct bankx_file	*f = NULL, *g = NULL;
	struct buf		 b = { NULL, 0, 0 }, c = { NULL, 0, 0 };
	char			*data, *cause = NULL;
	size_t			 len;

	(void)state;
	data = slurp("tests/data/bank/statement.txt", &len);
	assert_int_equal(bankx_parse("statement.txt", data, len, NULL, &f,
	    &cause), 0);
	free(data);
	assert_int_equal(bankx_write(f, &b, &cause), 0);
	assert_int_equal(bankx_parse("out.txt", b.data, b.len, NULL, &g,
	    &cause), 0);
	same_file(f, g);
	/* Written again: the same bytes. */
	assert_int_equal(bankx_write(g, &c, &cause), 0);
	assert_int_equal(b.len, c.len);
	assert_memory_equal(b.data, c.data, b.len);
	bankx_free(f);
	bankx_free(g);
	buf_free(&b);
	buf_free(&c);
	TABLE_DONE();
}

/* Outgoing payments made by hand, as the export makes them. */
static void
test_write_payments(void **state)
{
	struct bankx_doc	 d[2];
	struct bankx_kv		 kv = { (char *)"КодБК", (char *)"", 0 };
	struct bankx_file	 f, *g = NULL;
	struct buf		 b = { NULL, 0, 0 };
	char			*cause = NULL, *p;

	(void)state;
	memset(&f, 0, sizeof f);
	memset(d, 0, sizeof d);
	f.sender = (char *)"kontor";
	f.receiver = (char *)"Банк-клиент";
	f.created = f.from = f.to = 20261203;
	d[0].kind = (char *)"Платежное поручение";
	d[0].number = (char *)"17";
	d[0].date = 20261203;
	d[0].amount = 2100050;
	d[0].payer_account = (char *)A1;
	d[0].payer = (char *)"ООО «Демо»";
	d[0].payer_inn = (char *)"7701234560";
	d[0].payer_kpp = (char *)"770101001";
	d[0].payer_bik = (char *)"044525225";
	d[0].payee_account = (char *)"40702810855000009876";
	d[0].payee = (char *)"ООО «Техноком»";
	d[0].payee_inn = (char *)"7719988777";
	d[0].payee_bik = (char *)"044030653";
	d[0].purpose = (char *)"Оплата по счёту № 318 от 25.11.2026, "
	    "в т.ч. НДС 20% — 3500.08 руб.";
	d[1] = d[0];
	d[1].number = (char *)"18";
	d[1].amount = 7;
	d[1].payer_account = (char *)A2;
	d[1].extra = &kv;
	d[1].nextra = 1;
	f.docs = d;
	f.ndocs = 2;
	bankx_make_sections(&f);
	assert_int_equal(f.naccounts, 2);
	assert_int_equal(f.nsections, 2);
	assert_string_equal(f.sections[0].account, A1);
	assert_int_equal(f.sections[0].out, 2100050);
	assert_int_equal(f.sections[1].out, 7);
	assert_int_equal(f.sections[1].from, 20261203);

	assert_int_equal(bankx_write(&f, &b, &cause), 0);
	/* cp1251 and CRLF: "№ 318" is \xb9, the dash \x97. */
	assert_non_null(memmem(b.data, b.len, "\xb9 318", 5));
	assert_non_null(memmem(b.data, b.len, "% \x97 3500.08", 10));
	assert_memory_equal(b.data, "1CClientBankExchange\r\n", 22);
	assert_memory_equal(b.data + b.len - 12, "\xca\xee\xed\xe5\xf6\xd4"
	    "\xe0\xe9\xeb\xe0\r\n", 12);
	for (p = b.data; (p = memchr(p, '\n', (size_t)(b.data + b.len -
	    p))) != NULL; p++)
		assert_int_equal(p[-1], '\r');
	assert_int_equal(bankx_parse("out.txt", b.data, b.len, NULL, &g,
	    &cause), 0);
	/* The defaults the writer gave. */
	assert_string_equal(g->encoding, "Windows");
	assert_string_equal(g->version, "1.03");
	assert_string_equal(g->docs[0].pay_kind, "01");
	assert_int_equal(g->docs[0].priority, 5);
	assert_int_equal(g->docs[0].dir, BANKX_OUT);
	assert_string_equal(g->docs[1].account, A2);
	assert_int_equal(g->docs[1].amount, 7);
	assert_string_equal(g->docs[1].extra[0].key, "КодБК");
	assert_string_equal(g->docs[1].purpose, d[0].purpose);
	assert_int_equal(g->docs[1].line, 40);
	d[0].pay_kind = (char *)"01";
	d[0].priority = 5;
	d[1].pay_kind = (char *)"01";
	d[1].priority = 5;
	d[0].dir = d[1].dir = BANKX_OUT;
	d[0].account = A1;
	d[1].account = A2;
	f.version = (char *)"1.03";
	same_file(&f, g);
	bankx_free(g);
	buf_free(&b);

	/* What the format cannot carry is refused, and nothing written. */
	d[1].purpose = (char *)"две\nстроки";
	assert_int_equal(bankx_write(&f, &b, &cause), -1);
	assert_string_equal(cause, "НазначениеПлатежа: две\\nстроки: a "
	    "line break cannot be written in this format");
	free(cause);
	cause = NULL;
	assert_int_equal(b.len, 0);
	d[1].purpose = (char *)"Оплата 中文";
	assert_int_equal(bankx_write(&f, &b, &cause), -1);
	assert_string_equal(cause, "cannot be written in cp1251: "
	    "НазначениеПлатежа=Оплата 中文");
	free(cause);
	assert_int_equal(b.len, 0);

	free(f.accounts[0]);
	free(f.accounts[1]);
	free(f.accounts);
	free(f.sections[0].account);
	free(f.sections[1].account);
	free(f.sections);
	TABLE_DONE();
}

/* --- purposes -------------------------------------------------------------- */

static void
test_purpose(void **state)
{
	static const struct {
		const char	*text;
		int64_t		 date;
		const char	*want;
	} t[] = {
		{ "Оплата по счету № 45 от 28.11.2026, в т.ч. НДС 20% 205.76 "
		  "руб.", 20261201, "INV-2026-000045" },
		{ "Оплата по счёту № 45 от 28.11.2025", 20260105,
		  "INV-2025-000045" },
		{ "ОПЛАТА ПО СЧЁТУ №45", 20261201, "INV-2026-000045" },
		{ "оплата по счету 45", 20261201, "INV-2026-000045" },
		{ "Оплата по сч. 45 от 28.11.26г.", 20270110,
		  "INV-2026-000045" },
		{ "Оплата сч №0045", 20261201, "INV-2026-000045" },
		{ "Оплата по счету N 45", 20261201, "INV-2026-000045" },
		{ "Оплата по счету No. 45", 20261201, "INV-2026-000045" },
		{ "Оплата по счету на оплату № 45 от 28.11.2026", 20261201,
		  "INV-2026-000045" },
		{ "Оплата по счету от 28.11.2025 № 45", 20260110,
		  "INV-2025-000045" },
		{ "Оплата по счетам № 45, 46 и 47 от 28.11.2026", 20270101,
		  "INV-2026-000045 INV-2026-000046 INV-2026-000047" },
		{ "Оплата по счетам №№ 45; 46", 20261201,
		  "INV-2026-000045 INV-2026-000046" },
		{ "Оплата по счету № 45 от 28.12.2025 и № 46 от 02.01.2026",
		  20260110, "INV-2025-000045 INV-2026-000046" },
		{ "Предоплата по заказу №12. НДС не облагается", 20261201,
		  "SO-2026-000012" },
		{ "Заказ 12 и счёт 45", 20261201,
		  "SO-2026-000012 INV-2026-000045" },
		{ "Оплата INV-2026-000045, SO-2026-000012", 20271201,
		  "INV-2026-000045 SO-2026-000012" },
		{ "оплата inv-2026-45 (счёт № 45 от 28.11.2026)", 20261201,
		  "INV-2026-000045" },
		{ "Доплата по INV-2026-000046 и по счету 45 от 28.11.2026",
		  20261202, "INV-2026-000046 INV-2026-000045" },
		{ "Оплата(SHP-2026-000007)по УПД; PO-2026-000003;"
		  "RCP-2026-000001", 20261201,
		  "SHP-2026-000007 PO-2026-000003 RCP-2026-000001" },
		{ "Оплата по счёту № 45, повторно по счету 45", 20261201,
		  "INV-2026-000045" },
		/* Not invoice numbers. */
		{ "Оплата по договору № 15 от 01.01.2026", 20261201, NULL },
		{ "Оплата по счету от 28.11.2026", 20261201, NULL },
		{ "Оплата по счету 28.11.2026", 20261201, NULL },
		{ "Оплата по счет-фактуре № 123 от 28.11.2026", 20261201,
		  NULL },
		{ "Оплата по счету-фактуре 123", 20261201, NULL },
		{ "Оплата по сч/ф № 123", 20261201, NULL },
		{ "Перевод на расчетный счет 40702810938000012345", 20261201,
		  NULL },
		{ "Оплата по счету 45/1", 20261201, NULL },
		{ "Оплата по счету, НДС 20%", 20261201, NULL },
		{ "Оплата по счету № 1234,56 руб", 20261201, NULL },
		{ "Заказчик № 5", 20261201, NULL },
		{ "Оплата xINV-2026-000045 и SPO-2026-000001", 20261201,
		  NULL },
		{ "Оплата по счету № 0", 20261201, NULL },
		{ "", 20261201, NULL },
	};
	size_t	 i;
	char	*got;

	(void)state;
	for (i = 0; i < NITEMS(t); i++) {
		got = money_purpose_docs(t[i].text, t[i].date);
		EXPECT_STR(got, t[i].want, "\"%s\"", t[i].text);
		free(got);
	}
	assert_null(money_purpose_docs(NULL, 20261201));
	TABLE_DONE();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amounts),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_statement),
		cmocka_unit_test(test_statement2),
		cmocka_unit_test(test_direction_dup),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_fixture_roundtrip),
		cmocka_unit_test(test_write_payments),
		cmocka_unit_test(test_purpose),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
