#!/usr/bin/env bash
# Copies the collection's files (those git tracks or would track) to
# DEST_ROOT/ansible_collections/jupyterhub/hub (DEST_ROOT: the first argument, default build), where ansible-test and ansible-doc expect
# a collection to live. A copy, not a symlink: ansible-test resolves links to the real path.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dest="${1:-$root/build}/ansible_collections/jupyterhub/hub"
cd "$root"
rm -rf "$dest"
mkdir -p "$dest"
git ls-files -z --cached --others --exclude-standard \
    | while IFS= read -r -d '' file; do [ -e "$file" ] && printf '%s\0' "$file"; done \
    | tar --null --files-from=- -cf - | tar -xf - -C "$dest"
echo "$dest"
