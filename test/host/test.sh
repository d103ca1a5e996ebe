#!/usr/bin/env bash
# npm test: install the npm packages and the test VS Code if missing, build, type-check and compile the tests, then run
# every layer (unit, integration inside VS Code, e2e in Chromium). Ends with `N passed, M failed`.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

fail_setup() {
  echo "$1" >&2
  echo "0 passed, 1 failed"
  exit 1
}

# A fresh clone has no node_modules: install them, as npm start does.
[ -d node_modules ] || npm ci --no-fund --no-audit || fail_setup "npm ci failed."
bash test/host/install.sh || fail_setup "Could not install the test VS Code."
node esbuild.js || fail_setup "Build failed."
rm -rf out
echo "Type-checking and compiling tests..."
npx tsc -p . --outDir out || fail_setup "Type check failed."
node out/test/runners/all.js
