#!/usr/bin/env bash
# A virtual environment made anew: DIR removed, made with PYTHON (an X.Y, found by find-python.sh,
# or a command), the pip requirements installed, then DIR/.installed touched, the stamp Make checks.
# Usage: tests/utils/make-venv.sh DIR PYTHON PIP_INSTALL_ARGUMENTS...
set -euo pipefail
dir=$1 python=$2
shift 2
if [[ "${python}" =~ ^[0-9]+\.[0-9]+$ ]]; then
    python=$("$(dirname "$0")/find-python.sh" "${python}")
fi
rm -rf "${dir}"
"${python}" -m venv "${dir}"
"${dir}/bin/pip" install --quiet --disable-pip-version-check "$@"
touch "${dir}/.installed"
