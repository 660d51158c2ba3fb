/*
 * The print dialog (P on a document): print.h.
 *
 *  ┌ Print INV-2026-000003 ─────────────────────────────────┐
 *  │ Form      < Invoice for payment >  1/2                 │
 *  │ Format    < PDF >                                      │
 *  │ Where to  < printer >                                  │
 *  │ Printer   hp______________________________             │
 *  │ Copies    1___                                         │
 *  │ (what went wrong, two lines at most)                   │
 *  │                                                        │
 *  │ Left/Right, Space: change   Tab, Up/Down: next field   │
 *  │ Enter: send   Esc: close, nothing sent                 │
 *  └────────────────────────────────────────────────────────┘
 *
 * The server renders (op print, which archives what went out); this end
 * sends: lp and the file through client/deliver.h, as kontor print does,
 * the message through client/mail.h, as kontor mail does.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "client/deliver.h"
#include "client/mail.h"
#include "client/print.h"
#include "client/printopts.h"
#include "dict/dict.h"
#include "i18n.h"
#include "ui/print.h"
#include "ui/ui.h"
#include "xmalloc.h"

enum { PF_FORM, PF_FORMAT, PF_DEST, PF_VALUE, PF_COPIES };
enum { PD_PRINTER, PD_FILE, PD_MAIL, PD_N };

#define PV_MAX		(PATH_MAX + 256)	/* bytes of a typed value */
#define PDLG_H		12	/* the box's rows */
#define PDLG_W		76	/* its columns at most */

static const char *const dest_words[PD_N] = {
	N_("printer"), N_("file"), N_("e-mail")
};
static const char *const dest_keys[PD_N] = { "printer", "file", "mail" };

struct pdlg {
	struct app		*app;
	const struct ui_print_job *job;		/* a report's: no form */
	struct cp_print_forms	 f;
	size_t			 form;		/* in f.forms */
	int			 text;		/* 80-column text, else PDF */
	int			 dest;		/* PD_* */
	char			 val[PD_N][PV_MAX];
	char			 copies[8];
	int			 focus;		/* PF_* */
	char			 note[512];	/* under the fields */
	int			 bad;		/* note is a failure */
	WINDOW			*win;
	int			 w, lw;		/* box, label column */
};

/* A directory the clerk may write to: the session's, else the home
 * directory, else the session's anyway (the write then says why). */
static void
default_dir(char *buf, size_t len)
{
	const char	*home = getenv("HOME");
	struct passwd	*pw;

	if (access(".", W_OK) == 0 && getcwd(buf, len) != NULL)
		return;
	if (home == NULL || *home == '\0')
		home = (pw = getpwuid(getuid())) != NULL ? pw->pw_dir : NULL;
	if (home != NULL && access(home, W_OK) == 0) {
		snprintf(buf, len, "%s", home);
		return;
	}
	if (getcwd(buf, len) == NULL)
		snprintf(buf, len, ".");
}

static int
is_dir(const char *path)
{
	struct stat	 sb;

	return (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode));
}

/* The file name the server gives a print of form i in the format:
 * DOC.pdf, DOC-FORM.pdf for another form than the default, .txt. */
static void
file_name(struct pdlg *d, size_t i, int text, char *buf, size_t len)
{
	if (i == 0)
		snprintf(buf, len, "%s.%s", d->f.doc,	/* i18n: no */
		    text ? "txt" : "pdf");
	else
		snprintf(buf, len, "%s-%s.%s", d->f.doc,	/* i18n: no */
		    d->f.forms[i].name, text ? "txt" : "pdf");
}

/* The form or the format changed: a file path that ends in the name the
 * old choice had ends in the new one's (a path typed by hand stays). */
static void
file_follow(struct pdlg *d, size_t oform, int otext)
{
	char		 oname[256], nname[256];
	char		*v = d->val[PD_FILE], *base;
	size_t		 dirlen;

	file_name(d, oform, otext, oname, sizeof oname);
	file_name(d, d->form, d->text, nname, sizeof nname);
	base = strrchr(v, '/') != NULL ? strrchr(v, '/') + 1 : v;
	if (strcmp(base, oname) != 0)
		return;
	dirlen = (size_t)(base - v);
	if (dirlen + strlen(nname) + 1 <= sizeof d->val[PD_FILE])
		memcpy(base, nname, strlen(nname) + 1);
}

/* The choice offered: the last one for this kind of document, else the
 * defaults (the document's form, PDF, a file). */
static void
pdlg_offer(struct pdlg *d)
{
	const struct cp_print_prefs	*p = &d->f.prefs;
	char				 dir[PATH_MAX], name[256], *prn;
	size_t				 i;
	int				 k;

	d->dest = PD_FILE;
	snprintf(d->copies, sizeof d->copies, "1");
	if (d->f.has_prefs) {
		for (i = 0; i < d->f.nforms; i++)
			if (strcmp(d->f.forms[i].name, p->form) == 0)
				d->form = i;
		d->text = strcmp(p->format, "text") == 0;
		for (k = 0; k < PD_N; k++)
			if (strcmp(p->dest, dest_keys[k]) == 0)
				d->dest = k;
		snprintf(d->val[PD_PRINTER], PV_MAX, "%s", p->printer);
		snprintf(d->val[PD_MAIL], PV_MAX, "%s", p->mail);
	}
	if (d->dest == PD_MAIL)
		d->text = 0;		/* a letter carries the PDF */
	/* The printer: the one used last, else the system's default. */
	if (d->val[PD_PRINTER][0] == '\0' &&
	    (prn = cp_default_printer()) != NULL) {
		snprintf(d->val[PD_PRINTER], PV_MAX, "%s", prn);
		free(prn);
	}
	/* The customer's address, unless one was typed for this customer
	 * last time (the server offers that only then). */
	if (d->val[PD_MAIL][0] == '\0' && d->f.email != NULL)
		snprintf(d->val[PD_MAIL], PV_MAX, "%s", d->f.email);
	/* The file: in the directory used last, if it is still one. */
	if (d->f.has_prefs && p->dir[0] == '/' && is_dir(p->dir) &&
	    access(p->dir, W_OK) == 0)
		snprintf(dir, sizeof dir, "%s", p->dir);
	else
		default_dir(dir, sizeof dir);
	file_name(d, d->form, d->text, name, sizeof name);
	snprintf(d->val[PD_FILE], PV_MAX, "%s%s%s", dir,
	    dir[0] != '\0' && dir[strlen(dir) - 1] == '/' ? "" : "/", name);
}

static const char *
value_label(int dest)
{
	switch (dest) {
	case PD_PRINTER:
		return (_("Printer"));
	case PD_FILE:
		return (_("File"));
	default:
		return (_("E-mail"));
	}
}

/* The rows: the fields' y in the box. */
static int
field_y(int field)
{
	return (1 + field);
}

/* A choice: "< word >", reversed when it has the focus; then more. */
static void
draw_choice(struct pdlg *d, int field, const char *word, const char *more)
{
	WINDOW	*win = d->win;
	int	 y = field_y(field), x = 2 + d->lw, n;
	char	 cell[256];

	snprintf(cell, sizeof cell, "< %s >", word);	/* i18n: no */
	if (d->focus == field)
		wattron(win, A_REVERSE);
	n = ui_put(win, y, x, cell, d->w - 2 - x, 0);
	wattroff(win, A_REVERSE);
	x += n;
	ui_put(win, y, x, more != NULL ? more : "", d->w - 2 - x, 1);
}

static void
draw_text_field(struct pdlg *d, int field, const char *text, int width)
{
	int	 x = 2 + d->lw;

	wattron(d->win, A_UNDERLINE);
	ui_put(d->win, field_y(field), x, text, width, 1);
	wattroff(d->win, A_UNDERLINE);
	ui_put(d->win, field_y(field), x + width, "", d->w - 2 - x - width,
	    1);
}

static int
value_width(struct pdlg *d)
{
	return (d->w - 4 - d->lw);
}

static void
pdlg_draw(struct pdlg *d)
{
	WINDOW		*win = d->win;
	char		 title[160], more[64];
	size_t		 fit;
	int		 y;

	werase(win);
	box(win, 0, 0);
	snprintf(title, sizeof title, _("Print %s"), d->f.doc);
	mvwaddstr(win, 0, 2, " ");
	ui_put(win, 0, 3, title, d->w - 6, 0);
	waddstr(win, " ");
	ui_put(win, field_y(PF_FORM), 2, _("Form"), d->lw, 1);
	ui_put(win, field_y(PF_FORMAT), 2, _("Format"), d->lw, 1);
	ui_put(win, field_y(PF_DEST), 2, _("Where to"), d->lw, 1);
	ui_put(win, field_y(PF_VALUE), 2, value_label(d->dest), d->lw, 1);
	if (d->f.nforms > 1)
		snprintf(more, sizeof more, "  %zu/%zu", d->form + 1,
		    d->f.nforms);
	else
		more[0] = '\0';
	draw_choice(d, PF_FORM, d->f.forms[d->form].title, more);
	draw_choice(d, PF_FORMAT, d->text ? _("text, 80 columns") : "PDF",
	    d->dest == PD_MAIL ? _("  (a letter carries the PDF)") : NULL);
	draw_choice(d, PF_DEST, _(dest_words[d->dest]), NULL);
	draw_text_field(d, PF_VALUE, d->val[d->dest], value_width(d));
	if (d->dest == PD_PRINTER) {
		ui_put(win, field_y(PF_COPIES), 2, _("Copies"), d->lw, 1);
		draw_text_field(d, PF_COPIES, d->copies, 4);
	} else
		ui_put(win, field_y(PF_COPIES), 2, "", d->w - 4, 1);
	/* What happened, two lines at most. */
	y = field_y(PF_COPIES) + 1;
	if (d->bad)
		wattron(win, A_BOLD);
	fit = ui_fit(d->note, d->w - 4);
	if (d->note[fit] != '\0') {
		size_t	 cut = fit;

		while (cut > 0 && d->note[cut] != ' ')
			cut--;
		if (cut == 0)
			cut = fit;
		{
			char	 first[sizeof d->note];

			memcpy(first, d->note, cut);
			first[cut] = '\0';
			ui_put(win, y, 2, first, d->w - 4, 1);
		}
		ui_put(win, y + 1, 2, d->note + cut + (d->note[cut] == ' '),
		    d->w - 4, 1);
	} else {
		ui_put(win, y, 2, d->note, d->w - 4, 1);
		ui_put(win, y + 1, 2, "", d->w - 4, 1);
	}
	wattroff(win, A_BOLD);
	ui_put(win, PDLG_H - 3, 2, _("Left/Right, Space: change   Tab, "
	    "Up/Down: next field"), d->w - 4, 1);
	ui_put(win, PDLG_H - 2, 2, _("Enter: send   Esc: close, nothing "
	    "sent"), d->w - 4, 1);
}

static void
pdlg_box(struct pdlg *d)
{
	int	 i, n;
	const char *labels[7];

	if (d->win != NULL)
		delwin(d->win);
	d->w = COLS - 4 < PDLG_W ? COLS - 4 : PDLG_W;
	if (d->w < 30)
		d->w = COLS;
	labels[0] = _("Form");
	labels[1] = _("Format");
	labels[2] = _("Where to");
	labels[3] = _("Printer");
	labels[4] = _("File");
	labels[5] = _("E-mail");
	labels[6] = _("Copies");
	d->lw = 0;
	for (i = 0; i < 7; i++)
		if ((n = ui_width(labels[i])) > d->lw)
			d->lw = n;
	d->lw += 2;
	d->win = newwin(PDLG_H < LINES ? PDLG_H : LINES, d->w,
	    (LINES - PDLG_H) / 2 > 0 ? (LINES - PDLG_H) / 2 : 0,
	    (COLS - d->w) / 2);
	keypad(d->win, TRUE);
}

/* The next field (dir 1) or the previous (-1): copies only for a
 * printer, the format not for a letter (always PDF). */
static void
pdlg_move(struct pdlg *d, int dir)
{
	int	 f = d->focus;

	for (;;) {
		f += dir;
		if (f < PF_FORM || f > PF_COPIES)
			return;
		if (f == PF_COPIES && d->dest != PD_PRINTER)
			continue;
		if (f == PF_FORMAT && d->dest == PD_MAIL)
			continue;
		if (f == PF_FORM && d->f.nforms < 2)
			continue;
		break;
	}
	d->focus = f;
}

/* Left/Right or Space on a choice. */
static void
pdlg_change(struct pdlg *d, int dir)
{
	size_t	 oform = d->form;
	int	 otext = d->text;

	switch (d->focus) {
	case PF_FORM:
		if (d->f.nforms < 2)
			return;
		d->form = dir > 0 ? (d->form + 1) % d->f.nforms :
		    (d->form + d->f.nforms - 1) % d->f.nforms;
		break;
	case PF_FORMAT:
		if (d->dest == PD_MAIL)
			return;
		d->text = !d->text;
		break;
	case PF_DEST:
		d->dest = (d->dest + PD_N + dir) % PD_N;
		if (d->dest == PD_MAIL)
			d->text = 0;
		break;
	default:
		return;
	}
	d->note[0] = '\0';
	d->bad = 0;
	file_follow(d, oform, otext);
}

static void
trim(char *s)
{
	size_t	 n = strlen(s), lead = strspn(s, " \t");

	while (n > lead && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	memmove(s, s + lead, n - lead);
	s[n - lead] = '\0';
}

/* The path a typed file value names: ~ is the home, a relative path is
 * in the session's directory, a directory gets the print's name. */
static void
file_path(struct pdlg *d, const char *typed, char *buf, size_t len)
{
	const char	*home = getenv("HOME");
	char		 cwd[PATH_MAX], name[256];

	if (typed[0] == '~' && (typed[1] == '/' || typed[1] == '\0') &&
	    home != NULL)
		snprintf(buf, len, "%s%s", home, typed + 1);
	else if (typed[0] != '/' && getcwd(cwd, sizeof cwd) != NULL)
		snprintf(buf, len, "%s/%s", cwd, typed);
	else
		snprintf(buf, len, "%s", typed);
	if (is_dir(buf)) {
		file_name(d, d->form, d->text, name, sizeof name);
		if (strlen(buf) + strlen(name) + 2 <= len)
			snprintf(buf + strlen(buf), len - strlen(buf), "%s%s",
			    buf[strlen(buf) - 1] == '/' ? "" : "/", name);
	}
}

/* Whether the directory path is to go in is missing or not writable:
 * 1 and *cause as the write would say it. */
static int
file_dir_bad(const char *path, char **cause)
{
	char	 dir[PATH_MAX + PV_MAX + 2], *slash;

	snprintf(dir, sizeof dir, "%s", path);
	if ((slash = strrchr(dir, '/')) == NULL)
		return (0);
	if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if (access(dir, W_OK) == 0)
		return (0);
	xasprintf(cause, _("cannot create %s: %s"), path, strerror(errno));
	return (1);
}

static void
pdlg_fail(struct pdlg *d, int focus, const char *why)
{
	snprintf(d->note, sizeof d->note, "%s", why);
	d->bad = 1;
	if (focus >= 0)
		d->focus = focus;
	d->app->message(d->app, 1, "%s", why);
}

/* The choice as it went out, remembered for the next document of its
 * kind; a refusal here is not the clerk's business (the print went). */
static void
pdlg_remember(struct pdlg *d, const char *path)
{
	struct cp_print_prefs	 p;
	char			 dir[PATH_MAX], *slash, *cause = NULL;

	if (d->job != NULL)
		return;
	/* The directory of the file saved; else the one kept before. */
	if (path != NULL) {
		snprintf(dir, sizeof dir, "%s", path);
		if ((slash = strrchr(dir, '/')) == NULL)
			dir[0] = '\0';
		else if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
	} else
		snprintf(dir, sizeof dir, "%s", d->f.has_prefs ?
		    d->f.prefs.dir : "");
	memset(&p, 0, sizeof p);
	p.form = d->f.forms[d->form].name;
	p.format = d->text ? "text" : "pdf";
	p.dest = (char *)dest_keys[d->dest];
	p.printer = d->val[PD_PRINTER];
	p.dir = dir;
	p.mail = d->val[PD_MAIL];
	if (cp_print_remember(d->app->client, d->f.entity, d->f.doc, &p,
	    &cause) != 0)
		free(cause);
}

/* Enter on a job (a report): rendered by the job, sent from here. */
static int
job_send(struct pdlg *d, const char *value, const char *path, long copies,
    char *dest)
{
	const struct ui_print_job *j = d->job;
	char			*bytes = NULL, *cause = NULL, *said = NULL;
	char			*subj, *text, *fname;
	size_t			 len = 0;
	int			 rc;

	if ((rc = j->render(j->arg, d->text, &bytes, &len, &cause)) != 0)
		goto fail;
	if (d->dest == PD_MAIL) {
		xasprintf(&fname, "%s.pdf", j->name);	/* i18n: no */
		xasprintf(&subj, _("kontor report: %s"), j->name);
		xasprintf(&text, _("The report %s is attached (%s).\n\n%s\n"),
		    j->name, fname, j->title);
		rc = mail_report(value, subj, text, fname, "application/pdf",
		    bytes, len, &cause);
		free(fname);
		free(subj);
		free(text);
	} else if (d->dest == PD_PRINTER)
		rc = cp_lp(value, (int)copies, bytes, len, &said, &cause);
	else
		rc = cp_save_file(path, bytes, len, &cause);
	free(said);
	free(bytes);
	if (rc != 0)
		goto fail;
	if (d->dest == PD_MAIL)
		d->app->message(d->app, 0, _("%s: mailed to %s"), j->name,
		    value);
	else if (d->dest == PD_PRINTER)
		d->app->message(d->app, 0, P_("%s: sent to printer %s (%ld "
		    "copy)", "%s: sent to printer %s (%ld copies)",
		    (unsigned long)copies), j->name, value, copies);
	else
		d->app->message(d->app, 0, _("saved %s"), path);
	free(dest);
	return (1);
fail:
	pdlg_fail(d, -1, cause != NULL ? cause : _("not sent"));
	free(cause);
	free(dest);
	return (0);
}

/* Enter: render and send; 1 when it went out. */
static int
pdlg_send(struct pdlg *d)
{
	struct cp_print_req	 q;
	struct cp_printout	 out;
	struct mail_sent	 sent;
	char			 value[PV_MAX], path[PATH_MAX + PV_MAX + 2], *end;
	char			*cause = NULL, *dest = NULL, *said = NULL;
	const char		*form = d->f.forms[d->form].name;
	long			 copies = 1;
	int			 rc;

	snprintf(value, sizeof value, "%s", d->val[d->dest]);
	trim(value);
	switch (d->dest) {
	case PD_PRINTER:
		if (value[0] == '\0') {
			pdlg_fail(d, PF_VALUE, _("Printer: type its name "
			    "(lpstat -p lists the printers)"));
			return (0);
		}
		errno = 0;
		copies = strtol(d->copies, &end, 10);
		if (errno != 0 || end == d->copies || *end != '\0' ||
		    copies < 1 || copies > 999) {
			pdlg_fail(d, PF_COPIES, _("Copies: a number from 1 "
			    "to 999"));
			return (0);
		}
		xasprintf(&dest, "printer:%s", value);	/* i18n: no */
		break;
	case PD_FILE:
		if (value[0] == '\0') {
			pdlg_fail(d, PF_VALUE, _("File: type where to save "
			    "it"));
			return (0);
		}
		file_path(d, value, path, sizeof path);
		dest = xstrdup("file");
		break;
	default:
		if (strchr(value, '@') == NULL || strchr(value, ' ') != NULL) {
			pdlg_fail(d, PF_VALUE, _("E-mail: an address like "
			    "buh@firm.ru"));
			return (0);
		}
		break;
	}
	/* What can be known to fail is said before the server prints (and
	 * archives) anything: no lp, a directory that is not there or not
	 * writable.  (No sendmail: mail_doc() says so first itself.) */
	if (d->dest == PD_PRINTER && !cp_on_path("lp")) {
		pdlg_fail(d, -1, _("cannot print: lp (CUPS, Debian's "
		    "cups-client) is not installed"));
		free(dest);
		return (0);
	}
	if (d->dest == PD_FILE && file_dir_bad(path, &cause)) {
		pdlg_fail(d, PF_VALUE, cause);
		free(cause);
		free(dest);
		return (0);
	}
	snprintf(d->note, sizeof d->note, "%s", _("Sending..."));
	d->bad = 0;
	pdlg_draw(d);
	wrefresh(d->win);

	if (d->job != NULL)
		return (job_send(d, value, path, copies, dest));
	if (d->dest == PD_MAIL) {
		memset(&sent, 0, sizeof sent);
		if ((rc = mail_doc(d->app->client, d->f.doc, form, value,
		    &sent, &cause)) != 0)
			goto fail;
		pdlg_remember(d, NULL);
		d->app->message(d->app, 0, _("%s: mailed to %s"), d->f.doc,
		    value);
		return (1);
	}
	memset(&q, 0, sizeof q);
	q.doc = d->f.doc;
	q.form = form;
	q.format = d->text ? "text" : "pdf";
	q.dest = dest;
	if ((rc = cp_print(d->app->client, &q, &out, &cause)) != 0)
		goto fail;
	if (d->dest == PD_PRINTER)
		rc = cp_lp(value, (int)copies, out.bytes, out.len, &said,
		    &cause);
	else
		rc = cp_save_file(path, out.bytes, out.len, &cause);
	free(said);
	if (rc != 0) {
		cp_printout_free(&out);
		goto fail;
	}
	pdlg_remember(d, d->dest == PD_FILE ? path : NULL);
	if (d->dest == PD_PRINTER)
		d->app->message(d->app, 0, P_("%s: sent to printer %s (%ld "
		    "copy)", "%s: sent to printer %s (%ld copies)",
		    (unsigned long)copies), out.name, value, copies);
	else
		d->app->message(d->app, 0, _("saved %s"), path);
	cp_printout_free(&out);
	free(dest);
	return (1);
fail:
	pdlg_fail(d, -1, cause != NULL ? cause : _("not sent"));
	free(cause);
	free(dest);
	return (0);
}

/* The dialog until it is sent or closed; 1 when it went out. */
static int
pdlg_run(struct pdlg *d)
{
	struct app	*app = d->app;
	int		 k, sent = 0;

	pdlg_offer(d);
	d->focus = d->f.nforms > 1 ? PF_FORM : PF_DEST;
	pdlg_box(d);
	for (;;) {
		pdlg_draw(d);
		if (d->focus == PF_VALUE)
			k = ui_edit_line(d->win, field_y(PF_VALUE), 2 + d->lw,
			    value_width(d), d->val[d->dest], PV_MAX, NULL,
			    NULL);
		else if (d->focus == PF_COPIES)
			k = ui_edit_line(d->win, field_y(PF_COPIES), 2 + d->lw,
			    4, d->copies, sizeof d->copies, NULL, NULL);
		else {
			wrefresh(d->win);
			k = ui_getkey();
		}
		if (k == UI_KEY_ESC || k == UI_KEY_HANGUP || k == UI_KEY_INTR)
			break;
		if (k == UI_KEY_RESIZE) {
			app->relayout(app);
			pdlg_box(d);
		} else if (UI_KEY_ENTER(k)) {
			if ((sent = pdlg_send(d)) != 0)
				break;
		} else if (k == '\t' || UI_KEY_DOWN(k))
			pdlg_move(d, 1);
		else if (k == UI_K(KEY_BTAB) || UI_KEY_UP(k))
			pdlg_move(d, -1);
		else if (k == UI_K(KEY_RIGHT) || k == ' ')
			pdlg_change(d, 1);
		else if (k == UI_K(KEY_LEFT))
			pdlg_change(d, -1);
	}
	delwin(d->win);
	touchwin(stdscr);
	wnoutrefresh(stdscr);
	cp_print_forms_free(&d->f);
	return (sent);
}

int
ui_print(struct app *app, const struct entity_def *e, const char *doc)
{
	struct pdlg	 d;
	char		*cause = NULL;

	memset(&d, 0, sizeof d);
	d.app = app;
	if (cp_print_forms(app->client, e != NULL ? e->name : NULL, doc, &d.f,
	    &cause) != 0) {
		app->message(app, 1, "%s", cause);
		free(cause);
		return (0);
	}
	return (pdlg_run(&d));
}

int
ui_print_job(struct app *app, const struct ui_print_job *job)
{
	struct pdlg	 d;

	memset(&d, 0, sizeof d);
	d.app = app;
	d.job = job;
	/* One "form": the report itself. */
	d.f.doc = xstrdup(job->name);
	d.f.forms = xcalloc(1, sizeof *d.f.forms);
	d.f.forms[0].name = xstrdup(job->name);
	d.f.forms[0].title = xstrdup(job->title);
	d.f.nforms = 1;
	return (pdlg_run(&d));
}
