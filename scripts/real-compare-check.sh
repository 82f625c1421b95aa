#!/usr/bin/env bash
# Looks at the real Compare screen as a user does: Xvfb + openbox, the jar against a scripted run server with three
# models and fifteen judged comparisons (testkit/RealCompareScenario), driven with xdotool and the keyboard:
# Ctrl+Shift+Enter opens Compare with the prompt, the attempts are picked from "Add attempt", Ctrl+Enter starts.
# Screenshots go to target/real-window/compare-*.png.
#   mvn -B -DskipTests package test-compile && scripts/real-compare-check.sh [WIDTHxHEIGHT] [light|dark] [blind]
set -euo pipefail
cd "$(dirname "$0")/.."
geometry=${1:-1280x800}
theme=${2:-light}
mode=${3:-open}
SCENARIO=RealCompareScenario
. scripts/lib/real-window-scenario.sh
cleanup() { kill "$app_pid" "$server_pid" 2>/dev/null || true; "$desktop" stop; }
trap cleanup EXIT
data=$(mktemp -d)
"$java" --enable-native-access=ALL-UNNAMED -jar target/builder-desk.jar --server "$url" --token "$token" \
  --data-dir "$data" --theme "$theme" >> "$out/app.log" 2>&1 &
app_pid=$!
"$desktop" window > /dev/null
win=$(xdotool search --onlyvisible --name "Builder Desk" | head -1)
screen_w=${geometry%x*}; screen_h=${geometry#*x}
read -r left right top bottom < <(xprop -id "$win" _NET_FRAME_EXTENTS | sed -n 's/.*= *//p' | tr -d ',')
"$desktop" size $((screen_w - ${left:-0} - ${right:-0})) $((screen_h - ${top:-0} - ${bottom:-0}))
xdotool windowmove "$win" 0 0
sleep 4
shot() { "$desktop" shot "$out/compare-$geometry-$theme-$mode-$1.png"; }
# The prompt has the keyboard at launch.
xdotool type --delay 10 'Add a pricing section with three tiers'
xdotool key ctrl+shift+Return
sleep 1.5
# The setup starts with the composer's model (Auto) and the first model: remove both, add the three named models.
click() { xdotool mousemove "$1" "$2" click 1; sleep 0.4; }
# The setup card is 860 px wide in the middle of the screen; its controls are placed from its left edge.
cx=$(( (screen_w - 860) / 2 ))
click $((cx + 230)) 391
click $((cx + 84)) 391
# "Add attempt", then the menu by keyboard: Auto, Acme Private, Demo, Model A, Model B, Numbat, Quokka, Wombat.
for downs in 7 8 6; do
  click $((cx + 769)) 395
  for _ in $(seq 1 "$downs"); do xdotool key Down; done
  xdotool key Return; sleep 0.4
done
if [ "$mode" = blind ]; then click $((cx + 34)) 435; fi
shot 1-setup
if [ "$mode" = open ]; then
  # The setup's "Change…" link (right end of its verify line): Settings → App over the Compare screen, then Esc.
  click $((cx + 806)) 468
  sleep 1
  shot 1b-settings-app
  xdotool key Escape; sleep 0.5
fi
# Ctrl+Enter in the prompt starts every attempt.
click $((screen_w / 2)) 280
xdotool key ctrl+Return
sleep 3
shot 2-streaming
sleep 22
shot 3-finished
if [ "$mode" = blind ]; then
  # The winner, then Save verdict: the columns are named.
  # 38 px above the bottom: on the choices' row whether they take one line or two.
  click 84 $((screen_h - 38))
  click $((screen_w - 80)) $((screen_h - 38))
  sleep 3
  shot 4-revealed
else
  click $((screen_w - 492)) 104
  sleep 2
  shot 4-leaderboard
fi
