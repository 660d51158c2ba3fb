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
 * Fields a record need not store, their value following from another's
 * (issue 16, the home's size: bytes on each of a million customers,
 * moves and lines):
 * - `updated` equal to `created` (every record not changed since; the
 *   ledger's moves are never changed): 6 bytes;
 * - a `code` made from the id as insert_rec makes it, the entity's
 *   code_prefix and six digits (LN-000123, M-000123): 10 or 11 bytes;
 *   only where no clerk ever clears a code (a derived entity's, a
 *   document line's): elsewhere a record an older kontor saved with its
 *   code cleared has no code in its map, and would read as a code its
 *   index never had;
 * - a stock move's `user` equal to its `updated_by` (who posted it): 7
 *   bytes for a login of five letters.
 * Such a field equal to what follows is left out of the map; not set
 * while its source is, it is written as nil (so: not set); otherwise
 * stored.  Its absence from a map (not even a nil) means "what follows":
 * codec_decode, codec_decode_client, codec_get and codec_map_get (the
 * index callbacks) say so here, and csvrow.c's walk (the export) through
 * codec_derive.  Records stored before keep the fields and read as they
 * did; saved again, they lose them.
 */
#define CODEC_MOVE_USER	22	/* stock_moves.user (entities.c) */
extern const struct entity_def	 ent_stock_moves, ent_stock_lines;

int
codec_derived(const struct entity_def *e, unsigned fid)
{
	if (fid == FID_UPDATED)
		return (1);
	if (e == NULL)
		return (0);
	if (fid == FID_CODE)
		return (e->code_prefix != NULL &&
		    ((e->flags & ENT_DERIVED) || e == &ent_stock_lines));
	return (fid == CODEC_MOVE_USER && e == &ent_stock_moves);
}

int
codec_derive(const struct entity_def *e, unsigned fid,
    int (*get)(void *, unsigned, struct value *), void *arg,
    struct value *out)
{
	struct value	 v;

	memset(out, 0, sizeof *out);
	if (!codec_derived(e, fid))
		return (0);
	switch (fid) {
	case FID_UPDATED:
		if (get(arg, FID_CREATED, &v) != 1 || v.s != NULL)
			break;
		*out = v;
		return (1);
	case FID_CODE:
		if (get(arg, FID_ID, &v) != 1 || v.s != NULL || v.i <= 0)
			break;
		out->set = 1;
		xasprintf(&out->s, "%s-%06llu", e->code_prefix,
		    (unsigned long long)v.i);
		return (1);
	default:	/* a move's user */
		if (get(arg, FID_UPDATED_BY, &v) != 1 || v.s == NULL)
			break;
		*out = v;
		return (1);
	}
	free(v.s);
	return (0);
}

/* codec_derive's get over a record's fields. */
static int
codec_get_rec(void *arg, unsigned fid, struct value *out)
{
	const struct record	*r = arg;
	int			 pos;

	memset(out, 0, sizeof *out);
	if ((pos = dict_field_pos_id(r->ent, fid)) < 0 || !r->v[pos].set)
		return (0);
	out->set = 1;
	out->i = r->v[pos].i;
	out->s = r->v[pos].s != NULL ? xstrdup(r->v[pos].s) : NULL;
	return (1);
}

enum { CODEC_KEEP, CODEC_OMIT, CODEC_NIL };

/* How field i of r is written: as it is, left out, or as nil. */
static int
codec_how(const struct record *r, size_t i)
{
	const struct entity_def	*e = r->ent;
	const struct value	*v = &r->v[i];
	struct value		 d;
	size_t			 j;
	int			 how = CODEC_KEEP;

	if (!codec_derived(e, e->fields[i].id) ||
	    codec_derive(e, e->fields[i].id, codec_get_rec, (void *)r, &d) !=
	    1)
		return (CODEC_KEEP);
	if (!v->set) {
		how = CODEC_NIL;
		for (j = 0; j < r->nx; j++)
			if (r->x[j].id == e->fields[i].id)
				how = CODEC_KEEP;	/* kept as read */
	} else if (value_equal(v, &d))
		how = CODEC_OMIT;
	free(d.s);
	return (how);
}

void
codec_encode(const struct record *r, char **data, size_t *len)
{
	const struct entity_def	*e = r->ent;
	msgpack_sbuffer		 sb;
	msgpack_packer		 pk;
	size_t			 i, n = 0;
	unsigned char		 hbuf[64], *how;
	int			 pos;

	how = e->nfields <= sizeof hbuf ? hbuf : xmalloc(e->nfields);
	for (i = 0; i < e->nfields; i++) {
		how[i] = codec_derived(e, e->fields[i].id) ?
		    (unsigned char)codec_how(r, i) : CODEC_KEEP;
		if (how[i] == CODEC_NIL ||
		    (r->v[i].set && how[i] == CODEC_KEEP))
			n++;
	}
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

		if (how[i] == CODEC_OMIT)
			continue;
		if (how[i] == CODEC_NIL) {
			msgpack_pack_unsigned_int(&pk, e->fields[i].id);
			msgpack_pack_nil(&pk);
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
	if (how != hbuf)
		free(how);
}

/*
 * Stored records are read by walking their bytes: the map, each key and
 * each value in place.  msgpack-c's unpack made a zone, copied every
 * object into it and freed it again, after mp_check had walked the same
 * bytes once already; in the writers' turn a stock document read ~15
 * records, and the index callbacks and audit references looked up ~13
 * fields more, each an unpack of its own (issue 16: ~16 % of a
 * document's instructions).  The reader answers what the unpack did:
 * integers as msgpack-c types them (int8..int64 not below zero are
 * positive), strings in place, any other object skipped whole by
 * mp_size and counted against PROTO_MAX_OBJECTS as mp_check counted it;
 * truncated or malformed bytes are refused as before.
 */
#define RD_OTHER	(-1)	/* none of nil, integer, string */

struct rd_obj {
	int			 type;	/* MSGPACK_OBJECT_*, or RD_OTHER */
	uint64_t		 u;	/* POSITIVE_INTEGER */
	int64_t			 i;	/* NEGATIVE_INTEGER */
	const char		*s;	/* STR, not terminated */
	size_t			 slen;
	const unsigned char	*raw;	/* the object's bytes */
	size_t			 rawlen;
};

struct rd {
	const unsigned char	*p, *end;
	size_t			 left;	/* objects still allowed */
};

static int
rd_be(struct rd *r, size_t n, uint64_t *v)
{
	if ((size_t)(r->end - r->p) < n)
		return (-1);
	*v = 0;
	while (n-- > 0)
		*v = (*v << 8) | *r->p++;
	return (0);
}

/* The next object into *o; -1 when the bytes are not msgpack. */
static int
rd_next(struct rd *r, struct rd_obj *o)
{
	const char	*why;
	unsigned char	 b;
	uint64_t	 v;
	size_t		 n, size, nobj;

	if (r->p >= r->end || r->left == 0)
		return (-1);
	o->raw = r->p;
	b = *r->p;
	if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || (b >= 0xa0 && b <= 0xbf) ||
	    (b >= 0xcc && b <= 0xd3) || (b >= 0xd9 && b <= 0xdb)) {
		r->p++;
		r->left--;
	}
	if (b <= 0x7f) {
		o->type = MSGPACK_OBJECT_POSITIVE_INTEGER;
		o->u = b;
	} else if (b >= 0xe0) {
		o->type = MSGPACK_OBJECT_NEGATIVE_INTEGER;
		o->i = (int8_t)b;
	} else if (b == 0xc0)
		o->type = MSGPACK_OBJECT_NIL;
	else if (b >= 0xcc && b <= 0xcf) {
		if (rd_be(r, (size_t)1 << (b - 0xcc), &o->u) != 0)
			return (-1);
		o->type = MSGPACK_OBJECT_POSITIVE_INTEGER;
	} else if (b >= 0xd0 && b <= 0xd3) {
		n = (size_t)1 << (b - 0xd0);
		if (rd_be(r, n, &v) != 0)
			return (-1);
		if (n < 8 && (v >> (8 * n - 1) & 1))
			v |= ~(uint64_t)0 << (8 * n);	/* sign-extended */
		if ((int64_t)v < 0) {
			o->type = MSGPACK_OBJECT_NEGATIVE_INTEGER;
			o->i = (int64_t)v;
		} else {
			o->type = MSGPACK_OBJECT_POSITIVE_INTEGER;
			o->u = v;
		}
	} else if ((b >= 0xa0 && b <= 0xbf) || (b >= 0xd9 && b <= 0xdb)) {
		if (b <= 0xbf)
			v = b & 0x1f;
		else if (rd_be(r, (size_t)1 << (b - 0xd9), &v) != 0)
			return (-1);
		if (v > (uint64_t)(r->end - r->p))
			return (-1);
		o->type = MSGPACK_OBJECT_STR;
		o->s = (const char *)r->p;
		o->slen = (size_t)v;
		r->p += v;
	} else {
		if (mp_size(r->p, (size_t)(r->end - r->p), r->left, &size,
		    &nobj, &why) != 0)
			return (-1);
		o->type = RD_OTHER;
		r->p += size;
		r->left -= nobj;
	}
	o->rawlen = (size_t)(r->p - o->raw);
	return (0);
}

/* A record's map: its pairs (*n) from r->p on; -1 if it is not one. */
static int
rd_map(struct rd *r, const void *data, size_t len, uint64_t *n)
{
	unsigned char	 b;

	r->p = data;
	r->end = r->p + len;
	r->left = PROTO_MAX_OBJECTS;
	if (len == 0)
		return (-1);
	b = *r->p++;
	r->left--;
	if (b >= 0x80 && b <= 0x8f)
		*n = b & 0x0f;
	else if (b == 0xde || b == 0xdf) {
		if (rd_be(r, b == 0xde ? 2 : 4, n) != 0)
			return (-1);
	} else
		return (-1);
	return (0);
}

/* The position of field id in e, looked for from *hint on (a record's
 * fields come in the dictionary's order), or -1. */
static int
rd_pos(const struct entity_def *e, uint64_t id, size_t *hint)
{
	size_t	 i;

	for (i = *hint; i < e->nfields; i++)
		if (e->fields[i].id == id) {
			*hint = i + 1;
			return ((int)i);
		}
	for (i = 0; i < *hint && i < e->nfields; i++)
		if (e->fields[i].id == id) {
			*hint = i + 1;
			return ((int)i);
		}
	return (-1);
}

/* Whether an object of msgpack type t can be the value of field f as
 * this binary knows it (a stored record walked, or an unpacked one). */
static int
type_fits(const struct field_def *f, int t)
{
	switch (f->type) {
	case FT_TEXT:
	case FT_ENUM:
		return (t == MSGPACK_OBJECT_STR);
	case FT_REF:
		return (t == MSGPACK_OBJECT_POSITIVE_INTEGER ||
		    t == MSGPACK_OBJECT_STR);
	default:
		return (t == MSGPACK_OBJECT_POSITIVE_INTEGER ||
		    t == MSGPACK_OBJECT_NEGATIVE_INTEGER);
	}
}

static int
rd_fits(const struct field_def *f, const struct rd_obj *o)
{
	return (type_fits(f, o->type));
}

static void
rd_value(const struct rd_obj *o, struct value *v)
{
	memset(v, 0, sizeof *v);
	v->set = 1;
	if (o->type == MSGPACK_OBJECT_STR)
		v->s = xstrndup(o->s, o->slen);
	else if (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER)
		v->i = (int64_t)o->u;
	else
		v->i = o->i;
}

/* A field's value found: *out when it is a string or an integer (1),
 * else 0 (a value of another kind is not the field's). */
static int
rd_scalar(const struct rd_obj *o, struct value *out)
{
	if (o->type != MSGPACK_OBJECT_STR &&
	    o->type != MSGPACK_OBJECT_POSITIVE_INTEGER &&
	    o->type != MSGPACK_OBJECT_NEGATIVE_INTEGER)
		return (0);
	rd_value(o, out);
	return (1);
}

/* A value this binary does not know, kept as msgpack-c packs it again
 * (record->x): the rare way, through an unpack of that value alone. */
static void
rd_keep(struct record *r, uint32_t id, const struct rd_obj *o)
{
	msgpack_unpacked	 u;
	msgpack_sbuffer		 sb;
	msgpack_packer		 pk;
	size_t			 off = 0;

	msgpack_sbuffer_init(&sb);
	msgpack_unpacked_init(&u);
	if (msgpack_unpack_next(&u, (const char *)o->raw, o->rawlen, &off) ==
	    MSGPACK_UNPACK_SUCCESS) {
		msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
		msgpack_pack_object(&pk, u.data);
	} else
		msgpack_sbuffer_write(&sb, (const char *)o->raw, o->rawlen);
	msgpack_unpacked_destroy(&u);
	r->x = xreallocarray(r->x, r->nx + 1, sizeof *r->x);
	r->x[r->nx].id = id;
	r->x[r->nx].raw = xmemdup(sb.data, sb.size);
	r->x[r->nx].len = sb.size;
	r->nx++;
	msgpack_sbuffer_destroy(&sb);
}

static int
codec_fits(const struct field_def *f, const msgpack_object *o)
{
	return (type_fits(f, o->type));
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

/*
 * The fields the map did not hold (not even as nil) that follow from
 * others: what follows.  seen: a bit a position the map held; the fields
 * that follow from others are among the first 64 (system fields, a code,
 * a move's user).
 */
static void
codec_restore(struct record *r, uint64_t seen)
{
	static const unsigned	 ids[] = { FID_UPDATED, FID_CODE,
				     CODEC_MOVE_USER };
	const struct entity_def	*e = r->ent;
	struct value		 d;
	size_t			 k;
	int			 i;

	/* Only these ids are ever derived (codec_derived). */
	for (k = 0; k < sizeof ids / sizeof ids[0]; k++) {
		if (!codec_derived(e, ids[k]) ||
		    (i = dict_field_pos_id(e, ids[k])) < 0 || i >= 64 ||
		    (seen >> i & 1) || r->v[i].set)
			continue;
		if (codec_derive(e, ids[k], codec_get_rec, r, &d) == 1)
			r->v[i] = d;
	}
}

int
codec_decode(const struct entity_def *e, const void *data, size_t len,
    struct record **out, char **cause)
{
	struct rd	 rd;
	struct rd_obj	 k, v;
	struct record	*r;
	uint64_t	 n, i, seen = 0;
	size_t		 hint = 0;
	int		 pos;

	if (rd_map(&rd, data, len, &n) != 0) {
		xasprintf(cause, _("%s: malformed record"), e->name);
		return (-1);
	}
	r = record_new(e);
	for (i = 0; i < n; i++) {
		if (rd_next(&rd, &k) != 0 || rd_next(&rd, &v) != 0) {
			record_free(r);
			xasprintf(cause, _("%s: malformed record"), e->name);
			return (-1);
		}
		if (k.type != MSGPACK_OBJECT_POSITIVE_INTEGER ||
		    k.u > UINT32_MAX)
			continue;
		pos = rd_pos(e, k.u, &hint);
		if (pos >= 0 && pos < 64)
			seen |= (uint64_t)1 << pos;
		if (pos >= 0 && v.type == MSGPACK_OBJECT_NIL)
			continue;
		if (pos >= 0 && rd_fits(&e->fields[pos], &v)) {
			record_clear(r, pos);
			rd_value(&v, &r->v[pos]);
			continue;
		}
		/* Unknown to this binary: keep it verbatim. */
		rd_keep(r, (uint32_t)k.u, &v);
	}
	codec_restore(r, seen);
	*out = r;
	return (0);
}

/* The value of field fid in the map m: as codec_get() answers.  A field
 * absent that follows from others (e: NULL, those of every entity): what
 * follows. */
struct codec_src {
	const struct codec_map	*m;
	const struct entity_def	*e;
};

static int	 codec_map_value(const struct codec_map *,
		     const struct entity_def *, unsigned, struct value *);

static int
codec_get_map(void *arg, unsigned fid, struct value *out)
{
	const struct codec_src	*src = arg;

	return (codec_map_value(src->m, NULL, fid, out));
}

static int
codec_map_value(const struct codec_map *m, const struct entity_def *e,
    unsigned fid, struct value *out)
{
	struct codec_src	 src;
	struct rd		 rd;
	struct rd_obj		 k, v;
	uint64_t		 n, i;

	memset(out, 0, sizeof *out);
	if (m->npairs != SIZE_MAX) {
		/* The keys as codec_map_open found them: the value read
		 * where it starts. */
		for (i = 0; i < m->npairs; i++)
			if (m->key[i] == fid)
				break;
		if (i < m->npairs) {
			rd.p = (const unsigned char *)m->data + m->off[i];
			rd.end = (const unsigned char *)m->data + m->len;
			rd.left = PROTO_MAX_OBJECTS;
			if (rd_next(&rd, &v) != 0)
				return (0);
			return (rd_scalar(&v, out));
		}
		n = 0;		/* not there: what follows from others */
	} else if (rd_map(&rd, m->data, m->len, &n) != 0)
		return (0);
	for (i = 0; i < n; i++) {
		if (rd_next(&rd, &k) != 0 || rd_next(&rd, &v) != 0)
			return (0);
		if (k.type == MSGPACK_OBJECT_POSITIVE_INTEGER && k.u == fid)
			return (rd_scalar(&v, out));
	}
	src.m = m;
	src.e = e;
	return (codec_derive(e, fid, codec_get_map, &src, out));
}

int
codec_find(const void *data, size_t len, unsigned fid, struct value *out)
{
	return (codec_get(NULL, data, len, fid, out));
}

int
codec_get(const struct entity_def *e, const void *data, size_t len,
    unsigned fid, struct value *out)
{
	struct codec_map	 m;
	int			 found;

	memset(out, 0, sizeof *out);
	if (codec_map_open(&m, data, len) != 0)
		return (-1);
	found = codec_map_get(&m, e, fid, out);
	codec_map_close(&m);
	return (found);
}

/*
 * The bytes checked once (a map at the top, and every key and value read
 * as mp_check would walk them), and where each pair's value starts noted:
 * a look-up compares the keys and reads its value alone, not a walk of
 * the map to it (a put's index callbacks, the audit's references).
 */
int
codec_map_open(struct codec_map *m, const void *data, size_t len)
{
	struct rd	 rd;
	struct rd_obj	 k, v;
	uint64_t	 n, i;

	m->data = NULL;
	m->len = 0;
	m->npairs = 0;
	if (rd_map(&rd, data, len, &n) != 0)
		return (-1);
	for (i = 0; i < n; i++) {
		if (rd_next(&rd, &k) != 0)
			return (-1);
		if (i < CODEC_MAP_PAIRS) {
			m->key[i] = k.type == MSGPACK_OBJECT_POSITIVE_INTEGER &&
			    k.u != UINT64_MAX ? k.u : UINT64_MAX;
			m->off[i] = (uint32_t)(rd.p -
			    (const unsigned char *)data);
		}
		if (rd_next(&rd, &v) != 0)
			return (-1);
	}
	m->data = data;
	m->len = len;
	m->npairs = n <= CODEC_MAP_PAIRS && len <= UINT32_MAX ? (size_t)n :
	    SIZE_MAX;
	return (0);
}

int
codec_map_find(const struct codec_map *m, unsigned fid, struct value *out)
{
	return (codec_map_get(m, NULL, fid, out));
}

int
codec_map_get(const struct codec_map *m, const struct entity_def *e,
    unsigned fid, struct value *out)
{
	memset(out, 0, sizeof *out);
	return (codec_map_value(m, e, fid, out));
}

void
codec_map_close(struct codec_map *m)
{
	m->data = NULL;
	m->len = 0;
	m->npairs = 0;
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
	uint64_t		 seen_bits = 0;
	size_t			 off = 0, i;
	int			 pos;

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
	for (i = 0; i < e->nfields && i < 64; i++)
		if (seen[i])
			seen_bits |= (uint64_t)1 << i;
	codec_restore(r, seen_bits);
	free(seen);
	msgpack_unpacked_destroy(&u);
	*out = r;
	return (0);

fail:
	free(seen);
	record_free(r);
	msgpack_unpacked_destroy(&u);
	return (-1);
}
