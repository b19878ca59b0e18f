#!/usr/bin/env bash
# Removal that knows what it destroys, on a hub of this test's own whose spawner deletes a user's
# home directory (and a named server's directory) when the hub deletes them, as KubeSpawner deletes
# PVCs: without acceptance nothing changes and the directories stay, suspend keeps them, acceptance
# removes them. The spawner is declared with spawner_storage only, as a user would declare theirs.
set -eu

# shellcheck source-path=SCRIPTDIR
source ../setup_own_hub/own_hub.sh

own_hub_start storage "
import sys
sys.path.insert(0, $(printf '%s' "$(dirname "$hubctl")" | "$python" -c 'import json, sys; print(json.dumps(sys.stdin.read()))'))
c.JupyterHub.spawner_class = 'jupyterhub_test_spawners.StorageDeletingSpawner'
"
hub_dir=$(own_hub_dir storage)

ansible-playbook -i localhost, -e "@$own_config" -e "storage_root=$hub_dir/home" playbook.yml "$@"

deleted=$(grep -c 'StorageDeletingSpawner: deleting' "$hub_dir/hub.log" || true)
echo "the spawner deleted storage $deleted time(s)"
[ "$deleted" -gt 0 ] || { echo "FAILED: the spawner never deleted storage: the test proved nothing"; exit 1; }
