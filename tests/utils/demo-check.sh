#!/usr/bin/env bash
# `make demo` as a newcomer runs it, on a hub of its own (demo-check, not demo's), then that hub
# stopped: the demo's whole output (kept in LOG) only if it failed, else what it proved.
# Usage: tests/utils/demo-check.sh PYTHON HUB_VERSION LOG   (PYTHON: the tool venv's)
set -eu
python=$1 version=$2 log=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
status=0
"$python" "$root/tests/utils/demo.py" "$version" demo-check >"$log" 2>&1 || status=$?
"$python" "$root/tests/hub/hubctl.py" stop --version "$version" --name demo-check 2>/dev/null || true
if [ "$status" -ne 0 ]; then
    cat "$log"
    exit "$status"
fi
sed -n '/^== The demo proved/,/^$/p' "$log"
