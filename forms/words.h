#ifndef KONTOR_FORMS_WORDS_H
#define KONTOR_FORMS_WORDS_H

#include <stdint.h>

struct buf;

/*
 * Numbers and amounts in Russian words (сумма прописью), as RU-DOCS.md
 * gives the rules: the noun after a number by its last two digits (11-14:
 * рублей, копеек), else by its last one (1 рубль, 2-4 рубля, 0 and 5-9
 * рублей); тысяча and копейка feminine (одна тысяча, две копейки); empty
 * groups skipped (два миллиона рублей).  These are the words of Russian
 * documents: they stay Russian whatever the interface's language.
 */

enum words_gender {
	WG_MASC,	/* один рубль, два рубля */
	WG_FEM,		/* одна тысяча, две копейки */
	WG_NEUT		/* одно место, два места */
};

/*
 * n in words, lower case, appended to b: "две тысячи один"; 0 is "ноль".
 * Up to 999 999 999 999; a larger n is written in digits grouped by
 * thousands ("1 000 000 000 000").
 */
void		 words_number(struct buf *b, uint64_t n, enum words_gender);
/* The noun's form after n: one (1, 21, 101), few (2-4, 22-24), many (0,
 * 5-20, 25-30, 111-114). */
const char	*words_plural(uint64_t n, const char *one, const char *few,
		    const char *many);
/*
 * An amount in words with a capital first letter, the roubles in words
 * and the kopecks as two digits: "Одна тысяча двести тридцать четыре
 * рубля 56 копеек", "Ноль рублей 01 копейка".  0 to 999 999 999 999.99
 * in words; past it the roubles in digits with the same endings; below 0
 * "Минус ...".  Caller frees.
 */
char		*words_rub(int64_t kopecks);
/* The first letter of UTF-8 s made capital (Cyrillic and Latin), in
 * place. */
void		 words_capital(char *s);

#endif
