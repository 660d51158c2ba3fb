/*
 * The archive over the wire: a file attached by hand to a customer or a
 * document, sent in parts (a request is at most PROTO_MAX_REQUEST, a
 * file up to the company's limit) and stored with its entry in one
 * transaction; an entry, its bytes a part at a time, and the entries of
 * a record.  Attaching needs the right to edit in the record's area,
 * reading the right to view it: the archive of an invoice is the
 * invoice's readers', whoever made it.
 */
#include "config.h"

#include <nettle/sha2.h>
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
#include "model/archive.h"
#include "proto.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

#define ARCHIVE_READ_MAX	(4u << 20)	/* bytes of one read */
#define ARCHIVE_LIST_MAX	2000		/* entries of one record */

/* An upload under way on a connection: what attach_begin announced,
 * and the bytes so far. */
struct attach_state {
	const struct entity_def	*ent;		/* the target's */
	uint64_t		 id;
	char			*code;
	char			*name;
	char			*note;
	uint64_t		 size;
	char			*buf;
	uint64_t		 got;
	struct sha256_ctx	 ctx;
};

static void
attach_free(struct attach_state *a)
{
	if (a == NULL)
		return;
	free(a->code);
	free(a->name);
	free(a->note);
	free(a->buf);
	free(a);
}

void
attach_done(struct conn *c)
{
	attach_free(c->att);
	c->att = NULL;
}

int
archive_readable(struct req *r, const struct entity_def *e, char **cause)
{
	if (e == NULL) {
		if (cause != NULL)
			xasprintf(cause, _("the archive entry is of an entity "
			    "this server does not know"));
		return (0);
	}
	if (auth_allowed(r->c->roles, e->area, ACT_VIEW))
		return (1);
	if ((e->flags & ENT_SHIPPING_READS) && auth_allowed(r->c->roles,
	    "shipping", ACT_VIEW))
		return (1);
	if (cause == NULL)
		return (0);
	return (allowed(r, e->area, ACT_VIEW, cause));
}

/* The record the request's "target" names; an exit code and *cause when
 * there is none. */
static int
req_target(struct req *r, struct record **out, char **cause)
{
	char	*code, *q;
	int	 rc;

	if ((code = mobj_strdup(r->o, "target")) == NULL || *code == '\0') {
		free(code);
		xasprintf(cause, _("a customer's or a document's code "
		    "expected"));
		return (EX_USAGE);
	}
	rc = archive_target(server_store(r->c->srv), code, out);
	if (rc == ST_NOTFOUND) {
		q = text_quote(code);
		xasprintf(cause, _("no customer or document with code %s"), q);
		free(q);
	} else if (rc != ST_OK)
		xasprintf(cause, _("%s cannot be read now"), code);
	free(code);
	return (st_exit(rc));
}

int
op_attach_begin(struct req *r, struct msgb *data, char **cause)
{
	const struct entity_def	*ae = dict_entity("archive");
	struct attach_state	*a;
	struct record		*t;
	char			*why = NULL, limit[32], size[32];
	uint64_t		 max;
	int64_t			 n;
	int			 rc;

	attach_done(r->c);
	if ((rc = req_target(r, &t, cause)) != 0)
		return (rc);
	if (!allowed(r, t->ent->area, ACT_EDIT, cause)) {
		record_free(t);
		return (EX_NOPERM);
	}
	a = xcalloc(1, sizeof *a);
	a->ent = t->ent;
	a->id = record_id(t);
	a->code = xstrdup(record_str(t, FX_CODE));
	record_free(t);
	a->name = mobj_strdup(r->o, "name");
	a->note = mobj_strdup(r->o, "note");
	if (a->note != NULL && *a->note == '\0') {
		free(a->note);
		a->note = NULL;
	}
	n = mobj_int(r->o, "size", -1);
	if (a->name == NULL || *a->name == '\0' || text_check(a->name,
	    ae->fields[dict_field_pos(ae, "name")].width, 0, &why) != 0) {
		xasprintf(cause, _("the file's name: %s"), why != NULL ? why :
		    _("a name expected"));
		rc = EX_DATAERR;
	} else if (a->note != NULL && text_check(a->note,
	    ae->fields[dict_field_pos(ae, "note")].width, 0, &why) != 0) {
		xasprintf(cause, _("--note: %s"), why);
		rc = EX_DATAERR;
	} else if (n < 0) {
		xasprintf(cause, _("the file's size expected"));
		rc = EX_USAGE;
	} else if ((uint64_t)n > (max = archive_max_bytes(
	    server_store(r->c->srv)))) {
		size_format((uint64_t)n, size, sizeof size);
		size_format(max, limit, sizeof limit);
		xasprintf(cause, _("%s is %s (%lld bytes): larger than an "
		    "attachment may be, %s (%llu bytes; an administrator sets "
		    "it: kontor company --set attach_max_kb=N)"), a->name,
		    size, (long long)n, limit, (unsigned long long)max);
		rc = EX_DATAERR;
	}
	free(why);
	if (rc != 0) {
		attach_free(a);
		return (rc);
	}
	a->size = (uint64_t)n;
	a->buf = xmalloc(a->size > 0 ? a->size : 1);
	sha256_init(&a->ctx);
	r->c->att = a;
	mb_map(data, 3);
	mb_kstr(data, "entity", a->ent->name);
	mb_kstr(data, "code", a->code);
	mb_kint(data, "part", ARCHIVE_READ_MAX);
	return (0);
}

int
op_attach_part(struct req *r, struct msgb *data, char **cause)
{
	struct attach_state	*a = r->c->att;
	const char		*p;
	size_t			 len;
	int64_t			 off = mobj_int(r->o, "off", -1);

	if (a == NULL) {
		xasprintf(cause, _("the attachment was cut off (the "
		    "connection was lost?); nothing was stored: run it "
		    "again"));
		return (EX_TEMPFAIL);
	}
	if (mobj_bin(r->o, "bytes", &p, &len) != 0 || off < 0 ||
	    (uint64_t)off != a->got || len > a->size - a->got) {
		xasprintf(cause, _("the attachment's parts came out of order "
		    "or too many; nothing was stored"));
		attach_done(r->c);
		return (EX_PROTOCOL);
	}
	memcpy(a->buf + a->got, p, len);
	sha256_update(&a->ctx, len, (const uint8_t *)p);
	a->got += len;
	mb_kint(data, "got", (int64_t)a->got);
	return (0);
}

struct attach_tx {
	struct attach_state	*a;
	const char		*login;
};

static int
attach_commit_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct attach_tx	*at = w->arg;
	struct attach_state	*a = at->a;
	struct archive_item	 it;
	struct record		*t, *e;
	uint64_t		 id;
	int			 rc;

	if ((rc = tx_get(x, a->ent, a->id, 0, &t)) != ST_OK) {
		if (rc == ST_NOTFOUND)
			xasprintf(cause, _("%s was deleted meanwhile; nothing "
			    "was stored"), a->code);
		return (rc);
	}
	memset(&it, 0, sizeof it);
	it.kind = ARCHIVE_ATTACHMENT;
	it.target = t;
	it.name = a->name;
	it.note = a->note;
	it.bytes = a->buf;
	it.len = (size_t)a->size;
	rc = archive_put(x, &it, &id, cause);
	record_free(t);
	if (rc != ST_OK)
		return (rc);
	if ((rc = tx_get(x, dict_entity("archive"), id, 0, &e)) != ST_OK)
		return (rc);
	mb_map(w->data, 4);
	mb_kint(w->data, "id", (int64_t)id);
	mb_kstr(w->data, "code", record_str(e, FX_CODE));
	mb_kstr(w->data, "doc", a->code);
	mb_kint(w->data, "sends", record_int(e, dict_field_pos(e->ent,
	    "sends")));
	record_free(e);
	return (ST_OK);
}

int
op_attach_commit(struct req *r, struct msgb *data, char **cause)
{
	struct attach_state	*a = r->c->att;
	struct attach_tx	 at;
	unsigned char		 got[ARCHIVE_SHA_LEN], want[ARCHIVE_SHA_LEN];
	char			*hex;
	int			 rc;

	if (a == NULL) {
		xasprintf(cause, _("the attachment was cut off (the "
		    "connection was lost?); nothing was stored: run it "
		    "again"));
		return (EX_TEMPFAIL);
	}
	if (a->got != a->size) {
		xasprintf(cause, _("the attachment ended after %llu bytes of "
		    "%llu; nothing was stored"), (unsigned long long)a->got,
		    (unsigned long long)a->size);
		attach_done(r->c);
		return (EX_DATAERR);
	}
	/* The client's hash of what it read: what came is what it sent. */
	hex = mobj_strdup(r->o, "sha256");
	sha256_digest(&a->ctx, SHA256_DIGEST_SIZE, got);
	if (archive_unhex(hex, want) != 0 || memcmp(got, want,
	    ARCHIVE_SHA_LEN) != 0) {
		free(hex);
		xasprintf(cause, _("the attachment's bytes do not match its "
		    "SHA-256 (changed while it was sent?); nothing was "
		    "stored"));
		attach_done(r->c);
		return (EX_DATAERR);
	}
	free(hex);
	/* The rights as they are now: they may have changed since begin. */
	if (!allowed(r, a->ent->area, ACT_EDIT, cause)) {
		attach_done(r->c);
		return (EX_NOPERM);
	}
	at.a = a;
	at.login = r->c->login;
	rc = run_write(r, data, attach_commit_tx, &at, cause);
	attach_done(r->c);
	return (st_exit(rc));
}

/* The entry the request's "id" names (a number or a code), if the
 * caller may read it; an exit code and *cause otherwise. */
static int
req_entry(struct req *r, struct record **out, char **cause)
{
	const struct entity_def	*e;
	const msgpack_object	*o = mobj_get(r->o, "id");
	char			*id = NULL, *q;
	int			 rc;

	if (o != NULL && o->type == MSGPACK_OBJECT_POSITIVE_INTEGER)
		xasprintf(&id, "%llu", (unsigned long long)o->via.u64);
	else
		id = mobj_strdup(r->o, "id");
	if (id == NULL || *id == '\0') {
		free(id);
		xasprintf(cause, _("an archive id expected"));
		return (EX_USAGE);
	}
	rc = archive_get(server_store(r->c->srv), id, out);
	if (rc != ST_OK) {
		q = text_quote(id);
		if (rc == ST_NOTFOUND)
			xasprintf(cause, _("no archive entry %s"), q);
		else
			xasprintf(cause, _("archive entry %s cannot be read "
			    "now"), q);
		free(q);
		free(id);
		return (st_exit(rc));
	}
	free(id);
	e = dict_entity(record_str(*out, dict_field_pos((*out)->ent,
	    "entity")));
	if (!archive_readable(r, e, cause)) {
		record_free(*out);
		*out = NULL;
		return (EX_NOPERM);
	}
	return (0);
}

int
op_archive_get(struct req *r, struct msgb *data, char **cause)
{
	struct record	*e;
	int		 rc;

	if ((rc = req_entry(r, &e, cause)) != 0)
		return (rc);
	mb_map(data, 1);
	mb_str(data, "rec");
	pack_record(data, e);
	record_free(e);
	return (0);
}

int
op_archive_read(struct req *r, struct msgb *data, char **cause)
{
	struct record	*e;
	char		*buf;
	int64_t		 off = mobj_int(r->o, "off", 0);
	int64_t		 len = mobj_int(r->o, "len", ARCHIVE_READ_MAX);
	size_t		 got;
	int		 rc;

	if ((rc = req_entry(r, &e, cause)) != 0)
		return (rc);
	if (off < 0 || len <= 0)
		len = 0;
	if (len > ARCHIVE_READ_MAX)
		len = ARCHIVE_READ_MAX;
	buf = xmalloc(len > 0 ? (size_t)len : 1);
	rc = len > 0 ? archive_read(server_store(r->c->srv), e, (uint64_t)off,
	    buf, (size_t)len, &got) : ST_OK;
	if (len == 0)
		got = 0;
	if (rc == ST_NOTFOUND)
		xasprintf(cause, _("the bytes of archive entry %s are missing "
		    "(kontor check tells more)"), record_str(e, FX_CODE));
	else if (rc != ST_OK)
		xasprintf(cause, _("the bytes of archive entry %s cannot be "
		    "read now"), record_str(e, FX_CODE));
	else {
		mb_map(data, 2);
		mb_kint(data, "size", record_int(e, dict_field_pos(e->ent,
		    "size")));
		mb_str(data, "bytes");
		mb_bin(data, buf, got);
	}
	free(buf);
	record_free(e);
	return (st_exit(rc));
}

int
op_archive_list(struct req *r, struct msgb *data, char **cause)
{
	const struct entity_def	*ae = dict_entity("archive");
	struct record		*t, **rows;
	size_t			 n, i, k;
	int			 rc, epos = dict_field_pos(ae, "entity");

	if ((rc = req_target(r, &t, cause)) != 0)
		return (rc);
	if (!archive_readable(r, t->ent, cause)) {
		record_free(t);
		return (EX_NOPERM);
	}
	rc = archive_list(server_store(r->c->srv), t->ent, record_id(t),
	    ARCHIVE_LIST_MAX, &rows, &n);
	if (rc != ST_OK) {
		xasprintf(cause, _("the archive of %s cannot be read now"),
		    record_str(t, FX_CODE));
		record_free(t);
		return (st_exit(rc));
	}
	/* A customer's: only of documents the caller may read. */
	for (i = k = 0; i < n; i++) {
		if (archive_readable(r, dict_entity(record_str(rows[i], epos)),
		    NULL))
			rows[k++] = rows[i];
		else
			record_free(rows[i]);
	}
	mb_map(data, 3);
	mb_kstr(data, "entity", t->ent->name);
	mb_kstr(data, "code", record_str(t, FX_CODE));
	mb_str(data, "rows");
	pack_rows(data, rows, k);
	record_free(t);
	return (0);
}
