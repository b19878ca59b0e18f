#!/usr/bin/env bash
# Runs playbook.yml at -vvv and checks that no secret it used shows up in the output.
# (No `set -x`: it would print the very secrets this test looks for.)
set -eu

config=../../integration_config.yml
setting() { sed -n "s/^$1: *//p" "$config" | tr -d "\"'"; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT

JUPYTERHUB_API_TOKEN=$(setting jupyterhub_readonly_token) \
    ansible-playbook -vvv -e "@$config" playbook.yml "$@" >"$log" 2>&1 || { tail -n 50 "$log"; exit 1; }

for name in jupyterhub_api_token jupyterhub_readonly_token jupyterhub_proxy_auth_token; do
    secret=$(setting "$name")
    [ -n "$secret" ] || { echo "no $name in $config"; exit 1; }
    if grep -qF -- "$secret" "$log"; then
        echo "FAILED: the value of $name appears in the -vvv output"
        exit 1
    fi
done
grep -q "jupyterhub_info" "$log" || { echo "FAILED: the playbook did not run the modules"; exit 1; }
echo "no secret in $(wc -l <"$log") lines of -vvv output"
