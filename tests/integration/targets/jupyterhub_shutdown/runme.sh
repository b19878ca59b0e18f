#!/usr/bin/env bash
# jupyterhub_shutdown stops a hub, so it runs against a hub of its own, beside the shared one:
# started here with the shared hub's hubctl.py and version, and always stopped here.
set -eu

# shellcheck source-path=SCRIPTDIR
source ../setup_own_hub/own_hub.sh

own_hub_start shutdown-test
pid=$(cat "$(own_hub_dir shutdown-test)/hub.pid")

ansible-playbook -i localhost, -e "@$own_config" playbook.yml "$@"

# The playbook waited for the hub to stop answering; its process must be gone too.
for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
done
if kill -0 "$pid" 2>/dev/null; then
    echo "FAILED: the hub (pid $pid) still runs after jupyterhub_shutdown"
    exit 1
fi
echo "the hub (pid $pid) is gone"
