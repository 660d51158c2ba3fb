/*
 * Requests: the one table of operations and the dispatch of a request
 * frame to its operation.  The operations live one area to a file
 * (ops-*.c) and share server/req.h; adding one is a function there and a
 * line in op_table.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "db/store.h"
#include "i18n.h"
#include "proto.h"
#include "server/req.h"
#include "server/request.h"
#include "server/server.h"
#include "xmalloc.h"

#define OP_ANON		0x01	/* allowed before hello */
#define OP_WRITE	0x02	/* remembered by request id */

struct op_def {
	const char	*name;
	unsigned	 flags;
	int		(*fn)(struct req *, struct msgb *, char **);
};

static const struct op_def op_table[] = {
	{ "hello",		OP_ANON,	op_hello },
	{ "get",		0,		op_get },
	{ "put",		OP_WRITE,	op_put },
	{ "delete",		OP_WRITE,	op_delete },
	{ "scan",		0,		op_scan },
	{ "search",		0,		op_search },
	{ "count",		0,		op_count },
	{ "export",		0,		op_export },
	{ "import_begin",	0,		op_import_begin },
	{ "import_rows",	0,		op_import_rows },
	{ "import_commit",	OP_WRITE,	op_import_commit },
	{ "status",		0,		op_status },
	{ "stop",		0,		op_stop },
	{ "backup",		0,		op_backup },
	{ "check",		0,		op_check },
	{ "audit",		0,		op_audit },
	{ "meta",		0,		op_meta },
	{ "init",		OP_ANON,	op_init },
	{ "report",		0,		op_report },
	{ "doc",		OP_WRITE,	op_doc },
	{ "find_product",	0,		op_find_product },
	{ "lots",		0,		op_lots },
	{ "sales",		OP_WRITE,	op_sales },
	{ "sales_price",	0,		op_sales_price },
	{ "money",		OP_WRITE,	op_money },
	{ "bank",		OP_WRITE,	op_bank },
	{ "bank_orders",	0,		op_bank_orders },
	{ "draft_put",		OP_WRITE,	op_draft_put },
	{ "drafts",		0,		op_drafts },
	{ "draft_drop",		OP_WRITE,	op_draft_drop },
	{ "attach_begin",	0,		op_attach_begin },
	{ "attach_part",	0,		op_attach_part },
	{ "attach_commit",	OP_WRITE,	op_attach_commit },
	{ "archive_get",	0,		op_archive_get },
	{ "archive_read",	0,		op_archive_read },
	{ "archive_list",	0,		op_archive_list },
	{ "print",		0,		op_print },
	{ "print_forms",	0,		op_print_forms },
	{ "print_prefs",	OP_WRITE,	op_print_prefs },
	{ "production",		OP_WRITE,	op_production },
	{ "dashboard",		0,		op_dashboard },
	{ "report_save",	OP_WRITE,	op_report_save },
	{ "report_saved",	0,		op_report_saved },
	{ "plan",		OP_WRITE,	op_plan },
	{ "atp",		0,		op_atp },
	{ "import",		OP_WRITE,	op_import },
};

void
request_conn_done(struct conn *c)
{
	import_done(c);
	attach_done(c);
}

/* --- dispatch ------------------------------------------------------------ */

void
request_handle(struct conn *c, const char *frame, size_t len)
{
	const struct op_def	*op = NULL;
	struct msg		 msg;
	struct msgb		 data;
	struct req		 r;
	unsigned char		 key[16];
	char			*name, *cause = NULL, *stored;
	size_t			 i, slen;
	int			 rc;

	memset(&r, 0, sizeof r);
	r.c = c;
	if (msg_parse(&msg, frame, len) != 0) {
		r.op = "?";
		respond(&r, EX_PROTOCOL, _("malformed request"), 0, NULL, 0);
		return;
	}
	r.o = msg.root;
	r.rid = (uint64_t)mobj_int(r.o, "rid", 0);
	r.cid = (uint64_t)mobj_int(r.o, "cid", 0);
	name = mobj_strdup(r.o, "op");
	for (i = 0; name != NULL && i < sizeof op_table / sizeof op_table[0];
	    i++)
		if (strcmp(op_table[i].name, name) == 0)
			op = &op_table[i];
	r.op = op != NULL ? op->name : "?";
	c->last = time(NULL);
	snprintf(c->last_op, sizeof c->last_op, "%s", r.op);
	mb_init(&data);
	if (op == NULL) {
		xasprintf(&cause, _("unknown request '%s'"), name ? name : "");
		rc = EX_PROTOCOL;
	} else if (!(op->flags & OP_ANON) && c->roles == 0) {
		xasprintf(&cause, _("not signed in: the client must say "
		    "hello"));
		rc = EX_NOPERM;
	} else if (!(op->flags & OP_ANON) &&
	    (rc = session_current(&r, &cause)) != 0) {
		/* Judged by the rights as they are now: these are gone. */
	} else if ((op->flags & OP_WRITE) && r.cid != 0 &&
	    (reqlog_key(&r, key), store_reqlog_get(server_store(c->srv), key,
	    sizeof key, &stored, &slen)) == ST_OK) {
		/* Seen before: the first answer again, nothing run twice. */
		msgpack_sbuffer_write(&data.sb, stored, slen);
		free(stored);
		rc = 0;
	} else
		rc = op->fn(&r, &data, &cause);
	if (rc != 0 && cause == NULL)
		xasprintf(&cause, _("%s failed"), r.op);
	respond(&r, rc, cause, 0, data.sb.data, data.sb.size);
	free(cause);
	free(name);
	mb_free(&data);
	msg_free(&msg);
	/* A large import left the lock table grown: its memory goes back
	 * right after the answer (the import's client does not wait for
	 * it; this session's next request does). */
	if (store_refresh_wanted(server_store(c->srv)))
		server_store_refresh(c->srv, 1);
}

