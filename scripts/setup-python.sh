#!/usr/bin/env bash
# Puts a Python virtual environment with the Pulumi SDK (at the version of @pulumi/pulumi installed
# here) and this checkout's generated Python SDKs within reach, and prints its python.
# The venv lives in the same cache as the Pulumi CLI build (PULUMI_TUXCARE_FLUXARK_CACHE, default
# ~/.cache/pulumi-tuxcare-fluxark), keyed by that version. The SDKs are installed as users get them:
# wheels built by `python -m build` (what the release workflow publishes) from a copy of sdk/python,
# installed afresh on every run, so a regenerated SDK is used at once.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=$(node -p "require('$root/node_modules/@pulumi/pulumi/package.json').version")
cache=${PULUMI_TUXCARE_FLUXARK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tuxcare-fluxark}
venv="$cache/python-pulumi-v$version"
pip() { "$venv/bin/python" -m pip --quiet --disable-pip-version-check "$@"; }

mkdir -p "$cache"
exec 9>"$cache/python.lock"
flock 9
if ! "$venv/bin/python" -c "import pulumi, semver, parver, build, setuptools, wheel" 2>/dev/null; then
    echo "setup-python: creating $venv with pulumi==$version" >&2
    rm -rf "$venv"
    python3 -m venv "$venv"
    pip install "pulumi==$version" "semver>=2.8.1" "parver>=0.2.1" "build>=1.2" "setuptools>=61" wheel >&2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/sdk/python" "$work/src"
for pkg in tuxcare fluxark; do
    # The venv's setuptools (the pyproject's build requirement) instead of a fresh download per build.
    "$venv/bin/python" -m build --wheel --no-isolation --outdir "$work/wheels" "$work/src/$pkg" >&2
done
pip install --no-deps --force-reinstall "$work"/wheels/*.whl >&2
echo "$venv/bin/python"
