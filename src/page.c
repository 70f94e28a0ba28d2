/*
 * page: cut the vertical list into pages.  Items arrive from flow.c.  A page
 * may end at a glue that follows a box, or at a penalty below BRK_INF; when
 * the next box does not fit, the page ends at the best such place seen on
 * it (lowest penalty plus a cost for the space left empty), and glue and
 * penalties at the top of the new page are dropped.  Afterwards the running
 * header and footer are drawn with "N (M)", the table of contents gets its
 * page numbers, links get their targets and the outline its entries.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"
#include "para.h"

/* where each node ended up, by serial */
struct place {
	int page;		/* page index, -1 = not placed */
	double y;		/* top of its first line on that page */
};

static void page_cover(const struct doc *d, const struct layout *lay, struct pdoc *pd,
	int sect, struct diag *dg)
{
	struct page *pg = pdoc_page(pd, lay->pw, lay->ph);
	pg->label = "1";
	for (int i = 0; i < lay->ncover; i++) {
		const struct coveritem *ci = &lay->cover[i];
		if (ci->rect) {
			struct box *b = pdoc_box(pg, BOX_RECT);
			b->x = ci->x;
			b->y = ci->y;
			b->w = ci->w;
			b->h = ci->h;
			b->color = ci->color;
			continue;
		}
		const char *s = NULL;
		const struct meta *m = &d->meta;
		if (!strcmp(ci->field, "title"))
			s = m->title;
		else if (!strcmp(ci->field, "subtitle"))
			s = m->subtitle;
		else if (!strcmp(ci->field, "unit"))
			s = m->unit;
		else if (!strcmp(ci->field, "period"))
			s = m->period;
		else if (!strcmp(ci->field, "organisation"))
			s = m->organisation;
		else if (!strcmp(ci->field, "date"))
			s = m->date;
		if (!s || !*s)
			continue;
		const struct style *st = layout_style(lay, ci->style);
		if (!st)
			st = layout_style(lay, "body");
		struct para p;
		para_init(&p, lay, &pd->mem, dg, 1);
		int tag = pdoc_selem(pd, "P", sect);
		para_text(&p, s, strlen(s), st->face, st, tag, -1, (struct pos){0});
		para_finish(&p, st);
		struct brkshape sh = { ci->w, ci->w, 1 };
		struct brkres r = {0};
		brk_lines(p.it, p.n, &sh, BRK_TOTALFIT, &r);
		for (int l = 0; l < r.nline; l++) {
			struct pline pl;
			para_setline(&p, &r, l, st->align, ci->w, &pl, &pd->mem);
			for (int k = 0; k < pl.nrun; k++) {
				struct box *b = pdoc_box(pg, BOX_TEXT);
				*b = pl.run[k].b;
				b->x += ci->x;
				b->y = ci->y + l * st->leading;
			}
			free(pl.run);
		}
		brk_free(&r);
		para_free(&p);
	}
}

/* a page number to fill in once every page exists */
struct fixup {
	int page;		/* page index of the box */
	int box;		/* box index on that page */
	int serial;		/* whose page number it shows */
};

struct fixups {
	struct fixup *f;
	int n, cap;
};

/* the table whose header rows a page starting at item i must repeat, or 0 */
static int page_conttable(const struct vlist *vl, int i)
{
	const struct vitem *v = &vl->v[i];
	if (!v->table || v->head)
		return 0;
	const struct vtable *t = &vl->tab[v->table - 1];
	return t->hto > t->hfrom && t->hto <= i ? v->table : 0;
}

/* copy the boxes of items [from, to) down the page from *y; repeat marks
 * repeated header rows, which are decoration (artifacts) the second time */
static void page_items(const struct layout *lay, const struct vlist *vl, int from, int to,
	struct pdoc *pd, struct page *pg, double *yp, int repeat, struct place *pl,
	struct fixups *fx)
{
	double y = *yp;
	int top = !repeat && y == lay->mt;
	for (int i = from; i < to; i++) {
		const struct vitem *v = &vl->v[i];
		if (v->type == V_GLUE) {
			if (!top)
				y += v->h;
			continue;
		}
		if (v->type != V_BOX)
			continue;
		top = 0;
		if (v->anchor >= 0 && !repeat) {
			pl[v->anchor].page = pd->npage - 1;
			pl[v->anchor].y = y;
		}
		for (int k = 0; k < v->nbox; k++) {
			const struct vbox *vb = &v->box[k];
			struct box *b = pdoc_box(pg, vb->b.type);
			*b = vb->b;
			b->x += lay->ml;
			b->y += y;
			if (b->type == BOX_PATH && b->npt > 0) {
				/* path points are relative like x and y until placed */
				double *pt = arena_alloc(&pd->mem, sizeof(*pt) * 2 * (size_t)b->npt);
				for (int j = 0; j < b->npt; j++) {
					pt[2 * j] = b->pt[2 * j] + lay->ml;
					pt[2 * j + 1] = b->pt[2 * j + 1] + y;
				}
				b->pt = pt;
			}
			if (repeat)
				b->tag = -1;
			if (vb->pageref >= 0 && !repeat) {
				fx->f = xgrow(fx->f, sizeof(*fx->f), fx->n + 1, &fx->cap);
				fx->f[fx->n++] = (struct fixup){ pd->npage - 1, pg->nbox - 1, vb->pageref };
			}
			if (vb->b.type == BOX_LINK && vb->target >= 0)
				b->dest_page = -(vb->target + 2);
		}
		y += v->h;
	}
	*yp = y;
}

/* put items [from, to) on a new page, after the header rows of the table
 * it continues; itempage records the page of each item */
static void page_emit(const struct layout *lay, const struct vlist *vl, int from, int to,
	struct pdoc *pd, struct place *pl, struct fixups *fx, int *itempage)
{
	/* a landscape page is the page turned: width and height swapped */
	int land = vl->v[from].landscape;
	struct page *pg = pdoc_page(pd, land ? lay->ph : lay->pw, land ? lay->pw : lay->ph);
	for (int i = from; i < to; i++)
		itempage[i] = pd->npage - 1;
	double y = lay->mt;
	int t = page_conttable(vl, from);
	if (t)
		page_items(lay, vl, vl->tab[t - 1].hfrom, vl->tab[t - 1].hto, pd, pg, &y, 1, pl, fx);
	page_items(lay, vl, from, to, pd, pg, &y, 0, pl, fx);
}

/* the best place to end a page */
struct cand {
	int at;			/* item index of the break */
	double cost;		/* penalty plus the cost of empty space */
};

static double break_cost(int penalty, double used, double avail)
{
	double empty = (avail - used) / avail;
	return penalty + 1000 * empty * empty * empty;
}

static void page_body(const struct layout *lay, const struct vlist *vl, struct pdoc *pd,
	struct place *pl, struct fixups *fx, int *itempage, struct diag *dg)
{
	int start = 0;
	while (start < vl->n) {
		/* drop glue and penalties at the top of a page */
		while (start < vl->n && vl->v[start].type != V_BOX)
			start++;
		if (start >= vl->n)
			break;
		double avail = (vl->v[start].landscape ? lay->pw : lay->ph) - lay->mt - lay->mb;
		int t = page_conttable(vl, start);
		double h = t ? vl->tab[t - 1].hh : 0;
		struct cand best = { -1, HUGE_VAL };
		int end = vl->n, i;
		for (i = start; i < vl->n; i++) {
			const struct vitem *v = &vl->v[i];
			if (v->type == V_PENALTY && v->penalty <= -BRK_INF) {
				end = i;
				break;
			}
			int legal = (v->type == V_PENALTY && v->penalty < BRK_INF) ||
				(v->type == V_GLUE && !v->nobreak && i > start &&
				 vl->v[i - 1].type == V_BOX);
			if (legal) {
				double c = break_cost(v->type == V_PENALTY ? v->penalty : 0, h, avail);
				if (c <= best.cost)
					best = (struct cand){ i, c };
			}
			if (v->type == V_BOX && h + v->h > avail + 0.01) {
				if (best.at >= 0) {
					end = best.at;
				} else {
					end = i > start ? i : i + 1;
					diag_warn(dg, (struct pos){0},
						"page %d: no allowed page break; a block is taller than the page",
						pd->npage + 1);
				}
				break;
			}
			if (v->type != V_PENALTY)
				h += v->h;
		}
		page_emit(lay, vl, start, end, pd, pl, fx, itempage);
		start = end;
	}
}

/* expand a running header or footer template */
static void page_field(struct buf *b, const char *tpl, const struct doc *d, int page, int pages)
{
	const struct meta *m = &d->meta;
	for (const char *s = tpl; *s; s++) {
		const char *e = *s == '{' ? strchr(s, '}') : NULL;
		if (!e) {
			buf_putc(b, *s);
			continue;
		}
		size_t n = (size_t)(e - s - 1);
		const char *k = s + 1, *v = NULL;
		char num[16];
		if (n == 4 && !strncmp(k, "page", 4)) {
			snprintf(num, sizeof(num), "%d", page);
			v = num;
		} else if (n == 5 && !strncmp(k, "pages", 5)) {
			snprintf(num, sizeof(num), "%d", pages);
			v = num;
		} else if (n == 5 && !strncmp(k, "title", 5)) {
			v = m->title;
		} else if (n == 8 && !strncmp(k, "subtitle", 8)) {
			v = m->subtitle;
		} else if (n == 4 && !strncmp(k, "unit", 4)) {
			v = m->unit;
		} else if (n == 6 && !strncmp(k, "period", 6)) {
			v = m->period;
		} else if (n == 12 && !strncmp(k, "organisation", 12)) {
			v = m->organisation;
		} else if (n == 4 && !strncmp(k, "date", 4)) {
			v = m->date;
		}
		if (v)
			buf_puts(b, v);
		s = e;
	}
}

static void page_running(const struct doc *d, const struct layout *lay, const struct running *rn,
	struct pdoc *pd, struct page *pg, int page, int pages, struct diag *dg)
{
	const struct style *st = rn->style ? layout_style(lay, rn->style) : NULL;
	if (!st)
		st = layout_style(lay, "body");
	const char *tpl[3] = { rn->left, rn->center, rn->right };
	double measure = pg->w - lay->ml - lay->mr;
	/* a footer keeps its distance from the bottom on a landscape page */
	double y = rn->y < lay->ph / 2 ? rn->y : rn->y + pg->h - lay->ph;
	for (int k = 0; k < 3; k++) {
		if (!tpl[k])
			continue;
		struct buf b = {0};
		page_field(&b, tpl[k], d, page, pages);
		if (b.len) {
			struct para p;
			para_init(&p, lay, &pd->mem, dg, 1);
			para_text(&p, b.s, b.len, st->face, st, -1, -1, (struct pos){0});
			para_finish(&p, st);
			/* one line: a footer never wraps */
			struct brkshape sh = { 1e6, 1e6, 1 };
			struct brkres r = {0};
			brk_lines(p.it, p.n, &sh, BRK_FIRSTFIT, &r);
			struct pline pl;
			para_setline(&p, &r, 0, ALIGN_LEFT, measure, &pl, &pd->mem);
			double x = lay->ml;
			if (k == 1)
				x += (measure - pl.width) / 2;
			else if (k == 2)
				x += measure - pl.width;
			for (int j = 0; j < pl.nrun; j++) {
				struct box *bx = pdoc_box(pg, BOX_TEXT);
				*bx = pl.run[j].b;
				bx->x += x;
				bx->y = y;
				bx->tag = -1;
				bx->artifact = rn == &lay->header ? ART_HEADER : ART_FOOTER;
			}
			free(pl.run);
			brk_free(&r);
			para_free(&p);
		}
		buf_free(&b);
	}
	if (rn->rule > 0) {
		struct box *r = pdoc_box(pg, BOX_RULE);
		r->x = lay->ml;
		r->w = measure;
		r->lw = rn->rule;
		r->artifact = rn == &lay->header ? ART_HEADER : ART_FOOTER;
		r->color = st->color;
		/* a footer's rule sits above it, a header's below */
		r->y = rn->y < lay->ph / 2 ? y + rn->rulegap : y - rn->rulegap;
	}
}

/* fill in what needed the page numbers: links to nodes (marked with
 * dest_page = -(serial + 2) while pages were cut) and the page numbers of
 * the table of contents, right-aligned at the box's x */
static void page_resolve(const struct layout *lay, struct pdoc *pd, const struct place *pl,
	const struct fixups *fx)
{
	for (int i = 0; i < pd->npage; i++) {
		struct page *pg = &pd->page[i];
		for (int k = 0; k < pg->nbox; k++) {
			struct box *b = &pg->box[k];
			if (b->type == BOX_LINK && b->dest_page < -1) {
				int t = -b->dest_page - 2;
				b->dest_page = pl[t].page;
				b->dest_y = pl[t].y;
			}
		}
	}
	for (int i = 0; i < fx->n; i++) {
		struct box *b = &pd->page[fx->f[i].page].box[fx->f[i].box];
		char num[16];
		snprintf(num, sizeof(num), "%d", pl[fx->f[i].serial].page + 1);
		b->text = arena_strdup(&pd->mem, num);
		b->len = (int)strlen(num);
		b->w = font_width(&lay->fonts.face[b->face], num, strlen(num), pd->kern) * b->size / 1000.0;
		b->x -= b->w;
	}
}

/* report the typographic problems noted while setting, and widows and
 * orphans, which only pagination can tell */
static void page_quality(const struct layout *lay, const struct vlist *vl, const int *itempage,
	struct diag *dg)
{
	for (int i = 0; i < vl->nnote; i++) {
		const struct vnote *nt = &vl->note[i];
		int pg = nt->item >= 0 && nt->item < vl->n ? itempage[nt->item] + 1 : 0;
		diag_warn(dg, nt->pos, "page %d: %s", pg, nt->msg);
		dg->nqual++;
	}
	/* lines of one paragraph: count those on its first and last page */
	for (int i = 0; i < vl->n; ) {
		int para = vl->v[i].para;
		if (vl->v[i].type != V_BOX || para < 0) {
			i++;
			continue;
		}
		int first = itempage[i], nfirst = 0, nlast = 0, last = first, j;
		for (j = i; j < vl->n && (vl->v[j].type != V_BOX || vl->v[j].para == para); j++) {
			if (vl->v[j].type != V_BOX)
				continue;
			if (itempage[j] != last) {
				last = itempage[j];
				nlast = 0;
			}
			nlast++;
			nfirst += itempage[j] == first;
		}
		if (last != first && nfirst < lay->orphans)
			diag_warn(dg, vl->ppos[para], "page %d: orphan: %d line(s) of a paragraph at the foot of the page",
				first + 1, nfirst);
		if (last != first && nfirst < lay->orphans)
			dg->nqual++;
		if (last != first && nlast < lay->widows)
			diag_warn(dg, vl->ppos[para], "page %d: widow: %d line(s) of a paragraph at the top of the page",
				last + 1, nlast);
		if (last != first && nlast < lay->widows)
			dg->nqual++;
		i = j;
	}
}

int page_build(const struct doc *d, const struct layout *lay, struct vlist *vl,
	struct pdoc *pd, int quality, struct diag *dg)
{
	struct place *pl = xmalloc(sizeof(*pl) * (size_t)(d->nnodes + 1));
	for (int i = 0; i <= d->nnodes; i++)
		pl[i] = (struct place){ -1, 0 };
	if (vl->cover >= 0 && lay->ncover > 0)
		page_cover(d, lay, pd, vl->cover, dg);
	int first = pd->npage;
	struct fixups fx = {0};
	int *itempage = xcalloc((size_t)vl->n + 1, sizeof(int));
	page_body(lay, vl, pd, pl, &fx, itempage, dg);
	if (quality)
		page_quality(lay, vl, itempage, dg);
	free(itempage);
	int pages = pd->npage;
	for (int i = 0; i < pages; i++) {
		struct page *pg = &pd->page[i];
		char num[16];
		snprintf(num, sizeof(num), "%d", i + 1);
		pg->label = arena_strdup(&pd->mem, num);
		if (i < first)
			continue;
		if (lay->header.left || lay->header.center || lay->header.right)
			page_running(d, lay, &lay->header, pd, pg, i + 1, pages, dg);
		if (lay->footer.left || lay->footer.center || lay->footer.right)
			page_running(d, lay, &lay->footer, pd, pg, i + 1, pages, dg);
	}
	page_resolve(lay, pd, pl, &fx);
	for (int i = 0; i < vl->nhead; i++) {
		const struct vhead *h = &vl->head[i];
		if (pl[h->serial].page >= 0)
			pdoc_outline(pd, h->title, h->level, pl[h->serial].page, pl[h->serial].y);
	}
	free(fx.f);
	free(pl);
	return 0;
}
