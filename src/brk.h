/*
 * brk: line breaking over the boxes, glue and penalties of Knuth and Plass.
 * para.c turns inline content into items; brk chooses where lines end;
 * para.c then sets the chosen lines as positioned text runs.  Widths are in
 * points.  Two strategies share the item model: first-fit, and total-fit
 * (the optimum over the whole paragraph, by demerits).
 */
#ifndef FOLIO_BRK_H
#define FOLIO_BRK_H

#include "box.h"

struct symdef;

/* a penalty of BRK_INF forbids a break; -BRK_INF forces one */
#define BRK_INF 10000

enum item_type { IT_BOX, IT_GLUE, IT_PENALTY };

struct item {
	enum item_type type;
	double width;		/* natural width; penalty: width added when broken here */
	double stretch;		/* glue: how much it may grow */
	double shrink;		/* glue: how much it may shrink */
	int penalty;		/* penalty: cost of a break here */
	int flagged;		/* penalty: a hyphenation break */
	/* what a box draws */
	const char *text;	/* box: UTF-8, not owned; NULL for an empty box */
	int len;		/* box: bytes of text */
	int face;		/* box, glue, penalty: face (a space's or hyphen's font) */
	double size;		/* font size, pt */
	struct rgb color;	/* text colour */
	int tag;		/* structure element of the text */
	int link;		/* index of the link the text belongs to, -1 = none */
	const struct symdef *sym;	/* box: a status symbol (symbol.h) drawn in its
					 * place; text then is its word for extraction */
};

/* how lines are measured: the first `nfirst` lines have width `first`,
 * the rest `rest` (hanging indents, list labels) */
struct brkshape {
	double first;		/* width of the first lines, pt */
	double rest;		/* width of the other lines, pt */
	int nfirst;		/* how many lines are `first` wide */
};

enum brkmode { BRK_FIRSTFIT, BRK_TOTALFIT };

/* result: line i ends at item brk[i] (a glue or penalty, or n-1) */
struct brkres {
	int *brk;		/* break item per line */
	double *ratio;		/* adjustment ratio per line (stretch > 0, shrink < 0) */
	int nline, cap;
	int overfull;		/* lines wider than their measure */
};

double brk_linewidth(const struct brkshape *sh, int line);
/* the first item of the line that follows a break at item b (-1: start) */
int brk_linestart(const struct item *it, int n, int b);
/* break items[0..n) (which must end with a forced break) into lines */
void brk_lines(const struct item *it, int n, const struct brkshape *sh,
	enum brkmode mode, struct brkres *res);
void brk_free(struct brkres *res);

#endif
