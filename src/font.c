/*
 * font: TrueType (glyf) fonts read straight from their tables, for
 * measuring.  font_load reads the whole .ttf into memory, checks every
 * offset and count against the bytes actually present, copies out what
 * layout needs (advances, a BMP character map, kern pairs, vertical
 * metrics) and drops the file.  Widths are truncated to 1/1000 em exactly
 * as libharu 2.3.0 truncates them for /W (advance * 1000 / unitsPerEm,
 * integer division), so measured text and drawn text agree to the unit.
 * Kerning comes from the legacy `kern` table, or from GPOS pair adjustment
 * (the `kern` feature) when a font has no `kern` table.
 */
#include "font.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

/* fonts beyond this are not report fonts; also bounds hostile input */
#define FONT_MAX_BYTES (32u << 20)
/* kern pairs kept at most, so expanding GPOS class kerning stays bounded */
#define KERN_MAX 200000
/* table-walking steps allowed for GPOS, so crafted offsets cannot hang us */
#define GPOS_BUDGET 50000000L

#define TAG(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | \
			 (uint32_t)(c) << 8 | (uint32_t)(d))

/* a bounds-checked view of part of the file */
struct span {
	const uint8_t *p;	/* first byte (NULL for an absent table) */
	size_t n;		/* bytes in view */
	int *bad;		/* set when a read falls outside the view */
};

/* state of one font_load */
struct ttf {
	const char *path;	/* for messages */
	char *err;		/* message buffer of the caller */
	size_t errlen;		/* its size */
	int bad;		/* a read fell outside its table */
	long budget;		/* GPOS steps left */
	int nglyphs;		/* maxp numGlyphs */
	struct span file;	/* the whole file */
	/* the tables read (p NULL when absent); CFF only to name the error */
	struct span head, hhea, maxp, hmtx, cmap, os2, name;
	struct span kern, gpos, glyf, loca, cff;
};

/* one kern pair while collecting, before sorting and merging */
struct kent {
	uint32_t key;		/* left glyph << 16 | right glyph */
	int32_t val;		/* adjustment, font units */
	uint32_t seq;		/* order of discovery */
	uint32_t group;		/* lookup or subtable: sum across, first wins within */
};

/* the pairs found so far */
struct kcoll {
	struct kent *e;		/* pairs in order of discovery */
	int n;			/* pairs used */
	int cap;		/* pairs allocated */
	uint32_t group;		/* group of pairs added now */
};

static unsigned rd16(struct span s, size_t off)
{
	if (off > s.n || s.n - off < 2) {
		*s.bad = 1;
		return 0;
	}
	return (unsigned)s.p[off] << 8 | s.p[off + 1];
}

static int rds16(struct span s, size_t off)
{
	unsigned v = rd16(s, off);
	return v >= 0x8000 ? (int)v - 0x10000 : (int)v;
}

static uint32_t rd32(struct span s, size_t off)
{
	if (off > s.n || s.n - off < 4) {
		*s.bad = 1;
		return 0;
	}
	return (uint32_t)s.p[off] << 24 | (uint32_t)s.p[off + 1] << 16 |
	       (uint32_t)s.p[off + 2] << 8 | s.p[off + 3];
}

/* the view from off to its end; off past the end marks it bad */
static struct span sub(struct span s, size_t off)
{
	if (off > s.n) {
		*s.bad = 1;
		off = s.n;
	}
	return (struct span){s.p + off, s.n - off, s.bad};
}

static int fail(struct ttf *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct ttf *t, const char *fmt, ...)
{
	if (t->errlen) {
		int k = snprintf(t->err, t->errlen, "%s: ", t->path);
		if (k >= 0 && (size_t)k < t->errlen) {
			va_list ap;
			va_start(ap, fmt);
			vsnprintf(t->err + k, t->errlen - (size_t)k, fmt, ap);
			va_end(ap);
		}
	}
	return -1;
}

/* GPOS work allowance; 0 once spent */
static int spend(struct ttf *t, long n)
{
	t->budget -= n;
	if (t->budget < 0)
		t->bad = 1;
	return t->budget >= 0;
}

static int tables(struct ttf *t)
{
	static const struct {
		uint32_t tag;
		size_t off;
	} want[] = {
		{TAG('h', 'e', 'a', 'd'), offsetof(struct ttf, head)},
		{TAG('h', 'h', 'e', 'a'), offsetof(struct ttf, hhea)},
		{TAG('m', 'a', 'x', 'p'), offsetof(struct ttf, maxp)},
		{TAG('h', 'm', 't', 'x'), offsetof(struct ttf, hmtx)},
		{TAG('c', 'm', 'a', 'p'), offsetof(struct ttf, cmap)},
		{TAG('O', 'S', '/', '2'), offsetof(struct ttf, os2)},
		{TAG('n', 'a', 'm', 'e'), offsetof(struct ttf, name)},
		{TAG('k', 'e', 'r', 'n'), offsetof(struct ttf, kern)},
		{TAG('G', 'P', 'O', 'S'), offsetof(struct ttf, gpos)},
		{TAG('g', 'l', 'y', 'f'), offsetof(struct ttf, glyf)},
		{TAG('l', 'o', 'c', 'a'), offsetof(struct ttf, loca)},
		{TAG('C', 'F', 'F', ' '), offsetof(struct ttf, cff)},
	};
	struct span f = t->file;
	if (f.n < 12)
		return fail(t, "not a font (file too short)");
	uint32_t ver = rd32(f, 0);
	if (ver == TAG('O', 'T', 'T', 'O'))
		return fail(t, "OpenType font with CFF outlines; only TrueType "
			    "(glyf) outlines are supported");
	if (ver == TAG('t', 't', 'c', 'f'))
		return fail(t, "font collections (.ttc) are not supported");
	if (ver != 0x00010000 && ver != TAG('t', 'r', 'u', 'e'))
		return fail(t, "not a TrueType font");
	unsigned ntab = rd16(f, 4);
	if (ntab == 0 || (f.n - 12) / 16 < ntab)
		return fail(t, "truncated table directory (%u tables)", ntab);
	for (unsigned i = 0; i < ntab; i++) {
		size_t rec = 12 + 16 * (size_t)i;
		uint32_t tag = rd32(f, rec);
		uint32_t off = rd32(f, rec + 8), len = rd32(f, rec + 12);
		if (off > f.n || len > f.n - off) {
			char name[5] = {0};
			for (int k = 0; k < 4; k++)
				name[k] = f.p[rec + (size_t)k] > 32 && f.p[rec + (size_t)k] < 127
					  ? (char)f.p[rec + (size_t)k] : '?';
			return fail(t, "table '%s' extends past the end of the "
				    "file", name);
		}
		for (size_t w = 0; w < sizeof(want) / sizeof(want[0]); w++) {
			struct span *s = (struct span *)((char *)t + want[w].off);
			if (want[w].tag == tag && !s->p)
				*s = (struct span){f.p + off, len, &t->bad};
		}
	}
	if (!t->glyf.p || !t->loca.p)
		return fail(t, "%s; only TrueType (glyf) outlines are supported",
			    t->cff.p ? "CFF outlines" : "no glyf/loca tables");
	if (!t->head.p || !t->hhea.p || !t->maxp.p || !t->hmtx.p || !t->cmap.p)
		return fail(t, "missing one of the required tables head, hhea, "
			    "maxp, hmtx, cmap");
	return 0;
}

static int metrics(struct ttf *t, struct font *f)
{
	if (t->head.n < 54 || rd32(t->head, 12) != 0x5F0F3CF5)
		return fail(t, "malformed 'head' table");
	f->upem = (int)rd16(t->head, 18);
	if (f->upem < 16 || f->upem > 16384)
		return fail(t, "unitsPerEm %d out of range", f->upem);
	if (t->maxp.n < 6 || rd16(t->maxp, 4) == 0)
		return fail(t, "malformed 'maxp' table");
	t->nglyphs = f->nglyphs = (int)rd16(t->maxp, 4);
	if (t->hhea.n < 36)
		return fail(t, "truncated 'hhea' table");
	f->ascent = rds16(t->hhea, 4);
	f->descent = rds16(t->hhea, 6);
	f->linegap = rds16(t->hhea, 8);
	unsigned nhm = rd16(t->hhea, 34);
	if (nhm == 0 || t->hmtx.n / 4 < nhm)
		return fail(t, "'hmtx' table too short for %u metrics", nhm);
	if ((int)nhm > f->nglyphs)
		nhm = (unsigned)f->nglyphs;
	/* glyphs past the long metrics repeat the last advance */
	f->adv = xmalloc((size_t)f->nglyphs * sizeof(*f->adv));
	for (int g = 0; g < f->nglyphs; g++)
		f->adv[g] = (uint16_t)rd16(t->hmtx,
					   4 * ((unsigned)g < nhm ? (unsigned)g : nhm - 1));
	return 0;
}

/* fill bmp from a format 4 subtable; segments must ascend, overlaps lose */
static void cmap4(struct span s, uint16_t *bmp, int ng)
{
	unsigned nseg = rd16(s, 6) / 2;
	size_t ends = 14, starts = 16 + 2 * (size_t)nseg;
	size_t deltas = starts + 2 * (size_t)nseg, ros = deltas + 2 * (size_t)nseg;
	long next = 0;
	for (unsigned i = 0; i < nseg && !*s.bad; i++) {
		long end = rd16(s, ends + 2 * i), start = rd16(s, starts + 2 * i);
		unsigned delta = rd16(s, deltas + 2 * i);
		size_t roff = ros + 2 * (size_t)i;
		unsigned ro = rd16(s, roff);
		for (long c = start > next ? start : next; c <= end; c++) {
			unsigned g;
			if (ro == 0) {
				g = ((unsigned)c + delta) & 0xffff;
			} else {
				int lbad = 0;
				struct span l = s;
				l.bad = &lbad;	/* a stray index maps to nothing */
				g = rd16(l, roff + ro + 2 * (size_t)(c - start));
				if (g)
					g = (g + delta) & 0xffff;
			}
			if (g < (unsigned)ng)
				bmp[c] = (uint16_t)g;
		}
		if (end + 1 > next)
			next = end + 1;
	}
}

/* fill bmp from a format 12 subtable; groups must ascend, overlaps lose */
static void cmap12(struct span s, uint16_t *bmp, int ng)
{
	uint32_t ngrp = rd32(s, 12);
	if (s.n < 16 || ngrp > (s.n - 16) / 12)
		*s.bad = 1;
	uint32_t next = 0;
	for (uint32_t i = 0; i < ngrp && !*s.bad; i++) {
		uint32_t start = rd32(s, 16 + 12 * (size_t)i);
		uint32_t end = rd32(s, 20 + 12 * (size_t)i);
		uint32_t g = rd32(s, 24 + 12 * (size_t)i);
		if (start > 0xffff)
			break;
		if (end > 0xffff)
			end = 0xffff;
		for (uint32_t c = start > next ? start : next; c <= end; c++)
			if (g + (c - start) < (uint32_t)ng)
				bmp[c] = (uint16_t)(g + (c - start));
		if (end + 1 > next)
			next = end + 1;
	}
}

static int charmap(struct ttf *t, struct font *f)
{
	struct span c = t->cmap;
	unsigned n = rd16(c, 2);
	int best = 0;
	struct span pick = {0};
	unsigned fmt = 0;
	for (unsigned i = 0; i < n && !t->bad; i++) {
		unsigned plat = rd16(c, 4 + 8 * (size_t)i);
		unsigned enc = rd16(c, 6 + 8 * (size_t)i);
		uint32_t off = rd32(c, 8 + 8 * (size_t)i);
		if (off >= c.n)
			continue;
		struct span s = sub(c, off);
		unsigned sf = rd16(s, 0);
		int score = 0;
		if (plat == 3 && enc == 10 && sf == 12)
			score = 3;
		else if (plat == 3 && enc == 1 && sf == 4)
			score = 2;
		else if (plat == 0 && (enc == 3 || enc == 4) && (sf == 4 || sf == 12))
			score = 1;
		if (score > best) {
			best = score;
			pick = s;
			fmt = sf;
		}
	}
	if (t->bad || !best)
		return fail(t, "no usable Unicode 'cmap' subtable");
	/* format 4's 16-bit length overflows in big fonts: there the end of
	 * the table is the bound */
	if (fmt == 12) {
		uint32_t len = rd32(pick, 4);
		if (len > pick.n)
			return fail(t, "truncated 'cmap' subtable");
		pick.n = len;
	}
	f->bmp = xcalloc(65536, sizeof(*f->bmp));
	if (fmt == 4)
		cmap4(pick, f->bmp, f->nglyphs);
	else
		cmap12(pick, f->bmp, f->nglyphs);
	if (t->bad)
		return fail(t, "malformed 'cmap' subtable (format %u)", fmt);
	return 0;
}

/* top of a glyph's bounding box, or -1 when it has no outline */
static int glyph_top(struct ttf *t, int gid)
{
	int lbad = 0;
	struct span loca = t->loca, glyf = t->glyf;
	loca.bad = glyf.bad = &lbad;
	size_t a, b;
	if (rds16(t->head, 50) == 0) {
		a = 2 * (size_t)rd16(loca, 2 * (size_t)gid);
		b = 2 * (size_t)rd16(loca, 2 * (size_t)gid + 2);
	} else {
		a = rd32(loca, 4 * (size_t)gid);
		b = rd32(loca, 4 * (size_t)gid + 4);
	}
	if (gid == 0 || lbad || b < a + 10)
		return -1;
	int top = rds16(sub(glyf, a), 8);
	return lbad || top <= 0 ? -1 : top;
}

/* cap and x height: OS/2 v2+, else the outlines of H and x, else a guess */
static void heights(struct ttf *t, struct font *f)
{
	int lbad = 0;
	struct span os2 = t->os2;
	os2.bad = &lbad;
	f->capheight = f->xheight = 0;
	if (os2.p && rd16(os2, 0) >= 2 && os2.n >= 90) {
		f->xheight = rds16(os2, 86);
		f->capheight = rds16(os2, 88);
	}
	if (f->capheight <= 0 && (f->capheight = glyph_top(t, f->bmp['H'])) <= 0)
		f->capheight = f->upem * 7 / 10;
	if (f->xheight <= 0 && (f->xheight = glyph_top(t, f->bmp['x'])) <= 0)
		f->xheight = f->upem / 2;
	/* hhea is authoritative; OS/2 typo metrics only fill a blank one */
	if (f->ascent == 0 && f->descent == 0 && os2.n >= 74) {
		f->ascent = rds16(os2, 68);
		f->descent = rds16(os2, 70);
		f->linegap = rds16(os2, 72);
	}
	if (f->ascent <= 0)
		f->ascent = f->upem * 8 / 10;
	if (f->descent > 0)
		f->descent = -f->descent;
}

/* the PostScript name (nameID 6), kept to the characters PDF names allow */
static char *psname(struct ttf *t)
{
	int lbad = 0;
	struct span nm = t->name;
	nm.bad = &lbad;
	char out[64];
	size_t k = 0;
	unsigned n = nm.p ? rd16(nm, 2) : 0;
	struct span store = nm.p ? sub(nm, rd16(nm, 4)) : nm;
	for (int pass = 0; pass < 2 && !k; pass++) {
		for (unsigned i = 0; i < n && !lbad && !k; i++) {
			size_t r = 6 + 12 * (size_t)i;
			unsigned plat = rd16(nm, r), enc = rd16(nm, r + 2);
			unsigned len = rd16(nm, r + 8), off = rd16(nm, r + 10);
			if (rd16(nm, r + 6) != 6 || off > store.n || len > store.n - off)
				continue;
			int utf16 = plat == 3;
			if (pass == 0 ? plat != 3 : !(plat == 1 && enc == 0))
				continue;
			for (unsigned j = 0; j + (unsigned)utf16 < len && k < sizeof(out) - 1;
			     j += 1 + (unsigned)utf16) {
				unsigned ch = utf16 ? rd16(store, off + j) : store.p[off + j];
				if (ch > 32 && ch < 127 && !strchr("[](){}<>/%", (int)ch))
					out[k++] = (char)ch;
			}
		}
	}
	if (k) {
		out[k] = 0;
		return xstrdup(out);
	}
	/* no usable name: the file name without directory and extension */
	const char *base = strrchr(t->path, '/');
	base = base ? base + 1 : t->path;
	const char *dot = strrchr(base, '.');
	return xstrndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

static void kadd(struct kcoll *k, unsigned a, unsigned b, int v)
{
	if (!v || k->n >= KERN_MAX)
		return;
	k->e = xgrow(k->e, sizeof(*k->e), k->n + 1, &k->cap);
	k->e[k->n] = (struct kent){(uint32_t)a << 16 | b, v, (uint32_t)k->n, k->group};
	k->n++;
}

/* legacy 'kern': Microsoft (version 0) or Apple (version 1) header,
 * horizontal format 0 subtables, summed when there are several */
static void kern_legacy(struct ttf *t, struct kcoll *k)
{
	struct span s = t->kern;
	int apple = rd16(s, 0) == 1;
	uint32_t ntab = apple ? rd32(s, 4) : rd16(s, 2);
	size_t off = apple ? 8 : 4, hdr = apple ? 8 : 6;
	if (!apple && rd16(s, 0) != 0)
		return;		/* unknown version: no kerning rather than junk */
	for (uint32_t i = 0; i < ntab && off < s.n && !t->bad; i++) {
		size_t len = apple ? rd32(s, off) : rd16(s, off + 2);
		unsigned cov = rd16(s, off + 4);
		int fmt = apple ? (int)(cov & 0xff) : (int)(cov >> 8);
		/* horizontal, not minimum values, not cross-stream (or variation) */
		int horiz = apple ? !(cov & 0xe000) : (cov & 7) == 1;
		if (fmt == 0 && horiz) {
			unsigned np = rd16(s, off + hdr);
			struct span p = sub(s, off + hdr + 8);
			if ((size_t)np * 6 > p.n)
				*s.bad = 1;
			for (unsigned j = 0; j < np && !t->bad; j++)
				kadd(k, rd16(p, 6 * (size_t)j), rd16(p, 6 * (size_t)j + 2),
				     rds16(p, 6 * (size_t)j + 4));
		}
		k->group++;
		/* the 16-bit Microsoft length overflows for big subtables; a
		 * single subtable (the usual case) never needs it */
		if (len < hdr)
			break;
		off += len;
	}
}

/* a Coverage table (cov set: out[glyph] = coverage index, else left as
 * is) or a ClassDef table (out[glyph] = class); ranges must ascend,
 * overlapping parts are ignored */
static void glyphmap(struct ttf *t, struct span c, int32_t *out, int ng, int cov)
{
	unsigned fmt = rd16(c, 0), n = rd16(c, cov || fmt == 2 ? 2 : 4);
	spend(t, n);
	if (fmt == 1 && cov) {
		for (unsigned i = 0; i < n && !t->bad; i++) {
			unsigned g = rd16(c, 4 + 2 * (size_t)i);
			if (g < (unsigned)ng && out[g] < 0)
				out[g] = (int32_t)i;
		}
	} else if (fmt == 1) {
		unsigned start = rd16(c, 2);
		for (unsigned i = 0; i < n && start + i < (unsigned)ng && !t->bad; i++)
			out[start + i] = (int32_t)rd16(c, 6 + 2 * (size_t)i);
	} else if (fmt == 2) {
		unsigned next = 0;
		for (unsigned i = 0; i < n && !t->bad; i++) {
			size_t r = 4 + 6 * (size_t)i;
			unsigned start = rd16(c, r), end = rd16(c, r + 2);
			unsigned v = rd16(c, r + 4);
			for (unsigned g = start > next ? start : next;
			     g <= end && g < (unsigned)ng; g++)
				out[g] = (int32_t)(cov ? v + g - start : v);
			if (end + 1 > next)
				next = end + 1;
		}
	}
}

/* PairPos format 2: class pairs, expanded to glyphs reachable from the cmap.
 * Only nonzero class pairs whose second class holds reachable glyphs are
 * kept, and never more than KERN_MAX of them, so every step of the final
 * expansion yields a pair and the work stays bounded. */
static void pair_classes(struct ttf *t, struct kcoll *k, struct span st,
			 const int32_t *ci, const uint8_t *reach, size_t xoff,
			 size_t recsz)
{
	int ng = t->nglyphs;
	unsigned n1 = rd16(st, 12), n2 = rd16(st, 14);
	size_t row = (size_t)n2 * recsz;
	if (n1 == 0 || n2 == 0 || row == 0 || st.n < 16 || (st.n - 16) / row < n1) {
		*st.bad = 1;
		return;
	}
	int32_t *cls1 = xcalloc((size_t)ng, sizeof(*cls1));
	int32_t *cls2 = xcalloc((size_t)ng, sizeof(*cls2));
	glyphmap(t, sub(st, rd16(st, 8)), cls1, ng, 0);
	glyphmap(t, sub(st, rd16(st, 10)), cls2, ng, 0);
	/* reachable right glyphs bucketed by class */
	int *first = xcalloc((size_t)n2 + 1, sizeof(*first));
	int *right = xmalloc((size_t)ng * sizeof(*right));
	for (int g = 0; g < ng; g++)
		if (reach[g] && (unsigned)cls2[g] < n2)
			first[cls2[g] + 1]++;
	for (unsigned c = 0; c < n2; c++)
		first[c + 1] += first[c];
	int *fill = xmalloc(((size_t)n2 + 1) * sizeof(*fill));
	memcpy(fill, first, ((size_t)n2 + 1) * sizeof(*fill));
	for (int g = 0; g < ng; g++)
		if (reach[g] && (unsigned)cls2[g] < n2)
			right[fill[cls2[g]]++] = g;
	/* for each first class in use, its nonzero second classes */
	int *cstart = xmalloc((size_t)n1 * sizeof(*cstart));
	for (unsigned c = 0; c < n1; c++)
		cstart[c] = -1;
	struct { uint16_t c2; int16_t v; } *cv = NULL;
	int ncv = 0, capcv = 0;
	int *cend = xcalloc((size_t)n1, sizeof(*cend));
	for (int g = 0; g < ng && ncv < KERN_MAX && !t->bad; g++) {
		unsigned c1 = (unsigned)cls1[g];
		if (ci[g] < 0 || !reach[g] || c1 >= n1 || cstart[c1] >= 0)
			continue;
		cstart[c1] = ncv;
		spend(t, n2);
		for (unsigned c2 = 0; c2 < n2 && ncv < KERN_MAX && !t->bad; c2++) {
			int v = rds16(st, 16 + c1 * row + c2 * recsz + xoff);
			if (v && first[c2 + 1] > first[c2]) {
				cv = xgrow(cv, sizeof(*cv), ncv + 1, &capcv);
				cv[ncv].c2 = (uint16_t)c2;
				cv[ncv++].v = (int16_t)v;
			}
		}
		cend[c1] = ncv;
	}
	for (int g = 0; g < ng && k->n < KERN_MAX && !t->bad; g++) {
		unsigned c1 = (unsigned)cls1[g];
		if (ci[g] < 0 || !reach[g] || c1 >= n1 || cstart[c1] < 0)
			continue;
		for (int j = cstart[c1]; j < cend[c1]; j++)
			for (int r = first[cv[j].c2]; r < first[cv[j].c2 + 1] &&
			     k->n < KERN_MAX; r++)
				kadd(k, (unsigned)g, (unsigned)right[r], cv[j].v);
	}
	free(cls1);
	free(cls2);
	free(first);
	free(fill);
	free(right);
	free(cstart);
	free(cend);
	free(cv);
}

/* one PairPos subtable: the first glyph's XAdvance is the kerning */
static void pairpos(struct ttf *t, struct kcoll *k, struct span st,
		    int32_t *ci, const uint8_t *reach)
{
	int ng = t->nglyphs;
	unsigned fmt = rd16(st, 0), vf1 = rd16(st, 4), vf2 = rd16(st, 6);
	if (!(vf1 & 4) || !spend(t, ng))
		return;
	size_t xoff = 2 * (size_t)__builtin_popcount(vf1 & 3);
	size_t recsz = 2 * (size_t)(__builtin_popcount(vf1 & 0xff) +
				    __builtin_popcount(vf2 & 0xff));
	for (int g = 0; g < ng; g++)
		ci[g] = -1;
	glyphmap(t, sub(st, rd16(st, 2)), ci, ng, 1);
	if (fmt == 2) {
		pair_classes(t, k, st, ci, reach, xoff, recsz);
		return;
	}
	if (fmt != 1)
		return;
	unsigned nset = rd16(st, 8);
	for (int g = 0; g < ng && !t->bad && k->n < KERN_MAX; g++) {
		if (ci[g] < 0 || (unsigned)ci[g] >= nset || !reach[g])
			continue;
		struct span ps = sub(st, rd16(st, 10 + 2 * (size_t)ci[g]));
		unsigned n = rd16(ps, 0);
		if (!spend(t, n))
			break;
		for (unsigned j = 0; j < n && !t->bad; j++) {
			size_t r = 2 + j * (2 + recsz);
			unsigned g2 = rd16(ps, r);
			if (g2 < (unsigned)ng && reach[g2])
				kadd(k, (unsigned)g, g2, rds16(ps, r + 2 + xoff));
		}
	}
}

/* GPOS: every pair-adjustment lookup (type 2, or type 9 extending one)
 * that any 'kern' feature refers to, in lookup order */
static void kern_gpos(struct ttf *t, struct kcoll *k, const uint8_t *reach)
{
	struct span g = t->gpos;
	if (rd16(g, 0) != 1)
		return;
	struct span fl = sub(g, rd16(g, 6)), ll = sub(g, rd16(g, 8));
	unsigned nfeat = rd16(fl, 0), nlook = rd16(ll, 0);
	uint8_t *use = xcalloc((size_t)nlook + 1, 1);
	int32_t *ci = xmalloc((size_t)t->nglyphs * sizeof(*ci));
	for (unsigned i = 0; i < nfeat && !t->bad; i++) {
		if (rd32(fl, 2 + 6 * (size_t)i) != TAG('k', 'e', 'r', 'n'))
			continue;
		struct span ft = sub(fl, rd16(fl, 6 + 6 * (size_t)i));
		unsigned n = rd16(ft, 2);
		if (!spend(t, n))
			break;
		for (unsigned j = 0; j < n && !t->bad; j++) {
			unsigned idx = rd16(ft, 4 + 2 * (size_t)j);
			if (idx < nlook)
				use[idx] = 1;
		}
	}
	for (unsigned i = 0; i < nlook && !t->bad; i++) {
		if (!use[i])
			continue;
		struct span lk = sub(ll, rd16(ll, 2 + 2 * (size_t)i));
		unsigned type = rd16(lk, 0), nsub = rd16(lk, 4);
		k->group = i;
		for (unsigned j = 0; j < nsub && !t->bad; j++) {
			struct span st = sub(lk, rd16(lk, 6 + 2 * (size_t)j));
			unsigned ty = type;
			if (ty == 9) {
				ty = rd16(st, 0) == 1 ? rd16(st, 2) : 0;
				st = sub(st, rd32(st, 4));
			}
			if (ty == 2)
				pairpos(t, k, st, ci, reach);
		}
	}
	free(ci);
	free(use);
}

static int kcmp(const void *a, const void *b)
{
	const struct kent *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int kerning(struct ttf *t, struct font *f)
{
	struct kcoll k = {0};
	if (t->kern.p) {
		kern_legacy(t, &k);
	} else if (t->gpos.p) {
		uint8_t *reach = xcalloc((size_t)f->nglyphs, 1);
		for (int c = 0; c < 65536; c++)
			reach[f->bmp[c]] = 1;
		reach[0] = 0;
		t->budget = GPOS_BUDGET;
		kern_gpos(t, &k, reach);
		free(reach);
	}
	if (t->bad) {
		free(k.e);
		return fail(t, "malformed or oversized '%s' table",
			    t->kern.p ? "kern" : "GPOS");
	}
	if (k.n)
		qsort(k.e, (size_t)k.n, sizeof(*k.e), kcmp);
	f->kpair = xmalloc((size_t)(k.n ? k.n : 1) * sizeof(*f->kpair));
	f->kval = xmalloc((size_t)(k.n ? k.n : 1) * sizeof(*f->kval));
	int n = 0;
	long sum = 0;
	for (int i = 0; i < k.n; i++) {
		if (n && f->kpair[n - 1] == k.e[i].key) {
			/* within one lookup the first pair wins; lookups add up */
			if (k.e[i].group == k.e[i - 1].group)
				continue;
			sum += k.e[i].val;
		} else {
			f->kpair[n++] = k.e[i].key;
			sum = k.e[i].val;
		}
		f->kval[n - 1] = (int16_t)(sum < -32768 ? -32768 : sum > 32767 ? 32767 : sum);
	}
	/* a pair summing to zero stays: searching it is harmless */
	f->nkern = n;
	free(k.e);
	return 0;
}

int font_load(struct font *f, const char *path, char *err, size_t errlen)
{
	memset(f, 0, sizeof(*f));
	struct ttf t = {.path = path, .err = err, .errlen = errlen};
	if (errlen)
		err[0] = 0;
	size_t len;
	char *data = file_read(path, &len, FONT_MAX_BYTES);
	if (!data) {
		char why[128] = "font file larger than 32 MiB";
		if (errno != EFBIG && strerror_r(errno, why, sizeof(why)))
			snprintf(why, sizeof(why), "error %d", errno);
		return fail(&t, "%s", why);
	}
	t.file = (struct span){(const uint8_t *)data, len, &t.bad};
	int rc = -1;
	if (tables(&t) == 0 && metrics(&t, f) == 0 && charmap(&t, f) == 0 &&
	    kerning(&t, f) == 0) {
		heights(&t, f);
		f->psname = psname(&t);
		f->path = xstrdup(path);
		rc = 0;
	}
	free(data);
	if (rc)
		font_free(f);
	return rc;
}

void font_free(struct font *f)
{
	free(f->path);
	free(f->psname);
	free(f->adv);
	free(f->bmp);
	free(f->kpair);
	free(f->kval);
	memset(f, 0, sizeof(*f));
}

int font_glyph(const struct font *f, uint32_t cp)
{
	return cp <= 0xffff && f->bmp ? f->bmp[cp] : 0;
}

/* the libharu /W truncation of glyph g's advance */
static inline int advance(const struct font *f, unsigned g)
{
	return (int)((unsigned)f->adv[g] * 1000u / (unsigned)f->upem);
}

int font_advance(const struct font *f, uint32_t cp)
{
	int g = font_glyph(f, cp);
	return g ? advance(f, (unsigned)g) : 0;
}

/* kerning of two glyphs in 1/1000 em, rounded half away from zero */
static int kern_glyphs(const struct font *f, unsigned a, unsigned b)
{
	uint32_t key = a << 16 | b;
	int lo = 0, hi = f->nkern;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (f->kpair[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == f->nkern || f->kpair[lo] != key)
		return 0;
	long v = (long)f->kval[lo] * 1000;
	return (int)((v < 0 ? v - f->upem / 2 : v + f->upem / 2) / f->upem);
}

/* Pairs with a space are never kerned: layout measures words apart and
 * joins them with glue, so kerning across a space would make the drawn
 * line differ from the measured one. */
int font_kern(const struct font *f, uint32_t a, uint32_t b)
{
	if (a == ' ' || b == ' ')
		return 0;
	int ga = font_glyph(f, a), gb = font_glyph(f, b);
	return ga && gb ? kern_glyphs(f, (unsigned)ga, (unsigned)gb) : 0;
}

long font_width(const struct font *f, const char *s, size_t len, int kern)
{
	long w = 0;
	unsigned prev = 0;
	size_t i = 0;
	if (!f->bmp)
		return 0;
	while (i < len) {
		uint32_t cp = (unsigned char)s[i];
		int k = 1;
		if (cp >= 0x80 && !(k = utf8_decode(s + i, len - i, &cp))) {
			i++;	/* an invalid byte draws nothing */
			continue;
		}
		i += (size_t)k;
		unsigned g = cp <= 0xffff ? f->bmp[cp] : 0;
		if (g) {
			w += advance(f, g);
			if (kern && prev && f->nkern && cp != ' ')
				w += kern_glyphs(f, prev, g);
		}
		prev = cp == ' ' ? 0 : g;
	}
	return w;
}

int fontset_pick(const struct fontset *fs, int want, uint32_t cp)
{
	if (want < 0 || want >= FACE_MAX)
		return -1;
	const struct font *w = &fs->face[want];
	/* spaces stay in the wanted face even when it lacks U+00A0 or U+202F:
	 * the caller draws those as U+0020 (font_glyph tells it when) */
	if (w->path && (cp == 0x20 || cp == 0xa0 || cp == 0x202f || font_glyph(w, cp)))
		return want;
	const struct font *fb = &fs->face[FACE_FALLBACK];
	if (fb->path && font_glyph(fb, cp))
		return FACE_FALLBACK;
	return -1;
}

void fontset_free(struct fontset *fs)
{
	for (int i = 0; i < FACE_MAX; i++)
		font_free(&fs->face[i]);
}
