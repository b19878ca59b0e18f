# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/users.py: the plans of jupyterhub_user and the roster's users, as plain functions: current state + options -> calls."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import removed_servers
from ansible_collections.jupyterhub.hub.plugins.module_utils.users import UserDeletion, create_users_call, plan_users, summarize_users, user_removal_plan
from ansible_collections.jupyterhub.hub.tests.unit.helpers import calls, server_model, user_model


def test_missing_users_are_created_in_one_bulk_call():
    names = ["u%03d" % i for i in range(300)]
    plan, after = plan_users(names, dict((n, None) for n in names), "present")
    assert calls(plan) == [("POST", "/users", {"usernames": names})]
    assert plan[0].done_statuses == (409,)
    assert plan[0].timeout > 30  # a big roster gets the time it needs
    assert [after[n]["name"] for n in names] == names


def test_existing_users_make_no_call():
    current = {"alice": user_model("alice"), "bob": user_model("bob", admin=True)}
    plan, after = plan_users(["alice", "bob"], current, "present")
    assert plan == []
    assert after == current


def test_only_the_missing_ones_are_created_with_admin():
    current = {"alice": user_model("alice", admin=True), "bob": None}
    plan, after = plan_users(["alice", "bob"], current, "present", admin=True)
    assert calls(plan) == [("POST", "/users", {"usernames": ["bob"], "admin": True})]
    assert after["bob"]["admin"] is True


def test_admin_flag_changes_with_one_patch_per_user():
    current = {"alice": user_model("alice", admin=True), "bob": user_model("bob", admin=False)}
    plan, after = plan_users(["alice", "bob"], current, "present", admin=False)
    assert calls(plan) == [("PATCH", "/users/alice", {"admin": False})]
    assert after["alice"]["admin"] is False


def test_unset_admin_is_not_managed():
    current = {"alice": user_model("alice", admin=True)}
    plan, after = plan_users(["alice"], current, "present", admin=None)
    assert plan == []
    assert after["alice"]["admin"] is True


def test_names_are_quoted_in_paths():
    current = {"a b@c.d": user_model("a b@c.d")}
    plan, dummy = plan_users(["a b@c.d"], current, "present", admin=True)
    assert plan[0].path == "/users/a%20b%40c.d"


def test_groups_one_call_per_group_covering_every_user():
    current = {"a": user_model("a", groups=["old"]), "b": user_model("b"), "c": None}
    plan, after = plan_users(["a", "b", "c"], current, "present", groups=["g1", "g2"])
    assert calls(plan) == [
        ("POST", "/users", {"usernames": ["c"]}),
        ("POST", "/groups/g1/users", {"users": ["a", "b", "c"]}),
        ("POST", "/groups/g2/users", {"users": ["a", "b", "c"]}),
        ("DELETE", "/groups/old/users", {"users": ["a"]}),
    ]
    assert after["a"]["groups"] == ["g1", "g2"]


def test_groups_append_removes_nothing():
    current = {"a": user_model("a", groups=["old", "g1"]), "b": user_model("b")}
    plan, after = plan_users(["a", "b"], current, "present", groups=["g1"], append=True)
    assert calls(plan) == [("POST", "/groups/g1/users", {"users": ["b"]})]
    assert after["a"]["groups"] == ["g1", "old"]


def test_empty_groups_removes_from_all():
    current = {"a": user_model("a", groups=["x", "y"])}
    plan, after = plan_users(["a"], current, "present", groups=[])
    assert calls(plan) == [("DELETE", "/groups/x/users", {"users": ["a"]}), ("DELETE", "/groups/y/users", {"users": ["a"]})]
    assert after["a"]["groups"] == []


def test_groups_already_right_make_no_call():
    current = {"a": user_model("a", groups=["g1", "g2"])}
    plan, dummy = plan_users(["a"], current, "present", groups=["g2", "g1"])
    assert plan == []


def test_absent_deletes_only_existing_users():
    current = {"a": user_model("a"), "gone": None}
    plan, after = plan_users(["a", "gone"], current, "absent")
    assert calls(plan) == [("DELETE", "/users/a", None)]
    assert plan[0].done_statuses == (404,)
    assert after == {}


def test_rename_with_admin_in_the_same_call():
    old = user_model("carol", admin=False, groups=["g"])
    plan, after = plan_users(["carol.smith"], {"carol.smith": None}, "present", admin=True, rename_from=old)
    assert calls(plan) == [("PATCH", "/users/carol", {"name": "carol.smith", "admin": True})]
    assert after["carol.smith"]["name"] == "carol.smith"
    assert after["carol.smith"]["admin"] is True
    assert after["carol.smith"]["groups"] == ["g"]


def test_rename_done_already_is_no_change():
    current = {"carol.smith": user_model("carol.smith")}
    plan, dummy = plan_users(["carol.smith"], current, "present", rename_from=None)
    assert plan == []


def test_plan_prints_without_bodies():
    plan, dummy = plan_users(["a"], {"a": None}, "present", admin=True)
    assert [str(c) for c in plan] == ["POST /users"]
    assert isinstance(plan[0], Call)


def test_summarize_shows_admin_and_sorted_groups_of_existing_users():
    assert summarize_users({"a": user_model("a", groups=["z", "b"]), "b": None}) == {"a": {"admin": False, "groups": ["b", "z"]}}


# -- state=absent: the servers go first ---------------------------------------------------------


def test_absent_removes_a_running_default_and_a_named_server_before_the_user():
    current = {"a": user_model("a", servers=[server_model("", "started"), server_model("gpu", "started")])}
    plan, after = plan_users(["a"], current, "absent")
    assert calls(plan) == [
        ("DELETE", "/users/a/servers/gpu", {"remove": True}),
        ("DELETE", "/users/a/server", None),
        ("DELETE", "/users/a", None),
    ]
    assert removed_servers(plan) == [{"user": "a", "server": "gpu"}, {"user": "a", "server": ""}]
    assert after == {}


def test_absent_deletes_a_stopped_named_server_and_leaves_a_stopped_default_to_the_hub():
    current = {"b": user_model("b", servers=[server_model("", "stopped"), server_model("old", "stopped")])}
    plan, dummy = plan_users(["b"], current, "absent")
    assert calls(plan) == [("DELETE", "/users/b/servers/old", {"remove": True}), ("DELETE", "/users/b", None)]
    assert removed_servers(plan) == [{"user": "b", "server": "old"}]


def test_absent_user_without_servers_is_one_delete():
    plan, dummy = plan_users(["c"], {"c": user_model("c", servers=[])}, "absent")
    assert calls(plan) == [("DELETE", "/users/c", None)]
    assert removed_servers(plan) == []


@pytest.mark.parametrize("status", ["starting", "stopping"])
def test_absent_stops_a_pending_default_server(status):
    plan, dummy = plan_users(["a"], {"a": user_model("a", servers=[server_model("", status)])}, "absent")
    assert [str(c) for c in plan] == ["DELETE /users/a/server", "DELETE /users/a"]


def test_absent_every_server_call_comes_before_the_user_deletions():
    current = {
        "a": user_model("a", servers=[server_model("", "started")]),
        "gone": None,
        "b": user_model("b", servers=[server_model("x", "started"), server_model("w", "stopped")]),
    }
    plan, dummy = plan_users(["a", "gone", "b"], current, "absent")
    assert [str(c) for c in plan] == [
        "DELETE /users/a/server",
        "DELETE /users/b/servers/w",
        "DELETE /users/b/servers/x",
        "DELETE /users/a",
        "DELETE /users/b",
    ]


def test_the_bulk_creation_gets_more_time_from_200_users_on():
    assert create_users_call(["u%03d" % i for i in range(199)]).timeout is None
    assert create_users_call(["u%03d" % i for i in range(200)]).timeout == 30 + 200 * 0.05
    assert create_users_call(["a"], admin=False).body == {"usernames": ["a"]}
    assert create_users_call(("a",), admin=True).body == {"usernames": ["a"], "admin": True}


def test_a_user_deletion_is_keyed_by_its_user_and_done_when_gone():
    deletion = UserDeletion("a b")
    assert (str(deletion), deletion.key, deletion.done_statuses) == ("DELETE /users/a%20b", ("a b", None), (404,))
    assert user_removal_plan(["gone", "a b"], {"gone": None, "a b": user_model("a b", servers=[])}) == [deletion]
