# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_share: the planning logic as plain functions (current shares + options -> calls), and whole runs
against a mocked hub (the hub's answer as the result, the prediction in check mode)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_share
from ansible_collections.jupyterhub.hub.plugins.module_utils.shares import find_share, plan_revoke_all, plan_share, summarize_share
from ansible_collections.jupyterhub.hub.tests.unit.helpers import ACCESS, ACTIVITY, API, HUB_ROOT, calls, listing, run_module, share_model


def test_find_share_by_kind_and_name():
    shares = [share_model("user", "physics"), share_model("group", "physics"), share_model("user", "grace")]
    assert find_share(shares, "group", "physics") is shares[1]
    assert find_share(shares, "user", "grace") is shares[2]
    assert find_share(shares, "group", "grace") is None


# -- shares with a user or group ------------------------------------------------------


def test_new_share_with_the_hubs_default_scope():
    plan, after = plan_share("ada", "", "group", "physics", None, "present")
    assert calls(plan) == [("POST", "/shares/ada/", {"group": "physics"})]
    assert 500 in plan[0].error_hints  # an unknown scope name is a bare 500 on the hub
    assert after["scopes"] == [ACCESS]
    assert after["group"] == {"name": "physics"} and after["user"] is None
    assert summarize_share(after) == {"server": "ada/", "group": "physics", "scopes": [ACCESS]}


def test_new_share_with_scopes():
    plan, after = plan_share("ada", "lab", "user", "grace", None, "present", scopes=["read:users:activity!server=ada/lab"])
    assert calls(plan) == [("POST", "/shares/ada/lab", {"user": "grace", "scopes": ["read:users:activity!server=ada/lab"]})]
    assert summarize_share(after) == {"server": "ada/lab", "user": "grace", "scopes": ["read:users:activity!server=ada/lab"]}


def test_existing_share_without_scopes_is_left_alone():
    current = share_model(scopes=[ACTIVITY])
    assert plan_share("ada", "", "group", "physics", current, "present") == ([], current)


def test_same_scopes_is_no_change():
    current = share_model(scopes=[ACCESS, ACTIVITY])
    plan, after = plan_share("ada", "", "group", "physics", current, "present", scopes=[ACTIVITY, ACCESS])
    assert plan == []
    assert after is current


def test_exact_scopes_add_first_then_revoke():
    current = share_model(scopes=[ACCESS])
    plan, after = plan_share("ada", "", "group", "physics", current, "present", scopes=[ACTIVITY])
    assert calls(plan) == [
        ("POST", "/shares/ada/", {"group": "physics", "scopes": [ACTIVITY]}),
        ("PATCH", "/shares/ada/", {"group": "physics", "scopes": [ACCESS]}),
    ]
    assert after["scopes"] == [ACTIVITY]


def test_append_only_adds():
    current = share_model(scopes=[ACCESS])
    plan, after = plan_share("ada", "", "group", "physics", current, "present", scopes=[ACTIVITY], append=True)
    assert calls(plan) == [("POST", "/shares/ada/", {"group": "physics", "scopes": [ACTIVITY]})]
    assert after["scopes"] == [ACCESS, ACTIVITY]


def test_append_of_scopes_already_there_is_no_change():
    current = share_model(scopes=[ACCESS, ACTIVITY])
    assert plan_share("ada", "", "group", "physics", current, "present", scopes=[ACCESS], append=True)[0] == []


def test_absent_revokes_the_whole_share():
    plan, after = plan_share("ada", "", "user", "grace", share_model("user", "grace"), "absent")
    assert calls(plan) == [("PATCH", "/shares/ada/", {"user": "grace"})]
    assert after is None
    assert summarize_share(after) == {}


def test_absent_without_a_share_is_no_change():
    assert plan_share("ada", "", "user", "grace", None, "absent") == ([], None)
    assert plan_share("ada", "", "user", "grace", None, "absent", scopes=[ACCESS]) == ([], None)


def test_absent_with_scopes_revokes_only_those():
    current = share_model(scopes=[ACCESS, ACTIVITY])
    plan, after = plan_share("ada", "", "group", "physics", current, "absent", scopes=[ACTIVITY, "other!server=ada/"])
    assert calls(plan) == [("PATCH", "/shares/ada/", {"group": "physics", "scopes": [ACTIVITY]})]
    assert after["scopes"] == [ACCESS]


def test_absent_with_every_scope_deletes_the_share():
    plan, after = plan_share("ada", "", "group", "physics", share_model(scopes=[ACCESS]), "absent", scopes=[ACCESS])
    assert calls(plan) == [("PATCH", "/shares/ada/", {"group": "physics", "scopes": [ACCESS]})]
    assert after is None


def test_absent_with_scopes_the_share_has_not_is_no_change():
    current = share_model(scopes=[ACCESS])
    assert plan_share("ada", "", "group", "physics", current, "absent", scopes=[ACTIVITY]) == ([], current)


def test_names_are_quoted():
    plan, dummy = plan_share("a b@c", "x/y", "user", "grace", None, "present")
    assert plan[0].path == "/shares/a%20b%40c/x%2Fy"


def test_revoke_all():
    assert calls(plan_revoke_all("ada", "", [share_model(), share_model("user", "grace")])) == [("DELETE", "/shares/ada/", None)]
    assert plan_revoke_all("ada", "", []) == []


# -- whole runs on a mocked hub -----------------------------------------------------------


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
