#!/usr/bin/env bash
# Start-to-/health for `java -jar target/builder-desk.jar serve` on an empty data folder.
# Run from the project root after `mvn -B -DskipTests package`; prints one time in ms per start.
JAVA=${JAVA:-java}
for i in 1 2 3 4 5 6; do
  d=$(mktemp -d); port=$((18900 + i))
  start=$(date +%s%N)
  $JAVA -jar target/builder-desk.jar serve --data-dir "$d" --port $port > /dev/null 2>&1 &
  pid=$!
  until curl -sf http://127.0.0.1:$port/health > /dev/null; do sleep 0.02; done
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
  kill $pid; wait $pid 2>/dev/null; rm -rf "$d"
done
