/*
 * The documents a payment's purpose names ("Оплата по счёту № 45 от
 * 28.11.2026, в т.ч. НДС 20 %"): our own numbers anywhere, and the
 * Russian ways of naming an invoice or an order by its number alone.
 *
 * The text is read as code points folded to lower case, ё as е, so that
 * "СЧЁТ", "Счет" and "счёт" are one word.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/value.h"
#include "model/money.h"
#include "xmalloc.h"

#define NUMBER_SIGN	0x2116	/* № */

struct text {
	uint32_t	*u;
	size_t		 n;
};

struct found {
	size_t		 pos;
	const char	*prefix;	/* "INV" */
	long		 year;		/* 0: not known yet */
	unsigned long	 num;
};

struct founds {
	struct found	*v;
	size_t		 n;
};

static uint32_t
fold(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return (c + 0x20);
	if (c >= 0x410 && c <= 0x42f)		/* А-Я */
		return (c + 0x20);
	if (c == 0x401 || c == 0x451)		/* Ё, ё */
		return (0x435);
	return (c);
}

/* UTF-8 to folded code points; a byte that is no UTF-8 is U+FFFD. */
static void
decode(const char *s, struct text *t)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c;
	int			 k;

	t->u = xreallocarray(NULL, strlen(s) + 1, sizeof *t->u);
	t->n = 0;
	while (*p != '\0') {
		if (*p < 0x80) {
			c = *p++;
			k = 0;
		} else if ((*p & 0xe0) == 0xc0) {
			c = *p++ & 0x1f;
			k = 1;
		} else if ((*p & 0xf0) == 0xe0) {
			c = *p++ & 0x0f;
			k = 2;
		} else if ((*p & 0xf8) == 0xf0) {
			c = *p++ & 0x07;
			k = 3;
		} else {
			p++;
			c = 0xfffd;
			k = 0;
		}
		for (; k > 0; k--) {
			if ((*p & 0xc0) != 0x80) {
				c = 0xfffd;
				break;
			}
			c = c << 6 | (*p++ & 0x3f);
		}
		t->u[t->n++] = fold(c);
	}
	t->u[t->n] = 0;
}

static int
is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9');
}

static int
is_letter(uint32_t c)
{
	return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= 0x400 && c <= 0x4ff));
}

static int
is_space(uint32_t c)
{
	return (c == ' ' || c == '\t' || c == 0xa0 || c == 0x202f);
}

static size_t
skip_spaces(const struct text *t, size_t i)
{
	while (i < t->n && is_space(t->u[i]))
		i++;
	return (i);
}

/* Whether the text at i is the (already folded, UTF-8) word w; its end
 * in *end. */
static int
at(const struct text *t, size_t i, const char *w, size_t *end)
{
	struct text	 p;
	size_t		 k;
	int		 ok = 1;

	decode(w, &p);
	for (k = 0; k < p.n; k++)
		if (i + k >= t->n || t->u[i + k] != p.u[k]) {
			ok = 0;
			break;
		}
	if (ok && end != NULL)
		*end = i + p.n;
	free(p.u);
	return (ok);
}

/* The word at i is one of stem + an ending of endings ("" first), as a
 * whole word; its end in *end. */
static int
word_of(const struct text *t, size_t i, const char *stem,
    const char *const *endings, size_t *end)
{
	size_t	 e, k, best = 0;
	int	 found = 0;

	if (!at(t, i, stem, &e))
		return (0);
	for (k = 0; endings[k] != NULL; k++) {
		size_t	 f = e;

		if (*endings[k] != '\0' && !at(t, e, endings[k], &f))
			continue;
		if (f < t->n && is_letter(t->u[f]))
			continue;
		if (!found || f > best)
			best = f;
		found = 1;
	}
	if (found)
		*end = best;
	return (found);
}

/* Up to max digits at i, as a number; the end in *end.  0: none. */
static int
digits(const struct text *t, size_t i, int max, unsigned long *v,
    size_t *end)
{
	int	 n = 0;

	*v = 0;
	while (i < t->n && is_digit(t->u[i]) && n < max) {
		*v = *v * 10 + (t->u[i] - '0');
		i++;
		n++;
	}
	*end = i;
	return (n);
}

/* A date DD.MM.YYYY or DD.MM.YY (also D.M.) at i: its year, the end in
 * *end.  0: none. */
static int
date_at(const struct text *t, size_t i, size_t *end)
{
	unsigned long	 d, m, y;
	size_t		 e;
	int		 n;

	if (digits(t, i, 2, &d, &e) == 0 || e >= t->n || t->u[e] != '.' ||
	    digits(t, e + 1, 2, &m, &e) == 0 || e >= t->n || t->u[e] != '.')
		return (0);
	n = digits(t, e + 1, 4, &y, &e);
	if ((n != 2 && n != 4) || (e < t->n && is_digit(t->u[e])))
		return (0);
	if (n == 2)
		y += 2000;
	if (!date_valid((int)y, (int)m, (int)d))
		return (0);
	*end = e;
	return ((int)y);
}

/* "от 28.11.2026" (or "от 28.11.2026г.") at i: the year, the end in
 * *end; 0: none. */
static int
from_date(const struct text *t, size_t i, size_t *end)
{
	size_t	 e;
	int	 y;

	i = skip_spaces(t, i);
	if (!at(t, i, "от", &e) || (e < t->n && is_letter(t->u[e])))
		return (0);
	if ((y = date_at(t, skip_spaces(t, e), &e)) == 0)
		return (0);
	*end = e;
	return (y);
}

/* Number signs before a number: №, N, No, #, as many as there are. */
static size_t
skip_signs(const struct text *t, size_t i)
{
	size_t	 j;

	for (;;) {
		j = skip_spaces(t, i);
		if (j < t->n && (t->u[j] == NUMBER_SIGN || t->u[j] == '#'))
			i = j + 1;
		else if (j < t->n && t->u[j] == 'n' && (j + 1 >= t->n ||
		    !is_letter(t->u[j + 1]) || (t->u[j + 1] == 'o' &&
		    (j + 2 >= t->n || !is_letter(t->u[j + 2]))))) {
			i = j + 1;
			if (i < t->n && t->u[i] == 'o')
				i++;
			if (i < t->n && t->u[i] == '.')
				i++;
		} else
			return (j);
	}
}

/*
 * A document's own number at i: digits that are not a part of something
 * else (a date 28.11.2026, an amount 1234,56, a percentage, "45/1").
 */
static int
doc_number(const struct text *t, size_t i, unsigned long *v, size_t *end)
{
	size_t	 e;
	uint32_t c;

	if (digits(t, i, 10, v, &e) == 0 || *v == 0)
		return (0);
	if (e < t->n) {
		c = t->u[e];
		if (is_digit(c) || is_letter(c) || c == '%')
			return (0);
		if ((c == '.' || c == ',' || c == '/' || c == '-') &&
		    e + 1 < t->n && (is_digit(t->u[e + 1]) ||
		    is_letter(t->u[e + 1])))
			return (0);
	}
	*end = e;
	return (1);
}

static void
add(struct founds *f, size_t pos, const char *prefix, long year,
    unsigned long num)
{
	struct found	*x;

	f->v = xreallocarray(f->v, f->n + 1, sizeof *f->v);
	x = &f->v[f->n++];
	x->pos = pos;
	x->prefix = prefix;
	x->year = year;
	x->num = num;
}

/* The numbers from first on that have no year yet get year. */
static void
set_year(struct founds *f, size_t first, long year)
{
	size_t	 k;

	for (k = first; k < f->n; k++)
		if (f->v[k].year == 0)
			f->v[k].year = year;
}

/* Our own numbers: INV-2026-000045, so-2026-12 and the like. */
static int
own_code(const struct text *t, size_t i, struct founds *f, size_t *end)
{
	static const char *const prefixes[] = {
		"inv", "so", "shp", "po", "rcp", NULL
	};
	static const char *const codes[] = {
		"INV", "SO", "SHP", "PO", "RCP", NULL
	};
	unsigned long	 y, n;
	size_t		 e, k;

	if (i > 0 && (is_letter(t->u[i - 1]) || is_digit(t->u[i - 1]) ||
	    t->u[i - 1] == '-'))
		return (0);
	for (k = 0; prefixes[k] != NULL; k++) {
		if (!at(t, i, prefixes[k], &e) || e >= t->n ||
		    t->u[e] != '-')
			continue;
		if (digits(t, e + 1, 4, &y, &e) != 4 || e >= t->n ||
		    t->u[e] != '-' || digits(t, e + 1, 9, &n, &e) == 0 ||
		    (e < t->n && (is_digit(t->u[e]) || is_letter(t->u[e]))))
			continue;
		if (y == 0)
			continue;
		add(f, i, codes[k], (long)y, n);
		*end = e;
		return (1);
	}
	return (0);
}

static const char *const invoice_endings[] = {
	"", "а", "у", "ам", "ов", "е", "ами", "ах", NULL
};
static const char *const order_endings[] = {
	"", "а", "у", "ам", "ов", "е", "ами", "ах", "ы", NULL
};

/*
 * "счёт № 45 от 28.11.2026", "сч. 45", "по счетам №№ 45, 46 от ...",
 * "счёт от 28.11.2026 № 45", "заказ № 12": the numbers, each with the
 * year of its date, else of the payment.
 */
static int
russian(const struct text *t, size_t i, long pay_year, struct founds *f,
    size_t *end)
{
	const char	*prefix;
	size_t		 e, x, first = f->n, k;
	unsigned long	 num;
	int		 before = 0, y;

	if (i > 0 && is_letter(t->u[i - 1]))
		return (0);
	if (word_of(t, i, "счет", invoice_endings, &e)) {
		/* A счёт-фактура is the seller's tax document, not our
		 * invoice. */
		x = e < t->n && (t->u[e] == '-' || is_space(t->u[e])) ?
		    e + 1 : e;
		if (at(t, x, "факт", NULL))
			return (0);
		prefix = "INV";
		/* "счёт на оплату № 45" */
		x = skip_spaces(t, e);
		if (at(t, x, "на", &x) && at(t, skip_spaces(t, x), "оплат",
		    &x)) {
			while (x < t->n && is_letter(t->u[x]))
				x++;
			e = x;
		}
	} else if (at(t, i, "сч", &e) && e < t->n && (t->u[e] == '.' ||
	    is_space(t->u[e]) || t->u[e] == NUMBER_SIGN)) {
		prefix = "INV";
		if (t->u[e] == '.')
			e++;
	} else if (word_of(t, i, "заказ", order_endings, &e))
		prefix = "SO";
	else
		return (0);

	/* "счёт от 28.11.2026 № 45": the date first. */
	if ((y = from_date(t, e, &x)) != 0) {
		before = y;
		e = x;
	}
	for (;;) {
		x = skip_signs(t, e);
		if (!doc_number(t, x, &num, &e))
			break;
		add(f, x, prefix, 0, num);
		if ((y = from_date(t, e, &x)) != 0) {
			e = x;
			set_year(f, first, y);
		}
		/* A list: "45, 46", "45 и 46", "45; 46". */
		x = skip_spaces(t, e);
		if (x < t->n && (t->u[x] == ',' || t->u[x] == ';'))
			x++;
		else if (at(t, x, "и", &k) && k < t->n && is_space(t->u[k]))
			x = k;
		else
			break;
		e = x;
	}
	set_year(f, first, before != 0 ? before : pay_year);
	*end = e > i ? e : i + 1;
	return (f->n > first);
}

static int
by_pos(const void *a, const void *b)
{
	const struct found	*x = a, *y = b;

	if (x->pos != y->pos)
		return (x->pos < y->pos ? -1 : 1);
	return (0);
}

char *
money_purpose_docs(const char *purpose, int64_t date)
{
	struct text	 t;
	struct founds	 f = { NULL, 0 };
	struct buf	 b = { NULL, 0, 0 };
	char		 code[48], *c;
	size_t		 i, e;
	long		 year;

	if (purpose == NULL || *purpose == '\0')
		return (NULL);
	if (date == 0)
		date = date_today();
	year = (long)(date / 10000);
	decode(purpose, &t);
	for (i = 0; i < t.n; ) {
		if (own_code(&t, i, &f, &e) || russian(&t, i, year, &f, &e))
			i = e;
		else
			i++;
	}
	free(t.u);
	xqsort(f.v, f.n, sizeof *f.v, by_pos);
	for (i = 0; i < f.n; i++) {
		snprintf(code, sizeof code, "%s-%04ld-%06lu", f.v[i].prefix,
		    f.v[i].year, f.v[i].num);
		/* No repeats: each code once, where it is first named. */
		if (b.len > 0) {
			c = strstr(b.data, code);
			while (c != NULL && ((c != b.data && c[-1] != ' ') ||
			    (c[strlen(code)] != ' ' && c[strlen(code)] != '\0')))
				c = strstr(c + 1, code);
			if (c != NULL)
				continue;
			buf_addc(&b, ' ');
		}
		buf_adds(&b, code);
	}
	free(f.v);
	return (b.len > 0 ? buf_steal(&b) : NULL);
}
