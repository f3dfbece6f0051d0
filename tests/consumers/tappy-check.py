#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Feeds TAP streams through tap.py (Debian's python3-tap), as its own
runner does: the Loader applies tap.py's rules (the version on line 1, the
plan on line 2 or last, the plan's count; a broken rule becomes a failing
test) and makes one unittest per result line. Runs them and checks the
counts, and that no two results share a description (tap.py cuts a
description at its first '#').
Usage: tappy-check.py LIST
LIST has a line per stream, its fields tab-separated (check.sh writes it):
    FILE TESTS PASSED FAILED SKIPPED
PASSED counts the skipped tests too, as prove and tap-parser do; a skip-all
plan ("1..0 # SKIP") is one skipped test to tap.py. Every stream is checked,
each failure on a line naming its file; exits 1 when any failed, and 77,
saying nothing (check.sh names the missing consumer), when tap.py is not
installed. One interpreter for all streams: a start of python3 with tap.py
cost more than the check."""
import sys

from each_listed import check_each
import unittest

try:
    from tap.loader import Loader
except ImportError:
    sys.exit(77)


def check(path, tests, passed, failed, skipped):
    tests, passed, failed, skipped = map(int, (tests, passed, failed, skipped))
    suite = Loader().load_suite_from_file(path)
    names = [test.shortDescription() for test in suite]
    result = unittest.TestResult()
    suite.run(result)
    problems = result.failures + result.errors
    got = (result.testsRun, result.testsRun - len(problems), len(problems), len(result.skipped))
    bad = [f"{what} {n}, expected {want}" for what, n, want in
           zip(("tests", "passed", "failed", "skipped"), got, (tests, passed, failed, skipped)) if n != want]
    seen = set()
    for name in names:
        if name in seen:
            bad.append(f"duplicate description {name!r}")
        seen.add(name)
    if bad:
        for test, _ in problems:
            print(f"tappy-check: {path}: not ok: {test.shortDescription()}", file=sys.stderr)
        print(f"tappy-check: {path}: " + ", ".join(bad), file=sys.stderr)
        return False
    print(f"tappy-check: {path}: {got[0]} tests: {got[1]} passed, {got[2]} failed, {got[3]} skipped")
    return True


check_each("tappy-check", sys.argv[1], check)
