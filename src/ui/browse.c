#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>
#include <wctype.h>

#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "ui/browse.h"
#include "ui/ui.h"
#include "xmalloc.h"

#define BROWSE_MAXCOLS	12
#define BROWSE_SEARCH_MAX 100
#define BROWSE_ORDER_MAX 2000	/* rows a sorted, filtered list holds */

struct browse {
	struct app		*app;
	const struct entity_def	*ent;
	int			 sort;		/* field position, -1: id */
	int			 filter;	/* field position, -1: none */
	int64_t			 filter_id;
	char			*filter_s;	/* a text filter's value */
	int			 sort0;		/* the sort without filter */
	struct record		**rows;
	size_t			 n;
	size_t			 top;
	size_t			 cur;
	int			 at_end;	/* nothing after the last row */
	int			 at_start;	/* nothing before the first */
	int			 cols[BROWSE_MAXCOLS];
	int			 ncols;
	int			 hidden;
	int			 hidden2;	/* a second one, or -1 */
	char			 query[128];
	int			 results;	/* rows are search results */
	int			 page;
	char			*error;
	int			 order;		/* loaded rows by this field */
	int			 order_desc;	/* ... newest first */
	int			 order0;	/* the screen's (browse_order) */
	int			 order0_desc;
	int			 msort;		/* 's' chose order (in memory) */
	int			 order_over;	/* more rows than sorted */
	/* A column not of the dictionary (browse_extra). */
	const char		*extra_head;
	int			 extra_w;
	browse_fill_fn		 extra_fill;
	void			*extra_arg;
	/* A dictionary column whose cells a callback writes (browse_cell). */
	int			 cell_pos;
	browse_cell_fn		 cell_fn;
	void			*cell_arg;
	const char		*cell_head;	/* its heading, or NULL */
};

/* --- references read as codes and names: a small cache for the session */

/*
 * A reference shows as the code of the record it refers to, or, where its
 * field says so (FF_BYNAME: a customer, a supplier, a person), as that
 * record's name.  Both come with a list's page in the same answer (the
 * scan's refs); what a page did not bring is read once, by its id.
 */
struct refcode {
	const struct entity_def	*ent;
	int64_t			 id;
	char			*code;
	char			*name;		/* NULL: none, or not ours */
	int			 named;		/* name is known */
};
static struct refcode	*refs;
static size_t		 nrefs;

static struct refcode	*ref_put(const struct entity_def *, int64_t,
			    const char *, const char *, int);

static struct refcode *
ref_find(const struct entity_def *t, int64_t id)
{
	size_t	 i;

	for (i = 0; i < nrefs; i++)
		if (refs[i].ent == t && refs[i].id == id)
			return (&refs[i]);
	return (NULL);
}

/* The record of entity ent (a field's ref) by id, with its name when
 * byname, from the cache or read once. */
static struct refcode *
ref_get(struct app *app, const char *ent, int64_t id, int byname)
{
	const struct entity_def	*t = dict_entity(ent);
	struct refcode		*rc;
	struct record		*r;
	char			*cause = NULL, buf[32];
	const char		*name = NULL;
	int			 pos;

	if ((rc = ref_find(t, id)) != NULL && (rc->named || !byname))
		return (rc);
	if (t != NULL && cr_get(app->client, t, (uint64_t)id, NULL, &r,
	    &cause) == 0) {
		if ((pos = dict_name_pos(t)) >= 0)
			name = record_str(r, pos);
		rc = ref_put(t, id, record_str(r, FX_CODE) ?
		    record_str(r, FX_CODE) : "?", name, 1);
		record_free(r);
		return (rc);
	}
	free(cause);
	if (rc != NULL) {		/* the code we had; no name to be had */
		rc->named = 1;
		return (rc);
	}
	snprintf(buf, sizeof buf, "#%lld",	/* i18n: no */
	    (long long)id);
	return (ref_put(t, id, buf, NULL, 1));
}

static struct refcode *
ref_put(const struct entity_def *t, int64_t id, const char *code,
    const char *name, int named)
{
	struct refcode	*rc;
	size_t		 i;

	if ((rc = ref_find(t, id)) == NULL) {
		if (nrefs == 1024) {	/* simple bound: start afresh */
			for (i = 0; i < nrefs; i++) {
				free(refs[i].code);
				free(refs[i].name);
			}
			nrefs = 0;
		}
		refs = xreallocarray(refs, nrefs + 1, sizeof *refs);
		rc = &refs[nrefs++];
		memset(rc, 0, sizeof *rc);
		rc->ent = t;
		rc->id = id;
	}
	free(rc->code);
	rc->code = xstrdup(code);
	/* A page that did not ask for the name leaves the one known. */
	if (named) {
		free(rc->name);
		rc->name = name != NULL && *name != '\0' ? xstrdup(name) :
		    NULL;
		rc->named = 1;
	}
	return (rc);
}

void
ui_ref_seen(void *arg, const char *entity, int64_t id, const char *code,
    const char *name, int named)
{
	const struct entity_def	*t = dict_entity(entity);

	(void)arg;
	if (t != NULL)
		ref_put(t, id, code, name, named);
}

void
ui_ref_keep(const struct record *r)
{
	int	 pos = dict_name_pos(r->ent);

	if (record_id(r) != 0 && record_str(r, FX_CODE) != NULL)
		ref_put(r->ent, (int64_t)record_id(r), record_str(r, FX_CODE),
		    pos >= 0 ? record_str(r, pos) : NULL, 1);
}

const char *
ui_ref_cached_name(const struct field_def *f, const char *code)
{
	const struct entity_def	*t = dict_entity(f->ref);
	size_t			 i;

	for (i = 0; code != NULL && i < nrefs; i++)
		if (refs[i].ent == t && refs[i].named &&
		    strcmp(refs[i].code, code) == 0)
			return (refs[i].name);
	return (NULL);
}

char *
ui_ref_code(struct app *app, const struct field_def *f, int64_t id)
{
	return (xstrdup(ref_get(app, f->ref, id, 0)->code));
}

char *
ui_ref_name(struct app *app, const struct field_def *f, int64_t id)
{
	struct refcode	*rc = ref_get(app, f->ref, id, 1);

	return (rc->name != NULL ? xstrdup(rc->name) : NULL);
}

/* --- enum values in the clerk's language ------------------------------- */

/*
 * An enum value's word is its translation in the context "enum", the
 * same on every screen and in the server's messages.  A few words need
 * the field they belong to, where Russian agrees in gender with the
 * thing or where one value names two things: a task is «отменена», an
 * order «отменён»; an activity's e-mail is a letter (письмо), a
 * channel's the address.  Those are looked up in the field's own
 * context first.
 */
static const struct {
	const char	*entity, *field, *ctx, *value;
} enum_own[] = {
	{ "tasks", "status", "task status",
	  NC_("task status", "cancelled") },
	{ "activities", "kind", "activity kind",
	  NC_("activity kind", "email") },
};

/* The entity whose field table holds f. */
static const struct entity_def *
field_entity(const struct field_def *f)
{
	const struct entity_def *const	*e;

	for (e = entity_table; *e != NULL; e++)
		if (f >= (*e)->fields && f < (*e)->fields + (*e)->nfields)
			return (*e);
	return (NULL);
}

const char *
ui_enum(const struct field_def *f, const char *value)
{
	const struct entity_def	*e;
	size_t			 i;

	if (value == NULL)
		return (NULL);
	for (i = 0; i < sizeof enum_own / sizeof enum_own[0]; i++) {
		if (strcmp(enum_own[i].value, value) != 0 ||
		    strcmp(enum_own[i].field, f->name) != 0 ||
		    (e = field_entity(f)) == NULL ||
		    strcmp(enum_own[i].entity, e->name) != 0)
			continue;
		return (dict_enum_word_ctx(enum_own[i].ctx, value));
	}
	return (dict_enum_word(value));
}

const char *
ui_unit(const char *unit)
{
	const struct entity_def	*pe = dict_entity("products");
	const char		*w;

	if (unit == NULL)
		return ("");
	w = ui_enum(dict_field(pe, "unit"), unit);
	return (w != NULL ? w : unit);
}

/* Whether a and b are the same text but for case (Cyrillic too). */
static int
same_folded(const char *a, const char *b)
{
	mbstate_t	 sa, sb;
	wchar_t		 ca, cb;
	size_t		 na, nb;

	memset(&sa, 0, sizeof sa);
	memset(&sb, 0, sizeof sb);
	for (;;) {
		na = mbrtowc(&ca, a, MB_CUR_MAX, &sa);
		nb = mbrtowc(&cb, b, MB_CUR_MAX, &sb);
		if (na == (size_t)-1 || na == (size_t)-2 ||
		    nb == (size_t)-1 || nb == (size_t)-2)
			return (strcmp(a, b) == 0);
		if (towlower((wint_t)ca) != towlower((wint_t)cb))
			return (0);
		if (na == 0)
			return (1);
		a += na;
		b += nb;
	}
}

const char *
ui_enum_value(const struct field_def *f, const char *text)
{
	char	 buf[128];
	size_t	 len, i;

	if (f->type != FT_ENUM || f->enums == NULL || text == NULL)
		return (NULL);
	while (*text == ' ')
		text++;
	len = strlen(text);
	while (len > 0 && text[len - 1] == ' ')
		len--;
	if (len >= sizeof buf)
		return (NULL);
	memcpy(buf, text, len);
	buf[len] = '\0';
	/* The stored word exactly, then either word in any case. */
	for (i = 0; f->enums[i] != NULL; i++)
		if (strcmp(f->enums[i], buf) == 0)
			return (f->enums[i]);
	for (i = 0; f->enums[i] != NULL; i++)
		if (same_folded(ui_enum(f, f->enums[i]), buf) ||
		    same_folded(f->enums[i], buf))
			return (f->enums[i]);
	/* Another name of a word, as an import takes it ("шт.", "НДС
	 * 20%"). */
	return (dict_enum_find(f, buf, NULL));
}

int
ui_enum_width(const struct field_def *f)
{
	size_t	 i;
	int	 w = 0, cw;

	for (i = 0; f->enums != NULL && f->enums[i] != NULL; i++)
		if ((cw = ui_width(ui_enum(f, f->enums[i]))) > w)
			w = cw;
	return (w);
}

void
ui_date(int64_t d, char *buf, size_t len)
{
	date_format_people(d, buf, len);
}

void
ui_qty(int64_t q, char *buf, size_t len)
{
	qty_format_grouped(q, buf, len);
}

char *
ui_format(struct app *app, const struct field_def *f, const struct value *v)
{
	char		 buf[64];
	struct refcode	*rc;

	if (!v->set)
		return (xstrdup(""));
	if (v->s != NULL && f->type == FT_ENUM)
		return (xstrdup(ui_enum(f, v->s)));
	if (v->s != NULL)
		return (xstrdup(v->s));
	switch (f->type) {
	case FT_MONEY:
		money_format(v->i, buf, sizeof buf, 1);
		break;
	case FT_QTY:
		ui_qty(v->i, buf, sizeof buf);
		break;
	case FT_DATE:
		ui_date(v->i, buf, sizeof buf);
		break;
	case FT_TIME:
		time_format_people(v->i, buf, sizeof buf);
		break;
	case FT_BOOL:
		snprintf(buf, sizeof buf, "%s", v->i ? _("yes") : _("no"));
		break;
	case FT_REF:
		rc = ref_get(app, f->ref, v->i, f->flags & FF_BYNAME);
		/* By name where the field says so and there is one. */
		return (xstrdup((f->flags & FF_BYNAME) && rc->name != NULL ?
		    rc->name : rc->code));
	default:
		snprintf(buf, sizeof buf, "%lld",	/* i18n: no */
		    (long long)v->i);
		break;
	}
	return (xstrdup(buf));
}

/* --- the list ------------------------------------------------------------- */

static void
browse_columns(struct browse *b)
{
	size_t	 i;

	b->ncols = 0;
	for (i = 0; i < b->ent->nfields && b->ncols < BROWSE_MAXCOLS; i++) {
		if (!(b->ent->fields[i].flags & FF_LIST) ||
		    (int)i == b->hidden || (int)i == b->hidden2)
			continue;
		b->cols[b->ncols++] = (int)i;
	}
}

struct browse *
browse_new(struct app *app, const struct entity_def *e, const char *sort)
{
	struct browse	*b;

	b = xcalloc(1, sizeof *b);
	b->app = app;
	b->ent = e;
	b->sort = sort != NULL ? dict_field_pos(e, sort) : -1;
	b->sort0 = b->sort;
	b->filter = -1;
	b->hidden = b->hidden2 = -1;
	b->order = b->order0 = b->msort = -1;
	b->page = 50;
	browse_columns(b);
	return (b);
}

void
browse_cell(struct browse *b, const char *field, browse_cell_fn fn,
    void *arg)
{
	b->cell_pos = dict_field_pos(b->ent, field);
	b->cell_fn = fn;
	b->cell_arg = arg;
}

void
browse_cell_head(struct browse *b, const char *head)
{
	b->cell_head = head;
}

void
browse_extra(struct browse *b, const char *head, int width,
    browse_fill_fn fill, void *arg)
{
	b->extra_head = head;
	b->extra_w = width;
	b->extra_fill = fill;
	b->extra_arg = arg;
}

static void
browse_clear(struct browse *b)
{
	cr_rows_free(b->rows, b->n);
	b->rows = NULL;
	b->n = b->top = b->cur = 0;
	b->at_end = b->at_start = 0;
}

void
browse_free(struct browse *b)
{
	if (b == NULL)
		return;
	browse_clear(b);
	free(b->error);
	free(b->filter_s);
	free(b);
}

void
browse_filter(struct browse *b, const char *field, int64_t id)
{
	b->filter = dict_field_pos(b->ent, field);
	b->filter_id = id;
	free(b->filter_s);
	b->filter_s = NULL;
	b->sort = b->filter;
	browse_clear(b);
}

void
browse_filter_str(struct browse *b, const char *field, const char *value)
{
	free(b->filter_s);
	b->filter_s = NULL;
	b->results = 0;
	if (field == NULL || value == NULL) {
		b->filter = -1;
		b->sort = b->sort0;
	} else {
		b->filter = dict_field_pos(b->ent, field);
		b->filter_s = xstrdup(value);
		b->sort = b->filter;
	}
	browse_clear(b);
}

/* Whether a row is one the filter lets through. */
static int
filter_passes(const struct browse *b, const struct record *r)
{
	const char	*v;

	if (b->filter < 0)
		return (1);
	if (b->filter_s == NULL)
		return (record_int(r, b->filter) == b->filter_id);
	v = record_str(r, b->filter);
	return (v != NULL && strcmp(v, b->filter_s) == 0);
}

void
browse_hide(struct browse *b, const char *field)
{
	/* Two at most: a second call hides one more. */
	if (b->hidden >= 0 && b->hidden != dict_field_pos(b->ent, field))
		b->hidden2 = dict_field_pos(b->ent, field);
	else
		b->hidden = dict_field_pos(b->ent, field);
	browse_columns(b);
}

static void
set_error(struct browse *b, char *cause)
{
	free(b->error);
	b->error = cause;
	b->app->message(b->app, 1, "%s", cause ? cause : _("request failed"));
}

/* The sort key of a row, as a scan's "from". */
static void
row_key(struct browse *b, const struct record *r, struct value *v)
{
	memset(v, 0, sizeof *v);
	if (b->sort < 0)
		return;
	*v = r->v[b->sort];
}

/* Fetch a page after the last row (dir 1) or before the first (-1). */
static void
browse_fetch(struct browse *b, int dir)
{
	struct record	**rows;
	struct value	 from;
	uint64_t	 from_id = 0;
	size_t		 n, i, keep;
	char		*cause = NULL;
	const char	*index;

	if ((dir > 0 && b->at_end) || (dir < 0 && b->at_start) || b->results)
		return;
	memset(&from, 0, sizeof from);
	if (b->n > 0) {
		const struct record *edge = dir > 0 ? b->rows[b->n - 1] :
		    b->rows[0];

		row_key(b, edge, &from);
		from_id = record_id(edge);
	} else if (b->filter >= 0) {
		from.set = 1;
		from.i = b->filter_id;
		from.s = b->filter_s;
		/* End of a filtered list: backward from the last row of
		 * the filter's key, not from before its first (:pay BANK
		 * showed nothing). */
		if (dir < 0)
			from_id = UINT64_MAX;
	}
	index = b->sort >= 0 ? b->ent->fields[b->sort].name : NULL;
	if (cr_scan_refs(b->app->client, b->ent, index, &from, from_id, dir,
	    (size_t)b->page, ui_ref_seen, NULL, &rows, &n, &cause) != 0) {
		set_error(b, cause);
		b->at_end = b->at_start = 1;
		return;
	}
	/* A filtered list ends where the filter's key does. */
	keep = n;
	if (b->filter >= 0)
		for (i = 0; i < n; i++)
			if (!filter_passes(b, rows[i])) {
				keep = i;
				break;
			}
	for (i = keep; i < n; i++)
		record_free(rows[i]);
	if (dir > 0) {
		if (keep < (size_t)b->page)
			b->at_end = 1;
		b->rows = xreallocarray(b->rows, b->n + keep + 1,
		    sizeof *b->rows);
		memcpy(b->rows + b->n, rows, keep * sizeof *rows);
		b->n += keep;
	} else {
		if (keep < (size_t)b->page)
			b->at_start = 1;
		b->rows = xreallocarray(b->rows, b->n + keep + 1,
		    sizeof *b->rows);
		memmove(b->rows + keep, b->rows, b->n * sizeof *b->rows);
		for (i = 0; i < keep; i++)
			b->rows[i] = rows[keep - 1 - i];
		b->n += keep;
		b->cur += keep;
		b->top += keep;
	}
	free(rows);
}

/* Loaded rows in the order's field, then by id (ties as made): numbers
 * and dates as numbers, an enum by the word shown, text as text. */
static struct browse	*sorting;

static int
order_cmp(const void *a, const void *b2)
{
	const struct record	*x = *(const struct record *const *)a;
	const struct record	*y = *(const struct record *const *)b2;
	int			 pos = sorting->order, c;
	const struct field_def	*f = &sorting->ent->fields[pos];
	const char		*sx, *sy;
	int64_t			 vx, vy;

	/* Unset values go last either way. */
	if (record_isset(x, pos) != record_isset(y, pos))
		return (record_isset(x, pos) ? -1 : 1);
	if (f->type == FT_ENUM || f->type == FT_TEXT) {
		sx = record_str(x, pos);
		sy = record_str(y, pos);
		if (f->type == FT_ENUM) {
			sx = ui_enum(f, sx);
			sy = ui_enum(f, sy);
		}
		c = strcmp(sx != NULL ? sx : "", sy != NULL ? sy : "");
		c = c < 0 ? -1 : c > 0;
	} else {
		vx = record_int(x, pos);
		vy = record_int(y, pos);
		c = vx < vy ? -1 : vx > vy;
	}
	if (c == 0)
		c = record_id(x) < record_id(y) ? -1 :
		    record_id(x) > record_id(y);
	return (sorting->order_desc ? -c : c);
}

void
browse_order(struct browse *b, const char *field, int desc)
{
	b->order = b->order0 = dict_field_pos(b->ent, field);
	b->order_desc = b->order0_desc = desc;
	b->msort = -1;
	browse_clear(b);
}

/* A filtered list in its order: all of it (a customer's history is tens
 * of rows, a bound keeps it so), sorted here. */
static void
browse_fetch_ordered(struct browse *b)
{
	int	 page = b->page;

	b->page = 200;
	while (!b->at_end && b->n < BROWSE_ORDER_MAX)
		browse_fetch(b, 1);
	b->page = page;
	/* The bound reached with rows left: the order is of a part. */
	b->order_over = !b->at_end;
	sorting = b;
	xqsort(b->rows, b->n, sizeof *b->rows, order_cmp);
	sorting = NULL;
}

void
browse_reload(struct browse *b)
{
	uint64_t	 id = 0;
	size_t		 i;

	if (b->cur < b->n)
		id = record_id(b->rows[b->cur]);
	browse_clear(b);
	b->results = 0;
	b->at_start = 1;
	if (b->order >= 0)
		browse_fetch_ordered(b);
	else
		browse_fetch(b, 1);
	/* Keep the cursor on the same record when it is still loaded. */
	for (i = 0; i < b->n; i++)
		if (record_id(b->rows[i]) == id)
			b->cur = i;
}

void
browse_show(struct browse *b, uint64_t id)
{
	struct record	*r;
	char		*cause = NULL;
	size_t		 i;

	if (b->order >= 0 || b->filter >= 0) {
		browse_reload(b);
		for (i = 0; i < b->n; i++)
			if (record_id(b->rows[i]) == id)
				b->cur = i;
		return;
	}
	if (cr_get(b->app->client, b->ent, id, NULL, &r, &cause) != 0) {
		free(cause);
		browse_reload(b);
		return;
	}
	/* The record, then the pages after and before it, from its key. */
	browse_clear(b);
	b->results = 0;
	b->rows = xcalloc(2, sizeof *b->rows);
	b->rows[0] = r;
	b->n = 1;
	browse_fetch(b, 1);
	browse_fetch(b, -1);
	/* A few of its neighbours above it, not the record at the top. */
	b->top = b->cur > 4 ? b->cur - 4 : 0;
}

const struct record *
browse_current(struct browse *b)
{
	if (b->n == 0 && !b->at_end)
		browse_reload(b);
	return (b->cur < b->n ? b->rows[b->cur] : NULL);
}

size_t
browse_count(struct browse *b)
{
	return (b->n);
}

/*
 * Columns are laid out by display width, with priorities: a time, a date,
 * an amount, a code, a status never shrink (a time without its minutes
 * is no time); when the row is too narrow, notes shrink first, then other
 * text, then the name (a reference shown by name is one); only then are
 * columns dropped, notes first.
 */
enum col_prio {
	PRIO_FIXED,	/* times, dates, numbers, codes, enums */
	PRIO_NAME,	/* the record's name */
	PRIO_REF,	/* a reference shown by name (a customer) */
	PRIO_TEXT,	/* other short text */
	PRIO_NOTES	/* long or multi-line text */
};

static enum col_prio
col_prio(const struct field_def *f)
{
	if (f->type == FT_REF && (f->flags & FF_BYNAME))
		return (PRIO_REF);
	if (f->type != FT_TEXT || f->id == FID_CODE || f->check != FC_NONE)
		return (PRIO_FIXED);
	if ((f->flags & FF_MULTILINE) || f->width >= 200)
		return (PRIO_NOTES);
	if (f->flags & FF_SEARCH)
		return (PRIO_NAME);
	return (PRIO_TEXT);
}

/* The widest a column may get: its field's width; a reference shown by
 * name, 30. */
static int
col_cap(const struct field_def *f)
{
	return (col_prio(f) == PRIO_REF ? 30 : f->width);
}

/* The narrowest a column may get before it is dropped: never narrower
 * than its heading, which stays whole. */
static int
col_min(const struct field_def *f, int natural)
{
	int	 m, lw = ui_width(_(f->label));

	switch (col_prio(f)) {
	case PRIO_FIXED:
		return (natural);
	case PRIO_NAME:
		m = 14;
		break;
	case PRIO_REF:
		m = 10;
		break;
	case PRIO_TEXT:
		m = 8;
		break;
	default:
		m = 10;
		break;
	}
	if (m < lw)
		m = lw;
	return (m < natural ? m : natural);
}

/* Column i's heading: its field's label, or the one browse_cell_head()
 * gave it. */
static const char *
col_head(struct browse *b, int i)
{
	if (b->cell_head != NULL && b->cols[i] == b->cell_pos)
		return (b->cell_head);
	return (_(b->ent->fields[b->cols[i]].label));
}

/* What column i needs: its label, and the widest value loaded, up to the
 * field's own width. */
static int
col_natural(struct browse *b, int i)
{
	const struct field_def	*f = &b->ent->fields[b->cols[i]];
	const char		*head = col_head(b, i);
	int			 w = ui_width(head), cw, cap;
	size_t			 r;

	switch (f->type) {
	case FT_TIME:
		return (w > 16 ? w : 16);
	case FT_DATE:
		return (w > 10 ? w : 10);
	default:
		break;
	}
	cap = f->width > 0 ? f->width : 20;
	if (f->type == FT_MONEY || f->type == FT_QTY || f->type == FT_INT)
		cap = 16;
	if (f->type == FT_REF)
		cap = col_prio(f) == PRIO_REF ? col_cap(f) : 16;
	/* An enum's words are whole, in whichever language. */
	if (f->type == FT_ENUM && ui_enum_width(f) > cap)
		cap = ui_enum_width(f);
	for (r = 0; r < b->n; r++) {
		char	*v = NULL;

		if (b->cell_fn != NULL && b->cols[i] == b->cell_pos)
			v = b->cell_fn(b->cell_arg, b->rows[r]);
		if (v == NULL)
			v = ui_format(b->app, f, &b->rows[r]->v[b->cols[i]]);
		if ((cw = ui_width(v)) > w)
			w = cw;
		free(v);
	}
	if (w > cap)
		w = cap > ui_width(head) ? cap : ui_width(head);
	if (w < 3)
		w = 3;
	return (w);
}

/* The total width of the columns shown, with a space between. */
static int
widths_total(struct browse *b, const int *widths)
{
	int	 i, total = -1;

	for (i = 0; i < b->ncols; i++)
		if (widths[i] > 0)
			total += widths[i] + 1;
	return (total);
}

/* Take columns of the priorities in mask (1 << prio) down toward their
 * minimum, the widest first, until over is 0; returns what is still
 * over. */
static int
widths_shrink(struct browse *b, int *widths, const int *mins, unsigned mask,
    int over)
{
	int	 i, wide;

	while (over > 0) {
		for (wide = -1, i = 0; i < b->ncols; i++)
			if (widths[i] > mins[i] && (mask & (1u << col_prio(
			    &b->ent->fields[b->cols[i]]))) &&
			    (wide < 0 || widths[i] > widths[wide]))
				wide = i;
		if (wide < 0)
			break;
		widths[wide]--;
		over--;
	}
	return (over);
}

/* Drop columns of priority prio from the end until over is 0 (the first
 * column always stays); returns what is still over. */
static int
widths_drop(struct browse *b, int *widths, int prio, int over)
{
	int	 i;

	for (i = b->ncols - 1; i > 0 && over > 0; i--)
		if (widths[i] > 0 && (int)col_prio(
		    &b->ent->fields[b->cols[i]]) == prio) {
			over -= widths[i] + 1;
			widths[i] = 0;
		}
	return (over);
}

/*
 * Column widths for a region of w columns (0: the column is not shown).
 * Too wide: notes shrink, then other text; then the names referred to (a
 * customer's), where the list has them, and the record's own name share
 * what is left, the widest first, the own name down to 20; then notes and
 * other text are dropped
 * before the name loses more of its tail; then the name shrinks; last,
 * numbers and codes are dropped from the end, then the names referred
 * to.  Room left goes to the notes, else the name, else the names
 * referred to.
 */
static void
browse_widths(struct browse *b, int w, int *widths)
{
	static const int	 grow[] = { PRIO_NOTES, PRIO_NAME, PRIO_REF };
	int			 i, k, over, byref = 0;
	int			 mins[BROWSE_MAXCOLS] = { 0 };
	int			 soft[BROWSE_MAXCOLS] = { 0 };

	for (i = 0; i < b->ncols; i++) {
		widths[i] = col_natural(b, i);
		mins[i] = col_min(&b->ent->fields[b->cols[i]], widths[i]);
		soft[i] = mins[i];
		if (col_prio(&b->ent->fields[b->cols[i]]) == PRIO_REF)
			byref = 1;
		if (col_prio(&b->ent->fields[b->cols[i]]) == PRIO_NAME &&
		    soft[i] < 20)
			soft[i] = widths[i] < 20 ? widths[i] : 20;
	}
	over = widths_total(b, widths) - w;
	over = widths_shrink(b, widths, mins, 1u << PRIO_NOTES, over);
	over = widths_shrink(b, widths, mins, 1u << PRIO_TEXT, over);
	if (byref)
		over = widths_shrink(b, widths, soft, 1u << PRIO_REF |
		    1u << PRIO_NAME, over);
	over = widths_drop(b, widths, PRIO_NOTES, over);
	over = widths_drop(b, widths, PRIO_TEXT, over);
	over = widths_shrink(b, widths, mins, 1u << PRIO_NAME, over);
	over = widths_drop(b, widths, PRIO_FIXED, over);
	over = widths_drop(b, widths, PRIO_REF, over);
	over = widths_drop(b, widths, PRIO_NAME, over);
	over = widths_total(b, widths) - w;
	for (k = 0; k < (int)(sizeof grow / sizeof grow[0]) && over < 0; k++)
		for (i = 0; i < b->ncols && over < 0; i++) {
			const struct field_def *f = &b->ent->fields[b->cols[i]];
			int	 cap = col_cap(f);
			int	 add = -over;

			if (widths[i] == 0 || (int)col_prio(f) != grow[k])
				continue;
			if (widths[i] + add > cap)
				add = cap - widths[i];
			if (add > 0) {
				widths[i] += add;
				over += add;
			}
		}
}

/* text set right in width columns. */
/* Money and quantities line up at the right, as on paper. */
static int
col_right(const struct field_def *f)
{
	return (f->type == FT_MONEY || f->type == FT_QTY);
}

static void
ui_put_right(WINDOW *win, int y, int x, const char *text, int width)
{
	int	 tw = ui_width(text);

	if (tw < width)
		ui_put(win, y, x, "", width - tw, 1);
	ui_put(win, y, x + (tw < width ? width - tw : 0), text,
	    tw < width ? tw : width, 1);
}

void
browse_draw(struct browse *b, struct ui_region *rg, int focus)
{
	int	 widths[BROWSE_MAXCOLS], narrow[BROWSE_MAXCOLS];
	int	 i, y, x, rows, ew = 0, xe = 0, cw;
	size_t	 r, nshown = 0;
	char	**cells = NULL;

	if (b->n == 0 && !b->at_end && !b->results) {
		b->page = rg->h > 10 ? rg->h * 2 : 20;
		b->at_start = 1;
		if (b->order >= 0)
			browse_fetch_ordered(b);
		else
			browse_fetch(b, 1);
	}
	/* The extra column, when the line has room for it without
	 * leaving out a column of the dictionary's. */
	browse_widths(b, rg->w, widths);
	if (b->extra_fill != NULL && rg->w > b->extra_w + 20) {
		ew = b->extra_w + 1;
		browse_widths(b, rg->w - ew, narrow);
		for (i = 0; i < b->ncols; i++)
			if (widths[i] > 0 && narrow[i] == 0)
				ew = 0;
		if (ew > 0)
			memcpy(widths, narrow, sizeof widths);
	}
	rows = rg->h - 1;
	if (b->cur < b->top)
		b->top = b->cur;
	if (rows > 0 && b->cur >= b->top + (size_t)rows)
		b->top = b->cur - (size_t)rows + 1;
	/* A window made taller at the list's end: the rows above come
	 * into it, not blank rows under the last. */
	if (rows > 0 && b->at_end && b->top > 0 &&
	    b->n - b->top < (size_t)rows)
		b->top = b->n > (size_t)rows ? b->n - (size_t)rows : 0;
	if (ew > 0) {
		xe = widths_total(b, widths) + 1;
		if (xe > rg->w - b->extra_w)
			xe = rg->w - b->extra_w;
		if (xe < 0)
			xe = 0;
		for (y = 0; y < rows && b->top + (size_t)y < b->n; y++)
			nshown++;
		cells = xcalloc(nshown + 1, sizeof *cells);
		if (nshown > 0)
			b->extra_fill(b->extra_arg, (const struct record *const *)
			    &b->rows[b->top], nshown, cells);
	}
	wattron(rg->win, A_BOLD | A_UNDERLINE);
	for (i = 0, x = 0; i < b->ncols && x < rg->w; i++) {
		if (widths[i] == 0)
			continue;
		cw = widths[i] < rg->w - x ? widths[i] : rg->w - x;
		if (col_right(&b->ent->fields[b->cols[i]]))
			ui_put_right(rg->win, rg->y, rg->x + x,
			    col_head(b, i), cw);
		else
			ui_put(rg->win, rg->y, rg->x + x,
			    col_head(b, i), cw, 1);
		x += cw;
		if (x < rg->w)
			x += ui_put(rg->win, rg->y, rg->x + x, " ", 1, 1);
	}
	if (ew > 0 && x < xe)
		x += ui_put(rg->win, rg->y, rg->x + x, "", xe - x, 1);
	if (ew > 0 && x == xe) {
		ui_put_right(rg->win, rg->y, rg->x + x, b->extra_head,
		    b->extra_w);
		x += b->extra_w;
	}
	if (x < rg->w)
		ui_put(rg->win, rg->y, rg->x + x, "", rg->w - x, 1);
	wattroff(rg->win, A_BOLD | A_UNDERLINE);
	for (y = 0; y < rows; y++) {
		r = b->top + (size_t)y;
		if (r >= b->n) {
			ui_put(rg->win, rg->y + 1 + y, rg->x,
			    r == 0 && y == 0 ? (b->results ?
			    _("(nothing found)") : _("(empty)")) : "", rg->w,
			    1);
			continue;
		}
		for (i = 0, x = 0; i < b->ncols && x < rg->w; i++) {
			const struct field_def *f = &b->ent->fields[b->cols[i]];
			char	*s;

			if (widths[i] == 0)
				continue;
			s = NULL;
			if (b->cell_fn != NULL && b->cols[i] == b->cell_pos)
				s = b->cell_fn(b->cell_arg, b->rows[r]);
			if (s == NULL)
				s = ui_format(b->app, f,
				    &b->rows[r]->v[b->cols[i]]);

			/* The cursor is the first column in reverse, not the
			 * whole row: a move then rewrites a few cells, not
			 * two whole lines (bytes over a slow link). */
			if (i == 0 && r == b->cur && focus)
				wattron(rg->win, A_REVERSE);
			cw = widths[i] < rg->w - x ? widths[i] : rg->w - x;
			if (col_right(f))
				ui_put_right(rg->win, rg->y + 1 + y, rg->x + x,
				    s, cw);
			else
				ui_put_cut(rg->win, rg->y + 1 + y, rg->x + x, s,
				    cw, 1);
			x += cw;
			if (i == 0)
				wattroff(rg->win, A_REVERSE);
			if (x < rg->w)
				x += ui_put(rg->win, rg->y + 1 + y, rg->x + x,
				    " ", 1, 1);
			free(s);
		}
		if (ew > 0 && x < xe)
			x += ui_put(rg->win, rg->y + 1 + y, rg->x + x, "",
			    xe - x, 1);
		if (ew > 0 && x == xe && (size_t)y < nshown) {
			ui_put_right(rg->win, rg->y + 1 + y, rg->x + x,
			    cells[y] != NULL ? cells[y] : "", b->extra_w);
			x += b->extra_w;
		}
		if (x < rg->w)
			ui_put(rg->win, rg->y + 1 + y, rg->x + x, "",
			    rg->w - x, 1);
	}
	while (nshown > 0)
		free(cells[--nshown]);
	free(cells);
}

/*
 * What 's' sorts by, in the order of the fields: an indexed field (the
 * server reads the rows in its order, page by page, however many), or a
 * listed enum without an index (a document's type and status: an index
 * would cost every posting a key, issue 16), whose rows are read whole
 * and sorted here, when there are at most BROWSE_ORDER_MAX of them; -1
 * for neither.
 */
#define SORT_INDEX	1
#define SORT_MEMORY	2
static int
sort_kind(const struct browse *b, size_t p)
{
	const struct field_def	*f = &b->ent->fields[p];

	if (f->flags & (FF_INDEXED|FF_UNIQUE))
		return (SORT_INDEX);
	if (f->type == FT_ENUM && (f->flags & FF_LIST))
		return (SORT_MEMORY);
	return (-1);
}

/* The next field to sort by; a sort in memory the rows are too many for
 * is passed over, and the status line says so. */
static void
browse_next_sort(struct browse *b)
{
	size_t	 i, p, start;
	int	 skipped = -1, kind;

	start = (size_t)((b->msort >= 0 ? b->msort : b->sort) + 1);
	for (i = 0; i <= b->ent->nfields; i++) {
		p = (start + i) % (b->ent->nfields + 1);
		if (p == b->ent->nfields) {
			b->sort = b->msort = -1;
			break;
		}
		if ((kind = sort_kind(b, p)) == SORT_INDEX) {
			b->sort = (int)p;
			b->msort = -1;
			break;
		}
		/* One sort in memory too many rows for: all are (the same
		 * rows). */
		if (kind != SORT_MEMORY || skipped >= 0)
			continue;
		b->sort = -1;
		b->msort = b->order = (int)p;
		b->order_desc = 0;
		browse_reload(b);
		if (!b->order_over)
			break;
		skipped = (int)p;
		b->msort = -1;
	}
	if (b->msort < 0) {
		b->order = b->order0;
		b->order_desc = b->order0_desc;
		browse_reload(b);
	}
	if (skipped >= 0)
		b->app->message(b->app, 1, _("%s: over %d rows, no sort; "
		    "sorted by %s"),
		    _(b->ent->fields[skipped].label), BROWSE_ORDER_MAX,
		    b->msort >= 0 || b->sort >= 0 ?
		    _(b->ent->fields[b->msort >= 0 ? b->msort :
		    b->sort].label) : _("creation"));
	else if (b->msort < 0 && b->sort < 0)
		b->app->message(b->app, 0, "%s", _("sorted by creation"));
	else
		b->app->message(b->app, 0, _("sorted by %s"),
		    _(b->ent->fields[b->msort >= 0 ? b->msort :
		    b->sort].label));
}

int
browse_key(struct browse *b, struct ui_region *rg, int k, unsigned *redraw)
{
	size_t	 page = rg->h > 2 ? (size_t)rg->h - 2 : 1;
	size_t	 old = b->cur;

	if (UI_KEY_DOWN(k)) {
		if (b->cur + 1 >= b->n)
			browse_fetch(b, 1);
		if (b->cur + 1 < b->n)
			b->cur++;
	} else if (UI_KEY_UP(k)) {
		if (b->cur == 0)
			browse_fetch(b, -1);
		if (b->cur > 0)
			b->cur--;
	} else if (UI_KEY_PGDN(k)) {
		if (b->cur + page >= b->n)
			browse_fetch(b, 1);
		b->cur = b->cur + page < b->n ? b->cur + page :
		    (b->n > 0 ? b->n - 1 : 0);
	} else if (UI_KEY_PGUP(k)) {
		if (b->cur < page)
			browse_fetch(b, -1);
		b->cur = b->cur > page ? b->cur - page : 0;
	} else if (UI_KEY_HOME(k)) {
		browse_reload(b);
		b->cur = b->top = 0;
	} else if (UI_KEY_END(k)) {
		if (b->results || b->order >= 0) {
			b->cur = b->n > 0 ? b->n - 1 : 0;
		} else {
			browse_clear(b);
			b->at_end = 1;
			browse_fetch(b, -1);
			b->cur = b->n > 0 ? b->n - 1 : 0;
		}
		/* The last page, not the last row alone at the top. */
		b->top = b->cur > page ? b->cur - page : 0;
	} else if (k == 's' && b->filter < 0 && !b->results) {
		browse_next_sort(b);
		*redraw |= UI_REDRAW_ALL;
		return (1);
	} else if (k == '/') {
		browse_search(b, rg);
		*redraw |= UI_REDRAW_ALL;
		return (1);
	} else if (k == UI_KEY_ESC && b->results) {
		browse_reload(b);
		b->app->message(b->app, 0, "%s", _("search cleared"));
		*redraw |= UI_REDRAW_ALL;
		return (1);
	} else
		return (0);
	*redraw |= (b->cur == old) ? 0 : (b->cur < b->top ||
	    b->cur >= b->top + page) ? UI_REDRAW_LIST : UI_REDRAW_ROW;
	if (*redraw & UI_REDRAW_ROW)
		*redraw |= UI_REDRAW_LIST;
	return (1);
}

/* --- incremental search ------------------------------------------------ */

static void
add_results(struct browse *b, const char *field, const char *q)
{
	struct record	**rows;
	size_t		 n, i, j;
	char		*cause = NULL;

	if (dict_field_pos(b->ent, field) < 0)
		return;
	if (cr_search(b->app->client, b->ent, field, q, BROWSE_SEARCH_MAX,
	    &rows, &n, &cause) != 0) {
		free(cause);
		return;
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < b->n; j++)
			if (record_id(b->rows[j]) == record_id(rows[i]))
				break;
		if (j < b->n || !filter_passes(b, rows[i]) ||
		    b->n >= BROWSE_SEARCH_MAX) {
			record_free(rows[i]);
			continue;
		}
		b->rows = xreallocarray(b->rows, b->n + 1, sizeof *b->rows);
		b->rows[b->n++] = rows[i];
	}
	free(rows);
}

static void
search_changed(void *arg, const char *q)
{
	struct browse	*b = arg;
	const char	*p;
	size_t		 i, digits = 0;
	int		 other = 0;
	char		 upper[128];

	browse_clear(b);
	b->results = 1;
	b->at_start = b->at_end = 1;
	while (*q == ' ')
		q++;
	if (*q == '\0') {
		b->results = 0;
		b->at_start = b->at_end = 0;
		b->at_start = 1;
		browse_fetch(b, 1);
		goto draw;
	}
	for (p = q; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!strchr(" +-()", *p))
			other = 1;
	}
	/* Names by word, then whatever the text looks like. */
	for (i = 0; i < b->ent->nfields; i++)
		if ((b->ent->fields[i].flags & (FF_SEARCH|FF_DIGITS)) ==
		    FF_SEARCH) {
			add_results(b, b->ent->fields[i].name, q);
			break;
		}
	for (i = 0; i < sizeof upper - 1 && q[i] != '\0'; i++)
		upper[i] = (char)toupper((unsigned char)q[i]);
	upper[i] = '\0';
	add_results(b, b->ent->fields[FX_CODE].name, upper);
	if (digits >= 3 && !other) {
		for (i = 0; i < b->ent->nfields; i++)
			if ((b->ent->fields[i].flags & FF_DIGITS) ||
			    (b->ent->fields[i].check == FC_EAN13 &&
			    dict_field_indexed(&b->ent->fields[i])))
				add_results(b, b->ent->fields[i].name, q);
		add_results(b, "inn", q);
	}
	if (strchr(q, '@') != NULL || (!digits && other))
		add_results(b, "email", q);
draw:
	b->app->message(b->app, 0, P_("/%s: %zu found", "/%s: %zu found",
	    b->n), q, b->n);
	/* The caller's line editor keeps the cursor; paint the list now. */
	{
		struct ui_region	*rg = b->app->priv;

		if (rg != NULL) {
			browse_draw(b, rg, 1);
			wnoutrefresh(rg->win);
		}
	}
}

void
browse_search(struct browse *b, struct ui_region *rg)
{
	struct ui_region	 list = *rg;
	void			*saved = b->app->priv;
	int			 k;

	list.h = rg->h - 1;
	b->app->priv = &list;
	b->query[0] = '\0';
	ui_put(rg->win, rg->y + rg->h - 1, rg->x, "/", 1, 0);
	k = ui_edit_line(rg->win, rg->y + rg->h - 1, rg->x + 1, rg->w - 1,
	    b->query, sizeof b->query, search_changed, b);
	b->app->priv = saved;
	if (k == UI_KEY_ESC) {
		browse_reload(b);
		b->app->message(b->app, 0, "%s", _("search cancelled"));
	} else if (b->results)
		b->app->message(b->app, 0, P_("/%s: %zu found (Esc: all)",
		    "/%s: %zu found (Esc: all)", b->n), b->query, b->n);
}
