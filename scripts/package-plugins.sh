#!/usr/bin/env bash
# Builds the native plugins as tarballs for `pulumi plugin install resource <name> <version> --file`:
# dist-plugins/pulumi-resource-<name>-v<version>-linux-amd64.tar.gz (the platform is the name
# Pulumi gives plugin archives; the content is Node.js and runs wherever Node 20 does).
# Each holds the launcher at its root and the package installed as a user installs it (the npm
# tarball, with @pulumi/pulumi, production dependencies only).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
version=$(node -p "require('./package.json').version")
sdk_version=$(node -p "require('./node_modules/@pulumi/pulumi/package.json').version")
out="$root/dist-plugins"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# dist/ is built already (npm run package builds first): no prepack rebuild under running tests.
tarball=$(npm pack --silent --ignore-scripts --pack-destination "$work" | tail -1)
mkdir "$work/plugin"
cat >"$work/plugin/package.json" <<JSON
{ "name": "pulumi-tuxcare-fluxark-plugin", "private": true, "dependencies": { "pulumi-tuxcare-fluxark": "file:../$tarball", "@pulumi/pulumi": "$sdk_version" } }
JSON
(cd "$work/plugin" && npm install --omit=dev --prefer-offline --no-audit --no-fund --no-package-lock --loglevel=error >&2)
for name in tuxcare fluxark; do
    cp "bin/pulumi-resource-$name" "$work/plugin/"
    file="$out/pulumi-resource-$name-v$version-linux-amd64.tar.gz"
    tar -czf "$file" -C "$work/plugin" --exclude="pulumi-resource-$([ "$name" = tuxcare ] && echo fluxark || echo tuxcare)" .
    echo "$file"
done
