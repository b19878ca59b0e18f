#!/usr/bin/env bash
# Copyright (c) jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Make ansible-test work without access to its download host.
#
# ansible-test bootstraps pip into the virtual environments it manages (every
# sanity test with requirements) by running a get-pip.py it downloads, unless
# ~/.ansible/test/cache/get_pip_<pip version, dots as underscores>.py exists.
# This copies tests/utils/get_pip.py (ensurepip + "pip install <args>") there
# under every name known ansible-core releases look for, plus the name the
# installed ansible-test (if any) asks for.  Idempotent; safe to run often.
#
# Usage: tests/utils/setup-ansible-test.sh [PYTHON ...]
#   PYTHON: interpreter of a venv with ansible-test (default: python3 on PATH), only
#           used to ask its ansible-test which pip version it wants.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source_file="${here}/get_pip.py"
cache_dir="${HOME}/.ansible/test/cache"

# pip versions ansible-test pins in get_venv_packages():
#   ansible-core 2.17: 23.1.2   2.18/2.19: 24.2   2.20/2.21: 25.2
versions=(23.1.2 24.2 25.2)

# Ask each installed ansible-test too, so a newer ansible-core keeps working.
for python in "${@:-python3}"; do
    if detected="$("${python}" - <<'EOF' 2>/dev/null
import os, re
import ansible_test
path = os.path.join(os.path.dirname(ansible_test.__file__), '_internal', 'python_requirements.py')
with open(path) as handle:
    for version in sorted(set(re.findall(r"""\bpip=['"]([0-9][0-9.]*)['"]""", handle.read()))):
        print(version)
EOF
)"; then
        for version in ${detected}; do
            versions+=("${version}")
        done
    fi
done

mkdir -p "${cache_dir}"

for version in $(printf '%s\n' "${versions[@]}" | sort -u); do
    target="${cache_dir}/get_pip_${version//./_}.py"
    if ! cmp -s "${source_file}" "${target}"; then
        cp "${source_file}" "${target}.tmp"
        mv "${target}.tmp" "${target}"
        echo "installed ${target}"
    fi
done

# ansible-test makes its SSH key on first use of ~/.ansible/test: integration runs started side by
# side (make test) would race to write it, and all but one fail. Make it once, as ansible-test does.
# (ansible-test's core_ci.py: generate_key_pair, with its fix of the PEM header for paramiko)
key="${HOME}/.ansible/test/id_rsa"
if [ ! -f "${key}" ] || [ ! -f "${key}.pub" ]; then
    rm -f "${key}" "${key}.pub"
    ssh-keygen -m PEM -q -t rsa -N '' -f "${key}"
    sed -i -E 's/(BEGIN|END) PRIVATE KEY/\1 RSA PRIVATE KEY/' "${key}"
    echo "made ${key}"
fi
