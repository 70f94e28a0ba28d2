/*
 * style: the layout loader.  A layout is a directory holding layout.xml
 * (validated against data/schema/layout.rng) and whatever it names, such
 * as fonts, by paths relative to itself.  A layout may inherit another,
 * found as a sibling directory: the base is read first and the variant's
 * elements then override it (styles by name and attribute, page attribute
 * by attribute, header, footer and cover as a whole).  Anything never set
 * keeps a default, and the combined result is checked for sanity before
 * its fonts are loaded.  Lengths arrive as "210mm", "12pt", "1.5cm" or a
 * bare number of points and are kept in points.
 */
#define _XOPEN_SOURCE 700	/* realpath, which POSIX.1-2008 leaves to XSI */

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "style.h"
#include "symbol.h"
#include "xml.h"

/* how many layouts an inheritance chain may hold */
#define LAYOUT_MAXCHAIN 8
/* how many styles a layout may define (lookups are linear) */
#define LAYOUT_MAXSTYLE 1000

/* loader state, alive while one layout (with its ancestors) is read */
struct lctx {
	struct layout *l;	/* what is being filled */
	struct diag *dg;	/* where problems go */
	const char *datadir;	/* holds schema/layout.rng */
	char *dirs[LAYOUT_MAXCHAIN];	/* real directories read, base last */
	char *files[LAYOUT_MAXCHAIN];	/* their layout.xml, named in positions */
	int nchain;
	const char *cur;	/* the file whose elements are being applied */
	struct pos *stylepos;	/* where each style was last set */
	struct pos facepos[FACE_MAX];	/* where each face was named */
	struct pos pagepos;	/* where the page was last set */
	struct pos headpos, footpos;	/* where header and footer were set */
	struct pos *coverpos;	/* where each cover element was set */
	struct pos rootpos;	/* the outermost layout element */
};

static const char *const style_faces[] = {"regular", "bold", "italic", "bolditalic",
	"fallback"};

static int style_face(const char *s)
{
	for (int i = 0; i < FACE_MAX; i++)
		if (strcmp(s, style_faces[i]) == 0)
			return i;
	return FACE_REGULAR;
}

/* an attribute's value, newly allocated, or NULL */
static char *style_attr(xmlNodePtr x, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(x, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* "12pt", "3mm", "1.5cm" or "12" in points; *end gets what follows */
static double style_length(const char *v, char **end)
{
	double d = strtod(v, end);
	if (strncmp(*end, "mm", 2) == 0)
		d *= 72.0 / 25.4, *end += 2;
	else if (strncmp(*end, "cm", 2) == 0)
		d *= 720.0 / 25.4, *end += 2;
	else if (strncmp(*end, "pt", 2) == 0)
		*end += 2;
	return d;
}

/* a length attribute in points; 0 and *out untouched when absent */
static int style_len(xmlNodePtr x, const char *name, double *out)
{
	char *v = style_attr(x, name), *end;
	if (!v)
		return 0;
	*out = style_length(v, &end);
	free(v);
	return 1;
}

static int style_int(xmlNodePtr x, const char *name, int *out)
{
	char *v = style_attr(x, name);
	if (!v)
		return 0;
	long n = strtol(v, NULL, 10);
	*out = n < INT_MIN ? INT_MIN : n > INT_MAX ? INT_MAX : (int)n;
	free(v);
	return 1;
}

static int style_yes(xmlNodePtr x, const char *name, int *out)
{
	char *v = style_attr(x, name);
	if (!v)
		return 0;
	*out = strcmp(v, "yes") == 0;
	free(v);
	return 1;
}

static int style_color(xmlNodePtr x, const char *name, struct rgb *out)
{
	char *v = style_attr(x, name);
	if (!v)
		return 0;
	unsigned long c = strtoul(v[0] == '#' ? v + 1 : v, NULL, 16);
	out->r = (float)((c >> 16) & 0xff) / 255.0f;
	out->g = (float)((c >> 8) & 0xff) / 255.0f;
	out->b = (float)(c & 0xff) / 255.0f;
	free(v);
	return 1;
}

/* replace *dst with attribute name when present */
static void style_str(xmlNodePtr x, const char *name, char **dst)
{
	char *v = style_attr(x, name);
	if (v) {
		free(*dst);
		*dst = v;
	}
}

static void style_page(struct lctx *c, xmlNodePtr x, const char *dir)
{
	(void)dir;
	struct layout *l = c->l;
	style_len(x, "width", &l->pw);
	style_len(x, "height", &l->ph);
	style_len(x, "top", &l->mt);
	style_len(x, "bottom", &l->mb);
	style_len(x, "left", &l->ml);
	style_len(x, "right", &l->mr);
	c->pagepos = xml_pos(c->cur, x);
}

/* font files are named relative to the layout that names them */
static void style_fonts(struct lctx *c, xmlNodePtr x, const char *dir)
{
	for (xmlNodePtr k = x->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		char *face = style_attr(k, "style"), *file = style_attr(k, "file");
		int i = style_face(face ? face : "regular");
		struct pos p = xml_pos(c->cur, k);
		char *path = path_join(dir, file ? file : "");
		char *abs = realpath(path, NULL);
		if (!abs)
			diag_error(c->dg, p, "font file %s not found", path);
		free(c->l->fontfile[i]);
		c->l->fontfile[i] = abs;
		c->facepos[i] = p;
		free(path);
		free(face);
		free(file);
	}
}

static void style_style(struct lctx *c, xmlNodePtr x, const char *dir)
{
	(void)dir;
	struct layout *l = c->l;
	char *name = style_attr(x, "name");
	if (!name)
		return;
	struct style *s = (struct style *)layout_style(l, name);
	int fresh = !s;
	if (fresh && l->nstyle == LAYOUT_MAXSTYLE) {
		diag_error(c->dg, xml_pos(c->cur, x), "a layout may define at most %d styles",
			LAYOUT_MAXSTYLE);
		free(name);
		return;
	}
	if (fresh) {
		int cap = l->nstyle;
		l->style = xgrow(l->style, sizeof(*l->style), l->nstyle + 1, &cap);
		c->stylepos = xrealloc(c->stylepos, sizeof(*c->stylepos) * (size_t)(l->nstyle + 1));
		s = &l->style[l->nstyle++];
		memset(s, 0, sizeof(*s));
		s->name = name;
		s->face = FACE_REGULAR;
		s->size = 10;
	} else {
		free(name);
	}
	char *face = style_attr(x, "face");
	if (face)
		s->face = style_face(face);
	free(face);
	style_len(x, "size", &s->size);
	/* a new style without leading gets 120 % of its size */
	if (!style_len(x, "leading", &s->leading) && fresh)
		s->leading = s->size * 1.2;
	style_len(x, "before", &s->before);
	style_len(x, "after", &s->after);
	style_len(x, "indent", &s->indent);
	style_color(x, "color", &s->color);
	char *align = style_attr(x, "align");
	if (align)
		s->align = strcmp(align, "justify") == 0 ? ALIGN_JUSTIFY :
			strcmp(align, "center") == 0 ? ALIGN_CENTER :
			strcmp(align, "right") == 0 ? ALIGN_RIGHT : ALIGN_LEFT;
	free(align);
	style_yes(x, "keep-with-next", &s->keepnext);
	style_yes(x, "new-page", &s->newpage);
	style_yes(x, "hyphenate", &s->hyphenate);
	c->stylepos[s - l->style] = xml_pos(c->cur, x);
}

static void style_chapters(struct lctx *c, xmlNodePtr x, const char *dir)
{
	(void)dir;
	style_yes(x, "new-page", &c->l->chapternewpage);
}

/* "• – ◦": up to three bullets, cycled when fewer are given */
static void style_lists(struct lctx *c, xmlNodePtr x, const char *dir)
{
	(void)dir;
	struct layout *l = c->l;
	style_len(x, "indent", &l->listindent);
	style_len(x, "label-gap", &l->labelgap);
	char *v = style_attr(x, "bullets");
	if (!v)
		return;
	char *word[3], *save = NULL;
	int n = 0;
	for (char *w = strtok_r(v, " \t\r\n", &save); w; w = strtok_r(NULL, " \t\r\n", &save)) {
		if (n == 3) {
			diag_error(c->dg, xml_pos(c->cur, x),
				"at most three bullets (one per list level) can be given");
			break;
		}
		word[n++] = w;
	}
	for (int i = 0; n > 0 && i < 3; i++) {
		free(l->bullet[i]);
		l->bullet[i] = xstrdup(word[i % n]);
	}
	free(v);
}

static void style_toc(struct lctx *c, xmlNodePtr x, const char *dir)
{
	(void)dir;
	struct layout *l = c->l;
	style_str(x, "title", &l->toctitle);
	style_int(x, "depth", &l->tocdepth);
	style_len(x, "number-width", &l->tocnumwidth);
	style_len(x, "page-width", &l->tocpagewidth);
	style_str(x, "leader", &l->tocleader);
	if (l->tocleader && !l->tocleader[0]) {
		free(l->tocleader);
		l->tocleader = NULL;
	}
	style_len(x, "leader-step", &l->tocleaderstep);
}

static void style_pagination(struct lctx *c, xmlNodePtr x, const char *dir)
{
	(void)dir;
	style_int(x, "widows", &c->l->widows);
	style_int(x, "orphans", &c->l->orphans);
}

static void style_hyphenation(struct lctx *c, xmlNodePtr x, const char *dir)
{
	(void)dir;
	style_int(x, "min-word", &c->l->hyphmin);
	style_int(x, "left", &c->l->hyphleft);
	style_int(x, "right", &c->l->hyphright);
}

static void style_running_free(struct running *r)
{
	free(r->left);
	free(r->center);
	free(r->right);
	free(r->style);
	memset(r, 0, sizeof(*r));
}

/* a template's text with white space collapsed; unknown {fields} are errors */
static char *style_template(struct lctx *c, xmlNodePtr x)
{
	static const char *const fields[] = {"title", "subtitle", "unit", "period",
		"organisation", "date", "page", "pages"};
	xmlChar *v = xmlNodeGetContent(x);
	struct buf b = {0};
	for (const char *s = v ? (const char *)v : ""; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			if (b.len > 0 && b.s[b.len - 1] != ' ')
				buf_putc(&b, ' ');
			continue;
		}
		if (*s == '{') {
			const char *e = strchr(s, '}');
			size_t n = e ? (size_t)(e - s - 1) : 0, i;
			for (i = 0; e && i < sizeof(fields) / sizeof(fields[0]); i++)
				if (strlen(fields[i]) == n && strncmp(s + 1, fields[i], n) == 0)
					break;
			if (!e || i == sizeof(fields) / sizeof(fields[0])) {
				diag_error(c->dg, xml_pos(c->cur, x),
					"unknown field \"%.*s\" in <%s>: use {title}, {subtitle}, "
					"{unit}, {period}, {organisation}, {date}, {page} or {pages}",
					e ? (int)(e - s + 1) : 1, s, (const char *)x->name);
				break;
			}
		}
		buf_putc(&b, *s);
	}
	xmlFree(v);
	if (b.len > 0 && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	return b.len ? buf_take(&b) : (buf_free(&b), NULL);
}

static void style_running(struct lctx *c, xmlNodePtr x, struct running *r)
{
	style_running_free(r);
	style_len(x, "y", &r->y);
	r->style = style_attr(x, "style");
	style_len(x, "rule", &r->rule);
	style_len(x, "rule-gap", &r->rulegap);
	for (xmlNodePtr k = x->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		const char *n = (const char *)k->name;
		char **slot = strcmp(n, "left") == 0 ? &r->left :
			strcmp(n, "center") == 0 ? &r->center : &r->right;
		free(*slot);
		*slot = style_template(c, k);
	}
}

static void style_header(struct lctx *c, xmlNodePtr x, const char *dir)
{
	(void)dir;
	style_running(c, x, &c->l->header);
	c->headpos = xml_pos(c->cur, x);
}

static void style_footer(struct lctx *c, xmlNodePtr x, const char *dir)
{
	(void)dir;
	style_running(c, x, &c->l->footer);
	c->footpos = xml_pos(c->cur, x);
}

static void style_cover_free(struct layout *l)
{
	for (int i = 0; i < l->ncover; i++) {
		free(l->cover[i].field);
		free(l->cover[i].style);
	}
	free(l->cover);
	l->cover = NULL;
	l->ncover = 0;
}

/* a cover replaces the inherited one as a whole */
static void style_cover(struct lctx *c, xmlNodePtr x, const char *dir)
{
	(void)dir;
	struct layout *l = c->l;
	style_cover_free(l);
	int n = 0;
	for (xmlNodePtr k = x->children; k; k = k->next)
		n += k->type == XML_ELEMENT_NODE;
	l->cover = xcalloc((size_t)(n ? n : 1), sizeof(*l->cover));
	c->coverpos = xrealloc(c->coverpos, sizeof(*c->coverpos) * (size_t)(n ? n : 1));
	for (xmlNodePtr k = x->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		struct coveritem *ci = &l->cover[l->ncover];
		c->coverpos[l->ncover++] = xml_pos(c->cur, k);
		ci->rect = strcmp((const char *)k->name, "rect") == 0;
		style_len(k, "x", &ci->x);
		style_len(k, "y", &ci->y);
		style_len(k, "width", &ci->w);
		style_len(k, "height", &ci->h);
		style_color(k, "color", &ci->color);
		ci->field = style_attr(k, "field");
		ci->style = style_attr(k, "style");
	}
}

static const char *const style_shapes[] = {"circle", "diamond", "square",
	"triangle-up", "triangle-down"};

/* <chart-style>: attributes change what they name; <series> children, when
 * there are any, replace the inherited series as a whole */
static void style_chartstyle(struct lctx *c, xmlNodePtr x, const char *dir)
{
	(void)dir;
	struct chartstyle *cs = &c->l->chart;
	style_len(x, "size", &cs->size);
	style_color(x, "text-color", &cs->text);
	style_color(x, "grid-color", &cs->grid);
	style_color(x, "axis-color", &cs->axis);
	style_color(x, "target-color", &cs->target);
	style_len(x, "line-width", &cs->linewidth);
	style_len(x, "marker-size", &cs->markersize);
	char *v = style_attr(x, "aspect");
	if (v)
		cs->aspect = strtod(v, NULL);
	free(v);
	style_str(x, "caption-style", &cs->caption);
	int n = 0;
	for (xmlNodePtr k = x->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (n == LAYOUT_MAXCHARTSERIES) {
			diag_error(c->dg, xml_pos(c->cur, k), "a chart style has at most %d series",
				LAYOUT_MAXCHARTSERIES);
			break;
		}
		struct chartseriesstyle *ss = &cs->series[n++];
		*ss = (struct chartseriesstyle){ .marker = SHAPE_CIRCLE };
		style_color(k, "color", &ss->color);
		style_len(k, "dash", &ss->dash);
		char *m = style_attr(k, "marker");
		for (int i = 0; m && i < (int)(sizeof(style_shapes) / sizeof(style_shapes[0])); i++)
			if (strcmp(m, style_shapes[i]) == 0)
				ss->marker = (enum shape)i;
		free(m);
	}
	if (n)
		cs->nseries = n;
}

/* a new table style starts from the body text's look and the house rules */
static void style_tstyle_init(struct tstyle *t, char *name)
{
	memset(t, 0, sizeof(*t));
	t->name = name;
	t->face = FACE_REGULAR;
	t->headface = FACE_BOLD;
	t->size = 9;
	t->leading = 11;
	t->minsize = 7;
	t->padx = 3;
	t->pady = 2;
	t->rule = 0.25;
	t->headrule = 0.75;
	t->totalrule = 0.75;
	t->rulecolor = (struct rgb){ 0.55f, 0.55f, 0.55f };
	t->before = 6;
	t->after = 10;
	t->indent = 8;
}

/* <table-style>: like <style>, a known name changes only what it gives */
static void style_tablestyle(struct lctx *c, xmlNodePtr x, const char *dir)
{
	(void)dir;
	struct layout *l = c->l;
	char *name = style_attr(x, "name");
	if (!name)
		return;
	struct tstyle *t = (struct tstyle *)layout_tstyle(l, name);
	if (!t) {
		if (l->ntstyle == LAYOUT_MAXSTYLE) {
			diag_error(c->dg, xml_pos(c->cur, x), "a layout may define at most %d "
				"table styles", LAYOUT_MAXSTYLE);
			free(name);
			return;
		}
		int cap = l->ntstyle;
		l->tstyle = xgrow(l->tstyle, sizeof(*l->tstyle), l->ntstyle + 1, &cap);
		t = &l->tstyle[l->ntstyle++];
		style_tstyle_init(t, name);
	} else {
		free(name);
	}
	char *v = style_attr(x, "face");
	if (v)
		t->face = style_face(v);
	free(v);
	int hasleading = style_len(x, "leading", &t->leading);
	if (style_len(x, "size", &t->size) && !hasleading)
		t->leading = t->size * 1.2;
	style_len(x, "min-size", &t->minsize);
	style_color(x, "color", &t->color);
	/* padding="x y", or one length for both */
	if ((v = style_attr(x, "padding"))) {
		char *end;
		t->padx = t->pady = style_length(v, &end);
		if (*end == ' ')
			t->pady = style_length(end + 1, &end);
		free(v);
	}
	style_len(x, "indent", &t->indent);
	style_yes(x, "percent-space", &t->pctspace);
	for (xmlNodePtr k = x->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		const char *n = (const char *)k->name;
		if (!strcmp(n, "head")) {
			if ((v = style_attr(k, "face")))
				t->headface = style_face(v);
			free(v);
			if ((v = style_attr(k, "fill")))
				t->headshade = strcmp(v, "none") != 0;
			free(v);
			style_color(k, "fill", &t->headfill);
			style_len(k, "rule", &t->headrule);
		} else if (!strcmp(n, "rules")) {
			style_len(k, "body", &t->rule);
			style_len(k, "total", &t->totalrule);
			style_color(k, "color", &t->rulecolor);
		} else if (!strcmp(n, "around")) {
			style_len(k, "before", &t->before);
			style_len(k, "after", &t->after);
			style_str(k, "caption-style", &t->caption);
			style_str(k, "note-style", &t->note);
		}
	}
	if (t->size <= 0 || t->size > 500 || t->minsize <= 0 || t->minsize > t->size ||
			t->leading < t->size * 0.8 || t->padx < 0 || t->pady < 0 || t->padx > 100 ||
			t->pady > 100 || t->before > l->ph || t->after > l->ph)
		diag_error(c->dg, xml_pos(c->cur, x), "table style \"%s\": size %.1f, "
			"min-size %.1f and leading %.1f pt must satisfy 0 < min-size <= size "
			"<= 500 and leading >= 0.8 x size, padding at most 100 pt", t->name,
			t->size, t->minsize, t->leading);
}

/* <symbols>: a set of status symbols (symbol.c reads it) */
static void style_symbols(struct lctx *c, xmlNodePtr x, const char *dir)
{
	(void)dir;
	symbol_read(&c->l->symset, &c->l->nsymset, x, c->cur, c->dg);
}

/* the children of <layout>; add new ones here */
static const struct {
	const char *name;
	void (*fn)(struct lctx *, xmlNodePtr, const char *dir);
} style_kinds[] = {
	{"page", style_page},
	{"fonts", style_fonts},
	{"style", style_style},
	{"table-style", style_tablestyle},
	{"chapters", style_chapters},
	{"lists", style_lists},
	{"toc", style_toc},
	{"pagination", style_pagination},
	{"hyphenation", style_hyphenation},
	{"chart-style", style_chartstyle},
	{"symbols", style_symbols},
	{"header", style_header},
	{"footer", style_footer},
	{"cover", style_cover},
};

/* read the layout in dir, its ancestors first; 0 when it applied */
static int style_read(struct lctx *c, const char *dir, struct pos from)
{
	char *real = realpath(dir, NULL);
	if (!real) {
		diag_error(c->dg, from, "layout directory %s not found", dir);
		return -1;
	}
	for (int i = 0; i < c->nchain; i++) {
		if (strcmp(c->dirs[i], real) == 0) {
			diag_error(c->dg, from, "the layouts inherit in a circle: %s comes "
				"back to %s", c->files[c->nchain - 1], real);
			free(real);
			return -1;
		}
	}
	if (c->nchain == LAYOUT_MAXCHAIN) {
		diag_error(c->dg, from, "layouts inherit at most %d levels deep",
			LAYOUT_MAXCHAIN);
		free(real);
		return -1;
	}
	char *file = path_join(real, "layout.xml");
	c->dirs[c->nchain] = real;
	c->files[c->nchain++] = file;
	char *schema = path_join(c->datadir, "schema/layout.rng");
	xmlDocPtr x = xml_load(file, schema, c->dg);
	free(schema);
	if (!x)
		return -1;
	xmlNodePtr root = xmlDocGetRootElement(x);
	if (c->nchain == 1)
		c->rootpos = xml_pos(file, root);
	char *base = style_attr(root, "inherits");
	int rc = 0;
	if (base) {
		char *up = path_dir(real);
		char *bdir = path_join(up, base);
		rc = style_read(c, bdir, xml_pos(file, root));
		free(bdir);
		free(up);
		free(base);
	}
	if (rc == 0) {
		const char *saved = c->cur;
		c->cur = file;
		style_str(root, "name", &c->l->name);
		for (xmlNodePtr k = root->children; k; k = k->next) {
			if (k->type != XML_ELEMENT_NODE)
				continue;
			for (size_t i = 0; i < sizeof(style_kinds) / sizeof(style_kinds[0]); i++)
				if (strcmp((const char *)k->name, style_kinds[i].name) == 0)
					style_kinds[i].fn(c, k, real);
		}
		c->cur = saved;
	}
	xmlFreeDoc(x);
	return rc;
}

/* charts: small grey text, light gridlines, series that differ in
 * lightness, dash and marker */
static void style_chartdefaults(struct chartstyle *cs)
{
	static const struct chartseriesstyle ser[] = {
		{ {0.000f, 0.196f, 0.353f}, 0, SHAPE_CIRCLE },		/* #00325a */
		{ {0.435f, 0.659f, 0.863f}, 4, SHAPE_SQUARE },		/* #6fa8dc */
		{ {0.773f, 0.353f, 0.067f}, 1.5, SHAPE_TRIANGLE_UP },	/* #c55a11 */
		{ {0.220f, 0.341f, 0.137f}, 8, SHAPE_DIAMOND },		/* #385723 */
		{ {0.749f, 0.749f, 0.749f}, 3, SHAPE_TRIANGLE_DOWN },	/* #bfbfbf */
	};
	cs->size = 8;
	cs->text = (struct rgb){0.25f, 0.25f, 0.25f};
	cs->grid = (struct rgb){0.85f, 0.85f, 0.85f};
	cs->axis = (struct rgb){0.25f, 0.25f, 0.25f};
	cs->target = (struct rgb){0.75f, 0.0f, 0.0f};
	cs->linewidth = 1.5;
	cs->markersize = 5;
	cs->aspect = 1.8;
	cs->caption = xstrdup("caption");
	cs->nseries = (int)(sizeof(ser) / sizeof(ser[0]));
	for (int i = 0; i < cs->nseries; i++)
		cs->series[i] = ser[i];
}

/* what a layout that says nothing gets: A4 and the house conventions */
static void style_defaults(struct layout *l)
{
	l->pw = 210 * 72.0 / 25.4;
	l->ph = 297 * 72.0 / 25.4;
	l->mt = l->mb = l->ml = l->mr = 25 * 72.0 / 25.4;
	l->listindent = 16;
	l->labelgap = 6;
	l->bullet[0] = xstrdup("\u2022");
	l->bullet[1] = xstrdup("\u2013");
	l->bullet[2] = xstrdup("\u25e6");
	l->toctitle = xstrdup("Inneh\u00e5llsf\u00f6rteckning");
	l->tocdepth = 2;
	l->tocnumwidth = 28;
	l->tocpagewidth = 24;
	l->tocleader = xstrdup(".");
	l->tocleaderstep = 4;
	l->widows = 2;
	l->orphans = 2;
	l->hyphmin = 6;
	l->hyphleft = 2;
	l->hyphright = 3;
	l->tstyle = xmalloc(sizeof(*l->tstyle));
	l->ntstyle = 1;
	style_tstyle_init(&l->tstyle[0], xstrdup("table"));
	style_chartdefaults(&l->chart);
}

/* a style named by the layout itself (footer, cover) must exist */
static void style_need(struct lctx *c, const char *name, struct pos p, const char *what)
{
	if (!name || !layout_style(c->l, name))
		diag_error(c->dg, p, "%s uses the style \"%s\", which the layout does "
			"not define", what, name ? name : "");
}

static void style_check_running(struct lctx *c, const struct running *r, struct pos p,
	const char *what)
{
	if (!r->left && !r->center && !r->right)
		return;
	style_need(c, r->style, p, what);
	if (r->y <= 0 || r->y >= c->l->ph)
		diag_error(c->dg, p, "the %s baseline (%.1f pt from the top) is not on the "
			"page", what, r->y);
}

/* chart sizes that keep every chart drawable */
static void style_check_chart(struct lctx *c)
{
	const struct chartstyle *cs = &c->l->chart;
	if (!(cs->size >= 4 && cs->size <= 24) || !(cs->linewidth <= 10) ||
		!(cs->markersize <= 20) || !(cs->aspect >= 0.25 && cs->aspect <= 5))
		diag_error(c->dg, c->rootpos, "<chart-style> needs a size of 4 to 24 pt, a line "
			"width up to 10 pt, markers up to 20 pt and an aspect of 0.25 to 5");
	for (int i = 0; i < cs->nseries; i++)
		if (!(cs->series[i].dash <= 50))
			diag_error(c->dg, c->rootpos, "<chart-style>: a dash is at most 50 pt");
}

/* the combined layout must make sense before anything is laid out with it */
static void style_check(struct lctx *c)
{
	static const char *const required[] = {"body", "h1", "h2", "h3", "h4", "toc1",
		"toc2", "footer"};
	struct layout *l = c->l;
	struct pos page = c->pagepos.file ? c->pagepos : c->rootpos;
	if (l->pw < 72 || l->ph < 72 || l->pw > 14400 || l->ph > 14400)
		diag_error(c->dg, page, "the page (%.1f x %.1f pt) must be between 72 and "
			"14400 pt in each direction", l->pw, l->ph);
	else if (l->pw - l->ml - l->mr < 72 || l->ph - l->mt - l->mb < 72)
		diag_error(c->dg, page, "the margins leave %.1f x %.1f pt for the text; at "
			"least 72 pt (one inch) each way is needed",
			l->pw - l->ml - l->mr, l->ph - l->mt - l->mb);
	if (!l->fontfile[FACE_REGULAR] && !c->facepos[FACE_REGULAR].file)
		diag_error(c->dg, c->rootpos, "the layout names no regular font face");
	for (int i = 0; i < l->nstyle; i++) {
		const struct style *s = &l->style[i];
		struct pos p = c->stylepos[i];
		if (s->size <= 0 || s->size > 500)
			diag_error(c->dg, p, "style \"%s\": size %.1f pt is not between 0 and "
				"500", s->name, s->size);
		else if (s->leading < s->size * 0.8)
			diag_error(c->dg, p, "style \"%s\": leading %.1f pt is too small for "
				"size %.1f pt (at least %.1f)", s->name, s->leading, s->size,
				s->size * 0.8);
		if (s->before > l->ph || s->after > l->ph || s->indent > l->pw)
			diag_error(c->dg, p, "style \"%s\": its spacing is larger than the page",
				s->name);
		if (!l->fontfile[s->face] && !c->facepos[s->face].file)
			diag_error(c->dg, p, "style \"%s\" uses the %s face, which the layout "
				"does not name in <fonts>", s->name, style_faces[s->face]);
	}
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!layout_style(l, required[i]))
			diag_error(c->dg, c->rootpos, "the layout must define the style \"%s\"",
				required[i]);
	style_check_running(c, &l->header, c->headpos, "header");
	style_check_running(c, &l->footer, c->footpos, "footer");
	style_check_chart(c);
	for (int i = 0; i < l->ncover; i++)
		if (!l->cover[i].rect)
			style_need(c, l->cover[i].style, c->coverpos[i], "the cover");
	for (int i = 0; i < l->ntstyle; i++) {
		if (l->tstyle[i].caption)
			style_need(c, l->tstyle[i].caption, c->rootpos, "a table style's caption");
		if (l->tstyle[i].note)
			style_need(c, l->tstyle[i].note, c->rootpos, "a table style's note");
	}
}

struct layout *layout_load(const char *dir, const char *datadir, struct diag *dg)
{
	struct layout *l = xcalloc(1, sizeof(*l));
	struct lctx c = {.l = l, .dg = dg, .datadir = datadir};
	struct pos from = {dir, 0, 0};
	int before = dg->nerr;
	l->dir = xstrdup(dir);
	style_defaults(l);
	if (style_read(&c, dir, from) == 0) {
		c.rootpos.file = c.files[0];
		style_check(&c);
	}
	for (int i = 0; i < FACE_MAX && dg->nerr == before; i++) {
		char err[256];
		if (l->fontfile[i] && font_load(&l->fonts.face[i], l->fontfile[i], err,
				sizeof(err)) != 0)
			diag_error(dg, c.facepos[i], "cannot use the font %s: %s",
				l->fontfile[i], err);
	}
	for (int i = 0; i < c.nchain; i++) {
		free(c.dirs[i]);
		free(c.files[i]);
	}
	free(c.stylepos);
	free(c.coverpos);
	if (dg->nerr > before) {
		layout_free(l);
		return NULL;
	}
	return l;
}

const struct style *layout_style(const struct layout *l, const char *name)
{
	for (int i = 0; l && name && i < l->nstyle; i++)
		if (strcmp(l->style[i].name, name) == 0)
			return &l->style[i];
	return NULL;
}

const struct tstyle *layout_tstyle(const struct layout *l, const char *name)
{
	for (int i = 0; l && name && i < l->ntstyle; i++)
		if (strcmp(l->tstyle[i].name, name) == 0)
			return &l->tstyle[i];
	return NULL;
}

void layout_free(struct layout *l)
{
	if (!l)
		return;
	free(l->name);
	free(l->dir);
	for (int i = 0; i < FACE_MAX; i++)
		free(l->fontfile[i]);
	for (int i = 0; i < l->nstyle; i++)
		free(l->style[i].name);
	free(l->style);
	for (int i = 0; i < l->ntstyle; i++) {
		free(l->tstyle[i].name);
		free(l->tstyle[i].caption);
		free(l->tstyle[i].note);
	}
	free(l->tstyle);
	style_running_free(&l->header);
	style_running_free(&l->footer);
	for (int i = 0; i < 3; i++)
		free(l->bullet[i]);
	free(l->toctitle);
	free(l->tocleader);
	free(l->chart.caption);
	symbol_free(l->symset, l->nsymset);
	style_cover_free(l);
	fontset_free(&l->fonts);
	free(l);
}
