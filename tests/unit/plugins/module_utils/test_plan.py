# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/plan.py: a Call prints as 'METHOD path' only, compares with its body, and hints at what the hub does not say."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call, call_strings


def test_call_prints_method_and_path_only():
    call = Call("POST", "/users/alice/tokens", {"note": "ci", "auth": {"password": "s3cret"}})

    assert str(call) == "POST /users/alice/tokens"
    assert repr(call) == "Call('POST', '/users/alice/tokens')"
    assert "s3cret" not in repr(call)


def test_call_equality_includes_the_body():
    assert Call("PATCH", "/users/a", {"admin": True}) == Call("PATCH", "/users/a", {"admin": True})
    assert Call("PATCH", "/users/a", {"admin": True}) != Call("PATCH", "/users/a", {"admin": False})
    assert Call("PATCH", "/users/a") != "PATCH /users/a"
    assert (Call("PATCH", "/users/a") != Call("PATCH", "/users/a")) is False


def test_a_call_is_not_hashable_as_its_body_may_change():
    with pytest.raises(TypeError):
        hash(Call("DELETE", "/users/a"))


def test_a_call_sends_no_body_and_counts_every_error_by_default():
    call = Call("DELETE", "/users/a")
    assert (call.body, call.done_statuses, call.timeout, call.error_hints) == (None, (), None, {})


def test_a_call_hint_may_be_a_single_pair_or_a_list():
    single = Call("POST", "/x", error_hints={400: ("held", "one")})
    assert single.hint_for(JupyterHubError(status=400, message="not held")) == "one"
    assert single.hint_for(JupyterHubError(status=400, message="other")) is None  # not the words of the pair
    assert Call("POST", "/x", error_hints={500: "always"}).hint_for(JupyterHubError(status=500, message="")) == "always"
    several = Call("POST", "/x", error_hints={400: [("role", "roles"), ("scope", "scopes"), ("", "any other")]})
    assert several.hint_for(JupyterHubError(status=400, message="No such role: x")) == "roles"
    assert several.hint_for(JupyterHubError(status=400, message="requested scope x")) == "scopes"
    assert several.hint_for(JupyterHubError(status=400, message="something")) == "any other"


def test_no_hint_for_another_status_or_a_message_of_none():
    call = Call("POST", "/x", error_hints={400: [("held", "one")], 500: "always"})
    assert call.hint_for(JupyterHubError(status=403, message="held")) is None
    assert call.hint_for(JupyterHubError(status=400, message=None)) is None
    assert Call("POST", "/x").hint_for(JupyterHubError(status=500, message="")) is None


def test_call_strings_are_what_a_result_shows():
    assert call_strings([Call("POST", "/users", {"usernames": ["a"]}), Call("DELETE", "/groups/g")]) == ["POST /users", "DELETE /groups/g"]
    assert call_strings([]) == []
