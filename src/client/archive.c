#include "config.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "audit.h"
#include "client/archive.h"
#include "client/client.h"
#include "dict/codec.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "i18n.h"
#include "xmalloc.h"

#define CA_PART		(4u << 20)	/* bytes a request, at most */

static int
ca_fail(struct client_reply *r, int rc, char **cause)
{
	*cause = xstrdup(r->err != NULL ? r->err : _("refused"));
	client_reply_free(r);
	return (rc);
}

static void
copy_str(const msgpack_object *o, const char *key, char *buf, size_t len)
{
	char	*s;

	buf[0] = '\0';
	if ((s = mobj_strdup(o, key)) != NULL) {
		snprintf(buf, len, "%s", s);
		free(s);
	}
}

/* One try: begin, the parts (each read from fd, hashed), commit with
 * the hash.  EX_TEMPFAIL with *cut set when the server no longer had
 * the upload (the connection was mended). */
static int
attach_once(struct client *c, const char *target, const char *name,
    const char *note, int fd, uint64_t size, struct ca_attached *out,
    int *cut, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	struct sha256_ctx	 ctx;
	unsigned char		 sha[SHA256_DIGEST_SIZE];
	char			 hex[2 * SHA256_DIGEST_SIZE + 1], *buf;
	uint64_t		 off;
	size_t			 n, part = CA_PART;
	ssize_t			 got;
	int64_t			 want;
	int			 rc;

	*cut = 0;
	client_req(c, &m, "attach_begin", note != NULL ? 4 : 3);
	mb_kstr(&m, "target", target);
	mb_kstr(&m, "name", name);
	mb_kint(&m, "size", (int64_t)size);
	if (note != NULL)
		mb_kstr(&m, "note", note);
	if ((rc = client_call(c, &m, &r)) != 0)
		return (ca_fail(&r, rc, cause));
	/* The server says how big a part it takes. */
	want = mobj_int(r.data, "part", CA_PART);
	if (want > 0 && (uint64_t)want < part)
		part = (size_t)want;
	client_reply_free(&r);
	buf = xmalloc(part);
	sha256_init(&ctx);
	for (off = 0; off < size; off += n) {
		n = size - off < part ? (size_t)(size - off) : part;
		got = pread(fd, buf, n, (off_t)off);
		if (got < 0 || (size_t)got != n) {
			xasprintf(cause, got < 0 ? _("cannot read the file: "
			    "%s") : _("the file got shorter while it was read "
			    "(%s)"), strerror(errno));
			free(buf);
			return (EX_NOINPUT);
		}
		sha256_update(&ctx, n, (uint8_t *)buf);
		client_req(c, &m, "attach_part", 2);
		mb_kint(&m, "off", (int64_t)off);
		mb_str(&m, "bytes");
		mb_bin(&m, buf, n);
		if ((rc = client_call(c, &m, &r)) != 0) {
			free(buf);
			*cut = rc == EX_TEMPFAIL;
			return (ca_fail(&r, rc, cause));
		}
		client_reply_free(&r);
	}
	free(buf);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, sha);
	audit_hex(sha, hex);
	client_req(c, &m, "attach_commit", 1);
	mb_kstr(&m, "sha256", hex);
	if ((rc = client_call(c, &m, &r)) != 0) {
		*cut = rc == EX_TEMPFAIL;
		return (ca_fail(&r, rc, cause));
	}
	memset(out, 0, sizeof *out);
	out->id = (uint64_t)mobj_int(r.data, "id", 0);
	out->sends = mobj_int(r.data, "sends", 1);
	copy_str(r.data, "code", out->code, sizeof out->code);
	copy_str(r.data, "doc", out->doc, sizeof out->doc);
	client_reply_free(&r);
	if (out->id == 0) {
		*cause = xstrdup(_("malformed answer"));
		return (EX_PROTOCOL);
	}
	return (0);
}

int
ca_attach(struct client *c, const char *target, const char *name,
    const char *note, int fd, uint64_t size, struct ca_attached *out,
    char **cause)
{
	int	 rc = 0, cut, tries;

	for (tries = 0; tries < 2; tries++) {
		rc = attach_once(c, target, name, note, fd, size, out, &cut,
		    cause);
		if (rc == 0 || !cut || tries == 1)
			break;
		free(*cause);
		*cause = NULL;
	}
	return (rc);
}

int
ca_get(struct client *c, const char *id, struct record **out, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	const char		*p;
	size_t			 len;
	int			 rc;

	*out = NULL;
	client_req(c, &m, "archive_get", 1);
	mb_kstr(&m, "id", id);
	if ((rc = client_call(c, &m, &r)) != 0)
		return (ca_fail(&r, rc, cause));
	if (mobj_bin(r.data, "rec", &p, &len) != 0 ||
	    codec_decode(dict_entity("archive"), p, len, out, cause) != 0) {
		if (*cause == NULL)
			*cause = xstrdup(_("malformed answer"));
		client_reply_free(&r);
		return (EX_PROTOCOL);
	}
	client_reply_free(&r);
	return (0);
}

int
ca_fetch(struct client *c, const struct record *e,
    int (*out)(void *, const void *, size_t), void *arg, char **cause)
{
	const struct entity_def	*ae = e->ent;
	struct client_reply	 r;
	struct msgb		 m;
	struct sha256_ctx	 ctx;
	unsigned char		 sha[SHA256_DIGEST_SIZE];
	char			 hex[2 * SHA256_DIGEST_SIZE + 1];
	const char		*p, *want;
	size_t			 len;
	uint64_t		 off = 0, size;
	int			 rc;

	size = (uint64_t)record_int(e, dict_field_pos(ae, "size"));
	want = record_str(e, dict_field_pos(ae, "sha256"));
	sha256_init(&ctx);
	for (;;) {
		client_req(c, &m, "archive_read", 3);
		mb_kint(&m, "id", (int64_t)record_id(e));
		mb_kint(&m, "off", (int64_t)off);
		mb_kint(&m, "len", CA_PART);
		if ((rc = client_call(c, &m, &r)) != 0)
			return (ca_fail(&r, rc, cause));
		if (mobj_bin(r.data, "bytes", &p, &len) != 0) {
			client_reply_free(&r);
			*cause = xstrdup(_("malformed answer"));
			return (EX_PROTOCOL);
		}
		if (len == 0) {
			client_reply_free(&r);
			break;
		}
		sha256_update(&ctx, len, (const uint8_t *)p);
		off += len;
		rc = off > size ? -1 : out(arg, p, len);
		client_reply_free(&r);
		if (rc != 0) {
			if (off > size)
				break;
			return (rc);
		}
		if (off == size)
			break;
	}
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, sha);
	audit_hex(sha, hex);
	if (off != size || want == NULL || strcmp(hex, want) != 0) {
		xasprintf(cause, _("archive entry %s: the bytes read back (%llu, "
		    "SHA-256 %s) are not those archived (%llu, %s): kontor "
		    "check tells more"), record_str(e, FX_CODE),
		    (unsigned long long)off, hex, (unsigned long long)size,
		    want != NULL ? want : "?");
		return (EX_DATAERR);
	}
	return (0);
}

int
ca_list(struct client *c, const char *target, struct record ***rows,
    size_t *n, char **cause)
{
	const struct entity_def	*ae = dict_entity("archive");
	const msgpack_object	*o;
	struct client_reply	 r;
	struct msgb		 m;
	struct record		*rec;
	uint32_t		 i;
	int			 rc;

	*rows = NULL;
	*n = 0;
	client_req(c, &m, "archive_list", 1);
	mb_kstr(&m, "target", target);
	if ((rc = client_call(c, &m, &r)) != 0)
		return (ca_fail(&r, rc, cause));
	o = mobj_get(r.data, "rows");
	if (o == NULL || o->type != MSGPACK_OBJECT_ARRAY) {
		client_reply_free(&r);
		*cause = xstrdup(_("malformed answer"));
		return (EX_PROTOCOL);
	}
	for (i = 0; i < o->via.array.size; i++) {
		const msgpack_object	*b = &o->via.array.ptr[i];

		if (b->type != MSGPACK_OBJECT_BIN || codec_decode(ae,
		    b->via.bin.ptr, b->via.bin.size, &rec, cause) != 0) {
			if (*cause == NULL)
				*cause = xstrdup(_("malformed answer"));
			client_reply_free(&r);
			while (*n > 0)
				record_free((*rows)[--*n]);
			free(*rows);
			*rows = NULL;
			return (EX_PROTOCOL);
		}
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		(*rows)[(*n)++] = rec;
	}
	client_reply_free(&r);
	return (0);
}

char *
ca_dest_words(const char *dest, int64_t sends)
{
	char	*w, *s;

	if (dest == NULL || *dest == '\0')
		w = xstrdup("-");
	else if (strncmp(dest, "printer:", 8) == 0)
		xasprintf(&w, _("printer %s"), dest + 8);
	else if (strncmp(dest, "mail:", 5) == 0)
		xasprintf(&w, _("e-mail %s"), dest + 5);
	else if (strcmp(dest, "file") == 0)
		w = xstrdup(_("file"));
	else if (strcmp(dest, "screen") == 0)
		w = xstrdup(_("screen"));
	else
		w = xstrdup(dest);
	if (sends <= 1)
		return (w);
	xasprintf(&s, P_("%s (%lld time)", "%s (%lld times)", sends), w,
	    (long long)sends);
	free(w);
	return (s);
}

char *
ca_what_words(const struct record *e)
{
	const char	*kind = record_str(e, dict_field_pos(e->ent, "kind"));
	const char	*form = record_str(e, dict_field_pos(e->ent, "form"));
	const char	*fmt = record_str(e, dict_field_pos(e->ent, "format"));
	const char	*name = record_str(e, dict_field_pos(e->ent, "name"));
	char		*w;

	if (kind != NULL && strcmp(kind, "print") == 0 && form != NULL)
		xasprintf(&w, "%s, %s", form, fmt != NULL ? fmt : "?");
	else
		w = xstrdup(name != NULL ? name : "?");
	return (w);
}
