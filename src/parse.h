/*
 * parse: the report loader.  Reads report XML safely (no network, no
 * external entities or DTDs, bounded size and entity expansion), validates
 * it against the RELAX NG schema data/schema/report.rng and builds the
 * document tree (doc.h).  Every problem is reported as file:line:column.
 */
#ifndef FOLIO_PARSE_H
#define FOLIO_PARSE_H

#include "diag.h"
#include "doc.h"

/* NULL after reporting errors to dg; datadir holds schema/report.rng */
struct doc *parse_report(const char *path, const char *datadir, struct diag *dg);
/* a report that another includes (include.c): loaded as parse_report does,
 * its own includes going through inc, the includer's cache and chain */
struct doc *parse_report_inc(const char *path, const char *datadir, struct diag *dg,
	struct incstate *inc);

#endif
