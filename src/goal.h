/*
 * goal: the follow-up of goals.  Goal blocks (Effektmål, Mål, Uppdrag,
 * Strategi) come from a goal CSV, with their indicators from a second CSV
 * and their comments from the report; the summary of a report's goals per
 * forecast colour is counted from the same data, never typed; internal
 * control lists risks and actions with their status from a CSV.  Symbols
 * are those of the layout's sets (symbol.h); tables are set by the table
 * engine (table.h) from rows built here.
 */
#ifndef FOLIO_GOAL_H
#define FOLIO_GOAL_H

#include "flow.h"
#include "symbol.h"

/* symbol sets the data columns use */
#define GOAL_FORECAST "prognos"
#define GOAL_TREND "trend"
#define GOAL_STATUS "indikator"
#define GOAL_CONTROL "internkontroll"

/* <goals>: the goal blocks of one section */
void goal_flow(struct flow *f, const struct node *n, double indent, int parent);
/* <goal-summary>: one row per kind of goal with its count, and the number of
 * goals per forecast symbol, over every <goals> of the report */
void goal_summary(struct flow *f, const struct node *n, double indent, int parent);
/* <internal-control>: per area a heading, per risk its statement and a
 * Status | Åtgärd table */
void goal_intctrl(struct flow *f, const struct node *n, double indent, int parent);

/* set used[i] for every symbol i of set s that the report's goal data and
 * internal control use (their errors are reported where they are set) */
void goal_used(const struct doc *d, const struct layout *lay, const struct symset *s,
	char *used);

/* the counts of the summary: per kind (in order of first appearance) the
 * number of goals per forecast symbol; returns the number of kinds (at most
 * max), kinds[] point into data that lives as long as d */
struct goalcount {
	char kind[64];		/* "Effektmål" */
	int n[SYMBOL_MAXSYMS];	/* per symbol of the forecast set */
	int total;		/* goals of this kind with a forecast */
};
int goal_count(const struct doc *d, const struct layout *lay, struct goalcount *c, int max);

#endif
