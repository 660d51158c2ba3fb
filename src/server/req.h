#ifndef KONTOR_SERVER_REQ_H
#define KONTOR_SERVER_REQ_H

#include <stdint.h>

#include <msgpack.h>

struct conn;
struct entity_def;
struct msgb;
struct record;
struct server;
struct store;
struct tx;

/*
 * What request handlers share: the request, the write context and the
 * helpers every operation uses (req.c); and the operations, one area to
 * a file (ops-*.c), that request.c's table names.  Dependencies run one
 * way: request.c -> ops-*.c -> req.c -> the server's accessors.
 */
struct req {
	struct conn		*c;
	const msgpack_object	*o;
	uint64_t		 rid;
	uint64_t		 cid;
	const char		*op;
	int			 st;	/* ST_* of its last write */
};

struct wctx {
	struct req	*r;
	struct msgb	*data;
	int		(*fn)(struct tx *, struct wctx *, char **);
	void		*arg;
	int64_t		 errline;
};

/* req.c */
/* ST_* to the exit code the client reports. */
int	 st_exit(int);
/*
 * What a refusal naming a column starts the name with: "column '" as
 * English says it, or as the session's language does (translated).  It
 * goes in buf; its length.
 */
size_t	 column_words(int translated, char *buf, size_t size);
/*
 * Send one answer frame (more: further frames follow).  A refusal (err)
 * says, besides its words in the session's language, what a client acts
 * on, in words of the protocol that no language changes:
 *	field	the wire name of the column it names ("inn"), when it names
 *		one ("column 'inn': ...", «колонка 'inn': ...»)
 *	refusal	"conflict" (saved over a newer revision: reload), or
 *		"over-receipt" (more than ordered: confirm and send again),
 *		"over-shipment" (the same of a shipment)
 */
int	 respond(struct req *, int rc, const char *err, int more,
	     const char *data, size_t dlen);
/* Whether the caller's roles allow act in area; *cause when not. */
int	 allowed(struct req *, const char *area, unsigned act, char **cause);
/* The request's "entity", or NULL and *cause. */
const struct entity_def *req_entity(struct req *, char **cause);
/*
 * Whether the caller may read e (*cause when not); *limited: only the
 * public fields of its rows, searched only by them.
 */
int	 read_allowed(struct req *, const struct entity_def *, int *limited,
	     char **cause);
/* Cut rows to what a limited reader may see. */
void	 rows_keep_public(struct record **, size_t);
/* Whether the caller may read the name (dict_name_pos) of e's records,
 * as read_allowed() would let it, without a refusal said or logged. */
int	 name_readable(struct req *, const struct entity_def *);
/* The request log's key of r (16 bytes): its client and request ids. */
void	 reqlog_key(struct req *, unsigned char *key);
/*
 * A record a client sent for e, validated whole (codec_decode_client):
 * field ids and types as this binary knows them, unknown ones only when
 * the stored record of its id keeps the same bytes (read in x, or in st
 * when x is NULL).  ST_OK and *out, ST_INVALID and *cause, or another
 * ST_* of the store.
 */
int	 req_decode(struct store *, struct tx *, const struct entity_def *,
	     const char *, size_t, struct record **out, char **cause);
/*
 * store_run()'s function for a struct wctx (arg): runs its fn, answered
 * from the request log when the request was run before, and remembered
 * there when it runs now.  For a caller that needs the wctx back
 * (import_commit's errline); others use run_write.
 */
int	 write_tx(struct tx *, void *arg, char **cause);
/* Run fn in one transaction, remembered by request id; ST_*. */
int	 run_write(struct req *, struct msgb *,
	     int (*)(struct tx *, struct wctx *, char **), void *, char **);
/* The same with store_run_flags()'s flags (STORE_RUN_LONG: a file of
 * documents, run beside the writers' turn, not in it). */
int	 run_write_flags(struct req *, struct msgb *,
	     int (*)(struct tx *, struct wctx *, char **), void *, int,
	     char **);
/* Pack a record as the codec's bytes. */
void	 pack_record(struct msgb *, const struct record *);
/* Pack rows as an array and free them (and the array). */
void	 pack_rows(struct msgb *, struct record **, size_t);

/* ops-session.c: who is this, and what may they do */
int	 op_hello(struct req *, struct msgb *, char **);
/*
 * Before each request of a signed-in session: its rights read again if a
 * users record changed; 0, or an exit code and *cause (the session has
 * ended, or its rights cannot be read now).
 */
int	 session_current(struct req *, char **cause);
/* A users record changed (committed): sessions read their rights again,
 * and those of users now disabled end at once. */
void	 users_changed(struct server *);

/* ops-records.c */
int	 op_get(struct req *, struct msgb *, char **);
int	 op_put(struct req *, struct msgb *, char **);
int	 op_delete(struct req *, struct msgb *, char **);
int	 op_scan(struct req *, struct msgb *, char **);
int	 op_search(struct req *, struct msgb *, char **);
int	 op_count(struct req *, struct msgb *, char **);

/* ops-import.c */
int	 op_export(struct req *, struct msgb *, char **);
int	 op_import_begin(struct req *, struct msgb *, char **);
int	 op_import_rows(struct req *, struct msgb *, char **);
int	 op_import_commit(struct req *, struct msgb *, char **);
/* import_begin, import_rows and import_commit in one request. */
int	 op_import(struct req *, struct msgb *, char **);
/* Forget the import c has staged, if any. */
void	 import_done(struct conn *);

/* ops-export.c: export's answer as CSV text (the request's "format":
 * "csv"), e checked and allowed by op_export. */
int	 export_csv(struct req *, const struct entity_def *, struct msgb *,
	     char **);

/* ops-admin.c */
int	 op_status(struct req *, struct msgb *, char **);
int	 op_stop(struct req *, struct msgb *, char **);
int	 op_backup(struct req *, struct msgb *, char **);
int	 op_check(struct req *, struct msgb *, char **);
int	 op_audit(struct req *, struct msgb *, char **);
int	 op_meta(struct req *, struct msgb *, char **);
int	 op_init(struct req *, struct msgb *, char **);

/* ops-report.c */
int	 op_report(struct req *, struct msgb *, char **);
int	 op_report_save(struct req *, struct msgb *, char **);
int	 op_report_saved(struct req *, struct msgb *, char **);

/* ops-docs.c */
/* Save a document header (insert or update over rev) and, with replace,
 * its lines instead of the stored ones; post it when asked.  *errline:
 * the line (1-based) a refusal is about. */
int	 doc_save(struct tx *, struct record *hdr, uint32_t rev, int replace,
	     struct record **lines, size_t n, int post, unsigned flags,
	     int64_t *errline, char **cause);
int	 op_doc(struct req *, struct msgb *, char **);
int	 op_find_product(struct req *, struct msgb *, char **);
int	 op_lots(struct req *, struct msgb *, char **);

/* ops-sales.c: quotes, orders, shipments, returns; a line's price */
int	 op_sales(struct req *, struct msgb *, char **);
int	 op_sales_price(struct req *, struct msgb *, char **);

/* ops-money.c */
int	 op_money(struct req *, struct msgb *, char **);
/* ops-bank.c */
int	 op_bank(struct req *, struct msgb *, char **);
int	 op_bank_orders(struct req *, struct msgb *, char **);

/* ops-print.c: a document by its print form, as PDF or text */
int	 op_print(struct req *, struct msgb *, char **);
/* ops-printopts.c: the forms a document has, a login's last choice */
int	 op_print_forms(struct req *, struct msgb *, char **);
int	 op_print_prefs(struct req *, struct msgb *, char **);

/* ops-production.c: production orders' actions, the import of BOMs */
int	 op_production(struct req *, struct msgb *, char **);

/* ops-dash.c: the dashboard's figures, in one reply */
int	 op_dashboard(struct req *, struct msgb *, char **);

/* ops-plan.c: material planning's proposals (applied: the drafts made),
 * available to promise */
int	 op_plan(struct req *, struct msgb *, char **);
int	 op_atp(struct req *, struct msgb *, char **);

/* ops-drafts.c: a signed-in user's own unsaved drafts */
int	 op_draft_put(struct req *, struct msgb *, char **);
int	 op_drafts(struct req *, struct msgb *, char **);
int	 op_draft_drop(struct req *, struct msgb *, char **);

/* ops-archive.c: files attached by hand, the archive's entries and
 * their bytes; each checked against the rights on the record they are
 * of (attaching: edit, reading: view) */
int	 op_attach_begin(struct req *, struct msgb *, char **);
int	 op_attach_part(struct req *, struct msgb *, char **);
int	 op_attach_commit(struct req *, struct msgb *, char **);
int	 op_archive_get(struct req *, struct msgb *, char **);
int	 op_archive_read(struct req *, struct msgb *, char **);
int	 op_archive_list(struct req *, struct msgb *, char **);
/* Forget the upload c has begun, if any. */
void	 attach_done(struct conn *);
/* Whether the caller may read the archive's entries of records of e
 * (view in its area); *cause when not (unless cause is NULL: quietly). */
int	 archive_readable(struct req *, const struct entity_def *,
	     char **cause);

#endif
