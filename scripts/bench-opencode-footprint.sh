#!/usr/bin/env bash
# Resident memory of `opencode serve` (the pinned binary, or $BUILDER_DESK_OPENCODE) idle and after 5 coding-agent
# runs against the scripted provider, to set beside `--smoke-test --smoke-runs 5`'s rss_mib. Run after
# `mvn -B -DskipTests package test-compile`; prints one JSON line on stdout, the processes measured on stderr.
# No test-scope jars: the scripted provider needs only the JDK's HTTP server and Jackson, which target/lib has.
set -euo pipefail
cd "$(dirname "$0")/.."
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
exec "$java" -cp "target/test-classes:target/classes:target/lib/*" dev.builderdesk.bench.OpenCodeFootprint
