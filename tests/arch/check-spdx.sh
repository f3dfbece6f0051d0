#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Every source file says its licence in its first lines (an SPDX tag), so
# that each can be reused or packaged on its own. With --fix, adds the tag
# to the files that lack it. Exits 1 when a file lacks it (without --fix).
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
tag='SPDX-License-Identifier: GPL-2.0-only'
missing=0
files=$(git ls-files '*.c' '*.h' '*.sh' 'Makefile' '.ci/run' 'ci/*' 2>/dev/null | while read -r f; do [ -f "$f" ] && echo "$f"; done)
# The files with the tag in their first lines, in one awk (two forks a file
# took half a minute on a loaded machine); the others lack it.
tagged=$(mktemp) || exit 2
trap 'rm -f "$tagged"' EXIT
printf '%s\n' "$files" | tr '\n' '\0' | xargs -0 -r awk -v tag="$tag" \
	'FNR <= 3 && index($0, tag) { print FILENAME; nextfile }' | sort -u >"$tagged"
for f in $(printf '%s\n' "$files" | sort | comm -23 - "$tagged"); do
	if [ "${1:-}" != --fix ]; then
		echo "$f: no '$tag' in its first lines"
		missing=1
		continue
	fi
	case $f in
	*.c|*.h) { printf '/* %s */\n' "$tag"; cat "$f"; } >"$f.spdx" ;;
	*) if head -n 1 "$f" | grep -q '^#!'; then
		{ head -n 1 "$f"; printf '# %s\n' "$tag"; tail -n +2 "$f"; } >"$f.spdx"
	   else
		{ printf '# %s\n' "$tag"; cat "$f"; } >"$f.spdx"
	   fi ;;
	esac
	chmod --reference="$f" "$f.spdx" && mv "$f.spdx" "$f"
done
exit $missing
