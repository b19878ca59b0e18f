#!/usr/bin/env bash
# Many hubs from one inventory (docs/many-hubs.md): three hubs of this test's own, one inventory host each, with the
# API URL and the vault-encrypted token as host variables and a roster of its own per host, onboarded at once with
# --forks 3.
#   1. every host succeeds, and each hub holds exactly its own roster and nothing of the others';
#   2. a second run changes nothing on any host;
#   3. with one hub stopped (and new users on every roster), that host fails with the hub's URL in its message, and
#      the other two converge;
#   4. the hub back (empty, on a new port), a run with --limit @<retry file> onboards only that hub.
set -eu

# shellcheck source-path=SCRIPTDIR
source ../setup_own_hub/own_hub.sh

hubs="many-hubs-1 many-hubs-2 many-hubs-3"

# Only the inventory says where the hubs are: not the shared hub's variables, which a host without its own would use.
unset JUPYTERHUB_API_URL JUPYTERHUB_API_TOKEN
export ANSIBLE_NOCOLOR=1 ANSIBLE_STDOUT_CALLBACK=ansible.builtin.default
export ANSIBLE_RETRY_FILES_ENABLED=1

tmp=$own_tmp  # the inventory, its vault password, the runs' logs and the retry file
export ANSIBLE_RETRY_FILES_SAVE_PATH="$tmp/retry"
inventory="$tmp/inventory/hubs.yml"
vault_pass="$tmp/vault-pass"
mkdir -p "$tmp/inventory"
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$vault_pass"

fail() {
    echo "FAILED: $*"
    exit 1
}

url_of() { setting jupyterhub_api_url "$(own_hub_config "$1")"; }

write_inventory() {  # the inventory from inventory.yml.in, and each hub's token in a vault file beside it
    sed -e "s|@HUB1_URL@|$(url_of many-hubs-1)|" -e "s|@HUB2_URL@|$(url_of many-hubs-2)|" \
        -e "s|@HUB3_URL@|$(url_of many-hubs-3)|" inventory.yml.in >"$inventory"
    for hub in $hubs; do
        mkdir -p "$tmp/inventory/host_vars/$hub"
        vault="$tmp/inventory/host_vars/$hub/vault.yml"
        printf 'hub_api_token: "%s"\n' "$(setting jupyterhub_api_token "$(own_hub_config "$hub")")" >"$vault"
        ansible-vault encrypt --vault-password-file "$vault_pass" "$vault" >/dev/null
    done
}

run() {  # run LOG PLAYBOOK ARGS...: ansible-playbook on the inventory, output shown and kept in LOG; its status in $rc
    local log=$1
    shift
    echo "== ansible-playbook $*"
    set +e
    ansible-playbook -i "$inventory" --vault-password-file "$vault_pass" "$@" >"$log" 2>&1
    rc=$?
    set -e
    cat "$log"
}

recap() {  # recap LOG HOST FIELD: a number of HOST's line of the PLAY RECAP, e.g. recap run1.log many-hubs-1 changed
    sed -n '/^PLAY RECAP/,$p' "$1" | grep -E "^$2 +:" | grep -Eo "$3=[0-9]+" | cut -d= -f2
}

expect_recap() {  # expect_recap RUN LOG HOST 'FIELD TEST VALUE'...: e.g. expect_recap 2 "$log" many-hubs-1 'changed -eq 0'
    local run=$1 log=$2 host=$3 check value
    shift 3
    for check in "$@"; do
        # shellcheck disable=SC2086 # check is "FIELD TEST VALUE"
        set -- $check
        value=$(recap "$log" "$host" "$1")
        [ -n "$value" ] || fail "run $run: no PLAY RECAP line for $host"
        test "$value" "$2" "$3" || fail "run $run: $host has $1=$value in the PLAY RECAP, expected $1 $2 $3"
    done
}

echo "== starting three hubs of JupyterHub $version"
started=$SECONDS
pids=""
for hub in $hubs; do
    own_hub_start "$hub" &
    pids="$pids $!"
done
for pid in $pids; do
    # two hubs that start at once can pick the same free port: a failed one is started again below, alone
    wait "$pid" || true
done
for hub in $hubs; do
    [ -s "$(own_hub_config "$hub")" ] || own_hub_start "$hub" || fail "hub $hub did not start"
done
echo "three hubs up in $((SECONDS - started)) s: $(for hub in $hubs; do printf '%s ' "$(url_of "$hub")"; done)"
write_inventory

# 1. all hosts at once: each succeeds and changes its hub
run "$tmp/run1.log" --forks 3 onboard.yml "$@"
[ "$rc" = 0 ] || fail "run 1 (three hubs up) failed with status $rc"
for hub in $hubs; do
    expect_recap 1 "$tmp/run1.log" "$hub" 'failed -eq 0' 'unreachable -eq 0' 'changed -ge 1'
done
run "$tmp/check1.log" --forks 3 check.yml "$@"
[ "$rc" = 0 ] || fail "after run 1, a hub does not hold exactly its own roster (the failed assertion above says which)"

# 2. nothing left to change on any host
run "$tmp/run2.log" --forks 3 onboard.yml "$@"
[ "$rc" = 0 ] || fail "run 2 (nothing to change) failed with status $rc"
for hub in $hubs; do
    expect_recap 2 "$tmp/run2.log" "$hub" 'failed -eq 0' 'changed -eq 0'
done

# 3. one hub down, work for all: that host fails naming its URL, the others converge
down_url=$(url_of many-hubs-2)
own_hub_stop many-hubs-2
run "$tmp/run3.log" --forks 3 -e add_late_users=true onboard.yml "$@"
[ "$rc" != 0 ] || fail "run 3 succeeded although hub many-hubs-2 ($down_url) is down"
expect_recap 3 "$tmp/run3.log" many-hubs-2 'failed -eq 1' 'unreachable -eq 0'
grep -E '^fatal: \[many-hubs-2\]' "$tmp/run3.log" | grep -qF "$down_url" \
    || fail "run 3: the failure of many-hubs-2 does not name its hub's URL $down_url"
for hub in many-hubs-1 many-hubs-3; do
    expect_recap 3 "$tmp/run3.log" "$hub" 'failed -eq 0' 'unreachable -eq 0' 'changed -ge 1'
    if grep -E "^fatal: \[$hub\]" "$tmp/run3.log"; then
        fail "run 3: $hub failed, though only hub many-hubs-2 is down"
    fi
done
run "$tmp/check3.log" --forks 2 --limit many-hubs-1,many-hubs-3 -e add_late_users=true check.yml "$@"
[ "$rc" = 0 ] || fail "after run 3, hub 1 or 3 does not hold exactly its own roster (the failed assertion above says which)"

# 4. the failed hub back: the retry file names it alone, and a run limited to it onboards it
retry="$ANSIBLE_RETRY_FILES_SAVE_PATH/onboard.retry"
[ "$(cat "$retry" 2>/dev/null)" = many-hubs-2 ] || fail "run 3: the retry file $retry holds '$(cat "$retry" 2>/dev/null)', not many-hubs-2"
own_hub_start many-hubs-2 || fail "hub many-hubs-2 did not start again"
write_inventory
run "$tmp/run4.log" --forks 3 --limit "@$retry" -e add_late_users=true onboard.yml "$@"
[ "$rc" = 0 ] || fail "run 4 (--limit @$retry, the hub back) failed with status $rc"
expect_recap 4 "$tmp/run4.log" many-hubs-2 'failed -eq 0' 'changed -ge 1'
for hub in many-hubs-1 many-hubs-3; do
    [ -z "$(recap "$tmp/run4.log" "$hub" ok)" ] || fail "run 4: --limit @$retry ran on $hub too"
done
run "$tmp/check4.log" --forks 3 -e add_late_users=true check.yml "$@"
[ "$rc" = 0 ] || fail "after run 4, a hub does not hold exactly its own roster (the failed assertion above says which)"

echo "many_hubs: 3 hubs onboarded at once, each with only its own roster; second run changed=0 everywhere;" \
    "hub 2 down failed alone, naming $down_url; --limit @onboard.retry caught it up; in $SECONDS s"
