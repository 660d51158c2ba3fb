#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proto.h"
#include "xmalloc.h"

int
full_write(int fd, const void *p, size_t len)
{
	const char	*c = p;
	ssize_t		 n;

	while (len > 0) {
		if ((n = write(fd, c, len)) < 0) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		c += n;
		len -= (size_t)n;
	}
	return (0);
}

static int
full_read(int fd, void *p, size_t len)
{
	char	*c = p;
	ssize_t	 n;

	while (len > 0) {
		if ((n = read(fd, c, len)) < 0) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		if (n == 0) {
			errno = EPIPE;
			return (-1);
		}
		c += n;
		len -= (size_t)n;
	}
	return (0);
}

int
proto_write(int fd, const void *data, size_t len)
{
	unsigned char	 hdr[4];
	char		*frame;
	int		 rc;

	if (len > PROTO_MAX_FRAME) {
		errno = EMSGSIZE;
		return (-1);
	}
	hdr[0] = (unsigned char)(len >> 24);
	hdr[1] = (unsigned char)(len >> 16);
	hdr[2] = (unsigned char)(len >> 8);
	hdr[3] = (unsigned char)len;
	/* One write for small frames: no Nagle-like split on the socket. */
	if (len < 65536) {
		frame = xmalloc(len + 4);
		memcpy(frame, hdr, 4);
		memcpy(frame + 4, data, len);
		rc = full_write(fd, frame, len + 4);
		free(frame);
		return (rc);
	}
	if (full_write(fd, hdr, 4) != 0)
		return (-1);
	return (full_write(fd, data, len));
}

size_t
proto_frame_len(const unsigned char *hdr)
{
	return (((size_t)hdr[0] << 24) | ((size_t)hdr[1] << 16) |
	    ((size_t)hdr[2] << 8) | hdr[3]);
}

int
proto_read(int fd, char **data, size_t *len)
{
	unsigned char	 hdr[4];
	size_t		 n;
	char		*p;

	if (full_read(fd, hdr, 4) != 0)
		return (-1);
	n = proto_frame_len(hdr);
	if (n > PROTO_MAX_FRAME) {
		errno = EMSGSIZE;
		return (-1);
	}
	p = xmalloc(n + 1);
	if (full_read(fd, p, n) != 0) {
		free(p);
		return (-1);
	}
	*data = p;
	*len = n;
	return (0);
}

void
mb_init(struct msgb *m)
{
	msgpack_sbuffer_init(&m->sb);
	msgpack_packer_init(&m->pk, &m->sb, msgpack_sbuffer_write);
}

void
mb_free(struct msgb *m)
{
	msgpack_sbuffer_destroy(&m->sb);
}

void
mb_reset(struct msgb *m)
{
	msgpack_sbuffer_clear(&m->sb);
}

void
mb_map(struct msgb *m, size_t n)
{
	msgpack_pack_map(&m->pk, n);
}

void
mb_array(struct msgb *m, size_t n)
{
	msgpack_pack_array(&m->pk, n);
}

void
mb_strn(struct msgb *m, const char *s, size_t len)
{
	msgpack_pack_str(&m->pk, len);
	msgpack_pack_str_body(&m->pk, s, len);
}

void
mb_str(struct msgb *m, const char *s)
{
	if (s == NULL)
		msgpack_pack_nil(&m->pk);
	else
		mb_strn(m, s, strlen(s));
}

void
mb_int(struct msgb *m, int64_t v)
{
	msgpack_pack_int64(&m->pk, v);
}

void
mb_bin(struct msgb *m, const void *p, size_t len)
{
	msgpack_pack_bin(&m->pk, len);
	msgpack_pack_bin_body(&m->pk, p, len);
}

void
mb_nil(struct msgb *m)
{
	msgpack_pack_nil(&m->pk);
}

void
mb_bool(struct msgb *m, int v)
{
	if (v)
		msgpack_pack_true(&m->pk);
	else
		msgpack_pack_false(&m->pk);
}

void
mb_kstr(struct msgb *m, const char *k, const char *v)
{
	mb_str(m, k);
	mb_str(m, v);
}

void
mb_kint(struct msgb *m, const char *k, int64_t v)
{
	mb_str(m, k);
	mb_int(m, v);
}

void
mb_kbool(struct msgb *m, const char *k, int v)
{
	mb_str(m, k);
	mb_bool(m, v);
}

/* A big-endian unsigned of n bytes at p. */
static uint64_t
be_uint(const unsigned char *p, size_t n)
{
	uint64_t	 v = 0;

	while (n-- > 0)
		v = (v << 8) | *p++;
	return (v);
}

int
mp_check(const void *data, size_t len, size_t max_objects, const char **why)
{
	size_t	 size, objects;

	return (mp_size(data, len, max_objects, &size, &objects, why));
}

int
mp_size(const void *data, size_t len, size_t max_objects, size_t *size,
    size_t *nobj, const char **why)
{
	const unsigned char	*p = data, *end = p + len;
	uint64_t		 pending = 1, objects = 0, n;
	size_t			 skip, sizelen;
	unsigned char		 b;

	while (pending > 0) {
		if (p >= end) {
			*why = "truncated";
			return (-1);
		}
		pending--;
		if (++objects > max_objects) {
			*why = "too many objects";
			return (-1);
		}
		b = *p++;
		skip = sizelen = 0;
		n = 0;		/* elements a container claims */
		if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 ||
		    b == 0xc3)
			continue;
		if (b >= 0x80 && b <= 0x8f)
			n = 2 * (uint64_t)(b & 0x0f);
		else if (b >= 0x90 && b <= 0x9f)
			n = b & 0x0f;
		else if (b >= 0xa0 && b <= 0xbf)
			skip = b & 0x1f;
		else {
			switch (b) {
			case 0xc4: case 0xd9:		/* bin8, str8 */
				sizelen = 1;
				break;
			case 0xc5: case 0xda:		/* bin16, str16 */
				sizelen = 2;
				break;
			case 0xc6: case 0xdb:		/* bin32, str32 */
				sizelen = 4;
				break;
			case 0xc7:			/* ext8 */
				sizelen = 1;
				skip = 1;
				break;
			case 0xc8:
				sizelen = 2;
				skip = 1;
				break;
			case 0xc9:
				sizelen = 4;
				skip = 1;
				break;
			case 0xca: case 0xce: case 0xd2:
				skip = 4;
				break;
			case 0xcb: case 0xcf: case 0xd3:
				skip = 8;
				break;
			case 0xcc: case 0xd0:
				skip = 1;
				break;
			case 0xcd: case 0xd1:
				skip = 2;
				break;
			case 0xd4: case 0xd5: case 0xd6: case 0xd7: case 0xd8:
				skip = 1 + ((size_t)1 << (b - 0xd4));
				break;
			case 0xdc: case 0xde:	/* array16, map16 */
			case 0xdd: case 0xdf:	/* array32, map32 */
				sizelen = (b == 0xdc || b == 0xde) ? 2 : 4;
				if ((size_t)(end - p) < sizelen) {
					*why = "truncated";
					return (-1);
				}
				n = be_uint(p, sizelen);
				if (b == 0xde || b == 0xdf)
					n *= 2;
				p += sizelen;
				sizelen = 0;
				break;
			default:			/* 0xc1 */
				*why = "not msgpack";
				return (-1);
			}
		}
		if (sizelen > 0) {
			if ((size_t)(end - p) < sizelen) {
				*why = "truncated";
				return (-1);
			}
			skip += (size_t)be_uint(p, sizelen);
			p += sizelen;
		}
		if (skip > (size_t)(end - p)) {
			*why = "a string longer than the frame";
			return (-1);
		}
		p += skip;
		/* Each element takes a byte at least. */
		if (n > (uint64_t)(end - p) ||
		    pending + n > (uint64_t)(end - p)) {
			*why = "a container claims more elements than the "
			    "frame holds";
			return (-1);
		}
		pending += n;
	}
	*size = (size_t)(p - (const unsigned char *)data);
	*nobj = (size_t)objects;
	return (0);
}

int
msg_parse(struct msg *m, const void *data, size_t len)
{
	size_t		 off = 0;
	const char	*why;

	m->root = NULL;
	if (mp_check(data, len, PROTO_MAX_OBJECTS, &why) != 0)
		return (-1);
	msgpack_unpacked_init(&m->u);
	if (msgpack_unpack_next(&m->u, data, len, &off) !=
	    MSGPACK_UNPACK_SUCCESS || m->u.data.type != MSGPACK_OBJECT_MAP) {
		msgpack_unpacked_destroy(&m->u);
		m->root = NULL;
		return (-1);
	}
	m->root = &m->u.data;
	return (0);
}

void
msg_free(struct msg *m)
{
	if (m->root != NULL)
		msgpack_unpacked_destroy(&m->u);
	m->root = NULL;
}

const msgpack_object *
mobj_get(const msgpack_object *o, const char *key)
{
	size_t	 i, klen = strlen(key);

	if (o == NULL || o->type != MSGPACK_OBJECT_MAP)
		return (NULL);
	for (i = 0; i < o->via.map.size; i++) {
		const msgpack_object	*k = &o->via.map.ptr[i].key;

		if (k->type == MSGPACK_OBJECT_STR && k->via.str.size == klen &&
		    memcmp(k->via.str.ptr, key, klen) == 0)
			return (&o->via.map.ptr[i].val);
	}
	return (NULL);
}

int
mobj_is_str(const msgpack_object *o)
{
	return (o != NULL && o->type == MSGPACK_OBJECT_STR);
}

char *
mobj_dup(const msgpack_object *o)
{
	if (!mobj_is_str(o))
		return (NULL);
	return (xstrndup(o->via.str.ptr, o->via.str.size));
}

char **
mobj_strings(const msgpack_object *o, size_t *n)
{
	char		**v;
	uint32_t	  i;

	*n = 0;
	if (o == NULL || o->type != MSGPACK_OBJECT_ARRAY)
		return (NULL);
	v = xcalloc(o->via.array.size + 1, sizeof *v);
	for (i = 0; i < o->via.array.size; i++)
		v[i] = mobj_is_str(&o->via.array.ptr[i]) ?
		    mobj_dup(&o->via.array.ptr[i]) : xstrdup("");
	*n = o->via.array.size;
	return (v);
}

void
mobj_rows_add(const msgpack_object *o, size_t ncols, char ****rows,
    size_t *nrows)
{
	const msgpack_object	*row;
	uint32_t		 i;
	size_t			 j;

	for (i = 0; i < o->via.array.size; i++) {
		row = &o->via.array.ptr[i];
		if (row->type != MSGPACK_OBJECT_ARRAY || ncols == 0)
			continue;
		*rows = xreallocarray(*rows, *nrows + 1, sizeof **rows);
		(*rows)[*nrows] = xcalloc(ncols, sizeof ***rows);
		for (j = 0; j < ncols; j++)
			(*rows)[*nrows][j] = j < row->via.array.size &&
			    mobj_is_str(&row->via.array.ptr[j]) ?
			    mobj_dup(&row->via.array.ptr[j]) : xstrdup("");
		(*nrows)++;
	}
}

char *
mobj_strdup(const msgpack_object *o, const char *key)
{
	return (mobj_dup(mobj_get(o, key)));
}

int64_t
mobj_int(const msgpack_object *o, const char *key, int64_t def)
{
	const msgpack_object	*v = mobj_get(o, key);

	if (v == NULL)
		return (def);
	if (v->type == MSGPACK_OBJECT_POSITIVE_INTEGER)
		return ((int64_t)v->via.u64);
	if (v->type == MSGPACK_OBJECT_NEGATIVE_INTEGER)
		return (v->via.i64);
	if (v->type == MSGPACK_OBJECT_BOOLEAN)
		return (v->via.boolean);
	return (def);
}

int
mobj_bin(const msgpack_object *o, const char *key, const char **p,
    size_t *len)
{
	const msgpack_object	*v = mobj_get(o, key);

	if (v == NULL || v->type != MSGPACK_OBJECT_BIN)
		return (-1);
	*p = v->via.bin.ptr;
	*len = v->via.bin.size;
	return (0);
}
