/*
 * box: building the laid-out document.  Pagination appends pages and boxes
 * through these helpers; text is copied into the pdoc's arena so that the
 * boxes outlive the paragraph buffers they were cut from.  Text widths are
 * measured here, once, with the same font tables and kerning switch the PDF
 * writer uses, so box.w is what a viewer will draw.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "box.h"

struct page *pdoc_page(struct pdoc *pd, double w, double h)
{
	pd->page = xgrow(pd->page, sizeof(*pd->page), pd->npage + 1, &pd->cappage);
	struct page *pg = &pd->page[pd->npage++];
	memset(pg, 0, sizeof(*pg));
	pg->w = w;
	pg->h = h;
	/* default to the physical page number; pagination overrides it for
	 * front matter or a body that restarts at 1 */
	char num[24];
	snprintf(num, sizeof(num), "%d", pd->npage);
	pg->label = arena_strdup(&pd->mem, num);
	return pg;
}

struct box *pdoc_box(struct page *pg, enum box_type type)
{
	pg->box = xgrow(pg->box, sizeof(*pg->box), pg->nbox + 1, &pg->cap);
	struct box *b = &pg->box[pg->nbox++];
	memset(b, 0, sizeof(*b));
	b->type = type;
	b->tag = -1;
	b->dest_page = -1;
	return b;
}

/* number of U+0020 in the run: the spaces justification widens */
static int pdoc_nspace(const char *s, int len)
{
	int n = 0;
	for (int i = 0; i < len; i++)
		if (s[i] == ' ')
			n++;
	return n;
}

/* advance width of s in points; 0 when the face is not loaded, so a
 * layout bug shows up as overlapping text rather than a crash */
static double pdoc_measure(const struct pdoc *pd, int face, double size,
	const char *s, int len)
{
	if (!pd->fonts || face < 0 || face >= FACE_MAX || !pd->fonts->face[face].path)
		return 0;
	long w = font_width(&pd->fonts->face[face], s, (size_t)len, pd->kern);
	return (double)w * size / 1000.0;
}

struct box *pdoc_text(struct pdoc *pd, struct page *pg, double x, double y,
	int face, double size, struct rgb color, const char *s, int len, int tag)
{
	if (len < 0)
		len = 0;
	struct box *b = pdoc_box(pg, BOX_TEXT);
	b->x = x;
	b->y = y;
	b->face = face;
	b->size = size;
	b->color = color;
	b->text = arena_strndup(&pd->mem, s, (size_t)len);
	b->len = len;
	b->tag = tag;
	b->w = pdoc_measure(pd, face, size, b->text, len);
	b->h = size;
	return b;
}

void pdoc_justify(struct box *b, double wordspace)
{
	if (b->type != BOX_TEXT)
		return;
	int n = pdoc_nspace(b->text, b->len);
	b->w += (wordspace - b->wordspace) * n;
	b->wordspace = wordspace;
}

int pdoc_selem(struct pdoc *pd, const char *role, int parent)
{
	pd->selem = xgrow(pd->selem, sizeof(*pd->selem), pd->nselem + 1, &pd->capselem);
	struct selem *e = &pd->selem[pd->nselem];
	memset(e, 0, sizeof(*e));
	e->role = arena_strdup(&pd->mem, role);
	e->parent = parent;
	return pd->nselem++;
}

void pdoc_outline(struct pdoc *pd, const char *title, int level, int page, double y)
{
	pd->outline = xgrow(pd->outline, sizeof(*pd->outline), pd->noutline + 1,
		&pd->capoutline);
	struct outline *o = &pd->outline[pd->noutline++];
	o->title = arena_strdup(&pd->mem, title);
	o->level = level;
	o->page = page;
	o->y = y;
}

void pdoc_free(struct pdoc *pd)
{
	for (int i = 0; i < pd->npage; i++)
		free(pd->page[i].box);
	free(pd->page);
	free(pd->outline);
	free(pd->selem);
	arena_free(&pd->mem);
	memset(pd, 0, sizeof(*pd));
}
