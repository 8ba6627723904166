#!/usr/bin/env python3
"""Checks the example GitHub Actions workflows (examples/ci/*.yml): each parses
as YAML, runs on a schedule with a valid five-field cron, and has the steps
the README promises: check out, restore the store from actions/cache,
install the .deb, run `scholard sync`, commit and push the changed page.
Usage: scripts/check-workflow.py FILE...   Exit status 1 on the first problem."""
import re
import sys

import yaml


def check(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    # YAML 1.1 reads the bare key `on` as the boolean true.
    triggers = doc.get("on", doc.get(True))
    if not isinstance(triggers, dict) or not triggers.get("schedule"):
        return "no on.schedule"
    for entry in triggers["schedule"]:
        fields = str(entry.get("cron", "")).split()
        if len(fields) != 5 or not all(re.fullmatch(r"[0-9*/,-]+", f) for f in fields):
            return "bad cron %r" % entry.get("cron")
    steps = [s for job in doc["jobs"].values() for s in job.get("steps", [])]
    uses = [s.get("uses", "") for s in steps]
    runs = "\n".join(s.get("run", "") for s in steps)
    wanted = {
        "actions/checkout": any(u.startswith("actions/checkout@") for u in uses),
        "actions/cache": any(u.startswith("actions/cache@") for u in uses),
        "install the .deb": re.search(r"apt-get install .*\.deb", runs) is not None,
        "scholard sync": re.search(r"scholard .*sync", runs) is not None,
        "git commit and push": "git commit" in runs and "git push" in runs,
    }
    missing = [k for k, ok in wanted.items() if not ok]
    if missing:
        return "missing steps: " + ", ".join(missing)
    return None


def main(paths):
    if not paths:
        print("usage: check-workflow.py FILE...", file=sys.stderr)
        return 2
    for path in paths:
        problem = check(path)
        if problem:
            print("%s: %s" % (path, problem), file=sys.stderr)
            return 1
        print("  %s: ok (scheduled, cache, install, sync, commit)" % path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
