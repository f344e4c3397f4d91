#!/usr/bin/env python3
"""Kader versus the peer baseline (Python + networkx), end to end, on the same HR export.

usage: python3 bench/run.py [--rounds R] [--quick] [--write] [--baseline PATH] [--kader PATH] ...

1. Builds the release binary (`cargo build --release --bin kader` in the repository root).
2. Generates a 100,000-person export with bench/gen_hris.py (seeded, so every run sees the same
   file), and the generator's own figures for it.
3. For R rounds, alternating: Kader (`kader new W.kader` + `kader import W.kader export.csv` +
   `kader analyze W.kader --structure --json` — the figures the peer computes: size, layers, span
   of control — a fresh workspace file each round, the three commands timed
   together, wall clock) and the peer (`python3 nx_baseline.py export.csv`). Every round's figures
   (people, teams, layers, span of control) must agree between Kader, the peer and the generator;
   a disagreement stops the run (exit 2).
4. Generates a 500,000-person export, imports it once, times `kader analyze --structure --json`
   R times, runs the peer once on the same file, and times the full `kader analyze --json` (the
   hierarchy lens with every line and its reasons) once, for context; bench/lens.py compares the
   lens with a peer that computes it too.
5. Prints a summary with the thresholds beside the figures; `--write` also writes
   bench/results.json. Exit 1 when a threshold is missed: end-to-end ratio (peer / Kader) below
   5x, the 500k analysis above 1 s (median), or the import's peak RSS above 300 MB.
   With --quick (10,000 and 50,000 people, 3 rounds) the thresholds are shown, not enforced.

Python 3.11 standard library only; the peer needs networkx.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DEFAULT_BASELINE = REPO.parent / "shared" / "bench" / "nx_baseline.py"

MIN_RATIO = 5.0  # peer time / Kader time, end to end at 100k
MAX_ANALYZE_S = 1.0  # `kader analyze --structure --json` on 500k roles, median
MAX_IMPORT_RSS_MB = 300.0  # peak RSS of `kader import` at 100k
TIMEOUT_S = 900  # per command

# The figures both tools print under the same names; `mean` is rounded to 2 decimals by both.
COMPARED = ("people", "teams", "layers", "span_of_control.managers", "span_of_control.mean",
            "span_of_control.median", "span_of_control.max")


class BenchError(Exception):
    """A step failed (a command's exit status, output that is not JSON, figures that disagree)."""


@dataclass
class Run:
    """One finished child process: wall time, peak resident set size, exit code and output."""
    cmd: list[str]
    seconds: float
    cpu_seconds: float  # user + system time of the child
    maxrss_mb: float
    code: int
    stdout: str
    stderr: str


def run(cmd: list[str], cwd: Path | None = None, timeout: float = TIMEOUT_S) -> Run:
    """Runs cmd to completion and measures it with os.wait4, which returns the rusage of exactly
    this child (ru_maxrss is in KiB on Linux). Output goes to temporary files, not pipes, so a
    chatty child can never block and nothing is read while the clock runs."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        killer = threading.Timer(timeout, lambda: os.kill(p.pid, signal.SIGKILL))
        killer.start()
        try:
            _, status, ru = os.wait4(p.pid, 0)
        finally:
            killer.cancel()
        secs = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4; tell Popen
        out.seek(0)
        err.seek(0)
        return Run(cmd, secs, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, p.returncode,
                   out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def check(r: Run, what: str) -> Run:
    if r.code != 0:
        tail = (r.stderr.strip() or r.stdout.strip())[-2000:]
        raise BenchError(f"{what} failed (exit {r.code}): {' '.join(r.cmd)}\n{tail}")
    return r


def parse_json(r: Run, what: str) -> dict:
    try:
        return json.loads(r.stdout)
    except json.JSONDecodeError as e:
        raise BenchError(f"{what} did not print JSON ({e}):\n{r.stdout[:2000]}") from None


def pick(d: dict, dotted: str):
    for k in dotted.split("."):
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def same(key: str, a, b) -> bool:
    if a is None or b is None:
        return False
    if key.endswith(".mean"):  # both round to 2 decimals; allow a tie rounded the other way
        return abs(float(a) - float(b)) <= 0.0051
    return float(a) == float(b)


def compare(figures: dict[str, dict], where: str) -> None:
    """Fails loudly unless every source reports the same value for every compared key."""
    names = list(figures)
    bad = []
    for key in COMPARED:
        vals = {n: pick(figures[n], key) for n in names}
        ref = vals[names[0]]
        if not all(same(key, ref, v) for v in vals.values()):
            bad.append(f"  {key:<26}" + "  ".join(f"{n}={vals[n]!r}" for n in names))
    if bad:
        raise BenchError(f"the figures disagree ({where}):\n" + "\n".join(bad))


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def mount_fs(path: Path) -> str:
    """The file system type under path (a workspace on tmpfs would flatter the writes)."""
    best, fs = "", "?"
    try:
        for line in Path("/proc/mounts").read_text().splitlines():
            parts = line.split()
            if len(parts) >= 3 and str(path).startswith(parts[1]) and len(parts[1]) >= len(best):
                best, fs = parts[1], parts[2]
    except OSError:
        pass
    return fs


def machine() -> dict:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info = {"cpu": cpu, "cpus": os.cpu_count(), "os": platform.platform(), "python": platform.python_version()}
    try:
        info["load_avg_1m_at_start"] = os.getloadavg()[0]
    except OSError:
        pass
    return info


def source_rev() -> str | None:
    """The commit the binary was built from, `+dirty` when src/ or Cargo files differ from it.
    Read-only: GIT_OPTIONAL_LOCKS=0 keeps `git status` from refreshing the index."""
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, env=env, capture_output=True,
                             text=True, timeout=30)
        if rev.returncode != 0:
            return None
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "src", "Cargo.toml",
                                "Cargo.lock"], cwd=REPO, env=env, capture_output=True, text=True, timeout=30)
        return rev.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.TimeoutExpired):
        return None


def build_kader() -> Path:
    """`cargo build --release --bin kader` in the repository root; returns the binary's path as
    cargo reports it (so CARGO_TARGET_DIR and friends are honoured)."""
    cargo = shutil.which("cargo")
    if not cargo:
        raise BenchError("cargo is not on PATH; install Rust or pass --kader PATH")
    print("building: cargo build --release --bin kader", flush=True)
    p = subprocess.run([cargo, "build", "--release", "--bin", "kader", "--message-format=json-render-diagnostics"],
                       cwd=REPO, stdout=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise BenchError("cargo build --release --bin kader failed (see the compiler output above)")
    exe = None
    for line in p.stdout.splitlines():
        try:
            msg = json.loads(line)
        except json.JSONDecodeError:
            continue
        if msg.get("reason") == "compiler-artifact" and msg.get("target", {}).get("name") == "kader" \
                and msg.get("executable"):
            exe = msg["executable"]
    if not exe:
        raise BenchError("cargo did not report the kader executable")
    return Path(exe)


def generate(people: int, out: Path, seed: int, dialect: str) -> tuple[dict, float]:
    r = check(run([sys.executable, str(BENCH / "gen_hris.py"), "--people", str(people), "--seed", str(seed),
                   "--dialect", dialect, "--out", str(out), "--stats"]), "gen_hris.py")
    print("  " + r.stderr.strip(), flush=True)
    return parse_json(r, "gen_hris.py --stats"), r.seconds


def workspace_bytes(ws: Path) -> int:
    """The workspace file plus any SQLite side files (-wal, -shm, -journal) still next to it."""
    return sum(p.stat().st_size for p in ws.parent.glob(ws.name + "*") if p.is_file())


def remove_workspace(ws: Path) -> None:
    for p in ws.parent.glob(ws.name + "*"):
        p.unlink()


@dataclass
class KaderRound:
    new: Run
    imp: Run
    analyze: Run
    total: float
    cpu: float
    figures: dict
    ws_bytes: int


def kader_round(kader: Path, ws: Path, export: Path) -> KaderRound:
    remove_workspace(ws)
    new = check(run([str(kader), "new", str(ws)]), "kader new")
    imp = check(run([str(kader), "import", str(ws), str(export)]), "kader import")
    ana = check(run([str(kader), "analyze", str(ws), "--structure", "--json"]), "kader analyze --structure --json")
    size = workspace_bytes(ws)
    return KaderRound(new, imp, ana, new.seconds + imp.seconds + ana.seconds,
                      new.cpu_seconds + imp.cpu_seconds + ana.cpu_seconds, parse_json(ana, "kader analyze --structure --json"), size)


def peer_cmd(baseline: Path, export: Path, dialect: str) -> list[str]:
    cmd = [sys.executable, str(baseline), str(export)]
    if dialect == "nl":
        cmd += ["cp1252", ";"]
    return cmd


@dataclass
class Results:
    params: dict
    machine: dict
    e2e: dict = field(default_factory=dict)
    analysis: dict = field(default_factory=dict)


def stage_e2e(a, kader: Path, tmp: Path, res: Results) -> None:
    n = a.people
    print(f"\n== end to end: {n:,} people, {a.rounds} rounds (+{a.warmup} warm-up), alternating ==", flush=True)
    export = tmp / f"hris-{n}-{a.dialect}.csv"
    truth, gen_s = generate(n, export, a.seed, a.dialect)
    peer = peer_cmd(a.baseline, export, a.dialect)
    k_rounds: list[KaderRound] = []
    p_runs: list[Run] = []
    for i in range(-a.warmup, a.rounds):
        ws = tmp / f"e2e-{i + a.warmup}.kader"
        k = kader_round(kader, ws, export)
        p = check(run(peer), "the peer baseline")
        pf = parse_json(p, "the peer baseline")
        compare({"kader": k.figures, "peer": pf, "generator": truth}, f"round {i + 1} at {n:,} people")
        label = "warm-up" if i < 0 else f"round {i + 1}/{a.rounds}"
        print(f"  {label:<12} kader {k.total:7.3f} s (new {k.new.seconds:.3f} + import {k.imp.seconds:.3f} + "
              f"analyze {k.analyze.seconds:.3f}), import peak {k.imp.maxrss_mb:.0f} MB | peer {p.seconds:7.3f} s "
              f"| ratio {p.seconds / k.total:5.2f}x", flush=True)
        remove_workspace(ws)
        if i >= 0:
            k_rounds.append(k)
            p_runs.append(p)
    kt = [k.total for k in k_rounds]
    pt = [p.seconds for p in p_runs]
    res.e2e = {
        "people": n,
        "export_bytes": export.stat().st_size,
        "generate_seconds": round(gen_s, 3),
        "figures": k_rounds[-1].figures,
        "kader_seconds": [round(x, 4) for x in kt],
        "kader_new_seconds": [round(k.new.seconds, 4) for k in k_rounds],
        "kader_import_seconds": [round(k.imp.seconds, 4) for k in k_rounds],
        "kader_analyze_seconds": [round(k.analyze.seconds, 4) for k in k_rounds],
        "peer_seconds": [round(x, 4) for x in pt],
        "kader_cpu_seconds": [round(k.cpu, 4) for k in k_rounds],
        "peer_cpu_seconds": [round(p.cpu_seconds, 4) for p in p_runs],
        "kader_median_seconds": round(median(kt), 4),
        "peer_median_seconds": round(median(pt), 4),
        "ratio_peer_over_kader": round(median(pt) / median(kt), 3),
        "ratio_peer_over_kader_cpu": round(median([p.cpu_seconds for p in p_runs]) / median([k.cpu for k in k_rounds]), 3),
        "import_peak_rss_mb": round(max(k.imp.maxrss_mb for k in k_rounds), 1),
        "analyze_peak_rss_mb": round(max(k.analyze.maxrss_mb for k in k_rounds), 1),
        "peer_peak_rss_mb": round(max(p.maxrss_mb for p in p_runs), 1),
        "workspace_bytes": k_rounds[-1].ws_bytes,
    }


def stage_analysis(a, kader: Path, tmp: Path, res: Results) -> None:
    n = a.analysis_people
    print(f"\n== analysis: {n:,} people, {a.rounds} runs of `kader analyze --structure --json` ==", flush=True)
    export = tmp / f"hris-{n}-{a.dialect}.csv"
    truth, gen_s = generate(n, export, a.seed, a.dialect)
    ws = tmp / "analysis.kader"
    k = kader_round(kader, ws, export)
    print(f"  setup        kader new + import {k.new.seconds + k.imp.seconds:.3f} s (import peak "
          f"{k.imp.maxrss_mb:.0f} MB), first analyze {k.analyze.seconds:.3f} s", flush=True)
    compare({"kader": k.figures, "generator": truth}, f"import of {n:,} people")
    runs = []
    for i in range(a.rounds):
        r = check(run([str(kader), "analyze", str(ws), "--structure", "--json"]), "kader analyze --structure --json")
        compare({"kader": parse_json(r, "kader analyze --structure --json"), "generator": truth}, f"analyze run {i + 1}")
        print(f"  run {i + 1}/{a.rounds}    analyze {r.seconds:.3f} s, peak {r.maxrss_mb:.0f} MB", flush=True)
        runs.append(r)
    p = check(run(peer_cmd(a.baseline, export, a.dialect)), "the peer baseline")
    compare({"kader": k.figures, "peer": parse_json(p, "the peer baseline")}, f"peer at {n:,} people")
    print(f"  peer         {p.seconds:.3f} s, peak {p.maxrss_mb:.0f} MB", flush=True)
    # The full analysis, for context: the lens (it needs the whole model, so the workspace is
    # opened) and every reporting line with its reasons, streamed as JSON.
    full = check(run([str(kader), "analyze", str(ws), "--json"]), "kader analyze --json")
    compare({"kader": parse_json(full, "kader analyze --json"), "generator": truth}, "full analysis")
    print(f"  full         `kader analyze --json` with the lens and every line: {full.seconds:.3f} s, "
          f"peak {full.maxrss_mb:.0f} MB", flush=True)
    at = [r.seconds for r in runs]
    res.analysis = {
        "full_analyze_seconds": round(full.seconds, 4),
        "full_analyze_peak_rss_mb": round(full.maxrss_mb, 1),
        "people": n,
        "roles": k.figures.get("roles"),
        "export_bytes": export.stat().st_size,
        "figures": k.figures,
        "analyze_seconds": [round(x, 4) for x in at],
        "analyze_median_seconds": round(median(at), 4),
        "analyze_peak_rss_mb": round(max(r.maxrss_mb for r in runs), 1),
        "kader_e2e_seconds": round(k.total, 4),
        "kader_import_seconds": round(k.imp.seconds, 4),
        "kader_import_peak_rss_mb": round(k.imp.maxrss_mb, 1),
        "workspace_bytes": k.ws_bytes,
        "peer_seconds": round(p.seconds, 4),
        "peer_peak_rss_mb": round(p.maxrss_mb, 1),
        "ratio_peer_over_kader_e2e": round(p.seconds / k.total, 3),
        "ratio_peer_over_kader_analyze": round(p.seconds / median(at), 3),
    }
    remove_workspace(ws)


def mb(b: int) -> str:
    return f"{b / 1e6:,.1f} MB"


def summarize(a, res: Results) -> bool:
    """Prints the summary table; returns whether every enforced threshold is met."""
    enforced = not a.quick
    rows: list[tuple[str, str, str, str]] = []
    ok = True

    def verdict(passed: bool) -> str:
        nonlocal ok
        if not enforced:
            return "info" if passed else "info (miss)"
        ok &= passed
        return "PASS" if passed else "FAIL"

    e, an = res.e2e, res.analysis
    if e:
        n = f"{e['people'] // 1000}k"
        k, p = e["kader_seconds"], e["peer_seconds"]
        rows += [
            (f"kader new+import+analyze, {n}", f"{e['kader_median_seconds']:.3f} s", f"min {min(k):.3f} max {max(k):.3f}", ""),
            ("  of which new / import / analyze",
             " / ".join(f"{median(e[x]):.3f}" for x in ("kader_new_seconds", "kader_import_seconds", "kader_analyze_seconds")) + " s", "", ""),
            (f"peer nx_baseline.py, {n}", f"{e['peer_median_seconds']:.3f} s", f"min {min(p):.3f} max {max(p):.3f}", ""),
            ("ratio peer / kader (medians)", f"{e['ratio_peer_over_kader']:.2f}x", f">= {MIN_RATIO:g}x",
             verdict(e["ratio_peer_over_kader"] >= MIN_RATIO)),
            ("ratio by CPU time (user+sys)", f"{e['ratio_peer_over_kader_cpu']:.2f}x",
             f"kader {median(e['kader_cpu_seconds']):.3f} s, peer {median(e['peer_cpu_seconds']):.3f} s", ""),
            (f"kader import peak RSS, {n}", f"{e['import_peak_rss_mb']:.0f} MB", f"<= {MAX_IMPORT_RSS_MB:g} MB",
             verdict(e["import_peak_rss_mb"] <= MAX_IMPORT_RSS_MB)),
            (f"peer peak RSS, {n}", f"{e['peer_peak_rss_mb']:.0f} MB", "", ""),
            (f"workspace file, {n}", mb(e["workspace_bytes"]), f"export {mb(e['export_bytes'])}", ""),
        ]
    if an:
        n = f"{an['people'] // 1000}k"
        rows += [
            (f"kader analyze --structure --json, {n} roles", f"{an['analyze_median_seconds']:.3f} s",
             f"<= {MAX_ANALYZE_S:g} s (median of {len(an['analyze_seconds'])})",
             verdict(an["analyze_median_seconds"] <= MAX_ANALYZE_S)),
            (f"kader new+import+analyze, {n}", f"{an['kader_e2e_seconds']:.3f} s",
             f"import peak {an['kader_import_peak_rss_mb']:.0f} MB", ""),
            (f"peer nx_baseline.py, {n}", f"{an['peer_seconds']:.3f} s", f"peak {an['peer_peak_rss_mb']:.0f} MB", ""),
            ("ratio peer / kader end to end", f"{an['ratio_peer_over_kader_e2e']:.2f}x", "(one run each)", ""),
            ("ratio peer / kader analyze only", f"{an['ratio_peer_over_kader_analyze']:.2f}x", "(not like for like)", ""),
            (f"workspace file, {n}", mb(an["workspace_bytes"]), f"export {mb(an['export_bytes'])}", ""),
        ]
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    w2 = max(len(r[2]) for r in rows)
    print("\n== summary" + ("" if enforced else " (--quick: thresholds shown, not enforced)") + " ==")
    print(f"{'measure':<{w0}}  {'value':>{w1}}  {'threshold / spread':<{w2}}  verdict")
    for r in rows:
        print(f"{r[0]:<{w0}}  {r[1]:>{w1}}  {r[2]:<{w2}}  {r[3]}".rstrip())
    m = res.machine
    load = m.get("load_avg_1m_at_start")
    print(f"\nmachine: {m['cpu']}, {m['cpus']} CPUs, load {load if load is None else round(load, 2)} at start; "
          f"workspace on {res.params['workdir_fs']}; figures agreed in every round")
    if load is not None and m["cpus"] and load > 0.5 * m["cpus"]:
        print("warning: the machine was busy when the run started; wall-clock figures are noisy "
              "(compare the CPU-time ratio, or run again on a quiet machine)")
    return ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Kader versus Python + networkx, end to end, on the same HR export.")
    ap.add_argument("--rounds", type=int, default=None, help="timed rounds (default 5; 3 with --quick)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed rounds before the timed ones (default 1)")
    ap.add_argument("--people", type=int, default=None, help="people in the end-to-end export (default 100000)")
    ap.add_argument("--analysis-people", type=int, default=None, help="people for the analysis timing (default 500000)")
    ap.add_argument("--quick", action="store_true", help="smoke run: 10,000 and 50,000 people, thresholds not enforced")
    ap.add_argument("--seed", type=int, default=20250630, help="generator seed")
    ap.add_argument("--dialect", choices=("en", "nl"), default="en", help="export dialect (default en)")
    ap.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE, help=f"peer script (default {DEFAULT_BASELINE})")
    ap.add_argument("--kader", type=Path, default=None, help="use this kader binary instead of building one")
    ap.add_argument("--only", choices=("e2e", "analysis"), default=None, help="run one stage only")
    ap.add_argument("--workdir", type=Path, default=None, help="keep the exports and workspaces here (default: a temp dir)")
    ap.add_argument("--write", action="store_true", help=f"write {BENCH / 'results.json'}")
    a = ap.parse_args(argv)
    a.rounds = a.rounds if a.rounds is not None else (3 if a.quick else 5)
    a.people = a.people or (10_000 if a.quick else 100_000)
    a.analysis_people = a.analysis_people or (50_000 if a.quick else 500_000)
    if a.rounds < 1 or a.warmup < 0:
        ap.error("--rounds must be at least 1 and --warmup at least 0")
    a.baseline = a.baseline.resolve()
    if not a.baseline.is_file():
        ap.error(f"the peer baseline {a.baseline} does not exist; pass --baseline PATH")

    try:
        kader = a.kader.resolve() if a.kader else build_kader()
        if not os.access(kader, os.X_OK):
            raise BenchError(f"{kader} is not an executable")
        tmp_ctx = tempfile.TemporaryDirectory(prefix="kader-bench-") if a.workdir is None else None
        tmp = Path(tmp_ctx.name) if tmp_ctx else a.workdir.resolve()
        tmp.mkdir(parents=True, exist_ok=True)
        res = Results(
            params={"rounds": a.rounds, "warmup": a.warmup, "people": a.people, "analysis_people": a.analysis_people,
                    "quick": a.quick, "seed": a.seed, "dialect": a.dialect, "baseline": str(a.baseline),
                    "kader": str(kader), "kader_source_rev": source_rev(), "workdir_fs": mount_fs(tmp),
                    "thresholds": {"min_ratio": MIN_RATIO, "max_analyze_seconds": MAX_ANALYZE_S,
                                   "max_import_rss_mb": MAX_IMPORT_RSS_MB}},
            machine=machine())
        print(f"kader: {kader} (source {res.params['kader_source_rev'] or 'not a git checkout'})\npeer:  {a.baseline}\nwork:  {tmp} ({res.params['workdir_fs']})", flush=True)
        try:
            if a.only in (None, "e2e"):
                stage_e2e(a, kader, tmp, res)
            if a.only in (None, "analysis"):
                stage_analysis(a, kader, tmp, res)
        finally:
            if tmp_ctx:
                tmp_ctx.cleanup()
    except BenchError as e:
        print(f"\nbench: {e}", file=sys.stderr)
        return 2
    ok = summarize(a, res)
    if a.write:
        out = BENCH / "results.json"
        res_d = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "params": res.params, "machine": res.machine,
                 "end_to_end": res.e2e, "analysis": res.analysis, "passed": ok}
        out.write_text(json.dumps(res_d, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    if not ok:
        print("\nbench: a threshold was missed (see FAIL above)", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
