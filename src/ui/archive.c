/*
 * The archive on the screens (archive.h): an entry in a line, in a box,
 * and a record's entries in a box.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client/archive.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "ui/archive.h"
#include "ui/browse.h"
#include "ui/ui.h"
#include "xmalloc.h"

#define EP(r, name)	dict_field_pos((r)->ent, (name))

static const char *
str_or(const char *s, const char *def)
{
	return (s != NULL ? s : def);
}

static int
is_attachment(const struct record *e)
{
	const char	*k = record_str(e, EP(e, "kind"));

	return (k != NULL && strcmp(k, "attachment") == 0);
}

static void
fmt_time(int64_t t, char *buf, size_t len)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	localtime_r(&tt, &tm);
	strftime(buf, len, "%d.%m.%Y %H:%M", &tm);	/* i18n: no */
}

void
ui_archive_time(const struct record *e, char *buf, size_t len)
{
	fmt_time(record_int(e, EP(e, "time")), buf, len);
}

char *
ui_archive_what(const struct record *e)
{
	const char	*note = record_str(e, EP(e, "note"));
	char		*what, *dest, *s;

	what = ca_what_words(e);
	if (is_attachment(e)) {
		if (note != NULL)
			xasprintf(&s, "#%llu %s: %s",	/* i18n: no */
			    (unsigned long long)record_id(e), what, note);
		else
			xasprintf(&s, "#%llu %s",	/* i18n: no */
			    (unsigned long long)record_id(e), what);
	} else {
		dest = ca_dest_words(record_str(e, EP(e, "last_dest")),
		    record_int(e, EP(e, "sends")));
		xasprintf(&s, "#%llu %s \xe2\x86\x92 %s",	/* i18n: no */
		    (unsigned long long)record_id(e), what, dest);
		free(dest);
	}
	free(what);
	return (s);
}

void
ui_archive_entry(struct app *app, const struct record *e)
{
	const struct field_def	*kf = dict_field(e->ent, "kind");
	const char		*lines[16];
	char			*l[16], when[32], last[32], size[32], *what;
	char			*dest, *ldest;
	size_t			 n = 0, i;

	(void)app;
	ui_archive_time(e, when, sizeof when);
	fmt_time(record_int(e, EP(e, "last_time")), last, sizeof last);
	size_format((uint64_t)record_int(e, EP(e, "size")), size,
	    sizeof size);
	what = ca_what_words(e);
	dest = ca_dest_words(record_str(e, EP(e, "dest")), 1);
	ldest = ca_dest_words(record_str(e, EP(e, "last_dest")), 1);
	xasprintf(&l[n++], _("%s of %s, revision %lld"),
	    ui_enum(kf, record_str(e, EP(e, "kind"))),
	    str_or(record_str(e, EP(e, "doc")), "?"),
	    (long long)record_int(e, EP(e, "doc_rev")));
	xasprintf(&l[n++], is_attachment(e) ? _("File: %s") : _("Form: %s"),
	    what);
	xasprintf(&l[n++], _("Size: %s (%lld bytes)"), size,
	    (long long)record_int(e, EP(e, "size")));
	xasprintf(&l[n++], _("Made: %s by %s"), when,
	    str_or(record_str(e, EP(e, "login")), "?"));
	if (!is_attachment(e)) {
		xasprintf(&l[n++], _("Sent to: %s"), dest);
		if (record_int(e, EP(e, "sends")) > 1)
			xasprintf(&l[n++], P_("Sent %lld time, the last %s "
			    "by %s to %s", "Sent %lld times, the last %s by "
			    "%s to %s", record_int(e, EP(e, "sends"))),
			    (long long)record_int(e, EP(e, "sends")), last,
			    str_or(record_str(e, EP(e, "last_by")), "?"),
			    ldest);
	}
	if (record_str(e, EP(e, "note")) != NULL)
		xasprintf(&l[n++], _("Note: %s"), record_str(e, EP(e, "note")));
	xasprintf(&l[n++], "SHA-256: %s",	/* i18n: no */
	    str_or(record_str(e, EP(e, "sha256")), "?"));
	l[n++] = xstrdup("");
	xasprintf(&l[n++], _("The file back: kontor attachment %llu -o FILE"),
	    (unsigned long long)record_id(e));
	for (i = 0; i < n; i++)
		lines[i] = l[i];
	{
		char	 title[64];

		snprintf(title, sizeof title, _("Archive entry %llu"),
		    (unsigned long long)record_id(e));
		ui_text_box(title, lines, n);
	}
	for (i = 0; i < n; i++)
		free(l[i]);
	free(what);
	free(dest);
	free(ldest);
}

void
ui_archive_box(struct app *app, const char *code)
{
	const struct field_def	*kf;
	struct record		**rows;
	const char		**lines;
	char			**l, *cause = NULL, when[32], size[32], *what;
	char			 title[96];
	size_t			 n, i, k = 0;

	if (ca_list(app->client, code, &rows, &n, &cause) != 0) {
		app->message(app, 1, "%s", cause);
		free(cause);
		return;
	}
	if (n == 0) {
		app->message(app, 0, _("nothing printed, mailed or attached "
		    "for %s yet"), code);
		free(rows);
		return;
	}
	kf = dict_field(rows[0]->ent, "kind");
	l = xcalloc(2 * n, sizeof *l);
	lines = xcalloc(2 * n, sizeof *lines);
	/* Newest first; two lines each: when, who, what, how big; then what
	 * it is and where it went. */
	for (i = n; i-- > 0;) {
		const struct record	*e = rows[i];

		ui_archive_time(e, when, sizeof when);
		size_format((uint64_t)record_int(e, EP(e, "size")), size,
		    sizeof size);
		xasprintf(&l[k++], "%s  %s  %s  %s  %s", when,	/* i18n: no */
		    str_or(record_str(e, EP(e, "login")), "?"),
		    ui_enum(kf, record_str(e, EP(e, "kind"))),
		    str_or(record_str(e, EP(e, "doc")), "?"), size);
		what = ui_archive_what(e);
		xasprintf(&l[k++], "    %s", what);	/* i18n: no */
		free(what);
	}
	for (i = 0; i < k; i++)
		lines[i] = l[i];
	snprintf(title, sizeof title, P_("%s: %zu entry in the archive",
	    "%s: %zu entries in the archive", n), code, n);
	ui_text_box(title, lines, k);
	for (i = 0; i < k; i++)
		free(l[i]);
	free(l);
	free(lines);
	for (i = 0; i < n; i++)
		record_free(rows[i]);
	free(rows);
}

int
ui_archive_summary(struct app *app, const char *code, char *buf, size_t len)
{
	struct record	**rows;
	char		*cause = NULL;
	size_t		 n, i;

	buf[0] = '\0';
	if (code == NULL || ca_list(app->client, code, &rows, &n, &cause) !=
	    0) {
		free(cause);
		return (-1);
	}
	if (n > 0)
		snprintf(buf, len, _("archive: %zu (v)"), n);
	for (i = 0; i < n; i++)
		record_free(rows[i]);
	free(rows);
	return ((int)n);
}
