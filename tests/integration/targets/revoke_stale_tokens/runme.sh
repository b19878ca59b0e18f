#!/usr/bin/env bash
# The playbook that revokes stale tokens (ansible-playbook jupyterhub.hub.revoke_stale_tokens, docs/tokens.md), on a
# hub of this test's own: it reads and revokes the tokens of every user of the hub, which on the shared hub would be
# other targets' too. hub_tokens.py makes the users' tokens with the hub's API, uses them, and reads them back.
#   1. no duration fails before any call, and nothing is revoked;
#   2. expires_within: check mode (with --diff) lists the token that expires within 2 hours and revokes nothing; the
#      real run revokes it and keeps the tokens that expire later; a second run changes nothing;
#   3. unused_for: the tokens unused for longer than UNUSED seconds (one never used counts from its creation) are
#      stale; a token used since, and one made since, are fresh. More stale tokens than revoke_stale_tokens_max fail
#      before any is revoked; check mode lists exactly the stale ones and revokes nothing; the note and the users
#      narrow it; the real run revokes the stale ones and keeps the fresh ones; a second run changes nothing;
#   4. the hub from role variables, and from a play's module_defaults (module_defaults.yml), instead of the
#      environment (in 3);
#   5. no token's secret in any output.
# Cleanup: the hub is stopped and its work directory wiped (trap). (No `set -x`: it would print secrets.)
set -eu

# shellcheck source-path=SCRIPTDIR
source ../setup_own_hub/own_hub.sh

# Unused for longer than this is stale. The runs of step 3 must all end within it after the fresh token's last use,
# so it leaves room for slow runs; the test waits that long once.
UNUSED=60

tmp=$own_tmp
state="$tmp/tokens.json"

fail() {
    echo "FAILED: $*"
    exit 1
}

own_hub_start revoke-stale-tokens
tokens() { "$python" hub_tokens.py "$1" --config "$own_config" --state "$state" "${@:2}" || exit 1; }

export ANSIBLE_NOCOLOR=1 ANSIBLE_STDOUT_CALLBACK=ansible.builtin.default ANSIBLE_DEPRECATION_WARNINGS=0
# The hub from the environment, as the playbook's docs say first (the hub's admin service's token).
export JUPYTERHUB_API_URL JUPYTERHUB_API_TOKEN
JUPYTERHUB_API_URL=$(setting jupyterhub_api_url "$own_config")
JUPYTERHUB_API_TOKEN=$(setting jupyterhub_api_token "$own_config")

revoke() {  # revoke LOG ARGS...: run the collection's playbook by its name, its output in $tmp/LOG.log; its status
    local log=$1
    shift
    local status=0
    ansible-playbook jupyterhub.hub.revoke_stale_tokens "$@" >"$tmp/$log.log" 2>&1 || status=$?
    return $status
}
recap_changed() { sed -n 's/^localhost *:.* changed=\([0-9]*\).*/\1/p' "$tmp/$1.log"; }
says() {  # says LOG TEXT...: the output of the run LOG has every TEXT
    local log=$1 text
    shift
    for text in "$@"; do
        grep -qF -- "$text" "$tmp/$log.log" || { tail -n 30 "$tmp/$log.log"; fail "$log: the output does not say: $text"; }
    done
}
says_not() {  # says_not LOG TEXT...: the output of the run LOG has no TEXT
    local log=$1 text
    shift
    for text in "$@"; do
        if grep -qF -- "$text" "$tmp/$log.log"; then tail -n 30 "$tmp/$log.log"; fail "$log: the output says: $text"; fi
    done
}
run_ok() {  # run_ok LOG CHANGED ARGS...: the run passes, with changed=CHANGED in its recap
    local log=$1 changed=$2
    shift 2
    revoke "$log" "$@" || { tail -n 30 "$tmp/$log.log"; fail "$log: the run failed"; }
    [ "$(recap_changed "$log")" = "$changed" ] || { tail -n 30 "$tmp/$log.log"; fail "$log: changed=$(recap_changed "$log"), not $changed"; }
}

# ada/old and bob/used: made now, never used; carol/soon expires within the hour, carol/later in 30 days.
tokens make ada/old bob/used carol/soon=3600 carol/later=2592000
made_at=$SECONDS
all=(ada/old bob/used carol/soon carol/later)

# 1. no duration
if revoke none; then fail "a run without a duration passed"; fi
says none "Set revoke_stale_tokens_unused_for (such as 90d), revoke_stale_tokens_expires_within (such as 7d), or both"
tokens check --present "${all[@]}"
echo "no duration: fails, nothing revoked"

# 2. expires_within
run_ok expiring_check 1 --check --diff -e revoke_stale_tokens_expires_within=2h
says expiring_check "1 of 1 stale tokens would be revoked (check mode: none was), 0 kept, of 4 users" "would revoke carol/soon ("
grep -qE '^-\s+"note": "soon",' "$tmp/expiring_check.log" || fail "expiring_check: the diff does not show carol/soon going"
says_not expiring_check "carol/later" "ada/old" "bob/used"
tokens check --present "${all[@]}"
echo "expires_within, check mode: carol/soon listed, in the diff too, nothing revoked"

run_ok expiring 1 -e revoke_stale_tokens_expires_within=2h
says expiring "1 of 1 stale tokens revoked, 0 kept, of 4 users" "revoked carol/soon ("
tokens check --present ada/old bob/used carol/later --absent carol/soon

run_ok expiring_again 0 -e revoke_stale_tokens_expires_within=2h
says expiring_again "no stale token among the tokens of 4 users"
echo "expires_within: carol/soon revoked, the tokens that expire later kept; a second run changes nothing"

# 3. unused_for: wait until the tokens made first are older than UNUSED; then bob/used is used, and dan/fresh made
wait=$(( made_at + UNUSED + 2 - SECONDS ))
if [ "$wait" -gt 0 ]; then
    echo "waiting ${wait} s for the tokens to be unused for ${UNUSED} s"
    sleep "$wait"
fi
tokens use bob/used
tokens make dan/fresh
fresh_at=$SECONDS
unused=(-e "revoke_stale_tokens_unused_for=${UNUSED}s")
still_fresh() {  # the fresh tokens are fresh for UNUSED seconds: a run after that would prove nothing
    [ $(( SECONDS - fresh_at )) -lt $(( UNUSED - 5 )) ] \
        || fail "the runs took too long: the fresh tokens were last used $(( SECONDS - fresh_at )) s ago, about unused_for=${UNUSED}s"
}

still_fresh
if revoke over_limit "${unused[@]}" -e revoke_stale_tokens_max=1; then fail "a run over revoke_stale_tokens_max passed"; fi
says over_limit "the task would revoke 2 tokens, more than revoke_max=1: ada/" "Nothing was revoked." \
    "(revoke_max is the role variable revoke_stale_tokens_max.)"
tokens check --present ada/old bob/used carol/later dan/fresh
echo "unused_for, over revoke_stale_tokens_max: fails, nothing revoked"

still_fresh
run_ok unused_check 1 --check --diff "${unused[@]}"
says unused_check "2 of 2 stale tokens would be revoked (check mode: none was), 0 kept, of 5 users" \
    "would revoke ada/old (" "would revoke carol/later (" ", never used, created "
says_not unused_check "bob/used" "dan/fresh"
tokens check --present ada/old bob/used carol/later dan/fresh
echo "unused_for, check mode: ada/old and carol/later listed, bob/used (used since) and dan/fresh (made since) not; nothing revoked"

# the note; the hub from role variables
still_fresh
(
    unset JUPYTERHUB_API_URL JUPYTERHUB_API_TOKEN
    run_ok note_check 1 --check "${unused[@]}" -e revoke_stale_tokens_note=later \
        -e "revoke_stale_tokens_api_url=$(setting jupyterhub_api_url "$own_config")" \
        -e "revoke_stale_tokens_api_token=$(setting jupyterhub_api_token "$own_config")"
)
says note_check "1 of 1 stale tokens would be revoked (check mode: none was), 0 kept, of 5 users" "would revoke carol/later ("
says_not note_check "ada/old"
# the users; the hub from a play's module_defaults
still_fresh
(
    unset JUPYTERHUB_API_URL JUPYTERHUB_API_TOKEN
    ansible-playbook -i localhost, -e "@$own_config" --check "${unused[@]}" -e '{"revoke_stale_tokens_users": ["ada", "bob"]}' \
        module_defaults.yml >"$tmp/users_check.log" 2>&1 || { tail -n 30 "$tmp/users_check.log"; fail "the module_defaults run"; }
)
says users_check "1 of 1 stale tokens would be revoked (check mode: none was), 0 kept, of 2 users" "would revoke ada/old ("
says_not users_check "carol/later"
tokens check --present ada/old bob/used carol/later dan/fresh
echo "unused_for, check mode: the note and the users narrow the list; the hub from role variables and from module_defaults"

still_fresh
run_ok unused 1 -vvv "${unused[@]}"  # -vvv: every result in the output, for the secret check
says unused "2 of 2 stale tokens revoked, 0 kept, of 5 users" "revoked ada/old (" "revoked carol/later ("
still_fresh
tokens check --present bob/used dan/fresh --absent ada/old carol/later carol/soon

run_ok unused_again 0 "${unused[@]}"
says unused_again "no stale token among the tokens of 5 users"
echo "unused_for: the stale tokens revoked, the fresh ones kept; a second run changes nothing"

# 5. no secret anywhere
files=("$tmp"/*.log)
mapfile -t secrets < <("$python" hub_tokens.py secrets --state "$state")
[ "${#secrets[@]}" = 5 ] || fail "hub_tokens.py knows ${#secrets[@]} secrets, not 5"
for file in "${files[@]}"; do
    for secret in "${secrets[@]}"; do
        if grep -qF -- "$secret" "$file"; then fail "a token's secret is in $file"; fi
    done
    for key in jupyterhub_api_token jupyterhub_readonly_token jupyterhub_user_password jupyterhub_proxy_auth_token; do
        secret=$(setting "$key" "$own_config")
        [ -n "$secret" ] || fail "no $key in $own_config"
        if grep -qF -- "$secret" "$file"; then fail "the value of $key is in $file"; fi
    done
done
echo "no secret in ${#files[@]} outputs"
echo "revoke_stale_tokens: all checks passed"
