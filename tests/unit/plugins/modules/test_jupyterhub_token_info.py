# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_token_info as a whole run, with the HTTP layer mocked."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import responses

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_token_info
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, HUB_ROOT, UTC, run_module, token_model


def test_a_users_tokens_without_those_the_hub_made(rsps, capsys):
    tokens = [token_model("a2", "ci", created=-8), token_model("a1", "Server at /user/alice/"), token_model("a3", "ci", created=-10)]
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": tokens})

    result, dummy = run_module(jupyterhub_token_info, capsys, user="alice", note="ci")

    assert result["changed"] is False
    assert result["owner"] == "alice"
    assert [t["id"] for t in result["tokens"]] == ["a3", "a2"]  # oldest first


def test_one_token_by_id(rsps, capsys):
    rsps.get(API + "/users/alice/tokens/a7", json=token_model("a7"))

    result, dummy = run_module(jupyterhub_token_info, capsys, user="alice", token_id="a7")

    assert [t["id"] for t in result["tokens"]] == ["a7"]


# -- many users, all users, filters (1.1.0) --------------------------------------------------------------------------


def test_a_list_of_users_with_each_token_naming_its_owner(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1")]})
    rsps.get(API + "/users/bob/tokens", json={"api_tokens": [token_model("b1", user="bob")]})

    result, dummy = run_module(jupyterhub_token_info, capsys, user=["alice", "bob"])

    assert [(t["user"], t["id"]) for t in result["tokens"]] == [("alice", "a1"), ("bob", "b1")]
    assert result["users"] == ["alice", "bob"] and "owner" not in result


def test_an_unknown_named_user_fails_naming_it(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": []})
    rsps.get(API + "/users/nobody/tokens", status=404, json={"status": 404, "message": "No such user: nobody"})
    rsps.get(API + "/", json=HUB_ROOT)

    result, dummy = run_module(jupyterhub_token_info, capsys, user=["alice", "nobody"])

    assert result["failed"] is True and result["msg"] == "unknown user(s): nobody"


def test_all_users_paginated_with_both_filters_and_a_deleted_user_skipped(rsps, capsys):
    page1 = {"items": [{"name": "u1"}, {"name": "u2"}], "_pagination": {"offset": 0, "limit": 2, "total": 3, "next": {"offset": 2}}}
    page2 = {"items": [{"name": "u3"}], "_pagination": {"offset": 2, "limit": 2, "total": 3, "next": None}}
    rsps.get(API + "/users", json=page1, match=[responses.matchers.query_param_matcher({"offset": "0", "limit": "200"})])
    rsps.get(API + "/users", json=page2, match=[responses.matchers.query_param_matcher({"offset": "2", "limit": "200"})])
    now = datetime.datetime.now(UTC)  # the module reads the clock
    rsps.get(API + "/users/u1/tokens", json={"api_tokens": [
        token_model("a1", user="u1", created=-200, used=-100, expires=3, now=now),  # unused for 100 days, expires in 3: both match
        token_model("a2", user="u1", created=-200, used=-1, expires=3, now=now),  # used yesterday
        token_model("a3", user="u1", created=-200, now=now),  # never used, no expiry
    ]})
    rsps.get(API + "/users/u2/tokens", status=404, json={"status": 404, "message": "No such user: u2"})
    rsps.get(API + "/users/u3/tokens", json={"api_tokens": [token_model("c1", user="u3", created=-95, expires=6, now=now)]})
    rsps.get(API + "/", json=HUB_ROOT)

    result, dummy = run_module(jupyterhub_token_info, capsys, all_users=True, unused_for="90d", expires_within="1w")

    assert [(t["user"], t["id"]) for t in result["tokens"]] == [("u1", "a1"), ("u3", "c1")]
    assert result["users"] == ["u1", "u3"] and result["users_gone"] == ["u2"]
    assert "owner" not in result


def test_a_token_without_read_tokens_fails_naming_the_scope(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", status=403,
             json={"status": 403, "message": "Action is not authorized with current scopes; requires any of [read:tokens]"})

    result, dummy = run_module(jupyterhub_token_info, capsys, user="alice")

    assert result["failed"] is True and result["status"] == 403
    assert "requires any of [read:tokens]" in result["msg"] and "needs the read:tokens scope" in result["msg"]


def test_listing_every_user_without_list_users_fails_naming_the_scope(rsps, capsys):
    rsps.get(API + "/users", status=403, json={"status": 403, "message": "Action is not authorized with current scopes; requires any of [list:users]"})

    result, dummy = run_module(jupyterhub_token_info, capsys, all_users=True)

    assert result["failed"] is True and "list:users scope" in result["msg"]


def test_all_users_and_user_together_fail(rsps, capsys):
    result, dummy = run_module(jupyterhub_token_info, capsys, all_users=True, user="alice")
    assert result["failed"] is True and "all_users" in result["msg"]


def test_a_bad_duration_fails(rsps, capsys):
    result, dummy = run_module(jupyterhub_token_info, capsys, user="alice", unused_for="ages")
    assert result["failed"] is True and result["msg"].startswith("unused_for: 'ages' is not a duration")
