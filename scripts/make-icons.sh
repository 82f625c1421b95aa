#!/usr/bin/env bash
# Renders assets/app.svg into the icons the installers take (committed under packaging/; run again after the SVG
# changes). Needs rsvg-convert (Debian librsvg2-bin), convert (imagemagick) and png2icns (icnsutils).
set -euo pipefail
cd "$(dirname "$0")/.."
out=packaging/icons
mkdir -p "$out"
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" assets/app.svg -o "$out/builder-desk-$size.png"
done
cp "$out/builder-desk-256.png" packaging/linux/builder-desk.png
convert "$out"/builder-desk-{16,24,32,48,64,256}.png packaging/windows/builder-desk.ico
png2icns packaging/macos/builder-desk.icns "$out"/builder-desk-{16,32,128,256,512}.png >/dev/null
ls -l "$out" packaging/linux/builder-desk.png packaging/windows/builder-desk.ico packaging/macos/builder-desk.icns
