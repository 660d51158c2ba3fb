#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "auth.h"
#include "client/client.h"
#include "client/records.h"
#include "dict/codec.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "i18n.h"
#include "xmalloc.h"

static int
fail(struct client_reply *r, char **cause)
{
	int	 rc = r->rc;

	*cause = xstrdup(r->err != NULL ? r->err : _("request failed"));
	client_reply_free(r);
	return (rc);
}

static int
decode_rows(const struct entity_def *e, const msgpack_object *a,
    struct record ***rows, size_t *n, char **cause)
{
	uint32_t	 i;
	struct record	*r;

	*rows = NULL;
	*n = 0;
	if (a == NULL || a->type != MSGPACK_OBJECT_ARRAY) {
		*cause = xstrdup(_("malformed answer"));
		return (EX_PROTOCOL);
	}
	*rows = xcalloc(a->via.array.size + 1, sizeof **rows);
	for (i = 0; i < a->via.array.size; i++) {
		const msgpack_object	*o = &a->via.array.ptr[i];

		if (o->type != MSGPACK_OBJECT_BIN || codec_decode(e,
		    o->via.bin.ptr, o->via.bin.size, &r, cause) != 0) {
			cr_rows_free(*rows, *n);
			*rows = NULL;
			*n = 0;
			if (*cause == NULL)
				*cause = xstrdup(_("malformed record"));
			return (EX_PROTOCOL);
		}
		(*rows)[(*n)++] = r;
	}
	return (0);
}

void
cr_rows_free(struct record **rows, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		record_free(rows[i]);
	free(rows);
}

int
cr_get(struct client *c, const struct entity_def *e, uint64_t id,
    const char *code, struct record **out, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	int			 rc;

	client_req(c, &m, "get", 2);
	mb_kstr(&m, "entity", e->name);
	if (code != NULL)
		mb_kstr(&m, "code", code);
	else
		mb_kint(&m, "id", (int64_t)id);
	if (client_call(c, &m, &r) != 0)
		return (fail(&r, cause));
	if (r.data == NULL || r.data->type != MSGPACK_OBJECT_BIN) {
		client_reply_free(&r);
		*cause = xstrdup(_("malformed answer"));
		return (EX_PROTOCOL);
	}
	rc = codec_decode(e, r.data->via.bin.ptr, r.data->via.bin.size, out,
	    cause);
	client_reply_free(&r);
	return (rc == 0 ? 0 : EX_PROTOCOL);
}

int
cr_put(struct client *c, struct record *rec, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	char			*p, *code;
	size_t			 len;

	codec_encode(rec, &p, &len);
	client_req(c, &m, "put", 3);
	mb_kstr(&m, "entity", rec->ent->name);
	mb_str(&m, "rec");
	mb_bin(&m, p, len);
	mb_kint(&m, "rev", record_rev(rec));
	free(p);
	if (client_call(c, &m, &r) != 0)
		return (fail(&r, cause));
	client_wrote(c);
	record_set_int(rec, FX_ID, mobj_int(r.data, "id", 0));
	record_set_int(rec, FX_REV, mobj_int(r.data, "rev", 0));
	if ((code = mobj_strdup(r.data, "code")) != NULL) {
		record_set_str(rec, FX_CODE, code);
		free(code);
	}
	client_reply_free(&r);
	return (0);
}

int
cr_delete(struct client *c, const struct entity_def *e, uint64_t id,
    uint32_t rev, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;

	client_req(c, &m, "delete", 3);
	mb_kstr(&m, "entity", e->name);
	mb_kint(&m, "id", (int64_t)id);
	mb_kint(&m, "rev", rev);
	if (client_call(c, &m, &r) != 0)
		return (fail(&r, cause));
	client_wrote(c);
	client_reply_free(&r);
	return (0);
}

int
cr_scan(struct client *c, const struct entity_def *e, const char *index,
    const struct value *from, uint64_t from_id, int dir, size_t limit,
    struct record ***rows, size_t *n, char **cause)
{
	return (cr_scan_refs(c, e, index, from, from_id, dir, limit, NULL,
	    NULL, rows, n, cause));
}

static int
line_cmp(const void *a, const void *b)
{
	const struct record	*x = *(struct record *const *)a;
	const struct record	*y = *(struct record *const *)b;
	int			 p = dict_field_pos(x->ent, "line");
	int64_t			 i = record_int(x, p), j = record_int(y, p);

	if (i != j)
		return (i < j ? -1 : 1);
	return (record_id(x) < record_id(y) ? -1 : 1);
}

int
cr_lines(struct client *c, const struct entity_def *e, const char *ref,
    uint64_t id, struct record ***out, size_t *nout, char **cause)
{
	struct record	**rows;
	struct value	 from;
	size_t		 n, i, k;
	int		 p = dict_field_pos(e, ref);

	memset(&from, 0, sizeof from);
	from.set = 1;
	from.i = (int64_t)id;
	if (cr_scan(c, e, ref, &from, 0, 1, 1000, &rows, &n, cause) != 0)
		return (-1);
	/* The scan runs on past the document's lines: keep its own. */
	for (i = k = 0; i < n; i++)
		if (record_int(rows[i], p) == (int64_t)id)
			rows[k++] = rows[i];
		else
			record_free(rows[i]);
	rows = xreallocarray(rows, k + 1, sizeof *rows);
	rows[k] = NULL;
	xqsort(rows, k, sizeof *rows, line_cmp);
	*out = rows;
	*nout = k;
	return (0);
}

int
cr_line_product(struct client *c, const struct record *line,
    const char *doc, struct record **out, char **cause)
{
	const struct entity_def	*pe = dict_entity("products");
	char			*why = NULL;
	int			 rc;

	rc = cr_get(c, pe, (uint64_t)record_int(line, dict_field_pos(line->ent,
	    "product")), NULL, out, &why);
	if (rc == 0)
		return (0);
	/* The server's refusal names the login and roles too: too long
	 * for the status line, where what may not be read must show. */
	if (rc == EX_NOPERM)
		xasprintf(cause, _("%s: lines not shown: you may not "
		    "view %s"), doc != NULL ? doc : "?",
		    auth_area_title(pe->area));
	else
		xasprintf(cause, _("%s: lines not shown: %s"),
		    doc != NULL ? doc : "?", why);
	free(why);
	return (rc);
}

int
cr_scan_refs(struct client *c, const struct entity_def *e, const char *index,
    const struct value *from, uint64_t from_id, int dir, size_t limit,
    cr_ref_fn ref, void *arg, struct record ***rows, size_t *n,
    char **cause)
{
	struct client_reply	 r;
	const msgpack_object	*refs, *a;
	struct msgb		 m;
	char			*ent, *code, *name;
	uint32_t		 i;
	int			 rc, named;

	client_req(c, &m, "scan", ref != NULL ? 7 : 6);
	if (ref != NULL)
		mb_kbool(&m, "refs", 1);
	mb_kstr(&m, "entity", e->name);
	mb_kstr(&m, "index", index);
	mb_str(&m, "from");
	if (from == NULL || !from->set)
		mb_nil(&m);
	else if (from->s != NULL)
		mb_str(&m, from->s);
	else
		mb_int(&m, from->i);
	mb_kint(&m, "from_id", (int64_t)from_id);
	mb_kint(&m, "dir", dir);
	mb_kint(&m, "limit", (int64_t)limit);
	if (client_call(c, &m, &r) != 0)
		return (fail(&r, cause));
	if (ref == NULL || r.data == NULL ||
	    r.data->type != MSGPACK_OBJECT_MAP) {
		rc = decode_rows(e, r.data, rows, n, cause);
		client_reply_free(&r);
		return (rc);
	}
	refs = mobj_get(r.data, "refs");
	for (i = 0; refs != NULL && refs->type == MSGPACK_OBJECT_ARRAY &&
	    i < refs->via.array.size; i++) {
		a = &refs->via.array.ptr[i];
		if (a->type != MSGPACK_OBJECT_ARRAY || a->via.array.size < 3 ||
		    a->via.array.size > 4)
			continue;
		/* [entity, id, code] or [entity, id, code, name or nil] */
		ent = mobj_dup(&a->via.array.ptr[0]);
		code = mobj_dup(&a->via.array.ptr[2]);
		named = a->via.array.size == 4;
		name = named ? mobj_dup(&a->via.array.ptr[3]) : NULL;
		if (ent != NULL && code != NULL)
			ref(arg, ent, a->via.array.ptr[1].via.i64, code, name,
			    named);
		free(ent);
		free(code);
		free(name);
	}
	rc = decode_rows(e, mobj_get(r.data, "rows"), rows, n, cause);
	client_reply_free(&r);
	return (rc);
}

int
cr_search(struct client *c, const struct entity_def *e, const char *field,
    const char *prefix, size_t limit, struct record ***rows, size_t *n,
    char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	int			 rc;

	client_req(c, &m, "search", 4);
	mb_kstr(&m, "entity", e->name);
	mb_kstr(&m, "field", field);
	mb_kstr(&m, "prefix", prefix);
	mb_kint(&m, "limit", (int64_t)limit);
	if (client_call(c, &m, &r) != 0)
		return (fail(&r, cause));
	rc = decode_rows(e, r.data, rows, n, cause);
	client_reply_free(&r);
	return (rc);
}

/* --- drafts: a hang-up's unsaved work, kept for this login ------------- */

int
cr_draft_put(struct client *c, const struct draft_info *d, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;

	client_req(c, &m, "draft_put", 6);
	mb_kstr(&m, "screen", d->screen);
	mb_kstr(&m, "entity", d->entity);
	mb_kstr(&m, "target", d->target);
	mb_kint(&m, "rev", d->rev);
	mb_kstr(&m, "title", d->title);
	mb_kstr(&m, "texts", d->texts);
	if (client_call(c, &m, &r) != 0)
		return (fail(&r, cause));
	client_reply_free(&r);
	return (0);
}

int
cr_drafts(struct client *c, struct record ***rows, size_t *n, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	int			 rc;

	client_req(c, &m, "drafts", 0);
	if (client_call(c, &m, &r) != 0)
		return (fail(&r, cause));
	rc = decode_rows(dict_entity("drafts"), r.data, rows, n, cause);
	client_reply_free(&r);
	return (rc);
}

int
cr_draft_drop(struct client *c, uint64_t id, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;

	client_req(c, &m, "draft_drop", 1);
	mb_kint(&m, "id", (int64_t)id);
	if (client_call(c, &m, &r) != 0)
		return (fail(&r, cause));
	client_reply_free(&r);
	return (0);
}

/*
 * A form's texts as one text value: a line "name=value" per field, with
 * a newline in a value written \n and a backslash \\.
 */
void
draft_texts_add(struct buf *b, const char *name, const char *text)
{
	buf_printf(b, "%s=", name);
	for (; *text != '\0'; text++) {
		if (*text == '\n')
			buf_adds(b, "\\n");
		else if (*text == '\\')
			buf_adds(b, "\\\\");
		else
			buf_addc(b, *text);
	}
	buf_addc(b, '\n');
}

char *
draft_texts_get(const char *texts, const char *name)
{
	struct buf	 b = { 0 };
	const char	*p = texts;
	size_t		 len = strlen(name);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, name, len) == 0 && p[len] == '=') {
			for (p += len + 1; *p != '\0' && *p != '\n'; p++) {
				if (*p == '\\' && p[1] == 'n') {
					buf_addc(&b, '\n');
					p++;
				} else if (*p == '\\' && p[1] == '\\') {
					buf_addc(&b, '\\');
					p++;
				} else
					buf_addc(&b, *p);
			}
			buf_addc(&b, '\0');
			return (buf_steal(&b));
		}
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	}
	return (NULL);
}
