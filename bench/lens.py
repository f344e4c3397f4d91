#!/usr/bin/env python3
"""The hierarchy lens's speed: Kader versus the peer (Python + networkx) on the same data.

usage: python3 bench/lens.py [--rounds R] [--quick] [--write]

1. Builds `kader` and the `lens_bench` example in release.
2. Generates seeded HR exports with bench/gen_hris.py (100,000 and 500,000 people; with --quick
   10,000 and 50,000) and imports each into a fresh workspace.
3. For each size, R rounds alternating: Kader (examples/lens_bench.rs: K=4 decision domains for
   every team, the full lens built 5 times, then 200 single changes with the lens updated after
   each) and the peer (bench/nx_lens.py: the same rules over a networkx graph of the export).
   The class counts of Kader, the peer, and Kader's fresh lens after its changes must agree; a
   disagreement stops the run (exit 2).
4. Prints the figures with the thresholds beside them — the full lens on 500,000 roles with
   decision data under 1 s (median), a single change's update on 100,000 roles under 10 ms (p99) —
   and the ratio peer lens time / Kader lens time. Exit 1 when a threshold is missed (not with
   --quick). `--write` writes bench/lens_results.json.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
MAX_BUILD_MS = 1000.0  # full lens, 500k roles with decision data, median
MAX_UPDATE_MS = 10.0  # one change's update at 100k roles, p99
DOMAINS = 4


def run(cmd: list[str]) -> str:
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stdout + p.stderr)
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}")
    return p.stdout


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    try:
        import networkx  # noqa: F401
    except ImportError:
        sys.exit("the peer needs networkx: pip install networkx")

    print("== building kader and examples/lens_bench in release ==", flush=True)
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "kader-cli", "--bin", "kader"], cwd=REPO, check=True)
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "kader", "--example", "lens_bench"], cwd=REPO, check=True)
    kader = REPO / "target" / "release" / "kader"
    bench = REPO / "target" / "release" / "examples" / "lens_bench"
    sizes = (10_000, 50_000) if a.quick else (100_000, 500_000)
    results: dict = {"domains": DOMAINS, "rounds": a.rounds, "sizes": {}}
    failed = []
    with tempfile.TemporaryDirectory(prefix="kader-lens-") as tmp:
        for n in sizes:
            csv = Path(tmp) / f"export-{n}.csv"
            ws = Path(tmp) / f"w-{n}.kader"
            run([sys.executable, str(BENCH / "gen_hris.py"), "--people", str(n), "--seed", "7", "--out", str(csv)])
            run([str(kader), "new", str(ws)])
            run([str(kader), "import", str(ws), str(csv)])
            print(f"\n== {n:,} roles, {DOMAINS} decision domains per team, {a.rounds} rounds ==", flush=True)
            kr, pr = [], []
            for i in range(a.rounds):
                k = json.loads(run([str(bench), str(ws), "--domains", str(DOMAINS), "--changes", "200"]))
                p = json.loads(run([sys.executable, str(BENCH / "nx_lens.py"), str(csv), "--domains", str(DOMAINS)]))
                if k["hierarchy"] != p["hierarchy"] or not k["incremental_equals_fresh"]:
                    print(f"DISAGREEMENT: kader {k['hierarchy']} peer {p['hierarchy']}", file=sys.stderr)
                    sys.exit(2)
                kr.append(k)
                pr.append(p)
                print(f"  round {i + 1}: kader build {k['build_ms']['median']:.1f} ms, update p99 "
                      f"{k['update_ms']['p99']:.2f} ms | peer lens {p['lens_s'] * 1000:.1f} ms", flush=True)
            build = statistics.median(k["build_ms"]["median"] for k in kr)
            p99 = max(k["update_ms"]["p99"] for k in kr)
            p50 = statistics.median(k["update_ms"]["p50"] for k in kr)
            peer = statistics.median(p["lens_s"] * 1000 for p in pr)
            results["sizes"][str(n)] = {
                "hierarchy": kr[-1]["hierarchy"],
                "kader_build_ms_median": round(build, 2),
                "kader_update_ms_p50": round(p50, 4),
                "kader_update_ms_p99_worst_round": round(p99, 3),
                "peer_lens_ms_median": round(peer, 2),
                "ratio_peer_over_kader": round(peer / build, 2),
            }
            print(f"  classes agree with the peer: {kr[-1]['hierarchy']}")
            print(f"  full lens: kader {build:.1f} ms, peer {peer:.1f} ms -> {peer / build:.2f}x")
            print(f"  one change: p50 {p50:.3f} ms, p99 {p99:.2f} ms")
            big, mid = sizes[1], sizes[0]
            if n == big and build > MAX_BUILD_MS:
                failed.append(f"full lens at {n:,}: {build:.0f} ms > {MAX_BUILD_MS:.0f} ms")
            if n == mid and p99 > MAX_UPDATE_MS:
                failed.append(f"update at {n:,}: p99 {p99:.2f} ms > {MAX_UPDATE_MS:.0f} ms")
    print("\n== summary ==")
    print(f"  thresholds: full lens at {sizes[1]:,} < {MAX_BUILD_MS:.0f} ms; update at {sizes[0]:,} p99 < {MAX_UPDATE_MS:.0f} ms"
          + (" (shown, not enforced with --quick)" if a.quick else ""))
    for f in failed:
        print(f"  MISSED: {f}")
    if a.write:
        (BENCH / "lens_results.json").write_text(json.dumps(results, indent=2) + "\n")
        print(f"  wrote {BENCH / 'lens_results.json'}")
    if failed and not a.quick:
        sys.exit(1)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
