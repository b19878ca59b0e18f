# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_share_info through main(), on a mocked hub: an owner's shares and share codes, a user's, a group's, the
same in check mode, options refused before any call, and the hub's refusal (the version gate is in test_shares.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_share_info
from ansible_collections.jupyterhub.hub.tests.unit.helpers import (ACTIVITY, API, HUB_ROOT, assert_failed_before_any_call, assert_refused, listing,
                                                                   run_module, share_code_model, share_model)


@pytest.mark.parametrize("check_mode", [False, True], ids=["run", "check"])
def test_an_owners_shares_and_share_codes(rsps, capsys, check_mode):
    shares = [share_model("group", "physics"), share_model("user", "grace", scopes=[ACTIVITY])]
    rsps.get(API + "/", json=HUB_ROOT)
    rsps.get(API + "/shares/ada", json=listing(*shares))
    rsps.get(API + "/share-codes/ada", json=listing(share_code_model("sc_1")))

    result, dummy = run_module(jupyterhub_share_info, capsys, check_mode=check_mode, owner="ada", share_codes=True)

    assert result["changed"] is False and result["plan"] == []
    assert result["shares"] == shares
    assert result["share_codes"] == [share_code_model("sc_1")]
    assert all(call.request.method == "GET" for call in rsps.calls)


def test_the_shares_of_one_named_server_without_its_codes(rsps, capsys):
    rsps.get(API + "/", json=HUB_ROOT)
    rsps.get(API + "/shares/ada/lab", json=listing(share_model(server="lab")))

    result, dummy = run_module(jupyterhub_share_info, capsys, owner="ada", server_name="lab")

    assert [share["server"]["name"] for share in result["shares"]] == ["lab"]
    assert "share_codes" not in result


@pytest.mark.parametrize("params, path", [(dict(user="grace"), "/users/grace/shared"), (dict(group="physics"), "/groups/physics/shared")])
def test_what_is_shared_with_a_user_or_a_group(rsps, capsys, params, path):
    rsps.get(API + "/", json=HUB_ROOT)
    rsps.get(API + path, json=listing(share_model("user", "grace"), share_model("group", "physics", owner="bob")))

    result, dummy = run_module(jupyterhub_share_info, capsys, **params)

    assert [share["server"]["user"]["name"] for share in result["shares"]] == ["ada", "bob"]


def test_a_token_that_may_not_read_a_users_shares_fails_with_the_hubs_words(rsps, capsys):
    message = "Action is not authorized with current scopes; requires any of [read:users:shares]"
    rsps.get(API + "/", json=HUB_ROOT)
    rsps.get(API + "/users/grace/shared", status=403, json={"status": 403, "message": message})

    result, out = run_module(jupyterhub_share_info, capsys, user="grace")

    assert_refused(result, out, "GET", "/users/grace/shared", 403, message)


@pytest.mark.parametrize(
    "params, message",
    [
        (dict(user="grace", share_codes=True), "share_codes needs owner: share codes are listed by the owner of the server"),
        (dict(group="physics", server_name="lab"), "server_name needs owner"),
        (dict(owner="ada", user="grace"), "parameters are mutually exclusive: owner|user|group"),
        (dict(server_name="lab"), "one of the following is required: owner, user, group"),
        (dict(user="Grace"), "user: user name 'Grace' has upper-case letters"),
    ],
    ids=["codes-without-owner", "server-without-owner", "owner-and-user", "none", "upper-case"],
)
def test_bad_options_fail_before_any_call(rsps, capsys, params, message):
    result, dummy = run_module(jupyterhub_share_info, capsys, **params)

    assert_failed_before_any_call(result, rsps, message)
