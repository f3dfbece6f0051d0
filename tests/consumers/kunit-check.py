#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Feeds KTAP streams through the kernel's own parser, kunit_parser.py
(tools/testing/kunit/, taken from Debian's linux-source package by
`make consumers-deps`), as `kunit.py parse` does, and checks for each its
counts over the leaf tests (one per variant), that it met no parse error,
read the plan, found no two results of one test with the same name, and the
run's status.
Usage: kunit-check.py KUNIT_DIR LIST
LIST has a line per stream, its fields tab-separated (check.sh writes it):
    FILE PASSED FAILED SKIPPED STATUS
PASSED does not count the skipped tests (kunit_parser counts them apart);
crashed and timed-out variants are FAILED (kunit_parser's "crashed" means a
result line it could not find). STATUS is kunit_parser's name for the run:
SUCCESS, FAILURE, SKIPPED or NO_TESTS (a skip-all plan: kselftest's
"1..0 # SKIP" reads so too, with the one error "0 tests run!").
Every stream is checked, each failure on a line naming its file; exits 1
when any failed. One interpreter for all, as in tappy-check.py."""
import contextlib
import io
import sys

from each_listed import check_each


def check(kunit_parser, kunit_printer, path, passed, failed, skipped, status):
    passed, failed, skipped = map(int, (passed, failed, skipped))
    # Its printer holds the sys.stdout of import time: give it ours.
    log = io.StringIO()
    kunit_printer.stdout._output = log
    with open(path, errors="backslashreplace") as f, contextlib.redirect_stdout(log):
        test = kunit_parser.parse_run_tests(f.readlines())
    c = test.counts
    want_errors = 1 if status == "NO_TESTS" else 0
    bad = [f"{what} {n}, expected {want}" for what, n, want in
           (("passed", c.passed, passed), ("failed", c.failed, failed), ("skipped", c.skipped, skipped),
            ("crashed", c.crashed, 0), ("errors", c.errors, want_errors)) if n != want]
    if test.status.name != status:
        bad.append(f"status {test.status.name}, expected {status}")
    # The plan is read only right after the version line: elsewhere it
    # is taken for a diagnostic, and a missing result would go unseen.
    if test.expected_count is None:
        bad.append("no plan after the version line")
    elif test.expected_count != len(test.subtests):
        bad.append(f"plan {test.expected_count}, {len(test.subtests)} results")
    for parent in [test] + test.subtests:
        names = {}
        for t in parent.subtests:
            names[t.name] = names.get(t.name, 0) + 1
        bad += [f"{n} results named {name!r} in {parent.name!r}" for name, n in names.items() if n > 1]
    if bad:
        sys.stderr.write(log.getvalue())
        print(f"kunit-check: {path}: " + ", ".join(bad), file=sys.stderr)
        return False
    print(f"kunit-check: {path}: {test.status.name}: {c.passed} passed, {c.failed} failed, {c.skipped} skipped")
    return True


def main():
    kdir, listing = sys.argv[1], sys.argv[2]
    sys.path.insert(0, kdir)
    import kunit_parser
    import kunit_printer
    check_each("kunit-check", listing, lambda *args: check(kunit_parser, kunit_printer, *args))


main()
