#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Proves that check-layout.sh catches what it is for: on a copy of the tree,
# each planted violation must make it fail and name the line; the tree as it
# is must pass.
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fails=0

# A copy of the sources the checker reads (only *.c and *.h: the fuzz corpus
# beside them is thousands of files).
fresh() {
	rm -rf "$tmp/t" && mkdir "$tmp/t" &&
	(cd "$src" && find util lang netns actions engine report cli tests -name '*.[ch]' | tar -cf - -T - | tar -xf - -C "$tmp/t")
}

# add FILE LINE: puts LINE at the top of FILE in the copy.
add() {
	printf '%s\n' "$2" | cat - "$tmp/t/$1" >"$tmp/x" && mv "$tmp/x" "$tmp/t/$1"
}

# plant FILE LINE EXPECTED-TEXT: adds LINE at the top of FILE in the copy (a
# fresh one unless KEEP is set) and checks that the checker fails saying
# EXPECTED-TEXT.
plant() {
	[ -n "${KEEP:-}" ] || fresh || exit 2
	add "$1" "$2"
	if out=$(sh "$here/check-layout.sh" "$tmp/t" 2>&1); then
		echo "layout selftest: NOT caught: $2 in $1"
		fails=$((fails + 1))
	elif ! printf '%s\n' "$out" | grep -qF -- "$3"; then
		echo "layout selftest: caught, but without \"$3\": $out"
		fails=$((fails + 1))
	else
		echo "layout selftest: caught $2 in $1"
	fi
}

fresh || exit 2
if ! sh "$here/check-layout.sh" "$tmp/t" >/dev/null; then
	echo "layout selftest: the unchanged copy fails"
	fails=$((fails + 1))
fi
plant lang/case.c '#include "engine/runner.h"' "lang/case.c:1: lang must not include engine/runner.h"
plant report/text.c '#include "engine/runner.h"' "report/text.c:1: report must not include engine/runner.h"
plant netns/nl.c '#include "lang/case.h"' "netns/nl.c:1: netns must not include lang/case.h"
plant actions/freezer.c '#include "lang/parser.h"' "actions must not include lang/parser.h"
fresh || exit 2
add util/undo.c '#include "util/clock.h"'
KEEP=1 plant util/clock.c '#include "util/undo.h"' "a cycle between modules"
[ "$fails" -eq 0 ] || exit 1
