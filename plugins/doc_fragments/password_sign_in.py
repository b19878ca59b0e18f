# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    DOCUMENTATION = r"""
options:
  auth_username:
    description:
      - Sign in as this user with O(auth_password) when no O(api_token) is set, through the hub's authenticator.
        This is the API's way to get a token with a user name and password.
      - Ignored when an O(api_token) is set (also one from E(JUPYTERHUB_API_TOKEN)).
      - To sign in, the module creates a temporary token of this user. The token has the note
        C(jupyterhub.hub temporary sign-in), only the scopes the module needs, and a lifetime of 5 minutes, or the
        hub's C(token_expires_in_max_seconds) when that is shorter.
        The module revokes it before it ends. It is not part of RV(plan) and is not a change.
      - Only authenticators that check a password on the hub accept this, for example the DummyAuthenticator,
        PAM, LDAP or NativeAuthenticator. OAuth authenticators do not.
      - The hub makes the token only for a user it already has, and that its authenticator lets log in. Create the
        user first (M(jupyterhub.hub.jupyterhub_user), or the user logs in once). With NativeAuthenticator, an admin
        must have authorised the user. Otherwise the hub answers a bare 403, and the failure lists these reasons.
    type: str
  auth_password:
    description:
      - The password of O(auth_username). Never logged or returned.
    type: str
notes:
  - Check mode cannot sign in with a password, because signing in creates a token. Without an O(api_token), check
    mode cannot read what the hub has, predicts as if there were nothing, and says so in a warning.
"""
