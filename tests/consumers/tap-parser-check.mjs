// SPDX-License-Identifier: GPL-2.0-only
// Feeds TAP streams through node's tap-parser in strict mode (any line that
// is not TAP is an error) and checks for each the top-level counts (case
// files), the counts of the subtests (variants) summed over every block, as
// kunit_parser counts them, that nothing failed to parse at either level,
// and that no two top-level results share a name.
// Usage: node tap-parser-check.mjs LIST
// LIST has a line per stream, its fields tab-separated (check.sh writes it):
//   FILE TESTS PASSED FAILED SKIPPED SUB_PASSED SUB_FAILED SUB_SKIPPED [PLAN_SKIP]
// PASSED counts the skipped tests too, SUB_PASSED does not. Every stream is
// checked, each failure on a line naming its file; exits 1 when any failed.
// One node for all streams: its start cost more than the parsing. tap-parser
// is found in $TAP_PARSER_DIR (its node_modules), by default the current
// folder.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(pathToFileURL((process.env.TAP_PARSER_DIR ?? process.cwd()) + '/'));
// Its CommonJS build, which the package builds from the same source as its
// ES module one: node loads it in about two thirds of the CPU time.
const { Parser } = require('tap-parser');

// Checks one stream; returns whether it parsed as expected.
function check(file, tests, passed, failed, skipped, subPassed, subFailed, subSkipped, planSkip) {
	const names = new Map();
	const sub = { pass: 0, fail: 0, skip: 0, errors: [] };
	let ok;
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
		ok = !bad.length;
		if (!ok) {
			console.error(`tap-parser-check: ${file}: ${bad.join(', ')}`);
			return;
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
	// The parser completes within end(): a stream it never completed is
	// no result at all.
	if (ok === undefined)
		console.error(`tap-parser-check: ${file}: the parser did not complete`);
	return ok === true;
}

for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
	if (!line)
		continue;
	const args = line.split('\t');
	try {
		if (!check(...args))
			process.exitCode = 1;
	} catch (e) { // that stream's failure, not the others'
		console.error(`tap-parser-check: ${args[0]}: ${e.stack ?? e}`);
		process.exitCode = 1;
	}
}
