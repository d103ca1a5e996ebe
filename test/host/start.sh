#!/usr/bin/env bash
# npm start: install what is missing, build, and serve VS Code with Rill loaded (the newest tested
# VS Code; RILL_VSCODE=oldest serves the oldest).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
[ -d node_modules ] || npm ci --no-fund --no-audit
line="${RILL_VSCODE:-newest}"
[ "$line" = both ] && line=newest
bash test/host/install.sh "$line"
node esbuild.js
npx tsc -p . --outDir out
exec node out/test/runners/start.js
