#ifndef KONTOR_SERVER_REQUEST_H
#define KONTOR_SERVER_REQUEST_H

#include <stddef.h>

struct conn;

/*
 * Requests: one table of operations, each checked against the caller's
 * roles, each write one transaction (src/db/store.c) remembered by its
 * request id so that a re-sent request is answered, not run twice.
 */

/* Handle one request frame from c and send the answer. */
void	 request_handle(struct conn *, const char *, size_t);
/* Forget c's per-session state (a staged import). */
void	 request_conn_done(struct conn *);

#endif
