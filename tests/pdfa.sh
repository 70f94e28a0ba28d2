#!/bin/sh
# Archival and accessible PDF, end to end: every example rendered with
# --pdfa must be valid PDF/A-1b for Apache PDFBox Preflight (all files in one
# JVM run), reproducible byte for byte, and pass the machine-checkable
# PDF/UA-1 rules (tests/pdfa-check.awk plus the structure as poppler reads
# it).  A missing validator is a failure, not a skip.  The slow readers
# (the JVM, and poppler's -struct-text, which reparses a page per marked
# sequence) run in the background while the quick checks go on.
# Needs: default-jre-headless libpdfbox2-java libactivation-java
# libjaxb-api-java qpdf poppler-utils.
cd "$(dirname "$0")/.." || exit 3
. tests/lib.sh

J=/usr/share/java
CP=$J/preflight.jar:$J/pdfbox2.jar:$J/fontbox2.jar:$J/xmpbox.jar:$J/commons-logging.jar
CP=$CP:$J/javax.activation.jar:$J/jaxb-api.jar
A="awk -f tests/pdfa-check.awk"
examples=$(ls examples/*/report.xml)

: >"$T/list"
for r in $examples; do
	ex=$(basename "$(dirname "$r")")
	pdf=$T/$ex.pdf
	check "$ex: renders as PDF/A" $FOLIO render --pdfa "$r" -o "$pdf"
	[ -s "$pdf" ] || continue
	echo "$pdf" >>"$T/list"
	pdfinfo -struct-text "$pdf" >"$T/$ex.text" 2>&1 &
done

# Preflight: one JVM for every file; it writes LIST.preflight.xml beside the list
java=0
if command -v java >/dev/null 2>&1 && [ -r "$J/preflight.jar" ]; then
	java=1
	java -cp "$CP" org.apache.pdfbox.preflight.Validator_A1b xml group "$T/list" \
		>"$T/pf.out" 2>&1 &
fi

for r in $examples; do
	ex=$(basename "$(dirname "$r")")
	pdf=$T/$ex.pdf
	[ -s "$pdf" ] || continue
	check "$ex: PDF/A render twice, same bytes" sh -c \
		"$FOLIO render --pdfa $r -o $T/again.pdf && cmp $pdf $T/again.pdf"
	check "$ex: qpdf --check clean" qpdf --check "$pdf"
	qpdf --qdf --object-streams=disable "$pdf" "$T/$ex.qdf" 2>/dev/null
	check "$ex: header %PDF-1.4, XMP with pdfaid 1B and pdfuaid 1" sh -c \
		"head -c 8 $pdf | grep -q '%PDF-1.4' && grep -aq '<pdfaid:part>1</pdfaid:part>' $pdf &&
		grep -aq '<pdfaid:conformance>B</pdfaid:conformance>' $pdf &&
		grep -aq '<pdfuaid:part>1</pdfuaid:part>' $pdf"
	check "$ex: tagged, with title and language" sh -c \
		"pdfinfo $pdf | grep -q '^Tagged: *yes' && pdfinfo $pdf | grep -q '^Title: *[^ ]'"
	check "$ex: every content item tagged or an artifact" $A -v rule=content "$T/$ex.qdf"
	check "$ex: Figure Alt, TH Scope, Link Contents, Lang, MarkInfo, Tabs" \
		$A -v rule=elems "$T/$ex.qdf"
	pdfinfo -struct "$pdf" >"$T/$ex.struct" 2>&1
	check "$ex: heading levels do not skip" awk '
		{ r = $1 } r ~ /^H[1-6]$/ { n = substr(r, 2) + 0
			if (n > last + 1) { print "H" n " after H" last; bad = 1 }
			last = n }
		END { exit bad || !last }' "$T/$ex.struct"
	check "$ex: structure has Document, TOC/TOCI, H1, H2, P, L/LI/Lbl/LBody, Link" sh -c \
		"for r in Document TOC TOCI H1 H2 P L LI Lbl LBody Link; do
			grep -Eq \"^ *\$r( |\\\$)\" $T/$ex.struct || { echo \"no \$r\"; exit 1; }; done"
done

wait
for r in $examples; do
	ex=$(basename "$(dirname "$r")")
	[ -s "$T/$ex.pdf" ] || continue
	check "$ex: structure text of headings: words, number and title apart" awk '
		h && /"/ { n++; if ($0 ~ /"[0-9][0-9.]*[[:alpha:]]/) { print; bad = 1 } }
		{ h = $1 ~ /^H[1-6]$/ }
		END { exit bad || n < 2 }' "$T/$ex.text"
done

if [ $java = 0 ]; then
	check "PDFBox Preflight installed (java, $J/preflight.jar)" false
else
	check "PDFBox Preflight runs" sh -c \
		"test -s $T/list.preflight.xml || { cat $T/pf.out; exit 1; }"
	for r in $examples; do
		ex=$(basename "$(dirname "$r")")
		check "$ex: Preflight says valid PDF/A-1b" awk -v name="$ex.pdf" '
			index($0, "<preflight name=\"" name "\"") { on = 1; next }
			on && /<isValid/ { ok = $0 ~ />true</ }
			on && /<details>/ { print }
			on && /<\/preflight>/ { on = 0 }
			END { exit !ok }' "$T/list.preflight.xml"
	done
fi
finish
