#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Checks the direction of every #include "..." in the tree against
# docs/ARCHITECTURE.md: which part may use which, and no cycle between
# modules (a module is x.c with its x.h). Prints one line per violation and
# exits 1 when there is any. Usage: check-layout.sh [ROOT]
root=${1:-.}
cd "$root" || exit 2

# The parts, bottom first, and the parts each may include besides itself.
allowed() {
	case $1 in
	util)    echo "" ;;
	lang)    echo "util" ;;
	netns)   echo "util" ;;
	actions) echo "util lang netns" ;;
	report)  echo "util lang" ;;
	engine)  echo "util lang netns actions report" ;;
	cli)     echo "util lang netns actions report engine" ;;
	tests|fuzz) echo "util lang netns actions report engine cli tests" ;;
	*)       echo "?" ;;
	esac
}
# Headers of the language that only the language itself may include: the
# actions act on a parsed step and never parse.
private_to_lang='lang/parser.h lang/lexer.h lang/parse_util.h lang/parse_expect.h lang/parse_directives.h'

bad=0
edges=$(mktemp) || exit 2
trap 'rm -f "$edges" "$edges.out"' EXIT
# One awk over every file (a fork per include line costs minutes on a loaded
# machine): the violations go to stdout, the module edges to $edges.
files=$(find util lang netns actions report engine cli tests -name '*.[ch]' 2>/dev/null | sort)
[ -z "$files" ] || awk -v edges="$edges" -v private="$private_to_lang" \
	-v rules="$(for p in util lang netns actions report engine cli tests fuzz; do printf '%s=%s;' "$p" "$(allowed "$p")"; done)" '
	BEGIN {
		n = split(rules, r, ";")
		for (i = 1; i <= n; i++)
			if (r[i] != "") { k = index(r[i], "="); ok[substr(r[i], 1, k - 1)] = substr(r[i], k + 1) }
	}
	FNR == 1 { part = FILENAME; sub(/\/.*/, "", part); may = (part in ok) ? ok[part] : "?" }
	/^[[:space:]]*#[[:space:]]*include[[:space:]]*"/ {
		inc = $0; sub(/^[^"]*"/, "", inc); sub(/".*/, "", inc)
		to = inc; sub(/\/.*/, "", to)
		if (to == inc) { print FILENAME ":" FNR ": include \"" inc "\" without its part'"'"'s folder"; next }
		if (to != part && index(" " may " ", " " to " ") == 0)
			print FILENAME ":" FNR ": " part " must not include " inc " (" part " may use: " (may == "" ? "nothing else" : may) ")"
		if (part == "actions" && index(" " private " ", " " inc " ") != 0)
			print FILENAME ":" FNR ": actions must not include " inc " (they act on a parsed step, never parse)"
		if (part != "tests") {
			from = FILENAME; sub(/\.[ch]$/, "", from)
			mod = inc; sub(/\.h$/, "", mod)
			print from " " mod >edges
		}
	}' $files >"$edges.out"
if [ -s "$edges.out" ]; then cat "$edges.out"; bad=1; fi
rm -f "$edges.out"

# Cycles between modules: tsort names the modules of each loop it finds.
loops=$(awk '$1 != $2' "$edges" | sort -u | tsort 2>&1 >/dev/null | awk '
	/input contains a loop/ { if (l != "") print l; l = ""; next }
	{ sub(/^tsort: /, ""); l = (l == "" ? $0 : l " -> " $0) }
	END { if (l != "") print l }')
if [ -n "$loops" ]; then
	printf '%s\n' "$loops" | while IFS= read -r l; do
		echo "a cycle between modules: $l -> ${l%% *}"
	done
	bad=1
fi
exit $bad
