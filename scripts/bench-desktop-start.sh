#!/usr/bin/env bash
# Process start -> window shown -> workspace ready (embedded server up, apps and models loaded), for the packaged
# jar under Xvfb, on a fresh data folder each time. Prints each launch and the medians.
# Usage: scripts/bench-desktop-start.sh [runs]   (needs target/builder-desk.jar and xvfb-run)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shown=(); ready=()
for i in $(seq 1 "$runs"); do
  data=$(mktemp -d)
  log=$(mktemp)
  xvfb-run -a java -jar target/builder-desk.jar --data-dir "$data" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    grep -q 'workspace ready' "$log" && break
    sleep 0.1
  done
  s=$(sed -n 's/.*window shown after \([0-9]*\) ms.*/\1/p' "$log" | head -1)
  r=$(sed -n 's/.*workspace ready after \([0-9]*\) ms.*/\1/p' "$log" | head -1)
  echo "run $i: window shown ${s:-?} ms, workspace ready ${r:-?} ms"
  shown+=("${s:-0}"); ready+=("${r:-0}")
  pkill -P "$pid" -f builder-desk.jar 2>/dev/null || true
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$data" "$log"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median: window shown $(median "${shown[@]}") ms, workspace ready $(median "${ready[@]}") ms"
