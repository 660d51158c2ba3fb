/*
 * CSV cells: neutralising formulas and quoting, in one place for every
 * CSV kontor writes (see csvfmt.h).  Called once per cell of an export
 * of a million rows: no allocation, one pass to judge the cell and one
 * to copy it.
 */
#include "config.h"

#include <string.h>

#include "csvfmt.h"
#include "xmalloc.h"

static int
is_formula_lead(char c)
{
	return (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
	    c == '\r');
}

static int
is_digit(char c)
{
	return (c >= '0' && c <= '9');
}

/* A negative number ("-12", "-3.5") is data a spreadsheet reads as a
 * number, not a formula: it is written as it is. */
static int
plain_number(const char *s, size_t len)
{
	size_t	 i = 0;

	if (i < len && s[i] == '-')
		i++;
	if (i >= len || !is_digit(s[i]))
		return (0);
	while (i < len && is_digit(s[i]))
		i++;
	if (i + 1 < len && s[i] == '.' && is_digit(s[i + 1]))
		for (i++; i < len && is_digit(s[i]); i++)
			;
	return (i == len);
}

int
csvfmt_formula_like(const char *s, size_t len)
{
	size_t	 i = 0;

	while (i < len && s[i] == '\'')
		i++;
	return (i < len && is_formula_lead(s[i]));
}

int
csvfmt_needs_prefix(const char *s, size_t len)
{
	return (csvfmt_formula_like(s, len) && !plain_number(s, len));
}

/* Room for n more bytes and the NUL buf keeps after them. */
static char *
reserve(struct buf *b, size_t n)
{
	size_t	 cap;

	if (b->len + n + 1 > b->cap) {
		cap = b->cap != 0 ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->data = xreallocarray(b->data, 1, cap);
		b->cap = cap;
	}
	return (b->data + b->len);
}

/* Bytes that make a cell quoted: 1, and 2 for the " that is doubled. */
static const unsigned char special_byte[256] = {
	['\n'] = 1, ['\r'] = 1, [','] = 1, ['"'] = 3,
};

void
csvfmt_cell(struct buf *b, const char *s, size_t len, int raw)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, quotes = 0;
	unsigned		 special = 0;
	int			 prefix;
	char			 first, last, *o;

	prefix = !raw && len > 0 && csvfmt_needs_prefix(s, len);
	for (i = 0; i < len; i++)
		special |= special_byte[u[i]];
	if (special & 2)
		for (i = 0; i < len; i++)
			quotes += s[i] == '"';
	first = prefix ? '\'' : len > 0 ? s[0] : '\0';
	last = len > 0 ? s[len - 1] : first;
	if (first == ' ' || first == '\t' || last == ' ' || last == '\t')
		special = 1;
	o = reserve(b, len + quotes + (size_t)prefix + 2);
	if (special)
		*o++ = '"';
	if (prefix)
		*o++ = '\'';
	if (quotes == 0) {
		memcpy(o, s, len);
		o += len;
	} else
		for (i = 0; i < len; i++) {
			if (s[i] == '"')
				*o++ = '"';
			*o++ = s[i];
		}
	if (special)
		*o++ = '"';
	*o = '\0';
	b->len = (size_t)(o - b->data);
}
