#!/usr/bin/env bash
# Sets up and runs every test of Kader on a fresh Debian/Ubuntu machine with Rust and Node.
# Used by CI (.ci/run) and by developers alike.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "Rust: formatting and lints"
cargo fmt --all -- --check
cargo clippy --locked --workspace --all-targets -- -D warnings

step "Rust: unit, integration and property tests"
cargo test --locked --workspace

step "Benchmark smoke run (small sizes; the real figures come from: python3 bench/run.py)"
if python3 -c 'import networkx' 2>/dev/null || python3 -m pip install --quiet networkx 2>/dev/null \
   || python3 -m pip install --quiet --break-system-packages networkx; then
  python3 bench/run.py --quick
else
  echo "networkx could not be installed; skipping the benchmark smoke run" >&2
fi
