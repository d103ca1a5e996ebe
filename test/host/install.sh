#!/usr/bin/env bash
# Installs a real VS Code (code-server = VS Code OSS 1.100.3, server + web workbench) into
# .vscode-test/code-server/, from the npm registry only. Idempotent: a complete install is
# marked by a stamp file and skipped. Needs the system packages listed in SYSTEM_PACKAGES;
# installs them with apt-get when running as root and one is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEST="$ROOT/.vscode-test/code-server"
VERSION="4.100.3"
STAMP="$DEST/.complete-$VERSION"
SYSTEM_PACKAGES=(libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev pkg-config ripgrep chromium)

missing=()
for p in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  else
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if [ -f "$STAMP" ]; then exit 0; fi

echo "Installing VS Code $VERSION (code-server) into .vscode-test/code-server (first run only, about a minute)..."
rm -rf "$DEST"
mkdir -p "$DEST"
cd "$DEST"
echo '{"name":"rill-test-host","private":true}' > package.json
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# code-server's own postinstall downloads ripgrep from the internet: do its work by hand instead.
npm install --no-save --ignore-scripts "code-server@$VERSION" >/dev/null
(cd node_modules/argon2 && npx node-pre-gyp rebuild >/dev/null 2>&1)
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts >/dev/null
npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid >/dev/null
mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev >/dev/null)
touch "$STAMP"
echo "VS Code $VERSION installed."
