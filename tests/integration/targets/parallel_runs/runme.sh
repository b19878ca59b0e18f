#!/usr/bin/env bash
# The same tasks from five forks at the same time must all succeed and converge.
set -eu
ansible-playbook -i inventory.ini --forks 5 -e @../../integration_config.yml parallel.yml "$@"
