#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <time.h>

#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "ui/browse.h"
#include "ui/calendar.h"
#include "ui/form.h"
#include "ui/lookup.h"
#include "ui/ui.h"
#include "xmalloc.h"

#define FORM_TEXT	512

struct ffield {
	int		 pos;
	char		 text[FORM_TEXT];
	int		 fixed;
};

struct form {
	struct app		*app;
	struct ui_region	*rg;
	struct record		*rec;
	struct record		*base;	/* as it was loaded: for a merge */
	const struct form_opts	*opts;
	struct ffield		*f;
	int			 n;
	int			 cur;
	int			 top;
	int			 dirty;
	int			 labelw;
};

static const struct field_def *
ff_def(struct form *fm, int i)
{
	return (&fm->rec->ent->fields[fm->f[i].pos]);
}

/* The text a clerk edits for a value: what the parser takes back. */
static void
ff_load(struct form *fm, int i, const struct record *r)
{
	const struct field_def	*f = ff_def(fm, i);
	const struct value	*v = &r->v[fm->f[i].pos];
	char			*s;

	if (!v->set) {
		fm->f[i].text[0] = '\0';
		return;
	}
	if (f->type == FT_MONEY) {
		money_format(v->i, fm->f[i].text, FORM_TEXT, 0);
		return;
	}
	/* A reference is edited as its code, whatever a list shows. */
	if (f->type == FT_REF && v->s == NULL)
		s = ui_ref_code(fm->app, f, v->i);
	else
		s = ui_format(fm->app, f, v);
	snprintf(fm->f[i].text, FORM_TEXT, "%s", s);
	free(s);
}

/* Why text names none of an enum's words: the words as shown. */
static void
ff_enum_why(const struct field_def *f, const char *text, char **why)
{
	struct buf	 b = { 0 };
	char		*q;
	size_t		 k;

	for (k = 0; f->enums[k] != NULL; k++)
		buf_printf(&b, "%s%s", k ? ", " : "", ui_enum(f, f->enums[k]));
	buf_addc(&b, '\0');
	q = text_quote(text);
	xasprintf(why, _("one of %s expected, got %s"), b.data, q);
	free(q);
	buf_free(&b);
}

/* Check field i's text and put its value into the record; -1 with the
 * reason on the status line. */
static int
ff_take(struct form *fm, int i)
{
	const struct field_def	*f = ff_def(fm, i);
	struct record		*t;
	struct value		 v;
	char			*why = NULL;
	const char		*text = fm->f[i].text;

	memset(&v, 0, sizeof v);
	while (*text == ' ')
		text++;
	/* An enum is typed as the word shown (or the stored one). */
	if (f->type == FT_ENUM && *text != '\0') {
		const char	*stored = ui_enum_value(f, text);

		if (stored == NULL) {
			ff_enum_why(f, text, &why);
			goto bad;
		}
		snprintf(fm->f[i].text, FORM_TEXT, "%s", ui_enum(f, stored));
		text = stored;
	}
	if (f->type == FT_TIME && *text != '\0') {
		if (text_check(text, 40, 0, &why) != 0 ||
		    time_parse_local(text, &v.i, &why) != 0)
			goto bad;
		v.set = 1;
	} else if (value_parse(f, text, &v, &why) != 0)
		goto bad;
	/* A phone shows as it is stored: 8 913... becomes +7 (913)...; a
	 * date or time as the day it means: завтра becomes 05.12.2026. */
	if (f->check == FC_PHONE && v.s != NULL)
		snprintf(fm->f[i].text, FORM_TEXT, "%s", v.s);
	if ((f->type == FT_DATE || f->type == FT_TIME) && v.set) {
		char	*s = ui_format(fm->app, f, &v);

		snprintf(fm->f[i].text, FORM_TEXT, "%s", s);
		free(s);
	}
	if (f->type == FT_REF && v.set) {
		/* A reference is typed as the other record's code. */
		char	*code = xstrdup(v.s);
		char	*p;

		if (strcmp(f->ref, "users") != 0)
			for (p = code; *p != '\0'; p++)
				*p = (char)toupper((unsigned char)*p);
		if (cr_get(fm->app->client, dict_entity(f->ref), 0, code, &t,
		    &why) != 0) {
			free(code);
			goto bad;
		}
		/* Typed С-3 on a Russian layout, or 3: the code it is. */
		if (record_str(t, FX_CODE) != NULL) {
			free(code);
			code = xstrdup(record_str(t, FX_CODE));
		}
		ui_ref_keep(t);		/* its name beside the code */
		record_free(t);
		free(v.s);
		v.s = code;
		snprintf(fm->f[i].text, FORM_TEXT, "%s", code);
	}
	if ((f->flags & FF_REQUIRED) && !v.set && f->id != FID_CODE) {
		fm->app->message(fm->app, 1, _("%s: a value is required"),
		    _(f->label));
		return (-1);
	}
	record_set_value(fm->rec, fm->f[i].pos, &v);
	value_free(&v);
	fm->app->message(fm->app, 0, "%s", "");	/* the error is mended */
	return (0);
bad:
	fm->app->message(fm->app, 1, "%s: %s", _(f->label), why);
	free(why);
	value_free(&v);
	return (-1);
}

/* On a new record, a value another record already has is worth a
 * warning: the same INN, phone or e-mail is probably the same firm. */
static void
ff_duplicates(struct form *fm, int i)
{
	const struct field_def	*f = ff_def(fm, i);
	struct record		**rows;
	size_t			 n, k;
	char			*cause = NULL;
	int			 name = dict_field_pos(fm->rec->ent, "name");

	if (record_id(fm->rec) != 0 || fm->f[i].text[0] == '\0' ||
	    (f->check != FC_INN && f->check != FC_PHONE &&
	    f->check != FC_EMAIL) || !(f->flags & FF_INDEXED))
		return;
	if (cr_search(fm->app->client, fm->rec->ent, f->name, fm->f[i].text,
	    5, &rows, &n, &cause) != 0) {
		free(cause);
		return;
	}
	for (k = 0; k < n; k++) {
		const char *theirs = record_str(rows[k], fm->f[i].pos);

		/* Phones match by digits; the rest exactly. */
		if (theirs != NULL && (f->check == FC_PHONE ||
		    strcasecmp(theirs, fm->f[i].text) == 0)) {
			fm->app->message(fm->app, 1, _("same %s as %s %s"),
			    _(f->label), record_str(rows[k], FX_CODE),
			    name >= 0 && record_str(rows[k], name) ?
			    record_str(rows[k], name) : "");
			break;
		}
	}
	cr_rows_free(rows, n);
}

static void
form_layout(struct form *fm)
{
	int	 i, w;

	fm->labelw = 8;
	for (i = 0; i < fm->n; i++)
		if ((w = ui_width(_(ff_def(fm, i)->label)) + 2) > fm->labelw)
			fm->labelw = w;
	if (fm->labelw > fm->rg->w / 3)
		fm->labelw = fm->rg->w / 3;
}

static int
ff_width(struct form *fm, int i)
{
	int	 w = ff_def(fm, i)->width;

	/* An enum's words whole, in whichever language. */
	if (ff_def(fm, i)->type == FT_ENUM && ui_enum_width(ff_def(fm, i)) > w)
		w = ui_enum_width(ff_def(fm, i));

	if (ff_def(fm, i)->type == FT_TIME)
		w = 18;
	if (ff_def(fm, i)->type == FT_DATE)
		w = 12;		/* 28.11.2026 and the cursor after it */
	if (w < 10)
		w = 10;
	if (w > fm->rg->w - fm->labelw - 2)
		w = fm->rg->w - fm->labelw - 2;
	return (w);
}

/* The bytes field i may hold as typed: four a character (an enum's
 * longest word, whichever language). */
static size_t
ff_cap(struct form *fm, int i)
{
	const struct field_def	*f = ff_def(fm, i);
	int			 w = f->width;

	if (f->type == FT_ENUM && ui_enum_width(f) > w)
		w = ui_enum_width(f);
	return ((size_t)w * 4 + 1 < FORM_TEXT ? (size_t)w * 4 + 1 : FORM_TEXT);
}

/*
 * What shows beside field i: a reference shown by name in lists (a
 * customer, a supplier, a person) has its name after the code, "C-3
 * ООО «Ромашка»", where the row has room (ui_put cuts it by display
 * width); only from the cache: drawing asks the server nothing.
 */
static const char *
ff_beside(struct form *fm, int i, char *buf, size_t len)
{
	const struct field_def	*f = ff_def(fm, i);
	const char		*name;

	if (f->type != FT_REF || !(f->flags & FF_BYNAME) ||
	    fm->f[i].text[0] == '\0' ||
	    (name = ui_ref_cached_name(f, fm->f[i].text)) == NULL)
		return ("");
	snprintf(buf, len, "  %s", name);	/* i18n: no */
	return (buf);
}

/* The name of field i's record into the cache, for ff_beside(). */
static void
ff_name_warm(struct form *fm, int i, const struct record *r)
{
	const struct field_def	*f = ff_def(fm, i);
	const struct value	*v = &r->v[fm->f[i].pos];

	if (f->type == FT_REF && (f->flags & FF_BYNAME) && v->set &&
	    v->s == NULL)
		free(ui_ref_name(fm->app, f, v->i));
}

static void
form_draw(struct form *fm)
{
	struct ui_region	*rg = fm->rg;
	WINDOW			*win = rg->win;
	char			 label[128], beside[FORM_TEXT];
	int			 i, y, rows = rg->h - 2;

	if (fm->cur < fm->top)
		fm->top = fm->cur;
	if (fm->cur >= fm->top + rows)
		fm->top = fm->cur - rows + 1;
	wattron(win, A_BOLD);
	ui_put(win, rg->y, rg->x, fm->opts->title, rg->w, 1);
	wattroff(win, A_BOLD);
	for (y = 0; y < rows; y++) {
		i = fm->top + y;
		if (i >= fm->n) {
			ui_put(win, rg->y + 1 + y, rg->x, "", rg->w, 1);
			continue;
		}
		snprintf(label, sizeof label, "%s%s",
		    ff_def(fm, i)->flags & FF_REQUIRED &&
		    ff_def(fm, i)->id != FID_CODE ? "*" : " ",
		    _(ff_def(fm, i)->label));
		ui_put(win, rg->y + 1 + y, rg->x, label, fm->labelw, 1);
		if (fm->f[i].fixed)
			wattron(win, A_BOLD);
		else
			wattron(win, A_UNDERLINE);
		ui_put(win, rg->y + 1 + y, rg->x + fm->labelw, fm->f[i].text,
		    ff_width(fm, i), 1);
		wattroff(win, A_BOLD | A_UNDERLINE);
		ui_put(win, rg->y + 1 + y, rg->x + fm->labelw + ff_width(fm, i),
		    ff_beside(fm, i, beside, sizeof beside),
		    rg->w - fm->labelw - ff_width(fm, i), 1);
	}
	ui_put(win, rg->y + rg->h - 1, rg->x, fm->opts->hint != NULL ?
	    fm->opts->hint : fm->opts->readonly ?
	    _("View only  Tab next  Esc back  F1/^G help") :
	    _("F2/^S save  Tab next  F4/^L lookup  F3/^R repeat  Esc cancel  "
	    "F1/^G help"), rg->w, 1);
	wnoutrefresh(win);
}

/*
 * A reference whose target refers to a record this form refers to as well
 * lists only the target's records of that one: an activity's contact is
 * one of its customer's contacts.  The dictionary says which: the first
 * required reference field of the target (what it belongs to) whose
 * entity one of the form's set reference fields points to.
 */
static int
form_lookup_filter(struct form *fm, const struct field_def *f,
    struct ui_lookup_filter *flt)
{
	const struct entity_def	*te = dict_entity(f->ref), *me = fm->rec->ent;
	const struct value	*v;
	struct record		*r;
	char			*cause = NULL;
	size_t			 i, j;

	for (i = 0; te != NULL && i < te->nfields; i++) {
		/* Only what belongs to its parent (a contact must have a
		 * customer), not a mere mention (a customer's manager). */
		if (te->fields[i].type != FT_REF || !(te->fields[i].flags &
		    FF_REQUIRED))
			continue;
		for (j = 0; j < me->nfields; j++) {
			if (me->fields[j].type != FT_REF || &me->fields[j] == f ||
			    strcmp(me->fields[j].ref, te->fields[i].ref) != 0)
				continue;
			v = &fm->rec->v[j];
			if (!v->set)
				continue;
			flt->field = te->fields[i].name;
			if (v->s == NULL) {
				flt->id = v->i;
				return (1);
			}
			/* Typed as a code: its id. */
			if (cr_get(fm->app->client, dict_entity(me->fields[j].ref),
			    0, v->s, &r, &cause) != 0) {
				free(cause);
				return (0);
			}
			flt->id = (int64_t)record_id(r);
			record_free(r);
			return (1);
		}
	}
	return (0);
}

/* F4: a list of values narrowing as one types; the pick's code or key;
 * a calendar for a date or a time. */
static void
form_lookup(struct form *fm, int i)
{
	const struct field_def	*f = ff_def(fm, i);
	const struct entity_def	*e;
	struct ui_lookup_filter	 flt;
	struct record		*r;
	const char		*q;
	size_t			 n, sel = 0;
	int			 k, filtered = 0;

	if (f->type == FT_ENUM) {
		const char	*words[64], *now = ui_enum_value(f,
				    fm->f[i].text);

		/* The words as shown; the one typed is the start. */
		for (n = 0; f->enums[n] != NULL && n < 64; n++) {
			words[n] = ui_enum(f, f->enums[n]);
			if (now != NULL && strcmp(f->enums[n], now) == 0)
				sel = n;
		}
		if ((k = ui_pick(fm->app, _(f->label), words, n, sel)) >= 0) {
			snprintf(fm->f[i].text, FORM_TEXT, "%s", words[k]);
			fm->dirty = 1;
		}
		return;
	}
	if (f->type == FT_DATE || f->type == FT_TIME) {
		if (ui_calendar_text(fm->app, _(f->label), f->type == FT_TIME,
		    fm->f[i].text, FORM_TEXT))
			fm->dirty = 1;
		return;
	}
	if (f->type != FT_REF || dict_entity(f->ref) == NULL) {
		fm->app->message(fm->app, 0, _("%s has no list of values"),
		    _(f->label));
		return;
	}
	if (form_lookup_filter(fm, f, &flt))
		filtered = 1;
	/* What is typed starts the list (Берёз F4: the customers of that
	 * name); a code already there, picked or loaded, does not. */
	e = dict_entity(f->ref);
	q = fm->f[i].text;
	while (*q == ' ')
		q++;
	if (e->code_prefix != NULL &&
	    strncasecmp(q, e->code_prefix, strlen(e->code_prefix)) == 0 &&
	    q[strlen(e->code_prefix)] == '-')
		q = "";
	if (ui_lookup_in(fm->app, _(f->label), e, q, filtered ? &flt : NULL,
	    &r)) {
		snprintf(fm->f[i].text, FORM_TEXT, "%s",
		    record_str(r, FX_CODE) ? record_str(r, FX_CODE) : "");
		ui_ref_keep(r);
		record_free(r);
		fm->dirty = 1;
	}
}

static void
form_help(struct app *app, const struct form_opts *opts)
{
	static const char *const text[] = {
		N_("F1 or Ctrl-G        this help"),
		N_("Tab, Enter, Down    next field (checked when you leave "
		    "it)"),
		N_("Shift-Tab, Up       previous field"),
		N_("F2 or Ctrl-S        save"),
		N_("F4 or Ctrl-L        list of values for this field"),
		N_("F3 or Ctrl-R        the previous record's value"),
		N_("Esc                 cancel (asks before losing changes)"),
		N_("Ctrl-A, Ctrl-E      start, end of the field"),
		N_("Ctrl-U, Ctrl-K      clear before, after the cursor"),
		N_("Ctrl-O              a new line (notes, address)"),
		"",
		N_("* marks a required field.  Money: 1234.56 or 1 234,56."),
		N_("Dates: 28.11.2026, 5.12, +1, завтра; F4/^L a calendar."),
		N_("Times: 28.11.2026 14:30, завтра 14:30, 5.12 10:00."),
		N_("References: the other record's code (F4/^L to pick)."),
		N_("Beside a customer's, supplier's or person's code: the "
		    "name."),
	};
	const char		*lines[sizeof text / sizeof text[0] + 11];
	char			*own[8];
	const char		*cut;
	const struct ui_action	*a;
	struct buf		 b;
	size_t			 i, n = 0, k = 0;

	/* A message the status line cut short ("not saved: line 2: ..."),
	 * whole first, as the screens' help shows it. */
	if (app->message_cut != NULL && (cut = app->message_cut(app)) !=
	    NULL) {
		lines[n++] = _("The last message, whole:");
		lines[n++] = cut;
		lines[n++] = "";
	}
	for (i = 0; i < sizeof text / sizeof text[0]; i++) {
		lines[n++] = text[i][0] != '\0' ? _(text[i]) : "";
		/* The caller's keys after the form's own. */
		if (i != 9 || opts->extra == NULL)
			continue;
		for (a = opts->extra; a->keyname != NULL && k < 8; a++) {
			if (*a->keyname == '\0')
				continue;
			memset(&b, 0, sizeof b);
			ui_cell(&b, _(a->keyname), 19, 0);
			buf_printf(&b, " %s", _(a->what));
			buf_addc(&b, '\0');
			lines[n++] = own[k++] = buf_steal(&b);
		}
	}
	ui_text_box(_("Form keys"), lines, n);
	for (i = 0; i < k; i++)
		free(own[i]);
}

/* When r was last saved, in local time, as clerks read times. */
static void
saved_when(const struct record *r, char when[32])
{
	time_t		 t = (time_t)record_int(r, FX_UPDATED);
	struct tm	 tm;

	localtime_r(&t, &tm);
	strftime(when, 32, "%d.%m.%Y %H:%M", &tm);
}

/* The text field i had in the record r (base, theirs), into out. */
static void
ff_text_of(struct form *fm, int i, const struct record *r,
    char out[FORM_TEXT])
{
	struct ffield	 save = fm->f[i];

	ff_load(fm, i, r);
	memcpy(out, fm->f[i].text, FORM_TEXT);
	fm->f[i] = save;
}

/* Whether the clerk changed field i from what was loaded. */
static int
ff_changed(struct form *fm, int i)
{
	char	 base[FORM_TEXT];

	if (fm->f[i].fixed)
		return (0);
	ff_text_of(fm, i, fm->base, base);
	return (strcmp(base, fm->f[i].text) != 0);
}

/* Take fresh as the record the form edits and as its new base. */
static void
form_take(struct form *fm, const struct record *fresh)
{
	int	 i;

	for (i = 0; i < (int)fm->rec->ent->nfields; i++)
		record_set_value(fm->rec, i, &fresh->v[i]);
	record_free(fm->base);
	fm->base = record_dup(fresh);
}

/*
 * Someone saved the record first.  Where they changed other fields than
 * this clerk, the clerk's changes go on top of theirs; where both changed
 * the same field, both values are shown and the clerk chooses.  The form
 * then holds the merge, over their revision, for the clerk to save.
 */
/*
 * Someone saved the record first (theirs).  Where they changed other
 * fields than this clerk, the clerk's changes go on top of theirs; where
 * both changed the same field, both values are shown and the clerk
 * chooses.  The form then holds the merge, over their revision, for the
 * clerk to look over and save.  base_texts, when not NULL, are the texts
 * the clerk's changes were made over (a restored draft's), else the
 * form's base record.
 */
static void
form_merge(struct form *fm, const struct record *theirs,
    const char *base_texts, const char *who, const char *when)
{
	char		(*mine)[FORM_TEXT], their[FORM_TEXT], base[FORM_TEXT];
	char		 q[400], **buf = NULL, *b;
	const char	**lines = NULL;
	int		*changed, *both, k, nboth = 0, nmine = 0, keep;
	size_t		 nb = 0, i;

	mine = xcalloc((size_t)fm->n, sizeof *mine);
	changed = xcalloc((size_t)fm->n, sizeof *changed);
	both = xcalloc((size_t)fm->n, sizeof *both);
	for (k = 0; k < fm->n; k++) {
		memcpy(mine[k], fm->f[k].text, FORM_TEXT);
		if (base_texts != NULL) {
			b = draft_texts_get(base_texts, ff_def(fm, k)->name);
			changed[k] = b != NULL && strcmp(b, mine[k]) != 0;
			snprintf(base, sizeof base, "%s", b != NULL ? b : "");
			free(b);
		} else {
			changed[k] = ff_changed(fm, k);
			ff_text_of(fm, k, fm->base, base);
		}
		if (!changed[k])
			continue;
		nmine++;
		ff_text_of(fm, k, theirs, their);
		if (strcmp(base, their) == 0 || strcmp(their, mine[k]) == 0)
			continue;
		both[k] = 1;
		nboth++;
		buf = xreallocarray(buf, nb + 3, sizeof *buf);
		xasprintf(&buf[nb++], "%s:", _(ff_def(fm, k)->label));
		xasprintf(&buf[nb++], _("  yours:  %s"), mine[k]);
		xasprintf(&buf[nb++], _("  theirs: %s"), their);
	}
	if (nboth > 0) {
		lines = xcalloc(nb, sizeof *lines);
		for (i = 0; i < nb; i++)
			lines[i] = buf[i];
		snprintf(q, sizeof q, _("Also changed by %s at %s"),
		    who != NULL ? who : _("someone"), when);
		ui_text_box(q, lines, nb);
		snprintf(q, sizeof q, P_("You both changed %d field (shown). "
		    "Keep your values there (y), or take theirs (n)?",
		    "You both changed %d fields (shown). Keep your values "
		    "there (y), or take theirs (n)?", nboth), nboth);
		keep = ui_confirm(q) ? 2 : 1;
	} else if (nmine > 0 && base_texts == NULL) {
		if (who != NULL)
			snprintf(q, sizeof q, _("%s saved it first, at %s, "
			    "changing other fields than you. Keep your changes "
			    "on top of theirs (y), or take their version and "
			    "lose yours (n)?"), who, when);
		else
			snprintf(q, sizeof q, _("Someone saved it first, at "
			    "%s, changing other fields than you. Keep your "
			    "changes on top of theirs (y), or take their "
			    "version and lose yours (n)?"), when);
		keep = ui_confirm(q) ? 1 : 0;
	} else
		keep = 1;
	/* Theirs underneath; mine on top where I changed a field (and,
	 * where we both did, as the clerk chose). */
	form_take(fm, theirs);
	for (k = 0; k < fm->n; k++) {
		ff_load(fm, k, theirs);
		if (keep && changed[k] && (!both[k] || keep == 2))
			memcpy(fm->f[k].text, mine[k], FORM_TEXT);
	}
	fm->dirty = keep != 0 && nmine > 0;
	if (base_texts == NULL)
		fm->app->message(fm->app, 0, keep ? _("merged over revision "
		    "%u: look it over, then F2/^S saves") : _("their version, "
		    "revision %u: your changes are dropped"),
		    record_rev(fm->rec));
	for (i = 0; i < nb; i++)
		free(buf[i]);
	free(buf);
	free(lines);
	free(both);
	free(changed);
	free(mine);
}

/*
 * A save refused for the time being: when the record has a newer
 * revision than the form's, someone saved it first (the server's words
 * say so in the clerk's language, so the revision tells, not the words):
 * the cause is shown and the versions merged; 1.  Else 0.
 */
static int
form_conflict(struct form *fm, const char *why)
{
	struct record	*theirs;
	char		*cause = NULL, when[32];

	if (cr_get(fm->app->client, fm->rec->ent, record_id(fm->rec), NULL,
	    &theirs, &cause) != 0) {
		free(cause);
		return (0);
	}
	if (record_rev(theirs) == record_rev(fm->rec)) {
		record_free(theirs);
		return (0);
	}
	fm->app->message(fm->app, 1, "%s", why);
	saved_when(theirs, when);
	form_merge(fm, theirs, NULL, record_str(theirs, FX_UPDATED_BY), when);
	record_free(theirs);
	return (1);
}

/* A save refused: why, whole (F1 shows it when the status line cuts
 * it), with the cursor on the field the server names ("column 'inn'",
 * «колонка 'inn'»): the first of the form's names quoted. */
static void
form_refused(struct form *fm, const char *cause)
{
	const char	*col, *at;
	char		 quoted[80];
	int		 i;

	fm->app->message(fm->app, 1, _("not saved: %s"), cause);
	for (i = 0, col = NULL; i < fm->n; i++) {
		snprintf(quoted, sizeof quoted, "'%s'", ff_def(fm, i)->name);
		if ((at = strstr(cause, quoted)) != NULL &&
		    (col == NULL || at < col)) {
			col = at;
			fm->cur = i;
		}
	}
}

/* Save: every field checked, then one request.  1 saved, 0 not. */
static int
form_save(struct form *fm)
{
	struct record	*out;
	char		*cause = NULL;
	int		 i, rc;

	for (i = 0; i < fm->n; i++)
		if (ff_take(fm, i) != 0) {
			fm->cur = i;
			return (0);
		}
	if (fm->opts->local && fm->opts->submit != NULL &&
	    fm->opts->submit(fm->opts->submit_arg, fm->rec, &cause) != 0) {
		form_refused(fm, cause != NULL ? cause : "?");
		free(cause);
		return (0);
	}
	if (fm->opts->local)
		return (1);
	out = record_dup(fm->rec);
	rc = cr_put(fm->app->client, out, &cause);
	if (rc == 0) {
		for (i = 0; i < (int)fm->rec->ent->nfields; i++)
			record_set_value(fm->rec, i, &out->v[i]);
		record_free(out);
		fm->app->message(fm->app, 0, _("saved %s"),
		    record_str(fm->rec, FX_CODE) ?
		    record_str(fm->rec, FX_CODE) : "");
		return (1);
	}
	record_free(out);
	if (rc == EX_TEMPFAIL && record_id(fm->rec) != 0 &&
	    form_conflict(fm, cause)) {
		free(cause);
		return (0);
	}
	form_refused(fm, cause);
	free(cause);
	return (0);
}

/* The session hangs up with this form changed: keep what was typed. */
static void
form_keep_draft(struct form *fm)
{
	struct draft_info	 d;
	struct buf		 b = { 0 };
	char			*texts, *cause = NULL;
	int			 i;

	char			 base[FORM_TEXT], name[64];

	if (!fm->dirty || fm->opts->readonly || fm->opts->local)
		return;
	/* What was changed, and what it was changed from ("~name"): a
	 * restore merges over the record as it is by then. */
	for (i = 0; i < fm->n; i++) {
		/* A new record is all changes, over nothing. */
		if (record_id(fm->rec) == 0 ? fm->f[i].text[0] == '\0' :
		    !ff_changed(fm, i))
			continue;
		draft_texts_add(&b, ff_def(fm, i)->name, fm->f[i].text);
		if (record_id(fm->rec) == 0)
			base[0] = '\0';
		else
			ff_text_of(fm, i, fm->base, base);
		snprintf(name, sizeof name, "~%s", ff_def(fm, i)->name);
		draft_texts_add(&b, name, base);
	}
	texts = buf_steal(&b);
	memset(&d, 0, sizeof d);
	d.screen = "form";
	d.entity = fm->rec->ent->name;
	d.target = record_id(fm->rec) != 0 ? record_str(fm->rec, FX_CODE) :
	    NULL;
	d.rev = record_rev(fm->rec);
	d.title = fm->opts->title;
	d.texts = texts;
	if (cr_draft_put(fm->app->client, &d, &cause) != 0)
		free(cause);	/* nobody to tell: the terminal is gone */
	free(texts);
}

/* Ctrl-C: leave kontor, asking first when something here is unsaved. */
static int
form_interrupt(struct form *fm)
{
	if (fm->dirty && !ui_confirm(_("Leave kontor? What you typed here is "
	    "not saved and will be lost.")))
		return (0);
	fm->app->quit = 1;
	return (1);
}

/* A restored draft: its changes over the record as it is now, merged
 * as a conflict would be where the record changed meanwhile. */
static void
form_restore(struct form *fm, const char *texts)
{
	struct record	*now = record_dup(fm->rec);
	char		*t, name[64];
	int		 i;

	for (i = 0; i < fm->n; i++) {
		if ((t = draft_texts_get(texts, ff_def(fm, i)->name)) == NULL)
			continue;
		snprintf(fm->f[i].text, FORM_TEXT, "%s", t);
		free(t);
	}
	/* Fields the draft did not change keep their "~" base as now. */
	{
		struct buf	 b = { 0 };
		char		*base_texts, cur[FORM_TEXT];

		for (i = 0; i < fm->n; i++) {
			snprintf(name, sizeof name, "~%s",
			    ff_def(fm, i)->name);
			if ((t = draft_texts_get(texts, name)) == NULL) {
				ff_text_of(fm, i, now, cur);
				t = xstrdup(cur);
			}
			draft_texts_add(&b, ff_def(fm, i)->name, t);
			free(t);
		}
		base_texts = buf_steal(&b);
		saved_when(now, cur);
		form_merge(fm, now, base_texts, record_str(now,
		    FX_UPDATED_BY), cur);
		free(base_texts);
	}
	record_free(now);
	fm->dirty = 1;
}

/* Field pos of the record as the form's next field. */
static void
form_add(struct form *fm, int pos)
{
	const struct field_def	*f = &fm->rec->ent->fields[pos];
	int			 i;

	fm->f[fm->n].pos = pos;
	fm->f[fm->n].fixed = fm->opts->readonly;
	for (i = 0; i < FORM_FIXED_MAX && fm->opts->fixed[i] != NULL; i++)
		if (strcmp(fm->opts->fixed[i], f->name) == 0)
			fm->f[fm->n].fixed = 1;
	if (fm->opts->editable != NULL) {
		for (i = 0; fm->opts->editable[i] != NULL; i++)
			if (strcmp(fm->opts->editable[i], f->name) == 0)
				break;
		if (fm->opts->editable[i] == NULL)
			fm->f[fm->n].fixed = 1;
	}
	ff_load(fm, fm->n, fm->rec);
	ff_name_warm(fm, fm->n, fm->rec);
	fm->n++;
}

/* Whether k is one of the caller's keys. */
static int
form_extra(const struct form_opts *opts, int k)
{
	const struct ui_action	*a;

	if (opts->extra == NULL || opts->extra_fn == NULL)
		return (0);
	for (a = opts->extra; a->keyname != NULL; a++)
		if (a->key == k)
			return (1);
	return (0);
}

int
form_edit(struct app *app, struct ui_region *rg, struct record *rec,
    const struct form_opts *opts)
{
	struct form	 fm;
	size_t		 p;
	int		 i, k, saved = 0, pos;

	memset(&fm, 0, sizeof fm);
	fm.app = app;
	fm.rg = rg;
	fm.rec = rec;
	fm.opts = opts;
	fm.f = xcalloc(rec->ent->nfields, sizeof *fm.f);
	fm.base = record_dup(rec);
	if (opts->only != NULL) {
		for (i = 0; opts->only[i] != NULL &&
		    fm.n < (int)rec->ent->nfields; i++)
			if ((pos = dict_field_pos(rec->ent,
			    opts->only[i])) >= 0)
				form_add(&fm, pos);
	} else
		for (p = 0; p < rec->ent->nfields; p++)
			if (!(rec->ent->fields[p].flags &
			    (FF_SYSTEM | FF_RDONLY)))
				form_add(&fm, (int)p);
	if (opts->texts != NULL)
		form_restore(&fm, opts->texts);
	form_layout(&fm);
	/* Start on the first field one may edit; a code the server gives
	 * is skipped (Shift-Tab reaches it). */
	while (!opts->readonly && fm.cur < fm.n - 1 && (fm.f[fm.cur].fixed ||
	    (fm.f[fm.cur].pos == FX_CODE && rec->ent->code_prefix != NULL)))
		fm.cur++;
	for (;;) {
		char	 before[FORM_TEXT];

		form_draw(&fm);
		doupdate();
		i = fm.cur;
		memcpy(before, fm.f[i].text, FORM_TEXT);
		if (fm.f[i].fixed) {
			wmove(rg->win, rg->y + 1 + i - fm.top,
			    rg->x + fm.labelw);
			wrefresh(rg->win);
			k = ui_getkey();
		} else
			k = ui_edit_line(rg->win, rg->y + 1 + i - fm.top,
			    rg->x + fm.labelw, ff_width(&fm, i), fm.f[i].text,
			    ff_cap(&fm, i), NULL, NULL);
		if (strcmp(before, fm.f[i].text) != 0)
			fm.dirty = 1;
		if (form_extra(opts, k)) {
			opts->extra_fn(opts->extra_arg, k);
			continue;
		}
		if (k == '\t' || UI_KEY_ENTER(k) || UI_KEY_DOWN(k)) {
			if (ff_take(&fm, i) != 0)
				continue;
			ff_duplicates(&fm, i);
			if (fm.cur < fm.n - 1)
				fm.cur++;
		} else if (k == UI_K(KEY_BTAB) || UI_KEY_UP(k)) {
			if (fm.cur > 0)
				fm.cur--;
		} else if (UI_KEY_SAVE(k) && opts->readonly) {
			/* English has always named the entity as on the
			 * command line; another language by its title. */
			app->message(app, 1, _("view only: your roles may not "
			    "edit %s (Esc: back)"), strcmp(i18n_lang(), "en") ==
			    0 ? rec->ent->name : _(rec->ent->title));
		} else if (UI_KEY_SAVE(k)) {
			if (form_save(&fm)) {
				saved = 1;
				break;
			}
		} else if (k == KEY_CTRL('o') && !fm.f[i].fixed &&
		    (ff_def(&fm, i)->flags & FF_MULTILINE)) {
			/* A new line in notes or an address: typing goes on
			 * after it. */
			size_t	 len = strlen(fm.f[i].text);

			if (len + 2 < FORM_TEXT) {
				fm.f[i].text[len] = '\n';
				fm.f[i].text[len + 1] = '\0';
				fm.dirty = 1;
			}
		} else if (UI_KEY_LOOKUP(k) && !fm.f[i].fixed)
			form_lookup(&fm, i);
		else if (UI_KEY_REPEAT(k) && opts->prev != NULL &&
		    !fm.f[i].fixed) {
			ff_load(&fm, i, opts->prev);
			ff_name_warm(&fm, i, opts->prev);
			fm.dirty = 1;
		} else if (k == UI_K(KEY_F(1)) || k == KEY_CTRL('g')) {
			form_help(app, opts);
		} else if (k == UI_KEY_HANGUP) {
			form_keep_draft(&fm);
			break;
		} else if (k == UI_KEY_INTR) {
			if (form_interrupt(&fm))
				break;
		} else if (k == UI_KEY_ESC) {
			if (!fm.dirty || ui_confirm(_("Discard your changes?")))
				break;
		} else if (k == UI_KEY_RESIZE) {
			app->relayout(app);
			form_layout(&fm);
		}
	}
	free(fm.f);
	record_free(fm.base);
	return (saved);
}
