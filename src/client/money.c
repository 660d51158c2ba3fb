#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/client.h"
#include "client/money.h"
#include "i18n.h"
#include "xmalloc.h"

static int
cm_fail(struct client_reply *r, char **cause)
{
	int	 rc = r->rc != 0 ? r->rc : 1;

	*cause = xstrdup(r->err != NULL ? r->err : _("refused"));
	client_reply_free(r);
	return (rc);
}

int
cm_balance(struct client *c, const char *party, int supplier,
    struct cm_balance *b, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	const msgpack_object	*d;
	char			*s;
	size_t			 i;

	memset(b, 0, sizeof *b);
	client_req(c, &m, "money", 3);
	mb_kstr(&m, "action", "balance");
	mb_kstr(&m, "party", party);
	mb_kstr(&m, "kind", supplier ? "supplier" : "customer");
	if (client_call(c, &m, &r) != 0)
		return (cm_fail(&r, cause));
	snprintf(b->code, sizeof b->code, "%s", party);
	b->owed = mobj_int(r.data, "owed", 0);
	b->open = mobj_int(r.data, "open", 0);
	b->advance = mobj_int(r.data, "advance", 0);
	b->overdue = mobj_int(r.data, "overdue", 0);
	d = mobj_get(r.data, "docs");
	if (d != NULL && d->type == MSGPACK_OBJECT_ARRAY &&
	    d->via.array.size > 0) {
		b->docs = xcalloc(d->via.array.size, sizeof *b->docs);
		for (i = 0; i < d->via.array.size; i++) {
			const msgpack_object	*o = &d->via.array.ptr[i];
			struct cm_doc		*x = &b->docs[b->ndocs++];

			if ((s = mobj_strdup(o, "code")) != NULL) {
				snprintf(x->code, sizeof x->code, "%s", s);
				free(s);
			}
			x->date = mobj_int(o, "date", 0);
			x->due = mobj_int(o, "due", 0);
			x->amount = mobj_int(o, "amount", 0);
			x->paid = mobj_int(o, "paid", 0);
		}
	}
	client_reply_free(&r);
	return (0);
}

void
cm_balance_free(struct cm_balance *b)
{
	free(b->docs);
	b->docs = NULL;
	b->ndocs = 0;
}

int
cm_pay(struct client *c, const struct cm_payment *p, char *code,
    char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	char			*s;

	client_req(c, &m, "money", 8);
	mb_kstr(&m, "action", "pay");
	mb_kstr(&m, "direction", p->out ? "out" : "in");
	mb_kstr(&m, "party", p->party);
	mb_kstr(&m, "account", p->account);
	mb_kint(&m, "date", p->date);
	mb_kint(&m, "amount", p->amount);
	mb_kstr(&m, "document", p->document);
	mb_kstr(&m, "purpose", p->purpose);
	if (client_call(c, &m, &r) != 0)
		return (cm_fail(&r, cause));
	s = mobj_strdup(r.data, "code");
	snprintf(code, 32, "%s", s != NULL ? s : "?");
	free(s);
	client_reply_free(&r);
	return (0);
}

int
cm_cancel(struct client *c, const char *code, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;

	client_req(c, &m, "money", 2);
	mb_kstr(&m, "action", "cancel");
	mb_kstr(&m, "code", code);
	if (client_call(c, &m, &r) != 0)
		return (cm_fail(&r, cause));
	client_reply_free(&r);
	return (0);
}
