#ifndef KONTOR_MODEL_BANKX_H
#define KONTOR_MODEL_BANKX_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/*
 * Bank statements in 1C's exchange format (1CClientBankExchange), the
 * text every Russian bank's client exports and imports: key=value lines
 * in cp1251 (Кодировка=Windows) or cp866 (Кодировка=DOS), a header, one
 * СекцияРасчСчет ... КонецРасчСчет per account with its balances, and
 * the documents, СекцияДокумент=<kind> ... КонецДокумента, up to
 * КонецФайла.
 *
 * A pure module: bytes in, structures out, and back; no database.  All
 * text in the structures is UTF-8; money is int64 kopecks, dates are
 * YYYYMMDD (0: not given).
 */

/* A key=value line kept as it was (the keys this module has no field
 * for), with its line in the file. */
struct bankx_kv {
	char		*key;
	char		*value;
	size_t		 line;
};

/* A document's direction relative to the firm's accounts in the file. */
#define BANKX_NONE	0	/* neither account is ours */
#define BANKX_IN	1	/* ours is ПолучательСчет: money in */
#define BANKX_OUT	2	/* ours is ПлательщикСчет: money out */
#define BANKX_OWN	3	/* both are ours: between own accounts */

#define BANKX_DOC_KEYS	32	/* the document keys the parser knows, at
				   most */
struct bankx_doc {
	size_t		 line;		/* of СекцияДокумент=, 1-based */
	char		*kind;		/* "Платежное поручение" */
	char		*number;	/* Номер */
	int64_t		 date;		/* Дата */
	int64_t		 amount;	/* Сумма, kopecks */
	char		*payer_account;	/* ПлательщикСчет */
	char		*payer;		/* Плательщик: often "ИНН ... name" */
	char		*payer1;	/* Плательщик1: the name alone */
	char		*payer_inn;	/* ПлательщикИНН */
	char		*payer_kpp;	/* ПлательщикКПП */
	char		*payer_bank;	/* ПлательщикБанк1 */
	char		*payer_bik;	/* ПлательщикБИК */
	char		*payer_corr;	/* ПлательщикКорсчет */
	char		*payee_account;	/* ПолучательСчет */
	char		*payee;		/* Получатель */
	char		*payee1;	/* Получатель1 */
	char		*payee_inn;	/* ПолучательИНН */
	char		*payee_kpp;	/* ПолучательКПП */
	char		*payee_bank;	/* ПолучательБанк1 */
	char		*payee_bik;	/* ПолучательБИК */
	char		*payee_corr;	/* ПолучательКорсчет */
	int64_t		 date_in;	/* ДатаПоступило */
	int64_t		 date_out;	/* ДатаСписано */
	char		*pay_kind;	/* ВидОплаты ("01") */
	int		 priority;	/* Очередность, 0: not given */
	char		*purpose;	/* НазначениеПлатежа */
	struct bankx_kv	*extra;		/* every other key, in order */
	size_t		 nextra;
	size_t		 key_line[BANKX_DOC_KEYS]; /* of each key above
					   given: bankx_key_line() */

	/* Set by the parser. */
	int		 dir;		/* BANKX_* */
	const char	*account;	/* our account: payee_account (in,
					   own) or payer_account (out) */
	size_t		 dup;		/* the same document (number, date,
					   amount, both accounts) earlier in
					   the file: its index + 1; 0: none */
};

/* A СекцияРасчСчет: one account's balances for the period. */
#define BANKX_HAS_OPENING	0x01
#define BANKX_HAS_IN		0x02
#define BANKX_HAS_OUT		0x04
#define BANKX_HAS_CLOSING	0x08
struct bankx_section {
	size_t		 line;
	char		*account;	/* РасчСчет */
	int64_t		 from, to;	/* ДатаНачала, ДатаКонца */
	unsigned	 has;		/* BANKX_HAS_*: which amounts were
					   given */
	int64_t		 opening;	/* НачальныйОстаток */
	int64_t		 in;		/* ВсегоПоступило */
	int64_t		 out;		/* ВсегоСписано */
	int64_t		 closing;	/* КонечныйОстаток */
	struct bankx_kv	*extra;
	size_t		 nextra;
};

struct bankx_file {
	char		*version;	/* ВерсияФормата ("1.03") */
	char		*encoding;	/* Кодировка as written ("Windows");
					   NULL: none given */
	char		*sender;	/* Отправитель */
	char		*receiver;	/* Получатель */
	int64_t		 created;	/* ДатаСоздания */
	char		*created_time;	/* ВремяСоздания */
	int64_t		 from, to;	/* ДатаНачала, ДатаКонца */
	char		**accounts;	/* the header's РасчСчет lines */
	size_t		 naccounts;
	struct bankx_kv	*extra;		/* other header keys */
	size_t		 nextra;
	struct bankx_section *sections;
	size_t		 nsections;
	struct bankx_doc *docs;
	size_t		 ndocs;
};

/*
 * Parse a statement: data (len bytes, the file as read) named name in
 * messages.  encoding overrides the file's Кодировка when not NULL
 * ("cp1251", "cp866", "utf-8"); with neither, cp1251.  0 and *out (the
 * caller's, bankx_free), or -1 and *cause naming the line and the key:
 * "statement.txt:17: Сумма: 12,3x is not an amount".
 */
int	 bankx_parse(const char *name, const char *data, size_t len,
	     const char *encoding, struct bankx_file **out, char **cause);
void	 bankx_free(struct bankx_file *);
/* What a file holds freed, the structure itself left (zeroed). */
void	 bankx_clear(struct bankx_file *);

/*
 * A statement as the format writes it, into out: cp1251 (Кодировка=
 * Windows whatever f->encoding says), CRLF, the header, f's sections,
 * the documents (ВидОплаты 01 and Очередность 5 unless given) and
 * КонецФайла.  bankx_parse reads it back to f.  -1 and *cause when some
 * text has no cp1251 form.
 */
int	 bankx_write(const struct bankx_file *, struct buf *out,
	     char **cause);

/*
 * For a file to upload: one section per account of f->accounts (or, when
 * there are none, per payer account of the documents, which become
 * f->accounts), its period f->from..f->to and ВсегоСписано the sum of
 * its documents.  Existing sections are replaced.
 */
void	 bankx_make_sections(struct bankx_file *);

/* The line of a document's key ("НазначениеПлатежа"), so that what is
 * wrong with its value is said where it is; the document's own line
 * when the key was not given. */
size_t		 bankx_key_line(const struct bankx_doc *, const char *key);

/* The name of a document's payer (payee): Плательщик1, else
 * Плательщик; "" when neither is given.  Borrowed. */
const char	*bankx_payer_name(const struct bankx_doc *);
const char	*bankx_payee_name(const struct bankx_doc *);

/*
 * The format's values: an amount "1234.56" (also "1234,56", "1234",
 * "1234.5") to kopecks; a date DD.MM.YYYY to YYYYMMDD.  0, or -1 when
 * the text is not one (no cause: the caller names the line and key).
 */
int	 bankx_amount(const char *, int64_t *);
int	 bankx_date(const char *, int64_t *);

#endif
