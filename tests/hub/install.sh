#!/bin/sh
# Install a JupyterHub version into .hubs/VERSION, or the proxy into .hubs/node.
# Usage: tests/hub/install.sh VERSION | proxy      (idempotent)
set -eu
cd "$(dirname "$0")/../.."

target="${1:?usage: $0 VERSION|proxy}"

if [ "$target" = proxy ]; then
    if [ -e .hubs/node/.installed ]; then
        echo "configurable-http-proxy already installed in .hubs/node"
        exit 0
    fi
    mkdir -p .hubs/node
    # configurable-http-proxy 5.3 pulls commander 15, which declares node >= 22.12
    # (npm warns EBADENGINE); it works on node 20.20 as installed here.
    npm install --no-audit --no-fund --prefix .hubs/node configurable-http-proxy@5
    touch .hubs/node/.installed
    echo "configurable-http-proxy installed in .hubs/node"
    exit 0
fi

# What each hub venv holds. jupyterhub-nativeauthenticator: a real authenticator with a sign-up form and
# passwords the hub keeps (tests/integration/targets/login); 1.3.0 installs on 4.1.6, 5.5.4 and 6.1.1.
packages="jupyterhub==$target jupyter_server jupyterhub-nativeauthenticator==1.3.0"

dir=".hubs/$target"
stamp="$dir/.installed"
if [ -e "$stamp" ] && [ "$stamp" -nt tests/hub/install.sh ]; then
    echo "jupyterhub $target already installed in $dir"
    exit 0
fi
if [ -e "$stamp" ]; then
    # installed by an older version of this script: add what it lacks, in place (other worktrees may share it)
    # shellcheck disable=SC2086  # $packages is a list of words
    "$dir/bin/pip" install --quiet --disable-pip-version-check $packages
    touch "$stamp"
    echo "jupyterhub $target updated in $dir"
    exit 0
fi
rm -rf "$dir"
python3.11 -m venv "$dir"
# shellcheck disable=SC2086
"$dir/bin/pip" install --quiet --disable-pip-version-check $packages
touch "$stamp"
echo "jupyterhub $target installed in $dir"
