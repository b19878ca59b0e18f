# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_share through main(), on a mocked hub: the hub's answer as the result, the prediction in check mode, a
revocation, the hub's refusal, and options refused before any call (the planning is in test_shares.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_share
from ansible_collections.jupyterhub.hub.tests.unit.helpers import ACCESS, API, HUB_ROOT, assert_refused, listing, run_module, share_model


def test_a_new_share_returns_the_hubs_answer(rsps, capsys):
    rsps.get(API + "/", json=HUB_ROOT)
    rsps.get(API + "/shares/ada/", json=listing())
    rsps.post(API + "/shares/ada/", json=share_model())

    result, dummy = run_module(jupyterhub_share, capsys, diff=True, owner="ada", group="physics")

    assert result["changed"] is True
    assert result["plan"] == ["POST /shares/ada/"]
    assert result["share"]["created_at"] == "2026-11-22T10:40:22.185792Z"  # only the hub's answer has it
    assert result["diff"] == {"before": {}, "after": {"server": "ada/", "group": "physics", "scopes": [ACCESS]}}


def test_a_new_share_in_check_mode_is_the_prediction(rsps, capsys):
    rsps.get(API + "/", json=HUB_ROOT)
    rsps.get(API + "/shares/ada/", json=listing())

    result, dummy = run_module(jupyterhub_share, capsys, check_mode=True, owner="ada", group="physics")

    assert result["changed"] is True
    assert result["share"]["scopes"] == [ACCESS]
    assert "created_at" not in result["share"]


def test_revoking_a_share_returns_none(rsps, capsys):
    rsps.get(API + "/", json=HUB_ROOT)
    rsps.get(API + "/shares/ada/", json=listing(share_model("user", "grace")))
    rsps.patch(API + "/shares/ada/", json={})  # the hub's answer once no scope is left

    result, dummy = run_module(jupyterhub_share, capsys, owner="ada", user="grace", state="absent")

    assert result["changed"] is True
    assert result["share"] is None


def test_a_refusal_of_the_hub_is_a_clean_failure(rsps, capsys):
    message = "Action is not authorized with current scopes; requires any of [shares]"
    rsps.get(API + "/", json=HUB_ROOT)
    rsps.get(API + "/shares/ada/", json=listing())
    rsps.post(API + "/shares/ada/", status=403, json={"status": 403, "message": message})

    result, out = run_module(jupyterhub_share, capsys, owner="ada", group="physics")

    assert_refused(result, out, "POST", "/shares/ada/", 403, message)
    assert result["changed"] is False and result["not_done"] == ["POST /shares/ada/"]


def test_present_without_user_or_group_fails_before_any_call(rsps, capsys):
    result, dummy = run_module(jupyterhub_share, capsys, owner="ada")
    assert result["failed"] is True
    assert result["msg"].startswith("state=present needs user or group")
    assert "jupyterhub_share_code" in result["msg"]
    assert len(rsps.calls) == 0


def test_share_code_is_no_longer_an_option(rsps, capsys):
    result, dummy = run_module(jupyterhub_share, capsys, owner="ada", share_code=True)
    assert result["failed"] is True
    assert "share_code" in result["msg"] and "Unsupported parameters" in result["msg"]
