#!/usr/bin/env bash
# Copyright (c) jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The execution environment, checked with ansible-builder and no container engine:
#   1. `ansible-builder create` makes the build context of examples/execution-environment.yml, whose
#      Galaxy requirements name jupyterhub.hub and whose Python requirements name requests;
#   2. `ansible-builder introspect`, which an image build runs on the collections it installed, finds
#      requests in this collection (meta/execution-environment.yml -> requirements.txt).
#
# Usage: tests/utils/ee-check.sh COLLECTIONS
#   COLLECTIONS: a directory with ansible_collections/jupyterhub/hub in it (build/, the staged copy), or
#   the collection's tarball (what Galaxy serves), which is installed into a temporary directory first.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
[ $# = 1 ] || { echo "usage: $0 COLLECTIONS_DIR|COLLECTION_TARBALL" >&2; exit 2; }
command -v ansible-builder >/dev/null || { echo "FAILED: no ansible-builder on PATH (tests/requirements-dev.txt)"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. the build context
if ! ansible-builder create -f "$root/examples/execution-environment.yml" --context "$tmp/context" >"$tmp/create.log" 2>&1; then
    echo "FAILED: ansible-builder create -f examples/execution-environment.yml:"
    cat "$tmp/create.log"
    exit 1
fi
build=$tmp/context/_build
[ -f "$tmp/context/Containerfile" ] || [ -f "$tmp/context/Dockerfile" ] || { echo "FAILED: ansible-builder create wrote no Containerfile"; exit 1; }
grep -Eq '^ *(- )?name: *["'"'"']?jupyterhub\.hub["'"'"']? *$' "$build/requirements.yml" \
    || { echo "FAILED: the build context's Galaxy requirements do not name jupyterhub.hub:"; cat "$build/requirements.yml"; exit 1; }
grep -Eq '^requests([<>=!~ ;[]|$)' "$build/requirements.txt" \
    || { echo "FAILED: the build context's Python requirements do not name requests:"; cat "$build/requirements.txt"; exit 1; }
echo "ansible-builder create: the context of examples/execution-environment.yml installs jupyterhub.hub and requests"

# 2. introspection of the collection as an image build finds it
collections=$1
if [ -f "$collections" ]; then
    # --force: a copy already on ANSIBLE_COLLECTIONS_PATH (build/) would make it install nothing
    ansible-galaxy collection install --offline --force -p "$tmp/collections" "$collections" >"$tmp/install.log" 2>&1 \
        || { echo "FAILED: ansible-galaxy collection install $collections:"; cat "$tmp/install.log"; exit 1; }
    collections=$tmp/collections
fi
[ -d "$collections/ansible_collections/jupyterhub/hub" ] || { echo "FAILED: no ansible_collections/jupyterhub/hub in $collections"; exit 1; }
if ! ansible-builder introspect --sanitize --write-pip "$tmp/pip.txt" "$collections" >"$tmp/introspect.log" 2>&1; then
    echo "FAILED: ansible-builder introspect $collections:"
    cat "$tmp/introspect.log"
    exit 1
fi
if ! grep -Eq '^requests([<>=!~ ;[]|$).*# from collection jupyterhub\.hub' "$tmp/pip.txt" 2>/dev/null; then
    echo "FAILED: ansible-builder introspect lists no requests from jupyterhub.hub in $1:"
    cat "$tmp/introspect.log"
    exit 1
fi
echo "ansible-builder introspect: $(grep -E '^requests' "$tmp/pip.txt") ($1)"
