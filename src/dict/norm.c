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

/* c in UTF-8 at o (4 bytes at most); the bytes written. */
static size_t
cp_utf8(unsigned c, char *o)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return (1);
	}
	if (c < 0x800) {
		o[0] = (char)(0xc0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3f));
		return (2);
	}
	if (c < 0x10000) {
		o[0] = (char)(0xe0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f));
		return (3);
	}
	o[0] = (char)(0xf0 | (c >> 18));
	o[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	o[3] = (char)(0x80 | (c & 0x3f));
	return (4);
}

static void
put_cp(struct buf *b, unsigned c)
{
	char	 o[4];

	buf_add(b, o, cp_utf8(c, o));
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

	if (c < 0x430 || c > 0x458)
		return (c);
	for (i = 0; i < sizeof twins / sizeof twins[0]; i++)
		if (twins[i].cyr == c)
			return ((unsigned char)twins[i].lat);
	return (c);
}

/*
 * Every code's index key is folded here (each put of a record with a
 * code, each look-up by code): an ASCII byte is lowered in place, only
 * the others decoded, folded and written again; into one allocation of
 * room enough (a stray byte, read as itself, takes two).
 */
char *
norm_code_fold(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			*out;
	size_t			 o = 0;

	out = xmalloc(2 * strlen(s) + 1);
	while (*p != '\0') {
		if (*p < 0x80) {
			out[o++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 :
			    *p);
			p++;
		} else
			o += cp_utf8(twin_cp(fold_cp(get_cp(&p))), out + o);
	}
	out[o] = '\0';
	return (out);
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
	/* 3: a phone's search keys are its tails only; the whole number
	 * is the key of its plain index, which a search reads too. */
	if ((f->flags & FF_DIGITS) && words)
		return (3);
	/* 4: a firm's name's words but the first of its sort key, which
	 * begins the key of its plain index, which a search reads too. */
	if (words && norm_firm_words_of(f))
		return (4);
	/* 2: a Russian phone keyed as 7 and ten digits however typed. */
	if (f->flags & FF_DIGITS)
		return (2);
	/* 2: a code's Cyrillic look-alikes keyed as the Latin letters. */
	if ((f->flags & FF_UPPER) && !words)
		return (2);
	/* 2: words without punctuation or quotes, "ооо ромашка" for ООО
	 * «Ромашка»; a firm's name sorted without its legal form. */
	if (words || (f->flags & FF_FIRM))
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
		else if (f->flags & FF_FIRM)
			s = norm_firm_key(v->s);
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

/*
 * Letters and digits of the scripts names are written in; punctuation,
 * quotes, dashes, symbols (« » „ “ ” ‘ ’ — № € ™) are not.  Latin-1's
 * U+00A0-U+00BF are punctuation, U+2000-U+2BFF punctuation and symbols.
 */
static int
is_word_char(unsigned c)
{
	if (c < 0x80)
		return ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z'));
	if (c < 0xc0 || c == 0xd7 || c == 0xf7)
		return (0);
	if (c < 0x2000)
		return (1);
	if (c < 0x2c00 || (c >= 0x3000 && c <= 0x303f) ||
	    (c >= 0xfe10 && c <= 0xfe6f) || (c >= 0xff01 && c <= 0xff0f) ||
	    (c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) ||
	    (c >= 0xff5b && c <= 0xff65))
		return (0);
	return (1);
}

char *
norm_text(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct buf		 b = { 0 };
	unsigned		 c;
	int			 gap = 0;

	while (*p != '\0') {
		c = fold_cp(get_cp(&p));
		if (!is_word_char(c)) {
			gap = 1;
			continue;
		}
		if (gap && b.len > 0)
			buf_addc(&b, ' ');
		gap = 0;
		put_cp(&b, c);
	}
	return (buf_steal(&b));
}

/* The first len bytes of s, fewer if that would cut a character. */
static size_t
cap_len(const char *s, size_t len)
{
	size_t	 n = strlen(s);

	if (n <= len)
		return (n);
	while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
		len--;
	return (len);
}

size_t
norm_words(const char *s, char ***keys)
{
	char		*f, **out = NULL;
	const char	*p;
	size_t		 n = 0, i, len;

	f = norm_text(s);
	for (p = f; *p != '\0'; p += strcspn(p, " "), p += *p == ' ') {
		len = cap_len(p, WORD_KEY_MAX);
		for (i = 0; i < n; i++)
			if (strlen(out[i]) == len &&
			    memcmp(out[i], p, len) == 0)
				break;
		if (i < n)
			continue;
		out = xreallocarray(out, n + 1, sizeof *out);
		out[n++] = xstrndup(p, len);
	}
	free(f);
	*keys = out;
	return (n);
}

char *
norm_word_prefix(const char *q, int *capped)
{
	char	*f = norm_text(q);
	size_t	 len = cap_len(f, WORD_KEY_MAX);

	*capped = f[len] != '\0';
	f[len] = '\0';
	return (f);
}

int
norm_words_match(const char *text, const char *q)
{
	char		*f, *fq;
	const char	*p;
	size_t		 qlen;
	int		 found = 0;

	f = norm_text(text);
	fq = norm_text(q);
	qlen = strlen(fq);
	for (p = f; *p != '\0' && !found; p += strcspn(p, " "),
	    p += *p == ' ')
		found = strncmp(p, fq, qlen) == 0;
	free(f);
	free(fq);
	return (found && qlen > 0);
}

/*
 * Legal forms, folded as norm_text() folds them, longest first: a firm's
 * name sorts without its legal form, so ООО «Альфа» is next to АО
 * «Альфа-Трейд», and the form may stand before the name (ООО «Альфа») or,
 * as 1C exports have it, after it (Альфа, ООО).
 */
static const char *const legal_forms[] = {
	"автономная некоммерческая организация",
	"общество с ограниченной ответственностью",
	"непубличное акционерное общество",
	"публичное акционерное общество",
	"закрытое акционерное общество",
	"открытое акционерное общество",
	"индивидуальный предприниматель",
	"некоммерческая организация",
	"акционерное общество",
	"фгбу", "фгуп", "ооо", "оао", "зао", "пао", "нао", "нко", "ано",
	"гуп", "муп", "гбу", "мбу", "тсж", "снт", "кфх", "одо", "ао", "ип",
	"ooo", "zao", "oao", "pao", "llc", "ltd", "gmbh", "inc",
	NULL
};

char *
norm_firm_key(const char *s)
{
	char	*f = norm_text(s);
	size_t	 i, len, n;

	for (i = 0; legal_forms[i] != NULL; i++) {
		len = strlen(legal_forms[i]);
		if (strncmp(f, legal_forms[i], len) == 0 && f[len] == ' ') {
			memmove(f, f + len + 1, strlen(f + len + 1) + 1);
			break;
		}
	}
	n = strlen(f);
	for (i = 0; legal_forms[i] != NULL; i++) {
		len = strlen(legal_forms[i]);
		if (n > len + 1 && f[n - len - 1] == ' ' &&
		    strcmp(f + n - len, legal_forms[i]) == 0) {
			f[n - len - 1] = '\0';
			break;
		}
	}
	/* Never nothing: a firm called just "ООО" keeps it. */
	if (*f == '\0') {
		free(f);
		return (norm_text(s));
	}
	return (f);
}

int
norm_firm_words_of(const struct field_def *f)
{
	return ((f->flags & FF_FIRM) && (f->flags & FF_SEARCH) &&
	    (f->flags & (FF_INDEXED | FF_UNIQUE)) && !(f->flags & FF_DIGITS));
}

size_t
norm_firm_words(const char *s, char ***keys)
{
	char	*fk, **out;
	size_t	 n, i, len;

	n = norm_words(s, &out);
	fk = norm_firm_key(s);
	/* The key from its first word to the end is the sort key, when no
	 * legal form follows (ООО «Ромашка»: "ромашка"; not Ромашка ООО). */
	len = cap_len(fk, WORD_KEY_MAX);
	for (i = 0; i < n; i++)
		if (strlen(out[i]) == len && memcmp(out[i], fk, len) == 0) {
			free(out[i]);
			memmove(&out[i], &out[i + 1], (n - i - 1) *
			    sizeof *out);
			n--;
			break;
		}
	free(fk);
	if (n == 0) {		/* as norm_words: no keys, no array */
		free(out);
		out = NULL;
	}
	*keys = out;
	return (n);
}

size_t
norm_digit_keys(const char *s, char ***keys)
{
	static const size_t	 tails[] = { 10, 7, 4 };
	char			*d, **out;
	size_t			 len, n = 0, i;

	d = phone_digits(s);
	len = strlen(d);
	out = xcalloc(sizeof tails / sizeof tails[0], sizeof *out);
	/* Each tail is shorter than the digits, so the tails differ. */
	for (i = 0; i < sizeof tails / sizeof tails[0]; i++)
		if (len > tails[i])
			out[n++] = xstrdup(d + len - tails[i]);
	free(d);
	if (n == 0) {
		free(out);
		out = NULL;
	}
	*keys = out;
	return (n);
}
