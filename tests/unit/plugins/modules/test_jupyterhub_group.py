# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_group through main(), on a mocked hub: members checked before any change, the missing ones created
first in one call, check mode, --diff and the hub's refusals (the planning is in test_groups.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_group
from ansible_collections.jupyterhub.hub.tests.unit.helpers import (API, HUB_ROOT, NO_CALL, assert_failed_before_any_call, assert_refused, group_model,
                                                                   listing, run_module, user_model, warnings_of, writes)

NOT_FOUND = {"status": 404, "message": "Not Found"}


def test_a_new_group_is_created_then_filled_and_the_diff_shows_it(rsps, capsys):
    rsps.get(API + "/groups/physics", status=404, json=NOT_FOUND)
    rsps.get(API + "/", json=HUB_ROOT)  # GET / proves api_url before a 404 is believed
    rsps.get(API + "/users/ada", json=user_model("ada"))
    rsps.get(API + "/users/bob", json=user_model("bob"))
    rsps.post(API + "/groups/physics", status=201, json=group_model("physics"))
    rsps.post(API + "/groups/physics/users", json=group_model("physics", ["ada", "bob"]))

    result, dummy = run_module(jupyterhub_group, capsys, diff=True, name="physics", members=["bob", "ada"])

    assert result["changed"] is True
    assert result["plan"] == ["POST /groups/physics", "POST /groups/physics/users"]
    assert writes(rsps) == [("POST", "/groups/physics", None), ("POST", "/groups/physics/users", {"users": ["bob", "ada"]})]
    assert result["group"] == group_model("physics", ["bob", "ada"])
    assert result["created_users"] == []
    assert result["diff"] == {"before": {}, "after": {"name": "physics", "users": ["ada", "bob"], "properties": {}}}


def test_check_mode_reads_only_and_predicts(rsps, capsys):
    rsps.get(API + "/groups/physics", json=group_model("physics", ["ada"], {"profile": "cpu"}))
    rsps.get(API + "/users/bob", json=user_model("bob"))

    result, dummy = run_module(jupyterhub_group, capsys, check_mode=True, diff=True, name="physics", members=["bob"], properties={"profile": "gpu"})

    assert result["changed"] is True
    assert result["plan"] == ["POST /groups/physics/users", "DELETE /groups/physics/users", "PUT /groups/physics/properties"]
    assert writes(rsps) == []
    assert result["group"]["users"] == ["bob"] and result["group"]["properties"] == {"profile": "gpu"}
    assert result["diff"]["before"] == {"name": "physics", "users": ["ada"], "properties": {"profile": "cpu"}}
    assert result["diff"]["after"] == {"name": "physics", "users": ["bob"], "properties": {"profile": "gpu"}}


def test_a_group_as_asked_is_no_change_and_reads_no_member(rsps, capsys):
    rsps.get(API + "/groups/physics", json=group_model("physics", ["ada", "bob"]))

    result, dummy = run_module(jupyterhub_group, capsys, name="physics", members=["bob", "ada"], append=True)

    assert result["changed"] is False and result["plan"] == []
    assert len(rsps.calls) == 1  # the current members are known to exist


def test_missing_members_fail_the_task_before_any_change(rsps, capsys):
    rsps.get(API + "/groups/physics", json=group_model("physics", ["ada"]))
    rsps.get(API + "/users/ghost", status=404, json=NOT_FOUND)
    rsps.get(API + "/users/bob", json=user_model("bob"))
    rsps.get(API + "/", json=HUB_ROOT)

    result, dummy = run_module(jupyterhub_group, capsys, name="physics", members=["ada", "ghost", "bob"])

    assert result["failed"] is True
    assert result["msg"] == "unknown user(s): ghost. Create them first, or set create_missing_users. Nothing was changed."
    assert result["unknown_users"] == ["ghost"]
    assert result["failure"] == NO_CALL
    assert writes(rsps) == []


def test_missing_members_only_warn_in_check_mode(rsps, capsys):
    rsps.get(API + "/groups/physics", status=404, json=NOT_FOUND)
    rsps.get(API + "/", json=HUB_ROOT)
    rsps.get(API + "/users/ghost", status=404, json=NOT_FOUND)

    result, dummy = run_module(jupyterhub_group, capsys, check_mode=True, name="physics", members=["ghost"])

    assert result.get("failed") is not True
    assert result["plan"] == ["POST /groups/physics", "POST /groups/physics/users"]
    assert "unknown user(s): ghost. Create them first, or set create_missing_users. Check mode goes on" in warnings_of(result)
    assert writes(rsps) == []


def test_create_missing_users_puts_one_bulk_post_of_users_first(rsps, capsys):
    rsps.get(API + "/groups/physics", status=404, json=NOT_FOUND)
    rsps.get(API + "/", json=HUB_ROOT)
    # three names: the first page of the listing answers for all of them on this small hub
    rsps.get(API + "/users", json=listing(user_model("ada")))
    rsps.post(API + "/users", status=201, json=[user_model("new1"), user_model("new2")])
    rsps.post(API + "/groups/physics", status=201, json=group_model("physics"))
    rsps.post(API + "/groups/physics/users", json=group_model("physics", ["ada", "new1", "new2"]))

    result, dummy = run_module(jupyterhub_group, capsys, name="physics", members=["ada", "new1", "new2"], create_missing_users=True)

    assert result["changed"] is True
    assert result["created_users"] == ["new1", "new2"]
    assert result["plan"] == ["POST /users", "POST /groups/physics", "POST /groups/physics/users"]
    assert writes(rsps) == [
        ("POST", "/users", {"usernames": ["new1", "new2"]}),
        ("POST", "/groups/physics", None),
        ("POST", "/groups/physics/users", {"users": ["ada", "new1", "new2"]}),
    ]


def test_create_missing_users_with_every_member_there_creates_none(rsps, capsys):
    rsps.get(API + "/groups/physics", json=group_model("physics"))
    rsps.get(API + "/users/ada", json=user_model("ada"))
    rsps.post(API + "/groups/physics/users", json=group_model("physics", ["ada"]))

    result, dummy = run_module(jupyterhub_group, capsys, name="physics", members=["ada"], create_missing_users=True)

    assert result["created_users"] == [] and result["plan"] == ["POST /groups/physics/users"]


@pytest.mark.parametrize("exists", [True, False], ids=["exists", "gone"])
def test_absent_deletes_the_group_only_if_it_exists(rsps, capsys, exists):
    if exists:
        rsps.get(API + "/groups/physics", json=group_model("physics", ["ada"]))
        rsps.delete(API + "/groups/physics", status=204)
    else:
        rsps.get(API + "/groups/physics", status=404, json=NOT_FOUND)
        rsps.get(API + "/", json=HUB_ROOT)

    result, dummy = run_module(jupyterhub_group, capsys, diff=True, name="physics", members=["ghost"], state="absent")

    assert result["changed"] is exists
    assert result["plan"] == (["DELETE /groups/physics"] if exists else [])
    assert result["group"] is None and result["diff"]["after"] == {}


def test_a_refusal_of_the_hub_is_a_clean_failure_with_what_was_done(rsps, capsys):
    rsps.get(API + "/groups/physics", status=404, json=NOT_FOUND)
    rsps.get(API + "/", json=HUB_ROOT)
    rsps.get(API + "/users/ada", json=user_model("ada"))
    rsps.post(API + "/groups/physics", status=201, json=group_model("physics"))
    rsps.post(API + "/groups/physics/users", status=403, json={"status": 403, "message": "Action is not authorized with current scopes"})

    result, out = run_module(jupyterhub_group, capsys, name="physics", members=["ada"])

    assert_refused(result, out, "POST", "/groups/physics/users", 403, "Action is not authorized with current scopes")
    assert result["changed"] is True
    assert result["done"] == ["POST /groups/physics"] and result["not_done"] == ["POST /groups/physics/users"]


def test_a_bad_member_name_fails_before_any_call(rsps, capsys):
    result, dummy = run_module(jupyterhub_group, capsys, check_mode=True, name="physics", members=["ada", "Bob"])

    message = "members: user name 'Bob' has upper-case letters: JupyterHub stores names in lower case, so use 'bob'"
    assert_failed_before_any_call(result, rsps, message)
    assert result["msg"] == message
