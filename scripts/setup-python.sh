#!/usr/bin/env bash
# Puts a Python virtual environment with the Pulumi SDK (at the version of @pulumi/pulumi installed
# here) and this checkout's generated Python SDKs within reach, and prints its python.
# The venv lives in the same cache as the Pulumi CLI build (PULUMI_TUXCARE_FLUXARK_CACHE, default
# ~/.cache/pulumi-tuxcare-fluxark), keyed by that version; the SDKs are installed editable, so a
# regenerated SDK is used at once.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=$(node -p "require('$root/node_modules/@pulumi/pulumi/package.json').version")
cache=${PULUMI_TUXCARE_FLUXARK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tuxcare-fluxark}
venv="$cache/python-pulumi-v$version"
pip() { "$venv/bin/python" -m pip --quiet --disable-pip-version-check "$@"; }

mkdir -p "$cache"
exec 9>"$cache/python.lock"
flock 9
if ! "$venv/bin/python" -c "import pulumi, semver, parver" 2>/dev/null; then
    echo "setup-python: creating $venv with pulumi==$version" >&2
    rm -rf "$venv"
    python3 -m venv "$venv"
    pip install "pulumi==$version" "semver>=2.8.1" "parver>=0.2.1" >&2
fi
pip install --no-deps -e "$root/sdk/python/tuxcare" -e "$root/sdk/python/fluxark" >&2
echo "$venv/bin/python"
