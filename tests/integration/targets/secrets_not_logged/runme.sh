#!/usr/bin/env bash
# Runs playbook.yml at -vvv and checks that no secret it used shows up in the output, and that
# each token secret the playbook created shows only in the result of the task that created it.
# (No `set -x`: it would print the very secrets this test looks for.)
set -eu

config=../../integration_config.yml
setting() { sed -n "s/^$1: *//p" "$config" | tr -d "\"'"; }

log=$(mktemp)
secrets=$(mktemp)
secret_dir=$(mktemp -d)
trap 'rm -rf "$log" "$secrets" "$secret_dir"' EXIT

# A secret the playbook puts in a user's auth_state: no module result may show it.
auth_state_secret="upstream-oauth-secret-$(date +%s%N)"

JUPYTERHUB_API_TOKEN=$(setting jupyterhub_readonly_token) \
    ansible-playbook -vvv -e "@$config" -e "secrets_file=$secrets" -e "secret_dir=$secret_dir" -e "auth_state_secret=$auth_state_secret" \
    playbook.yml "$@" >"$log" 2>&1 || { tail -n 50 "$log"; exit 1; }

if grep -qF -- "$auth_state_secret" "$log"; then
    echo "FAILED: the auth_state secret appears in the -vvv output: $(grep -F -- "$auth_state_secret" "$log" | head -c 300)"
    exit 1
fi
grep -q "jupyterhub_user_info" "$log" || { echo "FAILED: the playbook did not run the user modules"; exit 1; }

for name in jupyterhub_api_token jupyterhub_readonly_token jupyterhub_user_password jupyterhub_proxy_auth_token; do
    secret=$(setting "$name")
    [ -n "$secret" ] || { echo "no $name in $config"; exit 1; }
    if grep -qF -- "$secret" "$log"; then
        echo "FAILED: the value of $name appears in the -vvv output"
        exit 1
    fi
done

# secret_file: the secret of the rotated token is in the file (0600), and nowhere in the output (nor is the first
# one, which no one knows now: the check of unknown token-shaped strings below covers it).
file_secret=$(cat "$secret_dir/it-logged.token")
[ ${#file_secret} -ge 16 ] || { echo "FAILED: no secret in the secret_file"; exit 1; }
[ "$(stat -c %a "$secret_dir/it-logged.token")" = 600 ] || { echo "FAILED: the secret_file is not mode 0600"; exit 1; }
if grep -qF -- "$file_secret" "$log"; then
    echo "FAILED: the secret written to secret_file appears in the -vvv output"
    exit 1
fi
grep -qF -- "$secret_dir/it-logged.token" "$log" || { echo "FAILED: the output does not name the secret_file"; exit 1; }

# secrets.json: {"<task name>": "<secret it created>", ...}; the task "" is one with no_log.
created=$(python3 -c 'import json, sys; [print("%s|%s" % kv) for kv in json.load(open(sys.argv[1])).items()]' "$secrets")
[ "$(printf '%s\n' "$created" | grep -c .)" = 4 ] || { echo "FAILED: the playbook did not hand over 4 created secrets"; exit 1; }
while IFS="|" read -r task secret; do
    [ ${#secret} -ge 16 ] || { echo "FAILED: no secret for task '$task'"; exit 1; }
    # the TASK headers of the sections of the log that show the secret
    shown=$(awk -v s="$secret" '/^TASK \[/ { task = $0 } index($0, s) { print task }' "$log" | sort -u)
    if [ -z "$task" ]; then
        [ -z "$shown" ] || { echo "FAILED: the secret created with no_log appears in: $shown"; exit 1; }
    else
        [ -n "$shown" ] || { echo "FAILED: the result of '$task' does not show the secret it created"; exit 1; }
        case "$shown" in
            "TASK [$task]"*) [ "$(printf '%s\n' "$shown" | wc -l)" = 1 ] || { echo "FAILED: the secret created by '$task' appears in: $shown"; exit 1; } ;;
            *) echo "FAILED: the secret created by '$task' appears in: $shown"; exit 1 ;;
        esac
        # and there only once, as the value of "token" in the result: not in a diff, plan, model or warning
        lines=$(grep -cF -- "$secret" "$log")
        [ "$lines" = 1 ] || { echo "FAILED: the secret created by '$task' appears on $lines lines of its task's output"; exit 1; }
        grep -F -- "$secret" "$log" | grep -Eq '^ *"token": "[^"]+",?$' || { echo "FAILED: the secret created by '$task' appears outside its result's token"; exit 1; }
    fi
done <<<"$created"

# Any other string shaped like a hub token (32 hex digits) is a secret the playbook does not know
# of, such as the temporary sign-in token of the password bootstrap: none may show.
known=$(printf '%s\n' "$created" | cut -d'|' -f2)
while read -r word; do
    printf '%s\n' "$known" | grep -qxF -- "$word" || { echo "FAILED: an unknown token-shaped secret appears in the -vvv output"; exit 1; }
done < <(grep -Eo '[0-9a-f]{32,}' "$log" | sort -u)

grep -q "jupyterhub_info" "$log" || { echo "FAILED: the playbook did not run the modules"; exit 1; }
grep -q "jupyterhub_token" "$log" || { echo "FAILED: the playbook did not run the token module"; exit 1; }
echo "no secret in $(wc -l <"$log") lines of -vvv output; each created secret only in the result of its task"
