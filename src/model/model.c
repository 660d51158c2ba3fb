#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/norm.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/archive.h"
#include "model/model.h"
#include "model/production.h"
#include "xmalloc.h"

/* One line per entity that has rules of its own. */
static const struct model_def *const model_table[] = {
	&model_users,
	&model_customers,
	&model_channels,
	&model_activities,
	&model_tasks,
	&model_deal_stages,
	&model_deals,
	&model_products,
	&model_barcodes,
	&model_categories,
	&model_prices,
	&model_suppliers,
	&model_stock_limits,
	&model_stock_docs,
	&model_stock_lines,
	&model_purchase_orders,
	&model_po_lines,
	&model_quotes,
	&model_quote_lines,
	&model_sales_orders,
	&model_so_lines,
	&model_shipments,
	&model_shipment_lines,
	&model_customer_returns,
	&model_return_lines,
	&model_invoices,
	&model_invoice_lines,
	&model_payments,
	&model_company,
	&model_accounts,
	&model_archive,
	&model_work_centres,
	&model_boms,
	&model_bom_lines,
	&model_production_orders,
	&model_dash,
	&model_sales_plans,
	NULL
};

static const struct model_def *
model_find(const struct entity_def *e)
{
	const struct model_def *const	*m;

	for (m = model_table; *m != NULL; m++)
		if (strcmp((*m)->entity, e->name) == 0)
			return (*m);
	return (NULL);
}

/* Re-check a value the way value_parse() would have built it: the server
 * trusts no client. */
static int
field_check(const struct field_def *f, struct value *v, char **cause)
{
	struct value	 n;
	char		 buf[32];

	if (!v->set)
		return (0);
	switch (f->type) {
	case FT_TEXT:
	case FT_ENUM:
		if (v->s == NULL)
			goto type;
		if (value_parse(f, v->s, &n, cause) != 0)
			return (-1);
		value_free(v);
		*v = n;
		return (0);
	case FT_REF:
		return (0);
	case FT_DATE:
		if (v->s != NULL || !date_valid((int)(v->i / 10000),
		    (int)(v->i / 100 % 100), (int)(v->i % 100))) {
			snprintf(buf, sizeof buf, "%lld", (long long)v->i);
			xasprintf(cause, _("a valid date expected, got %s"),
			    buf);
			return (-1);
		}
		return (0);
	case FT_BOOL:
		if (v->s != NULL || (v->i != 0 && v->i != 1))
			goto type;
		return (0);
	default:
		if (v->s != NULL)
			goto type;
		return (value_range(f, v->i, cause));
	}
type:
	xasprintf(cause, _("a value of another type expected"));
	return (-1);
}


/* A reference as a code ("C-000001", a login) or an id: to an id of an
 * existing record. */
static int
resolve_ref(struct tx *x, const struct field_def *f, struct value *v,
    char **cause)
{
	const struct entity_def	*t = dict_entity(f->ref);
	struct value		 key;
	uint64_t		 id;
	char			*q;
	int			 rc;

	if (t == NULL)
		return (ST_ERR);
	if (v->s != NULL) {
		memset(&key, 0, sizeof key);
		key.set = 1;
		key.s = v->s;
		rc = tx_find(x, t, FX_CODE, &key, &id);
		/* Or by its number alone: "3" is C-000003. */
		if (rc == ST_NOTFOUND && (q = norm_code(t, v->s)) != NULL) {
			key.s = q;
			rc = tx_find(x, t, FX_CODE, &key, &id);
			key.s = v->s;
			free(q);
		}
		/* A product may be named by its barcode too. */
		if (rc == ST_NOTFOUND && dict_field_pos(t, "barcode") > 0)
			rc = tx_find(x, t, dict_field_pos(t, "barcode"), &key,
			    &id);
		/* A firm may be named by its INN, if only one has it. */
		if (rc == ST_NOTFOUND && dict_field_pos(t, "inn") > 0)
			rc = party_find_inn(x, t, v->s, &id, cause);
		if (rc == ST_INVALID)
			return (rc);
		if (rc == ST_DEADLOCK)
			return (rc);
		if (rc != ST_OK) {
			q = text_quote(v->s);
			xasprintf(cause, _("no %s with code %s"),
			    model_ent_word(t), q);
			free(q);
			return (ST_INVALID);
		}
		free(v->s);
		v->s = NULL;
		v->i = (int64_t)id;
		return (ST_OK);
	}
	if ((rc = tx_exists(x, t, (uint64_t)v->i)) == ST_OK)
		return (ST_OK);
	if (rc == ST_DEADLOCK)
		return (rc);
	xasprintf(cause, _("no %s with id %lld"), model_ent_word(t),
	    (long long)v->i);
	return (ST_INVALID);
}

int
model_by_hand(const struct entity_def *e, char **cause)
{
	const struct model_def	*m = model_find(e);

	if (e->flags & ENT_DERIVED) {
		xasprintf(cause, _("%s are written only by posting "
		    "documents"), model_ent_word(e));
		return (-1);
	}
	if (m != NULL && m->never_by_hand != NULL) {
		xasprintf(cause, "%s", _(m->never_by_hand));
		return (-1);
	}
	return (0);
}

int
model_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	const struct entity_def	*e = r->ent;
	const struct model_def	*m;
	size_t			 i;
	char			*why = NULL;
	int			 rc;

	if (model_by_hand(e, cause) != 0)
		return (ST_INVALID);
	m = model_find(e);
	for (i = 0; i < e->nfields; i++) {
		const struct field_def	*f = &e->fields[i];

		if (f->flags & FF_SYSTEM)
			continue;
		/* Set by the system: what the client sent is not used. */
		if (f->flags & FF_RDONLY) {
			if (old != NULL)
				record_set_value(r, (int)i, &old->v[i]);
			else
				record_clear(r, (int)i);
			continue;
		}
		if (field_check(f, &r->v[i], &why) != 0) {
			xasprintf(cause, _("column '%s': %s"), f->name, why);
			free(why);
			return (ST_INVALID);
		}
		if ((f->flags & FF_REQUIRED) && !r->v[i].set &&
		    !(i == FX_CODE && e->code_prefix != NULL) &&
		    !(m != NULL && m->defaults != NULL &&
		    m->defaults(f->name))) {
			xasprintf(cause, _("column '%s': a value is required"),
			    f->name);
			return (ST_INVALID);
		}
		if (f->type == FT_REF && r->v[i].set) {
			rc = resolve_ref(x, f, &r->v[i], &why);
			if (rc == ST_INVALID) {
				xasprintf(cause, _("column '%s': %s"), f->name,
				    why);
				free(why);
			}
			if (rc != ST_OK)
				return (rc);
		}
	}
	if (m != NULL && m->validate != NULL)
		return (m->validate(x, r, old, cause));
	return (ST_OK);
}

int
model_bulk_ok(const struct entity_def *e)
{
	const struct model_def	*m = model_find(e);
	size_t			 i;

	if (e->flags & ENT_DERIVED)
		return (0);
	if (m != NULL && (m->saved != NULL || (m->validate != NULL &&
	    !m->bulk)))
		return (0);
	for (i = 0; i < e->nfields; i++)
		if (e->fields[i].type == FT_REF &&
		    strcmp(e->fields[i].ref, e->name) == 0)
			return (0);
	return (1);
}

int
model_save(struct tx *x, struct record *r, uint32_t rev, char **cause)
{
	const struct model_def	*m = model_find(r->ent);
	struct record		*old = NULL;
	int			 rc;

	if (record_id(r) != 0) {
		rc = tx_get(x, r->ent, record_id(r), 1, &old);
		if (rc == ST_NOTFOUND) {
			xasprintf(cause, _("%s %llu does not exist (deleted?)"),
			    r->ent->name, (unsigned long long)record_id(r));
			return (rc);
		}
		if (rc != ST_OK)
			return (rc);
		/* Someone saved it meanwhile: that comes first, before
		 * any rule the change might break because of it (an order
		 * cancelled under an edit of its lines). */
		if ((rc = tx_check_rev(old, rev, cause)) != ST_OK) {
			record_free(old);
			return (rc);
		}
	}
	rc = model_validate(x, r, old, cause);
	if (rc == ST_OK)
		rc = old == NULL ? tx_insert(x, r, cause) :
		    tx_update_old(x, r, old, rev, cause);
	if (rc == ST_OK && m != NULL && m->saved != NULL)
		rc = m->saved(x, r, old, cause);
	record_free(old);
	return (rc);
}

/*
 * A reference kept without an index (FF_REFSCAN: nothing reads by it
 * but this) is looked for by a walk of its entity's records, after the
 * indexed ones: the delete of a master record is rare, the index's key
 * was written at every save.
 */
static int
still_referred_scan(struct tx *x, const struct entity_def *e, uint64_t id,
    char **cause)
{
	const struct entity_def *const	*t;
	struct record			*r;
	uint64_t			 by;
	size_t				 i;
	int				 rc;

	for (t = entity_table; *t != NULL; t++) {
		for (i = 0; i < (*t)->nfields; i++) {
			const struct field_def	*f = &(*t)->fields[i];

			if (f->type != FT_REF || strcmp(f->ref, e->name) != 0 ||
			    (f->flags & FF_INDEXED) || !(f->flags & FF_REFSCAN))
				continue;
			if ((rc = tx_first_ref(x, *t, (int)i, id, &by)) !=
			    ST_OK)
				return (rc);
			if (by == 0)
				continue;
			if ((rc = tx_get(x, *t, by, 0, &r)) != ST_OK)
				return (rc);
			xasprintf(cause, _("still referred to by %s %s (field "
			    "'%s'): delete or change that first"),
			    model_ent_word(*t), record_str(r, FX_CODE) ?
			    record_str(r, FX_CODE) : "?", f->name);
			record_free(r);
			return (ST_INVALID);
		}
	}
	return (ST_OK);
}

/* A record still referred to is not deleted: name who refers to it. */
static int
still_referred(struct tx *x, const struct entity_def *e, uint64_t id,
    char **cause)
{
	const struct entity_def *const	*t;
	struct record			*r;
	struct value			 v;
	uint64_t			 other;
	size_t				 i;
	int				 rc;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.i = (int64_t)id;
	for (t = entity_table; *t != NULL; t++) {
		for (i = 0; i < (*t)->nfields; i++) {
			const struct field_def	*f = &(*t)->fields[i];

			if (f->type != FT_REF || strcmp(f->ref, e->name) != 0 ||
			    !(f->flags & FF_INDEXED))
				continue;
			rc = tx_find(x, *t, (int)i, &v, &other);
			if (rc == ST_NOTFOUND)
				continue;
			if (rc != ST_OK)
				return (rc);
			rc = tx_get(x, *t, other, 0, &r);
			if (rc == ST_DEADLOCK)
				return (rc);
			xasprintf(cause, _("still referred to by %s %s (field "
			    "'%s'): delete or change that first"),
			    model_ent_word(*t),
			    rc == ST_OK && record_str(r, FX_CODE) ?
			    record_str(r, FX_CODE) : "?", f->name);
			if (rc == ST_OK)
				record_free(r);
			return (ST_INVALID);
		}
	}
	return (still_referred_scan(x, e, id, cause));
}

int
model_delete(struct tx *x, const struct entity_def *e, uint64_t id,
    uint32_t rev, char **cause)
{
	const struct model_def	*m = model_find(e);
	struct record		*r;
	int			 rc;

	/* A rule for everyone, not a permission (model_by_hand). */
	if (e->flags & ENT_DERIVED) {
		xasprintf(cause, _("%s are never deleted: post a "
		    "reversing document"), model_ent_word(e));
		return (ST_INVALID);
	}
	if (m != NULL && m->cascade != NULL &&
	    (rc = m->cascade(x, e, id, cause)) != ST_OK)
		return (rc);
	if ((rc = still_referred(x, e, id, cause)) != ST_OK)
		return (rc);

	if (m != NULL && m->can_delete != NULL) {
		if ((rc = tx_get(x, e, id, 1, &r)) != ST_OK) {
			if (rc == ST_NOTFOUND)
				xasprintf(cause, _("%s %llu does not exist"),
				    e->name, (unsigned long long)id);
			return (rc);
		}
		rc = m->can_delete(x, r, cause);
		record_free(r);
		if (rc != ST_OK)
			return (rc);
	}
	return (tx_delete(x, e, id, rev, cause));
}

/* Records found to exist, by entity and id: a direct-mapped set, so
 * that the thousands of moves naming one document or product read it
 * once, not once each. */
#define REFS_SEEN	4096

struct refs_check {
	struct store	*st;
	struct buf	*report;
	int		 bad;
	struct {
		const struct entity_def	*ent;
		uint64_t		 id;
	}		 seen[REFS_SEEN];
};

static int
check_refs_of(const struct record *r, void *arg)
{
	struct refs_check	*rc = arg;
	struct record		*t;
	size_t			 j;

	for (j = 0; j < r->ent->nfields; j++) {
		const struct field_def	*f = &r->ent->fields[j];
		const struct entity_def	*te;
		uint64_t		 id;
		size_t			 h;

		if (f->type != FT_REF || !record_isset(r, (int)j))
			continue;
		te = dict_entity(f->ref);
		id = (uint64_t)record_int(r, (int)j);
		h = (size_t)((id * 0x9e3779b97f4a7c15ULL) >> 52) ^
		    ((uintptr_t)te >> 4);
		h &= REFS_SEEN - 1;
		if (rc->seen[h].ent == te && rc->seen[h].id == id)
			continue;
		if (store_get(rc->st, te, id, &t) == ST_OK) {
			record_free(t);
			rc->seen[h].ent = te;
			rc->seen[h].id = id;
			continue;
		}
		buf_printf(rc->report, _("%s %s: %s %lld does not exist\n"),
		    r->ent->name, record_str(r, FX_CODE) ?
		    record_str(r, FX_CODE) : "?", f->name,
		    (long long)record_int(r, (int)j));
		rc->bad++;
	}
	return (0);
}

/* Every reference of every record points at a record that exists. */
static int
check_refs(struct store *st, struct buf *report)
{
	const struct entity_def *const	*e;
	struct refs_check		*rc;
	int				 bad;

	rc = xcalloc(1, sizeof *rc);
	rc->st = st;
	rc->report = report;
	for (e = entity_table; *e != NULL; e++)
		if (store_each(st, *e, check_refs_of, rc) != ST_OK) {
			buf_printf(report, _("%s: cannot be read\n"),
			    (*e)->name);
			rc->bad++;
		}
	bad = rc->bad;
	free(rc);
	return (bad);
}

int
model_check(struct store *st, struct buf *report)
{
	const struct model_def *const	*m;
	int				 bad = check_refs(st, report);

	for (m = model_table; *m != NULL; m++)
		if ((*m)->check != NULL && (*m)->check(st, report) != 0)
			bad++;
	return (bad == 0 ? 0 : -1);
}

struct check_run {
	struct model_check_one	 one;
	struct buf		 found;
	int			(*fn)(struct tx *, struct model_check_one *,
				    char **);
};

static int
check_run_tx(struct tx *x, void *arg, char **cause)
{
	struct check_run	*c = arg;

	buf_free(&c->found);
	memset(&c->found, 0, sizeof c->found);
	c->one.report = &c->found;
	c->one.bad = 0;
	return (c->fn(x, &c->one, cause));
}

int
model_check_each(struct store *st, const char *what, const uint64_t *ids,
    size_t n, int (*fn)(struct tx *, struct model_check_one *, char **),
    void *ctx, struct buf *report)
{
	struct check_run	 c;
	char			*cause = NULL;
	size_t			 i;
	int			 bad = 0;

	for (i = 0; i < n; i++) {
		memset(&c, 0, sizeof c);
		c.one.id = ids[i];
		c.one.ctx = ctx;
		c.fn = fn;
		if (store_run(st, "check", "-", check_run_tx, &c, &cause) !=
		    ST_OK) {
			buf_printf(report, _("%s %llu: cannot be read: %s\n"),
			    what, (unsigned long long)ids[i],
			    cause != NULL ? cause : "?");
			bad++;
		} else if (c.one.bad != 0) {
			buf_add(report, c.found.data, c.found.len);
			bad += c.one.bad;
		}
		free(cause);
		cause = NULL;
		buf_free(&c.found);
	}
	return (bad);
}

const char *
model_ent_word(const struct entity_def *e)
{
	const char	*t = _(e->title);

	return (t != e->title ? t : e->name);
}

char *
model_ref_code(struct store *st, const struct field_def *f, int64_t id)
{
	const struct entity_def	*t = dict_entity(f->ref);
	struct record		*r;
	char			*s;

	if (t != NULL && store_get(st, t, (uint64_t)id, &r) == ST_OK) {
		s = xstrdup(record_str(r, FX_CODE) ? record_str(r, FX_CODE) :
		    "");
		record_free(r);
		return (s);
	}
	xasprintf(&s, "%lld", (long long)id);
	return (s);
}

void
model_ref_names(struct store *st, const struct field_def *f, int64_t id,
    char **code, char **name)
{
	const struct entity_def	*t = dict_entity(f->ref);
	struct record		*r;
	const char		*s;
	int			 pos;

	*name = NULL;
	if (t == NULL || store_get(st, t, (uint64_t)id, &r) != ST_OK) {
		xasprintf(code, "%lld", (long long)id);
		return;
	}
	*code = xstrdup(record_str(r, FX_CODE) ? record_str(r, FX_CODE) : "");
	if ((pos = dict_name_pos(t)) >= 0 && (s = record_str(r, pos)) !=
	    NULL && *s != '\0')
		*name = xstrdup(s);
	record_free(r);
}
