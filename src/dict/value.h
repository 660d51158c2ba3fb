#ifndef KONTOR_DICT_VALUE_H
#define KONTOR_DICT_VALUE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct field_def;
struct value;

/*
 * Typed values from and to text.  Every parser returns 0, or -1 with
 * *cause set to a malloc'd reason that names what was expected and what
 * was got ("10 or 12 digits with valid check digits expected, got
 * \"77A1234567\""); the caller prefixes the field name.  No floating
 * point is used for money or quantities.
 */

/* Text to a value of f's type; empty text is "not set".  FT_REF keeps
 * the text (a code) in out->s for the server to resolve. */
int	 value_parse(const struct field_def *, const char *, struct value *,
	     char **cause);
/* A value as text (ISO dates, 1234.56 money, plain digits); "" if unset.
 * FT_REF prints the id; the server prints codes instead.  Caller frees. */
char	*value_format(const struct field_def *, const struct value *);
/* What value_format() writes for integer i of field f (a reference: its
 * id), in buf of len bytes or a constant. */
const char *value_format_int(const struct field_def *, int64_t, char *,
	    size_t);
void	 value_free(struct value *);
/* 0, or -1 and *cause when number i is out of field f's range (FC_NONNEG,
 * FC_PERCENT): value_parse() checks it, and the server again. */
int	 value_range(const struct field_def *, int64_t, char **cause);

/* An amount: as fixed-point text with a '.' or ',' and thousands grouped
 * by spaces or no-break spaces, signed; also with a currency after it, as
 * 1C writes one ("1 234,56 руб.", "р.", "₽"). */
int	 money_parse(const char *, int64_t *, char **cause);
/* group: separate thousands with a space ("1 234,56"), else "1234.56". */
void	 money_format(int64_t, char *, size_t, int group);
/* Money for people, as every message writes it (money_format grouped),
 * into buf; returns buf, for a message's argument. */
const char *money_people(int64_t, char *buf, size_t);
int	 qty_parse(const char *, int64_t *, char **cause);
void	 qty_format(int64_t, char *, size_t);
/* A quantity for people, as the interface shows figures (money_format()
 * grouped, printed forms, messages): thousands grouped with a space and
 * a decimal comma ("1 234,5"); qty_format() is for CSV and scripts. */
void	 qty_format_grouped(int64_t, char *, size_t);
/* A size of a file for people, in the user's language: "512 B", "34 KB"
 * (rounded up), "1.5 MB" (to a tenth, rounded up). */
void	 size_format(uint64_t bytes, char *, size_t);
/*
 * Dates are int YYYYMMDD.  Accepted: 2026-11-28; 28.11.2026, 1.1.2026,
 * 28.11.26 (20yy); 5.12 and 05.12 (this year); +3 and -1 (days from
 * today); сегодня/today, завтра/tomorrow, послезавтра, вчера/yesterday,
 * позавчера, in any case; any of these followed by a time of day, as 1C
 * writes a document's date ("05.12.2026 0:00:00", "05.12.2026 12:34",
 * "2026-12-05T00:00:00"): the date, whatever the time.  Today is the
 * local date of value_set_now()'s clock.  A date of the right shape that
 * is no day ("31.02.2026") is refused as such.
 */
int	 date_parse(const char *, int64_t *, char **cause);
void	 date_format(int64_t, char *, size_t);
/* A date for people, as lists, cards and documents show it: DD.MM.YYYY
 * (date_format() writes ISO, for CSV and scripts). */
void	 date_format_people(int64_t, char *, size_t);
int	 date_valid(int y, int m, int d);
/* Today (local); a valid date plus days (negative: back); the day of the
 * week, 0 Monday to 6 Sunday. */
int64_t	 date_today(void);
int64_t	 date_add_days(int64_t, int64_t days);
int	 date_weekday(int64_t);
/* The clock relative dates and times count from: 0 (the default) is the
 * real one; tests fix it. */
void	 value_set_now(time_t);
/* Timestamps are seconds since the epoch; ISO-8601, UTC on output. */
int	 time_parse(const char *, int64_t *, char **cause);
void	 time_format(int64_t, char *, size_t);
/* A time for people, local: DD.MM.YYYY HH:MM, as lists show it. */
void	 time_format_people(int64_t, char *, size_t);
/* A time as a clerk types it, local: any date date_parse() takes, then
 * optionally "14:30" or "14:30:15" (else 09:00): "28.11.2026 14:30",
 * "завтра 14:30", "завтра в 14:30", "5.12 10:00", "+1"; else an ISO time
 * as time_parse() takes it. */
int	 time_parse_local(const char *, int64_t *, char **cause);

/* Text rules: valid UTF-8; no C0 (newline only if multiline), C1, DEL or
 * bidi overrides; at most width characters. */
int	 text_check(const char *, int width, int multiline, char **cause);
/* A quoted, escaped copy of s, safe to print ("\x1b" for ESC); caller
 * frees.  At most about 40 characters of s are shown. */
char	*text_quote(const char *);
/* As text_quote(), with the whole of s: for values a user asked to see
 * (show, audit), not for messages. */
char	*text_quote_all(const char *);
/* s made safe to print, unquoted: control characters, invalid UTF-8 and
 * bidi overrides escaped ("\x1b", "\n", "\u202e"), and cut with "..."
 * once the copy would pass max bytes.  For messages and logs; caller
 * frees.  s may be NULL ("").*/
char	*text_escape(const char *, size_t max);
/* Number of characters (code points) in valid UTF-8. */
size_t	 utf8_len(const char *);

int	 inn_valid(const char *);
int	 kpp_valid(const char *);
int	 email_valid(const char *);
/* A phone as stored: a Russian number as "+7 (913) 339-05-46" however
 * it was typed (8..., +7..., 7..., ten digits), a foreign one (+ and its
 * country code) and an internal one (2 to 7 digits) as typed, an
 * extension as " доб. 123"; -1 and *cause when it is none of these.
 * *out is the caller's. */
int	 phone_norm(const char *, char **out, char **cause);
int	 phone_valid(const char *);
/* The digits a phone is found by: 7 and ten digits for a Russian number
 * in any of its forms, the digits of any other (without an extension);
 * for text that is no phone at all (stored before the rules), every
 * digit in it.  Caller frees. */
char	*phone_digits(const char *);
int	 login_valid(const char *);
int	 ean13_valid(const char *);
/* A БИК: 9 digits. */
int	 bik_valid(const char *);
/* An account number: 20 digits. */
int	 account_valid(const char *);
/* An ОГРН (13 digits) or ОГРНИП (15) with its check digit. */
int	 ogrn_valid(const char *);
/*
 * Whether a 20-digit account belongs to the bank of a БИК by its control
 * key: the БИК's last three digits (for the bank's correspondent account,
 * corr != 0: "0" and its 5th-6th digits) and the account, weighted
 * 7, 1, 3 repeating, sum to a multiple of 10.
 */
int	 account_key_valid(const char *bik, const char *account, int corr);
/* Whether s is one or more digits and nothing else (a scanned code). */
int	 digits_only(const char *);

#endif
