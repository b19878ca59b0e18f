#!/usr/bin/env bash
# Removal that knows what it destroys, on a hub of this test's own whose spawner deletes a user's
# home directory (and a named server's directory) when the hub deletes them, as KubeSpawner deletes
# PVCs: without acceptance nothing changes and the directories stay, suspend keeps them, acceptance
# removes them. The spawner is declared with spawner_storage only, as a user would declare theirs.
set -eu

config=../../integration_config.yml
setting() { sed -n "s/^$1: *//p" "$config" | tr -d "\"'"; }

hubctl=$(setting jupyterhub_hubctl)
python=$(setting jupyterhub_hubctl_python)
version=$(setting jupyterhub_version)
[ -n "$hubctl" ] && [ -n "$python" ] && [ -n "$version" ] || { echo "no jupyterhub_hubctl(_python)/jupyterhub_version in $config"; exit 1; }
name="storage-$version"  # one per hub version: the versions run side by side
hub_dir="$(cd "$(dirname "$hubctl")/.." && pwd)/output/hub-$name"

own_config=$(mktemp --suffix=.yml)
stop_own_hub() {
    "$python" "$hubctl" stop --version "$version" --name "$name" || true
    rm -f "$own_config"
}
trap stop_own_hub EXIT

"$python" "$hubctl" start --version "$version" --name "$name" --config-out "$own_config" --extra-config "
import sys
sys.path.insert(0, $(printf '%s' "$(dirname "$hubctl")" | "$python" -c 'import json, sys; print(json.dumps(sys.stdin.read()))'))
c.JupyterHub.spawner_class = 'jupyterhub_test_spawners.StorageDeletingSpawner'
" >/dev/null

ansible-playbook -i localhost, -e "@$own_config" -e "storage_root=$hub_dir/home" playbook.yml "$@"

deleted=$(grep -c 'StorageDeletingSpawner: deleting' "$hub_dir/hub.log" || true)
echo "the spawner deleted storage $deleted time(s)"
[ "$deleted" -gt 0 ] || { echo "FAILED: the spawner never deleted storage: the test proved nothing"; exit 1; }
