# SPDX-License-Identifier: GPL-2.0-only
"""The loop the Python checkers share: one interpreter, every report that
check.sh listed."""
import sys
import traceback


def check_each(name, listing, check):
    """Calls check(*fields) for each line of the file listing (fields
    tab-separated). A line whose check raises is that report's failure, named,
    not the others'. Exits 1 when any check failed, else 0."""
    ok = True
    with open(listing) as entries:
        for line in entries:
            args = line.rstrip("\n").split("\t")
            try:
                ok = check(*args) and ok
            except Exception:
                traceback.print_exc()
                print(f"{name}: {args[0]}: could not be checked", file=sys.stderr)
                ok = False
    sys.exit(0 if ok else 1)
