#!/usr/bin/env bash
# Builds the sample fleet on a second JDK (Temurin 25, when installed) in a scratch copy and checks
# that every artifact is byte-for-byte the one the default JDK produced. On JDK 23+ javac runs only
# the processors named in annotationProcessorPaths, so this also proves that set-up works there.
set -euo pipefail
cd "$(dirname "$0")/.."
jdk=${BITTE_SECOND_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ ! -x "$jdk/bin/javac" ]; then
  echo "check-jdk25: no second JDK at $jdk; skipped"
  exit 0
fi
ref=sample/target/classes/bitte
if [ ! -d "$ref" ]; then
  echo "check-jdk25: build the sample first (bash scripts/run-sample.sh)" >&2
  exit 2
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git ls-files -z | xargs -0 cp --parents -t "$scratch"
echo "== Building the sample with $("$jdk/bin/java" -version 2>&1 | head -1)"
(cd "$scratch" && JAVA_HOME="$jdk" mvn -B -q -DskipTests package 2>&1 | grep -v '^WARNING: .*Unsafe' || true)
if diff -r "$ref" "$scratch/$ref" >/dev/null; then
  echo "check-jdk25: $(find "$ref" -type f | wc -l) artifacts identical on both JDKs"
else
  diff -r "$ref" "$scratch/$ref" | head -40 >&2
  echo "check-jdk25: artifacts differ between JDKs" >&2
  exit 1
fi
