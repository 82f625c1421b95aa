#!/usr/bin/env bash
# The window comes back as the user left it, under a real window manager (Xvfb + openbox): the packaged jar on a
# scripted run server, resized with the window manager, quit with Ctrl+Q, launched again on the same data folder;
# fails unless it reopens at the size it was given (give or take the frame). Also takes a screenshot of the
# reopened window with a streamed answer, light and dark, at the screen size given.
#   mvn -B -DskipTests package test-compile && scripts/real-window-placement-check.sh [WIDTHxHEIGHT]
set -euo pipefail
cd "$(dirname "$0")/.."
geometry=${1:-1920x1080}
. scripts/lib/real-window-scenario.sh
app_pid=
cleanup() { { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; } || true; kill "$server_pid" 2>/dev/null || true; "$desktop" stop || true; }
trap cleanup EXIT
data=$(mktemp -d)
launch() {
  "$java" --enable-native-access=ALL-UNNAMED -jar target/builder-desk.jar --server "$url" --token "$token" \
    --data-dir "$data" --theme "$1" >> "$out/app.log" 2>&1 &
  app_pid=$!
  "$desktop" window > "$out/window.txt"
  win=$(xdotool search --onlyvisible --name "Builder Desk" | head -1)
  sleep 1
}
screen_w=${geometry%x*}; screen_h=${geometry#*x}
want_w=$((screen_w * 3 / 4)); want_h=$((screen_h * 3 / 4))
launch light
"$desktop" size "$want_w" "$want_h"
sleep 2
eval "$(xdotool getwindowgeometry --shell "$win")"
echo "resized to ${WIDTH}x${HEIGHT}"
given_w=$WIDTH; given_h=$HEIGHT
xdotool windowactivate --sync "$win" 2>/dev/null || true
xdotool windowfocus --sync "$win" 2>/dev/null || true; xdotool key ctrl+q
for _ in $(seq 1 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$app_pid" 2>/dev/null; then echo "Ctrl+Q did not quit" >&2; exit 1; fi
[ -s "$data/window.json" ] || { echo "no window.json saved" >&2; exit 1; }
cat "$data/window.json"
for theme in light dark; do
  launch "$theme"
  eval "$(xdotool getwindowgeometry --shell "$win")"
  echo "reopened ($theme) at ${WIDTH}x${HEIGHT}"
  if [ $((WIDTH - given_w)) -gt 30 ] || [ $((given_w - WIDTH)) -gt 30 ] || [ $((HEIGHT - given_h)) -gt 30 ] \
      || [ $((given_h - HEIGHT)) -gt 30 ]; then
    echo "reopened at ${WIDTH}x${HEIGHT}, left at ${given_w}x${given_h}" >&2; exit 1
  fi
  # Typing as soon as the window has the focus (the workspace may still be loading) lands in the prompt, no click
  # first; Enter is pressed once the prompt is there.
  xdotool windowfocus --sync "$win" 2>/dev/null || true
  sleep 5
  xdotool type --delay 15 'Add a counter component'
  sleep 1
  "$desktop" shot "$out/$geometry-$theme-placement-typed.png"
  xdotool key Return
  sleep 7
  "$desktop" shot "$out/$geometry-$theme-placement-reopened.png"
  xdotool windowfocus --sync "$win" 2>/dev/null || true; xdotool key ctrl+q
  for _ in $(seq 1 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.2; done
done
echo "placement kept: ${given_w}x${given_h}"
exit 0
