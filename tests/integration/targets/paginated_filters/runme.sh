#!/usr/bin/env bash
# Filtered listings on a hub of this test's own, with pages of 4 users at most: the hub cuts a
# page of active users before it keeps the ready ones, so a page of servers still starting
# comes back empty with a next page, and the listing must go on to the end.
set -eu

# shellcheck source-path=SCRIPTDIR
source ../setup_own_hub/own_hub.sh

own_hub_start pagination-test "c.JupyterHub.api_page_max_limit = 4"

ansible-playbook -i localhost, -e "@$own_config" playbook.yml "$@"
