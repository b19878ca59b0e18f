#!/usr/bin/env bash
# Can a student the onboard role created log in? Hubs of this test's own, one after another, each with one
# setting of who may log in (class.yml says what each must do on each JupyterHub version); then a hub with
# NativeAuthenticator, where a student signs up, an admin authorises them, and jupyterhub_token signs in with
# the student's password (native.yml).
set -eu

# shellcheck source-path=SCRIPTDIR
source ../setup_own_hub/own_hub.sh

major=$(setting jupyterhub_major)
[ -n "$major" ] || { echo "no jupyterhub_major in $shared_config"; exit 1; }

hub=  # the name of the hub running now, if any
# start_one_hub NAME EXTRA_CONFIG: one hub at a time (2 cores): the one running is stopped first
start_one_hub() {
    if [ -n "$hub" ]; then
        own_hub_stop "$hub"
    fi
    hub=$1
    own_hub_start "$hub" "$2"
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
    start_one_hub "login-$case" "$extra"
    ansible-playbook -i localhost, -e "@$own_config" -e "login_case=$case" -e "hub_home=$(own_hub_dir "$hub")/home" class.yml "$@"
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
    start_one_hub login-native-unpatched "$native"
    ansible-playbook -i localhost, -e "@$own_config" -e "hub_log=$(own_hub_dir "$hub")/hub.log" native_unpatched.yml "$@"
fi
start_one_hub login-native "$native$patch"
ansible-playbook -i localhost, -e "@$own_config" -e "hub_home=$(own_hub_dir "$hub")/home" native.yml "$@"
