# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_roster through main(), on a mocked hub: removal and suspension of the users a roster no longer names."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_roster
from ansible_collections.jupyterhub.hub.tests.unit.helpers import (
    API,
    HUB_ROOT,
    assert_failed_before_any_call,
    group_model,
    hub_info,
    listing,
    run_module,
    running,
    server_model,
    user_model,
    warnings_of,
    writes,
)


def user(name, groups=(), server=None):
    """A student last active on 2026-06-30, with a default server (stopped unless told)."""
    return user_model(name, servers=[server or server_model()], groups=groups, last_activity="2026-06-30T11:20:00Z")


def mock_hub(rsps, old_server):
    """A hub with ada and old in physics; the roster names only ada."""
    rsps.get(API + "/users", json=listing(user("ada", ["physics"]), user("old", ["physics"], old_server)))
    rsps.get(API + "/groups/physics", json={"kind": "group", "name": "physics", "users": ["ada", "old"], "properties": {}})
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible"})


def test_removal_on_a_kubespawner_hub_fails_before_any_change(rsps, capsys):
    mock_hub(rsps, None)
    rsps.get(API + "/info", json=hub_info("kubespawner.spawner.KubeSpawner"))

    result, dummy = run_module(jupyterhub_roster, capsys, users=[{"name": "ada", "groups": ["physics"]}], handle_absent_users="remove")

    assert result["failed"] is True and not result.get("changed")
    assert result["msg"].startswith("the task would delete 1 user (old), and the hub's spawner kubespawner.spawner.KubeSpawner")
    assert "onboard_prune_mode: suspend" in result["msg"]
    assert result["removal"]["users"][0]["name"] == "old"
    assert all(call.request.method == "GET" for call in rsps.calls)


def test_suspension_in_check_mode_reads_only_and_lists_it_all(rsps, capsys):
    mock_hub(rsps, running())
    rsps.get(API + "/users/old/tokens", json={"api_tokens": [{"id": "t1", "note": "course", "user": "old"}]})

    result, dummy = run_module(jupyterhub_roster, capsys, check_mode=True, diff=True, users=[{"name": "ada", "groups": ["physics"]}],
                               handle_absent_users="suspend")

    assert result["changed"] is True
    assert result["suspended_users"] == ["old"] and result["removed_users"] == []
    assert result["plan"] == ["DELETE /groups/physics/users", "DELETE /users/old/server", "DELETE /users/old/tokens/t1"]
    assert result["stopped_servers"] == [{"user": "old", "server": ""}]
    assert result["revoked_tokens"] == [{"id": "t1", "user": "old", "note": "course", "created": None, "expires_at": None, "last_activity": None}]
    assert result["diff"]["before"]["suspended"]["old"] == {"admin": False, "groups": ["physics"], "running_servers": [""], "tokens": 1}
    assert all(call.request.method == "GET" for call in rsps.calls)
    assert "removal" not in result  # a suspension deletes nothing: GET /info is not read
    # old leaves physics: the group changes
    assert result["summary"]["text"] == ("users: 0 to add, 0 to change, 0 to remove, 1 to suspend (suspend: old); "
                                         "groups: 0 to add, 1 to change, 0 to remove (change: physics)")


def test_a_suspension_failing_part_way_says_what_was_done(rsps, capsys):
    mock_hub(rsps, running())
    rsps.get(API + "/users/old/tokens", json={"api_tokens": [{"id": "t1", "note": "course"}]})
    rsps.delete(API + "/groups/physics/users", json={"kind": "group", "name": "physics", "users": ["ada"]})
    rsps.delete(API + "/users/old/server", status=204, body="")
    rsps.get(API + "/users/old", json=user("old"))  # the wait: stopped
    rsps.delete(API + "/users/old/tokens/t1", status=500, json={"status": 500, "message": "database is locked"})

    result, dummy = run_module(jupyterhub_roster, capsys, users=[{"name": "ada", "groups": ["physics"]}], handle_absent_users="suspend")

    assert result["failed"] is True and result["changed"] is True
    assert result["msg"] == "failed to suspend user(s) old: user old: DELETE /users/old/tokens/t1: 500 Internal Server Error: database is locked"
    assert result["done"] == ["DELETE /groups/physics/users", "DELETE /users/old/server"]
    assert result["not_done"] == ["DELETE /users/old/tokens/t1"]
    assert result["stopped_servers"] == [{"user": "old", "server": ""}]
    assert "revoked_tokens" not in result  # not a list of what was meant: done and not_done say it
    assert result["failure"]["status"] == 500
    assert "exception" not in result
    leaving = [call for call in rsps.calls if call.request.method == "DELETE" and call.request.path_url == "/hub/api/groups/physics/users"]
    assert json.loads(leaving[0].request.body) == {"users": ["old"]}


def test_a_suspended_user_with_nothing_left_is_no_change_and_not_counted(rsps, capsys):
    rsps.get(API + "/users", json=listing(user("ada", ["physics"]), user("old")))
    rsps.get(API + "/groups/physics", json={"kind": "group", "name": "physics", "users": ["ada"], "properties": {}})
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible"})
    rsps.get(API + "/users/old/tokens", json={"api_tokens": []})

    result, dummy = run_module(jupyterhub_roster, capsys, users=[{"name": "ada", "groups": ["physics"]}], handle_absent_users="suspend", remove_max=0)

    assert result["changed"] is False and result["plan"] == [] and result["suspended_users"] == []


def mock_merge_target(rsps):
    """The hub a migration merges into: ada its admin, physics with a room."""
    rsps.get(API + "/users/ada", json=user_model("ada", admin=True))
    rsps.get(API + "/users/zoe", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json=HUB_ROOT)  # GET / proves api_url before a 404 is believed
    rsps.get(API + "/groups/physics", json=group_model("physics", ["ada"], {"room": "B-12"}))


MERGED = dict(users=[{"name": "ada", "admin": False}, {"name": "zoe", "groups": ["physics"]}],
              groups=[{"name": "physics", "append": False, "properties": {"room": "C-3", "term": "2026-1"}}], merge=True)


def test_a_merge_with_a_conflict_nobody_settled_lists_it_in_check_mode(rsps, capsys):
    mock_merge_target(rsps)

    result, dummy = run_module(jupyterhub_roster, capsys, check_mode=True, **MERGED)

    assert result["changed"] is True and "failed" not in result
    assert result["conflicts"] == [{"group": "physics", "property": "room", "hub": "B-12", "roster": "C-3", "kept": "hub"}]
    assert result["plan"] == ["POST /users", "POST /groups/physics/users", "PUT /groups/physics/properties"]
    assert result["summary"]["conflicts"] == {"count": 1, "names": ["physics.room"]}
    assert "A real run fails, before any change." in warnings_of(result)
    assert writes(rsps) == []


def test_a_merge_with_a_conflict_nobody_settled_fails_the_real_run_before_any_change(rsps, capsys):
    mock_merge_target(rsps)

    result, dummy = run_module(jupyterhub_roster, capsys, **MERGED)

    assert result["failed"] is True and not result.get("changed")
    assert result["msg"].startswith("the merge has 1 conflict, group properties the hub and the roster hold with other values: "
                                    'physics.room (hub: "B-12", roster: "C-3"). Nothing was changed.')
    assert result["conflicts"][0]["property"] == "room"
    assert writes(rsps) == []


def test_a_merge_where_the_hub_wins_keeps_its_admin_members_and_value(rsps, capsys):
    mock_merge_target(rsps)
    rsps.post(API + "/users", status=201, json=[user_model("zoe")])
    rsps.post(API + "/groups/physics/users", json=group_model("physics", ["ada", "zoe"], {"room": "B-12"}))
    rsps.put(API + "/groups/physics/properties", json=group_model("physics", ["ada", "zoe"], {"room": "B-12", "term": "2026-1"}))

    result, dummy = run_module(jupyterhub_roster, capsys, on_conflict="keep_hub", **MERGED)

    assert result["changed"] is True and result["conflicts"][0]["kept"] == "hub"
    assert writes(rsps) == [("POST", "/users", {"usernames": ["zoe"]}), ("POST", "/groups/physics/users", {"users": ["zoe"]}),
                            ("PUT", "/groups/physics/properties", {"room": "B-12", "term": "2026-1"})]
    assert result["users"][0] == {"kind": "user", "name": "ada", "admin": True, "groups": ["physics"]}


def test_a_merge_takes_no_removal_of_absent_users(rsps, capsys):
    result, dummy = run_module(jupyterhub_roster, capsys, handle_absent_users="remove", **MERGED)

    assert_failed_before_any_call(result, rsps, "merge: true never removes nor suspends what the hub has, so handle_absent_users must be ignore")
