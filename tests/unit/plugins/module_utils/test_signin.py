# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The password sign-in on its own: options as a plain dict, the HTTP layer mocked, no AnsibleModule."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError, SignInError
from ansible_collections.jupyterhub.hub.plugins.module_utils.signin import SIGN_IN_NOTE, PasswordSignIn
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API

PASSWORD = "pa55-word-never-shown"
SECRET = "sign-in-secret-7777bbbb"
PARAMS = {"auth_username": "alice", "auth_password": PASSWORD}


def signed_in_answer(token_id="a7"):
    return {"id": token_id, "note": SIGN_IN_NOTE, "token": SECRET}


@pytest.mark.parametrize("params", [{"auth_username": "alice"}, {"auth_password": PASSWORD}, {}])
def test_validate_needs_both(params):
    with pytest.raises(JupyterHubError) as caught:
        PasswordSignIn(params).validate()
    assert "auth_username and auth_password go together" in str(caught.value)


def test_sign_in_hands_back_a_client_with_the_new_token_and_sign_out_revokes_it(rsps, make_client):
    sign_in = rsps.post(API + "/users/alice/tokens", status=201, json=signed_in_answer())
    sign_out = rsps.delete(API + "/users/alice/tokens/a7", status=204)
    client = make_client(api_token=None)

    collaborator = PasswordSignIn(PARAMS)
    signed = collaborator.sign_in(client, ["tokens!user=bob"])

    assert signed is not client and signed.api_token == SECRET and client.api_token is None
    body = json.loads(sign_in.calls[0].request.body)
    assert body == {
        "auth": {"username": "alice", "password": PASSWORD},
        "note": SIGN_IN_NOTE,
        "expires_in": 300,
        "scopes": ["tokens!user=alice", "tokens!user=bob"],  # and its own, to revoke itself
    }
    assert "Authorization" not in sign_in.calls[0].request.headers
    assert collaborator.sign_out(signed) is None
    assert sign_out.calls[0].request.headers["Authorization"] == "token " + SECRET
    assert collaborator.sign_out(signed) is None  # once only
    assert sign_out.call_count == 1


def test_a_failed_sign_out_is_a_warning(rsps, make_client):
    rsps.post(API + "/users/alice/tokens", status=201, json=signed_in_answer())
    rsps.delete(API + "/users/alice/tokens/a7", status=403, json={"status": 403, "message": "no"})
    collaborator = PasswordSignIn(PARAMS)
    signed = collaborator.sign_in(make_client(api_token=None), [])

    warning = collaborator.sign_out(signed)
    assert warning.startswith("could not revoke the temporary sign-in token a7")
    assert "expires within 300 seconds" in warning


def test_a_wrong_password_names_what_was_asked_and_keeps_the_call(rsps, make_client):
    rsps.post(API + "/users/alice/tokens", status=403, json={"status": 403, "message": "Forbidden"})

    with pytest.raises(SignInError) as caught:
        PasswordSignIn(PARAMS).sign_in(make_client(api_token=None), [])
    err = caught.value
    assert str(err).startswith("cannot sign in as alice with auth_username and auth_password (for a temporary token of 300 seconds")
    assert err.to_failure() == {"method": "POST", "path": "/users/alice/tokens", "status": 403, "message": "Forbidden"}
    assert PASSWORD not in str(err)


@pytest.mark.parametrize("answer", [{"status": 403, "message": None}, {"status": 403, "message": "Forbidden"}])
def test_a_bare_403_names_the_reasons_a_password_is_refused_not_a_token(rsps, answer, make_client):
    # The hub's authenticator says nothing more for a wrong password, a user no allow rule admits, a user
    # NativeAuthenticator's admin has not authorised, or a user the hub does not have: all seen on real hubs.
    rsps.post(API + "/users/alice/tokens", status=403, json=answer)

    with pytest.raises(SignInError) as caught:
        PasswordSignIn(PARAMS).sign_in(make_client(api_token=None), [])
    message = str(caught.value)
    assert "POST /users/alice/tokens: 403 Forbidden: Forbidden (the hub did not accept the credentials, and says no more for a password" in message
    assert "the user name or password is wrong" in message
    assert "allow_all, allowed_users or allow_existing_users" in message
    assert "NativeAuthenticator also needs the user authorised by an admin" in message
    assert "the hub has no user alice yet" in message
    assert "token, or a wrong password" not in message  # the hint for a refused api_token
    assert caught.value.to_failure() == {"method": "POST", "path": "/users/alice/tokens", "status": 403, "message": "Forbidden"}


def test_a_403_with_the_hubs_own_words_keeps_them(rsps, make_client):
    rsps.post(API + "/users/alice/tokens", status=403, json={"status": 403, "message": "User bob not found or no permissions to generate tokens"})

    with pytest.raises(SignInError) as caught:
        PasswordSignIn(PARAMS).sign_in(make_client(api_token=None), [])
    message = str(caught.value)
    assert message.endswith("POST /users/alice/tokens: 403 Forbidden: User bob not found or no permissions to generate tokens")
