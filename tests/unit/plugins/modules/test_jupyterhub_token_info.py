# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_token_info as a whole run, with the HTTP layer mocked."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_token_info
from ansible_collections.jupyterhub.hub.tests.unit import helpers
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API


def run_module(capsys, **params):
    return helpers.run_module(jupyterhub_token_info, capsys, **params)[0]


def token(token_id, note, created="2026-11-22T10:00:00Z"):
    return {"id": token_id, "kind": "api_token", "note": note, "oauth_client": "JupyterHub", "session_id": None, "created": created}


def test_a_users_tokens_without_those_the_hub_made(rsps, capsys):
    tokens = [token("a2", "ci", "2026-11-23"), token("a1", "Server at /user/alice/"), token("a3", "ci", "2026-11-21")]
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": tokens})

    result = run_module(capsys, user="alice", note="ci")

    assert result["changed"] is False
    assert result["owner"] == "alice"
    assert [t["id"] for t in result["tokens"]] == ["a3", "a2"]  # oldest first


def test_one_token_by_id(rsps, capsys):
    rsps.get(API + "/users/alice/tokens/a7", json=token("a7", "ci"))

    result = run_module(capsys, user="alice", token_id="a7")

    assert [t["id"] for t in result["tokens"]] == ["a7"]
