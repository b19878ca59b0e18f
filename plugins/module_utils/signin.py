# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Password sign-in: a collaborator of JupyterHubModule for a run that has a password and no api_token.

The hub's authenticator checks ``{"auth": {"username", "password"}}`` on
``POST /users/{name}/tokens``; what comes back is a token, so signing in
creates one. It is made short-lived (the shorter of SIGN_IN_SECONDS and the
hub's token_expires_in_max_seconds), narrowed to the scopes the module asks
for, and revoked when the module ends. Nothing of Ansible: it raises
JupyterHubError, and JupyterHubModule turns that into a failure.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError, SignInError

SIGN_IN_NOTE = "jupyterhub.hub temporary sign-in"
SIGN_IN_SECONDS = 300

# The hub answers a bare 403 to every sign-in it refuses, whatever the reason: these are the reasons.
PASSWORD_REFUSED = (
    "the hub did not accept the credentials, and says no more for a password: the user name or password is wrong; "
    "or the hub's authenticator does not let %(user)s log in (on JupyterHub 5.0+ an allow rule must admit the user: "
    "allow_all, allowed_users or allow_existing_users, or the authenticator's own; NativeAuthenticator also needs the "
    "user authorised by an admin); or the hub has no user %(user)s yet (it makes tokens only for its users: create it "
    "with jupyterhub_user, or log in once at the hub's login page)"
)

ARGUMENT_SPEC = dict(
    auth_username=dict(type="str"),
    auth_password=dict(type="str", no_log=True),
)


class PasswordSignIn:
    """Sign in as ``auth_username`` with ``auth_password``, and out again."""

    def __init__(self, params):
        self.username = params.get("auth_username")
        self.password = params.get("auth_password")
        self.token_id = None
        self.expires_in = SIGN_IN_SECONDS

    def validate(self):
        """The options alone, no call: raises JupyterHubError."""
        if not self.username or not self.password:
            raise JupyterHubError("auth_username and auth_password go together: set both to sign in with a password")

    def sign_in(self, client, scopes):
        """A copy of ``client`` that holds a new temporary token with ``scopes``, and the right to revoke itself."""
        path = quote_path("users", self.username, "tokens")
        scopes = sorted(set(scopes) | {"tokens!user=%s" % self.username})
        body = {"auth": {"username": self.username, "password": self.password}, "note": SIGN_IN_NOTE, "scopes": scopes}
        try:
            try:
                answer = client.post(path, dict(body, expires_in=self.expires_in), authenticate=False)
            except JupyterHubError as err:
                shorter = hub_max_expiry(err)
                if shorter is None or shorter >= self.expires_in:
                    raise
                self.expires_in = shorter
                answer = client.post(path, dict(body, expires_in=self.expires_in), authenticate=False)
        except JupyterHubError as err:
            if err.status == 403 and err.hub_message == "Forbidden":
                # not the hint for a refused token that the client gives a bare 403: no token was sent
                err = JupyterHubError(err.hub_message, status=err.status, method=err.method, path=err.path, url=err.url,
                                      hub_message=err.hub_message, hint=PASSWORD_REFUSED % dict(user=self.username))
            raise SignInError(
                "cannot sign in as %s with auth_username and auth_password (for a temporary token of %d seconds with "
                "the scopes %s): %s" % (self.username, self.expires_in, ", ".join(scopes), err),
                err,
            )
        self.token_id = answer["id"]
        return client.clone(api_token=answer["token"])

    def sign_out(self, client):
        """Revoke the temporary token. Returns None, or a warning: if that fails, the token expires by itself soon."""
        if self.token_id is None:
            return None
        token_id, self.token_id = self.token_id, None
        try:
            client.delete(quote_path("users", self.username, "tokens", token_id))
        except JupyterHubError as err:
            return "could not revoke the temporary sign-in token %s (%s): it expires within %d seconds" % (token_id, err, self.expires_in)
        return None


def hub_max_expiry(err):
    """The hub's token_expires_in_max_seconds, from its 400 "token expires_in: 300 must not exceed 60", or None."""
    found = re.search(r"must not exceed (\d+)", err.message or "") if err.status == 400 else None
    return int(found.group(1)) if found else None
