/*
 * table: data-bound tables.  A <table> of the report (parse.c keeps its
 * elements as N_TABLE … N_CELL nodes with their attributes) is turned into
 * a model here: columns picked from a CSV file by header name, body rows
 * from the CSV (with a role column) or written inline, header rows, and the
 * numbers of every cell parsed, computed (compute="…" columns, sum rows) and
 * checked against what the data says.  tablay.c then measures the cells,
 * chooses column widths, and sets the rows into the vertical list, where
 * page.c repeats the header on every page the table continues on.
 */
#ifndef FOLIO_TABLE_H
#define FOLIO_TABLE_H

#include "csv.h"
#include "flow.h"
#include "num.h"

#define TABLE_MAXCOLS 200	/* columns a table may show */
#define TABLE_MAXHEAD 20	/* header rows */
#define TABLE_MAXEXPR 200	/* terms of one compute="…" formula */

/* what a body row is; it decides the face, rules and what sums it holds */
enum trole {
	TR_NORMAL,		/* plain data row */
	TR_CHILD,		/* indented part of the group row above it */
	TR_GROUP,		/* bold label with values: the sum of its child rows */
	TR_SUBTOTAL,		/* bold: the sum of the group and normal rows above */
	TR_TOTAL,		/* bold with a rule above: subtotals and the rows outside them */
	TR_LABEL,		/* bold text across the whole table, no values */
	TR_SPACER,		/* a little empty space */
};

enum talign { TA_LEFT, TA_RIGHT, TA_CENTER, TA_DECIMAL };

enum twkind {
	TW_AUTO,		/* from the content */
	TW_FIXED,		/* a length */
	TW_SHARE,		/* a fraction of the available width */
};

/* one step of a compiled formula, in postfix order */
struct tterm {
	int op;			/* 'c' column value, 'k' constant, '+', '-', '*', '/', 'n' negate */
	int col;		/* 'c': table column, or -2 - CSV column for one not shown */
	struct dec k;		/* 'k': the constant */
};

struct tcol {
	const struct node *def;	/* its N_COLUMN, or NULL (inline table without columns) */
	const char *name;	/* CSV header name or the name formulas use, or NULL */
	const char *compute;	/* its formula as written, or NULL */
	int src;		/* CSV column, -1 = none */
	struct tterm *expr;	/* compute="…" compiled, or NULL */
	int nexpr;
	int numeric;		/* holds numbers: aligned on the decimal mark */
	int sum;		/* sum rows add this column up */
	int pct;		/* print every number with "%" */
	struct numfmt fmt;	/* how its numbers print */
	enum talign align;	/* its body cells */
	enum twkind wkind;	/* how its width is given */
	double wval;		/* TW_FIXED: pt; TW_SHARE: 0..1 */
	double x, w;		/* laid out: left edge from the table's, and width, pt */
	double intw, fracw;	/* laid out: widest integer part and widest rest of its numbers */
};

struct tcell {
	const char *text;	/* plain text as printed (CSV text, a formatted number), or NULL */
	const struct node *node;	/* rich content: N_CELL (blocks) or N_COLUMN (inline) */
	struct numval v;	/* its number, when has */
	int has;		/* holds a number, given or computed */
	int given;		/* the number is the data's */
	double lo, hi;		/* the true value lies in here (the data is rounded) */
	int dscale;		/* decimals of a computed value when the format says "as the data" */
	struct pos pos;		/* where it is defined: CSV cell or element */
	int col;		/* first column */
	int colspan, rowspan;	/* columns and (header) rows covered */
	int align;		/* enum talign, or -1 = the column's */
};

struct trow {
	enum trole role;
	struct tcell *cell;	/* left to right */
	int ncell;
	struct pos pos;		/* the CSV line or the <row> */
	int src;		/* its CSV data row, -1 = written in the definition */
};

struct table {
	const struct node *n;	/* its N_TABLE */
	char *name;		/* for messages: "resultat" or its caption */
	struct tcol *col;
	int ncol;
	struct trow *head;	/* header rows, top to bottom */
	int nhead;
	struct trow *body;	/* body rows */
	int nbody;
	const struct tstyle *ts;	/* its look */
	int landscape;		/* set on landscape pages of its own */
	int partial;		/* groups="partial": group rows are not sums of their children */
	struct csv *csv;	/* its data, or NULL */
	struct arena mem;	/* texts made here */
};

/* one operand or result of a formula */
struct tval {
	struct dec d;		/* exact value */
	double lo, hi;		/* the interval the true value lies in */
	int scale;		/* decimals of the data it came from */
};

/* tabexpr.c: a decimal as a double */
double table_dec2d(struct dec d);
/* compile column c's formula src into t->col[c].expr; 0, or -1 after an
 * error (refers to an unknown column, or to one computed to its right) */
int table_compile(struct table *t, int c, const char *src, struct diag *dg);
/* evaluate col's formula on row r; 0 when it gives no value (an empty
 * operand, division by zero, overflow) */
int table_eval(const struct table *t, const struct tcol *col, const struct trow *r,
	struct tval *res);

/* build the model of N_TABLE n: load and bind its data, compute and check
 * the numbers (warnings for sums that do not add up); NULL after errors */
struct table *table_load(const struct node *n, const struct doc *d, const struct layout *lay,
	struct diag *dg);
void table_free(struct table *t);

/* the width algorithm's levels of a column, narrowest first */
#define TABLE_WLEVELS 4

/* what the width algorithm knows of a column, padding included: the
 * width it needs at each level (0: every word may be hyphenated; 1: words
 * of the body stay whole, headings hyphenate; 2: body cells on one line;
 * 3: headings without hyphens too) */
struct tcolw {
	double lv[TABLE_WLEVELS];	/* non-decreasing */
	enum twkind kind;	/* auto, fixed or share */
	double val;		/* fixed: pt; share: 0..1 */
};

/* widths w[] of n columns in avail points: the widest level every auto
 * column reaches in the room the fixed and share columns leave, and the
 * rest of the way to the next level in proportion to what each still
 * needs; stretched to avail when full.  Returns by how much the narrowest
 * level is too wide (0 = it fits). */
double table_widths(const struct tcolw *c, int n, double avail, int full, double *w);

/* set table n into the vertical list (flow_blocks calls it) */
void table_flow(struct flow *f, const struct node *n, double indent, int parent);

/* ---- shared by tablay.c and tabcell.c ---- */

/* one paragraph of a cell, ready to be broken at any width */
struct tpar {
	struct para p;		/* its items */
	double indent;		/* from the cell's content edge, pt */
	double gap;		/* space above it, pt */
	struct pline label;	/* list label on its first line; nrun 0 = none */
};

/* the content of one cell at the current size */
struct tcont {
	struct tpar *p;		/* paragraphs */
	int n, cap;
	int number;		/* a number aligned on the decimal mark: num holds it */
	struct pline num;	/* its one run */
	double intw;		/* width of its integer part */
	double min, hmin, max;	/* measured widths, padding not included */
	int tag;		/* its TH or TD */
	int face;		/* the face its text starts in */
};

/* boxes of a row, header or cell relative to its top-left, and its lines */
struct trs {
	struct vbox *b;		/* boxes */
	double *top;		/* per box: top of the line it belongs to */
	int nb, cap;
	double *lt, *lb;	/* every line of every cell: top and bottom */
	int *lc;		/* and the cell it belongs to */
	int nl, capl;
	double h;		/* height */
};

/* the state of setting one table */
struct tlay {
	struct flow *f;
	struct table *t;
	struct style cst;	/* cell text: the table style's size, leading, colour */
	double avail;		/* width available, pt */
	struct tcont **hc;	/* contents of header cells, per header row */
	struct tcont **bc;	/* contents of body cells, per body row */
	double padx, pady;	/* padding at the current size */
};

/* build the content of a cell at the current size (L->cst); numeric: a
 * number of a decimal-aligned column, set as one run */
void tcell_content(struct tlay *L, struct tcont *c, const struct tcell *cell,
	const struct tcol *col, int face, int numeric);
/* free a content, keeping its tag */
void tcell_free(struct tcont *c);
/* set content c in width w at (x, y) of rs (cell index `cell` for its
 * lines); returns its height.  With dry set, only measures. */
double tcell_set(struct tlay *L, struct tcont *c, double w, enum align al, double x,
	double y, struct trs *rs, int cell, int dry);
/* a box appended to rs, on the line whose top is top */
struct vbox *tcell_box(struct trs *rs, double top);
/* a horizontal rule of width lw (none when lw or w is 0) */
void tcell_rule(struct trs *rs, double x, double y, double w, double lw, struct rgb c);
void tcell_freers(struct trs *rs);

#endif
