#include "config.h"

#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>

#include <db.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "db/keysort.h"
#include "db/spill.h"
#include "db/store.h"
#include "dict/codec.h"
#include "dict/dict.h"
#include "dict/norm.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "log.h"
#include "xmalloc.h"

#define STORE_RETRIES		100	/* deadlock retries per request */
#define STORE_RETRIES_FREE	10	/* ... before it waits its turn */
#define STORE_LOCK_TIMEOUT	2000000	/* microseconds */
#define STORE_MAX_LOCKS		1500000
/*
 * Buckets of the lock table's hash of locked objects.  Berkeley DB sizes
 * it from STORE_MAX_LOCKS by default: 1.5 million buckets with their
 * statistics, about 100 MB resident from the start (bench/README-mem.md).
 * An import holds a lock per page it wrote; this many buckets keep the
 * chains short for the largest one (about 300,000 locks per 1,000,000
 * rows) at 9 MB.
 */
#define STORE_LK_TABLE		131072
/*
 * Lock structures allocated and not held over which the environment is
 * opened afresh once the transaction that needed them is over
 * (store_refresh): about 220 bytes each with their object and mutex,
 * never given back by Berkeley DB.  An import of 10,000,000 customers
 * left 380,168 of them (80 MB: the server at 239 MB instead of 158 MB
 * with a full 128 MB cache); one of 1,000,000, 40,822 (the server at 197
 * MB, 201 MB with 50 sessions); one of 300,000, 26,127; an idle server
 * has some 500.
 */
#define STORE_REFRESH_LOCKS	20000
/* Pending audit entries a transaction keeps in the heap; an import's
 * others wait for its commit in a spill file (about 1 KB each). */
#define STORE_AUD_HEAP		4096
/* The heap an import's index keys are sorted in before they go to a
 * file in runs (keysort.h). */
#define STORE_IMPORT_SORT	(64u << 20)
#define STORE_VERSION		"1"
#define STORE_SPACE_EVERY	250	/* ms between two looks at free space */
#define STORE_NOTE_EVERY	60	/* s between two notes of a full disk */
#define NOT_SAVED		N_("nothing was saved")

struct sidx {
	struct store		*st;
	const struct entity_def	*ent;
	int			 pos;
	int			 words;	/* word-prefix search index */
	DB			*db;
	DB			*raw;	/* the same, not associated: check */
};

struct ent_h {
	const struct entity_def	*ent;
	DB			*pri;
	DB			*pri_raw;	/* not associated: imports */
	DB			*pri_same;	/* not associated: an update
						 * that changes no index key
						 * (pri_raw, or its own) */
	struct sidx		*idx;
	size_t			 nidx;
	DB_SEQUENCE		*seq;
};

/* A writer waiting for its turn: woken by the one before it. */
struct turn_wait {
	sem_t			 sem;
	struct turn_wait	*next;
	int			 out;	/* sent off: a long transaction began */
};

struct store {
	char			*home;
	DB_ENV			*env;
	struct ent_h		*ents;
	size_t			 nents;
	DB			*seqdb;
	DB			*meta;
	DB			*reqlog;
	DB			*audit;
	DB			*audit_head;	/* sys.db: the journal's head */
	DB			*blobs;		/* blobs.db: bytes by key */
	pthread_mutex_t		 audit_mtx;
	uint64_t		 audit_seq;
	unsigned char		 audit_hash[AUDIT_HASH_LEN];
	int			 audit_headless; /* its head was lost */
	uint64_t		 audit_logged;	/* the head last logged */

	/* The disk reserve (store_space): under it, writes are refused. */
	pthread_mutex_t		 space_mtx;
	/* A request that deadlocked again and again runs alone among the
	 * others that did (store_run): progress under any contention. */
	pthread_mutex_t		 serial_mtx;
	/* The writers' turn (turn_enter): one write transaction at a
	 * time, the others queued in the order they came. */
	pthread_mutex_t		 turn_mtx;
	struct turn_wait	*turn_head, *turn_tail;
	int			 turn_held;
	int			 long_n;	/* long transactions open */
	uint64_t		 turn_n, turn_waits, turn_wait_ns, turn_out;
	uint64_t		 version;	/* store_version */
	uint64_t		 retries;	/* transactions run again */
	/* Committed writes: their thread CPU (ns), and of those that took
	 * a series counter (tx_counter), from the counter to the commit:
	 * CPU and wall time, the time others wait for it. */
	uint64_t		 tx_n, tx_cpu;
	uint64_t		 ctr_n, ctr_cpu, ctr_wall;
	uint64_t		 reserve_max;	/* bytes */
	unsigned		 reserve_pct;	/* of the file system; 0: none */
	int			 space_looked;
	struct timespec		 space_at;	/* when statvfs last ran */
	uint64_t		 space_free;	/* bytes free then */
	uint64_t		 space_need;	/* the reserve then, bytes */
	int			 space_low;	/* refusing writes */
	time_t			 space_noted;	/* the last note in the log */
	unsigned long		 space_refused;	/* refusals since */
	/* Messages of the library about a full disk, a note a minute. */
	time_t			 full_noted;
	unsigned long		 full_quiet;
	int			 refresh;	/* store_refresh_wanted */
};

struct tx {
	struct store		*st;
	DB_TXN			*t;
	const char		*login;
	const char		*tty;
	struct pending		*aud;		/* packed audit entries */
	size_t			 naud;
	int			 touched;	/* tx_touch: bump the version */
	void			*hook_state;	/* the write hook's */
	size_t			 aud_cap;	/* grown by half: imports */
	struct spill		*aud_spill;	/* those past STORE_AUD_HEAP */
	int			 aud_err;	/* writing them failed: errno */
	/* tx_import_begin: the entity whose creates go unaudited one by
	 * one, and the ids they got, as runs [lo, hi]. */
	const struct entity_def	*imp_ent;
	char			*imp_memo;	/* tx_import_memo */
	uint64_t		(*imp_runs)[2];
	size_t			 imp_nruns;
	size_t			 imp_cap;
	uint64_t		 imp_count;
	/* ... and with defer, their index keys, sorted at the end. */
	int			 imp_defer;
	int64_t			 imp_line;
	struct keysort		*imp_keys;
	int			 imp_err;	/* errno of a key's spill */
	uint64_t		 cpu0;		/* thread CPU at the begin */
	uint64_t		 ctr_cpu0;	/* ... and wall at the first */
	uint64_t		 ctr_wall0;	/* tx_counter, or 0 */
	/* tx_import_also: a derived entity whose new records' index keys
	 * are deferred with the import's (their keys' index byte has
	 * IMPKEY_ALSO set). */
	const struct entity_def	*imp_also;
	struct impwork		*imp_work;	/* its key thread, or NULL */
	/* The import's phases, for the log: wall and CPU (ns) at its
	 * begin. */
	uint64_t		 imp_wall0;
	uint64_t		 imp_cpu0;
	/* The records this write transaction read or wrote, as stored
	 * (tx_get): on for store_run's own writes only. */
	struct rcache		*rc;
	size_t			 nrc, rc_next;
	int			 rc_on;
};

/*
 * A record a write transaction has read or written, its bytes as they
 * are in the primary.  A transaction holds the lock of every page it
 * read (read) or wrote or read with DB_RMW (write) to its end, so no
 * other can change the record meanwhile, and this one changes it only
 * through put_rec and tx_delete, which keep the cache: a second tx_get
 * of the same record (the validation's, the posting's, tx_update's old
 * record, the audit entry's reference codes, the answer's) is a decode,
 * not a B-tree search with its lock request.  A read for update of a
 * record held only read-locked goes to the tree, for the write lock.
 */
struct rcache {
	const struct entity_def	*ent;
	uint64_t		 id;
	char			*data;
	size_t			 len;
	int			 wlock;
};
#define STORE_RCACHE	32

/* store_set_write_hook's function; NULL: none. */
static tx_write_hook	 write_hook;
/* The cache of the environments opened from now on (store_set_cache). */
static uint64_t		 cache_bytes = STORE_CACHE_DEFAULT;
/* store_set_archival's: off removes logs at checkpoints. */
static int		 archival = 1;
static tx_commit_hook	 commit_hook;
static void		(*commit_drop)(void *);

struct pending {
	char			*p;
	size_t			 len;
};

static int	 st_map(int);
static void	 cache_set(DB_ENV *, uint64_t);
static struct ent_h *store_ent(struct store *, const struct entity_def *);
static struct sidx *store_idx(struct ent_h *, int, int);
static int	 sidx_callback(DB *, const DBT *, const DBT *, DBT *);
static int	 open_db(struct store *, DB_TXN *, DB **, const char *,
		     const char *, int, int *, char **);
static int	 sidx_format(struct store *, DB_TXN *, struct sidx *,
		     const char *, int *, char **);
static int	 open_blobs(struct store *, DB_TXN *, char **);
static int	 audit_load_head(struct store *, char **);
static void	 space_look(struct store *, const struct timespec *);
static void	 log_audit_head(struct store *, const char *);
static void	 tx_queue_audit(struct tx *, const char *, const struct record *,
		     const struct record *);

/*
 * On a full disk every page the cache fails to write says so, and so does
 * every later try: the first of these is logged, then a note a minute
 * with the number left out, not a line a page.
 */
static void
store_errcall(const DB_ENV *env, const char *pfx, const char *msg)
{
	struct store	*st = env->app_private;
	time_t		 now = time(NULL);
	unsigned long	 quiet;
	int		 full, after;

	full = strstr(msg, strerror(ENOSPC)) != NULL ||
	    strstr(msg, strerror(EDQUOT)) != NULL;
	/* What the library says of a page it could not write, after the
	 * write's own message. */
	after = strstr(msg, "write failed for page") != NULL ||
	    strstr(msg, "unable to flush page") != NULL ||
	    strstr(msg, "Sequence update failed") != NULL;
	if (st == NULL || (!full && !after)) {
		log_warnx("db: %s", msg);
		return;
	}
	pthread_mutex_lock(&st->space_mtx);
	if (st->full_noted != 0 && now - st->full_noted < STORE_NOTE_EVERY) {
		st->full_quiet++;
		pthread_mutex_unlock(&st->space_mtx);
		return;
	}
	if (!full) {
		pthread_mutex_unlock(&st->space_mtx);
		log_warnx("db: %s", msg);
		return;
	}
	quiet = st->full_quiet;
	st->full_quiet = 0;
	st->full_noted = now;
	pthread_mutex_unlock(&st->space_mtx);
	log_warnx("db: %s: the disk holding %s is full (%lu more messages "
	    "of the library about it in the last minute)", msg, st->home,
	    quiet);
}

static void
store_msgcall(const DB_ENV *env, const char *msg)
{
	log_info("db: %s", msg);
}

/* The words for a full disk, then what it means (*cause is replaced). */
static void
full_cause(struct store *st, char **cause, const char *then)
{
	struct statvfs	 sv;

	free(*cause);
	if (statvfs(st->home, &sv) == 0)
		xasprintf(cause, _("the disk holding %s is full (%llu MB "
		    "free); %s"), st->home, (unsigned long long)
		    ((uint64_t)sv.f_bavail * sv.f_frsize >> 20), then);
	else
		xasprintf(cause, _("the disk holding %s is full; %s"), st->home,
		    then);
}

static uint64_t
clock_ns(clockid_t id)
{
	struct timespec	 ts;

	clock_gettime(id, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
}

static int
st_map(int ret)
{
	switch (ret) {
	case 0:
		return (ST_OK);
	case DB_NOTFOUND:
	case DB_KEYEMPTY:
		return (ST_NOTFOUND);
	case DB_LOCK_DEADLOCK:
	case DB_LOCK_NOTGRANTED:
		return (ST_DEADLOCK);
	case ENOSPC:
	case EDQUOT:
		return (ST_FULL);
	default:
		return (ST_ERR);
	}
}

static void
dbt_init(DBT *d, const void *p, size_t len)
{
	memset(d, 0, sizeof *d);
	d->data = (void *)p;
	d->size = (u_int32_t)len;
}

static void
dbt_malloc(DBT *d)
{
	memset(d, 0, sizeof *d);
	d->flags = DB_DBT_MALLOC;
}

static struct ent_h *
store_ent(struct store *st, const struct entity_def *e)
{
	size_t	 i;

	for (i = 0; i < st->nents; i++)
		if (st->ents[i].ent == e)
			return (&st->ents[i]);
	fatalx("store: entity %s not opened", e->name);
}

static struct sidx *
store_idx(struct ent_h *eh, int pos, int words)
{
	size_t	 i;

	for (i = 0; i < eh->nidx; i++)
		if (eh->idx[i].pos == pos && eh->idx[i].words == words)
			return (&eh->idx[i]);
	return (NULL);
}

/*
 * The record being put by this thread, unpacked once for all the index
 * callbacks of the put (put_rec): a customer has a dozen indexes, and
 * each callback would check and unpack the same bytes again.  Only the
 * very bytes handed to the put match: the callbacks on the old record
 * of an update, or of a rebuild, find their field themselves.
 */
static __thread const struct codec_map	*put_map;
/*
 * ... and the record it replaces, which Berkeley DB hands every callback
 * of an update once more to find the keys to take out: unpacked once
 * too, the first time, from a copy (its bytes compared whole each time,
 * so a buffer used again for other bytes is never mistaken for it).
 * Only inside put_rec (put_old_on); put_rec closes it.
 */
static __thread int			 put_old_on;
static __thread struct {
	char			*data;
	size_t			 len;
	int			 open;
	struct codec_map	 m;
} put_old;

static void
put_old_close(void)
{
	if (put_old.open)
		codec_map_close(&put_old.m);
	free(put_old.data);
	put_old.data = NULL;
	put_old.len = 0;
	put_old.open = 0;
}

/* The map of the replaced record's bytes, or NULL. */
static const struct codec_map *
put_old_map(const DBT *pdata)
{
	if (put_old.data != NULL && put_old.len == pdata->size &&
	    memcmp(put_old.data, pdata->data, pdata->size) == 0)
		return (put_old.open ? &put_old.m : NULL);
	put_old_close();
	put_old.data = xmemdup(pdata->data, pdata->size);
	put_old.len = pdata->size;
	put_old.open = codec_map_open(&put_old.m, put_old.data,
	    put_old.len) == 0;
	return (put_old.open ? &put_old.m : NULL);
}

/*
 * The key extractor of every secondary index: finds its field in the
 * encoded record and returns the normalized key, several for a word
 * index, or DB_DONOTINDEX when the field is not set.
 */
static int
sidx_callback(DB *sdb, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct sidx		*x = sdb->app_private;
	const struct field_def	*f = &x->ent->fields[x->pos];
	const struct codec_map	*m = put_map;
	struct value		 v;
	unsigned char		*k;
	char			**words;
	size_t			 len, n, i;
	DBT			*multi;
	int			 found;

	if (m != NULL && m->data == pdata->data && m->len == pdata->size)
		found = codec_map_get(m, x->ent, f->id, &v);
	else if (put_old_on && (m = put_old_map(pdata)) != NULL)
		found = codec_map_get(m, x->ent, f->id, &v);
	else
		found = codec_get(x->ent, pdata->data, pdata->size, f->id, &v);
	if (found != 1)
		return (DB_DONOTINDEX);
	if (x->words) {
		n = v.s == NULL ? 0 : (f->flags & FF_DIGITS) ?
		    norm_digit_keys(v.s, &words) : norm_firm_words_of(f) ?
		    norm_firm_words(v.s, &words) : norm_words(v.s, &words);
		value_free(&v);
		if (n == 0)
			return (DB_DONOTINDEX);
		multi = xcalloc(n, sizeof *multi);
		for (i = 0; i < n; i++) {
			multi[i].data = words[i];
			multi[i].size = (u_int32_t)strlen(words[i]);
			multi[i].flags = DB_DBT_APPMALLOC;
		}
		free(words);
		memset(skey, 0, sizeof *skey);
		skey->data = multi;
		skey->size = (u_int32_t)n;
		skey->flags = DB_DBT_MULTIPLE | DB_DBT_APPMALLOC;
		return (0);
	}
	k = norm_key(f, &v, &len);
	value_free(&v);
	if (k == NULL)
		return (DB_DONOTINDEX);
	memset(skey, 0, sizeof *skey);
	skey->data = k;
	skey->size = (u_int32_t)len;
	skey->flags = DB_DBT_APPMALLOC;
	return (0);
}

/*
 * The files of the master data that imports fill by the hundred thousand,
 * and the audit journal every write appends to, get 16 KB pages when
 * they are created (an existing file keeps its own): measured on 100,000
 * customers, a 6 % smaller customers.db than with 4 KB pages, CPU within
 * the noise, and a quarter of the pages, so of the page locks one
 * import's transaction holds to its commit (STORE_MAX_LOCKS: 10 million
 * customers and their audit entries need some 0.8 million pages of 16
 * KB, 3.3 million of 4 KB).  So do the ledger and the stock documents'
 * lines, which kontor import stock-moves fills by the hundred thousand:
 * 100,000 moves in five files made a 9 % smaller stock_lines.db, a 6 %
 * smaller stock_moves.db and 11 % less log than with 4 KB pages
 * (bench/home.sh).  The other files keep the file system's 4 KB: an
 * empty home stays 4 MB (11 MB with 16 KB everywhere).
 */
#define STORE_BIG_PAGE	16384
static int
big_file(const char *file)
{
	static const char *const big[] = {
		"customers.db", "contacts.db", "suppliers.db", "products.db",
		"prices.db", "audit.db", "stock_moves.db", "stock_lines.db",
		NULL
	};
	size_t	 i;

	for (i = 0; big[i] != NULL; i++)
		if (strcmp(file, big[i]) == 0)
			return (1);
	return (0);
}

/* Open a database, creating it if need be; *created (if not NULL) tells
 * whether it was created now. */
static int
open_db(struct store *st, DB_TXN *t, DB **dbp, const char *file,
    const char *name, int dup, int *created, char **cause)
{
	DB		*db;
	u_int32_t	 flags = DB_THREAD;
	int		 ret;

	if (created != NULL)
		*created = 0;
	else
		flags |= DB_CREATE;
again:
	if ((ret = db_create(&db, st->env, 0)) != 0)
		goto fail;
	if (dup && (ret = db->set_flags(db, DB_DUP | DB_DUPSORT)) != 0) {
		db->close(db, 0);
		goto fail;
	}
	if (big_file(file) && (ret = db->set_pagesize(db, STORE_BIG_PAGE)) !=
	    0) {
		db->close(db, 0);
		goto fail;
	}
	if ((ret = db->open(db, t, file, name, DB_BTREE, flags, 0600)) != 0) {
		db->close(db, 0);
		if (ret == ENOENT && !(flags & DB_CREATE)) {
			flags |= DB_CREATE;
			*created = 1;
			goto again;
		}
		goto fail;
	}
	*dbp = db;
	return (0);
fail:
	xasprintf(cause, _("cannot open %s/%s: %s"),
	    file, name, db_strerror(ret));
	return (-1);
}

/*
 * The blobs (an archive's printed documents and attached files, up to
 * some megabytes each) have a file of their own with big pages: a blob
 * lives on overflow pages, one log record each, so a 64 KB page writes
 * a 20 MB file in some 320 of them instead of 5000.
 */
#define STORE_BLOB_PAGE	65536

static int
open_blobs(struct store *st, DB_TXN *t, char **cause)
{
	DB	*db;
	int	 ret;

	if ((ret = db_create(&db, st->env, 0)) != 0)
		goto fail;
	if ((ret = db->set_pagesize(db, STORE_BLOB_PAGE)) != 0 ||
	    (ret = db->open(db, t, "blobs.db", "blobs", DB_BTREE,
	    DB_CREATE | DB_THREAD, 0600)) != 0) {
		db->close(db, 0);
		goto fail;
	}
	st->blobs = db;
	return (0);
fail:
	xasprintf(cause, _("cannot open %s/%s: %s"),
	    "blobs.db", "blobs",	/* i18n: no */
	    db_strerror(ret));
	return (-1);
}

/*
 * The key format of an index (norm_key_format()) is kept in the meta
 * database, "keyfmt:customers.name.words" = "2"; a home made before
 * formats were kept has format 1 everywhere.  An index whose keys this
 * binary would make differently is emptied here, so that associate()
 * with DB_CREATE (*created) builds it again from the primary, in the
 * opening transaction; `kontor check` would otherwise find every stale
 * entry.  A new index just gets the current format written.
 */
static int
sidx_format(struct store *st, DB_TXN *t, struct sidx *x, const char *name,
    int *created, char **cause)
{
	char		 key[160], want[16], *have;
	DBT		 k, d;
	u_int32_t	 dropped = 0;
	int		 ret, found;

	snprintf(key, sizeof key, "keyfmt:%s.%s", x->ent->name, name);
	snprintf(want, sizeof want, "%d",
	    norm_key_format(&x->ent->fields[x->pos], x->words));
	dbt_init(&k, key, strlen(key));
	dbt_malloc(&d);
	ret = st->meta->get(st->meta, t, &k, &d, 0);
	if (ret != 0 && ret != DB_NOTFOUND)
		goto fail;
	found = ret == 0;
	have = found ? xstrndup(d.data, d.size) : xstrdup("1");
	if (found)
		free(d.data);
	if (!*created && strcmp(have, want) != 0) {
		if ((ret = x->db->truncate(x->db, t, &dropped, 0)) != 0) {
			free(have);
			goto fail;
		}
		log_info("index %s.%s: key format %s, this binary makes %s: "
		    "rebuilding it (%u entries dropped)", x->ent->name, name,
		    have, want, dropped);
		*created = 1;
	}
	free(have);
	if (!found || *created) {
		dbt_init(&d, want, strlen(want));
		if ((ret = st->meta->put(st->meta, t, &k, &d, 0)) != 0)
			goto fail;
	}
	return (0);
fail:
	xasprintf(cause, _("cannot check the key format of index %s.%s: %s"),
	    x->ent->name, name, db_strerror(ret));
	return (-1);
}

/* Whether name is a subdatabase this binary keeps in e's file: its
 * records ("data") or one of its indexes. */
static int
sub_wanted(const struct entity_def *e, const char *name)
{
	const struct field_def	*f;
	size_t			 i, n;

	if (strcmp(name, "data") == 0)
		return (1);
	for (i = 0; i < e->nfields; i++) {
		f = &e->fields[i];
		n = strlen(f->name);
		if (strncmp(name, f->name, n) != 0)
			continue;
		if (name[n] == '\0' && (f->flags & (FF_INDEXED|FF_UNIQUE)))
			return (1);
		if (strcmp(name + n, ".words") == 0 && (f->flags & FF_SEARCH))
			return (1);
	}
	return (0);
}

/*
 * The indexes a home made by an older binary has and this one no longer
 * keeps (the dictionary dropped them: issue 16, fewer index writes per
 * posting) are removed from the entity's file when it is opened, with
 * their key format in the meta database, in the opening transaction:
 * their pages go back to the file's free list, and an older binary
 * opened on the home again finds no index and builds it afresh from the
 * primary (a stale one would miss every record written since).  The
 * file's own list of subdatabases (its master database) tells which it
 * holds; a new home's file does not exist yet.
 */
static int
drop_old_indexes(struct store *st, DB_TXN *t, const struct entity_def *e,
    const char *file, char **cause)
{
	DB	*db;
	DBC	*c = NULL;
	DBT	 k, d;
	char	**names = NULL, key[160];
	size_t	 n = 0, i;
	int	 ret;

	if ((ret = db_create(&db, st->env, 0)) != 0)
		goto fail;
	if ((ret = db->open(db, t, file, NULL, DB_UNKNOWN, DB_RDONLY, 0)) !=
	    0) {
		db->close(db, 0);
		if (ret == ENOENT)
			return (0);
		goto fail;
	}
	if ((ret = db->cursor(db, t, &c, 0)) != 0) {
		db->close(db, 0);
		goto fail;
	}
	memset(&k, 0, sizeof k);
	memset(&d, 0, sizeof d);
	k.flags = d.flags = DB_DBT_REALLOC;
	while ((ret = c->get(c, &k, &d, DB_NEXT)) == 0) {
		char	*name = xstrndup(k.data, k.size);

		if (sub_wanted(e, name)) {
			free(name);
			continue;
		}
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = name;
	}
	c->close(c);
	db->close(db, 0);
	free(k.data);
	free(d.data);
	if (ret != DB_NOTFOUND)
		goto out;
	ret = 0;
	for (i = 0; i < n && ret == 0; i++) {
		if ((ret = st->env->dbremove(st->env, t, file, names[i], 0)) !=
		    0)
			break;
		snprintf(key, sizeof key, "keyfmt:%s.%s", e->name, names[i]);
		dbt_init(&k, key, strlen(key));
		if ((ret = st->meta->del(st->meta, t, &k, 0)) == DB_NOTFOUND)
			ret = 0;
		log_info("index %s.%s: no longer kept by this binary: removed",
		    e->name, names[i]);
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (ret == 0)
		return (0);
fail:
	xasprintf(cause, _("cannot remove the old indexes of %s: %s"),
	    file, db_strerror(ret));
	return (-1);
}

static int
store_open_entity(struct store *st, DB_TXN *t, struct ent_h *eh,
    char **cause)
{
	const struct entity_def	*e = eh->ent;
	char			 file[128], name[128];
	size_t			 i;
	DBT			 key;
	int			 ret, created;

	snprintf(file, sizeof file, "%s.db", e->name);
	if (drop_old_indexes(st, t, e, file, cause) != 0 ||
	    open_db(st, t, &eh->pri, file, "data", 0, NULL, cause) != 0)
		return (-1);
	/* Sized once: each index's DB handle points at its entry. */
	for (i = 0; i < e->nfields; i++)
		eh->nidx += ((e->fields[i].flags & (FF_INDEXED|FF_UNIQUE)) != 0) +
		    ((e->fields[i].flags & FF_SEARCH) != 0);
	eh->idx = xcalloc(eh->nidx + 1, sizeof *eh->idx);
	eh->nidx = 0;
	for (i = 0; i < e->nfields; i++) {
		const struct field_def	*f = &e->fields[i];
		int			 w;

		for (w = 0; w < 2; w++) {
			struct sidx	*x;

			if (w == 0 && !(f->flags & (FF_INDEXED|FF_UNIQUE)))
				continue;
			if (w == 1 && !(f->flags & FF_SEARCH))
				continue;
			x = &eh->idx[eh->nidx++];
			memset(x, 0, sizeof *x);
			x->st = st;
			x->ent = e;
			x->pos = (int)i;
			x->words = w;
			snprintf(name, sizeof name, "%s%s", f->name,
			    w ? ".words" : "");
			if (open_db(st, t, &x->db, file, name, 1, &created,
			    cause) != 0 ||
			    sidx_format(st, t, x, name, &created, cause) != 0 ||
			    open_db(st, t, &x->raw, file, name, 1, NULL,
			    cause) != 0)
				return (-1);
			x->db->app_private = x;
			/* A new index is built from the primary, so adding an
			 * indexed field is one line.  Only a new one: with
			 * DB_CREATE every start walks the whole primary for
			 * each index that is merely empty (customers.manager). */
			if ((ret = eh->pri->associate(eh->pri, t, x->db,
			    sidx_callback, created ? DB_CREATE : 0)) != 0) {
				xasprintf(cause, _("cannot index %s.%s: %s"),
				    e->name, name, db_strerror(ret));
				return (-1);
			}
		}
	}
	/* Imports put records through a handle with no index attached and
	 * build the indexes afterwards, key by key in order (tx_import_*);
	 * of the derived entities, only the ledger a stock-moves import
	 * writes (tx_import_also). */
	if (eh->nidx > 0 && (!(e->flags & ENT_DERIVED) ||
	    strcmp(e->name, "stock_moves") == 0) &&
	    open_db(st, t, &eh->pri_raw, file, "data", 0, NULL, cause) != 0)
		return (-1);
	if (eh->nidx > 0 && eh->pri_raw == NULL &&
	    open_db(st, t, &eh->pri_same, file, "data", 0, NULL, cause) != 0)
		return (-1);
	if (eh->pri_raw != NULL)
		eh->pri_same = eh->pri_raw;
	if ((ret = db_sequence_create(&eh->seq, st->seqdb, 0)) != 0 ||
	    (ret = eh->seq->initial_value(eh->seq, 1)) != 0 ||
	    (ret = eh->seq->set_cachesize(eh->seq,
	    (eh->ent->flags & ENT_DERIVED) ? 1000 : 32)) != 0)
		goto seqfail;
	dbt_init(&key, e->name, strlen(e->name));
	if ((ret = eh->seq->open(eh->seq, t, &key, DB_CREATE | DB_THREAD)) != 0)
		goto seqfail;
	return (0);
seqfail:
	xasprintf(cause, _("cannot open the id sequence of %s: %s"), e->name,
	    db_strerror(ret));
	return (-1);
}

/*
 * Region files (__db.00N) left in the home by an older kontor or by a
 * db5.3 utility: this environment keeps its regions in memory and never
 * reads them, and they hold up to some hundred megabytes of disk.  The
 * caller holds the home's lock, so no server of ours uses them.
 */
static void
store_remove_regions(const char *home)
{
	DIR		*d;
	struct dirent	*de;
	char		*path;

	if ((d = opendir(home)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "__db.", 5) != 0)
			continue;
		xasprintf(&path, "%s/%s", home, de->d_name);
		if (unlink(path) == 0)
			log_info("removed the old region file %s", path);
		free(path);
	}
	closedir(d);
}

void
store_set_cache(uint64_t bytes)
{
	cache_bytes = bytes != 0 ? bytes : STORE_CACHE_DEFAULT;
}

void
store_set_archival(int on)
{
	archival = on;
}

/*
 * Berkeley DB adds a quarter to a cache under 500 MB (for its own
 * bookkeeping, it says); ask for four fifths of those, so that the cache
 * is the size asked for, as the status request reports it.
 */
static void
cache_set(DB_ENV *env, uint64_t bytes)
{
	if (bytes < (500ull << 20) * 5 / 4)
		bytes = bytes / 5 * 4;
	env->set_cachesize(env, (u_int32_t)(bytes >> 30),
	    (u_int32_t)(bytes & ((1u << 30) - 1)), 1);
}

void
store_mem_info(struct store *st, struct store_mem *m)
{
	DB_MPOOL_STAT	*gsp = NULL;
	DB_LOCK_STAT	*lsp = NULL;

	memset(m, 0, sizeof *m);
	if (st->env->memp_stat(st->env, &gsp, NULL, 0) == 0) {
		m->cache_size = (uint64_t)gsp->st_gbytes << 30 | gsp->st_bytes;
		m->cache_pages = (uint64_t)gsp->st_page_clean +
		    gsp->st_page_dirty;
		free(gsp);
	}
	if (st->env->lock_stat(st->env, &lsp, 0) == 0) {
		m->locks = lsp->st_locks;
		m->lock_objects = lsp->st_objects;
		m->locks_peak = lsp->st_maxnlocks;
		free(lsp);
	}
}

void
store_lock_waits(struct store *st, uint64_t *waits, uint64_t *deadlocks)
{
	DB_LOCK_STAT	*lsp = NULL;

	*waits = *deadlocks = 0;
	if (st->env->lock_stat(st->env, &lsp, 0) != 0)
		return;
	*waits = lsp->st_lock_wait;
	*deadlocks = lsp->st_ndeadlocks;
	free(lsp);
}

/*
 * The environment and its handles, into st (store_open's, and
 * store_refresh's again): 0, or -1 and *cause, *retp the library's last
 * error (0: none).  On a failure the caller closes what was opened.
 */
static int
env_open(struct store *st, unsigned flags, int *retp, char **cause)
{
	DB_TXN		*t = NULL;
	size_t		 n, i;
	u_int32_t	 oflags;
	int		 ret = 0;

	*retp = 0;
	store_remove_regions(st->home);
	if ((ret = db_env_create(&st->env, 0)) != 0) {
		xasprintf(cause, "db_env_create: %s",	/* i18n: no */
		    db_strerror(ret));
		st->env = NULL;
		*retp = ret;
		return (-1);
	}
	st->env->app_private = st;
	st->env->set_errcall(st->env, store_errcall);
	st->env->set_msgcall(st->env, store_msgcall);
	cache_set(st->env, cache_bytes);
	st->env->set_lk_detect(st->env, DB_LOCK_DEFAULT);
	st->env->set_timeout(st->env, STORE_LOCK_TIMEOUT, DB_SET_LOCK_TIMEOUT);
	st->env->set_lk_max_locks(st->env, STORE_MAX_LOCKS);
	st->env->set_lk_max_objects(st->env, STORE_MAX_LOCKS);
	st->env->set_lk_max_lockers(st->env, 4000);
	st->env->set_lk_tablesize(st->env, STORE_LK_TABLE);
	st->env->set_tx_max(st->env, 2000);
	st->env->set_lg_bsize(st->env, 8u << 20);
	st->env->set_lg_max(st->env, 32u << 20);
	if (!archival)
		st->env->log_set_config(st->env, DB_LOG_AUTO_REMOVE, 1);
	/*
	 * DB_PRIVATE: the regions (cache, locks, log buffer, transactions)
	 * live in this process's heap.  The server is the environment's only
	 * process, so nothing needs them in files; as sparse files in the
	 * home (__db.00N) their pages were touched through a mapping, and on
	 * a full disk touching a new page raised SIGBUS and killed the
	 * server.  In the heap, memory comes as it is used, nothing is
	 * written back to the home, and a full disk is an ENOSPC on a write,
	 * which a transaction survives.  The price: db5.3_stat and the other
	 * utilities cannot attach to a running server's environment.
	 */
	oflags = DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK | DB_INIT_LOG |
	    DB_INIT_MPOOL | DB_THREAD | DB_PRIVATE;
	oflags |= (flags & STORE_FATAL) ? DB_RECOVER_FATAL : DB_RECOVER;
	if ((ret = st->env->open(st->env, st->home, oflags, 0600)) != 0) {
		xasprintf(cause, _("cannot open the database in %s: %s"),
		    st->home, db_strerror(ret));
		goto fail;
	}
	if ((ret = st->env->txn_begin(st->env, NULL, &t, 0)) != 0) {
		xasprintf(cause, "txn_begin: %s",	/* i18n: no */
		    db_strerror(ret));
		goto fail;
	}
	if (open_db(st, t, &st->seqdb, "sys.db", "seq", 0, NULL, cause) != 0 ||
	    open_db(st, t, &st->meta, "sys.db", "meta", 0, NULL, cause) != 0 ||
	    open_db(st, t, &st->reqlog, "sys.db", "reqlog", 0, NULL, cause) != 0 ||
	    open_db(st, t, &st->audit_head, "sys.db", "audit_head", 0, NULL,
	    cause) != 0 ||
	    open_db(st, t, &st->audit, "audit.db", "journal", 0, NULL, cause) != 0 ||
	    open_blobs(st, t, cause) != 0)
		goto fail;
	for (n = 0; entity_table[n] != NULL; n++)
		;
	st->ents = xcalloc(n, sizeof *st->ents);
	st->nents = n;
	for (i = 0; i < n; i++) {
		st->ents[i].ent = entity_table[i];
		if (store_open_entity(st, t, &st->ents[i], cause) != 0)
			goto fail;
	}
	if ((ret = t->commit(t, 0)) != 0) {
		t = NULL;
		xasprintf(cause, "commit: %s", db_strerror(ret)); /* i18n: no */
		goto fail;
	}
	t = NULL;
	if (audit_load_head(st, cause) != 0)
		goto fail;
	return (0);
fail:
	if (t != NULL)
		t->abort(t);
	*retp = ret;
	return (-1);
}

int
store_open(const char *home, unsigned flags, struct store **out, char **cause)
{
	struct store	*st;
	struct stat	 sb;
	struct statvfs	 sv;
	int		 ret = 0, full;

	if (flags & STORE_CREATE) {
		if (mkdir(home, 0700) != 0 && errno != EEXIST) {
			xasprintf(cause, _("cannot create %s: %s"), home,
			    strerror(errno));
			return (-1);
		}
	} else if (stat(home, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		xasprintf(cause, _("%s: no kontor home here (kontor init "
		    "creates one)"), home);
		return (-1);
	}
	st = xcalloc(1, sizeof *st);
	st->home = xstrdup(home);
	pthread_mutex_init(&st->audit_mtx, NULL);
	pthread_mutex_init(&st->space_mtx, NULL);
	pthread_mutex_init(&st->serial_mtx, NULL);
	pthread_mutex_init(&st->turn_mtx, NULL);
	store_set_reserve(st, STORE_RESERVE_MAX, STORE_RESERVE_PCT);
	if (env_open(st, flags, &ret, cause) == 0) {
		*out = st;
		return (0);
	}
	if (st->env == NULL) {
		free(st->home);
		free(st);
		return (-1);
	}
	/* The library may say only DB_RUNRECOVERY when recovery could not
	 * write: a disk with less than a megabyte left is full enough. */
	full = st_map(ret) == ST_FULL || (*cause != NULL &&
	    (strstr(*cause, strerror(ENOSPC)) != NULL ||
	    strstr(*cause, strerror(EDQUOT)) != NULL)) ||
	    (statvfs(home, &sv) == 0 &&
	    (uint64_t)sv.f_bavail * sv.f_frsize < (1u << 20));
	if (full) {
		/* Recovery and the first checkpoint write to the home. */
		full_cause(st, cause, _("the database cannot be opened "
		    "until there is room (recovery writes to the disk)"));
	}
	store_close(st);
	return (full ? ST_FULL : -1);
}

/*
 * What the lock manager, the log and the transactions did since the
 * open, into the server's log at close: the environment is private
 * (DB_PRIVATE), so db5.3_stat cannot attach to a running server, and
 * these are the numbers a tuning of the posting path is judged by
 * (lock waits and deadlocks per commit, commits per log flush).
 */
static void
log_lock_stats(struct store *st)
{
	DB_LOCK_STAT	*ls = NULL;
	DB_LOG_STAT	*lg = NULL;
	DB_TXN_STAT	*ts = NULL;

	if (st->env->lock_stat(st->env, &ls, 0) != 0 ||
	    st->env->log_stat(st->env, &lg, 0) != 0 ||
	    st->env->txn_stat(st->env, &ts, 0) != 0)
		goto out;
	log_info("store: %lu commits, %lu aborts, %llu retries; locks: "
	    "%lu requests, %lu waits, %lu deadlocks, %lu timeouts, %lu "
	    "lockers at most; log: %lu writes, %lu flushes",
	    (unsigned long)ts->st_ncommits, (unsigned long)ts->st_naborts,
	    (unsigned long long)__atomic_load_n(&st->retries,
	    __ATOMIC_RELAXED),
	    (unsigned long)ls->st_nrequests,
	    (unsigned long)ls->st_lock_wait, (unsigned long)ls->st_ndeadlocks,
	    (unsigned long)ls->st_nlocktimeouts,
	    (unsigned long)ls->st_maxnlockers, (unsigned long)lg->st_wcount,
	    (unsigned long)lg->st_scount);
	if (st->turn_n > 0)
		log_info("store: %llu writes in turn, %llu waited for it, "
		    "%llu us each on average; %llu beside an import",
		    (unsigned long long)st->turn_n,
		    (unsigned long long)st->turn_waits,
		    (unsigned long long)(st->turn_waits ? st->turn_wait_ns /
		    st->turn_waits / 1000 : 0),
		    (unsigned long long)st->turn_out);
	if (st->tx_n > 0)
		log_info("store: %llu writes committed, %llu us of CPU each; "
		    "%llu took a series counter, held %llu us of CPU (%llu us "
		    "of wall time) each",
		    (unsigned long long)st->tx_n,
		    (unsigned long long)(st->tx_cpu / st->tx_n / 1000),
		    (unsigned long long)st->ctr_n, (unsigned long long)(
		    st->ctr_n ? st->ctr_cpu / st->ctr_n / 1000 : 0),
		    (unsigned long long)(st->ctr_n ? st->ctr_wall / st->ctr_n /
		    1000 : 0));
out:
	free(ls);
	free(lg);
	free(ts);
}

/* The handles and the environment closed (after a checkpoint); st
 * itself stays. */
static void
env_close(struct store *st)
{
	size_t	 i, j;

	for (i = 0; i < st->nents; i++) {
		struct ent_h	*eh = &st->ents[i];

		if (eh->seq != NULL)
			eh->seq->close(eh->seq, 0);
		for (j = 0; j < eh->nidx; j++) {
			if (eh->idx[j].raw != NULL)
				eh->idx[j].raw->close(eh->idx[j].raw, 0);
			if (eh->idx[j].db != NULL)
				eh->idx[j].db->close(eh->idx[j].db, 0);
		}
		free(eh->idx);
		if (eh->pri_same != NULL && eh->pri_same != eh->pri_raw)
			eh->pri_same->close(eh->pri_same, 0);
		if (eh->pri_raw != NULL)
			eh->pri_raw->close(eh->pri_raw, 0);
		if (eh->pri != NULL)
			eh->pri->close(eh->pri, 0);
	}
	free(st->ents);
	st->ents = NULL;
	st->nents = 0;
	if (st->blobs != NULL)
		st->blobs->close(st->blobs, 0);
	if (st->audit != NULL)
		st->audit->close(st->audit, 0);
	if (st->audit_head != NULL)
		st->audit_head->close(st->audit_head, 0);
	if (st->reqlog != NULL)
		st->reqlog->close(st->reqlog, 0);
	if (st->meta != NULL)
		st->meta->close(st->meta, 0);
	if (st->seqdb != NULL)
		st->seqdb->close(st->seqdb, 0);
	st->blobs = st->audit = st->audit_head = st->reqlog = st->meta =
	    st->seqdb = NULL;
	if (st->env != NULL) {
		log_lock_stats(st);
		st->env->txn_checkpoint(st->env, 0, 0, DB_FORCE);
		st->env->close(st->env, 0);
		st->env = NULL;
	}
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->env != NULL && st->audit_head != NULL)
		log_audit_head(st, "close");
	env_close(st);
	pthread_mutex_destroy(&st->audit_mtx);
	pthread_mutex_destroy(&st->space_mtx);
	pthread_mutex_destroy(&st->serial_mtx);
	pthread_mutex_destroy(&st->turn_mtx);
	free(st->home);
	free(st);
}

static uint32_t	 refresh_locks = STORE_REFRESH_LOCKS;

void
store_set_refresh_locks(uint32_t n)
{
	refresh_locks = n != 0 ? n : STORE_REFRESH_LOCKS;
}

static int64_t
mono_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/*
 * Whether the lock table has more than STORE_REFRESH_LOCKS locks or
 * objects allocated and not held: a large transaction's (an import's
 * page locks), which Berkeley DB keeps in its free lists, in the heap,
 * until the environment closes.  Then store_refresh is wanted.
 */
void
store_refresh_look(struct store *st)
{
	DB_LOCK_STAT	*ls = NULL;

	if (st->env->lock_stat(st->env, &ls, 0) != 0)
		return;
	/* Those not held: not while the transaction is still running (an
	 * import, seen by the checkpoint thread), which holds them. */
	if (ls->st_locks - ls->st_nlocks > refresh_locks ||
	    ls->st_objects - ls->st_nobjects > refresh_locks)
		__atomic_store_n(&st->refresh, 1, __ATOMIC_RELAXED);
	free(ls);
}

int
store_refresh_wanted(struct store *st)
{
	return (__atomic_load_n(&st->refresh, __ATOMIC_RELAXED));
}

int
store_refresh(struct store *st, char **cause)
{
	DB_LOCK_STAT	*ls = NULL;
	int64_t		 t0 = mono_ms();
	unsigned long	 locks = 0, objects = 0;
	int		 ret;

	*cause = NULL;
	if (st->env->lock_stat(st->env, &ls, 0) == 0) {
		locks = (unsigned long)ls->st_locks;
		objects = (unsigned long)ls->st_objects;
		free(ls);
	}
	env_close(st);
	if (env_open(st, 0, &ret, cause) != 0) {
		log_warnx("store: the environment could not be opened "
		    "again: %s", *cause);
		return (-1);
	}
	__atomic_store_n(&st->refresh, 0, __ATOMIC_RELAXED);
	log_info("store: the environment opened afresh in %lld ms: the "
	    "lock table had %lu locks and %lu objects allocated",
	    (long long)(mono_ms() - t0), locks, objects);
	return (0);
}

/*
 * Say where the audit journal's head is, when it moved since last said: a
 * log kept apart from the home (syslog, a log host) then proves how long
 * the journal was, whatever is later done to the home.
 */
static void
log_audit_head(struct store *st, const char *when)
{
	unsigned char	 hash[AUDIT_HASH_LEN];
	char		 hex[2 * AUDIT_HASH_LEN + 1];
	uint64_t	 seq;

	store_audit_head(st, &seq, hash);
	if (seq == st->audit_logged)
		return;
	st->audit_logged = seq;
	audit_hex(hash, hex);
	log_info("%s: the audit journal's head is entry %llu, %s", when,
	    (unsigned long long)seq, hex);
}

void
store_checkpoint(struct store *st)
{
	char	*msg;
	int	 ret;

	if ((ret = st->env->txn_checkpoint(st->env, 1024, 1, 0)) == 0) {
		log_audit_head(st, "checkpoint");
		return;
	}
	xasprintf(&msg, "checkpoint: %s", db_strerror(ret));
	store_errcall(st->env, NULL, msg);	/* a full disk: once a minute */
	free(msg);
}

uint64_t
store_size(struct store *st)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	uint64_t	 total = 0;
	char		*path;

	if ((d = opendir(st->home)) == NULL)
		return (0);
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "log.", 4) != 0 &&
		    strstr(de->d_name, ".db") == NULL)
			continue;
		xasprintf(&path, "%s/%s", st->home, de->d_name);
		if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
			total += (uint64_t)sb.st_size;
		free(path);
	}
	closedir(d);
	return (total);
}

/*
 * The journal's head (the last entry's seq and hash) is kept apart from
 * the journal, in sys.db, and written in the same transaction as the
 * entries: a journal cut short at its end no longer agrees with it, which
 * kontor check tells.
 */
#define AUDIT_HEAD_KEY		"head"
#define AUDIT_HEAD_KEPT		"audit_head_kept"	/* meta: since when */

static void
head_pack(uint64_t seq, const unsigned char *hash, unsigned char *out)
{
	norm_u64(seq, out);
	memcpy(out + 8, hash, AUDIT_HASH_LEN);
}

static int
head_put(struct store *st, DB_TXN *t, uint64_t seq, const unsigned char *hash)
{
	unsigned char	 v[8 + AUDIT_HASH_LEN];
	DBT		 k, d;

	head_pack(seq, hash, v);
	dbt_init(&k, AUDIT_HEAD_KEY, strlen(AUDIT_HEAD_KEY));
	dbt_init(&d, v, sizeof v);
	return (st->audit_head->put(st->audit_head, t, &k, &d, 0));
}

/* The stored head; DB_NOTFOUND when there is none. */
static int
head_get(struct store *st, DB_TXN *t, uint64_t *seq, unsigned char *hash)
{
	DBT	 k, d;
	int	 ret;

	dbt_init(&k, AUDIT_HEAD_KEY, strlen(AUDIT_HEAD_KEY));
	dbt_malloc(&d);
	if ((ret = st->audit_head->get(st->audit_head, t, &k, &d, 0)) != 0)
		return (ret);
	if (d.size != 8 + AUDIT_HASH_LEN) {
		free(d.data);
		return (DB_NOTFOUND);
	}
	*seq = norm_get_u64(d.data);
	memcpy(hash, (unsigned char *)d.data + 8, AUDIT_HASH_LEN);
	free(d.data);
	return (0);
}

int
store_audit_head(struct store *st, uint64_t *seq, unsigned char *hash)
{
	pthread_mutex_lock(&st->audit_mtx);
	*seq = st->audit_seq;
	memcpy(hash, st->audit_hash, AUDIT_HASH_LEN);
	pthread_mutex_unlock(&st->audit_mtx);
	return (st->audit_headless ? -1 : 0);
}

/* The last entry in the journal itself: seq 0 when it is empty. */
static int
audit_last(struct store *st, uint64_t *seq, unsigned char *hash,
    char **cause)
{
	DBC			*c;
	DBT			 k, d;
	struct audit_entry	 e;
	int			 ret;

	*seq = 0;
	memset(hash, 0, AUDIT_HASH_LEN);
	if ((ret = st->audit->cursor(st->audit, NULL, &c, 0)) != 0)
		goto fail;
	dbt_malloc(&k);
	dbt_malloc(&d);
	ret = c->get(c, &k, &d, DB_LAST);
	c->close(c);
	if (ret == DB_NOTFOUND)
		return (0);
	if (ret != 0)
		goto fail;
	ret = audit_decode(d.data, d.size, &e, cause);
	free(k.data);
	free(d.data);
	if (ret != 0)
		return (-1);
	*seq = e.seq;
	memcpy(hash, e.hash, AUDIT_HASH_LEN);
	audit_entry_clear(&e);
	return (0);
fail:
	xasprintf(cause, _("cannot read the audit journal: %s"),
	    db_strerror(ret));
	return (-1);
}

/*
 * Where the chain continues: the stored head, or the journal's last entry
 * if it is further on (a head put back from an old copy: entries are never
 * overwritten).  A home from before the head was kept gets it now.  A
 * head that is gone from a home that had one is not made up again from a
 * journal that may have been cut: check says so until the next write.
 */
static int
audit_load_head(struct store *st, char **cause)
{
	DB_TXN		*t;
	unsigned char	 lhash[AUDIT_HASH_LEN];
	uint64_t	 lseq;
	char		*kept;
	char		 hex[2 * AUDIT_HASH_LEN + 1];
	int		 ret;

	if (audit_last(st, &lseq, lhash, cause) != 0)
		return (-1);
	ret = head_get(st, NULL, &st->audit_seq, st->audit_hash);
	if (ret != 0 && ret != DB_NOTFOUND) {
		xasprintf(cause, _("cannot read the audit journal's head: %s"),
		    db_strerror(ret));
		return (-1);
	}
	if (ret == 0 && st->audit_seq >= lseq)
		return (0);
	if (ret == 0)
		log_warnx("audit: the journal goes on past its head (entry "
		    "%llu, the journal's last is %llu)",
		    (unsigned long long)st->audit_seq,
		    (unsigned long long)lseq);
	kept = store_meta_get(st, AUDIT_HEAD_KEPT);
	if (ret == DB_NOTFOUND && kept != NULL) {
		log_warnx("audit: the journal's head is gone (kept since %s); "
		    "the chain goes on from the last entry, %llu", kept,
		    (unsigned long long)lseq);
		st->audit_headless = 1;
	}
	st->audit_seq = lseq;
	memcpy(st->audit_hash, lhash, AUDIT_HASH_LEN);
	if (st->audit_headless) {
		free(kept);
		return (0);
	}
	if ((ret = st->env->txn_begin(st->env, NULL, &t, 0)) != 0)
		goto fail;
	if ((ret = head_put(st, t, lseq, lhash)) != 0) {
		t->abort(t);
		goto fail;
	}
	if (kept == NULL) {
		char	 now[24];
		DBT	 k, d;

		snprintf(now, sizeof now, "%lld", (long long)time(NULL));
		dbt_init(&k, AUDIT_HEAD_KEPT, strlen(AUDIT_HEAD_KEPT));
		dbt_init(&d, now, strlen(now));
		if ((ret = st->meta->put(st->meta, t, &k, &d, 0)) != 0) {
			t->abort(t);
			goto fail;
		}
	}
	if ((ret = t->commit(t, 0)) != 0)
		goto fail;
	audit_hex(lhash, hex);
	if (kept == NULL && lseq > 0)
		log_info("audit: the journal's head is kept apart from now on: "
		    "entry %llu, %s", (unsigned long long)lseq, hex);
	free(kept);
	return (0);
fail:
	free(kept);
	xasprintf(cause, _("cannot keep the audit journal's head: %s"),
	    db_strerror(ret));
	return (-1);
}

/*
 * Append the queued audit entries and commit, under the audit mutex, so
 * that the chain's order is the order of the commit records in the log.
 * The commit writes the log to the file system but does not wait for the
 * disk: the caller flushes the log after the mutex is released, and
 * concurrent commits share that flush.  The write is what makes a full
 * disk safe: when it fails (ENOSPC), Berkeley DB turns the commit record
 * in its buffer into an abort and the transaction is rolled back, while
 * its space, once the write succeeded, is the file system's to keep (the
 * flush that follows cannot run out of it).  With DB_TXN_NOSYNC the
 * first write was that flush, after the commit: a change already seen by
 * others, and not on disk.
 */
static int
tx_commit(struct tx *x)
{
	struct store	*st = x->st;
	unsigned char	 hash[AUDIT_HASH_LEN];
	unsigned char	 key[8];
	uint64_t	 seq;
	size_t		 i, len;
	char		*data;
	DBT		 k, d;
	int		 ret = 0;

	pthread_mutex_lock(&st->audit_mtx);
	seq = st->audit_seq;
	memcpy(hash, st->audit_hash, sizeof hash);
	if ((ret = x->aud_err) == 0 && x->aud_spill != NULL)
		ret = spill_rewind(x->aud_spill);
	for (i = 0; ret == 0; i++) {
		const char	*p;
		size_t		 plen;

		if (i < x->naud) {
			p = x->aud[i].p;
			plen = x->aud[i].len;
		} else if (x->aud_spill == NULL)
			break;
		else if ((ret = spill_next(x->aud_spill, &p, &plen)) != 1) {
			ret = ret == 0 ? 0 : errno != 0 ? errno : EIO;
			break;
		}
		seq++;
		audit_seal(seq, hash, p, plen, hash, &data, &len);
		norm_u64(seq, key);
		dbt_init(&k, key, 8);
		dbt_init(&d, data, len);
		ret = st->audit->put(st->audit, x->t, &k, &d, 0);
		free(data);
	}
	if (ret == 0 && x->naud > 0)
		ret = head_put(st, x->t, seq, hash);
	if (ret == 0) {
		ret = x->t->commit(x->t, DB_TXN_WRITE_NOSYNC);
		x->t = NULL;
		if (ret == 0) {
			st->audit_seq = seq;
			memcpy(st->audit_hash, hash, sizeof hash);
			if (x->naud > 0)
				st->audit_headless = 0;
		}
	}
	pthread_mutex_unlock(&st->audit_mtx);
	return (ret);
}

static void	 impw_stop(struct tx *, int);
static void	 rc_clear(struct tx *);

static void
tx_reset(struct tx *x)
{
	size_t	 i;

	if (x->t != NULL)
		x->t->abort(x->t);
	x->t = NULL;
	rc_clear(x);
	for (i = 0; i < x->naud; i++)
		free(x->aud[i].p);
	free(x->aud);
	x->aud = NULL;
	x->naud = 0;
	x->touched = 0;
	if (x->hook_state != NULL && commit_drop != NULL)
		commit_drop(x->hook_state);
	x->hook_state = NULL;
	x->aud_cap = 0;
	spill_free(x->aud_spill);
	x->aud_spill = NULL;
	x->aud_err = 0;
	x->imp_ent = NULL;
	free(x->imp_memo);
	x->imp_memo = NULL;
	free(x->imp_runs);
	x->imp_runs = NULL;
	x->imp_nruns = x->imp_cap = 0;
	x->imp_count = 0;
	x->imp_defer = 0;
	x->imp_also = NULL;
	x->imp_line = 0;
	impw_stop(x, 1);
	keysort_free(x->imp_keys);
	x->imp_keys = NULL;
	x->imp_err = 0;
}

void
store_set_reserve(struct store *st, uint64_t max, unsigned pct)
{
	pthread_mutex_lock(&st->space_mtx);
	st->reserve_max = max;
	st->reserve_pct = pct;
	st->space_looked = 0;
	pthread_mutex_unlock(&st->space_mtx);
}

void
store_space_info(struct store *st, uint64_t *avail, uint64_t *reserve,
    int *low)
{
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
	pthread_mutex_lock(&st->space_mtx);
	space_look(st, &now);
	*avail = st->space_free;
	*reserve = st->reserve_max == 0 ? 0 : st->space_need;
	*low = *avail < *reserve;
	pthread_mutex_unlock(&st->space_mtx);
}

/* Look at the free space of the home's file system now; space_mtx held. */
static void
space_look(struct store *st, const struct timespec *now)
{
	struct statvfs	 sv;
	uint64_t	 need, part;

	if (statvfs(st->home, &sv) != 0)
		return;
	st->space_free = (uint64_t)sv.f_bavail * sv.f_frsize;
	need = st->reserve_max;
	if (st->reserve_pct != 0) {
		part = (uint64_t)sv.f_blocks * sv.f_frsize / 100 *
		    st->reserve_pct;
		if (part < need)
			need = part;
	}
	st->space_need = need;
	st->space_at = *now;
	st->space_looked = 1;
}

/*
 * Whether a write may begin: ST_FULL and *cause when the home's file
 * system has less free than the reserve.  statvfs runs at most every
 * STORE_SPACE_EVERY ms while there is room for twice the reserve, and
 * before every write once there is not; the rest of the time this is a
 * clock read and an uncontended mutex.
 */
static int
store_space(struct store *st, char **cause)
{
	struct timespec	 now;
	int64_t		 ms;
	uint64_t	 mb;
	unsigned long	 refused;
	int		 low, was, note = 0;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
	pthread_mutex_lock(&st->space_mtx);
	if (st->reserve_max == 0 || (st->space_looked &&
	    st->space_need == 0)) {
		pthread_mutex_unlock(&st->space_mtx);
		return (ST_OK);
	}
	ms = (now.tv_sec - st->space_at.tv_sec) * 1000 +
	    (now.tv_nsec - st->space_at.tv_nsec) / 1000000;
	if (!st->space_looked || ms >= STORE_SPACE_EVERY ||
	    st->space_free / 2 < st->space_need)
		space_look(st, &now);
	was = st->space_low;
	low = st->space_looked && st->space_free < st->space_need;
	st->space_low = low;
	mb = st->space_free >> 20;
	refused = st->space_refused;
	if (low) {
		st->space_refused++;
		if (!was || time(NULL) - st->space_noted >= STORE_NOTE_EVERY) {
			note = 1;
			st->space_noted = time(NULL);
			st->space_refused = 0;
		}
	} else if (was)
		st->space_refused = 0;
	pthread_mutex_unlock(&st->space_mtx);
	if (note)
		log_warnx("the disk holding %s is nearly full: %llu MB free, "
		    "under the reserve of %llu MB; writes are refused (%lu "
		    "since the last note)", st->home, (unsigned long long)mb,
		    (unsigned long long)(st->space_need >> 20), refused);
	else if (was && !low)
		log_info("the disk holding %s has room again (%llu MB free): "
		    "writes resume", st->home, (unsigned long long)mb);
	if (!low)
		return (ST_OK);
	xasprintf(cause, _("the disk holding %s is nearly full (%llu MB free); "
	    "%s"), st->home, (unsigned long long)mb, _(NOT_SAVED));
	return (ST_FULL);
}

static int	store_run_tx(struct store *, const char *, const char *, tx_fn,
		    void *, int, unsigned, char **);
static void	long_begin(struct store *);
static void	long_end(struct store *);

int
store_run(struct store *st, const char *login, const char *tty, tx_fn fn,
    void *arg, char **cause)
{
	return (store_run_flags(st, login, tty, fn, arg, 0, cause));
}

int
store_run_flags(struct store *st, const char *login, const char *tty,
    tx_fn fn, void *arg, unsigned flags, char **cause)
{
	int	 rc, lng = (flags & (STORE_RUN_IMPORT | STORE_RUN_LONG)) != 0;

	if (lng)
		long_begin(st);
	rc = store_run_tx(st, login, tty, fn, arg, STORE_RETRIES_FREE, flags,
	    cause);
	/* An import's page locks: their structures stay. */
	if (flags & STORE_RUN_IMPORT)
		store_refresh_look(st);
	if (rc != ST_BUSY)
		goto out;
	/*
	 * Still deadlocking: again, one such request at a time.  It can
	 * deadlock now only with requests that have not come here yet,
	 * and those that go on deadlocking come here too: under any
	 * contention (32 clerks posting the same products) every request
	 * gets through in turn instead of giving up.
	 */
	free(*cause);
	*cause = NULL;
	pthread_mutex_lock(&st->serial_mtx);
	rc = store_run_tx(st, login, tty, fn, arg, STORE_RETRIES, flags, cause);
	pthread_mutex_unlock(&st->serial_mtx);
out:
	if (lng)
		long_end(st);
	return (rc);
}

/* A commit's CPU, and how long it held a series counter. */
static void
tx_times(struct tx *x)
{
	struct store	*st = x->st;
	uint64_t	 cpu = clock_ns(CLOCK_THREAD_CPUTIME_ID);

	__atomic_add_fetch(&st->tx_n, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&st->tx_cpu, cpu - x->cpu0, __ATOMIC_RELAXED);
	if (x->ctr_cpu0 == 0)
		return;
	__atomic_add_fetch(&st->ctr_n, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&st->ctr_cpu, cpu - x->ctr_cpu0, __ATOMIC_RELAXED);
	__atomic_add_fetch(&st->ctr_wall, clock_ns(CLOCK_MONOTONIC) -
	    x->ctr_wall0, __ATOMIC_RELAXED);
}

/*
 * The writers' turn: a write transaction runs its body and its commit
 * (the write of its log records, not the flush) alone, the others
 * queued first come, first served.  On two cores with bodies well under
 * a millisecond, writers side by side only waited for each other's page
 * locks (the series counter, the last leaves of the documents' and
 * moves' indexes), each wait a futex sleep plus a run of the deadlock
 * detector over every locker; in turn they never wait on each other,
 * never deadlock, and still share the log flush that follows (the flush
 * is outside the turn).  Readers do not take it.  An import's long
 * transaction (STORE_RUN_IMPORT, STORE_RUN_LONG) stays outside it too, so
 * it does not hold every clerk up for its length; against it the
 * detector still settles deadlocks.  While one is open, writes do not
 * take turns at all (long_begin): the one in turn might be waiting for
 * the long one's locks, and everybody queued behind it with it, though
 * they need none of them.  A transaction run from inside another's body
 * (the same thread) is already in the turn.
 */
static __thread int	 turn_depth;

/* 1 once the turn is this thread's; 0: a long transaction is open,
 * write beside the others. */
static int
turn_enter(struct store *st)
{
	struct turn_wait	 w;
	uint64_t		 t0;

	if (turn_depth++ > 0)
		return (1);
	pthread_mutex_lock(&st->turn_mtx);
	if (st->long_n > 0) {
		st->turn_out++;
		pthread_mutex_unlock(&st->turn_mtx);
		turn_depth--;
		return (0);
	}
	st->turn_n++;
	if (!st->turn_held) {
		st->turn_held = 1;
		pthread_mutex_unlock(&st->turn_mtx);
		return (1);
	}
	sem_init(&w.sem, 0, 0);
	w.next = NULL;
	w.out = 0;
	if (st->turn_tail != NULL)
		st->turn_tail->next = &w;
	else
		st->turn_head = &w;
	st->turn_tail = &w;
	st->turn_waits++;
	pthread_mutex_unlock(&st->turn_mtx);
	t0 = clock_ns(CLOCK_MONOTONIC);
	/* The one before hands the turn over (turn_held stays set), or
	 * long_begin sends everybody off. */
	while (sem_wait(&w.sem) != 0)
		;
	sem_destroy(&w.sem);
	__atomic_add_fetch(&st->turn_wait_ns, clock_ns(CLOCK_MONOTONIC) - t0,
	    __ATOMIC_RELAXED);
	if (w.out) {
		turn_depth--;
		return (0);
	}
	return (1);
}

static void
turn_leave(struct store *st)
{
	struct turn_wait	*w;

	if (--turn_depth > 0)
		return;
	pthread_mutex_lock(&st->turn_mtx);
	if ((w = st->turn_head) != NULL) {
		if ((st->turn_head = w->next) == NULL)
			st->turn_tail = NULL;
	} else
		st->turn_held = 0;
	pthread_mutex_unlock(&st->turn_mtx);
	/* w lives on its waiter's stack until this wakes it. */
	if (w != NULL)
		sem_post(&w->sem);
}

/* A long transaction begins: those queued for the turn go now. */
static void
long_begin(struct store *st)
{
	struct turn_wait	*w, *next;

	pthread_mutex_lock(&st->turn_mtx);
	st->long_n++;
	w = st->turn_head;
	st->turn_head = st->turn_tail = NULL;
	for (next = w; next != NULL; next = next->next) {
		next->out = 1;
		st->turn_out++;
	}
	pthread_mutex_unlock(&st->turn_mtx);
	/* Each lives on its waiter's stack until woken: next read first. */
	for (; w != NULL; w = next) {
		next = w->next;
		sem_post(&w->sem);
	}
}

static void
long_end(struct store *st)
{
	pthread_mutex_lock(&st->turn_mtx);
	st->long_n--;
	pthread_mutex_unlock(&st->turn_mtx);
}

#define TURN_LEAVE() do {						\
	if (in_turn) {							\
		turn_leave(st);						\
		in_turn = 0;						\
	}								\
} while (0)

/* store_run's attempts, tries of them; ST_BUSY when all deadlocked. */
static int
store_run_tx(struct store *st, const char *login, const char *tty, tx_fn fn,
    void *arg, int tries, unsigned flags, char **cause)
{
	struct tx	 x;
	int		 attempt, rc, ret, turn, in_turn = 0;

	memset(&x, 0, sizeof x);
	x.st = st;
	x.login = login != NULL ? login : "";
	x.tty = tty != NULL ? tty : "";
	*cause = NULL;
	if ((rc = store_space(st, cause)) != ST_OK)
		return (rc);
	turn = !(flags & (STORE_RUN_IMPORT | STORE_RUN_LONG));
	for (attempt = 0; attempt < tries; attempt++) {
		if (attempt > 0) {
			struct timespec	 ts = { 0, 0 };

			__atomic_add_fetch(&st->retries, 1, __ATOMIC_RELAXED);
			/* Back off a little, more each time, at random. */
			ts.tv_nsec = (long)(rand() % (100000 *
			    (attempt < 20 ? attempt : 20)));
			nanosleep(&ts, NULL);
		}
		if (turn)
			in_turn = turn_enter(st);
		if ((ret = st->env->txn_begin(st->env, NULL, &x.t, 0)) != 0) {
			rc = st_map(ret);
			goto fail;
		}
		*cause = NULL;
		x.rc_on = turn;
		x.cpu0 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
		x.ctr_cpu0 = x.ctr_wall0 = 0;
		rc = fn(&x, arg, cause);
		if (rc == ST_OK && x.hook_state != NULL && commit_hook != NULL)
			rc = commit_hook(&x, x.hook_state, cause);
		if (rc == ST_DEADLOCK) {
			free(*cause);
			*cause = NULL;
			tx_reset(&x);
			TURN_LEAVE();
			continue;
		}
		if (rc != ST_OK) {
			tx_reset(&x);
			TURN_LEAVE();
			if (rc == ST_FULL)
				full_cause(st, cause, _(NOT_SAVED));
			return (rc);
		}
		ret = tx_commit(&x);
		/* Written (or not): the next writer may go while this one
		 * waits for the flush. */
		TURN_LEAVE();
		if (st_map(ret) == ST_DEADLOCK) {
			tx_reset(&x);
			continue;
		}
		if (ret != 0) {
			rc = st_map(ret);
			goto fail;
		}
		tx_times(&x);
		/* Committed: whoever reads the version now sees it. */
		if (x.touched)
			__atomic_add_fetch(&st->version, 1, __ATOMIC_SEQ_CST);
		tx_reset(&x);
		/* Durable before the answer goes out: group commit. */
		if ((ret = st->env->log_flush(st->env, NULL)) != 0) {
			/*
			 * Committed, seen by others, written to the file
			 * system (tx_commit), and yet not on disk: an I/O
			 * error, or a file system that did not reserve
			 * the space at the write.  The next flush that
			 * succeeds (a checkpoint's, every 30 s) makes it
			 * durable.
			 */
			log_warnx("store_run: a commit not flushed: %s",
			    db_strerror(ret));
			if (st_map(ret) == ST_FULL) {
				full_cause(st, cause, _("the change was "
				    "made, but it is safe only once there is "
				    "room (if the server stops before, it is "
				    "lost)"));
				return (ST_FULL);
			}
			xasprintf(cause, _("the change was made, but could not "
			    "be written to disk: %s"), db_strerror(ret));
			return (ST_ERR);
		}
		return (ST_OK);
	}
	tx_reset(&x);
	xasprintf(cause, _("the database is busy; try again"));
	return (ST_BUSY);
fail:
	tx_reset(&x);
	TURN_LEAVE();
	if (rc == ST_FULL) {
		full_cause(st, cause, _(NOT_SAVED));
		return (rc);
	}
	xasprintf(cause, _("database error: %s"), db_strerror(ret));
	log_warnx("store_run: %s", db_strerror(ret));
	return (rc);
}

int
store_read(struct store *st, unsigned flags, tx_fn fn, void *arg,
    char **cause)
{
	struct tx	 x;
	int		 attempt, rc = ST_BUSY, ret;

	memset(&x, 0, sizeof x);
	x.st = st;
	x.login = "";
	x.tty = "";
	*cause = NULL;
	for (attempt = 0; attempt < STORE_RETRIES; attempt++) {
		if (attempt > 0) {
			struct timespec	 ts = { 0, 0 };

			ts.tv_nsec = (long)(rand() % (100000 *
			    (attempt < 20 ? attempt : 20)));
			nanosleep(&ts, NULL);
		}
		if ((ret = st->env->txn_begin(st->env, NULL, &x.t,
		    (flags & STORE_READ_COMMITTED) ? DB_READ_COMMITTED : 0)) !=
		    0) {
			xasprintf(cause, _("database error: %s"),
			    db_strerror(ret));
			log_warnx("store_read: %s", db_strerror(ret));
			return (st_map(ret));
		}
		rc = fn(&x, arg, cause);
		/* Nothing was written: the end of a reader is its abort. */
		tx_reset(&x);
		if (rc != ST_DEADLOCK)
			return (rc);
		free(*cause);
		*cause = NULL;
	}
	xasprintf(cause, _("the database is busy; try again"));
	return (ST_BUSY);
}

struct store *
tx_store(struct tx *x)
{
	return (x->st);
}

const char *
tx_login(struct tx *x)
{
	return (x->login);
}

static int
rec_decode(const struct entity_def *e, uint64_t id, const void *data,
    size_t len, struct record **out)
{
	char	*cause = NULL;

	if (codec_decode(e, data, len, out, &cause) != 0) {
		log_warnx("%s %llu: %s", e->name, (unsigned long long)id,
		    cause);
		free(cause);
		return (ST_ERR);
	}
	return (ST_OK);
}

static int
get_rec(DB *db, DB_TXN *t, const struct entity_def *e, uint64_t id,
    u_int32_t flags, struct record **out)
{
	unsigned char	 key[8];
	DBT		 k, d;
	int		 ret;

	norm_u64(id, key);
	dbt_init(&k, key, 8);
	dbt_malloc(&d);
	if ((ret = db->get(db, t, &k, &d, flags)) != 0)
		return (st_map(ret));
	ret = rec_decode(e, id, d.data, d.size, out);
	free(d.data);
	return (ret);
}

static struct rcache *
rc_find(struct tx *x, const struct entity_def *e, uint64_t id)
{
	size_t	 i;

	for (i = 0; i < x->nrc; i++)
		if (x->rc[i].id == id && x->rc[i].ent == e)
			return (&x->rc[i]);
	return (NULL);
}

/* Keep data (the cache owns it from now on) as e's record id, the
 * page write-locked if wlock. */
static struct rcache *
rc_keep(struct tx *x, const struct entity_def *e, uint64_t id, char *data,
    size_t len, int wlock)
{
	struct rcache	*c;

	if ((c = rc_find(x, e, id)) == NULL) {
		if (x->rc == NULL)
			x->rc = xcalloc(STORE_RCACHE, sizeof *x->rc);
		if (x->nrc < STORE_RCACHE)
			c = &x->rc[x->nrc++];
		else {
			/* Full: a slot goes, round the ring. */
			c = &x->rc[x->rc_next];
			x->rc_next = (x->rc_next + 1) % STORE_RCACHE;
			free(c->data);
		}
		c->ent = e;
		c->id = id;
		c->wlock = 0;
	} else
		free(c->data);
	c->data = data;
	c->len = len;
	c->wlock |= wlock;
	return (c);
}

static void
rc_drop(struct tx *x, const struct entity_def *e, uint64_t id)
{
	struct rcache	*c;

	if ((c = rc_find(x, e, id)) == NULL)
		return;
	free(c->data);
	*c = x->rc[--x->nrc];
	x->rc_next = 0;
}

static void
rc_clear(struct tx *x)
{
	size_t	 i;

	for (i = 0; i < x->nrc; i++)
		free(x->rc[i].data);
	free(x->rc);
	x->rc = NULL;
	x->nrc = x->rc_next = 0;
}

int
tx_get(struct tx *x, const struct entity_def *e, uint64_t id, int rmw,
    struct record **out)
{
	struct rcache	*c;
	DB		*db = store_ent(x->st, e)->pri;
	unsigned char	 key[8];
	DBT		 k, d;
	int		 ret;

	if (!x->rc_on)
		return (get_rec(db, x->t, e, id, rmw ? DB_RMW : 0, out));
	if ((c = rc_find(x, e, id)) != NULL && (!rmw || c->wlock))
		return (rec_decode(e, id, c->data, c->len, out));
	norm_u64(id, key);
	dbt_init(&k, key, 8);
	dbt_malloc(&d);
	if ((ret = db->get(db, x->t, &k, &d, rmw ? DB_RMW : 0)) != 0)
		return (st_map(ret));
	if ((ret = rec_decode(e, id, d.data, d.size, out)) != ST_OK) {
		free(d.data);
		return (ret);
	}
	rc_keep(x, e, id, d.data, d.size, rmw);
	return (ST_OK);
}

/* The stored bytes of e's record id, kept for the transaction (as
 * tx_get keeps them): borrowed, valid until its next write or read. */
static int
tx_bytes(struct tx *x, const struct entity_def *e, uint64_t id,
    const struct rcache **out)
{
	struct rcache	*c;
	DB		*db = store_ent(x->st, e)->pri;
	unsigned char	 key[8];
	DBT		 k, d;
	int		 ret;

	if ((c = rc_find(x, e, id)) != NULL) {
		*out = c;
		return (ST_OK);
	}
	norm_u64(id, key);
	dbt_init(&k, key, 8);
	dbt_malloc(&d);
	if ((ret = db->get(db, x->t, &k, &d, 0)) != 0)
		return (st_map(ret));
	*out = rc_keep(x, e, id, d.data, d.size, 0);
	return (ST_OK);
}

int
tx_exists(struct tx *x, const struct entity_def *e, uint64_t id)
{
	const struct rcache	*c;
	struct record		*r;
	int			 rc;

	if (x->rc_on)
		return (tx_bytes(x, e, id, &c));
	if ((rc = tx_get(x, e, id, 0, &r)) == ST_OK)
		record_free(r);
	return (rc);
}

int
tx_field(struct tx *x, const struct entity_def *e, uint64_t id, int pos,
    struct value *out)
{
	const struct rcache	*c;
	struct record		*r;
	int			 rc;

	memset(out, 0, sizeof *out);
	if (!x->rc_on) {
		if ((rc = tx_get(x, e, id, 0, &r)) != ST_OK)
			return (rc);
		if (r->v[pos].set) {
			out->set = 1;
			out->i = r->v[pos].i;
			out->s = r->v[pos].s != NULL ? xstrdup(r->v[pos].s) :
			    NULL;
		}
		record_free(r);
		return (ST_OK);
	}
	if ((rc = tx_bytes(x, e, id, &c)) != ST_OK)
		return (rc);
	if (codec_get(e, c->data, c->len, e->fields[pos].id, out) < 0) {
		log_warnx("%s %llu: malformed record", e->name,
		    (unsigned long long)id);
		return (ST_ERR);
	}
	return (ST_OK);
}

/*
 * The id under v in index xi: read from the index alone, its handle not
 * associated (raw), so the primary is neither searched nor locked (a
 * pget searched and read-locked it too, for a record most callers read
 * next through tx_get anyway).  The index page's lock, held to the end
 * of the transaction, keeps the key, and so the record, where it is.
 */
static int
find_in(struct sidx *xi, DB_TXN *t, const struct value *v, uint64_t *id,
    u_int32_t flags)
{
	const struct field_def	*f = &xi->ent->fields[xi->pos];
	unsigned char		*key;
	size_t			 len;
	DBT			 k, pk;
	int			 ret;

	if ((key = norm_key(f, v, &len)) == NULL)
		return (ST_NOTFOUND);
	dbt_init(&k, key, len);
	dbt_malloc(&pk);
	ret = xi->raw->get(xi->raw, t, &k, &pk, flags);
	free(key);
	if (ret != 0)
		return (st_map(ret));
	/* An index entry is a record's 8-byte id; anything else is a
	 * damaged index, not a record found. */
	if (pk.size != 8) {
		free(pk.data);
		return (ST_ERR);
	}
	*id = norm_get_u64(pk.data);
	free(pk.data);
	return (ST_OK);
}

/* Whether r's field of index xi has v's key. */
static int
rec_keyed(const struct sidx *xi, const struct value *v,
    const struct record *r)
{
	const struct field_def	*f = &xi->ent->fields[xi->pos];
	unsigned char		*a, *b;
	size_t			 la = 0, lb = 0;
	int			 same;

	a = norm_key(f, v, &la);
	b = norm_key(f, &r->v[xi->pos], &lb);
	same = a != NULL && b != NULL && la == lb && memcmp(a, b, la) == 0;
	free(a);
	free(b);
	return (same);
}

int
tx_find(struct tx *x, const struct entity_def *e, int pos,
    const struct value *v, uint64_t *id)
{
	struct sidx	*xi = store_idx(store_ent(x->st, e), pos, 0);

	if (xi == NULL)
		return (ST_ERR);
	return (find_in(xi, x->t, v, id, 0));
}

int
tx_find_code(struct tx *x, const struct entity_def *e, const char *code,
    uint64_t *id)
{
	struct value	 v;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)code;
	return (tx_find(x, e, FX_CODE, &v, id));
}

/*
 * A document named by its number is looked up by the request and then
 * read write-locked by the action: through tx_find the index's page and
 * the record's were read-locked to the end of the transaction, and two
 * requests for neighbouring documents (one page) each holding the read
 * lock and wanting the write lock deadlocked.  At 32 clients shipping,
 * the look-ups of sales_orders.code and shipments.code and the
 * write-locked reads after them were the victims of two deadlocks in
 * three (bench/README-sales.md).  Here only the index is read (its
 * unassociated handle: the primary is not touched) and its read lock is
 * let go at once (DB_READ_COMMITTED).
 */
int
tx_find_loose(struct tx *x, const struct entity_def *e, int pos,
    const struct value *v, uint64_t *id)
{
	struct sidx	*xi = store_idx(store_ent(x->st, e), pos, 0);
	unsigned char	*key;
	size_t		 len;
	DBT		 k, pk;
	int		 ret;

	if (xi == NULL)
		return (ST_ERR);
	if ((key = norm_key(&e->fields[pos], v, &len)) == NULL)
		return (ST_NOTFOUND);
	dbt_init(&k, key, len);
	dbt_malloc(&pk);
	ret = xi->raw->get(xi->raw, x->t, &k, &pk, DB_READ_COMMITTED);
	free(key);
	if (ret != 0)
		return (st_map(ret));
	if (pk.size == 8)
		*id = norm_get_u64(pk.data);
	free(pk.data);
	return (pk.size == 8 ? ST_OK : ST_NOTFOUND);
}

/* skip: a field position whose value is unique by construction (a code
 * made of the entity's prefix and the new id), or -1. */
static int
check_unique(struct tx *x, const struct record *r, const struct record *old,
    int skip, char **cause)
{
	const struct entity_def	*e = r->ent;
	size_t			 i;
	uint64_t		 other;
	int			 rc;

	for (i = 0; i < e->nfields; i++) {
		struct record	*o;
		char		*q;

		if (!(e->fields[i].flags & FF_UNIQUE) || !r->v[i].set ||
		    (int)i == skip)
			continue;
		/* Unchanged by an update: unique as it was, and its index
		 * is not written (a stock row's key at every posting). */
		if (old != NULL && value_equal(&r->v[i], &old->v[i]))
			continue;
		/* Write-locked from the start: the put that follows writes
		 * the same index page, and two read locks both upgrading
		 * to write deadlock. */
		rc = find_in(store_idx(store_ent(x->st, e), (int)i, 0), x->t,
		    &r->v[i], &other, DB_RMW);
		if (rc == ST_NOTFOUND)
			continue;
		if (rc != ST_OK)
			return (rc);
		if (other == record_id(r))
			continue;
		q = value_format(&e->fields[i], &r->v[i]);
		rc = tx_get(x, e, other, 0, &o);
		if (rc == ST_DEADLOCK) {
			free(q);
			return (rc);
		}
		xasprintf(cause, _("column '%s': \"%s\" is already used by %s"),
		    e->fields[i].name, q,
		    rc == ST_OK && record_str(o, FX_CODE) ?
		    record_str(o, FX_CODE) : _("another record"));
		if (rc == ST_OK)
			record_free(o);
		free(q);
		return (ST_EXISTS);
	}
	return (ST_OK);
}

/* An import's key: [index][key][primary key, 8][line, 8]; the index's
 * byte with IMPKEY_ALSO for one of tx_import_also's entity. */
#define IMPKEY_TAIL	16
#define IMPKEY_ALSO	0x80

/* In the order Berkeley DB keeps them: by index, key (bytes, a prefix
 * first), then primary key (the sorted duplicates'). */
static int
impkey_cmp(const void *a, size_t alen, const void *b, size_t blen)
{
	const unsigned char	*pa = a, *pb = b;
	size_t			 ka = alen - 1 - IMPKEY_TAIL;
	size_t			 kb = blen - 1 - IMPKEY_TAIL;
	int			 c;

	if (pa[0] != pb[0])
		return (pa[0] < pb[0] ? -1 : 1);
	if ((c = memcmp(pa + 1, pb + 1, ka < kb ? ka : kb)) != 0)
		return (c);
	if (ka != kb)
		return (ka < kb ? -1 : 1);
	return (memcmp(pa + 1 + ka, pb + 1 + kb, 8));
}

/* Its first 8 bytes (index and key), the key's end padded with zeros:
 * a shorter key whose bytes begin a longer one sorts first either way. */
static uint64_t
impkey_prefix(const void *a, size_t alen)
{
	const unsigned char	*p = a;
	size_t			 n = alen - IMPKEY_TAIL, i;
	uint64_t		 v = 0;

	for (i = 0; i < 8; i++)
		v = v << 8 | (i < n ? p[i] : 0);
	return (v);
}

static void
impkey_put(struct tx *x, int64_t line, size_t idx, const DBT *k,
    const void *key, size_t klen)
{
	unsigned char	*p;
	int		 e;

	p = xmalloc(1 + klen + IMPKEY_TAIL);
	p[0] = (unsigned char)idx;
	memcpy(p + 1, key, klen);
	memcpy(p + 1 + klen, k->data, 8);
	memcpy(p + 1 + klen + 8, &line, 8);
	if (x->imp_err == 0 && (e = keysort_put(x->imp_keys, p,
	    1 + klen + IMPKEY_TAIL)) != 0)
		x->imp_err = e;
	free(p);
}

/* A deferred record's index keys, into the sort: in the import's thread,
 * or in its key thread (impwork). */
static void
deferred_keys(struct tx *x, struct ent_h *eh, size_t base, int64_t line,
    const DBT *k, const DBT *d)
{
	DBT	 sk, *m;
	size_t	 i, j;

	for (i = 0; i < eh->nidx; i++) {
		memset(&sk, 0, sizeof sk);
		if (sidx_callback(eh->idx[i].db, k, d, &sk) != 0)
			continue;
		if (sk.flags & DB_DBT_MULTIPLE) {
			m = sk.data;
			for (j = 0; j < sk.size; j++) {
				impkey_put(x, line, base + i, k, m[j].data,
				    m[j].size);
				free(m[j].data);
			}
			free(m);
		} else {
			impkey_put(x, line, base + i, k, sk.data, sk.size);
			free(sk.data);
		}
	}
}

/*
 * The index keys of an import's records are made and sorted by a thread
 * of their own while the import's thread goes on with the next records
 * (decoding, checking, the primary put): the records go to it in blocks
 * of IMPW_BLOCK bytes, at most IMPW_QUEUE of them waiting.  At 1,000,000
 * customers the keys were some 3.5 s of the import thread's CPU.
 */
#define IMPW_BLOCK	(1u << 20)
#define IMPW_QUEUE	4

/* A record in a block: its entity's handles, index base, line, key (8)
 * and data. */
struct impw_rec {
	struct ent_h	*eh;
	size_t		 base;
	int64_t		 line;
	unsigned char	 key[8];
	uint32_t	 len;
};

struct impw_block {
	char		*p;
	size_t		 len;
};

struct impwork {
	struct tx		*x;
	pthread_t		 th;
	pthread_mutex_t		 mtx;
	pthread_cond_t		 cond;
	struct impw_block	 q[IMPW_QUEUE];
	size_t			 head;
	size_t			 n;
	struct impw_block	 fill;	/* the import thread's */
	int			 end;
};

static void
impw_do(struct tx *x, const struct impw_block *b)
{
	struct codec_map	 m;
	struct impw_rec		 r;
	const char		*p = b->p, *end = b->p + b->len;
	DBT			 k, d;
	int			 mapped;

	while (p < end) {
		memcpy(&r, p, sizeof r);
		p += sizeof r;
		dbt_init(&k, r.key, 8);
		dbt_init(&d, (void *)p, r.len);
		mapped = codec_map_open(&m, p, r.len) == 0;
		if (mapped)
			put_map = &m;
		deferred_keys(x, r.eh, r.base, r.line, &k, &d);
		put_map = NULL;
		if (mapped)
			codec_map_close(&m);
		p += r.len;
	}
}

static void *
impw_main(void *arg)
{
	struct impwork		*w = arg;
	struct impw_block	 b;

	pthread_mutex_lock(&w->mtx);
	for (;;) {
		while (w->n == 0 && !w->end)
			pthread_cond_wait(&w->cond, &w->mtx);
		if (w->n == 0)
			break;
		/* Off the queue before it is read: a drop (impw_stop)
		 * frees what is queued, never the block in hand. */
		b = w->q[w->head];
		w->head = (w->head + 1) % IMPW_QUEUE;
		w->n--;
		pthread_cond_broadcast(&w->cond);
		pthread_mutex_unlock(&w->mtx);
		impw_do(w->x, &b);
		free(b.p);
		pthread_mutex_lock(&w->mtx);
	}
	pthread_mutex_unlock(&w->mtx);
	return (NULL);
}

static void
impw_start(struct tx *x)
{
	struct impwork	*w = xcalloc(1, sizeof *w);

	w->x = x;
	pthread_mutex_init(&w->mtx, NULL);
	pthread_cond_init(&w->cond, NULL);
	if (pthread_create(&w->th, NULL, impw_main, w) != 0) {
		pthread_mutex_destroy(&w->mtx);
		pthread_cond_destroy(&w->cond);
		free(w);
		return;		/* the keys are made in the import's thread */
	}
	x->imp_work = w;
}

/* The block being filled, to the key thread (waiting for room). */
static void
impw_send(struct impwork *w)
{
	if (w->fill.len == 0)
		return;
	pthread_mutex_lock(&w->mtx);
	while (w->n == IMPW_QUEUE)
		pthread_cond_wait(&w->cond, &w->mtx);
	w->q[(w->head + w->n) % IMPW_QUEUE] = w->fill;
	w->n++;
	pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->mtx);
	memset(&w->fill, 0, sizeof w->fill);
}

static void
impw_add(struct impwork *w, struct ent_h *eh, size_t base, int64_t line,
    const DBT *k, const DBT *d)
{
	struct impw_rec	 r;

	if (w->fill.len > 0 && w->fill.len + sizeof r + d->size > IMPW_BLOCK)
		impw_send(w);
	if (w->fill.p == NULL)
		w->fill.p = xmalloc(sizeof r + d->size > IMPW_BLOCK ?
		    sizeof r + d->size : IMPW_BLOCK);
	memset(&r, 0, sizeof r);
	r.eh = eh;
	r.base = base;
	r.line = line;
	memcpy(r.key, k->data, 8);
	r.len = d->size;
	memcpy(w->fill.p + w->fill.len, &r, sizeof r);
	memcpy(w->fill.p + w->fill.len + sizeof r, d->data, d->size);
	w->fill.len += sizeof r + d->size;
}

/* The key thread's work done (the rest sent first, unless drop says the
 * transaction is being given up), and the thread gone. */
static void
impw_stop(struct tx *x, int drop)
{
	struct impwork	*w = x->imp_work;
	size_t		 i;

	if (w == NULL)
		return;
	if (!drop)
		impw_send(w);
	pthread_mutex_lock(&w->mtx);
	if (drop) {
		for (i = 0; i < w->n; i++) {
			free(w->q[(w->head + i) % IMPW_QUEUE].p);
			w->q[(w->head + i) % IMPW_QUEUE].p = NULL;
			w->q[(w->head + i) % IMPW_QUEUE].len = 0;
		}
	}
	w->end = 1;
	pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->mtx);
	pthread_join(w->th, NULL);
	free(w->fill.p);
	pthread_mutex_destroy(&w->mtx);
	pthread_cond_destroy(&w->cond);
	free(w);
	x->imp_work = NULL;
}

/* A record of an import that defers its indexes: put where no index
 * sees it, its index keys kept for tx_import_end. */
static int
put_deferred(struct tx *x, struct ent_h *eh, size_t base, const DBT *k,
    const DBT *d)
{
	int	 ret;

	if ((ret = eh->pri_raw->put(eh->pri_raw, x->t, (DBT *)k, (DBT *)d,
	    0)) != 0)
		return (ret);
	if (x->imp_keys == NULL) {
		x->imp_keys = keysort_new(x->st->home, STORE_IMPORT_SORT,
		    impkey_cmp);
		keysort_set_prefix(x->imp_keys, impkey_prefix);
		impw_start(x);
	}
	if (x->imp_work != NULL)
		impw_add(x->imp_work, eh, base, x->imp_line, k, d);
	else
		deferred_keys(x, eh, base, x->imp_line, k, d);
	return (0);
}

/* Whether no index of r's entity has another key for r than for old. */
static int
same_keys(const struct ent_h *eh, const struct record *r,
    const struct record *old)
{
	size_t	 i;
	int	 pos;

	for (i = 0; i < eh->nidx; i++) {
		pos = eh->idx[i].pos;
		if (!value_equal(&r->v[pos], &old->v[pos]))
			return (0);
	}
	return (1);
}

/*
 * The revision of old's record as stored, from the transaction's copy of
 * it (kept since it was read under lock or written): 1 if known.
 */
static int
stored_rev(struct tx *x, const struct record *old, int64_t *rev)
{
	struct rcache	*c;
	struct value	 v;
	int		 ok;

	if (!x->rc_on || (c = rc_find(x, old->ent, record_id(old))) == NULL)
		return (0);
	if (codec_get(old->ent, c->data, c->len, FID_REV, &v) != 1)
		return (0);
	ok = v.s == NULL;
	*rev = v.i;
	value_free(&v);
	return (ok);
}

/*
 * Whether old is its record as stored.  Not known without the
 * transaction's copy, and the update then goes through the indexes,
 * where Berkeley DB reads the stored record itself: a caller's stale old
 * must never leave index keys behind.
 */
static int
old_is_stored(struct tx *x, const struct record *old)
{
	int64_t	 rev;

	return (stored_rev(x, old, &rev) && rev == (int64_t)record_rev(old));
}

static int
put_rec(struct tx *x, const struct record *r, const struct record *old)
{
	struct ent_h		*eh = store_ent(x->st, r->ent);
	struct codec_map	 m;
	unsigned char		 key[8];
	char			*data;
	size_t			 len;
	DBT			 k, d;
	int			 ret, mapped, defer;

	norm_u64(record_id(r), key);
	codec_encode(r, &data, &len);
	dbt_init(&k, key, 8);
	dbt_init(&d, data, len);
	defer = !x->imp_defer ? 0 : x->imp_ent == r->ent &&
	    eh->pri_raw != NULL ? 1 : x->imp_also == r->ent ? 2 : 0;
	/*
	 * An update that changes no indexed field (a stock row's on hand,
	 * an order line's reserved, a dashboard row's sums, a balance) is
	 * put where no index sees it: through the associated handle
	 * Berkeley DB read the old record again and asked each index for
	 * the keys of both, to find them equal.  Only when old is known to
	 * be the stored record (old_is_stored).
	 */
	if (old != NULL && defer == 0 && eh->pri_same != NULL &&
	    same_keys(eh, r, old) && old_is_stored(x, old))
		ret = eh->pri_same->put(eh->pri_same, x->t, &k, &d, 0);
	else {
		/* A deferred record's keys are made from a map of its own
		 * (in the key thread, if there is one). */
		mapped = eh->nidx > 0 && (!defer || x->imp_work == NULL) &&
		    codec_map_open(&m, data, len) == 0;
		if (mapped)
			put_map = &m;
		if (defer == 1)
			ret = put_deferred(x, eh, 0, &k, &d);
		else if (defer == 2)
			ret = put_deferred(x, eh, IMPKEY_ALSO, &k, &d);
		else {
			put_old_on = mapped;
			ret = eh->pri->put(eh->pri, x->t, &k, &d, 0);
			put_old_on = 0;
			put_old_close();
		}
		put_map = NULL;
		if (mapped)
			codec_map_close(&m);
	}
	/* Both ways, the transaction's copy is what was just written. */
	if (x->rc_on && ret == 0 && !defer)
		rc_keep(x, r->ent, record_id(r), data, len, 1);
	else {
		if (x->rc_on)
			rc_drop(x, r->ent, record_id(r));
		free(data);
	}
	return (st_map(ret));
}

/* A record an import created: its id joins the runs (ids mostly come
 * one after another: a run per import, unless others insert too). */
static void
import_note(struct tx *x, uint64_t id)
{
	x->imp_count++;
	if (x->imp_nruns > 0 && x->imp_runs[x->imp_nruns - 1][1] + 1 == id) {
		x->imp_runs[x->imp_nruns - 1][1] = id;
		return;
	}
	if (x->imp_nruns == x->imp_cap) {
		x->imp_cap = x->imp_cap < 8 ? 8 : x->imp_cap * 2;
		x->imp_runs = xreallocarray(x->imp_runs, x->imp_cap,
		    sizeof *x->imp_runs);
	}
	x->imp_runs[x->imp_nruns][0] = id;
	x->imp_runs[x->imp_nruns][1] = id;
	x->imp_nruns++;
}

void
tx_import_begin(struct tx *x, const struct entity_def *e, int defer)
{
	/* Rows by the thousand: none read twice, each write kept for
	 * nothing. */
	rc_clear(x);
	x->rc_on = 0;
	x->imp_ent = e;
	free(x->imp_memo);
	x->imp_memo = NULL;
	x->imp_nruns = 0;
	x->imp_count = 0;
	x->imp_defer = defer && store_ent(x->st, e)->pri_raw != NULL;
	x->imp_line = 0;
	x->imp_wall0 = clock_ns(CLOCK_MONOTONIC);
	x->imp_cpu0 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
}

void
tx_import_also(struct tx *x, const struct entity_def *e)
{
	struct ent_h	*eh = store_ent(x->st, e);

	if (x->imp_defer && (e->flags & ENT_DERIVED) && eh->pri_raw != NULL &&
	    eh->nidx < IMPKEY_ALSO)
		x->imp_also = e;
}

void
tx_import_line(struct tx *x, int64_t line)
{
	x->imp_line = line;
}

static void	 import_audit_queue(struct tx *, struct audit_entry *);

/* A bulk put's buffer: key/data pairs for DB_MULTIPLE_KEY. */
#define IMPORT_BULK	(1u << 20)
/* An import of this many rows or more says its phases in the log. */
#define IMPORT_LOG_ROWS	10000

static int
bulk_flush(struct tx *x, DB *db, DBT *bulk, void **ptr, size_t *n)
{
	DBT	 none;
	int	 ret = 0;

	if (*n > 0) {
		memset(&none, 0, sizeof none);
		ret = db->put(db, x->t, bulk, &none, DB_MULTIPLE_KEY);
	}
	DB_MULTIPLE_WRITE_INIT(*ptr, bulk);
	*n = 0;
	return (ret);
}

/* A unique field's value twice in an import: as the record has it. */
static void
dup_cause(struct tx *x, const struct entity_def *e, const struct field_def *f,
    int pos, const unsigned char *pkey, char **cause)
{
	struct record	*r;
	char		*q = NULL;

	if (tx_get(x, e, norm_get_u64(pkey), 0, &r) == ST_OK) {
		q = value_format(f, &r->v[pos]);
		record_free(r);
	}
	xasprintf(cause, _("column '%s': \"%s\" appears twice in the file"),
	    f->name, q != NULL ? q : "");
	free(q);
}

/* Whether a unique index holds key for a record other than pkey's:
 * 0, -1 and *cause (and ST_EXISTS then), or a Berkeley DB error. */
static int
taken_check(struct tx *x, const struct sidx *xi, const void *key,
    size_t klen, const unsigned char *pkey, char **cause)
{
	const struct entity_def	*e = xi->ent;
	const struct field_def	*f = &e->fields[xi->pos];
	unsigned char		 other[8];
	struct record		*o = NULL, *r = NULL;
	char			*q = NULL;
	DBT			 k, d;
	int			 ret;

	dbt_init(&k, key, klen);
	memset(&d, 0, sizeof d);
	d.data = other;
	d.ulen = sizeof other;
	d.flags = DB_DBT_USERMEM;
	ret = xi->raw->get(xi->raw, x->t, &k, &d, DB_RMW);
	if (ret == DB_NOTFOUND)
		return (0);
	if (ret != 0)
		return (ret);
	if (d.size == 8 && memcmp(other, pkey, 8) == 0)
		return (0);
	if (tx_get(x, e, norm_get_u64(pkey), 0, &r) == ST_OK)
		q = value_format(f, &r->v[xi->pos]);
	if (d.size == 8)
		(void)tx_get(x, e, norm_get_u64(other), 0, &o);
	xasprintf(cause, _("column '%s': \"%s\" is already used by %s"),
	    f->name, q != NULL ? q : "", o != NULL &&
	    record_str(o, FX_CODE) != NULL ? record_str(o, FX_CODE) :
	    _("another record"));
	free(q);
	record_free(r);
	record_free(o);
	return (-1);
}

/*
 * An index the import gave many records a key (IMPORT_COMPACT_DUPS or
 * more on average: a product, a date, a warehouse, a customer's status),
 * compacted after its keys were put if its leaf pages are mostly empty.
 * A key's duplicates grow on its leaf page until they fill a quarter of
 * it, then move to a tree of their own, and the leaf pages they had
 * split stay behind nearly empty: Berkeley DB merges a page only when it
 * is empty.  1,000,000 moves of 1,000 products left the moves' and the
 * lines' product indexes 538 and 532 leaf pages of 16 KB, 99 % empty
 * (8.8 MB each), where a few pages hold their keys.  DB->compact merges
 * them (in the import's transaction: its pages are the import's to
 * lock) and the pages go to the file's free list, for the next records.
 * Only when the leaf pages are less than IMPORT_COMPACT_FILL % full on
 * the whole (DB->stat, which reads the index's pages and writes
 * nothing), so mostly once, when the keys' duplicates have moved out.
 * The merges log the duplicates still on the pages they move, item by
 * item: 1,000,000 customers and 1,000,000 moves in 44 files (bench/
 * home.sh) logged 887 bytes a moves' line without compacting, 993 when
 * compacting after every import, 969 so; the data files 842, 825 and
 * 826 MiB.
 */
#define IMPORT_COMPACT_DUPS	8
#define IMPORT_COMPACT_MIN	1000
#define IMPORT_COMPACT_FILL	10
#define IMPORT_COMPACT_PAGES	4

static int
import_compact(struct tx *x, DB *db, uint64_t nent, uint64_t nkeys)
{
	DB_BTREE_STAT	*sp;
	DB_COMPACT	 c;
	uint64_t	 room;
	u_int32_t	 leaf;
	int		 ret, sparse;

	if (db == NULL || nent < IMPORT_COMPACT_MIN ||
	    nent < nkeys * IMPORT_COMPACT_DUPS)
		return (0);
	if ((ret = db->stat(db, x->t, &sp, 0)) != 0)
		return (ret);
	room = (uint64_t)sp->bt_leaf_pg * sp->bt_pagesize;
	leaf = sp->bt_leaf_pg;
	sparse = sp->bt_leaf_pg >= IMPORT_COMPACT_PAGES &&
	    sp->bt_leaf_pgfree * 100 > room * (100 - IMPORT_COMPACT_FILL);
	free(sp);
	if (!sparse)
		return (0);
	memset(&c, 0, sizeof c);
	c.compact_fillpercent = IMPORT_COMPACT_FILL;
	if ((ret = db->compact(db, x->t, NULL, NULL, &c, 0, NULL)) == 0)
		log_info("import: an index of %u leaf pages compacted: %u "
		    "pages examined, %u freed", leaf, c.compact_pages_examine,
		    c.compact_pages_free);
	return (ret);
}

/*
 * The deferred index keys of an import, sorted (by index, key, record),
 * put index by index in order: each index's pages fill one after the
 * other, as a sorted load does, through bulk puts.  A unique index's key
 * twice is the file's repeat: ST_EXISTS, *line the later row's.  An
 * index of few keys is compacted after (import_compact).
 */
static int
import_index(struct tx *x, int64_t *line, char **cause)
{
	struct ent_h		*eh = store_ent(x->st, x->imp_ent);
	struct ent_h		*ah = x->imp_also != NULL ?
				    store_ent(x->st, x->imp_also) : NULL;
	const struct sidx	*xi;
	const unsigned char	*p, *prev = NULL;
	unsigned char		*pbuf = NULL;
	size_t			 len, plen = 0, n = 0, cur = (size_t)-1, klen;
	uint64_t		 nent = 0, nkeys = 0;
	void			*ptr;
	DB			*curdb = NULL;
	DBT			 bulk;
	int			 r, ret = 0, e;
	uint64_t		 w1, c1, w2, c2, nall;
	size_t			 nruns;

	impw_stop(x, 0);
	w1 = clock_ns(CLOCK_MONOTONIC);
	c1 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	nall = keysort_count(x->imp_keys);
	e = x->imp_err != 0 ? x->imp_err : keysort_done(x->imp_keys);
	if (e != 0) {
		xasprintf(cause, _("cannot sort the index keys of the import "
		    "in %s: %s"), x->st->home, strerror(e));
		return (e == ENOSPC ? ST_FULL : ST_ERR);
	}
	memset(&bulk, 0, sizeof bulk);
	bulk.data = xmalloc(IMPORT_BULK);
	bulk.ulen = IMPORT_BULK;
	bulk.flags = DB_DBT_USERMEM | DB_DBT_BULK;
	DB_MULTIPLE_WRITE_INIT(ptr, &bulk);
	w2 = clock_ns(CLOCK_MONOTONIC);
	c2 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	nruns = keysort_runs(x->imp_keys);
	while ((r = keysort_next(x->imp_keys, (const char **)&p, &len)) == 1) {
		klen = len - 1 - IMPKEY_TAIL;
		xi = (p[0] & IMPKEY_ALSO) && ah != NULL ?
		    &ah->idx[p[0] & ~IMPKEY_ALSO] : &eh->idx[p[0]];
		if (prev != NULL && prev[0] == p[0] && plen == len &&
		    memcmp(prev + 1, p + 1, klen) == 0) {
			const struct field_def	*f = &xi->ent->fields[xi->pos];

			if (memcmp(prev + 1 + klen, p + 1 + klen, 8) == 0)
				continue;	/* a word twice in a record */
			if ((f->flags & FF_UNIQUE) && !xi->words) {
				memcpy(line, p + 1 + klen + 8, sizeof *line);
				dup_cause(x, xi->ent, f, xi->pos,
				    p + 1 + klen, cause);
				ret = -1;
				break;
			}
		}
		/* A unique value a record saved since the row was checked
		 * holds (another session's, committed while the import ran:
		 * its check saw no key of ours yet): refused, as a row that
		 * met it then would have been.  A derived entity's codes are
		 * unique by construction (tx_insert). */
		if ((xi->ent->fields[xi->pos].flags & FF_UNIQUE) &&
		    !xi->words && !(xi->ent->flags & ENT_DERIVED) &&
		    (ret = taken_check(x, xi, p + 1, klen, p + 1 + klen,
		    cause)) != 0) {
			memcpy(line, p + 1 + klen + 8, sizeof *line);
			break;
		}
		if (p[0] != cur) {
			if (curdb != NULL && ((ret = bulk_flush(x, curdb, &bulk,
			    &ptr, &n)) != 0 || (ret = import_compact(x, curdb,
			    nent, nkeys)) != 0))
				break;
			cur = p[0];
			curdb = xi->raw;
			nent = nkeys = 0;
		}
		if (prev == NULL || prev[0] != p[0] || plen != len ||
		    memcmp(prev + 1, p + 1, klen) != 0)
			nkeys++;
		nent++;
		DB_MULTIPLE_KEY_WRITE_NEXT(ptr, &bulk, p + 1, klen,
		    p + 1 + klen, 8);
		if (ptr == NULL) {
			/* Full: out, and this pair into the next. */
			if ((ret = bulk_flush(x, curdb, &bulk, &ptr, &n)) != 0)
				break;
			DB_MULTIPLE_KEY_WRITE_NEXT(ptr, &bulk, p + 1, klen,
			    p + 1 + klen, 8);
		}
		n++;
		/* The previous record for the next comparison. */
		if (len > plen || pbuf == NULL) {
			free(pbuf);
			pbuf = xmalloc(len);
		}
		memcpy(pbuf, p, len);
		plen = len;
		prev = pbuf;
	}
	if (ret == 0 && r < 0) {
		e = errno != 0 ? errno : EIO;
		xasprintf(cause, _("cannot sort the index keys of the import "
		    "in %s: %s"), x->st->home, strerror(e));
		ret = -1;
	}
	if (ret == 0 && curdb != NULL &&
	    (ret = bulk_flush(x, curdb, &bulk, &ptr, &n)) == 0)
		ret = import_compact(x, curdb, nent, nkeys);
	free(pbuf);
	free(bulk.data);
	keysort_free(x->imp_keys);
	x->imp_keys = NULL;
	/* The phases of a large import, for whoever measures it. */
	if (x->imp_count >= IMPORT_LOG_ROWS)
		log_info("import: %s: %llu records in %.2f s (%.2f s of "
		    "CPU); %llu index keys in %zu runs, sorted in %.2f s "
		    "(%.2f s), merged and put in %.2f s (%.2f s)",
		    x->imp_ent->name, (unsigned long long)x->imp_count,
		    (double)(w1 - x->imp_wall0) / 1e9,
		    (double)(c1 - x->imp_cpu0) / 1e9,
		    (unsigned long long)nall, nruns, (double)(w2 - w1) / 1e9,
		    (double)(c2 - c1) / 1e9,
		    (double)(clock_ns(CLOCK_MONOTONIC) - w2) / 1e9,
		    (double)(clock_ns(CLOCK_THREAD_CPUTIME_ID) - c2) / 1e9);
	/* -1: a value taken (*cause says which), or the keys unread. */
	if (ret == -1)
		return (*line != 0 ? ST_EXISTS : ST_ERR);
	return (st_map(ret));
}

int
tx_import_end(struct tx *x, struct audit_entry *a, int64_t *line,
    char **cause)
{
	int	 rc;

	*line = 0;
	if (x->imp_defer && x->imp_keys != NULL &&
	    (rc = import_index(x, line, cause)) != ST_OK) {
		audit_entry_clear(a);
		free(a);
		return (rc);
	}
	x->imp_defer = 0;
	x->imp_also = NULL;
	import_audit_queue(x, a);
	return (ST_OK);
}

static void
import_audit_queue(struct tx *x, struct audit_entry *a)
{
	struct buf	 b = { 0 };
	struct pending	 p;
	size_t		 i;

	for (i = 0; i < x->imp_nruns; i++) {
		if (x->imp_runs[i][0] == x->imp_runs[i][1])
			buf_printf(&b, "%s%llu", i ? "," : "",
			    (unsigned long long)x->imp_runs[i][0]);
		else
			buf_printf(&b, "%s%llu-%llu", i ? "," : "",
			    (unsigned long long)x->imp_runs[i][0],
			    (unsigned long long)x->imp_runs[i][1]);
	}
	if (b.len > 0)
		audit_add_change(a, AUDIT_IMPORT_IDS, NULL, b.data);
	buf_free(&b);
	x->imp_ent = NULL;
	free(x->imp_memo);
	x->imp_memo = NULL;
	a->time = (int64_t)time(NULL);
	free(a->login);
	free(a->tty);
	a->login = xstrdup(x->login);
	a->tty = xstrdup(x->tty);
	/* First in the queue (the heap's part, even past its share): the
	 * import's entry comes before those of the records it changed. */
	audit_pack(a, &p.p, &p.len);
	audit_entry_clear(a);
	free(a);
	if (x->naud == x->aud_cap) {
		x->aud_cap = x->aud_cap < 8 ? 8 : x->aud_cap + x->aud_cap / 2;
		x->aud = xreallocarray(x->aud, x->aud_cap, sizeof *x->aud);
	}
	memmove(&x->aud[1], &x->aud[0], x->naud * sizeof *x->aud);
	x->aud[0] = p;
	x->naud++;
}

int
tx_new_id(struct tx *x, const struct entity_def *e, uint64_t *out,
    char **cause)
{
	struct ent_h	*eh = store_ent(x->st, e);
	db_seq_t	 id;
	int		 ret, rc;

	if ((ret = eh->seq->get(eh->seq, NULL, 1, &id, DB_TXN_NOSYNC)) != 0) {
		xasprintf(cause, _("cannot allocate an id: %s"),
		    db_strerror(ret));
		rc = st_map(ret);
		return (rc == ST_DEADLOCK || rc == ST_FULL ? rc : ST_ERR);
	}
	*out = (uint64_t)id;
	return (ST_OK);
}

static int	insert_rec(struct tx *, struct record *, char **);

int
tx_insert(struct tx *x, struct record *r, char **cause)
{
	uint64_t	 id;
	int		 rc;

	if ((rc = tx_new_id(x, r->ent, &id, cause)) != ST_OK)
		return (rc);
	record_set_int(r, FX_ID, (int64_t)id);
	return (insert_rec(x, r, cause));
}

int
tx_insert_as(struct tx *x, struct record *r, char **cause)
{
	if (record_id(r) == 0)
		return (tx_insert(x, r, cause));
	return (insert_rec(x, r, cause));
}

/* Insert r under the id it holds. */
static int
insert_rec(struct tx *x, struct record *r, char **cause)
{
	const struct entity_def	*e = r->ent;
	uint64_t		 id = record_id(r);
	int64_t			 now = (int64_t)time(NULL);
	char			 code[32];
	int			 rc, skip = -1;

	record_set_int(r, FX_REV, 1);
	record_set_int(r, FX_CREATED, now);
	record_set_int(r, FX_UPDATED, now);
	record_set_str(r, FX_UPDATED_BY, x->login);
	if (!record_isset(r, FX_CODE) && e->code_prefix != NULL) {
		snprintf(code, sizeof code, "%s-%06llu", e->code_prefix,
		    (unsigned long long)id);
		record_set_str(r, FX_CODE, code);
		/* Unique by construction, unless someone typed this code
		 * by hand: only a derived entity's codes are never typed. */
		if (e->flags & ENT_DERIVED)
			skip = FX_CODE;
	}
	if ((rc = check_unique(x, r, NULL, skip, cause)) != ST_OK)
		return (rc);
	if ((rc = put_rec(x, r, NULL)) != ST_OK)
		return (rc);
	if (x->imp_ent == e)
		import_note(x, (uint64_t)id);
	else if (!(e->flags & ENT_DERIVED))
		tx_queue_audit(x, "create", NULL, r);
	if (write_hook != NULL)
		return (write_hook(x, NULL, r, cause));
	return (ST_OK);
}

static void
conflict_cause(const struct record *old, uint32_t expect, char **cause)
{
	char		 when[32];
	time_t		 t = (time_t)record_int(old, FX_UPDATED);
	struct tm	 tm;

	/* In the clerks' local time, as everything they read. */
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%d.%m.%Y %H:%M", &tm);
	xasprintf(cause, _("%s was changed by %s at %s (revision %u; you "
	    "edited revision %u): reload it and make your change again"),
	    record_str(old, FX_CODE) ? record_str(old, FX_CODE) :
	    _("the record"), record_str(old, FX_UPDATED_BY) ?
	    record_str(old, FX_UPDATED_BY) : _("someone"), when,
	    record_rev(old), expect);
}

int
tx_check_rev(const struct record *old, uint32_t expect_rev, char **cause)
{
	if (record_rev(old) == expect_rev)
		return (ST_OK);
	conflict_cause(old, expect_rev, cause);
	return (ST_CONFLICT);
}

int
tx_update(struct tx *x, struct record *r, uint32_t expect_rev, char **cause)
{
	struct record	*old;
	int		 rc;

	if ((rc = tx_get(x, r->ent, record_id(r), 1, &old)) != ST_OK) {
		if (rc == ST_NOTFOUND)
			xasprintf(cause, _("%s %llu does not exist (deleted?)"),
			    r->ent->name, (unsigned long long)record_id(r));
		return (rc);
	}
	rc = tx_update_old(x, r, old, expect_rev, cause);
	record_free(old);
	return (rc);
}

/*
 * The old record comes from the caller, read in this transaction with a
 * write lock: model_save reads it to validate against, a posting reads
 * the stock rows it changes, and each read again here was a B-tree
 * search and a decode more per update.
 */
int
tx_update_old(struct tx *x, struct record *r, const struct record *old,
    uint32_t expect_rev, char **cause)
{
	size_t		 i, j, changed = 0;
	int64_t		 now;
	int		 rc;

	if (record_rev(old) != expect_rev) {
		conflict_cause(old, expect_rev, cause);
		return (ST_CONFLICT);
	}
	/* An old this transaction has since updated another way: said,
	 * not written over. */
	if (stored_rev(x, old, &now) && now != (int64_t)record_rev(old)) {
		struct record	*cur;

		if (tx_get(x, old->ent, record_id(old), 0, &cur) != ST_OK)
			return (ST_ERR);
		conflict_cause(cur, expect_rev, cause);
		record_free(cur);
		return (ST_CONFLICT);
	}
	for (i = 0; i < r->ent->nfields; i++)
		if (!(r->ent->fields[i].flags & FF_SYSTEM) &&
		    !value_equal(&r->v[i], &old->v[i]))
			changed++;
	/* Keep what this binary does not know and the caller did not send. */
	for (i = 0; i < old->nx; i++) {
		for (j = 0; j < r->nx; j++)
			if (r->x[j].id == old->x[i].id)
				break;
		if (j < r->nx)
			continue;
		r->x = xreallocarray(r->x, r->nx + 1, sizeof *r->x);
		r->x[r->nx].id = old->x[i].id;
		r->x[r->nx].raw = xmemdup(old->x[i].raw, old->x[i].len);
		r->x[r->nx].len = old->x[i].len;
		r->nx++;
		changed++;
	}
	if (changed == 0) {
		for (i = 0; i < r->ent->nfields; i++)
			if (r->ent->fields[i].flags & FF_SYSTEM)
				record_set_value(r, (int)i, &old->v[i]);
		return (ST_OK);
	}
	record_set_value(r, FX_CREATED, &old->v[FX_CREATED]);
	record_set_int(r, FX_REV, (int64_t)record_rev(old) + 1);
	record_set_int(r, FX_UPDATED, (int64_t)time(NULL));
	record_set_str(r, FX_UPDATED_BY, x->login);
	if ((rc = check_unique(x, r, old, -1, cause)) != ST_OK ||
	    (rc = put_rec(x, r, old)) != ST_OK)
		return (rc);
	if (!(r->ent->flags & ENT_DERIVED))
		tx_queue_audit(x, "update", old, r);
	return (write_hook != NULL ? write_hook(x, old, r, cause) : ST_OK);
}

int
tx_delete(struct tx *x, const struct entity_def *e, uint64_t id,
    uint32_t expect_rev, char **cause)
{
	struct ent_h	*eh = store_ent(x->st, e);
	struct record	*old;
	unsigned char	 key[8];
	DBT		 k;
	int		 rc;

	if ((rc = tx_get(x, e, id, 1, &old)) != ST_OK) {
		if (rc == ST_NOTFOUND)
			xasprintf(cause, _("%s %llu does not exist"), e->name,
			    (unsigned long long)id);
		return (rc);
	}
	if (expect_rev != 0 && record_rev(old) != expect_rev) {
		conflict_cause(old, expect_rev, cause);
		record_free(old);
		return (ST_CONFLICT);
	}
	norm_u64(id, key);
	dbt_init(&k, key, 8);
	if (x->rc_on)
		rc_drop(x, e, id);
	if ((rc = st_map(eh->pri->del(eh->pri, x->t, &k, 0))) != ST_OK) {
		record_free(old);
		return (rc);
	}
	tx_queue_audit(x, "delete", old, NULL);
	rc = write_hook != NULL ? write_hook(x, old, NULL, cause) : ST_OK;
	record_free(old);
	return (rc);
}

void
store_set_write_hook(tx_write_hook fn)
{
	write_hook = fn;
}

void
store_set_commit_hook(tx_commit_hook fn, void (*drop)(void *))
{
	commit_hook = fn;
	commit_drop = drop;
}

char **
tx_import_memo(struct tx *x, const struct entity_def *e)
{
	return (x->imp_ent == e ? &x->imp_memo : NULL);
}

void **
tx_hook_state(struct tx *x)
{
	return (&x->hook_state);
}

void
tx_touch(struct tx *x)
{
	x->touched = 1;
}

uint64_t
store_version(struct store *st)
{
	return (__atomic_load_n(&st->version, __ATOMIC_SEQ_CST));
}

/* Call fn with the key and stored bytes of each record of e in id order,
 * inside the transaction, until it returns non-zero. */
static int
each_stored(struct tx *x, const struct entity_def *e,
    int (*fn)(const DBT *, const DBT *, void *), void *arg)
{
	struct ent_h	*eh = store_ent(x->st, e);
	DBC		*c;
	DBT		 k, d;
	int		 ret;

	if ((ret = eh->pri->cursor(eh->pri, x->t, &c, 0)) != 0)
		return (st_map(ret));
	memset(&k, 0, sizeof k);
	memset(&d, 0, sizeof d);
	k.flags = d.flags = DB_DBT_REALLOC;
	while ((ret = c->get(c, &k, &d, DB_NEXT)) == 0)
		if ((ret = fn(&k, &d, arg)) != 0)
			break;
	c->close(c);
	free(k.data);
	free(d.data);
	return (ret == DB_NOTFOUND || ret > 0 ? ST_OK : st_map(ret));
}

struct each_arg {
	const struct entity_def	*e;
	int			(*fn)(const struct record *, void *);
	void			*arg;
};

static int
each_decoded(const DBT *k, const DBT *d, void *arg)
{
	struct each_arg	*a = arg;
	struct record	*r;
	char		*cause = NULL;
	int		 ret;

	(void)k;
	if (codec_decode(a->e, d->data, d->size, &r, &cause) != 0) {
		free(cause);
		return (0);
	}
	ret = a->fn(r, a->arg);
	record_free(r);
	return (ret);
}

int
tx_each(struct tx *x, const struct entity_def *e,
    int (*fn)(const struct record *, void *), void *arg)
{
	struct each_arg	 a = { e, fn, arg };

	return (each_stored(x, e, each_decoded, &a));
}

struct ref_arg {
	const struct entity_def	*e;
	unsigned		 fid;
	uint64_t		 to, id;
};

static int
ref_first(const DBT *k, const DBT *d, void *arg)
{
	struct ref_arg	*a = arg;
	struct value	 v;
	int		 got;

	/* The one field, not the whole record decoded. */
	if (codec_get(a->e, d->data, d->size, a->fid, &v) != 1)
		return (0);
	got = v.s == NULL && (uint64_t)v.i == a->to;
	value_free(&v);
	if (!got || k->size != 8)
		return (0);
	a->id = norm_get_u64(k->data);
	return (1);
}

int
tx_first_ref(struct tx *x, const struct entity_def *e, int pos,
    uint64_t to, uint64_t *id)
{
	struct ref_arg	 a = { e, e->fields[pos].id, to, 0 };
	int		 rc;

	rc = each_stored(x, e, ref_first, &a);
	*id = a.id;
	return (rc);
}

int
tx_find_each(struct tx *x, const struct entity_def *e, int pos,
    const struct value *v, int rmw, int (*fn)(struct tx *, uint64_t, void *),
    void *arg)
{
	struct sidx	*xi = store_idx(store_ent(x->st, e), pos, 0);
	unsigned char	*key;
	size_t		 len;
	DBC		*c;
	DBT		 k, pk;
	u_int32_t	 op = DB_SET;
	int		 ret, stop = 0;

	if (xi == NULL)
		return (ST_ERR);
	if ((key = norm_key(&e->fields[pos], v, &len)) == NULL)
		return (ST_OK);
	/*
	 * The index alone (its handle not associated), not the primary
	 * records it names: write-locked (rmw), the pages a posting locks
	 * here are the index's, in key order, and it then reads the
	 * records in an order of its own (stock's preload).  Through the
	 * associated handle each record's page was write-locked too, in the
	 * index's order: two postings of different products deadlocked on
	 * them, a few in a hundred at 32 clients.
	 */
	if ((ret = xi->raw->cursor(xi->raw, x->t, &c,
	    rmw == TX_FIND_COMMITTED ? DB_READ_COMMITTED : 0)) != 0) {
		free(key);
		return (st_map(ret));
	}
	memset(&k, 0, sizeof k);
	k.data = key;
	k.size = (u_int32_t)len;
	k.ulen = (u_int32_t)len;
	k.flags = DB_DBT_REALLOC;
	memset(&pk, 0, sizeof pk);
	pk.flags = DB_DBT_REALLOC;
	while ((ret = c->get(c, &k, &pk, op |
	    (rmw == TX_FIND_RMW ? DB_RMW : 0))) == 0) {
		op = DB_NEXT_DUP;
		if (pk.size != 8)
			continue;
		if ((stop = fn(x, norm_get_u64(pk.data), arg)) != 0)
			break;
	}
	c->close(c);
	free(pk.data);
	free(k.data);
	if (stop != 0)
		return (stop);
	return (ret == DB_NOTFOUND ? ST_OK : st_map(ret));
}

/*
 * The records of index pos from value v on, each decoded and given to fn
 * (a record that does not decode is logged and passed): those whose key
 * is v (range 0: DB_SET, then the duplicates), or every key from v to
 * the index's end (range 1: DB_SET_RANGE, then DB_NEXT; the cursor
 * writes the key it lands on back into k, hence a copy of its own).
 * fn's non-zero answer stops the walk and is returned.
 */
static int
index_walk(struct tx *x, const struct entity_def *e, int pos,
    const struct value *v, int range,
    int (*fn)(const struct record *, void *), void *arg)
{
	struct sidx	*xi = store_idx(store_ent(x->st, e), pos, 0);
	struct record	*r;
	unsigned char	*key;
	size_t		 len;
	DBC		*c;
	DBT		 k, pk, d;
	u_int32_t	 op = range ? DB_SET_RANGE : DB_SET;
	char		*cause = NULL;
	int		 ret, stop = 0;

	if (xi == NULL)
		return (ST_ERR);
	if ((key = norm_key(&e->fields[pos], v, &len)) == NULL)
		return (ST_OK);
	if ((ret = xi->db->cursor(xi->db, x->t, &c, 0)) != 0) {
		free(key);
		return (st_map(ret));
	}
	memset(&k, 0, sizeof k);
	k.data = xmalloc(len);
	memcpy(k.data, key, len);
	k.size = (u_int32_t)len;
	k.flags = DB_DBT_REALLOC;
	memset(&pk, 0, sizeof pk);
	memset(&d, 0, sizeof d);
	pk.flags = d.flags = DB_DBT_REALLOC;
	while ((ret = c->pget(c, &k, &pk, &d, op)) == 0) {
		op = range ? DB_NEXT : DB_NEXT_DUP;
		if (codec_decode(e, d.data, d.size, &r, &cause) != 0) {
			log_warnx("%s: %s", e->name, cause);
			free(cause);
			cause = NULL;
			continue;
		}
		stop = fn(r, arg);
		record_free(r);
		if (stop != 0)
			break;
	}
	c->close(c);
	free(k.data);
	free(pk.data);
	free(d.data);
	free(key);
	if (stop != 0)
		return (stop);
	return (ret == DB_NOTFOUND ? ST_OK : st_map(ret));
}

int
tx_find_rows(struct tx *x, const struct entity_def *e, int pos,
    const struct value *v, int (*fn)(const struct record *, void *),
    void *arg)
{
	return (index_walk(x, e, pos, v, 0, fn, arg));
}

int
tx_range(struct tx *x, const struct entity_def *e, int pos,
    const struct value *from, int (*fn)(const struct record *, void *),
    void *arg)
{
	return (index_walk(x, e, pos, from, 1, fn, arg));
}

int
tx_counter(struct tx *x, const char *name, uint64_t *n)
{
	DBT		 k, d;
	char		 num[24];
	int		 ret;

	if (x->ctr_cpu0 == 0) {
		x->ctr_cpu0 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
		x->ctr_wall0 = clock_ns(CLOCK_MONOTONIC);
	}
	dbt_init(&k, name, strlen(name));
	dbt_malloc(&d);
	ret = x->st->meta->get(x->st->meta, x->t, &k, &d, DB_RMW);
	if (ret == 0) {
		snprintf(num, sizeof num, "%.*s", (int)d.size,
		    (const char *)d.data);
		free(d.data);
		*n = strtoull(num, NULL, 10) + 1;
	} else if (ret == DB_NOTFOUND)
		*n = 1;
	else
		return (st_map(ret));
	snprintf(num, sizeof num, "%llu", (unsigned long long)*n);
	return (tx_meta_put(x, name, num));
}

/*
 * The code of e's record id, or NULL: found in its stored bytes, not a
 * decode of the whole record; the record read once a transaction (the
 * posting has read most of those an audit entry names).
 */
static char *
ref_code(struct tx *x, const struct entity_def *e, uint64_t id)
{
	struct rcache	*c;
	struct value	 v;
	unsigned char	 key[8];
	DBT		 k, d;
	char		*code = NULL;
	int		 found;

	if (x->rc_on && (c = rc_find(x, e, id)) != NULL) {
		found = codec_get(e, c->data, c->len, e->fields[FX_CODE].id,
		    &v);
		d.data = NULL;
	} else {
		DB	*db = store_ent(x->st, e)->pri;

		norm_u64(id, key);
		dbt_init(&k, key, 8);
		dbt_malloc(&d);
		if (db->get(db, x->t, &k, &d, 0) != 0)
			return (NULL);
		found = codec_get(e, d.data, d.size, e->fields[FX_CODE].id,
		    &v);
	}
	if (found == 1 && v.s != NULL) {
		code = v.s;
		v.s = NULL;
	}
	if (found == 1)
		value_free(&v);
	if (d.data != NULL) {
		if (x->rc_on)
			rc_keep(x, e, id, d.data, d.size, 0);
		else
			free(d.data);
	}
	return (code);
}

/* e's field of that name, looked for from *hint on: an entry's changes
 * come in the order of the fields (audit_diff). */
static const struct field_def *
field_from(const struct entity_def *e, const char *name, size_t *hint)
{
	size_t	 i;

	for (i = *hint; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, name) == 0) {
			*hint = i + 1;
			return (&e->fields[i]);
		}
	for (i = 0; i < *hint && i < e->nfields; i++)
		if (strcmp(e->fields[i].name, name) == 0) {
			*hint = i + 1;
			return (&e->fields[i]);
		}
	return (NULL);
}

/* A reference in an audit entry reads as the target's code. */
static void
audit_ref_codes(struct tx *x, const struct entity_def *e,
    struct audit_entry *a)
{
	const struct entity_def	*t;
	size_t			 i, j, hint;
	char			**vals[2], *code;
	int			 k;

	for (i = 0, hint = 0; i < a->nch; i++) {
		const struct field_def	*f = field_from(e, a->ch[i].field,
					    &hint);

		if (f == NULL || f->type != FT_REF ||
		    (t = dict_entity(f->ref)) == NULL)
			continue;
		vals[0] = &a->ch[i].before;
		vals[1] = &a->ch[i].after;
		for (k = 0; k < 2; k++) {
			if (*vals[k] == NULL)
				continue;
			j = strtoull(*vals[k], NULL, 10);
			if ((code = ref_code(x, t, j)) != NULL) {
				free(*vals[k]);
				*vals[k] = code;
			}
		}
	}
}

static void
tx_queue_audit(struct tx *x, const char *action, const struct record *before,
    const struct record *after)
{
	struct audit_entry	*a;
	const struct record	*r = after != NULL ? after : before;

	a = xcalloc(1, sizeof *a);
	a->entity = xstrdup(r->ent->name);
	a->id = record_id(r);
	a->action = xstrdup(action);
	audit_diff(a, before, after);
	audit_ref_codes(x, r->ent, a);
	tx_audit(x, a);
}

void
tx_audit(struct tx *x, struct audit_entry *a)
{
	struct pending	*p;

	a->time = (int64_t)time(NULL);
	free(a->login);
	free(a->tty);
	a->login = xstrdup(x->login);
	a->tty = xstrdup(x->tty);
	if (x->naud >= STORE_AUD_HEAP) {
		char	*data;
		size_t	 len;
		int	 e;

		/* Past the heap's share: in order, after those. */
		if (x->aud_spill == NULL)
			x->aud_spill = spill_new(x->st->home);
		audit_pack(a, &data, &len);
		if (x->aud_err == 0 &&
		    (e = spill_put(x->aud_spill, data, len)) != 0)
			x->aud_err = e;
		free(data);
		audit_entry_clear(a);
		free(a);
		return;
	}
	if (x->naud == x->aud_cap) {
		x->aud_cap = x->aud_cap < 8 ? 8 : x->aud_cap + x->aud_cap / 2;
		x->aud = xreallocarray(x->aud, x->aud_cap, sizeof *x->aud);
	}
	p = &x->aud[x->naud++];
	audit_pack(a, &p->p, &p->len);
	audit_entry_clear(a);
	free(a);
}

int
tx_reqlog_put(struct tx *x, const void *key, size_t klen, const void *resp,
    size_t rlen)
{
	DBT		 k, d;
	char		*data;
	unsigned char	 now[8];
	int		 ret;

	norm_u64((uint64_t)time(NULL), now);
	data = xmalloc(rlen + 8);
	memcpy(data, now, 8);
	memcpy(data + 8, resp, rlen);
	dbt_init(&k, key, klen);
	dbt_init(&d, data, rlen + 8);
	ret = x->st->reqlog->put(x->st->reqlog, x->t, &k, &d, 0);
	free(data);
	return (st_map(ret));
}

static int
reqlog_get(struct store *st, DB_TXN *t, const void *key, size_t klen,
    char **resp, size_t *rlen)
{
	DBT	 k, d;
	int	 ret;

	dbt_init(&k, key, klen);
	dbt_malloc(&d);
	if ((ret = st->reqlog->get(st->reqlog, t, &k, &d, t != NULL ?
	    DB_RMW : 0)) != 0)
		return (st_map(ret));
	if (d.size < 8) {
		free(d.data);
		return (ST_NOTFOUND);
	}
	*rlen = d.size - 8;
	*resp = xmemdup((char *)d.data + 8, *rlen);
	free(d.data);
	return (ST_OK);
}

int
store_reqlog_get(struct store *st, const void *key, size_t klen, char **resp,
    size_t *rlen)
{
	return (reqlog_get(st, NULL, key, klen, resp, rlen));
}

int
tx_reqlog_get(struct tx *x, const void *key, size_t klen, char **resp,
    size_t *rlen)
{
	return (reqlog_get(x->st, x->t, key, klen, resp, rlen));
}

void
store_prune_reqlog(struct store *st, int64_t max_age)
{
	DB_TXN		*t;
	DBC		*c;
	DBT		 k, d;
	uint64_t	 limit = (uint64_t)(time(NULL) - max_age);
	int		 ret, n = 0;

	if (st->env->txn_begin(st->env, NULL, &t, 0) != 0)
		return;
	if (st->reqlog->cursor(st->reqlog, t, &c, 0) != 0) {
		t->abort(t);
		return;
	}
	memset(&k, 0, sizeof k);
	memset(&d, 0, sizeof d);
	d.flags = DB_DBT_PARTIAL;
	d.dlen = 8;
	k.flags = DB_DBT_MALLOC;
	d.flags |= DB_DBT_MALLOC;
	while ((ret = c->get(c, &k, &d, DB_NEXT | DB_RMW)) == 0) {
		if (d.size == 8 && norm_get_u64(d.data) < limit) {
			c->del(c, 0);
			n++;
		}
		free(k.data);
		free(d.data);
		if (n >= 10000)
			break;
	}
	c->close(c);
	if (ret != 0 && ret != DB_NOTFOUND) {
		t->abort(t);
		return;
	}
	t->commit(t, DB_TXN_NOSYNC);
}

int
tx_meta_put(struct tx *x, const char *key, const char *value)
{
	DBT	 k, d;

	dbt_init(&k, key, strlen(key));
	dbt_init(&d, value, strlen(value));
	return (st_map(x->st->meta->put(x->st->meta, x->t, &k, &d, 0)));
}

char *
store_meta_get(struct store *st, const char *key)
{
	DBT	 k, d;
	char	*s;

	dbt_init(&k, key, strlen(key));
	dbt_malloc(&d);
	if (st->meta->get(st->meta, NULL, &k, &d, 0) != 0)
		return (NULL);
	s = xstrndup(d.data, d.size);
	free(d.data);
	return (s);
}

/* Run a read in its own short read-committed transaction, retried. */
#define READ_RETRY(st, t, body) do {					\
	int	 _try;							\
	for (_try = 0; _try < STORE_RETRIES; _try++) {			\
		if ((ret = (st)->env->txn_begin((st)->env, NULL, &(t),	\
		    DB_READ_COMMITTED)) != 0)				\
			break;						\
		body;							\
		if (st_map(ret) == ST_DEADLOCK) {			\
			(t)->abort(t);					\
			continue;					\
		}							\
		(t)->commit((t), 0);					\
		break;							\
	}								\
} while (0)

int
store_get(struct store *st, const struct entity_def *e, uint64_t id,
    struct record **out)
{
	DB_TXN	*t;
	int	 ret = 0, rc = ST_ERR;

	READ_RETRY(st, t, {
		rc = get_rec(store_ent(st, e)->pri, t, e, id, 0, out);
		ret = rc == ST_DEADLOCK ? DB_LOCK_DEADLOCK : 0;
	});
	return (rc);
}

int
store_lookup(struct store *st, const struct entity_def *e, int pos,
    const struct value *v, struct record **out)
{
	struct sidx	*xi;
	struct value	 code;
	DB_TXN		*t;
	uint64_t	 id = 0;
	int		 ret = 0, rc = ST_ERR, tries;

	if (pos == FX_ID)
		return (store_get(st, e, (uint64_t)v->i, out));
	if ((xi = store_idx(store_ent(st, e), pos, 0)) == NULL)
		return (ST_INVALID);
	/* The index and the record are two reads, each lock let go after
	 * it: a record renamed between them is looked up again (it is
	 * found under its new key no more). */
	for (tries = 0; tries < 3; tries++) {
		READ_RETRY(st, t, {
			rc = find_in(xi, t, v, &id, 0);
			if (rc == ST_OK)
				rc = get_rec(store_ent(st, e)->pri, t, e, id, 0,
				    out);
			ret = rc == ST_DEADLOCK ? DB_LOCK_DEADLOCK : 0;
		});
		if (rc != ST_OK || rec_keyed(xi, v, *out))
			break;
		record_free(*out);
		*out = NULL;
		rc = ST_NOTFOUND;
	}
	/* A code is also named by its number alone: "3" is C-000003. */
	if (rc == ST_NOTFOUND && pos == FX_CODE && v->s != NULL &&
	    (code.s = norm_code(e, v->s)) != NULL) {
		code.set = 1;
		if (strcmp(code.s, v->s) != 0)
			rc = store_lookup(st, e, pos, &code, out);
		free(code.s);
	}
	return (rc);
}

static void
rows_add(struct record ***rows, size_t *n, struct record *r)
{
	/* The array is only ever grown here, from empty: its room is the
	 * power of two at or above *n, doubled when *n reaches it. */
	if ((*n & (*n - 1)) == 0)
		*rows = xreallocarray(*rows, *n == 0 ? 1 : *n * 2,
		    sizeof **rows);
	(*rows)[(*n)++] = r;
}

static void
rows_free(struct record **rows, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		record_free(rows[i]);
	free(rows);
}

/* One page of a cursor walk; returns a DB error code. */
static int
scan_page(DBC *c, int secondary, const struct entity_def *e,
    const unsigned char *fkey, size_t fklen, uint64_t from_id, int dir,
    size_t limit, struct record ***rows, size_t *n)
{
	DBT		 k, pk, d;
	unsigned char	 idkey[8];
	u_int32_t	 op;
	struct record	*r;
	char		*cause = NULL;
	int		 ret, skip_eq = 0;

	memset(&k, 0, sizeof k);
	memset(&pk, 0, sizeof pk);
	memset(&d, 0, sizeof d);
	k.flags = pk.flags = d.flags = DB_DBT_REALLOC;
	if (fkey == NULL) {
		op = dir > 0 ? DB_FIRST : DB_LAST;
	} else if (from_id != 0 && secondary) {
		k.data = xmemdup(fkey, fklen);
		k.size = (u_int32_t)fklen;
		norm_u64(from_id, idkey);
		pk.data = xmemdup(idkey, 8);
		pk.size = 8;
		op = DB_GET_BOTH_RANGE;
		skip_eq = 1;
	} else {
		k.data = xmemdup(fkey, fklen);
		k.size = (u_int32_t)fklen;
		op = DB_SET_RANGE;
		skip_eq = from_id != 0;
	}
	if (secondary)
		ret = c->pget(c, &k, &pk, &d, op);
	else
		ret = c->get(c, &k, &d, op);
	if (ret == DB_NOTFOUND && op == DB_GET_BOTH_RANGE) {
		/* The key has no duplicates past from_id: next key. */
		k.size = (u_int32_t)fklen;
		memcpy(k.data, fkey, fklen);
		ret = c->pget(c, &k, &pk, &d, DB_SET_RANGE);
		if (ret == 0 && k.size == fklen &&
		    memcmp(k.data, fkey, fklen) == 0)
			ret = c->pget(c, &k, &pk, &d, DB_NEXT_NODUP);
		skip_eq = 0;
		if (dir < 0 && ret == 0) {
			/* Backward: everything of this key is before. */
			ret = c->pget(c, &k, &pk, &d, DB_PREV);
		} else if (dir < 0 && ret == DB_NOTFOUND) {
			/* No key after it: backward from the last. */
			ret = c->pget(c, &k, &pk, &d, DB_LAST);
		}
	} else if (ret == DB_NOTFOUND && dir < 0 && fkey != NULL) {
		ret = secondary ? c->pget(c, &k, &pk, &d, DB_LAST) :
		    c->get(c, &k, &d, DB_LAST);
		skip_eq = 0;
	} else if (ret == 0 && dir < 0 && fkey != NULL && !skip_eq) {
		/* At the first key >= from: backward starts before it. */
		ret = secondary ? c->pget(c, &k, &pk, &d, DB_PREV) :
		    c->get(c, &k, &d, DB_PREV);
	}
	while (ret == 0 && *n < limit) {
		const unsigned char *pkp = secondary ? pk.data : k.data;

		if (skip_eq) {
			skip_eq = 0;
			if ((secondary ? pk.size : k.size) == 8 &&
			    norm_get_u64(pkp) == from_id)
				goto next;
		}
		if (codec_decode(e, d.data, d.size, &r, &cause) == 0)
			rows_add(rows, n, r);
		else {
			log_warnx("scan %s: %s", e->name, cause);
			free(cause);
			cause = NULL;
		}
next:
		op = dir > 0 ? DB_NEXT : DB_PREV;
		ret = secondary ? c->pget(c, &k, &pk, &d, op) :
		    c->get(c, &k, &d, op);
	}
	free(k.data);
	free(pk.data);
	free(d.data);
	return (ret == DB_NOTFOUND ? 0 : ret);
}

int
store_scan(struct store *st, const struct entity_def *e, int pos,
    const struct value *from, uint64_t from_id, int dir, size_t limit,
    struct record ***rows, size_t *nrows)
{
	struct ent_h	*eh = store_ent(st, e);
	struct sidx	*xi = NULL;
	unsigned char	*fkey = NULL, idkey[8];
	size_t		 fklen = 0;
	DB_TXN		*t;
	DBC		*c;
	DB		*db;
	int		 ret = 0;

	*rows = NULL;
	*nrows = 0;
	if (pos >= 0 && pos != FX_ID) {
		if ((xi = store_idx(eh, pos, 0)) == NULL)
			return (ST_INVALID);
		db = xi->db;
		if (from != NULL && from->set)
			fkey = norm_key(&e->fields[pos], from, &fklen);
	} else {
		db = eh->pri;
		if (from_id != 0 || (from != NULL && from->set)) {
			norm_u64(from_id != 0 ? from_id : (uint64_t)from->i,
			    idkey);
			fkey = xmemdup(idkey, 8);
			fklen = 8;
		}
	}
	READ_RETRY(st, t, {
		rows_free(*rows, *nrows);
		*rows = NULL;
		*nrows = 0;
		if ((ret = db->cursor(db, t, &c, DB_READ_COMMITTED)) == 0) {
			ret = scan_page(c, xi != NULL, e, fkey, fklen,
			    from_id, dir, limit, rows, nrows);
			c->close(c);
		}
	});
	free(fkey);
	if (ret != 0) {
		rows_free(*rows, *nrows);
		*rows = NULL;
		*nrows = 0;
		return (st_map(ret));
	}
	return (ST_OK);
}

/*
 * The prefixes a search looks for: the query as the index's keys fold
 * text (a word index: as words, cut to a key's length, *capped when it
 * was, and the rows are checked against the whole query); for a phone
 * typed as 8 (913)... also 7913..., the way the index keeps a Russian
 * number (the query may as well be the last digits of a number,
 * "...8913", so both); for a code, also the code a number alone means
 * ("3": C-000003).  At most SEARCH_PREFIXES, malloc'd.
 */
#define SEARCH_PREFIXES	2
static size_t
search_prefixes(const struct entity_def *e, int pos, int words,
    const char *q, char **out, int *capped)
{
	const struct field_def	*f = &e->fields[pos];
	char			*c;
	size_t			 n = 0;

	*capped = 0;
	if (words && !(f->flags & FF_DIGITS))
		out[n++] = norm_word_prefix(q, capped);
	else if (f->flags & FF_UPPER)
		out[n++] = norm_code_fold(q);
	else if (f->flags & FF_FIRM)
		out[n++] = norm_firm_key(q);
	else
		out[n++] = norm_fold(q, (f->flags & FF_DIGITS) != 0);
	if ((f->flags & FF_DIGITS) && f->check == FC_PHONE &&
	    q[strspn(q, " ")] == '8' && out[0][0] == '8' && out[0][1] != '\0') {
		out[n] = xstrdup(out[0]);
		out[n++][0] = '7';
	}
	if (pos == FX_CODE && (f->flags & FF_UPPER) &&
	    (c = norm_code(e, q)) != NULL) {
		out[n++] = norm_code_fold(c);
		free(c);
	}
	return (n);
}

/* One index's cursor in a prefix search: its current entry, and whether
 * that entry still has the prefix. */
struct scan {
	DBC		*c;
	DBT		 k, pk, d;
	int		 ret, live;
};

static void
scan_step(struct scan *sc, const char *p, size_t plen, u_int32_t how)
{
	if (how == DB_SET_RANGE) {
		sc->k.data = xreallocarray(sc->k.data, plen + 1, 1);
		memcpy(sc->k.data, p, plen);
		sc->k.size = (u_int32_t)plen;
	}
	sc->ret = sc->c->pget(sc->c, &sc->k, &sc->pk, &sc->d, how);
	sc->live = sc->ret == 0 && sc->k.size >= plen &&
	    memcmp(sc->k.data, p, plen) == 0;
	if (sc->ret == DB_NOTFOUND)
		sc->ret = 0;
}

/* Which of two live entries a single index would have given first: the
 * smaller key, then (duplicates sorted) the smaller primary key. */
static int
scan_first(const struct scan *a, const struct scan *b)
{
	size_t	 n = a->k.size < b->k.size ? a->k.size : b->k.size;
	int	 c;

	if ((c = memcmp(a->k.data, b->k.data, n)) != 0)
		return (c < 0);
	if (a->k.size != b->k.size)
		return (a->k.size < b->k.size);
	n = a->pk.size < b->pk.size ? a->pk.size : b->pk.size;
	c = memcmp(a->pk.data, b->pk.data, n);
	return (c < 0 || (c == 0 && a->pk.size <= b->pk.size));
}

int
store_search(struct store *st, const struct entity_def *e, int pos,
    int words, const char *prefix, size_t limit, struct record ***rows,
    size_t *nrows)
{
	struct sidx	*xi[2];
	struct scan	 sc[2], *s;
	char		*p[SEARCH_PREFIXES];
	uint64_t	*seen = NULL, id;
	size_t		 nseen = 0, np, plen, nx, i, j, q;
	DB_TXN		*t;
	struct record	*r;
	char		*cause = NULL;
	int		 ret = 0, capped;

	*rows = NULL;
	*nrows = 0;
	if ((xi[0] = store_idx(store_ent(st, e), pos, words)) == NULL)
		return (ST_INVALID);
	/* A phone's search keys are its tails; the whole number is in the
	 * plain index: both are read, merged in key order.  So is a firm's
	 * name's: the first word of its sort key begins its plain key. */
	nx = 1;
	if (words && ((e->fields[pos].flags & FF_DIGITS) ||
	    norm_firm_words_of(&e->fields[pos])) &&
	    (xi[1] = store_idx(store_ent(st, e), pos, 0)) != NULL)
		nx = 2;
	np = search_prefixes(e, pos, words, prefix, p, &capped);
	memset(sc, 0, sizeof sc);
	READ_RETRY(st, t, {
		rows_free(*rows, *nrows);
		*rows = NULL;
		*nrows = 0;
		nseen = 0;
		for (q = 0; q < nx; q++) {
			memset(&sc[q], 0, sizeof sc[q]);
			sc[q].k.flags = sc[q].pk.flags = sc[q].d.flags =
			    DB_DBT_REALLOC;
			if ((ret = xi[q]->db->cursor(xi[q]->db, t, &sc[q].c,
			    DB_READ_COMMITTED)) != 0)
				break;
		}
		for (j = 0; j < np && ret == 0; j++) {
			plen = strlen(p[j]);
			/* Nothing to look for finds nothing, not everything. */
			if (plen == 0)
				continue;
			for (q = 0; q < nx && ret == 0; q++) {
				scan_step(&sc[q], p[j], plen, DB_SET_RANGE);
				ret = sc[q].ret;
			}
			while (ret == 0 && *nrows < limit) {
				if (nx == 2 && sc[0].live && sc[1].live)
					s = scan_first(&sc[0], &sc[1]) ?
					    &sc[0] : &sc[1];
				else if (sc[0].live)
					s = &sc[0];
				else if (nx == 2 && sc[1].live)
					s = &sc[1];
				else
					break;
				id = norm_get_u64(s->pk.data);
				for (i = 0; i < nseen; i++)
					if (seen[i] == id)
						break;
				if (i == nseen) {
					seen = xreallocarray(seen, nseen + 1,
					    sizeof *seen);
					seen[nseen++] = id;
					if (codec_decode(e, s->d.data,
					    s->d.size, &r, &cause) != 0) {
						free(cause);
						cause = NULL;
					} else if (capped && (record_str(r,
					    pos) == NULL || !norm_words_match(
					    record_str(r, pos), prefix)))
						record_free(r);
					else
						rows_add(rows, nrows, r);
				}
				scan_step(s, p[j], plen, DB_NEXT);
				ret = s->ret;
			}
		}
		for (q = 0; q < nx; q++) {
			free(sc[q].k.data);
			free(sc[q].pk.data);
			free(sc[q].d.data);
			if (sc[q].c != NULL)
				sc[q].c->close(sc[q].c);
			memset(&sc[q], 0, sizeof sc[q]);
		}
	});
	free(seen);
	for (j = 0; j < np; j++)
		free(p[j]);
	if (ret != 0) {
		rows_free(*rows, *nrows);
		*rows = NULL;
		*nrows = 0;
		return (st_map(ret));
	}
	return (ST_OK);
}

uint64_t
store_count(struct store *st, const struct entity_def *e)
{
	struct ent_h	*eh = store_ent(st, e);
	DB_BTREE_STAT	*s;
	uint64_t	 n;

	/* A walk of the tree's pages: only a recno tree keeps a count. */
	if (eh->pri->stat(eh->pri, NULL, &s, DB_READ_COMMITTED) != 0)
		return (0);
	n = s->bt_nkeys;
	free(s);
	return (n);
}

int
store_each(struct store *st, const struct entity_def *e,
    int (*fn)(const struct record *, void *), void *arg)
{
	struct record	**rows;
	uint64_t	 last = 0;
	size_t		 n, i;
	int		 rc, stop = 0;

	do {
		if ((rc = store_scan(st, e, -1, NULL, last, 1, 1000, &rows,
		    &n)) != ST_OK)
			return (rc);
		for (i = 0; i < n; i++) {
			if (!stop)
				stop = fn(rows[i], arg);
			last = record_id(rows[i]);
			record_free(rows[i]);
		}
		free(rows);
	} while (n == 1000 && !stop);
	return (ST_OK);
}

/* --- pages of stored records, for exports ------------------------------ */

/* One bulk get of the records after id `after` into pg; a DB error. */
static int
page_fill(DBC *c, uint64_t after, struct store_page *pg)
{
	DBT		 k, d;
	unsigned char	 idkey[8];
	int		 ret;

	for (;;) {
		norm_u64(after + 1, idkey);
		memset(&k, 0, sizeof k);
		memset(&d, 0, sizeof d);
		k.data = idkey;
		k.size = k.ulen = sizeof idkey;
		k.flags = DB_DBT_USERMEM;
		d.data = pg->buf;
		d.ulen = (u_int32_t)pg->cap;
		d.flags = DB_DBT_USERMEM;
		ret = c->get(c, &k, &d, DB_SET_RANGE | DB_MULTIPLE_KEY);
		if (ret != DB_BUFFER_SMALL)
			break;
		/* A record bigger than the buffer: room for it. */
		free(pg->buf);
		pg->cap = ((size_t)d.size + 1023) & ~(size_t)1023;
		pg->buf = xmalloc(pg->cap);
	}
	if (ret == 0)
		pg->len = pg->cap;
	return (ret == DB_NOTFOUND ? 0 : ret);
}

int
store_page_read(struct store *st, const struct entity_def *e, uint64_t after,
    size_t bytes, struct store_page *pg)
{
	DB		*db = store_ent(st, e)->pri;
	DB_TXN		*t;
	DBC		*c;
	u_int32_t	 psize = 0;
	int		 ret = 0;

	pg->len = 0;
	pg->ptr = NULL;
	if (after == UINT64_MAX)
		return (ST_OK);
	/* The library wants a bulk buffer of whole kilobytes, and at least
	 * a page of the database. */
	if (db->get_pagesize(db, &psize) == 0 && bytes < psize)
		bytes = psize;
	bytes = (bytes + 1023) & ~(size_t)1023;
	if (pg->cap < bytes) {
		free(pg->buf);
		pg->buf = xmalloc(bytes);
		pg->cap = bytes;
	}
	READ_RETRY(st, t, {
		pg->len = 0;
		if ((ret = db->cursor(db, t, &c, DB_READ_COMMITTED)) == 0) {
			ret = page_fill(c, after, pg);
			c->close(c);
		}
	});
	if (ret != 0) {
		pg->len = 0;
		return (st_map(ret));
	}
	return (ST_OK);
}

int
store_page_next(struct store_page *pg, uint64_t *id, const void **data,
    size_t *len)
{
	DBT		 d;
	void		*kp, *dp;
	u_int32_t	 klen, dlen;

	if (pg->len == 0)
		return (0);
	memset(&d, 0, sizeof d);
	d.data = pg->buf;
	d.ulen = (u_int32_t)pg->cap;
	if (pg->ptr == NULL)
		DB_MULTIPLE_INIT(pg->ptr, &d);
	for (;;) {
		DB_MULTIPLE_KEY_NEXT(pg->ptr, &d, kp, klen, dp, dlen);
		if (pg->ptr == NULL) {
			pg->len = 0;
			return (0);
		}
		/* Every key of a primary is an id; anything else is no
		 * record of it. */
		if (klen == 8)
			break;
	}
	*id = norm_get_u64(kp);
	*data = dp;
	*len = dlen;
	return (1);
}

void
store_page_free(struct store_page *pg)
{
	free(pg->buf);
	memset(pg, 0, sizeof *pg);
}

/* --- blobs ----------------------------------------------------------- */

int
tx_blob_put(struct tx *x, const unsigned char *key, const void *p,
    size_t len)
{
	DBT	 k, d;

	dbt_init(&k, key, STORE_BLOB_KEY);
	dbt_init(&d, p, len);
	return (st_map(x->st->blobs->put(x->st->blobs, x->t, &k, &d, 0)));
}

/* A blob's length without reading it: a buffer of none is too small,
 * and the library says how big it should be. */
static int
blob_size(DB *db, DB_TXN *t, const unsigned char *key, u_int32_t flags,
    uint64_t *size)
{
	DBT	 k, d;
	char	 none;
	int	 ret;

	dbt_init(&k, key, STORE_BLOB_KEY);
	memset(&d, 0, sizeof d);
	d.data = &none;
	d.ulen = 0;
	d.flags = DB_DBT_USERMEM;
	ret = db->get(db, t, &k, &d, flags);
	if (ret == 0 || ret == DB_BUFFER_SMALL) {
		*size = d.size;
		return (ST_OK);
	}
	return (st_map(ret));
}

int
tx_blob_size(struct tx *x, const unsigned char *key, int rmw,
    uint64_t *size)
{
	return (blob_size(x->st->blobs, x->t, key, rmw ? DB_RMW : 0, size));
}

int
store_blob_size(struct store *st, const unsigned char *key, uint64_t *size)
{
	DB_TXN	*t;
	int	 ret = 0, rc = ST_ERR;

	READ_RETRY(st, t, {
		rc = blob_size(st->blobs, t, key, 0, size);
		ret = rc == ST_DEADLOCK ? DB_LOCK_DEADLOCK : 0;
	});
	return (rc);
}

int
store_blob_read(struct store *st, const unsigned char *key, uint64_t off,
    void *buf, size_t len, size_t *got)
{
	DB_TXN	*t;
	DBT	 k, d;
	int	 ret = 0, rc = ST_ERR;

	*got = 0;
	if (off > UINT32_MAX || len > UINT32_MAX)
		return (ST_INVALID);
	READ_RETRY(st, t, {
		dbt_init(&k, key, STORE_BLOB_KEY);
		memset(&d, 0, sizeof d);
		d.data = buf;
		d.ulen = (u_int32_t)len;
		d.doff = (u_int32_t)off;
		d.dlen = (u_int32_t)len;
		d.flags = DB_DBT_USERMEM | DB_DBT_PARTIAL;
		ret = st->blobs->get(st->blobs, t, &k, &d, 0);
		rc = st_map(ret);
		if (ret == 0)
			*got = d.size;
	});
	return (rc);
}

#define BLOB_PAGE_KEYS	1000

int
store_blob_each(struct store *st, int (*fn)(const unsigned char *, void *),
    void *arg)
{
	unsigned char	*keys, last[STORE_BLOB_KEY];
	DB_TXN		*t;
	DBC		*c;
	DBT		 k, d;
	size_t		 n, i;
	int		 ret = 0, rc = ST_OK, have = 0, stop = 0;

	keys = xcalloc(BLOB_PAGE_KEYS, STORE_BLOB_KEY);
	do {
		n = 0;
		READ_RETRY(st, t, {
			n = 0;
			if ((ret = st->blobs->cursor(st->blobs, t, &c,
			    0)) == 0) {
				memset(&k, 0, sizeof k);
				memset(&d, 0, sizeof d);
				k.flags = DB_DBT_REALLOC;
				/* The keys alone: no blob is read. */
				d.flags = DB_DBT_PARTIAL | DB_DBT_REALLOC;
				if (have) {
					k.data = xmalloc(STORE_BLOB_KEY);
					memcpy(k.data, last, STORE_BLOB_KEY);
					k.size = STORE_BLOB_KEY;
					ret = c->get(c, &k, &d, DB_SET_RANGE);
					/* The last of the page before. */
					if (ret == 0 && k.size ==
					    STORE_BLOB_KEY && memcmp(k.data,
					    last, STORE_BLOB_KEY) == 0)
						ret = c->get(c, &k, &d,
						    DB_NEXT);
				} else
					ret = c->get(c, &k, &d, DB_FIRST);
				while (ret == 0) {
					if (k.size == STORE_BLOB_KEY)
						memcpy(keys + n *
						    STORE_BLOB_KEY, k.data,
						    STORE_BLOB_KEY);
					if (k.size == STORE_BLOB_KEY &&
					    ++n == BLOB_PAGE_KEYS)
						break;
					ret = c->get(c, &k, &d, DB_NEXT);
				}
				if (ret == DB_NOTFOUND)
					ret = 0;
				free(k.data);
				free(d.data);
				c->close(c);
			}
			rc = st_map(ret);
		});
		if (rc != ST_OK)
			break;
		for (i = 0; i < n && !stop; i++)
			stop = fn(keys + i * STORE_BLOB_KEY, arg);
		if (n > 0) {
			memcpy(last, keys + (n - 1) * STORE_BLOB_KEY,
			    STORE_BLOB_KEY);
			have = 1;
		}
	} while (n == BLOB_PAGE_KEYS && !stop);
	free(keys);
	return (rc);
}

int
store_audit_walk(struct store *st, uint64_t from,
    int (*fn)(const struct audit_entry *, void *), void *arg, char **cause)
{
	unsigned char		 key[8];
	DB_TXN			*t;
	DBC			*c;
	DBT			 k, d;
	uint64_t		 next = from;
	int			 ret, n, stop = 0, rc = 0;

	/* In batches, each in a short transaction: no lock is held while
	 * fn runs for long or writes to a client. */
	while (!stop) {
		struct audit_entry	*batch = NULL;
		int			 nb = 0, i;

		if ((ret = st->env->txn_begin(st->env, NULL, &t,
		    DB_READ_COMMITTED)) != 0)
			goto dberr;
		if ((ret = st->audit->cursor(st->audit, t, &c, 0)) != 0) {
			t->abort(t);
			goto dberr;
		}
		norm_u64(next, key);
		memset(&k, 0, sizeof k);
		memset(&d, 0, sizeof d);
		k.flags = d.flags = DB_DBT_REALLOC;
		k.data = xmemdup(key, 8);
		k.size = 8;
		ret = c->get(c, &k, &d, DB_SET_RANGE);
		for (n = 0; ret == 0 && n < 1000; n++) {
			batch = xreallocarray(batch, (size_t)nb + 1,
			    sizeof *batch);
			if (audit_decode(d.data, d.size, &batch[nb],
			    cause) != 0) {
				rc = -1;
				stop = 1;
				break;
			}
			nb++;
			ret = c->get(c, &k, &d, DB_NEXT);
		}
		free(k.data);
		free(d.data);
		c->close(c);
		if (ret == DB_LOCK_DEADLOCK) {
			t->abort(t);
			for (i = 0; i < nb; i++)
				audit_entry_clear(&batch[i]);
			free(batch);
			continue;
		}
		t->commit(t, 0);
		if (ret == DB_NOTFOUND || nb == 0)
			stop = 1;
		for (i = 0; i < nb; i++) {
			if (rc == 0 && fn(&batch[i], arg) != 0)
				stop = 1, rc = 1;
			next = batch[i].seq + 1;
			audit_entry_clear(&batch[i]);
		}
		free(batch);
		if (rc == 1)
			rc = 0, stop = 1;
	}
	return (rc);
dberr:
	xasprintf(cause, _("cannot read the audit journal: %s"),
	    db_strerror(ret));
	return (-1);
}

/*
 * Backup files are written through the directory opened and checked by
 * store_backup, never through its path: Berkeley DB hands each file to
 * these callbacks, which create it there afresh, refusing a name that
 * is already taken (a planted link among them).  The directory belongs
 * to the thread that runs the backup.
 */
static _Thread_local int backup_dirfd = -1;

static int
backup_file_open(DB_ENV *env, const char *name, const char *target,
    void **handle)
{
	int	*fd;

	fd = xmalloc(sizeof *fd);
	if ((*fd = openat(backup_dirfd, name, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0600)) < 0) {
		free(fd);
		return (errno);
	}
	*handle = fd;
	return (0);
}

static int
backup_file_write(DB_ENV *env, u_int32_t gbytes, u_int32_t bytes,
    u_int32_t size, u_int8_t *buf, void *handle)
{
	off_t	 off = ((off_t)gbytes << 30) + bytes;	/* GiB, bytes */
	ssize_t	 n;

	while (size > 0) {
		if ((n = pwrite(*(int *)handle, buf, size, off)) < 0) {
			if (errno == EINTR)
				continue;
			return (errno);
		}
		buf += n;
		size -= (u_int32_t)n;
		off += n;
	}
	return (0);
}

static int
backup_file_close(DB_ENV *env, const char *name, void *handle)
{
	int	 ret = 0;

	if (handle == NULL)
		return (0);
	if (fsync(*(int *)handle) != 0)
		ret = errno;
	if (close(*(int *)handle) != 0 && ret == 0)
		ret = errno;
	free(handle);
	return (ret);
}

/* A small file of the backup, made afresh in the directory. */
static int
backup_note(int dfd, const char *name, const char *text)
{
	size_t	 len = strlen(text);
	int	 fd, e = 0;

	if ((fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) < 0)
		return (-1);
	if (write(fd, text, len) != (ssize_t)len || fsync(fd) != 0)
		e = errno != 0 ? errno : EIO;
	if (close(fd) != 0 && e == 0)
		e = errno;
	errno = e;
	return (e == 0 ? 0 : -1);
}

/* Whether an entry of the directory dfd is a directory itself. */
static int
backup_entry_dir(int dfd, const struct dirent *de)
{
	struct stat	 sb;

	if (de->d_type != DT_UNKNOWN)
		return (de->d_type == DT_DIR);
	return (fstatat(dfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISDIR(sb.st_mode));
}

/* A listing of the directory dfd from its start (a dup shares the
 * offset), or NULL. */
static DIR *
backup_dir_list(int dfd)
{
	DIR	*d;
	int	 fd;

	if ((fd = dup(dfd)) < 0)
		return (NULL);
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return (NULL);
	}
	rewinddir(d);
	return (d);
}

/*
 * What dir holds: nothing; a finished backup (its marker); one that was
 * cut short (the marker of a backup under way, or no marker and nothing
 * but database and log files, as earlier versions left); anything else.
 * *req is the request that began the one cut short, when it says so.
 */
enum backup_dir { BD_EMPTY, BD_BACKUP, BD_INTERRUPTED, BD_OTHER };

static enum backup_dir
backup_dir_state(int dfd, char *req, size_t reqlen)
{
	DIR		*d;
	struct dirent	*de;
	ssize_t		 n;
	size_t		 len;
	int		 fd, marked = 0, partial = 0, data = 0, other = 0;

	*req = '\0';
	if ((d = backup_dir_list(dfd)) == NULL)
		return (BD_OTHER);
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (strcmp(de->d_name, STORE_BACKUP_MARKER) == 0)
			marked = 1;
		else if (strcmp(de->d_name, STORE_BACKUP_PARTIAL) == 0)
			partial = 1;
		else if (de->d_type != DT_LNK && !backup_entry_dir(dfd, de) &&
		    (strncmp(de->d_name, "log.", 4) == 0 ||
		    (len > 3 && strcmp(de->d_name + len - 3, ".db") == 0)))
			data = 1;
		else
			other = 1;
	}
	closedir(d);
	if (partial && (fd = openat(dfd, STORE_BACKUP_PARTIAL, O_RDONLY |
	    O_NOFOLLOW | O_CLOEXEC)) >= 0) {
		if ((n = read(fd, req, reqlen - 1)) > 0)
			req[n] = '\0';
		req[strcspn(req, "\n")] = '\0';
		close(fd);
	}
	if (partial)
		return (BD_INTERRUPTED);
	if (marked)
		return (BD_BACKUP);
	if (other)
		return (BD_OTHER);
	return (data ? BD_INTERRUPTED : BD_EMPTY);
}

/* Remove the files of an earlier backup (never a directory in it). */
static int
backup_dir_clear(int dfd)
{
	DIR		*d;
	struct dirent	*de;
	int		 rc = 0;

	if ((d = backup_dir_list(dfd)) == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL)
		if (!backup_entry_dir(dfd, de) &&
		    unlinkat(dfd, de->d_name, 0) != 0 && errno != ENOENT)
			rc = -1;
	closedir(d);
	return (rc);
}

const char *const store_backup_home_files[][2] = {
	{ "kontor.serve", "kontor.serve" },
	{ "templates/contract.txt", "templates-contract.txt" },
	{ NULL, NULL }
};

/* Copy the home's file path (if it is there, and no link) into dfd as
 * name, created afresh; -1 and errno when it fails. */
static int
backup_home_file(const char *home, const char *path, int dfd,
    const char *name)
{
	char	 buf[65536], *from;
	ssize_t	 n;
	int	 in, out, e = 0;

	xasprintf(&from, "%s/%s", home, path);
	in = open(from, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(from);
	if (in < 0)
		return (errno == ENOENT ? 0 : -1);
	if ((out = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0600)) < 0) {
		e = errno;
		close(in);
		errno = e;
		return (-1);
	}
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n) {
			e = errno != 0 ? errno : EIO;
			break;
		}
	if (n < 0 && e == 0)
		e = errno;
	if (e == 0 && fsync(out) != 0)
		e = errno;
	close(in);
	if (close(out) != 0 && e == 0)
		e = errno;
	errno = e;
	return (e == 0 ? 0 : -1);
}

int
store_backup(struct store *st, const char *dir, int force, const char *req,
    char **cause)
{
	struct stat	 sb;
	unsigned char	 hash[AUDIT_HASH_LEN];
	char		 hex[2 * AUDIT_HASH_LEN + 1];
	char		**list = NULL, *text, was[128];
	uint64_t	 seq;
	size_t		 i;
	int		 dfd, ret, rc = -1, headless;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		xasprintf(cause, _("cannot create %s: %s"),
		    dir, strerror(errno));
		return (-1);
	}
	/*
	 * Opened once, and not through a link in its last step; what follows
	 * works through this descriptor, so no one can swap the directory
	 * under the checks.  It must be the server's own and writable by
	 * no one else: whoever may write it could plant links or take the
	 * files.
	 */
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0) {
		if ((errno == ELOOP || errno == ENOTDIR) &&
		    lstat(dir, &sb) == 0 && S_ISLNK(sb.st_mode))
			xasprintf(cause, _("%s is a symbolic link: give the "
			    "backup a directory of its own"), dir);
		else if (errno == ELOOP || errno == ENOTDIR)
			xasprintf(cause, _("%s is not a directory: give the "
			    "backup a directory of its own"), dir);
		else
			xasprintf(cause, _("cannot open %s: %s"), dir,
			    strerror(errno));
		return (-1);
	}
	if (fstat(dfd, &sb) != 0) {
		xasprintf(cause, _("cannot open %s: %s"), dir, strerror(errno));
		goto out;
	}
	if (sb.st_uid != geteuid()) {
		xasprintf(cause, _("%s belongs to another user (uid %ld), not "
		    "to the server's (uid %ld): a backup goes only into a "
		    "directory of the server's user"), dir, (long)sb.st_uid,
		    (long)geteuid());
		goto out;
	}
	if (sb.st_mode & (S_IWGRP | S_IWOTH)) {
		xasprintf(cause, _("%s may be written by others (mode %04o): a "
		    "backup goes only into a directory that only the server's "
		    "user may write"), dir,
		    (unsigned)(sb.st_mode & 07777));
		goto out;
	}
	switch (backup_dir_state(dfd, was, sizeof was)) {
	case BD_EMPTY:
		break;
	case BD_OTHER:
		xasprintf(cause, _("%s is not empty and holds no kontor "
		    "backup: choose a new directory"), dir);
		goto out;
	case BD_INTERRUPTED:
		/* Sent again after a crash (the same request) it goes on;
		 * else only when told. */
		if (!force && (req == NULL || *req == '\0' ||
		    strcmp(was, req) != 0)) {
			xasprintf(cause, _("an earlier backup into %s was "
			    "interrupted (it has no %s marker): kontor backup "
			    "--force %s replaces it"), dir, STORE_BACKUP_MARKER,
			    dir);
			goto out;
		}
		/* FALLTHROUGH */
	case BD_BACKUP:
		/* A backup replaces an older backup, nothing else. */
		if (backup_dir_clear(dfd) != 0) {
			xasprintf(cause, _("cannot empty %s: %s"), dir,
			    strerror(errno));
			goto out;
		}
		break;
	}
	/* Until the marker is written, the directory says a backup is under
	 * way, and which request began it. */
	xasprintf(&text, "%s\n", req != NULL ? req : "");
	ret = backup_note(dfd, STORE_BACKUP_PARTIAL, text);
	free(text);
	if (ret != 0) {
		xasprintf(cause, _("backup into %s failed: %s"), dir,
		    strerror(errno));
		goto out;
	}
	/* Before the copy: the backup holds this entry at least. */
	headless = store_audit_head(st, &seq, hash) != 0;
	audit_hex(hash, hex);
	backup_dirfd = dfd;
	if ((ret = st->env->txn_checkpoint(st->env, 0, 0, DB_FORCE)) != 0 ||
	    (ret = st->env->set_backup_callbacks(st->env, backup_file_open,
	    backup_file_write, backup_file_close)) != 0 ||
	    (ret = st->env->backup(st->env, dir, 0)) != 0) {
		backup_dirfd = -1;
		xasprintf(cause, _("backup into %s failed: %s"), dir,
		    db_strerror(ret));
		goto out;
	}
	backup_dirfd = -1;
	/* The home's own files: a restored home serves clerks as before and
	 * prints its own contract. */
	for (i = 0; store_backup_home_files[i][0] != NULL; i++)
		if (backup_home_file(st->home, store_backup_home_files[i][0],
		    dfd, store_backup_home_files[i][1]) != 0) {
			xasprintf(cause, _("backup into %s failed: %s: %s"),
			    dir, store_backup_home_files[i][0],
			    strerror(errno));
			goto out;
		}
	/* The audit line, kept with the backup (or copied from it), proves
	 * later that the journal was at least this long. */
	xasprintf(&text, "kontor backup of %s\ntime %lld\nformat %s\n"
	    "audit %llu %s%s\n", st->home, (long long)time(NULL),
	    STORE_VERSION, (unsigned long long)seq, hex,
	    headless ? " (its head kept apart was lost)" : "");
	ret = backup_note(dfd, STORE_BACKUP_MARKER, text);
	free(text);
	if (ret != 0 || unlinkat(dfd, STORE_BACKUP_PARTIAL, 0) != 0 ||
	    fsync(dfd) != 0) {
		xasprintf(cause, _("backup into %s failed: %s"), dir,
		    strerror(errno));
		goto out;
	}
	log_info("backup into %s: the audit journal's head is entry %llu, %s",
	    dir, (unsigned long long)seq, hex);
	/* The logs copied into the backup and no longer needed for normal
	 * recovery may go: catastrophic recovery starts from this backup. */
	if (st->env->log_archive(st->env, &list, DB_ARCH_REMOVE) == 0)
		free(list);
	rc = 0;
out:
	close(dfd);
	return (rc);
}

/* --- kontor check: every record, every index entry, the audit chain --- */

/*
 * How many audit entries (create and update; an import's entry for each
 * record it created) each record has, by entity and id: a record at
 * revision r has r of them, unless it is derived
 * (ENT_DERIVED: stock balances and moves, written by postings, have
 * none of their own).  Open addressing; a key is never 0.
 */
struct revmap {
	uint64_t	*keys;
	uint32_t	*counts;
	size_t		 size;		/* a power of two, or 0 */
	size_t		 used;
};

static uint64_t
revmap_key(size_t ent, uint64_t id)
{
	return (((uint64_t)ent + 1) << 56 | (id & ((1ull << 56) - 1)));
}

static size_t
revmap_slot(const struct revmap *m, uint64_t key)
{
	size_t	 i = (size_t)((key * 0x9e3779b97f4a7c15ull) >> 20) &
	    (m->size - 1);

	while (m->keys[i] != 0 && m->keys[i] != key)
		i = (i + 1) & (m->size - 1);
	return (i);
}

static void
revmap_add(struct revmap *m, uint64_t key)
{
	struct revmap	 n;
	size_t		 i, j;

	if (m->used * 2 >= m->size) {
		n.size = m->size == 0 ? 1024 : m->size * 2;
		n.keys = xcalloc(n.size, sizeof *n.keys);
		n.counts = xcalloc(n.size, sizeof *n.counts);
		n.used = m->used;
		for (i = 0; i < m->size; i++) {
			if (m->keys[i] == 0)
				continue;
			j = revmap_slot(&n, m->keys[i]);
			n.keys[j] = m->keys[i];
			n.counts[j] = m->counts[i];
		}
		free(m->keys);
		free(m->counts);
		*m = n;
	}
	i = revmap_slot(m, key);
	if (m->keys[i] == 0) {
		m->keys[i] = key;
		m->used++;
	}
	m->counts[i]++;
}

static uint32_t
revmap_get(const struct revmap *m, uint64_t key)
{
	size_t	 i;

	if (m->size == 0)
		return (0);
	i = revmap_slot(m, key);
	return (m->keys[i] == key ? m->counts[i] : 0);
}

/* A record whose revision and audit entries disagreed when read. */
struct revcand {
	size_t		 ent;
	uint64_t	 id;
	uint32_t	 rev;
	char		*code;		/* when read again, or NULL */
};

struct verify_audit {
	struct store	*st;
	struct buf	*report;
	unsigned char	 prev[AUDIT_HASH_LEN];
	uint64_t	 expect;	/* the next seq */
	uint64_t	 head_seq;	/* the head kept apart */
	unsigned char	 head_hash[AUDIT_HASH_LEN];
	struct revmap	 revs;
	const char	*last_name;	/* entity name -> index, cached */
	ssize_t		 last_ent;
	struct revcand	*cands;
	size_t		 ncands;
	int		 bad;
};

static ssize_t
verify_ent_index(struct verify_audit *va, const char *name)
{
	size_t	 i;

	if (va->last_name != NULL && strcmp(va->last_name, name) == 0)
		return (va->last_ent);
	va->last_ent = -1;
	for (i = 0; i < va->st->nents; i++)
		if (strcmp(va->st->ents[i].ent->name, name) == 0) {
			va->last_ent = (ssize_t)i;
			break;
		}
	/* A name of the store's entity table: it lives as long as we. */
	va->last_name = va->last_ent >= 0 ?
	    va->st->ents[va->last_ent].ent->name : NULL;
	return (va->last_ent);
}

struct verify_created {
	struct verify_audit	*va;
	size_t			 ent;
};

static int
verify_created_fn(uint64_t id, void *arg)
{
	struct verify_created	*vc = arg;

	revmap_add(&vc->va->revs, revmap_key(vc->ent, id));
	return (0);
}

/*
 * Each entry: in sequence (a missing one is told and the walk goes on
 * past it), chained to the one before, the head's entry holds the head's
 * hash, and each create or update is counted for its record.
 */
static int
verify_audit_fn(const struct audit_entry *e, void *arg)
{
	struct verify_audit	*va = arg;
	ssize_t			 ent;

	if (e->seq != va->expect) {
		if (e->seq == va->expect + 1)
			buf_printf(va->report, _("audit: entry %llu is missing "
			    "(the journal goes from entry %llu to %llu)\n"),
			    (unsigned long long)va->expect,
			    (unsigned long long)va->expect - 1,
			    (unsigned long long)e->seq);
		else
			buf_printf(va->report, _("audit: entries %llu to %llu "
			    "are missing (the journal goes from entry %llu to "
			    "%llu)\n"), (unsigned long long)va->expect,
			    (unsigned long long)e->seq - 1,
			    (unsigned long long)va->expect - 1,
			    (unsigned long long)e->seq);
		va->bad++;	/* told; the chain is checked on from here */
	} else if (memcmp(e->prev, va->prev, AUDIT_HASH_LEN) != 0) {
		buf_printf(va->report, _("audit: entry %llu does not follow "
		    "entry %llu (chain broken)\n"), (unsigned long long)e->seq,
		    (unsigned long long)e->seq - 1);
		va->bad++;
	}
	if (e->seq == va->head_seq && memcmp(e->hash, va->head_hash,
	    AUDIT_HASH_LEN) != 0) {
		buf_printf(va->report, _("audit: entry %llu is not the one the "
		    "journal's head (kept apart) names: it was replaced\n"),
		    (unsigned long long)e->seq);
		va->bad++;
	}
	if (e->entity != NULL && e->action != NULL && e->id != 0 &&
	    (strcmp(e->action, "create") == 0 ||
	    strcmp(e->action, "update") == 0) &&
	    (ent = verify_ent_index(va, e->entity)) >= 0)
		revmap_add(&va->revs, revmap_key((size_t)ent, e->id));
	/* An import's entry stands for the creation of each record it
	 * names. */
	if (e->entity != NULL && e->action != NULL &&
	    strcmp(e->action, AUDIT_IMPORT) == 0 &&
	    (ent = verify_ent_index(va, e->entity)) >= 0) {
		struct verify_created	 vc = { va, (size_t)ent };

		audit_import_each(e, verify_created_fn, &vc);
	}
	memcpy(va->prev, e->hash, AUDIT_HASH_LEN);
	va->expect = e->seq + 1;
	return (0);
}

/* A record's revision against its audit entries: a candidate if they
 * differ (a write may have come between: looked at again later). */
static void
verify_revision(struct verify_audit *va, size_t ent, const struct record *r)
{
	struct revcand	*c;

	if (va == NULL || (va->st->ents[ent].ent->flags & ENT_DERIVED) ||
	    revmap_get(&va->revs, revmap_key(ent, record_id(r))) ==
	    record_rev(r))
		return;
	va->cands = xreallocarray(va->cands, va->ncands + 1,
	    sizeof *va->cands);
	c = &va->cands[va->ncands++];
	c->ent = ent;
	c->id = record_id(r);
	c->rev = record_rev(r);
	c->code = NULL;
}

#define VERIFY_REV_LINES	10	/* records named; then a count */

/*
 * The candidates again, after the journal's newer entries are counted:
 * a write between the walk and the record's pass made most of them.
 * What still disagrees after a few rounds is told.
 */
static void
verify_revisions(struct verify_audit *va)
{
	struct record	*r;
	struct revcand	*c;
	char		*cause = NULL;
	size_t		 i, n, told = 0;
	uint32_t	 have;
	int		 round;

	for (round = 0; round < 3 && va->ncands > 0; round++) {
		if (store_audit_walk(va->st, va->expect, verify_audit_fn, va,
		    &cause) != 0) {
			free(cause);
			cause = NULL;
			break;
		}
		for (i = n = 0; i < va->ncands; i++) {
			c = &va->cands[i];
			if (store_get(va->st, va->st->ents[c->ent].ent, c->id,
			    &r) != ST_OK) {
				free(c->code);
				continue;	/* deleted since */
			}
			c->rev = record_rev(r);
			free(c->code);
			c->code = record_str(r, FX_CODE) != NULL ?
			    xstrdup(record_str(r, FX_CODE)) : NULL;
			record_free(r);
			if (revmap_get(&va->revs, revmap_key(c->ent, c->id)) ==
			    c->rev) {
				free(c->code);
				continue;
			}
			va->cands[n++] = *c;
		}
		va->ncands = n;
	}
	for (i = 0; i < va->ncands; i++) {
		c = &va->cands[i];
		have = revmap_get(&va->revs, revmap_key(c->ent, c->id));
		va->bad++;
		if (told++ >= VERIFY_REV_LINES)
			continue;
		if (have < c->rev)
			buf_printf(va->report, P_("%s %llu%s%s%s: at revision "
			    "%u, but the audit journal has %u entry for it: %u "
			    "missing\n", "%s %llu%s%s%s: at revision %u, but "
			    "the audit journal has %u entries for it: %u "
			    "missing\n", have),
			    va->st->ents[c->ent].ent->name,
			    (unsigned long long)c->id, c->code ? " (" : "",
			    c->code ? c->code : "", c->code ? ")" : "", c->rev,
			    have, c->rev - have);
		else
			buf_printf(va->report, _("%s %llu%s%s%s: at revision "
			    "%u, but the audit journal has %u entries for "
			    "it\n"),
			    va->st->ents[c->ent].ent->name,
			    (unsigned long long)c->id, c->code ? " (" : "",
			    c->code ? c->code : "", c->code ? ")" : "", c->rev,
			    have);
	}
	for (i = 0; i < va->ncands; i++)
		free(va->cands[i].code);
	if (told > VERIFY_REV_LINES)
		buf_printf(va->report, P_("... and %zu more record whose "
		    "revisions and audit entries disagree\n", "... and %zu "
		    "more records whose revisions and audit entries "
		    "disagree\n", told - VERIFY_REV_LINES),
		    told - VERIFY_REV_LINES);
}

/* The keys a record has in index xi; arrays malloc'd, count returned. */
static size_t
index_keys(struct sidx *xi, const struct record *r, unsigned char ***keys,
    size_t **lens)
{
	const struct field_def	*f = &xi->ent->fields[xi->pos];
	char			**words;
	size_t			 n = 0, i;

	*keys = NULL;
	*lens = NULL;
	if (xi->words) {
		if (r->v[xi->pos].s == NULL)
			return (0);
		n = (f->flags & FF_DIGITS) ? norm_digit_keys(r->v[xi->pos].s,
		    &words) : norm_firm_words_of(f) ?
		    norm_firm_words(r->v[xi->pos].s, &words) :
		    norm_words(r->v[xi->pos].s, &words);
		*keys = (unsigned char **)words;
		*lens = xcalloc(n, sizeof **lens);
		for (i = 0; i < n; i++)
			(*lens)[i] = strlen(words[i]);
		return (n);
	}
	*keys = xcalloc(1, sizeof **keys);
	*lens = xcalloc(1, sizeof **lens);
	if (((*keys)[0] = norm_key(f, &r->v[xi->pos], &(*lens)[0])) == NULL)
		return (0);
	return (1);
}

/* Whether key (len) is one of the keys r has in index xi. */
static int
index_has_key(struct sidx *xi, const struct record *r, const void *key,
    size_t len)
{
	unsigned char	**keys;
	size_t		*lens, nk, w;
	int		 found = 0;

	nk = index_keys(xi, r, &keys, &lens);
	for (w = 0; w < nk; w++) {
		if (!found && lens[w] == len && memcmp(keys[w], key, len) == 0)
			found = 1;
		free(keys[w]);
	}
	free(keys);
	free(lens);
	return (found);
}

/* Where the log ends: it moves with every write (and checkpoint). */
static int
log_end(struct store *st, uint64_t *at)
{
	DB_LOG_STAT	*lg;

	if (st->env->log_stat(st->env, &lg, 0) != 0)
		return (-1);
	*at = ((uint64_t)lg->st_cur_file << 32) | lg->st_cur_offset;
	free(lg);
	return (0);
}

/* How many entries an index holds: walked in bulk, in key order. */
static int
index_count(struct sidx *xi, DB_TXN *t, uint64_t *n)
{
	DBC	*c;
	DBT	 k, d;
	void	*p;
	int	 ret;

	*n = 0;
	if ((ret = xi->raw->cursor(xi->raw, t, &c, 0)) != 0)
		return (ret);
	memset(&k, 0, sizeof k);
	memset(&d, 0, sizeof d);
	d.ulen = 256 * 1024;
	d.data = xmalloc(d.ulen);
	d.flags = DB_DBT_USERMEM;
	while ((ret = c->get(c, &k, &d, DB_NEXT | DB_MULTIPLE_KEY)) == 0) {
		void		*kp, *dp;
		u_int32_t	 kl, dl;

		DB_MULTIPLE_INIT(p, &d);
		for (;;) {
			DB_MULTIPLE_KEY_NEXT(p, &d, kp, kl, dp, dl);
			if (p == NULL)
				break;
			(void)kp;
			(void)kl;
			(void)dp;
			(void)dl;
			(*n)++;
		}
	}
	free(d.data);
	c->close(c);
	return (ret == DB_NOTFOUND ? 0 : ret);
}

/*
 * One pass over an entity: every record decodes and holds its id, every
 * indexed value is in its index, and every index entry belongs to a
 * record that has that value.  Each step reads one record with its index
 * entries as committed, so writers may go on meanwhile (counting the
 * records, then each index's entries, compared two different moments).
 * Returns the number of problems, or -1 and *dberr when the database
 * refused (a deadlock: the caller tries again).
 */
static int
verify_pass(struct store *st, struct ent_h *eh, struct verify_audit *va,
    struct buf *report, int *dberr)
{
	const struct entity_def	*e = eh->ent;
	DB_TXN			*t;
	DBC			*c, *sc, **ic = NULL;
	DBT			 k, d, sk, pk;
	struct record		*r;
	uint64_t		*want = NULL, have, lsn0 = 0, lsn1;
	char			*cause = NULL;
	size_t			 i;
	int			 ret, bad = 0, quiet;

	if ((ret = st->env->txn_begin(st->env, NULL, &t,
	    DB_READ_COMMITTED)) != 0) {
		*dberr = ret;
		return (-1);
	}
	quiet = log_end(st, &lsn0) == 0;
	/* One cursor per index for the pass, on its unassociated handle:
	 * a look-up there reads the index alone, not the record again. */
	ic = xcalloc(eh->nidx + 1, sizeof *ic);
	want = xcalloc(eh->nidx + 1, sizeof *want);
	for (i = 0; i < eh->nidx; i++)
		if ((ret = eh->idx[i].raw->cursor(eh->idx[i].raw, t, &ic[i],
		    0)) != 0)
			goto dberr;
	if ((ret = eh->pri->cursor(eh->pri, t, &c, 0)) != 0)
		goto dberr;
	memset(&k, 0, sizeof k);
	memset(&d, 0, sizeof d);
	k.flags = d.flags = DB_DBT_REALLOC;
	while ((ret = c->get(c, &k, &d, DB_NEXT)) == 0) {
		if (k.size != 8) {
			buf_printf(report, P_("%s: a key of %u byte\n",
			    "%s: a key of %u bytes\n", k.size), e->name,
			    k.size);
			bad++;
			continue;
		}
		if (codec_decode(e, d.data, d.size, &r, &cause) != 0) {
			buf_printf(report, "%s %llu: %s\n", e->name,
			    (unsigned long long)norm_get_u64(k.data), cause);
			free(cause);
			cause = NULL;
			bad++;
			continue;
		}
		if (record_id(r) != norm_get_u64(k.data)) {
			buf_printf(report, _("%s %llu: holds id %llu\n"),
			    e->name,
			    (unsigned long long)norm_get_u64(k.data),
			    (unsigned long long)record_id(r));
			bad++;
		}
		verify_revision(va, (size_t)(eh - st->ents), r);
		/* Every indexed value must be found in its index. */
		for (i = 0; i < eh->nidx && ret == 0; i++) {
			struct sidx	*xi = &eh->idx[i];
			unsigned char	**keys;
			size_t		*lens, nk, w;

			nk = index_keys(xi, r, &keys, &lens);
			want[i] += nk;
			for (w = 0; w < nk; w++) {
				dbt_init(&sk, keys[w], lens[w]);
				dbt_init(&pk, k.data, 8);
				sk.ulen = sk.size;
				pk.ulen = pk.size;
				sk.flags = pk.flags = DB_DBT_USERMEM;
				if (ret == 0)
					ret = ic[i]->get(ic[i], &sk, &pk,
					    DB_GET_BOTH);
				if (ret == DB_NOTFOUND) {
					buf_printf(report, _("%s %llu: missing "
					    "from index %s\n"), e->name,
					    (unsigned long long)record_id(r),
					    e->fields[xi->pos].name);
					bad++;
					ret = 0;
				}
				free(keys[w]);
			}
			free(keys);
			free(lens);
		}
		record_free(r);
		if (ret != 0)
			break;
	}
	c->close(c);
	free(k.data);
	free(d.data);
	if (ret != DB_NOTFOUND)
		goto dberr;
	/*
	 * And every index entry must be a value of the record it names.  The
	 * index is read through its unassociated handle: the associated one
	 * fetches the record itself and stops at an entry whose record is
	 * gone (DB_SECONDARY_BAD) without moving on.
	 *
	 * Each (key, record) pair is in an index at most once (sorted
	 * duplicates), and every pair the records have was found there
	 * above: when nothing was missing, the index holds as many entries
	 * as the records have keys, and nothing was written meanwhile (the
	 * log did not move), it holds those pairs and no other.  Counted in
	 * bulk, in key order; otherwise, entry by entry, each against its
	 * record, naming what is wrong.
	 */
	for (i = 0; i < eh->nidx; i++) {
		struct sidx	*xi = &eh->idx[i];
		const char	*iname = e->fields[xi->pos].name;
		uint64_t	 id;

		if (bad == 0 && quiet) {
			if ((ret = index_count(xi, t, &have)) != 0)
				goto dberr;
			if (have == want[i] && log_end(st, &lsn1) == 0 &&
			    lsn1 == lsn0)
				continue;
		}
		if ((ret = xi->raw->cursor(xi->raw, t, &sc, 0)) != 0)
			goto dberr;
		memset(&sk, 0, sizeof sk);
		memset(&pk, 0, sizeof pk);
		sk.flags = pk.flags = DB_DBT_REALLOC;
		while ((ret = sc->get(sc, &sk, &pk, DB_NEXT)) == 0) {
			if (pk.size != 8) {
				buf_printf(report, P_("%s: index %s%s has an "
				    "entry of %u byte\n", "%s: index %s%s has "
				    "an entry of %u bytes\n", pk.size),
				    e->name, iname, xi->words ? ".words" : "",
				    pk.size);
				bad++;
				continue;
			}
			id = norm_get_u64(pk.data);
			ret = get_rec(eh->pri, t, e, id, 0, &r);
			if (ret == ST_NOTFOUND) {
				buf_printf(report, _("%s %llu: index %s%s has "
				    "an entry for this missing record\n"),
				    e->name,
				    (unsigned long long)id, iname,
				    xi->words ? ".words" : "");
				bad++;
			} else if (ret == ST_DEADLOCK) {
				ret = DB_LOCK_DEADLOCK;
				break;
			} else if (ret != ST_OK) {
				buf_printf(report, _("%s %llu: cannot be read "
				    "through index %s%s\n"), e->name,
				    (unsigned long long)id, iname,
				    xi->words ? ".words" : "");
				bad++;
			} else {
				if (!index_has_key(xi, r, sk.data, sk.size)) {
					buf_printf(report, _("%s %llu: index "
					    "%s%s has an entry the record does "
					    "not have\n"), e->name,
					    (unsigned long long)id, iname,
					    xi->words ? ".words" : "");
					bad++;
				}
				record_free(r);
			}
			ret = 0;
		}
		free(sk.data);
		free(pk.data);
		sc->close(sc);
		if (ret != DB_NOTFOUND)
			goto dberr;
	}
	for (i = 0; i < eh->nidx; i++)
		ic[i]->close(ic[i]);
	free(ic);
	free(want);
	t->commit(t, 0);
	return (bad);
dberr:
	for (i = 0; ic != NULL && i < eh->nidx; i++)
		if (ic[i] != NULL)
			ic[i]->close(ic[i]);
	free(ic);
	free(want);
	t->abort(t);
	*dberr = ret;
	return (-1);
}

static int
verify_entity(struct store *st, struct ent_h *eh, struct verify_audit *va,
    struct buf *report)
{
	struct buf	 b;
	size_t		 ncands = va->ncands;
	int		 attempt, bad = -1, ret = 0;

	/* A pass that met a deadlock proves nothing: run it again. */
	for (attempt = 0; attempt < STORE_RETRIES; attempt++) {
		memset(&b, 0, sizeof b);
		va->ncands = ncands;
		if ((bad = verify_pass(st, eh, va, &b, &ret)) >= 0 ||
		    st_map(ret) != ST_DEADLOCK)
			break;
		buf_free(&b);
	}
	if (bad < 0) {
		buf_free(&b);
		buf_printf(report, "%s: %s\n", eh->ent->name, db_strerror(ret));
		return (1);
	}
	if (b.data != NULL)
		buf_adds(report, b.data);
	buf_free(&b);
	return (bad);
}

int
store_verify(struct store *st, struct buf *report)
{
	struct verify_audit	 va;
	char			*cause = NULL;
	size_t			 i;
	int			 bad = 0, headless;

	/*
	 * The head first, then the journal, then the records: entries and
	 * records written meanwhile come after what was read before them.
	 * The journal must reach the head and hold its entry; each record
	 * must have as many creates and updates as its revision.
	 */
	memset(&va, 0, sizeof va);
	va.st = st;
	va.report = report;
	va.expect = 1;
	headless = store_audit_head(st, &va.head_seq, va.head_hash) != 0;
	if (store_audit_walk(st, 1, verify_audit_fn, &va, &cause) != 0) {
		buf_printf(report, _("audit: %s\n"), cause);
		free(cause);
		cause = NULL;
		bad++;
	} else if (headless) {
		buf_printf(report, _("audit: the journal's head, kept apart "
		    "from it, is gone: its length cannot be proved here (a "
		    "backup's KONTOR-BACKUP and the log name the head at each "
		    "backup and checkpoint)\n"));
		bad++;
	} else if (va.expect - 1 < va.head_seq) {
		if (va.expect == 1)
			buf_printf(report, _("audit: the journal is empty, but "
			    "its head (kept apart) is entry %llu: entries 1 to "
			    "%llu are missing\n"),
			    (unsigned long long)va.head_seq,
			    (unsigned long long)va.head_seq);
		else if (va.expect == va.head_seq)
			buf_printf(report, _("audit: entry %llu, the last, is "
			    "missing (the journal ends at entry %llu; its "
			    "head, kept apart, is entry %llu)\n"),
			    (unsigned long long)va.head_seq,
			    (unsigned long long)va.expect - 1,
			    (unsigned long long)va.head_seq);
		else
			buf_printf(report, _("audit: entries %llu to %llu, the "
			    "last %llu, are missing (the journal ends at entry "
			    "%llu; its head, kept apart, is entry %llu)\n"),
			    (unsigned long long)va.expect,
			    (unsigned long long)va.head_seq,
			    (unsigned long long)(va.head_seq - va.expect + 1),
			    (unsigned long long)va.expect - 1,
			    (unsigned long long)va.head_seq);
		bad++;
	}
	for (i = 0; i < st->nents; i++)
		bad += verify_entity(st, &st->ents[i], &va, report);
	verify_revisions(&va);
	bad += va.bad;
	free(va.revs.keys);
	free(va.revs.counts);
	free(va.cands);
	return (bad == 0 ? 0 : -1);
}
