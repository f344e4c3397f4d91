#!/usr/bin/env python3
"""Peer for the hierarchy-lens benchmark: the lens as an analyst would compute it with Python +
networkx from an HR export and a decision matrix.

usage: nx_lens.py EXPORT.csv [--domains K]

The decision data is the one bench/lens.py gives Kader (examples/lens_bench.rs): K domains, each
with an entry for every department at level `(sum of the name's UTF-8 bytes + 3 * domain) % 7 + 1`.
The rules are those of src/lens.rs, for what an HR export holds (no accountabilities, no owner
teams): per reporting line R -> M, every domain of R's department votes (1-3 control, 4
coordination, 5-7 support) unless R leads the department (one of its direct reports is in it);
M with exactly one report votes control; a tie goes to the more controlling class; more than 15
reports caps support at coordination. Prints JSON: load and lens seconds, the class counts.
"""
from __future__ import annotations

import csv
import json
import sys
import time

import networkx as nx

WIDE_SPAN = 15
ORDER = ("control", "coordination", "support")


def level_for(name: str, domain: int) -> int:
    return (sum(name.encode("utf-8")) + 3 * domain) % 7 + 1


def vote(level: int) -> str:
    return "control" if level <= 3 else "coordination" if level == 4 else "support"


def main() -> None:
    path = sys.argv[1]
    k = int(sys.argv[sys.argv.index("--domains") + 1]) if "--domains" in sys.argv else 4
    t0 = time.perf_counter()
    g = nx.DiGraph()
    dept: dict[str, str] = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            e = row["Employee ID"].strip()
            dept[e] = row["Department"].strip()
            g.add_node(e)
            m = row["Manager ID"].strip()
            if m:
                g.add_edge(e, m)
    t1 = time.perf_counter()

    levels = {d: [level_for(d, i) for i in range(k)] for d in set(dept.values())}
    counts = {"support": 0, "coordination": 0, "control": 0, "unclassified": 0}
    for r, m in g.edges():
        span = g.in_degree(m)
        leads = any(dept[x] == dept[r] for x in g.predecessors(r))
        votes = {c: 0 for c in ORDER}
        if not leads:
            for level in levels[dept[r]]:
                votes[vote(level)] += 1
        if span == 1:
            votes["control"] += 1
        top = max(votes.values())
        if top == 0:
            cls = "unclassified"
        else:
            cls = next(c for c in ORDER if votes[c] == top)
            if cls == "support" and span > WIDE_SPAN:
                cls = "coordination"
        counts[cls] += 1
    t2 = time.perf_counter()
    print(json.dumps({"load_s": t1 - t0, "lens_s": t2 - t1, "hierarchy": counts}))


if __name__ == "__main__":
    main()
