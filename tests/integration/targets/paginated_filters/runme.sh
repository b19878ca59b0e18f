#!/usr/bin/env bash
# Filtered listings on a hub of this test's own, with pages of 4 users at most: the hub cuts a
# page of active users before it keeps the ready ones, so a page of servers still starting
# comes back empty with a next page, and the listing must go on to the end.
set -eu

config=../../integration_config.yml
setting() { sed -n "s/^$1: *//p" "$config" | tr -d "\"'"; }

hubctl=$(setting jupyterhub_hubctl)
python=$(setting jupyterhub_hubctl_python)
version=$(setting jupyterhub_version)
[ -n "$hubctl" ] && [ -n "$python" ] && [ -n "$version" ] || { echo "no jupyterhub_hubctl(_python)/jupyterhub_version in $config"; exit 1; }
name="pagination-test-$version"  # one per hub version: the versions run side by side

own_config=$(mktemp --suffix=.yml)
stop_own_hub() {
    "$python" "$hubctl" stop --version "$version" --name "$name" || true
    rm -f "$own_config"
}
trap stop_own_hub EXIT

"$python" "$hubctl" start --version "$version" --name "$name" --config-out "$own_config" \
    --extra-config "c.JupyterHub.api_page_max_limit = 4" >/dev/null

ansible-playbook -i localhost, -e "@$own_config" playbook.yml "$@"
