#!/usr/bin/env bash
# The hub as code, both ways (docs/hub-as-code.md), on two hubs of this test's own: the source hub of this run's
# version, and an empty copy hub of the other full-suite version (6.1.1 -> 5.5.4 in the 6.1.1 run, and back in the
# 5.5.4 run).
#   1. the onboard role puts fixture.yml on the source hub: admins, group properties, members with odd names, an
#      empty group, tokens with a note, scopes and an expiry;
#   2. jupyterhub_roster_info exports it (with tokens) to a file: every user, group and token, no secret; a second
#      export changes nothing, and the file is the same bytes;
#   3. a change made by hand (an admin flag) shows in check mode with --diff, and the file stays as it was;
#   4. the role applies the export to the empty copy hub, printing the roster's plan (what it adds, changes, removes),
#      in check mode and in the real run; a second run changes nothing, and says so;
#   5. the copy hub exported is byte-identical to the source's export. Its tokens are new (new secrets), with the
#      same notes, scopes and lifetimes;
#   6. merge: the copy hub, changed by hand (a user, a member, a property value of its own, zoë gone), gets the
#      source's export merged: zoë back, nothing removed or demoted, the conflicting value listed in check mode,
#      failing the real run before any change unless the play says which side wins;
#   7. no token secret in any output.
# Cleanup: both hubs are stopped and their work directories wiped (trap).
set -eu

# shellcheck source-path=SCRIPTDIR
source ../setup_own_hub/own_hub.sh

case "$version" in
    6.1.1) other=5.5.4 ;;
    5.5.4) other=6.1.1 ;;
    *) other=$version ;;  # the smoke run: one version only
esac
tmp=$own_tmp

fail() {
    echo "FAILED: $*"
    exit 1
}

own_hub_start roster-source
source_config=$own_config
own_hub_version=$other own_hub_start roster-copy
copy_config=$own_config

step() {  # step CONFIG NAME [ARGS...]: one step of roster.yml against the hub of CONFIG, its output in $tmp/NAME.log
    local config=$1 name=$2
    shift 2
    ansible-playbook -i localhost, -e "@$config" -e "step=${name%%-*}" roster.yml "$@" >"$tmp/$name.log" 2>&1 \
        || { tail -n 40 "$tmp/$name.log"; fail "step $name"; }
}
changed() { sed -n 's/^localhost *:.* changed=\([0-9]*\).*/\1/p' "$tmp/$1.log"; }

step "$source_config" onboard-source -e @fixture.yml
step "$source_config" export-first -e "export_file=$tmp/source.yml" -e expect_changed=true
cp "$tmp/source.yml" "$tmp/source-first.yml"
step "$source_config" export-again -e "export_file=$tmp/source.yml" -e expect_changed=false
cmp "$tmp/source.yml" "$tmp/source-first.yml" || fail "a second export of an unchanged hub is not the same bytes"
echo "export: every user, group and token of the hub; a second export is the same bytes"

step "$source_config" drift-check -e "export_file=$tmp/source.yml"
step "$source_config" recheck-source -e "export_file=$tmp/source.yml"
cmp "$tmp/source.yml" "$tmp/source-first.yml" || fail "the drift check changed the file"
echo "drift: a change by hand shows in check mode with --diff, the file is left as it was"

# the nightly drift job of examples/awx-drift-check.yml, with the hub in the environment as AWX's credential gives it
collection=
IFS=: read -r -a paths <<<"${ANSIBLE_COLLECTIONS_PATH:-}"
for path in "${paths[@]}"; do
    [ -f "$path/ansible_collections/jupyterhub/hub/examples/awx-drift-check.yml" ] && { collection=$path/ansible_collections/jupyterhub/hub; break; }
done
[ -n "$collection" ] || fail "no jupyterhub.hub with examples/ on ANSIBLE_COLLECTIONS_PATH=${ANSIBLE_COLLECTIONS_PATH:-}"
drift_job() {  # drift_job NAME: the example against the source hub and source.yml, its output in $tmp/NAME.log
    JUPYTERHUB_API_URL=$(setting jupyterhub_api_url "$source_config") JUPYTERHUB_API_TOKEN=$(setting jupyterhub_api_token "$source_config") \
        ansible-playbook -i localhost, "$collection/examples/awx-drift-check.yml" -e "drift_roster_file=$tmp/source.yml" >"$tmp/$1.log" 2>&1
}
drift_job drift-job-clean || { tail -n 30 "$tmp/drift-job-clean.log"; fail "the drift job fails on a hub that matches its file"; }
grep -qF "the hub matches $tmp/source.yml: 5 users, 3 groups" "$tmp/drift-job-clean.log" || fail "the drift job does not say the hub matches"
step "$source_config" handchange-source
if drift_job drift-job-changed; then fail "the drift job passes on a hub changed by hand"; fi
# the fail task's message, as the ERROR line or the JSON of the result (quotes escaped) gives it
grep -qE 'on the hub, not in the file: .*zoë\\?", \\?"admin\\?": true' "$tmp/drift-job-changed.log" \
    || { tail -n 30 "$tmp/drift-job-changed.log"; fail "the drift job does not name zoë's changed line"; }
step "$source_config" handundo-source
cmp "$tmp/source.yml" "$tmp/source-first.yml" || fail "the drift job changed the file"
echo "drift job: examples/awx-drift-check.yml passes on the hub as the file has it, fails naming the line changed by hand"

# the role prints the roster's plan, in check mode and in the real run (the copy hub has only its own admin)
plan="users: 4 to add, 0 to change, 0 to remove (add: ada, o.brien@example.org, prof-lovelace, zoë); groups: 3 to add, 0 to change, 0 to remove (add: lonely, physics-101, staff)"
says() {  # says LOG TEXT: the log of step LOG prints TEXT as a debug message (a JSON string)
    local printed
    printed=$("$python" -c 'import json, sys; print(json.dumps(sys.argv[1], ensure_ascii=False))' "$2")
    grep -qF -- "\"msg\": $printed" "$tmp/$1.log" || { grep -F -A2 "roster's plan" "$tmp/$1.log"; fail "$1 does not print: $2"; }
}
step "$copy_config" onboard-copycheck -e "@$tmp/source.yml" --check
says onboard-copycheck "$plan"
step "$copy_config" onboard-copy -e "@$tmp/source.yml"
says onboard-copy "$plan"
step "$copy_config" onboard-copy-again -e "@$tmp/source.yml"
[ "$(changed onboard-copy-again)" = 0 ] || { tail -n 40 "$tmp/onboard-copy-again.log"; fail "applying the export again changed the copy hub"; }
says onboard-copy-again "users: 0 to add, 0 to change, 0 to remove; groups: 0 to add, 0 to change, 0 to remove"
echo "plan summary: the role prints what it adds, changes and removes, in check mode and in the real run"
step "$copy_config" export-copy -e "export_file=$tmp/copy.yml" -e expect_changed=true
cmp "$tmp/source.yml" "$tmp/copy.yml" || { diff "$tmp/source.yml" "$tmp/copy.yml" || true; fail "the copy hub's export differs from the source's"; }
echo "apply anywhere: the export applied to an empty JupyterHub $other hub exports to the same bytes as the JupyterHub $version hub's"

# merge: the copy hub gets a user, a group member and a property value of its own, and loses zoë; the source's
# export merged into it adds zoë back, removes and demotes nothing, and the room differs: a conflict
step "$copy_config" mergeprep-copy
step "$copy_config" mergecheck-copy -e "@$tmp/source.yml" --check
step "$copy_config" mergefail-copy -e "@$tmp/source.yml"
step "$copy_config" mergekeep-copy -e "@$tmp/source.yml"
step "$copy_config" mergeroster-copy -e "@$tmp/source.yml"
step "$copy_config" onboard-mergeagain -e "@$tmp/source.yml" -e '{"onboard_merge": true, "onboard_on_conflict": "use_roster"}'
[ "$(changed onboard-mergeagain)" = 0 ] || { tail -n 40 "$tmp/onboard-mergeagain.log"; fail "merging the export again changed the copy hub"; }
echo "merge: into a hub with users of its own, nothing removed or demoted; a conflict listed in check mode, failing the real run unless a side wins"

# no secret of either hub (the tokens made, the harness's own) in any output or file
for config in "$source_config" "$copy_config"; do
    for key in jupyterhub_api_token jupyterhub_readonly_token jupyterhub_user_password; do
        secret=$(setting "$key" "$config")
        [ -n "$secret" ] || fail "no $key in $config"
        if grep -rqF -- "$secret" "$tmp"/*.log "$tmp/source.yml" "$tmp/copy.yml"; then fail "$key appears in the output"; fi
    done
done
"$python" - "$tmp"/*.log "$tmp/source.yml" <<'PYTHON' || fail "a token's secret appears in the output"
import re, sys
# a JupyterHub token is 32 hex characters (4.x) or an "..." prefixed string; none may be printed
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    found = re.findall(r"\b[0-9a-f]{32}\b", text)
    if found:
        sys.exit("%s: %s" % (path, found[:3]))
PYTHON
echo "no secret in any output"
