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

dir=".hubs/$target"
if [ -e "$dir/.installed" ]; then
    echo "jupyterhub $target already installed in $dir"
    exit 0
fi
rm -rf "$dir"
python3.11 -m venv "$dir"
"$dir/bin/pip" install --quiet --disable-pip-version-check "jupyterhub==$target" jupyter_server
touch "$dir/.installed"
echo "jupyterhub $target installed in $dir"
