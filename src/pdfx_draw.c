/*
 * pdfx_draw: the vector boxes of a laid-out page as PDF path operators:
 * rules (solid or dashed), status symbols (BOX_SHAPE: filled discs,
 * diamonds, squares and triangles; stroked arrows, cross and ring) and
 * polylines or polygons (BOX_PATH, for charts).  Boxes arrive checked from
 * pdf.c with y measured from the top of the page; PDF's y grows upwards,
 * hence the flips.  Colour and line width go through a small state cache;
 * anything else that changes the graphics state (caps, joins, dashes) is
 * set inside q … Q so that it cannot leak into later boxes.
 */
#include <math.h>
#include <string.h>

#include "pdfx.h"

/* stroked symbols without a line width get this fraction of their size */
#define DRAW_LW 0.12
/* arrow heads: how far the arms reach back (and aside) from the tip */
#define DRAW_HEAD 0.35

static float draw_unit(float v)
{
	return v > 0 ? v < 1 ? v : 1 : 0;
}

struct rgb pdfx_color(struct rgb c)
{
	struct rgb r = { draw_unit(c.r), draw_unit(c.g), draw_unit(c.b) };
	return r;
}

static int draw_same(struct rgb a, struct rgb b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

void pdfx_gs_reset(struct pdfx_gs *gs)
{
	struct rgb black = { 0, 0, 0 };
	gs->fill = black;
	gs->stroke = black;
	gs->lw = 1;
}

void pdfx_fill(HPDF_Page page, struct pdfx_gs *gs, struct rgb col)
{
	col = pdfx_color(col);
	if (!draw_same(col, gs->fill))
		HPDF_Page_SetRGBFill(page, col.r, col.g, col.b);
	gs->fill = col;
}

void pdfx_stroke(HPDF_Page page, struct pdfx_gs *gs, struct rgb col, double lw)
{
	col = pdfx_color(col);
	if (!draw_same(col, gs->stroke))
		HPDF_Page_SetRGBStroke(page, col.r, col.g, col.b);
	gs->stroke = col;
	if (lw != gs->lw)
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)lw);
	gs->lw = lw;
}

/* "[d d] 0 d": libharu's SetDash takes whole points only */
static void draw_dash(HPDF_Page page, double dash)
{
	char op[64];
	long long n = llround(dash * 100);
	snprintf(op, sizeof(op), "[%lld.%02lld %lld.%02lld] 0 d\n", n / 100, n % 100,
		n / 100, n % 100);
	pdfx_raw(page, op, strlen(op));
}

static void draw_move(HPDF_Page page, double x, double y)
{
	HPDF_Page_MoveTo(page, (HPDF_REAL)x, (HPDF_REAL)y);
}

static void draw_line(HPDF_Page page, double x, double y)
{
	HPDF_Page_LineTo(page, (HPDF_REAL)x, (HPDF_REAL)y);
}

void pdfx_rule(HPDF_Page page, struct pdfx_gs *gs, double pageh, const struct box *b)
{
	pdfx_stroke(page, gs, b->color, b->lw);
	if (b->dash > 0) {
		HPDF_Page_GSave(page);
		draw_dash(page, b->dash);
	}
	draw_move(page, b->x, pageh - b->y);
	draw_line(page, b->x + b->w, pageh - b->y - b->h);
	HPDF_Page_Stroke(page);
	if (b->dash > 0)
		HPDF_Page_GRestore(page);
}

/* a filled polygon through n points (x, y pairs in PDF coordinates) */
static void draw_polygon(HPDF_Page page, const double *p, int n)
{
	draw_move(page, p[0], p[1]);
	for (int i = 1; i < n; i++)
		draw_line(page, p[2 * i], p[2 * i + 1]);
	HPDF_Page_Fill(page);
}

/* the filled symbols; 0 when the shape is a stroked one */
static int draw_filled(HPDF_Page page, struct pdfx_gs *gs, const struct box *b, double cx,
	double cy, double r)
{
	switch (b->shape) {
	case SHAPE_CIRCLE:
		pdfx_fill(page, gs, b->color);
		HPDF_Page_Circle(page, (HPDF_REAL)cx, (HPDF_REAL)cy, (HPDF_REAL)r);
		HPDF_Page_Fill(page);
		return 1;
	case SHAPE_SQUARE:
		pdfx_fill(page, gs, b->color);
		HPDF_Page_Rectangle(page, (HPDF_REAL)(cx - r), (HPDF_REAL)(cy - r),
			(HPDF_REAL)(2 * r), (HPDF_REAL)(2 * r));
		HPDF_Page_Fill(page);
		return 1;
	case SHAPE_DIAMOND: {
		double p[] = { cx, cy + r, cx + r, cy, cx, cy - r, cx - r, cy };
		pdfx_fill(page, gs, b->color);
		draw_polygon(page, p, 4);
		return 1;
	}
	case SHAPE_TRIANGLE_UP: {
		double p[] = { cx - r, cy - r, cx + r, cy - r, cx, cy + r };
		pdfx_fill(page, gs, b->color);
		draw_polygon(page, p, 3);
		return 1;
	}
	case SHAPE_TRIANGLE_DOWN: {
		double p[] = { cx - r, cy + r, cx + r, cy + r, cx, cy - r };
		pdfx_fill(page, gs, b->color);
		draw_polygon(page, p, 3);
		return 1;
	}
	default:
		return 0;
	}
}

/* an open path: a shaft from (x0, y0) to the tip, then the head's arms */
static void draw_arrow(HPDF_Page page, double x0, double y0, double tx, double ty,
	double ax, double ay, double bx, double by)
{
	draw_move(page, x0, y0);
	draw_line(page, tx, ty);
	draw_move(page, ax, ay);
	draw_line(page, tx, ty);
	draw_line(page, bx, by);
}

void pdfx_shape(HPDF_Page page, struct pdfx_gs *gs, double pageh, const struct box *b)
{
	double s = b->w < b->h ? b->w : b->h;
	if (!(s > 0))
		return;
	/* centred in the box, as large as its shorter side */
	double r = s / 2, cx = b->x + b->w / 2, cy = pageh - b->y - b->h / 2;
	if (draw_filled(page, gs, b, cx, cy, r))
		return;
	double lw = b->lw > 0 ? b->lw : DRAW_LW * s;
	if (lw > r)
		lw = r;
	pdfx_stroke(page, gs, b->color, lw);
	/* round ends stick out by half the width: keep them in the box */
	double in = lw / 2, a = DRAW_HEAD * s, d = a * 1.41421356;
	double l = cx - r + in, rt = cx + r - in, bt = cy - r + in, tp = cy + r - in;
	HPDF_Page_GSave(page);
	HPDF_Page_SetLineCap(page, HPDF_ROUND_END);
	HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
	switch (b->shape) {
	case SHAPE_ARROW_UP:
		draw_arrow(page, cx, bt, cx, tp, cx - a, tp - a, cx + a, tp - a);
		break;
	case SHAPE_ARROW_DOWN:
		draw_arrow(page, cx, tp, cx, bt, cx - a, bt + a, cx + a, bt + a);
		break;
	case SHAPE_ARROW_RIGHT:
		draw_arrow(page, l, cy, rt, cy, rt - a, cy + a, rt - a, cy - a);
		break;
	case SHAPE_ARROW_UPRIGHT:
		/* diagonal arrows: arms along the axes, as long as the 45° arms
		 * of the straight ones */
		draw_arrow(page, l, bt, rt, tp, rt - d, tp, rt, tp - d);
		break;
	case SHAPE_ARROW_DOWNRIGHT:
		draw_arrow(page, l, tp, rt, bt, rt - d, bt, rt, bt + d);
		break;
	case SHAPE_CROSS:
		draw_move(page, l, bt);
		draw_line(page, rt, tp);
		draw_move(page, l, tp);
		draw_line(page, rt, bt);
		break;
	default:	/* SHAPE_RING, and anything unknown drawn as "no status" */
		HPDF_Page_Circle(page, (HPDF_REAL)cx, (HPDF_REAL)cy, (HPDF_REAL)(r - in));
		break;
	}
	HPDF_Page_Stroke(page);
	HPDF_Page_GRestore(page);
}

void pdfx_path(HPDF_Page page, struct pdfx_gs *gs, double pageh, const struct box *b)
{
	if (b->npt < 2)
		return;
	if (b->closed)
		pdfx_fill(page, gs, b->color);
	else
		pdfx_stroke(page, gs, b->color, b->lw);
	/* round joins: chart lines turn sharply, and miters would spike */
	HPDF_Page_GSave(page);
	HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
	if (!b->closed && b->dash > 0)
		draw_dash(page, b->dash);
	draw_move(page, b->pt[0], pageh - b->pt[1]);
	for (int i = 1; i < b->npt; i++)
		draw_line(page, b->pt[2 * i], pageh - b->pt[2 * i + 1]);
	if (b->closed)
		HPDF_Page_Fill(page);
	else
		HPDF_Page_Stroke(page);
	HPDF_Page_GRestore(page);
}
