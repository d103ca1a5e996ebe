#!/usr/bin/env bash
# npm start: install what is missing, build, and serve VS Code with Rill loaded.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
[ -d node_modules ] || npm ci --no-fund --no-audit
bash test/host/install.sh
node esbuild.js
npx tsc -p . --outDir out
exec node out/test/runners/start.js
