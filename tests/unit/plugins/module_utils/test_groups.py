# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/groups.py: the plans of jupyterhub_group and the roster's groups, as plain functions: current group + options -> calls."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.groups import members_of, membership_calls, plan_group, summarize_group
from ansible_collections.jupyterhub.hub.tests.unit.helpers import calls, group_model


def test_new_group_is_created_then_filled_with_one_call():
    plan, after = plan_group("g", None, "present", members=["a", "b"])
    assert calls(plan) == [("POST", "/groups/g", None), ("POST", "/groups/g/users", {"users": ["a", "b"]})]
    assert plan[0].done_statuses == (409,)  # a parallel run created it first: the next call still adds the members
    assert after["users"] == ["a", "b"]


def test_new_group_without_members_is_one_call():
    plan, after = plan_group("g", None, "present")
    assert calls(plan) == [("POST", "/groups/g", None)]
    assert after == group_model()


def test_exact_membership_of_500_is_one_add_and_one_remove():
    current = group_model(users=["u%03d" % i for i in range(250)])
    wanted = ["u%03d" % i for i in range(125, 625)]
    plan, after = plan_group("g", current, "present", members=wanted)
    assert [(c.method, c.path) for c in plan] == [("POST", "/groups/g/users"), ("DELETE", "/groups/g/users")]
    assert plan[0].body == {"users": ["u%03d" % i for i in range(250, 625)]}
    assert plan[1].body == {"users": ["u%03d" % i for i in range(125)]}
    assert after["users"] == wanted


def test_append_only_adds():
    plan, after = plan_group("g", group_model(users=["a", "b"]), "present", members=["b", "c"], append=True)
    assert calls(plan) == [("POST", "/groups/g/users", {"users": ["c"]})]
    assert after["users"] == ["a", "b", "c"]


def test_empty_members_empties_the_group():
    plan, after = plan_group("g", group_model(users=["a", "b"]), "present", members=[])
    assert calls(plan) == [("DELETE", "/groups/g/users", {"users": ["a", "b"]})]
    assert after["users"] == []


def test_unset_members_and_properties_are_not_managed():
    plan, dummy = plan_group("g", group_model(users=["a"], properties={"x": 1}), "present")
    assert plan == []


def test_same_members_in_another_order_is_no_change():
    plan, dummy = plan_group("g", group_model(users=["a", "b"]), "present", members=["b", "a"])
    assert plan == []


def test_properties_are_compared_as_a_whole_including_nested_values():
    current = group_model(properties={"profile": "gpu", "limits": {"memory": "16G"}})
    same, dummy = plan_group("g", current, "present", properties={"limits": {"memory": "16G"}, "profile": "gpu"})
    nested, after = plan_group("g", current, "present", properties={"profile": "gpu", "limits": {"memory": "32G"}})
    assert same == []
    assert calls(nested) == [("PUT", "/groups/g/properties", {"profile": "gpu", "limits": {"memory": "32G"}})]
    assert after["properties"]["limits"]["memory"] == "32G"


def test_empty_properties_clear_them():
    plan, dummy = plan_group("g", group_model(properties={"a": 1}), "present", properties={})
    assert calls(plan) == [("PUT", "/groups/g/properties", {})]
    new, dummy = plan_group("g", None, "present", properties={})
    assert calls(new) == [("POST", "/groups/g", None)]


def test_absent():
    plan, after = plan_group("g", group_model(users=["a"]), "absent")
    assert calls(plan) == [("DELETE", "/groups/g", None)]
    assert plan[0].done_statuses == (404,)
    assert after is None
    assert plan_group("g", None, "absent") == ([], None)


def test_names_are_quoted():
    plan, dummy = plan_group("a b/c", None, "present", members=["x"])
    assert plan[0].path == "/groups/a%20b%2Fc"
    assert plan[1].path == "/groups/a%20b%2Fc/users"


def test_summarize():
    assert summarize_group(None) == {}
    assert summarize_group(group_model(users=["b", "a"], properties={"p": 1})) == {"name": "g", "users": ["a", "b"], "properties": {"p": 1}}


def test_membership_is_one_call_to_add_and_one_to_remove_at_most():
    assert calls(membership_calls("a b", add=["x", "y"], remove=["z"])) == [
        ("POST", "/groups/a%20b/users", {"users": ["x", "y"]}), ("DELETE", "/groups/a%20b/users", {"users": ["z"]})]
    assert calls(membership_calls("g", remove=("z",))) == [("DELETE", "/groups/g/users", {"users": ["z"]})]
    assert membership_calls("g") == [] and membership_calls("g", add=[], remove=[]) == []


def test_the_members_of_groups_each_once_in_order():
    groups = {"a": group_model("a", ["ada", "bob"]), "b": group_model("b", ["cy", "ada"]), "gone": None}
    assert members_of(groups, ["b", "a", "gone"]) == ["cy", "ada", "bob"]
    assert members_of(groups, []) == []


def test_members_a_token_cannot_see_name_the_groups():
    groups = {"a": {"kind": "group", "name": "a"}, "b": group_model("b", ["ada"]), "c": {"kind": "group", "name": "c"}}
    with pytest.raises(ValueError) as caught:
        members_of(groups, ["a", "b", "c"])
    assert str(caught.value) == "a, c"
