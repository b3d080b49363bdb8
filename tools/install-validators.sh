#!/usr/bin/env bash
# Installs what the tests need to check generated artifacts with the real upstream parsers:
#   - nix-instantiate (Debian's nix-bin) for the NixOS modules,
#   - haproxy (and openssl) to check the routing node's HAProxy configuration,
#   - node packages in tools/validators (HashiCorp's HCL2 parser as wasm, the jsii assemblies of
#     the AWS, Vault, Consul and Nomad providers), pinned by tools/validators/package-lock.json,
#   - the compact provider schemas, extracted once into
#     tools/validators/node_modules/.cache/bitte/{aws,vault,consul,nomad}-schema.json,
#   - headless Chromium (Debian's chromium, chromium-driver) and the DejaVu fonts, for the
#     browser tests of the fleet report page (report/index.html).
# Idempotent: each step is skipped when its result is already there. Run as root (for apt)
# on Debian; node >= 18 must be installed (it is installed from Debian if it is missing).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
validators="$here/validators"
schemas="$validators/node_modules/.cache/bitte"
# npm package of each provider whose schema the tests check generated Terraform against
provider_packages=(@cdktn/provider-aws @cdktf/provider-vault @cdktf/provider-consul @cdktf/provider-nomad)
stamp="$validators/node_modules/.bitte-package-lock.sha256"

say() { printf 'install-validators: %s\n' "$*"; }

apt_updated=
apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    say "need root to run: apt-get install -y $*" >&2
    exit 1
  fi
  # Wait for another apt/dpkg run (e.g. one started in the background) instead of failing.
  local lock=(-o DPkg::Lock::Timeout=900)
  if [ -z "$apt_updated" ]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get "${lock[@]}" update -q
    apt_updated=1
  fi
  say "apt-get install -y $*"
  DEBIAN_FRONTEND=noninteractive apt-get "${lock[@]}" install -y -q --no-install-recommends "$@"
}

# 1. nix-instantiate
if command -v nix-instantiate >/dev/null 2>&1; then
  say "nix-instantiate present: $(nix-instantiate --version)"
else
  apt_install nix-bin
  say "installed $(nix-instantiate --version)"
fi

# 1b. haproxy and openssl, for `haproxy -c` on the routing node's HAProxy configuration
#     (openssl makes the throw-away certificate the check needs)
for tool in haproxy openssl; do
  if command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ]; then
    say "$tool present"
  else
    apt_install "$tool"
  fi
done

# 2. node and npm
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 18 ]; then
  say "node $(node --version) is too old; need node >= 18" >&2
  exit 1
fi
say "node $(node --version), npm $(npm --version)"

# 3. npm ci, unless node_modules was installed from this very package-lock.json
lock_sha="$(sha256sum "$validators/package-lock.json" | cut -d' ' -f1)"
installed_all=1
for package in "${provider_packages[@]}"; do
  [ -f "$validators/node_modules/$package/.jsii" ] || installed_all=
done
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sha" ] \
   && [ -f "$validators/node_modules/@cdktf/hcl2json/package.json" ] && [ -n "$installed_all" ]; then
  say "node_modules up to date with package-lock.json"
else
  say "npm ci in $validators"
  # @cdktn/provider-aws declares node >= 22.11 for its runtime; we only read its .jsii
  # file, so the engine warning on node 18/20 is harmless (.npmrc sets engine-strict=false).
  (cd "$validators" && npm ci --no-audit --no-fund)
  echo "$lock_sha" > "$stamp"
fi

# 4. each provider's schema, unless present and made from the installed package version
#    (npm ci empties node_modules, so they are regenerated after every reinstall)
schema_source() {
  node -e 'try { console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).source.npm) } catch { console.log("none") }' "$1"
}
for package in "${provider_packages[@]}"; do
  schema="$schemas/${package##*/provider-}-schema.json"   # aws-schema.json, vault-schema.json, ...
  installed="$package@$(node -p 'require(process.argv[1]).version' "$validators/node_modules/$package/package.json")"
  if [ -s "$schema" ] && [ "$(schema_source "$schema")" = "$installed" ]; then
    say "provider schema present for $installed: $schema"
  else
    say "extracting the provider schema of $installed to $schema"
    node "$validators/provider-schema.mjs" "$schema" "$package"
  fi
done

# 5. chromium for the report page's browser tests; the page's SVG text is set in a monospace
#    font, so make sure one is there (fonts are only a recommendation of the chromium package)
missing_browser=()
command -v chromium >/dev/null 2>&1 || missing_browser+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing_browser+=(chromium-driver)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || missing_browser+=(fonts-dejavu-core)
if [ "${#missing_browser[@]}" -gt 0 ]; then
  apt_install "${missing_browser[@]}"
fi
say "$(chromium --version 2>/dev/null)"

say "done"
