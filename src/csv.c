/*
 * csv: read a CSV data file (format and rules in csv.h).  The bytes arrive
 * whole, from file_read or from the caller's memory, and are checked in a
 * first pass (size, UTF-16, NUL, UTF-8) so that the parser proper may
 * assume valid text; both passes share one position tracker, so a line
 * break inside quotes moves the line count exactly as an editor would.
 * Cell texts live one after another in a single buffer (offsets, since it
 * moves as it grows); cells are one array, header first, row after row.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "utf8.h"
#include "util.h"

struct csvcell {
	size_t off;		/* text: NUL-terminated, at csv.text.s + off */
	int line;		/* where the cell starts, 1-based */
	int col;		/* character column, 1-based */
};

struct csv {
	char *file;		/* name used in positions, owned */
	int delim;		/* field delimiter */
	int ncol;		/* fields per row (the header's) */
	int nrow;		/* data rows */
	struct csvcell *cell;	/* (nrow + 1) × ncol cells, header first */
	int ncell;		/* cells stored */
	int cap;		/* cells allocated */
	struct buf text;	/* all cell texts, one after another */
};

/* a reading position in the input */
struct csvrd {
	const char *p;		/* next byte */
	const char *end;	/* end of input */
	int line;		/* line of p, 1-based */
	int col;		/* character column of p, 1-based */
	struct csv *t;		/* the table being filled */
	struct diag *dg;	/* where errors go */
	struct buf tmp;		/* the text of the current quoted field */
};

static struct pos csv_at(const struct csvrd *r, int line, int col)
{
	struct pos p = { r->t->file, line, col };
	return p;
}

/* step over one byte, keeping line and column: CRLF, LF and a lone CR end
 * a line; continuation bytes of UTF-8 do not start a new column */
static void csv_adv(struct csvrd *r)
{
	unsigned char c = (unsigned char)*r->p++;
	if (c == '\n' || (c == '\r' && (r->p == r->end || *r->p != '\n'))) {
		r->line++;
		r->col = 1;
	} else if ((c & 0xc0) != 0x80 && c != '\r') {
		r->col++;
	}
}

/* step over the line end at r->p, a CRLF as one */
static void csv_eol(struct csvrd *r)
{
	char c = *r->p;
	csv_adv(r);
	if (c == '\r' && r->p < r->end && *r->p == '\n')
		csv_adv(r);
}

/* refuse what is not UTF-8 text, naming the first bad place */
static int csv_check(struct csvrd *r)
{
	const unsigned char *u = (const unsigned char *)r->p;
	if (r->end - r->p >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff))) {
		diag_error(r->dg, csv_at(r, 0, 0), "the file is UTF-16 text; "
			"it must be UTF-8 (in Excel: save as \"CSV UTF-8\")");
		return -1;
	}
	struct csvrd s = *r;
	while (s.p < s.end) {
		uint32_t cp;
		int k = utf8_decode(s.p, (size_t)(s.end - s.p), &cp);
		if (*s.p == '\0') {
			diag_error(r->dg, csv_at(r, s.line, s.col),
				"NUL byte: this is not a text file");
			return -1;
		}
		if (!k) {
			diag_error(r->dg, csv_at(r, s.line, s.col),
				"invalid UTF-8 (byte 0x%02X); the file must be UTF-8: a "
				"Latin-1/Windows-1252 export from Excel must be saved "
				"as \"CSV UTF-8\" instead", (unsigned char)*s.p);
			return -1;
		}
		while (k--)
			csv_adv(&s);
	}
	return 0;
}

/* the delimiter of the header line: the most frequent of ';' ',' tab
 * outside quotes; ';' when there is none (a single column) */
static int csv_detect(struct csvrd *r)
{
	static const char cand[3] = { ';', ',', '\t' };
	int count[3] = { 0, 0, 0 }, inq = 0;
	for (const char *p = r->p; p < r->end; p++) {
		if (*p == '"')
			inq = !inq;
		else if (!inq && (*p == '\n' || *p == '\r'))
			break;
		else if (!inq)
			for (int i = 0; i < 3; i++)
				count[i] += *p == cand[i];
	}
	int best = 0;
	for (int i = 1; i < 3; i++)
		if (count[i] > count[best])
			best = i;
	if (count[best] == 0)
		return ';';
	for (int i = 0; i < 3; i++) {
		if (i != best && count[i] == count[best]) {
			static const char *name[3] = { "';'", "','", "tab" };
			int a = i < best ? i : best, b = i < best ? best : i;
			diag_error(r->dg, csv_at(r, 1, 0), "cannot tell the delimiter: the "
				"header line has %d %s and %d %s outside quotes; declare it",
				count[a], name[a], count[b], name[b]);
			return -1;
		}
	}
	return cand[best];
}

static int csv_addcell(struct csvrd *r, const char *s, size_t n, int line, int col)
{
	struct csv *t = r->t;
	if (t->ncell >= CSV_MAXCELLS) {
		diag_error(r->dg, csv_at(r, line, col),
			"more than %d cells in the file", CSV_MAXCELLS);
		return -1;
	}
	t->cell = xgrow(t->cell, sizeof(*t->cell), t->ncell + 1, &t->cap);
	struct csvcell *c = &t->cell[t->ncell++];
	c->off = t->text.len;
	buf_put(&t->text, s, n);
	buf_putc(&t->text, '\0');
	c->line = line;
	c->col = col;
	return 0;
}

/* a quoted field, r at the opening quote; its text goes to r->tmp */
static int csv_quoted(struct csvrd *r, int line, int col)
{
	r->tmp.len = 0;
	buf_put(&r->tmp, "", 0);
	csv_adv(r);
	for (;;) {
		const char *q = r->p;
		while (q < r->end && *q != '"' && *q != '\r')
			q++;
		buf_put(&r->tmp, r->p, (size_t)(q - r->p));
		while (r->p < q)
			csv_adv(r);
		if (r->p == r->end) {
			diag_error(r->dg, csv_at(r, line, col),
				"this quoted field is never closed (a '\"' is missing)");
			return -1;
		}
		if (*r->p == '\r') {
			/* CRLF or CR inside quotes: the cell holds "\n" */
			buf_putc(&r->tmp, '\n');
			csv_eol(r);
			continue;
		}
		csv_adv(r);
		if (r->p < r->end && *r->p == '"') {
			buf_putc(&r->tmp, '"');
			csv_adv(r);
			continue;
		}
		break;
	}
	while (r->p < r->end && *r->p == ' ')
		csv_adv(r);
	if (r->p < r->end && *r->p != r->t->delim && *r->p != '\n' && *r->p != '\r') {
		diag_error(r->dg, csv_at(r, r->line, r->col), "text after the closing "
			"quote of a field (a quote inside quotes is written \"\")");
		return -1;
	}
	return 0;
}

/* one record from r (not at a blank line); *nf gets its field count */
static int csv_record(struct csvrd *r, int *nf)
{
	int delim = r->t->delim;
	*nf = 0;
	for (;;) {
		int line = r->line, col = r->col;
		if (*nf >= CSV_MAXCOLS) {
			diag_error(r->dg, csv_at(r, line, col),
				"more than %d fields in a row", CSV_MAXCOLS);
			return -1;
		}
		if (r->p < r->end && *r->p == '"') {
			if (csv_quoted(r, line, col) ||
				csv_addcell(r, r->tmp.s, r->tmp.len, line, col))
				return -1;
		} else {
			const char *b = r->p;
			while (r->p < r->end && *r->p != delim && *r->p != '\n' && *r->p != '\r')
				csv_adv(r);
			if (csv_addcell(r, b, (size_t)(r->p - b), line, col))
				return -1;
		}
		++*nf;
		if (r->p == r->end)
			return 0;
		if (*r->p != delim) {
			csv_eol(r);
			return 0;
		}
		csv_adv(r);
	}
}

/* trim the header names and check that they are present and unique */
static int csv_header(struct csvrd *r)
{
	struct csv *t = r->t;
	for (int i = 0; i < t->ncol; i++) {
		struct csvcell *c = &t->cell[i];
		char *s = t->text.s + c->off;
		size_t n = strlen(s);
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
			(n >= 2 && (unsigned char)s[n - 2] == 0xc2 && (unsigned char)s[n - 1] == 0xa0)))
			n -= s[n - 1] == ' ' || s[n - 1] == '\t' ? 1 : 2;
		s[n] = '\0';
		while (*s == ' ' || *s == '\t' || ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0))
			s += *s == ' ' || *s == '\t' ? 1 : 2;
		c->off = (size_t)(s - t->text.s);
		if (!*s) {
			diag_error(r->dg, csv_at(r, c->line, c->col),
				"column %d of the header has no name", i + 1);
			return -1;
		}
		for (int j = 0; j < i; j++) {
			if (strcmp(t->text.s + t->cell[j].off, s) == 0) {
				diag_error(r->dg, csv_at(r, c->line, c->col),
					"column name \"%s\" appears twice in the header", s);
				diag_note(r->dg, csv_at(r, t->cell[j].line, t->cell[j].col),
					"first as column %d", j + 1);
				return -1;
			}
		}
	}
	return 0;
}

/* blank rows kept between data rows: empty cells, one row per blank line */
static int csv_blanks(struct csvrd *r, int first, int n)
{
	for (int i = 0; i < n; i++) {
		if (++r->t->nrow > CSV_MAXROWS) {
			diag_error(r->dg, csv_at(r, first + i, 0),
				"more than %d rows", CSV_MAXROWS);
			return -1;
		}
		for (int j = 0; j < r->t->ncol; j++)
			if (csv_addcell(r, "", 0, first + i, 1))
				return -1;
	}
	return 0;
}

static int csv_rows(struct csvrd *r, int detected)
{
	struct csv *t = r->t;
	int nf;
	if (r->p == r->end) {
		diag_error(r->dg, csv_at(r, 0, 0),
			"the file is empty; its first line must be the header");
		return -1;
	}
	if (*r->p == '\n' || *r->p == '\r') {
		diag_error(r->dg, csv_at(r, 1, 0),
			"the first line is empty; it must be the header");
		return -1;
	}
	if (csv_record(r, &nf))
		return -1;
	t->ncol = nf;
	if (csv_header(r))
		return -1;
	int blank = 0, blankline = 0;
	while (r->p < r->end) {
		if (*r->p == '\n' || *r->p == '\r') {
			/* held back until a row follows: trailing blank lines vanish */
			if (!blank++)
				blankline = r->line;
			csv_eol(r);
			continue;
		}
		if (csv_blanks(r, blankline, blank))
			return -1;
		blank = 0;
		int line = r->line;
		if (csv_record(r, &nf))
			return -1;
		if (nf != t->ncol) {
			diag_error(r->dg, csv_at(r, line, 0),
				"row has %d field%s, the header has %d",
				nf, nf == 1 ? "" : "s", t->ncol);
			if (detected && nf == 1)
				diag_note(r->dg, csv_at(r, 1, 0), "the delimiter %s was taken "
					"from the header line", t->delim == '\t' ? "tab" :
					t->delim == ';' ? "';'" : "','");
			return -1;
		}
		if (++t->nrow > CSV_MAXROWS) {
			diag_error(r->dg, csv_at(r, line, 0), "more than %d rows", CSV_MAXROWS);
			return -1;
		}
	}
	return 0;
}

struct csv *csv_parse(const char *buf, size_t len, const char *name, int delim,
	struct diag *dg)
{
	if (!buf)
		buf = "";
	struct csv *t = xcalloc(1, sizeof(*t));
	t->file = xstrdup(name ? name : "(data)");
	struct csvrd r = { buf, buf + len, 1, 1, t, dg, { 0 } };
	int ok = 0;
	if (len > CSV_MAXBYTES) {
		diag_error(dg, csv_at(&r, 0, 0), "the file is larger than %u MiB",
			CSV_MAXBYTES >> 20);
		goto out;
	}
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		r.p += 3;
	if (csv_check(&r))
		goto out;
	if (delim && delim != ';' && delim != ',' && delim != '\t' && delim != '|') {
		diag_error(dg, csv_at(&r, 0, 0),
			"unsupported delimiter; use ';', ',', tab or '|'");
		goto out;
	}
	t->delim = delim ? delim : csv_detect(&r);
	if (t->delim < 0)
		goto out;
	ok = csv_rows(&r, !delim) == 0;
out:
	buf_free(&r.tmp);
	if (!ok) {
		csv_free(t);
		return NULL;
	}
	return t;
}

struct csv *csv_read(const char *path, int delim, struct diag *dg)
{
	size_t len;
	char *buf = file_read(path, &len, CSV_MAXBYTES);
	if (!buf) {
		struct pos p = { path, 0, 0 };
		char msg[256];
		if (errno == EFBIG)
			diag_error(dg, p, "the file is larger than %u MiB", CSV_MAXBYTES >> 20);
		else if (strerror_r(errno, msg, sizeof(msg)) == 0)
			diag_error(dg, p, "cannot read: %s", msg);
		else
			diag_error(dg, p, "cannot read (error %d)", errno);
		return NULL;
	}
	struct csv *t = csv_parse(buf, len, path, delim, dg);
	free(buf);
	return t;
}

void csv_free(struct csv *t)
{
	if (!t)
		return;
	buf_free(&t->text);
	free(t->cell);
	free(t->file);
	free(t);
}

int csv_ncols(const struct csv *t)
{
	return t->ncol;
}

int csv_nrows(const struct csv *t)
{
	return t->nrow;
}

int csv_delim(const struct csv *t)
{
	return t->delim;
}

const char *csv_file(const struct csv *t)
{
	return t->file;
}

const char *csv_name(const struct csv *t, int col)
{
	return csv_cell(t, -1, col);
}

int csv_col(const struct csv *t, const char *name)
{
	for (int i = 0; i < t->ncol; i++)
		if (strcmp(t->text.s + t->cell[i].off, name) == 0)
			return i;
	return -1;
}

static const struct csvcell *csv_at_cell(const struct csv *t, int row, int col)
{
	if (row < -1 || row >= t->nrow || col < 0 || col >= t->ncol)
		return NULL;
	return &t->cell[(size_t)(row + 1) * (size_t)t->ncol + (size_t)col];
}

const char *csv_cell(const struct csv *t, int row, int col)
{
	const struct csvcell *c = csv_at_cell(t, row, col);
	return c ? t->text.s + c->off : NULL;
}

struct pos csv_pos(const struct csv *t, int row, int col)
{
	const struct csvcell *c = csv_at_cell(t, row, col);
	struct pos p = { t->file, c ? c->line : 0, c ? c->col : 0 };
	return p;
}
