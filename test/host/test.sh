#!/usr/bin/env bash
# npm test: install what is missing (the npm packages, the system packages when root, the test
# VS Code lines), build, type-check and compile the tests, then run every layer (unit once,
# integration inside each VS Code line, e2e in Chromium). Ends with `N passed, M failed`.
# RILL_VSCODE=oldest|newest|both (default both) picks the VS Code lines; RILL_LAYERS (default all)
# picks the layers, and only the layers that run inside VS Code (integration, e2e) install a line:
# `RILL_LAYERS=unit npm test` neither waits for nor needs one.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

fail_setup() {
  echo "$1" >&2
  echo "0 passed, 1 failed"
  exit 1
}

[ -d node_modules ] || npm ci --no-fund --no-audit || fail_setup "npm ci failed."
bash test/host/install.sh "${RILL_VSCODE:-both}" || fail_setup "Could not install what the tests need."
node esbuild.js || fail_setup "Build failed."
rm -rf out
echo "Type-checking and compiling tests..."
npx tsc -p . --outDir out || fail_setup "Type check failed."
node out/test/runners/all.js
