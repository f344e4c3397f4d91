#!/usr/bin/env bash
# Regenerates the Kader icons from drawing primitives: a calm teal rounded square holding a faint
# frame ("kader" is Dutch for framework) and a white K. Needs ImageMagick 6 or 7 and python3.
# Output: 32x32.png, 128x128.png, 128x128@2x.png, icon.png (512), icon-1024.png, icon.ico,
# icon.icns — the set tauri.conf.json lists.
set -euo pipefail
cd "$(dirname "$0")"
im=convert
if command -v magick >/dev/null 2>&1; then im=magick; elif [ -x /usr/bin/convert ]; then im=/usr/bin/convert; fi

s=1024
"$im" -size ${s}x${s} gradient:'#17A09A'-'#0B5E5D' \
  \( -size ${s}x${s} xc:black -fill white -draw 'roundrectangle 40,40 983,983 230,230' \) \
  -alpha off -compose CopyOpacity -composite -compose Over \
  -fill none -stroke 'rgba(255,255,255,0.30)' -strokewidth 22 \
  -draw 'roundrectangle 190,190 833,833 120,120' \
  -stroke none -fill white \
  -draw 'roundrectangle 350,318 434,706 42,42' \
  -stroke white -strokewidth 84 -fill none \
  -draw 'line 640,318 400,558' \
  -draw 'line 530,428 652,706' \
  -stroke none -fill white \
  -draw 'circle 640,318 640,360' \
  -draw 'circle 652,706 652,748' \
  -depth 8 PNG32:icon-1024.png

"$im" icon-1024.png -resize 512x512 -strip -depth 8 PNG32:icon.png
"$im" icon-1024.png -resize 256x256 -strip -depth 8 PNG32:128x128@2x.png
"$im" icon-1024.png -resize 128x128 -strip -depth 8 PNG32:128x128.png
"$im" icon-1024.png -resize 32x32 -strip -depth 8 PNG32:32x32.png
"$im" icon-1024.png -define icon:auto-resize=256,128,64,48,32,16 icon.ico

# ICNS is a list of (type, length, PNG) entries after an 'icns' header; ImageMagick 6 cannot
# write it, so it is assembled here from the PNGs above.
tmp=$(mktemp -d)
"$im" icon-1024.png -resize 128x128 -strip -depth 8 PNG32:"$tmp/128.png"
"$im" icon-1024.png -resize 256x256 -strip -depth 8 PNG32:"$tmp/256.png"
python3 - "$tmp" <<'PY'
import struct, sys
tmp = sys.argv[1]
entries = [(b"ic07", f"{tmp}/128.png"), (b"ic08", f"{tmp}/256.png"),
           (b"ic09", "icon.png"), (b"ic10", "icon-1024.png")]
body = b""
for kind, path in entries:
    data = open(path, "rb").read()
    body += kind + struct.pack(">I", len(data) + 8) + data
open("icon.icns", "wb").write(b"icns" + struct.pack(">I", len(body) + 8) + body)
PY
rm -rf "$tmp"
ls -l
