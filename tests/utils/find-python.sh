#!/usr/bin/env bash
# Print the path of a working pythonX.Y: the one on PATH, else pyenv's (whose shim on PATH
# refuses a version that is installed but not selected), else fail saying what to install.
# Usage: tests/utils/find-python.sh 3.12
set -euo pipefail
version="${1:?usage: $0 X.Y}"
if "python${version}" -c '' 2>/dev/null; then
    command -v "python${version}"
    exit 0
fi
if command -v pyenv >/dev/null 2>&1; then
    installed=$(pyenv versions --bare | grep -E "^${version//./\\.}(\.[0-9]+)?$" | sort -V | tail -n 1 || true)
    if [ -n "${installed}" ] && [ -x "$(pyenv prefix "${installed}")/bin/python${version}" ]; then
        echo "$(pyenv prefix "${installed}")/bin/python${version}"
        exit 0
    fi
fi
echo "find-python.sh: no working python${version} (install it, for example: pyenv install ${version})" >&2
exit 1
