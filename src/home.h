#ifndef KONTOR_HOME_H
#define KONTOR_HOME_H

/*
 * Where things are.  The home: --home, else $KONTOR_HOME, else "home" in
 * the config file, else /var/lib/kontor.  The socket: --socket, else
 * $KONTOR_SOCKET, else "socket" in the config file, else the one the
 * home's server was last started at by hand (socket= in the home's
 * kontor.serve, when it can be read), else <home>/kontor.sock.  The
 * config file is $KONTOR_CONF, else SYSCONFDIR/kontor.conf: "key = value"
 * lines, '#' comments.
 */
struct paths {
	char	*home;
	char	*socket;
	int	 socket_saved;	/* from kontor.serve: a server started by
				 * hand does not take it */
	char	*group;		/* socket_group from the config file */
	char	*reserve;	/* disk_reserve from the config file */
	char	*conf;		/* the config file read, or NULL */
	int	 home_set;	/* by --home, or by KONTOR_HOME without
				 * --socket: a server at the socket must
				 * serve it */
	int	 socket_from;	/* PATHS_SOCK_* */
};
/* Where the socket came from. */
#define PATHS_SOCK_HOME		0	/* <home>/kontor.sock or kontor.serve's */
#define PATHS_SOCK_OPTION	1	/* --socket */
#define PATHS_SOCK_ENV		2	/* KONTOR_SOCKET */
#define PATHS_SOCK_CONF		3	/* the config file's socket */

void	 paths_resolve(struct paths *, const char *opt_home,
	     const char *opt_socket);
void	 paths_free(struct paths *);
/* A key of the config file p->conf, or NULL; caller frees. */
char	*paths_conf(const struct paths *, const char *key);
/* A catastrophic recovery under way, or stopped before it finished:
 * kontor recover writes it first and removes it last; while it is there
 * no server starts on the home. */
#define RECOVER_MARK	"kontor.recovering"
/* A file in the home; caller frees. */
char	*paths_file(const struct paths *, const char *name);
/* The home's own socket, <home>/kontor.sock; caller frees. */
char	*paths_home_socket(const struct paths *);
/* Make the directory path for a new home, mode 0700, and its missing
 * parents (0755); -1 and errno when it cannot. */
int	 home_mkdir(const char *path);

#endif
