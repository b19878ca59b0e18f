#!/usr/bin/env bash
# Can a student the onboard role created log in? Hubs of this test's own, one after another, each with one
# setting of who may log in (class.yml says what each must do on each JupyterHub version); then a hub with
# NativeAuthenticator, where a student signs up, an admin authorises them, and jupyterhub_token signs in with
# the student's password (native.yml).
set -eu

config=../../integration_config.yml
setting() { sed -n "s/^$1: *//p" "$config" | tr -d "\"'"; }

hubctl=$(setting jupyterhub_hubctl)
python=$(setting jupyterhub_hubctl_python)
version=$(setting jupyterhub_version)
major=$(setting jupyterhub_major)
[ -n "$hubctl" ] && [ -n "$python" ] && [ -n "$version" ] && [ -n "$major" ] \
    || { echo "no jupyterhub_hubctl(_python)/jupyterhub_version/jupyterhub_major in $config"; exit 1; }
work_of() { echo "$(dirname "$hubctl")/../output/hub-$1"; }

own_config=$(mktemp --suffix=.yml)
hub=  # the name of the hub running now, if any
stop_own_hub() {
    if [ -n "$hub" ]; then
        "$python" "$hubctl" stop --version "$version" --name "$hub" || true
        hub=
    fi
}
cleanup() {
    stop_own_hub
    rm -f "$own_config"
}
trap cleanup EXIT

# start_own_hub NAME EXTRA_CONFIG: one hub at a time (2 cores), named by version (the versions run side by side)
start_own_hub() {
    stop_own_hub
    hub="$1-$version"
    "$python" "$hubctl" start --version "$version" --name "$hub" --config-out "$own_config" --extra-config "$2" >/dev/null
}

for case in allowed-users allowed-users-only allow-all; do
    case $case in
        allowed-users) extra='
c.Authenticator.allowed_users = {"someone-else"}
c.Authenticator.allow_all = False
c.Authenticator.allow_existing_users = True' ;;
        allowed-users-only) extra='
c.Authenticator.allowed_users = {"someone-else"}
c.Authenticator.allow_all = False
c.Authenticator.allow_existing_users = False' ;;
        allow-all) extra='
c.Authenticator.allow_all = True' ;;
    esac
    start_own_hub "login-$case" "$extra"
    ansible-playbook -i localhost, -e "@$own_config" -e "login_case=$case" -e "hub_home=$(work_of "$hub")/home" class.yml "$@"
done

# NativeAuthenticator 1.3.0's login form calls the handler's statsd, which JupyterHub 6.0 removed: every login
# there answers 500 (native_unpatched.yml shows it). A stand-in that does nothing lets the form work, so that the
# admin can log in and authorise; the sign-up, authorise and API sign-in code is the authenticator's own.
native='
c.JupyterHub.authenticator_class = "native"
c.NativeAuthenticator.open_signup = False'
patch='
import nativeauthenticator.handlers as native_handlers
if not hasattr(native_handlers.LoginHandler, "statsd"):
    class NoStatsd:
        def timer(self, name):
            return self
        def start(self):
            return self
        def stop(self, send=True):
            pass
    native_handlers.LoginHandler.statsd = NoStatsd()'
if [ "$major" -ge 6 ]; then
    start_own_hub login-native-unpatched "$native"
    ansible-playbook -i localhost, -e "@$own_config" -e "hub_log=$(work_of "$hub")/hub.log" native_unpatched.yml "$@"
fi
start_own_hub login-native "$native$patch"
ansible-playbook -i localhost, -e "@$own_config" -e "hub_home=$(work_of "$hub")/home" native.yml "$@"
