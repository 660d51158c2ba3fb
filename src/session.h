#ifndef KONTOR_SESSION_H
#define KONTOR_SESSION_H

struct paths;

/* The terminal session: returns an exit code. */
int	 session_main(const struct paths *);

#endif
