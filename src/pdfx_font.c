/*
 * pdfx_font: the embedded fonts.  pdf.c loads every font before the first
 * page is drawn, through these:
 *   pdfx_font_want  which code points each face will draw, from the text
 *                   boxes of the finished pdoc;
 *   pdfx_font_new   the font object for them.  libharu builds it by looking
 *                   up all 65 536 codes of its UTF-8 encoder in the font's
 *                   cmap, each a linear search of the cmap's segments, for
 *                   the CIDToGIDMap and /W; that was half the time of a
 *                   whole render.  With the cmap first narrowed to the
 *                   codes drawn, one segment, each lookup is an index, and
 *                   /W lists only the glyphs used.  The glyphs drawn go into
 *                   the subset at once (libharu does that only in its width
 *                   functions), the CIDToGIDMap ends after the last code,
 *                   and the font program leaves out the glyph names;
 *   pdfx_fix_font   after the last page: ToUnicode, Ordering, CapHeight and
 *                   the PDF/A CIDSet.
 * Code point sets are PDFX_CPSET-byte bitmaps, bit 7 of byte 0 being
 * U+0000, the layout of a CIDSet stream (CID = code point in UTF-8 mode).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#include "pdfx.h"

static void cpset_add(uint8_t *set, uint32_t cp)
{
	set[cp >> 3] |= (uint8_t)(0x80 >> (cp & 7));
}

static int cpset_has(const uint8_t *set, uint32_t cp)
{
	return set[cp >> 3] & (0x80 >> (cp & 7));
}

/* the first code point from cp on in set, 0x10000 when none: sets are
 * sparse, so whole empty bytes are skipped */
static uint32_t cpset_next(const uint8_t *set, uint32_t cp)
{
	while (cp <= 0xffff) {
		if (!(cp & 7) && !set[cp >> 3])
			cp += 8;
		else if (cpset_has(set, cp))
			return cp;
		else
			cp++;
	}
	return 0x10000;
}

/* the last code point in set up to cp, -1 when none */
static long cpset_last(const uint8_t *set, uint32_t cp)
{
	for (long c = cp; c >= 0; c--) {
		if ((c & 7) == 7 && !set[c >> 3])
			c -= 7;
		else if (cpset_has(set, (uint32_t)c))
			return c;
	}
	return -1;
}

void pdfx_font_want(const struct pdoc *pd, uint8_t *want[FACE_MAX])
{
	for (int p = 0; pd->fonts && p < pd->npage; p++) {
		const struct page *pg = &pd->page[p];
		for (int j = 0; j < pg->nbox; j++) {
			const struct box *b = &pg->box[j];
			/* bad boxes are the drawing's to report; skip them here */
			if (b->type != BOX_TEXT || b->face < 0 || b->face >= FACE_MAX ||
				!pd->fonts->face[b->face].path || b->len <= 0 || !b->text)
				continue;
			uint8_t *set = want[b->face];
			if (!set) {
				set = want[b->face] = xcalloc(PDFX_CPSET, 1);
				/* what the writer may add: a space at the end of a
				 * tagged run, a hyphenation hyphen of its own */
				cpset_add(set, ' ');
				cpset_add(set, '-');
			}
			/* decoded exactly as pdf.c's TJ writer decodes */
			for (size_t i = 0, n = (size_t)b->len; i < n;) {
				uint32_t cp;
				int k = utf8_decode(b->text + i, n - i, &cp);
				i += k ? (size_t)k : 1;
				if (k && cp <= 0xffff)
					cpset_add(set, cp);
			}
		}
	}
}

/* narrow the cmap of the loaded TrueType font name to the code points in
 * want: other codes then have no glyph.  A font without a format 4 cmap is
 * left as it is. */
static HPDF_STATUS pdfx_narrow(HPDF_Doc pdf, const char *name, const uint8_t *want)
{
	HPDF_FontDef def = HPDF_Doc_FindFontDef(pdf, name);
	if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !def->attr)
		return HPDF_OK;
	HPDF_TTF_CmapRange *cm = &((HPDF_TTFontDefAttr)def->attr)->cmap;
	/* a format 0 table is indexed already */
	if (cm->format != 4 || cm->seg_count_x2 == 0)
		return HPDF_OK;
	/* U+FFFF stays out: it is the closing segment, mapped to glyph 0 */
	uint32_t lo = cpset_next(want, 0);
	long last = cpset_last(want, 0xfffe);
	if (last < 0 || lo > (uint32_t)last)
		return HPDF_OK;
	uint32_t hi = (uint32_t)last;
	HPDF_UINT n = hi - lo + 1;
	HPDF_UINT16 *gid = HPDF_GetMem(def->mmgr, n * sizeof(*gid));
	HPDF_UINT16 *end = HPDF_GetMem(def->mmgr, 2 * sizeof(*end));
	HPDF_UINT16 *start = HPDF_GetMem(def->mmgr, 2 * sizeof(*start));
	HPDF_INT16 *delta = HPDF_GetMem(def->mmgr, 2 * sizeof(*delta));
	HPDF_UINT16 *range = HPDF_GetMem(def->mmgr, 2 * sizeof(*range));
	if (!gid || !end || !start || !delta || !range) {
		void *got[] = { gid, end, start, delta, range };
		for (size_t i = 0; i < sizeof(got) / sizeof(got[0]); i++)
			if (got[i])
				HPDF_FreeMem(def->mmgr, got[i]);
		return HPDF_Error_GetCode(def->error);
	}
	/* looked up in the font's own cmap while it is still in place */
	memset(gid, 0, n * sizeof(*gid));
	for (uint32_t cp = lo; cp <= hi; cp = cpset_next(want, cp + 1))
		gid[cp - lo] = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
	/* segment 0: lo..hi through the glyph array.  libharu indexes it at
	 * range/2 + (code - start) - (segments - segment), which is
	 * code - lo for range = 4 with 2 segments */
	start[0] = (HPDF_UINT16)lo;
	end[0] = (HPDF_UINT16)hi;
	delta[0] = 0;
	range[0] = 4;
	/* segment 1: the closing FFFF..FFFF that every format 4 cmap has
	 * (the search relies on it), delta 1 maps it to glyph 0 */
	start[1] = end[1] = 0xffff;
	delta[1] = 1;
	range[1] = 0;
	HPDF_FreeMem(def->mmgr, cm->end_count);
	HPDF_FreeMem(def->mmgr, cm->start_count);
	HPDF_FreeMem(def->mmgr, cm->id_delta);
	HPDF_FreeMem(def->mmgr, cm->id_range_offset);
	if (cm->glyph_id_array)
		HPDF_FreeMem(def->mmgr, cm->glyph_id_array);
	cm->end_count = end;
	cm->start_count = start;
	cm->id_delta = delta;
	cm->id_range_offset = range;
	cm->glyph_id_array = gid;
	cm->glyph_id_array_count = n;
	cm->seg_count_x2 = 4;
	return HPDF_OK;
}

/* the UTF-8 of every code point in want through libharu's width function,
 * which puts their glyphs into the subset */
static void pdfx_mark(HPDF_Font font, const uint8_t *want, struct buf *scratch)
{
	scratch->len = 0;
	for (uint32_t cp = cpset_next(want, 0); cp <= 0xffff; cp = cpset_next(want, cp + 1)) {
		char u[4];
		buf_put(scratch, u, (size_t)utf8_encode(cp, u));
	}
	if (scratch->len)
		HPDF_Font_TextWidth(font, (const HPDF_BYTE *)scratch->s, (HPDF_UINT)scratch->len);
}

/* cut libharu's CIDToGIDMap, 2 bytes for each of the 65 536 codes, after
 * the highest code drawn: no code after it occurs, and the whole map used
 * to be deflated at every save */
static HPDF_STATUS pdfx_trimmap(HPDF_Font font, const uint8_t *want)
{
	HPDF_Dict map = ((HPDF_FontAttr)font->attr)->map_stream;
	HPDF_UINT n = (HPDF_UINT)(cpset_last(want, 0xffff) + 1) * 2;
	if (!map || !map->stream || n >= map->stream->size)
		return HPDF_OK;
	HPDF_BYTE *keep = xmalloc(n);
	HPDF_UINT got = n;
	HPDF_STATUS ret = HPDF_Stream_Seek(map->stream, 0, HPDF_SEEK_SET);
	if (ret == HPDF_OK)
		ret = HPDF_Stream_Read(map->stream, keep, &got);
	if (ret == HPDF_OK && got == n) {
		HPDF_MemStream_FreeData(map->stream);
		ret = HPDF_Stream_Write(map->stream, keep, n);
	}
	free(keep);
	return ret;
}

/* font files are read whole for the font program; the layout's fonts
 * were measured from the same files under font.c's own limit */
#define PDFX_FONTFILE_MAX (32u << 20)

/* the font file as libharu reads it for the font program */
struct pdfx_fontfile {
	unsigned char *data;	/* the whole file, post table cut */
	size_t len;		/* its length */
	size_t pos;		/* read position; may lie past the end, as in a file */
};

/* the stream functions of a struct pdfx_fontfile (stream attr), behaving
 * as libharu's file reader does: a short read is HPDF_STREAM_EOF with the
 * rest of the buffer zeroed, a seek before the start an I/O error */
static HPDF_STATUS pdfx_ff_read(HPDF_Stream st, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
	struct pdfx_fontfile *ff = st->attr;
	size_t want = *siz, left = ff->pos < ff->len ? ff->len - ff->pos : 0;
	size_t n = left < want ? left : want;
	memcpy(ptr, ff->data + ff->pos, n);
	memset(ptr + n, 0, want - n);
	ff->pos += n;
	*siz = (HPDF_UINT)n;
	return n < want ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS pdfx_ff_seek(HPDF_Stream st, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct pdfx_fontfile *ff = st->attr;
	long long to = pos;
	if (mode == HPDF_SEEK_CUR)
		to += (long long)ff->pos;
	else if (mode == HPDF_SEEK_END)
		to += (long long)ff->len;
	if (to < 0)
		return HPDF_SetError(st->error, HPDF_FILE_IO_ERROR, 0);
	ff->pos = (size_t)to;
	return HPDF_OK;
}

static HPDF_INT32 pdfx_ff_tell(HPDF_Stream st)
{
	return (HPDF_INT32)((struct pdfx_fontfile *)st->attr)->pos;
}

static HPDF_UINT32 pdfx_ff_size(HPDF_Stream st)
{
	return (HPDF_UINT32)((struct pdfx_fontfile *)st->attr)->len;
}

static void pdfx_ff_free(HPDF_Stream st)
{
	struct pdfx_fontfile *ff = st->attr;
	if (ff)
		free(ff->data);
	free(ff);
	st->attr = NULL;
}

/* let libharu read the font file from memory, its post table cut to the
 * 32-byte header of a version 3 table (no glyph names).  libharu copies
 * every table but glyf and loca into each document's font program as it
 * is, 4 bytes per call through its file reader, and then deflates it; the
 * glyph names were 27 of Liberation Sans's 67 KB.  A CID font needs none:
 * the CIDToGIDMap picks the glyphs, ToUnicode gives the text.  Should the
 * file not be readable now, libharu keeps its own reader. */
static HPDF_STATUS pdfx_slim(HPDF_Doc pdf, const char *name, const char *path)
{
	HPDF_FontDef def = HPDF_Doc_FindFontDef(pdf, name);
	if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !def->attr)
		return HPDF_OK;
	HPDF_TTFontDefAttr at = def->attr;
	if (!at->stream || !at->embedding)
		return HPDF_OK;
	struct pdfx_fontfile *ff = xcalloc(1, sizeof(*ff));
	ff->data = (unsigned char *)file_read(path, &ff->len, PDFX_FONTFILE_MAX);
	if (!ff->data) {
		free(ff);
		return HPDF_OK;
	}
	HPDF_Stream st = HPDF_CallbackReader_New(def->mmgr, pdfx_ff_read, pdfx_ff_seek,
		pdfx_ff_tell, pdfx_ff_size, ff);
	if (!st) {
		free(ff->data);
		free(ff);
		return HPDF_Error_GetCode(def->error);
	}
	st->free_fn = pdfx_ff_free;
	HPDF_Stream_Free(at->stream);
	at->stream = st;
	HPDF_TTFTable *t = at->offset_tbl.table;
	for (HPDF_UINT i = 0; t && i < at->offset_tbl.num_tables; i++, t++) {
		if (memcmp(t->tag, "post", 4) || t->length <= 32 || t->offset > ff->len ||
			ff->len - t->offset < 32)
			continue;
		static const unsigned char v3[4] = { 0, 3, 0, 0 };
		memcpy(ff->data + t->offset, v3, sizeof(v3));
		t->length = 32;
	}
	return HPDF_OK;
}

HPDF_Font pdfx_font_new(HPDF_Doc pdf, const char *name, const char *path, const uint8_t *want,
	struct buf *scratch)
{
	if (pdfx_slim(pdf, name, path) != HPDF_OK || pdfx_narrow(pdf, name, want) != HPDF_OK)
		return NULL;
	HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
	if (!font)
		return NULL;
	pdfx_mark(font, want, scratch);
	if (pdfx_trimmap(font, want) != HPDF_OK)
		return NULL;
	return font;
}

/* libharu writes its UTF-8 *encoding* CMap (a begincidrange table) as the
 * ToUnicode stream; poppler warns about it and other readers may drop the
 * text.  In UTF-8 mode a character code is the Unicode code point itself
 * (CID = Unicode), so the correct ToUnicode maps every code to its own
 * value: one bfrange per high byte (a range may not cross one) that holds
 * a code the font draws, at most 100 to a block (a PostScript CMap limit).
 * Surrogates are no characters and never drawn. */
static HPDF_STATUS pdfx_tounicode(HPDF_Stream st, const uint8_t *want)
{
	HPDF_STATUS ret = HPDF_Stream_WriteStr(st,
		"/CIDInit /ProcSet findresource begin\n"
		"12 dict begin\n"
		"begincmap\n"
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		"/CMapName /Adobe-Identity-UCS def\n"
		"/CMapType 2 def\n"
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	int hi = 0;
	while (ret == HPDF_OK && hi < 256) {
		int todo[100], n = 0;
		for (; hi < 256 && n < 100; hi++) {
			int used = 0;
			for (int k = 0; k < 32 && !used; k++)
				used = want[hi * 32 + k] != 0;
			if (used && (hi < 0xd8 || hi > 0xdf))
				todo[n++] = hi;
		}
		if (n == 0)
			break;
		char line[64];
		snprintf(line, sizeof(line), "%d beginbfrange\n", n);
		ret = HPDF_Stream_WriteStr(st, line);
		for (int i = 0; i < n && ret == HPDF_OK; i++) {
			snprintf(line, sizeof(line), "<%02X00> <%02XFF> <%02X00>\n",
				todo[i], todo[i], todo[i]);
			ret = HPDF_Stream_WriteStr(st, line);
		}
		if (ret == HPDF_OK)
			ret = HPDF_Stream_WriteStr(st, "endbfrange\n");
	}
	if (ret == HPDF_OK)
		ret = HPDF_Stream_WriteStr(st,
			"endcmap\n"
			"CMapName currentdict /CMap defineresource pop\n"
			"end\n"
			"end\n");
	return ret;
}

/* a CIDSet stream: one bit per CID present in the subset, high bit first */
static HPDF_STATUS pdfx_cidset(HPDF_Doc pdf, HPDF_Dict fd, const uint8_t *used)
{
	uint8_t set[8192];
	memcpy(set, used, sizeof(set));
	set[0] |= 0x80;		/* .notdef is always in the font program */
	size_t n = sizeof(set);
	while (n > 1 && set[n - 1] == 0)
		n--;
	HPDF_Dict st = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!st)
		return HPDF_Error_GetCode(&pdf->error);
	if (pdf->compression_mode != HPDF_COMP_NONE)
		st->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_STATUS ret = HPDF_Stream_Write(st->stream, set, (HPDF_UINT)n);
	if (ret == HPDF_OK)
		ret = HPDF_Dict_Add(fd, "CIDSet", st);
	return ret;
}

HPDF_STATUS pdfx_fix_font(HPDF_Doc pdf, HPDF_Font font, const uint8_t *want, int cidset)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	HPDF_Dict cmap = attr->cmap_stream;
	if (!cmap || !cmap->stream)
		return HPDF_OK;
	HPDF_MemStream_FreeData(cmap->stream);
	/* the keys of an encoding CMap say the wrong thing about a ToUnicode
	 * stream (CMapName /UTF-8); a ToUnicode stream needs none of them.
	 * RemoveElement reports a missing key by status only, not as an error */
	HPDF_Dict_RemoveElement(cmap, "Type");
	HPDF_Dict_RemoveElement(cmap, "CMapName");
	HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(cmap, "WMode");
	HPDF_STATUS ret = pdfx_tounicode(cmap->stream, want);
	if (ret != HPDF_OK)
		return ret;
	/* libharu names the collection after the CMap ("Identity-H"); the
	 * ordering of an Identity-mapped CID font is "Identity" */
	HPDF_Dict desc = attr->descendant_font;
	HPDF_Dict info = desc ? HPDF_Dict_GetItem(desc, "CIDSystemInfo", HPDF_OCLASS_DICT) : NULL;
	if (info)
		ret = HPDF_Dict_Add(info, "Ordering", HPDF_String_New(pdf->mmgr, "Identity", NULL));
	/* libharu builds the FontDescriptor, with the subset font program, in
	 * the font's before-write hook during the save, and reuses one that
	 * exists by then: building it now, after the last glyph was used,
	 * lets us complete it (PDF/A wants CapHeight and, for subsets, CIDSet) */
	HPDF_FontDef def = attr->fontdef;
	if (ret == HPDF_OK && !def->descriptor && font->before_write_fn)
		ret = font->before_write_fn(font);
	HPDF_Dict fd = def->descriptor;
	if (ret != HPDF_OK || !fd)
		return ret;
	ret = HPDF_Dict_AddNumber(fd, "CapHeight", def->cap_height);
	if (ret == HPDF_OK && cidset)
		ret = pdfx_cidset(pdf, fd, want);
	return ret;
}

