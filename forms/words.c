/*
 * Numbers and amounts in Russian words (words.h).  The words are the
 * document's, not the interface's: never translated.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/words.h"
#include "xmalloc.h"

static const char *const ones[3][10] = {
	{ "", "один", "два", "три", "четыре", "пять", "шесть", "семь",
	  "восемь", "девять" },
	{ "", "одна", "две", "три", "четыре", "пять", "шесть", "семь",
	  "восемь", "девять" },
	{ "", "одно", "два", "три", "четыре", "пять", "шесть", "семь",
	  "восемь", "девять" },
};
static const char *const teens[10] = {
	"десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать",
	"пятнадцать", "шестнадцать", "семнадцать", "восемнадцать",
	"девятнадцать"
};
static const char *const tens[10] = {
	"", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят",
	"семьдесят", "восемьдесят", "девяносто"
};
static const char *const hundreds[10] = {
	"", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот",
	"семьсот", "восемьсот", "девятьсот"
};

#define WORDS_MAX	999999999999ULL

const char *
words_plural(uint64_t n, const char *one, const char *few, const char *many)
{
	unsigned	 last2 = (unsigned)(n % 100), last = (unsigned)(n % 10);

	if (last2 >= 11 && last2 <= 14)
		return (many);
	if (last == 1)
		return (one);
	if (last >= 2 && last <= 4)
		return (few);
	return (many);
}

static void
word(struct buf *b, const char *w)
{
	if (*w == '\0')
		return;
	if (b->len > 0 && b->data[b->len - 1] != ' ')
		buf_addc(b, ' ');
	buf_adds(b, w);
}

/* One group of three digits, 1 to 999. */
static void
triad(struct buf *b, unsigned n, enum words_gender g)
{
	unsigned	 h = n / 100, t = n / 10 % 10, u = n % 10;

	word(b, hundreds[h]);
	if (t == 1) {
		word(b, teens[u]);
		return;
	}
	word(b, tens[t]);
	word(b, ones[g][u]);
}

static void
digits_grouped(struct buf *b, uint64_t n)
{
	char	 d[32];
	size_t	 len, i;

	len = (size_t)snprintf(d, sizeof d, "%llu", (unsigned long long)n);
	for (i = 0; i < len; i++) {
		buf_addc(b, d[i]);
		if ((len - i - 1) % 3 == 0 && i + 1 < len)
			buf_addc(b, ' ');
	}
}

void
words_number(struct buf *b, uint64_t n, enum words_gender g)
{
	static const struct {
		uint64_t		 scale;
		enum words_gender	 g;
		const char		*one, *few, *many;
	} groups[] = {
		{ 1000000000ULL, WG_MASC, "миллиард", "миллиарда",
		  "миллиардов" },
		{ 1000000ULL, WG_MASC, "миллион", "миллиона", "миллионов" },
		{ 1000ULL, WG_FEM, "тысяча", "тысячи", "тысяч" },
	};
	struct buf	 w;
	unsigned	 part;
	size_t		 i;

	memset(&w, 0, sizeof w);
	if (n > WORDS_MAX)
		digits_grouped(&w, n);
	else if (n == 0)
		buf_adds(&w, "ноль");
	else {
		for (i = 0; i < sizeof groups / sizeof groups[0]; i++) {
			part = (unsigned)(n / groups[i].scale % 1000);
			if (part == 0)
				continue;	/* an empty group is skipped */
			triad(&w, part, groups[i].g);
			word(&w, words_plural(part, groups[i].one,
			    groups[i].few, groups[i].many));
		}
		if (n % 1000 != 0)
			triad(&w, (unsigned)(n % 1000), g);
	}
	if (b->len > 0 && b->data[b->len - 1] != ' ')
		buf_addc(b, ' ');
	buf_add(b, w.data, w.len);
	buf_free(&w);
}

void
words_capital(char *s)
{
	unsigned char	*p = (unsigned char *)s;
	unsigned	 c;

	if (p[0] >= 'a' && p[0] <= 'z') {
		p[0] -= 0x20;
		return;
	}
	if ((p[0] & 0xe0) != 0xc0 || (p[1] & 0xc0) != 0x80)
		return;
	c = ((unsigned)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
	if (c >= 0x430 && c <= 0x44f)		/* а-я */
		c -= 0x20;
	else if (c >= 0x450 && c <= 0x45f)	/* ѐ-џ, ё among them */
		c -= 0x50;
	else
		return;
	p[0] = (unsigned char)(0xc0 | (c >> 6));
	p[1] = (unsigned char)(0x80 | (c & 0x3f));
}

char *
words_rub(int64_t kopecks)
{
	struct buf	 b;
	uint64_t	 u, rub;
	unsigned	 kop;

	memset(&b, 0, sizeof b);
	if (kopecks < 0) {
		buf_adds(&b, "минус");
		u = (uint64_t)0 - (uint64_t)kopecks;
	} else
		u = (uint64_t)kopecks;
	rub = u / 100;
	kop = (unsigned)(u % 100);
	words_number(&b, rub, WG_MASC);
	buf_printf(&b, " %s %02u %s", words_plural(rub, "рубль", "рубля",
	    "рублей"), kop, words_plural(kop, "копейка", "копейки",
	    "копеек"));
	words_capital(b.data);
	return (buf_steal(&b));
}
