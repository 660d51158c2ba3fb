/*
 * Bank statements in 1C's exchange format (1CClientBankExchange): the
 * parser and the writer.  The keys the module knows are three tables
 * (header, account section, document) read by both directions, so what
 * the writer writes the parser reads back to the same structure.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dict/value.h"
#include "i18n.h"
#include "model/bankx.h"
#include "xmalloc.h"

#define BANKX_MAGIC	"1CClientBankExchange"

enum key_type { K_STR, K_DATE, K_AMOUNT, K_INT };

struct key_def {
	const char	*key;
	enum key_type	 type;
	size_t		 off;		/* of the field in its structure */
	unsigned	 has;		/* BANKX_HAS_* set when given; 0:
					   written when non-zero */
};

#define HF(f)	offsetof(struct bankx_file, f)
#define SF(f)	offsetof(struct bankx_section, f)
#define DF(f)	offsetof(struct bankx_doc, f)

/* In the order the writer writes them (1C's). */
static const struct key_def hdr_keys[] = {
	{ "ВерсияФормата", K_STR, HF(version), 0 },
	{ "Кодировка", K_STR, HF(encoding), 0 },
	{ "Отправитель", K_STR, HF(sender), 0 },
	{ "Получатель", K_STR, HF(receiver), 0 },
	{ "ДатаСоздания", K_DATE, HF(created), 0 },
	{ "ВремяСоздания", K_STR, HF(created_time), 0 },
	{ "ДатаНачала", K_DATE, HF(from), 0 },
	{ "ДатаКонца", K_DATE, HF(to), 0 },
};
static const struct key_def sect_keys[] = {
	{ "ДатаНачала", K_DATE, SF(from), 0 },
	{ "ДатаКонца", K_DATE, SF(to), 0 },
	{ "РасчСчет", K_STR, SF(account), 0 },
	{ "НачальныйОстаток", K_AMOUNT, SF(opening), BANKX_HAS_OPENING },
	{ "ВсегоПоступило", K_AMOUNT, SF(in), BANKX_HAS_IN },
	{ "ВсегоСписано", K_AMOUNT, SF(out), BANKX_HAS_OUT },
	{ "КонечныйОстаток", K_AMOUNT, SF(closing), BANKX_HAS_CLOSING },
};
static const struct key_def doc_keys[] = {
	{ "Номер", K_STR, DF(number), 0 },
	{ "Дата", K_DATE, DF(date), 0 },
	{ "Сумма", K_AMOUNT, DF(amount), 0 },
	{ "ПлательщикСчет", K_STR, DF(payer_account), 0 },
	{ "ДатаСписано", K_DATE, DF(date_out), 0 },
	{ "Плательщик", K_STR, DF(payer), 0 },
	{ "ПлательщикИНН", K_STR, DF(payer_inn), 0 },
	{ "Плательщик1", K_STR, DF(payer1), 0 },
	{ "ПлательщикКПП", K_STR, DF(payer_kpp), 0 },
	{ "ПлательщикБанк1", K_STR, DF(payer_bank), 0 },
	{ "ПлательщикБИК", K_STR, DF(payer_bik), 0 },
	{ "ПлательщикКорсчет", K_STR, DF(payer_corr), 0 },
	{ "ПолучательСчет", K_STR, DF(payee_account), 0 },
	{ "ДатаПоступило", K_DATE, DF(date_in), 0 },
	{ "Получатель", K_STR, DF(payee), 0 },
	{ "ПолучательИНН", K_STR, DF(payee_inn), 0 },
	{ "Получатель1", K_STR, DF(payee1), 0 },
	{ "ПолучательКПП", K_STR, DF(payee_kpp), 0 },
	{ "ПолучательБанк1", K_STR, DF(payee_bank), 0 },
	{ "ПолучательБИК", K_STR, DF(payee_bik), 0 },
	{ "ПолучательКорсчет", K_STR, DF(payee_corr), 0 },
	{ "ВидОплаты", K_STR, DF(pay_kind), 0 },
	{ "Очередность", K_INT, DF(priority), 0 },
	{ "НазначениеПлатежа", K_STR, DF(purpose), 0 },
};
#define NKEYS(t)	(sizeof (t) / sizeof (t)[0])
/* A bit of a uint32_t and a line of bankx_doc's each. */
_Static_assert(NKEYS(doc_keys) <= BANKX_DOC_KEYS && BANKX_DOC_KEYS <= 32,
    "too many document keys");

/* "Кодировка=" as cp1251 and cp866 bytes: the key that says how to read
 * the rest is found before anything is converted. */
static const char enc_key_1251[] =
    "\xca\xee\xe4\xe8\xf0\xee\xe2\xea\xe0=";
static const char enc_key_866[] =
    "\x8a\xae\xa4\xa8\xe0\xae\xa2\xaa\xa0=";
static const char enc_key_utf8[] = "Кодировка=";

/* --- values ----------------------------------------------------------- */

int
bankx_amount(const char *s, int64_t *out)
{
	int64_t		 v = 0;
	const char	*p = s;
	int		 n = 0, frac = 0;

	for (; *p >= '0' && *p <= '9'; p++, n++) {
		if (n >= 15)
			return (-1);
		v = v * 10 + (*p - '0');
	}
	if (n == 0)
		return (-1);
	v *= 100;
	if (*p == '.' || *p == ',') {
		p++;
		if (*p < '0' || *p > '9')
			return (-1);
		frac = (*p++ - '0') * 10;
		if (*p >= '0' && *p <= '9')
			frac += *p++ - '0';
	}
	if (*p != '\0')
		return (-1);
	*out = v + frac;
	return (0);
}

int
bankx_date(const char *s, int64_t *out)
{
	static const char	 pat[] = "dd.dd.dddd";
	int			 i, d, m, y;

	for (i = 0; pat[i] != '\0'; i++)
		if (pat[i] == 'd' ? s[i] < '0' || s[i] > '9' :
		    s[i] != pat[i])
			return (-1);
	if (s[i] != '\0')
		return (-1);
	d = (s[0] - '0') * 10 + s[1] - '0';
	m = (s[3] - '0') * 10 + s[4] - '0';
	y = atoi(s + 6);
	if (!date_valid(y, m, d))
		return (-1);
	*out = (int64_t)y * 10000 + m * 100 + d;
	return (0);
}

/* --- parsing ----------------------------------------------------------- */

struct pctx {
	const char	*name;
	size_t		 line;
	char		**cause;
};

static void
kv_add(struct bankx_kv **v, size_t *n, const char *key, const char *value,
    size_t line)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].key = xstrdup(key);
	(*v)[*n].value = xstrdup(value != NULL ? value : "");
	(*v)[*n].line = line;
	(*n)++;
}

static void
kv_free(struct bankx_kv *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].value);
	}
	free(v);
}

/*
 * One key of a table into obj: 1 when the table has it, 0 when not, -1
 * with the cause on a bad value or a key given twice (seen: a bit per
 * row of the table).
 */
static int
key_set(const struct key_def *t, size_t n, void *obj, unsigned *has,
    uint32_t *seen, size_t *lines, const char *key, const char *value,
    struct pctx *c)
{
	char	*q, *base = obj;
	size_t	 i;
	int64_t	 v;
	char	*end;
	long	 l;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].key, key) == 0)
			break;
	if (i == n)
		return (0);
	if (*seen & (1u << i)) {
		xasprintf(c->cause, _("%s:%zu: %s: given twice"), c->name,
		    c->line, key);
		return (-1);
	}
	*seen |= 1u << i;
	if (lines != NULL)
		lines[i] = c->line;
	switch (t[i].type) {
	case K_STR:
		*(char **)(base + t[i].off) = xstrdup(value);
		return (1);
	case K_DATE:
		if (*value == '\0')
			return (1);	/* "ДатаСписано=": not given */
		if (bankx_date(value, &v) != 0) {
			q = text_escape(value, 64);
			xasprintf(c->cause, _("%s:%zu: %s: %s is not a date "
			    "(DD.MM.YYYY)"), c->name, c->line, key, q);
			free(q);
			return (-1);
		}
		*(int64_t *)(base + t[i].off) = v;
		return (1);
	case K_AMOUNT:
		if (*value == '\0' && t[i].has != 0)
			return (1);
		if (bankx_amount(value, &v) != 0) {
			q = text_escape(value, 64);
			xasprintf(c->cause, _("%s:%zu: %s: %s is not an "
			    "amount"), c->name, c->line, key, q);
			free(q);
			return (-1);
		}
		*(int64_t *)(base + t[i].off) = v;
		if (has != NULL)
			*has |= t[i].has;
		return (1);
	case K_INT:
		if (*value == '\0')
			return (1);
		errno = 0;
		l = strtol(value, &end, 10);
		if (*value < '0' || *value > '9' || *end != '\0' || l < 0 ||
		    l > 99) {
			q = text_escape(value, 64);
			xasprintf(c->cause, _("%s:%zu: %s: %s is not a "
			    "number"), c->name, c->line, key, q);
			free(q);
			return (-1);
		}
		*(int *)(base + t[i].off) = (int)l;
		return (1);
	}
	return (0);
}

/* Whether our accounts include a. */
static int
is_ours(const struct bankx_file *f, const char *a)
{
	size_t	 i;

	if (a == NULL || *a == '\0')
		return (0);
	for (i = 0; i < f->naccounts; i++)
		if (strcmp(f->accounts[i], a) == 0)
			return (1);
	for (i = 0; i < f->nsections; i++)
		if (f->sections[i].account != NULL &&
		    strcmp(f->sections[i].account, a) == 0)
			return (1);
	return (0);
}

static int
same_str(const char *a, const char *b)
{
	return (strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0);
}

/* Direction and duplicates, once every account of the file is known. */
static void
classify(struct bankx_file *f)
{
	struct bankx_doc	*d, *e;
	size_t			 i, j;
	int			 in, out;

	for (i = 0; i < f->ndocs; i++) {
		d = &f->docs[i];
		in = is_ours(f, d->payee_account);
		out = is_ours(f, d->payer_account);
		if (in && out) {
			d->dir = BANKX_OWN;
			d->account = d->payee_account;
		} else if (in) {
			d->dir = BANKX_IN;
			d->account = d->payee_account;
		} else if (out) {
			d->dir = BANKX_OUT;
			d->account = d->payer_account;
		} else {
			d->dir = BANKX_NONE;
			d->account = NULL;
		}
		d->dup = 0;
		for (j = 0; j < i; j++) {
			e = &f->docs[j];
			if (e->dup == 0 && e->amount == d->amount &&
			    e->date == d->date && same_str(e->number,
			    d->number) && same_str(e->payer_account,
			    d->payer_account) && same_str(e->payee_account,
			    d->payee_account)) {
				d->dup = j + 1;
				break;
			}
		}
	}
}

/* The encoding the file says it is in (iconv's name), or NULL with the
 * cause. */
static const char *
file_encoding(const char *name, const char *data, size_t len, char **cause)
{
	const char	*p = data, *end = data + len, *nl, *v;
	size_t		 line = 0, vlen;
	char		 val[32], *q;

	for (; p < end; p = nl + 1) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((size_t)(nl - p) > strlen(enc_key_1251) &&
		    (memcmp(p, enc_key_1251, strlen(enc_key_1251)) == 0 ||
		    memcmp(p, enc_key_866, strlen(enc_key_866)) == 0))
			v = p + strlen(enc_key_1251);
		else if ((size_t)(nl - p) > strlen(enc_key_utf8) &&
		    memcmp(p, enc_key_utf8, strlen(enc_key_utf8)) == 0)
			v = p + strlen(enc_key_utf8);
		else
			continue;
		vlen = (size_t)(nl - v);
		while (vlen > 0 && (v[vlen - 1] == '\r' || v[vlen - 1] == ' ' ||
		    v[vlen - 1] == '\t'))
			vlen--;
		if (vlen < sizeof val) {
			memcpy(val, v, vlen);
			val[vlen] = '\0';
			if (strcasecmp(val, "Windows") == 0)
				return ("CP1251");
			if (strcasecmp(val, "DOS") == 0)
				return ("CP866");
			if (strcasecmp(val, "UTF-8") == 0 ||
			    strcasecmp(val, "UTF8") == 0)
				return ("UTF-8");
		}
		v = xstrndup(v, vlen > 64 ? 64 : vlen);
		q = text_escape(v, 64);
		xasprintf(cause, _("%s:%zu: Кодировка: %s is neither Windows "
		    "(cp1251) nor DOS (cp866)"), name, line, q);
		free(q);
		free((char *)v);
		return (NULL);
	}
	return ("CP1251");
}

/* data in encoding to UTF-8 (NUL-terminated, *olen without it), or -1
 * naming the line that does not convert. */
static int
to_utf8(const char *name, const char *enc, const char *data, size_t len,
    char **out, size_t *olen, char **cause)
{
	iconv_t	 cd;
	char	*ip = (char *)data, *op, *buf;
	size_t	 left, cap, in = len, line;
	const char *p;

	if ((cd = iconv_open("UTF-8", enc)) == (iconv_t)-1) {
		xasprintf(cause, _("unknown encoding '%s' (try cp1251)"), enc);
		return (-1);
	}
	cap = len * 4 + 1;
	buf = op = xmalloc(cap);
	left = cap - 1;
	if (iconv(cd, &ip, &in, &op, &left) == (size_t)-1) {
		for (line = 1, p = data; p < ip; p++)
			if (*p == '\n')
				line++;
		xasprintf(cause, _("%s:%zu: not valid %s text"), name, line,
		    enc);
		free(buf);
		iconv_close(cd);
		return (-1);
	}
	iconv_close(cd);
	*op = '\0';
	*out = buf;
	*olen = cap - 1 - left;
	return (0);
}

static char *
trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	*e = '\0';
	return (s);
}

enum pstate { P_TOP, P_SECT, P_DOC, P_END };

static const char *const doc_required[] = { "Дата", "Сумма" };

/* The document just ended has what every document needs. */
static int
doc_complete(struct pctx *c, const struct bankx_doc *d, uint32_t seen)
{
	size_t	 i, j;

	for (i = 0; i < NKEYS(doc_required); i++) {
		for (j = 0; j < NKEYS(doc_keys); j++)
			if (strcmp(doc_keys[j].key, doc_required[i]) == 0)
				break;
		if (!(seen & (1u << j))) {
			xasprintf(c->cause, _("%s:%zu: the document of line "
			    "%zu has no %s"), c->name, c->line, d->line,
			    doc_required[i]);
			return (-1);
		}
	}
	return (0);
}

int
bankx_parse(const char *name, const char *data, size_t len,
    const char *encoding, struct bankx_file **out, char **cause)
{
	struct bankx_file	*f;
	struct bankx_section	*s = NULL;
	struct bankx_doc	*d = NULL;
	struct pctx		 c;
	enum pstate		 st = P_TOP;
	const char		*enc;
	char			*text, *p, *nl, *next, *key, *value;
	char			*eq, *q;
	size_t			 tlen, start = 0;
	uint32_t		 seen = 0, hseen = 0;
	int			 rc;

	c.name = name;
	c.line = 1;
	c.cause = cause;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
		if (encoding == NULL)
			encoding = "UTF-8";
	}
	if (len < strlen(BANKX_MAGIC) || memcmp(data, BANKX_MAGIC,
	    strlen(BANKX_MAGIC)) != 0 || (len > strlen(BANKX_MAGIC) &&
	    strchr("\r\n \t", data[strlen(BANKX_MAGIC)]) == NULL)) {
		xasprintf(cause, _("%s:1: not a bank statement in 1C's format "
		    "(the first line is not 1CClientBankExchange)"), name);
		return (-1);
	}
	if (encoding != NULL)
		enc = encoding;
	else if ((enc = file_encoding(name, data, len, cause)) == NULL)
		return (-1);
	if (to_utf8(name, enc, data, len, &text, &tlen, cause) != 0)
		return (-1);
	if (strlen(text) != tlen) {
		for (c.line = 1, p = text; *p != '\0'; p++)
			if (*p == '\n')
				c.line++;
		xasprintf(cause, _("%s:%zu: a NUL byte: this is no text "
		    "file"), name, c.line);
		free(text);
		return (-1);
	}

	f = xcalloc(1, sizeof *f);
	c.line = 0;
	for (p = text; p < text + tlen; p = next) {
		c.line++;
		if ((nl = strchr(p, '\n')) != NULL) {
			*nl = '\0';
			next = nl + 1;
		} else
			next = text + tlen;
		key = trim(p);
		/* The first line was checked above; after КонецФайла
		 * nothing counts. */
		if (c.line == 1 || st == P_END || *key == '\0')
			continue;
		value = NULL;
		if ((eq = strchr(key, '=')) != NULL) {
			*eq = '\0';
			value = trim(eq + 1);
			key = trim(key);
		}
		rc = 0;
		switch (st) {
		case P_TOP:
			if (strcmp(key, "СекцияРасчСчет") == 0) {
				f->sections = xreallocarray(f->sections,
				    f->nsections + 1, sizeof *f->sections);
				s = &f->sections[f->nsections++];
				memset(s, 0, sizeof *s);
				s->line = start = c.line;
				seen = 0;
				st = P_SECT;
				rc = 1;
			} else if (strcmp(key, "СекцияДокумент") == 0) {
				f->docs = xreallocarray(f->docs, f->ndocs + 1,
				    sizeof *f->docs);
				d = &f->docs[f->ndocs++];
				memset(d, 0, sizeof *d);
				d->line = start = c.line;
				d->kind = xstrdup(value != NULL ? value : "");
				seen = 0;
				st = P_DOC;
				rc = 1;
			} else if (strcmp(key, "КонецФайла") == 0) {
				st = P_END;
				rc = 1;
			} else if (strcmp(key, "РасчСчет") == 0 &&
			    value != NULL) {
				f->accounts = xreallocarray(f->accounts,
				    f->naccounts + 1, sizeof *f->accounts);
				f->accounts[f->naccounts++] = xstrdup(value);
				rc = 1;
			} else if (strcmp(key, "КонецДокумента") == 0 ||
			    strcmp(key, "КонецРасчСчет") == 0) {
				xasprintf(cause, _("%s:%zu: %s without its "
				    "section's start"), name, c.line, key);
				rc = -1;
			} else if (value != NULL) {
				rc = key_set(hdr_keys, NKEYS(hdr_keys), f,
				    NULL, &hseen, NULL, key, value, &c);
				if (rc == 0)
					kv_add(&f->extra, &f->nextra, key,
					    value, c.line);
				if (rc == 0)
					rc = 1;
			}
			break;
		case P_SECT:
			if (strcmp(key, "КонецРасчСчет") == 0) {
				if (s->account == NULL) {
					xasprintf(cause, _("%s:%zu: the "
					    "section of line %zu has no %s"),
					    name, c.line, s->line, "РасчСчет");
					rc = -1;
					break;
				}
				st = P_TOP;
				rc = 1;
			} else if (strcmp(key, "СекцияДокумент") == 0 ||
			    strcmp(key, "СекцияРасчСчет") == 0 ||
			    strcmp(key, "КонецФайла") == 0 ||
			    strcmp(key, "КонецДокумента") == 0) {
				xasprintf(cause, _("%s:%zu: %s: the section "
				    "of line %zu has no %s"), name, c.line,
				    key, start, "КонецРасчСчет");
				rc = -1;
			} else if (value != NULL) {
				rc = key_set(sect_keys, NKEYS(sect_keys), s,
				    &s->has, &seen, NULL, key, value, &c);
				if (rc == 0)
					kv_add(&s->extra, &s->nextra, key,
					    value, c.line);
				if (rc == 0)
					rc = 1;
			}
			break;
		case P_DOC:
			if (strcmp(key, "КонецДокумента") == 0) {
				rc = doc_complete(&c, d, seen) == 0 ? 1 : -1;
				st = P_TOP;
			} else if (strcmp(key, "СекцияДокумент") == 0 ||
			    strcmp(key, "СекцияРасчСчет") == 0 ||
			    strcmp(key, "КонецФайла") == 0 ||
			    strcmp(key, "КонецРасчСчет") == 0) {
				xasprintf(cause, _("%s:%zu: %s: the document "
				    "of line %zu has no %s"), name, c.line,
				    key, start, "КонецДокумента");
				rc = -1;
			} else if (value != NULL) {
				rc = key_set(doc_keys, NKEYS(doc_keys), d,
				    NULL, &seen, d->key_line, key, value, &c);
				if (rc == 0)
					kv_add(&d->extra, &d->nextra, key,
					    value, c.line);
				if (rc == 0)
					rc = 1;
			}
			break;
		case P_END:
			rc = 1;
			break;
		}
		if (rc == 0) {
			q = text_escape(key, 64);
			xasprintf(cause, _("%s:%zu: not a key=value line: %s"),
			    name, c.line, q);
			free(q);
			rc = -1;
		}
		if (rc < 0)
			goto fail;
	}
	if (st != P_END) {
		xasprintf(cause, _("%s:%zu: no КонецФайла: the file ends "
		    "early (cut short?)"), name, c.line);
		goto fail;
	}
	free(text);
	classify(f);
	*out = f;
	return (0);

fail:
	free(text);
	bankx_free(f);
	return (-1);
}

static void
keys_free(const struct key_def *t, size_t n, void *obj)
{
	char	*base = obj;
	size_t	 i;

	for (i = 0; i < n; i++)
		if (t[i].type == K_STR)
			free(*(char **)(base + t[i].off));
}

void
bankx_free(struct bankx_file *f)
{
	bankx_clear(f);
	free(f);
}

void
bankx_clear(struct bankx_file *f)
{
	size_t	 i;

	if (f == NULL)
		return;
	keys_free(hdr_keys, NKEYS(hdr_keys), f);
	for (i = 0; i < f->naccounts; i++)
		free(f->accounts[i]);
	free(f->accounts);
	kv_free(f->extra, f->nextra);
	for (i = 0; i < f->nsections; i++) {
		keys_free(sect_keys, NKEYS(sect_keys), &f->sections[i]);
		kv_free(f->sections[i].extra, f->sections[i].nextra);
	}
	free(f->sections);
	for (i = 0; i < f->ndocs; i++) {
		keys_free(doc_keys, NKEYS(doc_keys), &f->docs[i]);
		free(f->docs[i].kind);
		kv_free(f->docs[i].extra, f->docs[i].nextra);
	}
	free(f->docs);
	memset(f, 0, sizeof *f);
}

size_t
bankx_key_line(const struct bankx_doc *d, const char *key)
{
	size_t	 i;

	for (i = 0; i < NKEYS(doc_keys); i++)
		if (strcmp(doc_keys[i].key, key) == 0)
			return (d->key_line[i] != 0 ? d->key_line[i] :
			    d->line);
	return (d->line);
}

const char *
bankx_payer_name(const struct bankx_doc *d)
{
	if (d->payer1 != NULL && *d->payer1 != '\0')
		return (d->payer1);
	return (d->payer != NULL ? d->payer : "");
}

const char *
bankx_payee_name(const struct bankx_doc *d)
{
	if (d->payee1 != NULL && *d->payee1 != '\0')
		return (d->payee1);
	return (d->payee != NULL ? d->payee : "");
}

/* --- writing ------------------------------------------------------------- */

struct wctx {
	struct buf	 b;		/* UTF-8, CRLF */
	char		**cause;
	int		 bad;
};

static void
put_line(struct wctx *w, const char *key, const char *value)
{
	char	*q;

	if (value != NULL && strpbrk(value, "\r\n") != NULL) {
		if (!w->bad) {
			q = text_escape(value, 64);
			xasprintf(w->cause, _("%s: %s: a line break cannot "
			    "be written in this format"), key, q);
			free(q);
		}
		w->bad = 1;
		return;
	}
	buf_adds(&w->b, key);
	if (value != NULL) {
		buf_addc(&w->b, '=');
		buf_adds(&w->b, value);
	}
	buf_add(&w->b, "\r\n", 2);
}

static void
put_keys(struct wctx *w, const struct key_def *t, size_t n, const void *obj,
    unsigned has)
{
	const char	*base = obj;
	char		 v[32];
	int64_t		 i;
	size_t		 k;

	for (k = 0; k < n; k++) {
		switch (t[k].type) {
		case K_STR:
			if (*(char *const *)(base + t[k].off) != NULL)
				put_line(w, t[k].key,
				    *(char *const *)(base + t[k].off));
			break;
		case K_DATE:
			i = *(const int64_t *)(base + t[k].off);
			if (i == 0)
				break;
			snprintf(v, sizeof v, "%02d.%02d.%04d",
			    (int)(i % 100), (int)(i / 100 % 100),
			    (int)(i / 10000));
			put_line(w, t[k].key, v);
			break;
		case K_AMOUNT:
			if (t[k].has != 0 && !(has & t[k].has))
				break;
			i = *(const int64_t *)(base + t[k].off);
			snprintf(v, sizeof v, "%lld.%02lld",
			    (long long)(i / 100), (long long)(i % 100));
			put_line(w, t[k].key, v);
			break;
		case K_INT:
			if (*(const int *)(base + t[k].off) == 0)
				break;
			snprintf(v, sizeof v, "%d",
			    *(const int *)(base + t[k].off));
			put_line(w, t[k].key, v);
			break;
		}
	}
}

static void
put_extra(struct wctx *w, const struct bankx_kv *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		put_line(w, v[i].key, v[i].value);
}

int
bankx_write(const struct bankx_file *f, struct buf *out, char **cause)
{
	struct bankx_file	 h;
	struct bankx_doc	 d;
	struct wctx		 w;
	iconv_t			 cd;
	char			*ip, *op, *conv;
	size_t			 i, in, left, cap;
	const char		*p;

	memset(&w, 0, sizeof w);
	w.cause = cause;
	put_line(&w, BANKX_MAGIC, NULL);
	h = *f;
	h.version = f->version != NULL ? f->version : (char *)"1.03";
	h.encoding = (char *)"Windows";
	put_keys(&w, hdr_keys, NKEYS(hdr_keys), &h, 0);
	for (i = 0; i < f->naccounts; i++)
		put_line(&w, "РасчСчет", f->accounts[i]);
	put_extra(&w, f->extra, f->nextra);
	for (i = 0; i < f->nsections; i++) {
		put_line(&w, "СекцияРасчСчет", NULL);
		put_keys(&w, sect_keys, NKEYS(sect_keys), &f->sections[i],
		    f->sections[i].has);
		put_extra(&w, f->sections[i].extra, f->sections[i].nextra);
		put_line(&w, "КонецРасчСчет", NULL);
	}
	for (i = 0; i < f->ndocs; i++) {
		d = f->docs[i];
		if (d.pay_kind == NULL)
			d.pay_kind = (char *)"01";
		if (d.priority == 0)
			d.priority = 5;
		put_line(&w, "СекцияДокумент", d.kind != NULL ? d.kind :
		    "Платежное поручение");
		put_keys(&w, doc_keys, NKEYS(doc_keys), &d, 0);
		put_extra(&w, d.extra, d.nextra);
		put_line(&w, "КонецДокумента", NULL);
	}
	put_line(&w, "КонецФайла", NULL);
	if (w.bad) {
		buf_free(&w.b);
		return (-1);
	}

	if ((cd = iconv_open("CP1251", "UTF-8")) == (iconv_t)-1) {
		xasprintf(cause, _("unknown encoding '%s' (try cp1251)"),
		    "CP1251");
		buf_free(&w.b);
		return (-1);
	}
	ip = w.b.data;
	in = w.b.len;
	cap = in + 1;
	conv = op = xmalloc(cap);
	left = cap;
	if (iconv(cd, &ip, &in, &op, &left) == (size_t)-1) {
		/* The line that has no cp1251 form. */
		for (p = ip; p > w.b.data && p[-1] != '\n'; p--)
			;
		ip = xstrndup(p, strcspn(p, "\r\n"));
		op = text_escape(ip, 80);
		xasprintf(cause, _("cannot be written in cp1251: %s"), op);
		free(ip);
		free(op);
		free(conv);
		iconv_close(cd);
		buf_free(&w.b);
		return (-1);
	}
	iconv_close(cd);
	buf_add(out, conv, cap - left);
	free(conv);
	buf_free(&w.b);
	return (0);
}

void
bankx_make_sections(struct bankx_file *f)
{
	struct bankx_section	*s;
	size_t			 i, j;

	if (f->naccounts == 0)
		for (i = 0; i < f->ndocs; i++) {
			const char	*a = f->docs[i].payer_account;

			if (a == NULL)
				continue;
			for (j = 0; j < f->naccounts; j++)
				if (strcmp(f->accounts[j], a) == 0)
					break;
			if (j < f->naccounts)
				continue;
			f->accounts = xreallocarray(f->accounts,
			    f->naccounts + 1, sizeof *f->accounts);
			f->accounts[f->naccounts++] = xstrdup(a);
		}
	for (i = 0; i < f->nsections; i++) {
		keys_free(sect_keys, NKEYS(sect_keys), &f->sections[i]);
		kv_free(f->sections[i].extra, f->sections[i].nextra);
	}
	free(f->sections);
	f->sections = xcalloc(f->naccounts, sizeof *f->sections);
	f->nsections = f->naccounts;
	for (i = 0; i < f->naccounts; i++) {
		s = &f->sections[i];
		s->account = xstrdup(f->accounts[i]);
		s->from = f->from;
		s->to = f->to;
		s->has = BANKX_HAS_OUT;
		for (j = 0; j < f->ndocs; j++)
			if (same_str(f->docs[j].payer_account, s->account))
				s->out += f->docs[j].amount;
	}
}
