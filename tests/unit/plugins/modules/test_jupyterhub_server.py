# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_server through main(), on a mocked hub (the planning is in test_servers.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_server
from ansible_collections.jupyterhub.hub.tests.unit.helpers import (API, HUB_ROOT, assert_failed_before_any_call, group_model, run_module, running,
                                                                   server_model, user_model)


def test_check_mode_sends_nothing_and_predicts(rsps, capsys):
    rsps.get(API + "/users/a", json=user_model("a", servers=[]))
    rsps.get(API + "/users/b", json=user_model("b", servers=[running(user_options={"p": 1})]))
    rsps.get(API + "/", json=HUB_ROOT)

    result, dummy = run_module(jupyterhub_server, capsys, check_mode=True, diff=True, name=["a", "b"], user_options={"p": 1})

    assert result["changed"] is True
    assert result["plan"] == ["POST /users/a/server"]
    assert [s["ready"] for s in result["servers"]] == [True, True]
    assert [s["user"] for s in result["servers"]] == ["a", "b"]
    assert result["diff"] == {
        "before": {"a/": {"state": "stopped"}, "b/": {"state": "started", "user_options": {"p": 1}}},
        "after": {"a/": {"state": "started", "user_options": {"p": 1}}, "b/": {"state": "started", "user_options": {"p": 1}}},
    }
    assert [c.request.method for c in rsps.calls] == ["GET", "GET", "GET"]
    assert rsps.calls[0].request.params == {"include_stopped_servers": "true"}


def test_check_mode_predicts_the_servers_of_users_an_earlier_task_creates(rsps, capsys):
    # in a checked play, the task that creates ghost did not run: the start is predicted, not a stopped stub
    rsps.get(API + "/users/a", json=user_model("a", servers=[]))
    rsps.get(API + "/users/ghost", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json=HUB_ROOT)

    result, dummy = run_module(jupyterhub_server, capsys, check_mode=True, diff=True, name=["a", "ghost"])

    assert result["changed"] is True
    assert result["plan"] == ["POST /users/a/server", "POST /users/ghost/server"]
    assert [(s["user"], s["ready"]) for s in result["servers"]] == [("a", True), ("ghost", True)]
    assert result["diff"]["before"] == {"a/": {"state": "stopped"}}
    assert result["diff"]["after"] == {"a/": {"state": "started", "user_options": None}, "ghost/": {"state": "started", "user_options": None}}
    assert [c.request.method for c in rsps.calls] == ["GET", "GET", "GET"]


def test_a_start_that_works_and_one_that_fails(rsps, capsys):
    rsps.get(API + "/users/ok", json=user_model("ok", servers=[]))
    rsps.get(API + "/users/bad", json=user_model("bad", servers=[]))
    rsps.post(API + "/users/ok/server", status=201, body="")
    rsps.post(API + "/users/bad/server", status=500, json={"status": 500, "message": "Internal Server Error"})
    rsps.get(API + "/users/ok", json=user_model("ok", servers=[running(started="2026-11-22T10:00:00Z", state={"pid": 1})]))
    rsps.get(API + "/users/bad", json=user_model("bad", servers=[server_model()]))
    rsps.get(API + "/users/bad/server/progress", body='data: {"failed": true, "message": "Spawn failed: refused"}\n\n')

    result, dummy = run_module(jupyterhub_server, capsys, name=["ok", "bad"])

    assert result["failed"] is True
    assert result["msg"] == (
        "1 of 2 servers failed to start (servers has the state of each): the default server of user bad: "
        "Spawn failed: refused (POST /users/bad/server answered 500)"
    )
    assert result["failed_servers"] == [
        {"user": "bad", "server": "", "msg": "Spawn failed: refused (POST /users/bad/server answered 500)", "status": 500}
    ]
    assert result["status"] == 500  # one server failed
    assert result["changed"] is True
    assert result["done"] == ["POST /users/ok/server"]
    assert result["not_done"] == ["POST /users/bad/server"]
    assert [(s["user"], s["ready"]) for s in result["servers"]] == [("ok", True), ("bad", False)]
    assert "state" not in result["servers"][0]


def test_unknown_users_fail_before_any_change(rsps, capsys):
    rsps.get(API + "/users/a", json=user_model("a", servers=[]))
    rsps.get(API + "/users/ghost", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json=HUB_ROOT)  # GET / proves api_url before a 404 is believed

    result, dummy = run_module(jupyterhub_server, capsys, name=["a", "ghost"])

    assert result["failed"] is True
    assert result["msg"] == "unknown user(s): ghost. Create them first with jupyterhub.hub.jupyterhub_user. Nothing was changed."


def test_stopping_the_server_of_a_missing_user_is_nothing(rsps, capsys):
    rsps.get(API + "/users/ghost", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json=HUB_ROOT)  # GET / proves api_url before a 404 is believed

    result, dummy = run_module(jupyterhub_server, capsys, name="ghost", state="stopped")

    assert result["changed"] is False
    assert result["server"]["ready"] is False


def test_a_group_stops_every_server_of_its_members(rsps, capsys):
    rsps.get(API + "/groups/class", json=group_model("class", ["a", "b"]))
    rsps.get(API + "/users/a", json=user_model("a", servers=[running(), server_model("gpu")]))
    rsps.get(API + "/users/b", json=user_model("b", servers=[running("gpu")]))

    result, dummy = run_module(jupyterhub_server, capsys, check_mode=True, diff=True, group="class", server_name="*", state="stopped")

    assert result["changed"] is True
    assert result["plan"] == ["DELETE /users/a/server", "DELETE /users/b/servers/gpu"]
    assert [(s["user"], s["name"]) for s in result["servers"]] == [("a", ""), ("a", "gpu"), ("b", ""), ("b", "gpu")]
    assert "server" not in result
    assert result["diff"]["after"] == {"a/": {"state": "stopped"}, "a/gpu": {"state": "stopped"}, "b/": {"state": "stopped"}, "b/gpu": {"state": "stopped"}}
    assert [c.request.method for c in rsps.calls] == ["GET", "GET", "GET"]


def test_an_empty_group_is_no_change(rsps, capsys):
    rsps.get(API + "/groups/class", json=group_model("class"))

    result, dummy = run_module(jupyterhub_server, capsys, group="class")

    assert result["changed"] is False
    assert result["servers"] == [] and result["plan"] == []


def test_a_missing_group_fails_before_any_change(rsps, capsys):
    rsps.get(API + "/groups/ghosts", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json=HUB_ROOT)

    result, dummy = run_module(jupyterhub_server, capsys, group="ghosts", state="stopped")

    assert result["failed"] is True
    assert result["msg"] == "unknown group(s): ghosts. Create them first with jupyterhub.hub.jupyterhub_group. Nothing was changed."


def test_a_token_that_cannot_read_the_members(rsps, capsys):
    rsps.get(API + "/groups/class", json={"kind": "group", "name": "class"})

    result, dummy = run_module(jupyterhub_server, capsys, group="class")

    assert result["failed"] is True
    assert result["msg"].startswith("the token cannot read the members of group(s) class (scope read:groups)")


def test_display_name_needs_6(rsps, capsys):
    rsps.get(API + "/users/a", json=user_model("a", servers=[]))
    rsps.get(API + "/", json={"version": "5.5.4"})

    result, dummy = run_module(jupyterhub_server, capsys, name="a", server_name="gpu", display_name="GPU")

    assert result["failed"] is True
    assert result["msg"] == "display_name needs JupyterHub 6.0 or later; the hub at %s runs 5.5.4. Nothing was changed." % API


def test_a_token_that_cannot_read_servers(rsps, capsys):
    rsps.get(API + "/users/a", json=user_model("a"))  # no servers without read:servers

    result, dummy = run_module(jupyterhub_server, capsys, name="a")

    assert result["failed"] is True
    assert "read:servers" in result["msg"]


@pytest.mark.parametrize(
    "params, message",
    [
        (dict(name="a", state="absent"), "state=absent deletes a named server: set server_name (* for every server"),
        (dict(name="a", server_name="*"), "server_name=* (every server of the users) is for state=stopped or absent only"),
        (dict(name="a", group="g"), "parameters are mutually exclusive: name|group"),
        (dict(state="stopped"), "one of the following is required: name, group"),
        (dict(name="a", display_name="x"), "display_name is for named servers only: set server_name"),
        (dict(name="Alice"), "name: user name 'Alice' has upper-case letters"),
        (dict(name="a", wait_timeout=-1), "wait_timeout cannot be negative"),
    ],
    ids=["absent-default", "star-started", "name-and-group", "neither", "display-default", "upper-case", "negative-timeout"],
)
def test_bad_parameters_fail_before_any_call(rsps, capsys, params, message):
    result, dummy = run_module(jupyterhub_server, capsys, **params)

    assert_failed_before_any_call(result, rsps, message)
