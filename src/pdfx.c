/*
 * pdfx: PDF features reached through libharu 2.3.0's exported internals
 * (page content stream, font attributes, catalog dictionary).  pdf.c calls
 * these while it builds a document; the struct layouts they touch are
 * pinned by the version check in pdfx.h.
 */
#include <stdio.h>
#include <string.h>

#include "pdfx.h"

HPDF_STATUS pdfx_raw(HPDF_Page page, const char *s, size_t len)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	return HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)s, (HPDF_UINT)len);
}

/* libharu writes its UTF-8 *encoding* CMap (a begincidrange table) as the
 * ToUnicode stream; poppler warns about it and other readers may drop the
 * text.  In UTF-8 mode a character code is the Unicode code point itself
 * (CID = Unicode), so the correct ToUnicode maps every code to its own
 * value.  bfrange may not cross a high-byte boundary, hence one range per
 * high byte; surrogate codes are left out because they are not characters. */
static HPDF_STATUS pdfx_tounicode(HPDF_Stream st)
{
	HPDF_STATUS ret = HPDF_Stream_WriteStr(st,
		"/CIDInit /ProcSet findresource begin\n"
		"12 dict begin\n"
		"begincmap\n"
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		"/CMapName /Adobe-Identity-UCS def\n"
		"/CMapType 2 def\n"
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	/* at most 100 entries per bfrange block (a PostScript CMap limit) */
	int hi = 0;
	while (ret == HPDF_OK && hi < 256) {
		int todo[100], n = 0;
		for (; hi < 256 && n < 100; hi++)
			if (hi < 0xd8 || hi > 0xdf)
				todo[n++] = hi;
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

HPDF_STATUS pdfx_fix_font(HPDF_Doc pdf, HPDF_Font font)
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
	HPDF_STATUS ret = pdfx_tounicode(cmap->stream);
	if (ret != HPDF_OK)
		return ret;
	/* libharu names the collection after the CMap ("Identity-H"); the
	 * ordering of an Identity-mapped CID font is "Identity" */
	HPDF_Dict desc = attr->descendant_font;
	HPDF_Dict info = desc ? HPDF_Dict_GetItem(desc, "CIDSystemInfo", HPDF_OCLASS_DICT) : NULL;
	if (info)
		ret = HPDF_Dict_Add(info, "Ordering", HPDF_String_New(pdf->mmgr, "Identity", NULL));
	return ret;
}

HPDF_STATUS pdfx_catalog(HPDF_Doc pdf, const char *lang)
{
	HPDF_STATUS ret = HPDF_OK;
	/* /Lang and /DisplayDocTitle are PDF 1.4 features */
	if (pdf->pdf_version < HPDF_VER_14)
		pdf->pdf_version = HPDF_VER_14;
	if (lang && *lang)
		ret = HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, lang, NULL));
	if (ret != HPDF_OK)
		return ret;
	HPDF_Dict vp = HPDF_Dict_New(pdf->mmgr);
	if (!vp)
		return HPDF_Error_GetCode(&pdf->error);
	ret = HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
	if (ret != HPDF_OK) {
		HPDF_Dict_Free(vp);
		return ret;
	}
	return HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", vp);
}

HPDF_STATUS pdfx_label(HPDF_Doc pdf, int page, const char *style, int first,
	const char *prefix)
{
	HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
	if (!d)
		return HPDF_Error_GetCode(&pdf->error);
	HPDF_STATUS ret = HPDF_OK;
	if (style) {
		ret = HPDF_Dict_AddName(d, "S", style);
		if (ret == HPDF_OK && first != 1)
			ret = HPDF_Dict_AddNumber(d, "St", first);
	}
	/* the UTF-8 encoder makes libharu write a UTF-16BE text string */
	if (ret == HPDF_OK && prefix && *prefix)
		ret = HPDF_Dict_Add(d, "P", HPDF_String_New(pdf->mmgr, prefix,
			HPDF_GetEncoder(pdf, "UTF-8")));
	if (ret != HPDF_OK) {
		HPDF_Dict_Free(d);
		return ret;
	}
	return HPDF_Catalog_AddPageLabel(pdf->catalog, (HPDF_UINT)page, d);
}
