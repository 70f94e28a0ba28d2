/*
 * diag: print diagnostics as "file:line:column: kind: message", the form
 * editors and CI logs understand.  Unknown parts of a position are left out.
 */
#include <stdarg.h>

#include "diag.h"

static void diag_emit(struct diag *d, struct pos p, const char *kind,
	const char *fmt, va_list ap)
{
	FILE *out = d->out ? d->out : stderr;
	if (p.file && p.line > 0 && p.col > 0)
		fprintf(out, "%s:%d:%d: ", p.file, p.line, p.col);
	else if (p.file && p.line > 0)
		fprintf(out, "%s:%d: ", p.file, p.line);
	else if (p.file)
		fprintf(out, "%s: ", p.file);
	else
		fputs("folio: ", out);
	fprintf(out, "%s: ", kind);
	vfprintf(out, fmt, ap);
	fputc('\n', out);
}

void diag_error(struct diag *d, struct pos p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_emit(d, p, "error", fmt, ap);
	va_end(ap);
	d->nerr++;
}

void diag_warn(struct diag *d, struct pos p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_emit(d, p, "warning", fmt, ap);
	va_end(ap);
	d->nwarn++;
}

void diag_note(struct diag *d, struct pos p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_emit(d, p, "note", fmt, ap);
	va_end(ap);
}
