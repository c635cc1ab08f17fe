#!/usr/bin/env bash
# Runs a command with the Pulumi engine on PATH (see setup-pulumi.sh: the CLI with the plugins it
# ships with beside it, and the policy pack's analyzer launcher) and a quiet, offline setup.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dirs=$("$here/setup-pulumi.sh")
# bin/ holds the native provider plugins (pulumi-resource-tuxcare, -fluxark), found on PATH by the engine.
export PATH="$(dirname "$here")/bin:$dirs:$PATH"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
exec "$@"
