/*
 * Translations: where the catalogue is, which language, and the server's
 * per-session language (a thread locale for LC_MESSAGES).
 */
#include "config.h"

#include <sys/stat.h>

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "log.h"
#include "xmalloc.h"

static char		 i18n_cur[4] = "en";
static int		 i18n_was_forced;
static locale_t		 i18n_loc_ru, i18n_loc_en;
static pthread_once_t	 i18n_once = PTHREAD_ONCE_INIT;
static pthread_once_t	 i18n_bound = PTHREAD_ONCE_INIT;

/* The catalogue beside the binary (a build tree: po/locale), else the
 * installed one.  Only Russian reads it (English is the msgids), so it is
 * looked for when Russian is first chosen, not at every start: a
 * readlink of /proc/self/exe and a stat that an English command, or any
 * --version, does not need. */
static void
i18n_bind_once(void)
{
	char		 self[PATH_MAX], dir[PATH_MAX + 32];
	struct stat	 sb;
	ssize_t		 n;
	char		*slash;

	if ((n = readlink("/proc/self/exe", self, sizeof self - 1)) > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			snprintf(dir, sizeof dir, "%s/po/locale", self);
			if (stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode)) {
				bindtextdomain(PACKAGE, dir);
				return;
			}
		}
	}
	bindtextdomain(PACKAGE, LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
}

static void
i18n_bind(void)
{
	pthread_once(&i18n_bound, i18n_bind_once);
}

/* "ru_RU.UTF-8", "ru", "ru_UA" ... are Russian; the rest English. */
static const char *
i18n_pick(const char *s)
{
	return (s != NULL && strncmp(s, "ru", 2) == 0 ? "ru" : "en");
}

void
i18n_set(const char *lang)
{
	lang = i18n_pick(lang);
	snprintf(i18n_cur, sizeof i18n_cur, "%s", lang);
	if (strcmp(lang, "ru") == 0) {
		i18n_bind();
		/* The Russian locale if the host has it, else any UTF-8 one
		 * with LANGUAGE (ignored only under "C"). */
		if (setlocale(LC_MESSAGES, "ru_RU.UTF-8") == NULL &&
		    setlocale(LC_MESSAGES, "ru_RU.utf8") == NULL)
			setlocale(LC_MESSAGES, "C.UTF-8");
		setenv("LANGUAGE", "ru", 1);
	} else {
		/* The msgids: "C", built in (C.UTF-8 is a file to open and
		 * map, for the same messages). */
		unsetenv("LANGUAGE");
		setlocale(LC_MESSAGES, "C");
	}
}

void
i18n_init(const char *lang)
{
	const char	*env = NULL;

	/* The two categories kontor uses: characters (LC_CTYPE: the
	 * terminal's wide characters, iconv) and messages (LC_MESSAGES, in
	 * i18n_set()).  Numbers, money, dates and sorting are kontor's own
	 * and stay "C" (CSV and logs read the same everywhere); LC_ALL
	 * would load a dozen files more at every start (a C.UTF-8 locale
	 * is a file per category): about 1 ms of a 6 ms command. */
	if (setlocale(LC_CTYPE, "") == NULL)
		setlocale(LC_CTYPE, "C.UTF-8");
	textdomain(PACKAGE);
	if (lang != NULL) {
		i18n_was_forced = 1;
		i18n_set(lang);
		return;
	}
	/* As gettext reads them: LANGUAGE wins only over a real locale;
	 * the first of LC_ALL, LC_MESSAGES, LANG that is set. */
	if ((env = getenv("LC_ALL")) == NULL || *env == '\0')
		if ((env = getenv("LC_MESSAGES")) == NULL || *env == '\0')
			env = getenv("LANG");
	if (getenv("LANGUAGE") != NULL && *getenv("LANGUAGE") != '\0' &&
	    env != NULL && strcmp(env, "C") != 0 && strcmp(env, "POSIX") != 0)
		env = getenv("LANGUAGE");
	i18n_set(env);
}

const char *
i18n_lang(void)
{
	return (i18n_cur);
}

int
i18n_forced(void)
{
	return (i18n_was_forced);
}

static void
i18n_locales(void)
{
	locale_t	 base;

	i18n_bind();
	if ((base = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0)) ==
	    (locale_t)0)
		base = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	i18n_loc_en = duplocale(base);
	i18n_loc_ru = newlocale(LC_MESSAGES_MASK, "ru_RU.UTF-8",
	    duplocale(base));
	if (i18n_loc_ru == (locale_t)0)
		log_warnx("the locale ru_RU.UTF-8 is not installed here: "
		    "sessions in Russian get the server's messages in "
		    "English (locale-gen ru_RU.UTF-8 mends it)");
	freelocale(base);
}

void
i18n_thread(const char *lang)
{
	pthread_once(&i18n_once, i18n_locales);
	if (strcmp(i18n_pick(lang), "ru") == 0 && i18n_loc_ru != (locale_t)0)
		uselocale(i18n_loc_ru);
	else if (i18n_loc_en != (locale_t)0)
		uselocale(i18n_loc_en);
}

const char *
i18n_pgettext(const char *key, const char *msgid)
{
	const char	*t = dcgettext(PACKAGE, key, LC_MESSAGES);

	return (t == key ? msgid : t);
}

const char *
i18n_ctx(const char *ctx, const char *s)
{
	char		 key[256];
	const char	*t;

	if (s == NULL)
		return (NULL);
	if (snprintf(key, sizeof key, "%s\004%s", ctx, s) >= (int)sizeof key)
		return (s);
	t = dcgettext(PACKAGE, key, LC_MESSAGES);
	return (t == key ? s : t);
}
