#ifndef KONTOR_DICT_NORM_H
#define KONTOR_DICT_NORM_H

#include <stddef.h>
#include <stdint.h>

struct entity_def;
struct field_def;
struct value;

/*
 * Index keys.  Text is folded the same way on every machine, whatever the
 * locale: ASCII, Latin-1 and Cyrillic letters to lower case and 'ё' to
 * 'е', so "Рога" finds "РОГА и ёлки".  Numbers become 8 big-endian bytes
 * with the sign bit flipped, so byte order is numeric order.
 */

/* Folded copy of s; digits_only keeps just 0-9.  Caller frees. */
char	*norm_fold(const char *, int digits_only);
/* Folded as a code's key is (FF_UPPER fields): as norm_fold, and the
 * Cyrillic letters that look Latin (С А Р Т Е К М Н О В Х У, і ј ѕ) as
 * those Latin letters, so a code typed on a Russian layout is found.
 * Caller frees. */
char	*norm_code_fold(const char *);
/* The code a clerk means by a number alone or a prefix and a number, in
 * e's series: "3", "000003", "с-3", "C 3" -> "C-000003" (Cyrillic
 * twins and any case in the prefix).  NULL when e has no code prefix or s
 * is not of that shape, or starts with a zero without being six digits
 * ("0003": a code still being typed).  Caller frees. */
char	*norm_code(const struct entity_def *, const char *);
/* The sort/lookup key of a value of f; malloc'd, length in *len; NULL
 * when the value is not indexed (unset, or no digits in a phone).  A
 * phone's key is phone_digits(). */
unsigned char	*norm_key(const struct field_def *, const struct value *,
		     size_t *len);
/* Text as words: folded, every run of punctuation, quotes, dashes and
 * spaces one space, none at the ends ("ООО «Рога-Копыта»" -> "ооо рога
 * копыта").  Caller frees. */
char	*norm_text(const char *);
/* The word keys of a searchable text: its norm_text() from the start of
 * each word, at most 48 bytes each, duplicates removed, so that a prefix
 * search finds ООО «Ромашка» by "ромашка", "ооо ромашка" or "ООО
 * "Ромашка"".  Returns the count; *keys is a malloc'd array of malloc'd
 * strings. */
size_t	 norm_words(const char *, char ***keys);
/* What a word index is searched for: norm_text(q), cut to a key's 48
 * bytes; *capped when it was cut (the rows found must then be checked
 * with norm_words_match()).  Caller frees. */
char	*norm_word_prefix(const char *q, int *capped);
/* Whether a word of text starts norm_text(q) (q non-empty). */
int	 norm_words_match(const char *text, const char *q);
/* The sort key of a firm's name (FF_FIRM): norm_text() without a legal
 * form (ООО, АО, ИП, ПАО, ЗАО, ОАО, НКО... or written out) at its start
 * or end, unless nothing would be left.  Caller frees. */
char	*norm_firm_key(const char *);
/* The search keys of a phone beside its whole digits (phone_digits(): a
 * Russian number as 7 and ten digits however it was typed, the key of
 * the field's plain index): its last 10, 7 and 4 digits, each when
 * shorter than the whole, so that a prefix search (which reads both
 * indexes) finds "+7 (900) 123-45-67" by 79001234567, 9001234567,
 * 1234567 or 4567.  As norm_words. */
size_t	 norm_digit_keys(const char *, char ***keys);
/* The word keys of a firm's name (FF_FIRM) whose plain index a search
 * reads too: norm_words() without the one that is its norm_firm_key()
 * (the key of that index: "ромашка" of ООО «Ромашка», "иванов иван" of
 * Иванов Иван), which a prefix finds there as well.  As norm_words. */
size_t	 norm_firm_words(const char *, char ***keys);
/* Whether the word index of f is norm_firm_words()' (an indexed,
 * searchable firm's name) rather than norm_words()'. */
int	 norm_firm_words_of(const struct field_def *f);
/*
 * The format of the keys the functions above make for an index of f (its
 * word index when words is set).  Whoever changes what a key function
 * makes for some field bumps its format here: the server stores each
 * index's format and, at open, rebuilds an index whose stored format
 * differs (src/db/store.c), so a home made by an older binary is
 * searched with the new keys.  A home made before formats were stored
 * has format 1 everywhere.
 */
int	 norm_key_format(const struct field_def *, int words);
void	 norm_u64(uint64_t, unsigned char *);
uint64_t norm_get_u64(const unsigned char *);

#endif
