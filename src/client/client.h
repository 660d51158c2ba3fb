#ifndef KONTOR_CLIENT_CLIENT_H
#define KONTOR_CLIENT_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "proto.h"

struct paths;

/*
 * The client side of the socket, used by the TUI and the CLI.  It finds
 * the server (starting one in the background for a home it can write,
 * as tmux does), says hello, and sends requests.  When the connection
 * drops it reconnects by itself and sends the request again: a write
 * carries this client's id and a request id, so the server answers a
 * re-sent write from its request log instead of running it twice.
 */

#define CLIENT_AUTOSTART	0x01	/* start a server if none answers */
#define CLIENT_NOHELLO		0x02	/* kontor init: nobody to be yet */

struct client;

struct client_reply {
	int			 rc;	/* 0, or a sysexits code */
	char			*err;
	int			 more;	/* more frames of a stream follow */
	const msgpack_object	*data;	/* borrowed from msg */
	struct msg		 msg;
	char			*frame;
	size_t			 len;	/* of frame, bytes */
};

/* Connect and say hello; returns 0 or an exit code and *cause. */
int		 client_open(const struct paths *, unsigned,
		     struct client **, char **cause);
/*
 * While no server answers (at the start, or when the connection is lost
 * and is being mended), fn is called every few hundred ms with the
 * seconds the client will still try and what the last attempt said; it
 * returns nonzero to stop waiting (the open or call then fails with
 * EX_UNAVAILABLE).  When the wait is over, fn is called once more with
 * left -1, and why NULL if the server answered, else why it did not.
 */
typedef int	(*client_wait_fn)(void *arg, int left, const char *why);
int		 client_open_wait(const struct paths *, unsigned,
		     client_wait_fn, void *, struct client **, char **cause);
void		 client_set_waiter(struct client *, client_wait_fn, void *);
/* A count of the records this client wrote (put, delete): a screen whose
 * figures depend on them (the due reminder) looks again when it moved. */
void		 client_wrote(struct client *);
uint64_t	 client_writes(struct client *);
void		 client_close(struct client *);
const char	*client_login(struct client *);
const char	*client_name(struct client *);
const char	*client_company(struct client *);
unsigned	 client_roles(struct client *);
uint64_t	 client_user_id(struct client *);	/* users record id */

/* Start a request: m is initialised with a map of nargs + 3 entries and
 * op, rid and cid already in; add exactly nargs key-value pairs. */
void		 client_req(struct client *, struct msgb *, const char *op,
		     size_t nargs);
/* Send m (freed) and read the first reply; returns reply->rc. */
int		 client_call(struct client *, struct msgb *,
		     struct client_reply *);
/*
 * client_call() for a document (a print, a printed report): 0, r kept
 * for the answer's other keys and its "bytes" copied, NUL-ended, into
 * *bytes (malloc'd) and *len; or an exit code and *cause (the server's
 * words, else fail), r freed.
 */
int		 client_call_doc(struct client *, struct msgb *,
		     struct client_reply *r, const char *fail, char **bytes,
		     size_t *len, char **cause);
/*
 * Whether the server has ended this session: a user disabled while the
 * session was open gets a last frame {rc 77, err "your login ... was
 * disabled by an administrator: this session has ended", ended true}.
 * Reads it without waiting: 0 when there is none; else its rc, with
 * reply->err the reason (free the reply), and the connection closed.
 * client_call() checks this first and returns such a frame as its reply
 * instead of sending; a session idle at its keyboard may poll
 * client_fd() for input and call this to learn of it at once.
 */
int		 client_ended(struct client *, struct client_reply *);
/* The socket (for poll), or -1 while disconnected. */
int		 client_fd(struct client *);
/* The next frame of a streamed reply; returns reply->rc. */
int		 client_next(struct client *, struct client_reply *);
void		 client_reply_free(struct client_reply *);
/* The terminal of this process, as sessions are listed ("pts/3"). */
const char	*client_tty(void);

#endif
