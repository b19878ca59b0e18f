# shellcheck shell=bash
# Hubs of a target's own, beside the run's shared hub, for targets that need a hub set up their own way
# (a spawn limit, small pages, another spawner or authenticator) or one they may stop or fill. They all
# need the same: the shared hub's hubctl.py, Python and version, a hub named per version (the versions'
# runs go side by side), its integration config, and the hub stopped however the target ends. This is it,
# once. Not a test: ansible-test never runs a setup_* target alone, and copies it beside each target
# whose aliases say needs/target/setup_own_hub. Such a target's runme.sh (set -eu):
#
#   # shellcheck source-path=SCRIPTDIR
#   source ../setup_own_hub/own_hub.sh
#   own_hub_start spawn-limit "c.JupyterHub.concurrent_spawn_limit = 2"
#   ansible-playbook -i localhost, -e "@$own_config" playbook.yml "$@"
#
# Sourcing it sets hubctl, python and version (of the shared hub, from its integration_config.yml), and
# own_tmp (a temporary directory for the target's files), and traps EXIT to stop every hub started here
# and remove own_tmp.

shared_config=../../integration_config.yml

# setting KEY [FILE]: the value of KEY in FILE, an integration config (default: the shared hub's)
setting() { sed -n "s/^$1: *//p" "${2:-$shared_config}" | tr -d "\"'"; }

hubctl=$(setting jupyterhub_hubctl)
python=$(setting jupyterhub_hubctl_python)
version=$(setting jupyterhub_version)
[ -n "$hubctl" ] && [ -n "$python" ] && [ -n "$version" ] \
    || { echo "no jupyterhub_hubctl(_python)/jupyterhub_version in $shared_config"; exit 1; }

own_tmp=$(mktemp -d)
own_hub_started="$own_tmp/.own-hubs"  # the hubs to stop on exit, one hub name (NAME-VERSION) a line
: >"$own_hub_started"

# own_hub_name NAME: the hub's name, NAME-VERSION (the hub versions' runs go side by side). VERSION is the shared
# hub's, or own_hub_version's when it is set (a hub of another version, for a test that moves data between versions).
own_hub_name() { echo "$1-${own_hub_version:-$version}"; }

# own_hub_dir NAME: the hub's work directory (hub.log, hub.pid, home/), which hubctl.py wipes at start
own_hub_dir() { echo "$(cd "$(dirname "$hubctl")/.." && pwd)/output/hub-$(own_hub_name "$1")"; }

# own_hub_config NAME: where own_hub_start writes the hub's integration config (its keys as in the shared one)
own_hub_config() { echo "$own_tmp/$1.yml"; }

# own_hub_start NAME [EXTRA_CONFIG]: start the hub NAME, with EXTRA_CONFIG (Python lines) appended to its
# jupyterhub_config.py, and set own_config to its integration config. Safe in a background job (&),
# but there own_config is not set: read own_hub_config NAME.
own_hub_start() {
    own_hub_name "$1" >>"$own_hub_started"
    own_config=$(own_hub_config "$1")
    "$python" "$hubctl" start --version "${own_hub_version:-$version}" --name "$(own_hub_name "$1")" --config-out "$own_config" \
        --extra-config "${2:-}" >/dev/null
}

# own_hub_stop NAME: stop the hub NAME now, before the exit does
own_hub_stop() {
    local hub
    hub=$(own_hub_name "$1")
    "$python" "$hubctl" stop --version "${own_hub_version:-$version}" --name "$hub"
    grep -vxF -- "$hub" "$own_hub_started" >"$own_hub_started.left" || true
    mv "$own_hub_started.left" "$own_hub_started"
}

own_hub_cleanup() {
    local hub
    sort -u "$own_hub_started" | while read -r hub; do
        # a hub's work directory is found by its name, whatever its version
        "$python" "$hubctl" stop --version "$version" --name "$hub" </dev/null || true
    done
    rm -rf "$own_tmp"
}
trap own_hub_cleanup EXIT
