#!/usr/bin/env bash
# Every test: installs the real upstream parsers the tests validate artifacts with (Debian's
# nix-bin, npm's @cdktf/hcl2json and the provider schemas from @cdktn/provider-aws and @cdktf/provider-{vault,consul,nomad}), then runs the Maven build with tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f tools/install-validators.sh ]; then
  bash tools/install-validators.sh
fi
mvn -B verify "$@"
