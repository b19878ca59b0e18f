# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of module_utils/server_runner.py: concurrent sending and the waiting loop, with a fake hub and a fake clock."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError
from ansible_collections.jupyterhub.hub.plugins.module_utils.server_runner import ServerRunner
from ansible_collections.jupyterhub.hub.plugins.module_utils.user_runner import UserRemovalRunner
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import READY, REMOVED, STOPPED, ServerCall
from ansible_collections.jupyterhub.hub.plugins.module_utils.users import UserDeletion, user_removal_plan
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, FakeClient, InFlight, server_model


class FakeClock:
    def __init__(self):
        self.now = 1000.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


class FakeHub:
    """Servers that move through scripted statuses, one step per read of the users.

    ``script[key]``: the statuses a server shows at the following reads (the last one stays).
    ``errors[(method, path)]``: the JupyterHubError a call gets, or a list of them: one per call, then success.
    """

    def __init__(self, users):
        self.users = list(users)
        self.script = {}
        self.errors = {}
        self.events = {}
        self.requests = []
        self.reads = []
        self.barrier = None
        self.lock = threading.Lock()

    def status(self, key):
        steps = self.script.get(key) or ["absent"]
        return steps[0]

    def advance(self):
        for key, steps in self.script.items():
            if len(steps) > 1:
                steps.pop(0)


class HubClient(FakeClient):
    """A client of a FakeHub."""

    def __init__(self, hub):
        super(HubClient, self).__init__()
        self.hub = hub

    def request(self, method, path, body=None, timeout=None):
        with self.hub.lock:
            self.hub.requests.append((method, path, body))
        if self.hub.barrier is not None:
            self.hub.barrier.wait()  # every call of the batch must be in flight at once to pass
        error = self.hub.errors.get((method, path))
        if isinstance(error, list):  # one error per call, then none
            error = error.pop(0) if error else None
        if error is not None:
            raise error
        return None

    def get_named(self, collection, names, params=None):
        assert collection == "users"
        assert params == {"include_stopped_servers": "true"}
        self.hub.reads.append(list(names))
        self.hub.advance()
        answer = {}
        for name in names:
            if name not in self.hub.users:
                answer[name] = None
                continue
            servers = {}
            for (user, server), steps in self.hub.script.items():
                if user == name and steps[0] != "absent":
                    servers[server] = server_model(server, steps[0])
            answer[name] = {"name": name, "servers": servers}
        return answer

    def read_events(self, path, max_time=10):
        events = self.hub.events.get(path)
        if isinstance(events, Exception):
            raise events
        return events or []


@pytest.fixture
def clock():
    return FakeClock()


def runner(hub, clock, timeout=300, **kwargs):
    return ServerRunner(HubClient(hub), deadline=clock() + timeout, clock=clock, sleep=clock.sleep, **kwargs)


def removal_runner(hub, clock, timeout=300, **kwargs):
    return UserRemovalRunner(HubClient(hub), deadline=clock() + timeout, clock=clock, sleep=clock.sleep, **kwargs)


def current(hub, statuses):
    """The users as read before the task: {user: {"servers": {server: model}}}."""
    users = dict((name, {"name": name, "servers": {}}) for name in hub.users)
    for (user, server), status in statuses.items():
        if status != "absent":
            users[user]["servers"][server] = server_model(server, status)
    return users


def err(status, message, method="POST", path="/users/a/server"):
    return JupyterHubError(message, status=status, method=method, path=path)


# -- starting a class --------------------------------------------------------------


def test_starts_are_in_flight_together_then_waited_for_in_one_loop(clock):
    hub = FakeHub(["a", "b", "c"])
    hub.barrier = threading.Barrier(3, timeout=5)  # breaks (and fails the test) if the calls go one by one
    for name in "abc":
        hub.script[(name, "")] = ["starting", "starting", "started"]
    hub.script[("c", "")] = ["starting", "starting", "starting", "started"]
    plan = [ServerCall("POST", name) for name in "abc"]

    outcome = runner(hub, clock).run_plan(plan, dict((c.key, READY) for c in plan), current(hub, {}))

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

    run.run_plan([ServerCall("POST", "a"), ServerCall("DELETE", "b")], {("a", ""): READY}, current(hub, {}))

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

    outcome = runner(hub, clock).run_plan(plan, dict((c.key, READY) for c in plan), current(hub, {}))

    assert outcome.failures == {("b", ""): ("Spawn failed: image not found", None)}
    assert outcome.users["a"]["servers"][""]["ready"] is True
    assert outcome.changed is True


def test_a_start_answered_500_waits_for_the_spawn_and_explains_it(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["starting", "starting", "stopped"]
    hub.errors[("POST", "/users/a/server")] = err(500, "Internal Server Error")
    hub.events["/users/a/server/progress"] = [{"failed": True, "message": "Spawn failed: Server didn't respond in 30 seconds"}]
    plan = [ServerCall("POST", "a")]

    outcome = runner(hub, clock).run_plan(plan, {("a", ""): READY}, current(hub, {}))

    assert outcome.failures == {
        ("a", ""): ("Spawn failed: Server didn't respond in 30 seconds (POST /users/a/server answered 500)", 500),
    }
    assert outcome.not_done == ["POST /users/a/server"]
    assert outcome.changed is False


def test_a_start_answered_500_that_becomes_ready_is_fine(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["starting", "started"]
    hub.errors[("POST", "/users/a/server")] = err(503, "slow proxy")

    outcome = runner(hub, clock).run_plan([ServerCall("POST", "a")], {("a", ""): READY}, current(hub, {}))

    assert outcome.failures == {}
    assert outcome.done == ["POST /users/a/server"] and outcome.not_done == []  # it started: done, and a change
    assert outcome.changed is True


def test_a_refused_start_fails_at_once_without_waiting(clock):
    hub = FakeHub(["a", "b"])
    hub.script[("a", "")] = ["starting", "started"]
    hub.errors[("POST", "/users/b/servers/Bad")] = err(400, "Invalid server_name: 'Bad'", path="/users/b/servers/Bad")
    plan = [ServerCall("POST", "a"), ServerCall("POST", "b", "Bad")]

    outcome = runner(hub, clock).run_plan(plan, dict((c.key, READY) for c in plan), current(hub, {}))

    assert outcome.failures == {("b", "Bad"): ("POST /users/b/servers/Bad: 400 Bad Request: Invalid server_name: 'Bad'", 400)}
    assert hub.reads == [["a"]]  # b is not waited for
    assert outcome.done == ["POST /users/a/server"]
    assert outcome.not_done == ["POST /users/b/servers/Bad"]


def test_already_running_is_not_an_error_nor_a_change(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["started"]
    hub.errors[("POST", "/users/a/server")] = err(400, "a is already running")

    outcome = runner(hub, clock).run_plan([ServerCall("POST", "a")], {("a", ""): READY}, current(hub, {}))

    assert outcome.failures == {}
    assert outcome.changed is False
    assert outcome.done == ["POST /users/a/server"]


def test_the_wait_ends_at_the_deadline_and_names_the_state(clock):
    hub = FakeHub(["a", "b"])
    hub.script[("a", "")] = ["starting"]
    hub.script[("b", "")] = ["started"]
    plan = [ServerCall("POST", "a"), ServerCall("POST", "b")]

    outcome = runner(hub, clock, timeout=10).run_plan(plan, dict((c.key, READY) for c in plan), current(hub, {}))

    assert outcome.failures == {("a", ""): ("not ready within the wait timeout: still starting", None)}
    assert clock.now == pytest.approx(1010.0)  # never beyond the deadline
    assert sum(clock.sleeps) == pytest.approx(10.0)
    assert max(clock.sleeps) <= 2.0


def test_the_progress_stream_failing_falls_back_to_a_plain_message(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["stopped"]
    hub.events["/users/a/server/progress"] = err(400, "a is not starting...", method="GET")

    outcome = runner(hub, clock).run_plan([ServerCall("POST", "a")], {("a", ""): READY}, current(hub, {}))

    assert outcome.failures == {("a", ""): ("the server stopped before it was ready", None)}


# -- stopping, removing, restarting ---------------------------------------------------


def test_stops_and_removals_wait_until_gone(clock):
    hub = FakeHub(["a", "b"])
    hub.script[("a", "")] = ["stopping", "stopped"]
    hub.script[("b", "gpu")] = ["stopping", "stopped", "absent"]
    plan = [ServerCall("DELETE", "a"), ServerCall("DELETE", "b", "gpu", {"remove": True}, goal=REMOVED)]

    outcome = runner(hub, clock).run_plan(plan, {("a", ""): STOPPED, ("b", "gpu"): REMOVED}, current(hub, {("a", ""): "started", ("b", "gpu"): "started"}))

    assert outcome.failures == {}
    assert ("DELETE", "/users/b/servers/gpu", {"remove": True}) in hub.requests
    assert hub.reads == [["a", "b"], ["b"]]  # stopped is not removed yet


def test_a_stop_of_a_server_already_gone_is_no_change(clock):
    hub = FakeHub(["a"])
    hub.errors[("DELETE", "/users/a/servers/gpu")] = err(404, "a has no server named 'gpu'", method="DELETE")

    outcome = runner(hub, clock).run_plan([ServerCall("DELETE", "a", "gpu")], {("a", "gpu"): STOPPED}, current(hub, {("a", "gpu"): "started"}))

    assert outcome.failures == {}
    assert outcome.changed is False


def test_restart_stops_waits_then_starts(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["stopping", "stopped", "starting", "started"]
    plan = [ServerCall("DELETE", "a"), ServerCall("POST", "a", after_stop=True)]

    outcome = runner(hub, clock).run_plan(plan, {("a", ""): READY}, current(hub, {("a", ""): "started"}))

    assert [r[0] for r in hub.requests] == ["DELETE", "POST"]
    assert outcome.failures == {}
    assert outcome.users["a"]["servers"][""]["ready"] is True


def test_restart_does_not_start_when_the_stop_failed(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["started"]
    hub.errors[("DELETE", "/users/a/server")] = err(403, "Forbidden", method="DELETE")
    plan = [ServerCall("DELETE", "a"), ServerCall("POST", "a", after_stop=True)]

    outcome = runner(hub, clock).run_plan(plan, {("a", ""): READY}, current(hub, {("a", ""): "started"}))

    assert [r[0] for r in hub.requests] == ["DELETE"]
    assert outcome.failures[("a", "")][1] == 403
    assert outcome.not_done == ["DELETE /users/a/server", "POST /users/a/server"]


def test_restart_does_not_start_when_the_stop_never_ends(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["stopping"]
    plan = [ServerCall("DELETE", "a"), ServerCall("POST", "a", after_stop=True)]

    outcome = runner(hub, clock, timeout=5).run_plan(plan, {("a", ""): READY}, current(hub, {("a", ""): "started"}))

    assert [r[0] for r in hub.requests] == ["DELETE"]
    assert outcome.failures == {("a", ""): ("not stopped before it is started again within the wait timeout: still stopping", None)}
    assert outcome.not_done == ["POST /users/a/server"]


# -- without waiting -------------------------------------------------------------------


def test_without_wait_one_read_and_a_500_is_a_failure(clock):
    hub = FakeHub(["a", "b"])
    hub.script[("a", "")] = ["starting"]
    hub.script[("b", "")] = ["stopped"]
    hub.errors[("POST", "/users/b/server")] = err(500, "error", path="/users/b/server")
    hub.events["/users/b/server/progress"] = [{"failed": True, "message": "Spawn failed: refused"}]
    plan = [ServerCall("POST", "a"), ServerCall("POST", "b")]

    outcome = runner(hub, clock).run_plan(plan, dict((c.key, READY) for c in plan), current(hub, {}), wait=False)

    assert hub.reads == [["a", "b"]]
    assert clock.sleeps == []
    assert outcome.failures == {("b", ""): ("Spawn failed: refused (POST /users/b/server answered 500)", 500)}
    assert outcome.users["a"]["servers"][""]["pending"] == "spawn"


def test_nothing_to_do_reads_nothing(clock):
    hub = FakeHub(["a"])

    outcome = runner(hub, clock).run_plan([], {("a", ""): READY}, current(hub, {("a", ""): "started"}))

    assert hub.reads == [] and hub.requests == []
    assert outcome.changed is False


def test_a_server_already_starting_is_waited_for(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["starting", "started"]

    outcome = runner(hub, clock).run_plan([], {("a", ""): READY}, current(hub, {("a", ""): "starting"}))

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


# -- removing users, their servers first ------------------------------------------------------


def still_stopping(user):
    return err(400, "%s's server is in the process of stopping, please wait." % user, method="DELETE", path="/users/" + user)


def test_users_are_deleted_once_their_servers_are_gone(clock):
    hub = FakeHub(["a"])
    hub.script[("a", "")] = ["stopping", "stopped"]
    hub.script[("a", "gpu")] = ["stopping", "stopped", "absent"]
    before = current(hub, {("a", ""): "started", ("a", "gpu"): "started"})
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
    hub.errors[("DELETE", "/users/a/servers/gpu")] = err(403, "Action is not authorized", method="DELETE", path="/users/a/servers/gpu")
    before = current(hub, {("a", "gpu"): "started"})
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
    before = current(hub, {})
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
    before = current(hub, {})

    outcome = removal_runner(hub, clock, timeout=5, current=before).run(user_removal_plan(["a"], before))

    assert outcome.failures == {("a", ""): ("not stopped before its user is deleted within the wait timeout: still stopping", None)}
    assert outcome.not_done == ["DELETE /users/a"]
    assert clock.now <= 1005


def test_a_hub_that_keeps_saying_please_wait_fails_at_the_deadline_with_its_message(clock):
    hub = FakeHub(["a"])
    hub.errors[("DELETE", "/users/a")] = [still_stopping("a")] * 100
    before = current(hub, {})

    outcome = removal_runner(hub, clock, timeout=5, current=before).run(user_removal_plan(["a"], before))

    message, status = outcome.failures[UserDeletion("a").key]
    assert status == 400 and "please wait" in message
    assert outcome.not_done == ["DELETE /users/a"]
    assert 1005 <= clock.now < 1006
