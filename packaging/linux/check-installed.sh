#!/usr/bin/env bash
# Checks the installed .deb as a user's machine would run it, with no network but loopback (run as root; .ci/run
# calls it after `apt-get install ./target/dist/builder-desk_*.deb`):
#   - the command on the PATH runs the smoke test offline and maps the AOT cache ("aot_cache":"used");
#   - the window's WM_CLASS is the StartupWMClass of the installed .desktop file (one dock icon, pinnable), and the
#     window has its icon;
#   - the launch wrote nothing outside its data folder: /tmp, /var/tmp and the home folder are private to the launch
#     (a mount namespace), and the rest of the system is compared with its state before;
#   - with a cache the JVM cannot map, and with none, the app starts all the same and says it ran without;
#   - `apt-get remove` leaves none of the package's files.
set -euo pipefail
name=builder-desk
command=/usr/bin/$name
cache=/opt/$name/lib/app/$name.aot
desktop_file=/usr/share/applications/$name.desktop
launch_timeout=300
[ "$(id -u)" -eq 0 ] || { echo "check-installed: run as root (network namespace, apt-get remove)" >&2; exit 1; }
[ -x "$command" ] || { echo "check-installed: no $command" >&2; exit 1; }
wm_class=$(sed -n 's/^StartupWMClass=//p' "$desktop_file")
[ -n "$wm_class" ] || { echo "check-installed: $desktop_file has no StartupWMClass" >&2; exit 1; }
files=$(dpkg -L "$name")
# Outside /tmp, which each launch gets a private one of.
work=$(mktemp -d /run/check-installed.XXXXXX)
cp -p "$cache" "$work/cache.aot"
# Whatever happens, the installed cache is put back and the scratch folder goes.
restore=1
trap '[ "$restore" = 1 ] && cp -p "$work/cache.aot" "$cache" 2>/dev/null; rm -rf "$work"' EXIT

# Runs `$command --smoke-test` in a network namespace of its own (loopback only: any attempt to reach the network
# fails the run) and a mount namespace with an empty /tmp, /var/tmp and home folder, under an X server of its own,
# writing $work/$1.json and $work/$1.log and, in $work/$1.left, what the launch left in those three folders; with
# "window", also looks for a window of the .desktop file's class while the smoke test shows it. Returns the smoke
# test's status.
offline_smoke() {
  # A PID namespace too: whatever the launch starts ends with it (nothing of it can write after the check looks).
  unshare -n -m -p -f --mount-proc bash -s "$command" "$wm_class" "$work" "$1" "${2:-}" "$launch_timeout" <<'OFFLINE'
set -euo pipefail
command=$1 wm_class=$2 work=$3 label=$4 look=$5 bound=$6
mount --make-rprivate /
for private in /tmp /var/tmp "$HOME"; do mount -t tmpfs tmpfs "$private"; done
ip link set lo up
if ip -o link show | grep -v ': lo:' | grep -q .; then echo "check-installed: a network is left" >&2; exit 1; fi
fifo=$(mktemp -u); mkfifo "$fifo"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$fifo" >/dev/null 2>&1 & xvfb=$!
read -r n <"$fifo"; rm -f "$fifo"
export DISPLAY=":$n"
trap 'kill $xvfb 2>/dev/null || true; wait $xvfb 2>/dev/null || true' EXIT
finder=
if [ "$look" = window ]; then
  ( timeout 120 xdotool search --sync --class "^${wm_class//./\\.}\$" >"$work/wm-class-window" 2>/dev/null || true
    # The window's icon, set once its images are decoded (just after the window shows): asked of each window of
    # the class for up to 10 s.
    for _ in $(seq 1 20); do
      while read -r id; do
        xprop -id "$id" _NET_WM_ICON 2>/dev/null | head -c 200 >"$work/wm-icon" || true
        grep -q '^_NET_WM_ICON(CARDINAL) = ' "$work/wm-icon" && break 2
      done <"$work/wm-class-window"
      sleep 0.5
    done ) &
  finder=$!
fi
status=0
timeout "$bound" "$command" --smoke-test >"$work/$label.json" 2>"$work/$label.log" || status=$?
if [ -n "$finder" ]; then wait "$finder" || true; fi
kill $xvfb 2>/dev/null || true; wait $xvfb 2>/dev/null || true
# GTK's dconf and fontconfig caches belong to the desktop, shared by every GTK application: not ours to avoid.
find /tmp /var/tmp "$HOME" -mindepth 1 \( -path /tmp/.X11-unix -o -path '/tmp/.X*-lock' -o -path "$HOME/.cache" \
  -o -path "$HOME/.cache/dconf" -o -path "$HOME/.cache/fontconfig" \) -prune -o -print \
  | grep -vxF "$HOME/.cache" >"$work/$label.left" || true
exit "$status"
OFFLINE
}

marker="$work/marker"
touch "$marker"
sleep 1
status=0
offline_smoke installed window || status=$?
ended="$work/ended"
touch "$ended"
sleep 1   # what this check prints next (into a log another process writes) is then newer than $ended
cat "$work/installed.json"
[ "$status" -eq 0 ] || { echo "check-installed: the smoke test ended with status $status" >&2; \
  tail -40 "$work/installed.log" >&2; exit 1; }
grep -q '"demo_run":"completed"' "$work/installed.json" \
  || { echo "check-installed: the Demo run did not complete" >&2; exit 1; }
grep -q '"aot_cache":"used"' "$work/installed.json" \
  || { echo "check-installed: the AOT cache was not used" >&2; exit 1; }
[ -s "$work/wm-class-window" ] || { echo "check-installed: no window of class $wm_class" >&2; exit 1; }
echo "check-installed: window class $wm_class matches the .desktop file"
grep -q '^_NET_WM_ICON(CARDINAL) = ' "$work/wm-icon" || { echo "check-installed: the window has no icon" >&2; exit 1; }
echo "check-installed: the window has its icon"

# What the launch left outside its (deleted) scratch data folder: in its private /tmp, /var/tmp and home folder, and
# in the rest of the system (/var, where services keep their state, and /run aside; /var/lib/xkb holds the X
# server's keymaps).
# The launch's processes have all ended with its PID namespace: a file another process still holds open, or one
# that changed after the launch ended (the log of whatever runs this check, say), is that process's.
held_open=$(find /proc/[0-9]*/fd -type l -lname '/*' -printf '%l\n' 2>/dev/null | sort -u || true)
changed=$(find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /run -o -path /var -o -path /tmp \
  -o -path "$HOME" \) -prune -o -newer "$marker" -print 2>/dev/null || true)
left=$(cat "$work/installed.left"
  while IFS= read -r path; do
    [ -n "$path" ] || continue
    if grep -qxF -- "$path" <<<"$held_open" || [ "$path" -nt "$ended" ]; then
      echo "check-installed: $path changed during the launch, but another process has it open or wrote it after" >&2
    else
      echo "$path"
    fi
  done <<<"$changed")
if [ -n "$left" ]; then
  echo "check-installed: the launch wrote outside its data folder:" >&2
  echo "$left" >&2
  exit 1
fi
echo "check-installed: nothing written outside the data folder"

# A start without the cache still works and says so: first with a cache the JVM cannot map, then with none.
for broken in unmappable missing; do
  if [ "$broken" = unmappable ]; then head -c 65536 "$work/cache.aot" >"$cache"; else rm -f "$cache"; fi
  status=0
  offline_smoke "$broken" || status=$?
  cat "$work/$broken.json"
  [ "$status" -eq 0 ] || { echo "check-installed: with the cache $broken the app ended $status" >&2; \
    tail -20 "$work/$broken.log" >&2; exit 1; }
  grep -q '"aot_cache":"absent"' "$work/$broken.json" && grep -q 'Started without the AOT cache' "$work/$broken.log" \
    || { echo "check-installed: with the cache $broken the launch did not say it ran without" >&2; exit 1; }
  echo "check-installed: the cache $broken, the app started without it and said so"
done
cp -p "$work/cache.aot" "$cache"
restore=0

apt-get remove -y -qq "$name" >/dev/null
if dpkg -s "$name" 2>/dev/null | grep -q '^Status: install'; then
  echo "check-installed: still installed" >&2; exit 1
fi
kept=$(while IFS= read -r f; do
  # Folders the package shared with others (/usr/share/icons/…) stay; its own files and folders must go.
  if [ -e "$f" ] || [ -L "$f" ]; then [ -d "$f" ] && [[ $f != /opt/$name* ]] || echo "$f"; fi
done <<<"$files")
if [ -n "$kept" ]; then
  echo "check-installed: removal left:" >&2
  echo "$kept" >&2
  exit 1
fi
echo "check-installed: removal left nothing of the package"
