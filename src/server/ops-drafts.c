/*
 * Drafts over the wire: what a clerk had on the screen, unsaved, when the
 * session ended by a hang-up.  Each signed-in user keeps, lists and drops
 * only drafts of its own login; the entity is derived (no client put),
 * so these operations are its only door.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "proto.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

#define DRAFTS_MAX	20	/* kept per login; the oldest goes first */

struct draft_arg {
	struct record	*rec;
	const char	*login;
	uint64_t	 id;
};

struct draft_ids {
	uint64_t	 ids[DRAFTS_MAX + 1];
	size_t		 n;
};

static int
draft_collect(struct tx *x, uint64_t id, void *arg)
{
	struct draft_ids	*d = arg;

	(void)x;
	if (d->n < DRAFTS_MAX + 1)
		d->ids[d->n++] = id;
	return (0);
}

static int
draft_put_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct draft_arg	*a = w->arg;
	const struct entity_def	*e = dict_entity("drafts");
	struct draft_ids	 d;
	struct value		 v;
	struct record		*r;
	int			 rc;

	/* The newest DRAFTS_MAX stay: a login cannot fill the disk. */
	memset(&d, 0, sizeof d);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)a->login;
	if ((rc = tx_find_each(x, e, dict_field_pos(e, "login"), &v, 1,
	    draft_collect, &d)) != ST_OK)
		return (rc);
	if (d.n >= DRAFTS_MAX && (rc = tx_delete(x, e, d.ids[0], 0,
	    cause)) != ST_OK)
		return (rc);
	r = record_dup(a->rec);
	if ((rc = tx_insert(x, r, cause)) == ST_OK) {
		mb_map(w->data, 1);
		mb_kstr(w->data, "code", record_str(r, FX_CODE));
	}
	record_free(r);
	return (rc);
}

/* Put a draft: screen, entity, target, rev, title, texts. */
int
op_draft_put(struct req *r, struct msgb *data, char **cause)
{
	static const char *const names[] = {
		"screen", "entity", "target", "title", "texts", NULL
	};
	const struct entity_def	*e = dict_entity("drafts");
	struct draft_arg	 a;
	char			*s, *why = NULL;
	int			 i, pos, rc;

	memset(&a, 0, sizeof a);
	a.login = r->c->login;
	a.rec = record_new(e);
	record_set_str(a.rec, dict_field_pos(e, "login"), r->c->login);
	for (i = 0; names[i] != NULL; i++) {
		pos = dict_field_pos(e, names[i]);
		if ((s = mobj_strdup(r->o, names[i])) == NULL)
			continue;
		if (text_check(s, e->fields[pos].width,
		    (e->fields[pos].flags & FF_MULTILINE) != 0, &why) != 0) {
			xasprintf(cause, _("draft: %s: %s"), names[i], why);
			free(why);
			free(s);
			record_free(a.rec);
			return (EX_DATAERR);
		}
		record_set_str(a.rec, pos, s);
		free(s);
	}
	if (!record_isset(a.rec, dict_field_pos(e, "screen"))) {
		xasprintf(cause, _("draft: the screen is missing"));
		record_free(a.rec);
		return (EX_DATAERR);
	}
	record_set_int(a.rec, dict_field_pos(e, "base_rev"),
	    mobj_int(r->o, "rev", 0));
	rc = run_write(r, data, draft_put_tx, &a, cause);
	record_free(a.rec);
	return (st_exit(rc));
}

/* The caller's drafts, oldest first. */
int
op_drafts(struct req *r, struct msgb *data, char **cause)
{
	const struct entity_def	*e = dict_entity("drafts");
	struct record		**rows;
	struct value		 v;
	size_t			 n, i, k;
	int			 pos = dict_field_pos(e, "login"), rc;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = r->c->login;
	rc = store_scan(server_store(r->c->srv), e, pos, &v, 0, 1,
	    DRAFTS_MAX + 1, &rows, &n);
	if (rc != ST_OK) {
		xasprintf(cause, _("drafts cannot be read"));
		return (st_exit(rc));
	}
	/* The scan runs on from the key: keep this login's only. */
	for (i = k = 0; i < n; i++) {
		if (strcmp(record_str(rows[i], pos), r->c->login) == 0)
			rows[k++] = rows[i];
		else
			record_free(rows[i]);
	}
	pack_rows(data, rows, k);
	return (0);
}

static int
draft_drop_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct draft_arg	*a = w->arg;
	const struct entity_def	*e = dict_entity("drafts");
	struct record		*d;
	int			 rc;

	if ((rc = tx_get(x, e, a->id, 1, &d)) != ST_OK) {
		if (rc == ST_NOTFOUND)
			return (ST_OK);		/* gone already: fine */
		return (rc);
	}
	if (strcmp(record_str(d, dict_field_pos(e, "login")), a->login) !=
	    0) {
		record_free(d);
		xasprintf(cause, _("draft %llu is not yours"),
		    (unsigned long long)a->id);
		return (ST_DENIED);
	}
	record_free(d);
	if ((rc = tx_delete(x, e, a->id, 0, cause)) == ST_OK)
		mb_int(w->data, (int64_t)a->id);
	return (rc);
}

int
op_draft_drop(struct req *r, struct msgb *data, char **cause)
{
	struct draft_arg	 a;

	memset(&a, 0, sizeof a);
	a.login = r->c->login;
	a.id = (uint64_t)mobj_int(r->o, "id", 0);
	return (st_exit(run_write(r, data, draft_drop_tx, &a, cause)));
}
