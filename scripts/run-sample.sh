#!/usr/bin/env bash
# The main job: build everything, compile the sample fleet (my-testnet) through the processor,
# and show what was generated and what the runner would do with it (a dry run: no cloud account).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== Building Bitte and compiling the sample fleet"
# clean: the sample must go through the processor as built now (Maven does not recompile it when
# only the processor changed).
mvn -B -q -DskipTests clean package

out=sample/target/classes/bitte/my-testnet
echo
echo "== Artifacts of my-testnet, in $out"
(cd "$out" && find . -type f | sed 's|^\./||' | sort | while read -r f; do
  printf '  %-60s %8s bytes\n' "$f" "$(wc -c <"$f")"
done)

runner=runner/bin/bitte
if [ -x "$runner" ] && ls runner/target/bitte-runner-*-all.jar >/dev/null 2>&1; then
  echo
  echo "== bitte apply --dry-run (what the runner would run, in order)"
  "$runner" apply --dry-run "$out"
fi
if [ -x "$runner" ] && ls runner/target/bitte-runner-*-all.jar >/dev/null 2>&1; then
  echo
  echo "== bitte destroy --dry-run (tearing it down again: jobs purged, workspaces in reverse)"
  "$runner" destroy --dry-run "$out"
fi
