#!/usr/bin/env bash
# Brings this machine to what Mtredi needs (Node.js 24, pnpm at the pinned version), installs the
# dependencies from the lockfile and builds every package. Sourced by start.sh and test.sh; safe to repeat.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pnpm_version="$(node -p "require('$root/package.json').packageManager.split('@')[1]" 2>/dev/null || echo 12.21.0)"

say() { printf '\033[1mmtredi:\033[0m %s\n' "$*"; }

# Where global npm installs go: /usr/local when writable (puts node first on PATH), else ~/.local.
npm_prefix=/usr/local
[ -w "$npm_prefix/bin" ] || npm_prefix="$HOME/.local"
export PATH="$npm_prefix/bin:$PATH"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 24 ]; then
  command -v npm >/dev/null || { say "Node.js is missing: install Node.js 24 (or any Node.js with npm) first."; exit 1; }
  say "Node.js $(node -v 2>/dev/null || echo none) is too old; installing Node.js 24 from the npm registry into $npm_prefix"
  npm install --global --prefix "$npm_prefix" node@24 >/dev/null
  hash -r
fi
[ "$(node_major)" -ge 24 ] || { say "Node.js 24 is required; found $(node -v)."; exit 1; }

if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  say "installing pnpm $pnpm_version"
  npm install --global --prefix "$npm_prefix" "pnpm@$pnpm_version" >/dev/null
  hash -r
fi

# Native addons (argon2) build against the running Node's own headers, not an older system copy.
node_headers="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
if [ -d "$node_headers/include/node" ]; then
  export npm_config_nodedir="$node_headers"
fi

cd "$root"
say "installing dependencies"
pnpm install --frozen-lockfile --reporter=silent
say "building"
pnpm turbo run build --output-logs=errors-only >/dev/null
