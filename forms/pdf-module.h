#ifndef KONTOR_FORMS_PDF_MODULE_H
#define KONTOR_FORMS_PDF_MODULE_H

/*
 * Between the PDF back end, built into a module of its own (kontor-pdf.so,
 * from pdf.c: cairo, pango and glib live there only), and its loader in
 * the program (pdf-load.c, which gives sheet_pdf()).  The module names
 * the version it was built from; the loader takes only its own.
 */
struct buf;
struct sheet;

#define PDF_MODULE_NAME		"kontor-pdf.so"
#define PDF_MODULE_RENDER	"kontor_pdf_render"
#define PDF_MODULE_VERSION	"kontor_pdf_version"

/* What sheet_pdf() does, in the module (sheet.h). */
typedef int	(*pdf_render_fn)(const struct sheet *, long stamp,
		    struct buf *out, char **cause);

/* The module's two symbols, the only ones it shows (it is built with
 * -fvisibility=hidden). */
#define PDF_MODULE_EXPORT	__attribute__((visibility("default")))
PDF_MODULE_EXPORT extern const char	kontor_pdf_version[];
PDF_MODULE_EXPORT int	kontor_pdf_render(const struct sheet *, long stamp,
			    struct buf *out, char **cause);

#endif
