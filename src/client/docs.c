#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "client/client.h"
#include "client/docs.h"
#include "dict/codec.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "i18n.h"
#include "xmalloc.h"

/* Sales documents go to the server's "sales" operation, stock documents
 * and purchase orders to "doc"; both take the same words. */
static const char *
doc_op(const char *entity)
{
	static const char *const sales[] = {
		"quotes", "sales_orders", "shipments", "customer_returns"
	};
	size_t	 i;

	for (i = 0; i < sizeof sales / sizeof sales[0]; i++)
		if (strcmp(entity, sales[i]) == 0)
			return ("sales");
	return ("doc");
}

static void
answer_read(const struct client_reply *r, struct cd_answer *a)
{
	char	*s;

	memset(a, 0, sizeof *a);
	if (r->data == NULL || r->data->type != MSGPACK_OBJECT_MAP)
		return;
	a->id = (uint64_t)mobj_int(r->data, "id", 0);
	a->rev = (uint32_t)mobj_int(r->data, "rev", 0);
	a->line = mobj_int(r->data, "line", 0);
	a->made = mobj_int(r->data, "made", 0);
	if ((s = mobj_strdup(r->data, "code")) != NULL) {
		snprintf(a->code, sizeof a->code, "%s", s);
		free(s);
	}
	if ((s = mobj_strdup(r->data, "status")) != NULL) {
		snprintf(a->status, sizeof a->status, "%s", s);
		free(s);
	}
}

/* Send m and read the answer into a; the refusal's words in *cause. */
static int
doc_call(struct client *c, struct msgb *m, struct cd_answer *a,
    char **cause)
{
	struct client_reply	 r;
	int			 rc;

	rc = client_call(c, m, &r);
	answer_read(&r, a);
	if (rc != 0)
		*cause = xstrdup(r.err != NULL ? r.err : _("refused"));
	client_reply_free(&r);
	return (rc);
}

int
cd_save(struct client *c, const struct record *hdr,
    struct record *const *lines, size_t n, unsigned flags,
    struct cd_answer *a, char **cause)
{
	struct msgb	 m;
	char		*p;
	size_t		 len, i;

	client_req(c, &m, doc_op(hdr->ent->name), (flags & CD_LINES) ? 7 : 6);
	mb_kstr(&m, "entity", hdr->ent->name);
	mb_kstr(&m, "action", "save");
	codec_encode(hdr, &p, &len);
	mb_str(&m, "rec");
	mb_bin(&m, p, len);
	free(p);
	mb_kint(&m, "rev", record_rev(hdr));
	mb_kbool(&m, "post", (flags & CD_POST) != 0);
	mb_kbool(&m, "over", (flags & CD_OVER) != 0);
	if (flags & CD_LINES) {
		mb_str(&m, "lines");
		mb_array(&m, n);
		for (i = 0; i < n; i++) {
			codec_encode(lines[i], &p, &len);
			mb_bin(&m, p, len);
			free(p);
		}
	}
	return (doc_call(c, &m, a, cause));
}

int
cd_action(struct client *c, const char *entity, const char *action,
    const char *code, unsigned flags, struct cd_answer *a, char **cause)
{
	struct msgb	 m;

	client_req(c, &m, doc_op(entity), code != NULL ? 4 : 3);
	mb_kstr(&m, "entity", entity);
	mb_kstr(&m, "action", action);
	mb_kbool(&m, "over", (flags & CD_OVER) != 0);
	if (code != NULL)
		mb_kstr(&m, "code", code);
	return (doc_call(c, &m, a, cause));
}

int
cd_find_product(struct client *c, const char *term, struct record **out,
    int64_t *pack, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	const char		*p;
	size_t			 len;
	int			 rc;

	*out = NULL;
	client_req(c, &m, "find_product", 1);
	mb_kstr(&m, "term", term);
	if ((rc = client_call(c, &m, &r)) != 0) {
		*cause = xstrdup(r.err != NULL ? r.err : _("refused"));
		client_reply_free(&r);
		return (rc);
	}
	if (mobj_bin(r.data, "rec", &p, &len) != 0 ||
	    codec_decode(dict_entity("products"), p, len, out, cause) != 0) {
		if (*cause == NULL)
			*cause = xstrdup(_("malformed answer"));
		client_reply_free(&r);
		return (EX_PROTOCOL);
	}
	*pack = mobj_int(r.data, "pack_qty", 1000);
	if (*pack <= 0)
		*pack = 1000;
	client_reply_free(&r);
	return (0);
}

void
cd_table_free(struct cd_table *t)
{
	size_t	 i, j;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++)
			free(t->rows[i][j]);
		free(t->rows[i]);
	}
	for (j = 0; j < t->ncols; j++)
		free(t->cols[j]);
	free(t->rows);
	free(t->cols);
	free(t);
}

const char *
cd_cell(const struct cd_table *t, size_t i, const char *col)
{
	size_t	 j;

	if (t == NULL || i >= t->nrows)
		return ("");
	for (j = 0; j < t->ncols; j++)
		if (strcmp(t->cols[j], col) == 0)
			return (t->rows[i][j] != NULL ? t->rows[i][j] : "");
	return ("");
}

/* One frame of a report: the header (an array of strings) or a page of
 * rows (an array of arrays of strings). */
static void
table_frame(struct cd_table *t, const msgpack_object *o)
{
	if (o == NULL || o->type != MSGPACK_OBJECT_ARRAY)
		return;
	if (o->via.array.size > 0 &&
	    o->via.array.ptr[0].type == MSGPACK_OBJECT_STR) {
		if (t->ncols == 0)
			t->cols = mobj_strings(o, &t->ncols);
		return;
	}
	mobj_rows_add(o, t->ncols, &t->rows, &t->nrows);
}

int
cd_report(struct client *c, const char *name, const char *key,
    int64_t limit, struct cd_table **out, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	struct cd_table		*t;
	int			 rc;

	*out = NULL;
	t = xcalloc(1, sizeof *t);
	client_req(c, &m, "report", 3);
	mb_kstr(&m, "name", name);
	mb_kstr(&m, "key", key);
	mb_kint(&m, "limit", limit);
	rc = client_call(c, &m, &r);
	while (rc == 0 && r.more) {
		table_frame(t, r.data);
		client_reply_free(&r);
		rc = client_next(c, &r);
	}
	if (rc != 0) {
		*cause = xstrdup(r.err != NULL ? r.err : _("report failed"));
		client_reply_free(&r);
		cd_table_free(t);
		return (rc);
	}
	client_reply_free(&r);
	*out = t;
	return (0);
}

int
cd_lots(struct client *c, uint64_t product, uint64_t warehouse,
    struct cd_lots *out, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	const msgpack_object	*v, *e;
	size_t			 i;
	int			 rc;

	memset(out, 0, sizeof *out);
	client_req(c, &m, "lots", 2);
	mb_kint(&m, "product", (int64_t)product);
	mb_kint(&m, "warehouse", (int64_t)warehouse);
	if ((rc = client_call(c, &m, &r)) != 0) {
		*cause = xstrdup(r.err != NULL ? r.err : _("refused"));
		client_reply_free(&r);
		return (rc);
	}
	out->warehouse = mobj_strdup(r.data, "warehouse");
	v = mobj_get(r.data, "lots");
	if (v != NULL && v->type == MSGPACK_OBJECT_ARRAY) {
		out->v = xcalloc(v->via.array.size + 1, sizeof *out->v);
		for (i = 0; i < v->via.array.size; i++) {
			e = &v->via.array.ptr[i];
			if (e->type != MSGPACK_OBJECT_ARRAY ||
			    e->via.array.size < 3 ||
			    !mobj_is_str(&e->via.array.ptr[0]))
				continue;
			out->v[out->n].lot = mobj_dup(&e->via.array.ptr[0]);
			out->v[out->n].qty = e->via.array.ptr[1].type ==
			    MSGPACK_OBJECT_POSITIVE_INTEGER ?
			    (int64_t)e->via.array.ptr[1].via.u64 :
			    e->via.array.ptr[1].via.i64;
			out->v[out->n].expiry = (int64_t)
			    e->via.array.ptr[2].via.u64;
			out->n++;
		}
	}
	if (out->warehouse == NULL)
		out->warehouse = xstrdup("?");
	client_reply_free(&r);
	return (0);
}

void
cd_lots_free(struct cd_lots *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].lot);
	free(l->v);
	free(l->warehouse);
	memset(l, 0, sizeof *l);
}
