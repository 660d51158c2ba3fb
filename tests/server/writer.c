/*
 * writer: a test client for the server and crash tests.
 *
 *   writer --home H [--socket S] --prefix P --count N [--start K]
 *	N separate put requests, each creating one customer with code P-<i>
 *	(i from K, default 1), name "Firm P-<i>" and kind company.  A code
 *	is printed (and flushed) only after its acknowledgement arrived, so
 *	every printed code must be in the database, whatever happens after.
 *	A refusal ends the writer with the server's exit code; a lost
 *	connection is mended by the client library (which restarts a
 *	killed server), so only a server gone for a minute ends it.
 *
 *   writer ... --prefix P --start K --half-frame
 *	Creates P-<K> (printed when acknowledged), then opens a second
 *	session, sends half of a request frame that would rename P-<K> (at
 *	revision 1), prints "half-sent" and stops itself (SIGSTOP).  When
 *	continued it sends the rest; the server drops a frame not sent
 *	whole in time, and then the writer prints "dropped: ERR" and sends
 *	the whole request again on a new session, as the client library
 *	would.  It prints "late rc=N err" with the server's answer: a
 *	conflict (75) when someone changed P-<K> in the meantime.
 *
 *   writer ... --stall-read
 *	Asks for an export of customers, prints "stalled" and never reads.
 *
 *   writer ... --update CODE --name NAME [--rev N] [--lang ru|en]
 *	Renames the customer CODE (get, then put at its revision, or at
 *	revision N: a stale one is a conflict); prints CODE and the new
 *	revision when acknowledged.  With --rev a refusal is printed as
 *	"refused rc=N refusal=R field=F" (the reply's keys, "-" when
 *	missing) and "err: ERR" before the writer ends with its code.
 *	--lang: the session's language, as kontor --lang.
 *
 *   writer ... --prefix P --start K --resend [--now]
 *	A write whose answer is lost, sent again as after a reconnect: the
 *	put creating P-<K> goes out on one session, which is closed unread;
 *	once P-<K> exists (at once with --now) the same bytes go out on a
 *	second session and then a third.  Prints "resent rc=A id=I rc=B
 *	id=J": both answers should be the first one's (rc 0, the same id).
 *
 * The client library starts a missing server by running its own binary
 * as "--home H --socket S serve --daemon"; this program then serves, as
 * kontor would, from the same libkontor.a.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "client/client.h"
#include "dict/codec.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "home.h"
#include "i18n.h"
#include "log.h"
#include "proto.h"
#include "server/admin.h"
#include "xmalloc.h"

#define TEMPFAIL_RETRIES	50

enum mode { M_WRITE, M_HALF, M_STALL, M_UPDATE, M_RESEND };

static const struct entity_def	*cust;

static void	die(int, const char *, const char *, const char *)
		    __attribute__((noreturn));
static void	stall_read(const struct paths *) __attribute__((noreturn));

static void
die(int rc, const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "writer: ");
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	exit(rc);
}

static struct record *
new_customer(const char *code, const char *name)
{
	struct record	*r = record_new(cust);

	record_set_str(r, FX_CODE, code);
	record_set_str(r, dict_field_pos(cust, "name"), name);
	record_set_str(r, dict_field_pos(cust, "kind"), "company");
	return (r);
}

/* A put request for r, as src/cli/cli.c put_record() builds it. */
static void
put_req(struct client *c, struct msgb *m, const struct record *r)
{
	char	*p;
	size_t	 len;

	codec_encode(r, &p, &len);
	client_req(c, m, "put", 3);
	mb_kstr(m, "entity", cust->name);
	mb_str(m, "rec");
	mb_bin(m, p, len);
	mb_kint(m, "rev", record_rev(r));
	free(p);
}

/*
 * Create one customer; retried while the server says "try again".
 * Returns its id; exits on any other refusal.
 */
static uint64_t
create(struct client *c, const char *code)
{
	struct client_reply	 rep;
	struct record		*r;
	struct msgb		 m;
	char			 name[96];
	uint64_t		 id;
	int			 try, rc = 0;

	snprintf(name, sizeof name, "Firm %s", code);
	r = new_customer(code, name);
	for (try = 0; try < TEMPFAIL_RETRIES; try++) {
		put_req(c, &m, r);
		if ((rc = client_call(c, &m, &rep)) != EX_TEMPFAIL)
			break;
		client_reply_free(&rep);
		usleep(10000);
	}
	record_free(r);
	if (rc != 0)
		die(rc, "%s: %s", code, rep.err ? rep.err : "refused");
	id = (uint64_t)mobj_int(rep.data, "id", 0);
	client_reply_free(&rep);
	return (id);
}

/* A raw session: connect and say hello, without the client library. */
static int
raw_open(const struct paths *p)
{
	struct sockaddr_un	 sun;
	struct msgb		 m;
	struct msg		 msg;
	char			*frame;
	size_t			 len;
	int			 fd;

	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	if (strlen(p->socket) >= sizeof sun.sun_path)
		die(EX_USAGE, "%s: socket path too long%s", p->socket, "");
	memcpy(sun.sun_path, p->socket, strlen(p->socket));
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0 ||
	    connect(fd, (struct sockaddr *)&sun, sizeof sun) != 0)
		die(EX_UNAVAILABLE, "connect %s: %s", p->socket,
		    strerror(errno));
	mb_init(&m);
	mb_map(&m, 5);
	mb_kstr(&m, "op", "hello");
	mb_kint(&m, "rid", 1);
	mb_kstr(&m, "tty", "-");
	mb_kstr(&m, "prog", "writer");
	mb_kint(&m, "version", PROTO_VERSION);
	if (proto_write(fd, m.sb.data, m.sb.size) != 0 ||
	    proto_read(fd, &frame, &len) != 0)
		die(EX_UNAVAILABLE, "hello: %s%s", strerror(errno), "");
	mb_free(&m);
	if (msg_parse(&msg, frame, len) != 0 ||
	    mobj_int(msg.root, "rc", -1) != 0)
		die(EX_NOPERM, "hello refused%s%s", "", "");
	msg_free(&msg);
	free(frame);
	return (fd);
}

static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		if ((n = write(fd, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		p += n;
		len -= (size_t)n;
	}
	return (0);
}

/* The answer on fd: its rc and *err (malloc'd or NULL), or -1. */
static int
raw_answer(int fd, char **err)
{
	struct msg	 msg;
	char		*frame;
	size_t		 len;
	int		 rc;

	*err = NULL;
	if (proto_read(fd, &frame, &len) != 0)
		return (-1);
	if (msg_parse(&msg, frame, len) != 0) {
		free(frame);
		return (-1);
	}
	rc = (int)mobj_int(msg.root, "rc", -1);
	*err = mobj_strdup(msg.root, "err");
	msg_free(&msg);
	free(frame);
	return (rc);
}

/* Send half a frame, stop; when continued, the rest and the answer. */
static int
half_frame(const struct paths *p, struct client *c, const char *code,
    uint64_t id)
{
	struct record	*r;
	struct msgb	 m;
	unsigned char	 hdr[4];
	char		 name[96], *err = NULL;
	size_t		 len, half;
	int		 fd, rc;

	fd = raw_open(p);
	snprintf(name, sizeof name, "Late %s", code);
	r = new_customer(code, name);
	record_set_int(r, FX_ID, (int64_t)id);
	record_set_int(r, FX_REV, 1);
	/* The library's client id and a request id of its own: a write is
	 * remembered by both. */
	put_req(c, &m, r);
	record_free(r);
	len = m.sb.size;
	hdr[0] = (unsigned char)(len >> 24);
	hdr[1] = (unsigned char)(len >> 16);
	hdr[2] = (unsigned char)(len >> 8);
	hdr[3] = (unsigned char)len;
	half = len / 2;
	if (write_all(fd, (char *)hdr, 4) != 0 ||
	    write_all(fd, m.sb.data, half) != 0)
		die(EX_UNAVAILABLE, "half frame: %s%s", strerror(errno), "");
	printf("half-sent\n");
	fflush(stdout);
	raise(SIGSTOP);
	/* Refused or not, an answer (or a notice) may wait to be read. */
	(void)write_all(fd, m.sb.data + half, len - half);
	rc = raw_answer(fd, &err);
	close(fd);
	if (rc < 0 || (err != NULL && strstr(err, "not sent whole") != NULL)) {
		/* Dropped while stopped: all of it again, on a new session,
		 * as the client library would send it. */
		printf("dropped: %s\n", err != NULL ? err : "no answer");
		fflush(stdout);
		free(err);
		fd = raw_open(p);
		if (proto_write(fd, m.sb.data, m.sb.size) != 0 ||
		    (rc = raw_answer(fd, &err)) < 0)
			die(EX_UNAVAILABLE, "sent again: %s%s",
			    strerror(errno), "");
		close(fd);
	}
	mb_free(&m);
	printf("late rc=%d %s\n", rc, err ? err : "");
	fflush(stdout);
	free(err);
	return (0);
}

/* Ask for an export and never read the answer. */
static void
stall_read(const struct paths *p)
{
	struct msgb	 m;
	int		 fd;

	fd = raw_open(p);
	mb_init(&m);
	mb_map(&m, 3);
	mb_kstr(&m, "op", "export");
	mb_kint(&m, "rid", 2);
	mb_kstr(&m, "entity", "customers");
	if (proto_write(fd, m.sb.data, m.sb.size) != 0)
		die(EX_UNAVAILABLE, "export: %s%s", strerror(errno), "");
	mb_free(&m);
	printf("stalled\n");
	fflush(stdout);
	for (;;)
		pause();
}

/* Send one frame on a new session and read its answer: rc, and id. */
static int
raw_put(const struct paths *p, const struct msgb *m, int read_answer,
    long long *id)
{
	struct msg	 msg;
	char		*frame;
	size_t		 len;
	int		 fd, rc = -1;

	fd = raw_open(p);
	if (proto_write(fd, m->sb.data, m->sb.size) != 0)
		die(EX_UNAVAILABLE, "put: %s%s", strerror(errno), "");
	if (read_answer) {
		if (proto_read(fd, &frame, &len) != 0 ||
		    msg_parse(&msg, frame, len) != 0)
			die(EX_PROTOCOL, "put: no answer%s%s", "", "");
		rc = (int)mobj_int(msg.root, "rc", -1);
		*id = (long long)mobj_int(mobj_get(msg.root, "data"), "id", 0);
		if (rc != 0) {
			char	*err = mobj_strdup(msg.root, "err");

			fprintf(stderr, "writer: %s\n", err ? err : "?");
			free(err);
		}
		msg_free(&msg);
		free(frame);
	}
	close(fd);
	return (rc);
}

/* Whether the customer code exists, asked through the library. */
static int
exists(struct client *c, const char *code)
{
	struct client_reply	 rep;
	struct msgb		 m;
	int			 rc;

	client_req(c, &m, "get", 2);
	mb_kstr(&m, "entity", cust->name);
	mb_kstr(&m, "code", code);
	rc = client_call(c, &m, &rep);
	client_reply_free(&rep);
	if (rc != 0 && rc != EX_NOINPUT)
		die(rc, "get %s: failed%s", code, "");
	return (rc == 0);
}

static int
resend(const struct paths *p, struct client *c, const char *code, int now)
{
	struct record	*r;
	struct msgb	 m;
	char		 name[96];
	long long	 id1 = 0, id2 = 0;
	int		 rc1, rc2, i;

	snprintf(name, sizeof name, "Firm %s", code);
	r = new_customer(code, name);
	put_req(c, &m, r);
	record_free(r);
	raw_put(p, &m, 0, &id1);
	for (i = 0; !now && !exists(c, code); i++) {
		if (i == 1000)
			die(EX_SOFTWARE, "%s: the first put never landed%s",
			    code, "");
		usleep(10000);
	}
	rc1 = raw_put(p, &m, 1, &id1);
	rc2 = raw_put(p, &m, 1, &id2);
	mb_free(&m);
	printf("resent rc=%d id=%lld rc=%d id=%lld\n", rc1, id1, rc2, id2);
	fflush(stdout);
	return (0);
}

static int
update(struct client *c, const char *code, const char *name, long rev)
{
	struct client_reply	 rep;
	struct record		*r;
	struct msgb		 m;
	const char		*p;
	char			*cause = NULL;
	size_t			 len;
	int			 rc;

	client_req(c, &m, "get", 2);
	mb_kstr(&m, "entity", cust->name);
	mb_kstr(&m, "code", code);
	if ((rc = client_call(c, &m, &rep)) != 0)
		die(rc, "get %s: %s", code, rep.err ? rep.err : "refused");
	if (rep.data == NULL || rep.data->type != MSGPACK_OBJECT_BIN)
		die(EX_PROTOCOL, "get %s: no record%s", code, "");
	p = rep.data->via.bin.ptr;
	len = rep.data->via.bin.size;
	if (codec_decode(cust, p, len, &r, &cause) != 0)
		die(EX_PROTOCOL, "get %s: %s", code, cause);
	client_reply_free(&rep);
	record_set_str(r, dict_field_pos(cust, "name"), name);
	if (rev > 0)
		record_set_int(r, FX_REV, rev);
	put_req(c, &m, r);
	record_free(r);
	if ((rc = client_call(c, &m, &rep)) != 0 && rev > 0) {
		char	*refusal = mobj_strdup(rep.msg.root, "refusal");
		char	*field = mobj_strdup(rep.msg.root, "field");

		printf("refused rc=%d refusal=%s field=%s\nerr: %s\n", rc,
		    refusal ? refusal : "-", field ? field : "-",
		    rep.err ? rep.err : "");
		fflush(stdout);
		free(refusal);
		free(field);
		client_reply_free(&rep);
		exit(rc);
	}
	if (rc != 0)
		die(rc, "put %s: %s", code, rep.err ? rep.err : "refused");
	printf("%s %lld\n", code, (long long)mobj_int(rep.data, "rev", 0));
	fflush(stdout);
	client_reply_free(&rep);
	return (0);
}

static void
usage(void)
{
	fprintf(stderr, "usage: writer --home H [--socket S] --prefix P "
	    "[--count N] [--start K]\n"
	    "              [--half-frame | --stall-read | "
	    "--update CODE --name NAME [--rev N] [--lang L] | "
	    "--resend [--now]]\n");
	exit(EX_USAGE);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "home", required_argument, NULL, 'H' },
		{ "socket", required_argument, NULL, 'S' },
		{ "prefix", required_argument, NULL, 'p' },
		{ "count", required_argument, NULL, 'n' },
		{ "start", required_argument, NULL, 's' },
		{ "half-frame", no_argument, NULL, 'f' },
		{ "stall-read", no_argument, NULL, 'r' },
		{ "update", required_argument, NULL, 'u' },
		{ "name", required_argument, NULL, 'N' },
		{ "resend", no_argument, NULL, 'R' },
		{ "now", no_argument, NULL, 'w' },
		{ "rev", required_argument, NULL, 'v' },
		{ "lang", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*home = NULL, *sock = NULL, *prefix = NULL;
	const char	*target = NULL, *name = NULL, *lang = NULL;
	struct paths	 p;
	struct client	*c;
	enum mode	 mode = M_WRITE;
	char		*cause = NULL, code[64];
	long		 count = 1, start = 1, i, rev = 0;
	uint64_t	 id = 0;
	int		 ch, rc, now = 0;

	setlocale(LC_ALL, "");
	log_open(LOGT_NONE, NULL);
	/* Started by the client library as a server: be one. */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+H:S:", opts, NULL)) != -1) {
		if (ch == 'H')
			home = optarg;
		else if (ch == 'S')
			sock = optarg;
		else
			break;
	}
	if (optind < argc && strcmp(argv[optind], "serve") == 0) {
		paths_resolve(&p, home, sock);
		argc -= optind;
		argv += optind;
		optind = 0;
		rc = cmd_serve(&p, argc, argv);
		paths_free(&p);
		return (rc);
	}
	optind = 0;
	opterr = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'H':
			home = optarg;
			break;
		case 'S':
			sock = optarg;
			break;
		case 'p':
			prefix = optarg;
			break;
		case 'n':
			count = strtol(optarg, NULL, 10);
			break;
		case 's':
			start = strtol(optarg, NULL, 10);
			break;
		case 'f':
			mode = M_HALF;
			break;
		case 'r':
			mode = M_STALL;
			break;
		case 'u':
			mode = M_UPDATE;
			target = optarg;
			break;
		case 'N':
			name = optarg;
			break;
		case 'R':
			mode = M_RESEND;
			break;
		case 'w':
			now = 1;
			break;
		case 'v':
			rev = strtol(optarg, NULL, 10);
			break;
		case 'l':
			lang = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || (mode != M_STALL && mode != M_UPDATE &&
	    prefix == NULL) || (mode == M_UPDATE && name == NULL))
		usage();
	if ((cust = dict_entity("customers")) == NULL)
		die(EX_SOFTWARE, "no entity customers%s%s", "", "");
	setenv("KONTOR_PROG", "writer", 1);
	if (lang != NULL)
		i18n_init(lang);
	paths_resolve(&p, home, sock);
	if (mode == M_STALL)
		stall_read(&p);
	if ((rc = client_open(&p, CLIENT_AUTOSTART, &c, &cause)) != 0)
		die(rc, "%s%s", cause, "");
	if (mode == M_UPDATE)
		rc = update(c, target, name, rev);
	else if (mode == M_RESEND) {
		snprintf(code, sizeof code, "%s-%ld", prefix, start);
		rc = resend(&p, c, code, now);
	} else {
		if (mode == M_HALF)
			count = 1;
		for (i = start; i < start + count; i++) {
			snprintf(code, sizeof code, "%s-%ld", prefix, i);
			id = create(c, code);
			printf("%s\n", code);
			if (fflush(stdout) != 0)
				die(EX_IOERR, "stdout: %s%s", strerror(errno),
				    "");
		}
		if (mode == M_HALF)
			rc = half_frame(&p, c, code, id);
	}
	client_close(c);
	paths_free(&p);
	return (rc);
}
