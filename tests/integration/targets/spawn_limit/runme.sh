#!/usr/bin/env bash
# A class started by group on a hub of this test's own that lets only 2 servers spawn at once
# (concurrent_spawn_limit), answering the others 429 with a Retry-After of 1 to 2 s: every
# server of the class must start all the same, in one task, and the hub's log must show the 429s.
set -eu

# shellcheck source-path=SCRIPTDIR
source ../setup_own_hub/own_hub.sh

own_hub_start spawn-limit "
c.JupyterHub.concurrent_spawn_limit = 2
c.JupyterHub.spawn_throttle_retry_range = (1, 2)
"
hub_log="$(own_hub_dir spawn-limit)/hub.log"

ansible-playbook -i localhost, -e "@$own_config" playbook.yml "$@"

throttled=$(grep -c '429 POST /hub/api/users/it-limit-[0-9]*/server' "$hub_log" || true)
echo "the hub answered $throttled start(s) with 429"
[ "$throttled" -gt 0 ] || { echo "FAILED: the hub never throttled a start: the test proved nothing"; exit 1; }
