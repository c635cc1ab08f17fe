#!/usr/bin/env bash
# Puts a working Pulumi engine within reach and prints the folder to add to PATH.
#
# 1. A `pulumi` already on PATH is used as it is.
# 2. Otherwise the CLI is built from Pulumi's own Go modules, at the version of @pulumi/pulumi
#    installed here, with the official flags, into a cache outside the repository keyed by that
#    version (PULUMI_TUXCARE_FLUXARK_CACHE, default ~/.cache/pulumi-tuxcare-fluxark); later runs
#    reuse it. `pulumi-language-nodejs` is built beside it when the Go module proxy serves its
#    module (it has no tags of its own: the pseudo-version of the commit tagged pkg/v3.<minor>.0).
#    The tests and the demo run programs inline through the Automation API, where the SDK serves
#    the language runtime itself, so they need only the CLI.
#    `pulumi-language-yaml` (Pulumi YAML's language host, a module of its own with tags and no
#    `replace`) is built beside it with `go install`, cached by its version in the same cache
#    (bin-yaml-v<version>/), so `pulumi up` runs in a YAML project folder (examples/yaml-*).
#    The folder printed is then `.pulumi-engine/` in this clone (ignored by git): a hard link of
#    that CLI with the plugins the engine calls "bundled" beside it. The engine expects those next
#    to the running `pulumi` and warns "using pulumi-resource-pulumi-nodejs from $PATH" on every
#    run when they are not; the cache itself stays as built, shared by every clone.
# `pulumi-resource-pulumi-nodejs` comes with the npm package, and `pulumi-analyzer-policy-nodejs`
# (scripts/plugins/) boots a Node.js policy pack for an engine without a Node.js language host.
#
# Both Go modules carry `replace` directives, so `go install pkg@version` is refused: a small
# wrapper module requires them instead and repeats the one replace that matters.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sdk_dir="$root/node_modules/@pulumi/pulumi"
if [ ! -f "$sdk_dir/package.json" ]; then
    echo "setup-pulumi: run 'npm ci' first (node_modules/@pulumi/pulumi is missing)" >&2
    exit 1
fi
version=$(node -p "require('$sdk_dir/package.json').version")

log() { echo "setup-pulumi: $*" >&2; }

# Prints the PATH folder for the CLI built in $1 (and the language host in $2, if built): a
# per-clone folder holding a hard link (a copy across file systems) of each file of $1 and $2 and
# of the SDK's and this repository's plugin launchers.
engine_path() {
    local engine="$root/.pulumi-engine" file name
    mkdir -p "$engine"
    for file in "$1"/* "${2:-/nonexistent}"/pulumi-language-yaml "$sdk_dir/pulumi-resource-pulumi-nodejs" "$root/scripts/plugins/pulumi-analyzer-policy-nodejs"; do
        [ -e "$file" ] || continue
        name=$(basename "$file")
        { [ "$engine/$name" -ef "$file" ] || cmp -s "$engine/$name" "$file"; } && continue
        # Via a temporary name and a rename, so a run starting meanwhile never sees half a file.
        ln -f "$file" "$engine/.$name.$$" 2>/dev/null || cp -p "$file" "$engine/.$name.$$"
        mv -f "$engine/.$name.$$" "$engine/$name"
    done
    echo "$engine"
}

# The YAML language host, built once per version with `go install` into $1 (a cache folder). Quiet
# unless it builds (a minute or two); a failure is logged and leaves the CLI usable as before.
yaml_version=v1.38.1
yaml_host() {
    local dir="$1" log
    [ -x "$dir/pulumi-language-yaml" ] && return 0
    command -v go >/dev/null 2>&1 || { log "pulumi-language-yaml not built: no Go toolchain"; return 0; }
    mkdir -p "$dir" && log="$dir/build.log"
    log "building pulumi-language-yaml $yaml_version (once per version; log: $log)"
    if GOTOOLCHAIN=local GOFLAGS=-mod=mod GOBIN="$dir" go install -trimpath \
        -ldflags "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=$yaml_version" \
        "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@$yaml_version" >"$log" 2>&1; then
        log "built pulumi-language-yaml $yaml_version"
    else
        log "pulumi-language-yaml not built (YAML projects will not run):"; tail -5 "$log" >&2
    fi
}

if command -v pulumi >/dev/null 2>&1 && [ -z "${PULUMI_TUXCARE_FLUXARK_FORCE_BUILD:-}" ]; then
    log "using $(command -v pulumi) ($(pulumi version 2>/dev/null || echo 'unknown version'))"
    echo "$(dirname "$(command -v pulumi)"):$sdk_dir:$root/scripts/plugins"
    exit 0
fi

cache=${PULUMI_TUXCARE_FLUXARK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tuxcare-fluxark}
bin="$cache/pulumi-v$version/bin"
yaml_bin="$cache/pulumi-language-yaml-$yaml_version"
if [ -x "$bin/pulumi" ] && [ "$("$bin/pulumi" version 2>/dev/null)" = "v$version" ]; then
    (flock 8 && yaml_host "$yaml_bin") 8>"$cache/yaml-build.lock"
    engine_path "$bin" "$yaml_bin"
    exit 0
fi

command -v go >/dev/null 2>&1 || { log "no pulumi on PATH and no Go toolchain to build it"; exit 1; }
mkdir -p "$cache"
exec 9>"$cache/build.lock"
flock 9
# Another run may have built it while this one waited for the lock.
if [ -x "$bin/pulumi" ] && [ "$("$bin/pulumi" version 2>/dev/null)" = "v$version" ]; then
    (flock 8 && yaml_host "$yaml_bin") 8>"$cache/yaml-build.lock"
    engine_path "$bin" "$yaml_bin"
    exit 0
fi

export GOTOOLCHAIN=local GOFLAGS=-mod=mod
# The checksum database does not list every Pulumi module version the proxy serves.
export GONOSUMDB=${GONOSUMDB:+$GONOSUMDB,}github.com/pulumi/pulumi
work="$cache/pulumi-v$version/build"
rm -rf "$work" && mkdir -p "$work" "$bin"
ldflags="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version"
build() { (cd "$work" && go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$bin/$1" "$2"); }

cat >"$work/go.mod" <<EOF
module pulumi-tuxcare-fluxark/pulumi-build

go 1.25

require (
	github.com/pulumi/pulumi/pkg/v3 v$version
	github.com/pulumi/pulumi/sdk/v3 v$version
)

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
EOF
cat >"$work/tools.go" <<'EOF'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
EOF

log "building the Pulumi CLI v$version from Go modules (several minutes, once per version)"
(cd "$work" && go mod tidy >"$work/tidy.log" 2>&1) || { log "go mod tidy failed:"; tail -20 "$work/tidy.log" >&2; exit 1; }
build pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi

# The language host: optional here (see above), built when its module can be fetched.
lang=github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
pseudo=$(cd "$work" && go list -m -json "github.com/pulumi/pulumi/pkg/v3@v$version" 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const m=JSON.parse(s);const t=m.Time.replace(/[-:TZ]/g,"").slice(0,14);const h=(m.Origin&&m.Origin.Hash||"").slice(0,12);if(h)console.log(`v3.0.0-${t}-${h}`)})' || true)
if [ -n "$pseudo" ] && (cd "$work" && go get "$lang@$pseudo" >"$work/lang.log" 2>&1 && go mod tidy >>"$work/lang.log" 2>&1); then
    cat >>"$work/tools.go" <<EOF

import _ "$lang"
EOF
    build pulumi-language-nodejs "$lang" && log "built pulumi-language-nodejs ($pseudo)"
else
    log "pulumi-language-nodejs not built: the Go module proxy does not serve $lang${pseudo:+@$pseudo}"
    log "(tests and the demo do not need it; 'pulumi up' in a project folder does)"
fi

"$bin/pulumi" version >/dev/null
(flock 8 && yaml_host "$yaml_bin") 8>"$cache/yaml-build.lock"
engine_path "$bin" "$yaml_bin"
