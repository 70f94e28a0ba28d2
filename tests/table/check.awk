# Check table rules on the text dump of `folio render --dump`.
# Run as: awk -v rule=RULE [-v …] -f check.awk DUMP
# Rules:
#   header  -v head="A|B|C": every page from the one the table starts on has
#           the header texts as its first text boxes; tagged on the first
#           page, artifacts (tag=-1) on the pages after it
#   once    -v word=ord -v count=N: the words ord1 … ordN appear exactly
#           once each, in order
#   bottom  -v limit=Y: no tagged text has its baseline below Y
#   same    -v a=TEXT -v b=TEXT: the first boxes holding a and b are on one page
#   edge    -v lo=X -v hi=X: every number starting between lo and hi ends at
#           the same x (decimal alignment of numbers with equal decimals)
#   pages   -v min=N: at least N pages
# Prints what is wrong; exit 1 if anything is.
function unq(s) { sub(/^[^"]*"/, "", s); sub(/"$/, "", s); gsub(/\\"/, "\"", s); return s }
function field(line, key,   m) {
	if (match(line, " " key "=[^ ]*")) { m = substr(line, RSTART + length(key) + 2, RLENGTH - length(key) - 2); return m }
	return ""
}
/^page / { np++; next }
/^  text / {
	n++; P[n] = np; X[n] = $2 + 0; Y[n] = $3 + 0; W[n] = field($0, "w") + 0
	TAG[n] = field($0, "tag") + 0; TX[n] = unq($0)
	next
}
END {
	bad = 0
	if (rule == "header") {
		k = split(head, H, "|")
		first = start = 0
		for (i = 1; i < n && !first; i++) if (TX[i] == H[1] && TX[i + 1] == H[2]) { first = P[i]; start = i }
		if (!first) { print "header texts '" H[1] "', '" H[2] "' not found"; exit 1 }
		for (p = first; p <= np; p++) {
			# the first k text boxes of the page (on the first, from the header on)
			j = 0
			for (i = 1; i <= n; i++) {
				if (P[i] != p || (p == first && i < start)) continue
				j++
				if (j > k) break
				if (TX[i] != H[j]) { printf "page %d: header text %d is '%s', want '%s'\n", p, j, TX[i], H[j]; bad = 1 }
				if (p == first && TAG[i] < 0) { printf "page %d: first header is not tagged\n", p; bad = 1 }
				if (p > first && TAG[i] >= 0) { printf "page %d: repeated header '%s' is tagged\n", p, TX[i]; bad = 1 }
			}
			if (j < k) { printf "page %d: only %d header texts\n", p, j; bad = 1 }
		}
	} else if (rule == "once") {
		next_ = 1
		for (i = 1; i <= n; i++) {
			m = split(TX[i], ws, " ")
			for (q = 1; q <= m; q++) {
				w = ws[q]; sub(/-$/, "", w)
				if (w !~ "^" word "[0-9]+$") continue
				num = substr(w, length(word) + 1) + 0
				if (num != next_) { printf "page %d: %s%d where %s%d was expected\n", P[i], word, num, word, next_; bad = 1; next_ = num }
				next_++
			}
		}
		if (next_ != count + 1) { printf "the last word is %s%d, want %s%d\n", word, next_ - 1, word, count; bad = 1 }
	} else if (rule == "bottom") {
		for (i = 1; i <= n; i++)
			if (TAG[i] >= 0 && Y[i] > limit + 0.01) { printf "page %d: '%s' at y=%.2f is below %.2f\n", P[i], TX[i], Y[i], limit; bad = 1 }
	} else if (rule == "same") {
		pa = pb = 0
		for (i = 1; i <= n; i++) {
			if (!pa && index(TX[i], a)) pa = P[i]
			if (!pb && index(TX[i], b)) pb = P[i]
		}
		if (!pa || !pb) { print "text not found: '" a "' on " pa ", '" b "' on " pb; exit 1 }
		if (pa != pb) { printf "'%s' is on page %d but '%s' on page %d\n", a, pa, b, pb; bad = 1 }
	} else if (rule == "edge") {
		e = ""; c = 0
		for (i = 1; i <= n; i++) {
			if (X[i] < lo || X[i] > hi || TX[i] !~ /^[-+]?[0-9][^a-zA-Z]*$/) continue
			# the dump prints two decimals: allow its rounding
			r = X[i] + W[i]; c++
			if (e == "") e = r
			else if (r - e > 0.011 || e - r > 0.011) { printf "page %d: '%s' ends at %s, others at %s\n", P[i], TX[i], r, e; bad = 1 }
		}
		if (c < 2) { print "fewer than two numbers between " lo " and " hi; bad = 1 }
	} else if (rule == "pages") {
		if (np < min) { printf "%d pages, want at least %d\n", np, min; bad = 1 }
	} else {
		print "unknown rule " rule; exit 2
	}
	exit bad
}
