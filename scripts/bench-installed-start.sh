#!/usr/bin/env bash
# Cold starts of the packaged app, variants alternating in one run (A B C A B C …), on an empty and on an existing
# data folder: window shown and workspace ready (from --smoke-test's JSON line), then the resident memory after 5
# Demo runs beside OpenCode's server after 5 runs. Prints each launch and a Markdown table of medians.
# Usage: scripts/bench-installed-start.sh [runs] [app-image]   (default 5 runs, target/dist/builder-desk)
# Needs: mvn -Ppackage package (the app-image and target/builder-desk.jar), test-compile (OpenCode's footprint),
# a DISPLAY (../shared/tools/real-desktop start 1280x800 gives one with a window manager).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
image=$(cd "${2:-target/dist/builder-desk}" && pwd)
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Without the cache: the same app-image, its cache deleted (the launcher then starts without it).
cp -a "$image" "$work/no-cache"
rm -f "$work/no-cache/lib/app/builder-desk.aot"
declare -A launch=(
  [cache]="$image/bin/builder-desk"
  [no-cache]="$work/no-cache/bin/builder-desk"
  [jar]="$java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -jar target/builder-desk.jar"
)
variants=(cache no-cache jar)
# An existing data folder per variant: a thread with a few runs, as a returning user has.
for v in "${variants[@]}"; do
  ${launch[$v]} --smoke-test --smoke-runs 3 --data-dir "$work/existing-$v" >/dev/null 2>&1
done
field() { sed -n "s/.*\"$1\":\([0-9-]*\).*/\1/p" <<<"$2"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A shown ready
for i in $(seq 1 "$runs"); do
  for folder in empty existing; do
    for v in "${variants[@]}"; do
      if [ "$folder" = empty ]; then data=(); else data=(--data-dir "$work/existing-$v"); fi
      line=$(${launch[$v]} --smoke-test "${data[@]}" 2>/dev/null | grep '^{' || true)
      s=$(field window_shown_ms "$line"); r=$(field workspace_ready_ms "$line")
      echo "run $i $folder $v: window ${s:-?} ms, ready ${r:-?} ms, $(sed -n 's/.*"aot_cache":"\([a-z]*\)".*/cache \1/p' <<<"$line")"
      shown[$folder-$v]+="${s:-0} "; ready[$folder-$v]+="${r:-0} "
    done
  done
done
declare -A rss idle
for i in $(seq 1 "$runs"); do
  for v in "${variants[@]}"; do
    line=$(${launch[$v]} --smoke-test --smoke-runs 5 2>/dev/null | grep '^{' || true)
    echo "run $i $v 5 Demo runs: $(field rss_mib "$line") MiB (idle $(field rss_idle_mib "$line") MiB)"
    rss[$v]+="$(field rss_mib "$line") "; idle[$v]+="$(field rss_idle_mib "$line") "
  done
done
oc=()
for i in $(seq 1 "$runs"); do
  line=$(scripts/bench-opencode-footprint.sh 2>/dev/null | grep '^{' || true)
  echo "run $i opencode serve after 5 runs: $(field opencode_rss_mib "$line") MiB"
  oc+=("$(field opencode_rss_mib "$line")")
done
echo
echo "| variant | window shown, empty | workspace ready, empty | window shown, existing | workspace ready, existing | RSS idle | RSS after 5 runs |"
echo "|---|---|---|---|---|---|---|"
for v in "${variants[@]}"; do
  # shellcheck disable=SC2086 # one number per word
  echo "| $v | $(median ${shown[empty-$v]}) ms | $(median ${ready[empty-$v]}) ms | $(median ${shown[existing-$v]}) ms |" \
    "$(median ${ready[existing-$v]}) ms | $(median ${idle[$v]}) MiB | $(median ${rss[$v]}) MiB |"
done
echo "| opencode serve | | | | | | $(median "${oc[@]}") MiB |"
