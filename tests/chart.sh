#!/bin/sh
# Chart tests through the CLI and the page dump: bar geometry proportional
# to the data, text in a numeric column reported at the CSV's
# file:line:column, a changed number that moves exactly its bar, month
# labels thinned without overlap, and the example's charts as vectors.
cd "$(dirname "$0")/.." || exit 3
. tests/lib.sh

EX=examples/regionstyrelsen-delar-2024

check "small chart renders to a dump" sh -c "$FOLIO render --dump tests/chart/small.xml >$T/small.dump"
# bars of the first series colour: heights proportional to 10 20 40 5,
# all standing on the same zero line
check "bar heights are proportional to the values" awk '
	$1 == "rect" && $6 == "#00325a" { y[n + 0] = $3; hh[n++] = substr($5, 3) }
	END {
		split("10 20 40 5", v, " ")
		if (n != 4) { print "bars:", n; exit 1 }
		for (i = 0; i < 4; i++) {
			r = hh[i] / v[i + 1]
			if (i && (r - r0 > 0.01 || r0 - r > 0.01)) { print "bar", i, hh[i]; exit 1 }
			if (i && (y[i] + hh[i] - y[0] - hh[0]) ^ 2 > 0.0001) { print "base", i; exit 1 }
			r0 = r
		}
	}' "$T/small.dump"
check "chart is a Figure with a text alternative after its Caption" sh -c "
	grep -q '^selem 4 Caption parent=1' $T/small.dump &&
	grep -q '^selem 5 Figure parent=1 alt=\"Diagram: Fyra värden. Värden 5–40.\"' $T/small.dump"

check "text in a numeric column is refused" sh -c "! $FOLIO render --dump tests/chart/bad.xml >$T/bad.out 2>$T/bad.err"
check "the error points at the CSV cell" grep -q '^tests/chart/bad.csv:3:3: error: "tjugo" in column "Värde"' "$T/bad.err"

# one number changed in the CSV: exactly one box of the dump changes, a bar
mkdir -p "$T/ch"
cp tests/chart/small.xml tests/chart/small.csv "$T/ch/"
check "copy renders" sh -c "$FOLIO render --dump $T/ch/small.xml >$T/ch1.dump"
sed -i 's/^B;20$/B;30/' "$T/ch/small.csv"
check "changed copy renders" sh -c "$FOLIO render --dump $T/ch/small.xml >$T/ch2.dump"
check "only bar B changed, to 1.5 times its height" sh -c "
	diff $T/ch1.dump $T/ch2.dump | grep '^[<>]' >$T/ch.diff
	test \$(grep -c . $T/ch.diff) -eq 2 || exit 1
	awk '\$2 == \"rect\" { h[\$1] = substr(\$6, 3) } END { r = h[\">\"] / h[\"<\"]; exit !(r > 1.499 && r < 1.501) }' $T/ch.diff"

check "thin chart renders" sh -c "$FOLIO render --dump tests/chart/thin.xml >$T/thin.dump"
check "24 months: every 6th labelled, years on January" sh -c "
	grep 'tag=4 \"' $T/thin.dump | grep -c '\"[a-z]' | grep -qx 4 &&
	grep -q 'tag=4 \"jan 2023\"' $T/thin.dump && grep -q 'tag=4 \"jan 2024\"' $T/thin.dump &&
	grep -q 'tag=4 \"jul\"' $T/thin.dump"
check "month labels do not overlap" awk '
	$1 == "text" && $0 ~ /tag=4 "[a-z]/ {
		x = $2; w = substr($4, 3)
		if (n && x < px + pw) { print "overlap at", x; exit 1 }
		px = x; pw = w; n++
	}' "$T/thin.dump"
check "negative reference line in the legend" grep -q '"Gräns −12,5"' "$T/thin.dump"

# the example: section 4.5 charts as vectors from the CSV data
check "example renders to PDF" sh -c "$FOLIO render $EX/report.xml -o $T/ex.pdf"
check "no raster images in the PDF" sh -c "test \$(pdfimages -list $T/ex.pdf | wc -l) -eq 2"
check "both captions and Swedish months in the PDF" sh -c "
	pdftotext $T/ex.pdf - >$T/ex.txt &&
	grep -q 'Telefontillgänglighet: Andel besvarade samtal samma dag' $T/ex.txt &&
	grep -q 'Andel vårdgarantibesök inom 3 dagar' $T/ex.txt &&
	grep -q 'Målvärde 74 %' $T/ex.txt && grep -qw 'maj' $T/ex.txt && grep -qw 'okt' $T/ex.txt"
check "example dump has the line and column charts" sh -c "
	$FOLIO render --dump $EX/report.xml >$T/ex.dump &&
	grep -q '^  path .* stroke #00325a' $T/ex.dump && grep -q '^  path .* dash=4.00' $T/ex.dump &&
	grep -q 'Figure parent=[0-9]* alt=\"Diagram: Telefontillgänglighet' $T/ex.dump"
# path points are placed with their box: inside the text block, within the
# box's own bounds (needs page.c to move BOX_PATH points with the item)
check "line chart paths lie on the page inside their boxes" awk '
	$1 == "path" {
		n++; x = $2; y = $3; w = substr($4, 3)
		for (i = 1; i <= NF; i++) if ($i ~ /^pts=/) break
		for (sub(/^pts=/, "", $i); i <= NF; i++) {
			split($i, p, ",")
			if (p[1] < 70.8 || p[1] > 524.5 || p[2] < 62 || p[2] > 771.1 ||
				p[1] < x - 0.01 || p[1] > x + w + 0.01 || p[2] < y - 0.01) {
				print "point", $i, "outside", x, y; exit 1
			}
		}
	}
	END { exit n < 2 }' "$T/ex.dump"
mkdir -p "$T/ex"
cp -R "$EX/report.xml" "$EX/data" "$T/ex/"
sed -i 's/^jun;74,1%;73,8%$/jun;74,1%;60,0%/' "$T/ex/data/vardgaranti.csv"
check "changing a CSV number changes the example's chart" sh -c "
	$FOLIO render --dump $T/ex/report.xml >$T/ex2.dump &&
	diff $T/ex.dump $T/ex2.dump | grep -q '^> *rect .* #6fa8dc'"
finish
