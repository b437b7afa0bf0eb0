#!/usr/bin/env bash
# Every test: unit, integration against real PostgreSQL/SQLite and Redis, and the portal in Chromium.
# With DATABASE_URL (postgresql://…) the integration tests create and drop their databases on that server;
# without it they use throw-away SQLite files.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/tools/setup.sh"
cd "$root"

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  say "the portal's browser tests need Chromium at $chromium_path: apt-get install chromium (or set CHROMIUM_PATH)"
  exit 1
fi
if ! node -e "const s=require('net').connect(${REDIS_PORT:-6379},'127.0.0.1');s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1))"; then
  say "Redis is not running on 127.0.0.1:6379: start it with 'redis-server --daemonize yes' (apt-get install redis-server)"
  exit 1
fi

say "running all tests on $([ -n "${DATABASE_URL:-}" ] && echo PostgreSQL || echo SQLite)"
pnpm turbo run test --concurrency=1 --output-logs=full
