/*
 * chart: column, bar and line charts drawn as vectors from CSV data.  The
 * loader (parse.c) fills a struct chartdef from <chart>; layout reads the
 * CSV, chooses the axes (axis.c) and draws the chart as rectangles, rules,
 * paths, markers and text boxes in the layout's fonts and chart colours.
 * In the text flow a chart and its caption are one unbreakable block; a
 * table cell can place one with chart_layout.
 */
#ifndef FOLIO_CHART_H
#define FOLIO_CHART_H

#include <stddef.h>

#include "flow.h"

/* at most this many series per chart and categories (CSV rows) */
#define CHART_MAXSERIES 12
#define CHART_MAXCATS 500
/* values this large cannot be charted (ticks are exact decimals) */
#define CHART_MAXVALUE 1e15

enum chart_type {
	CHART_COLUMN,		/* vertical bars; several series stand side by side */
	CHART_GROUPED,		/* the same, asked for by name */
	CHART_STACKED,		/* vertical bars, series stacked on each other */
	CHART_BAR,		/* horizontal bars, categories top to bottom */
	CHART_LINE,		/* one line per series */
	CHART_LINEMARK,		/* lines with a marker at every value */
};

/* one series: a column of the CSV */
struct chartseries {
	const char *column;	/* header name of its column */
	const char *label;	/* legend text; NULL = the column name */
	struct pos pos;		/* the <series> element */
};

/* a chart as the report defines it */
struct chartdef {
	enum chart_type type;
	const char *src;	/* CSV path as written, relative to the report */
	const char *category;	/* header name of the category column */
	struct chartseries *series;	/* at least one */
	int nseries;
	const char *caption;	/* plain text above the chart, or NULL */
	const char *cattitle;	/* title of the category axis, or NULL */
	const char *valtitle;	/* title of the value axis ("Andel, %"), or NULL */
	const char *alt;	/* text alternative; NULL = generated */
	double width;		/* fraction of the available width, 0..1 */
	double height;		/* height of the drawing below the caption, pt; 0 = by aspect */
	double aspect;		/* width / height when height is 0; 0 = the layout's */
	int percent;		/* 1 = values are percent, 0 = not, -1 = as the data says */
	int hastarget;		/* a reference line is drawn at target */
	double target;		/* its value */
	const char *targetlabel;	/* its label ("Målvärde"), or NULL */
};

/* a value axis: ticks (k0 + i) × mant × 10^exp for i = 0 … n-1 */
struct axis {
	double lo, hi;		/* first and last tick */
	double step;		/* distance between ticks */
	long long k0;		/* lo = k0 × step */
	int n;			/* number of ticks, at least 2 */
	int mant;		/* 1, 2 or 5 */
	int exp;		/* power of ten of the step */
};

/* ticks covering lo … hi in at most maxint intervals (clamped to 2 … 50),
 * the smallest 1, 2 or 5 × 10^n step that does it; zero set: the range
 * also covers 0 (bars grow from it).  -1 when a bound is not finite or
 * beyond CHART_MAXVALUE */
int axis_ticks(double lo, double hi, int maxint, int zero, struct axis *a);
/* value of tick i */
double axis_value(const struct axis *a, int i);
/* tick i the Swedish way ("1 000", "−10", "12,5 %"); its length, -1 when
 * out does not hold it */
int axis_label(const struct axis *a, int i, int percent, char *out, size_t n);
/* show every k-th of n category labels of widths w, centred in slots of
 * width slot, so that neighbours keep gap apart; returns k (1 = all) */
int axis_thin(const double *w, int n, double slot, double gap);
/* the month a category names: "2024-01", "2024M01", "januari", "jan",
 * "Jan." → 1 … 12, with *year set (0 when the text has none); 0 if none */
int axis_month(const char *s, int *year);
/* Swedish abbreviation of month m (1 … 12): "jan", "maj", "okt" */
const char *axis_monthname(int m);

/* chart type by name ("column", "line-markers" …); -1 when unknown */
int chart_typename(const char *s);
/* lay out chart n (an N_CHART) with its caption in width w, its top-left at
 * (x, y) in v's coordinates; its Figure and Caption elements become children
 * of parent.  Returns the height used, or -1 after an error (reported) */
double chart_layout(struct flow *f, const struct node *n, double x, double y, double w,
	int parent, struct vitem *v, int *cap);
/* a chart block in the text flow: one unbreakable item, indented by indent */
void chart_flow(struct flow *f, const struct node *n, double indent, int parent);

#endif
