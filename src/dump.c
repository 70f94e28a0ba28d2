/*
 * dump: a stable text rendering of a laid-out document, one line per box,
 * for layout tests and debugging.  Numbers have two decimals and pages are
 * counted from 1 as a reader would; strings are quoted with " and \
 * escaped, so golden files diff cleanly line by line.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "box.h"

/* a number with two decimals, never "-0.00" (it would make golden files
 * depend on the sign of a rounding error) */
static void dump_num(FILE *out, const char *pre, double v)
{
	char s[64];
	if (!isfinite(v)) {
		fprintf(out, "%s%s", pre, isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
		return;
	}
	snprintf(s, sizeof(s), "%.2f", v);
	if (strcmp(s, "-0.00") == 0)
		strcpy(s, "0.00");
	fprintf(out, "%s%s", pre, s);
}

static void dump_str(FILE *out, const char *s, size_t len)
{
	fputc('"', out);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void dump_cstr(FILE *out, const char *s)
{
	dump_str(out, s ? s : "", s ? strlen(s) : 0);
}

static int dump_byte(float v)
{
	if (!(v > 0))
		return 0;
	if (v >= 1)
		return 255;
	return (int)lroundf(v * 255);
}

static int dump_black(struct rgb c)
{
	return dump_byte(c.r) == 0 && dump_byte(c.g) == 0 && dump_byte(c.b) == 0;
}

static void dump_color(FILE *out, const char *pre, struct rgb c)
{
	fprintf(out, "%s#%02x%02x%02x", pre, dump_byte(c.r), dump_byte(c.g),
		dump_byte(c.b));
}

static void dump_box(const struct box *b, FILE *out)
{
	static const char *const name[] = { "text", "rule", "rect", "link", "shape", "path" };
	static const char *const shape[] = { "circle", "diamond", "square", "triangle-up",
		"triangle-down", "arrow-up", "arrow-right", "arrow-down", "arrow-upright",
		"arrow-downright", "cross", "ring" };
	fprintf(out, "  %s", (unsigned)b->type < 6 ? name[b->type] : "box?");
	dump_num(out, " ", b->x);
	dump_num(out, " ", b->y);
	dump_num(out, " w=", b->w);
	switch (b->type) {
	case BOX_TEXT:
		fprintf(out, " face=%d", b->face);
		dump_num(out, " size=", b->size);
		if (b->wordspace != 0)
			dump_num(out, " ws=", b->wordspace);
		if (!dump_black(b->color))
			dump_color(out, " c=", b->color);
		if (b->invisible)
			fputs(" invisible", out);
		fprintf(out, " tag=%d ", b->tag);
		dump_str(out, b->text ? b->text : "", b->text && b->len > 0 ? (size_t)b->len : 0);
		break;
	case BOX_RULE:
		dump_num(out, " h=", b->h);
		dump_num(out, " lw=", b->lw);
		if (!dump_black(b->color))
			dump_color(out, " ", b->color);
		break;
	case BOX_RECT:
		dump_num(out, " h=", b->h);
		dump_color(out, " ", b->color);
		break;
	case BOX_LINK:
		dump_num(out, " h=", b->h);
		if (b->uri) {
			fputs(" -> uri ", out);
			dump_cstr(out, b->uri);
		} else {
			fprintf(out, " -> page %d", b->dest_page + 1);
			dump_num(out, " y=", b->dest_y);
		}
		break;
	case BOX_SHAPE:
		dump_num(out, " h=", b->h);
		fprintf(out, " %s", (unsigned)b->shape < 12 ? shape[b->shape] : "shape?");
		dump_color(out, " ", b->color);
		fprintf(out, " tag=%d", b->tag);
		break;
	case BOX_PATH:
		fprintf(out, " %s", b->closed ? "fill" : "stroke");
		dump_color(out, " ", b->color);
		if (!b->closed)
			dump_num(out, " lw=", b->lw);
		if (b->dash > 0)
			dump_num(out, " dash=", b->dash);
		for (int i = 0; i < b->npt; i++) {
			dump_num(out, i ? " " : " pts=", b->pt[2 * i]);
			dump_num(out, ",", b->pt[2 * i + 1]);
		}
		break;
	}
	fputc('\n', out);
}

void dump_pdoc(const struct pdoc *pd, FILE *out)
{
	for (int i = 0; i < pd->npage; i++) {
		const struct page *pg = &pd->page[i];
		fprintf(out, "page %d ", i + 1);
		dump_num(out, "", pg->w);
		dump_num(out, "x", pg->h);
		fputs(" label ", out);
		dump_cstr(out, pg->label);
		fputc('\n', out);
		for (int j = 0; j < pg->nbox; j++)
			dump_box(&pg->box[j], out);
	}
	for (int i = 0; i < pd->noutline; i++) {
		const struct outline *o = &pd->outline[i];
		fprintf(out, "outline %d ", o->level);
		dump_cstr(out, o->title);
		fprintf(out, " page %d", o->page + 1);
		dump_num(out, " y=", o->y);
		fputc('\n', out);
	}
	for (int i = 0; i < pd->nselem; i++) {
		const struct selem *e = &pd->selem[i];
		fprintf(out, "selem %d %s parent=%d", i, e->role ? e->role : "?", e->parent);
		if (e->alt) {
			fputs(" alt=", out);
			dump_cstr(out, e->alt);
		}
		if (e->actual) {
			fputs(" actual=", out);
			dump_cstr(out, e->actual);
		}
		fputc('\n', out);
	}
}
