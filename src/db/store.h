#ifndef KONTOR_DB_STORE_H
#define KONTOR_DB_STORE_H

#include <stddef.h>
#include <stdint.h>

struct audit_entry;
struct buf;
struct entity_def;
struct record;
struct value;

/*
 * Storage over Berkeley DB, for the server alone: the environment, one
 * generic store over the data dictionary (a primary database per entity
 * and a secondary index per indexed field, kept by DB->associate), id
 * sequences, the audit journal, the request log, backup and checks.
 *
 * Every write runs in store_run(): one transaction, retried on deadlock
 * a bounded number of times, its audit entries chained and appended in
 * the same transaction, and durable (the log flushed) before it returns.
 */

enum st_rc {
	ST_OK = 0,
	ST_NOTFOUND,	/* no such record */
	ST_DEADLOCK,	/* internal: retried by store_run */
	ST_EXISTS,	/* a unique value is taken */
	ST_CONFLICT,	/* saved over a newer revision */
	ST_INVALID,	/* bad input */
	ST_DENIED,	/* permission */
	ST_BUSY,	/* retries exhausted, lock timeout: try again */
	ST_FULL,	/* disk full */
	ST_ERR,		/* internal */
	ST_ABORT	/* the function asked to roll back: not an error */
};

#define STORE_CREATE	0x01	/* create the home; it must not exist */
#define STORE_FATAL	0x02	/* catastrophic recovery at open */

struct store;
struct tx;

/* Open (and recover) the environment in home; -1 and *cause. */
int	 store_open(const char *home, unsigned flags, struct store **,
	     char **cause);
/*
 * The disk reserve: a write is refused (ST_FULL, "nearly full") while the
 * home's file system has less free than max bytes or pct per cent of its
 * size, whichever is smaller (pct 0: max alone; max 0: no reserve).
 * store_open sets the default.
 */
#define STORE_RESERVE_MAX	(64ull << 20)
#define STORE_RESERVE_PCT	5
void	 store_set_reserve(struct store *, uint64_t max, unsigned pct);
/* Free space (for the server's user) of the home's file system and the
 * reserve, in bytes, as they are now; *low: writes are refused. */
void	 store_space_info(struct store *, uint64_t *avail, uint64_t *reserve,
	     int *low);
/*
 * The cache of the environments store_open opens from now on, in bytes
 * (0: the default).  The cache holds the most used pages of the data
 * files; it fills as they are read and stays full, so it is most of the
 * server's resident memory (bench/README-mem.md measured the sizes).
 */
#define STORE_CACHE_DEFAULT	(128ull << 20)
#define STORE_CACHE_MIN		(16ull << 20)
#define STORE_CACHE_MAX		(64ull << 30)
void	 store_set_cache(uint64_t bytes);
/*
 * Archival mode (on by default): the log files a checkpoint no longer
 * needs for recovery are kept until kontor backup has copied them (and
 * then removes them), so a backup and the logs since could rebuild the
 * home.  Off (the config file's "archival = off"): Berkeley DB removes
 * them itself at each checkpoint (DB_LOG_AUTO_REMOVE), so the home holds
 * the log since the last checkpoint and no more; recovery after a crash
 * is unchanged, the backups are whole copies either way.  For the
 * environments store_open opens from now on.
 */
void	 store_set_archival(int on);
/*
 * Memory figures: the cache's size as Berkeley DB made it and the pages
 * it holds; the lock structures and locked-object structures the lock
 * table has allocated (it never gives them back: a large transaction's
 * stay until store_refresh), and the most locks held at once since.
 */
struct store_mem {
	uint64_t	 cache_size;	/* bytes */
	uint64_t	 cache_pages;
	uint64_t	 locks, lock_objects, locks_peak;
};
void	 store_mem_info(struct store *, struct store_mem *);
/* Lock requests that had to wait, and deadlocks, since the open. */
void	 store_lock_waits(struct store *, uint64_t *waits,
	     uint64_t *deadlocks);
/*
 * A large transaction (an import of millions of rows) leaves the lock
 * table grown by its page locks' structures, which Berkeley DB never
 * gives back: some hundred megabytes after 10,000,000 customers.
 * store_refresh_look() notes whether the table has grown past the
 * threshold (store_set_refresh_locks, 0: the default) and
 * store_refresh_wanted() says so; store_run_flags() looks after every
 * STORE_RUN_IMPORT transaction.  store_refresh() then checkpoints, closes
 * and opens the environment again in place (its cache empty, its lock
 * table new): the caller makes sure that no other thread uses the store
 * meanwhile.  0, or -1 and *cause: the store is then unusable.
 */
void	 store_set_refresh_locks(uint32_t);
void	 store_refresh_look(struct store *);
int	 store_refresh_wanted(struct store *);
int	 store_refresh(struct store *, char **cause);
/* Checkpoint and close; NULL is fine. */
void	 store_close(struct store *);
void	 store_checkpoint(struct store *);
/* Remove request-log entries older than max_age seconds. */
void	 store_prune_reqlog(struct store *, int64_t max_age);
/* Total size of the database files and logs, in bytes. */
uint64_t store_size(struct store *);

typedef int	(*tx_fn)(struct tx *, void *arg, char **cause);
/*
 * Run fn in a transaction as login at tty; ST_* and *cause.  Write
 * transactions take turns: fn and the commit run while no other
 * store_run's do, in the order they came (the log flush that makes the
 * commit durable is shared, outside the turn).  A store_run called
 * from inside fn runs in its caller's turn.
 */
int	 store_run(struct store *, const char *login, const char *tty,
	     tx_fn, void *arg, char **cause);
/*
 * The same with flags.  STORE_RUN_IMPORT: an import's one big
 * transaction, outside the writers' turn as STORE_RUN_LONG, after which
 * the lock table is looked at (store_refresh_look()).  It is logged as
 * every other transaction is: not Berkeley DB's bulk insert
 * (DB_TXN_BULK), which leaves the contents of the pages it fills out of
 * the log, so that `kontor recover` (the logs replayed over a backup,
 * or over nothing) crashed in Berkeley DB's recovery and lost what the
 * import had brought.  The price is the log: 2.7 KB a customer
 * imported, where the bulk insert wrote 0.9 KB.
 */
#define STORE_RUN_IMPORT	0x01
/*
 * STORE_RUN_LONG: a long transaction (an import) that does not take the
 * writers' turn, so it does not hold up every other write for its
 * length; STORE_RUN_IMPORT implies it.  Other writes run one at a time.
 */
#define STORE_RUN_LONG	0x02
int	 store_run_flags(struct store *, const char *login, const char *tty,
	     tx_fn, void *arg, unsigned flags, char **cause);

/*
 * Run fn in a read-only transaction, retried when it deadlocks: what it
 * reads is read-locked to its end (one consistent view: a balance and its
 * documents agree), never write-locked; with STORE_READ_COMMITTED a record
 * read is not held locked once the get or cursor has moved on (degree 2:
 * cheaper for many records each whole on its own, a report's rows).  fn
 * must only read (tx_get, tx_find, tx_find_each, tx_find_rows; nothing
 * with rmw), and may run more than once, so it keeps what it found only
 * after the last run returns.  No disk space check, no request log, no
 * log flush, no commit lock: a reader holds up no writer's commit.  ST_*
 * and *cause.
 */
#define STORE_READ_COMMITTED	0x01
int	 store_read(struct store *, unsigned flags, tx_fn, void *arg,
	     char **cause);

/* Inside a transaction.  Records returned are the caller's. */
struct store	*tx_store(struct tx *);
const char	*tx_login(struct tx *);
int	 tx_get(struct tx *, const struct entity_def *, uint64_t id, int rmw,
	     struct record **);
/*
 * Whether e's record id exists (ST_OK, ST_NOTFOUND), and the value of
 * its field at pos (ST_OK and *out, out->set 0 when it has none; out->s
 * the caller's), without decoding the whole record: read as tx_get reads
 * it (read-locked, and kept for the transaction's later reads, which then
 * search no B-tree), the field found in its bytes.
 */
int	 tx_exists(struct tx *, const struct entity_def *, uint64_t id);
int	 tx_field(struct tx *, const struct entity_def *, uint64_t id, int pos,
	     struct value *out);
/* The id holding a value in a unique or indexed field, or ST_NOTFOUND. */
int	 tx_find(struct tx *, const struct entity_def *, int pos,
	     const struct value *, uint64_t *id);
/* The same for a code, as stored (no number alone, no barcode). */
int	 tx_find_code(struct tx *, const struct entity_def *, const char *code,
	     uint64_t *id);
/* The same from the index alone, read committed: no lock is kept on the
 * index's page, nor any taken on the record's, which the caller then
 * reads write-locked.  The answer may be stale by the time the record is
 * read (another transaction renumbered or deleted it): the caller checks
 * the record still holds the value once it has it locked. */
int	 tx_find_loose(struct tx *, const struct entity_def *, int pos,
	     const struct value *, uint64_t *id);
/* Insert: assigns id, code (when unset), rev 1, created and updated;
 * checks unique fields; writes the audit entry. */
int	 tx_insert(struct tx *, struct record *, char **cause);
/* An id for a record of e that the transaction inserts later with
 * tx_insert_as (which keeps the id r holds; none: as tx_insert): a
 * document whose lines and moves name it before it is written, once,
 * whole.  Ids not used are gaps, as a rolled-back insert's. */
int	 tx_new_id(struct tx *, const struct entity_def *, uint64_t *id,
	     char **cause);
int	 tx_insert_as(struct tx *, struct record *, char **cause);
/* Update r (by its id) if its stored revision is expect_rev; fields this
 * binary does not know are kept; writes the field-level audit diff. */
/* ST_CONFLICT, and who changed it and when, unless old is at
 * expect_rev: an edit of a record someone saved meanwhile. */
int	 tx_check_rev(const struct record *old, uint32_t expect_rev,
	     char **cause);
int	 tx_update(struct tx *, struct record *, uint32_t expect_rev,
	     char **cause);
/* The same, given the record as this transaction read it with a write
 * lock (tx_get with rmw): not read again. */
int	 tx_update_old(struct tx *, struct record *, const struct record *old,
	     uint32_t expect_rev, char **cause);
int	 tx_delete(struct tx *, const struct entity_def *, uint64_t id,
	     uint32_t expect_rev, char **cause);
/* Call fn for each record of e in id order, inside the transaction (for
 * small entities: users, settings); fn returns non-zero to stop. */
/* The id of e's first record (in id order) whose reference field pos
 * names record to, or 0 in *id: a walk that reads only that field. */
int	 tx_first_ref(struct tx *, const struct entity_def *, int pos,
	     uint64_t to, uint64_t *id);
int	 tx_each(struct tx *, const struct entity_def *,
	     int (*fn)(const struct record *, void *), void *);
/* Call fn for the id of each record whose indexed field pos holds v,
 * read-locked (write-locked with rmw TX_FIND_RMW; with TX_FIND_COMMITTED
 * each index page's read lock is let go as the walk leaves it: for the
 * lines of a document whose header the transaction holds write-locked,
 * which every writer of a line reads first); fn returns non-zero to
 * stop, and that value is returned. */
#define TX_FIND_RMW		1
#define TX_FIND_COMMITTED	2
int	 tx_find_each(struct tx *, const struct entity_def *, int pos,
	     const struct value *, int rmw,
	     int (*fn)(struct tx *, uint64_t id, void *), void *);
/* Call fn for each record (borrowed, whole) whose indexed field pos
 * holds v, in the index's order, read-locked; one cursor walk, no second
 * look-up per record.  fn returns non-zero to stop, and that value is
 * returned; else ST_*. */
int	 tx_find_rows(struct tx *, const struct entity_def *, int pos,
	     const struct value *,
	     int (*fn)(const struct record *, void *), void *);
/* The same in the index's order from the first key at or after from to
 * its end, until fn returns non-zero (a range read: the caller stops
 * where the range ends). */
int	 tx_range(struct tx *, const struct entity_def *, int pos,
	     const struct value *from,
	     int (*fn)(const struct record *, void *), void *);
/* The next number of a named series, gapless: it is taken in the
 * transaction, so a rolled-back one gives its number back. */
int	 tx_counter(struct tx *, const char *name, uint64_t *);
/*
 * An import's audit: after tx_import_begin, the records of e the
 * transaction creates get no audit entry each; their ids are kept, and
 * tx_import_end queues a (the import's entry, which the tx takes) with
 * them as its AUDIT_IMPORT_IDS change, first among the transaction's
 * entries.  Updates are audited as ever, field by field.  A new record
 * is described by the import's entry and by itself; kontor check counts
 * the entry as each such record's creation, kontor audit --id shows it.
 */
void	 tx_import_begin(struct tx *, const struct entity_def *e, int defer);
/*
 * With defer (model_bulk_ok(e): nothing saving a record of e reads
 * another one through an index), the new records are put where no index
 * sees them and their index keys are kept aside (in the home, past a
 * budget); tx_import_end sorts them and fills each index in key order,
 * page after page.  A value of a unique field twice among them is found
 * there: ST_EXISTS, *cause, and *line the later row's (tx_import_line:
 * the row being saved).  Else ST_OK or the error of the puts.
 */
void	 tx_import_line(struct tx *, int64_t line);
/*
 * With defer, the new records of e too (a derived entity: they have no
 * audit entries of their own either way; only stock_moves has the handle
 * this needs): their index keys are sorted and put with the import's at
 * tx_import_end.  Until then no index of e finds them, so only where the
 * transaction looks none of them up by an index (a stock-moves import
 * without lots: check_lot reads the moves by lot).
 */
void	 tx_import_also(struct tx *, const struct entity_def *e);
int	 tx_import_end(struct tx *, struct audit_entry *a, int64_t *line,
	     char **cause);
/*
 * What every row of an import of e would read again (the company's VAT
 * rate, for products without a vat column): a string the model keeps
 * for the import in this transaction, read once.  The slot (NULL until
 * kept, malloc'd, freed when the import or the attempt ends), or NULL
 * when the transaction imports no records of e.
 */
char	**tx_import_memo(struct tx *, const struct entity_def *e);
/* Queue an extra audit entry (a business action); the tx takes it. */
void	 tx_audit(struct tx *, struct audit_entry *);
/* The request log: a write's response, kept so a re-sent request gets
 * the same answer instead of running twice. */
int	 tx_reqlog_put(struct tx *, const void *key, size_t klen,
	     const void *resp, size_t rlen);
int	 store_reqlog_get(struct store *, const void *key, size_t klen,
	     char **resp, size_t *rlen);
/* The same inside a write, write-locked: a re-send racing its original
 * waits for it, then finds its answer. */
int	 tx_reqlog_get(struct tx *, const void *key, size_t klen,
	     char **resp, size_t *rlen);
/*
 * The write hook: called by tx_insert (old NULL), tx_update (only when
 * something changed) and tx_delete (new NULL) of every entity, after the
 * write, in its transaction; its ST_* is theirs.  The model keeps its
 * aggregates by it (model/dash.c), so no posting path can forget them.
 * One for the process, set once before the first write.
 */
typedef int	(*tx_write_hook)(struct tx *, const struct record *old,
		    const struct record *new, char **cause);
void	 store_set_write_hook(tx_write_hook);
/*
 * What a write hook keeps for its transaction (tx_hook_state: NULL at
 * the start of each attempt), written by the commit hook once, after the
 * transaction's work and before it commits (its ST_* is the
 * transaction's: ST_DEADLOCK runs it all again); drop frees it after the
 * commit or an abort.  One pair for the process, set with the write hook.
 */
typedef int	(*tx_commit_hook)(struct tx *, void *state, char **cause);
void	 store_set_commit_hook(tx_commit_hook, void (*drop)(void *));
void	**tx_hook_state(struct tx *);
/*
 * Mark the transaction as one that changes what the dashboard shows:
 * when it commits, the store's version goes up by one.  store_version()
 * is that counter (in memory, from 0 at each open): equal versions mean
 * no such commit came in between.
 */
void	 tx_touch(struct tx *);
uint64_t store_version(struct store *);

/* Small named values: company name, format version. */
int	 tx_meta_put(struct tx *, const char *key, const char *value);
char	*store_meta_get(struct store *, const char *key);

/*
 * Blobs: bytes kept by a key of STORE_BLOB_KEY bytes (the archive's:
 * their SHA-256), in blobs.db, written in the caller's transaction like
 * any record, so backups, restores and recovery carry them.  The store
 * does not look inside: whoever writes one vouches for its key.
 * tx_blob_put writes (or replaces) one; tx_blob_size says whether one
 * is there (ST_NOTFOUND) and how long, read-locked (write-locked with
 * rmw, so a writer that finds none keeps others out until it has
 * written it).
 */
#define STORE_BLOB_KEY	32
int	 tx_blob_put(struct tx *, const unsigned char *key, const void *,
	     size_t);
int	 tx_blob_size(struct tx *, const unsigned char *key, int rmw,
	     uint64_t *size);
/* The same outside a transaction, and len bytes (at most) from off into
 * buf, *got of them (0 at the end).  ST_*. */
int	 store_blob_size(struct store *, const unsigned char *key,
	     uint64_t *size);
int	 store_blob_read(struct store *, const unsigned char *key,
	     uint64_t off, void *buf, size_t len, size_t *got);
/* Every blob's key, in key order, a page per short transaction; fn
 * returns non-zero to stop.  ST_*. */
int	 store_blob_each(struct store *,
	     int (*fn)(const unsigned char *key, void *), void *);

/*
 * Reading, each call in a short read-committed transaction of its own.
 * scan: rows of an index (pos -1: by id) from a key, in direction dir
 * (1 forward, -1 backward), starting after (from, from_id) when from_id
 * is non-zero, else at from; at most limit rows.
 * search: rows whose key starts with prefix (word index for FF_SEARCH
 * text when words is set), each record once.
 */
int	 store_get(struct store *, const struct entity_def *, uint64_t,
	     struct record **);
int	 store_lookup(struct store *, const struct entity_def *, int pos,
	     const struct value *, struct record **);
int	 store_scan(struct store *, const struct entity_def *, int pos,
	     const struct value *from, uint64_t from_id, int dir,
	     size_t limit, struct record ***rows, size_t *nrows);
int	 store_search(struct store *, const struct entity_def *, int pos,
	     int words, const char *prefix, size_t limit,
	     struct record ***rows, size_t *nrows);
uint64_t store_count(struct store *, const struct entity_def *);
/* Every record of e in id order, a page per short transaction (no lock
 * held while fn runs); fn returns non-zero to stop.  ST_*. */
int	 store_each(struct store *, const struct entity_def *,
	     int (*fn)(const struct record *, void *), void *);

/*
 * Pages of e's records as stored, for an export: store_page_read() reads
 * the records after id `after`, in id order, about `bytes` of them, in
 * one short read-committed transaction (a bulk cursor, DB_MULTIPLE_KEY),
 * so nothing stays locked while the caller formats and sends them; then
 * store_page_next() gives each one's id and codec bytes, borrowed from pg
 * until the next read.  ST_OK (a page with no record: the end), or ST_*.
 * A zeroed struct store_page starts; store_page_free() lets it go.
 */
struct store_page {
	void		*buf;
	size_t		 cap;
	size_t		 len;		/* 0: nothing (more) in buf */
	void		*ptr;		/* the walk through buf */
};
int	 store_page_read(struct store *, const struct entity_def *,
	     uint64_t after, size_t bytes, struct store_page *);
/* The next record of the page: 1 and its id and bytes, or 0. */
int	 store_page_next(struct store_page *, uint64_t *id, const void **,
	     size_t *);
void	 store_page_free(struct store_page *);

/* The audit journal, in order, entries from seq (1: all); fn returns
 * non-zero to stop.  -1 and *cause when an entry is broken. */
int	 store_audit_walk(struct store *, uint64_t from,
	     int (*fn)(const struct audit_entry *, void *), void *,
	     char **cause);

/* The audit journal's head: the last entry's seq (0: none yet) and hash
 * (AUDIT_HASH_LEN bytes).  -1 when the head kept apart was lost. */
int	 store_audit_head(struct store *, uint64_t *seq, unsigned char *hash);

/*
 * Hot backup into dir: databases, logs, the home's own files
 * (store_backup_home_files) and, once whole, the marker.  dir
 * is created, or must be the server user's own, writable by no one else,
 * and be empty or hold an earlier backup (replaced).  One cut short (a
 * crash) is replaced when force is set or req, the request's identity,
 * is the one that began it (the same request sent again).  0, or -1 and
 * *cause.
 */
/*
 * The home's own files a backup keeps beside the databases (NULL-ended
 * pairs: the file in the home, its name in the backup): how clerks are
 * served (kontor.serve: the socket's group) and the contract's template.
 * restore puts back those the backup has.
 */
extern const char *const store_backup_home_files[][2];
#define STORE_BACKUP_MARKER	"KONTOR-BACKUP"
#define STORE_BACKUP_PARTIAL	"KONTOR-BACKUP.partial"
int	 store_backup(struct store *, const char *dir, int force,
	     const char *req, char **cause);
/* Verify every database, index and the audit chain; problems are added
 * to report, one line each.  0 when all hold. */
int	 store_verify(struct store *, struct buf *report);

#endif
