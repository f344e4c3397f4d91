#!/usr/bin/env bash
# Sets up and runs every test of Kader on a fresh Debian/Ubuntu machine with Rust and Node:
# system packages, the UI's npm packages, then Rust (format, lints, unit, integration and
# property tests), Vitest, Playwright journeys against `kader serve`, stock Yjs clients and a crash
# test against `kader serve`, tauri-driver smoke tests of
# the real desktop binary under Xvfb, and a benchmark smoke run. CI (.ci/run) runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never

step() { printf '\n== %s\n' "$*"; }
started=$(date +%s)

step "System packages (WebKitGTK, Xvfb, WebKitWebDriver, Chromium) and tauri-driver"
bash scripts/setup-system.sh

step "UI: npm ci, type check and build (ui/dist is embedded by kader serve and the desktop app)"
npm --prefix ui ci --no-audit --no-fund
npm --prefix ui run build

step "Rust: formatting and lints"
cargo fmt --all -- --check
cargo clippy --locked --workspace --all-targets -- -D warnings

step "Rust: unit, integration and property tests"
cargo test --locked --workspace

step "UI: Vitest"
npm --prefix ui test

step "Browser journeys: Playwright (playwright-core + /usr/bin/chromium) against kader serve"
cargo build --locked --release -p kader-cli
KADER_BIN="$PWD/target/release/kader" npm --prefix ui run e2e

step "Co-editing: stock Yjs clients (npm yjs + y-websocket) and the kill -9 crash test against kader serve"
npm --prefix tests/collab ci --no-audit --no-fund
KADER_BIN="$PWD/target/release/kader" npm --prefix tests/collab test

step "Desktop: the real kader-desktop binary through tauri-driver under Xvfb"
KADER_SKIP_UI_BUILD=1 bash tests/desktop/run.sh

step "Benchmark smoke runs (small sizes; the real figures: python3 bench/run.py, python3 bench/lens.py)"
if python3 -c 'import networkx' 2>/dev/null || python3 -m pip install --quiet networkx 2>/dev/null \
   || python3 -m pip install --quiet --break-system-packages networkx; then
  if [ -f ../shared/bench/nx_baseline.py ]; then
    python3 bench/run.py --quick --kader target/release/kader
  else
    echo "The peer baseline (../shared/bench/nx_baseline.py beside the checkout) is not here; skipping bench/run.py" >&2
  fi
  python3 bench/lens.py --quick --rounds 1
else
  echo "networkx could not be installed; skipping the benchmark smoke run" >&2
fi
node bench/collab_load.mjs --quick --kader target/release/kader
node bench/proposals_load.mjs --quick --kader target/release/kader

printf '\nAll tests passed in %d s.\n' $(( $(date +%s) - started ))
