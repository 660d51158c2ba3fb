#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dict/dict.h"
#include "dict/norm.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "xmalloc.h"

static int	utf8_next(const unsigned char **, const unsigned char *,
		    unsigned *);
static int	fixed_parse(const char *, size_t, int, int64_t *,
		    const char *, char **);
static void	fixed_format(int64_t, int, int, int, char *, size_t);
static int	time_of_day(const char *, int *, int *, int *);
static int	date_parse_at(const char *, int, int64_t *, char **);

/*
 * Decode one UTF-8 sequence at *p; 0 and the code point, or -1 when the
 * bytes are not valid UTF-8 (overlong, surrogate, beyond U+10FFFF).
 */
static int
utf8_next(const unsigned char **pp, const unsigned char *end, unsigned *cp)
{
	const unsigned char	*p = *pp;
	unsigned		 c, min;
	int			 n, i;

	c = *p;
	if (c < 0x80) {
		*cp = c;
		*pp = p + 1;
		return (0);
	}
	if ((c & 0xe0) == 0xc0) {
		n = 1; c &= 0x1f; min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 2; c &= 0x0f; min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 3; c &= 0x07; min = 0x10000;
	} else
		return (-1);
	if (end - p <= n)
		return (-1);
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return (-1);
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return (-1);
	*cp = c;
	*pp = p + n + 1;
	return (0);
}

size_t
utf8_len(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return (n);
}

/* s quoted and escaped; at most limit characters of it, then "...", if
 * limit is not 0. */
static char *
text_quote_max(const char *s, size_t limit)
{
	const unsigned char	*p = (const unsigned char *)s, *end;
	struct buf		 b = { 0 };
	unsigned		 cp;
	size_t			 shown = 0;

	end = p + strlen(s);
	buf_addc(&b, '"');
	while (p < end) {
		const unsigned char *start = p;

		if (limit != 0 && shown++ == limit) {
			buf_adds(&b, "...");
			break;
		}
		if (utf8_next(&p, end, &cp) != 0) {
			buf_printf(&b, "\\x%02x", *p);
			p++;
			continue;
		}
		if (cp == '"' || cp == '\\')
			buf_printf(&b, "\\%c", (char)cp);
		else if (cp == '\n')
			buf_adds(&b, "\\n");
		else if (cp < 0x20 || cp == 0x7f)
			buf_printf(&b, "\\x%02x", cp);
		else if ((cp >= 0x80 && cp < 0xa0) ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			buf_printf(&b, "\\u%04x", cp);
		else
			buf_add(&b, start, (size_t)(p - start));
	}
	buf_addc(&b, '"');
	return (buf_steal(&b));
}

char *
text_quote(const char *s)
{
	return (text_quote_max(s, 40));
}

char *
text_quote_all(const char *s)
{
	return (text_quote_max(s, 0));
}

char *
text_escape(const char *s, size_t max)
{
	const unsigned char	*p, *end;
	struct buf		 b = { 0 };
	unsigned		 cp;
	char			 esc[12];
	const char		*add;
	size_t			 alen;

	if (s == NULL)
		s = "";
	p = (const unsigned char *)s;
	end = p + strlen(s);
	buf_adds(&b, "");
	while (p < end) {
		const unsigned char *start = p;

		if (utf8_next(&p, end, &cp) != 0) {
			snprintf(esc, sizeof esc, "\\x%02x", *p);
			p++;
			add = esc;
			alen = strlen(esc);
		} else if (cp == '\n') {
			add = "\\n";
			alen = 2;
		} else if (cp < 0x20 || cp == 0x7f) {
			snprintf(esc, sizeof esc, "\\x%02x", cp);
			add = esc;
			alen = strlen(esc);
		} else if ((cp >= 0x80 && cp < 0xa0) ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069)) {
			snprintf(esc, sizeof esc, "\\u%04x", cp);
			add = esc;
			alen = strlen(esc);
		} else {
			add = (const char *)start;
			alen = (size_t)(p - start);
		}
		if (b.len + alen > max) {
			buf_adds(&b, "...");
			break;
		}
		buf_add(&b, add, alen);
	}
	return (buf_steal(&b));
}

int
text_check(const char *s, int width, int multiline, char **cause)
{
	const unsigned char	*p = (const unsigned char *)s, *end;
	unsigned		 cp;
	size_t			 n = 0;
	char			*q;

	end = p + strlen(s);
	while (p < end) {
		if (utf8_next(&p, end, &cp) != 0) {
			q = text_quote(s);
			xasprintf(cause, _("valid UTF-8 expected, got %s"), q);
			free(q);
			return (-1);
		}
		n++;
		if ((cp < 0x20 && !(multiline && cp == '\n')) || cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0)) {
			q = text_quote(s);
			xasprintf(cause, _("control character U+%04X not "
			    "allowed, got %s"), cp, q);
			free(q);
			return (-1);
		}
		if ((cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069)) {
			q = text_quote(s);
			xasprintf(cause, _("bidirectional override U+%04X "
			    "not allowed, got %s"), cp, q);
			free(q);
			return (-1);
		}
	}
	if (width > 0 && n > (size_t)width) {
		xasprintf(cause, P_("at most %d character expected, got %zu",
		    "at most %d characters expected, got %zu", width), width, n);
		return (-1);
	}
	return (0);
}

/*
 * A signed decimal in the first len bytes of s, with at most scale
 * fraction digits, as an integer of 10^-scale units.  Spaces (also
 * no-break spaces) group thousands; the decimal separator is '.' or ','.
 * A refusal quotes the whole of s.
 */
static int
fixed_parse(const char *s, size_t len, int scale, int64_t *out,
    const char *what, char **cause)
{
	const char	*p = s, *end = s + len;
	uint64_t	 v = 0, lim = (uint64_t)INT64_MAX;
	int		 neg = 0, digits = 0, frac = -1;
	char		*q;

	while (p < end && *p == ' ')
		p++;
	if (p < end && (*p == '-' || *p == '+'))
		neg = (*p++ == '-');
	for (; p < end; p++) {
		if (*p >= '0' && *p <= '9') {
			if (frac >= 0 && ++frac > scale)
				goto bad;
			if (v > (lim - (uint64_t)(*p - '0')) / 10)
				goto range;
			v = v * 10 + (uint64_t)(*p - '0');
			digits++;
		} else if ((*p == '.' || *p == ',') && frac < 0 && digits > 0)
			frac = 0;
		else if (*p == ' ' && frac < 0 && digits > 0)
			continue;
		else if (end - p >= 2 && (unsigned char)p[0] == 0xc2 &&
		    (unsigned char)p[1] == 0xa0 && frac < 0 && digits > 0)
			p++;
		else if (end - p >= 3 && (unsigned char)p[0] == 0xe2 &&
		    (unsigned char)p[1] == 0x80 &&
		    (unsigned char)p[2] == 0xaf && frac < 0 && digits > 0)
			p += 2;
		else
			goto bad;
	}
	if (digits == 0 || frac == 0)
		goto bad;
	for (frac = frac < 0 ? 0 : frac; frac < scale; frac++) {
		if (v > lim / 10)
			goto range;
		v *= 10;
	}
	*out = neg ? -(int64_t)v : (int64_t)v;
	return (0);
bad:
	q = text_quote(s);
	xasprintf(cause, _("%s expected, got %s"), _(what), q);
	free(q);
	return (-1);
range:
	q = text_quote(s);
	xasprintf(cause, _("number too large, got %s"), q);
	free(q);
	return (-1);
}

/* The decimal digits of u into d (at least 20 bytes), not terminated;
 * their count.  At least width digits, zeros in front. */
static size_t
u64_digits(uint64_t u, int width, char *d)
{
	char	 tmp[24];
	size_t	 n = 0, i;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	while ((int)n < width && n < sizeof tmp)
		tmp[n++] = '0';
	for (i = 0; i < n; i++)
		d[i] = tmp[n - 1 - i];
	return (n);
}

/*
 * v with scale decimals, at least minfrac of them shown; grouped: thin
 * thousands and a decimal comma.  The digits made by hand, not by three
 * snprintf calls: an audit entry formats every money and quantity field
 * of every record a posting writes (issue 16: ~4 % of a shipment).
 */
static void
fixed_format(int64_t v, int scale, int minfrac, int group, char *buf,
    size_t len)
{
	char		 digits[32], out[64];
	uint64_t	 u, div = 1;
	size_t		 n, i, o = 0, ilen;
	int		 f;

	for (f = 0; f < scale; f++)
		div *= 10;
	u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	n = u64_digits(u / div, 0, digits);
	if (v < 0)
		out[o++] = '-';
	for (i = 0; i < n; i++) {
		out[o++] = digits[i];
		ilen = n - i - 1;
		if (group && ilen != 0 && ilen % 3 == 0)
			out[o++] = ' ';
	}
	if (scale > 0) {
		n = u64_digits(u % div, scale, digits);
		while ((int)n > minfrac && digits[n - 1] == '0')
			n--;
		if (n > 0) {
			out[o++] = group ? ',' : '.';
			memcpy(out + o, digits, n);
			o += n;
		}
	}
	if (len == 0)
		return;
	if (o >= len)
		o = len - 1;
	memcpy(buf, out, o);
	buf[o] = '\0';
}

int
money_parse(const char *s, int64_t *out, char **cause)
{
	static const char *const rub[] = { "руб.", "руб", "р.", "₽", NULL };
	size_t		 len = strlen(s), n;
	size_t		 i;

	/* 1C writes an amount with its currency: "1 234,56 руб.". */
	for (i = 0; rub[i] != NULL; i++) {
		n = strlen(rub[i]);
		if (len > n && strcmp(s + len - n, rub[i]) == 0) {
			len -= n;
			for (;;) {
				if (len > 0 && s[len - 1] == ' ')
					len--;
				else if (len > 1 &&
				    (unsigned char)s[len - 2] == 0xc2 &&
				    (unsigned char)s[len - 1] == 0xa0)
					len -= 2;
				else
					break;
			}
			break;
		}
	}
	return (fixed_parse(s, len, 2, out,
	    N_("an amount like 1234.56 or 1 234,56"), cause));
}

void
money_format(int64_t v, char *buf, size_t len, int group)
{
	fixed_format(v, 2, 2, group, buf, len);
}

const char *
money_people(int64_t v, char *buf, size_t len)
{
	money_format(v, buf, len, 1);
	return (buf);
}

int
qty_parse(const char *s, int64_t *out, char **cause)
{
	return (fixed_parse(s, strlen(s), 3, out,
	    N_("a quantity with at most 3 decimals like 12.5"), cause));
}

void
qty_format(int64_t v, char *buf, size_t len)
{
	fixed_format(v, 3, 0, 0, buf, len);
}

void
qty_format_grouped(int64_t v, char *buf, size_t len)
{
	fixed_format(v, 3, 0, 1, buf, len);
}

void
size_format(uint64_t n, char *buf, size_t len)
{
	uint64_t	 tenths;

	if (n < 1024)
		snprintf(buf, len, _("%llu B"), (unsigned long long)n);
	else if (n < 1024 * 1024)
		snprintf(buf, len, _("%llu KB"),
		    (unsigned long long)((n + 1023) / 1024));
	else {
		tenths = (n * 10 + 1024 * 1024 - 1) / (1024 * 1024);
		snprintf(buf, len, _("%llu.%llu MB"),
		    (unsigned long long)(tenths / 10),
		    (unsigned long long)(tenths % 10));
	}
}

int
date_valid(int y, int m, int d)
{
	static const int mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int	 leap;

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return (0);
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return (d <= mdays[m - 1] + (m == 2 && leap));
}

static int
date_shape(const char *s, const char *pat)
{
	for (; *pat != '\0'; s++, pat++) {
		if (*pat == 'd' ? !isdigit((unsigned char)*s) : *s != *pat)
			return (0);
	}
	return (*s == '\0');
}

/* The clock relative dates count from: the real one, or the one a test
 * set. */
static time_t	 value_now;

void
value_set_now(time_t t)
{
	value_now = t;
}

static time_t
now(void)
{
	return (value_now != 0 ? value_now : time(NULL));
}

int64_t
date_today(void)
{
	struct tm	 tm;
	time_t		 t = now();

	localtime_r(&t, &tm);
	return ((int64_t)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday);
}

/* A date as days since 1970-01-01 and back, by the calendar alone (no
 * time zone, no DST). */
static int64_t
date_days(int64_t v)
{
	struct tm	 tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = (int)(v / 10000) - 1900;
	tm.tm_mon = (int)(v / 100 % 100) - 1;
	tm.tm_mday = (int)(v % 100);
	tm.tm_hour = 12;
	/* Noon, so the division is exact also before 1970. */
	return (((int64_t)timegm(&tm) - 43200) / 86400);
}

int64_t
date_add_days(int64_t v, int64_t days)
{
	struct tm	 tm;
	time_t		 t = (time_t)((date_days(v) + days) * 86400 + 43200);

	gmtime_r(&t, &tm);
	return ((int64_t)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday);
}

int
date_weekday(int64_t v)
{
	/* 1970-01-01 was a Thursday (3, counting from Monday). */
	int64_t	 w = (date_days(v) + 3) % 7;

	return ((int)(w < 0 ? w + 7 : w));
}

/* Whether s is n digits and nothing else, n between min and max. */
static int
all_digits(const char *s, size_t min, size_t max)
{
	size_t	 n = strspn(s, "0123456789");

	return (s[n] == '\0' && n >= min && n <= max);
}

int
date_parse(const char *s, int64_t *out, char **cause)
{
	return (date_parse_at(s, 1, out, cause));
}

/* date_parse(); with_time: also a date followed by a time of day (its
 * day), else the date alone, for time_parse_local() that reads the time
 * itself. */
static int
date_parse_at(const char *s, int with_time, int64_t *out, char **cause)
{
	static const struct {
		const char	*word;
		int		 days;
	} words[] = {
		{ "сегодня", 0 }, { "today", 0 },
		{ "завтра", 1 }, { "tomorrow", 1 },
		{ "послезавтра", 2 },
		{ "вчера", -1 }, { "yesterday", -1 },
		{ "позавчера", -2 },
	};
	char		 part[3][8], day[16], *f, *q;
	const char	*p, *whole = s, *sp;
	size_t		 i, n;
	int		 y, m, d, h, mi, sec;

	/* A date with its time of day, as 1C writes a document's date
	 * ("05.12.2026 0:00:00", "05.12.2026 12:34", "2026-12-05T00:00:00",
	 * "2026-12-05 00:00:00"): the day, whatever the time. */
	if (with_time && (sp = strpbrk(s, " T")) != NULL && sp != s &&
	    (size_t)(sp - s) < sizeof day &&
	    time_of_day(sp + 1 + strspn(sp + 1, " "), &h, &mi, &sec)) {
		memcpy(day, s, (size_t)(sp - s));
		day[sp - s] = '\0';
		if (*sp == ' ' || date_shape(day, "dddd-dd-dd"))
			s = day;
	}
	/* сегодня, Завтра, tomorrow. */
	f = norm_fold(s, 0);
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(f, words[i].word) == 0) {
			free(f);
			*out = date_add_days(date_today(), words[i].days);
			return (0);
		}
	free(f);
	/* +3, -1: days from today. */
	if ((s[0] == '+' || s[0] == '-') && all_digits(s + 1, 1, 4)) {
		*out = date_add_days(date_today(), (s[0] == '-' ? -1 : 1) *
		    strtoll(s + 1, NULL, 10));
		return (0);
	}
	if (date_shape(s, "dddd-dd-dd")) {
		y = (int)strtol(s, NULL, 10);
		m = (int)strtol(s + 5, NULL, 10);
		d = (int)strtol(s + 8, NULL, 10);
		goto check;
	}
	/* 28.11.2026, 1.1.2026, 28.11.26, 5.12, 05.12: day first. */
	for (p = s, n = 0; n < 3; n++) {
		i = strspn(p, "0123456789");
		if (i == 0 || i >= sizeof part[n])
			goto bad;
		memcpy(part[n], p, i);
		part[n][i] = '\0';
		p += i;
		if (*p != '.')
			break;
		p++;
	}
	if (*p != '\0' || n == 0 || n == 3 || strlen(part[0]) > 2 ||
	    strlen(part[1]) > 2 || (n == 2 && strlen(part[2]) != 2 &&
	    strlen(part[2]) != 4))
		goto bad;
	d = atoi(part[0]);
	m = atoi(part[1]);
	if (n == 1)
		y = (int)(date_today() / 10000);
	else if (strlen(part[2]) == 2)
		y = 2000 + atoi(part[2]);
	else
		y = atoi(part[2]);
check:
	if (date_valid(y, m, d)) {
		*out = (int64_t)y * 10000 + m * 100 + d;
		return (0);
	}
	/* Of a date's shape, but not a day there is: 31.02.2026. */
	q = text_quote(whole);
	xasprintf(cause, _("no such day in the calendar, got %s"), q);
	free(q);
	return (-1);
bad:
	q = text_quote(whole);
	xasprintf(cause, _("a date like 28.11.2026, 2026-11-28, 5.12, +3 or "
	    "завтра expected, got %s"), q);
	free(q);
	return (-1);
}

void
date_format(int64_t v, char *buf, size_t len)
{
	snprintf(buf, len, "%04d-%02d-%02d", (int)(v / 10000),
	    (int)(v / 100 % 100), (int)(v % 100));
}

void
date_format_people(int64_t v, char *buf, size_t len)
{
	snprintf(buf, len, "%02d.%02d.%04d", (int)(v % 100),
	    (int)(v / 100 % 100), (int)(v / 10000));
}

int
time_parse(const char *s, int64_t *out, char **cause)
{
	struct tm	 tm;
	int		 y, mo, d, h, mi, sec = 0, n = 0;
	char		 sep;
	char		*q;
	const char	*rest;

	if (sscanf(s, "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi,
	    &n) != 6 || (sep != 'T' && sep != ' ') || n != 16)
		goto bad;
	rest = s + n;
	if (*rest == ':') {
		if (sscanf(rest, ":%2d%n", &sec, &n) != 1 || n != 3)
			goto bad;
		rest += n;
	}
	if (strcmp(rest, "Z") != 0 && strcmp(rest, "") != 0 &&
	    strcmp(rest, "+00:00") != 0)
		goto bad;
	if (!date_valid(y, mo, d) || h > 23 || mi > 59 || sec > 60 || h < 0 ||
	    mi < 0 || sec < 0)
		goto bad;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = (int64_t)timegm(&tm);
	return (0);
bad:
	q = text_quote(s);
	xasprintf(cause, _("a time like 2026-11-28T14:30:00Z expected, "
	    "got %s"),
	    q);
	free(q);
	return (-1);
}

/* "9:05", "14:30", "14:30:15": 1 and the hours, minutes and seconds. */
static int
time_of_day(const char *s, int *h, int *mi, int *sec)
{
	size_t	 n = strspn(s, "0123456789");

	if (n < 1 || n > 2 || s[n] != ':' ||
	    !isdigit((unsigned char)s[n + 1]) ||
	    !isdigit((unsigned char)s[n + 2]))
		return (0);
	*h = atoi(s);
	*mi = atoi(s + n + 1);
	*sec = 0;
	s += n + 3;
	if (*s == ':') {
		if (!all_digits(s + 1, 2, 2))
			return (0);
		*sec = atoi(s + 1);
	} else if (*s != '\0')
		return (0);
	return (*h < 24 && *mi < 60 && *sec < 60);
}

int
time_parse_local(const char *s, int64_t *out, char **cause)
{
	struct tm	 tm;
	const char	*sp;
	char		*date, *why = NULL, *q;
	size_t		 len;
	int64_t		 ymd;
	int		 h = 9, mi = 0, sec = 0;

	if ((sp = strrchr(s, ' ')) != NULL && time_of_day(sp + 1, &h, &mi,
	    &sec)) {
		len = (size_t)(sp - s);
		while (len > 0 && s[len - 1] == ' ')
			len--;
		/* "завтра в 14:30" */
		if (len > 3 && strncmp(s + len - 3, " в", 3) == 0)
			len -= 3;
		date = xstrndup(s, len);
	} else
		date = xstrdup(s);
	if (date_parse_at(date, 0, &ymd, &why) == 0) {
		free(date);
		memset(&tm, 0, sizeof tm);
		tm.tm_year = (int)(ymd / 10000) - 1900;
		tm.tm_mon = (int)(ymd / 100 % 100) - 1;
		tm.tm_mday = (int)(ymd % 100);
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = sec;
		tm.tm_isdst = -1;
		*out = (int64_t)mktime(&tm);
		return (0);
	}
	free(why);
	why = NULL;
	free(date);
	if (time_parse(s, out, &why) == 0)
		return (0);
	free(why);
	q = text_quote(s);
	xasprintf(cause, _("a time like 28.11.2026 14:30, 5.12 10:00 or "
	    "завтра 14:30 expected, got %s"), q);
	free(q);
	return (-1);
}

void
time_format(int64_t v, char *buf, size_t len)
{
	struct tm	 tm;
	time_t		 t = (time_t)v;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
time_format_people(int64_t v, char *buf, size_t len)
{
	struct tm	 tm;
	time_t		 t = (time_t)v;

	localtime_r(&t, &tm);
	strftime(buf, len, "%d.%m.%Y %H:%M", &tm);
}

int
inn_valid(const char *s)
{
	static const int w10[] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
	static const int w11[] = { 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
	static const int w12[] = { 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
	size_t		 len = strlen(s), i;
	int		 sum;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return (0);
	if (len == 10) {
		for (sum = 0, i = 0; i < 9; i++)
			sum += w10[i] * (s[i] - '0');
		return (sum % 11 % 10 == s[9] - '0');
	}
	if (len == 12) {
		for (sum = 0, i = 0; i < 10; i++)
			sum += w11[i] * (s[i] - '0');
		if (sum % 11 % 10 != s[10] - '0')
			return (0);
		for (sum = 0, i = 0; i < 11; i++)
			sum += w12[i] * (s[i] - '0');
		return (sum % 11 % 10 == s[11] - '0');
	}
	return (0);
}

int
kpp_valid(const char *s)
{
	int	 i;

	if (strlen(s) != 9)
		return (0);
	for (i = 0; i < 9; i++) {
		if (i == 4 || i == 5) {
			if (!isdigit((unsigned char)s[i]) &&
			    !(s[i] >= 'A' && s[i] <= 'Z'))
				return (0);
		} else if (!isdigit((unsigned char)s[i]))
			return (0);
	}
	return (1);
}

int
email_valid(const char *s)
{
	const char	*at, *dot, *p;

	if ((at = strchr(s, '@')) == NULL || at == s || strchr(at + 1, '@'))
		return (0);
	if ((dot = strrchr(at, '.')) == NULL || dot == at + 1 ||
	    dot[1] == '\0')
		return (0);
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || strchr("<>(),;:\"[]\\", *p))
			return (0);
	return (1);
}

/*
 * Phones.  Clerks type a Russian number every way there is: 8 (913)
 * 339-05-46, +7 913 3390546, 79133390546, 9133390546.  All of them are
 * one number, +7 and ten digits, stored as "+7 (913) 339-05-46" so that
 * lists show it one way and every form finds it.  8 10 and a foreign
 * number is the old trunk prefix for abroad: stored as "+" and the
 * number.  A foreign number (+ and its country code, 7 to 15 digits in
 * all, as E.164 allows) is kept as typed, its spaces tidied.  A number of
 * 2 to 7 digits without "+" is an internal line or a city number without
 * its area code: kept as typed.  Anything else (8 or 9 digits, or 11 to 15
 * without "+" that are not Russian) is refused, since nobody could dial
 * it.  A Russian or foreign number may end in an extension, "доб. 123"
 * (also typed доб 123, ext 123, x123, #123, вн. 123), up to 6 digits.
 */
#define PHONE_RU	1
#define PHONE_INTL	2
#define PHONE_LOCAL	3

struct phone {
	int	 kind;
	char	 digits[16];	/* PHONE_RU: 7 and ten digits */
	char	 ext[8];
	char	*typed;		/* the main part, tidied (INTL, LOCAL) */
};

/* The extension after the main part at s: 0 and its digits in p->ext,
 * or -1 when s is not one. */
static int
phone_ext(const char *s, struct phone *p)
{
	static const char *const marks[] = {
		"доб.", "доб", "ext.", "ext", "вн.", "вн", "x", "#", NULL
	};
	char		*f, *q;
	size_t		 i, n;
	int		 rc = -1;

	f = norm_fold(s, 0);
	q = f + strspn(f, " ,;");
	for (i = 0; marks[i] != NULL; i++)
		if (strncmp(q, marks[i], strlen(marks[i])) == 0)
			break;
	if (marks[i] == NULL)
		goto out;
	q += strlen(marks[i]);
	q += strspn(q, " ");
	n = strspn(q, "0123456789");
	if (n == 0 || n > 6 || q[n] != '\0')
		goto out;
	memcpy(p->ext, q, n);
	p->ext[n] = '\0';
	rc = 0;
out:
	free(f);
	return (rc);
}

/* Split a trimmed phone into its kind, digits and extension; 0, or -1
 * when it is none of the kinds above.  p->typed is malloc'd on 0. */
static int
phone_split(const char *s, struct phone *p)
{
	struct buf	 b = { 0 };
	const char	*end, *q;
	char		 d[32];
	size_t		 n = 0;
	int		 plus = 0, space = 0;

	memset(p, 0, sizeof *p);
	end = s + strspn(s, "0123456789 +-()");
	if (*end != '\0' && phone_ext(end, p) != 0)
		return (-1);
	for (q = s; q < end; q++) {
		if (*q == '+') {
			if (q != s + strspn(s, " "))
				return (-1);
			plus = 1;
		} else if (isdigit((unsigned char)*q)) {
			if (n + 1 >= sizeof d)
				return (-1);
			d[n++] = *q;
		}
	}
	d[n] = '\0';
	if (!plus && n >= 12 && strncmp(d, "810", 3) == 0) {
		/* 8 10 44 20...: the old way to dial abroad. */
		memmove(d, d + 3, n - 2);
		n -= 3;
		plus = 2;
	}
	if ((plus && n == 11 && d[0] == '7') ||
	    (!plus && n == 11 && (d[0] == '7' || d[0] == '8')) ||
	    (!plus && n == 10)) {
		p->kind = PHONE_RU;
		p->digits[0] = '7';
		memcpy(p->digits + 1, d + n - 10, 11);
		return (0);
	}
	if (plus && d[0] != '7' && n >= 7 && n <= 15) {
		p->kind = PHONE_INTL;
		memcpy(p->digits, d, n + 1);
	} else if (!plus && n >= 2 && n <= 7 && p->ext[0] == '\0') {
		p->kind = PHONE_LOCAL;
		memcpy(p->digits, d, n + 1);
	} else
		return (-1);
	if (plus == 2) {
		buf_printf(&b, "+%s", d);
		p->typed = buf_steal(&b);
		return (0);
	}
	/* As typed, with one space where there were several. */
	for (q = s + strspn(s, " "); q < end; q++) {
		if (*q == ' ') {
			space = 1;
			continue;
		}
		if (space && b.len > 0)
			buf_addc(&b, ' ');
		space = 0;
		buf_addc(&b, *q);
	}
	p->typed = buf_steal(&b);
	return (0);
}

int
phone_norm(const char *s, char **out, char **cause)
{
	struct phone	 p;
	struct buf	 b = { 0 };
	const char	*d = p.digits;
	char		*q;

	if (phone_split(s, &p) != 0) {
		q = text_quote(s);
		xasprintf(cause, _("a phone like +7 (913) 339-05-46 or "
		    "8 913 339-05-46, a foreign one with + and its country "
		    "code, or an internal number of 2 to 7 digits expected, "
		    "got %s"), q);
		free(q);
		return (-1);
	}
	if (p.kind == PHONE_RU)
		buf_printf(&b, "+7 (%.3s) %.3s-%.2s-%.2s", d + 1, d + 4, d + 7,
		    d + 9);
	else
		buf_adds(&b, p.typed);
	if (p.ext[0] != '\0')
		buf_printf(&b, " доб. %s", p.ext);
	free(p.typed);
	*out = buf_steal(&b);
	return (0);
}

int
phone_valid(const char *s)
{
	struct phone	 p;

	if (phone_split(s, &p) != 0)
		return (0);
	free(p.typed);
	return (1);
}

char *
phone_digits(const char *s)
{
	struct phone	 p;
	char		*d;
	size_t		 n;

	if (phone_split(s, &p) == 0) {
		free(p.typed);
		return (xstrdup(p.digits));
	}
	/* "т. 8 913 339 05 46", stored before the rules: still Russian. */
	d = norm_fold(s, 1);
	n = strlen(d);
	if (n == 11 && (d[0] == '7' || d[0] == '8')) {
		xasprintf(&p.typed, "7%s", d + n - 10);
		free(d);
		return (p.typed);
	}
	return (d);
}

int
login_valid(const char *s)
{
	const char	*p;

	if (*s == '\0' || *s == '-' || strlen(s) > 32)
		return (0);
	for (p = s; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && !strchr("._-", *p))
			return (0);
	return (1);
}

int
digits_only(const char *s)
{
	if (*s == '\0')
		return (0);
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return (0);
	return (1);
}

int
ean13_valid(const char *s)
{
	int	 i, sum = 0;

	if (strlen(s) != 13)
		return (0);
	for (i = 0; i < 13; i++)
		if (!isdigit((unsigned char)s[i]))
			return (0);
	for (i = 0; i < 12; i++)
		sum += (s[i] - '0') * (i % 2 ? 3 : 1);
	return ((10 - sum % 10) % 10 == s[12] - '0');
}

int
bik_valid(const char *s)
{
	return (strlen(s) == 9 && digits_only(s));
}

int
account_valid(const char *s)
{
	return (strlen(s) == 20 && digits_only(s));
}

int
ogrn_valid(const char *s)
{
	uint64_t	 n = 0;
	size_t		 i, len = strlen(s);

	if ((len != 13 && len != 15) || !digits_only(s))
		return (0);
	for (i = 0; i + 1 < len; i++)
		n = n * 10 + (uint64_t)(s[i] - '0');
	return ((int)(n % (len == 13 ? 11 : 13) % 10) == s[len - 1] - '0');
}

int
account_key_valid(const char *bik, const char *account, int corr)
{
	static const int	 w[3] = { 7, 1, 3 };
	char			 d[24];
	int			 i, sum = 0;

	if (!bik_valid(bik) || !account_valid(account))
		return (0);
	if (corr) {
		d[0] = '0';
		d[1] = bik[4];
		d[2] = bik[5];
	} else
		memcpy(d, bik + 6, 3);
	memcpy(d + 3, account, 20);
	for (i = 0; i < 23; i++)
		sum += (d[i] - '0') * w[i % 3];
	return (sum % 10 == 0);
}

static int
check_syntax(const struct field_def *f, const char *s, char **cause)
{
	const char	*expect = NULL;
	char		*q;
	int		 ok = 1;

	switch (f->check) {
	case FC_NONE:
		return (0);
	case FC_DIGITS:
		ok = strspn(s, "0123456789") == strlen(s);
		expect = N_("digits only");
		break;
	case FC_INN:
		ok = inn_valid(s);
		expect = N_("10 or 12 digits with valid check digits");
		break;
	case FC_KPP:
		ok = kpp_valid(s);
		expect = N_("9 characters (4 digits, 2 digits or capital "
		    "letters, 3 digits)");
		break;
	case FC_EMAIL:
		ok = email_valid(s);
		expect = N_("an e-mail address like name@example.ru");
		break;
	case FC_PHONE:
		return (0);	/* phone_norm() says what it wants */
	case FC_LOGIN:
		ok = login_valid(s);
		expect = N_("a login of letters, digits, '.', '_' or '-'");
		break;
	case FC_EAN13:
		ok = ean13_valid(s);
		expect = N_("13 digits with a valid EAN-13 check digit");
		break;
	case FC_BIK:
		ok = bik_valid(s);
		expect = N_("a BIK of 9 digits");
		break;
	case FC_ACCOUNT:
		ok = account_valid(s);
		expect = N_("an account number of 20 digits");
		break;
	case FC_OGRN:
		ok = ogrn_valid(s);
		expect = N_("13 or 15 digits with a valid check digit");
		break;
	case FC_NONNEG:
	case FC_PERCENT:
		return (0);	/* value_range() on the number */
	}
	if (ok)
		return (0);
	q = text_quote(s);
	xasprintf(cause, _("%s expected, got %s"), _(expect), q);
	free(q);
	return (-1);
}

int
value_parse(const struct field_def *f, const char *text, struct value *out,
    char **cause)
{
	char	*q;
	char	*s = NULL;
	size_t	 len;

	memset(out, 0, sizeof *out);
	/* Trim surrounding spaces: nobody means them. */
	while (*text == ' ')
		text++;
	len = strlen(text);
	while (len > 0 && text[len - 1] == ' ')
		len--;
	s = xstrndup(text, len);
	if (text_check(s, f->type == FT_TEXT ? f->width : 0,
	    (f->flags & FF_MULTILINE) != 0, cause) != 0)
		goto fail;
	if (len == 0) {
		free(s);
		return (0);
	}
	switch (f->type) {
	case FT_TEXT:
		if (f->flags & FF_UPPER) {
			for (q = s; *q != '\0'; q++)
				*q = (char)toupper((unsigned char)*q);
		}
		if (check_syntax(f, s, cause) != 0)
			goto fail;
		if (f->check == FC_PHONE) {
			if (phone_norm(s, &q, cause) != 0)
				goto fail;
			free(s);
			s = q;
			if (text_check(s, f->width, 0, cause) != 0)
				goto fail;
		}
		out->s = s;
		out->set = 1;
		return (0);
	case FT_ENUM: {
		const struct enum_alias	*refused;
		const char		*word;

		/* The word, or another name of it (1C's "шт.", "Без НДС"):
		 * stored as the word. */
		if ((word = dict_enum_find(f, s, &refused)) == NULL) {
			struct buf	 b = { 0 };
			size_t		 i;

			for (i = 0; f->enums[i] != NULL; i++)
				buf_printf(&b, "%s%s", i ? ", " : "",
				    f->enums[i]);
			q = text_quote(s);
			if (refused != NULL)
				xasprintf(cause, _("one of %s expected, got "
				    "%s: %s; write %s"), b.data, q,
				    _(refused->why), refused->word);
			else
				xasprintf(cause, _("one of %s expected, got "
				    "%s"), b.data, q);
			free(q);
			buf_free(&b);
			goto fail;
		}
		free(s);
		out->s = xstrdup(word);
		out->set = 1;
		return (0);
	}
	case FT_REF:
		out->s = s;
		out->set = 1;
		return (0);
	case FT_INT:
		if (fixed_parse(s, len, 0, &out->i, N_("a whole number"),
		    cause) != 0)
			goto fail;
		break;
	case FT_MONEY:
		if (money_parse(s, &out->i, cause) != 0)
			goto fail;
		break;
	case FT_QTY:
		if (qty_parse(s, &out->i, cause) != 0)
			goto fail;
		break;
	case FT_DATE:
		if (date_parse(s, &out->i, cause) != 0)
			goto fail;
		break;
	case FT_TIME:
		/* ISO times are UTC, as exports write them; the rest (what
		 * a clerk types: 28.11.2026 14:30, завтра 10:00) local. */
		if (time_parse(s, &out->i, &q) == 0)
			break;
		free(q);
		if (time_parse_local(s, &out->i, cause) != 0)
			goto fail;
		break;
	case FT_BOOL:
		if (strcmp(s, "1") == 0 || strcasecmp(s, "yes") == 0 ||
		    strcasecmp(s, "true") == 0 || strcmp(s, "да") == 0)
			out->i = 1;
		else if (strcmp(s, "0") == 0 || strcasecmp(s, "no") == 0 ||
		    strcasecmp(s, "false") == 0 || strcmp(s, "нет") == 0)
			out->i = 0;
		else {
			q = text_quote(s);
			xasprintf(cause, _("yes or no expected, got %s"), q);
			free(q);
			goto fail;
		}
		break;
	}
	if (value_range(f, out->i, cause) != 0)
		goto fail;
	free(s);
	out->set = 1;
	return (0);
fail:
	free(s);
	return (-1);
}

int
value_range(const struct field_def *f, int64_t i, char **cause)
{
	int64_t	 hundred;
	char	 buf[64];

	switch (f->check) {
	case FC_NONNEG:
		if (i >= 0)
			return (0);
		xasprintf(cause, _("not negative expected, got %s"),
		    value_format_int(f, i, buf, sizeof buf));
		return (-1);
	case FC_PERCENT:
		hundred = f->type == FT_QTY ? 100000 :
		    f->type == FT_MONEY ? 10000 : 100;
		if (i >= 0 && i <= hundred)
			return (0);
		xasprintf(cause, _("0 to 100 expected, got %s"),
		    value_format_int(f, i, buf, sizeof buf));
		return (-1);
	default:
		return (0);
	}
}

const char *
value_format_int(const struct field_def *f, int64_t i, char *buf,
    size_t len)
{
	switch (f->type) {
	case FT_MONEY:
		money_format(i, buf, len, 0);
		break;
	case FT_QTY:
		qty_format(i, buf, len);
		break;
	case FT_DATE:
		date_format(i, buf, len);
		break;
	case FT_TIME:
		time_format(i, buf, len);
		break;
	case FT_BOOL:
		return (i ? "yes" : "no");
	default:
		/* An id, a count: fixed_format's digits, no decimals. */
		fixed_format(i, 0, 0, 0, buf, len);
		break;
	}
	return (buf);
}

char *
value_format(const struct field_def *f, const struct value *v)
{
	char	 buf[64];

	if (!v->set)
		return (xstrdup(""));
	if (v->s != NULL)
		return (xstrdup(v->s));
	return (xstrdup(value_format_int(f, v->i, buf, sizeof buf)));
}

void
value_free(struct value *v)
{
	free(v->s);
	memset(v, 0, sizeof *v);
}
