#!/usr/bin/env bash
# Print the path of a working pythonX.Y, a line for each X.Y given: the one on PATH, else pyenv's
# (whose shim on PATH refuses a version that is installed but not selected), else fail saying
# what to install.
# Usage: tests/utils/find-python.sh 3.12 [3.13 ...]
set -euo pipefail
find_python() {
    local version=$1 installed
    if "python${version}" -c '' 2>/dev/null; then
        command -v "python${version}"
        return 0
    fi
    if command -v pyenv >/dev/null 2>&1; then
        installed=$(pyenv versions --bare | grep -E "^${version//./\\.}(\.[0-9]+)?$" | sort -V | tail -n 1 || true)
        if [ -n "${installed}" ] && [ -x "$(pyenv prefix "${installed}")/bin/python${version}" ]; then
            echo "$(pyenv prefix "${installed}")/bin/python${version}"
            return 0
        fi
    fi
    echo "find-python.sh: no working python${version} (install it, for example: pyenv install ${version})" >&2
    return 1
}
for version in "$@"; do
    find_python "${version}"
done
