#!/usr/bin/env bash
# jupyterhub_shutdown stops a hub, so it runs against a hub of its own, beside the shared one:
# started here with the shared hub's hubctl.py and version, and always stopped here.
set -eu

config=../../integration_config.yml
setting() { sed -n "s/^$1: *//p" "$config" | tr -d "\"'"; }

hubctl=$(setting jupyterhub_hubctl)
python=$(setting jupyterhub_hubctl_python)
version=$(setting jupyterhub_version)
[ -n "$hubctl" ] && [ -n "$python" ] && [ -n "$version" ] || { echo "no jupyterhub_hubctl(_python)/jupyterhub_version in $config"; exit 1; }
name="shutdown-test-$version"  # one per hub version: the versions run side by side
work="$(dirname "$hubctl")/../output/hub-$name"

own_config=$(mktemp --suffix=.yml)
stop_own_hub() {
    "$python" "$hubctl" stop --version "$version" --name "$name" || true
    rm -f "$own_config"
}
trap stop_own_hub EXIT

"$python" "$hubctl" start --version "$version" --name "$name" --config-out "$own_config" >/dev/null
pid=$(cat "$work/hub.pid")

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
