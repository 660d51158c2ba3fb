/*
 * What the operations share: the answer frame (respond), the permission
 * checks, the write run in one transaction remembered by request id, and
 * the packing and decoding of records.  It calls only down (the server's
 * accessors, the store), never an operation.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "auth.h"
#include "db/store.h"
#include "dict/codec.h"
#include "dict/dict.h"
#include "dict/norm.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "log.h"
#include "model/sales.h"
#include "model/stock.h"
#include "proto.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

#define ERR_MAX		1024	/* bytes of an error message sent */

/* ST_* to the exit code the client reports. */
int
st_exit(int st)
{
	switch (st) {
	case ST_OK:		return (0);
	case ST_NOTFOUND:	return (EX_NOINPUT);
	case ST_EXISTS:
	case ST_INVALID:	return (EX_DATAERR);
	case ST_CONFLICT:
	case ST_BUSY:
	case ST_FULL:
	case ST_DEADLOCK:	return (EX_TEMPFAIL);
	case ST_DENIED:		return (EX_NOPERM);
	default:		return (EX_SOFTWARE);
	}
}

/*
 * What a refusal naming a column starts the name with: "column '" as
 * English says it, or as the session's language does (the words of
 * "column '%s': %s" before the name, «колонка '»).  Its length.
 */
size_t
column_words(int translated, char *buf, size_t size)
{
	const char	*fmt = "column '%s': %s";	/* i18n: no */
	size_t		 n;

	if (translated)
		fmt = _("column '%s': %s");
	n = strcspn(fmt, "%");
	snprintf(buf, size, "%.*s", (int)n, fmt);
	return (strlen(buf));
}

/* The column a refusal names first, in English or in the session's
 * language: its wire name in buf, or 0. */
static int
cause_field(const char *err, char *buf, size_t size)
{
	char		 words[64];
	const char	*p, *best = NULL;
	size_t		 n, len;
	int		 t;

	for (t = 0; t < 2; t++) {
		n = column_words(t, words, sizeof words);
		if (n == 0 || (p = strstr(err, words)) == NULL)
			continue;
		if (best == NULL || p + n < best)
			best = p + n;
	}
	if (best == NULL)
		return (0);
	len = strspn(best, "abcdefghijklmnopqrstuvwxyz0123456789_");
	if (len == 0 || best[len] != '\'' || len >= size)
		return (0);
	memcpy(buf, best, len);
	buf[len] = '\0';
	return (1);
}

/* Whether a refusal starts as fmt does up to its first argument, in
 * English or in the session's language. */
static int
cause_starts(const char *err, const char *fmt)
{
	const char	*t = _(fmt);

	return ((strcspn(fmt, "%") > 0 && strncmp(err, fmt,
	    strcspn(fmt, "%")) == 0) || (strcspn(t, "%") > 0 &&
	    strncmp(err, t, strcspn(t, "%")) == 0));
}

int
respond(struct req *r, int rc, const char *err, int more, const char *data,
    size_t dlen)
{
	struct msgb	 m;
	const char	*refusal = NULL;
	char		 field[64];
	int		 sent, has_field = 0;

	if (err != NULL && rc != 0) {
		has_field = cause_field(err, field, sizeof field);
		if (rc == st_exit(ST_CONFLICT) && r->st == ST_CONFLICT)
			refusal = "conflict";
		else if (rc == st_exit(ST_INVALID) && cause_starts(err,
		    stock_over_receipt))
			refusal = "over-receipt";
		else if (rc == st_exit(ST_INVALID) && cause_starts(err,
		    sales_over_shipment))
			refusal = "over-shipment";
	}
	mb_init(&m);
	mb_map(&m, 5 + (has_field != 0) + (refusal != NULL));
	mb_kint(&m, "rid", (int64_t)r->rid);
	mb_kint(&m, "rc", rc);
	if (err != NULL) {
		/* Messages echo what clients sent: never raw, never long. */
		char	*safe = text_escape(err, ERR_MAX);

		mb_kstr(&m, "err", safe);
		free(safe);
	} else
		mb_kstr(&m, "err", NULL);
	if (has_field)
		mb_kstr(&m, "field", field);
	if (refusal != NULL)
		mb_kstr(&m, "refusal", refusal);
	mb_kbool(&m, "more", more);
	mb_str(&m, "data");
	if (data != NULL && dlen != 0)
		msgpack_sbuffer_write(&m.sb, data, dlen);
	else
		mb_nil(&m);
	if ((sent = conn_send(r->c, m.sb.data, m.sb.size)) != 0)
		log_debug("session %llu: send: %s",
		    (unsigned long long)r->c->sid, strerror(errno));
	mb_free(&m);
	return (sent);
}

/* A permission check, with the refusal logged and worded for a person. */
int
allowed(struct req *r, const char *area, unsigned act, char **cause)
{
	char	*roles;

	if (auth_allowed(r->c->roles, area, act))
		return (1);
	roles = auth_roles_format(r->c->roles);
	xasprintf(cause, _("permission denied: %s (roles %s) may not %s in %s "
	    "(%s)"), r->c->login, roles, auth_action_title(act), area,
	    auth_area_title(area));
	server_log_refusal(r->c->srv, r->c->uid, "refused: %s (uid %ld) %s: "
	    "may not %s in %s", r->c->login, (long)r->c->uid, r->op,
	    auth_action_name(act), area);
	free(roles);
	return (0);
}

const struct entity_def *
req_entity(struct req *r, char **cause)
{
	const struct entity_def	*e;
	char			*name, *names;

	name = mobj_strdup(r->o, "entity");
	if (name == NULL || (e = dict_entity(name)) == NULL) {
		names = dict_entity_names();
		xasprintf(cause, _("unknown entity '%s' (entities: %s)"),
		    name ? name : "", names);
		free(names);
		free(name);
		return (NULL);
	}
	free(name);
	return (e);
}

/*
 * Whether the caller may read e.  Anyone signed in may read the public
 * fields of an entity that has them (a user's login and full name: every
 * form that names a user must show and pick one); *limited then says the
 * rows must be cut to those fields and searched only by them.
 */
int
read_allowed(struct req *r, const struct entity_def *e, int *limited,
    char **cause)
{
	*limited = 0;
	if (auth_allowed(r->c->roles, e->area, ACT_VIEW))
		return (1);
	/* Who ships reads the orders shipped against: their lines are
	 * what the warehouse picks (the dictionary says which). */
	if ((e->flags & ENT_SHIPPING_READS) && auth_allowed(r->c->roles,
	    "shipping", ACT_VIEW))
		return (1);
	if (r->c->roles != 0 && dict_has_public(e)) {
		*limited = 1;
		return (1);
	}
	return (allowed(r, e->area, ACT_VIEW, cause));
}

int
name_readable(struct req *r, const struct entity_def *e)
{
	int	 pos;

	if (e == NULL || (pos = dict_name_pos(e)) < 0)
		return (0);
	if (auth_allowed(r->c->roles, e->area, ACT_VIEW))
		return (1);
	/* A customer's name: who ships to it reads it (the dictionary
	 * says which). */
	if ((e->flags & ENT_SHIPPING_NAMES) && auth_allowed(r->c->roles,
	    "shipping", ACT_VIEW))
		return (1);
	/* A user's full name: everyone signed in reads it. */
	return (r->c->roles != 0 && (e->fields[pos].flags & FF_PUBLIC));
}

/* Cut rows to what a limited reader may see. */
void
rows_keep_public(struct record **rows, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		record_keep_public(rows[i]);
}

/* --- writes, remembered by request id ------------------------------ */

void
reqlog_key(struct req *r, unsigned char *key)
{
	norm_u64(r->cid, key);
	norm_u64(r->rid, key + 8);
}

int
write_tx(struct tx *x, void *arg, char **cause)
{
	struct wctx	*w = arg;
	unsigned char	 key[16];
	int		 rc;

	char		*stored;
	size_t		 slen;

	mb_reset(w->data);
	if (w->r->cid != 0) {
		/* Checked again inside: the original of a re-send may have
		 * been running when the first look found nothing. */
		reqlog_key(w->r, key);
		rc = tx_reqlog_get(x, key, sizeof key, &stored, &slen);
		if (rc == ST_OK) {
			msgpack_sbuffer_write(&w->data->sb, stored, slen);
			free(stored);
			return (ST_OK);
		}
		if (rc != ST_NOTFOUND)
			return (rc);
	}
	if ((rc = w->fn(x, w, cause)) != ST_OK)
		return (rc);
	if (w->r->cid != 0)
		rc = tx_reqlog_put(x, key, sizeof key, w->data->sb.data,
		    w->data->sb.size);
	return (rc);
}

int
run_write(struct req *r, struct msgb *data,
    int (*fn)(struct tx *, struct wctx *, char **), void *arg, char **cause)
{
	return (run_write_flags(r, data, fn, arg, 0, cause));
}

int
run_write_flags(struct req *r, struct msgb *data,
    int (*fn)(struct tx *, struct wctx *, char **), void *arg, int flags,
    char **cause)
{
	struct wctx	 w;
	int		 rc;

	memset(&w, 0, sizeof w);
	w.r = r;
	w.data = data;
	w.fn = fn;
	w.arg = arg;
	rc = store_run_flags(server_store(r->c->srv), r->c->login, r->c->tty,
	    write_tx, &w, flags, cause);
	r->st = rc;
	return (rc);
}

/* --- records: packed and decoded ---------------------------------- */

void
pack_record(struct msgb *m, const struct record *rec)
{
	char	*p;
	size_t	 len;

	codec_encode(rec, &p, &len);
	mb_bin(m, p, len);
	free(p);
}
int
req_decode(struct store *st, struct tx *x, const struct entity_def *e,
    const char *p, size_t len, struct record **out, char **cause)
{
	struct record	*stored = NULL;
	struct value	 id;
	int		 rc;

	if (codec_decode_client(e, p, len, NULL, out, cause) == 0)
		return (ST_OK);
	/* Refused: unless it hands back what the stored record keeps. */
	if (codec_find(p, len, FID_ID, &id) != 1 || id.s != NULL ||
	    id.i <= 0) {
		value_free(&id);
		return (ST_INVALID);
	}
	rc = x != NULL ? tx_get(x, e, (uint64_t)id.i, 1, &stored) :
	    store_get(st, e, (uint64_t)id.i, &stored);
	if (rc == ST_NOTFOUND)
		return (ST_INVALID);
	if (rc != ST_OK) {
		free(*cause);
		*cause = NULL;
		return (rc);
	}
	if (stored->nx > 0) {
		free(*cause);
		*cause = NULL;
		rc = codec_decode_client(e, p, len, stored, out, cause) == 0 ?
		    ST_OK : ST_INVALID;
	} else
		rc = ST_INVALID;
	record_free(stored);
	return (rc);
}

void
pack_rows(struct msgb *data, struct record **rows, size_t n)
{
	size_t	 i;

	mb_array(data, n);
	for (i = 0; i < n; i++) {
		pack_record(data, rows[i]);
		record_free(rows[i]);
	}
	free(rows);
}

