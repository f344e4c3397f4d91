#!/usr/bin/env bash
# Sets up and launches Kader: installs what is missing, builds the UI and the desktop app (with the
# UI embedded) and opens it. On a machine without a display it says so and starts `kader serve`
# on a demo workspace instead, printing the link to open in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup-system.sh
npm --prefix ui ci --no-audit --no-fund
npm --prefix ui run build

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  cargo build --release --locked -p kader-desktop --features kader-desktop/custom-protocol
  exec ./target/release/kader-desktop "$@"
fi

echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset), so the desktop window cannot open."
echo "Starting the same app for your browser instead: kader serve."
cargo build --release --locked -p kader-cli
workspace="${1:-}"
if [ -z "$workspace" ]; then
  workspace="$(mktemp -d)/demo.kader"
  ./target/release/kader new "$workspace"
  ./target/release/kader import "$workspace" tests/fixtures/hris/nl-semicolon-cp1252.csv
fi
exec ./target/release/kader serve "$workspace"
