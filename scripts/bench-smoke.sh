#!/usr/bin/env bash
# CI smoke run of the processor benchmark (bench/, dev.bitte.bench.ProcessorBench) at its smallest
# size: a valid synthetic fleet of 10 client groups and 10 jobs compiled once in-process with and
# without the processor. It fails (non-zero exit) when the harness breaks: the synthetic sources
# no longer compile cleanly, the processor reports an error or a warning on them, or an artifact
# kind is missing. It times nothing worth reading; the full table: see README ("Benchmarks").
# Extra arguments go to Maven (e.g. -o offline).
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -q -pl bench -am -Pprocessor-bench verify -DskipTests \
  -Dprocessor-bench.args="smoke=true" -Dprocessor-bench.jvmArgs="-Xmx512m" "$@"
