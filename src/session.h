#ifndef KONTOR_SESSION_H
#define KONTOR_SESSION_H

struct paths;

/* The terminal session: returns an exit code. */
int	 session_main(const struct paths *);
/* Whether the session ended because its terminal went away (a hang-up,
 * TERM, the tty gone): the caller ends the process at once then, with
 * _exit(), not through exit()'s handlers (LeakSanitizer's check at exit
 * in a sanitizer build was seen to spin for ever once the terminal was
 * gone). */
int	 session_hungup(void);

#endif
