#!/bin/sh
# End-to-end checks of the command line and the PDFs it writes: qpdf, poppler
# (pdftotext, pdffonts, pdfinfo), bad inputs, reproducibility, valgrind.
cd "$(dirname "$0")/.." || exit 3
. tests/lib.sh

# --- the command line
check "--version names folio" sh -c "$FOLIO --version | grep -q '^folio [0-9]'"
check "--help exits 0" $FOLIO --help
check "no arguments: usage error 2" sh -c "$FOLIO; test \$? -eq 2"
check "unknown command: usage error 2" sh -c "$FOLIO frobnicate x.xml 2>/dev/null; test \$? -eq 2"
check "unknown option: usage error 2" sh -c "$FOLIO render --nope x.xml 2>/dev/null; test \$? -eq 2"
check "missing report file: input error 1 naming it" sh -c \
	"$FOLIO render $T/none.xml -o $T/none.pdf 2>$T/err; test \$? -eq 1 && grep -q 'none.xml' $T/err && test ! -e $T/none.pdf"

# --- every example as a PDF
for r in examples/*/report.xml; do
	ex=$(basename "$(dirname "$r")")
	pdf=$T/$ex.pdf
	check "$ex: renders" $FOLIO render "$r" -o "$pdf"
	check "$ex: qpdf --check clean" qpdf --check "$pdf"
	check "$ex: every font embedded, with ToUnicode" sh -c \
		"pdffonts $pdf | tail -n +3 | awk '{ if (\$(NF-4) != \"yes\" || \$(NF-2) != \"yes\") bad=1; n++ } END { exit bad || n == 0 }'"
	check "$ex: no poppler warnings" sh -c "pdftotext $pdf - 2>&1 >/dev/null | grep -v '^\$' | (! grep .)"
	# the report's own title, and the title of its first section
	title=$(sed -n 's/^ *<title>\(.*\)<\/title>.*/\1/p' "$r" | head -n 1)
	first=$(sed -n 's/.*<section[^>]*> *<title>\([^<]*\)<\/title>.*/\1/p; /<section/{n; s/^ *<title>\([^<]*\)<\/title>.*/\1/p}' "$r" | head -n 1)
	check "$ex: Swedish text extracts with å ä ö ('$first')" sh -c "pdftotext $pdf - | grep -qF '$first' && pdftotext $pdf - | grep -q 'Innehållsförteckning'"
	check "$ex: document info (title '$title')" sh -c "pdfinfo $pdf | grep -qF 'Title:           $title' && pdfinfo $pdf | grep -q '^Author: *Region Örebro län' && pdfinfo $pdf | grep -q '^Creator: *folio '"
	check "$ex: dates from SOURCE_DATE_EPOCH" sh -c "pdfinfo -isodates $pdf | grep -q '^CreationDate: *2024-09-10T20:26:40'"
	check "$ex: has an outline" sh -c "qpdf --json --json-key=outlines $pdf | grep -q '\"title\": \"1 Inledning\"'"
	check "$ex: TOC lines are links" sh -c "qpdf --qdf --object-streams=disable $pdf - | grep -c '/Subtype /Link' | awk '{ exit \$1 < 10 }'"
	check "$ex: footer N (M) on the last page" sh -c "n=\$(pdfinfo $pdf | awk '/^Pages:/ {print \$2}'); pdftotext -f \$n -l \$n $pdf - | grep -Eq \"\$n ?\\(\$n\\)\""
	check "$ex: same input, same bytes" sh -c "$FOLIO render $r -o $T/again.pdf && cmp $pdf $T/again.pdf"
done

# --- bad input: one clear message with a position, exit 1, no PDF left
for b in tests/bad/*.xml; do
	name=$(basename "$b" .xml)
	check "bad input $name: exit 1, file:line: error, no output" sh -c \
		"timeout 10 $FOLIO render $b -o $T/bad.pdf 2>$T/err; rc=\$?; test \$rc -eq 1 && grep -Eq '$name.xml:[0-9]+(:[0-9]+)?: error: ' $T/err && test ! -e $T/bad.pdf"
done
check "an existing PDF survives a failed render" sh -c \
	"echo keep >$T/keep.pdf; $FOLIO render tests/bad/truncated.xml -o $T/keep.pdf 2>/dev/null; grep -q keep $T/keep.pdf && test \$(ls $T | grep -c tmp) -eq 0"
check "unwritable output directory: exit 1 and a message" sh -c \
	"$FOLIO render examples/regionstyrelsen-delar-2024/report.xml -o /nonexistent/x.pdf 2>$T/err; test \$? -eq 1 && grep -q 'error' $T/err"

# --- a layout whose font is missing
mkdir -p "$T/lay/broken"
sed 's#../../fonts/LiberationSans-Bold.ttf#/nonexistent/Bold.ttf#' layouts/standard/layout.xml >"$T/lay/broken/layout.xml"
check "missing font: exit 1 naming the font file" sh -c \
	"$FOLIO render examples/regionstyrelsen-delar-2024/report.xml --layout $T/lay/broken -o $T/f.pdf 2>$T/err; test \$? -eq 1 && grep -q 'Bold.ttf' $T/err && test ! -e $T/f.pdf"

# --- the typographic quality report of check
check "check names a word wider than its column, with its position" sh -c \
	"$FOLIO check tests/quality/long-word.xml 2>$T/err; test \$? -eq 0 && grep -q 'long-word.xml:7:5: warning: page 1: the word .ABCDEFGHIJ' $T/err"
check "check names a word wider than its table column" sh -c \
	"$FOLIO check tests/quality/narrow-cell.xml 2>$T/err; test \$? -eq 0 && grep -q 'narrow-cell.xml:8:5: warning: page 1: table cell: the word .ABCDEFGHIJKLMNOP' $T/err"
check "a one-word heading in a narrow column hyphenates" sh -c \
	"$FOLIO render --dump tests/quality/narrow-cell.xml 2>/dev/null | grep -q 'face=1 .*\"Sjuk[a-zåäö]*-\"'"
check "check --strict fails on a quality warning" sh -c \
	"$FOLIO check --strict tests/quality/long-word.xml 2>/dev/null; test \$? -eq 1"
for r in examples/*/report.xml; do
	check "$(basename "$(dirname "$r")"): check --strict passes (no overfull lines, widows, orphans)" \
		$FOLIO check --strict "$r"
done

# --- batch: many reports in parallel, one failing does not stop the others
mkdir -p "$T/b/a" "$T/b/b" "$T/b/c"
sh tests/layout/gen-long.sh 3 >"$T/b/a/report.xml"
sh tests/layout/gen-long.sh 5 >"$T/b/b/report.xml"
cp tests/bad/truncated.xml "$T/b/c/report.xml"
check "batch: a broken report fails the batch (exit 1)" sh -c \
	"$FOLIO batch $T/b -o $T/bo1 -j 2 >$T/sum 2>$T/err; test \$? -eq 1"
check "batch: the good reports still render" sh -c "test -s $T/bo1/a.pdf && test -s $T/bo1/b.pdf && test ! -e $T/bo1/c.pdf"
check "batch: the summary names the failed report and its error" sh -c \
	"grep -q '^FAILED  c .*truncated\\|^FAILED  c .*report.xml:9:5' $T/sum && grep -q '^ok      a ' $T/sum && grep -q '3 reports, 1 failed' $T/sum"
check "batch: -j 1 and -j 2 give identical bytes" sh -c \
	"$FOLIO batch $T/b/a $T/b/b -o $T/bo2 -j 1 >/dev/null && $FOLIO batch $T/b/a/report.xml $T/b/b/report.xml -o $T/bo3 -j 2 >/dev/null && cmp $T/bo2/a.pdf $T/bo3/a.pdf && cmp $T/bo2/b.pdf $T/bo3/b.pdf"
# libxml2 built its schema datatypes lazily and raced between threads; run
# three reports in three threads repeatedly
for x in x y z; do mkdir -p "$T/rin/$x"; sh tests/layout/gen-long.sh 1 >"$T/rin/$x/report.xml"; done
check "batch: 60 parallel runs without a thread race" sh -c \
	"for k in \$(seq 1 60); do rm -rf $T/race; $FOLIO batch $T/rin -o $T/race -j 3 >/dev/null || exit 1; done"
check "batch: quiet when not a terminal (no progress line)" sh -c "! grep -q '\[1/' $T/err"
check "batch: bad -j is a usage error" sh -c "$FOLIO batch $T/b -j 0 2>/dev/null; test \$? -eq 2"

# --- check writes nothing
check "check: exit 0 and no PDF" sh -c \
	"rm -f examples/regionstyrelsen-delar-2024/report.pdf; $FOLIO check examples/regionstyrelsen-delar-2024/report.xml && test ! -e examples/regionstyrelsen-delar-2024/report.pdf"

# --- memory errors: the whole pipeline under ASan+UBSan and valgrind
if [ -x build/asan/folio ]; then
	for r in examples/*/report.xml; do
		check "ASan+UBSan render $(basename "$(dirname "$r")")" build/asan/folio render "$r" -o "$T/asan.pdf"
	done
	for b in tests/bad/*.xml; do
		check "ASan+UBSan bad input $(basename "$b")" sh -c "build/asan/folio render $b -o $T/asan.pdf 2>$T/err; test \$? -eq 1"
	done
fi
if command -v valgrind >/dev/null 2>&1; then
	check "valgrind: render the first example without memory errors" \
		valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite \
		$FOLIO render "$(ls examples/*/report.xml | head -n 1)" -o "$T/vg.pdf"
	check "valgrind: a bad input without memory errors" sh -c \
		"valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite $FOLIO render tests/bad/truncated.xml -o $T/vg.pdf; test \$? -eq 1"
fi
finish
