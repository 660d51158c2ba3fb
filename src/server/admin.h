#ifndef KONTOR_SERVER_ADMIN_H
#define KONTOR_SERVER_ADMIN_H

struct paths;

/*
 * The server-side subcommands: they open the environment themselves, so
 * they live beside the server.  serve runs it; restore and recover work
 * on a home whose server is stopped.
 */
int	 cmd_serve(const struct paths *, int, char **);
int	 cmd_restore(const struct paths *, int, char **);
int	 cmd_recover(const struct paths *, int, char **);

#endif
