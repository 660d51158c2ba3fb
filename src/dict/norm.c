#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/dict.h"
#include "dict/norm.h"
#include "dict/record.h"
#include "dict/value.h"
#include "xmalloc.h"

#define WORD_KEY_MAX	48

static unsigned
fold_cp(unsigned c)
{
	if (c >= 'A' && c <= 'Z')
		return (c + 32);
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		return (c + 32);
	if (c >= 0x410 && c <= 0x42f)		/* А-Я */
		return (c + 32);
	if (c == 0x401 || c == 0x451)		/* Ё ё */
		return (0x435);
	if (c >= 0x400 && c <= 0x40f)		/* Ѐ-Џ */
		return (c + 80);
	return (c);
}

static void
put_cp(struct buf *b, unsigned c)
{
	char	 o[4];

	if (c < 0x80) {
		buf_addc(b, (char)c);
	} else if (c < 0x800) {
		o[0] = (char)(0xc0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3f));
		buf_add(b, o, 2);
	} else if (c < 0x10000) {
		o[0] = (char)(0xe0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f));
		buf_add(b, o, 3);
	} else {
		o[0] = (char)(0xf0 | (c >> 18));
		o[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		o[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		o[3] = (char)(0x80 | (c & 0x3f));
		buf_add(b, o, 4);
	}
}

/* Decode leniently: a bad byte stands for itself (text is checked on
 * input, so this only meets valid UTF-8). */
static unsigned
get_cp(const unsigned char **pp)
{
	const unsigned char	*p = *pp;
	unsigned		 c = *p;

	if (c >= 0xc0 && c < 0xe0 && (p[1] & 0xc0) == 0x80) {
		*pp = p + 2;
		return (((c & 0x1f) << 6) | (p[1] & 0x3f));
	}
	if (c >= 0xe0 && c < 0xf0 && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80) {
		*pp = p + 3;
		return (((c & 0x0f) << 12) | ((p[1] & 0x3f) << 6) |
		    (p[2] & 0x3f));
	}
	if (c >= 0xf0 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80 &&
	    (p[3] & 0xc0) == 0x80) {
		*pp = p + 4;
		return (((c & 0x07) << 18) | ((p[1] & 0x3f) << 12) |
		    ((p[2] & 0x3f) << 6) | (p[3] & 0x3f));
	}
	*pp = p + 1;
	return (c);
}

/*
 * The Cyrillic letters that look like Latin ones, folded (already lower
 * case) to the Latin letter: a code typed on a Russian layout, С-000003,
 * is the code C-000003.
 */
static unsigned
twin_cp(unsigned c)
{
	static const struct {
		unsigned	 cyr;
		char		 lat;
	} twins[] = {
		{ 0x430, 'a' }, { 0x432, 'b' }, { 0x435, 'e' }, { 0x43a, 'k' },
		{ 0x43c, 'm' }, { 0x43d, 'h' }, { 0x43e, 'o' }, { 0x440, 'p' },
		{ 0x441, 'c' }, { 0x442, 't' }, { 0x443, 'y' }, { 0x445, 'x' },
		{ 0x456, 'i' }, { 0x458, 'j' }, { 0x455, 's' },
	};
	size_t	 i;

	for (i = 0; i < sizeof twins / sizeof twins[0]; i++)
		if (twins[i].cyr == c)
			return ((unsigned char)twins[i].lat);
	return (c);
}

char *
norm_code_fold(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct buf		 b = { 0 };

	while (*p != '\0')
		put_cp(&b, twin_cp(fold_cp(get_cp(&p))));
	return (buf_steal(&b));
}

char *
norm_code(const struct entity_def *e, const char *s)
{
	char			*f, *pf, *p, *out = NULL;
	size_t			 plen, n;
	unsigned long long	 num;

	if (e->code_prefix == NULL)
		return (NULL);
	f = norm_code_fold(s + strspn(s, " "));
	pf = norm_code_fold(e->code_prefix);
	plen = strlen(pf);
	p = f;
	if (strncmp(p, pf, plen) == 0 && (p[plen] == '-' || p[plen] == ' ' ||
	    (p[plen] >= '0' && p[plen] <= '9'))) {
		p += plen;
		p += strspn(p, " ");
		if (*p == '-')
			p++;
		p += strspn(p, " ");
	}
	n = strspn(p, "0123456789");
	while (p[n] == ' ')
		p[n++] = '\0';
	/* 3 or 000003, not 0003: a code being typed, not yet a number. */
	if (n == 0 || n > 9 || p[n] != '\0' || (p[0] == '0' && n != 6))
		goto out;
	num = strtoull(p, NULL, 10);
	if (num == 0)
		goto out;
	xasprintf(&out, "%s-%06llu", e->code_prefix, num);
out:
	free(f);
	free(pf);
	return (out);
}

char *
norm_fold(const char *s, int digits_only)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct buf		 b = { 0 };
	unsigned		 c;

	while (*p != '\0') {
		c = get_cp(&p);
		if (digits_only) {
			if (c >= '0' && c <= '9')
				buf_addc(&b, (char)c);
		} else
			put_cp(&b, fold_cp(c));
	}
	return (buf_steal(&b));
}

int
norm_key_format(const struct field_def *f, int words)
{
	/* 2: a Russian phone keyed as 7 and ten digits however typed. */
	if (f->flags & FF_DIGITS)
		return (2);
	/* 2: a code's Cyrillic look-alikes keyed as the Latin letters. */
	if ((f->flags & FF_UPPER) && !words)
		return (2);
	return (1);
}

void
norm_u64(uint64_t v, unsigned char *p)
{
	int	 i;

	for (i = 7; i >= 0; i--) {
		p[i] = (unsigned char)v;
		v >>= 8;
	}
}

uint64_t
norm_get_u64(const unsigned char *p)
{
	uint64_t	 v = 0;
	int		 i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return (v);
}

unsigned char *
norm_key(const struct field_def *f, const struct value *v, size_t *len)
{
	unsigned char	*k;
	char		*s;

	if (!v->set)
		return (NULL);
	if (f->type == FT_TEXT || f->type == FT_ENUM ||
	    (f->type == FT_REF && v->s != NULL)) {
		if (v->s == NULL)
			return (NULL);
		if ((f->flags & FF_DIGITS) && f->check == FC_PHONE)
			s = phone_digits(v->s);
		else if (f->flags & FF_UPPER)
			s = norm_code_fold(v->s);
		else
			s = norm_fold(v->s, (f->flags & FF_DIGITS) != 0);
		if (*s == '\0') {
			free(s);
			return (NULL);
		}
		*len = strlen(s);
		return ((unsigned char *)s);
	}
	k = xmalloc(8);
	norm_u64((uint64_t)v->i ^ ((uint64_t)1 << 63), k);
	*len = 8;
	return (k);
}

static int
is_word_char(unsigned c)
{
	return ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 0xe0 && c <= 0xff) || (c >= 0x400 && c <= 0x52f) ||
	    (c >= 0x2c00 && !(c >= 0x3000 && c <= 0x303f)));
}

size_t
norm_words(const char *s, char ***keys)
{
	char		*f, **out = NULL;
	const unsigned char *p, *start;
	size_t		 n = 0, i, len;
	int		 inword = 0;
	unsigned	 c;

	f = norm_fold(s, 0);
	p = (const unsigned char *)f;
	while (*p != '\0') {
		start = p;
		c = get_cp(&p);
		if (!is_word_char(c)) {
			inword = 0;
			continue;
		}
		if (inword)
			continue;
		inword = 1;
		len = strlen((const char *)start);
		if (len > WORD_KEY_MAX) {
			len = WORD_KEY_MAX;
			/* Do not cut a character in two. */
			while (len > 0 && (start[len] & 0xc0) == 0x80)
				len--;
		}
		for (i = 0; i < n; i++)
			if (strlen(out[i]) == len &&
			    memcmp(out[i], start, len) == 0)
				break;
		if (i < n)
			continue;
		out = xreallocarray(out, n + 1, sizeof *out);
		out[n++] = xstrndup((const char *)start, len);
	}
	free(f);
	*keys = out;
	return (n);
}

size_t
norm_digit_keys(const char *s, char ***keys)
{
	static const size_t	 tails[] = { 10, 7, 4 };
	char			*d, **out;
	size_t			 len, n = 0, i, j;

	d = phone_digits(s);
	len = strlen(d);
	if (len == 0) {
		free(d);
		*keys = NULL;
		return (0);
	}
	out = xcalloc(4, sizeof *out);
	out[n++] = d;
	for (i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		if (len <= tails[i])
			continue;
		for (j = 0; j < n; j++)
			if (strcmp(out[j], d + len - tails[i]) == 0)
				break;
		if (j == n)
			out[n++] = xstrdup(d + len - tails[i]);
	}
	*keys = out;
	return (n);
}
