#!/usr/bin/env bash
# Builds RCTab's command line (BrightSpots/rcv, MPL-2.0; measured at 2167c240, version 2.0.1) without Gradle:
# Maven resolves the dependencies its build.gradle names (pom.xml here), javac compiles every main source but
# module-info.java (so it runs on the classpath), plus RctabCli, a starter that is not a JavaFX Application (the
# java launcher refuses to start an Application subclass without the JavaFX modules; the CLI never starts them).
# Usage: build.sh RCV_CHECKOUT OUT_DIR   (OUT_DIR/rctab --cli CONFIG --name NAME then runs it)
set -euo pipefail
src=$(readlink -f "$1"); out=$(mkdir -p "$2" && readlink -f "$2"); here=$(dirname "$(readlink -f "$0")")
jdk=${RCTAB_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}  # RCTab needs Java 21 or later
root=$(git -C "$here" rev-parse --show-toplevel)
flock /tmp/selectorate-build.lock "$root/mvnw" -B -ntp -q -o -f "$here/pom.xml" dependency:copy-dependencies \
  -DoutputDirectory="$out/lib"
rm -f "$out"/lib/javafx-*-21.0.7.jar  # the platform-less JavaFX jars are empty; the -linux ones hold the classes
rm -rf "$out/classes"; mkdir -p "$out/classes"
"$jdk/bin/javac" --release 21 -nowarn -encoding UTF-8 -d "$out/classes" -cp "$out/lib/*" \
  $(find "$src/src/main/java" -name '*.java' ! -name module-info.java) "$here/RctabCli.java"
cp -r "$src/src/main/resources/." "$out/classes/"
"$jdk/bin/jar" cf "$out/rctab.jar" -C "$out/classes" .
cat > "$out/rctab" <<SH
#!/bin/sh
exec "$jdk/bin/java" \$RCTAB_JAVA_OPTS -cp "$out/rctab.jar:$out/lib/*" bench.RctabCli "\$@"
SH
chmod +x "$out/rctab"
echo "built $out/rctab"
