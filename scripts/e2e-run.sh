#!/usr/bin/env bash
# npm run test:e2e: installs code-server + chromium if needed (scripts/e2e-setup.sh), packages the
# extension, runs the extension test suite inside code-server's extension host (test/vscode, through
# the code shim), then drives the .vsix in code-server with headless chromium (test/e2e/e2e.mjs).
# Screenshots go to test/e2e/screenshots/tmp/ (or $DAYTWO_E2E_SHOTS).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/e2e-setup.sh
npm run package
npm run test:vscode
# Last, so its "e2e: N passed, N failed" line closes the run.
node test/e2e/e2e.mjs "daytwo-$(node -p 'require("./package.json").version').vsix" "${DAYTWO_E2E_SHOTS:-test/e2e/screenshots/tmp}"
