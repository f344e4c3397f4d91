#!/usr/bin/env bash
# Desktop smoke tests: drives the real kader-desktop binary, with the built UI embedded, through
# tauri-driver and WebKitWebDriver under Xvfb. Needs what scripts/setup-system.sh installs.
#
#   tests/desktop/run.sh            build everything, run the tests, write docs/screenshots/desktop-*.png
#   KADER_SKIP_UI_BUILD=1 …         reuse ui/dist as it is
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== desktop: %s\n' "$*"; }

for tool in Xvfb WebKitWebDriver tauri-driver node xdotool import; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "desktop tests: $tool is missing; run scripts/setup-system.sh first" >&2
    exit 1
  fi
done

if [ -f ui/package.json ] && [ -z "${KADER_SKIP_UI_BUILD:-}" ]; then
  step "build the UI (ui/dist)"
  npm --prefix ui ci --no-audit --no-fund
  npm --prefix ui run build
fi
if [ ! -f ui/dist/index.html ]; then
  echo "desktop tests: ui/dist/index.html is missing; the window would have nothing to show" >&2
  exit 1
fi

if [ ! -d tests/collab/node_modules/yjs ]; then
  step "the stock Yjs client the tests use (tests/collab)"
  npm --prefix tests/collab ci --no-audit --no-fund
fi

step "build kader and kader-desktop (UI embedded)"
start=$(date +%s)
cargo build -p kader-cli -p kader-desktop --features kader-desktop/custom-protocol
echo "built in $(( $(date +%s) - start )) s"

tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

# A copy, so a concurrent build without the UI cannot replace the binary under the tests.
cp target/debug/kader-desktop "$tmp/kader-desktop"

step "a workspace from the Dutch HR export"
ws="$tmp/Smoke test.kader"
target/debug/kader new "$ws"
target/debug/kader import "$ws" tests/fixtures/hris/nl-semicolon-cp1252.csv
empty="$tmp/Import test.kader"
target/debug/kader new "$empty"

# The app's settings and data in the temporary directory, never the user's; a window of the
# screen's size, so screenshots show the whole of it.
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
mkdir -p "$XDG_CONFIG_HOME/be.kader.desktop"
cat > "$XDG_CONFIG_HOME/be.kader.desktop/settings.json" <<JSON
{ "recent": [], "window": { "width": 1440, "height": 900, "maximized": false }, "language": "en" }
JSON

step "Xvfb and tauri-driver"
display=99
while [ -e "/tmp/.X$display-lock" ] || [ -e "/tmp/.X11-unix/X$display" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1440x900x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=":$display"
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
native_port=$(free_port)
# WebKitGTK under Xvfb: no GPU, no DMA-BUF; accessibility bus not needed.
# The file dialog's settings in memory: there is no session bus for dconf.
export WEBKIT_DISABLE_DMABUF_RENDERER=1 WEBKIT_DISABLE_COMPOSITING_MODE=1 LIBGL_ALWAYS_SOFTWARE=1 NO_AT_BRIDGE=1
export GSETTINGS_BACKEND=memory
tauri-driver --port "$port" --native-port "$native_port" >"$tmp/tauri-driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/status" >/dev/null 2>&1 && break
  sleep 0.1
done

step "smoke tests"
status=0
KADER_DESKTOP_BIN="$tmp/kader-desktop" KADER_WORKSPACE="$ws" KADER_EMPTY_WORKSPACE="$empty" \
  FIXTURE_CSV="$root/tests/fixtures/hris/nl-semicolon-cp1252.csv" WEBDRIVER_URL="http://127.0.0.1:$port" \
  SCREENSHOT_DIR="$root/docs/screenshots" node --test --test-reporter=spec tests/desktop/smoke.test.mjs || status=$?

step "the vision is in the file (kader vision)"
if target/debug/kader vision "$ws" --json | grep -q 'Zorg die mensen versterkt'; then
  echo "ok: the workspace file holds the vision typed in the window"
else
  echo "not ok: the vision typed in the window is not in the workspace file" >&2
  status=1
fi

step "the rename is in the file (kader export)"
if target/debug/kader export "$ws" --format json | grep -q 'Verkoopcoördinator'; then
  echo "ok: the workspace file holds the renamed role"
else
  echo "not ok: the renamed role is not in the workspace file" >&2
  status=1
fi

if [ "$status" -ne 0 ]; then
  echo "--- tauri-driver log"; tail -n 50 "$tmp/tauri-driver.log" || true
fi
exit "$status"
