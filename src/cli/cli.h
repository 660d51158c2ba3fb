#ifndef KONTOR_CLI_CLI_H
#define KONTOR_CLI_CLI_H

#include <stdint.h>

struct paths;

/*
 * The client-side subcommands.  Each takes its own argv (argv[0] is the
 * subcommand's name), prints data to stdout and messages to stderr, and
 * returns an exit code from sysexits.h.  src/main.c holds the table.
 */
int	 cmd_init(const struct paths *, int, char **);
int	 cmd_stop(const struct paths *, int, char **);
int	 cmd_status(const struct paths *, int, char **);
int	 cmd_user(const struct paths *, int, char **);
int	 cmd_import(const struct paths *, int, char **);
int	 cmd_export(const struct paths *, int, char **);
int	 cmd_backup(const struct paths *, int, char **);
int	 cmd_check(const struct paths *, int, char **);
int	 cmd_audit(const struct paths *, int, char **);
int	 cmd_show(const struct paths *, int, char **);
int	 cmd_report(const struct paths *, int, char **);
/* stock.c */
int	 cmd_stock(const struct paths *, int, char **);
int	 cmd_post(const struct paths *, int, char **);
int	 cmd_reverse(const struct paths *, int, char **);
int	 cmd_reorder(const struct paths *, int, char **);
int	 cmd_po(const struct paths *, int, char **);	/* receive, close */

/* Shared by the commands. */
struct client;
struct client_reply;
int	 open_client(const struct paths *, unsigned, struct client **);
/* Print a refusal; its exit code. */
int	 reply_error(struct client_reply *);
/* Run report name and print its rows, text or csv (raw: no ' before a
 * formula-like cell). */
int	 cli_report(const struct paths *, const char *name, int64_t from,
	     int64_t to, const char *key, const char *format, int raw);

/* Print "kontor: " and the message to stderr; returns code. */
int	 cli_error(int code, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Whether argv asks for --help (or -h): then usage goes to stdout. */
int	 cli_wants_help(int, char **);
/* "usage: kontor TEXT" to stdout for --help (0), else stderr (64). */
int	 cli_usage(const char *text, int help);

#endif
