# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of module_utils/user_runner.py: UserRemovalRunner deletes users once their servers are gone, on a fake hub
with a fake clock (FakeHub and FakeClock in helpers.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.user_runner import UserRemovalRunner
from ansible_collections.jupyterhub.hub.plugins.module_utils.users import UserDeletion, user_removal_plan
from ansible_collections.jupyterhub.hub.tests.unit.helpers import FakeHub, HubClient, hub_error, users_before


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

