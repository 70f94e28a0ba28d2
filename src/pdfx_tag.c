/*
 * pdfx_tag: tagged PDF.  The structure elements arrive in pdoc.selem
 * (role, parent, texts; index 0 is the Document root, order is reading
 * order) and every box names its element in box.tag.  While pdf.c draws a
 * page it calls pdfx_tags_mark before each box: a run of boxes with one tag
 * becomes one marked-content sequence /Role <</MCID n>> BDC … EMC, untagged
 * boxes become /Artifact sequences.  Link annotations join Link elements
 * through object references.  At the end the element dictionaries, the
 * ParentTree (MCID and annotation -> element) and the catalog entries are
 * written.  An element's kids are its MCIDs and child elements in the order
 * the content appeared, child elements among themselves in pdoc order;
 * elements without any content are left out of the tree.  Link
 * annotations get a /Contents from the text under them (pdfx_linktext).
 */
#include <stdlib.h>
#include <string.h>

#include "pdfx.h"
#include "utf8.h"

/* PDF/A-1 (PDF 1.4 limits) caps arrays at 8191 entries: ParentTree leaves
 * hold this many key/value pairs */
#define TAG_LEAF 2000
/* strings written from structure texts, in bytes of UTF-8 */
#define TAG_MAXTEXT 16000
/* bytes of an annotation's /Contents gathered from the text under it */
#define TAG_MAXCONTENTS 2000
/* marked-content key when no sequence is open */
#define TAG_NONE (-1)

enum kidkind { KID_MCID, KID_ELEM, KID_OBJR };

/* one entry of an element's /K */
struct kid {
	enum kidkind kind;
	int page;		/* MCID, OBJR: page index */
	int val;		/* MCID number, element index or link index */
	int key;		/* ELEM: sort key (reading order among siblings) */
};

/* a structure element: those of pdoc.selem, then Link elements made here */
struct telem {
	const char *role;	/* structure type */
	int parent;		/* element index, -1 for the root */
	struct kid *kid;	/* /K entries in order of appearance */
	int nkid, capkid;
	int attached;		/* entered in its parent's kids (or is the root) */
	int page;		/* page of its first MCID, -1 while none */
	HPDF_Dict dict;		/* its dictionary, while writing */
};

/* a link annotation in the structure */
struct tlink {
	HPDF_Annotation annot;	/* the annotation dictionary */
	int page;		/* page index */
	int elem;		/* Link element holding its OBJR */
};

/* the marked-content sequences of one page */
struct tpage {
	int *elem;		/* element of each MCID */
	int n, cap;
};

struct pdfx_tags {
	const struct pdoc *pd;	/* the document */
	HPDF_Doc pdf;		/* the libharu document */
	struct telem *e;	/* elements */
	int ne, cape;
	struct tpage *pg;	/* per page */
	struct tlink *link;	/* link annotations in order */
	int nlink, caplink;
	int open;		/* key of the open sequence: tag, -2 - artifact, TAG_NONE */
	const struct box *lastlink;	/* the previous link box, for grouping */
	int lastelem;		/* the Link element it went to */
};

static const char *const tag_roles[] = {
	"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI",
	"Index", "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6",
	"L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot",
	"Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot",
	"Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
};

static int tag_standard(const char *role)
{
	for (size_t i = 0; i < sizeof(tag_roles) / sizeof(tag_roles[0]); i++)
		if (!strcmp(role, tag_roles[i]))
			return 1;
	return 0;
}

static int tag_text_ok(const char *s)
{
	return !s || utf8_check(s, strlen(s)) < 0;
}

const char *pdfx_tags_problem(const struct pdoc *pd, char *msg, size_t size)
{
	if (pd->nselem < 0 || pd->nselem > 10000000)
		return "too many structure elements";
	for (int i = 0; i < pd->nselem; i++) {
		const struct selem *s = &pd->selem[i];
		const char *what = NULL;
		if (i == 0 && s->parent != -1)
			what = "the first (the root) has a parent";
		else if (i > 0 && (s->parent < 0 || s->parent >= i))
			what = "its parent does not precede it";
		else if (!s->role || !tag_standard(s->role))
			what = "its role is not a standard structure type";
		else if (!tag_text_ok(s->alt) || !tag_text_ok(s->actual))
			what = "its text is not UTF-8";
		else if (s->scope && strcmp(s->scope, "Row") && strcmp(s->scope, "Column") &&
			strcmp(s->scope, "Both"))
			what = "its scope is not Row, Column or Both";
		else if (s->rowspan < 0 || s->rowspan > 100000 || s->colspan < 0 ||
			s->colspan > 100000)
			what = "its span is out of range";
		if (what) {
			snprintf(msg, size, "structure element %d (%s): %s", i,
				s->role ? s->role : "no role", what);
			return msg;
		}
	}
	return NULL;
}

struct pdfx_tags *pdfx_tags_new(const struct pdoc *pd, HPDF_Doc pdf)
{
	if (pd->nselem < 1)
		return NULL;
	struct pdfx_tags *t = xcalloc(1, sizeof(*t));
	t->pd = pd;
	t->pdf = pdf;
	t->e = xgrow(NULL, sizeof(*t->e), pd->nselem, &t->cape);
	t->ne = pd->nselem;
	for (int i = 0; i < t->ne; i++) {
		t->e[i].role = pd->selem[i].role;
		t->e[i].parent = pd->selem[i].parent;
		t->e[i].page = -1;
	}
	t->e[0].attached = 1;
	t->pg = xcalloc((size_t)pd->npage, sizeof(*t->pg));
	t->open = TAG_NONE;
	return t;
}

void pdfx_tags_free(struct pdfx_tags *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->ne; i++)
		free(t->e[i].kid);
	for (int i = 0; i < t->pd->npage; i++)
		free(t->pg[i].elem);
	free(t->e);
	free(t->pg);
	free(t->link);
	free(t);
}

static void tag_addkid(struct telem *e, enum kidkind kind, int page, int val)
{
	e->kid = xgrow(e->kid, sizeof(*e->kid), e->nkid + 1, &e->capkid);
	e->kid[e->nkid++] = (struct kid){ kind, page, val, 0 };
}

/* element i has content: enter it, and its ancestors, in their parents'
 * kids at this point of the reading order */
static void tag_attach(struct pdfx_tags *t, int i)
{
	while (!t->e[i].attached) {
		t->e[i].attached = 1;
		int p = t->e[i].parent;
		tag_addkid(&t->e[p], KID_ELEM, -1, i);
		i = p;
	}
}

static void tag_raw(HPDF_Page page, const char *s)
{
	pdfx_raw(page, s, strlen(s));
}

void pdfx_tags_mark(struct pdfx_tags *t, int p, HPDF_Page page, const struct box *b)
{
	int key = b->tag >= 0 ? b->tag : -2 - (int)b->artifact;
	if (key == t->open)
		return;
	if (t->open != TAG_NONE)
		tag_raw(page, "EMC\n");
	t->open = key;
	if (b->tag < 0) {
		static const char *const art[] = {
			[ART_LAYOUT] = "/Artifact <</Type /Layout>> BDC\n",
			[ART_HEADER] = "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n",
			[ART_FOOTER] = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n",
			[ART_BACKGROUND] = "/Artifact <</Type /Background>> BDC\n",
		};
		tag_raw(page, art[b->artifact]);
		return;
	}
	struct tpage *tp = &t->pg[p];
	tp->elem = xgrow(tp->elem, sizeof(*tp->elem), tp->n + 1, &tp->cap);
	int mcid = tp->n;
	tp->elem[tp->n++] = b->tag;
	char op[64];
	snprintf(op, sizeof(op), "/%s <</MCID %d>> BDC\n", t->e[b->tag].role, mcid);
	tag_raw(page, op);
	struct telem *e = &t->e[b->tag];
	if (e->page < 0)
		e->page = p;
	tag_addkid(e, KID_MCID, p, mcid);
	tag_attach(t, b->tag);
}

void pdfx_tags_endpage(struct pdfx_tags *t, HPDF_Page page)
{
	if (t->open != TAG_NONE)
		tag_raw(page, "EMC\n");
	t->open = TAG_NONE;
	t->lastlink = NULL;
}

static int tag_sametarget(const struct box *a, const struct box *b)
{
	if (a->uri || b->uri)
		return a->uri && b->uri && !strcmp(a->uri, b->uri);
	return a->dest_page == b->dest_page && a->dest_y == b->dest_y;
}

int pdfx_tags_link(struct pdfx_tags *t, int p, HPDF_Annotation a, const struct box *b)
{
	int parent = b->tag >= 0 ? b->tag : 0;
	int elem;
	if (!strcmp(t->e[parent].role, "Link")) {
		elem = parent;
	} else if (t->lastlink && t->lastlink->tag == b->tag && tag_sametarget(t->lastlink, b)) {
		/* one link broken over lines is one Link element */
		elem = t->lastelem;
	} else {
		t->e = xgrow(t->e, sizeof(*t->e), t->ne + 1, &t->cape);
		elem = t->ne++;
		t->e[elem] = (struct telem){ .role = "Link", .parent = parent, .page = -1 };
	}
	t->lastlink = b;
	t->lastelem = elem;
	t->link = xgrow(t->link, sizeof(*t->link), t->nlink + 1, &t->caplink);
	t->link[t->nlink] = (struct tlink){ a, p, elem };
	tag_addkid(&t->e[elem], KID_OBJR, p, t->nlink);
	tag_attach(t, elem);
	return t->pd->npage + t->nlink++;
}

/* the valid BMP characters of s into out: /Contents is a UTF-16 string */
static void tag_plain(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n && out->len < TAG_MAXCONTENTS;) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		if (!k) {
			i++;
			continue;
		}
		if (cp <= 0xffff)
			buf_put(out, s + i, (size_t)k);
		i += (size_t)k;
	}
}

void pdfx_linktext(const struct pdoc *pd, const struct page *pg, const struct box *b,
	struct buf *out)
{
	out->len = 0;
	if (out->s)
		out->s[0] = '\0';
	if (b->text) {
		tag_plain(out, b->text, (size_t)b->len);
		return;
	}
	double right = -1, base = 0;
	for (int i = 0; i < pg->nbox; i++) {
		const struct box *t = &pg->box[i];
		if (t->type != BOX_TEXT || t->tag != b->tag || t->len <= 0 || t->y < b->y ||
			t->y > b->y + b->h || t->x + t->w < b->x || t->x > b->x + b->w)
			continue;
		/* a gap, or a new line, reads as a space */
		if (out->len && out->s[out->len - 1] != ' ' && t->text[0] != ' ' &&
			(t->y != base || t->x > right + 0.5))
			buf_putc(out, ' ');
		tag_plain(out, t->text, (size_t)t->len);
		right = t->x + t->w;
		base = t->y;
	}
	if (out->len)
		return;
	if (b->uri)
		tag_plain(out, b->uri, strlen(b->uri));
	else
		buf_printf(out, "%s %s", pd->info.lang && !strncmp(pd->info.lang, "sv", 2) ?
			"Sida" : "Page", pd->page[b->dest_page].label ?
			pd->page[b->dest_page].label : "");
}

/* child elements in pdoc order, keeping the places where children stand
 * among the MCIDs; Link elements made here follow the pdoc element they
 * appeared after */
static int tag_cmpkid(const void *a, const void *b)
{
	const struct kid *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->val < y->val ? -1 : x->val > y->val;
}

static void tag_order(struct pdfx_tags *t, struct telem *e)
{
	int n = 0, last = -1;
	for (int i = 0; i < e->nkid; i++) {
		struct kid *k = &e->kid[i];
		if (k->kind != KID_ELEM)
			continue;
		if (k->val < t->pd->nselem) {
			k->key = 2 * k->val;
			if (k->key > last)
				last = k->key;
		} else {
			k->key = last + 1;
		}
		n++;
	}
	if (n < 2)
		return;
	struct kid *el = xmalloc(sizeof(*el) * (size_t)n);
	int j = 0;
	for (int i = 0; i < e->nkid; i++)
		if (e->kid[i].kind == KID_ELEM)
			el[j++] = e->kid[i];
	qsort(el, (size_t)n, sizeof(*el), tag_cmpkid);
	j = 0;
	for (int i = 0; i < e->nkid; i++)
		if (e->kid[i].kind == KID_ELEM)
			e->kid[i] = el[j++];
	free(el);
}

static HPDF_STATUS tag_kid(struct pdfx_tags *t, const struct telem *e, const struct kid *k,
	HPDF_Array arr, HPDF_Page *pages)
{
	HPDF_MMgr mm = t->pdf->mmgr;
	if (k->kind == KID_ELEM)
		return HPDF_Array_Add(arr, t->e[k->val].dict);
	if (k->kind == KID_MCID && k->page == e->page)
		return HPDF_Array_AddNumber(arr, k->val);
	HPDF_Dict d = HPDF_Dict_New(mm);
	if (!d)
		return HPDF_Error_GetCode(&t->pdf->error);
	HPDF_STATUS ret = HPDF_Array_Add(arr, d);
	if (k->kind == KID_MCID) {
		if (ret == HPDF_OK)
			ret = HPDF_Dict_AddName(d, "Type", "MCR");
		if (ret == HPDF_OK)
			ret = HPDF_Dict_Add(d, "Pg", pages[k->page]);
		if (ret == HPDF_OK)
			ret = HPDF_Dict_AddNumber(d, "MCID", k->val);
	} else {
		if (ret == HPDF_OK)
			ret = HPDF_Dict_AddName(d, "Type", "OBJR");
		if (ret == HPDF_OK)
			ret = HPDF_Dict_Add(d, "Obj", t->link[k->val].annot);
		if (ret == HPDF_OK)
			ret = HPDF_Dict_Add(d, "Pg", pages[k->page]);
	}
	return ret;
}

/* /A: table attributes (scope, spans) */
static HPDF_STATUS tag_attrs(struct pdfx_tags *t, const struct selem *s, HPDF_Dict d)
{
	if (!s->scope && s->rowspan <= 1 && s->colspan <= 1)
		return HPDF_OK;
	HPDF_Dict a = HPDF_Dict_New(t->pdf->mmgr);
	if (!a)
		return HPDF_Error_GetCode(&t->pdf->error);
	HPDF_STATUS ret = HPDF_Dict_Add(d, "A", a);
	if (ret == HPDF_OK)
		ret = HPDF_Dict_AddName(a, "O", "Table");
	if (ret == HPDF_OK && s->scope)
		ret = HPDF_Dict_AddName(a, "Scope", s->scope);
	if (ret == HPDF_OK && s->rowspan > 1)
		ret = HPDF_Dict_AddNumber(a, "RowSpan", s->rowspan);
	if (ret == HPDF_OK && s->colspan > 1)
		ret = HPDF_Dict_AddNumber(a, "ColSpan", s->colspan);
	return ret;
}

static HPDF_STATUS tag_elem(struct pdfx_tags *t, int i, HPDF_Dict root, HPDF_Page *pages)
{
	struct telem *e = &t->e[i];
	HPDF_Doc pdf = t->pdf;
	HPDF_Dict d = e->dict;
	HPDF_STATUS ret = HPDF_Dict_AddName(d, "Type", "StructElem");
	if (ret == HPDF_OK)
		ret = HPDF_Dict_AddName(d, "S", e->role);
	if (ret == HPDF_OK)
		ret = HPDF_Dict_Add(d, "P", e->parent >= 0 ? t->e[e->parent].dict : root);
	if (ret == HPDF_OK && e->page >= 0)
		ret = HPDF_Dict_Add(d, "Pg", pages[e->page]);
	if (ret == HPDF_OK && i < t->pd->nselem) {
		const struct selem *s = &t->pd->selem[i];
		if (s->alt)
			ret = HPDF_Dict_Add(d, "Alt", pdfx_text(pdf, s->alt, TAG_MAXTEXT));
		if (ret == HPDF_OK && s->actual)
			ret = HPDF_Dict_Add(d, "ActualText", pdfx_text(pdf, s->actual, TAG_MAXTEXT));
		if (ret == HPDF_OK)
			ret = tag_attrs(t, s, d);
		/* PDF/UA wants an ID on every Note */
		if (ret == HPDF_OK && !strcmp(e->role, "Note")) {
			char id[32];
			snprintf(id, sizeof(id), "note%d", i);
			ret = HPDF_Dict_Add(d, "ID", HPDF_String_New(pdf->mmgr, id, NULL));
		}
	}
	if (ret != HPDF_OK || e->nkid == 0)
		return ret;
	tag_order(t, e);
	if (e->nkid == 1 && e->kid[0].kind == KID_MCID && e->kid[0].page == e->page)
		return HPDF_Dict_AddNumber(d, "K", e->kid[0].val);
	if (e->nkid == 1 && e->kid[0].kind == KID_ELEM)
		return HPDF_Dict_Add(d, "K", t->e[e->kid[0].val].dict);
	HPDF_Array k = HPDF_Array_New(pdf->mmgr);
	if (!k)
		return HPDF_Error_GetCode(&pdf->error);
	ret = HPDF_Dict_Add(d, "K", k);
	for (int j = 0; j < e->nkid && ret == HPDF_OK; j++)
		ret = tag_kid(t, e, &e->kid[j], k, pages);
	return ret;
}

/* one ParentTree key: a page's MCID array, or a link's element */
static HPDF_STATUS tag_num(struct pdfx_tags *t, HPDF_Array nums, int key)
{
	HPDF_STATUS ret = HPDF_Array_AddNumber(nums, key);
	int npage = t->pd->npage;
	if (ret != HPDF_OK)
		return ret;
	if (key >= npage)
		return HPDF_Array_Add(nums, t->e[t->link[key - npage].elem].dict);
	HPDF_Array a = HPDF_Array_New(t->pdf->mmgr);
	if (!a)
		return HPDF_Error_GetCode(&t->pdf->error);
	ret = HPDF_Array_Add(nums, a);
	const struct tpage *tp = &t->pg[key];
	for (int m = 0; m < tp->n && ret == HPDF_OK; m++)
		ret = HPDF_Array_Add(a, t->e[tp->elem[m]].dict);
	return ret;
}

/* the ParentTree number tree: one /Nums leaf, or leaves under /Kids */
static HPDF_Dict tag_parenttree(struct pdfx_tags *t)
{
	HPDF_Doc pdf = t->pdf;
	int nkey = 0, npage = t->pd->npage;
	int *keys = xmalloc(sizeof(*keys) * (size_t)(npage + t->nlink + 1));
	for (int p = 0; p < npage; p++)
		if (t->pg[p].n > 0)
			keys[nkey++] = p;
	for (int l = 0; l < t->nlink; l++)
		keys[nkey++] = npage + l;
	HPDF_Dict tree = HPDF_Dict_New(pdf->mmgr);
	HPDF_STATUS ret = tree ? HPDF_Xref_Add(pdf->xref, tree) : HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_Array kids = NULL;
	if (ret == HPDF_OK && nkey > TAG_LEAF) {
		kids = HPDF_Array_New(pdf->mmgr);
		ret = kids ? HPDF_Dict_Add(tree, "Kids", kids) : HPDF_FAILD_TO_ALLOC_MEM;
	}
	for (int from = 0; ret == HPDF_OK && (from < nkey || from == 0); from += TAG_LEAF) {
		int to = from + TAG_LEAF < nkey ? from + TAG_LEAF : nkey;
		HPDF_Dict leaf = tree;
		if (kids) {
			leaf = HPDF_Dict_New(pdf->mmgr);
			ret = leaf ? HPDF_Xref_Add(pdf->xref, leaf) : HPDF_FAILD_TO_ALLOC_MEM;
			if (ret == HPDF_OK)
				ret = HPDF_Array_Add(kids, leaf);
			HPDF_Array lim = HPDF_Array_New(pdf->mmgr);
			if (ret == HPDF_OK)
				ret = lim ? HPDF_Dict_Add(leaf, "Limits", lim) : HPDF_FAILD_TO_ALLOC_MEM;
			if (ret == HPDF_OK)
				ret = HPDF_Array_AddNumber(lim, keys[from]);
			if (ret == HPDF_OK)
				ret = HPDF_Array_AddNumber(lim, keys[to - 1]);
		}
		HPDF_Array nums = HPDF_Array_New(pdf->mmgr);
		if (ret == HPDF_OK)
			ret = nums ? HPDF_Dict_Add(leaf, "Nums", nums) : HPDF_FAILD_TO_ALLOC_MEM;
		for (int i = from; i < to && ret == HPDF_OK; i++)
			ret = tag_num(t, nums, keys[i]);
		if (nkey == 0)
			break;
	}
	free(keys);
	return ret == HPDF_OK ? tree : NULL;
}

HPDF_STATUS pdfx_tags_finish(struct pdfx_tags *t, HPDF_Page *pages)
{
	HPDF_Doc pdf = t->pdf;
	HPDF_Dict root = HPDF_Dict_New(pdf->mmgr);
	HPDF_STATUS ret = root ? HPDF_Xref_Add(pdf->xref, root) : HPDF_FAILD_TO_ALLOC_MEM;
	if (ret == HPDF_OK)
		ret = HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
	for (int i = 0; i < t->ne && ret == HPDF_OK; i++) {
		if (!t->e[i].attached)
			continue;
		t->e[i].dict = HPDF_Dict_New(pdf->mmgr);
		ret = t->e[i].dict ? HPDF_Xref_Add(pdf->xref, t->e[i].dict) : HPDF_FAILD_TO_ALLOC_MEM;
	}
	for (int i = 0; i < t->ne && ret == HPDF_OK; i++)
		if (t->e[i].attached)
			ret = tag_elem(t, i, root, pages);
	if (ret == HPDF_OK)
		ret = HPDF_Dict_Add(root, "K", t->e[0].dict);
	HPDF_Dict tree = ret == HPDF_OK ? tag_parenttree(t) : NULL;
	if (ret == HPDF_OK)
		ret = tree ? HPDF_Dict_Add(root, "ParentTree", tree) : HPDF_Error_GetCode(&pdf->error);
	if (ret == HPDF_OK)
		ret = HPDF_Dict_AddNumber(root, "ParentTreeNextKey", t->pd->npage + t->nlink);
	for (int p = 0; p < t->pd->npage && ret == HPDF_OK; p++) {
		if (t->pg[p].n > 0)
			ret = HPDF_Dict_AddNumber(pages[p], "StructParents", p);
		/* tab order follows the structure (PDF/UA) */
		if (ret == HPDF_OK)
			ret = HPDF_Dict_AddName(pages[p], "Tabs", "S");
	}
	if (ret == HPDF_OK)
		ret = HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", root);
	HPDF_Dict mark = ret == HPDF_OK ? HPDF_Dict_New(pdf->mmgr) : NULL;
	if (ret == HPDF_OK)
		ret = mark ? HPDF_Dict_Add(pdf->catalog, "MarkInfo", mark) : HPDF_FAILD_TO_ALLOC_MEM;
	if (ret == HPDF_OK)
		ret = HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
	return ret;
}
