/*
 * hostile: a raw-protocol client for tests/server/test_hostile.sh, which
 * runs it as an unprivileged member of the socket group.  Each mode
 * replays one attack (or one normal use) and prints what the server did,
 * as "key=value" words on one line, for the script to check.
 *
 *   hostile -S SOCK idle N
 *	N connections that never say hello.  Prints "opened=A refused=R"
 *	(R: refused at once, with a notice) once all are made, then waits
 *	for the server to close the others: "dropped=D ms=T".
 *   hostile -S SOCK bigframe N
 *	N connections, each announcing a 64 MiB frame before hello and
 *	sending what goes of it in 2 s: "sent", then "refused=K rc=C" (K
 *	of N got notice C).
 *   hostile -S SOCK stall N SIZE
 *	N sessions each say hello, then send half of a SIZE-byte frame and
 *	stop: "stalled=N", then "dropped=D ms=T".
 *   hostile -S SOCK bomb
 *	Containers that claim more than the frame holds (map32 of 2^32-1
 *	entries, an array32 inside a request, deep nesting), before and
 *	after hello: "before=RC after=RC nested=RC deep=RC alive=RC".
 *   hostile -S SOCK hello-text
 *	A hello whose tty holds escape sequences, one with a long prog, one
 *	fine: "tty=RC prog=RC ok=RC" and "err=..." with the first refusal.
 *   hostile -S SOCK echo SIZE
 *	Requests that echo input in their refusal: an op name with escape
 *	sequences, an import header name of SIZE bytes: "op=RC oplen=L
 *	opesc=E header=RC headerlen=L headeresc=E" (E: control characters
 *	in the message).
 *   hostile -S SOCK put
 *	Puts of customers: an unknown field id with a 1 MiB blob, notes as
 *	a nested map, then a valid one: "unknown=RC typed=RC valid=RC" and
 *	each refusal on a line "err=...".
 *   hostile -S SOCK flood N
 *	N requests its role may not make: "refused=K" (K answered 77).
 *   hostile -S SOCK session
 *	One session, driven by lines on stdin: "put CODE", "delete CODE",
 *	"status" (any request without arguments), "user LOGIN ROLES 0|1"
 *	(its roles and disabled flag set by a put of the users record),
 *	"wait" (for a frame the server sends unasked); each answered with a
 *	line "CMD rc=RC err=..." ("wait ended" for a last frame).  "quit"
 *	ends it.
 *   hostile -S SOCK lib-session
 *	The same through the client library (client_call), plus "ended"
 *	(client_ended: a notice waiting, without sending anything).
 *   hostile -S SOCK probe N
 *	A normal client: N times connect, hello and status through the
 *	client library: "max_ms=M avg_ms=A fails=F".
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "client/client.h"
#include "dict/codec.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "home.h"
#include "log.h"
#include "proto.h"
#include "xmalloc.h"

static const char	*sock_path;

static void	usage(void) __attribute__((noreturn));

static void
usage(void)
{
	fprintf(stderr, "usage: hostile -S SOCKET MODE [ARGS]\n");
	exit(EX_USAGE);
}

static int64_t
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static int
raw_connect(void)
{
	struct sockaddr_un	 sun;
	int			 fd;

	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	if (strlen(sock_path) >= sizeof sun.sun_path)
		usage();
	memcpy(sun.sun_path, sock_path, strlen(sock_path));
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return (-1);
	if (connect(fd, (struct sockaddr *)&sun, sizeof sun) != 0) {
		close(fd);
		return (-1);
	}
	return (fd);
}

static int
write_all(int fd, const void *p, size_t len)
{
	const char	*c = p;
	ssize_t		 n;

	while (len > 0) {
		if ((n = write(fd, c, len)) < 0) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		c += n;
		len -= (size_t)n;
	}
	return (0);
}

static void
put_len(unsigned char *hdr, size_t n)
{
	hdr[0] = (unsigned char)(n >> 24);
	hdr[1] = (unsigned char)(n >> 16);
	hdr[2] = (unsigned char)(n >> 8);
	hdr[3] = (unsigned char)n;
}

/* Whether fd has something to read (a frame or its end) within ms. */
static int
readable(int fd, int ms)
{
	struct pollfd	 pfd = { fd, POLLIN, 0 };

	return (poll(&pfd, 1, ms) > 0);
}

/*
 * Read one answer within ms: its rc (-1 when the connection ended or
 * nothing came), *err (malloc'd, or NULL), *ended.
 */
static int
answer(int fd, int ms, char **err, int *ended)
{
	struct msg	 msg;
	char		*frame;
	size_t		 len;
	int		 rc;

	if (err != NULL)
		*err = NULL;
	if (ended != NULL)
		*ended = 0;
	if (!readable(fd, ms) || proto_read(fd, &frame, &len) != 0)
		return (-1);
	if (msg_parse(&msg, frame, len) != 0) {
		free(frame);
		return (-2);
	}
	rc = (int)mobj_int(msg.root, "rc", -3);
	if (err != NULL)
		*err = mobj_strdup(msg.root, "err");
	if (ended != NULL)
		*ended = (int)mobj_int(msg.root, "ended", 0);
	msg_free(&msg);
	free(frame);
	return (rc);
}

static int
send_msg(int fd, struct msgb *m)
{
	int	 rc = proto_write(fd, m->sb.data, m->sb.size);

	mb_free(m);
	return (rc);
}

static int
hello_as(int fd, const char *tty, const char *prog, char **err)
{
	struct msgb	 m;

	mb_init(&m);
	mb_map(&m, 5);
	mb_kstr(&m, "op", "hello");
	mb_kint(&m, "rid", 1);
	mb_kstr(&m, "tty", tty);
	mb_kstr(&m, "prog", prog);
	mb_kint(&m, "version", PROTO_VERSION);
	if (send_msg(fd, &m) != 0)
		return (-1);
	return (answer(fd, 5000, err, NULL));
}

/* Connect and say hello; -1 when either fails. */
static int
session(void)
{
	int	 fd;

	if ((fd = raw_connect()) < 0)
		return (-1);
	if (hello_as(fd, "-", "hostile", NULL) != 0) {
		close(fd);
		return (-1);
	}
	return (fd);
}

static int
simple(int fd, const char *op, char **err)
{
	struct msgb	 m;

	mb_init(&m);
	mb_map(&m, 2);
	mb_kstr(&m, "op", op);
	mb_kint(&m, "rid", 2);
	if (send_msg(fd, &m) != 0)
		return (-1);
	return (answer(fd, 5000, err, NULL));
}

/* Whether s holds a control character (ESC above all). */
static int
has_control(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return (1);
	return (0);
}

/* Wait until the server has closed every fd in v (-1: done); ms. */
static int64_t
wait_closed(int *v, int n, int max_ms, int *dropped)
{
	int64_t	 t0 = now_ms();
	char	 buf[4096];
	int	 i, left;

	*dropped = 0;
	do {
		left = 0;
		for (i = 0; i < n; i++) {
			if (v[i] < 0)
				continue;
			if (readable(v[i], 0)) {
				/* A notice, then the end: read to the end. */
				ssize_t	 r = read(v[i], buf, sizeof buf);

				if (r <= 0) {
					close(v[i]);
					v[i] = -1;
					(*dropped)++;
					continue;
				}
			}
			left++;
		}
		if (left > 0)
			usleep(20000);
	} while (left > 0 && now_ms() - t0 < max_ms);
	return (now_ms() - t0);
}

static int
mode_idle(int n)
{
	int	*v = xcalloc((size_t)n, sizeof *v);
	int	 i, opened = 0, refused = 0, dropped;
	int64_t	 ms;

	for (i = 0; i < n; i++) {
		if ((v[i] = raw_connect()) < 0)
			break;
		opened++;
	}
	/* The ones over the limits are told at once, and closed. */
	usleep(200000);
	for (i = 0; i < opened; i++) {
		if (readable(v[i], 0)) {
			answer(v[i], 100, NULL, NULL);
			close(v[i]);
			v[i] = -1;
			refused++;
		}
	}
	printf("opened=%d refused=%d\n", opened, refused);
	fflush(stdout);
	ms = wait_closed(v, opened, 60000, &dropped);
	printf("dropped=%d ms=%lld\n", dropped, (long long)ms);
	for (i = 0; i < opened; i++)
		if (v[i] >= 0)
			close(v[i]);
	free(v);
	return (0);
}

static int
mode_bigframe(int n)
{
	unsigned char	 hdr[4];
	char		*junk;
	size_t		 size = (64u << 20), chunk = 1u << 20, *off;
	int		*v = xcalloc((size_t)n, sizeof *v);
	int		 i, k = 0, rc = 0, got, busy;
	int64_t		 t0;
	ssize_t		 w;

	/* All but the last byte of a 64 MiB frame, as far as it goes in
	 * two seconds: a server that buffers it all holds 64 MiB each. */
	junk = xcalloc(1, chunk);
	off = xcalloc((size_t)n, sizeof *off);
	put_len(hdr, size);
	for (i = 0; i < n; i++) {
		if ((v[i] = raw_connect()) < 0)
			continue;
		fcntl(v[i], F_SETFL, O_NONBLOCK);
		if (write(v[i], hdr, 4) != 4) {
			close(v[i]);
			v[i] = -1;
		}
	}
	t0 = now_ms();
	do {
		busy = 0;
		for (i = 0; i < n; i++) {
			if (v[i] < 0 || off[i] >= size - 1)
				continue;
			w = write(v[i], junk, size - 1 - off[i] < chunk ?
			    size - 1 - off[i] : chunk);
			if (w > 0) {
				off[i] += (size_t)w;
				busy = 1;
			} else if (w < 0 && errno != EAGAIN)
				off[i] = size;	/* refused: hung up */
		}
		if (!busy)
			usleep(5000);
	} while (now_ms() - t0 < 2000);
	printf("sent\n");
	fflush(stdout);
	for (i = 0; i < n; i++) {
		if (v[i] < 0)
			continue;
		if ((got = answer(v[i], 2000, NULL, NULL)) > 0) {
			k++;
			rc = got;
		}
		close(v[i]);
	}
	printf("refused=%d rc=%d\n", k, rc);
	free(off);
	free(junk);
	free(v);
	return (0);
}

static int
mode_stall(int n, size_t size)
{
	unsigned char	 hdr[4];
	char		*junk;
	int		*v = xcalloc((size_t)n, sizeof *v);
	int		 i, stalled = 0, dropped;
	int64_t		 ms;

	junk = xcalloc(1, size / 2);
	put_len(hdr, size);
	for (i = 0; i < n; i++) {
		if ((v[i] = session()) < 0)
			continue;
		/* Not all of it may fit in the socket: what does. */
		fcntl(v[i], F_SETFL, O_NONBLOCK);
		if (write(v[i], hdr, 4) == 4) {
			size_t	 off = 0;
			ssize_t	 w;
			int64_t	 t0 = now_ms();

			while (off < size / 2 && now_ms() - t0 < 1000) {
				if ((w = write(v[i], junk + off, size / 2 -
				    off)) > 0)
					off += (size_t)w;
				else
					usleep(1000);
			}
			stalled++;
		}
	}
	printf("stalled=%d\n", stalled);
	fflush(stdout);
	ms = wait_closed(v, n, 60000, &dropped);
	printf("dropped=%d ms=%lld\n", dropped, (long long)ms);
	free(junk);
	free(v);
	return (0);
}

static int
frame_raw(int fd, const void *p, size_t len)
{
	unsigned char	 hdr[4];

	put_len(hdr, len);
	if (write_all(fd, hdr, 4) != 0)
		return (-1);
	return (write_all(fd, p, len));
}

static int
mode_bomb(void)
{
	static const char	 map32[] = "\xdf\xff\xff\xff\xff";
	struct msgb		 m;
	char			*deep;
	int			 fd, before, after, nested, deep_rc, alive;
	int			 i;

	/* Before hello. */
	if ((fd = raw_connect()) < 0)
		return (EX_UNAVAILABLE);
	frame_raw(fd, map32, 5);
	before = answer(fd, 5000, NULL, NULL);
	close(fd);

	if ((fd = session()) < 0)
		return (EX_UNAVAILABLE);
	frame_raw(fd, map32, 5);
	after = answer(fd, 5000, NULL, NULL);

	/* {"op": "status", "rid": 3, "x": array32 of 2^32-1} */
	mb_init(&m);
	mb_map(&m, 3);
	mb_kstr(&m, "op", "status");
	mb_kint(&m, "rid", 3);
	mb_str(&m, "x");
	msgpack_sbuffer_write(&m.sb, "\xdd\xff\xff\xff\xff\xc0", 6);
	send_msg(fd, &m);
	nested = answer(fd, 5000, NULL, NULL);

	/* 100000 arrays, each holding the next. */
	deep = xmalloc(100001);
	for (i = 0; i < 100000; i++)
		deep[i] = (char)0x91;
	deep[100000] = (char)0xc0;
	frame_raw(fd, deep, 100001);
	deep_rc = answer(fd, 5000, NULL, NULL);
	free(deep);

	alive = simple(fd, "status", NULL);
	close(fd);
	printf("before=%d after=%d nested=%d deep=%d alive=%d\n", before,
	    after, nested, deep_rc, alive);
	return (0);
}

static int
mode_hello_text(void)
{
	char	*err = NULL, prog[201];
	int	 fd, tty_rc, prog_rc, ok_rc;

	if ((fd = raw_connect()) < 0)
		return (EX_UNAVAILABLE);
	tty_rc = hello_as(fd, "\033]0;pwned\007\033[2J\033[31mpts/0", "kontor",
	    &err);
	memset(prog, 'p', 200);
	prog[200] = '\0';
	prog_rc = hello_as(fd, "-", prog, NULL);
	ok_rc = hello_as(fd, "-", "kontor", NULL);
	close(fd);
	printf("tty=%d prog=%d ok=%d esc=%d\n", tty_rc, prog_rc, ok_rc,
	    has_control(err));
	printf("err=%s\n", err ? err : "");
	free(err);
	return (0);
}

static int
mode_echo(size_t size)
{
	struct msgb	 m;
	char		*err = NULL, *name, *err2 = NULL;
	int		 fd, op_rc, hdr_rc;

	if ((fd = session()) < 0)
		return (EX_UNAVAILABLE);
	op_rc = simple(fd, "\033[2J\033]0;x\007status", &err);

	name = xmalloc(size + 1);
	memset(name, 'h', size);
	memcpy(name, "\033[31m", 5);
	name[size] = '\0';
	mb_init(&m);
	mb_map(&m, 4);
	mb_kstr(&m, "op", "import_begin");
	mb_kint(&m, "rid", 4);
	mb_kstr(&m, "entity", "customers");
	mb_str(&m, "header");
	mb_array(&m, 1);
	mb_str(&m, name);
	free(name);
	send_msg(fd, &m);
	hdr_rc = answer(fd, 10000, &err2, NULL);
	close(fd);
	printf("op=%d oplen=%zu opesc=%d header=%d headerlen=%zu "
	    "headeresc=%d\n", op_rc, err ? strlen(err) : 0, has_control(err),
	    hdr_rc, err2 ? strlen(err2) : 0, has_control(err2));
	free(err);
	free(err2);
	return (0);
}

/* A put of customers with these encoded field bytes (a map's pairs). */
static int
put_raw(int fd, const char *pairs, size_t plen, size_t npairs, char **err)
{
	const struct entity_def	*e = dict_entity("customers");
	struct msgb		 rec, m;

	mb_init(&rec);
	mb_map(&rec, npairs + 3);
	mb_int(&rec, e->fields[FX_CODE].id);
	mb_str(&rec, npairs == 0 ? "HX-OK" : "HX-BAD");
	mb_int(&rec, e->fields[dict_field_pos(e, "name")].id);
	mb_str(&rec, "Hostile");
	mb_int(&rec, e->fields[dict_field_pos(e, "kind")].id);
	mb_str(&rec, "company");
	msgpack_sbuffer_write(&rec.sb, pairs, plen);
	mb_init(&m);
	mb_map(&m, 4);
	mb_kstr(&m, "op", "put");
	mb_kint(&m, "rid", 5);
	mb_kstr(&m, "entity", "customers");
	mb_str(&m, "rec");
	mb_bin(&m, rec.sb.data, rec.sb.size);
	mb_free(&rec);
	if (send_msg(fd, &m) != 0)
		return (-1);
	return (answer(fd, 10000, err, NULL));
}

static int
mode_put(void)
{
	const struct entity_def	*e = dict_entity("customers");
	struct msgb		 p;
	char			*err1 = NULL, *err2 = NULL, *blob;
	int			 fd, unknown, typed, valid;

	if ((fd = session()) < 0)
		return (EX_UNAVAILABLE);
	/* Field 9999: unknown, a 1 MiB blob. */
	mb_init(&p);
	mb_int(&p, 9999);
	blob = xcalloc(1, 1u << 20);
	mb_bin(&p, blob, 1u << 20);
	free(blob);
	unknown = put_raw(fd, p.sb.data, p.sb.size, 1, &err1);
	mb_free(&p);
	/* notes: a nested map where text belongs. */
	mb_init(&p);
	mb_int(&p, e->fields[dict_field_pos(e, "notes")].id);
	mb_map(&p, 1);
	mb_kstr(&p, "hidden", "payload");
	typed = put_raw(fd, p.sb.data, p.sb.size, 1, &err2);
	mb_free(&p);
	valid = put_raw(fd, "", 0, 0, NULL);
	close(fd);
	printf("unknown=%d typed=%d valid=%d\n", unknown, typed, valid);
	printf("err=%s\n", err1 ? err1 : "");
	printf("err=%s\n", err2 ? err2 : "");
	free(err1);
	free(err2);
	return (0);
}

static int
mode_flood(int n)
{
	int	 fd, i, k = 0;

	if ((fd = session()) < 0)
		return (EX_UNAVAILABLE);
	for (i = 0; i < n; i++)
		if (simple(fd, "check", NULL) == EX_NOPERM)
			k++;
	close(fd);
	printf("refused=%d\n", k);
	return (0);
}

/* A customer record: created (id 0) or the one of id at rev. */
static void
customer_rec(struct msgb *m, const char *code)
{
	const struct entity_def	*e = dict_entity("customers");
	struct record		*r = record_new(e);
	char			*p;
	size_t			 len;

	record_set_str(r, FX_CODE, code);
	record_set_str(r, dict_field_pos(e, "name"), code);
	record_set_str(r, dict_field_pos(e, "kind"), "company");
	codec_encode(r, &p, &len);
	mb_bin(m, p, len);
	free(p);
	record_free(r);
}

/* The id of the customer with code, by a get: 0 or its rc. */
static int
get_id(int fd, const char *code, int rid, int64_t *id, char **err,
    int *ended)
{
	struct msgb	 m;
	struct msg	 msg;
	struct record	*r;
	const char	*p;
	char		*frame, *cause = NULL;
	size_t		 len, plen;
	int		 rc;

	*err = NULL;
	*ended = 0;
	mb_init(&m);
	mb_map(&m, 4);
	mb_kstr(&m, "op", "get");
	mb_kint(&m, "rid", rid);
	mb_kstr(&m, "entity", "customers");
	mb_kstr(&m, "code", code);
	if (send_msg(fd, &m) != 0 || !readable(fd, 10000) ||
	    proto_read(fd, &frame, &len) != 0)
		return (-1);
	if (msg_parse(&msg, frame, len) != 0) {
		free(frame);
		return (-2);
	}
	rc = (int)mobj_int(msg.root, "rc", -3);
	*err = mobj_strdup(msg.root, "err");
	*ended = (int)mobj_int(msg.root, "ended", 0);
	if (rc == 0) {
		if (mobj_bin(msg.root, "data", &p, &plen) != 0 ||
		    codec_decode(dict_entity("customers"), p, plen, &r,
		    &cause) != 0) {
			free(cause);
			rc = -4;
		} else {
			*id = (int64_t)record_id(r);
			record_free(r);
		}
	}
	msg_free(&msg);
	free(frame);
	return (rc);
}

/* "LOGIN ROLES DISABLED": the users record changed by a raw put. */
static int
user_set(int fd, char *arg, int rid, char **err)
{
	const struct entity_def	*e = dict_entity("users");
	struct msgb		 m;
	struct msg		 msg;
	struct record		*u = NULL;
	const char		*p;
	char			*frame, *cause = NULL, *login, *roles, *dis;
	size_t			 len, plen;
	int			 rc;

	*err = NULL;
	login = strtok(arg, " ");
	roles = strtok(NULL, " ");
	dis = strtok(NULL, " ");
	if (login == NULL || roles == NULL || dis == NULL)
		return (-5);
	mb_init(&m);
	mb_map(&m, 4);
	mb_kstr(&m, "op", "get");
	mb_kint(&m, "rid", rid);
	mb_kstr(&m, "entity", "users");
	mb_kstr(&m, "code", login);
	if (send_msg(fd, &m) != 0 || !readable(fd, 10000) ||
	    proto_read(fd, &frame, &len) != 0)
		return (-1);
	if (msg_parse(&msg, frame, len) != 0) {
		free(frame);
		return (-2);
	}
	rc = (int)mobj_int(msg.root, "rc", -3);
	*err = mobj_strdup(msg.root, "err");
	if (rc == 0 && (mobj_bin(msg.root, "data", &p, &plen) != 0 ||
	    codec_decode(e, p, plen, &u, &cause) != 0)) {
		free(cause);
		rc = -4;
	}
	msg_free(&msg);
	free(frame);
	if (rc != 0)
		return (rc);
	free(*err);
	record_set_str(u, dict_field_pos(e, "roles"), roles);
	record_set_int(u, dict_field_pos(e, "disabled"), atoi(dis));
	codec_encode(u, &frame, &len);
	mb_init(&m);
	mb_map(&m, 5);
	mb_kstr(&m, "op", "put");
	mb_kint(&m, "rid", rid + 1);
	mb_kstr(&m, "entity", "users");
	mb_kint(&m, "rev", record_rev(u));
	mb_str(&m, "rec");
	mb_bin(&m, frame, len);
	free(frame);
	record_free(u);
	if (send_msg(fd, &m) != 0)
		return (-1);
	return (answer(fd, 10000, err, NULL));
}

static void
say(const char *cmd, int rc, const char *err)
{
	char	*q = text_escape(err ? err : "", 300);

	printf("%s rc=%d err=%s\n", cmd, rc, q);
	fflush(stdout);
	free(q);
}

static int
mode_session(void)
{
	char	 line[256], *err, *arg;
	int	 fd, rc, ended, rid = 10;

	if ((fd = session()) < 0)
		return (EX_UNAVAILABLE);
	say("hello", 0, NULL);
	while (fgets(line, sizeof line, stdin) != NULL) {
		struct msgb	 m;

		line[strcspn(line, "\n")] = '\0';
		arg = strchr(line, ' ');
		if (arg != NULL)
			*arg++ = '\0';
		err = NULL;
		ended = 0;
		if (strcmp(line, "quit") == 0)
			break;
		if (strcmp(line, "wait") == 0) {
			rc = answer(fd, 10000, &err, &ended);
			say(ended ? "wait ended" : "wait", rc, err);
			free(err);
			continue;
		}
		mb_init(&m);
		if (strcmp(line, "put") == 0 && arg != NULL) {
			mb_map(&m, 4);
			mb_kstr(&m, "op", "put");
			mb_kint(&m, "rid", rid++);
			mb_kstr(&m, "entity", "customers");
			mb_str(&m, "rec");
			customer_rec(&m, arg);
		} else if (strcmp(line, "delete") == 0 && arg != NULL) {
			int64_t	 id;

			mb_free(&m);
			if ((rc = get_id(fd, arg, rid++, &id, &err,
			    &ended)) != 0) {
				say(ended ? "delete ended" : "delete", rc, err);
				free(err);
				continue;
			}
			mb_init(&m);
			mb_map(&m, 4);
			mb_kstr(&m, "op", "delete");
			mb_kint(&m, "rid", rid++);
			mb_kstr(&m, "entity", "customers");
			mb_kint(&m, "id", id);
		} else if (strcmp(line, "user") == 0 && arg != NULL) {
			mb_free(&m);
			if ((rc = user_set(fd, arg, rid, &err)) != 0)
				say("user", rc, err);
			else
				say("user", 0, NULL);
			rid += 2;
			free(err);
			continue;
		} else {
			mb_map(&m, 2);
			mb_kstr(&m, "op", line);
			mb_kint(&m, "rid", rid++);
		}
		if (send_msg(fd, &m) != 0)
			rc = -1;
		else
			rc = answer(fd, 10000, &err, &ended);
		say(ended ? (strcmp(line, "put") == 0 ? "put ended" :
		    "ended") : line, rc, err);
		free(err);
	}
	close(fd);
	return (0);
}

static int
mode_lib_session(void)
{
	struct paths		 p;
	struct client		*c;
	struct client_reply	 r;
	char			 line[256], *arg, *cause = NULL;
	int			 rc;

	paths_resolve(&p, NULL, sock_path);
	if ((rc = client_open(&p, 0, &c, &cause)) != 0) {
		say("open", rc, cause);
		free(cause);
		paths_free(&p);
		return (rc);
	}
	say("hello", 0, NULL);
	while (fgets(line, sizeof line, stdin) != NULL) {
		struct msgb	 m;

		line[strcspn(line, "\n")] = '\0';
		arg = strchr(line, ' ');
		if (arg != NULL)
			*arg++ = '\0';
		if (strcmp(line, "quit") == 0)
			break;
		if (strcmp(line, "ended") == 0) {
			rc = client_ended(c, &r);
			say("ended", rc, r.err);
			client_reply_free(&r);
			continue;
		}
		if (strcmp(line, "put") == 0 && arg != NULL) {
			client_req(c, &m, "put", 2);
			mb_kstr(&m, "entity", "customers");
			mb_str(&m, "rec");
			customer_rec(&m, arg);
		} else
			client_req(c, &m, line, 0);
		rc = client_call(c, &m, &r);
		say(line, rc, r.err);
		client_reply_free(&r);
	}
	client_close(c);
	paths_free(&p);
	return (0);
}

static int
mode_probe(int n)
{
	struct paths		 p;
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	char			*cause;
	int64_t			 t0, dt, max = 0, sum = 0;
	int			 i, fails = 0;

	paths_resolve(&p, NULL, sock_path);
	for (i = 0; i < n; i++) {
		t0 = now_ms();
		cause = NULL;
		if (client_open(&p, 0, &c, &cause) != 0) {
			free(cause);
			fails++;
			continue;
		}
		client_req(c, &m, "status", 0);
		if (client_call(c, &m, &r) != 0)
			fails++;
		client_reply_free(&r);
		client_close(c);
		dt = now_ms() - t0;
		sum += dt;
		if (dt > max)
			max = dt;
	}
	printf("max_ms=%lld avg_ms=%lld fails=%d\n", (long long)max,
	    (long long)(n > fails ? sum / (n - fails) : 0), fails);
	paths_free(&p);
	return (0);
}

int
main(int argc, char **argv)
{
	const char	*mode;
	int		 ch;

	setlocale(LC_ALL, "");
	log_open(LOGT_NONE, NULL);
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((ch = getopt(argc, argv, "S:")) != -1) {
		switch (ch) {
		case 'S':
			sock_path = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (sock_path == NULL || argc < 1)
		usage();
	mode = argv[0];
	if (strcmp(mode, "idle") == 0 && argc == 2)
		return (mode_idle(atoi(argv[1])));
	if (strcmp(mode, "bigframe") == 0 && argc == 2)
		return (mode_bigframe(atoi(argv[1])));
	if (strcmp(mode, "stall") == 0 && argc == 3)
		return (mode_stall(atoi(argv[1]), strtoul(argv[2], NULL, 10)));
	if (strcmp(mode, "bomb") == 0)
		return (mode_bomb());
	if (strcmp(mode, "hello-text") == 0)
		return (mode_hello_text());
	if (strcmp(mode, "echo") == 0 && argc == 2)
		return (mode_echo(strtoul(argv[1], NULL, 10)));
	if (strcmp(mode, "put") == 0)
		return (mode_put());
	if (strcmp(mode, "flood") == 0 && argc == 2)
		return (mode_flood(atoi(argv[1])));
	if (strcmp(mode, "session") == 0)
		return (mode_session());
	if (strcmp(mode, "lib-session") == 0)
		return (mode_lib_session());
	if (strcmp(mode, "probe") == 0 && argc == 2)
		return (mode_probe(atoi(argv[1])));
	usage();
}
