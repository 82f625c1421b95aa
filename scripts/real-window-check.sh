#!/usr/bin/env bash
# Looks at the real window as a user does: Xvfb + openbox (../shared/tools/real-desktop), the packaged jar against a
# scripted run server (testkit/RealWindowScenario), driven with xdotool. Writes screenshots to
# target/real-window/ and fails if the window opens smaller than 1100x720 on a 1280x800 screen.
#   mvn -B -DskipTests package test-compile && scripts/real-window-check.sh [WIDTHxHEIGHT] [light|dark]
# The window fills the screen when the screen is smaller than 1100x720; FILL=1 makes it fill any screen (the
# 1920x1080 screenshots). The thread is reopened the way a relaunch does: Ctrl+Q, then the app again on the same
# data folder, which shows the last thread.
set -euo pipefail
cd "$(dirname "$0")/.."
geometry=${1:-1280x800}
theme=${2:-light}
. scripts/lib/real-window-scenario.sh
cleanup() { kill "$app_pid" "$server_pid" 2>/dev/null || true; "$desktop" stop; }
trap cleanup EXIT
data=$(mktemp -d)
launch() {
  "$java" --enable-native-access=ALL-UNNAMED -jar target/builder-desk.jar --server "$url" --token "$token" \
    --data-dir "$data" --theme "$theme" >> "$out/app.log" 2>&1 &
  app_pid=$!
}
launch

"$desktop" window | tee "$out/window.txt"
size=$(sed -n 's/.*Geometry: \([0-9]*\)x\([0-9]*\).*/\1 \2/p' "$out/window.txt")
read -r w h <<< "$size"
screen_w=${geometry%x*}; screen_h=${geometry#*x}
if [ "$screen_w" -ge 1280 ] && [ "$screen_h" -ge 800 ] && { [ "$w" -lt 1100 ] || [ "$h" -lt 720 ]; }; then
  echo "window opened at ${w}x${h}, expected at least 1100x720" >&2; exit 1
fi
win=$(xdotool search --onlyvisible --name "Builder Desk" | head -1)
if [ "${FILL:-0}" = 1 ]; then
  # The screen less the frame openbox draws (its title bar and borders), so the whole window stays on the screen.
  read -r left right top bottom < <(xprop -id "$win" _NET_FRAME_EXTENTS | sed -n 's/.*= *//p' | tr -d ',')
  "$desktop" size $((screen_w - ${left:-0} - ${right:-0})) $((screen_h - ${top:-0} - ${bottom:-0}))
  xdotool windowmove "$win" 0 0
fi
sleep 4
"$desktop" shot "$out/$geometry-$theme-1-opened.png"

# Clicks are relative to the window (--window), whatever the frame the window manager draws.
eval "$(xdotool getwindowgeometry --shell "$win")"
click() { xdotool mousemove --window "$win" "$1" "$2" click 1; }
# The prompt: click the composer (the bottom of the window's centre) and type.
click $((WIDTH / 2)) $((HEIGHT - 95))
xdotool type --delay 15 'Add a counter component'
xdotool key Return
sleep 6
"$desktop" shot "$out/$geometry-$theme-2-answer.png"
# Up by eight wheel notches, so a small window shows the code blocks above the end of the answer too.
xdotool mousemove --window "$win" $((WIDTH / 2)) $((HEIGHT / 2))
for _ in $(seq 1 8); do xdotool click 4; sleep 0.1; done
sleep 1
"$desktop" shot "$out/$geometry-$theme-2b-answer-up.png"
# Further up in steps, so some shot shows the answer's 20-line tsx block whole, whatever the window's height.
for step in c d e f g h; do
  for _ in $(seq 1 10); do xdotool click 4; sleep 0.1; done
  sleep 1
  "$desktop" shot "$out/$geometry-$theme-2$step-answer-up.png"
done

# Reopen the thread as a relaunch does: quit with Ctrl+Q, start again on the same data folder.
xdotool windowfocus --sync "$win" 2>/dev/null || true
xdotool key ctrl+q
for _ in $(seq 1 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$app_pid" 2>/dev/null; then echo "Ctrl+Q did not quit" >&2; exit 1; fi
launch
"$desktop" window > /dev/null
win=$(xdotool search --onlyvisible --name "Builder Desk" | head -1)
sleep 5
eval "$(xdotool getwindowgeometry --shell "$win")"
"$desktop" shot "$out/$geometry-$theme-4-reopened.png"
# Scroll the reopened thread up to its tool cards and failure row (the run's tool calls come before its answer).
xdotool mousemove --window "$win" $((WIDTH / 2)) $((HEIGHT / 2))
for _ in $(seq 1 40); do xdotool click 4; sleep 0.05; done
sleep 1
"$desktop" shot "$out/$geometry-$theme-5-reopened-tools.png"
# The tool cards sit above a long answer: further up in steps until the first rows of the run show.
for step in b c d e f; do
  for _ in $(seq 1 12); do xdotool click 4; sleep 0.05; done
  sleep 1
  "$desktop" shot "$out/$geometry-$theme-5$step-reopened-tools.png"
done
# A new thread (Ctrl+N) empties the timeline.
xdotool windowfocus --sync "$win" 2>/dev/null || true
xdotool key ctrl+n
sleep 1
"$desktop" shot "$out/$geometry-$theme-3-new-thread.png"
if [ "$(compare -metric AE "$out/$geometry-$theme-2b-answer-up.png" "$out/$geometry-$theme-3-new-thread.png" null: 2>&1 \
      | cut -d' ' -f1)" -lt 20000 ]; then
  echo "New thread did not change the window" >&2; exit 1
fi
if [ "$(compare -metric AE "$out/$geometry-$theme-4-reopened.png" "$out/$geometry-$theme-3-new-thread.png" null: 2>&1 \
      | cut -d' ' -f1)" -lt 20000 ]; then
  echo "The relaunch did not reopen the thread" >&2; exit 1
fi
# Settings (built the first time it opens): Ctrl+, shows it over the workspace; Esc hands the keys back to the prompt.
xdotool windowfocus --sync "$win" 2>/dev/null || true
xdotool key ctrl+comma
sleep 1.5
"$desktop" shot "$out/$geometry-$theme-6-settings.png"
xdotool key Escape
sleep 0.5
xdotool type --delay 15 'typed after Settings closed'
sleep 0.5
"$desktop" shot "$out/$geometry-$theme-7-after-settings.png"
echo "screenshots in $out"
