#!/usr/bin/env bash
# Prints the path of a Chromium for the browser tests, installing Debian's `chromium` when none is
# found. Idempotent and quiet when a browser is present; the install's own output goes to stderr.
set -euo pipefail

find_chromium() {
    if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then echo "$CHROMIUM_PATH"; return 0; fi
    local candidate
    for candidate in chromium chromium-browser; do
        if command -v "$candidate" >/dev/null 2>&1; then command -v "$candidate"; return 0; fi
    done
    for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
        if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
    done
    return 1
}

if find_chromium; then exit 0; fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-browser: no Chromium found and no apt-get to install one; install Chromium and set CHROMIUM_PATH" >&2
    exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
else
    echo "setup-browser: no Chromium found; install it as root with 'apt-get install -y chromium' or set CHROMIUM_PATH" >&2
    exit 1
fi
echo "setup-browser: installing Debian's chromium (once)" >&2
"${as_root[@]}" apt-get update -qq >&2
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
find_chromium || { echo "setup-browser: chromium installed but not found on PATH" >&2; exit 1; }
