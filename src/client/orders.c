#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/client.h"
#include "client/docs.h"
#include "client/orders.h"
#include "dict/codec.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "i18n.h"
#include "xmalloc.h"

/* Send m; the answer (or the line a refusal is about) into a. */
static int
co_call(struct client *c, struct msgb *m, struct cd_answer *a, char **cause)
{
	struct client_reply	 r;
	char			*s;
	int			 rc;

	memset(a, 0, sizeof *a);
	rc = client_call(c, m, &r);
	if (r.data != NULL && r.data->type == MSGPACK_OBJECT_MAP) {
		a->id = (uint64_t)mobj_int(r.data, "id", 0);
		a->rev = (uint32_t)mobj_int(r.data, "rev", 0);
		a->line = mobj_int(r.data, "line", 0);
		if ((s = mobj_strdup(r.data, "code")) != NULL) {
			snprintf(a->code, sizeof a->code, "%s", s);
			free(s);
		}
		if ((s = mobj_strdup(r.data, "status")) != NULL) {
			snprintf(a->status, sizeof a->status, "%s", s);
			free(s);
		}
	}
	if (rc != 0)
		*cause = xstrdup(r.err != NULL ? r.err : _("refused"));
	client_reply_free(&r);
	return (rc);
}

/* Save hdr and its lines; with post, confirmed in the same request
 * (override: past credit control). */
static int
save_req(struct client *c, const struct record *hdr,
    struct record *const *lines, size_t n, int post, int override,
    struct cd_answer *a, char **cause)
{
	struct msgb	 m;
	char		*p;
	size_t		 len, i;

	client_req(c, &m, "sales", 5 + (post ? 1 : 0) + (override ? 1 : 0));
	mb_kstr(&m, "entity", hdr->ent->name);
	mb_kstr(&m, "action", "save");
	if (post)
		mb_kbool(&m, "post", 1);
	if (override)
		mb_kbool(&m, "override", 1);
	codec_encode(hdr, &p, &len);
	mb_str(&m, "rec");
	mb_bin(&m, p, len);
	free(p);
	mb_kint(&m, "rev", record_rev(hdr));
	mb_str(&m, "lines");
	mb_array(&m, n);
	for (i = 0; i < n; i++) {
		codec_encode(lines[i], &p, &len);
		mb_bin(&m, p, len);
		free(p);
	}
	return (co_call(c, &m, a, cause));
}

int
co_save(struct client *c, const struct record *hdr,
    struct record *const *lines, size_t n, struct cd_answer *a, char **cause)
{
	return (save_req(c, hdr, lines, n, 0, 0, a, cause));
}

int
co_save_post(struct client *c, const struct record *hdr,
    struct record *const *lines, size_t n, int override,
    struct cd_answer *a, char **cause)
{
	return (save_req(c, hdr, lines, n, 1, override, a, cause));
}

/* An action on a document; over: go on past what the server would
 * otherwise ask about (an expired quote). */
static int
action_req(struct client *c, const char *code, const char *action, int over,
    struct cd_answer *a, char **cause)
{
	struct msgb	 m;

	client_req(c, &m, "sales", over ? 3 : 2);
	mb_kstr(&m, "action", action);
	mb_kstr(&m, "code", code);
	if (over)
		mb_kbool(&m, "over", 1);
	return (co_call(c, &m, a, cause));
}

int
co_action(struct client *c, const char *code, const char *action,
    struct cd_answer *a, char **cause)
{
	return (action_req(c, code, action, 0, a, cause));
}

int
co_action_over(struct client *c, const char *code, const char *action,
    struct cd_answer *a, char **cause)
{
	return (action_req(c, code, action, 1, a, cause));
}

int
co_ship_post(struct client *c, const char *code, struct cd_answer *a,
    char **cause)
{
	struct msgb	 m;

	client_req(c, &m, "sales", 3);
	mb_kstr(&m, "action", "ship");
	mb_kstr(&m, "code", code);
	mb_kbool(&m, "post", 1);
	return (co_call(c, &m, a, cause));
}

int
co_price(struct client *c, uint64_t customer, uint64_t product,
    uint64_t warehouse, int64_t date, int64_t qty, int64_t price,
    struct co_price *p, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	int			 rc;

	memset(p, 0, sizeof *p);
	client_req(c, &m, "sales_price", price >= 0 ? 6 : 5);
	mb_kint(&m, "customer", (int64_t)customer);
	mb_kint(&m, "product", (int64_t)product);
	mb_kint(&m, "warehouse", (int64_t)warehouse);
	mb_kint(&m, "date", date);
	mb_kint(&m, "qty", qty);
	if (price >= 0)
		mb_kint(&m, "price", price);
	if ((rc = client_call(c, &m, &r)) != 0) {
		*cause = xstrdup(r.err != NULL ? r.err : _("refused"));
		client_reply_free(&r);
		return (rc);
	}
	p->price = mobj_int(r.data, "price", 0);
	p->discount = mobj_int(r.data, "discount", 0);
	p->net = mobj_int(r.data, "net", 0);
	p->vat = mobj_int(r.data, "vat", 0);
	p->gross = mobj_int(r.data, "gross", 0);
	p->cost = mobj_int(r.data, "cost", -1);
	p->on_hand = mobj_int(r.data, "on_hand", 0);
	p->available = mobj_int(r.data, "available", 0);
	p->atp = mobj_int(r.data, "atp", -1);
	p->rate = (int)mobj_int(r.data, "rate", 0);
	p->below_cost = mobj_int(r.data, "below_cost", 0) != 0;
	p->vat_included = mobj_int(r.data, "vat_included", 0) != 0;
	client_reply_free(&r);
	return (0);
}

int
co_atp(struct client *c, uint64_t product, uint64_t warehouse, int64_t qty,
    int64_t *date, int64_t *free_, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	int			 rc;

	*date = *free_ = 0;
	client_req(c, &m, "atp", 3);
	mb_kint(&m, "product", (int64_t)product);
	mb_kint(&m, "warehouse", (int64_t)warehouse);
	mb_kint(&m, "qty", qty);
	if ((rc = client_call(c, &m, &r)) != 0) {
		*cause = xstrdup(r.err != NULL ? r.err : _("refused"));
		client_reply_free(&r);
		return (rc);
	}
	*date = mobj_int(r.data, "date", 0);
	*free_ = mobj_int(r.data, "free", 0);
	client_reply_free(&r);
	return (0);
}

void
co_plan_free(struct co_plan *p)
{
	size_t	 i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].sku);
		free(p->v[i].name);
		free(p->v[i].unit);
		free(p->v[i].wh);
		free(p->v[i].supplier);
		free(p->v[i].for_);
		free(p->v[i].key);
	}
	free(p->v);
	for (i = 0; i < p->nmade; i++)
		free(p->made[i]);
	free(p->made);
	memset(p, 0, sizeof *p);
}

static char *
str_of(const msgpack_object *o, const char *k)
{
	char	*s = mobj_strdup(o, k);

	return (s != NULL ? s : xstrdup(""));
}

int
co_plan(struct client *c, int horizon, int apply, char *const *keys,
    size_t nkeys, struct co_plan *p, char **cause)
{
	const msgpack_object	*a;
	struct client_reply	 r;
	struct msgb		 m;
	char			*act;
	size_t			 i;
	int			 rc;

	memset(p, 0, sizeof *p);
	client_req(c, &m, "plan", keys != NULL ? 3 : 2);
	mb_kint(&m, "horizon", horizon);
	mb_kbool(&m, "apply", apply);
	if (keys != NULL) {
		mb_str(&m, "keys");
		mb_array(&m, nkeys);
		for (i = 0; i < nkeys; i++)
			mb_str(&m, keys[i]);
	}
	if ((rc = client_call(c, &m, &r)) != 0) {
		*cause = xstrdup(r.err != NULL ? r.err : _("refused"));
		client_reply_free(&r);
		return (rc);
	}
	p->skipped = mobj_int(r.data, "skipped", 0);
	a = mobj_get(r.data, "made");
	if (a != NULL && a->type == MSGPACK_OBJECT_ARRAY) {
		p->made = xcalloc(a->via.array.size + 1, sizeof *p->made);
		for (i = 0; i < a->via.array.size; i++)
			if (a->via.array.ptr[i].type == MSGPACK_OBJECT_STR)
				p->made[p->nmade++] = xstrndup(
				    a->via.array.ptr[i].via.str.ptr,
				    a->via.array.ptr[i].via.str.size);
	}
	a = mobj_get(r.data, "lines");
	if (a != NULL && a->type == MSGPACK_OBJECT_ARRAY) {
		p->v = xcalloc(a->via.array.size + 1, sizeof *p->v);
		for (i = 0; i < a->via.array.size; i++) {
			const msgpack_object	*o = &a->via.array.ptr[i];
			struct co_plan_line	*l = &p->v[p->n++];

			act = str_of(o, "action");
			l->buy = strcmp(act, "buy") == 0;
			free(act);
			l->sku = str_of(o, "sku");
			l->name = str_of(o, "name");
			l->unit = str_of(o, "unit");
			l->wh = str_of(o, "warehouse");
			l->supplier = str_of(o, "supplier");
			l->for_ = str_of(o, "for");
			l->key = str_of(o, "key");
			l->qty = mobj_int(o, "qty", 0);
			l->need = mobj_int(o, "need", 0);
			l->start = mobj_int(o, "start", 0);
			l->price = mobj_int(o, "price", 0);
			l->min = mobj_int(o, "min", 0) != 0;
			l->late = mobj_int(o, "late", 0) != 0;
		}
	}
	client_reply_free(&r);
	return (0);
}
