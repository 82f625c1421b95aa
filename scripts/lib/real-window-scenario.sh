# Sourced by the real-window scripts: starts the scripted run server (testkit/$SCENARIO, default RealWindowScenario) and a real desktop
# (Xvfb + openbox) of $geometry; sets out, desktop, java, url, token, server_pid and DISPLAY.
out=target/real-window
mkdir -p "$out"
desktop=../shared/tools/real-desktop
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
cp="target/test-classes:target/classes:$(ls target/lib/*.jar | tr '\n' ':')$(find ~/.m2/repository/org/assertj \
  ~/.m2/repository/org/junit -name '*.jar' | tr '\n' ':')"
"$java" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.builderdesk.testkit.${SCENARIO:-RealWindowScenario} > "$out/server.txt" \
  2>"$out/server.log" &
server_pid=$!
for _ in $(seq 1 100); do [ -s "$out/server.txt" ] && break; sleep 0.2; done
read -r url token < "$out/server.txt"
eval "$("$desktop" start "$geometry")"
