#ifndef KONTOR_SERVER_REQ_H
#define KONTOR_SERVER_REQ_H

#include <stdint.h>

#include <msgpack.h>

struct conn;
struct entity_def;
struct msgb;
struct record;
struct store;
struct tx;

/*
 * What request handlers share (request.c, docs.c): the request, the
 * write context and the helpers every operation uses.
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

/* ST_* to the exit code the client reports. */
int	 st_exit(int);
/*
 * Send one answer frame (more: further frames follow).  A refusal (err)
 * says, besides its words in the session's language, what a client acts
 * on, in words of the protocol that no language changes:
 *	field	the wire name of the column it names ("inn"), when it names
 *		one ("column 'inn': ...", «колонка 'inn': ...»)
 *	refusal	"conflict" (saved over a newer revision: reload), or
 *		"over-receipt" (more than ordered: confirm and send again)
 */
int	 respond(struct req *, int rc, const char *err, int more,
	     const char *data, size_t dlen);
/* Whether the caller's roles allow act in area; *cause when not. */
int	 allowed(struct req *, const char *area, unsigned act, char **cause);
/* The request's "entity", or NULL and *cause. */
const struct entity_def *req_entity(struct req *, char **cause);
/*
 * A record a client sent for e, validated whole (codec_decode_client):
 * field ids and types as this binary knows them, unknown ones only when
 * the stored record of its id keeps the same bytes (read in x, or in st
 * when x is NULL).  ST_OK and *out, ST_INVALID and *cause, or another
 * ST_* of the store.
 */
int	 req_decode(struct store *, struct tx *, const struct entity_def *,
	     const char *, size_t, struct record **out, char **cause);
/* Run fn in one transaction, remembered by request id; ST_*. */
int	 run_write(struct req *, struct msgb *,
	     int (*)(struct tx *, struct wctx *, char **), void *, char **);
void	 pack_record(struct msgb *, const struct record *);
void	 pack_rows(struct msgb *, struct record **, size_t);

/* docs.c */
/* Save a document header (insert or update over rev) and, with replace,
 * its lines instead of the stored ones; post it when asked.  *errline:
 * the line (1-based) a refusal is about. */
int	 doc_save(struct tx *, struct record *hdr, uint32_t rev, int replace,
	     struct record **lines, size_t n, int post, unsigned flags,
	     int64_t *errline, char **cause);
int	 op_doc(struct req *, struct msgb *, char **);
int	 op_find_product(struct req *, struct msgb *, char **);

/* drafts.c: a signed-in user's own unsaved drafts */
int	 op_draft_put(struct req *, struct msgb *, char **);
int	 op_drafts(struct req *, struct msgb *, char **);
int	 op_draft_drop(struct req *, struct msgb *, char **);

#endif
