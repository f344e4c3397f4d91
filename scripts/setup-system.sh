#!/usr/bin/env bash
# Installs the system packages the whole Kader test suite needs on a fresh Debian 12 / Ubuntu 22.04+
# machine: the WebKitGTK libraries Tauri 2 builds against, Xvfb and WebKitWebDriver for the
# desktop smoke tests, Chromium for browser tests, ImageMagick for screenshots and icons, and
# tauri-driver. Idempotent: installs only what is missing, so running it twice is cheap.
set -euo pipefail

# Debian package names; Ubuntu uses the same ones (chromium is a snap stub there, hence the
# fallback below).
packages=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev librsvg2-dev libayatana-appindicator3-dev libssl-dev libxdo-dev
  libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
  xvfb xauth webkit2gtk-driver xdotool
  imagemagick
  fonts-dejavu-core
)
browser_packages=(chromium chromium-driver)

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi

missing=()
for p in "${packages[@]}" "${browser_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup-system: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  # Chromium is best effort (Ubuntu ships it as a snap stub); everything else must install.
  core=()
  for p in "${missing[@]}"; do
    case " ${browser_packages[*]} " in
      *" $p "*) ;;
      *) core+=("$p") ;;
    esac
  done
  if [ "${#core[@]}" -gt 0 ]; then
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${core[@]}"
  fi
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${browser_packages[@]}" \
    || echo "setup-system: chromium could not be installed from apt; browser tests will need one" >&2
else
  echo "setup-system: system packages present"
fi

# tauri-driver: the W3C WebDriver bridge from tests to the Tauri window (over WebKitWebDriver).
# Built from source by cargo; no prebuilt download.
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "setup-system: cargo install tauri-driver"
  cargo install tauri-driver --locked
else
  echo "setup-system: tauri-driver present ($(command -v tauri-driver))"
fi
