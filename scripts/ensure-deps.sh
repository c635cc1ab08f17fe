#!/usr/bin/env bash
# Installs the locked dependencies when node_modules is missing or older than the lockfile,
# so a fresh clone needs no separate install step.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund >&2
fi
