# Machine-checkable PDF/UA-1 rules over a PDF rewritten by
# `qpdf --qdf --object-streams=disable` (uncompressed, one operator per line,
# "%% Contents for page N" before each content stream).  Prints one line per
# violation (at most 20 per rule) and exits 1 if there was any.
#   rule=content  every painting operator (text, fill, stroke, shading,
#                 image) lies inside a marked-content sequence (BDC/BMC …
#                 EMC), and the sequences balance on every page
#   rule=elems    every Figure and Formula has /Alt, every TH a /Scope, every
#                 Link annotation /Contents, /StructParent and the print
#                 flag, every page with annotations /Tabs /S; the catalog has
#                 /Lang, /MarkInfo Marked true, DisplayDocTitle and a
#                 StructTreeRoot with a ParentTree
function bad(msg) {
	nbad++
	if (nbad <= 20)
		print FILENAME ": " msg
}

# --- rule=content
rule == "content" && /^%% Contents for page / {
	page = $5
	incontent = 0
	want = 1
	next
}
rule == "content" && want && $0 == "stream" {
	incontent = 1
	want = 0
	depth = 0
	next
}
rule == "content" && incontent && $0 == "endstream" {
	if (depth != 0)
		bad("page " page ": " depth " marked-content sequence(s) left open")
	incontent = 0
	next
}
rule == "content" && incontent {
	op = $NF
	if (op == "BDC" || op == "BMC")
		depth++
	else if (op == "EMC") {
		depth--
		if (depth < 0) {
			bad("page " page ": EMC without BDC")
			depth = 0
		}
	} else if (depth == 0 && op ~ /^(TJ|Tj|'|"|f|f\*|F|S|s|B|B\*|b|b\*|sh|Do|BI)$/) {
		bad("page " page ": untagged content: " substr($0, 1, 60))
	}
	next
}

# --- rule=elems: collect each object's dictionary text
rule == "elems" && /^[0-9]+ 0 obj$/ {
	obj = ""
	inobj = 1
	next
}
rule == "elems" && inobj && ($0 == "endobj" || $0 == "stream") {
	inobj = 0
	check(obj)
	next
}
rule == "elems" && inobj {
	obj = obj $0 "\n"
	next
}

function check(o) {
	if (o ~ /\/Type \/StructElem/) {
		nelem++
		if (o ~ /\/S \/(Figure|Formula)\n/ && o !~ /\/Alt /)
			bad("Figure or Formula without /Alt")
		if (o ~ /\/S \/TH\n/ && o !~ /\/Scope \/(Row|Column|Both)/)
			bad("TH without /Scope")
	}
	if (o ~ /\/Subtype \/Link/) {
		nlink++
		if (o !~ /\/Contents /)
			bad("Link annotation without /Contents")
		if (o !~ /\/StructParent [0-9]/)
			bad("Link annotation without /StructParent")
		if (o !~ /\/F 4\n/)
			bad("Link annotation without the print flag /F 4")
	}
	if (o ~ /\/Type \/Page\n/ && o ~ /\/Annots/ && o !~ /\/Tabs \/S/)
		bad("page with annotations but no /Tabs /S")
	if (o ~ /\/Type \/Catalog/) {
		cat = 1
		if (o !~ /\/Lang \([A-Za-z]/)
			bad("catalog without /Lang")
		if (o !~ /\/Marked true/)
			bad("catalog without /MarkInfo << /Marked true >>")
		if (o !~ /\/DisplayDocTitle true/)
			bad("catalog without /ViewerPreferences << /DisplayDocTitle true >>")
		if (o !~ /\/StructTreeRoot [0-9]/)
			bad("catalog without /StructTreeRoot")
	}
	if (o ~ /\/Type \/StructTreeRoot/ && o !~ /\/ParentTree [0-9]/)
		bad("StructTreeRoot without /ParentTree")
}

END {
	if (rule == "elems" && !cat)
		bad("no catalog found")
	if (rule == "elems" && !nelem)
		bad("no structure elements")
	exit nbad > 0
}
