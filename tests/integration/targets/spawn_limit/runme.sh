#!/usr/bin/env bash
# A class started by group on a hub of this test's own that lets only 2 servers spawn at once
# (concurrent_spawn_limit), answering the others 429 with a Retry-After of 1 to 2 s: every
# server of the class must start all the same, in one task, and the hub's log must show the 429s.
set -eu

config=../../integration_config.yml
setting() { sed -n "s/^$1: *//p" "$config" | tr -d "\"'"; }

hubctl=$(setting jupyterhub_hubctl)
python=$(setting jupyterhub_hubctl_python)
version=$(setting jupyterhub_version)
[ -n "$hubctl" ] && [ -n "$python" ] && [ -n "$version" ] || { echo "no jupyterhub_hubctl(_python)/jupyterhub_version in $config"; exit 1; }
name="spawn-limit-$version"  # one per hub version: the versions run side by side
hub_log="$(dirname "$hubctl")/../output/hub-$name/hub.log"

own_config=$(mktemp --suffix=.yml)
stop_own_hub() {
    "$python" "$hubctl" stop --version "$version" --name "$name" || true
    rm -f "$own_config"
}
trap stop_own_hub EXIT

"$python" "$hubctl" start --version "$version" --name "$name" --config-out "$own_config" --extra-config "
c.JupyterHub.concurrent_spawn_limit = 2
c.JupyterHub.spawn_throttle_retry_range = (1, 2)
" >/dev/null

ansible-playbook -i localhost, -e "@$own_config" playbook.yml "$@"

throttled=$(grep -c '429 POST /hub/api/users/it-limit-[0-9]*/server' "$hub_log" || true)
echo "the hub answered $throttled start(s) with 429"
[ "$throttled" -gt 0 ] || { echo "FAILED: the hub never throttled a start: the test proved nothing"; exit 1; }
