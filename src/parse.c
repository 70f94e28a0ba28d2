/*
 * parse: the report loader.  xml_load reads and validates the file against
 * data/schema/report.rng; this walks the validated tree and builds the
 * document tree (doc.h), one function per element kind, so a new element
 * means one new function and one table entry.  It checks what the schema
 * cannot: section depth, link schemes, characters that arrived as
 * character references, and (through doc_finish) ids and references.
 * White space is collapsed here, once, so no later stage sees XML layout.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chart.h"
#include "include.h"
#include "num.h"
#include "parse.h"
#include "utf8.h"
#include "xml.h"

/* sections nest this deep at most (level 1 = chapter) */
#define PARSE_MAXDEPTH 6

struct pctx {
	struct doc *d;		/* the document being built */
	struct diag *dg;	/* where problems go */
	const char *datadir;	/* folio's data directory (schemas), for includes */
	struct incstate *inc;	/* the reports this render loads for includes */
};

/* what inline content inherits from its enclosing elements */
struct ictx {
	int emph;		/* EM_BOLD | EM_ITALIC in force */
	int inlink;		/* inside <a>: no links or references */
};

static int parse_is(xmlNodePtr x, const char *name)
{
	return x->type == XML_ELEMENT_NODE && strcmp((const char *)x->name, name) == 0;
}

static struct pos parse_pos(struct pctx *c, xmlNodePtr x)
{
	return xml_pos(c->d->path, x);
}

static int parse_isspace(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static int parse_blank(const char *s)
{
	while (*s && parse_isspace(*s))
		s++;
	return *s == '\0';
}

/* text that arrived through a character reference (&#x1F600;) escaped
 * the byte-level checks of xml_load; check it here, once per text */
static void parse_check_text(struct pctx *c, xmlNodePtr x, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			return;
		if (cp > 0xffff) {
			diag_error(c->dg, parse_pos(c, x), "the text holds U+%04X, which lies "
				"outside the Basic Multilingual Plane and cannot be printed",
				(unsigned)cp);
			return;
		}
		if ((cp < 0x20 && !parse_isspace((char)cp)) || (cp >= 0x7f && cp <= 0x9f)) {
			diag_error(c->dg, parse_pos(c, x), "the text holds the control "
				"character U+%04X, which is not allowed", (unsigned)cp);
			return;
		}
		i += (size_t)k;
	}
}

/* an attribute's value copied into the document, or NULL when absent */
static char *parse_attr(struct pctx *c, xmlNodePtr x, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(x, (const xmlChar *)name);
	if (!v)
		return NULL;
	parse_check_text(c, x, (const char *)v);
	char *s = arena_strdup(&c->d->mem, (const char *)v);
	xmlFree(v);
	return s;
}

/* collapse runs of XML white space in s to one space, in place */
static void parse_collapse(char *s)
{
	char *o = s;
	for (const char *i = s; *i; i++) {
		if (parse_isspace(*i)) {
			if (o == s || o[-1] != ' ')
				*o++ = ' ';
		} else {
			*o++ = *i;
		}
	}
	*o = '\0';
}

/* collapse and trim: for metadata, which is plain text */
static char *parse_plain(struct pctx *c, xmlNodePtr x)
{
	xmlChar *v = xmlNodeGetContent(x);
	char *s = arena_strdup(&c->d->mem, v ? (const char *)v : "");
	xmlFree(v);
	parse_check_text(c, x, s);
	parse_collapse(s);
	size_t n = strlen(s);
	if (n > 0 && s[n - 1] == ' ')
		s[n - 1] = '\0';
	return s[0] == ' ' ? s + 1 : s;
}

/* the text, break and reference leaves of an inline subtree, in order */
static void parse_leaves(struct node *n, struct node ***v, int *nv, int *cap)
{
	for (struct node *k = n->first; k; k = k->next) {
		if (k->type == N_TEXT || k->type == N_BR || k->type == N_REF ||
				k->type == N_SYMBOL) {
			*v = xgrow(*v, sizeof(**v), *nv + 1, cap);
			(*v)[(*nv)++] = k;
		} else {
			parse_leaves(k, v, nv, cap);
		}
	}
}

/* drop the text nodes white space handling emptied */
static void parse_prune(struct node *n)
{
	struct node **pp = &n->first, *last = NULL;
	for (struct node *k = n->first; k; k = k->next) {
		if (k->type == N_TEXT && k->text[0] == '\0')
			continue;
		parse_prune(k);
		*pp = k;
		pp = &k->next;
		last = k;
	}
	*pp = NULL;
	n->last = last;
}

/* white space of one block (paragraph, title, item text): runs become one
 * space across element boundaries, and none is left at the start or end
 * of the block or next to a forced line break */
static void parse_whitespace(struct node *blk)
{
	struct node **v = NULL;
	int nv = 0, cap = 0;
	parse_leaves(blk, &v, &nv, &cap);
	int space = 1;
	for (int i = 0; i < nv; i++) {
		if (v[i]->type != N_TEXT) {
			space = v[i]->type == N_BR;
			continue;
		}
		char *s = v[i]->text;
		parse_collapse(s);
		if (space && s[0] == ' ')
			memmove(s, s + 1, strlen(s));
		if (s[0])
			space = s[strlen(s) - 1] == ' ';
	}
	int trim = 1;
	for (int i = nv - 1; i >= 0; i--) {
		if (v[i]->type != N_TEXT) {
			trim = v[i]->type == N_BR;
			continue;
		}
		char *s = v[i]->text;
		size_t n = strlen(s);
		if (trim && n > 0 && s[n - 1] == ' ')
			s[--n] = '\0';
		if (n > 0)
			trim = 0;
	}
	free(v);
	parse_prune(blk);
}

static void parse_inlines(struct pctx *c, xmlNodePtr x, struct node *parent,
	struct ictx ic);

static struct node *parse_new(struct pctx *c, enum node_type t, xmlNodePtr x,
	struct node *parent)
{
	struct node *n = doc_node(c->d, t, parse_pos(c, x));
	doc_append(parent, n);
	return n;
}

/* <b> and <i>: the span carries all emphasis in force */
static void parse_emph(struct pctx *c, xmlNodePtr x, struct node *parent,
	struct ictx ic, int bit)
{
	struct node *n = parse_new(c, N_SPAN, x, parent);
	ic.emph |= bit;
	n->emph = ic.emph;
	parse_inlines(c, x, n, ic);
}

static void parse_b(struct pctx *c, xmlNodePtr x, struct node *parent, struct ictx ic)
{
	parse_emph(c, x, parent, ic, EM_BOLD);
}

static void parse_i(struct pctx *c, xmlNodePtr x, struct node *parent, struct ictx ic)
{
	parse_emph(c, x, parent, ic, EM_ITALIC);
}

static void parse_br(struct pctx *c, xmlNodePtr x, struct node *parent, struct ictx ic)
{
	(void)ic;
	parse_new(c, N_BR, x, parent);
}

/* http, https and mailto only, with something after the scheme and no
 * white space: anything else is a mistake or an attack on the reader */
static int parse_url_ok(const char *u)
{
	size_t skip;
	if (strncasecmp(u, "https://", 8) == 0)
		skip = 8;
	else if (strncasecmp(u, "http://", 7) == 0)
		skip = 7;
	else if (strncasecmp(u, "mailto:", 7) == 0)
		skip = 7;
	else
		return 0;
	if (u[skip] == '\0')
		return 0;
	for (const unsigned char *p = (const unsigned char *)u; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return 0;
	return 1;
}

static void parse_a(struct pctx *c, xmlNodePtr x, struct node *parent, struct ictx ic)
{
	if (ic.inlink) {
		diag_error(c->dg, parse_pos(c, x), "a link cannot contain another link");
		return;
	}
	struct node *n = parse_new(c, N_LINK, x, parent);
	n->href = parse_attr(c, x, "href");
	if (!n->href || !parse_url_ok(n->href))
		diag_error(c->dg, n->pos, "link address \"%s\" is not allowed: use an "
			"http://, https:// or mailto: address", n->href ? n->href : "");
	ic.inlink = 1;
	parse_inlines(c, x, n, ic);
}

static void parse_ref(struct pctx *c, xmlNodePtr x, struct node *parent, struct ictx ic)
{
	if (ic.inlink) {
		diag_error(c->dg, parse_pos(c, x), "a link cannot contain a <ref>");
		return;
	}
	struct node *n = parse_new(c, N_REF, x, parent);
	n->href = parse_attr(c, x, "to");
}

static void parse_attrs(struct pctx *c, xmlNodePtr x, struct node *n);

/* <symbol set="…" value="…"/>: checked against the layout's sets (symbol.c) */
static void parse_symbol(struct pctx *c, xmlNodePtr x, struct node *parent, struct ictx ic)
{
	(void)ic;
	parse_attrs(c, x, parse_new(c, N_SYMBOL, x, parent));
}

/* the inline elements; add new ones here */
static const struct {
	const char *name;
	void (*fn)(struct pctx *, xmlNodePtr, struct node *, struct ictx);
} parse_inline_kinds[] = {
	{"b", parse_b},
	{"i", parse_i},
	{"br", parse_br},
	{"a", parse_a},
	{"ref", parse_ref},
	{"symbol", parse_symbol},
};

/* one inline child: text or an inline element; 0 when x is neither */
static int parse_inline(struct pctx *c, xmlNodePtr x, struct node *parent, struct ictx ic)
{
	if (x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE) {
		const char *s = x->content ? (const char *)x->content : "";
		parse_check_text(c, x, s);
		struct node *t = parse_new(c, N_TEXT, x, parent);
		t->text = arena_strdup(&c->d->mem, s);
		return 1;
	}
	if (x->type != XML_ELEMENT_NODE)
		return 1;	/* comments and processing instructions */
	for (size_t i = 0; i < sizeof(parse_inline_kinds) / sizeof(parse_inline_kinds[0]); i++) {
		if (parse_is(x, parse_inline_kinds[i].name)) {
			parse_inline_kinds[i].fn(c, x, parent, ic);
			return 1;
		}
	}
	return 0;
}

static void parse_unexpected(struct pctx *c, xmlNodePtr x)
{
	diag_error(c->dg, parse_pos(c, x), "element <%s> is not allowed here",
		(const char *)x->name);
}

static void parse_inlines(struct pctx *c, xmlNodePtr x, struct node *parent,
	struct ictx ic)
{
	for (xmlNodePtr k = x->children; k; k = k->next)
		if (!parse_inline(c, k, parent, ic))
			parse_unexpected(c, k);
}

/* a block of inline content (paragraph or title) */
static struct node *parse_textblock(struct pctx *c, enum node_type t, xmlNodePtr x,
	struct node *parent)
{
	struct node *n = parse_new(c, t, x, parent);
	struct ictx ic = {0, 0};
	parse_inlines(c, x, n, ic);
	parse_whitespace(n);
	return n;
}

static void parse_p(struct pctx *c, xmlNodePtr x, struct node *parent)
{
	struct node *n = parse_textblock(c, N_PARA, x, parent);
	n->id = parse_attr(c, x, "id");
	n->style = parse_attr(c, x, "style");
}

static void parse_pagebreak(struct pctx *c, xmlNodePtr x, struct node *parent)
{
	parse_new(c, N_PAGEBREAK, x, parent);
}

static void parse_list(struct pctx *c, xmlNodePtr x, struct node *parent);

/* the content of an item or a table cell: text (collected into an implicit
 * paragraph) and then nested lists, or paragraphs and lists; never text
 * after a block */
static void parse_blockbody(struct pctx *c, xmlNodePtr x, struct node *it)
{
	struct node *para = NULL;
	int blocks = 0, hadtext = 0;
	struct ictx ic = {0, 0};
	for (xmlNodePtr k = x->children; k; k = k->next) {
		int text = k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE;
		if (parse_is(k, "list") || parse_is(k, "p")) {
			if (parse_is(k, "p") && hadtext) {
				diag_error(c->dg, parse_pos(c, k), "<%s> holds either text or "
					"paragraphs, not both: put the text in a <p> too",
					(const char *)x->name);
				continue;
			}
			if (para)
				parse_whitespace(para);
			para = NULL;
			blocks = 1;
			if (parse_is(k, "p"))
				parse_p(c, k, it);
			else
				parse_list(c, k, it);
			continue;
		}
		if (text && parse_blank(k->content ? (const char *)k->content : "") && !para)
			continue;
		if (k->type != XML_ELEMENT_NODE && !text)
			continue;
		if (blocks) {
			diag_error(c->dg, parse_pos(c, k), "text after a nested list or "
				"paragraph: put it in a <p>");
			break;
		}
		if (!para) {
			para = doc_node(c->d, N_PARA, parse_pos(c, x));
			doc_append(it, para);
		}
		hadtext = 1;
		if (!parse_inline(c, k, para, ic))
			parse_unexpected(c, k);
	}
	if (para)
		parse_whitespace(para);
}

static void parse_item(struct pctx *c, xmlNodePtr x, struct node *parent)
{
	parse_blockbody(c, x, parse_new(c, N_ITEM, x, parent));
}

static void parse_list(struct pctx *c, xmlNodePtr x, struct node *parent)
{
	struct node *n = parse_new(c, N_LIST, x, parent);
	n->id = parse_attr(c, x, "id");
	const char *type = parse_attr(c, x, "type");
	n->list = !type || strcmp(type, "bullet") == 0 ? LIST_BULLET :
		strcmp(type, "number") == 0 ? LIST_NUMBER : LIST_LETTER;
	const char *start = parse_attr(c, x, "start");
	if (start) {
		long v = strtol(start, NULL, 10);
		n->start = v >= 1 && v <= 100000 ? (int)v : 1;
	}
	for (xmlNodePtr k = x->children; k; k = k->next) {
		if (parse_is(k, "item"))
			parse_item(c, k, n);
		else if (k->type == XML_ELEMENT_NODE)
			parse_unexpected(c, k);
	}
}

/* a number attribute of <chart> ("0.8", "80%", "60mm", "-12,5") in points
 * for lengths; the schema has checked its form */
static double parse_chartnum(const char *s)
{
	struct numval v;
	char *end;
	double d = strtod(s, &end);
	if (strcmp(end, "mm") == 0)
		return d * 72.0 / 25.4;
	if (strcmp(end, "cm") == 0)
		return d * 720.0 / 25.4;
	if (strcmp(end, "%") == 0)
		return d / 100;
	if (num_parse(s, &v) == NUM_NUMBER)
		d = (double)v.d.m / pow(10, v.d.scale);
	return d;
}

/* <chart>: the data source and what to draw; the CSV is read at layout */
static void parse_chart(struct pctx *c, xmlNodePtr x, struct node *parent)
{
	struct node *n = parse_new(c, N_CHART, x, parent);
	struct chartdef *cd = arena_alloc(&c->d->mem, sizeof(*cd));
	memset(cd, 0, sizeof(*cd));
	n->chart = cd;
	n->id = parse_attr(c, x, "id");
	const char *a = parse_attr(c, x, "type");
	cd->type = a && chart_typename(a) >= 0 ? (enum chart_type)chart_typename(a) : CHART_COLUMN;
	cd->src = parse_attr(c, x, "src");
	cd->category = parse_attr(c, x, "category");
	cd->cattitle = parse_attr(c, x, "category-title");
	cd->valtitle = parse_attr(c, x, "value-title");
	cd->alt = parse_attr(c, x, "alt");
	cd->width = (a = parse_attr(c, x, "width")) ? parse_chartnum(a) : 1;
	cd->height = (a = parse_attr(c, x, "height")) ? parse_chartnum(a) : 0;
	cd->aspect = (a = parse_attr(c, x, "aspect")) ? parse_chartnum(a) : 0;
	cd->percent = (a = parse_attr(c, x, "percent")) ? strcmp(a, "yes") == 0 : -1;
	if (!(cd->width >= 0.2 && cd->width <= 1))
		diag_error(c->dg, n->pos, "a chart's width is a fraction of the text width "
			"from 0.2 to 1 (or 20%% to 100%%)");
	if (cd->height != 0 && !(cd->height >= 40 && cd->height <= 1000))
		diag_error(c->dg, n->pos, "a chart's height must be 40 pt (14 mm) to 1000 pt");
	if (cd->aspect != 0 && !(cd->aspect >= 0.25 && cd->aspect <= 5))
		diag_error(c->dg, n->pos, "a chart's aspect (width / height) must be 0.25 to 5");
	int ns = 0;
	for (xmlNodePtr k = x->children; k; k = k->next)
		ns += parse_is(k, "series");
	if (ns > CHART_MAXSERIES)
		diag_error(c->dg, n->pos, "a chart has at most %d series, not %d",
			CHART_MAXSERIES, ns);
	cd->series = arena_alloc(&c->d->mem, sizeof(*cd->series) * (size_t)(ns ? ns : 1));
	for (xmlNodePtr k = x->children; k; k = k->next) {
		if (parse_is(k, "caption")) {
			cd->caption = parse_plain(c, k);
		} else if (parse_is(k, "series") && cd->nseries < CHART_MAXSERIES) {
			struct chartseries *s = &cd->series[cd->nseries++];
			s->column = parse_attr(c, k, "column");
			s->label = parse_attr(c, k, "label");
			s->pos = parse_pos(c, k);
		} else if (parse_is(k, "target")) {
			cd->hastarget = 1;
			cd->target = (a = parse_attr(c, k, "value")) ? parse_chartnum(a) : 0;
			cd->targetlabel = parse_attr(c, k, "label");
		}
	}
}

/* every attribute of a table element as name, value pairs; the schema has
 * checked names and syntax, table.c gives them meaning */
static void parse_attrs(struct pctx *c, xmlNodePtr x, struct node *n)
{
	int k = 0;
	for (xmlAttrPtr a = x->properties; a; a = a->next)
		k++;
	n->attr = arena_alloc(&c->d->mem, sizeof(*n->attr) * (size_t)(2 * k + 1));
	k = 0;
	for (xmlAttrPtr a = x->properties; a; a = a->next) {
		char *v = parse_attr(c, x, (const char *)a->name);
		if (!v)
			continue;
		n->attr[k++] = arena_strdup(&c->d->mem, (const char *)a->name);
		n->attr[k++] = v;
		/* goal blocks, summaries … may carry ids, for <include> */
		if (strcmp((const char *)a->name, "id") == 0)
			n->id = v;
	}
	n->attr[k] = NULL;
}

/* a table row (body or header): cells of inline or block content */
static void parse_trow(struct pctx *c, xmlNodePtr x, struct node *parent)
{
	struct node *n = parse_new(c, N_ROW, x, parent);
	parse_attrs(c, x, n);
	for (xmlNodePtr k = x->children; k; k = k->next) {
		if (!parse_is(k, "cell"))
			continue;
		struct node *cell = parse_new(c, N_CELL, k, n);
		parse_attrs(c, k, cell);
		parse_blockbody(c, k, cell);
	}
}

/* <table>: the definition only; table.c loads its data when laying out */
static void parse_table(struct pctx *c, xmlNodePtr x, struct node *parent)
{
	struct node *n = parse_new(c, N_TABLE, x, parent);
	n->id = parse_attr(c, x, "id");
	n->style = parse_attr(c, x, "style");
	parse_attrs(c, x, n);
	for (xmlNodePtr k = x->children; k; k = k->next) {
		if (parse_is(k, "caption")) {
			parse_textblock(c, N_CAPTION, k, n);
		} else if (parse_is(k, "column")) {
			parse_attrs(c, k, parse_textblock(c, N_COLUMN, k, n));
		} else if (parse_is(k, "head")) {
			struct node *h = parse_new(c, N_THEAD, k, n);
			for (xmlNodePtr r = k->children; r; r = r->next)
				if (parse_is(r, "row"))
					parse_trow(c, r, h);
		} else if (parse_is(k, "row")) {
			parse_trow(c, k, n);
		} else if (parse_is(k, "note")) {
			parse_textblock(c, N_NOTE, k, n);
		}
	}
}

/* <legend sets="…"/>: symbol.c sets it from the layout's sets */
static void parse_legend(struct pctx *c, xmlNodePtr x, struct node *parent)
{
	parse_attrs(c, x, parse_new(c, N_LEGEND, x, parent));
}

/* <goals>: goal blocks from CSV (goal.c), with the comments written here */
static void parse_goals(struct pctx *c, xmlNodePtr x, struct node *parent)
{
	struct node *n = parse_new(c, N_GOALS, x, parent);
	parse_attrs(c, x, n);
	for (xmlNodePtr k = x->children; k; k = k->next) {
		if (!parse_is(k, "comment"))
			continue;
		struct node *cm = parse_new(c, N_COMMENT, k, n);
		parse_attrs(c, k, cm);
		parse_blockbody(c, k, cm);
	}
}

/* <goal-summary>: counts computed from the report's goals (goal.c) */
static void parse_goalsum(struct pctx *c, xmlNodePtr x, struct node *parent)
{
	struct node *n = parse_new(c, N_GOALSUM, x, parent);
	parse_attrs(c, x, n);
	for (xmlNodePtr k = x->children; k; k = k->next)
		if (parse_is(k, "kind"))
			parse_attrs(c, k, parse_textblock(c, N_LABEL, k, n));
}

/* <internal-control>: risks and actions from CSV (goal.c) */
static void parse_intctrl(struct pctx *c, xmlNodePtr x, struct node *parent)
{
	parse_attrs(c, x, parse_new(c, N_INTCTRL, x, parent));
}

static void parse_section(struct pctx *c, xmlNodePtr x, struct node *parent);

/* <include report="…" ref="…"/>: a copy of a part of another report,
 * made now (include.c), so later stages see ordinary nodes */
static void parse_include(struct pctx *c, xmlNodePtr x, struct node *parent)
{
	struct incspec sp = {
		.report = parse_attr(c, x, "report"), .ref = parse_attr(c, x, "ref"),
		.prefix = parse_attr(c, x, "prefix"), .id = parse_attr(c, x, "id"),
		.numbered = parse_attr(c, x, "numbered"), .pos = parse_pos(c, x),
	};
	char *h = parse_attr(c, x, "heading");
	if (h) {
		parse_collapse(h);
		size_t n = strlen(h);
		if (n > 0 && h[n - 1] == ' ')
			h[n - 1] = '\0';
		sp.heading = h[0] == ' ' ? h + 1 : h;
		if (!sp.heading[0])
			diag_error(c->dg, sp.pos, "the heading of an <include> is empty");
	}
	include_part(c->d, parent, &sp, c->datadir, c->inc, c->dg);
}

/* the blocks of reports and sections; add new ones here */
static const struct {
	const char *name;
	void (*fn)(struct pctx *, xmlNodePtr, struct node *);
} parse_block_kinds[] = {
	{"section", parse_section},
	{"p", parse_p},
	{"list", parse_list},
	{"pagebreak", parse_pagebreak},
	{"chart", parse_chart},
	{"table", parse_table},
	{"legend", parse_legend},
	{"goals", parse_goals},
	{"goal-summary", parse_goalsum},
	{"internal-control", parse_intctrl},
	{"include", parse_include},
};

static void parse_block(struct pctx *c, xmlNodePtr x, struct node *parent)
{
	for (size_t i = 0; i < sizeof(parse_block_kinds) / sizeof(parse_block_kinds[0]); i++) {
		if (parse_is(x, parse_block_kinds[i].name)) {
			parse_block_kinds[i].fn(c, x, parent);
			return;
		}
	}
	parse_unexpected(c, x);
}

static void parse_section(struct pctx *c, xmlNodePtr x, struct node *parent)
{
	struct node *n = parse_new(c, N_SECTION, x, parent);
	n->level = parent->type == N_SECTION ? parent->level + 1 : 1;
	if (n->level > PARSE_MAXDEPTH) {
		diag_error(c->dg, n->pos, "sections nest at most %d levels deep; this one "
			"is at level %d", PARSE_MAXDEPTH, n->level);
		return;
	}
	n->id = parse_attr(c, x, "id");
	n->style = parse_attr(c, x, "style");
	const char *num = parse_attr(c, x, "numbered");
	n->num = !num || strcmp(num, "yes") == 0 ? NUM_SHOW :
		strcmp(num, "hidden") == 0 ? NUM_HIDE : NUM_NONE;
	const char *toc = parse_attr(c, x, "toc");
	n->toc = toc ? strcmp(toc, "yes") == 0 : n->num != NUM_NONE;
	int titled = 0;
	for (xmlNodePtr k = x->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (!titled && parse_is(k, "title")) {
			parse_textblock(c, N_TITLE, k, n);
			titled = 1;
		} else {
			parse_block(c, k, n);
		}
	}
	if (!titled)
		diag_error(c->dg, n->pos, "a section needs a <title> as its first element");
}

/* metadata fields by element name */
static const struct {
	const char *name;
	size_t off;
} parse_meta_fields[] = {
	{"title", offsetof(struct meta, title)},
	{"subtitle", offsetof(struct meta, subtitle)},
	{"organisation", offsetof(struct meta, organisation)},
	{"unit", offsetof(struct meta, unit)},
	{"type", offsetof(struct meta, doctype)},
	{"period", offsetof(struct meta, period)},
	{"date", offsetof(struct meta, date)},
	{"keywords", offsetof(struct meta, keywords)},
};

static void parse_meta(struct pctx *c, xmlNodePtr x)
{
	for (xmlNodePtr k = x->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		size_t i, n = sizeof(parse_meta_fields) / sizeof(parse_meta_fields[0]);
		for (i = 0; i < n && !parse_is(k, parse_meta_fields[i].name); i++)
			;
		if (i == n) {
			parse_unexpected(c, k);
			continue;
		}
		char **field = (char **)((char *)&c->d->meta + parse_meta_fields[i].off);
		*field = parse_plain(c, k);
		if (i == 0 && (*field)[0] == '\0')
			diag_error(c->dg, parse_pos(c, k), "the report title is empty");
	}
	if (!c->d->meta.title)
		diag_error(c->dg, parse_pos(c, x), "the report has no <title> in <meta>");
}

static void parse_root(struct pctx *c, xmlNodePtr x)
{
	struct node *root = doc_node(c->d, N_REPORT, parse_pos(c, x));
	c->d->root = root;
	if (!parse_is(x, "report")) {
		diag_error(c->dg, root->pos, "the root element must be <report>, not <%s>",
			(const char *)x->name);
		return;
	}
	c->d->layout = parse_attr(c, x, "layout");
	c->d->meta.lang = parse_attr(c, x, "lang");
	if (!c->d->meta.lang)
		c->d->meta.lang = arena_strdup(&c->d->mem, "sv-SE");
	for (xmlNodePtr k = x->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (parse_is(k, "meta")) {
			parse_meta(c, k);
		} else if (parse_is(k, "cover")) {
			parse_new(c, N_COVER, k, root);
		} else if (parse_is(k, "toc")) {
			struct node *t = parse_new(c, N_TOC, k, root);
			const char *depth = parse_attr(c, k, "depth");
			/* 0: the layout's default depth */
			t->level = depth ? (int)strtol(depth, NULL, 10) : 0;
		} else {
			parse_block(c, k, root);
		}
	}
}

struct doc *parse_report_inc(const char *path, const char *datadir, struct diag *dg,
	struct incstate *inc)
{
	char *schema = path_join(datadir, "schema/report.rng");
	xmlDocPtr x = xml_load(path, schema, dg);
	free(schema);
	if (!x)
		return NULL;
	struct doc *d = xcalloc(1, sizeof(*d));
	d->path = arena_strdup(&d->mem, path);
	char *dir = path_dir(path);
	d->dir = arena_strdup(&d->mem, dir);
	free(dir);
	struct pctx c = {d, dg, datadir, inc};
	int before = dg->nerr;
	xmlNodePtr root = xmlDocGetRootElement(x);
	if (root)
		parse_root(&c, root);
	else
		diag_error(dg, parse_pos(&c, (xmlNodePtr)x), "the file has no root element");
	xmlFreeDoc(x);
	if (d->root) {
		include_ids(d, inc, dg);
		doc_finish(d, dg);
	}
	if (dg->nerr > before || !d->root) {
		doc_free(d);
		return NULL;
	}
	return d;
}

struct doc *parse_report(const char *path, const char *datadir, struct diag *dg)
{
	struct incstate *inc = include_new(path);
	struct doc *d = parse_report_inc(path, datadir, dg, inc);
	if (!d) {
		include_free(inc);
		return NULL;
	}
	/* the document owns the reports its includes loaded */
	d->inc = inc;
	return d;
}
