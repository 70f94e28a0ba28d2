#!/bin/sh
# <include> through the CLI: the fixture (tests/include/main.xml takes parts
# of namnd/report.xml, whose data lie in namnd/data/) prints the other
# report's figures and counts; cycles, a missing report, an unknown id, a
# reference out of the part and a doubled id are errors at the <include>'s
# file:line:column; and the composed example
# examples/region-sammanstallning-2024 prints the same result-table rows and
# goal-summary rows as the three nämnd examples, by pdftotext of both.
cd "$(dirname "$0")/.." || exit 3
. tests/lib.sh

I=tests/include
SAM=examples/region-sammanstallning-2024/report.xml

check "fixture renders" $FOLIO render $I/main.xml -o $T/main.pdf
pdftotext -layout $T/main.pdf $T/main.txt 2>/dev/null
# white space squeezed, so that column gaps do not matter
tr -d '\f' <$T/main.txt 2>/dev/null | tr -s ' \t' '  ' >$T/main.sq
check "included table's figures (data from namnd/data/)" \
	grep -q '^Verksamhetens intäkter 1 234,5 1 200,0$' $T/main.sq
check "included table's total row" grep -q '^Resultat 246,9 190,0$' $T/main.sq
check "included chapter numbered here, heading given here" grep -q '^3 Nämndens ekonomi$' $T/main.sq
check "reference inside the part follows its section" \
	grep -q '^Resultatet redovisas i avsnitt 3.1.$' $T/main.sq
check "own reference to the included chapter" grep -q 'ekonomi står i avsnitt 3.$' $T/main.sq
check "heading around an included goal summary" grep -q '^2.1 Nämndens mål$' $T/main.sq
check "included goal summary counts the other report's goals" \
	sh -c "grep -c '^Effektmål (6 st) 2 2 2$' $T/main.sq | grep -qx 2"
check "own goal summary counts own and included goal blocks" \
	grep -q '^Effektmål (5 st) 2 2 1$' $T/main.sq
check "an included goal block keeps its section filter" \
	sh -c "grep -c '^Effektmål 3. Ett mål i ett annat avsnitt.' $T/main.sq | grep -qx 1"
check "included chart drawn from the other report's CSV" grep -q '^Besök per år$' $T/main.sq

# errors: exit status 1 and the message at the <include>
err() {
	desc=$1 file=$2 want=$3
	check "$desc: exit 1" sh -c "! $FOLIO render $I/$file -o $T/e.pdf 2>$T/e.txt"
	check "$desc: message" grep -qF "$want" $T/e.txt
}
err "cycle A→B→A" cycle-a.xml \
	"$I/cycle-b.xml:8:3: error: this include makes a cycle: $I/cycle-a.xml → $I/cycle-b.xml → $I/cycle-a.xml"
check "cycle A→B→A: note at A's include" grep -qF "$I/cycle-a.xml:6:5: note:" $T/e.txt
err "cycle A→A" self.xml "$I/self.xml:8:3: error: this include makes a cycle"
err "missing report" missing.xml "$I/missing.xml:4:3: error: cannot include $I/finns-inte/report.xml"
err "unknown id" unknown-ref.xml "$I/unknown-ref.xml:5:3: error: $I/namnd/report.xml has no element with the id \"finns-inte\""
err "reference out of the part" outward-ref.xml "$I/outward-ref.xml:4:3: error: the part \"hanvisning\" refers to \"ekonomi\""
err "doubled id" dup-id.xml "$I/dup-id.xml:5:3: error: the id \"resultat\" is used twice"

# the composed example against the nämnd examples
check "composed example renders" $FOLIO render $SAM -o $T/sam.pdf
pdftotext -layout $T/sam.pdf $T/sam.txt 2>/dev/null

# the numbers of each row of a result table, one row a line: the lines
# after the first line reading CAPTION that comes after a line reading
# AFTER (a heading, not its line in the contents), up to a line holding
# STOP or MAX rows (0: no limit)
rows() { # text after caption stop max
	awk -v after="$2" -v cap="$3" -v stop="$4" -v max="$5" '
		{ line = $0; sub(/^[ \t\f]+/, "", line); sub(/[ \t]+$/, "", line) }
		!seen && (after == "" || line == after) { seen = 1 }
		seen && !on && line == cap { on = 1; next }
		!on { next }
		stop != "" && index(line, stop) { exit }
		{
			s = line; out = ""
			while (match(s, /(-|−)?[0-9]+( [0-9][0-9][0-9])*[,.][0-9]+/)) {
				out = out (out == "" ? "" : "|") substr(s, RSTART, RLENGTH)
				s = substr(s, RSTART + RLENGTH)
			}
			if (out != "") { print out; if (max > 0 && ++n == max) exit }
		}' "$1"
}
# the goal summary rows "Kind (N st) a b c" of a text after a line reading AFTER
sums() { # text after
	tr -d '\f' <"$1" | tr -s ' \t' '  ' | awk -v after="$2" '
		{ sub(/^ +/, "") }
		!seen && (after == "" || $0 == after) { seen = 1 }
		seen && /\([0-9]+ st\) [0-9]+ [0-9]+ [0-9]+ ?$/ { print; if (++n == 3) exit }'
}

same() { # name example caption heading-in-composed
	name=$1 ex=examples/$2/report.xml cap=$3 head=$4
	check "$name renders" $FOLIO render $ex -o $T/$2.pdf
	pdftotext -layout $T/$2.pdf $T/$2.txt 2>/dev/null
	rows $T/sam.txt "$head" "$cap" "Mål och uppdrag" 0 >$T/$2.sam
	n=$(wc -l <$T/$2.sam)
	rows $T/$2.txt "" "$cap" "" "$n" >$T/$2.own
	check "$name: result table has its rows in the composed report" test "$n" -ge 10
	check "$name: the same result-table rows" cmp $T/$2.sam $T/$2.own
	sums $T/sam.txt "$head" >$T/$2.ssam
	sums $T/$2.txt "" >$T/$2.sown
	check "$name: goal summary has rows" test "$(wc -l <$T/$2.ssam)" -ge 2
	check "$name: the same goal-summary rows" cmp $T/$2.ssam $T/$2.sown
}
same "regionstyrelsen" regionstyrelsen-delar-2024 "Resultatrapport regionstyrelsen" "3.1 Regionstyrelsen"
same "hälso- och sjukvårdsnämnden" hsn-delar-2023 "Resultatrapport" "3.2 Hälso- och sjukvårdsnämnden"
same "regional tillväxtnämnd" tillvaxtnamnd-delar-2024 "Resultatrapport" "3.3 Regional tillväxtnämnd"
check "regionstyrelsen: a known row" \
	grep -qx -- '-1 646,0|-1 723,9|77,9|-1 652,6|-2 926,8|-2 957,8|31,0|142,8' $T/regionstyrelsen-delar-2024.sam

finish
