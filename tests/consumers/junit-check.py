#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Reads JUnit files with junitparser (Debian's python3-junitparser), the
library CI tools in Python read JUnit with, and checks what it finds in
each: the testcases' results counted by kind, the suite's own counts
agreeing with them, no two testcases with the same classname and name, and
the run's record (timestamp, hostname, the kernel and nsfault versions).
Usage: junit-check.py LIST
LIST has a line per file, its fields tab-separated (check.sh writes it):
    FILE TESTS FAILURES ERRORS SKIPPED
Every file is checked, each failure on a line naming it; exits 1 when any
failed, and 77, saying nothing (check.sh names the missing consumer), when
junitparser is not installed. One interpreter for all, as in
tappy-check.py."""
import sys

from each_listed import check_each

try:
    from junitparser import Error, Failure, JUnitXml, Skipped
except ImportError:
    sys.exit(77)


def check(path, *counts):
    want = dict(zip(("tests", "failures", "errors", "skipped"), map(int, counts)))
    xml = JUnitXml.fromfile(path)
    got = dict.fromkeys(want, 0)
    bad, ids = [], set()
    for suite in xml:
        kinds = dict.fromkeys(want, 0)
        for case in suite:
            kinds["tests"] += 1
            for r in case.result:
                kinds["failures"] += isinstance(r, Failure)
                kinds["errors"] += isinstance(r, Error)
                kinds["skipped"] += isinstance(r, Skipped)
            key = (case.classname, case.name)
            if key in ids:
                bad.append(f"two testcases {key}")
            ids.add(key)
        for k, n in kinds.items():
            if getattr(suite, k) != n:
                bad.append(f"suite {suite.name}: {k}={getattr(suite, k)} but {n} testcases say so")
            got[k] += n
        props = {p.name: p.value for p in suite.properties()}
        bad += [f"suite {suite.name}: no {what}" for what, v in
                (("timestamp", suite.timestamp), ("hostname", suite.hostname), ("time", suite.time),
                 ("kernel.release property", props.get("kernel.release")),
                 ("nsfault.version property", props.get("nsfault.version"))) if v in (None, "")]
    bad += [f"{k} {got[k]}, expected {n}" for k, n in want.items() if got[k] != n]
    if bad:
        print(f"junit-check: {path}: " + ", ".join(bad), file=sys.stderr)
        return False
    print(f"junit-check: {path}: {got['tests']} testcases: {got['failures']} failures, {got['errors']} errors, "
          f"{got['skipped']} skipped")
    return True


check_each("junit-check", sys.argv[1], check)
