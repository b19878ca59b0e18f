# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The planning logic of jupyterhub_user, as a plain function: current state + options -> calls."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.module import Call
from ansible_collections.jupyterhub.hub.plugins.modules.jupyterhub_user import plan_users, summarize


def user(name, admin=False, groups=()):
    return {"name": name, "kind": "user", "admin": admin, "groups": list(groups)}


def calls(plan):
    return [(c.method, c.path, c.body) for c in plan]


def test_missing_users_are_created_in_one_bulk_call():
    names = ["u%03d" % i for i in range(300)]
    plan, after = plan_users(names, dict((n, None) for n in names), "present")
    assert calls(plan) == [("POST", "/users", {"usernames": names})]
    assert plan[0].done_statuses == (409,)
    assert plan[0].timeout > 30  # a big roster gets the time it needs
    assert [after[n]["name"] for n in names] == names


def test_existing_users_make_no_call():
    current = {"alice": user("alice"), "bob": user("bob", admin=True)}
    plan, after = plan_users(["alice", "bob"], current, "present")
    assert plan == []
    assert after == current


def test_only_the_missing_ones_are_created_with_admin():
    current = {"alice": user("alice", admin=True), "bob": None}
    plan, after = plan_users(["alice", "bob"], current, "present", admin=True)
    assert calls(plan) == [("POST", "/users", {"usernames": ["bob"], "admin": True})]
    assert after["bob"]["admin"] is True


def test_admin_flag_changes_with_one_patch_per_user():
    current = {"alice": user("alice", admin=True), "bob": user("bob", admin=False)}
    plan, after = plan_users(["alice", "bob"], current, "present", admin=False)
    assert calls(plan) == [("PATCH", "/users/alice", {"admin": False})]
    assert after["alice"]["admin"] is False


def test_unset_admin_is_not_managed():
    current = {"alice": user("alice", admin=True)}
    plan, after = plan_users(["alice"], current, "present", admin=None)
    assert plan == []
    assert after["alice"]["admin"] is True


def test_names_are_quoted_in_paths():
    current = {"a b@c.d": user("a b@c.d")}
    plan, dummy = plan_users(["a b@c.d"], current, "present", admin=True)
    assert plan[0].path == "/users/a%20b%40c.d"


def test_groups_one_call_per_group_covering_every_user():
    current = {"a": user("a", groups=["old"]), "b": user("b"), "c": None}
    plan, after = plan_users(["a", "b", "c"], current, "present", groups=["g1", "g2"])
    assert calls(plan) == [
        ("POST", "/users", {"usernames": ["c"]}),
        ("POST", "/groups/g1/users", {"users": ["a", "b", "c"]}),
        ("POST", "/groups/g2/users", {"users": ["a", "b", "c"]}),
        ("DELETE", "/groups/old/users", {"users": ["a"]}),
    ]
    assert after["a"]["groups"] == ["g1", "g2"]


def test_groups_append_removes_nothing():
    current = {"a": user("a", groups=["old", "g1"]), "b": user("b")}
    plan, after = plan_users(["a", "b"], current, "present", groups=["g1"], append=True)
    assert calls(plan) == [("POST", "/groups/g1/users", {"users": ["b"]})]
    assert after["a"]["groups"] == ["g1", "old"]


def test_empty_groups_removes_from_all():
    current = {"a": user("a", groups=["x", "y"])}
    plan, after = plan_users(["a"], current, "present", groups=[])
    assert calls(plan) == [("DELETE", "/groups/x/users", {"users": ["a"]}), ("DELETE", "/groups/y/users", {"users": ["a"]})]
    assert after["a"]["groups"] == []


def test_groups_already_right_make_no_call():
    current = {"a": user("a", groups=["g1", "g2"])}
    plan, dummy = plan_users(["a"], current, "present", groups=["g2", "g1"])
    assert plan == []


def test_absent_deletes_only_existing_users():
    current = {"a": user("a"), "gone": None}
    plan, after = plan_users(["a", "gone"], current, "absent")
    assert calls(plan) == [("DELETE", "/users/a", None)]
    assert plan[0].done_statuses == (404,)
    assert after == {}


def test_rename_with_admin_in_the_same_call():
    old = user("carol", admin=False, groups=["g"])
    plan, after = plan_users(["carol.smith"], {"carol.smith": None}, "present", admin=True, rename_from=old)
    assert calls(plan) == [("PATCH", "/users/carol", {"name": "carol.smith", "admin": True})]
    assert after["carol.smith"]["name"] == "carol.smith"
    assert after["carol.smith"]["admin"] is True
    assert after["carol.smith"]["groups"] == ["g"]


def test_rename_done_already_is_no_change():
    current = {"carol.smith": user("carol.smith")}
    plan, dummy = plan_users(["carol.smith"], current, "present", rename_from=None)
    assert plan == []


def test_plan_prints_without_bodies():
    plan, dummy = plan_users(["a"], {"a": None}, "present", admin=True)
    assert [str(c) for c in plan] == ["POST /users"]
    assert isinstance(plan[0], Call)


def test_summarize_shows_admin_and_sorted_groups_of_existing_users():
    assert summarize({"a": user("a", groups=["z", "b"]), "b": None}) == {"a": {"admin": False, "groups": ["b", "z"]}}
