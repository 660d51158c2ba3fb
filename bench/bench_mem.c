/*
 * bench_mem: the resident memory of a running kontor server, idle, with
 * S clerks' sessions open, and after they have closed (issue 16: under
 * 200 MB with 1,000,000 customers and 50 sessions).
 *
 *	bench_mem --home H [-s 50] [-l LABEL] [-H]
 *	bench_mem --home H -g SECONDS [-c CLIENTS]
 *
 * The home holds the customers already (bench/mem.sh imports them); a
 * server must be running.  S client processes are forked; each opens its
 * own connection (client_open, as the TUI does: hello, the login from
 * its uid) and does what a clerk does when the customers screen opens:
 * the first page of the list by name, two more pages from other letters,
 * five cards by id, a search by a name's word; then it stays connected
 * until every session has done so and the numbers are read.  Then all
 * close, and once the server counts no session, the numbers are read
 * again.
 *
 * For each of the three moments, one Markdown table row: the server's
 * VmRSS and VmHWM (/proc/PID/status), its threads, and the resident
 * parts of its mappings (/proc/PID/smaps): the main heap ([heap]), the
 * other malloc arenas (anonymous mappings at a 64 MB boundary: glibc
 * makes one per thread while threads contend), thread stacks (anonymous
 * mappings with a guard page below), other anonymous mappings (large
 * allocations: Berkeley DB's lock and buffer hash tables, the log
 * buffer), and files (the program and its libraries).  With DB_PRIVATE
 * Berkeley DB's regions live in the heap: the cache's pages are malloc'd
 * one by one, so the cache is counted in the heap and arenas; the server
 * says its size and the pages it holds (the status request's "memory",
 * when the server has it), and malloc's bytes in use and free.  -H
 * prints the table's header first.
 *
 * -g: instead, what the cache's size costs a reader: C clients (8) each
 * get customers by id at random among all of them, with a search by a
 * name's word every tenth request, for the given seconds; one line with
 * the requests per second, the server's CPU per request (/proc/PID/stat)
 * and its VmRSS at the end.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client/client.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "home.h"
#include "proto.h"
#include "xmalloc.h"

#define MAX_SESSIONS	1000
#define ARENA_ALIGN	(64ull << 20)	/* glibc's HEAP_MAX_SIZE, 64-bit */

static const struct entity_def	*ent;
static int			 pos_name;

struct mem {
	unsigned long	 rss, hwm;		/* kB */
	unsigned long	 threads;
	unsigned long	 heap, arenas, stacks, anon, files;	/* kB */
	int64_t		 cache_size, cache_pages, heap_used, heap_free;
	int64_t		 locks, lock_objects;
	int64_t		 sessions;
};

static void
die(const char *what, const char *why)
{
	fprintf(stderr, "bench_mem: %s: %s\n", what, why != NULL ? why : "?");
	exit(70);
}

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

static struct client *
connect_home(const struct paths *p)
{
	struct client	*c;
	char		*cause = NULL;

	if (client_open(p, 0, &c, &cause) != 0)
		die("cannot connect", cause);
	return (c);
}

/* The status request: the server's pid, sessions and memory figures. */
static pid_t
server_status(struct client *c, struct mem *m)
{
	struct client_reply	 rep;
	struct msgb		 mb;
	const msgpack_object	*o;
	pid_t			 pid;

	client_req(c, &mb, "status", 0);
	if (client_call(c, &mb, &rep) != 0)
		die("status", rep.err);
	pid = (pid_t)mobj_int(rep.data, "pid", 0);
	o = mobj_get(rep.data, "sessions");
	if (o != NULL && o->type == MSGPACK_OBJECT_ARRAY)
		m->sessions = (int64_t)o->via.array.size;
	else
		m->sessions = mobj_int(rep.data, "sessions", -1);
	o = mobj_get(rep.data, "memory");
	m->cache_size = m->cache_pages = m->heap_used = m->heap_free = -1;
	m->locks = m->lock_objects = -1;
	if (o != NULL && o->type == MSGPACK_OBJECT_MAP) {
		m->cache_size = mobj_int(o, "cache_size", -1);
		m->cache_pages = mobj_int(o, "cache_pages", -1);
		m->heap_used = mobj_int(o, "heap_used", -1);
		m->heap_free = mobj_int(o, "heap_free", -1);
		m->locks = mobj_int(o, "locks", -1);
		m->lock_objects = mobj_int(o, "lock_objects", -1);
	}
	client_reply_free(&rep);
	return (pid);
}

/* /proc/pid/status and smaps into m. */
static void
mem_read(pid_t pid, struct mem *m)
{
	char			 path[64], line[512], name[256], perm[8];
	FILE			*f;
	unsigned long long	 lo, hi, prev_hi = 0, off;
	unsigned long		 v, ino;
	int			 kind = 0, prev_guard = 0, n;
	enum { K_HEAP = 1, K_ARENA, K_STACK, K_ANON, K_FILE };

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		die(path, strerror(errno));
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "VmRSS: %lu", &v) == 1)
			m->rss = v;
		else if (sscanf(line, "VmHWM: %lu", &v) == 1)
			m->hwm = v;
		else if (sscanf(line, "Threads: %lu", &v) == 1)
			m->threads = v;
	}
	fclose(f);
	m->heap = m->arenas = m->stacks = m->anon = m->files = 0;
	snprintf(path, sizeof path, "/proc/%ld/smaps", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		die(path, strerror(errno));
	while (fgets(line, sizeof line, f) != NULL) {
		name[0] = '\0';
		n = sscanf(line, "%llx-%llx %7s %llx %*s %lu %255s", &lo, &hi,
		    perm, &off, &ino, name);
		if (n >= 5) {
			int	 guard = strcmp(perm, "---p") == 0 && ino == 0 &&
			    name[0] == '\0';

			if (strcmp(name, "[heap]") == 0)
				kind = K_HEAP;
			else if (ino != 0 || name[0] == '/')
				kind = K_FILE;
			else if (name[0] != '\0')
				kind = K_ANON;	/* [stack], [vdso]... */
			else if (prev_guard && prev_hi == lo &&
			    hi - lo <= (8ull << 20) + 4096)
				kind = K_STACK;
			else if (lo % ARENA_ALIGN == 0 && !guard)
				kind = K_ARENA;
			else
				kind = K_ANON;
			prev_guard = guard;
			prev_hi = hi;
			continue;
		}
		if (sscanf(line, "Rss: %lu", &v) != 1)
			continue;
		switch (kind) {
		case K_HEAP:
			m->heap += v;
			break;
		case K_ARENA:
			m->arenas += v;
			break;
		case K_STACK:
			m->stacks += v;
			break;
		case K_FILE:
			m->files += v;
			break;
		default:
			m->anon += v;
			break;
		}
	}
	fclose(f);
}

static void
mb_or_dash(char *buf, size_t len, int64_t bytes)
{
	if (bytes < 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.1f", (double)bytes / 1048576.0);
}

static void
row(const char *label, const char *moment, int nsess, const struct mem *m)
{
	char	 cs[32], hu[32], hf[32], la[32] = "?";
	FILE	*f;

	if ((f = fopen("/proc/loadavg", "r")) != NULL) {
		if (fscanf(f, "%31s", la) != 1)
			snprintf(la, sizeof la, "?");
		fclose(f);
	}
	mb_or_dash(cs, sizeof cs, m->cache_size);
	mb_or_dash(hu, sizeof hu, m->heap_used);
	mb_or_dash(hf, sizeof hf, m->heap_free);
	printf("| %s | %s | %d | %.1f | %.1f | %lu | %.1f | %.1f | %.1f | "
	    "%.1f | %.1f | %s | %lld | %lld / %lld | %s / %s | %s |\n", label,
	    moment, nsess,
	    m->rss / 1024.0, m->hwm / 1024.0, m->threads, m->heap / 1024.0,
	    m->arenas / 1024.0, m->stacks / 1024.0, m->anon / 1024.0,
	    m->files / 1024.0, cs, (long long)m->cache_pages,
	    (long long)m->locks, (long long)m->lock_objects, hu, hf, la);
	fflush(stdout);
}

/* What a clerk does as the customers screen opens; exits on failure. */
static void
clerk(struct client *c, int64_t ncust, unsigned seed)
{
	static const char *const starts[] = { "А", "Б", "В", "Г", "Д", "Е",
	    "З", "И", "К", "Л", "М", "Н", "О", "П", "Р", "С", "Т", "Ф" };
	static const char *const words[] = { "Иван", "Петр", "Смир", "Кузн",
	    "Попо", "Соко", "Лебе", "Козл", "Нови", "Мороз", "Волк", "Алекс",
	    "Серг", "Андр", "Михай", "Торг", "Строй", "Техн" };
	struct record	**rows, *r;
	struct value	 v;
	size_t		 n, i;
	char		*cause = NULL;
	int		 k;

	srand(seed);
	if (cr_scan(c, ent, "name", NULL, 0, 1, 50, &rows, &n, &cause) != 0)
		die("scan", cause);
	cr_rows_free(rows, n);
	for (k = 0; k < 2; k++) {
		if (value_parse(&ent->fields[pos_name],
		    starts[rand() % (sizeof starts / sizeof starts[0])], &v,
		    &cause) != 0)
			die("value", cause);
		if (cr_scan(c, ent, "name", &v, 0, 1, 50, &rows, &n,
		    &cause) != 0)
			die("scan", cause);
		value_free(&v);
		cr_rows_free(rows, n);
	}
	for (k = 0; k < 5 && ncust > 0; k++) {
		if (cr_get(c, ent, 1 + (uint64_t)rand() % (uint64_t)ncust,
		    NULL, &r, &cause) != 0) {
			free(cause);	/* a gap in the ids: not a failure */
			cause = NULL;
			continue;
		}
		record_free(r);
	}
	if (cr_search(c, ent, "name", words[rand() % (sizeof words /
	    sizeof words[0])], 50, &rows, &n, &cause) != 0)
		die("search", cause);
	for (i = 0; i < n && i < 2; i++) {
		if (cr_get(c, ent, record_id(rows[i]), NULL, &r, &cause) == 0)
			record_free(r);
		else {
			free(cause);
			cause = NULL;
		}
	}
	cr_rows_free(rows, n);
}

/* The server's user + system CPU time, in clock ticks. */
static unsigned long long
server_cpu(pid_t pid)
{
	char			 path[64], buf[1024], *p;
	unsigned long long	 ut = 0, st = 0;
	FILE			*f;
	size_t			 n;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		die(path, strerror(errno));
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* After the name in parentheses: state, then 10 fields, then
	 * utime and stime (fields 14 and 15). */
	if ((p = strrchr(buf, ')')) == NULL || sscanf(p + 2, "%*c %*d %*d "
	    "%*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2)
		die(path, "unreadable");
	return (ut + st);
}

/* -g: random gets and searches by nclients for secs. */
static void
getter(const struct paths *p, struct client *c0, pid_t pid, int64_t ncust,
    int nclients, double secs)
{
	static const char *const words[] = { "Иван", "Петр", "Смир", "Кузн",
	    "Попо", "Соко", "Лебе", "Козл", "Нови", "Мороз", "Волк", "Алекс" };
	unsigned long long	 cpu0, cpu1;
	uint64_t		 total = 0, n;
	struct mem		 m;
	pid_t			*kids;
	double			 t0, t1;
	int			 i, res[2], go[2];
	char			 b;

	if (pipe(res) != 0 || pipe(go) != 0)
		die("pipe", strerror(errno));
	kids = xcalloc((size_t)nclients, sizeof *kids);
	for (i = 0; i < nclients; i++) {
		if ((kids[i] = fork()) == -1)
			die("fork", strerror(errno));
		if (kids[i] == 0) {
			struct client	 *c;
			struct record	 *r, **rows;
			size_t		  nr;
			char		 *cause = NULL;
			double		  end;

			close(res[0]);
			close(go[1]);
			c = connect_home(p);
			srand(77u + (unsigned)i);
			if (read(go[0], &b, 1) < 0)
				_exit(70);
			n = 0;
			end = now() + secs;
			while (now() < end) {
				if (n % 10 == 9) {
					if (cr_search(c, ent, "name",
					    words[rand() % 12], 50, &rows, &nr,
					    &cause) != 0)
						die("search", cause);
					cr_rows_free(rows, nr);
				} else if (cr_get(c, ent, 1 + (uint64_t)rand() %
				    (uint64_t)ncust, NULL, &r, &cause) == 0)
					record_free(r);
				else {
					free(cause);
					cause = NULL;
				}
				n++;
			}
			if (write(res[1], &n, sizeof n) != sizeof n)
				_exit(70);
			client_close(c);
			_exit(0);
		}
	}
	close(res[1]);
	close(go[0]);
	usleep(200000);		/* all connected: hello is quick */
	cpu0 = server_cpu(pid);
	t0 = now();
	close(go[1]);
	for (i = 0; i < nclients; i++) {
		if (read(res[0], &n, sizeof n) != sizeof n)
			die("getter", "a client failed");
		total += n;
	}
	t1 = now();
	cpu1 = server_cpu(pid);
	for (i = 0; i < nclients; i++)
		waitpid(kids[i], NULL, 0);
	memset(&m, 0, sizeof m);
	server_status(c0, &m);
	mem_read(pid, &m);
	printf("%d clients, %.1f s: %llu requests, %.0f req/s, server CPU "
	    "%.1f us/request, VmRSS %.1f MB, cache %.0f MB\n", nclients,
	    t1 - t0, (unsigned long long)total, (double)total / (t1 - t0),
	    total ? (double)(cpu1 - cpu0) * 1e6 / (double)sysconf(_SC_CLK_TCK) /
	    (double)total : 0.0, m.rss / 1024.0, m.cache_size / 1048576.0);
	free(kids);
}

static int64_t
count_customers(struct client *c)
{
	struct client_reply	 rep;
	struct msgb		 mb;
	int64_t			 n;

	client_req(c, &mb, "count", 1);
	mb_kstr(&mb, "entity", ent->name);
	if (client_call(c, &mb, &rep) != 0)
		die("count", rep.err);
	n = rep.data != NULL && rep.data->type == MSGPACK_OBJECT_POSITIVE_INTEGER ?
	    (int64_t)rep.data->via.u64 : mobj_int(rep.data, "count", 0);
	client_reply_free(&rep);
	return (n);
}

static void
usage(void)
{
	fputs("usage: bench_mem --home H [-s SESSIONS] [-l LABEL] [-H]\n"
	    "       bench_mem --home H -g SECONDS [-c CLIENTS]\n", stderr);
	exit(64);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "home", required_argument, NULL, 'h' },
		{ "socket", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	struct paths	 p;
	struct client	*c0;
	struct mem	 m;
	const char	*home = NULL, *sock = NULL, *label = "-";
	pid_t		 pid, *kids;
	int64_t		 ncust;
	int		 nsess = 50, header = 0, ch, i, ready[2], hold[2];
	int		 nclients = 8;
	double		 t0, gsecs = 0;
	char		 b;

	while ((ch = getopt_long(argc, argv, "c:g:s:l:H", opts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			home = optarg;
			break;
		case 'S':
			sock = optarg;
			break;
		case 's':
			nsess = atoi(optarg);
			if (nsess < 1 || nsess > MAX_SESSIONS)
				usage();
			break;
		case 'c':
			nclients = atoi(optarg);
			if (nclients < 1 || nclients > MAX_SESSIONS)
				usage();
			break;
		case 'g':
			gsecs = atof(optarg);
			if (gsecs <= 0)
				usage();
			break;
		case 'l':
			label = optarg;
			break;
		case 'H':
			header = 1;
			break;
		default:
			usage();
		}
	}
	if (home == NULL || optind != argc)
		usage();
	signal(SIGPIPE, SIG_IGN);
	ent = dict_entity("customers");
	pos_name = dict_field_pos(ent, "name");
	paths_resolve(&p, home, sock);
	c0 = connect_home(&p);
	ncust = count_customers(c0);
	if (gsecs > 0) {
		memset(&m, 0, sizeof m);
		pid = server_status(c0, &m);
		getter(&p, c0, pid, ncust, nclients, gsecs);
		client_close(c0);
		paths_free(&p);
		return (0);
	}

	if (header) {
		printf("| run | moment | sessions | VmRSS MB | VmHWM MB | "
		    "threads | [heap] MB | arenas MB | stacks MB | "
		    "other anon MB | files MB | cache MB | cache pages | "
		    "locks / objects allocated | "
		    "malloc in use / free MB | load |\n");
		printf("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
		    "---:|---:|---:|---:|---:|\n");
	}
	memset(&m, 0, sizeof m);
	pid = server_status(c0, &m);
	mem_read(pid, &m);
	row(label, "idle", 0, &m);

	/* The sessions: each child connects, does a clerk's work, says so
	 * on ready and waits for hold to close. */
	if (pipe(ready) != 0 || pipe(hold) != 0)
		die("pipe", strerror(errno));
	kids = xcalloc((size_t)nsess, sizeof *kids);
	for (i = 0; i < nsess; i++) {
		switch ((kids[i] = fork())) {
		case -1:
			die("fork", strerror(errno));
			break;
		case 0: {
			struct client	*c;

			close(ready[0]);
			close(hold[1]);
			c = connect_home(&p);
			clerk(c, ncust, 1000u + (unsigned)i);
			if (write(ready[1], "r", 1) != 1)
				_exit(70);
			while (read(hold[0], &b, 1) > 0)
				;
			client_close(c);
			_exit(0);
		}
		default:
			break;
		}
	}
	close(ready[1]);
	close(hold[0]);
	for (i = 0; i < nsess; i++) {
		if (read(ready[0], &b, 1) != 1)
			die("sessions", "a session failed (see above)");
	}
	memset(&m, 0, sizeof m);
	server_status(c0, &m);
	mem_read(pid, &m);
	row(label, "sessions open", nsess, &m);

	close(hold[1]);
	for (i = 0; i < nsess; i++)
		waitpid(kids[i], NULL, 0);
	/* The server forgets a session when it sees its end: wait for
	 * that, not for a fixed time. */
	t0 = now();
	do {
		memset(&m, 0, sizeof m);
		server_status(c0, &m);
		if (m.sessions <= 1)
			break;
		usleep(20000);
	} while (now() - t0 < 10);
	mem_read(pid, &m);
	row(label, "closed", (int)(m.sessions > 0 ? m.sessions - 1 : 0), &m);
	client_close(c0);
	free(kids);
	paths_free(&p);
	return (0);
}
