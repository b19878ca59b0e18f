# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_server: the planning as a plain function, the start body per hub version, and whole runs on a mocked hub."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


import pytest


from ansible_collections.jupyterhub.hub.tests.unit import helpers

from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import READY, REMOVED, STOPPED
from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_server
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import (
    differences,
    ALL_SERVERS,
    plan_servers,
    result_model,
    server_keys,
    start_body,
    summarize_servers,
)

API = "http://hub.test/hub/api"


def plan_for(names, current, server_name, state, **options):
    """plan_servers for the servers a task naming ``names`` and ``server_name`` acts on."""
    return plan_servers(server_keys(names, current, server_name), current, state, **options)


def server(name="", ready=False, pending=None, user_options=None, **extra):
    model = dict(name=name, ready=ready, pending=pending, stopped=not ready and not pending, user_options=user_options or {})
    model.update(extra)
    return model


def running(name="", **kwargs):
    return server(name, ready=True, **kwargs)


def user(name, *servers):
    return {"name": name, "servers": dict((s["name"], s) for s in servers)}


def calls(plan):
    return [(c.method, c.path, c.body, getattr(c, "after_stop", False)) for c in plan]


# -- the start body -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "user_options, display_name, major, body",
    [
        ({"profile": "gpu"}, None, 6, {"user_options": {"profile": "gpu"}}),
        ({"profile": "gpu"}, "GPU", 6, {"user_options": {"profile": "gpu"}, "display_name": "GPU"}),
        (None, "GPU", 6, {"display_name": "GPU"}),
        ({}, None, 6, {"user_options": {}}),
        (None, None, 6, None),
        ({"profile": "gpu"}, None, 5, {"profile": "gpu"}),
        ({"user_options": "x"}, None, 5, {"user_options": "x"}),
        ({}, None, 5, {}),
        (None, None, 5, None),
        (None, None, None, None),
    ],
    ids=["6-options", "6-options-display", "6-display", "6-empty-options", "6-none", "5-options-are-the-body",
         "5-no-wrapping", "5-empty", "5-none", "version-not-read"],
)
def test_start_body_per_version(user_options, display_name, major, body):
    assert start_body(user_options, display_name, major) == body


# -- planning -----------------------------------------------------------------------------------


def test_start_stopped_servers_of_a_class_one_call_each():
    current = {"a": user("a"), "b": user("b", server()), "c": user("c", running())}
    plan, goals, after, warnings = plan_for(["a", "b", "c"], current, "", "started")

    assert calls(plan) == [("POST", "/users/a/server", None, False), ("POST", "/users/b/server", None, False)]
    assert goals == {("a", ""): READY, ("b", ""): READY, ("c", ""): READY}
    assert after[("a", "")]["ready"] is True and after[("b", "")]["ready"] is True
    assert after[("c", "")] is current["c"]["servers"][""]
    assert warnings == []


def test_a_server_starting_or_running_is_not_started_again():
    current = {"a": user("a", server(pending="spawn")), "b": user("b", running())}
    plan, goals, dummy, dummy = plan_for(["a", "b"], current, "", "started")

    assert plan == []
    assert goals == {("a", ""): READY, ("b", ""): READY}


def test_a_server_still_stopping_is_started_once_stopped():
    current = {"a": user("a", server(pending="stop"))}
    plan, dummy, dummy, dummy = plan_for(["a"], current, "", "started")

    assert calls(plan) == [("POST", "/users/a/server", None, True)]


def test_named_server_with_options_body_and_prediction():
    body = {"user_options": {"profile": "gpu"}, "display_name": "GPU"}
    plan, dummy, after, dummy = plan_for(
        ["a"], {"a": user("a")}, "gpu", "started", body=body, user_options={"profile": "gpu"}, display_name="GPU"
    )

    assert calls(plan) == [("POST", "/users/a/servers/gpu", body, False)]
    predicted = after[("a", "gpu")]
    assert (predicted["name"], predicted["full_name"], predicted["ready"]) == ("gpu", "a/gpu", True)
    assert predicted["user_options"] == {"profile": "gpu"}
    assert predicted["display_name"] == "GPU"


def test_other_options_on_a_running_server_only_warn():
    current = {"a": user("a", running("gpu", user_options={"profile": "cpu", "size": 1}))}
    plan, dummy, after, warnings = plan_for(["a"], current, "gpu", "started", user_options={"profile": "gpu", "size": 1})

    assert plan == []
    assert after[("a", "gpu")]["user_options"] == {"profile": "cpu", "size": 1}
    assert warnings == [
        "Server 'gpu' of user a runs with other user_options (profile) than requested; they apply at its next start. "
        "Use state=restarted or restart_on_change=true to restart it now."
    ]


def test_other_options_restart_with_restart_on_change():
    current = {"a": user("a", running(user_options={"profile": "cpu"})), "b": user("b", running(user_options={"profile": "gpu"}))}
    body = {"user_options": {"profile": "gpu"}}
    plan, dummy, after, warnings = plan_for(
        ["a", "b"], current, "", "started", body=body, user_options={"profile": "gpu"}, restart_on_change=True
    )

    assert calls(plan) == [("DELETE", "/users/a/server", None, False), ("POST", "/users/a/server", body, True)]
    assert after[("a", "")]["user_options"] == {"profile": "gpu"}
    assert warnings == []


def test_restarted_restarts_running_and_starts_stopped():
    current = {"a": user("a", running()), "b": user("b", server(pending="spawn")), "c": user("c")}
    plan, goals, dummy, dummy = plan_for(["a", "b", "c"], current, "", "restarted")

    assert calls(plan) == [
        ("DELETE", "/users/a/server", None, False),
        ("POST", "/users/a/server", None, True),
        ("DELETE", "/users/b/server", None, False),
        ("POST", "/users/b/server", None, True),
        ("POST", "/users/c/server", None, False),
    ]
    assert set(goals.values()) == {READY}


def test_stop_running_and_starting_only():
    current = {"a": user("a", running()), "b": user("b", server(pending="spawn")), "c": user("c", server()), "d": user("d"), "e": None}
    plan, goals, after, dummy = plan_for(["a", "b", "c", "d", "e"], current, "", "stopped")

    assert calls(plan) == [("DELETE", "/users/a/server", None, False), ("DELETE", "/users/b/server", None, False)]
    assert plan[0].done_statuses == (404,)
    assert set(goals.values()) == {STOPPED}
    assert after[("a", "")]["ready"] is False and after[("a", "")]["stopped"] is True
    assert after[("d", "")] is None and after[("e", "")] is None


def test_absent_removes_named_servers_that_exist():
    current = {"a": user("a", running("gpu")), "b": user("b", server("gpu")), "c": user("c"), "d": None}
    plan, goals, after, dummy = plan_for(["a", "b", "c", "d"], current, "gpu", "absent")

    assert calls(plan) == [
        ("DELETE", "/users/a/servers/gpu", {"remove": True}, False),
        ("DELETE", "/users/b/servers/gpu", {"remove": True}, False),
    ]
    assert set(goals.values()) == {REMOVED}
    assert set(after.values()) == {None}


def test_every_server_of_the_users_with_the_star():
    current = {
        "a": user("a", running(), running("gpu"), server("old")),
        "b": user("b", server(), server("gpu", pending="spawn")),
        "c": user("c"),
        "d": None,
    }

    assert server_keys(["a", "b", "c", "d"], current, ALL_SERVERS) == [
        ("a", ""), ("a", "gpu"), ("a", "old"), ("b", ""), ("b", "gpu"), ("c", ""), ("d", "")
    ]
    assert server_keys(["a", "c"], current, "gpu") == [("a", "gpu"), ("c", "gpu")]


def test_star_stopped_stops_each_running_server_named_ones_too():
    current = {"a": user("a", running(), running("gpu"), server("old")), "b": user("b", server("gpu", pending="spawn"))}
    plan, goals, after, dummy = plan_for(["a", "b"], current, ALL_SERVERS, "stopped")

    assert calls(plan) == [
        ("DELETE", "/users/a/server", None, False),
        ("DELETE", "/users/a/servers/gpu", None, False),
        ("DELETE", "/users/b/servers/gpu", None, False),
    ]
    assert goals == {("a", ""): STOPPED, ("a", "gpu"): STOPPED, ("a", "old"): STOPPED, ("b", ""): STOPPED, ("b", "gpu"): STOPPED}
    assert after[("a", "old")]["stopped"] is True and after[("b", "")] is None


def test_star_absent_deletes_named_servers_and_stops_the_default_one():
    current = {"a": user("a", running(), running("gpu"), server("old")), "b": user("b", server())}
    plan, goals, after, dummy = plan_for(["a", "b"], current, ALL_SERVERS, "absent")

    assert calls(plan) == [
        ("DELETE", "/users/a/server", None, False),
        ("DELETE", "/users/a/servers/gpu", {"remove": True}, False),
        ("DELETE", "/users/a/servers/old", {"remove": True}, False),
    ]
    assert goals == {("a", ""): STOPPED, ("a", "gpu"): REMOVED, ("a", "old"): REMOVED, ("b", ""): STOPPED}
    assert after[("a", "")]["stopped"] is True
    assert after[("a", "gpu")] is None and after[("a", "old")] is None


def test_names_are_quoted():
    plan, dummy, dummy, dummy = plan_for(["a b@c.d"], {"a b@c.d": user("a b@c.d")}, "x y", "started")

    assert plan[0].path == "/users/a%20b%40c.d/servers/x%20y"


def test_differences():
    model = running("gpu", user_options={"profile": "cpu", "a": 1}, display_name="CPU")

    assert differences(None, {"x": 1}) == []
    assert differences(model) == []
    assert differences(model, {"profile": "cpu", "a": 1}, "CPU") == []
    assert differences(model, {"profile": "gpu", "b": 2}, "GPU") == ["user_options (a, b, profile)", "display_name"]
    assert differences(running(), {}) == []  # a hub that keeps no options shows {}


def test_summarize_by_full_name():
    servers = {
        ("a", ""): running(user_options={"p": 1}),
        ("b", ""): None,
        ("c", "gpu"): None,
        ("d", "gpu"): server("gpu", user_options={"p": 1}, display_name="GPU"),
    }

    assert summarize_servers(servers) == {
        "a/": {"state": "started", "user_options": {"p": 1}},
        "b/": {"state": "stopped"},
        "c/gpu": {"state": "absent"},
        "d/gpu": {"state": "stopped", "display_name": "GPU"},
    }


def test_result_model_adds_the_user_and_drops_the_spawner_state():
    assert result_model(("a", ""), running(state={"pid": 42}))["user"] == "a"
    assert "state" not in result_model(("a", ""), running(state={"pid": 42}))
    assert result_model(("a", "gpu"), None) == {
        "user": "a",
        "name": "gpu",
        "full_name": "a/gpu",
        "ready": False,
        "pending": None,
        "stopped": True,
        "url": None,
        "started": None,
        "user_options": None,
    }


# -- whole runs, on a mocked hub -------------------------------------------------------------------


def run_module(capsys, **params):
    return helpers.run_module(jupyterhub_server, capsys, **params)[0]


def hub_user(name, *servers):
    return dict(user(name, *servers), kind="user")


def test_check_mode_sends_nothing_and_predicts(rsps, capsys):
    rsps.get(API + "/users/a", json=hub_user("a"))
    rsps.get(API + "/users/b", json=hub_user("b", running(user_options={"p": 1})))
    rsps.get(API + "/", json={"version": "6.1.1"})

    result = run_module(capsys, check_mode=True, diff=True, name=["a", "b"], user_options={"p": 1})

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


def test_a_start_that_works_and_one_that_fails(rsps, capsys):
    rsps.get(API + "/users/ok", json=hub_user("ok"))
    rsps.get(API + "/users/bad", json=hub_user("bad"))
    rsps.post(API + "/users/ok/server", status=201, body="")
    rsps.post(API + "/users/bad/server", status=500, json={"status": 500, "message": "Internal Server Error"})
    rsps.get(API + "/users/ok", json=hub_user("ok", running(started="2026-11-22T10:00:00Z", state={"pid": 1})))
    rsps.get(API + "/users/bad", json=hub_user("bad", server()))
    rsps.get(API + "/users/bad/server/progress", body='data: {"failed": true, "message": "Spawn failed: refused"}\n\n')

    result = run_module(capsys, name=["ok", "bad"])

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
    rsps.get(API + "/users/a", json=hub_user("a"))
    rsps.get(API + "/users/ghost", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json={"version": "6.1.1"})  # GET / proves api_url before a 404 is believed

    result = run_module(capsys, name=["a", "ghost"])

    assert result["failed"] is True
    assert result["msg"] == "unknown user(s): ghost. Create them first with jupyterhub.hub.jupyterhub_user. Nothing was changed."


def test_stopping_the_server_of_a_missing_user_is_nothing(rsps, capsys):
    rsps.get(API + "/users/ghost", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json={"version": "6.1.1"})  # GET / proves api_url before a 404 is believed

    result = run_module(capsys, name="ghost", state="stopped")

    assert result["changed"] is False
    assert result["server"]["ready"] is False


def test_a_group_stops_every_server_of_its_members(rsps, capsys):
    rsps.get(API + "/groups/class", json={"kind": "group", "name": "class", "users": ["a", "b"]})
    rsps.get(API + "/users/a", json=hub_user("a", running(), server("gpu")))
    rsps.get(API + "/users/b", json=hub_user("b", running("gpu")))

    result = run_module(capsys, check_mode=True, diff=True, group="class", server_name="*", state="stopped")

    assert result["changed"] is True
    assert result["plan"] == ["DELETE /users/a/server", "DELETE /users/b/servers/gpu"]
    assert [(s["user"], s["name"]) for s in result["servers"]] == [("a", ""), ("a", "gpu"), ("b", ""), ("b", "gpu")]
    assert "server" not in result
    assert result["diff"]["after"] == {"a/": {"state": "stopped"}, "a/gpu": {"state": "stopped"}, "b/": {"state": "stopped"}, "b/gpu": {"state": "stopped"}}
    assert [c.request.method for c in rsps.calls] == ["GET", "GET", "GET"]


def test_an_empty_group_is_no_change(rsps, capsys):
    rsps.get(API + "/groups/class", json={"kind": "group", "name": "class", "users": []})

    result = run_module(capsys, group="class")

    assert result["changed"] is False
    assert result["servers"] == [] and result["plan"] == []


def test_a_missing_group_fails_before_any_change(rsps, capsys):
    rsps.get(API + "/groups/ghosts", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json={"version": "6.1.1"})

    result = run_module(capsys, group="ghosts", state="stopped")

    assert result["failed"] is True
    assert result["msg"] == "unknown group(s): ghosts. Create them first with jupyterhub.hub.jupyterhub_group. Nothing was changed."


def test_a_token_that_cannot_read_the_members(rsps, capsys):
    rsps.get(API + "/groups/class", json={"kind": "group", "name": "class"})

    result = run_module(capsys, group="class")

    assert result["failed"] is True
    assert result["msg"].startswith("the token cannot read the members of group(s) class (scope read:groups)")


def test_display_name_needs_6(rsps, capsys):
    rsps.get(API + "/users/a", json=hub_user("a"))
    rsps.get(API + "/", json={"version": "5.5.4"})

    result = run_module(capsys, name="a", server_name="gpu", display_name="GPU")

    assert result["failed"] is True
    assert result["msg"] == "display_name needs JupyterHub 6.0 or later; the hub at http://hub.test/hub/api runs 5.5.4. Nothing was changed."


def test_a_token_that_cannot_read_servers(rsps, capsys):
    rsps.get(API + "/users/a", json={"kind": "user", "name": "a"})

    result = run_module(capsys, name="a")

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
    result = run_module(capsys, **params)

    assert result["failed"] is True
    assert result["msg"].startswith(message)
    assert len(rsps.calls) == 0


# -- state=present: a named server that exists without running (6.0+) -------------------------


def test_present_creates_a_missing_named_server_stopped():
    plan, goals, after, warnings = plan_for(["a"], {"a": user("a")}, "gpu", "present", user_options={"profile": "gpu"}, display_name="GPU")
    assert calls(plan) == [("PUT", "/users/a/servers/gpu", {"user_options": {"profile": "gpu"}, "display_name": "GPU"}, False)]
    assert plan[0].done_statuses == (409,)  # a parallel run created it first
    assert goals == {}  # nothing to wait for
    assert after[("a", "gpu")]["user_options"] == {"profile": "gpu"}
    assert after[("a", "gpu")]["ready"] is False
    assert warnings == []


def test_present_renames_the_display_name_of_a_stopped_server_and_warns_about_options():
    current = {"a": user("a", server("gpu", user_options={"profile": "cpu"}, display_name="Old"))}
    plan, goals, after, warnings = plan_for(["a"], current, "gpu", "present", user_options={"profile": "gpu"}, display_name="GPU")
    assert calls(plan) == [("PATCH", "/users/a/servers/gpu", {"display_name": "GPU"}, False)]
    assert after[("a", "gpu")]["display_name"] == "GPU"
    assert len(warnings) == 1 and "give them when it starts" in warnings[0]


def test_present_with_the_same_options_is_no_change():
    current = {"a": user("a", server("gpu", user_options={"profile": "gpu"}))}
    plan, dummy, after, warnings = plan_for(["a"], current, "gpu", "present", user_options={"profile": "gpu"})
    assert plan == []
    assert warnings == []


def test_present_leaves_a_running_server_alone_and_warns_when_it_differs():
    current = {"a": user("a", running("gpu", user_options={"profile": "cpu"}))}
    plan, dummy, after, warnings = plan_for(["a"], current, "gpu", "present", user_options={"profile": "gpu"})
    assert plan == []
    assert after[("a", "gpu")]["user_options"] == {"profile": "cpu"}
    assert len(warnings) == 1 and "give them when it starts" in warnings[0]


def test_check_mode_predicts_the_servers_of_users_an_earlier_task_creates(rsps, capsys):
    # in a checked play, the task that creates ghost did not run: the start is predicted, not a stopped stub
    rsps.get(API + "/users/a", json=hub_user("a"))
    rsps.get(API + "/users/ghost", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json={"version": "6.1.1"})

    result, out = helpers.run_module(jupyterhub_server, capsys, check_mode=True, diff=True, name=["a", "ghost"])

    assert result["changed"] is True
    assert result["plan"] == ["POST /users/a/server", "POST /users/ghost/server"]
    assert [(s["user"], s["ready"]) for s in result["servers"]] == [("a", True), ("ghost", True)]
    assert result["diff"]["before"] == {"a/": {"state": "stopped"}}
    assert result["diff"]["after"] == {"a/": {"state": "started", "user_options": None}, "ghost/": {"state": "started", "user_options": None}}
    assert [c.request.method for c in rsps.calls] == ["GET", "GET", "GET"]
