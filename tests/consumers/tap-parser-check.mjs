// SPDX-License-Identifier: GPL-2.0-only
// Feeds a TAP stream through node's tap-parser in strict mode (any line that
// is not TAP is an error) and checks the top-level counts (case files), the
// counts of the subtests (variants) summed over every block, as
// kunit_parser counts them, that nothing
// failed to parse at either level, and that no two top-level results share
// a name.
// Usage: node tap-parser-check.mjs FILE TESTS PASSED FAILED SKIPPED
//            SUB_PASSED SUB_FAILED SUB_SKIPPED [PLAN_SKIP]
// PASSED counts the skipped tests too, SUB_PASSED does not. tap-parser is
// found in $TAP_PARSER_DIR (its node_modules), by default the current folder.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [file, tests, passed, failed, skipped, subPassed, subFailed, subSkipped, planSkip] = process.argv.slice(2);
const require = createRequire(pathToFileURL((process.env.TAP_PARSER_DIR ?? process.cwd()) + '/'));
const { Parser } = await import(pathToFileURL(require.resolve('tap-parser')).href);

const names = new Map();
const sub = { pass: 0, fail: 0, skip: 0, errors: [] };
const parser = new Parser({ strict: true }, r => {
	const bad = [];
	const want = { count: +tests, pass: +passed, fail: +failed, skip: +skipped };
	for (const [k, v] of Object.entries(want))
		if (r[k] !== v)
			bad.push(`${k} ${r[k]}, expected ${v}`);
	for (const f of r.failures)
		if (f.tapError)
			bad.push(`parse error: ${f.tapError}${f.data ? ': ' + JSON.stringify(f.data) : ''}`);
	const wantSub = { pass: +subPassed, fail: +subFailed, skip: +subSkipped };
	for (const [k, v] of Object.entries(wantSub))
		if (sub[k] !== v)
			bad.push(`subtests ${k} ${sub[k]}, expected ${v}`);
	bad.push(...sub.errors);
	for (const [n, k] of names)
		if (k > 1)
			bad.push(`${k} results named ${JSON.stringify(n)}`);
	if (planSkip && !r.plan.skipAll)
		bad.push('no skip-all plan');
	if (bad.length) {
		console.error(`tap-parser-check: ${file}: ${bad.join(', ')}`);
		process.exit(1);
	}
	console.log(`tap-parser-check: ${file}: strict, ${r.count} tests: ${r.pass} passed, ${r.fail} failed, ` +
		    `${r.skip} skipped; subtests: ${sub.pass} passed, ${sub.fail} failed, ${sub.skip} skipped`);
});
// A top-level result without a block of its own (a malformed file) is a
// subtest of its own, as kunit_parser counts it.
let inBlock = false;
parser.on('assert', a => {
	names.set(a.name, (names.get(a.name) ?? 0) + 1);
	if (!inBlock) {
		sub.skip += a.skip ? 1 : 0;
		sub.pass += a.ok && !a.skip ? 1 : 0;
		sub.fail += a.ok ? 0 : 1;
	}
	inBlock = false;
});
parser.on('child', child => (inBlock = true) && child.on('complete', c => {
	sub.pass += c.pass - c.skip;
	sub.fail += c.fail;
	sub.skip += c.skip;
	for (const f of c.failures)
		if (f.tapError)
			sub.errors.push(`parse error in ${child.name}: ${f.tapError}`);
}));
parser.end(readFileSync(file));
