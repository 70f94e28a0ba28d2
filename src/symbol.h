/*
 * symbol: status symbols.  A layout defines named sets (<symbols
 * name="prognos">) of symbols, each a value the data uses ("grön"), a
 * vector shape, a colour, the legend's label and a short word for readers
 * who cannot see it ("Uppnått").  Reports use them inline (<symbol
 * set="prognos" value="gul"/>), through data (goal.c) and in legends.
 * A symbol is drawn as a BOX_SHAPE as high as the capitals of the text
 * around it, sitting on the baseline, with its word as invisible text at
 * the same place (so text extraction yields the word) inside a Span whose
 * ActualText is the word.
 */
#ifndef FOLIO_SYMBOL_H
#define FOLIO_SYMBOL_H

#include "flow.h"

struct _xmlNode;	/* libxml2's element node */

/* symbols a set may hold, sets a layout may hold */
#define SYMBOL_MAXSYMS 32
#define SYMBOL_MAXSETS 64

/* one symbol of a set */
struct symdef {
	char *value;		/* what the data says: "grön", "förbättrats" */
	enum shape shape;	/* how it is drawn */
	struct rgb color;	/* its colour */
	char *label;		/* legend text: "uppnå eller överträffa målnivån" */
	char *word;		/* its meaning in one word or two: "Uppnått" */
};

/* a named set of symbols */
struct symset {
	char *name;		/* "prognos", "trend" … */
	char *title;		/* legend caption, or NULL */
	struct symdef *sym;	/* in legend order */
	int nsym;
};

/* the geometry of an inline symbol in text of size `size` set in face
 * `face`: the shape is a square of side *side whose bottom is on the
 * baseline, with *pad of space on either side */
void symbol_metrics(const struct layout *lay, int face, double size, double *side,
	double *pad);

/* <symbols> of a layout file: add the set, replacing an inherited one of the
 * same name; problems go to dg at positions in file */
void symbol_read(struct symset **sets, int *nsets, struct _xmlNode *x, const char *file,
	struct diag *dg);
void symbol_free(struct symset *sets, int nsets);

/* the set named name, or NULL */
const struct symset *symbol_set(const struct layout *lay, const char *name);
/* the symbol of set s for value (exact match), or NULL */
const struct symdef *symbol_find(const struct symset *s, const char *value);
/* look value up in set; an unknown set or value is an error at pos that
 * lists what there is ("what" names the source, e.g. "status") */
const struct symdef *symbol_lookup(const struct layout *lay, const char *set,
	const char *value, struct pos pos, const char *what, struct diag *dg);

/* check every inline <symbol> of the report against the layout */
int symbol_check(const struct doc *d, const struct layout *lay, struct diag *dg);

/* the legend block: per set its caption and "● = label, ◆ = label" */
void symbol_legend(struct flow *f, const struct node *n, double indent, int parent);

/* the attribute name of node n, or NULL */
const char *symbol_attr(const struct node *n, const char *name);

#endif
