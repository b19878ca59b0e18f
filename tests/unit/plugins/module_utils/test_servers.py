# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/servers.py: paths, states and models of servers, the start body per hub version, and the plans, as plain functions."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils import servers
from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import (
    ALL_SERVERS,
    READY,
    REMOVED,
    STOPPED,
    ServerCall,
    describe,
    differences,
    is_already_running,
    is_still_stopping,
    plan_servers,
    removed_servers,
    require_readable_servers,
    result_model,
    server_keys,
    server_path,
    server_status,
    start_body,
    summarize_servers,
    with_servers,
)
from ansible_collections.jupyterhub.hub.plugins.module_utils.users import UserDeletion
from ansible_collections.jupyterhub.hub.tests.unit.helpers import calls, running, server_model, user_model


def plan_for(names, current, server_name, state, **options):
    """plan_servers for the servers a task naming ``names`` and ``server_name`` acts on."""
    return plan_servers(server_keys(names, current, server_name), current, state, **options)


# -- paths, states, models ------------------------------------------------------------------


def test_paths_and_names():
    assert server_path("a b") == "/users/a%20b/server"
    assert server_path("alice", "gpu") == "/users/alice/servers/gpu"
    assert describe(("alice", "")) == "the default server of user alice"
    assert describe(("alice", "gpu")) == "server 'gpu' of user alice"
    assert describe(UserDeletion("alice").key) == "user alice"


@pytest.mark.parametrize(
    "server, status",
    [(None, "absent"), (server_model(pending="check"), "pending check")]
    + [(server_model(status=status), status) for status in ("started", "starting", "stopping", "stopped")],
)
def test_server_status(server, status):
    assert server_status(server) == status


def test_server_call_goals_and_done_statuses():
    start = ServerCall("POST", "alice", "gpu", {"user_options": {}})
    stop = ServerCall("DELETE", "alice")
    remove = ServerCall("DELETE", "alice", "gpu", {"remove": True}, goal=REMOVED)
    create = ServerCall("PUT", "alice", "gpu", {}, goal=STOPPED)

    assert (str(start), start.goal, start.done_statuses, start.key) == ("POST /users/alice/servers/gpu", READY, (), ("alice", "gpu"))
    assert (str(stop), stop.goal, stop.done_statuses) == ("DELETE /users/alice/server", STOPPED, (404,))
    assert remove.goal == REMOVED
    assert create.done_statuses == (409,)  # a parallel run created it first


def test_the_server_model_of_a_key():
    users = {"a": user_model("a", servers=[running("gpu")]), "b": None, "c": user_model("c")}
    assert servers.server_model(users, ("a", "gpu"))["ready"] is True
    assert servers.server_model(users, ("a", "")) is None
    assert servers.server_model(users, ("b", "")) is None and servers.server_model(users, ("c", "")) is None
    assert servers.server_model(users, ("ghost", "")) is None


def test_the_hubs_answers_that_mean_the_goal_is_met_or_near():
    assert is_already_running(JupyterHubError("a is already running", status=400))
    assert not is_already_running(JupyterHubError("a is already running", status=500))
    assert not is_already_running(JupyterHubError("Invalid server_name", status=400))
    assert is_still_stopping(JupyterHubError("a's server is in the process of stopping, please wait.", status=400))
    assert not is_still_stopping(JupyterHubError("Not Found", status=404))


def test_servers_a_token_cannot_read_fail_before_any_change():
    current = {"a": user_model("a", servers=[]), "b": user_model("b"), "c": None, "d": user_model("d")}
    require_readable_servers({"a": current["a"], "c": None})
    require_readable_servers(current, names=["a", "c"])
    with pytest.raises(JupyterHubError) as caught:
        require_readable_servers(current, why="which go first")
    assert str(caught.value) == (
        "the token cannot read the servers of b, d (scope read:servers), which go first: give it the servers or admin:servers scope. "
        "Nothing was changed."
    )
    assert caught.value.status is None


def test_with_servers_puts_the_new_models_in():
    current = {"a": user_model("a", servers=[running(), server_model("gpu")]), "b": None, "c": None}
    users = with_servers(current, {("a", ""): server_model(), ("a", "gpu"): None, ("a", "new"): running("new"), ("b", ""): running(),
                                   ("c", ""): None})
    assert sorted(users["a"]["servers"]) == ["", "new"]
    assert users["a"]["servers"][""]["ready"] is False and users["a"]["servers"]["new"]["ready"] is True
    # a user not on the hub (an earlier task would create it in a checked play) holds its predicted servers
    assert users["b"] == {"name": "b", "servers": {"": running()}}
    assert users["c"] is None
    assert sorted(current["a"]["servers"]) == ["", "gpu"] and current["a"]["servers"][""]["ready"] is True  # not changed


def test_removed_servers_leave_out_the_failures_and_the_user_deletions():
    plan = [ServerCall("DELETE", "a", "gpu", {"remove": True}, goal=REMOVED), ServerCall("DELETE", "b"), UserDeletion("a")]
    assert removed_servers(plan) == [{"user": "a", "server": "gpu"}, {"user": "b", "server": ""}]
    assert removed_servers(plan, failures=[("b", "")]) == [{"user": "a", "server": "gpu"}]


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
    current = {"a": user_model("a", servers=[]), "b": user_model("b", servers=[server_model()]), "c": user_model("c", servers=[running()])}
    plan, goals, after, warnings = plan_for(["a", "b", "c"], current, "", "started")

    assert calls(plan, "after_stop") == [("POST", "/users/a/server", None, False), ("POST", "/users/b/server", None, False)]
    assert goals == {("a", ""): READY, ("b", ""): READY, ("c", ""): READY}
    assert after[("a", "")]["ready"] is True and after[("b", "")]["ready"] is True
    assert after[("c", "")] is current["c"]["servers"][""]
    assert warnings == []


def test_a_server_starting_or_running_is_not_started_again():
    current = {"a": user_model("a", servers=[server_model(status="starting")]), "b": user_model("b", servers=[running()])}
    plan, goals, dummy, dummy = plan_for(["a", "b"], current, "", "started")

    assert plan == []
    assert goals == {("a", ""): READY, ("b", ""): READY}


def test_a_server_still_stopping_is_started_once_stopped():
    current = {"a": user_model("a", servers=[server_model(status="stopping")])}
    plan, dummy, dummy, dummy = plan_for(["a"], current, "", "started")

    assert calls(plan, "after_stop") == [("POST", "/users/a/server", None, True)]


def test_named_server_with_options_body_and_prediction():
    body = {"user_options": {"profile": "gpu"}, "display_name": "GPU"}
    plan, dummy, after, dummy = plan_for(
        ["a"], {"a": user_model("a", servers=[])}, "gpu", "started", body=body, user_options={"profile": "gpu"}, display_name="GPU"
    )

    assert calls(plan, "after_stop") == [("POST", "/users/a/servers/gpu", body, False)]
    predicted = after[("a", "gpu")]
    assert (predicted["name"], predicted["full_name"], predicted["ready"]) == ("gpu", "a/gpu", True)
    assert predicted["user_options"] == {"profile": "gpu"}
    assert predicted["display_name"] == "GPU"


def test_other_options_on_a_running_server_only_warn():
    current = {"a": user_model("a", servers=[running("gpu", user_options={"profile": "cpu", "size": 1})])}
    plan, dummy, after, warnings = plan_for(["a"], current, "gpu", "started", user_options={"profile": "gpu", "size": 1})

    assert plan == []
    assert after[("a", "gpu")]["user_options"] == {"profile": "cpu", "size": 1}
    assert warnings == [
        "Server 'gpu' of user a runs with other user_options (profile) than requested; they apply at its next start. "
        "Use state=restarted or restart_on_change=true to restart it now."
    ]


def test_other_options_restart_with_restart_on_change():
    current = {
        "a": user_model("a", servers=[running(user_options={"profile": "cpu"})]),
        "b": user_model("b", servers=[running(user_options={"profile": "gpu"})]),
    }
    body = {"user_options": {"profile": "gpu"}}
    plan, dummy, after, warnings = plan_for(
        ["a", "b"], current, "", "started", body=body, user_options={"profile": "gpu"}, restart_on_change=True
    )

    assert calls(plan, "after_stop") == [("DELETE", "/users/a/server", None, False), ("POST", "/users/a/server", body, True)]
    assert after[("a", "")]["user_options"] == {"profile": "gpu"}
    assert warnings == []


def test_restarted_restarts_running_and_starts_stopped():
    current = {"a": user_model("a", servers=[running()]), "b": user_model("b", servers=[server_model(status="starting")]), "c": user_model("c", servers=[])}
    plan, goals, dummy, dummy = plan_for(["a", "b", "c"], current, "", "restarted")

    assert calls(plan, "after_stop") == [
        ("DELETE", "/users/a/server", None, False),
        ("POST", "/users/a/server", None, True),
        ("DELETE", "/users/b/server", None, False),
        ("POST", "/users/b/server", None, True),
        ("POST", "/users/c/server", None, False),
    ]
    assert set(goals.values()) == {READY}


def test_stop_running_and_starting_only():
    current = {
        "a": user_model("a", servers=[running()]),
        "b": user_model("b", servers=[server_model(status="starting")]),
        "c": user_model("c", servers=[server_model()]),
        "d": user_model("d", servers=[]),
        "e": None,
    }
    plan, goals, after, dummy = plan_for(["a", "b", "c", "d", "e"], current, "", "stopped")

    assert calls(plan, "after_stop") == [("DELETE", "/users/a/server", None, False), ("DELETE", "/users/b/server", None, False)]
    assert plan[0].done_statuses == (404,)
    assert set(goals.values()) == {STOPPED}
    assert after[("a", "")]["ready"] is False and after[("a", "")]["stopped"] is True
    assert after[("d", "")] is None and after[("e", "")] is None


def test_absent_removes_named_servers_that_exist():
    current = {"a": user_model("a", servers=[running("gpu")]), "b": user_model("b", servers=[server_model("gpu")]), "c": user_model("c", servers=[]), "d": None}
    plan, goals, after, dummy = plan_for(["a", "b", "c", "d"], current, "gpu", "absent")

    assert calls(plan, "after_stop") == [
        ("DELETE", "/users/a/servers/gpu", {"remove": True}, False),
        ("DELETE", "/users/b/servers/gpu", {"remove": True}, False),
    ]
    assert set(goals.values()) == {REMOVED}
    assert set(after.values()) == {None}


def test_every_server_of_the_users_with_the_star():
    current = {
        "a": user_model("a", servers=[running(), running("gpu"), server_model("old")]),
        "b": user_model("b", servers=[server_model(), server_model("gpu", "starting")]),
        "c": user_model("c", servers=[]),
        "d": None,
    }

    assert server_keys(["a", "b", "c", "d"], current, ALL_SERVERS) == [
        ("a", ""), ("a", "gpu"), ("a", "old"), ("b", ""), ("b", "gpu"), ("c", ""), ("d", "")
    ]
    assert server_keys(["a", "c"], current, "gpu") == [("a", "gpu"), ("c", "gpu")]


def test_star_stopped_stops_each_running_server_named_ones_too():
    current = {"a": user_model("a", servers=[running(), running("gpu"), server_model("old")]), "b": user_model("b", servers=[server_model("gpu", "starting")])}
    plan, goals, after, dummy = plan_for(["a", "b"], current, ALL_SERVERS, "stopped")

    assert calls(plan, "after_stop") == [
        ("DELETE", "/users/a/server", None, False),
        ("DELETE", "/users/a/servers/gpu", None, False),
        ("DELETE", "/users/b/servers/gpu", None, False),
    ]
    assert goals == {("a", ""): STOPPED, ("a", "gpu"): STOPPED, ("a", "old"): STOPPED, ("b", ""): STOPPED, ("b", "gpu"): STOPPED}
    assert after[("a", "old")]["stopped"] is True and after[("b", "")] is None


def test_star_absent_deletes_named_servers_and_stops_the_default_one():
    current = {"a": user_model("a", servers=[running(), running("gpu"), server_model("old")]), "b": user_model("b", servers=[server_model()])}
    plan, goals, after, dummy = plan_for(["a", "b"], current, ALL_SERVERS, "absent")

    assert calls(plan, "after_stop") == [
        ("DELETE", "/users/a/server", None, False),
        ("DELETE", "/users/a/servers/gpu", {"remove": True}, False),
        ("DELETE", "/users/a/servers/old", {"remove": True}, False),
    ]
    assert goals == {("a", ""): STOPPED, ("a", "gpu"): REMOVED, ("a", "old"): REMOVED, ("b", ""): STOPPED}
    assert after[("a", "")]["stopped"] is True
    assert after[("a", "gpu")] is None and after[("a", "old")] is None


def test_names_are_quoted():
    plan, dummy, dummy, dummy = plan_for(["a b@c.d"], {"a b@c.d": user_model("a b@c.d", servers=[])}, "x y", "started")

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
        ("d", "gpu"): server_model("gpu", user_options={"p": 1}, display_name="GPU"),
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

# -- state=present: a named server that exists without running (6.0+) -------------------------


def test_present_creates_a_missing_named_server_stopped():
    plan, goals, after, warnings = plan_for(["a"], {"a": user_model("a", servers=[])}, "gpu", "present", user_options={"profile": "gpu"}, display_name="GPU")
    assert calls(plan, "after_stop") == [("PUT", "/users/a/servers/gpu", {"user_options": {"profile": "gpu"}, "display_name": "GPU"}, False)]
    assert plan[0].done_statuses == (409,)  # a parallel run created it first
    assert goals == {}  # nothing to wait for
    assert after[("a", "gpu")]["user_options"] == {"profile": "gpu"}
    assert after[("a", "gpu")]["ready"] is False
    assert warnings == []


def test_present_renames_the_display_name_of_a_stopped_server_and_warns_about_options():
    current = {"a": user_model("a", servers=[server_model("gpu", user_options={"profile": "cpu"}, display_name="Old")])}
    plan, goals, after, warnings = plan_for(["a"], current, "gpu", "present", user_options={"profile": "gpu"}, display_name="GPU")
    assert calls(plan, "after_stop") == [("PATCH", "/users/a/servers/gpu", {"display_name": "GPU"}, False)]
    assert after[("a", "gpu")]["display_name"] == "GPU"
    assert len(warnings) == 1 and "give them when it starts" in warnings[0]


def test_present_with_the_same_options_is_no_change():
    current = {"a": user_model("a", servers=[server_model("gpu", user_options={"profile": "gpu"})])}
    plan, dummy, after, warnings = plan_for(["a"], current, "gpu", "present", user_options={"profile": "gpu"})
    assert plan == []
    assert warnings == []


def test_present_leaves_a_running_server_alone_and_warns_when_it_differs():
    current = {"a": user_model("a", servers=[running("gpu", user_options={"profile": "cpu"})])}
    plan, dummy, after, warnings = plan_for(["a"], current, "gpu", "present", user_options={"profile": "gpu"})
    assert plan == []
    assert after[("a", "gpu")]["user_options"] == {"profile": "cpu"}
    assert len(warnings) == 1 and "give them when it starts" in warnings[0]
