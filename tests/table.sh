#!/bin/sh
# Table tests through the page dump and the diagnostics: repeated headers,
# rows split over pages, captions and notes kept with the table, decimal
# alignment, sums that do not add up, tables too wide for the page.
cd "$(dirname "$0")/.." || exit 3
. tests/lib.sh

A="awk -f tests/table/check.awk"
D=tests/table
# the standard layout: A4, bottom margin 25 mm
BOTTOM=771.02

# 300 rows: the header on top of every page, tagged once, artifacts after
check "300-row table renders" sh -c "$FOLIO render --dump $D/long.xml >$T/long.dump"
check "300-row table takes more than 5 pages" $A -v rule=pages -v min=6 "$T/long.dump"
check "its header repeats on every page" $A -v rule=header -v head="Enhet|Utfall|Budget|Avvikelse" "$T/long.dump"
check "nothing below the bottom margin" $A -v rule=bottom -v limit=$BOTTOM "$T/long.dump"
check "caption stays with the first row" $A -v rule=same -v a="Trehundra rader" -v b="Enhet nummer 1" "$T/long.dump"
check "note stays with the last row" $A -v rule=same -v a="Källa:" -v b="Enhet nummer 300" "$T/long.dump"
check "numbers align on the decimal comma" $A -v rule=edge -v lo=290 -v hi=340 "$T/long.dump"
check "computed column: -300,0 in the last row" grep -q '"-300,0"' "$T/long.dump"

# a row whose comment is three pages long
check "tall row renders" sh -c "$FOLIO render --dump $D/tall.xml >$T/tall.dump"
check "tall row spans three pages" $A -v rule=pages -v min=3 "$T/tall.dump"
check "its text is all there, once, in order" $A -v rule=once -v word=ord -v count=1500 "$T/tall.dump"
check "nothing of it below the bottom margin" $A -v rule=bottom -v limit=$BOTTOM "$T/tall.dump"
# (the narrow third column hyphenates its one-word heading: "Mål-/värde")
check "the header repeats above its continuation" $A -v rule=header -v head="Indikatorer|Utfall|Mål-" "$T/tall.dump"
check "the rows after it follow" grep -q '"Sista raden"' "$T/tall.dump"

# wherever the table falls, the caption, the header and the first row stay
# together, and the note stays with the last row
for k in 40 42 43 44 45 46 47 48 49 50; do
	awk -v k=$k 'BEGIN {
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?><report layout=\"standard\">"
		print "<meta><title>Keep</title></meta><section><title>Keep</title><p>"
		for (i = 1; i <= k; i++) printf "Fyllnadsrad %d.<br/>\n", i
		print "</p><table src=\"../'$D'/sum.csv\" role=\"Roll\"><caption>Rubriken</caption>"
		print "<column name=\"Post\"/><column name=\"Utfall\"/><note>Noten.</note></table>"
		print "</section></report>" }' >"$T/keep$k.xml"
	sed -i "s|../$D/|$PWD/$D/|" "$T/keep$k.xml"
	check "keep $k: renders" sh -c "$FOLIO render --dump $T/keep$k.xml >$T/keep$k.dump 2>/dev/null"
	check "keep $k: caption with the header" $A -v rule=same -v a=Rubriken -v b=Post "$T/keep$k.dump"
	check "keep $k: header with the first row" $A -v rule=same -v a=Post -v b="Intäkter" "$T/keep$k.dump"
	check "keep $k: note with the last row" $A -v rule=same -v a=Noten -v b=Nollpost "$T/keep$k.dump"
done

# sums and formulas are checked against the data
check "check warns about the wrong sums" sh -c "$FOLIO check $D/sum.xml 2>$T/sum.err; grep -q 'sum.csv:4:13: warning: .*\"Summa\", column \"Utfall\": the data says 40,5, but the sum of the rows above gives 39,5' $T/sum.err"
check "render warns too" sh -c "$FOLIO render --dump $D/sum.xml 2>&1 >/dev/null | grep -q 'sum.csv:4:18: warning: .*the data says 36,0, but the sum of the rows above gives 35,0'"
check "no other warnings" sh -c "test \$(grep -c warning $T/sum.err) -eq 2"
check "a value that rounds to zero has no sign" sh -c "$FOLIO render --dump $D/sum.xml 2>/dev/null | grep -q 'tag=[0-9]* \"0,0\"' && ! $FOLIO render --dump $D/sum.xml 2>/dev/null | grep -q '\"[-+]0,0\"'"
check "the seed's own inconsistencies, and only they" sh -c "$FOLIO check $D/resultat.xml 2>$T/res.err; test \$(grep -c warning $T/res.err) -eq 2 && grep -q 'resultat.csv:18:73: .*says -35,0, but \[Prognos 2024\] - \[Budget 2024\] gives 35,0' $T/res.err"

# a table that cannot fit
check "a table too wide is an error" sh -c "! $FOLIO check $D/wide.xml 2>$T/wide.err"
check "naming the table, its line and by how much" grep -q 'wide.xml:5:5: error: table "bred" is [0-9.]* pt ([0-9.]* mm) wider than' "$T/wide.err"

# two header rows with a corner cell and column groups, from the seed's 5.3
check "grouped header renders, computed changes agree with the data" sh -c "$FOLIO check $D/grouped.xml 2>$T/grp.err && ! test -s $T/grp.err"
check "grouped header: group, corner and sub-column texts" sh -c "$FOLIO render --dump $D/grouped.xml >$T/grp.dump && grep -q '\"Förändring\"' $T/grp.dump && grep -q '\"Yrkesgrupp/\"' $T/grp.dump && test \$(grep -c '\"Kvinnor\"' $T/grp.dump) -eq 3"
check "grouped header: a rule under each of the three groups" sh -c "test \$(awk '/^  rule/ && \$4 ~ /^w=1[0-9][0-9]\\./' $T/grp.dump | wc -l) -eq 3"

# landscape: the table on a turned page of its own, the text after it upright
check "landscape table renders" sh -c "$FOLIO render --dump $D/landscape.xml >$T/land.dump"
check "its page is turned" sh -c "grep -q '^page 2 841.89x595.28' $T/land.dump"
check "the text after it is upright" sh -c "grep -q '^page 3 595.28x841.89' $T/land.dump"
check "the footer sits on the turned page" sh -c "sed -n '/^page 2/,/^page 3/p' $T/land.dump | grep -q 'text .* 552.76 .*\"2 (3)\"'"

check "a number that does not parse is reported at its cell, and only it" sh -c \
	"$FOLIO check $D/badnum.xml 2>$T/bn.err; test \$? -eq 0 && grep -q 'badnum.csv:3:3: warning: \"12,3a\" in the column of numbers \"Utfall\" is not a number' $T/bn.err && test \$(grep -c warning $T/bn.err) -eq 1"

# small tables at every height of the page: a split never leaves one row alone
{
	echo '<?xml version="1.0" encoding="UTF-8"?><report><meta><title>Rader</title></meta>'
	echo '<section id="k"><title>Kapitel</title>'
	i=1
	while [ $i -le 40 ]; do
		echo "<section id=\"s$i\"><title>Avsnitt $i</title><p>"
		j=0; while [ $j -lt $((i % 7 * 9 + 3)) ]; do printf 'ord '; j=$((j + 1)); done
		echo '</p><table><column name="Post"/><column name="Belopp"/>'
		k=1; while [ $k -le 5 ]; do echo "<row><cell>Rad $k</cell><cell>$k</cell></row>"; k=$((k + 1)); done
		echo '</table></section>'
		i=$((i + 1))
	done
	echo '</section></report>'
} >"$T/rows.xml"
check "forty small tables render" sh -c "$FOLIO render --dump $T/rows.xml >$T/rows.dump"
check "a split table keeps two rows on each side" awk -f tests/table/rows.awk "$T/rows.dump"

# tagging: column headers and the label column as row headers
check "result table renders to PDF" $FOLIO render $D/resultat.xml -o $T/res.pdf
check "column headers are TH with Scope Column" sh -c "pdfinfo -struct-text $T/res.pdf | grep -q '/Scope /Column'"
check "row labels are TH with Scope Row" sh -c \
	"pdfinfo -struct-text $T/res.pdf | grep -A1 '/Scope /Row' | grep -q 'Regionkansliet'"
finish
