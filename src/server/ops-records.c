/*
 * Records: get, put and delete one, scan and search a table (with the
 * codes of the records they refer to, and the names a list shows), count
 * it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "auth.h"
#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/model.h"
#include "proto.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

#define PAGE_MAX	1000	/* rows in one scan answer */

static void	pack_ref_codes(struct req *, struct store *, struct msgb *,
		    struct record **, size_t);

int
op_get(struct req *r, struct msgb *data, char **cause)
{
	struct store		*st = server_store(r->c->srv);
	const struct entity_def	*e;
	struct record		*rec;
	struct value		 key;
	char			*code;
	int			 rc, limited;

	if ((e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
	if (!read_allowed(r, e, &limited, cause))
		return (EX_NOPERM);
	if ((code = mobj_strdup(r->o, "code")) != NULL) {
		memset(&key, 0, sizeof key);
		key.set = 1;
		key.s = code;
		rc = store_lookup(st, e, FX_CODE, &key, &rec);
	} else
		rc = store_get(st, e, (uint64_t)mobj_int(r->o, "id", 0), &rec);
	if (rc != ST_OK) {
		if (rc == ST_NOTFOUND && code != NULL)
			xasprintf(cause, _("%s: no record with code %s"),
			    _(e->title), code);
		else if (rc == ST_NOTFOUND)
			xasprintf(cause, _("%s: no record with id %lld"),
			    _(e->title),
			    (long long)mobj_int(r->o, "id", 0));
		free(code);
		return (st_exit(rc));
	}
	free(code);
	if (limited)
		record_keep_public(rec);
	pack_record(data, rec);
	record_free(rec);
	return (0);
}

struct put_arg {
	const struct entity_def	*e;
	const char		*p;
	size_t			 len;
	uint32_t		 rev;
};

static int
put_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct put_arg	*a = w->arg;
	struct record	*rec;
	int		 rc;

	if ((rc = req_decode(NULL, x, a->e, a->p, a->len, &rec, cause)) !=
	    ST_OK)
		return (rc);
	if ((rc = model_save(x, rec, a->rev, cause)) == ST_OK) {
		mb_map(w->data, 3);
		mb_kint(w->data, "id", (int64_t)record_id(rec));
		mb_kint(w->data, "rev", record_rev(rec));
		mb_kstr(w->data, "code", record_str(rec, FX_CODE));
	}
	record_free(rec);
	return (rc);
}

int
op_put(struct req *r, struct msgb *data, char **cause)
{
	struct put_arg	 a;
	struct record	*probe;
	int		 rc;

	memset(&a, 0, sizeof a);
	if ((a.e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
	if (mobj_bin(r->o, "rec", &a.p, &a.len) != 0) {
		xasprintf(cause, _("no record sent"));
		return (EX_DATAERR);
	}
	/* Refused whole before any transaction, when it is not valid. */
	if ((rc = req_decode(server_store(r->c->srv), NULL, a.e, a.p, a.len,
	    &probe, cause)) != ST_OK)
		return (st_exit(rc));
	rc = record_id(probe) == 0 ? ACT_CREATE : ACT_EDIT;
	record_free(probe);
	if (!allowed(r, a.e->area, (unsigned)rc, cause))
		return (EX_NOPERM);
	a.rev = (uint32_t)mobj_int(r->o, "rev", 0);
	rc = run_write(r, data, put_tx, &a, cause);
	if (rc == ST_OK && strcmp(a.e->name, "users") == 0)
		users_changed(r->c->srv);
	return (st_exit(rc));
}

struct del_arg {
	const struct entity_def	*e;
	uint64_t		 id;
	uint32_t		 rev;
};

static int
del_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct del_arg	*a = w->arg;
	int		 rc;

	if ((rc = model_delete(x, a->e, a->id, a->rev, cause)) == ST_OK)
		mb_int(w->data, (int64_t)a->id);
	return (rc);
}

int
op_delete(struct req *r, struct msgb *data, char **cause)
{
	struct del_arg	 a;

	if ((a.e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
	if (!allowed(r, a.e->area, ACT_DELETE, cause))
		return (EX_NOPERM);
	a.id = (uint64_t)mobj_int(r->o, "id", 0);
	a.rev = (uint32_t)mobj_int(r->o, "rev", 0);
	return (st_exit(run_write(r, data, del_tx, &a, cause)));
}

int
op_scan(struct req *r, struct msgb *data, char **cause)
{
	struct store		*st = server_store(r->c->srv);
	const struct entity_def	*e;
	const msgpack_object	*from;
	struct record		**rows;
	struct value		 v;
	size_t			 n, limit;
	char			*idx, *s, *why = NULL;
	int			 pos = -1, rc, dir, limited;

	if ((e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
	if (!read_allowed(r, e, &limited, cause))
		return (EX_NOPERM);
	if ((idx = mobj_strdup(r->o, "index")) != NULL &&
	    strcmp(idx, "id") != 0) {
		pos = dict_field_pos(e, idx);
		if (pos < 0 || !(e->fields[pos].flags &
		    (FF_INDEXED|FF_UNIQUE)) || (limited &&
		    !(e->fields[pos].flags & FF_PUBLIC))) {
			xasprintf(cause, _("%s has no index '%s'"),
			    e->name, idx);
			free(idx);
			return (EX_DATAERR);
		}
	}
	free(idx);
	memset(&v, 0, sizeof v);
	from = mobj_get(r->o, "from");
	if (mobj_is_str(from) && pos >= 0) {
		s = mobj_dup(from);
		if (e->fields[pos].type == FT_TEXT ||
		    e->fields[pos].type == FT_ENUM) {
			v.set = 1;
			v.s = s;
		} else {
			if (value_parse(&e->fields[pos], s, &v, &why) != 0) {
				xasprintf(cause, _("from: %s"), why);
				free(why);
				free(s);
				return (EX_DATAERR);
			}
			free(s);
		}
	} else if (from != NULL && (from->type ==
	    MSGPACK_OBJECT_POSITIVE_INTEGER || from->type ==
	    MSGPACK_OBJECT_NEGATIVE_INTEGER)) {
		v.set = 1;
		v.i = mobj_int(r->o, "from", 0);
	}
	dir = mobj_int(r->o, "dir", 1) < 0 ? -1 : 1;
	limit = (size_t)mobj_int(r->o, "limit", 50);
	if (limit == 0 || limit > PAGE_MAX)
		limit = PAGE_MAX;
	rc = store_scan(st, e, pos, &v, (uint64_t)mobj_int(r->o, "from_id", 0),
	    dir, limit, &rows, &n);
	value_free(&v);
	if (rc != ST_OK) {
		xasprintf(cause, _("%s: the list cannot be read"), e->name);
		return (st_exit(rc));
	}
	if (limited)
		rows_keep_public(rows, n);
	if (!mobj_int(r->o, "refs", 0)) {
		pack_rows(data, rows, n);
		return (0);
	}
	/* With the codes of the references in the rows: a list's page is
	 * one request, not one more per product or warehouse shown. */
	mb_map(data, 2);
	mb_str(data, "refs");
	pack_ref_codes(r, st, data, rows, n);
	mb_str(data, "rows");
	pack_rows(data, rows, n);	/* frees them */
	return (0);
}

/*
 * [entity, id, code] for each distinct reference in rows; where a field
 * shows it by name (FF_BYNAME: a customer, a supplier, a person), [entity,
 * id, code, name], the name nil where there is none or the caller may not
 * read it.  The list's page, its codes and its names: one answer.
 */
static void
pack_ref_codes(struct req *r, struct store *st, struct msgb *data,
    struct record **rows, size_t n)
{
	struct {
		const struct field_def	*f;
		int64_t			 id;
		int			 byname;
	}		*seen = NULL;
	size_t		 nseen = 0, i, j, k;
	const struct entity_def	*e = n > 0 ? rows[0]->ent : NULL;
	char		*code, *name;

	for (i = 0; i < n; i++)
		for (j = 0; j < e->nfields; j++) {
			const struct field_def	*f = &e->fields[j];
			int64_t			 id;

			if (f->type != FT_REF || !record_isset(rows[i],
			    (int)j))
				continue;
			id = record_int(rows[i], (int)j);
			for (k = 0; k < nseen; k++)
				if (strcmp(seen[k].f->ref, f->ref) == 0 &&
				    seen[k].id == id)
					break;
			if (k == nseen) {
				seen = xreallocarray(seen, nseen + 1,
				    sizeof *seen);
				seen[nseen].f = f;
				seen[nseen].id = id;
				seen[nseen].byname = 0;
				nseen++;
			}
			if (f->flags & FF_BYNAME)
				seen[k].byname = 1;
		}
	mb_array(data, nseen);
	for (k = 0; k < nseen; k++) {
		if (!seen[k].byname) {
			code = model_ref_code(st, seen[k].f, seen[k].id);
			name = NULL;
		} else
			model_ref_names(st, seen[k].f, seen[k].id, &code,
			    &name);
		mb_array(data, seen[k].byname ? 4 : 3);
		mb_str(data, seen[k].f->ref);
		mb_int(data, seen[k].id);
		mb_str(data, code);
		if (seen[k].byname) {
			if (name != NULL && name_readable(r,
			    dict_entity(seen[k].f->ref)))
				mb_str(data, name);
			else
				mb_nil(data);
		}
		free(code);
		free(name);
	}
	free(seen);
}

int
op_search(struct req *r, struct msgb *data, char **cause)
{
	struct store		*st = server_store(r->c->srv);
	const struct entity_def	*e;
	struct record		**rows;
	char			*field, *prefix;
	size_t			 n, limit;
	int			 pos, rc, limited;

	if ((e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
	if (!read_allowed(r, e, &limited, cause))
		return (EX_NOPERM);
	field = mobj_strdup(r->o, "field");
	prefix = mobj_strdup(r->o, "prefix");
	pos = field != NULL ? dict_field_pos(e, field) : -1;
	if (pos < 0 || !dict_field_indexed(&e->fields[pos]) ||
	    prefix == NULL || (limited &&
	    !(e->fields[pos].flags & FF_PUBLIC))) {
		xasprintf(cause, _("%s cannot be searched by '%s'"), e->name,
		    field ? field : "");
		free(field);
		free(prefix);
		return (EX_DATAERR);
	}
	limit = (size_t)mobj_int(r->o, "limit", 50);
	if (limit == 0 || limit > PAGE_MAX)
		limit = PAGE_MAX;
	rc = store_search(st, e, pos, (e->fields[pos].flags & FF_SEARCH) != 0,
	    prefix, limit, &rows, &n);
	free(field);
	free(prefix);
	if (rc != ST_OK) {
		xasprintf(cause, _("%s: search failed"), e->name);
		return (st_exit(rc));
	}
	if (limited)
		rows_keep_public(rows, n);
	pack_rows(data, rows, n);
	return (0);
}

int
op_count(struct req *r, struct msgb *data, char **cause)
{
	const struct entity_def	*e;

	if ((e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
	if (!allowed(r, e->area, ACT_VIEW, cause))
		return (EX_NOPERM);
	mb_int(data, (int64_t)store_count(server_store(r->c->srv), e));
	return (0);
}
