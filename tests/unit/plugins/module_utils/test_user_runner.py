# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of module_utils/user_runner.py: UserRemovalRunner deletes users once their servers are gone, on a fake hub
with a fake clock (FakeHub and FakeClock in helpers.py); remove_users_and_servers applies it through a JupyterHubModule
on a mocked hub, and ends the task with what went and what did not."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call
from ansible_collections.jupyterhub.hub.plugins.module_utils.user_runner import UserRemovalRunner, remove_users_and_servers
from ansible_collections.jupyterhub.hub.plugins.module_utils.users import UserDeletion, user_removal_plan
from ansible_collections.jupyterhub.hub.tests.unit.helpers import (API, FakeHub, HubClient, exit_result, hub_error, running, server_model, user_model,
                                                                   users_before, writes)


def removal_runner(hub, clock, timeout=300, **kwargs):
    return UserRemovalRunner(HubClient(hub), deadline=clock() + timeout, clock=clock, sleep=clock.sleep, **kwargs)


# -- UserRemovalRunner: the users once their servers are gone ------------------------------------------------


def still_stopping(user):
    return hub_error(400, "%s's server is in the process of stopping, please wait." % user, method="DELETE", path="/users/" + user)


def test_users_are_deleted_once_their_servers_are_gone(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["stopping", "stopped"]
    hub.script[("a", "gpu")] = ["stopping", "stopped", "absent"]
    before = users_before(hub, {("a", ""): "started", ("a", "gpu"): "started"})
    plan = user_removal_plan(["a"], before)

    outcome = removal_runner(hub, clock, current=before).run(plan)

    assert outcome.failures == {}
    assert outcome.changed is True
    assert sorted(hub.requests[:2]) == [("DELETE", "/users/a/server", None), ("DELETE", "/users/a/servers/gpu", {"remove": True})]
    assert hub.requests[2:] == [("DELETE", "/users/a", None)]
    assert hub.reads == [["a"], ["a"]]  # the user deletion waited until the named server was gone
    assert outcome.done[2:] == ["DELETE /users/a"]


def test_a_user_whose_server_does_not_go_is_kept_and_the_others_deleted(clock):
    hub = FakeHub(["a", "b"])
    hub.script[("a", "gpu")] = ["started"]
    hub.errors[("DELETE", "/users/a/servers/gpu")] = hub_error(403, "Action is not authorized", method="DELETE", path="/users/a/servers/gpu")
    before = users_before(hub, {("a", "gpu"): "started"})
    plan = user_removal_plan(["a", "b"], before)

    outcome = removal_runner(hub, clock, current=before).run(plan)

    assert ("DELETE", "/users/a", None) not in hub.requests
    assert ("DELETE", "/users/b", None) in hub.requests
    assert outcome.failures == {("a", "gpu"): ("DELETE /users/a/servers/gpu: 403 Forbidden: Action is not authorized", 403)}
    assert outcome.done == ["DELETE /users/b"]
    assert outcome.not_done == ["DELETE /users/a/servers/gpu", "DELETE /users/a"]


def test_a_deletion_refused_while_the_default_server_stops_is_sent_again_once_it_stopped(clock):
    hub = FakeHub(["a", "b"])
    hub.script[("a", "")] = ["stopping", "stopping", "stopped"]
    hub.errors[("DELETE", "/users/a")] = [still_stopping("a")]
    before = users_before(hub, {})
    plan = user_removal_plan(["a", "b"], before)

    outcome = removal_runner(hub, clock, current=before).run(plan)

    assert outcome.failures == {}
    assert sorted(hub.requests) == [("DELETE", "/users/a", None), ("DELETE", "/users/a", None), ("DELETE", "/users/b", None)]
    assert hub.reads == [["a"], ["a"]]  # only the refused user's server is waited for
    assert sorted(outcome.done) == ["DELETE /users/a", "DELETE /users/b"]


def test_a_default_server_that_never_stops_ends_the_wait_at_the_deadline(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["stopping"]
    hub.errors[("DELETE", "/users/a")] = [still_stopping("a")]
    before = users_before(hub, {})

    outcome = removal_runner(hub, clock, timeout=5, current=before).run(user_removal_plan(["a"], before))

    assert outcome.failures == {("a", ""): ("not stopped before its user is deleted within the wait timeout: still stopping", None)}
    assert outcome.not_done == ["DELETE /users/a"]
    assert clock.now <= 1005


def test_a_hub_that_keeps_saying_please_wait_fails_at_the_deadline_with_its_message(clock):
    hub = FakeHub(["a"])
    hub.errors[("DELETE", "/users/a")] = [still_stopping("a")] * 100
    before = users_before(hub, {})

    outcome = removal_runner(hub, clock, timeout=5, current=before).run(user_removal_plan(["a"], before))

    message, status = outcome.failures[UserDeletion("a").key]
    assert status == 400 and "please wait" in message
    assert outcome.not_done == ["DELETE /users/a"]
    assert 1005 <= clock.now < 1006


# -- remove_users_and_servers: through a JupyterHubModule, on a mocked hub ------------------------------------

# a: her default server and gpu run; b: lab runs.
USERS = {"a": user_model("a", servers=[running(""), running("gpu")]), "b": user_model("b", servers=[running("lab")])}
# What an earlier apply of the same task sent (a roster's group change).
EARLIER = [Call("DELETE", "/groups/physics/users", {"users": ["a", "b"]})]


def mock_removal(rsps, gpu_status=204):
    """The hub's answers to the removal of a and b: gpu's removal answered ``gpu_status``, the others 204, then the
    read that finds the servers that went gone (gpu still there, unless it went)."""
    if gpu_status < 400:
        rsps.delete(API + "/users/a/servers/gpu", status=gpu_status, body="")
    else:
        rsps.delete(API + "/users/a/servers/gpu", status=gpu_status, json={"status": gpu_status, "message": "Action is not authorized"})
    rsps.delete(API + "/users/a/server", status=204, body="")
    rsps.delete(API + "/users/b/servers/lab", status=204, body="")
    left = [server_model(""), running("gpu")] if gpu_status >= 400 else [server_model("")]
    rsps.get(API + "/users/a", json=user_model("a", servers=left))
    rsps.get(API + "/users/b", json=user_model("b", servers=[]))
    rsps.delete(API + "/users/b", status=204, body="")
    if gpu_status < 400:
        rsps.delete(API + "/users/a", status=204, body="")


@pytest.mark.parametrize(
    "how, action, servers_key",
    [({}, "remove", "removed_servers"), ({"action": "suspend", "servers_key": "stopped_servers"}, "suspend", "stopped_servers")],
    ids=["remove", "suspend"],
)
def test_a_server_that_does_not_stop_ends_the_task_with_what_went_and_what_did_not(make_module, rsps, capsys, how, action, servers_key):
    mock_removal(rsps, gpu_status=403)
    module = make_module()
    plan = user_removal_plan(["a", "b"], USERS)

    result = exit_result(capsys, lambda: remove_users_and_servers(module, plan, USERS, done_before=EARLIER, users=[], **how))

    assert result["failed"] is True
    assert result["msg"] == "failed to %s user(s) a: server 'gpu' of user a: DELETE /users/a/servers/gpu: 403 Forbidden: Action is not authorized" % action
    assert result["changed"] is True  # b went
    assert result["plan"] == ["DELETE /groups/physics/users", "DELETE /users/a/servers/gpu", "DELETE /users/a/server", "DELETE /users/b/servers/lab",
                              "DELETE /users/a", "DELETE /users/b"]
    assert result["done"][0] == "DELETE /groups/physics/users"
    assert sorted(result["done"][1:]) == ["DELETE /users/a/server", "DELETE /users/b", "DELETE /users/b/servers/lab"]
    assert result["not_done"] == ["DELETE /users/a/servers/gpu", "DELETE /users/a"]
    assert result[servers_key] == [{"user": "a", "server": ""}, {"user": "b", "server": "lab"}]  # gpu did not go
    assert result["status"] == 403
    assert result["failure"] == {"method": "DELETE", "path": "/users/a/servers/gpu", "status": 403, "message": "Action is not authorized"}
    assert result["users"] == []  # what the caller returns goes with the failure
    assert ("DELETE", "/users/a", None) not in writes(rsps)
    assert "exception" not in result


def test_a_removal_where_everything_goes_returns_the_servers_and_leaves_the_task_to_the_caller(make_module, rsps):
    mock_removal(rsps)
    module = make_module()
    plan = user_removal_plan(["a", "b"], USERS)

    gone = remove_users_and_servers(module, plan, USERS)

    assert gone == [{"user": "a", "server": "gpu"}, {"user": "a", "server": ""}, {"user": "b", "server": "lab"}]
    assert module.changes_made is True
    assert sorted(writes(rsps)) == [("DELETE", "/users/a", None), ("DELETE", "/users/a/server", None), ("DELETE", "/users/a/servers/gpu", {"remove": True}),
                                    ("DELETE", "/users/b", None), ("DELETE", "/users/b/servers/lab", {"remove": True})]


def test_check_mode_sends_nothing_and_returns_the_servers_that_would_go(make_module, rsps):
    module = make_module(check_mode=True)

    gone = remove_users_and_servers(module, user_removal_plan(["a", "b"], USERS), USERS)

    assert gone == [{"user": "a", "server": "gpu"}, {"user": "a", "server": ""}, {"user": "b", "server": "lab"}]
    assert len(rsps.calls) == 0 and module.changes_made is False
