#!/usr/bin/env bash
# The usage report playbook (ansible-playbook jupyterhub.hub.usage_report, docs/usage-report.md), on a hub of this
# test's own, with pages of 2 users at most so that 7 users take 4 pages, and no activity updates while it runs.
# setup.yml makes users whose names the CSV must quote or escape, groups, a running default server, a stopped named
# server and an auth_state holding a known secret; check_report.py parses each CSV with Python's csv module and checks
# every row and column, and counts the report's API calls in the hub's log.
#   1. check mode reports a change and writes nothing; --diff shows the rows;
#   2. the real run writes the file (0600), every row right, in one paginated listing and no call per user;
#   3. a second run changes nothing;
#   4. name_filter, group, another delimiter and no formula escaping; a token with only the scopes the docs name; the
#      hub from role variables, and from a play's module_defaults, instead of the environment;
#   5. bad input fails, saying why, and writes nothing: no path, an unknown group, a token that cannot read the
#      columns, an API URL where no hub answers;
#   6. no secret (the auth_state, the tokens) in any output or file.
# Cleanup: the hub is stopped and its work directory wiped (trap). (No `set -x`: it would print secrets.)
set -eu

# shellcheck source-path=SCRIPTDIR
source ../setup_own_hub/own_hub.sh

hub_log="$(own_hub_dir usage-report)/hub.log"
page_limit=2
tmp=$own_tmp  # the runs' outputs and CSVs

fail() {
    echo "FAILED: $*"
    exit 1
}

# a service with the scopes docs/usage-report.md names as enough, and one whose token may list the users and read
# their names, nothing else
reporter_token=$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')
names_only_token=$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')
own_hub_start usage-report "
c.JupyterHub.services += [{'name': 'reporter', 'api_token': '$reporter_token'}, {'name': 'names-only', 'api_token': '$names_only_token'}]
c.JupyterHub.load_roles += [
    {'name': 'usage-report', 'scopes': ['list:users', 'read:users', 'read:servers', 'read:groups:name'], 'services': ['reporter']},
    {'name': 'names-only', 'scopes': ['list:users', 'read:users:name'], 'services': ['names-only']},
]
c.JupyterHub.api_page_max_limit = $page_limit
c.JupyterHub.api_page_default_limit = $page_limit
c.JupyterHub.last_activity_interval = 3600
c.Spawner.environment = {'JUPYTERHUB_ACTIVITY_INTERVAL': '3600'}
"
[ -f "$hub_log" ] || fail "no hub log at $hub_log"

export ANSIBLE_NOCOLOR=1 ANSIBLE_STDOUT_CALLBACK=ansible.builtin.default ANSIBLE_DEPRECATION_WARNINGS=0
auth_state_secret="upstream-oauth-secret-$(date +%s%N)"
ansible-playbook -i localhost, -e "@$own_config" -e "auth_state_secret=$auth_state_secret" setup.yml >"$tmp/setup.log" 2>&1 \
    || { tail -n 40 "$tmp/setup.log"; fail "setup.yml"; }
users=$(( $("$python" -c 'import sys, yaml; print(len(yaml.safe_load(open(sys.argv[1]))["report_users"]))' fixture.yml) + 1 ))

# The hub from the environment, as the playbook's docs say first.
export JUPYTERHUB_API_URL JUPYTERHUB_API_TOKEN
JUPYTERHUB_API_URL=$(setting jupyterhub_api_url "$own_config")
JUPYTERHUB_API_TOKEN=$(setting jupyterhub_api_token "$own_config")

report() {  # report LOG ARGS...: run the collection's playbook by its name, its output in $tmp/LOG.log, the hub's log
            # of the run in $tmp/LOG.hub.log; returns the playbook's status
    local log=$1
    shift
    local before status=0
    before=$(wc -l <"$hub_log")
    ansible-playbook jupyterhub.hub.usage_report "$@" >"$tmp/$log.log" 2>&1 || status=$?
    tail -n +"$((before + 1))" "$hub_log" >"$tmp/$log.hub.log"
    return $status
}
recap_changed() { sed -n 's/^localhost *:.* changed=\([0-9]*\).*/\1/p' "$tmp/$1.log"; }
check_csv() { "$python" check_report.py csv --config "$own_config" --fixture fixture.yml "$@" || exit 1; }
check_calls() { "$python" check_report.py calls --page-limit "$page_limit" "$@" || exit 1; }
expect_failure() {  # expect_failure LOG TEXT ARGS...: the run fails, its output says TEXT, and no file was written
    local log=$1 text=$2
    shift 2
    if report "$log" "$@"; then fail "$log: the run did not fail"; fi
    grep -qF -- "$text" "$tmp/$log.log" || { tail -n 20 "$tmp/$log.log"; fail "$log: the failure does not say: $text"; }
    [ ! -e "$tmp/$log.csv" ] || fail "$log: a failed run wrote $tmp/$log.csv"
    echo "$log: fails with: $text"
}

# 1. check mode and --diff
report check --check --diff -e "usage_report_path=$tmp/report.csv" || { tail -n 30 "$tmp/check.log"; fail "the check-mode run"; }
[ ! -e "$tmp/report.csv" ] || fail "check mode wrote the file"
[ "$(recap_changed check)" = 1 ] || fail "check mode reports changed=$(recap_changed check), not 1"
grep -qF "+name,admin,created,last_activity,groups,servers,running_servers,server_count,running_count" "$tmp/check.log" \
    || fail "--diff does not show the header row"
grep -qF '+ada,false,' "$tmp/check.log" || fail "--diff does not show ada's row"
grep -qF "(not written: check mode)" "$tmp/check.log" || fail "the summary does not say check mode wrote nothing"
echo "check mode: changed, nothing written, the rows in the diff"

# 2. the real run, at -vvv (every result in the output, for the secret check)
report real -vvv -e "usage_report_path=$tmp/report.csv" || { tail -n 30 "$tmp/real.log"; fail "the report run"; }
[ "$(recap_changed real)" = 1 ] || fail "the run reports changed=$(recap_changed real), not 1"
check_csv --csv "$tmp/report.csv"
check_calls --log "$tmp/real.hub.log" --users "$users"
grep -qF "\"msg\": \"$users users, 1 running servers: $tmp/report.csv\"" "$tmp/real.log" || fail "the summary does not say $users users, 1 running"

# 3. again: no change
report again -e "usage_report_path=$tmp/report.csv" || { tail -n 30 "$tmp/again.log"; fail "the second run"; }
[ "$(recap_changed again)" = 0 ] || fail "the second run reports changed=$(recap_changed again)"
echo "second run: no change"

# 4. which users, the CSV's form, the connection
report filter -e "usage_report_path=$tmp/filter.csv" -e usage_report_name_filter=EXAMPLE || fail "name_filter run"
check_csv --csv "$tmp/filter.csv" --name-filter EXAMPLE
check_calls --log "$tmp/filter.hub.log" --users 1

report group -e "usage_report_path=$tmp/group.csv" -e "usage_report_group='lab, west'" || { tail -n 20 "$tmp/group.log"; fail "group run"; }
check_csv --csv "$tmp/group.csv" --group "lab, west"
check_calls --log "$tmp/group.hub.log" --users "$users" --group-reads 1

JUPYTERHUB_API_TOKEN=$reporter_token report reporter -e "usage_report_path=$tmp/reporter.csv" -e usage_report_group=physics-101 \
    || { tail -n 20 "$tmp/reporter.log"; fail "the run with the token of the documented scopes"; }
check_csv --csv "$tmp/reporter.csv" --group physics-101

report form -e "usage_report_path=$tmp/form.csv" -e usage_report_delimiter=';' -e usage_report_escape_formulas=false || fail "delimiter run"
check_csv --csv "$tmp/form.csv" --delimiter ';' --raw-names

(
    unset JUPYTERHUB_API_URL JUPYTERHUB_API_TOKEN
    report variables -e "usage_report_path=$tmp/variables.csv" -e "usage_report_api_url=$(setting jupyterhub_api_url "$own_config")" \
        -e "usage_report_api_token=$(setting jupyterhub_api_token "$own_config")" || { tail -n 20 "$tmp/variables.log"; fail "role variables run"; }
    ansible-playbook -i localhost, -e "@$own_config" -e "usage_report_path=$tmp/defaults.csv" module_defaults.yml >"$tmp/defaults.log" 2>&1 \
        || { tail -n 20 "$tmp/defaults.log"; fail "module_defaults run"; }
)
check_csv --csv "$tmp/variables.csv"
check_csv --csv "$tmp/defaults.csv"
for other in variables defaults; do
    cmp -s "$tmp/report.csv" "$tmp/$other.csv" || fail "the report of the $other run differs from the one with the hub from the environment"
done

# 5. bad input
expect_failure no_path "missing required arguments: usage_report_path"
expect_failure empty_path "usage_report_path is empty: set it to the file to write" -e usage_report_path=
expect_failure no_group "usage_report_group: the hub has no group 'nope'" -e "usage_report_path=$tmp/no_group.csv" -e usage_report_group=nope
expect_failure blind "The token cannot read created (of =1+1, ada, bob@example.org, ...); last_activity" \
    -e "usage_report_path=$tmp/blind.csv" -e "usage_report_api_token=$names_only_token"
expect_failure unlisted "GET /users: 403 Forbidden" \
    -e "usage_report_path=$tmp/unlisted.csv" -e "usage_report_api_token=$(setting jupyterhub_readonly_token "$own_config")"
expect_failure no_hub "http://127.0.0.1:9/hub/api" -e "usage_report_path=$tmp/no_hub.csv" -e usage_report_api_url=http://127.0.0.1:9/hub/api

# 6. no secret anywhere
files=("$tmp"/*.log "$tmp"/*.csv)
for file in "${files[@]}"; do
    if grep -qF -- "$auth_state_secret" "$file"; then fail "the auth_state secret is in $file"; fi
    # the hub's own log, and setup's output (which uses the admin token), are not the report's
    case "$file" in *.hub.log | "$tmp/setup.log") continue ;; esac
    for key in jupyterhub_api_token jupyterhub_readonly_token jupyterhub_user_password jupyterhub_proxy_auth_token; do
        secret=$(setting "$key" "$own_config")
        [ -n "$secret" ] || fail "no $key in $own_config"
        if grep -qF -- "$secret" "$file"; then fail "the value of $key is in $file"; fi
    done
    for secret in "$names_only_token" "$reporter_token"; do
        if grep -qF -- "$secret" "$file"; then fail "a token of runme.sh's own services is in $file"; fi
    done
done
echo "no secret in ${#files[@]} outputs and files"
echo "usage_report: all checks passed"
