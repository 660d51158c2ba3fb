/*
 * auditcut: cut the audit journal short, as someone with the home's files
 * could, for tests/server/test_audit_tail.sh.  The server must be stopped.
 *
 *	auditcut HOME N		delete the last N entries (N: a number, or
 *				"all")
 *	auditcut HOME N --head	the same, and make the head kept apart (in
 *				sys.db) name the new last entry, as one who
 *				knew of it would
 *
 * The deletions go through Berkeley DB in a transaction of their own,
 * logged like any other, so recovery at the next start keeps them.
 */
#include "config.h"

#include <db.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

static void
die(const char *what, int ret)
{
	fprintf(stderr, "auditcut: %s: %s\n", what, db_strerror(ret));
	exit(EX_SOFTWARE);
}

int
main(int argc, char **argv)
{
	DB_ENV		*env;
	DB_TXN		*t;
	DB		*journal, *head;
	DBC		*c;
	DBT		 k, d;
	unsigned char	 v[8 + 32];
	long		 n, cut = 0;
	int		 ret, fix_head;

	if (argc < 3 || argc > 4 || (argc == 4 && strcmp(argv[3], "--head"))) {
		fprintf(stderr, "usage: auditcut HOME N|all [--head]\n");
		return (EX_USAGE);
	}
	n = strcmp(argv[2], "all") == 0 ? -1 : strtol(argv[2], NULL, 10);
	fix_head = argc == 4;
	if ((ret = db_env_create(&env, 0)) != 0)
		die("db_env_create", ret);
	env->set_lg_max(env, 32u << 20);
	env->set_lg_bsize(env, 8u << 20);
	if ((ret = env->open(env, argv[1], DB_CREATE | DB_INIT_TXN |
	    DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL | DB_PRIVATE |
	    DB_RECOVER, 0600)) != 0)
		die(argv[1], ret);
	if ((ret = env->txn_begin(env, NULL, &t, 0)) != 0)
		die("txn_begin", ret);
	if ((ret = db_create(&journal, env, 0)) != 0 ||
	    (ret = journal->open(journal, t, "audit.db", "journal", DB_BTREE,
	    0, 0600)) != 0)
		die("audit.db", ret);
	if ((ret = journal->cursor(journal, t, &c, 0)) != 0)
		die("cursor", ret);
	memset(&k, 0, sizeof k);
	memset(&d, 0, sizeof d);
	while ((n < 0 || cut < n) &&
	    (ret = c->get(c, &k, &d, DB_LAST)) == 0) {
		if ((ret = c->del(c, 0)) != 0)
			die("del", ret);
		cut++;
	}
	if (fix_head) {
		/* The new last entry's seq and hash (the stored bytes end in
		 * the 32 bytes of its hash), or none. */
		memset(v, 0, sizeof v);
		if ((ret = c->get(c, &k, &d, DB_LAST)) == 0) {
			memcpy(v, k.data, 8);
			memcpy(v + 8, (unsigned char *)d.data + d.size - 32,
			    32);
		} else if (ret != DB_NOTFOUND)
			die("get", ret);
		if ((ret = db_create(&head, env, 0)) != 0 ||
		    (ret = head->open(head, t, "sys.db", "audit_head",
		    DB_BTREE, 0, 0600)) != 0)
			die("sys.db", ret);
		memset(&k, 0, sizeof k);
		memset(&d, 0, sizeof d);
		k.data = "head";
		k.size = 4;
		d.data = v;
		d.size = sizeof v;
		if ((ret = head->put(head, t, &k, &d, 0)) != 0)
			die("put", ret);
		head->close(head, 0);
	}
	c->close(c);
	if ((ret = t->commit(t, 0)) != 0)
		die("commit", ret);
	journal->close(journal, 0);
	env->txn_checkpoint(env, 0, 0, DB_FORCE);
	env->close(env, 0);
	printf("%ld\n", cut);
	return (0);
}
