/*
 * chart: draw a <chart> from its CSV data.  The definition arrives from the
 * loader as a struct chartdef on an N_CHART node; the CSV is read here, at
 * layout, relative to the report's directory, and every value is checked
 * (text in a numeric column is an error at the cell's file:line:column).
 * The chart is drawn as boxes relative to the item it is placed in: filled
 * rectangles for bars, rules for gridlines and axes, paths for lines,
 * shapes for markers and text runs set by para.c in the layout's faces, so
 * a missing glyph falls back and is reported like anywhere else.  The
 * caption is a "Caption" structure element and everything else one
 * "Figure" with a text alternative; the look comes from <chart-style>.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "csv.h"
#include "num.h"

/* the data of one chart, as read from its CSV */
struct cdata {
	int ncat;		/* categories (data rows) */
	int nser;		/* series */
	char **cat;		/* category labels as shown ("jan", "Norr"), in the pdoc */
	double *v;		/* series s of category i at [i * nser + s]; NAN = missing */
	int percent;		/* the values are percentages */
	int months;		/* every category is a month */
	double vmin, vmax;	/* smallest and largest value (for the text alternative) */
	double lo, hi;		/* range the value axis must cover (stacks: their sums) */
	int any;		/* at least one value is present */
};

/* where the boxes of one chart go */
struct cctx {
	struct flow *f;
	const struct chartstyle *cs;
	struct vitem *v;	/* the item receiving the boxes */
	int *cap;		/* its box capacity */
	double ox, oy;		/* the drawing's top-left in the item */
	int tag;		/* the Figure element */
	struct style st;	/* chart text: face, size, colour */
	struct pos pos;		/* the <chart>, for messages */
};

/* a category label set in lines */
struct clabel {
	struct pline *l;	/* the lines */
	int n;			/* how many */
	double w;		/* width of the widest */
};

static const char *const chart_types[] = {"column", "grouped-column", "stacked-column",
	"bar", "line", "line-markers"};

int chart_typename(const char *s)
{
	for (int i = 0; i < (int)(sizeof(chart_types) / sizeof(chart_types[0])); i++)
		if (strcmp(s, chart_types[i]) == 0)
			return i;
	return -1;
}

static int chart_isline(const struct chartdef *def)
{
	return def->type == CHART_LINE || def->type == CHART_LINEMARK;
}

/* a value the Swedish way with the decimals it needs (at most 6) */
static void chart_fmt(double v, int percent, char *out, size_t n)
{
	char b[64];
	snprintf(b, sizeof(b), "%.6f", v);
	char *e = b + strlen(b);
	while (e > b && e[-1] == '0')
		*--e = '\0';
	if (e > b && e[-1] == '.')
		e[-1] = '\0';
	struct numval nv;
	num_parse(b, &nv);
	nv.kind = percent ? NUM_PERCENT : NUM_NUMBER;
	struct numfmt f = { .decimals = -1, .minus = "\u2212", .unit = "" };
	if (num_format(&nv, &f, out, n) < 0)
		snprintf(out, n, "%s", b);
}

/* category labels: months abbreviated the Swedish way when every category
 * is a month ("2024-01", "januari"), with the year on the first and on
 * every January when the data spans years; other text as written */
static void chart_categories(struct flow *f, const struct csv *t, int col, struct cdata *d)
{
	int years = 0, y0 = -1, months = 1;
	for (int i = 0; i < d->ncat && months; i++) {
		int y;
		months = axis_month(csv_cell(t, i, col), &y) > 0;
		if (months && y0 >= 0 && y != y0)
			years = 1;
		y0 = y;
	}
	for (int i = 0; i < d->ncat; i++) {
		const char *s = csv_cell(t, i, col);
		char b[32];
		int y, m = months ? axis_month(s, &y) : 0;
		if (m && years && y && (i == 0 || m == 1))
			snprintf(b, sizeof(b), "%s %d", axis_monthname(m), y);
		else if (m)
			snprintf(b, sizeof(b), "%s", axis_monthname(m));
		char *c = arena_strdup(&f->pd->mem, m ? b : s);
		/* a line break inside quotes, or a tab, is a space on a label */
		for (char *p = c; *p; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
		d->cat[i] = c;
	}
	d->months = months;
}

/* read the CSV and check every value; -1 after an error */
static int chart_load(struct flow *f, const struct node *n, struct cdata *d)
{
	const struct chartdef *def = n->chart;
	memset(d, 0, sizeof(*d));
	char *path = path_join(doc_dir(n, f->d), def->src);
	struct csv *t = csv_read(path, 0, f->dg);
	free(path);
	if (!t)
		return -1;
	int errs = f->dg->nerr, col[CHART_MAXSERIES];
	int cc = csv_col(t, def->category);
	if (cc < 0)
		diag_error(f->dg, n->pos, "%s has no column \"%s\" for the categories",
			csv_file(t), def->category);
	for (int s = 0; s < def->nseries; s++)
		if ((col[s] = csv_col(t, def->series[s].column)) < 0)
			diag_error(f->dg, def->series[s].pos, "%s has no column \"%s\"",
				csv_file(t), def->series[s].column);
	d->ncat = csv_nrows(t);
	d->nser = def->nseries;
	if (d->ncat == 0 || d->ncat > CHART_MAXCATS || d->nser == 0)
		diag_error(f->dg, n->pos, "a chart needs 1 to %d rows of data and at least one "
			"series; %s has %d rows", CHART_MAXCATS, csv_file(t), d->ncat);
	if (f->dg->nerr > errs) {
		csv_free(t);
		return -1;
	}
	d->cat = arena_alloc(&f->pd->mem, sizeof(*d->cat) * (size_t)d->ncat);
	d->v = xcalloc((size_t)d->ncat * (size_t)d->nser, sizeof(*d->v));
	chart_categories(f, t, cc, d);
	int allpct = 1;
	for (int i = 0; i < d->ncat; i++) {
		double pos = 0, neg = 0;
		for (int s = 0; s < d->nser; s++) {
			struct numval nv;
			const char *cell = csv_cell(t, i, col[s]);
			enum numkind k = num_parse(cell, &nv);
			double v = NAN;
			if (k == NUM_NUMBER || k == NUM_PERCENT)
				v = (double)nv.d.m / pow(10, nv.d.scale);
			if (k == NUM_TEXT || fabs(v) >= CHART_MAXVALUE)
				diag_error(f->dg, csv_pos(t, i, col[s]), "\"%s\" in column \"%s\" is not "
					"a number a chart can show; leave the cell empty for a missing "
					"value", cell, def->series[s].column);
			d->v[i * d->nser + s] = v;
			if (isnan(v) || fabs(v) >= CHART_MAXVALUE)
				continue;
			allpct &= k == NUM_PERCENT;
			d->vmin = d->any && d->vmin < v ? d->vmin : v;
			d->vmax = d->any && d->vmax > v ? d->vmax : v;
			d->any = 1;
			if (v >= 0)
				pos += v;
			else
				neg += v;
		}
		if (def->type == CHART_STACKED) {
			d->lo = neg < d->lo ? neg : d->lo;
			d->hi = pos > d->hi ? pos : d->hi;
		}
	}
	csv_free(t);
	if (def->type != CHART_STACKED) {
		d->lo = d->vmin;
		d->hi = d->vmax;
	}
	if (!d->any)
		d->lo = 0, d->hi = 1;
	if (def->hastarget && fabs(def->target) < CHART_MAXVALUE) {
		d->lo = def->target < d->lo ? def->target : d->lo;
		d->hi = def->target > d->hi ? def->target : d->hi;
	}
	d->percent = def->percent >= 0 ? def->percent : d->any && allpct;
	return f->dg->nerr > errs ? -1 : 0;
}

/* s set in lines at most maxw wide, or one line when maxw is 0 */
static int chart_lines(struct cctx *c, const char *s, double maxw, const struct style *st,
	int tag, struct pline **out)
{
	struct para p;
	para_init(&p, c->f->lay, &c->f->pd->mem, c->f->dg, 1);
	para_text(&p, s, strlen(s), st->face, st, tag, -1, c->pos);
	para_finish(&p, st);
	double w = maxw > 0 ? maxw : 1e6;
	struct brkshape sh = { w, w, 1 };
	struct brkres r = {0};
	brk_lines(p.it, p.n, &sh, BRK_FIRSTFIT, &r);
	*out = xcalloc((size_t)(r.nline > 0 ? r.nline : 1), sizeof(**out));
	for (int l = 0; l < r.nline; l++)
		para_setline(&p, &r, l, ALIGN_LEFT, w, &(*out)[l], &c->f->pd->mem);
	int n = r.nline;
	brk_free(&r);
	para_free(&p);
	return n;
}

static void chart_freelines(struct pline *l, int n)
{
	for (int i = 0; i < n; i++)
		free(l[i].run);
	free(l);
}

/* put a set line with its start at x (align 0), centred on x (1) or
 * ending at x (2), on baseline base */
static void chart_putline(struct cctx *c, const struct pline *pl, double x, double base,
	int align)
{
	double dx = align == 1 ? -pl->width / 2 : align == 2 ? -pl->width : 0;
	for (int k = 0; k < pl->nrun; k++) {
		struct vbox *b = flow_box(c->v, c->cap);
		b->b = pl->run[k].b;
		b->b.x += c->ox + x + dx;
		b->b.y += c->oy + base;	/* runs are relative to the baseline */
	}
}

/* one line of chart text; returns its width (nothing drawn when draw is 0) */
static double chart_text(struct cctx *c, const char *s, double x, double base, int align,
	int draw)
{
	struct pline *l;
	int n = chart_lines(c, s, 0, &c->st, c->tag, &l);
	double w = n > 0 ? l[0].width : 0;
	if (n > 0 && draw)
		chart_putline(c, &l[0], x, base, align);
	chart_freelines(l, n);
	return w;
}

static struct box *chart_box(struct cctx *c, enum box_type t)
{
	struct vbox *vb = flow_box(c->v, c->cap);
	vb->b.type = t;
	vb->b.tag = c->tag;
	return &vb->b;
}

static void chart_rect(struct cctx *c, double x, double y, double w, double h, struct rgb col)
{
	if (!(w > 0.01 && h > 0.01))
		return;
	struct box *b = chart_box(c, BOX_RECT);
	b->x = c->ox + x;
	b->y = c->oy + y;
	b->w = w;
	b->h = h;
	b->color = col;
}

static void chart_rule(struct cctx *c, double x1, double y1, double x2, double y2, double lw,
	struct rgb col, double dash)
{
	struct box *b = chart_box(c, BOX_RULE);
	b->x = c->ox + x1;
	b->y = c->oy + y1;
	b->w = x2 - x1;
	b->h = y2 - y1;
	b->lw = lw;
	b->color = col;
	b->dash = dash;
}

/* a polyline through n points (x, y pairs in chart coordinates); the
 * points are kept in the item's coordinates like the box's x and y */
static void chart_path(struct cctx *c, const double *pt, int n, double lw, struct rgb col,
	double dash)
{
	double *p = arena_alloc(&c->f->pd->mem, sizeof(*p) * 2 * (size_t)n);
	double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
	for (int i = 0; i < n; i++) {
		p[2 * i] = c->ox + pt[2 * i];
		p[2 * i + 1] = c->oy + pt[2 * i + 1];
		x0 = fmin(x0, p[2 * i]);
		x1 = fmax(x1, p[2 * i]);
		y0 = fmin(y0, p[2 * i + 1]);
		y1 = fmax(y1, p[2 * i + 1]);
	}
	struct box *b = chart_box(c, BOX_PATH);
	b->x = x0;
	b->y = y0;
	b->w = x1 - x0;
	b->h = y1 - y0;
	b->pt = p;
	b->npt = n;
	b->lw = lw;
	b->color = col;
	b->dash = dash;
}

static void chart_marker(struct cctx *c, double cx, double cy, enum shape sh, struct rgb col)
{
	double s = c->cs->markersize;
	struct box *b = chart_box(c, BOX_SHAPE);
	b->x = c->ox + cx - s / 2;
	b->y = c->oy + cy - s / 2;
	b->w = s;
	b->h = s;
	b->shape = sh;
	b->color = col;
	b->lw = c->cs->linewidth / 2;
}

static const struct chartseriesstyle *chart_series(const struct cctx *c, int s)
{
	static const struct chartseriesstyle black = { {0, 0, 0}, 0, SHAPE_CIRCLE };
	return c->cs->nseries > 0 ? &c->cs->series[s % c->cs->nseries] : &black;
}

/* the reference line's label: "Målvärde 80 %", in the pdoc */
static const char *chart_targetlabel(struct cctx *c, const struct chartdef *def, int percent)
{
	char v[64];
	chart_fmt(def->target, percent, v, sizeof(v));
	struct buf b = {0};
	if (def->targetlabel)
		buf_printf(&b, "%s ", def->targetlabel);
	buf_puts(&b, v);
	const char *s = arena_strdup(&c->f->pd->mem, b.s);
	buf_free(&b);
	return s;
}

/* the sample of legend entry e (a series, or the reference line at nseries) */
static void chart_sample(struct cctx *c, const struct chartdef *def, int e, double x,
	double base, double sw)
{
	double fs = c->cs->size, my = base - fs * 0.35;
	if (e == def->nseries) {
		chart_rule(c, x, my, x + sw, my, 1, c->cs->target, 3);
		return;
	}
	const struct chartseriesstyle *ss = chart_series(c, e);
	if (!chart_isline(def)) {
		chart_rect(c, x + (sw - fs * 0.9) / 2, base - fs * 0.8, fs * 0.9, fs * 0.9, ss->color);
		return;
	}
	chart_rule(c, x, my, x + sw, my, c->cs->linewidth, ss->color, ss->dash);
	if (def->type == CHART_LINEMARK)
		chart_marker(c, x + sw / 2, my, ss->marker, ss->color);
}

/* the legend below the drawing at y, entries centred in rows of width W:
 * the series when there are two or more, and the reference line; returns
 * its height; draws only when draw is set */
static double chart_legend(struct cctx *c, const struct chartdef *def, int percent, double y,
	double W, int draw)
{
	int first = def->nseries > 1 ? 0 : def->nseries;
	int last = def->nseries + def->hastarget;
	if (first == last)
		return 0;
	double fs = c->cs->size, lead = fs * 1.25, sep = fs * 1.5, pad = fs * 0.4;
	double sw = chart_isline(def) || def->hastarget ? fs * 2.4 : fs * 0.9;
	const char *lab[CHART_MAXSERIES + 1];
	double ew[CHART_MAXSERIES + 1];
	for (int e = first; e < last; e++) {
		if (e == def->nseries)
			lab[e] = chart_targetlabel(c, def, percent);
		else
			lab[e] = def->series[e].label ? def->series[e].label : def->series[e].column;
		ew[e] = sw + pad + chart_text(c, lab[e], 0, 0, 0, 0);
	}
	int rows = 0;
	for (int e = first; e < last; rows++) {
		int to = e;
		double w = ew[to++];
		while (to < last && w + sep + ew[to] <= W)
			w += sep + ew[to++];
		double base = y + fs * 0.6 + rows * lead + fs, x = (W - w) / 2;
		for (; draw && e < to; e++) {
			chart_sample(c, def, e, x, base, sw);
			chart_text(c, lab[e], x + sw + pad, base, 0, 1);
			x += ew[e] + sep;
		}
		e = to;
	}
	return fs * 0.6 + rows * lead;
}

/* category labels in slots of width slot: one line each when they fit,
 * else wrapped to two lines, else every k-th; returns the lines per label
 * and sets *k */
static int chart_catlabels(struct cctx *c, const struct cdata *d, double slot,
	struct clabel *cl, int *k)
{
	double gap = c->cs->size * 0.6, room = slot - gap, widest = 0;
	*k = 1;
	for (int i = 0; i < d->ncat; i++) {
		cl[i].n = chart_lines(c, d->cat[i], 0, &c->st, c->tag, &cl[i].l);
		cl[i].w = cl[i].n > 0 ? cl[i].l[0].width : 0;
		widest = fmax(widest, cl[i].w);
	}
	if (widest <= room)
		return 1;
	/* two lines where every label then fits its slot */
	struct clabel *wr = xcalloc((size_t)d->ncat, sizeof(*wr));
	int ok = room > c->cs->size * 2;
	for (int i = 0; ok && i < d->ncat; i++) {
		wr[i].n = chart_lines(c, d->cat[i], room, &c->st, c->tag, &wr[i].l);
		for (int l = 0; l < wr[i].n; l++)
			wr[i].w = fmax(wr[i].w, wr[i].l[l].width);
		ok = wr[i].n <= 2 && wr[i].w <= room + 0.01;
	}
	for (int i = 0; i < d->ncat; i++) {
		if (ok) {
			chart_freelines(cl[i].l, cl[i].n);
			cl[i] = wr[i];
		} else {
			chart_freelines(wr[i].l, wr[i].n);
		}
	}
	free(wr);
	if (ok)
		return 2;
	double *w = xmalloc(sizeof(*w) * (size_t)d->ncat);
	for (int i = 0; i < d->ncat; i++)
		w[i] = cl[i].w;
	*k = axis_thin(w, d->ncat, slot, gap);
	free(w);
	/* months: a step that divides the year labels the same months each year */
	while (d->months && *k < 12 && 12 % *k)
		(*k)++;
	return 1;
}

/* y of value v on a vertical axis of height ph from py */
static double chart_ymap(const struct axis *ax, double v, double py, double ph)
{
	return py + (ax->hi - v) / (ax->hi - ax->lo) * ph;
}

/* bars of category i in a vertical chart, in the slot from x */
static void chart_columns(struct cctx *c, const struct chartdef *def, const struct cdata *d,
	int i, double x, double slot, const struct axis *ax, double py, double ph)
{
	int ns = d->nser;
	double y0 = chart_ymap(ax, 0, py, ph);
	if (def->type == CHART_STACKED) {
		double gw = slot * 0.6, pos = 0, neg = 0;
		for (int s = 0; s < ns; s++) {
			double v = d->v[i * ns + s];
			if (isnan(v))
				continue;
			double a = v >= 0 ? pos : neg, b = a + v;
			double ya = chart_ymap(ax, a, py, ph), yb = chart_ymap(ax, b, py, ph);
			chart_rect(c, x + (slot - gw) / 2, fmin(ya, yb), gw, fabs(ya - yb),
				chart_series(c, s)->color);
			if (v >= 0)
				pos = b;
			else
				neg = b;
		}
		return;
	}
	double gw = slot * (ns > 1 ? 0.8 : 0.6), bw = gw / ns;
	double gap = ns > 1 ? fmin(1, bw * 0.1) : 0;
	for (int s = 0; s < ns; s++) {
		double v = d->v[i * ns + s];
		if (isnan(v))
			continue;
		double yv = chart_ymap(ax, v, py, ph);
		chart_rect(c, x + (slot - gw) / 2 + s * bw, fmin(yv, y0), bw - gap, fabs(yv - y0),
			chart_series(c, s)->color);
	}
}

/* the lines of a line chart: one path per run of present values; a value
 * alone between gaps gets a marker so that it shows */
static void chart_series_lines(struct cctx *c, const struct chartdef *def,
	const struct cdata *d, const struct axis *ax, double px, double slot, double py,
	double ph)
{
	double *pt = xmalloc(sizeof(*pt) * 2 * (size_t)d->ncat);
	for (int s = 0; s < d->nser; s++) {
		const struct chartseriesstyle *ss = chart_series(c, s);
		int n = 0;
		for (int i = 0; i <= d->ncat; i++) {
			double v = i < d->ncat ? d->v[i * d->nser + s] : NAN;
			if (!isnan(v)) {
				pt[2 * n] = px + (i + 0.5) * slot;
				pt[2 * n + 1] = chart_ymap(ax, v, py, ph);
				n++;
				continue;
			}
			if (n >= 2)
				chart_path(c, pt, n, c->cs->linewidth, ss->color, ss->dash);
			for (int k = 0; k < n; k++)
				if (def->type == CHART_LINEMARK || n == 1)
					chart_marker(c, pt[2 * k], pt[2 * k + 1], ss->marker, ss->color);
			n = 0;
		}
	}
	free(pt);
}

/* column, stacked and line charts in W × H; returns the height used */
static double chart_vertical(struct cctx *c, const struct chartdef *def, const struct cdata *d,
	double W, double H)
{
	const struct chartstyle *cs = c->cs;
	double fs = cs->size, lead = fs * 1.25;
	double top = (def->valtitle ? lead : 0) + fs * 0.6;
	double cth = def->cattitle ? lead : 0;
	double legh = chart_legend(c, def, d->percent, 0, W, 0);
	double est = fmax(H - top - lead - fs * 0.4 - cth - legh, fs * 5);
	int maxint = (int)(est / (fs * 2.8));
	struct axis ax;
	if (axis_ticks(d->lo, d->hi, maxint < 2 ? 2 : maxint > 10 ? 10 : maxint,
			!chart_isline(def), &ax) < 0) {
		diag_error(c->f->dg, c->pos, "the chart's values cannot be put on an axis");
		return -1;
	}
	char lab[64];
	double lw = 0;
	for (int i = 0; i < ax.n; i++) {
		axis_label(&ax, i, d->percent, lab, sizeof(lab));
		lw = fmax(lw, chart_text(c, lab, 0, 0, 0, 0));
	}
	double px = lw + fs * 0.5, pw = fmax(W - px - fs * 0.5, fs * 4);
	double slot = pw / d->ncat;
	struct clabel *cl = xcalloc((size_t)d->ncat, sizeof(*cl));
	int k, nl = chart_catlabels(c, d, slot, cl, &k);
	double cath = nl * lead + fs * 0.4;
	double py = top, ph = fmax(H - top - cath - cth - legh, fs * 5);
	for (int i = 0; i < ax.n; i++) {
		double v = axis_value(&ax, i), y = chart_ymap(&ax, v, py, ph);
		if (v != 0)
			chart_rule(c, px, y, px + pw, y, 0.5, cs->grid, 0);
		axis_label(&ax, i, d->percent, lab, sizeof(lab));
		chart_text(c, lab, px - fs * 0.4, y + fs * 0.35, 2, 1);
	}
	if (!chart_isline(def))
		for (int i = 0; i < d->ncat; i++)
			chart_columns(c, def, d, i, px + i * slot, slot, &ax, py, ph);
	double y0 = chart_ymap(&ax, ax.lo <= 0 && ax.hi >= 0 ? 0 : ax.lo, py, ph);
	chart_rule(c, px, y0, px + pw, y0, 0.75, cs->axis, 0);
	if (chart_isline(def))
		chart_series_lines(c, def, d, &ax, px, slot, py, ph);
	if (def->hastarget) {
		double yt = chart_ymap(&ax, def->target, py, ph);
		chart_rule(c, px, yt, px + pw, yt, 1, cs->target, 3);
	}
	for (int i = 0; i < d->ncat; i++) {
		for (int l = 0; i % k == 0 && l < cl[i].n; l++)
			chart_putline(c, &cl[i].l[l], px + (i + 0.5) * slot,
				py + ph + fs * 0.3 + fs + l * lead, 1);
		chart_freelines(cl[i].l, cl[i].n);
	}
	free(cl);
	if (def->valtitle)
		chart_text(c, def->valtitle, 0, fs, 0, 1);
	if (def->cattitle)
		chart_text(c, def->cattitle, px + pw / 2, py + ph + cath + fs, 1, 1);
	chart_legend(c, def, d->percent, py + ph + cath + cth, W, 1);
	return py + ph + cath + cth + legh;
}

/* x of value v on a horizontal axis of width pw from px */
static double chart_xmap(const struct axis *ax, double v, double px, double pw)
{
	return px + (v - ax->lo) / (ax->hi - ax->lo) * pw;
}

/* horizontal bars in W × H; returns the height used */
static double chart_horizontal(struct cctx *c, const struct chartdef *def,
	const struct cdata *d, double W, double H)
{
	const struct chartstyle *cs = c->cs;
	double fs = cs->size, lead = fs * 1.25;
	double top = (def->cattitle ? lead : 0) + fs * 0.4;
	double vth = def->valtitle ? lead : 0, tickh = lead + fs * 0.3;
	double legh = chart_legend(c, def, d->percent, 0, W, 0);
	double py = top, ph = fmax(H - top - tickh - vth - legh, fs * 5);
	double row = ph / d->ncat, lw = 0;
	struct clabel *cl = xcalloc((size_t)d->ncat, sizeof(*cl));
	double *hh = xmalloc(sizeof(*hh) * (size_t)d->ncat);
	for (int i = 0; i < d->ncat; i++) {
		cl[i].n = chart_lines(c, d->cat[i], W * 0.4, &c->st, c->tag, &cl[i].l);
		for (int l = 0; l < cl[i].n; l++)
			lw = fmax(lw, cl[i].l[l].width);
		hh[i] = cl[i].n * lead;
	}
	int k = axis_thin(hh, d->ncat, row, fs * 0.2);
	free(hh);
	double px = lw + fs * 0.6, pw = fmax(W - px - fs, fs * 4);
	struct axis ax;
	char lab[64];
	for (int maxint = 10;; maxint--) {
		if (axis_ticks(d->lo, d->hi, maxint, 1, &ax) < 0) {
			diag_error(c->f->dg, c->pos, "the chart's values cannot be put on an axis");
			for (int i = 0; i < d->ncat; i++)
				chart_freelines(cl[i].l, cl[i].n);
			free(cl);
			return -1;
		}
		double wl = 0;
		for (int i = 0; i < ax.n; i++) {
			axis_label(&ax, i, d->percent, lab, sizeof(lab));
			wl = fmax(wl, chart_text(c, lab, 0, 0, 0, 0));
		}
		/* tick labels are centred on their ticks: keep the outer halves
		 * of the first and last inside the chart */
		px = fmax(lw + fs * 0.6, wl / 2);
		pw = fmax(W - px - fmax(fs, wl / 2), fs * 4);
		if ((wl + fs) * (ax.n - 1) <= pw || maxint <= 2)
			break;
	}
	for (int i = 0; i < ax.n; i++) {
		double v = axis_value(&ax, i), x = chart_xmap(&ax, v, px, pw);
		if (v != 0)
			chart_rule(c, x, py, x, py + ph, 0.5, cs->grid, 0);
		axis_label(&ax, i, d->percent, lab, sizeof(lab));
		chart_text(c, lab, x, py + ph + fs * 0.3 + fs, 1, 1);
	}
	int ns = d->nser;
	double x0 = chart_xmap(&ax, 0, px, pw);
	for (int i = 0; i < d->ncat; i++) {
		double ry = py + i * row, gh = row * (ns > 1 ? 0.8 : 0.6), bh = gh / ns;
		double gap = ns > 1 ? fmin(1, bh * 0.1) : 0;
		for (int s = 0; s < ns; s++) {
			double v = d->v[i * ns + s];
			if (isnan(v))
				continue;
			double xv = chart_xmap(&ax, v, px, pw);
			chart_rect(c, fmin(x0, xv), ry + (row - gh) / 2 + s * bh, fabs(xv - x0),
				bh - gap, chart_series(c, s)->color);
		}
	}
	chart_rule(c, x0, py, x0, py + ph, 0.75, cs->axis, 0);
	if (def->hastarget) {
		double xt = chart_xmap(&ax, def->target, px, pw);
		chart_rule(c, xt, py, xt, py + ph, 1, cs->target, 3);
	}
	for (int i = 0; i < d->ncat; i++) {
		double ry = py + i * row + (row - cl[i].n * lead) / 2;
		for (int l = 0; i % k == 0 && l < cl[i].n; l++)
			chart_putline(c, &cl[i].l[l], px - fs * 0.4, ry + l * lead + lead / 2 + fs * 0.35, 2);
		chart_freelines(cl[i].l, cl[i].n);
	}
	free(cl);
	if (def->cattitle)
		chart_text(c, def->cattitle, 0, fs, 0, 1);
	if (def->valtitle)
		chart_text(c, def->valtitle, px + pw / 2, py + ph + tickh + fs, 1, 1);
	chart_legend(c, def, d->percent, py + ph + tickh + vth, W, 1);
	return py + ph + tickh + vth + legh;
}

/* "Diagram: <caption>. Serier: 2023, 2024. Värden 62–91 %." */
static const char *chart_alt(struct flow *f, const struct chartdef *def, const struct cdata *d)
{
	struct buf b = {0};
	buf_puts(&b, "Diagram");
	if (def->caption && def->caption[0]) {
		buf_printf(&b, ": %s", def->caption);
		if (b.s[b.len - 1] == '.')
			b.s[--b.len] = '\0';
	}
	buf_puts(&b, ".");
	if (def->nseries > 1) {
		buf_puts(&b, " Serier: ");
		for (int s = 0; s < def->nseries; s++)
			buf_printf(&b, "%s%s", s ? ", " : "", def->series[s].label ?
				def->series[s].label : def->series[s].column);
		buf_puts(&b, ".");
	}
	if (d->any) {
		char lo[64], hi[64];
		chart_fmt(d->vmin, 0, lo, sizeof(lo));
		chart_fmt(d->vmax, 0, hi, sizeof(hi));
		buf_printf(&b, " V\u00e4rden %s\u2013%s%s.", lo, hi, d->percent ? "\u00a0%" : "");
	}
	const char *s = arena_strdup(&f->pd->mem, b.s);
	buf_free(&b);
	return s;
}

/* the caption in width w from the top; returns its height */
static double chart_caption(struct cctx *c, const char *text, int tag, double w,
	const struct style *st)
{
	struct pline *l;
	int n = chart_lines(c, text, w, st, tag, &l);
	double base = flow_baseline(c->f, st);
	for (int i = 0; i < n; i++)
		chart_putline(c, &l[i], 0, base + i * st->leading, 0);
	chart_freelines(l, n);
	return n * st->leading + c->cs->size * 0.5;
}

double chart_layout(struct flow *f, const struct node *n, double x, double y, double w,
	int parent, struct vitem *v, int *cap)
{
	const struct chartdef *def = n->chart;
	struct cdata d;
	if (!def || chart_load(f, n, &d) < 0) {
		if (def)
			free(d.v);
		return -1;
	}
	const struct chartstyle *cs = &f->lay->chart;
	struct cctx c = { .f = f, .cs = cs, .v = v, .cap = cap, .ox = x, .oy = y, .pos = n->pos };
	c.st = (struct style){ .face = FACE_REGULAR, .size = cs->size, .leading = cs->size * 1.25,
		.color = cs->text };
	double top = 0;
	if (def->caption && def->caption[0]) {
		const struct style *st = flow_style(f, NULL, cs->caption, n->pos);
		top = chart_caption(&c, def->caption, pdoc_selem(f->pd, "Caption", parent), w, st);
	}
	c.tag = pdoc_selem(f->pd, "Figure", parent);
	f->pd->selem[c.tag].alt = def->alt ? arena_strdup(&f->pd->mem, def->alt) :
		chart_alt(f, def, &d);
	/* the drawing: as asked, else by aspect; never taller than a page */
	double aspect = def->aspect > 0 ? def->aspect : cs->aspect > 0 ? cs->aspect : 1.8;
	double h = def->height > 0 ? def->height : w / aspect;
	double room = f->lay->ph - f->lay->mt - f->lay->mb - top - cs->size;
	h = fmax(fmin(h, room), cs->size * 8);
	c.oy = y + top;
	double used = def->type == CHART_BAR ? chart_horizontal(&c, def, &d, w, h) :
		chart_vertical(&c, def, &d, w, h);
	free(d.v);
	return used < 0 ? -1 : top + used;
}

void chart_flow(struct flow *f, const struct node *n, double indent, int parent)
{
	const struct style *st = flow_style(f, NULL, f->lay->chart.caption, n->pos);
	double avail = f->measure - indent;
	double w = avail * (n->chart && n->chart->width > 0 ? n->chart->width : 1);
	struct vitem it = { .type = V_BOX, .anchor = n->id ? n->serial : -1, .para = -1 };
	int cap = 0;
	double h = chart_layout(f, n, indent + (avail - w) / 2, 0, w, parent, &it, &cap);
	if (h < 0) {
		free(it.box);
		return;
	}
	flow_space(f, st->before);
	it.h = h;
	*flow_item(f->vl, V_BOX) = it;
	f->pending = fmax(flow_style(f, NULL, "body", n->pos)->after, f->lay->chart.size * 1.5);
}
