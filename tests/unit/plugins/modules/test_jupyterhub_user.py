# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_user through main(), on a mocked hub: creation, removal with the servers first, the storage check
(the planning is in test_users.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_user
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, HUB_ROOT, hub_info, listing, run_module, server_model, user_model


# -- state=absent: the servers go first, and the storage check -----------------------------------------


def test_absent_in_check_mode_reads_only_and_predicts_the_servers(rsps, capsys):
    users = [user_model("a", servers=[server_model("", "started"), server_model("gpu", "started")]), user_model("b", servers=[server_model("old", "stopped")])]
    # three names: the first page of the listing answers for all of them on this small hub
    rsps.get(API + "/users", json=listing(*users))
    rsps.get(API + "/info", json=hub_info())

    result, dummy = run_module(jupyterhub_user, capsys, check_mode=True, diff=True, name=["a", "b", "ghost"], state="absent")

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
    rsps.get(API + "/users/a", json=user_model("a", servers=[server_model("", "started"), server_model("gpu", "started")]))
    rsps.get(API + "/info", json=hub_info())
    rsps.delete(API + "/users/a/servers/gpu", status=204, body="")
    rsps.delete(API + "/users/a/server", status=202, body="")
    rsps.get(API + "/users/a", json=user_model("a", servers=[server_model("", "stopped")]))
    rsps.delete(API + "/users/a", status=204, body="")

    result, dummy = run_module(jupyterhub_user, capsys, name="a", state="absent")

    assert result["changed"] is True
    assert result["removed_servers"] == [{"user": "a", "server": "gpu"}, {"user": "a", "server": ""}]
    deletes = [(c.request.method, c.request.path_url) for c in rsps.calls if c.request.method == "DELETE"]
    assert deletes[-1] == ("DELETE", "/hub/api/users/a")
    removal = [c for c in rsps.calls if c.request.path_url == "/hub/api/users/a/servers/gpu"][0]
    assert json.loads(removal.request.body) == {"remove": True}


def test_absent_failing_part_way_lists_done_and_not_done(rsps, capsys):
    rsps.get(API + "/users/a", json=user_model("a", servers=[server_model("gpu", "started")]))
    rsps.get(API + "/users/b", json=user_model("b", servers=[]))
    rsps.get(API + "/info", json=hub_info())
    rsps.delete(API + "/users/a/servers/gpu", status=403, json={"status": 403, "message": "Action is not authorized"})
    rsps.delete(API + "/users/b", status=204, body="")

    result, dummy = run_module(jupyterhub_user, capsys, name=["a", "b"], state="absent")

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
    rsps.get(API + "/users/a", json=dict(user_model("a", servers=[server_model("", "stopped")]), last_activity="2026-06-30T11:20:00Z"))
    rsps.get(API + "/info", json=hub_info("kubespawner.spawner.KubeSpawner"))

    result, dummy = run_module(jupyterhub_user, capsys, name="a", state="absent")

    assert result["failed"] is True
    assert result["msg"].startswith("the task would delete 1 user (a), and the hub's spawner kubespawner.spawner.KubeSpawner deletes")
    assert "Nothing was changed." in result["msg"] and "delete_storage: true" in result["msg"]
    assert "handle_absent_users: suspend" in result["msg"]
    assert result["removal"]["users"] == [{"name": "a", "admin": False, "created": None, "last_activity": "2026-06-30T11:20:00Z", "servers": [""]}]
    assert result["removal"]["storage"] == "deletes"
    assert result["failure"] == {"method": None, "path": None, "status": None, "message": None}
    assert [c.request.method for c in rsps.calls] == ["GET", "GET"]


@pytest.mark.parametrize("check_mode", [False, True], ids=["run", "check"])
def test_a_bad_spawner_storage_fails_before_any_call(rsps, capsys, check_mode):
    result, dummy = run_module(jupyterhub_user, capsys, check_mode=check_mode, name="a", state="absent",
                               spawner_storage={"kubespawner": "keep"})

    assert result["failed"] is True
    assert result["msg"] == "spawner_storage['kubespawner'] is 'keep': use deletes or keeps"
    assert result["failure"] == {"method": None, "path": None, "status": None, "message": None}
    assert len(rsps.calls) == 0


def test_absent_with_delete_storage_deletes_on_a_kubespawner_hub(rsps, capsys):
    rsps.get(API + "/users/a", json=user_model("a", servers=[]))
    rsps.get(API + "/info", json=hub_info("kubespawner.spawner.KubeSpawner"))
    rsps.delete(API + "/users/a", status=204, body="")

    result, dummy = run_module(jupyterhub_user, capsys, name="a", state="absent", delete_storage=True)

    assert result["changed"] is True
    assert result["removal"]["storage"] == "deletes" and result["removal"]["delete_storage"] is True


def test_absent_with_a_token_that_cannot_read_servers_changes_nothing(rsps, capsys):
    rsps.get(API + "/users/a", json=user_model("a"))

    result, dummy = run_module(jupyterhub_user, capsys, name="a", state="absent")

    assert result["failed"] is True
    assert "read:servers" in result["msg"] and "Nothing was changed." in result["msg"]
    assert len(rsps.calls) == 1


def test_absent_of_users_already_gone_is_no_change(rsps, capsys):
    rsps.get(API + "/users/ghost", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json=HUB_ROOT)  # GET / proves api_url before a 404 is believed

    result, dummy = run_module(jupyterhub_user, capsys, name="ghost", state="absent")

    assert result["changed"] is False
    assert result["plan"] == [] and result["removed_servers"] == []


def test_only_creating_reads_first_and_creates_only_the_missing_in_one_call(rsps, capsys):
    rsps.get(API + "/users/new", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json=HUB_ROOT)  # GET / proves api_url before a 404 is believed
    rsps.get(API + "/users/old", json=user_model("old", groups=["g"]))
    created = rsps.post(API + "/users", status=201, json=[user_model("new")])

    result, dummy = run_module(jupyterhub_user, capsys, name=["new", "old"])

    assert result["changed"] is True
    assert result["plan"] == ["POST /users"]
    assert json.loads(created.calls[0].request.body) == {"usernames": ["new"]}
    assert [u["name"] for u in result["users"]] == ["new", "old"]
    assert result["users"][1]["groups"] == ["g"]
    assert [c.request.method for c in rsps.calls] == ["GET", "GET", "GET", "POST"]


def test_only_creating_users_that_all_exist_sends_no_write(rsps, capsys):
    # a nightly run over an unchanged class: no POST answered 409, nothing in the hub's log but reads
    rsps.get(API + "/users/old", json=user_model("old"))

    result, dummy = run_module(jupyterhub_user, capsys, name=["old"])

    assert result["changed"] is False
    assert result["plan"] == []
    assert result["user"]["name"] == "old"
    assert [c.request.method for c in rsps.calls] == ["GET"]


def test_a_class_on_a_big_hub_is_read_with_one_narrowed_listing(rsps, capsys):
    names = ["cs101-%02d" % number for number in range(30)]
    existing = [user_model(name) for name in names[:10]]
    rsps.get(API + "/users", json=listing(*existing))
    created = rsps.post(API + "/users", status=201, json=[user_model(name) for name in names[10:]])

    result, dummy = run_module(jupyterhub_user, capsys, name=names)

    assert [c.request.method for c in rsps.calls] == ["GET", "POST"]
    assert rsps.calls[0].request.params["name_filter"] == "cs101-"
    assert json.loads(created.calls[0].request.body) == {"usernames": names[10:]}
    assert [u["name"] for u in result["users"]] == names


def test_with_diff_the_users_are_read_first(rsps, capsys):
    rsps.get(API + "/users/new", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json=HUB_ROOT)  # GET / proves api_url before a 404 is believed
    rsps.post(API + "/users", status=201, json=[user_model("new")])

    result, dummy = run_module(jupyterhub_user, capsys, diff=True, name=["new"])

    assert [c.request.method for c in rsps.calls] == ["GET", "GET", "POST"]
    assert result["diff"]["after"] == {"new": {"admin": False, "groups": []}}
