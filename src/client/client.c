#include "config.h"

#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "client/client.h"
#include "home.h"
#include "log.h"
#include "xmalloc.h"

#define CLIENT_START_WAIT	30000	/* ms to wait for a server to answer */
#define CLIENT_RETRY_WAIT	60000	/* ms to keep reconnecting */
#define CLIENT_RESPAWN		1000	/* ms between attempts to start one */

struct client {
	struct paths	 paths;
	unsigned	 flags;
	int		 fd;
	uint64_t	 cid;
	uint64_t	 rid;
	char		*login;
	char		*name;
	char		*company;
	unsigned	 roles;
	uint64_t	 user_id;
	client_wait_fn	 wait_fn;	/* told while no server answers */
	void		*wait_arg;
	int64_t		 deadline;	/* ms (monotonic) the wait ends at */
	int		 waiting;	/* the waiter has been told */
};

static void
sleep_ms(int ms)
{
	struct timespec	 ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int64_t
mono_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* No server answers yet: tell the waiter, who may want to stop (1). */
static int
client_waiting(struct client *c, const char *why)
{
	int	 left;

	if (c->wait_fn == NULL)
		return (0);
	left = (int)((c->deadline - mono_ms() + 999) / 1000);
	c->waiting = 1;
	return (c->wait_fn(c->wait_arg, left < 0 ? 0 : left, why) != 0);
}

/* The wait is over, one way or the other. */
static void
client_waited(struct client *c)
{
	if (c->waiting && c->wait_fn != NULL)
		c->wait_fn(c->wait_arg, -1, NULL);
	c->waiting = 0;
	c->deadline = 0;
}

const char *
client_tty(void)
{
	static char	 buf[64];
	const char	*t, *ssh;
	int		 fd;

	for (fd = 0; fd < 3; fd++) {
		if ((t = ttyname(fd)) != NULL) {
			if (strncmp(t, "/dev/", 5) == 0)
				t += 5;
			snprintf(buf, sizeof buf, "%s", t);
			return (buf);
		}
	}
	if ((ssh = getenv("SSH_CLIENT")) != NULL) {
		snprintf(buf, sizeof buf, "ssh:%.*s",
		    (int)strcspn(ssh, " "), ssh);
		return (buf);
	}
	return ("-");
}

static int
try_connect(const char *path)
{
	struct sockaddr_un	 sun;
	int			 fd;

	if (strlen(path) >= sizeof sun.sun_path) {
		errno = ENAMETOOLONG;
		return (-1);
	}
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path));
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return (-1);
	if (connect(fd, (struct sockaddr *)&sun, sizeof sun) != 0) {
		int	 saved = errno;

		close(fd);
		errno = saved;
		return (-1);
	}
	return (fd);
}

/* Start `kontor serve --daemon` for our home, detached, as tmux does. */
static int
spawn_server(struct client *c, char **cause)
{
	char	 self[PATH_MAX];
	ssize_t	 n;
	pid_t	 pid;
	int	 status, fd;

	if ((n = readlink("/proc/self/exe", self, sizeof self - 1)) < 0) {
		xasprintf(cause, "cannot find the kontor binary: %s",
		    strerror(errno));
		return (-1);
	}
	self[n] = '\0';
	if ((pid = fork()) < 0) {
		xasprintf(cause, "fork: %s", strerror(errno));
		return (-1);
	}
	if (pid == 0) {
		setsid();
		if (fork() != 0)
			_exit(0);
		if ((fd = open("/dev/null", O_RDWR)) >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		execl(self, "kontor", "--home", c->paths.home, "--socket",
		    c->paths.socket, "serve", "--daemon", (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return (0);
}

static int
client_hello(struct client *c, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	char			 pidbuf[16];
	int			 rc;

	snprintf(pidbuf, sizeof pidbuf, "%ld", (long)getpid());
	client_req(c, &m, "hello", 3);
	mb_kstr(&m, "tty", client_tty());
	mb_kstr(&m, "prog", getenv("KONTOR_PROG") ? getenv("KONTOR_PROG") :
	    "kontor");
	mb_kint(&m, "version", PROTO_VERSION);
	if (proto_write(c->fd, m.sb.data, m.sb.size) != 0) {
		mb_free(&m);
		xasprintf(cause, "the server closed the connection");
		return (EX_UNAVAILABLE);
	}
	mb_free(&m);
	if ((rc = client_next(c, &r)) != 0) {
		*cause = xstrdup(r.err ? r.err : "refused");
		client_reply_free(&r);
		return (rc);
	}
	free(c->login);
	free(c->name);
	free(c->company);
	c->login = mobj_strdup(r.data, "login");
	c->name = mobj_strdup(r.data, "name");
	c->company = mobj_strdup(r.data, "company");
	c->roles = (unsigned)mobj_int(r.data, "roles", 0);
	c->user_id = (uint64_t)mobj_int(r.data, "uid", 0);
	client_reply_free(&r);
	return (0);
}

/* Connect (starting a server when allowed) and say hello. */
static int
client_connect(struct client *c, int wait_ms, char **cause)
{
	struct stat	 sb;
	int		 waited = 0, spawned = 0, spawn_at = 0, step = 10;

	if (c->deadline == 0)
		c->deadline = mono_ms() + wait_ms;
	for (;;) {
		if ((c->fd = try_connect(c->paths.socket)) >= 0)
			return ((c->flags & CLIENT_NOHELLO) ? 0 :
			    client_hello(c, cause));
		if (errno != ENOENT && errno != ECONNREFUSED &&
		    errno != EAGAIN) {
			xasprintf(cause, "cannot reach the server at %s: %s",
			    c->paths.socket, strerror(errno));
			return (EX_UNAVAILABLE);
		}
		/*
		 * Start a server, and again each second while none answers:
		 * one started while the last server still held the home (it
		 * was stopping) has given up at once.
		 */
		if ((c->flags & CLIENT_AUTOSTART) && (!spawned ||
		    waited - spawn_at >= CLIENT_RESPAWN) &&
		    access(c->paths.home, W_OK) == 0) {
			if (stat(c->paths.home, &sb) != 0 ||
			    !S_ISDIR(sb.st_mode))
				break;
			if (spawn_server(c, cause) != 0)
				return (EX_UNAVAILABLE);
			spawned = 1;
			spawn_at = waited;
		} else if (!spawned && waited >= wait_ms)
			break;
		if (waited >= wait_ms)
			break;
		if (waited >= 200 && client_waiting(c, spawned ?
		    "a server was started and is not answering yet" :
		    "the server is not answering")) {
			xasprintf(cause, "you stopped waiting for the server "
			    "at %s", c->paths.socket);
			return (EX_UNAVAILABLE);
		}
		sleep_ms(step);
		waited += step;
		if (step < 200)
			step *= 2;
	}
	/* A clerk may not look into the home: then it is there. */
	if (stat(c->paths.home, &sb) != 0 && errno == ENOENT &&
	    (c->flags & CLIENT_AUTOSTART))
		xasprintf(cause, "no kontor home at %s (kontor init creates "
		    "one; --home or KONTOR_HOME choose another)",
		    c->paths.home);
	else
		xasprintf(cause, "no server answers at %s%s", c->paths.socket,
		    spawned ? " (one was started: see kontor.log in the home)"
		    : "");
	return (EX_UNAVAILABLE);
}

int
client_open(const struct paths *p, unsigned flags, struct client **out,
    char **cause)
{
	return (client_open_wait(p, flags, NULL, NULL, out, cause));
}

int
client_open_wait(const struct paths *p, unsigned flags, client_wait_fn fn,
    void *arg, struct client **out, char **cause)
{
	struct client	*c;
	int		 rc;

	c = xcalloc(1, sizeof *c);
	c->wait_fn = fn;
	c->wait_arg = arg;
	c->paths.home = xstrdup(p->home);
	c->paths.socket = xstrdup(p->socket);
	c->flags = flags;
	c->fd = -1;
	if (getrandom(&c->cid, sizeof c->cid, 0) != sizeof c->cid)
		c->cid = ((uint64_t)getpid() << 32) ^ (uint64_t)time(NULL);
	c->cid |= 1;
	signal(SIGPIPE, SIG_IGN);
	rc = client_connect(c, flags & CLIENT_AUTOSTART ? CLIENT_START_WAIT :
	    0, cause);
	client_waited(c);
	if (rc != 0) {
		client_close(c);
		return (rc);
	}
	*out = c;
	return (0);
}

void
client_set_waiter(struct client *c, client_wait_fn fn, void *arg)
{
	c->wait_fn = fn;
	c->wait_arg = arg;
}

void
client_close(struct client *c)
{
	if (c == NULL)
		return;
	if (c->fd >= 0)
		close(c->fd);
	free(c->paths.home);
	free(c->paths.socket);
	free(c->login);
	free(c->name);
	free(c->company);
	free(c);
}

const char *
client_login(struct client *c)
{
	return (c->login);
}

const char *
client_name(struct client *c)
{
	return (c->name);
}

const char *
client_company(struct client *c)
{
	return (c->company);
}

unsigned
client_roles(struct client *c)
{
	return (c->roles);
}

uint64_t
client_user_id(struct client *c)
{
	return (c->user_id);
}

void
client_req(struct client *c, struct msgb *m, const char *op, size_t nargs)
{
	mb_init(m);
	mb_map(m, nargs + 3);
	mb_kstr(m, "op", op);
	mb_kint(m, "rid", (int64_t)++c->rid);
	mb_kint(m, "cid", (int64_t)c->cid);
}

int
client_next(struct client *c, struct client_reply *r)
{
	size_t	 len;

	memset(r, 0, sizeof r[0]);
	if (proto_read(c->fd, &r->frame, &len) != 0) {
		r->rc = EX_UNAVAILABLE;
		r->err = xstrdup("the connection to the server was lost");
		return (r->rc);
	}
	if (msg_parse(&r->msg, r->frame, len) != 0) {
		r->rc = EX_PROTOCOL;
		r->err = xstrdup("the server sent a malformed answer");
		return (r->rc);
	}
	r->rc = (int)mobj_int(r->msg.root, "rc", EX_PROTOCOL);
	r->err = mobj_strdup(r->msg.root, "err");
	r->more = (int)mobj_int(r->msg.root, "more", 0);
	r->data = mobj_get(r->msg.root, "data");
	return (r->rc);
}

/*
 * Send and read the first answer.  A lost connection is mended: connect
 * again (a killed server is restarted when we may) and send the same
 * bytes, which the server recognises by their request id.
 */
int
client_call(struct client *c, struct msgb *m, struct client_reply *r)
{
	char	*cause = NULL;
	int	 rc;

	for (;;) {
		if (c->fd >= 0 && proto_write(c->fd, m->sb.data,
		    m->sb.size) == 0) {
			rc = client_next(c, r);
			if (rc != EX_UNAVAILABLE || r->frame != NULL)
				break;
			client_reply_free(r);
		}
		if (c->fd >= 0)
			close(c->fd);
		c->fd = -1;
		if (c->deadline == 0)
			c->deadline = mono_ms() + CLIENT_RETRY_WAIT;
		if (mono_ms() >= c->deadline || (cause != NULL &&
		    strncmp(cause, "you stopped", 11) == 0)) {
			client_waited(c);
			memset(r, 0, sizeof *r);
			r->rc = EX_UNAVAILABLE;
			r->err = cause != NULL ? cause :
			    xstrdup("the server is gone");
			mb_free(m);
			return (r->rc);
		}
		free(cause);
		cause = NULL;
		rc = client_connect(c, 2000, &cause);
		if (rc != 0 && rc != EX_UNAVAILABLE) {
			client_waited(c);
			memset(r, 0, sizeof *r);
			r->rc = rc;
			r->err = cause;
			mb_free(m);
			return (rc);
		}
		if (rc != 0)
			sleep_ms(100);
	}
	client_waited(c);
	free(cause);
	mb_free(m);
	return (r->rc);
}

void
client_reply_free(struct client_reply *r)
{
	msg_free(&r->msg);
	free(r->frame);
	free(r->err);
	memset(r, 0, sizeof *r);
}
