#!/usr/bin/env bash
# The one command a new user runs: set-up, database, demo data, then the API, the worker, the portal
# and the local simulator channel in one process. Environment variables: see README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/tools/setup.sh"
cd "$root"
# A bounded heap: V8 otherwise lets garbage grow far past the live data before collecting it.
exec node --max-old-space-size="${MTREDI_MAX_HEAP_MB:-384}" apps/api/dist/cli.js start
