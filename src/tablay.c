/*
 * tablay: setting a table.  The model comes from table.c; the layout's
 * table style gives sizes, faces, padding, rules and shading.  Every cell
 * becomes a few paragraphs (para.c) that can be broken at any width, so the
 * column widths can be chosen like an automatic table layout: from the
 * widest unbreakable piece of each column (without, then with hyphenation)
 * and its width on one line.  A table that does not fit even so is set
 * again half a point smaller, down to the style's minimum size.
 *
 * In the vertical list the caption, the header (one box holding every
 * header row, marked for page.c to repeat) and the body rows follow each
 * other; a page may end between rows, and inside a tall row at a line
 * boundary of all its cells, where the row is cut into slices that each
 * carry their part of the rules.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "utf8.h"

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

/* ---- content ---- */

static struct tpar *tl_par(struct tlay *L, struct tcont *c, double indent, double gap)
{
	c->p = xgrow(c->p, sizeof(*c->p), c->n + 1, &c->cap);
	struct tpar *tp = &c->p[c->n++];
	memset(tp, 0, sizeof(*tp));
	para_init(&tp->p, L->f->lay, &L->f->pd->mem, L->f->dg, 1);
	tp->p.hyph = L->f->hyph;
	tp->p.pd = L->f->pd;	/* inline symbols get Span elements */
	tp->indent = indent;
	tp->gap = gap;
	return tp;
}

/* plain text; a line break in the data starts a new paragraph */
static void tl_text(struct tlay *L, struct tcont *c, const char *s, int face, struct pos pos)
{
	do {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		struct tpar *tp = tl_par(L, c, 0, 0);
		para_text(&tp->p, s, n, face, &L->cst, c->tag, -1, pos);
		para_finish(&tp->p, &L->cst);
		s = e ? e + 1 : NULL;
	} while (s);
}

/* paragraphs and lists of a cell; lists nest with the layout's indent */
static void tl_blocks(struct tlay *L, struct tcont *c, const struct node *n, int face,
	double indent, int depth)
{
	const struct layout *lay = L->f->lay;
	for (const struct node *k = n->first; k; k = k->next) {
		double gap = c->n ? L->cst.leading * 0.4 : 0;
		if (k->type == N_PARA) {
			struct tpar *tp = tl_par(L, c, indent, gap);
			para_inlines(&tp->p, k, face, &L->cst, c->tag, L->f->d);
			para_finish(&tp->p, &L->cst);
			continue;
		}
		if (k->type != N_LIST || depth > 8)
			continue;
		int num = k->start > 0 ? k->start : 1;
		for (const struct node *it = k->first; it; it = it->next, num++) {
			char lab[32];
			if (k->list == LIST_BULLET)
				snprintf(lab, sizeof(lab), "%s", lay->bullet[depth % 3]);
			else if (k->list == LIST_NUMBER)
				snprintf(lab, sizeof(lab), "%d.", num);
			else
				snprintf(lab, sizeof(lab), "%c)", 'a' + (num - 1) % 26);
			double li = L->cst.size * 1.2;
			const struct node *p = it->first;
			struct tpar *tp = tl_par(L, c, indent + li, c->n ? L->cst.leading * 0.2 : 0);
			tp->label = flow_label(L->f, lab, &L->cst, face, indent, c->tag);
			if (p && p->type == N_PARA) {
				para_inlines(&tp->p, p, face, &L->cst, c->tag, L->f->d);
				p = p->next;
			}
			para_finish(&tp->p, &L->cst);
			struct node sub = { .first = (struct node *)p };
			tl_blocks(L, c, &sub, face, indent + li, depth + 1);
		}
	}
}

/* the widest piece between break points, without and with hyphenation,
 * and the widest line between forced breaks */
static void tl_measure(const struct para *p, double *mn, double *hmn, double *mx)
{
	double seg = 0, hseg = 0, line = 0;
	for (int i = 0; i < p->n; i++) {
		const struct item *it = &p->it[i];
		int brk = 0;
		if (it->type == IT_BOX) {
			seg += it->width;
			hseg += it->width;
			line += it->width;
			continue;
		}
		if (it->type == IT_GLUE) {
			brk = i > 0 && p->it[i - 1].type == IT_BOX;
			line += it->width;
		} else if (it->penalty < BRK_INF) {
			if (it->flagged && it->width > 0) {
				/* a hyphenation point: a break only when hyphenating */
				*hmn = fmax(*hmn, hseg + it->width);
				hseg = 0;
				continue;
			}
			brk = 1;
		}
		if (brk) {
			*mn = fmax(*mn, seg);
			*hmn = fmax(*hmn, hseg);
			seg = hseg = 0;
		}
		if (it->type == IT_PENALTY && it->penalty <= -BRK_INF) {
			*mx = fmax(*mx, line);
			line = 0;
		}
	}
	*mn = fmax(*mn, seg);
	*hmn = fmax(*hmn, hseg);
	*mx = fmax(*mx, line);
}

/* split a number's text at its decimal mark (or where its digits end) */
static size_t tl_intlen(const char *s, char point)
{
	size_t i = 0, end = 0;
	for (; s[i]; i++) {
		if (s[i] == point && i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
			return i;
		if (s[i] >= '0' && s[i] <= '9')
			end = i + 1;
	}
	return end;
}

/* build the content of a cell at the current size */
static void tl_content(struct tlay *L, struct tcont *c, const struct tcell *cell,
	const struct tcol *col, int face, int numeric)
{
	const struct fontset *fs = &L->f->lay->fonts;
	c->face = face;
	if (numeric && cell->has && cell->text && col->align == TA_DECIMAL && cell->colspan == 1) {
		c->number = 1;
		c->num = flow_label(L->f, cell->text, &L->cst, face, 0, c->tag);
		size_t k = tl_intlen(cell->text, col->fmt.point == '.' ? '.' : ',');
		c->intw = font_width(&fs->face[c->num.run[0].b.face], cell->text, k, 1) *
			L->cst.size / 1000.0;
		c->min = c->hmin = c->max = c->num.run[0].b.w;
		return;
	}
	if (cell->node && cell->node->type == N_CELL) {
		tl_blocks(L, c, cell->node, face, 0, 0);
	} else if (cell->node) {
		struct tpar *tp = tl_par(L, c, 0, 0);
		para_inlines(&tp->p, cell->node, face, &L->cst, c->tag, L->f->d);
		para_finish(&tp->p, &L->cst);
	} else {
		tl_text(L, c, cell->text ? cell->text : "", face, cell->pos);
	}
	for (int i = 0; i < c->n; i++) {
		double mn = 0, hmn = 0, mx = 0;
		tl_measure(&c->p[i].p, &mn, &hmn, &mx);
		c->min = fmax(c->min, mn + c->p[i].indent);
		c->hmin = fmax(c->hmin, hmn + c->p[i].indent);
		c->max = fmax(c->max, mx + c->p[i].indent);
	}
}

static void tl_freecont(struct tcont *c)
{
	for (int i = 0; i < c->n; i++) {
		para_free(&c->p[i].p);
		free(c->p[i].label.run);
	}
	free(c->p);
	free(c->num.run);
	int tag = c->tag;
	memset(c, 0, sizeof(*c));
	c->tag = tag;
}

/* ---- boxes ---- */

static struct vbox *tl_box(struct trs *rs, double top)
{
	int cap = rs->cap;
	rs->b = xgrow(rs->b, sizeof(*rs->b), rs->nb + 1, &cap);
	rs->top = xrealloc(rs->top, sizeof(*rs->top) * (size_t)cap);
	rs->cap = cap;
	struct vbox *b = &rs->b[rs->nb];
	rs->top[rs->nb++] = top;
	memset(b, 0, sizeof(*b));
	b->target = -1;
	b->pageref = -1;
	b->b.tag = -1;
	b->b.dest_page = -1;
	return b;
}

static void tl_line(struct trs *rs, double top, double bot, int cell)
{
	int cap = rs->capl;
	rs->lt = xgrow(rs->lt, sizeof(*rs->lt), rs->nl + 1, &cap);
	rs->lb = xrealloc(rs->lb, sizeof(*rs->lb) * (size_t)cap);
	rs->lc = xrealloc(rs->lc, sizeof(*rs->lc) * (size_t)cap);
	rs->capl = cap;
	rs->lt[rs->nl] = top;
	rs->lb[rs->nl] = bot;
	rs->lc[rs->nl++] = cell;
}

static void tl_freers(struct trs *rs)
{
	free(rs->b);
	free(rs->top);
	free(rs->lt);
	free(rs->lb);
	free(rs->lc);
	memset(rs, 0, sizeof(*rs));
}

static void tl_rule(struct trs *rs, double x, double y, double w, double lw, struct rgb c)
{
	if (lw <= 0 || w <= 0)
		return;
	struct vbox *b = tl_box(rs, y);
	b->b.type = BOX_RULE;
	b->b.x = x;
	b->b.y = y;
	b->b.w = w;
	b->b.lw = lw;
	b->b.color = c;
}

/* set content c in width w at (x, y) of rs; returns its height.  With
 * dry set, only measures. */
static double tl_set(struct tlay *L, struct tcont *c, double w, enum align al, double x,
	double y, struct trs *rs, int cell, int dry)
{
	double lead = L->cst.leading, base = flow_baseline(L->f, &L->cst), h = 0;
	if (c->number) {
		if (!dry) {
			struct vbox *b = tl_box(rs, y);
			b->b = c->num.run[0].b;
			b->b.x = x;
			b->b.y = y + base;
			tl_line(rs, y, y + lead, cell);
		}
		return lead;
	}
	for (int i = 0; i < c->n; i++) {
		struct tpar *tp = &c->p[i];
		double mw = fmax(w - tp->indent, 1);
		struct brkshape sh = { mw, mw, 1 };
		struct brkres r = {0};
		brk_lines(tp->p.it, tp->p.n, &sh, BRK_TOTALFIT, &r);
		h += tp->gap;
		for (int l = 0; l < r.nline; l++, h += lead) {
			if (dry)
				continue;
			double top = y + h;
			tl_line(rs, top, top + lead, cell);
			if (l == 0)
				for (int k = 0; k < tp->label.nrun; k++) {
					struct vbox *b = tl_box(rs, top);
					b->b = tp->label.run[k].b;
					b->b.x += x;
					b->b.y = top + base;
				}
			struct pline pl;
			para_setline(&tp->p, &r, l, al, mw, &pl, &L->f->pd->mem);
			for (int k = 0; k < pl.nrun; k++) {
				struct vbox *b = tl_box(rs, top);
				b->b = pl.run[k].b;
				b->b.x += x + tp->indent;
				b->b.y += top + base;	/* runs are relative to the baseline */
				int li = pl.run[k].link;
				if (li < 0)
					continue;
				struct vbox *lk = tl_box(rs, top);
				lk->b.type = BOX_LINK;
				lk->b.x = b->b.x;
				lk->b.y = top;
				lk->b.w = b->b.w;
				lk->b.h = lead;
				lk->b.tag = b->b.tag;
				lk->b.uri = tp->p.link[li].uri;
				lk->target = tp->p.link[li].target;
			}
			free(pl.run);
		}
		brk_free(&r);
	}
	return h;
}

/* ---- widths ---- */

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

/* what the cells of one column need, padding included */
struct tneed {
	double bh, bm, bx;	/* body: hyphenated and whole-word minimum, one line */
	double hh, hn;		/* headings: hyphenated and whole-word minimum */
};

/* build every cell's content at size s and choose the column widths;
 * returns how much too wide the table is (0 = it fits) */
static double tl_try(struct tlay *L, double s)
{
	struct table *t = L->t;
	const struct tstyle *ts = t->ts;
	L->cst.size = s;
	L->cst.leading = ts->leading * s / ts->size;
	L->padx = ts->padx;
	L->pady = ts->pady * s / ts->size;
	struct tneed *nd = xcalloc((size_t)t->ncol, sizeof(*nd));
	for (int c = 0; c < t->ncol; c++)
		t->col[c].intw = t->col[c].fracw = 0;
	for (int pass = 0; pass < 2; pass++) {
		/* pass 0: cells of one column; pass 1: spanning cells widen theirs */
		for (int h = 0; h < t->nhead + t->nbody; h++) {
			int head = h < t->nhead;
			struct trow *row = head ? &t->head[h] : &t->body[h - t->nhead];
			struct tcont *cc = head ? L->hc[h] : L->bc[h - t->nhead];
			int bold = !head && row->role >= TR_GROUP && row->role <= TR_LABEL;
			for (int i = 0; i < row->ncell; i++) {
				struct tcell *cell = &row->cell[i];
				struct tcol *col = &t->col[cell->col];
				if ((cell->colspan > 1) != pass)
					continue;
				int face = head ? ts->headface : ts->face | (bold ? FACE_BOLD : 0);
				tl_freecont(&cc[i]);
				tl_content(L, &cc[i], cell, col, face, !head && col->numeric);
				double extra = 2 * L->padx;
				if (!head && cell->col == 0 && row->role == TR_CHILD)
					extra += ts->indent;
				struct tneed *n = &nd[cell->col];
				if (cc[i].number) {
					col->intw = fmax(col->intw, cc[i].intw);
					col->fracw = fmax(col->fracw, cc[i].max - cc[i].intw);
					double nw = col->intw + col->fracw + extra;
					n->bh = fmax(n->bh, nw);
					n->bm = fmax(n->bm, nw);
					n->bx = fmax(n->bx, nw);
				} else if (!pass && head) {
					n->hh = fmax(n->hh, cc[i].hmin + extra);
					n->hn = fmax(n->hn, cc[i].min + extra);
				} else if (!pass) {
					n->bh = fmax(n->bh, cc[i].hmin + extra);
					n->bm = fmax(n->bm, cc[i].min + extra);
					n->bx = fmax(n->bx, cc[i].max + extra);
				} else {
					/* a spanning cell spreads what its columns lack evenly;
					 * only its minimum counts: it may wrap */
					double a = 0, b = 0;
					int k, e = cell->col + cell->colspan;
					for (k = cell->col; k < e; k++) {
						a += head ? nd[k].hh : nd[k].bh;
						b += head ? nd[k].hn : nd[k].bm;
					}
					double da = fmax(0, cc[i].hmin + extra - a) / cell->colspan;
					double db = fmax(0, cc[i].min + extra - b) / cell->colspan;
					for (k = cell->col; k < e; k++) {
						*(head ? &nd[k].hh : &nd[k].bh) += da;
						*(head ? &nd[k].hn : &nd[k].bm) += db;
					}
				}
			}
		}
	}
	struct tcolw *cw = xcalloc((size_t)t->ncol, sizeof(*cw));
	for (int c = 0; c < t->ncol; c++) {
		const struct tneed *n = &nd[c];
		cw[c].kind = t->col[c].wkind;
		cw[c].val = t->col[c].wval;
		cw[c].lv[0] = fmax(n->bh, n->hh);
		cw[c].lv[1] = fmax(n->bm, n->hh);
		cw[c].lv[2] = fmax(n->bx, n->hh);
		cw[c].lv[3] = fmax(n->bx, n->hn);
	}
	double *w = xcalloc((size_t)t->ncol, sizeof(*w));
	double over = table_widths(cw, t->ncol, L->avail, 1, w);
	double x = 0;
	for (int c = 0; c < t->ncol; c++) {
		t->col[c].x = x;
		t->col[c].w = w[c];
		x += w[c];
	}
	free(w);
	free(cw);
	free(nd);
	return over;
}

/* ---- rows ---- */

/* left edge and width of a cell's content */
static void tl_cellbox(const struct tlay *L, const struct trow *row, const struct tcell *cell,
	int head, double *x, double *w)
{
	const struct table *t = L->t;
	const struct tcol *a = &t->col[cell->col], *b = &t->col[cell->col + cell->colspan - 1];
	*x = a->x + L->padx;
	*w = b->x + b->w - a->x - 2 * L->padx;
	if (!head && cell->col == 0 && row->role == TR_CHILD) {
		*x += t->ts->indent;
		*w -= t->ts->indent;
	}
}

static enum align tl_align(const struct table *t, const struct tcell *cell, int head)
{
	int a = cell->align;
	if (a < 0 && head)
		a = cell->colspan > 1 ? TA_CENTER : t->col[cell->col].numeric ? TA_RIGHT : TA_LEFT;
	if (a < 0)
		a = t->col[cell->col].align;
	return a == TA_CENTER ? ALIGN_CENTER : a == TA_LEFT ? ALIGN_LEFT : ALIGN_RIGHT;
}

/* set the header rows as one block: cells sit at the bottom of the rows
 * they span; a cell spanning columns gets a rule under it */
static void tl_head(struct tlay *L, struct trs *rs)
{
	struct table *t = L->t;
	const struct tstyle *ts = t->ts;
	double rh[TABLE_MAXHEAD] = {0}, ry[TABLE_MAXHEAD + 1] = {0};
	for (int pass = 0; pass < 2; pass++)
		for (int y = 0; y < t->nhead; y++) {
			if (!pass)
				rh[y] = L->cst.leading + 2 * L->pady;
			for (int i = 0; i < t->head[y].ncell; i++) {
				struct tcell *cell = &t->head[y].cell[i];
				if ((cell->rowspan > 1) != pass)
					continue;
				double x, w, have = 0;
				tl_cellbox(L, &t->head[y], cell, 1, &x, &w);
				double need = tl_set(L, &L->hc[y][i], w, ALIGN_LEFT, 0, 0, NULL, 0, 1) +
					2 * L->pady;
				int last = y + cell->rowspan - 1 < t->nhead ? y + cell->rowspan - 1 : t->nhead - 1;
				for (int k = y; k <= last; k++)
					have += rh[k];
				if (need > have)
					rh[last] += need - have;
			}
		}
	for (int y = 0; y < t->nhead; y++)
		ry[y + 1] = ry[y] + rh[y];
	double tw = t->col[t->ncol - 1].x + t->col[t->ncol - 1].w;
	rs->h = ry[t->nhead];
	if (ts->headshade) {
		struct vbox *b = tl_box(rs, 0);
		b->b.type = BOX_RECT;
		b->b.w = tw;
		b->b.h = rs->h;
		b->b.color = ts->headfill;
	}
	int id = 0;
	for (int y = 0; y < t->nhead; y++)
		for (int i = 0; i < t->head[y].ncell; i++, id++) {
			struct tcell *cell = &t->head[y].cell[i];
			double x, w;
			tl_cellbox(L, &t->head[y], cell, 1, &x, &w);
			int last = y + cell->rowspan < t->nhead ? y + cell->rowspan : t->nhead;
			double ch = tl_set(L, &L->hc[y][i], w, ALIGN_LEFT, 0, 0, NULL, 0, 1);
			tl_set(L, &L->hc[y][i], w, tl_align(t, cell, 1), x, ry[last] - L->pady - ch,
				rs, id, 0);
			if (cell->colspan > 1 && last < t->nhead)
				tl_rule(rs, x, ry[last], w, ts->rule > 0 ? ts->rule : 0.5, ts->rulecolor);
		}
	tl_rule(rs, 0, 0, tw, ts->headrule, ts->rulecolor);
	tl_rule(rs, 0, rs->h, tw, ts->headrule, ts->rulecolor);
}

/* set body row r; its rules are added when it is emitted */
static void tl_body(struct tlay *L, int r, struct trs *rs)
{
	struct table *t = L->t;
	struct trow *row = &t->body[r];
	if (row->role == TR_SPACER) {
		rs->h = L->cst.leading / 2;
		return;
	}
	double h = 0;
	for (int i = 0; i < row->ncell; i++) {
		struct tcell *cell = &row->cell[i];
		struct tcont *c = &L->bc[r][i];
		const struct tcol *col = &t->col[cell->col];
		double x, w;
		tl_cellbox(L, row, cell, 0, &x, &w);
		if (c->number)
			x = col->x + col->w - L->padx - col->fracw - c->intw;
		double ch = tl_set(L, c, w, tl_align(t, cell, 0), x, L->pady, rs, i, 0);
		h = fmax(h, ch);
	}
	rs->h = fmax(h, L->cst.leading) + 2 * L->pady;
}

/* where a row may be cut: line ends of every cell that cut no other line,
 * leaving the layout's orphans and widows (in lines of every cell) */
static int tl_cuts(const struct tlay *L, const struct trs *rs, double *cut, int max)
{
	int n = 0, orph = L->f->lay->orphans, wid = L->f->lay->widows;
	for (int i = 0; i < rs->nl && n < max; i++) {
		double y = rs->lb[i];
		int ok = 1, above = 0, below = 0;
		for (int k = 0; k < rs->nl && ok; k++) {
			if (rs->lt[k] < y - 0.01 && rs->lb[k] > y + 0.01)
				ok = 0;
		}
		for (int k = 0; k < n && ok; k++)
			ok = fabs(cut[k] - y) > 0.01;
		if (!ok)
			continue;
		/* the most lines any one cell has above and below */
		for (int c = 0; c <= rs->lc[rs->nl - 1]; c++) {
			int a = 0, b = 0;
			for (int k = 0; k < rs->nl; k++) {
				if (rs->lc[k] != c)
					continue;
				a += rs->lb[k] <= y + 0.01;
				b += rs->lt[k] >= y - 0.01;
			}
			above = a > above ? a : above;
			below = b > below ? b : below;
		}
		if (above >= orph && below >= wid)
			cut[n++] = y;
	}
	/* ascending */
	for (int i = 1; i < n; i++)
		for (int k = i; k > 0 && cut[k] < cut[k - 1]; k--) {
			double s = cut[k];
			cut[k] = cut[k - 1];
			cut[k - 1] = s;
		}
	return n;
}

/* append the boxes of rs between y0 and y1 as one item of the list */
static struct vitem *tl_emit(struct tlay *L, const struct trs *rs, double y0, double y1,
	double x0, int tid)
{
	struct vitem *v = flow_item(L->f->vl, V_BOX);
	v->h = y1 - y0;
	v->table = tid;
	int cap = 0;
	for (int i = 0; i < rs->nb; i++) {
		int rule = rs->b[i].b.type == BOX_RULE || rs->b[i].b.type == BOX_RECT;
		if (!rule && (rs->top[i] < y0 - 0.01 || rs->top[i] >= y1 - 0.01))
			continue;
		struct vbox *b = flow_box(v, &cap);
		*b = rs->b[i];
		b->b.x += x0;
		b->b.y -= y0;
	}
	return v;
}

/* a body row into the list: in slices when it may be cut, each with its
 * part of the rules (the row's top rule on the first, its bottom rule on
 * the last) */
static void tl_emitrow(struct tlay *L, int r, struct trs *rs, double x0, int tid)
{
	struct table *t = L->t;
	const struct tstyle *ts = t->ts;
	enum trole ro = t->body[r].role;
	double tw = t->col[t->ncol - 1].x + t->col[t->ncol - 1].w;
	double *cut = xmalloc(sizeof(*cut) * (size_t)(rs->nl + 1));
	int n = ro == TR_SPACER ? 0 : tl_cuts(L, rs, cut, rs->nl);
	int nextrole = r + 1 < t->nbody ? (int)t->body[r + 1].role : -1;
	double y0 = 0;
	for (int s = 0; s <= n; s++) {
		double y1 = s < n ? cut[s] : rs->h;
		if (s > 0)
			flow_penalty(L->f, 0);
		struct trs deco = {0};
		if (s == 0 && ro == TR_TOTAL)
			tl_rule(&deco, 0, 0, tw, ts->totalrule, ts->rulecolor);
		if (s == n && ro != TR_SPACER) {
			double lw = r == t->nbody - 1 ? ts->headrule : nextrole == TR_TOTAL ||
				nextrole == TR_SPACER ? 0 : ts->rule;
			tl_rule(&deco, 0, y1 - y0, tw, lw, ts->rulecolor);
		}
		struct vitem *v = tl_emit(L, rs, y0, y1, x0, tid);
		int cap = v->nbox;
		for (int i = 0; i < deco.nb; i++) {
			struct vbox *b = flow_box(v, &cap);
			*b = deco.b[i];
			b->b.x += x0;
		}
		tl_freers(&deco);
		y0 = y1;
	}
	free(cut);
}

/* ---- the table ---- */

/* a caption or a note as a paragraph that stays in one piece */
static void tl_para(struct tlay *L, const struct node *n, const struct style *st,
	double indent, int tag, int anchor)
{
	struct flow *f = L->f;
	struct para p;
	para_init(&p, f->lay, &f->pd->mem, f->dg, st->align != ALIGN_JUSTIFY);
	p.hyph = f->hyph;
	para_inlines(&p, n, st->face, st, tag, f->d);
	para_finish(&p, st);
	struct pset ps = { .st = st, .indent = indent, .measure = L->avail, .nosplit = 1,
		.anchor = anchor, .pos = n->pos };
	flow_lines(f, &p, &ps, NULL);
	para_free(&p);
}

static void tl_glue(struct flow *f, double h)
{
	if (h <= 0)
		return;
	struct vitem *g = flow_item(f->vl, V_GLUE);
	g->h = h;
	g->nobreak = 1;
}

/* structure elements: Table > Caption, THead > TR > TH, TBody > TR > TD */
static int tl_tags(struct tlay *L, int parent, int *captag)
{
	struct table *t = L->t;
	struct pdoc *pd = L->f->pd;
	int tab = pdoc_selem(pd, "Table", parent);
	*captag = -1;
	for (const struct node *k = t->n->first; k; k = k->next)
		if (k->type == N_CAPTION && *captag < 0)
			*captag = pdoc_selem(pd, "Caption", tab);
	int sect = t->nhead ? pdoc_selem(pd, "THead", tab) : -1;
	for (int y = 0; y < t->nhead; y++) {
		int tr = pdoc_selem(pd, "TR", sect);
		for (int i = 0; i < t->head[y].ncell; i++) {
			struct tcell *cell = &t->head[y].cell[i];
			int th = pdoc_selem(pd, "TH", tr);
			pd->selem[th].scope = "Column";
			pd->selem[th].colspan = cell->colspan > 1 ? cell->colspan : 0;
			pd->selem[th].rowspan = cell->rowspan > 1 ? cell->rowspan : 0;
			L->hc[y][i].tag = th;
		}
	}
	sect = pdoc_selem(pd, "TBody", tab);
	for (int r = 0; r < t->nbody; r++) {
		if (t->body[r].role == TR_SPACER)
			continue;
		int tr = pdoc_selem(pd, "TR", sect);
		for (int i = 0; i < t->body[r].ncell; i++) {
			int td = pdoc_selem(pd, "TD", tr);
			pd->selem[td].colspan = t->body[r].cell[i].colspan > 1 ?
				t->body[r].cell[i].colspan : 0;
			L->bc[r][i].tag = td;
		}
	}
	return tab;
}

/* contents of every cell, per row */
static struct tcont **tl_alloc(struct trow *rows, int n)
{
	struct tcont **cc = xcalloc((size_t)n + 1, sizeof(*cc));
	for (int r = 0; r < n; r++)
		cc[r] = xcalloc((size_t)rows[r].ncell + 1, sizeof(**cc));
	return cc;
}

static void tl_free(struct tcont **cc, struct trow *rows, int n)
{
	for (int r = 0; r < n; r++) {
		for (int i = 0; i < rows[r].ncell; i++)
			tl_freecont(&cc[r][i]);
		free(cc[r]);
	}
	free(cc);
}

/* the table's text at the largest size (in half points) that fits */
static int tl_fit(struct tlay *L)
{
	const struct tstyle *ts = L->t->ts;
	double s = ts->size, over = tl_try(L, s);
	while (over > 0.01 && s - 0.5 >= ts->minsize - 1e-9) {
		s -= 0.5;
		over = tl_try(L, s);
	}
	if (over <= 0.01)
		return 0;
	diag_error(L->f->dg, L->t->n->pos, "table \"%s\" is %.1f pt (%.1f mm) wider than the "
		"%.1f pt it may take, even with its text at the smallest size of %.1f pt: "
		"shorten its headings or texts, give narrower widths, or ask for "
		"orientation=\"landscape\"", L->t->name, over, over * 25.4 / 72, L->avail, s);
	return -1;
}

void table_flow(struct flow *f, const struct node *n, double indent, int parent)
{
	struct table *t = table_load(n, f->d, f->lay, f->dg);
	if (!t)
		return;
	struct tlay L = { .f = f, .t = t, .avail = f->measure - indent };
	const struct style *body = flow_style(f, NULL, "body", n->pos);
	L.cst = *body;
	L.cst.face = t->ts->face;
	L.cst.color = t->ts->color;
	L.cst.align = ALIGN_LEFT;
	L.cst.hyphenate = 1;
	L.cst.indent = L.cst.before = L.cst.after = 0;
	L.hc = tl_alloc(t->head, t->nhead);
	L.bc = tl_alloc(t->body, t->nbody);
	int captag;
	tl_tags(&L, parent, &captag);
	if (tl_fit(&L) == 0) {
		const char *capst = t->ts->caption ? t->ts->caption : "caption";
		const char *notest = t->ts->note ? t->ts->note : "table-note";
		const struct node *cap = NULL;
		for (const struct node *k = n->first; k; k = k->next)
			if (k->type == N_CAPTION)
				cap = k;
		int anchor = n->id ? n->serial : -1;
		const struct style *cs = flow_style(f, layout_style(f->lay, capst) ? capst : NULL,
			"body", n->pos);
		flow_space(f, fmax(t->ts->before, cap ? cs->before : 0));
		if (cap) {
			tl_para(&L, cap, cs, indent, captag, anchor);
			anchor = -1;
			tl_glue(f, cs->after);
		}
		int tid = 0;
		if (t->nhead) {
			struct trs rs = {0};
			tl_head(&L, &rs);
			struct vlist *vl = f->vl;
			vl->tab = xgrow(vl->tab, sizeof(*vl->tab), vl->ntab + 1, &vl->captab);
			tid = ++vl->ntab;
			vl->tab[tid - 1] = (struct vtable){ vl->n, vl->n + 1, rs.h };
			struct vitem *v = tl_emit(&L, &rs, 0, rs.h, indent, tid);
			v->head = 1;
			v->anchor = anchor;
			anchor = -1;
			tl_freers(&rs);
		}
		for (int r = 0; r < t->nbody; r++) {
			/* the header never ends a page alone */
			flow_penalty(f, r == 0 ? BRK_INF : 0);
			struct trs rs = {0};
			tl_body(&L, r, &rs);
			int first = f->vl->n;
			tl_emitrow(&L, r, &rs, indent, tid);
			if (anchor >= 0)
				f->vl->v[first].anchor = anchor;
			anchor = -1;
			tl_freers(&rs);
		}
		double after = t->ts->after;
		for (const struct node *k = n->first; k; k = k->next) {
			if (k->type != N_NOTE)
				continue;
			const struct style *ns = flow_style(f, layout_style(f->lay, notest) ?
				notest : NULL, "body", k->pos);
			/* notes stay with the last row */
			tl_glue(f, ns->before);
			tl_para(&L, k, ns, indent, pdoc_selem(f->pd, "P", parent), -1);
			after = fmax(ns->after, t->ts->after);
		}
		f->pending = after;
	}
	tl_free(L.hc, t->head, t->nhead);
	tl_free(L.bc, t->body, t->nbody);
	table_free(t);
}
