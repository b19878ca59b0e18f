# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of module_utils/server_runner.py: concurrent sending and the waiting loop, with a fake hub and a fake clock
(FakeHub and FakeClock in helpers.py; removing users is in test_user_runner.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.server_runner import ServerRunner
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import READY, REMOVED, STOPPED, ServerCall
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, FakeHub, HubClient, InFlight, hub_error, users_before


def runner(hub, clock, timeout=300, **kwargs):
    return ServerRunner(HubClient(hub), deadline=clock() + timeout, clock=clock, sleep=clock.sleep, **kwargs)


# -- starting a class --------------------------------------------------------------


def test_starts_are_in_flight_together_then_waited_for_in_one_loop(clock):
    hub = FakeHub(["a", "b", "c"])
    hub.barrier = threading.Barrier(3, timeout=5)  # breaks (and fails the test) if the calls go one by one
    for name in "abc":
        hub.script[(name, "")] = ["starting", "starting", "started"]
    hub.script[("c", "")] = ["starting", "starting", "starting", "started"]
    plan = [ServerCall("POST", name) for name in "abc"]

    outcome = runner(hub, clock).run_plan(plan, dict((c.key, READY) for c in plan), users_before(hub, {}))

    assert sorted(r[1] for r in hub.requests) == ["/users/a/server", "/users/b/server", "/users/c/server"]
    assert outcome.failures == {}
    assert outcome.changed is True
    assert sorted(outcome.done) == sorted(str(c) for c in plan)
    # one read per round, for the users still waiting only
    assert hub.reads == [["a", "b", "c"], ["a", "b", "c"], ["c"]]
    assert clock.sleeps == [0.5, 0.75]
    assert outcome.users["a"]["servers"][""]["ready"] is True
    assert outcome.users["c"]["servers"][""]["ready"] is True


def test_starts_may_wait_out_429_until_the_deadline(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["started"]
    clock.now += 40  # 40 of the 300 s are gone
    client = HubClient(hub)
    run = ServerRunner(client, deadline=1300.0, clock=clock, sleep=clock.sleep)

    run.run_plan([ServerCall("POST", "a"), ServerCall("DELETE", "b")], {("a", ""): READY}, users_before(hub, {}))

    clones = [clone.overrides for clone in client.made]
    assert {"retries": 1000, "max_retry_wait": 260.0} in clones
    assert {} in clones  # a stop keeps the task's retries


def test_threads_are_bounded(clock):
    hub = FakeHub(["u%d" % i for i in range(25)])
    in_flight = InFlight(seconds=0.01)

    class Counting(HubClient):
        def request(self, method, path, body=None, timeout=None):
            with in_flight:
                pass

    run = ServerRunner(Counting(hub), deadline=clock() + 300, clock=clock, sleep=clock.sleep, max_parallel=4)
    run.send_all([ServerCall("POST", name) for name in hub.users])

    assert in_flight.most <= 4


def test_a_failed_spawn_is_reported_with_its_progress_message_and_the_others_kept(clock):
    hub = FakeHub(["a", "b"])
    hub.script[("a", "")] = ["starting", "started"]
    hub.script[("b", "")] = ["starting", "stopped"]
    hub.events["/users/b/server/progress"] = [{"progress": 100, "failed": True, "message": "Spawn failed: image not found"}]
    plan = [ServerCall("POST", "a"), ServerCall("POST", "b")]

    outcome = runner(hub, clock).run_plan(plan, dict((c.key, READY) for c in plan), users_before(hub, {}))

    assert outcome.failures == {("b", ""): ("Spawn failed: image not found", None)}
    assert outcome.users["a"]["servers"][""]["ready"] is True
    assert outcome.changed is True


def test_a_start_answered_500_waits_for_the_spawn_and_explains_it(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["starting", "starting", "stopped"]
    hub.errors[("POST", "/users/a/server")] = hub_error(500, "Internal Server Error")
    hub.events["/users/a/server/progress"] = [{"failed": True, "message": "Spawn failed: Server didn't respond in 30 seconds"}]
    plan = [ServerCall("POST", "a")]

    outcome = runner(hub, clock).run_plan(plan, {("a", ""): READY}, users_before(hub, {}))

    assert outcome.failures == {
        ("a", ""): ("Spawn failed: Server didn't respond in 30 seconds (POST /users/a/server answered 500)", 500),
    }
    assert outcome.not_done == ["POST /users/a/server"]
    assert outcome.changed is False


def test_a_start_answered_500_that_becomes_ready_is_fine(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["starting", "started"]
    hub.errors[("POST", "/users/a/server")] = hub_error(503, "slow proxy")

    outcome = runner(hub, clock).run_plan([ServerCall("POST", "a")], {("a", ""): READY}, users_before(hub, {}))

    assert outcome.failures == {}
    assert outcome.done == ["POST /users/a/server"] and outcome.not_done == []  # it started: done, and a change
    assert outcome.changed is True


def test_a_refused_start_fails_at_once_without_waiting(clock):
    hub = FakeHub(["a", "b"])
    hub.script[("a", "")] = ["starting", "started"]
    hub.errors[("POST", "/users/b/servers/Bad")] = hub_error(400, "Invalid server_name: 'Bad'", path="/users/b/servers/Bad")
    plan = [ServerCall("POST", "a"), ServerCall("POST", "b", "Bad")]

    outcome = runner(hub, clock).run_plan(plan, dict((c.key, READY) for c in plan), users_before(hub, {}))

    assert outcome.failures == {("b", "Bad"): ("POST /users/b/servers/Bad: 400 Bad Request: Invalid server_name: 'Bad'", 400)}
    assert hub.reads == [["a"]]  # b is not waited for
    assert outcome.done == ["POST /users/a/server"]
    assert outcome.not_done == ["POST /users/b/servers/Bad"]


def test_already_running_is_not_an_error_nor_a_change(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["started"]
    hub.errors[("POST", "/users/a/server")] = hub_error(400, "a is already running")

    outcome = runner(hub, clock).run_plan([ServerCall("POST", "a")], {("a", ""): READY}, users_before(hub, {}))

    assert outcome.failures == {}
    assert outcome.changed is False
    assert outcome.done == ["POST /users/a/server"]


def test_the_wait_ends_at_the_deadline_and_names_the_state(clock):
    hub = FakeHub(["a", "b"])
    hub.script[("a", "")] = ["starting"]
    hub.script[("b", "")] = ["started"]
    plan = [ServerCall("POST", "a"), ServerCall("POST", "b")]

    outcome = runner(hub, clock, timeout=10).run_plan(plan, dict((c.key, READY) for c in plan), users_before(hub, {}))

    assert outcome.failures == {("a", ""): ("not ready within the wait timeout: still starting", None)}
    assert clock.now == pytest.approx(1010.0)  # never beyond the deadline
    assert sum(clock.sleeps) == pytest.approx(10.0)
    assert max(clock.sleeps) <= 2.0


def test_the_progress_stream_failing_falls_back_to_a_plain_message(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["stopped"]
    hub.events["/users/a/server/progress"] = hub_error(400, "a is not starting...", method="GET")

    outcome = runner(hub, clock).run_plan([ServerCall("POST", "a")], {("a", ""): READY}, users_before(hub, {}))

    assert outcome.failures == {("a", ""): ("the server stopped before it was ready", None)}


# -- stopping, removing, restarting ---------------------------------------------------


def test_stops_and_removals_wait_until_gone(clock):
    hub = FakeHub(["a", "b"])
    hub.script[("a", "")] = ["stopping", "stopped"]
    hub.script[("b", "gpu")] = ["stopping", "stopped", "absent"]
    plan = [ServerCall("DELETE", "a"), ServerCall("DELETE", "b", "gpu", {"remove": True}, goal=REMOVED)]

    outcome = runner(hub, clock).run_plan(plan, {("a", ""): STOPPED, ("b", "gpu"): REMOVED}, users_before(hub, {("a", ""): "started", ("b", "gpu"): "started"}))

    assert outcome.failures == {}
    assert ("DELETE", "/users/b/servers/gpu", {"remove": True}) in hub.requests
    assert hub.reads == [["a", "b"], ["b"]]  # stopped is not removed yet


def test_a_stop_of_a_server_already_gone_is_no_change(clock):
    hub = FakeHub(["a"])
    hub.errors[("DELETE", "/users/a/servers/gpu")] = hub_error(404, "a has no server named 'gpu'", method="DELETE")

    outcome = runner(hub, clock).run_plan([ServerCall("DELETE", "a", "gpu")], {("a", "gpu"): STOPPED}, users_before(hub, {("a", "gpu"): "started"}))

    assert outcome.failures == {}
    assert outcome.changed is False


def test_restart_stops_waits_then_starts(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["stopping", "stopped", "starting", "started"]
    plan = [ServerCall("DELETE", "a"), ServerCall("POST", "a", after_stop=True)]

    outcome = runner(hub, clock).run_plan(plan, {("a", ""): READY}, users_before(hub, {("a", ""): "started"}))

    assert [r[0] for r in hub.requests] == ["DELETE", "POST"]
    assert outcome.failures == {}
    assert outcome.users["a"]["servers"][""]["ready"] is True


def test_restart_does_not_start_when_the_stop_failed(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["started"]
    hub.errors[("DELETE", "/users/a/server")] = hub_error(403, "Forbidden", method="DELETE")
    plan = [ServerCall("DELETE", "a"), ServerCall("POST", "a", after_stop=True)]

    outcome = runner(hub, clock).run_plan(plan, {("a", ""): READY}, users_before(hub, {("a", ""): "started"}))

    assert [r[0] for r in hub.requests] == ["DELETE"]
    assert outcome.failures[("a", "")][1] == 403
    assert outcome.not_done == ["DELETE /users/a/server", "POST /users/a/server"]


def test_restart_does_not_start_when_the_stop_never_ends(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["stopping"]
    plan = [ServerCall("DELETE", "a"), ServerCall("POST", "a", after_stop=True)]

    outcome = runner(hub, clock, timeout=5).run_plan(plan, {("a", ""): READY}, users_before(hub, {("a", ""): "started"}))

    assert [r[0] for r in hub.requests] == ["DELETE"]
    assert outcome.failures == {("a", ""): ("not stopped before it is started again within the wait timeout: still stopping", None)}
    assert outcome.not_done == ["POST /users/a/server"]


# -- without waiting -------------------------------------------------------------------


def test_without_wait_one_read_and_a_500_is_a_failure(clock):
    hub = FakeHub(["a", "b"])
    hub.script[("a", "")] = ["starting"]
    hub.script[("b", "")] = ["stopped"]
    hub.errors[("POST", "/users/b/server")] = hub_error(500, "error", path="/users/b/server")
    hub.events["/users/b/server/progress"] = [{"failed": True, "message": "Spawn failed: refused"}]
    plan = [ServerCall("POST", "a"), ServerCall("POST", "b")]

    outcome = runner(hub, clock).run_plan(plan, dict((c.key, READY) for c in plan), users_before(hub, {}), wait=False)

    assert hub.reads == [["a", "b"]]
    assert clock.sleeps == []
    assert outcome.failures == {("b", ""): ("Spawn failed: refused (POST /users/b/server answered 500)", 500)}
    assert outcome.users["a"]["servers"][""]["pending"] == "spawn"


def test_nothing_to_do_reads_nothing(clock):
    hub = FakeHub(["a"])

    outcome = runner(hub, clock).run_plan([], {("a", ""): READY}, users_before(hub, {("a", ""): "started"}))

    assert hub.reads == [] and hub.requests == []
    assert outcome.changed is False


def test_a_server_already_starting_is_waited_for(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["starting", "started"]

    outcome = runner(hub, clock).run_plan([], {("a", ""): READY}, users_before(hub, {("a", ""): "starting"}))

    assert outcome.failures == {}
    assert hub.reads == [["a"]]


# -- with the real client: 429 and threads ------------------------------------------------


def test_real_clients_wait_out_429_within_the_deadline(clock, rsps, make_client, sleeps):
    busy = {"status": 429, "message": "Too many users trying to log in right now. Try again in 30 seconds."}
    for dummy in range(3):
        rsps.post(API + "/users/a/server", status=429, headers={"Retry-After": "30"}, json=busy)
    rsps.post(API + "/users/a/server", status=202, body="")
    rsps.post(API + "/users/b/server", status=429, headers={"Retry-After": "400"}, json=busy)
    run = ServerRunner(make_client(retries=1), deadline=clock() + 300, clock=clock, sleep=clock.sleep)

    answers = run.send_all([ServerCall("POST", "a"), ServerCall("POST", "b")])

    assert answers[0] == (None, None)
    assert sleeps == [30, 30, 30]  # more than the task's retries=1: the deadline bounds it
    assert answers[1][1].status == 429
    assert "Try again in 30 seconds" in str(answers[1][1])
