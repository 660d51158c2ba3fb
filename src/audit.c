#include "config.h"

#include <msgpack.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "i18n.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "proto.h"
#include "xmalloc.h"

void
audit_add_change(struct audit_entry *e, const char *field, const char *before,
    const char *after)
{
	struct audit_change	*c;

	e->ch = xreallocarray(e->ch, e->nch + 1, sizeof *e->ch);
	c = &e->ch[e->nch++];
	c->field = xstrdup(field);
	c->before = before != NULL ? xstrdup(before) : NULL;
	c->after = after != NULL ? xstrdup(after) : NULL;
}

/* A value as an audit entry writes it (value_format's text), in buf or
 * the value's own string; NULL: not set. */
static const char *
change_text(const struct field_def *f, const struct value *v, char *buf,
    size_t len)
{
	if (!v->set)
		return (NULL);
	if (v->s != NULL)
		return (v->s);
	return (value_format_int(f, v->i, buf, len));
}

/*
 * The changes counted first and made room for at once, each text copied
 * once: an entry per record a posting writes, every field of a new one a
 * change (issue 16: value_format's copy and a realloc per change were a
 * third of an audit entry's making).
 */
void
audit_diff(struct audit_entry *e, const struct record *before,
    const struct record *after)
{
	const struct entity_def	*ent = before ? before->ent : after->ent;
	size_t			 i, n = 0;
	const char		*b, *a;
	char			 bbuf[64], abuf[64];
	static const struct value unset;

	for (i = 0; i < ent->nfields; i++)
		if (!(ent->fields[i].flags & FF_SYSTEM) &&
		    !value_equal(before ? &before->v[i] : &unset,
		    after ? &after->v[i] : &unset))
			n++;
	if (n == 0)
		return;
	e->ch = xreallocarray(e->ch, e->nch + n, sizeof *e->ch);
	for (i = 0; i < ent->nfields; i++) {
		const struct field_def	*f = &ent->fields[i];
		const struct value	*vb, *va;
		struct audit_change	*c;

		if (f->flags & FF_SYSTEM)
			continue;
		vb = before ? &before->v[i] : &unset;
		va = after ? &after->v[i] : &unset;
		if (value_equal(vb, va))
			continue;
		b = change_text(f, vb, bbuf, sizeof bbuf);
		a = change_text(f, va, abuf, sizeof abuf);
		c = &e->ch[e->nch++];
		c->field = xstrdup(f->name);
		c->before = b != NULL ? xstrdup(b) : NULL;
		c->after = a != NULL ? xstrdup(a) : NULL;
	}
}

void
audit_pack(const struct audit_entry *e, char **data, size_t *len)
{
	struct msgb	 m;
	size_t		 i;

	mb_init(&m);
	mb_array(&m, 7);
	mb_int(&m, e->time);
	mb_str(&m, e->login);
	mb_str(&m, e->tty);
	mb_str(&m, e->entity);
	mb_int(&m, (int64_t)e->id);
	mb_str(&m, e->action);
	mb_array(&m, e->nch);
	for (i = 0; i < e->nch; i++) {
		mb_array(&m, 3);
		mb_str(&m, e->ch[i].field);
		mb_str(&m, e->ch[i].before);
		mb_str(&m, e->ch[i].after);
	}
	*data = xmemdup(m.sb.data, m.sb.size);
	*len = m.sb.size;
	mb_free(&m);
}

static void
audit_sha256(const void *p, size_t len, unsigned char *out)
{
	struct sha256_ctx	 ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, len, p);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

/*
 * Stored: [body (bin), hash (bin)], where body is [seq, prev (bin),
 * entry (bin)] and hash = SHA-256(body).
 */
void
audit_seal(uint64_t seq, const unsigned char *prev, const char *packed,
    size_t plen, unsigned char *hash, char **data, size_t *len)
{
	struct msgb	 body, out;

	mb_init(&body);
	mb_array(&body, 3);
	mb_int(&body, (int64_t)seq);
	mb_bin(&body, prev, AUDIT_HASH_LEN);
	mb_bin(&body, packed, plen);
	audit_sha256(body.sb.data, body.sb.size, hash);
	mb_init(&out);
	mb_array(&out, 2);
	mb_bin(&out, body.sb.data, body.sb.size);
	mb_bin(&out, hash, AUDIT_HASH_LEN);
	*data = xmemdup(out.sb.data, out.sb.size);
	*len = out.sb.size;
	mb_free(&out);
	mb_free(&body);
}

static char *
obj_str(const msgpack_object *o)
{
	if (o->type == MSGPACK_OBJECT_STR)
		return (xstrndup(o->via.str.ptr, o->via.str.size));
	return (NULL);
}

static int64_t
obj_int(const msgpack_object *o)
{
	if (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER)
		return ((int64_t)o->via.u64);
	if (o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER)
		return (o->via.i64);
	return (0);
}

int
audit_decode(const void *data, size_t len, struct audit_entry *e,
    char **cause)
{
	msgpack_unpacked	 u, ub, ue;
	const msgpack_object	*o, *b, *chs;
	unsigned char		 h[AUDIT_HASH_LEN];
	size_t			 off = 0, i;
	int			 rc = -1;

	memset(e, 0, sizeof *e);
	msgpack_unpacked_init(&u);
	msgpack_unpacked_init(&ub);
	msgpack_unpacked_init(&ue);
	if (msgpack_unpack_next(&u, data, len, &off) != MSGPACK_UNPACK_SUCCESS)
		goto bad;
	o = &u.data;
	if (o->type != MSGPACK_OBJECT_ARRAY || o->via.array.size != 2 ||
	    o->via.array.ptr[0].type != MSGPACK_OBJECT_BIN ||
	    o->via.array.ptr[1].type != MSGPACK_OBJECT_BIN ||
	    o->via.array.ptr[1].via.bin.size != AUDIT_HASH_LEN)
		goto bad;
	b = &o->via.array.ptr[0];
	memcpy(e->hash, o->via.array.ptr[1].via.bin.ptr, AUDIT_HASH_LEN);
	audit_sha256(b->via.bin.ptr, b->via.bin.size, h);
	off = 0;
	if (msgpack_unpack_next(&ub, b->via.bin.ptr, b->via.bin.size, &off) !=
	    MSGPACK_UNPACK_SUCCESS)
		goto bad;
	o = &ub.data;
	if (o->type != MSGPACK_OBJECT_ARRAY || o->via.array.size != 3 ||
	    o->via.array.ptr[1].type != MSGPACK_OBJECT_BIN ||
	    o->via.array.ptr[1].via.bin.size != AUDIT_HASH_LEN ||
	    o->via.array.ptr[2].type != MSGPACK_OBJECT_BIN)
		goto bad;
	e->seq = (uint64_t)obj_int(&o->via.array.ptr[0]);
	memcpy(e->prev, o->via.array.ptr[1].via.bin.ptr, AUDIT_HASH_LEN);
	off = 0;
	if (msgpack_unpack_next(&ue, o->via.array.ptr[2].via.bin.ptr,
	    o->via.array.ptr[2].via.bin.size, &off) != MSGPACK_UNPACK_SUCCESS)
		goto bad;
	o = &ue.data;
	if (o->type != MSGPACK_OBJECT_ARRAY || o->via.array.size != 7)
		goto bad;
	e->time = obj_int(&o->via.array.ptr[0]);
	e->login = obj_str(&o->via.array.ptr[1]);
	e->tty = obj_str(&o->via.array.ptr[2]);
	e->entity = obj_str(&o->via.array.ptr[3]);
	e->id = (uint64_t)obj_int(&o->via.array.ptr[4]);
	e->action = obj_str(&o->via.array.ptr[5]);
	chs = &o->via.array.ptr[6];
	if (chs->type != MSGPACK_OBJECT_ARRAY)
		goto bad;
	for (i = 0; i < chs->via.array.size; i++) {
		const msgpack_object	*c = &chs->via.array.ptr[i];
		char			*f, *bf, *af;

		if (c->type != MSGPACK_OBJECT_ARRAY || c->via.array.size != 3)
			goto bad;
		f = obj_str(&c->via.array.ptr[0]);
		bf = obj_str(&c->via.array.ptr[1]);
		af = obj_str(&c->via.array.ptr[2]);
		audit_add_change(e, f ? f : "?", bf, af);
		free(f);
		free(bf);
		free(af);
	}
	if (memcmp(h, e->hash, AUDIT_HASH_LEN) != 0) {
		xasprintf(cause, _("audit entry %llu: hash does not match "
		    "its contents"), (unsigned long long)e->seq);
		goto out;
	}
	rc = 0;
	goto out;
bad:
	xasprintf(cause, _("audit entry %llu: malformed"),
	    (unsigned long long)e->seq);
out:
	if (rc != 0)
		audit_entry_clear(e);	/* nothing half-filled to leak */
	msgpack_unpacked_destroy(&ue);
	msgpack_unpacked_destroy(&ub);
	msgpack_unpacked_destroy(&u);
	return (rc);
}

void
audit_entry_clear(struct audit_entry *e)
{
	size_t	 i;

	for (i = 0; i < e->nch; i++) {
		free(e->ch[i].field);
		free(e->ch[i].before);
		free(e->ch[i].after);
	}
	free(e->ch);
	free(e->login);
	free(e->tty);
	free(e->entity);
	free(e->action);
	memset(e, 0, sizeof *e);
}

void
audit_hex(const unsigned char *h, char *out)
{
	int	 i;

	for (i = 0; i < AUDIT_HASH_LEN; i++)
		snprintf(out + i * 2, 3, "%02x", h[i]);
}

/* The ids runs of an import's entry, or NULL. */
static const char *
import_ids(const struct audit_entry *e)
{
	size_t	 i;

	if (e->action == NULL || strcmp(e->action, AUDIT_IMPORT) != 0)
		return (NULL);
	for (i = 0; i < e->nch; i++)
		if (e->ch[i].field != NULL && e->ch[i].after != NULL &&
		    strcmp(e->ch[i].field, AUDIT_IMPORT_IDS) == 0)
			return (e->ch[i].after);
	return (NULL);
}

/* Each run of s: fn(lo, hi, arg); its non-zero stops. */
static int
import_runs(const char *s, int (*fn)(uint64_t, uint64_t, void *),
    void *arg)
{
	unsigned long long	 lo, hi;
	char			*end;
	int			 rc;

	while (s != NULL && *s != '\0') {
		lo = strtoull(s, &end, 10);
		if (end == s)
			return (0);
		hi = lo;
		if (*end == '-') {
			s = end + 1;
			hi = strtoull(s, &end, 10);
			if (end == s || hi < lo)
				return (0);
		}
		if ((rc = fn(lo, hi, arg)) != 0)
			return (rc);
		s = *end == ',' ? end + 1 : end;
		if (*end != ',' && *end != '\0')
			return (0);
	}
	return (0);
}

static int
run_has(uint64_t lo, uint64_t hi, void *arg)
{
	uint64_t	 id = *(uint64_t *)arg;

	return (id >= lo && id <= hi);
}

int
audit_import_has(const struct audit_entry *e, uint64_t id)
{
	return (id != 0 && import_runs(import_ids(e), run_has, &id) != 0);
}

struct run_each {
	int	(*fn)(uint64_t, void *);
	void	*arg;
};

static int
run_each(uint64_t lo, uint64_t hi, void *arg)
{
	struct run_each	*re = arg;
	uint64_t	 id;
	int		 rc;

	for (id = lo; ; id++) {
		if ((rc = re->fn(id, re->arg)) != 0)
			return (rc);
		if (id == hi)
			break;
	}
	return (0);
}

int
audit_import_each(const struct audit_entry *e, int (*fn)(uint64_t, void *),
    void *arg)
{
	struct run_each	 re = { fn, arg };

	return (import_runs(import_ids(e), run_each, &re));
}
