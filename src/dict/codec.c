#include "config.h"

#include <msgpack.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dict/codec.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "i18n.h"
#include "proto.h"
#include "xmalloc.h"

/*
 * A record's `updated` equal to its `created` (every record not changed
 * since, every line of an import: the ledger's moves are never changed)
 * is not stored: the 6 bytes of a time, on each of a million customers,
 * moves and lines (issue 16, the home's size).  Its absence from the map
 * means "the same as created"; an `updated` not set beside a `created`
 * that is, is written as nil.  Everything that reads stored or sent
 * records goes through this file (codec_decode, codec_decode_client,
 * codec_find, codec_map_find) or says the same (csvrow.c's walk), and
 * records stored before keep their `updated` and read as they did.
 */
enum { CODEC_UPD_KEEP, CODEC_UPD_OMIT, CODEC_UPD_NIL };

static int
codec_updated(const struct record *r)
{
	const struct entity_def	*e = r->ent;
	const struct value	*c, *u;
	size_t			 i;

	if (e->nfields <= FX_UPDATED || e->fields[FX_CREATED].id !=
	    FID_CREATED || e->fields[FX_UPDATED].id != FID_UPDATED)
		return (CODEC_UPD_KEEP);
	c = &r->v[FX_CREATED];
	u = &r->v[FX_UPDATED];
	if (!c->set || c->s != NULL)
		return (CODEC_UPD_KEEP);
	if (!u->set) {
		for (i = 0; i < r->nx; i++)
			if (r->x[i].id == FID_UPDATED)
				return (CODEC_UPD_KEEP);	/* kept as read */
		return (CODEC_UPD_NIL);
	}
	if (u->s == NULL && u->i == c->i)
		return (CODEC_UPD_OMIT);
	return (CODEC_UPD_KEEP);
}

void
codec_encode(const struct record *r, char **data, size_t *len)
{
	const struct entity_def	*e = r->ent;
	msgpack_sbuffer		 sb;
	msgpack_packer		 pk;
	size_t			 i, n = 0;
	int			 pos, upd;

	upd = codec_updated(r);
	for (i = 0; i < e->nfields; i++)
		if (r->v[i].set)
			n++;
	if (upd == CODEC_UPD_OMIT)
		n--;
	else if (upd == CODEC_UPD_NIL)
		n++;
	for (i = 0; i < r->nx; i++) {
		pos = dict_field_pos_id(e, r->x[i].id);
		if (pos < 0 || !r->v[pos].set)
			n++;
	}
	msgpack_sbuffer_init(&sb);
	msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
	msgpack_pack_map(&pk, n);
	for (i = 0; i < e->nfields; i++) {
		const struct value	*v = &r->v[i];

		if (i == FX_UPDATED && upd != CODEC_UPD_KEEP) {
			if (upd == CODEC_UPD_NIL) {
				msgpack_pack_unsigned_int(&pk, FID_UPDATED);
				msgpack_pack_nil(&pk);
			}
			continue;
		}
		if (!v->set)
			continue;
		msgpack_pack_unsigned_int(&pk, e->fields[i].id);
		if (v->s != NULL) {
			size_t	 l = strlen(v->s);

			msgpack_pack_str(&pk, l);
			msgpack_pack_str_body(&pk, v->s, l);
		} else
			msgpack_pack_int64(&pk, v->i);
	}
	for (i = 0; i < r->nx; i++) {
		pos = dict_field_pos_id(e, r->x[i].id);
		if (pos >= 0 && r->v[pos].set)
			continue;
		msgpack_pack_unsigned_int(&pk, r->x[i].id);
		msgpack_sbuffer_write(&sb, r->x[i].raw, r->x[i].len);
	}
	*len = sb.size;
	*data = xmemdup(sb.data, sb.size);
	msgpack_sbuffer_destroy(&sb);
}

/* Whether an object can be the value of field f as this binary knows it. */
static int
codec_fits(const struct field_def *f, const msgpack_object *o)
{
	switch (f->type) {
	case FT_TEXT:
	case FT_ENUM:
		return (o->type == MSGPACK_OBJECT_STR);
	case FT_REF:
		return (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER ||
		    o->type == MSGPACK_OBJECT_STR);
	default:
		return (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER ||
		    o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER);
	}
}

static void
codec_value(const msgpack_object *o, struct value *v)
{
	memset(v, 0, sizeof *v);
	v->set = 1;
	if (o->type == MSGPACK_OBJECT_STR)
		v->s = xstrndup(o->via.str.ptr, o->via.str.size);
	else if (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER)
		v->i = (int64_t)o->via.u64;
	else
		v->i = o->via.i64;
}

/* An `updated` the map did not hold (not even as nil): its `created`. */
static void
codec_restore_updated(struct record *r)
{
	const struct entity_def	*e = r->ent;

	if (e->nfields > FX_UPDATED && e->fields[FX_CREATED].id ==
	    FID_CREATED && e->fields[FX_UPDATED].id == FID_UPDATED &&
	    r->v[FX_CREATED].set && r->v[FX_CREATED].s == NULL &&
	    !r->v[FX_UPDATED].set) {
		r->v[FX_UPDATED].set = 1;
		r->v[FX_UPDATED].s = NULL;
		r->v[FX_UPDATED].i = r->v[FX_CREATED].i;
	}
}

int
codec_decode(const struct entity_def *e, const void *data, size_t len,
    struct record **out, char **cause)
{
	msgpack_unpacked	 u;
	msgpack_object		*o;
	struct record		*r;
	const char		*why;
	size_t			 off = 0, i;
	int			 pos, upd_seen = 0;

	/* Containers are checked against the bytes before msgpack-c
	 * allocates what they claim. */
	if (mp_check(data, len, PROTO_MAX_OBJECTS, &why) != 0) {
		xasprintf(cause, _("%s: malformed record"), e->name);
		return (-1);
	}
	msgpack_unpacked_init(&u);
	if (msgpack_unpack_next(&u, data, len, &off) !=
	    MSGPACK_UNPACK_SUCCESS || u.data.type != MSGPACK_OBJECT_MAP) {
		msgpack_unpacked_destroy(&u);
		xasprintf(cause, _("%s: malformed record"), e->name);
		return (-1);
	}
	r = record_new(e);
	o = &u.data;
	for (i = 0; i < o->via.map.size; i++) {
		msgpack_object_kv	*kv = &o->via.map.ptr[i];
		msgpack_sbuffer		 sb;
		msgpack_packer		 pk;

		if (kv->key.type != MSGPACK_OBJECT_POSITIVE_INTEGER ||
		    kv->key.via.u64 > UINT32_MAX)
			continue;
		if (kv->key.via.u64 == FID_UPDATED)
			upd_seen = 1;
		pos = dict_field_pos_id(e, (unsigned)kv->key.via.u64);
		if (pos >= 0 && kv->val.type == MSGPACK_OBJECT_NIL)
			continue;
		if (pos >= 0 && codec_fits(&e->fields[pos], &kv->val)) {
			record_clear(r, pos);
			codec_value(&kv->val, &r->v[pos]);
			continue;
		}
		/* Unknown to this binary: keep it verbatim. */
		msgpack_sbuffer_init(&sb);
		msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
		msgpack_pack_object(&pk, kv->val);
		r->x = xreallocarray(r->x, r->nx + 1, sizeof *r->x);
		r->x[r->nx].id = (uint32_t)kv->key.via.u64;
		r->x[r->nx].raw = xmemdup(sb.data, sb.size);
		r->x[r->nx].len = sb.size;
		r->nx++;
		msgpack_sbuffer_destroy(&sb);
	}
	msgpack_unpacked_destroy(&u);
	if (!upd_seen)
		codec_restore_updated(r);
	*out = r;
	return (0);
}

/* The value of field fid in the map o: as codec_find() answers.  An
 * `updated` absent is its `created` (codec_updated). */
static int
codec_map_value(const msgpack_object *o, unsigned fid, struct value *out)
{
	size_t	 i;

	for (i = 0; i < o->via.map.size; i++) {
		msgpack_object_kv	*kv = &o->via.map.ptr[i];

		if (kv->key.type == MSGPACK_OBJECT_POSITIVE_INTEGER &&
		    kv->key.via.u64 == fid) {
			if (kv->val.type == MSGPACK_OBJECT_STR ||
			    kv->val.type == MSGPACK_OBJECT_POSITIVE_INTEGER ||
			    kv->val.type == MSGPACK_OBJECT_NEGATIVE_INTEGER) {
				codec_value(&kv->val, out);
				return (1);
			}
			return (0);
		}
	}
	if (fid == FID_UPDATED)
		return (codec_map_value(o, FID_CREATED, out));
	return (0);
}

int
codec_find(const void *data, size_t len, unsigned fid, struct value *out)
{
	struct codec_map	 m;
	int			 found;

	memset(out, 0, sizeof *out);
	if (codec_map_open(&m, data, len) != 0)
		return (-1);
	found = codec_map_find(&m, fid, out);
	codec_map_close(&m);
	return (found);
}

int
codec_map_open(struct codec_map *m, const void *data, size_t len)
{
	msgpack_unpacked	*u;
	const char		*why;
	size_t			 off = 0;

	memset(m, 0, sizeof *m);
	if (mp_check(data, len, PROTO_MAX_OBJECTS, &why) != 0)
		return (-1);
	u = xmalloc(sizeof *u);
	msgpack_unpacked_init(u);
	if (msgpack_unpack_next(u, data, len, &off) !=
	    MSGPACK_UNPACK_SUCCESS || u->data.type != MSGPACK_OBJECT_MAP) {
		msgpack_unpacked_destroy(u);
		free(u);
		return (-1);
	}
	m->data = data;
	m->len = len;
	m->u = u;
	return (0);
}

int
codec_map_find(const struct codec_map *m, unsigned fid, struct value *out)
{
	const msgpack_unpacked	*u = m->u;

	memset(out, 0, sizeof *out);
	return (codec_map_value(&u->data, fid, out));
}

void
codec_map_close(struct codec_map *m)
{
	if (m->u != NULL) {
		msgpack_unpacked_destroy(m->u);
		free(m->u);
	}
	memset(m, 0, sizeof *m);
}

static const char *
codec_type_name(const msgpack_object *o)
{
	switch (o->type) {
	case MSGPACK_OBJECT_BOOLEAN:
		return (_("a boolean"));
	case MSGPACK_OBJECT_POSITIVE_INTEGER:
	case MSGPACK_OBJECT_NEGATIVE_INTEGER:
		return (_("an integer"));
	case MSGPACK_OBJECT_FLOAT32:
	case MSGPACK_OBJECT_FLOAT64:
		return (_("a float"));
	case MSGPACK_OBJECT_STR:
		return (_("a string"));
	case MSGPACK_OBJECT_ARRAY:
		return (_("an array"));
	case MSGPACK_OBJECT_MAP:
		return (_("a map"));
	case MSGPACK_OBJECT_BIN:
		return (_("binary data"));
	default:
		return (_("an extension"));
	}
}

static const char *
codec_want_name(const struct field_def *f)
{
	switch (f->type) {
	case FT_TEXT:
	case FT_ENUM:
		return (_("a string"));
	case FT_REF:
		return (_("an id or a code"));
	default:
		return (_("an integer"));
	}
}

/* Whether stored keeps exactly these bytes under id (see record->x). */
static int
codec_echoed(const struct record *stored, uint64_t id, const char *raw,
    size_t len)
{
	size_t	 i;

	if (stored == NULL)
		return (0);
	for (i = 0; i < stored->nx; i++)
		if (stored->x[i].id == id && stored->x[i].len == len &&
		    memcmp(stored->x[i].raw, raw, len) == 0)
			return (1);
	return (0);
}

int
codec_decode_client(const struct entity_def *e, const void *data,
    size_t len, const struct record *stored, struct record **out,
    char **cause)
{
	msgpack_unpacked	 u;
	msgpack_object		*o;
	struct record		*r;
	const char		*why;
	unsigned char		*seen;
	size_t			 off = 0, i;
	int			 pos, upd_seen = 0;

	if (mp_check(data, len, PROTO_MAX_OBJECTS, &why) != 0) {
		xasprintf(cause, _("%s: malformed record (%s)"), e->name, why);
		return (-1);
	}
	msgpack_unpacked_init(&u);
	if (msgpack_unpack_next(&u, data, len, &off) !=
	    MSGPACK_UNPACK_SUCCESS || u.data.type != MSGPACK_OBJECT_MAP ||
	    off != len) {
		msgpack_unpacked_destroy(&u);
		xasprintf(cause, _("%s: malformed record (one map of field "
		    "ids expected)"), e->name);
		return (-1);
	}
	r = record_new(e);
	seen = xcalloc(e->nfields, 1);
	o = &u.data;
	for (i = 0; i < o->via.map.size; i++) {
		msgpack_object_kv	*kv = &o->via.map.ptr[i];
		msgpack_sbuffer		 sb;
		msgpack_packer		 pk;
		uint64_t		 id;
		int			 fits;

		if (kv->key.type != MSGPACK_OBJECT_POSITIVE_INTEGER ||
		    kv->key.via.u64 > UINT32_MAX) {
			xasprintf(cause, _("%s: a field id (a number) "
			    "expected as a key, got %s"), e->name,
			    codec_type_name(&kv->key));
			goto fail;
		}
		id = kv->key.via.u64;
		if (id == FID_UPDATED)
			upd_seen = 1;
		pos = dict_field_pos_id(e, (unsigned)id);
		if (pos >= 0 && seen[pos]) {
			xasprintf(cause, _("column '%s': sent twice"),
			    e->fields[pos].name);
			goto fail;
		}
		if (pos >= 0)
			seen[pos] = 1;
		if (pos >= 0 && kv->val.type == MSGPACK_OBJECT_NIL)
			continue;
		fits = pos >= 0 && codec_fits(&e->fields[pos], &kv->val);
		if (fits && kv->val.type == MSGPACK_OBJECT_STR &&
		    memchr(kv->val.via.str.ptr, '\0', kv->val.via.str.size) !=
		    NULL) {
			xasprintf(cause, _("column '%s': a NUL byte is "
			    "not allowed"), e->fields[pos].name);
			goto fail;
		}
		if (fits && kv->val.type == MSGPACK_OBJECT_POSITIVE_INTEGER &&
		    kv->val.via.u64 > INT64_MAX) {
			xasprintf(cause, _("column '%s': the number is "
			    "too large"), e->fields[pos].name);
			goto fail;
		}
		if (fits) {
			record_clear(r, pos);
			codec_value(&kv->val, &r->v[pos]);
			continue;
		}
		msgpack_sbuffer_init(&sb);
		msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
		msgpack_pack_object(&pk, kv->val);
		if (!codec_echoed(stored, id, sb.data, sb.size)) {
			size_t	 vlen = sb.size;

			msgpack_sbuffer_destroy(&sb);
			if (pos < 0)
				xasprintf(cause, P_("%s has no field with id "
				    "%llu (%s of %zu byte sent)", "%s has no "
				    "field with id %llu (%s of %zu bytes "
				    "sent)", vlen), e->name,
				    (unsigned long long)id,
				    codec_type_name(&kv->val), vlen);
			else
				xasprintf(cause, _("column '%s': %s expected, "
				    "got %s"), e->fields[pos].name,
				    codec_want_name(&e->fields[pos]),
				    codec_type_name(&kv->val));
			goto fail;
		}
		/* What a newer binary wrote, handed back unchanged. */
		r->x = xreallocarray(r->x, r->nx + 1, sizeof *r->x);
		r->x[r->nx].id = (uint32_t)id;
		r->x[r->nx].raw = xmemdup(sb.data, sb.size);
		r->x[r->nx].len = sb.size;
		r->nx++;
		msgpack_sbuffer_destroy(&sb);
	}
	free(seen);
	msgpack_unpacked_destroy(&u);
	if (!upd_seen)
		codec_restore_updated(r);
	*out = r;
	return (0);

fail:
	free(seen);
	record_free(r);
	msgpack_unpacked_destroy(&u);
	return (-1);
}
