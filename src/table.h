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

#endif
