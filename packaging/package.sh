#!/usr/bin/env bash
# Builds the offline installer from what `mvn package` left in target/ (builder-desk.jar and target/lib):
#   1. stages the app: our jar and the libraries, JavaFX left out (it goes into the runtime), sqlite-jdbc's native
#      library taken out of its jar into native/ (loaded from there: nothing is extracted at start);
#   2. jlinks a runtime with JavaFX inside it, its native libraries in the runtime's lib/ (as the JavaFX jmods would
#      put them: nothing is extracted to ~/.openjfx at start);
#   3. jpackage → an app-image with our launcher and packaging/jvm-options;
#   4. trains the AOT cache on that app-image: its own launcher runs `--smoke-test` once recording, once creating
#      (same runtime, jars and JVM options as every later launch), then checks that the shipped copy maps it;
#   5. the installer from the trained app-image (Linux: our .deb; macOS: .dmg and Windows: .msi by jpackage).
# Called by `mvn -Ppackage verify` (pom.xml, profile "package"); the output is target/dist/. ADR 0013 says why.
# Linux needs Xvfb for the training run when no DISPLAY is set, dpkg-deb and readelf (binutils) for the .deb.
set -euo pipefail
export LC_ALL=C   # one sort order wherever it is built: the class path's order is part of the AOT cache
# Every start of the app here is bounded: a hung start fails the build instead of holding it.
launch_timeout=300

target=$(cd "${1:?usage: package.sh TARGET_DIR VERSION}" && pwd)
version=${2:?usage: package.sh TARGET_DIR VERSION}
here=$(cd "$(dirname "$0")" && pwd)
java_home=${JAVA_HOME:?JAVA_HOME must name a JDK 25}
name=builder-desk
app_version=${version%%-*}   # jpackage takes numbers only: 0.1.0-SNAPSHOT → 0.1.0
case "$(uname -s)" in
  Linux) os=linux; type=deb ;;
  Darwin) os=macos; type=dmg ;;
  MINGW* | MSYS* | CYGWIN*) os=windows; type=msi ;;
  *) echo "package.sh: unknown OS $(uname -s)" >&2; exit 1 ;;
esac
work="$target/package"
dist="$target/dist"
rm -rf "$work" "$dist"
mkdir -p "$work/app/native" "$work/jfx" "$dist"
log() { printf '[package %3ss] %s\n' "$SECONDS" "$*"; }

# 1. The app's class path.
cp "$target/$name.jar" "$work/app/"
for jar in "$target"/lib/*.jar; do
  base=$(basename "$jar")
  if [[ $base =~ ^javafx-.*-[0-9.]+-[a-z0-9-]+\.jar$ ]]; then
    cp "$jar" "$work/jfx/"   # the platform's JavaFX (classifier linux, mac, mac-aarch64, win): into the runtime
  elif [[ $base != javafx-* ]]; then
    cp "$jar" "$work/app/"   # (the platform-neutral JavaFX jars are empty)
  fi
done
ls "$work"/jfx/javafx-graphics-*.jar >/dev/null \
  || { echo "package.sh: no platform JavaFX jars in target/lib" >&2; exit 1; }
sqlite=$(ls "$work"/app/sqlite-jdbc-*.jar)
case "$os/$(uname -m)" in
  linux/x86_64) native_dir=org/sqlite/native/Linux/x86_64; native_lib=libsqlitejdbc.so ;;
  linux/aarch64) native_dir=org/sqlite/native/Linux/aarch64; native_lib=libsqlitejdbc.so ;;
  macos/arm64) native_dir=org/sqlite/native/Mac/aarch64; native_lib=libsqlitejdbc.dylib ;;
  macos/x86_64) native_dir=org/sqlite/native/Mac/x86_64; native_lib=libsqlitejdbc.dylib ;;
  windows/*) native_dir=org/sqlite/native/Windows/x86_64; native_lib=sqlitejdbc.dll ;;
esac
(cd "$work" && "$java_home/bin/jar" xf "$sqlite" "$native_dir/$native_lib" && mv "$native_dir/$native_lib" app/native/ \
  && rm -rf org)
# Every platform's copy out of the jar: 21 MB the package does not need.
(cd "$work" && mkdir slim && cd slim && "$java_home/bin/jar" xf "$sqlite" && rm -rf org/sqlite/native \
  && "$java_home/bin/jar" cfm "$sqlite" META-INF/MANIFEST.MF -C . . ) && rm -rf "$work/slim"

# 2. The runtime: the JDK modules the app and its libraries use, and JavaFX.
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml
modules=$modules,jdk.unsupported,jdk.net,jdk.localedata,javafx.controls
log "jlink $modules"
if [ "$os" = windows ]; then path_separator=';'; else path_separator=':'; fi
"$java_home/bin/jlink" --module-path "$(ls "$work"/jfx/*.jar | paste -sd "$path_separator" -)" \
  --add-modules "$modules" \
  --include-locales=en --strip-debug --no-header-files --no-man-pages \
  --exclude-resources='glob:/javafx.*/*.so,glob:/javafx.*/*.dll,glob:/javafx.*/*.dylib' \
  --output "$work/runtime"
# (JavaFX's jars carry its native libraries as resources: they go to the runtime's own folder just below, not into
# the modules image a second time.)
if [ "$os" = linux ]; then
  # java.desktop is in the runtime because javafx.base and javafx.graphics require it; nothing of AWT runs here
  # (JavaFX draws with its own toolkit and fonts, and ArchitectureTest keeps our code off AWT, Swing, ImageIO and
  # javax.sound): its native libraries are not shipped. A library still linking one of them fails the .deb step
  # below (its Depends are read from what the libraries link). The JDK's libraries lose their symbol tables
  # (hs_err names fewer frames).
  (cd "$work/runtime/lib" && rm -f libawt.so libawt_xawt.so libawt_headless.so libjawt.so libfontmanager.so libfreetype.so \
    libmlib_image.so liblcms.so libsplashscreen.so libjavajpeg.so libjsound.so)
  find "$work/runtime" -name '*.so' -type f -exec strip --strip-unneeded {} +
fi
case "$os" in
  linux) natives='\.so$'; native_dest="$work/runtime/lib" ;;
  macos) natives='\.dylib$'; native_dest="$work/runtime/lib" ;;
  windows) natives='\.dll$'; native_dest="$work/runtime/bin" ;;
esac
for jar in "$work"/jfx/*.jar; do
  entries=$("$java_home/bin/jar" tf "$jar" | grep -E "$natives" || true)
  if [ -n "$entries" ]; then
    # shellcheck disable=SC2086 # one argument per entry
    (cd "$native_dest" && "$java_home/bin/jar" xf "$jar" $entries)
  fi
done
ls "$native_dest" | grep -q glass || { echo "package.sh: no JavaFX natives in the runtime" >&2; exit 1; }

# 3. The app-image.
# The options, from packaging/jvm-options, plus the name of sqlite-jdbc's library on this platform. They go into a
# shell script on Linux: nothing the shell would expand but $APPDIR.
options=()
while IFS= read -r line; do
  case "$line" in '#'* | '') continue ;; esac
  if [[ ${line//\$APPDIR/} =~ [\$\`\"\\] ]]; then
    echo "package.sh: jvm-options: no \$ (but \$APPDIR), \`, \" or \\ in $line" >&2; exit 1
  fi
  options+=("$line")
done < "$here/jvm-options"
options+=("-Dorg.sqlite.lib.name=$native_lib")
java_options=()
for option in "${options[@]}"; do java_options+=(--java-options "$option"); done
common=(--name "$name" --app-version "$app_version" --vendor "Builder Desk" --copyright "Builder Desk contributors"
  --description "A desktop workspace for building web apps with a coding agent")
icon_arg=()
case "$os" in
  linux) icon_arg=(--icon "$here/linux/$name.png") ;;
  macos) icon_arg=(--icon "$here/macos/$name.icns") ;;
  windows) icon_arg=(--icon "$here/windows/$name.ico") ;;
esac
log "app-image"
"$java_home/bin/jpackage" --type app-image "${common[@]}" "${icon_arg[@]}" --dest "$work/image" \
  --input "$work/app" --main-jar "$name.jar" --main-class dev.builderdesk.Main --runtime-image "$work/runtime" \
  "${java_options[@]}"
case "$os" in
  linux) image="$work/image/$name"; launcher="$image/bin/$name"; appdir="$image/lib/app" ;;
  macos) image="$work/image/$name.app"; launcher="$image/Contents/MacOS/$name"; appdir="$image/Contents/app" ;;
  windows) image="$work/image/$name"; launcher="$image/$name.exe"; appdir="$image/app" ;;
esac
if [ "$os" = linux ]; then
  # jpackage's Linux launcher asks rpm and dpkg which package owns it at every start (`dpkg -S` reads the whole
  # package database: 300-400 ms before the JVM is created). Ours is a shell script that starts the runtime's java
  # with the same options and an explicit class path (the AOT cache checks the class path, so its order is fixed
  # here, not left to a directory listing).
  classpath=$(cd "$appdir" && { echo "$name.jar"; ls ./*.jar | sed 's|^\./||' | grep -vx "$name.jar"; } \
    | sed 's|^|$app/|' | paste -sd: -)
  {
    echo '#!/bin/sh'
    echo "# Builder Desk's launcher (made by packaging/package.sh from packaging/jvm-options)."
    echo 'root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)'
    echo 'app="$root/lib/app"'
    echo "# The AOT cache made at package time; without it (deleted, say) the app starts all the same, and says so."
    echo 'aot='
    echo "[ -f \"\$app/$name.aot\" ] && aot=\"-XX:AOTCache=\$app/$name.aot\""
    printf 'exec "$root/lib/runtime/bin/java"'
    for option in "${options[@]}"; do
      printf ' \\\n  "%s"' "${option//\$APPDIR/\$app}"
    done
    printf ' \\\n  -D%s="$app/%s.aot" ${aot:+"$aot"} \\\n  -cp "%s" \\\n  dev.builderdesk.Main "$@"\n' \
      builderdesk.aot.cache "$name" "$classpath"
  } >"$launcher"
  chmod 755 "$launcher"
  rm -f "$image/lib/libapplauncher.so" "$appdir/$name.cfg"
fi

# 4. The AOT cache, trained by the app-image's own launcher.
if [ "$os" = linux ] && [ -z "${DISPLAY:-}" ]; then
  command -v Xvfb >/dev/null || { echo "package.sh: the AOT training run needs a DISPLAY or Xvfb" >&2; exit 1; }
  fifo=$(mktemp -u); mkfifo "$fifo"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$fifo" >/dev/null 2>&1 & xvfb=$!
  read -r display_number <"$fifo"; rm -f "$fifo"
  export DISPLAY=":$display_number"
  trap 'kill $xvfb 2>/dev/null || true' EXIT
fi
aot_config="$work/$name.aotconf"
log "AOT training run (record)"
JAVA_TOOL_OPTIONS="-XX:AOTMode=record -XX:AOTConfiguration=$aot_config -Xlog:aot=error" \
  timeout "$launch_timeout" "$launcher" --smoke-test \
  >"$work/training.json" 2>"$work/training.log" || { cat "$work/training.log" >&2; exit 1; }
cat "$work/training.json"
log "AOT cache (create)"
JAVA_TOOL_OPTIONS="-XX:AOTMode=create -XX:AOTConfiguration=$aot_config -XX:AOTCache=$appdir/$name.aot \
  -Xlog:aot=error" timeout "$launch_timeout" "$launcher" >"$work/create.log" 2>&1 \
  || { cat "$work/create.log" >&2; exit 1; }
rm -f "$aot_config"
if [ "$os" != linux ]; then
  cfg="$appdir/$name.cfg"
  # jpackage's .cfg: JVM options are "java-options=" lines of its [JavaOptions] section, the last section it writes.
  grep -q '^\[JavaOptions\]' "$cfg"
  printf 'java-options=-XX:AOTCache=$APPDIR/%s.aot\njava-options=-D%s=$APPDIR/%s.aot\n' "$name" \
    builderdesk.aot.cache "$name" >>"$cfg"
fi
if [ "$os" = macos ]; then
  # The .cfg and the cache changed after jpackage signed the bundle (ad hoc): sign it again, or macOS refuses it.
  codesign --force --deep -s - "$image"
fi
# The app-image as it ships (times kept: the cache is checked against the jars), then checked from there.
cp -a "$image" "$dist/"
shipped="$dist/$(basename "$image")"
shipped_launcher="$shipped${launcher#"$image"}"
log "checking the shipped app-image maps the cache"
timeout "$launch_timeout" "$shipped_launcher" --smoke-test >"$work/check.json" 2>"$work/check.log" \
  || { cat "$work/check.log" >&2; exit 1; }
cat "$work/check.json"
grep -q '"aot_cache":"used"' "$work/check.json" || { echo "the AOT cache was not used" >&2; exit 1; }

# 5. The installer.
case "$os" in
  linux)
    # The .deb is put together here rather than by jpackage: jpackage's menu entry goes through xdg-desktop-menu in
    # postinst (which fails where no menu folder exists yet) and is not a file of the package. Here the app-image
    # goes to /opt, and the .desktop file (with the StartupWMClass the window has), the icons and the command on
    # the PATH are files of the package, removed with it; the desktop's own dpkg triggers refresh the menu and the
    # icon cache. Depends: the packages holding the libraries the runtime's native code links directly (not, as
    # jpackage computes it, every library those pull in: some of them exist on Debian only).
    log "deb"
    root="$work/deb-root"
    arch=$(dpkg --print-architecture)
    mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/doc/$name"
    cp -a "$image" "$root/opt/$name"
    install -D -m 644 "$here/linux/$name.desktop" "$root/usr/share/applications/$name.desktop"
    for size in 16 24 32 48 64 128 256 512; do
      install -D -m 644 "$here/icons/$name-$size.png" "$root/usr/share/icons/hicolor/${size}x$size/apps/$name.png"
    done
    ln -s "/opt/$name/bin/$name" "$root/usr/bin/$name"
    install -m 644 "$here/linux/copyright" "$root/usr/share/doc/$name/copyright"
    ours=$(find "$root/opt/$name" -name '*.so*' -printf '%f\n' | sort -u)
    needed=$(find "$root/opt/$name" \( -name '*.so' -o -path '*/runtime/bin/*' \) -type f -exec readelf -d {} + \
      2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u)
    depends=$(for soname in $needed; do
      if grep -qx "$soname" <<<"$ours"; then continue; fi
      path=$(ldconfig -p | awk -v s="$soname" '$1 == s {print $NF; exit}')
      [ -n "$path" ] || { echo "package.sh: $soname, which the runtime links, is not installed here" >&2; exit 1; }
      { dpkg -S "$(readlink -f "$path")" 2>/dev/null || dpkg -S "$path"; } | cut -d: -f1 | head -1
    done | sort -u | paste -sd, - | sed 's/,/, /g')
    installed_kib=$(du -sk "$root" | cut -f1)
    cat >"$root/DEBIAN/control" <<CONTROL
Package: $name
Version: $app_version
Section: devel
Priority: optional
Architecture: $arch
Maintainer: Builder Desk <builder-desk@example.invalid>
Installed-Size: $installed_kib
Depends: $depends
Description: A desktop workspace for building web apps with a coding agent
 Builder Desk runs a coding agent on your web app: pick a model, send a prompt, watch its tool calls and
 changes stream in, and compare models side by side. It embeds its own run API server and needs no network
 to start.
CONTROL
    dpkg-deb --root-owner-group -Zxz --threads-max=2 -b "$root" "$dist/${name}_${app_version}_$arch.deb"
    ;;
  macos)
    "$java_home/bin/jpackage" --type dmg "${common[@]}" --app-image "$image" --dest "$dist" \
      --resource-dir "$here/macos" --mac-package-identifier dev.builderdesk --mac-package-name "Builder Desk"
    ;;
  windows)
    "$java_home/bin/jpackage" --type msi "${common[@]}" --app-image "$image" --dest "$dist" \
      --resource-dir "$here/windows" --win-menu --win-menu-group "Builder Desk" --win-shortcut \
      --win-dir-chooser --win-upgrade-uuid 6f1c8a52-4b7e-4f0e-9a51-2d1f3c7b9e44
    ;;
esac
(cd "$dist" && ls -l)
