/*
 * table: the model of a table.  Its definition arrives from parse.c as an
 * N_TABLE node whose children (N_CAPTION, N_COLUMN, N_THEAD, N_ROW, N_NOTE)
 * keep their XML attributes as name/value pairs; the schema has already
 * checked their syntax, so this module only gives them meaning.  The data
 * arrives from csv.c with a file:line:column for every cell.
 *
 * Numbers are decimals (num.h), so sums of mnkr figures add up exactly.
 * Every figure in the data is taken to be rounded to the decimals it is
 * written with: "-175,3" stands for any value in [-175,35, -175,25].  A sum
 * or a formula is therefore also computed as an interval, and the data's
 * own value for it is only called wrong when the two intervals do not meet
 * ("differs beyond rounding").  Integers are taken as exact counts.
 * Formulas are compiled and evaluated in tabexpr.c; the column-width
 * algorithm, a pure function of measured widths, lives here too.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

/* the value of attribute name of n, or NULL */
static const char *tab_attr(const struct node *n, const char *name)
{
	for (char **a = n ? n->attr : NULL; a && a[0]; a += 2)
		if (strcmp(a[0], name) == 0)
			return a[1];
	return NULL;
}

static int tab_yes(const struct node *n, const char *name, int dflt)
{
	const char *v = tab_attr(n, name);
	return v ? strcmp(v, "yes") == 0 : dflt;
}

/* the interval a figure written with `scale` decimals stands for */
static void tab_interval(struct tcell *c)
{
	double v = table_dec2d(c->v.d), half = 0;
	if (c->v.d.scale > 0)
		half = 0.5 * pow(10, -c->v.d.scale);
	c->lo = v - half;
	c->hi = v + half;
}

/*
 * A format="…" pattern, as spreadsheets write them: an optional "+"
 * (explicit plus) or "−" (that minus sign), then digits "0" and "#"
 * with a space where thousands are grouped and the decimal mark (comma or
 * point) before as many "0" as decimals are printed, then "%" or a unit
 * word.  "# ##0,0" = -1 237,0; "+0,0 %" = +4,5 %; "# ##0 st" = 1 395 st.
 * Returns 0, or -1 when the pattern is not one.
 */
static int tab_pattern(const char *s, struct numfmt *f, int *pct)
{
	if (*s == '+')
		f->plus = 1, s++;
	else if (strncmp(s, "\u2212", 3) == 0)
		f->minus = "\u2212", s += 3;
	int digits = 0, decimals = -1, group = 0;
	for (;; s++) {
		if (*s == '0' || *s == '#') {
			digits++;
			decimals += decimals >= 0;
		} else if ((*s == ',' || *s == '.') && decimals < 0 && digits) {
			f->point = *s;
			decimals = 0;
		} else if ((*s == ' ' || strncmp(s, "\u00a0", 2) == 0) && digits && decimals < 0 &&
				(s[*s == ' ' ? 1 : 2] == '#' || s[*s == ' ' ? 1 : 2] == '0')) {
			group = 1;
			s += *s != ' ';
		} else {
			break;
		}
	}
	if (!digits || decimals == 0)
		return -1;
	f->decimals = decimals < 0 ? 0 : decimals;
	f->group = group ? NULL : "";
	while (*s == ' ')
		s++;
	if (*s == '%') {
		*pct = 1;
		s++;
	} else if (*s) {
		f->unit = s;
		s += strlen(s);
	}
	return *s ? -1 : 0;
}

/* the format of n (the table's, then a column's own) */
static void tab_format(const struct node *n, struct numfmt *f, int *pct, struct diag *dg)
{
	const char *v = tab_attr(n, "format");
	if (v && tab_pattern(v, f, pct) < 0)
		diag_error(dg, n->pos, "format=\"%s\" is not a number pattern such as "
			"\"# ##0,0\", \"+0,0 %%\" or \"# ##0 st\"", v);
	if ((v = tab_attr(n, "empty")))
		f->empty = v;
}

/* plain text of a cell that holds one paragraph of unformatted text, so
 * that inline tables get their numbers parsed, aligned and summed; NULL
 * for rich content */
static char *tab_plain(const struct node *cell)
{
	const struct node *p = cell->first;
	if (!p)
		return xstrdup("");
	if (p->type != N_PARA || p->next)
		return NULL;
	for (const struct node *k = p->first; k; k = k->next)
		if (k->type != N_TEXT)
			return NULL;
	return doc_plaintext(p);
}

/* a short name of the table for messages */
static char *tab_name(const struct node *n)
{
	if (n->id)
		return xstrdup(n->id);
	for (const struct node *k = n->first; k; k = k->next) {
		if (k->type != N_CAPTION)
			continue;
		char *s = doc_plaintext(k);
		if (strlen(s) > 60)
			strcpy(s + 57, "...");
		return s;
	}
	struct buf b = {0};
	buf_printf(&b, "at line %d", n->pos.line);
	return buf_take(&b);
}

/* the text a row shows in its first cell, for messages */
static const char *tab_rowname(const struct trow *r)
{
	if (r->ncell > 0 && r->cell[0].text && r->cell[0].text[0])
		return r->cell[0].text;
	return "(unnamed)";
}

/* ---- sums and checks ---- */

/* text of a value as column col prints it (for messages) */
static void tab_show(const struct tcol *col, struct dec d, int scale, char *out, size_t n)
{
	struct numval v = { .kind = col->pct ? NUM_PERCENT : NUM_NUMBER, .d = d };
	struct numfmt f = col->fmt;
	if (f.decimals < 0)
		f.decimals = scale;
	if (num_format(&v, &f, out, n) < 0)
		snprintf(out, n, "?");
}

/* a computed value for cell c: checked against the data's, or filled in */
static void tab_settle(struct table *t, const struct trow *r, const struct tcol *col,
	struct tcell *c, const struct tval *v, const char *how, struct diag *dg)
{
	if (c->given) {
		double eps = 1e-9 * (fabs(c->lo) + fabs(c->hi) + 1);
		if (v->hi >= c->lo - eps && v->lo <= c->hi + eps)
			return;
		char want[64], got[64];
		tab_show(col, c->v.d, c->v.d.scale, want, sizeof(want));
		tab_show(col, v->d, v->scale, got, sizeof(got));
		diag_warn(dg, c->pos, "table \"%s\", row \"%s\", column \"%s\": the data says "
			"%s, but %s gives %s", t->name, tab_rowname(r),
			col->name ? col->name : "?", want, how, got);
		return;
	}
	c->has = 1;
	c->v = (struct numval){ .kind = col->pct ? NUM_PERCENT : NUM_NUMBER, .d = v->d };
	c->lo = v->lo;
	c->hi = v->hi;
	c->dscale = v->scale;
	if (col->fmt.decimals < 0 && v->d.scale > v->scale)
		num_round(v->d, v->scale, &c->v.d);
}

/* the cell of row r that is column col alone, or NULL */
static struct tcell *tab_cellat(struct trow *r, int col)
{
	for (int i = 0; i < r->ncell; i++)
		if (r->cell[i].col == col && r->cell[i].colspan == 1)
			return &r->cell[i];
	return NULL;
}

/* the sum of column col over the rows marked in take[] into row s */
static void tab_sumrows(struct table *t, int col, int s, const char *take, const char *how,
	struct diag *dg)
{
	struct tval acc = { {0, 0}, 0, 0, 0 };
	int any = 0;
	for (int i = 0; i < t->nbody; i++) {
		struct tcell *c = take[i] ? tab_cellat(&t->body[i], col) : NULL;
		if (!c || !c->has)
			continue;
		if (num_add(acc.d, c->v.d, &acc.d) != NUM_OK)
			return;
		acc.lo += c->lo;
		acc.hi += c->hi;
		int sc = c->given ? c->v.d.scale : c->dscale;
		if (sc > acc.scale)
			acc.scale = sc;
		any = 1;
	}
	struct tcell *c = tab_cellat(&t->body[s], col);
	if (any && c)
		tab_settle(t, &t->body[s], &t->col[col], c, &acc, how, dg);
}

/* group rows sum their children; subtotals the group and normal rows since
 * the last label, subtotal or total (a label row starts a new block, as in
 * "Synliga effekter i ekonomin" … "Summa"); totals their subtotals plus the
 * group and normal rows no subtotal covers, since the last total */
static void tab_sums(struct table *t, int col, struct diag *dg)
{
	char *take = xcalloc((size_t)t->nbody + 1, 1);
	int from = 0, tfrom = 0;
	for (int s = 0; s < t->nbody; s++) {
		enum trole ro = t->body[s].role;
		memset(take, 0, (size_t)t->nbody);
		if (ro == TR_GROUP && !t->partial) {
			int k, any = 0;
			for (k = s + 1; k < t->nbody && t->body[k].role == TR_CHILD; k++)
				take[k] = 1, any = 1;
			if (any)
				tab_sumrows(t, col, s, take, "the sum of its rows", dg);
		} else if (ro == TR_SUBTOTAL) {
			for (int k = from; k < s; k++)
				take[k] = t->body[k].role == TR_NORMAL || t->body[k].role == TR_GROUP;
			tab_sumrows(t, col, s, take, "the sum of the rows above", dg);
			from = s + 1;
		} else if (ro == TR_TOTAL) {
			int last = tfrom;
			for (int k = tfrom; k < s; k++)
				if (t->body[k].role == TR_SUBTOTAL)
					take[k] = 1, last = k + 1;
			for (int k = last; k < s; k++)
				take[k] = t->body[k].role == TR_NORMAL || t->body[k].role == TR_GROUP;
			tab_sumrows(t, col, s, take, "the sum of the rows above", dg);
			from = tfrom = s + 1;
		} else if (ro == TR_LABEL) {
			from = s + 1;
		}
	}
	free(take);
}

/* data columns get their sums first, then formulas run left to right, so
 * a formula sees the sums of the columns it uses */
static void tab_compute(struct table *t, struct diag *dg)
{
	for (int c = 0; c < t->ncol; c++)
		if (t->col[c].numeric && t->col[c].sum && !t->col[c].expr)
			tab_sums(t, c, dg);
	for (int c = 0; c < t->ncol; c++) {
		struct tcol *col = &t->col[c];
		if (!col->expr)
			continue;
		const char *how = col->compute;
		for (int r = 0; r < t->nbody; r++) {
			struct tcell *cell = tab_cellat(&t->body[r], c);
			struct tval v;
			if (cell && t->body[r].role != TR_LABEL && table_eval(t, col, &t->body[r], &v))
				tab_settle(t, &t->body[r], col, cell, &v, how, dg);
		}
	}
}

/* ---- building the model ---- */

static struct tcell *tab_addcell(struct trow *r, int *cap)
{
	r->cell = xgrow(r->cell, sizeof(*r->cell), r->ncell + 1, cap);
	struct tcell *c = &r->cell[r->ncell++];
	memset(c, 0, sizeof(*c));
	c->colspan = c->rowspan = 1;
	c->align = -1;
	return c;
}

static int tab_align(const char *s)
{
	if (!s)
		return -1;
	return !strcmp(s, "right") ? TA_RIGHT : !strcmp(s, "center") ? TA_CENTER :
		!strcmp(s, "decimal") ? TA_DECIMAL : TA_LEFT;
}

static enum trole tab_role(const char *s, int *ok)
{
	static const char *const names[] = {"normal", "child", "group", "subtotal", "total",
		"label", "spacer"};
	*ok = 1;
	if (!s || !*s)
		return TR_NORMAL;
	for (int i = 0; i < 7; i++)
		if (strcmp(s, names[i]) == 0)
			return (enum trole)i;
	*ok = 0;
	return TR_NORMAL;
}

/* the columns: from <column>s, else every CSV column but the role column,
 * else as many as the widest inline row */
static int tab_columns(struct table *t, int rolecol, struct diag *dg)
{
	const struct node *n = t->n;
	int ncol = 0, widest = 0;
	for (const struct node *k = n->first; k; k = k->next) {
		ncol += k->type == N_COLUMN;
		if (k->type == N_ROW) {
			int w = 0;
			for (const struct node *c = k->first; c; c = c->next) {
				const char *cs = tab_attr(c, "colspan");
				w += cs ? atoi(cs) : 1;
			}
			widest = w > widest ? w : widest;
		}
	}
	int fromcsv = ncol == 0 && t->csv;
	if (fromcsv)
		ncol = csv_ncols(t->csv) - (rolecol >= 0);
	else if (ncol == 0)
		ncol = widest;
	if (ncol < 1 || ncol > TABLE_MAXCOLS) {
		diag_error(dg, n->pos, "table \"%s\" has %d columns; a table has 1 to %d", t->name,
			ncol, TABLE_MAXCOLS);
		return -1;
	}
	t->col = xcalloc((size_t)ncol, sizeof(*t->col));
	t->ncol = ncol;
	struct numfmt base = { .decimals = -1, .pctsep = t->ts->pctspace ? NULL : "" };
	int basepct = 0;
	tab_format(n, &base, &basepct, dg);
	const struct node *def = n->first;
	int errs = 0;
	for (int c = 0, k = 0; c < ncol; c++) {
		struct tcol *col = &t->col[c];
		col->fmt = base;
		col->pct = basepct;
		col->src = -1;
		if (fromcsv) {
			k += k == rolecol;
			col->src = k;
			col->name = csv_name(t->csv, k++);
		} else {
			while (def && def->type != N_COLUMN)
				def = def->next;
		}
		if (!def || fromcsv)
			continue;
		col->def = def;
		col->name = tab_attr(def, "name");
		col->compute = tab_attr(def, "compute");
		tab_format(def, &col->fmt, &col->pct, dg);
		const char *w = tab_attr(def, "width");
		if (w && strcmp(w, "auto")) {
			char *end;
			double v = strtod(w, &end);
			col->wkind = *end == '%' ? TW_SHARE : TW_FIXED;
			col->wval = *end == '%' ? v / 100 : !strcmp(end, "mm") ? v * 72 / 25.4 :
				!strcmp(end, "cm") ? v * 720 / 25.4 : v;
		}
		if (col->name && t->csv)
			col->src = csv_col(t->csv, col->name);
		if (!col->name && def->first) {
			/* formulas may name a column by its heading */
			char *h = doc_plaintext(def);
			col->name = arena_strdup(&t->mem, h);
			free(h);
		} else if (col->name && t->csv && col->src < 0 && !col->compute) {
			struct buf b = {0};
			for (int i = 0; i < csv_ncols(t->csv) && b.len < 300; i++)
				buf_printf(&b, "%s\"%s\"", i ? ", " : "", csv_name(t->csv, i));
			diag_error(dg, def->pos, "column \"%s\" is not in %s; its columns are %s",
				col->name, csv_file(t->csv), b.s);
			buf_free(&b);
			errs++;
		}
		def = def->next;
	}
	return errs ? -1 : 0;
}

/* body rows from the CSV file */
static int tab_csvrows(struct table *t, int rolecol, struct diag *dg)
{
	int nr = csv_nrows(t->csv), errs = 0;
	t->body = xcalloc((size_t)nr + 1, sizeof(*t->body));
	for (int r = 0; r < nr; r++) {
		struct trow *row = &t->body[t->nbody++];
		int ok;
		row->role = tab_role(rolecol >= 0 ? csv_cell(t->csv, r, rolecol) : NULL, &ok);
		row->pos = csv_pos(t->csv, r, 0);
		row->src = r;
		if (!ok) {
			diag_error(dg, csv_pos(t->csv, r, rolecol), "row role \"%s\" is unknown: use "
				"normal, child, group, subtotal, total, label or spacer",
				csv_cell(t->csv, r, rolecol));
			errs++;
		}
		int cap = 0;
		for (int c = 0; c < t->ncol; c++) {
			struct tcell *cell = tab_addcell(row, &cap);
			cell->col = c;
			int k = t->col[c].src;
			cell->text = k >= 0 ? csv_cell(t->csv, r, k) : "";
			cell->pos = k >= 0 ? csv_pos(t->csv, r, k) : row->pos;
			if (row->role == TR_LABEL) {
				cell->colspan = t->ncol;
				break;
			}
		}
	}
	return errs;
}

/* body or header rows written in the definition; grid places cells under
 * the rowspans of rows above (header rows only) */
static int tab_rows(struct table *t, const struct node *parent, struct trow **rows, int *nrows,
	int head, struct diag *dg)
{
	int cap = *nrows, errs = 0;
	unsigned char grid[TABLE_MAXHEAD][TABLE_MAXCOLS] = {{0}};
	for (const struct node *k = parent->first; k; k = k->next) {
		if (k->type != N_ROW)
			continue;
		if (head && *nrows == TABLE_MAXHEAD) {
			diag_error(dg, k->pos, "a table has at most %d header rows", TABLE_MAXHEAD);
			return errs + 1;
		}
		*rows = xgrow(*rows, sizeof(**rows), *nrows + 1, &cap);
		struct trow *row = &(*rows)[(*nrows)++];
		memset(row, 0, sizeof(*row));
		int ok, ccap = 0, col = 0, y = *nrows - 1;
		row->role = head ? TR_NORMAL : tab_role(tab_attr(k, "role"), &ok);
		row->pos = k->pos;
		row->src = -1;
		for (const struct node *c = k->first; c; c = c->next) {
			while (head && col < t->ncol && grid[y][col])
				col++;
			const char *cs = tab_attr(c, "colspan"), *rs = tab_attr(c, "rowspan");
			int span = cs ? atoi(cs) : 1, rspan = rs && head ? atoi(rs) : 1;
			if (row->role == TR_LABEL && !c->next && col == 0)
				span = t->ncol;
			if (col + span > t->ncol) {
				diag_error(dg, c->pos, "this cell reaches column %d, but the table has "
					"%d", col + span, t->ncol);
				errs++;
				break;
			}
			if (rspan > TABLE_MAXHEAD - y)
				rspan = TABLE_MAXHEAD - y;
			struct tcell *cell = tab_addcell(row, &ccap);
			cell->col = col;
			cell->colspan = span;
			cell->rowspan = rspan;
			cell->pos = c->pos;
			cell->align = tab_align(tab_attr(c, "align"));
			char *plain = tab_plain(c);
			if (plain) {
				cell->text = arena_strdup(&t->mem, plain);
				free(plain);
			} else {
				cell->node = c;
			}
			for (int dy = 0; head && dy < rspan; dy++)
				memset(&grid[y + dy][col], 1, (size_t)span);
			col += span;
		}
		/* missing cells of a body row are empty (computed columns fill them) */
		for (; !head && row->role != TR_LABEL && col < t->ncol; col++) {
			struct tcell *cell = tab_addcell(row, &ccap);
			cell->col = col;
			cell->text = "";
			cell->pos = k->pos;
		}
	}
	return errs;
}

/* one header row of the column headings, unless no column has one */
static void tab_defaulthead(struct table *t)
{
	int any = 0;
	for (int c = 0; c < t->ncol; c++)
		any |= t->col[c].name || (t->col[c].def && t->col[c].def->first);
	if (!any)
		return;
	t->head = xcalloc(1, sizeof(*t->head));
	t->nhead = 1;
	int cap = 0;
	for (int c = 0; c < t->ncol; c++) {
		struct tcell *cell = tab_addcell(&t->head[0], &cap);
		cell->col = c;
		const struct node *def = t->col[c].def;
		if (def && def->first)
			cell->node = def;
		else
			cell->text = t->col[c].name ? t->col[c].name : "";
		cell->pos = def ? def->pos : t->n->pos;
	}
}

/* text with a digit in a column of numbers is most likely a number that
 * does not parse ("12,3a", "1.234,5,6"); a comparison or an estimate such
 * as ">78" or "ca 40" is text on purpose */
static int tab_badnumber(const char *s)
{
	s += strspn(s, " \t");
	if (*s == '<' || *s == '>' || *s == '~' || !strncmp(s, "ca", 2) ||
			!strncmp(s, "\u2264", 3) || !strncmp(s, "\u2265", 3))
		return 0;
	return strpbrk(s, "0123456789") != NULL;
}

/* numbers in the data: parse, choose which columns are numeric, format */
static void tab_numbers(struct table *t, struct diag *dg)
{
	for (int c = 0; c < t->ncol; c++) {
		struct tcol *col = &t->col[c];
		int nnum = 0, ntext = 0, npct = 0;
		for (int r = 0; r < t->nbody; r++) {
			struct tcell *cell = tab_cellat(&t->body[r], c);
			if (!cell || !cell->text || t->body[r].role == TR_LABEL)
				continue;
			enum numkind k = num_parse(cell->text, &cell->v);
			if (k == NUM_NUMBER || k == NUM_PERCENT) {
				cell->has = cell->given = 1;
				tab_interval(cell);
				nnum++;
				npct += k == NUM_PERCENT;
			} else if (k == NUM_TEXT) {
				ntext++;
			}
		}
		const char *type = tab_attr(col->def, "type");
		col->numeric = type ? strcmp(type, "number") == 0 :
			col->expr != NULL || (nnum > 0 && nnum >= ntext);
		if (!col->numeric)
			for (int r = 0; r < t->nbody; r++)
				for (int i = 0; i < t->body[r].ncell; i++)
					if (t->body[r].cell[i].col == c)
						t->body[r].cell[i].has = 0;
		for (int r = 0; col->numeric && ntext && r < t->nbody; r++) {
			struct tcell *cell = tab_cellat(&t->body[r], c);
			if (cell && cell->text && !cell->has && t->body[r].role != TR_LABEL &&
					tab_badnumber(cell->text))
				diag_warn(dg, cell->pos, "\"%s\" in the column of numbers \"%s\" is not a "
					"number; it is printed as written", cell->text,
					col->name ? col->name : "");
		}
		col->sum = tab_yes(col->def, "sum", col->numeric && !col->pct && npct == 0);
		int al = tab_align(tab_attr(col->def, "align"));
		col->align = al >= 0 ? (enum talign)al : col->numeric ? TA_DECIMAL : TA_LEFT;
	}
}

/* the printed text of every numeric cell */
static void tab_texts(struct table *t)
{
	for (int r = 0; r < t->nbody; r++) {
		for (int i = 0; i < t->body[r].ncell; i++) {
			struct tcell *cell = &t->body[r].cell[i];
			const struct tcol *col = &t->col[cell->col];
			if (!col->numeric || cell->colspan > 1 || cell->node)
				continue;
			if (!cell->has) {
				int blank = !cell->text || strspn(cell->text, " \t") == strlen(cell->text);
				if (blank)
					cell->text = col->fmt.empty ? col->fmt.empty : "";
				continue;
			}
			if (col->pct)
				cell->v.kind = NUM_PERCENT;
			char buf[96];
			if (num_format(&cell->v, &col->fmt, buf, sizeof(buf)) >= 0)
				cell->text = arena_strdup(&t->mem, buf);
		}
	}
}

/* ---- column widths ---- */

double table_widths(const struct tcolw *c, int n, double avail, int full, double *w)
{
	double fixed = 0, sum[TABLE_WLEVELS] = {0};
	for (int i = 0; i < n; i++) {
		if (c[i].kind == TW_FIXED)
			w[i] = c[i].val;
		else if (c[i].kind == TW_SHARE)
			w[i] = c[i].val * avail;
		if (c[i].kind != TW_AUTO) {
			fixed += w[i];
			continue;
		}
		double prev = 0;
		for (int k = 0; k < TABLE_WLEVELS; k++)
			sum[k] += prev = fmax(prev, c[i].lv[k]);
	}
	double r = avail - fixed, top = sum[TABLE_WLEVELS - 1];
	/* the widest level that fits */
	int k = TABLE_WLEVELS - 1, nauto = 0;
	while (k > 0 && sum[k] > r)
		k--;
	double *need = xcalloc((size_t)n + 1, sizeof(*need));
	for (int i = 0; i < n; i++) {
		if (c[i].kind != TW_AUTO)
			continue;
		double lo = 0;
		for (int j = 0; j <= k; j++)
			lo = fmax(lo, c[i].lv[j]);
		w[i] = lo;
		if (r >= top && full && top > 0)
			w[i] += (r - top) * lo / top;
		need[i] = k + 1 < TABLE_WLEVELS ? fmax(lo, c[i].lv[k + 1]) - lo : 0;
		nauto += need[i] > 0;
	}
	/* towards the next level: the room left is shared evenly, and a column
	 * that needs less than its share gets what it needs (water-filling), so
	 * one long text column cannot starve the short ones */
	double room = r >= top ? 0 : r - sum[k];
	while (room > 1e-9 && nauto > 0) {
		double share = room / nauto, small = HUGE_VAL;
		for (int i = 0; i < n; i++)
			if (need[i] > 0 && need[i] < small)
				small = need[i];
		if (small == HUGE_VAL)
			break;
		double give = fmin(share, small);
		nauto = 0;
		for (int i = 0; i < n; i++) {
			if (need[i] <= 0)
				continue;
			w[i] += give;
			need[i] -= give;
			room -= give;
			nauto += need[i] > 1e-9;
			if (need[i] <= 1e-9)
				need[i] = 0;
		}
	}
	free(need);
	return sum[0] > r ? sum[0] - r : 0;
}

struct table *table_load(const struct node *n, const struct doc *d, const struct layout *lay,
	struct diag *dg)
{
	struct table *t = xcalloc(1, sizeof(*t));
	t->n = n;
	t->name = tab_name(n);
	t->ts = layout_tstyle(lay, n->style ? n->style : "table");
	int errs = dg->nerr;
	if (!t->ts) {
		diag_error(dg, n->pos, "table style '%s' is not defined by layout '%s'",
			n->style, lay->name);
		t->ts = layout_tstyle(lay, "table");
	}
	const char *o = tab_attr(n, "orientation");
	t->landscape = o && strcmp(o, "landscape") == 0;
	const char *g = tab_attr(n, "groups");
	t->partial = g && strcmp(g, "partial") == 0;
	const char *src = tab_attr(n, "src");
	if (src) {
		char *path = path_join(doc_dir(n, d), src);
		const char *dl = tab_attr(n, "delimiter");
		t->csv = csv_read(path, dl ? (strcmp(dl, "tab") ? dl[0] : '\t') : 0, dg);
		free(path);
		if (!t->csv) {
			table_free(t);
			return NULL;
		}
	}
	int rolecol = -1;
	const char *role = tab_attr(n, "role");
	if (role && t->csv && (rolecol = csv_col(t->csv, role)) < 0)
		diag_error(dg, n->pos, "the role column \"%s\" is not in %s", role,
			csv_file(t->csv));
	if (dg->nerr > errs || tab_columns(t, rolecol, dg) < 0) {
		table_free(t);
		return NULL;
	}
	for (int c = 0; c < t->ncol; c++)
		if (t->col[c].compute)
			table_compile(t, c, t->col[c].compute, dg);
	if (t->csv)
		tab_csvrows(t, rolecol, dg);
	tab_rows(t, n, &t->body, &t->nbody, 0, dg);
	const struct node *hd = NULL;
	for (const struct node *k = n->first; k; k = k->next)
		if (k->type == N_THEAD)
			hd = k;
	if (hd)
		tab_rows(t, hd, &t->head, &t->nhead, 1, dg);
	else if (tab_yes(n, "header", 1))
		tab_defaulthead(t);
	if (dg->nerr > errs) {
		table_free(t);
		return NULL;
	}
	tab_numbers(t, dg);
	tab_compute(t, dg);
	tab_texts(t);
	return t;
}

void table_free(struct table *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->ncol; i++)
		free(t->col[i].expr);
	free(t->col);
	for (int i = 0; i < t->nhead; i++)
		free(t->head[i].cell);
	free(t->head);
	for (int i = 0; i < t->nbody; i++)
		free(t->body[i].cell);
	free(t->body);
	csv_free(t->csv);
	arena_free(&t->mem);
	free(t->name);
	free(t);
}
