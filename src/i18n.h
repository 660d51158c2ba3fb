#ifndef KONTOR_I18N_H
#define KONTOR_I18N_H

#include <libintl.h>

/*
 * Translations: GNU gettext, domain "kontor".  _() marks and translates a
 * user-visible string, N_() only marks one (a table's text, translated
 * where it is shown), P_() counts ("1 строка", "3 строки", "5 строк"),
 * C_() a short word that needs its context ("open" as a task's status).
 *
 * The language: --lang ru|en, else the user's setting (from the server's
 * hello), else the locale (LC_ALL, LC_MESSAGES, LANG).  A client says its
 * language in the hello, and the server answers that session in it: each
 * session's thread reads its messages through a locale of its own.
 */
#define _(s)		gettext(s)
#define N_(s)		(s)
#define P_(s, p, n)	ngettext((s), (p), (n))
#define C_(ctx, s)	i18n_pgettext((ctx) "\004" s, (s))
#define NC_(ctx, s)	(s)

/* Set up the domain and the language from the environment, or lang when
 * not NULL ("ru", "en").  Call once, early. */
void		 i18n_init(const char *lang);
/* Switch the process to lang ("ru" or "en"; anything else: English). */
void		 i18n_set(const char *lang);
/* The language in use: "ru" or "en". */
const char	*i18n_lang(void);
/* Whether --lang chose it (then a user's setting does not override). */
int		 i18n_forced(void);
/* The server: the calling thread answers in lang from now on. */
void		 i18n_thread(const char *lang);
/* gettext of "ctx\004msgid", or msgid when untranslated. */
const char	*i18n_pgettext(const char *key, const char *msgid);
/* A context's translation of s, for a value computed at run time (an
 * enum value): ctx "\004" s looked up. */
const char	*i18n_ctx(const char *ctx, const char *s);

#endif
