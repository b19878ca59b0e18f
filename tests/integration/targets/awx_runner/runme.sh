#!/usr/bin/env bash
# Runs examples/awx-job-template.yml through ansible-runner twice, as AWX runs a job: a private data
# directory with the project, an inventory, and the credential of examples/awx-credential-type.yml
# injected as AWX injects it. awx_job.py says what it checks. (No `set -x`: it would print secrets.)
set -eu

config=../../integration_config.yml
[ -f "$config" ] || { echo "FAILED: no $config (tests/hub/hubctl.py run --config-out writes it)"; exit 1; }

# The collection as the job finds it, on ANSIBLE_COLLECTIONS_PATH (AWX: installed in the execution environment).
collection=
IFS=: read -r -a paths <<<"${ANSIBLE_COLLECTIONS_PATH:-}"
for path in "${paths[@]}"; do
    if [ -f "$path/ansible_collections/jupyterhub/hub/examples/awx-job-template.yml" ]; then
        collection=$path/ansible_collections/jupyterhub/hub
        break
    fi
done
[ -n "$collection" ] || { echo "FAILED: no jupyterhub.hub with examples/ on ANSIBLE_COLLECTIONS_PATH=${ANSIBLE_COLLECTIONS_PATH:-}"; exit 1; }

# ansible-runner of the interpreter that runs ansible-playbook, whose bin directory the job's PATH gets.
python=$(python -c 'import sys; print(sys.executable)')
[ -x "$(dirname "$python")/ansible-playbook" ] || { echo "FAILED: no ansible-playbook next to $python"; exit 1; }
"$python" -c 'import ansible_runner' 2>/dev/null \
    || { echo "FAILED: ansible-runner is not installed for $python (pip install ansible-runner==2.4.3)"; exit 1; }

work=$(mktemp -d)
cleanup() {
    ansible-playbook -i localhost, -e "@$config" -e @roster.yml cleanup.yml >"$work/cleanup.log" 2>&1 \
        || { echo "cleanup failed:"; tail -n 20 "$work/cleanup.log"; }
    rm -rf "$work"
}
trap cleanup EXIT

"$python" awx_job.py --config "$config" --collection "$collection" --roster roster.yml --work "$work"
