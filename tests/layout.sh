#!/bin/sh
# Layout tests through the page dump: page breaks, keep-with-next, widows
# and orphans, chapter starts, TOC page numbers, footers, margins.
cd "$(dirname "$0")/.." || exit 3
. tests/lib.sh

A="awk -f tests/layout/check.awk"
# the standard layout's text block, in points
M="-v ml=70.866 -v mr=70.866 -v mt=62.362 -v mb=70.866"

sh tests/layout/gen-long.sh 6 >"$T/long.xml"
check "long report renders to a dump" sh -c "$FOLIO render --dump $T/long.xml >$T/long.dump"
check "dump has more than 8 pages" sh -c "test \$(grep -c '^page ' $T/long.dump) -gt 8"
check "TOC page numbers equal the heading pages" $A -v rule=toc "$T/long.dump"
check "headings keep two lines after them" $A -v rule=keep "$T/long.dump"
check "split paragraphs keep two lines per page" $A -v rule=split "$T/long.dump"
check "chapters start at the top of a page" $A -v rule=chapter "$T/long.dump"
check "every page after the cover has N (M)" $A -v rule=footer "$T/long.dump"
check "body text stays inside the margins" $A $M -v rule=margins "$T/long.dump"

# a TOC long enough to take two pages shifts the body; numbers must follow
sh tests/layout/gen-long.sh 14 >"$T/toc2.xml"
check "long TOC renders" sh -c "$FOLIO render --dump $T/toc2.xml >$T/toc2.dump"
check "TOC spans two pages" $A -v rule=tocpages -v min=2 "$T/toc2.dump"
check "TOC numbers right after a two-page TOC" $A -v rule=toc "$T/toc2.dump"

# a justified layout: lines end exactly at the right margin (words are
# spaced by TJ offsets in the PDF, by wordspace in the dump)
mkdir -p "$T/justify"
sed -e "s#\.\./\.\./fonts/#$PWD/fonts/#" \
    -e 's#<style name="body" face="regular"#<style name="body" align="justify" face="regular"#' \
    layouts/standard/layout.xml >"$T/justify/layout.xml"
check "justified layout renders" sh -c "$FOLIO render --dump --layout $T/justify $T/long.xml >$T/just.dump"
check "justified lines end at the right margin" $A $M -v rule=justify "$T/just.dump"
check "justified lines carry extra word space" grep -q ' ws=' "$T/just.dump"

for r in examples/*/report.xml; do
	ex=$(basename "$(dirname "$r")")
	check "$ex: dump" sh -c "$FOLIO render --dump $r >$T/$ex.dump"
	check "$ex: TOC numbers equal heading pages" $A -v rule=toc "$T/$ex.dump"
	check "$ex: headings keep with next" $A -v rule=keep "$T/$ex.dump"
	# the verksamhetsplan layout runs chapters on; the others start them on a new page
	grep -q 'layout="verksamhetsplan"' "$r" ||
		check "$ex: chapters start a page" $A -v rule=chapter "$T/$ex.dump"
	check "$ex: footer N (M) on every page after the cover" $A -v rule=footer "$T/$ex.dump"
	check "$ex: margins" $A $M -v rule=margins "$T/$ex.dump"
done
finish
