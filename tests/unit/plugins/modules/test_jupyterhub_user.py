# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The planning logic of jupyterhub_user, as a plain function: current state + options -> calls."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest


from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call
from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_user
from ansible_collections.jupyterhub.hub.plugins.module_utils.users import plan_users, summarize_users
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import removed_servers
from ansible_collections.jupyterhub.hub.tests.unit import helpers
from ansible_collections.jupyterhub.hub.tests.unit.helpers import calls

API = "http://hub.test/hub/api"


def user(name, admin=False, groups=(), servers=None):
    model = {"name": name, "kind": "user", "admin": admin, "groups": list(groups)}
    if servers is not None:
        model["servers"] = dict((s["name"], s) for s in servers)
    return model


def server(name="", status="stopped"):
    """A server model as the hub gives it with include_stopped_servers."""
    flags = {
        "started": dict(ready=True, pending=None, stopped=False),
        "starting": dict(ready=False, pending="spawn", stopped=False),
        "stopping": dict(ready=False, pending="stop", stopped=False),
        "stopped": dict(ready=False, pending=None, stopped=True),
    }[status]
    return dict(flags, name=name, user_options={})


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
    assert summarize_users({"a": user("a", groups=["z", "b"]), "b": None}) == {"a": {"admin": False, "groups": ["b", "z"]}}


# -- state=absent: the servers go first ---------------------------------------------------------


def test_absent_removes_a_running_default_and_a_named_server_before_the_user():
    current = {"a": user("a", servers=[server("", "started"), server("gpu", "started")])}
    plan, after = plan_users(["a"], current, "absent")
    assert calls(plan) == [
        ("DELETE", "/users/a/servers/gpu", {"remove": True}),
        ("DELETE", "/users/a/server", None),
        ("DELETE", "/users/a", None),
    ]
    assert removed_servers(plan) == [{"user": "a", "server": "gpu"}, {"user": "a", "server": ""}]
    assert after == {}


def test_absent_deletes_a_stopped_named_server_and_leaves_a_stopped_default_to_the_hub():
    current = {"b": user("b", servers=[server("", "stopped"), server("old", "stopped")])}
    plan, dummy = plan_users(["b"], current, "absent")
    assert calls(plan) == [("DELETE", "/users/b/servers/old", {"remove": True}), ("DELETE", "/users/b", None)]
    assert removed_servers(plan) == [{"user": "b", "server": "old"}]


def test_absent_user_without_servers_is_one_delete():
    plan, dummy = plan_users(["c"], {"c": user("c", servers=[])}, "absent")
    assert calls(plan) == [("DELETE", "/users/c", None)]
    assert removed_servers(plan) == []


@pytest.mark.parametrize("status", ["starting", "stopping"])
def test_absent_stops_a_pending_default_server(status):
    plan, dummy = plan_users(["a"], {"a": user("a", servers=[server("", status)])}, "absent")
    assert [str(c) for c in plan] == ["DELETE /users/a/server", "DELETE /users/a"]


def test_absent_every_server_call_comes_before_the_user_deletions():
    current = {
        "a": user("a", servers=[server("", "started")]),
        "gone": None,
        "b": user("b", servers=[server("x", "started"), server("w", "stopped")]),
    }
    plan, dummy = plan_users(["a", "gone", "b"], current, "absent")
    assert [str(c) for c in plan] == [
        "DELETE /users/a/server",
        "DELETE /users/b/servers/w",
        "DELETE /users/b/servers/x",
        "DELETE /users/a",
        "DELETE /users/b",
    ]


# -- state=absent, whole runs on a mocked hub ------------------------------------------------------


def run_module(capsys, **params):
    return helpers.run_module(jupyterhub_user, capsys, **params)[0]


def test_absent_in_check_mode_reads_only_and_predicts_the_servers(rsps, capsys):
    users = [user("a", servers=[server("", "started"), server("gpu", "started")]), user("b", servers=[server("old", "stopped")])]
    # three names: the first page of the listing answers for all of them on this small hub
    rsps.get(API + "/users", json={"items": users, "_pagination": {"offset": 0, "limit": 200, "total": 2, "next": None}})
    rsps.get(API + "/info", json=helpers.hub_info())

    result = run_module(capsys, check_mode=True, diff=True, name=["a", "b", "ghost"], state="absent")

    assert result["changed"] is True
    assert result["plan"] == [
        "DELETE /users/a/servers/gpu",
        "DELETE /users/a/server",
        "DELETE /users/b/servers/old",
        "DELETE /users/a",
        "DELETE /users/b",
    ]
    assert result["removed_servers"] == [{"user": "a", "server": "gpu"}, {"user": "a", "server": ""}, {"user": "b", "server": "old"}]
    assert result["users"] == []
    # the review before the real run: each user's last activity and servers
    assert result["diff"] == {"before": {"a": {"admin": False, "groups": [], "last_activity": None, "servers": ["", "gpu"]},
                                         "b": {"admin": False, "groups": [], "last_activity": None, "servers": ["old"]}}, "after": {}}
    assert result["removal"]["storage"] == "keeps" and result["removal"]["rule"] == "jupyterhub.spawner"
    assert [u["name"] for u in result["removal"]["users"]] == ["a", "b"]
    assert result["removal"]["users"][0]["servers"] == ["", "gpu"]
    assert [c.request.method for c in rsps.calls] == ["GET", "GET"]
    assert rsps.calls[0].request.params["include_stopped_servers"] == "true"


def test_absent_stops_and_deletes_the_servers_then_the_user(rsps, capsys):
    rsps.get(API + "/users/a", json=user("a", servers=[server("", "started"), server("gpu", "started")]))
    rsps.get(API + "/info", json=helpers.hub_info())
    rsps.delete(API + "/users/a/servers/gpu", status=204, body="")
    rsps.delete(API + "/users/a/server", status=202, body="")
    rsps.get(API + "/users/a", json=user("a", servers=[server("", "stopped")]))
    rsps.delete(API + "/users/a", status=204, body="")

    result = run_module(capsys, name="a", state="absent")

    assert result["changed"] is True
    assert result["removed_servers"] == [{"user": "a", "server": "gpu"}, {"user": "a", "server": ""}]
    deletes = [(c.request.method, c.request.path_url) for c in rsps.calls if c.request.method == "DELETE"]
    assert deletes[-1] == ("DELETE", "/hub/api/users/a")
    removal = [c for c in rsps.calls if c.request.path_url == "/hub/api/users/a/servers/gpu"][0]
    assert json.loads(removal.request.body) == {"remove": True}


def test_absent_failing_part_way_lists_done_and_not_done(rsps, capsys):
    rsps.get(API + "/users/a", json=user("a", servers=[server("gpu", "started")]))
    rsps.get(API + "/users/b", json=user("b", servers=[]))
    rsps.get(API + "/info", json=helpers.hub_info())
    rsps.delete(API + "/users/a/servers/gpu", status=403, json={"status": 403, "message": "Action is not authorized"})
    rsps.delete(API + "/users/b", status=204, body="")

    result = run_module(capsys, name=["a", "b"], state="absent")

    assert result["failed"] is True
    assert result["msg"] == (
        "failed to remove user(s) a: server 'gpu' of user a: DELETE /users/a/servers/gpu: 403 Forbidden: Action is not authorized"
    )
    assert result["status"] == 403
    assert result["changed"] is True  # b went
    assert result["done"] == ["DELETE /users/b"]
    assert result["not_done"] == ["DELETE /users/a/servers/gpu", "DELETE /users/a"]
    assert result["removed_servers"] == []
    assert [u["name"] for u in result["removal"]["users"]] == ["a", "b"]
    assert "exception" not in result


def test_absent_on_a_kubespawner_hub_fails_before_any_change_naming_users_and_the_ways_on(rsps, capsys):
    rsps.get(API + "/users/a", json=dict(user("a", servers=[server("", "stopped")]), last_activity="2026-06-30T11:20:00Z"))
    rsps.get(API + "/info", json=helpers.hub_info("kubespawner.spawner.KubeSpawner"))

    result = run_module(capsys, name="a", state="absent")

    assert result["failed"] is True
    assert result["msg"].startswith("the task would delete 1 user (a), and the hub's spawner kubespawner.spawner.KubeSpawner deletes")
    assert "Nothing was changed." in result["msg"] and "delete_storage: true" in result["msg"]
    assert "handle_absent_users: suspend" in result["msg"]
    assert result["removal"]["users"] == [{"name": "a", "admin": False, "created": None, "last_activity": "2026-06-30T11:20:00Z", "servers": [""]}]
    assert result["removal"]["storage"] == "deletes"
    assert result["failure"] == {"method": None, "path": None, "status": None, "message": None}
    assert [c.request.method for c in rsps.calls] == ["GET", "GET"]


def test_absent_with_delete_storage_deletes_on_a_kubespawner_hub(rsps, capsys):
    rsps.get(API + "/users/a", json=user("a", servers=[]))
    rsps.get(API + "/info", json=helpers.hub_info("kubespawner.spawner.KubeSpawner"))
    rsps.delete(API + "/users/a", status=204, body="")

    result = run_module(capsys, name="a", state="absent", delete_storage=True)

    assert result["changed"] is True
    assert result["removal"]["storage"] == "deletes" and result["removal"]["delete_storage"] is True


def test_absent_with_a_token_that_cannot_read_servers_changes_nothing(rsps, capsys):
    rsps.get(API + "/users/a", json=user("a"))

    result = run_module(capsys, name="a", state="absent")

    assert result["failed"] is True
    assert "read:servers" in result["msg"] and "Nothing was changed." in result["msg"]
    assert len(rsps.calls) == 1


def test_absent_of_users_already_gone_is_no_change(rsps, capsys):
    rsps.get(API + "/users/ghost", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json={"version": "6.1.1"})  # GET / proves api_url before a 404 is believed

    result = run_module(capsys, name="ghost", state="absent")

    assert result["changed"] is False
    assert result["plan"] == [] and result["removed_servers"] == []


def test_only_creating_sends_the_bulk_call_first_and_reads_only_the_existing(rsps, capsys):
    created = rsps.post(API + "/users", status=201, json=[user("new")])
    rsps.get(API + "/users/old", json=user("old", groups=["g"]))

    result = run_module(capsys, name=["new", "old"])

    assert result["changed"] is True
    assert result["plan"] == ["POST /users"]
    assert json.loads(created.calls[0].request.body) == {"usernames": ["new", "old"]}
    assert [u["name"] for u in result["users"]] == ["new", "old"]
    assert [c.request.method for c in rsps.calls] == ["POST", "GET"]


def test_only_creating_users_that_all_exist_is_no_change(rsps, capsys):
    rsps.post(API + "/users", status=409, json={"status": 409, "message": "All 1 users already exist"})
    rsps.get(API + "/users/old", json=user("old"))

    result = run_module(capsys, name=["old"])

    assert result["changed"] is False
    assert result["user"]["name"] == "old"


def test_with_diff_the_users_are_read_first(rsps, capsys):
    rsps.get(API + "/users/new", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json={"version": "6.1.1"})  # GET / proves api_url before a 404 is believed
    rsps.post(API + "/users", status=201, json=[user("new")])

    result = run_module(capsys, diff=True, name=["new"])

    assert [c.request.method for c in rsps.calls] == ["GET", "GET", "POST"]
    assert result["diff"]["after"] == {"new": {"admin": False, "groups": []}}
