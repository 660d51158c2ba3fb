/*
 * sheet_pdf() through the PDF module: the renderer (pdf.c) and the forty
 * libraries it needs (cairo, pango, glib, fontconfig, harfbuzz, X11...)
 * are kept out of the program, whose every start would otherwise load
 * and relocate them (about 9 ms, more than the rest of a command), and
 * loaded with dlopen() by the first PDF a process renders, then kept.
 *
 * Where the module is: $KONTOR_PDF_MODULE when set (the file itself;
 * tests point it at one that is not there), else beside the running
 * program (a build tree, the tests, distcheck's build), else in
 * KONTOR_PKGLIBDIR, where make install puts it.
 */
#include "config.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "forms/pdf-module.h"
#include "forms/sheet.h"
#include "i18n.h"
#include "xmalloc.h"

static pthread_once_t	 pdf_once = PTHREAD_ONCE_INIT;
static pdf_render_fn	 pdf_render;
static char		 pdf_path[PATH_MAX + 32];
static char		*pdf_error;	/* why it did not load (dlerror) */
static char		*pdf_version;	/* or the version it is, not ours */

/* The module's path, as the comment at the top says. */
static void
pdf_where(void)
{
	const char	*env = getenv("KONTOR_PDF_MODULE");
	char		 self[PATH_MAX], *slash;
	ssize_t		 n;

	if (env != NULL && *env != '\0') {
		snprintf(pdf_path, sizeof pdf_path, "%s", env);
		return;
	}
	if ((n = readlink("/proc/self/exe", self, sizeof self - 1)) > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			snprintf(pdf_path, sizeof pdf_path, "%s/%s", self,
			    PDF_MODULE_NAME);
			if (access(pdf_path, F_OK) == 0)
				return;
		}
	}
	snprintf(pdf_path, sizeof pdf_path, "%s/%s", KONTOR_PKGLIBDIR,
	    PDF_MODULE_NAME);
}

/* Once per process: the module loaded and its renderer found, or why
 * not kept (the message is made when it is shown, in the language of
 * the session that asks). */
static void
pdf_load(void)
{
	const char	*version;
	void		*h;
	const char	*e;
	size_t		 len;

	pdf_where();
	if ((h = dlopen(pdf_path, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		/* "PATH: cannot open shared object file: ...": the path is
		 * said once, by sheet_pdf(). */
		e = dlerror();
		if (e == NULL)
			e = "dlopen failed";
		len = strlen(pdf_path);
		if (strncmp(e, pdf_path, len) == 0 && strncmp(e + len, ": ",
		    2) == 0)
			e += len + 2;
		pdf_error = xstrdup(e);
		return;
	}
	version = dlsym(h, PDF_MODULE_VERSION);
	if (version == NULL || strcmp(version, PACKAGE_VERSION) != 0) {
		pdf_version = xstrdup(version != NULL ? version : "?");
		dlclose(h);
		return;
	}
	/* POSIX's way to a function from dlsym(). */
	*(void **)&pdf_render = dlsym(h, PDF_MODULE_RENDER);
	if (pdf_render == NULL) {
		e = dlerror();
		pdf_error = xstrdup(e != NULL ? e : PDF_MODULE_RENDER
		    " missing");
		dlclose(h);
	}
	/* Kept open: glib does not like being unloaded. */
}

int
sheet_pdf(const struct sheet *s, long stamp, struct buf *out, char **cause)
{
	pthread_once(&pdf_once, pdf_load);
	if (pdf_render == NULL && pdf_version != NULL) {
		xasprintf(cause, _("the PDF renderer %s is of kontor %s, not "
		    "%s: make install puts this version's in %s"), pdf_path,
		    pdf_version, PACKAGE_VERSION, KONTOR_PKGLIBDIR);
		return (-1);
	}
	if (pdf_render == NULL) {
		xasprintf(cause, _("cannot load the PDF renderer %s: %s "
		    "(make install puts it in %s)"), pdf_path, pdf_error,
		    KONTOR_PKGLIBDIR);
		return (-1);
	}
	return (pdf_render(s, stamp, out, cause));
}
