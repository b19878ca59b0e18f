# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/roster.py: a roster as one plan, as plain functions (roster + what the hub has -> calls), and the users it no
longer names."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError, RosterError
from ansible_collections.jupyterhub.hub.plugins.module_utils.roster import (
    check_limit,
    check_merge_options,
    check_roster,
    conflicts_error,
    merge_into_hub,
    plan_absent_users,
    plan_roster,
    plan_summary,
    plan_suspensions,
    summarize_suspensions,
    users_to_remove,
    users_to_suspend,
    wanted_groups,
)
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, calls, group_model, running, server_model, user_model


def test_groups_come_from_entries_and_from_the_users_naming_them():
    users = [{"name": "ada", "groups": ["physics"]}, {"name": "bob", "groups": ["physics", "staff"]}]
    groups = [{"name": "physics", "members": ["ta"], "append": False, "properties": {"p": 1}}]

    assert wanted_groups(users, groups) == {
        "physics": {"members": ["ta", "ada", "bob"], "append": False, "properties": {"p": 1}},
        "staff": {"members": ["bob"], "append": True, "properties": None},
    }


def test_a_new_roster_is_one_bulk_call_per_admin_setting_then_each_group():
    users = [{"name": "ada", "groups": ["physics"]}, {"name": "root", "admin": True}, {"name": "bob", "admin": False, "groups": ["physics"]}]
    groups = [{"name": "physics", "members": [], "append": True, "properties": {"profile": "small"}}]

    plan, removals, after_users, after_groups = plan_roster(users, groups, {}, {})

    assert calls(plan) == [
        ("POST", "/users", {"usernames": ["root"], "admin": True}),
        ("POST", "/users", {"usernames": ["ada", "bob"]}),
        ("POST", "/groups/physics", None),
        ("POST", "/groups/physics/users", {"users": ["ada", "bob"]}),
        ("PUT", "/groups/physics/properties", {"profile": "small"}),
    ]
    assert removals == []
    # each user's final state, groups included: what the diff shows
    assert after_users["ada"]["groups"] == ["physics"] and after_users["root"]["groups"] == []
    assert after_users["root"]["admin"] is True and after_users["ada"]["admin"] is False
    assert after_groups["physics"]["users"] == ["ada", "bob"]


def test_a_roster_the_hub_matches_is_no_call():
    users = [{"name": "ada", "groups": ["physics"]}, {"name": "root", "admin": True}]
    hub_users = {"ada": user_model("ada", groups=["physics"]), "root": user_model("root", admin=True)}
    hub_groups = {"physics": group_model("physics", ["ada"])}

    plan, removals, after_users, dummy = plan_roster(users, [], hub_users, hub_groups)

    assert plan == [] and removals == []
    assert after_users["ada"]["groups"] == ["physics"]


def test_admin_flags_change_and_exact_groups_lose_members():
    users = [{"name": "ada", "admin": True}, {"name": "bob", "groups": ["physics"]}]
    groups = [{"name": "physics", "members": [], "append": False, "properties": None}]
    hub_users = {"ada": user_model("ada", groups=["physics"]), "bob": user_model("bob")}
    hub_groups = {"physics": group_model("physics", ["ada"])}

    plan, dummy, after_users, dummy = plan_roster(users, groups, hub_users, hub_groups)

    assert calls(plan) == [
        ("PATCH", "/users/ada", {"admin": True}),
        ("POST", "/groups/physics/users", {"users": ["bob"]}),
        ("DELETE", "/groups/physics/users", {"users": ["ada"]}),
    ]
    assert after_users["ada"]["groups"] == [] and after_users["bob"]["groups"] == ["physics"]


def test_removals_come_last_servers_first_and_groups_go_by_name():
    hub_users = {"old": user_model("old", servers=[server_model("", "started")]), "ada": user_model("ada", servers={})}
    hub_groups = {"stale": group_model("stale"), "class": group_model("class", ["ada", "old"])}

    plan, removals, dummy, after_groups = plan_roster([{"name": "ada", "groups": ["class"]}], [], hub_users, hub_groups, ["old"], ["stale"])

    assert calls(plan) == [("DELETE", "/groups/stale", None)]
    assert after_groups["class"]["users"] == ["ada"]  # the removed user leaves its groups with it
    assert [str(call) for call in removals] == ["DELETE /users/old/server", "DELETE /users/old"]


def test_who_is_removed_keeps_the_named_the_protected_and_the_admins():
    hub_users = {name: user_model(name, admin=name.startswith("admin")) for name in ("ada", "gone", "svc", "admin-x", "gone-too")}

    assert users_to_remove(hub_users, {"ada"}, ["svc"]) == ["gone", "gone-too"]
    assert users_to_remove(hub_users, {"ada"}, ["svc"], remove_admins=True) == ["admin-x", "gone", "gone-too"]


def test_a_member_neither_on_the_roster_nor_on_the_hub_fails_naming_it():
    with pytest.raises(RosterError) as caught:
        check_roster([{"name": "ada"}], [{"name": "physics", "members": ["ada", "grcae", "bob"]}], [], {"bob": user_model("bob"), "grcae": None})
    assert str(caught.value) == "groups[].members has users that are neither on the roster nor on the hub: grcae. Nothing was changed."


def test_an_expected_user_neither_on_the_roster_nor_on_the_hub_fails():
    with pytest.raises(RosterError) as caught:
        check_roster([{"name": "ada"}], [], ["ada", "svc-gradr"], {})
    assert "expected_users has users that are neither on the roster nor on the hub: svc-gradr" in str(caught.value)


def test_a_user_named_twice_fails():
    with pytest.raises(RosterError) as caught:
        check_roster([{"name": "ada"}, {"name": "bob"}, {"name": "ada"}], [], [], {})
    assert str(caught.value) == "the roster names this more than once in users: ada. Nothing was changed."


# -- handle_absent_users=suspend ---------------------------------------------------------------------


def test_suspension_stops_every_running_server_then_revokes_every_token():
    hub_users = {"old": user_model("old", servers={"": server_model("", "started"), "gpu": server_model("gpu", "started"), "idle": server_model("idle")}),
                 "done": user_model("done", servers={"": server_model("")})}
    tokens_of = {"old": [{"id": "a1", "note": "mine"}, {"id": "a2", "note": "Server at /user/old/"}], "done": []}
    calls_of = plan_suspensions(["old", "done"], hub_users, tokens_of)
    assert list(calls_of) == ["old"]  # done is suspended already: nothing to do
    assert calls(calls_of["old"]) == [
        ("DELETE", "/users/old/server", None),
        ("DELETE", "/users/old/servers/gpu", None),  # stopped, not removed: the server and its storage stay
        ("DELETE", "/users/old/tokens/a1", None),
        ("DELETE", "/users/old/tokens/a2", None),
    ]
    assert all(call.done_statuses == (404,) for call in calls_of["old"][2:])


def test_who_is_suspended_counts_only_users_with_something_to_change():
    hub_users = {"srv": user_model("srv"), "member": user_model("member"), "admin": user_model("admin", admin=True), "done": user_model("done")}
    hub_groups = {"physics": group_model("physics", users=["member", "ada"])}
    calls_of = {"srv": ["a call"]}
    names = ["admin", "done", "member", "srv"]
    assert users_to_suspend(names, hub_users, hub_groups, ["physics"], calls_of, remove_admins=False) == ["member", "srv"]
    assert users_to_suspend(names, hub_users, hub_groups, ["physics"], calls_of, remove_admins=True) == ["admin", "member", "srv"]


def test_suspended_users_leave_the_rosters_groups_and_lose_admin_only_with_remove_admins():
    users = [{"name": "ada", "groups": ["physics"]}]
    hub_users = {"ada": user_model("ada", groups=["physics"]), "old": user_model("old", admin=True, groups=["physics", "other"])}
    hub_groups = {"physics": group_model("physics", users=["ada", "old"])}

    plan, removal, dummy, after_groups = plan_roster(users, [], hub_users, hub_groups, suspend_users=["old"], remove_admins=True)
    assert calls(plan) == [("DELETE", "/groups/physics/users", {"users": ["old"]}), ("PATCH", "/users/old", {"admin": False})]
    assert removal == [] and after_groups["physics"]["users"] == ["ada"]

    plan, dummy, dummy, dummy = plan_roster(users, [], hub_users, hub_groups, suspend_users=["old"], remove_admins=False)
    assert calls(plan) == [("DELETE", "/groups/physics/users", {"users": ["old"]})]


def test_a_group_with_exact_members_removes_a_suspended_user_once():
    groups = [{"name": "physics", "members": ["ada"], "append": False}]
    hub_users = {"ada": user_model("ada"), "old": user_model("old", groups=["physics"])}
    hub_groups = {"physics": group_model("physics", users=["ada", "old"])}
    plan, dummy, dummy, dummy = plan_roster([{"name": "ada"}], groups, hub_users, hub_groups, suspend_users=["old"])
    assert calls(plan) == [("DELETE", "/groups/physics/users", {"users": ["old"]})]


def test_the_diff_of_a_suspension():
    hub_users = {"old": user_model("old", admin=True, groups=["physics", "other"], servers={"": server_model("", "started"), "x": server_model("x")})}
    before, after = summarize_suspensions(["old"], hub_users, {"old": [{"id": "1"}]}, {"physics": {}}, remove_admins=True)
    assert before == {"old": {"admin": True, "groups": ["other", "physics"], "running_servers": [""], "tokens": 1}}
    assert after == {"old": {"admin": False, "groups": ["other"], "running_servers": [], "tokens": 0}}


# -- the users the roster no longer names, and remove_max ---------------------------------------------------


def test_the_limit_refuses_more_users_than_remove_max_naming_them():
    check_limit(["a", "b"], 2, "remove", "removed_users")
    with pytest.raises(RosterError) as caught:
        check_limit(["a", "b", "c"], 2, "suspend", "suspended_users")
    assert str(caught.value) == ("the roster would suspend 3 users, more than remove_max=2: a, b, c. Nothing was changed. "
                                 "Check the roster (a truncated file?), or raise remove_max.")
    assert caught.value.result == {"suspended_users": ["a", "b", "c"]}


def test_absent_users_are_ignored_without_a_call(rsps, client):
    assert plan_absent_users(client, "ignore", {"old": user_model("old")}, {}, {"ada"}, [], False, 10) == ([], [], {}, {})


def test_absent_users_to_remove_never_the_tasks_own_user(rsps, client):
    rsps.get(API + "/user", json={"kind": "user", "name": "me"})
    hub_users = dict((name, user_model(name, servers=[])) for name in ("ada", "me", "old"))

    assert plan_absent_users(client, "remove", hub_users, {}, {"ada"}, [], False, 10) == (["old"], [], {}, {})


def test_absent_users_over_the_limit_fail_before_any_change(rsps, client):
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible"})
    hub_users = dict((name, user_model(name, servers=[])) for name in ("ada", "old", "older"))

    with pytest.raises(RosterError) as caught:
        plan_absent_users(client, "remove", hub_users, {}, {"ada"}, [], False, 1)
    assert caught.value.result == {"removed_users": ["old", "older"]}


def test_absent_users_to_suspend_have_their_tokens_read(rsps, client):
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible"})
    rsps.get(API + "/users/old/tokens", json={"api_tokens": [{"id": "t1", "note": "course"}]})
    hub_users = {"ada": user_model("ada", servers=[]), "old": user_model("old", servers=[running()])}

    remove, suspend, calls_of, tokens_of = plan_absent_users(client, "suspend", hub_users, {}, {"ada"}, [], False, 10)

    assert (remove, suspend) == ([], ["old"])
    assert [str(call) for call in calls_of["old"]] == ["DELETE /users/old/server", "DELETE /users/old/tokens/t1"]
    assert tokens_of == {"old": [{"id": "t1", "note": "course"}]}


def test_absent_users_whose_servers_the_token_cannot_see_fail_before_any_change(rsps, client):
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible"})

    with pytest.raises(JupyterHubError, match="cannot read the servers of old"):
        plan_absent_users(client, "remove", {"ada": user_model("ada"), "old": user_model("old")}, {}, {"ada"}, [], False, 10)


def test_the_plan_summary_counts_each_change_and_names_the_first_ones():
    before = {"users": {"ada": {"admin": False, "groups": []}, "bob": {"admin": False, "groups": []}, "zoe": {"admin": False, "groups": []}},
              "groups": {"physics": {"name": "physics", "users": ["ada"], "properties": {}}, "chem": {}}}  # chem: not on the hub
    after = {"users": dict(dict(("new%02d" % number, {"admin": False, "groups": []}) for number in range(12)),
                           ada={"admin": True, "groups": []}, bob={"admin": False, "groups": []}),
             "groups": {"physics": {"name": "physics", "users": ["ada"], "properties": {}}, "chem": {"name": "chem", "users": [], "properties": {}}}}

    summary = plan_summary(before, after, suspended=["old"])

    assert summary["users"]["add"] == {"count": 12, "names": ["new%02d" % number for number in range(10)]}
    assert summary["users"]["change"] == {"count": 1, "names": ["ada"]}
    assert summary["users"]["remove"] == {"count": 1, "names": ["zoe"]}
    assert summary["users"]["suspend"] == {"count": 1, "names": ["old"]}
    assert summary["groups"] == {"add": {"count": 1, "names": ["chem"]}, "change": {"count": 0, "names": []}, "remove": {"count": 0, "names": []}}
    assert summary["text"] == (
        "users: 12 to add, 1 to change, 1 to remove, 1 to suspend (add: new00, new01, new02, new03, new04, new05, new06, new07, "
        "new08, new09 ... and 2 more; change: ada; remove: zoe; suspend: old); groups: 1 to add, 0 to change, 0 to remove (add: chem)"
    )


def test_a_plan_that_changes_nothing_says_so():
    same = {"users": {"ada": {"admin": False, "groups": []}}, "groups": {}}
    assert plan_summary(same, same)["text"] == "users: 0 to add, 0 to change, 0 to remove; groups: 0 to add, 0 to change, 0 to remove"


def merge_hub():
    """The hub a migration merges into: ada an admin, physics with a room and a term, staff with members only."""
    hub_users = {"ada": user_model("ada", admin=True), "bob": user_model("bob"), "new": None}
    hub_groups = {"physics": group_model("physics", ["ada"], {"room": "B-12", "term": "2026-1"}),
                  "staff": group_model("staff", ["bob"]), "chem": None}
    return hub_users, hub_groups


MERGED_ROSTER = dict(
    users=[{"name": "ada", "admin": False}, {"name": "new", "admin": False, "groups": ["physics"]}, {"name": "bob", "admin": True}],
    groups=[{"name": "physics", "members": ["bob"], "append": False, "properties": {"room": "C-3", "term": "2026-1", "credits": 5}},
            {"name": "staff", "members": [], "append": False, "properties": {"lead": "ada"}},
            {"name": "chem", "members": ["ada"], "append": False, "properties": {"room": "L-1"}}],
)


def test_a_merge_removes_and_demotes_nothing_and_merges_properties_key_by_key():
    hub_users, hub_groups = merge_hub()

    users, groups, conflicts = merge_into_hub(MERGED_ROSTER["users"], MERGED_ROSTER["groups"], hub_users, hub_groups, "keep_hub")
    plan, removal, after_users, after_groups = plan_roster(users, groups, hub_users, hub_groups)

    # bob promoted, ada left an admin; physics and staff only gain members, their properties merged key by key
    assert calls(plan) == [
        ("PATCH", "/users/bob", {"admin": True}), ("POST", "/users", {"usernames": ["new"]}),
        ("POST", "/groups/physics/users", {"users": ["bob", "new"]}),
        ("PUT", "/groups/physics/properties", {"room": "B-12", "term": "2026-1", "credits": 5}),
        ("PUT", "/groups/staff/properties", {"lead": "ada"}),
        ("POST", "/groups/chem", None), ("POST", "/groups/chem/users", {"users": ["ada"]}), ("PUT", "/groups/chem/properties", {"room": "L-1"}),
    ]
    assert removal == []
    assert after_users["ada"]["admin"] is True and after_users["bob"]["admin"] is True  # promoted, never demoted
    assert after_groups["physics"]["users"] == ["ada", "bob", "new"] and after_groups["staff"]["users"] == ["bob"]
    assert after_groups["physics"]["properties"] == {"room": "B-12", "term": "2026-1", "credits": 5}
    assert after_groups["staff"]["properties"] == {"lead": "ada"} and after_groups["chem"]["properties"] == {"room": "L-1"}
    assert conflicts == [{"group": "physics", "property": "room", "hub": "B-12", "roster": "C-3", "kept": "hub"}]


def test_a_merge_where_the_roster_wins_sets_its_values_and_still_lists_them():
    hub_users, hub_groups = merge_hub()

    users, groups, conflicts = merge_into_hub(MERGED_ROSTER["users"], MERGED_ROSTER["groups"], hub_users, hub_groups, "use_roster")

    assert groups[0]["properties"] == {"room": "C-3", "term": "2026-1", "credits": 5}
    assert conflicts == [{"group": "physics", "property": "room", "hub": "B-12", "roster": "C-3", "kept": "roster"}]


def test_a_merge_whose_conflicts_nobody_settled_plans_the_hubs_values_and_the_error_names_them():
    hub_users, hub_groups = merge_hub()

    dummy, groups, conflicts = merge_into_hub(MERGED_ROSTER["users"], MERGED_ROSTER["groups"], hub_users, hub_groups, "fail")
    err = conflicts_error(conflicts)

    assert groups[0]["properties"]["room"] == "B-12" and conflicts[0]["kept"] == "hub"
    assert isinstance(err, RosterError) and err.result == {"conflicts": conflicts}
    assert err.message == ('the merge has 1 conflict, group properties the hub and the roster hold with other values: physics.room '
                           '(hub: "B-12", roster: "C-3"). Nothing was changed. Say which side wins with on_conflict (the onboard '
                           'role: onboard_on_conflict) keep_hub or use_roster.')


def test_a_merge_of_the_same_hub_is_no_call_and_no_conflict():
    hub_users, hub_groups = merge_hub()
    users = [{"name": "ada", "admin": True}, {"name": "bob"}]
    groups = [{"name": "physics", "members": ["ada"], "properties": {"room": "B-12", "term": "2026-1"}}, {"name": "staff", "members": ["bob"]}]

    users, groups, conflicts = merge_into_hub(users, groups, hub_users, hub_groups)

    assert plan_roster(users, groups, hub_users, hub_groups)[0] == [] and conflicts == []


def test_a_merge_never_removes_so_it_takes_no_handle_absent():
    check_merge_options(dict(merge=True, handle_absent_users="ignore", handle_absent_groups="ignore"))
    check_merge_options(dict(merge=False, handle_absent_users="remove", handle_absent_groups="remove"))
    with pytest.raises(RosterError, match="handle_absent_users and handle_absent_groups must be ignore"):
        check_merge_options(dict(merge=True, handle_absent_users="suspend", handle_absent_groups="remove"))


def test_the_plan_summary_of_a_merge_names_its_conflicts():
    same = {"users": {}, "groups": {}}
    conflicts = [{"group": "physics", "property": "room"}, {"group": "staff", "property": "lead"}]

    summary = plan_summary(same, same, conflicts=conflicts)

    assert summary["conflicts"] == {"count": 2, "names": ["physics.room", "staff.lead"]}
    assert summary["text"].endswith("; conflicts: 2 (physics.room, staff.lead)")
    assert "conflicts" not in plan_summary(same, same)
