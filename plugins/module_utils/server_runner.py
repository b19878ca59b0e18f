# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Single-user servers, many at once: the Ansible side of servers.py, the runner JupyterHubModule.apply hands their plans to.

It sends the calls and waits for the servers, with a client: it needs nothing
of Ansible itself, but it is part of applying a task's plan, as module.py is,
and user_runner.py builds the removal of users on it. A start call blocks on
the hub for up to ``slow_spawn_timeout`` (10 s by default) before it answers
202, so the calls for a whole class are sent from a small pool of threads, each
with a client (and HTTP session) of its own (module_utils/parallel.py). Waiting is then one polling loop
for all the servers: one read of the users per round (one GET per user for a
few, the paginated user list for many).

A runner is what JupyterHubModule.apply hands a plan to: ``run(plan)`` sends it
and ``predict(plan)`` (check mode) sends nothing; both return an Outcome.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError
from ansible_collections.jupyterhub.hub.plugins.module_utils.parallel import MAX_PARALLEL_CALLS, send_each
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import (
    READY,
    STOPPED,
    WITH_STOPPED_SERVERS,
    describe,
    is_already_running,
    server_model,
    server_path,
    server_status,
)

# Start and stop calls in flight at once (MAX_PARALLEL_CALLS, module_utils/parallel.py): the hub
# spawns concurrently whatever the number; it only bounds the threads and connections of one task.
# Seconds between two reads while waiting: growing from the first to the last.
FIRST_POLL_INTERVAL = 0.5
MAX_POLL_INTERVAL = 2.0
# How long to read a failed spawn's progress stream for its message.
PROGRESS_READ_TIME = 5
# A 429 (concurrent_spawn_limit) is retried after its Retry-After as often as
# the deadline allows: the retry count is not what bounds it.
SPAWN_RETRIES = 1000


class Outcome:
    """What became of a plan: the calls done and not done, and each failure by server.

    ``users``: the users after the plan ({name: model or None}), as last read; in
    check mode, as predicted.
    """

    def __init__(self, users=None, changed=False):
        self.done = []
        self.not_done = []
        self.changed = changed
        self.failures = {}  # (user, server) -> (message, status)
        self.call_errors = {}  # (user, server) -> the JupyterHubError of a failed call
        self.users = dict(users or {})

    def add_failure(self, key, message, status=None, error=None):
        self.failures.setdefault(key, (message, status))
        if error is not None:
            self.call_errors.setdefault(key, error)

    def first_failure(self):
        """The first failure as a failed task returns it: {method, path, status, message}."""
        key = next(iter(self.failures))
        if key in self.call_errors:
            return self.call_errors[key].to_failure()
        return dict(method=None, path=None, status=self.failures[key][1], message=None)

    def details(self, keys=None):
        """"server 'gpu' of user a: <message>; user b: <message>": the failures, in the order of ``keys``."""
        keys = list(self.failures) if keys is None else [key for key in keys if key in self.failures]
        return "; ".join("%s: %s" % (describe(key), self.failures[key][0]) for key in keys)


class ServerRunner:
    """Apply a plan of ServerCalls: every stop at once, wait for them, every start at once, wait for them.

    ``goals``: {(user, server): goal} to wait for; ``current``: the users as read
    before ({name: model, stopped servers included, or None}); ``predicted``: the
    users as check mode predicts them. ``clock`` and ``sleep`` are for tests.
    JupyterHubModule.apply runs it only outside check mode; the client refuses
    writes anyway.
    """

    def __init__(self, client, deadline, goals=None, current=None, predicted=None, wait=True,
                 clock=time.monotonic, sleep=time.sleep, max_parallel=MAX_PARALLEL_CALLS):
        self.client = client
        self.deadline = deadline
        self.goals = goals or {}
        self.current = current or {}
        self.predicted = predicted
        self.wait = wait
        self.clock = clock
        self.sleep = sleep
        self.max_parallel = max_parallel

    # -- the whole plan ---------------------------------------------------------

    def run(self, plan):
        return self.run_plan(plan, self.goals, self.current, wait=self.wait)

    def predict(self, plan):
        """Check mode: nothing is sent, the users are as predicted."""
        return Outcome(users=self.predicted if self.predicted is not None else self.current, changed=bool(plan))

    def run_plan(self, plan, goals, current, wait=True):
        """Send ``plan`` and wait until every server of ``goals`` ({key: goal}) reaches its goal.

        ``current`` is the users as read before ({name: model or None}). Without
        ``wait``, only what the next calls need is waited for (a stop before a
        restart's start). Returns an Outcome, whose ``users`` is ``current``
        updated with every later read.
        """
        outcome = Outcome(users=current)
        stops = [call for call in plan if call.method != "POST"]
        starts = [call for call in plan if call.method == "POST"]

        self.send(stops, outcome)
        gate = dict((call.key, STOPPED) for call in starts if call.after_stop and call.key not in outcome.failures)
        if gate:
            self.wait_for(gate, outcome, reason="before it is started again")

        ready_to_send = [call for call in starts if call.key not in outcome.failures]
        outcome.not_done.extend(str(call) for call in starts if call.key in outcome.failures)
        start_errors = self.send(ready_to_send, outcome)

        touched = list(dict.fromkeys(call.key for call in plan))
        if wait:
            # a server no call touched and already where it should be needs no read
            todo = dict(
                (key, goal)
                for key, goal in goals.items()
                if key not in outcome.failures and (key in touched or not _reached(goal, server_status(server_model(current, key))))
            )
            if todo:
                self.wait_for(todo, outcome, start_errors=start_errors)
        elif touched:
            outcome.users.update(self.read([key[0] for key in touched]))
            for key, err in start_errors.items():
                # without waiting, a start the hub answered with an error is a failure as it is
                outcome.add_failure(key, self.explain_failure(key, outcome.users, err), err.status, err)
        return outcome

    # -- sending ------------------------------------------------------------------

    def send(self, calls, outcome):
        """Send ``calls`` concurrently, recording each in ``outcome``.

        Returns {key: JupyterHubError} for the starts the hub answered with a 5xx:
        the spawn may still be under way (or failed with a better message in its
        progress), so the waiting decides.
        """
        results = self.send_all(calls)
        start_errors = {}
        for call, (answer, err) in zip(calls, results):
            if err is None:
                outcome.done.append(str(call))
                outcome.changed = True
            elif err.status in call.done_statuses or (call.method == "POST" and is_already_running(err)):
                outcome.done.append(str(call))
            elif call.method == "POST" and err.status is not None and err.status >= 500:
                start_errors[call.key] = err  # not_done for now: the waiting moves it to done if it gets ready
                outcome.not_done.append(str(call))
            else:
                outcome.not_done.append(str(call))
                outcome.add_failure(call.key, str(err), err.status, err)
        return start_errors

    def send_all(self, calls):
        """[(answer, None) or (None, JupyterHubError)] for each call, sent from up to max_parallel threads.

        A start refused with 429 (too many spawns at once) is sent again after
        each Retry-After, until the deadline; a stop keeps the task's retries.
        """
        remaining = max(self.deadline - self.clock(), 0)

        def overrides(call):
            if call.method == "POST":
                return dict(retries=max(self.client.retries, SPAWN_RETRIES), max_retry_wait=remaining)
            return {}

        def send(client, call):
            return client.request(call.method, call.path, body=call.body, timeout=call.timeout)

        return send_each(self.client, calls, send, max_parallel=self.max_parallel, overrides=overrides)

    # -- waiting ------------------------------------------------------------------

    def read(self, users):
        """{name: user model or None}, stopped servers included (a named server exists while stopped)."""
        users = list(dict.fromkeys(users))
        if not users:
            return {}
        return self.client.get_named("users", users, params=WITH_STOPPED_SERVERS)

    def wait_for(self, goals, outcome, start_errors=None, reason=None):
        """Poll until each server of ``goals`` reaches its goal, fails, or the deadline passes.

        A server that should become ready and stops instead has failed: the
        message is its spawn's, read from its progress stream.
        """
        start_errors = start_errors or {}
        waiting = dict(goals)
        interval = FIRST_POLL_INTERVAL
        while True:
            outcome.users.update(self.read([key[0] for key in waiting]))
            users = outcome.users
            for key in list(waiting):
                goal = waiting[key]
                model = server_model(users, key)
                status = server_status(model)
                if _reached(goal, status):
                    del waiting[key]
                    if key in start_errors and goal == READY:
                        # the hub answered the start with an error, and the server got ready all the same
                        _move_to_done(outcome, server_path(*key))
                elif goal == READY and status in ("stopped", "absent"):
                    del waiting[key]
                    start_error = start_errors.get(key)
                    outcome.add_failure(key, self.explain_failure(key, users, start_error), _status_of(start_error), start_error)
            if not waiting:
                return
            now = self.clock()
            if now >= self.deadline:
                break
            self.sleep(min(interval, self.deadline - now))
            interval = min(interval * 1.5, MAX_POLL_INTERVAL)
        for key, goal in waiting.items():
            status = server_status(server_model(users, key))
            message = "not %s %swithin the wait timeout: still %s" % (goal, (reason + " ") if reason else "", status)
            if key in start_errors:
                message = "%s; the start answered %s" % (message, start_errors[key])
            outcome.add_failure(key, message)

    def explain_failure(self, key, users, start_error=None):
        """Why a start failed: the spawn's own message (progress stream), else the start call's error."""
        model = server_model(users, key) if users is not None else None
        message = None
        if model is None or server_status(model) in ("stopped", "absent"):
            message = self.spawn_failure(key)
        if message and start_error is not None:
            return "%s (%s %s answered %s)" % (message, start_error.method, start_error.path, start_error.status)
        if message:
            return message
        if start_error is not None:
            return str(start_error)
        return "the server stopped before it was ready"

    def spawn_failure(self, key):
        """The message of a failed spawn's last progress event, or None."""
        try:
            events = self.client.read_events(server_path(*key) + "/progress", max_time=PROGRESS_READ_TIME)
        except JupyterHubError:
            return None
        for event in reversed(events):
            if event.get("failed"):
                return event.get("message") or None
        return None


def _reached(goal, status):
    if goal == READY:
        return status == "started"
    if goal == STOPPED:
        return status in ("stopped", "absent")
    return status == "absent"


def _move_to_done(outcome, path):
    call = "POST %s" % path
    if call in outcome.not_done:
        outcome.not_done.remove(call)
        outcome.done.append(call)
        outcome.changed = True


def _status_of(err):
    return err.status if err is not None else None
