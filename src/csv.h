/*
 * csv: load a CSV data file into a table of rows × cells, each cell with
 * the file:line:column where it starts, so that a bad number in row 412
 * can be reported where the user can find it.
 *
 * Format: RFC 4180 (quoted fields, "" for a quote inside quotes, line
 * breaks inside quotes) with CRLF, LF or CR line ends and an optional final
 * line end.  The delimiter is ';', ',' or tab, either declared or taken
 * from the header line (the most frequent of the three outside quotes; a
 * tie is an error asking to declare it).  The text must be UTF-8; a BOM is
 * dropped.  The first row is the header: its names are trimmed and must be
 * present and unique.  Every row has as many fields as the header.  Blank
 * lines at the end are ignored; a blank line between rows is kept as a row
 * of empty cells (a spacer the author meant).  Cell text is kept as written
 * (not trimmed; line breaks inside quotes become "\n"), columns in positions
 * count characters, not bytes.
 */
#ifndef FOLIO_CSV_H
#define FOLIO_CSV_H

#include <stddef.h>

#include "diag.h"

/* limits: beyond them the file is refused with an error, not loaded */
#define CSV_MAXBYTES (64u << 20)	/* file size */
#define CSV_MAXCOLS 1000		/* fields per row */
#define CSV_MAXROWS 1000000		/* data rows */
#define CSV_MAXCELLS 2000000		/* cells in all, header included (~40 000 pages) */

struct csv;

/* load a file; delim 0 = detect, or ';', ',', '\t', '|'.  NULL after an
 * error, which has been reported to dg */
struct csv *csv_read(const char *path, int delim, struct diag *dg);
/* the same from memory; name is used in positions and copied */
struct csv *csv_parse(const char *buf, size_t len, const char *name, int delim,
	struct diag *dg);
void csv_free(struct csv *t);

int csv_ncols(const struct csv *t);
/* data rows, the header not counted */
int csv_nrows(const struct csv *t);
/* the delimiter used */
int csv_delim(const struct csv *t);
/* the file name as given (valid as long as t) */
const char *csv_file(const struct csv *t);
/* header name of a column, or NULL when col is out of range */
const char *csv_name(const struct csv *t, int col);
/* the column with this header name (exact match), or -1 */
int csv_col(const struct csv *t, const char *name);
/* a cell; row 0 is the first data row, -1 the header; NULL out of range */
const char *csv_cell(const struct csv *t, int row, int col);
/* where a cell starts (row -1: the header); line 0 when out of range */
struct pos csv_pos(const struct csv *t, int row, int col);

#endif
