#ifndef KONTOR_SERVER_REQ_H
#define KONTOR_SERVER_REQ_H

#include <stdint.h>

#include <msgpack.h>

struct conn;
struct entity_def;
struct msgb;
struct record;
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
/* Send one answer frame (more: further frames follow). */
int	 respond(struct req *, int rc, const char *err, int more,
	     const char *data, size_t dlen);
/* Whether the caller's roles allow act in area; *cause when not. */
int	 allowed(struct req *, const char *area, unsigned act, char **cause);
/* The request's "entity", or NULL and *cause. */
const struct entity_def *req_entity(struct req *, char **cause);
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
