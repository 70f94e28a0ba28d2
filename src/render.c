/*
 * render: run one report through the pipeline.  The layout is the one the
 * command line forces, else the one the report names (a bare name is looked
 * up in folio's layouts/, a path is relative to the report), else
 * "standard".  Dates in the PDF come from SOURCE_DATE_EPOCH or the report's
 * own date, never the clock, so the same input gives the same bytes.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "flow.h"
#include "parse.h"
#include "pdf.h"
#include "render.h"

/* seconds since the epoch of an ISO date at midnight UTC, -1 if none */
static long long render_date(const char *iso)
{
	int y, m, d;
	if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	/* days from civil (Howard Hinnant's algorithm), no timegm needed */
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468) * 86400;
}

static char *render_layoutdir(const struct doc *d, const struct ropt *o)
{
	if (o->layout)
		return xstrdup(o->layout);
	const char *name = d->layout ? d->layout : "standard";
	if (strchr(name, '/'))
		return path_join(d->dir, name);
	struct buf b = {0};
	buf_printf(&b, "%s/layouts/%s", o->home, name);
	return buf_take(&b);
}

int render_report(const char *path, const struct ropt *o, struct diag *dg, struct rstat *st)
{
	char *datadir = path_join(o->home, "data");
	struct doc *d = parse_report(path, datadir, dg);
	if (!d) {
		free(datadir);
		return 1;
	}
	char *ldir = render_layoutdir(d, o);
	struct layout *lay = layout_load(ldir, datadir, dg);
	free(ldir);
	if (!lay) {
		doc_free(d);
		free(datadir);
		return 1;
	}
	struct pdoc pd = {0};
	pd.fonts = &lay->fonts;
	pd.kern = 1;
	struct vlist vl = {0};
	int rc = 0;
	if (flow_document(d, lay, o->hyph, &vl, &pd, dg) < 0 || page_build(d, lay, &vl, &pd, o->quality, dg) < 0)
		rc = 1;
	if (st)
		st->pages = pd.npage;
	if (!rc && o->dump)
		dump_pdoc(&pd, o->dump);
	if (!rc && o->out) {
		const struct meta *m = &d->meta;
		char creator[64];
		snprintf(creator, sizeof(creator), "folio %s", FOLIO_VERSION);
		pd.info = (struct pinfo){
			.title = m->title, .author = m->organisation, .keywords = m->keywords,
			.creator = creator, .lang = m->lang,
			.date = o->epoch >= 0 ? o->epoch : render_date(m->date),
		};
		struct buf subj = {0};
		if (m->subtitle)
			buf_puts(&subj, m->subtitle);
		if (m->period)
			buf_printf(&subj, "%s%s", subj.len ? ", " : "", m->period);
		pd.info.subject = subj.s;
		char *icc = path_join(datadir, "sRGB.icc");
		struct pdfopt po = { .pdfa = o->pdfa, .icc = icc };
		if (pdf_write(&pd, o->out, &po, dg) < 0)
			rc = 1;
		free(icc);
		buf_free(&subj);
	}
	flow_free(&vl);
	pdoc_free(&pd);
	layout_free(lay);
	doc_free(d);
	free(datadir);
	return rc;
}
